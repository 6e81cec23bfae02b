using System.Text;
using System.Xml.Linq;
using NuDM.App.Figures;
using NUnit.Framework;

namespace NuDM.App.Tests.Figures;

public class ValidationTests
{
    private static ArgumentException Fails(TestDelegate code) => Assert.Throws<ArgumentException>(code)!;

    [Test]
    public void MismatchedArrayLengthsNameTheSeriesAndParameter()
    {
        var ex = Fails(() => _ = new LineSeries([1, 2, 3], [1, 2], "SM"));
        Assert.That(ex.ParamName, Is.EqualTo("y"));
        Assert.That(ex.Message, Does.Contain("LineSeries 'SM'").And.Contain("equal lengths"));
        Assert.That(Fails(() => _ = new BandSeries([1, 2], [1, 2], [1], "excl")).ParamName, Is.EqualTo("yHigh"));
        Assert.That(Fails(() => _ = new BandSeries([1, 2], [1], [1, 2])).ParamName, Is.EqualTo("yLow"));
        Assert.That(Fails(() => _ = new PointSeries([1, 2], [1, 2], yErrorPlus: [1])).ParamName, Is.EqualTo("yErrorPlus"));
        Assert.That(Fails(() => _ = new PointSeries([1, 2], [1, 2], yErrorMinus: [1, 2, 3])).ParamName, Is.EqualTo("yErrorMinus"));
        var step = Fails(() => _ = new StepSeries([0, 1], [1, 2], "hist"));
        Assert.That(step.ParamName, Is.EqualTo("edges"));
        Assert.That(step.Message, Does.Contain("one more value"));
    }

    [Test]
    public void BadDataRulesAreNamed()
    {
        var edges = Fails(() => _ = new StepSeries([0, 2, 1], [1, 2], "hist"));
        Assert.That(edges.Message, Does.Contain("strictly increasing").And.Contain("edges[2]"));
        Assert.That(Fails(() => _ = new StepSeries([0, double.NaN, 1], [1, 2])).ParamName, Is.EqualTo("edges"));
        var err = Fails(() => _ = new PointSeries([1], [1], yErrorMinus: [-0.5], label: "data"));
        Assert.That(err.ParamName, Is.EqualTo("yErrorMinus"));
        Assert.That(err.Message, Does.Contain("PointSeries 'data'").And.Contain("non-negative"));
    }

    [Test]
    public void EmptyFigureIsRejected()
    {
        var ex = Fails(() => _ = new Figure([]));
        Assert.That(ex.ParamName, Is.EqualTo("panels"));
        Assert.That(ex.Message, Does.Contain("at least one panel"));
    }

    [Test]
    public void LogAxisWithNonPositiveFixedLimitIsRejectedNamingThePanelAndAxis()
    {
        var ex = Fails(() => Figure.Single(new Panel { Title = "Xe", Y = Axis.Log("ȳ", 0, 1e-2) }));
        Assert.That(ex.ParamName, Is.EqualTo("Y"));
        Assert.That(ex.Message, Does.Contain("panel 0 ('Xe') y axis").And.Contain("positive"));
        Assert.That(Fails(() => Figure.Single(new Panel { X = Axis.Log("m", 1, -5) })).ParamName, Is.EqualTo("X"));
        Assert.That(Fails(() => Figure.Single(new Panel { X = Axis.Linear("m", 3, 3) })).Message, Does.Contain("less than"));
        Assert.That(Fails(() => Figure.Single(new Panel { X = Axis.Linear("m", double.NaN) })).Message, Does.Contain("finite"));
        Assert.That(Fails(() => Figure.Single(new Panel { Y = Axis.Log("y", 1e-320) })).Message, Does.Contain("1e-300"));
    }

    [Test]
    public void StyleErrorsNameTheSeriesInItsPanel()
    {
        var ex = Fails(() => Figure.Grid(1, 2,
        [
            new Panel(),
            new Panel { Title = "B", Series = [new LineSeries([1], [1]), new LineSeries([1], [1], "curve") { Color = "red; evil" }] },
        ]));
        Assert.That(ex.ParamName, Is.EqualTo("Color"));
        Assert.That(ex.Message, Does.Contain("panel 1 ('B'), LineSeries 'curve'"));
        var width = Fails(() => Figure.Single(new Panel { Series = [new LineSeries([1], [1]) { Width = -2 }] }));
        Assert.That(width.ParamName, Is.EqualTo("Width"));
        Assert.That(width.Message, Does.Contain("LineSeries #0"));
        Assert.That(Fails(() => Figure.Single(new Panel { Series = [new BandSeries([1], [1], [2]) { FillOpacity = 2 }] })).ParamName, Is.EqualTo("FillOpacity"));
    }

