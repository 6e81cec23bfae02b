module NuDM.Physics.Tests.ModelLibraryTests

open System
open NUnit.Framework
open NuDM.Symbolic
open NuDM.Symbolic.Notation
open NuDM.Physics

let private kinds = Enum.GetValues(typeof<ProcessKind>) :?> ProcessKind[] |> List.ofArray

/// Present, absent (false) or not implemented (NotSupportedException) for each kind.
let private status (m: Model) (k: ProcessKind) =
    try (if m.Has k then "present" else "absent") with :? NotSupportedException -> "not implemented"

let private expectStatus (m: Model) (present: ProcessKind list) (notImplemented: ProcessKind list) =
    for k in kinds do
        let expected = if List.contains k present then "present" elif List.contains k notImplemented then "not implemented" else "absent"
        Assert.That(status m k, Is.EqualTo expected, sprintf "%s: %O" m.Name k)

[<Test>]
let ``each shipped model has the processes its vertices make, and the others are absent`` () =
    expectStatus ModelLibrary.Vector
        [ ProcessKind.NeutrinoNucleusToChiNucleus; ProcessKind.AntineutrinoNucleusToAntichiNucleus; ProcessKind.ChiNucleusToNeutrinoNucleus
          ProcessKind.ChiAntichiToNeutrinoAntineutrino; ProcessKind.MediatorDecay; ProcessKind.ChiNeutrinoToChiNeutrino; ProcessKind.ChiAntineutrinoToChiAntineutrino
          ProcessKind.ChiAntichiToMediatorPair; ProcessKind.MediatorPairToNeutrinoAntineutrino; ProcessKind.MediatorPairToChiAntichi ]
        []
    expectStatus ModelLibrary.Pseudoscalar
        [ ProcessKind.ChiAntichiToNeutrinoAntineutrino; ProcessKind.ChiAntichiToMediatorPair; ProcessKind.MediatorPairToNeutrinoAntineutrino
          ProcessKind.MediatorPairToChiAntichi; ProcessKind.MediatorDecay; ProcessKind.ChiNeutrinoToChiNeutrino; ProcessKind.ChiAntineutrinoToChiAntineutrino ]
        []
    expectStatus ModelLibrary.LightVector [ ProcessKind.NeutrinoNucleusToNeutrinoNucleus; ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel ] []
    // the seed model is unchanged: ten kinds, no ν N → ν N of either sort
    Assert.That(SeedModel.Model.ProcessKinds.Count, Is.EqualTo 10)
    Assert.That(SeedModel.Model.Has ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel, Is.False)

[<Test>]
let ``a spin-dependent nucleus coupling makes coherent scattering absent, and the message says why`` () =
    let e = Assert.Throws<ProcessNotInModelException>(fun () -> ModelLibrary.Pseudoscalar.NucleusScattering ProcessKind.NeutrinoNucleusToChiNucleus |> ignore)
    Assert.That(e.Message, Does.StartWith("ν N → χ N is not in model 'pseudoscalar'").And.Contain("y_N N-bar iγ5 N phi").And.Contain("spin-dependent"))
    let mutable p = Unchecked.defaultof<Process>
    Assert.That(ModelLibrary.Pseudoscalar.TryProcess(ProcessKind.ChiNucleusToNeutrinoNucleus, &p), Is.False)
    let light = Assert.Throws<ProcessNotInModelException>(fun () -> ModelLibrary.LightVector.Process ProcessKind.ChiAntichiToNeutrinoAntineutrino |> ignore)
    Assert.That(light.Message, Does.Contain "no vertices of the model make it")

[<Test>]
let ``models are found by name; an unknown name lists the shipped ones`` () =
    Assert.That(ModelLibrary.ByName("Light-Vector").Name, Is.EqualTo "light-vector")
    Assert.That(Object.ReferenceEquals(ModelLibrary.ByName "scalar-seed", SeedModel.Model))
    let e = Assert.Throws<ArgumentException>(fun () -> ModelLibrary.ByName "axion" |> ignore)
    Assert.That(e.Message, Does.Contain "scalar-seed, vector, pseudoscalar, light-vector")

let private csi = Nuclear.Target "CsI"
let private cs133 = csi.Nuclei |> Seq.map (fun n -> n.Isotope) |> Seq.find (fun i -> i.Z = 55)

/// SM CEvNS of seed 000 eq. (11) by hand, MeV⁻³ (G_F and sin²θ_W from Constants).
let private smByHand (e: float) (t: float) (iso: Isotope) =
    let qw = float iso.N - (1.0 - 4.0 * Constants.SinSquaredThetaW) * float iso.Z
    Constants.FermiConstant ** 2 / (4.0 * Math.PI) * qw ** 2 * iso.Mass * (1.0 - iso.Mass * t / (2.0 * e ** 2))

