module NuDM.Physics.Tests.CompileTests

// placeholder: the tests of this module are being written (see the foundation issue)
