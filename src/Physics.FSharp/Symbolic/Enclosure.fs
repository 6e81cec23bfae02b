namespace NuDM.Symbolic

open System
open System.Collections.Generic
open System.Globalization

/// A closed interval [Lo, Hi] of reals known to contain a value. NaN bounds mean "no enclosure": the value is not
/// a real number there (sqrt or ln of a negative number, a division by an interval containing 0, an unknown
/// function), so the point cannot serve as a witness.
[<Struct; NoEquality; NoComparison>]
type internal Interval =
    { Lo: float
      Hi: float }

    member i.IsValid = not (Double.IsNaN i.Lo || Double.IsNaN i.Hi)
    member i.ExcludesZero = i.IsValid && (i.Lo > 0.0 || i.Hi < 0.0)
    member i.IsPositive = i.IsValid && i.Lo > 0.0

    override i.ToString() =
        let f (x: float) = x.ToString("R", CultureInfo.InvariantCulture)
        "[" + f i.Lo + ", " + f i.Hi + "]"

/// Interval arithmetic with outward rounding: every operation on doubles is followed by a step of one ulp away
/// from the interval (IEEE arithmetic rounds to nearest, so the exact result lies inside), and library functions
/// (exp, ln, pow, sin, cos), whose results are accurate to about one ulp but not guaranteed correctly rounded, are
/// widened by 2^-48 relative (16 ulps). BesselK (MathNet.Numerics) is widened by 2^-36 relative. The enclosures
/// decide only one thing: that a value is certainly non-zero, or that two values certainly differ, at a point.
[<RequireQualifiedAccess>]
module internal Enclosure =
    let private nan = { Lo = Double.NaN; Hi = Double.NaN }
    let private down (x: float) = if Double.IsNaN x || Double.IsNegativeInfinity x then x else Math.BitDecrement x
    let private up (x: float) = if Double.IsNaN x || Double.IsPositiveInfinity x then x else Math.BitIncrement x
    let private outward (lo: float) (hi: float) =
        if Double.IsNaN lo || Double.IsNaN hi then nan else { Lo = down lo; Hi = up hi }
    let private relative = Math.Pow(2.0, -48.0)
    /// Widens by a relative amount (and one subnormal step, for results near 0).
    let private widenBy (rel: float) (lo: float) (hi: float) =
        if Double.IsNaN lo || Double.IsNaN hi then nan
        else { Lo = down (lo - abs lo * rel) - Double.Epsilon; Hi = up (hi + abs hi * rel) + Double.Epsilon }
    let private widen lo hi = widenBy relative lo hi
    let private point (x: float) = { Lo = x; Hi = x }
    let private containsZero (i: Interval) = i.Lo <= 0.0 && i.Hi >= 0.0

    let add (a: Interval) (b: Interval) = outward (a.Lo + b.Lo) (a.Hi + b.Hi)

    let mul (a: Interval) (b: Interval) =
        let p1, p2, p3, p4 = a.Lo * b.Lo, a.Lo * b.Hi, a.Hi * b.Lo, a.Hi * b.Hi
        outward (min (min p1 p2) (min p3 p4)) (max (max p1 p2) (max p3 p4))

    let inv (a: Interval) =
        if not a.IsValid || containsZero a then nan else outward (1.0 / a.Hi) (1.0 / a.Lo)

    let private sqr (a: Interval) =
        if not a.IsValid then nan
        elif containsZero a then { Lo = 0.0; Hi = up (max (a.Lo * a.Lo) (a.Hi * a.Hi)) }
        else
            let l, h = abs a.Lo, abs a.Hi
            outward (min l h * min l h) (max l h * max l h)

    let rec private powInt (a: Interval) (k: Numerics.BigInteger) : Interval =
        if k.IsZero then point 1.0
        elif k.Sign < 0 then inv (powInt a (-k))
        elif k.IsOne then a
        elif k.IsEven then sqr (powInt a (k / Numerics.BigInteger 2))
        else mul a (powInt a (k - Numerics.BigInteger.One))

    /// a^q for rational q = p/r: integer powers by repeated products; fractional powers (principal real roots)
    /// only for a > 0 (or a ≥ 0 with q > 0), as Math.Pow at both ends (x^q is monotone there).
    let private powRational (a: Interval) (q: Q) : Interval =
        if q.IsInteger then powInt a q.Num
        elif not a.IsValid || a.Lo < 0.0 then nan
        elif q.Num.IsOne && q.Denominator = Numerics.BigInteger 2 then outward (Math.Sqrt a.Lo) (Math.Sqrt a.Hi)
        else
            let e = q.ToDouble()
            if a.Lo = 0.0 && e < 0.0 then nan
            else
                let x, y = Math.Pow(a.Lo, e), Math.Pow(a.Hi, e)
                widen (min x y) (max x y)

    let private exp (a: Interval) = widen (Math.Exp a.Lo) (Math.Exp a.Hi)

    let private ln (a: Interval) = if not a.IsValid || a.Lo <= 0.0 then nan else widen (Math.Log a.Lo) (Math.Log a.Hi)

    /// sin over [lo, hi]: the values at the ends, and ±1 where a maximum (π/2 + 2kπ) or minimum (−π/2 + 2kπ)
    /// lies inside (tested with a margin, so a critical point at the edge is included).
    let private sinCos (phase: float) (a: Interval) =
        if not a.IsValid || abs a.Lo > 1e8 || abs a.Hi > 1e8 then nan
        elif a.Hi - a.Lo >= 2.0 * Math.PI then { Lo = -1.0; Hi = 1.0 }
        else
            let f x = Math.Sin(x + phase)
            let v1, v2 = f a.Lo, f a.Hi
            let hits (c: float) =
                // is there a k with c + 2kπ in [lo − margin, hi + margin]?
                let margin = 1e-9 * (1.0 + abs a.Lo + abs a.Hi)
                let k = Math.Ceiling((a.Lo - margin - c) / (2.0 * Math.PI))
                c + 2.0 * Math.PI * k <= a.Hi + margin
            let hi = if hits (Math.PI / 2.0 - phase) then 1.0 else max v1 v2
            let lo = if hits (-Math.PI / 2.0 - phase) then -1.0 else min v1 v2
            let w = relative * 4.0 * (1.0 + abs a.Lo + abs a.Hi)
            { Lo = max -1.0 (lo - w); Hi = min 1.0 (hi + w) }

    let private abs' (a: Interval) =
        if not a.IsValid then nan
        elif containsZero a then { Lo = 0.0; Hi = max (abs a.Lo) (abs a.Hi) }
        else { Lo = min (abs a.Lo) (abs a.Hi); Hi = max (abs a.Lo) (abs a.Hi) }

    let private besselK (n: Q) (x: Interval) =
        if not x.IsValid || x.Lo <= 0.0 then nan
        else
            // K_ν(x) is positive and decreasing in x > 0 for every real order ν
            let nu = n.ToDouble()
            let k1 = MathNet.Numerics.SpecialFunctions.BesselK(nu, x.Hi)
            let k2 = MathNet.Numerics.SpecialFunctions.BesselK(nu, x.Lo)
            if Double.IsNaN k1 || Double.IsNaN k2 then nan else widenBy (Math.Pow(2.0, -36.0)) k1 k2

    let private number (q: Q) =
        let d = q.ToDouble()
        if Double.IsNaN d then nan
        else
            // ToDouble is within about two ulps; four steps outward is safe
            { Lo = down (down (down (down d))); Hi = up (up (up (up d))) }

    /// An enclosure of the value of e with each symbol s at value s (an exact double); NaN bounds where e is not
    /// real there or cannot be enclosed (unknown named functions, Undefined, infinities, unknown symbols).
    let rec enclose (value: string -> float voption) (e: Expr) : Interval =
        match e with
        | Number q -> number q
        | Symbol s ->
            match value s with
            | ValueSome v -> point v
            | ValueNone -> nan
        | Constant Pi -> { Lo = Math.PI; Hi = up Math.PI } // Math.PI < π < next double
        | Sum xs -> xs |> List.fold (fun acc x -> if acc.IsValid then add acc (enclose value x) else acc) (point 0.0)
        | Product xs -> xs |> List.fold (fun acc x -> if acc.IsValid then mul acc (enclose value x) else acc) (point 1.0)
        | Power(b, Number q) -> powRational (enclose value b) q
        | Power(b, y) ->
            let bi = enclose value b
            if not bi.IsValid || bi.Lo <= 0.0 then nan else exp (mul (enclose value y) (ln bi))
        | Apply(Exp, [ x ]) -> exp (enclose value x)
        | Apply(Ln, [ x ]) -> ln (enclose value x)
        | Apply(Sin, [ x ]) -> sinCos 0.0 (enclose value x)
        | Apply(Cos, [ x ]) -> sinCos (Math.PI / 2.0) (enclose value x)
        | Apply(Tan, [ x ]) ->
            let xi = enclose value x
            mul (sinCos 0.0 xi) (inv (sinCos (Math.PI / 2.0) xi))
        | Apply(Abs, [ x ]) -> abs' (enclose value x)
        | Apply(Named "BesselK", [ Number n; x ]) -> besselK n (enclose value x)
        | _ -> nan

    /// Deterministic sample points for witnesses: each symbol gets m·2^j with m = 1 + k/64 (k = 1 … 63) and
    /// j ∈ {−3, …, 3}, so about 0.13 … 16 and never a small integer; symbols not known to be positive are
    /// negative half of the time. The sequence depends only on `seed`, so decisions are reproducible.
    let samplePoints (symbols: string[]) (positive: string -> bool) (count: int) (seed: int) : seq<Dictionary<string, float>> =
        seq {
            let rng = Random(seed)
            for _ in 1 .. count do
                let d = Dictionary<string, float>(StringComparer.Ordinal)
                for s in symbols do
                    let m = 1.0 + float (rng.Next(1, 64)) / 64.0
                    let j = rng.Next(-3, 4)
                    let v = m * Math.Pow(2.0, float j)
                    d.[s] <- if positive s || rng.Next(2) = 0 then v else -v
                yield d
        }

    /// A point written for a reason text: "x = 1.375, y = -0.5".
    let describePoint (point: Dictionary<string, float>) =
        point
        |> Seq.sortWith (fun a b -> String.CompareOrdinal(a.Key, b.Key))
        |> Seq.map (fun kv -> kv.Key + " = " + kv.Value.ToString("R", CultureInfo.InvariantCulture))
        |> String.concat ", "
