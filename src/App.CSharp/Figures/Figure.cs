using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Argument = NuDM.Physics.Argument;

namespace NuDM.App.Figures;

public enum ScaleKind { Linear, Log10 }
/// <summary>Where a panel's legend goes: inside a corner of the plot area, or outside to its right.</summary>
public enum LegendPosition { None, UpperRight, UpperLeft, LowerLeft, LowerRight, OutsideRight }
public enum DashPattern { Solid, Dashed, Dotted }
/// <summary>Coordinates of an annotation: data values, or fractions of the plot area ((0, 0) lower left, (1, 1) upper right).</summary>
public enum AnnotationCoordinates { Data, Axes }
/// <summary>A horizontal (constant y) or vertical (constant x) reference line.</summary>
public enum Orientation { Horizontal, Vertical }

/// <summary>Colours (<c>#rrggbb</c>): the Okabe–Ito colour-blind-safe palette; series without a colour take the next of <see cref="Cycle"/> within their panel.</summary>
public static class Palette
{
    public const string Blue = "#0072B2", Vermillion = "#D55E00", Green = "#009E73", Purple = "#CC79A7", Orange = "#E69F00",
        SkyBlue = "#56B4E9", Black = "#000000", Yellow = "#F0E442", Grey = "#666666";
    public static ImmutableArray<string> Cycle { get; } = [Blue, Vermillion, Green, Purple, Orange, SkyBlue, Black, Yellow];
    internal static bool IsValid(string? c) => c is not null && Regex.IsMatch(c, "^#[0-9A-Fa-f]{6}$");
}

/// <summary>How the panels of a <see cref="Figure"/> are arranged.</summary>
public abstract record FigureLayout;
/// <summary>Panels stacked top to bottom sharing the bottom panel's x axis (label and limits; automatic limits cover every
/// panel's data); plot heights proportional to <see cref="RelativeHeights"/>. All panels need the same x scale.</summary>
public sealed record StackLayout(ImmutableArray<double> RelativeHeights) : FigureLayout;
/// <summary>Panels in a <see cref="Rows"/> × <see cref="Columns"/> grid, filled row by row, each with its own axes.</summary>
public sealed record GridLayout(int Rows, int Columns) : FigureLayout;

/// <summary>One axis: label in <see cref="TextMarkup"/>, scale and optional fixed limits. Automatic limits extend the data
/// range to a round value (whole decades on log axes); <see cref="IncludeZero"/> makes a linear axis include 0.</summary>
/// <example><code>Axis.Log("m_{S} [MeV]", 0.1, 1000); Axis.Linear("N_{i}/N_{i}^{SM}") with { IncludeZero = true }</code></example>
public sealed record Axis(string Label = "", ScaleKind Scale = ScaleKind.Linear, double? Min = null, double? Max = null, bool IncludeZero = false)
{
    public static Axis Linear(string label = "", double? min = null, double? max = null) => new(label, ScaleKind.Linear, min, max);
    public static Axis Log(string label = "", double? min = null, double? max = null) => new(label, ScaleKind.Log10, min, max);
    /// <summary>True for a value that can be drawn: finite, and positive on a log axis.</summary>
    internal bool Fits(double v) => double.IsFinite(v) && (Scale == ScaleKind.Linear || v > 0);

    internal void Validate(string where, string param)
    {
        foreach (var (name, x) in new[] { ("Min", Min), ("Max", Max) }.Where(l => l.Item2 is not null).Select(l => (l.Item1, l.Item2!.Value)))
        {
            Argument.That(double.IsFinite(x) && Math.Abs(x) <= 1e300, param, $"{where}: {name} must be finite (|value| ≤ 1e300); got {Numbers.Exact(x)}.");
            Argument.That(Scale == ScaleKind.Linear || x >= 1e-300, param, $"{where}: a log axis needs a positive {name} (≥ 1e-300); got {Numbers.Exact(x)}.");
        }
        Argument.That(!(Min >= Max), param, $"{where}: fixed Min ({Min}) must be less than fixed Max ({Max}).");
    }
}

/// <summary>A text in <see cref="TextMarkup"/> with its lower left corner at (X, Y): data values, or fractions of the plot area.</summary>
public sealed record Annotation(double X, double Y, string Text, AnnotationCoordinates Coordinates = AnnotationCoordinates.Data);

/// <summary>A grey dashed line across the plot area at a data value, beneath the series, not in the legend or the CSV; with an optional label at its end.</summary>
public sealed record ReferenceLine(Orientation Orientation, double Value, string Label = "");

/// <summary>One set of axes with its series (drawn in order), legend (of every series with a label), annotations and reference lines.</summary>
public sealed record Panel
{
    public string Title { get; init; } = "";
    public Axis X { get; init; } = new();
    public Axis Y { get; init; } = new();
    public ImmutableArray<Series> Series { get; init; } = [];
    public LegendPosition Legend { get; init; } = LegendPosition.UpperRight;
    public ImmutableArray<Annotation> Annotations { get; init; } = [];
    public ImmutableArray<ReferenceLine> ReferenceLines { get; init; } = [];

