using NUnit.Framework;
using NuDM.App.Scans;
using NuDM.App.Statistics;

namespace NuDM.App.Tests.Scans;

/// <summary>
/// The store's insert: rows bound through the native library's own calls come back exactly as written — every bit of
/// every double, NaN as an empty cell, a status with non-ASCII text — and on Linux that fast path is the one in use.
/// </summary>
public class ScanStoreInsertTests
{
    [Test]
    public void RowsComeBackBitForBit()
    {
        var spec = ScanSpec.Parse(ScanRunTests.Spec, "insert.yaml");
        var file = Path.Combine(Path.GetTempPath(), $"nudm-insert-{Guid.NewGuid():N}.sqlite");
        try
        {
            var meta = ScanMetadata.For(spec, Shard.All, RunFingerprint.Current());
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
            var back = read.Rows().ToList();
            Assert.That(back, Has.Count.EqualTo(rows.Count));
            for (int i = 0; i < rows.Count; i++)
            {
                Assert.That(back[i].Index, Is.EqualTo(rows[i].Index));
                Assert.That(back[i].Status, Is.EqualTo(rows[i].Status));
                Assert.That(BitConverter.DoubleToInt64Bits(back[i].Seconds), Is.EqualTo(BitConverter.DoubleToInt64Bits(rows[i].Seconds)));
                Assert.That(back[i].Parameters.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(rows[i].Parameters.Select(BitConverter.DoubleToInt64Bits)));
                Assert.That(back[i].Observables.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(rows[i].Observables.Select(BitConverter.DoubleToInt64Bits)));
            }
        }
        finally
        {
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        }
    }

    [Test]
    public void OnLinuxTheNativeBindsAreInUse()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("the bundled e_sqlite3 is checked on Linux, where CI runs");
        // the first connection initialises SQLitePCLRaw
        var file = Path.Combine(Path.GetTempPath(), $"nudm-insert-{Guid.NewGuid():N}.sqlite");
        try
        {
            using (ScanStore.OpenForRun(file, ScanMetadata.For(ScanSpec.Parse(ScanRunTests.Spec, "x.yaml"), Shard.All, RunFingerprint.Current()))) { }
            Assert.That(ScanStore.NativeStatement.IsAvailable, Is.True, "SQLitePCLRaw's native library is e_sqlite3 and the direct calls resolve");
            Assert.That(ThreadClock.IsAvailable, Is.True, "the thread CPU clock the scan reports its costs with");
            double t0 = ThreadClock.Seconds();
            double x = 0;
            for (int i = 0; i < 2_000_000; i++) x += Math.Sqrt(i);
            Assert.That(ThreadClock.Seconds() - t0, Is.GreaterThan(0), $"CPU time advances while the thread computes ({x})");
        }
        finally
        {
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        }
    }
}
