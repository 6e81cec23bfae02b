using System.Text.Json;
using NuDM.App.Experiments;
using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Data;

/// <summary>
/// Cross-checks of the program's physics and data against independent public tables that the program itself does not
/// read (tests/reference-data, provenance in its README), read with the program's validating reader.
/// </summary>
public class ReferenceCrossCheckTests
{
    /// <summary>Trapezoid normalisation of a shape over its abscissae.</summary>
    private static double Area(double[] x, double[] y)
    {
        double s = 0;
        for (int i = 1; i < x.Length; i++) s += 0.5 * (x[i] - x[i - 1]) * (y[i] + y[i - 1]);
        return s;
    }

    /// <summary>
    /// The digitised SNS spectra (bradkav/CEvNS, from COHERENT's flux figure) against the kernel's Michel spectra of μ⁺
    /// decay at rest (seed 001 eqs. 2.23–2.24), both normalised over the digitised points below m_μ/2. Where the shape is
    /// above 20 % of its maximum and away from the endpoint the digitisation agrees within 7 % (its point scatter).
    /// The files' labels are swapped: "SNSflux_nue" rises to the endpoint, which is the ν̄_μ spectrum 2x²(3 − 2x), and
    /// "SNSflux_numub" peaks at x = 2/3, the ν_e spectrum 12x²(1 − x); the test pins that down.
    /// </summary>
    [TestCase("SNSflux_numub.txt", 28, true)]
    [TestCase("SNSflux_nue.txt", 50, false)]
    public void DigitisedSnsSpectraHaveTheShapesOfTheKernelsMichelSpectra(string file, int rows, bool electronNeutrinoShape)
    {
        var t = ReferenceData.Read("coherent_csi2017_digitized/" + file, ReferenceData.SnsFlux(rows));
        var points = t.Rows.Select(r => (E: r.Number("E_MeV"), Y: r.Number("shape"))).Where(p => p.E <= Fluxes.MichelEndpoint).ToArray();
        var e = points.Select(p => p.E).ToArray();
        var digitised = points.Select(p => p.Y).ToArray();
        Func<double, double> matching = electronNeutrinoShape ? Fluxes.ElectronNeutrinoShape : Fluxes.MuonAntineutrinoShape;
        Func<double, double> other = electronNeutrinoShape ? Fluxes.MuonAntineutrinoShape : Fluxes.ElectronNeutrinoShape;
        double worst = 0, worstOther = 0;
        foreach (var (shape, isMatching) in new[] { (matching, true), (other, false) })
        {
            var kernel = e.Select(shape).ToArray();
            double a = Area(e, digitised), b = Area(e, kernel), max = digitised.Max();
            for (int i = 0; i < e.Length; i++)
            {
                if (digitised[i] < 0.2 * max || e[i] > 52) continue;
                double dev = Math.Abs(digitised[i] / a / (kernel[i] / b) - 1);
                if (isMatching) worst = Math.Max(worst, dev);
                else worstOther = Math.Max(worstOther, dev);
            }
        }
        TestContext.Out.WriteLine($"{file}: worst deviation {worst:P1} from its Michel shape, {worstOther:P1} from the other one");
        Assert.That(worst, Is.LessThan(0.07));
        Assert.That(worstOther, Is.GreaterThan(0.3), "the other Michel spectrum must not fit: the labels are swapped");
    }

    [Test]
    public void DigitisedSnsMuonNeutrinoPeaksAtTheKernelsPionLine()
    {
        // "SNSflux_numu" is the π⁺ → μ⁺ν_μ line drawn as a smeared peak; its digitised points are 1.5–2.2 MeV apart
        var t = ReferenceData.Read("coherent_csi2017_digitized/SNSflux_numu.txt", ReferenceData.SnsFlux(147));
        var peak = t.Rows.MaxBy(r => r.Number("shape"))!;
        Assert.That(peak.Number("E_MeV"), Is.EqualTo(Fluxes.PionLineEnergy).Within(2.5));
        Assert.That(Fluxes.PionLineEnergy, Is.EqualTo(29.79).Within(0.01));
    }

