using System.Diagnostics;
using NUnit.Framework;
using NuDM.App.Cli;
using NuDM.App.Scans;
using NuDM.App.Tests.Cli;
using Parquet;
using Parquet.Schema;

namespace NuDM.App.Tests.Scans;

/// <summary>
/// <c>nudm scan run / export / merge / plot</c> end to end: the store, resuming after Ctrl-C and after a killed
/// process, refusing a store made from something else, shards that merge into the one-machine result, exports.
/// </summary>
[NonParallelizable]
public class ScanRunTests
{
    /// <summary>A 4-D grid of 2 × 2 × 12 × 5 = 240 points with cheap observables (a second or two); the stability bound
    /// of the minimal model excludes part of it.</summary>
    internal const string Spec = """
        model: x-phi-nu
        sampling: grid
        parameters:
          m_X: { from: 30, to: 200, scale: log, points: 2 }
          r: { from: 2, to: 10, scale: log, points: 2 }
          y_X: { from: 1e-4, to: 3, scale: log, points: 12 }
          y_q: { from: 1e-16, to: 1e-8, scale: log, points: 5 }
        observables:
          - direct_detection
          - borexino
          - stability
          - kaon
          - delta_chi2: { experiment: coherent-csi-2017 }
        shard_block: 16
        """;

    private string _dir = "";

