namespace NuDM.Physics

open System
open NuDM.Symbolic

/// The intermediate results of the derivation of X N → ν N kinematics (dark matter "down-scattering" to a massless
/// neutrino on a nucleus at rest; seed 000 sec. VI, eq. (18)), each obtained with the symbolic core from the
/// four-vectors, not typed in. Symbols: m_X (dark-matter mass), m_N (nuclear mass), E_R (nuclear recoil kinetic
/// energy), E_X and P_X (energy and momentum of a moving X), v (X speed in units of c); all energies in MeV.
[<NoEquality; NoComparison>]
type DownScatteringDerivation =
    { /// k_ν² for X at rest, with k_ν = p_X + p_N − k_N from four-momentum conservation: m_X² − 2(m_X + m_N)E_R
      /// (MeV²). The neutrino is massless, so the physical recoil is the zero of this expression.
      NeutrinoMassShell: Expr
      /// E_R = m_X²/(2(m_X + m_N)), the only root of NeutrinoMassShell in E_R (exact 2 → 2 kinematics) [MeV].
      RecoilEnergy: Expr
      /// E_ν = m_X − E_R, the neutrino energy from energy conservation, at the root [MeV].
      NeutrinoEnergy: Expr
      /// |k_N| = sqrt(E_R (2m_N + E_R)) at the root; equals E_ν (momentum balance) [MeV].
      RecoilMomentum: Expr
      /// −q² = −(k_N − p_N)² computed from the four-vectors: 2 m_N E_R (E_R kept as a symbol) [MeV²].
      MinusQSquared: Expr
      /// q ≡ sqrt(−q²) = sqrt(2 m_N E_R) at the root, the argument of the nuclear form factor [MeV].
      MomentumTransfer: Expr
      /// seed 000 eq. (18) as printed: m_X²/(2 m_N) [MeV] (proved to be the m_X ≪ m_N limit, not used for numbers).
      SeedRecoilEnergy: Expr
      /// The Puiseux series of RecoilEnergy in m_X around 0, as (power, coefficient) pairs through m_X⁵:
      /// m_X²/(2m_N) − m_X³/(2m_N²) + m_X⁴/(2m_N³) − …
      LightDarkMatterSeries: (Q * Expr) list
      /// The inverse: the dark-matter mass that gives recoil E_R on a nucleus of mass m_N, the positive root in m_X
      /// of NeutrinoMassShell: E_R + sqrt(E_R² + 2 m_N E_R) [MeV].
      DarkMatterMassForRecoil: Expr
      /// The other (negative) root in m_X, kept to show that exactly one root is physical.
      DarkMatterMassOtherRoot: Expr
      /// For X moving with energy E_X and momentum P_X: k_ν² = m_X² − 2(E_X + m_N)E_R + 2 P_X p_N cos θ with the
      /// mass shell E_X² − P_X² = m_X² used (θ the angle between the recoil and the X velocity; p_N written as the
      /// symbol p_N), MeV².
      MovingNeutrinoMassShell: Expr
      /// The extreme recoils (cos θ = ±1): the quadratic in E_R obtained by squaring MovingNeutrinoMassShell = 0
      /// with p_N² = E_R(2m_N + E_R), and its two roots (smallest first) [MeV], functions of E_X, P_X, m_X, m_N.
      MovingQuadratic: Expr
      RecoilMinMoving: Expr
      RecoilMaxMoving: Expr
      /// RecoilMin/MaxMoving with E_X = m_X/sqrt(1 − v²), P_X = m_X v/sqrt(1 − v²) (functions of m_X, m_N, v).
      RecoilMinOfSpeed: Expr
      RecoilMaxOfSpeed: Expr
      /// The coefficient c of the O(v) term, E_R^max(v) = E_R + c v + O(v²), from the Puiseux series of
      /// RecoilMaxOfSpeed in v [MeV]; the spread of the line is ±c v.
      RecoilSpreadCoefficient: Expr }

