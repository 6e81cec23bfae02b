using System.CommandLine;
using System.Reflection;
using System.Text.Json;
using NuDM.App.Figures;
using NuDM.App.Reproduction;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary>
/// <c>nudm figures</c>: reproduces every figure of both seed papers as SVG, PDF, PNG + CSV in the output folder, with a progress
/// bar. Finished figures are recorded in &lt;out&gt;/manifest.json and skipped on the next run unless the code or the
/// job changed (or --force), so an interrupted run resumes where it stopped.
/// </summary>
public static class FiguresCommand
{
    public static Command Create()
    {
        var outDir = new Option<string>("--out") { Description = "output folder", DefaultValueFactory = _ => "out" };
        var only = new Option<string?>("--only") { Description = "run only the figure with this id (see --list)" };
        var force = new Option<bool>("--force") { Description = "recompute figures that are up to date" };
        var list = new Option<bool>("--list") { Description = "list the figures and exit" };
        var cmd = new Command("figures", "Reproduce the seed papers' figures (SVG, PDF, PNG + CSV) into the output folder") { outDir, only, force, list };
        cmd.SetAction((parse, ct) => CommandLine.GuardAsync(() => Task.FromResult(
            Run(parse.GetValue(outDir)!, parse.GetValue(only), parse.GetValue(force), parse.GetValue(list), ct))));
        return cmd;
    }

    private sealed record ManifestEntry(string Version, string Build, string Svg, string Csv, DateTime CompletedUtc, double Seconds);

    /// <summary>A fingerprint of the code that computed a figure (deterministic builds: same source, same ids).</summary>
    private static string BuildFingerprint() =>
        string.Join("-", new[] { typeof(FiguresCommand).Assembly, typeof(NuDM.Physics.Formula).Assembly }
            .Select(a => a.ManifestModule.ModuleVersionId.ToString("N")[..8]));

    public static int Run(string outDir, string? only, bool force, bool list, CancellationToken ct)
    {
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
        Directory.CreateDirectory(dir);
        var manifestPath = Path.Combine(dir, "manifest.json");
        var manifest = File.Exists(manifestPath)
            ? JsonSerializer.Deserialize<Dictionary<string, ManifestEntry>>(File.ReadAllText(manifestPath)) ?? new()
            : new Dictionary<string, ManifestEntry>();
        var build = BuildFingerprint();
        var done = new List<(IFigureJob Job, string Status)>();

        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                foreach (var job in jobs)
                {
                    var task = ctx.AddTask(Markup.Escape(job.Id), maxValue: 1.0);
                    if (!force && manifest.TryGetValue(job.Id, out var e) && e.Version == job.Version && e.Build == build
                        && FigureWriter.Extensions.All(x => File.Exists(Path.Combine(dir, job.Id + x))))
                    {
                        task.Value = 1.0;
                        done.Add((job, "up to date"));
                        continue;
                    }
                    ct.ThrowIfCancellationRequested();
                    var sw = System.Diagnostics.Stopwatch.StartNew();
                    var checkpoints = Path.Combine(dir, ".checkpoints");
                    Directory.CreateDirectory(checkpoints);
                    var figure = job.Build(new FigureContext(new Progress<double>(p => task.Value = Math.Clamp(p, 0, 1)), ct, checkpoints));
                    // write into a temporary folder first, then move: an interrupted run never leaves half a figure
                    var tmp = Path.Combine(dir, ".partial-" + job.Id);
                    var files = FigureWriter.Write(figure, tmp, job.Id);
                    foreach (var file in files.All) File.Move(file, Path.Combine(dir, Path.GetFileName(file)), overwrite: true);
                    Directory.Delete(tmp, recursive: true);
                    manifest[job.Id] = new ManifestEntry(job.Version, build, job.Id + ".svg", job.Id + ".csv", DateTime.UtcNow, sw.Elapsed.TotalSeconds);
                    File.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }));
                    task.Value = 1.0;
                    done.Add((job, $"written in {sw.Elapsed.TotalSeconds:F1} s"));
                }
            });
        var table = new Table().Border(TableBorder.Rounded).AddColumn("figure").AddColumn("source").AddColumn("status");
        foreach (var (job, status) in done) table.AddRow(job.Id, job.Source, status);
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"SVG, PDF, PNG + CSV in [bold]{Markup.Escape(dir)}[/]");
        return 0;
    }
}
