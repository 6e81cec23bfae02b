namespace NuDM.Symbolic

// placeholder: this module is being written (physics-kernel issue)
module internal DiracPlaceholder =
    let internal pending = ()
