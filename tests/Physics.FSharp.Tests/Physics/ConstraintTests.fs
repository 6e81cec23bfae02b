module NuDM.Physics.Tests.ConstraintTests

open System
open NUnit.Framework
open NuDM.Physics

// ---- kaon bounds (seed 000 sec. II) -----------------------------------------------------------------------

[<Test>]
let ``E787/E949 anchors y_q at the seed's 1.58e-4 and its BSM allowance is 23.7e-11`` () =
    // data/detection/kaon_pi_nunu.csv: E787+E949 17.3 +11.5 −10.5 (PRL 101 191802), SM 8.4 ± 1.0 (Buras et al. 2015)
    let e949 = KaonBounds.E787E949()
    let a = KaonBounds.BsmAllowance e949
    Assert.That(a, Is.EqualTo((17.3 - 8.4) + 1.2815515655446004 * sqrt (11.5 ** 2.0 + 1.0)).Within(1e-12).Percent)
    Assert.That(a, Is.EqualTo(23.69).Within(0.01))
    let row = KaonBounds.Table() |> Seq.find (fun b -> b.Measurement.Experiment = "E787+E949")
    Assert.That(row.YqMax, Is.EqualTo(1.58e-4).Within(1e-12).Percent)

[<Test>]
let ``NA62 results rescale the bound to 7.8e-5 … 9.7e-5 (published) and 6.5e-5 (2016–2024, preliminary)`` () =
    let table = KaonBounds.Table()
    let byData (d: string) = table |> Seq.find (fun b -> b.Measurement.Experiment = "NA62" && b.Measurement.Data = d)
    // y_q,max = 1.58e-4 sqrt(A/23.69); allowances from the file's central values and upper errors
    Assert.That((byData "2016+2017").YqMax, Is.EqualTo(7.76e-5).Within(0.2).Percent)
    Assert.That((byData "2016-2018").YqMax, Is.EqualTo(8.95e-5).Within(0.2).Percent)
    Assert.That((byData "2016-2022").YqMax, Is.EqualTo(9.75e-5).Within(0.2).Percent)
    Assert.That((byData "2016-2024").YqMax, Is.EqualTo(6.45e-5).Within(0.2).Percent)
    Assert.That((byData "2016-2024").Measurement.IsPreliminary)
    // a larger measured central value loosens the bound: 2016–2022 (13.0) is weaker than 2016–2018 (10.6)
    Assert.That((byData "2016-2022").YqMax, Is.GreaterThan((byData "2016-2018").YqMax))
    for b in table do Assert.That(b.YqMax, Is.EqualTo(1.58e-4 * sqrt (b.BsmAllowance / 23.6928)).Within(0.01).Percent)

[<Test>]
let ``NA62's 10 % goal is 'roughly an order of magnitude' on the BSM branching ratio (seed 000 sec. II)`` () =
    let p = KaonBounds.Projection 0.1
    let a, y = p.BsmAllowance, p.YqMax
    let ratio = KaonBounds.BsmAllowance(KaonBounds.E787E949()) / a
    Assert.That(ratio, Is.InRange(7.0, 20.0), sprintf "allowance improves by %.1f" ratio)
    Assert.That(y, Is.EqualTo(1.58e-4 / sqrt ratio).Within(1e-9).Percent)

[<Test>]
let ``the bound is flat below m_K − m_π = 354.1 MeV and absent above; the phase-space variant weakens toward the endpoint`` () =
    let b = KaonBounds.Table() |> Seq.head
    Assert.That(KaonBounds.KinematicEndpoint_MeV, Is.EqualTo(493.677 - 139.57039).Within(1e-9))
    Assert.That(KaonBounds.YqMaxAt(b, 0.0, false), Is.EqualTo b.YqMax)
    Assert.That(KaonBounds.YqMaxAt(b, 300.0, false), Is.EqualTo b.YqMax)
    Assert.That(Double.IsNaN(KaonBounds.YqMaxAt(b, 360.0, false)), "no constraint above the endpoint")
    Assert.That(KaonBounds.YqMaxAt(b, 0.0, true), Is.EqualTo(b.YqMax).Within(1e-12).Percent)
    Assert.That(KaonBounds.YqMaxAt(b, 300.0, true), Is.EqualTo(b.YqMax / sqrt (KaonBounds.PhaseSpaceRatio 300.0)).Within(1e-12).Percent)
    Assert.That(KaonBounds.PhaseSpaceRatio 300.0, Is.EqualTo(0.4679).Within(1e-3))

[<Test>]
let ``kaon input errors name the parameter`` () =
    let ex = Assert.Throws<ArgumentOutOfRangeException>(fun () -> KaonBounds.PhaseSpaceRatio -1.0 |> ignore)
    Assert.That(ex.ParamName, Is.EqualTo "mPhi")
    let ex = Assert.Throws<ArgumentOutOfRangeException>(fun () -> KaonBounds.Projection 0.0 |> ignore)
    Assert.That(ex.ParamName, Is.EqualTo "relativePrecision")
    let ex = Assert.Throws<ArgumentOutOfRangeException>(fun () -> KaonBounds.BsmAllowance(KaonBounds.E787E949(), -1.0) |> ignore)
    Assert.That(ex.ParamName, Is.EqualTo "z")

// ---- Earth and Sun (seed 000 sec. V) ---------------------------------------------------------------------

let private earth, sun = EarthSunFluxes.Earth, EarthSunFluxes.Sun

