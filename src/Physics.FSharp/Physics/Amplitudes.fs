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

/// Squared amplitudes of the model, derived from the Feynman amplitudes with the Dirac-trace evaluator, and the
/// cross sections and widths built from them. Lagrangian (seed 001 eq. 2.1 / 4.1, seed 000 eq. 1): a real scalar S
/// with L ⊃ y_χ χ̄ S P_L ν + h.c. + y_N N̄ S N; χ is a Dirac fermion, the neutrino left-handed and massless.
/// Energies in MeV, cross sections in MeV⁻², widths in MeV.
[<RequireQualifiedAccess>]
module Amplitudes =
    let private s = Symbol
    let private two = Ops.integer 2
    let private four = Ops.integer 4

    /// Couplings and masses: y_chi, y_N, m_S, and for the annihilations and decays m_chi.
    let yChi, yN, mS = s "y_chi", s "y_N", s "m_S"
    let E, M, T, mChi = Kinematics.Enu, Kinematics.M, Kinematics.T, Kinematics.Mchi

    // ---- νN → χN (seed 001 sec. 2.2) ------------------------------------------------------------------------
    /// All Minkowski products of p1 (ν), p2 (N), k1 (χ), k2 (N') derived from the four-vectors of eq. (2.2) with
    /// cos θ = cos θ(T) of eq. (2.5): each is a polynomial in E_ν, M, T, m_χ.
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

    /// The propagator denominator (q² − m_S²)² with q² = −2MT from the derivation (eq. 2.3).
    let propagatorSquared = lazy (Ops.square (Ops.subtract (Kinematics.derivation ()).QSquared (Ops.square mS)))

    let private nucleusLine () = Dirac.spinSummedSquare (Dirac.u "k2" M) Dirac.identity (Dirac.u "p2" M)

    /// |M|² of a lepton line times the nucleus line ū(k2)(i y_N)u(p2), with the S propagator of eq. (2.14)/(2.15),
    /// averaged (1/2) over the nucleus spin and rewritten with the lab invariants.
    let private withNucleus (lepton: Expr) processName amplitude spins =
        let raw = Ops.product [ Ops.square yChi; Ops.square yN; lepton; nucleusLine (); Ops.invert propagatorSquared.Value; Ops.half ]
        { Process = processName
          Amplitude = amplitude
          SpinSums = spins
          Value = Normal.simplifyWith Kinematics.Domain (Dirac.substituteDots labDots.Value raw)
          Variables = [ "E_nu"; "M"; "m_chi"; "T"; "m_S"; "y_chi"; "y_N" ] }

    /// |M|² for ν N → χ N from eq. (2.14): iM = ū(k1)(i y_χ)P_L u(p1) · (−i)/(q² − m_S²) · ū(k2)(i y_N)u(p2).
    let nuNToChiN =
        lazy
            (withNucleus (Dirac.spinSummedSquare (Dirac.u "k1" mChi) Dirac.projectorL (Dirac.u "p1" Ops.zero))
                 "ν N → χ N" "seed 001 eq. (2.14)"
                 "summed over the χ and final-nucleus spins, averaged (1/2) over the initial nucleus spin; the neutrino enters with its single (left-handed) helicity, selected by P_L, so it is not averaged; the nucleus is treated as a Dirac fermion of mass M")

    /// |M|² for ν̄ N → χ̄ N from eq. (2.15): iM = v̄(p1) P_R (i y_χ) v(k1) · (−i)/(q² − m_S²) · ū(k2)(i y_N)u(p2).
    let antiNuNToAntiChiN =
        lazy
            (withNucleus (Dirac.spinSummedSquare (Dirac.v "p1" Ops.zero) Dirac.projectorR (Dirac.v "k1" mChi))
                 "ν̄ N → χ̄ N" "seed 001 eq. (2.15)"
                 "as for ν N → χ N, with the right-handed antineutrino selected by P_R")

    /// dσ/dT = |M|²/(32π M E_ν²) (seed 001 eq. 2.21), MeV⁻³, with y_χ² y_N² written through ȳ⁴ A² (eq. 2.19:
    /// ȳ = sqrt(y_χ y_N / A)) and the form factor squared F2 multiplying it (seed 001 uses F for COHERENT).
    let nuChiDifferential =
        lazy
            (let m2 = nuNToChiN.Value.Value
             let ybar, A, f2 = s "ybar", s "A", s "F2"
             let dsdT = Ops.divide m2 (Ops.product [ Ops.integer 32; Ops.pi; M; Ops.square E ])
             // y_χ² y_N² = ȳ⁴ A²: substitute y_N = ȳ² A / y_χ
             let inYbar = Structure.substitute yN (Ops.divide (Ops.multiply (Ops.square ybar) A) yChi) dsdT
             Ops.multiply f2 (Normal.simplifyWith (Kinematics.Domain.AndPositive(s "y_chi")) inYbar))

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
        lazy
            (let raw = Ops.multiply (Ops.square yChi) (Dirac.spinSummedSquare (Dirac.u "k1" mChi) Dirac.projectorL (Dirac.v "k2" Ops.zero))
             // S at rest: 2 k1·k2 = m_S² − m_χ² (k2 massless)
             let k1k2 = Ops.divide (Ops.subtract (Ops.square mS) (Ops.square mChi)) two
             { Process = "S → χ ν̄"
               Amplitude = "ū(k1) (i y_χ) P_L v(k2)"
               SpinSums = "summed over the χ spin; the antineutrino has one helicity"
               Value = Normal.simplify (Dirac.substituteDots [ "k1", "k2", k1k2 ] raw)
               Variables = [ "m_S"; "m_chi"; "y_chi" ] })

    /// Γ_S = Γ(S → χ ν̄) + Γ(S → χ̄ ν) = 2 · |M|² |k|/(8π m_S²), |k| = (m_S² − m_χ²)/(2 m_S): y_χ²(m_S² − m_χ²)²/(8π m_S³),
    /// which is y_χ² m_S/(8π) (seed 001, below eq. 4.2) for m_χ → 0. MeV.
    let sWidth =
        lazy
            (let k = Ops.divide (Ops.subtract (Ops.square mS) (Ops.square mChi)) (Ops.multiply two mS)
             Normal.simplify (Ops.product [ two; sDecay.Value.Value; k; Ops.invert (Ops.product [ Ops.integer 8; Ops.pi; Ops.square mS ]) ]))

    [<CompiledName("SWidthFormula")>]
    let sWidthFormula () =
        Formula.create "Gamma_S" sWidth.Value [ "m_S", "MeV", "scalar mass"; "m_chi", "MeV", "χ mass"; "y_chi", "1", "Yukawa y_χ" ]
            "MeV" "seed 001 below eq. (4.2), with the phase-space factor (1 − m_χ²/m_S²)²" "total width of S into χν̄ + χ̄ν"

    // ---- annihilations in the CM frame ----------------------------------------------------------------------
    let private sMand, c = s "s", s "c"

    /// CM four-vectors for a a → b b: p1, p2 along z, k1, k2 at angle θ (c = cos θ, sin θ = sqrt(1 − c²)).
    let private cmVectors (mIn: Expr) (mOut: Expr) =
        let e = Ops.divide (Ops.sqrt sMand) two
        let p = Ops.sqrt (Ops.subtract (Ops.divide sMand four) (Ops.square mIn))
        let k = Ops.sqrt (Ops.subtract (Ops.divide sMand four) (Ops.square mOut))
        let sn = Ops.sqrt (Ops.subtract Ops.one (Ops.square c))
        [ "p1", [| e; Ops.zero; Ops.zero; p |]
          "p2", [| e; Ops.zero; Ops.zero; Ops.negate p |]
          "k1", [| e; Ops.multiply k sn; Ops.zero; Ops.multiply k c |]
          "k2", [| e; Ops.negate (Ops.multiply k sn); Ops.zero; Ops.negate (Ops.multiply k c) |] ]

    let private cmDots (mIn: Expr) (mOut: Expr) =
        let vecs = cmVectors mIn mOut
        [ for (a, va) in vecs do
              for (b, vb) in vecs do
                  if String.CompareOrdinal(a, b) <= 0 then yield a, b, Normal.simplify (Kinematics.dot va vb) ]

    let private mandelstamT (mIn: Expr) (mOut: Expr) =
        let vecs = cmVectors mIn mOut |> dict
        let d = Array.map2 (fun x y -> Ops.subtract x y) vecs.["p1"] vecs.["k1"]
        Kinematics.dot d d

    let private mandelstamU (mIn: Expr) (mOut: Expr) =
        let vecs = cmVectors mIn mOut |> dict
        let d = Array.map2 (fun x y -> Ops.subtract x y) vecs.["p1"] vecs.["k2"]
        Kinematics.dot d d

    let private cmDomain = Assumptions.Positive [ "s"; "m_chi"; "m_S"; "y_chi" ]

    /// σ v_rel = k/(8π s^{3/2}) ∫_{-1}^{1} |M|²_avg dc (CM frame, v_rel = Møller velocity), as an expression in s, c:
    /// the 2 → 2 cross section dσ/dΩ = |M|² |k|/(64π² s |p|) (PDG review "Kinematics") times v_Møl = 4|p|/√s
    /// for equal initial masses (P. Gondolo, G. Gelmini, Nucl. Phys. B360 (1991) 145).
    let private sigmaVIntegrand (mOut: Expr) (m2avg: Expr) =
        let k = Ops.sqrt (Ops.subtract (Ops.divide sMand four) (Ops.square mOut))
        Ops.product [ k; Ops.invert (Ops.product [ Ops.integer 8; Ops.pi; Ops.pow sMand (Ops.rational 3 2) ]); m2avg ]

    /// Low-velocity expansion σv = a + b v² + O(v⁴) (the usual partial-wave form, cf. Gondolo–Gelmini 1991):
    /// with s = 4(m² + p²) and v_rel = 2p/m + O(p³) we expand in p to O(p²), integrate the polynomial in c, and express
    /// in v_rel² = 4p²/m² (to this order v_rel² = 4p²/m²).
    let private lowVelocity (mIn: Expr) (mOut: Expr) (m2avg: Expr) : Expr * Expr =
        let p = s "p_cm"
        let integrand = sigmaVIntegrand mOut m2avg |> Structure.substitute sMand (Ops.multiply four (Ops.add (Ops.square mIn) (Ops.square p)))
        let dom = Assumptions.Positive [ "p_cm"; "m_chi"; "m_S"; "y_chi" ]
        let series = Series.puiseux dom p Ops.zero 3 integrand
        let coeff k = series.Terms |> List.tryFind (fun (e, _) -> e = Q.OfInt k) |> Option.map snd |> Option.defaultValue Ops.zero
        let integrate e = Normal.simplifyWith dom (Calculus.definiteIntegral c Ops.minusOne Ops.one (Normal.simplifyWith dom e))
        if series.Terms |> List.exists (fun (e, _) -> not e.IsInteger || e.Sign < 0) then
            failwithf "σv is not analytic at p = 0: %A" series.Terms
        let a = integrate (coeff 0)
        let b2 = integrate (coeff 2) // coefficient of p²
        // p² = m² v²/4
        a, Normal.simplifyWith dom (Ops.multiply b2 (Ops.divide (Ops.square mIn) four))

    let private channel name amplitude spins (mIn: Expr) (mOut: Expr) (m2avg: Expr) parameters =
        { Name = name
          Amplitude = { Process = name; Amplitude = amplitude; SpinSums = spins; Value = m2avg; Variables = [ "s"; "c" ] @ parameters }
          InitialMass = mIn
          FinalMass = mOut
          LowVelocity = lazy (lowVelocity mIn mOut m2avg)
          Parameters = parameters }

    /// Propagator placeholders: traces are normalised with P_t, P_u as symbols (a polynomial, fast), then the
    /// propagators 1/(t − m²), 1/(u − m²) are substituted back unexpanded (compact and numerically stable).
    let private pt, pu = s "P_t", s "P_u"

    /// The squared amplitude in a numerically stable form. The trace is a polynomial in P_t, P_u; it is split into
    /// square-free parts. A part built from the propagators alone, F(P_t, P_u) of degrees (a, b), is written as
    /// G(D_t, D_u)/(D_t^a D_u^b) with D = t − m² (u − m²) and the polynomial G put in normal form after D_t, D_u are
    /// replaced: differences such as P_t − P_u = (u − t)/(D_t D_u) then come out with u − t exact, instead of as a
    /// near-cancellation of two large terms (which made the d-wave SS → νν̄ integrand pure round-off at threshold).
    let private withPropagators (mIn: Expr) (mOut: Expr) (traceExpr: Expr) (tMass2: Expr) (uMass2: Expr) =
        let poly = Normal.simplifyWith cmDomain (Dirac.substituteDots (cmDots mIn mOut) traceExpr)
        let dt = Ops.subtract (Normal.simplifyWith cmDomain (mandelstamT mIn mOut)) tMass2
        let du = Ops.subtract (Normal.simplifyWith cmDomain (mandelstamU mIn mOut)) uMass2
        let dtS, duS = Symbol "D_t", Symbol "D_u"
        let stable (factor: Expr) =
            let syms = Structure.symbols factor
            if not syms.IsEmpty && syms |> List.forall (fun n -> n = "P_t" || n = "P_u") then
                let a = if Structure.freeOf pt factor then 0 else Polynomial.degree pt factor
                let b = if Structure.freeOf pu factor then 0 else Polynomial.degree pu factor
                let g =
                    Structure.substituteMany [ pt, Ops.invert dtS; pu, Ops.invert duS ] factor
                    |> fun e -> Ops.product [ e; Ops.pow dtS (Ops.integer a); Ops.pow duS (Ops.integer b) ]
                    |> Normal.simplify
                let gExact = Normal.simplifyWith cmDomain (Structure.substituteMany [ dtS, dt; duS, du ] g)
                Ops.product [ gExact; Ops.pow dt (Ops.integer -a); Ops.pow du (Ops.integer -b) ]
            else Structure.substituteMany [ pt, Ops.invert dt; pu, Ops.invert du ] factor
        match Polynomial.squareFreeParts poly with
        | Product fs -> fs |> List.map (fun f -> match f with Power(b, e) -> Ops.pow (stable b) e | _ -> stable f) |> Ops.product
        | Power(b, e) -> Ops.pow (stable b) e
        | f -> stable f

    /// χ χ̄ → ν ν̄ by t-channel S exchange: M = y_χ² [ū(k1) P_R u(p1)] [v̄(p2) P_L v(k2)] / (t − m_S²).
    let chiChiToNuNu =
        lazy
            (let raw =
                Ops.product [ Ops.pow yChi four
                              Dirac.spinSummedSquare (Dirac.u "k1" Ops.zero) Dirac.projectorR (Dirac.u "p1" mChi)
                              Dirac.spinSummedSquare (Dirac.v "p2" mChi) Dirac.projectorL (Dirac.v "k2" Ops.zero)
                              Ops.square pt
                              Ops.rational 1 4 ]
             let m2 = withPropagators mChi Ops.zero raw (Ops.square mS) (Ops.square mS)
             channel "χ χ̄ → ν ν̄" "y_χ² [ū(k1) P_R u(p1)][v̄(p2) P_L v(k2)]/(t − m_S²)"
                 "averaged over the χ and χ̄ spins (1/4); ν and ν̄ have one helicity each" mChi Ops.zero m2 [ "m_chi"; "m_S"; "y_chi" ])

    /// χ χ̄ → S S by t- and u-channel neutrino exchange: M = y_χ² v̄(p2) [q̸_t/t + q̸_u/u] P_R u(p1), q_t = p1 − k1,
    /// q_u = p1 − k2; identical final scalars: symmetry factor 1/2.
    let chiChiToSS =
        lazy
            (let gamma =
                 pt * (Dirac.slash "p1" - Dirac.slash "k1") * Dirac.projectorR
                 + pu * (Dirac.slash "p1" - Dirac.slash "k2") * Dirac.projectorR
             let raw = Ops.product [ Ops.pow yChi four; Dirac.spinSummedSquare (Dirac.v "p2" mChi) gamma (Dirac.u "p1" mChi); Ops.rational 1 4; Ops.half ]
             let m2 = withPropagators mChi mS raw Ops.zero Ops.zero
             channel "χ χ̄ → S S" "y_χ² v̄(p2)[(p̸1 − k̸1)/t + (p̸1 − k̸2)/u] P_R u(p1)"
                 "averaged over the χ and χ̄ spins (1/4), symmetry factor 1/2 for identical S" mChi mS m2 [ "m_chi"; "m_S"; "y_chi" ])

    /// S S → ν ν̄ by t- and u-channel χ exchange: M = y_χ² ū(k1) [P_R (q̸_t + m_χ) P_L/(t − m_χ²) + (t ↔ u)] v(k2).
    let sSToNuNu =
        lazy
            (let prop (q: DiracString) (p: Expr) = p * (Dirac.projectorR * (q + Dirac.scalar mChi) * Dirac.projectorL)
             let gamma = prop (Dirac.slash "k1" - Dirac.slash "p1") pt + prop (Dirac.slash "k1" - Dirac.slash "p2") pu
             let raw = Ops.product [ Ops.pow yChi four; Dirac.spinSummedSquare (Dirac.u "k1" Ops.zero) gamma (Dirac.v "k2" Ops.zero) ]
             let m2 = withPropagators mS Ops.zero raw (Ops.square mChi) (Ops.square mChi)
             channel "S S → ν ν̄" "y_χ² ū(k1)[P_R(k̸1 − p̸1 + m_χ)P_L/(t − m_χ²) + (p1 ↔ p2)] v(k2)"
                 "S is spinless (no average); ν and ν̄ have one helicity each" mS Ops.zero m2 [ "m_chi"; "m_S"; "y_chi" ])

    /// S S → χ χ̄ by t- and u-channel neutrino exchange: M = y_χ² ū(k1) [P_L q̸_t P_R/t + P_L q̸_u P_R/u] v(k2),
    /// q_t = k1 − p1, q_u = k1 − p2 (the reverse of χ χ̄ → S S; the exothermic direction when m_S > m_χ).
    let sSToChiChi =
        lazy
            (let gamma =
                 pt * (Dirac.projectorL * (Dirac.slash "k1" - Dirac.slash "p1") * Dirac.projectorR)
                 + pu * (Dirac.projectorL * (Dirac.slash "k1" - Dirac.slash "p2") * Dirac.projectorR)
             let raw = Ops.product [ Ops.pow yChi four; Dirac.spinSummedSquare (Dirac.u "k1" mChi) gamma (Dirac.v "k2" mChi) ]
             let m2 = withPropagators mS mChi raw Ops.zero Ops.zero
             channel "S S → χ χ̄" "y_χ² ū(k1)[P_L(k̸1 − p̸1)P_R/t + P_L(k̸1 − p̸2)P_R/u] v(k2)"
                 "S is spinless (no average); summed over the χ and χ̄ spins" mS mChi m2 [ "m_chi"; "m_S"; "y_chi" ])

    /// σ v_rel(s) of a channel as a compiled function of (s, m_chi, m_S, y_chi), by Gauss–Legendre quadrature in cos θ
    /// of the compiled |M|² (MeV⁻²). Zero below threshold.
    [<CompiledName("SigmaVFunction")>]
    let sigmaVFunction (ch: AnnihilationChannel) : Func<float, float, float, float, float> =
        let integrand = sigmaVIntegrand ch.FinalMass ch.Amplitude.Value
        let f = Compile.compile5 "s" "c" "m_chi" "m_S" "y_chi" integrand
        let sMinExpr = Ops.multiply four (Ops.square ch.InitialMass)
        let sMinFinal = Ops.multiply four (Ops.square ch.FinalMass)
        let threshold = Compile.compile2 "m_chi" "m_S" sMinExpr
        let finalThreshold = Compile.compile2 "m_chi" "m_S" sMinFinal
        // 48-point Gauss–Legendre nodes on [−1, 1]
        let nodes, weights =
            let n = 48
            let xs = Array.zeroCreate n
            let ws = Array.zeroCreate n
            for i in 0 .. n - 1 do
                let mutable x = cos (Math.PI * (float i + 0.75) / (float n + 0.5))
                let mutable fin = false
                let mutable dp = 0.0
                while not fin do
                    let mutable p0 = 1.0
                    let mutable p1 = x
                    for k in 2 .. n do
                        let p2 = ((2.0 * float k - 1.0) * x * p1 - float (k - 1) * p0) / float k
                        p0 <- p1
                        p1 <- p2
                    dp <- float n * (x * p1 - p0) / (x * x - 1.0)
                    let dx = p1 / dp
                    x <- x - dx
                    if abs dx < 1e-15 then fin <- true
                xs.[i] <- x
                ws.[i] <- 2.0 / ((1.0 - x * x) * dp * dp)
            xs, ws
        Func<float, float, float, float, float>(fun sv mchi ms y ->
            let sMin = max (threshold.Invoke(mchi, ms)) (finalThreshold.Invoke(mchi, ms))
            if not (sv > sMin) then 0.0
            else
                let mutable acc = 0.0
                let mutable absAcc = 0.0
                for i in 0 .. nodes.Length - 1 do
                    let term = weights.[i] * f.Invoke(sv, nodes.[i], mchi, ms, y)
                    acc <- acc + term
                    absAcc <- absAcc + abs term
                // |M|² ≥ 0, so a negative sum can only be round-off in a cancellation (e.g. the d-wave SS → νν̄ just
                // above threshold); anything beyond that is an error, not a number to pass on
                let natural = y * y * y * y / (8.0 * Math.PI * sv) // σv scale of a dimensionless |M|²/y⁴ of order one
                if acc >= 0.0 then acc
                elif -acc <= 1e-9 * max absAcc natural then 0.0
                else invalidOp (sprintf "%s: σv(s = %g) = %g < 0 beyond round-off (Σ|terms| = %g)" ch.Name sv acc absAcc))

    // ---- X ν → X ν (seed 000 sec. IV) -----------------------------------------------------------------------
    /// |M|² averaged over the X spin for X ν → X ν (exchange of S between the two X–ν vertices, invariant u) and
    /// X ν̄ → X ν̄ (s-channel S), in the Mandelstam variables s, t (u = 2m_χ² − s − t, massless ν). Returns
    /// (neutrino, antineutrino).
    let chiNuScattering =
        lazy
            (let sv, tv = s "s", s "t"
             let uv = Ops.subtract (Ops.subtract (Ops.multiply two (Ops.square mChi)) sv) tv
             // invariants for X(p1) ν(k1) → X(p2) ν(k2)
             let dots =
                 [ "k1", "p1", Ops.divide (Ops.subtract sv (Ops.square mChi)) two
                   "k2", "p2", Ops.divide (Ops.subtract sv (Ops.square mChi)) two
                   "k2", "p1", Ops.divide (Ops.subtract (Ops.square mChi) uv) two
                   "k1", "p2", Ops.divide (Ops.subtract (Ops.square mChi) uv) two
                   "k1", "k2", Ops.negate (Ops.divide tv two)
                   "p1", "p2", Ops.subtract (Ops.square mChi) (Ops.divide tv two)
                   "k1", "k1", Ops.zero; "k2", "k2", Ops.zero
                   "p1", "p1", Ops.square mChi; "p2", "p2", Ops.square mChi ]
             let nu =
                 Ops.product [ Ops.pow yChi four
                               Dirac.spinSummedSquare (Dirac.u "k2" Ops.zero) Dirac.projectorR (Dirac.u "p1" mChi)
                               Dirac.spinSummedSquare (Dirac.u "p2" mChi) Dirac.projectorL (Dirac.u "k1" Ops.zero)
                               Ops.invert (Ops.square (Ops.subtract uv (Ops.square mS))); Ops.half ]
             let nubar =
                 Ops.product [ Ops.pow yChi four
                               Dirac.spinSummedSquare (Dirac.v "k1" Ops.zero) Dirac.projectorR (Dirac.u "p1" mChi)
                               Dirac.spinSummedSquare (Dirac.u "p2" mChi) Dirac.projectorL (Dirac.v "k2" Ops.zero)
                               Ops.invert (Ops.square (Ops.subtract sv (Ops.square mS))); Ops.half ]
             let dom = Assumptions.Positive [ "m_chi"; "m_S"; "y_chi" ]
             let mk name amp e =
                 // square-free factored numerator and denominator: (s − m²)² stays a square, free of cancellation at ω → 0
                 let num, den = Normal.numeratorDenominator dom (Dirac.substituteDots dots e)
                 { Process = name; Amplitude = amp
                   SpinSums = "averaged over the X spin (1/2), the neutrino with its single helicity"
                   Value = Ops.divide (Polynomial.squareFreeParts num) (Polynomial.squareFreeParts den)
                   Variables = [ "s"; "t"; "m_chi"; "m_S"; "y_chi" ] }
             mk "X ν → X ν" "y² [ū(k2) P_R u(p1)][ū(p2) P_L u(k1)]/(u − m_S²)" nu,
             mk "X ν̄ → X ν̄" "y² [v̄(k1) P_R u(p1)][ū(p2) P_L v(k2)]/(s − m_S²)" nubar)

    // ---- X N → ν N at rest (seed 000 sec. VI: DM down-scattering) ------------------------------------------------
    /// σv of X N → ν N for X and N at rest (the non-relativistic limit relevant for direct detection), from
    /// M = y_X y_N [ū(k1) P_R u(p1)][ū(k2) u(p2)]/(q² − m_φ²), q = p1 − k1, averaged over the X and N spins (1/4),
    /// with exact two-body kinematics: √s = m_X + m_N, E_ν = m_X(m_X + 2m_N)/(2(m_X + m_N)). MeV⁻².
    let conversionAtRest =
        lazy
            (let mX, mN, mPhi, yX = s "m_X", s "m_N", s "m_phi", s "y_X"
             let sqrtS = Ops.add mX mN
             let eNu = Ops.divide (Ops.multiply mX (Ops.add mX (Ops.multiply two mN))) (Ops.multiply two sqrtS)
             let eR = Ops.divide (Ops.square mX) (Ops.multiply two sqrtS)
             let q2 = Ops.subtract (Ops.square mX) (Ops.product [ two; mX; eNu ])
             let dots = [ "k1", "p1", Ops.multiply mX eNu; "k2", "p2", Ops.multiply mN (Ops.add mN eR) ]
             let lepton = Dirac.spinSummedSquare (Dirac.u "k1" Ops.zero) Dirac.projectorR (Dirac.u "p1" mX)
             let nucleus = Dirac.spinSummedSquare (Dirac.u "k2" mN) Dirac.identity (Dirac.u "p2" mN)
             let m2 = Ops.product [ Ops.square yX; Ops.square yN; lepton; nucleus; Ops.invert (Ops.square (Ops.subtract q2 (Ops.square mPhi))); Ops.rational 1 4 ]
             let m2 = Dirac.substituteDots dots m2
             // σv = |M|² |k| / (4π √s) / (4 E_X E_N), |k| = E_ν
             let sv = Ops.divide (Ops.multiply m2 eNu) (Ops.product [ Ops.integer 16; Ops.pi; sqrtS; mX; mN ])
             Normal.simplifyWith (Assumptions.Positive [ "m_X"; "m_N"; "m_phi"; "y_X"; "y_N" ]) sv)

    /// κ = σv(X N → ν N at rest) / (A² σ_NC) with σ_NC = y_X² y_p² m_X²/(16π m_φ⁴) of seed 000 sec. VII and y_N = A y_p,
    /// as a function of m_X, m_N (MeV) and r = m_φ/m_X: the factor by which the physical down-scattering rate exceeds
    /// (σ_NC A²) per target nucleus. κ → 4 for m_φ ≫ m_X ≪ m_N (proof dd.sigma-nc-normalisation).
    let conversionFactor =
        lazy
            (let mX, mPhi, r, A, yp = s "m_X", s "m_phi", s "r", s "A", s "y_p"
             let sigmaNC = Couplings.SigmaNCFormula.Expression // seed 000 sec. VII, in the same symbols
             let ratio = Ops.divide (Structure.substitute yN (Ops.multiply A yp) conversionAtRest.Value) (Ops.multiply (Ops.square A) sigmaNC)
             Normal.simplifyWith (Assumptions.Positive [ "m_X"; "m_N"; "m_phi"; "r"; "A"; "y_p"; "y_X" ]) (Structure.substitute mPhi (Ops.multiply r mX) ratio))

    /// κ(m_X, m_N, r) compiled (see conversionFactor).
    [<CompiledName("ConversionFactorFormula")>]
    let conversionFactorFormula () =
        Formula.create "kappa_conversion" conversionFactor.Value [ "m_X", "MeV", "DM mass"; "m_N", "MeV", "target nucleus mass"; "r", "1", "m_φ/m_X" ]
            "1" "derived from the X N → ν N amplitude; compare seed 000 sec. VII σ_NC"
            "physical σv(XN→νN) at rest divided by A² σ_NC"
