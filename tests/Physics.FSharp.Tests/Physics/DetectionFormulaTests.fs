module NuDM.Physics.Tests.DetectionFormulaTests

open System
open NUnit.Framework
open NuDM.Physics

// ---- the one direct-detection rate (seed 000 eq. (20) with κ) ------------------------------------------------

[<Test>]
let ``the rate per target is κ (ρ/m_X) σ_NC c A² F² in s⁻¹`` () =
    // xenon-131 at m_X = 50 MeV, F² = 0.9, σ_NC = 1e-49 cm², ρ = 0.3 GeV/cm³
    let mX, mN, a, f2, sigma = 50.0, 121_864.0, 131.0, 0.9, 1e-49
    let kappa = DetectionFormulas.KappaAt(mX, mN, 3.0)
    let expected = kappa * 300.0 / mX * sigma * 2.99792458e10 * a * a * f2
    Assert.That(DetectionFormulas.Rate(mX, mN, 3.0, a, f2, 300.0, sigma), Is.EqualTo(expected).Within(1e-12).Percent)
    Assert.That(DetectionFormulas.RatePerTarget.Invoke(mX, mN, 3.0, a, f2, 300.0, sigma), Is.EqualTo(expected).Within(1e-12).Percent)
    // κ → 4 (r²/(r² + 1))² for a heavy target (proof dd.sigma-nc-normalisation): 3.24 at r = 3
    Assert.That(kappa, Is.EqualTo(4.0 * 0.81).Within(0.1).Percent)

[<Test>]
let ``the heavy-mediator rate is the r → ∞ limit of the general one`` () =
    for mX, mN in [ 1.0, 938.272; 50.0, 121_864.0; 200.0, 938.272 ] do
        let heavy = DetectionFormulas.KappaAt(mX, mN, Double.PositiveInfinity)
        Assert.That(DetectionFormulas.KappaHeavyMediator.Invoke(mX, mN), Is.EqualTo heavy)
        Assert.That(DetectionFormulas.Kappa.Invoke(mX, mN, 1e6), Is.EqualTo(heavy).Within(1e-9).Percent)
        Assert.That(DetectionFormulas.Rate(mX, mN, Double.PositiveInfinity, 1.0, 1.0, 300.0, 1.0),
                    Is.EqualTo(DetectionFormulas.RatePerTargetHeavyMediator.Invoke(mX, mN, 1.0, 1.0, 300.0, 1.0)))
    // the proton (Borexino) keeps the exact kinematics: at m_X = 150 MeV κ_∞ is 4 × 0.896 (m_X/m_p = 0.16)
    Assert.That(DetectionFormulas.KappaAt(150.0, Constants.ProtonMass, Double.PositiveInfinity), Is.InRange(3.0, 4.0))

[<Test>]
let ``y_X(σ_NC) inverts σ_NC`` () =
    let yp = 17.57 * 1e-9
    let y = DetectionFormulas.CouplingForSigmaNCAt(1e-40, yp, 30.0, 90.0)
    Assert.That(Couplings.SigmaNC_cm2(y, yp, 30.0, 90.0), Is.EqualTo(1e-40).Within(1e-10).Percent)

[<Test>]
let ``direct-detection inputs are checked with the parameter and its range named`` () =
    let ex = Assert.Throws<ArgumentOutOfRangeException>(fun () -> DetectionFormulas.Rate(-1.0, 1e5, 3.0, 131.0, 1.0, 300.0, 1.0) |> ignore)
    Assert.That(ex.ParamName, Is.EqualTo "mX")
    Assert.That(ex.Message, Does.Contain "mX must be a finite number > 0 MeV, got -1")
    let ex = Assert.Throws<ArgumentOutOfRangeException>(fun () -> DetectionFormulas.Rate(50.0, 1e5, 0.0, 131.0, 1.0, 300.0, 1.0) |> ignore)
    Assert.That(ex.ParamName, Is.EqualTo "mediatorRatio")
    let ex = Assert.Throws<ArgumentOutOfRangeException>(fun () -> DetectionFormulas.Rate(50.0, 1e5, 3.0, 131.0, 1.5, 300.0, 1.0) |> ignore)
    Assert.That(ex.ParamName, Is.EqualTo "formFactorSquared")
    Assert.That(ex.Message, Does.Contain "[0, 1]")
    let ex = Assert.Throws<ArgumentOutOfRangeException>(fun () -> DetectionFormulas.Rate(50.0, 1e5, 3.0, 131.0, 1.0, 300.0, Double.NaN) |> ignore)
    Assert.That(ex.ParamName, Is.EqualTo "sigmaNC")

