namespace NuDM.Physics

open System
open NuDM.Symbolic

/// A squared amplitude derived from Dirac traces, with the spin sums and averages it contains stated.
[<NoEquality; NoComparison>]
type SquaredAmplitude =
    { /// Process, e.g. "ν N → χ N".
      Process: string
      /// The amplitude it squares, e.g. "seed 001 eq. (2.14)".
      Amplitude: string
      /// Which spins are summed and averaged.
      SpinSums: string
      /// |M|² in the variables named in Variables (MeV² … as appropriate; dimensionless for 2 → 2 with Yukawas).
      Value: Expr
      /// The independent variables of Value (kinematic invariants, masses, couplings).
      Variables: string list }

/// One annihilation channel a a → b b in the centre-of-mass frame, with |M|² averaged over initial spins and
/// including the symmetry factor of identical final particles, as a function of s, cos θ (symbol "c") and the
/// masses and couplings. The initial particles have mass m_in, the final ones m_out.
[<NoEquality; NoComparison>]
type AnnihilationChannel =
    { Name: string
      Amplitude: SquaredAmplitude
      /// Mass of each initial particle (expression in the parameters).
      InitialMass: Expr
      /// Mass of each final particle.
      FinalMass: Expr
      /// The low-velocity expansion σv_rel = a + b v_rel² + O(v_rel⁴), derived symbolically on first use (a Puiseux
      /// series in the CM momentum; a few seconds), as (a, b).
      LowVelocity: Lazy<Expr * Expr>
      /// Parameters (besides s and c) of Amplitude.Value, in a fixed order.
      Parameters: string list }

    /// s-wave coefficient a of σv_rel = a + b v_rel², MeV⁻².
    member ch.SWave = fst (ch.LowVelocity.Force())
    /// p-wave coefficient b of σv_rel = a + b v_rel², MeV⁻².
    member ch.PWave = snd (ch.LowVelocity.Force())

