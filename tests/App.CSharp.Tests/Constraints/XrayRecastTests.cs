using System.Globalization;
using NuDM.App.Constraints;
using NuDM.App.Figures;
using NuDM.App.Reproduction;
using NuDM.App.Tests.Cli;
using NuDM.Physics;
using NUnit.Framework;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NuDM.App.Tests.Constraints;

/// <summary>
/// The X-ray limits on sterile-neutrino mixing (data/constraints/xray_sterile, README there) recast into a y_X bound as
/// seed 000 sec. II.A says, y_q² y_X²/(m_φ⁴ G_F²) ≤ sin²2θ(m_s = m_X): the recast at a published point by hand, the
/// envelope's choice where limits overlap, "no constraint" outside the masses they cover, the `stability` command's new
/// default and its override, and the curve in seed 000 Fig. 5. Published points are quoted from the data files (line
/// numbers of data/constraints/xray_sterile/snu_limits.yaml).
/// </summary>
[NonParallelizable]
public class XrayRecastTests
{
    private const string Snu = "constraints/xray_sterile/snu_limits.yaml";

    /// <summary>Linear interpolation in log m–log sin²2θ between two published points, typed here by hand.</summary>
    private static double LogLog(double m, double m0, double s0, double m1, double s1) =>
        Math.Exp(Math.Log(s0) + (Math.Log(m) - Math.Log(m0)) / (Math.Log(m1) - Math.Log(m0)) * (Math.Log(s1) - Math.Log(s0)));

    /// <summary>seed 000 sec. II.A solved for y_X by hand: y_X = sqrt(sin²2θ) m_φ² G_F / y_q (G_F from Constants, PDG 2024).</summary>
    private static double ByHand(double sin2TwoTheta, double yq, double mPhi) => Math.Sqrt(sin2TwoTheta) * mPhi * mPhi * NuDM.Physics.Constants.FermiConstant / yq;

    [Test]
    public void TheRecastAtAPublishedIntegralPointIsTheSeedsFormulaByHand()
    {
        // INTEGRAL/SPI, Boyarsky et al. 2008 (snu_limits.yaml line 789): m_s = 1.10600e+3 keV, sin²2θ < 9.10772e-22
        var b = XrayMixingLimits.Strongest(1.106)!;
        Assert.That(b.Sin2TwoThetaMax, Is.EqualTo(9.10772e-22).Within(1e-12).Percent, "a digitised point is returned as published");
        Assert.That(b.Source.Label, Does.StartWith("INTEGRAL/SPI"));
        Assert.That(b.Source.Table, Is.EqualTo(Snu + "#boyarsky2007_integral"));
        // y_q = 1e-9, m_φ = 3 m_X = 3.318 MeV: y_X = sqrt(9.10772e-22) × 3.318² × 1.1663788e-11 / 1e-9 = 3.8752e-12
        var r = StabilityCurves.YXFromXrayLimits(1.106, 1e-9, 3)!;
        Assert.That(r.YXMax, Is.EqualTo(ByHand(9.10772e-22, 1e-9, 3 * 1.106)).Within(1e-9).Percent);
        Assert.That(r.YXMax, Is.EqualTo(3.8752e-12).Within(0.01).Percent);
        // and back: the mixing equivalent of that y_X is the published bound
        Assert.That(StabilityCurves.SterileMixingEquivalent(r.YXMax, 1e-9, 3 * 1.106), Is.EqualTo(9.10772e-22).Within(1e-9).Percent);
    }

    /// <summary>
    /// The validating reader finds a YAML block line by line (TableSchema.YamlBlock); a YAML parser (YamlDotNet, which the
    /// experiments use) must read the same numbers from each of the four entries used, each present once. (The file
    /// repeats another key, lsst_streams, so it is walked as parser events, not loaded as a mapping.)
    /// </summary>
    [Test]
    public void TheLineByLineYamlBlocksAgreeWithAYamlParser()
    {
        var text = File.ReadAllText(Path.Combine(ReferenceData.RepositoryData, Snu));
        foreach (var entry in new[] { "boyarsky2007_integral", "perez2016_nustar_gc", "roach2019_nustar_bulge", "ng2019_nustar_m31" })
        {
            var blocks = XyStrings(text, entry);
            Assert.That(blocks, Has.Count.EqualTo(1), entry);
            var parsed = blocks[0].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            var table = DataFiles.Table(Snu + "#" + entry);
            Assert.That(table.Numbers("m_s_keV"), Is.EqualTo(parsed.Select(p => p[0]).ToArray()), entry);
            Assert.That(table.Numbers("sin2_2theta"), Is.EqualTo(parsed.Select(p => p[1]).ToArray()), entry);
        }
    }

