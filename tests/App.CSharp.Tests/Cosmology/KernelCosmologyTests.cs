using NuDM.App.Cosmology;
using NuDM.App.Reproduction;
using NUnit.Framework;

namespace NuDM.App.Tests.Cosmology;

/// <summary>The cosmology with the kernel's derived cross sections (not stand-ins).</summary>
public class KernelCosmologyTests
{
    [Test]
    public void Figure7SolvesStayPositiveFiniteAndBelowTheirInitialEnvelope()
    {
        var results = Seed001Boltzmann.Solve(CancellationToken.None);
        foreach (var r in results)
        {
            Assert.That(r.YChi.All(y => double.IsFinite(y) && y > 0), "no negative or non-finite yields");
            Assert.That(r.YChi.Max(), Is.LessThan(0.1), "no exploding yields");
            Assert.That(r.OmegaH2, Is.GreaterThan(0));
        }
        // m_S = 10 MeV, y_χ = 1e-3: freeze-out far below the initial abundance (seed 001 Fig. 7, left);
        // the weak couplings stay near it (freeze-in / initial condition), strongly overproduced (seed 001 sec. 4)
        Assert.That(results[0].YChiInfinity, Is.LessThan(1e-2 * results[1].YChiInfinity), "two to three orders of magnitude below");
        Assert.That(results.All(r => r.OmegaH2 > 0.12), "χ is overproduced in every case of Fig. 7 (seed 001)");
    }

    [Test]
    public void TighteningToleranceTenfoldChangesOmegaByLessThanHalfAPercent()
    {
        foreach (var (ms, y) in new[] { (10.0, 1e-3), (100.0, 1e-4) })
        {
            var a = new TwoSpeciesSolver(new TwoSpeciesOptions { StartTemperature = 200 }).Solve(KernelCosmology.Seed001Model(3, ms, y));
            var b = new TwoSpeciesSolver(new TwoSpeciesOptions { StartTemperature = 200, Tolerance = 1e-7 })
                .Solve(KernelCosmology.Seed001Model(3, ms, y, relativeTolerance: 1e-7));
            Assert.That(b.OmegaH2, Is.EqualTo(a.OmegaH2).Within(0.5).Percent, $"m_S = {ms}, y = {y}");
        }
        var r1 = KernelCosmology.RelicCoupling(30, 3);
        Assert.That(r1.OmegaH2, Is.EqualTo(0.120).Within(1e-3).Percent);
    }

    [Test]
    public void ThermalRelicNeedsRoughlyTwiceTheMajoranaCrossSectionForDiracX()
    {
        // Steigman–Dasgupta–Beacom: ≈ 4.4–4.8e-26 cm³/s for a Majorana WIMP at 10–100 MeV (Ωh² = 0.12); Dirac X: ×≈2
        var r = KernelCosmology.RelicCoupling(30, 3);
        Assert.That(r.SigmaVAtX20Cm3PerSecond, Is.InRange(7e-26, 1e-25));
        // y_X grows with m_X at fixed r (σv ∝ y⁴/m_X² for m_φ ∝ m_X)
        Assert.That(KernelCosmology.RelicCoupling(100, 3).Coupling, Is.GreaterThan(r.Coupling));
    }

    [Test]
    public void KineticDecouplingFollowsTheAnalyticScalingsOfSeed000Equation15()
    {
        // T_KD ∝ m_X^{5/4} (1/y_X) sqrt(r² − 1) in the heavy-mediator, low-energy limit; prefactor reported, not forced
        double t1 = KernelCosmology.KineticDecoupling(1, 3, 0.1).Temperature;
        Assert.That(KernelCosmology.KineticDecoupling(1, 3, 0.05).Temperature / t1, Is.EqualTo(2.0).Within(3).Percent);
        Assert.That(KernelCosmology.KineticDecoupling(16, 3, 0.1).Temperature / t1, Is.EqualTo(Math.Pow(16, 1.25)).Within(10).Percent);
        Assert.That(KernelCosmology.KineticDecoupling(1, 6, 0.1).Temperature / t1, Is.EqualTo(Math.Sqrt(35.0 / 8)).Within(5).Percent);
        // the prefactor in keV (seed 000 prints 0.4 keV): ~0.056 keV
        double prefactor = t1 * 1e3 / (Math.Sqrt(8));
        Assert.That(prefactor, Is.InRange(0.04, 0.07));
        // the Lyman-α bound is where T_KD = 1.41 keV
        double yMax = KernelCosmology.LymanAlphaCouplingBound(1, 3);
        Assert.That(KernelCosmology.KineticDecoupling(1, 3, yMax).Temperature * 1e3, Is.EqualTo(1.41).Within(1).Percent);
    }
}

/// <summary>The fixed Gauss–Legendre option of the thermal average against the adaptive rule.</summary>
public class ThermalAverageFixedRuleTests
{
    [Test]
    public void ThermalAverageFixedRuleAgreesWithAdaptive()
    {
        foreach (var (sigma, m) in new (CrossSection, double)[]
                 { (KernelCosmology.ChiChiToNuNu(3, 10, 1e-3), 3), (KernelCosmology.SSToNuNu(3, 10, 1e-3), 10), (KernelCosmology.SSToChiChi(3, 100, 1e-3), 100) })
        {
            var tab = new TabulatedCrossSection(sigma, m, 6300).AsDelegate();
            foreach (var T in new[] { 200.0, 20, 2, 0.5, 0.1, 0.02, 0.003 })
            {
                var adaptive = ThermalAverage.SigmaV(tab, m, T, new ThermalAverageOptions { RelativeTolerance = 1e-10 });
                var fixedRule = ThermalAverage.SigmaV(tab, m, T, new ThermalAverageOptions { FixedGaussLegendrePoints = 48 });
                Assert.That(fixedRule, Is.EqualTo(adaptive).Within(1e-5).Percent, $"m = {m}, T = {T}");
            }
        }
    }
}
