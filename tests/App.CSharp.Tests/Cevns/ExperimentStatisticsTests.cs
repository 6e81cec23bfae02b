using NuDM.App.Cevns;
using NuDM.App.Experiments;
using NuDM.App.Statistics;
using NUnit.Framework;

namespace NuDM.App.Tests.Cevns;

/// <summary>The per-experiment statistic reproduces seed 001's choices.</summary>
public class ExperimentStatisticsTests
{
    private static double[] Sm(int n) => Enumerable.Range(0, n).Select(i => 10.0 + 50 * Math.Exp(-i / 5.0)).ToArray();

    [Test]
    public void Asimov_IsZeroAtTheSM_ForEveryExperiment()
    {
        foreach (var id in ExperimentRegistry.Ids)
        {
            var x = ExperimentRegistry.Load(id);
            var sm = Sm(x.Bins.Count);
            Assert.That(ExperimentStatistics.Create(x, sm, asimov: true).Minimise(sm).Value, Is.EqualTo(0).Within(1e-9), id);
            Assert.That(ExperimentStatistics.Create(x, sm, StatisticKind.Poisson, asimov: true).Minimise(sm).Value, Is.EqualTo(0).Within(1e-9), id);
        }
    }

    [Test]
    public void Conus_IsSeedEquation229()
    {
        // [(1 + a) N − N_SM]² / ((N + B) + (σ_f (N + B))²) + a²/σ_a² with Asimov N_SM: B cancels in the numerator
        var x = ExperimentRegistry.Load("conus");
        var sm = Sm(x.Bins.Count);
        var n = sm.Select((s, i) => s * (1 + 0.05 * Math.Sin(i))).ToArray();
        var seed = new PullChiSquare(sm, new StatisticalAndShapeVariance(x.Background, 0.01), 0.02);
        Assert.That(ExperimentStatistics.Create(x, sm).Minimise(n).Value, Is.EqualTo(seed.Minimise(n).Value).Within(1e-12));
    }

    [Test]
    public void Coherent2017_UsesTheDigitisedResidualsAndTheirErrors()
    {
        var x = ExperimentRegistry.Load("coherent-csi-2017");
        var sm = Sm(25);
        var direct = new PullChiSquare(x.Observed!.Counts, new PublishedVariance(x.PublishedUncertainty!), 0.28);
        Assert.That(ExperimentStatistics.Create(x, sm).Minimise(sm).Value, Is.EqualTo(direct.Minimise(sm).Value).Within(1e-12));
        Assert.Throws<InvalidOperationException>(() => ExperimentStatistics.Create(x, sm, StatisticKind.Poisson));
        // coherent-csi-2021: observed counts → Poisson is allowed
        var y = ExperimentRegistry.Load("coherent-csi-2021");
        Assert.That(ExperimentStatistics.Create(y, Sm(y.Bins.Count), StatisticKind.Poisson), Is.InstanceOf<PoissonLikelihood>());
    }
}
