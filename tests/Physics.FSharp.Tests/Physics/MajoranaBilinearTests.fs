/// Majorana bilinears (issue 12): a term y bar(chi) Γ chi S of a Majorana χ is L ⊃ ½ y χ̄ Γ χ S, its vertex i y Γ_s
/// (FeynmanRules.majoranaVertex). The algebra is proven in proofs/Proofs/FieldKindProofs.fs (mj.width-pair*,
/// mj.s-channel-*, mj.ss-chi-exchange); these tests check what a model file's user sees: the test fixture
/// tests/Physics.FSharp.Tests/Fixtures/majorana-bilinear.yaml (the seeds' Lagrangian with a Majorana χ plus
/// y_s bar(chi) chi S) derives every process and proves every obligation, and χ̄ γ^μ χ is refused.
module NuDM.Physics.Tests.MajoranaBilinearTests

open System
open System.IO
open NUnit.Framework
open NuDM.Physics

let private root = ReferenceData.repositoryRoot

let private fixturePath () = ReferenceData.fixturePath "majorana-bilinear.yaml"
let private fixture = ReferenceData.fixtureModel "majorana-bilinear.yaml"

[<Test>]
let ``a Majorana χ with y_s bar(chi) chi S derives χ χ → S S and S S → χ χ (none "not derived") and proves every obligation`` () =
    // before: both raised "an exchanged Majorana fermion between external Majorana fermions" and were listed
    // "not derived (absent, not zero)"
    let d = fixture.Force()
    Assert.That(d.NotDerived |> Seq.map (fun n -> n.ToString()), Is.Empty)
    for c in d.Checks do
        Assert.That(c.Status, Is.EqualTo ModelCheckStatus.Proven, sprintf "%s: %s" c.Id c.Detail)
    Assert.That(d.Verified)
    let m = d.Model
    Assert.That(m.Has ProcessKind.ChiAntichiToMediatorPair)
    Assert.That(m.Has ProcessKind.MediatorPairToChiAntichi)
    // no term couples ν: absent, not "not derived"
    Assert.That(m.Has ProcessKind.ChiAntichiToNeutrinoAntineutrino, Is.False)

[<Test>]
let ``χ χ → S S has the t- and u-channel χ-exchange graphs once each (one fermion flow), y_s⁴, the symmetry factor`` () =
    let m = fixture.Force().Model
    let p = m.Process ProcessKind.ChiAntichiToMediatorPair
    let a = p.Amplitude
    let count (what: string) = (a.Length - a.Replace(what, "").Length) / what.Length
    // y_s y_s [v̄(p2) 1 (q̸_t + m_chi) 1] u(p1)/(t − m_chi²) and the u channel: once each (both flows would double them)
    Assert.That(count "(t − m_chi²)", Is.EqualTo 1, a)
    Assert.That(count "(u − m_chi²)", Is.EqualTo 1, a)
    Assert.That(a, Does.Not.Contain "opposite fermion flow", a)
    Assert.That(p.Name, Is.EqualTo "χ χ → S S")
    Assert.That(p.SpinSums, Does.Contain "symmetry factor 1/2")
    Assert.That(p.CouplingPower(m.Parameter "y_s"), Is.EqualTo(4.0).Within(1e-12))

[<Test>]
let ``σv(χ χ → S S) at a point equals the Dirac χ χ̄ → S S of −y χ̄ χ S (the Majorana vertex i y_s, one flow)`` () =
    // the fixture against a Dirac χ with the same term (no ½): the same |M|², the same averaging (1/4 × 1/2)
    let d = fixture.Force().Model
    let text = File.ReadAllText(fixturePath ())
    let dirac = ModelFile.Parse("dirac-bilinear.yaml", text.Replace("kind: majorana", "kind: dirac").Replace("model: majorana-bilinear", "model: dirac-bilinear"))
    let at (m: Model) = m.Point().With(m.Parameter "y_s", 0.4).With(m.Parameter "m_chi", 10.0).With(m.Parameter "m_S", 3.0)
    let sv (m: Model) = m.Annihilation(ProcessKind.ChiAntichiToMediatorPair).CompileSigmaV().At(at m)
    let maj, dir = sv d, sv dirac
    for s in [ 4.0 * (100.0 + 4.0); 4.0 * (100.0 + 25.0); 1000.0 ] do
        Assert.That(maj.Invoke s, Is.GreaterThan 0.0)
        Assert.That(maj.Invoke s, Is.EqualTo(dir.Invoke s).Within(1e-10).Percent)
    // and the p-wave at v → 0: σv ≈ b v², b = 3y⁴/(128π m²) √(1 − r)(1 − 8r/9 + 2r²/9)/(1 − r/2)⁴ (proof mj.ss-chi-exchange)
    let y, mx, ms = 0.4, 10.0, 3.0
    let r = ms * ms / (mx * mx)
    let b = 3.0 * y ** 4.0 / (128.0 * Math.PI * mx * mx) * sqrt (1.0 - r) * (1.0 - 8.0 * r / 9.0 + 2.0 * r * r / 9.0) / (1.0 - r / 2.0) ** 4.0
    let p = 1e-3 * mx
    let v = 2.0 * p / mx
    Assert.That(maj.Invoke(4.0 * (mx * mx + p * p)), Is.EqualTo(b * v * v).Within(1e-3).Percent)

