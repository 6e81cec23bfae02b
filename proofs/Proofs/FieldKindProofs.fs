/// Proof obligations of the field kinds beyond a Dirac fermion and a real scalar, and of four-fermion processes with
/// both pairings: a complex scalar mediator (cs.*: its φ and φ† vertices, against a hand trace, crossing, the
/// real-scalar model where the processes cannot tell the two apart, the width of a scalar into two fermions); both
/// pairings of four fermions with their relative Fermi sign (fermi.*: massless Bhabha and Møller scattering); a
/// Majorana χ by the fermion-flow rules of Denner, Eck, Hahn, Küblbeck, Nucl. Phys. B387 (1992) 467 (mj.*: helicity
/// suppression of χ χ → ν ν̄, the CP-forbidden s-wave of χ χ → S S, one-graph processes equal to the Dirac ones,
/// crossing, identical initial particles, the width).
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
                    Prove.equal dom "= Γ_S(Dirac)" w (diracModel.Force().MediatorDecay()).Width.Expression ] } ]
