namespace NuDM.Physics

open System
open System.Collections.Generic
open NuDM.Symbolic

/// How a model reparametrises the coupling of the nucleus (e.g. seed 001 eq. 2.19: ȳ = sqrt(y_χ y_N/A), so
/// y_N = ȳ² A / y_χ): the effective parameter, the coupling it replaces and the replacement as infix text (an
/// expression in the effective parameter, the mass number A and other couplings, e.g. "ybar^2*A/y_chi"), with the
/// symbols assumed positive when simplifying.
[<Sealed; AllowNullLiteral>]
type EffectiveCoupling(parameter: ModelParameter, replaces: ModelParameter, replacement: string, assumePositive: seq<string>, definition: string, reference: string) =
    do
        if isNull parameter then nullArg "parameter"
        if isNull replaces then nullArg "replaces"
        if parameter.Role <> ParameterRole.Effective then
            invalidArg "parameter" (sprintf "%s must have role Effective" parameter.Symbol)
    let replacementExpr =
        match Infix.parse replacement with
        | Ok e -> e
        | Error msg -> invalidArg "replacement" (sprintf "effective coupling %s: the replacement of %s does not parse: %s" parameter.Symbol replaces.Symbol msg)
    let positive = if isNull assumePositive then [||] else Array.ofSeq assumePositive
    /// The effective parameter (e.g. ȳ).
    member _.Parameter = parameter
    /// The coupling it replaces in the nucleus-scattering cross sections (e.g. y_N).
    member _.Replaces = replaces
    /// The replaced coupling in terms of the effective one, as infix text (e.g. "ybar^2*A/y_chi").
    member _.Replacement = replacement
    /// The replacement as an expression.
    member internal _.ReplacementExpression = replacementExpr
    /// Symbols taken positive when the substituted cross section is simplified (e.g. y_chi).
    member _.AssumePositive : IReadOnlyList<string> = positive :> IReadOnlyList<string>
    /// The definition as text, e.g. "ȳ = sqrt(y_χ y_N / A)".
    member _.Definition = definition
    /// Where it is defined.
    member _.Reference = reference

/// The raw content of a model, as the derivation reads it.
[<NoEquality; NoComparison>]
type internal ModelData =
    { Name: string
      Fields: Field list
      /// Masses, couplings and effective parameters, in the model's order.
      Parameters: ModelParameter list
      Vertices: Vertex list
      Roles: ModelRoles
      Effective: EffectiveCoupling }

