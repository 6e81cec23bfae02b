using NuDM.App.Detection;
using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Detection;

/// <summary>Borexino: targets, proton stopping and quenching, threshold mapping, rate bound.</summary>
public class BorexinoTests
{
    private static BorexinoDownScattering Bx => DirectDetection.Borexino;

    [Test]
    public void PseudocumeneTargetsMatchTheDataReadme()
    {
        // data/detection/README.md: C9H12 is 120.195 g/mol, 6.012e28 H and 4.509e28 C per tonne (¹H only here: ²H is 0.0115 %)
        Assert.That(QuenchingFormulas.MolarMass("C9H12"), Is.EqualTo(120.195).Within(0.01));
        Assert.That(Bx.ProtonsPerTonne, Is.EqualTo(6.012e28 * 0.999885).Within(0.05).Percent);
        Assert.That(Bx.CarbonPerTonne, Is.EqualTo(4.509e28).Within(0.05).Percent);
    }

    [TestCase(0.08, 826.0, 5)]
    [TestCase(0.3, 550.4, 5)]
    [TestCase(0.5, 413.2, 4)]
    [TestCase(0.8, 303.9, 4)]
    [TestCase(1.0, 260.8, 4)]
    [TestCase(2.0, 158.6, 3)]
    [TestCase(5.0, 79.11, 2)]
    [TestCase(10.0, 45.67, 1)]
    [TestCase(0.04, 732.4, 25)]
    public void BetheWithTheLowEnergyContinuationFollowsPstarForWater(double mev, double pstar, double percent)
    {
        // NIST PSTAR, liquid water (I = 75 eV), total stopping power in MeV cm²/g (nuclear stopping < 0.1 % here)
        var water = new StoppingMedium("H2O", 10.0 / 18.0153, 75.0, 1.0);
        var s = new ProtonStopping(water);
        Assert.That(s.MassStoppingPower(mev), Is.EqualTo(pstar).Within(percent).Percent);
    }

    [Test]
    public void PseudocumeneMeanExcitationAndStoppingPeak()
    {
        var m = Bx.Light.Stopping.Medium;
        // Bragg additivity with I_H = 19.2 eV, I_C = 81 eV weighted by electrons (12 and 54 per molecule)
        Assert.That(m.MeanExcitationEV, Is.EqualTo(Math.Exp((12 * Math.Log(19.2) + 54 * Math.Log(81.0)) / 66)).Within(1e-3));
        Assert.That(m.MeanExcitationEV, Is.EqualTo(62.3).Within(0.1));
        Assert.That(m.ZOverA, Is.EqualTo(66 / 120.195).Within(1e-4));
        Assert.That(Bx.Light.Stopping.PeakEnergy, Is.EqualTo(0.078).Within(0.005));
    }

    [Test]
    public void TheBethePeakFromTheGoldenSectionSearchIsTheMaximumAndTheStoppingPowerIsContinuousThere()
    {
        // MathNet's GoldenSectionMinimizer in ln T: the Bethe expression is lower on both sides of the peak it finds, and
        // the Andersen–Ziegler continuation meets it there (proof quench.low-energy-continuation)
        var s = Bx.Light.Stopping;
        double tp = s.PeakEnergy, sp = s.PeakStopping;
        Assert.That(s.Bethe(tp * 0.99), Is.LessThan(sp));
        Assert.That(s.Bethe(tp * 1.01), Is.LessThan(sp));
        Assert.That(s.MassStoppingPower(tp * (1 - 1e-12)), Is.EqualTo(sp).Within(1e-9).Percent);
        Assert.That(s.MassStoppingPower(tp * (1 + 1e-12)), Is.EqualTo(sp).Within(1e-9).Percent);
        // a medium whose peak lies below the initial bracket [10 keV, 2 MeV] (hydrogen-like I = 19.2 eV) is still found
        var light = new ProtonStopping(new StoppingMedium("H", 0.99, 19.2, 0.07));
        Assert.That(light.Bethe(light.PeakEnergy * 0.99), Is.LessThan(light.PeakStopping));
        Assert.That(light.Bethe(light.PeakEnergy * 1.01), Is.LessThan(light.PeakStopping));
    }

