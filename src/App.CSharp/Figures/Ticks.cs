using System.Globalization;

namespace NuDM.App.Figures;

/// <summary>A labelled (major) tick: its data value and label in <see cref="TextMarkup"/>.</summary>
internal sealed record Tick(double Value, string Label);

/// <summary>The ticks of a resolved axis: its limits, labelled major ticks and unlabelled minor ticks.</summary>
internal sealed record ResolvedAxis(ScaleKind Scale, double Min, double Max, IReadOnlyList<Tick> Major, IReadOnlyList<double> Minor)
{
    public AxisMapping Map(double pixelAtMin, double pixelAtMax) => new(Scale, Min, Max, pixelAtMin, pixelAtMax);
}

/// <summary>Automatic limits and tick placement for linear (1-2-5 steps) and log10 (decades) axes.</summary>
internal static class Ticks
{
    internal const string Minus = "\u2212";

    /// <summary>Largest magnitude that automatic limits follow; larger data are clipped.</summary>
    internal const double MaxMagnitude = 1e300;

    /// <summary>Smallest positive value that automatic log limits follow; smaller data are clipped.</summary>
    internal const double MinLog = 1e-300;

    /// <summary>The smallest of 1, 2, 5 × 10^k that is at least <paramref name="raw"/>.</summary>
    public static double NiceStep(double raw)
    {
        if (!(raw > 0) || !double.IsFinite(raw)) return 1;
        var exp = Math.Floor(Math.Log10(raw));
        var p = Math.Pow(10, exp);
        foreach (var m in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (m * p >= raw * (1 - 1e-12)) return m * p;
        }
        return 10 * p;
    }

    /// <summary>The next larger 1-2-5 step after <paramref name="step"/>.</summary>
    public static double NextStep(double step) => NiceStep(step * 1.0001 + double.Epsilon);

