namespace NuDM.App.Statistics;

/// <summary>Result of minimising a binned statistic over its nuisance parameters.</summary>
/// <param name="Value">The minimum: χ² or −2 ln λ.</param>
/// <param name="A">Best signal normalisation pull a (prediction scaled by 1 + a).</param>
/// <param name="B">Best background normalisation pull b (0 when there is none).</param>
public readonly record struct PullFit(double Value, double A, double B);

/// <summary>A binned test statistic minimised over its nuisance parameters for a predicted signal N_i.</summary>
public interface IBinnedStatistic
{
    /// <summary>Number of bins.</summary>
    int BinCount { get; }

    /// <summary>The statistic for predicted signal counts N_i (SM + new physics), minimised over the pulls. Thread-safe, no allocation.</summary>
    PullFit Minimise(ReadOnlySpan<double> prediction);
}

/// <summary>
/// The χ² of seed 001 eq. (2.29) with a normalisation pull, generalised by an optional background pull:
/// <code>
/// χ²(a, b) = Σ_i [(1 + a) N_i + (1 + b) B_i − D_i]² / σ_i² + a²/σ_a² + b²/σ_b²,
/// </code>
/// with σ_i² from an <see cref="IBinVariance"/> evaluated at the prediction N_i (seed 001 eq. (2.30); fixed in a),
/// data D_i (observed, or Asimov = the SM prediction) and B_i the background included in the model (0 for
/// background-subtracted residuals). χ² is quadratic in (a, b), so the minimum is closed-form:
/// with w_i = 1/σ_i², r_i = D_i − N_i − B_i and one pull,
/// <code>
/// a* = Σ w N r / (Σ w N² + 1/σ_a²),   χ²_min = Σ w r² − (Σ w N r)² / (Σ w N² + 1/σ_a²);
/// </code>
/// with both pulls the 2×2 normal equations are solved the same way. σ_a = 0 fixes a = 0; σ_a = ∞ leaves it free.
/// </summary>
public sealed class PullChiSquare : IBinnedStatistic
{
    private readonly double[] data, background;
    private readonly IBinVariance variance;

    /// <summary>Creates the χ².</summary>
    /// <param name="data">D_i: observed counts / residuals, or Asimov data.</param>
    /// <param name="variance">Per-bin variance model.</param>
    /// <param name="sigmaA">σ_a ≥ 0 (fraction); 0 = no signal pull; +∞ = free normalisation.</param>
    /// <param name="background">B_i added to the prediction (null = none).</param>
    /// <param name="sigmaB">σ_b ≥ 0 of a background pull (0 = none).</param>
    public PullChiSquare(IReadOnlyList<double> data, IBinVariance variance, double sigmaA, IReadOnlyList<double>? background = null, double sigmaB = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        this.variance = variance ?? throw new ArgumentNullException(nameof(variance));
        if (variance.BinCount != data.Count) throw new ArgumentException($"variance model has {variance.BinCount} bins, data {data.Count}");
        if (background is not null && background.Count != data.Count) throw new ArgumentException($"background has {background.Count} bins, data {data.Count}");
        if (!(sigmaA >= 0)) throw new ArgumentOutOfRangeException(nameof(sigmaA), sigmaA, "σ_a must be ≥ 0 (or +∞)");
        if (!(sigmaB >= 0)) throw new ArgumentOutOfRangeException(nameof(sigmaB), sigmaB, "σ_b must be ≥ 0 (or +∞)");
        foreach (var d in data) if (!double.IsFinite(d)) throw new ArgumentException("data must be finite", nameof(data));
        this.data = data.ToArray();
        this.background = background?.ToArray() ?? new double[data.Count];
        SigmaA = sigmaA;
        SigmaB = sigmaB;
    }

    /// <summary>σ_a.</summary>
    public double SigmaA { get; }

    /// <summary>σ_b.</summary>
    public double SigmaB { get; }

    /// <inheritdoc/>
    public int BinCount => data.Length;

