namespace NuDM.App.Statistics;

/// <summary>Per-bin variance of a χ² from the predicted counts (which include new physics).</summary>
public interface IBinVariance
{
    /// <summary>Number of bins.</summary>
    int BinCount { get; }

    /// <summary>Writes the variance of each bin for the predicted signal counts N_i into <paramref name="variance"/>.</summary>
    void Compute(ReadOnlySpan<double> prediction, Span<double> variance);

    /// <summary>Formula with its numbers.</summary>
    string Description { get; }
}

/// <summary>
/// Seed 001 eq. (2.30): σ²_i = σ²_stat,i + σ²_sys,i with σ_stat,i = √(N_i + N_bkg,i) and σ_sys,i = σ_f (N_i + N_bkg,i).
/// </summary>
public sealed class StatisticalAndShapeVariance : IBinVariance
{
    private readonly double[] background;

    /// <summary>Creates the variance model from the background per bin and σ_f (fraction).</summary>
    public StatisticalAndShapeVariance(IReadOnlyList<double> background, double sigmaF)
    {
        ArgumentNullException.ThrowIfNull(background);
        if (!(double.IsFinite(sigmaF) && sigmaF >= 0)) throw new ArgumentOutOfRangeException(nameof(sigmaF), sigmaF, "σ_f must be finite and ≥ 0");
        foreach (var b in background) if (!(double.IsFinite(b) && b >= 0)) throw new ArgumentException($"background counts must be finite and ≥ 0, got {b}", nameof(background));
        this.background = background.ToArray();
        SigmaF = sigmaF;
    }

    /// <summary>σ_f.</summary>
    public double SigmaF { get; }

    /// <inheritdoc/>
    public int BinCount => background.Length;

    /// <inheritdoc/>
    public void Compute(ReadOnlySpan<double> prediction, Span<double> variance)
    {
        for (int i = 0; i < background.Length; i++)
        {
            double n = prediction[i] + background[i];
            variance[i] = n + SigmaF * SigmaF * n * n;
        }
    }

    /// <inheritdoc/>
    public string Description => $"σ² = (N + N_bkg) + ({SigmaF:G4} (N + N_bkg))²  [seed 001 eq. (2.30)]";
}

/// <summary>
/// Published per-bin uncertainties used directly (seed 001 for COHERENT 2017: combined stat.+syst. error bars), optionally
/// plus a shape term (σ_f N_i)².
/// </summary>
public sealed class PublishedVariance : IBinVariance
{
    private readonly double[] sigma2;

    /// <summary>Creates the model from the published 1σ uncertainties per bin (each &gt; 0).</summary>
    public PublishedVariance(IReadOnlyList<double> sigma, double sigmaF = 0)
    {
        ArgumentNullException.ThrowIfNull(sigma);
        foreach (var s in sigma) if (!(double.IsFinite(s) && s > 0)) throw new ArgumentException($"published uncertainties must be finite and > 0, got {s}", nameof(sigma));
        if (!(double.IsFinite(sigmaF) && sigmaF >= 0)) throw new ArgumentOutOfRangeException(nameof(sigmaF), sigmaF, "σ_f must be finite and ≥ 0");
        sigma2 = sigma.Select(s => s * s).ToArray();
        SigmaF = sigmaF;
    }

    /// <summary>σ_f.</summary>
    public double SigmaF { get; }

    /// <inheritdoc/>
    public int BinCount => sigma2.Length;

    /// <inheritdoc/>
    public void Compute(ReadOnlySpan<double> prediction, Span<double> variance)
    {
        for (int i = 0; i < sigma2.Length; i++) variance[i] = sigma2[i] + SigmaF * SigmaF * prediction[i] * prediction[i];
    }

    /// <inheritdoc/>
    public string Description => SigmaF > 0 ? $"σ² = σ_published² + ({SigmaF:G4} N)²" : "σ² = σ_published² (combined, as published)";
}
