using System.Collections.Immutable;
using System.Globalization;

namespace NuDM.App.Figures;

/// <summary>How the panels of a <see cref="Figure"/> are arranged.</summary>
public abstract record FigureLayout
{
    private protected FigureLayout() { }
}

/// <summary>
/// Panels stacked vertically (first panel on top) sharing one x axis: the bottom panel's x axis supplies the label,
/// fixed limits and tick format, automatic x limits cover the data of every panel, and only the bottom panel shows
/// x tick labels. All panels must have the same x scale.
/// </summary>
public sealed record StackLayout : FigureLayout
{
    private readonly ImmutableArray<double> _relativeHeights;
    private readonly double _gap;

    /// <summary>Creates a stack layout.</summary>
    /// <param name="relativeHeights">One positive weight per panel, top to bottom: the plot heights are proportional to them.</param>
    /// <param name="gap">Vertical gap between the plot areas in pixels; 0 (the default) makes neighbouring panels share their edge.</param>
    public StackLayout(IEnumerable<double> relativeHeights, double gap = 0)
    {
        ArgumentNullException.ThrowIfNull(relativeHeights);
        _relativeHeights = [.. relativeHeights];
        foreach (var h in _relativeHeights)
        {
            if (!(double.IsFinite(h) && h > 0))
                throw new ArgumentException($"StackLayout: relative heights must be finite and positive; got {h.ToString("R", CultureInfo.InvariantCulture)}.", nameof(relativeHeights));
        }
        _gap = double.IsFinite(gap) && gap >= 0
            ? gap
            : throw new ArgumentException($"StackLayout: gap must be finite and non-negative; got {gap.ToString("R", CultureInfo.InvariantCulture)}.", nameof(gap));
    }

    /// <summary>The relative plot heights, top to bottom.</summary>
    public ImmutableArray<double> RelativeHeights => _relativeHeights;

    /// <summary>The vertical gap between plot areas in pixels.</summary>
    public double Gap => _gap;
}

/// <summary>Panels in a grid of <see cref="Rows"/> × <see cref="Columns"/> cells filled row by row; each panel has its own axes.</summary>
public sealed record GridLayout : FigureLayout
{
    /// <summary>Creates a grid layout.</summary>
    /// <param name="rows">Number of rows (≥ 1).</param>
    /// <param name="columns">Number of columns (≥ 1).</param>
    public GridLayout(int rows, int columns)
    {
        if (rows < 1) throw new ArgumentException($"GridLayout: rows must be at least 1; got {rows}.", nameof(rows));
        if (columns < 1) throw new ArgumentException($"GridLayout: columns must be at least 1; got {columns}.", nameof(columns));
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }
}

/// <summary>
/// A complete figure: panels, their layout, an optional title and the picture size. Immutable; the constructor checks
/// the whole figure and throws <see cref="ArgumentException"/> naming the panel, series or parameter at fault.
/// </summary>
/// <example>
/// <code>
/// var fig = Figure.Stack([ratioPanel, spectrumPanel], [1, 2]) with { Title = "Xe, g = 10^{-5}", Height = 600 };
/// FigureWriter.Write(fig, "out/figures", "fig2");
/// </code>
/// </example>
public sealed record Figure
{
    private readonly double _width = 640;
    private readonly double _height = 480;
    private readonly double _fontSize = 12;
    private readonly string _fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif";

    /// <summary>Creates a figure.</summary>
    /// <param name="panels">At least one panel.</param>
    /// <param name="layout">The arrangement; null puts the panels in one column (a single cell for one panel).</param>
    /// <exception cref="ArgumentException">Any rule of the figure, its layout, panels, axes or series is broken.</exception>
    public Figure(IEnumerable<Panel> panels, FigureLayout? layout = null)
    {
        ArgumentNullException.ThrowIfNull(panels);
        Panels = [.. panels];
        Layout = layout ?? new GridLayout(Math.Max(1, Panels.Length), 1);
        Validate();
    }

    /// <summary>A figure of one panel.</summary>
    public static Figure Single(Panel panel, string title = "") => new([panel]) { Title = title };

