namespace NuDM.Symbolic

open System
open System.Numerics
open System.Globalization

/// An exact rational number Num/Den with Den > 0 and gcd(Num, Den) = 1 (always normalised on construction).
/// Zero is 0/1. This is the only number type inside symbolic expressions; floating point appears only when a
/// formula is evaluated or compiled.
[<Struct; CustomEquality; CustomComparison>]
type Q =
    val Num: BigInteger
    val Den: BigInteger
    private new(n: BigInteger, d: BigInteger, _normalised: bool) = { Num = n; Den = d }

    /// Builds n/d in lowest terms. Throws DivideByZeroException for d = 0.
    static member Create(n: BigInteger, d: BigInteger) : Q =
        if d.IsZero then raise (DivideByZeroException "Q.Create: denominator is zero")
        elif n.IsZero then Q(BigInteger.Zero, BigInteger.One, true)
        else
            let g = BigInteger.GreatestCommonDivisor(n, d)
            let n, d = n / g, d / g
            if d.Sign < 0 then Q(-n, -d, true) else Q(n, d, true)

    static member OfBigInt(n: BigInteger) = Q(n, BigInteger.One, true)
    static member OfInt(n: int) = Q(BigInteger n, BigInteger.One, true)
    static member OfInt64(n: int64) = Q(BigInteger n, BigInteger.One, true)
    static member Zero = Q(BigInteger.Zero, BigInteger.One, true)
    static member One = Q(BigInteger.One, BigInteger.One, true)
    static member MinusOne = Q(BigInteger.MinusOne, BigInteger.One, true)

    member q.Denominator = if q.Den.IsZero then BigInteger.One else q.Den
    member q.IsZero = q.Num.IsZero
    member q.IsOne = q.Num.IsOne && q.Denominator.IsOne
    member q.IsMinusOne = q.Num = BigInteger.MinusOne && q.Denominator.IsOne
    member q.IsInteger = q.Denominator.IsOne
    member q.Sign = q.Num.Sign
    member q.IsPositive = q.Num.Sign > 0
    member q.IsNegative = q.Num.Sign < 0

    /// Nearest double (exact to within one ulp for moderate sizes; big numerators and denominators are scaled).
    member q.ToDouble() : float =
        let d = q.Denominator
        let n = q.Num
        if n.GetBitLength() < 1000L && d.GetBitLength() < 1000L then
            float n / float d
        else
            // scale both to ~ 60 significant bits before dividing
            let bits (x: BigInteger) = int (BigInteger.Abs(x).GetBitLength())
            let sn, sd = max 0 (bits n - 60), max 0 (bits d - 60)
            let nn = float (n >>> sn)
            let dd = float (d >>> sd)
            nn / dd * Math.Pow(2.0, float (sn - sd))

    static member (+)(a: Q, b: Q) = Q.Create(a.Num * b.Denominator + b.Num * a.Denominator, a.Denominator * b.Denominator)
    static member (-)(a: Q, b: Q) = Q.Create(a.Num * b.Denominator - b.Num * a.Denominator, a.Denominator * b.Denominator)
    static member (*)(a: Q, b: Q) = Q.Create(a.Num * b.Num, a.Denominator * b.Denominator)
    static member (/)(a: Q, b: Q) = Q.Create(a.Num * b.Denominator, a.Denominator * b.Num)
    static member (~-)(a: Q) = Q(-a.Num, a.Denominator, true)
    static member Abs(a: Q) = Q(BigInteger.Abs a.Num, a.Denominator, true)

    /// a^k for an integer k (k < 0 inverts; 0^negative throws DivideByZeroException).
    static member Pow(a: Q, k: int) : Q =
        if k >= 0 then Q(BigInteger.Pow(a.Num, k), BigInteger.Pow(a.Denominator, k), true)
        elif a.IsZero then raise (DivideByZeroException "Q.Pow: 0 to a negative power")
        else Q.Create(BigInteger.Pow(a.Denominator, -k), BigInteger.Pow(a.Num, -k))

    /// Largest integer ≤ q.
    member q.Floor : BigInteger =
        let d = q.Denominator
        let r = BigInteger.Remainder(q.Num, d)
        let t = BigInteger.Divide(q.Num, d)
        if r.Sign < 0 then t - BigInteger.One else t

    /// Exact decimal or fraction parse: "3", "-2/5", "1.25", "6.02e23", "1E-3". Returns false on bad input.
    static member TryParse(s: string, [<Runtime.InteropServices.Out>] result: byref<Q>) : bool =
        let s = s.Trim()
        let parseDecimal (t: string) : Q option =
            let t, exp =
                match t.IndexOfAny([| 'e'; 'E' |]) with
                | -1 -> t, 0
                | i ->
                    match Int32.TryParse(t.Substring(i + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) with
                    | true, e -> t.Substring(0, i), e
                    | _ -> t, Int32.MinValue
            if exp = Int32.MinValue || t.Length = 0 then None
            else
                let neg = t.StartsWith "-"
                let t = t.TrimStart('+', '-')
                let intPart, fracPart =
                    match t.IndexOf '.' with
                    | -1 -> t, ""
                    | i -> t.Substring(0, i), t.Substring(i + 1)
                let digits = intPart + fracPart
                if digits.Length = 0 || not (digits |> Seq.forall Char.IsDigit) then None
                else
                    let m = BigInteger.Parse(digits, CultureInfo.InvariantCulture)
                    let m = if neg then -m else m
                    let e10 = exp - fracPart.Length
                    Some(
                        if e10 >= 0 then Q.OfBigInt(m * BigInteger.Pow(BigInteger 10, e10))
                        else Q.Create(m, BigInteger.Pow(BigInteger 10, -e10)))
        let parsed =
            match s.Split('/') with
            | [| a |] -> parseDecimal a
            | [| a; b |] ->
                match parseDecimal a, parseDecimal b with
                | Some x, Some y when not y.IsZero -> Some(x / y)
                | _ -> None
            | _ -> None
        match parsed with
        | Some q -> result <- q; true
        | None -> false

    static member Parse(s: string) : Q =
        match Q.TryParse s with
        | true, q -> q
        | _ -> raise (FormatException(sprintf "'%s' is not a rational number (expected e.g. 3, -2/5, 1.25, 6e23)" s))

    /// The exact rational value of a finite double (every double is a dyadic rational).
    static member OfDouble(x: float) : Q =
        if Double.IsNaN x || Double.IsInfinity x then
            raise (ArgumentOutOfRangeException("x", x, "Q.OfDouble: the value must be finite"))
        elif x = 0.0 then Q.Zero
        else
            let bits = BitConverter.DoubleToInt64Bits x
            let neg = bits < 0L
            let exponent = int ((bits >>> 52) &&& 0x7FFL)
            let mantissa = bits &&& 0xFFFFFFFFFFFFFL
            let m, e =
                if exponent = 0 then mantissa, -1074
                else (mantissa ||| (1L <<< 52)), exponent - 1075
            let m = BigInteger m
            let m = if neg then -m else m
            if e >= 0 then Q.OfBigInt(m * BigInteger.Pow(BigInteger 2, e))
            else Q.Create(m, BigInteger.Pow(BigInteger 2, -e))

    override q.ToString() =
        if q.IsInteger then q.Num.ToString(CultureInfo.InvariantCulture)
        else q.Num.ToString(CultureInfo.InvariantCulture) + "/" + q.Denominator.ToString(CultureInfo.InvariantCulture)

    override q.Equals(o: obj) =
        match o with
        | :? Q as r -> q.Num = r.Num && q.Denominator = r.Denominator
        | _ -> false

    override q.GetHashCode() = HashCode.Combine(q.Num, q.Denominator)

    interface IEquatable<Q> with
        member q.Equals(r: Q) = q.Num = r.Num && q.Denominator = r.Denominator

    interface IComparable<Q> with
        member q.CompareTo(r: Q) = BigInteger.Compare(q.Num * r.Denominator, r.Num * q.Denominator)

    interface IComparable with
        member q.CompareTo(o: obj) =
            match o with
            | :? Q as r -> BigInteger.Compare(q.Num * r.Denominator, r.Num * q.Denominator)
            | _ -> invalidArg "o" "Q can only be compared with Q"

/// Integer helpers used by exact powers and roots.
module internal IntegerRoots =
    /// The integer k-th root of n ≥ 0 if n is a perfect k-th power.
    let exactRoot (n: BigInteger) (k: int) : BigInteger option =
        if n.Sign < 0 then None
        elif n.IsZero || n.IsOne then Some n
        else
            // Newton iteration on integers, starting above the root
            let bits = int (n.GetBitLength())
            let mutable x = BigInteger.One <<< (bits / k + 1)
            let kk = BigInteger k
            let mutable fin = false
            while not fin do
                let y = ((kk - BigInteger.One) * x + n / BigInteger.Pow(x, k - 1)) / kk
                if y >= x then fin <- true else x <- y
            if BigInteger.Pow(x, k) = n then Some x else None

    /// Splits n > 0 into (a, b) with n = a^k · b, extracting k-th powers of primes below a small bound
    /// (enough for the numbers that appear in physics formulas; larger factors stay inside b).
    let extractPower (n: BigInteger) (k: int) : BigInteger * BigInteger =
        match exactRoot n k with
        | Some r -> r, BigInteger.One
        | None ->
            let mutable a = BigInteger.One
            let mutable b = n
            let mutable p = 2
            while p < 1000 && BigInteger(p) * BigInteger(p) <= b do
                let pk = BigInteger.Pow(BigInteger p, k)
                while (BigInteger.Remainder(b, pk)).IsZero do
                    b <- b / pk
                    a <- a * BigInteger p
                p <- if p = 2 then 3 else p + 2
            match exactRoot b k with
            | Some r -> a * r, BigInteger.One
            | None -> a, b
