using NuDM.App.Figures;
using NUnit.Framework;

namespace NuDM.App.Tests.Figures;

public class TicksAndMappingTests
{
    private static double[] Values(ResolvedAxis a) => a.Major.Select(t => t.Value).ToArray();

    private static string[] Labels(ResolvedAxis a) => a.Major.Select(t => TextMarkup.ToPlainText(t.Label)).ToArray();

    [TestCase(9.4, 10)]
    [TestCase(0.0467, 0.05)]
    [TestCase(1.5, 2)]
    [TestCase(3, 5)]
    [TestCase(7, 10)]
    [TestCase(2, 2)]
    [TestCase(1e-7, 1e-7)]
    public void NiceStepIsTheSmallest125StepAtLeastTheRawStep(double raw, double expected) =>
        Assert.That(Ticks.NiceStep(raw), Is.EqualTo(expected).Within(1e-12 * expected));

    [Test]
    public void LinearAutoLimitsSnapToNiceTicks()
    {
        var a = Ticks.Resolve(Axis.Linear(), [0, 12.5, 47], 500, _ => 60);
        Assert.Multiple(() =>
        {
            Assert.That(a.Min, Is.EqualTo(0));
            Assert.That(a.Max, Is.EqualTo(50));
            Assert.That(Values(a), Is.EqualTo(new double[] { 0, 10, 20, 30, 40, 50 }));
            Assert.That(Labels(a), Is.EqualTo(new[] { "0", "10", "20", "30", "40", "50" }));
            Assert.That(a.Minor, Does.Contain(2.0).And.Contain(48.0).And.Not.Contain(10.0));
        });
    }

    [Test]
    public void LinearFixedLimitsKeepTicksInside()
    {
        var a = Ticks.Resolve(Axis.Linear("", 0, 47), [], 500, _ => 60);
        Assert.That((a.Min, a.Max), Is.EqualTo((0.0, 47.0)));
        Assert.That(Values(a), Is.EqualTo(new double[] { 0, 10, 20, 30, 40 }));
    }

    [Test]
    public void RatioRangeGetsTwoDecimalTicksAroundOne()
    {
        var a = Ticks.Resolve(Axis.Linear(), [0.95, 1.0, 1.23], 200, _ => 30);
        var v = Values(a);
        Assert.Multiple(() =>
        {
            Assert.That(a.Min, Is.LessThanOrEqualTo(0.95).And.GreaterThan(0.85));
            Assert.That(a.Max, Is.GreaterThanOrEqualTo(1.23).And.LessThan(1.35));
            Assert.That(v, Has.Length.InRange(3, 8));
            Assert.That(Labels(a), Does.Contain("1.00").Or.Contain("1.0"));
            Assert.That(Labels(a), Is.All.Match(@"^\d\.\d{1,2}$"), "same decimals, no float noise");
            var steps = v.Zip(v.Skip(1), (x, y) => y - x).ToArray();
            Assert.That(steps, Is.All.EqualTo(steps[0]).Within(1e-12));
        });
    }

    [Test]
    public void NegativeTicksUseTheMinusSignAndZeroIsNeverNegative()
    {
        var a = Ticks.Resolve(Axis.Linear(), [-1, 1], 400, _ => 50);
        Assert.That(Labels(a), Is.EqualTo(new[] { "\u22121.0", "\u22120.5", "0.0", "0.5", "1.0" }));
        Assert.That(Values(a).Where(x => x == 0).Select(double.IsNegative), Is.All.False);
    }

    [Test]
    public void TinyLinearValuesUseAPowerOfTenLabel()
    {
        var a = Ticks.Resolve(Axis.Linear(), [0, 3e-40], 400, _ => 50);
        Assert.That(Labels(a).Skip(1), Is.All.Contain("×10−40").Or.Contain("×10−41"));
        Assert.That(Labels(a)[0], Is.EqualTo("0"));
    }

    [Test]
    public void TickFormatOverridesAutomaticLabels()
    {
        var a = Ticks.Resolve(Axis.Linear("", 0, 1) with { TickFormat = "0.000" }, [], 400, _ => 50);
        Assert.That(Labels(a), Is.All.Match(@"^\d\.\d{3}$"));
    }

    [Test]
    public void LogTicksMarkEveryDecadeWithMinorsAtTwoToNine()
    {
        var a = Ticks.Resolve(Axis.Log("", 1e-6, 1e-2), [], 400, _ => 40);
        var expectedMinor = new List<double>();
        for (var e = -6; e <= -3; e++)
            for (var m = 2; m <= 9; m++) expectedMinor.Add(m * Math.Pow(10, e));
        Assert.Multiple(() =>
        {
            Assert.That(Values(a), Is.EqualTo(new[] { 1e-6, 1e-5, 1e-4, 1e-3, 1e-2 }).Within(1e-15).Percent);
            Assert.That(a.Major.Select(t => t.Label), Is.EqualTo(new[] { "10^{−6}", "10^{−5}", "10^{−4}", "10^{−3}", "10^{−2}" }));
            Assert.That(a.Minor, Is.EquivalentTo(expectedMinor).Using<double>((x, y) => Math.Abs(x - y) <= 1e-12 * Math.Abs(y)));
        });
    }

    [Test]
    public void LogAutoLimitsSnapToWholeDecades()
    {
        var a = Ticks.Resolve(Axis.Log(), [3e-6, 0, -5, double.NaN, 4e-3], 400, _ => 40);
        Assert.That(a.Min, Is.EqualTo(1e-6).Within(1e-12).Percent);
        Assert.That(a.Max, Is.EqualTo(1e-2).Within(1e-12).Percent);
    }

