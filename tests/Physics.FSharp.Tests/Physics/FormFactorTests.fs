module NuDM.Physics.Tests.FormFactorTests

// placeholder: being written (physics-kernel issue)
