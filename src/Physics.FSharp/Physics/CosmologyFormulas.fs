namespace NuDM.Physics

open System
open System.Collections.Generic
open System.Runtime.InteropServices
open NuDM.Symbolic

/// The compiled delegates behind CosmologyFormulas, each compiled once on first use (from the evaluation forms).
module internal CosmologyDelegates =
    let private c1 (f: EvaluatedFormula) = lazy (f.Compile1())
    let private c2 (f: EvaluatedFormula) = lazy (f.Compile2())
    let private c3 (f: EvaluatedFormula) = lazy (f.Compile3())
    let private c4 (f: EvaluatedFormula) = lazy (f.Compile4())
    let private c5 (f: EvaluatedFormula) = lazy (f.Compile5())

    let energyDensity = c2 Thermodynamics.EnergyDensity
    let entropyDensity = c2 Thermodynamics.EntropyDensity
    let entropyDensityAtState = c2 Thermodynamics.EntropyDensityAtState
    let hubble = c2 Thermodynamics.Hubble
    let hubbleAtState = c2 Thermodynamics.HubbleAtState
    let gStarSqrt = c3 Thermodynamics.GStarSqrt
    let neutrinoTemperature = c2 Thermodynamics.NeutrinoTemperature
    let electronEntropyIntegrand = c2 Thermodynamics.ElectronEntropyIntegrand
    let electronEntropyDof = c1 Thermodynamics.ElectronEntropyDof
    let reducedDensityMB = c1 Thermodynamics.ReducedDensityMB
    let lnReducedDensityMB = c1 Thermodynamics.LnReducedDensityMB
    let quantumSeriesTerm = c3 Thermodynamics.QuantumSeriesTerm
    let quantumDensityIntegrand = c3 Thermodynamics.QuantumDensityIntegrand
    let lnNumberDensity = c3 Thermodynamics.LnNumberDensity
    let lnEquilibriumYield = c3 Thermodynamics.LnEquilibriumYield
    let sigmaVToCm3PerSecond = c1 Thermodynamics.SigmaVToCm3PerSecond
    let sigmaVFromCm3PerSecond = c1 Thermodynamics.SigmaVFromCm3PerSecond
    let omegaH2 = c3 Thermodynamics.OmegaH2
    let darkMatterDensity = c1 Thermodynamics.DarkMatterDensity
    let seed001PrintedOmegaH2 = c2 Thermodynamics.Seed001PrintedOmegaH2

    let ggMandelstamS = c3 ThermalAverages.MandelstamS
    let ggTau = c3 ThermalAverages.TauOfSqrtS
    let ggLambda = c4 ThermalAverages.Lambda
    let ggIntegrand = c5 ThermalAverages.Integrand
    let ggAverage = c4 ThermalAverages.Average
    let constantCrossSection = c2 ThermalAverages.ConstantCrossSection
    let crossSectionFromSigmaV = c3 ThermalAverages.CrossSectionFromSigmaV
    let pairMandelstamS = c2 ThermalAverages.PairMandelstamS
    let pairMomentumSquared = c2 ThermalAverages.PairMomentumSquared

    let kdMandelstamS = c2 KineticDecouplingFormulas.MandelstamS
    let kdCmMomentumSquared = c2 KineticDecouplingFormulas.CmMomentumSquared
    let kdTMin = c2 KineticDecouplingFormulas.TMin
    let kdTAverage = c3 KineticDecouplingFormulas.TAverage
    let kdRateIntegrand = c3 KineticDecouplingFormulas.RateIntegrand
    let kdRate = c4 KineticDecouplingFormulas.Rate
    let kdAmplitudeFromDsdt = c5 KineticDecouplingFormulas.AmplitudeFromDifferentialCrossSection
    let kdResonanceMomentum = c2 KineticDecouplingFormulas.ResonanceMomentum
    let kdPartnerMomentum = c2 KineticDecouplingFormulas.PartnerMomentum
    let cutoffMass = c2 KineticDecouplingFormulas.CutoffMass
    let warmDarkMatterCutoffMass = c1 KineticDecouplingFormulas.WarmDarkMatterCutoffMass
    let minimumDecouplingTemperature = c2 KineticDecouplingFormulas.MinimumDecouplingTemperature
    let seed000Eq15 = c3 KineticDecouplingFormulas.Seed000Eq15
    let powerLawRate =
        [| for n in 0 .. 2 .. KineticDecouplingFormulas.MaxPowerLawExponent -> c4 (KineticDecouplingFormulas.PowerLawRate n) |]
    let powerLawDecouplingTemperature =
        [| for n in 0 .. 2 .. KineticDecouplingFormulas.MaxPowerLawExponent ->
               c4 (KineticDecouplingFormulas.PowerLawDecouplingTemperature n) |]

    let freezeOutLogRate = c4 RelicFormulas.FreezeOutLogRate
    let twoSpeciesLogRate = c4 RelicFormulas.TwoSpeciesLogRate
    let logDecay = c4 RelicFormulas.LogDecay
    let logConversion = c5 RelicFormulas.LogConversion
    let chiLogYield = c3 RelicFormulas.ChiLogYield
    let totalLogYield = c3 RelicFormulas.TotalLogYield
    let inverseDecayLogYield = c3 RelicFormulas.InverseDecayLogYield
    let freezeOutTail = c3 RelicFormulas.FreezeOutTail
    let couplingScaling = c3 RelicFormulas.CouplingScaling
    let couplingFromCrossSection = c3 RelicFormulas.CouplingFromCrossSection
    let seed001Width = c2 RelicFormulas.Seed001Width

    /// Below this x the massless limit x²K₂(x) → 2 is used (the compiled x²K₀ᵉ + 2xK₁ᵉ is 0·∞ at x = 0); the same
    /// threshold as the computation it replaced.
    [<Literal>]
    let MasslessX = 1e-150

    let reducedDensityMBWithLimit =
        lazy
            (let f = reducedDensityMB.Value
             Func<float, float>(fun x -> if x < MasslessX then 2.0 else f.Invoke x))

    let lnReducedDensityMBWithLimit =
        lazy
            (let f = lnReducedDensityMB.Value
             let ln2 = Math.Log 2.0
             Func<float, float>(fun x -> if x < MasslessX then ln2 - x else f.Invoke x))

    /// Every evaluated formula, in a stable order.
    let internal all : EvaluatedFormula list =
        Thermodynamics.all @ ThermalAverages.all @ KineticDecouplingFormulas.all @ RelicFormulas.all

