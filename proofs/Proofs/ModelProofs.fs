/// Proof obligations of the model layer. The processes the Feynman rules derive from the seed model's vertices
/// (SeedModel, FeynmanRules, ProcessDerivation) are the seeds' amplitudes written out by hand from their diagrams —
/// spinors, projectors and propagators placed as seed 001 eqs. (2.14)–(2.15) and sec. 4, seed 000 sec. IV and VI print
/// them — equal as rational functions and identical as canonical forms, so the compiled numbers are those of before,
/// bit for bit. The derivation is generic in the vertex structure (a pseudoscalar nucleus coupling gives the known
/// T/(2M + T) suppression; a left-handed neutrino takes its projector whatever the vertex says), and a process without
/// vertices is absent.
module NuDM.Proofs.ModelProofs

open NuDM.Symbolic
open NuDM.Symbolic.Notation
open NuDM.Physics

let private s = Symbol
let private E, M, T, m = Kinematics.Enu, Kinematics.M, Kinematics.T, Kinematics.Mchi
let private mS, yChi, yN = s "m_S", s "y_chi", s "y_N"
let private seed = SeedModel.Model

/// Both checks: equal normal forms, and identical canonical forms (the same compiled arithmetic).
let private sameAs (dom: Assumptions) (what: string) (derived: Expr) (byHand: Expr) =
    Prove.all [ Prove.equal dom what derived byHand; Prove.identical what derived byHand ]

// ---- the seeds' amplitudes written out by hand ------------------------------------------------------------------

/// |M|² of a lepton line times ū(k2) y_N u(p2) with the S propagator, averaged 1/2 over the nucleus spin, in the lab
/// invariants (seed 001 eqs. 2.14–2.16).
let private byHandNucleus (lepton: Expr) =
    let propagator = ((Kinematics.derivation ()).QSquared - mS ** 2) ** 2
    let nucleus = Dirac.spinSummedSquare (Dirac.u "k2" M) Dirac.identity (Dirac.u "p2" M)
    let raw = yChi ** 2 * yN ** 2 * lepton * nucleus / propagator / 2
    Normal.simplifyWith Kinematics.Domain (Dirac.substituteDots Amplitudes.labDots.Value raw)

/// ν N → χ N, eq. (2.14): ū(k1) y_χ P_L u(p1).
let private byHandNuN () = byHandNucleus (Dirac.spinSummedSquare (Dirac.u "k1" m) Dirac.projectorL (Dirac.u "p1" Ops.zero))
/// ν̄ N → χ̄ N, eq. (2.15): v̄(p1) P_R y_χ v(k1).
let private byHandAntiNuN () = byHandNucleus (Dirac.spinSummedSquare (Dirac.v "p1" Ops.zero) Dirac.projectorR (Dirac.v "k1" m))

/// The annihilations in the CM frame, through the same stable rewriting of the propagators (P_t = 1/(t − m²) …).
let private cm (mIn: Expr) (mOut: Expr) (raw: Expr) (tMass2: Expr) (uMass2: Expr) =
    ProcessDerivation.withPropagators (Assumptions.Positive [ "s"; "m_chi"; "m_S"; "y_chi" ]) mIn mOut raw tMass2 uMass2

let private pt, pu = s "P_t", s "P_u"
let private y4 = yChi ** 4

