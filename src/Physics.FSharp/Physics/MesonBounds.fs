namespace NuDM.Physics

open System
open System.Collections.Generic
open NuDM.Symbolic

/// One K⁺ → π⁺ νν̄ branching-ratio result of data/detection/kaon_pi_nunu.csv, in units of 10⁻¹¹.
[<NoEquality; NoComparison>]
type KaonMeasurement =
    { /// "E787+E949", "NA62" or "SM".
      Experiment: string
      /// Data set, e.g. "2016-2022".
      Data: string
      /// Central value, 10⁻¹¹.
      Central: float
      /// Upper (positive) error, 10⁻¹¹.
      ErrorPlus: float
      /// Lower error (as a positive number), 10⁻¹¹.
      ErrorMinus: float
      /// Publication, as in the data file.
      Reference: string }

    /// "Experiment Data", e.g. "NA62 2016-2022".
    member m.Label = m.Experiment + " " + m.Data
    /// True when the data file marks the result as preliminary.
    member m.IsPreliminary = m.Reference.IndexOf("preliminary", StringComparison.OrdinalIgnoreCase) >= 0

/// A bound on y_q from one measurement, obtained by rescaling the seed's E787/E949 value.
[<NoEquality; NoComparison>]
type KaonCouplingBound =
    { Measurement: KaonMeasurement
      /// The 90 % CL BSM allowance A = (B_meas − B_SM) + z₉₀ sqrt(σ₊² + σ_SM²), 10⁻¹¹.
      BsmAllowance: float
      /// y_q,max = 1.58 × 10⁻⁴ sqrt(A / A_E787/E949) (flat in m_φ below m_K − m_π).
      YqMax: float
      /// y_q,max / 1.58 × 10⁻⁴.
      RelativeToAnchor: float }