/// The cosmology formulas of the kernel as C# sees them: compiled delegates over doubles from typed accessors (the
/// parameter order is stated on each member and is the order of the underlying Formula's parameters), constants, the
/// Try-pattern for the families of closed forms, and the Formula values themselves. Every delegate is compiled once,
/// is thread-safe and allocates nothing per call. The formulas live in Thermodynamics, ThermalAverages,
/// KineticDecouplingFormulas and RelicFormulas, each with its equation reference; the delegates compile their
/// evaluation forms (EvaluatedFormula: the order of operations of the computation each replaced, which the stiff
/// solvers downstream need to the last bit), proven equal to the printed forms by the obligations in proofs/Proofs
/// (ThermodynamicsProofs, ThermalAverageProofs, KineticDecouplingFormulaProofs, RelicProofs).
/// Units: MeV, MeV⁻² for cross sections, MeV³ for entropy densities, solar masses for M_cut and M_f.
[<AbstractClass; Sealed>]
type CosmologyFormulas =
    /// Every cosmology formula (printed forms), in a stable order; a formula evaluated in two orders appears once.
    static member All : IReadOnlyList<Formula> =
        CosmologyDelegates.all |> List.map (fun f -> f.Formula) |> List.distinct |> List.toArray :> IReadOnlyList<Formula>

    /// Every formula with the evaluation form its delegate compiles and the computation that form reproduces.
    static member Evaluated : IReadOnlyList<EvaluatedFormula> = CosmologyDelegates.all |> List.toArray :> IReadOnlyList<EvaluatedFormula>

    // ---------------------------------------------------------------- the Standard-Model plasma

    /// ρ = (π²/30) g_eff T⁴ in MeV⁴. Parameters (g_eff, T [MeV]).
    static member EnergyDensity : Func<float, float, float> = CosmologyDelegates.energyDensity.Value
    /// s = (2π²/45) h_eff T³ in MeV³. Parameters (h_eff, T [MeV]).
    static member EntropyDensity : Func<float, float, float> = CosmologyDelegates.entropyDensity.Value
    /// s as EntropyDensity, evaluated in the order of the plasma state of the Boltzmann solvers (T² first). Parameters (h_eff, T [MeV]).
    static member PlasmaStateEntropyDensity : Func<float, float, float> = CosmologyDelegates.entropyDensityAtState.Value
    /// H = sqrt(8π³ g_eff/90) T²/M_Pl in MeV. Parameters (g_eff, T [MeV]).
    static member Hubble : Func<float, float, float> = CosmologyDelegates.hubble.Value
    /// H as Hubble, evaluated in the order of the plasma state of the Boltzmann solvers (T² first). Parameters (g_eff, T [MeV]).
    static member PlasmaStateHubble : Func<float, float, float> = CosmologyDelegates.hubbleAtState.Value
    /// g_*^{1/2} = (h_eff/√g_eff)(1 + δ/3). Parameters (h_eff, g_eff, δ = d ln h_eff/d ln T).
    static member GStarSqrt : Func<float, float, float, float> = CosmologyDelegates.gStarSqrt.Value
    /// T_ν = T ((2 + h_e)/(11/2))^{1/3} in MeV. Parameters (T [MeV], h_e).
    static member NeutrinoTemperature : Func<float, float, float> = CosmologyDelegates.neutrinoTemperature.Value
    /// q² (ε + q²/(3ε)) e^{−ε}/(1 + e^{−ε}), ε = sqrt(q² + y²): the e± entropy integrand. Parameters (q = p/T, y = m_e/T).
    static member ElectronEntropyIntegrand : Func<float, float, float> = CosmologyDelegates.electronEntropyIntegrand.Value
    /// h_e = (45/π⁴) I_e, the e± entropy degrees of freedom from the integral of ElectronEntropyIntegrand over q ∈ [0, ∞).
    /// Parameter (I_e).
    static member ElectronEntropyDof : Func<float, float> = CosmologyDelegates.electronEntropyDof.Value

    // ---------------------------------------------------------------- equilibrium

    /// eˣ x² K₂(x), the reduced Maxwell–Boltzmann density ñ = 2π² n_eq/(g T³) times eˣ; 2 for x → 0. Parameter (x = m/T ≥ 0).
    static member ReducedDensityMB : Func<float, float> = CosmologyDelegates.reducedDensityMBWithLimit.Value
    /// ln ñ_MB(x) = ln(x² K₂(x)), exact where ñ underflows. Parameter (x = m/T ≥ 0).
    static member LnReducedDensityMB : Func<float, float> = CosmologyDelegates.lnReducedDensityMBWithLimit.Value
    /// σ^{k−1} K₂(kx)/(k K₂(x)), the k-th term of the quantum series relative to the first. Parameters (k ≥ 1, x = m/T,
    /// σ = +1 Bose–Einstein or −1 Fermi–Dirac).
    static member QuantumSeriesTerm : Func<float, float, float, float> = CosmologyDelegates.quantumSeriesTerm.Value
    /// q² f(sqrt(q² + x²)), f = 1/(e^ε − σ): the integrand of ñ. Parameters (q = p/T, x = m/T, σ).
    static member QuantumDensityIntegrand : Func<float, float, float, float> = CosmologyDelegates.quantumDensityIntegrand.Value
    /// ln(n_eq/MeV³) = ln(g T³/(2π²)) + ln ñ. Parameters (g, T [MeV], ln ñ).
    static member LnNumberDensity : Func<float, float, float, float> = CosmologyDelegates.lnNumberDensity.Value
    /// ln Y_eq = ln(45 g/(4π⁴ h_eff)) + ln ñ. Parameters (g, h_eff, ln ñ).
    static member LnEquilibriumYield : Func<float, float, float, float> = CosmologyDelegates.lnEquilibriumYield.Value

    // ---------------------------------------------------------------- units and the relic density

    /// ⟨σv⟩ in cm³/s from MeV⁻². Parameter (⟨σv⟩ [MeV⁻²]).
    static member SigmaVToCm3PerSecond : Func<float, float> = CosmologyDelegates.sigmaVToCm3PerSecond.Value
    /// ⟨σv⟩ in MeV⁻² from cm³/s. Parameter (⟨σv⟩ [cm³/s]).
    static member SigmaVFromCm3PerSecond : Func<float, float> = CosmologyDelegates.sigmaVFromCm3PerSecond.Value
    /// 1 MeV⁻² of ⟨σv⟩ in cm³/s, (ħc)² c ≈ 1.1673e-11.
    static member SigmaVCm3PerSecondPerInverseMeV2 : float = CosmologyDelegates.sigmaVToCm3PerSecond.Value.Invoke 1.0
    /// Ωh² = n_c s₀ m Y/(ρ_c/h²). Parameters (m [MeV], Y, n_c = 1 self-conjugate or 2 Dirac).
    static member OmegaH2 : Func<float, float, float, float> = CosmologyDelegates.omegaH2.Value
    /// Ωh² per (m/MeV)·Y, s₀/(ρ_c/h²) ≈ 2.7438e5.
    static member OmegaH2PerMeVYield : float = CosmologyDelegates.omegaH2.Value.Invoke(1.0, 1.0, 1.0)
    /// Seed 001 eq. (4.3) as printed, 2.742e5 (m/MeV) Y. Parameters (m [MeV], Y).
    static member Seed001PrintedOmegaH2 : Func<float, float, float> = CosmologyDelegates.seed001PrintedOmegaH2.Value
    /// The printed coefficient of seed 001 eq. (4.3), 2.742e5.
    static member Seed001PrintedOmegaH2PerMeVYield : float = CosmologyDelegates.seed001PrintedOmegaH2.Value.Invoke(1.0, 1.0)
    /// ρ_DM = (Ω_DM h² ρ_c/h²/s₀) s in MeV⁴. Parameter (s [MeV³]).
    static member DarkMatterDensity : Func<float, float> = CosmologyDelegates.darkMatterDensity.Value
    /// ρ_DM/s in MeV (≈ 4.37e-7 for Ω_DM h² = 0.120).
    static member DarkMatterMassPerEntropy : float = CosmologyDelegates.darkMatterDensity.Value.Invoke 1.0

    // ---------------------------------------------------------------- Gondolo–Gelmini

    /// s = (M + T τ²)² in MeV². Parameters (τ, T [MeV], M = m₁ + m₂ [MeV]).
    static member GondoloGelminiMandelstamS : Func<float, float, float, float> = CosmologyDelegates.ggMandelstamS.Value
    /// τ = sqrt((√s − M)/T). Parameters (√s [MeV], T [MeV], M [MeV]).
    static member GondoloGelminiTau : Func<float, float, float, float> = CosmologyDelegates.ggTau.Value
    /// λ(s, m₁², m₂²) = (s − M²)(s − d²) at s(τ), in MeV⁴ (&gt; 0 above threshold). Parameters (τ, T [MeV], M = m₁ + m₂ [MeV],
    /// d = m₁ − m₂ [MeV]).
    static member GondoloGelminiLambda : Func<float, float, float, float, float> = CosmologyDelegates.ggLambda.Value
    /// σ λ K₁ᵉ(√s/T) e^{−τ²} 4Tτ in MeV³, the τ-integrand of ⟨σv⟩. Parameters (σ(s(τ)) [MeV⁻²], τ, T [MeV], M = m₁ + m₂ [MeV],
    /// d = m₁ − m₂ [MeV]).
    static member GondoloGelminiIntegrand : Func<float, float, float, float, float, float> = CosmologyDelegates.ggIntegrand.Value
    /// ⟨σv⟩ = I/(8 T⁵ ñ₁ ñ₂) in MeV⁻². Parameters (I = ∫₀^∞ dτ of the integrand [MeV³], T [MeV], ñ₁ = ReducedDensityMB(m₁/T),
    /// ñ₂ = ReducedDensityMB(m₂/T)).
    static member GondoloGelminiAverage : Func<float, float, float, float, float> = CosmologyDelegates.ggAverage.Value
    /// ⟨σv⟩ = 4σ₀ K₃(2x)/(x K₂(x)²) for a constant σ₀ and equal masses, in σ₀'s unit. Parameters (σ₀, x = m/T).
    static member ConstantCrossSectionAverage : Func<float, float, float> = CosmologyDelegates.constantCrossSection.Value
    /// σ = σv_rel √s/(4p) in MeV⁻². Parameters (σv_rel [MeV⁻²], s [MeV²], m [MeV] of each initial particle).
    static member CrossSectionFromSigmaV : Func<float, float, float, float> = CosmologyDelegates.crossSectionFromSigmaV.Value
    /// s = 4(m² + p²) in MeV². Parameters (m [MeV], p [MeV]).
    static member PairMandelstamS : Func<float, float, float> = CosmologyDelegates.pairMandelstamS.Value
    /// p² = s/4 − m² in MeV². Parameters (s [MeV²], m [MeV]).
    static member PairMomentumSquared : Func<float, float, float> = CosmologyDelegates.pairMomentumSquared.Value

    // ---------------------------------------------------------------- kinetic decoupling

    /// s = m² + 2mk in MeV². Parameters (m [MeV], k [MeV]).
    static member KineticDecouplingMandelstamS : Func<float, float, float> = CosmologyDelegates.kdMandelstamS.Value
    /// k_cm² = m²k²/s in MeV². Parameters (m [MeV], k [MeV]).
    static member KineticDecouplingCmMomentumSquared : Func<float, float, float> = CosmologyDelegates.kdCmMomentumSquared.Value
    /// t_min = −4k_cm² in MeV². Parameters (m [MeV], k [MeV]).
    static member KineticDecouplingTMin : Func<float, float, float> = CosmologyDelegates.kdTMin.Value
    /// ⟨|M|²⟩_t = 2(k_cm/k)⁴ J with J = ∫₀¹ τ |M|²(s, t_min τ) dτ. Parameters (J, m [MeV], k [MeV]).
    static member KineticDecouplingTAverage : Func<float, float, float, float> = CosmologyDelegates.kdTAverage.Value
    /// k⁴ f(1 − f) ⟨|M|²⟩_t at k = Tq in MeV⁴. Parameters (q, T [MeV], ⟨|M|²⟩_t).
    static member MomentumTransferIntegrand : Func<float, float, float, float> = CosmologyDelegates.kdRateIntegrand.Value
    /// γ = I/(48π³ g m³ T) in MeV. Parameters (I = Σ_i ∫ dk k⁴ f(1 − f) ⟨|M_i|²⟩_t [MeV⁵], g, m [MeV], T [MeV]).
    static member MomentumTransferRate : Func<float, float, float, float, float> = CosmologyDelegates.kdRate.Value
    /// 16π g g_p (s − m²)² dσ/dt. Parameters (dσ/dt [MeV⁻⁴], s [MeV²], m [MeV], g, g_p).
    static member AmplitudeFromDifferentialCrossSection : Func<float, float, float, float, float, float> =
        CosmologyDelegates.kdAmplitudeFromDsdt.Value
    /// k = m(r² − 1)/2 in MeV, where s = m² + 2mk reaches (r m)². Parameters (m [MeV], r).
    static member ResonanceMomentum : Func<float, float, float> = CosmologyDelegates.kdResonanceMomentum.Value
    /// k = (s − m²)/(2m) in MeV, the partner momentum in the DM rest frame at which s = m² + 2mk (the inverse of
    /// KineticDecouplingMandelstamS). Parameters (m [MeV], s [MeV²]).
    static member KineticDecouplingPartnerMomentum : Func<float, float, float> = CosmologyDelegates.kdPartnerMomentum.Value
    /// M_cut = (4π/3) ρ_DM/H³ in solar masses. Parameters (s [MeV³], H [MeV]) at the same temperature.
    static member CutoffMass : Func<float, float, float> = CosmologyDelegates.cutoffMass.Value
    /// M_f = 5.1e10 M_⊙ (keV/m_WDM)⁴ in solar masses. Parameter (m_WDM [keV]).
    static member WarmDarkMatterCutoffMass : Func<float, float> = CosmologyDelegates.warmDarkMatterCutoffMass.Value
    /// T_KD,min = keV (A/M_f)^{1/3} in MeV. Parameters (A = M_cut(1 keV) [M_⊙], M_f [M_⊙]).
    static member MinimumDecouplingTemperature : Func<float, float, float> = CosmologyDelegates.minimumDecouplingTemperature.Value
    /// Seed 000 eq. (15) as printed, in MeV. Parameters (m [MeV], y, r = m_φ/m).
    static member Seed000Eq15 : Func<float, float, float, float> = CosmologyDelegates.seed000Eq15.Value
    /// The largest even exponent n of the power-law closed forms.
    static member MaxPowerLawExponent : int = KineticDecouplingFormulas.MaxPowerLawExponent

    /// γ in MeV for ⟨|M|²⟩_t = c kⁿ: parameters (c [MeV⁻ⁿ], m [MeV], g, T_ν [MeV]). False (and null) unless n is even
    /// and in [0, MaxPowerLawExponent].
    static member TryPowerLawRate(n: int, [<Out>] rate: byref<Func<float, float, float, float, float>>) : bool =
        if n >= 0 && n <= KineticDecouplingFormulas.MaxPowerLawExponent && n % 2 = 0 then
            rate <- CosmologyDelegates.powerLawRate.[n / 2].Value
            true
        else
            rate <- null
            false

    /// T_KD (photon temperature, MeV) from γ = H for ⟨|M|²⟩_t = c kⁿ, with T_ν = (4/11)^{1/3} T: parameters (c [MeV⁻ⁿ],
    /// m [MeV], g, g_eff at T → 0). False (and null) unless n is even and in [0, MaxPowerLawExponent].
    static member TryPowerLawDecouplingTemperature(n: int, [<Out>] temperature: byref<Func<float, float, float, float, float>>) : bool =
        if n >= 0 && n <= KineticDecouplingFormulas.MaxPowerLawExponent && n % 2 = 0 then
            temperature <- CosmologyDelegates.powerLawDecouplingTemperature.[n / 2].Value
            true
        else
            temperature <- null
            false

    // ---------------------------------------------------------------- rate-equation coefficients and relic physics

    /// ln((1 + δ/3) s⟨σv⟩/H), as the freeze-out solver evaluates it. Parameters (δ, s [MeV³], H [MeV], ln⟨σv⟩ with ⟨σv⟩ in MeV⁻²).
    static member FreezeOutLogRate : Func<float, float, float, float, float> = CosmologyDelegates.freezeOutLogRate.Value
    /// ln((1 + δ/3) s⟨σv⟩/H), as the χ/S solver evaluates it. Parameters (δ, s [MeV³], H [MeV], ln⟨σv⟩).
    static member TwoSpeciesLogRate : Func<float, float, float, float, float> = CosmologyDelegates.twoSpeciesLogRate.Value
    /// ln((1 + δ/3) Γ K₁(x_S)/K₂(x_S)/H). Parameters (δ, H [MeV], Γ [MeV] &gt; 0, x_S = m_S/T).
    static member LogDecay : Func<float, float, float, float, float> = CosmologyDelegates.logDecay.Value
    /// ln((1 + δ/3) s⟨σv⟩ Y_eq²/H). Parameters (δ, s [MeV³], H [MeV], ln⟨σv⟩, ln Y_eq).
    static member LogConversion : Func<float, float, float, float, float, float> = CosmologyDelegates.logConversion.Value
    /// ln Y_χ = W_t + ln(1 − ν_d e^{W_s − W_t}). Parameters (W_t, W_s, ν_d).
    static member ChiLogYield : Func<float, float, float, float> = CosmologyDelegates.chiLogYield.Value
    /// W_t = ln(Y_χ + ν_d Y_S). Parameters (ln Y_χ, ln Y_S, ν_d).
    static member TotalLogYield : Func<float, float, float, float> = CosmologyDelegates.totalLogYield.Value
    /// ln Y_S = ln Y_χ + ln Y_S,eq − ln Y_χ,eq. Parameters (ln Y_χ, ln Y_χ,eq, ln Y_S,eq).
    static member InverseDecayLogYield : Func<float, float, float, float> = CosmologyDelegates.inverseDecayLogYield.Value
    /// Y_∞ = Y/(1 + Yλ/p). Parameters (Y at x_end, λ(x_end), p = −d ln λ/d ln x &gt; 0).
    static member FreezeOutTail : Func<float, float, float, float> = CosmologyDelegates.freezeOutTail.Value
    /// σ(y) = yⁿ σ₁. Parameters (y, n, σ₁).
    static member CouplingScaling : Func<float, float, float, float> = CosmologyDelegates.couplingScaling.Value
    /// y = (σ_y/σ₁)^{1/n}. Parameters (σ_y, σ₁, n).
    static member CouplingFromCrossSection : Func<float, float, float, float> = CosmologyDelegates.couplingFromCrossSection.Value
    /// Γ_S = y_χ² m_S/(8π) in MeV (seed 001). Parameters (y_χ, m_S [MeV]).
    static member Seed001Width : Func<float, float, float> = CosmologyDelegates.seed001Width.Value
