/// Check (a user's own formulas from text): identities, inequalities, limits and series with their three answers, the
/// witness of a disproof (a point of the assumed domain where the sides really differ: re-evaluated here with plain
/// floating point, independently of the interval arithmetic that found it), and the reading of the text (assumptions,
/// points, parse errors with their column and character).
module NuDM.Physics.Tests.CheckTests

open System
open System.Collections.Generic
open NUnit.Framework
open NuDM.Symbolic
open NuDM.Physics

/// The checks with their C# argument order (null for an absent optional text).
module private C =
    let Formula (text: string, assumptions: string) = Check.formula text assumptions
    let Limit (e: string, at: string, expected: string, assumptions: string) = Check.limit e at expected assumptions
    let Series (e: string, at: string, order: int, expected: string, assumptions: string) = Check.series e at order expected assumptions

let private status (expected: CheckStatus) (r: CheckResult) =
    Assert.That(r.Status, Is.EqualTo expected, sprintf "%s: %s" r.Input r.Reason)

/// The values of both sides at the witness, evaluated in double precision from the text of the sides.
let private evaluateAt (w: Witness) (text: string) =
    let values = Dictionary<string, float>()
    for c in w.Point do values.[c.Symbol] <- c.Value
    Evaluate.evaluate values (Infix.parseOrThrow text)

/// Asserts a witness: its sides, evaluated independently, lie in the reported enclosures and differ.
let private assertWitness (r: CheckResult) (lhsText: string) (rhsText: string) =
    Assert.That(r.Witness, Is.Not.Null, sprintf "a disproof has a witness: %s" r.Reason)
    let w = r.Witness
    let l, rv = evaluateAt w lhsText, evaluateAt w rhsText
    // 1e-12 relative: plain floating point against a rigorous enclosure of the exact value
    let near (v: float) (s: WitnessValue) =
        let tol = 1e-12 * (1.0 + abs v)
        v >= s.Lo - tol && v <= s.Hi + tol && s.Value >= s.Lo && s.Value <= s.Hi
    Assert.That(near l w.Lhs, sprintf "lhs %g at %s outside [%g, %g]" l w.PointText w.Lhs.Lo w.Lhs.Hi)
    Assert.That(near rv w.Rhs, sprintf "rhs %g at %s outside [%g, %g]" rv w.PointText w.Rhs.Lo w.Rhs.Hi)
    w, l, rv

let private inputError (argument: string) (f: unit -> CheckResult) =
    let e = Assert.Throws<CheckInputException>(fun () -> f () |> ignore)
    Assert.That(e.Argument, Is.EqualTo argument, e.Message)
    // the command line reports it as bad input
    Assert.That(box e, Is.InstanceOf<ArgumentException>())
    e.Detail

// ---- identities ---------------------------------------------------------------------------------------------

[<Test>]
let ``an identity that holds only under its assumption is proven with it and disproven without`` () =
    C.Formula("sqrt(x^2) = x", "x > 0") |> status CheckStatus.Proven
    let r = C.Formula("sqrt(x^2) = x", null)
    status CheckStatus.Disproven r
    let w, l, rv = assertWitness r "sqrt(x^2)" "x"
    // where it fails, x < 0 and the sides are |x| and x
    Assert.That(w.Point.[0].Value, Is.LessThan 0.0)
    Assert.That(l, Is.EqualTo(-rv).Within(1e-12))

[<Test>]
let ``a false identity is disproven with a witness whose two sides differ when evaluated`` () =
    let r = C.Formula("(x + 1)^2 = x^2 + 2*x + 2", "")
    status CheckStatus.Disproven r
    let _, l, rv = assertWitness r "(x + 1)^2" "x^2 + 2*x + 2"
    Assert.That(rv - l, Is.EqualTo(1.0).Within(1e-9))
    Assert.That(r.Mode, Is.EqualTo CheckMode.Identity)