/// Kaon bounds on the φ–quark coupling y_q (seed 000 sec. II, eq. 2), and how they move with NA62.
///
/// What this is — and is not. The rate of K⁺ → π⁺φ (φ → ν̄X invisible) for a flavour-universal y_q φ q̄q arises at
/// one loop and is model dependent (UV-sensitive for couplings not proportional to quark masses); the seed gives only
/// the result y_q ≲ 1.58 × 10⁻⁴ from E787/E949 (eq. 2) and not the formula. This module does not compute that rate:
/// it uses only BR(K⁺ → π⁺φ) = k y_q² with k unknown, fixes k by the seed's 1.58 × 10⁻⁴ at the E787/E949 BSM
/// allowance, and rescales: y_q,max = 1.58 × 10⁻⁴ sqrt(A / A_E787/E949). It is a rescaling, not a new calculation.
///
/// BSM allowance (defined here): A = (B_meas − B_SM) + z₉₀ sqrt(σ₊² + σ_SM²), the one-sided 90 % CL upper end
/// (z₉₀ = 1.2816) of the BSM excess δB = B_meas − B_SM with Gaussian errors (upper experimental error, SM error in
/// quadrature), from the numbers in data/detection/kaon_pi_nunu.csv (SM: Buras et al. 2015, 8.4 ± 1.0).
///
/// Mass dependence. The formula the seed's refs. [27, 28] use for a universal coupling was not found in the public
/// material available to us, so the default bound is flat in m_φ below the two-body endpoint m_K − m_π = 354.1 MeV
/// and absent above (NaN = no constraint). An optional variant scales the rate with the two-body momentum
/// p_π(m_φ)/p_π(0) (constant effective s̄dφ coupling and scalar form factor, anchor at m_φ → 0); experimental
/// acceptance in m_φ (the E949/NA62 signal regions exclude m_φ near m_π⁰) is not modelled in either.
[<RequireQualifiedAccess>]
module MesonBounds =
    let private s = Symbol
    /// Symbols: y_q, the anchor coupling y_0, the allowance A and the anchor allowance A_0 (same units), k (BR per y_q²).
    let yq, y0, allowance, anchorAllowance, k = s "y_q", s "y_0", s "A", s "A_0", s "k"
    /// Masses for the two-body kinematics: m_K, m_pi, m_phi (MeV).
    let mK, mPi, mPhi = s "m_K", s "m_pi", s "m_phi"

    /// The domain: all symbols positive, and m_φ below the endpoint (m_K − m_π − m_φ > 0).
    let Domain = (Assumptions.Positive [ "y_q"; "y_0"; "A"; "A_0"; "k"; "m_K"; "m_pi"; "m_phi" ]).AndPositive(mK - mPi - mPhi)

    /// y_q,max derived: the positive root of k y_q² = A with k fixed by k y_0² = A_0.
    let yqMaxExpr : Lazy<Expr> =
        lazy
            (let kAnchored = anchorAllowance / (y0 * y0)
             let eq = Normal.simplifyWith Domain (kAnchored * yq * yq - allowance)
             match Solve.polynomialWith Domain yq eq |> List.filter (fun r -> Normal.signWith Domain r > 0) with
             | [ r ] -> r
             | rs -> failwithf "kaon rescaling: expected one positive root, got %A" rs)

    /// Källén function λ(a, b, c) = a² + b² + c² − 2ab − 2ac − 2bc.
    let kallen (a: Expr) (b: Expr) (c: Expr) = a * a + b * b + c * c - 2 * a * b - 2 * a * c - 2 * b * c

    /// The pion momentum of K → π φ in the kaon rest frame, sqrt(λ(m_K², m_π², m_φ²))/(2 m_K), MeV.
    let pionMomentum = sqrt (kallen (mK * mK) (mPi * mPi) (mPhi * mPhi)) / (2 * mK)

    /// p_π(m_φ)/p_π(0): the two-body phase-space factor of Γ(K → πφ) at fixed effective coupling.
    let phaseSpaceRatio = pionMomentum / Structure.substitute mPhi Ops.zero pionMomentum

    /// Symbols of the BSM allowance: B (measured BR), B_SM, the upper error sigma_plus, the SM error sigma_SM, z (units of σ).
    let B, bSM, sigmaPlus, sigmaSM, zScore = s "B", s "B_SM", s "sigma_plus", s "sigma_SM", s "z"

    /// The BSM allowance A = (B − B_SM) + z sqrt(σ₊² + σ_SM²): the one-sided upper end, at z standard deviations, of
    /// the excess δB = B − B_SM with Gaussian errors added in quadrature (same units as B).
    let allowanceExpr = (B - bSM) + zScore * sqrt (sigmaPlus ** 2 + sigmaSM ** 2)

    /// y_q,max(m_φ) with the optional phase-space scaling: Γ(K → πφ) ∝ p_π(m_φ) y_q² at fixed effective coupling, so the
    /// bound y_q,max(0) (symbol y_q) weakens to y_q,max(0)/sqrt(p_π(m_φ)/p_π(0)).
    let phaseSpaceScaledBound = yq / sqrt phaseSpaceRatio

    /// A(B, B_SM, σ₊, σ_SM, z) as a formula (units 10⁻¹¹ for the branching ratios).
    [<CompiledName("AllowanceFormula")>]
    let allowanceFormula () =
        Formula.create "A_BSM" allowanceExpr
            [ "B", "1e-11", "measured branching ratio"; "B_SM", "1e-11", "SM prediction"; "sigma_plus", "1e-11", "upper experimental error"
              "sigma_SM", "1e-11", "SM error"; "z", "1", "one-sided z (1.2816 at 90 % CL)" ]
            "1e-11" "definition (this project), used with seed 000 eq. (2)" "room for a BSM K⁺ → π⁺ + invisible branching ratio"

    /// y_q,max(m_φ) = y_q,max(0)/sqrt(p_π(m_φ)/p_π(0)) as a formula in y_q (the flat bound), m_phi, m_K, m_pi.
    [<CompiledName("PhaseSpaceScaledBoundFormula")>]
    let phaseSpaceScaledBoundFormula () =
        Formula.create "y_q_max_phase_space" phaseSpaceScaledBound
            [ "y_q", "1", "flat bound (m_φ → 0)"; "m_phi", "MeV", "mediator mass"; "m_K", "MeV", "K⁺ mass"; "m_pi", "MeV", "π⁺ mass" ]
            "1" "seed 000 eq. (2) with two-body phase space (model assumption)" "y_q bound at m_φ with Γ ∝ p_π y_q²"

    /// y_q,max = y_0 sqrt(A/A_0) as a formula (A, A_0 in the same units).
    [<CompiledName("YqMaxFormula")>]
    let yqMaxFormula () =
        Formula.create "y_q_max" (yqMaxExpr.Force())
            [ "A", "1e-11", "BSM allowance of the measurement"; "A_0", "1e-11", "BSM allowance of E787/E949 (anchor)"; "y_0", "1", "anchor coupling 1.58e-4" ]
            "1" "seed 000 eq. (2), rescaled (BR ∝ y_q²)" "largest y_q allowed by a K⁺ → π⁺ + invisible measurement"

    /// p_π(m_φ)/p_π(0) as a formula in m_phi, m_K, m_pi (MeV).
    [<CompiledName("PhaseSpaceRatioFormula")>]
    let phaseSpaceRatioFormula () =
        Formula.create "pion_momentum_ratio" phaseSpaceRatio
            [ "m_phi", "MeV", "mediator mass"; "m_K", "MeV", "K⁺ mass"; "m_pi", "MeV", "π⁺ mass" ]
            "1" "two-body kinematics of K⁺ → π⁺φ" "p_π(m_φ)/p_π(0)"

