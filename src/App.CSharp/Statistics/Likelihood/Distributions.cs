using MathNet.Numerics;

namespace NuDM.App.Statistics.Likelihood;

/// <summary>
/// Densities of sums of independent random variables that template models need (times in any one unit):
/// a Gaussian plus an exponential (the exponentially modified Gaussian), and a Gaussian plus two exponentials in
/// sequence (a two-stage decay chain smeared by a Gaussian).
/// </summary>
public static class Distributions
{
    /// <summary>
    /// Density of X = G + E with G ~ N(μ, σ²) and E ~ Exp(mean τ) (the exponentially modified Gaussian):
    /// f(t) = (1/τ) exp(σ²/(2τ²) − (t − μ)/τ) Φ((t − μ)/σ − σ/τ), Φ the standard normal CDF. Finite for
    /// (σ/τ)² + |t − μ|/τ below ~700.
    /// </summary>
    public static double ExponentiallyModifiedGaussian(double t, double mean, double sigma, double tau)
    {
        double z = (t - mean) / sigma - sigma / tau;
        double phi = 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));
        if (phi == 0) return 0;
        return Math.Exp(0.5 * sigma * sigma / (tau * tau) - (t - mean) / tau) * phi / tau;
    }

    /// <summary>
    /// Density of X = G + E₁ + E₂ with G ~ N(μ, σ²), E₁ ~ Exp(mean τ₁), E₂ ~ Exp(mean τ₂), τ₁ ≠ τ₂ (a decay chain whose
    /// parent lives τ₁ and daughter τ₂, started at a Gaussian time): the chain's density (e^{−t/τ₂} − e^{−t/τ₁})/(τ₂ − τ₁)
    /// convolved with the Gaussian, [τ₂ EMG(t; τ₂) − τ₁ EMG(t; τ₁)]/(τ₂ − τ₁).
    /// </summary>
    public static double GaussianPlusTwoExponentials(double t, double mean, double sigma, double tau1, double tau2)
    {
        if (!(tau1 != tau2)) throw new ArgumentException("the two lifetimes must differ", nameof(tau2));
        return (tau2 * ExponentiallyModifiedGaussian(t, mean, sigma, tau2) - tau1 * ExponentiallyModifiedGaussian(t, mean, sigma, tau1)) / (tau2 - tau1);
    }
}
