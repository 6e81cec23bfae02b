using NuDM.App.Statistics.Likelihood;
using NUnit.Framework;

namespace NuDM.App.Tests.Fits;

/// <summary>HistFactory's additive polynomial-inside / linear-outside interpolation (ROOT HistFactory manual, code 4 additive form).</summary>
public class ShapeInterpolationTests
{
    [TestCase(8.0, 10.0, 13.0)]
    [TestCase(12.0, 10.0, 9.0)]
    [TestCase(9.0, 10.0, 11.0)]
    public void ItMeetsTheTemplatesAtPlusMinusOneAndIsTwiceDifferentiable(double down, double nominal, double up)
    {
        Assert.That(ShapeInterpolation.Delta(0, down, nominal, up), Is.EqualTo(0));
        Assert.That(nominal + ShapeInterpolation.Delta(1, down, nominal, up), Is.EqualTo(up).Within(1e-12));
        Assert.That(nominal + ShapeInterpolation.Delta(-1, down, nominal, up), Is.EqualTo(down).Within(1e-12));
        double F(double a) => ShapeInterpolation.Delta(a, down, nominal, up);
        const double h = 1e-4;
        foreach (double j in new[] { -1.0, 1.0 })
        {
            double left = (F(j) - F(j - h)) / h, right = (F(j + h) - F(j)) / h;
            Assert.That(right, Is.EqualTo(left).Within(1e-3), $"slope continuous at α = {j}");
            double c1 = (F(j + 2 * h) - 2 * F(j + h) + F(j)) / (h * h), c2 = (F(j) - 2 * F(j - h) + F(j - 2 * h)) / (h * h);
            Assert.That(c1, Is.EqualTo(c2).Within(0.05), $"curvature continuous at α = {j}");
        }
    }

    [Test]
    public void OutsidePlusMinusOneItExtrapolatesLinearly()
    {
        Assert.That(ShapeInterpolation.Delta(2, 8, 10, 13), Is.EqualTo(6).Within(1e-12));
        Assert.That(ShapeInterpolation.Delta(-3, 8, 10, 13), Is.EqualTo(-6).Within(1e-12));
    }

    [Test]
    public void APoissonDevianceIsZeroAtTheDataAndGrowsAway()
    {
        double[] n = [3, 0, 7];
        Assert.That(PoissonDeviance.Of(n, [3, 1e-300, 7]), Is.EqualTo(0).Within(1e-9));
        Assert.That(PoissonDeviance.Of(n, [4, 0.5, 6]), Is.GreaterThan(0));
        // 2(μ − n + n ln(n/μ)) for one bin
        Assert.That(PoissonDeviance.Of([5.0], [4.0]), Is.EqualTo(2 * (4 - 5 + 5 * Math.Log(5.0 / 4))).Within(1e-12));
    }
}
