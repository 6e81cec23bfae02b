using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
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
    public const string CurrentFormat = "nudm-scan-store/1";

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
/// The embedded store of a scan: one SQLite file (Microsoft.Data.Sqlite), WAL journal, rows keyed by the point index and
/// committed in batches (a killed run loses at most the batch in flight; the next run computes exactly the points that
/// are missing). Table <c>meta</c> holds the <see cref="ScanMetadata"/> (hashes of spec, model and data; program
/// version), table <c>points</c> one row per point: <c>idx</c>, one REAL column per parameter and observable (NULL:
/// not applicable or failed), <c>status</c> ("ok" or the error) and <c>seconds</c>. Not thread-safe: one writer.
/// </summary>
public sealed class ScanStore : IDisposable
{
    private readonly SqliteConnection _db;
    private sqlite3_stmt? _insert, _insertMany;
    private int _manyRows;

    private ScanStore(SqliteConnection db, string path, ScanMetadata metadata)
    {
        _db = db;
        Path = path;
        Metadata = metadata;
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
                Exec(db, "PRAGMA journal_mode = WAL;");
                Exec(db, "PRAGMA synchronous = NORMAL;"); // WAL + NORMAL: a committed batch survives a killed process
                // fold the WAL into the file every 64 MB rather than every 4 MB (each fold syncs the disk), and keep up to
                // 64 MB of pages in memory: batches of thousands of rows then cost microseconds per row
                Exec(db, "PRAGMA wal_autocheckpoint = 16384;");
                Exec(db, "PRAGMA cache_size = -65536;");
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

    private static string Quote(string column) => "\"" + column.Replace("\"", "\"\"") + "\"";

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
                return new ScanStore(db, full, stored);
            }
            using (var tx = db.BeginTransaction())
            {
                Exec(db, "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);", tx);
                var cols = metadata.Parameters.Concat(metadata.Observables).Select(c => Quote(c.Name) + " REAL");
                Exec(db, $"CREATE TABLE points (idx INTEGER PRIMARY KEY, {string.Join(", ", cols)}, status TEXT NOT NULL, seconds REAL NOT NULL);", tx);
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
            return new ScanStore(db, full, metadata);
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
            return new ScanStore(db, full, ReadMetadata(db, full));
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
            c.CommandText = "SELECT COUNT(*) FROM points;";
            return (long)c.ExecuteScalar()!;
        }
    }

    /// <summary>True when every point of the store's shard is stored.</summary>
    public bool IsComplete => RowCount == Metadata.ShardPoints;

    /// <summary>How many points each block holds (blocks of <see cref="ScanMetadata.ShardBlock"/>; absent blocks hold none).</summary>
    public Dictionary<long, long> BlockCounts()
    {
        var d = new Dictionary<long, long>();
        using var c = _db.CreateCommand();
        c.CommandText = "SELECT idx / $b AS blk, COUNT(*) FROM points GROUP BY blk;";
        c.Parameters.AddWithValue("$b", Metadata.ShardBlock);
        using var r = c.ExecuteReader();
        while (r.Read()) d[r.GetInt64(0)] = r.GetInt64(1);
        return d;
    }

    /// <summary>The stored indices in [from, to).</summary>
    public HashSet<long> IndicesIn(long from, long to)
    {
        var s = new HashSet<long>();
        using var c = _db.CreateCommand();
        c.CommandText = "SELECT idx FROM points WHERE idx >= $a AND idx < $b;";
        c.Parameters.AddWithValue("$a", from);
        c.Parameters.AddWithValue("$b", to);
        using var r = c.ExecuteReader();
        while (r.Read()) s.Add(r.GetInt64(0));
        return s;
    }

    /// <summary>
    /// Adds rows in one transaction (a batch): all or none of them are stored. The rows go through one prepared INSERT.
    /// Its parameters are bound by calling the bundled native SQLite library (e_sqlite3, the one Microsoft.Data.Sqlite
    /// loads through SQLitePCLRaw) directly (<see cref="NativeStatement"/>): SQLitePCLRaw's bindings dispatch through a
    /// provider object and a SafeHandle per call, which cost more than SQLite's own work for a row of doubles (measured
    /// with 13 columns: 0.9 against 0.4 μs per row for the binds alone, the insert itself ≈ 1.3 μs). Where SQLitePCLRaw
    /// uses another native library, its own calls bind (same values, same statement).
    /// </summary>
    public void Insert(IReadOnlyList<ScanRow> rows)
    {
        if (rows.Count == 0) return;
        int np = Metadata.Parameters.Count, no = Metadata.Observables.Count;
        var db = _db.Handle!;
        if (_insert is null)
        {
            var names = new[] { "idx" }.Concat(Metadata.Parameters.Concat(Metadata.Observables).Select(c => Quote(c.Name))).Concat(["status", "seconds"]).ToList();
            string one = $"({string.Join(", ", names.Select(_ => "?"))})";
            string head = $"INSERT INTO points ({string.Join(", ", names)}) VALUES ";
            Check(raw.sqlite3_prepare_v2(db, head + one + ";", out var stmt), "prepare the insert");
            _insert = stmt;
            // one statement for many rows: a step per chunk rather than per row (SQLite allows 32766 parameters)
            _manyRows = Math.Clamp(32766 / names.Count, 1, ManyRows);
            Check(raw.sqlite3_prepare_v2(db, head + string.Join(", ", Enumerable.Repeat(one, _manyRows)) + ";", out var many), "prepare the insert");
            _insertMany = many;
        }
        Check(raw.sqlite3_exec(db, "BEGIN IMMEDIATE;"), "begin a batch");
        bool done = false;
        try
        {
            if (NativeStatement.IsAvailable)
            {
                bool added = false, addedMany = false;
                _insert.DangerousAddRef(ref added); // the statements stay alive while their raw pointers are in use
                _insertMany!.DangerousAddRef(ref addedMany);
                try { InsertAll(new NativeBinder(_insertMany.DangerousGetHandle()), new NativeBinder(_insert.DangerousGetHandle()), rows, np, no); }
                finally
                {
                    if (added) _insert.DangerousRelease();
                    if (addedMany) _insertMany.DangerousRelease();
                }
            }
            else InsertAll(new RawBinder(_insertMany!), new RawBinder(_insert), rows, np, no);
            Check(raw.sqlite3_exec(db, "COMMIT;"), "commit a batch");
            done = true;
        }
        finally
        {
            if (!done) raw.sqlite3_exec(db, "ROLLBACK;");
        }
    }

    private static readonly byte[] OkUtf8 = Encoding.UTF8.GetBytes(PointEvaluator.Ok);

    /// <summary>Rows per step of the many-row insert.</summary>
    private const int ManyRows = 32;

    /// <summary>Binds and steps the rows: whole chunks of <see cref="_manyRows"/> through <paramref name="many"/>, the
    /// rest one by one through <paramref name="one"/> (one code path for both sets of calls).</summary>
    private void InsertAll<TBinder>(TBinder many, TBinder one, IReadOnlyList<ScanRow> rows, int np, int no) where TBinder : struct, IRowBinder
    {
        foreach (var row in rows)
            if (row.Parameters.Length != np || row.Observables.Length != no)
                throw new ArgumentException($"row {row.Index} has {row.Parameters.Length} parameters and {row.Observables.Length} observables; the store has {np} and {no}");
        int columns = np + no + 3, k = 0;
        for (; k + _manyRows <= rows.Count; k += _manyRows)
        {
            for (int j = 0; j < _manyRows; j++) Bind(many, rows[k + j], j * columns, np, no);
            int rc = many.StepAndReset();
            if (rc != raw.SQLITE_DONE) Check(rc, $"store points {rows[k].Index} to {rows[k + _manyRows - 1].Index}");
        }
        for (; k < rows.Count; k++)
        {
            Bind(one, rows[k], 0, np, no);
            int rc = one.StepAndReset();
            if (rc != raw.SQLITE_DONE) Check(rc, $"store point {rows[k].Index}");
        }
    }

    /// <summary>Binds one row's values to parameters offset + 1 … offset + np + no + 3.</summary>
    private static void Bind<TBinder>(TBinder binder, ScanRow row, int offset, int np, int no) where TBinder : struct, IRowBinder
    {
        binder.Int64(offset + 1, row.Index);
        for (int i = 0; i < np; i++) binder.Double(offset + 2 + i, row.Parameters[i]);
        for (int i = 0; i < no; i++)
        {
            double v = row.Observables[i];
            if (double.IsFinite(v)) binder.Double(offset + 2 + np + i, v);
            else binder.Null(offset + 2 + np + i);
        }
        binder.Text(offset + 2 + np + no, row.Status);
        binder.Double(offset + 3 + np + no, row.Seconds);
    }

    /// <summary>The calls that bind one row's values and step the insert.</summary>
    private interface IRowBinder
    {
        void Int64(int index, long value);
        void Double(int index, double value);
        void Null(int index);
        void Text(int index, string value);
        /// <summary>Steps the statement, resets it, and returns the step's result code.</summary>
        int StepAndReset();
    }

    /// <summary>The native library's own calls on the statement's raw pointer (the caller keeps the handle alive).</summary>
    private readonly struct NativeBinder(IntPtr stmt) : IRowBinder
    {
        public void Int64(int index, long value) => NativeStatement.BindInt64(stmt, index, value);
        public void Double(int index, double value) => NativeStatement.BindDouble(stmt, index, value);
        public void Null(int index) => NativeStatement.BindNull(stmt, index);
        public void Text(int index, string value)
        {
            var utf8 = value == PointEvaluator.Ok ? OkUtf8 : Encoding.UTF8.GetBytes(value);
            NativeStatement.BindText(stmt, index, utf8, utf8.Length, NativeStatement.Transient);
        }
        public int StepAndReset()
        {
            int rc = NativeStatement.Step(stmt);
            NativeStatement.Reset(stmt);
            return rc;
        }
    }

    /// <summary>SQLitePCLRaw's calls (where its native library is not e_sqlite3).</summary>
    private readonly struct RawBinder(sqlite3_stmt stmt) : IRowBinder
    {
        public void Int64(int index, long value) => raw.sqlite3_bind_int64(stmt, index, value);
        public void Double(int index, double value) => raw.sqlite3_bind_double(stmt, index, value);
        public void Null(int index) => raw.sqlite3_bind_null(stmt, index);
        public void Text(int index, string value) => raw.sqlite3_bind_text(stmt, index, value);
        public int StepAndReset()
        {
            int rc = raw.sqlite3_step(stmt);
            raw.sqlite3_reset(stmt);
            return rc;
        }
    }

    /// <summary>
    /// The few calls of SQLite's C API the insert needs, on the native library SQLitePCLRaw loaded (e_sqlite3, bundled
    /// with Microsoft.Data.Sqlite by SQLitePCLRaw.lib.e_sqlite3). Used only when SQLitePCLRaw reports that library and a
    /// probe call resolves; the binds are short calls without callbacks, so they skip the GC transition.
    /// </summary>
    internal static class NativeStatement
    {
        private const string Library = "e_sqlite3";

        /// <summary>SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.</summary>
        public static readonly IntPtr Transient = new(-1);

        [DllImport(Library, EntryPoint = "sqlite3_bind_int64"), SuppressGCTransition]
        public static extern int BindInt64(IntPtr stmt, int index, long value);

        [DllImport(Library, EntryPoint = "sqlite3_bind_double"), SuppressGCTransition]
        public static extern int BindDouble(IntPtr stmt, int index, double value);

        [DllImport(Library, EntryPoint = "sqlite3_bind_null"), SuppressGCTransition]
        public static extern int BindNull(IntPtr stmt, int index);

        // the byte[] is pinned for the call; SQLITE_TRANSIENT makes SQLite copy it
        [DllImport(Library, EntryPoint = "sqlite3_bind_text")]
        public static extern int BindText(IntPtr stmt, int index, byte[] utf8, int length, IntPtr destructor);

        [DllImport(Library, EntryPoint = "sqlite3_step")]
        public static extern int Step(IntPtr stmt);

        [DllImport(Library, EntryPoint = "sqlite3_reset")]
        public static extern int Reset(IntPtr stmt);

        [DllImport(Library, EntryPoint = "sqlite3_libversion_number")]
        private static extern int LibVersionNumber();

        // probed on first use, after Microsoft.Data.Sqlite has initialised SQLitePCLRaw (the first connection)
        private static readonly Lazy<bool> Available = new(Probe);

        /// <summary>Whether the direct calls reach the library SQLitePCLRaw uses.</summary>
        public static bool IsAvailable => Available.Value;

        private static bool Probe()
        {
            try
            {
                return string.Equals(raw.GetNativeLibraryName(), Library, StringComparison.Ordinal)
                    && LibVersionNumber() == raw.sqlite3_libversion_number();
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                return false;
            }
        }
    }

    private void Check(int rc, string what)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW) return;
        var message = raw.sqlite3_errmsg(_db.Handle!).utf8_to_string();
        // a full disk or a read-only folder is the user's file system, not a bug (exit code 2)
        throw new IOException($"the scan store {Path} could not {what}: {message} (SQLite error {rc})");
    }

    /// <summary>Every stored row in index order (streamed).</summary>
    public IEnumerable<ScanRow> Rows(long from = 0, long to = long.MaxValue)
    {
        int np = Metadata.Parameters.Count, no = Metadata.Observables.Count;
        using var c = _db.CreateCommand();
        c.CommandText = "SELECT * FROM points WHERE idx >= $a AND idx < $b ORDER BY idx;";
        c.Parameters.AddWithValue("$a", from);
        c.Parameters.AddWithValue("$b", to);
        using var r = c.ExecuteReader();
        while (r.Read())
        {
            var p = new double[np];
            var o = new double[no];
            for (int i = 0; i < np; i++) p[i] = r.GetDouble(1 + i);
            for (int i = 0; i < no; i++) o[i] = r.IsDBNull(1 + np + i) ? double.NaN : r.GetDouble(1 + np + i);
            yield return new ScanRow(r.GetInt64(0), p, o, r.GetString(1 + np + no), r.GetDouble(2 + np + no));
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
    public void Checkpoint() => Exec(_db, "PRAGMA wal_checkpoint(TRUNCATE);");

    public void Dispose()
    {
        _insert?.Dispose();
        _insert = null;
        _insertMany?.Dispose();
        _insertMany = null;
        _db.Dispose();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>A short description for messages.</summary>
    public override string ToString() => new StringBuilder().Append(Path).Append(" (shard ").Append(Metadata.Shard).Append(')').ToString();
}
