module NuDM.Physics.Tests.CouplingTests

open System
open System.Globalization
open NUnit.Framework
open NuDM.Physics

[<Test>]
let ``equal quark couplings: y_N/y_q reproduces nucleon_coupling_ratio_check.csv`` () =
    // seed 000 eqs. (8)–(9); the file (tests/reference-data, 3 decimals) was computed from nucleon_scalar_couplings.csv
    // and quark_masses_pdg.csv with m_p = 938.272, m_n = 939.565 MeV. Asserted to the printed precision (±0.0005).
    let rows = (ReferenceData.read "detection/nucleon_coupling_ratio_check.csv" ReferenceData.couplingRatios).Rows
    let number (r: DataRow) (c: string) = r.Number c
    for r in rows do
        let nucleon = if r.["nucleon"] = "p" then Nucleon.Proton else Nucleon.Neutron
        let masses = if r.["masses"] = "PDG2018" then QuarkMassSet.PDG2018 else QuarkMassSet.PDG2020
        let what = sprintf "%s %s" r.["nucleon"] r.["masses"]
        Assert.That(Couplings.UniversalRatio(nucleon, masses, false), Is.EqualTo(number r "light_uds_only").Within(5e-4), what + " light")
        Assert.That(Couplings.UniversalRatio(nucleon, masses, true), Is.EqualTo(number r "with_c_b_t").Within(5e-4), what + " heavy")
        let one k = Array.init 6 (fun i -> if i = k then 1.0 else 0.0)
        Assert.That(Couplings.NucleonCoupling(nucleon, one 0, masses, true), Is.EqualTo(number r "contrib_u").Within(5e-4), what + " u")
        Assert.That(Couplings.NucleonCoupling(nucleon, one 1, masses, true), Is.EqualTo(number r "contrib_d").Within(5e-4), what + " d")
        Assert.That(Couplings.NucleonCoupling(nucleon, one 2, masses, true), Is.EqualTo(number r "contrib_s").Within(5e-4), what + " s")
        Assert.That(Couplings.NucleonCoupling(nucleon, [| 0.0; 0.0; 0.0; 1.0; 1.0; 1.0 |], masses, true), Is.EqualTo(number r "contrib_heavy").Within(5e-4), what + " c+b+t")

[<Test>]
let ``the seed's 17.5 is the light-quark sum with PDG 2018 masses`` () =
    // seed 000 below eq. (9): "for equal couplings among quark flavors, y_p ≈ y_n ≈ 17.5 y_q".
    // u, d, s only, PDG 2018: 17.50 (p), 17.51 (n). With c, b, t: 17.565, 17.577 (0.4% more). PDG 2020: 17.73.
    let r p m h = Couplings.UniversalRatio(p, m, h)
    Assert.That(Math.Round(r Nucleon.Proton QuarkMassSet.PDG2018 false, 2), Is.EqualTo 17.50)
    Assert.That(Math.Round(r Nucleon.Neutron QuarkMassSet.PDG2018 false, 2), Is.EqualTo 17.51)
    Assert.That(r Nucleon.Proton QuarkMassSet.PDG2018 true, Is.EqualTo(17.565).Within(5e-4))
    Assert.That(r Nucleon.Neutron QuarkMassSet.PDG2018 true, Is.EqualTo(17.577).Within(5e-4))
    Assert.That(Math.Round(r Nucleon.Proton QuarkMassSet.PDG2018 false, 1), Is.EqualTo 17.5)
    Assert.That(Math.Round(r Nucleon.Proton QuarkMassSet.PDG2020 false, 2), Is.EqualTo 17.73)
    // the default overload: PDG 2018 with the heavy quarks
    Assert.That(Couplings.NucleonCoupling(Nucleon.Proton, Array.create 6 2.0), Is.EqualTo(2.0 * r Nucleon.Proton QuarkMassSet.PDG2018 true).Within(1e-12))

