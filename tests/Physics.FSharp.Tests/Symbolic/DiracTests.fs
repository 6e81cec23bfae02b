module NuDM.Physics.Tests.DiracTests

// placeholder: being written (physics-kernel issue)
