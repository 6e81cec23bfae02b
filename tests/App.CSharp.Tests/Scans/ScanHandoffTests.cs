using NUnit.Framework;
using NuDM.App.Scans;
using NuDM.App.Statistics;

namespace NuDM.App.Tests.Scans;

/// <summary>
/// The engine's hand-off of finished rows to the sink without a writer thread (issue 14): workers commit between
/// blocks, one at a time, and the calling thread commits the rest at the end. Every guarantee of the store still holds:
/// each point stored once with the rows a one-thread run computes, batches whole, a canceled run keeps exactly what
/// was computed (per block a prefix) and the resume adds exactly the rest, a fault on a worker reaches the caller.
/// No wall-clock assertions: the tests count rows, commits and threads.
/// </summary>
[NonParallelizable]
public class ScanHandoffTests
{
    /// <summary>4 × 3 × 20 × 10 = 2400 cheap points in blocks of 7 (an odd size: the last block is short).</summary>
    private const string Spec = """
        model: x-phi-nu
        sampling: grid
        parameters:
          m_X: { from: 30, to: 300, scale: log, points: 4 }
          r: { from: 2, to: 10, scale: log, points: 3 }
          y_X: { from: 1e-4, to: 3, scale: log, points: 20 }
          y_q: { from: 1e-16, to: 1e-8, scale: log, points: 10 }
        observables:
          - stability
          - kaon
          - direct_detection
        shard_block: 7
        """;

    /// <summary>Records every batch, the thread that wrote it, and whether two threads were ever inside at once.</summary>
    private sealed class RecordingSink : IScanSink
    {
        private int _inside;
        public readonly List<ScanRow[]> Batches = [];
        public readonly List<(int Id, string? Name)> Writers = [];
        public int MostInside;
        /// <summary>Throws this from the write with this (0-based) number.</summary>
        public (int Write, Exception Error)? Fail;

        public void Write(IReadOnlyList<ScanRow> rows)
        {
            int now = Interlocked.Increment(ref _inside);
            try
            {
                lock (Batches)
                {
                    MostInside = Math.Max(MostInside, now);
                    if (Fail is { } f && Batches.Count == f.Write) { Batches.Add([]); throw f.Error; }
                    Batches.Add([.. rows]);
                    Writers.Add((Environment.CurrentManagedThreadId, Thread.CurrentThread.Name));
                }
                Thread.Yield(); // give another thread the chance to come in while this one is inside
            }
            finally { Interlocked.Decrement(ref _inside); }
        }

        public List<ScanRow> Rows => Batches.SelectMany(b => b).ToList();
    }

    private static string Key(ScanRow r) =>
        $"{r.Index}|{string.Join(",", r.Parameters.Select(Bits))}|{string.Join(",", r.Observables.Select(Bits))}|{r.Status}";

    private static string Bits(double x) => BitConverter.DoubleToInt64Bits(x).ToString("x16");

    /// <summary>The rows one thread computes point by point, in index order (the reference).</summary>
    private static List<string> OneThread(ScanSpec spec)
    {
        var e = new PointEvaluator(spec);
        return Enumerable.Range(0, (int)spec.Count).Select(i => Key(e.Evaluate(i))).ToList();
    }

