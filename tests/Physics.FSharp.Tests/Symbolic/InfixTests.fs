module NuDM.Physics.Tests.InfixTests

// placeholder: the tests of this module are being written (see the foundation issue)
