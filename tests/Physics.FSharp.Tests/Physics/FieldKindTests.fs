/// The field kinds beyond a Dirac fermion and a real scalar in the derivation: a complex scalar mediator (φ ≠ φ*).
/// The algebra is proven in proofs/Proofs/FieldKindProofs.fs (cs.*); these tests check what a user of a model file
/// sees: which processes derive, their names and their averaging.
module NuDM.Physics.Tests.FieldKindTests

open System
open System.IO
open NUnit.Framework
open NuDM.Physics

let private shipped name = Path.Combine(ModelFile.ShippedFolder, name)

[<Test>]
let ``a complex scalar mediator derives every process of the seed's model, φ φ* named as a particle and its antiparticle`` () =
    // before: FeynmanRules.checkUsable refused "a ComplexScalar boson" (NotDerived listed every process)
    let d = ModelFile.Load(shipped "complex-scalar.yaml", null, "test")
    Assert.That(d.NotDerived |> Seq.map (fun n -> n.Name), Is.Empty)
    let m = d.Model
    let names =
        [ for k in Enum.GetValues<ProcessKind>() do
              match m.TryProcess k with
              | true, p -> yield k, p.Name
              | _ -> () ]
        |> dict
    Assert.That(names.[ProcessKind.ChiAntichiToMediatorPair], Is.EqualTo "χ χ̄ → φ φ*")
    Assert.That(names.[ProcessKind.MediatorPairToNeutrinoAntineutrino], Is.EqualTo "φ φ* → ν ν̄")
    Assert.That(names.[ProcessKind.MediatorPairToChiAntichi], Is.EqualTo "φ φ* → χ χ̄")
    Assert.That(names.[ProcessKind.MediatorDecay], Is.EqualTo "φ → χ ν̄")
    for k in [ ProcessKind.NeutrinoNucleusToChiNucleus; ProcessKind.AntineutrinoNucleusToAntichiNucleus; ProcessKind.ChiNucleusToNeutrinoNucleus
               ProcessKind.ChiAntichiToNeutrinoAntineutrino; ProcessKind.ChiNeutrinoToChiNeutrino; ProcessKind.ChiAntineutrinoToChiAntineutrino ] do
        Assert.That(names.ContainsKey k, string k)
    Assert.That(m.Has ProcessKind.NeutrinoNucleusToNeutrinoNucleus, Is.False, "φ does not couple ν to ν")
    // φ φ* are not identical: no symmetry factor; the real scalar's S S keeps it
    Assert.That(m.Process(ProcessKind.ChiAntichiToMediatorPair).SpinSums, Does.Not.Contain "symmetry factor")
    Assert.That(ModelFile.Seed.Model.Process(ProcessKind.ChiAntichiToMediatorPair).SpinSums, Does.Contain "symmetry factor 1/2")

[<Test>]
let ``χ χ̄ → φ φ* has the t channel alone: its amplitude names one diagram, the real scalar's two`` () =
    let complex = ModelFile.Load(shipped "complex-scalar.yaml", null, "test").Model
    let a = complex.Process(ProcessKind.ChiAntichiToMediatorPair).Amplitude
    Assert.That(a, Does.Contain "(t − m_nu²)")
    Assert.That(a, Does.Not.Contain "(u − m_nu²)")
    let real = ModelFile.Seed.Model.Process(ProcessKind.ChiAntichiToMediatorPair).Amplitude
    Assert.That(real, Does.Contain "(t − m_nu²)")
    Assert.That(real, Does.Contain "(u − m_nu²)")

[<Test>]
let ``the complex scalar's width at a point is half the seed's real scalar width: Γ(φ → χ ν̄) = y²(m_φ² − m_χ²)²/(16π m_φ³)`` () =
    let complex = ModelFile.Load(shipped "complex-scalar.yaml", null, "test").Model
    let seed = ModelFile.Seed.Model
    let y, mChi, mPhi = 0.3, 10.0, 30.0
    let at (m: Model) (ms: string) = m.Point().With(m.Parameter "y_chi", y).With(m.Parameter "m_chi", mChi).With(m.Parameter ms, mPhi)
    let wc = complex.MediatorDecay().WidthAt(at complex "m_phi")
    let ws = seed.MediatorDecay().WidthAt(at seed "m_S")
    let closed = y * y * (mPhi * mPhi - mChi * mChi) ** 2.0 / (16.0 * Math.PI * mPhi ** 3.0)
    Assert.That(wc, Is.EqualTo(closed).Within(1e-12).Percent)
    Assert.That(ws, Is.EqualTo(2.0 * closed).Within(1e-12).Percent)

