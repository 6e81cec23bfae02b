using System.Globalization;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using OxyAnnotations = OxyPlot.Annotations;
using OxyAxis = OxyPlot.Axes.Axis;
using OxyLegendPosition = OxyPlot.Legends.LegendPosition;
using OxyLineSeries = OxyPlot.Series.LineSeries;

namespace NuDM.App.Figures;

/// <summary>The adapter from a <see cref="Figure"/> to OxyPlot: one <see cref="PlotModel"/> per panel with the rectangle (pixels)
/// it fills. Every axis gets explicit limits (fixed ones, or the data range rounded outwards), inward ticks mirrored on the
/// top and right edges, and labels in OxyPlot's math text (<see cref="TextMarkup.ToMathText"/>).</summary>
internal static class PlotModels
{
    /// <summary>The font family written into SVG; PNG and PDF always use the shipped DejaVu Sans (<see cref="FigureExport"/>).</summary>
    public const string Font = "DejaVu Sans, Verdana, sans-serif";
    public const double FontSize = 12;
    private const string Minus = "\u2212";
    private static readonly OxyColor Grey = OxyColor.Parse(Palette.Grey);
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    /// <summary>A panel's model and where it goes.</summary>
    public sealed record Placed(PlotModel Model, OxyRect Rect);
    /// <summary>Height of the figure-title band in pixels.</summary>
    public static double TitleBand(Figure f) => f.Title.Length > 0 ? 2.2 * FontSize : 0;

    /// <summary>The panels' models in place. A stack is measured twice to give every panel the same left and right plot edges
    /// and plot heights in the layout's proportions; only its bottom panel shows x tick labels.</summary>
    public static IReadOnlyList<Placed> Arrange(Figure f)
    {
        double top = TitleBand(f), w = f.Width, h = f.Height - top;
        var panels = f.Panels;
        if (f.Layout is GridLayout g)
        {
            double cw = w / g.Columns, ch = h / g.Rows;
            return panels.Select((p, i) => new Placed(Model(p, p.X, Limits(p.X, XExtent(p)), true, cw), new OxyRect(i % g.Columns * cw, top + i / g.Columns * ch, cw, ch))).ToList();
        }
        var (stack, xDef) = ((StackLayout)f.Layout, panels[^1].X);
        var xLim = Limits(xDef, panels.SelectMany(XExtent));
        var models = panels.Select((p, i) => Model(p with { Title = i == 0 ? p.Title : "" }, xDef, xLim, i == panels.Length - 1, w)).ToList();
        for (var i = 1; i < panels.Length; i++)
        {
            // A lower panel titles itself inside, and leaves the label at its top edge to the panel above.
            if (panels[i].Title.Length > 0) models[i].Annotations.Add(new MarkupAnnotation(new Annotation(0.02, 0.9, panels[i].Title) { Coordinates = AnnotationCoordinates.Axes }));
            var (yAxis, label) = (models[i].Axes[1], models[i].Axes[1].LabelFormatter);
            yAxis.LabelFormatter = v => Math.Abs(v - yAxis.ActualMaximum) < 1e-6 * Math.Abs(yAxis.ActualMaximum - yAxis.ActualMinimum) ? "" : label(v);
        }
        var auto = models.Select(m => FigureExport.MeasureMargins(m, w, h)).ToList();
        foreach (var (m, i) in models.Select((m, i) => (m, i)))
        {
            bool first = i == 0, last = i == models.Count - 1;
            m.PlotMargins = new OxyThickness(auto.Max(a => a.Left), first ? double.NaN : 0, auto.Max(a => a.Right), last ? double.NaN : 0);
            m.Padding = new OxyThickness(4, first ? 4 : 0, 12, last ? 4 : 0);
            // Pinning the measured margins makes the space around the plot area independent of the panel's height.
            m.PlotMargins = FigureExport.MeasureMargins(m, w, h);
        }
        var overhead = models.Select(m => h - m.PlotArea.Height).ToList();
        var heights = overhead.Select((o, i) => Math.Max(1, o + (h - overhead.Sum()) / stack.RelativeHeights.Sum() * stack.RelativeHeights[i])).ToList();
        return models.Select((m, i) => new Placed(m, new OxyRect(0, top + heights.Take(i).Sum(), w, heights[i]))).ToList();
    }

    private static IEnumerable<double> XExtent(Panel p) => p.Series.SelectMany(s => s.Rows()).SelectMany(r => new[] { r.X, r.XLow, r.XHigh });

