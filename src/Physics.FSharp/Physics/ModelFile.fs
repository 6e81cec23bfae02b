namespace NuDM.Physics

open System
open System.Collections.Generic
open System.IO
open System.Security.Cryptography
open System.Text
open System.Text.RegularExpressions
open NuDM.Symbolic
open YamlDotNet.Core
open YamlDotNet.RepresentationModel

// Models as data: a model written in a YAML file (fields, parameters with units and ranges, the Lagrangian's
// interaction terms with their Dirac structure, how the quark couplings match onto the nucleus, and the model's own
// proof obligations, formulas in the core's infix language) is read into the same Model the seeds' scalar model is
// built as in code (SeedModel), checked (dimensions, Lorentz structure, Hermiticity), and verified at load: the
// standard obligations every model gets plus the file's own. The format is documented in the README and by the
// shipped files in models/.

/// How the quark couplings of a model's mediator match onto the nucleus (the nucleus vertex N̄ Γ N of the model).
type NucleusMatching =
    /// The model has no quark coupling (nothing couples to the nucleus).
    | NoQuarkCoupling = 0
    /// Scalar q̄ q: coherent, y_N = Z y_p + (A − Z) y_n with the nucleon couplings from the f_Tq sums (Couplings).
    | CoherentScalar = 1
    /// Vector q̄ γ^μ q: coherent, the vector charge Z(2g_u + g_d) + (A − Z)(g_u + 2g_d).
    | CoherentVector = 2
    /// Pseudoscalar q̄ iγ5 q or axial q̄ γ^μγ5 q: couples to the nuclear spin, so it is not coherent (no A² enhancement).
    | SpinDependent = 3

/// The verdict of a check a model is verified with at load.
type ModelCheckStatus =
    /// Shown by the core (canonical forms, exact signs, symbolic limits).
    | Proven = 0
    /// The claim is false (disproven by the core, or a structural check that does not hold).
    | Failed = 1
    /// The core could neither prove nor disprove it: not proven, and not refuted either. The model loads with a
    /// warning naming the obligation (ModelDefinition.UndecidedWarnings); results that use it are not certified.
    | Undecided = 2

/// One obligation a model is verified with: a standard one (dimensions, |M|² ≥ 0, the m_χ → 0 limit, the ν/ν̄
/// relations) or one of the file's own, and its verdict.
[<Sealed>]
type ModelCheck(id: string, title: string, statement: string, status: ModelCheckStatus, detail: string, line: int, column: int) =
    /// E.g. "scalar-seed.dimension.nu-N-chi-N" or the id the file gives.
    member _.Id = id
    /// One line for tables.
    member _.Title = title
    /// The claim in words, with its domain.
    member _.Statement = statement
    /// Proven, Failed or Undecided.
    member _.Status = status
    /// What the core showed (or why not).
    member _.Detail = detail
    /// The line of the model file the obligation is written on (0 for a standard one).
    member _.Line = line
    /// Its column (0 for a standard one).
    member _.Column = column
    /// True only when proven.
    member _.Holds = status = ModelCheckStatus.Proven
    override _.ToString() = sprintf "%s: %O (%s)" id status detail

/// A process the model's vertices make but the kernel's derivation does not implement yet (e.g. χ χ̄ → V V: external
/// vector bosons in a fermion-exchange diagram): the model is usable for everything else, and this one is absent with
/// the reason (not zero — not derived).
[<Sealed>]
type NotDerivedProcess(kind: ProcessKind, name: string, reason: string) =
    /// The process kind.
    member _.Kind = kind
    /// Its name, e.g. "χ χ̄ → S S" (roles, whatever the fields are called).
    member _.Name = name
    /// What the derivation does not implement.
    member _.Reason = reason
    override _.ToString() = sprintf "%s: not derived (%s)" name reason

