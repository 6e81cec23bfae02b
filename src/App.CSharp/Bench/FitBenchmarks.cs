using System.Diagnostics;
using NuDM.App.Cevns;
using NuDM.App.Experiments;
using NuDM.App.Fits;
using NuDM.App.Statistics.Likelihood;

namespace NuDM.App.Bench;

/// <summary>
/// Likelihood-issue target (issue 13, performance), reported as measured time ÷ target time in one run: one profiled
/// likelihood evaluation of COHERENT CsI 2021 (energy × time, every nuisance profiled) at a new value of the νN → χN
/// strength ≤ 10 ms on one core. The joint CsI + LAr target comes with the LAr likelihood.
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
        yield return Target("profiled CsI 2021 energy × time likelihood at a new point, 1 core", Profile, 10e-3, 5, rounds);

        // a 100-point joint limit curve (ȳ–m_χ at m_S = 10 MeV, observed data) on all cores: every SNS experiment with an
        // energy × time likelihood (CsI 2021 until LAr 2020's is merged); fresh members each round, so the νN → χN rate
        // plans and templates per m_χ are rebuilt (the experiments' SM templates, built once per data folder, are not)
        var xs = Grid.LogSpace(0.1, 50, 100).Select(m => (m, 10.0)).ToArray();
        double Curve(int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                var members = LimitExperiments.WithEnergyTime.Select(id => (LimitMember)new CsI2021EnergyTimeMember(LimitExperiments.CsI2021Templates(id))).ToArray();
                s += ProfileLimits.Scan(members, xs, LimitData.Observed, null, null, CancellationToken.None).Sum(r => r.IsConstrained ? r.Value : 0);
            }
            return s;
        }
        yield return Target($"100-point joint limit curve ({string.Join(" + ", LimitExperiments.WithEnergyTime)}, energy × time), {Environment.ProcessorCount} cores", Curve, 10, 1, Math.Min(rounds, 3));
    }

    private static RatioResult Target(string name, Func<int, double> op, double targetSeconds, int opsPerRound, int rounds)
    {
        op(opsPerRound); // warm-up
        var times = new double[rounds];
        double sink = 0;
        var sw = new Stopwatch();
        for (int r = 0; r < rounds; r++)
        {
            sw.Restart();
            sink += op(opsPerRound);
            times[r] = sw.Elapsed.TotalSeconds / opsPerRound;
        }
        if (double.IsNaN(sink)) Console.Write("");
        Array.Sort(times);
        double q(double p) => times[(int)Math.Round(p * (times.Length - 1))];
        return new RatioResult(name, "measured", "target", q(0.5) * 1e9, targetSeconds * 1e9,
            q(0.5) / targetSeconds, q(0.25) / targetSeconds, q(0.75) / targetSeconds, 1.0);
    }
}
