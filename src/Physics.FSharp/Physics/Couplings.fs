namespace NuDM.Physics

// placeholder: this module is being written (physics-kernel issue)
module internal CouplingsPlaceholder =
    let internal pending = ()
