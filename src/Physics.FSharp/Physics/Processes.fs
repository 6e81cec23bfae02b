namespace NuDM.Physics

open System
open System.Collections.Generic
open System.Linq.Expressions
open NuDM.Symbolic

/// Compiles an expression into one delegate whose leading arguments are kinematic inputs and whose model
/// parameters are read from an array (bound once per parameter point). The body is the kernel's compiled lambda
/// (common subexpressions shared) inlined, so a call costs what a call of the all-scalar delegate costs.
module internal BoundCompile =
    let compile (scalars: string list) (arrayed: string list) (delegateType: Type) (e: Expr) : Delegate =
        let inner = Compile.toLambda (scalars @ arrayed) e
        let ps = scalars |> List.map (fun n -> Expression.Parameter(typeof<float>, n))
        let arr = Expression.Parameter(typeof<float[]>, "parameters")
        let args =
            [ for p in ps -> p :> Expression ]
            @ [ for i in 0 .. arrayed.Length - 1 -> Expression.ArrayIndex(arr, Expression.Constant i) :> Expression ]
        Expression.Lambda(delegateType, Expression.Invoke(inner, args), ps @ [ arr ]).Compile()

/// The kinematic variables and nuclear inputs processes are written in (units and mass dimensions included).
[<AbstractClass; Sealed>]
type ProcessVariables =
    static let enu = ModelParameter("E_nu", "MeV", 1, "energy of the incoming neutrino (nucleus at rest)", ParameterRole.Kinematic)
    static let t = ModelParameter("T", "MeV", 1, "kinetic energy of the recoiling nucleus", ParameterRole.Kinematic)
    static let a = ModelParameter("A", "1", 0, "mass number of the nucleus", ParameterRole.Nuclear, 1.0, 300.0, "nuclei", Seq.empty)
    static let f2 = ModelParameter("F2", "1", 0, "nuclear form factor squared F(q²)²", ParameterRole.Nuclear, 0.0, 1.0, "|F| ≤ 1", Seq.empty)
    static let s = ModelParameter("s", "MeV^2", 2, "Mandelstam s, the squared centre-of-mass energy", ParameterRole.Kinematic)
    static let c = ModelParameter("c", "1", 0, "cos θ of the scattering angle in the centre-of-mass frame", ParameterRole.Kinematic, -1.0, 1.0, "a cosine", Seq.empty)
    static let tm = ModelParameter("t", "MeV^2", 2, "Mandelstam t, the squared momentum transfer", ParameterRole.Kinematic, Double.NegativeInfinity, 0.0, "t ≤ 0 for elastic scattering", Seq.empty)
    static let z = ModelParameter("Z", "1", 0, "proton number of the nucleus", ParameterRole.Nuclear, 0.0, 300.0, "nuclei", Seq.empty)
    /// E_ν (MeV), the incoming neutrino energy in the nucleus rest frame.
    static member NeutrinoEnergy = enu
    /// T (MeV), the nuclear recoil kinetic energy.
    static member RecoilEnergy = t
    /// A, the nuclear mass number.
    static member MassNumber = a
    /// F2 = F(q²)², the nuclear form factor squared.
    static member FormFactorSquared = f2
    /// s (MeV²).
    static member MandelstamS = s
    /// cos θ in the CM frame.
    static member CosTheta = c
    /// t (MeV²).
    static member MandelstamT = tm
    /// Z, the nuclear proton number (the weak charge of ν N → ν N with the Standard Model needs it).
    static member ProtonNumber = z

/// What every process shares: which process of which model, its |M|² with the spin sums it contains, its variables
/// and parameters (units and mass dimensions), and where the result is published or checked.
[<NoEquality; NoComparison>]
type internal ProcessInfo =
    { Kind: ProcessKind
      Category: ProcessCategory
      Name: string
      ModelName: string
      Reference: string
      Amplitude: string
      SpinSums: string
      Neutrinos: string list
      SquaredAmplitude: Expr
      AmplitudeUnit: string
      Variables: ModelParameter list
      ModelParameters: ModelParameter list
      /// The total widths of the mediators exchanged in the s-channel, by the symbol |M|² holds them as (e.g. Gamma_Zp in
      /// the Breit–Wigner 1/((s − m²)² + m²Γ²)): each the sum of its open-channel widths (MeV) over ModelParameters,
      /// without the thresholds (CouplingPower asks only whether a coupling enters). Empty without s-channel exchange.
      Widths: (string * Expr) list }

