using NuDM.App.Cli;
using NUnit.Framework;

namespace NuDM.App.Tests.Cli;

/// <summary>
/// <c>nudm limit</c> checkpoints its scan in the cache folder (NUDM_CACHE here), so the same command resumes after an
/// interruption with identical results; the interruption message says what was kept and where; with --csv the
/// progress and notes go to standard error and standard output is the CSV alone.
/// </summary>
[NonParallelizable]
public class LimitCheckpointTests
{
    private string _cache = "";

    private static readonly string[] Scan =
        ["limit", "--experiment", "coherent-csi-2017", "--vary", "ms", "--mchi", "1", "--points", "40", "--csv"];

    [SetUp]
    public void Cache()
    {
        _cache = CliRun.TempPath("cache");
        Environment.SetEnvironmentVariable("NUDM_CACHE", _cache);
    }

    [TearDown]
    public void Clean()
    {
        CevnsCommands.ProgressHook = null;
        Environment.SetEnvironmentVariable("NUDM_CACHE", TestCacheFolder.Path);
        CliRun.Delete(_cache);
    }

    [Test]
    public async Task AnInterruptedScanResumesAndGivesTheUninterruptedResult()
    {
        // the reference: an uninterrupted run in another cache folder
        Environment.SetEnvironmentVariable("NUDM_CACHE", _cache + "-reference");
        CliResult reference;
        try { reference = await CliRun.Capture(Scan); }
        finally { CliRun.Delete(_cache + "-reference"); }
        Assert.That(reference.Exit, Is.EqualTo(0), reference.ToString());
        Environment.SetEnvironmentVariable("NUDM_CACHE", _cache);

        // Ctrl-C after a quarter of the points
        using var cts = new CancellationTokenSource();
        CevnsCommands.ProgressHook = f => { if (f >= 0.25) cts.Cancel(); };
        var cut = await CliRun.Capture(Scan, cts.Token);
        CevnsCommands.ProgressHook = null;
        Assert.That(cut.Exit, Is.EqualTo(130), cut.ToString());
        var kept = System.Text.RegularExpressions.Regex.Match(cut.Error, @"(\d+) of 40 points are kept in (\S+\.jsonl)");
        Assert.That(kept.Success, cut.Error);
        int n = int.Parse(kept.Groups[1].Value);
        Assert.That(n, Is.InRange(10, 39));
        Assert.That(kept.Groups[2].Value, Does.StartWith(Path.Combine(_cache, "limit")));
        Assert.That(File.Exists(kept.Groups[2].Value));

        // the same command resumes from them
        var resumed = await CliRun.Capture(Scan);
        Assert.That(resumed.Exit, Is.EqualTo(0), resumed.ToString());
        Assert.That(resumed.Error, Does.Contain($"resumed {n} of 40 points from {kept.Groups[2].Value}"));
        Assert.That(resumed.Out, Is.EqualTo(reference.Out), "identical to the uninterrupted run");

        // --force reads nothing
        var forced = await CliRun.Capture([.. Scan, "--force"]);
        Assert.That(forced.Error, Does.Not.Contain("resumed"));
        Assert.That(forced.Out, Is.EqualTo(reference.Out));
    }

    [Test]
    public async Task WithCsvProgressGoesToStandardErrorAndStandardOutputIsTheCsv()
    {
        var r = await CliRun.Capture(["limit", "--experiment", "conus", "--vary", "mchi", "--points", "4", "--csv"]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var lines = r.Out.TrimEnd('\n').Split('\n');
        Assert.That(lines, Has.Length.EqualTo(5));
        Assert.That(lines[0], Is.EqualTo("m_chi_MeV,ybar_90CL,status"));
        Assert.That(r.Error, Does.Contain("limits: 100% (4 of 4 points)"), "the progress");
    }

    [Test]
    public async Task ASecondRunOfTheSameScanExits2NamingTheFirst()
    {
        var first = await CliRun.Capture(["limit", "--experiment", "conus", "--vary", "mchi", "--points", "3", "--csv"]);
        Assert.That(first.Exit, Is.EqualTo(0));
        var ck = Directory.GetFiles(Path.Combine(_cache, "limit"), "*.jsonl").Single();
        using var held = OutputLock.Acquire(ck + ".lock", "test", wait: false);
        var second = await CliRun.Capture(["limit", "--experiment", "conus", "--vary", "mchi", "--points", "3", "--csv"]);
        Assert.That(second.Exit, Is.EqualTo(2), second.ToString());
        Assert.That(second.Error, Does.Contain($"process {Environment.ProcessId}"));
    }
}
