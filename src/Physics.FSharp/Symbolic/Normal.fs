namespace NuDM.Symbolic

// placeholder: this module is being written (see the foundation issue)
module internal NormalPlaceholder =
    let internal pending = ()
