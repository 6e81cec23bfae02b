module NuDM.Physics.Tests.KinematicsTests

open System
open NUnit.Framework
open FsCheck
open FsCheck.FSharp
open FsCheck.NUnit
open NuDM.Physics

/// seed 001 eq. (2.9) as printed, in doubles (the reference the derived, compiled formulas are checked against).
let private printed (e: float) (m: float) (mc: float) (sign: float) =
    let root = sqrt (4.0 * m * m * e * e - 4.0 * m * mc * mc * (e + m) + mc ** 4.0)
    (2.0 * m * e * e - mc * mc * (e + m) + sign * e * root) / (2.0 * m * (2.0 * e + m))

/// A physical point: M from 1 GeV to 200 GeV, m_χ from 0 to 50 MeV, E_ν from just above threshold to 100 MeV.
type PhysicalPoint = { E: float; M: float; Mchi: float }

let private point : FsCheck.Gen<PhysicalPoint> =
    gen {
        let! m = Gen.choose (1000, 200000)
        let! mc = Gen.choose (0, 5000)
        let! extra = Gen.choose (1, 100000)
        let M = float m
        let mchi = float mc / 100.0
        let eMin = mchi + mchi * mchi / (2.0 * M)
        return { E = eMin + float extra / 1000.0; M = M; Mchi = mchi }
    }

type PointArb =
    static member Point() = Arb.fromGen point

[<Property(Arbitrary = [| typeof<PointArb> |], MaxTest = 500)>]
let ``derived T_min and T_max agree with the printed eq. 2.9`` (p: PhysicalPoint) =
    let k = KinematicsCalculator.At(p.E, p.M, p.Mchi)
    let scale = k.TMax
    abs (k.TMax - printed p.E p.M p.Mchi 1.0) <= 1e-12 * scale
    && abs (k.TMin - max 0.0 (printed p.E p.M p.Mchi -1.0)) <= 1e-9 * scale

[<Property(Arbitrary = [| typeof<PointArb> |], MaxTest = 500)>]
let ``T_min ≤ T_θmax ≤ T_max and cos θ stays in [cos θ_max, 1]`` (p: PhysicalPoint) =
    let k = KinematicsCalculator.At(p.E, p.M, p.Mchi)
    let ordered = k.TMin <= k.TMax * (1.0 + 1e-12) && (p.Mchi = 0.0 || (k.TMin <= k.TThetaMax * (1.0 + 1e-9) && k.TThetaMax <= k.TMax * (1.0 + 1e-9)))
    let inside =
        if k.TMax - k.TMin < 1e-9 * k.TMax || k.TMin = 0.0 then true
        else
            [ 0.1; 0.3; 0.5; 0.7; 0.9 ]
            |> List.forall (fun f ->
                let t = k.TMin + f * (k.TMax - k.TMin)
                let c = KinematicsCalculator.CosTheta(p.E, p.M, p.Mchi, t)
                c <= 1.0 + 1e-9 && c >= cos k.ThetaMax - 1e-9)
    ordered && inside

[<Property(Arbitrary = [| typeof<PointArb> |], MaxTest = 300)>]
let ``four-momentum is conserved: k1² = m_χ² at every allowed T`` (p: PhysicalPoint) =
    let k = KinematicsCalculator.At(p.E, p.M, p.Mchi)
    let t = 0.5 * (k.TMin + k.TMax)
    let c = KinematicsCalculator.CosTheta(p.E, p.M, p.Mchi, t)
    let pr = sqrt (t * (2.0 * p.M + t)) // = sqrt((M + T)² − M²) without the cancellation of M²
    // k1 = p1 − q with q = (T, p cos θ, p sin θ, 0)
    let e1 = p.E - t
    let px = p.E - pr * c
    let py = -pr * sqrt (max 0.0 (1.0 - c * c))
    let k1sq = e1 * e1 - px * px - py * py
    abs (k1sq - p.Mchi * p.Mchi) <= 1e-6 * max 1.0 (p.E * p.E)

