using NuDM.App.Cevns;
using NuDM.App.Experiments;
using NuDM.App.Rates;
using NuDM.App.Statistics;
using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Cevns;

/// <summary>
/// The light-vector model's CEvNS prediction (ν N → ν N with the SM and a Z' interfering, models/light-vector.yaml) in
/// the rate engine, and its COHERENT limits: not monotonic in g, with the heavy-mediator (contact) limit.
/// </summary>
[NonParallelizable]
public class InterferingCevnsTests
{
    private static readonly Lazy<ModelDefinition> LightVector = new(() => NuDM.App.Cli.ModelOption.Load("light-vector"));
    private static readonly Dictionary<string, InterferingCevnsModel> Models = [];

    private static InterferingCevnsModel Model(string id = "coherent-csi-2017")
    {
        lock (Models)
        {
            if (!Models.TryGetValue(id, out var m))
            {
                using var scope = ModelInUse.Use(LightVector.Value);
                Models[id] = m = new InterferingCevnsModel(ExperimentRegistry.Load(id));
            }
            return m;
        }
    }

    private static IDisposable InModel() => ModelInUse.Use(LightVector.Value);

    [Test]
    public void AtZeroCouplingThePredictionIsTheStandardModelsOfTheSeedRates()
    {
        using var _ = InModel();
        var lv = Model();
        double[] seedSm;
        using (ModelInUse.Use(null)) seedSm = new CevnsModel(ExperimentRegistry.Load("coherent-csi-2017")).StandardModel;
        var sm = lv.StandardModel;
        Assert.That(lv.Counts(10.0, 0.0, 0.0), Is.EqualTo(sm).Within(1e-12).Percent);
        // the derived ν N → ν N has the exact kinematic factor K = 1 − T/E − MT/(2E²) + T²/(2E²) where seed 000 eq. (11) has
        // 1 − MT/(2E²): T/E ≲ 1e-3 at COHERENT, so the two SM predictions agree to 0.2 % in total, and per populated bin to
        // 0.5 % (the relative difference (T/E)/K grows with T, as K → 0 at the kinematic end point)
        Assert.That(sm.Sum(), Is.EqualTo(seedSm.Sum()).Within(0.2).Percent);
        for (int i = 0; i < sm.Length; i++)
            if (seedSm[i] > 1) Assert.That(sm[i], Is.EqualTo(seedSm[i]).Within(0.5).Percent, $"bin {i}");
        Assert.That(sm.Sum(), Is.LessThan(seedSm.Sum()), "−T/E lowers the exact prediction");
    }

    [Test]
    public void TheInterferenceIsDestructiveForPositiveAndConstructiveForNegativeProductsAndFlavoursAddUp()
    {
        using var _ = InModel();
        var lv = Model();
        var sm = lv.StandardModel.Sum();
        var destructive = lv.SpectrumAt(10.0, 1e-5, 1e-5);
        var constructive = lv.SpectrumAt(10.0, -1e-5, 1e-5);
        Assert.That(destructive.Predicted.Sum(), Is.LessThan(0.99 * sm));
        Assert.That(constructive.Predicted.Sum(), Is.GreaterThan(1.01 * sm));
        Assert.That(destructive.Flavours, Is.EquivalentTo(new[] { NeutrinoFlavour.MuonNeutrino, NeutrinoFlavour.ElectronNeutrino, NeutrinoFlavour.MuonAntineutrino }));
        for (int i = 0; i < destructive.Predicted.Length; i++)
        {
            Assert.That(destructive.PredictedByFlavour.Sum(f => f[i]), Is.EqualTo(destructive.Predicted[i]).Within(1e-4).Percent.Or.EqualTo(0).Within(1e-12));
            Assert.That(destructive.StandardModelByFlavour.Sum(f => f[i]), Is.EqualTo(destructive.StandardModel[i]).Within(1e-4).Percent.Or.EqualTo(0).Within(1e-12));
        }
    }

    [TestCase(0.1, 3e-5)]
    [TestCase(10.0, 5e-5)]
    [TestCase(1000.0, 3e-3)]
    public void TheSharedPlanReproducesAPlanAdaptedToThePointsOwnCrossSection(double mass, double g)
    {
        using var _ = InModel();
        var lv = Model();
        var own = KernelPhysics.Interfering(mass, g, g, lv.FormFactor);
        var exact = RatePlan.Build(lv.Setup, lv.Flux, own, new RateOptions { RelativeTolerance = 1e-8, GaussOrder = 6 }).Evaluate(own.CrossSection);
        var shared = lv.Counts(mass, g, g);
        for (int i = 0; i < exact.Length; i++)
            Assert.That(shared[i], Is.EqualTo(exact[i]).Within(1e-4).Percent.Or.EqualTo(0).Within(1e-12), $"bin {i}");
    }