let private byHandAnnihilation (kind: ProcessKind) =
    match kind with
    | ProcessKind.ChiAntichiToNeutrinoAntineutrino ->
        // y_χ² [ū(k1) P_R u(p1)][v̄(p2) P_L v(k2)]/(t − m_S²), averaged 1/4
        let raw =
            y4 * Dirac.spinSummedSquare (Dirac.u "k1" Ops.zero) Dirac.projectorR (Dirac.u "p1" m)
            * Dirac.spinSummedSquare (Dirac.v "p2" m) Dirac.projectorL (Dirac.v "k2" Ops.zero) * pt ** 2 / 4
        cm m Ops.zero raw (mS ** 2) (mS ** 2)
    | ProcessKind.ChiAntichiToMediatorPair ->
        // y_χ² v̄(p2)[(p̸1 − k̸1)/t + (p̸1 − k̸2)/u] P_R u(p1), averaged 1/4, identical S: 1/2
        let gamma = pt * (Dirac.slash "p1" - Dirac.slash "k1") * Dirac.projectorR + pu * (Dirac.slash "p1" - Dirac.slash "k2") * Dirac.projectorR
        cm m mS (y4 * Dirac.spinSummedSquare (Dirac.v "p2" m) gamma (Dirac.u "p1" m) / 8) Ops.zero Ops.zero
    | ProcessKind.MediatorPairToNeutrinoAntineutrino ->
        // y_χ² ū(k1)[P_R(k̸1 − p̸1 + m_χ)P_L/(t − m_χ²) + (p1 ↔ p2)] v(k2)
        let prop (q: DiracString) (p: Expr) = p * (Dirac.projectorR * (q + Dirac.scalar m) * Dirac.projectorL)
        let gamma = prop (Dirac.slash "k1" - Dirac.slash "p1") pt + prop (Dirac.slash "k1" - Dirac.slash "p2") pu
        cm mS Ops.zero (y4 * Dirac.spinSummedSquare (Dirac.u "k1" Ops.zero) gamma (Dirac.v "k2" Ops.zero)) (m ** 2) (m ** 2)
    | _ ->
        // S S → χ χ̄: y_χ² ū(k1)[P_L(k̸1 − p̸1)P_R/t + P_L(k̸1 − p̸2)P_R/u] v(k2)
        let gamma =
            pt * (Dirac.projectorL * (Dirac.slash "k1" - Dirac.slash "p1") * Dirac.projectorR)
            + pu * (Dirac.projectorL * (Dirac.slash "k1" - Dirac.slash "p2") * Dirac.projectorR)
        cm mS m (y4 * Dirac.spinSummedSquare (Dirac.u "k1" m) gamma (Dirac.v "k2" m)) Ops.zero Ops.zero

/// X ν → X ν (u-channel S) and X ν̄ → X ν̄ (s-channel S), seed 000 sec. IV, averaged 1/2 over the X spin.
let private byHandChiNu (anti: bool) =
    let sv, tv = s "s", s "t"
    let uv = 2 * m ** 2 - sv - tv
    let dots =
        [ "k1", "p1", (sv - m ** 2) / 2; "k2", "p2", (sv - m ** 2) / 2
          "k2", "p1", (m ** 2 - uv) / 2; "k1", "p2", (m ** 2 - uv) / 2
          "k1", "k2", -(tv / 2); "p1", "p2", m ** 2 - tv / 2
          "k1", "k1", Ops.zero; "k2", "k2", Ops.zero; "p1", "p1", m ** 2; "p2", "p2", m ** 2 ]
    let raw =
        if not anti then
            y4 * Dirac.spinSummedSquare (Dirac.u "k2" Ops.zero) Dirac.projectorR (Dirac.u "p1" m)
            * Dirac.spinSummedSquare (Dirac.u "p2" m) Dirac.projectorL (Dirac.u "k1" Ops.zero) / (uv - mS ** 2) ** 2 / 2
        else
            y4 * Dirac.spinSummedSquare (Dirac.v "k1" Ops.zero) Dirac.projectorR (Dirac.u "p1" m)
            * Dirac.spinSummedSquare (Dirac.u "p2" m) Dirac.projectorL (Dirac.v "k2" Ops.zero) / (sv - mS ** 2) ** 2 / 2
    let num, den = Normal.numeratorDenominator (Assumptions.Positive [ "m_chi"; "m_S"; "y_chi" ]) (Dirac.substituteDots dots raw)
    Polynomial.squareFreeParts num / Polynomial.squareFreeParts den

/// S → χ ν̄ (ū(k1) y_χ P_L v(k2)) and Γ_S = 2|M|²|k|/(8π m_S²) over both charge-conjugate channels.
let private byHandWidth () =
    let k1k2 = (mS ** 2 - m ** 2) / 2
    let m2 = Normal.simplify (Dirac.substituteDots [ "k1", "k2", k1k2 ] (yChi ** 2 * Dirac.spinSummedSquare (Dirac.u "k1" m) Dirac.projectorL (Dirac.v "k2" Ops.zero)))
    let k = (mS ** 2 - m ** 2) / (2 * mS)
    m2, Normal.simplify (2 * m2 * k / (8 * pi * mS ** 2))