/// A process of a model, derived from its vertices: |M|² (a Formula with units and the equation it implements), the
/// spin sums it contains, its kinematic variables and model parameters. The sealed subclasses add what each kind
/// of process offers (dσ/dT and recoil limits, σv, a width) with typed compiled accessors.
[<AbstractClass>]
type Process internal (info: ProcessInfo) =
    let parameters = info.Variables @ info.ModelParameters
    let widthParameters =
        info.Widths |> List.map (fun (w, _) -> Parameter.Create(w, "MeV", "total width of the s-channel mediator (its open two-body channels into the model's own particles)"))
    let formula =
        lazy
            (Formula(
                "M2 " + info.Name,
                info.SquaredAmplitude,
                (parameters |> List.map (fun p -> p.AsFormulaParameter())) @ widthParameters,
                info.AmplitudeUnit,
                info.Reference,
                sprintf "|M|² of %s (%s)" info.Name info.SpinSums
            ))
    member internal _.Info = info
    /// Which process.
    member _.Kind = info.Kind
    /// Its shape (nucleus scattering, annihilation, decay …).
    member _.Category = info.Category
    /// Its name, e.g. "ν N → χ N".
    member _.Name = info.Name
    /// The model it was derived from.
    member _.ModelName = info.ModelName
    /// The equation it implements or is checked against (and the proof obligation).
    member _.Reference = info.Reference
    /// The amplitude, as the Feynman rules give it.
    member _.Amplitude = info.Amplitude
    /// Which spins are summed and averaged (and symmetry factors).
    member _.SpinSums = info.SpinSums
    /// The neutrino fields of the model this process holds for (identical |M|² for each: flavour-universal couplings).
    member _.Neutrinos : IReadOnlyList<string> = info.Neutrinos |> Array.ofList :> IReadOnlyList<string>
    /// The kinematic variables (and nuclear inputs) of |M|², in order.
    member _.Variables : IReadOnlyList<ModelParameter> = info.Variables |> Array.ofList :> IReadOnlyList<ModelParameter>
    /// The model's masses and couplings |M|² depends on, in the model's order.
    member _.ModelParameters : IReadOnlyList<ModelParameter> = info.ModelParameters |> Array.ofList :> IReadOnlyList<ModelParameter>
    /// Variables then model parameters: the parameters of SquaredAmplitude, in order (then, for an s-channel exchange,
    /// the mediator's total width: see WidthSymbols).
    member _.Parameters : IReadOnlyList<ModelParameter> = parameters |> Array.ofList :> IReadOnlyList<ModelParameter>
    /// The symbols of the s-channel mediators' total widths that SquaredAmplitude holds after Parameters (MeV; empty
    /// without s-channel exchange). AnnihilationProcess.MediatorWidth derives the value from the model parameters.
    member _.WidthSymbols : IReadOnlyList<string> = info.Widths |> List.map fst |> Array.ofList :> IReadOnlyList<string>
    /// |M|² with the spin sums and averages of SpinSums, as a formula over Parameters (and WidthSymbols).
    member _.SquaredAmplitude : Formula = formula.Force()
    /// The power p of |M|² ∝ g^p in the coupling g (so σv, a rate or a width computed at g = 1 scales with g^p), derived:
    /// the elasticity ∂ln|M|²/∂ln g of the amplitude, which must be a constant; InvalidOperationException naming the
    /// elasticity when it is not (|M|² not a monomial in g, e.g. interference with another coupling).
    /// An s-channel mediator whose width depends on g (Γ in the Breit–Wigner propagator) makes |M|² no power of g: the
    /// InvalidOperationException then says so, naming the width. A form too large for the core to decide the elasticity
    /// (ExpressionTooComplexException) is the same InvalidOperationException ("not known to be a power"), not a crash.
    member _.CouplingPower(coupling: ModelParameter) : float =
        if isNull (box coupling) then nullArg "coupling"
        if not (info.ModelParameters |> List.exists (fun p -> p.Symbol = coupling.Symbol)) then
            invalidArg "coupling" (sprintf "%s: |M|² of %s does not depend on %s" coupling.Symbol info.Name coupling.Symbol)
        let g = Symbol coupling.Symbol
        match info.Widths |> List.tryFind (fun (_, w) -> not (Structure.freeOf g w)) with
        | Some(w, total) ->
            invalidOp (sprintf "|M|² of %s is not a power of %s: the width %s = %s of the mediator exchanged in the s-channel (its Breit–Wigner propagator 1/((s − m²)² + m²%s²)) depends on %s"
                           info.Name coupling.Symbol w (Infix.format total) w coupling.Symbol)
        | None ->
        let e = info.SquaredAmplitude
        let elasticity =
            try Normal.simplifyWith Assumptions.AllPositive (g * Calculus.differentiate g e / e)
            with :? ExpressionTooComplexException as x ->
                invalidOp (sprintf "|M|² of %s is not known to be a power of %s: its elasticity ∂ln|M|²/∂ln %s is too large a form for the algebra core to reduce (%s)" info.Name coupling.Symbol coupling.Symbol x.Message)
        match elasticity with
        | Number q -> q.ToDouble()
        | other -> invalidOp (sprintf "|M|² of %s is not a power of %s: its elasticity is %s" info.Name coupling.Symbol (Infix.format other))
    /// The distinct coupling products of |M|²'s expanded summands, as infix text: one ("y_N^2*y_chi^2") when every graph
    /// has the same couplings, three for two interfering graph classes (each squared and their product). A summand whose
    /// couplings sit inside a non-polynomial factor contributes that factor whole (so it is never mistaken for one
    /// class). For the callers that scale a rate computed at unit couplings by one coupling product (direct detection's
    /// σ_NC), which is right only for exactly one.
    member _.CouplingMonomials : IReadOnlyList<string> =
        let couplings = info.ModelParameters |> List.filter (fun p -> p.Role = ParameterRole.Coupling) |> List.map (fun p -> Symbol p.Symbol)
        let hasCoupling (f: Expr) = couplings |> List.exists (fun c -> not (Structure.freeOf c f))
        Algebraic.summands (Algebraic.expand info.SquaredAmplitude)
        |> List.map (fun t -> Algebraic.factors t |> List.filter hasCoupling |> Notation.productOf |> Infix.format)
        |> List.distinct
        |> Array.ofList :> IReadOnlyList<string>
    override _.ToString() = sprintf "%s in model '%s'" info.Name info.ModelName

