/// FsCheck generators of random canonical expressions, shared by the property tests.
module NuDM.Physics.Tests.Generators

open FsCheck
open FsCheck.FSharp
open NuDM.Symbolic

let private symbolNames = [ "x"; "y"; "z"; "m_chi"; "E_nu" ]

let private smallRational =
    gen {
        let! n = Gen.choose (-9, 9)
        let! d = Gen.elements [ 1; 1; 1; 2; 3; 4 ]
        return Expr.Rational(n, d)
    }

let private atom =
    Gen.frequency [ 3, Gen.elements symbolNames |> Gen.map Expr.Sym
                    2, smallRational
                    1, Gen.constant Ops.pi ]

/// Random expressions of bounded depth built only through the smart constructors (so they are canonical).
/// Exponents are small integers or ±1/2, functions are exp, ln, sin, cos and an opaque BesselK.
let rec private exprOfSize (n: int) : Gen<Expr> =
    if n <= 1 then atom
    else
        let sub = exprOfSize (n / 2)
        Gen.frequency [
            2, atom
            3, Gen.map2 (+) sub sub
            3, Gen.map2 (*) sub sub
            1, Gen.map2 (-) sub sub
            1, gen { let! b = sub
                     let! k = Gen.elements [ -2; -1; 2; 3 ]
                     return Ops.pow b (Expr.Int k) }
            1, gen { let! b = sub
                     let! h = Gen.elements [ Expr.Rational(1, 2); Expr.Rational(-1, 2); Expr.Rational(3, 2) ]
                     return Ops.pow b h }
            1, gen { let! f = Gen.elements [ Ops.exp; Ops.ln; Ops.sin; Ops.cos ]
                     let! a = sub
                     return f a }
            1, gen { let! nu = Gen.elements [ 1; 2 ]
                     let! a = sub
                     return Ops.besselK (Expr.Int nu) a }
        ]

/// The expression generator, sized by FsCheck's size parameter (capped to keep trees small).
let expr : Gen<Expr> = Gen.sized (fun s -> exprOfSize (min s 24))

/// Register with [<Property(Arbitrary = [| typeof<ExprArbitrary> |])>].
type ExprArbitrary =
    static member Expr() : Arbitrary<Expr> = Arb.fromGen expr
