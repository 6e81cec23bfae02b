using System.Collections.Immutable;
using System.Globalization;

namespace NuDM.App.Figures;

/// <summary>
/// Base of every data series drawn in a <see cref="Panel"/>: <see cref="LineSeries"/>, <see cref="BandSeries"/>,
/// <see cref="PointSeries"/> and <see cref="StepSeries"/>. Series are immutable; their data arrays are copied on construction.
/// </summary>
public abstract record Series
{
    private readonly string _label = "";

    /// <summary>Creates a series with a legend label.</summary>
    /// <param name="label">The legend label in <see cref="TextMarkup"/>; null or empty keeps the series out of the legend.</param>
    protected Series(string? label) => _label = label ?? "";

    /// <summary>The legend label in <see cref="TextMarkup"/>; empty keeps the series out of the legend (it is still written to the CSV).</summary>
    public string Label { get => _label; init => _label = value ?? ""; }

    /// <summary>The colour (<c>#rrggbb</c>, <c>#rgb</c> or an SVG keyword); null takes the next colour of <see cref="Palette.Cycle"/>.</summary>
    public string? Color { get; init; }

    /// <summary>The series kind as written to the CSV <c>kind</c> column: <c>line</c>, <c>band</c>, <c>points</c> or <c>step</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The number of data points (bins for a <see cref="StepSeries"/>); the number of CSV rows of the series.</summary>
    public abstract int Count { get; }

    /// <summary>Names the series in error messages: <c>LineSeries 'SM'</c> or <c>LineSeries #2</c>.</summary>
    internal string Describe(int index) =>
        Label.Length > 0 ? $"{GetType().Name} '{Label}'" : $"{GetType().Name} #{index}";

    /// <summary>Checks styling values; data lengths were checked by the constructor.</summary>
    internal virtual void Validate(string where)
    {
        if (Color is { } c && !Palette.IsValid(c))
            throw new ArgumentException($"{where}: Color '{c}' is not #rgb, #rrggbb or an SVG colour keyword.", nameof(Color));
    }

    /// <summary>The x values that the automatic x limits should include.</summary>
    internal abstract IEnumerable<double> XExtent();

    /// <summary>The y values that the automatic y limits should include (non-finite ones, and non-positive ones on log axes, are skipped by the caller).</summary>
    internal abstract IEnumerable<double> YExtent();

    /// <summary>One CSV row per point: x, y, y_low, y_high, x_low, x_high (NaN where not applicable).</summary>
    internal abstract IEnumerable<(double X, double Y, double YLow, double YHigh, double XLow, double XHigh)> Rows();

    /// <summary>Copies data into an immutable array, naming the parameter when it is null.</summary>
    private protected static ImmutableArray<double> Copy(IEnumerable<double> values, string paramName)
    {
        ArgumentNullException.ThrowIfNull(values, paramName);
        return [.. values];
    }

    private protected string Who(string? label) => string.IsNullOrEmpty(label) ? GetType().Name : $"{GetType().Name} '{label}'";

    private protected static void CheckLength(string who, ImmutableArray<double> a, string aName, ImmutableArray<double> b, string bName, int offset = 0)
    {
        if (a.Length != b.Length + offset)
        {
            var rule = offset == 0 ? $"{aName} and {bName} must have equal lengths" : $"{aName} must have one more value than {bName}";
            throw new ArgumentException($"{who}: {aName} has {a.Length} values but {bName} has {b.Length}; {rule}.", aName);
        }
    }

    private protected static void CheckStyle(string where, string name, double value, double min = 0, double max = double.PositiveInfinity)
    {
        if (!double.IsFinite(value) || value < min || value > max)
            throw new ArgumentException(
                $"{where}: {name} must be finite and within [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]; got {value.ToString("R", CultureInfo.InvariantCulture)}.",
                name);
    }
}

/// <summary>A polyline through (x[i], y[i]) in the given order, optionally with markers.
/// NaN or infinite values, and non-positive values on a log axis, break the line into separate pieces.</summary>
/// <example><code>new LineSeries(t, ratio, "g_{μ} = 10^{-5}") { Dash = DashPattern.Dashed, Width = 2 }</code></example>
public sealed record LineSeries : Series
{
    /// <summary>Creates a line series.</summary>
    /// <param name="x">The x values.</param>
    /// <param name="y">The y values; as many as <paramref name="x"/>.</param>
    /// <param name="label">The legend label, or null for none.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public LineSeries(IEnumerable<double> x, IEnumerable<double> y, string? label = null) : base(label)
    {
        X = Copy(x, nameof(x));
        Y = Copy(y, nameof(y));
        CheckLength(Who(label), Y, nameof(y), X, nameof(x));
    }

