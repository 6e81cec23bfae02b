module NuDM.Physics.Tests.InfixTests

open System
open NUnit.Framework
open FsCheck.NUnit
open NuDM.Symbolic
open NuDM.Physics.Tests.Generators

let private M = Expr.Sym "M"
let private T = Expr.Sym "T"
let private c = Expr.Sym "c"
let private d = Expr.Sym "d"
let private q (n: int) (m: int) = Expr.Rational(n, m)
let private n (k: int) = Expr.Int k

/// Parses and asserts success.
let private parsed (text: string) =
    match Infix.parse text with
    | Ok e -> e
    | Error message -> failwithf "could not parse %s: %s" text message

/// Parses and asserts failure; returns the message.
let private failure (text: string) =
    match Infix.parse text with
    | Ok e -> failwithf "%s parsed unexpectedly as %s" text (Infix.format e)
    | Error message -> message

// ------------------------------------------------------------------ round trip

[<Property(Arbitrary = [| typeof<ExprArbitrary> |], MaxTest = 1000)>]
let ``parse (format e) = e`` (e: Expr) =
    let text = Infix.format e
    Assert.That(Infix.parse text, Is.EqualTo(Ok e: Result<Expr, string>), sprintf "text %s of %O" text e)

/// Shapes that random expressions reach only rarely: quotients, rational coefficients over sums, negations,
/// radicals and symbolic powers of arbitrary subexpressions.
[<Property(Arbitrary = [| typeof<ExprArbitrary> |], MaxTest = 300)>]
let ``parse (format e) = e for quotients, coefficients and powers of random parts`` (e: Expr) (f: Expr) =
    let derived =
        [ e / f
          Ops.negate (e * f)
          e - f
          Ops.product [ q 1 2; Ops.invert (e + f) ]
          Ops.product [ q -3 2; e; Ops.invert (f + x) ]
          Ops.product [ q 2 3; e + y; Ops.invert f ]
          Ops.pow e (q -1 2)
          Ops.pow (e + f) (q 1 3)
          Ops.pow e f
          Ops.pow e (Ops.negate f)
          Ops.apply (Named "f") [ e; Ops.negate f ] ]
    for g in derived do
        let text = Infix.format g
        Assert.That(Infix.parse text, Is.EqualTo(Ok g: Result<Expr, string>), sprintf "text %s of %O" text g)

[<Property(Arbitrary = [| typeof<ExprArbitrary> |], MaxTest = 500)>]
let ``format (parseOrThrow (format e)) = format e`` (e: Expr) =
    let text = Infix.format e
    Assert.That(Infix.format (Infix.parseOrThrow text), Is.EqualTo text)

[<Property(Arbitrary = [| typeof<ExprArbitrary> |], MaxTest = 300)>]
let ``format never leaves a sum next to a minus sign without parentheses`` (e: Expr) =
    // guards the readability rules: no "+ -", no "- -", no "--"
    let text = Infix.format e
    not (text.Contains "+ -" || text.Contains "- -" || text.Contains "--" || text.Contains "*-" || text.Contains "/-")

/// Text over the formula alphabet: mostly garbage, sometimes valid.
type FormulaTextArbitrary =
    static member Text() : FsCheck.Arbitrary<string> =
        let pieces =
            [ "x"; "y"; "m_chi"; "2"; "1.5e-3"; ".5"; "+"; "-"; "*"; "/"; "^"; "("; ")"; ","; " "; "sqrt"; "sin"
              "BesselK"; "pi"; "inf"; "undefined"; "#"; "e"; "0"; "θ"; "\n" ]
        FsCheck.FSharp.Gen.elements pieces
        |> FsCheck.FSharp.Gen.listOf
        |> FsCheck.FSharp.Gen.map (String.concat "")
        |> FsCheck.FSharp.Arb.fromGen

[<Property(Arbitrary = [| typeof<FormulaTextArbitrary> |], MaxTest = 500)>]
let ``parse never throws and every error names a position`` (text: string) =
    match Infix.parse text with
    | Ok e -> Infix.parse (Infix.format e) = Ok e
    | Error message -> message.StartsWith "Parse error at " && message.Contains "column "

// ------------------------------------------------------------------ parsing

