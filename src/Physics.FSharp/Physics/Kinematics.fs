namespace NuDM.Physics

open System
open NuDM.Symbolic

/// The intermediate results of the derivation of νN → χN kinematics (seed 001 section 2.1), each obtained with
/// the symbolic core from the four-vectors (2.2), not typed in. Symbols: E_nu (E_ν), M (nuclear mass),
/// m_chi (m_χ), T (recoil kinetic energy), cos_theta (angle between k₂ and p₁); all energies in MeV.
[<NoEquality; NoComparison>]
type KinematicsDerivation =
    { /// q² computed as q·q from the four-vectors (2.2c) [seed 001 eq. (2.3): −2MT].
      QSquared: Expr
      /// p₁·q from the four-vectors [seed 001 eq. (2.4)].
      P1DotQFromVectors: Expr
      /// p₁·q from k₁ = p₁ − q and the mass shell k₁² = m_χ² [seed 001 eq. (2.3)].
      P1DotQOnShell: Expr
      /// k₁² computed directly from the four-vectors (must equal m_χ² on the solution for cos θ).
      K1SquaredFromVectors: Expr
      /// cos θ(T), from equating the two forms of p₁·q [seed 001 eq. (2.5)].
      CosTheta: Expr
      /// d cos θ / dT.
      DCosThetaDT: Expr
      /// T at the maximal angle, the zero of d cos θ / dT [seed 001 eq. (2.6)].
      TThetaMax: Expr
      /// cos θ_max = cos θ(T_θmax) [seed 001 eq. (2.6)].
      CosThetaMax: Expr
      /// The two roots of cos θ(T) = 1: T_min (first) and T_max [seed 001 eq. (2.9)].
      TMin: Expr
      TMax: Expr
      /// T_min written as (T_min T_max)/T_max with the product of the roots from Vieta: the form compiled (no
      /// cancellation for small m_χ); proven equal to TMin.
      TMinStable: Expr
      /// The quadratic in T whose roots are T_min, T_max (cos θ = 1 squared).
      CosThetaOneQuadratic: Expr
      /// The radicand D of T_min/T_max; T_min = T_max where D = 0.
      Discriminant: Expr
      /// Both roots of D = 0 in E_ν, and the physical one E_ν^min [seed 001 eq. (2.11)].
      DiscriminantRootsInEnu: Expr list
      EnuMin: Expr
      /// T_max^SM = lim_{m_χ→0} T_max [seed 001 eq. (2.10)].
      TMaxSM: Expr
      /// The inverse: the smallest E_ν that can give recoil T, the positive root in E_ν of the same cos θ = 1
      /// quadratic (the other root is negative). Used by the rate integrals (T outer, E_ν inner).
      EnuMinOfT: Expr
      /// Its m_χ → 0 limit, (T + sqrt(T² + 2MT))/2, for standard CEvNS.
      EnuMinOfTSM: Expr }

