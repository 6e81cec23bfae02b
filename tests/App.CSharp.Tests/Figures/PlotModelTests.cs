using NuDM.App.Figures;
using NUnit.Framework;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using OxyLineSeries = OxyPlot.Series.LineSeries;
using OxyAxis = OxyPlot.Axes.Axis;
using Axis = NuDM.App.Figures.Axis;
using LegendPosition = OxyPlot.Legends.LegendPosition;

namespace NuDM.App.Tests.Figures;

/// <summary>What the figures contain, read from the OxyPlot models the adapter builds (axes, ranges, titles, series,
/// points, legends) after rendering them, not from the text of a file.</summary>
public class PlotModelTests
{
    /// <summary>Builds the models and renders them once (PNG), so that their plot areas and tick values are known.</summary>
    private static IReadOnlyList<PlotModels.Placed> Rendered(Figure f)
    {
        var placed = PlotModels.Arrange(f);
        FigureExport.Png(f, placed);
        return placed;
    }

    private static OxyAxis Bottom(PlotModel m) => m.Axes.Single(a => a.Position == AxisPosition.Bottom);

    private static OxyAxis Left(PlotModel m) => m.Axes.Single(a => a.Position == AxisPosition.Left);

    private static List<string> Labels(OxyAxis a)
    {
        a.GetTickValues(out var labels, out _, out _);
        return labels.Select(a.FormatValue).ToList();
    }

    private static List<string?> LegendEntries(PlotModel m) =>
        m.Series.Where(s => s.RenderInLegend && !string.IsNullOrEmpty(s.Title)).Select(s => (string?)s.Title).ToList();

    [Test]
    public void AStackSharesItsXAxisAndAlignsThePanels()
    {
        var placed = Rendered(ExampleFigures.StackedRatioSpectrum());
        Assert.That(placed, Has.Count.EqualTo(2));
        var (top, bottom) = (placed[0].Model, placed[1].Model);
        Assert.Multiple(() =>
        {
            Assert.That(bottom.PlotArea.Left, Is.EqualTo(top.PlotArea.Left).Within(0.01), "same left edge");
            Assert.That(bottom.PlotArea.Right, Is.EqualTo(top.PlotArea.Right).Within(0.01), "same right edge");
            Assert.That(bottom.PlotArea.Top, Is.EqualTo(top.PlotArea.Bottom).Within(0.01), "the panels meet");
            Assert.That(bottom.PlotArea.Height / top.PlotArea.Height, Is.EqualTo(2).Within(0.01), "relative heights 1:2");
            Assert.That((Bottom(top).ActualMinimum, Bottom(top).ActualMaximum), Is.EqualTo((0.0, 50.0)), "edges 0…48 keV, rounded to 50");
            Assert.That((Bottom(bottom).ActualMinimum, Bottom(bottom).ActualMaximum), Is.EqualTo((0.0, 50.0)));
            Assert.That(Bottom(bottom).Title, Is.EqualTo("T [keV]"));
            Assert.That(Bottom(top).Title, Is.Empty.Or.Null, "only the bottom panel names the x axis");
            Assert.That(Labels(Bottom(top)), Is.All.Empty, "and only it labels the x ticks");
            Assert.That(Labels(Bottom(bottom)), Is.EqualTo(new[] { "0", "10", "20", "30", "40", "50" }).Or.EqualTo(new[] { "0", "5", "10", "15", "20", "25", "30", "35", "40", "45", "50" }));
            Assert.That(Labels(Left(top)), Does.Contain("1.00").Or.Contain("1.0"), "decimals from the tick step");
            Assert.That(Left(bottom).ActualMinimum, Is.EqualTo(0), "IncludeZero");
            Assert.That(Left(bottom).FormatValue(Left(bottom).ActualMaximum), Is.Empty, "the lower panel leaves its top label to the panel above");
            Assert.That(Left(top).FormatValue(Left(top).ActualMaximum), Is.Not.Empty);
            Assert.That(top.Series.OfType<OxyLineSeries>().Select(s => s.StrokeThickness), Is.EqualTo(new[] { 1.0, 2.0, 3.0 }), "three ratio histograms, widths as given");
            Assert.That(LegendEntries(top), Is.EqualTo(new[] { "g_{μ} = 0.05", "g_{μ} = 0.12", "g_{μ} = 0.25" }));
            Assert.That(top.Annotations.OfType<OxyPlot.Annotations.LineAnnotation>().Single().Y, Is.EqualTo(1.0), "reference line at 1");
        });
        // A step histogram of 24 bins is drawn as 48 points, each bin's two edges at its height.
        var step = top.Series.OfType<OxyLineSeries>().First();
        Assert.That(step.Points, Has.Count.EqualTo(48));
        Assert.That(step.Points[0].X, Is.EqualTo(0));
        Assert.That(step.Points[1].X, Is.EqualTo(2));
        Assert.That(step.Points[1].Y, Is.EqualTo(step.Points[0].Y));
        var filled = bottom.Series.OfType<AreaSeries>().Single();
        Assert.That(filled.Title, Is.EqualTo("SM"));
        Assert.That(filled.Points2.Select(p => p.Y), Is.All.EqualTo(0), "filled down to zero");
    }

