module NuDM.Physics.Tests.SolveTests

// placeholder: the tests of this module are being written (see the foundation issue)
