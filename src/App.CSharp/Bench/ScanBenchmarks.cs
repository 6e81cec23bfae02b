using System.Diagnostics;
using System.Globalization;
using NuDM.App.Scans;

namespace NuDM.App.Bench;

/// <summary>
/// Speed targets of <c>nudm scan</c> (issue 14), as ratios measured in one run (time ÷ budget; ≤ the target is met):
/// a full point of a 4-D scan (relic coupling, COHERENT 2017 Δχ², direct detection and Borexino, T_KD) ≤ 1 ms on one
/// core; the throughput from 1 to 2 cores ≥ 1.8× (on 16 blocks of 1000 points, and on the 10⁵-point scan's 100); a 10⁵-point 4-D scan ≤ 2 min on 2 cores; the store's overhead
/// ≤ 5 % of the scan time (measured three ways: the CPU time spent in the store — thread CPU clock — as a share of the
/// run's CPU time; the wall time with the store over the wall time without, ≤ 1.05; the same for the process's CPU
/// time). The 4-D scans are grids over (m_X, r, y_X, y_q) with the couplings varying fastest (the order the README
/// recommends): each point pays its own Δχ², rates and T_KD refinement, and a share of the
/// per-(m_X, r) work (relic search, freeze-out grid, CEvNS plan, limits, T_KD nodes). Every round parses the spec anew,
/// so no per-(m_X, r) cache survives from one round to the next. Not a test: nothing here asserts.
/// </summary>
public static class ScanBenchmarks
{
    /// <summary>The observables of a "full point".</summary>
    private const string Observables = """
        observables:
          - relic_coupling
          - delta_chi2: { experiment: coherent-csi-2017 }
          - direct_detection
          - borexino
          - kinetic_decoupling
        """;

    /// <summary>
    /// A 4-D grid spec with <paramref name="m"/> × <paramref name="r"/> mass pairs and <paramref name="y"/> × <paramref name="q"/>
    /// couplings per pair; one shard block per mass pair (the README's rule: shard_block = the couplings' sub-grid).
    /// </summary>
    public static ScanSpec Grid(int m, int r, int y, int q) => ScanSpec.Parse($$"""
        model: x-phi-nu
        sampling: grid
        parameters:
          m_X: { from: 1, to: 1000, scale: log, points: {{m}} }
          r: { from: 1.5, to: 10, scale: log, points: {{r}} }
          y_X: { from: 1e-5, to: 3, scale: log, points: {{y}} }
          y_q: { from: 1e-10, to: 1e-4, scale: log, points: {{q}} }
        {{Observables}}
        shard_block: {{y * q}}
        """, "bench.yaml");

    /// <summary>Runs the four measurements.</summary>
    public static IEnumerable<RatioResult> Run(int rounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 3);
        int cores = Math.Min(2, Environment.ProcessorCount);
        // warm-up: the kernel's derivations, the experiments' SM predictions and the JIT — rounds of the measured grid on
        // one and on two threads, until tiered compilation has promoted the hot code (its background compiles would
        // otherwise run on the core a 1-thread round leaves free and compete with a 2-thread round: a bias of up to
        // 30 % against two cores in the first rounds)
        Time(() => Grid(3, 2, 8, 4), 1, new NullSink());
        for (int w = 0; w < 3; w++)
        {
            Time(() => Grid(8, 2, 40, 25), 1, new NullSink());
            Time(() => Grid(8, 2, 40, 25), cores, new NullSink());
        }
        // and the store's own code, which the rounds into nothing never run: a store's metadata (the spec serialised to
        // its canonical YAML and hashed, the model's hash), opening SQLite, a batch, the checkpointer. A real run does
        // this once per process; in the measured rounds, once per round, so tiered compilation promoted it (after 30
        // calls) during them: 200–400 methods JIT-compiled per store round, up to 180 ms of the background compiler's
        // CPU in rounds with a store only. Here it runs 40 times on a 40-point grid (2 × 2 × 5 × 2), then the compiler gets time to finish
        var small = Grid(2, 2, 5, 2);
        var fingerprint = NuDM.App.Statistics.RunFingerprint.Current();
        for (int w = 0; w < 40; w++)
        {
            var warm = Path.Combine(Path.GetTempPath(), $"nudm-bench-{Guid.NewGuid():N}.sqlite");
            try
            {
                using var store = ScanStore.OpenForRun(warm, ScanMetadata.For(small, Shard.All, fingerprint));
                ScanEngine.Run(small, Shard.All, new StoreSink(store), new ScanRunOptions { Threads = cores }, CancellationToken.None);
                _ = store.Settings();
            }
            finally { foreach (var f in new[] { warm, warm + "-wal", warm + "-shm" }) File.Delete(f); }
        }
        Thread.Sleep(1000);