    [Test]
    public void ManyThreadsAndTinyBatchesStoreEveryPointOnceWithTheOneThreadRows()
    {
        var spec = ScanSpec.Parse(Spec, "handoff.yaml");
        var sink = new RecordingSink();
        var progress = new List<long>();
        int caller = Environment.CurrentManagedThreadId;
        var o = ScanEngine.Run(spec, Shard.All, sink, new ScanRunOptions
        {
            Threads = 8, BatchRows = 1, BatchInterval = TimeSpan.Zero,
            Progress = (done, _) => { lock (progress) progress.Add(done); },
        }, CancellationToken.None);

        Assert.That(o.Computed, Is.EqualTo(2400));
        Assert.That(o.Canceled, Is.False);
        Assert.That(sink.MostInside, Is.EqualTo(1), "the sink is never entered by two threads at once");
        Assert.That(o.Commits, Is.EqualTo(sink.Batches.Count));
        // batch size 1: each finished block is committed by itself, whole (7 rows, or the short last block)
        Assert.That(sink.Batches.Count, Is.EqualTo(2400 / 7 + 1));
        var rows = sink.Rows;
        Assert.That(rows.Select(r => r.Index).Order(), Is.EqualTo(Enumerable.Range(0, 2400).Select(i => (long)i)), "every point once");
        foreach (var b in sink.Batches)
        {
            Assert.That(b.Select(r => r.Index / 7).Distinct().Count(), Is.EqualTo(1), "a batch of size 1 is one whole block");
            Assert.That(b.Select(r => r.Index).ToList(), Is.Ordered.Ascending.And.Count.EqualTo(ScanEngine.BlockSize(2400, 7, b[0].Index / 7)));
        }
        Assert.That(rows.OrderBy(r => r.Index).Select(Key), Is.EqualTo(OneThread(spec)), "the rows of a one-thread run, bit for bit");
        // progress: once at the start, then after every commit, counting up to every point
        Assert.That(progress[0], Is.EqualTo(0));
        Assert.That(progress, Is.Ordered.Ascending);
        Assert.That(progress[^1], Is.EqualTo(2400));
        Assert.That(progress, Has.Count.EqualTo(1 + o.Commits));
        // no writer thread: batches are written by the workers or, at the end, by the calling thread
        Assert.That(sink.Writers, Is.All.Matches<(int Id, string? Name)>(w => w.Id == caller || (w.Name ?? "").StartsWith("nudm-scan-", StringComparison.Ordinal)),
            "a batch was written by a thread that is neither a worker nor the caller");
    }

    [Test]
    public void StoreRowsDoNotDependOnThreadsOrBatchSize()
    {
        var spec = ScanSpec.Parse(Spec, "handoff.yaml");
        var meta = ScanMetadata.For(spec, Shard.All, RunFingerprint.Current());
        var a = Path.Combine(Path.GetTempPath(), $"nudm-handoff-{Guid.NewGuid():N}.sqlite");
        var b = Path.Combine(Path.GetTempPath(), $"nudm-handoff-{Guid.NewGuid():N}.sqlite");
        try
        {
            using (var s = ScanStore.OpenForRun(a, meta))
                ScanEngine.Run(spec, Shard.All, new StoreSink(s), new ScanRunOptions { Threads = 1 }, CancellationToken.None);
            using (var s = ScanStore.OpenForRun(b, meta))
            {
                var o = ScanEngine.Run(spec, Shard.All, new StoreSink(s), new ScanRunOptions { Threads = 6, BatchRows = 3 }, CancellationToken.None);
                Assert.That(o.Commits, Is.GreaterThanOrEqualTo(2400 / 7 / 2), "small batches: many commits");
            }
            Assert.That(ScanRunTests.Rows(b), Is.EqualTo(ScanRunTests.Rows(a)));
            Assert.That(ScanRunTests.Rows(a), Has.Count.EqualTo(2400));
        }
        finally
        {
            foreach (var f in new[] { a, b }.SelectMany(f => new[] { f, f + "-wal", f + "-shm" })) File.Delete(f);
        }
    }

