module NuDM.Proofs.FluxProofs

/// Proof obligations of this module (being written: physics-kernel issue).
let obligations : NuDM.Proofs.Obligation list = []