    /// <summary>The axis limits: fixed ones, else the finite (on a log axis positive) data range, with 0 if asked, rounded
    /// outwards to whole decades (log) or to a multiple of a 1-2-5 step of at most an eighth of the range (linear).</summary>
    public static (double Min, double Max) Limits(Axis a, IEnumerable<double> data)
    {
        var log = a.Scale == ScaleKind.Log10;
        var v = data.Where(a.Fits).Select(d => Math.Clamp(d, log ? 1e-300 : -1e300, 1e300)).ToList();
        double lo = v.Count > 0 ? v.Min() : log ? 1 : 0, hi = v.Count > 0 ? v.Max() : log ? 10 : 1;
        if (a.IncludeZero && !log) (lo, hi) = (Math.Min(lo, 0), Math.Max(hi, 0));
        double T(double x) => log ? Math.Log10(x) : x;
        double V(double t) => log ? Math.Pow(10, t) : double.Parse(t.ToString("G15", Inv), Inv);
        double t0 = T(a.Min ?? lo), t1 = T(a.Max ?? hi), d = log ? 1 : Math.Max(Math.Abs(t0) * 0.1, 1e-300);
        if (!(t1 > t0) && a.Max is null) t1 = t0 + d;
        else if (!(t1 > t0)) t0 = t1 - d;
        var step = log ? 1 : new[] { 1.0, 2, 5, 10 }.Select(m => m * Math.Pow(10, Math.Floor(Math.Log10((t1 - t0) / 8)))).First(s => s >= (t1 - t0) / 8 * (1 - 1e-12));
        return (a.Min ?? V(Math.Floor(t0 / step + 1e-9) * step), a.Max ?? V(Math.Ceiling(t1 / step - 1e-9) * step));
    }

    /// <summary>A font size no larger than <paramref name="size"/> at which the text fits into <paramref name="width"/> pixels.</summary>
    public static double Fit(string markup, double size, double width) => Math.Min(size, size * width / Math.Max(1, FigureExport.TextWidth(markup, size)));

    private static PlotModel Model(Panel p, Axis xDef, (double, double) xLim, bool xLabels, double width)
    {
        var m = new PlotModel
        {
            DefaultFont = Font, DefaultFontSize = FontSize, Title = TextMarkup.ToMathText(p.Title), TitleFontSize = Fit(p.Title, 1.05 * FontSize, 0.9 * width),
            TitleFontWeight = FontWeights.Normal, TitlePadding = 4, Padding = new OxyThickness(4, 4, 12, 4), Background = OxyColors.Undefined,
        };
        var yLim = Limits(p.Y, p.Series.SelectMany(s => s.Rows()).SelectMany(r => new[] { r.Y, r.YLow, r.YHigh }));
        foreach (var (a, at, lim, labels) in new[] { (xLabels ? xDef : xDef with { Label = "" }, AxisPosition.Bottom, xLim, xLabels), (p.Y, AxisPosition.Left, yLim, true),
                     (xDef with { Label = "" }, AxisPosition.Top, xLim, false), (p.Y with { Label = "" }, AxisPosition.Right, yLim, false) })
            m.Axes.Add(MakeAxis(a, at, lim, labels));
        var next = 0; // the next colour of the cycle, for a series without its own
        foreach (var s in p.Series)
            foreach (var o in Convert(s, OxyColor.Parse(s.Color ?? Palette.Cycle[next++ % Palette.Cycle.Length]), yLim, p.Y.Scale == ScaleKind.Log10)) m.Series.Add(o);
        if (p.Series.OfType<CellSeries>().FirstOrDefault(c => c.Color is null) is { } map) // a colour bar for the first map on a colour scale
        {
            var (cMin, cMax) = map.ColorRange();
            m.Axes.Add(new LinearColorAxis
            {
                Position = AxisPosition.Right, PositionTier = 1, Palette = OxyPalettes.Viridis(256), Minimum = cMin, Maximum = cMax,
                Title = TextMarkup.ToMathText(map.ColorScale == ScaleKind.Log10 ? $"log_{{10}} {map.ColorLabel}" : map.ColorLabel),
                FontSize = 0.85 * FontSize, TitleFontSize = 0.9 * FontSize,
            });
        }
        foreach (var r in p.ReferenceLines)
            m.Annotations.Add(new OxyAnnotations.LineAnnotation
            {
                Type = r.Orientation == Orientation.Horizontal ? OxyAnnotations.LineAnnotationType.Horizontal : OxyAnnotations.LineAnnotationType.Vertical,
                X = r.Value, Y = r.Value, Color = Grey, LineStyle = LineStyle.Dash, StrokeThickness = 1, Text = TextMarkup.ToMathText(r.Label), TextColor = Grey,
                FontSize = 0.85 * FontSize, Layer = OxyAnnotations.AnnotationLayer.BelowSeries,
            });
        foreach (var a in p.Annotations) m.Annotations.Add(new MarkupAnnotation(a));
        if (p.Legend != LegendPosition.None && p.Series.Any(s => s.Label.Length > 0))
            m.Legends.Add(new Legend
            {
                LegendPosition = p.Legend switch { LegendPosition.UpperLeft => OxyLegendPosition.TopLeft, LegendPosition.LowerLeft => OxyLegendPosition.BottomLeft,
                    LegendPosition.LowerRight => OxyLegendPosition.BottomRight, LegendPosition.OutsideRight => OxyLegendPosition.RightTop, _ => OxyLegendPosition.TopRight },
                LegendPlacement = p.Legend == LegendPosition.OutsideRight ? LegendPlacement.Outside : LegendPlacement.Inside,
                LegendBackground = OxyColor.FromAColor(217, OxyColors.White), LegendBorder = OxyColor.Parse("#999999"), LegendBorderThickness = 0.8,
                LegendFontSize = FontSize, LegendSymbolLength = 28, LegendPadding = 6, LegendMargin = 6, LegendItemSpacing = 12,
            });
        return m;
    }

