using NuDM.Physics;
using NuDM.App.Experiments;
using NUnit.Framework;

namespace NuDM.App.Tests.Experiments;

/// <summary>The experiment files reproduce the numbers quoted in data/cevns/README.md and seed 001.</summary>
public class PublishedNumberTests
{
    private static CoherentCsI2017 Csi2017 => ExperimentRegistry.Load<CoherentCsI2017>("coherent-csi-2017");

    [Test]
    public void Coherent2017_BinsDataAndExposure()
    {
        var x = Csi2017;
        Assert.That(x.Bins.Count, Is.EqualTo(25));
        Assert.That(x.Bins.ObservableEdges[0], Is.EqualTo(0));
        Assert.That(x.Bins.ObservableEdges[^1], Is.EqualTo(50));
        Assert.That(x.Bins.RecoilEdges[^1], Is.EqualTo(50 / 1.17 * 1e-3).Within(1e-15)); // n_PE = 1.17 T/keV
        Assert.That(x.Observed!.Counts, Has.Count.EqualTo(25));
        Assert.That(x.Observed.Total, Is.EqualTo(148.3).Within(0.01));          // digitised residual sum
        Assert.That(x.Observed.BackgroundSubtracted, Is.True);
        Assert.That(x.PublishedUncertainty!.All(s => s > 1.5 && s < 12), Is.True);
        Assert.That(x.CollaborationPrediction.Sum(), Is.EqualTo(181.7).Within(0.01));
        // fluence per flavour r POT/(4πL²) = 0.08 · 1.76e23 / (4π (1930 cm)²)
        Assert.That(x.Source.FluencePerFlavour, Is.EqualTo(0.08 * 1.76e23 / (4 * Math.PI * 1930.0 * 1930.0)).Within(1e-6 * 3e14));
        Assert.That(x.Source.MeanFluxPerFlavour * x.Source.ExposureSeconds, Is.EqualTo(x.Source.FluencePerFlavour).Within(1e-9 * 3e14));
        Assert.That(x.Source.ExposureSeconds, Is.EqualTo(308.1 * 86400));
        Assert.That(x.Nuclei.Select(n => n.Isotope.Name), Is.EquivalentTo(new[] { "Cs-133", "I-127" }));
        // 2 N_A m/M(CsI) with the atomic molar mass 259.81 g/mol; the kernel divides by nuclear masses (electrons left out), +0.023 %
        Assert.That(x.Nuclei.Sum(n => n.Count), Is.EqualTo(2 * 14.57e3 / 259.81 * 6.02214076e23).Within(5e-4 * 6.8e25));
    }

    [Test]
    public void Coherent2017_ReleaseHistograms()
    {
        var x = Csi2017;
        Assert.That(x.CoincidenceBeamOn.Sum(c => c.Counts), Is.EqualTo(1207));
        Assert.That(x.AntiCoincidenceBeamOn.Sum(c => c.Counts), Is.EqualTo(1032));
        Assert.That(x.ReleaseResidual(0, 50, 6.0), Is.EqualTo(149));   // C − AC, beam on, t ≤ 6 μs, all PE
        Assert.That(x.ReleaseResidual(6, 30, 6.0), Is.EqualTo(142));   // 6–30 PE
        var (c, ac) = x.ReleaseSpectra(6.0);
        Assert.That(c.Sum() - ac.Sum(), Is.EqualTo(149));
        Assert.That(x.CoincidenceBeamOff.Count, Is.EqualTo(600));
    }