[<Test>]
let ``the witness lies inside the assumed domain, including assumed-positive expressions`` () =
    // E² = m² fails everywhere on E > m > 0; the witness must satisfy both assumptions
    let r = C.Formula("E^2 = m^2", "m > 0, E > m")
    status CheckStatus.Disproven r
    let w, _, _ = assertWitness r "E^2" "m^2"
    let at name = (w.Point |> Seq.find (fun c -> c.Symbol = name)).Value
    Assert.That(at "m", Is.GreaterThan 0.0)
    Assert.That(at "E", Is.GreaterThan(at "m"))
    Assert.That(r.Assumptions, Is.EqualTo "m > 0, E - m > 0")

[<Test>]
let ``sin squared plus cos squared is undecided: the normal form keeps sin and cos independent`` () =
    let r = C.Formula("sin(x)^2 + cos(x)^2 = 1", null)
    status CheckStatus.Undecided r
    Assert.That(r.Witness, Is.Null)
    Assert.That(r.Reason, Does.Contain "no point of the domain")

[<Test>]
let ``seed 001 eq. 2.9 as printed is the derived T_max on the physical domain`` () =
    // the printed formula (T_max: + sign of the root) against the kernel's derivation from the four-vectors
    let printed =
        "(2*M*E_nu^2 - m_chi^2*(E_nu + M) + E_nu*sqrt(4*M^2*E_nu^2 - 4*M*m_chi^2*(E_nu + M) + m_chi^4))/(2*M*(2*E_nu + M))"
    let derived = Infix.format (Kinematics.derivation ()).TMax
    C.Formula(printed + " = " + derived, "E_nu > 0, M > 0, m_chi > 0") |> status CheckStatus.Proven

// ---- inequalities ---------------------------------------------------------------------------------------------

[<Test>]
let ``inequalities: proven by the sign test, disproven with a witness on the wrong side`` () =
    let p = C.Formula("2*x > x", "x > 0")
    status CheckStatus.Proven p
    Assert.That(p.Mode, Is.EqualTo CheckMode.Inequality)
    let r = C.Formula("x > 1", "x > 0")
    status CheckStatus.Disproven r
    let w, l, rv = assertWitness r "x" "1"
    Assert.That(w.Point.[0].Value, Is.GreaterThan 0.0)
    Assert.That(l, Is.LessThanOrEqualTo rv)
    // x < x is false everywhere (identically equal sides); x <= x holds
    C.Formula("x < x", null) |> status CheckStatus.Disproven
    C.Formula("x <= x", null) |> status CheckStatus.Proven
    C.Formula("x ≥ x", null) |> status CheckStatus.Proven
    let ge = C.Formula("x >= 1", "x > 0")
    status CheckStatus.Disproven ge
    let _, l, rv = assertWitness ge "x" "1"
    Assert.That(l, Is.LessThan rv)

// ---- limits ---------------------------------------------------------------------------------------------------

[<Test>]
let ``the massless limit of the derived T_max is seed 001 eq. 2.10`` () =
    // T_max as the kernel derives it (Physics/Kinematics.fs), its m_χ → 0⁺ limit against the printed T_max^SM
    let tmax = Infix.format (Kinematics.derivation ()).TMax
    let domain = "E_nu > 0, M > 0, m_chi > 0"
    let computed = C.Limit(tmax, "m_chi -> 0+", null, domain)
    status CheckStatus.Computed computed
    Assert.That(computed.Result, Is.EqualTo "2*E_nu^2/(2*E_nu + M)")
    C.Limit(tmax, "m_chi -> 0+", "2*E_nu^2/(M + 2*E_nu)", domain) |> status CheckStatus.Proven
    // a wrong expectation (M + E_ν in the denominator) is disproven, with a point where the two values differ
    let wrong = C.Limit(tmax, "m_chi -> 0+", "2*E_nu^2/(M + E_nu)", domain)
    status CheckStatus.Disproven wrong
    let _, l, rv = assertWitness wrong "2*E_nu^2/(2*E_nu + M)" "2*E_nu^2/(M + E_nu)"
    Assert.That(rv, Is.GreaterThan l)