[<Test>]
let ``nucleon numbers and mean densities of the Earth and the Sun`` () =
    // M/m_u with M⊕ = 5.97217e24 kg, M⊙ = 1.98841e30 kg; mean mass densities 5.51 and 1.41 g/cm³
    Assert.That(earth.NucleonNumber, Is.EqualTo(3.5965e51).Within(0.01).Percent)
    Assert.That(sun.NucleonNumber, Is.EqualTo(1.19745e57).Within(0.01).Percent)
    Assert.That(earth.Mass_g / earth.Volume_cm3, Is.EqualTo(5.513).Within(0.1).Percent)
    Assert.That(sun.Mass_g / sun.Volume_cm3, Is.EqualTo(1.410).Within(0.1).Percent)
    Assert.That(earth.MeanNucleonDensity_cm3, Is.EqualTo(3.320e24).Within(0.1).Percent)

[<Test>]
let ``eq. (16) at m_X = 10 MeV, σ = 1e-43 cm²: 2.37e17 ν/s from the Earth, the same as σ v₀ (ρ/m) N`` () =
    let r = EarthSunFluxes.ProductionRate_per_s(earth, 1e-43, 10.0, Constants.LocalDMDensity_MeV_cm3, Constants.HaloVelocity0)
    Assert.That(r, Is.EqualTo(1e-43 * 2.2e7 * 30.0 * earth.NucleonNumber).Within(1e-9).Percent)
    Assert.That(r, Is.EqualTo(2.374e17).Within(0.1).Percent)

[<Test>]
let ``the Earth term dominates the Sun's by 2.5e3 (seed 000: 'several orders of magnitude')`` () =
    let fe = EarthSunFluxes.Flux_cm2_s(earth, 1e-43, 10.0)
    let fs = EarthSunFluxes.Flux_cm2_s(sun, 1e-43, 10.0)
    Assert.That(fe / fs, Is.EqualTo(1.5 * earth.NucleonNumber / sun.NucleonNumber * (Constants.AU_cm / earth.Radius_cm) ** 2.0).Within(1e-9).Percent)
    Assert.That(fe / fs, Is.EqualTo(2484.0).Within(0.1).Percent)
    // independent of σ and m_X
    Assert.That(EarthSunFluxes.Flux_cm2_s(earth, 3e-40, 1e4) / EarthSunFluxes.Flux_cm2_s(sun, 3e-40, 1e4), Is.EqualTo(fe / fs).Within(1e-9).Percent)

[<Test>]
let ``at m_X = 10 MeV, σ = 1e-43 cm² the flux is 0.070 cm⁻² s⁻¹: 7.9 orders below SNO's ⁸B flux (the seed says ~6)`` () =
    // SNO: 5.25e6 cm⁻² s⁻¹ (Aharmim et al., PRC 88 025501 (2013)). Finding: eqs. (16)–(17) with the seed's inputs give
    // 10^−7.88 of the ⁸B flux (10^−8.05 with a single r = R⊕), not ~10^−6; the conclusion (no constraint) is unchanged.
    Assert.That(EarthSunFluxes.Boron8Flux_cm2_s, Is.EqualTo 5.25e6)
    Assert.That(EarthSunFluxes.Boron8Reference, Does.Contain "025501")
    let f = EarthSunFluxes.Flux_cm2_s(earth, 1e-43, 10.0) + EarthSunFluxes.Flux_cm2_s(sun, 1e-43, 10.0)
    Assert.That(f, Is.EqualTo(0.0698).Within(0.2).Percent)
    let orders = -log10 (f / EarthSunFluxes.Boron8Flux_cm2_s)
    Assert.That(orders, Is.EqualTo(7.88).Within(0.01))
    Assert.That(orders, Is.GreaterThan 6.0, "at least the seed's ~6 orders: not constrained by solar-neutrino data")

[<Test>]
let ``the σ limit inverts the flux and scales like m_X`` () =
    let s10 = EarthSunFluxes.SigmaLimitInSuperKRange_cm2(earth, 1e-3, 1e4)
    Assert.That(EarthSunFluxes.Flux_cm2_s(earth, s10, 1e4), Is.EqualTo(1e-3).Within(1e-9).Percent)
    Assert.That(EarthSunFluxes.SigmaLimitInSuperKRange_cm2(earth, 1e-3, 1e5), Is.EqualTo(10.0 * s10).Within(1e-9).Percent)
    let ex = Assert.Throws<ArgumentOutOfRangeException>(fun () -> EarthSunFluxes.SigmaLimitInSuperKRange_cm2(earth, 1e-3, 10.0) |> ignore)
    Assert.That(ex.ParamName, Is.EqualTo "mX")
    Assert.That(ex.Message, Does.Contain "4–200 GeV")

[<Test>]
let ``Earth/Sun input errors name the parameter and the range`` () =
    let ex = Assert.Throws<ArgumentOutOfRangeException>(fun () -> EarthSunFluxes.Flux_cm2_s(earth, -1e-43, 10.0) |> ignore)
    Assert.That(ex.ParamName, Is.EqualTo "sigma_cm2")
    let ex = Assert.Throws<ArgumentOutOfRangeException>(fun () -> EarthSunFluxes.Flux_cm2_s(earth, 1e-43, 10.0, 300.0, 2.0) |> ignore)
    Assert.That(ex.ParamName, Is.EqualTo "v0")
    Assert.That(ex.Message, Does.Contain "(0, 1)")
    let ex = Assert.Throws<ArgumentOutOfRangeException>(fun () -> EarthSunFluxes.Flux_cm2_s(earth, 1e-43, 0.0) |> ignore)
    Assert.That(ex.ParamName, Is.EqualTo "mX")
