namespace NuDM.App.Statistics;

/// <summary>Which test statistic a limit uses (the CEvNS analyses build it with NuDM.App.Cevns.ExperimentStatistics).</summary>
public enum StatisticKind
{
    /// <summary>The χ² with pulls of seed 001 eq. (2.29): published per-bin errors when the experiment has them, else eq. (2.30).</summary>
    ChiSquare,
    /// <summary>Poisson log-likelihood ratio with the signal pull (needs counts, not residuals).</summary>
    Poisson,
}