    [Test]
    public void Coherent2017_PublishedAcceptanceAgainstDigitisedCurve()
    {
        var x = Csi2017;
        var acc = (LogisticAcceptance)x.Acceptance;
        double worst = 0, worstAt = 0;
        foreach (var (pe, eff) in x.DigitizedAcceptance.Where(p => p.PE >= 5))
        {
            double d = Math.Abs(acc.Logistic(pe) - eff);
            if (d > worst) { worst = d; worstAt = pe; }
        }
        var below = x.DigitizedAcceptance.Where(p => p.PE < 4.6).Max(p => p.Efficiency);
        TestContext.Out.WriteLine($"published logistic vs digitised Fig. S9 (PE ≥ 5): max |Δε| = {worst:F4} at {worstAt:F2} PE; digitised ε below 4.6 PE ≤ {below:E1}; " +
                                  $"at 5.62 PE digitised {x.DigitizedAcceptance.First(p => p.PE > 5.5).Efficiency:F4} vs full logistic {acc.Logistic(5.62):F4} and half weight {acc.Evaluate(5.62):F4}");
        Assert.That(worst, Is.LessThan(0.015));
        Assert.That(below, Is.LessThan(1e-3));
        Assert.That(acc.Evaluate(4.99), Is.EqualTo(0));
        Assert.That(acc.Evaluate(5.5), Is.EqualTo(0.5 * acc.Logistic(5.5)));
        Assert.That(acc.Evaluate(40), Is.EqualTo(0.6655).Within(1e-6));
    }

    [Test]
    public void Coherent2017_ResponseOptions()
    {
        foreach (var model in new[] { "chicago-qf", "tunl-qf", "scintillation-2021" })
        {
            var x = ExperimentRegistry.Load("coherent-csi-2017", new ExperimentOptions { ResponseModel = model });
            Assert.That(x.ResponseModel, Is.EqualTo(model));
            for (int i = 0; i <= x.Bins.Count; i++)
                Assert.That(x.Response.ToObservable(x.Bins.RecoilEdges[i]), Is.EqualTo(x.Bins.ObservableEdges[i]).Within(1e-9));
            TestContext.Out.WriteLine($"{model}: 50 PE ↔ {x.Bins.RecoilEdges[^1] * 1e3:F2} keVnr");
        }
        // Chicago QF at 9.07 keVnr is 0.0738: x = 13.348 × 0.0738 × 9.07
        var chicago = ExperimentRegistry.Load("coherent-csi-2017", new ExperimentOptions { ResponseModel = "chicago-qf" });
        Assert.That(chicago.Response.ToObservable(9.07e-3), Is.EqualTo(13.348 * 0.0738 * 9.07).Within(1e-9));
    }

    [Test]
    public void Coherent2021_EventCounts()
    {
        var x = ExperimentRegistry.Load<CoherentCsI2021>("coherent-csi-2021");
        Assert.That(x.CoincidenceEvents, Has.Count.EqualTo(5142));
        Assert.That(x.AntiCoincidenceEvents, Has.Count.EqualTo(4890));
        Assert.That(x.Observed!.Total, Is.EqualTo(1578));                                 // C in 0–60 PE
        Assert.That(x.Backgrounds.Single(b => b.Name == "steady-state").Counts.Sum(), Is.EqualTo(1295)); // AC in 0–60 PE
        // BRN / NIN normalisations in the YAML = release time PDFs × timing efficiency over 0–6 μs
        Assert.That(x.ExpectedCounts(x.BrnTimePdf, 6.0), Is.EqualTo(27.424).Within(1e-3));
        Assert.That(x.ExpectedCounts(x.NinTimePdf, 6.0), Is.EqualTo(6.909).Within(1e-3));
        // efficiency: nominal coefficients, clipped at its zero crossing
        var eff = (OffsetLogisticAcceptance)x.Acceptance;
        Assert.That((eff.A, eff.B, eff.C, eff.D), Is.EqualTo((1.32045, 0.285979, 10.8646, -0.333322)));
        Assert.That(eff.Evaluate(eff.Breakpoints[0]), Is.EqualTo(0).Within(1e-12));
        Assert.That(eff.Evaluate(0), Is.EqualTo(0));
        // quenching polynomial: E_ee(10 keVnr) = 0.0554628·0.01 + 4.30681·1e-4 − 111.707·1e-6 + 840.384·1e-8 MeVee
        double ee = 0.0554628e-2 + 4.30681e-4 - 111.707e-6 + 840.384e-8;
        Assert.That(x.Response.ToObservable(0.01), Is.EqualTo(13.35 * ee * 1e3).Within(1e-9));
    }

