using NUnit.Framework;
using NuDM.App.Figures;

namespace NuDM.App.Tests.Scans;

/// <summary>The map series that <c>nudm scan plot</c> added to the figure description: CSV layout, rules, rendering.</summary>
public class CellSeriesTests
{
    private static Panel Map(Axis x, Axis y) => new()
    {
        X = x, Y = y,
        Series = [new CellSeries([1, 10], [10, 100], [0.1, 0.1], [1, 1], [2.5, double.NaN], "profile") { ColorScale = ScaleKind.Log10 }],
    };

    [Test]
    public void ACellsRowGivesItsCentreValueAndEdges()
    {
        var csv = FigureWriter.DataCsv(Figure.Single(Map(Axis.Log("x", 1, 100), Axis.Log("y", 0.1, 1))));
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.That(lines[1], Is.EqualTo("0,profile,cells,5.5,2.5,0.1,1,1,10"));
        Assert.That(lines[2], Is.EqualTo("0,profile,cells,55,,0.1,1,10,100"), "a cell without a value is an empty cell");
    }

    [Test]
    public void APanelWithCellsNeedsFixedLimits() =>
        Assert.That(Assert.Throws<ArgumentException>(() => Figure.Single(Map(Axis.Log("x"), Axis.Log("y", 0.1, 1))))!.Message,
            Does.Contain("needs fixed x and y limits"));

    [Test]
    public void ACellNeedsPositiveExtent() =>
        Assert.Throws<ArgumentException>(() => _ = new CellSeries([1], [1], [0], [1], [3]));

    [Test]
    public void AMapRendersWithItsColourBar()
    {
        var figure = Figure.Single(Map(Axis.Log("x", 1, 100), Axis.Log("y", 0.1, 1)));
        var svg = System.Text.Encoding.UTF8.GetString(FigureExport.Svg(figure));
        Assert.That(svg, Does.Contain("<svg"));
        Assert.That(FigureExport.Png(figure).Length, Is.GreaterThan(1000));
    }
}