    [Test]
    public void ShortLogRangesArePlainNumbers()
    {
        Assert.That(Labels(Ticks.Resolve(Axis.Log("", 1, 1000), [], 400, _ => 40)), Is.EqualTo(new[] { "1", "10", "100", "1000" }));
        Assert.That(Labels(Ticks.Resolve(Axis.Log("", 0.1, 100), [], 400, _ => 40)), Is.EqualTo(new[] { "0.1", "1", "10", "100" }));
    }

    [Test]
    public void ManyDecadesAreThinnedSoLabelsDoNotCrowd()
    {
        var a = Ticks.Resolve(Axis.Log("", 1e-50, 1e-30), [], 400, _ => 30);
        Assert.That(a.Major.Count, Is.LessThanOrEqualTo(400 / 30 + 1).And.GreaterThanOrEqualTo(3));
        var exps = a.Major.Select(t => (int)Math.Round(Math.Log10(t.Value))).ToArray();
        var stride = exps[1] - exps[0];
        Assert.That(stride, Is.GreaterThan(1));
        Assert.That(exps.Zip(exps.Skip(1), (x, y) => y - x), Is.All.EqualTo(stride));
        Assert.That(a.Minor, Has.Count.EqualTo(21 - exps.Length), "the unlabelled decades become minor ticks");
    }

    [Test]
    public void NarrowLogRangeStillGetsLabelledTicksInside()
    {
        var a = Ticks.Resolve(Axis.Log("", 2, 8), [], 300, _ => 30);
        Assert.That(a.Major.Count, Is.GreaterThanOrEqualTo(2));
        Assert.That(Values(a), Is.All.InRange(2.0, 8.0));
    }

    [Test]
    public void DegenerateAndEmptyDataGiveAUsableRange()
    {
        var one = Ticks.Resolve(Axis.Linear(), [5, 5], 300, _ => 30);
        Assert.That(one.Min, Is.LessThan(5));
        Assert.That(one.Max, Is.GreaterThan(5));
        var none = Ticks.Resolve(Axis.Log(), [double.NaN, -1], 300, _ => 30);
        Assert.That(none.Min, Is.GreaterThan(0));
        Assert.That(none.Max, Is.GreaterThan(none.Min));
        var belowFixed = Ticks.Resolve(Axis.Linear("", min: 10), [1, 2], 300, _ => 30);
        Assert.That(belowFixed.Max, Is.GreaterThan(10));
    }

    [Test]
    public void PaddedAndTightLimits()
    {
        var tight = Ticks.Resolve(Axis.Linear() with { AutoLimits = AutoLimits.Tight }, [0.3, 0.7], 300, _ => 30);
        Assert.That((tight.Min, tight.Max), Is.EqualTo((0.3, 0.7)));
        var padded = Ticks.Resolve(Axis.Linear() with { AutoLimits = AutoLimits.Padded, Padding = 0.1 }, [0, 10], 300, _ => 30);
        Assert.That(padded.Min, Is.EqualTo(-1).Within(1e-12));
        Assert.That(padded.Max, Is.EqualTo(11).Within(1e-12));
        var zero = Ticks.Resolve(Axis.Linear() with { IncludeZero = true, AutoLimits = AutoLimits.Tight }, [3, 7], 300, _ => 30);
        Assert.That(zero.Min, Is.EqualTo(0));
    }

    [Test]
    public void LinearMappingIsExactAtTheEndsAndMonotonic()
    {
        var x = new AxisMapping(ScaleKind.Linear, -3.7, 12.9, 60.5, 590.5);
        var y = new AxisMapping(ScaleKind.Linear, 0.95, 1.25, 400.5, 20.5);
        Assert.Multiple(() =>
        {
            Assert.That(x.Map(-3.7), Is.EqualTo(60.5));
            Assert.That(x.Map(12.9), Is.EqualTo(590.5));
            Assert.That(y.Map(0.95), Is.EqualTo(400.5));
            Assert.That(y.Map(1.25), Is.EqualTo(20.5));
            Assert.That(x.Map((-3.7 + 12.9) / 2), Is.EqualTo(325.5).Within(1e-9));
        });
        var rng = new Random(7);
        var vs = Enumerable.Range(0, 200).Select(_ => -10 + 30 * rng.NextDouble()).Order().ToArray();
        var px = vs.Select(x.Map).ToArray();
        var py = vs.Select(y.Map).ToArray();
        for (var i = 1; i < vs.Length; i++)
        {
            Assert.That(px[i], Is.GreaterThanOrEqualTo(px[i - 1]));
            Assert.That(py[i], Is.LessThanOrEqualTo(py[i - 1]), "y pixels grow downwards");
        }
    }

    [Test]
    public void LogMappingPutsTenHalfwayBetweenOneAndAHundred()
    {
        var m = new AxisMapping(ScaleKind.Log10, 1, 100, 0, 200);
        Assert.Multiple(() =>
        {
            Assert.That(m.Map(1), Is.EqualTo(0));
            Assert.That(m.Map(100), Is.EqualTo(200));
            Assert.That(m.Map(10), Is.EqualTo(100));
            Assert.That(m.Map(1e-3), Is.EqualTo(-300).Within(1e-9), "outside values map outside, linearly in log");
            Assert.That(m.Map(0), Is.NaN);
            Assert.That(m.Map(-5), Is.NaN);
            Assert.That(m.Map(double.NaN), Is.NaN);
            Assert.That(m.Map(double.PositiveInfinity), Is.NaN);
        });
        var vs = Enumerable.Range(0, 100).Select(i => Math.Pow(10, -1 + 0.04 * i)).ToArray();
        var ps = vs.Select(m.Map).ToArray();
        Assert.That(ps.Zip(ps.Skip(1), (a, b) => b > a), Is.All.True);
    }
}
