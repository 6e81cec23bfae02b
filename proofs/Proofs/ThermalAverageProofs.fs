/// Proof obligations for the Gondolo–Gelmini thermal average of NuDM.Physics.ThermalAverages: the change of variables
/// √s = M + Tτ², the Källén function, the scaled Bessel functions that keep the integrand finite, the normalisation,
/// the CM kinematics behind σ = σv_rel/v_rel, and the evaluation forms.
module NuDM.Proofs.ThermalAverageProofs

open NuDM.Symbolic
open NuDM.Physics
open NuDM.Proofs.FormulaChecks

let private all = Assumptions.AllPositive
let private tau, T, M, d, s = ThermalAverages.tau, ThermalAverages.T, ThermalAverages.M, ThermalAverages.d, ThermalAverages.s
let private m1, m2, m = ThermalAverages.m1, ThermalAverages.m2, ThermalAverages.m
/// M = m₁ + m₂, d = m₁ − m₂.
let private withMasses (e: Expr) = e |> Structure.substitute M (m1 + m2) |> Structure.substitute d (m1 - m2)

let obligations : Obligation list =
    [ { Id = "gg.evaluation-forms"
        Title = "the compiled Gondolo–Gelmini integrand, threshold factor, average, constant-σ form and CM kinematics equal the printed formulas"
        Equation = "Gondolo & Gelmini (1991) eq. (3.8)"
        Statement = "Each formula of ThermalAverages is compiled from an evaluation form in the order of operations of ThermalAverage.SigmaV as it was (λ as (√s − M)(√s + M)(s − d²), T⁵ as a product chain, …); brought back to canonical form each equals the printed formula exactly (K₃ᵉ, K₂ᵉ by the Bessel recurrence)."
        Domain = "all parameters > 0"
        Check = fun () -> evaluationForms all ThermalAverages.all }
      { Id = "gg.change-of-variables"
        Title = "√s = M + Tτ²: ds/dτ = 4Tτ√s, τ(√s(τ)) = τ, and √s/T = M/T + τ²"
        Equation = "Gondolo & Gelmini (1991) eq. (3.8)"
        Statement = "With √s = M + Tτ² the measure is ds = 4Tτ√s dτ (so λ(s)/√s · ds = 4Tτ λ dτ, the integrand's factor 4Tτ), the inverse τ = sqrt((√s − M)/T) recovers τ ≥ 0, and K₁(√s/T) = K₁ᵉ(√s/T) e^{−M/T} e^{−τ²}: the exponent of the scaled Bessel function splits into the constant M/T, moved to the denominator, and the Gaussian e^{−τ²}."
        Domain = "τ, T, M > 0"
        Check =
          fun () ->
              Prove.all
                  [ Prove.equal all "ds/dτ" (Calculus.differentiate tau ThermalAverages.mandelstamS) (4 * T * tau * ThermalAverages.sqrtS)
                    Prove.equal all "τ(√s(τ))" (Structure.substitute ThermalAverages.sqrtSSym ThermalAverages.sqrtS ThermalAverages.tauOfSqrtS) tau
                    Prove.equal all "√s/T" (ThermalAverages.sqrtS / T) (M / T + tau ** 2) ] }
      { Id = "gg.kallen"
        Title = "(s − (m₁ + m₂)²)(s − (m₁ − m₂)²) = λ(s, m₁², m₂²)"
        Equation = "Edsjö & Gondolo (1997); Källén function"
        Statement = "The threshold factor used in the integrand, (s − M²)(s − d²) with M = m₁ + m₂, d = m₁ − m₂, is the Källén function λ(s, m₁², m₂²) = s² + m₁⁴ + m₂⁴ − 2sm₁² − 2sm₂² − 2m₁²m₂² (for m₁ = m₂ = m: s(s − 4m²), the equal-mass λ/√s = √s(s − 4m²) of Gondolo–Gelmini); it vanishes at threshold s = M²."
        Domain = "s, m₁, m₂ > 0"
        Check =
          fun () ->
              let factorised = withMasses ((s - M ** 2) * (s - d ** 2))
              Prove.all
                  [ Prove.equal all "λ" factorised ThermalAverages.kallen
                    Prove.equal all "m₁ = m₂" (factorised |> Structure.substitute m1 m |> Structure.substitute m2 m) (s * (s - 4 * m ** 2))
                    Prove.equal all "at threshold" (Structure.substitute s ((m1 + m2) ** 2) ThermalAverages.kallen) Ops.zero ] }
      { Id = "gg.integrand"
        Title = "the τ-integrand is σ λ K₁(√s/T)/√s · ds/dτ · e^{M/T}, and the denominator 8T⁵ñ₁ñ₂ is 8m₁²m₂²T K₂(x₁)K₂(x₂) e^{M/T}"
        Equation = "Gondolo & Gelmini (1991) eq. (3.8)"
        Statement = "Writing the scaled Bessel functions out (K_nᵉ(z) = eᶻK_n(z)), the compiled integrand σ λ K₁ᵉ(√s/T) e^{−τ²} 4Tτ equals e^{M/T} times the integrand of eq. (3.8) in s, σ(s) λ(s) K₁(√s/T)/√s, times ds/dτ; and 8T⁵ ñ₁ ñ₂ with ñ_i = x_i² K₂ᵉ(x_i), x_i = m_i/T, equals 8 m₁² m₂² T K₂(x₁) K₂(x₂) e^{(m₁+m₂)/T}. The factors e^{M/T} cancel in ⟨σv⟩, which is therefore exactly eq. (3.8)."
        Domain = "τ, T, m₁, m₂ > 0"
        Check =
          fun () ->
              let sOfTau = ThermalAverages.mandelstamS
              let rootS = ThermalAverages.sqrtS
              let paper = ThermalAverages.sigma * ThermalAverages.lambda * Ops.besselK Ops.one (rootS / T) / rootS * (4 * T * tau * rootS)
              let n (mi: Expr) = (mi / T) ** 2 * exp (mi / T) * Ops.besselK (Ops.integer 2) (mi / T)
              let denominator = 8 * T ** 5 * n m1 * n m2
              Prove.all
                  [ equalWithExponentials all "integrand" (unscaleBessel ThermalAverages.integrand) (paper * exp (M / T))
                    equalWithExponentials all "denominator" denominator
                        (8 * m1 ** 2 * m2 ** 2 * T * Ops.besselK (Ops.integer 2) (m1 / T) * Ops.besselK (Ops.integer 2) (m2 / T) * exp ((m1 + m2) / T))
                    Prove.equal all "s(τ) in the integrand" sOfTau (rootS ** 2) ] }
      { Id = "gg.cm-kinematics"
        Title = "σ = σv_rel/v_rel with v_rel = 4p/√s = 2 sqrt(1 − 4m²/s); s(p) and p²(s) are inverse"
        Equation = "CM kinematics of two equal masses"
        Statement = "In the CM frame of two particles of mass m, p² = s/4 − m² and the relative velocity is twice the velocity of each, v_rel = 2p/(√s/2) = 4p/√s = 2 sqrt(1 − 4m²/s); σ = σv_rel/v_rel as compiled. s = 4(m² + p²) inverts p²(s)."
        Domain = "s > 4m², m, p > 0"
        Check =
          fun () ->
              let dom = all.AndPositive(s - 4 * m ** 2)
              let p2 = ThermalAverages.pairMomentumSquared
              Prove.all
                  [ Prove.equal dom "v_rel" (4 * sqrt p2 / sqrt s) (2 * sqrt (1 - 4 * m ** 2 / s))
                    Prove.equal dom "σ v_rel" (ThermalAverages.crossSectionFromSigmaV * 2 * sqrt (1 - 4 * m ** 2 / s)) ThermalAverages.sigmaV
                    Prove.equal all "p²(s(p))" (Structure.substitute s ThermalAverages.pairMandelstamS p2) (ThermalAverages.p ** 2) ] }
      { Id = "gg.dimensions"
        Title = "the τ-integrand is in MeV³, ⟨σv⟩ in MeV⁻², λ in MeV⁴"
        Equation = "Gondolo & Gelmini (1991) eq. (3.8)"
        Statement = "With σ in MeV⁻², T, M, d in MeV and τ dimensionless (√s = M + Tτ²), λ has dimension MeV⁴, the integrand σλK₁ᵉe^{−τ²}4Tτ MeV³ (the Bessel and exponential arguments are dimensionless), and I/(8T⁵ñ₁ñ₂) MeV⁻², a cross section."
        Domain = "all symbols > 0"
        Check =
          fun () ->
              let e1 = energy 1
              let units = [ T, e1; M, e1; d, e1; ThermalAverages.sigma, energy -2 ]
              Prove.all
                  [ dimensional all "λ" units (energy 4) ThermalAverages.lambda
                    dimensional all "integrand" units (energy 3) ThermalAverages.integrand
                    dimensional all "⟨σv⟩" [ T, e1; ThermalAverages.integral, energy 3 ] (energy -2) ThermalAverages.average ] } ]
