using NuDM.App.Cli;
using NuDM.App.Detection;
using NUnit.Framework;

namespace NuDM.App.Tests.Detection;

/// <summary>The counting statistics of the down-scattering limits (CLs; classical Poisson for b = 0).</summary>
public class PoissonLimitTests
{
    [Test]
    public void ZeroObservedGivesLn10Events()
    {
        // P(0 | s) = e^{-s} = 0.10  ⇒  s = ln 10 = 2.3026 (the 2.30 of the PDG Statistics review's table of Poisson upper limits)
        Assert.That(PoissonLimits.UpperLimit(0), Is.EqualTo(Math.Log(10)).Within(1e-8));
        // with CLs the n = 0 limit does not depend on the background
        Assert.That(PoissonLimits.UpperLimit(0, 0.46), Is.EqualTo(Math.Log(10)).Within(1e-8));
        Assert.That(PoissonLimits.UpperLimit(0, 50.0), Is.EqualTo(Math.Log(10)).Within(1e-8));
    }

    [TestCase(1, 3.890)]
    [TestCase(2, 5.322)]
    [TestCase(3, 6.681)]
    [TestCase(10, 15.41)]
    public void BackgroundFreeLimitsMatchThePdgTable(int n, double expected)
    {
        // classical one-sided 90 % CL Poisson upper limits, PDG Statistics review, table of Poisson upper limits for b = 0
        Assert.That(PoissonLimits.UpperLimit(n), Is.EqualTo(expected).Within(0.005));
    }

    [Test]
    public void CLsWithBackgroundSolvesItsDefiningEquationAndStaysPositiveBelowBackground()
    {
        foreach (var (n, b) in new[] { (2, 0.34), (6, 9.8), (0, 0.09), (4130, 4080.0) })
        {
            double s = PoissonLimits.UpperLimit(n, b);
            // CLs(s_up) = P(N ≤ n | s + b)/P(N ≤ n | b) = 0.10, with P(N ≤ n | μ) summed directly
            double cdf(double mu) { double term = Math.Exp(-mu), sum = term; for (int k = 1; k <= n; k++) { term *= mu / k; sum += term; } return sum; }
            if (n < 500) Assert.That(cdf(s + b) / cdf(b), Is.EqualTo(0.10).Within(1e-7), $"n = {n}, b = {b}");
            Assert.That(PoissonLimits.CLs(s, n, b), Is.EqualTo(0.10).Within(1e-9));
            Assert.That(s, Is.GreaterThan(0));
            // never stronger than background subtraction would allow to be weaker: s_CLs ≥ μ_up(n) − b
            Assert.That(s, Is.GreaterThanOrEqualTo(PoissonLimits.UpperLimit(n) - b - 1e-9));
        }
        // XENON1T bin 2 (2 observed, 0.34 background) and PandaX-4T (6 observed, 9.8 background)
        Assert.That(PoissonLimits.UpperLimit(2, 0.34), Is.EqualTo(4.990).Within(0.002));
        Assert.That(PoissonLimits.UpperLimit(6, 9.8), Is.EqualTo(4.189).Within(0.002));
        // background subtraction would give μ_up(6) − 9.8 = 0.73 events here: the case CLs is chosen for
        Assert.That(PoissonLimits.UpperLimit(6) - 9.8, Is.LessThan(1.0));
    }

    [Test]
    public void MedianCountAndExpectedLimit()
    {
        Assert.That(PoissonLimits.MedianCount(0.0), Is.EqualTo(0));
        Assert.That(PoissonLimits.MedianCount(0.46), Is.EqualTo(0));   // P(0 | 0.46) = 0.63
        Assert.That(PoissonLimits.MedianCount(0.8), Is.EqualTo(1));    // P(0 | 0.8) = 0.45
        Assert.That(PoissonLimits.MedianCount(9.8), Is.EqualTo(10));
        Assert.That(PoissonLimits.ExpectedUpperLimit(0.46), Is.EqualTo(Math.Log(10)).Within(1e-8));
    }

    [Test]
    public void BadInputNamesTheParameter()
    {
        Assert.That(() => PoissonLimits.UpperLimit(-1), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("observed"));
        Assert.That(() => PoissonLimits.UpperLimit(1, -0.1), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("background"));
        Assert.That(() => PoissonLimits.UpperLimit(1, 0, 1.0), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("(0, 1)"));
    }
}
