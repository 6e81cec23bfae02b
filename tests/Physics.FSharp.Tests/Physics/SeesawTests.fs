module NuDM.Physics.Tests.SeesawTests

open System
open NUnit.Framework
open NuDM.Symbolic
open NuDM.Physics

// Benchmarks of seed 001 sec. 3: m_χ = 5 MeV (illustrative value below eq. 3.5), y₂ = 9e-9 (the bound of eq. 3.6),
// M_N = 1 GeV (the O(1) GeV of the text after eq. 3.13), y₁ = 10^−7.25 (eq. 3.14), v = 174 GeV; M₁ ≪ M_N.
let private v = Constants.HiggsVevSeed001
let private mChi, mN, y2, y1 = 5.0, 1000.0, 9e-9, 10.0 ** -7.25
let private rel (a: float) (b: float) = abs (a - b) / abs b

[<Test>]
let ``the derived light eigenvalue at M₁ = 0 is the paper's y₂²v²/m_χ + y₁²v²/M_N`` () =
    let d = Seesaw.derivation.Force()
    let m0 = Normal.simplifyWith Seesaw.Domain (Structure.substitute Seesaw.M1 Ops.zero (Ops.negate d.LightEigenvalueLO))
    Assert.That((Normal.equivalentWith Seesaw.Domain m0 Seesaw.paperLightMass).IsProven, Infix.format m0)

[<TestCase(0.0)>]
[<TestCase(1.0)>]
[<TestCase(10.0)>]
let ``leading and next-to-leading order against the exact eigenproblem at the paper's benchmark`` (m1: float) =
    // Exact: det(M − λ) in exact rationals, bisected to 2^-160 (see SeesawCalculator). The LO error is the O(θ²)
    // NLO term (θ_eχ² = 9.8e-8); the NLO error is O(θ⁴) ~ 1e-14.
    let ex = SeesawCalculator.Exact(y1, y2, mChi, mN, m1, v)
    let lo = SeesawCalculator.LightMass(y1, y2, mChi, mN, m1, v)
    let nlo = SeesawCalculator.LightMassNLO(y1, y2, mChi, mN, m1, v)
    let exact = -ex.LightEigenvalue
    Assert.That(ex.LightEigenvalue, Is.LessThan 0.0, "the light eigenvalue of eq. (3.5) is negative (a Majorana phase)")
    let thetaChiSq = (y2 * v / mChi) ** 2.0
    Assert.That(rel lo exact, Is.LessThan(2.0 * thetaChiSq), "LO within 2 θ_eχ²")
    Assert.That(rel lo exact, Is.GreaterThan(0.5 * thetaChiSq), "and the difference is the O(θ²) term, not noise")
    Assert.That(rel nlo exact, Is.LessThan 1e-12, "NLO")
    // at M₁ = 0: m_ν = 0.586 eV (0.490 eV from χ, 0.0957 eV from N_R)
    if m1 = 0.0 then Assert.That(exact * 1e6, Is.EqualTo(0.586212).Within(1e-4).Percent, "m_ν in eV")

[<TestCase(0.0)>]
[<TestCase(1.0)>]
[<TestCase(10.0)>]
let ``mixing angles: Θ = M_D M_H⁻¹ agrees with the exact light eigenvector to O(θ²)`` (m1: float) =
    let ex = SeesawCalculator.Exact(y1, y2, mChi, mN, m1, v)
    let struct (thChi, thN) = SeesawCalculator.Mixings(y1, y2, mChi, mN, m1, v)
    Assert.That(rel thChi ex.MixingChi, Is.LessThan 1e-6)
    Assert.That(rel thN ex.MixingN, Is.LessThan 1e-6)
    // the paper's M₁-free forms hold at M₁ = 0 only
    let paperChi, paperN = y2 * v / mChi, y1 * v / mN
    if m1 = 0.0 then
        Assert.That(rel paperChi ex.MixingChi, Is.LessThan 1e-6)
        Assert.That(rel paperN ex.MixingN, Is.LessThan 1e-6)
    else
        // θ_eN moves by −θ_eχ M₁/M_N to first order (proof seesaw.m1-corrections): 3.2 % of θ_eN at M₁ = 1 MeV,
        // 32 % at 10 MeV; the rest is O(M₁²/(m_χ M_N)) = 0.02 % resp. 2 %
        let shift = paperN - ex.MixingN
        Assert.That(shift, Is.EqualTo(paperChi * m1 / mN).Within(5).Percent)
        TestContext.Out.WriteLine(sprintf "M₁ = %g: θ_eN exact %.4e, y₁v/M_N %.4e (%.1f %% off)" m1 ex.MixingN paperN (100.0 * shift / ex.MixingN))

