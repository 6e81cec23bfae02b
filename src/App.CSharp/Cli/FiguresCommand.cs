using System.CommandLine;
using System.Text.Json;
using NuDM.App.Figures;
using NuDM.App.Reproduction;
using NuDM.App.Statistics;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary>
/// <c>nudm figures</c>: reproduces every figure of both seed papers as SVG, PDF, PNG + CSV in the output folder, with a progress
/// bar. The run holds an exclusive lock on the folder (<c>.nudm.lock</c>); a second run into the same folder exits
/// with code 2 naming the holder, or waits with <c>--wait</c>. Finished figures are recorded in &lt;out&gt;/manifest.json
/// with a key over the data, the program and the job (and the SHA-256 of each file written), and skipped on the next
/// run while their key and files are unchanged; limit scans checkpoint finished points under &lt;out&gt;/.checkpoints/
/// (keyed likewise), so an interrupted run resumes. <c>--force</c> reads neither. A damaged manifest or checkpoint is
/// reported as a warning and recomputed. Files are replaced atomically (temporary file, then rename).
/// </summary>
public static class FiguresCommand
{
    public static Command Create()
    {
        var outDir = new Option<string>("--out") { Description = "output folder", DefaultValueFactory = _ => "out" };
        var only = new Option<string?>("--only") { Description = "run only the figure with this id (see --list)" };
        var force = new Option<bool>("--force") { Description = "recompute every figure and every scan point: read no manifest entry and no checkpoint" };
        var wait = new Option<bool>("--wait") { Description = "if another run is writing into the same --out, wait for it instead of failing" };
        var list = new Option<bool>("--list") { Description = "list the figures and exit" };
        var cmd = new Command("figures", "Reproduce the seed papers' figures (SVG, PDF, PNG + CSV) into the output folder") { outDir, only, force, wait, list };
        OptionRules.Exclusive(cmd, list, force, "--list only lists the figures");
        OptionRules.Exclusive(cmd, list, wait, "--list only lists the figures");
        OptionRules.Exclusive(cmd, list, outDir, "--list only lists the figures");
        var output = OutputOptions.AddTo(cmd);
        cmd.SetAction((parse, ct) => CommandLine.GuardAsync(() => Task.FromResult(
            Run(parse.GetValue(outDir)!, parse.GetValue(only), parse.GetValue(force), parse.GetValue(list), ct, parse.GetValue(wait), output.Of(parse)))));
        ModelOption.AddTo(cmd);
        return cmd;
    }

    /// <summary>One finished figure in the manifest.</summary>
    /// <param name="Version">The job's version when it was written.</param>
    /// <param name="Key">Key over the data, the program and the job (<see cref="RunFingerprint.Key"/>).</param>
    /// <param name="Files">File name → SHA-256 of what was written.</param>
    /// <param name="CompletedUtc">When.</param>
    /// <param name="Seconds">How long it took.</param>
    private sealed record ManifestEntry(string Version, string Key, Dictionary<string, string> Files, DateTime CompletedUtc, double Seconds);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The files of a written figure (each is moved into the output folder and recorded in the manifest).</summary>
    private static IEnumerable<string> Paths(FigureFiles files) => files.All;

