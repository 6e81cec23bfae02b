namespace NuDM.Physics

// placeholder: this module is being written (see the foundation issue)
module internal KinematicsPlaceholder =
    let internal pending = ()
