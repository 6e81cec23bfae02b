/// Proof obligations of the field kinds beyond a Dirac fermion and a real scalar, and of four-fermion processes with
/// both pairings: a complex scalar mediator (cs.*: its φ and φ† vertices, against a hand trace, crossing, the
/// real-scalar model where the processes cannot tell the two apart, the width of a scalar into two fermions); both
/// pairings of four fermions with their relative Fermi sign (fermi.*: massless Bhabha and Møller scattering); a
/// Majorana χ by the fermion-flow rules of Denner, Eck, Hahn, Küblbeck, Nucl. Phys. B387 (1992) 467 (mj.*: helicity
/// suppression of χ χ → ν ν̄, the CP-forbidden s-wave of χ χ → S S, one-graph processes equal to the Dirac ones,
/// crossing, identical initial particles, the width; and the Majorana bilinear ½ y χ̄ Γ χ S, the file's y bar(chi) Γ chi S:
/// the widths Γ(S → χχ), Γ(a → χχ), the s-channel χ χ → f f̄ (p-wave for 1, s-wave for iγ5) and χ χ → S S through
/// χ exchanged between the external χ).
///
/// Hand traces of the bilinear (vertex i y Γ, FeynmanRules.majoranaVertex; one fermion flow per chain):
///   S → χ(k1) χ(k2): Σ|M|² = y² Tr[(k̸1 + m)(k̸2 − m)] = 4y²(k1·k2 − m²) = 2y² m_S² β², β² = 1 − 4m²/m_S²;
///     Γ = ½ × |k| Σ|M|²/(8π m_S²), |k| = m_S β/2: y² m_S β³/(16π); with iγ5, Σ|M|² = 4y²(k1·k2 + m²) = 2y² m_a²: y² m_a β/(16π).
///   χ(p1) χ(p2) → S* → f(k1) f̄(k2): M = −y_χ y_f [v̄(p1) Γ_χ u(p2)][ū(k1) Γ_f v(k2)]/(s − m_S²);
///     Γ = 1: Tr[(p̸1 − m)(p̸2 + m)] = 2(s − 4m²) (= 8p², p-wave), Tr[(k̸1 + m_f)(k̸2 − m_f)] = 2(s − 4m_f²);
///     Γ = iγ5: Tr[(p̸1 − m)iγ5(p̸2 + m)iγ5] = 2s, and 2s for f: ¼Σ|M|² = y_χ² y_f² s²/(s − m_a²)², isotropic, so
///     σv = 2|k| ¼Σ|M|²/(8π s^{3/2}) → a = y_χ² y_f² m_χ² β_f/(2π(4m_χ² − m_a²)²) at s = 4m_χ², β_f = √(1 − m_f²/m_χ²).
///
/// The complex-scalar model: L ⊃ y_χ χ̄ P_L ν φ + h.c. + y_N N̄ N φ + h.c. (a Dirac χ of mass m_χ, a complex scalar φ of
/// mass m_φ, the left-handed ν, the nucleus N). The written term has φ (annihilates φ, creates φ*), its conjugate
/// y_χ ν̄ P_R χ φ† the reverse; the propagator joins a φ vertex to a φ† vertex only.
///
/// Hand trace of χ(p1) χ̄(p2) → φ(k1) φ*(k2). The outgoing φ* is created by the φ vertex χ̄ P_L ν φ, at the χ̄ end
/// v̄(p2); the outgoing φ by the φ† vertex ν̄ P_R χ φ†, at the χ end u(p1). So one diagram, ν exchanged with
/// q = p1 − k1 (t channel); the u-channel graph of a real scalar would need φ from the φ vertex, which creates φ*:
///   M = y_χ² v̄(p2) P_L q̸ P_R u(p1) / t = y_χ² v̄(p2) q̸ P_R u(p1) / t,
///   Σ|M|² = y_χ⁴/t² Tr[(p̸2 − m_χ) q̸ P_R (p̸1 + m_χ) P_L q̸] = y_χ⁴/t² Tr[p̸2 q̸ p̸1 q̸ P_R]
///         = 2y_χ⁴/t² [2(p1·q)(p2·q) − q² p1·p2]   (the ε term has q twice).
/// With t = q², p1·q = (m_χ² − m_φ² + t)/2 = −p2·q (s + t + u = 2m_χ² + 2m_φ²), p1·p2 = (s − 2m_χ²)/2:
///   Σ|M|² = −y_χ⁴ [(t + m_χ² − m_φ²)² + t(s − 2m_χ²)]/t² = y_χ⁴ [tu − 2m_χ² t − (m_χ² − m_φ²)²]/t²,
/// the familiar (tu − m_φ⁴)/t² at m_χ = 0; averaged over the χ, χ̄ spins (1/4), no 1/2 (φ φ* are not identical).
module NuDM.Proofs.FieldKindProofs

open NuDM.Symbolic
open NuDM.Symbolic.Notation
open NuDM.Physics

let private s = Symbol
let private mChi, mPhi, yChi = s "m_chi", s "m_phi", s "y_chi"

let private coupling (symbol: string) (description: string) =
    ModelParameter(symbol, "1", 0, description, ParameterRole.Coupling, -sqrt (4.0 * System.Math.PI), sqrt (4.0 * System.Math.PI), "perturbativity", Seq.empty)
let private mass (symbol: string) (description: string) =
    ModelParameter(symbol, "MeV", 1, description, ParameterRole.Mass, 0.0, System.Double.PositiveInfinity, "", Seq.empty)

/// The seeds' Lagrangian y_χ χ̄ P_L ν B + h.c. + y_N N̄ N B (+ h.c. for a complex B) with χ and the scalar mediator B of
/// the given kinds; B is named by its field name, display and mass symbol (φ, m_phi or S, m_S).
let private seedLikeModel (name: string) (chiKind: FieldKind) (bosonKind: FieldKind) (boson: string, display: string, massSymbol: string) =
    let mChiP, mB, mN = mass "m_chi" "mass of χ", mass massSymbol (sprintf "mass of %s" display), mass "M" "mass of the nucleus"
    let yChiP, yN = coupling "y_chi" (sprintf "χ–%s–ν coupling" display), coupling "y_N" (sprintf "%s–nucleus coupling" display)
    let chi = Field("chi", "χ", chiKind, mChiP, "the new fermion", false, Seq.empty)
    let b = Field(boson, display, bosonKind, mB, "the scalar mediator", false, Seq.empty)
    let nu = Field("nu", "ν", FieldKind.LeftHandedNeutrino, null, "the active neutrino", true, Seq.empty)
    let n = Field("N", "N", FieldKind.DiracFermion, mN, "the nucleus", true, Seq.empty)
    let complex = bosonKind = FieldKind.ComplexScalar
    let dark = sprintf "y_χ χ̄ P_L ν %s + h.c." display
    let nucleus = sprintf "y_N N̄ N %s" display
    Model(name, dark + " + " + nucleus, "proofs", [ chi; b; nu; n ], [ mChiP; mB; mN; yChiP; yN ],
          [ Vertex(yChiP, "chi", DiracStructure.LeftScalar, "nu", boson, true, dark)
            Vertex(yN, "N", DiracStructure.Scalar, "N", boson, complex, nucleus) ],
          { DarkFermion = "chi"; Mediator = boson; Nucleus = "N" }, null)