[<Test>]
let ``the M₁-free light mass is off by the predicted first-order term 2y₁y₂v²M₁/(m_χM_N)`` () =
    for m1 in [ 1.0; 10.0 ] do
        let ex = -(SeesawCalculator.Exact(y1, y2, mChi, mN, m1, v)).LightEigenvalue
        let paper = (y2 * v) ** 2.0 / mChi + (y1 * v) ** 2.0 / mN
        let first = 2.0 * y1 * y2 * v * v * m1 / (mChi * mN)
        let second = paper * m1 * m1 / (mChi * mN)
        // exact = paper − first + second + O(M₁³): 1.0 % at 1 MeV, 9.4 % at 10 MeV (M₁/sqrt(m_χ M_N) = 0.014, 0.14)
        Assert.That(rel (paper - first + second) ex, Is.LessThan(2.0 * (m1 / sqrt (mChi * mN)) ** 3.0 + 1e-6), sprintf "M₁ = %g" m1)
        Assert.That(first / paper, Is.LessThanOrEqualTo(m1 / sqrt (mChi * mN)), "AM–GM bound")

[<Test>]
let ``double-precision EVD, the det-ratio formula and exact rationals agree; their errors are reported`` () =
    // MathNet's symmetric EVD happens to be accurate on this graded matrix (1e-10 relative or better here), but its
    // guaranteed absolute error is ~1e-16 ‖M‖ = 1e-13 MeV, i.e. ~2e-7 relative on λ_light ≈ 5.9e-7 MeV.
    for m1 in [ 0.0; 1.0; 10.0 ] do
        let ex = SeesawCalculator.Exact(y1, y2, mChi, mN, m1, v)
        let dbl = SeesawCalculator.DoubleEigen(y1, y2, mChi, mN, m1, v)
        let stable = SeesawCalculator.LightEigenvalueStable(y1, y2, mChi, mN, m1, v)
        let guaranteed = 1e-16 * mN / abs ex.LightEigenvalue
        TestContext.Out.WriteLine(sprintf "M₁ = %g: EVD %.1e, det ratio %.1e (guaranteed EVD bound %.1e)" m1 (rel dbl.LightEigenvalue ex.LightEigenvalue) (rel stable ex.LightEigenvalue) guaranteed)
        Assert.That(rel dbl.LightEigenvalue ex.LightEigenvalue, Is.LessThan(10.0 * guaranteed))
        Assert.That(rel stable ex.LightEigenvalue, Is.LessThan 1e-13)
        let (h1, h2), (e1, e2) = dbl.HeavyEigenvalues, ex.HeavyEigenvalues
        Assert.That(rel h1 e1, Is.LessThan 1e-13)
        Assert.That(rel h2 e2, Is.LessThan 1e-13)
        Assert.That(rel dbl.MixingChi ex.MixingChi, Is.LessThan 1e-9)
        Assert.That(rel dbl.MixingN ex.MixingN, Is.LessThan 1e-9)

[<Test>]
let ``heavy states: m_χ is the physical mass up to −M₁²/(M_N − m_χ) + y₂²v²/m_χ`` () =
    for m1 in [ 0.0; 1.0; 10.0 ] do
        let ex = SeesawCalculator.Exact(y1, y2, mChi, mN, m1, v)
        let predicted = mChi - m1 * m1 / (mN - mChi) + (y2 * v) ** 2.0 / mChi
        // next terms: M₁⁴/(M_N − m_χ)³ ~ 1e-9 relative at M₁ = 1 MeV, 1e-5 at 10 MeV
        Assert.That(fst ex.HeavyEigenvalues, Is.EqualTo(predicted).Within(1e-3).Percent, sprintf "M₁ = %g" m1)

[<Test>]
let ``a heavy TeV-scale N_R (light/heavy ratio 1e-13) is still resolved by the exact and det-ratio routes`` () =
    // y₁ = 1e-6, M_N = 1 TeV: y₁²v²/M_N = 3.0e-11 MeV; m_χ = 5 MeV, y₂ = 1e-12
    let y1, y2, mN = 1e-6, 1e-12, 1e6
    let ex = SeesawCalculator.Exact(y1, y2, mChi, mN, 0.0, v)
    let nlo = SeesawCalculator.LightMassNLO(y1, y2, mChi, mN, 0.0, v)
    Assert.That(abs ex.LightEigenvalue / mN, Is.LessThan 1e-13)
    Assert.That(rel nlo (-ex.LightEigenvalue), Is.LessThan 1e-12)
    Assert.That(rel (SeesawCalculator.LightEigenvalueStable(y1, y2, mChi, mN, 0.0, v)) ex.LightEigenvalue, Is.LessThan 1e-12)

