namespace NuDM.Physics

open System
open NuDM.Symbolic

/// The DM-stability bound on y_X (seed 000 eq. 4, derived from eq. 3 in Decays) and the sterile-neutrino X-ray recast
/// of seed 000 sec. II.A, solved for y_X by the core.
[<RequireQualifiedAccess>]
module Stability =
    let private s = Symbol
    /// The X-ray bound on sin²2θ (symbol "B").
    let xrayBound = s "B"
    /// The domain: every symbol positive.
    let Domain = Assumptions.Positive [ "m_X"; "m_phi"; "y_X"; "y_q"; "alpha"; "t_U"; "r"; "B"; "G_F" ]

    /// y_X,max(m_X, r, y_q, α, t_U) = (y_X y_q)_max / y_q from Γ(X → νγ) t_U = 1 (Decays.stabilityBound in m_X and r).
    let couplingBound : Lazy<Expr> = lazy (snd (Decays.stabilityBound.Force()) / Decays.yQ)

    /// The largest y_X with sin²2θ_equiv(y_X, y_q, m_φ) ≤ B: the positive root in y_X of sin²2θ_equiv = B.
    let sterileRecast : Lazy<Expr> =
        lazy
            (match Solve.polynomialWith Domain Decays.yX (Normal.simplifyWith Domain (Decays.sterileMixingEquivalent - xrayBound)) |> List.filter (fun x -> Normal.signWith Domain x > 0) with
             | [ x ] -> x
             | xs -> failwithf "X-ray recast: expected one positive root in y_X, got %A" xs)

    let private numeric (e: Expr) =
        e
        |> Structure.substitute Decays.alpha (Number(Q.OfDouble Constants.AlphaEM))
        |> Structure.substitute Decays.tU (Number(Q.OfDouble(Constants.AgeOfUniverse_s / Constants.InvMeV_s)))
        |> Structure.substitute Decays.gF (Number(Q.OfDouble Constants.FermiConstant))

    /// y_X,max(m_X, r, y_q) with α and t_U = 13.787 Gyr substituted.
    [<CompiledName("CouplingBoundFormula")>]
    let couplingBoundFormula () =
        Formula.create "yX_stability" (numeric (couplingBound.Force()))
            [ "m_X", "MeV", "DM mass"; "r", "1", "m_φ/m_X"; "y_q", "1", "φ–quark coupling" ] "1" "seed 000 eq. (4), derived from eq. (3)"
            "largest y_X with Γ(X→νγ) ≤ 1/t_U at fixed y_q"

    /// y_X,max(B, y_q, m_φ) of the X-ray recast, G_F substituted.
    [<CompiledName("SterileRecastFormula")>]
    let sterileRecastFormula () =
        Formula.create "yX_xray_recast" (numeric (sterileRecast.Force()))
            [ "B", "1", "X-ray bound on sin²2θ at the DM mass"; "y_q", "1", "φ–quark coupling"; "m_phi", "MeV", "mediator mass" ] "1"
            "seed 000 sec. II.A, solved for y_X" "largest y_X allowed by an X-ray bound on sterile-neutrino mixing"

/// The stability bound and the X-ray recast for C#: compiled kernel formulas with fixed parameter orders and checked
/// entry points (masses in MeV; bad input raises ArgumentOutOfRangeException naming the parameter and its range).
[<AbstractClass; Sealed>]
type StabilityBounds =
    static let product = lazy ((Decays.stabilityBoundFormula ()).Compile2())
    static let coupling = lazy ((Stability.couplingBoundFormula ()).Compile3())
    static let sterile = lazy ((Decays.sterileMixingEquivalentFormula ()).Compile3())
    static let recast = lazy ((Stability.sterileRecastFormula ()).Compile3())

    /// (y_X y_q)_max compiled: parameters (m_X [MeV], r), unchecked.
    static member ProductMaxDelegate : Func<float, float, float> = product.Force()
    /// y_X,max compiled: parameters (m_X [MeV], r, y_q), unchecked.
    static member CouplingMaxDelegate : Func<float, float, float, float> = coupling.Force()

    /// The largest y_X y_q with Γ(X → νγ) ≤ 1/t_U at m_X (MeV, &gt; 0) and r = m_φ/m_X (&gt; 0) (seed 000 eq. 4, derived).
    static member ProductMax(mX: float, r: float) : float =
        Argument.Positive("mX", mX, "MeV") |> ignore
        Argument.Positive("r", r) |> ignore
        product.Force().Invoke(mX, r)

    /// y_X,max = (y_X y_q)_max / y_q at m_X (MeV), fixed y_q (&gt; 0) and r (&gt; 0).
    static member CouplingMax(mX: float, yq: float, r: float) : float =
        Argument.Positive("mX", mX, "MeV") |> ignore
        Argument.Positive("yq", yq) |> ignore
        Argument.Positive("r", r) |> ignore
        coupling.Force().Invoke(mX, r, yq)

    /// sin²2θ with the same X → νγ rate, y_X² y_q²/(m_φ⁴ G_F²) (seed 000 sec. II.A; m_φ in MeV).
    static member SterileMixingEquivalent(yX: float, yq: float, mPhi: float) : float =
        Argument.Positive("yX", yX) |> ignore
        Argument.Positive("yq", yq) |> ignore
        Argument.Positive("mPhi", mPhi, "MeV") |> ignore
        sterile.Force().Invoke(yX, yq, mPhi)

    /// The largest y_X allowed by an X-ray bound sin²2θ ≤ B at the DM mass, for fixed y_q and m_φ (MeV).
    static member CouplingFromSterileMixing(sin2TwoThetaMax: float, yq: float, mPhi: float) : float =
        Argument.Positive("sin2TwoThetaMax", sin2TwoThetaMax) |> ignore
        Argument.Positive("yq", yq) |> ignore
        Argument.Positive("mPhi", mPhi, "MeV") |> ignore
        recast.Force().Invoke(sin2TwoThetaMax, yq, mPhi)