    /// <summary>The x values.</summary>
    public ImmutableArray<double> X { get; }

    /// <summary>The y values.</summary>
    public ImmutableArray<double> Y { get; }

    /// <summary>Stroke width in pixels (default 1.5; 0 draws markers only).</summary>
    public double Width { get; init; } = 1.5;

    /// <summary>Dash pattern (default solid).</summary>
    public DashPattern Dash { get; init; } = DashPattern.Solid;

    /// <summary>Marker drawn at each finite point (default none).</summary>
    public MarkerShape Marker { get; init; } = MarkerShape.None;

    /// <summary>Marker size (diameter) in pixels; default 6.</summary>
    public double MarkerSize { get; init; } = 6;

    /// <summary>Stroke opacity in [0, 1]; default 1.</summary>
    public double Opacity { get; init; } = 1;

    /// <inheritdoc />
    public override string Kind => "line";

    /// <inheritdoc />
    public override int Count => X.Length;

    internal override void Validate(string where)
    {
        base.Validate(where);
        CheckStyle(where, nameof(Width), Width);
        CheckStyle(where, nameof(MarkerSize), MarkerSize);
        CheckStyle(where, nameof(Opacity), Opacity, 0, 1);
        if (Dash is null) throw new ArgumentException($"{where}: Dash must not be null (use DashPattern.Solid).", nameof(Dash));
    }

    internal override IEnumerable<double> XExtent() => X;

    internal override IEnumerable<double> YExtent() => Y;

    internal override IEnumerable<(double, double, double, double, double, double)> Rows()
    {
        for (var i = 0; i < X.Length; i++) yield return (X[i], Y[i], double.NaN, double.NaN, double.NaN, double.NaN);
    }
}

/// <summary>
/// A shaded region between yLow(x) and yHigh(x), e.g. an excluded region or an uncertainty band.
/// NaN values break the band into separate pieces. −∞ in <see cref="YLow"/> (or a non-positive yLow on a log axis) and
/// +∞ in <see cref="YHigh"/> extend the band to the bottom and top edge of the plot area, which shades "everything below/above a curve".
/// </summary>
/// <example><code>new BandSeries(m, limit, m.Select(_ => double.PositiveInfinity), "excluded") { FillOpacity = 0.25, EdgeWidth = 1.5 }</code></example>
public sealed record BandSeries : Series
{
    /// <summary>Creates a band.</summary>
    /// <param name="x">The x values, in drawing order.</param>
    /// <param name="yLow">The lower boundary; as many values as <paramref name="x"/>.</param>
    /// <param name="yHigh">The upper boundary; as many values as <paramref name="x"/>.</param>
    /// <param name="label">The legend label, or null for none.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public BandSeries(IEnumerable<double> x, IEnumerable<double> yLow, IEnumerable<double> yHigh, string? label = null) : base(label)
    {
        X = Copy(x, nameof(x));
        YLow = Copy(yLow, nameof(yLow));
        YHigh = Copy(yHigh, nameof(yHigh));
        CheckLength(Who(label), YLow, nameof(yLow), X, nameof(x));
        CheckLength(Who(label), YHigh, nameof(yHigh), X, nameof(x));
    }

    /// <summary>The x values.</summary>
    public ImmutableArray<double> X { get; }

    /// <summary>The lower boundary.</summary>
    public ImmutableArray<double> YLow { get; }

    /// <summary>The upper boundary.</summary>
    public ImmutableArray<double> YHigh { get; }

    /// <summary>Fill opacity in [0, 1]; default 0.3.</summary>
    public double FillOpacity { get; init; } = 0.3;

    /// <summary>Width in pixels of the lines drawn along both boundaries in the series colour; default 0 (no edge).</summary>
    public double EdgeWidth { get; init; }

    /// <summary>Dash pattern of the edge lines; default solid.</summary>
    public DashPattern EdgeDash { get; init; } = DashPattern.Solid;

    /// <inheritdoc />
    public override string Kind => "band";

    /// <inheritdoc />
    public override int Count => X.Length;

    internal override void Validate(string where)
    {
        base.Validate(where);
        CheckStyle(where, nameof(FillOpacity), FillOpacity, 0, 1);
        CheckStyle(where, nameof(EdgeWidth), EdgeWidth);
        if (EdgeDash is null) throw new ArgumentException($"{where}: EdgeDash must not be null (use DashPattern.Solid).", nameof(EdgeDash));
    }

    internal override IEnumerable<double> XExtent() => X;

    internal override IEnumerable<double> YExtent() => YLow.Concat(YHigh);