/// Exact 2→2 kinematics of νN → χN with a massive χ, derived with the symbolic core (seed 001 sec. 2.1).
/// The derived expressions are what the program compiles and uses.
[<RequireQualifiedAccess>]
module Kinematics =
    /// E_ν, incoming neutrino energy (MeV).
    let Enu = Symbol "E_nu"
    /// M, nuclear mass (MeV).
    let M = Symbol "M"
    /// m_χ, mass of the produced fermion (MeV).
    let Mchi = Symbol "m_chi"
    /// T, nuclear recoil kinetic energy (MeV).
    let T = Symbol "T"
    /// cos θ, θ the angle between the recoiling nucleus and the incoming neutrino.
    let CosTheta = Symbol "cos_theta"

    /// The physical domain of every kinematic formula: masses, energies and T positive.
    let Domain = Assumptions.Positive [ "E_nu"; "M"; "m_chi"; "T" ]

    /// Minkowski product with metric (+, −, −, −).
    [<CompiledName("Dot")>]
    let dot (a: Expr[]) (b: Expr[]) : Expr =
        if a.Length <> 4 || b.Length <> 4 then invalidArg "a" "four-vectors have four components"
        a.[0] * b.[0] - a.[1] * b.[1] - a.[2] * b.[2] - a.[3] * b.[3]

    let private vsub (a: Expr[]) (b: Expr[]) = Array.map2 (fun x y -> x - y) a b

    /// Recoil momentum p = sqrt((M+T)² − M²) as defined in seed 001 (list below eq. (2.1)), MeV.
    let RecoilMomentum = sqrt ((M + T) ** 2 - M ** 2)

    /// The same recoil momentum with its radicand expanded and factored by the core: sqrt(T (2M + T)). Evaluated
    /// in floating point, (M+T)² − M² loses ~log10(M/T) digits to cancellation (8 digits for T ~ keV on a
    /// 70 GeV nucleus); the factored form loses none, so it is the one the kinematics is derived with.
    let RecoilMomentumStable = sqrt (Polynomial.squareFreeFactor (Algebraic.expand ((M + T) ** 2 - M ** 2)))

    /// Four-vectors of seed 001 eq. (2.2): p₁ (neutrino), p₂ (nucleus at rest), k₂ (recoiling nucleus), q = k₂ − p₂,
    /// k₁ = p₁ − q (χ). sin θ is written sqrt(1 − cos²θ).
    let FourVectors =
        let sinTheta = sqrt (1 - CosTheta ** 2)
        let p1 = [| Enu; Enu; Ops.zero; Ops.zero |]
        let p2 = [| M; Ops.zero; Ops.zero; Ops.zero |]
        let k2 = [| M + T; RecoilMomentumStable * CosTheta; RecoilMomentumStable * sinTheta; Ops.zero |]
        let q = vsub k2 p2
        let k1 = vsub p1 q
        {| P1 = p1; P2 = p2; K2 = k2; Q = q; K1 = k1 |}

    let private derive () : KinematicsDerivation =
        let v = FourVectors
        let simplify = Normal.simplifyWith Domain
        // (2.3) q² and p1·q
        let qsq = simplify (dot v.Q v.Q)
        let p1qVec = simplify (dot v.P1 v.Q)
        let p1sq = simplify (dot v.P1 v.P1)
        // k1 = p1 − q  ⇒  k1² = p1² − 2 p1·q + q² = m_χ²: solve for p1·q
        let X = Symbol "p1_dot_q"
        let p1qShell =
            match Solve.polynomialWith Domain X (p1sq - 2 * X + qsq - Mchi ** 2) with
            | [ r ] -> r
            | rs -> failwithf "p1·q: expected one root, got %A" rs
        // (2.5) equate both forms of p1·q and solve for cos θ. The recoil momentum is kept as an opaque p while
        // solving (so the result reads as the paper's), then replaced by its definition.
        let pSym = Symbol "p_recoil"
        let p1qVecP = Enu * T - Enu * pSym * CosTheta
        let sameP1q = Normal.equivalentWith Domain (Structure.substitute pSym RecoilMomentumStable p1qVecP) p1qVec
        if not sameP1q.IsProven then
            failwithf "p1·q from the four-vectors is not proven to be E T − E p cos θ (%O)" sameP1q
        let cosTheta =
            match Solve.polynomialWith (Assumptions.Positive [ "E_nu"; "M"; "m_chi"; "T"; "p_recoil" ]) CosTheta (p1qVecP - p1qShell) with
            | [ r ] -> Structure.substitute pSym RecoilMomentumStable r
            | rs -> failwithf "cos θ: expected one root, got %A" rs
        // (2.6) d cos θ / dT = 0
        let dcos = Calculus.differentiate T cosTheta
        let tThetaMax =
            match Solve.zerosWith Domain T dcos with
            | [ r ] -> r
            | rs -> failwithf "T_θmax: expected one zero of d cos θ/dT, got %A" rs
        let positiveAboveThreshold = 2 * M * (Enu + M) - Mchi ** 2
        let cosThetaMax = Normal.simplifyWith (Domain.AndPositive positiveAboveThreshold) (Structure.substitute T tThetaMax cosTheta)
        // (2.9) cos θ = 1: (E T + M T + m²/2) = E p  ⇒  (numerator)² − E² p² = 0, a quadratic in T
        let numer = Enu * T + M * T + Mchi ** 2 / 2
        let quadratic = Normal.simplifyWith Domain (numer ** 2 - Enu ** 2 * RecoilMomentumStable ** 2)
        let tmin, tmax =
            match Solve.polynomialWith Domain T quadratic with
            | [ r1; r2 ] -> r1, r2
            | rs -> failwithf "T_min/T_max: expected two roots, got %A" rs
        // the radicand of the roots, and (2.11) E_ν^min from T_min = T_max, i.e. D = 0
        let discriminant =
            let kernels = Polynomial.kernels tmax |> List.choose (fun k -> match k with Power(r, Number q) when not q.IsInteger -> Some r | _ -> None)
            match kernels with
            | [ d ] -> d
            | ks -> failwithf "T_max: expected one radical, got %A" ks
        let dRoots = Solve.polynomialWith Domain Enu discriminant
        let enuMin =
            match dRoots |> List.filter (fun r -> Normal.signWith Domain r > 0) with
            | [ r ] -> r
            | rs -> failwithf "E_ν^min: expected one provably positive root of D = 0, got %A" rs
        // T_min from Vieta (T_min T_max = c/a): the quadratic-formula root with the minus sign cancels
        // catastrophically for small m_χ, the quotient does not
        let tminStable =
            match Polynomial.coefficients T quadratic with
            | [ c; _; a ] -> Normal.simplifyWith Domain (c / a) / tmax
            | cs -> failwithf "T_min: the cos θ = 1 equation is not quadratic in T: %A" cs
        let tmaxSM = Series.limitWith Domain Mchi Ops.zero Direction.FromAbove tmax
        // inverse kinematics: the same quadratic, solved for E_ν (one positive root)
        let enuOfT =
            match Solve.polynomialWith Domain Enu quadratic |> List.filter (fun r -> Normal.signWith Domain r > 0) with
            | [ r ] -> r
            | rs -> failwithf "E_ν^min(T): expected one provably positive root, got %A" rs
        let enuOfTSM = Series.limitWith Domain Mchi Ops.zero Direction.FromAbove enuOfT
        { QSquared = qsq
          P1DotQFromVectors = p1qVec
          P1DotQOnShell = p1qShell
          K1SquaredFromVectors = simplify (Structure.substitute CosTheta cosTheta (dot v.K1 v.K1))
          CosTheta = cosTheta
          DCosThetaDT = dcos
          TThetaMax = tThetaMax
          CosThetaMax = cosThetaMax
          TMin = tmin
          TMinStable = tminStable
          TMax = tmax
          CosThetaOneQuadratic = quadratic
          Discriminant = discriminant
          DiscriminantRootsInEnu = dRoots
          EnuMin = enuMin
          TMaxSM = tmaxSM
          EnuMinOfT = enuOfT
          EnuMinOfTSM = enuOfTSM }

    let private derivationCache = lazy (derive ())

    /// The derivation (computed once, on first use).
    [<CompiledName("Derivation")>]
    let derivation () : KinematicsDerivation = derivationCache.Force()

    let private pEnu = "E_nu", "MeV", "incoming neutrino energy E_ν"
    let private pM = "M", "MeV", "nuclear mass M"
    let private pMchi = "m_chi", "MeV", "mass m_χ of the produced fermion"
    let private pT = "T", "MeV", "nuclear recoil kinetic energy T"

    /// cos θ(T) [seed 001 eq. (2.5)], dimensionless.
    [<CompiledName("CosThetaFormula")>]
    let cosThetaFormula () =
        Formula.create "cos_theta" (derivation()).CosTheta [ pEnu; pM; pMchi; pT ] "1" "seed 001 eq. (2.5)" "cosine of the nuclear recoil angle as a function of T"

    /// T_min(E_ν) [seed 001 eq. (2.9)], MeV.
    [<CompiledName("TMinFormula")>]
    let tMinFormula () =
        Formula.create "T_min" (derivation()).TMinStable [ pEnu; pM; pMchi ] "MeV" "seed 001 eq. (2.9)" "smallest recoil energy allowed for νN → χN (Vieta form of the − root)"

    /// T_max(E_ν) [seed 001 eq. (2.9)], MeV.
    [<CompiledName("TMaxFormula")>]
    let tMaxFormula () =
        Formula.create "T_max" (derivation()).TMax [ pEnu; pM; pMchi ] "MeV" "seed 001 eq. (2.9)" "largest recoil energy allowed for νN → χN"

    /// T_θmax [seed 001 eq. (2.6)], MeV.
    [<CompiledName("TThetaMaxFormula")>]
    let tThetaMaxFormula () =
        Formula.create "T_theta_max" (derivation()).TThetaMax [ pEnu; pM; pMchi ] "MeV" "seed 001 eq. (2.6)" "recoil energy at the maximal recoil angle"

    /// cos θ_max [seed 001 eq. (2.6)], dimensionless.
    [<CompiledName("CosThetaMaxFormula")>]
    let cosThetaMaxFormula () =
        Formula.create "cos_theta_max" (derivation()).CosThetaMax [ pEnu; pM; pMchi ] "1" "seed 001 eq. (2.6)" "cosine of the maximal recoil angle"

    /// E_ν^min [seed 001 eq. (2.11)], MeV.
    [<CompiledName("EnuMinFormula")>]
    let enuMinFormula () =
        Formula.create "E_nu_min" (derivation()).EnuMin [ pM; pMchi ] "MeV" "seed 001 eq. (2.11)" "threshold neutrino energy for producing χ"

    /// Smallest E_ν producing recoil T in νN → χN (inverse of eq. 2.9), MeV.
    [<CompiledName("EnuMinOfTFormula")>]
    let enuMinOfTFormula () =
        Formula.create "E_nu_min_of_T" (derivation()).EnuMinOfT [ pT; pM; pMchi ] "MeV" "inverse of seed 001 eq. (2.9)" "smallest neutrino energy giving recoil T"

    /// Smallest E_ν producing recoil T in standard CEvNS, (T + sqrt(T² + 2MT))/2, MeV.
    [<CompiledName("EnuMinOfTSMFormula")>]
    let enuMinOfTSMFormula () =
        Formula.create "E_nu_min_of_T_SM" (derivation()).EnuMinOfTSM [ pT; pM ] "MeV" "inverse of seed 001 eq. (2.10)" "smallest neutrino energy giving recoil T (m_χ = 0)"

    /// T_max^SM = 2E_ν²/(M + 2E_ν) [seed 001 eq. (2.10)], MeV.
    [<CompiledName("TMaxSMFormula")>]
    let tMaxSMFormula () =
        Formula.create "T_max_SM" (derivation()).TMaxSM [ pEnu; pM ] "MeV" "seed 001 eq. (2.10)" "largest recoil energy of standard CEvNS (m_χ = 0)"

