namespace NuDM.Symbolic

open System
open System.Numerics

/// Named mathematical constants that are kept exact.
type Constant =
    | Pi

/// Functions an expression can apply. Named functions are opaque (e.g. Named "BesselK" with arguments [n; x]):
/// the algebra treats them as kernels, the calculus knows the rules registered for them.
type Function =
    | Exp
    | Ln
    | Sin
    | Cos
    | Tan
    | Abs
    | Named of string

    member f.Name =
        match f with
        | Exp -> "exp"
        | Ln -> "ln"
        | Sin -> "sin"
        | Cos -> "cos"
        | Tan -> "tan"
        | Abs -> "abs"
        | Named n -> n

/// A symbolic expression, always held in canonical, automatically simplified form.
///
/// Invariants (kept by the smart constructors in module Ops; never build Sum/Product/Power cases directly):
/// - Number holds an exact rational; there is no floating point inside an expression.
/// - Sum: at least two terms; no Sum inside; at most one Number and it comes first (never 0); the other terms
///   are sorted by Order.compare of their non-numeric part and like terms are merged (x + 2x = 3x).
/// - Product: at least two factors; no Product inside; at most one Number, first (never 0 or 1 unless alone);
///   factors sorted, like bases merged (x·x² = x³); a Number times a single Sum is distributed (-(a+b) = -a-b).
/// - Power(b, e): e ≠ 0, 1; sqrt x is Power(x, 1/2); a numeric base with a fractional exponent is reduced to
///   c · n^(1/r) with n free of r-th powers (by trial division below 1000) and c rational.
/// - Undefined and the three infinities absorb arithmetic in the usual way.
[<StructuralEquality; NoComparison>]
type Expr =
    | Number of Q
    | Symbol of string
    | Constant of Constant
    | Sum of Expr list
    | Product of Expr list
    | Power of Expr * Expr
    | Apply of Function * Expr list
    | Undefined
    | PositiveInfinity
    | NegativeInfinity
    | ComplexInfinity

    /// A plain, fully bracketed rendering for debugging; use Infix.Format for the canonical infix text.
    override e.ToString() =
        let rec show e =
            match e with
            | Number q -> if q.Sign < 0 || not q.IsInteger then "(" + q.ToString() + ")" else q.ToString()
            | Symbol s -> s
            | Constant Pi -> "pi"
            | Sum xs -> "(" + String.Join(" + ", xs |> List.map show) + ")"
            | Product xs -> "(" + String.Join("*", xs |> List.map show) + ")"
            | Power(b, x) -> show b + "^" + show x
            | Apply(f, xs) -> f.Name + "(" + String.Join(", ", xs |> List.map show) + ")"
            | Undefined -> "undefined"
            | PositiveInfinity -> "inf"
            | NegativeInfinity -> "-inf"
            | ComplexInfinity -> "complexinf"
        show e

