/// s-channel exchange in an annihilation (issue 12): the Z'-portal test fixture
/// tests/Physics.FSharp.Tests/Fixtures/zprime-portal.yaml (a Dirac χ and ν coupled to a massive vector Z' by vector
/// currents) derives χ χ̄ → ν ν̄ through the s-channel Z' with its Breit–Wigner propagator, the width Γ_Z' derived from the
/// same Feynman rules. The algebra is proven in proofs/Proofs/SChannelProofs.fs (sch.*); these tests check what a model
/// file's user sees: the process derived (before: "not derived: s-channel exchange in an annihilation"), every obligation
/// proven, the compiled σv against the closed form with the width (below, at and above the pole, with the χ χ̄ channel
/// of the width open and closed), and an honest CouplingPower.
module NuDM.Physics.Tests.SChannelTests

open System
open System.IO
open NUnit.Framework
open NuDM.Physics

let private fixturePath () = ReferenceData.fixturePath "zprime-portal.yaml"
let private fixture = ReferenceData.fixtureModel "zprime-portal.yaml"

/// The closed forms of proofs sch.width-* and sch.sigma-v-closed-form: Γ_Z' (MeV) with the χ χ̄ channel open only above
/// m_Z' = 2m_χ, and σv (MeV⁻²) per flavour.
let private width (mChi: float) (mZ: float) (gChi: float) (gNu: float) =
    let nu = gNu * gNu * mZ / (24.0 * Math.PI)
    let chi =
        if mZ > 2.0 * mChi then
            let beta = sqrt (1.0 - 4.0 * mChi * mChi / (mZ * mZ))
            gChi * gChi * mZ * (1.0 + 2.0 * mChi * mChi / (mZ * mZ)) * beta / (12.0 * Math.PI)
        else 0.0
    nu + chi

let private closedForm (mChi: float) (mZ: float) (gChi: float) (gNu: float) (s: float) =
    let g = width mChi mZ gChi gNu
    gChi * gChi * gNu * gNu * (s + 2.0 * mChi * mChi) / (12.0 * Math.PI * ((s - mZ * mZ) ** 2.0 + mZ * mZ * g * g))

let private point (m: Model) (mChi: float) (mZ: float) (gChi: float) (gNu: float) =
    m.Point().With(m.Parameter "m_chi", mChi).With(m.Parameter "m_Zp", mZ).With(m.Parameter "g_chi", gChi).With(m.Parameter "g_nu", gNu)

[<Test>]
let ``the Z'-portal fixture derives χ χ̄ → ν ν̄ through the s-channel Z' (not "not derived") and proves every obligation`` () =
    // before: ProcessDerivation.annihilation raised "s-channel exchange in an annihilation" and the process was listed
    // "not derived (absent, not zero)"
    let d = fixture.Force()
    Assert.That(d.NotDerived |> Seq.map (fun n -> n.ToString()), Is.Empty)
    for c in d.Checks do
        Assert.That(c.Status, Is.EqualTo ModelCheckStatus.Proven, sprintf "%s: %s" c.Id c.Detail)
    Assert.That(d.Verified)
    let p = d.Model.Annihilation ProcessKind.ChiAntichiToNeutrinoAntineutrino
    Assert.That(p.Amplitude, Does.Contain "(s − m_Zp²)", p.Amplitude)
    Assert.That(String.Join(",", p.WidthSymbols), Is.EqualTo "Gamma_Zp")
    let w = p.MediatorWidth
    Assert.That(w, Is.Not.Null)
    Assert.That(w.Channels |> Seq.map (fun c -> c.Name), Is.EquivalentTo [| "Z' → χ χ̄"; "Z' → ν ν̄" |])
    Assert.That(w.Excluded, Does.Contain "not included")

[<Test>]
let ``Γ_Z' counts Z' → χ χ̄ only above m_Z' = 2m_χ (the threshold step), Z' → ν ν̄ always`` () =
    let m = fixture.Force().Model
    let w = (m.Annihilation ProcessKind.ChiAntichiToNeutrinoAntineutrino).MediatorWidth
    for mZ in [ 15.0; 19.999; 20.001; 30.0; 300.0 ] do
        let expected = width 10.0 mZ 0.5 0.3
        Assert.That(w.At(point m 10.0 mZ 0.5 0.3), Is.EqualTo(expected).Within(1e-10 * expected), sprintf "m_Z' = %g" mZ)
    // below threshold only the neutrinos: g_ν² m/(24π)
    Assert.That(w.At(point m 10.0 15.0 0.5 0.3), Is.EqualTo(0.09 * 15.0 / (24.0 * Math.PI)).Within(1e-12).Percent)