    /// <summary>Panels stacked top to bottom with a shared x axis (see <see cref="StackLayout"/>).</summary>
    /// <param name="panelsTopToBottom">The panels, top first.</param>
    /// <param name="relativeHeights">Relative plot heights, one per panel; null for equal heights.</param>
    public static Figure Stack(IEnumerable<Panel> panelsTopToBottom, IEnumerable<double>? relativeHeights = null)
    {
        ArgumentNullException.ThrowIfNull(panelsTopToBottom);
        var panels = panelsTopToBottom.ToArray();
        return new Figure(panels, new StackLayout(relativeHeights ?? panels.Select(_ => 1.0)));
    }

    /// <summary>Panels in a <paramref name="rows"/> × <paramref name="columns"/> grid, filled row by row.</summary>
    public static Figure Grid(int rows, int columns, IEnumerable<Panel> panels) => new(panels, new GridLayout(rows, columns));

    /// <summary>The panels (top to bottom for a stack, row by row for a grid).</summary>
    public ImmutableArray<Panel> Panels { get; }

    /// <summary>The arrangement of the panels.</summary>
    public FigureLayout Layout { get; }

    /// <summary>The figure title in <see cref="TextMarkup"/>, drawn centred at the top; empty for none.</summary>
    public string Title { get; init; } = "";

    /// <summary>Width of the picture in pixels (50 to 20000); default 640.</summary>
    public double Width { get => _width; init => _width = CheckSize(value, nameof(Width)); }

    /// <summary>Height of the picture in pixels (50 to 20000); default 480.</summary>
    public double Height { get => _height; init => _height = CheckSize(value, nameof(Height)); }

    /// <summary>Base font size in pixels (4 to 100); default 12.</summary>
    public double FontSize
    {
        get => _fontSize;
        init => _fontSize = double.IsFinite(value) && value is >= 4 and <= 100
            ? value
            : throw new ArgumentException($"Figure.FontSize must be within [4, 100] px; got {value.ToString("R", CultureInfo.InvariantCulture)}.", nameof(FontSize));
    }

    /// <summary>The CSS font-family list used for all text.</summary>
    public string FontFamily
    {
        get => _fontFamily;
        init => _fontFamily = !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new ArgumentException("Figure.FontFamily must not be empty.", nameof(FontFamily));
    }

    private static double CheckSize(double v, string name) =>
        double.IsFinite(v) && v is >= 50 and <= 20000
            ? v
            : throw new ArgumentException($"Figure.{name} must be within [50, 20000] px; got {v.ToString("R", CultureInfo.InvariantCulture)}.", name);

    /// <summary>A name for panel <paramref name="i"/> in messages: <c>panel 1 ('Spectrum')</c>.</summary>
    internal string DescribePanel(int i) =>
        Panels[i] is { Title.Length: > 0 } p ? $"panel {i} ('{p.Title}')" : $"panel {i}";

    /// <summary>Checks the figure, its layout and every panel.</summary>
    internal void Validate()
    {
        if (Panels.IsDefaultOrEmpty)
            throw new ArgumentException("A figure needs at least one panel; the panel list is empty.", "panels");
        for (var i = 0; i < Panels.Length; i++)
        {
            if (Panels[i] is null) throw new ArgumentException($"panel {i} is null.", "panels");
        }
        switch (Layout)
        {
            case StackLayout stack:
                if (stack.RelativeHeights.Length != Panels.Length)
                    throw new ArgumentException(
                        $"StackLayout has {stack.RelativeHeights.Length} relative heights but the figure has {Panels.Length} panels; give one height per panel.", "relativeHeights");
                for (var i = 1; i < Panels.Length; i++)
                {
                    if (Panels[i].X?.Scale != Panels[0].X?.Scale)
                        throw new ArgumentException(
                            $"{DescribePanel(i)}: stacked panels share the x axis, so all need the same x scale ({Panels[0].X?.Scale} in panel 0, {Panels[i].X?.Scale} here).", "panels");
                }
                break;
            case GridLayout grid:
                if (Panels.Length > grid.Rows * grid.Columns)
                    throw new ArgumentException(
                        $"GridLayout {grid.Rows}×{grid.Columns} has {grid.Rows * grid.Columns} cells but the figure has {Panels.Length} panels.", "panels");
                break;
            default:
                throw new ArgumentException("layout must be a StackLayout or a GridLayout.", "layout");
        }
        for (var i = 0; i < Panels.Length; i++) Panels[i].Validate(DescribePanel(i));
    }
}