/// The model y_χ χ̄ P_L ν φ + h.c. + y_N N̄ N φ (+ h.c. for a complex φ), with φ of the given kind.
let scalarMediatorModel (name: string) (kind: FieldKind) = seedLikeModel name FieldKind.DiracFermion kind ("phi", "φ", "m_phi")

let private complexModel = lazy (scalarMediatorModel "complex-scalar-proof" FieldKind.ComplexScalar)
let private realModel = lazy (scalarMediatorModel "real-scalar-proof" FieldKind.RealScalar)
let private m2Of (m: Model) (k: ProcessKind) = (m.Process k).SquaredAmplitude.Expression

/// The CM frame of χ χ̄ ↔ boson pairs (CmFrame.rational: s = 4E², m_χ = √(E² − p²), the boson mass √(E² − k²)).
let private cmFrame = CmFrame.rational mChi mPhi
let private expandsEqual = CmFrame.expandsEqual

/// The processes a single exchange makes in both models (the same diagram, one φ and one φ† vertex).
let private indistinguishable =
    [ ProcessKind.NeutrinoNucleusToChiNucleus; ProcessKind.AntineutrinoNucleusToAntichiNucleus; ProcessKind.ChiNucleusToNeutrinoNucleus
      ProcessKind.ChiAntichiToNeutrinoAntineutrino; ProcessKind.ChiNeutrinoToChiNeutrino; ProcessKind.ChiAntineutrinoToChiAntineutrino ]

// ---- both pairings of four fermions: massless QED ------------------------------------------------------------------

/// Massless QED as a model: a Dirac e (massless), a massless photon A (Feynman gauge, −i g_μν/q²), e ē γ^μ e A_μ;
/// a nucleus field only because a model names one (no vertex).
let private qed =
    lazy
        (let ec = coupling "e" "the electric charge (coupling of ē γ^μ e A_μ)"
         let mN = mass "M" "unused nucleus mass"
         let e = Field("e", "e", FieldKind.DiracFermion, null, "the electron, massless", true, Seq.empty)
         let a = Field("A", "γ", FieldKind.Vector, null, "the photon, massless", true, Seq.empty)
         let n = Field("N", "N", FieldKind.DiracFermion, mN, "unused", true, Seq.empty)
         Model("qed", "e ē γ^μ e A_μ", "proofs", [ e; a; n ], [ mN; ec ], [ Vertex(ec, "e", DiracStructure.Vector, "e", "A", false, "e ē γ^μ e A_μ") ],
               { DarkFermion = ""; Mediator = "A"; Nucleus = "N" }, null))

/// ¼ Σ|M|² of e(p1, a1) e(p2, a2) → e(k1, b1) e(k2, b2) (a = true: the positron) from the Feynman rules, every diagram of
/// both pairings of the four fermions, with massless kinematics in s, t = (p1 − k1)², u = (p1 − k2)².
let private qedSquared (a1: bool) (a2: bool) (b1: bool) (b2: bool) =
    let m = qed.Force()
    let e = m.Field "e"
    let legs = [ FeynmanRules.leg e a1 true "p1"; FeynmanRules.leg e a2 true "p2"; FeynmanRules.leg e b1 false "k1"; FeynmanRules.leg e b2 false "k2" ]
    let names : FeynmanRules.Names = { In1 = "p1"; In2 = "p2"; Out1 = "k1"; Out2 = "k2" }
    let ds = FeynmanRules.twoLineDiagrams m.Data names legs
    let sv, tv, uv = s "s", s "t", s "u"
    let propagator (c: FeynmanRules.Channel) (_: Field) =
        match c with
        | FeynmanRules.S -> 1 / sv
        | FeynmanRules.T -> 1 / tv
        | FeynmanRules.U -> 1 / uv
    let raw = FeynmanRules.twoLineSquaredAny ds (rat 1 4) (fun _ _ _ -> invalidOp "scalar pairs") propagator
    let dots =
        [ "p1", "p2", sv / 2; "k1", "k2", sv / 2; "k1", "p1", -(tv / 2); "k2", "p2", -(tv / 2); "k2", "p1", -(uv / 2); "k1", "p2", -(uv / 2)
          "p1", "p1", Ops.zero; "p2", "p2", Ops.zero; "k1", "k1", Ops.zero; "k2", "k2", Ops.zero ]
    ds.Length, FeynmanRules.crossedPairings ds, Dirac.substituteDots dots raw |> Structure.substitute uv (-sv - tv)

// ---- a Majorana χ ----------------------------------------------------------------------------------------------------

/// The seeds' scalar model with χ of the given kind: y_χ χ̄ P_L ν S + h.c. + y_N N̄ N S (S real).
let private chiModel (name: string) (kind: FieldKind) = seedLikeModel name kind FieldKind.RealScalar ("S", "S", "m_S")

let private majoranaModel = lazy (chiModel "majorana-proof" FieldKind.MajoranaFermion)
let private diracModel = lazy (chiModel "dirac-proof" FieldKind.DiracFermion)

// ---- Majorana bilinears: ½ y χ̄ Γ χ S --------------------------------------------------------------------------------

let private mS, mF, yF = s "m_S", s "m_f", s "y_f"

/// A model with χ of the given kind and a real scalar S coupled by the term y_χ χ̄ Γ χ S — for a Majorana χ the file's
/// convention L ⊃ ½ y_χ χ̄ Γ χ S (FeynmanRules.majoranaVertex) — and, if given, a Dirac f of mass m_f with y_f f̄ Γ_f f S;
/// ν and the nucleus N (y_N N̄ N S) because a model names its roles.
let private bilinearModel (name: string) (chiKind: FieldKind) (gamma: DiracStructure) (fermion: DiracStructure option) =
    let mChiP, mSP, mNP, mFP = mass "m_chi" "mass of χ", mass "m_S" "mass of S", mass "M" "mass of the nucleus", mass "m_f" "mass of f"
    let yChiP, yNP, yFP = coupling "y_chi" "χ–χ–S coupling", coupling "y_N" "S–nucleus coupling", coupling "y_f" "f–f–S coupling"
    let chi = Field("chi", "χ", chiKind, mChiP, "the new fermion", false, Seq.empty)
    let sc = Field("S", "S", FieldKind.RealScalar, mSP, "the scalar mediator", false, Seq.empty)
    let nu = Field("nu", "ν", FieldKind.LeftHandedNeutrino, null, "the active neutrino", true, Seq.empty)
    let n = Field("N", "N", FieldKind.DiracFermion, mNP, "the nucleus", true, Seq.empty)
    let f = Field("f", "f", FieldKind.DiracFermion, mFP, "a Standard-Model fermion", true, Seq.empty)
    let text (st: DiracStructure) = if st = DiracStructure.Pseudoscalar then "iγ5 " else ""
    let chiTerm = sprintf "y_χ χ̄ %sχ S" (text gamma)
    let fields, parameters, vertices =
        [ chi; sc; nu; n ], [ mChiP; mSP; mNP; yChiP; yNP ],
        [ Vertex(yChiP, "chi", gamma, "chi", "S", false, chiTerm); Vertex(yNP, "N", DiracStructure.Scalar, "N", "S", false, "y_N N̄ N S") ]
    let fields, parameters, vertices =
        match fermion with
        | None -> fields, parameters, vertices
        | Some st -> fields @ [ f ], parameters @ [ mFP; yFP ], vertices @ [ Vertex(yFP, "f", st, "f", "S", false, sprintf "y_f f̄ %sf S" (text st)) ]
    Model(name, String.concat " + " (vertices |> List.map (fun v -> v.Reference)), "proofs", fields, parameters, vertices,
          { DarkFermion = "chi"; Mediator = "S"; Nucleus = "N" }, null)