/// dσ/dT of a nucleus-scattering process compiled once: inputs (E_ν, M, T, A, F²), and Z when the process needs the
/// proton number (ν N → ν N with the Standard Model: the weak charge), and the model parameters of Parameters read
/// from an array; At binds a parameter point and a form factor into the rate engine's delegate.
[<Sealed>]
type RecoilCrossSectionFunction internal (processName: string, parameters: ModelParameter list, compiled: Func<float, float, float, float, float, float[], float>, withProtons: Func<float, float, float, float, float, float, float[], float>) =
    let ps = parameters |> Array.ofList :> IReadOnlyList<ModelParameter>
    let needsZ = not (isNull withProtons)
    /// The model parameters the compiled function reads from its array argument, in order.
    member _.Parameters = ps
    /// Whether the cross section needs the nuclear proton number Z (call the Invoke overload that takes it).
    member _.NeedsProtonNumber = needsZ
    /// dσ/dT in MeV⁻³ at E_ν, M, T (MeV), mass number A, form factor squared F², model parameters in Parameters' order.
    /// InvalidOperationException when the process needs Z (NeedsProtonNumber).
    member _.Invoke(neutrinoEnergy: float, nuclearMass: float, recoilEnergy: float, massNumber: float, formFactorSquared: float, parameterValues: float[]) =
        if needsZ then invalidOp (sprintf "dσ/dT of %s needs the proton number Z: call Invoke(E_nu, M, T, A, F2, Z, parameters)" processName)
        compiled.Invoke(neutrinoEnergy, nuclearMass, recoilEnergy, massNumber, formFactorSquared, parameterValues)
    /// dσ/dT in MeV⁻³ at E_ν, M, T (MeV), mass number A, form factor squared F², proton number Z, model parameters in
    /// Parameters' order (Z is not read by a process that does not need it).
    member _.Invoke(neutrinoEnergy: float, nuclearMass: float, recoilEnergy: float, massNumber: float, formFactorSquared: float, protonNumber: float, parameterValues: float[]) =
        if needsZ then withProtons.Invoke(neutrinoEnergy, nuclearMass, recoilEnergy, massNumber, formFactorSquared, protonNumber, parameterValues)
        else compiled.Invoke(neutrinoEnergy, nuclearMass, recoilEnergy, massNumber, formFactorSquared, parameterValues)
    /// The cross section at a parameter point with a nuclear form factor, as the rate engine's delegate (T, E, nucleus)
    /// → MeV⁻³ (allocation-free, thread-safe). The point must give every parameter in Parameters.
    member _.At(point: ParameterPoint, formFactor: FormFactorModel) : DifferentialCrossSection =
        if isNull (box point) then nullArg "point"
        let values = point.ValuesOf ps
        match formFactor with
        | FormFactorModel.Unity
        | FormFactorModel.Helm
        | FormFactorModel.KleinNystrand -> ()
        | _ -> raise (ArgumentOutOfRangeException("formFactor", formFactor, "formFactor must be Unity, Helm or KleinNystrand"))
        if needsZ then
            let f = withProtons
            match formFactor with
            | FormFactorModel.Unity -> DifferentialCrossSection(fun t e n -> f.Invoke(e, n.Mass, t, float n.A, 1.0, float n.Z, values))
            | _ ->
                DifferentialCrossSection(fun t e n ->
                    let ff = FormFactors.EvaluateOfRecoil(formFactor, t, n.Mass, float n.A)
                    f.Invoke(e, n.Mass, t, float n.A, ff * ff, float n.Z, values))
        else
            let f = compiled
            match formFactor with
            | FormFactorModel.Unity -> DifferentialCrossSection(fun t e n -> f.Invoke(e, n.Mass, t, float n.A, 1.0, values))
            | _ ->
                DifferentialCrossSection(fun t e n ->
                    let ff = FormFactors.EvaluateOfRecoil(formFactor, t, n.Mass, float n.A)
                    f.Invoke(e, n.Mass, t, float n.A, ff * ff, values))
    override _.ToString() = sprintf "dσ/dT of %s (E_nu, M, T, A, F2%s; %s)" processName (if needsZ then ", Z" else "") (String.Join(", ", ps |> Seq.map (fun p -> p.Symbol)))

