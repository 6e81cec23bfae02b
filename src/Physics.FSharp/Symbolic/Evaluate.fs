namespace NuDM.Symbolic

// placeholder: this module is being written (see the foundation issue)
module internal EvaluatePlaceholder =
    let internal pending = ()
