using NuDM.App.Cevns;
using NuDM.App.Experiments;
using NUnit.Framework;

namespace NuDM.App.Tests.Cevns;

/// <summary>The CEvNS checks of the experiments issue, with the kernel physics plugged into the rate engine.</summary>
public class CevnsPhysicsTests
{
    private static CevnsModel Coherent2017 => LimitCurves.Model("coherent-csi-2017");

    [Test]
    public void CsI2017StandardModelIsInsideThePublished173Plus48AndPeaksWhereTheCollaborationsPredictionPeaks()
    {
        // COHERENT, Science 357 (2017) 1123: 173 ± 48 SM events (Fig. 3 prediction digitised in COHERENT_spectrum.txt)
        var sm = Coherent2017.StandardModel;
        Assert.That(sm.Sum(), Is.InRange(173 - 48, 173 + 48));
        Assert.That(sm.Sum(), Is.EqualTo(173).Within(5).Percent, "our Klein–Nystrand / 1.17 PE/keV set-up reproduces the central value closely");
        var published = NuDM.Physics.DataFiles.Table("cevns/coherent_csi2017_digitized/COHERENT_spectrum.txt").Numbers("events");
        int ours = Array.IndexOf(sm, sm.Max()), theirs = Array.IndexOf(published, published.Max());
        Assert.That(Math.Abs(ours - theirs), Is.LessThanOrEqualTo(1), $"peak bin {ours} vs {theirs}");
        // bin by bin within 15 % where the prediction exceeds 5 events: the peak bins agree to 2 %, the tail above
        // 16 PE falls up to 11 % below the digitised histogram (which itself sums to 181.7, not the quoted 173)
        for (int i = 0; i < sm.Length; i++)
            if (published[i] > 5) Assert.That(sm[i], Is.EqualTo(published[i]).Within(15).Percent, $"bin {i}");
        for (int i = 4; i <= 7; i++)
            Assert.That(sm[i], Is.EqualTo(published[i]).Within(4).Percent, $"peak bin {i}");
    }

    [Test]
    public void CsI2021StandardModelIsNearThePredicted341()
    {
        // COHERENT, PRL 129 081801 (2022), arXiv:2110.07730: 341 ± 11 (th) ± 42 (exp) predicted (333 was a quotation from
        // memory); energy-only approximation here (see data/experiments/README.md): 362 on 0–60 PE without resolution
        var sm = LimitCurves.Model("coherent-csi-2021").StandardModel.Sum();
        Assert.That(sm, Is.EqualTo(341).Within(13).Percent);
    }

    [Test]
    public void LAr2020StandardModelIsInsideThePredicted128Plus17()
    {
        // COHERENT CENNS-10 analysis A, PRL 126 012002 (2021): 128 ± 17 predicted
        Assert.That(LimitCurves.Model("coherent-lar-2020").StandardModel.Sum(), Is.InRange(128 - 17, 128 + 17));
    }

    [Test]
    public void SmallMassLimitIsOfTheOrderOfSeed001()
    {
        // seed 001 Fig. 3 shows visible distortions for ȳ ≈ 5e-5 at m_χ = 3 MeV: the 90% CL limit is of that order
        var lim = Coherent2017.YbarLimit(0.1, 0);
        Assert.That(lim.IsConstrained);
        Assert.That(lim.Value, Is.InRange(3e-5, 2e-4));
        Assert.That(Coherent2017.YbarLimit(3, 0).Value, Is.EqualTo(lim.Value).Within(2).Percent, "flat in m_χ at small m_χ (K of eq. 2.18)");
    }

    [Test]
    public void LimitRisesAsMchiApproachesTheLargestNeutrinoEnergy()
    {
        var flat = Coherent2017.YbarLimit(1, 0).Value;
        var nearEnd = Coherent2017.YbarLimit(50, 0).Value;
        Assert.That(nearEnd / flat, Is.GreaterThan(2.0));
        Assert.That(Coherent2017.YbarLimit(52, 0).Value, Is.GreaterThan(nearEnd));
    }

    [Test]
    public void LimitScalesLinearlyWithALargeMediatorMass()
    {
        // dσ/dT ∝ (ȳ/m_S)⁴ for m_S² ≫ 2MT (proof xs.nuchi-limits): the ȳ limit is ∝ m_S
        var a = Coherent2017.YbarLimit(3, 500).Value;
        var b = Coherent2017.YbarLimit(3, 1000).Value;
        Assert.That(b / a, Is.EqualTo(2.0).Within(3).Percent);
        var c = LimitCurves.Model("conus").YbarLimit(1, 1000).Value / LimitCurves.Model("conus").YbarLimit(1, 500).Value;
        Assert.That(c, Is.EqualTo(2.0).Within(3).Percent);
    }

    [Test]
    public void AboveTheLargestNeutrinoEnergyThereIsNoConstraintNotANumber()
    {
        var lim = Coherent2017.YbarLimit(60, 0);
        Assert.That(lim.IsConstrained, Is.False);
        Assert.That(lim.Reason, Does.Contain("52.8"));
        Assert.That(Coherent2017.SignalShape(60, 0).Sum(), Is.EqualTo(0));
        var conus = LimitCurves.Model("conus").YbarLimit(11, 0);
        Assert.That(conus.IsConstrained, Is.False);
    }

    [Test]
    public void TheLineKinkSitsNear14KeVAndVanishesForMchi30()
    {
        // seed 001 Fig. 3 text: kinks at T ≈ 14 keV from the 29.8 MeV ν_μ line for m_χ = 3 MeV; none for 30 MeV
        var job = new NuDM.App.Reproduction.Seed001Figure3(conus: false);
        var fig = job.Build(NuDM.App.Reproduction.FigureContext.Silent(Path.GetTempPath()));
        var ratios = fig.Panels[0].Series.OfType<NuDM.App.Figures.StepSeries>().ToList();
        double Jump(NuDM.App.Figures.StepSeries s)
        {
            var e = s.Edges; var v = s.Values;
            double best = 0, at = 0;
            for (int i = 1; i < v.Length; i++)
                if (e[i] > 5 && e[i] < 40 && v[i - 1] - v[i] > best) { best = v[i - 1] - v[i]; at = e[i]; }
            return at;
        }
        Assert.That(Jump(ratios[0]), Is.InRange(13.5, 15.5), "m_χ = 3 MeV: drop after the line's T_max");
    }

    [Test]
    public void FutureSensitivitiesImproveOnTheCurrentOnes()
    {
        // seed 001 Fig. 5 at m_χ = 5 MeV
        foreach (var (now, future) in new[] { ("conus", "conus-future"), ("coherent-csi-2017", "coherent-future") })
        {
            var a = LimitCurves.Model(now).YbarLimit(5, 10).Value;
            var b = LimitCurves.Model(future).YbarLimit(5, 10).Value;
            Assert.That(b, Is.LessThan(a), $"{future} vs {now}");
        }
    }
}