    [Test]
    public void TheLimitFindsTheAllowedIslandWhereTheWeakChargeFlipsSign()
    {
        using var _ = InModel();
        var lv = Model();
        const double m = 1000.0;
        var scan = lv.Scan(m);
        Assert.That(scan.AllowedAtLower, Is.True, scan.Describe());
        Assert.That(scan.Islands, Has.Count.EqualTo(1), scan.Describe());
        var island = scan.Islands[0];
        double thr = new LimitOptions().Threshold;
        // the ends are crossings of the threshold, the inside allowed and the gap excluded: not a monotonic Δχ²
        Assert.That(lv.DeltaChiSquare(m, scan.LowestExcluded), Is.EqualTo(thr).Within(1e-3));
        Assert.That(lv.DeltaChiSquare(m, island.Lower), Is.EqualTo(thr).Within(1e-3));
        Assert.That(lv.DeltaChiSquare(m, island.Upper), Is.EqualTo(thr).Within(1e-3));
        Assert.That(lv.DeltaChiSquare(m, Math.Sqrt(island.Lower * island.Upper)), Is.LessThan(thr));
        Assert.That(lv.DeltaChiSquare(m, Math.Sqrt(scan.LowestExcluded * island.Lower)), Is.GreaterThan(thr));
        Assert.That(lv.DeltaChiSquare(m, 2 * island.Upper), Is.GreaterThan(thr));
        // where the island is: Q' = −Q_W, i.e. the interfering dσ/dT equals the SM's again — found here from the kernel's
        // own cross section at a small recoil on ¹³³Cs (¹²⁷I's Q_W/A differs by 0.7 %)
        var cs = NuDM.Physics.Kernel.Target("CsI").Nuclei.Select(x => x.Isotope).First(i => i.Z == 55);
        double t = 5e-3, e = 30.0;
        double Sigma(double g) => KernelPhysics.InterferingCrossSection(m, g, g, FormFactorModel.Unity)(t, e, cs);
        double sm = Sigma(0);
        double flip = MathNet.Numerics.RootFinding.Brent.FindRoot(g => Sigma(g) / sm - 1, 1.2 * scan.LowestExcluded, 10 * island.Upper, 1e-10);
        Assert.That(Math.Sqrt(island.Lower * island.Upper), Is.EqualTo(flip).Within(3).Percent);
    }

    [Test]
    public void ConstructiveInterferenceGivesOneMonotonicLimitBelowTheDestructiveOne()
    {
        using var _ = InModel();
        var lv = Model();
        var destructive = lv.Scan(10.0);
        var constructive = lv.Scan(10.0, neutrinoSign: -1);
        Assert.That(constructive.Allowed, Has.Count.EqualTo(1), constructive.Describe());
        Assert.That(constructive.AllowedAtLower, Is.True);
        Assert.That(constructive.LowestExcluded, Is.LessThan(destructive.LowestExcluded));
    }

    [Test]
    public void ForAHeavyMediatorTheLimitOnGSquaredOverMSquaredIsConstant()
    {
        // m_Z'² ≫ 2MT (≲ 1e4 MeV² at COHERENT): the contact interaction of proof light-vector.contact-limit, whose
        // strength is ε = g_ν g_q/m² alone; the limit on g²/m² must not depend on m
        using var _ = InModel();
        var lv = Model();
        double[] masses = [3e3, 1e4, 3e4];
        var ratios = masses.Select(m => { var s = lv.Scan(m); return s.LowestExcluded * s.LowestExcluded / (m * m); }).ToArray();
        Assert.That(ratios[1], Is.EqualTo(ratios[2]).Within(0.1).Percent);
        Assert.That(ratios[0], Is.EqualTo(ratios[2]).Within(0.5).Percent);
        // a light mediator is different: 2MT (≈ 2.5e3 MeV² at 10 keV on CsI) dominates the propagator and the limit on g
        // no longer scales with m
        var light = lv.Scan(10.0);
        Assert.That(light.LowestExcluded * light.LowestExcluded / (10.0 * 10.0), Is.GreaterThan(10 * ratios[2]));
        // and below ~1 MeV the limit on g is constant (a massless mediator)
        Assert.That(lv.Scan(0.1).LowestExcluded, Is.EqualTo(lv.Scan(0.5).LowestExcluded).Within(0.5).Percent);
    }

    [Test]
    public void TheOtherCoherentExperimentsGiveLimitsToo()
    {
        using var _ = InModel();
        foreach (var id in new[] { "coherent-csi-2021", "coherent-lar-2020" })
        {
            var s = Model(id).Scan(10.0);
            Assert.That(s.AllowedAtLower, Is.True, $"{id}: {s.Describe()}");
            Assert.That(s.LowestExcluded, Is.GreaterThan(1e-6).And.LessThan(1e-3), $"{id}: {s.Describe()}");
        }
    }
}
