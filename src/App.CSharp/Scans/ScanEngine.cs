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
    /// Crash-recovery testing only: once a commit brings the stored points to at least this many, the thread that
    /// committed reports it through <see cref="Paused"/> and holds the store for good (the other workers stop after their
    /// block), so a test can kill the process at a known state (committed rows stored, later rows lost). Null (the
    /// default): never. The CLI sets it from NUDM_SCAN_PAUSE_AFTER_ROWS.
    /// </summary>
    public long? PauseAfterRows { get; init; }

    /// <summary>Told (points stored) when the run pauses for <see cref="PauseAfterRows"/>.</summary>
    public Action<long>? Paused { get; init; }

    /// <summary>Told (points stored, points of the run) after every commit, and once at the start; called on the thread
    /// that committed (a worker, or the caller for the last batch), never by two threads at once.</summary>
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
    /// <summary>Wall time spent handing batches to the sink (summed over the threads that did it), s.</summary>
    public double SinkSeconds { get; init; }

    /// <summary>CPU time spent handing batches to the sink — the store's own cost, on whichever thread committed (a
    /// worker between two blocks, or the calling thread for the last batch), s; NaN where the thread CPU clock is not
    /// available (<see cref="ThreadClock"/>).</summary>
    public double SinkCpuSeconds { get; init; }

    /// <summary>CPU time of the worker threads together outside the sink (computing points), s; with
    /// <see cref="SinkCpuSeconds"/> it makes the run's CPU time. NaN where the thread CPU clock is not available.</summary>
    public double WorkerCpuSeconds { get; init; }

    /// <summary>Wall time workers spent waiting for the store (summed over workers), s: only when finished rows piled up
    /// faster than they were committed (a bounded backlog; see <see cref="ScanEngine"/>).</summary>
    public double StoreWaitSeconds { get; init; }

    /// <summary>Batches handed to the sink (transactions).</summary>
    public long Commits { get; init; }

    /// <summary>How often a worker without a block took over the upper half of another worker's (the end of a run).</summary>
    public long Steals { get; init; }

    /// <summary>Points stored when the run ended.</summary>
    public long Stored => Resumed + Computed;
}