[<Test>]
let ``precedence and associativity`` () =
    parsed "a - b - c" === a - b - c
    parsed "a - (b - c)" === a - b + c
    parsed "a/b/c" === a / b / c
    parsed "a/(b/c)" === a * c / b
    parsed "a^b^c" === Ops.pow a (Ops.pow b c)
    parsed "(a^b)^c" === Ops.pow (Ops.pow a b) c
    parsed "-x^2" === Ops.negate (Ops.pow x (n 2))
    parsed "(-x)^2" === Ops.pow x (n 2)
    parsed "2^-1" === q 1 2
    parsed "2^-x^2" === Ops.pow (n 2) (Ops.negate (Ops.pow x (n 2)))
    parsed "a + b*c^2" === a + b * Ops.pow c (n 2)
    parsed "-a*b" === Ops.negate (a * b)
    parsed "2*-x" === -2 * x
    parsed "--x" === x
    parsed "+x" === x
    parsed "a - -b" === a + b

[<Test>]
let ``numbers are exact`` () =
    parsed "1.5e-3" === q 3 2000
    parsed "1E-3" === q 1 1000
    parsed "6.02e23" === Ops.number (Q.Parse "602000000000000000000000")
    parsed "2.50" === q 5 2
    parsed ".5" === q 1 2
    parsed "3." === n 3
    parsed "0.1 + 0.2" === q 3 10
    parsed "1e+2" === n 100

[<Test>]
let ``names, keywords and functions`` () =
    parsed "pi" === Ops.pi
    parsed "inf" === PositiveInfinity
    parsed "-inf" === NegativeInfinity
    parsed "complexinf" === ComplexInfinity
    parsed "undefined" === Undefined
    parsed "m_chi/T" === Expr.Sym "m_chi" / T
    parsed "θ + E_nu" === Expr.Sym "θ" + Expr.Sym "E_nu"
    parsed "_tmp1" === Expr.Sym "_tmp1"
    parsed "sqrt(x)" === Ops.sqrt x
    parsed "exp(x) + ln(y)" === Ops.exp x + Ops.ln y
    parsed "log(x)" === Ops.ln x
    parsed "sin(x)*cos(x)/tan(x)" === Ops.sin x * Ops.cos x / Ops.tan x
    parsed "abs(x - 1)" === Ops.abs (x - 1)
    parsed "BesselK(2, m_chi/T)" === Ops.besselK (n 2) (Expr.Sym "m_chi" / T)
    parsed "Li2(x)" === Ops.apply (Named "Li2") [ x ]
    parsed "f(x, y, 1/2)" === Ops.apply (Named "f") [ x; y; q 1 2 ]
    parsed "g()" === Ops.apply (Named "g") []
    parsed "sin" === Expr.Sym "sin"

[<Test>]
let ``whitespace is allowed anywhere between tokens`` () =
    parsed "  sqrt ( x ) *\t2 ^ - 1\n - BesselK ( 1 , y )  " === Ops.sqrt x / 2 - Ops.besselK (n 1) y

[<Test>]
let ``the example formula parses to the canonical expression and prints back`` () =
    let expected = Ops.sqrt (Ops.pow (M + T) (n 2) - Ops.pow M (n 2))
    parsed "sqrt((M+T)^2 - M^2)" === expected
    expected ==~ "sqrt((M + T)^2 - M^2)"

[<Test>]
let ``parsing builds canonical expressions`` () =
    parsed "x + x" === 2 * x
    parsed "2*(a + b)" === 2 * a + 2 * b
    parsed "sqrt(8)" === 2 * Ops.sqrt (n 2)
    parsed "x*y/(y*x)" === Ops.one
    parsed "1/0" === ComplexInfinity
    // one * / chain is one product: the number is not distributed over the sum when other factors follow
    parsed "2*(a + b)*x" === Ops.product [ n 2; a + b; x ]

// ------------------------------------------------------------------ printing

[<Test>]
let ``negative terms are printed with a minus sign`` () =
    x - 2 * y ==~ "x - 2*y"
    x - y ==~ "x - y"
    -x - y ==~ "-x - y"
    x - 1 ==~ "x - 1"
    1 - x ==~ "1 - x"
    Ops.negate x ==~ "-x"
    x - 1 / y ==~ "x - 1/y"
    q -1 2 ==~ "-1/2"
    q -1 2 * x ==~ "-x/2"
    x - q 3 2 * y ==~ "x - 3*y/2"

