module NuDM.Physics.Tests.LaTeXTests

// placeholder: the tests of this module are being written (see the foundation issue)