/// The recoil kinematics of a nucleus-scattering process (seed 001 eqs. 2.5–2.11, derived in Kinematics): T_min(E),
/// T_max(E), E_min(T) and the threshold, as formulas in (E_ν or T, M, produced mass).
[<Sealed>]
type RecoilKinematics internal (producedMass: ModelParameter, tMin: Formula, tMax: Formula, eMinOfT: Formula, threshold: Formula) =
    let tminD = lazy (tMin.Compile3())
    let tmaxD = lazy (tMax.Compile3())
    let einvD = lazy (eMinOfT.Compile3())
    let thrD = lazy (threshold.Compile2())
    /// The mass of the produced particle (null when it is massless: elastic scattering).
    member _.ProducedMass = producedMass
    /// T_min(E_ν, M, m) (MeV) [seed 001 eq. (2.9)].
    member _.MinimumRecoilFormula = tMin
    /// T_max(E_ν, M, m) (MeV) [seed 001 eq. (2.9)].
    member _.MaximumRecoilFormula = tMax
    /// E_ν^min(T, M, m) (MeV), the inverse.
    member _.MinimumEnergyFormula = eMinOfT
    /// E_ν^min(M, m) (MeV) [seed 001 eq. (2.11)].
    member _.ThresholdFormula = threshold
    /// The produced mass at a parameter point (0 when the product is massless).
    member private _.MassAt(point: ParameterPoint) = if isNull producedMass then 0.0 else point.[producedMass]
    /// The threshold E^min (MeV) on a nucleus of mass M (MeV) at a parameter point [seed 001 eq. (2.11)].
    member k.ThresholdAt(nuclearMass: float, point: ParameterPoint) : float =
        if isNull (box point) then nullArg "point"
        if not (nuclearMass > 0.0) || Double.IsInfinity nuclearMass then
            raise (ArgumentOutOfRangeException("M", nuclearMass, sprintf "M must be a finite number > 0 (MeV), got %g" nuclearMass))
        thrD.Force().Invoke(nuclearMass, k.MassAt point)
    /// T_min, T_max, T_θmax, θ_max and the threshold at one (E_ν, M) and parameter point (seed 001 eqs. 2.5–2.11);
    /// E_ν below threshold is an ArgumentOutOfRangeException naming the threshold.
    member k.Point(neutrinoEnergy: float, nuclearMass: float, point: ParameterPoint) : KinematicPoint =
        if isNull (box point) then nullArg "point"
        KinematicsCalculator.At(neutrinoEnergy, nuclearMass, k.MassAt point)
    /// The limits at a parameter point (the produced mass read from it) as the rate engine's delegates.
    member _.At(point: ParameterPoint) : RecoilLimits =
        if isNull (box point) then nullArg "point"
        let m = if isNull producedMass then 0.0 else point.[producedMass]
        let tmin, tmax, einv, thr = tminD.Force(), tmaxD.Force(), einvD.Force(), thrD.Force()
        { MinimumRecoil = RecoilLimit(fun e n -> tmin.Invoke(e, n.Mass, m))
          MaximumRecoil = RecoilLimit(fun e n -> tmax.Invoke(e, n.Mass, m))
          MinimumEnergy = MinimumNeutrinoEnergy(fun t n -> einv.Invoke(t, n.Mass, m))
          Threshold = Func<float, float>(fun nuclearMass -> thr.Invoke(nuclearMass, m)) }