/// Γ(S → χ χ) (Majorana) or Γ(S → χ χ̄) (Dirac) of a bilinear model, from ProcessDerivation.fermionPairWidth.
let private pairWidth (m: Model) = ProcessDerivation.fermionPairWidth m.Data (m.Field "S") (m.Field "chi")

/// The pair widths of a Majorana bilinear model and its Dirac twin against y² m β^n/(16π) and y² m β^n/(8π),
/// β = √(1 − 4m_χ²/m²), on m > 2m_χ (the boson written `boson` in the labels).
let private pairWidths (majorana: Model) (dirac: Model) (betaPower: int) (boson: string) =
    let dom = (Assumptions.Positive [ "m_chi"; "m_S"; "y_chi" ]).AndPositive(mS - 2 * mChi)
    let beta = sqrt (1 - 4 * mChi ** 2 / mS ** 2)
    Prove.all
        [ Prove.equal dom (sprintf "Γ(%s → χχ), Majorana" boson) (pairWidth majorana) (yChi ** 2 * mS * beta ** betaPower / (16 * pi))
          Prove.equal dom (sprintf "Γ(%s → χχ̄), Dirac" boson) (pairWidth dirac) (yChi ** 2 * mS * beta ** betaPower / (8 * pi)) ]

/// χ(p1) χ(p2) → f(k1) f̄(k2) through the s-channel S from the Feynman rules (FeynmanRules.twoLineDiagrams, one line of
/// the two external χ): the number of graphs, ¼Σ|M|²(s, c) in the CM frame and σv = a + b v² (ProcessDerivation.lowVelocity).
let private sChannel (m: Model) =
    let chi, f = m.Field "chi", m.Field "f"
    let legs = [ FeynmanRules.leg chi false true "p1"; FeynmanRules.leg chi (not chi.IsSelfConjugate) true "p2"; FeynmanRules.leg f false false "k1"; FeynmanRules.leg f true false "k2" ]
    let names : FeynmanRules.Names = { In1 = "p1"; In2 = "p2"; Out1 = "k1"; Out2 = "k2" }
    let ds = FeynmanRules.twoLineDiagrams m.Data names legs
    let d = 1 / (s "s" - mS ** 2)
    let raw = FeynmanRules.twoLineSquaredAny ds (FeynmanRules.averaging legs.[0..1] legs.[2..3]) (fun _ _ _ -> d ** 2) (fun _ _ -> d)
    let positive = [ "m_chi"; "m_S"; "m_f"; "y_chi"; "y_f"; "s" ]
    let m2 = Normal.simplifyWith (Assumptions.Positive positive) (Dirac.substituteDots (ProcessDerivation.cmDots mChi mF) raw)
    ds.Length, m2, ProcessDerivation.lowVelocity positive mChi mF m2

/// The domain of the s-channel proofs (m_χ > m_f > 0, everything positive) and β_f = √(1 − m_f²/m_χ²) at threshold.
let private sChannelDomain = (Assumptions.Positive [ "m_chi"; "m_S"; "m_f"; "y_chi"; "y_f" ]).AndPositive(mChi - mF)
let private betaF = sqrt (1 - mF ** 2 / mChi ** 2)

/// The seeds' y_χ χ̄ P_L ν S + h.c. with χ of the given kind plus the bilinear y_s χ̄ χ S (for a Majorana χ: ½ y_s χ̄ χ S)
/// and y_N N̄ N S.
let private mixedModel (name: string) (chiKind: FieldKind) =
    let mChiP, mSP, mNP = mass "m_chi" "mass of χ", mass "m_S" "mass of S", mass "M" "mass of the nucleus"
    let yChiP, ySP, yNP = coupling "y_chi" "χ–S–ν coupling", coupling "y_s" "χ–χ–S coupling", coupling "y_N" "S–nucleus coupling"
    let chi = Field("chi", "χ", chiKind, mChiP, "the new fermion", false, Seq.empty)
    let sc = Field("S", "S", FieldKind.RealScalar, mSP, "the scalar mediator", false, Seq.empty)
    let nu = Field("nu", "ν", FieldKind.LeftHandedNeutrino, null, "the active neutrino", true, Seq.empty)
    let n = Field("N", "N", FieldKind.DiracFermion, mNP, "the nucleus", true, Seq.empty)
    Model(name, "y_χ χ̄ P_L ν S + h.c. + y_s χ̄ χ S + y_N N̄ N S", "proofs", [ chi; sc; nu; n ], [ mChiP; mSP; mNP; yChiP; ySP; yNP ],
          [ Vertex(yChiP, "chi", DiracStructure.LeftScalar, "nu", "S", true, "y_χ χ̄ P_L ν S + h.c.")
            Vertex(ySP, "chi", DiracStructure.Scalar, "chi", "S", false, "y_s χ̄ χ S")
            Vertex(yNP, "N", DiracStructure.Scalar, "N", "S", false, "y_N N̄ N S") ],
          { DarkFermion = "chi"; Mediator = "S"; Nucleus = "N" }, null)