    internal override IEnumerable<(double, double, double, double, double, double)> Rows()
    {
        for (var i = 0; i < X.Length; i++) yield return (X[i], double.NaN, YLow[i], YHigh[i], double.NaN, double.NaN);
    }
}

/// <summary>
/// Data points with markers and optional error bars: asymmetric y errors (distances below and above y) and x half-widths.
/// On a log y axis an error bar whose lower end is not positive runs to the bottom of the plot area.
/// </summary>
/// <example><code>new PointSeries(t, n, yErrorMinus: lo, yErrorPlus: hi, xHalfWidth: halfBin, label: "data")</code></example>
public sealed record PointSeries : Series
{
    /// <summary>Creates a point series.</summary>
    /// <param name="x">The x values.</param>
    /// <param name="y">The y values; as many as <paramref name="x"/>.</param>
    /// <param name="yErrorMinus">Distances from y down to the lower end of each error bar (≥ 0, NaN for no bar), or null. If only one of
    /// <paramref name="yErrorMinus"/> and <paramref name="yErrorPlus"/> is given the errors are symmetric.</param>
    /// <param name="yErrorPlus">Distances from y up to the upper end of each error bar (≥ 0, NaN for no bar), or null.</param>
    /// <param name="xHalfWidth">Horizontal half-widths (≥ 0, NaN for none), e.g. half the bin width, or null.</param>
    /// <param name="label">The legend label, or null for none.</param>
    /// <exception cref="ArgumentException">A length differs from that of <paramref name="x"/>, or an error is negative or infinite.</exception>
    public PointSeries(IEnumerable<double> x, IEnumerable<double> y,
        IEnumerable<double>? yErrorMinus = null, IEnumerable<double>? yErrorPlus = null,
        IEnumerable<double>? xHalfWidth = null, string? label = null) : base(label)
    {
        X = Copy(x, nameof(x));
        Y = Copy(y, nameof(y));
        var who = Who(label);
        CheckLength(who, Y, nameof(y), X, nameof(x));
        ImmutableArray<double>? minus = yErrorMinus is null ? null : Copy(yErrorMinus, nameof(yErrorMinus));
        ImmutableArray<double>? plus = yErrorPlus is null ? null : Copy(yErrorPlus, nameof(yErrorPlus));
        ImmutableArray<double>? half = xHalfWidth is null ? null : Copy(xHalfWidth, nameof(xHalfWidth));
        if (minus is { } m) CheckErrors(who, m, nameof(yErrorMinus));
        if (plus is { } p) CheckErrors(who, p, nameof(yErrorPlus));
        if (half is { } h) CheckErrors(who, h, nameof(xHalfWidth));
        YErrorMinus = minus ?? plus;
        YErrorPlus = plus ?? minus;
        XHalfWidth = half;
    }

    private void CheckErrors(string who, ImmutableArray<double> e, string name)
    {
        CheckLength(who, e, name, X, "x");
        for (var i = 0; i < e.Length; i++)
        {
            if (e[i] < 0 || double.IsInfinity(e[i]))
                throw new ArgumentException(
                    $"{who}: {name}[{i}] = {e[i].ToString("R", CultureInfo.InvariantCulture)}; errors are distances and must be finite and non-negative (NaN for none).", name);
        }
    }

    /// <summary>The x values.</summary>
    public ImmutableArray<double> X { get; }

    /// <summary>The y values.</summary>
    public ImmutableArray<double> Y { get; }

    /// <summary>Distances from y down to the lower error-bar ends, or null for no y error bars.</summary>
    public ImmutableArray<double>? YErrorMinus { get; }

    /// <summary>Distances from y up to the upper error-bar ends, or null for no y error bars.</summary>
    public ImmutableArray<double>? YErrorPlus { get; }

    /// <summary>Horizontal half-widths, or null for none.</summary>
    public ImmutableArray<double>? XHalfWidth { get; }

    /// <summary>Marker shape; default circle.</summary>
    public MarkerShape Marker { get; init; } = MarkerShape.Circle;

    /// <summary>Marker size (diameter) in pixels; default 6.</summary>
    public double MarkerSize { get; init; } = 6;

    /// <summary>Fill the marker (default) or draw its outline only.</summary>
    public bool MarkerFilled { get; init; } = true;

    /// <summary>Stroke width of the error bars in pixels; default 1.2.</summary>
    public double ErrorBarWidth { get; init; } = 1.2;

    /// <summary>Half-length in pixels of the caps at the ends of the y error bars; default 0 (no caps).</summary>
    public double CapSize { get; init; }

    /// <inheritdoc />
    public override string Kind => "points";

    /// <inheritdoc />
    public override int Count => X.Length;

