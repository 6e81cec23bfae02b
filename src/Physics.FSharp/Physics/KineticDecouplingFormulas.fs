namespace NuDM.Physics

open System
open System.Numerics
open NuDM.Symbolic
open NuDM.Physics.Ordered

/// Exact values of the Riemann zeta function at even integers and of the Dirichlet eta function, from the Bernoulli
/// numbers: ζ(2n) = (−1)^{n+1} B_{2n} (2π)^{2n}/(2 (2n)!) (Euler), η(p) = (1 − 2^{1−p}) ζ(p). Symbolic (a rational times
/// a power of π), e.g. ζ(4) = π⁴/90.
[<RequireQualifiedAccess>]
module Zeta =
    /// The Bernoulli number B_n (B₁ = +1/2 in this convention; only even n are used), exact, by the Akiyama–Tanigawa
    /// algorithm. n ≥ 0.
    let bernoulli (n: int) : Q =
        if n < 0 then invalidArg "n" (sprintf "the Bernoulli index n must be >= 0, got %d" n)
        let a = Array.init (n + 1) (fun j -> Q.Create(BigInteger.One, BigInteger(j + 1)))
        for mm in 0 .. n do
            a.[mm] <- Q.Create(BigInteger.One, BigInteger(mm + 1))
            for j in mm .. -1 .. 1 do
                a.[j - 1] <- Q.OfInt j * (a.[j - 1] - a.[j])
        a.[0]

    let private factorial (n: int) = Seq.fold (fun (acc: BigInteger) i -> acc * BigInteger(i: int)) BigInteger.One (seq { 1 .. n })

    /// ζ(p) for an even p ≥ 2: a rational multiple of π^p.
    let zetaEven (p: int) : Expr =
        if p < 2 || p % 2 <> 0 then invalidArg "p" (sprintf "zetaEven needs an even p >= 2, got %d" p)
        let half = p / 2
        let sign = if half % 2 = 1 then Q.One else Q.MinusOne
        let c = sign * bernoulli p * Q.Pow(Q.OfInt 2, p) / Q.Create(BigInteger 2 * factorial p, BigInteger.One)
        Number c * Ops.pi ** p

    /// η(p) = (1 − 2^{1−p}) ζ(p) = Σ_{k≥1} (−1)^{k+1}/k^p for an even p ≥ 2.
    let etaEven (p: int) : Expr = (1 - Expr.Int 2 ** (1 - p)) * zetaEven p

    /// n! as an exact expression.
    let factorialExpr (n: int) : Expr = Number(Q.OfBigInt(factorial n))

