/// Proof obligations for kinetic decoupling (seed 000 sec. IV, eq. 15) from the kernel's X ν → X ν amplitude.
module NuDM.Proofs.KineticDecouplingProofs

open NuDM.Symbolic
open NuDM.Symbolic.Notation
open NuDM.Physics

let private m, mS, y = Symbol "m_chi", Symbol "m_S", Symbol "y_chi"
let private k, tau, r = Symbol "k", Symbol "tau", Symbol "r"
let private dom = Assumptions.Positive [ "m_chi"; "m_S"; "y_chi"; "k"; "r" ]

/// A(k) = ∫_{−4k²}^{0} (−t) |M|²(s = m² + 2mk, t) dt in the X rest frame (k the neutrino energy), at leading order in k:
/// with t = k² τ the integrand is expanded in k and the polynomial in τ integrated over [−4, 0].
let private leadingMomentumTransfer (amplitude: Expr) =
    let sExpr = m ** 2 + 2 * m * k
    let inK =
        amplitude
        |> Structure.substitute (Symbol "s") sExpr
        |> Structure.substitute (Symbol "t") (k ** 2 * tau)
        |> Structure.substitute mS (r * m)
    let series = Series.puiseux (dom.AndPositive(r ** 2 - 1)) k Ops.zero 3 inK
    let leading = series.Terms |> List.head
    let power, coefficient = leading
    // A = ∫ (−k² τ) · c τ-polynomial · k^power · k² dτ over τ ∈ [−4, 0]
    let integrand = -tau * coefficient
    let tauIntegral = Calculus.definiteIntegral tau (Ops.integer -4) Ops.zero (Normal.simplifyWith dom integrand)
    Q.OfInt 4 + power, Normal.simplifyWith (dom.AndPositive(r ** 2 - 1)) tauIntegral

let obligations : Obligation list =
    [ { Id = "kd.low-energy-amplitude"
        Title = "∫(−t)|M|² dt → 16 y⁴ k⁶/(m²(r² − 1)²) at low neutrino energy, for ν and ν̄"
        Equation = "seed 000 eq. (14), the limit behind eq. (15)"
        Statement = "In the X rest frame (s = m_X² + 2m_X k) with t = k²τ, the kernel's |M|² (averaged over the X spin) of X ν → X ν (S exchanged in u) and of X ν̄ → X ν̄ (s-channel S) both start at order k²: 2y⁴k²/(m_X²(r² − 1)²) with r = m_φ/m_X; the momentum-transfer integral ∫_{−4k²}^{0}(−t)|M|²dt is 16y⁴k⁶/(m_X²(r² − 1)²) at leading order. The condition r > 1 (no resonance at rest) is the seed's m_φ > m_X."
        Domain = "m_X, k > 0, r > 1"
        Check =
          fun () ->
              let nu, nubar = Amplitudes.chiNuScattering.Value
              let expected = 16 * y ** 4 / (m ** 2 * (r ** 2 - 1) ** 2)
              let d = dom.AndPositive(r ** 2 - 1)
              let check name amp =
                  let power, coefficient = leadingMomentumTransfer amp
                  if power <> Q.OfInt 6 then Outcome.Fail(sprintf "%s: leading power k^%O, expected k^6" name power)
                  else Prove.equal d (name + ": coefficient of k⁶") coefficient expected
              Prove.all [ check "X ν" nu.Value; check "X ν̄" nubar.Value ] }
      { Id = "kd.eq15-scaling"
        Title = "γ = H gives T_KD ∝ m_X^(5/4) y_X⁻¹ sqrt(r² − 1)"
        Equation = "seed 000 eqs. (14), (15)"
        Statement = "With ⟨|M|²⟩ ∝ y⁴k²/(m_X²(r² − 1)²) (obligation kd.low-energy-amplitude), the momentum-transfer rate γ = (1/(3 m_X T)) ∫d³k f(1 − f) k² ⟨…⟩ is γ = C y⁴ T⁶/(m_X⁵ (r² − 1)²) with a pure number C (the thermal integral), and H = h T² in radiation domination. Solving γ = H for T (the positive real root of T⁴ = h m_X⁵ (r² − 1)²/(C y⁴)) gives T_KD = (h/C)^(1/4) m_X^(5/4) y⁻¹ sqrt(r² − 1): exactly the powers of eq. (15). Its prefactor depends on C and h and is computed numerically (0.056 keV for the kernel's amplitude, against the printed 0.4 keV)."
        Domain = "m_X, y_X, C, h > 0, r > 1"
        Check =
          fun () ->
              let c, h, tT = Symbol "C", Symbol "h", Symbol "T"
              let d = Assumptions.Positive [ "m_chi"; "y_chi"; "C"; "h"; "T"; "r" ] |> fun a -> a.AndPositive(r ** 2 - 1)
              let gamma = c * y ** 4 * tT ** 6 / (m ** 5 * (r ** 2 - 1) ** 2)
              let hubble = h * tT ** 2
              // γ = H  ⇔  T⁴ = X; solve the quadratic in u = T² for the positive root, then T = sqrt(u)
              let u = Symbol "u"
              let equation = Structure.substitute (tT ** 4) (u ** 2) (Normal.simplifyWith d ((gamma - hubble) / tT ** 2))
              let roots = Solve.polynomialWith (d.AndPositive u) u equation |> List.filter (fun root -> Normal.signWith d root > 0)
              match roots with
              | [ uRoot ] ->
                  let tKD = sqrt uRoot
                  let expected = (h / c) ** rat 1 4 * m ** rat 5 4 / y * sqrt (r ** 2 - 1)
                  Prove.all
                      [ Prove.equal d "T_KD" tKD expected
                        Prove.equal d "∂ln T_KD/∂ln m_X = 5/4" (m * Calculus.differentiate m (ln tKD)) (rat 5 4)
                        Prove.equal d "∂ln T_KD/∂ln y_X = −1" (y * Calculus.differentiate y (ln tKD)) Ops.minusOne ]
              | rs -> Outcome.Fail(sprintf "expected one positive root for T², got %A" rs) } ]
