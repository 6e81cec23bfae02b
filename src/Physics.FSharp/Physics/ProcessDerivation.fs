namespace NuDM.Physics

open System
open NuDM.Symbolic
open NuDM.Symbolic.Notation

/// Derives each ProcessKind of a model: the external legs of the kind, the frame whose invariants |M|² is written in,
/// the diagrams from the model's vertices (FeynmanRules), and the numerically stable canonical forms the program
/// compiles. No diagram → None (the process is absent from the model).
module internal ProcessDerivation =
    open FeynmanRules

    let private s = Symbol

    /// The name a kind is known by in messages (for absent processes).
    let kindName (kind: ProcessKind) =
        match kind with
        | ProcessKind.NeutrinoNucleusToChiNucleus -> "ν N → χ N"
        | ProcessKind.AntineutrinoNucleusToAntichiNucleus -> "ν̄ N → χ̄ N"
        | ProcessKind.NeutrinoNucleusToNeutrinoNucleus -> "ν N → ν N"
        | ProcessKind.ChiNucleusToNeutrinoNucleus -> "χ N → ν N"
        | ProcessKind.ChiAntichiToNeutrinoAntineutrino -> "χ χ̄ → ν ν̄"
        | ProcessKind.ChiAntichiToMediatorPair -> "χ χ̄ → S S"
        | ProcessKind.MediatorPairToNeutrinoAntineutrino -> "S S → ν ν̄"
        | ProcessKind.MediatorPairToChiAntichi -> "S S → χ χ̄"
        | ProcessKind.MediatorDecay -> "S → χ ν̄ + χ̄ ν"
        | ProcessKind.ChiNeutrinoToChiNeutrino -> "χ ν → χ ν"
        | ProcessKind.ChiAntineutrinoToChiAntineutrino -> "χ ν̄ → χ ν̄"
        | ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel -> "ν N → ν N (with the Standard Model)"
        | _ -> raise (ArgumentOutOfRangeException("kind", kind, "unknown process kind"))

    /// Raised inside a derivation when the model has vertices for a process but the process is still absent for a
    /// physical reason (e.g. a spin-dependent nucleus coupling has no coherent ν N → χ N); derive turns it into None
    /// and deriveWithReason returns the reason.
    exception private AbsentBecause of string

    /// A coherent nucleus couples spin-independently: 1 (scalar) or γ^μ (vector). Any other nucleus vertex is
    /// spin-dependent (iγ5, γ^μγ5, chiral projectors) and has no coherent enhancement: the process is absent, with why.
    let private requireCoherent (nucleus: Field) (ds: TwoLineDiagram list) =
        for d in ds do
            for (b, t, _) in [ d.LineA; d.LineB ] do
                if b.Field.Name = nucleus.Name && not (t.Vertex.Structure = DiracStructure.Scalar || t.Vertex.Structure = DiracStructure.Vector) then
                    raise (
                        AbsentBecause(
                            sprintf "the nucleus couples through %s (%O): spin-dependent, with no coherent enhancement; coherent scattering on %s needs a scalar (1) or vector (γ^μ) nucleus coupling, and a spin-dependent rate is not implemented"
                                t.Vertex.Term t.Vertex.Structure nucleus.Display))

    // ---- the lab frame of nucleus scattering (seed 001 sec. 2.1) ----------------------------------------------------

    /// All Minkowski products of p1 (ν), p2 (N), k1 (produced), k2 (N') from the four-vectors of seed 001 eq. (2.2) with
    /// cos θ = cos θ(T) of eq. (2.5), as polynomials in E_nu, M, T, m_chi.
    let labDots =
        lazy
            (let d = Kinematics.derivation ()
             let v = Kinematics.FourVectors
             let vecs = [ "p1", v.P1; "p2", v.P2; "k1", v.K1; "k2", v.K2 ]
             [ for (a, va) in vecs do
                   for (b, vb) in vecs do
                       if String.CompareOrdinal(a, b) <= 0 then
                           yield a, b,
                                 Kinematics.dot va vb
                                 |> Structure.substitute Kinematics.CosTheta d.CosTheta
                                 |> Normal.simplifyWith Kinematics.Domain ])

    /// The lab-frame expressions with the produced mass and the nuclear mass renamed to the model's symbols.
    let private inModelSymbols (produced: Field) (nucleus: Field) (e: Expr) =
        let e = if produced.Mass = Kinematics.Mchi then e else Structure.substitute Kinematics.Mchi produced.Mass e
        if nucleus.Mass = Kinematics.M then e else Structure.substitute Kinematics.M nucleus.Mass e

    // ---- the CM frame of a a → b b ------------------------------------------------------------------------------

    let private sMand, cosT = s "s", s "c"

    /// CM four-vectors for a a → b b: p1, p2 along z, k1, k2 at angle θ (c = cos θ, sin θ = sqrt(1 − c²)).
    let private cmVectors (mIn: Expr) (mOut: Expr) =
        let e = sqrt sMand / 2
        let p = sqrt (sMand / 4 - mIn ** 2)
        let k = sqrt (sMand / 4 - mOut ** 2)
        let sn = sqrt (1 - cosT ** 2)
        [ "p1", [| e; Ops.zero; Ops.zero; p |]
          "p2", [| e; Ops.zero; Ops.zero; -p |]
          "k1", [| e; k * sn; Ops.zero; k * cosT |]
          "k2", [| e; -(k * sn); Ops.zero; -(k * cosT) |] ]

    let cmDots (mIn: Expr) (mOut: Expr) =
        let vecs = cmVectors mIn mOut
        [ for (a, va) in vecs do
              for (b, vb) in vecs do
                  if String.CompareOrdinal(a, b) <= 0 then yield a, b, Normal.simplify (Kinematics.dot va vb) ]

    let private mandelstam (mIn: Expr) (mOut: Expr) (other: string) =
        let vecs = cmVectors mIn mOut |> dict
        let d = Array.map2 (fun x y -> x - y) vecs.["p1"] vecs.[other]
        Kinematics.dot d d

    /// σ v_rel = k/(8π s^{3/2}) ∫_{-1}^{1} |M|²_avg dc (CM frame, v_rel the Møller velocity): the 2 → 2 cross section
    /// dσ/dΩ = |M|² |k|/(64π² s |p|) (PDG review "Kinematics") times v_Møl = 4|p|/√s for equal initial masses
    /// (P. Gondolo, G. Gelmini, Nucl. Phys. B360 (1991) 145).
    let sigmaVIntegrand (mOut: Expr) (m2avg: Expr) =
        let k = sqrt (sMand / 4 - mOut ** 2)
        k / (8 * pi * sMand ** rat 3 2) * m2avg

    /// Low-velocity expansion σv = a + b v² + O(v⁴) (the usual partial-wave form, cf. Gondolo–Gelmini 1991): with
    /// s = 4(m² + p²) and v_rel = 2p/m + O(p³), expand in p to O(p²), integrate the polynomial in c, and express in
    /// v_rel² = 4p²/m².
    let lowVelocity (positive: string list) (mIn: Expr) (mOut: Expr) (m2avg: Expr) : Expr * Expr =
        let p = s "p_cm"
        let integrand = sigmaVIntegrand mOut m2avg |> Structure.substitute sMand (4 * (mIn ** 2 + p ** 2))
        let dom = Assumptions.Positive("p_cm" :: positive)
        let series = Series.puiseux dom p Ops.zero 3 integrand
        let coeff k = series.Terms |> List.tryFind (fun (e, _) -> e = Q.OfInt k) |> Option.map snd |> Option.defaultValue Ops.zero
        let integrate e = Normal.simplifyWith dom (Calculus.definiteIntegral cosT Ops.minusOne Ops.one (Normal.simplifyWith dom e))
        if series.Terms |> List.exists (fun (e, _) -> not e.IsInteger || e.Sign < 0) then
            failwithf "σv is not analytic at p = 0: %A" series.Terms
        let a = integrate (coeff 0)
        let b2 = integrate (coeff 2) // coefficient of p²
        // p² = m² v²/4
        a, Normal.simplifyWith dom (b2 * (mIn ** 2 / 4))

    /// Propagator placeholders: traces are normalised with P_t, P_u as symbols (a polynomial, fast), then the
    /// propagators 1/(t − m²), 1/(u − m²) are substituted back unexpanded (compact and numerically stable).
    let private pt, pu = s "P_t", s "P_u"

    /// withPropagators for any set of propagators (placeholder, "k1" for the t channel or "k2" for the u channel, the
    /// exchanged mass²): several masses in one channel (e.g. ν and χ both exchanged in χ χ → S S) each get their own
    /// placeholder and D = t − m² (or u − m²); with P_t, P_u and D_t, D_u named as before, the one-mass-per-channel
    /// forms are unchanged.
    let withPropagatorSet (domain: Assumptions) (mIn: Expr) (mOut: Expr) (traceExpr: Expr) (props: (Expr * string * Expr) list) =
        let poly = Normal.simplifyWith domain (Dirac.substituteDots (cmDots mIn mOut) traceExpr)
        let ds =
            props
            |> List.map (fun (p, other, mass2) ->
                let name = match p with Symbol n -> n | _ -> invalidArg "props" "a propagator placeholder is a symbol"
                p, Symbol("D" + name.Substring 1), Normal.simplifyWith domain (mandelstam mIn mOut other) - mass2)
        let names = ds |> List.map (fun (p, _, _) -> match p with Symbol n -> n | _ -> "")
        let stable (factor: Expr) =
            let syms = Structure.symbols factor
            if not syms.IsEmpty && syms |> List.forall (fun n -> List.contains n names) then
                let degrees = ds |> List.map (fun (p, _, _) -> if Structure.freeOf p factor then 0 else Polynomial.degree p factor)
                let g =
                    Structure.substituteMany (ds |> List.map (fun (p, dS, _) -> p, 1 / dS)) factor
                    |> fun e -> List.fold2 (fun acc (_, dS, _) a -> acc * dS ** a) e ds degrees
                    |> Normal.simplify
                let gExact = Normal.simplifyWith domain (Structure.substituteMany (ds |> List.map (fun (_, dS, d) -> dS, d)) g)
                List.fold2 (fun acc (_, _, d) a -> acc * d ** -a) gExact ds degrees
            else Structure.substituteMany (ds |> List.map (fun (p, _, d) -> p, 1 / d)) factor
        match Polynomial.squareFreeParts poly with
        | Product fs -> fs |> List.map (fun f -> match f with Power(b, e) -> stable b ** e | _ -> stable f) |> productOf
        | Power(b, e) -> stable b ** e
        | f -> stable f

    /// The squared amplitude in a numerically stable form. The trace is a polynomial in P_t, P_u; it is split into
    /// square-free parts. A part built from the propagators alone, F(P_t, P_u) of degrees (a, b), is written as
    /// G(D_t, D_u)/(D_t^a D_u^b) with D = t − m² (u − m²) and the polynomial G put in normal form after D_t, D_u are
    /// replaced: differences such as P_t − P_u = (u − t)/(D_t D_u) then come out with u − t exact, instead of as a
    /// near-cancellation of two large terms (which made the d-wave SS → νν̄ integrand pure round-off at threshold).
    let withPropagators (domain: Assumptions) (mIn: Expr) (mOut: Expr) (traceExpr: Expr) (tMass2: Expr) (uMass2: Expr) =
        withPropagatorSet domain mIn mOut traceExpr [ pt, "k1", tMass2; pu, "k2", uMass2 ]

    // ---- the model's fields by role -----------------------------------------------------------------------------

    let private fieldNamed (m: ModelData) (name: string) =
        match m.Fields |> List.tryFind (fun f -> f.Name = name) with
        | Some f -> f
        | None -> invalidOp (sprintf "model '%s': role field '%s' is not a field of the model" m.Name name)

    /// The neutrino fields of a model.
    let neutrinos (m: ModelData) = m.Fields |> List.filter (fun f -> f.Kind = FieldKind.LeftHandedNeutrino)

    /// The model parameters (masses, couplings) among the symbols of the given expressions, in the model's order.
    let private parametersIn (m: ModelData) (es: Expr list) =
        let used = es |> List.collect Structure.symbols |> Set.ofList
        m.Parameters |> List.filter (fun p -> p.Role <> ParameterRole.Effective && used.Contains p.Symbol)

    let private symbolsOf (ps: ModelParameter list) = ps |> List.map (fun p -> p.Symbol)

    /// The reference text of a kind: the seed equation the seeds' scalar model reproduces, and the proof obligation.
    let private reference (m: ModelData) (seedEquation: string) =
        sprintf "derived from the vertices of model '%s' with Dirac traces; for the seeds' scalar model %s" m.Name seedEquation

    let private info kind category name (m: ModelData) seedEq amplitude spins (nus: Field list) m2 unit variables parameters : ProcessInfo =
        { Kind = kind
          Category = category
          Name = name
          ModelName = m.Name
          Reference = reference m seedEq
          Amplitude = amplitude
          SpinSums = spins
          Neutrinos = nus |> List.map (fun f -> f.Name)
          SquaredAmplitude = m2
          AmplitudeUnit = unit
          Variables = variables
          ModelParameters = parameters
          Widths = [] }

    let private couplingsText (d: TwoLineDiagram) =
        let (_, ta, _), (_, tb, _) = d.LineA, d.LineB
        sprintf "%s %s" ta.Coupling.Symbol tb.Coupling.Symbol

    /// The amplitude as text; a diagram of the crossed pairing of the four fermions carries its Fermi sign (−).
    let private twoLineText (ds: TwoLineDiagram list) =
        let one (d: TwoLineDiagram) = sprintf "%s %s %s/(%s − m_%s²)" (couplingsText d) (lineText d.LineA) (lineText d.LineB) (channelText d.Channel) d.Boson.Name
        ds |> List.mapi (fun i d -> (if d.Sign < 0 then (if i = 0 then "−" else " − ") elif i = 0 then "" else " + ") + one d) |> String.concat ""

    // ---- ν N → χ N, ν̄ N → χ̄ N, ν N → ν N ----------------------------------------------------------------------

    /// The Standard-Model neutral-current amplitude of coherent ν N → ν N at q² ≪ m_Z²: from
    /// L_eff = −(G_F/√2) [ν̄ γ^μ(1 − γ5) ν][q̄ γ_μ(g_V^q − g_A^q γ5) q] (PDG review "Electroweak model", g_V^u = 1/2 − 4/3 sin²θ_W,
    /// g_V^d = −1/2 + 2/3 sin²θ_W), the nucleus's vector charge Z(2g_V^u + g_V^d) + N(g_V^u + 2g_V^d) = −Q_W/2 with
    /// Q_W = N − (1 − 4 sin²θ_W) Z (seed 000 below eq. 11), so M_SM = (G_F Q_W/√2) [ū γ^μ P_L u][Ū γ_μ U]: the coefficient
    /// G_F Q_W/√2 in MeV⁻², written in A and Z (N = A − Z).
    let private standardModelCoefficient =
        lazy
            (let gf = Number(Q.OfDouble Constants.FermiConstant)
             let a, z = ProcessVariables.MassNumber.Expression, ProcessVariables.ProtonNumber.Expression
             let qw = Structure.substitute CrossSections.N (a - z) CrossSections.weakCharge
             gf * qw / sqrt (Ops.integer 2))

    let private nucleusScattering (m: ModelData) (kind: ProcessKind) (nu: Field) (nus: Field list) : Process option =
        let nucleus = fieldNamed m m.Roles.Nucleus
        let needsChi = kind = ProcessKind.NeutrinoNucleusToChiNucleus || kind = ProcessKind.AntineutrinoNucleusToAntichiNucleus
        if needsChi && String.IsNullOrEmpty m.Roles.DarkFermion then None else
        let produced, anti, seedEq, dsdtEq =
            match kind with
            | ProcessKind.NeutrinoNucleusToChiNucleus -> fieldNamed m m.Roles.DarkFermion, false, "seed 001 eqs. (2.14)–(2.18) [proof amp.nuN]", "seed 001 eq. (2.21) [proof xs.nuchi]"
            | ProcessKind.AntineutrinoNucleusToAntichiNucleus -> fieldNamed m m.Roles.DarkFermion, true, "seed 001 eq. (2.15) [proof amp.nuN]", "seed 001 eq. (2.21) for ν̄ [proof amp.nuN]"
            | ProcessKind.NeutrinoNucleusToNeutrinoNucleus -> nu, false, "the mediators' ν N → ν N alone [proof lv.closed-form]", "dσ/dT = |M|² F²/(32π M E_ν²) [proof lv.closed-form]"
            | _ -> nu, false, "SM Z exchange (G_F/√2, Q_W) + the mediators, with interference [proof lv.closed-form]", "light-mediator CEvNS with exact kinematics (cf. Cerdeño et al., JHEP 05 (2016) 118) [proofs lv.closed-form, lv.contact-limit]"
        let nuLeg = if anti then "ν̄" else "ν"
        // a Majorana χ is its own antiparticle: ν̄ N → χ N
        let prodLeg = if produced.Kind = FieldKind.LeftHandedNeutrino then nuLeg else (if anti && not produced.IsSelfConjugate then produced.Display + "̄" else produced.Display)
        let legs = [ leg nu anti true "p1"; leg nucleus false true "p2"; leg produced anti false "k1"; leg nucleus false false "k2" ]
        let names = { In1 = "p1"; In2 = "p2"; Out1 = "k1"; Out2 = "k2" }
        match twoLineDiagrams m names legs with
        | [] -> None
        | ds ->
            requireCoherent nucleus ds
            if crossedPairings ds then notYet "nucleus scattering with diagrams of both pairings of the four fermions (a vertex joining the nucleus to a light fermion)"
            let withSM = kind = ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel
            let general = withSM || hasVectorExchange ds
            let inModel = inModelSymbols produced nucleus
            let qSquared = inModel (Kinematics.derivation ()).QSquared
            let avg = averaging (legs |> List.filter (fun l -> l.Incoming)) (legs |> List.filter (fun l -> not l.Incoming))
            let dots = labDots.Force() |> List.map (fun (a, b, e) -> a, b, inModel e)
            // the physical domain of the kinematics (Kinematics.Domain in the model's symbols)
            let domain =
                if produced.Mass = Kinematics.Mchi && nucleus.Mass = Kinematics.M then Kinematics.Domain
                else Assumptions.Positive([ "E_nu"; nucleus.MassParameter.Symbol; "T" ] @ (if produced.IsMassless then [] else [ produced.MassParameter.Symbol ]))
            // |M|² = Σ c c' K: the coefficients (couplings × propagators, the SM's G_F Q_W/√2) and the kinematic factors
            // K kept apart, so that |M|² is (Σ c)² K when one Dirac structure carries every amplitude (compact, and the
            // interference is visible as the cross term). Scalar exchange alone keeps the one normal form of before.
            let m2, pieces =
                if not general then
                    let propagators (c: Channel) (b: Field) (b': Field) =
                        if c <> T then invalidOp "nucleus scattering: only t-channel exchange is possible"
                        let d (f: Field) = qSquared - f.Mass ** 2
                        if b.Name = b'.Name then 1 / (d b) ** 2 else 1 / (d b * d b')
                    let raw = twoLineSquared ds avg propagators
                    Normal.simplifyWith domain (Dirac.substituteDots dots raw), []
                else
                    let propagator (c: Channel) (b: Field) =
                        if c <> T then invalidOp "nucleus scattering: only t-channel exchange is possible"
                        1 / (qSquared - b.Mass ** 2)
                    let (ba, _, ua), (bb, _, ub) = ds.Head.LineA, ds.Head.LineB
                    let sm : LineProductTerm list =
                        if withSM then
                            let nuFirst = ba.Field.Kind = FieldKind.LeftHandedNeutrino
                            let gNu = Dirac.gammaIndex vertexIndex * Dirac.projectorL
                            let gN = Dirac.gammaIndex vertexIndex
                            [ { Coefficient = standardModelCoefficient.Force(); GammaA = (if nuFirst then gNu else gN); GammaB = (if nuFirst then gN else gNu) } ]
                        else []
                    let pieces =
                        lineProductSquared (ba, ua) (bb, ub) (amplitudeTerms ds propagator @ sm) avg
                        |> List.map (fun (c1, c2, k) -> Normal.simplifyWith domain c1, Normal.simplifyWith domain c2, Normal.simplifyWith domain (Dirac.substituteDots dots k))
                        |> List.filter (fun (_, _, k) -> not (Ops.isZero k))
                    (pieces |> List.map (fun (c1, c2, k) -> c1 * c2 * k) |> List.sum), pieces
            let name = sprintf "%s %s → %s %s%s" nuLeg nucleus.Display prodLeg nucleus.Display (if withSM then " (SM + mediators)" else "")
            let spins =
                spinStatement (legs |> List.filter (fun l -> l.Incoming)) (legs |> List.filter (fun l -> not l.Incoming))
                + sprintf "; the nucleus is an effective Dirac fermion of mass %O" nucleus.Mass
            let variables =
                [ ProcessVariables.NeutrinoEnergy; ProcessVariables.RecoilEnergy; nucleus.MassParameter ]
                @ (if withSM then [ ProcessVariables.MassNumber; ProcessVariables.ProtonNumber ] else [])
            let parameters = parametersIn m [ m2 ] |> List.filter (fun p -> p.Symbol <> nucleus.MassParameter.Symbol)
            // dσ/dT = |M|² F²/(32π M E_ν²) (seed 001 eq. 2.21), in the model's effective nucleus coupling if it has one
            let enu, f2 = ProcessVariables.NeutrinoEnergy.Expression, ProcessVariables.FormFactorSquared.Expression
            let dsdt = m2 / (32 * pi * nucleus.Mass * enu ** 2)
            let dsdtExpr, dsdtParameters =
                let eff = m.Effective
                let usesEffective (e: Expr) = not (isNull eff) && not (Structure.freeOf eff.Replaces.Expression e)
                if general then
                    // dσ/dT = Σ c c' K F²/(32π M E_ν²), the coefficients in the model's effective nucleus coupling
                    let coefficient (c: Expr) =
                        if usesEffective c then
                            let dom = eff.AssumePositive |> Seq.fold (fun (a: Assumptions) n -> a.AndPositive(Symbol n)) domain
                            Normal.simplifyWith dom (Structure.substitute eff.Replaces.Expression eff.ReplacementExpression c)
                        else c
                    let e =
                        f2 * (pieces |> List.map (fun (c1, c2, k) -> coefficient c1 * coefficient c2 * Normal.simplifyWith domain (k / (32 * pi * nucleus.Mass * enu ** 2))) |> List.sum)
                    let ps = parametersIn m [ e ] |> List.filter (fun p -> p.Symbol <> nucleus.MassParameter.Symbol)
                    e, (if usesEffective m2 then ps @ [ eff.Parameter ] else ps)
                elif usesEffective dsdt then
                    let inEffective = Structure.substitute eff.Replaces.Expression eff.ReplacementExpression dsdt
                    let dom = eff.AssumePositive |> Seq.fold (fun (a: Assumptions) n -> a.AndPositive(Symbol n)) domain
                    let e = f2 * Normal.simplifyWith dom inEffective
                    let ps = parametersIn m [ e ] |> List.filter (fun p -> p.Symbol <> nucleus.MassParameter.Symbol)
                    e, ps @ [ eff.Parameter ]
                else
                    f2 * Normal.simplifyWith domain dsdt, parameters
            let kin =
                let d = Kinematics.derivation ()
                let mk name e (ps: (string * string * string) list) unit eq descr = Formula.create name (inModel e) ps unit eq descr
                let pm = nucleus.Mass.ToString(), "MeV", "nuclear mass"
                if produced.IsMassless then
                    let pp = "m_0", "MeV", "produced mass (0)"
                    let zero = Structure.substitute Kinematics.Mchi Ops.zero
                    RecoilKinematics(
                        null,
                        Formula.create "T_min" Ops.zero [ "E_nu", "MeV", "neutrino energy"; pm; pp ] "MeV" "elastic: T_min = 0" "smallest recoil",
                        Formula.create "T_max" (inModel d.TMaxSM) [ "E_nu", "MeV", "neutrino energy"; pm; pp ] "MeV" "seed 001 eq. (2.10)" "largest recoil",
                        Formula.create "E_nu_min_of_T" (inModel (zero d.EnuMinOfTSM)) [ "T", "MeV", "recoil energy"; pm; pp ] "MeV" "inverse of seed 001 eq. (2.10)" "smallest E_ν giving T",
                        Formula.create "E_nu_min" Ops.zero [ pm; pp ] "MeV" "elastic: no threshold" "threshold")
                else
                    let pp = produced.Mass.ToString(), "MeV", "mass of the produced particle"
                    RecoilKinematics(
                        produced.MassParameter,
                        mk "T_min" d.TMinStable [ "E_nu", "MeV", "neutrino energy"; pm; pp ] "MeV" "seed 001 eq. (2.9)" "smallest recoil energy (Vieta form of the − root)",
                        mk "T_max" d.TMax [ "E_nu", "MeV", "neutrino energy"; pm; pp ] "MeV" "seed 001 eq. (2.9)" "largest recoil energy",
                        mk "E_nu_min_of_T" d.EnuMinOfT [ "T", "MeV", "recoil energy"; pm; pp ] "MeV" "inverse of seed 001 eq. (2.9)" "smallest neutrino energy giving recoil T",
                        mk "E_nu_min" d.EnuMin [ pm; pp ] "MeV" "seed 001 eq. (2.11)" "threshold neutrino energy")
            let i =
                info kind ProcessCategory.NucleusScattering name m seedEq (twoLineText ds) spins nus m2 "1" variables parameters
            Some(NucleusScatteringProcess(i, dsdtExpr, dsdtParameters, kin, reference m dsdtEq) :> Process)

    // ---- χ N → ν N at rest (seed 000 sec. VI) -----------------------------------------------------------------------

    let private conversionAtRest (m: ModelData) (nu: Field) (nus: Field list) : Process option =
        // a model without a dark fermion (e.g. a light Z' coupled to ν and quarks) has no χ processes
        if String.IsNullOrEmpty m.Roles.DarkFermion then None else
        let chi = fieldNamed m m.Roles.DarkFermion
        let nucleus = fieldNamed m m.Roles.Nucleus
        let legs = [ leg chi false true "p1"; leg nucleus false true "p2"; leg nu false false "k1"; leg nucleus false false "k2" ]
        let names = { In1 = "p1"; In2 = "p2"; Out1 = "k1"; Out2 = "k2" }
        match twoLineDiagrams m names legs with
        | [] -> None
        | ds ->
            requireCoherent nucleus ds
            let mX, mN = chi.Mass, nucleus.Mass
            // exact two-body kinematics at rest: √s = m_X + m_N, E_ν = m_X(m_X + 2m_N)/(2√s), E_R = m_X²/(2√s)
            let sqrtS = mX + mN
            let eNu = mX * (mX + 2 * mN) / (2 * sqrtS)
            let eR = mX ** 2 / (2 * sqrtS)
            let q2 = mX ** 2 - 2 * mX * eNu
            let dots =
                [ "k1", "p1", mX * eNu
                  "k2", "p2", mN * (mN + eR)
                  "p1", "p2", mX * mN
                  "k1", "p2", mN * eNu
                  "k2", "p1", mX * (mN + eR)
                  "k1", "k2", eNu * (mN + eR) + eNu ** 2
                  "p1", "p1", mX ** 2
                  "p2", "p2", mN ** 2
                  "k1", "k1", Ops.zero
                  "k2", "k2", mN ** 2 ]
            let propagators (c: Channel) (b: Field) (b': Field) =
                if c <> T then invalidOp "conversion at rest: only t-channel exchange is possible"
                let d (f: Field) = q2 - f.Mass ** 2
                if b.Name = b'.Name then 1 / (d b) ** 2 else 1 / (d b * d b')
            let incoming = legs |> List.filter (fun l -> l.Incoming)
            let outgoing = legs |> List.filter (fun l -> not l.Incoming)
            let raw = twoLineSquaredAny ds (averaging incoming outgoing) propagators (fun c b -> if c <> T then invalidOp "conversion at rest: only t-channel exchange is possible" else 1 / (q2 - b.Mass ** 2))
            let m2 = Dirac.substituteDots dots raw
            // σv = |M|² |k| / (4π √s) / (4 E_X E_N), |k| = E_ν
            let sv = m2 * eNu / (16 * pi * sqrtS * mX * mN)
            let bosons = ds |> List.filter (fun d -> not d.Boson.IsMassless) |> List.map (fun d -> d.Boson.MassParameter.Symbol) |> List.distinct
            let couplings = ds |> List.collect (fun d -> let (_, ta, _), (_, tb, _) = d.LineA, d.LineB in [ ta.Coupling.Symbol; tb.Coupling.Symbol ]) |> List.distinct
            let positive = [ chi.MassParameter.Symbol; nucleus.MassParameter.Symbol ] @ bosons @ couplings
            let sv = Normal.simplifyWith (Assumptions.Positive positive) sv
            let parameters = parametersIn m [ sv ] |> List.filter (fun p -> p.Symbol <> nucleus.MassParameter.Symbol)
            let name = sprintf "%s %s → ν %s" chi.Display nucleus.Display nucleus.Display
            let spins = spinStatement incoming outgoing + "; both initial particles at rest"
            let i =
                info ProcessKind.ChiNucleusToNeutrinoNucleus ProcessCategory.ConversionAtRest name m "seed 000 sec. VI–VII [proof dd.sigma-nc-normalisation]"
                    (twoLineText ds) spins nus (Normal.simplifyWith (Assumptions.Positive positive) m2) "1" [ nucleus.MassParameter ] parameters
            Some(ConversionAtRestProcess(i, sv, nucleus.MassParameter :: parameters) :> Process)

    // ---- S → χ ν̄ + χ̄ ν ----------------------------------------------------------------------------------------

    let private decay (m: ModelData) (nu: Field) (nus: Field list) : Process option =
        // a model without a dark fermion (e.g. a light Z' coupled to ν and quarks) has no χ processes
        if String.IsNullOrEmpty m.Roles.DarkFermion then None else
        let chi = fieldNamed m m.Roles.DarkFermion
        let med = fieldNamed m m.Roles.Mediator
        let channel (fx: Field) (xAnti: bool) (fy: Field) (yAnti: bool) =
            // the barred leg first; k1 is always χ (or χ̄), k2 the neutrino
            let x = leg fx xAnti false (if fx.Name = chi.Name then "k1" else "k2")
            let y = leg fy yAnti false (if fy.Name = chi.Name then "k1" else "k2")
            match decayTerms m x y med with
            | [] -> None
            | [ t ] -> Some(x, t, y)
            | _ -> notYet "several vertices for one decay channel"
        // S → χ ν̄: ū(χ) Γ v(ν); S → χ̄ ν: ū(ν) Γ̄ v(χ)
        let c1 = channel chi false nu true
        let c2 = channel nu false chi true
        let chans = [ c1; c2 ] |> List.choose id
        if chans.IsEmpty then None
        else
            let mS, m1 = med.Mass, chi.Mass
            let k1k2 = (mS ** 2 - m1 ** 2 - nu.Mass ** 2) / 2
            let dots = [ "k1", "k2", k1k2; "k1", "k1", m1 ** 2; "k2", "k2", nu.Mass ** 2 ]
            let vector = med.Kind = FieldKind.Vector
            let m2s = chans |> List.map (fun (x, t, y) -> Normal.simplify (Dirac.substituteDots dots (if vector then decaySquaredVector x t y med else decaySquared x t y)))
            let m2 = m2s.Head
            // |k| = (m_S² − m_χ²)/(2 m_S) for a massless neutrino
            let k = (mS ** 2 - m1 ** 2) / (2 * mS)
            let sum =
                if m2s |> List.forall (fun e -> e = m2) then m2s.Length * m2
                else List.sum m2s
            let width = Normal.simplify (sum * k / (8 * pi * mS ** 2))
            let names = chans |> List.map (fun (x, _, y) -> let d (l: Leg) = (if l.Field.Kind = FieldKind.LeftHandedNeutrino then (if l.Anti then "ν̄" else "ν") else (if l.Anti && not l.Field.IsSelfConjugate then l.Field.Display + "̄" else l.Field.Display)) in sprintf "%s → %s %s" med.Display (d (if x.Momentum = "k1" then x else y)) (d (if x.Momentum = "k1" then y else x)))
            let parameters = parametersIn m [ m2; width ]
            let (x0, t0, y0) = chans.Head
            let i =
                info ProcessKind.MediatorDecay ProcessCategory.Decay names.Head m "seed 001 below eq. (4.2) [proof decay.s-width]"
                    (sprintf "%s %s %s %s" t0.Coupling.Symbol (text x0) t0.GammaText (text y0))
                    (if vector then "summed over the final spins, averaged over the vector's three polarisations (Σ ε_μ ε*_ν = −g_μν + k_μk_ν/m²); the neutrino has one helicity"
                     else "summed over the final spins (the scalar has none to average); the neutrino has one helicity") nus m2 "MeV^2" [] parameters
            Some(DecayProcess(i, width, names, reference m "seed 001 below eq. (4.2), with the phase-space factor (1 − m_χ²/m_S²)² [proof decay.s-width]") :> Process)

    /// The width of a scalar b into a fermion pair, Γ(b → f f̄) = |k| Σ|M|²/(8π m_b²) × (1/2 for a Majorana f: b → f f,
    /// identical particles), |k| = √(m_b²/4 − m_f²) (PDG review "Kinematics", two-body decay), Σ|M|² from
    /// FeynmanRules.pairDecaySquared; MeV, 0 when the model has no f̄ Γ f b term. E.g. for L ⊃ −½ y χ̄ χ S (the file's
    /// y bar(chi) chi S, χ Majorana): y² m_S β³/(16π), β = √(1 − 4m_χ²/m_S²) — half the Dirac y² m_S β³/(8π)
    /// [proof mj.width-pair]. Not a ProcessKind: S → χ χ is not part of MediatorDecay (S → χ ν̄ + χ̄ ν).
    let fermionPairWidth (m: ModelData) (b: Field) (f: Field) : Expr =
        let m2 = pairDecaySquared m b f
        let mf = if f.IsMassless then Ops.zero else f.Mass
        let k = sqrt (b.Mass ** 2 / 4 - mf ** 2)
        let identical = if f.IsSelfConjugate then rat 1 2 else Ops.one
        Normal.simplify (identical * m2 * k / (8 * pi * b.Mass ** 2))

    /// The two-body channels of a boson b into the model's own particles, for the total width of an s-channel
    /// mediator: b → f f̄ for every fermion field f with a term f̄ Γ f b (fermionPairWidth: a scalar, or a massive vector
    /// averaged over its polarisations; each neutrino field is one flavour, b → ν ν̄ with its one helicity), and, for the
    /// model's mediator, S → χ ν̄ + χ̄ ν per neutrino field (MediatorDecay). As (name, Γ above threshold in MeV, threshold
    /// = the sum of the final masses in MeV). Not included: the nucleus (a coherent target, not a decay product),
    /// particles the model does not declare (quarks, hadrons, charged leptons …) and boson pairs.
    let mediatorChannels (m: ModelData) (b: Field) : (string * Expr * Expr) list =
        let nucleus = m.Roles.Nucleus
        let massOf (f: Field) = if f.IsMassless then Ops.zero else f.Mass
        let display (f: Field) (anti: bool) =
            if f.Kind = FieldKind.LeftHandedNeutrino then (if anti then "ν̄" else "ν")
            elif anti && not f.IsSelfConjugate then f.Display + "̄"
            else f.Display
        let pairs =
            [ for f in m.Fields do
                  if f.IsFermion && f.Name <> nucleus then
                      // masses are positive (sqrt(m²) = m in the printed width); couplings may have either sign
                      let w = fermionPairWidth m b f |> Normal.simplifyWith (Assumptions.Positive [ for p in m.Parameters do if p.Role = ParameterRole.Mass then yield p.Symbol ])
                      if not (Ops.isZero w) then
                          yield sprintf "%s → %s %s" b.Display (display f false) (display f true), w, 2 * massOf f ]
        let decays =
            if b.Name <> m.Roles.Mediator || String.IsNullOrEmpty m.Roles.DarkFermion then []
            else
                let chi = fieldNamed m m.Roles.DarkFermion
                [ for nu in neutrinos m do
                      match decay m nu [ nu ] with
                      | Some(:? DecayProcess as d) -> yield String.Join(" + ", d.Channels), d.Width.Expression, massOf chi
                      | _ -> () ]
        pairs @ decays

    /// The symbol the total width of the boson b is held as in |M|² (the Breit–Wigner propagator).
    let widthSymbol (b: Field) = "Gamma_" + b.Name

    // ---- a a → b b in the CM frame ----------------------------------------------------------------------------------

    /// σv_rel(s) by 48-point Gauss–Legendre quadrature in cos θ of a compiled integrand, zero below threshold. |M|² ≥ 0,
    /// so a negative sum can only be round-off in a cancellation (e.g. the d-wave SS → νν̄ just above threshold);
    /// anything beyond that is an error, not a number to pass on. `coupling` gives the σv scale y⁴/(8π s) used to
    /// judge round-off. MeV⁻². Inline, so that the callers' integrand lambdas are not allocated per call (a relic
    /// search calls it ~10⁴ times per mass pair).
    let inline sigmaVQuadrature (name: string) (integrand: float -> float -> float) (sMin: float) (sMinFinal: float) (coupling: float) (sv: float) : float =
        let rule = GaussLegendre.Rule 48
        let nodes, weights = rule.Nodes, rule.Weights
        let sMin = max sMin sMinFinal
        if not (sv > sMin) then 0.0
        else
            let mutable acc = 0.0
            let mutable absAcc = 0.0
            for i in 0 .. nodes.Length - 1 do
                let term = weights.[i] * integrand sv nodes.[i]
                acc <- acc + term
                absAcc <- absAcc + abs term
            let natural = coupling * coupling * coupling * coupling / (8.0 * Math.PI * sv) // σv scale of a dimensionless |M|²/y⁴ of order one
            if acc >= 0.0 then acc
            elif -acc <= 1e-9 * max absAcc natural then 0.0
            else invalidOp (sprintf "%s: σv(s = %g) = %g < 0 beyond round-off (Σ|terms| = %g)" name sv acc absAcc)

    /// The total width of each boson whose width symbol (widthSymbol) |M|² holds: its channels (mediatorChannels).
    let private widthsIn (m: ModelData) (m2: Expr) : (Field * (string * Expr * Expr) list) list =
        let symbols = Structure.symbols m2 |> Set.ofList
        [ for b in m.Fields do
              if not b.IsFermion && symbols.Contains(widthSymbol b) then
                  match mediatorChannels m b with
                  | [] -> invalidOp (sprintf "model '%s': %s is exchanged in the s-channel but has no two-body channel into the model's particles: its width would be 0 and σv infinite at s = %O²" m.Name b.Display b.Mass)
                  | cs -> yield b, cs ]

    /// The annihilation process of a derived |M|² (in info): σv's integrand, its low-velocity expansion (on first use)
    /// and the compiled σv; with an s-channel mediator (its width symbol in |M|²) the width derived from the model
    /// (MediatorWidth), evaluated from the same parameter values at every σv call. Also what the model cache rebuilds a
    /// cached annihilation with.
    let annihilationOf (m: ModelData) (i: ProcessInfo) (initial: Field) (final: Field) : AnnihilationProcess =
        let widths = widthsIn m i.SquaredAmplitude
        if widths.Length > 1 then notYet "several different bosons exchanged in the s-channel of an annihilation"
        let i = { i with Widths = widths |> List.map (fun (b, cs) -> widthSymbol b, cs |> List.sumBy (fun (_, w, _) -> w)) }
        let mIn, mOut, m2, parameters = initial.Mass, final.Mass, i.SquaredAmplitude, i.ModelParameters
        let width =
            match widths with
            | [ b, cs ] ->
                MediatorWidth(b, widthSymbol b, cs, parameters,
                              sprintf "Γ = |k| Σ|M|²/(8π m²) of each channel from the vertices of model '%s' (Σ|M|² averaged over a vector's three polarisations; ½ for identical final particles) [proofs sch.width-*]" m.Name)
            | _ -> Unchecked.defaultof<MediatorWidth>
        let integrand = sigmaVIntegrand mOut m2
        let lv = lazy (lowVelocity (symbolsOf parameters @ (i.Widths |> List.map fst)) mIn mOut m2)
        let couplingIndex =
            parameters |> List.tryFindIndex (fun p -> p.Role = ParameterRole.Coupling) |> Option.defaultValue -1
        let evaluate (f: Func<float, float, float[], float>) (sMin: Func<float[], float>) (sMinFinal: Func<float[], float>) =
            if isNull (box width) then
                Func<float, float[], float>(fun sv values ->
                    let g = if couplingIndex >= 0 then values.[couplingIndex] else 1.0
                    sigmaVQuadrature i.Name (fun a c -> f.Invoke(a, c, values)) (sMin.Invoke values) (sMinFinal.Invoke values) g sv)
            else
                // the integrand reads Γ after the model parameters: computed once per σv(s) from the same values
                Func<float, float[], float>(fun sv values ->
                    let g = if couplingIndex >= 0 then values.[couplingIndex] else 1.0
                    let extended = Array.zeroCreate (values.Length + 1)
                    Array.blit values 0 extended 0 values.Length
                    extended.[values.Length] <- width.Invoke values
                    sigmaVQuadrature i.Name (fun a c -> f.Invoke(a, c, extended)) (sMin.Invoke values) (sMinFinal.Invoke values) g sv)
        AnnihilationProcess(i, initial, final, integrand, lv, evaluate, width)

    let private annihilation (m: ModelData) (kind: ProcessKind) (nu: Field) (nus: Field list) : Process option =
        // a model without a dark fermion (e.g. a light Z' coupled to ν and quarks) has no χ processes
        if String.IsNullOrEmpty m.Roles.DarkFermion then None else
        let chi = fieldNamed m m.Roles.DarkFermion
        let med = fieldNamed m m.Roles.Mediator
        let initial, iAnti, final, fAnti, seedEq =
            match kind with
            | ProcessKind.ChiAntichiToNeutrinoAntineutrino -> chi, true, nu, true, "seed 000 sec. VII, seed 001 eq. (4.2) [proof ann.chichi-nunu]"
            | ProcessKind.ChiAntichiToMediatorPair -> chi, true, med, true, "seed 001 eq. (4.2) [proof ann.partial-waves]"
            | ProcessKind.MediatorPairToNeutrinoAntineutrino -> med, true, nu, true, "seed 001 eq. (4.2) [proof ann.partial-waves]"
            | _ -> med, true, chi, true, "seed 001 eq. (4.2)"
        // a particle and its antiparticle: χ χ̄, ν ν̄, φ φ* of a complex scalar; a real scalar, a vector or a Majorana
        // fermion is its own antiparticle (S S, V V)
        let hasAntiparticle (f: Field) = if f.IsFermion then not f.IsSelfConjugate else f.Kind = FieldKind.ComplexScalar
        let pair (f: Field) anti incoming (a: string) (b: string) = [ leg f false incoming a; leg f (anti && hasAntiparticle f) incoming b ]
        let ins = pair initial iAnti true "p1" "p2"
        let outs = pair final fAnti false "k1" "k2"
        let legs = ins @ outs
        let names = { In1 = "p1"; In2 = "p2"; Out1 = "k1"; Out2 = "k2" }
        let mIn, mOut = initial.Mass, final.Mass
        let avg = averaging ins outs
        // the masses exchanged in each channel, in the order met: the first is P_t (P_u), further ones P_t2, P_t3, …
        // (e.g. ν and χ both exchanged in χ χ → S S of a Majorana χ with χ̄ P_L ν S + h.c. and ½ y_s χ̄ χ S)
        let used = Collections.Generic.Dictionary<Channel, Collections.Generic.List<Expr>>()
        // the boson exchanged in the s-channel (one: its propagator P_s gets the Breit–Wigner form below)
        let mutable sBoson : Field option = None
        let sChannel (b: Field) =
            match sBoson with
            | Some b0 when b0.Name <> b.Name -> notYet "two different bosons exchanged in the s-channel of an annihilation"
            | _ ->
                if b.IsMassless then notYet "a massless boson exchanged in the s-channel of an annihilation"
                sBoson <- Some b
        let placeholder (c: Channel) (mass2: Expr) =
            let baseName =
                match c with
                | T -> "P_t"
                | U -> "P_u"
                | S -> "P_s"
            let masses =
                match used.TryGetValue c with
                | true, l -> l
                | _ ->
                    let l = Collections.Generic.List<Expr>()
                    used.[c] <- l
                    l
            let i = match masses.IndexOf mass2 with | -1 -> masses.Add mass2; masses.Count - 1 | i -> i
            if i = 0 then s baseName else s (sprintf "%s%d" baseName (i + 1))
        let raw, text =
            if initial.IsFermion && final.IsFermion then
                match twoLineDiagrams m names legs with
                | [] -> Ops.zero, ""
                | ds ->
                    let propagators (c: Channel) (b: Field) (b': Field) =
                        if b.Name <> b'.Name then notYet "two different bosons exchanged in an annihilation"
                        if c = S then sChannel b
                        (placeholder c (b.Mass ** 2)) ** 2
                    let single (c: Channel) (b: Field) =
                        if c = S then sChannel b
                        placeholder c (b.Mass ** 2)
                    twoLineSquaredAny ds avg propagators single, twoLineText ds
            else
                let fermions, bosons = legs |> List.partition (fun l -> l.Field.IsFermion)
                let x, y, ds = oneLineDiagrams m names fermions bosons
                if ds.IsEmpty then Ops.zero, ""
                else
                    let propagator (c: Channel) (f: Field) =
                        if c = S then notYet "a fermion exchanged in the s-channel of an annihilation"
                        placeholder c (f.Mass ** 2)
                    let txt =
                        String.Join(" + ", ds |> List.map (fun d ->
                            sprintf "%s %s [%s %s (q̸_%s + m_%s) %s] %s/(%s − m_%s²)%s" d.TermX.Coupling.Symbol d.TermY.Coupling.Symbol (text x) d.TermX.GammaText (channelText d.Channel) d.Internal.Name d.TermY.GammaText (text y) (channelText d.Channel) d.Internal.Name
                                (if d.Reversed then " (opposite fermion flow, Γ → C Γᵀ C⁻¹)" else "")))
                    oneLineSquared x y ds avg propagator, txt
        if Ops.isZero raw then None
        else
            let massesIn (c: Channel) = match used.TryGetValue c with | true, l -> List.ofSeq l | _ -> []
            // P_t and P_u always (an unused one with the other channel's mass, as before), then the further masses
            let ts, us = massesIn T, massesIn U
            let tMass2 = match ts, us with | t :: _, _ -> t | [], u :: _ -> u | _ -> Ops.zero
            let uMass2 = match us with | u :: _ -> u | [] -> tMass2
            let extra (c: Channel) (other: string) (ms: Expr list) =
                ms |> List.skip (min 1 ms.Length) |> List.map (fun m2 -> placeholder c m2, other, m2)
            let props = [ pt, "k1", tMass2; pu, "k2", uMass2 ] @ extra T "k1" ts @ extra U "k2" us
            let channels = match sBoson with Some b -> mediatorChannels m b | None -> []
            let parameters = parametersIn m (raw :: mIn :: mOut :: (props |> List.map (fun (_, _, m2) -> m2)) @ (channels |> List.collect (fun (_, w, t) -> [ w; t ])))
            let positive = symbolsOf parameters @ (match sBoson with Some b -> [ widthSymbol b ] | None -> [])
            let domain = Assumptions.Positive("s" :: positive)
            let m2 =
                match sBoson with
                | None -> withPropagatorSet domain mIn mOut raw props
                | Some b ->
                    // M = M_s + M_tu with M_s ∝ P_s = 1/(s − m² + i mΓ) (Breit–Wigner). Σ|M|² is c0 + c1 P_s + c2 P_s² in the
                    // placeholder P_s: P_s² comes only from |M_s|² → |P_s|² = 1/((s − m²)² + m²Γ²); P_s¹ only from the
                    // interference 2 Re(M_s M_tu*) → Re P_s = (s − m²)/((s − m²)² + m²Γ²) — its coefficient is real, since
                    // the ε tensors of a 2 → 2 trace (three independent momenta) vanish (set to 0 in the traces).
                    let ps = s "P_s"
                    let cs = Polynomial.coefficients ps raw
                    if cs.Length > 3 then invalidOp (sprintf "%s: |M|² of degree %d in the s-channel propagator" (kindName kind) (cs.Length - 1))
                    let c k = if k < cs.Length then cs.[k] else Ops.zero
                    let part (e: Expr) = if Ops.isZero e then Ops.zero else withPropagatorSet domain mIn mOut e props
                    let d = sMand - b.Mass ** 2
                    let breitWigner = d ** 2 + b.Mass ** 2 * s (widthSymbol b) ** 2
                    part (c 0) + part (c 1) * d / breitWigner + part (c 2) / breitWigner
            let display (l: Leg) = if l.Field.Kind = FieldKind.LeftHandedNeutrino then (if l.Anti then "ν̄" else "ν") else l.Display
            let name = sprintf "%s %s → %s %s" (display ins.[0]) (display ins.[1]) (display outs.[0]) (display outs.[1])
            let spins = spinStatement ins outs + (if final.Kind = FieldKind.LeftHandedNeutrino then "; per neutrino flavour" else "")
            let i =
                info kind ProcessCategory.Annihilation name m seedEq text spins nus m2 "1" [ ProcessVariables.MandelstamS; ProcessVariables.CosTheta ] parameters
            Some(annihilationOf m i initial final :> Process)

    // ---- χ ν → χ ν, χ ν̄ → χ ν̄ ---------------------------------------------------------------------------------

    let private elastic (m: ModelData) (kind: ProcessKind) (nu: Field) (nus: Field list) : Process option =
        // a model without a dark fermion (e.g. a light Z' coupled to ν and quarks) has no χ processes
        if String.IsNullOrEmpty m.Roles.DarkFermion then None else
        let chi = fieldNamed m m.Roles.DarkFermion
        let anti = kind = ProcessKind.ChiAntineutrinoToChiAntineutrino
        // X(p1) ν(k1) → X(p2) ν(k2)
        let legs = [ leg chi false true "p1"; leg nu anti true "k1"; leg chi false false "p2"; leg nu anti false "k2" ]
        let names = { In1 = "p1"; In2 = "k1"; Out1 = "p2"; Out2 = "k2" }
        match twoLineDiagrams m names legs with
        | [] -> None
        | ds ->
            let mChi = chi.Mass
            let sv, tv = s "s", s "t"
            let uv = 2 * mChi ** 2 - sv - tv
            let dots =
                [ "k1", "p1", (sv - mChi ** 2) / 2
                  "k2", "p2", (sv - mChi ** 2) / 2
                  "k2", "p1", (mChi ** 2 - uv) / 2
                  "k1", "p2", (mChi ** 2 - uv) / 2
                  "k1", "k2", -(tv / 2)
                  "p1", "p2", mChi ** 2 - tv / 2
                  "k1", "k1", Ops.zero; "k2", "k2", Ops.zero
                  "p1", "p1", mChi ** 2; "p2", "p2", mChi ** 2 ]
            let propagators (c: Channel) (b: Field) (b': Field) =
                let inv =
                    match c with
                    | S -> sv
                    | U -> uv
                    | T -> tv
                let d (f: Field) = inv - f.Mass ** 2
                if b.Name = b'.Name then 1 / (d b) ** 2 else 1 / (d b * d b')
            let incoming = legs |> List.filter (fun l -> l.Incoming)
            let outgoing = legs |> List.filter (fun l -> not l.Incoming)
            let single (c: Channel) (b: Field) =
                let inv =
                    match c with
                    | S -> sv
                    | U -> uv
                    | T -> tv
                1 / (inv - b.Mass ** 2)
            let raw = twoLineSquaredAny ds (averaging incoming outgoing) propagators single
            let parameters = parametersIn m [ raw; mChi ]
            let dom = Assumptions.Positive(symbolsOf parameters)
            // square-free factored numerator and denominator: (s − m²)² stays a square, free of cancellation at ω → 0
            let num, den = Normal.numeratorDenominator dom (Dirac.substituteDots dots raw)
            let m2 = Polynomial.squareFreeParts num / Polynomial.squareFreeParts den
            let nuText = if anti then "ν̄" else "ν"
            let name = sprintf "%s %s → %s %s" chi.Display nuText chi.Display nuText
            let i =
                info kind ProcessCategory.ElasticScattering name m "seed 000 sec. IV, Fig. 1(c) [proof amp.x-nu]" (twoLineText ds)
                    (spinStatement incoming outgoing) nus m2 "1" [ ProcessVariables.MandelstamS; ProcessVariables.MandelstamT ] parameters
            Some(ElasticScatteringProcess(i) :> Process)

    // ---- entry point -----------------------------------------------------------------------------------------------

    /// The category of a kind.
    let categoryOf (kind: ProcessKind) =
        match kind with
        | ProcessKind.NeutrinoNucleusToChiNucleus
        | ProcessKind.AntineutrinoNucleusToAntichiNucleus
        | ProcessKind.NeutrinoNucleusToNeutrinoNucleus
        | ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel -> ProcessCategory.NucleusScattering
        | ProcessKind.ChiNucleusToNeutrinoNucleus -> ProcessCategory.ConversionAtRest
        | ProcessKind.ChiAntichiToNeutrinoAntineutrino
        | ProcessKind.ChiAntichiToMediatorPair
        | ProcessKind.MediatorPairToNeutrinoAntineutrino
        | ProcessKind.MediatorPairToChiAntichi -> ProcessCategory.Annihilation
        | ProcessKind.MediatorDecay -> ProcessCategory.Decay
        | ProcessKind.ChiNeutrinoToChiNeutrino
        | ProcessKind.ChiAntineutrinoToChiAntineutrino -> ProcessCategory.ElasticScattering
        | _ -> raise (ArgumentOutOfRangeException("kind", kind, "unknown process kind"))

    /// Derives a kind for one neutrino field (None: absent). `nus` are the neutrino fields the result holds for.
    let private deriveOrRaise (m: ModelData) (kind: ProcessKind) (nu: Field) (nus: Field list) : Process option =
        // no neutrino in any vertex (nu = null, e.g. a Majorana χ with ½ y χ̄ χ S alone): every process with a neutrino
        // leg is absent; χ χ̄ → S S and S S → χ χ̄ do not need one
        let needsNeutrino = not (kind = ProcessKind.ChiAntichiToMediatorPair || kind = ProcessKind.MediatorPairToChiAntichi)
        if isNull (box nu) && needsNeutrino then None else
        match kind with
        | ProcessKind.NeutrinoNucleusToChiNucleus
        | ProcessKind.AntineutrinoNucleusToAntichiNucleus
        | ProcessKind.NeutrinoNucleusToNeutrinoNucleus
        | ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel -> nucleusScattering m kind nu nus
        | ProcessKind.ChiNucleusToNeutrinoNucleus -> conversionAtRest m nu nus
        | ProcessKind.ChiAntichiToNeutrinoAntineutrino
        | ProcessKind.ChiAntichiToMediatorPair
        | ProcessKind.MediatorPairToNeutrinoAntineutrino
        | ProcessKind.MediatorPairToChiAntichi -> annihilation m kind nu nus
        | ProcessKind.MediatorDecay -> decay m nu nus
        | ProcessKind.ChiNeutrinoToChiNeutrino
        | ProcessKind.ChiAntineutrinoToChiAntineutrino -> elastic m kind nu nus
        | _ -> raise (ArgumentOutOfRangeException("kind", kind, "unknown process kind"))

    /// Derives a kind for one neutrino field: the process, or None and why it is absent ("" when the model simply has
    /// no vertices for it). `nus` are the neutrino fields the result holds for.
    let deriveWithReason (m: ModelData) (kind: ProcessKind) (nu: Field) (nus: Field list) : Process option * string =
        try
            deriveOrRaise m kind nu nus, ""
        with AbsentBecause reason -> None, reason

    /// Derives a kind for one neutrino field (None: absent). `nus` are the neutrino fields the result holds for.
    let derive (m: ModelData) (kind: ProcessKind) (nu: Field) (nus: Field list) : Process option = fst (deriveWithReason m kind nu nus)
