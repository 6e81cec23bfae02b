using System.Collections.Immutable;
using Argument = NuDM.Physics.Argument;

namespace NuDM.App.Figures;

/// <summary>
/// A data series of a <see cref="Panel"/>: <see cref="LineSeries"/>, <see cref="BandSeries"/>, <see cref="PointSeries"/>,
/// <see cref="StepSeries"/> or <see cref="CellSeries"/>. Immutable; the data are copied on construction. NaN values (and non-positive ones on a log axis)
/// leave gaps; every point is written to the CSV (one row per point, per bin of a step series: <see cref="Count"/>).
/// </summary>
public abstract record Series
{
    /// <param name="label">The legend label in <see cref="TextMarkup"/>; null or empty keeps the series out of the legend.</param>
    protected Series(string? label) => Label = label ?? "";
    public string Label { get; init => field = value ?? ""; } = "";
    /// <summary><c>#rrggbb</c>, or null for the next colour of <see cref="Palette.Cycle"/>.</summary>
    public string? Color { get; init; }
    /// <summary>Stroke width in pixels (lines, steps) within [0, 100]; default 1.5.</summary>
    public double Width { get; init; } = 1.5;
    /// <summary>Fill opacity within [0, 1] of a band (default 0.3) or a filled step series (default 0.25).</summary>
    public double FillOpacity { get; init; } = 0.3;
    /// <summary>The CSV <c>kind</c> column: <c>line</c>, <c>band</c>, <c>points</c> or <c>step</c>.</summary>
    public abstract string Kind { get; }
    public int Count => Rows().Count();
    internal string Describe(int index) => Label.Length > 0 ? $"{GetType().Name} '{Label}'" : $"{GetType().Name} #{index}";

    internal virtual void Validate(string where)
    {
        Argument.That(Color is null || Palette.IsValid(Color), nameof(Color), $"{where}: Color '{Color}' is not #rrggbb.");
        Argument.That(Width is >= 0 and <= 100, nameof(Width), $"{where}: Width must be within [0, 100]; got {Numbers.Exact(Width)}.");
        Argument.That(FillOpacity is >= 0 and <= 1, nameof(FillOpacity), $"{where}: FillOpacity must be within [0, 1]; got {Numbers.Exact(FillOpacity)}.");
    }

    /// <summary>One CSV row per point: x, y, y_low, y_high, x_low, x_high (NaN where not applicable).</summary>
    internal abstract IEnumerable<(double X, double Y, double YLow, double YHigh, double XLow, double XHigh)> Rows();

    /// <summary>The values, which must number <paramref name="length"/> (−1: any); the error names the series and <paramref name="name"/>.</summary>
    private protected ImmutableArray<double> Copy(IEnumerable<double> values, string name, int length = -1)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        ImmutableArray<double> a = [.. values];
        var rule = name == "edges" ? $"edges must have one more value than values ({length - 1})" : $"{name} and x must have equal lengths ({length})";
        Argument.That(length < 0 || a.Length == length, name, $"{Describe(0)}: {name} has {a.Length} values; {rule}.");
        return a;
    }
}

/// <summary>A polyline through (x[i], y[i]) in order.</summary>
public sealed record LineSeries : Series
{
    public LineSeries(IEnumerable<double> x, IEnumerable<double> y, string? label = null) : base(label) => Y = Copy(y, nameof(y), (X = Copy(x, nameof(x))).Length);
    public ImmutableArray<double> X { get; }
    public ImmutableArray<double> Y { get; }
    public DashPattern Dash { get; init; }
    public override string Kind => "line";
    internal override IEnumerable<(double, double, double, double, double, double)> Rows() => X.Select((x, i) => (x, Y[i], double.NaN, double.NaN, double.NaN, double.NaN));
}

/// <summary>The region between yLow(x) and yHigh(x); −∞ in yLow (or yLow ≤ 0 on a log axis) and +∞ in yHigh reach the plot edge.</summary>
public sealed record BandSeries : Series
{
    public BandSeries(IEnumerable<double> x, IEnumerable<double> yLow, IEnumerable<double> yHigh, string? label = null) : base(label)
    {
        X = Copy(x, nameof(x));
        (YLow, YHigh) = (Copy(yLow, nameof(yLow), X.Length), Copy(yHigh, nameof(yHigh), X.Length));
    }

