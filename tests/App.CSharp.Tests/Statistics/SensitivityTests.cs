using NuDM.Physics;
using NuDM.App.Experiments;
using NuDM.App.Rates;
using NuDM.App.Statistics;
using NuDM.App.Tests.Rates;
using NUnit.Framework;
using static NuDM.App.Tests.Rates.ReferencePhysics;

namespace NuDM.App.Tests.Statistics;

/// <summary>
/// End-to-end seed-001 style limits with stand-in physics: COHERENT 2017 (digitised residuals, published errors) and
/// CONUS (Asimov, eq. (2.29)–(2.30)). The numbers are printed for the report; assertions are structural.
/// </summary>
public class SensitivityTests
{
    /// <summary>
    /// A toy reactor ν̄_e flux: the Huber ²³⁵U exp-polynomial (data/cevns/reactor/huber_mueller_coefficients.json) on
    /// [1.8, 10] MeV, normalised to the experiment's total flux. The kernel will supply the real fission mix.
    /// </summary>
    private static FluxSet ToyReactor(CevnsExperiment x)
    {
        double[] a = [4.367, -4.577, 2.100, -0.5294, 0.06186, -0.002777];
        double Shape(double e) { double p = 0, ek = 1; foreach (var c in a) { p += c * ek; ek *= e; } return Math.Exp(p); }
        var rule = new MathNet.Numerics.Integration.GaussLegendreRule(-1, 1, 64);
        var (nodes, weights) = (rule.Abscissas, rule.Weights);
        double norm = 0;
        for (int i = 0; i < nodes.Length; i++) norm += 0.5 * (10 - 1.8) * weights[i] * Shape(5.9 + 4.1 * nodes[i]);
        double k = x.Source.MeanFluxPerFlavour / norm;
        return new FluxSet("test", [new Flux(NeutrinoFlavour.ElectronAntineutrino, e => k * Shape(e), 1.8, 10, "test flux")]);
    }

    [TestCase("conus", 0.0, 0.0)]
    [TestCase("conus", 3.0, 0.0)]
    [TestCase("conus-future", 5.0, 0.0)]
    [TestCase("conus-future", 5.0, 100.0)]
    public void Conus_AsimovSensitivity(string id, double mchi, double ms)
    {
        var x = ExperimentRegistry.Load(id);
        var setup = x.CreateDetectorSetup();
        var flux = ToyReactor(x);
        var sm = RatePlan.Build(setup, flux, StandardModelProcess).Evaluate(StandardModel);
        var process = NewPhysicsProcess(1.0, mchi, ms);
        var plan = RatePlan.Build(setup, flux, process);
        var shape = plan.Evaluate(process.CrossSection);
        // tolerance tenfold tighter: < 0.1 % per bin
        var tight = RatePlan.Build(setup, flux, process, new RateOptions { RelativeTolerance = 1e-5 }).Evaluate(process.CrossSection);
        for (int i = 0; i < shape.Length; i++)
            if (shape[i] > 1e-6 * shape.Sum()) Assert.That(tight[i] / shape[i] - 1, Is.InRange(-1e-3, 1e-3), $"bin {i}");
        // seed 001 eq. (2.29)–(2.30): Asimov D = N_SM, σ² = (N + N_bkg) + (σ_f (N + N_bkg))², pull σ_a
        var chi2 = new PullChiSquare(sm, new StatisticalAndShapeVariance(x.Background, x.Systematics.SigmaF), x.Systematics.SigmaA);
        var limit = LimitFinder.UpperLimit(chi2, sm, shape, 4);
        // the same with a Poisson likelihood (background in the model, Asimov counts)
        var asimov = sm.Zip(x.Background, (s, b) => s + b).ToArray();
        var poisson = LimitFinder.UpperLimit(new PoissonLikelihood(asimov, x.Systematics.SigmaA, x.Background), sm, shape, 4);
        TestContext.Out.WriteLine($"{id} (m_χ, m_S) = ({mchi}, {ms}) MeV: SM {sm.Sum():F1} events over background {x.Background.Sum():F0}; " +
                                  $"90 % CL ȳ < {limit} (χ²), {poisson} (Poisson, no σ_f); {plan.PointCount} points");
        Assert.That(limit.Status, Is.EqualTo(LimitStatus.Constrained));
        Assert.That(poisson.Status, Is.EqualTo(LimitStatus.Constrained));
        Assert.That(poisson.Value, Is.LessThanOrEqualTo(limit.Value * 1.0001)); // without σ_f the Poisson bound is not weaker
    }

