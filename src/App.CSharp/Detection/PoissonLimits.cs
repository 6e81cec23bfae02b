using MathNet.Numerics;
using MathNet.Numerics.RootFinding;
using NuDM.Physics;

namespace NuDM.App.Detection;

/// <summary>
/// Exact Poisson upper limits on a signal mean for a counting experiment with n observed events and a known
/// expected background b, by the CLs construction (A. L. Read, J. Phys. G 28 (2002) 2693; PDG 2024 "Statistics"
/// review, sec. 40.4.2.4): the limit s_up solves
/// CLs(s) = P(N ≤ n | s + b) / P(N ≤ n | b) = 1 − CL, with P(N ≤ n | μ) = Q(n + 1, μ) the regularised upper incomplete
/// gamma function (MathNet SpecialFunctions.GammaUpperRegularized), found with Brent's method.
/// For b = 0 this is the classical (Neyman) one-sided Poisson upper limit: n = 0 gives ln 10 = 2.303 events at 90 % CL,
/// and for n = 0 the result is 2.303 for every b (CLs never excludes more than a background-free experiment).
/// Unlike background subtraction, s_up(n, b) = μ_up(n) − b, CLs stays positive and conservative when n &lt; b.
/// </summary>
public static class PoissonLimits
{
    /// <summary>P(N ≤ n | μ) for a Poisson mean μ ≥ 0.</summary>
    public static double Cdf(int n, double mean)
    {
        Argument.Count("n", n);
        Argument.NonNegative("mean", mean, "events");
        return mean == 0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(n + 1, mean);
    }

    /// <summary>CLs(s) = P(N ≤ n | s + b)/P(N ≤ n | b) for signal s ≥ 0, n observed, background b ≥ 0 (events).</summary>
    public static double CLs(double signal, int observed, double background)
    {
        Argument.NonNegative("signal", signal, "events");
        return Cdf(observed, signal + background) / Cdf(observed, background);
    }

    /// <summary>
    /// The CLs upper limit (events) on the signal mean at confidence level <paramref name="cl"/> ∈ (0, 1), for
    /// <paramref name="observed"/> ≥ 0 events and expected background <paramref name="background"/> ≥ 0.
    /// </summary>
    public static double UpperLimit(int observed, double background = 0.0, double cl = 0.90)
    {
        Argument.Count("observed", observed);
        Argument.NonNegative("background", background, "events");
        Argument.InOpenInterval("cl", cl, 0, 1, "");
        double alpha = 1 - cl;
        double f(double s) => CLs(s, observed, background) - alpha;
        double hi = observed + 10 + 10 * Math.Sqrt(observed + 1.0); // numerics: a bracket for the root
        while (f(hi) > 0) hi *= 2;
        return Brent.FindRoot(f, 0.0, hi, 1e-13 * Math.Max(1, hi), 200);
    }

    /// <summary>The median of Poisson(b): the smallest n with P(N ≤ n | b) ≥ 1/2.</summary>
    public static int MedianCount(double background)
    {
        Argument.NonNegative("background", background, "events");
        int n = Math.Max(0, (int)Math.Floor(background - 3 * Math.Sqrt(background) - 3)); // numerics: start of the search, 3σ below the mean
        while (Cdf(n, background) < 0.5) n++;
        return n;
    }

    /// <summary>The median expected CLs limit (events) of a background-only experiment: UpperLimit(MedianCount(b), b).
    /// Used to choose a bin before looking at its count.</summary>
    public static double ExpectedUpperLimit(double background, double cl = 0.90) => UpperLimit(MedianCount(background), background, cl);
}