    [Test]
    public void LAr2020_ReleaseNumbers()
    {
        var x = ExperimentRegistry.Load<CoherentLAr2020>("coherent-lar-2020");
        Assert.That(x.BestFitCevns.Sum(), Is.EqualTo(x.ReferenceNumbers["cevns_fitted_events"]).Within(1.0)); // 159 fitted
        Assert.That(x.ReleaseParameters["larQF.a"], Is.EqualTo(0.246));
        Assert.That(x.ReleaseParameters["larQF.b"], Is.EqualTo(0.00078));
        Assert.That(x.Bins.Count, Is.EqualTo(12));
        // 10 keVee: T (0.246 + 0.00078 T) = 10 → T = (−0.246 + √(0.246² + 4·0.00078·10)) / (2·0.00078) keV
        double t = (-0.246 + Math.Sqrt(0.246 * 0.246 + 4 * 0.00078 * 10)) / (2 * 0.00078);
        Assert.That(x.Bins.RecoilEdges[1] * 1e3, Is.EqualTo(t).Within(1e-9));
        Assert.That(x.Acceptance.Evaluate(20.25), Is.EqualTo(0.952105).Within(1e-12));
        Assert.That(x.Observed!.Uncertainty![0], Is.EqualTo(37.3714));
        Assert.That(x.Background[0], Is.EqualTo(100.893));
    }

    [Test]
    public void Conus_SeedNumbers()
    {
        var x = ExperimentRegistry.Load<Conus>("conus");
        Assert.That(x.DetectorMassKg, Is.EqualTo(4));
        Assert.That(x.ThresholdKev, Is.EqualTo(1.2));
        Assert.That(x.Source.TotalFlux, Is.EqualTo(2.5e13));
        Assert.That(x.Source.MeanFluxPerFlavour, Is.EqualTo(2.5e13).Within(1e-3));
        Assert.That(x.Source.ThermalPowerGW, Is.EqualTo(3.9));
        Assert.That(x.Source.DistanceM, Is.EqualTo(17));
        Assert.That(x.Systematics, Is.EqualTo(new Systematics(0.02, 0.01, x.Systematics.Note)));
        Assert.That(x.Observed, Is.Null); // Asimov
        // 1 count/(day keV kg) × 365.25 d × 4 kg × 0.1 keV
        Assert.That(x.Background, Is.All.EqualTo(146.1).Within(1e-9));
        Assert.That(x.Target.MeanA, Is.EqualTo(72.6).Within(0.15)); // seed 001: A = 72.6 on average (number-weighted mean A is 72.71)
    }

    [Test]
    public void Futures_AreSeedFigure5Variants()
    {
        var now = ExperimentRegistry.Load("conus");
        var future = ExperimentRegistry.Load("conus-future");
        Assert.That(future.DetectorMassKg, Is.EqualTo(100));
        Assert.That(future.Source.ExposureSeconds / now.Source.ExposureSeconds, Is.EqualTo(5).Within(1e-12));
        Assert.That(future.Bins.ObservableEdges[0], Is.EqualTo(0.1));
        Assert.That(future.Systematics.SigmaA, Is.EqualTo(now.Systematics.SigmaA / 2));
        Assert.That(future.Background[0], Is.EqualTo(1826.25 * 100 * 0.1).Within(1e-6));

        var c17 = Csi2017;
        var cf = ExperimentRegistry.Load<CoherentCsI2017>("coherent-future");
        Assert.That(cf.Observed, Is.Null);
        Assert.That(cf.Nuclei.Sum(n => n.Count) / c17.Nuclei.Sum(n => n.Count), Is.EqualTo(20).Within(1e-9));
        Assert.That(cf.Source.FluencePerFlavour / c17.Source.FluencePerFlavour, Is.EqualTo(5).Within(1e-12));
        for (int i = 0; i < 25; i++) Assert.That(cf.PublishedUncertainty![i], Is.EqualTo(10 * c17.PublishedUncertainty![i]).Within(1e-12));
        Assert.That(cf.Systematics.SigmaA, Is.EqualTo(c17.Systematics.SigmaA / 10).Within(1e-15));
        Assert.That(cf.Acceptance.Description, Is.EqualTo(c17.Acceptance.Description)); // inherited sections
    }
}
