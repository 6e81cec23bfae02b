using System.Diagnostics;
using NUnit.Framework;
using NuDM.App.Scans;
using NuDM.App.Tests.Cli;

namespace NuDM.App.Tests.Scans;

/// <summary>
/// <c>nudm scan submit</c> on a real Slurm (the one-node cluster of scripts/slurm-up.sh, which .ci/run starts): a scan
/// sharded over a job array and merged by a dependent job equals a local run row by row; a task killed mid-run is
/// resubmitted alone by <c>--resume</c> and the result is again the local run. Without Slurm these tests are ignored
/// with the reason, never passed.
/// </summary>
[Category("Slurm")]
[NonParallelizable]
public class SlurmIntegrationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10); // a guard against a hang, not a speed target
    private string _dir = "";

    [SetUp]
    public void RequireSlurm()
    {
        if (!Slurm.Available)
            Assert.Ignore("Slurm is not available here (no sbatch on PATH); as root, scripts/slurm-up.sh starts a one-node cluster (.ci/run does)");
        var info = Slurm.Tool("sinfo", "-h", "-o", "%T");
        if (info is not { Exit: 0 } || !info.Value.Out.Split('\n').Any(s => s.Trim() is "idle" or "mixed" or "allocated"))
            Assert.Ignore($"sbatch is installed but no Slurm node is up (sinfo: '{info?.Out.Trim()}{info?.Error.Trim()}'); run scripts/slurm-up.sh as root");
        _dir = CliRun.TempPath("slurm");
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void Clean()
    {
        if (_dir.Length == 0 || !Directory.Exists(_dir)) return;
        // leave nothing of ours in the queue
        var paths = new ScanPaths(Path.Combine(_dir, "cluster"));
        if (File.Exists(Path.Combine(paths.SlurmFolder, "jobs.json")))
            foreach (var s in Slurm.Submissions(paths))
                Slurm.Tool("scancel", new[] { s.ArrayJob, s.MergeJob }.Where(j => j.Length > 0).ToArray());
        CliRun.Delete(_dir);
    }

    /// <summary>This build of nudm, as the compute node runs it.</summary>
    private static string Nudm => $"dotnet {Slurm.Quote(Path.Combine(AppContext.BaseDirectory, "nudm.dll"))}";

    private string WriteSpec(string text)
    {
        var p = Path.Combine(_dir, "scan.yaml");
        File.WriteAllText(p, text);
        return p;
    }

    private async Task<List<string>> LocalRun(string spec)
    {
        var r = await CliRun.Capture(["scan", "run", spec, "--out", Path.Combine(_dir, "local")]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        return ScanRunTests.Rows(Path.Combine(_dir, "local", "scan.sqlite"));
    }

    /// <summary>Waits until none of the jobs is queued; then the merged store must be there.</summary>
    private static async Task WaitForJobs(IEnumerable<string> jobs, Func<bool>? until = null)
    {
        var ids = jobs.Where(j => j.Length > 0).ToList();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            if (until?.Invoke() ?? false) return;
            var q = Slurm.Queue(ids);
            if (until is null && q is { Count: 0 }) return;
            await Task.Delay(500);
        }
        Assert.Fail($"jobs {string.Join(", ", ids)} still queued after {Patience.TotalMinutes} minutes: {string.Join("; ", Slurm.Queue(ids) ?? [])}");
    }

    private static string Log(ScanPaths paths, string name)
    {
        var f = Path.Combine(paths.SlurmFolder, "logs", name);
        return File.Exists(f) ? File.ReadAllText(f) : $"(no {name})";
    }

    [Test]
    public async Task AJobArrayAndItsMergeGiveTheLocalRun()
    {
        // 320 points in blocks of 8: every one of the 4 tasks gets 10 blocks
        var spec = WriteSpec(ScanRunTests.Spec.Replace("points: 12", "points: 16").Replace("shard_block: 16", "shard_block: 8"));
        var paths = new ScanPaths(Path.Combine(_dir, "cluster"));
        var submit = await CliRun.Capture(["scan", "submit", spec, "--out", paths.Folder, "--tasks", "4", "--cpus", "1", "--time", "20:00", "--nudm", Nudm]);
        Assert.That(submit.Exit, Is.EqualTo(0), submit.ToString());
        Assert.That(submit.Error, Does.Contain("submitted array job").And.Contain("4 shard tasks (0-3 of 0-3)"));
        var sub = Slurm.Submissions(paths).Single();
        Assert.That(sub.Indices, Is.EqualTo(new[] { 0, 1, 2, 3 }));
        var local = await LocalRun(spec);
        await WaitForJobs([sub.ArrayJob, sub.MergeJob]);
        Assert.That(File.Exists(paths.Store), Is.True, $"the merge job wrote no store\n{Log(paths, "merge.out")}\n{Log(paths, "shard-0.out")}");
        Assert.That(ScanRunTests.Rows(paths.Store), Is.EqualTo(local), "the merged store holds the rows of the local run, in its order");
        var status = await CliRun.Capture(["scan", "status", spec, "--out", paths.Folder]);
        Assert.That(status.Out, Does.Contain("4 shards: 4 done, 0 running, 0 pending, 0 failed, 0 missing").And.Contain("320 of 320 points"));
        Assert.That(Log(paths, "merge.out"), Does.Contain("merged 4 shard stores: 320 points"));
    }

    /// <summary>
    /// Shard 2 is killed while it runs (after it committed a batch); the merge, which needed every task, is cancelled by
    /// Slurm; status shows the shard failed with its partial store; --resume resubmits that shard alone, which resumes from
    /// its store, and the new merge gives the local run.
    /// </summary>
    [Test]
    public async Task AKilledTaskIsResubmittedAloneAndResumes()
    {
        // Shard 2 commits every 4 rows and, told by NUDM_SCAN_PAUSE_AFTER_ROWS/NUDM_SCAN_PAUSE_SHARD (Slurm passes the
        // submitting environment to every task), stops committing and hangs once 20 of its 80 points are stored: the
        // kill lands at a known state however fast or loaded the machine is; the other shards run through.
        var spec = WriteSpec("""
            model: x-phi-nu
            sampling: grid
            parameters:
              m_X: { from: 5, to: 500, scale: log, points: 8 }
              r: { from: 2, to: 10, scale: log, points: 2 }
              y_X: { from: 1e-3, to: 1, scale: log, points: 20 }
              y_q: 1e-9
            observables:
              - relic_coupling
              - kinetic_decoupling
              - stability
            shard_block: 4
            """);
        var paths = new ScanPaths(Path.Combine(_dir, "cluster"));
        Environment.SetEnvironmentVariable("NUDM_SCAN_PAUSE_AFTER_ROWS", "20");
        Environment.SetEnvironmentVariable("NUDM_SCAN_PAUSE_SHARD", "2/4");
        CliResult submit;
        try
        {
            submit = await CliRun.Capture(["scan", "submit", spec, "--out", paths.Folder, "--tasks", "4", "--hold", "--batch-rows", "4", "--nudm", Nudm]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NUDM_SCAN_PAUSE_AFTER_ROWS", null);
            Environment.SetEnvironmentVariable("NUDM_SCAN_PAUSE_SHARD", null);
        }
        Assert.That(submit.Exit, Is.EqualTo(0), submit.ToString());
        var sub = Slurm.Submissions(paths).Single();
        // run shard 2 alone first and kill it once it has paused
        Slurm.Tool("scontrol", "release", $"{sub.ArrayJob}_2");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!Log(paths, "shard-2.out").Contains("paused after ", StringComparison.Ordinal))
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(5)), $"shard 2 did not reach its pause point\n{Log(paths, "shard-2.out")}");
            await Task.Delay(200);
        }
        Slurm.Tool("scancel", "--signal=KILL", "--full", $"{sub.ArrayJob}_2");
        Slurm.Tool("scancel", $"{sub.ArrayJob}_2");
        Slurm.Tool("scontrol", "release", sub.ArrayJob);
        Slurm.Tool("scontrol", "release", sub.MergeJob);
        await WaitForJobs([sub.ArrayJob, sub.MergeJob]);
        Assert.That(File.Exists(paths.Store), Is.False, "the merge must not run without shard 2");
        var shard2 = paths.ShardStore(new Shard(2, 4));
        long partial;
        using (var s = ScanStore.OpenRead(shard2)) partial = s.RowCount;
        Assert.That(partial, Is.InRange(20L, 23L), $"shard 2 was killed at its pause point (20 of 80 points, batches of 4)\n{Log(paths, "shard-2.out")}");
        var status = await CliRun.Capture(["scan", "status", spec, "--out", paths.Folder]);
        Assert.That(status.Out, Does.Contain("3 done").And.Contain("1 failed").And.Contain($"{partial} of 80"), status.ToString());

        var resume = await CliRun.Capture(["scan", "submit", spec, "--out", paths.Folder, "--resume", "--nudm", Nudm]);
        Assert.That(resume.Exit, Is.EqualTo(0), resume.ToString());
        Assert.That(resume.Error, Does.Contain("resume: 3 shards done, 0 queued or running, 1 to resubmit"));
        var again = Slurm.Submissions(paths).Last();
        Assert.That(again.Indices, Is.EqualTo(new[] { 2 }), "only the killed shard is resubmitted");
        var local = await LocalRun(spec);
        await WaitForJobs([again.ArrayJob, again.MergeJob]);
        Assert.That(Log(paths, "shard-2.out"), Does.Contain($"resuming: {partial} of 80 points are stored"));
        Assert.That(File.Exists(paths.Store), Is.True, $"no merged store\n{Log(paths, "merge.out")}");
        Assert.That(ScanRunTests.Rows(paths.Store), Is.EqualTo(local));
    }
}
