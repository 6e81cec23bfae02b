namespace NuDM.Symbolic

/// Exact solution of polynomial equations of degree ≤ 2 in one variable, and zeros of expressions whose
/// normal-form numerator reduces to such a polynomial.
[<RequireQualifiedAccess>]
module Solve =
    /// Roots of the polynomial equation p = 0 in x (degree 1 or 2), simplified under the assumptions.
    /// For degree 2 both roots are returned, (−b − √Δ)/(2a) first, then (−b + √Δ)/(2a).
    [<CompiledName("PolynomialRoots")>]
    let polynomialWith (assume: Assumptions) (x: Expr) (p: Expr) : Expr list =
        let p = Algebraic.expand p
        if not (Polynomial.isPolynomialIn x p) then
            invalidArg "p" (sprintf "%O is not a polynomial in %O" p x)
        let cs = Polynomial.coefficients x p |> List.map (Normal.simplifyWith assume)
        let simplify = Normal.simplifyWith assume
        match cs with
        | [] | [ _ ] -> invalidArg "p" (sprintf "%O does not depend on %O: nothing to solve" p x)
        | [ c0; c1 ] -> [ simplify (-(c0 / c1)) ]
        | [ c; b; a ] ->
            // x = (−b ∓ √(b² − 4ac))/(2a)
            let sq = sqrt (simplify (b ** 2 - 4 * a * c))
            [ simplify ((-b - sq) / (2 * a)); simplify ((-b + sq) / (2 * a)) ]
        | _ -> raise (System.NotSupportedException(sprintf "degree %d in %O: only degree ≤ 2 is solved symbolically" (cs.Length - 1) x))

    /// Roots of p = 0 without assumptions.
    [<CompiledName("PolynomialRoots")>]
    let polynomial (x: Expr) (p: Expr) : Expr list = polynomialWith Assumptions.None x p

    /// Zeros in x of a (rational, radical) expression e on the assumed domain: the normal-form numerator is
    /// stripped of factors that cannot vanish (positive kernels, factors free of x), a single square root in x
    /// is isolated and squared away, the resulting polynomial (degree ≤ 2) is solved, and every candidate is
    /// checked by substituting it back into e (normal form zero). Spurious roots from squaring are dropped (a
    /// candidate is dropped when its residual is proven non-zero; UndecidedException when it is neither).
    [<CompiledName("Zeros")>]
    let zerosWith (assume: Assumptions) (x: Expr) (e: Expr) : Expr list =
        let nf = Normal.normalFormWith assume e
        if nf.IsZero then invalidArg "e" "the expression is identically zero"
        let ring = nf.Ring
        let num = nf.Numerator
        let dependsOnX (v: int) = not (Structure.freeOf x ring.Variables.[v])
        // drop a monomial content in kernels (radicals of positive radicands and positive symbols are non-zero)
        let mono = MPoly.monomialContent num
        let num = MPoly.divideExact num (MPoly.ofMonomial num.Arity mono)
        // drop factors free of x
        let xVars = MPoly.variables num |> List.filter dependsOnX
        let num =
            match xVars with
            | [] -> num
            | v :: _ -> snd (MPoly.contentAndPrimitive v num)
        let radicalVars =
            MPoly.variables num
            |> List.filter (fun v -> dependsOnX v && (match ring.Variables.[v] with Power(_, Number q) -> not q.IsInteger | _ -> false))
        let polynomial =
            match radicalVars with
            | [] -> ring.ToExpr num
            | [ s ] when MPoly.degree s num = 1 ->
                // A + B·s = 0 with s^2 = R  ⇒  A^2 − B^2·R = 0
                let a = ring.ToExpr(MPoly.coefficient s 0 num)
                let b = ring.ToExpr(MPoly.coefficient s 1 num)
                let r =
                    match ring.Variables.[s] with
                    | Power(r, Number q) when q.Denominator = System.Numerics.BigInteger 2 -> r
                    | k -> raise (System.NotSupportedException(sprintf "cannot isolate the radical %O" k))
                Normal.simplifyWith assume (a ** 2 - b ** 2 * r)
                |> Normal.numeratorDenominator assume
                |> fst
            | _ -> raise (System.NotSupportedException "zeros of expressions with several radicals in the unknown are not supported")
        let candidates = polynomialWith assume x polynomial
        candidates
        |> List.filter (fun c ->
            let back = Structure.substitute x c e
            if Structure.hasSpecial back then false
            else
                let d = Normal.isZeroWith assume back
                match d.Verdict with
                | Verdict.Proven -> true
                | Verdict.Disproven -> false
                | _ ->
                    raise (
                        UndecidedException(
                            sprintf "zeros: cannot decide whether %s = %s is a zero of %s (%s)" (Infix.format x) (Infix.format c) (Bounds.truncate 200 (Infix.format e)) d.Reason,
                            d)))
        |> List.distinct
