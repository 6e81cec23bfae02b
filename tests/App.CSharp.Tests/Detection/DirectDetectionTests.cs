using System.Globalization;
using NuDM.App.Cli;
using NuDM.App.Detection;
using NuDM.App.Reproduction;
using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Detection;

/// <summary>Windows, rates and limits of X N → ν N at XENON1T, DarkSide-50, CRESST-III and PandaX-4T.</summary>
public class DirectDetectionTests
{
    private static DirectDetectionExperiment Xe => DirectDetection.Xenon1T;

    [Test]
    public void Xenon1TWindowMapsToAbout34To102MeVAndIsNoBoundOutside()
    {
        // seed 000 eq. (19): 30 ≲ m_X ≲ 100 MeV; data README: 4.9–40.9 keVnr ↔ 34.6–100.0 MeV for ⟨m_Xe⟩ = 122271 MeV.
        // Per isotope the edges spread: Xe-124 reaches 4.9 keV first, Xe-136 leaves 40.9 keV last.
        var (lo, hi) = Xe.MassWindowMeV;
        Assert.That(lo, Is.EqualTo(DownScatteringCalculator.DarkMatterMassForRecoil(4.9e-3, Iso("Xe", 124).Mass)).Within(1e-9));
        Assert.That(lo, Is.InRange(33.0, 34.6));
        Assert.That(hi, Is.InRange(100.0, 102.0));
        foreach (var m in new[] { 1.0, 20.0, 33.0, 102.5, 150.0, 1000.0 })
        {
            var l = Xe.SigmaNCLimit(m);
            Assert.That(l.HasBound, Is.False, $"m_X = {m}");
            Assert.That(double.IsNaN(l.SigmaNC_cm2), $"m_X = {m}: no bound must be NaN, got {l.SigmaNC_cm2}");
            Assert.That(l.NoBoundReason, Does.Contain("outside the analysis window [4.9, 40.9] keVnr"));
        }
        foreach (var m in new[] { 34.7, 40.0, 50.0, 70.0, 99.0 })
            Assert.That(Xe.SigmaNCLimit(m).SigmaNC_cm2, Is.GreaterThan(0).And.LessThan(1e-46), $"m_X = {m}");
    }

    [Test]
    public void HelmFormFactorAtTheWindowEdgesMatchesTheDataCheckValues()
    {
        // tests/reference-data/detection/helm_form_factor.csv: F² of Xe-131 at E_R = 4.9, 10 and 40.9 keV
        var rows = ReferenceData.Read("detection/helm_form_factor.csv", ReferenceData.Helm).Rows.ToDictionary(r => r["parameter"], r => r.Number("value"));
        var xe131 = Iso("Xe", 131);
        foreach (var (keV, key) in new[] { (4.9, "check_Xe131_F2_at_ER_4.9keV_(q=34.56MeV)"), (10.0, "check_Xe131_F2_at_ER_10keV_(q=49.38MeV)"), (40.9, "check_Xe131_F2_at_ER_40.9keV_(q=99.86MeV)") })
        {
            double mX = DownScatteringCalculator.DarkMatterMassForRecoil(keV * 1e-3, xe131.Mass);
            var r = Xe.Recoils(mX).Single(x => x.Isotope == "Xe-131");
            Assert.That(r.RecoilKeV, Is.EqualTo(keV).Within(1e-9));
            Assert.That(r.FormFactorSquared, Is.EqualTo(rows[key]).Within(5e-4), $"E_R = {keV} keV");
            Assert.That(r.MomentumTransferMeV, Is.EqualTo(Math.Sqrt(2 * xe131.Mass * keV * 1e-3)).Within(1e-9));
        }
    }

