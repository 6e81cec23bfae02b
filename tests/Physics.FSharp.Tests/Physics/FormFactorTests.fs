module NuDM.Physics.Tests.FormFactorTests

open System
open System.Globalization
open System.Text.RegularExpressions
open NUnit.Framework

open NuDM.Physics

let private hbarc = Constants.HbarC_MeV_fm

/// Helm written out independently of the symbolic code (Lewin & Smith eq. (4.7), sec. 4.3).
let private helmByHand (q: float) (A: float) =
    let c = 1.23 * Math.Pow(A, 1.0 / 3.0) - 0.60
    let r1 = sqrt (c * c + 7.0 / 3.0 * Math.PI * Math.PI * 0.52 * 0.52 - 5.0 * 0.81)
    let x = q * r1 / hbarc
    3.0 * (sin x - x * cos x) / (x * x * x) * exp (-((q * 0.9 / hbarc) ** 2.0) / 2.0)

/// Klein–Nystrand written out independently (PRC 60, 014903; R_A = 1.2 A^{1/3} fm, a_k = 0.7 fm).
let private knByHand (q: float) (A: float) =
    let r = 1.2 * Math.Pow(A, 1.0 / 3.0)
    let x = q * r / hbarc
    3.0 * (sin x - x * cos x) / (x * x * x) / (1.0 + (0.7 * q / hbarc) ** 2.0)

let private xe131 () = Nuclear.Isotopes |> Seq.find (fun i -> i.Element = "Xe" && i.A = 131)

[<Test>]
let ``F(0) = 1 exactly for both models and every A`` () =
    for A in [ 1.0; 4.0; 12.0; 40.0; 72.63; 127.0; 133.0; 208.0 ] do
        Assert.That(FormFactors.Helm(0.0, A), Is.EqualTo 1.0)
        Assert.That(FormFactors.KleinNystrand(0.0, A), Is.EqualTo 1.0)
        Assert.That(FormFactors.HelmOfRecoil(0.0, 1.0e5, A), Is.EqualTo 1.0)
        Assert.That(FormFactors.KleinNystrandOfRecoil(0.0, 1.0e5, A), Is.EqualTo 1.0)
        Assert.That(FormFactors.Evaluate(FormFactorModel.Unity, 50.0, A), Is.EqualTo 1.0)

[<Test>]
let ``small q: 1 − F = q²⟨r²⟩/(6ħc²) without cancellation`` () =
    // ⟨r²⟩ = 3R₁²/5 + 3s² (Helm), 3R_A²/5 + 6a_k² (KN): proofs ff.helm-rms, ff.kn-rms. At q = 1e-4 MeV the
    // next term is O(q⁴): at q = 0.01 MeV, 1 − F ≈ 1e-8 and the q⁴ term and the rounding of F near 1
    // (ulp 1.1e-16) are both ~1e-8 of it, so 1e-7 relative is asserted.
    let A = 131.0
    let q = 1.0e-2
    let r1 = FormFactors.HelmRadius A
    let ra = FormFactors.KleinNystrandRadius A
    let helmRms = 0.6 * r1 * r1 + 3.0 * 0.81
    let knRms = 0.6 * ra * ra + 6.0 * 0.49
    let expectH = q * q * helmRms / (6.0 * hbarc * hbarc)
    let expectK = q * q * knRms / (6.0 * hbarc * hbarc)
    Assert.That(1.0 - FormFactors.Helm(q, A), Is.EqualTo(expectH).Within(1e-5).Percent)
    Assert.That(1.0 - FormFactors.KleinNystrand(q, A), Is.EqualTo(expectK).Within(1e-5).Percent)
    // the unguarded closed form is visibly wrong there (cancellation) — this is why the guard exists
    let closed = FormFactors.HelmNucleusFormula.Compile2().Invoke(1.0e-6, A)
    Assert.That(abs (closed - 1.0), Is.GreaterThan 1e-9)