        // 16 mass pairs × 1000 couplings (40 y_X × 25 y_q, as in the 10⁵-point scan) = 16000 points per round, 16 blocks
        int n = Math.Max(3, rounds / 7);
        var single = new double[n];
        var dual = new double[n];
        var specPoints = Grid(8, 2, 40, 25).Count;
        var costs = new RunCosts[n];
        for (int i = 0; i < n; i++)
        {
            // interleaved, alternating which runs first, so load on the machine affects both alike
            if (i % 2 == 0) { single[i] = Time(() => Grid(8, 2, 40, 25), 1, new NullSink(), out costs[i]); dual[i] = Time(() => Grid(8, 2, 40, 25), cores, new NullSink()); }
            else { dual[i] = Time(() => Grid(8, 2, 40, 25), cores, new NullSink()); single[i] = Time(() => Grid(8, 2, 40, 25), 1, new NullSink(), out costs[i]); }
        }
        double perPoint = Median(single) / specPoints;
        // what a 1-core round costs besides compute: a collection stops every worker, an exception costs tens of μs
        string spent = $"per point {Numbers.Significant(Median(costs.Select(c => c.Bytes / specPoints).ToArray()), 3)} B allocated, " +
                       $"{Numbers.Significant(Median(costs.Select(c => (double)c.Exceptions / specPoints).ToArray()), 2)} exceptions; " +
                       $"{Numbers.Significant(Median(costs.Select(c => (double)c.Collections).ToArray()), 3)} gen-0 collections per round, " +
                       $"paused {Numbers.Significant(Median(costs.Select((c, i) => c.PauseSeconds / single[i] * 100).ToArray()), 2)} % of it";
        yield return new RatioResult("full point of a 4-D grid (1 core)", $"relic, COHERENT Δχ², DD, Borexino, T_KD ({spent})", "budget 1 ms",
            perPoint * 1e9, 1e6, perPoint / 1e-3, Quantile(single, 0.25) / specPoints / 1e-3, Quantile(single, 0.75) / specPoints / 1e-3, 1.0);
        var speedup = single.Select((s, i) => dual[i] * 1.8 / s).ToArray();
        yield return new RatioResult($"throughput 1 → {cores} cores (≥ 1.8×)", $"{cores}-core time × 1.8", "1-core time",
            Median(dual) * 1.8 / specPoints * 1e9, Median(single) / specPoints * 1e9, Median(speedup), Quantile(speedup, 0.25), Quantile(speedup, 0.75), 1.0);
        // what the machine itself gives from a second core: two copies of an arithmetic loop (no allocation, no shared
        // data, no memory traffic) one after the other and on two threads. On a virtual machine whose two vCPUs share a
        // physical core this is well below 2 and caps any program's throughput ratio; the scan is compared with it
        var machine = new double[n];
        var scan = single.Select((s, i) => s / dual[i]).ToArray();
        for (int i = 0; i < n; i++) machine[i] = MachineSpeedup(cores);
        var relative = machine.Select((m, i) => m / scan[i]).ToArray();
        yield return new RatioResult($"throughput 1 → {cores} cores vs the machine's own", $"{cores}-core time × an arithmetic loop's speedup ({Numbers.Significant(Median(machine), 3)}×)",
            "1-core time", Median(dual) * Median(machine) / specPoints * 1e9, Median(single) / specPoints * 1e9, Median(relative), Quantile(relative, 0.25), Quantile(relative, 0.75), 1.0);

