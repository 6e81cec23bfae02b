module NuDM.Physics.Tests.SeriesTests

open NUnit.Framework
open NuDM.Symbolic

let private lim e = Series.limit x Ops.zero e

[<Test>]
let ``classic limits at zero`` () =
    lim (Ops.sin x / x) === Ops.one
    lim ((1 - Ops.cos x) / x ** 2) === Expr.Rational(1, 2)
    lim ((Ops.sqrt (1 + x) - 1) / x) === Expr.Rational(1, 2)
    lim ((Ops.exp x - 1 - x) / x ** 2) === Expr.Rational(1, 2)
    lim ((Ops.tan x - x) / x ** 3) === Expr.Rational(1, 3)

[<Test>]
let ``limits with symbolic parameters`` () =
    let pos = Assumptions.AllPositive
    Series.limitWith pos x Ops.zero Direction.Both ((Ops.sqrt (a ** 2 + x) - a) / x) === 1 / (2 * a)
    // without a > 0 the constant terms need not cancel (a < 0 diverges): no finite answer is claimed
    Assert.That(Structure.hasSpecial (lim ((Ops.sqrt (a ** 2 + x) - a) / x)))
    Series.limit x Ops.one ((x ** 2 - 1) / (x - 1)) === Expr.Int 2
    // substitution where continuous
    Series.limit x (Expr.Int 2) (x ** 2 + y) === y + 4

[<Test>]
let ``one-sided limits and infinities`` () =
    lim (1 / x) === Undefined
    Series.limitWith Assumptions.None x Ops.zero Direction.FromAbove (1 / x) === PositiveInfinity
    Series.limitWith Assumptions.None x Ops.zero Direction.FromBelow (1 / x) === NegativeInfinity
    lim (1 / x ** 2) === PositiveInfinity
    // sqrt branch point: only from above
    Series.limitWith Assumptions.None x Ops.zero Direction.FromAbove (x / Ops.sqrt x) === Ops.zero

[<Test>]
let ``limits at infinity`` () =
    Series.limit x PositiveInfinity (x / (x + 1)) === Ops.one
    Series.limitWith Assumptions.AllPositive x PositiveInfinity Direction.Both (Ops.sqrt (x ** 2 + x) - x) === Expr.Rational(1, 2)
    Series.limit x PositiveInfinity (x ** 2 / (x + 1)) === PositiveInfinity

[<Test>]
let ``Taylor polynomials`` () =
    Series.taylor x Ops.zero 5 (Ops.exp x) === 1 + x + x ** 2 / 2 + x ** 3 / 6 + x ** 4 / 24 + x ** 5 / 120
    Series.taylor x Ops.zero 7 (Ops.sin x) === x - x ** 3 / 6 + x ** 5 / 120 - x ** 7 / 5040
    Series.taylor x Ops.zero 3 (Ops.sqrt (1 + x)) === 1 + x / 2 - x ** 2 / 8 + x ** 3 / 16
    Series.taylor x Ops.zero 4 (Ops.ln (1 + x)) === x - x ** 2 / 2 + x ** 3 / 3 - x ** 4 / 4
    Series.taylor x Ops.one 2 (x ** 3) === 1 + 3 * (x - 1) + 3 * (x - 1) ** 2

[<Test>]
let ``Puiseux series at a square-root branch point`` () =
    let s = Series.puiseux Assumptions.AllPositive x Ops.zero 2 (Ops.sqrt (x + x ** 2))
    let exps = s.Terms |> List.map fst
    Assert.That((exps |> List.take 2 = [ Q.Create(1I, 2I); Q.Create(3I, 2I) ]), sprintf "%A" exps)
    snd s.Terms.[1] === Expr.Rational(1, 2)

[<Test>]
let ``unsupported singularities are reported, not guessed`` () =
    Assert.Throws<SeriesNotSupportedException>(fun () -> lim (x * Ops.ln x) |> ignore) |> ignore
    Assert.Throws<SeriesNotSupportedException>(fun () -> Series.taylor x Ops.zero 2 (Ops.sqrt x) |> ignore) |> ignore