/// <summary>
/// Evaluates the points of a scan (one shard) on all cores and hands rows to a sink in batches. Workers take whole
/// shard blocks in order; within a block, each observable is re-evaluated only when a parameter it needs changes
/// (a grid varies the couplings fastest, so the mass-dependent work is done once per block and mass pair). When no
/// block is left, a worker takes over the upper half of the largest block (or part of one) still being computed, if at
/// least <see cref="Piece.MinimumSplit"/> of its points are unclaimed (<see cref="Piece"/>: each point is claimed exactly
/// once), so the cores finish together instead of one idling through the last block; the part taken over hits the
/// mass pair's caches the owner built.
/// <para>
/// There is no writer thread (on a machine whose cores all compute, one would compete with the workers for them): a
/// worker that finishes a block queues its rows and, if no other thread is storing, takes the store and moves the queue,
/// in order, into the batch, committing it (one transaction) whenever it holds <see cref="ScanRunOptions.BatchRows"/>
/// rows or <see cref="ScanRunOptions.BatchInterval"/> has passed since the previous commit; if another thread is
/// storing it goes straight back to computing. Workers also check between points whether a batch is overdue, so rows
/// wait at most about the interval even when blocks are slow. A worker waits for the store only when more than
/// 4 × threads finished blocks are queued (the store is slower than the computation: the backlog stays bounded), and
/// the calling thread commits what is left once the workers are done.
/// </para>
/// Cancellation stops the workers between points; every finished row is still committed (per block a prefix, or, where
/// a part was taken over, a prefix of each part), so a resumed run computes exactly the missing points. A failing
/// observable does not stop the scan: its cell is empty and the row's status names the column and the error.
/// </summary>
public static class ScanEngine
{
    /// <summary>Runs the points of <paramref name="shard"/> that are not already stored.</summary>
    public static ScanOutcome Run(ScanSpec spec, Shard shard, IScanSink sink, ScanRunOptions options, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        int block = spec.ShardBlock;
        long total = shard.PointCount(spec.Count, block);
        var stored = options.StoredBlocks ?? new Dictionary<long, long>();
        long resumed = stored.Values.Sum();
        // the blocks still to do, in order
        var todo = shard.Blocks(spec.Count, block).Where(b => stored.GetValueOrDefault(b) < BlockSize(spec.Count, block, b)).ToArray();
        options.Progress?.Invoke(resumed, total);

        // the stored points of partly stored blocks (a run cut mid-block), read now: from here on the store is used only
        // by whichever thread holds the store lock
        var partial = todo.Where(b => stored.ContainsKey(b)).ToDictionary(b => b, b =>
            options.StoredIndices?.Invoke(b * block, Math.Min(spec.Count, (b + 1) * block)) ?? []);
        int threads = Math.Max(1, options.Threads);
        var store = new Handoff(sink, options, resumed, total, backlogBlocks: Math.Max(4, 4 * threads));
        long next = -1, steals = 0;
        double workerCpu = 0;
        object cpuLock = new();
        // the pieces being computed (a block, or the part of one another worker took over), for a worker that runs out of
        // blocks to split; a piece is registered under the same lock that hands out the next block, so none is missed
        var active = new List<Piece>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        store.Stop = stop;

        void Worker()
        {
            double cpu0 = ThreadClock.Seconds(), inStore = 0;
            using var model = spec.Model.UseOnThisThread();
            var evaluator = new PointEvaluator(spec);
            try
            {
                while (!stop.IsCancellationRequested && !store.Halted)
                {
                    Piece? piece;
                    lock (active)
                    {
                        long k = ++next;
                        if (k < todo.Length)
                        {
                            long b = todo[k];
                            piece = new Piece(b, b * block, 0, (int)BlockSize(spec.Count, block, b));
                        }
                        else
                        {
                            // no block left: take over the upper half of the largest piece still being computed
                            piece = active.Count == 0 ? null : active.MaxBy(p => p.Remaining)!.TrySplit(Piece.MinimumSplit);
                            if (piece is not null) steals++;
                        }
                        if (piece is not null) active.Add(piece);
                    }
                    if (piece is null) break;
                    var skip = partial.GetValueOrDefault(piece.Block);
                    var rows = new List<ScanRow>(piece.Remaining);
                    while (piece.TryClaim(out long i))
                    {
                        if (skip is not null && skip.Contains(i)) continue;
                        if (stop.IsCancellationRequested) break;
                        rows.Add(evaluator.Evaluate(i));
                        if (store.Overdue) inStore += store.TryCommitOverdue();
                    }
                    lock (active) active.Remove(piece);
                    if (rows.Count > 0) inStore += store.Add(rows.ToArray());
                }
            }
            catch (Exception e)
            {
                store.Fail(e);
            }
            finally
            {
                double used = ThreadClock.Seconds() - cpu0 - inStore;
                lock (cpuLock) workerCpu += used;
            }
        }

        var workers = Enumerable.Range(0, threads).Select(i =>
        {
            var t = new Thread(Worker) { IsBackground = true, Name = $"nudm-scan-{i}" };
            t.Start();
            return t;
        }).ToList();
        foreach (var t in workers) t.Join();
        // whatever was computed is stored, also after a cancellation or a worker's fault
        store.Finish();
        if (store.Fault is { } fault) throw new AggregateException("the scan stopped", fault);
        bool canceled = cancellation.IsCancellationRequested && resumed + store.Computed < total;
        return new ScanOutcome(total, resumed, store.Computed, store.Failed, store.FirstFailure, clock.Elapsed, canceled)
        {
            SinkSeconds = store.SinkSeconds, SinkCpuSeconds = store.SinkCpu, WorkerCpuSeconds = workerCpu,
            StoreWaitSeconds = store.WaitSeconds, Commits = store.Commits, Steals = steals,
        };
    }

