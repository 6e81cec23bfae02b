/// Lindhard quenching (Lindhard et al. 1963; the form of CONUS, EPJC 82 (2022) 815, eqs. (1)–(2)) against values
/// written out by hand from the printed formula, its theoretical k for germanium (0.157) and the inverse E_ee → T.
module NuDM.Physics.Tests.LindhardTests

open System
open NUnit.Framework
open NuDM.Physics

/// The printed formula evaluated directly (an independent spelling: floating-point powers, not the compiled expression).
let private printed (t: float) (k: float) (z: float) =
    let eps = 11.5 * t * Math.Pow(z, -7.0 / 3.0)
    let g = 3.0 * Math.Pow(eps, 0.15) + 0.7 * Math.Pow(eps, 0.6) + eps
    k * g / (1.0 + k * g)

[<Test>]
let ``Lindhard's theoretical k for germanium is 0.157`` () =
    // 0.133 × 32^(2/3) / sqrt(72.63) = 0.1571 (the value CONUS+ and the issue quote)
    Assert.That(Lindhard.TheoreticalK(32.0, 72.63), Is.EqualTo(0.157).Within(5e-4))

[<Test>]
let ``the compiled quenching factor is the printed formula`` () =
    for t in [ 0.3; 1.0; 2.5; 10.0 ] do
        for k in [ 0.157; 0.2 ] do
            Assert.That(Lindhard.QuenchingFactor(t, k, 32.0), Is.EqualTo(printed t k 32.0).Within(1e-12), sprintf "T = %g keV, k = %g" t k)
            Assert.That(Lindhard.IonisationEnergy(t, k, 32.0), Is.EqualTo(t * printed t k 32.0).Within(1e-12))
    // worked by hand for Ge, k = 0.157, T = 1 keV: ε = 3.537e-3, g = 1.3138, Q = 0.2063/1.2063 = 0.1710
    Assert.That(Lindhard.QuenchingFactor(1.0, 0.157, 32.0), Is.EqualTo(0.1710).Within(5e-4))

[<Test>]
let ``the recoil energy inverts the ionisation energy and grows when k shrinks`` () =
    for ee in [ 0.16; 0.17; 0.18; 1.0 ] do
        let t = Lindhard.RecoilEnergy(ee, 0.157, 32.0)
        Assert.That(Lindhard.IonisationEnergy(t, 0.157, 32.0), Is.EqualTo(ee).Within(1e-10 * ee))
    Assert.That(Lindhard.RecoilEnergy(0.17, 0.14, 32.0), Is.GreaterThan(Lindhard.RecoilEnergy(0.17, 0.157, 32.0)))

[<Test>]
let ``bad input names the parameter`` () =
    let e = Assert.Throws<ArgumentOutOfRangeException>(fun () -> Lindhard.IonisationEnergy(-1.0, 0.157, 32.0) |> ignore)
    Assert.That(e.ParamName, Is.EqualTo "recoilKeV")
    let e2 = Assert.Throws<ArgumentOutOfRangeException>(fun () -> Lindhard.RecoilEnergy(0.17, 2.0, 32.0) |> ignore)
    Assert.That(e2.ParamName, Is.EqualTo "k")
