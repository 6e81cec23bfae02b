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
        Assert.That(r.Status, Is.EqualTo ProofStatus.Proven, r.Detail)
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

[<Test>]
let ``an obligation the core cannot decide is undecided, not proven and not failed`` () =
    let x = NuDM.Symbolic.Symbol "x"
    let sin, cos = NuDM.Symbolic.Ops.sin, NuDM.Symbolic.Ops.cos
    // sin² + cos² = 1 is true, but outside the normal form's rules
    let o =
        { Id = "undecidable"; Title = ""; Equation = ""; Statement = ""; Domain = ""
          Check = fun () -> Prove.equal NuDM.Symbolic.Assumptions.None "sin² + cos²" (sin x * sin x + cos x * cos x) NuDM.Symbolic.Ops.one }
    let r = Obligations.run o
    Assert.That(r.Status, Is.EqualTo ProofStatus.Undecided, r.Detail)
    Assert.That(r.Holds, Is.False)
    Assert.That(r.Detail, Does.Contain "UNDECIDED")
    // one undecided part makes the whole undecided; one failed part makes it failed
    let pass = Outcome.Pass "p"
    let undecided = Outcome.Undecided "u"
    let fail = Outcome.Fail "f"
    Assert.That((Prove.all [ pass; undecided ]).Status, Is.EqualTo ProofStatus.Undecided)
    Assert.That((Prove.all [ pass; undecided; fail ]).Status, Is.EqualTo ProofStatus.Failed)
    Assert.That((Prove.all [ pass; pass ]).Status, Is.EqualTo ProofStatus.Proven)
    // a check that needs a decision the core cannot make (UndecidedException) is undecided, not a crash
    let needs =
        { o with Check = fun () -> raise (NuDM.Symbolic.UndecidedException("cannot decide", { Verdict = NuDM.Symbolic.Verdict.Undecided; Reason = "r" })) }
    let r2 = Obligations.run needs
    Assert.That(r2.Status, Is.EqualTo ProofStatus.Undecided)
    Assert.That(r2.Error, Is.Null)

[<Test>]
let ``a misprint is proven different, and a true identity is not`` () =
    let x = NuDM.Symbolic.Symbol "x"
    let dom = NuDM.Symbolic.Assumptions.AllPositive
    Assert.That((Prove.different dom "x² ≠ x" (x * x) x).Status, Is.EqualTo ProofStatus.Proven)
    Assert.That((Prove.different dom "x + x = 2x" (x + x) (2 * x)).Status, Is.EqualTo ProofStatus.Failed)
