using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NuDM.App.Scans;
using NuDM.App.Statistics;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary>
/// <c>nudm scan</c>: parameter scans from a YAML spec — <c>run</c> (all cores, resumable store, one shard with --shard),
/// <c>export</c> (CSV, Parquet), <c>submit</c> (Slurm job arrays), <c>status</c>, <c>merge</c> and <c>plot</c>
/// (profile maps and allowed regions).
/// </summary>
public static class ScanCommand
{
    /// <summary>Test hook: told (stored, total) after every commit of <c>scan run</c> (lets a test cancel mid-run).</summary>
    internal static Action<long, long>? ProgressHook { get; set; }

    /// <summary>Test hook: rows per committed batch (null: the engine's default, 4096 rows or 2 s).</summary>
    internal static int? BatchRows { get; set; }

    public static Command Create()
    {
        var cmd = new Command("scan", "Parameter scans from a YAML spec: run (all cores, resumable), export, Slurm job arrays (submit, status, merge), plot");
        cmd.Subcommands.Add(Run());
        cmd.Subcommands.Add(Export());
        cmd.Subcommands.Add(Submit());
        cmd.Subcommands.Add(Status());
        cmd.Subcommands.Add(Merge());
        cmd.Subcommands.Add(Plot());
        return cmd;
    }

    private static Argument<string> SpecArgument() => new("spec") { Description = "the scan spec (YAML; format in the README)" };

    private static Option<string?> OutOption() => new("--out")
    {
        Description = "the scan folder (stores, shards, Slurm scripts); default: <spec name>.scan beside the spec",
    };

    private static Command Run()
    {
        var spec = SpecArgument();
        var output = OutOption();
        var shard = new Option<string?>("--shard") { Description = "compute shard k of N only (k = 0 … N − 1; a Slurm array task passes $SLURM_ARRAY_TASK_ID/N), into its own store" };
        var threads = NumericOption.Integer("--threads", "worker threads", new IntegerRange(1, 1024, "at least one; more than the cores only adds switching"), Environment.ProcessorCount);
        var wait = new Option<bool>("--wait") { Description = "if another run is writing the same store, wait for it instead of failing" };
        var batch = NumericOption.Integer("--batch-rows", "rows per committed transaction (a batch is also committed every 2 s): smaller loses less to a kill, larger writes faster",
            new IntegerRange(1, 1_000_000, "at least one row per transaction"), 4096);
        var model = new Option<string?>("--model")
        {
            Description = "checked against the spec's model: a scan's model is written in its spec (model: x-phi-nu, or a model file's path relative to the spec), " +
                          "so that shards, resumes and merges agree; a different model here is refused",
        };
        var cmd = new Command("run", "Evaluate every point of a scan spec on all cores into a resumable store (Ctrl-C keeps what is done; the same command resumes)")
        {
            spec, output, shard, threads, wait, batch, model,
        };
        cmd.SetAction((p, ct) => CommandLine.GuardAsync(() =>
        {
            // the spec (and its model file) is read once: a model's warnings (an UNDECIDED obligation) print once, at the start
            var loaded = p.GetValue(model) is { } m ? CheckModel(p.GetValue(spec)!, m) : null;
            return Task.FromResult(RunScan(p.GetValue(spec)!, p.GetValue(output),
                p.GetValue(shard) is { } s ? Shard.Parse(s) : Shard.All, p.GetValue(threads), p.GetValue(wait), ct, p.GetValue(batch), loaded));
        }));
        return cmd;
    }

    /// <summary>
    /// <c>--model FILE</c> on <c>scan run</c>: the spec is the one place a scan's model is named (every shard task, resume
    /// and merge reads it from there), so the option is accepted only when FILE is the spec's model file (the same
    /// content); otherwise bad input (exit code 2) saying where to name the model.
    /// </summary>
    private static ScanSpec CheckModel(string specPath, string argument)
    {
        var spec = ScanSpec.Load(specPath, LoadModel);
        var given = ModelOption.Load(argument, quiet: true); // its warnings are the spec's model's, printed once above
        if (spec.Model is FileScanModel f && f.Definition.ContentHash == given.ContentHash) return spec;
        var named = spec.Model is FileScanModel g ? $"the model file {g.Definition.File} (model '{g.Name}')" : $"the built-in model {spec.Model.Name}";
        throw new UserInputException(
            $"--model {argument}: the spec {specPath} names {named}, and --model names model '{given.Model.Name}' ({given.File}, another file content); " +
            "a scan's model is written in its spec, so that shards, resumes and merges agree: write `model: <path of the model file, relative to the spec>` in the spec");
    }