    /// <summary>
    /// Ctrl-C in the middle of a run (here: after the second commit): what was computed is stored — per block a prefix
    /// (blocks of 7 points are never split: a worker takes over part of a block only from 64 unclaimed points on), on
    /// one thread the prefix of the scan — and a resume from the store computes exactly the rest, ending with the rows
    /// of an uninterrupted run.
    /// </summary>
    [TestCase(1)]
    [TestCase(4)]
    public void ACancelKeepsExactlyTheComputedRowsAndTheResumeAddsTheRest(int threads)
    {
        var spec = ScanSpec.Parse(Spec, "handoff.yaml");
        var meta = ScanMetadata.For(spec, Shard.All, RunFingerprint.Current());
        var file = Path.Combine(Path.GetTempPath(), $"nudm-handoff-{Guid.NewGuid():N}.sqlite");
        try
        {
            using var cts = new CancellationTokenSource();
            int commits = 0;
            ScanOutcome cut;
            var sinkRows = new RecordingSink();
            using (var s = ScanStore.OpenForRun(file, meta))
            {
                var store = new StoreSink(s);
                cut = ScanEngine.Run(spec, Shard.All, new TeeSink(store, sinkRows), new ScanRunOptions
                {
                    Threads = threads, BatchRows = 20,
                    Progress = (_, _) => { if (++commits == 3) cts.Cancel(); }, // the first call is the start
                }, cts.Token);
            }
            Assert.That(cut.Canceled, Is.True);
            List<long> kept;
            using (var s = ScanStore.OpenRead(file)) kept = s.Rows().Select(r => r.Index).ToList();
            Assert.That(kept, Has.Count.EqualTo(cut.Computed).And.Count.InRange(40, 2399));
            Assert.That(kept, Is.EquivalentTo(sinkRows.Rows.Select(r => r.Index)), "the store holds what the sink was given");
            foreach (var g in kept.GroupBy(i => i / 7))
                Assert.That(g.Order(), Is.EqualTo(Enumerable.Range(0, g.Count()).Select(k => g.Key * 7 + k)), $"block {g.Key}: a prefix of the block");
            if (threads == 1)
                Assert.That(kept.Order(), Is.EqualTo(Enumerable.Range(0, kept.Count).Select(i => (long)i)), "one thread: a prefix of the scan");

            using (var s = ScanStore.OpenForRun(file, meta))
            {
                var resumed = ScanEngine.Run(spec, Shard.All, new StoreSink(s), new ScanRunOptions
                {
                    Threads = threads, StoredBlocks = s.BlockCounts(), StoredIndices = s.IndicesIn,
                }, CancellationToken.None);
                Assert.That(resumed.Resumed, Is.EqualTo(kept.Count));
                Assert.That(resumed.Computed, Is.EqualTo(2400 - kept.Count), "exactly the missing points");
            }
            using (var s = ScanStore.OpenRead(file))
                Assert.That(s.Rows().Select(Key), Is.EqualTo(OneThread(spec)));
        }
        finally
        {
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        }
    }

    private sealed class TeeSink(IScanSink first, IScanSink second) : IScanSink
    {
        public void Write(IReadOnlyList<ScanRow> rows)
        {
            first.Write(rows);
            second.Write(rows);
        }
    }

    /// <summary>A store that fails (a full disk) while a worker commits: the fault reaches the caller, and nothing is
    /// written after it.</summary>
    [TestCase(1)]
    [TestCase(4)]
    public void AFaultWhileAWorkerCommitsReachesTheCaller(int threads)
    {
        var spec = ScanSpec.Parse(Spec, "handoff.yaml");
        var sink = new RecordingSink { Fail = (3, new IOException("disk full (test)")) };
        var e = Assert.Throws<AggregateException>(() =>
            ScanEngine.Run(spec, Shard.All, sink, new ScanRunOptions { Threads = threads, BatchRows = 7 }, CancellationToken.None));
        Assert.That(e!.InnerExceptions.Single(), Is.TypeOf<IOException>().And.Message.EqualTo("disk full (test)"));
        Assert.That(sink.Batches, Has.Count.EqualTo(4), "no write after the failed one");
    }

    /// <summary>A fault of the data while a worker evaluates a point (it stops the run: exit code 2 in the CLI) reaches
    /// the caller. The spec is read with the data intact; the table of the plasma's degrees of freedom, which the relic
    /// search reads when it first runs, is broken in the data folder the run then uses.</summary>
    [Test]
    public void AWorkersDataFaultReachesTheCaller()
    {
        var spec = ScanSpec.Parse(Spec.Replace("  - direct_detection\n", "  - relic_coupling\n"), "handoff.yaml");
        using var data = ReferenceData.DataCopy("cosmology/saikawa_shirai_gstar_ptarcade.dat",
            lines => lines.Select((l, i) => i == lines.Length - 1 ? l + " x" : l).ToArray());
        var sink = new RecordingSink();
        var e = Assert.Throws<AggregateException>(() =>
            ScanEngine.Run(spec, Shard.All, sink, new ScanRunOptions { Threads = 3, BatchRows = 1 }, CancellationToken.None));
        Assert.That(e!.InnerExceptions.Single(), Is.InstanceOf<NuDM.Physics.DataFileException>(), e.ToString());
        Assert.That(e.InnerExceptions.Single().Message, Does.Contain("saikawa_shirai_gstar_ptarcade.dat"));
    }
}
