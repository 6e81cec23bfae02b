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

// ---- expressions in related radicals ------------------------------------------------------------------------

/// The symbols of radicalExpr; evaluate it at positive values of them.
let radicalSymbols = [ "a"; "b"; "x" ]

let private ra, rb, rx = Expr.Sym "a", Expr.Sym "b", Expr.Sym "x"

/// Radicals that are related but not identical: √2, √3, √6 = √2·√3, √a, √b, √(ab), √(a + 1), √(2a + 2), √(a² + a)
/// = √a·√(a + 1) (for a > 0), ∛2 and ∛4 = ∛2²; and products of sums of them, which the smart constructors keep
/// unexpanded: (1 + √2)(1 + √3), and √6 written as (1 + √2)(1 + √3) − 1 − √2 − √3 (likewise with √a, √b).
let private radicals =
    let s2, s3, sa, sb = Ops.sqrt (Expr.Int 2), Ops.sqrt (Expr.Int 3), Ops.sqrt ra, Ops.sqrt rb
    [ s2; s3; Ops.sqrt (Expr.Int 6)
      sa; sb; Ops.sqrt (ra * rb)
      Ops.sqrt (ra + 1); Ops.sqrt (2 * ra + 2); Ops.sqrt (ra * ra + ra)
      Ops.pow (Expr.Int 2) (Expr.Rational(1, 3)); Ops.pow (Expr.Int 4) (Expr.Rational(1, 3))
      (1 + s2) * (1 + s3); (1 + s2) * (1 + s3) - 1 - s2 - s3
      (1 + sa) * (1 + sb); (1 + sa) * (1 + sb) - 1 - sa - sb ]

let private radicalAtom =
    Gen.frequency [ 4, Gen.elements radicals
                    2, Gen.elements [ ra; rb; rx ]
                    2, Gen.map2 (fun n d -> Expr.Rational(n, d)) (Gen.choose (-3, 3)) (Gen.elements [ 1; 1; 2 ]) ]

/// Random expressions in a few related radicals and symbols: sums, differences, products, quotients and small
/// integer powers, built through the smart constructors. The quotients put related radicals into denominators,
/// where rationalisation must not multiply by a conjugate that is zero.
let rec private radicalOfSize (n: int) : Gen<Expr> =
    if n <= 1 then radicalAtom
    else
        let sub = radicalOfSize (n / 2)
        Gen.frequency [
            2, radicalAtom
            3, Gen.map2 (+) sub sub
            3, Gen.map2 (*) sub sub
            1, Gen.map2 (-) sub sub
            2, Gen.map2 (/) sub sub
            1, gen { let! b = sub
                     let! k = Gen.elements [ -1; 2; 3 ]
                     return Ops.pow b (Expr.Int k) }
        ]

/// The radical-expression generator, sized by FsCheck's size parameter (capped to keep trees small: a
/// denominator with k independent square roots has a norm of 2^k conjugate factors, so bigger trees mostly test
/// the work budget).
let radicalExpr : Gen<Expr> = Gen.sized (fun s -> radicalOfSize (min s 10))

/// Register with [<Property(Arbitrary = [| typeof<RadicalArbitrary> |])>].
type RadicalArbitrary =
    static member Expr() : Arbitrary<Expr> = Arb.fromGen radicalExpr
