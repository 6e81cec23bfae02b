using MathNet.Numerics;
using NuDM.App.Statistics;
using NUnit.Framework;

namespace NuDM.App.Tests.Statistics;

/// <summary>Thresholds, the closed-form pull minimisation against numeric minimisers, and the Poisson statistic.</summary>
public class ChiSquareTests
{
    [Test]
    public void NinetyPercentThresholds()
    {
        Assert.That(ConfidenceLevels.DeltaChiSquare(0.9, 1), Is.EqualTo(2.706).Within(5e-4));
        Assert.That(ConfidenceLevels.DeltaChiSquare(0.9, 2), Is.EqualTo(4.605).Within(5e-4));
        Assert.That(ConfidenceLevels.DeltaChiSquare(0.9, 2), Is.EqualTo(-2 * Math.Log(0.1)).Within(1e-9)); // 2 dof: −2 ln(1 − CL)
        Assert.That(new LimitOptions().Threshold, Is.EqualTo(2.7055434).Within(1e-6));
    }

    private static (double[] D, double[] N, double[] B) Toy(int seed, int n = 25)
    {
        var rng = new Random(seed);
        var N = Enumerable.Range(0, n).Select(i => 5 + 40 * Math.Exp(-i / 8.0) + rng.NextDouble()).ToArray();
        var B = Enumerable.Range(0, n).Select(_ => 10 + 5 * rng.NextDouble()).ToArray();
        var D = N.Zip(B, (a, b) => a * (1 + 0.1 * (rng.NextDouble() - 0.3)) + b + 3 * (rng.NextDouble() - 0.5)).ToArray();
        return (D, N, B);
    }

    [TestCase(1, 0.02, 0.01)]
    [TestCase(2, 0.28, 0.0)]
    [TestCase(3, 0.5, 0.05)]
    public void SignalPull_ClosedFormEqualsNumericMinimum(int seed, double sigmaA, double sigmaF)
    {
        var (d, n, b) = Toy(seed);
        var chi2 = new PullChiSquare(d, new StatisticalAndShapeVariance(b, sigmaF), sigmaA, background: b);
        var fit = chi2.Minimise(n);
        double aNum = FindMinimum.OfScalarFunction(a => chi2.Evaluate(n, a), 0.0, 1e-12, 10000);
        Assert.That(fit.A, Is.EqualTo(aNum).Within(1e-6));
        Assert.That(fit.Value, Is.EqualTo(chi2.Evaluate(n, aNum)).Within(1e-9 * fit.Value));
        Assert.That(fit.Value, Is.EqualTo(chi2.Evaluate(n, fit.A)).Within(1e-9 * fit.Value)); // the value is the χ² at a*
        Assert.That(chi2.Evaluate(n, fit.A + 1e-3), Is.GreaterThan(fit.Value));
        Assert.That(chi2.Evaluate(n, fit.A - 1e-3), Is.GreaterThan(fit.Value));
    }

    [Test]
    public void SignalAndBackgroundPulls_ClosedFormEqualsNumericMinimum()
    {
        var (d, n, b) = Toy(7);
        var chi2 = new PullChiSquare(d, new StatisticalAndShapeVariance(b, 0.01), 0.1, background: b, sigmaB: 0.05);
        var fit = chi2.Minimise(n);
        var (a, bb) = FindMinimum.OfFunction((x, y) => chi2.Evaluate(n, x, y), 0.0, 0.0, 1e-14, 100000);
        Assert.That(fit.A, Is.EqualTo(a).Within(1e-5));
        Assert.That(fit.B, Is.EqualTo(bb).Within(1e-5));
        Assert.That(fit.Value, Is.EqualTo(chi2.Evaluate(n, fit.A, fit.B)).Within(1e-9 * fit.Value));
        Assert.That(fit.Value, Is.LessThanOrEqualTo(chi2.Evaluate(n, a, bb) + 1e-9));
    }

