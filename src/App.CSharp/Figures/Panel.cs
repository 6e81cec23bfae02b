using System.Collections.Immutable;
using System.Globalization;

namespace NuDM.App.Figures;

/// <summary>A text placed in a panel, in data coordinates or in fractions of the plot area.</summary>
/// <param name="X">Horizontal position (data value, or fraction of the plot width for <see cref="AnnotationCoordinates.Axes"/>).</param>
/// <param name="Y">Vertical position of the text baseline (data value, or fraction of the plot height).</param>
/// <param name="Text">The text in <see cref="TextMarkup"/>.</param>
/// <example><code>new Annotation(30, 1e-40, "BBN") { Rotation = -30 }</code></example>
public sealed record Annotation(double X, double Y, string Text)
{
    /// <summary>Which coordinates <see cref="X"/> and <see cref="Y"/> are in; default data.</summary>
    public AnnotationCoordinates Coordinates { get; init; } = AnnotationCoordinates.Data;

    /// <summary>Horizontal alignment relative to the anchor point; default start (text to the right of the point).</summary>
    public TextAnchor Anchor { get; init; } = TextAnchor.Start;

    /// <summary>Text colour; default black.</summary>
    public string Color { get; init; } = Palette.Black;

    /// <summary>Font size in pixels, or null for the figure's <see cref="Figure.FontSize"/>.</summary>
    public double? FontSize { get; init; }

    /// <summary>Rotation in degrees, counter-clockwise as seen on the page (positive raises the end of the text); default 0.</summary>
    public double Rotation { get; init; }
}

/// <summary>A horizontal or vertical line across the whole plot area at a fixed data value (not in the legend or the CSV).</summary>
/// <param name="Orientation">Horizontal (constant y) or vertical (constant x).</param>
/// <param name="Value">The data value; positive on a log axis.</param>
/// <example><code>new ReferenceLine(Orientation.Horizontal, 1.0)</code></example>
public sealed record ReferenceLine(Orientation Orientation, double Value)
{
    /// <summary>Line colour; default grey.</summary>
    public string Color { get; init; } = Palette.Grey;

    /// <summary>Stroke width in pixels; default 1.</summary>
    public double Width { get; init; } = 1;

    /// <summary>Dash pattern; default dashed.</summary>
    public DashPattern Dash { get; init; } = DashPattern.Dashed;

    /// <summary>Optional small text drawn at the end of the line (right end or top end), in <see cref="TextMarkup"/>.</summary>
    public string Label { get; init; } = "";
}

/// <summary>
/// One set of axes with its series, legend, annotations and reference lines. Immutable; build it with an object initializer.
/// </summary>
/// <example>
/// <code>
/// var panel = new Panel
/// {
///     Title = "Xenon",
///     X = Axis.Log("m_{S} [MeV]", 0.1, 1000),
///     Y = Axis.Log("ȳ", 1e-6, 1e-2),
///     Series = [new LineSeries(m, y90, "90% CL")],
///     Legend = LegendPosition.LowerRight,
/// };
/// </code>
/// </example>
public sealed record Panel
{
    private readonly ImmutableArray<Series> _series = [];
    private readonly ImmutableArray<Annotation> _annotations = [];
    private readonly ImmutableArray<ReferenceLine> _referenceLines = [];

    /// <summary>The panel title in <see cref="TextMarkup"/>, drawn above the plot area; empty for none.</summary>
    public string Title { get; init; } = "";

    /// <summary>The horizontal axis; default linear, automatic.</summary>
    public Axis X { get; init; } = new();

    /// <summary>The vertical axis; default linear, automatic.</summary>
    public Axis Y { get; init; } = new();

    /// <summary>The series, drawn in order (later ones on top).</summary>
    public ImmutableArray<Series> Series { get => _series; init => _series = value.IsDefault ? [] : value; }

    /// <summary>Where the legend goes; default upper right. The legend lists every series with a non-empty label and is omitted when there is none.</summary>
    public LegendPosition Legend { get; init; } = LegendPosition.UpperRight;