    [Test]
    public void AGridOfLogLogPanelsHasDecadeTicksBandsAndOneLegend()
    {
        var placed = Rendered(ExampleFigures.ExclusionGrid());
        Assert.That(placed, Has.Count.EqualTo(4));
        Assert.That(placed[1].Rect.Left, Is.GreaterThan(placed[0].Rect.Right - 1), "panel 1 right of panel 0");
        Assert.That(placed[2].Rect.Top, Is.GreaterThan(placed[0].Rect.Bottom - 1), "panel 2 below panel 0");
        foreach (var (m, i) in placed.Select((p, i) => (p.Model, i)))
        {
            Assert.That(Bottom(m), Is.InstanceOf<LogarithmicAxis>());
            Assert.That((Bottom(m).ActualMinimum, Bottom(m).ActualMaximum), Is.EqualTo((0.1, 1000.0)));
            Assert.That((Left(m).ActualMinimum, Left(m).ActualMaximum), Is.EqualTo((1e-6, 1e-2)));
            Assert.That(Left(m).Title, Is.EqualTo("ȳ"));
            Assert.That(Bottom(m).Title, Is.EqualTo("m_{S} [MeV]"));
            Assert.That(m.Title, Is.EqualTo(new[] { "Xenon", "Argon", "Germanium", "Combined" }[i]));
            Assert.That(Labels(Left(m)), Is.EqualTo(new[] { "10^{−6}", "10^{−5}", "10^{−4}", "10^{−3}", "10^{−2}" }));
            Left(m).GetTickValues(out _, out _, out var minor);
            Assert.That(minor, Has.Member(2e-6).Or.Member(2.0000000000000003e-6), "log minor ticks at 2…9 × 10ⁿ");
            var band = m.Series.OfType<AreaSeries>().Single();
            Assert.That(band.Points.Select(p => p.Y), Is.All.EqualTo(1e-2), "+∞ reaches the top of the plot");
            Assert.That(band.Points2, Has.Count.EqualTo(81));
            Assert.That(m.Legends.Count, Is.EqualTo(i == 0 ? 1 : 0), "a legend only where asked");
        }
        var first = placed[0].Model;
        Assert.That(first.Legends.Single().LegendPosition, Is.EqualTo(LegendPosition.BottomRight));
        Assert.That(LegendEntries(first), Is.EqualTo(new[] { "excluded (90% CL)", "future", "thermal target" }));
        // The dashed line has a gap above 300 MeV (NaN), the dotted one is drawn dotted.
        var future = first.Series.OfType<OxyLineSeries>().Single(s => s.Title == "future");
        Assert.That(future.Points.Count(p => !p.IsDefined()), Is.GreaterThan(0));
        Assert.That(first.Series.OfType<OxyLineSeries>().Single(s => s.Title == "thermal target").Dashes, Is.EqualTo(new[] { 0.75, 1.25 }));
    }

