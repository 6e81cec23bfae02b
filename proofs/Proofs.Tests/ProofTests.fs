/// Each proof obligation of NuDM.Proofs.Catalogue is one NUnit test case: a failed (or crashing) proof fails
/// `dotnet test`.
module NuDM.Proofs.Tests.ProofTests

open NUnit.Framework
open NuDM.Proofs

let obligations () =
    Catalogue.All |> Seq.map (fun o -> TestCaseData(o.Id).SetName(sprintf "%s — %s" o.Id o.Equation))

[<TestCaseSource(nameof obligations)>]
let ``proof obligation holds`` (id: string) =
    let o = Catalogue.All |> Seq.find (fun o -> o.Id = id)
    let r = Obligations.run o
    if isNull r.Error then
        Assert.That(r.Holds, r.Detail)
    else
        Assert.Fail(sprintf "%s crashed: %s" id r.Error)
    TestContext.Out.WriteLine(r.Detail)

[<Test>]
let ``obligation identifiers are unique`` () =
    let ids = Catalogue.All |> Seq.map (fun o -> o.Id) |> List.ofSeq
    Assert.That(List.length (List.distinct ids), Is.EqualTo(List.length ids))

[<Test>]
let ``a false claim is not proven`` () =
    // guards the runner itself: the sign of q² flipped must fail, as must a wrong limit
    let E, M, m, T = NuDM.Physics.Kinematics.Enu, NuDM.Physics.Kinematics.M, NuDM.Physics.Kinematics.Mchi, NuDM.Physics.Kinematics.T
    let r = NuDM.Physics.Kinematics.derivation ()
    let dom = NuDM.Physics.Kinematics.Domain
    Assert.That((Prove.equal dom "q²" r.QSquared (2 * M * T)).Holds, Is.False)
    Assert.That((Prove.limit dom "T_max" m NuDM.Symbolic.Ops.zero NuDM.Symbolic.Direction.FromAbove r.TMax (E * E / M)).Holds, Is.False)
    Assert.That((Prove.positive dom "T_min − T_max" (r.TMin - r.TMax)).Holds, Is.False)
    let bad = { Id = "bad"; Title = ""; Equation = ""; Statement = ""; Domain = ""; Check = fun () -> failwith "boom" }
    let res = Obligations.run bad
    Assert.That(res.Holds, Is.False)
    Assert.That(res.Error, Does.Contain "boom")