    /// <summary>
    /// The points a worker computes: offsets [next, end) of one block, in one 64-bit word (next in the high half), so
    /// that claiming the next point (the owner) and taking over the upper half (another worker) are each one
    /// compare-and-swap: every point is claimed exactly once.
    /// </summary>
    internal sealed class Piece(long block, long blockStart, int from, int to)
    {
        /// <summary>Fewer points than this left in a piece: not split (a takeover costs a few cache look-ups).</summary>
        public const int MinimumSplit = 64;

        private long _state = Pack(from, to);

        private static long Pack(int next, int end) => ((long)next << 32) | (uint)end;

        /// <summary>The block the piece belongs to.</summary>
        public long Block { get; } = block;

        /// <summary>Points not yet claimed.</summary>
        public int Remaining
        {
            get
            {
                long s = Volatile.Read(ref _state);
                return Math.Max(0, (int)s - (int)(s >> 32));
            }
        }

        /// <summary>Claims the next point (its scan index); false when none is left.</summary>
        public bool TryClaim(out long index)
        {
            while (true)
            {
                long s = Volatile.Read(ref _state);
                int n = (int)(s >> 32), e = (int)s;
                if (n >= e)
                {
                    index = -1;
                    return false;
                }
                if (Interlocked.CompareExchange(ref _state, Pack(n + 1, e), s) == s)
                {
                    index = blockStart + n;
                    return true;
                }
            }
        }

        /// <summary>Takes the upper half of the unclaimed points as a new piece (the owner keeps the lower half); null
        /// when fewer than <paramref name="minimum"/> are left.</summary>
        public Piece? TrySplit(int minimum)
        {
            while (true)
            {
                long s = Volatile.Read(ref _state);
                int n = (int)(s >> 32), e = (int)s;
                if (e - n < minimum) return null;
                int mid = n + (e - n) / 2;
                if (Interlocked.CompareExchange(ref _state, Pack(n, mid), s) == s) return new Piece(Block, blockStart, mid, e);
            }
        }
    }

    /// <summary>Points in block <paramref name="b"/> of a scan of <paramref name="count"/> points.</summary>
    public static long BlockSize(long count, int blockSize, long b) => Math.Min(blockSize, count - b * blockSize);

    /// <summary>
    /// The hand-off of finished rows to the sink without a writer thread: a queue of finished blocks, and the batch and
    /// its accounting, which only the holder of <see cref="_lock"/> touches. Whoever holds the lock moves queued blocks
    /// into the batch in queue order and commits it when it is full or overdue.
    /// </summary>
    private sealed class Handoff(IScanSink sink, ScanRunOptions options, long resumed, long total, int backlogBlocks)
    {
        private readonly object _lock = new();
        private readonly ConcurrentQueue<ScanRow[]> _queue = new();
        private int _queued;
        private readonly List<ScanRow> _batch = new(Math.Min(options.BatchRows, 1 << 20));
        private readonly long _interval = (long)(options.BatchInterval.TotalSeconds * Stopwatch.Frequency);
        private long _lastCommit = Stopwatch.GetTimestamp();
        // when the batch is due by time (Stopwatch ticks); long.MaxValue while it is empty
        private long _due = long.MaxValue;
        private volatile bool _sinkFailed, _halted;
        private Exception? _fault;

        public CancellationTokenSource? Stop { get; set; }
        public long Computed { get; private set; }
        public long Failed { get; private set; }
        public string? FirstFailure { get; private set; }
        public double SinkSeconds { get; private set; }
        public double SinkCpu { get; private set; }
        public double WaitSeconds { get; private set; }
        public long Commits { get; private set; }

        /// <summary>The first fault of a worker or of the sink.</summary>
        public Exception? Fault => Volatile.Read(ref _fault);

        /// <summary>True once the run paused for good (<see cref="ScanRunOptions.PauseAfterRows"/>): workers stop.</summary>
        public bool Halted => _halted;

