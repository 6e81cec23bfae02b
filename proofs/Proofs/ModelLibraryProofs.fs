/// Proof obligations of the shipped models besides the seeds' (ModelLibrary: 'vector', 'pseudoscalar',
/// 'light-vector'): what the Feynman rules derive from their vertices — vector exchange with open Lorentz indices
/// contracted, the Standard Model's neutral current interfering with a light Z' — checked against closed forms from
/// the literature, their limits, and the seed model.
///
/// Sign convention of the interference: L ⊃ Z'_μ (g_ν ν̄ γ^μ P_L ν + g_q q̄ γ^μ q) and the SM's
/// L_eff = −(G_F/√2)[ν̄ γ^μ(1 − γ5) ν][q̄ γ_μ(g_V − g_A γ5) q], so the coherent amplitude is
/// M = (G_F/√2) Q' [ū γ^μ P_L u][Ū γ_μ U] with Q' = Q_W − (√2/G_F) g_ν Q_V/(2MT + m_V²), Q_W = N − (1 − 4 sin²θ_W) Z > 0,
/// Q_V = Z(2g_u + g_d) + N(g_u + 2g_d) = 3A g_q: g_ν g_q < 0 (e.g. B − L, g_ν = −g', g_q = g'/3) interferes
/// constructively. Papers that write Q' = Q_W + (√2/G_F) g_ν Q_V/(2MT + m²) (e.g. Cerdeño et al., JHEP 05 (2016) 118,
/// with Q_V^SM of the opposite sign) have the same physics with the sign of g_ν or of Q_W flipped.
module NuDM.Proofs.ModelLibraryProofs

open NuDM.Symbolic
open NuDM.Symbolic.Notation
open NuDM.Physics

let private s = Symbol
let private E, M, T, F2 = s "E_nu", s "M", s "T", s "F2"
let private A, Z = s "A", s "Z"
let private mV, gNu, gq, gChi, mChi = s "m_V", s "g_nu", s "g_q", s "g_chi", s "m_chi"
let private gf = Number(Q.OfDouble Constants.FermiConstant)
let private lab = Assumptions.Positive [ "E_nu"; "M"; "T"; "m_V"; "A"; "Z"; "F2"; "m_chi" ]

/// Q_W = N − (1 − 4 sin²θ_W) Z with N = A − Z (seed 000 below eq. 11).
let private weakCharge = Structure.substitute CrossSections.N (A - Z) CrossSections.weakCharge
/// The kinematic factor of a vector current on a Dirac nucleus with exact kinematics, and its leading form
/// 1 − MT/(2E²) (the T/E terms are what the seed's and the light-mediator papers' formulas omit).
let private kDirac = 1 - T / E - M * T / (2 * E ** 2) + T ** 2 / (2 * E ** 2)
let private kLeading = 1 - M * T / (2 * E ** 2)
/// Q' = Q_W − (√2/G_F) g_ν Q_V/(2MT + m_V²), Q_V = 3A g_q.
let private qPrime = weakCharge - sqrt (Ops.integer 2) / gf * gNu * (3 * A * gq) / (2 * M * T + mV ** 2)
/// dσ/dT = G_F² M/(4π) K Q'² F².
let private closedForm (q: Expr) = gf ** 2 * M / (4 * pi) * kDirac * q ** 2 * F2

let private lightVector = ModelLibrary.LightVector
let private vector = ModelLibrary.Vector
let private pseudo = ModelLibrary.Pseudoscalar
let private withSM () = (lightVector.NucleusScattering ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel).DifferentialCrossSection.Expression
let private mediatorOnly () = (lightVector.NucleusScattering ProcessKind.NeutrinoNucleusToNeutrinoNucleus).DifferentialCrossSection.Expression
let private m2Of (m: Model) (k: ProcessKind) = (m.Process k).SquaredAmplitude.Expression