/// A model read from a file: the Model, where it came from (file and SHA-256 of its content), how its quark couplings
/// match onto the nucleus, and the obligations it was verified with.
[<Sealed>]
type ModelDefinition internal (model: Model, file: string, contentHash: string, matching: NucleusMatching, quarkTerm: string, checks: ModelCheck list, notDerived: NotDerivedProcess list, fromCache: bool, warnings: string list) as self =
    let effectivePower = lazy (self.EffectivePowerOf())
    let nucleonProduct = lazy (self.NucleonProductOf())
    /// The model (processes, parameters, fields).
    member _.Model = model
    /// The file as given (null for the built-in seed model).
    member _.File = file
    /// SHA-256 (hex) of the file's content.
    member _.ContentHash = contentHash
    /// How the quark couplings match onto the nucleus.
    member _.NucleusMatching = matching
    /// The quark term as written in the file (e.g. "y_q bar(q) q S"), or null.
    member _.QuarkTerm = quarkTerm
    /// The obligations the model was verified with (standard ones first, then the file's own).
    member _.Checks : IReadOnlyList<ModelCheck> = checks |> Array.ofList :> IReadOnlyList<ModelCheck>
    /// The processes the model's vertices make that the kernel does not derive yet, each with why (absent, not zero).
    member _.NotDerived : IReadOnlyList<NotDerivedProcess> = notDerived |> Array.ofList :> IReadOnlyList<NotDerivedProcess>
    /// Whether every obligation is proven.
    member _.Verified = checks |> List.forall (fun c -> c.Holds)
    /// The obligations the core could neither prove nor disprove (in the order of Checks): the model is not refused
    /// for them, but results that use them are not certified. Empty when every obligation is proven.
    member _.Undecided : IReadOnlyList<ModelCheck> =
        checks |> List.filter (fun c -> c.Status = ModelCheckStatus.Undecided) |> Array.ofList :> IReadOnlyList<ModelCheck>
    /// The obligations that are disproven (a model loaded with ModelFile.Load has none: it is refused for them).
    member _.Failed : IReadOnlyList<ModelCheck> =
        checks |> List.filter (fun c -> c.Status = ModelCheckStatus.Failed) |> Array.ofList :> IReadOnlyList<ModelCheck>
    /// One warning per undecided obligation, naming it, its statement and why the core did not decide it, e.g.
    /// "model 'X': obligation annihilation.positivity (|M|² ≥ 0 …) is UNDECIDED — <why>; results that use it are not
    /// certified". Made from the verdicts, so a load from the cache gives the same warnings as the first.
    member d.UndecidedWarnings : IReadOnlyList<string> =
        d.Undecided
        |> Seq.map (fun c ->
            sprintf "model '%s': obligation %s (%s)%s is UNDECIDED — %s; results that use it are not certified"
                model.Name c.Id c.Statement (if c.Line > 0 then sprintf " at line %d, column %d of %s" c.Line c.Column file else "") c.Detail)
        |> Array.ofSeq :> IReadOnlyList<string>
    /// Whether the verdicts came from the disk cache (the same file content, program and kernel build verified before).
    member _.FromCache = fromCache
    /// Notes for the user: the undecided obligations (UndecidedWarnings), then anything about this load (a corrupt
    /// cache entry that was recomputed, a verification that could not be cached).
    member d.Warnings : IReadOnlyList<string> = Seq.append d.UndecidedWarnings warnings |> Array.ofSeq :> IReadOnlyList<string>
    /// Null when the model's ν N scattering is coherent; otherwise why coherent-scattering rates (CEvNS spectra and
    /// limits) cannot use it.
    member _.CoherentScatteringObstacle : string =
        match matching with
        | NucleusMatching.CoherentScalar
        | NucleusMatching.CoherentVector -> null
        | NucleusMatching.SpinDependent ->
            sprintf "model '%s' couples its mediator to quarks through %s, which matches onto the nuclear spin: the scattering is spin-dependent, not coherent (no A² enhancement), and the coherent-scattering rates (CEvNS spectra and limits) do not apply; a spin-dependent rate needs a nuclear spin model this program does not have" model.Name quarkTerm
        | _ -> sprintf "model '%s' has no coupling to quarks, so nothing scatters coherently on nuclei" model.Name
    /// The parameter a role-based accessor needs, or a clear error naming the model and what is missing.
    member private _.Need(what: string, p: ModelParameter) =
        if isNull p then invalidOp (sprintf "model '%s' has no %s" model.Name what)
        p
    /// m_χ, the mass of the dark fermion (MeV).
    member d.DarkFermionMass : ModelParameter = d.Need("dark-fermion mass", model.Field(model.Roles.DarkFermion).MassParameter)
    /// The mediator's mass (MeV).
    member d.MediatorMass : ModelParameter = d.Need("mediator mass", model.Field(model.Roles.Mediator).MassParameter)
    /// The coupling of the vertex between the dark fermion and a neutrino (y_χ of the seeds' model), or null.
    member _.DarkCoupling : ModelParameter =
        let isNu (n: string) = model.Fields |> Seq.exists (fun f -> f.Name = n && f.Kind = FieldKind.LeftHandedNeutrino)
        let dark = model.Roles.DarkFermion
        model.Vertices
        |> Seq.tryFind (fun v -> (v.BarredFermion = dark && isNu v.Fermion) || (v.Fermion = dark && isNu v.BarredFermion))
        |> Option.map (fun v -> v.Coupling)
        |> Option.toObj
    /// The effective coupling the CEvNS commands quote (ȳ of the seeds' model); an error naming the model when it
    /// declares none.
    member _.EffectiveCoupling : ModelParameter =
        let e = model.EffectiveCoupling
        if isNull e then
            invalidArg "model" (sprintf "model '%s' declares no effective coupling (effective: in the model file), which the CEvNS spectra and limits quote" model.Name)
        e.Parameter
    /// The point (m_χ, m_mediator, effective coupling) of a CEvNS analysis (masses in MeV); each value range-checked.
    member d.CevnsPoint(chiMass: float, mediatorMass: float, effectiveCoupling: float) : ParameterPoint =
        ParameterPoint.Empty.With(d.DarkFermionMass, chiMass).With(d.MediatorMass, mediatorMass).With(d.EffectiveCoupling, effectiveCoupling)
    /// The point (m_χ, m_mediator, dark coupling) of the cosmology (masses in MeV); each value range-checked.
    member d.CosmologyPoint(chiMass: float, mediatorMass: float, darkCoupling: float) : ParameterPoint =
        let y = d.DarkCoupling
        if isNull y then invalidOp (sprintf "model '%s' has no vertex between its dark fermion and a neutrino" model.Name)
        ParameterPoint.Empty.With(d.DarkFermionMass, chiMass).With(d.MediatorMass, mediatorMass).With(y, darkCoupling)
    /// The power p of dσ/dT(ν N → χ N) ∝ ḡ^p in the effective coupling (4 for the seeds' ȳ), derived as the elasticity
    /// of the model's cross section; an error naming it when it is not a constant.
    member d.EffectiveCouplingPower : float = effectivePower.Force()
    member private _.EffectivePowerOf() =
        let e = model.NucleusScattering(ProcessKind.NeutrinoNucleusToChiNucleus).DifferentialCrossSection.Expression
        let y = Symbol model.EffectiveCoupling.Parameter.Symbol
        let elasticity =
            try Normal.simplifyWith Assumptions.AllPositive (y * Calculus.differentiate y e / e)
            with :? ExpressionTooComplexException as x ->
                invalidOp (sprintf "model '%s': dσ/dT of ν N → χ N is not known to be a power of %s: its elasticity is too large a form for the algebra core (%s)" model.Name model.EffectiveCoupling.Parameter.Symbol x.Message)
        match elasticity with
        | Number q -> q.ToDouble()
        | other -> invalidOp (sprintf "model '%s': dσ/dT of ν N → χ N is not a power of %s: its elasticity is %s" model.Name model.EffectiveCoupling.Parameter.Symbol (Infix.format other))
    /// The product of couplings that σ_NC = (y_X y_p)² m_X²/(16π m_φ⁴) (seed 000 sec. VII; the quantity the
    /// down-scattering limits are quoted in) takes for this model: the dark coupling (χ–ν vertex) times the nucleus
    /// coupling per nucleon, y_dark · y_N/A, with y_N written through the effective coupling (effective: in the file):
    /// ȳ² A/y_χ for the seeds' model, so the product is ȳ² = y_X y_p; 3A ḡ²/g_χ for vector.yaml: 3ḡ² = g_χ (3g_q).
    /// A dimensionless formula of the effective coupling (and of the dark coupling when it does not cancel).
    /// InvalidOperationException naming the model when it declares no effective or dark coupling, or when the product
    /// depends on A (a nucleus coupling not proportional to A has no per-nucleon value) or on another symbol.
    member d.DarkNucleonCouplingProduct : Formula = nucleonProduct.Force()
    member private d.NucleonProductOf() =
        let e = model.EffectiveCoupling
        if isNull e then
            invalidOp (sprintf "model '%s' declares no effective coupling (effective: in the model file), through which σ_NC's couplings y_X y_p are written" model.Name)
        let dark = d.DarkCoupling
        if isNull dark then invalidOp (sprintf "model '%s' has no vertex between its dark fermion and a neutrino, whose coupling σ_NC takes" model.Name)
        let dom = Assumptions.Positive(Seq.append e.AssumePositive [ e.Parameter.Symbol; dark.Symbol; "A" ])
        let product = Normal.simplifyWith dom (Symbol dark.Symbol * e.ReplacementExpression / Symbol "A")
        let symbols = Structure.symbols product
        match symbols |> List.filter (fun x -> x <> e.Parameter.Symbol && x <> dark.Symbol) with
        | [] -> ()
        | other ->
            invalidOp (sprintf "model '%s': %s × %s/A = %s depends on %s, so it has no per-nucleon coupling for σ_NC" model.Name dark.Symbol e.Replaces.Symbol (Infix.format product) (String.Join(", ", other)))
        let ps = [ e.Parameter; dark ] |> List.filter (fun p -> List.contains p.Symbol symbols) |> List.map (fun p -> p.AsFormulaParameter())
        Formula("dark-nucleon coupling product", product, ps, "1", "seed 000 sec. VII (σ_NC) with the model's couplings",
                sprintf "y_dark · y_N/A = %s × %s/A of model '%s'" dark.Symbol e.Replaces.Symbol model.Name)
    /// Whether this is the built-in seeds' scalar model (the default).
    member _.IsBuiltIn = isNull file
    /// What identifies the model in checkpoint and manifest keys: empty for the built-in default, else its name and
    /// the SHA-256 of its file.
    member _.KeyPart = if isNull file then "" else sprintf "model %s %s" model.Name contentHash
    override _.ToString() = sprintf "%O from %s" model file

