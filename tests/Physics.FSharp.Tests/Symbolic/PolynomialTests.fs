module NuDM.Physics.Tests.PolynomialTests

// placeholder: the tests of this module are being written (see the foundation issue)
