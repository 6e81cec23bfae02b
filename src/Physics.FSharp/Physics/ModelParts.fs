namespace NuDM.Physics

open System
open System.Collections.Generic
open NuDM.Symbolic

// The parts a particle-physics model is made of, as data: fields, parameters (masses and couplings with their
// allowed ranges and mass dimensions), interaction vertices with their Dirac structure, and the names of the
// processes the kernel derives from them. Everything here is C#-facing: records and classes, enums,
// IReadOnlyList; no F# list, option, tuple or union crosses the boundary. A model read from a file (the
// models-as-data issue) builds exactly these objects.

/// The spin of a field.
type Spin =
    /// Spin 0 (scalars).
    | Zero = 0
    /// Spin 1/2 (fermions).
    | Half = 1
    /// Spin 1 (vectors).
    | One = 2

/// What kind of field a model field is: it fixes the spin, the number of spin states averaged over in an initial
/// state, whether the field is its own antiparticle, and the Feynman rules the derivation uses.
type FieldKind =
    /// A Dirac fermion (two spin states; particle ≠ antiparticle), e.g. χ, or a nucleus treated as one.
    | DiracFermion = 0
    /// A Majorana fermion (two spin states; its own antiparticle): derived with the fermion-flow rules of Denner et
    /// al., Nucl. Phys. B387 (1992) 467 (FeynmanRules); χ χ̄ processes of a Dirac χ become χ χ, identical χ χ final
    /// states get 1/2.
    | MajoranaFermion = 1
    /// A massless left-handed Weyl neutrino: one helicity (ν left-handed, ν̄ right-handed), so it is not averaged
    /// over as an initial state; chirality enters through the projectors of its vertices.
    | LeftHandedNeutrino = 2
    /// A real scalar (one state; its own antiparticle), e.g. the mediator S.
    | RealScalar = 3
    /// A complex scalar (one state; particle φ ≠ antiparticle φ*): its terms carry + h.c., the written one φ, the
    /// conjugate φ† (FeynmanRules: an exchange joins a φ vertex to a φ† vertex; φ φ* final states are not identical).
    | ComplexScalar = 4
    /// A vector boson. Declared as data; the vector propagator (γ^μ … γ_μ across two fermion lines) is not
    /// implemented yet and says so.
    | Vector = 5

/// What a parameter of a model or process is.
type ParameterRole =
    /// The mass of a field (MeV).
    | Mass = 0
    /// A coupling of the Lagrangian.
    | Coupling = 1
    /// A kinematic variable of a process (an energy, a Mandelstam invariant, an angle).
    | Kinematic = 2
    /// A property of the target nucleus (mass number, form factor) that a rate supplies.
    | Nuclear = 3
    /// An effective parameter defined through others (e.g. ȳ = sqrt(y_χ y_N/A), seed 001 eq. 2.19).
    | Effective = 4

