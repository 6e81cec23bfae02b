module NuDM.Physics.Tests.ModelTests

open System
open NUnit.Framework
open NuDM.Symbolic
open NuDM.Physics

let private seed = SeedModel.Model

/// NUnit's equality for an expected collection (element by element).
let private eq (expected: obj) = Is.EqualTo expected

/// A copy of the seed model with other vertices (and optionally other fields and parameters).
let private withVertices (name: string) (fields: Field seq) (parameters: ModelParameter seq) (vertices: Vertex seq) =
    Model(name, "test", "test", fields, parameters, vertices, seed.Roles, seed.EffectiveCoupling)

[<Test>]
let ``the seed model lists its fields, parameters and vertices with kinds, units and mass dimensions`` () =
    Assert.That(seed.Fields |> Seq.map (fun f -> f.Name, f.Kind), eq [ "chi", FieldKind.DiracFermion; "S", FieldKind.RealScalar; "nu", FieldKind.LeftHandedNeutrino; "N", FieldKind.DiracFermion ])
    Assert.That(seed.Field("chi").Spin, Is.EqualTo Spin.Half)
    Assert.That(seed.Field("S").Spin, Is.EqualTo Spin.Zero)
    Assert.That(seed.Field("nu").IsMassless)
    Assert.That(seed.Parameters |> Seq.map (fun p -> p.Symbol, p.Unit, p.MassDimension), eq [ "m_chi", "MeV", 1; "m_S", "MeV", 1; "M", "MeV", 1; "y_chi", "1", 0; "y_N", "1", 0; "ybar", "1", 0 ])
    Assert.That(seed.Couplings |> Seq.map (fun p -> p.Symbol), eq [ "y_chi"; "y_N" ])
    Assert.That(SeedModel.ChiCoupling.Maximum, Is.EqualTo(sqrt (4.0 * Math.PI)))
    Assert.That(List.ofSeq SeedModel.ChiCoupling.Aliases, eq [ "y_X" ])
    Assert.That(seed.Vertices |> Seq.map (fun v -> v.Term), eq [ "y_chi chi-bar P_L nu S + h.c."; "y_N N-bar N S" ])

[<Test>]
let ``seed 000's notation is the same model with its symbols renamed`` () =
    let m0 = SeedModel.InSeed000Notation
    Assert.That(m0.Parameters |> Seq.map (fun p -> p.Symbol), eq [ "m_X"; "m_phi"; "m_N"; "y_X"; "y_N"; "ybar" ])
    Assert.That(m0.ConversionAtRest().SigmaVParameters |> Seq.map (fun p -> p.Symbol), eq [ "m_N"; "m_X"; "m_phi"; "y_X"; "y_N" ])
    Assert.That(m0.MediatorDecay().Width.ParameterNames, eq [| "m_X"; "m_phi"; "y_X" |])
    let w = seed.MediatorDecay().Width
    Assert.That(m0.MediatorDecay().Width.Evaluate(3.0, 10.0, 1e-3), Is.EqualTo(w.Evaluate(3.0, 10.0, 1e-3)))

[<Test>]
let ``an absent process is refused with a typed exception; asking for the wrong category names it`` () =
    let mutable p = Unchecked.defaultof<Process>
    Assert.That(seed.TryProcess(ProcessKind.NeutrinoNucleusToNeutrinoNucleus, &p), Is.False)
    let e = Assert.Throws<ProcessNotInModelException>(fun () -> seed.NucleusScattering ProcessKind.NeutrinoNucleusToNeutrinoNucleus |> ignore)
    Assert.That(e.Message, Does.StartWith "ν N → ν N is not in model 'scalar-seed'")
    let wrong = Assert.Throws<ArgumentOutOfRangeException>(fun () -> seed.NucleusScattering ProcessKind.ChiAntichiToNeutrinoAntineutrino |> ignore)
    Assert.That(wrong.Message, Does.Contain "χ χ̄ → ν ν̄ is a Annihilation process, not NucleusScattering")

[<Test>]
let ``a vertex naming a field the model lacks, a coupling that is not a parameter or a role on the wrong field is refused`` () =
    let fields, parameters = seed.Fields, seed.Parameters
    let bad = Vertex(SeedModel.ChiCoupling, "chi", DiracStructure.LeftScalar, "nu_x", "S", true, "")
    let e = Assert.Throws<ArgumentException>(fun () -> withVertices "bad" fields parameters [ bad ] |> ignore)
    Assert.That(e.Message, Does.Contain "model 'bad': vertex y_chi chi-bar P_L nu_x S + h.c.: no field named nu_x")
    let stray = ModelParameter("g", "1", 0, "a coupling the model does not list", ParameterRole.Coupling)
    let e2 = Assert.Throws<ArgumentException>(fun () -> withVertices "bad" fields parameters [ Vertex(stray, "chi", DiracStructure.Scalar, "chi", "S", false, "") ] |> ignore)
    Assert.That(e2.Message, Does.Contain "its coupling g is not among the model's parameters")
    let e3 =
        Assert.Throws<ArgumentException>(fun () ->
            Model("bad", "", "", fields, parameters, seed.Vertices, { seed.Roles with Mediator = "chi" }, null) |> ignore)
    Assert.That(e3.Message, Does.Contain "the mediator role names chi, a DiracFermion")