// ---- Bethe–Birks (PDG 2024 eq. 34.5; NIST PSTAR) ------------------------------------------------------------

/// The Bethe expression typed as PDG eq. (34.5) prints it, with β² = 1 − 1/γ² (only to compare with the kernel).
let private printedBethe (t: float) (zOverA: float) (iMeV: float) =
    let m, me = Constants.ProtonMass, Constants.ElectronMass
    let g = 1.0 + t / m
    let b2 = 1.0 - 1.0 / (g * g)
    let bg2 = b2 * g * g
    let wMax = 2.0 * me * bg2 / (1.0 + 2.0 * g * me / m + (me / m) ** 2.0)
    0.307075 * zOverA / b2 * (0.5 * log (2.0 * me * bg2 * wMax / (iMeV * iMeV)) - b2)

[<Test>]
let ``the compiled Bethe formula follows PDG eq. 34.5 and NIST PSTAR for water above 1 MeV`` () =
    let za, i = 10.0 / 18.0153, 75e-6
    let bethe (t: float) = QuenchingFormulas.Bethe.Invoke(t, Constants.ProtonMass, 1.0, za, i)
    // at MeV energies the printed form has no cancellation problem: both agree to round-off
    for t in [ 1.0; 5.0; 10.0; 100.0 ] do
        Assert.That(bethe t, Is.EqualTo(printedBethe t za i).Within(1e-10).Percent, sprintf "T = %g MeV" t)
    // NIST PSTAR, liquid water (I = 75 eV), MeV cm²/g: 260.8 at 1 MeV, 79.11 at 5 MeV, 45.67 at 10 MeV
    Assert.That(bethe 1.0, Is.EqualTo(260.8).Within(4.0).Percent)
    Assert.That(bethe 5.0, Is.EqualTo(79.11).Within(2.0).Percent)
    Assert.That(bethe 10.0, Is.EqualTo(45.67).Within(1.0).Percent)
    // a doubly charged projectile of the same speed loses z² = 4 times as much
    Assert.That(QuenchingFormulas.Bethe.Invoke(10.0, Constants.ProtonMass, 2.0, za, i), Is.EqualTo(4.0 * bethe 10.0).Within(1e-12).Percent)

[<Test>]
let ``the stable form keeps its digits at low energy where 1 − 1/γ² cancels`` () =
    // at T = 10 eV, T/M ≈ 1e-8: 1 − 1/γ² keeps ~8 of 16 digits; the kernel's T(2M + T)/(M + T)² keeps all of them
    let t, m = 1e-5, Constants.ProtonMass
    let exact = t * (2.0 * m + t) / ((m + t) * (m + t))
    let g = 1.0 + t / m
    let naive = 1.0 - 1.0 / (g * g)
    Assert.That(abs (naive / exact - 1.0), Is.GreaterThan 1e-10, "the printed kinematics loses digits here")
    let za, i = 0.55, 75e-6
    // S β² / (K ⟨Z/A⟩) + β² is ½ ln(...), computed independently with the exact β²
    let s = QuenchingFormulas.Bethe.Invoke(t, m, 1.0, za, i)
    let me = Constants.ElectronMass
    let bg2 = t * (2.0 * m + t) / (m * m)
    let wMax = 2.0 * me * bg2 / (1.0 + 2.0 * (1.0 + t / m) * me / m + (me / m) ** 2.0)
    let expected = 0.307075 * za / exact * (0.5 * log (2.0 * me * bg2 * wMax / (i * i)) - exact)
    Assert.That(s, Is.EqualTo(expected).Within(1e-11).Percent)