/// T_min, T_max, T_θmax and θ_max for one (E_ν, M, m_χ) point, in MeV and radians.
[<NoEquality; NoComparison>]
type KinematicPoint =
    { Enu: float
      M: float
      Mchi: float
      /// Threshold E_ν^min (MeV).
      EnuMin: float
      TMin: float
      TMax: float
      /// Recoil energy at the maximal angle (MeV); equals TMin = TMax at threshold.
      TThetaMax: float
      /// Maximal recoil angle θ_max in radians (π/2 for m_χ = 0, reached as T → 0).
      ThetaMax: float }

/// Numerical νN → χN kinematics from the compiled derived formulas (seed 001 eqs. 2.5–2.11), with input checks.
/// All energies and masses in MeV.
[<AbstractClass; Sealed>]
type KinematicsCalculator =
    static let tmin = lazy ((Kinematics.tMinFormula ()).Compile3())
    static let tmax = lazy ((Kinematics.tMaxFormula ()).Compile3())
    static let tth = lazy ((Kinematics.tThetaMaxFormula ()).Compile3())
    static let cmax = lazy ((Kinematics.cosThetaMaxFormula ()).Compile3())
    static let emin = lazy ((Kinematics.enuMinFormula ()).Compile2())
    static let cosT = lazy ((Kinematics.cosThetaFormula ()).Compile4())

    static let check (name: string) (v: float) (allowZero: bool) =
        if Double.IsNaN v || Double.IsInfinity v || v < 0.0 || (v = 0.0 && not allowZero) then
            raise (ArgumentOutOfRangeException(name, v, sprintf "%s must be a finite number %s 0 (MeV), got %g" name (if allowZero then "≥" else ">") v))

    /// Threshold neutrino energy E_ν^min = m_χ + m_χ²/(2M) (seed 001 eq. 2.11), MeV.
    static member EnuMin(nuclearMass: float, mchi: float) : float =
        check "M" nuclearMass false
        check "m_chi" mchi true
        emin.Force().Invoke(nuclearMass, mchi)

    /// cos θ at recoil T (seed 001 eq. 2.5).
    static member CosTheta(enu: float, nuclearMass: float, mchi: float, t: float) : float =
        check "E_nu" enu false
        check "M" nuclearMass false
        check "m_chi" mchi true
        check "T" t false
        cosT.Force().Invoke(enu, nuclearMass, mchi, t)

    /// T_min and T_max (seed 001 eq. 2.9) without checks, for inner loops; NaN below threshold.
    static member RecoilRangeUnchecked(enu: float, nuclearMass: float, mchi: float, [<Runtime.InteropServices.Out>] tMin: byref<float>, [<Runtime.InteropServices.Out>] tMax: byref<float>) =
        tMin <- tmin.Force().Invoke(enu, nuclearMass, mchi)
        tMax <- tmax.Force().Invoke(enu, nuclearMass, mchi)

    /// All kinematic quantities at one point; E_ν below threshold is an error that names the threshold.
    static member At(enu: float, nuclearMass: float, mchi: float) : KinematicPoint =
        check "E_nu" enu false
        check "M" nuclearMass false
        check "m_chi" mchi true
        let eMin = emin.Force().Invoke(nuclearMass, mchi)
        if enu < eMin then
            raise (ArgumentOutOfRangeException("E_nu", enu, sprintf "E_nu = %g MeV is below the threshold E_nu^min = m_chi + m_chi^2/(2M) = %.6g MeV for m_chi = %g MeV and M = %g MeV: χ cannot be produced" enu eMin mchi nuclearMass))
        let lo = tmin.Force().Invoke(enu, nuclearMass, mchi)
        let hi = tmax.Force().Invoke(enu, nuclearMass, mchi)
        // at threshold round-off can make the radicand slightly negative: the two roots coincide there
        let lo, hi =
            if Double.IsNaN lo || Double.IsNaN hi then
                let t = mchi * mchi / (2.0 * (nuclearMass + mchi))
                t, t
            else max 0.0 lo, hi
        let thetaMax =
            if mchi = 0.0 then Math.PI / 2.0
            else Math.Acos(Math.Clamp(cmax.Force().Invoke(enu, nuclearMass, mchi), -1.0, 1.0))
        { Enu = enu; M = nuclearMass; Mchi = mchi; EnuMin = eMin; TMin = lo; TMax = hi
          TThetaMax = (if mchi = 0.0 then 0.0 else tth.Force().Invoke(enu, nuclearMass, mchi))
          ThetaMax = thetaMax }