[<Test>]
let ``light vector: g → 0 gives today's SM CEvNS times the exact Dirac-nucleus factor K/(1 − MT/(2E²))`` () =
    let p = ModelLibrary.LightVector.NucleusScattering ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel
    let f = p.CompileDifferentialCrossSection()
    Assert.That(f.NeedsProtonNumber)
    let values = f.Parameters |> Seq.map (fun q -> if q.Symbol = "m_V" then 10.0 else 0.0) |> Array.ofSeq
    let sm = Kernel.StandardModelCevns.CrossSection FormFactorModel.Unity
    for e in [ 10.0; 30.0; 50.0 ] do
        for fraction in [ 0.1; 0.5; 0.9 ] do
            let m = cs133.Mass
            let t = fraction * 2.0 * e * e / (m + 2.0 * e)
            let k = 1.0 - t / e - m * t / (2.0 * e * e) + t * t / (2.0 * e * e)
            let derived = f.Invoke(e, m, t, float cs133.A, 1.0, float cs133.Z, values)
            let today = sm.Invoke(t, e, cs133)
            Assert.That(today, Is.EqualTo(smByHand e t cs133).Within(1e-12).Percent)
            Assert.That(derived, Is.EqualTo(today * k / (1.0 - m * t / (2.0 * e * e))).Within(1e-10).Percent, sprintf "E = %g, T = %g" e t)
            // and within the O(T/E) the seed drops, measured against the forward cross section G_F² Q_W² M/(4π)
            let forward = smByHand e 0.0 cs133
            Assert.That(abs (derived - today) / forward, Is.LessThanOrEqualTo(1.01 * t / e))

[<Test>]
let ``light vector: the interference has the stated sign — B − L (g_ν g_q < 0) adds to the SM, g_ν g_q > 0 takes away`` () =
    let f = (ModelLibrary.LightVector.NucleusScattering ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel).CompileDifferentialCrossSection()
    let at (gnu: float) (gq: float) =
        let values = f.Parameters |> Seq.map (fun q -> match q.Symbol with "m_V" -> 20.0 | "g_nu" -> gnu | "g_q" -> gq | s -> failwith s) |> Array.ofSeq
        f.Invoke(30.0, cs133.Mass, 0.01, float cs133.A, 1.0, float cs133.Z, values)
    let sm = at 0.0 0.0
    let g = 1e-5
    Assert.That(at -g (g / 3.0), Is.GreaterThan sm)
    Assert.That(at g (g / 3.0), Is.LessThan sm)
    // Q' = Q_W − (√2/G_F) g_ν 3A g_q/(2MT + m_V²): the closed form at the B − L point
    let m, t, e = cs133.Mass, 0.01, 30.0
    let qw = float cs133.N - (1.0 - 4.0 * Constants.SinSquaredThetaW) * float cs133.Z
    let qPrime = qw - sqrt 2.0 / Constants.FermiConstant * (-g) * 3.0 * float cs133.A * (g / 3.0) / (2.0 * m * t + 400.0)
    let k = 1.0 - t / e - m * t / (2.0 * e * e) + t * t / (2.0 * e * e)
    Assert.That(at -g (g / 3.0), Is.EqualTo(Constants.FermiConstant ** 2 * m / (4.0 * Math.PI) * k * qPrime ** 2).Within(1e-10).Percent)
    // a process that needs Z refuses the call without it
    let e2 = Assert.Throws<InvalidOperationException>(fun () -> f.Invoke(30.0, m, t, float cs133.A, 1.0, [| 20.0; g; g |]) |> ignore)
    Assert.That(e2.Message, Does.Contain "needs the proton number Z")

[<Test>]
let ``the rate engine's delegate of a shipped model reads Z and the form factor from the nucleus`` () =
    let p = ModelLibrary.LightVector.NucleusScattering ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel
    let f = p.CompileDifferentialCrossSection()
    let point = f.Parameters |> Seq.fold (fun (pt: ParameterPoint) q -> pt.With(q, (match q.Symbol with "m_V" -> 20.0 | _ -> 1e-6))) ParameterPoint.Empty
    let d = f.At(point, FormFactorModel.Helm)
    let values = point.ValuesOf f.Parameters
    let ff = FormFactors.EvaluateOfRecoil(FormFactorModel.Helm, 0.01, cs133.Mass, float cs133.A)
    Assert.That(d.Invoke(0.01, 30.0, cs133), Is.EqualTo(f.Invoke(30.0, cs133.Mass, 0.01, float cs133.A, ff * ff, float cs133.Z, values)))
    // the elastic kinematics: T_min = 0, T_max = 2E²/(M + 2E)
    let limits = p.Kinematics.At point
    Assert.That(limits.MaximumRecoil.Invoke(30.0, cs133), Is.EqualTo(2.0 * 900.0 / (cs133.Mass + 60.0)).Within(1e-12).Percent)

