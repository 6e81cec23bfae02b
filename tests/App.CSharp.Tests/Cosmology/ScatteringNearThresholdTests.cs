using NuDM.App.Cosmology;
using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Cosmology;

/// <summary>
/// The χ ν → χ ν amplitude the kinetic-decoupling rate integrates is compiled in w = s − m_χ² (the kernel's
/// SquaredAmplitudeAboveThreshold): the same function as |M|²(s, t), but without the cancellation of the form in s just
/// above threshold, where the rate samples it (partner momenta k ≪ m_χ). The vector model's T_KD failed there
/// ("|M|² returned −4.0e-22 at s = 100 MeV²") before.
/// </summary>
[NonParallelizable]
public class ScatteringNearThresholdTests
{
    private static IEnumerable<string> Models() => ["scalar", "vector", "pseudoscalar"];

    [TestCaseSource(nameof(Models))]
    public void TheFormInWIsTheFormInSAwayFromThresholdAndNonNegativeAtIt(string name)
    {
        var d = NuDM.App.Cli.ModelOption.Load(name);
        double m = 10, ms = 30, y = 0.3;
        foreach (var kind in new[] { ProcessKind.ChiNeutrinoToChiNeutrino, ProcessKind.ChiAntineutrinoToChiAntineutrino })
        {
            var p = d.Model.ElasticScattering(kind);
            var fs = p.SquaredAmplitude.Compile5();
            var fw = p.SquaredAmplitudeAboveThreshold(d.DarkFermionMass.Symbol).Compile5();
            // away from threshold: k = m/4, every t of the physical range (t_min = −4 k_cm² = −w²/s)
            double w = 2 * m * (m / 4), s = m * m + w;
            for (int i = 1; i <= 8; i++)
            {
                double t = -w * w / s * i / 8;
                Assert.That(fw(w, t, m, ms, y), Is.EqualTo(fs(s, t, m, ms, y)).Within(1e-12).Percent, $"{p.Name} at t = {t}");
            }
            // at threshold (k = 1e-9 m): the form in w is ≥ 0 over the whole t range (the form in s is rounding noise)
            double w0 = 2 * m * (1e-9 * m), s0 = m * m + w0;
            for (int i = 0; i <= 8; i++)
            {
                double t = -w0 * w0 / s0 * i / 8;
                Assert.That(fw(w0, t, m, ms, y), Is.GreaterThanOrEqualTo(0), $"{p.Name} at w = {w0}, t = {t}");
            }
        }
    }

    [Test]
    public void TheVectorModelsKineticDecouplingIsComputed()
    {
        using var _ = ModelInUse.Use(NuDM.App.Cli.ModelOption.Load("vector"));
        var r = KernelCosmology.KineticDecoupling(10, 3, 0.1);
        Assert.That(r.Temperature, Is.GreaterThan(0).And.LessThan(10.0 / 3), "T_KD below m_χ/3 (MeV)");
    }
}