/// A parameter: the symbol it appears as in expressions, its unit and mass dimension, what it is, and the range in
/// which the model (or the process) is valid. Inputs outside the range are refused with an
/// ArgumentOutOfRangeException naming the parameter and the range.
[<Sealed; AllowNullLiteral>]
type ModelParameter(symbol: string, unit: string, massDimension: int, description: string, role: ParameterRole,
                    minimum: float, maximum: float, rangeReason: string, aliases: seq<string>) =
    do
        if String.IsNullOrWhiteSpace symbol then invalidArg "symbol" "a parameter needs a symbol"
        if Double.IsNaN minimum || Double.IsNaN maximum || not (maximum >= minimum) then
            raise (ArgumentOutOfRangeException("maximum", maximum, sprintf "parameter %s: its range needs minimum ≤ maximum, got [%g, %g]" symbol minimum maximum))
    let aliases = (if isNull aliases then [] else List.ofSeq aliases) |> Array.ofList
    let expr = Symbol symbol

    /// A parameter valid for every finite value ≥ 0 (masses, kinematic variables that cannot be negative).
    new(symbol, unit, massDimension, description, role) =
        ModelParameter(symbol, unit, massDimension, description, role, 0.0, Double.PositiveInfinity, "", Seq.empty)

    /// The symbol (e.g. "m_chi", "y_chi", "E_nu").
    member _.Symbol = symbol
    /// The symbol as an expression (kernel-internal: C# sees symbols as text).
    member internal _.Expression : Expr = expr
    /// The unit of its values ("MeV", "MeV^2", "1", …).
    member _.Unit = unit
    /// The mass dimension in natural units (masses and energies 1, s and t 2, couplings of dimension-4 terms 0).
    member _.MassDimension = massDimension
    /// What it is.
    member _.Description = description
    /// Mass, coupling, kinematic variable, nuclear input or effective parameter.
    member _.Role = role
    /// The smallest allowed value.
    member _.Minimum = minimum
    /// The largest allowed value (+∞ when unbounded).
    member _.Maximum = maximum
    /// Why the range is what it is (e.g. "perturbativity: y ≤ sqrt(4π)"); may be empty.
    member _.RangeReason = rangeReason
    /// Other names of the same parameter in the literature (e.g. y_X for y_chi in seed 000).
    member _.Aliases : IReadOnlyList<string> = aliases :> IReadOnlyList<string>
    /// Whether v is a finite number inside [Minimum, Maximum].
    member _.Allows(v: float) = not (Double.IsNaN v) && not (Double.IsInfinity v) && v >= minimum && v <= maximum
    /// v itself when allowed; otherwise an ArgumentOutOfRangeException naming the parameter and its range.
    member p.Check(v: float) : float =
        if p.Allows v then v
        else
            let range = sprintf "[%s, %s]" (minimum.ToString("G6", Globalization.CultureInfo.InvariantCulture)) (if Double.IsPositiveInfinity maximum then "∞" else maximum.ToString("G6", Globalization.CultureInfo.InvariantCulture))
            raise (ArgumentOutOfRangeException(symbol, v, sprintf "%s = %s %s is outside its allowed range %s%s%s" symbol (v.ToString("G6", Globalization.CultureInfo.InvariantCulture)) unit range (if String.IsNullOrEmpty rangeReason then "" else ": ") rangeReason))
    /// The (symbol, unit, description) of a Formula parameter.
    member _.AsFormulaParameter() : Parameter = Parameter.Create(symbol, unit, description)
    override _.ToString() = sprintf "%s [%s]" symbol unit

/// A field of a model: its name, kind (hence spin), mass (a parameter, or none for a massless field), and whether it
/// belongs to the Standard Model (the fields the new physics talks to: neutrinos, the nucleus as an effective Dirac
/// fermion).
[<Sealed; AllowNullLiteral>]
type Field(name: string, display: string, kind: FieldKind, mass: ModelParameter, description: string, isStandardModel: bool, aliases: seq<string>) =
    do
        if String.IsNullOrWhiteSpace name then invalidArg "name" "a field needs a name"
        match kind with
        | FieldKind.DiracFermion | FieldKind.MajoranaFermion | FieldKind.LeftHandedNeutrino
        | FieldKind.RealScalar | FieldKind.ComplexScalar | FieldKind.Vector -> ()
        | _ -> raise (ArgumentOutOfRangeException("kind", kind, sprintf "field %s: unknown kind %O" name kind))
        if kind = FieldKind.LeftHandedNeutrino && not (isNull mass) then
            invalidArg "mass" (sprintf "field %s: a left-handed Weyl neutrino is massless here (give no mass parameter)" name)
        if not (isNull mass) && mass.Role <> ParameterRole.Mass then
            invalidArg "mass" (sprintf "field %s: its mass parameter %s has role %O, not Mass" name mass.Symbol mass.Role)
    let aliases = (if isNull aliases then [] else List.ofSeq aliases) |> Array.ofList

    /// The name used in vertices and messages (e.g. "chi", "S", "nu_e", "N").
    member _.Name = name
    /// How it is printed (e.g. "χ", "S", "ν_e", "N").
    member _.Display = if String.IsNullOrWhiteSpace display then name else display
    /// Dirac / Majorana fermion, left-handed neutrino, real / complex scalar, vector.
    member _.Kind = kind
    /// The spin (from the kind).
    member _.Spin =
        match kind with
        | FieldKind.RealScalar | FieldKind.ComplexScalar -> Spin.Zero
        | FieldKind.Vector -> Spin.One
        | _ -> Spin.Half
    /// Whether it is a fermion.
    member f.IsFermion = f.Spin = Spin.Half
    /// Whether it is a boson.
    member f.IsBoson = not f.IsFermion
    /// Whether the field is its own antiparticle (Majorana fermion, real scalar).
    member _.IsSelfConjugate = kind = FieldKind.MajoranaFermion || kind = FieldKind.RealScalar
    /// Spin states averaged over when the particle is in the initial state: 2 for a massive spin-1/2 fermion, 1 for a
    /// left-handed neutrino (one helicity) and a scalar, 3 for a massive vector, 2 for a massless one.
    member f.SpinStates =
        match kind with
        | FieldKind.DiracFermion | FieldKind.MajoranaFermion -> 2
        | FieldKind.LeftHandedNeutrino | FieldKind.RealScalar | FieldKind.ComplexScalar -> 1
        | _ -> if isNull mass then 2 else 3
    /// Whether the field is massless.
    member _.IsMassless = isNull mass
    /// The mass parameter (null for a massless field).
    member _.MassParameter = mass
    /// The mass as an expression (0 for a massless field; kernel-internal).
    member internal _.Mass : Expr = if isNull mass then Ops.zero else mass.Expression
    /// What the field is.
    member _.Description = description
    /// Whether it is a Standard-Model field the new physics couples to.
    member _.IsStandardModel = isStandardModel
    /// Other names in the literature (e.g. "X" for χ in seed 000).
    member _.Aliases : IReadOnlyList<string> = aliases :> IReadOnlyList<string>
    override f.ToString() = sprintf "%s (%O%s)" f.Display kind (if isNull mass then ", massless" else ", mass " + mass.Symbol)