/// A projectile scattering on a nucleus at rest (ν N → χ N, ν̄ N → χ̄ N, ν N → ν N): |M|² in (E_ν, T, M), dσ/dT
/// = |M|² F²/(32π M E_ν²) (seed 001 eq. 2.21 for ν N → χ N) and the recoil limits.
[<Sealed>]
type NucleusScatteringProcess internal (info: ProcessInfo, dsdt: Expr, dsdtParameters: ModelParameter list, kinematics: RecoilKinematics, dsdtReference: string) =
    inherit Process(info)
    static let inputs = [ ProcessVariables.NeutrinoEnergy; null; ProcessVariables.RecoilEnergy; ProcessVariables.MassNumber; ProcessVariables.FormFactorSquared ]
    let nuclearMass = info.Variables |> List.find (fun p -> p.Role = ParameterRole.Mass)
    let needsZ = not (Structure.freeOf ProcessVariables.ProtonNumber.Expression dsdt)
    let inputs = inputs |> List.map (fun p -> if isNull p then nuclearMass else p) |> fun xs -> if needsZ then xs @ [ ProcessVariables.ProtonNumber ] else xs
    let formula =
        lazy
            (Formula(
                "dsigma_dT " + info.Name,
                dsdt,
                (inputs @ dsdtParameters) |> List.map (fun p -> p.AsFormulaParameter()),
                "MeV^-3",
                dsdtReference,
                sprintf "differential cross section dσ/dT of %s times the nuclear form factor squared" info.Name
            ))
    let compiled =
        lazy
            (let names = inputs |> List.map (fun p -> p.Symbol)
             let arrayed = dsdtParameters |> List.map (fun p -> p.Symbol)
             if needsZ then
                 let f = BoundCompile.compile names arrayed typeof<Func<float, float, float, float, float, float, float[], float>> dsdt
                 RecoilCrossSectionFunction(info.Name, dsdtParameters, null, f :?> Func<float, float, float, float, float, float, float[], float>)
             else
                 let f = BoundCompile.compile names arrayed typeof<Func<float, float, float, float, float, float[], float>> dsdt
                 RecoilCrossSectionFunction(info.Name, dsdtParameters, f :?> Func<float, float, float, float, float, float[], float>, null))
    /// dσ/dT (MeV⁻³) over (E_nu, M, T, A, F2), then Z when it needs the proton number, then CrossSectionParameters.
    member _.DifferentialCrossSection : Formula = formula.Force()
    /// The model parameters of DifferentialCrossSection (after the model's effective-coupling substitution, if any).
    member _.CrossSectionParameters : IReadOnlyList<ModelParameter> = dsdtParameters |> Array.ofList :> IReadOnlyList<ModelParameter>
    /// dσ/dT compiled once (cached): bind a point with At(point, formFactor).
    member _.CompileDifferentialCrossSection() : RecoilCrossSectionFunction = compiled.Force()
    /// T_min, T_max, E_min(T), threshold.
    member _.Kinematics : RecoilKinematics = kinematics
    /// The nucleus's mass parameter (M).
    member _.NuclearMass = nuclearMass

/// σv_rel(s) of an annihilation compiled once; At binds a parameter point.
[<Sealed>]
type SigmaVFunction internal (name: string, parameters: ModelParameter list, evaluate: Func<float, float[], float>) =
    let ps = parameters |> Array.ofList :> IReadOnlyList<ModelParameter>
    /// The model parameters read from the array argument of Invoke, in order.
    member _.Parameters = ps
    /// σv_rel (MeV⁻²) at s (MeV²) and the model parameters in Parameters' order; 0 below threshold.
    member _.Invoke(s: float, parameterValues: float[]) = evaluate.Invoke(s, parameterValues)
    /// σv_rel(s) (MeV⁻², s in MeV²) at a parameter point.
    member _.At(point: ParameterPoint) : Func<float, float> =
        if isNull (box point) then nullArg "point"
        let values = point.ValuesOf ps
        let f = evaluate
        Func<float, float>(fun s -> f.Invoke(s, values))
    override _.ToString() = sprintf "σv of %s (s; %s)" name (String.Join(", ", ps |> Seq.map (fun p -> p.Symbol)))

/// The low-velocity expansion σv_rel = a + b v_rel² + O(v⁴), as formulas in the model parameters (MeV⁻²).
[<NoEquality; NoComparison>]
type LowVelocityCoefficients =
    { /// a, the s-wave coefficient.
      SWave: Formula
      /// b, the p-wave coefficient.
      PWave: Formula }

/// One two-body decay channel of a mediator exchanged in the s-channel: its partial width (MeV, a formula over the model
/// parameters, the value above threshold) and its threshold (MeV, the sum of the final masses): the channel contributes
/// only when the mediator's mass exceeds the threshold.
[<Sealed>]
type WidthChannel internal (name: string, width: Formula, threshold: Formula) =
    /// The channel, e.g. "Z' → χ χ̄".
    member _.Name = name
    /// Γ of the channel above its threshold (MeV).
    member _.Width = width
    /// The sum of the final masses (MeV); the channel is closed when the mediator is not heavier.
    member _.Threshold = threshold
    override _.ToString() = sprintf "%s: %s (open above %s)" name width.Infix threshold.Infix