    /// <summary>
    /// DDCalc's XENON1T efficiency (the program's table) is the paper's Fig. 1 efficiency × 0.475 (NR reference region) ×
    /// 0.5 (inner 0.65 t), as its header says: checked against B. Kavanagh's independent digitisation of Fig. 1 inside
    /// the 4.9–40.9 keVnr analysis window, within 5 % (digitisation: ~1 % scatter, steeper near threshold).
    /// </summary>
    [Test]
    public void XenonEfficiencyIsFigure1TimesTheReferenceRegionAndFiducialFactors()
    {
        var fig = ReferenceData.Read("detection/xenon1t_2018_fig1_efficiency_digitized.csv", ReferenceData.Xenon1TFigure1);
        double[] fe = fig.Numbers("E_R_keVnr"), fv = fig.Numbers("eff_total");
        var dd = DataFiles.Table("detection/xenon1t_2018_ddcalc_efficiency.csv");
        int compared = 0;
        foreach (var r in dd.Rows)
        {
            double e = r.Number("E_R_keVnr");
            if (e < 4.9 || e > 40.9) continue;
            double digitised = Interpolation.Linear(fe, fv, e, clamp: false);
            Assert.That(r.Number("eff_total") / (0.475 * 0.5), Is.EqualTo(digitised).Within(5).Percent, $"E_R = {e} keVnr");
            compared++;
        }
        Assert.That(compared, Is.GreaterThan(50));
    }

    /// <summary>COHERENT's own CsI check configuration (schol/dukecevns csicheck.json) and our coherent-csi-2017 exposure.</summary>
    [Test]
    public void CsI2017ExposureMatchesTheCollaborationsCheckConfiguration()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(ReferenceData.PathOf("form_factors/dukecevns_csicheck.json")));
        var root = doc.RootElement;
        var x = ExperimentRegistry.Load("coherent-csi-2017");
        Assert.That(root.GetProperty("material").GetString(), Is.EqualTo("CsI"));
        Assert.That(x.DetectorMassKg, Is.EqualTo(root.GetProperty("mass").GetDouble() * 1000).Within(1e-9));          // t → kg
        Assert.That(x.Source.DistanceM, Is.EqualTo(root.GetProperty("distance").GetDouble() / 100).Within(1e-12));    // cm → m
        Assert.That(x.Source.NeutrinosPerFlavourPerProton, Is.EqualTo(root.GetProperty("flux").GetProperty("nusperprotonperflavor").GetDouble()));
    }

    /// <summary>
    /// Our isotope table against pyCEvNS's detector file (athompson-tamu/pyCEvNS det_init.json): its nuclear masses are
    /// rounded to 10 MeV and within 6 × 10⁻⁴ of ours; its germanium abundances are an older IUPAC set, within 0.007 of
    /// NIST's; its xenon is one nucleus with the mean xenon mass, compared with our abundance-weighted mean.
    /// </summary>
    [Test]
    public void IsotopeMassesAndAbundancesAgreeWithPyCEvNS()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(ReferenceData.PathOf("form_factors/pycevns_det_init_subset.json")));
        int compared = 0;
        foreach (var detector in new[] { "csi", "ar", "nai", "ge" })
        {
            var d = doc.RootElement.GetProperty(detector);
            var z = d.GetProperty("z").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            var n = d.GetProperty("n").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            var m = d.GetProperty("m").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var f = d.GetProperty("frac").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            for (int i = 0; i < z.Length; i++)
            {
                var iso = Nuclear.Isotopes.Single(x => x.Z == z[i] && x.A == z[i] + n[i]);
                Assert.That(m[i], Is.EqualTo(iso.Mass).Within(6e-4 * iso.Mass), $"{detector}: {iso.Name}");
                if (detector == "ge") Assert.That(f[i], Is.EqualTo(iso.Abundance).Within(0.007), $"{iso.Name} abundance");
                compared++;
            }
        }
        Assert.That(compared, Is.EqualTo(10));
        double xe = doc.RootElement.GetProperty("xe").GetProperty("m")[0].GetDouble();
        Assert.That(xe, Is.EqualTo(Nuclear.Target("Xe").MeanNuclearMass).Within(6e-4 * xe));
    }
}
