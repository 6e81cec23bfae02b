using System.Text.RegularExpressions;
using NuDM.App.Cli;
using NuDM.App.Tests.Cli;
using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Reproduction;

/// <summary>
/// <c>nudm figures</c> as a user meets it: outputs that follow the data and the program (checkpoint and manifest keys),
/// --force that reads nothing, damaged checkpoints and manifests that are reported and recomputed, a locked output
/// folder, and paths that cannot be written (exit code 2 naming them).
/// </summary>
[NonParallelizable]
public class FiguresRunTests
{
    private string _out = "";
    private string? _data;

    [SetUp]
    public void Folders() => _out = CliRun.TempPath("figures");

    [TearDown]
    public void Clean()
    {
        DataFiles.UseDirectory(null);
        CliRun.Delete(_out);
        if (_data is not null) CliRun.Delete(_data);
    }

    private Task<CliResult> Figures(params string[] extra) => CliRun.Capture(["figures", "--out", _out, .. extra]);

    private string Csv(string id) => File.ReadAllText(Path.Combine(_out, id + ".csv"));

    /// <summary>Copies the data folder in use and returns the copy (deleted in TearDown).</summary>
    private string CopyData()
    {
        _data = CliRun.TempPath("data");
        var src = DataFiles.Directory;
        foreach (var f in Directory.EnumerateFiles(src, "*", SearchOption.AllDirectories))
        {
            var dst = Path.Combine(_data, Path.GetRelativePath(src, f));
            Directory.CreateDirectory(Path.GetDirectoryName(dst)!);
            File.Copy(f, dst);
        }
        return _data;
    }

    /// <summary>The rows of one experiment's curves in the seed001-fig4 CSV (its panels 2 and 3 are COHERENT CsI 2017).</summary>
    private static string[] Rows(string csv, Func<string, bool> keep) => csv.Split('\n').Where(keep).ToArray();

    /// <summary>
    /// Doubling the CsI 2017 detector mass in a copy of data/ must move the COHERENT curves: with --force (which read
    /// the old checkpoints and reproduced the old curve byte for byte) and without it (the manifest said "up to date").
    /// CONUS, whose data did not change, stays identical.
    /// </summary>
    [TestCase(true)]
    [TestCase(false)]
    public async Task ChangedDataChangeTheCurve(bool force)
    {
        var before = await Figures("--only", "seed001-fig4");
        Assert.That(before.Exit, Is.EqualTo(0), before.ToString());
        var old = Csv("seed001-fig4");

        var data = CopyData();
        var yaml = Path.Combine(data, "experiments", "coherent-csi-2017.yaml");
        var text = File.ReadAllText(yaml);
        Assert.That(text, Does.Contain("detector_mass_kg: 14.57"));
        File.WriteAllText(yaml, text.Replace("detector_mass_kg: 14.57", "detector_mass_kg: 29.14"));
        DataFiles.UseDirectory(data);

        var after = force ? await Figures("--only", "seed001-fig4", "--force") : await Figures("--only", "seed001-fig4");
        Assert.That(after.Exit, Is.EqualTo(0), after.ToString());
        Assert.That(after.Out, Does.Contain("written in").And.Not.Contain("up to date"));
        var now = Csv("seed001-fig4");
        static bool Coherent2017(string l) => (l.StartsWith("2,") || l.StartsWith("3,")) && !l.Contains("CsI 2021");
        static bool Conus(string l) => l.StartsWith("0,") || l.StartsWith("1,");
        Assert.That(Rows(now, Coherent2017), Has.Length.EqualTo(Rows(old, Coherent2017).Length));
        Assert.That(Rows(now, Coherent2017), Is.Not.EqualTo(Rows(old, Coherent2017)), "twice the detector mass moves the CsI 2017 limits");
        Assert.That(Rows(now, Conus), Is.EqualTo(Rows(old, Conus)), "CONUS did not change");
    }