/// χ(p1) ν̄(p2) → S(k1) S(k2) from the Feynman rules (FeynmanRules.oneLineDiagrams: one external Majorana or Dirac χ and
/// a Dirac ν̄ on one line): the graphs, and the averaged Σ|M|² in s, t (u = m_χ² + 2m_S² − s − t).
let private chiNubarToSS (m: Model) =
    let chi, nu, sc = m.Field "chi", m.Field "nu", m.Field "S"
    let fermions = [ FeynmanRules.leg chi false true "p1"; FeynmanRules.leg nu true true "p2" ]
    let bosons = [ FeynmanRules.leg sc false false "k1"; FeynmanRules.leg sc false false "k2" ]
    let names : FeynmanRules.Names = { In1 = "p1"; In2 = "p2"; Out1 = "k1"; Out2 = "k2" }
    let x, y, ds = FeynmanRules.oneLineDiagrams m.Data names fermions bosons
    let sv, tv = s "s", s "t"
    let uv = mChi ** 2 + 2 * mS ** 2 - sv - tv
    let propagator (c: FeynmanRules.Channel) (f: Field) =
        match c with
        | FeynmanRules.T -> 1 / (tv - f.Mass ** 2)
        | FeynmanRules.U -> 1 / (uv - f.Mass ** 2)
        | FeynmanRules.S -> 1 / (sv - f.Mass ** 2)
    let raw = FeynmanRules.oneLineSquared x y ds (FeynmanRules.averaging fermions bosons) propagator
    let dots =
        [ "p1", "p1", mChi ** 2; "p2", "p2", Ops.zero; "k1", "k1", mS ** 2; "k2", "k2", mS ** 2
          "p1", "p2", (sv - mChi ** 2) / 2; "k1", "k2", (sv - 2 * mS ** 2) / 2
          "k1", "p1", (mChi ** 2 + mS ** 2 - tv) / 2; "k2", "p2", (mS ** 2 - tv) / 2
          "k2", "p1", (mChi ** 2 + mS ** 2 - uv) / 2; "k1", "p2", (mS ** 2 - uv) / 2 ]
    ds, Dirac.substituteDots dots raw

let private mixedMajorana = lazy (mixedModel "majorana-mixed" FieldKind.MajoranaFermion)
let private mixedDirac = lazy (mixedModel "dirac-mixed" FieldKind.DiracFermion)

let private majoranaScalar = lazy (bilinearModel "majorana-bilinear" FieldKind.MajoranaFermion DiracStructure.Scalar (Some DiracStructure.Scalar))
let private majoranaPseudo = lazy (bilinearModel "majorana-bilinear-a" FieldKind.MajoranaFermion DiracStructure.Pseudoscalar (Some DiracStructure.Pseudoscalar))
let private diracScalar = lazy (bilinearModel "dirac-bilinear" FieldKind.DiracFermion DiracStructure.Scalar (Some DiracStructure.Scalar))
let private majoranaScalarOnly = lazy (bilinearModel "majorana-bilinear-ss" FieldKind.MajoranaFermion DiracStructure.Scalar None)
let private diracScalarOnly = lazy (bilinearModel "dirac-bilinear-ss" FieldKind.DiracFermion DiracStructure.Scalar None)
let private diracPseudo = lazy (bilinearModel "dirac-bilinear-a" FieldKind.DiracFermion DiracStructure.Pseudoscalar (Some DiracStructure.Pseudoscalar))

