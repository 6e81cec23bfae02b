namespace NuDM.Proofs

// placeholder: this module is being written (see the foundation issue)
module internal KinematicsProofsPlaceholder =
    let internal pending = ()