/// The earlier entry points to the seeds' squared amplitudes, kept while their callers (the cosmology, detection and
/// constraint code) move to the model API: each is a thin wrapper over a process of SeedModel.Model (or of
/// SeedModel.InSeed000Notation for the X–φ–ν symbols), derived from the model's vertices by the Feynman rules, and
/// gives the same expression as before (proofs model.*). New code asks the model: SeedModel.Model.Process(kind).
/// Lagrangian (seed 001 eq. 2.1 / 4.1, seed 000 eq. 1): L ⊃ y_χ χ̄ S P_L ν + h.c. + y_N N̄ S N. Energies in MeV,
/// cross sections in MeV⁻², widths in MeV.
[<RequireQualifiedAccess>]
module Amplitudes =
    let private s = Symbol

    /// Couplings and masses of the seed model: y_chi, y_N, m_S (SeedModel.ChiCoupling, NucleusCoupling, MediatorMass).
    let yChi, yN, mS = s "y_chi", s "y_N", s "m_S"
    let E, M, T, mChi = Kinematics.Enu, Kinematics.M, Kinematics.T, Kinematics.Mchi

    /// All Minkowski products of p1 (ν), p2 (N), k1 (χ), k2 (N') derived from the four-vectors of eq. (2.2) with
    /// cos θ = cos θ(T) of eq. (2.5): each is a polynomial in E_ν, M, T, m_χ.
    let labDots : Lazy<(string * string * Expr) list> = ProcessDerivation.labDots

    /// The propagator denominator (q² − m_S²)² with q² = −2MT from the derivation (eq. 2.3).
    let propagatorSquared = lazy (((Kinematics.derivation ()).QSquared - mS ** 2) ** 2)

    let private seed (kind: ProcessKind) = SeedModel.Model.Process kind

    let private wrap (p: Process) name amplitude spins (variables: string list) : SquaredAmplitude =
        { Process = name; Amplitude = amplitude; SpinSums = spins; Value = p.SquaredAmplitude.Expression; Variables = variables }

    /// |M|² for ν N → χ N from eq. (2.14): iM = ū(k1)(i y_χ)P_L u(p1) · (−i)/(q² − m_S²) · ū(k2)(i y_N)u(p2).
    let nuNToChiN =
        lazy
            (wrap (seed ProcessKind.NeutrinoNucleusToChiNucleus) "ν N → χ N" "seed 001 eq. (2.14)"
                 "summed over the χ and final-nucleus spins, averaged (1/2) over the initial nucleus spin; the neutrino enters with its single (left-handed) helicity, selected by P_L, so it is not averaged; the nucleus is treated as a Dirac fermion of mass M"
                 [ "E_nu"; "M"; "m_chi"; "T"; "m_S"; "y_chi"; "y_N" ])

    /// |M|² for ν̄ N → χ̄ N from eq. (2.15): iM = v̄(p1) P_R (i y_χ) v(k1) · (−i)/(q² − m_S²) · ū(k2)(i y_N)u(p2).
    let antiNuNToAntiChiN =
        lazy
            (wrap (seed ProcessKind.AntineutrinoNucleusToAntichiNucleus) "ν̄ N → χ̄ N" "seed 001 eq. (2.15)"
                 "as for ν N → χ N, with the right-handed antineutrino selected by P_R" [ "E_nu"; "M"; "m_chi"; "T"; "m_S"; "y_chi"; "y_N" ])

    /// dσ/dT = |M|²/(32π M E_ν²) (seed 001 eq. 2.21), MeV⁻³, with y_χ² y_N² written through ȳ⁴ A² (eq. 2.19:
    /// ȳ = sqrt(y_χ y_N / A)) and the form factor squared F2 multiplying it (seed 001 uses F for COHERENT).
    let nuChiDifferential = lazy (SeedModel.Model.NucleusScattering(ProcessKind.NeutrinoNucleusToChiNucleus).DifferentialCrossSection.Expression)

    /// The νN → χN differential cross section as a formula (E_nu, M, m_chi, T, m_S, ybar, A, F2).
    [<CompiledName("NuChiDifferentialFormula")>]
    let nuChiDifferentialFormula () =
        Formula.create "dsigma_dT_nuchi" nuChiDifferential.Value
            [ "E_nu", "MeV", "neutrino energy"; "M", "MeV", "nuclear mass"; "m_chi", "MeV", "χ mass"; "T", "MeV", "recoil energy"
              "m_S", "MeV", "mediator mass"; "ybar", "1", "ȳ = sqrt(y_χ y_N / A) (eq. 2.19)"; "A", "1", "mass number"
              "F2", "1", "nuclear form factor squared" ]
            "MeV^-3" "seed 001 eq. (2.21), from |M|² of eqs. (2.14)–(2.16)" "differential cross section of ν N → χ N"

    // ---- S → χ ν (seed 001 sec. 4) ----------------------------------------------------------------------
    /// |M|² of S → χ ν̄ from ū(k1) P_L v(k2), summed over final spins (S is a scalar: no average).
    let sDecay =
        lazy (wrap (seed ProcessKind.MediatorDecay) "S → χ ν̄" "ū(k1) (i y_χ) P_L v(k2)" "summed over the χ spin; the antineutrino has one helicity" [ "m_S"; "m_chi"; "y_chi" ])

    /// Γ_S = Γ(S → χ ν̄) + Γ(S → χ̄ ν) = 2 · |M|² |k|/(8π m_S²), |k| = (m_S² − m_χ²)/(2 m_S): y_χ²(m_S² − m_χ²)²/(8π m_S³),
    /// which is y_χ² m_S/(8π) (seed 001, below eq. 4.2) for m_χ → 0. MeV.
    let sWidth = lazy (SeedModel.Model.MediatorDecay().Width.Expression)

    [<CompiledName("SWidthFormula")>]
    let sWidthFormula () =
        Formula.create "Gamma_S" sWidth.Value [ "m_S", "MeV", "scalar mass"; "m_chi", "MeV", "χ mass"; "y_chi", "1", "Yukawa y_χ" ]
            "MeV" "seed 001 below eq. (4.2), with the phase-space factor (1 − m_χ²/m_S²)²" "total width of S into χν̄ + χ̄ν"

    // ---- annihilations in the CM frame ----------------------------------------------------------------------
    let private channel (kind: ProcessKind) name amplitude spins =
        let p = SeedModel.Model.Annihilation kind
        { Name = name
          Amplitude = { Process = name; Amplitude = amplitude; SpinSums = spins; Value = p.SquaredAmplitude.Expression; Variables = [ "s"; "c"; "m_chi"; "m_S"; "y_chi" ] }
          InitialMass = p.InitialParticle.Mass
          FinalMass = p.FinalParticle.Mass
          LowVelocity = p.LowVelocity
          Parameters = [ "m_chi"; "m_S"; "y_chi" ] }

    /// χ χ̄ → ν ν̄ by t-channel S exchange: M = y_χ² [ū(k1) P_R u(p1)] [v̄(p2) P_L v(k2)] / (t − m_S²).
    let chiChiToNuNu =
        lazy
            (channel ProcessKind.ChiAntichiToNeutrinoAntineutrino "χ χ̄ → ν ν̄" "y_χ² [ū(k1) P_R u(p1)][v̄(p2) P_L v(k2)]/(t − m_S²)"
                 "averaged over the χ and χ̄ spins (1/4); ν and ν̄ have one helicity each")

    /// χ χ̄ → S S by t- and u-channel neutrino exchange: M = y_χ² v̄(p2) [q̸_t/t + q̸_u/u] P_R u(p1), q_t = p1 − k1,
    /// q_u = p1 − k2; identical final scalars: symmetry factor 1/2.
    let chiChiToSS =
        lazy
            (channel ProcessKind.ChiAntichiToMediatorPair "χ χ̄ → S S" "y_χ² v̄(p2)[(p̸1 − k̸1)/t + (p̸1 − k̸2)/u] P_R u(p1)"
                 "averaged over the χ and χ̄ spins (1/4), symmetry factor 1/2 for identical S")

    /// S S → ν ν̄ by t- and u-channel χ exchange: M = y_χ² ū(k1) [P_R (q̸_t + m_χ) P_L/(t − m_χ²) + (t ↔ u)] v(k2).
    let sSToNuNu =
        lazy
            (channel ProcessKind.MediatorPairToNeutrinoAntineutrino "S S → ν ν̄" "y_χ² ū(k1)[P_R(k̸1 − p̸1 + m_χ)P_L/(t − m_χ²) + (p1 ↔ p2)] v(k2)"
                 "S is spinless (no average); ν and ν̄ have one helicity each")

    /// S S → χ χ̄ by t- and u-channel neutrino exchange: M = y_χ² ū(k1) [P_L q̸_t P_R/t + P_L q̸_u P_R/u] v(k2),
    /// q_t = k1 − p1, q_u = k1 − p2 (the reverse of χ χ̄ → S S; the exothermic direction when m_S > m_χ).
    let sSToChiChi =
        lazy
            (channel ProcessKind.MediatorPairToChiAntichi "S S → χ χ̄" "y_χ² ū(k1)[P_L(k̸1 − p̸1)P_R/t + P_L(k̸1 − p̸2)P_R/u] v(k2)"
                 "S is spinless (no average); summed over the χ and χ̄ spins")

    /// σ v_rel(s) of a channel as a compiled function of (s, m_chi, m_S, y_chi), by 48-point Gauss–Legendre quadrature
    /// in cos θ of the compiled |M|² (MeV⁻²). Zero below threshold. (The model API: AnnihilationProcess.CompileSigmaV.)
    [<CompiledName("SigmaVFunction")>]
    let sigmaVFunction (ch: AnnihilationChannel) : Func<float, float, float, float, float> =
        let integrand = ProcessDerivation.sigmaVIntegrand ch.FinalMass ch.Amplitude.Value
        let f = Compile.compile5 "s" "c" "m_chi" "m_S" "y_chi" integrand
        let threshold = Compile.compile2 "m_chi" "m_S" (4 * ch.InitialMass ** 2)
        let finalThreshold = Compile.compile2 "m_chi" "m_S" (4 * ch.FinalMass ** 2)
        Func<float, float, float, float, float>(fun sv mchi ms y ->
            ProcessDerivation.sigmaVQuadrature ch.Name (fun a c -> f.Invoke(a, c, mchi, ms, y)) (threshold.Invoke(mchi, ms)) (finalThreshold.Invoke(mchi, ms)) y sv)

    // ---- X ν → X ν (seed 000 sec. IV) -----------------------------------------------------------------------
    /// |M|² averaged over the X spin for X ν → X ν (exchange of S between the two X–ν vertices, invariant u) and
    /// X ν̄ → X ν̄ (s-channel S), in the Mandelstam variables s, t (u = 2m_χ² − s − t, massless ν). Returns
    /// (neutrino, antineutrino).
    let chiNuScattering =
        lazy
            (let spins = "averaged over the X spin (1/2), the neutrino with its single helicity"
             let vars = [ "s"; "t"; "m_chi"; "m_S"; "y_chi" ]
             wrap (seed ProcessKind.ChiNeutrinoToChiNeutrino) "X ν → X ν" "y² [ū(k2) P_R u(p1)][ū(p2) P_L u(k1)]/(u − m_S²)" spins vars,
             wrap (seed ProcessKind.ChiAntineutrinoToChiAntineutrino) "X ν̄ → X ν̄" "y² [v̄(k1) P_R u(p1)][ū(p2) P_L v(k2)]/(s − m_S²)" spins vars)

    // ---- X N → ν N at rest (seed 000 sec. VI: DM down-scattering) ------------------------------------------------
    /// σv of X N → ν N for X and N at rest (the non-relativistic limit relevant for direct detection), from
    /// M = y_X y_N [ū(k1) P_R u(p1)][ū(k2) u(p2)]/(q² − m_φ²), q = p1 − k1, averaged over the X and N spins (1/4),
    /// with exact two-body kinematics: √s = m_X + m_N, E_ν = m_X(m_X + 2m_N)/(2(m_X + m_N)). MeV⁻². In seed 000's
    /// symbols m_X, m_N, m_phi, y_X, y_N (SeedModel.InSeed000Notation).
    let conversionAtRest = lazy (SeedModel.InSeed000Notation.ConversionAtRest().SigmaV.Expression)

    /// κ = σv(X N → ν N at rest) / (A² σ_NC) with σ_NC = y_X² y_p² m_X²/(16π m_φ⁴) of seed 000 sec. VII and y_N = A y_p,
    /// as a function of m_X, m_N (MeV) and r = m_φ/m_X: the factor by which the physical down-scattering rate exceeds
    /// (σ_NC A²) per target nucleus. κ → 4 for m_φ ≫ m_X ≪ m_N (proof dd.sigma-nc-normalisation).
    let conversionFactor =
        lazy
            (let mX, mPhi, r, A, yp = s "m_X", s "m_phi", s "r", s "A", s "y_p"
             let sigmaNC = Couplings.SigmaNCFormula.Expression // seed 000 sec. VII, in the same symbols
             let ratio = Structure.substitute yN (A * yp) conversionAtRest.Value / (A ** 2 * sigmaNC)
             Normal.simplifyWith (Assumptions.Positive [ "m_X"; "m_N"; "m_phi"; "r"; "A"; "y_p"; "y_X" ]) (Structure.substitute mPhi (r * mX) ratio))

    /// κ(m_X, m_N, r) compiled (see conversionFactor).
    [<CompiledName("ConversionFactorFormula")>]
    let conversionFactorFormula () =
        Formula.create "kappa_conversion" conversionFactor.Value [ "m_X", "MeV", "DM mass"; "m_N", "MeV", "target nucleus mass"; "r", "1", "m_φ/m_X" ]
            "1" "derived from the X N → ν N amplitude; compare seed 000 sec. VII σ_NC"
            "physical σv(XN→νN) at rest divided by A² σ_NC"