/// Reading a model file. Errors are DataFileExceptions with the file, line and column of what is wrong.
module internal ModelFileReader =

    let private inv = Globalization.CultureInfo.InvariantCulture

    /// A parse/validation error at a YAML node (column offset inside a scalar added).
    let errorAt (file: string) (node: YamlNode) (offset: int) (reason: string) : exn =
        let quoted =
            match node with
            | :? YamlScalarNode as s when s.Style = ScalarStyle.DoubleQuoted || s.Style = ScalarStyle.SingleQuoted -> 1
            | _ -> 0
        DataFileException(file, int node.Start.Line, int node.Start.Column + quoted + offset, null, reason) :> exn

    let private fail file node reason = raise (errorAt file node 0 reason)

    /// The column (0-based) an infix parser's message points at, if it says "column N".
    let private parseColumn (message: string) =
        let m = Regex.Match(message, @"column (\d+)")
        if m.Success then int m.Groups.[1].Value - 1 else 0

    let scalarText (file: string) (node: YamlNode) (what: string) : string =
        match node with
        | :? YamlScalarNode as s when not (isNull s.Value) -> s.Value
        | _ -> fail file node (sprintf "%s must be a single value (text or number)" what)

    let mapping (file: string) (node: YamlNode) (what: string) (allowed: string list) : (string * YamlNode * YamlNode) list =
        match node with
        | :? YamlMappingNode as m ->
            [ for kv in m.Children do
                  let key = scalarText file kv.Key (what + ": a key")
                  if not (List.contains key allowed) then
                      fail file kv.Key (sprintf "unknown key '%s' in %s; allowed: %s" key what (String.Join(", ", allowed)))
                  yield key, kv.Key, kv.Value ]
        | _ -> fail file node (sprintf "%s must be a mapping (key: value lines)" what)

    let sequence (file: string) (node: YamlNode) (what: string) : YamlNode list =
        match node with
        | :? YamlSequenceNode as s -> List.ofSeq s.Children
        | _ -> fail file node (sprintf "%s must be a list" what)

    let find (entries: (string * YamlNode * YamlNode) list) (key: string) = entries |> List.tryFind (fun (k, _, _) -> k = key) |> Option.map (fun (_, _, v) -> v)

    let require (file: string) (owner: YamlNode) (entries: (string * YamlNode * YamlNode) list) (key: string) (what: string) =
        match find entries key with
        | Some v -> v
        | None -> fail file owner (sprintf "%s needs '%s'" what key)

    let textOr (file: string) entries key (fallback: string) =
        match find entries key with
        | Some v -> scalarText file v key
        | None -> fallback

    let stringList (file: string) (node: YamlNode) (what: string) : string list =
        match node with
        | :? YamlSequenceNode as s -> [ for c in s.Children -> scalarText file c what ]
        | :? YamlScalarNode as s -> [ s.Value ]
        | _ -> fail file node (sprintf "%s must be a list of names" what)

    let boolean (file: string) (node: YamlNode) (what: string) =
        match scalarText file node what with
        | "true" | "yes" -> true
        | "false" | "no" -> false
        | v -> fail file node (sprintf "%s must be true or false, got '%s'" what v)

    /// An infix formula in a scalar node (parse errors located inside the scalar).
    let formula (file: string) (node: YamlNode) (what: string) : Expr =
        let text = scalarText file node what
        match Infix.parse text with
        | Ok e -> e
        | Error msg -> raise (errorAt file node (parseColumn msg) (sprintf "%s: %s" what msg))

    /// A number written as a number or a constant formula (e.g. sqrt(4*pi), inf).
    let number (file: string) (node: YamlNode) (what: string) : float =
        let e = formula file node what
        match e with
        | PositiveInfinity -> Double.PositiveInfinity
        | NegativeInfinity -> Double.NegativeInfinity
        | _ ->
            if not (Structure.symbols e).IsEmpty then
                fail file node (sprintf "%s must be a number or a formula of numbers (e.g. sqrt(4*pi)), got %s" what (Infix.format e))
            let v =
                try Evaluate.evaluateAt [] [||] e
                with :? NotSupportedException | :? ArgumentException as x -> fail file node (sprintf "%s: %s cannot be evaluated: %s" what (Infix.format e) x.Message)
            if Double.IsNaN v then fail file node (sprintf "%s is not a real number: %s" what (Infix.format e))
            v

    /// The mass dimension of a unit: "1" → 0, "MeV" → 1, "MeV^-2" → −2, "MeV^(1/2)" → 1/2.
    let unitDimension (file: string) (node: YamlNode) (unit: string) : Q =
        if unit = "1" then Q.Zero
        else
            match Infix.parse unit with
            | Ok(Symbol "MeV") -> Q.One
            | Ok(Power(Symbol "MeV", Number q)) -> q
            | _ -> fail file node (sprintf "unit '%s': write 1 (dimensionless) or MeV^k (mass dimension k)" unit)

    // ---- the interaction term ---------------------------------------------------------------------------------

    /// A token of an interaction term and its 0-based offset inside the text.
    type Token = { Text: string; Offset: int }

    let tokens (text: string) : Token list =
        [ for m in Regex.Matches(text, @"[^\s*]+") -> { Text = m.Value; Offset = m.Index } ]

    /// One parsed interaction term.
    [<NoEquality; NoComparison>]
    type Term =
        { Coupling: ModelParameter
          Barred: string
          Structure: DiracStructure
          Fermion: string
          Boson: string
          HermitianConjugate: bool
          Text: string }

    let private splitIndex (fields: IDictionary<string, Field>) (t: string) : string * string option =
        if fields.ContainsKey t then t, None
        else
            let i = t.LastIndexOfAny [| '_'; '^' |]
            if i > 0 && i < t.Length - 1 && fields.ContainsKey(t.Substring(0, i)) then t.Substring(0, i), Some(t.Substring(i + 1))
            else t, None

    /// Parses "g bar(a) Γ b φ [+ h.c.]" (Γ: nothing or 1, i gamma5, gamma^mu, gamma^mu gamma5, P_L, P_R,
    /// gamma^mu P_L, gamma^mu P_R; a vector boson carries the index: V_mu). Checks that the term is a Lorentz scalar, of
    /// mass dimension 4, and Hermitian.
    let term (file: string) (node: YamlNode) (parameters: IDictionary<string, ModelParameter>) (fields: IDictionary<string, Field>) (quarkField: string option) : Term =
        let text = scalarText file node "term"
        let at (t: Token) reason = raise (errorAt file node t.Offset reason)
        let toks = tokens text
        if toks.IsEmpty then fail file node "an empty interaction term"
        // "+ h.c." at the end
        let toks, hc =
            match List.rev toks with
            | { Text = "h.c." } :: { Text = "+" } :: rest -> List.rev rest, true
            | { Text = "+h.c." } :: rest -> List.rev rest, true
            | _ -> toks, false
        let isField (t: string) = fields.ContainsKey t || quarkField = Some t
        let fieldOf (t: string) = if quarkField = Some t then None else Some fields.[t]
        match toks with
        | [] -> fail file node "an interaction term needs a coupling, bar(field), the Dirac structure, a field and a boson"
        | couplingTok :: rest ->
            let coupling =
                match parameters.TryGetValue couplingTok.Text with
                | true, p when p.Role = ParameterRole.Coupling -> p
                // the quark term may be written in the effective coupling that replaces the nucleus coupling (g_q of Q_V = 3A g_q)
                | true, p when p.Role = ParameterRole.Effective && quarkField.IsSome -> p
                | true, p -> at couplingTok (sprintf "%s is a parameter of role %O, not a coupling: a term starts with its coupling" p.Symbol p.Role)
                | _ -> at couplingTok (sprintf "'%s' is not a declared coupling: a term starts with its coupling (declared under parameters: with role: coupling)" couplingTok.Text)
            // boson before bar(…) or after the fermion
            let barIndex = rest |> List.tryFindIndex (fun t -> t.Text.StartsWith("bar(", StringComparison.Ordinal))
            let barTok, barIndexValue =
                match barIndex with
                | Some i -> rest.[i], i
                | None -> at couplingTok "the term needs a barred fermion, written bar(field)"
            let barred =
                let t = barTok.Text
                if not (t.EndsWith(")", StringComparison.Ordinal)) then at barTok (sprintf "'%s': write bar(field)" t)
                let name = t.Substring(4, t.Length - 5)
                if not (isField name) then at barTok (sprintf "bar(%s): '%s' is not a declared field" name name)
                name
            let before = rest |> List.take barIndexValue
            let after = rest |> List.skip (barIndexValue + 1)
            let bosonTok, sandwich =
                match before, List.rev after with
                | [ b ], r -> b, List.rev r
                | [], b :: r -> b, List.rev r
                | b :: _ :: _, _ -> at b "only the boson may stand between the coupling and bar(…)", []
                | _ -> at barTok "the term needs a fermion and a boson after bar(…)", []
            let bosonName, bosonIndex = splitIndex fields bosonTok.Text
            let boson =
                match fields.TryGetValue bosonName with
                | true, f when f.IsBoson -> f
                | true, f -> at bosonTok (sprintf "%s is a %O, not a boson: a term is bar(fermion) Γ fermion boson" f.Name f.Kind)
                | _ -> at bosonTok (sprintf "'%s' is not a declared field" bosonTok.Text)
            let fermionTok, gammas =
                match List.rev sandwich with
                | f :: g -> f, List.rev g
                | [] -> at barTok "the term needs a fermion field after bar(…) and its Dirac structure", []
            if not (isField fermionTok.Text) then at fermionTok (sprintf "'%s' is not a declared field" fermionTok.Text)
            for n, tok in [ barred, barTok; fermionTok.Text, fermionTok ] do
                match fieldOf n with
                | Some f when not f.IsFermion -> at tok (sprintf "%s is a %O, not a fermion: a term is bar(fermion) Γ fermion boson" n f.Kind)
                | _ -> ()
            // the Dirac structure
            let gammas = gammas |> List.filter (fun g -> g.Text <> "1")
            let gammaIndex (t: Token) =
                let m = Regex.Match(t.Text, @"^gamma[\^_]([A-Za-z]+)$")
                if m.Success then Some m.Groups.[1].Value else None
            let isG t = (gammaIndex t).IsSome
            let structure, currentIndex =
                match gammas with
                | [] -> DiracStructure.Scalar, None
                | [ { Text = "i" }; { Text = "gamma5" } ] -> DiracStructure.Pseudoscalar, None
                | [ { Text = "gamma5" } as g ] -> at g "bar(a) gamma5 b is anti-Hermitian: the pseudoscalar structure is i gamma5"
                | [ { Text = "P_L" } ] -> DiracStructure.LeftScalar, None
                | [ { Text = "P_R" } ] -> DiracStructure.RightScalar, None
                | [ g ] when isG g -> DiracStructure.Vector, gammaIndex g
                | [ g; { Text = "gamma5" } ] when isG g -> DiracStructure.Axial, gammaIndex g
                | [ g; { Text = "P_L" } ] when isG g -> DiracStructure.LeftVector, gammaIndex g
                | [ g; { Text = "P_R" } ] when isG g -> DiracStructure.RightVector, gammaIndex g
                | [ { Text = "P_R" }; g ] when isG g -> DiracStructure.LeftVector, gammaIndex g
                | [ { Text = "P_L" }; g ] when isG g -> DiracStructure.RightVector, gammaIndex g
                | g :: _ ->
                    at g (sprintf "unknown Dirac structure '%s': write nothing (scalar), i gamma5, gamma^mu, gamma^mu gamma5, P_L, P_R, gamma^mu P_L or gamma^mu P_R"
                              (String.Join(" ", gammas |> List.map (fun t -> t.Text))))
            // a Lorentz scalar: every index appears twice
            let notScalar reason = at bosonTok (sprintf "the term '%s' is not a Lorentz scalar: %s" text reason)
            match currentIndex, bosonIndex with
            | Some a, Some b when a = b -> ()
            | Some a, Some b -> notScalar (sprintf "the current carries the index %s and the boson %s: open indices %s and %s" a b a b)
            | Some a, None ->
                if boson.Kind = FieldKind.Vector then notScalar (sprintf "the vector field %s must carry the current's index: write %s_%s" boson.Name boson.Name a)
                else notScalar (sprintf "the current γ^%s has an open index and %s is a %O (no index to contract it with)" a boson.Name boson.Kind)
            | None, Some b -> notScalar (sprintf "%s_%s has an open index %s and the Dirac structure carries none" boson.Name b b)
            | None, None ->
                if boson.Kind = FieldKind.Vector then
                    notScalar (sprintf "%s is a vector field: it couples to a current with an index, e.g. bar(a) gamma^mu b %s_mu" boson.Name boson.Name)
            // dimension 4: fermions 3/2, bosons 1
            let dimension = Q.OfInt coupling.MassDimension + Q.OfInt 4
            if dimension <> Q.OfInt 4 then
                at couplingTok (sprintf "the term '%s' has mass dimension %s (coupling %s: %d, two fermions: 3, boson: 1); a renormalisable Lagrangian term has 4, so %s must be dimensionless (unit 1)"
                                    text (Dimensions.describe dimension) coupling.Symbol coupling.MassDimension coupling.Symbol)
            // Hermiticity: a term between two different fermions needs its conjugate
            if barred <> fermionTok.Text && not hc then
                at barTok (sprintf "the term '%s' is not Hermitian: bar(%s) … %s needs its conjugate, add + h.c." text barred fermionTok.Text)
            if boson.Kind = FieldKind.ComplexScalar && not hc then
                at bosonTok (sprintf "the term '%s' is not Hermitian: the complex scalar %s needs + h.c." text boson.Name)
            // a bilinear of one field is Hermitian by itself only when Γ̄ = γ⁰Γ†γ⁰ = Γ: 1, iγ5, γ^μ, γ^μγ5, γ^μP_L, γ^μP_R are;
            // P_L and P_R are not (ψ̄ P_L ψ)† = ψ̄ P_R ψ (a left-handed neutrino's ν̄ P_L ν vanishes: refused below)
            let sameFieldNotHermitian =
                barred = fermionTok.Text && not hc
                && (structure = DiracStructure.LeftScalar || structure = DiracStructure.RightScalar)
                && not (match fieldOf barred with Some f -> f.Kind = FieldKind.LeftHandedNeutrino | None -> false)
            if sameFieldNotHermitian then
                let g = gammas |> List.tryHead |> Option.defaultValue barTok
                let other = if structure = DiracStructure.LeftScalar then "P_R" else "P_L"
                at g (sprintf "the term '%s' is not Hermitian: its conjugate is bar(%s) %s %s %s; add + h.c. (together they are bar(%s) (a + b gamma5) %s, a chiral Yukawa coupling), or write the scalar (nothing) or i gamma5"
                          text barred other barred boson.Name barred barred)
            // a Majorana bilinear: the term g bar(chi) Γ chi φ stands for L ⊃ ½ g χ̄ Γ χ φ (FeynmanRules.majoranaVertex);
            // χ̄ γ^μ χ = −χ̄ γ^μ χ vanishes identically (Γ' = C Γᵀ C⁻¹ = −Γ)
            match fieldOf barred with
            | Some f when f.Kind = FieldKind.MajoranaFermion && barred = fermionTok.Text && structure = DiracStructure.Vector ->
                let g = gammas |> List.tryHead |> Option.defaultValue barTok
                at g (sprintf "the term '%s' vanishes: bar(%s) gamma^mu %s = 0 for the Majorana fermion %s (a Majorana fermion has no vector current); write gamma^mu gamma5 for its axial current" text barred barred barred)
            | _ -> ()
            // a projector that annihilates a left-handed neutrino makes the term vanish
            let weyl (n: string) = match fieldOf n with Some f -> f.Kind = FieldKind.LeftHandedNeutrino | None -> false
            let vanishing =
                match weyl barred, weyl fermionTok.Text, structure with
                | false, true, (DiracStructure.RightScalar | DiracStructure.RightVector) -> Some(sprintf "P_R %s = 0 for the left-handed neutrino %s" fermionTok.Text fermionTok.Text)
                // ν̄ P_L = (P_R ν)† γ⁰ = 0, and ν̄ γ^μ P_R = ν̄ P_L γ^μ = 0; ν̄ γ^μ P_L = ν̄ P_R γ^μ is the left-handed ν's current
                | true, false, DiracStructure.LeftScalar -> Some(sprintf "bar(%s) P_L = 0 for the left-handed neutrino %s" barred barred)
                | true, false, DiracStructure.RightVector -> Some(sprintf "bar(%s) γ^μ P_R = bar(%s) P_L γ^μ = 0 for the left-handed neutrino %s" barred barred barred)
                | true, true, DiracStructure.RightVector -> Some(sprintf "γ^μ P_R %s = 0 for the left-handed neutrino %s" fermionTok.Text fermionTok.Text)
                | true, true, (DiracStructure.Scalar | DiracStructure.Pseudoscalar | DiracStructure.LeftScalar | DiracStructure.RightScalar) ->
                    Some(sprintf "bar(%s) Γ %s vanishes for a left-handed neutrino unless Γ carries a γ^μ" barred fermionTok.Text)
                | _ -> None
            match vanishing with
            | Some why ->
                let g = gammas |> List.tryHead |> Option.defaultValue barTok
                at g (sprintf "the term '%s' vanishes: %s (the projector selects the chirality the neutrino does not have); use the other projector, or write the coupling so that it acts on the neutrino's left-handed component" text why)
            | None -> ()
            { Coupling = coupling
              Barred = barred
              Structure = structure
              Fermion = fermionTok.Text
              Boson = boson.Name
              HermitianConjugate = hc
              Text = text }

    let fieldKind (file: string) (node: YamlNode) : FieldKind =
        match scalarText file node "kind" with
        | "dirac" -> FieldKind.DiracFermion
        | "majorana" -> FieldKind.MajoranaFermion
        | "left-handed-neutrino" -> FieldKind.LeftHandedNeutrino
        | "real-scalar" -> FieldKind.RealScalar
        | "complex-scalar" -> FieldKind.ComplexScalar
        | "vector" -> FieldKind.Vector
        | k -> fail file node (sprintf "unknown field kind '%s'; allowed: dirac, majorana, left-handed-neutrino, real-scalar, complex-scalar, vector" k)

    let role (file: string) (node: YamlNode) : ParameterRole =
        match scalarText file node "role" with
        | "mass" -> ParameterRole.Mass
        | "coupling" -> ParameterRole.Coupling
        | "effective" -> ParameterRole.Effective
        | r -> fail file node (sprintf "unknown parameter role '%s'; allowed: mass, coupling, effective" r)

    /// A model obligation as the file states it.
    [<NoEquality; NoComparison>]
    type OwnObligation =
        { Id: string
          Title: string
          Process: ProcessKind
          Quantity: string
          Equals: Expr
          Limit: (string * Expr * Direction) option
          AssumePositive: string list
          AssumeExpressions: Expr list
          /// Substitutions applied, in order, to the derived quantity before the comparison or the limit
          /// (e.g. g_q = epsilon*m_V^2/g_nu: a limit at a fixed product of couplings).
          Substitutions: (string * Expr * YamlNode) list
          /// Symbols the obligation introduces (not the model's), with their mass dimension.
          Symbols: (string * Q) list
          Node: YamlNode
          EqualsNode: YamlNode }

    /// Processes by the names the file uses ("nu N -> chi N" …) — the kinds' names with ASCII spellings.
    let processNames =
        [ ProcessKind.NeutrinoNucleusToChiNucleus, [ "nu N -> chi N" ]
          ProcessKind.AntineutrinoNucleusToAntichiNucleus, [ "nubar N -> chibar N" ]
          ProcessKind.NeutrinoNucleusToNeutrinoNucleus, [ "nu N -> nu N" ]
          ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel, [ "nu N -> nu N with SM" ]
          ProcessKind.ChiNucleusToNeutrinoNucleus, [ "chi N -> nu N" ]
          ProcessKind.ChiAntichiToNeutrinoAntineutrino, [ "chi chibar -> nu nubar" ]
          ProcessKind.ChiAntichiToMediatorPair, [ "chi chibar -> S S" ]
          ProcessKind.MediatorPairToNeutrinoAntineutrino, [ "S S -> nu nubar" ]
          ProcessKind.MediatorPairToChiAntichi, [ "S S -> chi chibar" ]
          ProcessKind.MediatorDecay, [ "S -> chi nubar" ]
          ProcessKind.ChiNeutrinoToChiNeutrino, [ "chi nu -> chi nu" ]
          ProcessKind.ChiAntineutrinoToChiAntineutrino, [ "chi nubar -> chi nubar" ] ]

    let processKind (file: string) (node: YamlNode) : ProcessKind =
        let t = Regex.Replace(scalarText file node "process", @"\s+", " ").Trim()
        match processNames |> List.tryFind (fun (_, ns) -> List.contains t ns) with
        | Some(k, _) -> k
        | None ->
            fail file node (sprintf "unknown process '%s'; the processes are named (χ the dark fermion, S the mediator, N the nucleus whatever the fields are called): %s"
                                t (String.Join("; ", processNames |> List.map (fun (_, ns) -> ns.Head))))

    /// Everything read from a file (before verification).
    [<NoEquality; NoComparison>]
    type Parsed =
        { Model: Model
          Matching: NucleusMatching
          QuarkTerm: string
          Obligations: OwnObligation list
          /// Where each parameter is declared (for messages).
          Nodes: IDictionary<string, YamlNode> }

    let private allowedTop = [ "model"; "description"; "reference"; "parameters"; "fields"; "roles"; "interactions"; "nucleus"; "effective"; "obligations" ]

    /// Reads and checks a model file's text; DataFileException with file, line and column on any fault.
    let parse (file: string) (text: string) : Parsed =
        let stream = YamlStream()
        try
            use reader = new StringReader(text)
            stream.Load(reader)
        with
        | :? YamlException as e -> raise (DataFileException(file, int e.Start.Line, int e.Start.Column, null, sprintf "not valid YAML: %s" e.Message))
        | :? InvalidOperationException
        | :? ArgumentException as e ->
            // YamlDotNet's scanner gives up on some malformed input (an unterminated flow mapping …) without a position,
            // or its representation model meets an event it does not expect ("the current event is of an unsupported
            // type", ArgumentException): the fault is after the last event it could read
            let parser = Parser(new StringReader(text))
            let mutable last = Mark.Empty
            try
                while parser.MoveNext() do
                    last <- parser.Current.End
            with _ -> ()
            raise (DataFileException(file, max 1 (int last.Line), max 1 (int last.Column), null, sprintf "not valid YAML after this point: %s (an unclosed bracket, brace or quote?)" e.Message))
        if stream.Documents.Count <> 1 then raise (DataFileException(file, sprintf "a model file holds one YAML document, found %d" stream.Documents.Count))
        let root = stream.Documents.[0].RootNode
        let top = mapping file root "the model file" allowedTop
        let req key what = require file root top key what
        let name = scalarText file (req "model" "the model file") "model"
        if String.IsNullOrWhiteSpace name then fail file root "model: the model needs a name"
        let description = textOr file top "description" ""
        let reference = textOr file top "reference" ""
        // parameters
        let nodes = Dictionary<string, YamlNode>(StringComparer.Ordinal)
        let parameters = Dictionary<string, ModelParameter>(StringComparer.Ordinal)
        let order = List<ModelParameter>()
        let reserved = [ "E_nu"; "T"; "A"; "F2"; "s"; "c"; "t"; "p_cm"; "P_t"; "P_u"; "D_t"; "D_u"; "pi"; "inf" ]
        let paramsNode = req "parameters" "the model file"
        match paramsNode with
        | :? YamlMappingNode as m ->
            for kv in m.Children do
                let symbol = scalarText file kv.Key "a parameter symbol"
                if not (Regex.IsMatch(symbol, @"^[A-Za-z_][A-Za-z0-9_]*$")) then
                    fail file kv.Key (sprintf "parameter '%s': a symbol is letters, digits and _ (starting with a letter), as in formulas" symbol)
                if List.contains symbol reserved then
                    fail file kv.Key (sprintf "parameter '%s': the symbol is reserved for a process variable or constant (%s)" symbol (String.Join(", ", reserved)))
                if parameters.ContainsKey symbol then fail file kv.Key (sprintf "parameter '%s' is declared twice" symbol)
                let e = mapping file kv.Value (sprintf "parameter %s" symbol) [ "role"; "unit"; "description"; "range"; "reason"; "aliases" ]
                let roleNode = require file kv.Value e "role" (sprintf "parameter %s" symbol)
                let role = role file roleNode
                let unitNode = require file kv.Value e "unit" (sprintf "parameter %s" symbol)
                let unit = scalarText file unitNode "unit"
                let dim = unitDimension file unitNode unit
                if not dim.IsInteger then fail file unitNode (sprintf "parameter %s: a parameter's mass dimension is an integer, got %s" symbol (Dimensions.describe dim))
                if role = ParameterRole.Mass && dim <> Q.One then
                    fail file unitNode (sprintf "parameter %s is a mass: its unit is MeV (mass dimension 1), got %s (dimension %s)" symbol unit (Dimensions.describe dim))
                let lo, hi =
                    match find e "range" with
                    | None -> 0.0, Double.PositiveInfinity
                    | Some r ->
                        match sequence file r (sprintf "the range of %s" symbol) with
                        | [ a; b ] ->
                            let lo, hi = number file a (sprintf "the lower end of the range of %s" symbol), number file b (sprintf "the upper end of the range of %s" symbol)
                            if not (hi >= lo) then fail file r (sprintf "the range of %s needs lower ≤ upper, got [%g, %g]" symbol lo hi)
                            lo, hi
                        | _ -> fail file r (sprintf "the range of %s is [lower, upper]" symbol)
                let aliases = match find e "aliases" with Some a -> stringList file a "aliases" | None -> []
                let p = ModelParameter(symbol, unit, int dim.Num, textOr file e "description" "", role, lo, hi, textOr file e "reason" "", aliases)
                parameters.[symbol] <- p
                nodes.[symbol] <- kv.Key
                order.Add p
        | other -> fail file other "parameters must be a mapping: symbol: { role: …, unit: …, range: [lo, hi] }"
        // fields
        let fields = Dictionary<string, Field>(StringComparer.Ordinal)
        let fieldOrder = List<Field>()
        let fieldNodes = Dictionary<string, YamlNode>(StringComparer.Ordinal)
        match req "fields" "the model file" with
        | :? YamlMappingNode as m ->
            for kv in m.Children do
                let fname = scalarText file kv.Key "a field name"
                if not (Regex.IsMatch(fname, @"^[A-Za-z][A-Za-z0-9_]*$")) then fail file kv.Key (sprintf "field '%s': a name is letters, digits and _" fname)
                if fields.ContainsKey fname then fail file kv.Key (sprintf "field '%s' is declared twice" fname)
                let e = mapping file kv.Value (sprintf "field %s" fname) [ "kind"; "display"; "mass"; "description"; "standard-model"; "aliases" ]
                let kind = fieldKind file (require file kv.Value e "kind" (sprintf "field %s" fname))
                let mass =
                    match find e "mass" with
                    | None ->
                        match kind with
                        | FieldKind.LeftHandedNeutrino -> null
                        | _ -> fail file kv.Key (sprintf "field %s (%O) needs its mass: mass: <a parameter of role mass>" fname kind)
                    | Some mn ->
                        let ms = scalarText file mn "mass"
                        if kind = FieldKind.LeftHandedNeutrino then fail file mn (sprintf "field %s: a left-handed neutrino is massless here (no mass)" fname)
                        match parameters.TryGetValue ms with
                        | true, p when p.Role = ParameterRole.Mass -> p
                        | true, p -> fail file mn (sprintf "field %s: %s has role %O, not mass" fname ms p.Role)
                        | _ -> fail file mn (sprintf "field %s: its mass '%s' is not a declared parameter" fname ms)
                let sm = match find e "standard-model" with Some b -> boolean file b "standard-model" | None -> false
                let aliases = match find e "aliases" with Some a -> stringList file a "aliases" | None -> []
                let f = Field(fname, textOr file e "display" fname, kind, mass, textOr file e "description" "", sm, aliases)
                fields.[fname] <- f
                fieldNodes.[fname] <- kv.Key
                fieldOrder.Add f
        | other -> fail file other "fields must be a mapping: name: { kind: …, mass: … }"
        if parameters.ContainsKey "q" || fields.ContainsKey "q" then fail file root "'q' is reserved: it names the quarks in the nucleus block's quark term"
        // roles
        let rolesNode = req "roles" "the model file"
        let r = mapping file rolesNode "roles" [ "dark-fermion"; "mediator"; "nucleus" ]
        let roleField key (check: Field -> bool) (what: string) =
            let n = require file rolesNode r key "roles"
            let v = scalarText file n key
            match fields.TryGetValue v with
            | true, f when check f -> v
            | true, f -> fail file n (sprintf "roles: %s is %s, a %O: the %s must be %s" key v f.Kind key what)
            | _ -> fail file n (sprintf "roles: %s names '%s', which is not a declared field" key v)
        let roles =
            // a model without a dark fermion (a light Z' coupled to ν and quarks) leaves dark-fermion out: no χ processes
            { DarkFermion = (if (find r "dark-fermion").IsSome then roleField "dark-fermion" (fun f -> f.IsFermion && not f.IsMassless) "a massive fermion" else "")
              Mediator = roleField "mediator" (fun f -> f.IsBoson) "a boson"
              Nucleus = roleField "nucleus" (fun f -> f.IsFermion && not f.IsMassless && f.Kind = FieldKind.DiracFermion) "a massive Dirac fermion (the nucleus as an effective fermion)" }
        // interactions
        let terms =
            [ for n in sequence file (req "interactions" "the model file") "interactions" do
                  let e = mapping file n "an interaction" [ "term"; "reference" ]
                  let t = term file (require file n e "term" "an interaction") parameters fields None
                  yield t, textOr file e "reference" "", n ]
        if terms.IsEmpty then fail file root "interactions: a model needs at least one interaction term"
        // every field takes part in an interaction (a neutrino that couples to nothing has no processes to derive)
        for f in fieldOrder do
            if not (terms |> List.exists (fun (t, _, _) -> t.Barred = f.Name || t.Fermion = f.Name || t.Boson = f.Name)) then
                fail file fieldNodes.[f.Name] (sprintf "the field %s appears in no interaction term" f.Name)
        // the nucleus: how the quark couplings match onto it
        let matching, quarkTerm =
            match find top "nucleus" with
            | None -> NucleusMatching.NoQuarkCoupling, null
            | Some nn ->
                let e = mapping file nn "nucleus" [ "quarks"; "coupling" ]
                let qNode = require file nn e "quarks" "nucleus"
                let cNode = require file nn e "coupling" "nucleus"
                let cName = scalarText file cNode "coupling"
                let fieldsWithQ = Dictionary<string, Field>(fields)
                let q = term file qNode parameters fieldsWithQ (Some "q")
                if q.Barred <> "q" || q.Fermion <> "q" then fail file qNode "the quark term is bar(q) Γ q boson (q stands for the quarks u, d, s, …)"
                let nucleusTerms = terms |> List.filter (fun (t, _, _) -> t.Barred = roles.Nucleus && t.Fermion = roles.Nucleus)
                let nt =
                    match nucleusTerms |> List.tryFind (fun (t, _, _) -> t.Coupling.Symbol = cName) with
                    | Some(t, _, _) -> t
                    | None -> fail file cNode (sprintf "nucleus: coupling %s is not the coupling of an interaction bar(%s) … %s" cName roles.Nucleus roles.Nucleus)
                if nt.Boson <> q.Boson then fail file qNode (sprintf "the quarks couple to %s but the nucleus term to %s" q.Boson nt.Boson)
                let matching, expected =
                    match q.Structure with
                    | DiracStructure.Scalar -> NucleusMatching.CoherentScalar, DiracStructure.Scalar
                    | DiracStructure.Vector -> NucleusMatching.CoherentVector, DiracStructure.Vector
                    | DiracStructure.Pseudoscalar -> NucleusMatching.SpinDependent, DiracStructure.Pseudoscalar
                    | DiracStructure.Axial -> NucleusMatching.SpinDependent, DiracStructure.Axial
                    | s ->
                        fail file qNode (sprintf "the quark term has the chiral structure %O, a sum of a coherent and a spin-dependent part: write the two parts as separate models (scalar or vector, and pseudoscalar or axial)" s)
                if nt.Structure <> expected then
                    fail file qNode (sprintf "the quarks couple through %O, which matches onto a nucleus term with the same structure, but the nucleus term '%s' has %O" q.Structure nt.Text nt.Structure)
                matching, q.Text
        // the effective coupling
        let effective =
            match find top "effective" with
            | None -> null
            | Some en ->
                let e = mapping file en "effective" [ "parameter"; "replaces"; "by"; "assume-positive"; "definition"; "reference" ]
                let pick key role =
                    let n = require file en e key "effective"
                    let v = scalarText file n key
                    match parameters.TryGetValue v with
                    | true, p when p.Role = role -> p
                    | true, p -> fail file n (sprintf "effective: %s is %s, of role %O, not %O" key v p.Role role)
                    | _ -> fail file n (sprintf "effective: %s '%s' is not a declared parameter" key v)
                let p = pick "parameter" ParameterRole.Effective
                let replaces = pick "replaces" ParameterRole.Coupling
                let byNode = require file en e "by" "effective"
                let byExpr = formula file byNode "effective: by"
                let dims = Dictionary<string, Q>(StringComparer.Ordinal)
                for q in order do dims.[q.Symbol] <- Q.OfInt q.MassDimension
                dims.["A"] <- Q.Zero
                let d = try Dimensions.inferWith dims byExpr with :? DimensionException as x -> raise (errorAt file byNode 0 ("effective: by: " + x.Message))
                if d <> Q.OfInt replaces.MassDimension then
                    fail file byNode (sprintf "effective: %s has mass dimension %s, but it replaces %s of dimension %d" (Infix.format byExpr) (Dimensions.describe d) replaces.Symbol replaces.MassDimension)
                let positive = match find e "assume-positive" with Some a -> stringList file a "assume-positive" | None -> []
                EffectiveCoupling(p, replaces, scalarText file byNode "by", positive, textOr file e "definition" "", textOr file e "reference" "")
        // the file's own obligations
        let obligations =
            match find top "obligations" with
            | None -> []
            | Some on ->
                [ for n in sequence file on "obligations" do
                      let e = mapping file n "an obligation" [ "id"; "title"; "process"; "of"; "equals"; "limit"; "assume-positive"; "assume"; "substitute"; "symbols" ]
                      let id = scalarText file (require file n e "id" "an obligation") "id"
                      let kind = processKind file (require file n e "process" (sprintf "obligation %s" id))
                      let ofNode = require file n e "of" (sprintf "obligation %s" id)
                      let quantity = scalarText file ofNode "of"
                      if not (List.contains quantity [ "M2"; "dsigma_dT"; "width"; "sigma_v" ]) then
                          fail file ofNode (sprintf "obligation %s: of must be M2, dsigma_dT (nucleus scattering), width (decay) or sigma_v (conversion at rest), got '%s'" id quantity)
                      let eqNode = require file n e "equals" (sprintf "obligation %s" id)
                      let eq = formula file eqNode (sprintf "obligation %s: equals" id)
                      let limit =
                          match find e "limit" with
                          | None -> None
                          | Some ln ->
                              let le = mapping file ln (sprintf "the limit of obligation %s" id) [ "variable"; "to"; "from" ]
                              let v = scalarText file (require file ln le "variable" "a limit") "variable"
                              let toE = formula file (require file ln le "to" "a limit") "to"
                              let dir =
                                  match find le "from" with
                                  | None -> Direction.Both
                                  | Some d ->
                                      match scalarText file d "from" with
                                      | "above" -> Direction.FromAbove
                                      | "below" -> Direction.FromBelow
                                      | x -> fail file d (sprintf "from must be above or below, got '%s'" x)
                              Some(v, toE, dir)
                      let positive = match find e "assume-positive" with Some a -> stringList file a "assume-positive" | None -> []
                      let exprs =
                          match find e "assume" with
                          | None -> []
                          | Some a -> [ for x in sequence file a "assume" -> formula file x "assume (an expression > 0)" ]
                      let symbols =
                          match find e "symbols" with
                          | None -> []
                          | Some sn ->
                              match sn with
                              | :? YamlMappingNode as m ->
                                  [ for kv in m.Children do
                                        let name = scalarText file kv.Key "a symbol"
                                        if not (Regex.IsMatch(name, @"^[A-Za-z][A-Za-z0-9_]*$")) then fail file kv.Key (sprintf "symbol '%s': a name is letters, digits and _" name)
                                        if parameters.ContainsKey name then fail file kv.Key (sprintf "obligation %s: %s is a parameter of the model, not a new symbol" id name)
                                        yield name, unitDimension file kv.Value (scalarText file kv.Value "unit") ]
                              | other -> fail file other (sprintf "obligation %s: symbols is a mapping name: unit (1 or MeV^k)" id)
                      let substitutions =
                          match find e "substitute" with
                          | None -> []
                          | Some sn ->
                              [ for x in sequence file sn "substitute" do
                                    let t = scalarText file x "a substitution"
                                    let i = t.IndexOf '='
                                    if i <= 0 then fail file x (sprintf "obligation %s: a substitution is 'symbol = formula', got '%s'" id t)
                                    let name = t.Substring(0, i).Trim()
                                    match Infix.parse (t.Substring(i + 1)) with
                                    | Ok f -> yield name, f, x
                                    | Error msg -> raise (errorAt file x (i + 1 + parseColumn msg) (sprintf "obligation %s: substitute: %s" id msg)) ]
                      yield
                          { Id = id
                            Title = textOr file e "title" id
                            Process = kind
                            Quantity = quantity
                            Equals = eq
                            Limit = limit
                            AssumePositive = positive
                            AssumeExpressions = exprs
                            Substitutions = substitutions
                            Symbols = symbols
                            Node = n
                            EqualsNode = eqNode } ]
        let vertices = terms |> List.map (fun (t, refText, _) -> Vertex(t.Coupling, t.Barred, t.Structure, t.Fermion, t.Boson, t.HermitianConjugate, refText))
        let model =
            try Model(name, description, reference, fieldOrder, order, vertices, roles, effective)
            with :? ArgumentException as e -> raise (DataFileException(file, 1, 1, null, e.Message))
        // every declared coupling is used
        for p in order do
            if p.Role = ParameterRole.Coupling && not (terms |> List.exists (fun (t, _, _) -> t.Coupling.Symbol = p.Symbol)) then
                if isNull quarkTerm || not (quarkTerm.StartsWith(p.Symbol + " ", StringComparison.Ordinal)) then
                    fail file nodes.[p.Symbol] (sprintf "the coupling %s appears in no interaction term" p.Symbol)
        { Model = model
          Matching = matching
          QuarkTerm = quarkTerm
          Obligations = obligations
          Nodes = nodes }
