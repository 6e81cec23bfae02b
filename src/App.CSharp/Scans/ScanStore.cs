using System.Buffers.Binary;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using NuDM.App.Statistics;

namespace NuDM.App.Scans;

/// <summary>One computed point: its index, parameters (model order), observables (NaN: empty cell), status and time.</summary>
/// <param name="Index">The point index i (the store's key).</param>
/// <param name="Parameters">Model parameters, in the model's order.</param>
/// <param name="Observables">One value per observable column; NaN when not applicable or failed.</param>
/// <param name="Status">"ok", or the error messages of the columns that failed.</param>
/// <param name="Seconds">Wall time of the point on its thread (s).</param>
public sealed record ScanRow(long Index, double[] Parameters, double[] Observables, string Status, double Seconds);

/// <summary>A column of a store: a model parameter or an observable (unit, constraint).</summary>
public sealed record StoreColumn(string Name, string Unit, string Description, ConstraintSense Sense, double Threshold);

/// <summary>
/// What a store was made from; a run may only add to a store whose metadata match its own (<see cref="Differences"/>).
/// </summary>
public sealed record ScanMetadata
{
    /// <summary>The store format.</summary>
    public const string CurrentFormat = "nudm-scan-store/2";

    public string Format { get; init; } = CurrentFormat;
    /// <summary>SHA-256 of the spec's canonical form.</summary>
    public required string SpecHash { get; init; }
    /// <summary>The spec's canonical form.</summary>
    public required string Spec { get; init; }
    /// <summary>The model name.</summary>
    public required string Model { get; init; }
    /// <summary>SHA-256 of the model's definition (version, columns).</summary>
    public required string ModelHash { get; init; }
    /// <summary>SHA-256 of the data folder's content (<see cref="RunFingerprint"/>).</summary>
    public required string DataHash { get; init; }
    /// <summary>The program version (informational version of nudm).</summary>
    public required string ProgramVersion { get; init; }
    /// <summary>SHA-256 over the module version ids of the program's assemblies (<see cref="RunFingerprint"/>).</summary>
    public required string ProgramHash { get; init; }
    /// <summary>Points of the whole scan.</summary>
    public required long TotalPoints { get; init; }
    /// <summary>Points per shard block.</summary>
    public required int ShardBlock { get; init; }
    /// <summary>The shard this store holds ("0/1": the whole scan).</summary>
    public required string Shard { get; init; }
    /// <summary>Points of this shard.</summary>
    public required long ShardPoints { get; init; }
    /// <summary>Parameter columns, in the model's order.</summary>
    public required IReadOnlyList<StoreColumn> Parameters { get; init; }
    /// <summary>Observable columns, in the spec's order.</summary>
    public required IReadOnlyList<StoreColumn> Observables { get; init; }

    /// <summary>The program version of this build.</summary>
    public static string CurrentProgramVersion =>
        typeof(ScanStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ScanStore).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The metadata of a run of <paramref name="spec"/> (shard <paramref name="shard"/>) with the data and program in use.</summary>
    public static ScanMetadata For(ScanSpec spec, Shard shard, RunFingerprint run) => new()
    {
        SpecHash = spec.Hash,
        Spec = spec.Canonical,
        Model = spec.Model.Name,
        ModelHash = spec.ModelHash,
        DataHash = run.DataHash,
        ProgramVersion = CurrentProgramVersion,
        ProgramHash = run.ProgramHash,
        TotalPoints = spec.Count,
        ShardBlock = spec.ShardBlock,
        Shard = shard.ToString(),
        ShardPoints = shard.PointCount(spec.Count, spec.ShardBlock),
        Parameters = spec.Model.Parameters.Select(p => new StoreColumn(p.Name, p.Unit, p.Description, ConstraintSense.None, double.NaN)).ToList(),
        Observables = spec.Observables.Select(o => new StoreColumn(o.Name, o.Unit, o.Description, o.Sense, o.Threshold)).ToList(),
    };

