module NuDM.Physics.Tests.FluxTests

open System
open System.Collections.Generic
open NUnit.Framework
open NuDM.Physics

let private mmu = Constants.MuonMass
let private mpi = Constants.ChargedPionMass

/// Composite Simpson on each piece between the given nodes (independent of the Gauss–Kronrod used by the code).
let private simpson (f: float -> float) (nodes: float list) (n: int) =
    nodes
    |> List.pairwise
    |> List.sumBy (fun (a, b) ->
        let h = (b - a) / float n
        let mutable s = f a + f b
        for i in 1 .. n - 1 do
            s <- s + (if i % 2 = 1 then 4.0 else 2.0) * f (a + float i * h)
        s * h / 3.0)

/// The exp-polynomial of Huber / Mueller evaluated by hand from the printed coefficients.
let private expPoly (a: float list) (e: float) = exp (a |> List.mapi (fun k c -> c * Math.Pow(e, float k)) |> List.sum)
let private huberU235 = [ 4.367; -4.577; 2.100; -0.5294; 0.06186; -0.002777 ] // Huber, PRC 84, 024617 (2011)

// ------------------------------------------------------------------------------------------------ π DAR

[<Test>]
let ``ν_μ line: E0 = (m_π² − m_μ²)/(2m_π) = 29.79 MeV with PDG masses`` () =
    // seed 001 eq. (2.22) quotes ≈ 29.8 MeV; PDG 2024: m_π = 139.57039, m_μ = 105.6583755 MeV → 29.7921 MeV
    let byHand = (mpi * mpi - mmu * mmu) / (2.0 * mpi)
    Assert.That(Fluxes.PionLineEnergy, Is.EqualTo(byHand).Within(1e-12))
    Assert.That(Fluxes.PionLineEnergy, Is.EqualTo(29.792).Within(5e-4))
    Assert.That(Fluxes.PionLineEnergyFormula.Compile2().Invoke(mpi, mmu), Is.EqualTo(byHand).Within(1e-12))
    Assert.That(Math.Round(Fluxes.PionLineEnergy, 1), Is.EqualTo 29.8)

[<Test>]
let ``π DAR: each flavour integrates to φ0 (1e-6), Michel continua on [0, m_μ/2]`` () =
    // COHERENT CsI 2017 (data/cevns/README.md): 0.08 ν/flavour/POT, 1.76e23 POT, 19.3 m
    let phi0 = Fluxes.PointSourceFlux(0.08, 1.76e23, 19.3)
    let dar = Fluxes.PionDecayAtRest phi0
    Assert.That(dar.Flavours.Count, Is.EqualTo 3)
    for fl in [ NeutrinoFlavour.MuonNeutrino; NeutrinoFlavour.MuonAntineutrino; NeutrinoFlavour.ElectronNeutrino ] do
        Assert.That(dar.[fl].Total, Is.EqualTo(phi0).Within(1e-4).Percent, string fl)
    for fl in [ NeutrinoFlavour.MuonAntineutrino; NeutrinoFlavour.ElectronNeutrino ] do
        let f = dar.[fl]
        Assert.That(f.EMin, Is.EqualTo 0.0)
        Assert.That(f.EMax, Is.EqualTo(mmu / 2.0).Within(1e-12))
        // independent integral (the shapes are cubic: Simpson is exact up to rounding)
        Assert.That(simpson f.At [ 0.0; mmu / 2.0 ] 10, Is.EqualTo(phi0).Within(1e-10).Percent)
        Assert.That(f.At(mmu / 2.0 + 1e-9), Is.EqualTo 0.0)
        Assert.That(f.At(-1.0), Is.EqualTo 0.0)
    Assert.That(dar.[NeutrinoFlavour.MuonNeutrino].Lines.[0].Energy, Is.EqualTo(Fluxes.PionLineEnergy))
    Assert.That(dar.[NeutrinoFlavour.MuonNeutrino].HasContinuum, Is.False)
    Assert.That(dar.Total, Is.EqualTo(3.0 * phi0).Within(1e-4).Percent)

