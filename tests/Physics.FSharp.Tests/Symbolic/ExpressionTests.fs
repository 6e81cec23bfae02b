module NuDM.Physics.Tests.ExpressionTests

// placeholder: the tests of this module are being written (see the foundation issue)