[<Test>]
let ``the series branch and the closed form agree where they meet`` () =
    for A in [ 12.0; 40.0; 131.0 ] do
        let r1 = FormFactors.HelmRadius A
        let ra = FormFactors.KleinNystrandRadius A
        let series = FormFactors.HelmNucleusSeriesFormula.Compile2()
        let closed = FormFactors.HelmNucleusFormula.Compile2()
        let knSeries = FormFactors.KleinNystrandNucleusSeriesFormula.Compile2()
        let knClosed = FormFactors.KleinNystrandNucleusFormula.Compile2()
        for x in [ 0.05; 0.0999; 0.1; 0.1001; 0.2 ] do
            let q = x * hbarc / r1
            Assert.That(series.Invoke(q, A), Is.EqualTo(closed.Invoke(q, A)).Within(1e-12))
            Assert.That(FormFactors.Helm(q, A), Is.EqualTo(helmByHand q A).Within(1e-12))
            let qk = x * hbarc / ra
            Assert.That(knSeries.Invoke(qk, A), Is.EqualTo(knClosed.Invoke(qk, A)).Within(1e-12))
            Assert.That(FormFactors.KleinNystrand(qk, A), Is.EqualTo(knByHand qk A).Within(1e-12))

[<Test>]
let ``compiled formulas equal the by-hand closed forms over the physical range`` () =
    for A in [ 12.0; 40.0; 72.63; 127.0; 133.0 ] do
        for q in [ 5.0; 20.0; 50.0; 80.0; 120.0; 200.0; 300.0 ] do
            Assert.That(FormFactors.Helm(q, A), Is.EqualTo(helmByHand q A).Within(1e-12), sprintf "Helm q=%g A=%g" q A)
            Assert.That(FormFactors.KleinNystrand(q, A), Is.EqualTo(knByHand q A).Within(1e-12), sprintf "KN q=%g A=%g" q A)
            Assert.That(FormFactors.HelmNucleusFormula.Evaluate(q, A), Is.EqualTo(helmByHand q A).Within(1e-12))

[<Test>]
let ``recoil forms: F(T) = F(sqrt(2MT))`` () =
    let xe = xe131 ()
    let fH = FormFactors.HelmRecoilFormula.Compile3()
    let fK = FormFactors.KleinNystrandRecoilFormula.Compile3()
    for T in [ 1e-3; 5e-3; 1e-2; 4e-2 ] do
        let q = sqrt (2.0 * xe.Mass * T)
        Assert.That(FormFactors.HelmOfRecoil(T, xe.Mass, 131.0), Is.EqualTo(FormFactors.Helm(q, 131.0)).Within(1e-15))
        Assert.That(fH.Invoke(T, xe.Mass, 131.0), Is.EqualTo(FormFactors.Helm(q, 131.0)).Within(1e-12))
        Assert.That(fK.Invoke(T, xe.Mass, 131.0), Is.EqualTo(FormFactors.KleinNystrand(q, 131.0)).Within(1e-12))

[<Test>]
let ``first zero of j1 is the first positive root of tan x = x`` () =
    // 4.493409457909064: first zero of j₁ (Abramowitz & Stegun Table 10.6; DLMF §10.21(vii)).
    Assert.That(FormFactors.FirstZeroOfJ1, Is.EqualTo(4.493409457909064).Within(1e-12))
    let z = FormFactors.FirstZeroOfJ1
    Assert.That(tan z, Is.EqualTo(z).Within(1e-9))
    Assert.That(z, Is.GreaterThan(Math.PI).And.LessThan(1.5 * Math.PI))

[<Test>]
let ``Helm first zero: numeric root of F(q) at 4.4934 ħc/R1`` () =
    for A in [ 40.0; 72.63; 131.0; 133.0 ] do
        let r1 = FormFactors.HelmRadius A
        let f = Func<float, float>(fun q -> FormFactors.Helm(q, A))
        // scan from q = 0: no sign change before the bracket, then Brent on the first one
        let step = 0.25
        let mutable q = step
        while f.Invoke q > 0.0 do q <- q + step
        let root = MathNet.Numerics.RootFinding.Brent.FindRoot(f, q - step, q, 1e-10, 200)
        let expected = 4.4934 * hbarc / r1
        Assert.That(root, Is.EqualTo(expected).Within(1.2e-3).Percent, sprintf "A = %g" A) // 4.4934 printed to 5 digits: ±0.00005/4.4934
        Assert.That(root, Is.EqualTo(FormFactors.HelmFirstZero A).Within(1e-8))
        // Klein–Nystrand vanishes at the same x with its own radius
        let fk = Func<float, float>(fun q -> FormFactors.KleinNystrand(q, A))
        let rk = FormFactors.KleinNystrandRadius A
        let rootK = MathNet.Numerics.RootFinding.Brent.FindRoot(fk, 4.3 * hbarc / rk, 4.7 * hbarc / rk, 1e-10, 200)
        Assert.That(rootK * rk / hbarc, Is.EqualTo(FormFactors.FirstZeroOfJ1).Within(1e-9))

