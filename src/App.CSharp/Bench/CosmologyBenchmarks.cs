using System.Diagnostics;
using NuDM.App.Cosmology;

namespace NuDM.App.Bench;

/// <summary>
/// Speed targets of the cosmology numerics, reported in the <see cref="RatioResult"/> form of <c>nudm bench</c> with the
/// time budget as the "reference": ratio = measured median ÷ budget, target 1. Budgets (from the project brief):
/// one freeze-out solve ≤ 1 ms; the six two-species solves of seed 001 Fig. 7 (m_χ = 3 MeV, m_S = 10 and 100 MeV,
/// y_χ = 1e-3, 1e-4, 1e-5) ≤ 100 ms together, once with the kernel's rates and once with those rates frozen at
/// T = m_χ/20 (the solver alone); a 100-mass relic-coupling curve (seed 000 Fig. 5, m_φ = 3 m_X, Dirac,
/// 1 MeV–10 GeV, ⟨σv⟩ at unit coupling from the kernel's X̄X → ν̄ν frozen at T = m_X/20: the freeze-out solver and the
/// coupling search alone) ≤ 1 s on all cores. The frozen rates are computed before the timing. Absolute times on shared machines are
/// noisy; each figure is the median of <c>rounds</c> repetitions after a warm-up long enough for tiered JIT compilation to
/// settle (the first repetitions are up to 10× slower). Not a test: nothing here asserts.
/// </summary>
public static class CosmologyBenchmarks
{
    /// <summary>Runs the measurements (the three budgets above, and <see cref="QuadratureBenchmarks.KineticDecouplingRate"/>).</summary>
    /// <param name="rounds">Repetitions per measurement (≥ 3).</param>
    public static IEnumerable<RatioResult> Run(int rounds)
    {
        // seed 001 Fig. 7 with the kernel's derived rates (Gondolo–Gelmini averages of tabulated σ(s)), six solves in
        // parallel over both cores, models built inside the timing
        // warm-up: derivations, then long enough (≥ 1.5 s) for tiered JIT to promote the solver's hot loops — one call
        // leaves them at tier 0 / OSR and measures the JIT, not the solver (≈ 4× slower)
        var warm = System.Diagnostics.Stopwatch.StartNew();
        do _ = Seed001Boltzmann.Solve(CancellationToken.None);
        while (warm.Elapsed.TotalSeconds < 1.5);
        {
            var times = new double[rounds]; // the 2-core parallel solve is sensitive to other tenants: many rounds, median
            var swk = System.Diagnostics.Stopwatch.StartNew();
            for (int r = 0; r < times.Length; r++)
            {
                swk.Restart();
                _ = Seed001Boltzmann.Solve(CancellationToken.None);
                times[r] = swk.Elapsed.TotalSeconds;
            }
            Array.Sort(times);
            double med = times[times.Length / 2];
            yield return new RatioResult("seed 001 Fig. 7, kernel rates (6 solves, 2 cores)", "measured", "budget 100 ms",
                med * 1e9, 0.1 * 1e9, med / 0.1, times[times.Length / 4] / 0.1, times[3 * times.Length / 4] / 0.1, 1.0);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 3);
        double sv = CosmologyUnits.SigmaVFromCm3PerSecond(2.2e-26);
        var solver = new FreezeOutSolver(new FreezeOutOptions { OutputPoints = 0 });
        yield return Budget("one freeze-out (m = 10 GeV, s-wave)", "Rodas4, symbolic Jacobian", 1.0, rounds, 300,
            () => solver.Solve(1e4, _ => sv).OmegaH2);

        var models = Seed001Boltzmann.Points.Select(p => Frozen(Seed001Boltzmann.Model(p.Ms, p.Y), Seed001Boltzmann.ChiMass / 20)).ToList();
        var two = new TwoSpeciesSolver();
        yield return Budget("six chi/S solves (seed 001 Fig. 7 points, rates frozen at m_chi/20)", "two-stage Rodas4", 100.0, rounds, 30,
            () => models.Sum(m => two.Solve(m).YChiInfinity));

        var masses = Grid.LogSpace(1, 1e4, 100); // 1 MeV … 10 GeV
        var unitSigmaV = masses.Select(m => KernelCosmology.AnnihilationAtUnitCoupling(m, 3)(m / 20)).ToArray();
        var constant = masses.Select((m, i) => (Mass: m, SigmaV: unitSigmaV[i])).ToDictionary(x => x.Mass, x => x.SigmaV);
        var options = new FreezeOutOptions { OutputPoints = 0 };
        yield return Budget($"100-mass relic curve ({Environment.ProcessorCount} cores)", "parallel over masses", 1000.0, rounds, 3,
            () => RelicCoupling.Curve(masses, m => _ => constant[m], 4, nature: DarkMatterNature.Dirac, options: options).Sum(r => r.Coupling));

        // the kinetic-decoupling rate with the allocation-free quadrature against MathNet's (issue 14)
        yield return QuadratureBenchmarks.KineticDecouplingRate(rounds);
    }

    /// <summary>The model with each ⟨σv⟩ replaced by its value at <paramref name="temperature"/> (MeV): the same solver
    /// work without the thermal averages.</summary>
    private static TwoSpeciesModel Frozen(TwoSpeciesModel m, double temperature)
    {
        static ThermalCrossSection? At(ThermalCrossSection? rate, double t) => rate is null ? null : rate(t) is var v ? _ => v : null;
        return m with { ChiChiToNuNu = At(m.ChiChiToNuNu, temperature), SSToNuNu = At(m.SSToNuNu, temperature), Conversion = At(m.Conversion, temperature) };
    }

    /// <summary>Median wall time of <paramref name="work"/> in ms, after <paramref name="warmup"/> untimed runs.</summary>
    public static double MedianMilliseconds(Func<double> work, int rounds, int warmup)
    {
        double sink = 0;
        for (int i = 0; i < warmup; i++) sink += work();
        var times = new double[rounds];
        for (int r = 0; r < rounds; r++)
        {
            long start = Stopwatch.GetTimestamp();
            sink += work();
            times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        if (double.IsNaN(sink)) Console.Write("");
        Array.Sort(times);
        return times[rounds / 2];
    }

    private static RatioResult Budget(string name, string candidate, double budgetMs, int rounds, int warmup, Func<double> work)
    {
        double ms = MedianMilliseconds(work, rounds, warmup);
        return new RatioResult(name, candidate, $"budget {budgetMs:G3} ms", ms * 1e6, budgetMs * 1e6, ms / budgetMs,
            ms / budgetMs, ms / budgetMs, 1.0);
    }
}