[<Test>]
let ``nucleon y_N by hand from the tables`` () =
    // m_p Σ y_q f_Tq/m_q + m_p (2/27) f_TG Σ y_Q/m_Q with Hoferichter et al. 2015 f_Tq and PDG 2018 masses
    let c = Couplings.ScalarContent Nucleon.Proton
    Assert.That(c.FTu, Is.EqualTo 0.0208)
    Assert.That(c.FTd, Is.EqualTo 0.0411)
    Assert.That(c.FTs, Is.EqualTo 0.043)
    Assert.That(c.FTG, Is.EqualTo(0.8951).Within(1e-12))
    Assert.That(c.FTHeavy, Is.EqualTo(2.0 / 27.0 * 0.8951).Within(1e-12))
    let m = Couplings.QuarkMasses QuarkMassSet.PDG2018
    Assert.That((m = [| 2.2; 4.7; 95.0; 1275.0; 4180.0; 173000.0 |]), sprintf "PDG 2018 masses %A" m)
    let yq = [| 0.3; -0.2; 0.5; 1.0; 2.0; -1.0 |]
    let byHand =
        Constants.ProtonMass * (yq.[0] * 0.0208 / 2.2 + yq.[1] * 0.0411 / 4.7 + yq.[2] * 0.043 / 95.0
                                + 2.0 / 27.0 * 0.8951 * (yq.[3] / 1275.0 + yq.[4] / 4180.0 + yq.[5] / 173000.0))
    Assert.That(Couplings.NucleonCoupling(Nucleon.Proton, yq, QuarkMassSet.PDG2018, true), Is.EqualTo(byHand).Within(1e-12).Percent)

[<Test>]
let ``y_A for Cs-133 with y_p = y_n = 1 is 133 (the printed eq. 7 would give 211)`` () =
    let cs = Nuclear.Isotopes |> Seq.find (fun i -> i.Element = "Cs" && i.A = 133)
    Assert.That(Couplings.NucleusCoupling(cs, 1.0, 1.0), Is.EqualTo 133.0)
    Assert.That(Couplings.NucleusCoupling(55, 133, 1.0, 0.0), Is.EqualTo 55.0)
    Assert.That(Couplings.NucleusCoupling(55, 133, 0.0, 1.0), Is.EqualTo 78.0)
    // seed 000 eq. (7) as printed, A y_p + (A − Z) y_n, would give 133 + 78 = 211 (proof cpl.coherent-sum)
    Assert.That(Couplings.NucleusCouplingFormula.Compile4().Invoke(55.0, 133.0, 1.0, 1.0), Is.EqualTo 133.0)

[<Test>]
let ``ȳ weights: Ge 0.44/0.56 and CsI 0.42/0.58 (seed 001 eq. 2.20)`` () =
    // ⟨Z⟩/⟨A⟩ number-weighted over the natural isotopes of isotopes.csv: Ge 32/72.705 = 0.4401, CsI 54/130 = 0.4154
    let ge = Nuclear.Target "Ge"
    let csi = Nuclear.Target "CsI"
    Assert.That(Math.Round(Couplings.ProtonWeight ge, 2), Is.EqualTo 0.44)
    Assert.That(Math.Round(Couplings.NeutronWeight ge, 2), Is.EqualTo 0.56)
    Assert.That(Math.Round(Couplings.ProtonWeight csi, 2), Is.EqualTo 0.42)
    Assert.That(Math.Round(Couplings.NeutronWeight csi, 2), Is.EqualTo 0.58)
    // ȳ² = |(w_n y_n + w_p y_p) y_χ|
    let yp, yn, ychi = 0.7, -0.3, 2.0
    let ybar = Couplings.EffectiveCoupling(ge, yp, yn, ychi)
    Assert.That(ybar * ybar, Is.EqualTo(abs ((Couplings.NeutronWeight ge * yn + Couplings.ProtonWeight ge * yp) * ychi)).Within(1e-12))
    // the printed two-decimal weights give ȳ to 1% here
    Assert.That(ybar * ybar, Is.EqualTo(abs ((0.56 * yn + 0.44 * yp) * ychi)).Within(1).Percent)
    // isospin-symmetric couplings: ȳ² = |y y_χ| for every target
    for t in [ ge; csi; Nuclear.Target "Xe"; Nuclear.Target "Ar" ] do
        Assert.That(Couplings.EffectiveCoupling(t, 0.5, 0.5, 3.0), Is.EqualTo(sqrt 1.5).Within(1e-12), t.Name)
    // and ȳ² A = |y_A y_χ| for a single nucleus
    let yA = Couplings.NucleusCoupling(32, 74, yp, yn)
    Assert.That(Couplings.EffectiveCoupling(32.0, 74.0, yp, yn, ychi) ** 2.0 * 74.0, Is.EqualTo(abs (yA * ychi)).Within(1e-12))