/// The total width Γ of a mediator exchanged in the s-channel of an annihilation, derived from the model's own Feynman
/// rules: the sum over its two-body channels into the model's particles that are open (mediator mass > threshold; the
/// step is taken here, numerically, channel by channel). Channels into particles the model does not declare (quarks,
/// hadrons, charged leptons, …), into boson pairs, and into the nucleus (a coherent target, not a decay product) are
/// NOT included (Excluded says so). The annihilation's |M|² holds Γ as the symbol Symbol; its compiled σv computes Γ
/// here from the same parameter values.
[<Sealed>]
type MediatorWidth internal (mediator: Field, symbol: string, channels: (string * Expr * Expr) list, parameters: ModelParameter list, reference: string) =
    let ps = parameters |> List.map (fun p -> p.AsFormulaParameter())
    let names = parameters |> List.map (fun p -> p.Symbol)
    let channelList =
        channels
        |> List.map (fun (n, w, thr) ->
            WidthChannel(n, Formula("Gamma " + n, w, ps, "MeV", reference, sprintf "partial width of %s above its threshold" n),
                         Formula("threshold " + n, thr, ps, "MeV", "the sum of the final masses", sprintf "threshold of %s" n)))
    let compiled =
        lazy
            (let mass = Compile.compileArray names mediator.Mass
             let cs = channels |> List.map (fun (_, w, thr) -> Compile.compileArray names w, Compile.compileArray names thr) |> Array.ofList
             mass, cs)
    static let excluded =
        "channels into particles the model does not declare (quarks, hadrons, charged leptons, …), into boson pairs, and into the nucleus are not included"
    /// The mediator.
    member _.Mediator = mediator
    /// The symbol |M|² holds the total width as (e.g. Gamma_Zp).
    member _.Symbol = symbol
    /// The channels summed (each with its threshold).
    member _.Channels : IReadOnlyList<WidthChannel> = channelList |> Array.ofList :> IReadOnlyList<WidthChannel>
    /// The model parameters the widths and thresholds are formulas over (the annihilation's ModelParameters).
    member _.Parameters : IReadOnlyList<ModelParameter> = parameters |> Array.ofList :> IReadOnlyList<ModelParameter>
    /// What the width leaves out (to print beside it).
    member _.Excluded : string = excluded
    /// Γ (MeV) at parameter values in Parameters' order: Σ over the channels with m_mediator > threshold.
    member _.Invoke(parameterValues: float[]) : float =
        let mass, cs = compiled.Force()
        let m = mass.Invoke parameterValues
        let mutable total = 0.0
        for (w, thr) in cs do
            if m > thr.Invoke parameterValues then total <- total + w.Invoke parameterValues
        total
    /// Γ (MeV) at a parameter point (which gives every parameter in Parameters).
    member w.At(point: ParameterPoint) : float =
        if isNull (box point) then nullArg "point"
        w.Invoke(point.ValuesOf(parameters |> Array.ofList))
    /// Σ of every channel's width, thresholds ignored (for the coupling dependence).
    member internal _.TotalExpression = channels |> List.sumBy (fun (_, w, _) -> w)
    override _.ToString() = sprintf "Γ_%s = %s (%s)" mediator.Name (String.Join(" + ", channels |> List.map (fun (n, _, _) -> n))) excluded

/// a a → b b in the centre-of-mass frame: |M|² in (s, c = cos θ), averaged over initial spins with the symmetry factor
/// of identical final particles; σv_rel(s) by 48-point Gauss–Legendre quadrature in c; the low-velocity expansion.
[<Sealed>]
type AnnihilationProcess internal (info: ProcessInfo, initial: Field, final: Field, sigmaVIntegrand: Expr, lowVelocity: Lazy<Expr * Expr>, evaluateSigmaV: (Func<float, float, float[], float> -> Func<float[], float> -> Func<float[], float> -> Func<float, float[], float>), width: MediatorWidth) =
    inherit Process(info)
    let names = info.ModelParameters |> List.map (fun p -> p.Symbol)
    // the integrand reads the mediator's total width after the model parameters (the evaluation appends it)
    let integrandNames = names @ (if isNull (box width) then [] else [ width.Symbol ])
    let coefficients =
        lazy
            (let a, b = lowVelocity.Force()
             let ps =
                 (info.ModelParameters |> List.map (fun p -> p.AsFormulaParameter()))
                 @ (if isNull (box width) then [] else [ Parameter.Create(width.Symbol, "MeV", "total width of the s-channel mediator (MediatorWidth)") ])
             { SWave = Formula("a " + info.Name, a, ps, "MeV^-2", info.Reference, "s-wave coefficient a of σv_rel = a + b v² (low-velocity expansion)")
               PWave = Formula("b " + info.Name, b, ps, "MeV^-2", info.Reference, "p-wave coefficient b of σv_rel = a + b v² (low-velocity expansion)") })
    let compiled =
        lazy
            (let integrand = BoundCompile.compile [ "s"; "c" ] integrandNames typeof<Func<float, float, float[], float>> sigmaVIntegrand :?> Func<float, float, float[], float>
             let sMin = Compile.compileArray names (4 * initial.Mass ** 2)
             let sMinFinal = Compile.compileArray names (4 * final.Mass ** 2)
             SigmaVFunction(info.Name, info.ModelParameters, evaluateSigmaV integrand sMin sMinFinal))
    /// The initial particle (both initial particles have its mass).
    member _.InitialParticle = initial
    /// The final particle (both final particles have its mass).
    member _.FinalParticle = final
    /// The total width of the mediator exchanged in the s-channel (its Breit–Wigner propagator), derived from the model;
    /// null when the process has no s-channel exchange.
    member _.MediatorWidth : MediatorWidth = width
    /// The s-channel resonance of σv: √s = the mediator's mass (MeV) at a parameter point; NaN without s-channel exchange.
    member _.ResonanceAt(point: ParameterPoint) : float =
        if isNull (box point) then nullArg "point"
        if isNull (box width) then Double.NaN else point.[width.Mediator.MassParameter]
    /// The low-velocity expansion, derived symbolically on first use (a Puiseux series in the CM momentum; seconds); with
    /// an s-channel mediator the coefficients hold its total width as the last parameter (MediatorWidth.Symbol).
    member _.LowVelocityExpansion() : LowVelocityCoefficients = coefficients.Force()
    /// σv_rel(s) compiled once (cached).
    member _.CompileSigmaV() : SigmaVFunction = compiled.Force()
    /// k/(8π s^{3/2}) |M|²: the integrand of σv_rel over c (MeV⁻²), an expression in s, c and the model parameters.
    member internal _.SigmaVIntegrand = sigmaVIntegrand
    member internal _.LowVelocity = lowVelocity