[<Test>]
let ``Michel mean energies: ν̄_μ 7m_μ/20 = 0.7 (m_μ/2), ν_e 3m_μ/10 = 0.6 (m_μ/2)`` () =
    // ⟨E⟩ = ∫E φ/∫φ with φ of seed 001 eqs. (2.23), (2.24); exact fractions from proof flux.michel-mean
    let dar = Fluxes.PionDecayAtRest 1.0
    Assert.That(dar.[NeutrinoFlavour.MuonAntineutrino].MeanEnergy, Is.EqualTo(7.0 / 20.0 * mmu).Within(1e-9).Percent)
    Assert.That(dar.[NeutrinoFlavour.ElectronNeutrino].MeanEnergy, Is.EqualTo(3.0 / 10.0 * mmu).Within(1e-9).Percent)
    Assert.That(dar.[NeutrinoFlavour.MuonNeutrino].MeanEnergy, Is.EqualTo(Fluxes.PionLineEnergy).Within(1e-12))
    Assert.That(7.0 / 20.0 * mmu, Is.EqualTo(36.98).Within(0.005))
    Assert.That(3.0 / 10.0 * mmu, Is.EqualTo(31.70).Within(0.005))

[<Test>]
let ``Michel shapes: printed forms, endpoint values`` () =
    for e in [ 1.0; 10.0; 26.0; 40.0; 52.0 ] do
        Assert.That(Fluxes.MuonAntineutrinoShape e, Is.EqualTo(64.0 * e * e / (mmu ** 3.0) * (0.75 - e / mmu)).Within(1e-14))
        Assert.That(Fluxes.ElectronNeutrinoShape e, Is.EqualTo(192.0 * e * e / (mmu ** 3.0) * (0.5 - e / mmu)).Within(1e-14))
    Assert.That(Fluxes.ElectronNeutrinoShape(mmu / 2.0), Is.EqualTo(0.0).Within(1e-15))
    Assert.That(Fluxes.MuonAntineutrinoShape(mmu / 2.0), Is.EqualTo(4.0 / mmu).Within(1e-14))
    Assert.That(Fluxes.ElectronNeutrinoShape(mmu / 3.0), Is.EqualTo(32.0 / (9.0 * mmu)).Within(1e-14))

[<Test>]
let ``point source: φ0 = r N / (4π L²)`` () =
    // COHERENT 2017: 0.08 × 1.76e23 / (4π (1930 cm)²) = 3.0078e14 ν cm⁻² per flavour
    let byHand = 0.08 * 1.76e23 / (4.0 * Math.PI * 1930.0 * 1930.0)
    Assert.That(Fluxes.PointSourceFlux(0.08, 1.76e23, 19.3), Is.EqualTo(byHand).Within(1e-12).Percent)
    Assert.That(byHand, Is.EqualTo(3.0078e14).Within(0.01).Percent)

// ------------------------------------------------------------------------------------------------ reactor

[<Test>]
let ``reactor isotope fits reproduce the published exp-polynomials`` () =
    // S_U235(4 MeV) = exp(4.367 − 4.577·4 + 2.100·16 − 0.5294·64 + 0.06186·256 − 0.002777·1024) = exp(−1.230088) = 0.292267
    Assert.That(Fluxes.ReactorIsotopeSpectrum(ReactorIsotope.U235, ReactorSpectrumModel.HuberMueller, 4.0), Is.EqualTo(0.292267).Within(1e-6))
    Assert.That(expPoly huberU235 4.0, Is.EqualTo(exp -1.230088).Within(1e-12))
    let sets =
        [ ReactorSpectrumModel.HuberMueller,
          [ ReactorIsotope.U235, huberU235
            ReactorIsotope.U238, [ 0.4833; 0.1927; -0.1283; -0.006762; 0.002233; -0.0001536 ] // Mueller, PRC 83, 054615
            ReactorIsotope.Pu239, [ 4.757; -5.392; 2.563; -0.6596; 0.07820; -0.003536 ] // Huber 2011
            ReactorIsotope.Pu241, [ 2.990; -2.882; 1.278; -0.3343; 0.03905; -0.001754 ] ] // Huber 2011
          ReactorSpectrumModel.Mueller2011,
          [ ReactorIsotope.U235, [ 3.217; -3.111; 1.395; -0.3690; 0.04445; -0.002053 ] // Mueller 2011
            ReactorIsotope.Pu239, [ 6.413; -7.432; 3.535; -0.8820; 0.1025; -0.004550 ]
            ReactorIsotope.Pu241, [ 3.251; -3.204; 1.428; -0.3675; 0.04254; -0.001896 ] ] ]
    for (model, isos) in sets do
        for (iso, coeffs) in isos do
            for e in [ 2.0; 3.0; 4.0; 5.0; 6.0; 7.0; 8.0 ] do
                Assert.That(Fluxes.ReactorIsotopeSpectrum(iso, model, e), Is.EqualTo(expPoly coeffs e).Within(1e-12).Percent, sprintf "%O %O %g" model iso e)
    Assert.That(Fluxes.ReactorIsotopeSpectrumFormula(ReactorIsotope.U235, ReactorSpectrumModel.HuberMueller).Unit, Is.EqualTo "MeV^-1 fission^-1")