    [Test]
    public void PullLimits_NoPullAndFreeNormalisation()
    {
        var (d, n, b) = Toy(11);
        var v = new PublishedVariance(d.Select(x => Math.Sqrt(Math.Abs(x)) + 1).ToArray());
        var fixedA = new PullChiSquare(d, v, 0.0, b).Minimise(n);
        Assert.That(fixedA.A, Is.EqualTo(0));
        Assert.That(fixedA.Value, Is.EqualTo(new PullChiSquare(d, v, 0.0, b).Evaluate(n, 0)).Within(1e-12 * fixedA.Value));
        var free = new PullChiSquare(d, v, double.PositiveInfinity, b).Minimise(n);
        // free normalisation: a* = Σ w N r / Σ w N²
        double[] s2 = new double[n.Length];
        v.Compute(n, s2);
        double num = 0, den = 0;
        for (int i = 0; i < n.Length; i++) { double r = d[i] - n[i] - b[i]; num += n[i] * r / s2[i]; den += n[i] * n[i] / s2[i]; }
        Assert.That(free.A, Is.EqualTo(num / den).Within(1e-12));
        // a pull with tiny σ_a tends to no pull, with huge σ_a to the free fit
        Assert.That(new PullChiSquare(d, v, 1e-9, b).Minimise(n).Value, Is.EqualTo(fixedA.Value).Within(1e-6 * fixedA.Value));
        Assert.That(new PullChiSquare(d, v, 1e9, b).Minimise(n).Value, Is.EqualTo(free.Value).Within(1e-9 * fixedA.Value));
    }

    [Test]
    public void SeedEquation229_AsimovAtTheStandardModelIsZero()
    {
        var (_, n, b) = Toy(5);
        var chi2 = new PullChiSquare(n, new StatisticalAndShapeVariance(b, 0.01), 0.02);
        var fit = chi2.Minimise(n);
        Assert.That(fit.Value, Is.EqualTo(0).Within(1e-20));
        Assert.That(fit.A, Is.EqualTo(0).Within(1e-15));
    }

    [Test]
    public void Poisson_MinimumMatchesNumeric_AndApproachesChiSquare()
    {
        var (d0, n, b) = Toy(3);
        var d = d0.Select(x => Math.Max(0, Math.Round(x))).ToArray();
        var pl = new PoissonLikelihood(d, 0.1, b);
        var fit = pl.Minimise(n);
        double aNum = FindMinimum.OfScalarFunction(a => pl.Evaluate(n, a), 0.0, 1e-12, 10000);
        Assert.That(fit.A, Is.EqualTo(aNum).Within(1e-6));
        Assert.That(fit.Value, Is.LessThanOrEqualTo(pl.Evaluate(n, aNum) + 1e-10));
        // Asimov data → 0 at the truth
        var mu = n.Zip(b, (x, y) => x + y).ToArray();
        Assert.That(new PoissonLikelihood(mu, 0.1, b).Minimise(n).Value, Is.EqualTo(0).Within(1e-9));
        // large counts: −2 ln λ ≈ Σ (D − μ)²/μ for a small relative deviation
        var big = n.Select(x => x * 1e6).ToArray();
        var dBig = big.Select((x, i) => x * (1 + 1e-3 * Math.Sin(i))).ToArray();
        double p = new PoissonLikelihood(dBig, 0.0).Minimise(big).Value;
        double c = big.Select((x, i) => (dBig[i] - x) * (dBig[i] - x) / x).Sum();
        Assert.That(p, Is.EqualTo(c).Within(3e-3 * c));
    }

    [Test]
    public void Poisson_ZeroCountsAndFreeNormalisation()
    {
        double[] n = [3, 2, 1, 0.5];
        double[] d = [6, 4, 0, 1];
        var pl = new PoissonLikelihood(d, double.PositiveInfinity);
        var fit = pl.Minimise(n);
        // free normalisation, no background: (1 + a) Σ N = Σ D
        Assert.That(1 + fit.A, Is.EqualTo(d.Sum() / n.Sum()).Within(1e-10));
    }
}

/// <summary>Bins where nothing is predicted, expected or observed.</summary>
public class EmptyBinTests
{
    [NUnit.Framework.Test]
    public void AnEmptyBinIsSkippedButAZeroVarianceBinWithDataIsAnError()
    {
        var chi = new NuDM.App.Statistics.PullChiSquare([0.0, 10.0], new NuDM.App.Statistics.StatisticalAndShapeVariance([0.0, 0.0], 0.0), 0.1, [0.0, 0.0]);
        var fit = chi.Minimise([0.0, 10.0]);
        NUnit.Framework.Assert.That(fit.Value, NUnit.Framework.Is.EqualTo(0.0).Within(1e-12));
        var bad = new NuDM.App.Statistics.PullChiSquare([1.0, 10.0], new NuDM.App.Statistics.StatisticalAndShapeVariance([0.0, 0.0], 0.0), 0.1, [0.0, 0.0]);
        NUnit.Framework.Assert.Throws<InvalidOperationException>(() => bad.Minimise([0.0, 10.0]));
    }
}