    [Test]
    public void ExpectedCountsAreSeedEquation20ComputedByHand()
    {
        // N = (ρ/m_X) c σ · exposure · Σ_j n_j A_j² F_j² ε(E_R,j) κ_j (seed eq. 20 with the physical factor κ of
        // proof dd.sigma-nc-normalisation), summed here from the raw CSV, independently of the class
        const double mX = 50.0, sigma = 1e-49;
        var raw = DataFiles.Table("detection/xenon1t_2018_ddcalc_efficiency.csv");
        var table = raw.Numbers("E_R_keVnr").Zip(raw.Numbers("eff_total"), (e, eff) => (E: e, Eff: eff)).ToArray();
        double eff(double keV)
        {
            int i = Array.FindIndex(table, t => t.E >= keV);
            double t0 = (keV - table[i - 1].E) / (table[i].E - table[i - 1].E);
            return table[i - 1].Eff + t0 * (table[i].Eff - table[i - 1].Eff);
        }
        double sum = 0;
        foreach (var t in Nuclear.Target("Xe").NucleiInMass(1300.0))
        {
            var iso = t.Isotope;
            double eR = mX * mX / (2 * (mX + iso.Mass));
            double f = FormFactors.Helm(Math.Sqrt(2 * iso.Mass * eR), iso.A);
            sum += t.Count * iso.A * iso.A * f * f * eff(eR * 1e3) * DetectionFormulas.KappaAt(mX, iso.Mass, double.PositiveInfinity);
        }
        double expected = 300.0 / mX * 2.99792458e10 * sigma * 278.8 * 86400 * sum;
        Assert.That(Xe.ExpectedCounts(mX, sigma), Is.EqualTo(expected).Within(1e-6).Percent);
        // ≈ 4.8 events per 1e-49 cm² with eq. (20) as printed (κ = 1), ×κ ≈ 4 for the physical rate
        Assert.That(expected, Is.EqualTo(4 * 4.81).Within(0.4), "≈ 19 events for σ_NC = 1e-49 cm² at 50 MeV in 1 t·yr");
    }

    [Test]
    public void CountsAreProportionalToSigmaAndScaleAsASquared()
    {
        var c1 = Xe.ExpectedCountsPerBin(60.0, 1e-49);
        var c3 = Xe.ExpectedCountsPerBin(60.0, 3e-49);
        for (int b = 0; b < c1.Length; b++) Assert.That(c3[b], Is.EqualTo(3 * c1[b]).Within(1e-12).Percent);
        Assert.That(Xe.ExpectedCounts(60.0, 0.0), Is.EqualTo(0.0));

        // A² at fixed nuclear mass, q and efficiency: one fictitious nucleus with A = 40 and A = 80 and F = 1
        // (q → 0 is not reachable at fixed m_N, so compare counts/(A² F²), which must coincide)
        var flat = EfficiencyTable.FromArrays("flat", [0.1, 1000.0], ["all"], [[1.0, 1.0]]);
        double perA(int a)
        {
            var iso = new Isotope("Zz", a / 2, a, 1.0, 50000.0);
            var e = new DirectDetectionExperiment("t", "toy", "", [new DetectorIsotope(iso, 1e25, flat)], 1.0, [new AnalysisBin("all", 0, 0, 0)], (0.1, 1000.0));
            var r = e.Recoils(40.0).Single();
            return e.ExpectedCounts(40.0, 1e-40) / (a * a * r.FormFactorSquared * DetectionFormulas.KappaAt(40.0, iso.Mass, double.PositiveInfinity));
        }
        Assert.That(perA(80), Is.EqualTo(perA(40)).Within(1e-12).Percent);
        // and the absolute toy value: (300/40) c σ · 1 kg·day · 1e25
        double r40 = new Isotope("Zz", 20, 40, 1.0, 50000.0) is var i40
            ? FormFactors.Helm(DownScatteringCalculator.MomentumTransfer(40.0, i40.Mass), 40) : 0;
        Assert.That(perA(40), Is.EqualTo(300.0 / 40 * 2.99792458e10 * 1e-40 * 86400 * 1e25).Within(1e-9).Percent);
        Assert.That(r40, Is.GreaterThan(0.5));
    }

    [Test]
    public void LimitIsTheChosenBinsPoissonLimitOverItsSignal()
    {
        // at 50 MeV (E_R ≈ 10 keV) the signal falls in cS1 3–35 PE (0 observed): 2.303 events
        var l = Xe.SigmaNCLimit(50.0);
        Assert.That(l.Bin, Is.EqualTo("cS1 3-35 PE"));
        Assert.That(l.EventLimit, Is.EqualTo(Math.Log(10)).Within(1e-8));
        Assert.That(l.SigmaNC_cm2, Is.EqualTo(l.EventLimit / Xe.EventsPerCm2(50.0)[0]).Within(1e-12).Percent);
        Assert.That(Xe.ExpectedCountsPerBin(50.0, l.SigmaNC_cm2)[0], Is.EqualTo(Math.Log(10)).Within(1e-9));
        Assert.That(l.SigmaNC_cm2, Is.InRange(3e-50 / 4, 7e-50 / 4), "κ ≈ 4 makes the σ_NC bound four times stronger than eq. (20) as printed");
        // at 90 MeV (E_R ≈ 33 keV) most signal is in cS1 35–70 PE (2 observed, 0.34 background): 4.99 events
        var h = Xe.SigmaNCLimit(90.0);
        Assert.That(h.Bin, Is.EqualTo("cS1 35-70 PE"));
        Assert.That(h.EventLimit, Is.EqualTo(PoissonLimits.UpperLimit(2, 0.34)).Within(1e-9));
    }