/// The total order used to sort the operands of sums and products (after J. S. Cohen, "Computer Algebra and
/// Symbolic Computation", ordering rules O-1 … O-13). Only the determinism of the order matters for canonicity.
module Order =
    let private specialRank e =
        match e with
        | Undefined -> 0
        | PositiveInfinity -> 1
        | NegativeInfinity -> 2
        | ComplexInfinity -> 3
        | _ -> -1

    let private atomName e =
        match e with
        | Symbol s -> s
        | Constant Pi -> "pi"
        | _ -> ""

    let rec compare (u: Expr) (v: Expr) : int =
        match u, v with
        | Number a, Number b -> (a :> IComparable<Q>).CompareTo b
        | Number _, _ -> -1
        | _, Number _ -> 1
        | _ when specialRank u >= 0 || specialRank v >= 0 ->
            match specialRank u, specialRank v with
            | a, b when a >= 0 && b >= 0 -> Operators.compare a b
            | a, _ when a >= 0 -> -1
            | _ -> 1
        | (Symbol _ | Constant _), (Symbol _ | Constant _) ->
            let c = String.CompareOrdinal(atomName u, atomName v)
            if c <> 0 then sign c
            else
                match u, v with
                | Constant _, Symbol _ -> -1
                | Symbol _, Constant _ -> 1
                | _ -> 0
        | Sum xs, Sum ys
        | Product xs, Product ys -> compareReversed xs ys
        | Power(b1, e1), Power(b2, e2) ->
            let c = compare b1 b2
            if c <> 0 then c else compare e1 e2
        | Apply(f, xs), Apply(g, ys) ->
            let c = String.CompareOrdinal(f.Name, g.Name)
            if c <> 0 then sign c else compareForward xs ys
        | Product xs, _ -> compareReversed xs [ v ]
        | _, Product ys -> -(compareReversed ys [ u ])
        | Power(b, e), _ ->
            let c = compare b v
            if c <> 0 then c else compare e (Number Q.One)
        | _, Power(b, e) ->
            let c = compare u b
            if c <> 0 then c else compare (Number Q.One) e
        | Sum xs, _ -> compareReversed xs [ v ]
        | _, Sum ys -> -(compareReversed ys [ u ])
        | Apply(f, _), (Symbol _ | Constant _) ->
            let c = String.CompareOrdinal(f.Name, atomName v)
            if c = 0 then 1 else sign c
        | (Symbol _ | Constant _), Apply(f, _) ->
            let c = String.CompareOrdinal(atomName u, f.Name)
            if c = 0 then -1 else sign c
        | _ -> failwithf "Order.compare: unhandled pair %O, %O" u v

    /// Compare operand lists from the last element backwards; a list that runs out first is smaller.
    and private compareReversed (xs: Expr list) (ys: Expr list) =
        let rec go (a: Expr list) (b: Expr list) =
            match a, b with
            | [], [] -> 0
            | [], _ -> -1
            | _, [] -> 1
            | x :: xt, y :: yt ->
                let c = compare x y
                if c <> 0 then c else go xt yt
        go (List.rev xs) (List.rev ys)

    and private compareForward (xs: Expr list) (ys: Expr list) =
        match xs, ys with
        | [], [] -> 0
        | [], _ -> -1
        | _, [] -> 1
        | x :: xt, y :: yt ->
            let c = compare x y
            if c <> 0 then c else compareForward xt yt

/// Counts the term comparisons made while building sums (per thread), so tests can check that building a sum
/// one term at a time costs O(log n) comparisons per term rather than a re-sort.
type internal SumStatistics private () =
    [<ThreadStatic; DefaultValue>]
    static val mutable private comparisons: int64

    static member Comparisons
        with get () = SumStatistics.comparisons
        and set (v: int64) = SumStatistics.comparisons <- v

