using NuDM.App.Figures;
using Parquet;
using Parquet.Schema;

namespace NuDM.App.Scans;

/// <summary>
/// A store as a table: CSV with the project's conventions (<see cref="NuDM.App.Results.Write"/>:
/// invariant culture, shortest round-trippable doubles, an empty cell where a value is missing) or Parquet (Parquet.Net;
/// nullable DOUBLE columns, <c>idx</c> INT64, <c>status</c> UTF-8). Columns: idx, the parameters, the observables,
/// status, seconds; rows in index order.
/// </summary>
public static class ScanExport
{
    /// <summary>The exported columns of a store.</summary>
    public static IReadOnlyList<string> Columns(ScanMetadata m) =>
        ["idx", .. m.Parameters.Select(c => c.Name), .. m.Observables.Select(c => c.Name), "status", "seconds"];

    /// <summary>Writes the store as CSV.</summary>
    public static void Csv(ScanStore store, TextWriter writer)
    {
        var m = store.Metadata;
        new NuDM.App.Results("scan export", "the store rows").Write(writer, NuDM.App.OutputFormat.Csv, Columns(m), store.Rows().Select(r =>
        {
            var cells = new object?[3 + r.Parameters.Length + r.Observables.Length];
            int k = 0;
            cells[k++] = r.Index;
            foreach (var p in r.Parameters) cells[k++] = p;
            foreach (var o in r.Observables) cells[k++] = double.IsFinite(o) ? o : null;
            cells[k++] = r.Status;
            cells[k] = r.Seconds;
            return (IReadOnlyList<object?>)cells;
        }));
    }

