using System.Diagnostics;
using NuDM.App.Cevns;
using NuDM.App.Experiments;
using NuDM.App.Fits;
using NuDM.App.Statistics.Likelihood;

namespace NuDM.App.Bench;

/// <summary>
/// Likelihood-issue target (issue 13, performance), reported as measured time ÷ target time in one run: one profiled
/// likelihood evaluation of COHERENT CsI 2021 (energy × time, every nuisance profiled) at a new value of the νN → χN
/// strength ≤ 10 ms on one core; and the same for the CsI 2021 + LAr 2020 joint likelihood, the limit set-up: both
/// experiments in the SNS-flux form with a νN → χN template (m_χ = 5 MeV, m_S = 10 MeV) sharing sns_flux and
/// nuchi_strength; there a "new point" is the next value of a walk over the new-physics strength, at which every nuisance
/// (16 of them) is profiled by <see cref="ScoringProfiler.Minimise"/> (Fisher scoring; tested against the L-BFGS-B
/// <see cref="Profiler.Minimise"/>, which took about 7× the budget here) from the previous point's nuisances, as a limit
/// scan walks its parameter of interest. Not a test: nothing here asserts.
/// </summary>
public static class FitBenchmarks
{
    /// <summary>Runs the measurement.</summary>
    public static IEnumerable<RatioResult> Run(int rounds)
    {
        var templates = new CsI2021Templates(ExperimentRegistry.Load<CoherentCsI2021>("coherent-csi-2021"));
        // νN → χN templates at m_χ = 5 MeV, m_S = 10 MeV (built once: "templates per θ"), ȳ = 1 as reference
        var process = KernelPhysics.NuChi(5, 0, templates.FormFactor);
        var sigma = KernelPhysics.NuChiCrossSection(5, 10, templates.FormFactor);
        var np = templates.PeTemplates([templates.RecoilCounts(ArrivalGroup.Prompt, process, sigma, [sigma]),
            templates.RecoilCounts(ArrivalGroup.Delayed, process, sigma, [sigma])]);
        // scale so that strength 1 is about 100 events on the grid
        double perUnit = CsI2021EnergyTimeModel.GridCount(templates, np, new double[(templates.Responses.Count - 1) / 2], 0);
        var scaled = np.Select(g => g.Select(v => v.Select(x => x * 100 / perUnit).ToArray()).ToArray()).ToArray();
        var likelihood = new JointLikelihood([new CsI2021EnergyTimeModel(templates, scaled)]);
        int call = 0;
        double Profile(int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                double r = 0.05 + 0.01 * (call++ % 97); // a new point each time
                s += Profiler.Minimise(likelihood, new Dictionary<string, double> { [CsI2021EnergyTimeModel.NewPhysicsStrength] = r }).MinusTwoLogL;
            }
            return s;
        }
        yield return RatioBenchmark.AgainstBudget("profiled CsI 2021 energy × time likelihood at a new point, 1 core", Profile, 10e-3, 5, rounds);

        var joint = JointNewPhysics();
        var best = Profiler.Minimise(joint);
        double[] points = Enumerable.Range(0, 16).Select(i => 0.1 + 0.2 * i).ToArray();
        int step = 0;
        var x = best.Values;
        double Walk(int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                var p = ScoringProfiler.Minimise(joint, new Dictionary<string, double> { [CsI2021EnergyTimeModel.NewPhysicsStrength] = points[step++ % points.Length] }, x);
                x = p.Values;
                s += p.MinusTwoLogL;
            }
            return s;
        }
        yield return RatioBenchmark.AgainstBudget("profiled CsI 2021 + LAr 2020 joint likelihood at a new point, 1 core", Walk, 10e-3, points.Length, rounds);

        // a 100-point joint limit curve (ȳ–m_χ at m_S = 10 MeV, observed data) on all cores: every SNS experiment with an
        // energy × time likelihood (CsI 2021 + LAr 2020); fresh members each round, so the νN → χN rate
        // plans and templates per m_χ are rebuilt (the experiments' SM templates, built once per data folder, are not)
        var xs = Grid.LogSpace(0.1, 50, 100).Select(m => (m, 10.0)).ToArray();
        double Curve(int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                var members = LimitExperiments.WithEnergyTime.Select(id => LimitExperiments.NewMember(id, LikelihoodKind.EnergyTime)).ToArray();
                s += ProfileLimits.Scan(members, xs, LimitData.Observed, null, null, CancellationToken.None).Sum(r => r.IsConstrained ? r.Value : 0);
            }
            return s;
        }
        yield return RatioBenchmark.AgainstBudget($"100-point joint limit curve ({string.Join(" + ", LimitExperiments.WithEnergyTime)}, energy × time), {Environment.ProcessorCount} cores", Curve, 10, 1, Math.Min(rounds, 3));
    }


    /// <summary>The CsI 2021 + LAr 2020 joint likelihood with a νN → χN template (m_χ = 5 MeV, m_S = 10 MeV, ~30 events each).</summary>
    public static JointLikelihood JointNewPhysics(double mchi = 5, double ms = 10)
    {
        var csi = new CsI2021Templates(ExperimentRegistry.Load<CoherentCsI2021>("coherent-csi-2021"));
        var groups = new[] { ArrivalGroup.Prompt, ArrivalGroup.Delayed };
        var sigma = KernelPhysics.NuChiCrossSection(mchi, ms, csi.FormFactor);
        var csiRecoil = groups.Select(g => csi.RecoilCounts(g, KernelPhysics.NuChi(mchi, 0, csi.FormFactor), sigma, [sigma])).ToArray();
        double csiUnit = csiRecoil.Sum(r => r.Sum());
        var csiNp = csi.PeTemplates(csiRecoil.Select(r => r.Select(v => v * 30 / csiUnit).ToArray()).ToArray());

        var lar = new LAr2020Templates(new LAr2020Release(ExperimentRegistry.Load<CoherentLAr2020>("coherent-lar-2020")));
        var larSigma = KernelPhysics.NuChiCrossSection(mchi, ms, lar.FormFactor);
        var larRecoil = groups.Select(g => lar.RecoilCounts(g, KernelPhysics.NuChi(mchi, 0, lar.FormFactor), larSigma, [larSigma])).ToArray();
        // the same coupling in both: the LAr template scaled by the CsI factor (events per unit coupling strength)
        var larNp = lar.Template(larRecoil.Select(r => r.Select(v => v * 30 / csiUnit).ToArray()).ToArray());
        return new JointLikelihood([new CsI2021EnergyTimeModel(csi, csiNp), new LAr2020Model(lar.Release, lar, larNp)]);
    }
}