    /// <summary>
    /// What differs between a store's metadata (this) and a run's (<paramref name="run"/>) that forbids adding to it:
    /// the spec, the model, the data, the program, the shard. Empty when they match.
    /// </summary>
    public IReadOnlyList<string> Differences(ScanMetadata run, bool ignoreShard = false)
    {
        var d = new List<string>();
        if (Format != run.Format) d.Add($"the store format ({Format}, this program writes {run.Format})");
        if (SpecHash != run.SpecHash) d.Add($"the spec (stored spec hash {SpecHash[..12]}…, this spec {run.SpecHash[..12]}…)");
        if (Model != run.Model || ModelHash != run.ModelHash) d.Add($"the model ({Model} hash {ModelHash[..12]}…, now {run.Model} hash {run.ModelHash[..12]}…)");
        if (DataHash != run.DataHash) d.Add($"the data folder's content (hash {DataHash[..12]}…, now {run.DataHash[..12]}…)");
        if (ProgramVersion != run.ProgramVersion || ProgramHash != run.ProgramHash)
            d.Add($"the program (version {ProgramVersion} build {ProgramHash[..12]}…, now {run.ProgramVersion} build {run.ProgramHash[..12]}…)");
        if (!ignoreShard && Shard != run.Shard) d.Add($"the shard ({Shard}, now {run.Shard})");
        return d;
    }
}

/// <summary>
/// The embedded store of a scan: one SQLite file (Microsoft.Data.Sqlite), WAL journal, rows committed in batches (a
/// killed run loses at most the batch in flight; the next run computes exactly the points that are missing). Table
/// <c>meta</c> holds the <see cref="ScanMetadata"/> (hashes of spec, model and data; program version); table
/// <c>packs</c> the points, up to <see cref="PackRows"/> of one shard block per row: <c>block</c> (indexed: a block's
/// points are found without reading the others), <c>first_idx</c>, <c>last_idx</c> (the smallest and largest point
/// index in it), <c>n</c> (its points), <c>runs</c> (its indices as runs of consecutive indices) and <c>rows</c> (its
/// points packed, the values that repeat from the previous point omitted: <see cref="RowCodec"/>). Rows are read back through <see cref="Rows"/>
/// (<c>nudm scan export</c> writes CSV and Parquet for analysis). Why packs and not a row per point: the store's cost was
/// SQLite's handling of ~130 bytes per point (≈ 1.3 μs of CPU, the same for one REAL column per value or one blob per
/// point), ~8 % of a scan whose points cost ~15 μs. Packs of ~65 kB with 16 kB pages and a 2 MB page cache (pages and
/// buffers reused while warm rather than new memory touched for every batch: the new pages' faults were most of that
/// cost on the VMs measured) cost ~0.1 μs per point; a thread of the store folds the WAL into the file while the scan
/// runs (<see cref="Checkpointer"/>), so closing waits for the last batch's pages only. Not thread-safe: one writer.
/// </summary>
public sealed class ScanStore : IDisposable
{
    private readonly SqliteConnection _db;
    private sqlite3_stmt? _insert;
    private byte[] _rowBuffer = [], _runBuffer = [];
    private readonly Checkpointer? _checkpointer;

    /// <summary>Points per pack (one SQLite row): ~65 kB with 16 columns, below the size at which the native allocator
    /// maps fresh memory for a record.</summary>
    public const int PackRows = 512;

    private ScanStore(SqliteConnection db, string path, ScanMetadata metadata, bool write)
    {
        _db = db;
        Path = path;
        Metadata = metadata;
        if (write) _checkpointer = new Checkpointer(path);
    }

    /// <summary>The store file (full path).</summary>
    public string Path { get; }

    /// <summary>What the store was made from.</summary>
    public ScanMetadata Metadata { get; }

