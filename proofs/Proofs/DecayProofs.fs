/// Proof obligations for decays: the DM-stability bound of seed 000 eq. (4) derived from eq. (3).
module NuDM.Proofs.DecayProofs

open NuDM.Symbolic
open NuDM.Physics

let obligations : Obligation list =
    [ { Id = "decay.stability-scaling"
        Title = "Γ(X→νγ) t_U = 1 gives y_X y_q ∝ (r/3)² sqrt(10 MeV/m_X)"
        Equation = "seed 000 eqs. (3), (4)"
        Statement = "Solving Γ t_U = 1 for P = y_X y_q (positive root) gives P = sqrt(192/(α t_U)) π² m_φ²/m_X^(5/2); with m_φ = r m_X, P/((r/3)² sqrt(10/m_X)) is independent of r and m_X: the bound has exactly the scaling of eq. (4). Its prefactor, evaluated with α = 1/137.036 and t_U = 13.787 Gyr, is reported by `nudm decays` and the tests (the seed prints 2 × 10⁻¹⁵)."
        Domain = "m_X, m_φ, r, α, t_U > 0"
        Check =
          fun () ->
              let p, inR = Decays.stabilityBound.Force()
              let dom = Assumptions.Positive [ "m_X"; "m_phi"; "alpha"; "t_U"; "r" ]
              let m, r = Decays.mX, Decays.r
              let scaling = (r / 3) ** 2 * sqrt (10 / m)
              let ratio = Normal.simplifyWith dom (inR / scaling)
              Prove.all
                  [ Prove.equal dom "P² Γ-equation" (Structure.substitute Decays.product p (Decays.product ** 2 * Decays.width / (Decays.yX ** 2 * Decays.yQ ** 2)) * Decays.tU) Ops.one
                    Prove.equal dom "∂/∂r of P/((r/3)² sqrt(10/m_X))" (Calculus.differentiate r ratio) Ops.zero
                    Prove.equal dom "∂/∂m_X of P/((r/3)² sqrt(10/m_X))" (Calculus.differentiate m ratio) Ops.zero ] } ]
