using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NuDM.App.Scans;

/// <summary>
/// Where a scan keeps its files: the folder <c>--out</c> (default: <c>&lt;spec name&gt;.scan</c> beside the spec) with
/// <c>scan.sqlite</c> (a one-machine run, or the merge of the shards), <c>shards/shard-kkkkk-of-NNNNN.sqlite</c> (one per
/// shard) and <c>slurm/</c> (batch scripts, logs, the submitted job ids).
/// </summary>
public sealed record ScanPaths(string Folder)
{
    /// <summary>The default folder of a spec: <c>&lt;spec file without extension&gt;.scan</c> beside it.</summary>
    public static ScanPaths For(string specPath, string? outFolder)
    {
        if (!string.IsNullOrWhiteSpace(outFolder))
        {
            var full = Path.GetFullPath(outFolder);
            if (File.Exists(full)) throw new UserInputException($"--out {outFolder} is a file; it must be a folder");
            return new ScanPaths(full);
        }
        var spec = Path.GetFullPath(specPath);
        return new ScanPaths(Path.Combine(Path.GetDirectoryName(spec)!, Path.GetFileNameWithoutExtension(spec) + ".scan"));
    }

    /// <summary>The one-machine (or merged) store.</summary>
    public string Store => Path.Combine(Folder, "scan.sqlite");

    /// <summary>The folder of the shard stores.</summary>
    public string ShardFolder => Path.Combine(Folder, "shards");

    /// <summary>The store of shard <paramref name="s"/>.</summary>
    public string ShardStore(Shard s) => s.IsAll ? Store : Path.Combine(ShardFolder, $"shard-{s.Index:D5}-of-{s.Count:D5}.sqlite");

    /// <summary>Every shard store present.</summary>
    public IReadOnlyList<string> ShardStores() =>
        Directory.Exists(ShardFolder) ? Directory.GetFiles(ShardFolder, "shard-*-of-*.sqlite").Order(StringComparer.Ordinal).ToArray() : [];

    /// <summary>The Slurm folder (scripts, logs, job ids).</summary>
    public string SlurmFolder => Path.Combine(Folder, "slurm");
}

/// <summary>Options of <c>nudm scan submit</c>.</summary>
public sealed record SlurmOptions
{
    /// <summary>Array tasks (shards) N.</summary>
    public int Tasks { get; init; }
    /// <summary>Partition (null: the cluster's default).</summary>
    public string? Partition { get; init; }
    /// <summary>Time limit per task in Slurm's format (null: the partition's default).</summary>
    public string? Time { get; init; }
    /// <summary>CPUs per task (the shard's threads).</summary>
    public int Cpus { get; init; } = 1;
    /// <summary>Resubmit only the shards that are not done or running.</summary>
    public bool Resume { get; init; }
    /// <summary>Submit the jobs held (released with <c>scontrol release</c>).</summary>
    public bool Hold { get; init; }
    /// <summary>The command that runs nudm on the compute nodes (null: this program).</summary>
    public string? Nudm { get; init; }
    /// <summary>Rows per committed transaction in each task (<c>scan run --batch-rows</c>; null: its default).</summary>
    public int? BatchRows { get; init; }
}

/// <summary>A shard's state as <c>nudm scan status</c> reports it.</summary>
public enum ShardState { Done, Running, Pending, Failed, Missing }

/// <summary>One submission recorded in <c>slurm/jobs.json</c>.</summary>
public sealed record SlurmSubmission(int Tasks, string ArrayJob, IReadOnlyList<int> Indices, string MergeJob, DateTime SubmittedUtc);

/// <summary>
/// Slurm job arrays for a scan: <see cref="Submit"/> writes two batch scripts into <c>slurm/</c> — an array of N shard
/// tasks (<c>nudm scan run SPEC --shard $SLURM_ARRAY_TASK_ID/N</c>, each into its own store) and a merge job — and
/// submits them with sbatch, the merge with <c>--dependency=afterok</c> on the array. <see cref="Status"/> reads the
/// shard stores and squeue. With <see cref="SlurmOptions.Resume"/> only the shards that are neither done nor queued are
/// resubmitted (a stale merge job still waiting on a failed array is cancelled first).
/// </summary>
public static class Slurm
{
    /// <summary>Largest array: Slurm's default MaxArraySize is 1001 (indices 0 … 1000).</summary>
    public const int MaxTasks = 1000;