/// Exact 2 → 2 kinematics of dark-matter down-scattering X N → ν N (massless ν, nucleus at rest), derived with the
/// symbolic core (seed 000 sec. VI). The derived expressions are what the program compiles and uses; seed 000 eq.
/// (18), E_R = m_X²/(2m_N), is its m_X ≪ m_N limit (proof obligations in proofs/Proofs/DownScatteringProofs.fs).
[<RequireQualifiedAccess>]
module DownScattering =
    /// m_X, dark-matter mass (MeV).
    let MX = Symbol "m_X"
    /// m_N, nuclear mass (MeV).
    let MN = Symbol "m_N"
    /// E_R, nuclear recoil kinetic energy (MeV).
    let ER = Symbol "E_R"
    /// E_X, P_X: energy and momentum of a moving X (MeV).
    let EX = Symbol "E_X"
    let PX = Symbol "P_X"
    /// v, speed of X in units of c.
    let V = Symbol "v"
    /// cos θ between the recoil momentum and the X velocity.
    let CosTheta = Symbol "cos_theta"
    /// p_N, magnitude of the recoil momentum, kept opaque while solving (MeV).
    let PN = Symbol "p_N"

    /// The physical domain: masses, energies, momenta and v positive.
    let Domain = Assumptions.Positive [ "m_X"; "m_N"; "E_R"; "E_X"; "P_X"; "v"; "p_N" ]

    /// Domain plus 1 − v² > 0 (a massive X moves slower than light).
    let SpeedDomain = Domain.AndPositive(1 - V ** 2)

    /// (E_X + m_N)² − P_X², the denominator of the moving-X recoil roots; positive because E_X > P_X for a massive X
    /// (proof ds.moving-domain).
    let MovingDenominator = (EX + MN) ** 2 - PX ** 2

    /// Domain plus MovingDenominator > 0.
    let MovingDomain = Domain.AndPositive MovingDenominator

    /// Recoil momentum sqrt((m_N + E_R)² − m_N²) with the radicand expanded and factored by the core,
    /// sqrt(E_R (2m_N + E_R)) (the form without cancellation, as in Kinematics.RecoilMomentumStable).
    let RecoilMomentumOfER = sqrt (Polynomial.squareFreeFactor (Algebraic.expand ((MN + ER) ** 2 - MN ** 2)))

    /// Four-vectors (metric +,−,−,−) with X at rest: p_X = (m_X, 0), p_N = (m_N, 0), the recoiling nucleus
    /// k_N = (m_N + E_R, p_N ẑ) and the neutrino k_ν = p_X + p_N − k_N. (No preferred direction exists for X at rest.)
    let FourVectorsAtRest =
        let pX = [| MX; Ops.zero; Ops.zero; Ops.zero |]
        let pN = [| MN; Ops.zero; Ops.zero; Ops.zero |]
        let kN = [| MN + ER; Ops.zero; Ops.zero; RecoilMomentumOfER |]
        let kNu = Array.init 4 (fun i -> pX.[i] + pN.[i] - kN.[i])
        {| PX = pX; PN = pN; KN = kN; KNu = kNu |}

    /// Four-vectors for X moving along x̂ with energy E_X, momentum P_X; recoil at angle θ to x̂ with momentum p_N.
    let FourVectorsMoving =
        let sinTheta = sqrt (1 - CosTheta ** 2)
        let pX = [| EX; PX; Ops.zero; Ops.zero |]
        let pN = [| MN; Ops.zero; Ops.zero; Ops.zero |]
        let kN = [| MN + ER; PN * CosTheta; PN * sinTheta; Ops.zero |]
        let kNu = Array.init 4 (fun i -> pX.[i] + pN.[i] - kN.[i])
        {| PX = pX; PN = pN; KN = kN; KNu = kNu |}

    let private derive () : DownScatteringDerivation =
        let simplify = Normal.simplifyWith Domain
        // ---- X at rest: k_ν² = 0 is linear in E_R after expansion (the recoil momentum enters squared)
        let v = FourVectorsAtRest
        let shell = simplify (Kinematics.dot v.KNu v.KNu)
        let er =
            match Solve.zerosWith Domain ER shell with
            | [ r ] -> r
            | rs -> failwithf "E_R: expected one zero of k_ν², got %A" rs
        let q = Array.init 4 (fun i -> v.KN.[i] - v.PN.[i])
        let minusQ2 = simplify (-(Kinematics.dot q q))
        let atRoot e = simplify (Structure.substitute ER er e)
        let enu = atRoot (v.PX.[0] + v.PN.[0] - v.KN.[0])
        let pRecoil = atRoot RecoilMomentumOfER
        let qTransfer = sqrt (atRoot minusQ2)
        let seed = MX ** 2 / (2 * MN)
        let series = (Series.puiseux Domain MX Ops.zero 5 er).Terms |> List.map (fun (k, c) -> k, simplify c)
        // inverse: the same mass-shell condition solved for m_X (a quadratic), one root provably positive
        let mxRoots = Solve.polynomialWith Assumptions.None MX shell
        let positive, others = mxRoots |> List.partition (fun r -> Normal.signWith Domain r > 0)
        let mxOfEr, mxOther =
            match positive, others with
            | [ p ], [ o ] -> p, o
            | _ -> failwithf "m_X(E_R): expected one provably positive and one other root, got %A" mxRoots
        // ---- moving X: the recoil momentum kept as the opaque p_N, the mass shell E_X² − P_X² = m_X² subtracted
        let mv = FourVectorsMoving
        let massShellX = EX ** 2 - PX ** 2 - MX ** 2
        let recoilShell = PN ** 2 - RecoilMomentumOfER ** 2
        let movingShell =
            // k_ν² from the vectors, with E_X² → P_X² + m_X² and p_N² → E_R(2m_N + E_R)
            simplify (Kinematics.dot mv.KNu mv.KNu - massShellX + recoilShell)
        // at cos θ = ±1: m_X² − 2(E_X + m_N)E_R = ∓2 P_X p_N; squaring removes the sign and p_N
        let linearPart = Structure.substitute CosTheta Ops.zero movingShell
        let quadratic =
            simplify (linearPart ** 2 - 4 * PX ** 2 * RecoilMomentumOfER ** 2)
        let gamma = 1 / sqrt (1 - V ** 2)
        let ofSpeed e = Structure.substituteMany [ EX, MX * gamma; PX, MX * V * gamma ] e
        let rMin, rMax =
            match Solve.polynomialWith Domain ER quadratic with
            | [ a; b ] ->
                // ordered on the physical domain, where (E_X + m_N)² − P_X² > 0
                let d = Normal.signWith MovingDomain (b - a)
                if d > 0 then a, b
                elif d < 0 then b, a
                else failwithf "moving recoil roots: cannot order %A and %A" a b
            | rs -> failwithf "moving recoil: expected two roots, got %A" rs
        let rMinV = ofSpeed rMin
        let rMaxV = ofSpeed rMax
        let spread =
            match (Series.puiseux SpeedDomain V Ops.zero 2 rMaxV).Terms |> List.tryFind (fun (k, _) -> k = Q.One) with
            | Some(_, c) -> simplify c
            | None -> Ops.zero
        { NeutrinoMassShell = shell
          RecoilEnergy = er
          NeutrinoEnergy = enu
          RecoilMomentum = pRecoil
          MinusQSquared = minusQ2
          MomentumTransfer = qTransfer
          SeedRecoilEnergy = seed
          LightDarkMatterSeries = series
          DarkMatterMassForRecoil = mxOfEr
          DarkMatterMassOtherRoot = mxOther
          MovingNeutrinoMassShell = movingShell
          MovingQuadratic = quadratic
          RecoilMinMoving = rMin
          RecoilMaxMoving = rMax
          RecoilMinOfSpeed = rMinV
          RecoilMaxOfSpeed = rMaxV
          RecoilSpreadCoefficient = spread }

    let private derivationCache = lazy (derive ())

    /// The derivation (computed once, on first use; well under a second).
    [<CompiledName("Derivation")>]
    let derivation () : DownScatteringDerivation = derivationCache.Force()

    let private pMX = "m_X", "MeV", "dark-matter mass m_X"
    let private pMN = "m_N", "MeV", "nuclear mass m_N"
    let private pER = "E_R", "MeV", "nuclear recoil kinetic energy E_R"
    let private pV = "v", "1", "dark-matter speed in units of c (0 ≤ v < 1)"
    let private ref18 = "seed 000 eq. (18), exact 2 → 2 form (derived)"

    /// E_R(m_X, m_N) = m_X²/(2(m_X + m_N)) [seed 000 eq. (18), exact form], MeV.
    [<CompiledName("RecoilEnergyFormula")>]
    let recoilEnergyFormula () =
        Formula.create "E_R" (derivation()).RecoilEnergy [ pMX; pMN ] "MeV" ref18 "recoil energy of X N → ν N for X and N at rest"

    /// q(m_X, m_N) = sqrt(2 m_N E_R) = m_X sqrt(m_N/(m_N + m_X)), MeV (→ m_X for m_X ≪ m_N).
    [<CompiledName("MomentumTransferFormula")>]
    let momentumTransferFormula () =
        Formula.create "q" (derivation()).MomentumTransfer [ pMX; pMN ] "MeV" ref18 "momentum transfer sqrt(−q²) = sqrt(2 m_N E_R) of X N → ν N"

    /// m_X(E_R, m_N) = E_R + sqrt(E_R² + 2 m_N E_R), the inverse of E_R(m_X), MeV.
    [<CompiledName("DarkMatterMassForRecoilFormula")>]
    let darkMatterMassForRecoilFormula () =
        Formula.create "m_X_of_E_R" (derivation()).DarkMatterMassForRecoil [ pER; pMN ] "MeV" ref18 "dark-matter mass giving recoil E_R on a nucleus of mass m_N"

    /// E_R^min(m_X, m_N, v) for X moving at speed v (recoil against the X velocity), MeV.
    [<CompiledName("RecoilMinOfSpeedFormula")>]
    let recoilMinOfSpeedFormula () =
        Formula.create "E_R_min_v" (derivation()).RecoilMinOfSpeed [ pMX; pMN; pV ] "MeV" ref18 "smallest recoil energy for X moving at speed v"

    /// E_R^max(m_X, m_N, v) for X moving at speed v (recoil along the X velocity), MeV.
    [<CompiledName("RecoilMaxOfSpeedFormula")>]
    let recoilMaxOfSpeedFormula () =
        Formula.create "E_R_max_v" (derivation()).RecoilMaxOfSpeed [ pMX; pMN; pV ] "MeV" ref18 "largest recoil energy for X moving at speed v"

    /// c(m_X, m_N) in E_R^max = E_R + c v + O(v²), MeV.
    [<CompiledName("RecoilSpreadCoefficientFormula")>]
    let recoilSpreadCoefficientFormula () =
        Formula.create "c_spread" (derivation()).RecoilSpreadCoefficient [ pMX; pMN ] "MeV" ref18 "first-order (in v) half-width of the recoil line"