    /// <summary>χ² at given pulls (no minimisation).</summary>
    public double Evaluate(ReadOnlySpan<double> prediction, double a, double b = 0)
    {
        int n = CheckLength(prediction);
        Span<double> v = n <= 512 ? stackalloc double[n] : new double[n];
        variance.Compute(prediction, v);
        double chi2 = 0;
        for (int i = 0; i < n; i++)
        {
            if (IsEmpty(i, prediction, v)) continue;
            double d = (1 + a) * prediction[i] + (1 + b) * background[i] - data[i];
            chi2 += d * d / v[i];
        }
        return chi2 + Penalty(a, SigmaA) + Penalty(b, SigmaB);
    }

    /// <inheritdoc/>
    public PullFit Minimise(ReadOnlySpan<double> prediction)
    {
        int n = CheckLength(prediction);
        Span<double> v = n <= 512 ? stackalloc double[n] : new double[n];
        variance.Compute(prediction, v);
        double snn = 0, sbb = 0, snb = 0, snr = 0, sbr = 0, srr = 0;
        for (int i = 0; i < n; i++)
        {
            if (IsEmpty(i, prediction, v)) continue;
            double w = 1 / v[i], s = prediction[i], bk = background[i], r = data[i] - s - bk;
            snn += w * s * s; sbb += w * bk * bk; snb += w * s * bk;
            snr += w * s * r; sbr += w * bk * r; srr += w * r * r;
        }
        bool freeA = SigmaA > 0, freeB = SigmaB > 0 && sbb > 0;
        double ia = double.IsPositiveInfinity(SigmaA) ? 0 : freeA ? 1 / (SigmaA * SigmaA) : 0;
        double ib = double.IsPositiveInfinity(SigmaB) ? 0 : freeB ? 1 / (SigmaB * SigmaB) : 0;
        double aBest = 0, bBest = 0;
        double m11 = snn + ia, m22 = sbb + ib, m12 = snb, det = m11 * m22 - m12 * m12;
        if (freeA && freeB && det > 0)
        {
            aBest = (m22 * snr - m12 * sbr) / det;
            bBest = (m11 * sbr - m12 * snr) / det;
        }
        else if (freeA && m11 > 0) aBest = snr / m11;
        else if (freeB && m22 > 0) bBest = sbr / m22;
        // χ² evaluated directly at the optimum (Σ w r² − a Σ w N r would cancel catastrophically for huge signals)
        double chi2 = 0;
        for (int i = 0; i < n; i++)
        {
            if (IsEmpty(i, prediction, v)) continue;
            double d = (1 + aBest) * prediction[i] + (1 + bBest) * background[i] - data[i];
            chi2 += d * d / v[i];
        }
        chi2 += ia * aBest * aBest + ib * bBest * bBest;
        return new PullFit(chi2, aBest, bBest);
    }

    /// <summary>
    /// A bin with zero variance carries information only if something is predicted or observed there: when prediction,
    /// background and data all vanish its term is 0/0 and it is skipped; otherwise zero variance is an error.
    /// </summary>
    private bool IsEmpty(int i, ReadOnlySpan<double> prediction, ReadOnlySpan<double> v)
    {
        if (v[i] > 0) return false;
        if (prediction[i] == 0 && background[i] == 0 && data[i] == 0) return true;
        throw new InvalidOperationException($"bin {i}: variance {v[i]} is not > 0 (prediction {prediction[i]}, background {background[i]}, data {data[i]})");
    }

    /// <summary>The Gaussian pull penalty (x/σ)²: 0 for a free parameter (σ = +∞); for a fixed one (σ = 0) 0 at x = 0, else +∞.</summary>
    internal static double Penalty(double x, double sigma) =>
        double.IsPositiveInfinity(sigma) ? 0 : sigma > 0 ? x * x / (sigma * sigma) : (x == 0 ? 0 : double.PositiveInfinity);

    private int CheckLength(ReadOnlySpan<double> prediction)
    {
        if (prediction.Length != data.Length) throw new ArgumentException($"prediction has {prediction.Length} bins, the χ² {data.Length}");
        return data.Length;
    }
}
