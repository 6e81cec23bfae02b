namespace NuDM.Physics

open System
open System.Collections.Concurrent
open System.Collections.Generic
open NuDM.Symbolic

/// A particle-physics model as data — its fields, parameters (masses, couplings with allowed ranges and mass
/// dimensions), interaction vertices with their Dirac structure, and the roles its fields play — from which the
/// kernel derives every process by the same Dirac-trace machinery. A process the model does not have is absent:
/// TryProcess returns false and Process throws ProcessNotInModelException ("ν N → ν N is not in model
/// 'scalar-seed'"), never a zero. Processes are derived on first request and cached (thread-safe).
///
/// The models-as-data issue builds the same object from a YAML file; the seeds' scalar model is built in code
/// (SeedModel).
[<Sealed>]
type Model(name: string, description: string, reference: string, fields: seq<Field>, parameters: seq<ModelParameter>, vertices: seq<Vertex>, roles: ModelRoles, effective: EffectiveCoupling) =
    let fields = if isNull fields then [] else List.ofSeq fields
    let parameters = if isNull parameters then [] else List.ofSeq parameters
    let vertices = if isNull vertices then [] else List.ofSeq vertices
    let fail (what: string) = invalidArg "model" (sprintf "model '%s': %s" name what)
    do
        if String.IsNullOrWhiteSpace name then invalidArg "name" "a model needs a name"
        let dup xs = xs |> List.countBy id |> List.filter (fun (_, n) -> n > 1) |> List.map fst
        match dup (fields |> List.map (fun f -> f.Name)) with
        | [] -> ()
        | d -> fail (sprintf "field names must be distinct: %s" (String.Join(", ", d)))
        match dup (parameters |> List.map (fun p -> p.Symbol)) with
        | [] -> ()
        | d -> fail (sprintf "parameter symbols must be distinct: %s" (String.Join(", ", d)))
        let hasParameter (p: ModelParameter) = parameters |> List.exists (fun q -> Object.ReferenceEquals(p, q))
        for f in fields do
            if not f.IsMassless && not (hasParameter f.MassParameter) then
                fail (sprintf "the mass %s of field %s is not among the model's parameters" f.MassParameter.Symbol f.Name)
        let field (n: string) = fields |> List.tryFind (fun f -> f.Name = n)
        for v in vertices do
            if not (hasParameter v.Coupling) then fail (sprintf "vertex %s: its coupling %s is not among the model's parameters" v.Term v.Coupling.Symbol)
            if v.Coupling.Role <> ParameterRole.Coupling then fail (sprintf "vertex %s: %s has role %O, not Coupling" v.Term v.Coupling.Symbol v.Coupling.Role)
            for n in [ v.BarredFermion; v.Fermion ] do
                match field n with
                | Some f when f.IsFermion -> ()
                | Some f -> fail (sprintf "vertex %s: %s is a %O, not a fermion" v.Term n f.Kind)
                | None -> fail (sprintf "vertex %s: no field named %s" v.Term n)
            match field v.Boson with
            | Some f when f.IsBoson -> ()
            | Some f -> fail (sprintf "vertex %s: %s is a %O, not a boson" v.Term v.Boson f.Kind)
            | None -> fail (sprintf "vertex %s: no field named %s" v.Term v.Boson)
        let role (what: string) (n: string) (ok: Field -> bool) =
            match field n with
            | Some f when ok f -> ()
            | Some f -> fail (sprintf "the %s role names %s, a %O" what n f.Kind)
            | None -> fail (sprintf "the %s role names %s, which is not a field" what n)
        // a model may have no dark fermion (empty role): then it has no χ processes
        if not (String.IsNullOrEmpty roles.DarkFermion) then role "dark-fermion" roles.DarkFermion (fun f -> f.IsFermion && not f.IsMassless)
        role "mediator" roles.Mediator (fun f -> f.IsBoson)
        role "nucleus" roles.Nucleus (fun f -> f.IsFermion && not f.IsMassless)
        if not (isNull effective) then
            if not (hasParameter effective.Parameter) then fail (sprintf "the effective coupling %s is not among the model's parameters" effective.Parameter.Symbol)
            if not (hasParameter effective.Replaces) then fail (sprintf "the coupling %s that %s replaces is not among the model's parameters" effective.Replaces.Symbol effective.Parameter.Symbol)

    let data : ModelData =
        { Name = name
          Fields = fields
          Parameters = parameters
          Vertices = vertices
          Roles = roles
          Effective = effective }

    /// Neutrino fields that appear in a vertex, grouped by the part they play (identical vertices up to the neutrino's
    /// name ⇒ identical processes: a flavour-universal coupling).
    let neutrinoGroups =
        lazy
            (ProcessDerivation.neutrinos data
             |> List.map (fun nu ->
                 let signature =
                     vertices
                     |> List.filter (fun v -> v.BarredFermion = nu.Name || v.Fermion = nu.Name)
                     |> List.map (fun v ->
                         let r (n: string) = if n = nu.Name then "•" else n
                         sprintf "%s|%s|%O|%s|%s|%b" v.Coupling.Symbol (r v.BarredFermion) v.Structure (r v.Fermion) v.Boson v.PlusHermitianConjugate)
                     |> List.sort
                 nu, signature)
             |> List.filter (fun (_, sg) -> not sg.IsEmpty)
             |> List.groupBy snd
             |> List.map (fun (_, members) -> members |> List.map fst))

    let cache = ConcurrentDictionary<ProcessKind, Lazy<Process option>>()

    /// Why a kind is absent although the model has vertices for it (e.g. a spin-dependent nucleus coupling).
    let reasons = ConcurrentDictionary<ProcessKind, string>()

    let mutable derivations = 0

    let derive (kind: ProcessKind) : Process option =
        Threading.Interlocked.Increment(&derivations) |> ignore
        let groups = neutrinoGroups.Force()
        let withReason (nu: Field) (nus: Field list) =
            let p, reason = ProcessDerivation.deriveWithReason data kind nu nus
            if not (String.IsNullOrEmpty reason) then reasons.[kind] <- reason
            p
        let derivedPerGroup =
            match groups with
            | [] -> [ withReason null [] ]
            | gs -> gs |> List.map (fun g -> withReason g.Head g)
        match derivedPerGroup |> List.choose id with
        | [] -> None
        | [ p ] -> Some p
        | _ ->
            invalidOp (sprintf "model '%s': %s differs between neutrino flavours (flavour-dependent couplings); ask for one neutrino with TryProcess(kind, neutrino, …)" name (ProcessDerivation.kindName kind))

    let get (kind: ProcessKind) : Process option =
        ProcessDerivation.categoryOf kind |> ignore // unknown kinds: ArgumentOutOfRangeException
        cache.GetOrAdd(kind, fun k -> Lazy<Process option>((fun () -> derive k), Threading.LazyThreadSafetyMode.ExecutionAndPublication)).Force()

    let absent (kind: ProcessKind) =
        match reasons.TryGetValue kind with
        | true, reason -> ProcessNotInModelException(kind, ProcessDerivation.kindName kind, name, reason)
        | _ -> ProcessNotInModelException(kind, ProcessDerivation.kindName kind, name, "no vertices of the model make it (it is absent, not zero)")

    /// Gives a kind its process (or its absence, with the reason: "" when no vertices make it) without deriving it:
    /// the model cache's processes of a verified file. A kind already derived keeps its derivation.
    member internal _.Preload(kind: ProcessKind, proc: Process option, reason: string) =
        if proc.IsNone && not (String.IsNullOrEmpty reason) then reasons.TryAdd(kind, reason) |> ignore
        cache.TryAdd(kind, Lazy<Process option>((fun () -> proc), Threading.LazyThreadSafetyMode.ExecutionAndPublication)) |> ignore

    /// How many kinds were derived (not preloaded) so far: what the model cache saves.
    member internal _.Derivations = derivations

    /// Why a kind is absent although the model has vertices for it, or "" (derives it on first use).
    member internal _.AbsenceReason(kind: ProcessKind) : string =
        if (get kind).IsSome then ""
        else
            match reasons.TryGetValue kind with
            | true, r -> r
            | _ -> ""

    /// The model's name (e.g. "scalar-seed").
    member _.Name = name
    /// What the model is (its Lagrangian in words).
    member _.Description = description
    /// Where it comes from.
    member _.Reference = reference
    /// The fields, the Standard-Model ones included.
    member _.Fields : IReadOnlyList<Field> = fields |> Array.ofList :> IReadOnlyList<Field>
    /// Every parameter: masses, couplings and effective parameters, in the model's order.
    member _.Parameters : IReadOnlyList<ModelParameter> = parameters |> Array.ofList :> IReadOnlyList<ModelParameter>
    /// The couplings.
    member _.Couplings : IReadOnlyList<ModelParameter> =
        parameters |> List.filter (fun p -> p.Role = ParameterRole.Coupling) |> Array.ofList :> IReadOnlyList<ModelParameter>
    /// The masses.
    member _.Masses : IReadOnlyList<ModelParameter> =
        parameters |> List.filter (fun p -> p.Role = ParameterRole.Mass) |> Array.ofList :> IReadOnlyList<ModelParameter>
    /// The interaction vertices.
    member _.Vertices : IReadOnlyList<Vertex> = vertices |> Array.ofList :> IReadOnlyList<Vertex>
    /// Which fields are χ, S and N.
    member _.Roles = roles
    /// The model's effective nucleus coupling (e.g. ȳ), or null.
    member _.EffectiveCoupling = effective
    member internal _.Data = data

    /// The field with this name (KeyNotFoundException naming the fields otherwise).
    member _.Field(fieldName: string) : Field =
        match fields |> List.tryFind (fun f -> f.Name = fieldName) with
        | Some f -> f
        | None -> raise (KeyNotFoundException(sprintf "model '%s' has no field '%s'; its fields are %s" name fieldName (String.Join(", ", fields |> List.map (fun f -> f.Name)))))
    /// The field with this name, if any.
    member _.TryField(fieldName: string, [<Runtime.InteropServices.Out>] field: byref<Field>) : bool =
        match fields |> List.tryFind (fun f -> f.Name = fieldName) with
        | Some f ->
            field <- f
            true
        | None -> false
    /// The parameter with this symbol (KeyNotFoundException naming the parameters otherwise).
    member _.Parameter(symbol: string) : ModelParameter =
        match parameters |> List.tryFind (fun p -> p.Symbol = symbol) with
        | Some p -> p
        | None -> raise (KeyNotFoundException(sprintf "model '%s' has no parameter '%s'; its parameters are %s" name symbol (String.Join(", ", parameters |> List.map (fun p -> p.Symbol)))))
    /// The parameter with this symbol, if any.
    member _.TryParameter(symbol: string, [<Runtime.InteropServices.Out>] parameter: byref<ModelParameter>) : bool =
        match parameters |> List.tryFind (fun p -> p.Symbol = symbol) with
        | Some p ->
            parameter <- p
            true
        | None -> false
    /// An empty parameter point to fill with With(parameter, value).
    member _.Point() = ParameterPoint.Empty

    /// Whether the model has the process (derives it on first use).
    member _.Has(kind: ProcessKind) = (get kind).IsSome
    /// The process, if the model has it (derived on first use, then cached).
    member _.TryProcess(kind: ProcessKind, [<Runtime.InteropServices.Out>] proc: byref<Process>) : bool =
        match get kind with
        | Some p ->
            proc <- p
            true
        | None -> false
    /// The process of this kind for one neutrino field (for models whose couplings depend on the flavour).
    member _.TryProcess(kind: ProcessKind, neutrino: string, [<Runtime.InteropServices.Out>] proc: byref<Process>) : bool =
        let nu =
            match fields |> List.tryFind (fun f -> f.Name = neutrino && f.Kind = FieldKind.LeftHandedNeutrino) with
            | Some f -> f
            | None -> raise (ArgumentOutOfRangeException("neutrino", neutrino, sprintf "model '%s' has no neutrino field '%s'" name neutrino))
        match ProcessDerivation.derive data kind nu [ nu ] with
        | Some p ->
            proc <- p
            true
        | None -> false
    /// The process; ProcessNotInModelException ("… is not in model '…'") when the model does not have it.
    member _.Process(kind: ProcessKind) : Process =
        match get kind with
        | Some p -> p
        | None -> raise (absent kind)
    /// Every kind of process the model has (derives all of them).
    member m.ProcessKinds : IReadOnlyList<ProcessKind> =
        Enum.GetValues(typeof<ProcessKind>) :?> ProcessKind[] |> Array.filter m.Has :> IReadOnlyList<ProcessKind>

    member private m.Typed<'T when 'T :> Process>(kind: ProcessKind, category: ProcessCategory) : 'T =
        let c = ProcessDerivation.categoryOf kind
        if c <> category then
            raise (ArgumentOutOfRangeException("kind", kind, sprintf "%s is a %O process, not %O" (ProcessDerivation.kindName kind) c category))
        m.Process kind :?> 'T

    /// A nucleus-scattering process (ν N → χ N, ν̄ N → χ̄ N, ν N → ν N); ProcessNotInModelException when absent.
    member m.NucleusScattering(kind: ProcessKind) : NucleusScatteringProcess = m.Typed(kind, ProcessCategory.NucleusScattering)
    /// An annihilation (χ χ̄ → ν ν̄, χ χ̄ → S S, S S → ν ν̄, S S → χ χ̄); ProcessNotInModelException when absent.
    member m.Annihilation(kind: ProcessKind) : AnnihilationProcess = m.Typed(kind, ProcessCategory.Annihilation)
    /// The mediator's decay S → χ ν̄ + χ̄ ν; ProcessNotInModelException when absent.
    member m.MediatorDecay() : DecayProcess = m.Typed(ProcessKind.MediatorDecay, ProcessCategory.Decay)
    /// χ ν → χ ν or χ ν̄ → χ ν̄; ProcessNotInModelException when absent.
    member m.ElasticScattering(kind: ProcessKind) : ElasticScatteringProcess = m.Typed(kind, ProcessCategory.ElasticScattering)
    /// χ N → ν N at rest; ProcessNotInModelException when absent.
    member m.ConversionAtRest() : ConversionAtRestProcess = m.Typed(ProcessKind.ChiNucleusToNeutrinoNucleus, ProcessCategory.ConversionAtRest)

    override _.ToString() = sprintf "model '%s' (%d fields, %d vertices)" name fields.Length vertices.Length
