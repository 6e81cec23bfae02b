using System.Xml.Linq;
using NuDM.App.Figures;
using NUnit.Framework;

namespace NuDM.App.Tests.Figures;

/// <summary>Writes one figure of each kind and checks its structure. Set NUDM_FIGURE_DIR to keep the files for viewing.</summary>
public class ExampleFigureTests
{
    private static readonly XNamespace S = "http://www.w3.org/2000/svg";
    private static readonly XNamespace Meta = "urn:nudm:figure";
    private string _dir = "";
    private bool _keep;

    [SetUp]
    public void SetUp()
    {
        var env = Environment.GetEnvironmentVariable("NUDM_FIGURE_DIR");
        _keep = !string.IsNullOrEmpty(env);
        _dir = _keep ? env! : Path.Combine(Path.GetTempPath(), "nudm-figures-" + Guid.NewGuid().ToString("N"));
    }

    [TearDown]
    public void TearDown()
    {
        if (!_keep && Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private (XDocument Svg, string[] CsvLines) WriteAndLoad(string name, Figure figure)
    {
        var files = FigureWriter.Write(figure, _dir, name);
        Assert.That(files.SvgPath, Does.EndWith(name + ".svg").And.Exist);
        Assert.That(files.CsvPath, Does.EndWith(name + ".csv").And.Exist);
        return (XDocument.Load(files.SvgPath), File.ReadAllLines(files.CsvPath));
    }

    private static List<XElement> Panels(XDocument d) => d.Descendants(S + "g").Where(g => (string?)g.Attribute("class") == "panel").ToList();

    private static List<XElement> SeriesOf(XElement panel) => panel.Descendants(S + "g").Where(g => (string?)g.Attribute("class") == "series").ToList();

    private static (double X, double Y, double W, double H) PlotArea(XElement panel)
    {
        var r = panel.Elements(S + "rect").Single(e => (string?)e.Attribute("class") == "plot-area");
        return ((double)r.Attribute("x")!, (double)r.Attribute("y")!, (double)r.Attribute("width")!, (double)r.Attribute("height")!);
    }

    [Test]
    public void AllExamplesAreWrittenAsParseableSvgAndCsv()
    {
        foreach (var (name, figure) in ExampleFigures.All())
        {
            var (svg, csv) = WriteAndLoad(name, figure);
            Assert.That(svg.Root!.Name, Is.EqualTo(S + "svg"), name);
            var points = figure.Panels.Sum(p => p.Series.Sum(s => s.Count));
            Assert.That(csv, Has.Length.EqualTo(points + 1), name + ": one CSV row per point plus the header");
            Assert.That(File.ReadAllText(Path.Combine(_dir, name + ".svg")), Does.Not.Contain("NaN").And.Not.Contain("Infinity"), name);
        }
    }

    [Test]
    public void StackedRatioAndSpectrumShareTheXAxis()
    {
        var (svg, _) = WriteAndLoad("a_stacked_ratio_spectrum", ExampleFigures.StackedRatioSpectrum());
        var panels = Panels(svg);
        Assert.That(panels, Has.Count.EqualTo(2));
        var top = PlotArea(panels[0]);
        var bottom = PlotArea(panels[1]);
        Assert.Multiple(() =>
        {
            Assert.That(bottom.X, Is.EqualTo(top.X), "same left edge");
            Assert.That(bottom.W, Is.EqualTo(top.W), "same width");
            Assert.That(bottom.Y, Is.EqualTo(top.Y + top.H), "the panels meet (gap 0)");
            Assert.That(bottom.H / top.H, Is.EqualTo(2).Within(0.02), "relative heights 1:2");
        });
        // Only the bottom panel carries x tick labels and the x axis label.
        XElement? XAxis(XElement p) => p.Elements(S + "g").SingleOrDefault(g => (string?)g.Attribute("class") == "x-axis");
        Assert.That(XAxis(panels[0])!.Elements(S + "text"), Is.Empty);
        var bottomLabels = XAxis(panels[1])!.Elements(S + "text").ToList();
        Assert.That(bottomLabels.Where(t => (string?)t.Attribute("class") == "tick-label").Select(t => t.Value),
            Is.EqualTo(new[] { "0", "10", "20", "30", "40", "50" }));
        Assert.That(bottomLabels.Single(t => (string?)t.Attribute("class") == "axis-label").Value, Is.EqualTo("T [keV]"));
        // Ratio y range near 1: ticks in 0.05 or 0.1 steps with two decimals.
        var ratioTicks = panels[0].Descendants(S + "text").Where(t => (string?)t.Attribute("class") == "tick-label").Select(t => t.Value).ToList();
        Assert.That(ratioTicks, Does.Contain("1.00").Or.Contain("1.0"));
        Assert.That(SeriesOf(panels[0]), Has.Count.EqualTo(3));
        Assert.That(SeriesOf(panels[1]).Select(s => (string?)s.Attribute(Meta + "kind")), Is.All.EqualTo("step"));
    }

    [Test]
    public void ExclusionGridHasFourLogLogPanelsWithBands()
    {
        var (svg, csv) = WriteAndLoad("b_exclusion_grid", ExampleFigures.ExclusionGrid());
        var panels = Panels(svg);
        Assert.That(panels, Has.Count.EqualTo(4));
        var areas = panels.Select(PlotArea).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(areas[1].X, Is.GreaterThan(areas[0].X + areas[0].W), "panel 1 is right of panel 0");
            Assert.That(areas[2].Y, Is.GreaterThan(areas[0].Y + areas[0].H), "panel 2 is below panel 0");
            Assert.That(areas[3].X, Is.EqualTo(areas[1].X).Within(1));
        });
        foreach (var p in panels)
        {
            var bands = p.Descendants(S + "path").Where(e => (string?)e.Attribute("class") == "band-fill").ToList();
            Assert.That(bands, Has.Count.EqualTo(1));
            Assert.That((string)bands[0].Attribute("d")!, Does.StartWith("M").And.EndWith("Z"));
            var yTicks = p.Descendants(S + "g").Single(g => (string?)g.Attribute("class") == "y-axis")
                .Elements(S + "text").Where(t => (string?)t.Attribute("class") == "tick-label").Select(t => t.Value).ToList();
            Assert.That(yTicks, Is.EqualTo(new[] { "10−6", "10−5", "10−4", "10−3", "10−2" }), "decades as 10^{n} (text content without tspans)");
        }
        Assert.That(panels[0].Descendants(S + "text").Where(t => (string?)t.Attribute("class") == "legend-label").Select(t => t.Value),
            Is.EqualTo(new[] { "excluded (90% CL)", "future", "thermal target" }));
        Assert.That(panels[1].Descendants(S + "g").Where(g => (string?)g.Attribute("class") == "legend"), Is.Empty, "legend none");
        Assert.That(csv[0], Is.EqualTo("panel,series,kind,x,y,y_low,y_high,x_low,x_high"));
    }