    [Test]
    public void BirksLightYieldIsMonotoneQuenchedAndInvertible()
    {
        var l = Bx.Light;
        double prev = 0;
        foreach (var t in new[] { 0.01, 0.1, 0.5, 1.0, 3.0, 10.0, 30.0 })
        {
            double v = l.VisibleEnergy(t);
            Assert.That(v, Is.GreaterThan(prev).And.LessThan(t), $"T = {t} MeV");
            Assert.That(l.ProtonEnergyForVisible(v), Is.EqualTo(t).Within(1e-6).Percent);
            prev = v;
        }
        // with kB = 0 there is no quenching
        var none = new BirksLightYield(l.Stopping, 0.0);
        Assert.That(none.VisibleEnergy(2.0), Is.EqualTo(2.0).Within(1e-4).Percent);
    }

    [Test]
    public void SeedThresholdMappingVersusBirksWithTheDataKB()
    {
        // seed 000 sec. VI: 70 keVee ≈ 800 keV proton recoil ⇒ m_X ≳ 40 MeV (README: 38.7 MeV with E_R = m_X²/2m_p)
        Assert.That(DownScatteringCalculator.DarkMatterMassForRecoil(Bx.SeedThresholdProtonKeV * 1e-3, Constants.ProtonMass), Is.EqualTo(39.55).Within(0.01));
        // Birks + Bethe with kB = 0.011 cm/MeV gives 135 keVee for an 800 keV proton, not 70: the seed's relative
        // light output (its ref. [46]) quenches twice as strongly. The threshold then sits at a 0.50 MeV proton,
        // m_X = 31.1 MeV.
        Assert.That(Bx.Light.VisibleEnergy(0.8) * 1e3, Is.EqualTo(134.6).Within(1.0));
        Assert.That(Bx.Light.ProtonEnergyForVisible(0.070), Is.EqualTo(0.498).Within(0.005));
        Assert.That(Bx.ThresholdMass(Bx.ThresholdKeVee), Is.EqualTo(31.07).Within(0.05));
        // the kB that would reproduce the seed's 800 keV ↔ 70 keVee
        double lo = 0.011, hi = 0.1;
        for (int i = 0; i < 60; i++)
        {
            double mid = (lo + hi) / 2;
            if (new BirksLightYield(Bx.Light.Stopping, mid).VisibleEnergy(0.8) > 0.070) lo = mid; else hi = mid;
        }
        Assert.That(lo, Is.EqualTo(0.0234).Within(0.0005));
    }

    [Test]
    public void RateBoundAndWindow()
    {
        // R + z σ = 0.220 + 1.2816 sqrt(0.015² + 0.006²) cpd/100 t (arXiv:1709.00756), over 1.5 kt·yr
        Assert.That(Bx.RateBound, Is.EqualTo(0.220 + 1.281552 * Math.Sqrt(0.015 * 0.015 + 0.006 * 0.006)).Within(1e-6));
        Assert.That(Bx.EventBound, Is.EqualTo(Bx.RateBound * 15 * 365.25).Within(1e-9).Percent);
        // 3 MeVee needs a 6.9 MeV proton (m_X ≈ 120 MeV), 16 MeVee a 24 MeV proton (m_X ≈ 239 MeV)
        Assert.That(Bx.MassWindowMeV.Lo, Is.EqualTo(119.6).Within(0.5));
        Assert.That(Bx.MassWindowMeV.Hi, Is.EqualTo(238.5).Within(1.0));
        var below = Bx.SigmaNCLimit(20.0);
        Assert.That(below.HasBound, Is.False);
        Assert.That(below.NoBoundReason, Does.Contain("below the 70 keVee threshold"));
        var gap = Bx.SigmaNCLimit(60.0);
        Assert.That(double.IsNaN(gap.SigmaNC_cm2));
        Assert.That(gap.NoBoundReason, Does.Contain("outside the window"));
        var l = Bx.SigmaNCLimit(150.0);
        // (ρ/m) c N_H t: 2 cm⁻³ · c · 6.01e28 t⁻¹ · 1500 t · yr ≈ 1.71e50 events per cm²
        Assert.That(l.EventsPerCm2, Is.EqualTo(300.0 / 150 * 2.99792458e10 * Bx.ProtonsPerTonne * 1500 * 3.15576e7
            * DetectionFormulas.KappaAt(150.0, Constants.ProtonMass, double.PositiveInfinity)).Within(1e-9).Percent);
        Assert.That(l.SigmaNC_cm2, Is.EqualTo(Bx.EventBound / l.EventsPerCm2).Within(1e-12).Percent);
        Assert.That(Bx.ExpectedCounts(150.0, l.SigmaNC_cm2), Is.EqualTo(Bx.EventBound).Within(1e-9).Percent);
    }
}