[<Test>]
let ``a γ^μ vertex on a scalar boson is refused: its index has nothing to contract with`` () =
    let v = Vertex(SeedModel.NucleusCoupling, "N", DiracStructure.Vector, "N", "S", false, "")
    let m = withVertices "vector-nucleus" seed.Fields seed.Parameters [ seed.Vertices.[0]; v ]
    let e = Assert.Throws<NotSupportedException>(fun () -> m.Process ProcessKind.NeutrinoNucleusToChiNucleus |> ignore)
    Assert.That(e.Message, Does.Contain("γ^μ structure needs a vector boson").And.Contain("S is a scalar"))
    // processes without that vertex are unaffected
    Assert.That(m.Has ProcessKind.ChiAntichiToNeutrinoAntineutrino)

[<Test>]
let ``neutrino flavours with the same couplings share one process; flavour-dependent couplings must be asked per flavour`` () =
    let nuE = Field("nu_e", "ν_e", FieldKind.LeftHandedNeutrino, null, "", true, Seq.empty)
    let nuMu = Field("nu_mu", "ν_μ", FieldKind.LeftHandedNeutrino, null, "", true, Seq.empty)
    let fields = [ seed.Field "chi"; seed.Field "S"; nuE; nuMu; seed.Field "N" ]
    let vx (nu: string) (g: ModelParameter) = Vertex(g, "chi", DiracStructure.LeftScalar, nu, "S", true, "")
    let universal = withVertices "two-flavours" fields seed.Parameters [ vx "nu_e" SeedModel.ChiCoupling; vx "nu_mu" SeedModel.ChiCoupling; seed.Vertices.[1] ]
    let p = universal.Process ProcessKind.NeutrinoNucleusToChiNucleus
    Assert.That(List.ofSeq p.Neutrinos, eq [ "nu_e"; "nu_mu" ])
    Assert.That(p.SquaredAmplitude.Expression, Is.EqualTo(seed.Process(ProcessKind.NeutrinoNucleusToChiNucleus).SquaredAmplitude.Expression))
    let g2 = ModelParameter("y_mu", "1", 0, "a second coupling", ParameterRole.Coupling)
    let dependent = withVertices "flavour-dependent" fields (Seq.append seed.Parameters [ g2 ]) [ vx "nu_e" SeedModel.ChiCoupling; vx "nu_mu" g2; seed.Vertices.[1] ]
    let e = Assert.Throws<InvalidOperationException>(fun () -> dependent.Process ProcessKind.NeutrinoNucleusToChiNucleus |> ignore)
    Assert.That(e.Message, Does.Contain "differs between neutrino flavours")
    let mutable q = Unchecked.defaultof<Process>
    Assert.That(dependent.TryProcess(ProcessKind.NeutrinoNucleusToChiNucleus, "nu_mu", &q))
    Assert.That(q.ModelParameters |> Seq.map (fun p -> p.Symbol), Does.Contain "y_mu")

[<Test>]
let ``a parameter point refuses values outside the range and names what is missing`` () =
    let e = Assert.Throws<ArgumentOutOfRangeException>(fun () -> seed.Point().With(SeedModel.ChiMass, -1.0) |> ignore)
    Assert.That(e.ParamName, Is.EqualTo "m_chi")
    Assert.That(e.Message, Does.Contain "m_chi = -1 MeV is outside its allowed range [0, ∞]")
    let nan = Assert.Throws<ArgumentOutOfRangeException>(fun () -> seed.Point().With(SeedModel.ChiCoupling, nan) |> ignore)
    Assert.That(nan.ParamName, Is.EqualTo "y_chi")
    let proc = seed.NucleusScattering ProcessKind.NeutrinoNucleusToChiNucleus
    let missing = Assert.Throws<MissingParameterException>(fun () -> proc.CompileDifferentialCrossSection().At(seed.Point().With(SeedModel.ChiMass, 1.0), FormFactorModel.Unity) |> ignore)
    Assert.That(missing.Message, Does.StartWith("the parameter point has no value for m_S (").And.Contain(", ybar ("))
    Assert.That((missing.Parameters |> Seq.map (fun p -> p.Symbol) |> List.ofSeq) = [ "m_S"; "ybar" ])

