using NUnit.Framework;
using NuDM.App.Scans;

namespace NuDM.App.Tests.Scans;

/// <summary>
/// The end of a run (issue 14): a worker without a block takes over the upper half of another's (ScanEngine.Piece), so
/// the cores finish together. Every point must still be computed exactly once, with the rows of a one-thread run.
/// No wall-clock assertions.
/// </summary>
[NonParallelizable]
public class ScanTakeoverTests
{
    [Test]
    public void APieceHandsOutItsPointsInOrderAndSplitsOffItsUpperHalf()
    {
        var piece = new ScanEngine.Piece(block: 3, blockStart: 300, from: 0, to: 100);
        Assert.That(piece.TryClaim(out long first), Is.True);
        Assert.That(first, Is.EqualTo(300));
        Assert.That(piece.Remaining, Is.EqualTo(99));
        var upper = piece.TrySplit(ScanEngine.Piece.MinimumSplit)!;
        Assert.That(upper.Block, Is.EqualTo(3));
        Assert.That((piece.Remaining, upper.Remaining), Is.EqualTo((49, 50)), "the owner keeps the lower half of what is left");
        var mine = Drain(piece);
        var theirs = Drain(upper);
        Assert.That(mine, Is.EqualTo(Enumerable.Range(301, 49).Select(i => (long)i)));
        Assert.That(theirs, Is.EqualTo(Enumerable.Range(350, 50).Select(i => (long)i)));
        Assert.That(piece.TryClaim(out _), Is.False);
        Assert.That(new ScanEngine.Piece(0, 0, 0, ScanEngine.Piece.MinimumSplit - 1).TrySplit(ScanEngine.Piece.MinimumSplit), Is.Null,
            "too few points left: not split");
    }

    /// <summary>Owners claiming while thieves split, on real threads: the union of what everyone claimed is every
    /// point once.</summary>
    [Test]
    public void ClaimsAndSplitsRacingOnThreadsHandOutEveryPointExactlyOnce()
    {
        const int n = 200_000;
        var root = new ScanEngine.Piece(0, 1_000_000, 0, n);
        var pieces = new List<ScanEngine.Piece> { root };
        var claimed = new List<long>[4];
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            var mine = claimed[t] = [];
            var piece = t == 0 ? root : null; // the others start as the engine's late workers do: by splitting
            while (true)
            {
                while (piece is not null && piece.TryClaim(out long i)) mine.Add(i);
                lock (pieces)
                {
                    piece = pieces.MaxBy(p => p.Remaining)!.TrySplit(2)!;
                    if (piece is null) return;
                    pieces.Add(piece);
                }
            }
        })).ToList();
        foreach (var th in threads) th.Start();
        foreach (var th in threads) th.Join();
        var all = claimed.SelectMany(c => c).Order().ToList();
        Assert.That(all, Is.EqualTo(Enumerable.Range(1_000_000, n).Select(i => (long)i)), "every point once");
        Assert.That(pieces, Has.Count.GreaterThan(1), "the threads split pieces");
    }

    /// <summary>One block of 3000 points on four threads: three workers start with no block and take parts over; the
    /// rows are those of one thread, each point once.</summary>
    [Test]
    public void ASingleBlockOnFourThreadsIsSharedAndGivesTheOneThreadRows()
    {
        var spec = ScanSpec.Parse("""
            model: x-phi-nu
            sampling: grid
            parameters:
              m_X: 30
              r: 3
              y_X: { from: 1e-4, to: 3, scale: log, points: 60 }
              y_q: { from: 1e-16, to: 1e-8, scale: log, points: 50 }
            observables:
              - stability
              - kaon
              - direct_detection
              - kinetic_decoupling
            shard_block: 3000
            """, "takeover.yaml");
        var sink = new Collect();
        var outcome = ScanEngine.Run(spec, Shard.All, sink, new ScanRunOptions { Threads = 4, BatchRows = 100 }, CancellationToken.None);
        Assert.That(outcome.Computed, Is.EqualTo(3000));
        Assert.That(outcome.Steals, Is.GreaterThan(0), "the other workers took parts of the one block over");
        var e = new PointEvaluator(spec);
        var expected = Enumerable.Range(0, 3000).Select(i => Key(e.Evaluate(i))).ToList();
        Assert.That(sink.Rows.OrderBy(r => r.Index).Select(Key), Is.EqualTo(expected), "the rows of a one-thread run, bit for bit, each once");
    }

    private static List<long> Drain(ScanEngine.Piece piece)
    {
        var got = new List<long>();
        while (piece.TryClaim(out long i)) got.Add(i);
        return got;
    }

    private static string Key(ScanRow r) =>
        $"{r.Index}|{string.Join(",", r.Parameters.Select(BitConverter.DoubleToInt64Bits))}|{string.Join(",", r.Observables.Select(BitConverter.DoubleToInt64Bits))}|{r.Status}";

    private sealed class Collect : IScanSink
    {
        public readonly List<ScanRow> Rows = [];
        public void Write(IReadOnlyList<ScanRow> rows) { lock (Rows) Rows.AddRange(rows); }
    }
}
