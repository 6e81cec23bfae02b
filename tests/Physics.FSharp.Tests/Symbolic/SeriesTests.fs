module NuDM.Physics.Tests.SeriesTests

// placeholder: the tests of this module are being written (see the foundation issue)