[<Test>]
let ``limits at 0, at infinity and one-sided`` () =
    let r = C.Limit("sin(x)/x", "x -> 0", null, null)
    status CheckStatus.Computed r
    Assert.That(r.Result, Is.EqualTo "1")
    C.Limit("(1 - cos(x))/x^2", "x→0", "1/2", null) |> status CheckStatus.Proven
    C.Limit("x*(sqrt(x^2 + 1) - x)", "x -> oo", "1/2", "x > 0") |> status CheckStatus.Proven
    C.Limit("x/(x + 1)", "x -> -oo", "1", null) |> status CheckStatus.Proven
    C.Limit("x^2/(x + 1)", "x -> inf", "oo", null) |> status CheckStatus.Proven
    Assert.That(C.Limit("1/x", "x -> 0+", null, null).Result, Is.EqualTo "inf")
    Assert.That(C.Limit("1/x", "x -> 0-", null, null).Result, Is.EqualTo "-inf")
    C.Limit("1/x", "x -> 0-", "oo", null) |> status CheckStatus.Disproven
    // two-sided: the sides differ, so there is no limit; claiming one is false
    let both = C.Limit("1/x", "x -> 0", null, null)
    Assert.That(both.Result, Is.EqualTo "does not exist")
    Assert.That(both.Reason, Does.Contain("from above inf").And.Contain("from below -inf"))
    C.Limit("1/x", "x -> 0", "oo", null) |> status CheckStatus.Disproven
    // one-sided at a symbolic point
    C.Limit("sqrt(E^2 - m^2)/(E - m)", "E -> m+", "oo", "m > 0") |> status CheckStatus.Proven

[<Test>]
let ``a limit the core cannot compute is reported as not computed with its reason`` () =
    let r = C.Limit("sin(1/x)", "x -> 0", null, null)
    status CheckStatus.NotComputed r
    Assert.That(r.Reason, Does.Contain "essential singularity")

// ---- series ---------------------------------------------------------------------------------------------------

[<Test>]
let ``series to order 4 against their known expansions`` () =
    let s = C.Series("sin(x)", "x -> 0", 4, null, null)
    status CheckStatus.Computed s
    Assert.That(s.Result, Is.EqualTo "x - x^3/6 + O(x^4)")
    C.Series("sin(x)", "x -> 0", 4, "x - x^3/6", null) |> status CheckStatus.Proven
    C.Series("exp(x)", "x -> 0", 4, "1 + x + x^2/2 + x^3/6", null) |> status CheckStatus.Proven
    C.Series("ln(1 + x)", "x -> 0", 4, "x - x^2/2 + x^3/3", null) |> status CheckStatus.Proven
    let wrong = C.Series("sin(x)", "x -> 0", 4, "x - x^3/3", null)
    status CheckStatus.Disproven wrong
    assertWitness wrong "x - x^3/6" "x - x^3/3" |> ignore
    // about x = 1, in powers of x − 1 (the series is exact: a polynomial)
    C.Series("x^3", "x -> 1", 4, "1 + 3*(x - 1) + 3*(x - 1)^2 + (x - 1)^3", null) |> status CheckStatus.Proven

[<Test>]
let ``Puiseux terms, expansions from below and at infinity`` () =
    let p = C.Series("sqrt(x + x^2)", "x -> 0", 3, null, null)
    Assert.That(p.Result, Is.EqualTo "sqrt(x) + x^(3/2)/2 - x^(5/2)/8 + O(x^3)")
    Assert.That(p.Reason, Does.Contain "x > 0")
    Assert.That(C.Series("1/(1 - x)", "x -> 0-", 3, null, null).Result, Is.EqualTo "1 + x + x^2 + O(x^3)")
    Assert.That(C.Series("1/(1 - x)", "x -> oo", 3, null, null).Result, Is.EqualTo "-1/x - 1/x^2 + O(1/x^3)")

// ---- reading the text -----------------------------------------------------------------------------------------