    /// <summary>
    /// Runs <c>nudm figures</c> (or lists the figures). The progress bar goes to standard error; standard output gets the
    /// summary: a table, or CSV/JSON rows (one per figure: id, source, status, seconds, output folder; with
    /// <paramref name="list"/>: id, source, title).
    /// </summary>
    public static int Run(string outDir, string? only, bool force, bool list, CancellationToken ct, bool wait = false, OutputFormat format = OutputFormat.Table)
    {
        if (list && format != OutputFormat.Table)
        {
            new Results("figures", "--list").Records(format, ["id", "source", "title"], FigureCatalog.All.Select(j => (IReadOnlyList<object?>)[j.Id, j.Source, j.Title]));
            return 0;
        }
        if (list)
        {
            var t = new Table().Border(TableBorder.Rounded).AddColumn("id").AddColumn("source").AddColumn("title");
            foreach (var j in FigureCatalog.All) t.AddRow(j.Id, j.Source, j.Title);
            AnsiConsole.Write(t);
            return 0;
        }
        if (string.IsNullOrWhiteSpace(outDir)) throw new UserInputException("--out must name a folder");
        var jobs = FigureCatalog.All.Where(j => only is null || j.Id.Equals(only, StringComparison.OrdinalIgnoreCase)).ToList();
        if (jobs.Count == 0)
            throw new UserInputException($"--only '{only}' is not a figure id; ids: {string.Join(", ", FigureCatalog.All.Select(j => j.Id))}");

        var dir = Path.GetFullPath(outDir);
        if (File.Exists(dir)) throw new UserInputException($"--out {dir} is a file, not a folder");
        try { Directory.CreateDirectory(dir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"--out {dir}: the folder cannot be created ({e.Message})");
        }
        using var folderLock = OutputLock.Acquire(Path.Combine(dir, ".nudm.lock"), $"--out {dir}", wait,
            m => CommandLine.Error.MarkupLine($"[yellow]{Markup.Escape(m)}[/]"), ct);

        var warnings = new List<string>();
        void Warn(string m) { lock (warnings) warnings.Add(m); }
        var manifestPath = Path.Combine(dir, "manifest.json");
        // --force reads no entry to skip work; entries of figures this run does not make are carried over.
        var manifest = ReadManifest(manifestPath, Warn);
        var run = RunFingerprint.Current();
        var checkpoints = Path.Combine(dir, ".checkpoints");
        var done = new List<(IFigureJob Job, string Status, double? Seconds)>();
        IFigureJob? current = null;
        try
        {
            CommandLine.Error.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    foreach (var job in jobs)
                    {
                        current = job;
                        var task = ctx.AddTask(Markup.Escape(job.Id), maxValue: 1.0);
                        var key = ModelInUse.IsDefault ? run.Key("figure", job.Id, job.Version) : run.Key("figure", job.Id, job.Version, ModelInUse.KeyPart);
                        if (!force && manifest.TryGetValue(job.Id, out var e) && UpToDate(e, key, dir))
                        {
                            task.Value = 1.0;
                            done.Add((job, "up to date", null));
                            continue;
                        }
                        ct.ThrowIfCancellationRequested();
                        var sw = System.Diagnostics.Stopwatch.StartNew();
                        Directory.CreateDirectory(checkpoints);
                        var figure = job.Build(new FigureContext(new Progress<double>(p => task.Value = Math.Clamp(p, 0, 1)), ct, checkpoints)
                        {
                            Run = run, Force = force, Warning = Warn,
                        });
                        manifest[job.Id] = new ManifestEntry(job.Version, key, Write(figure, dir, job.Id), DateTime.UtcNow, sw.Elapsed.TotalSeconds);
                        AtomicFile.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest, Indented));
                        task.Value = 1.0;
                        done.Add((job, "written", sw.Elapsed.TotalSeconds));
                    }
                });
        }
        catch (OperationCanceledException e)
        {
            throw new RunInterruptedException(
                $"{done.Count} of {jobs.Count} figures are finished and recorded in {manifestPath}" +
                (current is not null && done.All(d => d.Job != current)
                    ? $"; of {current.Id}, the limit-scan points already computed (if it has scans) are kept in {checkpoints}" : "") +
                "; the same command resumes from there", e);
        }
        finally
        {
            // checkpoints of another build or other data are expected after a rebuild or a data change: one line for all
            var otherKey = warnings.Where(w => w.EndsWith(LimitScan.OtherKeyReason, StringComparison.Ordinal)).ToList();
            foreach (var w in otherKey.Count > 1 ? warnings.Except(otherKey) : warnings)
                CommandLine.Error.MarkupLine($"[yellow]warning:[/] {Markup.Escape(w)}");
            if (otherKey.Count > 1)
                CommandLine.Error.MarkupLine($"[yellow]warning:[/] {otherKey.Count} checkpoints in {Markup.Escape(checkpoints)} are not used, their points are recomputed: {LimitScan.OtherKeyReason}");
        }
        if (format != OutputFormat.Table)
        {
            new Results("figures", $"--out {dir}").Records(format, ["id", "source", "status", "seconds", "out_dir"],
                done.Select(d => (IReadOnlyList<object?>)[d.Job.Id, d.Job.Source, d.Status, d.Seconds, dir]));
            return 0;
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumn("figure").AddColumn("source").AddColumn("status");
        foreach (var (job, status, seconds) in done) table.AddRow(job.Id, job.Source, seconds is double t ? $"{status} in {Numbers.Fixed(t, 1)} s" : status);
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"SVG, PDF, PNG + CSV in [bold]{Markup.Escape(dir)}[/]");
        return 0;
    }

    /// <summary>
    /// Writes a figure's files into a temporary folder, then moves each into <paramref name="dir"/> (a rename: a reader
    /// sees the old file or the new one, and an interrupted run never leaves half a figure). Returns name → SHA-256.
    /// </summary>
    private static Dictionary<string, string> Write(Figure figure, string dir, string id)
    {
        var tmp = Path.Combine(dir, ".partial-" + id);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var written in Paths(FigureWriter.Write(figure, tmp, id)))
            {
                var name = Path.GetFileName(written);
                files[name] = RunFingerprint.HashFile(written);
                File.Move(written, Path.Combine(dir, name), overwrite: true);
            }
        }
        finally
        {
            if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);
        }
        return files;
    }

    /// <summary>True when the entry was made under <paramref name="key"/> and every file it lists is there, unchanged.</summary>
    private static bool UpToDate(ManifestEntry e, string key, string dir) =>
        e.Key == key && e.Files is { Count: > 0 } && e.Files.All(f =>
        {
            var path = Path.Combine(dir, f.Key);
            return Path.GetFileName(f.Key) == f.Key && File.Exists(path) && RunFingerprint.HashFile(path) == f.Value;
        });

    /// <summary>The manifest, or an empty one (with a warning) when it cannot be read or is not a manifest of this version.</summary>
    private static Dictionary<string, ManifestEntry> ReadManifest(string path, Action<string> warn)
    {
        if (!File.Exists(path)) return new();
        try
        {
            var m = JsonSerializer.Deserialize<Dictionary<string, ManifestEntry>>(File.ReadAllText(path));
            if (m is null) throw new JsonException("empty");
            foreach (var (id, e) in m)
                if (e is null || e.Key is null || e.Files is null || e.Files.Any(f => f.Key is null || f.Value is null))
                    throw new JsonException($"the entry of {id} is incomplete (written by an older nudm?)");
            return m;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or IOException or UnauthorizedAccessException)
        {
            warn($"{path} cannot be used ({e.Message}); every figure is recomputed and the manifest rewritten");
            return new();
        }
    }
}