    /// <summary>The 'xystring' scalar of every top-level entry named <paramref name="entry"/>, by YamlDotNet's parser.</summary>
    private static List<string> XyStrings(string text, string entry)
    {
        var found = new List<string>();
        var p = new Parser(new StringReader(text));
        p.Consume<StreamStart>();
        p.Consume<DocumentStart>();
        p.Consume<MappingStart>();
        while (!p.TryConsume<MappingEnd>(out _))
        {
            var key = p.Consume<Scalar>().Value;
            if (key != entry) { p.SkipThisAndNestedEvents(); continue; }
            p.Consume<MappingStart>();
            while (!p.TryConsume<MappingEnd>(out _))
            {
                var field = p.Consume<Scalar>().Value;
                if (field == "xystring") found.Add(p.Consume<Scalar>().Value);
                else p.SkipThisAndNestedEvents();
            }
        }
        return found;
    }

    [Test]
    public void WhereTwoLimitsOverlapTheEnvelopeTakesTheStrongerByHand()
    {
        // 60 keV: only NuSTAR Galactic Centre (Perez 2017, 6.0–87.7 keV) and INTEGRAL (40.7 keV–14.08 MeV) cover it
        const double m = 0.060;
        var covering = XrayMixingLimits.All.Where(c => c.At(m) is not null).Select(c => c.Label).ToArray();
        Assert.That(covering, Is.EquivalentTo(new[] { "NuSTAR Galactic Centre (Perez et al. 2017)", "INTEGRAL/SPI (Boyarsky et al. 2008)" }));
        double integral = LogLog(60, 57.3591, 4.94000e-16, 61.1297, 6.65087e-16);  // lines 751–752
        double perez = LogLog(60, 59.9770, 2.02887e-15, 61.5206, 1.88165e-14);     // perez2016_nustar_gc
        Assert.That(integral, Is.LessThan(perez));
        var b = XrayMixingLimits.Strongest(m)!;
        Assert.That(b.Source.Label, Does.StartWith("INTEGRAL/SPI"));
        Assert.That(b.Sin2TwoThetaMax, Is.EqualTo(integral).Within(1e-9).Percent);
        Assert.That(XrayMixingLimits.All.Single(c => c.Label.StartsWith("NuSTAR Galactic Centre")).At(m), Is.EqualTo(perez).Within(1e-9).Percent);

        // 45 keV: four curves; the NuSTAR bulge (Roach 2020) is the strongest, INTEGRAL (4.07e-14 there) is not chosen
        double bulge = LogLog(45, 42.0508, 1.02893e-14, 45.3685, 1.07389e-14);
        var b45 = XrayMixingLimits.Strongest(0.045)!;
        Assert.That(b45.Source.Label, Is.EqualTo("NuSTAR Galactic bulge (Roach et al. 2020)"));
        Assert.That(b45.Sin2TwoThetaMax, Is.EqualTo(bulge).Within(1e-9).Percent);
        Assert.That(XrayMixingLimits.All.Single(c => c.Label.StartsWith("INTEGRAL")).At(0.045),
            Is.EqualTo(LogLog(45, 40.6625, 1.58220e-13, 47.7121, 1.85940e-14)).Within(1e-9).Percent);
    }

    [Test]
    public void OutsideTheMassesTheLimitsCoverThereIsNoConstraint()
    {
        var (from, to) = XrayMixingLimits.Coverage;
        Assert.That(from, Is.EqualTo(XrayMixingLimits.LowestMassMeV));
        Assert.That(to, Is.EqualTo(14.0794).Within(1e-9).Percent, "the last INTEGRAL point, 1.40794e+4 keV");
        Assert.That(XrayMixingLimits.Strongest(to), Is.Not.Null);
        Assert.That(XrayMixingLimits.Strongest(to * 1.000001), Is.Null, "not extrapolated past the last published point");
        Assert.That(XrayMixingLimits.Strongest(20), Is.Null);
        Assert.That(XrayMixingLimits.Strongest(0.009), Is.Null, "below 10 keV the shipped limits are not the strongest: none is claimed");
        Assert.That(StabilityCurves.YXFromXrayLimits(100, 1e-9, 3), Is.Null);
        Assert.That(() => XrayMixingLimits.Strongest(double.NaN), Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("mXMeV"));
    }