    /// <summary>Text annotations.</summary>
    public ImmutableArray<Annotation> Annotations { get => _annotations; init => _annotations = value.IsDefault ? [] : value; }

    /// <summary>Horizontal and vertical reference lines, drawn beneath the series.</summary>
    public ImmutableArray<ReferenceLine> ReferenceLines { get => _referenceLines; init => _referenceLines = value.IsDefault ? [] : value; }

    /// <summary>Draw light grid lines at the major ticks; default false.</summary>
    public bool Grid { get; init; }

    /// <summary>Repeat the tick marks (without labels) on the top and right edges, as is usual in physics papers; default true.</summary>
    public bool MirrorTicks { get; init; } = true;

    /// <summary>Checks everything in the panel; messages start with <paramref name="where"/>.</summary>
    internal void Validate(string where)
    {
        if (X is null) throw new ArgumentException($"{where}: X axis must not be null.", nameof(X));
        if (Y is null) throw new ArgumentException($"{where}: Y axis must not be null.", nameof(Y));
        X.Validate($"{where} x axis", nameof(X));
        Y.Validate($"{where} y axis", nameof(Y));
        if (!Enum.IsDefined(Legend)) throw new ArgumentException($"{where}: Legend {Legend} is not a LegendPosition.", nameof(Legend));
        for (var i = 0; i < Series.Length; i++)
        {
            var s = Series[i] ?? throw new ArgumentException($"{where}: series #{i} is null.", nameof(Series));
            s.Validate($"{where}, {s.Describe(i)}");
        }
        static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        for (var i = 0; i < Annotations.Length; i++)
        {
            var a = Annotations[i] ?? throw new ArgumentException($"{where}: annotation #{i} is null.", nameof(Annotations));
            var who = $"{where}, annotation #{i} ('{a.Text}')";
            if (!double.IsFinite(a.X) || !double.IsFinite(a.Y))
                throw new ArgumentException($"{who}: position ({F(a.X)}, {F(a.Y)}) must be finite.", nameof(Annotations));
            if (a.Coordinates == AnnotationCoordinates.Data &&
                ((X.Scale == ScaleKind.Log10 && a.X <= 0) || (Y.Scale == ScaleKind.Log10 && a.Y <= 0)))
                throw new ArgumentException($"{who}: position ({F(a.X)}, {F(a.Y)}) must be positive on a log axis.", nameof(Annotations));
            if (!Palette.IsValid(a.Color)) throw new ArgumentException($"{who}: Color '{a.Color}' is not a valid colour.", nameof(Annotations));
            if (a.FontSize is { } fs && !(double.IsFinite(fs) && fs > 0))
                throw new ArgumentException($"{who}: FontSize must be positive; got {F(fs)}.", nameof(Annotations));
            if (!double.IsFinite(a.Rotation)) throw new ArgumentException($"{who}: Rotation must be finite.", nameof(Annotations));
        }
        for (var i = 0; i < ReferenceLines.Length; i++)
        {
            var r = ReferenceLines[i] ?? throw new ArgumentException($"{where}: reference line #{i} is null.", nameof(ReferenceLines));
            var who = $"{where}, reference line #{i}";
            var scale = r.Orientation == Orientation.Horizontal ? Y.Scale : X.Scale;
            if (!double.IsFinite(r.Value) || (scale == ScaleKind.Log10 && r.Value <= 0))
                throw new ArgumentException($"{who}: Value {F(r.Value)} must be finite{(scale == ScaleKind.Log10 ? " and positive on a log axis" : "")}.", nameof(ReferenceLines));
            if (!(double.IsFinite(r.Width) && r.Width >= 0)) throw new ArgumentException($"{who}: Width must be finite and non-negative.", nameof(ReferenceLines));
            if (!Palette.IsValid(r.Color)) throw new ArgumentException($"{who}: Color '{r.Color}' is not a valid colour.", nameof(ReferenceLines));
            if (r.Dash is null) throw new ArgumentException($"{who}: Dash must not be null.", nameof(ReferenceLines));
        }
    }
}
