namespace NuDM.Symbolic

open System.Numerics

/// Algebraic rewriting: expansion and the split of a term into numerator and denominator.
[<RequireQualifiedAccess>]
module Algebraic =
    /// The terms of a sum (a single term for anything else).
    [<CompiledName("Summands")>]
    let summands (e: Expr) : Expr list = match e with Sum xs -> xs | _ -> [ e ]

    /// The factors of a product (a single factor for anything else).
    [<CompiledName("Factors")>]
    let factors (e: Expr) : Expr list = match e with Product xs -> xs | _ -> [ e ]

    let rec private multiplyOut (a: Expr) (b: Expr) : Expr =
        match a, b with
        | Sum xs, _ -> Ops.sum (xs |> List.map (fun x -> multiplyOut x b))
        | _, Sum ys -> Ops.sum (ys |> List.map (fun y -> multiplyOut a y))
        | _ -> Ops.multiply a b

    let rec private powerOut (b: Expr) (n: int) : Expr =
        match b with
        | Sum _ when n > 1 ->
            // binary powering keeps the number of multiplications at O(log n)
            let half = powerOut b (n / 2)
            let sq = multiplyOut half half
            if n % 2 = 0 then sq else multiplyOut sq b
        | _ -> Ops.pow b (Ops.integer n)

    /// Distributes products over sums and expands positive integer powers of sums, everywhere in e
    /// (also inside function arguments, radicands and denominators).
    [<CompiledName("Expand")>]
    let rec expand (e: Expr) : Expr =
        match e with
        | Sum xs -> Ops.sum (List.map expand xs)
        | Product xs -> xs |> List.map expand |> List.fold multiplyOut Ops.one
        | Power(b, Number q) when q.IsInteger && q.Sign > 0 && q.Num < BigInteger 1000 -> powerOut (expand b) (int q.Num)
        | Power(b, x) -> Ops.pow (expand b) (expand x)
        | Apply(f, xs) -> Ops.apply f (List.map expand xs)
        | _ -> e

    /// True when a factor has a negative exponent (x^-2, x^(-1/2), x^(-y)) and so belongs to a denominator.
    let internal isDenominatorFactor (f: Expr) =
        match f with
        | Power(_, Number q) -> q.Sign < 0
        | Power(_, Product(Number q :: _)) -> q.Sign < 0
        | _ -> false

    /// The numerator of e as written (factors with negative exponents removed; 3/4 → 3).
    [<CompiledName("Numerator")>]
    let numerator (e: Expr) : Expr =
        match e with
        | Number q -> Number(Q.OfBigInt q.Num)
        | Product fs ->
            fs
            |> List.map (fun f -> match f with Number q -> Number(Q.OfBigInt q.Num) | _ -> f)
            |> List.filter (fun f -> not (isDenominatorFactor f))
            |> Ops.product
        | _ when isDenominatorFactor e -> Ops.one
        | _ -> e

    /// The denominator of e as written (x/(y^2) → y^2; 3/4 → 4).
    [<CompiledName("Denominator")>]
    let denominator (e: Expr) : Expr =
        let inv f = Ops.invert f
        match e with
        | Number q -> Number(Q.OfBigInt q.Denominator)
        | Product fs ->
            fs
            |> List.map (fun f ->
                match f with
                | Number q -> Number(Q.OfBigInt q.Denominator)
                | _ when isDenominatorFactor f -> inv f
                | _ -> Ops.one)
            |> Ops.product
        | _ when isDenominatorFactor e -> inv e
        | _ -> Ops.one