    [Test]
    public void DataPointsCarryErrorBarsAboveAFilledHistogram()
    {
        var figure = ExampleFigures.DataOverHistogram();
        var (svg, csv) = WriteAndLoad("e_data_over_histogram", figure);
        var series = SeriesOf(Panels(svg).Single());
        Assert.That(series.Select(s => (string?)s.Attribute(Meta + "kind")), Is.EqualTo(new[] { "step", "points" }));
        var step = series[0];
        Assert.That(step.Elements(S + "path").Select(e => (string?)e.Attribute("class")), Is.EqualTo(new[] { "step-fill", "step" }));
        var points = series[1];
        var bars = (string)points.Elements(S + "path").Single(e => (string?)e.Attribute("class") == "error-bars").Attribute("d")!;
        var n = figure.Panels[0].Series[1].Count;
        // Per point: lower bar, cap, upper bar, cap, left and right half-width = 6 segments.
        Assert.That(bars.Count(c => c == 'M'), Is.EqualTo(6 * n));
        Assert.That(points.Descendants(S + "circle").Count(), Is.EqualTo(n));
        Assert.That(csv.Count(l => l.Contains(",data,points,")), Is.EqualTo(n));
        Assert.That(csv.Count(l => l.Contains(",SM prediction,step,")), Is.EqualTo(14));
    }
}