    internal override void Validate(string where)
    {
        base.Validate(where);
        CheckStyle(where, nameof(MarkerSize), MarkerSize);
        CheckStyle(where, nameof(ErrorBarWidth), ErrorBarWidth);
        CheckStyle(where, nameof(CapSize), CapSize);
    }

    internal double Low(int i) => YErrorMinus is { } m && !double.IsNaN(m[i]) ? Y[i] - m[i] : double.NaN;

    internal double High(int i) => YErrorPlus is { } p && !double.IsNaN(p[i]) ? Y[i] + p[i] : double.NaN;

    internal double Left(int i) => XHalfWidth is { } h && !double.IsNaN(h[i]) ? X[i] - h[i] : double.NaN;

    internal double Right(int i) => XHalfWidth is { } h && !double.IsNaN(h[i]) ? X[i] + h[i] : double.NaN;

    internal override IEnumerable<double> XExtent()
    {
        for (var i = 0; i < X.Length; i++)
        {
            yield return X[i];
            yield return Left(i);
            yield return Right(i);
        }
    }

    internal override IEnumerable<double> YExtent()
    {
        for (var i = 0; i < X.Length; i++)
        {
            yield return Y[i];
            yield return Low(i);
            yield return High(i);
        }
    }

    internal override IEnumerable<(double, double, double, double, double, double)> Rows()
    {
        for (var i = 0; i < X.Length; i++) yield return (X[i], Y[i], Low(i), High(i), Left(i), Right(i));
    }
}

/// <summary>
/// A histogram drawn as steps: bin i spans [edges[i], edges[i+1]] at height values[i]. A NaN value (or a non-positive
/// value on a log axis) leaves a gap. Optionally filled down to zero (to the bottom of the plot area on a log axis).
/// </summary>
/// <example><code>new StepSeries(edges, counts, "SM prediction") { Filled = true }</code></example>
public sealed record StepSeries : Series
{
    /// <summary>Creates a step series.</summary>
    /// <param name="edges">The bin edges: finite, strictly increasing, one more than <paramref name="values"/>.</param>
    /// <param name="values">The bin heights.</param>
    /// <param name="label">The legend label, or null for none.</param>
    /// <exception cref="ArgumentException">The lengths do not fit, or the edges are not finite and strictly increasing.</exception>
    public StepSeries(IEnumerable<double> edges, IEnumerable<double> values, string? label = null) : base(label)
    {
        Edges = Copy(edges, nameof(edges));
        Values = Copy(values, nameof(values));
        var who = Who(label);
        CheckLength(who, Edges, nameof(edges), Values, nameof(values), offset: 1);
        for (var i = 0; i < Edges.Length; i++)
        {
            if (!double.IsFinite(Edges[i]) || (i > 0 && !(Edges[i] > Edges[i - 1])))
                throw new ArgumentException(
                    $"{who}: edges must be finite and strictly increasing; edges[{i}] = {Edges[i].ToString("R", CultureInfo.InvariantCulture)} breaks that.", nameof(edges));
        }
    }

    /// <summary>The bin edges (one more than <see cref="Values"/>).</summary>
    public ImmutableArray<double> Edges { get; }

    /// <summary>The bin heights.</summary>
    public ImmutableArray<double> Values { get; }

    /// <summary>Stroke width in pixels; default 1.5.</summary>
    public double Width { get; init; } = 1.5;

    /// <summary>Dash pattern; default solid.</summary>
    public DashPattern Dash { get; init; } = DashPattern.Solid;

    /// <summary>Fill the area under the steps with the series colour at <see cref="FillOpacity"/>.</summary>
    public bool Filled { get; init; }

    /// <summary>Fill opacity in [0, 1] when <see cref="Filled"/>; default 0.25.</summary>
    public double FillOpacity { get; init; } = 0.25;

    /// <inheritdoc />
    public override string Kind => "step";

    /// <inheritdoc />
    public override int Count => Values.Length;

    internal override void Validate(string where)
    {
        base.Validate(where);
        CheckStyle(where, nameof(Width), Width);
        CheckStyle(where, nameof(FillOpacity), FillOpacity, 0, 1);
        if (Dash is null) throw new ArgumentException($"{where}: Dash must not be null (use DashPattern.Solid).", nameof(Dash));
    }

    internal override IEnumerable<double> XExtent() => Edges;

    internal override IEnumerable<double> YExtent() => Values;

    /// <summary>Rows: x is the bin centre, x_low and x_high the bin edges, y the bin height.</summary>
    internal override IEnumerable<(double, double, double, double, double, double)> Rows()
    {
        for (var i = 0; i < Values.Length; i++)
            yield return (0.5 * (Edges[i] + Edges[i + 1]), Values[i], double.NaN, double.NaN, Edges[i], Edges[i + 1]);
    }
}