    [Test]
    public void LayoutAndFigureRulesAreChecked()
    {
        Assert.That(Fails(() => Figure.Stack([new Panel(), new Panel()], [1])).ParamName, Is.EqualTo("relativeHeights"));
        Assert.That(Fails(() => Figure.Single(new Panel { Series = [new StepSeries([0, 1], [1]) { FillOpacity = 1.5 }] })).ParamName, Is.EqualTo("FillOpacity"));
        Assert.That(Fails(() => Figure.Stack([new Panel()], [0])).ParamName, Is.EqualTo("relativeHeights"));
        Assert.That(Fails(() => Figure.Stack([new Panel { X = Axis.Log() }, new Panel()])).Message, Does.Contain("same x scale"));
        Assert.That(Fails(() => Figure.Grid(1, 1, [new Panel(), new Panel()])).Message, Does.Contain("1×1"));
        Assert.That(Fails(() => Figure.Grid(0, 1, [new Panel()])).ParamName, Is.EqualTo("rows"));
        Assert.That(Fails(() => _ = Figure.Single(new Panel()) with { Width = 0 }).ParamName, Is.EqualTo("Width"));
        Assert.That(Fails(() => _ = Figure.Single(new Panel()) with { Height = double.NaN }).ParamName, Is.EqualTo("Height"));
    }

    [Test]
    public void AnnotationsAndReferenceLinesMustFitTheirAxes()
    {
        var ex = Fails(() => Figure.Single(new Panel { Y = Axis.Log(), Annotations = [new Annotation(1, 0, "BBN")] }));
        Assert.That(ex.Message, Does.Contain("annotation #0 ('BBN')").And.Contain("positive"));
        Assert.That(() => Figure.Single(new Panel { Y = Axis.Log(), Annotations = [new Annotation(0.5, 0, "ok") { Coordinates = AnnotationCoordinates.Axes }] }), Throws.Nothing);
        Assert.That(Fails(() => Figure.Single(new Panel { X = Axis.Log(), ReferenceLines = [new ReferenceLine(Orientation.Vertical, -1)] })).ParamName,
            Is.EqualTo("ReferenceLines"));
    }
}

public class TextMarkupTests
{
    [TestCase("10^{-5}", "10^{-5}")]
    [TestCase("m_{χ} [MeV]", "m_{χ} [MeV]")]
    [TestCase("N_{i}/N_{i}^{SM}", "N_{i}/N_{i}^{SM}")]
    [TestCase("E_ν = 5 MeV", "E_{ν} = 5 MeV")]
    [TestCase("x^2 + m_X", "x^{2} + m_{X}")]
    [TestCase("e^{x_{1}}", "e^{x1}")]
    [TestCase("x^{2", "x^{2}")]
    [TestCase("a}b", "a}b")]
    [TestCase("trailing_", "trailing")]
    [TestCase("plain σ ν χ × −", "plain σ ν χ × −")]
    [TestCase("", "")]
    public void MarkupBecomesOxyPlotMathText(string markup, string math) => Assert.That(TextMarkup.ToMathText(markup), Is.EqualTo(math));

    [TestCase("E_ν, m_{χ}")]
    [TestCase("trailing_ and a_{b")]
    [TestCase("x^2_")]
    [TestCase("^{a_}b^")]
    public void EveryMarkupBecomesMathTextOxyPlotCanRender(string markup)
    {
        // OxyPlot's math-text parser never advances past a _ or ^ that does not open a closed group: every one must.
        var math = TextMarkup.ToMathText(markup);
        for (var i = 0; i < math.Length; i++)
        {
            if (math[i] is not ('_' or '^')) continue;
            Assert.That(i + 1 < math.Length && math[i + 1] == '{' && math.IndexOf('}', i) > i, $"'{math}' at {i}");
        }
        var f = Figure.Single(new Panel { X = Axis.Linear(markup), Series = [new LineSeries([1, 2], [1, 2], markup)] }, markup);
        Assert.That(FigureExport.Png(f), Is.Not.Empty);
    }

    [Test]
    public void PlainText() => Assert.That(TextMarkup.ToPlainText("σ_{NC} [cm^{2}], E_ν"), Is.EqualTo("σNC [cm2], Eν"));
}