    [Test]
    public async Task TheStabilityCommandRecastsThePublishedLimitsByDefaultWithEmptyCellsOutsideThem()
    {
        var r = await CliRun.Capture(["stability", "--points", "5", "--csv"]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var rows = r.Out.Trim().Split('\n').Select(l => l.Split(',')).ToArray();
        Assert.That(rows[0], Is.EqualTo(new[] { "m_X_MeV", "y_X_max_stability", "y_X_max_xray_recast", "sin2_2theta_max", "xray_source" }));
        // m_X = 1, 5.62 MeV are covered by INTEGRAL; 31.6, 178, 1000 MeV by no X-ray limit: empty cells
        for (int i = 1; i <= 2; i++)
        {
            double m = double.Parse(rows[i][0], CultureInfo.InvariantCulture), s = double.Parse(rows[i][3], CultureInfo.InvariantCulture);
            Assert.That(rows[i][4], Is.EqualTo("INTEGRAL/SPI (Boyarsky et al. 2008)"));
            Assert.That(s, Is.EqualTo(XrayMixingLimits.Strongest(m)!.Sin2TwoThetaMax));
            Assert.That(double.Parse(rows[i][2], CultureInfo.InvariantCulture), Is.EqualTo(ByHand(s, 1e-9, 3 * m)).Within(1e-9).Percent);
        }
        for (int i = 3; i <= 5; i++)
            Assert.That(rows[i][2..], Is.EqualTo(new[] { "", "", "" }), $"m_X = {rows[i][0]} MeV: no constraint");

        var table = await CliRun.Capture(["stability", "--points", "5"]);
        Assert.That(table.Exit, Is.EqualTo(0), table.ToString());
        Assert.That(table.Out, Does.Contain("no constraint").And.Contain("arXiv:0710.4922").And.Contain("not extrapolated"));
    }

    [Test]
    public async Task TheUsersOwnBoundOverridesThePublishedLimitsAtEveryMass()
    {
        var r = await CliRun.Capture(["stability", "--points", "3", "--sin2-2theta-max", "1e-20", "--xray-source", "a test", "--csv"]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var rows = r.Out.Trim().Split('\n').Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.That(rows, Has.Length.EqualTo(3));
        foreach (var row in rows)
        {
            double m = double.Parse(row[0], CultureInfo.InvariantCulture);
            Assert.That(double.Parse(row[2], CultureInfo.InvariantCulture), Is.EqualTo(ByHand(1e-20, 1e-9, 3 * m)).Within(1e-9).Percent);
            Assert.That((row[3], row[4]), Is.EqualTo(("1e-20", "a test")));
        }
    }

    [Test]
    public async Task ACorruptedLimitFileStopsTheCommandWithFileLineAndColumn()
    {
        int line = ReferenceData.LineOf(Snu, "    1.10600e+3  9.10772e-22");
        using var copy = ReferenceData.EditedData(Snu, "    1.10600e+3  9.10772e-22", "    1.10600e+3  -9.10772e-22");
        var r = await CliRun.Capture(["stability", "--points", "3"]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain($"data/{Snu}: line {line}, column 2 (sin2_2theta): -9.10772e-22 is not > 0"));
    }

    [Test]
    public void Figure5DrawsTheRecastBesideTheStabilityLineBothOnThePlot()
    {
        var checkpoints = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "nudm-f5-" + Guid.NewGuid().ToString("N"))).FullName;
        Figure figure;
        try { figure = new Seed000Figure5().Build(FigureContext.Silent(checkpoints)); }
        finally { Directory.Delete(checkpoints, recursive: true); }
        var ratios = new[] { 10.0, 3.0 };
        for (int p = 0; p < 2; p++)
        {
            var panel = figure.Panels[p];
            var lines = panel.Series.OfType<LineSeries>().ToList();
            var stability = lines.Single(s => s.Label == "X → νγ stability (minimal model)");
            var xray = lines.Single(s => s.Label!.StartsWith("X-ray recast"));
            Assert.That(xray.Label, Is.EqualTo("X-ray recast: INTEGRAL/SPI (Boyarsky et al. 2008)"), "the legend names the source");
            Assert.That(lines.IndexOf(xray), Is.EqualTo(lines.IndexOf(stability) + 1), "drawn beside the stability line");
            Assert.That(xray.X[0], Is.EqualTo(1));
            Assert.That(xray.X[^1], Is.EqualTo(14.0794).Within(1e-9).Percent, "up to the last INTEGRAL point, not beyond");
            // before: the y axis started at 1e-5 and the stability line (6e-6 … 2e-8) was drawn off the plot
            foreach (var s in new[] { stability, xray })
                Assert.That(s.Y.All(y => y >= panel.Y.Min && y <= panel.Y.Max), $"{s.Label}: every point inside the y axis [{panel.Y.Min}, {panel.Y.Max}]");
            // at the published INTEGRAL point m_X = 1.106 MeV the curve is the recast by hand
            int k = xray.X.IndexOf(1.106);
            Assert.That(k, Is.GreaterThanOrEqualTo(0), "the digitised masses are drawn");
            Assert.That(xray.Y[k], Is.EqualTo(ByHand(9.10772e-22, Seed000Figure5.Yq, ratios[p] * 1.106)).Within(1e-9).Percent);
        }
    }
}
