/// Proof obligations for the cross sections (SM CEvNS; the νN → χN pieces are added with the amplitudes).
module NuDM.Proofs.CrossSectionProofs

open NuDM.Symbolic
open NuDM.Physics

let private E, M, T = CrossSections.Enu, CrossSections.M, CrossSections.T

let obligations : Obligation list =
    [ { Id = "xs.sm-positive"
        Title = "SM CEvNS dσ/dT ≥ 0 on 0 ≤ T ≤ T_max^SM"
        Equation = "seed 000 eq. (11), seed 001 eq. (2.10)"
        Statement = "With T = (1 − w) T_max^SM = (1 − w) 2E_ν²/(M + 2E_ν), w ∈ [0, 1]: 1 − MT/(2E_ν²) = (2E_ν + M w)/(M + 2E_ν) > 0, so the kinematic factor never turns negative inside the allowed range (it would only for T > 2E_ν²/M)."
        Domain = "E_ν, M > 0, 0 ≤ w ≤ 1"
        Check =
          fun () ->
              let w = Symbol "w"
              let tmaxSM = (Kinematics.derivation ()).TMaxSM
              let factor = 1 - M * T / (2 * E ** 2)
              let atT = Structure.substitute T ((1 - w) * tmaxSM) factor
              Prove.all
                  [ Prove.equal Kinematics.Domain "factor at T = (1−w) T_max" atT ((2 * E + M * w) / (M + 2 * E))
                    Prove.positive (Assumptions.Positive [ "E_nu"; "M"; "w" ]) "(2E + M w)/(M + 2E)" atT ] } ]