    internal void Validate(string where)
    {
        Argument.That(X is not null, nameof(X), $"{where}: X axis must not be null.");
        Argument.That(Y is not null, nameof(Y), $"{where}: Y axis must not be null.");
        X!.Validate($"{where} x axis", nameof(X));
        Y!.Validate($"{where} y axis", nameof(Y));
        Argument.That(Enum.IsDefined(Legend), nameof(Legend), $"{where}: Legend {Legend} is not a LegendPosition.");
        foreach (var (s, i) in Series.OrEmpty().Select((s, i) => (s, i)))
        {
            Argument.That(s is not null, nameof(Series), $"{where}: series #{i} is null.");
            s.Validate($"{where}, {s.Describe(i)}");
            Argument.That(s is not CellSeries || (X.Min is not null && X.Max is not null && Y.Min is not null && Y.Max is not null), nameof(Series),
                $"{where}, {s.Describe(i)}: a panel with cells needs fixed x and y limits (Min and Max).");
        }
        foreach (var (a, i) in Annotations.OrEmpty().Select((a, i) => (a, i)))
            Argument.That(a is not null && (a.Coordinates == AnnotationCoordinates.Axes ? double.IsFinite(a.X) && double.IsFinite(a.Y) : X.Fits(a.X) && Y.Fits(a.Y)),
                nameof(Annotations), $"{where}, annotation #{i} ('{a?.Text}'): the position must be finite, and positive on a log axis.");
        foreach (var (r, i) in ReferenceLines.OrEmpty().Select((r, i) => (r, i)))
            Argument.That(r is not null && (r.Orientation == Orientation.Horizontal ? Y : X).Fits(r.Value), nameof(ReferenceLines),
                $"{where}, reference line #{i}: Value {Numbers.Exact(r?.Value ?? double.NaN)} must be finite, and positive on a log axis.");
    }
}

/// <summary>
/// A figure: panels, their layout, an optional title (in <see cref="TextMarkup"/>) and the picture size in pixels (1/96 in,
/// 50 to 20000; default 640 × 480). The constructor checks the whole figure and throws <see cref="ArgumentException"/>
/// naming the panel, series or parameter at fault.
/// </summary>
/// <example><code>Figure.Stack([ratio, spectrum], [2, 1]) with { Title = "CONUS", Height = 600 }</code></example>
public sealed record Figure
{
    private readonly double _width = 640, _height = 480;

    /// <param name="panels">At least one panel.</param>
    /// <param name="layout">The arrangement; null puts the panels in one column.</param>
    public Figure(IEnumerable<Panel> panels, FigureLayout? layout = null)
    {
        ArgumentNullException.ThrowIfNull(panels);
        Panels = [.. panels];
        Layout = layout ?? new GridLayout(Math.Max(1, Panels.Length), 1);
        Validate();
    }

    public static Figure Single(Panel panel, string title = "") => new([panel]) { Title = title };

    /// <summary>Panels top to bottom sharing the x axis; <paramref name="relativeHeights"/> (one positive weight per panel) null for equal heights.</summary>
    public static Figure Stack(IEnumerable<Panel> panelsTopToBottom, IEnumerable<double>? relativeHeights = null)
    {
        var panels = panelsTopToBottom.ToArray();
        return new Figure(panels, new StackLayout([.. relativeHeights ?? panels.Select(_ => 1.0)]));
    }

    public static Figure Grid(int rows, int columns, IEnumerable<Panel> panels) => new(panels, new GridLayout(rows, columns));
    public ImmutableArray<Panel> Panels { get; }
    public FigureLayout Layout { get; }
    public string Title { get; init; } = "";
    public double Width { get => _width; init => _width = Size(value, nameof(Width)); }
    public double Height { get => _height; init => _height = Size(value, nameof(Height)); }

    private static double Size(double v, string name)
    {
        Argument.That(double.IsFinite(v) && v is >= 50 and <= 20000, name, $"Figure.{name} must be within [50, 20000] px; got {Numbers.Exact(v)}.");
        return v;
    }

    internal void Validate()
    {
        Argument.That(!Panels.IsDefaultOrEmpty, "panels", "A figure needs at least one panel; the panel list is empty.");
        for (var i = 0; i < Panels.Length; i++) Argument.That(Panels[i] is not null, "panels", $"panel {i} is null.");
        switch (Layout)
        {
            case StackLayout s:
                Argument.That(s.RelativeHeights.Length == Panels.Length && s.RelativeHeights.All(h => double.IsFinite(h) && h > 0), "relativeHeights",
                    $"StackLayout needs one finite positive relative height per panel ({Panels.Length}); got [{string.Join(", ", s.RelativeHeights)}].");
                Argument.That(Panels.All(p => p.X?.Scale == Panels[0].X?.Scale), "panels", "stacked panels share the x axis, so all need the same x scale.");
                break;
            case GridLayout g:
                Argument.That(g.Rows >= 1, "rows", $"GridLayout: rows must be at least 1; got {g.Rows}.");
                Argument.That(g.Columns >= 1, "columns", $"GridLayout: columns must be at least 1; got {g.Columns}.");
                Argument.That(Panels.Length <= g.Rows * g.Columns, "panels", $"GridLayout {g.Rows}×{g.Columns} has {g.Rows * g.Columns} cells but the figure has {Panels.Length} panels.");
                break;
            default: throw new ArgumentException("layout must be a StackLayout or a GridLayout.", "layout");
        }
        for (var i = 0; i < Panels.Length; i++) Panels[i].Validate(Panels[i].Title.Length > 0 ? $"panel {i} ('{Panels[i].Title}')" : $"panel {i}");
    }
}

internal static class ImmutableArrays
{
    /// <summary>The array, or an empty one for a default (uninitialised) array.</summary>
    public static ImmutableArray<T> OrEmpty<T>(this ImmutableArray<T> a) => a.IsDefault ? [] : a;
}
