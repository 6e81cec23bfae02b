namespace NuDM.Physics

open NuDM.Symbolic
open NuDM.Physics.Ordered

/// The thermally averaged cross section of Gondolo &amp; Gelmini, Nucl. Phys. B360 (1991) 145, eq. (3.8), and its
/// unequal-mass form (Edsjö &amp; Gondolo, PRD 56 (1997) 1879), for Maxwell–Boltzmann initial states:
///   ⟨σv⟩(T) = ∫_{(m₁+m₂)²}^∞ ds σ(s) λ(s, m₁², m₂²) K₁(√s/T)/√s  /  [8 m₁² m₂² T K₂(m₁/T) K₂(m₂/T)],
/// written in the integration variable τ with √s = M + T τ² (M = m₁ + m₂), in which K₁(√s/T) = K₁ᵉ(√s/T) e^{−M/T} e^{−τ²}
/// and the e^{−M/T} cancels exactly against the scaled K₂ᵉ of the denominator: the integrand is smooth at threshold
/// (even for σ ∝ 1/v) and nothing under- or overflows at any x = m/T. The quadrature itself is numerics (the caller's).
/// Evaluation forms as in Thermodynamics (proven equal in ThermalAverageProofs).
/// Units: masses, T, √s in MeV; s in MeV²; σ and ⟨σv⟩ in MeV⁻².
[<RequireQualifiedAccess>]
module ThermalAverages =
    let private sy = Symbol

    /// τ (dimensionless), T (MeV), M = m₁ + m₂ and d = m₁ − m₂ (MeV), the initial masses m₁, m₂ (MeV), √s (MeV),
    /// s (MeV²), the CM momentum p (MeV), the mass m of each of two equal-mass initial particles (MeV), σ (MeV⁻²).
    let tau, T, M, d, m1, m2, sqrtSSym, s, p, m, sigma = sy "tau", sy "T", sy "M", sy "d", sy "m_1", sy "m_2", sy "sqrt_s", sy "s", sy "p", sy "m", sy "sigma"
    /// I = ∫₀^∞ dτ σ w (MeV³), ñ₁, ñ₂ the scaled reduced densities x_i² K₂ᵉ(x_i) (Thermodynamics.reducedDensityMB).
    let integral, n1, n2 = sy "I", sy "n_1", sy "n_2"
    /// σ₀ (any unit), x = m/T, σv (MeV⁻²).
    let sigma0, x, sigmaV = sy "sigma_0", sy "x", sy "sigma_v"

    // ---------------------------------------------------------------- printed forms

    /// √s = M + T τ²: the change of variables.
    let sqrtS = M + T * tau ** 2
    /// s = (M + T τ²)².
    let mandelstamS = sqrtS ** 2
    /// The inverse, τ = sqrt((√s − M)/T) (where the caller splits the range at a resonance √s = m_R).
    let tauOfSqrtS = Ops.sqrt ((sqrtSSym - M) / T)
    /// The Källén function λ(s, m₁², m₂²) = s² + m₁⁴ + m₂⁴ − 2s m₁² − 2s m₂² − 2m₁²m₂².
    let kallen = s ** 2 + m1 ** 4 + m2 ** 4 - 2 * s * m1 ** 2 - 2 * s * m2 ** 2 - 2 * m1 ** 2 * m2 ** 2
    /// λ = (s − M²)(s − d²) at s = (M + Tτ²)² (the Källén function with M = m₁ + m₂, d = m₁ − m₂).
    let lambda = (mandelstamS - M ** 2) * (mandelstamS - d ** 2)
    /// The τ-integrand σ λ K₁ᵉ(√s/T) e^{−τ²} · 4Tτ (ds = 4Tτ√s dτ, λ/√s · √s = λ, K₁ = K₁ᵉ e^{−√s/T}, the e^{−M/T}
    /// moved to the denominator); ⟨σv⟩ = ∫₀^∞ dτ (this) / (8 T⁵ ñ₁ ñ₂).
    let integrand = sigma * lambda * Ops.besselKe Ops.one (sqrtS / T) * Ops.exp (-(tau ** 2)) * 4 * T * tau
    /// ⟨σv⟩ = I/(8 T⁵ ñ₁ ñ₂), ñ_i = x_i² K₂ᵉ(x_i): the denominator 8 m₁² m₂² T K₂(x₁) K₂(x₂) times e^{M/T}.
    let average = integral / (8 * T ** 5 * n1 * n2)
    /// Closed form for a constant σ₀ and equal masses: ⟨σv⟩ = 4σ₀ K₃(2x)/(x K₂(x)²) = 4σ₀ K₃ᵉ(2x)/(x K₂ᵉ(x)²) (the e^{−2x}
    /// cancel), from ∫_{2x}^∞ (z² − 4x²) z² K₁(z) dz = 16 x³ K₃(2x). Limits σ₀ (x → 0) and σ₀ · 4/√(πx) (x → ∞).
    let constantCrossSection =
        4 * sigma0 * Ops.besselKe (Ops.integer 3) (2 * x) / (x * Ops.besselKe (Ops.integer 2) x ** 2)
    /// p² = s/4 − m² for two particles of mass m in their CM frame.
    let pairMomentumSquared = s / 4 - m ** 2
    /// σ = σv_rel/v_rel for two particles of mass m in their CM frame, v_rel = 4p/√s.
    let crossSectionFromSigmaV = sigmaV / (4 * Ops.sqrt pairMomentumSquared / Ops.sqrt s)
    /// s = 4(m² + p²).
    let pairMandelstamS = 4 * (m ** 2 + p ** 2)

    // ---------------------------------------------------------------- evaluation forms (ThermalAverage.SigmaV)

    let private tt = (T .* tau) .* tau // √s − M
    let private rs = M .+ tt // √s
    let private sEval = rs .* rs
    let private lambdaEval = (tt .* (rs .+ M)) .* (sEval .- (d .* d)) // (s − M²)(s − d²), s − M² = (√s − M)(√s + M)
    let private p2Eval = (s ./ int 4) .- (m .* m)

    // ---------------------------------------------------------------- formulas

    let private pTau = "tau", "1", "integration variable, √s = M + T τ²"
    let private pT = "T", "MeV", "temperature"
    let private pM = "M", "MeV", "m₁ + m₂"
    let private pd = "d", "MeV", "m₁ − m₂"
    let private gg = "Gondolo & Gelmini (1991) eq. (3.8); Edsjö & Gondolo (1997)"

    /// s(τ, T, M).
    let MandelstamS =
        EvaluatedFormula.create mandelstamS sEval [] "s_GG" [ pTau; pT; pM ] "MeV^2" gg "s = (M + T τ²)²" "ThermalAverage.SigmaV"
    /// τ(√s, T, M).
    let TauOfSqrtS =
        EvaluatedFormula.create tauOfSqrtS (sqrt ((sqrtSSym .- M) ./ T)) [] "tau_GG" [ "sqrt_s", "MeV", "√s ≥ M"; pT; pM ] "1" gg
            "τ = sqrt((√s − M)/T)" "ThermalAverage.SigmaV (break points)"
    /// λ(τ, T, M, d) in MeV⁴.
    let Lambda =
        EvaluatedFormula.create lambda lambdaEval [] "lambda_GG" [ pTau; pT; pM; pd ] "MeV^4" gg "Källén λ(s, m₁², m₂²) at s(τ)"
            "ThermalAverage.SigmaV (threshold)"
    /// The τ-integrand (σ, τ, T, M, d) in MeV³.
    let Integrand =
        EvaluatedFormula.create integrand
            (((((sigma .* lambdaEval) .* besselKe 1 (rs ./ T)) .* exp (neg tau .* tau)) .* int 4 .* T) .* tau) [] "integrand_GG"
            [ "sigma", "MeV^-2", "σ(s(τ))"; pTau; pT; pM; pd ] "MeV^3" gg "σ λ K₁ᵉ(√s/T) e^{−τ²} 4Tτ" "ThermalAverage.SigmaV"
    /// ⟨σv⟩(I, T, ñ₁, ñ₂) in MeV⁻².
    let Average =
        EvaluatedFormula.create average (integral ./ (((int 8 .* ((((T .* T) .* T) .* T) .* T)) .* n1) .* n2)) [] "sigma_v_GG"
            [ "I", "MeV^3", "∫₀^∞ dτ of the integrand"; pT; "n_1", "1", "x₁² K₂ᵉ(x₁)"; "n_2", "1", "x₂² K₂ᵉ(x₂)" ] "MeV^-2" gg
            "⟨σv⟩ = I/(8 T⁵ ñ₁ ñ₂)" "ThermalAverage.SigmaV"
    /// ⟨σv⟩ for a constant σ₀, equal masses, in (σ₀, x).
    let ConstantCrossSection =
        EvaluatedFormula.create constantCrossSection
            (((int 4 .* sigma0) .* besselKe 3 (int 2 .* x)) ./ ((x .* besselKe 2 x) .* besselKe 2 x)) [] "sigma_v_const"
            [ "sigma_0", "any", "constant σ₀"; "x", "1", "m/T" ] "as σ₀" (gg + " with σ = σ₀") "4σ₀ K₃(2x)/(x K₂(x)²)"
            "ThermalAverage.ConstantCrossSection"
    /// σ(σv, s, m).
    let CrossSectionFromSigmaV =
        EvaluatedFormula.create crossSectionFromSigmaV (sigmaV ./ ((int 4 .* sqrt p2Eval) ./ sqrt s)) [] "sigma_from_sigma_v"
            [ "sigma_v", "MeV^-2", "σ v_rel"; "s", "MeV^2", "Mandelstam s"; "m", "MeV", "initial mass" ] "MeV^-2"
            "v_rel = 4p/√s (CM frame)" "σ from σ v_rel" "KernelCosmology (σ(s) from the kernel's σv_rel)"
    /// s(m, p).
    let PairMandelstamS =
        EvaluatedFormula.create pairMandelstamS (int 4 .* ((m .* m) .+ (p .* p))) [] "s_pair" [ "m", "MeV", "mass"; "p", "MeV", "CM momentum" ]
            "MeV^2" "CM kinematics" "s = 4(m² + p²)" "TabulatedCrossSection"
    /// p²(s, m).
    let PairMomentumSquared =
        EvaluatedFormula.create pairMomentumSquared p2Eval [] "p2_pair" [ "s", "MeV^2", "Mandelstam s"; "m", "MeV", "mass" ] "MeV^2"
            "CM kinematics" "p² = s/4 − m²" "TabulatedCrossSection, KernelCosmology"

    /// Every evaluated formula of this module.
    let internal all : EvaluatedFormula list =
        [ MandelstamS; TauOfSqrtS; Lambda; Integrand; Average; ConstantCrossSection; CrossSectionFromSigmaV; PairMandelstamS
          PairMomentumSquared ]