    [SetUp]
    public void Folder()
    {
        _dir = CliRun.TempPath("scan");
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void Clean()
    {
        ScanCommand.ProgressHook = null;
        ScanCommand.BatchRows = null;
        CliRun.Delete(_dir);
    }

    private string Write(string name, string text)
    {
        var p = Path.Combine(_dir, name);
        File.WriteAllText(p, text);
        return p;
    }

    /// <summary>The store's rows without the time column (which is a measurement, not a result).</summary>
    internal static List<string> Rows(string store)
    {
        using var s = ScanStore.OpenRead(store);
        return s.Rows().Select(r => $"{r.Index}|{string.Join(",", r.Parameters.Select(Bits))}|{string.Join(",", r.Observables.Select(Bits))}|{r.Status}").ToList();
    }

    private static string Bits(double x) => BitConverter.DoubleToInt64Bits(x).ToString("x16");

    [Test]
    public async Task ARunStoresEveryPointWithItsHashesAndStatus()
    {
        var spec = Write("s.yaml", Spec);
        var r = await CliRun.Capture(["scan", "run", spec, "--threads", "2"]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var store = Path.Combine(_dir, "s.scan", "scan.sqlite");
        Assert.That(r.Out, Does.Contain("240 of 240 points in " + store));
        using var s = ScanStore.OpenRead(store);
        Assert.That(s.RowCount, Is.EqualTo(240));
        Assert.That(s.IsComplete);
        var m = s.Metadata;
        Assert.That(m.SpecHash, Is.EqualTo(ScanSpec.Load(spec).Hash));
        Assert.That(m.DataHash, Is.EqualTo(NuDM.App.Statistics.RunFingerprint.Current().DataHash));
        Assert.That(m.ProgramVersion, Is.Not.Empty);
        Assert.That(m.Observables.Select(o => o.Name), Does.Contain("dchi2_coherent_csi_2017").And.Contain("borexino_ratio"));
        var rows = s.Rows().ToList();
        Assert.That(rows.Select(x => x.Index), Is.EqualTo(Enumerable.Range(0, 240).Select(i => (long)i)));
        Assert.That(rows.Select(x => x.Status), Is.All.EqualTo("ok"));
        Assert.That(rows.Select(x => x.Seconds), Is.All.GreaterThanOrEqualTo(0.0));
        // m_X = 30 MeV lies outside Borexino's window: an empty cell, not a failure
        int borexino = m.Observables.Select(o => o.Name).ToList().IndexOf("borexino_ratio");
        Assert.That(rows.Where(x => x.Parameters[0] == 30).Select(x => x.Observables[borexino]), Is.All.NaN);
    }

    [Test]
    public async Task ARunInterruptedByCtrlCResumesToTheSameRows()
    {
        var spec = Write("s.yaml", Spec);
        var whole = await CliRun.Capture(["scan", "run", spec, "--out", Path.Combine(_dir, "whole")]);
        Assert.That(whole.Exit, Is.EqualTo(0), whole.ToString());

        ScanCommand.BatchRows = 16;
        using var cts = new CancellationTokenSource();
        ScanCommand.ProgressHook = (done, _) => { if (done >= 32) cts.Cancel(); };
        var cut = await CliRun.Capture(["scan", "run", spec, "--out", Path.Combine(_dir, "cut"), "--threads", "1"], cts.Token);
        Assert.That(cut.Exit, Is.EqualTo(130), cut.ToString());
        Assert.That(cut.Error, Does.Match(@"interrupted: \d+ of 240 points are kept in .*scan\.sqlite; run the same command again to resume"));
        var store = Path.Combine(_dir, "cut", "scan.sqlite");
        long kept;
        using (var s = ScanStore.OpenRead(store)) kept = s.RowCount;
        Assert.That(kept, Is.InRange(32L, 239L));
        Assert.That(cut.Error, Does.Contain($"{kept} of 240 points are kept"), "the message tells the truth");

        ScanCommand.ProgressHook = null;
        var resumed = await CliRun.Capture(["scan", "run", spec, "--out", Path.Combine(_dir, "cut")]);
        Assert.That(resumed.Exit, Is.EqualTo(0), resumed.ToString());
        Assert.That(resumed.Error, Does.Contain($"resuming: {kept} of 240 points are stored"));
        Assert.That(resumed.Out, Does.Contain($"{240 - kept} computed now").And.Contain($"{kept} resumed"));
        Assert.That(Rows(store), Is.EqualTo(Rows(Path.Combine(_dir, "whole", "scan.sqlite"))));
    }

    /// <summary>
    /// A run killed with SIGKILL (no chance to clean up) keeps every committed batch; the next run computes exactly the
    /// missing points and ends with the rows of an uninterrupted run. The run is a separate process (the built nudm),
    /// committing every 16 rows and told (NUDM_SCAN_PAUSE_AFTER_ROWS) to stop committing and hang once 100 points are
    /// stored, so the kill always lands at a known state, however fast or loaded the machine is.
    /// </summary>
    [Test]
    public async Task AKilledRunResumesExactlyWhereItStopped()
    {
        var spec = Write("k.yaml", Spec.Replace("  - direct_detection\n", "  - kinetic_decoupling\n").Replace("points: 12", "points: 40"));
        var dir = Path.Combine(_dir, "killed");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.Environment["NUDM_SCAN_PAUSE_AFTER_ROWS"] = "100";
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "nudm.dll"), "scan", "run", spec, "--out", dir, "--threads", "1", "--batch-rows", "16" })
            psi.ArgumentList.Add(a);
        var store = Path.Combine(dir, "scan.sqlite");
        using (var p = Process.Start(psi)!)
        {
            _ = p.StandardOutput.ReadToEndAsync();
            var paused = false;
            var clock = Stopwatch.StartNew();
            while (!paused && clock.Elapsed < TimeSpan.FromMinutes(5) && await p.StandardError.ReadLineAsync() is { } line)
                paused = line.StartsWith("paused after ", StringComparison.Ordinal);
            Assert.That(paused, Is.True, "the run did not reach its pause point");
            Assert.That(p.HasExited, Is.False);
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
        long before;
        using (var s = ScanStore.OpenRead(store)) before = s.RowCount;
        Assert.That(before, Is.InRange(100L, 115L), "the batches committed up to the pause point, no more");

        var resumed = await CliRun.Capture(["scan", "run", spec, "--out", dir]);
        Assert.That(resumed.Exit, Is.EqualTo(0), resumed.ToString());
        Assert.That(resumed.Error, Does.Contain($"resuming: {before} of 800 points are stored"));
        var whole = await CliRun.Capture(["scan", "run", spec, "--out", Path.Combine(_dir, "whole")]);
        Assert.That(whole.Exit, Is.EqualTo(0), whole.ToString());
        Assert.That(Rows(store), Is.EqualTo(Rows(Path.Combine(_dir, "whole", "scan.sqlite"))));
    }