[<Test>]
let ``the typed σv, width and χν accessors give the numbers of the earlier entry points bit for bit`` () =
    let rng = Random(5)
    for kind, legacy in
        [ ProcessKind.ChiAntichiToNeutrinoAntineutrino, Amplitudes.chiChiToNuNu
          ProcessKind.ChiAntichiToMediatorPair, Amplitudes.chiChiToSS
          ProcessKind.MediatorPairToNeutrinoAntineutrino, Amplitudes.sSToNuNu
          ProcessKind.MediatorPairToChiAntichi, Amplitudes.sSToChiChi ] do
        let typed = (seed.Annihilation kind).CompileSigmaV()
        let earlier = Amplitudes.sigmaVFunction legacy.Value
        for _ in 1 .. 50 do
            let mchi, ms, y = 1.0 + 10.0 * rng.NextDouble(), 1.0 + 50.0 * rng.NextDouble(), 1e-3 * (1.0 + rng.NextDouble())
            let s = 4.0 * (max mchi ms) ** 2.0 * (1.0 + 3.0 * rng.NextDouble())
            Assert.That(typed.At(SeedModel.CosmologyPoint(mchi, ms, y)).Invoke s, Is.EqualTo(earlier.Invoke(s, mchi, ms, y)), sprintf "%O at s = %g" kind s)
    let width = Amplitudes.sWidthFormula().Compile3()
    let decay = seed.MediatorDecay()
    Assert.That(decay.WidthAt(SeedModel.CosmologyPoint(3.0, 10.0, 1e-3)), Is.EqualTo(width.Invoke(10.0, 3.0, 1e-3)))
    let nu, _ = Amplitudes.chiNuScattering.Value
    let earlierNu = Compile.compile5 "s" "t" "m_chi" "m_S" "y_chi" nu.Value
    let typedNu = (seed.ElasticScattering ProcessKind.ChiNeutrinoToChiNeutrino).SquaredAmplitudeAt(SeedModel.CosmologyPoint(1.0, 3.0, 0.1))
    Assert.That(typedNu.Invoke(1.5, -0.2), Is.EqualTo(earlierNu.Invoke(1.5, -0.2, 1.0, 3.0, 0.1)))

[<Test>]
let ``the low-velocity expansion of a process is a formula in its model parameters`` () =
    let lv = (seed.Annihilation ProcessKind.ChiAntichiToNeutrinoAntineutrino).LowVelocityExpansion()
    Assert.That(lv.SWave.ParameterNames, eq [| "m_chi"; "m_S"; "y_chi" |])
    Assert.That(lv.SWave.Unit, Is.EqualTo "MeV^-2")
    // y⁴ m²/(32π (m² + m_S²)²)
    Assert.That(lv.SWave.Evaluate(3.0, 10.0, 1e-3), Is.EqualTo(1e-12 * 9.0 / (32.0 * Math.PI * 109.0 ** 2.0)).Within(1e-12).Percent)

[<Test>]
let ``the s-channel poles of χ ν̄ → χ ν̄ are s = m_S², and χ ν → χ ν (u-channel S) has none`` () =
    let nubar = seed.ElasticScattering ProcessKind.ChiAntineutrinoToChiAntineutrino
    Assert.That(nubar.SChannelPoles.Count, Is.EqualTo 1)
    let pole = nubar.SChannelPoles.[0]
    Assert.That(pole.Unit, Is.EqualTo "MeV^2")
    Assert.That(Normal.simplify (pole.Expression - Symbol "m_S" ** 2), Is.EqualTo Ops.zero, pole.Infix)
    let at = nubar.SChannelPolesAt(SeedModel.CosmologyPoint(3.0, 10.0, 0.1))
    Assert.That(at.Count, Is.EqualTo 1)
    Assert.That(at.[0], Is.EqualTo(100.0).Within(1e-12).Percent, "s = m_S² at m_S = 10 MeV")
    Assert.That((seed.ElasticScattering ProcessKind.ChiNeutrinoToChiNeutrino).SChannelPoles, Is.Empty)

[<Test>]
let ``Formula.Bind fixes parameters at numbers and keeps the others in order: the bound formula equals the full one at every point`` () =
    // |M|² of the seeds' χ ν → χ ν above threshold: (w, t, m_chi, m_S, y_chi); m_S and y_chi bound
    let f = SeedModel.Model.ElasticScattering(ProcessKind.ChiNeutrinoToChiNeutrino).SquaredAmplitudeAboveThreshold "m_chi"
    Assert.That(List.ofArray f.ParameterNames = [ "w"; "t"; "m_chi"; "m_S"; "y_chi" ], String.Join(", ", f.ParameterNames))
    let values = Collections.Generic.Dictionary<string, float>(dict [ "m_S", 30.0; "y_chi", 0.3; "not_a_parameter", 7.0 ])
    let bound = f.Bind values
    Assert.That(List.ofArray bound.ParameterNames = [ "w"; "t"; "m_chi" ], String.Join(", ", bound.ParameterNames))
    for w, t, m in [ 1.0, -0.5, 10.0; 250.0, -3.0, 10.0; 0.01, -1e-4, 1.0 ] do
        Assert.That(bound.Evaluate(w, t, m), Is.EqualTo(f.Evaluate(w, t, m, 30.0, 0.3)).Within(1e-12).Percent)
    // nothing to bind: the same formula
    Assert.That(obj.ReferenceEquals(f.Bind(Collections.Generic.Dictionary<string, float>()), f))
