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

/// <summary>
/// The adapter from a <see cref="Figure"/> to OxyPlot: one <see cref="PlotModel"/> per panel with the rectangle (pixels)
/// it fills. Every axis gets explicit limits (fixed ones, or the data range rounded outwards), inward ticks mirrored on the
/// top and right edges, and labels in OxyPlot's math text (<see cref="TextMarkup.ToMathText"/>).
/// </summary>
internal static class PlotModels
{
    /// <summary>The font family written into SVG; PNG and PDF always use the shipped DejaVu Sans (<see cref="FigureExport"/>).</summary>
    public const string Font = "DejaVu Sans, Verdana, sans-serif";
    public const double FontSize = 12;
    private const string Minus = "\u2212";
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
            return panels.Select((p, i) => new Placed(Model(p, p.X, Limits(p.X, Extent(p, r => [r.X, r.XLow, r.XHigh])), true, cw),
                new OxyRect(i % g.Columns * cw, top + i / g.Columns * ch, cw, ch))).ToList();
        }
        var stack = (StackLayout)f.Layout;
        var xDef = panels[^1].X;
        var xLim = Limits(xDef, panels.SelectMany(p => Extent(p, r => [r.X, r.XLow, r.XHigh])));
        var models = panels.Select((p, i) => Model(p with { Title = i == 0 ? p.Title : "" }, xDef, xLim, i == panels.Length - 1, w)).ToList();
        for (var i = 1; i < panels.Length; i++)
        {
            // A lower panel titles itself inside, and leaves the label at its top edge to the panel above.
            if (panels[i].Title.Length > 0) models[i].Annotations.Add(new MarkupAnnotation(new Annotation(0.02, 0.9, panels[i].Title) { Coordinates = AnnotationCoordinates.Axes }));
            var (yAxis, label) = (models[i].Axes[1], models[i].Axes[1].LabelFormatter);
            yAxis.LabelFormatter = v => Math.Abs(v - yAxis.ActualMaximum) < 1e-6 * Math.Abs(yAxis.ActualMaximum - yAxis.ActualMinimum) ? "" : label(v);
        }
        var auto = models.Select(m => FigureExport.MeasurePlotArea(m, w, h).Margins).ToList();
        for (var i = 0; i < models.Count; i++)
        {
            bool first = i == 0, last = i == models.Count - 1;
            models[i].PlotMargins = new OxyThickness(auto.Max(m => m.Left), first ? double.NaN : 0, auto.Max(m => m.Right), last ? double.NaN : 0);
            models[i].Padding = new OxyThickness(4, first ? 4 : 0, 12, last ? 4 : 0);
        }
        var overhead = models.Select(m =>
        {
            // Pinning the measured margins makes the space around the plot area independent of the panel's height.
            var (margins, area) = FigureExport.MeasurePlotArea(m, w, h);
            m.PlotMargins = margins;
            return h - area.Height;
        }).ToList();
        var share = (h - overhead.Sum()) / stack.RelativeHeights.Sum();
        var y = top;
        return models.Select((m, i) =>
        {
            var rect = new OxyRect(0, y, w, Math.Max(1, overhead[i] + share * stack.RelativeHeights[i]));
            y += rect.Height;
            return new Placed(m, rect);
        }).ToList();
    }

    private static IEnumerable<double> Extent(Panel p, Func<(double X, double Y, double YLow, double YHigh, double XLow, double XHigh), double[]> pick) =>
        p.Series.SelectMany(s => s.Rows()).SelectMany(pick);

    /// <summary>The axis limits: fixed ones, else the finite (on a log axis positive) data range, with 0 if asked, rounded
    /// outwards to whole decades (log) or to a multiple of a 1-2-5 step of at most an eighth of the range (linear).</summary>
    public static (double Min, double Max) Limits(Axis a, IEnumerable<double> data)
    {
        var log = a.Scale == ScaleKind.Log10;
        var v = data.Where(d => double.IsFinite(d) && (!log || d > 0)).Select(d => Math.Clamp(d, log ? 1e-300 : -1e300, 1e300)).ToList();
        double lo = v.Count > 0 ? v.Min() : log ? 1 : 0, hi = v.Count > 0 ? v.Max() : log ? 10 : 1;
        if (a.IncludeZero && !log) (lo, hi) = (Math.Min(lo, 0), Math.Max(hi, 0));
        double T(double x) => log ? Math.Log10(x) : x;
        double V(double t) => log ? Math.Pow(10, t) : double.Parse(t.ToString("G15", Inv), Inv);
        double t0 = T(a.Min ?? lo), t1 = T(a.Max ?? hi);
        if (!(t1 > t0))
        {
            var d = log ? 1 : Math.Max(Math.Abs(t0) * 0.1, 1e-300);
            if (a.Max is null) t1 = t0 + d; else t0 = t1 - d;
        }
        var step = log ? 1 : Step((t1 - t0) / 8);
        if (a.Min is null) t0 = Math.Floor(t0 / step + 1e-9) * step;
        if (a.Max is null) t1 = Math.Ceiling(t1 / step - 1e-9) * step;
        return (a.Min ?? V(t0), a.Max ?? V(t1));
    }

    private static double Step(double raw)
    {
        var p = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        return new[] { 1.0, 2, 5, 10 }.Select(m => m * p).First(s => s >= raw * (1 - 1e-12));
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
        var yLim = Limits(p.Y, Extent(p, r => [r.Y, r.YLow, r.YHigh]));
        m.Axes.Add(MakeAxis(xLabels ? xDef : xDef with { Label = "" }, AxisPosition.Bottom, xLim, p.Grid, xLabels));
        m.Axes.Add(MakeAxis(p.Y, AxisPosition.Left, yLim, p.Grid, true));
        m.Axes.Add(MakeAxis(xDef with { Label = "" }, AxisPosition.Top, xLim, false, false));
        m.Axes.Add(MakeAxis(p.Y with { Label = "" }, AxisPosition.Right, yLim, false, false));
        var next = 0;
        foreach (var s in p.Series)
            foreach (var o in Convert(s, OxyColor.Parse(s.Color ?? Palette.Cycle[next++ % Palette.Cycle.Length]), yLim, p.Y.Scale == ScaleKind.Log10))
                m.Series.Add(o);
        // a colour bar for the first map drawn on a colour scale
        if (p.Series.OfType<CellSeries>().FirstOrDefault(c => c.Color is null) is { } map)
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
        {
            m.Annotations.Add(new OxyAnnotations.LineAnnotation
            {
                Type = r.Orientation == Orientation.Horizontal ? OxyAnnotations.LineAnnotationType.Horizontal : OxyAnnotations.LineAnnotationType.Vertical,
                X = r.Value, Y = r.Value, Color = OxyColor.Parse(r.Color), LineStyle = r.Dash switch { DashPattern.Solid => LineStyle.Solid, DashPattern.Dotted => LineStyle.Dot, DashPattern.DashDot => LineStyle.DashDot, _ => LineStyle.Dash }, StrokeThickness = 1,
                Text = TextMarkup.ToMathText(r.Label), TextColor = OxyColor.Parse(r.Color), FontSize = 0.85 * FontSize, Layer = OxyAnnotations.AnnotationLayer.BelowSeries,
            });
        }
        foreach (var a in p.Annotations) m.Annotations.Add(new MarkupAnnotation(a));
        if (p.Legend != LegendPosition.None && p.Series.Any(s => s.Label.Length > 0))
        {
            m.Legends.Add(new Legend
            {
                LegendPosition = p.Legend switch
                {
                    LegendPosition.UpperLeft => OxyLegendPosition.TopLeft, LegendPosition.LowerLeft => OxyLegendPosition.BottomLeft,
                    LegendPosition.LowerRight => OxyLegendPosition.BottomRight, LegendPosition.UpperCenter => OxyLegendPosition.TopCenter,
                    LegendPosition.LowerCenter => OxyLegendPosition.BottomCenter, LegendPosition.OutsideRight => OxyLegendPosition.RightTop,
                    _ => OxyLegendPosition.TopRight,
                },
                LegendPlacement = p.Legend == LegendPosition.OutsideRight ? LegendPlacement.Outside : LegendPlacement.Inside,
                LegendBackground = OxyColor.FromAColor(217, OxyColors.White), LegendBorder = OxyColor.Parse("#999999"), LegendBorderThickness = 0.8,
                LegendFontSize = FontSize, LegendSymbolLength = 28, LegendPadding = 6, LegendMargin = 6, LegendItemSpacing = 12,
            });
        }
        return m;
    }

    private static OxyAxis MakeAxis(Axis a, AxisPosition position, (double Min, double Max) lim, bool grid, bool labels)
    {
        OxyAxis ax = a.Scale == ScaleKind.Log10 ? new DecadeAxis() : new LinearAxis();
        ax.Position = position;
        ax.Key = position.ToString();
        ax.Title = TextMarkup.ToMathText(a.Label);
        (ax.Minimum, ax.Maximum) = lim;
        ax.TickStyle = TickStyle.Inside;
        (ax.MajorTickSize, ax.MinorTickSize, ax.AxisTitleDistance) = (6, 3.5, 4);
        ax.MajorGridlineStyle = grid ? LineStyle.Dot : LineStyle.None;
        ax.MajorGridlineColor = OxyColor.Parse("#bbbbbb");
        ax.IsZoomEnabled = ax.IsPanEnabled = false;
        var log = a.Scale == ScaleKind.Log10;
        double e0 = Math.Log10(lim.Min), e1 = Math.Log10(lim.Max);
        var plain = log && e0 >= -3 - 1e-9 && e1 <= 4 + 1e-9 && e1 - e0 <= 3 + 1e-9;
        ax.LabelFormatter = !labels ? _ => "" : log ? v => LogLabel(v, plain) : v => LinearLabel(v, ax.ActualMajorStep);
        return ax;
    }

    /// <summary>A log tick label: plain (0.1, 1, 300) when the axis spans at most three decades within 10⁻³…10⁴, else 10^{n} or m×10^{n}.</summary>
    internal static string LogLabel(double v, bool plain)
    {
        if (plain) return v.ToString("G4", Inv);
        var e = (int)Math.Floor(Math.Log10(v) + 1e-9);
        var m = v / Math.Pow(10, e);
        return (Math.Abs(m - 1) < 1e-9 ? "" : m.ToString("G3", Inv) + "×") + "10^{" + e.ToString(Inv).Replace("-", Minus) + "}";
    }

    /// <summary>A linear tick label with as many decimals as the tick step needs, and a typographic minus.</summary>
    internal static string LinearLabel(double v, double step)
    {
        if (!(step > 0 && double.IsFinite(step))) step = 1;
        if (Math.Abs(v) < step * 1e-9) v = 0;
        if (v != 0 && (Math.Abs(v) >= 1e5 || step < 1e-4)) return LogLabel(Math.Abs(v), false).Insert(0, v < 0 ? Minus : "");
        return v.ToString("F" + Math.Clamp(-(int)Math.Floor(Math.Log10(step) + 1e-9), 0, 15), Inv).Replace("-", Minus);
    }

    /// <summary>OxyPlot dash arrays are in multiples of the stroke width; ours are fixed lengths in pixels.</summary>
    private static double[]? Dashes(DashPattern d, double stroke) => (d, Math.Max(stroke, 0.1)) switch
    {
        (DashPattern.Dashed, var w) => [6 / w, 4 / w],
        (DashPattern.Dotted, var w) => [1.5 / w, 2.5 / w],
        (DashPattern.DashDot, var w) => [7 / w, 3 / w, 1.5 / w, 3 / w],
        _ => null,
    };

    private static MarkerType Marker(MarkerShape s) => s switch
    {
        MarkerShape.Circle => MarkerType.Circle, MarkerShape.Square => MarkerType.Square, MarkerShape.Diamond => MarkerType.Diamond,
        MarkerShape.Triangle => MarkerType.Triangle, MarkerShape.Cross => MarkerType.Cross, MarkerShape.Plus => MarkerType.Plus,
        _ => MarkerType.None,
    };

    private static DataPoint Point(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? DataPoint.Undefined : new DataPoint(x, y);

    /// <summary>The OxyPlot series that draw one of ours; only the first carries the legend label. Infinite band edges and
    /// the fill base of a step become the y limits; NaN splits an area into pieces (a line breaks by itself).</summary>
    private static IEnumerable<XYAxisSeries> Convert(Series s, OxyColor color, (double Min, double Max) y, bool log)
    {
        string? title = s.Label.Length > 0 ? TextMarkup.ToMathText(s.Label) : null;
        double Clamp(double v) => double.IsPositiveInfinity(v) ? y.Max : double.IsNegativeInfinity(v) || (log && v <= 0) ? y.Min : v;
        IEnumerable<XYAxisSeries> Areas(IEnumerable<(DataPoint Top, DataPoint Bottom)> points, double stroke, double fill, bool bothEdges)
        {
            var runs = new List<List<(DataPoint Top, DataPoint Bottom)>> { new() };
            foreach (var q in points)
                if (q.Top.IsDefined() && q.Bottom.IsDefined()) runs[^1].Add(q);
                else if (runs[^1].Count > 0) runs.Add([]);
            var edge = stroke > 0 ? color : OxyColors.Transparent;
            foreach (var run in runs.Where(r => r.Count > 1))
            {
                var a = new Area
                {
                    Title = title, Color = edge, Color2 = bothEdges ? edge : OxyColors.Transparent, StrokeThickness = stroke,
                    Fill = OxyColor.FromAColor((byte)Math.Round(255 * fill), color),
                };
                a.Points.AddRange(run.Select(q => q.Top));
                a.Points2.AddRange(run.Select(q => q.Bottom));
                title = null;
                yield return a;
            }
        }
        switch (s)
        {
            case LineSeries l:
                var line = new OxyLineSeries { Title = title, Color = color, StrokeThickness = l.Width, Dashes = Dashes(l.Dash, l.Width), MarkerType = Marker(l.Marker), MarkerFill = color, LineJoin = LineJoin.Round };
                line.Points.AddRange(l.X.Select((x, i) => Point(x, l.Y[i])));
                return [line];
            case BandSeries b:
                return Areas(b.X.Select((x, i) => (Point(x, Clamp(b.YHigh[i])), Point(x, Clamp(b.YLow[i])))), b.EdgeWidth, b.FillOpacity, true).ToList();
            case StepSeries st:
                var steps = st.Values.SelectMany((v, i) => double.IsFinite(v) && (!log || v > 0) ? new[] { Point(st.Edges[i], v), Point(st.Edges[i + 1], v) } : [DataPoint.Undefined]).ToList();
                if (st.Filled) return Areas(steps.Select(q => (q, Point(q.X, log ? y.Min : 0))), st.Width, st.FillOpacity, false).ToList();
                var outline = new OxyLineSeries { Title = title, Color = color, StrokeThickness = st.Width, Dashes = Dashes(st.Dash, st.Width) };
                outline.Points.AddRange(steps);
                return [outline];
            case PointSeries pt:
                var bars = new OxyLineSeries { Color = color, StrokeThickness = 1.2, RenderInLegend = false };
                for (var i = 0; i < pt.Count; i++)
                {
                    double lo = pt.Low(i), hi = pt.High(i), left = pt.Left(i), right = pt.Right(i);
                    bars.Points.AddRange([Point(pt.X[i], double.IsNaN(lo) ? pt.Y[i] : Clamp(lo)), Point(pt.X[i], double.IsNaN(hi) ? pt.Y[i] : hi), DataPoint.Undefined]);
                    bars.Points.AddRange([Point(double.IsNaN(left) ? pt.X[i] : left, pt.Y[i]), Point(double.IsNaN(right) ? pt.X[i] : right, pt.Y[i]), DataPoint.Undefined]);
                }
                var marks = new ScatterSeries { Title = title, MarkerType = Marker(pt.Marker), MarkerFill = color, MarkerStroke = color, MarkerSize = 3 };
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
                for (var i = 0; i < c.Count; i++)
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
            if (e1 - e0 < 2)
            {
                base.GetTickValues(out majorLabelValues, out majorTickValues, out minorTickValues);
                return;
            }
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

    /// <summary>An area whose legend symbol is a filled box (OxyPlot draws a wedge).</summary>
    private sealed class Area : AreaSeries
    {
        public override void RenderLegend(IRenderContext rc, OxyRect legendBox) =>
            rc.DrawRectangle(new OxyRect(legendBox.Left, legendBox.Center.Y - 0.35 * PlotModels.FontSize, legendBox.Width, 0.7 * PlotModels.FontSize), ActualFill, ActualColor, StrokeThickness, EdgeRenderingMode.Automatic);
    }

    /// <summary>A text annotation in <see cref="TextMarkup"/>, at data coordinates or at fractions of the plot area.</summary>
    internal sealed class MarkupAnnotation(Annotation a) : OxyAnnotations.Annotation
    {
        public Annotation Source => a;

        public override void Render(IRenderContext rc)
        {
            var area = PlotModel.PlotArea;
            var at = a.Coordinates == AnnotationCoordinates.Axes
                ? new ScreenPoint(area.Left + a.X * area.Width, area.Bottom - a.Y * area.Height)
                : Transform(new DataPoint(a.X, a.Y));
            rc.DrawMathText(at, TextMarkup.ToMathText(a.Text), OxyColor.Parse(a.Color), PlotModels.Font, PlotModels.FontSize, FontWeights.Normal, -a.Rotation,
                (HorizontalAlignment)((int)a.Anchor - 1), VerticalAlignment.Bottom);
        }
    }
}
