using System.Globalization;
using System.Text;

namespace NuDM.App.Figures;

/// <summary>
/// Renders a <see cref="Figure"/> as a standalone SVG 1.1 document. The output is deterministic (invariant culture,
/// two-decimal coordinates, no timestamps), so the same figure always gives the same bytes.
/// </summary>
/// <remarks>
/// <para>Data are clipped to the plot area (geometrically, and by a <c>clipPath</c>); NaN or infinite values, and
/// non-positive values on log axes, break lines into separate pieces and are never written. Text is XML-escaped.</para>
/// <para>Elements carry metadata in the <c>urn:nudm:figure</c> namespace (prefix <c>nudm</c>): panels
/// (<c>class="panel"</c>, <c>nudm:index</c>), the plot frame (<c>class="plot-area"</c>), series groups
/// (<c>class="series"</c>, <c>nudm:kind</c>, <c>nudm:label</c>), tick labels (<c>class="tick-label"</c>, <c>nudm:value</c>)
/// and legend entries (<c>class="legend-label"</c>), so tools and tests can find them.</para>
/// </remarks>
public static class SvgRenderer
{
    /// <summary>Renders the figure to an SVG document string (UTF-8 declared, "\n" line ends).</summary>
    /// <exception cref="ArgumentException">The figure breaks a rule (see <see cref="Figure"/>).</exception>
    public static string Render(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        figure.Validate();
        return new Builder(figure).Build();
    }