    /// <summary>Writes the store as Parquet (row groups of <paramref name="rowGroup"/> rows) to a new file, replacing it atomically.</summary>
    public static void Parquet(ScanStore store, string path, int rowGroup = 100_000)
    {
        var m = store.Metadata;
        var idx = new DataField<long>("idx");
        var values = m.Parameters.Concat(m.Observables).Select(c => new DataField<double>(c.Name, true)).ToList();
        var status = new DataField<string>("status");
        var seconds = new DataField<double>("seconds");
        var schema = new ParquetSchema([idx, .. values, status, seconds]);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        using (var stream = File.Create(temp))
        {
            var writer = ParquetWriter.CreateAsync(schema, stream).GetAwaiter().GetResult();
            try
            {
                writer.CustomMetadata = new Dictionary<string, string>
                {
                    ["nudm.spec_hash"] = m.SpecHash, ["nudm.model"] = m.Model, ["nudm.model_hash"] = m.ModelHash,
                    ["nudm.data_hash"] = m.DataHash, ["nudm.program_version"] = m.ProgramVersion, ["nudm.shard"] = m.Shard,
                };
                var buffer = new List<ScanRow>(rowGroup);
                void Flush()
                {
                    if (buffer.Count == 0) return;
                    using var g = writer.CreateRowGroup();
                    g.WriteAsync<long>(idx, buffer.Select(r => r.Index).ToArray().AsMemory()).GetAwaiter().GetResult();
                    int np = m.Parameters.Count;
                    for (int c = 0; c < values.Count; c++)
                    {
                        var col = buffer.Select(r => c < np ? r.Parameters[c] : r.Observables[c - np])
                            .Select(v => double.IsFinite(v) ? v : (double?)null).ToArray();
                        g.WriteAsync<double>(values[c], (ReadOnlyMemory<double?>)col.AsMemory()).GetAwaiter().GetResult();
                    }
                    g.WriteAsync(status, buffer.Select(r => r.Status).ToArray()).GetAwaiter().GetResult();
                    g.WriteAsync<double>(seconds, buffer.Select(r => r.Seconds).ToArray().AsMemory()).GetAwaiter().GetResult();
                    buffer.Clear();
                }
                foreach (var r in store.Rows())
                {
                    buffer.Add(r);
                    if (buffer.Count == rowGroup) Flush();
                }
                Flush();
            }
            finally
            {
                writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>The export format from a file name (.csv or .parquet).</summary>
    public static string FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => "csv",
        ".parquet" => "parquet",
        var e => throw new UserInputException($"--output '{path}': the format comes from the extension, .csv or .parquet (got '{e}')"),
    };
}

/// <summary>
/// Combines the shard stores of a scan into one store, deterministically: the same rows (every column but the time)
/// in the same order as a one-machine run, and the metadata of a one-machine run (shard 0/1).
/// </summary>
public static class ScanMerge
{
    /// <summary>Merges <paramref name="shardPaths"/> into <paramref name="output"/> (which must not exist).</summary>
    /// <exception cref="UserInputException">A shard is missing, incomplete, from another scan, program or data, or present twice.</exception>
    public static long Merge(IReadOnlyList<string> shardPaths, string output, ScanMetadata? expected = null)
    {
        if (shardPaths.Count == 0) throw new UserInputException("no shard stores to merge");
        var stores = new List<ScanStore>();
        try
        {
            foreach (var p in shardPaths) stores.Add(ScanStore.OpenRead(p));
            var first = stores[0].Metadata;
            var reference = expected ?? first;
            int n = stores[0].Shard.Count;
            var seen = new ScanStore?[n];
            foreach (var s in stores)
            {
                var diff = s.Metadata.Differences(reference, ignoreShard: true);
                if (diff.Count > 0)
                    throw new UserInputException($"the shard store {s.Path} was made with other inputs than {(expected is null ? stores[0].Path : "this run")}; what differs: {string.Join("; ", diff)}. Shards of one scan must come from one spec, model, data folder and program");
                var sh = s.Shard;
                if (sh.Count != n) throw new UserInputException($"{s.Path} is shard {sh} but {stores[0].Path} is shard {stores[0].Shard}: all shards must split the scan into the same number of parts");
                if (seen[sh.Index] is { } other) throw new UserInputException($"shard {sh} is present twice: {other.Path} and {s.Path}");
                seen[sh.Index] = s;
            }
            var missing = Enumerable.Range(0, n).Where(k => seen[k] is null).ToList();
            if (missing.Count > 0)
                throw new UserInputException($"shards {string.Join(", ", missing.Select(k => $"{k}/{n}"))} are missing: every shard must be done before merging (`nudm scan status` lists them, `nudm scan submit --resume` reruns them)");
            foreach (var s in seen)
            {
                long rows = s!.RowCount;
                if (rows != s.Metadata.ShardPoints)
                    throw new UserInputException($"shard {s.Metadata.Shard} ({s.Path}) holds {rows} of its {s.Metadata.ShardPoints} points: it is not done (`nudm scan submit --resume` reruns it)");
            }
            var merged = reference with
            {
                Shard = Shard.All.ToString(),
                ShardPoints = reference.TotalPoints,
            };
            if (File.Exists(output)) throw new UserInputException($"{output} exists already; the merge writes a new store");
            var temp = output + ".partial";
            foreach (var f in new[] { temp, temp + "-wal", temp + "-shm" }) File.Delete(f);
            // block b lives in shard b mod N: walk the blocks in order, reading each from its shard
            int block = reference.ShardBlock;
            long blocks = (reference.TotalPoints + block - 1) / block;
            IEnumerable<ScanRow> Ordered()
            {
                for (long b = 0; b < blocks; b++)
                    foreach (var r in seen[(int)(b % n)]!.Rows(b * block, (b + 1) * block)) yield return r;
            }
            long count = 0;
            ScanStore.WriteNew(temp, merged, Ordered().Select(r => { count++; return r; }));
            using (var check = ScanStore.OpenForRun(temp, merged))
            {
                if (check.RowCount != merged.TotalPoints) throw new InvalidOperationException($"the merge wrote {check.RowCount} rows, expected {merged.TotalPoints}");
                check.Checkpoint();
                check.SingleFile();
            }
            foreach (var f in new[] { temp + "-wal", temp + "-shm" }) File.Delete(f);
            File.Move(temp, output);
            return count;
        }
        finally
        {
            foreach (var s in stores) s.Dispose();
        }
    }
}
