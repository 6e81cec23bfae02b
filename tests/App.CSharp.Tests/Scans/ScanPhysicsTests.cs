using NUnit.Framework;
using NuDM.App.Cevns;
using NuDM.App.Constraints;
using NuDM.App.Cosmology;
using NuDM.App.Detection;
using NuDM.App.Scans;
using NuDM.App.Statistics;
using NuDM.Physics;

namespace NuDM.App.Tests.Scans;

/// <summary>
/// The observables of the x-phi-nu model against the program's own computations they wrap: each must give the same
/// number as the command a user would run for that point (or agree within the stated accuracy where a faster route is
/// taken, as for T_KD).
/// </summary>
public class ScanPhysicsTests
{
    private static ScanSpec Spec(string observables) => ScanSpec.Parse($"""
        model: x-phi-nu
        sampling: grid
        parameters:
          m_X: {"{"} from: 1, to: 10, points: 2 {"}"}
          r: 3
          y_X: 0.1
          y_q: 1e-9
        observables: {observables}
        """, "physics.yaml");

    private static IScanObservable Observable(ScanSpec s, string name) => s.Observables.Single(o => o.Name == name);

    private static ObservableValue At(IScanObservable o, double mX, double r, double yX, double yq) => o.Evaluate([mX, r, yX, yq]);

    [Test]
    public void TheRelicCouplingIsTheOneOfNudmRelic()
    {
        var o = Observable(Spec("[relic_coupling]"), "relic_y_X");
        foreach (var (m, r) in new[] { (20.0, 3.0), (3.0, 10.0) })
            Assert.That(At(o, m, r, 0.1, 1e-9).Value, Is.EqualTo(KernelCosmology.RelicCoupling(m, r).Coupling), $"m_X = {m}, r = {r}");
    }

    [Test]
    public void OmegaAtTheRelicCouplingIsTheObservedDensity()
    {
        var s = Spec("[relic_coupling, omega_h2]");
        var relic = At(Observable(s, "relic_y_X"), 20, 3, 0.1, 1e-9).Value;
        var omega = Observable(s, "omega_h2");
        Assert.That(At(omega, 20, 3, relic, 1e-9).Value, Is.EqualTo(0.120).Within(0.120 * 2e-5), "the relic search's tolerance is 1e-5");
        // Ωh² ∝ 1/⟨σv⟩ ∝ y⁻⁴ up to the logarithmic shift of x_f
        double ratio = At(omega, 20, 3, relic / 2, 1e-9).Value / 0.120;
        Assert.That(ratio, Is.InRange(12.0, 16.0));
    }

    /// <summary>T_KD through the per-(m_X, r) table and one Newton step equals the direct solve of <c>nudm kd</c> to 1e-7.</summary>
    [TestCase(1.0, 3.0, 0.1)]
    [TestCase(10.0, 3.0, 0.01)]
    [TestCase(0.05, 2.0, 0.3)]
    [TestCase(100.0, 10.0, 1.0)]
    [TestCase(3.0, 1.5, 1e-3)]
    [TestCase(0.5, 5.0, 2.0)]
    public void TheDecouplingTemperatureAgreesWithTheDirectSolve(double m, double r, double y)
    {
        var s = Spec("[kinetic_decoupling]");
        var tkd = At(Observable(s, "T_KD_keV"), m, r, y, 1e-9);
        var direct = KernelCosmology.KineticDecoupling(m, r, y).Temperature / CosmologyUnits.KeV;
        Assert.That(tkd.Value, Is.EqualTo(direct).Within(1e-7 * direct));
        var lyman = At(Observable(s, "lyman_alpha_ratio"), m, r, y, 1e-9).Value;
        Assert.That(lyman, Is.EqualTo(NuDM.App.Cosmology.KineticDecoupling.MinimumDecouplingTemperature() / CosmologyUnits.KeV / direct).Within(1e-7 * lyman));
    }

    [Test]
    public void DecouplingWhileRelativisticIsNotApplicableWithTheReason()
    {
        var v = At(Observable(Spec("[kinetic_decoupling]"), "T_KD_keV"), 1.0, 10.0, 1e-8, 1e-9); // r = 10: the φ pole lies beyond the neutrinos at m_X/3
        Assert.That(v.HasValue, Is.False);
        Assert.That(v.Reason, Does.Contain("relativistic"));
    }

