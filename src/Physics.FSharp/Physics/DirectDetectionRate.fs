namespace NuDM.Physics

open System
open NuDM.Symbolic

/// The direct-detection rate of X N → ν N (seed 000 sec. VI, eq. (20)), one formula for every detector (XENON1T,
/// DarkSide-50 and its S2-only search, CRESST-III, PandaX-4T, Borexino's protons).
///
/// Eq. (20) as printed: R = (ρ_X/m_X) σ_NC Σ_j N_T,j A_j² F_j² Θ(E_R,j − E_th). Per target nucleus of isotope j the
/// rate is the term Γ_j = (ρ_X/m_X) σ_NC c A_j² F_j², times the physical factor κ(m_X, m_N, r) between seed 000's
/// σ_NC (sec. VII: y_X² y_p² m_X²/(16π m_φ⁴), the plotted quantity) and σv of X N → ν N at rest, derived from the
/// amplitude in Amplitudes.conversionFactor (proof dd.sigma-nc-normalisation: κ → 4 (r²/(r² + 1))² for a heavy
/// target, including the t-channel propagator at q² ≈ −m_X²). σ_NC enters as the velocity-independent σv with v in
/// units of c (the conversion is exothermic, σ ∝ 1/v): the factor c turns the natural-unit rate into s⁻¹ and the rate
/// does not depend on the halo velocity distribution. The sum over isotopes, the efficiencies and the window
/// Θ(E_R ∈ window) are numerics, done by the detector classes.
[<RequireQualifiedAccess>]
module DirectDetectionRate =
    let private s = Symbol
    /// Symbols: m_X, m_N (MeV), r = m_φ/m_X, A (mass number), F2 = F²(q) (form factor squared), rho = ρ_X (MeV cm⁻³),
    /// sigma_NC (cm²), c (cm s⁻¹).
    let mX, mN, r, A, F2, rho, sigmaNC, c = s "m_X", s "m_N", s "r", s "A", s "F2", s "rho", s "sigma_NC", s "c"

    /// Every symbol is real and positive.
    let Domain = Assumptions.Positive [ "m_X"; "m_N"; "r"; "A"; "F2"; "rho"; "sigma_NC"; "c" ]

    /// The speed of light as the exact rational of Constants.C_cm_s (cm s⁻¹).
    let lightSpeed = Ops.number (Q.OfDouble Constants.C_cm_s)

    /// Seed 000 eq. (20) as printed, the term of one target nucleus: (ρ_X/m_X) σ_NC c A² F², s⁻¹.
    let printedRatePerTarget = rho / mX * sigmaNC * c * A ** 2 * F2

    /// κ(m_X, m_N, r) = σv(X N → ν N at rest)/(A² σ_NC), from the amplitude (Amplitudes.conversionFactor).
    let kappa : Lazy<Expr> = lazy Amplitudes.conversionFactor.Value

    /// κ in the heavy-mediator limit r → ∞ (the Puiseux limit of kappa), a function of m_X and m_N.
    let kappaHeavyMediator : Lazy<Expr> =
        lazy (Series.limitWith (Assumptions.Positive [ "m_X"; "m_N"; "r" ]) r PositiveInfinity Direction.Both (kappa.Force()))

    /// The physical rate per target nucleus: κ(m_X, m_N, r) (ρ_X/m_X) σ_NC c A² F², s⁻¹ (seed 000 eq. (20) with κ).
    let ratePerTarget : Lazy<Expr> = lazy (kappa.Force() * printedRatePerTarget)

    /// The same for a heavy mediator (r → ∞): κ_∞(m_X, m_N) (ρ_X/m_X) σ_NC c A² F², s⁻¹.
    let ratePerTargetHeavyMediator : Lazy<Expr> = lazy (kappaHeavyMediator.Force() * printedRatePerTarget)

    /// The y_X at which σ_NC = y_X² y_p² m_X²/(16π m_φ⁴) (Couplings.SigmaNCFormula, MeV⁻²) reaches a value σ (in MeV⁻²):
    /// the positive root in y_X, derived by the solver.
    let couplingForSigmaNC : Lazy<Expr> =
        lazy
            (let sigma = s "sigma"
             let dom = Assumptions.Positive [ "sigma"; "y_X"; "y_p"; "m_X"; "m_phi" ]
             let sigmaNCExpr = Couplings.SigmaNCFormula.Expression
             match Solve.polynomialWith dom (s "y_X") (Normal.simplifyWith dom (sigmaNCExpr - sigma)) |> List.filter (fun x -> Normal.signWith dom x > 0) with
             | [ x ] -> x
             | xs -> failwithf "y_X(σ_NC): expected one positive root, got %A" xs)

    let private withC (e: Expr) = Structure.substitute c lightSpeed e
    let private pMX = "m_X", "MeV", "dark-matter mass"
    let private pMN = "m_N", "MeV", "target nucleus mass"
    let private pR = "r", "1", "m_φ/m_X"
    let private pA = "A", "1", "mass number (1 for a proton)"
    let private pF2 = "F2", "1", "nuclear form factor squared F²(q) at the recoil (1 for a proton)"
    let private pRho = "rho", "MeV/cm^3", "local dark-matter density ρ_X"
    let private pSigma = "sigma_NC", "cm^2", "seed 000's σ_NC (sec. VII)"
    let private ref20 = "seed 000 eq. (20), one target nucleus, × κ (proof dd.sigma-nc-normalisation)"

    /// κ(m_X, m_N, r) as a formula.
    [<CompiledName("KappaFormula")>]
    let kappaFormula () =
        Formula.create "kappa" (kappa.Force()) [ pMX; pMN; pR ] "1" "derived from the X N → ν N amplitude; seed 000 sec. VII σ_NC"
            "physical σv(X N → ν N) at rest divided by A² σ_NC"

    /// κ_∞(m_X, m_N) = lim_{r→∞} κ as a formula.
    [<CompiledName("KappaHeavyMediatorFormula")>]
    let kappaHeavyMediatorFormula () =
        Formula.create "kappa_heavy" (kappaHeavyMediator.Force()) [ pMX; pMN ] "1" "lim r → ∞ of κ (heavy mediator)"
            "κ for a mediator much heavier than the momentum transfer"

    /// Γ(m_X, m_N, r, A, F², ρ_X, σ_NC): X N → ν N conversions per second per target nucleus, s⁻¹.
    [<CompiledName("RatePerTargetFormula")>]
    let ratePerTargetFormula () =
        Formula.create "Gamma_DD" (withC (ratePerTarget.Force())) [ pMX; pMN; pR; pA; pF2; pRho; pSigma ] "s^-1" ref20
            "direct-detection conversion rate per target nucleus"

    /// Γ_∞(m_X, m_N, A, F², ρ_X, σ_NC): the same for a heavy mediator (r → ∞), s⁻¹.
    [<CompiledName("RatePerTargetHeavyMediatorFormula")>]
    let ratePerTargetHeavyMediatorFormula () =
        Formula.create "Gamma_DD_heavy" (withC (ratePerTargetHeavyMediator.Force())) [ pMX; pMN; pA; pF2; pRho; pSigma ] "s^-1" ref20
            "direct-detection conversion rate per target nucleus, heavy mediator"

    /// y_X(σ, y_p, m_X, m_φ) with σ in cm²: the coupling at which σ_NC reaches σ.
    [<CompiledName("CouplingForSigmaNCFormula")>]
    let couplingForSigmaNCFormula () =
        let e = Structure.substitute (s "sigma") (s "sigma_cm2" / Ops.number (Q.OfDouble Constants.InvMeV2_cm2)) (couplingForSigmaNC.Force())
        Formula.create "y_X_of_sigma_NC" e
            [ "sigma_cm2", "cm^2", "σ_NC"; "y_p", "1", "proton coupling"; "m_X", "MeV", "dark-matter mass"; "m_phi", "MeV", "mediator mass" ]
            "1" "seed 000 sec. VII, solved for y_X" "X–φ–ν coupling at which σ_NC reaches σ"