    /// <summary>A model file a spec names, read, checked and verified as --model reads one (verdicts cached; warnings on stderr).</summary>
    private static NuDM.Physics.ModelDefinition LoadModel(string file) => ModelOption.Load(file);

    /// <summary>Runs (or resumes) a scan or one shard of it; returns the exit code. <paramref name="loaded"/>: the spec of
    /// <paramref name="specPath"/> already read (null: read here).</summary>
    public static int RunScan(string specPath, string? outFolder, Shard shard, int threads, bool wait, CancellationToken ct, int batchRows = 4096,
        ScanSpec? loaded = null)
    {
        NuDM.Physics.Argument.InRange("--threads", threads, 1, 1024, "");
        var spec = loaded ?? ScanSpec.Load(specPath, LoadModel);
        var paths = ScanPaths.For(specPath, outFolder);
        var storePath = paths.ShardStore(shard);
        Directory.CreateDirectory(Path.GetDirectoryName(storePath)!);
        using var held = OutputLock.Acquire(storePath + ".lock", $"the scan store {storePath}", wait,
            m => CommandLine.Error.MarkupLine($"[yellow]{Markup.Escape(m)}[/]"), ct);
        var metadata = ScanMetadata.For(spec, shard, RunFingerprint.Current());
        using var store = ScanStore.OpenForRun(storePath, metadata);
        var stored = store.BlockCounts();
        long already = stored.Values.Sum();
        if (already > 0)
            CommandLine.Error.MarkupLine($"[grey]resuming: {already} of {metadata.ShardPoints} points are stored in {Markup.Escape(storePath)}[/]");
        ScanOutcome outcome;
        var options = new ScanRunOptions { Threads = threads, StoredBlocks = stored, StoredIndices = store.IndicesIn, BatchRows = BatchRows ?? batchRows };
        // crash-recovery tests: stop committing (and hang until killed) once this many points are stored — in every run,
        // or, with NUDM_SCAN_PAUSE_SHARD=k/N, only in that shard's (a Slurm array passes one environment to all tasks)
        if (long.TryParse(Environment.GetEnvironmentVariable("NUDM_SCAN_PAUSE_AFTER_ROWS"), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var pause) && pause > 0
            && Environment.GetEnvironmentVariable("NUDM_SCAN_PAUSE_SHARD") is var only && (string.IsNullOrEmpty(only) || only == shard.ToString()))
            options = options with
            {
                PauseAfterRows = pause,
                Paused = n => { Console.Error.WriteLine($"paused after {n} stored points (NUDM_SCAN_PAUSE_AFTER_ROWS)"); Console.Error.Flush(); },
            };
        string label = shard.IsAll ? "scan" : $"shard {shard}";
        if (CommandLine.Error.Profile.Capabilities.Interactive)
        {
            outcome = null!;
            CommandLine.Error.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(label, maxValue: Math.Max(1, metadata.ShardPoints));
                    outcome = ScanEngine.Run(spec, shard, new StoreSink(store), options with
                    {
                        Progress = (done, total) => { task.Value = done; ProgressHook?.Invoke(done, total); },
                    }, ct);
                });
        }
        else
        {
            int shown = -1;
            var clock = Stopwatch.StartNew();
            long first = -1;
            outcome = ScanEngine.Run(spec, shard, new StoreSink(store), options with
            {
                Progress = (done, total) =>
                {
                    if (first < 0) first = done;
                    int tenth = total == 0 ? 10 : (int)Math.Floor(10.0 * done / total + 1e-9);
                    if (tenth > shown)
                    {
                        shown = tenth;
                        var rate = (done - first) / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
                        var eta = done > first && done < total ? $", about {Duration((total - done) / rate)} left" : "";
                        CommandLine.Error.WriteLine($"{label}: {tenth * 10}% ({done} of {total} points{eta})");
                    }
                    ProgressHook?.Invoke(done, total);
                },
            }, ct);
        }
        store.Checkpoint();
        if (outcome.Canceled)
            throw new RunInterruptedException(
                $"{outcome.Stored} of {outcome.Total} points are kept in {storePath}; run the same command again to resume from them");
        if (outcome.Failed > 0)
            CommandLine.Error.MarkupLine($"[yellow]warning:[/] {outcome.Failed} of the {outcome.Computed} points computed now have errors (status column); the first: {Markup.Escape(outcome.FirstFailure ?? "")}");
        var o = new Results("scan run", $"{specPath} --shard {shard}");
        var perPoint = outcome.Computed > 0 ? outcome.Elapsed.TotalSeconds / outcome.Computed * threads * 1e3 : double.NaN;
        AnsiConsole.MarkupLine(
            $"{Markup.Escape(label)}: {outcome.Stored} of {outcome.Total} points in {Markup.Escape(storePath)} " +
            $"({outcome.Computed} computed now in {Duration(outcome.Elapsed.TotalSeconds)}" +
            (outcome.Computed > 0 ? $", {o.Text(perPoint, "time per point", 3)} ms per point per thread" : "") +
            $"{(outcome.Resumed > 0 ? $", {outcome.Resumed} resumed" : "")})");
        return 0;
    }

    private static string Duration(double seconds) =>
        seconds < 90 ? $"{seconds.ToString("F1", CultureInfo.InvariantCulture)} s"
        : seconds < 5400 ? $"{(seconds / 60).ToString("F1", CultureInfo.InvariantCulture)} min"
        : $"{(seconds / 3600).ToString("F1", CultureInfo.InvariantCulture)} h";

    /// <summary>A store named directly (.sqlite), or the scan store of a spec.</summary>
    private static string StoreOf(string source, string? outFolder) =>
        source.EndsWith(".sqlite", StringComparison.OrdinalIgnoreCase) ? source : ScanPaths.For(source, outFolder).Store;

    private static Command Export()
    {
        var source = new Argument<string>("source") { Description = "a scan spec (its merged or one-machine store) or a store file (.sqlite)" };
        var output = OutOption();
        var file = new Option<string?>("--output", "-o") { Description = "the file to write: .csv or .parquet (default: CSV to standard output)" };
        var cmd = new Command("export", "Write a scan store as CSV or Parquet (columns idx, parameters, observables, status, seconds; rows in index order)")
        {
            source, output, file,
        };
        cmd.SetAction(p => CommandLine.Guard(() =>
        {
            using var store = ScanStore.OpenRead(StoreOf(p.GetValue(source)!, p.GetValue(output)));
            var to = p.GetValue(file);
            if (to is null)
            {
                ScanExport.Csv(store, Console.Out);
                return 0;
            }
            if (Directory.Exists(to)) throw new UserInputException($"--output {to} is a folder; give a file name ending in .csv or .parquet");
            switch (ScanExport.FormatOf(to))
            {
                case "csv":
                    var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
                    ScanExport.Csv(store, text);
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(to))!);
                    AtomicFile.WriteAllText(to, text.ToString());
                    break;
                default:
                    ScanExport.Parquet(store, to);
                    break;
            }
            AnsiConsole.MarkupLine($"{store.RowCount} rows of {Markup.Escape(store.Path)} written to {Markup.Escape(Path.GetFullPath(to))}");
            return 0;
        }));
        return cmd;
    }

    private static Command Merge()
    {
        var spec = SpecArgument();
        var output = OutOption();
        var cmd = new Command("merge", "Combine the shard stores of a scan into one store (the same rows in the same order as a one-machine run)") { spec, output };
        cmd.SetAction(p => CommandLine.Guard(() =>
        {
            var s = ScanSpec.Load(p.GetValue(spec)!, LoadModel);
            var paths = ScanPaths.For(p.GetValue(spec)!, p.GetValue(output));
            using var held = OutputLock.Acquire(paths.Store + ".lock", $"the scan store {paths.Store}", false);
            var shards = paths.ShardStores();
            if (shards.Count == 0) throw new UserInputException($"no shard stores in {paths.ShardFolder}: run the shards first (`nudm scan submit`, or `nudm scan run --shard k/N`)");
            // the shards must be of this spec and model (data and program need only agree among themselves)
            using (var first = ScanStore.OpenRead(shards[0]))
                if (first.Metadata.SpecHash != s.Hash || first.Metadata.ModelHash != s.ModelHash)
                    throw new UserInputException($"the shard stores in {paths.ShardFolder} were made from another spec or model than {s.Path}");
            long n = ScanMerge.Merge(shards, paths.Store);
            AnsiConsole.MarkupLine($"merged {shards.Count} shard stores: {n} points in {Markup.Escape(paths.Store)}");
            return 0;
        }));
        return cmd;
    }

    private static Command Submit()
    {
        var spec = SpecArgument();
        var output = OutOption();
        var tasks = NumericOption.Integer("--tasks", "array tasks (shards); size them so each runs for minutes (README: the shard-size rule)",
            new IntegerRange(0, Slurm.MaxTasks, "Slurm's default MaxArraySize is 1001; 0 with --resume keeps the earlier number"), 0);
        var partition = new Option<string?>("--partition") { Description = "Slurm partition (default: the cluster's default)" };
        var time = new Option<string?>("--time") { Description = "time limit per task in Slurm's format, e.g. 30:00 or 2:00:00 (default: the partition's)" };
        var cpus = NumericOption.Integer("--cpus", "CPUs per task (the shard's worker threads)", new IntegerRange(1, 256, "at least one"), 1);
        var resume = new Option<bool>("--resume") { Description = "resubmit only the shards that are neither done nor queued, then the merge" };
        var hold = new Option<bool>("--hold") { Description = "submit the jobs held (release them with scontrol release)" };
        var nudm = new Option<string?>("--nudm") { Description = "the command that runs nudm on the compute nodes (default: this program)" };
        var batch = NumericOption.Integer("--batch-rows", "rows per committed transaction in each task (scan run --batch-rows; default 4096, or every 2 s)",
            new IntegerRange(1, 1_000_000, "at least one row per transaction"), 4096);
        var cmd = new Command("submit", "Write Slurm batch scripts (an array of shard tasks and a merge job with --dependency=afterok) and submit them with sbatch")
        {
            spec, output, tasks, partition, time, cpus, resume, hold, nudm, batch,
        };
        cmd.SetAction(p => CommandLine.Guard(() =>
        {
            var s = ScanSpec.Load(p.GetValue(spec)!, LoadModel);
            var paths = ScanPaths.For(p.GetValue(spec)!, p.GetValue(output));
            var t = p.GetValue(time);
            if (t is not null && !System.Text.RegularExpressions.Regex.IsMatch(t, @"^(\d+-)?\d+(:\d+){0,2}$"))
                throw new UserInputException($"--time '{t}' is not a Slurm time (minutes, MM:SS, HH:MM:SS or D-HH[:MM[:SS]])");
            var sub = Slurm.Submit(s, paths, new SlurmOptions
            {
                Tasks = p.GetValue(tasks), Partition = p.GetValue(partition), Time = t, Cpus = p.GetValue(cpus),
                Resume = p.GetValue(resume), Hold = p.GetValue(hold), Nudm = p.GetValue(nudm),
                BatchRows = p.GetResult(batch) is { Implicit: false } ? p.GetValue(batch) : null,
            }, m => CommandLine.Error.MarkupLine($"[grey]{Markup.Escape(m)}[/]"));
            AnsiConsole.MarkupLine($"array job {(sub.ArrayJob.Length > 0 ? sub.ArrayJob : "—")} ({sub.Indices.Count} of {sub.Tasks} shards), merge job {sub.MergeJob}; scripts and logs in {Markup.Escape(paths.SlurmFolder)}");
            return 0;
        }));
        return cmd;
    }

    private static Command Status()
    {
        var spec = SpecArgument();
        var output = OutOption();
        var tasks = NumericOption.Integer("--tasks", "the number of shards (default: as submitted, or as the shard stores say)", new IntegerRange(0, 100_000, "0: from the folder"), 0);
        var cmd = new Command("status", "Shards of a scan: done, running, pending, failed or missing, and the merged store") { spec, output, tasks };
        cmd.SetAction(p => CommandLine.Guard(() =>
        {
            var s = ScanSpec.Load(p.GetValue(spec)!, LoadModel);
            var paths = ScanPaths.For(p.GetValue(spec)!, p.GetValue(output));
            int n = p.GetValue(tasks);
            if (n == 0) n = Slurm.Submissions(paths).LastOrDefault()?.Tasks ?? 0;
            if (n == 0 && paths.ShardStores().FirstOrDefault() is { } any)
            {
                using var st = ScanStore.OpenRead(any);
                n = st.Shard.Count;
            }
            string merged = File.Exists(paths.Store) ? Describe(paths.Store) : "not written yet";
            if (n == 0)
            {
                AnsiConsole.MarkupLine($"no shards in {Markup.Escape(paths.Folder)}; the store: {Markup.Escape(merged)}");
                return 0;
            }
            var rows = Slurm.Status(s, paths, n);
            var table = new Table().Border(TableBorder.Rounded).AddColumn("shard").AddColumn("state").AddColumn(new TableColumn("points stored").RightAligned());
            foreach (var (sh, state, stored, points) in rows)
                table.AddRow(sh.ToString(), state.ToString().ToLowerInvariant(), $"{stored} of {points}");
            AnsiConsole.Write(table);
            var counts = Enum.GetValues<ShardState>().Select(st => $"{rows.Count(r => r.State == st)} {st.ToString().ToLowerInvariant()}");
            AnsiConsole.MarkupLine($"{n} shards: {string.Join(", ", counts)}; merged store: {Markup.Escape(merged)}");
            return 0;
        }));
        return cmd;
    }

    private static string Describe(string store)
    {
        using var s = ScanStore.OpenRead(store);
        return $"{s.Path}, {s.RowCount} of {s.Metadata.ShardPoints} points";
    }

    private static Command Plot()
    {
        var source = new Argument<string>("source") { Description = "a scan spec (its merged or one-machine store) or a store file (.sqlite)" };
        var output = OutOption();
        var x = new Option<string>("--x") { Description = "the parameter on the horizontal axis (e.g. m_X)", Required = true };
        var y = new Option<string>("--y") { Description = "the parameter on the vertical axis (e.g. y_X)", Required = true };
        var profile = new Option<string?>("--profile") { Description = "the observable to profile (default: the first Δχ² column, else none)" };
        var mode = new Option<string>("--mode") { Description = "min or max: the best value over the other parameters", DefaultValueFactory = _ => "min" };
        var bins = NumericOption.Integer("--bins", "cells per axis for a parameter that is not on a grid", new IntegerRange(2, 1000, "two at least"), 40);
        var into = new Option<string?>("--figure") { Description = "where to write the figure (SVG, PDF, PNG) and its CSV, without extension (default: <scan folder>/plot-<x>-<y>)" };
        var cmd = new Command("plot", "2-D profile map (best value over the other parameters) and allowed region (every constraint satisfied) of a store, as figure and CSV")
        {
            source, output, x, y, profile, mode, bins, into,
        };
        cmd.SetAction(p => CommandLine.Guard(() =>
        {
            var src = p.GetValue(source)!;
            var storePath = StoreOf(src, p.GetValue(output));
            using var store = ScanStore.OpenRead(storePath);
            var m = p.GetValue(mode);
            if (m is not ("min" or "max")) throw new UserInputException($"--mode must be min or max, got '{m}'");
            var plot = ScanPlot.Build(store, p.GetValue(x)!, p.GetValue(y)!, p.GetValue(profile), m == "max", p.GetValue(bins));
            var baseName = p.GetValue(into) ?? Path.Combine(Path.GetDirectoryName(store.Path)!, $"plot-{p.GetValue(x)}-{p.GetValue(y)}");
            var files = ScanPlot.Write(plot, baseName);
            foreach (var f in files) AnsiConsole.MarkupLine($"wrote {Markup.Escape(f)}");
            AnsiConsole.MarkupLine($"{plot.Cells.Count(c => c.Points > 0)} cells with points, {plot.Cells.Count(c => c.Allowed)} allowed ({Markup.Escape(plot.ConstraintText)})");
            return 0;
        }));
        return cmd;
    }
}