    private static OxyAxis MakeAxis(Axis a, AxisPosition position, (double Min, double Max) lim, bool labels)
    {
        var log = a.Scale == ScaleKind.Log10;
        OxyAxis ax = log ? new DecadeAxis() : new LinearAxis();
        (ax.Position, ax.Key, ax.Title, ax.Minimum, ax.Maximum, ax.TickStyle) = (position, position.ToString(), TextMarkup.ToMathText(a.Label), lim.Min, lim.Max, TickStyle.Inside);
        (ax.MajorTickSize, ax.MinorTickSize, ax.AxisTitleDistance, ax.IsZoomEnabled, ax.IsPanEnabled) = (6, 3.5, 4, false, false);
        double e0 = Math.Log10(lim.Min), e1 = Math.Log10(lim.Max);
        var plain = log && e0 >= -3 - 1e-9 && e1 <= 4 + 1e-9 && e1 - e0 <= 3 + 1e-9;
        ax.LabelFormatter = !labels ? _ => "" : log ? v => LogLabel(v, plain) : v => LinearLabel(v, ax.ActualMajorStep);
        return ax;
    }

    /// <summary>A log tick label: plain (0.1, 1, 300) when the axis spans at most three decades within 10⁻³…10⁴, else 10^{n} or m×10^{n}.</summary>
    internal static string LogLabel(double v, bool plain)
    {
        var e = (int)Math.Floor(Math.Log10(v) + 1e-9);
        var m = v / Math.Pow(10, e);
        return plain ? v.ToString("G4", Inv) : (Math.Abs(m - 1) < 1e-9 ? "" : m.ToString("G3", Inv) + "×") + "10^{" + e.ToString(Inv).Replace("-", Minus) + "}";
    }

    /// <summary>A linear tick label with as many decimals as the tick step needs, and a typographic minus.</summary>
    internal static string LinearLabel(double v, double step)
    {
        step = step > 0 && double.IsFinite(step) ? step : 1;
        v = Math.Abs(v) < step * 1e-9 ? 0 : v;
        return v != 0 && (Math.Abs(v) >= 1e5 || step < 1e-4) ? LogLabel(Math.Abs(v), false).Insert(0, v < 0 ? Minus : "")
            : v.ToString("F" + Math.Clamp(-(int)Math.Floor(Math.Log10(step) + 1e-9), 0, 15), Inv).Replace("-", Minus);
    }

