module NuDM.Physics.Tests.FluxTests

// placeholder: being written (physics-kernel issue)
