module NuDM.Physics.Tests.CouplingTests

// placeholder: being written (physics-kernel issue)
