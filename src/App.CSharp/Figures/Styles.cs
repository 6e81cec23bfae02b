using System.Collections.Immutable;
using System.Globalization;

namespace NuDM.App.Figures;

/// <summary>How an axis maps data values to positions.</summary>
public enum ScaleKind
{
    /// <summary>Positions proportional to the value.</summary>
    Linear,

    /// <summary>Positions proportional to log10 of the value; only positive finite values can be shown.</summary>
    Log10,
}

/// <summary>How an axis limit that is not fixed is derived from the data.</summary>
public enum AutoLimits
{
    /// <summary>The data range extended outwards to the next major tick (next whole decade on log axes). The default.</summary>
    Nice,

    /// <summary>The data range widened by <see cref="Axis.Padding"/> (a fraction of the range, in decades on log axes) on each automatic side.</summary>
    Padded,

    /// <summary>Exactly the data range.</summary>
    Tight,
}

/// <summary>Where a panel's legend is drawn.</summary>
public enum LegendPosition
{
    /// <summary>No legend.</summary>
    None,

    /// <summary>Inside the plot area, upper right corner.</summary>
    UpperRight,

    /// <summary>Inside the plot area, upper left corner.</summary>
    UpperLeft,

    /// <summary>Inside the plot area, lower left corner.</summary>
    LowerLeft,

    /// <summary>Inside the plot area, lower right corner.</summary>
    LowerRight,

    /// <summary>Inside the plot area, centred at the top.</summary>
    UpperCenter,

    /// <summary>Inside the plot area, centred at the bottom.</summary>
    LowerCenter,

    /// <summary>Outside the plot area, to its right (the plot area is narrowed to make room).</summary>
    OutsideRight,
}

/// <summary>Marker symbols for <see cref="LineSeries"/> and <see cref="PointSeries"/>.</summary>
public enum MarkerShape
{
    /// <summary>No marker.</summary>
    None,

    /// <summary>A circle.</summary>
    Circle,

    /// <summary>An axis-aligned square.</summary>
    Square,

    /// <summary>A square standing on a corner.</summary>
    Diamond,

    /// <summary>A triangle pointing up.</summary>
    TriangleUp,

    /// <summary>A triangle pointing down.</summary>
    TriangleDown,

    /// <summary>A diagonal cross (×); always drawn as strokes.</summary>
    Cross,

    /// <summary>An upright cross (+); always drawn as strokes.</summary>
    Plus,
}

/// <summary>Horizontal alignment of a text annotation relative to its anchor point.</summary>
public enum TextAnchor
{
    /// <summary>Text starts at the anchor point.</summary>
    Start,

    /// <summary>Text is centred on the anchor point.</summary>
    Middle,

    /// <summary>Text ends at the anchor point.</summary>
    End,
}

/// <summary>Coordinate system of an <see cref="Annotation"/>.</summary>
public enum AnnotationCoordinates
{
    /// <summary>Data coordinates of the panel's axes.</summary>
    Data,

    /// <summary>Fractions of the plot area: (0, 0) is the lower left corner, (1, 1) the upper right.</summary>
    Axes,
}

/// <summary>Orientation of a <see cref="ReferenceLine"/>.</summary>
public enum Orientation
{
    /// <summary>A line of constant y across the plot area.</summary>
    Horizontal,

    /// <summary>A line of constant x across the plot area.</summary>
    Vertical,
}

/// <summary>
/// A stroke dash pattern: alternating dash and gap lengths in pixels (SVG <c>stroke-dasharray</c>).
/// An empty pattern is a solid line.
/// </summary>
public sealed class DashPattern : IEquatable<DashPattern>
{
    /// <summary>A solid line.</summary>
    public static DashPattern Solid { get; } = new();

    /// <summary>Long dashes.</summary>
    public static DashPattern Dashed { get; } = new(6, 4);

    /// <summary>Short dots.</summary>
    public static DashPattern Dotted { get; } = new(1.5, 2.5);

    /// <summary>Dash, gap, dot, gap.</summary>
    public static DashPattern DashDot { get; } = new(7, 3, 1.5, 3);

    /// <summary>Creates a pattern from dash/gap lengths in pixels.</summary>
    /// <param name="lengths">Alternating dash and gap lengths; finite, non-negative, not all zero (or none, for a solid line).</param>
    /// <exception cref="ArgumentException">A length is negative or non-finite, or all lengths are zero.</exception>
    public DashPattern(params double[] lengths)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        foreach (var l in lengths)
        {
            if (!double.IsFinite(l) || l < 0)
                throw new ArgumentException($"dash lengths must be finite and non-negative; got {l.ToString("R", CultureInfo.InvariantCulture)}.", nameof(lengths));
        }
        if (lengths.Length > 0 && lengths.All(l => l == 0))
            throw new ArgumentException("dash lengths must not all be zero (use DashPattern.Solid for a solid line).", nameof(lengths));
        Lengths = [.. lengths];
    }

    /// <summary>The dash and gap lengths in pixels; empty for a solid line.</summary>
    public ImmutableArray<double> Lengths { get; }

    /// <summary>True for a solid line.</summary>
    public bool IsSolid => Lengths.IsEmpty;

    /// <inheritdoc />
    public bool Equals(DashPattern? other) => other is not null && Lengths.SequenceEqual(other.Lengths);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DashPattern);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var l in Lengths) h.Add(l);
        return h.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => IsSolid ? "solid" : string.Join(",", Lengths.Select(l => l.ToString("R", CultureInfo.InvariantCulture)));
}

/// <summary>Colours. Colours are SVG colour strings: <c>#rrggbb</c>, <c>#rgb</c> or an SVG colour keyword.</summary>
public static class Palette
{
    /// <summary>
    /// The default colour cycle: the Okabe–Ito colour-blind-safe palette, ordered so that the first colours
    /// contrast well on white (blue, vermillion, bluish green, reddish purple, orange, sky blue, black, yellow).
    /// Series without an explicit colour take the next colour of this cycle within their panel.
    /// </summary>
    public static ImmutableArray<string> Cycle { get; } =
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    /// <summary>Okabe–Ito blue.</summary>
    public const string Blue = "#0072B2";

    /// <summary>Okabe–Ito vermillion.</summary>
    public const string Vermillion = "#D55E00";

    /// <summary>Okabe–Ito bluish green.</summary>
    public const string Green = "#009E73";

    /// <summary>Okabe–Ito reddish purple.</summary>
    public const string Purple = "#CC79A7";

    /// <summary>Okabe–Ito orange.</summary>
    public const string Orange = "#E69F00";

    /// <summary>Okabe–Ito sky blue.</summary>
    public const string SkyBlue = "#56B4E9";

    /// <summary>Black.</summary>
    public const string Black = "#000000";

    /// <summary>Okabe–Ito yellow (weak on white: prefer it for fills).</summary>
    public const string Yellow = "#F0E442";

    /// <summary>A neutral grey for reference lines and secondary elements.</summary>
    public const string Grey = "#666666";

    /// <summary>The <paramref name="index"/>-th colour of <see cref="Cycle"/>, wrapping around.</summary>
    public static string At(int index) => Cycle[((index % Cycle.Length) + Cycle.Length) % Cycle.Length];

    internal static bool IsValid(string colour)
    {
        if (string.IsNullOrWhiteSpace(colour)) return false;
        if (colour[0] == '#')
            return (colour.Length == 4 || colour.Length == 7) && colour.Skip(1).All(Uri.IsHexDigit);
        return colour.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z');
    }
}