/// Smart constructors: the only way expressions are built. Each keeps the invariants listed on Expr.
[<RequireQualifiedAccess>]
module Ops =
    let zero = Number Q.Zero
    let one = Number Q.One
    let minusOne = Number Q.MinusOne
    let half = Number(Q.Create(BigInteger.One, BigInteger 2))

    let number (q: Q) = Number q
    let integer (n: int) = Number(Q.OfInt n)
    let rational (n: int) (d: int) = Number(Q.Create(BigInteger n, BigInteger d))
    let symbol (name: string) =
        if String.IsNullOrWhiteSpace name then invalidArg "name" "a symbol needs a non-empty name"
        Symbol name
    let pi = Constant Pi

    let isNumber e = match e with Number _ -> true | _ -> false
    let isZero e = match e with Number q -> q.IsZero | _ -> false
    let isOne e = match e with Number q -> q.IsOne | _ -> false
    let isSpecial e =
        match e with
        | Undefined | PositiveInfinity | NegativeInfinity | ComplexInfinity -> true
        | _ -> false

    /// Splits a term into its numeric coefficient and the rest (3·x·y → 3, x·y; x → 1, x).
    let splitCoefficient (e: Expr) : Q * Expr =
        match e with
        | Number q -> q, one
        | Product(Number q :: [ x ]) -> q, x
        | Product(Number q :: rest) -> q, Product rest
        | _ -> Q.One, e

    /// Splits a factor into base and exponent (x^2 → x, 2; x → x, 1).
    let splitPower (e: Expr) : Expr * Expr =
        match e with
        | Power(b, x) -> b, x
        | _ -> e, one

    let private sortBy (key: 'a -> Expr) (xs: 'a list) = List.sortWith (fun a b -> Order.compare (key a) (key b)) xs

    /// Reduce a rational exponent of -1 into (-1, 1]: (-1)^q = exp(iπq) is 2-periodic in q.
    let private reduceMinusOneExponent (q: Q) =
        let two = Q.OfInt 2
        let k = (q / two).Floor
        let r = q - two * Q.OfBigInt k // in [0, 2)
        if r > Q.One then r - two else r

    let private radicalPart (n: BigInteger) (s: BigInteger) (r: int) : BigInteger * BigInteger =
        // n^(s/r) = A · B^(1/r) with B free of (small-prime) r-th powers
        Bounds.checkBits (Q.Bits n * int64 s) (fun () -> sprintf "a %d-bit number to the power %O" (Q.Bits n) s)
        IntegerRoots.extractPower (BigInteger.Pow(n, int s)) r

    /// a^q for rationals a and q, exact where possible, otherwise c · B^(1/r) with B an r-th-power-free integer.
    let rec private numberPower (a: Q) (q: Q) : Expr =
        if q.IsInteger then
            if a.IsZero && q.Sign < 0 then ComplexInfinity
            elif BigInteger.Abs q.Num > BigInteger 100000 && not (a.IsOne || a.IsZero || a.IsMinusOne) then
                Power(Number a, Number q)
            else Number(Q.Pow(a, int q.Num))
        elif a.IsZero then (if q.Sign > 0 then zero else ComplexInfinity)
        elif a.IsOne then one
        elif a.IsMinusOne then
            let r = reduceMinusOneExponent q
            if r.IsZero then one elif r.IsOne then minusOne else Power(minusOne, Number r)
        elif a.Sign < 0 then
            // (-a)^q = (-1)^q · a^q, valid for the principal branch because a > 0
            let m1 = numberPower Q.MinusOne q
            let rest = numberPower (Q.Abs a) q
            product [ m1; rest ]
        elif q.Denominator > BigInteger 64 then Power(Number a, Number q)
        else
            let r = int q.Denominator
            let k = q.Floor
            let f = q - Q.OfBigInt k // in (0,1), = s/r
            let s = f.Num
            let n, d = a.Num, a.Denominator
            // a^q = a^k · n^f / d^f, and 1/d^f = d^(-1) · d^(1-f)
            let a1, b1 = radicalPart n s r
            let a2, b2 = radicalPart d (BigInteger r - s) r
            let kInt = int k
            let c = Q.Pow(a, kInt) * Q.Create(a1 * a2, d)
            let b = b1 * b2
            if b.IsOne then Number c
            else
                let rad = Power(Number(Q.OfBigInt b), Number(Q.Create(BigInteger.One, BigInteger r)))
                if c.IsOne then rad else Product [ Number c; rad ]

    /// A term rebuilt from its coefficient k and its non-numeric part t (the inverse of splitCoefficient).
    and private withCoefficient (k: Q) (t: Expr) : Expr =
        if k.IsOne then t
        else
            match t with
            | Product fs -> Product(Number k :: fs)
            | _ -> Product [ Number k; t ]

    /// The canonical sum of a canonical Sum (terms ts), a number c0 and further terms that are neither numbers,
    /// sums nor special values: each is put in place by binary search among the sorted terms (O(log n)
    /// comparisons, O(n) copying). This keeps a sum built one term at a time (acc + t in a loop) from re-sorting
    /// all n terms at every step.
    and private insertTerms (ts: Expr list) (c0: Q) (extra: Expr list) : Expr =
        let mutable comparisons = 0L
        let key (e: Expr) = snd (splitCoefficient e)
        let mutable c = c0
        // the non-numeric terms, in order
        let body = match ts with Number q :: rest -> c <- c + q; rest | _ -> ts
        let arr = ResizeArray<Expr>(body)
        for x in extra do
            let k, t = splitCoefficient x
            // first index whose key is ≥ t
            let mutable lo = 0
            let mutable hi = arr.Count
            while lo < hi do
                let mid = (lo + hi) >>> 1
                comparisons <- comparisons + 1L
                if Order.compare (key arr.[mid]) t < 0 then lo <- mid + 1 else hi <- mid
            let equalAt = lo < arr.Count && (let k2, t2 = splitCoefficient arr.[lo] in t2 = t)
            if equalAt then
                let k2, _ = splitCoefficient arr.[lo]
                let s = k + k2
                if s.IsZero then arr.RemoveAt lo else arr.[lo] <- withCoefficient s t
            else arr.Insert(lo, withCoefficient k t)
        SumStatistics.Comparisons <- SumStatistics.Comparisons + comparisons
        let terms = List.ofSeq arr
        match terms with
        | [] -> Number c
        | [ t ] when c.IsZero -> t
        | _ -> if c.IsZero then Sum terms else Sum(Number c :: terms)

    /// Canonical sum of any number of terms.
    and sum (xs: Expr list) : Expr =
        match xs with
        // a canonical sum plus a few plain terms (the shape of acc + t): insertion, not a re-sort
        | [ Sum ts; x ] | [ x; Sum ts ] when not (isSpecial x) ->
            match x with
            | Number q -> insertTerms ts q []
            | Sum _ -> sumAll xs
            | _ -> insertTerms ts Q.Zero [ x ]
        | _ -> sumAll xs

    and private sumAll (xs: Expr list) : Expr =
        let flat = xs |> List.collect (fun x -> match x with Sum ts -> ts | _ -> [ x ])
        if flat |> List.exists (fun x -> x = Undefined) then Undefined
        else
            let hasPos = flat |> List.contains PositiveInfinity
            let hasNeg = flat |> List.contains NegativeInfinity
            let hasCpx = flat |> List.contains ComplexInfinity
            match hasPos, hasNeg, hasCpx with
            | true, true, _
            | true, _, true
            | _, true, true -> Undefined
            | true, _, _ -> PositiveInfinity
            | _, true, _ -> NegativeInfinity
            | _, _, true -> ComplexInfinity
            | _ ->
                let mutable c = Q.Zero
                let terms = ResizeArray<Q * Expr>()
                for x in flat do
                    match x with
                    | Number q -> c <- c + q
                    | _ -> terms.Add(splitCoefficient x)
                let comparisons = ref 0L
                let sorted =
                    terms
                    |> List.ofSeq
                    |> List.sortWith (fun a b ->
                        comparisons.Value <- comparisons.Value + 1L
                        Order.compare (snd a) (snd b))
                SumStatistics.Comparisons <- SumStatistics.Comparisons + comparisons.Value
                // merge like terms (adjacent after sorting)
                let merged =
                    let rec go (acc: (Q * Expr) list) (rest: (Q * Expr) list) =
                        match rest, acc with
                        | [], _ -> List.rev acc
                        | (k, t) :: tl, (k0, t0) :: acct when t = t0 -> go ((k0 + k, t0) :: acct) tl
                        | h :: tl, _ -> go (h :: acc) tl
                    go [] sorted |> List.filter (fun (k, _) -> not k.IsZero)
                let rebuilt = merged |> List.map (fun (k, t) -> withCoefficient k t)
                match rebuilt with
                | [] -> Number c
                | [ t ] when c.IsZero -> t
                | _ -> if c.IsZero then Sum rebuilt else Sum(Number c :: rebuilt)

    /// Canonical product of any number of factors.
    and product (xs: Expr list) : Expr =
        let flat = xs |> List.collect (fun x -> match x with Product fs -> fs | _ -> [ x ])
        if flat |> List.exists (fun x -> x = Undefined) then Undefined
        elif flat |> List.exists isSpecial then
            // infinities: 0·∞ is undefined; a known sign gives ±∞; anything symbolic gives a directionless ∞
            let nums = flat |> List.choose (fun x -> match x with Number q -> Some q | _ -> None)
            if nums |> List.exists (fun q -> q.IsZero) then Undefined
            else
                let others = flat |> List.filter (fun x -> not (isNumber x) && not (isSpecial x))
                let specials = flat |> List.filter isSpecial
                if not others.IsEmpty || specials |> List.contains ComplexInfinity then ComplexInfinity
                else
                    let negatives =
                        (nums |> List.filter (fun q -> q.Sign < 0) |> List.length)
                        + (specials |> List.filter (fun s -> s = NegativeInfinity) |> List.length)
                    if negatives % 2 = 0 then PositiveInfinity else NegativeInfinity
        else
            let mutable c = Q.One
            let factors = ResizeArray<Expr * Expr>()
            for x in flat do
                match x with
                | Number q -> c <- c * q
                | _ -> factors.Add(splitPower x)
            if c.IsZero then zero
            else
                let sorted = factors |> List.ofSeq |> sortBy fst
                let merged =
                    let rec go (acc: (Expr * Expr list) list) (rest: (Expr * Expr) list) =
                        match rest, acc with
                        | [], _ -> List.rev acc
                        | (b, e) :: tl, (b0, es) :: acct when b = b0 -> go ((b0, e :: es) :: acct) tl
                        | (b, e) :: tl, _ -> go ((b, [ e ]) :: acc) tl
                    go [] sorted
                let mutable unstable = false
                let rebuilt = ResizeArray<Expr>()
                for (b, es) in merged do
                    let e = match es with [ e ] -> e | _ -> sum es
                    let f = if es.Length = 1 then (match b, e with | _, Number q when q.IsOne -> b | _ -> pow b e) else pow b e
                    if es.Length > 1 then unstable <- true
                    match f with
                    | Number q -> c <- c * q
                    | Product _ -> unstable <- true; rebuilt.Add f
                    | _ -> rebuilt.Add f
                // numeric radicals with the same exponent merge: 2^(1/2)·3^(1/2) = 6^(1/2)
                let numericRadicals =
                    rebuilt
                    |> Seq.choose (fun f ->
                        match f with
                        | Power(Number b, Number q) when b.Sign > 0 -> Some q
                        | _ -> None)
                    |> Seq.countBy id
                if numericRadicals |> Seq.exists (fun (_, n) -> n > 1) then
                    let groups =
                        rebuilt
                        |> Seq.filter (fun f -> match f with Power(Number b, Number _) when b.Sign > 0 -> true | _ -> false)
                        |> Seq.groupBy (fun f -> match f with Power(_, Number q) -> q | _ -> Q.Zero)
                        |> List.ofSeq
                    let others =
                        rebuilt |> Seq.filter (fun f -> match f with Power(Number b, Number _) when b.Sign > 0 -> false | _ -> true) |> List.ofSeq
                    let combined =
                        groups
                        |> List.map (fun (q, fs) ->
                            let b = fs |> Seq.fold (fun acc f -> match f with Power(Number x, _) -> acc * x | _ -> acc) Q.One
                            numberPower b q)
                    product (Number c :: others @ combined)
                elif unstable then product (Number c :: List.ofSeq rebuilt)
                else
                    let fs = rebuilt |> List.ofSeq |> sortBy id
                    match fs with
                    | [] -> Number c
                    | [ f ] when c.IsOne -> f
                    | [ Sum ts ] -> sum (ts |> List.map (fun t -> product [ Number c; t ]))
                    | _ -> if c.IsOne then Product fs else Product(Number c :: fs)

    /// Canonical power b^e.
    and pow (b: Expr) (e: Expr) : Expr =
        match b, e with
        | Undefined, _
        | _, Undefined -> Undefined
        | _, Number q when q.IsZero -> one
        | _, Number q when q.IsOne -> b
        | Number a, Number q -> numberPower a q
        | Number a, _ when a.IsOne -> one
        | (PositiveInfinity | NegativeInfinity | ComplexInfinity), Number q ->
            if q.Sign < 0 then zero
            elif b = NegativeInfinity && q.IsInteger && not (BigInteger.Remainder(q.Num, BigInteger 2)).IsZero then NegativeInfinity
            elif b = NegativeInfinity && not q.IsInteger then ComplexInfinity
            elif b = ComplexInfinity then ComplexInfinity
            else PositiveInfinity
        | _, (PositiveInfinity | NegativeInfinity | ComplexInfinity) -> Undefined
        | Power(b1, e1), Number q when q.IsInteger -> pow b1 (product [ e1; e ])
        | Power(b1, Number r), Number q when r.Sign > 0 && r < Q.One -> pow b1 (Number(r * q))
        | Product fs, Number q when q.IsInteger -> product (fs |> List.map (fun f -> pow f e))
        | Product(Number c :: rest), _ when c.Sign > 0 ->
            let restE = match rest with [ x ] -> x | _ -> Product rest
            product [ pow (Number c) e; pow restE e ]
        | _ -> Power(b, e)

    let add a b = sum [ a; b ]
    let multiply a b = product [ a; b ]
    let negate a = product [ minusOne; a ]
    let subtract a b = sum [ a; negate b ]
    let invert a = pow a minusOne
    let divide a b = product [ a; invert b ]
    let sqrt a = pow a half
    let square a = pow a (integer 2)

    /// Applies a function with the evaluation rules that always hold (exp 0 = 1, ln 1 = 0, sin 0 = 0, …).
    let apply (f: Function) (args: Expr list) : Expr =
        if args |> List.contains Undefined then Undefined
        else
            match f, args with
            | Exp, [ Number q ] when q.IsZero -> one
            | Exp, [ Apply(Ln, [ x ]) ] -> x
            | Exp, [ NegativeInfinity ] -> zero
            | Exp, [ PositiveInfinity ] -> PositiveInfinity
            | Ln, [ Number q ] when q.IsOne -> zero
            | Ln, [ Number q ] when q.IsZero -> NegativeInfinity
            | Ln, [ Apply(Exp, [ Number q ]) ] -> Number q
            | Ln, [ PositiveInfinity ] -> PositiveInfinity
            | Sin, [ Number q ] when q.IsZero -> zero
            | Tan, [ Number q ] when q.IsZero -> zero
            | Cos, [ Number q ] when q.IsZero -> one
            | Abs, [ Number q ] -> Number(Q.Abs q)
            | Abs, [ Apply(Abs, [ x ]) ] -> Apply(Abs, [ x ])
            | (Exp | Ln | Sin | Cos | Tan | Abs), [ _ ] -> Apply(f, args)
            | (Exp | Ln | Sin | Cos | Tan | Abs), _ ->
                invalidArg "args" (sprintf "%s takes exactly one argument, got %d" f.Name args.Length)
            | Named("BesselK" | "BesselKe"), [ Number q; x ] when q.Sign < 0 -> Apply(f, [ Number(-q); x ]) // K_(−ν) = K_ν
            | Named _, _ -> Apply(f, args)

    let exp x = apply Exp [ x ]
    let ln x = apply Ln [ x ]
    let sin x = apply Sin [ x ]
    let cos x = apply Cos [ x ]
    let tan x = apply Tan [ x ]
    let abs x = apply Abs [ x ]
    /// Modified Bessel function of the second kind K_n(x), kept opaque.
    let besselK (n: Expr) (x: Expr) = apply (Named "BesselK") [ n; x ]
    /// The exponentially scaled eˣ K_n(x) (numerically: ScaledBessel.Kn), kept opaque.
    let besselKe (n: Expr) (x: Expr) = apply (Named "BesselKe") [ n; x ]

