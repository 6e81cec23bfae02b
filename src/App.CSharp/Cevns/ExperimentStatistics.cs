using NuDM.App.Experiments;
using NuDM.App.Statistics;

namespace NuDM.App.Cevns;

/// <summary>Builds the test statistic of an experiment: its data (or Asimov data), backgrounds, uncertainties and σ_a, σ_f.</summary>
public static class ExperimentStatistics
{
    /// <summary>Asimov data: the SM prediction plus the background, bin by bin.</summary>
    public static double[] Asimov(IReadOnlyList<double> standardModel, IReadOnlyList<double> background)
    {
        if (standardModel.Count != background.Count) throw new ArgumentException($"SM ({standardModel.Count}) and background ({background.Count}) differ in length");
        return standardModel.Select((s, i) => s + background[i]).ToArray();
    }

    /// <summary>
    /// Why a Poisson likelihood cannot be built for the experiment's data (null when it can): it needs counts, so
    /// Asimov data (also used when there are no data), or observed data that are non-negative integers and not
    /// background-subtracted residuals.
    /// </summary>
    public static string? PoissonObstacle(CevnsExperiment experiment, bool asimov)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        if (asimov || experiment.Observed is null) return null;
        var observed = experiment.Observed;
        return observed.BackgroundSubtracted || observed.Counts.Any(d => d < 0 || d != Math.Floor(d))
            ? "a Poisson likelihood needs observed counts, but the published data are background-subtracted residuals"
            : null;
    }

    /// <summary>
    /// The statistic for <paramref name="experiment"/>. Data: the observed spectrum, or Asimov (SM + background) when
    /// there is none or <paramref name="asimov"/> is true. The model is (1 + a) N_i + B_i with B_i the experiment's background.
    /// χ² variance: the published uncertainties (as data, or scaled for future variants) plus (σ_f N)², else
    /// (N + B) + (σ_f (N + B))² (seed 001 eq. (2.30)).
    /// </summary>
    public static IBinnedStatistic Create(CevnsExperiment experiment, IReadOnlyList<double> standardModel, StatisticKind kind = StatisticKind.ChiSquare, bool asimov = false)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(standardModel);
        int n = experiment.Bins.Count;
        if (standardModel.Count != n) throw new ArgumentException($"{experiment.Id}: SM prediction has {standardModel.Count} bins, the experiment {n}", nameof(standardModel));
        var background = experiment.Background;
        var sys = experiment.Systematics;
        bool useAsimov = asimov || experiment.Observed is null;
        var data = useAsimov ? Asimov(standardModel, background) : experiment.Observed!.Counts.ToArray();
        if (kind == StatisticKind.Poisson)
        {
            if (PoissonObstacle(experiment, asimov) is { } why)
                throw new InvalidOperationException($"{experiment.Id}: {why} (use the χ² or asimov: true)");
            return new PoissonLikelihood(data, sys.SigmaA, background);
        }
        IReadOnlyList<double>? published = useAsimov ? experiment.PublishedUncertainty : experiment.Observed!.Uncertainty;
        IBinVariance variance = published is not null
            ? new PublishedVariance(published, sys.SigmaF)
            : new StatisticalAndShapeVariance(background, sys.SigmaF);
        return new PullChiSquare(data, variance, sys.SigmaA, background);
    }
}