    [Test]
    public void DataPointsGetErrorBarsAndMarkersOverAFilledHistogram()
    {
        var figure = ExampleFigures.DataOverHistogram();
        var m = Rendered(figure).Single().Model;
        var data = (PointSeries)figure.Panels[0].Series[1];
        var marks = m.Series.OfType<ScatterSeries>().Single();
        Assert.That(marks.Title, Is.EqualTo("data"));
        Assert.That(marks.Points.Select(p => (p.X, p.Y)), Is.EqualTo(data.X.Zip(data.Y)));
        var bars = m.Series.OfType<OxyLineSeries>().Single(s => !s.RenderInLegend);
        // Per point: a vertical bar from y − minus to y + plus, then a break.
        Assert.That(bars.Points.Where(p => p.IsDefined()).Count(), Is.EqualTo(2 * data.Count));
        Assert.That(bars.Points[0], Is.EqualTo(new DataPoint(data.X[0], data.Y[0] - data.YErrorMinus!.Value[0])));
        Assert.That(bars.Points[1], Is.EqualTo(new DataPoint(data.X[0], data.Y[0] + data.YErrorPlus!.Value[0])));
        Assert.That(bars.Points[2].IsDefined(), Is.False);
        Assert.That(bars.Points[4], Is.EqualTo(new DataPoint(data.X[1], data.Y[1] + data.YErrorPlus!.Value[1])));
        Assert.That(marks.MarkerType, Is.EqualTo(MarkerType.Circle));
        Assert.That(m.Series.OfType<AreaSeries>().Single().Title, Is.EqualTo("SM prediction"));
        Assert.That(LegendEntries(m), Is.EqualTo(new[] { "SM prediction", "data" }));
        Assert.That(m.Title, Is.EqualTo("COHERENT-like CsI data"));
        Assert.That(Bottom(m).Title, Is.EqualTo("Recoil energy T [keV_{nr}]"));
    }

    [Test]
    public void OutsideLegendsAnnotationsAndNegativeInfinityBands()
    {
        var figure = ExampleFigures.CrossSectionPlane();
        var m = Rendered(figure).Single().Model;
        Assert.That(m.Legends.Single().LegendPlacement, Is.EqualTo(LegendPlacement.Outside));
        Assert.That(m.PlotArea.Right, Is.LessThan(figure.Width - 100), "the plot area makes room for the legend");
        var floor = m.Series.OfType<AreaSeries>().Single(s => s.Title == "ν floor");
        Assert.That(floor.Points2.Select(p => p.Y), Is.All.EqualTo(1e-50), "−∞ reaches the bottom of the plot");
        Assert.That(m.Annotations.OfType<PlotModels.MarkupAnnotation>().Select(a => a.Source.Text), Is.EqualTo(new[] { "BBN", "ν floor" }));
        Assert.That(Bottom(m).ActualMinimum, Is.EqualTo(1), "automatic log limits are whole decades");
        Assert.That(Bottom(m).ActualMaximum, Is.EqualTo(1000));
    }