[<Test>]
let ``vector model: dσ/dT of ν N → χ N is in the effective quark coupling, Q_V = 3A g_q, and coupling ranges are enforced`` () =
    let p = ModelLibrary.Vector.NucleusScattering ProcessKind.NeutrinoNucleusToChiNucleus
    Assert.That(p.CrossSectionParameters |> Seq.map (fun q -> q.Symbol) |> List.ofSeq, Is.EqualTo(box [ "m_chi"; "m_V"; "g_chi"; "g_q" ]))
    let e = Assert.Throws<ArgumentOutOfRangeException>(fun () -> ParameterPoint.Empty.With(ModelLibrary.Vector.Parameter "g_chi", 5.0) |> ignore)
    Assert.That(e.Message, Does.Contain "perturbativity")
    // |M|² in g_N = 3A g_q: 9A² g_q² g_χ² …
    let dsdt = p.DifferentialCrossSection.Expression
    let m2 = p.SquaredAmplitude.Expression
    let viaGN = Structure.substitute (Symbol "g_N") (3 * Symbol "A" * Symbol "g_q") m2 / (32 * pi * Symbol "M" * Symbol "E_nu" ** 2) * Symbol "F2"
    let d = Normal.equivalentWith (Assumptions.Positive [ "E_nu"; "M"; "T"; "m_chi"; "m_V"; "A"; "F2" ]) dsdt viaGN
    Assert.That(d.Verdict, Is.EqualTo Verdict.Proven)

/// |M|² of the vector model's processes with external V at a CM point (s, c = cos θ), g_χ = 1.
let private vectorM2 (k: ProcessKind) (sv: float) (c: float) (mChi: float) (mV: float) =
    let e = (ModelLibrary.Vector.Process k).SquaredAmplitude.Expression
    Evaluate.evaluateAt [ "s"; "c"; "m_chi"; "m_V"; "g_chi" ] [| sv; c; mChi; mV; 1.0 |] e

[<Test>]
let ``external massive vectors: χ χ̄ → V V, V V → ν ν̄ and V V → χ χ̄ are derived with the Proca polarisation sum, positive, and crossing-symmetric`` () =
    let rng = Random 7
    for _ in 1 .. 40 do
        let mChi, mV = 0.5 + 10.0 * rng.NextDouble(), 0.5 + 10.0 * rng.NextDouble()
        let sv = 4.0 * (max mChi mV) ** 2.0 * (1.0 + 20.0 * rng.NextDouble())
        let c = 2.0 * rng.NextDouble() - 1.0
        let a = vectorM2 ProcessKind.ChiAntichiToMediatorPair sv c mChi mV
        let b = vectorM2 ProcessKind.MediatorPairToNeutrinoAntineutrino sv c mChi mV
        let vc = vectorM2 ProcessKind.MediatorPairToChiAntichi sv c mChi mV
        Assert.That(a, Is.GreaterThan 0.0)
        Assert.That(b, Is.GreaterThan 0.0)
        // the same Σ|M|²: averaged 1/4 · 1/2 (identical V V) against 1/9 (three polarisations each)
        Assert.That(8.0 * a, Is.EqualTo(9.0 * vc).Within(1e-9).Percent)
    // the longitudinal polarisations: χ̄ γ^μ P_L ν is not conserved for m_χ > 0, so |M|²(χχ̄ → VV) grows ∝ s;
    // at m_χ → 0 it is conserved and |M|² stays bounded (the k_μk_ν/m_V² parts cancel)
    let grow (mChi: float) = vectorM2 ProcessKind.ChiAntichiToMediatorPair 1e6 0.3 mChi 3.0 / vectorM2 ProcessKind.ChiAntichiToMediatorPair 1e4 0.3 mChi 3.0
    Assert.That(grow 2.0, Is.EqualTo(100.0).Within(2).Percent)
    Assert.That(grow 1e-4, Is.EqualTo(1.0).Within(1).Percent)
    // V V → ν ν̄ at m_χ = 0 and m_V ≪ √s: crossed e⁺e⁻ → γγ of one chirality (Peskin & Schroeder sec. 5.5), 8(1 + c²)/(9(1 − c²))
    for c in [ -0.8; 0.0; 0.5 ] do
        Assert.That(vectorM2 ProcessKind.MediatorPairToNeutrinoAntineutrino 100.0 c 0.0 1e-2, Is.EqualTo(8.0 * (1.0 + c * c) / (9.0 * (1.0 - c * c))).Within(0.01).Percent)
    let p = ModelLibrary.Vector.Process ProcessKind.ChiAntichiToMediatorPair
    Assert.That(p.Name, Is.EqualTo "χ χ̄ → V V")
    Assert.That(p.SpinSums, Does.Contain "polarisations summed with Σ ε_μ ε*_ν = −g_μν + k_μk_ν/m²")
    // σv: zero below the V V threshold, positive above
    let sv = (ModelLibrary.Vector.Annihilation ProcessKind.ChiAntichiToMediatorPair).CompileSigmaV()
    let values = sv.Parameters |> Seq.map (fun q -> match q.Symbol with | "m_chi" -> 5.0 | "m_V" -> 3.0 | _ -> 0.1) |> Array.ofSeq
    Assert.That(sv.Invoke(4.0 * 3.0 ** 2.0 * 0.9, values), Is.EqualTo 0.0)
    Assert.That(sv.Invoke(4.0 * 5.0 ** 2.0 * 1.1, values), Is.GreaterThan 0.0)
