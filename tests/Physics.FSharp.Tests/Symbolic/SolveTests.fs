module NuDM.Physics.Tests.SolveTests

open NUnit.Framework
open NuDM.Symbolic

[<Test>]
let ``linear and quadratic roots`` () =
    assertList (Solve.polynomial x (3 * x - 6)) [ Expr.Int 2 ]
    assertList (Solve.polynomial x (x ** 2 - 5 * x + 6)) [ Expr.Int 2; Expr.Int 3 ]
    let r = Solve.polynomialWith Assumptions.AllPositive x (x ** 2 - a ** 2)
    assertList (r) [ -a; a ]

[<Test>]
let ``roots satisfy the equation symbolically`` () =
    let p = a * x ** 2 + b * x + y
    for r in Solve.polynomial x p do
        proven (Normal.isZeroWith Assumptions.None (Structure.substitute x r p))

[<Test>]
let ``zeros of a radical expression`` () =
    // d/dx (x + 1)/sqrt(x^2 + 1) = 0 at x = 1
    let e = Calculus.differentiate x ((x + 1) / Ops.sqrt (x ** 2 + 1))
    assertList (Solve.zerosWith Assumptions.None x e) [ Ops.one ]
    // sqrt(x) = x − 2 has the root 4 only (x = 1 is spurious after squaring)
    assertList (Solve.zerosWith (Assumptions.Positive [ "x" ]) x (Ops.sqrt x - x + 2)) [ Expr.Int 4 ]

[<Test>]
let ``degree above two is refused`` () =
    Assert.Throws<System.NotSupportedException>(fun () -> Solve.polynomial x (x ** 3 - 1) |> ignore) |> ignore