    [Test]
    public void AutomaticLimitsCoverTheDataAndEndOnRoundValues()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PlotModels.Limits(Axis.Linear(), [0.3, 7.2]), Is.EqualTo((0.0, 8.0)));
            Assert.That(PlotModels.Limits(Axis.Linear(), [0.98, 1.213]), Is.EqualTo((0.95, 1.25)), "no round-off noise (0.9500000000000001)");
            Assert.That(PlotModels.Limits(Axis.Linear() with { IncludeZero = true }, [3, 9]), Is.EqualTo((0.0, 10.0)));
            Assert.That(PlotModels.Limits(Axis.Linear("", -13.2, null), [-13.2, 36.5]), Is.EqualTo((-13.2, 40.0)), "a fixed limit is kept");
            var (lo, hi) = PlotModels.Limits(Axis.Log(), [3e-5, 0, -1, double.NaN, double.PositiveInfinity, 2e-2]);
            Assert.That(lo, Is.EqualTo(1e-5).Within(1e-12).Percent, "log: only positive finite data, whole decades");
            Assert.That(hi, Is.EqualTo(0.1).Within(1e-12).Percent);
            Assert.That(PlotModels.Limits(Axis.Log(), []), Is.EqualTo((1.0, 10.0)), "no data: one decade");
            Assert.That(PlotModels.Limits(Axis.Linear(), [5, 5]), Is.EqualTo((5.0, 6.0)).Or.EqualTo((5.0, 5.5)), "a single value gets a range");
        });
    }

    [Test]
    public void LongTitlesShrinkToFit()
    {
        // seed000-fig4's title was cut off at both sides of its 640-pixel figure.
        const string title = "seed 000 Fig. 4 without the Super-K limit: DM → ν in the Earth and Sun, eqs. (16)–(17)";
        var size = PlotModels.Fit(title, 15, 624);
        Assert.That(size, Is.LessThan(15));
        Assert.That(FigureExport.TextWidth(title, size), Is.LessThanOrEqualTo(624.01));
        Assert.That(PlotModels.Fit("CONUS", 15, 624), Is.EqualTo(15), "short titles keep their size");
        var panel = PlotModels.Arrange(Figure.Grid(1, 2, [new Panel { Title = title }, new Panel()])).First().Model;
        Assert.That(panel.TitleFontSize, Is.LessThan(1.05 * PlotModels.FontSize), "panel titles fit their cell");
    }

    /// <summary>A figure of the program, read through its plot model: seed 001 Fig. 2 (cos θ against T on germanium).</summary>
    [Test]
    public void Seed001Figure2HasItsAxesCurvesAndLegend()
    {
        var figure = NuDM.App.Reproduction.FigureCatalog.All.Single(j => j.Id == "seed001-fig2").Build(NuDM.App.Reproduction.FigureContext.Silent(null));
        var m = Rendered(figure).Single().Model;
        Assert.Multiple(() =>
        {
            Assert.That(Bottom(m).Title, Is.EqualTo("recoil energy T [keV]"));
            Assert.That(Left(m).Title, Is.EqualTo("cos θ"));
            Assert.That((Left(m).ActualMinimum, Left(m).ActualMaximum), Is.EqualTo((0.0, 1.02)), "fixed y range");
            Assert.That(Bottom(m).ActualMinimum, Is.EqualTo(0), "fixed x minimum");
            Assert.That(LegendEntries(m), Has.Count.EqualTo(figure.Panels[0].Series.Length).And.Some.EqualTo("m_{χ} = 0 (CEvNS)"));
            Assert.That(m.Legends.Single().LegendPosition, Is.EqualTo(LegendPosition.BottomRight));
            Assert.That(m.Annotations.OfType<OxyPlot.Annotations.LineAnnotation>().Single().Y, Is.EqualTo(1.0), "cos θ = 1");
            var lines = m.Series.OfType<OxyLineSeries>().ToList();
            Assert.That(lines.SelectMany(l => l.Points).Where(p => p.IsDefined()).Select(p => p.Y), Is.All.InRange(-1.0, 1.0 + 1e-12), "cosines");
            Assert.That(Bottom(m).ActualMaximum, Is.GreaterThanOrEqualTo(lines.SelectMany(l => l.Points).Where(p => p.IsDefined()).Max(p => p.X)), "the x axis covers every curve");
        });
    }

    [TestCase(1e-6, false, "10^{−6}")]
    [TestCase(1000, false, "10^{3}")]
    [TestCase(3e-7, false, "3×10^{−7}")]
    [TestCase(0.1, true, "0.1")]
    [TestCase(300, true, "300")]
    public void LogTickLabels(double v, bool plain, string label) => Assert.That(PlotModels.LogLabel(v, plain), Is.EqualTo(label));

    [TestCase(-0.5, 0.5, "−0.5")]
    [TestCase(1.05, 0.05, "1.05")]
    [TestCase(1.0, 0.05, "1.00")]
    [TestCase(1e-17, 0.2, "0.0")]
    [TestCase(200000, 50000, "2×10^{5}")]
    public void LinearTickLabels(double v, double step, string label) => Assert.That(PlotModels.LinearLabel(v, step), Is.EqualTo(label));
}
