module NuDM.Physics.Tests.CalculusTests

// placeholder: the tests of this module are being written (see the foundation issue)