    [Test]
    public void Conus_ProducedMassAboveTheReactorSpectrum_IsNoConstraint()
    {
        var x = ExperimentRegistry.Load("conus");
        var setup = x.CreateDetectorSetup();
        var flux = ToyReactor(x);
        var sm = RatePlan.Build(setup, flux, StandardModelProcess).Evaluate(StandardModel);
        var process = NewPhysicsProcess(1.0, 12.0, 0.0); // m_χ = 12 MeV > E_max = 10 MeV
        var plan = RatePlan.Build(setup, flux, process);
        Assert.That(plan.IsEmpty, Is.True);
        var limit = LimitFinder.UpperLimit(new PullChiSquare(sm, new StatisticalAndShapeVariance(x.Background, 0.01), 0.02), sm, plan.Evaluate(process.CrossSection), 4);
        Assert.That(limit.Status, Is.EqualTo(LimitStatus.NoConstraint));
        Assert.That(limit.ToString(), Does.StartWith("no constraint"));
    }

    [TestCase(3.0, 0.0)]
    [TestCase(30.0, 0.0)]
    [TestCase(5.0, 100.0)]
    public void Coherent2017_DataLimit_AndFutureSensitivity(double mchi, double ms)
    {
        var x = ExperimentRegistry.Load("coherent-csi-2017");
        var flux = PionDecayAtRest(x);
        var setup = x.CreateDetectorSetup();
        var sm = RatePlan.Build(setup, flux, StandardModelProcess).Evaluate(StandardModel);
        var process = NewPhysicsProcess(1.0, mchi, ms);
        var shape = RatePlan.Build(setup, flux, process).Evaluate(process.CrossSection);
        // seed 001: the digitised residuals with their combined error bars, pull σ_a
        var data = new PullChiSquare(x.Observed!.Counts, new PublishedVariance(x.PublishedUncertainty!), x.Systematics.SigmaA);
        var limit = LimitFinder.UpperLimit(data, sm, shape, 4);
        var best = LimitFinder.UpperLimit(data, sm, shape, 4, new LimitOptions { Reference = LimitReference.BestFit });

        var f = ExperimentRegistry.Load("coherent-future");
        var fsetup = f.CreateDetectorSetup();
        var fflux = PionDecayAtRest(f);
        var fsm = RatePlan.Build(fsetup, fflux, StandardModelProcess).Evaluate(StandardModel);
        var fshape = RatePlan.Build(fsetup, fflux, process).Evaluate(process.CrossSection);
        for (int i = 0; i < fsm.Length; i++) Assert.That(fsm[i], Is.EqualTo(100 * sm[i]).Within(1e-9 * fsm[i] + 1e-300)); // statistics × 100
        var future = LimitFinder.UpperLimit(new PullChiSquare(fsm, new PublishedVariance(f.PublishedUncertainty!), f.Systematics.SigmaA), fsm, fshape, 4);
        TestContext.Out.WriteLine($"COHERENT 2017 (m_χ, m_S) = ({mchi}, {ms}) MeV: SM {sm.Sum():F1}, new physics at ȳ = 1: {shape.Sum():E3}; " +
                                  $"90 % CL ȳ < {limit} (Δχ² from SM), {best} (from best fit); future (×100) ȳ < {future}");
        Assert.That(limit.Status, Is.EqualTo(LimitStatus.Constrained));
        Assert.That(future.Status, Is.EqualTo(LimitStatus.Constrained));
        Assert.That(future.Value, Is.LessThan(limit.Value));
    }
}