    [Test]
    public void WindowsOfTheOtherExperiments()
    {
        // DarkSide-50 532 d: 44.7–200 keVnr on Ar (Ar-36 reaches 44.7 keV first); S2-only 0.1–10 keVnr;
        // CRESST-III O/Ca/W 30.2 eV – 1.02 keV; PandaX-4T 5–100 keVnr
        Assert.That(DirectDetection.DarkSide50.MassWindowMeV.Lo, Is.EqualTo(54.75).Within(0.05));
        Assert.That(DirectDetection.DarkSide50.MassWindowMeV.Hi, Is.EqualTo(122.2).Within(0.3));
        Assert.That(DirectDetection.DarkSide50S2Only.MassWindowMeV.Lo, Is.EqualTo(2.59).Within(0.02));
        Assert.That(DirectDetection.DarkSide50S2Only.MassWindowMeV.Hi, Is.EqualTo(27.3).Within(0.1));
        Assert.That(DirectDetection.CresstIII.MassWindowMeV.Lo, Is.EqualTo(0.95).Within(0.01), "oxygen at 30.2 eV");
        Assert.That(DirectDetection.CresstIII.MassWindowMeV.Hi, Is.EqualTo(18.83).Within(0.02), "W-186 at 1.02 keV");
        Assert.That(DirectDetection.PandaX4T.MassWindowMeV.Lo, Is.EqualTo(34.0).Within(0.1));
        Assert.That(DirectDetection.PandaX4T.MassWindowMeV.Hi, Is.EqualTo(159.2).Within(0.3));
        // inside a window where the acceptance is zero there is no bound either (toy: zero efficiency)
        var zero = EfficiencyTable.FromArrays("zero", [0.1, 1000.0], ["all"], [[0.0, 0.0]]);
        var toy = new DirectDetectionExperiment("t", "toy", "", [new DetectorIsotope(Iso("Xe", 131), 1e24, zero)], 1.0, [new AnalysisBin("all", 0, 0, 0)], (0.1, 1000.0));
        var ds = toy.SigmaNCLimit(50.0);
        Assert.That(ds.HasBound, Is.False);
        Assert.That(double.IsNaN(ds.SigmaNC_cm2));
        Assert.That(ds.NoBoundReason, Does.Contain("efficiency vanishes"));
        Assert.That(DirectDetection.DarkSide50.SigmaNCLimit(53.0).NoBoundReason, Does.Contain("outside the analysis window"));
        Assert.That(DirectDetection.DarkSide50.SigmaNCLimit(80.0).EventLimit, Is.EqualTo(Math.Log(10)).Within(1e-8), "0 observed");
        // CRESST-III uses every element's own efficiency: at 2 MeV only O and Ca recoil above threshold
        var cr = DirectDetection.CresstIII.Recoils(2.0);
        Assert.That(cr.Where(r => r.Isotope.StartsWith("W-")).All(r => r.RecoilKeV < 0.03), Is.True);
        Assert.That(DirectDetection.CresstIII.SigmaNCLimit(2.0).HasBound, Is.True);
        Assert.That(DirectDetection.PandaX4T.SigmaNCLimit(50.0).EventLimit, Is.EqualTo(4.189).Within(0.002));
    }