        // 10⁵ points (20 m_X × 5 r × 40 y_X × 25 y_q) on 2 cores, into SQLite and into nothing, interleaved: the scan time
        // and the store's overhead on a scan of realistic length (a short scan would measure opening and closing the file)
        int big = Math.Max(5, rounds / 3);
        var withStore = new double[big];
        var without = new double[big];
        var withoutCpu = new double[big];
        var runs = new StoreRun[big];
        var singleBig = new double[big];
        long bigPoints = Grid(20, 5, 40, 25).Count;
        for (int i = 0; i < big; i++)
        {
            // the same scan on one core, into nothing: the throughput over 100 blocks (the 16-block rounds above end with
            // one core idle for part of the last block)
            singleBig[i] = Time(() => Grid(20, 5, 40, 25), 1, new NullSink());
            var file = Path.Combine(Path.GetTempPath(), $"nudm-bench-{Guid.NewGuid():N}.sqlite");
            try
            {
                if (i % 2 == 0) { (without[i], withoutCpu[i]) = TimeCpu(() => Grid(20, 5, 40, 25), cores); runs[i] = TimeStore(() => Grid(20, 5, 40, 25), cores, file); }
                else { runs[i] = TimeStore(() => Grid(20, 5, 40, 25), cores, file); (without[i], withoutCpu[i]) = TimeCpu(() => Grid(20, 5, 40, 25), cores); }
            }
            finally
            {
                foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
            }
            withStore[i] = runs[i].Wall;
        }
        var bigSpeedup = singleBig.Select((s, i) => without[i] * 1.8 / s).ToArray();
        yield return new RatioResult($"throughput 1 → {cores} cores, 10⁵-point scan (≥ 1.8×)", $"{cores}-core time × 1.8 (no store)", "1-core time (no store)",
            Median(without) * 1.8 / bigPoints * 1e9, Median(singleBig) / bigPoints * 1e9, Median(bigSpeedup), Quantile(bigSpeedup, 0.25), Quantile(bigSpeedup, 0.75), 1.0);
        double t = Median(withStore);
        yield return new RatioResult($"10⁵-point 4-D scan ({cores} cores, SQLite)", "measured", "budget 120 s",
            t * 1e9, 120e9, t / 120, Quantile(withStore, 0.25) / 120, Quantile(withStore, 0.75) / 120, 1.0);
        // the store's cost: the CPU time spent inside the store (thread CPU clock, on whichever thread committed, and its
        // checkpointer thread's) as a share of the run's CPU time (the process's: every thread). On a machine whose cores the scan has to itself
        // this is cores × wall time; on a shared machine the process runs only part of that, and a share of cores × wall
        // would understate the store's cost
        var storeCpu = runs.Select(r => r.StoreCpu).ToArray();
        var share = runs.Select(r => r.StoreCpu / r.ProcessCpu / 0.05).ToArray();
        var commits = Median(runs.Select(r => (double)r.Commits).ToArray());
        var rowsPerCommit = Median(runs.Select(r => r.Rows / (double)Math.Max(1, r.Commits)).ToArray());
        yield return new RatioResult("store: CPU in the store ÷ the run's CPU (≤ 5 %)",
            $"SQLite commits and WAL folds, thread CPU time ({Numbers.Significant(commits, 3)} commits of {Numbers.Significant(rowsPerCommit, 4)} rows in packs of ≤ {ScanStore.PackRows}; {runs[0].Settings})",
            "5 % of the process's CPU time", Median(storeCpu) * 1e9, Median(runs.Select(r => r.ProcessCpu).ToArray()) * 0.05 * 1e9,
            Median(share), Quantile(share, 0.25), Quantile(share, 0.75), 1.0);
        // per round: wall time with the store ÷ without (≤ 1.05: at most 5 % longer); a ratio, so a round in which the
        // store happened to be faster (noise) is a ratio below 1, not a negative overhead
        var slower = withStore.Select((x, i) => x / without[i]).ToArray();
        double close = Median(runs.Select(r => r.Close).ToArray());
        yield return new RatioResult("store: wall time vs no store (≤ 1.05)", $"SQLite (of which {Numbers.Significant(close * 1e3, 2)} ms closing the store)", "no store",
            t * 1e9, Median(without) * 1e9, Median(slower), Quantile(slower, 0.25), Quantile(slower, 0.75), 1.05);
        // the same as the process's CPU time (every thread, the garbage collector's too): what the wall-time ratio would be
        // on cores the scan has to itself, and much less sensitive than the wall time to other programs on the machine
        var cpuRatio = runs.Select((r, i) => r.ProcessCpu / withoutCpu[i]).ToArray();
        yield return new RatioResult("store: process CPU time vs no store (≤ 1.05)", "SQLite, CPU time of the process", "no store",
            Median(runs.Select(r => r.ProcessCpu).ToArray()) * 1e9, Median(withoutCpu) * 1e9, Median(cpuRatio), Quantile(cpuRatio, 0.25), Quantile(cpuRatio, 0.75), 1.05);
    }

    /// <summary>Speedup of <paramref name="threads"/> copies of an allocation-free arithmetic loop run at once over the same
    /// copies run one after another (the machine's own ceiling for compute-bound work).</summary>
    private static double MachineSpeedup(int threads)
    {
        const long n = 20_000_000;
        static double Loop(long n)
        {
            double x = 0;
            for (long i = 1; i < n; i++) x += Math.Sqrt(i) * Math.Log(i); // numerics: a pure arithmetic load, not physics
            return x;
        }
        double sink = 0;
        var clock = Stopwatch.StartNew();
        for (int t = 0; t < threads; t++) sink += Loop(n);
        double serial = clock.Elapsed.TotalSeconds;
        var results = new double[threads];
        clock.Restart();
        var ts = Enumerable.Range(0, threads).Select(t => new Thread(() => results[t] = Loop(n))).ToList();
        foreach (var th in ts) th.Start();
        foreach (var th in ts) th.Join();
        double parallel = clock.Elapsed.TotalSeconds;
        if (!(sink + results.Sum() > 0)) throw new InvalidOperationException("the loop was optimised away");
        return serial / parallel;
    }

    /// <summary>CPU time of this process so far (all threads, user and kernel), s.</summary>
    private static double ProcessCpu()
    {
        using var p = Process.GetCurrentProcess();
        return p.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>Wall time and process CPU time of a run into no store (s).</summary>
    private static (double Wall, double Cpu) TimeCpu(Func<ScanSpec> spec, int threads)
    {
        double c0 = ProcessCpu();
        double wall = Time(spec, threads, new NullSink());
        return (wall, ProcessCpu() - c0);
    }

    private static double Time(Func<ScanSpec> spec, int threads, IScanSink sink) => Time(spec, threads, sink, out _);

    /// <summary>What a run cost besides its time: bytes allocated (all threads), garbage collections, the time the
    /// collector paused the program, and exceptions thrown (caught or not; each costs tens of μs).</summary>
    private readonly record struct RunCosts(double Bytes, int Collections, double PauseSeconds, long Exceptions);

    private static long _exceptions;

    static ScanBenchmarks() => AppDomain.CurrentDomain.FirstChanceException += (_, _) => Interlocked.Increment(ref _exceptions);

    private static double Time(Func<ScanSpec> spec, int threads, IScanSink sink, out RunCosts costs)
    {
        var s = spec();
        // each round starts on a collected heap: the previous round's caches are garbage, and a background collection of
        // them would otherwise run during this round — on the core a 1-thread round leaves free, against a 2-thread one
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
        long bytes = GC.GetTotalAllocatedBytes(), exceptions = Interlocked.Read(ref _exceptions);
        int collections = GC.CollectionCount(0);
        var pause = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        var o = ScanEngine.Run(s, Shard.All, sink, new ScanRunOptions { Threads = threads }, CancellationToken.None);
        double wall = clock.Elapsed.TotalSeconds;
        costs = new RunCosts(GC.GetTotalAllocatedBytes() - bytes, GC.CollectionCount(0) - collections,
            (GC.GetTotalPauseDuration() - pause).TotalSeconds, Interlocked.Read(ref _exceptions) - exceptions);
        if (o.Failed > 0) throw new InvalidOperationException($"benchmark scan: {o.Failed} points failed; first: {o.FirstFailure}");
        return wall;
    }

    /// <summary>One run into a new store: wall time (opening, scan, closing), the process's CPU time, CPU time inside the store (its wall time
    /// where the thread CPU clock is missing), closing time, commits, rows, and the store's settings.</summary>
    private sealed record StoreRun(double Wall, double ProcessCpu, double StoreCpu, double Close, long Commits, long Rows, string Settings);

    private static StoreRun TimeStore(Func<ScanSpec> spec, int threads, string file)
    {
        var s = spec();
        var run = NuDM.App.Statistics.RunFingerprint.Current();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true); // as Time: a collected heap at the start
        GC.WaitForPendingFinalizers();
        double cpu0 = ProcessCpu();
        var clock = Stopwatch.StartNew();
        ScanOutcome o;
        string settings;
        double ran;
        var store = ScanStore.OpenForRun(file, ScanMetadata.For(s, Shard.All, run));
        using (store)
        {
            o = ScanEngine.Run(s, Shard.All, new StoreSink(store), new ScanRunOptions { Threads = threads }, CancellationToken.None);
            ran = clock.Elapsed.TotalSeconds;
            if (o.Failed > 0) throw new InvalidOperationException($"benchmark scan: {o.Failed} points failed; first: {o.FirstFailure}");
            settings = string.Join(", ", store.Settings().Select(p => $"{p.Pragma} {p.Value}"));
        }
        double wall = clock.Elapsed.TotalSeconds, cpu = ProcessCpu() - cpu0;
        // closing the last connection folds the rest of the WAL into the file (a checkpoint: the store's writes reach
        // the disk); the store's CPU is the commits' (on the workers) and its checkpointer thread's folds during the run
        double storeCpu = double.IsNaN(o.SinkCpuSeconds) || double.IsNaN(store.CheckpointCpuSeconds) ? o.SinkSeconds : o.SinkCpuSeconds + store.CheckpointCpuSeconds;
        return new StoreRun(wall, cpu, storeCpu, wall - ran, o.Commits, o.Computed, settings);
    }

    /// <summary>Seconds spent in each observable on the first point of a fresh (m_X, r) pair (diagnostics for tuning).</summary>
    public static IReadOnlyList<(string Observable, double FirstSeconds, double NextSeconds)> Profile(double mX, double r)
    {
        var spec = ScanSpec.Parse(string.Create(CultureInfo.InvariantCulture, $$"""
            model: x-phi-nu
            sampling: grid
            parameters:
              m_X: {{mX}}
              r: {{r}}
              y_X: { from: 1e-3, to: 1, scale: log, points: 2 }
              y_q: 1e-9
            observables: [relic_coupling, omega_h2, { delta_chi2: { experiment: coherent-csi-2017 } }, direct_detection, borexino, kinetic_decoupling, stability, kaon]
            """), "profile.yaml");
        var p = new double[4];
        var result = new List<(string, double, double)>();
        foreach (var o in spec.Observables)
        {
            spec.Point(0, p);
            var c = Stopwatch.StartNew();
            o.Evaluate(p);
            double first = c.Elapsed.TotalSeconds;
            spec.Point(1, p);
            c.Restart();
            o.Evaluate(p);
            result.Add((o.Name, first, c.Elapsed.TotalSeconds));
        }
        return result;
    }

    private static double Median(double[] xs) => RatioBenchmark.QuantileOf(xs, 0.5);

    private static double Quantile(double[] xs, double q) => RatioBenchmark.QuantileOf(xs, q);
}
