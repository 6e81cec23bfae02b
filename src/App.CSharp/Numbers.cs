using System.Globalization;

namespace NuDM.App;

/// <summary>
/// The one spelling of numbers for everything the program prints (terminal tables, messages, CSV, JSON), as Python
/// writes them: a lowercase <c>e</c>, the exponent's sign always and at least two exponent digits, a minus sign only for
/// negative numbers, no group separators, the invariant culture (<c>9.043e-05</c>, <c>1.6e+04</c>, <c>0.0001</c>).
/// <list type="bullet">
/// <item><see cref="Exact"/> (CSV, JSON, inputs echoed back): the shortest digits that parse back to the identical
/// double, like Python's <c>repr</c> — exponent form below 1e-4 and from 1e16 on — except that a whole number has no
/// trailing <c>.0</c> (<c>16000</c>, as JSON and <c>%g</c> write it).</item>
/// <item><see cref="Significant"/> (terminal tables): a chosen number of significant digits, as Python's
/// <c>'%.4g' % x</c> — exponent form below 1e-4 and from 10^digits on, trailing zeros dropped.</item>
/// <item><see cref="Fixed"/>: a fixed number of decimals, only where that is the convention (event counts with two
/// decimals, percentages with one, times).</item>
/// </list>
/// </summary>
public static class Numbers
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Shortest round-trip digits in Python <c>repr</c> style; "nan", "inf", "-inf" for non-finite values (never
    /// printed as results: <see cref="Results"/> refuses them first).</summary>
    public static string Exact(double x)
    {
        if (!double.IsFinite(x)) return double.IsNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
        if (x == 0) return double.IsNegative(x) ? "-0" : "0";
        // "E16" would round; "R" gives the shortest round-trip digits, in whichever layout .NET chooses: re-read them.
        var (negative, digits, exponent) = Decompose(x.ToString("R", Inv));
        return (negative ? "-" : "") + Layout(digits, exponent, exponent < -4 || exponent >= 16);
    }

    /// <summary><paramref name="digits"/> significant digits (1–17) in Python <c>%g</c> style.</summary>
    public static string Significant(double x, int digits = 4)
    {
        if (digits is < 1 or > 17) throw new ArgumentOutOfRangeException(nameof(digits), digits, "significant digits must be within [1, 17]");
        if (!double.IsFinite(x)) return Exact(x);
        if (x == 0) return "0";
        // "E" rounds correctly to the digits asked for; the exponent is the rounded value's.
        var (negative, mantissa, exponent) = Decompose(x.ToString("E" + (digits - 1).ToString(Inv), Inv));
        return (negative ? "-" : "") + Layout(mantissa.TrimEnd('0'), exponent, exponent < -4 || exponent >= digits);
    }

    /// <summary>A fixed number of decimals (0–15).</summary>
    public static string Fixed(double x, int decimals)
    {
        if (decimals is < 0 or > 15) throw new ArgumentOutOfRangeException(nameof(decimals), decimals, "decimals must be within [0, 15]");
        return double.IsFinite(x) ? x.ToString("F" + decimals.ToString(Inv), Inv) : Exact(x);
    }

    /// <summary>The sign, the significant digits without leading zeros (at least one) and the decimal exponent of the first.</summary>
    private static (bool Negative, string Digits, int Exponent) Decompose(string s)
    {
        var negative = s.StartsWith('-');
        if (negative) s = s[1..];
        var e = s.IndexOfAny(['E', 'e']);
        var exponent = e < 0 ? 0 : int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, Inv);
        var mantissa = e < 0 ? s : s[..e];
        var point = mantissa.IndexOf('.');
        var whole = point < 0 ? mantissa : mantissa[..point];
        var digits = (whole + (point < 0 ? "" : mantissa[(point + 1)..])).TrimStart('0');
        exponent += whole.Length - 1 - ((whole + (point < 0 ? "" : mantissa[(point + 1)..])).Length - digits.Length);
        return (negative, digits.Length == 0 ? "0" : digits, exponent);
    }

    /// <summary>Digits d₁d₂… × 10^exponent (d₁ the leading digit) in exponent form (<c>d.ddde-05</c>) or positional form.</summary>
    private static string Layout(string digits, int exponent, bool scientific)
    {
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        if (scientific)
            return digits[..1] + (digits.Length > 1 ? "." + digits[1..] : "") + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", Inv);
        if (exponent < 0) return "0." + new string('0', -exponent - 1) + digits;
        if (digits.Length <= exponent + 1) return digits + new string('0', exponent + 1 - digits.Length);
        return digits[..(exponent + 1)] + "." + digits[(exponent + 1)..];
    }
}