/// Kinetic decoupling of dark matter from neutrinos (seed 000 §IV, eqs. 12–15) as symbolic formulas: the momentum-
/// transfer rate γ (Bringmann &amp; Hofmann, JCAP 0704 (2007) 016; Gondolo, Hisano &amp; Kadota, PRD 86 (2012) 083523;
/// Bringmann et al., PRD 94 (2016) 103529 eq. A6)
///   γ(T_ν) = 1/(48π³ g_χ m³ T_ν) Σ_i ∫₀^∞ dk k⁴ f(1 − f) ⟨|M_i|²⟩_t,   ⟨|M|²⟩_t = (1/(8k⁴)) ∫_{−4k_cm²}^0 dt (−t) |M|²,
/// with s = m² + 2mk, k_cm² = m²k²/s, f = 1/(e^{k/T_ν} + 1); the damping mass M_cut = (4π/3) ρ_DM/H³ (seed 000 eq. 12),
/// the warm-dark-matter free-streaming mass M_f (seed 000 eq. 13) and the Lyman-α bound on T_KD; the closed forms of γ
/// and T_KD for a power-law ⟨|M|²⟩_t = c kⁿ; seed 000 eq. (15) as printed. The quadratures and the root γ = H are the
/// caller's numerics. Evaluation forms as in Thermodynamics (proven equal in KineticDecouplingFormulaProofs). Units:
/// MeV, solar masses for M_cut and M_f, keV where stated.
[<RequireQualifiedAccess>]
module KineticDecouplingFormulas =
    let private sy = Symbol

    /// DM mass m (MeV), internal degrees of freedom g (of the DM), partner momentum k (MeV) in the DM rest frame,
    /// partner temperature T (MeV), q = k/T, the t-averaged amplitude A = ⟨|M|²⟩_t (dimensionless).
    let m, g, k, T, q, A = sy "m", sy "g", sy "k", sy "T", sy "q", sy "A"
    /// The momentum integral I = Σ_i ∫ dk k⁴ f(1 − f) ⟨|M_i|²⟩_t (MeV⁵), the τ-integral J = ∫₀¹ τ |M|²(t_min τ) dτ.
    let integral, tIntegral = sy "I", sy "J"
    /// Mandelstam s (MeV²), the spin-averaged dσ/dt (MeV⁻⁴), the partner's degrees of freedom g_p.
    let s, dSigmaDt, gPartner = sy "s", sy "dsigma_dt", sy "g_p"
    /// Entropy density s (MeV³) and Hubble rate H (MeV) at T_KD.
    let entropy, hubble = sy "s_T", sy "H"
    /// The M_cut prefactor A_cut = M_cut(1 keV) and the free-streaming mass M_f (solar masses); m_WDM in keV.
    let cutPrefactor, freeStreamingMass, wdmMass = sy "A_cut", sy "M_f", sy "m_WDM"
    /// Power-law coefficient c (MeV⁻ⁿ), g_eff at T → 0, seed-000 coupling y and mass ratio r = m_φ/m.
    let c, gEff, y, r = sy "c", sy "g_eff", sy "y", sy "r"

    /// 1 keV in MeV (the double 1e-3).
    let keV = EvaluatedFormula.constant "keV" 1e-3
    /// 1 MeV in GeV (the double 1e-3).
    let gevPerMeV = EvaluatedFormula.constant "GeV_per_MeV" 1e-3
    /// M_⊙ in GeV (1.98841e30 kg, PDG 2024).
    let solarMass = EvaluatedFormula.constant "M_sun_GeV" Constants.SolarMass_GeV
    /// 5.1e10 M_⊙ (seed 000 eq. 13), 0.4 and 0.1 (seed 000 eq. 15).
    let wdmCoefficient = EvaluatedFormula.constant "c_13" 5.1e10
    let eq15Coefficient = EvaluatedFormula.constant "c_15" 0.4
    let eq15Coupling = EvaluatedFormula.constant "y_15" 0.1

    let private keVs, gev, msun = keV.Symbol, gevPerMeV.Symbol, solarMass.Symbol

    // ---------------------------------------------------------------- printed forms

    /// s = m² + 2mk: DM at rest, massless partner of energy k.
    let mandelstamS = m ** 2 + 2 * m * k
    /// k_cm² = m²k²/s: the CM momentum squared.
    let cmMomentumSquared = m ** 2 * k ** 2 / mandelstamS
    /// t_min = −4 k_cm².
    let tMin = -4 * cmMomentumSquared
    /// With t = t_min τ, (1/(8k⁴)) ∫_{t_min}^0 (−t)|M|² dt = [t_min²/(8k⁴)] ∫₀¹ τ |M|²(t_min τ) dτ and t_min²/(8k⁴) =
    /// 2 (k_cm²/k²)²: ⟨|M|²⟩_t = 2 (k_cm/k)⁴ J.
    let tAverage = 2 * (cmMomentumSquared / k ** 2) ** 2 * tIntegral
    /// The momentum integrand in q = k/T: k⁴ f(1 − f) ⟨|M|²⟩_t with k = Tq and f(1 − f) = e^{−q}/(1 + e^{−q})² (MeV⁴).
    let rateIntegrand = (T * q) ** 4 * Ops.exp (-q) / (1 + Ops.exp (-q)) ** 2 * A
    /// γ = I/(48π³ g m³ T) (MeV).
    let rate = integral / (48 * Ops.pi ** 3 * g * m ** 3 * T)
    /// |M|² summed over all spins from a spin-averaged dσ/dt of DM + massless partner: 16π g g_p (s − m²)² dσ/dt.
    let amplitudeFromDifferentialCrossSection = 16 * Ops.pi * g * gPartner * (s - m ** 2) ** 2 * dSigmaDt
    /// The neutrino momentum at which s reaches the mediator pole m_φ² = (r m)²: solved from m² + 2mk = r²m².
    let resonanceMomentum =
        let dom = Assumptions.Positive [ "m"; "r"; "k" ]
        match Solve.polynomialWith dom k (Normal.simplifyWith dom (mandelstamS - (r * m) ** 2)) with
        | [ root ] -> root
        | roots -> failwithf "resonance momentum: expected one root, got %A" roots
    /// The partner momentum in the DM rest frame at which the invariant mass reaches s: solved from m² + 2mk = s (the
    /// inverse of mandelstamS; e.g. where an s-channel pole s = M² sits in the partner distribution).
    let partnerMomentum =
        let dom = Assumptions.Positive [ "m"; "s"; "k" ]
        match Solve.polynomialWith dom k (Normal.simplifyWith dom (mandelstamS - s)) with
        | [ root ] -> root
        | roots -> failwithf "partner momentum: expected one root, got %A" roots
    /// M_cut = (4π/3) ρ_DM/H³, ρ_DM = (Ω_DM h² ρ_c/h²/s₀) s: the dark matter inside a Hubble volume at T_KD (seed 000
    /// eq. 12; the seed prints ρ/H, which is not a mass); in solar masses (MeV → GeV → M_⊙).
    let cutoffMass =
        let rho = Structure.substitute Thermodynamics.entropy entropy Thermodynamics.darkMatterDensity
        4 * Ops.pi / 3 * rho / hubble ** 3 * gev / msun
    /// M_f = 5.1e10 M_⊙ (keV/m_WDM)⁴ (seed 000 eq. 13, from its ref. [41]), m_WDM in keV.
    let warmDarkMatterCutoffMass = wdmCoefficient.Symbol / wdmMass ** 4
    /// T_KD,min = keV (A_cut/M_f)^{1/3} in MeV: M_cut = A_cut (keV/T)³ ≤ M_f.
    let minimumDecouplingTemperature = keVs * (cutPrefactor / freeStreamingMass) ** Ops.rational 1 3
    /// Seed 000 eq. (15) as printed: T_KD ≈ 0.4 keV (m/MeV)^{5/4} (0.1/y) sqrt(r² − 1), in MeV.
    let seed000Eq15 = eq15Coefficient.Symbol * keVs * m ** Ops.rational 5 4 * (eq15Coupling.Symbol / y) * Ops.sqrt (r ** 2 - 1)

    /// γ for ⟨|M|²⟩_t = c kⁿ exactly (k ≪ m): c (n+4)! η(n+4) T^{n+4}/(48π³ g m³), from ∫₀^∞ q^p f(1 − f) dq = p! η(p)
    /// (Fermi–Dirac partners). n even, ≥ 0.
    let powerLawRate (n: int) : Expr =
        if n < 0 || n % 2 <> 0 then invalidArg "n" (sprintf "n must be an even integer >= 0, got %d" n)
        c * Zeta.factorialExpr (n + 4) * Zeta.etaEven (n + 4) * T ** (n + 4) / (48 * Ops.pi ** 3 * g * m ** 3)

    /// (4/11)^{1/3} = T_ν/T after e± annihilation.
    let neutrinoToPhotonTemperature = Ops.rational 4 11 ** Ops.rational 1 3

    /// T_KD (photon temperature, MeV) for the power law: derived by solving γ(T_ν = (4/11)^{1/3} T) = H(T) with
    /// H = sqrt(8π³ g_eff/90) T²/M_Pl for u = T^{n+2} (a linear equation), T = u^{1/(n+2)}. M_Pl as a symbol.
    let powerLawDecouplingTemperature (n: int) : Expr =
        let u = Symbol "u"
        let gamma = Structure.substitute T (neutrinoToPhotonTemperature * T) (powerLawRate n)
        // γ/T² − H/T² with T^{n+4}/T² = T^{n+2} = u
        let perT2 =
            Structure.substitute (T ** (n + 2)) u (Normal.simplifyWith (Assumptions.Positive [ "T" ]) (gamma / T ** 2))
            - Thermodynamics.hubble / T ** 2
        let dom = Assumptions.Positive [ "c"; "m"; "g"; "g_eff"; "M_Pl"; "u" ]
        match Solve.polynomialWith dom u (Normal.simplifyWith dom perT2) with
        | [ root ] -> root ** Ops.rational 1 (n + 2)
        | roots -> failwithf "power-law T_KD: expected one root for T^%d, got %A" (n + 2) roots

    // ---------------------------------------------------------------- evaluation forms (KineticDecoupling)

    let private sEval = (m .* m) .+ ((int 2 .* m) .* k)
    let private kcm2Eval = (((m .* m) .* k) .* k) ./ sEval

    // ---------------------------------------------------------------- formulas

    let private pm = "m", "MeV", "dark-matter mass"
    let private pk = "k", "MeV", "partner momentum in the DM rest frame"
    let private bringmann = "Bringmann et al. (2016) eq. (A6); seed 000 eq. (14)"

    /// s(m, k).
    let MandelstamS =
        EvaluatedFormula.create mandelstamS sEval [] "s_KD" [ pm; pk ] "MeV^2" "DM at rest, massless partner" "s = m² + 2mk"
            "KineticDecoupling.TAveragedAmplitude"
    /// k_cm²(m, k).
    let CmMomentumSquared =
        EvaluatedFormula.create cmMomentumSquared kcm2Eval [] "k_cm2" [ pm; pk ] "MeV^2" "CM kinematics" "k_cm² = m²k²/s"
            "KineticDecoupling.TAveragedAmplitude"
    /// t_min(m, k).
    let TMin =
        EvaluatedFormula.create tMin (int -4 .* kcm2Eval) [] "t_min_KD" [ pm; pk ] "MeV^2" "elastic scattering, massless partner"
            "t_min = −4k_cm²" "KineticDecoupling.TAveragedAmplitude"
    /// ⟨|M|²⟩_t (J, m, k).
    let TAverage =
        let r = kcm2Eval ./ (k .* k)
        EvaluatedFormula.create tAverage (((int 2 .* r) .* r) .* tIntegral) [] "M2_t_average"
            [ "J", "1", "∫₀¹ τ |M|²(s, t_min τ) dτ"; pm; pk ] "1" bringmann "⟨|M|²⟩_t = 2(k_cm/k)⁴ J"
            "KineticDecoupling.TAveragedAmplitude"
    /// k⁴ f(1−f) A (q, T, A).
    let RateIntegrand =
        let e = exp (neg q)
        EvaluatedFormula.create rateIntegrand ((pow (T .* q) (int 4) .* (e ./ ((int 1 .+ e) .* (int 1 .+ e)))) .* A) [] "gamma_integrand"
            [ "q", "1", "k/T"; "T", "MeV", "partner temperature"; "A", "1", "⟨|M|²⟩_t at k = Tq" ] "MeV^4" bringmann
            "k⁴ f(1 − f) ⟨|M|²⟩_t, Fermi–Dirac partners" "KineticDecoupling.MomentumTransferRate"
    /// γ(I, g, m, T).
    let Rate =
        EvaluatedFormula.create rate
            (integral ./ ((((((int 48 .* pow Ops.pi (int 3)) .* g) .* m) .* m) .* m) .* T)) [] "gamma_KD"
            [ "I", "MeV^5", "Σ_i ∫ dk k⁴ f(1 − f) ⟨|M_i|²⟩_t"; "g", "1", "DM degrees of freedom"; pm; "T", "MeV", "partner temperature" ]
            "MeV" bringmann "momentum-transfer rate γ = I/(48π³ g m³ T)" "KineticDecoupling.MomentumTransferRate"
    /// 16π g g_p (s − m²)² dσ/dt (dσ/dt, s, m, g, g_p).
    let AmplitudeFromDifferentialCrossSection =
        let m2 = m .* m
        EvaluatedFormula.create amplitudeFromDifferentialCrossSection
            ((((((int 16 .* Ops.pi) .* g) .* gPartner) .* (s .- m2)) .* (s .- m2)) .* dSigmaDt) [] "M2_from_dsigma_dt"
            [ "dsigma_dt", "MeV^-4", "spin-averaged dσ/dt"; "s", "MeV^2", "Mandelstam s"; pm; "g", "1", "DM degrees of freedom"
              "g_p", "1", "partner degrees of freedom" ]
            "1" "dσ/dt = |M|²/(16π g g_p (s − m²)²)" "|M|² summed over spins" "KineticDecoupling.FromDifferentialCrossSection"
    /// k_res(m, r).
    let ResonanceMomentum =
        EvaluatedFormula.canonical resonanceMomentum [] "k_resonance" [ pm; "r", "1", "m_φ/m" ] "MeV" "s = m² + 2mk = m_φ²"
            "partner momentum at the mediator pole"
    /// k(m, s).
    let PartnerMomentum =
        EvaluatedFormula.canonical partnerMomentum [] "k_of_s" [ pm; "s", "MeV^2", "Mandelstam s" ] "MeV" "s = m² + 2mk"
            "partner momentum in the DM rest frame at invariant mass squared s"
    /// M_cut(s, H) in M_⊙.
    let CutoffMass =
        let th = Thermodynamics.omegaDM.Symbol, Thermodynamics.criticalDensity.Symbol, Thermodynamics.entropyToday.Symbol
        let omega, rhoc, s0 = th
        let rhoEval = ((omega .* rhoc) ./ s0) .* entropy
        EvaluatedFormula.create cutoffMass
            ((((((int 4 .* Ops.pi) ./ int 3) .* rhoEval) ./ ((hubble .* hubble) .* hubble)) .* gev) ./ msun)
            [ Thermodynamics.omegaDM; Thermodynamics.criticalDensity; Thermodynamics.entropyToday; gevPerMeV; solarMass ] "M_cut"
            [ "s_T", "MeV^3", "entropy density at T"; "H", "MeV", "Hubble rate at T" ] "M_sun" "seed 000 eq. (12), with (4π/3)ρ/H³"
            "dark-matter mass inside a Hubble volume" "KineticDecoupling.CutoffMass"
    /// M_f(m_WDM) in M_⊙.
    let WarmDarkMatterCutoffMass =
        EvaluatedFormula.create warmDarkMatterCutoffMass (wdmCoefficient.Symbol .* pow wdmMass (int -4)) [ wdmCoefficient ] "M_f"
            [ "m_WDM", "keV", "warm-dark-matter mass" ] "M_sun" "seed 000 eq. (13)" "free-streaming cut-off mass 5.1e10 M_⊙ (keV/m_WDM)⁴"
            "KineticDecoupling.WarmDarkMatterCutoffMass"
    /// T_KD,min(A_cut, M_f) in MeV.
    let MinimumDecouplingTemperature =
        EvaluatedFormula.create minimumDecouplingTemperature (keVs .* cbrt (cutPrefactor ./ freeStreamingMass)) [ keV ] "T_KD_min"
            [ "A_cut", "M_sun", "M_cut at T = 1 keV"; "M_f", "M_sun", "free-streaming mass" ] "MeV" "seed 000 eqs. (12)–(13)"
            "lowest T_KD with M_cut ≤ M_f" "KineticDecoupling.MinimumDecouplingTemperature"
    /// Seed 000 eq. (15) (m, y, r) in MeV.
    let Seed000Eq15 =
        EvaluatedFormula.create seed000Eq15
            ((((eq15Coefficient.Symbol .* keVs) .* pow m (num 1.25)) .* (eq15Coupling.Symbol ./ y)) .* sqrt ((r .* r) .- int 1))
            [ eq15Coefficient; keV; eq15Coupling ] "T_KD_eq15" [ pm; "y", "1", "coupling y_X"; "r", "1", "m_φ/m_X > 1" ] "MeV"
            "seed 000 eq. (15) as printed" "0.4 keV (m/MeV)^{5/4} (0.1/y) sqrt(r² − 1)" "KineticDecoupling.Seed000Eq15"

    /// The largest even n of the power-law closed forms.
    [<Literal>]
    let MaxPowerLawExponent = 10

    /// γ for ⟨|M|²⟩_t = c kⁿ, in (c, m, g, T).
    let PowerLawRate (n: int) =
        EvaluatedFormula.canonical (powerLawRate n) [] (sprintf "gamma_power_%d" n)
            [ "c", "MeV^-n", "⟨|M|²⟩_t = c kⁿ"; pm; "g", "1", "DM degrees of freedom"; "T", "MeV", "partner temperature" ]
            "MeV" "Bringmann et al. (2016) eq. (A6) with ∫ q^p f(1−f) = p! η(p)" (sprintf "γ for ⟨|M|²⟩_t = c k^%d" n)
    /// T_KD for ⟨|M|²⟩_t = c kⁿ, in (c, m, g, g_eff).
    let PowerLawDecouplingTemperature (n: int) =
        EvaluatedFormula.canonical (powerLawDecouplingTemperature n) [ Thermodynamics.planckMass ] (sprintf "T_KD_power_%d" n)
            [ "c", "MeV^-n", "⟨|M|²⟩_t = c kⁿ"; pm; "g", "1", "DM degrees of freedom"; "g_eff", "1", "g_eff at T → 0" ]
            "MeV" "γ(T_ν) = H(T), T_ν = (4/11)^{1/3} T" (sprintf "T_KD for ⟨|M|²⟩_t = c k^%d" n)

    /// Every evaluated formula of this module (the power laws for n = 0, 2).
    let internal all : EvaluatedFormula list =
        [ MandelstamS; CmMomentumSquared; TMin; TAverage; RateIntegrand; Rate; AmplitudeFromDifferentialCrossSection
          ResonanceMomentum; PartnerMomentum; CutoffMass; WarmDarkMatterCutoffMass; MinimumDecouplingTemperature; Seed000Eq15
          PowerLawRate 0; PowerLawRate 2; PowerLawDecouplingTemperature 0; PowerLawDecouplingTemperature 2 ]