[<Test>]
let ``reactor fits agree with the independent Silaeva tables to 10 percent at 2–5 MeV`` () =
    // cross-model check, not an identity: Silaeva et al. arXiv:2012.09917 (tests/reference-data/reactor/*_Silaeva_vebar.csv)
    // is a summation calculation; Huber–Mueller differs from it by up to 9.8% at 2–5 MeV (U235 at 4.5 MeV) and,
    // above 5 MeV, by up to 30% for U238 and 25% for Pu241 (the known spread of high-energy predictions).
    let files = [ ReactorIsotope.U235, "235U", 37; ReactorIsotope.U238, "238U", 37; ReactorIsotope.Pu239, "239Pu", 37; ReactorIsotope.Pu241, "241Pu", 37 ]
    for (iso, name, rows) in files do
        let t = ReferenceData.read ("reactor/" + name + "_Silaeva_vebar.csv") (ReferenceData.silaeva rows)
        let checkedRows = t.Rows |> Seq.filter (fun r -> r.Number "energy" >= 2.0 && r.Number "energy" <= 5.0) |> List.ofSeq
        Assert.That(checkedRows.Length, Is.EqualTo 13, name + ": rows at 2–5 MeV (0.25 MeV steps)")
        for r in checkedRows do
            let e = r.Number "energy"
            let ratio = Fluxes.ReactorIsotopeSpectrum(iso, ReactorSpectrumModel.HuberMueller, e) / r.Number "flux"
            Assert.That(ratio, Is.InRange(0.90, 1.10), sprintf "%s at %g MeV" name e)

[<Test>]
let ``ν̄ per fission above 1.8 MeV and in 2–8 MeV (U235, Huber)`` () =
    // The fit integrated by hand (Simpson, 4000 intervals): 1.97384 ν̄/fission in [1.8, 8] MeV (fit extrapolated
    // from 2 to 1.8 MeV) and 1.68722 in [2, 8] MeV.
    let u235 = ReactorSpectrum(ReactorSpectrumModel.HuberMueller, [| 1.0; 0.0; 0.0; 0.0 |], ReactorLowEnergy.ExtrapolateFit)
    let above18 = simpson (expPoly huberU235) [ 1.8; 8.0 ] 4000
    Assert.That(u235.NeutrinosPerFission(1.8, 8.0), Is.EqualTo(above18).Within(1e-6).Percent)
    Assert.That(above18, Is.EqualTo(1.97384).Within(1e-5))
    Assert.That(u235.NeutrinosPerFission(2.0, 8.0), Is.EqualTo(1.68722).Within(1e-5))
    // Kopeikin's total table gives 1.58 above 2 MeV; the default LEU mix with Huber–Mueller 1.60
    let t = DataFiles.Table "cevns/reactor/kopeikin_spectrum.txt"
    let kop = Array.zip (t.Numbers "E_MeV") (t.Numbers "per_MeV_per_fission") |> Array.filter (fun (e, _) -> e >= 2.0)
    let kopAbove2 = kop |> Array.pairwise |> Array.sumBy (fun ((e0, s0), (e1, s1)) -> (e1 - e0) * (s0 + s1) / 2.0)
    Assert.That(ReactorSpectrum().NeutrinosPerFission(2.0, 10.0), Is.EqualTo(kopAbove2).Within(5).Percent)