    /// <summary>OxyPlot dash arrays are in multiples of the stroke width; ours are fixed lengths in pixels.</summary>
    private static double[]? Dashes(DashPattern d, double stroke) =>
        d == DashPattern.Solid ? null : (d == DashPattern.Dashed ? new[] { 6, 4.0 } : [1.5, 2.5]).Select(l => l / Math.Max(stroke, 0.1)).ToArray();
    private static DataPoint Point(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? DataPoint.Undefined : new DataPoint(x, y);

    /// <summary>The OxyPlot series that draw one of ours; only the first carries the legend label. Infinite band edges and
    /// the fill base of a step become the y limits; NaN splits an area into pieces (a line breaks by itself).</summary>
    private static IEnumerable<XYAxisSeries> Convert(Series s, OxyColor color, (double Min, double Max) y, bool log)
    {
        string? title = s.Label.Length > 0 ? TextMarkup.ToMathText(s.Label) : null;
        double Clamp(double v) => double.IsPositiveInfinity(v) ? y.Max : double.IsNegativeInfinity(v) || (log && v <= 0) ? y.Min : v;
        IEnumerable<XYAxisSeries> Areas(IEnumerable<(DataPoint Top, DataPoint Bottom)> points, double stroke, bool bothEdges)
        {
            var runs = new List<List<(DataPoint Top, DataPoint Bottom)>> { new() };
            foreach (var q in points)
                if (q.Top.IsDefined() && q.Bottom.IsDefined()) runs[^1].Add(q);
                else if (runs[^1].Count > 0) runs.Add([]);
            var edge = stroke > 0 ? color : OxyColors.Transparent;
            foreach (var run in runs.Where(r => r.Count > 1))
            {
                var a = new Area { Title = title, Color = edge, Color2 = bothEdges ? edge : OxyColors.Transparent, StrokeThickness = stroke, Fill = OxyColor.FromAColor((byte)Math.Round(255 * s.FillOpacity), color) };
                a.Points.AddRange(run.Select(q => q.Top));
                a.Points2.AddRange(run.Select(q => q.Bottom));
                title = null;
                yield return a;
            }
        }
        OxyLineSeries Line(IEnumerable<DataPoint> points, DashPattern dash, LineJoin join)
        {
            var line = new OxyLineSeries { Title = title, Color = color, StrokeThickness = s.Width, Dashes = Dashes(dash, s.Width), LineJoin = join };
            line.Points.AddRange(points);
            return line;
        }
        switch (s)
        {
            case LineSeries l:
                return [Line(l.X.Select((x, i) => Point(x, l.Y[i])), l.Dash, LineJoin.Round)];
            case BandSeries b:
                return Areas(b.X.Select((x, i) => (Point(x, Clamp(b.YHigh[i])), Point(x, Clamp(b.YLow[i])))), 0, true).ToList();
            case StepSeries st:
                var steps = st.Values.SelectMany((v, i) => double.IsFinite(v) && (!log || v > 0) ? new[] { Point(st.Edges[i], v), Point(st.Edges[i + 1], v) } : [DataPoint.Undefined]).ToList();
                return st.Filled ? Areas(steps.Select(q => (q, Point(q.X, log ? y.Min : 0))), st.Width, false).ToList() : [Line(steps, DashPattern.Solid, LineJoin.Bevel)];
            case PointSeries pt:
                // per point a vertical error bar (from y − minus, at least the plot bottom, to y + plus) and a circle
                var bars = new OxyLineSeries { Color = color, StrokeThickness = 1.2, RenderInLegend = false };
                bars.Points.AddRange(pt.X.SelectMany((x, i) => new[] { Point(x, double.IsNaN(pt.Low(i)) ? pt.Y[i] : Clamp(pt.Low(i))), Point(x, double.IsNaN(pt.High(i)) ? pt.Y[i] : pt.High(i)), DataPoint.Undefined }));
                var marks = new ScatterSeries { Title = title, MarkerType = MarkerType.Circle, MarkerFill = color, MarkerStroke = color, MarkerSize = 3 };
                marks.Points.AddRange(pt.X.Select((x, i) => new ScatterPoint(x, pt.Y[i])).Where(q => double.IsFinite(q.X) && double.IsFinite(q.Y)));
                return [bars, marks];
            case CellSeries c:
                var (cMin, cMax) = c.ColorRange();
                var palette = OxyPalettes.Viridis(256);
                var alpha = (byte)Math.Round(255 * c.FillOpacity);
                // the legend shows the series' fill: the one colour of a region, the middle of the scale of a map
                var cells = new RectangleBarSeries
                {
                    Title = title, StrokeThickness = 0, StrokeColor = OxyColors.Transparent,
                    FillColor = OxyColor.FromAColor(alpha, c.Color is not null ? color : palette.Colors[palette.Colors.Count / 2]),
                };
                for (var i = 0; i < c.Values.Length; i++)
                {
                    double cv = c.ColorValue(c.Values[i]);
                    if (!double.IsFinite(cv)) continue;
                    var fill = c.Color is not null ? color
                        : palette.Colors[(int)Math.Clamp(Math.Floor((cv - cMin) / (cMax - cMin) * palette.Colors.Count), 0, palette.Colors.Count - 1)];
                    cells.Items.Add(new RectangleBarItem(c.XLow[i], c.YLow[i], c.XHigh[i], c.YHigh[i]) { Color = OxyColor.FromAColor(alpha, fill) });
                }
                return [cells];
            default:
                throw new ArgumentException($"unknown series type {s.GetType().Name}.", nameof(s));
        }
    }

    /// <summary>Log axis ticks: every k-th decade labelled (k = 1, 2, 3, 4, 5, 10, … so that labels keep apart), 2…9 × 10ⁿ
    /// minor ticks when every decade is labelled and wide enough, else the unlabelled decades; OxyPlot's own ticks below
    /// three decades.</summary>
    private sealed class DecadeAxis : LogarithmicAxis
    {
        public override void GetTickValues(out IList<double> majorLabelValues, out IList<double> majorTickValues, out IList<double> minorTickValues)
        {
            int e0 = (int)Math.Ceiling(Math.Log10(ActualMinimum) - 1e-9), e1 = (int)Math.Floor(Math.Log10(ActualMaximum) + 1e-9);
            if (e1 - e0 < 2) { base.GetTickValues(out majorLabelValues, out majorTickValues, out minorTickValues); return; }
            var px = IsHorizontal() ? Math.Abs(ScreenMax.X - ScreenMin.X) : Math.Abs(ScreenMax.Y - ScreenMin.Y);
            var perDecade = (px > 1 ? px : 300) / Math.Log10(ActualMaximum / ActualMinimum);
            var k = new[] { 1, 2, 3, 4, 5, 10, 20, 50, 100 }.First(k => k * perDecade >= (IsHorizontal() ? 48 : 26) || k == 100);
            var decades = Enumerable.Range(e0, e1 - e0 + 1).ToList();
            majorLabelValues = majorTickValues = decades.Where(e => e % k == 0).Select(e => Math.Pow(10, e)).ToList();
            minorTickValues = k > 1 ? decades.Where(e => e % k != 0).Select(e => Math.Pow(10, e)).ToList()
                : perDecade < 30 ? [] : Enumerable.Range(e0 - 1, e1 - e0 + 2).SelectMany(e => Enumerable.Range(2, 8).Select(f => f * Math.Pow(10, e)))
                    .Where(v => v >= ActualMinimum && v <= ActualMaximum).ToList();
        }
    }

    // The nested classes name PlotModels.Font and .FontSize in full: OxyPlot's plot elements have their own Font and
    // FontSize (unset), which would hide ours and draw nothing.

    /// <summary>An area whose legend symbol is a filled box (OxyPlot draws a wedge).</summary>
    private sealed class Area : AreaSeries
    {
        public override void RenderLegend(IRenderContext rc, OxyRect box) =>
            rc.DrawRectangle(new OxyRect(box.Left, box.Center.Y - 0.35 * PlotModels.FontSize, box.Width, 0.7 * PlotModels.FontSize), ActualFill, ActualColor, StrokeThickness, EdgeRenderingMode.Automatic);
    }

    /// <summary>A text annotation in <see cref="TextMarkup"/>, its lower left corner at data coordinates or at fractions of the plot area.</summary>
    internal sealed class MarkupAnnotation(Annotation a) : OxyAnnotations.Annotation
    {
        public Annotation Source => a;
        public override void Render(IRenderContext rc) => rc.DrawMathText(a.Coordinates == AnnotationCoordinates.Axes
                ? new ScreenPoint(PlotModel.PlotArea.Left + a.X * PlotModel.PlotArea.Width, PlotModel.PlotArea.Bottom - a.Y * PlotModel.PlotArea.Height) : Transform(new DataPoint(a.X, a.Y)),
            TextMarkup.ToMathText(a.Text), OxyColors.Black, PlotModels.Font, PlotModels.FontSize, FontWeights.Normal, 0, HorizontalAlignment.Left, VerticalAlignment.Bottom);
    }
}