[<Test>]
let ``negative exponents are printed as denominators`` () =
    x * Ops.pow y (n -2) ==~ "x/y^2"
    1 / (2 * x) ==~ "1/(2*x)"
    (a + b) / (c * d) ==~ "(a + b)/(c*d)"
    x / 2 ==~ "x/2"
    Ops.invert (a + b) ==~ "1/(a + b)"
    3 * x * y / (20 * a * b) ==~ "3*x*y/(20*a*b)"
    1 / Ops.sqrt x ==~ "1/sqrt(x)"
    Ops.pow x (q -3 2) ==~ "1/x^(3/2)"
    Ops.pow x (Ops.negate y) ==~ "1/x^y"
    Expr.Sym "m_chi" ** 2 / Expr.Sym "T_max" ==~ "m_chi^2/T_max"

[<Test>]
let ``parenthesised sums come last in a product`` () =
    x * (a + b) ==~ "x*(a + b)"
    (a + b) * (c + d) * x ==~ "x*(a + b)*(c + d)"
    x / (y * (a + b)) ==~ "x/(y*(a + b))"

[<Test>]
let ``a fractional coefficient over a single sum leads the product`` () =
    // 1/(2*(a + b)) would read back as 1/(2*a + 2*b): a number times a sum is distributed
    let e = Ops.product [ q 1 2; Ops.invert (a + b) ]
    e ==~ "(1/2)/(a + b)"
    parsed "(1/2)/(a + b)" === e
    parsed "1/(2*(a + b))" === Ops.invert (2 * a + 2 * b)
    Ops.product [ q -3 2; x; Ops.invert (a + b) ] ==~ "-(3/2)*x/(a + b)"

[<Test>]
let ``roots, rationals and numeric radicals`` () =
    Ops.sqrt (n 2) ==~ "sqrt(2)"
    Ops.sqrt (n 8) ==~ "2*sqrt(2)"
    Ops.sqrt (q 1 2) ==~ "sqrt(2)/2"
    Ops.pow (n -1) (q 1 3) ==~ "(-1)^(1/3)"
    Ops.sqrt (n -2) ==~ "sqrt(-1)*sqrt(2)"
    Ops.pow x (q 1 3) ==~ "x^(1/3)"
    Ops.pow x (q 3 2) ==~ "x^(3/2)"
    Ops.pow (q 1 2) x ==~ "(1/2)^x"
    Ops.pow (Ops.pow x (n 2)) (q 3 2) ==~ "(x^2)^(3/2)"
    Ops.sqrt (Ops.invert x) ==~ "sqrt(1/x)"
    q 1 2 + x ==~ "1/2 + x"

[<Test>]
let ``functions, constants and special values`` () =
    Ops.pi * x ** 2 ==~ "pi*x^2"
    Ops.exp (Ops.negate x) ==~ "exp(-x)"
    Ops.besselK (n 2) x ==~ "BesselK(2, x)"
    Ops.apply (Named "f") [ x; q -1 2 ] ==~ "f(x, -1/2)"
    Ops.abs (x - 1) ==~ "abs(x - 1)"
    Ops.pow x (Ops.pow y (Expr.Sym "z")) ==~ "x^y^z"
    Ops.pow (Ops.exp x) y ==~ "exp(x)^y"
    Undefined ==~ "undefined"
    PositiveInfinity ==~ "inf"
    NegativeInfinity ==~ "-inf"
    ComplexInfinity ==~ "complexinf"

// ------------------------------------------------------------------ errors

[<Test>]
let ``implicit multiplication is an error with a clear message`` () =
    Assert.That(failure "2x", Is.EqualTo "Parse error at column 2: implicit multiplication is not supported; insert '*' before 'x'")
    Assert.That(failure "2 (x + 1)", Does.StartWith "Parse error at column 3: implicit multiplication")
    Assert.That(failure "sin(x)cos(x)", Does.StartWith "Parse error at column 7: implicit multiplication")

[<Test>]
let ``syntax errors name the position and what was expected`` () =
    Assert.That(failure "x +", Is.EqualTo "Parse error at column 4: unexpected end of input; expected an operand")
    Assert.That(failure "sin(", Is.EqualTo "Parse error at column 5: unexpected end of input; expected an operand or ')'")
    Assert.That(failure "x # y", Is.EqualTo "Parse error at column 3: unexpected '#'; expected an operator or end of input")
    Assert.That(failure "(x", Is.EqualTo "Parse error at column 3: unexpected end of input; expected an operator or ')'")
    Assert.That(failure "x)", Is.EqualTo "Parse error at column 2: unexpected ')'; expected an operator or end of input")
    Assert.That(failure "", Is.EqualTo "Parse error at column 1: unexpected end of input; expected an operand")
    Assert.That(failure "x\n + $", Is.EqualTo "Parse error at line 2, column 4: unexpected '$'; expected an operand")