[<Test>]
let ``Birks, the low-energy continuation and Bragg additivity`` () =
    Assert.That(QuenchingFormulas.BirksIntegrand.Invoke(0.0, 0.88, 500.0), Is.EqualTo 1.0)
    Assert.That(QuenchingFormulas.BirksIntegrand.Invoke(0.011, 0.88, 500.0), Is.EqualTo(1.0 / (1.0 + 0.011 * 0.88 * 500.0)).Within(1e-13).Percent)
    Assert.That(QuenchingFormulas.LowEnergyContinuation.Invoke(0.08, 0.08, 800.0), Is.EqualTo(800.0).Within(1e-13).Percent)
    Assert.That(QuenchingFormulas.LowEnergyContinuation.Invoke(0.02, 0.08, 800.0), Is.EqualTo(800.0 * 0.25 ** 0.45).Within(1e-12).Percent)
    // pseudocumene C₉H₁₂: 12 H electrons at 19.2 eV and 54 C electrons at 81 eV give 62.3 eV (ICRU 37 weighting)
    let i = QuenchingFormulas.BraggMeanExcitation([| 12.0; 54.0 |], [| 19.2; 81.0 |])
    Assert.That(i, Is.EqualTo(exp ((12.0 * log 19.2 + 54.0 * log 81.0) / 66.0)).Within(1e-12).Percent)
    Assert.That(i, Is.EqualTo(62.3).Within(0.1))
    // C₉H₁₂: (m_N + Z m_e)/m_u summed over the natural isotopes is 120.195 g/mol (data/detection/README.md)
    Assert.That(QuenchingFormulas.MolarMass "C9H12", Is.EqualTo(120.195).Within(0.01))
    let ex = Assert.Throws<ArgumentOutOfRangeException>(fun () -> QuenchingFormulas.BraggMeanExcitation([| 1.0 |], [| -3.0 |]) |> ignore)
    Assert.That(ex.ParamName, Is.EqualTo "atomicI[0]")

// ---- stability and the X-ray recast (seed 000 eqs. 3–4, sec. II.A) --------------------------------------------

[<Test>]
let ``the stability bound on y_X is the product bound over y_q and the recast inverts sin²2θ`` () =
    let p = StabilityBounds.ProductMax(10.0, 3.0)
    Assert.That(p, Is.EqualTo(Decays.stabilityPrefactor ()).Within(1e-12).Percent)
    Assert.That(StabilityBounds.CouplingMax(10.0, 1e-9, 3.0), Is.EqualTo(p / 1e-9).Within(1e-12).Percent)
    let y = StabilityBounds.CouplingFromSterileMixing(1e-10, 1e-9, 30.0)
    Assert.That(StabilityBounds.SterileMixingEquivalent(y, 1e-9, 30.0), Is.EqualTo(1e-10).Within(1e-10).Percent)
    let ex = Assert.Throws<ArgumentOutOfRangeException>(fun () -> StabilityBounds.CouplingMax(10.0, 1e-9, -3.0) |> ignore)
    Assert.That(ex.ParamName, Is.EqualTo "r")

// ---- Earth/Sun geometry (seed 000 eqs. 16–17) -------------------------------------------------------------------

[<Test>]
let ``the compiled geometry gives 4πR³/3, 3/(2R²) at the surface and 1/d² for a point`` () =
    Assert.That(EarthSunGeometry.Volume.Invoke(2.0), Is.EqualTo(4.0 / 3.0 * Math.PI * 8.0).Within(1e-13).Percent)
    Assert.That(EarthSunGeometry.SurfaceAverage.Invoke(2.0), Is.EqualTo(1.5 / 4.0).Within(1e-13).Percent)
    Assert.That(EarthSunGeometry.PointSource.Invoke(2.0), Is.EqualTo(0.25).Within(1e-13).Percent)
    Assert.That(EarthSunFluxes.Earth.InverseSquareDistance_cm2, Is.EqualTo(1.5 / EarthSunFluxes.Earth.Radius_cm ** 2.0).Within(1e-12).Percent)
    Assert.That(EarthSunFluxes.Sun.InverseSquareDistance_cm2, Is.EqualTo(1.0 / Constants.AU_cm ** 2.0).Within(1e-12).Percent)