    /// <summary>Renders the figure and writes the SVG document to <paramref name="writer"/>.</summary>
    public static void Render(Figure figure, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Render(figure));
    }

    private enum TitleMode { None, Above, Inside }

    private sealed record LegendEntry(Series Series, string Color);

    private sealed class Plan
    {
        public required int Index { get; init; }
        public required Panel Panel { get; init; }
        public required Axis XDef { get; init; }
        public required Box Plot { get; set; }
        public required ResolvedAxis X { get; set; }
        public required ResolvedAxis Y { get; set; }
        public required bool XTickLabels { get; init; }
        public required bool XLabel { get; init; }
        public required TitleMode Title { get; init; }
        public bool DropTopYLabel { get; init; }
        public required IReadOnlyList<string> Colors { get; init; }
        public AxisMapping Mx => X.Map(Plot.Left, Plot.Right);
        public AxisMapping My => Y.Map(Plot.Bottom, Plot.Top);
    }

    private sealed class Builder(Figure figure)
    {
        private readonly double _fs = figure.FontSize;
        private readonly StringBuilder _sb = new();

        private double Gap => 0.45 * _fs;

        private double TextW(string s) => TextMarkup.EstimateWidth(s, _fs);

        private double XSpacing(IReadOnlyList<string> labels) => Math.Max(4.5 * _fs, (labels.Count == 0 ? 0 : labels.Max(TextW)) + 1.5 * _fs);

        private double YSpacing(IReadOnlyList<string> labels) => 2.6 * _fs;

        public string Build()
        {
            var plans = PlanLayout();
            var w = figure.Width;
            var h = figure.Height;
            _sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
            _sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:nudm=\"").Append(Svg.MetaNamespace).Append('"')
                .Append(" version=\"1.1\" baseProfile=\"full\"")
                .Attr("width", w).Attr("height", h).Attr("viewBox", $"0 0 {Svg.Num(w)} {Svg.Num(h)}")
                .Attr("font-family", figure.FontFamily).Attr("font-size", _fs).Append(">\n");
            _sb.Append("<title>");
            Svg.AppendEscaped(_sb, figure.Title.Length > 0 ? TextMarkup.ToPlainText(figure.Title) : "NuDM figure");
            _sb.Append("</title>\n");
            _sb.Append("<defs>\n");
            foreach (var p in plans)
            {
                _sb.Append("<clipPath id=\"nudm-clip-").Append(p.Index).Append("\"><rect")
                    .Attr("x", p.Plot.Left).Attr("y", p.Plot.Top).Attr("width", p.Plot.Width).Attr("height", p.Plot.Height).Append("/></clipPath>\n");
            }
            _sb.Append("</defs>\n");
            _sb.Append("<rect class=\"background\" x=\"0\" y=\"0\"").Attr("width", w).Attr("height", h).Append(" fill=\"#ffffff\"/>\n");
            if (figure.Title.Length > 0)
                Text(w / 2, 1.5 * _fs, figure.Title, "figure-title", TextAnchor.Middle, 1.25 * _fs);
            foreach (var p in plans) DrawPanel(p);
            _sb.Append("</svg>\n");
            return _sb.ToString();
        }

        // ------------------------------------------------------------------ layout

        private double TitleBand => figure.Title.Length > 0 ? 2.2 * _fs : 0;

        private List<Plan> PlanLayout() => figure.Layout switch
        {
            StackLayout s => PlanStack(s),
            GridLayout g => PlanGrid(g),
            _ => throw new ArgumentException("layout must be a StackLayout or a GridLayout.", "layout"),
        };

        private static IReadOnlyList<string> ResolveColors(Panel panel)
        {
            var next = 0;
            return panel.Series.Select(s => s.Color ?? Palette.At(next++)).ToList();
        }

        private List<LegendEntry> LegendEntries(Plan p) =>
            p.Panel.Series.Select((s, i) => new LegendEntry(s, p.Colors[i])).Where(e => e.Series.Label.Length > 0).ToList();

        private (double W, double H) LegendSize(Panel panel)
        {
            var labels = panel.Series.Where(s => s.Label.Length > 0).Select(s => s.Label).ToList();
            if (panel.Legend == LegendPosition.None || labels.Count == 0) return (0, 0);
            var pad = 0.5 * _fs;
            return (2 * pad + 2.4 * _fs + 0.5 * _fs + labels.Max(TextW), 2 * pad + labels.Count * 1.35 * _fs);
        }

        private double OutsideLegendWidth(Panel panel) =>
            panel.Legend == LegendPosition.OutsideRight && LegendSize(panel).W > 0 ? LegendSize(panel).W + 0.8 * _fs : 0;

        private double LeftNeed(Panel panel, ResolvedAxis y, ResolvedAxis x, bool xTickLabels)
        {
            var maxW = y.Major.Count == 0 ? 0 : y.Major.Max(t => TextW(t.Label));
            var need = Gap + maxW + (panel.Y.Label.Length > 0 ? 1.75 * _fs : 0.4 * _fs);
            if (xTickLabels && x.Major.Count > 0) need = Math.Max(need, TextW(x.Major[0].Label) / 2 + 3);
            return need;
        }

        private double RightNeed(Panel panel, ResolvedAxis x, bool xTickLabels)
        {
            var need = 1.0 * _fs;
            if (xTickLabels && x.Major.Count > 0) need = Math.Max(need, TextW(x.Major[^1].Label) / 2 + 3);
            return need + OutsideLegendWidth(panel);
        }

        private bool HasScripts(ResolvedAxis a) => a.Major.Any(t => TextMarkup.HasScripts(t.Label));

        private double XTickLabelHeight(ResolvedAxis x) => Gap + (HasScripts(x) ? 1.25 : 1.05) * _fs;

        private double BottomNeed(bool xTickLabels, bool xLabel, ResolvedAxis x) =>
            (xTickLabels ? XTickLabelHeight(x) : 0) + (xLabel ? 1.45 * _fs : 0) + 0.4 * _fs;

        private double TopNeed(TitleMode title) => title == TitleMode.Above ? 2.0 * _fs : 0.8 * _fs;

        private static Box Snap(Box b)
        {
            static double S(double v) => Math.Round(v) + 0.5;
            var left = S(b.Left);
            var top = S(b.Top);
            var right = Math.Max(left + 10, S(b.Right));
            var bottom = Math.Max(top + 10, S(b.Bottom));
            return new Box(left, top, right, bottom);
        }

        private List<Plan> PlanGrid(GridLayout g)
        {
            var plans = new List<Plan>();
            var cellW = figure.Width / g.Columns;
            var cellH = (figure.Height - TitleBand) / g.Rows;
            for (var i = 0; i < figure.Panels.Length; i++)
            {
                var panel = figure.Panels[i];
                var cell = new Box((i % g.Columns) * cellW, TitleBand + (i / g.Columns) * cellH,
                    (i % g.Columns + 1) * cellW, TitleBand + (i / g.Columns + 1) * cellH);
                var xData = panel.Series.SelectMany(s => s.XExtent()).ToList();
                var yData = panel.Series.SelectMany(s => s.YExtent()).ToList();
                var title = panel.Title.Length > 0 ? TitleMode.Above : TitleMode.None;
                var xLabel = panel.X.Label.Length > 0;
                var plot = new Box(cell.Left + 4 * _fs, cell.Top + TopNeed(title), cell.Right - 1.5 * _fs, cell.Bottom - 3.5 * _fs);
                ResolvedAxis x = null!, y = null!;
                for (var pass = 0; pass < 3; pass++)
                {
                    x = Ticks.Resolve(panel.X, xData, plot.Width, XSpacing);
                    y = Ticks.Resolve(panel.Y, yData, plot.Height, YSpacing);
                    plot = Snap(new Box(cell.Left + LeftNeed(panel, y, x, true), cell.Top + TopNeed(title),
                        cell.Right - RightNeed(panel, x, true), cell.Bottom - BottomNeed(true, xLabel, x)));
                }
                x = Ticks.Resolve(panel.X, xData, plot.Width, XSpacing);
                y = Ticks.Resolve(panel.Y, yData, plot.Height, YSpacing);
                plans.Add(new Plan
                {
                    Index = i, Panel = panel, XDef = panel.X, Plot = plot, X = x, Y = y,
                    XTickLabels = true, XLabel = xLabel, Title = title, Colors = ResolveColors(panel),
                });
            }
            return plans;
        }

        private List<Plan> PlanStack(StackLayout s)
        {
            var panels = figure.Panels;
            var n = panels.Length;
            var bottomPanel = panels[^1];
            var xDef = bottomPanel.X;
            var xData = panels.SelectMany(p => p.Series.SelectMany(se => se.XExtent())).ToList();
            var yData = panels.Select(p => p.Series.SelectMany(se => se.YExtent()).ToList()).ToList();
            var xLabel = xDef.Label.Length > 0;
            var topTitle = panels[0].Title.Length > 0 ? TitleMode.Above : TitleMode.None;
            var weights = s.RelativeHeights;
            var total = weights.Sum();
            var area = new Box(0, TitleBand, figure.Width, figure.Height);

            var left = area.Left + 4 * _fs;
            var right = area.Right - 1.5 * _fs;
            var top = area.Top + TopNeed(topTitle);
            var bottom = area.Bottom - 3.5 * _fs;
            ResolvedAxis x = null!;
            var ys = new ResolvedAxis[n];
            var boxes = new Box[n];

            void Resolve()
            {
                var avail = Math.Max(10 * n, bottom - top - s.Gap * (n - 1));
                var y0 = top;
                x = Ticks.Resolve(xDef, xData, right - left, XSpacing);
                for (var i = 0; i < n; i++)
                {
                    var h = avail * weights[i] / total;
                    boxes[i] = new Box(left, y0, right, y0 + h);
                    ys[i] = Ticks.Resolve(panels[i].Y, yData[i], h, YSpacing);
                    y0 += h + s.Gap;
                }
            }

            for (var pass = 0; pass < 3; pass++)
            {
                Resolve();
                left = area.Left + Enumerable.Range(0, n).Max(i => LeftNeed(panels[i], ys[i], x, true));
                right = area.Right - Enumerable.Range(0, n).Max(i => RightNeed(panels[i], x, true));
                bottom = area.Bottom - BottomNeed(true, xLabel, x);
            }
            // Snap the shared edges once so that neighbouring panels meet exactly.
            var snapped = Snap(new Box(left, top, right, bottom));
            left = snapped.Left;
            right = snapped.Right;
            top = snapped.Top;
            bottom = snapped.Bottom;
            Resolve();
            var plans = new List<Plan>();
            for (var i = 0; i < n; i++)
            {
                var b = boxes[i];
                var box = new Box(left, i == 0 ? top : Math.Round(b.Top) + 0.5, right, i == n - 1 ? bottom : Math.Round(b.Bottom) + 0.5);
                plans.Add(new Plan
                {
                    Index = i, Panel = panels[i], XDef = xDef, Plot = box, X = x,
                    Y = Ticks.Resolve(panels[i].Y, yData[i], box.Height, YSpacing),
                    XTickLabels = i == n - 1, XLabel = i == n - 1 && xLabel,
                    Title = panels[i].Title.Length == 0 ? TitleMode.None : i == 0 ? TitleMode.Above : TitleMode.Inside,
                    DropTopYLabel = i > 0 && s.Gap < _fs,
                    Colors = ResolveColors(panels[i]),
                });
            }
            return plans;
        }

        // ------------------------------------------------------------------ drawing

        private void DrawPanel(Plan p)
        {
            var panel = p.Panel;
            var plot = p.Plot;
            var mx = p.Mx;
            var my = p.My;
            _sb.Append("<g class=\"panel\"").Attr("nudm:index", p.Index.ToString(CultureInfo.InvariantCulture)).Attr("nudm:title", panel.Title).Append(">\n");

            if (panel.Grid)
            {
                var d = new StringBuilder();
                foreach (var t in p.X.Major) d.Append('M').AppendNum(mx.Map(t.Value)).Append(',').AppendNum(plot.Top).Append('V').AppendNum(plot.Bottom);
                foreach (var t in p.Y.Major) d.Append('M').AppendNum(plot.Left).Append(',').AppendNum(my.Map(t.Value)).Append('H').AppendNum(plot.Right);
                if (d.Length > 0)
                    _sb.Append("<path class=\"grid\"").Attr("d", d.ToString()).Append(" fill=\"none\" stroke=\"#dddddd\" stroke-width=\"0.6\"/>\n");
            }

            _sb.Append("<g class=\"data\" clip-path=\"url(#nudm-clip-").Append(p.Index).Append(")\">\n");
            foreach (var r in panel.ReferenceLines) DrawReferenceLine(p, r);
            for (var i = 0; i < panel.Series.Length; i++) DrawSeries(p, i);
            _sb.Append("</g>\n");

            _sb.Append("<rect class=\"plot-area\"").Attr("x", plot.Left).Attr("y", plot.Top).Attr("width", plot.Width).Attr("height", plot.Height)
                .Append(" fill=\"none\" stroke=\"#000000\" stroke-width=\"1\"/>\n");
            DrawAxes(p);

            foreach (var r in panel.ReferenceLines.Where(r => r.Label.Length > 0))
            {
                if (r.Orientation == Orientation.Horizontal)
                    Text(plot.Right - 0.3 * _fs, my.Map(r.Value) - 0.3 * _fs, r.Label, "reference-label", TextAnchor.End, 0.85 * _fs, fill: r.Color);
                else
                    Text(mx.Map(r.Value) + 0.3 * _fs, plot.Top + 1.1 * _fs, r.Label, "reference-label", TextAnchor.Start, 0.85 * _fs, fill: r.Color);
            }

            if (p.Title == TitleMode.Above)
                Text((plot.Left + plot.Right) / 2, plot.Top - 0.6 * _fs, panel.Title, "panel-title", TextAnchor.Middle, 1.05 * _fs);
            else if (p.Title == TitleMode.Inside)
                Text(plot.Left + 0.6 * _fs, plot.Top + 1.3 * _fs, panel.Title, "panel-title", TextAnchor.Start, _fs);

            foreach (var a in panel.Annotations)
            {
                double ax, ay;
                if (a.Coordinates == AnnotationCoordinates.Axes)
                {
                    ax = plot.Left + a.X * plot.Width;
                    ay = plot.Bottom - a.Y * plot.Height;
                }
                else
                {
                    ax = mx.Map(a.X);
                    ay = my.Map(a.Y);
                }
                if (!double.IsFinite(ax) || !double.IsFinite(ay)) continue;
                Text(ax, ay, a.Text, "annotation", a.Anchor, a.FontSize ?? _fs, a.Rotation, a.Color);
            }

            DrawLegend(p);
            _sb.Append("</g>\n");
        }

        private void DrawAxes(Plan p)
        {
            var plot = p.Plot;
            var mx = p.Mx;
            var my = p.My;
            var major = 0.5 * _fs;
            var minor = 0.28 * _fs;
            var mirror = p.Panel.MirrorTicks;

            var d = new StringBuilder();
            void XTick(double v, double len)
            {
                var px = mx.Map(v);
                if (!double.IsFinite(px) || px < plot.Left - 0.01 || px > plot.Right + 0.01) return;
                d.Append('M').AppendNum(px).Append(',').AppendNum(plot.Bottom).Append('v').AppendNum(-len);
                if (mirror) d.Append('M').AppendNum(px).Append(',').AppendNum(plot.Top).Append('v').AppendNum(len);
            }
            void YTick(double v, double len)
            {
                var py = my.Map(v);
                if (!double.IsFinite(py) || py < plot.Top - 0.01 || py > plot.Bottom + 0.01) return;
                d.Append('M').AppendNum(plot.Left).Append(',').AppendNum(py).Append('h').AppendNum(len);
                if (mirror) d.Append('M').AppendNum(plot.Right).Append(',').AppendNum(py).Append('h').AppendNum(-len);
            }

            _sb.Append("<g class=\"x-axis\">\n");
            foreach (var t in p.X.Major) XTick(t.Value, major);
            foreach (var v in p.X.Minor) XTick(v, minor);
            if (d.Length > 0) _sb.Append("<path class=\"ticks\"").Attr("d", d.ToString()).Append(" fill=\"none\" stroke=\"#000000\" stroke-width=\"0.8\"/>\n");
            if (p.XTickLabels)
            {
                var baseline = plot.Bottom + Gap + (HasScripts(p.X) ? 1.0 : 0.8) * _fs;
                foreach (var t in p.X.Major)
                {
                    var px = mx.Map(t.Value);
                    if (!double.IsFinite(px)) continue;
                    Text(px, baseline, t.Label, "tick-label", TextAnchor.Middle, _fs, value: t.Value);
                }
            }
            if (p.XLabel)
            {
                var baseline = plot.Bottom + XTickLabelHeight(p.X) + 1.1 * _fs;
                Text((plot.Left + plot.Right) / 2, baseline, p.XDef.Label, "axis-label", TextAnchor.Middle, _fs);
            }
            _sb.Append("</g>\n");

            d.Clear();
            _sb.Append("<g class=\"y-axis\">\n");
            foreach (var t in p.Y.Major) YTick(t.Value, major);
            foreach (var v in p.Y.Minor) YTick(v, minor);
            if (d.Length > 0) _sb.Append("<path class=\"ticks\"").Attr("d", d.ToString()).Append(" fill=\"none\" stroke=\"#000000\" stroke-width=\"0.8\"/>\n");
            var maxW = 0.0;
            foreach (var t in p.Y.Major)
            {
                var py = my.Map(t.Value);
                if (!double.IsFinite(py)) continue;
                if (p.DropTopYLabel && py < plot.Top + 0.7 * _fs) continue;
                maxW = Math.Max(maxW, TextW(t.Label));
                Text(plot.Left - Gap, py + 0.35 * _fs, t.Label, "tick-label", TextAnchor.End, _fs, value: t.Value);
            }
            if (p.Panel.Y.Label.Length > 0)
            {
                var lx = plot.Left - Gap - p.Y.Major.Select(t => TextW(t.Label)).DefaultIfEmpty(0).Max() - 0.5 * _fs;
                Text(lx, (plot.Top + plot.Bottom) / 2, p.Panel.Y.Label, "axis-label", TextAnchor.Middle, _fs, rotation: 90);
            }
            _sb.Append("</g>\n");
        }

        private void DrawReferenceLine(Plan p, ReferenceLine r)
        {
            var plot = p.Plot;
            var d = new StringBuilder();
            if (r.Orientation == Orientation.Horizontal)
            {
                var py = p.My.Map(r.Value);
                if (!double.IsFinite(py)) return;
                d.Append('M').AppendNum(plot.Left).Append(',').AppendNum(py).Append('H').AppendNum(plot.Right);
            }
            else
            {
                var px = p.Mx.Map(r.Value);
                if (!double.IsFinite(px)) return;
                d.Append('M').AppendNum(px).Append(',').AppendNum(plot.Top).Append('V').AppendNum(plot.Bottom);
            }
            _sb.Append("<path class=\"reference-line\"").Attr("d", d.ToString()).Append(" fill=\"none\"")
                .Attr("stroke", r.Color).Attr("stroke-width", r.Width);
            Dash(r.Dash);
            _sb.Append("/>\n");
        }

        // ------------------------------------------------------------------ series

        private Box Outer(Plan p, double width) => p.Plot.Inflate(Math.Max(10, 2 * width + 2));

        private void DrawSeries(Plan p, int i)
        {
            var s = p.Panel.Series[i];
            var color = p.Colors[i];
            _sb.Append("<g class=\"series\"").Attr("nudm:kind", s.Kind).Attr("nudm:label", s.Label)
                .Attr("nudm:index", i.ToString(CultureInfo.InvariantCulture)).Append(">\n");
            switch (s)
            {
                case LineSeries l: DrawLine(p, l, color); break;
                case BandSeries b: DrawBand(p, b, color); break;
                case PointSeries pt: DrawPoints(p, pt, color); break;
                case StepSeries st: DrawStep(p, st, color); break;
            }
            _sb.Append("</g>\n");
        }

        private void DrawLine(Plan p, LineSeries l, string color)
        {
            var mx = p.Mx;
            var my = p.My;
            var box = Outer(p, l.Width + l.MarkerSize);
            var pts = new Pt[l.Count];
            for (var k = 0; k < pts.Length; k++) pts[k] = new Pt(mx.Map(l.X[k]), my.Map(l.Y[k]));
            if (l.Width > 0)
            {
                var pieces = Geometry.ClipPolyline(pts, box);
                if (pieces.Count > 0)
                {
                    _sb.Append("<path class=\"line\"").Attr("d", PathData(pieces, false)).Append(" fill=\"none\"")
                        .Attr("stroke", color).Attr("stroke-width", l.Width);
                    if (l.Opacity < 1) _sb.Append(" stroke-opacity=\"").Append(Svg.Opacity(l.Opacity)).Append('"');
                    Dash(l.Dash);
                    _sb.Append(" stroke-linejoin=\"round\"/>\n");
                }
            }
            if (l.Marker != MarkerShape.None)
                Markers(pts.Where(q => q.IsFinite && box.Contains(q)), l.Marker, l.MarkerSize, color, true);
        }

        private void DrawBand(Plan p, BandSeries b, string color)
        {
            var mx = p.Mx;
            var my = p.My;
            var box = Outer(p, b.EdgeWidth);
            var log = p.Y.Scale == ScaleKind.Log10;
            var lows = new Pt[b.Count];
            var highs = new Pt[b.Count];
            var valid = new bool[b.Count];
            for (var k = 0; k < b.Count; k++)
            {
                var px = mx.Map(b.X[k]);
                var lo = b.YLow[k];
                var hi = b.YHigh[k];
                var pyLo = double.IsNegativeInfinity(lo) || (log && lo <= 0 && !double.IsNaN(lo)) ? box.Bottom : my.Map(lo);
                var pyHi = double.IsPositiveInfinity(hi) ? box.Top : my.Map(hi);
                valid[k] = double.IsFinite(px) && double.IsFinite(pyLo) && double.IsFinite(pyHi);
                lows[k] = new Pt(px, pyLo);
                highs[k] = new Pt(px, pyHi);
            }
            var fill = new StringBuilder();
            var start = 0;
            while (start < b.Count)
            {
                if (!valid[start]) { start++; continue; }
                var end = start;
                while (end + 1 < b.Count && valid[end + 1]) end++;
                if (end > start)
                {
                    var polygon = new List<Pt>();
                    for (var k = start; k <= end; k++) polygon.Add(lows[k]);
                    for (var k = end; k >= start; k--) polygon.Add(highs[k]);
                    var clipped = Geometry.ClipPolygon(polygon, box);
                    if (clipped.Count >= 3) AppendPolygon(fill, clipped);
                }
                start = end + 1;
            }
            if (fill.Length > 0)
            {
                _sb.Append("<path class=\"band-fill\"").Attr("d", fill.ToString()).Attr("fill", color)
                    .Append(" fill-opacity=\"").Append(Svg.Opacity(b.FillOpacity)).Append("\" stroke=\"none\"/>\n");
            }
            if (b.EdgeWidth > 0)
            {
                var edgeLo = b.X.Select((x, k) => new Pt(mx.Map(x), my.Map(b.YLow[k])));
                var edgeHi = b.X.Select((x, k) => new Pt(mx.Map(x), my.Map(b.YHigh[k])));
                var pieces = Geometry.ClipPolyline(edgeLo, box);
                pieces.AddRange(Geometry.ClipPolyline(edgeHi, box));
                if (pieces.Count > 0)
                {
                    _sb.Append("<path class=\"band-edge\"").Attr("d", PathData(pieces, false)).Append(" fill=\"none\"")
                        .Attr("stroke", color).Attr("stroke-width", b.EdgeWidth);
                    Dash(b.EdgeDash);
                    _sb.Append(" stroke-linejoin=\"round\"/>\n");
                }
            }
        }

        private void DrawStep(Plan p, StepSeries st, string color)
        {
            var mx = p.Mx;
            var my = p.My;
            var box = Outer(p, st.Width);
            var log = p.Y.Scale == ScaleKind.Log10;
            // Filled histograms are closed down to the baseline: zero, or below the plot area on a log axis.
            var baseY = log ? box.Bottom : my.Map(0);
            var closed = st.Filled && double.IsFinite(baseY);
            var runs = new List<List<Pt>>();
            var run = new List<Pt>();
            for (var k = 0; k < st.Count; k++)
            {
                var x0 = mx.Map(st.Edges[k]);
                var x1 = mx.Map(st.Edges[k + 1]);
                var y = my.Map(st.Values[k]);
                if (!double.IsFinite(x0) || !double.IsFinite(x1) || !double.IsFinite(y))
                {
                    if (run.Count > 0) runs.Add(run);
                    run = [];
                    continue;
                }
                run.Add(new Pt(x0, y));
                run.Add(new Pt(x1, y));
            }
            if (run.Count > 0) runs.Add(run);

            var fill = new StringBuilder();
            var outline = new List<Pt>();
            foreach (var r in runs)
            {
                if (closed)
                {
                    r.Insert(0, new Pt(r[0].X, baseY));
                    r.Add(new Pt(r[^1].X, baseY));
                    var clipped = Geometry.ClipPolygon(r, box);
                    if (clipped.Count >= 3) AppendPolygon(fill, clipped);
                }
                outline.AddRange(r);
                outline.Add(new Pt(double.NaN, double.NaN));
            }
            if (fill.Length > 0)
            {
                _sb.Append("<path class=\"step-fill\"").Attr("d", fill.ToString()).Attr("fill", color)
                    .Append(" fill-opacity=\"").Append(Svg.Opacity(st.FillOpacity)).Append("\" stroke=\"none\"/>\n");
            }
            if (st.Width > 0)
            {
                var pieces = Geometry.ClipPolyline(outline, box);
                if (pieces.Count > 0)
                {
                    _sb.Append("<path class=\"step\"").Attr("d", PathData(pieces, false)).Append(" fill=\"none\"")
                        .Attr("stroke", color).Attr("stroke-width", st.Width);
                    Dash(st.Dash);
                    _sb.Append(" stroke-linejoin=\"miter\"/>\n");
                }
            }
        }

        private void DrawPoints(Plan p, PointSeries s, string color)
        {
            var mx = p.Mx;
            var my = p.My;
            var box = Outer(p, s.MarkerSize + s.CapSize);
            var xLog = p.X.Scale == ScaleKind.Log10;
            var yLog = p.Y.Scale == ScaleKind.Log10;
            var bars = new StringBuilder();
            var centres = new List<Pt>();

            void Segment(Pt a, Pt b)
            {
                if (a.IsFinite && b.IsFinite && Geometry.ClipSegment(a, b, box, out var c0, out var c1) && c0 != c1)
                    bars.Append('M').AppendNum(c0.X).Append(',').AppendNum(c0.Y).Append('L').AppendNum(c1.X).Append(',').AppendNum(c1.Y);
            }

            for (var k = 0; k < s.Count; k++)
            {
                var px = mx.Map(s.X[k]);
                var py = my.Map(s.Y[k]);
                if (!double.IsFinite(px) || !double.IsFinite(py)) continue;
                var c = new Pt(px, py);
                centres.Add(c);
                var lo = s.Low(k);
                var hi = s.High(k);
                if (!double.IsNaN(lo))
                {
                    var pl = yLog && lo <= 0 ? box.Bottom : my.Map(lo);
                    Segment(c, new Pt(px, pl));
                    if (s.CapSize > 0 && double.IsFinite(pl) && pl < box.Bottom) Segment(new Pt(px - s.CapSize, pl), new Pt(px + s.CapSize, pl));
                }
                if (!double.IsNaN(hi))
                {
                    var ph = my.Map(hi);
                    Segment(c, new Pt(px, ph));
                    if (s.CapSize > 0 && double.IsFinite(ph)) Segment(new Pt(px - s.CapSize, ph), new Pt(px + s.CapSize, ph));
                }
                var left = s.Left(k);
                var right = s.Right(k);
                if (!double.IsNaN(left)) Segment(c, new Pt(xLog && left <= 0 ? box.Left : mx.Map(left), py));
                if (!double.IsNaN(right)) Segment(c, new Pt(mx.Map(right), py));
            }
            if (bars.Length > 0)
            {
                _sb.Append("<path class=\"error-bars\"").Attr("d", bars.ToString()).Append(" fill=\"none\"")
                    .Attr("stroke", color).Attr("stroke-width", s.ErrorBarWidth).Append("/>\n");
            }
            if (s.Marker != MarkerShape.None)
                Markers(centres.Where(box.Contains), s.Marker, s.MarkerSize, color, s.MarkerFilled);
        }

        private void Markers(IEnumerable<Pt> points, MarkerShape shape, double size, string color, bool filled)
        {
            var list = points.ToList();
            if (list.Count == 0 || size <= 0) return;
            var stroked = shape is MarkerShape.Cross or MarkerShape.Plus;
            _sb.Append("<g class=\"markers\"").Attr("fill", stroked ? "none" : filled ? color : "#ffffff").Attr("stroke", color)
                .Attr("stroke-width", stroked ? 1.5 : 1).Append(">\n");
            foreach (var q in list)
            {
                Marker(q, shape, size);
                _sb.Append('\n');
            }
            _sb.Append("</g>\n");
        }

        private void Marker(Pt q, MarkerShape shape, double size)
        {
            var r = size / 2;
            var x = q.X;
            var y = q.Y;
            string Path(params (double X, double Y)[] v)
            {
                var d = new StringBuilder();
                for (var k = 0; k < v.Length; k++) d.Append(k == 0 ? 'M' : 'L').AppendNum(v[k].X).Append(',').AppendNum(v[k].Y);
                return d.Append('Z').ToString();
            }
            switch (shape)
            {
                case MarkerShape.Circle:
                    _sb.Append("<circle").Attr("cx", x).Attr("cy", y).Attr("r", r).Append("/>");
                    break;
                case MarkerShape.Square:
                    _sb.Append("<rect").Attr("x", x - r * 0.9).Attr("y", y - r * 0.9).Attr("width", 1.8 * r).Attr("height", 1.8 * r).Append("/>");
                    break;
                case MarkerShape.Diamond:
                    _sb.Append("<path").Attr("d", Path((x, y - 1.2 * r), (x + r, y), (x, y + 1.2 * r), (x - r, y))).Append("/>");
                    break;
                case MarkerShape.TriangleUp:
                    _sb.Append("<path").Attr("d", Path((x, y - 1.15 * r), (x + r, y + 0.6 * r), (x - r, y + 0.6 * r))).Append("/>");
                    break;
                case MarkerShape.TriangleDown:
                    _sb.Append("<path").Attr("d", Path((x, y + 1.15 * r), (x + r, y - 0.6 * r), (x - r, y - 0.6 * r))).Append("/>");
                    break;
                case MarkerShape.Cross:
                    _sb.Append("<path").Attr("d",
                        $"M{Svg.Num(x - r)},{Svg.Num(y - r)}L{Svg.Num(x + r)},{Svg.Num(y + r)}M{Svg.Num(x - r)},{Svg.Num(y + r)}L{Svg.Num(x + r)},{Svg.Num(y - r)}").Append("/>");
                    break;
                case MarkerShape.Plus:
                    _sb.Append("<path").Attr("d",
                        $"M{Svg.Num(x - r)},{Svg.Num(y)}H{Svg.Num(x + r)}M{Svg.Num(x)},{Svg.Num(y - r)}V{Svg.Num(y + r)}").Append("/>");
                    break;
            }
        }

        // ------------------------------------------------------------------ legend

        private void DrawLegend(Plan p)
        {
            var entries = LegendEntries(p);
            if (p.Panel.Legend == LegendPosition.None || entries.Count == 0) return;
            var (w, h) = LegendSize(p.Panel);
            var plot = p.Plot;
            var inset = 0.5 * _fs;
            var (lx, ly) = p.Panel.Legend switch
            {
                LegendPosition.UpperLeft => (plot.Left + inset, plot.Top + inset),
                LegendPosition.LowerLeft => (plot.Left + inset, plot.Bottom - inset - h),
                LegendPosition.LowerRight => (plot.Right - inset - w, plot.Bottom - inset - h),
                LegendPosition.UpperCenter => ((plot.Left + plot.Right - w) / 2, plot.Top + inset),
                LegendPosition.LowerCenter => ((plot.Left + plot.Right - w) / 2, plot.Bottom - inset - h),
                LegendPosition.OutsideRight => (plot.Right + 0.8 * _fs, plot.Top),
                _ => (plot.Right - inset - w, plot.Top + inset),
            };
            // Inside stacked panels titled inside, keep clear of the title row.
            if (p.Title == TitleMode.Inside && p.Panel.Legend is LegendPosition.UpperLeft) ly += 1.6 * _fs;
            var pad = 0.5 * _fs;
            var row = 1.35 * _fs;
            var sw = 2.4 * _fs;
            _sb.Append("<g class=\"legend\">\n");
            _sb.Append("<rect class=\"legend-box\"").Attr("x", lx).Attr("y", ly).Attr("width", w).Attr("height", h)
                .Append(" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"#999999\" stroke-width=\"0.8\"/>\n");
            for (var k = 0; k < entries.Count; k++)
            {
                var e = entries[k];
                var cy = ly + pad + row * (k + 0.5);
                var x0 = lx + pad;
                var x1 = x0 + sw;
                Swatch(e.Series, e.Color, x0, x1, cy);
                Text(x1 + 0.5 * _fs, cy + 0.35 * _fs, e.Series.Label, "legend-label", TextAnchor.Start, _fs);
            }
            _sb.Append("</g>\n");
        }

        private void Swatch(Series s, string color, double x0, double x1, double cy)
        {
            var xm = (x0 + x1) / 2;
            switch (s)
            {
                case LineSeries l:
                    if (l.Width > 0)
                    {
                        _sb.Append("<path class=\"swatch\"").Attr("d", $"M{Svg.Num(x0)},{Svg.Num(cy)}H{Svg.Num(x1)}").Append(" fill=\"none\"")
                            .Attr("stroke", color).Attr("stroke-width", l.Width);
                        Dash(l.Dash);
                        _sb.Append("/>\n");
                    }
                    if (l.Marker != MarkerShape.None) Markers([new Pt(xm, cy)], l.Marker, l.MarkerSize, color, true);
                    break;
                case BandSeries b:
                    var bh = 0.8 * _fs;
                    _sb.Append("<rect class=\"swatch\"").Attr("x", x0).Attr("y", cy - bh / 2).Attr("width", x1 - x0).Attr("height", bh)
                        .Attr("fill", color).Append(" fill-opacity=\"").Append(Svg.Opacity(b.FillOpacity)).Append('"');
                    if (b.EdgeWidth > 0)
                    {
                        _sb.Attr("stroke", color).Attr("stroke-width", b.EdgeWidth);
                        Dash(b.EdgeDash);
                    }
                    else
                    {
                        _sb.Append(" stroke=\"none\"");
                    }
                    _sb.Append("/>\n");
                    break;
                case PointSeries pt:
                    if (pt.YErrorMinus is not null || pt.YErrorPlus is not null)
                    {
                        _sb.Append("<path class=\"swatch\"").Attr("d", $"M{Svg.Num(xm)},{Svg.Num(cy - 0.55 * _fs)}V{Svg.Num(cy + 0.55 * _fs)}")
                            .Attr("stroke", color).Attr("stroke-width", pt.ErrorBarWidth).Append("/>\n");
                    }
                    if (pt.XHalfWidth is not null)
                    {
                        _sb.Append("<path class=\"swatch\"").Attr("d", $"M{Svg.Num(x0 + 0.3 * _fs)},{Svg.Num(cy)}H{Svg.Num(x1 - 0.3 * _fs)}")
                            .Attr("stroke", color).Attr("stroke-width", pt.ErrorBarWidth).Append("/>\n");
                    }
                    if (pt.Marker != MarkerShape.None) Markers([new Pt(xm, cy)], pt.Marker, pt.MarkerSize, color, pt.MarkerFilled);
                    break;
                case StepSeries st:
                    var top = cy - 0.35 * _fs;
                    var bottom = cy + 0.45 * _fs;
                    if (st.Filled)
                    {
                        _sb.Append("<path class=\"swatch\"").Attr("d",
                                $"M{Svg.Num(x0)},{Svg.Num(bottom)}V{Svg.Num(cy)}H{Svg.Num(xm)}V{Svg.Num(top)}H{Svg.Num(x1)}V{Svg.Num(bottom)}Z")
                            .Attr("fill", color).Append(" fill-opacity=\"").Append(Svg.Opacity(st.FillOpacity)).Append("\" stroke=\"none\"/>\n");
                    }
                    if (st.Width > 0)
                    {
                        _sb.Append("<path class=\"swatch\"").Attr("d", $"M{Svg.Num(x0)},{Svg.Num(cy)}H{Svg.Num(xm)}V{Svg.Num(top)}H{Svg.Num(x1)}")
                            .Append(" fill=\"none\"").Attr("stroke", color).Attr("stroke-width", st.Width);
                        Dash(st.Dash);
                        _sb.Append("/>\n");
                    }
                    break;
            }
        }

        // ------------------------------------------------------------------ primitives

        private void Dash(DashPattern dash)
        {
            if (dash.IsSolid) return;
            _sb.Append(" stroke-dasharray=\"").Append(string.Join(",", dash.Lengths.Select(Svg.Num))).Append('"');
        }

        private static string PathData(List<List<Pt>> pieces, bool close)
        {
            var d = new StringBuilder();
            foreach (var piece in pieces)
            {
                string? last = null;
                for (var k = 0; k < piece.Count; k++)
                {
                    var xy = Svg.Num(piece[k].X) + "," + Svg.Num(piece[k].Y);
                    if (k > 0 && xy == last) continue; // same pixel as the previous point: skip
                    d.Append(k == 0 ? "M" : k == 1 ? "L" : " ").Append(xy);
                    last = xy;
                }
                if (close) d.Append('Z');
            }
            return d.ToString();
        }

        private static void AppendPolygon(StringBuilder d, List<Pt> polygon)
        {
            for (var k = 0; k < polygon.Count; k++)
                d.Append(k == 0 ? "M" : k == 1 ? "L" : " ").AppendNum(polygon[k].X).Append(',').AppendNum(polygon[k].Y);
            d.Append('Z');
        }

        private void Text(double x, double y, string markup, string cls, TextAnchor anchor, double fontSize,
            double rotation = 0, string? fill = null, double? value = null)
        {
            _sb.Append("<text").Attr("class", cls).Attr("x", x).Attr("y", y);
            if (anchor != TextAnchor.Start) _sb.Attr("text-anchor", anchor == TextAnchor.Middle ? "middle" : "end");
            if (Math.Abs(fontSize - _fs) > 1e-9) _sb.Attr("font-size", fontSize);
            if (fill is not null && fill != Palette.Black) _sb.Attr("fill", fill);
            if (rotation != 0) _sb.Attr("transform", $"rotate({Svg.Num(-rotation)} {Svg.Num(x)} {Svg.Num(y)})");
            if (value is { } v) _sb.Attr("nudm:value", v.ToString("R", CultureInfo.InvariantCulture));
            _sb.Append('>');
            TextMarkup.WriteSvg(_sb, markup);
            _sb.Append("</text>\n");
        }
    }
}
