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