/// χ, ν with a vector V on χ̄ γ^μ χ and ν̄ γ^μ P_L ν (t channel of χ ν → χ ν) and a scalar S on χ̄ P_L ν + h.c. (u
/// channel): the two diagrams pair the four fermions differently.
let private bothPairings () =
    let p4 = sqrt (4.0 * Math.PI)
    let coupling (n: string) = ModelParameter(n, "1", 0, n, ParameterRole.Coupling, -p4, p4, "perturbativity", Seq.empty)
    let mass (n: string) = ModelParameter(n, "MeV", 1, n, ParameterRole.Mass, 0.0, Double.PositiveInfinity, "", Seq.empty)
    let mChi, mV, mS, mN = mass "m_chi", mass "m_V", mass "m_S", mass "M"
    let gChi, gNu, y = coupling "g_chi", coupling "g_nu", coupling "y_chi"
    let chi = Field("chi", "χ", FieldKind.DiracFermion, mChi, "χ", false, Seq.empty)
    let v = Field("V", "V", FieldKind.Vector, mV, "V", false, Seq.empty)
    let sc = Field("S", "S", FieldKind.RealScalar, mS, "S", false, Seq.empty)
    let nu = Field("nu", "ν", FieldKind.LeftHandedNeutrino, null, "ν", true, Seq.empty)
    let n = Field("N", "N", FieldKind.DiracFermion, mN, "N", true, Seq.empty)
    Model("both-pairings", "test", "test", [ chi; v; sc; nu; n ], [ mChi; mV; mS; mN; gChi; gNu; y ],
          [ Vertex(gChi, "chi", DiracStructure.Vector, "chi", "V", false, "g_χ χ̄ γ^μ χ V_μ")
            Vertex(gNu, "nu", DiracStructure.LeftVector, "nu", "V", false, "g_ν ν̄ γ^μ P_L ν V_μ")
            Vertex(y, "chi", DiracStructure.LeftScalar, "nu", "S", true, "y_χ χ̄ P_L ν S + h.c.") ],
          { DarkFermion = "chi"; Mediator = "S"; Nucleus = "N" }, null)

[<Test>]
let ``χ ν → χ ν with diagrams of both pairings of the four fermions derives, with the Fermi sign, and |M|² ≥ 0 over the physical region`` () =
    // before: twoLineDiagrams refused "diagrams of both pairings of the four fermions (their relative Fermi sign)"
    let m = bothPairings ()
    for k in [ ProcessKind.ChiNeutrinoToChiNeutrino; ProcessKind.ChiAntineutrinoToChiAntineutrino ] do
        let p = m.Process k
        Assert.That(p.Amplitude, Does.Contain " − ", "the crossed pairing's diagram carries the relative sign −1")
        let f = p.SquaredAmplitude
        let values = dict [ "m_chi", 10.0; "m_V", 25.0; "m_S", 40.0; "g_chi", 0.7; "g_nu", -0.4; "y_chi", 0.9 ]
        let mc = values.["m_chi"]
        for sv in [ 101.0; 150.0; 400.0; 3000.0 ] do
            let tMin = -((sv - mc * mc) ** 2.0) / sv
            for x in [ 0.0; 0.1; 0.5; 0.9; 1.0 ] do
                let point = dict [ "s", sv; "t", x * tMin ]
                let args = f.ParameterNames |> Array.map (fun n -> match point.TryGetValue n with | true, v -> v | _ -> values.[n])
                let m2 = f.Evaluate args
                Assert.That(Double.IsFinite m2, sprintf "%O at s = %g, t = %g" k sv (x * tMin))
                Assert.That(m2, Is.GreaterThanOrEqualTo(-1e-12 * abs m2 - 1e-300), sprintf "%O at s = %g, t = %g" k sv (x * tMin))