    /// <summary>Runs a Slurm client; null when it is not installed.</summary>
    public static (int Exit, string Out, string Error)? Tool(string name, params string[] args)
    {
        var psi = new ProcessStartInfo(name) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEndAsync();
            var error = p.StandardError.ReadToEndAsync();
            p.WaitForExit();
            return (p.ExitCode, output.Result, error.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>True when sbatch can be run here.</summary>
    public static bool Available => Tool("sbatch", "--version") is { Exit: 0 };

    /// <summary>A word quoted for bash.</summary>
    public static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    /// <summary>The command line that runs this program (<c>dotnet nudm.dll</c> when started through dotnet).</summary>
    public static string ThisProgram()
    {
        var process = Environment.ProcessPath ?? "nudm";
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        var name = Path.GetFileNameWithoutExtension(process);
        if (name is "dotnet" && !string.IsNullOrEmpty(entry)) return $"{Quote(process)} {Quote(entry)}";
        if (name is "nudm") return Quote(process);
        // a test host or another launcher: run the program beside this assembly
        var dir = Path.GetDirectoryName(typeof(Slurm).Assembly.Location)!;
        var apphost = Path.Combine(dir, OperatingSystem.IsWindows() ? "nudm.exe" : "nudm");
        return File.Exists(apphost) ? Quote(apphost) : $"dotnet {Quote(Path.Combine(dir, "nudm.dll"))}";
    }

    /// <summary>Writes the array and merge scripts; returns their paths.</summary>
    public static (string Array, string Merge) WriteScripts(ScanSpec spec, ScanPaths paths, SlurmOptions o)
    {
        Directory.CreateDirectory(Path.Combine(paths.SlurmFolder, "logs"));
        var nudm = o.Nudm ?? ThisProgram();
        string name = "nudm-" + Path.GetFileNameWithoutExtension(spec.Path);
        var head = new StringBuilder("#!/bin/bash\n");
        void Directives(StringBuilder sb, string job, string log, int cpus)
        {
            sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name={job}\n");
            sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={log}\n");
            sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={cpus}\n");
            if (o.Partition is not null) sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --partition={o.Partition}\n");
            if (o.Time is not null) sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={o.Time}\n");
        }
        var array = new StringBuilder(head.ToString());
        Directives(array, name, Path.Combine(paths.SlurmFolder, "logs", "shard-%a.out"), o.Cpus);
        array.Append(CultureInfo.InvariantCulture, $$"""
            # Written by `nudm scan submit` for {{spec.Path}}: shard $SLURM_ARRAY_TASK_ID of {{o.Tasks}}, into its own store in
            # {{paths.ShardFolder}}. The shard count is written out rather than read from $SLURM_ARRAY_TASK_COUNT: a
            # resubmission (--resume) runs only some indices, and shard k of N must stay the same points.
            set -euo pipefail
            exec {{nudm}} scan run {{Quote(spec.Path)}} --out {{Quote(paths.Folder)}} --shard "${SLURM_ARRAY_TASK_ID}/{{o.Tasks}}" --threads "${SLURM_CPUS_PER_TASK:-1}"{{(o.BatchRows is int b ? $" --batch-rows {b.ToString(CultureInfo.InvariantCulture)}" : "")}}

            """);
        var merge = new StringBuilder(head.ToString());
        Directives(merge, name + "-merge", Path.Combine(paths.SlurmFolder, "logs", "merge.out"), 1);
        merge.Append(CultureInfo.InvariantCulture, $"""
            # Written by `nudm scan submit`: merges the {o.Tasks} shard stores into {paths.Store} once every array task succeeded.
            set -euo pipefail
            exec {nudm} scan merge {Quote(spec.Path)} --out {Quote(paths.Folder)}

            """);
        var arrayPath = Path.Combine(paths.SlurmFolder, "array.sh");
        var mergePath = Path.Combine(paths.SlurmFolder, "merge.sh");
        AtomicFile.WriteAllText(arrayPath, array.ToString());
        AtomicFile.WriteAllText(mergePath, merge.ToString());
        return (arrayPath, mergePath);
    }

    private static string JobsFile(ScanPaths paths) => Path.Combine(paths.SlurmFolder, "jobs.json");

    /// <summary>The submissions recorded for a scan folder (oldest first).</summary>
    public static IReadOnlyList<SlurmSubmission> Submissions(ScanPaths paths)
    {
        var f = JobsFile(paths);
        if (!File.Exists(f)) return [];
        try { return JsonSerializer.Deserialize<List<SlurmSubmission>>(File.ReadAllText(f)) ?? []; }
        catch (JsonException e) { throw new UserInputException($"{f} cannot be read ({e.Message}); it records the submitted job ids"); }
    }

    /// <summary>The state of every queued task of the recorded jobs, by job id ("123_4" for array task 4, "124" for a job).</summary>
    public static Dictionary<string, string>? Queue(IEnumerable<string> jobIds)
    {
        var ids = jobIds.Where(s => s.Length > 0).Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<string, string>();
        var r = Tool("squeue", "-h", "-r", "-j", string.Join(",", ids), "-o", "%i|%T");
        if (r is null) return null;
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        // squeue exits non-zero once every job id has left the queue ("Invalid job id"): nothing is queued
        if (r.Value.Exit != 0) return d;
        foreach (var line in r.Value.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|');
            if (parts.Length == 2) d[parts[0]] = parts[1];
        }
        return d;
    }

    /// <summary>The state of each shard of an N-shard scan: from the stores and (when Slurm is here) the queue.</summary>
    public static IReadOnlyList<(Shard Shard, ShardState State, long Stored, long Points)> Status(ScanSpec spec, ScanPaths paths, int tasks)
    {
        var subs = Submissions(paths).Where(s => s.Tasks == tasks).ToList();
        var queue = Queue(subs.Select(s => s.ArrayJob)) ?? new Dictionary<string, string>();
        var result = new List<(Shard, ShardState, long, long)>();
        for (int k = 0; k < tasks; k++)
        {
            var shard = new Shard(k, tasks);
            long points = shard.PointCount(spec.Count, spec.ShardBlock);
            var file = paths.ShardStore(shard);
            long stored = 0;
            if (File.Exists(file))
            {
                using var s = ScanStore.OpenRead(file);
                stored = s.RowCount;
            }
            // the newest submission that ran this shard decides whether it is queued
            string? q = null;
            foreach (var sub in subs.AsEnumerable().Reverse())
                if (sub.Indices.Contains(k)) { q = queue.GetValueOrDefault($"{sub.ArrayJob}_{k}"); break; }
            var state = stored == points ? ShardState.Done
                : q is "RUNNING" or "COMPLETING" or "CONFIGURING" ? ShardState.Running
                : q is "PENDING" or "REQUEUED" or "RESIZING" or "SUSPENDED" ? ShardState.Pending
                : File.Exists(file) || subs.Any(s => s.Indices.Contains(k)) ? ShardState.Failed
                : ShardState.Missing;
            result.Add((shard, state, stored, points));
        }
        return result;
    }

    /// <summary>
    /// Writes the scripts and submits the array and the merge job; returns the submission. With Resume, only the shards
    /// neither done nor queued are submitted (if none is left and the merged store is missing, only the merge).
    /// </summary>
    /// <exception cref="UserInputException">sbatch is missing or refuses the job (its message is shown), or the options contradict the folder.</exception>
    public static SlurmSubmission Submit(ScanSpec spec, ScanPaths paths, SlurmOptions o, Action<string> note)
    {
        var previous = Submissions(paths);
        int tasks = o.Tasks;
        if (o.Resume)
        {
            if (previous.Count == 0)
                throw new UserInputException($"--resume: nothing was submitted from {paths.Folder} before (no {JobsFile(paths)}); submit without --resume first");
            if (tasks == 0) tasks = previous[^1].Tasks;
            else if (tasks != previous[^1].Tasks)
                throw new UserInputException($"--resume --tasks {tasks}: the scan was submitted as {previous[^1].Tasks} shards; shards cannot change their number (omit --tasks, or use another --out)");
        }
        else
        {
            if (tasks < 1) throw new UserInputException($"--tasks is needed: the number of array tasks (shards), 1 to {MaxTasks}");
            if (previous.Count > 0)
                throw new UserInputException($"{paths.Folder} has been submitted before (jobs {string.Join(", ", previous.Select(p => p.ArrayJob))}); use --resume to resubmit the shards that are not done, or another --out");
        }
        if (tasks > MaxTasks) throw new UserInputException($"--tasks {tasks} exceeds {MaxTasks}, Slurm's default largest array (MaxArraySize = 1001)");
        foreach (var existing in paths.ShardStores())
        {
            using var s = ScanStore.OpenRead(existing);
            if (s.Shard.Count != tasks)
                throw new UserInputException($"{existing} is shard {s.Shard}, not of {tasks}: the folder holds a scan split differently; use another --out");
        }
        if (!Available) throw new UserInputException("sbatch is not available here (Slurm's client is not on PATH): submit from a cluster's login node");
        var opts = o with { Tasks = tasks };
        var (arrayScript, mergeScript) = WriteScripts(spec, paths, opts);

        var indices = Enumerable.Range(0, tasks).ToList();
        if (o.Resume)
        {
            var status = Status(spec, paths, tasks);
            indices = status.Where(s => s.State is ShardState.Failed or ShardState.Missing).Select(s => s.Shard.Index).ToList();
            var busy = status.Count(s => s.State is ShardState.Running or ShardState.Pending);
            note($"resume: {status.Count(s => s.State == ShardState.Done)} shards done, {busy} queued or running, {indices.Count} to resubmit");
            // a merge job still waiting on an array with a failed task would never run: cancel it
            var stale = previous[^1].MergeJob;
            if (stale.Length > 0 && (Queue([stale])?.ContainsKey(stale) ?? false))
            {
                Tool("scancel", stale);
                note($"cancelled the previous merge job {stale}");
            }
            if (busy > 0 && indices.Count == 0)
                note("every shard that is not done is still queued or running: the new merge job waits for them");
        }
        string arrayJob = "";
        var hold = o.Hold ? new[] { "--hold" } : [];
        if (indices.Count > 0)
        {
            arrayJob = Sbatch([.. hold, $"--array={Ranges(indices)}", arrayScript]);
            note($"submitted array job {arrayJob}: {indices.Count} shard task{(indices.Count == 1 ? "" : "s")} ({Ranges(indices)} of 0-{tasks - 1})");
        }
        // the merge waits for this array and for any array of an earlier submission still running
        var waitFor = new List<string>();
        if (arrayJob.Length > 0) waitFor.Add(arrayJob);
        if (o.Resume)
        {
            var queued = Queue(previous.Select(p => p.ArrayJob)) ?? [];
            foreach (var p in previous)
                if (queued.Keys.Any(k => k.StartsWith(p.ArrayJob + "_", StringComparison.Ordinal))) waitFor.Add(p.ArrayJob);
        }
        string[] dependency = waitFor.Count > 0 ? [$"--dependency=afterok:{string.Join(":", waitFor.Distinct())}"] : [];
        var mergeJob = Sbatch([.. hold, .. dependency, mergeScript]);
        note($"submitted merge job {mergeJob}{(waitFor.Count > 0 ? $" (after jobs {string.Join(", ", waitFor.Distinct())} succeed)" : "")}");
        var sub = new SlurmSubmission(tasks, arrayJob, indices, mergeJob, DateTime.UtcNow);
        AtomicFile.WriteAllText(JobsFile(paths), JsonSerializer.Serialize(previous.Append(sub).ToList(), new JsonSerializerOptions { WriteIndented = true }));
        return sub;
    }

    private static string Sbatch(string[] args)
    {
        var r = Tool("sbatch", ["--parsable", .. args]) ?? throw new UserInputException("sbatch is not available here (Slurm's client is not on PATH)");
        if (r.Exit != 0) throw new UserInputException($"sbatch refused the job (exit code {r.Exit}): {r.Error.Trim()}");
        var id = r.Out.Trim().Split(';')[0].Trim();
        if (id.Length == 0 || !id.All(char.IsAsciiDigit)) throw new UserInputException($"sbatch printed '{r.Out.Trim()}' instead of a job id");
        return id;
    }

    /// <summary>Indices as Slurm's array ranges: 0-3,5,7-8.</summary>
    public static string Ranges(IReadOnlyList<int> sorted)
    {
        var parts = new List<string>();
        for (int i = 0; i < sorted.Count;)
        {
            int j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(j == i ? sorted[i].ToString(CultureInfo.InvariantCulture) : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }
        return string.Join(",", parts);
    }
}
