using System.Collections.Concurrent;
using System.Diagnostics;

namespace NuDM.App.Scans;

/// <summary>Where computed rows go: a <see cref="ScanStore"/>, or nothing (benchmarks).</summary>
public interface IScanSink
{
    /// <summary>Stores a batch (one transaction).</summary>
    void Write(IReadOnlyList<ScanRow> rows);
}

/// <summary>Writes batches into a store.</summary>
public sealed class StoreSink(ScanStore store) : IScanSink
{
    public void Write(IReadOnlyList<ScanRow> rows) => store.Insert(rows);
}

/// <summary>Discards rows (to measure the store's overhead).</summary>
public sealed class NullSink : IScanSink
{
    public void Write(IReadOnlyList<ScanRow> rows) { }
}

/// <summary>Options of a scan run.</summary>
public sealed record ScanRunOptions
{
    /// <summary>Worker threads (default: every core this process may use).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>A batch is committed once it holds this many rows …</summary>
    public int BatchRows { get; init; } = 4096;

    /// <summary>… or this long after the previous commit, whichever comes first.</summary>
    public TimeSpan BatchInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Crash-recovery testing only: once a commit brings the stored points to at least this many, the writer reports it
    /// through <see cref="Paused"/> and blocks for good, so a test can kill the process at a known state (committed rows
    /// stored, later rows lost). Null (the default): never. The CLI sets it from NUDM_SCAN_PAUSE_AFTER_ROWS.
    /// </summary>
    public long? PauseAfterRows { get; init; }

    /// <summary>Told (points stored) when the run pauses for <see cref="PauseAfterRows"/>.</summary>
    public Action<long>? Paused { get; init; }

    /// <summary>Told (points stored, points of the run) after every commit, and once at the start.</summary>
    public Action<long, long>? Progress { get; init; }

    /// <summary>Points already stored (resume): blocks with their stored count, and a reader of the stored indices of a block.</summary>
    public Dictionary<long, long>? StoredBlocks { get; init; }

    /// <summary>The stored indices in [from, to) (needed for blocks that are partly stored).</summary>
    public Func<long, long, HashSet<long>>? StoredIndices { get; init; }
}

/// <summary>What a run did.</summary>
/// <param name="Total">Points of the run (the shard).</param>
/// <param name="Resumed">Points that were already stored.</param>
/// <param name="Computed">Points computed and stored by this run.</param>
/// <param name="Failed">Stored points whose status is not "ok".</param>
/// <param name="FirstFailure">The status of the first of them (null if none).</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="Canceled">True when the run was interrupted.</param>
public sealed record ScanOutcome(long Total, long Resumed, long Computed, long Failed, string? FirstFailure, TimeSpan Elapsed, bool Canceled)
{
    /// <summary>Wall time the writer spent handing batches to the sink, s (includes time it waited for a core).</summary>
    public double SinkSeconds { get; init; }

    /// <summary>CPU time the writer spent handing batches to the sink (the store's own cost), s; NaN where the thread CPU
    /// clock is not available (<see cref="ThreadClock"/>).</summary>
    public double SinkCpuSeconds { get; init; }

    /// <summary>CPU time of the worker threads together, s (NaN where the thread CPU clock is not available).</summary>
    public double WorkerCpuSeconds { get; init; }

    /// <summary>Batches handed to the sink (transactions).</summary>
    public long Commits { get; init; }

    /// <summary>Points stored when the run ended.</summary>
    public long Stored => Resumed + Computed;
}