[<Test>]
let ``σ_NC = y_X² y_p² m_X²/(16π m_φ⁴) in MeV⁻² and cm²`` () =
    // seed 000 sec. VII; 1 MeV⁻² = (ħc)² = 3.8938e-22 cm² (PDG: 0.3894 mb GeV²)
    let yX, yp, mX, mPhi = 1e-2, 3e-3, 20.0, 150.0
    let byHand = yX * yX * yp * yp * mX * mX / (16.0 * Math.PI * mPhi ** 4.0)
    Assert.That(Couplings.SigmaNC(yX, yp, mX, mPhi), Is.EqualTo(byHand).Within(1e-12).Percent)
    Assert.That(Couplings.SigmaNC_cm2(yX, yp, mX, mPhi), Is.EqualTo(byHand * 3.8937937e-22).Within(1e-6).Percent)
    Assert.That(Constants.InvMeV2_cm2, Is.EqualTo(3.8938e-22).Within(0.01).Percent)
    Assert.That(Couplings.SigmaNCFormula.Unit, Is.EqualTo "MeV^-2")

[<Test>]
let ``bad input is rejected with the parameter named`` () =
    let paramOf (f: unit -> float) = (Assert.Throws<ArgumentOutOfRangeException>(fun () -> f () |> ignore)).ParamName
    Assert.That(paramOf (fun () -> Couplings.NucleusCoupling(60, 50, 1.0, 1.0)), Is.EqualTo "Z")
    Assert.That(paramOf (fun () -> Couplings.NucleusCoupling(1, 0, 1.0, 1.0)), Is.EqualTo "A")
    Assert.That(paramOf (fun () -> Couplings.EffectiveCoupling(32.0, 72.0, Double.NaN, 1.0, 1.0)), Is.EqualTo "yp")
    Assert.That(paramOf (fun () -> Couplings.SigmaNC(1.0, 1.0, 0.0, 1.0)), Is.EqualTo "mX")
    Assert.That(paramOf (fun () -> Couplings.SigmaNC(1.0, 1.0, 1.0, -1.0)), Is.EqualTo "mPhi")
    Assert.That(paramOf (fun () -> Couplings.UniversalRatio(enum<Nucleon> 5, QuarkMassSet.PDG2018, true)), Is.EqualTo "nucleon")
    Assert.That(paramOf (fun () -> Couplings.UniversalRatio(Nucleon.Proton, enum<QuarkMassSet> 5, true)), Is.EqualTo "masses")
    let ex = Assert.Throws<ArgumentException>(fun () -> Couplings.NucleonCoupling(Nucleon.Proton, [| 1.0 |]) |> ignore)
    Assert.That(ex.ParamName, Is.EqualTo "quarkCouplings")

[<Test>]
let ``formulas carry units, parameters and references`` () =
    let f = Couplings.NucleonCouplingFormula
    Assert.That(f.Parameters.Count, Is.EqualTo 16)
    Assert.That(f.ParameterNames.[0], Is.EqualTo "m_N")
    Assert.That(f.Reference, Does.Contain "seed 000 eqs. (8)")
    Assert.That(Couplings.NucleusCouplingFormula.Reference, Does.Contain "seed 000 eq. (7)")
    Assert.That(Couplings.EffectiveCouplingFormula.Reference, Does.Contain "(2.19)")
    for g in [ f; Couplings.NucleusCouplingFormula; Couplings.EffectiveCouplingFormula; Couplings.SigmaNCFormula ] do
        Assert.That(g.LaTeX, Is.Not.Empty)
        for p in g.Parameters do Assert.That(p.Unit, Is.Not.Empty)