[<Test>]
let ``default fission fractions: LEU power fractions 0.56/0.08/0.30/0.06 → 0.570/0.080/0.293/0.058`` () =
    // Baldoncini et al. PRD 91, 065002 (2015) power fractions, converted with Ma et al. 2013 energies per fission
    let p = ReactorSpectrum.PowerFractionsOf "LEU"
    Assert.That((p = [| 0.56; 0.08; 0.30; 0.06 |]), sprintf "power fractions %A" p)
    let q = [| 202.36; 205.99; 211.12; 214.26 |]
    Assert.That((ReactorSpectrum.FissionEnergies = q), "Ma 2013 energies per fission")
    let w = Array.map2 (/) p q
    let expected = w |> Array.map (fun x -> x / Array.sum w)
    let f = ReactorSpectrum.DefaultFissionFractions
    for i in 0 .. 3 do Assert.That(f.[i], Is.EqualTo(expected.[i]).Within(1e-14))
    Assert.That(Math.Round(f.[0], 3), Is.EqualTo 0.570)
    Assert.That(Math.Round(f.[1], 3), Is.EqualTo 0.080)
    Assert.That(Math.Round(f.[2], 3), Is.EqualTo 0.293)
    Assert.That(Math.Round(f.[3], 3), Is.EqualTo 0.058)
    Assert.That(Array.sum f, Is.EqualTo(1.0).Within(1e-15))

[<Test>]
let ``reactor flux: the continuous part integrates to the requested total (1e-6)`` () =
    for (total, lo, hi, low) in
        [ 2.5e13, 0.0, 10.0, ReactorLowEnergy.KopeikinTable
          2.5e13, 1.8, 8.0, ReactorLowEnergy.KopeikinTable
          1.0e12, 2.0, 8.0, ReactorLowEnergy.Cutoff
          1.0e12, 1.0, 8.0, ReactorLowEnergy.ExtrapolateFit ] do
        let sp = ReactorSpectrum(ReactorSpectrumModel.HuberMueller, ReactorSpectrum.DefaultFissionFractions, low)
        let flux = (Fluxes.Reactor(total, lo, hi, sp)).[NeutrinoFlavour.ElectronAntineutrino]
        Assert.That(flux.ContinuousTotal, Is.EqualTo(total).Within(1e-4).Percent, sprintf "%O [%g, %g]" low lo hi)
        // independent: Simpson on each piece between the kinks
        let nodes = (flux.EMin :: List.ofSeq flux.Breakpoints) @ [ flux.EMax ]
        Assert.That(simpson flux.At nodes 400, Is.EqualTo(total).Within(1e-4).Percent, sprintf "Simpson %O" low)
    // the default: [0, 10] MeV, Kopeikin below 2 MeV (support starts at the table's 0.01 MeV)
    let d = Fluxes.Reactor(2.5e13).[NeutrinoFlavour.ElectronAntineutrino]
    Assert.That(d.EMin, Is.EqualTo 0.01)
    Assert.That(d.EMax, Is.EqualTo 10.0)
    Assert.That(d.Total, Is.EqualTo(2.5e13).Within(1e-4).Percent)

[<Test>]
let ``Kopeikin table joins the fit continuously at 2 MeV`` () =
    let sp = ReactorSpectrum()
    Assert.That(sp.PerFission(2.0 - 1e-9), Is.EqualTo(sp.PerFission(2.0 + 1e-9)).Within(1e-6).Percent)
    // the join factor is close to 1: the table (U235-like) and the LEU mix agree at 2 MeV to 4%
    Assert.That(sp.KopeikinScale, Is.InRange(0.96, 1.04))
    // Kopeikin's table at 1 MeV is 3.11 ν̄/MeV/fission; scaled by the join factor
    Assert.That(sp.PerFission 1.0, Is.EqualTo(3.11 * sp.KopeikinScale).Within(1e-12))
    let cut = ReactorSpectrum(ReactorSpectrumModel.HuberMueller, ReactorSpectrum.DefaultFissionFractions, ReactorLowEnergy.Cutoff)
    Assert.That(cut.PerFission 1.9, Is.EqualTo 0.0)
    Assert.That(cut.PerFission 2.5, Is.EqualTo(sp.PerFission 2.5))

