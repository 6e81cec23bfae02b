using NUnit.Framework;
using NuDM.App.Scans;
using NuDM.App.Statistics;
using NuDM.App.Tests.Cli;

namespace NuDM.App.Tests.Scans;

/// <summary>
/// The store's batches: rows packed into one SQLite row per batch come back exactly as written — every bit of every
/// double, NaN as an empty cell, a status with non-ASCII text — in index order whatever the order of the batches and of
/// the rows in them; the runs of indices answer which points are stored; a point stored twice and a store of the
/// first format are refused with a message.
/// </summary>
public class ScanStoreInsertTests
{
    [Test]
    public void RowsComeBackBitForBit() => WithStoreFile((meta, file) =>
        {
            int np = meta.Parameters.Count, no = meta.Observables.Count;
            var rnd = new Random(7);
            var rows = Enumerable.Range(0, 300).Select(i =>
            {
                var p = Enumerable.Range(0, np).Select(_ => Math.Exp(40 * (rnd.NextDouble() - 0.5))).ToArray();
                var o = Enumerable.Range(0, no).Select(k => (i + k) % 7 == 0 ? double.NaN : (rnd.NextDouble() - 0.5) * Math.Pow(10, rnd.Next(-300, 300))).ToArray();
                string status = i % 5 == 0 ? $"dd_XENON1T_2018_ratio: m_X = {i} MeV outside XENON1T's mass window — ξ ≥ 1 (point {i})" : PointEvaluator.Ok;
                return new ScanRow(i, p, o, status, rnd.NextDouble() * 1e-3);
            }).ToList();
            using (var store = ScanStore.OpenForRun(file, meta))
            {
                store.Insert(rows.Take(128).ToList());
                store.Insert(rows.Skip(128).ToList());
            }
            using var read = ScanStore.OpenRead(file);
            AssertSameRows(read.Rows().ToList(), rows);
        });

