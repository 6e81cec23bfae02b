using System.Globalization;
using System.Xml.Linq;
using NuDM.App.Figures;
using NUnit.Framework;
using static NuDM.App.Tests.Figures.SvgTestHelpers;

namespace NuDM.App.Tests.Figures;

public class SvgRendererTests
{
    [Test]
    public void OutputIsStandaloneSvg11()
    {
        var svg = SvgRenderer.Render(One(new LineSeries([1, 2, 3], [3, 1, 2], "a")));
        var d = XDocument.Parse(svg);
        Assert.Multiple(() =>
        {
            Assert.That(d.Root!.Name, Is.EqualTo(S + "svg"));
            Assert.That((string?)d.Root.Attribute("version"), Is.EqualTo("1.1"));
            Assert.That((string?)d.Root.Attribute("width"), Is.EqualTo("640"));
            Assert.That((string?)d.Root.Attribute("viewBox"), Is.EqualTo("0 0 640 480"));
            Assert.That(d.Root.Element(S + "defs")!.Elements(S + "clipPath"), Has.Exactly(1).Items);
            Assert.That(svg, Does.StartWith("<?xml version=\"1.0\" encoding=\"UTF-8\""));
        });
    }

    [Test]
    public void TextIsXmlEscapedAndSurvivesParsing()
    {
        const string nasty = "a<b & \"c\" 'd' > e\u0001";
        var f = Figure.Single(new Panel
        {
            Title = nasty,
            X = Axis.Linear(nasty),
            Series = [new LineSeries([1, 2], [1, 2], nasty)],
            Annotations = [new Annotation(1.5, 1.5, nasty)],
        }, nasty);
        var d = Parse(f);
        var expected = "a<b & \"c\" 'd' > e\uFFFD";
        Assert.That(d.WithClass("legend-label").Single().Value, Is.EqualTo(expected));
        Assert.That(d.WithClass("annotation").Single().Value, Is.EqualTo(expected));
        Assert.That(d.WithClass("figure-title").Single().Value, Is.EqualTo(expected));
        Assert.That((string?)d.SeriesGroup(0).Attribute(Meta + "label"), Is.EqualTo(expected));
    }

    [Test]
    public void FixedLimitsMapDataCornersExactlyOntoThePlotArea()
    {
        var d = Parse(One(Axis.Linear("x", 0, 10), Axis.Linear("y", -1, 1), new LineSeries([0, 10], [-1, 1])));
        var (left, top, right, bottom) = d.PlotArea();
        var path = Subpaths((string)d.SeriesGroup(0).Element(S + "path")!.Attribute("d")!);
        Assert.That(path, Has.Count.EqualTo(1));
        Assert.That(path[0], Is.EqualTo(new[] { (left, bottom), (right, top) }));
    }

    [Test]
    public void LogAxisPutsTheMiddleDecadeHalfway()
    {
        var d = Parse(One(Axis.Log("x", 1, 100), Axis.Log("y", 1, 100), new LineSeries([1, 10, 100], [1, 10, 100])));
        var (left, top, right, bottom) = d.PlotArea();
        var pts = Subpaths((string)d.SeriesGroup(0).Element(S + "path")!.Attribute("d")!).Single();
        Assert.That(pts[1].X, Is.EqualTo((left + right) / 2).Within(0.01));
        Assert.That(pts[1].Y, Is.EqualTo((top + bottom) / 2).Within(0.01));
    }

    [Test]
    public void NaNAndInfinityBreakALineIntoSegments()
    {
        var f = One(new LineSeries([1, 2, 3, 4, 5, 6, 7], [1, 2, double.NaN, 4, 5, double.PositiveInfinity, 7]));
        var svg = SvgRenderer.Render(f);
        var d = XDocument.Parse(svg);
        var pieces = Subpaths((string)d.SeriesGroup(0).Element(S + "path")!.Attribute("d")!);
        Assert.That(pieces.Select(p => p.Count), Is.EqualTo(new[] { 2, 2 }), "the lone point 7 has no neighbour to join");
        Assert.That(svg, Does.Not.Contain("NaN").And.Not.Contain("Infinity").And.Not.Contain("∞"));
    }

