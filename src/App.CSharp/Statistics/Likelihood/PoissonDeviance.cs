namespace NuDM.App.Statistics.Likelihood;

/// <summary>
/// The binned Poisson deviance −2 ln(L/L_sat) = 2 Σ_i [μ_i − n_i + n_i ln(n_i/μ_i)] (the term n ln(n/μ) is 0 for n = 0):
/// −2 ln L up to the μ-independent constant of the saturated model, so that its value at the best fit is the goodness of
/// fit (asymptotically χ² with bins − free parameters degrees of freedom). n may be non-integer (Asimov data).
/// </summary>
public static class PoissonDeviance
{
    /// <summary>
    /// Expected counts below this floor are raised to it: an interpolated template may dip below 0 far outside its ±1σ
    /// range, and ln μ needs μ &gt; 0. 1e-12 events is far below any bin content a fit reaches.
    /// </summary>
    public const double ExpectedFloor = 1e-12;

    /// <summary>2 Σ_i [μ_i − n_i + n_i ln(n_i/μ_i)] over the bins (no allocation).</summary>
    public static double Of(ReadOnlySpan<double> observed, ReadOnlySpan<double> expected)
    {
        if (observed.Length != expected.Length) throw new ArgumentException($"observed ({observed.Length}) and expected ({expected.Length}) differ in length");
        double s = 0;
        for (int i = 0; i < observed.Length; i++)
        {
            double mu = expected[i] > ExpectedFloor ? expected[i] : ExpectedFloor, n = observed[i];
            s += n > 0 ? mu - n + n * Math.Log(n / mu) : mu;
        }
        return 2 * s;
    }
}
