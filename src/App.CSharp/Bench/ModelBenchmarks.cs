using NuDM.App.Cevns;
using NuDM.App.Experiments;
using NuDM.Physics;

namespace NuDM.App.Bench;

/// <summary>
/// Loading a shipped model file (models as data), each against its time budget (ratio = measured ÷ budget, target 1):
/// from the cache (read, check the structure, build the Model, take the cached verdicts and rebuild the cached processes)
/// ≤ 0.2 s, and cold (read, check, derive every process and run every obligation, one core) ≤ 10 s. The cold load runs
/// in a child process — `nudm verify --model FILE` with an empty NUDM_CACHE and DOTNET_PROCESSOR_COUNT=1 — because
/// an earlier load in this process leaves memoised derivations behind (the lab-frame kinematics every ν N process
/// starts from, the Kinematics derivation), so an in-process second "cold" load would not be cold; the child's wall
/// time includes the runtime's start and JIT, as a user's first command does. The cached loads are the median of the
/// rounds, in process, after one untimed load fills the cache. Then, per shipped file, against
/// the built-in seed model (interleaved rounds, ratio = file's model ÷ seed's): the compiled dσ/dT per call of its
/// nucleus scattering (ν N → χ N, or ν N → ν N with the SM for a model without χ; target ≤ 1.3) and a COHERENT
/// (CsI 2017) limit curve versus m_χ for a model with ν N → χ N, or versus the mediator's mass for a model whose
/// ν N → ν N interferes with the SM (target ≤ 1.5).
/// </summary>
public static class ModelBenchmarks
{
    /// <summary>Runs the suite on every shipped model file.</summary>
    public static IEnumerable<RatioResult> Run(int rounds)
    {
        var folder = ModelFile.ShippedFolder ?? throw new InvalidOperationException("the models/ folder was not found beside the program or above it");
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var cache = Path.Combine(Path.GetTempPath(), $"nudm-bench-models-{Guid.NewGuid():N}");
            try
            {
                double cold = ColdLoadMilliseconds(file);
                yield return new RatioResult($"load models/{name} cold (fresh process: nudm verify --model, empty cache, 1 core)", "measured", "budget 10 s",
                    cold * 1e6, 10_000 * 1e6, cold / 10_000, cold / 10_000, cold / 10_000, 1.0);
                ModelFile.Load(file, cache, "bench"); // fills the cache (untimed)
                double cached = CosmologyBenchmarks.MedianMilliseconds(() =>
                {
                    var d = ModelFile.Load(file, cache, "bench");
                    if (!d.FromCache) throw new InvalidOperationException($"models/{name}: the second load did not come from the cache");
                    return d.Checks.Count;
                }, rounds, 1);
                yield return new RatioResult($"load models/{name} from the cache", "measured", "budget 0.2 s",
                    cached * 1e6, 200 * 1e6, cached / 200, cached / 200, cached / 200, 1.0);
            }
            finally
            {
                try { Directory.Delete(cache, true); } catch (IOException) { } // a temporary folder: left behind if locked
            }
        }
        foreach (var r in PerCall(folder, rounds)) yield return r;
        foreach (var r in LimitCurvesPerModel(folder, rounds)) yield return r;
    }

    /// <summary>The wall time (ms) of <c>nudm verify --model FILE</c> in a child process with an empty cache folder and
    /// one processor for the runtime (DOTNET_PROCESSOR_COUNT=1): a cold load with nothing memoised in-process.</summary>
    private static double ColdLoadMilliseconds(string file)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("the models benchmark cannot find the running program to start a child");
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        if (string.IsNullOrEmpty(entry) || !string.Equals(Path.GetFileNameWithoutExtension(entry), "nudm", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("the models benchmark measures the cold load in a child nudm process: run it from nudm (nudm bench --suite models)");
        var start = new System.Diagnostics.ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // `dotnet nudm.dll`: the host needs the program's path first; the apphost is the program itself
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.OrdinalIgnoreCase)) start.ArgumentList.Add(entry);
        foreach (var a in new[] { "verify", "--model", file }) start.ArgumentList.Add(a);
        var cache = Path.Combine(Path.GetTempPath(), $"nudm-bench-cold-{Guid.NewGuid():N}");
        start.Environment["NUDM_CACHE"] = cache;
        start.Environment["DOTNET_PROCESSOR_COUNT"] = "1";
        try
        {
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            using var child = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("the cold-load child process did not start");
            var stdout = child.StandardOutput.ReadToEndAsync();
            var stderr = child.StandardError.ReadToEndAsync();
            child.WaitForExit();
            double ms = System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            if (child.ExitCode != 0)
                throw new InvalidOperationException($"the cold load of {file} (nudm verify --model) exited with {child.ExitCode}: {stderr.Result.Trim()}");
            _ = stdout.Result;
            return ms;
        }
        finally
        {
            try { if (Directory.Exists(cache)) Directory.Delete(cache, true); } catch (IOException) { } // a temporary folder: left behind if locked
        }
    }

    private const int Points = 4096;

    private static IEnumerable<(string Name, ModelDefinition Definition)> Shipped(string folder) =>
        Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), ModelFile.Load(f, null, "bench")));

    /// <summary>A value for each parameter of a shipped model's compiled dσ/dT (masses in MeV, couplings typical of
    /// the limits).</summary>
    private static double ValueOf(string symbol) => symbol switch
    {
        "m_chi" => 3.0,
        "m_S" or "m_V" or "m_phi" => 10.0,
        "ybar" or "gbar" => 1e-4,
        "g_nu" => 1e-5,
        "g_q" => -1e-5,
        _ => throw new InvalidOperationException($"the models benchmark has no value for the parameter {symbol}"),
    };

    /// <summary>The compiled dσ/dT per call of each shipped model ÷ the seed model's, through the same accessor.</summary>
    private static IEnumerable<RatioResult> PerCall(string folder, int rounds)
    {
        var rng = new Random(12);
        var csi = Kernel.Target("CsI").Nuclei;
        var e = new double[Points]; var m = new double[Points]; var t = new double[Points];
        var a = new double[Points]; var f2 = new double[Points]; var z = new double[Points];
        for (int i = 0; i < Points; i++)
        {
            var iso = csi[i % 2].Isotope;
            m[i] = iso.Mass; a[i] = iso.A; z[i] = iso.Z;
            e[i] = 3.5 + 40 * rng.NextDouble();
            t[i] = 1e-3 * (0.01 + 0.98 * rng.NextDouble()) * 2 * e[i] * e[i] / (m[i] + 2 * e[i]);
            f2[i] = 0.5 + 0.5 * rng.NextDouble();
        }
        var seed = Kernel.SeedModel.NucleusScattering(ProcessKind.NeutrinoNucleusToChiNucleus).CompileDifferentialCrossSection();
        var seedValues = seed.Parameters.Select(p => ValueOf(p.Symbol)).ToArray();
        double SeedLoop(int n)
        {
            double s = 0;
            for (int k = 0; k < n; k++) { int i = k & (Points - 1); s += seed.Invoke(e[i], m[i], t[i], a[i], f2[i], z[i], seedValues); }
            return s;
        }
        foreach (var (name, d) in Shipped(folder))
        {
            var kind = d.Model.Has(ProcessKind.NeutrinoNucleusToChiNucleus) ? ProcessKind.NeutrinoNucleusToChiNucleus
                : d.Model.Has(ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel) ? ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel
                : (ProcessKind?)null;
            if (kind is null) continue; // no coherent nucleus scattering (pseudoscalar: spin-dependent)
            var process = d.Model.NucleusScattering(kind.Value);
            var f = process.CompileDifferentialCrossSection();
            var values = f.Parameters.Select(p => ValueOf(p.Symbol)).ToArray();
            double ModelLoop(int n)
            {
                double s = 0;
                for (int k = 0; k < n; k++) { int i = k & (Points - 1); s += f.Invoke(e[i], m[i], t[i], a[i], f2[i], z[i], values); }
                return s;
            }
            yield return RatioBenchmark.Measure($"models/{name}: dσ/dT {process.Name} per call ÷ seed model's", $"compiled, model '{d.Model.Name}'",
                "compiled, model 'scalar-seed'", ModelLoop, SeedLoop, Points * 64, rounds, 1.3);
        }
    }

    /// <summary>A 20-point COHERENT CsI 2017 limit curve versus m_χ (m_mediator = 0: the light-mediator curve, a plan
    /// per point, both cores) with each shipped model that has ν N → χ N ÷ the same curve with the seed model.</summary>
    private static IEnumerable<RatioResult> LimitCurvesPerModel(string folder, int rounds)
    {
        var experiment = ExperimentRegistry.Load("coherent-csi-2017");
        int run = 0;
        double Curve(ModelDefinition? d, int n)
        {
            double s = 0;
            using var scope = ModelInUse.Use(d);
            for (int i = 0; i < n; i++)
            {
                var fresh = new CevnsModel(experiment); // no cached plans
                var xs = Grid.LogSpace(0.1 + 1e-3 * run++, 50, 20);
                s += LimitCurves.VersusFermionMass(fresh, 0.0, xs, "", false, null, null, CancellationToken.None).Limit[0];
            }
            return s;
        }
        // a model whose ν N → ν N interferes with the SM (light-vector): the curve of g = g_ν = g_q versus its mediator's
        // mass (fresh model: its one elastic plan built in the timing), the intervals found without assuming monotonicity
        double InterferingCurve(ModelDefinition d, int n)
        {
            double s = 0;
            using var scope = ModelInUse.Use(d);
            for (int i = 0; i < n; i++)
            {
                var fresh = new InterferingCevnsModel(experiment);
                var xs = Grid.LogSpace(0.1 + 1e-3 * run++, 1000, 20);
                s += fresh.ScanMasses(xs)[0].LowestExcluded;
            }
            return s;
        }
        foreach (var (name, d) in Shipped(folder))
        {
            if (d.CoherentScatteringObstacle is null && string.IsNullOrEmpty(d.Model.Roles.DarkFermion) && d.Model.Has(ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel))
                yield return RatioBenchmark.Measure($"models/{name}: 20-point COHERENT limit curve (g vs m_V, interfering) ÷ seed model's (ȳ vs m_χ)", $"model '{d.Model.Name}'",
                    "model 'scalar-seed'", n => InterferingCurve(d, n), n => Curve(null, n), 1, Math.Max(3, rounds / 5), 1.5);
            if (!d.Model.Has(ProcessKind.NeutrinoNucleusToChiNucleus) || d.CoherentScatteringObstacle is not null) continue;
            yield return RatioBenchmark.Measure($"models/{name}: 20-point COHERENT limit curve ÷ seed model's", $"model '{d.Model.Name}'",
                "model 'scalar-seed'", n => Curve(d, n), n => Curve(null, n), 1, Math.Max(3, rounds / 5), 1.5);
        }
    }
}