[<Test>]
let ``assumptions: strict inequalities, chains, all positive, commas inside calls`` () =
    Assert.That(C.Formula("x = x", "E > m_chi, M > 0").Assumptions, Is.EqualTo "E - m_chi > 0, M > 0")
    Assert.That(C.Formula("x = x", "0 < x < 1").Assumptions, Is.EqualTo "x > 0, 1 - x > 0")
    Assert.That(C.Formula("x = x", "All  Positive").Assumptions, Is.EqualTo "all symbols positive")
    Assert.That(C.Formula("x = x", "BesselK(2, x) > 0").Assumptions, Is.EqualTo "BesselK(2, x) > 0")
    // x < 0 makes -x positive: the witness against sqrt(x^2) = x respects it
    let r = C.Formula("sqrt(x^2) = x", "x < 0")
    status CheckStatus.Disproven r
    Assert.That(r.Assumptions, Is.EqualTo "-x > 0")
    Assert.That(r.Witness.Point.[0].Value, Is.LessThan 0.0)
    C.Formula("sqrt(a^2) = a", "all positive") |> status CheckStatus.Proven

[<Test>]
let ``assumptions the core cannot use are refused, naming the part and its column`` () =
    Assert.That(inputError "assume" (fun () -> C.Formula("x = x", "x > 0, y >= 0")), Does.Contain("'y >= 0'").And.Contain("column 10").And.Contain "strict")
    Assert.That(inputError "assume" (fun () -> C.Formula("x = x", "x = 1")), Does.Contain("'='").And.Contain "column 3")
    Assert.That(inputError "assume" (fun () -> C.Formula("x = x", "x")), Does.Contain "is not an assumption")
    Assert.That(inputError "assume" (fun () -> C.Formula("x = x", "x > 0,, y > 0")), Does.Contain "column 7")
    Assert.That(inputError "assume" (fun () -> C.Formula("x = x", "x > x + 1")), Does.Contain "can never hold")

[<Test>]
let ``parse errors name the argument, the column in the whole text and the character`` () =
    let d = inputError "formula" (fun () -> C.Formula("x + = 2", null))
    Assert.That(d, Does.Contain("column 5").And.Contain "unexpected '='")
    Assert.That(inputError "formula" (fun () -> C.Formula("sin(x) = 2 # 3", null)), Does.Contain("column 12").And.Contain "'#'")
    // columns count characters as a reader sees them: the emoji is one column
    Assert.That(inputError "assume" (fun () -> C.Formula("x = x", "x > 0, 😀 > 1")), Does.Contain("column 8").And.Contain "'😀'")
    Assert.That(inputError "at" (fun () -> C.Limit("x", "x -> 0 $", null, null)), Does.Contain("column 8").And.Contain "'$'")
    Assert.That(inputError "expect" (fun () -> C.Limit("x", "x -> 0", "1 +", null)), Does.Contain "column 4")
    Assert.That(inputError "limit" (fun () -> C.Limit("x^", "x -> 0", null, null)), Does.Contain "column 3")

[<Test>]
let ``malformed claims and points are refused`` () =
    Assert.That(inputError "formula" (fun () -> C.Formula("x + 1", null)), Does.Contain "no relation")
    Assert.That(inputError "formula" (fun () -> C.Formula("x = 1 = y", null)), Does.Contain("second relation").And.Contain "column 7")
    Assert.That(inputError "formula" (fun () -> C.Formula("x != 1", null)), Does.Contain "'!='")
    Assert.That(inputError "formula" (fun () -> C.Formula("= 1", null)), Does.Contain "missing at column 1")
    Assert.That(inputError "at" (fun () -> C.Limit("x", "x 0", null, null)), Does.Contain "no '->'")
    Assert.That(inputError "at" (fun () -> C.Limit("x", "", null, null)), Does.Contain "missing")
    Assert.That(inputError "at" (fun () -> C.Limit("x", "2*x -> 0", null, null)), Does.Contain "must be a symbol")
    Assert.That(inputError "at" (fun () -> C.Limit("x", "x -> oo+", null, null)), Does.Contain "one side only")
    Assert.That(inputError "at" (fun () -> C.Limit("x", "x -> x + 1", null, null)), Does.Contain "contains the variable")
    Assert.That(inputError "limit" (fun () -> C.Limit("x = 1", "x -> 0", null, null)), Does.Contain "a relation")
    Assert.That(inputError "order" (fun () -> C.Series("x", "x -> 0", 0, null, null)), Does.Contain "[1, 20]")