/// The Dirac matrix Γ between the two fermion fields of a Yukawa-type vertex ψ̄_a Γ ψ_b φ, as data.
type DiracStructure =
    /// Γ = 1 (scalar).
    | Scalar = 0
    /// Γ = iγ5 (pseudoscalar; the factor i makes ψ̄ iγ5 ψ Hermitian).
    | Pseudoscalar = 1
    /// Γ = γ^μ (vector current).
    | Vector = 2
    /// Γ = γ^μ γ5 (axial current).
    | Axial = 3
    /// Γ = P_L = (1 − γ5)/2.
    | LeftScalar = 4
    /// Γ = P_R = (1 + γ5)/2.
    | RightScalar = 5
    /// Γ = γ^μ P_L.
    | LeftVector = 6
    /// Γ = γ^μ P_R.
    | RightVector = 7

/// An interaction vertex of the Lagrangian, L ⊃ g ψ̄_a Γ ψ_b φ (+ h.c. when PlusHermitianConjugate): the coupling g,
/// the two fermion fields (a barred), the Dirac structure Γ between them and the boson φ. Couplings are real.
[<Sealed; AllowNullLiteral>]
type Vertex(coupling: ModelParameter, barredFermion: string, structure: DiracStructure, fermion: string, boson: string, plusHermitianConjugate: bool, reference: string) =
    do
        if isNull coupling then nullArg "coupling"
        if String.IsNullOrWhiteSpace barredFermion then invalidArg "barredFermion" "a vertex needs its barred fermion field"
        if String.IsNullOrWhiteSpace fermion then invalidArg "fermion" "a vertex needs its fermion field"
        if String.IsNullOrWhiteSpace boson then invalidArg "boson" "a vertex needs its boson field"
        if int structure < 0 || int structure > 7 then raise (ArgumentOutOfRangeException("structure", structure, "unknown Dirac structure"))
    /// The coupling g (a parameter of role Coupling).
    member _.Coupling = coupling
    /// The field ψ_a that appears barred.
    member _.BarredFermion = barredFermion
    /// The Dirac structure Γ.
    member _.Structure = structure
    /// The field ψ_b.
    member _.Fermion = fermion
    /// The boson φ.
    member _.Boson = boson
    /// Whether "+ h.c." is implied (the vertex ψ̄_b Γ̄ ψ_a φ† is part of the Lagrangian too).
    member _.PlusHermitianConjugate = plusHermitianConjugate
    /// Where the term comes from (e.g. "seed 001 eq. (2.1)").
    member _.Reference = reference
    /// Whether Γ carries a Lorentz index (vector, axial, chiral vector).
    member _.IsVectorLike =
        match structure with
        | DiracStructure.Vector | DiracStructure.Axial | DiracStructure.LeftVector | DiracStructure.RightVector -> true
        | _ -> false
    /// The term as text, e.g. "y_chi chi-bar P_L nu S + h.c.".
    member v.Term =
        let g =
            match structure with
            | DiracStructure.Scalar -> ""
            | DiracStructure.Pseudoscalar -> " iγ5"
            | DiracStructure.Vector -> " γ^μ"
            | DiracStructure.Axial -> " γ^μγ5"
            | DiracStructure.LeftScalar -> " P_L"
            | DiracStructure.RightScalar -> " P_R"
            | DiracStructure.LeftVector -> " γ^μP_L"
            | _ -> " γ^μP_R"
        sprintf "%s %s-bar%s %s %s%s" coupling.Symbol barredFermion g fermion boson (if plusHermitianConjugate then " + h.c." else "")
    override v.ToString() = v.Term

