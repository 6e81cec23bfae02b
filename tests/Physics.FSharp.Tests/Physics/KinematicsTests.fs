module NuDM.Physics.Tests.KinematicsTests

// placeholder: the tests of this module are being written (see the foundation issue)