/// The direct-detection formulas for C# (seed 000 eq. (20) with κ; σ_NC ↔ y_X), as compiled delegates with a fixed,
/// documented parameter order, and checked entry points. Masses in MeV, ρ_X in MeV cm⁻³, σ_NC in cm², rates in s⁻¹.
/// r = m_φ/m_X may be +∞ (the heavy-mediator limit, its own derived formula).
[<AbstractClass; Sealed>]
type DetectionFormulas =
    static let kappa = lazy ((DirectDetectionRate.kappaFormula ()).Compile3())
    static let kappaHeavy = lazy ((DirectDetectionRate.kappaHeavyMediatorFormula ()).Compile2())
    static let rate =
        lazy
            (let f = DirectDetectionRate.ratePerTargetFormula ()
             let p = f.ParameterNames
             Compile.compile7 p.[0] p.[1] p.[2] p.[3] p.[4] p.[5] p.[6] f.Expression)
    static let rateHeavy = lazy ((DirectDetectionRate.ratePerTargetHeavyMediatorFormula ()).Compile6())
    static let coupling = lazy ((DirectDetectionRate.couplingForSigmaNCFormula ()).Compile4())

    static let checkCommon (mX: float) (mN: float) (r: float) =
        Argument.Positive("mX", mX, "MeV") |> ignore
        Argument.Positive("mN", mN, "MeV") |> ignore
        Argument.PositiveOrInfinity("mediatorRatio", r) |> ignore

    /// κ(m_X, m_N, r) compiled: parameters (m_X [MeV], m_N [MeV], r), unchecked, r finite.
    static member Kappa : Func<float, float, float, float> = kappa.Force()
    /// κ_∞(m_X, m_N) compiled: parameters (m_X [MeV], m_N [MeV]), unchecked.
    static member KappaHeavyMediator : Func<float, float, float> = kappaHeavy.Force()
    /// Γ compiled: parameters (m_X [MeV], m_N [MeV], r, A, F², ρ_X [MeV cm⁻³], σ_NC [cm²]) → s⁻¹ per target, unchecked.
    static member RatePerTarget : Func<float, float, float, float, float, float, float, float> = rate.Force()
    /// Γ_∞ compiled: parameters (m_X [MeV], m_N [MeV], A, F², ρ_X [MeV cm⁻³], σ_NC [cm²]) → s⁻¹ per target, unchecked.
    static member RatePerTargetHeavyMediator : Func<float, float, float, float, float, float, float> = rateHeavy.Force()
    /// y_X(σ_NC) compiled: parameters (σ_NC [cm²], y_p, m_X [MeV], m_φ [MeV]), unchecked.
    static member CouplingForSigmaNC : Func<float, float, float, float, float> = coupling.Force()

    /// κ(m_X, m_N, r) with checks; r = +∞ gives the heavy-mediator limit.
    static member KappaAt(mX: float, mN: float, mediatorRatio: float) : float =
        checkCommon mX mN mediatorRatio
        if Double.IsPositiveInfinity mediatorRatio then kappaHeavy.Force().Invoke(mX, mN)
        else kappa.Force().Invoke(mX, mN, mediatorRatio)

    /// Conversions per second per target nucleus (s⁻¹), seed 000 eq. (20) with κ, with checks: m_X, m_N &gt; 0 (MeV),
    /// r &gt; 0 (+∞ allowed), A ≥ 1, F² in [0, 1], ρ_X &gt; 0 (MeV cm⁻³), σ_NC ≥ 0 (cm²).
    static member Rate(mX: float, mN: float, mediatorRatio: float, massNumber: float, formFactorSquared: float, rho: float, sigmaNC: float) : float =
        checkCommon mX mN mediatorRatio
        Argument.InRange("massNumber", massNumber, 1.0, 300.0, "") |> ignore
        Argument.InRange("formFactorSquared", formFactorSquared, 0.0, 1.0, "") |> ignore
        Argument.Positive("rho", rho, "MeV/cm^3") |> ignore
        Argument.NonNegative("sigmaNC", sigmaNC, "cm²") |> ignore
        if Double.IsPositiveInfinity mediatorRatio then rateHeavy.Force().Invoke(mX, mN, massNumber, formFactorSquared, rho, sigmaNC)
        else rate.Force().Invoke(mX, mN, mediatorRatio, massNumber, formFactorSquared, rho, sigmaNC)

    /// The y_X at which σ_NC(y_X, y_p, m_X, m_φ) equals σ (cm²), with checks (σ, y_p, masses &gt; 0).
    static member CouplingForSigmaNCAt(sigmaNC: float, yp: float, mX: float, mPhi: float) : float =
        Argument.Positive("sigmaNC", sigmaNC, "cm²") |> ignore
        Argument.Positive("yp", yp) |> ignore
        Argument.Positive("mX", mX, "MeV") |> ignore
        Argument.Positive("mPhi", mPhi, "MeV") |> ignore
        coupling.Force().Invoke(sigmaNC, yp, mX, mPhi)