/// <summary>
/// Evaluates the points of a scan (one shard) on all cores and hands rows to a sink in batches. Workers take whole
/// shard blocks in order; within a block, each observable is re-evaluated only when a parameter it needs changes
/// (a grid varies the couplings fastest, so the mass-dependent work is done once per block and mass pair). One writer
/// thread commits a batch every <see cref="ScanRunOptions.BatchRows"/> rows or <see cref="ScanRunOptions.BatchInterval"/>.
/// Cancellation stops the workers between points; every finished row is still committed, so a resumed run computes
/// exactly the missing points. A failing observable does not stop the scan: its cell is empty and the row's status
/// names the column and the error.
/// </summary>
public static class ScanEngine
{
    /// <summary>Runs the points of <paramref name="shard"/> that are not already stored.</summary>
    public static ScanOutcome Run(ScanSpec spec, Shard shard, IScanSink sink, ScanRunOptions options, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sink);
        var clock = Stopwatch.StartNew();
        int block = spec.ShardBlock;
        long total = shard.PointCount(spec.Count, block);
        var stored = options.StoredBlocks ?? new Dictionary<long, long>();
        long resumed = stored.Values.Sum();
        // the blocks still to do, in order
        var todo = shard.Blocks(spec.Count, block).Where(b => stored.GetValueOrDefault(b) < BlockSize(spec.Count, block, b)).ToArray();
        options.Progress?.Invoke(resumed, total);

        // the stored points of partly stored blocks (a run cut mid-block), read now: the store's connection belongs to
        // the writer thread from here on
        var partial = todo.Where(b => stored.ContainsKey(b)).ToDictionary(b => b, b =>
            options.StoredIndices?.Invoke(b * block, Math.Min(spec.Count, (b + 1) * block)) ?? []);
        var queue = new BlockingCollection<ScanRow[]>(boundedCapacity: Math.Max(4, 4 * options.Threads));
        long next = -1, computed = 0, failed = 0, commits = 0;
        double sinkSeconds = 0, sinkCpu = 0, workerCpu = 0;
        object cpuLock = new();
        string? firstFailure = null;
        Exception? workerFault = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);

        void Worker()
        {
            double cpu0 = ThreadClock.Seconds();
            var evaluator = new PointEvaluator(spec);
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    long k = Interlocked.Increment(ref next);
                    if (k >= todo.Length) break;
                    long b = todo[k];
                    long start = b * block, end = Math.Min(spec.Count, start + block);
                    var skip = partial.GetValueOrDefault(b);
                    var rows = new List<ScanRow>((int)(end - start));
                    for (long i = start; i < end; i++)
                    {
                        if (skip is not null && skip.Contains(i)) continue;
                        if (stop.IsCancellationRequested) break;
                        rows.Add(evaluator.Evaluate(i));
                    }
                    if (rows.Count > 0) queue.Add(rows.ToArray());
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref workerFault, e, null);
                stop.Cancel();
            }
            finally
            {
                double used = ThreadClock.Seconds() - cpu0;
                lock (cpuLock) workerCpu += used;
            }
        }

        var writer = Task.Factory.StartNew(() =>
        {
            var batch = new List<ScanRow>(options.BatchRows);
            var since = Stopwatch.StartNew();
            void Commit()
            {
                if (batch.Count == 0) return;
                long t0 = Stopwatch.GetTimestamp();
                double c0 = ThreadClock.Seconds();
                sink.Write(batch);
                sinkCpu += ThreadClock.Seconds() - c0;
                sinkSeconds += Stopwatch.GetElapsedTime(t0).TotalSeconds;
                computed += batch.Count;
                commits++;
                foreach (var r in batch)
                    if (r.Status != PointEvaluator.Ok && failed++ == 0) firstFailure = $"point {r.Index}: {r.Status}";
                batch.Clear();
                since.Restart();
                options.Progress?.Invoke(resumed + computed, total);
                if (options.PauseAfterRows is long pause && resumed + computed >= pause)
                {
                    options.Paused?.Invoke(resumed + computed);
                    Thread.Sleep(Timeout.Infinite);
                }
            }
            try
            {
                // the writer drains the queue even after a cancellation: whatever was computed is stored
                while (!queue.IsCompleted)
                {
                    if (queue.TryTake(out var rows, TimeSpan.FromMilliseconds(200)))
                        batch.AddRange(rows);
                    if (batch.Count >= options.BatchRows || (batch.Count > 0 && since.Elapsed >= options.BatchInterval)) Commit();
                }
                Commit();
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref workerFault, e, null);
                stop.Cancel();
                while (queue.TryTake(out _)) { } // unblock the workers
            }
        }, TaskCreationOptions.LongRunning);

        var threads = Enumerable.Range(0, Math.Max(1, options.Threads)).Select(i =>
        {
            var t = new Thread(Worker) { IsBackground = true, Name = $"nudm-scan-{i}" };
            t.Start();
            return t;
        }).ToList();
        foreach (var t in threads) t.Join();
        queue.CompleteAdding();
        writer.Wait();
        if (workerFault is not null) throw new AggregateException("the scan stopped", workerFault);
        bool canceled = cancellation.IsCancellationRequested && resumed + computed < total;
        return new ScanOutcome(total, resumed, computed, failed, firstFailure, clock.Elapsed, canceled) { SinkSeconds = sinkSeconds, SinkCpuSeconds = sinkCpu, WorkerCpuSeconds = workerCpu, Commits = commits };
    }

    /// <summary>Points in block <paramref name="b"/> of a scan of <paramref name="count"/> points.</summary>
    public static long BlockSize(long count, int blockSize, long b) => Math.Min(blockSize, count - b * blockSize);
}

