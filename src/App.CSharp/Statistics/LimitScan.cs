using System.Text.Json;
using System.Text.Json.Nodes;

namespace NuDM.App.Statistics;

/// <summary>One finished scan point.</summary>
/// <param name="Index">Position in the point list.</param>
/// <param name="Point">The point's coordinates (e.g. m_χ, m_S in MeV).</param>
/// <param name="Limit">Its limit (or why there is none).</param>
public sealed record ScanResult(int Index, IReadOnlyList<double> Point, LimitResult Limit);

/// <summary>Progress of a scan.</summary>
/// <param name="Completed">Points finished so far (including those resumed from the checkpoint).</param>
/// <param name="Total">Points in the scan.</param>
/// <param name="Resumed">Points taken from the checkpoint.</param>
/// <param name="Last">The point just finished.</param>
public readonly record struct ScanProgress(int Completed, int Total, int Resumed, ScanResult Last);

/// <summary>Scan settings.</summary>
public sealed record ScanOptions
{
    /// <summary>Largest number of points evaluated at once (≥ 1). Default: processor count.</summary>
    public int MaxDegreeOfParallelism
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), value, "must be ≥ 1");
    } = Environment.ProcessorCount;

    /// <summary>
    /// Checkpoint file (null = none): a header line and one line per finished point, appended and flushed as each
    /// point finishes; on restart the finished points are read back (exact doubles) and skipped. Every line carries an
    /// integrity check over its content and <see cref="Key"/> (see <see cref="LimitScan"/>).
    /// </summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Readable identity of the scan, stored in the checkpoint header. Default "scan".</summary>
    public string ScanId { get; init; } = "scan";

    /// <summary>
    /// The checkpoint key: it must cover everything that can change a point besides the point itself (data, program,
    /// model, options; see <see cref="RunFingerprint.Key"/>). A checkpoint made under another key is not used. Null:
    /// <see cref="ScanId"/>.
    /// </summary>
    public string? Key { get; init; }

    /// <summary>Do not read an existing checkpoint (recompute every point and start the file afresh): <c>--force</c>.</summary>
    public bool IgnoreCheckpoint { get; init; }

    /// <summary>Told why an existing checkpoint is not used (damaged line, failed validation, other key).</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>Told how many points were taken from the checkpoint (only when at least one was).</summary>
    public Action<int>? Resumed { get; init; }

    /// <summary>Called after every finished point (serialised: never concurrently).</summary>
    public Action<ScanProgress>? Progress { get; init; }
}

/// <summary>A scan was cancelled; the points finished so far are in its checkpoint (if it has one).</summary>
public sealed class ScanCanceledException(int completed, int total, string? checkpointPath, CancellationToken token)
    : OperationCanceledException($"scan cancelled after {completed} of {total} points", null, token)
{
    /// <summary>Points finished and kept (including resumed ones).</summary>
    public int Completed { get; } = completed;
    /// <summary>Points in the scan.</summary>
    public int Total { get; } = total;
    /// <summary>Where they are kept; null when the scan had no checkpoint (then nothing is kept).</summary>
    public string? CheckpointPath { get; } = checkpointPath;
}

/// <summary>
/// Runs limit searches over many scan points in parallel (Parallel.ForEach over points) with cancellation, a progress
/// callback and a resumable checkpoint. Results are returned in point order; a resumed scan gives results identical to
/// an uninterrupted one (the checkpoint stores doubles round-trip exactly).
/// </summary>
/// <remarks>
/// Checkpoint format (<c>nudm-scan/2</c>): UTF-8 lines <c>&lt;check&gt; &lt;json&gt;</c>, where check is the first 32 hex
/// digits of SHA-256(key + "\n" + json). Line 1 is the header {format, scan, key, points}; every further line one
/// finished point {index, point, status, value, reason, evaluations}. A checkpoint is used only if its header names
/// the same key and point count and every line passes its check and physical validation (index inside the scan, the
/// same point coordinates, a limit that is finite and &gt; 0 where the status says there is one, none where it says
/// there is none, each point once); otherwise it is discarded with a warning and every point is recomputed — never
/// partly used. The one exception is a last line without its line end: an append cut short by a killed run; it is
/// dropped and the lines before it are used. A new or discarded checkpoint is written afresh atomically (temporary
/// file, then rename); points are appended and flushed one line at a time.
/// </remarks>
public static class LimitScan
{
    private const string Format = "nudm-scan/2";