/// A hypothetical K⁺ → π⁺ νν̄ measurement at the SM central value (a projection, not data): its BSM allowance and bound.
[<NoEquality; NoComparison>]
type KaonProjection =
    { /// Relative precision assumed (0.1 = 10 %).
      RelativePrecision: float
      /// A, 10⁻¹¹.
      BsmAllowance: float
      /// y_q,max.
      YqMax: float }

/// Numeric kaon bounds for C#. Branching ratios and allowances in units of 10⁻¹¹, masses in MeV.
[<AbstractClass; Sealed>]
type KaonBounds =
    static let file = "kaon_pi_nunu.csv"
    /// The rows of data/detection/kaon_pi_nunu.csv (validated: branching ratios and errors finite and ≥ 0), once per data folder.
    static let rows () : KaonMeasurement list =
        DataFiles.Cached(
            "kaon.measurements",
            Func<KaonMeasurement list>(fun () ->
                DataFiles.Table("detection/" + file).Rows
                |> Seq.map (fun r ->
                    { Experiment = r.["experiment"]
                      Data = r.["data"]
                      Central = r.Number "BR_central_1e-11"
                      ErrorPlus = r.Number "err_plus_1e-11"
                      ErrorMinus = r.Number "err_minus_1e-11"
                      Reference = r.["reference"] })
                |> List.ofSeq)
        )
    static let yq = lazy ((MesonBounds.yqMaxFormula ()).Compile3())
    static let ps = lazy ((MesonBounds.phaseSpaceRatioFormula ()).Compile3())
    static let allowance = lazy ((MesonBounds.allowanceFormula ()).Compile5())
    static let scaled = lazy ((MesonBounds.phaseSpaceScaledBoundFormula ()).Compile4())

    /// The seed's bound from E787/E949, y_q ≲ 1.58 × 10⁻⁴ (seed 000 eq. 2): the anchor of every rescaled bound.
    static member AnchorCoupling = 1.58e-4
    /// z for a one-sided 90 % CL upper limit of a Gaussian, Φ⁻¹(0.9).
    static member OneSidedZ90 = 1.2815515655446004
    /// The two-body endpoint m_K⁺ − m_π⁺ (PDG 2024), MeV: above it K⁺ → π⁺φ is closed and the bound absent.
    static member KinematicEndpoint_MeV = Constants.ChargedKaonMass - Constants.ChargedPionMass

    /// The measurements of data/detection/kaon_pi_nunu.csv (E787+E949 first, then NA62), without the SM row.
    static member Measurements() : IReadOnlyList<KaonMeasurement> =
        rows () |> List.filter (fun m -> m.Experiment <> "SM") |> Array.ofList :> IReadOnlyList<KaonMeasurement>

    /// The SM prediction row (Buras et al., JHEP 11 (2015) 033: 8.4 ± 1.0).
    static member StandardModel() : KaonMeasurement =
        match rows () |> List.tryFind (fun m -> m.Experiment = "SM") with
        | Some m -> m
        | None -> raise (DataFileException(DataFiles.DisplayName("detection/" + file), "has no SM row"))

    /// The E787+E949 combined result (the seed's ref. [29]).
    static member E787E949() : KaonMeasurement =
        match KaonBounds.Measurements() |> Seq.tryFind (fun m -> m.Experiment = "E787+E949") with
        | Some m -> m
        | None -> raise (DataFileException(DataFiles.DisplayName("detection/" + file), "has no E787+E949 row"))

    /// A = (B − B_SM) + z sqrt(σ₊² + σ_SM²) in 10⁻¹¹; z defaults to the one-sided 90 % CL value 1.2816.
    static member BsmAllowance(measurement: KaonMeasurement, z: float) : float =
        if not (z > 0.0) || Double.IsInfinity z then raise (ArgumentOutOfRangeException("z", z, "z must be a finite number > 0 (1.2816 for a one-sided 90% CL)"))
        let sm = KaonBounds.StandardModel()
        let a = allowance.Force().Invoke(measurement.Central, sm.Central, measurement.ErrorPlus, sm.ErrorPlus, z)
        if not (a > 0.0) then
            raise (ArgumentOutOfRangeException("measurement", a, sprintf "%s leaves no room for a BSM contribution at z = %g (allowance %g × 1e-11 ≤ 0)" measurement.Label z a))
        a

    /// A at the one-sided 90 % CL.
    static member BsmAllowance(measurement: KaonMeasurement) : float = KaonBounds.BsmAllowance(measurement, KaonBounds.OneSidedZ90)

    /// y_q,max = 1.58e-4 sqrt(A/A_E787/E949) for an allowance A (10⁻¹¹) at the same z.
    static member YqMaxForAllowance(allowance: float, z: float) : float =
        if not (allowance > 0.0) || Double.IsInfinity allowance then
            raise (ArgumentOutOfRangeException("allowance", allowance, "the BSM allowance must be a finite number > 0 (units 1e-11)"))
        let a0 = KaonBounds.BsmAllowance(KaonBounds.E787E949(), z)
        yq.Force().Invoke(allowance, a0, KaonBounds.AnchorCoupling)

    /// The bound table: E787/E949 (the anchor, 1.58e-4 by construction) and every NA62 result, at z.
    static member Table(z: float) : IReadOnlyList<KaonCouplingBound> =
        KaonBounds.Measurements()
        |> Seq.map (fun m ->
            let a = KaonBounds.BsmAllowance(m, z)
            let y = KaonBounds.YqMaxForAllowance(a, z)
            { Measurement = m; BsmAllowance = a; YqMax = y; RelativeToAnchor = y / KaonBounds.AnchorCoupling })
        |> Array.ofSeq :> IReadOnlyList<KaonCouplingBound>

    /// The bound table at the one-sided 90 % CL.
    static member Table() : IReadOnlyList<KaonCouplingBound> = KaonBounds.Table(KaonBounds.OneSidedZ90)

    /// A hypothetical measurement at the SM central value with the given relative error (e.g. 0.1 for NA62's 10 %
    /// goal, seed 000 sec. II): (allowance in 10⁻¹¹, y_q,max). A projection, not data.
    static member Projection(relativePrecision: float) : KaonProjection =
        if not (relativePrecision > 0.0) || Double.IsInfinity relativePrecision then
            raise (ArgumentOutOfRangeException("relativePrecision", relativePrecision, "the relative precision must be a finite number > 0 (0.1 = 10 %)"))
        let sm = KaonBounds.StandardModel()
        let hypothetical = { sm with Experiment = "projection"; Data = sprintf "%g%%" (100.0 * relativePrecision); ErrorPlus = relativePrecision * sm.Central; ErrorMinus = relativePrecision * sm.Central; Reference = "projection" }
        let a = KaonBounds.BsmAllowance(hypothetical)
        { RelativePrecision = relativePrecision; BsmAllowance = a; YqMax = KaonBounds.YqMaxForAllowance(a, KaonBounds.OneSidedZ90) }

    /// p_π(m_φ)/p_π(0) for K⁺ → π⁺φ (PDG 2024 masses); 0 at and above the endpoint.
    static member PhaseSpaceRatio(mPhi: float) : float =
        if not (mPhi >= 0.0) || Double.IsInfinity mPhi then raise (ArgumentOutOfRangeException("mPhi", mPhi, "m_phi must be a finite number ≥ 0 MeV"))
        if mPhi >= KaonBounds.KinematicEndpoint_MeV then 0.0
        else ps.Force().Invoke(mPhi, Constants.ChargedKaonMass, Constants.ChargedPionMass)

    /// y_q,max at m_φ for a bound: flat below m_K − m_π (the default), or, with phaseSpace = true, divided by
    /// sqrt(p_π(m_φ)/p_π(0)) (anchor at m_φ → 0, constant effective coupling). NaN at and above the endpoint: no
    /// constraint from K⁺ → π⁺φ there.
    static member YqMaxAt(bound: KaonCouplingBound, mPhi: float, phaseSpace: bool) : float =
        let r = KaonBounds.PhaseSpaceRatio mPhi
        if r <= 0.0 then nan
        elif phaseSpace then scaled.Force().Invoke(bound.YqMax, mPhi, Constants.ChargedKaonMass, Constants.ChargedPionMass)
        else bound.YqMax