/// <summary>
/// Evaluates points on one thread, remembering each observable's last inputs and value: an observable is recomputed
/// only when a parameter it needs changed since the previous point (exact comparison, so results do not depend on
/// which points a thread saw before).
/// </summary>
public sealed class PointEvaluator
{
    /// <summary>The status of a point without errors.</summary>
    public const string Ok = "ok";

    private readonly ScanSpec _spec;
    private readonly int[][] _needs;
    private readonly double[][] _lastKey;
    private readonly double[] _lastValue;
    private readonly string?[] _lastError;
    private readonly bool[] _valid;
    private readonly double[] _p;

    public PointEvaluator(ScanSpec spec)
    {
        _spec = spec;
        var names = spec.Model.Parameters.Select(p => p.Name).ToList();
        _needs = spec.Observables.Select(o => o.Needs.Select(n =>
        {
            int i = names.IndexOf(n);
            return i >= 0 ? i : throw new InvalidOperationException($"observable {o.Name} needs '{n}', which model {spec.Model.Name} lacks");
        }).ToArray()).ToArray();
        int no = spec.Observables.Count;
        _lastKey = _needs.Select(n => new double[n.Length]).ToArray();
        _lastValue = new double[no];
        _lastError = new string?[no];
        _valid = new bool[no];
        _p = new double[names.Count];
    }

    /// <summary>Computes point <paramref name="index"/>.</summary>
    public ScanRow Evaluate(long index)
    {
        long start = Stopwatch.GetTimestamp();
        _spec.Point(index, _p);
        var values = new double[_spec.Observables.Count];
        List<string>? errors = null;
        for (int o = 0; o < values.Length; o++)
        {
            var needs = _needs[o];
            var key = _lastKey[o];
            bool same = _valid[o];
            for (int k = 0; k < needs.Length && same; k++) same = BitConverter.DoubleToInt64Bits(key[k]) == BitConverter.DoubleToInt64Bits(_p[needs[k]]);
            if (!same)
            {
                for (int k = 0; k < needs.Length; k++) key[k] = _p[needs[k]];
                try
                {
                    var v = _spec.Observables[o].Evaluate(_p);
                    _lastValue[o] = v.HasValue ? v.Value : double.NaN;
                    _lastError[o] = v.HasValue && !double.IsFinite(v.Value) ? $"the value came out {v.Value} (a bug: values must be finite)" : null;
                }
                catch (Exception e) when (e is not OutOfMemoryException and not NuDM.Physics.DataFileException)
                {
                    // a fault of the data stops the run (exit code 2): it is not a property of this point
                    _lastValue[o] = double.NaN;
                    _lastError[o] = Message(e);
                }
                _valid[o] = true;
            }
            values[o] = _lastValue[o];
            if (_lastError[o] is { } err) (errors ??= []).Add($"{_spec.Observables[o].Name}: {err}");
        }
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new ScanRow(index, (double[])_p.Clone(), values, errors is null ? Ok : string.Join("; ", errors), seconds);
    }

    private static string Message(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: > 0 } a) e = a.InnerExceptions[0];
        while (e is System.Reflection.TargetInvocationException { InnerException: { } inner }) e = inner;
        return e is ArgumentException or InvalidOperationException or NuDM.Physics.DataFileException or Ode.OdeException
            ? e.Message
            : $"{e.GetType().Name}: {e.Message}";
    }
}