/// A 1 → 2 decay: |M|² of one channel and the total width over the channels the model has.
[<Sealed>]
type DecayProcess internal (info: ProcessInfo, width: Expr, channels: string list, widthReference: string) =
    inherit Process(info)
    let formula =
        lazy (Formula("Gamma " + info.Name, width, info.ModelParameters |> List.map (fun p -> p.AsFormulaParameter()), "MeV", widthReference,
                      sprintf "total width of %s" (String.Join(" + ", channels))))
    let compiled = lazy (Compile.compileArray (info.ModelParameters |> List.map (fun p -> p.Symbol)) width)
    /// Γ (MeV) over ModelParameters.
    member _.Width : Formula = formula.Force()
    /// The channels summed in Width.
    member _.Channels : IReadOnlyList<string> = channels |> Array.ofList :> IReadOnlyList<string>
    /// Γ (MeV) at a parameter point.
    member _.WidthAt(point: ParameterPoint) : float =
        if isNull (box point) then nullArg "point"
        compiled.Force().Invoke(point.ValuesOf(info.ModelParameters |> Array.ofList))

/// 2 → 2 elastic scattering in the invariants (s, t): |M|² averaged over the initial spins.
[<Sealed>]
type ElasticScatteringProcess internal (info: ProcessInfo) =
    inherit Process(info)
    let compiled =
        lazy
            (BoundCompile.compile [ "s"; "t" ] (info.ModelParameters |> List.map (fun p -> p.Symbol)) typeof<Func<float, float, float[], float>> info.SquaredAmplitude
             :?> Func<float, float, float[], float>)
    let poles =
        lazy
            (let sv, tv = ProcessVariables.MandelstamS.Expression, ProcessVariables.MandelstamT.Expression
             let symbols = info.ModelParameters |> List.map (fun p -> p.Symbol)
             let dom = Assumptions.Positive(symbols @ [ ProcessVariables.MandelstamS.Symbol ])
             let _, den = Normal.numeratorDenominator dom info.SquaredAmplitude
             // the t-content of the denominator: the gcd of its coefficients as a polynomial in t
             let content =
                 Polynomial.coefficients tv den |> List.filter (fun c -> c <> Ops.zero) |> List.reduce Polynomial.gcd
             let factors =
                 match Polynomial.squareFreeParts content with
                 | Product xs -> xs
                 | e -> [ e ]
                 |> List.map (fun f -> match f with Power(b, _) -> b | _ -> f)
                 |> List.filter (fun f -> not (Structure.freeOf sv f))
             let roots =
                 factors
                 |> List.collect (fun f ->
                     let d = Polynomial.degree sv f
                     if d > 2 then
                         raise (NotSupportedException(sprintf "|M|² of %s: the s-channel factor %s of its denominator has degree %d in s; poles are found for degree <= 2" info.Name (Infix.format f) d))
                     Solve.polynomialWith dom sv f)
             let ps = info.ModelParameters |> List.map (fun p -> p.AsFormulaParameter())
             roots
             |> List.mapi (fun i r ->
                 Formula(sprintf "s_pole%d %s" (i + 1) info.Name, r, ps, "MeV^2", info.Reference,
                         sprintf "s-channel pole of |M|² of %s: a root in s of its t-free denominator" info.Name))
             |> Array.ofList
             :> IReadOnlyList<Formula>)
    let polesCompiled =
        lazy
            (let symbols = info.ModelParameters |> List.map (fun p -> p.Symbol)
             poles.Force() |> Seq.map (fun f -> Compile.compileArray symbols f.Expression) |> Array.ofSeq)
    let aboveThreshold = System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Formula>>()
    /// |M|²(s, t) (dimensionless) at a parameter point.
    member _.SquaredAmplitudeAt(point: ParameterPoint) : Func<float, float, float> =
        if isNull (box point) then nullArg "point"
        let values = point.ValuesOf(info.ModelParameters |> Array.ofList)
        let f = compiled.Force()
        Func<float, float, float>(fun s t -> f.Invoke(s, t, values))
    /// The s-channel poles of |M|², in MeV²: the roots in s of the factors of its denominator (rational normal form)
    /// that do not depend on t — the t-content of the denominator, factored square-free, each factor of degree 1 or 2
    /// in s solved exactly. A zero-width mediator of mass M exchanged in the s-channel gives the pole s = M²; t- and
    /// u-channel propagators (u = 2m² − s − t) depend on t and give none. Formulas over ModelParameters, derived on
    /// first use; empty when |M|² has no s-channel exchange. NotSupportedException (naming the factor) when a factor
    /// has degree > 2 in s.
    member _.SChannelPoles : IReadOnlyList<Formula> = poles.Force()
    /// The values of SChannelPoles (MeV²) at a parameter point, in the same order: NaN for a pole that is not real there.
    member _.SChannelPolesAt(point: ParameterPoint) : IReadOnlyList<float> =
        if isNull (box point) then nullArg "point"
        let values = point.ValuesOf(info.ModelParameters |> Array.ofList)
        polesCompiled.Force() |> Array.map (fun (f: Func<float[], float>) -> f.Invoke values) :> IReadOnlyList<float>
    /// |M|² in w = s − m² and t instead of s and t, m the mass of the massive initial particle (the model parameter
    /// named massSymbol): s = m² + w substituted and the result brought to the core's normal form, parameters
    /// (w [MeV²], t [MeV²], model parameters). The same function; written this way no term cancels as w → 0, where the
    /// kinetic-decoupling rate samples it (partner momenta k ≪ m: s − m² = 2mk lies far below the rounding of m², and the
    /// form in s returns noise of either sign there, e.g. −4e-22 at s = m² for the vector model's χ ν → χ ν).
    member _.SquaredAmplitudeAboveThreshold(massSymbol: string) : Formula =
        let mass =
            match info.ModelParameters |> List.tryFind (fun p -> p.Symbol = massSymbol) with
            | Some p -> p
            | None -> invalidArg "massSymbol" (sprintf "|M|² of %s has no parameter %s" info.Name massSymbol)
        aboveThreshold.GetOrAdd(massSymbol, fun _ ->
            lazy
                (let w = Symbol "w"
                 let e = Structure.substitute ProcessVariables.MandelstamS.Expression (w + Symbol mass.Symbol ** 2) info.SquaredAmplitude
                 let variables =
                     [ Parameter.Create("w", "MeV^2", sprintf "s − %s², the Mandelstam s above the threshold of the massive initial particle" mass.Symbol)
                       ProcessVariables.MandelstamT.AsFormulaParameter() ]
                 Formula("M2w " + info.Name, Normal.simplify e, variables @ (info.ModelParameters |> List.map (fun p -> p.AsFormulaParameter())),
                         info.AmplitudeUnit, info.Reference, sprintf "|M|² of %s in w = s − %s² and t (%s)" info.Name mass.Symbol info.SpinSums))).Value