[<Test>]
let ``the bilinear with the seeds' y_χ χ̄ P_L ν S + h.c.: ν and χ both exchanged in χ χ → S S, every process derived, no obligation failed`` () =
    // several masses exchanged in one channel of an annihilation (before: "two different masses exchanged in one
    // channel of an annihilation", not derived)
    let text = File.ReadAllText(fixturePath ())
    let mixed =
        text.Replace("  y_s:\n", "  y_chi: { role: coupling, unit: \"1\", description: \"χ–S–ν coupling\", range: [0, sqrt(4*pi)], reason: \"perturbativity\" }\n  y_s:\n")
            .Replace("  - term: \"y_s bar(chi) chi S\"", "  - term: \"y_chi bar(chi) P_L nu S + h.c.\"\n  - term: \"y_s bar(chi) chi S\"")
            .Replace("  N:   {", "  nu:  { kind: left-handed-neutrino, display: ν, standard-model: true, description: \"the active neutrino\" }\n  N:   {")
    let dir = Path.Combine(Path.GetTempPath(), "nudm-mj2-" + Guid.NewGuid().ToString("N"))
    Directory.CreateDirectory dir |> ignore
    try
        let path = Path.Combine(dir, "mixed.yaml")
        File.WriteAllText(path, mixed)
        let d = ModelFile.Load(path, null, "test")
        Assert.That(d.NotDerived |> Seq.map (fun n -> n.ToString()), Is.Empty)
        // every obligation proven: |M|² ≥ 0 of χ χ → S S and S S → χ χ (degree 4 in c², before: UNDECIDED) as a quadratic
        // form in (y_s², y_χ²) with a positive semidefinite Gram matrix (GramPositivityTests)
        for c in d.Checks do
            Assert.That(c.Status, Is.EqualTo ModelCheckStatus.Proven, sprintf "%s: %s" c.Id c.Detail)
        let p = d.Model.Process ProcessKind.ChiAntichiToMediatorPair
        let a = p.Amplitude
        let count (what: string) = (a.Length - a.Replace(what, "").Length) / what.Length
        Assert.That(count "(t − m_chi²)" + count "(u − m_chi²)", Is.EqualTo 2, a)
        Assert.That(count "(t − m_nu²)" + count "(u − m_nu²)", Is.EqualTo 4, a)
        // at y_s = 0 the χ graphs drop out: the shipped majorana.yaml's σv; at y_χ = 0 the ν graphs: the fixture's
        let shipped = ModelFile.Load(Path.Combine(root.Force(), "models", "majorana.yaml"), null, "test").Model
        let point (m: Model) (ys: float) (yc: float) =
            let pt = m.Point().With(m.Parameter "m_chi", 10.0).With(m.Parameter "m_S", 3.0)
            let pt = match m.TryParameter "y_s" with | true, q -> pt.With(q, ys) | _ -> pt
            match m.TryParameter "y_chi" with | true, q -> pt.With(q, yc) | _ -> pt
        let sv (m: Model) ys yc = m.Annihilation(ProcessKind.ChiAntichiToMediatorPair).CompileSigmaV().At(point m ys yc)
        let s = 4.0 * (100.0 + 9.0)
        Assert.That((sv d.Model 0.0 0.3).Invoke s, Is.EqualTo((sv shipped 0.0 0.3).Invoke s).Within(1e-9).Percent)
        Assert.That((sv d.Model 0.4 0.0).Invoke s, Is.EqualTo((sv (fixture.Force().Model) 0.4 0.0).Invoke s).Within(1e-9).Percent)
        // both: interference (neither sum of the two alone)
        let both, alone = (sv d.Model 0.4 0.3).Invoke s, (sv d.Model 0.0 0.3).Invoke s + (sv d.Model 0.4 0.0).Invoke s
        Assert.That(abs (both - alone), Is.GreaterThan(1e-6 * alone))
    finally
        Directory.Delete(dir, true)

[<Test>]
let ``bar(chi) gamma^mu chi of a Majorana χ vanishes identically: refused at its line, gamma^mu gamma5 loads`` () =
    let text = File.ReadAllText(fixturePath ())
    let withVector =
        text.Replace("  S:   { kind: real-scalar", "  V:   { kind: vector, display: V, mass: m_S, description: \"a vector\" }\n  S:   { kind: real-scalar")
            .Replace("\"y_s bar(chi) chi S\"", "\"y_s bar(chi) gamma^mu chi V_mu\"")
    let e =
        try
            ModelFile.Parse("vector-bilinear.yaml", withVector) |> ignore
            failwith "the model was accepted"
        with :? DataFileException as e -> e
    Assert.That(e.Reason, Does.Contain("vanishes").And.Contain("= 0 for the Majorana fermion chi"))
    let lines = withVector.Split('\n')
    let line = (lines |> Array.findIndex (fun l -> l.StartsWith "  - term:" && l.Contains "gamma^mu chi V_mu")) + 1
    Assert.That(e.Line, Is.EqualTo line)
    // the axial current of a Majorana fermion is allowed
    ModelFile.Parse("axial-bilinear.yaml", withVector.Replace("gamma^mu chi V_mu", "gamma^mu gamma5 chi V_mu")) |> ignore