    public ImmutableArray<double> X { get; }
    public ImmutableArray<double> YLow { get; }
    public ImmutableArray<double> YHigh { get; }
    public override string Kind => "band";
    internal override IEnumerable<(double, double, double, double, double, double)> Rows() => X.Select((x, i) => (x, double.NaN, YLow[i], YHigh[i], double.NaN, double.NaN));
}

/// <summary>Data points (circles) with error bars: distances below and above y (one of them alone gives symmetric errors;
/// NaN for none). A lower end ≤ 0 on a log axis runs to the bottom of the plot.</summary>
public sealed record PointSeries : Series
{
    public PointSeries(IEnumerable<double> x, IEnumerable<double> y, IEnumerable<double>? yErrorMinus = null, IEnumerable<double>? yErrorPlus = null,
        string? label = null) : base(label)
    {
        Y = Copy(y, nameof(y), (X = Copy(x, nameof(x))).Length);
        ImmutableArray<double>? Errors(IEnumerable<double>? e, string name)
        {
            var a = e is null ? default : Copy(e, name, X.Length);
            for (var i = 0; e is not null && i < a.Length; i++)
                Argument.That(!(a[i] < 0) && !double.IsInfinity(a[i]), name, $"{Describe(0)}: {name}[{i}] = {Numbers.Exact(a[i])}; errors are distances and must be finite and non-negative (NaN for none).");
            return e is null ? null : a;
        }
        var (minus, plus) = (Errors(yErrorMinus, nameof(yErrorMinus)), Errors(yErrorPlus, nameof(yErrorPlus)));
        (YErrorMinus, YErrorPlus) = (minus ?? plus, plus ?? minus);
    }

    public ImmutableArray<double> X { get; }
    public ImmutableArray<double> Y { get; }
    public ImmutableArray<double>? YErrorMinus { get; }
    public ImmutableArray<double>? YErrorPlus { get; }
    public override string Kind => "points";
    internal double Low(int i) => YErrorMinus is { } e && !double.IsNaN(e[i]) ? Y[i] - e[i] : double.NaN;
    internal double High(int i) => YErrorPlus is { } e && !double.IsNaN(e[i]) ? Y[i] + e[i] : double.NaN;
    internal override IEnumerable<(double, double, double, double, double, double)> Rows() => X.Select((x, i) => (x, Y[i], Low(i), High(i), double.NaN, double.NaN));
}

/// <summary>A histogram drawn as steps: bin i spans [edges[i], edges[i+1]] at height values[i]; optionally filled down to 0
/// (the plot bottom on a log axis). Its CSV rows give the bin centre as x and the edges as x_low, x_high.</summary>
public sealed record StepSeries : Series
{
    public StepSeries(IEnumerable<double> edges, IEnumerable<double> values, string? label = null) : base(label)
    {
        Edges = Copy(edges, nameof(edges), (Values = Copy(values, nameof(values))).Length + 1);
        FillOpacity = 0.25;
        for (var i = 0; i < Edges.Length; i++)
            Argument.That(double.IsFinite(Edges[i]) && (i == 0 || Edges[i] > Edges[i - 1]), nameof(edges),
                $"{Describe(0)}: edges must be finite and strictly increasing; edges[{i}] = {Numbers.Exact(Edges[i])} breaks that.");
    }

    public ImmutableArray<double> Edges { get; }
    public ImmutableArray<double> Values { get; }
    public bool Filled { get; init; }
    public override string Kind => "step";
    internal override IEnumerable<(double, double, double, double, double, double)> Rows() =>
        Values.Select((v, i) => (0.5 * (Edges[i] + Edges[i + 1]), v, double.NaN, double.NaN, Edges[i], Edges[i + 1]));
}