    [Test]
    public async Task AStoreMadeFromAnotherSpecIsNotResumed()
    {
        var spec = Write("s.yaml", Spec);
        Assert.That((await CliRun.Capture(["scan", "run", spec])).Exit, Is.EqualTo(0));
        File.WriteAllText(spec, Spec.Replace("points: 12", "points: 13"));
        var r = await CliRun.Capture(["scan", "run", spec]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("was made with other inputs; what differs: the spec (stored spec hash"));
    }

    [Test]
    public async Task AStoreFromAnotherDataFolderIsNotResumed()
    {
        var spec = Write("s.yaml", Spec);
        Assert.That((await CliRun.Capture(["scan", "run", spec])).Exit, Is.EqualTo(0));
        using var copy = ReferenceData.DataCopy();
        File.AppendAllText(Path.Combine(NuDM.Physics.DataFiles.Directory, "scans", "README.md"), "\nedited\n");
        var r = await CliRun.Capture(["scan", "run", spec]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("data folder's content"));
    }

    [Test]
    public async Task ASecondRunOnTheSameStoreIsRefusedNamingTheHolder()
    {
        var spec = Write("s.yaml", Spec);
        var store = Path.Combine(_dir, "s.scan", "scan.sqlite");
        Directory.CreateDirectory(Path.GetDirectoryName(store)!);
        using (OutputLock.Acquire(store + ".lock", "test", false))
        {
            var r = await CliRun.Capture(["scan", "run", spec]);
            Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
            Assert.That(r.Error, Does.Contain("is in use by").And.Contain("--wait"));
        }
    }

    [TestCase("nope.yaml", "does not exist")]
    public async Task BadInputIsExitCodeTwo(string spec, string message)
    {
        var r = await CliRun.Capture(["scan", "run", Path.Combine(_dir, spec)]);
        Assert.That(r.Exit, Is.EqualTo(2));
        Assert.That(r.Error, Does.Contain(message));
    }

    [Test]
    public async Task ASpecFaultIsExitCodeTwoWithLineAndColumn()
    {
        var spec = Write("bad.yaml", Spec.Replace("from: 30,", "from: 0,"));
        var r = await CliRun.Capture(["scan", "run", spec]);
        Assert.That(r.Exit, Is.EqualTo(2));
        Assert.That(r.Error, Does.Contain("bad.yaml: line 4, column 16: parameters.m_X.from: m_X = 0 MeV is outside its physical range"));
        var shard = await CliRun.Capture(["scan", "run", Write("s.yaml", Spec), "--shard", "4/4"]);
        Assert.That(shard.Exit, Is.EqualTo(2));
        Assert.That(shard.Error, Does.Contain("--shard '4/4' must be k/N"));
    }