[<Test>]
let ``Xe-131 Helm check values of helm_form_factor.csv`` () =
    // Lewin & Smith parameters; the file's check values: R1 = 5.8365 fm, F² = 0.7889, 0.6119, 0.1051 at
    // E_R = 4.9, 10, 40.9 keV with q = sqrt(2 m_N E_R), m_N(Xe-131) from isotopes.csv. Asserted to the printed
    // precision (half a unit of the last digit).
    // (tests/reference-data/detection/helm_form_factor.csv)
    let table = ReferenceData.read "detection/helm_form_factor.csv" ReferenceData.helm
    let value (name: string) = table.Find("parameter", name).Number "value"
    Assert.That(FormFactors.HelmRadius 131.0, Is.EqualTo(value "check_Xe131_R1").Within(5e-5))
    Assert.That(value "a", Is.EqualTo 0.52)
    Assert.That(value "s", Is.EqualTo 0.9)
    let xe = xe131 ()
    let checks =
        table.Rows
        |> Seq.choose (fun r ->
            let m = Regex.Match(r.["parameter"], @"^check_Xe131_F2_at_ER_([0-9.]+)keV")
            if m.Success then Some(Double.Parse(m.Groups.[1].Value, CultureInfo.InvariantCulture), r.Number "value")
            else None)
        |> List.ofSeq
    Assert.That(checks.Length, Is.EqualTo 3)
    for (erKeV, f2) in checks do
        let f = FormFactors.HelmOfRecoil(erKeV * 1e-3, xe.Mass, 131.0)
        Assert.That(f * f, Is.EqualTo(f2).Within(5e-5), sprintf "E_R = %g keV" erKeV)

[<Test>]
let ``bad input is rejected with the parameter named`` () =
    let paramOf (f: unit -> float) = (Assert.Throws<ArgumentOutOfRangeException>(fun () -> f () |> ignore)).ParamName
    Assert.That(paramOf (fun () -> FormFactors.Helm(-1.0, 131.0)), Is.EqualTo "q")
    Assert.That(paramOf (fun () -> FormFactors.Helm(Double.NaN, 131.0)), Is.EqualTo "q")
    Assert.That(paramOf (fun () -> FormFactors.KleinNystrand(10.0, 0.5)), Is.EqualTo "A")
    Assert.That(paramOf (fun () -> FormFactors.HelmOfRecoil(-1e-3, 1e5, 131.0)), Is.EqualTo "T")
    Assert.That(paramOf (fun () -> FormFactors.HelmOfRecoil(1e-3, 0.0, 131.0)), Is.EqualTo "M")
    Assert.That(paramOf (fun () -> FormFactors.Evaluate(enum<FormFactorModel> 7, 1.0, 131.0)), Is.EqualTo "model")
    Assert.That(paramOf (fun () -> FormFactors.HelmRadius Double.PositiveInfinity), Is.EqualTo "A")

[<Test>]
let ``formulas carry units, parameters and references`` () =
    for f in [ FormFactors.HelmFormula; FormFactors.HelmNucleusFormula; FormFactors.HelmRecoilFormula; FormFactors.KleinNystrandFormula
               FormFactors.KleinNystrandNucleusFormula; FormFactors.KleinNystrandRecoilFormula; FormFactors.HelmRadiusFormula; FormFactors.KleinNystrandRadiusFormula ] do
        Assert.That(f.Reference, Is.Not.Empty)
        Assert.That(f.Unit, Is.AnyOf("1", "fm"))
        for p in f.Parameters do Assert.That(p.Unit, Is.Not.Empty)
        Assert.That(f.LaTeX, Is.Not.Empty)
    Assert.That((FormFactors.HelmNucleusFormula.ParameterNames = [| "q"; "A" |]), "Helm (q, A)")
    Assert.That((FormFactors.HelmRecoilFormula.ParameterNames = [| "T"; "M"; "A" |]), "Helm (T, M, A)")