/// True when the text is valid UTF-16 that encodes to UTF-8 (no lone surrogate).
let private encodesToUtf8 (text: string) =
    try
        Text.UTF8Encoding(false, true).GetBytes text |> ignore
        true
    with :? Text.EncoderFallbackException -> false

[<Test>]
let ``a parse error quotes whole characters outside the Basic Multilingual Plane`` () =
    // '😀' is a surrogate pair in UTF-16; quoting one char of it made a message that cannot be written as UTF-8
    let m = failure "x + 😀"
    Assert.That(m, Is.EqualTo "Parse error at column 5: unexpected '😀'; expected an operand")
    Assert.That(encodesToUtf8 m)
    Assert.That(failure "😀", Is.EqualTo "Parse error at column 1: unexpected '😀'; expected an operand")
    // columns count characters as a reader sees them: the emoji is one column
    Assert.That(failure "𝑥 + 1", Does.StartWith "Parse error at column 1: unexpected '𝑥'")
    Assert.That(failure "(x + 1) 😀", Does.StartWith "Parse error at column 9: unexpected '😀'")
    Assert.That(failure "x + 1 # 😀 # y", Does.StartWith "Parse error at column 7: unexpected '#'")
    // a sequence joined by zero-width joiners and a letter with a combining accent are one character each
    let family = "👨\u200D👩\u200D👧"
    Assert.That(failure ("1 + " + family), Is.EqualTo("Parse error at column 5: unexpected '" + family + "'; expected an operand"))
    Assert.That(failure "x + e\u0301", Does.StartWith "Parse error at column 6: unexpected '\u0301'")
    // text that is not valid UTF-16 (a lone surrogate) is named by its code, and the message is valid text
    // (built at run time: a lone surrogate in a string literal does not survive compilation)
    let high, low = string (char 0xD83D), string (char 0xDE00)
    let lone = failure ("x + " + high)
    Assert.That(lone, Is.EqualTo "Parse error at column 5: unexpected character U+D83D (a lone surrogate: the text is not valid UTF-16); expected an operand")
    Assert.That(encodesToUtf8 lone)
    Assert.That(failure ("x + " + low + " + 1"), Does.Contain "unexpected character U+DE00 (a lone surrogate")
    Assert.That(encodesToUtf8 (failure ("x + " + low + " + 1")))
    // control characters as before
    Assert.That(failure "x + \u0007", Does.Contain "unexpected character U+0007")

[<Test>]
let ``misused names are errors at the name`` () =
    Assert.That(failure "1 + sin(x, y)", Is.EqualTo "Parse error at column 5: sin takes 1 argument, got 2")
    Assert.That(failure "BesselK(1)", Is.EqualTo "Parse error at column 1: BesselK takes 2 arguments (n, x), got 1")
    Assert.That(failure "pi(2)", Does.StartWith "Parse error at column 1: 'pi' is a constant, not a function")
    Assert.That(failure "2*1e999999", Does.StartWith "Parse error at column 3: the exponent of the number 1e999999 is too large")

[<Test>]
let ``parseOrThrow raises FormatException with the message of parse`` () =
    let ex = Assert.Throws<FormatException>(fun () -> Infix.parseOrThrow "x +" |> ignore)
    Assert.That(ex.Message, Is.EqualTo(failure "x +"))
    Infix.parseOrThrow "x + 1" === x + 1

[<Test>]
let ``tryParse in F# and C# form`` () =
    Assert.That(Infix.tryParse "x*y", Is.EqualTo(Some(x * y)))
    Assert.That(Infix.tryParse "x*", Is.EqualTo(None: Expr option))
    let mutable e = Unchecked.defaultof<Expr>
    Assert.That(Infix.tryParseOut ("m_chi/2", &e), Is.True)
    e === Expr.Sym "m_chi" / 2
    Assert.That(Infix.tryParseOut ("2x", &e), Is.False)
    Assert.That(e, Is.Null)

[<Test>]
let ``absurdly nested input is rejected instead of overflowing the stack`` () =
    let deep = String('(', 5000) + "x" + String(')', 5000)
    Assert.That(failure deep, Is.EqualTo "Parse error at column 201: parentheses are nested more than 200 deep")
    parsed (String('(', 150) + "x" + String(')', 150)) === x
    Assert.That(failure (String.replicate 2000 "x^" + "x"), Does.StartWith "Parse error at column 2002: more than 1000 '^'")
    parsed (String('-', 100001) + "x") === Ops.negate x