    [Test]
    public void ConstraintCurvesAreNaNOutsideTheWindowsAndDependOnROnlyThroughThePropagator()
    {
        var ctx = FigureContext.Silent(Path.GetTempPath());
        foreach (var c in DirectDetectionConstraints.All)
        {
            var a = c.Curve(10, ctx, _ => { });
            var b = c.Curve(3, ctx, _ => { });
            // the q² = −m_X² of the t-channel propagator: rate ∝ (r²/(r² + 1))², so bound(r = 3)/bound(r = 10) ≈ (0.99/0.9)²
            // (heavy nuclei); on Borexino's protons the exact kinematics (m_X/m_p ~ 0.15) changes q², so there the
            // expected ratio is κ(m_p, r = 10)/κ(m_p, r = 3) itself
            for (int i = 0; i < a.SigmaCm2.Length; i++)
                if (double.IsFinite(a.SigmaCm2[i]))
                {
                    double m = a.MassMeV[i];
                    double expected = c.Name.Contains("Borexino")
                        ? DetectionFormulas.KappaAt(m, Constants.ProtonMass, 10) / DetectionFormulas.KappaAt(m, Constants.ProtonMass, 3)
                        : Math.Pow((100.0 / 101) / (9.0 / 10), 2);
                    Assert.That(b.SigmaCm2[i] / a.SigmaCm2[i], Is.EqualTo(expected).Within(c.Name.Contains("Borexino") ? 1e-9 : 3).Percent, $"{c.Name} at {m} MeV");
                }
            Assert.That(a.SigmaCm2.Any(double.IsFinite), c.Name);
            Assert.That(a.SigmaCm2.Where(double.IsFinite).All(s => s > 0), c.Name);
        }
        var dsCurve = new DarkSide50SigmaNC().Curve(10, ctx, _ => { });
        for (int i = 0; i < dsCurve.MassMeV.Length; i++)
        {
            double m = dsCurve.MassMeV[i];
            if (m > 27.4 && m < 54.7 || m > 122.3 || m < 2.58)
                Assert.That(double.IsNaN(dsCurve.SigmaCm2[i]), $"DarkSide-50 at m_X = {m} MeV");
        }
    }

    [Test]
    public void BadInputGivesAClearError()
    {
        // library code throws ArgumentOutOfRangeException/ArgumentException naming the parameter and its range (the CLI maps them to exit 2)
        Assert.That(() => Xe.SigmaNCLimit(0.0), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("mX must be a finite number > 0 MeV")
            .And.Property("ParamName").EqualTo("mX"));
        Assert.That(() => Xe.SigmaNCLimit(-5.0), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("mX"));
        Assert.That(() => Xe.SigmaNCLimit(double.NaN), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => Xe.SigmaNCLimit(50.0, 0.0), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("mediatorRatio must be > 0"));
        Assert.That(() => Xe.ExpectedCounts(50.0, -1e-49), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("sigmaNC must be a finite number ≥ 0 cm²"));
        Assert.That(() => DirectDetection.Borexino.SigmaNCLimit(-1.0), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("mX"));
        Assert.That(() => DirectDetection.Get("LUX"), Throws.TypeOf<ArgumentException>().With.Message.Contains("XENON1T_2018"));
        Assert.That(() => DirectDetectionExperiment.FromData("LUX"), Throws.TypeOf<ArgumentException>().With.Message.Contains("unknown experiment"));
        Assert.That(() => new Xenon1TSigmaNC().Curve(-1, FigureContext.Silent(Path.GetTempPath()), _ => { }), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("r = m_φ/m_X"));
    }

    private static Isotope Iso(string el, int a) => Nuclear.Isotopes.Single(i => i.Element == el && i.A == a);
}

/// <summary>The physical factor between seed 000's σ_NC and the down-scattering rate.</summary>
public class ConversionFactorTests
{
    [Test]
    public void KappaIsFourForAHeavyMediatorAndHeavyTargetWithThePropagatorFactorOtherwise()
    {
        // proof dd.sigma-nc-normalisation: κ → 4 (r → ∞, m_N → ∞); κ → 4 (r²/(r²+1))² at fixed r
        Assert.That(DetectionFormulas.KappaAt(1.0, 1e7, double.PositiveInfinity), Is.EqualTo(4.0).Within(1e-4).Percent);
        Assert.That(DetectionFormulas.KappaAt(1.0, 1e7, 3.0), Is.EqualTo(4 * 0.81).Within(1e-3).Percent);
        // for xenon at m_X = 50 MeV the exact kinematics moves it by O(m_X/m_N) ≈ 0.04 %
        Assert.That(DetectionFormulas.KappaAt(50.0, 122271, double.PositiveInfinity), Is.EqualTo(4.0).Within(0.5).Percent);
        Assert.Throws<ArgumentOutOfRangeException>(() => DetectionFormulas.KappaAt(50, 122271, 0));
    }
}