/// A 2 → 2 process with both initial particles at rest (χ N → ν N for dark-matter down-scattering): σv (MeV⁻²).
[<Sealed>]
type ConversionAtRestProcess internal (info: ProcessInfo, sigmaV: Expr, sigmaVParameters: ModelParameter list) =
    inherit Process(info)
    let formula =
        lazy (Formula("sigma_v " + info.Name, sigmaV, sigmaVParameters |> List.map (fun p -> p.AsFormulaParameter()), "MeV^-2", info.Reference,
                      sprintf "σv of %s with both initial particles at rest (exact two-body kinematics)" info.Name))
    let compiled = lazy (Compile.compileArray (sigmaVParameters |> List.map (fun p -> p.Symbol)) sigmaV)
    /// σv (MeV⁻²) over SigmaVParameters (the nucleus mass and the model parameters).
    member _.SigmaV : Formula = formula.Force()
    /// The parameters of SigmaV.
    member _.SigmaVParameters : IReadOnlyList<ModelParameter> = sigmaVParameters |> Array.ofList :> IReadOnlyList<ModelParameter>
    /// σv (MeV⁻²) at a parameter point (which must give the nucleus mass too).
    member _.SigmaVAt(point: ParameterPoint) : float =
        if isNull (box point) then nullArg "point"
        compiled.Force().Invoke(point.ValuesOf(sigmaVParameters |> Array.ofList))
