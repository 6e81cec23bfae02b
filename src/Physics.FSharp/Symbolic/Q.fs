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

    /// Bits of |n| (0 for 0).
    static member internal Bits(n: BigInteger) : int64 = if n.IsZero then 0L else BigInteger.Abs(n).GetBitLength()

    /// Throws ExactNumberTooLargeException before a sum or product of a and b whose numerator or denominator
    /// would have more than Bounds.MaxExactBits bits is computed.
    static member private CheckBinary(a: Q, b: Q, operation: string, numeratorBits: int64, denominatorBits: int64) =
        let bits = max numeratorBits denominatorBits
        if bits > Bounds.MaxExactBits then
            Bounds.checkBits bits (fun () ->
                sprintf "the %s of a %d-bit and a %d-bit number" operation
                    (max (Q.Bits a.Num) (Q.Bits a.Denominator)) (max (Q.Bits b.Num) (Q.Bits b.Denominator)))

    static member private AddSub(a: Q, b: Q, negate: bool) =
        let an, ad, bn, bd = a.Num, a.Denominator, b.Num, b.Denominator
        if ad.IsOne && bd.IsOne then
            Q.CheckBinary(a, b, "sum", max (Q.Bits an) (Q.Bits bn) + 1L, 0L)
            Q((if negate then an - bn else an + bn), BigInteger.One, true)
        else
            Q.CheckBinary(a, b, "sum", max (Q.Bits an + Q.Bits bd) (Q.Bits bn + Q.Bits ad) + 1L, Q.Bits ad + Q.Bits bd)
            let bn = if negate then -bn else bn
            Q.Create(an * bd + bn * ad, ad * bd)

    static member (+)(a: Q, b: Q) = Q.AddSub(a, b, false)
    static member (-)(a: Q, b: Q) = Q.AddSub(a, b, true)
    static member (*)(a: Q, b: Q) =
        Q.CheckBinary(a, b, "product", Q.Bits a.Num + Q.Bits b.Num, Q.Bits a.Denominator + Q.Bits b.Denominator)
        Q.Create(a.Num * b.Num, a.Denominator * b.Denominator)
    static member (/)(a: Q, b: Q) =
        Q.CheckBinary(a, b, "quotient", Q.Bits a.Num + Q.Bits b.Denominator, Q.Bits a.Denominator + Q.Bits b.Num)
        Q.Create(a.Num * b.Denominator, a.Denominator * b.Num)
    static member (~-)(a: Q) = Q(-a.Num, a.Denominator, true)
    static member Abs(a: Q) = Q(BigInteger.Abs a.Num, a.Denominator, true)

    /// a^k for an integer k (k < 0 inverts; 0^negative throws DivideByZeroException). Throws
    /// ExactNumberTooLargeException when the result would have more than Bounds.MaxExactBits bits.
    static member Pow(a: Q, k: int) : Q =
        let size = max (Q.Bits a.Num) (Q.Bits a.Denominator)
        // |x^k| has at most k·bits(x) bits, and at least k·(bits(x) − 1) + 1: the estimate is tight
        let estimate = (max 0L (size - 1L)) * int64 (abs k) + 1L
        if size > 1L && estimate > Bounds.MaxExactBits then
            Bounds.checkBits estimate (fun () -> sprintf "%s to the power %d" (Q.Describe a) k)
        if k >= 0 then Q(BigInteger.Pow(a.Num, k), BigInteger.Pow(a.Denominator, k), true)
        elif a.IsZero then raise (DivideByZeroException "Q.Pow: 0 to a negative power")
        else Q.Create(BigInteger.Pow(a.Denominator, -k), BigInteger.Pow(a.Num, -k))

    /// The number itself when short, otherwise its size ("a 99999-bit number"), for error messages.
    static member internal Describe(a: Q) : string =
        let bits = max (Q.Bits a.Num) (Q.Bits a.Denominator)
        if bits <= 64L then a.ToString()
        elif a.Denominator.IsOne && a.Num.Sign > 0 && a.Num.IsPowerOfTwo then sprintf "2^%d" (bits - 1L)
        else sprintf "a %d-bit number" bits

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
                    let e10 = exp - fracPart.Length
                    // 10^|e10| has about 3.32·|e10| bits: refuse absurd exponents before computing the power
                    Bounds.checkBits
                        (int64 (float (abs (int64 e10)) * 3.3219280948873622) + int64 digits.Length * 4L)
                        (fun () -> sprintf "the number literal %s" (Bounds.truncate 40 s))
                    let m = BigInteger.Parse(digits, CultureInfo.InvariantCulture)
                    let m = if neg then -m else m
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