/// Which field of a model plays which part in the processes the kernel knows by name (ProcessKind): the dark-sector
/// fermion χ, the mediator S, the nucleus N. Every field of kind LeftHandedNeutrino is a neutrino.
[<NoEquality; NoComparison>]
type ModelRoles =
    { /// The new fermion χ (seed 000: X); empty for a model without one (it then has no χ processes).
      DarkFermion: string
      /// The mediator S (seed 000: φ).
      Mediator: string
      /// The nucleus N, an effective Dirac fermion of mass M.
      Nucleus: string }

/// The processes the kernel derives from a model's vertices, named by the roles of their particles (χ the dark
/// fermion, S the mediator, N the nucleus, ν any neutrino of the model).
type ProcessKind =
    /// ν N → χ N by S exchange (seed 001 eqs. 2.14, 2.21).
    | NeutrinoNucleusToChiNucleus = 0
    /// ν̄ N → χ̄ N (seed 001 eq. 2.15).
    | AntineutrinoNucleusToAntichiNucleus = 1
    /// ν N → ν N through the model's mediators alone (with the SM and its interference:
    /// NeutrinoNucleusToNeutrinoNucleusWithStandardModel).
    | NeutrinoNucleusToNeutrinoNucleus = 2
    /// χ N → ν N with χ and N at rest (dark-matter down-scattering, seed 000 sec. VI).
    | ChiNucleusToNeutrinoNucleus = 3
    /// χ χ̄ → ν ν̄ (seed 001 eq. 4.2, seed 000 sec. VII).
    | ChiAntichiToNeutrinoAntineutrino = 4
    /// χ χ̄ → S S.
    | ChiAntichiToMediatorPair = 5
    /// S S → ν ν̄.
    | MediatorPairToNeutrinoAntineutrino = 6
    /// S S → χ χ̄.
    | MediatorPairToChiAntichi = 7
    /// S → χ ν̄ and its conjugate S → χ̄ ν (the width of S, seed 001 below eq. 4.2).
    | MediatorDecay = 8
    /// χ ν → χ ν (kinetic decoupling, seed 000 sec. IV).
    | ChiNeutrinoToChiNeutrino = 9
    /// χ ν̄ → χ ν̄.
    | ChiAntineutrinoToChiAntineutrino = 10
    /// ν N → ν N with the Standard-Model neutral current (Z exchange at q² ≪ m_Z², G_F/√2 and the weak charge
    /// Q_W = N − (1 − 4 sin²θ_W) Z) and the model's mediators, squared with their interference (light-mediator CEvNS).
    /// Present when the model has ν N → ν N of its own; SM CEvNS alone is Kernel.StandardModelCevns.
    | NeutrinoNucleusToNeutrinoNucleusWithStandardModel = 11

/// The shape of a process, which fixes its kinematic variables and what it offers (dσ/dT, σv, a width …).
type ProcessCategory =
    /// A neutrino (or χ) scattering on a nucleus at rest, in the recoil energy T: dσ/dT and the recoil limits.
    | NucleusScattering = 0
    /// A 2 → 2 process with both initial particles at rest: σv at rest.
    | ConversionAtRest = 1
    /// a a → b b in the centre-of-mass frame in (s, cos θ): σv_rel(s) and its low-velocity expansion.
    | Annihilation = 2
    /// 1 → 2 decay: the width.
    | Decay = 3
    /// 2 → 2 elastic scattering in the invariants (s, t).
    | ElasticScattering = 4

/// A parameter point lacks values a computation needs (ParameterPoint.Item, ValuesOf): the parameters (the message names
/// each with its description). Inside the program a bug; for a model file's parameter that no command option sets (the
/// mass of a second mediator, a coupling the command does not scan), the user's to give (`--param NAME=VALUE`).
type MissingParameterException(parameters: seq<ModelParameter>) =
    inherit InvalidOperationException(
        sprintf "the parameter point has no value for %s"
            (String.Join(", ", parameters |> Seq.map (fun p -> sprintf "%s (%s)" p.Symbol p.Description))))
    let parameters = Array.ofSeq parameters
    /// The parameters without a value.
    member _.Parameters : IReadOnlyList<ModelParameter> = parameters :> IReadOnlyList<ModelParameter>

