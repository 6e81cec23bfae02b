namespace NuDM.Physics

open NuDM.Symbolic
open NuDM.Physics.Ordered

/// Thermodynamics of the Standard-Model plasma in the radiation era, equilibrium densities and yields, and the unit
/// conversions of the relic density, as symbolic formulas (Kolb &amp; Turner, The Early Universe (1990), ch. 3;
/// Gondolo &amp; Gelmini, Nucl. Phys. B360 (1991) 145). The tabulated g_eff(T), h_eff(T) stay data (data/cosmology,
/// interpolated by the caller); these formulas take them as parameters.
///
/// Each formula is an EvaluatedFormula: the printed form (written like the papers; constants as symbols, exact
/// decimals in Formula) and the evaluation form its compiled delegate uses, in the order of operations of the
/// computation it replaced (see Ordered for why the last bit matters), proven equal in ThermodynamicsProofs.
/// Units: temperatures and masses in MeV, densities in MeV³ (number, entropy) or MeV⁴ (energy), rates in MeV.
[<RequireQualifiedAccess>]
module Thermodynamics =
    let private s = Symbol
    let private pi = Ops.pi

    // ---------------------------------------------------------------- symbols

    /// Photon temperature T (MeV), g_eff and h_eff (energy and entropy degrees of freedom), δ = d ln h_eff/d ln T.
    let T, gEff, hEff, delta = s "T", s "g_eff", s "h_eff", s "delta"
    /// Species: mass m (MeV), internal degrees of freedom g, x = m/T, momentum in units of T q, the e± mass ratio
    /// y = m_e/T, the statistics sign σ (+1 Bose–Einstein, −1 Fermi–Dirac), the term index k of the quantum series.
    let m, g, x, q, y, sigma, k = s "m", s "g", s "x", s "q", s "y", s "sigma", s "k"
    /// e± entropy degrees of freedom h_e, the integral I_e = ∫ (integrand) dq it comes from, yield Y, the number of
    /// charge states n_c counted in Ωh² (1 or 2), ln ñ, ⟨σv⟩ (MeV⁻² and cm³/s), the entropy density s (MeV³).
    let he, heIntegral, Y, chargeStates, lnReduced, sigmaV, sigmaVCm3, entropy =
        s "h_e", s "I_e", s "Y", s "n_c", s "ln_n_reduced", s "sigma_v", s "sigma_v_cm3_s", s "s"

    /// M_Pl (MeV, PDG 2024 1.220890e19 GeV).
    let planckMass = EvaluatedFormula.constant "M_Pl" Constants.PlanckMass
    /// ħc in MeV·fm (PDG 2024).
    let hbarC = EvaluatedFormula.constant "hbar_c" Constants.HbarC_MeV_fm
    /// 1 fm² in cm².
    let fm2 = EvaluatedFormula.constant "fm2_cm2" 1e-26
    /// c in cm/s.
    let speedOfLight = EvaluatedFormula.constant "c_light" Constants.C_cm_s
    /// s₀ in cm⁻³, ρ_c/h² in MeV·cm⁻³, Ω_DM h² (PDG 2024).
    let entropyToday = EvaluatedFormula.constant "s_0" Constants.EntropyDensityToday_cm3
    let criticalDensity = EvaluatedFormula.constant "rho_c" Constants.CriticalDensityOverH2_MeV_cm3
    let omegaDM = EvaluatedFormula.constant "Omega_DM" Constants.OmegaDMh2
    /// The coefficient printed in seed 001 eq. (4.3).
    let seed001Coefficient = EvaluatedFormula.constant "c_4_3" 2.742e5

    let private Mpl, hc, fm2c, c, s0, rhoc, omega = planckMass.Symbol, hbarC.Symbol, fm2.Symbol, speedOfLight.Symbol, entropyToday.Symbol, criticalDensity.Symbol, omegaDM.Symbol

    // ---------------------------------------------------------------- printed forms

    /// ρ = (π²/30) g_eff T⁴, MeV⁴: radiation (Stefan–Boltzmann per bosonic degree of freedom).
    let energyDensity = pi ** 2 / 30 * gEff * T ** 4
    /// s = (2π²/45) h_eff T³, MeV³.
    let entropyDensity = 2 * pi ** 2 / 45 * hEff * T ** 3
    /// H = sqrt(8π³ g_eff/90) T²/M_Pl, MeV: the Friedmann equation H² = 8πρ/(3M_Pl²) with ρ = ρ_SM.
    let hubble = Ops.sqrt (8 * pi ** 3 * gEff / 90) * T ** 2 / Mpl
    /// g_*^{1/2} = (h_eff/√g_eff)(1 + δ/3) (Gondolo &amp; Gelmini eq. 3.10).
    let gStarSqrt = hEff / Ops.sqrt gEff * (1 + delta / 3)
    /// T_ν = T ((2 + h_e)/(11/2))^{1/3}: instantaneous ν decoupling, then entropy conservation in e±γ
    /// (h_e → 7/2 above m_e, → 0 below: T_ν/T → 1 and (4/11)^{1/3}).
    let neutrinoTemperature = T * ((2 + he) / Ops.rational 11 2) ** Ops.rational 1 3
    /// ε = sqrt(q² + y²): the e± energy in units of T at momentum q, y = m_e/T.
    let electronEnergy = Ops.sqrt (q ** 2 + y ** 2)
    /// The e± entropy integrand q² (ε + q²/(3ε)) e^{−ε}/(1 + e^{−ε}) (Fermi–Dirac, zero chemical potential):
    /// s_e = (ρ_e + p_e)/T = (g/(2π²)) T³ ∫ dq of it, g = 4.
    let electronEntropyIntegrand =
        let eps = electronEnergy
        q ** 2 * (eps + q ** 2 / (3 * eps)) * Ops.exp (-eps) / (1 + Ops.exp (-eps))
    /// h_e = (45/π⁴) I_e: s_e in units of (2π²/45) T³ (45/(2π²) · 4/(2π²) = 45/π⁴).
    let electronEntropyDof = 45 / pi ** 4 * heIntegral
    /// eˣ ñ_MB(x) = x² K₂ᵉ(x), the reduced Maxwell–Boltzmann density ñ = 2π² n_eq/(g T³) = x² K₂(x) times eˣ
    /// (K₂ᵉ the scaled Bessel function BesselKe).
    let reducedDensityMB = x ** 2 * Ops.besselKe (Ops.integer 2) x
    /// ln ñ_MB(x) = ln(x² K₂ᵉ(x)) − x, exact where ñ underflows (x ≳ 700).
    let lnReducedDensityMB = Ops.ln reducedDensityMB - x
    /// The k-th term of the quantum series relative to the first, σ^{k−1} K₂(kx)/(k K₂(x)) written with scaled Bessel
    /// functions: σ^{k−1} K₂ᵉ(kx) e^{−(k−1)x}/(k K₂ᵉ(x)). With σ = ∓1 the sum over k ≥ 1 is ñ_FD/ñ_MB, ñ_BE/ñ_MB:
    /// the expansion 1/(e^ε − σ) = Σ_k σ^{k−1} e^{−kε} integrated term by term (n_k = n_MB at temperature T/k).
    let quantumSeriesTerm =
        sigma ** (k - 1) * Ops.besselKe (Ops.integer 2) (k * x) * Ops.exp (-(k - 1) * x) / (k * Ops.besselKe (Ops.integer 2) x)
    /// The integrand of ñ = ∫₀^∞ dq q² f(ε), ε = sqrt(q² + x²), f = e^{−ε}/(1 − σ e^{−ε}) = 1/(e^ε − σ) (σ = −1
    /// Fermi–Dirac, +1 Bose–Einstein, 0 Maxwell–Boltzmann).
    let quantumDensityIntegrand =
        let eps = Ops.sqrt (q ** 2 + x ** 2)
        q ** 2 * Ops.exp (-eps) / (1 - sigma * Ops.exp (-eps))
    /// ln n_eq = ln(g T³/(2π²)) + ln ñ, with n_eq in MeV³.
    let lnNumberDensity = Ops.ln (g / (2 * pi ** 2)) + 3 * Ops.ln T + lnReduced
    /// ln Y_eq = ln(n_eq/s) = ln(45 g/(4π⁴ h_eff)) + ln ñ (the temperature cancels).
    let lnEquilibriumYield = Ops.ln (45 * g / (4 * pi ** 4 * hEff)) + lnReduced
    /// ⟨σv⟩ in cm³/s from MeV⁻²: σv (ħc)² c, ħc in MeV·fm times 1 fm² = 1e-26 cm².
    let sigmaVToCm3PerSecond = sigmaV * hc ** 2 * fm2c * c
    /// ⟨σv⟩ in MeV⁻² from cm³/s.
    let sigmaVFromCm3PerSecond = sigmaVCm3 / (hc ** 2 * fm2c * c)
    /// Ωh² = n_c s₀ m Y/(ρ_c/h²) (n_c = 1 when Y counts every dark-matter particle, 2 for a Dirac particle whose Y
    /// counts X alone), m in MeV.
    let omegaH2 = chargeStates * s0 * m * Y / rhoc
    /// ρ_DM = (Ω_DM h² (ρ_c/h²)/s₀) s, MeV⁴: the dark-matter density today carried back at constant ρ_DM/s.
    let darkMatterDensity = omega * rhoc / s0 * entropy
    /// Seed 001 eq. (4.3) as printed: Ωh² = 2.742e5 (m_χ/MeV) Y_χ.
    let seed001PrintedOmegaH2 = seed001Coefficient.Symbol * m * Y

    // ---------------------------------------------------------------- evaluation forms (the computations replaced)

    let private hubblePrefactorSquared = mul (mul (mul (int 8) pi) pi) pi ./ int 90 // 8π³/90, as C# folded it
    let private entropyPrefactor = mul (mul (int 2) pi) pi ./ int 45 // 2π²/45
    let private t2 = T .* T

    let private electronEntropyIntegrandEvaluation =
        let e = sqrt ((q .* q) .+ (y .* y))
        (((q .* q) .* (e .+ ((q .* q) ./ (int 3 .* e)))) .* exp (neg e)) ./ (int 1 .+ exp (neg e))

    let private reducedDensityMBEvaluation = ((x .* x) .* besselKe 0 x) .+ ((int 2 .* x) .* besselKe 1 x)

    let private sigmaVUnit = ((hc .* hc) .* fm2c) .* c

    // ---------------------------------------------------------------- formulas

    let private pT = "T", "MeV", "photon temperature"
    let private pG = "g_eff", "1", "energy degrees of freedom g_eff(T)"
    let private pH = "h_eff", "1", "entropy degrees of freedom h_eff(T)"
    let private kt = "Kolb & Turner, The Early Universe (1990), ch. 3"

    /// ρ(g_eff, T) in MeV⁴.
    let EnergyDensity =
        EvaluatedFormula.create energyDensity ((((pi .* pi) ./ int 30 .* gEff) .* t2) .* t2) [] "rho_SM" [ pG; pT ] "MeV^4" kt
            "energy density of the SM plasma" "StandardModelPlasma.EnergyDensity"
    /// s(h_eff, T) in MeV³, evaluated as ((2π²/45) h_eff T) T T.
    let EntropyDensity =
        EvaluatedFormula.create entropyDensity (((entropyPrefactor .* hEff) .* T) .* T .* T) [] "s_SM" [ pH; pT ] "MeV^3" kt
            "entropy density of the SM plasma" "StandardModelPlasma.EntropyDensity"
    /// s(h_eff, T) evaluated as ((2π²/45) h_eff T²) T (StandardModelPlasma.State).
    let EntropyDensityAtState =
        EntropyDensity.WithEvaluation(((entropyPrefactor .* hEff) .* t2) .* T, "StandardModelPlasma.State")
    /// H(g_eff, T) in MeV, evaluated as (sqrt(8π³ g_eff/90) T) T/M_Pl.
    let Hubble =
        EvaluatedFormula.create hubble (((sqrt (hubblePrefactorSquared .* gEff) .* T) .* T) ./ Mpl) [ planckMass ] "H" [ pG; pT ]
            "MeV" ("Friedmann equation, radiation era; " + kt) "Hubble rate with ρ = ρ_SM" "StandardModelPlasma.Hubble"
    /// H(g_eff, T) evaluated as sqrt(8π³ g_eff/90) T²/M_Pl (StandardModelPlasma.State).
    let HubbleAtState = Hubble.WithEvaluation((sqrt (hubblePrefactorSquared .* gEff) .* t2) ./ Mpl, "StandardModelPlasma.State")
    /// g_*^{1/2}(h_eff, g_eff, δ).
    let GStarSqrt =
        EvaluatedFormula.create gStarSqrt ((hEff ./ sqrt gEff) .* (int 1 .+ (delta ./ int 3))) [] "g_star_sqrt"
            [ pH; pG; "delta", "1", "d ln h_eff/d ln T" ] "1" "Gondolo & Gelmini (1991) eq. (3.10)" "g_*^{1/2} = (h_eff/√g_eff)(1 + δ/3)"
            "StandardModelPlasma.GStarSqrt"
    /// T_ν(T, h_e) in MeV.
    let NeutrinoTemperature =
        EvaluatedFormula.create neutrinoTemperature (T .* cbrt ((int 2 .+ he) ./ num 5.5)) [] "T_nu"
            [ pT; "h_e", "1", "e± entropy degrees of freedom h_e(m_e/T)" ] "MeV" ("entropy conservation after ν decoupling; " + kt)
            "neutrino temperature, instantaneous decoupling" "StandardModelPlasma.NeutrinoTemperature"
    /// The e± entropy integrand in (q, y).
    let ElectronEntropyIntegrand =
        EvaluatedFormula.create electronEntropyIntegrand electronEntropyIntegrandEvaluation [] "s_e_integrand"
            [ "q", "1", "momentum / T"; "y", "1", "m_e/T" ] "1" "s = (ρ + p)/T for e± (Fermi–Dirac)"
            "integrand of the e± entropy degrees of freedom" "StandardModelPlasma.ElectronEntropyDof"
    /// h_e(I_e).
    let ElectronEntropyDof =
        EvaluatedFormula.create electronEntropyDof ((int 45 ./ pow pi (int 4)) .* heIntegral) [] "h_e"
            [ "I_e", "1", "∫₀^∞ of the e± entropy integrand" ] "1" "s_e = (2π²/45) h_e T³, g = 4"
            "e± entropy degrees of freedom" "StandardModelPlasma.ElectronEntropyDof"
    /// eˣ ñ_MB(x).
    let ReducedDensityMB =
        EvaluatedFormula.create reducedDensityMB reducedDensityMBEvaluation [] "n_reduced_MB_scaled" [ "x", "1", "m/T > 0" ] "1"
            "n_eq = g m² T K₂(m/T)/(2π²)" "eˣ x² K₂(x), the reduced Maxwell–Boltzmann density times eˣ"
            "ThermalAverage (Gondolo–Gelmini denominator)"
    /// ln ñ_MB(x).
    let LnReducedDensityMB =
        EvaluatedFormula.create lnReducedDensityMB (ln reducedDensityMBEvaluation .- x) [] "ln_n_reduced_MB" [ "x", "1", "m/T > 0" ] "1"
            "n_eq = g m² T K₂(m/T)/(2π²)" "ln of the reduced Maxwell–Boltzmann density x² K₂(x)" "Equilibrium.LnReducedDensity"
    /// The quantum series term ratio in (k, x, σ).
    let QuantumSeriesTerm =
        EvaluatedFormula.canonical quantumSeriesTerm [] "quantum_series_term"
            [ "k", "1", "term index k ≥ 1"; "x", "1", "m/T"; "sigma", "1", "+1 Bose–Einstein, −1 Fermi–Dirac" ] "1"
            "n = g m² T/(2π²) Σ_k σ^(k−1) K₂(k m/T)/k" "k-th term of the quantum-statistics series relative to the first"
    /// The density integrand in (q, x, σ).
    let QuantumDensityIntegrand =
        EvaluatedFormula.canonical quantumDensityIntegrand [] "quantum_density_integrand"
            [ "q", "1", "momentum / T"; "x", "1", "m/T"; "sigma", "1", "+1 Bose–Einstein, −1 Fermi–Dirac, 0 Maxwell–Boltzmann" ]
            "1" "n = g/(2π²) ∫ p² f(E) dp" "integrand of the reduced density ñ = 2π² n/(g T³)"
    /// ln n_eq(g, T, ln ñ).
    let LnNumberDensity =
        EvaluatedFormula.create lnNumberDensity ((ln (g ./ ((int 2 .* pi) .* pi)) .+ (int 3 .* ln T)) .+ lnReduced) [] "ln_n_eq"
            [ "g", "1", "internal degrees of freedom"; pT; "ln_n_reduced", "1", "ln ñ" ] "ln MeV^3" "n_eq = g T³ ñ/(2π²)"
            "ln of the equilibrium number density" "Equilibrium.LnNumberDensity"
    /// ln Y_eq(g, h_eff, ln ñ).
    let LnEquilibriumYield =
        EvaluatedFormula.create lnEquilibriumYield (ln ((int 45 .* g) ./ ((int 4 .* pow pi (int 4)) .* hEff)) .+ lnReduced) []
            "ln_Y_eq" [ "g", "1", "internal degrees of freedom"; pH; "ln_n_reduced", "1", "ln ñ" ] "1" "Y_eq = n_eq/s"
            "ln of the equilibrium yield" "Equilibrium.LnYield (the solvers' grids)"
    /// σv in cm³/s from σv in MeV⁻².
    let SigmaVToCm3PerSecond =
        EvaluatedFormula.create sigmaVToCm3PerSecond (sigmaV .* sigmaVUnit) [ hbarC; fm2; speedOfLight ] "sigma_v_cm3_s"
            [ "sigma_v", "MeV^-2", "⟨σv⟩" ] "cm^3/s" "(ħc)² c" "⟨σv⟩ in cm³/s" "CosmologyUnits"
    /// σv in MeV⁻² from σv in cm³/s.
    let SigmaVFromCm3PerSecond =
        EvaluatedFormula.create sigmaVFromCm3PerSecond (sigmaVCm3 ./ sigmaVUnit) [ hbarC; fm2; speedOfLight ] "sigma_v_MeV"
            [ "sigma_v_cm3_s", "cm^3/s", "⟨σv⟩" ] "MeV^-2" "1/((ħc)² c)" "⟨σv⟩ in MeV⁻²" "CosmologyUnits"
    /// Ωh²(m, Y, n_c).
    let OmegaH2 =
        EvaluatedFormula.create omegaH2 (chargeStates .* (((s0 ./ rhoc) .* m) .* Y)) [ entropyToday; criticalDensity ] "Omega_h2"
            [ "m", "MeV", "dark-matter mass"; "Y", "1", "yield today"; "n_c", "1", "1 (self-conjugate) or 2 (Dirac, Y of X alone)" ]
            "1" "Ωh² = m n₀/(ρ_c/h²), n₀ = s₀ Y (PDG 2024 s₀, ρ_c/h²)" "relic density from the yield" "CosmologyUnits.OmegaH2"
    /// ρ_DM(s) in MeV⁴.
    let DarkMatterDensity =
        EvaluatedFormula.create darkMatterDensity (((omega .* rhoc) ./ s0) .* entropy) [ omegaDM; criticalDensity; entropyToday ]
            "rho_DM" [ "s", "MeV^3", "entropy density" ] "MeV^4" "ρ_DM/s constant; Ω_DM h² = 0.120 (Planck 2018)"
            "dark-matter density at entropy density s" "CosmologyUnits.DarkMatterMassPerEntropy"
    /// Seed 001 eq. (4.3) as printed.
    let Seed001PrintedOmegaH2 =
        EvaluatedFormula.create seed001PrintedOmegaH2 ((seed001Coefficient.Symbol .* m) .* Y) [ seed001Coefficient ] "Omega_h2_seed001"
            [ "m", "MeV", "χ mass"; "Y", "1", "yield today" ] "1" "seed 001 eq. (4.3) as printed" "Ωh² = 2.742e5 (m_χ/MeV) Y_χ"
            "TwoSpeciesSolver"

    /// Every evaluated formula of this module.
    let internal all : EvaluatedFormula list =
        [ EnergyDensity; EntropyDensity; EntropyDensityAtState; Hubble; HubbleAtState; GStarSqrt; NeutrinoTemperature
          ElectronEntropyIntegrand; ElectronEntropyDof; ReducedDensityMB; LnReducedDensityMB; QuantumSeriesTerm
          QuantumDensityIntegrand; LnNumberDensity; LnEquilibriumYield; SigmaVToCm3PerSecond; SigmaVFromCm3PerSecond; OmegaH2
          DarkMatterDensity; Seed001PrintedOmegaH2 ]