    /// <summary>Δχ² of COHERENT 2017 at the point equals the χ² of the spectrum <c>nudm spectrum</c> computes, and reaches
    /// 2.7055 (90% CL, one parameter) at the 90% CL coupling of <c>nudm limit</c>.</summary>
    [Test]
    public void DeltaChiSquareIsTheLimitsStatistic()
    {
        var o = Observable(Spec("[{ delta_chi2: { experiment: coherent-csi-2017 } }]"), "dchi2_coherent_csi_2017");
        var model = LimitCurves.Model("coherent-csi-2017");
        double m = 5, r = 3, yq = 1e-6, yp = ModelConstraints.ProtonCoupling(yq);
        var limit = model.YbarLimit(m, r * m);
        Assert.That(limit.IsConstrained, Is.True);
        double yX = limit.Value * limit.Value / yp; // ȳ² = y_X y_p
        double threshold = ConfidenceLevels.DeltaChiSquare(ConfidenceLevels.Ninety, 1); // 2.7055
        Assert.That(At(o, m, r, yX, yq).Value, Is.EqualTo(threshold).Within(threshold * 1e-5));
        // independently: the spectrum's χ² minus the SM's
        var stat = ExperimentStatistics.Create(model.Experiment, model.StandardModel);
        double ybar = Math.Sqrt(2 * yX * yp);
        var spectrum = model.SpectrumAt(ybar, m, r * m);
        double expected = stat.Minimise(spectrum.Total).Value - stat.Minimise(model.StandardModel).Value;
        Assert.That(At(o, m, r, 2 * yX, yq).Value, Is.EqualTo(expected).Within(1e-12 * Math.Abs(expected)));
        // above what a 52.8 MeV neutrino can produce: no signal, Δχ² = 0
        Assert.That(At(o, 60, r, 1, 1e-4).Value, Is.EqualTo(0.0));
    }

    [Test]
    public void ADirectDetectionRatioIsOneAtTheLimit()
    {
        var o = Observable(Spec("[direct_detection]"), "dd_XENON1T_2018_ratio");
        double m = 50, r = 3, yq = 1e-7, yp = ModelConstraints.ProtonCoupling(yq);
        var limit = DirectDetection.Xenon1T.SigmaNCLimit(m, r);
        double yX = DetectionFormulas.CouplingForSigmaNCAt(limit.SigmaNC_cm2, yp, m, r * m);
        Assert.That(At(o, m, r, yX, yq).Value, Is.EqualTo(1.0).Within(1e-12));
        Assert.That(At(o, m, r, 2 * yX, yq).Value, Is.EqualTo(4.0).Within(1e-11), "σ_NC ∝ y_X²");
        var outside = At(o, 0.5, r, yX, yq);
        Assert.That(outside.HasValue, Is.False);
        Assert.That(outside.Reason, Does.Contain("XENON1T").And.Contain("window"));
    }

    [Test]
    public void BorexinoIsOneColumnAndCoversItsWindowOnly()
    {
        var o = Observable(Spec("[borexino]"), "borexino_ratio");
        Assert.That(At(o, 200, 3, 1, 1e-5).HasValue, Is.True);
        Assert.That(At(o, 20, 3, 1, 1e-5).HasValue, Is.False);
    }

    [Test]
    public void StabilityAndKaonRatiosAreTheBoundsOfNudmStabilityAndKaon()
    {
        var s = Spec("[stability, kaon]");
        Assert.That(At(Observable(s, "stability_ratio"), 10, 3, 0.2, 1e-9).Value,
            Is.EqualTo(0.2 * 1e-9 / StabilityCurves.ProductMax(10, 3)).Within(1e-15));
        var kaon = Observable(s, "kaon_ratio");
        Assert.That(At(kaon, 10, 3, 0.2, 1e-5).Value, Is.EqualTo(1e-5 / 1.58e-4).Within(1e-6), "E787/E949: y_q,max = 1.58e-4 (seed 000 eq. 2)");
        var closed = At(kaon, 200, 3, 0.2, 1e-5);
        Assert.That(closed.HasValue, Is.False);
        Assert.That(closed.Reason, Does.Contain("m_K − m_π"));
        var na62 = Observable(Spec("[{ kaon: { measurement: \"" + KaonBounds.Table().Last().Measurement.Label + "\" } }]"), "kaon_ratio");
        Assert.That(At(na62, 10, 3, 0.2, 1e-5).Value, Is.EqualTo(1e-5 / KaonBounds.Table().Last().YqMax).Within(1e-12));
    }
}