/// X N → ν N at rest, in seed 000's symbols: y_X y_N [ū(k1) P_R u(p1)][ū(k2) u(p2)]/(q² − m_φ²), averaged 1/4.
let private byHandConversion () =
    let mX, mN, mPhi, yX = s "m_X", s "m_N", s "m_phi", s "y_X"
    let sqrtS = mX + mN
    let eNu = mX * (mX + 2 * mN) / (2 * sqrtS)
    let eR = mX ** 2 / (2 * sqrtS)
    let q2 = mX ** 2 - 2 * mX * eNu
    let lepton = Dirac.spinSummedSquare (Dirac.u "k1" Ops.zero) Dirac.projectorR (Dirac.u "p1" mX)
    let nucleus = Dirac.spinSummedSquare (Dirac.u "k2" mN) Dirac.identity (Dirac.u "p2" mN)
    let m2 = yX ** 2 * yN ** 2 * lepton * nucleus / (q2 - mPhi ** 2) ** 2 / 4
    let m2 = Dirac.substituteDots [ "k1", "p1", mX * eNu; "k2", "p2", mN * (mN + eR) ] m2
    Normal.simplifyWith (Assumptions.Positive [ "m_X"; "m_N"; "m_phi"; "y_X"; "y_N" ]) (m2 * eNu / (16 * pi * sqrtS * mX * mN))

// ---- variants of the seed model, to show the derivation is generic --------------------------------------------------

/// The seed model with one vertex's Dirac structure changed (name, vertex index, new structure).
let private variant (name: string) (index: int) (structure: DiracStructure) =
    let vs =
        seed.Vertices
        |> Seq.mapi (fun i v -> if i = index then Vertex(v.Coupling, v.BarredFermion, structure, v.Fermion, v.Boson, v.PlusHermitianConjugate, v.Reference) else v)
    Model(name, seed.Description, seed.Reference, seed.Fields, seed.Parameters, vs, seed.Roles, seed.EffectiveCoupling)

let private labDomain = Kinematics.Domain.AndPositive(s "m_S")
let private domText = "E_ν, M, m_χ, T, m_S > 0 (couplings real)"

