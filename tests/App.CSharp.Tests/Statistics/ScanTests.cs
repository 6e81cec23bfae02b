using NuDM.App.Statistics;
using NUnit.Framework;

namespace NuDM.App.Tests.Statistics;

/// <summary>Parallel scans with progress, cancellation and checkpoint/resume.</summary>
public class ScanTests
{
    private static readonly IReadOnlyList<IReadOnlyList<double>> Points =
        Enumerable.Range(0, 40).Select(i => (IReadOnlyList<double>)[0.5 + i * 1.37, 100.0 / (i + 1)]).ToArray();

    /// <summary>A point's limit: Δχ² = (g/g0)^8 t with g0 depending on the point; "no constraint" above 40 (as a mass above E_max).</summary>
    private static LimitResult Evaluate(IReadOnlyList<double> p, CancellationToken ct)
    {
        if (p[0] > 40) return LimitResult.NoConstraint("produced mass above the largest neutrino energy");
        double g0 = 1e-5 * (1 + p[0]) / Math.Sqrt(p[1]);
        return LimitFinder.UpperLimit(g => Math.Pow(g / g0, 8) * 2.7055, new LimitOptions(), ct);
    }

    private static string TempFile() => Path.Combine(Path.GetTempPath(), $"nudm-scan-{Guid.NewGuid():N}.jsonl");

    [Test]
    public void ParallelEqualsSerial_InPointOrder_WithProgress()
    {
        var serial = LimitScan.Run(Points, Evaluate, new ScanOptions { MaxDegreeOfParallelism = 1 });
        int calls = 0, lastCompleted = 0;
        var parallel = LimitScan.Run(Points, Evaluate, new ScanOptions
        {
            MaxDegreeOfParallelism = 4,
            Progress = p => { calls++; Assert.That(p.Completed, Is.EqualTo(lastCompleted + 1)); lastCompleted = p.Completed; Assert.That(p.Total, Is.EqualTo(40)); },
        });
        Assert.That(calls, Is.EqualTo(40));
        for (int i = 0; i < Points.Count; i++)
        {
            Assert.That(parallel[i].Index, Is.EqualTo(i));
            Assert.That(parallel[i].Limit, Is.EqualTo(serial[i].Limit));
        }
        Assert.That(parallel.Count(r => r.Limit.Status == LimitStatus.NoConstraint), Is.EqualTo(Points.Count(p => p[0] > 40)));
    }

