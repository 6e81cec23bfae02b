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
    public void CheckpointOfAnotherScan_IsRefused()
    {
        string path = TempFile();
        try
        {
            LimitScan.Run(Points.Take(3).ToArray(), Evaluate, new ScanOptions { CheckpointPath = path, ScanId = "a" });
            var ex = Assert.Throws<InvalidDataException>(() => LimitScan.Run(Points, Evaluate, new ScanOptions { CheckpointPath = path, ScanId = "b" }))!;
            Assert.That(ex.Message, Does.Contain("not 'b'"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