let obligations : Obligation list =
    [ { Id = "model.seed-nucleus"
        Title = "ν N → χ N, ν̄ N → χ̄ N and dσ/dT from the seed model's vertices are the amplitudes of eqs. (2.14)–(2.15)"
        Equation = "seed 001 eqs. (2.1), (2.14)–(2.21)"
        Statement = "From L ⊃ y_χ χ̄ S P_L ν + h.c. + y_N N̄ S N the Feynman rules give the lines ū(k1) P_L u(p1) (ν in, χ out), v̄(p1) P_R v(k1) (ν̄ in, χ̄ out: the Hermitian conjugate vertex, Γ̄ = P_R) and ū(k2) u(p2), joined by the t-channel S; the spin sums, the average over the nucleus spin alone (the neutrino has one helicity) and the lab invariants then give the |M|² written out by hand from the paper's amplitudes — equal, and identical as canonical forms (the same compiled numbers). dσ/dT = |M|²F²/(32πME_ν²) in ȳ (eq. 2.19) likewise."
        Domain = domText
        Check =
          fun () ->
              let nu = seed.NucleusScattering ProcessKind.NeutrinoNucleusToChiNucleus
              let anti = seed.NucleusScattering ProcessKind.AntineutrinoNucleusToAntichiNucleus
              let ybar, A, F2 = s "ybar", s "A", s "F2"
              let dsdt =
                  let d = byHandNuN () / (32 * pi * M * E ** 2)
                  F2 * (Normal.simplifyWith (Kinematics.Domain.AndPositive yChi) (Structure.substitute yN (ybar ** 2 * A / yChi) d))
              Prove.all
                  [ sameAs labDomain "|M|²(ν N → χ N)" nu.SquaredAmplitude.Expression (byHandNuN ())
                    sameAs labDomain "|M|²(ν̄ N → χ̄ N)" anti.SquaredAmplitude.Expression (byHandAntiNuN ())
                    sameAs labDomain "dσ/dT(ν N → χ N)" nu.DifferentialCrossSection.Expression dsdt ] }
      { Id = "model.seed-annihilations"
        Title = "χχ̄ → νν̄, χχ̄ → SS, SS → νν̄, SS → χχ̄ from the seed model's vertices are the amplitudes written out by hand"
        Equation = "seed 001 eq. (4.2); seed 000 sec. VII"
        Statement = "The Feynman rules find one t-channel S exchange between the χ → ν and χ̄ → ν̄ lines for χχ̄ → νν̄, and a fermion line with t- and u-channel ν (χ) exchange between two external S for the other three, with the chiral structures P_L (q̸) P_R and P_R (q̸ + m_χ) P_L of the model's vertex and its conjugate; averaged over the initial spins (1/4 for χχ̄, 1 for SS) with 1/2 for the identical final scalars. Each equals the amplitude written out by hand through the same stable rewriting of the propagators, and is identical to it as a canonical form. For χχ̄ → SS the hand-written amplitude omits the P_L in front of q̸ (P_L q̸ P_R = q̸ P_R): the traces agree term by term."
        Domain = "s, m_χ, m_S > 0; −1 ≤ cos θ ≤ 1"
        Check =
          fun () ->
              let dom = Assumptions.Positive [ "s"; "m_chi"; "m_S"; "y_chi" ]
              Prove.all
                  [ for kind, name in
                        [ ProcessKind.ChiAntichiToNeutrinoAntineutrino, "χχ̄ → νν̄"; ProcessKind.ChiAntichiToMediatorPair, "χχ̄ → SS"
                          ProcessKind.MediatorPairToNeutrinoAntineutrino, "SS → νν̄"; ProcessKind.MediatorPairToChiAntichi, "SS → χχ̄" ] ->
                        sameAs dom name (seed.Annihilation kind).SquaredAmplitude.Expression (byHandAnnihilation kind) ] }
      { Id = "model.seed-decay-scattering-conversion"
        Title = "Γ_S, χν → χν, χν̄ → χν̄ and χN → νN at rest from the seed model's vertices are the amplitudes written out by hand"
        Equation = "seed 001 below eq. (4.2); seed 000 secs. IV, VI"
        Statement = "S → χν̄ is ū(k1) P_L v(k2) and S → χ̄ν its conjugate ū(k2) P_R v(k1), with equal |M|², so Γ_S is twice one channel; χν → χν is the u-channel S exchange [ū(k2) P_R u(p1)][ū(p2) P_L u(k1)], χν̄ → χν̄ the s-channel one [v̄(k1) P_R u(p1)][ū(p2) P_L v(k2)]; χN → νN at rest is [ū(k1) P_R u(p1)][ū(k2) u(p2)] with exact two-body kinematics, derived in seed 000's notation (X, φ, y_X, m_N) from the same model with its symbols renamed. Each is identical to the amplitude written out by hand."
        Domain = "m_S > m_χ > 0; m_X, m_N, m_φ > 0"
        Check =
          fun () ->
              let dom = Assumptions.Positive [ "m_chi"; "m_S"; "y_chi" ]
              let m2, width = byHandWidth ()
              let decay = seed.MediatorDecay()
              Prove.all
                  [ sameAs dom "|M(S → χν̄)|²" decay.SquaredAmplitude.Expression m2
                    sameAs dom "Γ_S" decay.Width.Expression width
                    sameAs dom "χν → χν" (seed.ElasticScattering ProcessKind.ChiNeutrinoToChiNeutrino).SquaredAmplitude.Expression (byHandChiNu false)
                    sameAs dom "χν̄ → χν̄" (seed.ElasticScattering ProcessKind.ChiAntineutrinoToChiAntineutrino).SquaredAmplitude.Expression (byHandChiNu true)
                    sameAs (Assumptions.Positive [ "m_X"; "m_N"; "m_phi"; "y_X"; "y_N" ]) "σv(X N → ν N) at rest"
                        (SeedModel.InSeed000Notation.ConversionAtRest().SigmaV.Expression) (byHandConversion ()) ] }
      { Id = "model.generic-structure"
        Title = "Dirac structures are data: a pseudoscalar nucleus line is 4MT instead of 4M(2M + T), and spin-dependent, so coherent ν N → χ N is absent; χ̄ S ν is χ̄ S P_L ν"
        Equation = "Dirac traces (Peskin & Schroeder conventions); seed 001 eq. (2.1)"
        Statement = "Replacing the nucleus vertex y_N N̄ S N by y_N N̄ iγ5 S N changes the nucleus line from Σ|ū(k2)u(p2)|² = 4(k2·p2 + M²) = 4M(2M + T) to Σ|ū(k2)iγ5u(p2)|² = 4(k2·p2 − M²) = 4MT (the ratio T/(2M + T)); a pseudoscalar couples to the nuclear spin, with no coherent enhancement, so the model with that vertex has no coherent ν N → χ N and says why (the models-as-data issue; before it the Dirac-nucleus |M|² with the T/(2M + T) suppression was returned). Seed 001 writes the vertex y_χ χ̄ S ν without a projector: for a left-handed neutrino that is χ̄ S P_L ν, and the derivation gives the same |M|²; with χ̄ S P_R ν the vertex vanishes for a left-handed neutrino and ν N → χ N is absent from that model."
        Domain = domText
        Check =
          fun () ->
              let pseudo = variant "pseudoscalar-nucleus" 1 DiracStructure.Pseudoscalar
              let unprojected = variant "seed-001-as-printed" 0 DiracStructure.Scalar
              let wrongChirality = variant "right-handed-coupling" 0 DiracStructure.RightScalar
              let scalarM2 = seed.Process(ProcessKind.NeutrinoNucleusToChiNucleus).SquaredAmplitude.Expression
              let line (g: DiracString) = Normal.simplifyWith labDomain (Dirac.substituteDots Amplitudes.labDots.Value (Dirac.spinSummedSquare (Dirac.u "k2" M) g (Dirac.u "p2" M)))
              let pseudoLine, scalarLine = line (Dirac.imaginaryUnit * Dirac.gamma5), line Dirac.identity
              let pseudoAbsent =
                  not (pseudo.Has ProcessKind.NeutrinoNucleusToChiNucleus)
                  && (try (pseudo.Process ProcessKind.NeutrinoNucleusToChiNucleus |> ignore; false) with :? ProcessNotInModelException as e -> e.Message.Contains "spin-dependent")
              let absent = not (wrongChirality.Has ProcessKind.NeutrinoNucleusToChiNucleus)
              Prove.all
                  [ Prove.equal labDomain "Σ|ū(k2) u(p2)|² = 4M(2M + T)" scalarLine (4 * M * (2 * M + T))
                    Prove.equal labDomain "Σ|ū(k2) iγ5 u(p2)|² = 4MT" pseudoLine (4 * M * T)
                    (if pseudoAbsent then Outcome.Pass "with y_N N̄ iγ5 S N coherent ν N → χ N is absent (spin-dependent)" else Outcome.Fail "a pseudoscalar nucleus coupling still gives a coherent ν N → χ N")
                    Prove.equal labDomain "χ̄ S ν = χ̄ S P_L ν" (unprojected.Process(ProcessKind.NeutrinoNucleusToChiNucleus).SquaredAmplitude.Expression) scalarM2
                    (if absent then Outcome.Pass "with χ̄ S P_R ν (zero for a left-handed ν) the model has no ν N → χ N"
                     else Outcome.Fail "χ̄ S P_R ν unexpectedly gives ν N → χ N") ] }
      { Id = "model.absent"
        Title = "A process the model's vertices do not make is absent, not zero: ν N → ν N is not in the seed model"
        Equation = "seed 001 eq. (2.1)"
        Statement = "ν N → ν N through S needs a ν̄ ν S vertex, which L ⊃ y_χ χ̄ S P_L ν + h.c. + y_N N̄ S N does not have (and which vanishes for a left-handed neutrino without a γ^μ); the model reports the process as absent (TryProcess false, Process throws 'ν N → ν N is not in model …') instead of returning |M|² = 0. Every other kind the kernel knows is present."
        Domain = "—"
        Check =
          fun () ->
              let absent = not (seed.Has ProcessKind.NeutrinoNucleusToNeutrinoNucleus)
              let message =
                  try
                      seed.Process ProcessKind.NeutrinoNucleusToNeutrinoNucleus |> ignore
                      ""
                  with :? ProcessNotInModelException as e -> e.Message
              let present = seed.ProcessKinds |> Seq.length
              Prove.all
                  [ (if absent then Outcome.Pass "TryProcess(ν N → ν N) is false" else Outcome.Fail "ν N → ν N is present")
                    (if message.StartsWith "ν N → ν N is not in model 'scalar-seed'" then Outcome.Pass message else Outcome.Fail(sprintf "message: '%s'" message))
                    (if present = 10 then Outcome.Pass "the other ten kinds are present" else Outcome.Fail(sprintf "%d kinds present, expected 10" present)) ] } ]
