module NuDM.Physics.Tests.NormalTests

open NUnit.Framework
open FsCheck.NUnit
open NuDM.Symbolic
open NuDM.Physics.Tests.PolynomialTests

let private simp = Normal.simplify
let private pos = Assumptions.AllPositive

[<Test>]
let ``rational functions are combined and cancelled`` () =
    simp ((x ** 2 - y ** 2) / (x - y)) === x + y
    simp (1 / (x + 1) + 1 / (x - 1)) === 2 * x / (x ** 2 - 1)
    simp (x / y + y / x) === (x ** 2 + y ** 2) / (x * y)
    Assert.That(Normal.equivalent ((x + 1) ** 3) (x ** 3 + 3 * x ** 2 + 3 * x + 1))
    Assert.That(Normal.equivalent (x / (x + 1)) (1 - 1 / (x + 1)))
    Assert.That(Normal.equivalent (x / (x + 1)) x, Is.False)

[<Test>]
let ``denominators are rationalised`` () =
    simp (1 / (Ops.sqrt x + 1)) === (Ops.sqrt x - 1) / (x - 1)
    Assert.That(Normal.equivalent (1 / (Ops.sqrt (Expr.Int 2) + 1)) (Ops.sqrt (Expr.Int 2) - 1))
    // nested: 1/(1 + sqrt(1 + sqrt(x)))
    let e = 1 / (1 + Ops.sqrt (1 + Ops.sqrt x))
    let nf = Normal.normalFormWith Assumptions.None e
    Assert.That(Structure.freeOf (Ops.sqrt (1 + Ops.sqrt x)) nf.DenominatorExpr)

[<Test>]
let ``roots of powers need the sign of the base`` () =
    // sqrt(x^2) = |x|: only with x > 0 is it x
    Assert.That(Normal.equivalent (Ops.sqrt (x ** 2)) x, Is.False)
    Assert.That(Normal.equivalentWith pos (Ops.sqrt (x ** 2)) x)
    Assert.That(Normal.equivalentWith (Assumptions.Positive [ "y" ]) (Ops.sqrt (4 * y ** 2 * x)) (2 * y * Ops.sqrt x))
    // sqrt(x y) = sqrt x sqrt y holds for positive x, y but not in general
    Assert.That(Normal.equivalent (Ops.sqrt (x * y)) (Ops.sqrt x * Ops.sqrt y), Is.False)
    Assert.That(Normal.equivalentWith pos (Ops.sqrt (x * y)) (Ops.sqrt x * Ops.sqrt y))
    // a declared-positive factor comes out of the root
    let d = 2 * x - y
    Assert.That(Normal.equivalentWith (pos.AndPositive d) (Ops.sqrt (d ** 2 * x)) (d * Ops.sqrt x))
    Assert.That(Normal.equivalentWith pos (Ops.sqrt (d ** 2 * x)) (d * Ops.sqrt x), Is.False)

[<Test>]
let ``radical relations reduce powers`` () =
    let s = Ops.sqrt (x ** 2 + 1)
    Assert.That(Normal.equivalent (s ** 3) ((x ** 2 + 1) * s))
    Assert.That(Normal.equivalent ((1 + s) * (1 - s)) (-(x ** 2)))
    Assert.That(Normal.isZeroWith Assumptions.None (Ops.pow (Expr.Int 2) (Expr.Rational(1, 3)) ** 3 - 2))

[<Test>]
let ``signs on the assumed domain`` () =
    Assert.That(Normal.signWith pos (x + y), Is.EqualTo 1)
    Assert.That(Normal.signWith pos (-(x * y) - 1), Is.EqualTo -1)
    Assert.That(Normal.signWith pos (x - y), Is.EqualTo 0)
    Assert.That(Normal.signWith (pos.AndPositive(x - y)) (2 * x - 2 * y), Is.EqualTo 1)
    Assert.That(Normal.signWith (pos.AndPositive(x - y)) ((x + 1) * (y - x)), Is.EqualTo -1)
    Assert.That(Normal.signWith Assumptions.None (x + y), Is.EqualTo 0)

[<Test>]
let ``functions are kernels with normalised arguments`` () =
    Assert.That(Normal.equivalent (Ops.exp ((x ** 2 - 1) / (x - 1))) (Ops.exp (x + 1)))
    Assert.That(Normal.equivalent (Ops.sin x ** 2 / Ops.sin x) (Ops.sin x))
    Assert.That(Normal.equivalent (Ops.exp x ** 3) (Ops.exp x * Ops.exp (2 * x)))
    Assert.That(Normal.equivalent (Ops.exp (x + y)) (Ops.exp x * Ops.exp y))
    Assert.That(Normal.equivalent (Ops.exp (x / 2) ** 2) (Ops.exp x))
    Assert.That(Normal.equivalent (Ops.exp (x / 2)) (Ops.exp x), Is.False)

[<Test>]
let ``division by a hidden zero is detected`` () =
    let e = 1 / ((x + 1) ** 2 - x ** 2 - 2 * x - 1)
    Assert.That(Normal.simplify e, Is.EqualTo ComplexInfinity)

[<Property(Arbitrary = [| typeof<PolyArb> |], MaxTest = 60)>]
let ``normal form is idempotent and independent of expansion`` (f: Expr) (g: Expr) =
    let e = f / g + g / f
    let n1 = simp e
    simp n1 = n1 && simp (Algebraic.expand (f * f + g * g) / Algebraic.expand (f * g)) = n1

[<Property(Arbitrary = [| typeof<PolyArb> |], MaxTest = 60)>]
let ``a difference of equal rational functions is zero`` (f: Expr) (g: Expr) (h: Expr) =
    Normal.equivalent ((f * h) / (g * h)) (f / g) && not (Normal.equivalent (f / g) (f / g + 1))

[<Test>]
let ``exponents with huge denominators are opaque kernels, not overflows`` () =
    let c = Number(Q.OfDouble 197.3269804)
    let e = Ops.exp (Ops.negate (Ops.multiply c (x ** 2)))
    // no OverflowException; the exponential of a huge-denominator multiple is its own kernel
    Assert.That(Normal.equivalent (e * e / e) e)
    Assert.That(Normal.equivalent (e * e) (Ops.pow e (Expr.Int 2)))
    Assert.That(Normal.equivalent (Ops.pow x (Number(Q.Create(1I, 10000000000000I))) ** 2) (Ops.pow x (Number(Q.Create(2I, 10000000000000I)))))