/// Arithmetic operators, so formulas read naturally in F# (x + 2*y, sqrt(m**2 + p**2)).
type Expr with
    static member (+)(a: Expr, b: Expr) = Ops.add a b
    static member (+)(a: Expr, b: int) = Ops.add a (Ops.integer b)
    static member (+)(a: int, b: Expr) = Ops.add (Ops.integer a) b
    static member (-)(a: Expr, b: Expr) = Ops.subtract a b
    static member (-)(a: Expr, b: int) = Ops.subtract a (Ops.integer b)
    static member (-)(a: int, b: Expr) = Ops.subtract (Ops.integer a) b
    static member (*)(a: Expr, b: Expr) = Ops.multiply a b
    static member (*)(a: Expr, b: int) = Ops.multiply a (Ops.integer b)
    static member (*)(a: int, b: Expr) = Ops.multiply (Ops.integer a) b
    static member (/)(a: Expr, b: Expr) = Ops.divide a b
    static member (/)(a: Expr, b: int) = Ops.divide a (Ops.integer b)
    static member (/)(a: int, b: Expr) = Ops.divide (Ops.integer a) b
    static member (~-)(a: Expr) = Ops.negate a
    static member Pow(a: Expr, b: Expr) = Ops.pow a b
    static member Pow(a: Expr, b: int) = Ops.pow a (Ops.integer b)
    static member Zero = Ops.zero
    static member One = Ops.one
    static member op_Implicit(n: int) : Expr = Ops.integer n
    /// A symbol with the given name.
    static member Sym(name: string) = Ops.symbol name
    /// An exact integer.
    static member Int(n: int) = Ops.integer n
    /// An exact rational n/d.
    static member Rational(n: int, d: int) = Ops.rational n d
    // The elementary functions, so that F#'s own sqrt, exp, log, sin, cos, tan and abs apply to expressions
    // (sqrt (m**2 + p**2) builds Ops.sqrt of it: the same canonical form).
    /// √a (F# sqrt).
    static member Sqrt(a: Expr) = Ops.sqrt a
    /// eᵃ (F# exp).
    static member Exp(a: Expr) = Ops.exp a
    /// The natural logarithm ln a (F# log).
    static member Log(a: Expr) = Ops.ln a
    /// sin a (F# sin).
    static member Sin(a: Expr) = Ops.sin a
    /// cos a (F# cos).
    static member Cos(a: Expr) = Ops.cos a
    /// tan a (F# tan).
    static member Tan(a: Expr) = Ops.tan a
    /// |a| (F# abs).
    static member Abs(a: Expr) = Ops.abs a