[<Test>]
let ``reactor from thermal power: fission rate and the seed's CONUS normalisation`` () =
    // 3.9 GW: R = P/(Σ f_i Q_i · 1.602176634e-13 J) with Σ f Q = 205.90 MeV → 1.182e20 fissions/s
    let sp = ReactorSpectrum()
    Assert.That(sp.EnergyPerFission, Is.EqualTo(205.90).Within(0.01))
    let rate = Fluxes.ReactorFissionRate(3.9e9, sp)
    Assert.That(rate, Is.EqualTo(3.9e9 / (sp.EnergyPerFission * 1.602176634e-13)).Within(1e-12).Percent)
    Assert.That(rate, Is.EqualTo(1.1822e20).Within(0.01).Percent)
    let flux = Fluxes.ReactorFromPower(3.9e9, 17.0, 0.0, 10.0, sp)
    let expected = rate * sp.NeutrinosPerFission(0.0, 10.0) / (4.0 * Math.PI * 1700.0 * 1700.0)
    Assert.That(flux.Total, Is.EqualTo(expected).Within(1e-6).Percent)
    // seed 001 normalises CONUS (3.9 GW, 17 m) to 2.5e13 cm⁻² s⁻¹; the default spectrum (6.52 ν̄/fission in total)
    // gives 2.12e13, i.e. the seed's number corresponds to ≈ 7.7 ν̄/fission.
    Assert.That(sp.NeutrinosPerFission(0.0, 10.0), Is.EqualTo(6.52).Within(0.01))
    Assert.That(flux.Total / 2.5e13, Is.InRange(0.84, 0.86))

// ------------------------------------------------------------------------------------------------ API

[<Test>]
let ``Flux API: lines in integrals, scaling, missing flavours, validation`` () =
    let dar = Fluxes.PionDecayAtRest 2.0
    let numu = dar.[NeutrinoFlavour.MuonNeutrino]
    Assert.That(numu.Integrate(Func<float, float>(fun e -> e * e)), Is.EqualTo(2.0 * Fluxes.PionLineEnergy ** 2.0).Within(1e-12).Percent)
    let scaled = dar.Scaled 0.5
    Assert.That(scaled.[NeutrinoFlavour.ElectronNeutrino].Total, Is.EqualTo(1.0).Within(1e-6).Percent)
    Assert.Throws<InvalidOperationException>(fun () -> (dar.Scaled 0.0).[NeutrinoFlavour.ElectronNeutrino].MeanEnergy |> ignore) |> ignore
    Assert.That(dar.Contains NeutrinoFlavour.ElectronAntineutrino, Is.False)
    let ex = Assert.Throws<KeyNotFoundException>(fun () -> dar.[NeutrinoFlavour.ElectronAntineutrino] |> ignore)
    Assert.That(ex.Message, Does.Contain "ElectronAntineutrino")
    let paramOf (f: unit -> obj) = (Assert.Throws<ArgumentOutOfRangeException>(fun () -> f () |> ignore)).ParamName
    Assert.That(paramOf (fun () -> box (Fluxes.PionDecayAtRest 0.0)), Is.EqualTo "phi0")
    Assert.That(paramOf (fun () -> box (Fluxes.PointSourceFlux(0.08, 1e23, -1.0))), Is.EqualTo "distance_m")
    Assert.That(paramOf (fun () -> box (Fluxes.Reactor(-1.0))), Is.EqualTo "totalFlux")
    let extrap = ReactorSpectrum(ReactorSpectrumModel.HuberMueller, ReactorSpectrum.DefaultFissionFractions, ReactorLowEnergy.ExtrapolateFit)
    Assert.That(paramOf (fun () -> box (Fluxes.Reactor(1e13, 0.5, 8.0, extrap))), Is.EqualTo "eMin")
    Assert.That(paramOf (fun () -> box (Fluxes.Reactor(1e13, 0.0, 30.0, ReactorSpectrum()))), Is.EqualTo "eMax")
    Assert.That(paramOf (fun () -> box (ReactorSpectrum(ReactorSpectrumModel.HuberMueller, [| 0.5; 0.5; 0.5; 0.0 |], ReactorLowEnergy.Cutoff))), Is.EqualTo "fissionFractions")
    Assert.That(paramOf (fun () -> box (Fluxes.ReactorIsotopeSpectrum(enum<ReactorIsotope> 9, ReactorSpectrumModel.HuberMueller, 3.0))), Is.EqualTo "isotope")
    Assert.That(paramOf (fun () -> box (FluxLine(-1.0, 1.0))), Is.EqualTo "energy")
    Assert.Throws<ArgumentException>(fun () -> FluxSet("twice", [ numu; numu ]) |> ignore) |> ignore
    Assert.That(Fluxes.MuonAntineutrinoShapeFormula.Reference, Is.EqualTo "seed 001 eq. (2.23)")
    Assert.That(Fluxes.ElectronNeutrinoShapeFormula.Reference, Is.EqualTo "seed 001 eq. (2.24)")
    Assert.That(Fluxes.PionLineEnergyFormula.Reference, Is.EqualTo "seed 001 eq. (2.22)")
