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
    /// JSON Lines checkpoint file: a header line {"scan": id, "points": n} and one line per finished point, appended and
    /// flushed as each point finishes. On restart finished points are read back (exact doubles) and skipped. Null = none.
    /// </summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Identity of the scan stored in the checkpoint; a checkpoint of another scan is refused. Default "scan".</summary>
    public string ScanId { get; init; } = "scan";

    /// <summary>Called after every finished point (serialised: never concurrently).</summary>
    public Action<ScanProgress>? Progress { get; init; }
}

/// <summary>
/// Runs limit searches over many scan points in parallel (Parallel.ForEach over points) with cancellation, a progress
/// callback and a resumable checkpoint. Results are returned in point order; a resumed scan gives results identical to
/// an uninterrupted one (the checkpoint stores doubles round-trip exactly).
/// </summary>
public static class LimitScan
{
    /// <summary>
    /// Evaluates <paramref name="evaluate"/> (thread-safe) at every point not yet in the checkpoint. Cancellation throws
    /// <see cref="OperationCanceledException"/> after the points already finished have been written to the checkpoint.
    /// </summary>
    public static IReadOnlyList<ScanResult> Run(IReadOnlyList<IReadOnlyList<double>> points, Func<IReadOnlyList<double>, CancellationToken, LimitResult> evaluate,
        ScanOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(evaluate);
        options ??= new ScanOptions();
        var results = new ScanResult?[points.Count];
        int resumed = 0;
        StreamWriter? writer = null;
        if (options.CheckpointPath is { } path)
        {
            resumed = ReadCheckpoint(path, options.ScanId, points, results);
            bool exists = File.Exists(path) && new FileInfo(path).Length > 0;
            writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = false };
            if (!exists)
            {
                writer.WriteLine(new JsonObject { ["scan"] = options.ScanId, ["points"] = points.Count }.ToJsonString());
                writer.Flush();
            }
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
                        writer.WriteLine(Serialise(r));
                        writer.Flush();
                    }
                    completed++;
                    options.Progress?.Invoke(new ScanProgress(completed, points.Count, resumed, r));
                }
            });
        }
        finally
        {
            writer?.Dispose();
        }
        return results.Select(r => r!).ToArray();
    }

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

    private static int ReadCheckpoint(string path, string scanId, IReadOnlyList<IReadOnlyList<double>> points, ScanResult?[] results)
    {
        if (!File.Exists(path)) return 0;
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) return 0;
        JsonNode? header;
        try { header = JsonNode.Parse(lines[0]); }
        catch (JsonException) { throw new InvalidDataException($"{path}: line 1 is not a scan header"); }
        if (header?["scan"]?.GetValue<string>() != scanId || header["points"]?.GetValue<int>() != points.Count)
            throw new InvalidDataException($"{path}: checkpoint of scan '{header?["scan"]}' with {header?["points"]} points, not '{scanId}' with {points.Count}; remove it or use another path");
        int count = 0;
        var valid = new List<string> { lines[0] };
        bool rewrite = !File.ReadAllText(path).EndsWith('\n');
        for (int l = 1; l < lines.Length; l++)
        {
            if (string.IsNullOrWhiteSpace(lines[l])) continue;
            JsonNode? o;
            try { o = JsonNode.Parse(lines[l]); }
            catch (JsonException)
            {
                if (l == lines.Length - 1) { rewrite = true; break; } // a line cut short by an interruption: dropped
                throw new InvalidDataException($"{path}: line {l + 1} is not valid JSON");
            }
            valid.Add(lines[l]);
            int index = o!["index"]!.GetValue<int>();
            if (index < 0 || index >= points.Count) throw new InvalidDataException($"{path}: line {l + 1}: index {index} outside the scan");
            var p = o["point"]!.AsArray().Select(x => x!.GetValue<double>()).ToArray();
            if (!p.SequenceEqual(points[index])) throw new InvalidDataException($"{path}: line {l + 1}: point {index} differs from the scan's; remove the checkpoint");
            var status = Enum.Parse<LimitStatus>(o["status"]!.GetValue<string>());
            double value = o["value"] is { } v ? v.GetValue<double>() : double.NaN;
            var limit = new LimitResult(status, value, o["reason"]?.GetValue<string>() ?? "", o["evaluations"]?.GetValue<int>() ?? 0);
            if (results[index] is null) count++;
            results[index] = new ScanResult(index, p, limit);
        }
        if (rewrite) File.WriteAllLines(path, valid);
        return count;
    }
}