        /// <summary>True when a batch waits longer than the interval (one clock read: cheap enough between points).</summary>
        public bool Overdue => Stopwatch.GetTimestamp() >= Volatile.Read(ref _due);

        public void Fail(Exception e)
        {
            Interlocked.CompareExchange(ref _fault, e, null);
            Stop?.Cancel();
        }

        /// <summary>Queues a finished block's rows, then stores if the store is free (or the backlog is full); returns
        /// the CPU seconds this thread spent in the sink.</summary>
        public double Add(ScanRow[] rows)
        {
            _queue.Enqueue(rows);
            if (Interlocked.Increment(ref _queued) <= backlogBlocks) return TryStore();
            long t0 = Stopwatch.GetTimestamp();
            Monitor.Enter(_lock);
            double cpu;
            try
            {
                WaitSeconds += Stopwatch.GetElapsedTime(t0).TotalSeconds;
                cpu = Drain(final: false);
            }
            finally { Monitor.Exit(_lock); }
            return cpu + TryStore();
        }

        /// <summary>Commits an overdue batch if the store is free; returns the CPU seconds spent in the sink.</summary>
        public double TryCommitOverdue() => TryStore();

        // Drains the queue if no other thread holds the store; never waits. A block queued while another thread held the
        // store (its TryEnter failed) is seen by that thread's check after it let go (Monitor's fences order the two), so
        // no finished block is left in the queue unnoticed.
        private double TryStore()
        {
            double cpu = 0;
            do
            {
                if (!Monitor.TryEnter(_lock)) break;
                try { cpu += Drain(final: false); }
                finally { Monitor.Exit(_lock); }
            } while (!_queue.IsEmpty && !_halted);
            return cpu;
        }

        /// <summary>After the workers: commits everything left (waits for a paused store for good).</summary>
        public void Finish()
        {
            lock (_lock)
            {
                try { Drain(final: true); }
                catch (Exception e) { Fail(e); } // e.g. from the progress callback: reaches the caller as a worker's would
            }
        }

        // holds _lock; returns the CPU seconds spent in the sink
        private double Drain(bool final)
        {
            double cpu = 0;
            while (_queue.TryDequeue(out var rows))
            {
                Interlocked.Decrement(ref _queued);
                if (_sinkFailed) continue; // the store is broken: nothing more goes to it
                _batch.AddRange(rows);
                if (_due == long.MaxValue) Volatile.Write(ref _due, _lastCommit + _interval);
                if (_batch.Count >= options.BatchRows) cpu += Commit();
            }
            if (_batch.Count > 0 && (final || Stopwatch.GetTimestamp() >= _due)) cpu += Commit();
            return cpu;
        }

        // holds _lock
        private double Commit()
        {
            if (_sinkFailed || _batch.Count == 0) return 0;
            long t0 = Stopwatch.GetTimestamp();
            double c0 = ThreadClock.Seconds();
            try
            {
                sink.Write(_batch);
            }
            catch (Exception e)
            {
                _sinkFailed = true;
                _batch.Clear();
                Volatile.Write(ref _due, long.MaxValue);
                Fail(e);
                return 0;
            }
            double cpu = ThreadClock.Seconds() - c0;
            SinkCpu += cpu;
            SinkSeconds += Stopwatch.GetElapsedTime(t0).TotalSeconds;
            Commits++;
            Computed += _batch.Count;
            foreach (var r in _batch)
                if (r.Status != PointEvaluator.Ok && Failed++ == 0) FirstFailure = $"point {r.Index}: {r.Status}";
            _batch.Clear();
            _lastCommit = Stopwatch.GetTimestamp();
            Volatile.Write(ref _due, long.MaxValue);
            options.Progress?.Invoke(resumed + Computed, total);
            if (options.PauseAfterRows is long pause && resumed + Computed >= pause)
            {
                // crash-recovery testing: hold the store for good (no later row is committed) and stop the workers
                _halted = true;
                options.Paused?.Invoke(resumed + Computed);
                Thread.Sleep(Timeout.Infinite);
            }
            return cpu;
        }
    }
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
