module NuDM.Physics.Tests.AmplitudeTests

open System
open NUnit.Framework
open NuDM.Symbolic
open NuDM.Physics

let private evalAt (names: string list) (values: float list) (e: Expr) = Evaluate.evaluateAt names (Array.ofList values) e

[<Test>]
let ``σv of χχ̄ → νν̄ just above threshold approaches the symbolic s-wave coefficient`` () =
    let ch = Amplitudes.chiChiToNuNu.Value
    let sv = Amplitudes.sigmaVFunction ch
    let m, ms, y = 3.0, 10.0, 1e-3
    let a = evalAt [ "m_chi"; "m_S"; "y_chi" ] [ m; ms; y ] ch.SWave
    // p = 1e-4 m: v_rel ≈ 2e-4, so σv = a (1 + O(1e-8))
    let s = 4.0 * (m * m + (1e-4 * m) ** 2.0)
    Assert.That(sv.Invoke(s, m, ms, y), Is.EqualTo(a).Within(1e-6).Percent)
    // and the p-wave term is visible at v ~ 0.3
    let p = 0.15 * m
    let v2 = 4.0 * p * p / (m * m)
    let b = evalAt [ "m_chi"; "m_S"; "y_chi" ] [ m; ms; y ] ch.PWave
    Assert.That(sv.Invoke(4.0 * (m * m + p * p), m, ms, y), Is.EqualTo(a + b * v2).Within(0.5).Percent)

[<Test>]
let ``σv of SS → νν̄ falls like v⁴ (d-wave) and χχ̄ → SS is zero below its threshold`` () =
    let sv = Amplitudes.sigmaVFunction Amplitudes.sSToNuNu.Value
    let m, ms, y = 3.0, 10.0, 1e-3
    let at (p: float) = sv.Invoke(4.0 * (ms * ms + p * p), m, ms, y)
    let r = at 0.2 / at 0.1
    Assert.That(r, Is.EqualTo(16.0).Within(2).Percent) // (0.2/0.1)^4
    let ss = Amplitudes.sigmaVFunction Amplitudes.chiChiToSS.Value
    Assert.That(ss.Invoke(4.0 * 50.0, m, ms, y), Is.EqualTo 0.0) // s < 4 m_S² = 400

[<Test>]
let ``Γ_S with the phase-space factor, and y² m_S/(8π) for m_χ → 0`` () =
    let g = (Amplitudes.sWidthFormula ()).Compile3()
    Assert.That(g.Invoke(10.0, 3.0, 1e-3), Is.EqualTo(1e-6 * (100.0 - 9.0) ** 2.0 / (8.0 * Math.PI * 1000.0)).Within(1e-12).Percent)
    Assert.That(g.Invoke(10.0, 0.0, 1e-3), Is.EqualTo(1e-6 * 10.0 / (8.0 * Math.PI)).Within(1e-12).Percent)

[<Test>]
let ``compiled dσ/dT equals eq. 2.21 with ȳ⁴A² at random points`` () =
    let rng = Random(7)
    for _ in 1 .. 200 do
        let M = 60000.0 + 70000.0 * rng.NextDouble()
        let mc = 10.0 * rng.NextDouble()
        let e = mc + mc * mc / (2.0 * M) + 50.0 * rng.NextDouble() + 1e-3
        let k = KinematicsCalculator.At(e, M, mc)
        let t = k.TMin + (k.TMax - k.TMin) * rng.NextDouble() + 1e-12
        let ms, yb, A, f2 = 100.0 * rng.NextDouble(), 1e-4, 130.0, 0.7
        let K = (1.0 + t / (2.0 * M)) * (M * t / (e * e) + mc * mc / (2.0 * e * e))
        let printed = M * yb ** 4.0 * A * A * K * f2 / (4.0 * Math.PI * (2.0 * M * t + ms * ms) ** 2.0)
        let c = CrossSectionCalculator.NuChiUnchecked(e, M, mc, t, ms, yb, A, f2)
        Assert.That(c, Is.EqualTo(printed).Within(1e-10).Percent)

[<Test>]
let ``the DM-stability bound has the (r/3)² sqrt(10 MeV/m_X) scaling; its prefactor is 1.8e-16, not the printed 2e-15`` () =
    let f = (Decays.stabilityBoundFormula ()).Compile2()
    let p0 = f.Invoke(10.0, 3.0)
    // finding recorded in proof decay.stability-scaling: lifetime = 13.787 Gyr, α = 1/137.036 give 1.77e-16
    Assert.That(p0, Is.EqualTo(1.772e-16).Within(0.1).Percent)
    Assert.That(f.Invoke(40.0, 6.0) / p0, Is.EqualTo(4.0 * sqrt (10.0 / 40.0)).Within(1e-9).Percent)
