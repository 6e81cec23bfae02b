module NuDM.Physics.Tests.PolynomialTests

open NUnit.Framework
open FsCheck.FSharp
open FsCheck.NUnit
open NuDM.Symbolic

let private expand = Algebraic.expand

[<Test>]
let ``expand of (a+b)^n gives the binomial coefficients`` () =
    for n in 0 .. 12 do
        let e = expand (Ops.pow (a + b) (Expr.Int n))
        let cs = Polynomial.coefficients a e
        Assert.That(cs.Length, Is.EqualTo(n + 1))
        let mutable binom = 1I
        for k in 0 .. n do
            // coefficient of a^k is C(n,k) b^(n−k)
            cs.[k] === Ops.multiply (Number(Q.OfBigInt binom)) (Ops.pow b (Expr.Int(n - k)))
            binom <- binom * System.Numerics.BigInteger(n - k) / System.Numerics.BigInteger(k + 1)

[<Test>]
let ``gcd of multivariate polynomials`` () =
    let f = expand ((x + y) ** 2 * (x - 1))
    let g = expand ((x + y) * (x + 1) * (x - 1))
    Polynomial.gcd f g === expand ((x + y) * (x - 1))
    Polynomial.gcd (expand ((x + 1) * (y + 2))) (expand ((x - 1) * (y - 2))) === Ops.one
    // with symbolic coefficients: gcd(a x^2 - a y^2, b x + b y) = x + y
    Polynomial.gcd (expand (a * (x ** 2 - y ** 2))) (expand (b * (x + y))) === x + y

[<Test>]
let ``exact division and degree`` () =
    Polynomial.tryDivide (expand ((x + y) ** 3)) (x + y) |> Option.get === expand ((x + y) ** 2)
    Assert.That(Polynomial.tryDivide (x ** 2 + 1) (x + 1), Is.EqualTo None)
    Assert.That(Polynomial.degree x (expand ((x + y) ** 4 * y)), Is.EqualTo 4)
    Assert.That(Polynomial.degree y (expand ((x + y) ** 4 * y)), Is.EqualTo 5)

[<Test>]
let ``square-free factorisation`` () =
    let e = expand (x * (x - 1) ** 3 * (x + y) ** 2)
    let f = Polynomial.squareFreeFactor e
    f === x * (x - 1) ** 3 * (x + y) ** 2
    expand f === e

/// Random small polynomials in x, y, z with integer coefficients.
let private poly : FsCheck.Gen<Expr> =
    let term =
        gen {
            let! c = Gen.choose (-4, 4)
            let! i = Gen.choose (0, 2)
            let! j = Gen.choose (0, 2)
            let! k = Gen.choose (0, 1)
            return Expr.Int c * x ** i * y ** j * z ** k
        }
    Gen.listOfLength 3 term |> Gen.map Ops.sum |> Gen.filter (fun p -> not (Ops.isZero p))

type PolyArb =
    static member Poly() = Arb.fromGen poly

[<Property(Arbitrary = [| typeof<PolyArb> |], MaxTest = 60)>]
let ``gcd(f·h, g·h) is divisible by h and divides both`` (f: Expr) (g: Expr) (h: Expr) =
    let fh = expand (f * h)
    let gh = expand (g * h)
    let d = Polynomial.gcd fh gh
    (Polynomial.tryDivide d (expand h)).IsSome
    && (Polynomial.tryDivide fh d).IsSome
    && (Polynomial.tryDivide gh d).IsSome

[<Property(Arbitrary = [| typeof<PolyArb> |], MaxTest = 60)>]
let ``square-free factorisation multiplies back`` (f: Expr) (g: Expr) =
    let p = expand (f * g * g)
    expand (Polynomial.squareFreeFactor p) = p
