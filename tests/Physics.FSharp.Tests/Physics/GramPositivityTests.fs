/// |M|² ≥ 0 with interfering graphs of different couplings (issue 12): the test fixture
/// tests/Physics.FSharp.Tests/Fixtures/scalar-zprime.yaml (the seeds' scalar model plus a Z' portal) has χ χ̄ → ν ν̄
/// through the t-channel S (y_χ²) and the s-channel Z' with its Breit–Wigner width (g_χ g_ν), and χ ν → χ ν, χ ν̄ → χ ν̄
/// through S and the t-channel Z'. |M|² = Σ_ij x_i x_j G_ij in x = (y_χ², g_χ g_ν) with an interference entry G₁₂ of no
/// sign: of degree 4 in cos θ, beyond the bound in c, and not decided by the factor-sign test (before: three obligations
/// UNDECIDED). ModelObligations.gramNonNegative proves the Gram matrix positive semidefinite on the region (principal
/// minors ≥ 0), which is Cauchy–Schwarz for the spin sum; a form that is not semidefinite (the interference tripled) is
/// never proven.
module NuDM.Physics.Tests.GramPositivityTests

open NUnit.Framework
open NuDM.Symbolic
open NuDM.Physics
open NuDM.Symbolic.Notation

let private fixture = ReferenceData.fixtureModel "scalar-zprime.yaml"

let private q (n: int) (d: int) = Number(Q.OfInt n / Q.OfInt d)

/// The exact value of e at a point (a number, else the test fails).
let private valueAt (point: (string * Expr) list) (e: Expr) : Q =
    match Normal.simplify (Structure.substituteMany [ for n, v in point -> Symbol n, v ] e) with
    | Number v -> v
    | other -> failwithf "not a number: %s" (Infix.format other)

/// |M|² with its interference part (the terms in g_χ g_ν y_χ²: |M|² less its values at g_χ = 0 and at y_χ = 0) times k.
let private interferenceTimes (k: int) (m2: Expr) =
    let at (n: string) = Structure.substitute (Symbol n) Ops.zero m2
    let alone = at "g_chi" + at "y_chi"
    alone + k * (m2 - alone)

let private kinds =
    [ ProcessKind.ChiAntichiToNeutrinoAntineutrino; ProcessKind.ChiNeutrinoToChiNeutrino; ProcessKind.ChiAntineutrinoToChiAntineutrino ]

/// A physical point of each process, exact: χ χ̄ → ν ν̄ in the CM frame at s = 16, m_χ² = 3 (|p| = 1, √(s − 4m_χ²) = 2),
/// Γ_Z' = 1/10; χ ν → χ ν and χ ν̄ → χ ν̄ at m_χ = 1, s = 4 (t from −(s − m²)²/s = −9/4 to 0).
let private physicalPoint (kind: ProcessKind) (c: Expr) =
    let masses = [ "m_S", q 1 1; "m_Zp", q 3 1; "y_chi", q 1 1; "g_nu", q 1 1 ]
    if kind = ProcessKind.ChiAntichiToNeutrinoAntineutrino then
        masses @ [ "s", q 16 1; "m_chi", sqrt (q 3 1); "Gamma_Zp", q 1 10; "c", c ]
    else masses @ [ "s", q 4 1; "m_chi", q 1 1; "t", -(q 9 8) * (1 - c) ]

[<Test>]
let ``the seeds' scalar model plus a Z' portal: every obligation proven, |M|² ≥ 0 of the interfering processes through the Gram matrix`` () =
    let d = fixture.Force()
    for c in d.Checks do
        Assert.That(c.Status, Is.EqualTo ModelCheckStatus.Proven, sprintf "%s: %s" c.Id c.Detail)
    for kind in kinds do
        let p = d.Model.Process kind
        let c = d.Checks |> Seq.find (fun c -> c.Id.StartsWith "scalar-zprime.positive." && c.Title.StartsWith(p.Name + ":"))
        // the Gram pass runs only where the bounds on |M|² as a whole left it undecided
        Assert.That(c.Detail, Does.Contain("Gram matrix").And.Contain("y_chi^2, g_chi*g_nu"), c.Detail)
        // both graph classes and their interference are in |M|²
        let m2 = p.SquaredAmplitude.Expression
        let interference = Algebraic.expand (m2 - interferenceTimes 0 m2)
        Assert.That(interference, Is.Not.EqualTo Ops.zero)

[<Test>]
let ``interference tripled: not proven (the form is indefinite at physical points); interference's sign flipped: proven, as |M|² ≥ 0 cannot see it`` () =
    let d = fixture.Force()
    for kind in kinds do
        let p = d.Model.Process kind
        let m2 = p.SquaredAmplitude.Expression
        let check (e: Expr) = ModelObligations.squaredAmplitudeNonNegative d.Model p e
        let wrong = interferenceTimes 3 m2
        // indefinite: at a physical point the tripled form is negative for some real g_χ (x₂ = g_χ g_ν of either sign),
        // while the derived one is ≥ 0 there for every g_χ
        let values (e: Expr) =
            [ for c in [ q -9 10; q 0 1; q 9 10 ] do
                  for g in [ -4; -2; -1; -1; 0; 1; 2; 4 ] do
                      yield valueAt (("g_chi", q g 2) :: physicalPoint kind c) e ]
        Assert.That(values m2 |> List.forall (fun v -> v.Sign >= 0), "the derived |M|² is ≥ 0 at the points")
        Assert.That(values wrong |> List.exists (fun v -> v.Sign < 0), "the tripled interference makes the form indefinite")
        let st, why = check wrong
        Assert.That(st, Is.Not.EqualTo ModelCheckStatus.Proven, why)
        // (x₁, −x₂): the same Gram matrix with G₁₂ → −G₁₂, semidefinite too — the interference's sign is checked by the
        // proofs of the amplitudes (sch.s-t-interference), not by positivity
        let flipped = interferenceTimes -1 m2
        let st', why' = check flipped
        Assert.That(st', Is.EqualTo ModelCheckStatus.Proven, why')

[<Test>]
let ``the seeds' scalar model plus a vector with the same legs: ν N → χ N and ν̄ N → χ̄ N ≥ 0 through the Gram matrix in (ȳ², g_χ g_N)`` () =
    // S and V exchanged in the t-channel of ν N → χ N interfere; the Gram matrix is tried first, its minors smaller problems
    // than |M|² as a whole (before: ν̄ N → χ̄ N proven by box halvings of |M|² on (u, c), 46 s of a 55 s cold load; now ~1 s)
    let d = ReferenceData.fixtureModel("scalar-vector.yaml").Force()
    for c in d.Checks do
        Assert.That(c.Status, Is.EqualTo ModelCheckStatus.Proven, sprintf "%s: %s" c.Id c.Detail)
    for kind in [ ProcessKind.NeutrinoNucleusToChiNucleus; ProcessKind.AntineutrinoNucleusToAntichiNucleus ] do
        let p = d.Model.Process kind
        let c = d.Checks |> Seq.find (fun c -> c.Id.StartsWith "scalar-vector.positive." && c.Title.StartsWith(p.Name + ":"))
        Assert.That(c.Detail, Does.Contain("Gram matrix").And.Contain("(y_N*y_chi, g_N*g_chi)"), c.Detail)