    private static SqliteConnection Connect(string path, SqliteOpenMode mode)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString();
        var db = new SqliteConnection(cs);
        try
        {
            db.Open();
            Exec(db, "PRAGMA busy_timeout = 10000;");
            if (mode != SqliteOpenMode.ReadOnly)
            {
                Exec(db, "PRAGMA page_size = 16384;"); // a new store's pages (an existing store keeps its own)
                Exec(db, "PRAGMA journal_mode = WAL;");
                Exec(db, "PRAGMA synchronous = NORMAL;"); // WAL + NORMAL: a committed batch survives a killed process
                // the writer never folds the WAL itself (the store's checkpointer thread does, while the scan runs);
                // appending packs touches the last pages only: a small cache keeps its buffers warm
                Exec(db, "PRAGMA wal_autocheckpoint = 0;");
                Exec(db, "PRAGMA cache_size = -2048;");
            }
        }
        catch (SqliteException e)
        {
            db.Dispose();
            throw new UserInputException($"the scan store {path} cannot be opened: {e.Message}");
        }
        return db;
    }

    private static void Exec(SqliteConnection db, string sql, SqliteTransaction? tx = null)
    {
        using var c = db.CreateCommand();
        c.CommandText = sql;
        c.Transaction = tx;
        c.ExecuteNonQuery();
    }

    /// <summary>
    /// Opens the store at <paramref name="path"/> for a run with <paramref name="metadata"/>, creating it if missing.
    /// An existing store must have been made from the same spec, model, data, program and shard.
    /// </summary>
    /// <exception cref="UserInputException">The store differs (the message names what), or is not a scan store.</exception>
    public static ScanStore OpenForRun(string path, ScanMetadata metadata)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        bool exists = File.Exists(full) && new FileInfo(full).Length > 0;
        var db = Connect(full, SqliteOpenMode.ReadWriteCreate);
        try
        {
            if (exists)
            {
                var stored = ReadMetadata(db, full);
                var diff = stored.Differences(metadata);
                if (diff.Count > 0)
                    throw new UserInputException(
                        $"the scan store {full} was made with other inputs; what differs: {string.Join("; ", diff)}. It cannot be resumed with this run. " +
                        "Use another --out folder (or delete the store) to start afresh");
                return new ScanStore(db, full, stored, write: true);
            }
            using (var tx = db.BeginTransaction())
            {
                Exec(db, "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);", tx);
                // the blob last: reading first_idx, last_idx, n or runs does not read the rows' overflow pages
                Exec(db, "CREATE TABLE packs (id INTEGER PRIMARY KEY, block INTEGER NOT NULL, first_idx INTEGER NOT NULL, last_idx INTEGER NOT NULL, n INTEGER NOT NULL, runs BLOB NOT NULL, rows BLOB NOT NULL);", tx);
                Exec(db, "CREATE INDEX packs_block ON packs (block);", tx);
                using var ins = db.CreateCommand();
                ins.Transaction = tx;
                ins.CommandText = "INSERT INTO meta (key, value) VALUES ($k, $v);";
                var k = ins.Parameters.Add("$k", SqliteType.Text);
                var v = ins.Parameters.Add("$v", SqliteType.Text);
                foreach (var (key, value) in Entries(metadata))
                {
                    k.Value = key;
                    v.Value = value;
                    ins.ExecuteNonQuery();
                }
                tx.Commit();
            }
            return new ScanStore(db, full, metadata, write: true);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing store to read it.</summary>
    /// <exception cref="UserInputException">It does not exist or is not a scan store.</exception>
    public static ScanStore OpenRead(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new UserInputException($"the scan store {full} does not exist");
        var db = Connect(full, SqliteOpenMode.ReadOnly);
        try
        {
            return new ScanStore(db, full, ReadMetadata(db, full), write: false);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    private static IEnumerable<(string, string)> Entries(ScanMetadata m)
    {
        var inv = CultureInfo.InvariantCulture;
        yield return ("format", m.Format);
        yield return ("spec_hash", m.SpecHash);
        yield return ("spec", m.Spec);
        yield return ("model", m.Model);
        yield return ("model_hash", m.ModelHash);
        yield return ("data_hash", m.DataHash);
        yield return ("program_version", m.ProgramVersion);
        yield return ("program_hash", m.ProgramHash);
        yield return ("total_points", m.TotalPoints.ToString(inv));
        yield return ("shard_block", m.ShardBlock.ToString(inv));
        yield return ("shard", m.Shard);
        yield return ("shard_points", m.ShardPoints.ToString(inv));
        yield return ("parameters", JsonSerializer.Serialize(m.Parameters.Select(Json)));
        yield return ("observables", JsonSerializer.Serialize(m.Observables.Select(Json)));
    }

    private sealed record ColumnJson(string Name, string Unit, string Description, string Sense, double? Threshold);

    private static ColumnJson Json(StoreColumn c) =>
        new(c.Name, c.Unit, c.Description, c.Sense.ToString(), double.IsFinite(c.Threshold) ? c.Threshold : null);

    private static StoreColumn FromJson(ColumnJson c) =>
        new(c.Name, c.Unit, c.Description, Enum.Parse<ConstraintSense>(c.Sense), c.Threshold ?? double.NaN);

    private static ScanMetadata ReadMetadata(SqliteConnection db, string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var c = db.CreateCommand();
            c.CommandText = "SELECT key, value FROM meta;";
            using var r = c.ExecuteReader();
            while (r.Read()) values[r.GetString(0)] = r.GetString(1);
        }
        catch (SqliteException e)
        {
            throw new UserInputException($"{path} is not a nudm scan store ({e.Message})");
        }
        string Get(string key) => values.TryGetValue(key, out var v) ? v : throw new UserInputException($"{path} is not a complete nudm scan store: its metadata lack '{key}'");
        if (values.TryGetValue("format", out var format) && format != ScanMetadata.CurrentFormat)
            throw new UserInputException(
                $"{path} is a scan store of format {format}, written by another version of nudm; this one reads {ScanMetadata.CurrentFormat} " +
                "(format 2 packs up to 512 points into one SQLite row). Export it with the nudm that wrote it, or run the scan again");
        try
        {
            var inv = CultureInfo.InvariantCulture;
            return new ScanMetadata
            {
                Format = Get("format"),
                SpecHash = Get("spec_hash"),
                Spec = Get("spec"),
                Model = Get("model"),
                ModelHash = Get("model_hash"),
                DataHash = Get("data_hash"),
                ProgramVersion = Get("program_version"),
                ProgramHash = Get("program_hash"),
                TotalPoints = long.Parse(Get("total_points"), inv),
                ShardBlock = int.Parse(Get("shard_block"), inv),
                Shard = Get("shard"),
                ShardPoints = long.Parse(Get("shard_points"), inv),
                Parameters = JsonSerializer.Deserialize<List<ColumnJson>>(Get("parameters"))!.Select(FromJson).ToList(),
                Observables = JsonSerializer.Deserialize<List<ColumnJson>>(Get("observables"))!.Select(FromJson).ToList(),
            };
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or OverflowException)
        {
            throw new UserInputException($"{path}: its scan metadata cannot be read ({e.Message})");
        }
    }

    /// <summary>The shard this store holds.</summary>
    public Shard Shard => Scans.Shard.Parse(Metadata.Shard, "the store's shard");

    /// <summary>Number of points stored.</summary>
    public long RowCount
    {
        get
        {
            using var c = _db.CreateCommand();
            c.CommandText = "SELECT COALESCE(SUM(n), 0) FROM packs;";
            return (long)c.ExecuteScalar()!;
        }
    }

    /// <summary>True when every point of the store's shard is stored.</summary>
    public bool IsComplete => RowCount == Metadata.ShardPoints;

    /// <summary>The runs of consecutive stored indices (start, count) of the packs that may hold indices in
    /// [<paramref name="from"/>, <paramref name="to"/>); read from the packs' <c>runs</c>, not their rows.</summary>
    private IEnumerable<(long Start, long Count)> StoredRuns(long from, long to)
    {
        using var c = _db.CreateCommand();
        c.CommandText = "SELECT runs FROM packs WHERE block BETWEEN $ba AND $bb AND last_idx >= $a AND first_idx < $b;";
        AddRange(c, from, to);
        using var r = c.ExecuteReader();
        while (r.Read())
        {
            var runs = (byte[])r.GetValue(0);
            for (int k = 0; k + 16 <= runs.Length; k += 16)
                yield return (BinaryPrimitives.ReadInt64LittleEndian(runs.AsSpan(k)), BinaryPrimitives.ReadInt64LittleEndian(runs.AsSpan(k + 8)));
        }
    }

    /// <summary>The parameters of the indices [<paramref name="from"/>, <paramref name="to"/>): $a, $b and the blocks
    /// $ba … $bb they lie in (a pack lies in one block).</summary>
    private void AddRange(SqliteCommand c, long from, long to)
    {
        long block = Metadata.ShardBlock;
        c.Parameters.AddWithValue("$a", from);
        c.Parameters.AddWithValue("$b", to);
        c.Parameters.AddWithValue("$ba", Math.Max(0, from) / block);
        c.Parameters.AddWithValue("$bb", to <= 0 ? -1 : (to - 1) / block);
    }

    /// <summary>How many points each block holds (blocks of <see cref="ScanMetadata.ShardBlock"/>; absent blocks hold none).</summary>
    public Dictionary<long, long> BlockCounts()
    {
        var d = new Dictionary<long, long>();
        using var c = _db.CreateCommand();
        c.CommandText = "SELECT block, SUM(n) FROM packs GROUP BY block;";
        using var r = c.ExecuteReader();
        while (r.Read()) d[r.GetInt64(0)] = r.GetInt64(1);
        return d;
    }

    /// <summary>The stored indices in [from, to).</summary>
    public HashSet<long> IndicesIn(long from, long to)
    {
        var s = new HashSet<long>();
        foreach (var (start, count) in StoredRuns(from, to))
            for (long i = Math.Max(start, from), end = Math.Min(start + count, to); i < end; i++) s.Add(i);
        return s;
    }

    /// <summary>
    /// Adds rows in one transaction (a batch): all or none of them are stored. The rows go in packs (one SQLite row each:
    /// the rows packed by <see cref="RowCodec"/>, their indices as runs) of up to <see cref="PackRows"/> consecutive
    /// rows of the batch in one shard block: a new pack starts where the block changes.
    /// </summary>
    public void Insert(IReadOnlyList<ScanRow> rows)
    {
        if (rows.Count == 0) return;
        int np = Metadata.Parameters.Count, no = Metadata.Observables.Count;
        foreach (var row in rows)
            if (row.Parameters.Length != np || row.Observables.Length != no)
                throw new ArgumentException($"row {row.Index} has {row.Parameters.Length} parameters and {row.Observables.Length} observables; the store has {np} and {no}");
        var db = _db.Handle!;
        if (_insert is null)
        {
            Check(raw.sqlite3_prepare_v2(db, "INSERT INTO packs (block, first_idx, last_idx, n, runs, rows) VALUES (?, ?, ?, ?, ?, ?);", out var stmt), "prepare the insert");
            _insert = stmt;
        }
        Check(raw.sqlite3_exec(db, "BEGIN IMMEDIATE;"), "begin a batch");
        bool done = false;
        try
        {
            long block = Metadata.ShardBlock;
            for (int k = 0; k < rows.Count;)
            {
                long b = rows[k].Index / block;
                int end = k + 1;
                while (end < rows.Count && end - k < PackRows && rows[end].Index / block == b) end++;
                InsertPack(rows, k, end, b);
                k = end;
            }
            Check(raw.sqlite3_exec(db, "COMMIT;"), "commit a batch");
            done = true;
        }
        finally
        {
            if (!done) raw.sqlite3_exec(db, "ROLLBACK;");
        }
        _checkpointer?.Nudge();
    }

    /// <summary>Inserts rows [<paramref name="from"/>, <paramref name="to"/>), all of block <paramref name="block"/>, as one pack.</summary>
    private void InsertPack(IReadOnlyList<ScanRow> rows, int from, int to, long block)
    {
        int maxSize = 0;
        for (int k = from; k < to; k++) maxSize += RowCodec.MaxSize(rows[k]);
        if (_rowBuffer.Length < maxSize) _rowBuffer = new byte[Math.Max(maxSize, 2 * _rowBuffer.Length)];
        if (_runBuffer.Length < 16 * (to - from)) _runBuffer = new byte[Math.Max(16 * (to - from), 2 * _runBuffer.Length)];
        int at = 0, runs = 0;
        long first = long.MaxValue, last = long.MinValue, start = rows[from].Index, length = 0;
        for (int k = from; k < to; k++)
        {
            var row = rows[k];
            at += RowCodec.Write(row, k == from ? null : rows[k - 1], _rowBuffer.AsSpan(at));
            first = Math.Min(first, row.Index);
            last = Math.Max(last, row.Index);
            if (length > 0 && row.Index != start + length)
            {
                WriteRun(runs++, start, length);
                (start, length) = (row.Index, 0);
            }
            length++;
        }
        WriteRun(runs++, start, length);
        Check(raw.sqlite3_bind_int64(_insert, 1, block), "bind a pack");
        Check(raw.sqlite3_bind_int64(_insert, 2, first), "bind a pack");
        Check(raw.sqlite3_bind_int64(_insert, 3, last), "bind a pack");
        Check(raw.sqlite3_bind_int64(_insert, 4, to - from), "bind a pack");
        Check(raw.sqlite3_bind_blob(_insert, 5, _runBuffer.AsSpan(0, 16 * runs)), "bind a pack");
        Check(raw.sqlite3_bind_blob(_insert, 6, _rowBuffer.AsSpan(0, at)), "bind a pack");
        int rc = raw.sqlite3_step(_insert);
        raw.sqlite3_reset(_insert);
        raw.sqlite3_clear_bindings(_insert);
        if (rc != raw.SQLITE_DONE) Check(rc, $"store points {first} to {last}");
    }

    /// <summary>Writes run <paramref name="k"/> of a pack's runs buffer: <paramref name="length"/> consecutive indices from
    /// <paramref name="start"/>.</summary>
    private void WriteRun(int k, long start, long length)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_runBuffer.AsSpan(16 * k), start);
        BinaryPrimitives.WriteInt64LittleEndian(_runBuffer.AsSpan(16 * k + 8), length);
    }

    /// <summary>CPU time the store's checkpointer thread has spent folding the WAL into the file, s (NaN where the thread
    /// CPU clock is missing; 0 for a store opened to read).</summary>
    public double CheckpointCpuSeconds => _checkpointer?.CpuSeconds ?? 0;

    /// <summary>
    /// Folds the WAL into the database file while the scan runs: a thread with its own connection runs a PASSIVE
    /// checkpoint (it never blocks the writer) after each commit, so the disk's work overlaps the computation and
    /// closing the store (<see cref="Checkpoint"/>) folds the last batch's pages only. The writer's own automatic
    /// checkpoint is off (it would sync the disk on a worker's time).
    /// </summary>
    private sealed class Checkpointer : IDisposable
    {
        private readonly SemaphoreSlim _nudged = new(0, 1);
        private readonly Thread _thread;
        private volatile bool _stop;
        private double _cpu;
        private readonly string _path;

        public Checkpointer(string path)
        {
            _path = path;
            _thread = new Thread(Loop) { IsBackground = true, Name = "scan store checkpointer" };
            _thread.Start();
        }

        /// <summary>Tells the thread a batch was committed (a nudge while one is pending is the same nudge).</summary>
        public void Nudge()
        {
            try { _nudged.Release(); }
            catch (SemaphoreFullException) { }
        }

        public double CpuSeconds => Volatile.Read(ref _cpu);

        private void Loop()
        {
            using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
            try
            {
                db.Open();
                Exec(db, "PRAGMA busy_timeout = 10000;");
                while (true)
                {
                    _nudged.Wait();
                    if (_stop) return;
                    double t0 = ThreadClock.Seconds();
                    Exec(db, "PRAGMA wal_checkpoint(PASSIVE);");
                    Volatile.Write(ref _cpu, _cpu + (ThreadClock.Seconds() - t0));
                }
            }
            catch (Exception e) when (e is SqliteException or IOException)
            {
                // the fold is an optimisation: what the thread could not fold, closing the store folds (and reports)
            }
        }

        /// <summary>Stops the thread after the fold it is doing (if any); a second call does nothing.</summary>
        public void Dispose()
        {
            _stop = true;
            Nudge();
            _thread.Join();
        }
    }

    private void Check(int rc, string what)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW) return;
        var message = raw.sqlite3_errmsg(_db.Handle!).utf8_to_string();
        // a full disk or a read-only folder is the user's file system, not a bug (exit code 2)
        throw new IOException($"the scan store {Path} could not {what}: {message} (SQLite error {rc})");
    }

    /// <summary>
    /// Every stored row with an index in [<paramref name="from"/>, <paramref name="to"/>), in index order (streamed):
    /// the packs that may hold such rows are read in the order of their smallest index and their rows merged, so only
    /// packs whose index ranges overlap are in memory at once.
    /// </summary>
    /// <exception cref="InvalidDataException">A point is stored twice, or a pack cannot be decoded (a damaged store).</exception>
    public IEnumerable<ScanRow> Rows(long from = 0, long to = long.MaxValue)
    {
        var packs = new List<(long Id, long First)>();
        using (var c = _db.CreateCommand())
        {
            c.CommandText = "SELECT id, first_idx FROM packs WHERE block BETWEEN $ba AND $bb AND last_idx >= $a AND first_idx < $b ORDER BY first_idx, id;";
            AddRange(c, from, to);
            using var r = c.ExecuteReader();
            while (r.Read()) packs.Add((r.GetInt64(0), r.GetInt64(1)));
        }
        int np = Metadata.Parameters.Count, no = Metadata.Observables.Count;
        using var read = _db.CreateCommand();
        read.CommandText = "SELECT n, runs, rows FROM packs WHERE id = $id;";
        var id = read.Parameters.Add("$id", SqliteType.Integer);
        var pending = new PriorityQueue<ScanRow, long>();
        long previous = long.MinValue;
        int next = 0;
        while (next < packs.Count || pending.Count > 0)
        {
            // a pack not read yet holds no index below its first: read every pack that may hold the smallest index
            while (next < packs.Count && (pending.Count == 0 || packs[next].First <= pending.Peek().Index))
            {
                id.Value = packs[next++].Id;
                using var r = read.ExecuteReader();
                if (!r.Read()) throw new InvalidDataException($"{Path}: pack {id.Value} vanished while it was read");
                long n = r.GetInt64(0);
                var runs = (byte[])r.GetValue(1);
                var blob = (byte[])r.GetValue(2);
                int at = 0;
                long count = 0;
                ScanRow? last = null;
                for (int q = 0; q + 16 <= runs.Length; q += 16)
                {
                    long start = BinaryPrimitives.ReadInt64LittleEndian(runs.AsSpan(q)), length = BinaryPrimitives.ReadInt64LittleEndian(runs.AsSpan(q + 8));
                    if (length < 1 || (count += length) > n) throw new InvalidDataException($"{Path}: pack {id.Value}'s runs do not add up to its {n} rows (a damaged store)");
                    for (long index = start; index < start + length; index++)
                    {
                        var row = RowCodec.Read(blob, ref at, index, last, np, no, Path);
                        last = row;
                        if (row.Index >= from && row.Index < to) pending.Enqueue(row, row.Index);
                    }
                }
                if (count != n || at != blob.Length)
                    throw new InvalidDataException($"{Path}: pack {id.Value} holds {count} of its {n} rows and {blob.Length - at} bytes after them (a damaged store)");
            }
            var next1 = pending.Dequeue();
            if (next1.Index == previous) throw new InvalidDataException($"{Path}: point {next1.Index} is stored twice (a damaged store)");
            previous = next1.Index;
            yield return next1;
        }
    }

    /// <summary>
    /// A pack's rows one after the other, little-endian; a row's index is not written (the pack's runs give the indices
    /// in the rows' order). A row: a mask of ⌈(parameters + observables)/8⌉ bytes, bit j set when value j (parameters
    /// first, then observables) has the same 64 bits as in the pack's previous row (never in its first row); the values
    /// whose bit is clear, float64 each (NaN an empty cell, every bit kept); the time (float64, s); the status: a byte 0
    /// for "ok", or 1 followed by an int32 byte count and its UTF-8 bytes. In a scan most values repeat from one point to
    /// the next (the outer parameters, the per-mass observables), so a row holds about half of its 130 bytes.
    /// </summary>
    internal static class RowCodec
    {
        private static bool IsOk(string status) => ReferenceEquals(status, PointEvaluator.Ok) || status == PointEvaluator.Ok;

        private static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

        private static double Value(ScanRow row, int j) => j < row.Parameters.Length ? row.Parameters[j] : row.Observables[j - row.Parameters.Length];

        /// <summary>Bytes of <paramref name="row"/> packed with no value repeated (the most <see cref="Write"/> can take).</summary>
        public static int MaxSize(ScanRow row)
        {
            int n = row.Parameters.Length + row.Observables.Length;
            return (n + 7) / 8 + 8 * n + 8 + 1 + (IsOk(row.Status) ? 0 : 4 + Encoding.UTF8.GetByteCount(row.Status));
        }

        /// <summary>Packs <paramref name="row"/> after <paramref name="previous"/> (null: the pack's first row) at the start
        /// of <paramref name="to"/>; returns the bytes written.</summary>
        public static int Write(ScanRow row, ScanRow? previous, Span<byte> to)
        {
            int n = row.Parameters.Length + row.Observables.Length, maskBytes = (n + 7) / 8, at = maskBytes;
            to[..maskBytes].Clear();
            for (int j = 0; j < n; j++)
            {
                double v = Value(row, j);
                if (previous is not null && Same(v, Value(previous, j))) to[j >> 3] |= (byte)(1 << (j & 7));
                else { BinaryPrimitives.WriteDoubleLittleEndian(to[at..], v); at += 8; }
            }
            BinaryPrimitives.WriteDoubleLittleEndian(to[at..], row.Seconds);
            at += 8;
            if (IsOk(row.Status))
            {
                to[at] = 0;
                return at + 1;
            }
            to[at] = 1;
            int bytes = Encoding.UTF8.GetBytes(row.Status, to[(at + 5)..]);
            BinaryPrimitives.WriteInt32LittleEndian(to[(at + 1)..], bytes);
            return at + 5 + bytes;
        }

        /// <summary>Unpacks the row of point <paramref name="index"/> at <paramref name="at"/> of <paramref name="blob"/>
        /// after <paramref name="previous"/> (null: the pack's first row) and moves past it.</summary>
        /// <exception cref="InvalidDataException">The bytes end inside the row, a value repeats in a pack's first row, or
        /// the status is malformed.</exception>
        public static ScanRow Read(byte[] blob, ref int at, long index, ScanRow? previous, int np, int no, string path)
        {
            var s = blob.AsSpan(at);
            int n = np + no, maskBytes = (n + 7) / 8, k = maskBytes;
            InvalidDataException Damaged(string what) => new($"{path}: point {index}: {what} (a damaged store)");
            if (s.Length < maskBytes + 9) throw Damaged("the pack ends inside its row");
            var p = new double[np];
            var o = new double[no];
            for (int j = 0; j < n; j++)
            {
                double v;
                if ((s[j >> 3] & (1 << (j & 7))) != 0)
                {
                    if (previous is null) throw Damaged("a value repeats in the first row of a pack");
                    v = Value(previous, j);
                }
                else
                {
                    if (s.Length - k < 8 + 9) throw Damaged("the pack ends inside its row");
                    v = BinaryPrimitives.ReadDoubleLittleEndian(s[k..]);
                    k += 8;
                }
                if (j < np) p[j] = v;
                else o[j - np] = v;
            }
            double seconds = BinaryPrimitives.ReadDoubleLittleEndian(s[k..]);
            k += 8;
            string status;
            if (s[k] == 0) { status = PointEvaluator.Ok; k += 1; }
            else if (s[k] != 1 || s.Length - k < 5) throw Damaged($"its status tag is {s[k]}");
            else
            {
                int bytes = BinaryPrimitives.ReadInt32LittleEndian(s[(k + 1)..]);
                if (bytes < 0 || bytes > s.Length - k - 5) throw Damaged($"its status has {bytes} bytes, the pack {s.Length - k - 5} left");
                status = Encoding.UTF8.GetString(s.Slice(k + 5, bytes));
                k += 5 + bytes;
            }
            at += k;
            return new ScanRow(index, p, o, status, seconds);
        }
    }

    /// <summary>Writes a merged store: <paramref name="metadata"/> and <paramref name="rows"/> (in index order) into a new file.</summary>
    public static void WriteNew(string path, ScanMetadata metadata, IEnumerable<ScanRow> rows, int batch = 20000)
    {
        using var store = OpenForRun(path, metadata);
        var buffer = new List<ScanRow>(batch);
        foreach (var row in rows)
        {
            buffer.Add(row);
            if (buffer.Count == batch) { store.Insert(buffer); buffer.Clear(); }
        }
        store.Insert(buffer);
    }

    /// <summary>The connection's settings that bear on the cost of a commit, as SQLite reports them (PRAGMA name → value):
    /// journal_mode, synchronous (0 OFF, 1 NORMAL, 2 FULL), page_size (bytes), cache_size (pages, or KiB when negative),
    /// wal_autocheckpoint (pages).</summary>
    public IReadOnlyList<(string Pragma, string Value)> Settings()
    {
        var list = new List<(string, string)>();
        foreach (var pragma in new[] { "journal_mode", "synchronous", "page_size", "cache_size", "wal_autocheckpoint" })
        {
            using var c = _db.CreateCommand();
            c.CommandText = $"PRAGMA {pragma};";
            list.Add((pragma, Convert.ToString(c.ExecuteScalar(), CultureInfo.InvariantCulture) ?? ""));
        }
        return list;
    }

    /// <summary>Leaves WAL mode: the store becomes one self-contained file that readers open without a -wal beside it
    /// (a merged store; a run that resumes it switches WAL on again).</summary>
    public void SingleFile() => Exec(_db, "PRAGMA journal_mode = DELETE;");

    /// <summary>Folds the WAL into the database file (a complete, single-file store).</summary>
    public void Checkpoint()
    {
        _checkpointer?.Dispose(); // one fold at a time: the thread's is done before this one starts
        Exec(_db, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    public void Dispose()
    {
        _checkpointer?.Dispose();
        _insert?.Dispose();
        _insert = null;
        _db.Dispose();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>A short description for messages.</summary>
    public override string ToString() => new StringBuilder().Append(Path).Append(" (shard ").Append(Metadata.Shard).Append(')').ToString();
}
