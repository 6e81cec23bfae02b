module NuDM.Physics.Tests.NormalTests

// placeholder: the tests of this module are being written (see the foundation issue)