    /// <summary>Shards computed apart merge into the rows of a one-machine run, in the same order.</summary>
    [Test]
    public async Task ShardsMergeIntoTheOneMachineRun()
    {
        var spec = Write("s.yaml", Spec);
        Assert.That((await CliRun.Capture(["scan", "run", spec, "--out", Path.Combine(_dir, "one")])).Exit, Is.EqualTo(0));
        var dir = Path.Combine(_dir, "sharded");
        foreach (var k in new[] { 2, 0 })
            Assert.That((await CliRun.Capture(["scan", "run", spec, "--out", dir, "--shard", $"{k}/3"])).Exit, Is.EqualTo(0));
        var early = await CliRun.Capture(["scan", "merge", spec, "--out", dir]);
        Assert.That(early.Exit, Is.EqualTo(2));
        Assert.That(early.Error, Does.Contain("shards 1/3 are missing"));
        var status = await CliRun.Capture(["scan", "status", spec, "--out", dir]);
        Assert.That(status.Exit, Is.EqualTo(0), status.ToString());
        Assert.That(status.Out, Does.Contain("3 shards: 2 done").And.Contain("1 missing"));
        Assert.That((await CliRun.Capture(["scan", "run", spec, "--out", dir, "--shard", "1/3"])).Exit, Is.EqualTo(0));
        var merge = await CliRun.Capture(["scan", "merge", spec, "--out", dir]);
        Assert.That(merge.Exit, Is.EqualTo(0), merge.ToString());
        Assert.That(merge.Out, Does.Contain("merged 3 shard stores: 240 points"));
        Assert.That(Rows(Path.Combine(dir, "scan.sqlite")), Is.EqualTo(Rows(Path.Combine(_dir, "one", "scan.sqlite"))));
        using var merged = ScanStore.OpenRead(Path.Combine(dir, "scan.sqlite"));
        Assert.That(merged.Metadata.Shard, Is.EqualTo("0/1"));
        Assert.That(File.Exists(Path.Combine(dir, "scan.sqlite-wal")), Is.False, "the merged store is one file");
    }

    [Test]
    public async Task ExportWritesCsvAndParquetWithTheStoresValues()
    {
        var spec = Write("s.yaml", Spec);
        Assert.That((await CliRun.Capture(["scan", "run", spec])).Exit, Is.EqualTo(0));
        var csv = await CliRun.Capture(["scan", "export", spec]);
        Assert.That(csv.Exit, Is.EqualTo(0), csv.ToString());
        var lines = csv.Out.TrimEnd('\n').Split('\n');
        Assert.That(lines[0], Does.StartWith("idx,m_X,r,y_X,y_q,dd_XENON1T_2018_ratio,").And.EndWith(",status,seconds"));
        Assert.That(lines, Has.Length.EqualTo(241));
        Assert.That(csv.Out, Does.Not.Contain("NaN").And.Not.Contain("Infinity"));
        var store = Path.Combine(_dir, "s.scan", "scan.sqlite");
        List<ScanRow> rows;
        using (var s = ScanStore.OpenRead(store)) rows = s.Rows().ToList();
        var cells = lines[5].Split(',');
        Assert.That(double.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(rows[4].Parameters[0]));

        var parquet = Path.Combine(_dir, "out.parquet");
        var p = await CliRun.Capture(["scan", "export", store, "--output", parquet]);
        Assert.That(p.Exit, Is.EqualTo(0), p.ToString());
        using var stream = File.OpenRead(parquet);
        await using var reader = await ParquetReader.CreateAsync(stream);
        Assert.That(reader.CustomMetadata["nudm.spec_hash"], Is.EqualTo(ScanSpec.Load(spec).Hash));
        var fields = reader.Schema.GetDataFields();
        using var g = reader.OpenRowGroupReader(0);
        Assert.That(g.RowCount, Is.EqualTo(240));
        var idx = new long[240];
        await g.ReadAsync<long>((DataField)fields[0], idx.AsMemory());
        Assert.That(idx, Is.EqualTo(Enumerable.Range(0, 240).Select(i => (long)i)));
        var xenon = new double?[240];
        await g.ReadAsync<double>(fields.Single(f => f.Name == "dd_XENON1T_2018_ratio"), xenon.AsMemory());
        Assert.That(xenon.Select(v => v ?? double.NaN), Is.EqualTo(rows.Select(r => r.Observables[0])));

        var wrong = await CliRun.Capture(["scan", "export", store, "--output", Path.Combine(_dir, "out.xlsx")]);
        Assert.That(wrong.Exit, Is.EqualTo(2));
        Assert.That(wrong.Error, Does.Contain(".csv or .parquet"));
    }