/// The process asked for does not exist in the model (no vertices make it): it is absent, not zero.
type ProcessNotInModelException(kind: ProcessKind, processName: string, modelName: string, reason: string) =
    inherit InvalidOperationException(sprintf "%s is not in model '%s'%s" processName modelName (if String.IsNullOrEmpty reason then "" else ": " + reason))
    /// The process asked for.
    member _.Kind = kind
    /// Its name, e.g. "ν N → ν N".
    member _.ProcessName = processName
    /// The model's name.
    member _.ModelName = modelName

/// Values of parameters (masses in MeV, couplings): an immutable point in a model's parameter space. Each value is
/// checked against its parameter's allowed range when set.
[<Sealed>]
type ParameterPoint private (values: IReadOnlyDictionary<string, float>, parameters: IReadOnlyDictionary<string, ModelParameter>) =
    /// The empty point.
    static member Empty = ParameterPoint(Dictionary<string, float>(), Dictionary<string, ModelParameter>())
    /// The point with parameter p set to v (range-checked: ArgumentOutOfRangeException naming p and its range).
    member _.With(p: ModelParameter, v: float) : ParameterPoint =
        if isNull p then nullArg "p"
        let v = p.Check v
        let d = Dictionary<string, float>(values)
        let ps = Dictionary<string, ModelParameter>(parameters)
        d.[p.Symbol] <- v
        ps.[p.Symbol] <- p
        ParameterPoint(d, ps)
    /// Whether p has a value.
    member _.Has(p: ModelParameter) = not (isNull p) && values.ContainsKey p.Symbol
    /// The value of p, if set.
    member _.TryGet(p: ModelParameter, [<Runtime.InteropServices.Out>] value: byref<float>) : bool =
        if isNull p then false
        else
            match values.TryGetValue p.Symbol with
            | true, v ->
                value <- v
                true
            | _ -> false
    /// The value of p (InvalidOperationException naming p when it has none).
    member _.Item
        with get (p: ModelParameter) : float =
            if isNull p then nullArg "p"
            match values.TryGetValue p.Symbol with
            | true, v -> v
            | _ -> raise (MissingParameterException [ p ])
    /// The parameters that have values.
    member _.Parameters : IReadOnlyList<ModelParameter> = parameters.Values |> Array.ofSeq :> IReadOnlyList<ModelParameter>
    /// The values of the given parameters in order (MissingParameterException naming every parameter without a value).
    member p.ValuesOf(ps: IReadOnlyList<ModelParameter>) : float[] =
        let missing = ps |> Seq.filter (fun q -> not (values.ContainsKey q.Symbol)) |> List.ofSeq
        if not missing.IsEmpty then raise (MissingParameterException missing)
        ps |> Seq.map (fun q -> values.[q.Symbol]) |> Array.ofSeq
    override _.ToString() =
        String.Join(", ", values |> Seq.map (fun kv -> sprintf "%s = %s" kv.Key (kv.Value.ToString("G6", Globalization.CultureInfo.InvariantCulture))))

/// dσ/dT (MeV⁻³, i.e. MeV⁻² of cross section per MeV of recoil) for a projectile of energy neutrinoEnergy (MeV) giving a
/// nuclear recoil of kinetic energy recoilEnergy (MeV) on nucleus. The rate engine calls it inside the allowed region
/// T_min(E) &lt; T &lt; T_max(E); it is thread-safe and does not allocate.
type DifferentialCrossSection = delegate of recoilEnergy: float * neutrinoEnergy: float * nucleus: Isotope -> float

/// A kinematic recoil limit T_min(E) or T_max(E) in MeV for projectile energy E (MeV) on a nucleus. Below threshold it
/// may be NaN or give T_min ≥ T_max: both mean "not allowed". Above threshold T_min is non-increasing and T_max
/// non-decreasing in E (2 → 2 scattering, seed 001 eq. 2.9).
type RecoilLimit = delegate of neutrinoEnergy: float * nucleus: Isotope -> float

/// The smallest projectile energy (MeV) that can give recoil T (MeV) on the nucleus (the inverse of the kinematics).
type MinimumNeutrinoEnergy = delegate of recoilEnergy: float * nucleus: Isotope -> float

/// The recoil kinematics of a nucleus-scattering process at one parameter point: T_min(E), T_max(E), the inverse
/// E_min(T), and the threshold E^min(M) (MeV throughout).
[<NoEquality; NoComparison>]
type RecoilLimits =
    { MinimumRecoil: RecoilLimit
      MaximumRecoil: RecoilLimit
      MinimumEnergy: MinimumNeutrinoEnergy
      /// The threshold projectile energy as a function of the nuclear mass M (MeV).
      Threshold: Func<float, float> }
