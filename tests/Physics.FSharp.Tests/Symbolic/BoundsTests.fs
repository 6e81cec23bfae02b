/// Bounds on exact numbers and on the simplifier's work (issue 10 §3): absurd input fails at once with a clear,
/// typed error instead of hanging.
module NuDM.Physics.Tests.BoundsTests

open System
open System.Numerics
open NUnit.Framework
open NuDM.Symbolic

[<Test>]
let ``a power tower of exact numbers is refused before it is computed`` () =
    // (2^99999)^99999 has about 10^10 bits: this used to run for minutes and take gigabytes
    match Infix.parse "(2^99999)^99999" with
    | Ok e -> Assert.Fail(sprintf "parsed to something of size %d" (Structure.size e))
    | Error message ->
        Assert.That(message, Does.Contain "exact number too large")
        Assert.That(message, Does.Contain "2^99999 to the power 99999")
        Assert.That(message, Does.Contain "9,999,800,002 bits") // (bits − 1)·k + 1 for a 100,000-bit base
        Assert.That(message, Does.Contain "1,048,576 bits")

[<Test>]
let ``exact arithmetic throws ExactNumberTooLargeException, an ArgumentException`` () =
    let ex = Assert.Throws<ExactNumberTooLargeException>(fun () -> Q.Pow(Q.OfInt 3, 10000000) |> ignore)
    Assert.That(ex.EstimatedBits, Is.GreaterThan Bounds.MaxExactBits)
    Assert.That(ex.LimitBits, Is.EqualTo Bounds.MaxExactBits)
    Assert.That(ex.Message, Does.Contain "3 to the power 10000000")
    Assert.That(box ex, Is.InstanceOf<ArgumentException>()) // the CLI reports it as bad input (exit code 2)
    // products and sums are checked too
    let big = Q.Parse "1e200000" // about 664,000 bits: allowed
    Assert.Throws<ExactNumberTooLargeException>(fun () -> big * big |> ignore) |> ignore
    Assert.Throws<ExactNumberTooLargeException>(fun () -> (Q.One / big) + (Q.One / (big + Q.One)) * big * big |> ignore) |> ignore
    // a literal with an absurd decimal exponent
    Assert.Throws<ExactNumberTooLargeException>(fun () -> Q.Parse "1e999999999" |> ignore) |> ignore
    // and the symbolic constructors that power numbers
    Assert.Throws<ExactNumberTooLargeException>(fun () -> Ops.pow (Number(Q.Pow(Q.OfInt 2, 99999))) (Expr.Int 99999) |> ignore) |> ignore

[<Test>]
let ``numbers below the bound are exact as before`` () =
    let q = Q.Pow(Q.OfInt 2, 1000000)
    Assert.That(q.Num.GetBitLength(), Is.EqualTo 1000001L)
    Assert.That(Q.Parse("1e100000").Num, Is.EqualTo(BigInteger.Pow(BigInteger 10, 100000)))
    Assert.That(Infix.parse "2^1000" |> Result.map (fun e -> e = Number(Q.OfBigInt(BigInteger.Pow(BigInteger 2, 1000)))), Is.EqualTo(Ok true: Result<bool, string>))

let private nestedRadicals (k: int) =
    1 / (1 + ([ for i in 1 .. k -> Ops.sqrt (Expr.Sym(sprintf "a%d" i) + 1) ] |> Ops.sum))

[<Test>]
let ``the simplifier stops at its work budget with an error naming the sub-expression`` () =
    let e = nestedRadicals 4
    let run () = Normal.withBudget 20000L (Func<_>(fun () -> Normal.simplifyWith Assumptions.AllPositive e))
    let ex = Assert.Throws<ExpressionTooComplexException>(fun () -> run () |> ignore)
    Assert.That(ex.Message, Does.StartWith "expression too complex to simplify")
    Assert.That(ex.Message, Does.Contain "sqrt(1 + a1)")
    Assert.That(ex.Message, Does.Contain "20,000 term operations")
    Assert.That(ex.Budget, Is.EqualTo 20000L)
    Assert.That(ex.Expression.Length, Is.LessThanOrEqualTo 302)
    Assert.That(box ex, Is.InstanceOf<ArgumentException>())
    // deterministic: counted operations, not time
    let again = Assert.Throws<ExpressionTooComplexException>(fun () -> run () |> ignore)
    Assert.That(again.Message, Is.EqualTo ex.Message)
    // with a budget large enough the same kind of expression is simplified
    let e3 = nestedRadicals 3
    let r = Normal.simplifyWith Assumptions.AllPositive e3
    Assert.That((Normal.equivalentWith Assumptions.AllPositive r e3).IsProven)

[<Test>]
let ``a long error text is truncated without splitting a character`` () =
    let text = String.replicate 10 "ab😀"
    let t = Bounds.truncate 7 text // seven UTF-16 units would end inside the second emoji's surrogate pair
    Assert.That(t, Is.EqualTo "ab😀ab …")
    Assert.DoesNotThrow(fun () -> Text.UTF8Encoding(false, true).GetBytes t |> ignore)

[<Test>]
let ``the budget also stops polynomial arithmetic called directly, with the same error type`` () =
    let p = Polynomial.squareFreeFactor
    let big = Algebraic.expand ((Expr.Sym "u" + Expr.Sym "v" + 1) ** 30)
    let ex = Assert.Throws<ExpressionTooComplexException>(fun () -> Normal.withBudget 1000L (Func<_>(fun () -> p big)) |> ignore)
    Assert.That(ex.Message, Does.StartWith "too complex: the work budget of 1,000 term operations")
    Assert.Throws<ArgumentOutOfRangeException>(fun () -> Normal.withBudget 0L (Func<_>(fun () -> 1)) |> ignore) |> ignore