    /// <summary>The y_q–y_X map: a cell is allowed when some point in it satisfies every constraint (checked by hand here).</summary>
    [Test]
    public async Task PlotWritesAProfileMapAndTheAllowedRegion()
    {
        var spec = Write("s.yaml", Spec);
        Assert.That((await CliRun.Capture(["scan", "run", spec])).Exit, Is.EqualTo(0));
        var r = await CliRun.Capture(["scan", "plot", spec, "--x", "y_q", "--y", "y_X"]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var basePath = Path.Combine(_dir, "s.scan", "plot-y_q-y_X");
        foreach (var ext in new[] { ".svg", ".pdf", ".png", ".csv", "-cells.csv" }) Assert.That(File.Exists(basePath + ext), ext);
        var cells = File.ReadAllLines(basePath + "-cells.csv");
        Assert.That(cells[0], Is.EqualTo("y_q_low,y_q_high,y_X_low,y_X_high,points,min_dchi2_coherent_csi_2017,allowed"));
        Assert.That(cells, Has.Length.EqualTo(1 + 5 * 12), "one cell per grid value");

        using var store = ScanStore.OpenRead(Path.Combine(_dir, "s.scan", "scan.sqlite"));
        var map = ScanPlot.Build(store, "y_q", "y_X", null, false, 40);
        var cons = store.Metadata.Observables.Select((o, i) => (o, i)).Where(t => t.o.Sense != ConstraintSense.None).ToList();
        var rows = store.Rows().ToList();
        foreach (var c in map.Cells)
        {
            var inside = rows.Where(x => x.Parameters[3] >= c.XLow && x.Parameters[3] < c.XHigh && x.Parameters[2] >= c.YLow && x.Parameters[2] < c.YHigh).ToList();
            Assert.That(c.Points, Is.EqualTo(inside.Count));
            bool allowed = inside.Any(x => cons.All(t => double.IsNaN(x.Observables[t.i]) || (t.o.Sense == ConstraintSense.AtMost ? x.Observables[t.i] <= t.o.Threshold : x.Observables[t.i] >= t.o.Threshold)));
            Assert.That(c.Allowed, Is.EqualTo(allowed));
            Assert.That(c.Profile, Is.EqualTo(inside.Min(x => x.Observables[^1])));
        }
        Assert.That(map.Cells.Count(c => c.Allowed), Is.InRange(1, 59), "some cells allowed, some not");
        var bad = await CliRun.Capture(["scan", "plot", spec, "--x", "m_chi", "--y", "y_X"]);
        Assert.That(bad.Exit, Is.EqualTo(2));
        Assert.That(bad.Error, Does.Contain("--x m_chi is not a parameter"));
    }

    [Test]
    public void TheBatchScriptsRunOneShardEachAndMergeAfterTheArray()
    {
        var spec = ScanSpec.Load(Write("s.yaml", Spec));
        var paths = new ScanPaths(Path.Combine(_dir, "it's here"));
        var (array, merge) = Slurm.WriteScripts(spec, paths, new SlurmOptions { Tasks = 4, Cpus = 2, Time = "10:00", Partition = "short", Nudm = "/opt/nudm" });
        var a = File.ReadAllText(array);
        Assert.That(a, Does.StartWith("#!/bin/bash\n"));
        Assert.That(a, Does.Contain("#SBATCH --cpus-per-task=2").And.Contain("#SBATCH --time=10:00").And.Contain("#SBATCH --partition=short"));
        Assert.That(a, Does.Contain("exec /opt/nudm scan run ").And.Contain("--shard \"${SLURM_ARRAY_TASK_ID}/4\" --threads \"${SLURM_CPUS_PER_TASK:-1}\""));
        Assert.That(a, Does.Contain("'" + paths.Folder.Replace("'", "'\\''") + "'"), "paths are quoted for bash");
        Assert.That(File.ReadAllText(merge), Does.Contain("exec /opt/nudm scan merge "));
        Assert.That(Slurm.Ranges([0, 1, 2, 5, 7, 8]), Is.EqualTo("0-2,5,7-8"));
    }
}