/// The seeds' scalar model with a Majorana χ: y_χ χ̄ P_L ν S + h.c. + y_N N̄ N S.
let private majorana () =
    let p4 = sqrt (4.0 * Math.PI)
    let coupling (n: string) = ModelParameter(n, "1", 0, n, ParameterRole.Coupling, -p4, p4, "perturbativity", Seq.empty)
    let mass (n: string) = ModelParameter(n, "MeV", 1, n, ParameterRole.Mass, 0.0, Double.PositiveInfinity, "", Seq.empty)
    let mChi, mS, mN = mass "m_chi", mass "m_S", mass "M"
    let y, yN = coupling "y_chi", coupling "y_N"
    let chi = Field("chi", "χ", FieldKind.MajoranaFermion, mChi, "χ", false, Seq.empty)
    let sc = Field("S", "S", FieldKind.RealScalar, mS, "S", false, Seq.empty)
    let nu = Field("nu", "ν", FieldKind.LeftHandedNeutrino, null, "ν", true, Seq.empty)
    let n = Field("N", "N", FieldKind.DiracFermion, mN, "N", true, Seq.empty)
    Model("majorana-test", "test", "test", [ chi; sc; nu; n ], [ mChi; mS; mN; y; yN ],
          [ Vertex(y, "chi", DiracStructure.LeftScalar, "nu", "S", true, "y_χ χ̄ P_L ν S + h.c.")
            Vertex(yN, "N", DiracStructure.Scalar, "N", "S", false, "y_N N̄ N S") ],
          { DarkFermion = "chi"; Mediator = "S"; Nucleus = "N" }, null)

[<Test>]
let ``a Majorana χ derives every process of the seed's model, named honestly (χ χ → ν ν̄, ν̄ N → χ N, S S → χ χ, S → χ ν)`` () =
    // before: FeynmanRules.checkUsable refused "Majorana fermion lines (fermion-flow rules)" for every χ process
    let m = majorana ()
    let name k = m.Process(k).Name
    Assert.That(name ProcessKind.ChiAntichiToNeutrinoAntineutrino, Is.EqualTo "χ χ → ν ν̄")
    Assert.That(name ProcessKind.AntineutrinoNucleusToAntichiNucleus, Is.EqualTo "ν̄ N → χ N")
    Assert.That(name ProcessKind.NeutrinoNucleusToChiNucleus, Is.EqualTo "ν N → χ N")
    Assert.That(name ProcessKind.ChiAntichiToMediatorPair, Is.EqualTo "χ χ → S S")
    Assert.That(name ProcessKind.MediatorPairToChiAntichi, Is.EqualTo "S S → χ χ")
    Assert.That(m.MediatorDecay().Channels, Is.EquivalentTo [ "S → χ ν̄"; "S → χ ν" ])
    Assert.That(m.Has ProcessKind.NeutrinoNucleusToNeutrinoNucleus, Is.False)
    for k in [ ProcessKind.ChiNucleusToNeutrinoNucleus; ProcessKind.MediatorPairToNeutrinoAntineutrino; ProcessKind.ChiNeutrinoToChiNeutrino; ProcessKind.ChiAntineutrinoToChiAntineutrino ] do
        Assert.That(m.Has k, string k)
    // t and u channels with the relative Fermi sign; s and u for χ ν → χ ν; four graphs (both flows) for χ χ → S S
    Assert.That(m.Process(ProcessKind.ChiAntichiToNeutrinoAntineutrino).Amplitude, Does.Contain " − ")
    Assert.That(m.Process(ProcessKind.ChiNeutrinoToChiNeutrino).Amplitude, Does.Contain "(s − m_S²)")
    Assert.That(m.Process(ProcessKind.ChiNeutrinoToChiNeutrino).Amplitude, Does.Contain "(u − m_S²)")
    Assert.That(m.Process(ProcessKind.ChiAntichiToMediatorPair).Amplitude, Does.Contain "opposite fermion flow")
    // identical Majorana χ χ in the final state: 1/2; a χ averages over two spin states
    Assert.That(m.Process(ProcessKind.MediatorPairToChiAntichi).SpinSums, Does.Contain "symmetry factor 1/2")
    Assert.That(m.Process(ProcessKind.ChiAntichiToNeutrinoAntineutrino).SpinSums, Does.Contain "(1/4)")