/// The Feynman-rule derivation of |M|² from a model's vertices with the Dirac-trace machinery (Symbolic/Dirac.fs):
/// external legs → fermion lines ψ̄ Γ ψ at the vertices the model has → spin sums (Casimir's trick) → Lorentz
/// invariants of the process's frame → the canonical, numerically stable forms the program compiles. A process whose
/// vertices the model lacks yields no diagram (it is absent). Supported now: real-scalar, complex-scalar and
/// massive-vector exchange between two fermion lines (diagrams of both pairings of the four fermions with their
/// relative Fermi sign, the interference as one long trace: crossedSquared), one fermion line with a fermion exchanged between two external
/// scalars (real, or a complex φ φ*) or two external massive vectors (t and u channels; the Proca polarisation sum),
/// 1 → 2 decays of a scalar or a massive vector; Γ any of 1, iγ5, P_L, P_R, γ^μ, γ^μγ5, γ^μP_L, γ^μP_R. A complex
/// scalar's term ψ̄Γψ φ and its h.c. carry φ and φ† (Term.BosonDagger): an exchange joins a φ vertex to a φ† vertex
/// (connects), an external φ or φ* attaches to the vertex whose operator destroys or creates it (attaches). Majorana
/// fermions by the fermion-flow rules of Denner, Eck, Hahn, Küblbeck, Nucl. Phys. B387 (1992) 467: a Majorana leg's
/// spinor follows the line's flow, a line read against it uses Γ' = C Γᵀ C⁻¹ (reversedGamma), diagrams carry the parity
/// of the permutation of their external spinors; supported are lines with one Majorana leg and a Dirac one (two-line
/// diagrams), a line of two external legs of one Majorana field at a Majorana bilinear (one flow), two external
/// Majorana legs on one line with a Dirac fermion exchanged (both flows) or the same Majorana field exchanged (one
/// flow), one external Majorana and one Dirac fermion on a line with two bosons (the Dirac arrow fixes the flow), and an
/// exchanged Majorana fermion between Dirac legs. Convention: a term g χ̄ Γ χ φ of a Majorana χ is
/// L ⊃ ½ g χ̄ Γ χ φ, its vertex i g (Γ + Γ')/2 (majoranaVertex: the factor 2 of the two contractions). External massless
/// vectors, a line of two different Majorana fields and a Majorana fermion exchanged next to Majorana legs of another
/// field raise NotSupportedException
/// naming what is missing (the API does not change when they come).
module internal FeynmanRules =
    let private two, four = Ops.integer 2, Ops.integer 4

    /// An external leg: the field, whether it is the antiparticle, incoming or outgoing, and its momentum name.
    [<NoEquality; NoComparison>]
    type Leg =
        { Field: Field
          Anti: bool
          Incoming: bool
          Momentum: string }

        /// The display of the particle (χ, χ̄, ν, φ*, …): a complex scalar's antiparticle is starred.
        member l.Display =
            if l.Anti && l.Field.Kind = FieldKind.ComplexScalar then l.Field.Display + "*"
            elif l.Anti && not l.Field.IsSelfConjugate then l.Field.Display + "̄"
            else l.Field.Display

    let leg (f: Field) anti incoming momentum = { Field = f; Anti = anti; Incoming = incoming; Momentum = momentum }

    /// A fermion leg sits on the barred side of its line (ū of an outgoing particle, v̄ of an incoming antiparticle)
    /// or on the unbarred side (u of an incoming particle, v of an outgoing antiparticle).
    let private isBarred (l: Leg) = l.Incoming = l.Anti

    /// Its spinor: u/ū for particles, v/v̄ for antiparticles.
    let private spinor (l: Leg) : ExternalFermion = if l.Anti then Dirac.v l.Momentum l.Field.Mass else Dirac.u l.Momentum l.Field.Mass

    /// Its spinor written out (for the amplitude text).
    let private spinorText (l: Leg) =
        match isBarred l, l.Anti with
        | true, false -> sprintf "ū(%s)" l.Momentum
        | true, true -> sprintf "v̄(%s)" l.Momentum
        | false, false -> sprintf "u(%s)" l.Momentum
        | false, true -> sprintf "v(%s)" l.Momentum

    /// The momentum carried along the fermion arrow by the leg (+p for particles, −p for antiparticles).
    let private arrowSign (l: Leg) = if l.Anti then -1 else 1

    /// The momentum a boson leg brings into its vertex (+p incoming, −k outgoing).
    let private inflowSign (l: Leg) = if l.Incoming then 1 else -1

    /// One term of the Lagrangian as the Feynman rules read it: ψ̄_barred Γ ψ_unbarred φ with coupling g (the
    /// Hermitian conjugate of a vertex is its own term, with Γ̄ = γ⁰Γ†γ⁰). For a complex scalar the two carry opposite
    /// boson operators: the written term has φ (BosonDagger false: it annihilates φ, creates φ*), its conjugate φ†
    /// (BosonDagger true: annihilates φ*, creates φ). A real scalar or a vector is Hermitian: any term takes it.
    [<NoEquality; NoComparison>]
    type Term =
        { Barred: string
          Unbarred: string
          Gamma: DiracString
          GammaText: string
          Coupling: ModelParameter
          Boson: string
          /// Whether the boson is a complex scalar (its φ and φ† are different operators).
          ComplexBoson: bool
          /// For a complex scalar: whether the term carries φ† (the h.c. of the written term) rather than φ.
          BosonDagger: bool
          Vertex: Vertex }

    /// Whether an exchanged boson joins the terms x and y: the same boson, and for a complex scalar a φ vertex with a
    /// φ† vertex (the propagator ⟨0|T φ(x) φ†(y)|0⟩; ⟨φ φ⟩ = 0), a real scalar or vector any two.
    let connects (x: Term) (y: Term) = x.Boson = y.Boson && (not x.ComplexBoson || x.BosonDagger <> y.BosonDagger)

    let notYet (what: string) =
        raise (NotSupportedException(sprintf "%s: the derivation does not implement this yet (it comes with the models-as-data issue); the model API does not change when it does" what))

    /// The name of the open Lorentz index a vector-like vertex's Γ carries until a diagram names it.
    let vertexIndex = "v"

    let private gammaOf (v: Vertex) : DiracString * string =
        let gmu = Dirac.gammaIndex vertexIndex
        match v.Structure with
        | DiracStructure.Scalar -> Dirac.identity, "1"
        | DiracStructure.Pseudoscalar -> Dirac.imaginaryUnit * Dirac.gamma5, "iγ5"
        | DiracStructure.LeftScalar -> Dirac.projectorL, "P_L"
        | DiracStructure.RightScalar -> Dirac.projectorR, "P_R"
        | DiracStructure.Vector -> gmu, "γ^μ"
        | DiracStructure.Axial -> gmu * Dirac.gamma5, "γ^μγ5"
        | DiracStructure.LeftVector -> gmu * Dirac.projectorL, "γ^μP_L"
        | DiracStructure.RightVector -> gmu * Dirac.projectorR, "γ^μP_R"
        | s -> raise (ArgumentOutOfRangeException("structure", s, sprintf "vertex %s: unknown Dirac structure" v.Term))

    let private conjugateText (g: string) =
        match g with
        | "P_L" -> "P_R"
        | "P_R" -> "P_L"
        | "γ^μP_L" -> "P_Rγ^μ"
        | "γ^μP_R" -> "P_Lγ^μ"
        | other -> other

    /// The reversed vertex Γ' = C Γᵀ C⁻¹ (Denner et al. 1992, eq. 2.4): each product reversed, γ^μ → −γ^μ, p̸ → −p̸,
    /// γ5, P_L, P_R and scalars unchanged; so 1, γ5, γ^μγ5 → themselves, γ^μ → −γ^μ, γ^μP_L → −P_Lγ^μ = −γ^μP_R.
    let reversedGamma (g: DiracString) : DiracString =
        let slashes (es: DiracElement list) = es |> List.filter (fun e -> match e with DiracElement.Slash _ -> true | _ -> false) |> List.length
        DiracString.Normalize(g.Terms |> List.map (fun (c, es) -> (if slashes es % 2 = 1 then -c else c), List.rev es))

    /// The vertex of a Majorana bilinear. Convention (the model file's and the kernel's): a term written
    /// g χ̄ Γ χ φ with χ Majorana stands for L ⊃ ½ g χ̄ Γ χ φ (as a phenomenologist writes −½ y χ̄ χ S, ½ y χ̄ iγ5 χ a:
    /// the ½ of a self-conjugate field, like ½ m χ̄ χ in its mass term; the file's coupling is a declared symbol, so the
    /// ½ is not written). The Feynman rule is the derivative of iL: the external or internal χ can be contracted with
    /// either field of χ̄ Γ χ, and read along one fermion flow (Denner, Eck, Hahn, Küblbeck, Nucl. Phys. B387 (1992) 467,
    /// eqs. 2.4–2.6: χ̄ Γ χ = χ̄ Γ' χ, Γ' = C Γᵀ C⁻¹) the two contractions give i ½ g (Γ + Γ') = i g Γ_s,
    /// Γ_s = (Γ + Γ')/2 — the factor 2 of a Majorana bilinear. For 1, iγ5, P_L, P_R, γ^μγ5 (Γ' = Γ) this is i g Γ, the
    /// rule of the Dirac term g ψ̄ Γ ψ φ; χ̄ γ^μ χ = 0 (Γ' = −Γ); γ^μ P_L → −½ γ^μ γ5. Γ_s' = Γ_s, so the vertex is the
    /// same along either flow: a diagram is drawn with one flow per fermion chain and counted once.
    let majoranaVertex (g: DiracString) (t: string) : DiracString * string =
        let r = reversedGamma g
        if r = g then g, t else Ops.rational 1 2 * (g + r), sprintf "½(%s + C(%s)ᵀC⁻¹)" t t

    /// The terms of the model's vertices (with their Hermitian conjugates). A left-handed Weyl neutrino is P_L ν (and
    /// ν̄ = ν̄ P_R): a Γ without the projector gets it (seed 001 writes y_χ χ̄ S ν, which is y_χ χ̄ S P_L ν), and a term
    /// with the opposite projector vanishes (χ̄ S P_R ν = 0, χ̄ γ^μ P_R ν = 0) and is dropped. ν̄ Γ ν survives only for
    /// a γ^μ structure (ν̄ P_R γ^μ P_L ν = ν̄ γ^μ P_L ν).
    let terms (m: ModelData) : Term list =
        let isWeyl (n: string) = m.Fields |> List.exists (fun f -> f.Name = n && f.Kind = FieldKind.LeftHandedNeutrino)
        let chiral (barred: string) (unbarred: string) (s: DiracStructure) (g: DiracString, t: string) : (DiracString * string) option =
            let vectorLike = s = DiracStructure.Vector || s = DiracStructure.Axial || s = DiracStructure.LeftVector || s = DiracStructure.RightVector
            // vector-like Γ: P_R γ^μ = γ^μ P_L, so the projectors on either side select the same chirality
            let vectorial () =
                match s, isWeyl barred, isWeyl unbarred with
                | DiracStructure.RightVector, _, _ -> None
                | DiracStructure.LeftVector, _, _ -> Some(g, t)
                | _, false, true -> Some(g * Dirac.projectorL, t + " P_L")
                | _, true, false -> Some(Dirac.projectorR * g, "P_R " + t)
                | _ -> Some(Dirac.projectorR * g * Dirac.projectorL, "P_R " + t + " P_L")
            match isWeyl barred, isWeyl unbarred with
            | false, false -> Some(g, t)
            | _ when vectorLike -> vectorial ()
            // ψ̄ Γ ν = ψ̄ Γ P_L ν
            | false, true ->
                match s with
                | DiracStructure.LeftScalar -> Some(g, t)
                | DiracStructure.RightScalar -> None
                | _ -> Some(g * Dirac.projectorL, t + " P_L")
            // ν̄ Γ ψ = ν̄ P_R Γ ψ
            | true, false ->
                match s with
                | DiracStructure.RightScalar -> Some(g, t)
                | DiracStructure.LeftScalar -> None
                | _ -> Some(Dirac.projectorR * g, "P_R " + t)
            // ν̄ Γ ν = ν̄ P_R Γ P_L ν vanishes for Γ = 1, γ5, P_L, P_R (it needs a γ^μ)
            | true, true -> None
        let majoranaBilinear (v: Vertex) =
            v.BarredFermion = v.Fermion && m.Fields |> List.exists (fun f -> f.Name = v.Fermion && f.Kind = FieldKind.MajoranaFermion)
        // a Majorana bilinear ½ g χ̄ Γ χ φ: the two contractions of the vertex give g (Γ + Γ')/2 (majoranaVertex)
        let symmetric (v: Vertex) (g: DiracString, t: string) = if majoranaBilinear v then majoranaVertex g t else g, t
        [ for v in m.Vertices do
              match chiral v.BarredFermion v.Fermion v.Structure (gammaOf v) with
              | None -> ()
              | Some(g, t) ->
                  let complex = m.Fields |> List.exists (fun f -> f.Name = v.Boson && f.Kind = FieldKind.ComplexScalar)
                  let gs, ts = symmetric v (g, t)
                  // χ̄ γ^μ χ of a Majorana χ vanishes identically (Γ' = −Γ): no vertex
                  if gs <> DiracString.Zero then
                      yield { Barred = v.BarredFermion; Unbarred = v.Fermion; Gamma = gs; GammaText = ts; Coupling = v.Coupling; Boson = v.Boson; ComplexBoson = complex; BosonDagger = false; Vertex = v }
                  if v.PlusHermitianConjugate then
                      let gc, tc = symmetric v (Dirac.adjoint g, conjugateText t)
                      if gc <> DiracString.Zero then
                          yield { Barred = v.Fermion; Unbarred = v.BarredFermion; Gamma = gc; GammaText = tc; Coupling = v.Coupling; Boson = v.Boson; ComplexBoson = complex; BosonDagger = complex; Vertex = v } ]

    let private field (m: ModelData) (name: string) =
        match m.Fields |> List.tryFind (fun f -> f.Name = name) with
        | Some f -> f
        | None -> invalidOp (sprintf "model '%s' has no field '%s'" m.Name name)

    let private checkUsable (m: ModelData) (t: Term) =
        match (field m t.Boson).Kind, t.Vertex.IsVectorLike with
        | FieldKind.RealScalar, false
        | FieldKind.ComplexScalar, false
        | FieldKind.Vector, true -> ()
        | FieldKind.Vector, false ->
            raise (NotSupportedException(sprintf "vertex %s: a vector boson needs a γ^μ structure (Vector, Axial, LeftVector, RightVector), not %O" t.Vertex.Term t.Vertex.Structure))
        | (FieldKind.RealScalar | FieldKind.ComplexScalar), true ->
            raise (NotSupportedException(sprintf "vertex %s: a γ^μ structure needs a vector boson to contract its index with; %s is a scalar" t.Vertex.Term t.Boson))
        | k, _ -> notYet (sprintf "vertex %s: a %O boson" t.Vertex.Term k)

    /// Whether the external boson leg b attaches to the term t: the term's boson, and for a complex scalar the
    /// operator that destroys or creates it — φ annihilates an incoming φ and creates an outgoing φ*, φ† the reverse.
    let attaches (b: Leg) (t: Term) =
        t.Boson = b.Field.Name && (not t.ComplexBoson || t.BosonDagger = (b.Incoming = b.Anti))

    /// Terms ψ̄_a Γ ψ_b φ for given a, b (and optionally φ).
    let private termsFor (all: Term list) (barred: string) (unbarred: string) = all |> List.filter (fun t -> t.Barred = barred && t.Unbarred = unbarred)

    // ---- frames: the invariants of each process's kinematics ----------------------------------------------------

    /// Mandelstam channel of an exchanged momentum.
    type Channel =
        | S
        | T
        | U

    /// The four momentum names of a 2 → 2 frame: In1, In2 → Out1, Out2 with t = (In1 − Out1)², u = (In1 − Out2)².
    [<NoEquality; NoComparison>]
    type Names = { In1: string; In2: string; Out1: string; Out2: string }

    /// Which channel the signed momentum sum q belongs to (by momentum conservation In1 + In2 = Out1 + Out2).
    let channelOf (n: Names) (q: (string * int) list) : Channel =
        let norm (xs: (string * int) list) = xs |> List.filter (fun (_, c) -> c <> 0) |> List.sortBy fst
        let neg xs = xs |> List.map (fun (p, c) -> p, -c)
        let q = norm (q |> List.groupBy fst |> List.map (fun (p, cs) -> p, cs |> List.sumBy snd))
        let forms =
            [ S, [ n.In1, 1; n.In2, 1 ]; S, [ n.Out1, 1; n.Out2, 1 ]
              T, [ n.In1, 1; n.Out1, -1 ]; T, [ n.Out2, 1; n.In2, -1 ]
              U, [ n.In1, 1; n.Out2, -1 ]; U, [ n.Out1, 1; n.In2, -1 ] ]
        match forms |> List.tryFind (fun (_, f) -> norm f = q || norm (neg f) = q) with
        | Some(c, _) -> c
        | None -> invalidOp (sprintf "momentum %A is not an s-, t- or u-channel momentum" q)

    let private slashOf (q: (string * int) list) : DiracString =
        q |> List.fold (fun (acc: DiracString) (p, c) -> if c > 0 then acc + Dirac.slash p else acc - Dirac.slash p) DiracString.Zero

    // ---- the diagrams ----------------------------------------------------------------------------------------------

    /// A two-line diagram: lines (barred leg, Γ, unbarred leg) × 2 joined by a boson.
    [<NoEquality; NoComparison>]
    type TwoLineDiagram =
        { LineA: Leg * Term * Leg
          LineB: Leg * Term * Leg
          Boson: Field
          Channel: Channel
          /// The momentum leaving line A into the boson (signed momentum names).
          Q: (string * int) list
          /// The relative Fermi sign of the diagram's pairing of the four external fermions: +1 for ψ̄_b1 … ψ_u1,
          /// ψ̄_b2 … ψ_u2, −1 for the crossed pairing ψ̄_b1 … ψ_u2, ψ̄_b2 … ψ_u1 (an odd permutation of the spinors).
          Sign: int }

    /// The boson-exchange diagrams between two fermion lines, for each pairing of the four fermion legs into two lines,
    /// with the fermion-flow rules of Denner, Eck, Hahn, Küblbeck, Nucl. Phys. B387 (1992) 467: a Dirac leg sits on
    /// the side its fermion-number arrow gives (ū, v̄ barred; u, v unbarred); a Majorana leg on either side, its spinor
    /// fixed by the flow (barred end: ū outgoing, v̄ incoming; unbarred end: u incoming, v outgoing — Leg.Anti is set
    /// accordingly). Each line holds at most one Majorana leg, so the Dirac leg fixes the flow and every Wick
    /// contraction is counted once (a line of two Majorana legs, whose vertex needs the factor 2 of a Majorana
    /// bilinear, is refused). Sign: the parity of the permutation of the external spinors as written
    /// (ψ̄_A ψ_A ψ̄_B ψ_B) relative to the first diagram's — +1 for the pairing (b1 u1)(b2 u2), −1 for the crossed
    /// (b1 u2)(b2 u1), e.g. Bhabha's s- and t-channel graphs (Peskin & Schroeder sec. 4.7, problem 5.2).
    let twoLineDiagrams (m: ModelData) (names: Names) (legs: Leg list) : TwoLineDiagram list =
        let all = terms m
        let isMajorana (l: Leg) = l.Field.Kind = FieldKind.MajoranaFermion
        let position (l: Leg) = legs |> List.findIndex (fun x -> x.Momentum = l.Momentum)
        // the sides a Majorana leg may take: Anti = Incoming on the barred end, not Incoming on the unbarred end
        let rec assignments (ls: Leg list) : Leg list list =
            match ls with
            | [] -> [ [] ]
            | l :: rest ->
                [ for t in assignments rest do
                      if isMajorana l then
                          yield { l with Anti = l.Incoming } :: t
                          yield { l with Anti = not l.Incoming } :: t
                      else yield l :: t ]
        let parity (ls: Leg list) =
            let idx = ls |> List.map position |> Array.ofList
            let mutable inversions = 0
            for i in 0 .. idx.Length - 1 do
                for j in i + 1 .. idx.Length - 1 do
                    if idx.[i] > idx.[j] then inversions <- inversions + 1
            if inversions % 2 = 0 then 1 else -1
        // a line of two legs of one Majorana field χ: its vertex g Γ_s (majoranaVertex) holds both contractions and is
        // the same along either flow, so one flow is taken — the barred end at the leg listed first (the assignments
        // make both). Two different Majorana fields on one line are not derived yet.
        let oneFlow (b: Leg) (u: Leg) =
            if isMajorana b && isMajorana u then
                if b.Field.Name <> u.Field.Name then
                    notYet (sprintf "a line of two external Majorana fermions of different fields (%s, %s)" b.Field.Display u.Field.Display)
                position b < position u
            else true
        let found =
            [ for ls in assignments legs do
                  match ls |> List.filter isBarred, ls |> List.filter (isBarred >> not) with
                  | [ b1; b2 ], [ u1; u2 ] ->
                      for (ba, ua), (bb, ub) in [ (b1, u1), (b2, u2); (b1, u2), (b2, u1) ] do
                          let ta = termsFor all ba.Field.Name ua.Field.Name
                          let tb = termsFor all bb.Field.Name ub.Field.Name
                          for x in ta do
                              for y in tb do
                                  if connects x y && oneFlow ba ua && oneFlow bb ub then
                                      checkUsable m x
                                      checkUsable m y
                                      // the momentum leaving line A into the boson: arrow momentum at its unbarred end minus that at its barred end
                                      let q = [ ua.Momentum, arrowSign ua; ba.Momentum, -(arrowSign ba) ]
                                      yield { LineA = ba, x, ua; LineB = bb, y, ub; Boson = field m x.Boson; Channel = channelOf names q; Q = q; Sign = parity [ ba; ua; bb; ub ] }
                  | _ -> () ]
        match found with
        | [] -> []
        | first :: _ ->
            let (ba, _, ua), (bb, _, ub) = first.LineA, first.LineB
            let reference = parity [ ba; ua; bb; ub ]
            found |> List.map (fun d -> { d with Sign = d.Sign * reference })

    /// The lines of a diagram as (barred, unbarred) momenta: which pairing of the four fermions, and which flow.
    let private shapeOf (d: TwoLineDiagram) =
        let (ba, _, ua), (bb, _, ub) = d.LineA, d.LineB
        List.sort [ ba.Momentum, ua.Momentum; bb.Momentum, ub.Momentum ]

    /// Whether the diagrams pair or orient the four fermions differently (both pairings, or Majorana legs on different
    /// ends): their interference is one long trace (crossedSquared).
    let crossedPairings (ds: TwoLineDiagram list) = (ds |> List.map shapeOf |> List.distinct).Length > 1

    /// A one-line diagram: external fermions X (barred) and Y (unbarred), an internal fermion f, bosons at each end.
    [<NoEquality; NoComparison>]
    type OneLineDiagram =
        { TermX: Term
          TermY: Term
          Internal: Field
          /// The fermion-propagator momentum (signed momentum names).
          Q: (string * int) list
          Channel: Channel
          /// The boson leg at X's vertex and the one at Y's.
          BosonX: Leg
          BosonY: Leg
          /// Whether the diagram was enumerated with the opposite fermion flow (the two external Majorana fermions on
          /// swapped ends): oneLineSquared brings it to the common flow, v̄(b) Γ u(a) = −v̄(a) Γ' u(b), whose −1 cancels
          /// the relative Fermi sign of the swapped spinors, so its chain enters as +Γ' = C Γᵀ C⁻¹.
          Reversed: bool }

    /// The fermion-exchange diagrams of f f' → φ φ' or φ φ' → f f' (one fermion line, two external bosons: real
    /// scalars, or massive vectors whose polarisations oneLineSquared sums).
    let oneLineDiagrams (m: ModelData) (names: Names) (fermions: Leg list) (bosons: Leg list) : Leg * Leg * OneLineDiagram list =
        let all = terms m
        let bs = bosons
        if bs |> List.exists (fun b -> b.Field.Kind = FieldKind.Vector && b.Field.IsMassless) then
            notYet (sprintf "external massless vector bosons (%s): their polarisation sum −g_μν needs conserved currents (a Ward identity), which chiral couplings of a massive fermion do not give" (String.Join(", ", bs |> List.filter (fun b -> b.Field.Kind = FieldKind.Vector) |> List.map (fun b -> b.Field.Display) |> List.distinct)))
        let isMajorana (l: Leg) = l.Field.Kind = FieldKind.MajoranaFermion
        let diagrams (x: Leg) (y: Leg) (b1: Leg) (b2: Leg) (reversed: bool) =
            [ for bx, by in [ b1, b2; b2, b1 ] do
                  for f in m.Fields |> List.filter (fun f -> f.IsFermion) do
                      for tx in termsFor all x.Field.Name f.Name |> List.filter (attaches bx) do
                          for ty in termsFor all f.Name y.Field.Name |> List.filter (attaches by) do
                              checkUsable m tx
                              checkUsable m ty
                              // a Majorana f exchanged next to external Majorana legs: supported when they are all one field (its
                              // bilinear's vertex g Γ_s holds both contractions); another field's would need its
                              // fermion-number-violating contractions of the mixed vertex as well
                              let sameMajorana =
                                  f.Kind = FieldKind.MajoranaFermion && [ x; y ] |> List.forall (fun l -> not (isMajorana l) || l.Field.Name = f.Name)
                              if f.Kind = FieldKind.MajoranaFermion && (isMajorana x || isMajorana y) && not sameMajorana then
                                  notYet "an exchanged Majorana fermion between external Majorana fermions of another field (its fermion-number-violating contractions)"
                              // q along the flow (the arrow of a Dirac line): from the u or ū end where there is one
                              let q =
                                  if not y.Anti then [ y.Momentum, 1; by.Momentum, inflowSign by ]
                                  elif not x.Anti then [ x.Momentum, 1; bx.Momentum, -(inflowSign bx) ]
                                  else [ y.Momentum, -1; by.Momentum, inflowSign by ]
                              // χ exchanged between two external χ at χ̄ Γ χ φ vertices: both vertices are g Γ_s, the same
                              // along either flow (majoranaVertex), so the chain is one contraction per graph, taken
                              // with the first flow only (the opposite one would count it twice)
                              if not (sameMajorana && reversed) then
                                  yield { TermX = tx; TermY = ty; Internal = f; Q = q; Channel = channelOf names q; BosonX = bx; BosonY = by; Reversed = reversed } ]
        match fermions, bosons with
        | [ f1; f2 ], [ b1; b2 ] when isMajorana f1 && isMajorana f2 ->
            // Denner et al. 1992: the flow from f1 to f2 (x = f2 barred, y = f1 unbarred) and the opposite one, each
            // with the Dirac internal line along its arrow: the two sets are different contractions
            let orient (xb: Leg) (yu: Leg) = { xb with Anti = xb.Incoming }, { yu with Anti = not yu.Incoming }
            let x, y = orient f2 f1
            let x', y' = orient f1 f2
            x, y, diagrams x y b1 b2 false @ diagrams x' y' b1 b2 true
        | [ f1; f2 ], [ b1; b2 ] when isMajorana f1 <> isMajorana f2 ->
            // one external Majorana and one Dirac fermion: the Dirac leg's arrow fixes the flow of the chain (Denner et
            // al. 1992), the Majorana leg takes the other end, its spinor by the flow (barred end: ū outgoing, v̄
            // incoming; unbarred end: u incoming, v outgoing)
            let dirac, majorana = if isMajorana f1 then f2, f1 else f1, f2
            let majorana = if isBarred dirac then { majorana with Anti = not majorana.Incoming } else { majorana with Anti = majorana.Incoming }
            let x, y = if isBarred dirac then dirac, majorana else majorana, dirac
            x, y, diagrams x y b1 b2 false
        | _ ->
            match fermions |> List.partition isBarred, bosons with
            | ([ x ], [ y ]), [ b1; b2 ] -> x, y, diagrams x y b1 b2 false
            | _ -> invalidOp "a one-line process needs one barred and one unbarred fermion leg and two bosons"

    // ---- averaging, couplings, text -----------------------------------------------------------------------------

    /// 1/(spin states of the initial particles) × 1/2 for two identical final particles.
    let averaging (initial: Leg list) (final: Leg list) : Expr =
        let states = initial |> List.fold (fun acc l -> acc * l.Field.SpinStates) 1
        let identical =
            match final with
            | [ a; b ] -> a.Field.Name = b.Field.Name && (a.Anti = b.Anti || a.Field.IsSelfConjugate)
            | _ -> false
        let avg = Ops.rational 1 states
        if identical then avg / 2 else avg

    /// What is averaged and summed, as a sentence.
    let spinStatement (initial: Leg list) (final: Leg list) : string =
        let avg =
            initial
            |> List.filter (fun l -> l.Field.SpinStates > 1)
            |> List.map (fun l -> l.Display)
        let single = (initial @ final) |> List.filter (fun l -> l.Field.Kind = FieldKind.LeftHandedNeutrino) |> List.map (fun l -> l.Display) |> List.distinct
        let summed = final |> List.filter (fun l -> l.Field.IsFermion && l.Field.Kind <> FieldKind.LeftHandedNeutrino) |> List.map (fun l -> l.Display)
        let vectors = (initial @ final) |> List.filter (fun l -> l.Field.Kind = FieldKind.Vector)
        let parts =
            [ if not avg.IsEmpty then
                  yield sprintf "averaged over the %s spins (1/%d)" (String.Join(" and ", avg)) (initial |> List.fold (fun a l -> a * l.Field.SpinStates) 1)
              if not summed.IsEmpty then yield sprintf "summed over the %s spins" (String.Join(" and ", summed))
              if not vectors.IsEmpty then
                  yield sprintf "%s polarisations summed with Σ ε_μ ε*_ν = −g_μν + k_μk_ν/m² (three each)" (String.Join(" and ", vectors |> List.map (fun l -> l.Display)))
              if not single.IsEmpty then yield sprintf "%s: one helicity each (selected by the chiral projectors, not averaged)" (String.Join(", ", single))
              match final with
              | [ a; b ] when a.Field.Name = b.Field.Name && (a.Anti = b.Anti || a.Field.IsSelfConjugate) -> yield "symmetry factor 1/2 for the identical final particles"
              | _ -> () ]
        if parts.IsEmpty then "no spins to sum or average" else String.Join("; ", parts)

    let lineText ((b: Leg), (t: Term), (u: Leg)) = sprintf "[%s %s %s]" (spinorText b) t.GammaText (spinorText u)

    let channelText (c: Channel) =
        match c with
        | S -> "s"
        | T -> "t"
        | U -> "u"

    // ---- |M|² ----------------------------------------------------------------------------------------------------

    /// Σ_spins |M|² × averaging of the two-line diagrams (all in one channel), with a frame-supplied propagator factor
    /// for each pair of exchanged bosons (1/(D_B D_B'), D = q² − m²).
    let twoLineSquared (ds: TwoLineDiagram list) (avg: Expr) (propagatorPair: Channel -> Field -> Field -> Expr) : Expr =
        if crossedPairings ds then invalidOp "twoLineSquared: diagrams of both pairings interfere in one long trace (twoLineSquaredAny)"
        List.sum
            [ for d in ds do
                  for d' in ds do
                      let (ba, ta, ua), (bb, tb, ub) = d.LineA, d.LineB
                      let (_, ta', _), (_, tb', _) = d'.LineA, d'.LineB
                      let lineA =
                          if Object.ReferenceEquals(ta, ta') then Dirac.spinSummedSquare (spinor ba) ta.Gamma (spinor ua)
                          else Dirac.spinSummedInterference (spinor ba) ta.Gamma ta'.Gamma (spinor ua)
                      let lineB =
                          if Object.ReferenceEquals(tb, tb') then Dirac.spinSummedSquare (spinor bb) tb.Gamma (spinor ub)
                          else Dirac.spinSummedInterference (spinor bb) tb.Gamma tb'.Gamma (spinor ub)
                      yield
                          ta.Coupling.Expression * tb.Coupling.Expression * ta'.Coupling.Expression * tb'.Coupling.Expression
                          * lineA * lineB * propagatorPair d.Channel d.Boson d'.Boson * avg ]

    /// One term of an amplitude between two fixed fermion lines, M ⊃ c [ψ̄_A Γ_A ψ_A][ψ̄_B Γ_B ψ_B], with the open index
    /// of Γ_A (named vertexIndex) contracted with that of Γ_B.
    [<NoEquality; NoComparison>]
    type LineProductTerm =
        { Coefficient: Expr
          GammaA: DiracString
          GammaB: DiracString }

    /// Whether a diagram set needs the vector machinery (open Lorentz indices).
    let hasVectorExchange (ds: TwoLineDiagram list) = ds |> List.exists (fun d -> d.Boson.Kind = FieldKind.Vector)

    /// The amplitude terms of two-line diagrams from the Feynman rules (vertex i g Γ; scalar propagator i/(q² − m²);
    /// massive vector propagator −i(g_μν − q_μq_ν/m_V²)/(q² − m_V²), unitary gauge): a scalar exchange gives
    /// M = −g_a g_b [A][B] P, a vector exchange M = g_a g_b ([A^μ][B_μ] − [A q̸][B q̸]/m_V²) P with P = 1/(q² − m²)
    /// from the frame. The q_μq_ν part is kept (it vanishes for conserved currents, e.g. ν̄ γ^μ P_L ν of a massless
    /// neutrino or N̄ γ^μ N, and not for the axial current of a massive fermion); a massless vector is taken in
    /// Feynman gauge (g_μν alone).
    let amplitudeTerms (ds: TwoLineDiagram list) (propagator: Channel -> Field -> Expr) : LineProductTerm list =
        [ for d in ds do
              let (_, ta, _), (_, tb, _) = d.LineA, d.LineB
              let g = d.Sign * (ta.Coupling.Expression * tb.Coupling.Expression)
              let p = propagator d.Channel d.Boson
              if d.Boson.Kind = FieldKind.Vector then
                  yield { Coefficient = g * p; GammaA = ta.Gamma; GammaB = tb.Gamma }
                  if not d.Boson.IsMassless then
                      let q = slashOf d.Q
                      yield
                          { Coefficient = -(g * p / d.Boson.Mass ** 2)
                            GammaA = Dirac.replaceIndex vertexIndex q ta.Gamma
                            GammaB = Dirac.replaceIndex vertexIndex q tb.Gamma }
              else
                  yield { Coefficient = -(g * p); GammaA = ta.Gamma; GammaB = tb.Gamma } ]

    /// Σ_spins |Σ_t c_t [ψ̄_A Γ_A^t ψ_A][ψ̄_B Γ_B^t ψ_B]|² × averaging: terms with the same Dirac structures are summed
    /// first (their coefficients add), then for each pair of structures the two line traces
    /// Tr[S(out) Γ^t S(in) Γ̄^t'] are multiplied, the indices contracted (Dirac.contractIndices) and ε of the four
    /// external momenta set to zero (momentum conservation leaves three independent). Returns the sum over pairs of
    /// c_t c_t' × K_tt' as triples (c_t, c_t', K_tt') with K in the dot products (the coefficients are real).
    let lineProductSquared (lineA: Leg * Leg) (lineB: Leg * Leg) (terms: LineProductTerm list) (avg: Expr) : (Expr * Expr * Expr) list =
        let groups =
            terms
            |> List.fold (fun (acc: (DiracString * DiracString * Expr) list) t ->
                match acc |> List.tryFindIndex (fun (a, b, _) -> a = t.GammaA && b = t.GammaB) with
                | Some i -> acc |> List.mapi (fun k (a, b, c) -> if k = i then a, b, c + t.Coefficient else a, b, c)
                | None -> acc @ [ t.GammaA, t.GammaB, t.Coefficient ]) []
        let (outA, inA), (outB, inB) = lineA, lineB
        let momenta = [ outA; inA; outB; inB ] |> List.map (fun l -> l.Momentum)
        let named (mu: string) (g: DiracString) = Dirac.replaceIndex vertexIndex (Dirac.gammaIndex mu) g
        [ for (a1, b1, c1) in groups do
              for (a2, b2, c2) in groups do
                  let trA = Dirac.spinSummedInterference (spinor outA) (named "mu" a1) (named "nu" a2) (spinor inA)
                  let trB = Dirac.spinSummedInterference (spinor outB) (named "mu" b1) (named "nu" b2) (spinor inB)
                  let k = Dirac.contractIndices (trA * trB) |> Dirac.substituteDotsAndEpsilons [] [ momenta, Ops.zero ]
                  yield c1, c2, k * avg ]

    /// Σ_spins |M|² × averaging of diagrams of both pairings of the four fermions b1, b2 (barred) and u1, u2: the terms
    /// of M = Σ_P sign_P c [ψ̄_b1 Γ_A ψ_u(P)][ψ̄_b2 Γ_B ψ_u'(P)] (amplitudeTerms, the Fermi sign in c). Two terms of
    /// the same pairing give the product of two line traces (as lineProductSquared); a term of (b1 u1)(b2 u2) against
    /// one of (b1 u2)(b2 u1) gives one long trace,
    ///   Σ_spins [b̄1 Γ_A u1][b̄2 Γ_B u2]([b̄1 Γ_C u2][b̄2 Γ_D u1])* = Tr[S(b1) Γ_A S(u1) Γ̄_D S(b2) Γ_B S(u2) Γ̄_C]
    /// (the spinor products rejoined into one chain; S = p̸ ± m), which with the relative sign −1 is the
    /// −Tr[…] of the interference (Peskin & Schroeder problem 5.2, Bhabha scattering). Open indices are contracted
    /// (μ for the left amplitude, ν for the conjugated one) and ε of the four external momenta set to zero.
    let crossedSquared (ds: TwoLineDiagram list) (avg: Expr) (propagator: Channel -> Field -> Expr) : Expr =
        let named (mu: string) (g: DiracString) = Dirac.replaceIndex vertexIndex (Dirac.gammaIndex mu) g
        let terms = [ for d in ds -> d, amplitudeTerms [ d ] propagator ]
        let momenta = ds.Head |> fun d -> let (b1, _, u1), (b2, _, u2) = d.LineA, d.LineB in [ b1; u1; b2; u2 ] |> List.map (fun l -> l.Momentum)
        // a line (barred leg, Γ, unbarred leg) read with the opposite flow: x̄ Γ y = −ȳ^c Γ' x^c (u ↔ v), the legs'
        // spinors by their new ends (Leg.Anti = Incoming on the barred end)
        let reverse (b: Leg, g: DiracString, u: Leg) = { u with Anti = u.Incoming }, reversedGamma g, { b with Anti = not b.Incoming }
        let kernel (d: TwoLineDiagram) (t: LineProductTerm) (d': TwoLineDiagram) (t': LineProductTerm) =
            let (ba, _, ua), (bb, _, ub) = d.LineA, d.LineB
            let (ba', _, ua'), (bb', _, ub') = d'.LineA, d'.LineB
            let linesD = [ ba, named "mu" t.GammaA, ua; bb, named "mu" t.GammaB, ub ]
            let linesD' = [ ba', named "nu" t'.GammaA, ua'; bb', named "nu" t'.GammaB, ub' ]
            // the barred ends E: every line of d and of d' has one leg in E (the lines form even loops: two-colour them)
            let colour = Collections.Generic.Dictionary<string, bool>()
            let edges = (linesD @ linesD') |> List.map (fun (b, _, u) -> b.Momentum, u.Momentum)
            let rec paint (p: string) (c: bool) =
                if not (colour.ContainsKey p) then
                    colour.[p] <- c
                    for a, b in edges do
                        if a = p then paint b (not c)
                        elif b = p then paint a (not c)
            for (b, _, _) in linesD do paint b.Momentum true
            let orient (lines: (Leg * DiracString * Leg) list) =
                lines |> List.map (fun ((b, _, _) as line) -> if colour.[b.Momentum] then line, 1 else reverse line, -1)
            let od, od' = orient linesD, orient linesD'
            let sign = (od @ od') |> List.fold (fun acc (_, s) -> acc * s) 1
            let ld, ld' = od |> List.map fst, od' |> List.map fst
            // Σ_spins M_d M_d'*: follow each loop e → (d) → s → (d'* : s̄ Γ̄' e') → e' …
            let visited = Collections.Generic.HashSet<string>()
            let loops =
                [ for (e0, _, _) in ld do
                      if not (visited.Contains e0.Momentum) then
                          let mutable e = e0
                          let mutable chain = DiracString.One
                          let mutable closed = false
                          while not closed do
                              visited.Add e.Momentum |> ignore
                              let (eb, g, sl) = ld |> List.find (fun (b, _, _) -> b.Momentum = e.Momentum)
                              let (eb', g', _) = ld' |> List.find (fun (_, _, u) -> u.Momentum = sl.Momentum)
                              chain <- chain * Dirac.spinSum (spinor eb) * g * Dirac.spinSum (spinor sl) * Dirac.adjoint g'
                              e <- eb'
                              closed <- e.Momentum = e0.Momentum
                          yield Dirac.trace chain ]
            let k = List.fold (*) Expr.One loops
            sign * (Dirac.contractIndices k |> Dirac.substituteDotsAndEpsilons [] [ momenta, Ops.zero ])
        List.sum
            [ for d, ts in terms do
                  for t in ts do
                      for d', ts' in terms do
                          for t' in ts' do
                              yield t.Coefficient * t'.Coefficient * kernel d t d' t' * avg ]

    /// Σ_spins |M|² × averaging of two-line diagrams of scalar or vector exchange: scalar exchange alone by
    /// twoLineSquared (the canonical form of before, with propagatorPair); with a vector boson, Σ c c' K of the
    /// amplitude terms (propagator: the frame's 1/(q² − m²), or a placeholder for it); diagrams of both pairings of
    /// the four fermions by crossedSquared.
    let twoLineSquaredAny (ds: TwoLineDiagram list) (avg: Expr) (propagatorPair: Channel -> Field -> Field -> Expr) (propagator: Channel -> Field -> Expr) : Expr =
        if crossedPairings ds then crossedSquared ds avg propagator
        elif not (hasVectorExchange ds) then twoLineSquared ds avg propagatorPair
        else
            let (ba, _, ua), (bb, _, ub) = ds.Head.LineA, ds.Head.LineB
            lineProductSquared (ba, ua) (bb, ub) (amplitudeTerms ds propagator) avg |> List.map (fun (c1, c2, k) -> c1 * c2 * k) |> List.sum

    /// The Lorentz index of an external vector leg's polarisation vector (its vertex's γ^μ carries it).
    let private polarisationIndex (b: Leg) = "pol_" + b.Momentum

    /// Σ_spins, polarisations |ε-contracted ψ̄_x Γ ψ_y|² for a Dirac string Γ whose open indices are those of the
    /// external massive vectors `vectors` (named polarisationIndex): the Proca polarisation sum
    /// Σ_λ ε_μ(k, λ) ε*_ν(k, λ) = −g_μν + k_μ k_ν / m_V² (the completeness relation of a massive spin-1
    /// field's three polarisations, e.g. Peskin & Schroeder, An Introduction to QFT, ch. 21 (massive gauge bosons)) for each vector. The k_μk_ν/m_V² part is kept: it drops out only when
    /// the current the vector couples to is conserved, k_μ J^μ = 0, and a chiral current γ^μ P_L between a massive
    /// and a massless fermion is not (k_μ J^μ ∝ m_χ), so it carries the longitudinal polarisation's growth with
    /// energy. Written as a sum over the choices {−g, kk/m²} per vector: −g keeps the index named alike on Γ and Γ̄
    /// (contracted with the metric by Dirac.contractIndices), kk/m² replaces it by k̸ on both sides.
    let polarisationSummedSquare (x: Leg) (gamma: DiracString) (y: Leg) (vectors: Leg list) : Expr =
        let rec choices (vs: Leg list) : (Expr * (Leg list)) list =
            match vs with
            | [] -> [ Expr.One, [] ]
            | v :: rest ->
                [ for c, longs in choices rest do
                      yield -c, longs
                      yield c / v.Field.Mass ** 2, v :: longs ]
        let traces =
            [ for c, longs in choices vectors do
                  let g = longs |> List.fold (fun (acc: DiracString) v -> Dirac.replaceIndex (polarisationIndex v) (Dirac.slash v.Momentum) acc) gamma
                  yield c * Dirac.spinSummedSquare (spinor x) g (spinor y) ]
        // ε of the four external momenta vanishes: momentum conservation leaves three independent
        let all = [ x.Momentum; y.Momentum ] @ (vectors |> List.map (fun v -> v.Momentum)) |> List.distinct
        let epsilons = if all.Length = 4 then [ all, Ops.zero ] else []
        Dirac.contractIndices (List.sum traces) |> Dirac.substituteDotsAndEpsilons [] epsilons

    /// Σ_spins |M|² × averaging of a one-line process: Γ = Σ_d P_d Γ_X (q̸ + m_f) Γ_Y with P_d the frame's propagator
    /// factor; a coupling product common to every diagram is taken out of the trace. External massive vectors: the
    /// γ^μ of the vertex each attaches to carries its polarisation index, summed by polarisationSummedSquare.
    let oneLineSquared (x: Leg) (y: Leg) (ds: OneLineDiagram list) (avg: Expr) (propagator: Channel -> Field -> Expr) : Expr =
        let couplings (d: OneLineDiagram) = d.TermX.Coupling.Expression * d.TermY.Coupling.Expression
        let common = ds |> List.map couplings |> List.distinct
        let factorOut = common.Length = 1
        let indexed (t: Term) (b: Leg) =
            if b.Field.Kind = FieldKind.Vector then Dirac.replaceIndex vertexIndex (Dirac.gammaIndex (polarisationIndex b)) t.Gamma else t.Gamma
        let gamma =
            ds
            |> List.map (fun d ->
                let q = slashOf d.Q
                let inner = if d.Internal.IsMassless then q else q + Dirac.scalar d.Internal.Mass
                let chain = indexed d.TermX d.BosonX * inner * indexed d.TermY d.BosonY
                let chain = if d.Reversed then reversedGamma chain else chain
                let p = propagator d.Channel d.Internal
                (if factorOut then p else couplings d * p) * chain)
            |> List.fold (+) DiracString.Zero
        let c2 = if factorOut then common.Head ** 2 else Expr.One
        let vectors =
            ds |> List.collect (fun d -> [ d.BosonX; d.BosonY ]) |> List.filter (fun b -> b.Field.Kind = FieldKind.Vector)
            |> List.distinctBy (fun b -> b.Momentum)
        let squared = if vectors.IsEmpty then Dirac.spinSummedSquare (spinor x) gamma (spinor y) else polarisationSummedSquare x gamma y vectors
        c2 * squared * avg

    /// The one-vertex 1 → 2 amplitude squared Σ|ψ̄ Γ ψ|² g² (a decay of the boson into the fermions x, y).
    let decaySquared (x: Leg) (t: Term) (y: Leg) : Expr =
        t.Coupling.Expression ** 2 * Dirac.spinSummedSquare (spinor x) t.Gamma (spinor y)

    /// The 1/3-averaged Σ|ε_μ ψ̄ Γ^μ ψ|² g² of a massive vector's decay into the fermions x, y: the polarisation sum
    /// Σ ε_μ ε*_ν = −g_μν + k_μk_ν/m_V² with k = k_x + k_y, contracted with the line's trace.
    let decaySquaredVector (x: Leg) (t: Term) (y: Leg) (boson: Field) : Expr =
        let named (r: DiracString) = Dirac.replaceIndex vertexIndex r t.Gamma
        let mu = Dirac.gammaIndex "mu"
        let metric = Dirac.contractIndices (Dirac.spinSummedInterference (spinor x) (named mu) (named mu) (spinor y))
        let k = Dirac.slash x.Momentum + Dirac.slash y.Momentum
        let longitudinal = Dirac.spinSummedInterference (spinor x) (named k) (named k) (spinor y)
        t.Coupling.Expression ** 2 * (longitudinal / boson.Mass ** 2 - metric) / 3

    /// The decay terms for barred leg x, unbarred leg y, boson b (the particle, incoming: for a complex scalar the
    /// φ terms, so φ → the pair its φ vertex makes; φ* → the conjugate pair).
    let decayTerms (m: ModelData) (x: Leg) (y: Leg) (b: Field) : Term list =
        termsFor (terms m) x.Field.Name y.Field.Name
        |> List.filter (attaches (leg b false true "P"))
        |> List.map (fun t ->
            checkUsable m t
            t)

    /// Σ_spins |M|² of a scalar b → f f̄ (a Majorana f: b → f f) from every term ψ̄_f Γ ψ_f b that attaches to b:
    /// M = ū(k1) (Σ_t g_t Γ_t) v(k2) (a Majorana bilinear's vertex g Γ_s, majoranaVertex), in k1·k2 = m_b²/2 − m_f²,
    /// k1² = k2² = m_f²; MeV². A massive vector b: M = ε_μ ū(k1) (Σ_t g_t Γ_t^μ) v(k2), averaged over its three
    /// polarisations with Σ ε_μ ε*_ν = −g_μν + K_μK_ν/m_b², K = k1 + k2 (as decaySquaredVector; the K K part vanishes for
    /// a vector current between equal masses and is kept for chiral ones), so the width is
    /// Γ = |k| Σ|M|²/(8π m_b²) with this 1/3-averaged Σ|M|². No such term: 0.
    let pairDecaySquared (m: ModelData) (b: Field) (f: Field) : Expr =
        if b.Kind = FieldKind.Vector && b.IsMassless then notYet (sprintf "the width of the massless vector %s" b.Display)
        let x, y = leg f false false "k1", leg f true false "k2"
        let ts = termsFor (terms m) f.Name f.Name |> List.filter (attaches (leg b false true "P"))
        for t in ts do checkUsable m t
        if ts.IsEmpty then Ops.zero
        else
            let gamma = ts |> List.fold (fun (acc: DiracString) t -> acc + t.Coupling.Expression * t.Gamma) DiracString.Zero
            let mf = if f.IsMassless then Ops.zero else f.Mass
            let dots = [ "k1", "k2", b.Mass ** 2 / two - mf ** 2; "k1", "k1", mf ** 2; "k2", "k2", mf ** 2 ]
            if b.Kind = FieldKind.Vector then
                let named (r: DiracString) = Dirac.replaceIndex vertexIndex r gamma
                let mu = Dirac.gammaIndex "mu"
                let metric = Dirac.contractIndices (Dirac.spinSummedInterference (spinor x) (named mu) (named mu) (spinor y))
                let k = Dirac.slash x.Momentum + Dirac.slash y.Momentum
                let longitudinal = Dirac.spinSummedInterference (spinor x) (named k) (named k) (spinor y)
                (longitudinal / b.Mass ** 2 - metric) / 3 |> Dirac.substituteDots dots
            else
                Dirac.spinSummedSquare (spinor x) gamma (spinor y) |> Dirac.substituteDots dots

    /// Whether a fermion leg is barred (for callers that build legs).
    let barred (l: Leg) = isBarred l
    let text (l: Leg) = spinorText l