    [Test]
    public void ResumeAfterInterruption_GivesIdenticalResults()
    {
        string path = TempFile();
        try
        {
            var reference = LimitScan.Run(Points, Evaluate, new ScanOptions { MaxDegreeOfParallelism = 2 });
            using var cts = new CancellationTokenSource();
            int done = 0;
            Assert.That(() => LimitScan.Run(Points, Evaluate, new ScanOptions
            {
                MaxDegreeOfParallelism = 2, CheckpointPath = path, ScanId = "toy",
                Progress = p => { if (++done == 11) cts.Cancel(); },
            }, cts.Token), Throws.InstanceOf<OperationCanceledException>());
            int written = File.ReadAllLines(path).Length - 1;
            Assert.That(written, Is.InRange(11, 39));

            // simulate a crash in the middle of writing a line
            File.AppendAllText(path, "{\"index\":39,\"poi");
            int evaluated = 0, resumed = -1;
            var rest = LimitScan.Run(Points, (p, ct) => { Interlocked.Increment(ref evaluated); return Evaluate(p, ct); },
                new ScanOptions { MaxDegreeOfParallelism = 3, CheckpointPath = path, ScanId = "toy", Progress = p => resumed = p.Resumed });
            Assert.That(evaluated, Is.EqualTo(Points.Count - written));
            Assert.That(resumed, Is.EqualTo(written));
            for (int i = 0; i < Points.Count; i++)
            {
                Assert.That(rest[i].Limit, Is.EqualTo(reference[i].Limit), $"point {i}");
                Assert.That(rest[i].Point, Is.EqualTo(Points[i]));
            }
            // a third run evaluates nothing and still returns everything
            int third = 0;
            var again = LimitScan.Run(Points, (p, ct) => { third++; return Evaluate(p, ct); }, new ScanOptions { CheckpointPath = path, ScanId = "toy" });
            Assert.That(third, Is.EqualTo(0));
            Assert.That(again.Select(r => r.Limit), Is.EqualTo(reference.Select(r => r.Limit)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void CheckpointOfAnotherScan_IsNotUsedButRecomputedWithAWarning()
    {
        string path = TempFile();
        try
        {
            LimitScan.Run(Points.Take(3).ToArray(), Evaluate, new ScanOptions { CheckpointPath = path, ScanId = "a" });
            var warnings = new List<string>();
            int evaluated = 0;
            var r = LimitScan.Run(Points, (p, ct) => { Interlocked.Increment(ref evaluated); return Evaluate(p, ct); },
                new ScanOptions { CheckpointPath = path, ScanId = "b", Warning = warnings.Add });
            Assert.That(evaluated, Is.EqualTo(Points.Count), "nothing is taken from another scan's checkpoint");
            Assert.That(warnings.Single(), Does.Contain(path).And.Contain(LimitScan.OtherKeyReason));
            Assert.That(r.Select(x => x.Limit), Is.EqualTo(LimitScan.Run(Points, Evaluate).Select(x => x.Limit)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>
/// Checkpoints are never partly trusted: a line edited or damaged, or one that is intact but physically invalid, makes
/// the whole checkpoint discarded with a warning (every point recomputed); --force reads nothing.
/// </summary>
public class CheckpointValidationTests
{
    private static readonly IReadOnlyList<IReadOnlyList<double>> Points =
        Enumerable.Range(0, 12).Select(i => (IReadOnlyList<double>)[1.0 + i, 2.0]).ToArray();

    private static LimitResult Evaluate(IReadOnlyList<double> p, CancellationToken ct) =>
        p[0] > 10 ? LimitResult.NoConstraint("above the largest energy") : LimitFinder.UpperLimit(g => Math.Pow(g / (1e-5 * p[0]), 4) * 2.7055, new LimitOptions(), ct);

    private string _path = "";

    [SetUp]
    public void Make() => _path = Path.Combine(Path.GetTempPath(), $"nudm-ck-{Guid.NewGuid():N}.jsonl");

    [TearDown]
    public void Remove() => File.Delete(_path);

    private (IReadOnlyList<ScanResult> Results, int Evaluated, List<string> Warnings) Rerun(bool force = false, string key = "k")
    {
        var warnings = new List<string>();
        int evaluated = 0;
        var r = LimitScan.Run(Points, (p, ct) => { Interlocked.Increment(ref evaluated); return Evaluate(p, ct); },
            new ScanOptions { CheckpointPath = _path, ScanId = "toy", Key = key, IgnoreCheckpoint = force, Warning = warnings.Add });
        return (r, evaluated, warnings);
    }

    /// <summary>Replaces the first point line that holds a limit by <paramref name="edit"/> of it.</summary>
    private void EditFirstLimitLine(Func<string, string> edit)
    {
        var lines = File.ReadAllLines(_path);
        int i = Array.FindIndex(lines, l => l.Contains("\"Constrained\""));
        lines[i] = edit(lines[i]);
        File.WriteAllLines(_path, lines);
    }

    private static string WithValue(string json, string value) =>
        System.Text.RegularExpressions.Regex.Replace(json, "\"value\":[^,]+", $"\"value\":{value}");

    [Test]
    public void AnIntactCheckpointIsResumedWithoutWarnings()
    {
        var first = Rerun();
        var second = Rerun();
        Assert.That(first.Evaluated, Is.EqualTo(Points.Count));
        Assert.That(second.Evaluated, Is.EqualTo(0));
        Assert.That(second.Warnings, Is.Empty);
        Assert.That(second.Results.Select(r => r.Limit), Is.EqualTo(first.Results.Select(r => r.Limit)));
    }

    [Test]
    public void AValueEditedToMinusOne_FailsTheIntegrityCheck_TheCheckpointIsDiscarded()
    {
        var reference = Rerun().Results;
        EditFirstLimitLine(l => WithValue(l, "-1"));
        var (results, evaluated, warnings) = Rerun();
        Assert.That(evaluated, Is.EqualTo(Points.Count), "no point is taken from a damaged checkpoint");
        Assert.That(warnings.Single(), Does.Contain(_path).And.Contain("integrity"));
        Assert.That(results.Select(r => r.Limit), Is.EqualTo(reference.Select(r => r.Limit)));
        Assert.That(results.All(r => r.Limit.Status != LimitStatus.Constrained || r.Limit.Value > 0));
        Assert.That(Rerun().Warnings, Is.Empty, "the checkpoint was rewritten whole");
    }

    [Test]
    public void AnIntactLineWithANegativeLimit_FailsPhysicalValidation_TheCheckpointIsDiscarded()
    {
        var reference = Rerun().Results;
        // re-sign the edited line with the right key: only the physical validation can catch it
        EditFirstLimitLine(l => LimitScan.Line("k", WithValue(l[33..], "-1")));
        var (results, evaluated, warnings) = Rerun();
        Assert.That(evaluated, Is.EqualTo(Points.Count));
        Assert.That(warnings.Single(), Does.Contain("finite limit > 0"));
        Assert.That(results.Select(r => r.Limit), Is.EqualTo(reference.Select(r => r.Limit)));
    }

    [TestCase("point")]
    [TestCase("duplicate")]
    [TestCase("no-constraint-with-value")]
    [TestCase("garbage")]
    public void OtherInvalidLinesDiscardTheCheckpoint(string damage)
    {
        Rerun();
        var lines = File.ReadAllLines(_path).ToList();
        string json = lines[1][33..];
        switch (damage)
        {
            case "point": lines[1] = LimitScan.Line("k", json.Replace("\"point\":[", "\"point\":[0.5e-3,").Replace(",2]", "]")); break;
            case "duplicate": lines.Add(lines[1]); break;
            case "no-constraint-with-value":
                var nc = lines.First(l => l.Contains("NoConstraint"));
                lines[lines.IndexOf(nc)] = LimitScan.Line("k", WithValue(nc[33..], "0.5"));
                break;
            case "garbage": lines.Insert(2, "this is not a checkpoint line"); break;
        }
        File.WriteAllLines(_path, lines);
        var (_, evaluated, warnings) = Rerun();
        Assert.That(evaluated, Is.EqualTo(Points.Count));
        Assert.That(warnings, Has.Count.EqualTo(1));
    }

    [Test]
    public void ForceReadsNothingAndRewritesTheCheckpoint()
    {
        Rerun();
        EditFirstLimitLine(l => WithValue(l, "-1"));
        var (_, evaluated, warnings) = Rerun(force: true);
        Assert.That(evaluated, Is.EqualTo(Points.Count));
        Assert.That(warnings, Is.Empty, "with --force the old checkpoint is not even read");
        Assert.That(Rerun().Evaluated, Is.EqualTo(0), "and the rewritten one is whole");
    }

    [Test]
    public void ACheckpointOfAnotherKeyIsNotUsed()
    {
        Rerun(key: "data-A");
        var (_, evaluated, warnings) = Rerun(key: "data-B");
        Assert.That(evaluated, Is.EqualTo(Points.Count));
        Assert.That(warnings.Single(), Does.EndWith(LimitScan.OtherKeyReason));
    }
}