/// What a formula needs besides the operators on Expr (+ − * / ** and F#'s sqrt, exp, log, sin, cos, abs) to be
/// written as it is printed: π, exact rationals and decimals, ln. `open NuDM.Symbolic.Notation`, then
/// `rat 3 2 * m ** 2 / (8 * pi * s)` builds exactly what Ops.product [ Ops.rational 3 2; Ops.square m; … ] did: the
/// operators call the same smart constructors.
module Notation =
    /// π, exact.
    let pi = Ops.pi
    /// The exact rational n/d (rat 3 2 is 3/2 exactly, never a floating-point quotient).
    let rat (n: int) (d: int) = Ops.rational n d
    /// The exact decimal written in text, e.g. dec "1.23" = 123/100 (invariant culture, exponent allowed: "2.5e-3").
    let dec (text: string) = Ops.number (Q.Parse text)
    /// The natural logarithm ln x, as papers write it (the same as F#'s log on an expression).
    let ln (x: Expr) = Ops.ln x
    /// Π of a computed list of factors, formed at once: the canonical product of all of them. (A chain a * b * c can
    /// differ from it in form, not in value: a number times a lone sum is distributed, 2 * (x + y) = 2x + 2y, so
    /// [2; x + y; z] folded pairwise gives (2x + 2y) z where the product of all three keeps 2 z (x + y).) For the
    /// sum of a list, List.sum is the same as the canonical sum of all terms.
    let productOf (factors: Expr seq) = Ops.product (List.ofSeq factors)

/// Collects the terms of a large sum and forms the canonical sum once, in O(n log n) comparisons: the way to
/// build a sum of many terms (acc + t in a loop inserts each term into the sorted list of the others, which is
/// O(log n) comparisons but O(n) copying per term).
[<Sealed>]
type SumBuilder() =
    let terms = ResizeArray<Expr>()
    /// Adds a term (any expression; sums are flattened when the result is built).
    member _.Add(term: Expr) : unit = terms.Add term
    /// Adds several terms.
    member _.AddRange(items: Expr seq) : unit = terms.AddRange items
    /// Number of terms added so far.
    member _.Count = terms.Count
    /// The canonical sum of the terms added so far (0 when none were added).
    member _.ToExpr() : Expr = Ops.sum (List.ofSeq terms)
