namespace NuDM.Proofs

// placeholder: this module is being written (see the foundation issue)
module internal ObligationPlaceholder =
    let internal pending = ()