/// The recoil-energy interval of X N → ν N for a moving X, MeV.
[<NoEquality; NoComparison>]
type RecoilInterval =
    { /// E_R^min (recoil against the X velocity), MeV.
      Min: float
      /// E_R^max (recoil along the X velocity), MeV.
      Max: float }

/// Numerical X N → ν N kinematics from the compiled derived formulas, with input checks (energies and masses in
/// MeV). Bad input raises ArgumentOutOfRangeException naming the parameter and the allowed range.
[<AbstractClass; Sealed>]
type DownScatteringCalculator =
    static let er = lazy ((DownScattering.recoilEnergyFormula ()).Compile2())
    static let q = lazy ((DownScattering.momentumTransferFormula ()).Compile2())
    static let mx = lazy ((DownScattering.darkMatterMassForRecoilFormula ()).Compile2())
    static let rmin = lazy ((DownScattering.recoilMinOfSpeedFormula ()).Compile3())
    static let rmax = lazy ((DownScattering.recoilMaxOfSpeedFormula ()).Compile3())
    static let spread = lazy ((DownScattering.recoilSpreadCoefficientFormula ()).Compile2())

    static let checkPositive (name: string) (what: string) (v: float) =
        if not (v > 0.0) || Double.IsInfinity v then
            raise (ArgumentOutOfRangeException(name, v, sprintf "%s must be a finite number > 0 MeV, got %g" what v))
    static let checkSpeed (v: float) =
        if not (v >= 0.0 && v < 1.0) then
            raise (ArgumentOutOfRangeException("v", v, sprintf "the dark-matter speed v must lie in [0, 1) (units of c), got %g" v))

    /// Recoil energy E_R = m_X²/(2(m_X + m_N)) (MeV) of X N → ν N with X and N at rest [seed 000 eq. (18), exact].
    static member RecoilEnergy(mX: float, nuclearMass: float) : float =
        checkPositive "mX" "the dark-matter mass m_X" mX
        checkPositive "mN" "the nuclear mass m_N" nuclearMass
        er.Force().Invoke(mX, nuclearMass)

    /// Momentum transfer q = sqrt(2 m_N E_R) (MeV), the argument of the form factor; → m_X for m_X ≪ m_N.
    static member MomentumTransfer(mX: float, nuclearMass: float) : float =
        checkPositive "mX" "the dark-matter mass m_X" mX
        checkPositive "mN" "the nuclear mass m_N" nuclearMass
        q.Force().Invoke(mX, nuclearMass)

    /// The dark-matter mass (MeV) whose down-scattering gives recoil E_R (MeV) on a nucleus of mass m_N (MeV).
    static member DarkMatterMassForRecoil(recoilEnergy: float, nuclearMass: float) : float =
        checkPositive "ER" "the recoil energy E_R" recoilEnergy
        checkPositive "mN" "the nuclear mass m_N" nuclearMass
        mx.Force().Invoke(recoilEnergy, nuclearMass)

    /// The recoil range [E_R^min, E_R^max] (MeV) for X moving at speed v (units of c): exact roots of the derived
    /// quadratic; at v = 0 both equal RecoilEnergy.
    static member RecoilRange(mX: float, nuclearMass: float, v: float) : RecoilInterval =
        checkPositive "mX" "the dark-matter mass m_X" mX
        checkPositive "mN" "the nuclear mass m_N" nuclearMass
        checkSpeed v
        if v = 0.0 then
            let e = er.Force().Invoke(mX, nuclearMass)
            { Min = e; Max = e }
        else { Min = rmin.Force().Invoke(mX, nuclearMass, v); Max = rmax.Force().Invoke(mX, nuclearMass, v) }

    /// Relative half-width of the recoil line per unit speed, c/E_R = (2m_N + m_X)/(m_N + m_X) (→ 2 for m_X ≪ m_N):
    /// E_R ranges over E_R (1 ± (c/E_R) v) to first order in v.
    static member RelativeSpreadPerSpeed(mX: float, nuclearMass: float) : float =
        checkPositive "mX" "the dark-matter mass m_X" mX
        checkPositive "mN" "the nuclear mass m_N" nuclearMass
        spread.Force().Invoke(mX, nuclearMass) / er.Force().Invoke(mX, nuclearMass)