    [Test]
    public void NonPositiveValuesOnALogAxisBreakTheLine()
    {
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8];
        double[] y = [1, 2, -1, 4, 5, 0, 7, 8];
        var svg = SvgRenderer.Render(One(Axis.Linear(), Axis.Log(), new LineSeries(x, y)));
        var pieces = Subpaths((string)XDocument.Parse(svg).SeriesGroup(0).Element(S + "path")!.Attribute("d")!);
        Assert.That(pieces, Has.Count.EqualTo(3));
        Assert.That(pieces, Has.All.Count.EqualTo(2));
        Assert.That(svg, Does.Not.Contain("NaN").And.Not.Contain("Infinity"));
        // Same data on a log x axis with a non-positive x.
        var svg2 = SvgRenderer.Render(One(Axis.Log(), Axis.Linear(), new LineSeries([0, 1, 2, -3, 4, 5], [1, 2, 3, 4, 5, 6])));
        var pieces2 = Subpaths((string)XDocument.Parse(svg2).SeriesGroup(0).Element(S + "path")!.Attribute("d")!);
        Assert.That(pieces2, Has.Count.EqualTo(2));
    }

    [Test]
    public void DegenerateDataNeverThrowsNorWritesNaN()
    {
        Series[] all =
        [
            new LineSeries([double.NaN, double.NaN], [1, 2], "all missing"),
            new LineSeries([], [], "empty"),
            new LineSeries([1], [1], "single") { Marker = MarkerShape.Square },
            new BandSeries([1, 2], [double.NaN, 1], [2, double.NaN], "broken band"),
            new PointSeries([1, double.NaN], [double.NaN, 2], [1, 1], [1, 1], label: "missing points"),
            new StepSeries([0, 1, 2], [double.NaN, double.NegativeInfinity], "empty step") { Filled = true },
        ];
        foreach (var scale in new[] { ScaleKind.Linear, ScaleKind.Log10 })
        {
            var svg = SvgRenderer.Render(One(new Axis { Scale = scale }, new Axis { Scale = scale }, all));
            Assert.That(() => XDocument.Parse(svg), Throws.Nothing);
            Assert.That(svg, Does.Not.Contain("NaN").And.Not.Contain("Infinity"));
        }
        Assert.That(() => SvgRenderer.Render(Figure.Single(new Panel())), Throws.Nothing, "a panel without series");
    }

    [Test]
    public void RandomExtremeDataNeverThrowsNorWritesNaN()
    {
        double[] specials = [0, -0.0, 1, -1, 5e-324, -5e-324, 1e-300, 1e300, -1e300, double.MaxValue, double.MinValue, double.NaN,
            double.PositiveInfinity, double.NegativeInfinity, 1 + 1e-16, 0.1];
        var rng = new Random(12345);
        double Next() => rng.Next(3) == 0 ? specials[rng.Next(specials.Length)] : (rng.NextDouble() - 0.3) * Math.Pow(10, rng.Next(-20, 20));
        for (var trial = 0; trial < 200; trial++)
        {
            var n = rng.Next(0, 6);
            double[] Arr() => Enumerable.Range(0, n).Select(_ => Next()).ToArray();
            var edges = Enumerable.Range(0, n + 1).Select(i => (double)i * (1 + trial)).ToArray();
            var series = new Series[]
            {
                new LineSeries(Arr(), Arr(), "l") { Marker = MarkerShape.Diamond },
                new BandSeries(Arr(), Arr(), Arr(), "b") { EdgeWidth = 1 },
                new PointSeries(Arr(), Arr(), Arr().Select(Math.Abs).Select(v => double.IsInfinity(v) ? 1 : v), xHalfWidth: Arr().Select(v => double.IsFinite(v) ? Math.Abs(v) : 0), label: "p") { CapSize = 2 },
                new StepSeries(edges, Arr(), "s") { Filled = true },
            };
            var x = new Axis { Scale = rng.Next(2) == 0 ? ScaleKind.Linear : ScaleKind.Log10, AutoLimits = (AutoLimits)rng.Next(3) };
            var y = new Axis { Scale = rng.Next(2) == 0 ? ScaleKind.Linear : ScaleKind.Log10, AutoLimits = (AutoLimits)rng.Next(3), IncludeZero = rng.Next(2) == 0 };
            string svg = "";
            Assert.That(() => svg = SvgRenderer.Render(One(x, y, series)), Throws.Nothing, $"trial {trial}");
            Assert.That(svg, Does.Not.Contain("NaN").And.Not.Contain("Infinity"), $"trial {trial}");
            var geometry = XDocument.Parse(svg).Descendants().Attributes()
                .Where(a => a.Name.Namespace == XNamespace.None && a.Name.LocalName is "d" or "x" or "y" or "width" or "height" or "cx" or "cy" or "r");
            Assert.That(geometry.Select(a => a.Value), Is.All.Match(@"^[-0-9.,MLHVZvh ]*$"), $"trial {trial}: plain decimals only");
        }
    }

    [Test]
    public void FarOutsidePointsAreClippedGeometrically()
    {
        var d = Parse(One(Axis.Linear("", 0, 1), Axis.Linear("", 0, 1), new LineSeries([0, 0.5, 1], [0.5, 1e300, 0.5])));
        var (left, top, right, bottom) = d.PlotArea();
        var pieces = Subpaths((string)d.SeriesGroup(0).Element(S + "path")!.Attribute("d")!);
        Assert.That(pieces, Has.Count.EqualTo(2), "the line leaves the area and comes back");
        foreach (var (x, y) in pieces.SelectMany(p => p))
        {
            Assert.That(x, Is.InRange(left - 20, right + 20));
            Assert.That(y, Is.InRange(top - 20, bottom + 20));
        }
        Assert.That((string?)d.WithClass("data").Single().Attribute("clip-path"), Is.EqualTo("url(#nudm-clip-0)"));
    }

    [Test]
    public void BandPolygonRunsAlongTheLowEdgeAndBackAlongTheHighEdge()
    {
        double[] x = [1, 2, 3, 4, 5];
        double[] lo = [1, 2, 1, 2, 1];
        double[] hi = [3, 4, 3, 4, 3];
        var d = Parse(One(Axis.Linear("", 0, 6), Axis.Linear("", 0, 5), new BandSeries(x, lo, hi, "band") { EdgeWidth = 1 }));
        var mx = new AxisMapping(ScaleKind.Linear, 0, 6, d.PlotArea().Left, d.PlotArea().Right);
        var my = new AxisMapping(ScaleKind.Linear, 0, 5, d.PlotArea().Bottom, d.PlotArea().Top);
        var fill = (string)d.SeriesGroup(0).WithClass("band-fill").Single().Attribute("d")!;
        Assert.That(fill, Does.StartWith("M").And.EndWith("Z"));
        var poly = Subpaths(fill).Single();
        var expected = x.Select((v, i) => (mx.Map(v), my.Map(lo[i])))
            .Concat(x.Select((v, i) => (mx.Map(v), my.Map(hi[i]))).Reverse())
            .Select(p => (Math.Round(p.Item1, 2), Math.Round(p.Item2, 2))).ToList();
        Assert.That(poly, Is.EqualTo(expected));
        Assert.That(Subpaths((string)d.SeriesGroup(0).WithClass("band-edge").Single().Attribute("d")!), Has.Count.EqualTo(2), "low and high edges");
    }

    [Test]
    public void BandWithAGapBecomesTwoClosedPolygonsAndInfiniteSidesReachTheEdges()
    {
        var d = Parse(One(Axis.Linear("", 0, 6), Axis.Log("", 1, 100),
            new BandSeries([1, 2, 3, 4, 5], [0, 2, double.NaN, 2, double.NegativeInfinity], [10, double.PositiveInfinity, 10, 10, 10])));
        var fill = (string)d.SeriesGroup(0).WithClass("band-fill").Single().Attribute("d")!;
        Assert.That(fill.Count(c => c == 'M'), Is.EqualTo(2));
        Assert.That(fill.Count(c => c == 'Z'), Is.EqualTo(2));
        var (_, top, _, bottom) = d.PlotArea();
        var ys = Subpaths(fill).SelectMany(p => p).Select(p => p.Y).ToList();
        Assert.That(ys.Min(), Is.LessThan(top), "+∞ reaches beyond the top edge (then clipped by the clip path)");
        Assert.That(ys.Max(), Is.GreaterThan(bottom), "0 on a log axis and −∞ reach beyond the bottom edge");
    }

    [Test]
    public void LegendListsEveryLabelledSeriesInOrderWithSwatches()
    {
        var f = Figure.Single(new Panel
        {
            Series =
            [
                new LineSeries([1, 2], [1, 2], "line m_{χ}") { Marker = MarkerShape.Circle },
                new LineSeries([1, 2], [2, 1]),
                new BandSeries([1, 2], [0, 0], [1, 1], "band"),
                new PointSeries([1, 2], [1, 1], [0.1, 0.1], label: "points"),
                new StepSeries([0, 1, 2], [1, 2], "step") { Filled = true },
            ],
            Legend = LegendPosition.LowerLeft,
        });
        var d = Parse(f);
        var legend = d.WithClass("legend").Single();
        Assert.That(legend.WithClass("legend-label").Select(t => t.Value), Is.EqualTo(new[] { "line mχ", "band", "points", "step" }));
        Assert.That(legend.WithClass("swatch").Count(), Is.GreaterThanOrEqualTo(4));
        Assert.That(legend.Descendants(S + "circle").Count(), Is.EqualTo(2), "line marker and point marker");
        Assert.That(Parse(f with { }).WithClass("legend").Count(), Is.EqualTo(1));
        var none = Figure.Single(f.Panels[0] with { Legend = LegendPosition.None });
        Assert.That(Parse(none).WithClass("legend"), Is.Empty);
    }

    [Test]
    public void SeriesWithoutColourTakeTheColourBlindCycleInOrder()
    {
        var d = Parse(One(new LineSeries([1, 2], [1, 2]), new LineSeries([1, 2], [2, 1]) { Color = "#123456" }, new LineSeries([1, 2], [1, 1])));
        var strokes = Enumerable.Range(0, 3).Select(i => (string?)d.SeriesGroup(i).Element(S + "path")!.Attribute("stroke")).ToArray();
        Assert.That(strokes, Is.EqualTo(new[] { Palette.Cycle[0], "#123456", Palette.Cycle[1] }));
    }

    [Test]
    public void LabelMarkupBecomesTspans()
    {
        var d = Parse(One(Axis.Linear("σ_{NC} [cm^{2}]"), Axis.Linear("m_{χ}"), new LineSeries([1, 2], [1, 2])));
        var label = d.WithClass("axis-label").First();
        Assert.That(label.Value, Is.EqualTo("σNC [cm2]"));
        var spans = label.Elements(S + "tspan").ToList();
        Assert.That(spans.Select(s => ((string?)s.Attribute("baseline-shift"), s.Value)), Is.EqualTo(new[] { ("sub", "NC"), ("super", "2") }));
    }

    [Test]
    public void RenderingIsDeterministicAndCultureIndependent()
    {
        foreach (var (_, figure) in ExampleFigures.All())
        {
            var first = SvgRenderer.Render(figure);
            var old = CultureInfo.CurrentCulture;
            try
            {
                var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
                comma.NumberFormat.NumberDecimalSeparator = ",";
                comma.NumberFormat.NegativeSign = "~";
                CultureInfo.CurrentCulture = comma;
                var second = SvgRenderer.Render(figure);
                Assert.That(second, Is.EqualTo(first));
                Assert.That(FigureWriter.DataCsv(figure), Does.Not.Contain("~"));
            }
            finally
            {
                CultureInfo.CurrentCulture = old;
            }
        }
    }

    [Test]
    public void PointsDrawAsymmetricErrorBarsAndRunToTheBottomOnLogAxes()
    {
        var d = Parse(One(Axis.Linear("", 0, 4), Axis.Log("", 0.1, 100),
            new PointSeries([1, 2, 3], [1, 10, 5], yErrorMinus: [0.5, 20, double.NaN], yErrorPlus: [1, 10, 1])));
        var (_, _, _, bottom) = d.PlotArea();
        var bars = Subpaths((string)d.SeriesGroup(0).WithClass("error-bars").Single().Attribute("d")!);
        // Point 1: down and up; point 2: down (to below the axis, since 10 − 20 < 0) and up; point 3: up only.
        Assert.That(bars, Has.Count.EqualTo(5));
        Assert.That(bars[2][1].Y, Is.GreaterThan(bottom));
        Assert.That(d.SeriesGroup(0).Descendants(S + "circle").Count(), Is.EqualTo(3));
    }

    [Test]
    public void StackedPanelsAlignAndGridPanelsTile()
    {
        Panel P(string t) => new() { Title = t, X = Axis.Linear("x"), Y = Axis.Linear("y"), Series = [new LineSeries([0, 1], [0, 1])] };
        var stack = Parse(Figure.Stack([P("top"), P("mid"), P("bottom")], [1, 1, 2]));
        var a = Enumerable.Range(0, 3).Select(i => stack.PlotArea(i)).ToArray();
        Assert.That(a.Select(r => (r.Left, r.Right)).Distinct().Count(), Is.EqualTo(1));
        Assert.That(a[1].Top, Is.EqualTo(a[0].Bottom));
        Assert.That(a[2].Top, Is.EqualTo(a[1].Bottom));
        var grid = Parse(Figure.Grid(2, 3, Enumerable.Range(0, 5).Select(i => P($"p{i}"))) with { Width = 900 });
        var g = Enumerable.Range(0, 5).Select(i => grid.PlotArea(i)).ToArray();
        Assert.That(g[1].Left, Is.GreaterThan(g[0].Right));
        Assert.That(g[2].Left, Is.GreaterThan(g[1].Right));
        Assert.That(g[3].Top, Is.GreaterThan(g[0].Bottom));
        Assert.That(g.Max(r => r.Right), Is.LessThanOrEqualTo(900));
    }

    [Test]
    public void ReferenceLinesAnnotationsAndGridAreDrawn()
    {
        var d = Parse(Figure.Single(new Panel
        {
            X = Axis.Log("", 1, 1000),
            Y = Axis.Linear("", 0, 2),
            Series = [new LineSeries([1, 1000], [1, 1])],
            ReferenceLines = [new ReferenceLine(Orientation.Horizontal, 1) { Label = "SM" }, new ReferenceLine(Orientation.Vertical, 10)],
            Annotations = [new Annotation(100, 1.5, "here") { Rotation = 30, Anchor = TextAnchor.Middle }],
            Grid = true,
        }));
        Assert.That(d.WithClass("reference-line").Count(), Is.EqualTo(2));
        Assert.That(d.WithClass("reference-label").Single().Value, Is.EqualTo("SM"));
        var ann = d.WithClass("annotation").Single();
        Assert.That((string?)ann.Attribute("transform"), Does.StartWith("rotate(-30 "));
        Assert.That((string?)ann.Attribute("text-anchor"), Is.EqualTo("middle"));
        Assert.That(d.WithClass("grid"), Has.Exactly(1).Items);
    }
}
