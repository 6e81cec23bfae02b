/// The checks behind the cosmology obligations fail when they should: a wrong evaluation form, a wrong dimension.
module NuDM.Proofs.Tests.FormulaCheckTests

open NUnit.Framework
open NuDM.Symbolic
open NuDM.Physics
open NuDM.Physics.Ordered
open NuDM.Proofs
open NuDM.Proofs.FormulaChecks

let private all = Assumptions.AllPositive
let private a, b, c, x = Symbol "a", Symbol "b", Symbol "c", Symbol "x"

[<Test>]
let ``an evaluation form that computes something else is not proven equal`` () =
    Assert.That((sameFormula all "(a + b)·c" ((a .+ b) .* c) ((a + b) * c)).Holds, "the right form")
    Assert.That((sameFormula all "(a + b)·c" ((a .* c) .+ (b .* c)) ((a + b) * c)).Holds, "an equal form in another order")
    Assert.That((sameFormula all "a/b" (b ./ a) (a / b)).Holds, Is.False, "a swapped division")
    Assert.That((sameFormula all "a^(1/3)" (pow a (int 3)) (a ** Ops.rational 1 3)).Holds, Is.False, "pow(a, 3) is not a^(1/3)")
    Assert.That((sameFormula all "a^(1/3)" (cbrt a) (a ** Ops.rational 1 3)).Holds, "cbrt(a) is a^(1/3)")
    // the scaled Bessel recurrence is applied: x²K₀ᵉ + 2xK₁ᵉ = x²K₂ᵉ, but not x²K₀ᵉ + xK₁ᵉ
    let k2 = x ** 2 * Ops.besselKe (Ops.integer 2) x
    Assert.That((sameFormula all "x²K₂ᵉ" (((x .* x) .* besselKe 0 x) .+ ((int 2 .* x) .* besselKe 1 x)) k2).Holds)
    Assert.That((sameFormula all "x²K₂ᵉ" (((x .* x) .* besselKe 0 x) .+ (x .* besselKe 1 x)) k2).Holds, Is.False)

[<Test>]
let ``a dimensionally wrong formula is caught`` () =
    let T, M = Symbol "T", Symbol "M"
    let units = [ T, energy 1; M, energy 1 ]
    Assert.That((dimensional all "T²/M" units (energy 1) (T ** 2 / M)).Holds)
    Assert.That((dimensional all "T/M" units (energy 1) (T / M)).Holds, Is.False)
    Assert.That((dimensional all "exp(T)" units one (Ops.exp T)).Holds, Is.False, "a dimensional argument of exp")
    // the seed's M_cut = ρ/H is not a mass (MeV³)
    let rho, H = Symbol "rho", Symbol "H"
    Assert.That((dimensional all "ρ/H" [ rho, energy 4; H, energy 1 ] (energy 1) (rho / H)).Holds, Is.False)
    Assert.That((dimensional all "ρ/H³" [ rho, energy 4; H, energy 1 ] (energy 1) (rho / H ** 3)).Holds)

[<Test>]
let ``the cosmology obligations are in the catalogue`` () =
    let ids = Catalogue.All |> Seq.map (fun o -> o.Id) |> Set.ofSeq
    for id in [ "thermo.evaluation-forms"; "gg.evaluation-forms"; "kdf.evaluation-forms"; "relic.evaluation-forms"; "thermo.friedmann"
                "gg.kallen"; "kdf.seed-eq14"; "relic.freeze-out-tail" ] do
        Assert.That(ids.Contains id, id)