let obligations : Obligation list =
    [ { Id = "cs.t-channel"
        Title = "Complex scalar: χ χ̄ → φ φ* has the t channel alone, ¼Σ|M|² = y_χ⁴[tu − 2m_χ² t − (m_χ² − m_φ²)²]/(4t²)"
        Equation = "hand trace in FieldKindProofs' doc comment: Σ|M|² = y_χ⁴ Tr[p̸2 q̸ p̸1 q̸ P_R]/t², q = p1 − k1"
        Statement = "With y_χ χ̄ P_L ν φ + h.c., the outgoing φ* comes from the φ vertex and φ from the φ† vertex, so ν is exchanged in the t channel only (a real scalar adds the u channel and a 1/2). The derived, averaged |M|²(s, cos θ) equals the hand trace y_χ⁴[tu − 2m_χ² t − (m_χ² − m_φ²)²]/(4t²) with t = (p_χ − k_φ)², u = 2m_χ² + 2m_φ² − s − t."
        Domain = "the CM frame s = 4E², m_χ = √(E² − p²), m_φ = √(E² − k²), E > p, k > 0, −1 < c < 1"
        Check =
          fun () ->
              let E, p, k, c = s "E", s "p", s "k", s "c"
              let t = -(p ** 2) - k ** 2 + 2 * p * k * c
              let m2, mp2 = E ** 2 - p ** 2, E ** 2 - k ** 2
              let u = 2 * m2 + 2 * mp2 - 4 * E ** 2 - t
              let hand = yChi ** 4 * (t * u - 2 * m2 * t - (m2 - mp2) ** 2) / (4 * t ** 2)
              let derived = cmFrame (m2Of (complexModel.Force()) ProcessKind.ChiAntichiToMediatorPair)
              expandsEqual "¼Σ|M|²(χχ̄ → φφ*) = hand trace" derived hand }
      { Id = "cs.crossing"
        Title = "Complex scalar: χ χ̄ → φ φ* and φ φ* → χ χ̄ have the same spin-summed |M|²: 4 |M|²(χχ̄ → φφ*) = |M|²(φφ* → χχ̄)"
        Equation = "time reversal: Σ|M|² of a b → c d equals that of c d → a b at the same s, t"
        Statement = "Summed over spins the two are the same function of s and t = (p_χ − k_φ)²; the averaged forms carry 1/4 (χ, χ̄ spins) and 1 (two scalars), neither a 1/2 (φ φ* are not identical)."
        Domain = "the CM frame s = 4E², m_χ = √(E² − p²), m_φ = √(E² − k²)"
        Check =
          fun () ->
              let a = cmFrame (m2Of (complexModel.Force()) ProcessKind.ChiAntichiToMediatorPair)
              let b = cmFrame (m2Of (complexModel.Force()) ProcessKind.MediatorPairToChiAntichi)
              expandsEqual "4 |M|²(χχ̄ → φφ*) = |M|²(φφ* → χχ̄)" (4 * a) b }
      { Id = "cs.real-twin"
        Title = "Complex scalar: where one exchange is the only diagram (ν N → χ N, ν̄ N → χ̄ N, χ N → ν N, χ χ̄ → ν ν̄, χ ν → χ ν, χ ν̄ → χ ν̄), |M|² equals the real-scalar model's"
        Equation = "Feynman rules: a φ–φ† propagator is the real scalar's i/(q² − m²)"
        Statement = "In each of these processes the one diagram joins a φ vertex to a φ† vertex (the nucleus term y_N N̄ N φ + h.c. supplies both), so the complex mediator gives the |M|² of the model with a real S and y_N N̄ N S."
        Domain = "every mass and coupling positive"
        Check =
          fun () ->
              let dom = Assumptions.Positive [ "m_chi"; "m_phi"; "M"; "y_chi"; "y_N"; "E_nu"; "T"; "s" ]
              Prove.all
                  [ for k in indistinguishable ->
                        Prove.equal dom (sprintf "%O: complex = real" k) (m2Of (complexModel.Force()) k) (m2Of (realModel.Force()) k) ] }
      { Id = "cs.width"
        Title = "Complex scalar: Γ(φ → χ ν̄) = y_χ²(m_φ² − m_χ²)²/(16π m_φ³), half the real scalar's Γ(S → χ ν̄ + χ̄ ν)"
        Equation = "Γ = |k| Σ|M|²/(8π m_φ²), Σ|M|² = y_χ² Tr[(k̸1 + m_χ) P_L k̸2] = y_χ²(m_φ² − m_χ²) (PDG review \"Kinematics\", two-body decay)"
        Statement = "φ decays through its φ vertex χ̄ P_L ν φ into χ ν̄ only (φ* → χ̄ ν, the same width); a real S decays into both, so Γ_φ = Γ_S/2 at equal coupling and masses."
        Domain = "m_φ > m_χ > 0"
        Check =
          fun () ->
              let dom = (Assumptions.Positive [ "m_chi"; "m_phi"; "y_chi" ]).AndPositive(mPhi - mChi)
              let wc = (complexModel.Force().MediatorDecay()).Width.Expression
              let wr = (realModel.Force().MediatorDecay()).Width.Expression
              Prove.all
                  [ Prove.equal dom "Γ(φ → χ ν̄)" wc (yChi ** 2 * (mPhi ** 2 - mChi ** 2) ** 2 / (16 * pi * mPhi ** 3))
                    Prove.equal dom "Γ_φ = Γ_S/2" (2 * wc) wr ] }
      { Id = "fermi.bhabha"
        Title = "Both pairings of four fermions: massless Bhabha scattering e⁺e⁻ → e⁺e⁻, ¼Σ|M|² = 2e⁴[(s² + u²)/t² + 2u²/(st) + (u² + t²)/s²]"
        Equation = "Peskin & Schroeder, An Introduction to QFT, problem 5.2 (Bhabha scattering); in the CM angle dσ/dΩ = α²/(2s)[(1 + cos⁴(θ/2))/sin⁴(θ/2) − 2cos⁴(θ/2)/sin²(θ/2) + (1 + cos²θ)/2]"
        Statement = "The s-channel graph [v̄(p2) γ^μ u(p1)][ū(k1) γ_μ v(k2)] and the t-channel graph [v̄(p2) γ^μ v(k2)][ū(k1) γ_μ u(p1)] pair the four fermions differently: relative sign −1, and their interference is one long trace, Σ M_s M_t* = Tr[p̸2 γ^μ p̸1 γ^ν k̸1 γ_μ k̸2 γ_ν] (the −Tr[…] of the crossed pairing). The kernel's FeynmanRules (twoLineDiagrams, twoLineSquaredAny) with massless QED in Feynman gauge give the textbook result; with t = −s(1 − c)/2, u = −s(1 + c)/2 it is the angular form (cos²(θ/2) = (1 + c)/2). The sign of the interference term, +2u²/(st) (< 0), is the one the angular form fixes; some summaries print −2u²/(st)."
        Domain = "s > 0, t < 0, u = −s − t < 0; −1 < c < 1"
        Check =
          fun () ->
              let n, crossed, m2 = qedSquared false true false true
              let sv, tv, ev, c = s "s", s "t", s "e", s "c"
              let uv = -sv - tv
              let dom = (Assumptions.Positive [ "s"; "e" ]).AndPositive(-tv).AndPositive(sv + tv)
              let textbook = 2 * ev ** 4 * ((sv ** 2 + uv ** 2) / tv ** 2 + 2 * uv ** 2 / (sv * tv) + (uv ** 2 + tv ** 2) / sv ** 2)
              let cos2, sin2 = (1 + c) / 2, (1 - c) / 2
              let angular = 2 * ev ** 4 * ((1 + cos2 ** 2) / sin2 ** 2 - 2 * cos2 ** 2 / sin2 + (1 + c ** 2) / 2)
              let domC = (Assumptions.Positive [ "s"; "e" ]).AndPositive(1 - c).AndPositive(1 + c)
              if n <> 2 || not crossed then Outcome.Fail(sprintf "expected the s- and t-channel graphs of both pairings, found %d diagram(s) (crossed: %b)" n crossed)
              else
                  Prove.all
                      [ Prove.equal dom "¼Σ|M|² = 2e⁴[(s² + u²)/t² + 2u²/(st) + (u² + t²)/s²]" m2 textbook
                        Prove.equal domC "the same in the CM angle" (Structure.substitute tv (-(sv * (1 - c) / 2)) textbook) angular ] }
      { Id = "fermi.moller"
        Title = "Both pairings of four fermions: massless Møller scattering e⁻e⁻ → e⁻e⁻, ¼Σ|M|² = 2e⁴[(s² + u²)/t² + 2s²/(tu) + (s² + t²)/u²]"
        Equation = "Bhabha's result (Peskin & Schroeder, problem 5.2) crossed s ↔ u: both positrons crossed into electrons"
        Statement = "The t- and u-channel graphs [ū(k1) γ^μ u(p1)][ū(k2) γ_μ u(p2)] and [ū(k1) γ^μ u(p2)][ū(k2) γ_μ u(p1)] interfere with the Fermi sign −1; the result is Bhabha's with s ↔ u (crossing the positrons into electrons)."
        Domain = "s > 0, t < 0, u = −s − t < 0"
        Check =
          fun () ->
              let n, crossed, m2 = qedSquared false false false false
              let sv, tv, ev = s "s", s "t", s "e"
              let uv = -sv - tv
              let dom = (Assumptions.Positive [ "s"; "e" ]).AndPositive(-tv).AndPositive(sv + tv)
              let textbook = 2 * ev ** 4 * ((sv ** 2 + uv ** 2) / tv ** 2 + 2 * sv ** 2 / (tv * uv) + (sv ** 2 + tv ** 2) / uv ** 2)
              if n <> 2 || not crossed then Outcome.Fail(sprintf "expected the t- and u-channel graphs of both pairings, found %d diagram(s) (crossed: %b)" n crossed)
              else Prove.equal dom "¼Σ|M|² = 2e⁴[(s² + u²)/t² + 2s²/(tu) + (s² + t²)/u²]" m2 textbook }
      { Id = "mj.helicity-suppression"
        Title = "Majorana χ: the s-wave of σv(χ χ → ν ν̄) through t- and u-channel S vanishes (∝ m_ν² = 0); the Dirac seed's χ χ̄ → ν ν̄ keeps y_χ⁴ m_χ²/(32π(m_χ² + m_S²)²)"
        Equation = "helicity suppression of Majorana annihilation into light chiral fermions (e.g. Goldberg, PRL 50 (1983) 1419); seed 000 sec. VII for the Dirac value [ann.chichi-nunu]"
        Statement = "Two identical Majorana fermions in an s-wave form a J = 0, CP-odd state (¹S₀); a pair of massless chiral ν ν̄ from P_L couplings has helicities adding to J_z = ±1 along the axis, so the s-wave amplitude vanishes. The kernel derives χ χ → ν ν̄ from the t- and u-channel graphs with the fermion-flow rules (relative sign −1, their interference as one long trace) and expands σv = a + b v²: a = 0, b > 0; for the Dirac χ of the same Lagrangian (one t-channel graph) a = y_χ⁴ m_χ²/(32π(m_χ² + m_S²)²)."
        Domain = "m_χ, m_S, y_χ > 0"
        Check =
          fun () ->
              let dom = Assumptions.Positive [ "m_chi"; "m_S"; "y_chi" ]
              let mS = s "m_S"
              let aMaj, bMaj = (majoranaModel.Force().Annihilation ProcessKind.ChiAntichiToNeutrinoAntineutrino).LowVelocity.Force()
              let aDirac, _ = (diracModel.Force().Annihilation ProcessKind.ChiAntichiToNeutrinoAntineutrino).LowVelocity.Force()
              Prove.all
                  [ Prove.equal dom "a(Majorana) = 0" aMaj Ops.zero
                    Prove.positive dom "b(Majorana) > 0" bMaj
                    Prove.equal dom "a(Dirac) = y_χ⁴ m_χ²/(32π(m_χ² + m_S²)²)" aDirac (yChi ** 4 * mChi ** 2 / (32 * pi * (mChi ** 2 + mS ** 2) ** 2)) ] }
      { Id = "mj.one-diagram"
        Title = "Majorana χ: where one graph is the only one (ν N → χ N, ν̄ N → χ N, χ N → ν N), |M|² equals the Dirac χ's"
        Equation = "Denner et al., Nucl. Phys. B387 (1992) 467: with one graph the fermion-flow rules give the Dirac expression"
        Statement = "ν N → χ N has the one graph [ū(χ) P_L u(ν)][ū(N) u(N)]; ν̄ N → χ N has [v̄(ν) P_R v(χ)][ū(N) u(N)] (χ on the unbarred end, outgoing: v), the Dirac χ̄'s; χ N → ν N likewise. The averaged |M|² (two χ spin states either way) are the Dirac ones."
        Domain = "every mass and coupling positive"
        Check =
          fun () ->
              let dom = Assumptions.Positive [ "m_chi"; "m_S"; "M"; "y_chi"; "y_N"; "E_nu"; "T" ]
              Prove.all
                  [ for k in [ ProcessKind.NeutrinoNucleusToChiNucleus; ProcessKind.AntineutrinoNucleusToAntichiNucleus; ProcessKind.ChiNucleusToNeutrinoNucleus ] ->
                        Prove.equal dom (sprintf "%O: Majorana = Dirac" k) (m2Of (majoranaModel.Force()) k) (m2Of (diracModel.Force()) k) ] }
      { Id = "mj.identical-initial"
        Title = "Majorana χ: |M|²(χ χ → ν ν̄) is symmetric under cos θ → −cos θ (the two χ are identical: t ↔ u)"
        Equation = "Bose–Fermi symmetry of identical initial particles: the t- and u-channel graphs exchange under p1 ↔ p2"
        Statement = "Exchanging the two incoming Majorana χ swaps the t- and u-channel graphs; the spin-summed |M|² is the same function with t ↔ u, i.e. even in c = cos θ in the CM frame."
        Domain = "s > 4m_χ², −1 < c < 1"
        Check =
          fun () ->
              let c = s "c"
              let e = m2Of (majoranaModel.Force()) ProcessKind.ChiAntichiToNeutrinoAntineutrino
              let dom = Assumptions.Positive [ "m_chi"; "m_S"; "y_chi"; "s" ]
              Prove.equal dom "|M|²(c) = |M|²(−c)" e (Structure.substitute c (-c) e) }
      { Id = "mj.crossing"
        Title = "Majorana χ: χ χ → S S and S S → χ χ have the same spin-summed |M|²: 4 |M|²(χχ → SS) = |M|²(SS → χχ); both even in cos θ"
        Equation = "time reversal: Σ|M|² of a b → c d equals that of c d → a b at the same s, t"
        Statement = "With two external Majorana χ the ν line is enumerated with both fermion flows (Denner et al.: the second set brought to the first flow with Γ' = C Γᵀ C⁻¹, the −1 of v̄(p1) Γ u(p2) = −v̄(p2) Γ' u(p1) cancelling the Fermi sign of the swapped spinors): four graphs. Averaged, χ χ → S S carries 1/4 × 1/2 (identical S S), S S → χ χ 1 × 1/2 (identical χ χ)."
        Domain = "the CM frame s = 4E², m_χ = √(E² − p²), m_S = √(E² − k²)"
        Check =
          fun () ->
              let mS = s "m_S"
              let frame (e: Expr) = cmFrame (Structure.substitute mS mPhi e)
              let a = frame (m2Of (majoranaModel.Force()) ProcessKind.ChiAntichiToMediatorPair)
              let b = frame (m2Of (majoranaModel.Force()) ProcessKind.MediatorPairToChiAntichi)
              Prove.all
                  [ expandsEqual "4 |M|²(χχ → SS) = |M|²(SS → χχ)" (4 * a) b
                    expandsEqual "|M|²(χχ → SS) even in c" a (Structure.substitute (s "c") (-(s "c")) a) ] }
      { Id = "mj.ss-p-wave"
        Title = "Majorana χ: σv(χ χ → S S) has no s-wave (CP: ¹S₀ of two identical Majorana fermions is 0⁻⁺, an s-wave S S pair 0⁺⁺)"
        Equation = "CP selection rule for Majorana annihilation into two identical CP-even scalars (the p-wave suppression of χχ → SS, e.g. Jungman, Kamionkowski, Griest, Phys. Rept. 267 (1996) 195, sec. 6)"
        Statement = "y_χ(χ̄ P_L ν + ν̄ P_R χ)S with y_χ real and S CP-even conserves CP; two identical Majorana χ in an s-wave are in ¹S₀ (J^PC = 0⁻⁺), while S S with L = 0 is 0⁺⁺, so a = 0 in σv = a + b v². The p-wave b > 0 is sensitive to the relative sign of the graphs of the two fermion flows: with the opposite sign the amplitudes cancel through O(v²) (b = 0, checked by flipping it). The Dirac χ χ̄ → S S of the seed is not so constrained."
        Domain = "m_χ > m_S > 0 (the channel open), y_χ > 0"
        Check =
          fun () ->
              let dom = (Assumptions.Positive [ "m_chi"; "m_S"; "y_chi" ]).AndPositive(mChi - s "m_S")
              let a, b = (majoranaModel.Force().Annihilation ProcessKind.ChiAntichiToMediatorPair).LowVelocity.Force()
              Prove.all [ Prove.equal dom "a(χχ → SS) = 0" a Ops.zero; Prove.positive dom "b(χχ → SS) > 0" b ] }
      { Id = "mj.width"
        Title = "Majorana χ: Γ(S → χ ν̄ + χ ν) = y_χ²(m_S² − m_χ²)²/(8π m_S³), the Dirac χ's Γ(S → χ ν̄ + χ̄ ν)"
        Equation = "seed 001 below eq. (4.2) [decay.s-width]; the two final states of a Majorana χ are χ ν̄ and χ ν"
        Statement = "S decays through y_χ χ̄ P_L ν S into χ ν̄ and through its conjugate y_χ ν̄ P_R χ S into χ ν (for a Dirac χ, χ̄ ν): two channels of equal width y_χ²(m_S² − m_χ²)²/(16π m_S³)."
        Domain = "m_S > m_χ > 0"
        Check =
          fun () ->
              let mS = s "m_S"
              let dom = (Assumptions.Positive [ "m_chi"; "m_S"; "y_chi" ]).AndPositive(mS - mChi)
              let w = (majoranaModel.Force().MediatorDecay()).Width.Expression
              Prove.all
                  [ Prove.equal dom "Γ_S(Majorana)" w (yChi ** 2 * (mS ** 2 - mChi ** 2) ** 2 / (8 * pi * mS ** 3))
                    Prove.equal dom "= Γ_S(Dirac)" w (diracModel.Force().MediatorDecay()).Width.Expression ] }
      { Id = "mj.width-pair"
        Title = "Majorana bilinear: Γ(S → χ χ) = y² m_S β³/(16π) for the file's y bar(chi) chi S (L ⊃ −½ y χ̄ χ S), half the Dirac Γ(S → χ χ̄) = y² m_S β³/(8π) of −y χ̄ χ S; β = √(1 − 4m_χ²/m_S²)"
        Equation = "Γ(S → f f̄) = y² m_S β³/(8π) for L = −y f̄ f S: the Standard Model's Γ(H → ℓ⁺ℓ⁻) = G_F m_ℓ² m_H β³/(4√2 π) (textbook; e.g. the PDG review of Higgs boson physics) with y = m_ℓ/v, v² = 1/(√2 G_F)"
        Statement = "The vertex of ½ y χ̄ χ S is i y (the factor 2 of the two contractions, FeynmanRules.majoranaVertex), so Σ|M|² = y² Tr[(k̸1 + m_χ)(k̸2 − m_χ)] = 2y² m_S² β², the Dirac value; the two χ in the final state are identical, a factor 1/2 in the phase space: Γ = y² m_S β³/(16π). A Dirac χ with −y χ̄ χ S: the same Σ|M|² and no 1/2. Dropping either factor (the vertex's 2 or the identical-particle 1/2) moves the Majorana width by 2 or 4."
        Domain = "m_S > 2m_χ > 0, y > 0"
        Check =
          fun () -> pairWidths (majoranaScalar.Force()) (diracScalar.Force()) 3 "S" }
      { Id = "mj.width-pair-pseudo"
        Title = "Majorana bilinear: Γ(a → χ χ) = y² m_a β/(16π) for the file's y bar(chi) i gamma5 chi a (L ⊃ ½ y χ̄ iγ5 χ a), half the Dirac y² m_a β/(8π)"
        Equation = "the trace below, Σ|M|² = 2y² m_a², in Γ = |k| Σ|M|²/(8π m_a²) (PDG review \"Kinematics\", two-body decay); the pseudoscalar-mediator width Γ = g_χ² m_med β/(8π) of the LHC Dark Matter Working Group (Abercrombie et al., Phys. Dark Univ. 27 (2020) 100371 [arXiv:1507.00966]) has this form as recalled — its text was not retrieved with the search tools; β¹ against the scalar's β³ (the pair in ¹S₀ rather than ³P₀)"
        Statement = "iγ5 is its own reversed vertex (C(iγ5)ᵀC⁻¹ = iγ5), so the Majorana vertex is i y iγ5 and Σ|M|² = y² Tr[(k̸1 + m)iγ5(k̸2 − m)iγ5] = 2y² m_a², with 1/2 for the identical χ χ."
        Domain = "m_a > 2m_χ > 0, y > 0"
        Check =
          fun () -> pairWidths (majoranaPseudo.Force()) (diracPseudo.Force()) 1 "a" }
      { Id = "mj.s-channel-p-wave"
        Title = "Majorana bilinear: χ χ → S* → f f̄ with scalar couplings (½ y_χ χ̄ χ S, y_f f̄ f S) has one graph and no s-wave: σv = y_χ² y_f² m_χ² β_f³ v²/(8π(4m_χ² − m_S²)²) + O(v⁴)"
        Equation = "hand trace: ¼Σ|M|² = y_χ² y_f² Tr[(p̸1 − m_χ)(p̸2 + m_χ)] Tr[(k̸1 + m_f)(k̸2 − m_f)]/(4(s − m_S²)²) = y_χ² y_f² (s − 4m_χ²)(s − 4m_f²)/(s − m_S²)², isotropic; σv = 2|k| ¼Σ|M|²/(8π s^{3/2}) with s − 4m_χ² = m_χ² v², β_f = √(1 − m_f²/m_χ²)"
        Statement = "The line of the two external χ is one line with one flow (the vertex y_χ · 1 holds both contractions; enumerating both flows would double the amplitude, σv × 4). Its trace ∝ s − 4m_χ² = 4p²: the χ χ pair must be in ³P₀ (J^PC = 0⁺⁺, the CP of S), which has no s-wave — the standard CP argument (a Majorana pair in an s-wave is ¹S₀, 0⁻⁺)."
        Domain = "m_χ > m_f > 0, m_S ≠ 2m_χ, couplings > 0"
        Check =
          fun () ->
              let n, _, (a, b) = sChannel (majoranaScalar.Force())
              let dom = sChannelDomain
              if n <> 1 then Outcome.Fail(sprintf "expected one graph (one flow for the χ χ line), found %d" n)
              else
                  Prove.all
                      [ Prove.equal dom "a = 0" a Ops.zero
                        Prove.equal dom "b = y_χ² y_f² m_χ² β_f³/(8π(4m_χ² − m_S²)²)" b (yChi ** 2 * yF ** 2 * mChi ** 2 * betaF ** 3 / (8 * pi * (4 * mChi ** 2 - mS ** 2) ** 2)) ] }
      { Id = "mj.s-channel-s-wave"
        Title = "Majorana bilinear: χ χ → a* → f f̄ with pseudoscalar couplings (½ y_χ χ̄ iγ5 χ a, y_f f̄ iγ5 f a) has an s-wave, a = y_χ² y_f² m_χ² β_f/(2π(4m_χ² − m_a²)²), the Dirac χ χ̄ value"
        Equation = "hand trace: ¼Σ|M|² = y_χ² y_f² Tr[(p̸1 − m_χ)iγ5(p̸2 + m_χ)iγ5] Tr[(k̸1 + m_f)iγ5(k̸2 − m_f)iγ5]/(4(s − m_a²)²) = y_χ² y_f² s²/(s − m_a²)²; at s = 4m_χ²: a = y_χ² y_f² m_χ² β_f/(2π(4m_χ² − m_a²)²), the same as for a Dirac χ"
        Statement = "χ̄ iγ5 χ creates the ¹S₀ (0⁻⁺) state that an s-wave Majorana pair is in, so the s-wave survives. With the ½ of the Majorana term the vertex is y_χ iγ5, and |M|² is that of a Dirac χ with y_χ χ̄ iγ5 χ a (no ½): the same function of s, c."
        Domain = "m_χ > m_f > 0, m_a ≠ 2m_χ, couplings > 0"
        Check =
          fun () ->
              let n, m2, (a, _) = sChannel (majoranaPseudo.Force())
              let _, m2Dirac, _ = sChannel (diracPseudo.Force())
              let dom = sChannelDomain
              let sv = s "s"
              if n <> 1 then Outcome.Fail(sprintf "expected one graph (one flow for the χ χ line), found %d" n)
              else
                  Prove.all
                      [ Prove.equal dom "¼Σ|M|² = y_χ² y_f² s²/(s − m_a²)²" m2 (yChi ** 2 * yF ** 2 * sv ** 2 / (sv - mS ** 2) ** 2)
                        Prove.equal dom "Majorana = Dirac" m2 m2Dirac
                        Prove.equal dom "a = y_χ² y_f² m_χ² β_f/(2π(4m_χ² − m_a²)²)" a (yChi ** 2 * yF ** 2 * mChi ** 2 * betaF / (2 * pi * (4 * mChi ** 2 - mS ** 2) ** 2)) ] }
      { Id = "mj.ss-chi-exchange"
        Title = "Majorana χ exchanged between Majorana legs: χ χ → S S through t- and u-channel χ at ½ y χ̄ χ S has no s-wave and a positive p-wave, b = 3y⁴/(128π m_χ²) · √(1 − r)(1 − 8r/9 + 2r²/9)/(1 − r/2)⁴, r = m_S²/m_χ²; 4|M|²(χχ → SS) = |M|²(SS → χχ)"
        Equation = "CP selection rule (two identical Majorana fermions in an s-wave: ¹S₀, 0⁻⁺; two identical CP-even scalars with L = 0: 0⁺⁺; J = 0 needs L = 0 for S S); the Dirac χ χ̄ → φφ of a parity-conserving Yukawa coupling is p-wave (An, Wise, Zhang, PRL 117 (2016) 151801 [arXiv:1606.02305]); time reversal for the crossing"
        Statement = "The chain χ(p1) – χ – χ(p2) is one fermion line: with the Majorana vertex y · 1 (both contractions) it is drawn with one flow, M = y² v̄(p2)[(q̸_t + m)/(t − m²) + (q̸_u + m)/(u − m²)]u(p1), the amplitude of a Dirac χ χ̄ → S S with −y χ̄ χ S, so |M|² equals the Dirac one (both with 1/4 × 1/2). a = 0 by CP; b is the kernel's, in closed form from the derived expansion (its m_S → 0 limit 3y⁴/(128π m_χ²) is the familiar scalar-Yukawa p-wave; no printed form of the massive case was found with the search tools). Drawing the chain with both flows would double the amplitude (b × 4)."
        Domain = "m_χ > m_S > 0 (the channel open), y > 0; the CM frame s = 4E² for the crossing"
        Check =
          fun () ->
              let m = majoranaScalarOnly.Force()
              let dom = (Assumptions.Positive [ "m_chi"; "m_S"; "y_chi" ]).AndPositive(mChi - mS)
              let a, b = (m.Annihilation ProcessKind.ChiAntichiToMediatorPair).LowVelocity.Force()
              let r = mS ** 2 / mChi ** 2
              let closed = 3 * yChi ** 4 / (128 * pi * mChi ** 2) * sqrt (1 - r) * (1 - 8 * r / 9 + 2 * r ** 2 / 9) / (1 - r / 2) ** 4
              let frame (e: Expr) = cmFrame (Structure.substitute mS mPhi e)
              let ab = frame (m2Of m ProcessKind.ChiAntichiToMediatorPair)
              let ba = frame (m2Of m ProcessKind.MediatorPairToChiAntichi)
              let dirac = frame (m2Of (diracScalarOnly.Force()) ProcessKind.ChiAntichiToMediatorPair)
              // b > 0: in δ = m_χ² − m_S² > 0, b = y⁴ m_χ √δ (3m_χ⁴ + 4m_χ²δ + 2δ²)/(24π(m_χ² + δ)⁴), every term positive
              let delta = s "delta"
              let inDelta = Structure.substitute mS (sqrt (mChi ** 2 - delta)) b
              Prove.all
                  [ Prove.equal dom "a(χχ → SS) = 0" a Ops.zero
                    Prove.equal dom "b = 3y⁴/(128π m_χ²) √(1 − r)(1 − 8r/9 + 2r²/9)/(1 − r/2)⁴" b closed
                    Prove.positive ((Assumptions.Positive [ "m_chi"; "y_chi"; "delta" ]).AndPositive(mChi ** 2 - delta)) "b > 0 (in δ = m_χ² − m_S²)" inDelta
                    expandsEqual "4 |M|²(χχ → SS) = |M|²(SS → χχ)" (4 * ab) ba
                    expandsEqual "|M|²(χχ → SS) = the Dirac χχ̄ → SS of −y χ̄ χ S" ab dirac ] }
      { Id = "mj.mixed-chain"
        Title = "One external Majorana and one Dirac fermion on a line: χ ν̄ → S S through χ exchange (t, u) at ½ y_s χ̄ χ S and y_χ ν̄ P_R χ S is the Dirac χ's, symmetric in t ↔ u"
        Equation = "Denner, Eck, Hahn, Küblbeck, Nucl. Phys. B387 (1992) 467: a chain with a Dirac leg takes that leg's arrow as its flow; with Majorana vertices symmetric under Γ → Γ' (½ y_s χ̄ χ S: i y_s) the Majorana chain is the Dirac one; Bose symmetry of the identical S S"
        Statement = "The incoming ν̄ sits at the barred end, v̄(p2), so the Majorana χ takes the unbarred end, u(p1); the exchanged χ joins ν̄ P_R χ S (the only term that absorbs a ν̄) to the bilinear: M = y_χ y_s v̄(p2) P_R[(q̸_t + m)/(t − m²) + (q̸_u + m)/(u − m²)]u(p1), two graphs — the amplitude of a Dirac χ with y_χ χ̄ P_L ν S + h.c. + y_s χ̄ χ S. Averaged over the χ spins (1/2; ν̄ has one helicity), 1/2 for S S; the result is even under t ↔ u."
        Domain = "s > (m_χ + 0)², couplings and masses > 0 (an identity of rational functions in s, t)"
        Check =
          fun () ->
              let dsM, m2M = chiNubarToSS (mixedMajorana.Force())
              let _, m2D = chiNubarToSS (mixedDirac.Force())
              let sv, tv = s "s", s "t"
              let swapped = Structure.substitute tv (mChi ** 2 + 2 * mS ** 2 - sv - tv) m2M
              let dom = Assumptions.Positive [ "m_chi"; "m_S"; "y_chi"; "y_s"; "s" ]
              if dsM.Length <> 2 then Outcome.Fail(sprintf "expected the t- and u-channel graphs, found %d" dsM.Length)
              else
                  Prove.all
                      [ Prove.equal dom "Σ|M|²(χ ν̄ → SS): Majorana = Dirac" m2M m2D
                        Prove.equal dom "even under t ↔ u" m2M swapped
                        Prove.different dom "not zero" m2M Ops.zero ] } ]