let private absentBecause (m: Model) (k: ProcessKind) (fragment: string) =
    if m.Has k then Outcome.Fail(sprintf "%s is present in '%s'" (string k) m.Name)
    else
        let msg = try (m.Process k |> ignore; "") with :? ProcessNotInModelException as e -> e.Message
        if msg.Contains fragment then Outcome.Pass msg else Outcome.Fail(sprintf "message '%s' does not say '%s'" msg fragment)

/// The CM frame of χ χ̄ ↔ boson pairs (CmFrame.rational: s = 4E², m_χ = √(E² − p²), the boson mass √(E² − k²)).
let private cmFrame = CmFrame.rational mChi mV
let private expandsEqual = CmFrame.expandsEqual

let obligations : Obligation list =
    [ { Id = "lv.closed-form"
        Title = "Light vector: dσ/dT(ν N → ν N, SM + Z') = G_F² M/(4π) K Q'² F², the weak charge shifted by the Z' propagator term"
        Equation = "Cerdeño et al., JHEP 05 (2016) 118 (light-mediator CEvNS); seed 000 eq. (11)"
        Statement = "From L ⊃ g_ν ν̄ γ^μ P_L ν Z'_μ + g_q q̄ γ_μ q Z'^μ (Q_V = 3A g_q on the nucleus) and the SM neutral current at q² ≪ m_Z², the kernel derives (Dirac traces with open Lorentz indices, the interference included) dσ/dT = G_F² M/(4π) K Q'² F² with Q' = Q_W − (√2/G_F) g_ν Q_V/(2MT + m_V²) and, for a Dirac nucleus with exact kinematics, K = 1 − T/E − MT/(2E²) + T²/(2E²); K − (1 − MT/(2E²)) = −T/E + T²/(2E²) is the O(T/E) part the literature's form (and seed 000 eq. 11) omits. Without the SM (ν N → ν N through Z' alone) Q' is the propagator term alone."
        Domain = "E_ν, M, T, m_V, A, Z > 0; g_ν, g_q real of either sign"
        Check =
          fun () ->
              Prove.all
                  [ Prove.equal lab "dσ/dT(SM + Z') = G_F² M/(4π) K Q'² F²" (withSM ()) (closedForm qPrime)
                    Prove.equal lab "dσ/dT(Z' alone) = G_F² M/(4π) K (Q' − Q_W)² F²" (mediatorOnly ()) (closedForm (qPrime - weakCharge))
                    Prove.equal lab "K − (1 − MT/(2E²)) = −T/E + T²/(2E²)" (kDirac - kLeading) (-(T / E) + T ** 2 / (2 * E ** 2)) ] }
      { Id = "lv.sm-limit"
        Title = "Light vector: g_ν → 0 gives the SM CEvNS cross section (seed 000 eq. 11) with its O(T/E) terms"
        Equation = "seed 000 eq. (11); Kernel.StandardModelCevns"
        Statement = "At g_ν = 0 the derived ν N → ν N (SM + Z') is G_F² Q_W² M/(4π) K F², i.e. exactly today's SM CEvNS G_F²/(4π) Q_W² M (1 − MT/(2E²)) F² plus G_F² Q_W² M/(4π) (−T/E + T²/(2E²)) F², the terms seed 000 eq. (11) drops (≲ 10⁻³ at CEvNS energies)."
        Domain = "E_ν, M, T, A, Z > 0"
        Check =
          fun () ->
              let atZero = Structure.substitute gNu Ops.zero (withSM ())
              let today = Structure.substitute CrossSections.N (A - Z) CrossSections.cevnsSM
              Prove.equal lab "dσ/dT(g_ν = 0) = SM(seed 000 eq. 11) + G_F² Q_W² M/(4π)(−T/E + T²/(2E²)) F²" atZero
                  (today + gf ** 2 * weakCharge ** 2 * M / (4 * pi) * (-(T / E) + T ** 2 / (2 * E ** 2)) * F2) }
      { Id = "lv.contact-limit"
        Title = "Light vector: m_V → ∞ at fixed g_ν g_q/m_V² is a contact (NSI-like) interaction, Q_W → Q_W − (√2/G_F) 3A g_ν g_q/m_V²"
        Equation = "heavy-mediator limit of the light-vector cross section"
        Statement = "With g_ν g_q = ε m_V² held fixed (ε = g_ν g_q/m_V², MeV⁻²), lim_{m_V→∞} dσ/dT = G_F² M/(4π) K (Q_W − (√2/G_F) 3A ε)² F²: the propagator 1/(2MT + m_V²) → 1/m_V² and the Z' becomes a four-fermion contact term, a constant shift of the weak charge."
        Domain = "E_ν, M, T, A, Z > 0; ε real"
        Check =
          fun () ->
              let eps = s "epsilon"
              let u = s "u"
              // m_V = 1/u, g_q = ε m_V²/g_ν
              let e = withSM () |> Structure.substitute gq (eps * mV ** 2 / gNu) |> Structure.substitute mV (1 / u)
              let dom = Assumptions.Positive [ "E_nu"; "M"; "T"; "A"; "Z"; "F2"; "u"; "g_nu" ]
              let expected = gf ** 2 * M / (4 * pi) * kDirac * (weakCharge - sqrt (Ops.integer 2) / gf * 3 * A * eps) ** 2 * F2
              Prove.limit dom "m_V = 1/u, u → 0⁺" u Ops.zero Direction.FromAbove e expected }
      { Id = "lv.positive"
        Title = "Light vector: |M|²(ν N → ν N) > 0 in the physical region 0 < T < T_max = 2E²/(M + 2E)"
        Equation = "seed 001 eq. (2.10)"
        Statement = "|M|² = 8M² Q'²(G_F²/2)(2E² − (2E + M)T + T²)/…: with T = T_max (1 − y), 0 < y < 1, the kinematic factor is 2E² y + T², a sum of positive terms; so |M|² ≥ 0 (> 0 unless Q' = 0) on the whole recoil range."
        Domain = "E_ν, M > 0, 0 < y < 1"
        Check =
          fun () ->
              let y = s "y"
              let tOf = 2 * E ** 2 * (1 - y) / (M + 2 * E)
              let factor = 2 * E ** 2 - (2 * E + M) * T + T ** 2
              let derivedFactor = Normal.simplifyWith lab (m2Of lightVector ProcessKind.NeutrinoNucleusToNeutrinoNucleus / (gNu ** 2 * s "g_N" ** 2 * 8 * M ** 2) * (2 * M * T + mV ** 2) ** 2)
              let dom = Assumptions.Positive [ "E_nu"; "M"; "y" ]
              Prove.all
                  [ Prove.equal lab "|M|²(Z') = 8 g_ν² g_N² M² (2E² − (2E + M)T + T²)/(2MT + m_V²)²" derivedFactor factor
                    Prove.equal dom "the factor at T = T_max(1 − y) is 2E² y + T²" (Structure.substitute T tOf factor) (2 * E ** 2 * y + tOf ** 2)
                    Prove.positive dom "2E² y" (2 * E ** 2 * y) ] }
      { Id = "vec.massless-limit"
        Title = "Vector model: ν N → χ N at m_χ = 0 is the light vector's ν N → ν N without the SM (g_ν → g_χ); ν̄ N → χ̄ N = ν N → χ N"
        Equation = "vector exchange, Dirac traces with open indices"
        Statement = "The vector model's |M|²(ν N → χ N) (g_χ χ̄ γ^μ P_L ν V, g_N N̄ γ_μ N V) reduces at m_χ = 0 to the light vector's |M|²(ν N → ν N) with g_ν renamed g_χ. For a vector (not axial) nucleus current the ν and ν̄ cross sections are equal (the (g_V ± g_A) asymmetry vanishes with g_A = 0); the q_μq_ν/m_V² part of the propagator drops, the nucleus current being conserved."
        Domain = "E_ν, M, T, m_V, m_χ > 0"
        Check =
          fun () ->
              let nuChi = m2Of vector ProcessKind.NeutrinoNucleusToChiNucleus
              let lv = m2Of lightVector ProcessKind.NeutrinoNucleusToNeutrinoNucleus |> Structure.substitute gNu gChi
              Prove.all
                  [ Prove.limit lab "m_χ → 0" mChi Ops.zero Direction.FromAbove nuChi lv
                    Prove.equal lab "|M|²(ν̄ N → χ̄ N) = |M|²(ν N → χ N)" (m2Of vector ProcessKind.AntineutrinoNucleusToAntichiNucleus) nuChi
                    (if Structure.freeOf (s "m_V") (Normal.simplifyWith lab (nuChi * (2 * M * T + mV ** 2) ** 2)) then Outcome.Pass "no 1/m_V² (q_μq_ν) term" else Outcome.Fail "a q_μq_ν/m_V² term survives") ] }
      { Id = "vec.current-conservation"
        Title = "The q_μq_ν/m_V² term of the vector propagator drops for a conserved current and not for the axial current of a massive fermion"
        Equation = "Dirac traces, on shell"
        Statement = "For q = p − k with p² = k² = m²: Σ|ū(k) q̸ u(p)|² = Tr[(k̸ + m) q̸ (p̸ + m) q̸] = 0 (ū(k)(p̸ − k̸)u(p) = (m − m) ū u), while ū(k) q̸γ5 u(p) = −2m ū(k) γ5 u(p) and Σ|ū(k) q̸γ5 u(p)|² = 16 m²(p·k − m²) ≠ 0: the kernel keeps the term and it vanishes where it must."
        Domain = "m > 0, p·k > m²"
        Check =
          fun () ->
              let m = s "m"
              let q = Dirac.slash "p" - Dirac.slash "k"
              let dots = [ "p", "p", m ** 2; "k", "k", m ** 2; "k", "p", s "pk" ]
              let vectorTrace = Dirac.substituteDots dots (Dirac.spinSummedSquare (Dirac.u "k" m) q (Dirac.u "p" m))
              let axialTrace = Dirac.substituteDots dots (Dirac.spinSummedSquare (Dirac.u "k" m) (q * Dirac.gamma5) (Dirac.u "p" m))
              let dom = Assumptions.Positive [ "m"; "pk" ]
              Prove.all
                  [ Prove.equal dom "Σ|ū q̸ u|² = 0" vectorTrace Ops.zero
                    Prove.equal dom "Σ|ū q̸γ5 u|² = 4m² Σ|ū γ5 u|² = 16 m² (p·k − m²)" axialTrace (16 * m ** 2 * (s "pk" - m ** 2)) ] }
      { Id = "vec.width"
        Title = "Vector model: Γ(V → χ ν̄ + χ̄ ν) = g_χ² (m_V² − m_χ²)² (2m_V² + m_χ²)/(24π m_V⁵); m_χ → 0: g_χ² m_V/(12π)"
        Equation = "massive vector decay, polarisation sum −g_μν + k_μk_ν/m_V²"
        Statement = "Averaged over the three polarisations, |M(V → χ ν̄)|² = g_χ² (m_V² − m_χ²)(2m_V² + m_χ²)/(3m_V²); with |k| = (m_V² − m_χ²)/(2m_V) and the two channels, the width is the closed form. Its massless limit is twice Γ(W → ℓν) = g²m_W/(48π) with g_χ ↔ g/√2."
        Domain = "m_V > m_χ > 0"
        Check =
          fun () ->
              let w = vector.MediatorDecay().Width.Expression
              let dom = Assumptions.Positive [ "m_V"; "m_chi"; "g_chi" ]
              Prove.all
                  [ Prove.equal dom "Γ_V" w (gChi ** 2 * (mV ** 2 - mChi ** 2) ** 2 * (2 * mV ** 2 + mChi ** 2) / (24 * pi * mV ** 5))
                    Prove.limit dom "m_χ → 0" mChi Ops.zero Direction.FromAbove w (gChi ** 2 * mV / (12 * pi)) ] }
      { Id = "vec.vv-crossing"
        Title = "Vector model: χ χ̄ → V V and V V → χ χ̄ have the same spin- and polarisation-summed |M|²: 8 |M|²(χχ̄ → VV) = 9 |M|²(VV → χχ̄)"
        Equation = "time reversal / detailed balance: Σ|M|² of a b → c d equals that of c d → a b at the same s, t"
        Statement = "Summed over every spin and polarisation, |M|² is the same function of the invariants for χ χ̄ → V V (ν exchanged in t and u; ū, v̄ spinors incoming; ε* of the outgoing V) and V V → χ χ̄ (incoming V, outgoing ū, v). The derived, averaged forms carry 1/4 (χ, χ̄ spins) × 1/2 (identical V V) and 1/9 (two massive V: three polarisations each), so 8 |M|²(χχ̄ → VV) = 9 |M|²(VV → χχ̄) at the same s and cos θ (θ between χ and V; t = (p_χ − k_V)² in both)."
        Domain = "the CM frame s = 4E², m_χ = √(E² − p²), m_V = √(E² − k²), E > p, k > 0, −1 < c < 1"
        Check =
          fun () ->
              let a = cmFrame (m2Of vector ProcessKind.ChiAntichiToMediatorPair)
              let c = cmFrame (m2Of vector ProcessKind.MediatorPairToChiAntichi)
              expandsEqual "8 |M|²(χχ̄ → VV) = 9 |M|²(VV → χχ̄)" (8 * a) (9 * c) }
      { Id = "vec.vv-massless"
        Title = "Vector model: V V → ν ν̄ at m_χ = 0 and m_V → 0 is crossed e⁺e⁻ → γγ of one chirality: |M|² = (1/9) 4g_χ⁴ (u/t + t/u) = 8g_χ⁴(1 + c²)/(9(1 − c²))"
        Equation = "Peskin & Schroeder, An Introduction to QFT, sec. 5.5, eq. (5.105) (e⁺e⁻ → 2γ) at m → 0: ¼Σ|M|² = 2e⁴(u/t + t/u), crossed"
        Statement = "With m_χ = 0 the current χ̄ γ^μ P_L ν is conserved, so the k_μk_ν/m_V² parts of the polarisation sums drop (no 1/m_V singularity) and, as m_V → 0, V V → ν ν̄ through t- and u-channel χ exchange becomes γγ → f f̄ of massless QED with e → g_χ: Σ|M|² = 8e⁴(u/t + t/u) for a Dirac f, half of it for the one chirality P_L selects, 4g_χ⁴(u/t + t/u) = 8g_χ⁴(1 + c²)/(1 − c²) (t = −s(1 − c)/2, u = −s(1 + c)/2), averaged over the 3 × 3 polarisations of the massive V the kernel averages over."
        Domain = "s = 4E², m_V = √(E² − k²), k → E⁻; −1 < c < 1"
        Check =
          fun () ->
              let E, k, c = s "E", s "k", s "c"
              let dom = (Assumptions.Positive [ "E"; "k"; "g_chi" ]).AndPositive(E - k).AndPositive(1 - c).AndPositive(1 + c)
              let b = m2Of vector ProcessKind.MediatorPairToNeutrinoAntineutrino |> Structure.substitute mChi Ops.zero |> cmFrame
              Prove.limit dom "m_V → 0 (k → E⁻) at m_χ = 0" k E Direction.FromBelow b (8 * gChi ** 4 * (1 + c ** 2) / (9 * (1 - c ** 2))) }
      { Id = "kd.above-threshold-form"
        Title = "χ ν → χ ν and χ ν̄ → χ ν̄ in w = s − m_χ² (the form the kinetic-decoupling rate compiles) are |M|²(s, t) with s = m_χ² + w"
        Equation = "ElasticScatteringProcess.SquaredAmplitudeAboveThreshold: a change of variable, w = s − m_χ², of the derived |M|² (seed 000 sec. IV, eq. 14's amplitude)"
        Statement = "For the seeds' scalar model and the vector and pseudoscalar models, the normalised form in (w, t) the kernel hands to the rate, with w replaced by s − m_χ², is identical to |M|²(s, t): rewriting it so that no term cancels just above threshold changes nothing else."
        Domain = "s, t, masses and couplings real (the identity is polynomial in w)"
        Check =
          fun () ->
              Prove.all
                  [ for model in [ SeedModel.Model; vector; pseudo ] do
                        for kind in [ ProcessKind.ChiNeutrinoToChiNeutrino; ProcessKind.ChiAntineutrinoToChiAntineutrino ] do
                            let p = model.ElasticScattering kind
                            let w = p.SquaredAmplitudeAboveThreshold("m_chi").Expression
                            let back = Structure.substitute (s "w") (s "s" - mChi ** 2) w
                            yield Prove.equal Assumptions.AllPositive (sprintf "%s, %s" model.Name p.Name) back p.SquaredAmplitude.Expression ] }
      { Id = "ps.spin-dependent-absent"
        Title = "Pseudoscalar model: coherent ν N → χ N, ν̄ N → χ̄ N and χ N → ν N are absent (spin-dependent), with the reason"
        Equation = "y_N N̄ iγ5 N φ (from q̄ iγ5 q φ)"
        Statement = "A pseudoscalar nucleus coupling couples to the nuclear spin: no coherent enhancement, and the kernel has no spin-dependent rate, so the coherent processes are absent and say why; the processes without the nucleus are derived."
        Domain = "—"
        Check =
          fun () ->
              Prove.all
                  [ absentBecause pseudo ProcessKind.NeutrinoNucleusToChiNucleus "spin-dependent"
                    absentBecause pseudo ProcessKind.AntineutrinoNucleusToAntichiNucleus "spin-dependent"
                    absentBecause pseudo ProcessKind.ChiNucleusToNeutrinoNucleus "spin-dependent"
                    (if pseudo.Has ProcessKind.ChiAntichiToNeutrinoAntineutrino && pseudo.Has ProcessKind.MediatorDecay && pseudo.Has ProcessKind.ChiNeutrinoToChiNeutrino
                     then Outcome.Pass "χ χ̄ → ν ν̄, Γ_φ and χ ν → χ ν are derived" else Outcome.Fail "a process without the nucleus is missing") ] }
      { Id = "ps.chiral-equivalence"
        Title = "Pseudoscalar model: for a left-handed ν, χ̄ iγ5 ν φ = −i χ̄ P_L ν φ, so every χ–ν process equals the seed's (m_φ ↔ m_S)"
        Equation = "iγ5 P_L = −i P_L; seed 001 eqs. (2.1), (4.2)"
        Statement = "The pseudoscalar's χ vertex acts on a left-handed neutrino as −i times the seed's χ̄ P_L ν; the phase drops from |M|², so χ χ̄ → ν ν̄, χ ν → χ ν, χ ν̄ → χ ν̄ and Γ(φ → χ ν̄ + χ̄ ν) equal the seed model's with m_φ renamed m_S."
        Domain = "s, m_χ, m_φ > 0"
        Check =
          fun () ->
              let seed = SeedModel.Model
              let rename = Structure.substitute (s "m_phi") (s "m_S")
              let dom = Assumptions.Positive [ "s"; "m_chi"; "m_S"; "y_chi" ]
              Prove.all
                  [ for k in [ ProcessKind.ChiAntichiToNeutrinoAntineutrino; ProcessKind.ChiNeutrinoToChiNeutrino; ProcessKind.ChiAntineutrinoToChiAntineutrino ] do
                        yield Prove.equal dom (sprintf "|M|² %s" (pseudo.Process k).Name) (rename (m2Of pseudo k)) (m2Of seed k)
                    yield Prove.equal dom "Γ_φ = Γ_S" (rename (pseudo.MediatorDecay().Width.Expression)) (seed.MediatorDecay().Width.Expression) ] } ]