[<Test>]
let ``eq. (3.6): θ² ≤ 1e-7 at m_χ = 5 MeV gives y₂ ≤ 9.1e-9, and then y₂²v²/m_χ = 0.5 eV (the paper says ∼0.1 eV)`` () =
    let y2max = sqrt 1e-7 * mChi / v
    Assert.That(y2max, Is.EqualTo(9.09e-9).Within(0.1).Percent)
    // the printed "9 × 10⁻⁹" is this number rounded; the light mass it gives is θ² m_χ = 0.5 eV
    let mNu = SeesawCalculator.LightMass(0.0, y2max, mChi, mN, 0.0, v) * 1e6
    Assert.That(mNu, Is.EqualTo(0.5).Within(1e-9).Percent, "eV")
    Assert.That(1e-7 * mChi * 1e6, Is.EqualTo(mNu).Within(1e-9).Percent, "= θ² m_χ")

[<Test>]
let ``eq. (3.14): reference couplings are 10^−7.2405 and 10^−8.7405; the printed −7.25, −8.75 give 0.0957 eV`` () =
    let f = (Seesaw.referenceCouplingFormula ()).Compile3()
    let mRef = 1e-7 // 0.1 eV in MeV
    let y1ref = f.Invoke(mRef, 1e3, v)
    let y2ref = f.Invoke(mRef, 1.0, v)
    Assert.That(log10 y1ref, Is.EqualTo(-5.0 - log10 174.0).Within(1e-12))
    Assert.That(log10 y1ref, Is.EqualTo(-7.24055).Within(1e-5))
    Assert.That(log10 y2ref, Is.EqualTo(-8.74055).Within(1e-5))
    Assert.That(log10 y1ref - log10 y2ref, Is.EqualTo(1.5).Within(1e-12))
    // with the printed normalisations each term gives 0.0957 eV at its reference mass
    let printed = SeesawCalculator.LightMass(10.0 ** -7.25, 0.0, mChi, 1e3, 0.0, v) * 1e6
    Assert.That(printed, Is.EqualTo(0.0957).Within(0.1).Percent)
    let printed2 = SeesawCalculator.LightMass(0.0, 10.0 ** -8.75, 1.0, 1e3, 0.0, v) * 1e6
    Assert.That(printed2, Is.EqualTo(printed).Within(1e-9).Percent)

[<Test>]
let ``eqs. (3.11)–(3.13): M_N ≈ y₁[1.74e6, 1.74e7] GeV, m_ν ≈ y₁[1.74e-3, 1.74e-2] GeV, y₁ ≲ [5.7e-9, 5.7e-8], M_N ∈ [0.01, 1] GeV`` () =
    let vGeV, mNu = 174.0, 1e-10 // GeV
    for yChi in [ 1e-5; 1e-4 ] do
        let mNoverY1 = vGeV / yChi // (3.11) with y₃ = 1
        let mNuOverY1 = vGeV * yChi // (3.12)
        let y1max = mNu / mNuOverY1 // (3.13)
        let mNAtBound = mNu / (yChi * yChi)
        Assert.That(log10 mNoverY1, Is.InRange(6.0, 7.25), "(3.11) y₁[10⁶, 10⁷] GeV")
        Assert.That(log10 mNuOverY1, Is.InRange(-3.0, -1.75), "(3.12) y₁[10⁻³, 10⁻²] GeV")
        Assert.That(log10 y1max, Is.InRange(-8.25, -7.0), "(3.13) [10⁻⁸, 10⁻⁷]")
        Assert.That(mNAtBound, Is.InRange(0.01 * 0.999, 1.0 * 1.001), "O(10⁻²–1) GeV")

[<Test>]
let ``seed 001 sec. 4: θ_eχ ≲ 4.8e-9 at 5 MeV makes the χ share of m_ν negligible`` () =
    let y2 = 4.8e-9 * mChi / v
    let fromChi = SeesawCalculator.LightMass(0.0, y2, mChi, mN, 0.0, v) * 1e6 // eV
    Assert.That(fromChi, Is.EqualTo(4.8e-9 ** 2.0 * 5e6).Within(1e-9).Percent)
    Assert.That(fromChi, Is.LessThan 1e-9, "≈ 1.2e-10 eV: the neutrino mass is dominated by N_R")

[<Test>]
let ``bad input names the parameter and the allowed range`` () =
    let ex = Assert.Throws<ArgumentOutOfRangeException>(fun () -> SeesawCalculator.LightMass(y1, y2, -5.0, mN, 0.0, v) |> ignore)
    Assert.That(ex.ParamName, Is.EqualTo "mChi")
    Assert.That(ex.Message, Does.Contain "> 0 MeV")
    let ex = Assert.Throws<ArgumentOutOfRangeException>(fun () -> SeesawCalculator.Exact(y1, y2, mChi, mN, 100.0, v) |> ignore)
    Assert.That(ex.ParamName, Is.EqualTo "m1")
    Assert.That(ex.Message, Does.Contain "sqrt(m_chi M_N)")
    let ex = Assert.Throws<ArgumentOutOfRangeException>(fun () -> SeesawCalculator.Mixings(nan, y2, mChi, mN, 0.0, v) |> ignore)
    Assert.That(ex.ParamName, Is.EqualTo "y1")