    /// <summary>The rows read back equal the rows written, every bit of every double.</summary>
    private static void AssertSameRows(IReadOnlyList<ScanRow> back, IReadOnlyList<ScanRow> rows)
    {
        Assert.That(back, Has.Count.EqualTo(rows.Count));
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.That(back[i].Index, Is.EqualTo(rows[i].Index));
            Assert.That(back[i].Status, Is.EqualTo(rows[i].Status));
            Assert.That(BitConverter.DoubleToInt64Bits(back[i].Seconds), Is.EqualTo(BitConverter.DoubleToInt64Bits(rows[i].Seconds)));
            Assert.That(back[i].Parameters.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(rows[i].Parameters.Select(BitConverter.DoubleToInt64Bits)), $"point {i}");
            Assert.That(back[i].Observables.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(rows[i].Observables.Select(BitConverter.DoubleToInt64Bits)), $"point {i}");
        }
    }

    [Test]
    public void TheThreadCpuClockAdvances()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("the thread CPU clock is checked on Linux, where CI runs");
        Assert.That(ThreadClock.IsAvailable, Is.True, "the thread CPU clock the scan reports its costs with");
        double t0 = ThreadClock.Seconds();
        double x = 0;
        for (int i = 0; i < 2_000_000; i++) x += Math.Sqrt(i);
        Assert.That(ThreadClock.Seconds() - t0, Is.GreaterThan(0), $"CPU time advances while the thread computes ({x})");
    }

    private static ScanRow Row(long i, int np, int no) =>
        new(i, Enumerable.Range(0, np).Select(k => i + 0.25 * k).ToArray(), Enumerable.Range(0, no).Select(k => -i - 0.5 * k).ToArray(), PointEvaluator.Ok, 1e-5 * i);

    /// <summary>A new store's path (deleted afterwards, with its -wal and -shm) and the test spec's metadata.</summary>
    private static void WithStoreFile(Action<ScanMetadata, string> body)
    {
        var file = Path.Combine(Path.GetTempPath(), $"nudm-insert-{Guid.NewGuid():N}.sqlite");
        try { body(ScanMetadata.For(ScanSpec.Parse(ScanRunTests.Spec, "insert.yaml"), Shard.All, RunFingerprint.Current()), file); }
        finally
        {
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        }
    }

    /// <summary>As <see cref="WithStoreFile"/>, with the store open for a run.</summary>
    private static void WithStore(Action<ScanStore, ScanMetadata, string> body) => WithStoreFile((meta, file) =>
    {
        using var store = ScanStore.OpenForRun(file, meta);
        body(store, meta, file);
    });

    [Test]
    public void BatchesOfScatteredIndicesReadBackInIndexOrder()
    {
        // two workers' blocks finish out of order and a batch holds several runs: [10, 20) ∪ [40, 50) ∪ {7}, then
        // [0, 7) ∪ [8, 10) ∪ [20, 40) in descending order
        WithStore((store, meta, _) =>
        {
            int np = meta.Parameters.Count, no = meta.Observables.Count;
            var a = Enumerable.Range(10, 10).Concat(Enumerable.Range(40, 10)).Append(7).Select(i => Row(i, np, no)).ToList();
            var b = Enumerable.Range(0, 7).Concat(Enumerable.Range(8, 2)).Concat(Enumerable.Range(20, 20)).Reverse().Select(i => Row(i, np, no)).ToList();
            store.Insert(a);
            store.Insert(b);
            Assert.That(store.RowCount, Is.EqualTo(50));
            Assert.That(store.Rows().Select(r => r.Index), Is.EqualTo(Enumerable.Range(0, 50).Select(i => (long)i)));
            Assert.That(store.Rows(15, 42).Select(r => r.Index), Is.EqualTo(Enumerable.Range(15, 27).Select(i => (long)i)));
            Assert.That(store.Rows(16, 32).Select(r => r.Index), Is.EqualTo(Enumerable.Range(16, 16).Select(i => (long)i)), "one block, as the merge reads it");
            Assert.That(store.Rows().All(r => r.Parameters[0] == r.Index && r.Observables[0] == -r.Index), "each row keeps its own values");
            Assert.That(store.IndicesIn(5, 12).Order(), Is.EqualTo(new long[] { 5, 6, 7, 8, 9, 10, 11 }));
            Assert.That(store.IndicesIn(50, 60), Is.Empty);
            var blocks = store.BlockCounts();
            long block = meta.ShardBlock;
            foreach (var (k, count) in blocks)
                Assert.That(count, Is.EqualTo(Math.Max(0, Math.Min(50, (k + 1) * block) - k * block)), $"block {k}");
            Assert.That(blocks.Values.Sum(), Is.EqualTo(50));
        });
    }

    [Test]
    public void APointStoredTwiceIsADamagedStore()
    {
        WithStore((store, meta, _) =>
        {
            int np = meta.Parameters.Count, no = meta.Observables.Count;
            store.Insert(Enumerable.Range(0, 10).Select(i => Row(i, np, no)).ToList());
            store.Insert([Row(4, np, no)]);
            var e = Assert.Throws<InvalidDataException>(() => store.Rows().ToList());
            Assert.That(e!.Message, Does.Contain("point 4 is stored twice"));
        });
    }

    [Test]
    public void ExportingADamagedStoreIsAnErrorNamingIt() => WithStoreFile((meta, file) =>
    {
        // was "internal error: InvalidDataException" (exit 1): the damage is in the user's file, not in nudm
        using (var store = ScanStore.OpenForRun(file, meta))
        {
            int np = meta.Parameters.Count, no = meta.Observables.Count;
            store.Insert(Enumerable.Range(0, 10).Select(i => Row(i, np, no)).ToList());
            store.Insert([Row(4, np, no)]);
        }
        var r = CliRun.Capture(["scan", "export", file]).GetAwaiter().GetResult();
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("damaged file").And.Contain("point 4 is stored twice"), r.ToString());
    });

    [Test]
    public void AStoreOfTheFirstFormatIsRefusedNamingIt()
    {
        WithStore((store, _, file) =>
        {
            using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
            {
                db.Open();
                using var c = db.CreateCommand();
                c.CommandText = "UPDATE meta SET value = 'nudm-scan-store/1' WHERE key = 'format';";
                Assert.That(c.ExecuteNonQuery(), Is.EqualTo(1));
            }
            var e = Assert.Throws<UserInputException>(() => ScanStore.OpenRead(file).Dispose());
            Assert.That(e!.Message, Does.Contain("format nudm-scan-store/1").And.Contain("reads nudm-scan-store/2"));
        });
    }

    [Test]
    public void TheWalIsFoldedIntoTheFileWhileTheScanRunsAndNoneIsLeftAfterClosing() => WithStoreFile((meta, file) =>
        {
            int np = meta.Parameters.Count, no = meta.Observables.Count;
            using (var store = ScanStore.OpenForRun(file, meta))
            {
                long empty = new FileInfo(file).Length;
                for (int b = 0; b < 3; b++) store.Insert(Enumerable.Range(2000 * b, 2000).Select(i => Row(i, np, no)).ToList());
                // the writer never folds (wal_autocheckpoint 0): pages reach the database file only through the
                // checkpointer thread; wait for it (a liveness bound, not a timing)
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (new FileInfo(file).Length < empty + 6000 * 100 && DateTime.UtcNow < deadline) Thread.Sleep(20);
                Assert.That(new FileInfo(file).Length, Is.GreaterThan(empty + 6000 * 100), "the 6000 points' pages are in the database file before it is closed");
                Assert.That(store.Settings(), Does.Contain(("wal_autocheckpoint", "0")));
            }
            Assert.That(File.Exists(file + "-wal"), Is.False, "closing leaves one file");
            using var read = ScanStore.OpenRead(file);
            Assert.That(read.Rows().Select(r => r.Index), Is.EqualTo(Enumerable.Range(0, 6000).Select(i => (long)i)));
        });

    [Test]
    public void ValuesRepeatedFromThePreviousPointAreStoredOnceAndComeBackBitForBit()
    {
        WithStore((store, meta, _) =>
        {
            int np = meta.Parameters.Count, no = meta.Observables.Count;
            // the outer parameters and half the observables repeat; NaN cells repeat; −0.0 after +0.0 is a change (bits)
            var rows = Enumerable.Range(0, 1200).Select(i => new ScanRow(i,
                Enumerable.Range(0, np).Select(k => k == np - 1 ? i * 0.5 : k + i / 100).ToArray(),
                Enumerable.Range(0, no).Select(k => k % 2 == 0 ? (i / 7 % 2 == 0 ? double.NaN : 1.5) : k == 1 ? (i % 2 == 0 ? 0.0 : -0.0) : Math.Sqrt(i + k)).ToArray(),
                i % 97 == 0 ? $"failed at point {i} — ξ ≥ 1" : PointEvaluator.Ok, 1e-6 * (i % 3))).ToList();
            store.Insert(rows.Take(700).ToList());
            store.Insert(rows.Skip(700).ToList());
            AssertSameRows(store.Rows().ToList(), rows);
            // a row whose values all repeat is its mask, its time and its status byte
            var buffer = new byte[ScanStore.RowCodec.MaxSize(rows[1])];
            var full = ScanStore.RowCodec.Write(rows[1], null, buffer);
            var repeat = ScanStore.RowCodec.Write(rows[1] with { Index = 2 }, rows[1], buffer);
            Assert.That(full, Is.EqualTo(buffer.Length), "a first row is its most");
            Assert.That(repeat, Is.EqualTo((np + no + 7) / 8 + 9));
            Assert.That(full, Is.EqualTo((np + no + 7) / 8 + 8 * (np + no) + 9));
        });
    }
}