    /// <summary>A checkpoint value edited to −1 is discarded with a warning, never written to the CSV.</summary>
    [Test]
    public async Task ACheckpointEditedToMinusOneIsDiscardedWithAWarning()
    {
        Assert.That((await Figures("--only", "seed001-fig5")).Exit, Is.EqualTo(0));
        var reference = Csv("seed001-fig5");
        var ck = Path.Combine(_out, ".checkpoints", "seed001-fig5.conus.jsonl");
        var lines = File.ReadAllLines(ck);
        int i = Array.FindIndex(lines, l => l.Contains("\"Constrained\""));
        lines[i] = Regex.Replace(lines[i], "\"value\":[^,]+", "\"value\":-1");
        File.WriteAllLines(ck, lines);
        File.Delete(Path.Combine(_out, "seed001-fig5.csv")); // the manifest no longer vouches for the figure

        var r = await Figures("--only", "seed001-fig5");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Error, Does.Contain("warning").And.Contain("seed001-fig5.conus.jsonl").And.Contain("integrity"));
        Assert.That(Csv("seed001-fig5"), Is.EqualTo(reference), "recomputed, identical");
        Assert.That(Csv("seed001-fig5"), Does.Not.Contain(",-1,"));
    }

    [Test]
    public async Task ADamagedCheckpointAndAnEditedOutputAreRecomputed()
    {
        Assert.That((await Figures("--only", "seed001-fig5")).Exit, Is.EqualTo(0));
        var reference = Csv("seed001-fig5");
        var ck = Path.Combine(_out, ".checkpoints", "seed001-fig5.coherent-future.jsonl");
        File.WriteAllText(ck, File.ReadAllText(ck).Insert(200, "\u0000garbage"));
        File.AppendAllText(Path.Combine(_out, "seed001-fig5.csv"), "0,x,line,1,1,,,,\n"); // the manifest's hash no longer matches

        var r = await Figures("--only", "seed001-fig5");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Out, Does.Contain("written in"));
        Assert.That(r.Error, Does.Contain("seed001-fig5.coherent-future.jsonl"));
        Assert.That(Csv("seed001-fig5"), Is.EqualTo(reference));
    }

    [TestCase("{ this is not json")]
    [TestCase("{\"seed001-fig2\": {\"Version\": \"1\"}}")]
    [TestCase("")]
    public async Task ADamagedManifestIsAWarningAndEverythingIsRecomputed(string manifest)
    {
        Assert.That((await Figures("--only", "seed001-fig2")).Exit, Is.EqualTo(0));
        File.WriteAllText(Path.Combine(_out, "manifest.json"), manifest);
        var r = await Figures("--only", "seed001-fig2");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Error, Does.Contain("manifest.json"));
        Assert.That(r.Out, Does.Contain("written in"));
        Assert.That((await Figures("--only", "seed001-fig2")).Out, Does.Contain("up to date"), "and the rewritten manifest is whole");
    }

    /// <summary>Two runs into one --out corrupted the checkpoints: the second now exits 2 naming the first.</summary>
    [Test]
    public async Task ASecondRunIntoTheSameFolderExits2NamingTheHolder()
    {
        Directory.CreateDirectory(_out);
        using (var held = OutputLock.Acquire(Path.Combine(_out, ".nudm.lock"), "test", wait: false))
        {
            var r = await Figures("--only", "seed001-fig2");
            Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
            Assert.That(r.Error, Does.Contain($"process {Environment.ProcessId}").And.Contain("--wait"));
            Assert.That(File.Exists(Path.Combine(_out, "seed001-fig2.csv")), Is.False, "nothing was written");
        }
        Assert.That((await Figures("--only", "seed001-fig2")).Exit, Is.EqualTo(0), "the lock is released with its holder");
    }

    [Test]
    public async Task WithWaitASecondRunWaitsForTheFirst()
    {
        Directory.CreateDirectory(_out);
        var held = OutputLock.Acquire(Path.Combine(_out, ".nudm.lock"), "test", wait: false);
        var err = new SharedWriter();
        // (on the thread pool: the run blocks while it waits)
        var run = Task.Run(() => CliRun.Capture(["figures", "--out", _out, "--only", "seed001-fig2", "--wait"], error: err));
        try
        {
            // the waiting run says whom it waits for; only then is the lock released
            for (int i = 0; i < 400 && !err.ToString().Contains("waiting"); i++) await Task.Delay(50);
            Assert.That(err.ToString(), Does.Contain("waiting").And.Contain($"process {Environment.ProcessId}"));
            Assert.That(run.IsCompleted, Is.False);
        }
        finally
        {
            held.Dispose();
        }
        var r = await run;
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(File.Exists(Path.Combine(_out, "seed001-fig2.csv")));
    }

    [Test]
    public async Task AnOutThatIsAFileIsAnInputError()
    {
        File.WriteAllText(_out, "x");
        var r = await Figures("--only", "seed001-fig2");
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain(_out).And.Contain("is a file"));
    }

    [Test]
    public async Task AnOutThatCannotBeCreatedIsAnInputError()
    {
        File.WriteAllText(_out, "x");
        var below = Path.Combine(_out, "sub");
        var r = await CliRun.Capture(["figures", "--out", below, "--only", "seed001-fig2"]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain(below).And.Not.Contain("internal error"));
    }

    /// <summary>A folder nobody may write into (even root may not create files in /proc).</summary>
    [Test]
    public async Task AnUnwritableOutIsAnInputError()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self")) Assert.Ignore("needs Linux /proc");
        var r = await CliRun.Capture(["figures", "--out", "/proc/self", "--only", "seed001-fig2"]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("/proc/self").And.Not.Contain("internal error"));
    }

    /// <summary>
    /// A full run writes no NaN, Infinity or ∞ cell in any CSV (about 4,860 "no constraint" cells were NaN and the
    /// N_eff band's open top was Infinity); they are empty cells and the plot edge.
    /// </summary>
    [Test]
    public async Task AFullRunWritesOnlyFiniteNumbersOrEmptyCells()
    {
        var r = await Figures();
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var csvs = Directory.GetFiles(_out, "*.csv");
        Assert.That(csvs, Has.Length.EqualTo(NuDM.App.Reproduction.FigureCatalog.All.Count));
        foreach (var job in NuDM.App.Reproduction.FigureCatalog.All)
            foreach (var extension in new[] { ".svg", ".pdf", ".png", ".csv" })
                Assert.That(new FileInfo(Path.Combine(_out, job.Id + extension)).Length, Is.GreaterThan(0), $"{job.Id}{extension}: every figure as SVG, PDF, PNG and CSV");
        int gaps = 0;
        foreach (var csv in csvs)
            foreach (var line in File.ReadAllLines(csv).Skip(1))
            {
                foreach (var cell in line.Split(','))
                    Assert.That(cell, Is.Not.EqualTo("NaN").And.Not.Contain("Infinity").And.Not.Contain("∞"), $"{Path.GetFileName(csv)}: {line}");
                if (Regex.IsMatch(line, @",line,[^,]*,,")) gaps++; // a line row with an empty y: no constraint there
            }
        Assert.That(gaps, Is.GreaterThan(4000), "the ~4,860 former NaN cells of the limit curves are empty");
        var band = File.ReadAllLines(Path.Combine(_out, "seed000-fig5.csv")).Where(l => l.Contains("N_{eff}")).ToArray();
        Assert.That(band, Has.Length.EqualTo(4));
        Assert.That(band.All(l => l.EndsWith(",1e-12,100,,")), "the band spans the plot, from its bottom y = 1e-12 to its top y = 100");
    }
}