[<Test>]
let ``compiled σv(χ χ̄ → Z'* → ν ν̄) equals the closed form with the width below, near, at and above the pole`` () =
    let m = fixture.Force().Model
    let sv = (m.Annihilation ProcessKind.ChiAntichiToNeutrinoAntineutrino).CompileSigmaV()
    // m_Z' = 30 (χ χ̄ channel open: Γ/m ≈ 3e-3) and m_Z' = 15 (below 2m_χ: resonance below threshold, only Γ_νν̄)
    for mZ, gChi, gNu in [ 30.0, 0.5, 0.3; 15.0, 0.5, 0.3; 30.0, 0.05, 0.02 ] do
        let f = sv.At(point m 10.0 mZ gChi gNu)
        let m2 = mZ * mZ
        let g = width 10.0 mZ gChi gNu
        for s in [ 401.0; 500.0; m2 - 3.0 * mZ * g; m2 - 0.5 * mZ * g; m2; m2 + mZ * g; m2 * 1.5; 1e5 ] do
            if s > 400.0 then
                let expected = closedForm 10.0 mZ gChi gNu s
                Assert.That(f.Invoke s, Is.EqualTo(expected).Within(1e-10 * expected), sprintf "m_Z' = %g, s = %.10g" mZ s)
    // below threshold: 0
    Assert.That((sv.At(point m 10.0 30.0 0.5 0.3)).Invoke 399.0, Is.EqualTo 0.0)

[<Test>]
let ``CouplingPower of χ χ̄ → ν ν̄ says the mediator's width makes σv no power of the coupling`` () =
    let m = fixture.Force().Model
    let p = m.Annihilation ProcessKind.ChiAntichiToNeutrinoAntineutrino
    for g in [ "g_chi"; "g_nu" ] do
        let e = Assert.Throws<InvalidOperationException>(fun () -> p.CouplingPower(m.Parameter g) |> ignore)
        Assert.That(e.Message, Does.Contain("is not a power of " + g).And.Contain("width Gamma_Zp").And.Contain("depends on " + g))
    // a process without s-channel exchange keeps its power: χ χ̄ → Z' Z' ∝ g_χ⁴
    Assert.That((m.Process ProcessKind.ChiAntichiToMediatorPair).CouplingPower(m.Parameter "g_chi"), Is.EqualTo(4.0).Within(1e-12))

[<Test>]
let ``CouplingPower(y_s) of the mixed Majorana model's χ χ → S S is a clear "not known to be a power", not ExpressionTooComplexException`` () =
    // the majorana-bilinear fixture plus the seeds' y_χ χ̄ P_L ν S + h.c. (as MajoranaBilinearTests builds it): ν and χ both
    // exchanged in χ χ → S S; the elasticity in y_s is too large a form for the core (before: ExpressionTooComplexException
    // escaped from CouplingPower, which every C# caller would have reported as a crash)
    let text = File.ReadAllText(ReferenceData.fixturePath "majorana-bilinear.yaml")
    let mixed =
        text.Replace("  y_s:\n", "  y_chi: { role: coupling, unit: \"1\", description: \"χ–S–ν coupling\", range: [0, sqrt(4*pi)], reason: \"perturbativity\" }\n  y_s:\n")
            .Replace("  - term: \"y_s bar(chi) chi S\"", "  - term: \"y_chi bar(chi) P_L nu S + h.c.\"\n  - term: \"y_s bar(chi) chi S\"")
            .Replace("  N:   {", "  nu:  { kind: left-handed-neutrino, display: ν, standard-model: true, description: \"the active neutrino\" }\n  N:   {")
    let m = ModelFile.Parse("mixed.yaml", mixed)
    let p = m.Process ProcessKind.ChiAntichiToMediatorPair
    let e = Assert.Throws<InvalidOperationException>(fun () -> p.CouplingPower(m.Parameter "y_s") |> ignore)
    Assert.That(e.Message.Contains "not known to be a power of y_s" || e.Message.Contains "is not a power of y_s", e.Message)