    private static double Mantissa(double step) => Math.Round(step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9)));

    /// <summary>
    /// The k-th multiple of <paramref name="step"/>, computed as an integer over a power of ten when the step is a short
    /// decimal, so that 19 × 0.05 gives the double nearest 0.95 rather than 0.9500000000000001.
    /// </summary>
    public static double Multiple(double k, double step)
    {
        var d = Math.Clamp(1 - (int)Math.Floor(Math.Log10(step)), 0, 22);
        var scale = Math.Pow(10, d);
        var n = Math.Round(step * scale);
        var v = Math.Abs(n / scale - step) <= 1e-9 * step && Math.Abs(k * n) < 1e15 ? k * n / scale : k * step;
        return Math.Abs(v) < step * 1e-9 ? 0 : v;
    }

    /// <summary>Multiples of <paramref name="step"/> within [min, max] (see <see cref="Multiple"/>), −0 and round-off snapped to 0.</summary>
    public static List<double> Multiples(double min, double max, double step)
    {
        var list = new List<double>();
        var k0 = Math.Ceiling(min / step - 1e-9);
        var k1 = Math.Floor(max / step + 1e-9);
        if (k1 - k0 > 10000) return list;
        for (var k = k0; k <= k1; k++) list.Add(Multiple(k, step));
        return list;
    }

    /// <summary>Linear minor ticks: 5 per major step for 1 and 5 mantissas, 4 for 2; none on majors.</summary>
    public static List<double> LinearMinor(double min, double max, double step)
    {
        var m = Mantissa(step);
        var minor = step / (m == 2 ? 4 : 5);
        return Multiples(min, max, minor)
            .Where(v => Math.Abs(v / step - Math.Round(v / step)) > 1e-6)
            .ToList();
    }

    /// <summary>Formats a linear tick value for a given step, or with the user format.</summary>
    public static string FormatLinear(double v, double step, double maxAbs, string? format)
    {
        if (format is not null) return Sign(v.ToString(format, CultureInfo.InvariantCulture));
        if (v == 0) v = 0; // never "-0"
        if (maxAbs >= 1e5 || (maxAbs < 1e-3 && maxAbs > 0))
        {
            var e = (int)Math.Floor(Math.Log10(maxAbs) + 1e-9);
            var scale = Math.Pow(10, e);
            if (v == 0) return "0";
            var mant = v / scale;
            var dec = Decimals(step / scale);
            return Sign(mant.ToString("F" + dec, CultureInfo.InvariantCulture)) + "×10^{" + Sign(e.ToString(CultureInfo.InvariantCulture)) + "}";
        }
        return Sign(v.ToString("F" + Decimals(step), CultureInfo.InvariantCulture));
    }

    private static int Decimals(double step) => Math.Clamp(-(int)Math.Floor(Math.Log10(step) + 1e-9), 0, 15);

    /// <summary>Replaces ASCII hyphen-minus with the typographic minus sign.</summary>
    public static string Sign(string s) => s.Replace("-", Minus, StringComparison.Ordinal);

    /// <summary>Formats a power of ten 10^e: plainly (0.01, 1, 1000) or as 10^{e}.</summary>
    public static string FormatDecade(int e, bool plain, string? format)
    {
        var v = Math.Pow(10, e);
        if (format is not null) return Sign(v.ToString(format, CultureInfo.InvariantCulture));
        if (plain) return v.ToString("F" + Math.Max(0, -e), CultureInfo.InvariantCulture);
        return "10^{" + Sign(e.ToString(CultureInfo.InvariantCulture)) + "}";
    }

    /// <summary>
    /// Resolves limits and ticks of <paramref name="axis"/> for data values <paramref name="data"/> drawn over
    /// <paramref name="pixelLength"/> pixels; <paramref name="minSpacing"/> gives the smallest pixel distance allowed
    /// between labelled ticks for a list of candidate labels.
    /// </summary>
    public static ResolvedAxis Resolve(Axis axis, IEnumerable<double> data, double pixelLength, Func<IReadOnlyList<string>, double> minSpacing)
    {
        var log = axis.Scale == ScaleKind.Log10;
        double? dmin = null, dmax = null;
        foreach (var raw in data)
        {
            if (!double.IsFinite(raw) || (log && raw <= 0)) continue;
            // Keep the range and its tick steps representable: data beyond these bounds are drawn as clipped.
            var v = log ? Math.Clamp(raw, MinLog, MaxMagnitude) : Math.Clamp(raw, -MaxMagnitude, MaxMagnitude);
            if (dmin is null || v < dmin) dmin = v;
            if (dmax is null || v > dmax) dmax = v;
        }
        // Work in the linear coordinate t (the value, or its log10).
        double T(double v) => log ? Math.Log10(v) : v;
        double V(double t) => log ? Math.Pow(10, t) : t;

        var autoLo = axis.Min is null;
        var autoHi = axis.Max is null;
        double a, b;
        if (dmin is null)
        {
            a = 0;
            b = 1;
        }
        else
        {
            a = T(dmin.Value);
            b = T(dmax!.Value);
        }
        if (!log && axis.IncludeZero)
        {
            a = Math.Min(a, 0);
            b = Math.Max(b, 0);
        }
        if (!autoLo) a = T(axis.Min!.Value);
        if (!autoHi) b = T(axis.Max!.Value);
        if (!(b > a))
        {
            var delta = log ? 1 : (a == 0 ? 1 : Math.Max(Math.Abs(a) * 0.1, 1e-300));
            if (autoLo && autoHi) { a -= delta; b += delta; }
            else if (autoHi) b = a + delta;
            else if (autoLo) a = b - delta;
        }
        if (axis.AutoLimits == AutoLimits.Padded)
        {
            var pad = axis.Padding * (b - a);
            if (autoLo) a -= pad;
            if (autoHi) b += pad;
        }
        // Padding must not push the limits out of the representable range.
        var limit = log ? Math.Log10(MaxMagnitude) : MaxMagnitude;
        var floor = log ? Math.Log10(MinLog) : -MaxMagnitude;
        a = Math.Clamp(a, floor, limit);
        b = Math.Clamp(b, floor, limit);
        if (!(b > a))
        {
            if (b < limit) b = Math.Min(limit, a + (log ? 1 : Math.Max(Math.Abs(a) * 0.1, 1e-300)));
            else a = b - (log ? 1 : Math.Abs(b) * 0.1);
        }
        var snap = axis.AutoLimits == AutoLimits.Nice;
        if (log)
        {
            if (snap)
            {
                if (autoLo) a = Math.Floor(a + 1e-9);
                if (autoHi) b = Math.Ceiling(b - 1e-9);
                if (!(b > a)) { if (autoHi) b = a + 1; else a = b - 1; }
            }
            return LogTicks(V(a), V(b), pixelLength, axis.TickFormat, minSpacing);
        }
        return LinearTicks(a, b, autoLo && snap, autoHi && snap, pixelLength, axis.TickFormat, minSpacing);
    }

    /// <summary>Linear ticks on [min, max]; sides marked for snapping are extended to the next tick.</summary>
    public static ResolvedAxis LinearTicks(double min, double max, bool snapLo, bool snapHi, double pixelLength,
        string? format, Func<IReadOnlyList<string>, double> minSpacing)
    {
        pixelLength = Math.Max(pixelLength, 1);
        var step = NiceStep((max - min) / 10);
        ResolvedAxis? best = null;
        for (var attempt = 0; attempt < 40; attempt++, step = NextStep(step))
        {
            // Never cut off data by round-off: the snapped limit is at least as wide as the data.
            var lo = snapLo ? Math.Min(min, Multiple(Math.Floor(min / step + 1e-9), step)) : min;
            var hi = snapHi ? Math.Max(max, Multiple(Math.Ceiling(max / step - 1e-9), step)) : max;
            if (!(hi > lo)) continue;
            var values = Multiples(lo, hi, step);
            var maxAbs = values.Count == 0 ? 0 : values.Max(Math.Abs);
            var labels = values.Select(v => FormatLinear(v, step, maxAbs, format)).ToList();
            var candidate = new ResolvedAxis(ScaleKind.Linear, lo, hi,
                values.Zip(labels, (v, l) => new Tick(v, l)).ToList(), LinearMinor(lo, hi, step));
            best ??= candidate;
            var pixelStep = pixelLength * step / (hi - lo);
            // Enough room between labels, and no more than nine labelled ticks (1-2-5 steps then give 4 to 9).
            if (values.Count <= 1 || (pixelStep >= minSpacing(labels) && values.Count <= 9)) return candidate;
            best = candidate;
        }
        return best!;
    }

    /// <summary>Log ticks on [min, max] (positive): decades labelled (every k-th when crowded), minors at 2..9 × decade.</summary>
    public static ResolvedAxis LogTicks(double min, double max, double pixelLength, string? format, Func<IReadOnlyList<string>, double> minSpacing)
    {
        pixelLength = Math.Max(pixelLength, 1);
        var t0 = Math.Log10(min);
        var t1 = Math.Log10(max);
        var pxPerDecade = pixelLength / (t1 - t0);
        if (!(double.IsFinite(t0) && double.IsFinite(t1) && t1 > t0))
            return new ResolvedAxis(ScaleKind.Log10, min, max, [], []);
        var e0 = (int)Math.Ceiling(t0 - 1e-9);
        var e1 = (int)Math.Floor(t1 + 1e-9);
        var decades = Enumerable.Range(e0, Math.Max(0, e1 - e0 + 1)).ToList();

        if (decades.Count >= 2)
        {
            foreach (var k in new[] { 1, 2, 3, 4, 5, 10, 20, 25, 50, 100 })
            {
                var labelled = decades.Where(e => ((e % k) + k) % k == 0).ToList();
                if (labelled.Count < 2 && k > 1) break;
                var plain = labelled.Max() - labelled.Min() <= 3 && labelled.Min() >= -3 && labelled.Max() <= 4;
                var labels = labelled.Select(e => FormatDecade(e, plain, format)).ToList();
                if (k * pxPerDecade >= minSpacing(labels) || k == 100)
                {
                    var major = labelled.Select((e, i) => new Tick(Math.Pow(10, e), labels[i])).ToList();
                    var minor = new List<double>();
                    if (k == 1)
                    {
                        if (pxPerDecade >= 30)
                        {
                            for (var e = e0 - 1; e <= e1; e++)
                            {
                                for (var m = 2; m <= 9; m++)
                                {
                                    var v = m * Math.Pow(10, e);
                                    if (v >= min * (1 - 1e-12) && v <= max * (1 + 1e-12)) minor.Add(v);
                                }
                            }
                        }
                    }
                    else
                    {
                        minor.AddRange(decades.Where(e => !labelled.Contains(e)).Select(e => Math.Pow(10, e)));
                    }
                    return new ResolvedAxis(ScaleKind.Log10, min, max, major, minor);
                }
            }
        }

        // Less than two decades inside: label m × 10^e for a subset of m.
        var all = new List<(double V, int M, int E)>();
        for (var e = (int)Math.Floor(t0) - 1; e <= (int)Math.Ceiling(t1); e++)
        {
            for (var m = 1; m <= 9; m++)
            {
                var v = m * Math.Pow(10, e);
                if (v >= min * (1 - 1e-12) && v <= max * (1 + 1e-12)) all.Add((v, m, e));
            }
        }
        foreach (var set in new[] { new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, new[] { 1, 2, 5 }, new[] { 1, 3 } })
        {
            var chosen = all.Where(c => set.Contains(c.M)).ToList();
            if (chosen.Count < 2) continue;
            var labels = chosen.Select(c => format is not null
                ? Sign(c.V.ToString(format, CultureInfo.InvariantCulture))
                : FormatMantissaDecade(c.M, c.E)).ToList();
            // Tightest spacing: between the two largest neighbours.
            var tightest = double.PositiveInfinity;
            for (var i = 1; i < chosen.Count; i++)
                tightest = Math.Min(tightest, pxPerDecade * (Math.Log10(chosen[i].V) - Math.Log10(chosen[i - 1].V)));
            if (tightest >= minSpacing(labels))
            {
                var major = chosen.Select((c, i) => new Tick(c.V, labels[i])).ToList();
                var minor = all.Where(c => !set.Contains(c.M)).Select(c => c.V).ToList();
                return new ResolvedAxis(ScaleKind.Log10, min, max, major, minor);
            }
        }
        // Very narrow range: linear ticks placed on the log axis.
        var lin = LinearTicks(min, max, false, false, pixelLength, format, minSpacing);
        return lin with { Scale = ScaleKind.Log10, Minor = lin.Minor.Where(v => v > 0).ToList(), Major = lin.Major.Where(t => t.Value > 0).ToList() };
    }

    private static string FormatMantissaDecade(int m, int e)
    {
        var v = m * Math.Pow(10, e);
        if (e >= -3 && e <= 4) return v.ToString("F" + Math.Max(0, -e), CultureInfo.InvariantCulture);
        return m == 1
            ? "10^{" + Sign(e.ToString(CultureInfo.InvariantCulture)) + "}"
            : m.ToString(CultureInfo.InvariantCulture) + "×10^{" + Sign(e.ToString(CultureInfo.InvariantCulture)) + "}";
    }
}