[<Test>]
let ``cos θ = 1 at T_min and T_max`` () =
    let e, m, mc = 5.0, 72600.0, 3.0 // seed 001 Fig. 2: M = 72.6 GeV, E_ν = 5 MeV
    let k = KinematicsCalculator.At(e, m, mc)
    Assert.That(KinematicsCalculator.CosTheta(e, m, mc, k.TMin), Is.EqualTo(1.0).Within(1e-9))
    Assert.That(KinematicsCalculator.CosTheta(e, m, mc, k.TMax), Is.EqualTo(1.0).Within(1e-9))
    Assert.That(KinematicsCalculator.CosTheta(e, m, mc, k.TThetaMax), Is.EqualTo(cos k.ThetaMax).Within(1e-12))

[<Test>]
let ``massless χ reproduces CEvNS: T_max = 2E²/(M + 2E), T_min = 0, θ_max = 90°`` () =
    let ge = Nuclear.Target "Ge"
    let m = ge.MeanNuclearMass
    let k = KinematicsCalculator.At(10.0, m, 0.0)
    Assert.That(k.TMax, Is.EqualTo(200.0 / (m + 20.0)).Within(1e-12).Percent)
    Assert.That(k.TMin, Is.EqualTo(0.0).Within(1e-15))
    Assert.That(k.ThetaMax, Is.EqualTo(Math.PI / 2.0))
    // ≈ 2.96 keV for natural Ge at 10 MeV
    Assert.That(k.TMax * 1000.0, Is.EqualTo(2.96).Within(0.01))

[<Test>]
let ``the 29.8 MeV line puts the CsI kink near T ≈ 14 keV (seed 001, text of Fig. 3)`` () =
    let eLine = (Constants.ChargedPionMass ** 2.0 - Constants.MuonMass ** 2.0) / (2.0 * Constants.ChargedPionMass)
    for iso in (Nuclear.Target "CsI").Nuclei do
        let k = KinematicsCalculator.At(eLine, iso.Isotope.Mass, 3.0)
        Assert.That(k.TMax * 1000.0, Is.InRange(13.5, 15.0), iso.Isotope.Name)
    // and with m_χ = 30 MeV the line is below threshold: no kink (text of Fig. 3)
    let cs = (Nuclear.Target "Cs").Nuclei.[0].Isotope.Mass
    Assert.That(KinematicsCalculator.EnuMin(cs, 30.0), Is.GreaterThan eLine)

[<Test>]
let ``threshold: E_ν^min = m_χ + m_χ²/2M and T_min = T_max = m_χ²/(2(M+m_χ)) there`` () =
    let m, mc = 66978.6, 5.0
    let eMin = KinematicsCalculator.EnuMin(m, mc)
    Assert.That(eMin, Is.EqualTo(mc + mc * mc / (2.0 * m)).Within(1e-12).Percent)
    let k = KinematicsCalculator.At(eMin * (1.0 + 1e-12), m, mc)
    let tThr = mc * mc / (2.0 * (m + mc))
    Assert.That(k.TMin, Is.EqualTo(tThr).Within(1e-3).Percent)
    Assert.That(k.TMax, Is.EqualTo(tThr).Within(1e-3).Percent)

[<Test>]
let ``unphysical input is rejected with the parameter and the rule`` () =
    let ex = Assert.Throws<ArgumentOutOfRangeException>(fun () -> KinematicsCalculator.At(2.0, 66978.6, 3.0) |> ignore)
    Assert.That(ex.ParamName, Is.EqualTo "E_nu")
    Assert.That(ex.Message, Does.Contain "threshold")
    let ex2 = Assert.Throws<ArgumentOutOfRangeException>(fun () -> KinematicsCalculator.At(5.0, 66978.6, -1.0) |> ignore)
    Assert.That(ex2.ParamName, Is.EqualTo "m_chi")
    Assert.Throws<ArgumentOutOfRangeException>(fun () -> KinematicsCalculator.At(Double.NaN, 66978.6, 1.0) |> ignore) |> ignore
    Assert.Throws<ArgumentOutOfRangeException>(fun () -> KinematicsCalculator.At(5.0, 0.0, 1.0) |> ignore) |> ignore

[<Test>]
let ``derived formulas are the ones compiled (no hand-typed copy)`` () =
    let f = Kinematics.tMaxFormula ()
    Assert.That(f.Reference, Is.EqualTo "seed 001 eq. (2.9)")
    Assert.That((f.ParameterNames = [| "E_nu"; "M"; "m_chi" |]))
    Assert.That(obj.ReferenceEquals(f.Expression, (Kinematics.derivation ()).TMax) || f.Expression = (Kinematics.derivation ()).TMax)
