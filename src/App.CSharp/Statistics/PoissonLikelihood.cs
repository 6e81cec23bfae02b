namespace NuDM.App.Statistics;

/// <summary>
/// Poisson log-likelihood ratio with a signal normalisation pull:
/// <code>
/// −2 ln λ(a) = 2 Σ_i [μ_i − D_i + D_i ln(D_i/μ_i)] + a²/σ_a²,   μ_i = (1 + a) N_i + B_i,
/// </code>
/// (the term D ln(D/μ) is 0 for D = 0), minimised over a. It is convex in a (second derivative
/// 2 Σ D N²/μ² + 2/σ_a² &gt; 0), so a safeguarded Newton iteration finds the unique minimum. D may be non-integer
/// (Asimov data). For large counts it approaches the χ² with σ_i² = μ_i.
/// </summary>
public sealed class PoissonLikelihood : IBinnedStatistic
{
    private readonly double[] data, background;

    /// <summary>Creates the statistic from counts D_i ≥ 0, σ_a ≥ 0 (0 = no pull, +∞ = free) and the background B_i ≥ 0.</summary>
    public PoissonLikelihood(IReadOnlyList<double> data, double sigmaA, IReadOnlyList<double>? background = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var d in data) if (!(double.IsFinite(d) && d >= 0)) throw new ArgumentException($"Poisson data must be finite counts ≥ 0, got {d}", nameof(data));
        if (background is not null)
        {
            if (background.Count != data.Count) throw new ArgumentException($"background has {background.Count} bins, data {data.Count}");
            foreach (var b in background) if (!(double.IsFinite(b) && b >= 0)) throw new ArgumentException($"background must be finite and ≥ 0, got {b}", nameof(background));
        }
        if (!(sigmaA >= 0)) throw new ArgumentOutOfRangeException(nameof(sigmaA), sigmaA, "σ_a must be ≥ 0 (or +∞)");
        this.data = data.ToArray();
        this.background = background?.ToArray() ?? new double[data.Count];
        SigmaA = sigmaA;
    }

    /// <summary>σ_a.</summary>
    public double SigmaA { get; }

    /// <inheritdoc/>
    public int BinCount => data.Length;

    /// <summary>−2 ln λ at a fixed pull a (+∞ if some μ_i ≤ 0 with D_i &gt; 0).</summary>
    public double Evaluate(ReadOnlySpan<double> prediction, double a)
    {
        Check(prediction);
        double s = 0;
        for (int i = 0; i < data.Length; i++)
        {
            double mu = (1 + a) * prediction[i] + background[i], d = data[i];
            if (d > 0)
            {
                if (!(mu > 0)) return double.PositiveInfinity;
                s += mu - d + d * Math.Log(d / mu);
            }
            else s += mu;
        }
        double pen = PullChiSquare.Penalty(a, SigmaA);
        return 2 * s + pen;
    }

    /// <inheritdoc/>
    public PullFit Minimise(ReadOnlySpan<double> prediction)
    {
        Check(prediction);
        if (SigmaA == 0) return new PullFit(Evaluate(prediction, 0), 0, 0);
        double ia = double.IsPositiveInfinity(SigmaA) ? 0 : 1 / (SigmaA * SigmaA);
        // feasible region: μ_i > 0 wherever D_i > 0 → a > aLow
        double aLow = double.NegativeInfinity;
        double sumN = 0;
        for (int i = 0; i < data.Length; i++)
        {
            sumN += prediction[i];
            if (data[i] > 0 && prediction[i] > 0) aLow = Math.Max(aLow, -background[i] / prediction[i] - 1);
        }
        if (!(sumN > 0)) return new PullFit(Evaluate(prediction, 0), 0, 0);
        // gradient g(a) = Σ N (1 − D/μ) + a/σ_a² (half the derivative), increasing in a
        double Grad(double a, ReadOnlySpan<double> n, out double h)
        {
            double g = ia * a;
            h = ia;
            for (int i = 0; i < data.Length; i++)
            {
                double mu = (1 + a) * n[i] + background[i];
                if (data[i] > 0) { g += n[i] * (1 - data[i] / mu); h += data[i] * n[i] * n[i] / (mu * mu); }
                else g += n[i];
            }
            return g;
        }
        double lo = double.IsNegativeInfinity(aLow) ? -1e6 : aLow, hi = 1.0;
        for (int k = 0; k < 200 && Grad(hi, prediction, out _) < 0; k++) hi = hi * 2 + 1;
        double x = Math.Clamp(0.0, lo + 1e-12 * Math.Max(1, Math.Abs(lo)), hi);
        for (int it = 0; it < 200; it++)
        {
            double g = Grad(x, prediction, out double h);
            if (g > 0) hi = x; else lo = x;
            double next = h > 0 ? x - g / h : double.NaN;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (Math.Abs(next - x) <= 1e-13 * Math.Max(1, Math.Abs(x)) || hi - lo <= 1e-14 * Math.Max(1, Math.Abs(x))) { x = next; break; }
            x = next;
        }
        return new PullFit(Evaluate(prediction, x), x, 0);
    }

    private void Check(ReadOnlySpan<double> prediction)
    {
        if (prediction.Length != data.Length) throw new ArgumentException($"prediction has {prediction.Length} bins, the likelihood {data.Length}");
    }
}
