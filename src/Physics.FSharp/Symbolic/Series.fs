namespace NuDM.Symbolic

open System
open System.Collections.Generic
open System.Numerics

/// Side from which a limit is taken.
type Direction =
    /// Two-sided: both one-sided limits must exist and agree.
    | Both = 0
    /// x → a⁺ (from larger values).
    | FromAbove = 1
    /// x → a⁻ (from smaller values).
    | FromBelow = 2

/// A truncated Puiseux series Σ c_k t^(e_k) + O(t^Precision) in a small positive variable t, with symbolic
/// coefficients free of t and rational exponents in increasing order. Precision = None means the series is exact.
[<NoEquality; NoComparison>]
type PuiseuxSeries =
    { Terms: (Q * Expr) list
      Precision: Q option }

/// Thrown when a series or limit needs something outside what the engine supports (logarithmic or essential
/// singularities, functions without derivative rules); the message says which.
exception SeriesNotSupportedException of string

exception private PrecisionExhausted

/// Puiseux series (with symbolic coefficients) and limits.
///
/// A limit x → a is taken by substitution when every denominator, logarithm and radicand stays away from zero
/// there; otherwise x = a ± t (or ±1/t at infinity) is substituted and the leading term c·t^v of the series in
/// t → 0⁺ decides: v > 0 gives 0, v = 0 gives c, v < 0 gives ±∞ by the sign of c. Coefficients are tested for
/// zero by the rational normal form (Normal), so 0/0 with symbolic parameters is resolved exactly; when the
/// leading coefficient cannot be found at a given order the order is raised (up to a fixed bound).
[<RequireQualifiedAccess>]
module Series =
    let private t = Symbol "__series_t"

    type private Engine(assume: Assumptions) =
        let zeroCache = Dictionary<Expr, bool>(HashIdentity.Structural)

        /// Whether a coefficient vanishes on the domain; a coefficient that can be neither proven zero nor
        /// proven non-zero stops the expansion (UndecidedException): guessing would give a wrong leading term.
        member _.IsZero(c: Expr) =
            match c with
            | Number q -> q.IsZero
            | _ ->
                match zeroCache.TryGetValue c with
                | true, z -> z
                | _ ->
                    let d = Normal.isZeroWith assume c
                    let z =
                        match d.Verdict with
                        | Verdict.Proven -> true
                        | Verdict.Disproven -> false
                        | _ ->
                            raise (
                                UndecidedException(
                                    sprintf "series: cannot decide whether the coefficient %s vanishes on the domain (%s)" (Bounds.truncate 200 (Infix.format c)) d.Reason,
                                    d))
                    zeroCache.[c] <- z
                    z

        static member MinPrec(a: Q option, b: Q option) =
            match a, b with
            | None, p | p, None -> p
            | Some x, Some y -> Some(if x < y then x else y)

        static member Truncate(p: Q option, terms: (Q * Expr) list) =
            match p with
            | None -> terms
            | Some p -> terms |> List.filter (fun (e, _) -> e < p)

        static member Normalize(terms: (Q * Expr) seq) : (Q * Expr) list =
            terms
            |> Seq.groupBy fst
            |> Seq.map (fun (e, cs) -> e, Ops.sum (cs |> Seq.map snd |> List.ofSeq))
            |> Seq.filter (fun (_, c) -> not (Ops.isZero c))
            |> Seq.sortWith (fun (a, _) (b, _) -> (a :> IComparable<Q>).CompareTo b)
            |> List.ofSeq

        member e.Constant(c: Expr) = { Terms = (if Ops.isZero c then [] else [ Q.Zero, c ]); Precision = None }

        /// Lowest exponent with a non-zero coefficient, or None if every known term vanishes.
        member e.Valuation(s: PuiseuxSeries) : Q option =
            s.Terms |> List.tryFind (fun (_, c) -> not (e.IsZero c)) |> Option.map fst

        /// Valuation, or the precision as a lower bound when no non-zero term is known (∞ for an exact zero).
        member e.ValuationBound(s: PuiseuxSeries) : Q option =
            match e.Valuation s with
            | Some v -> Some v
            | None -> s.Precision

        member e.Add(a: PuiseuxSeries, b: PuiseuxSeries) =
            let p = Engine.MinPrec(a.Precision, b.Precision)
            { Terms = Engine.Truncate(p, Engine.Normalize(a.Terms @ b.Terms)); Precision = p }

        member e.Mul(a: PuiseuxSeries, b: PuiseuxSeries) =
            let va, vb = e.ValuationBound a, e.ValuationBound b
            let p =
                let pa = Option.map2 (+) a.Precision vb
                let pb = Option.map2 (+) b.Precision va
                // an exact zero factor makes the product exactly zero
                if (a.Terms.IsEmpty && a.Precision.IsNone) || (b.Terms.IsEmpty && b.Precision.IsNone) then None
                else Engine.MinPrec(pa, pb)
            let terms = [ for (ea, ca) in a.Terms do for (eb, cb) in b.Terms -> ea + eb, Ops.multiply ca cb ]
            { Terms = Engine.Truncate(p, Engine.Normalize terms); Precision = p }

        member e.Scale(c: Expr, s: PuiseuxSeries) =
            { s with Terms = s.Terms |> List.map (fun (x, k) -> x, Ops.multiply c k) |> List.filter (fun (_, k) -> not (Ops.isZero k)) }

        member e.Shift(v: Q, s: PuiseuxSeries) =
            { Terms = s.Terms |> List.map (fun (x, k) -> x + v, k); Precision = s.Precision |> Option.map (fun p -> p + v) }

        /// s = c0 · t^v · (1 + U) with U of positive valuation.
        member e.Decompose(s: PuiseuxSeries) : Q * Expr * PuiseuxSeries =
            let nonzero = s.Terms |> List.skipWhile (fun (_, c) -> e.IsZero c)
            match nonzero with
            | [] ->
                if s.Precision.IsNone then raise (DivideByZeroException "series of an expression that is identically zero")
                else raise PrecisionExhausted
            | (v, c0) :: rest ->
                let u = { Terms = rest |> List.map (fun (x, k) -> x - v, Ops.divide k c0); Precision = s.Precision |> Option.map (fun p -> p - v) }
                v, c0, u

        /// Σ_{k=0}^{K} a_k U^k + O(U^(K+1)) for a series U of positive valuation, aiming at precision `target`.
        member e.Compose(coeff: int -> Expr, u: PuiseuxSeries, target: Q) : PuiseuxSeries =
            match e.Valuation u with
            | None when u.Precision.IsNone -> e.Constant(coeff 0)
            | vu ->
                let vu = match vu with Some v -> v | None -> u.Precision.Value
                if vu.Sign <= 0 then raise PrecisionExhausted
                let kmax =
                    let r = target / vu
                    int (r.Floor) + 1 |> max 1 |> min 60
                let mutable acc = e.Constant(coeff 0)
                let mutable power = e.Constant Ops.one
                for k in 1 .. kmax do
                    power <- e.Mul(power, u)
                    let a = coeff k
                    if not (Ops.isZero a) then acc <- e.Add(acc, e.Scale(a, power))
                let trunc = Q.OfInt(kmax + 1) * vu
                let p = Engine.MinPrec(acc.Precision, Some trunc)
                { Terms = Engine.Truncate(p, acc.Terms); Precision = p }

        member e.Power(s: PuiseuxSeries, q: Q, target: Q) : PuiseuxSeries =
            if q.IsInteger && q.Sign >= 0 && s.Precision.IsNone && q.Num < BigInteger 16 then
                let mutable acc = e.Constant Ops.one
                for _ in 1 .. int q.Num do acc <- e.Mul(acc, s)
                acc
            else
                let v, c0, u = e.Decompose s
                let shift = v * q
                // binomial coefficients binom(q, k)
                let coeff k =
                    let mutable b = Q.One
                    for j in 0 .. k - 1 do b <- b * (q - Q.OfInt j) / Q.OfInt(j + 1)
                    Number b
                let body = e.Compose(coeff, u, target - shift)
                e.Scale(Ops.pow c0 (Number q), e.Shift(shift, body))

        /// F(s) for a function F analytic at the constant term of s, by Taylor's formula with symbolic derivatives.
        member e.Function(f: Expr -> Expr, name: string, s: PuiseuxSeries, target: Q) : PuiseuxSeries =
            let negative = s.Terms |> List.filter (fun (x, c) -> x.Sign < 0 && not (e.IsZero c))
            if not negative.IsEmpty then
                raise (SeriesNotSupportedException(sprintf "%s of an argument that diverges (essential singularity)" name))
            let c0 = s.Terms |> List.tryFind (fun (x, _) -> x.IsZero) |> Option.map snd |> Option.defaultValue Ops.zero
            let u = { Terms = s.Terms |> List.filter (fun (x, _) -> x.Sign > 0); Precision = s.Precision }
            let z = Symbol "__series_z"
            let derivs = Dictionary<int, Expr>()
            let mutable current = f z
            let coeff k =
                match derivs.TryGetValue k with
                | true, c -> c
                | _ ->
                    while derivs.Count <= k do
                        let i = derivs.Count
                        let value = Structure.substitute z c0 current
                        if Structure.hasSpecial value then
                            raise (SeriesNotSupportedException(sprintf "%s is singular at %O" name c0))
                        let mutable fact = Q.One
                        for j in 2 .. i do fact <- fact * Q.OfInt j
                        derivs.[i] <- Ops.multiply (Number(Q.One / fact)) value
                        current <- Calculus.differentiate z current
                    derivs.[k]
            // functions with a genuine singularity at the expansion point
            match f z, c0 with
            | Apply(Ln, _), c when e.IsZero c -> raise (SeriesNotSupportedException "logarithmic singularity (ln of a vanishing argument)")
            | Apply(Named "BesselK", _), c when e.IsZero c -> raise (SeriesNotSupportedException "BesselK at a vanishing argument (logarithmic singularity)")
            | _ -> e.Compose(coeff, u, target)

        /// The series of an expression in t (t → 0⁺), to absolute precision `target` where it can be reached.
        member e.Of(x: Expr, target: Q) : PuiseuxSeries =
            if Structure.freeOf t x then e.Constant x
            elif x = t then { Terms = [ Q.One, Ops.one ]; Precision = None }
            else
                match x with
                | Sum xs -> xs |> List.map (fun y -> e.Of(y, target)) |> List.reduce (fun a b -> e.Add(a, b))
                | Product xs ->
                    let first = xs |> List.map (fun y -> e.Of(y, target)) |> Array.ofList
                    let vals = first |> Array.map (fun s -> e.ValuationBound s |> Option.defaultValue Q.Zero)
                    let total = vals |> Array.fold (+) Q.Zero
                    // recompute any factor whose precision is too low once the others' valuations are known
                    let refined =
                        xs
                        |> List.mapi (fun i y ->
                            let s = first.[i]
                            let need = target - (total - vals.[i])
                            match s.Precision with
                            | Some p when p < need -> e.Of(y, need)
                            | _ -> s)
                    refined |> List.reduce (fun a b -> e.Mul(a, b))
                | Power(b, Number q) ->
                    let sb = e.Of(b, target)
                    let v = e.ValuationBound sb |> Option.defaultValue Q.Zero
                    let need = target - v * q + v
                    let sb = match sb.Precision with | Some p when p < need -> e.Of(b, need) | _ -> sb
                    e.Power(sb, q, target)
                | Power(b, y) -> e.Of(Ops.exp (Ops.multiply y (Ops.ln b)), target)
                | Apply(Abs, [ u ]) ->
                    let su = e.Of(u, target)
                    let _, c0, _ = e.Decompose su
                    match Normal.signWith assume c0 with
                    | 1 -> su
                    | -1 -> e.Scale(Ops.minusOne, su)
                    | _ -> raise (SeriesNotSupportedException(sprintf "abs of a series whose leading coefficient %O has unknown sign" c0))
                | Apply(Named "BesselK", [ n; u ]) when Structure.freeOf t n ->
                    e.Function((fun z -> Ops.besselK n z), "BesselK", e.Of(u, target), target)
                | Apply((Exp | Ln | Sin | Cos | Tan) as f, [ u ]) ->
                    e.Function((fun z -> Ops.apply f [ z ]), f.Name, e.Of(u, target), target)
                | Apply(f, _) -> raise (SeriesNotSupportedException(sprintf "no series rule for %s" f.Name))
                | _ -> raise (SeriesNotSupportedException(sprintf "no series for %O" x))

    let private withRetries (f: Q -> 'a) (start: Q) : 'a =
        let rec go (target: Q) (tries: int) =
            try f target
            with PrecisionExhausted when tries < 12 -> go (target + Q.OfInt 3) (tries + 1)
        try go start 0
        with PrecisionExhausted ->
            raise (SeriesNotSupportedException "every coefficient vanished up to the highest order tried; the expression may be identically zero")

    /// Puiseux series of e at x → a⁺ (or x → ∞ when a is PositiveInfinity, in t = 1/x), in powers of
    /// t = x − a, with absolute precision at least `order` where reachable. Coefficients are simplified.
    [<CompiledName("Puiseux")>]
    let puiseux (assume: Assumptions) (x: Expr) (a: Expr) (order: int) (e: Expr) : PuiseuxSeries =
        let sub =
            match a with
            | PositiveInfinity -> Ops.invert t
            | NegativeInfinity -> Ops.negate (Ops.invert t)
            | _ -> Ops.add a t
        let et = Structure.substitute x sub e
        let eng = Engine(assume)
        let s = withRetries (fun target -> eng.Of(et, target)) (Q.OfInt order)
        let p = s.Precision
        { Terms =
            s.Terms
            |> List.map (fun (k, c) -> k, Normal.simplifyWith assume c)
            |> List.filter (fun (_, c) -> not (Ops.isZero c))
            |> fun ts -> Engine.Truncate(p, ts)
          Precision = p }

    /// Taylor polynomial of e about x = a, to order n (terms up to (x − a)^n). Throws when e is not analytic at a.
    [<CompiledName("Taylor")>]
    let taylor (x: Expr) (a: Expr) (n: int) (e: Expr) : Expr =
        if n < 0 then invalidArg "n" "the order of a Taylor polynomial must be ≥ 0"
        let s = puiseux Assumptions.None x a (n + 1) e
        if s.Terms |> List.exists (fun (k, _) -> not k.IsInteger || k.Sign < 0) then
            raise (SeriesNotSupportedException(sprintf "%O is not analytic at %O = %O (use Series.Puiseux)" e x a))
        s.Terms
        |> List.filter (fun (k, _) -> k <= Q.OfInt n)
        |> List.map (fun (k, c) -> Ops.multiply c (Ops.pow (Ops.subtract x a) (Number k)))
        |> Ops.sum

    // ---- limits ------------------------------------------------------------------------------------------
    exception private Singular

    /// Substitutes x = a, failing (Singular) where a denominator, a logarithm's argument or a radicand vanishes.
    let private safeSubstitute (assume: Assumptions) (x: Expr) (a: Expr) (e: Expr) : Expr =
        // anything not proven non-zero counts as vanishing: the series route then decides it (or says it cannot)
        let isZero c = not (Normal.isZeroWith assume c).IsDisproven
        let rec go e =
            if Structure.freeOf x e then e
            elif e = x then a
            else
                let r =
                    match e with
                    | Power(b, Number q) when q.Sign < 0 || not q.IsInteger ->
                        let b' = go b
                        if isZero b' then raise Singular
                        Ops.pow b' (Number q)
                    | Power(b, y) ->
                        let b' = go b
                        if isZero b' then raise Singular
                        Ops.pow b' (go y)
                    | Apply(Ln, [ u ]) ->
                        let u' = go u
                        if isZero u' then raise Singular
                        Ops.ln u'
                    | Apply(Named "BesselK", [ n; u ]) ->
                        let u' = go u
                        if isZero u' then raise Singular
                        Ops.besselK (go n) u'
                    | Apply(Tan, [ u ]) ->
                        let u' = go u
                        if isZero (Ops.cos u') then raise Singular
                        Ops.tan u'
                    | _ -> Structure.mapOperands go e
                if Structure.hasSpecial r then raise Singular
                r
        go e

    let private leadingLimit (assume: Assumptions) (et: Expr) : Expr =
        let eng = Engine(assume)
        let rec attempt (target: Q) (tries: int) =
            let s = eng.Of(et, target)
            match eng.Valuation s with
            | Some v ->
                let c = s.Terms |> List.find (fun (k, c) -> k = v && not (eng.IsZero c)) |> snd
                if v.Sign > 0 then Ops.zero
                elif v.IsZero then Normal.simplifyWith assume c
                else
                    match Normal.signWith assume c with
                    | 1 -> PositiveInfinity
                    | -1 -> NegativeInfinity
                    | _ -> ComplexInfinity
            | None when s.Precision.IsNone -> Ops.zero
            | None when tries < 12 -> attempt (target + Q.OfInt 3) (tries + 1)
            | None -> raise (SeriesNotSupportedException "the leading term could not be found (all coefficients vanish to the order tried)")
        let rec start (target: Q) (tries: int) =
            try attempt target tries
            with PrecisionExhausted when tries < 12 -> start (target + Q.OfInt 3) (tries + 1)
        start Q.One 0

    /// lim_{x→a} e from the given side, under the assumptions (a may be PositiveInfinity or NegativeInfinity).
    /// Returns a finite expression, PositiveInfinity, NegativeInfinity, ComplexInfinity (infinite, direction
    /// unknown) or Undefined (two-sided limit whose sides differ). Throws UndecidedException when a coefficient
    /// that decides the leading term can be neither proven zero nor proven non-zero.
    [<CompiledName("Limit")>]
    let limitWith (assume: Assumptions) (x: Expr) (a: Expr) (direction: Direction) (e: Expr) : Expr =
        match x with
        | Symbol _ -> ()
        | _ -> invalidArg "x" (sprintf "the limit variable must be a symbol, got %O" x)
        if Structure.freeOf x e then e
        else
            match a with
            | PositiveInfinity -> leadingLimit assume (Structure.substitute x (Ops.invert t) e)
            | NegativeInfinity -> leadingLimit assume (Structure.substitute x (Ops.negate (Ops.invert t)) e)
            | _ when Ops.isSpecial a -> invalidArg "a" "the limit point must be finite, +inf or -inf"
            | _ ->
                try Normal.simplifyWith assume (safeSubstitute assume x a e)
                with Singular ->
                    let above () = leadingLimit assume (Structure.substitute x (Ops.add a t) e)
                    let below () = leadingLimit assume (Structure.substitute x (Ops.subtract a t) e)
                    match direction with
                    | Direction.FromAbove -> above ()
                    | Direction.FromBelow -> below ()
                    | _ ->
                        let r, l = above (), below ()
                        if r = l then r
                        elif Structure.hasSpecial r || Structure.hasSpecial l then Undefined
                        else
                            let d = Normal.equivalentWith assume r l
                            match d.Verdict with
                            | Verdict.Proven -> r
                            | Verdict.Disproven -> Undefined
                            | _ ->
                                raise (
                                    UndecidedException(
                                        sprintf "limit: cannot decide whether the one-sided limits %s and %s agree (%s)" (Infix.format r) (Infix.format l) d.Reason,
                                        d))

    /// Two-sided limit without assumptions.
    [<CompiledName("Limit")>]
    let limit (x: Expr) (a: Expr) (e: Expr) : Expr = limitWith Assumptions.None x a Direction.Both e