    /// <summary>The reason given (in <see cref="ScanOptions.Warning"/>) for a checkpoint made under another key.</summary>
    public const string OtherKeyReason = "it was made by another program version, from other data or with other options";

    /// <summary>
    /// Evaluates <paramref name="evaluate"/> (thread-safe) at every point not yet in the checkpoint. Cancellation throws
    /// <see cref="ScanCanceledException"/> (an <see cref="OperationCanceledException"/>) after the points already
    /// finished have been written to the checkpoint.
    /// </summary>
    public static IReadOnlyList<ScanResult> Run(IReadOnlyList<IReadOnlyList<double>> points, Func<IReadOnlyList<double>, CancellationToken, LimitResult> evaluate,
        ScanOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(evaluate);
        options ??= new ScanOptions();
        var key = options.Key ?? options.ScanId;
        var results = new ScanResult?[points.Count];
        int resumed = 0;
        StreamWriter? writer = null;
        if (options.CheckpointPath is { } path)
        {
            List<string>? keep = null;
            bool rewrite = true;
            if (!options.IgnoreCheckpoint && File.Exists(path))
            {
                keep = ReadCheckpoint(path, key, points, results, options.Warning, out rewrite);
                if (keep is null) Array.Clear(results);
            }
            resumed = results.Count(r => r is not null);
            if (keep is null)
                keep = [Line(key, new JsonObject { ["format"] = Format, ["scan"] = options.ScanId, ["key"] = key, ["points"] = points.Count }.ToJsonString())];
            if (rewrite) AtomicFile.WriteAllText(path, string.Concat(keep.Select(l => l + "\n")));
            writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
            if (resumed > 0) options.Resumed?.Invoke(resumed);
        }
        int completed = resumed;
        var gate = new object();
        try
        {
            var todo = Enumerable.Range(0, points.Count).Where(i => results[i] is null).ToArray();
            var po = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellation };
            Parallel.ForEach(todo, po, i =>
            {
                var limit = evaluate(points[i], cancellation);
                var r = new ScanResult(i, points[i].ToArray(), limit);
                lock (gate)
                {
                    results[i] = r;
                    if (writer is not null)
                    {
                        writer.WriteLine(Line(key, Serialise(r)));
                        writer.Flush();
                    }
                    completed++;
                    options.Progress?.Invoke(new ScanProgress(completed, points.Count, resumed, r));
                }
            });
        }
        catch (OperationCanceledException e) when (e is not ScanCanceledException)
        {
            throw new ScanCanceledException(completed, points.Count, options.CheckpointPath, e.CancellationToken);
        }
        finally
        {
            writer?.Dispose();
        }
        return results.Select(r => r!).ToArray();
    }

    /// <summary>A checkpoint line: integrity check, a space, the JSON.</summary>
    internal static string Line(string key, string json) => $"{Check(key, json)} {json}";

    private static string Check(string key, string json) => RunFingerprint.Hash(key + "\n" + json)[..32];

    private static string Serialise(ScanResult r)
    {
        var o = new JsonObject
        {
            ["index"] = r.Index,
            ["point"] = new JsonArray(r.Point.Select(x => (JsonNode)JsonValue.Create(x)).ToArray()),
            ["status"] = r.Limit.Status.ToString(),
            ["value"] = double.IsFinite(r.Limit.Value) ? JsonValue.Create(r.Limit.Value) : null,
            ["reason"] = r.Limit.Reason,
            ["evaluations"] = r.Limit.Evaluations,
        };
        return o.ToJsonString();
    }

    /// <summary>Why a line is refused.</summary>
    private sealed class BadLine(string message) : Exception(message);

    /// <summary>
    /// Reads a checkpoint into <paramref name="results"/>. Returns the lines to keep (header first), or null when the
    /// checkpoint is not usable (then <paramref name="warning"/> is told why).
    /// </summary>
    private static List<string>? ReadCheckpoint(string path, string key, IReadOnlyList<IReadOnlyList<double>> points, ScanResult?[] results,
        Action<string>? warning, out bool rewrite)
    {
        rewrite = true;
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warning?.Invoke($"checkpoint {path} cannot be read ({e.Message}): not used, every point is recomputed");
            return null;
        }
        var lines = text.Split('\n').ToList();
        bool cut = lines[^1].Length > 0; // no line end after the last line: an append cut short
        lines.RemoveAt(lines.Count - 1);
        if (lines.Count == 0) return null;
        var keep = new List<string>();
        int l = 0;
        try
        {
            int space = lines[0].IndexOf(' ');
            var unverified = space == 32 ? JsonNode.Parse(lines[0][(space + 1)..]) : null;
            if (unverified?["format"]?.GetValue<string>() != Format)
                throw new BadLine("line 1 is not the header of a checkpoint in this program's format");
            if (unverified["key"]?.GetValue<string>() != key)
                throw new BadLine(OtherKeyReason);
            var header = Verify(key, lines[0], 1);
            if (header["points"]?.GetValue<int>() != points.Count)
                throw new BadLine($"line 1: it has {header["points"]} points, the scan {points.Count}");
            keep.Add(lines[0]);
            for (l = 1; l < lines.Count; l++)
            {
                var o = Verify(key, lines[l], l + 1);
                var r = Validate(o, points, l + 1);
                if (results[r.Index] is not null) throw new BadLine($"line {l + 1}: point {r.Index} appears twice");
                results[r.Index] = r;
                keep.Add(lines[l]);
            }
        }
        catch (Exception e) when (e is BadLine or JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            warning?.Invoke($"checkpoint {path} is not used, every point is recomputed: {(e is BadLine ? e.Message : $"line {l + 1}: {e.Message}")}");
            return null;
        }
        rewrite = cut;
        return keep;
    }

    private static JsonNode Verify(string key, string line, int number)
    {
        int space = line.IndexOf(' ');
        if (space != 32) throw new BadLine($"line {number} has no integrity check");
        var json = line[(space + 1)..];
        if (!string.Equals(line[..space], Check(key, json), StringComparison.Ordinal))
            throw new BadLine($"line {number} fails its integrity check (edited or damaged)");
        return JsonNode.Parse(json) ?? throw new BadLine($"line {number} is empty");
    }

    /// <summary>Physical validation of one finished point.</summary>
    private static ScanResult Validate(JsonNode o, IReadOnlyList<IReadOnlyList<double>> points, int number)
    {
        int index = o["index"]?.GetValue<int>() ?? throw new BadLine($"line {number}: no index");
        if (index < 0 || index >= points.Count) throw new BadLine($"line {number}: index {index} is outside the scan");
        var p = (o["point"] ?? throw new BadLine($"line {number}: no point")).AsArray().Select(x => x!.GetValue<double>()).ToArray();
        if (!p.SequenceEqual(points[index])) throw new BadLine($"line {number}: point {index} differs from the scan's");
        if (!Enum.TryParse<LimitStatus>(o["status"]?.GetValue<string>(), out var status) || !Enum.IsDefined(status))
            throw new BadLine($"line {number}: unknown status '{o["status"]}'");
        double value = o["value"] is { } v ? v.GetValue<double>() : double.NaN;
        string reason = o["reason"]?.GetValue<string>() ?? "";
        int evaluations = o["evaluations"]?.GetValue<int>() ?? -1;
        if (evaluations < 0) throw new BadLine($"line {number}: evaluations must be ≥ 0");
        switch (status)
        {
            case LimitStatus.Constrained or LimitStatus.ExcludedAtLowerBound when !(double.IsFinite(value) && value > 0):
                throw new BadLine($"line {number}: a {status} point needs a finite limit > 0, not {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
            case LimitStatus.NoConstraint when !double.IsNaN(value) || reason.Length == 0:
                throw new BadLine($"line {number}: a point without constraint has no value and gives its reason");
        }
        return new ScanResult(index, p, new LimitResult(status, value, reason, evaluations));
    }
}
