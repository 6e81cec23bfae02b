using MathNet.Numerics.Integration;
using NUnit.Framework;
using NuDM.App.Statistics.Likelihood;

namespace NuDM.App.Tests.Fits;

/// <summary>
/// The arrival-time densities of the SNS likelihoods (CsI 2021, LAr 2020): a Gaussian beam pulse followed by the pion
/// decay (prompt ν_μ) or by the pion then the muon decay (delayed ν_e, ν̄_μ). Checked against their definitions as
/// densities of sums of independent times — normalisation, mean (μ + τ, μ + τ₁ + τ₂) and the convolution integral done
/// numerically — with the SNS values (pulse σ = 0.155 μs, τ_π = 0.026033 μs, τ_μ = 2.1969811 μs, PDG 2024).
/// </summary>
public class ArrivalTimeDensityTests
{
    private const double Mean = 0.44, Sigma = 0.155, TauPi = 0.026033, TauMu = 2.1969811;

    private static double Integral(Func<double, double> f, double a, double b) =>
        GaussKronrodRule.Integrate(f, a, b, out _, out _, 1e-12, 15, 20);

    [TestCase(TauPi)]
    [TestCase(TauMu)]
    public void TheExponentiallyModifiedGaussianIsADensityWithMeanMuPlusTau(double tau)
    {
        double hi = Mean + 40 * tau + 10 * Sigma, lo = Mean - 10 * Sigma;
        double norm = Integral(t => Distributions.ExponentiallyModifiedGaussian(t, Mean, Sigma, tau), lo, hi);
        double mean = Integral(t => t * Distributions.ExponentiallyModifiedGaussian(t, Mean, Sigma, tau), lo, hi);
        Assert.That(norm, Is.EqualTo(1).Within(1e-8));
        Assert.That(mean, Is.EqualTo(Mean + tau).Within(1e-7));
    }

    [TestCase(0.3)]
    [TestCase(0.5)]
    [TestCase(1.2)]
    [TestCase(4.0)]
    public void TheExponentiallyModifiedGaussianIsTheConvolutionOfItsTwoParts(double t)
    {
        // f(t) = ∫₀^∞ (1/τ) e^{−s/τ} N(t − s; μ, σ) ds
        double Gauss(double x) => Math.Exp(-0.5 * (x - Mean) * (x - Mean) / (Sigma * Sigma)) / (Sigma * Math.Sqrt(2 * Math.PI));
        double direct = Integral(s => Math.Exp(-s / TauMu) / TauMu * Gauss(t - s), 0, 60 * TauMu);
        Assert.That(Distributions.ExponentiallyModifiedGaussian(t, Mean, Sigma, TauMu), Is.EqualTo(direct).Within(1e-9 * Math.Max(direct, 1e-3)));
    }

    [TestCase(0.3)]
    [TestCase(1.0)]
    [TestCase(3.0)]
    public void TheDecayChainDensityIsTheConvolutionOfThePromptDensityWithTheMuonDecay(double t)
    {
        // G + E_π + E_μ: the prompt density (G + E_π) convolved with the muon's exponential
        double direct = Integral(s => Math.Exp(-s / TauMu) / TauMu * Distributions.ExponentiallyModifiedGaussian(t - s, Mean, Sigma, TauPi), 0, 60 * TauMu);
        Assert.That(Distributions.GaussianPlusTwoExponentials(t, Mean, Sigma, TauPi, TauMu), Is.EqualTo(direct).Within(1e-8 * Math.Max(direct, 1e-3)));
        double norm = Integral(x => Distributions.GaussianPlusTwoExponentials(x, Mean, Sigma, TauPi, TauMu), Mean - 10 * Sigma, Mean + 60 * TauMu);
        Assert.That(norm, Is.EqualTo(1).Within(1e-8));
    }

    [Test]
    public void EqualLifetimesAreRefusedNamingTheParameter()
    {
        var e = Assert.Throws<ArgumentException>(() => Distributions.GaussianPlusTwoExponentials(1, Mean, Sigma, 1, 1));
        Assert.That(e!.ParamName, Is.EqualTo("tau2"));
    }
}
