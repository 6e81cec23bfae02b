using NuDM.App.Statistics;
using NUnit.Framework;

namespace NuDM.App.Tests.Statistics;

/// <summary>Limit finding against closed-form crossings, and "no constraint" detection.</summary>
public class LimitTests
{
    private static readonly double[] Sm = Enumerable.Range(0, 25).Select(i => 2 + 30 * Math.Exp(-i / 6.0)).ToArray();
    private static readonly double[] Shape = Enumerable.Range(0, 25).Select(i => 1e6 * (i + 1) * Math.Exp(-i / 3.0)).ToArray();
    private static readonly double[] Sigma = Enumerable.Range(0, 25).Select(i => 3 + 0.2 * i).ToArray();

    /// <summary>
    /// N = (1 + a)(N_SM + u s), u = g⁴, Asimov D = N_SM, fixed σ_i: with P = Σ N s/σ², Q = Σ s²/σ², R' = Σ N²/σ² + 1/σ_a²,
    /// χ²_min(u) = u² (Q R' − P²)/(R' + 2uP + u²Q). Setting it to t gives (Q R' − P² − tQ) u² − 2tP u − t R' = 0,
    /// so g⁴ = u* solves a quadratic: g is the root of a quartic.
    /// </summary>
    [TestCase(0.02)]
    [TestCase(0.28)]
    [TestCase(double.PositiveInfinity)]
    public void QuarticCrossing_MatchesClosedForm(double sigmaA)
    {
        var stat = new PullChiSquare(Sm, new PublishedVariance(Sigma), sigmaA);
        double t = ConfidenceLevels.DeltaChiSquare(0.9, 1);
        double P = 0, Q = 0, R = double.IsPositiveInfinity(sigmaA) ? 0 : 1 / (sigmaA * sigmaA);
        for (int i = 0; i < Sm.Length; i++)
        {
            double w = 1 / (Sigma[i] * Sigma[i]);
            P += w * Sm[i] * Shape[i]; Q += w * Shape[i] * Shape[i]; R += w * Sm[i] * Sm[i];
        }
        double qa = Q * R - P * P - t * Q, qb = -2 * t * P, qc = -t * R;
        double u = (-qb + Math.Sqrt(qb * qb - 4 * qa * qc)) / (2 * qa);
        double gExact = Math.Pow(u, 0.25);
        var result = LimitFinder.UpperLimit(stat, Sm, Shape, 4, new LimitOptions { RelativeAccuracy = 1e-12 });
        Assert.That(result.Status, Is.EqualTo(LimitStatus.Constrained));
        Assert.That(result.Value, Is.EqualTo(gExact).Within(1e-9 * gExact));
        TestContext.Out.WriteLine($"σ_a = {sigmaA}: g = {result.Value:G12} (exact {gExact:G12}), {result.Evaluations} χ² evaluations");
    }

    [Test]
    public void GeneralDeltaChiSquare_Crossing()
    {
        // Δχ² = (g/g0)^8 t crosses t at g0 exactly
        const double g0 = 3.7e-5;
        double t = 2.705543454095404;
        var r = LimitFinder.UpperLimit(g => Math.Pow(g / g0, 8) * t, new LimitOptions { RelativeAccuracy = 1e-12 });
        Assert.That(r.Value, Is.EqualTo(g0).Within(1e-10 * g0));
        Assert.That(r.Evaluations, Is.LessThan(80));
    }

    [Test]
    public void VanishingSignal_IsNoConstraint_NotANumber()
    {
        var stat = new PullChiSquare(Sm, new PublishedVariance(Sigma), 0.1);
        var r = LimitFinder.UpperLimit(stat, Sm, new double[Sm.Length], 4);
        Assert.That(r.Status, Is.EqualTo(LimitStatus.NoConstraint));
        Assert.That(double.IsNaN(r.Value), Is.True);
        Assert.That(r.Reason, Does.Contain("vanishes"));
        Assert.That(r.ToString(), Does.StartWith("no constraint"));
    }

    [Test]
    public void ThresholdNeverReached_IsNoConstraint()
    {
        var stat = new PullChiSquare(Sm, new PublishedVariance(Sigma), 0.1);
        var tiny = Shape.Select(x => x * 1e-30).ToArray();
        var r = LimitFinder.UpperLimit(stat, Sm, tiny, 4, new LimitOptions { UpperBound = 10 });
        Assert.That(r.Status, Is.EqualTo(LimitStatus.NoConstraint));
        Assert.That(r.Reason, Does.Contain("stays below"));
    }

    [Test]
    public void AlreadyExcludedAtLowerBound()
    {
        var r = LimitFinder.UpperLimit(g => 100.0, new LimitOptions { LowerBound = 1e-6 });
        Assert.That(r.Status, Is.EqualTo(LimitStatus.ExcludedAtLowerBound));
        Assert.That(r.Value, Is.EqualTo(1e-6));
    }

    [Test]
    public void BestFitReference_WithAnExcess()
    {
        // data = SM + u0 s (an excess); without a pull χ²(u) = Q (u − u0)², Q = Σ s²/σ².
        double Q = Shape.Select((s, i) => s * s / (Sigma[i] * Sigma[i])).Sum();
        double t = new LimitOptions().Threshold;
        double u0 = 0.8 * Math.Sqrt(t / Q);
        var stat = new PullChiSquare(Sm.Select((x, i) => x + u0 * Shape[i]).ToArray(), new PublishedVariance(Sigma), 0.0);
        var rSm = LimitFinder.UpperLimit(stat, Sm, Shape, 4, new LimitOptions { Reference = LimitReference.StandardModel, RelativeAccuracy = 1e-12 });
        var rBf = LimitFinder.UpperLimit(stat, Sm, Shape, 4, new LimitOptions { Reference = LimitReference.BestFit, RelativeAccuracy = 1e-12 });
        // best fit: Q (u − u0)² = t → u = u0 + √(t/Q); from the SM: Q u (u − 2 u0) = t → u = u0 + √(u0² + t/Q)
        Assert.That(rBf.Status, Is.EqualTo(LimitStatus.Constrained));
        Assert.That(rBf.Value, Is.EqualTo(Math.Pow(u0 + Math.Sqrt(t / Q), 0.25)).Within(1e-8 * rBf.Value));
        Assert.That(rSm.Value, Is.EqualTo(Math.Pow(u0 + Math.Sqrt(u0 * u0 + t / Q), 0.25)).Within(1e-8 * rSm.Value));
    }
}
