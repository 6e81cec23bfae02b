namespace NuDM.Symbolic

/// Differentiation: one rule per node kind; the canonical constructors clean up (0·ln b vanishes, etc.).
[<RequireQualifiedAccess>]
module Calculus =
    /// d e / d x, where x is a symbol (or any subexpression treated as an independent variable).
    /// Named functions: BesselK(n, z) uses dK_n/dz = −(K_{n−1}(z) + K_{n+1}(z))/2 and the scaled BesselKe(n, z) = eᶻK_n(z)
    /// uses dK_nᵉ/dz = K_nᵉ(z) − (K_{n−1}ᵉ(z) + K_{n+1}ᵉ(z))/2 (n free of x); other named
    /// functions are differentiable only when their arguments do not depend on x.
    [<CompiledName("Differentiate")>]
    let rec differentiate (x: Expr) (e: Expr) : Expr =
        if e = x then Ops.one
        elif Structure.freeOf x e then Ops.zero
        else
            let d = differentiate x
            match e with
            | Sum xs -> Ops.sum (List.map d xs)
            | Product xs ->
                let arr = Array.ofList xs
                [ for i in 0 .. arr.Length - 1 do
                      let di = d arr.[i]
                      if not (Ops.isZero di) then
                          yield Ops.product (di :: [ for j in 0 .. arr.Length - 1 do if j <> i then yield arr.[j] ]) ]
                |> Ops.sum
            | Power(b, (Number q as n)) -> Ops.product [ n; Ops.pow b (Number(q - Q.One)); d b ]
            | Power(b, y) ->
                // b^y (y' ln b + y b'/b)
                Ops.multiply e (Ops.add (Ops.multiply (d y) (Ops.ln b)) (Ops.product [ y; d b; Ops.invert b ]))
            | Apply(Exp, [ u ]) -> e * d u
            | Apply(Ln, [ u ]) -> d u / u
            | Apply(Sin, [ u ]) -> cos u * d u
            | Apply(Cos, [ u ]) -> -(sin u * d u)
            | Apply(Tan, [ u ]) -> (1 + tan u ** 2) * d u
            | Apply(Abs, [ u ]) -> Ops.product [ u; Ops.invert (Ops.abs u); d u ]
            | Apply(Named "BesselK", [ n; u ]) when Structure.freeOf x n ->
                let km = Ops.besselK (n - 1) u
                let kp = Ops.besselK (n + 1) u
                Ops.product [ Ops.rational -1 2; Ops.add km kp; d u ]
            | Apply(Named "BesselKe", [ n; u ]) when Structure.freeOf x n ->
                // d/dz [eᶻ K_n(z)] = eᶻ K_n(z) − eᶻ (K_{n−1}(z) + K_{n+1}(z))/2
                let km = Ops.besselKe (n - 1) u
                let kp = Ops.besselKe (n + 1) u
                (e - Ops.half * (km + kp)) * d u
            | Apply(f, _) ->
                raise (System.NotSupportedException(sprintf "no derivative rule for %s with an argument depending on %O" f.Name x))
            | Undefined | PositiveInfinity | NegativeInfinity | ComplexInfinity -> Undefined
            | Number _ | Symbol _ | Constant _ -> Ops.zero // unreachable: handled by freeOf

    /// The n-th derivative.
    [<CompiledName("DifferentiateN")>]
    let rec differentiateN (x: Expr) (n: int) (e: Expr) : Expr =
        if n < 0 then invalidArg "n" "the order of a derivative must be ≥ 0"
        elif n = 0 then e
        else differentiateN x (n - 1) (differentiate x e)

    /// An antiderivative with respect to x of a sum of terms c·x^k (c free of x, k rational; k = −1 gives c·ln x),
    /// after expansion. Throws NotSupportedException for anything else (no general integration here).
    [<CompiledName("IntegratePolynomial")>]
    let integratePolynomial (x: Expr) (e: Expr) : Expr =
        Algebraic.expand e
        |> Algebraic.summands
        |> List.map (fun term ->
            let inX, rest = Algebraic.factors term |> List.partition (fun f -> not (Structure.freeOf x f))
            let c = Ops.product rest
            match inX with
            | [] -> c * x
            | [ f ] when f = x -> c * (x ** 2 / 2)
            | [ Power(b, Number k) ] when b = x ->
                if k = Q.MinusOne then c * Ops.ln x
                else c * (x ** Number(k + Q.One) / Number(k + Q.One))
            | _ -> raise (System.NotSupportedException(sprintf "IntegratePolynomial: the term %O is not c·%O^k" term x)))
        |> Ops.sum

    /// ∫_a^b e dx for e a sum of terms c·x^k (see IntegratePolynomial).
    [<CompiledName("DefiniteIntegral")>]
    let definiteIntegral (x: Expr) (a: Expr) (b: Expr) (e: Expr) : Expr =
        let F = integratePolynomial x e
        Structure.substitute x b F - Structure.substitute x a F
