module NuDM.Physics.Tests.CalculusTests

open NUnit.Framework
open FsCheck.NUnit
open NuDM.Symbolic
open NuDM.Physics.Tests.Generators

let private d = Calculus.differentiate x

[<Test>]
let ``elementary derivatives`` () =
    d (x ** 5) === 5 * x ** 4
    d (Ops.sin x) === Ops.cos x
    d (Ops.cos x) === -(Ops.sin x)
    d (Ops.ln x) === 1 / x
    d (Ops.exp (x ** 2)) === 2 * x * Ops.exp (x ** 2)
    d (Ops.sqrt x) === Expr.Rational(1, 2) / Ops.sqrt x
    d (y ** 3) === Ops.zero
    // dK_0/dx = −K_1 (K_−1 = K_1)
    d (Ops.besselK Ops.zero x) === -(Ops.besselK Ops.one x)
    // x^x
    proven (Normal.equivalent (d (x ** x)) (x ** x * (Ops.ln x + 1)))

[<Test>]
let ``higher derivatives`` () =
    Calculus.differentiateN x 3 (x ** 5) === 60 * x ** 2
    Calculus.differentiateN x 4 (Ops.sin x) === Ops.sin x

/// Differentiation is checked against the normal form, so these are symbolic identities, not samples.
[<Property(Arbitrary = [| typeof<ExprArbitrary> |], MaxTest = 80)>]
let ``product rule`` (f: Expr) (g: Expr) =
    Structure.hasSpecial (f * g) || (Normal.equivalent (d (f * g)) (d f * g + f * d g)).IsProven

[<Property(Arbitrary = [| typeof<ExprArbitrary> |], MaxTest = 80)>]
let ``chain rule`` (g: Expr) =
    let outer = [ Ops.sin, Ops.cos; Ops.exp, Ops.exp; (fun u -> u ** 3), (fun u -> 3 * u ** 2); Ops.sqrt, (fun u -> 1 / (2 * Ops.sqrt u)) ]
    Structure.hasSpecial g
    || outer |> List.forall (fun (f, f') -> Structure.hasSpecial (f' g) || (Normal.equivalent (d (f g)) (f' g * d g)).IsProven)