/// <summary>
/// A map: rectangular cells [xLow, xHigh] × [yLow, yHigh] filled by their value — on the Viridis colour scale from
/// <see cref="ColorMin"/> to <see cref="ColorMax"/> (a colour bar titled <see cref="ColorLabel"/> beside the panel), or,
/// when <see cref="Series.Color"/> is set, in that one colour (a region). A NaN value leaves its cell empty. The values are
/// not y data: a panel with cells needs fixed x and y limits. CSV rows: x = the cell's centre, y = its value, x_low/x_high
/// and y_low/y_high its edges.
/// </summary>
public sealed record CellSeries : Series
{
    public CellSeries(IEnumerable<double> xLow, IEnumerable<double> xHigh, IEnumerable<double> yLow, IEnumerable<double> yHigh,
        IEnumerable<double> values, string? label = null) : base(label)
    {
        Values = Copy(values, nameof(values));
        (XLow, XHigh) = (Copy(xLow, nameof(xLow), Values.Length), Copy(xHigh, nameof(xHigh), Values.Length));
        (YLow, YHigh) = (Copy(yLow, nameof(yLow), Values.Length), Copy(yHigh, nameof(yHigh), Values.Length));
        FillOpacity = 1;
        for (var i = 0; i < Values.Length; i++)
            Argument.That(double.IsFinite(XLow[i]) && double.IsFinite(YLow[i]) && double.IsFinite(XHigh[i]) && double.IsFinite(YHigh[i]) && XHigh[i] > XLow[i] && YHigh[i] > YLow[i],
                "cells", $"{Describe(0)}: cell {i} must have finite edges with xHigh > xLow and yHigh > yLow.");
    }

    public ImmutableArray<double> XLow { get; }
    public ImmutableArray<double> XHigh { get; }
    public ImmutableArray<double> YLow { get; }
    public ImmutableArray<double> YHigh { get; }
    public ImmutableArray<double> Values { get; }
    /// <summary>The value at the bottom of the colour scale (NaN: the smallest finite value).</summary>
    public double ColorMin { get; init; } = double.NaN;
    /// <summary>The value at the top of the colour scale (NaN: the largest finite value).</summary>
    public double ColorMax { get; init; } = double.NaN;
    /// <summary>Title of the colour bar, in <see cref="TextMarkup"/>.</summary>
    public string ColorLabel { get; init; } = "";
    /// <summary>Linear, or Log10: colours by log₁₀ of the value (values ≤ 0 leave their cell empty; the bar shows log₁₀).</summary>
    public ScaleKind ColorScale { get; init; }
    public override string Kind => "cells";

    internal override void Validate(string where)
    {
        base.Validate(where);
        Argument.That(!(ColorMin >= ColorMax), nameof(ColorMin), $"{where}: ColorMin ({Numbers.Exact(ColorMin)}) must be below ColorMax ({Numbers.Exact(ColorMax)}).");
    }

    /// <summary>The colour scale's ends: the given ones, else the finite values' range (0 to 1 when there is none).</summary>
    internal (double Min, double Max) ColorRange()
    {
        var v = Values.Select(ColorValue).Where(double.IsFinite).ToList();
        double lo = double.IsNaN(ColorMin) ? (v.Count > 0 ? v.Min() : 0) : ColorValue(ColorMin);
        double hi = double.IsNaN(ColorMax) ? (v.Count > 0 ? v.Max() : 1) : ColorValue(ColorMax);
        return hi > lo ? (lo, hi) : (lo, lo + Math.Max(1, Math.Abs(lo)) * 1e-9);
    }

    /// <summary>The value on the colour scale: itself, or log₁₀ of it (NaN for a value ≤ 0 on a log scale).</summary>
    internal double ColorValue(double v) => ColorScale == ScaleKind.Log10 ? (v > 0 ? Math.Log10(v) : double.NaN) : v;

    internal override IEnumerable<(double, double, double, double, double, double)> Rows() =>
        Values.Select((v, i) => (0.5 * (XLow[i] + XHigh[i]), v, YLow[i], YHigh[i], XLow[i], XHigh[i]));
}
