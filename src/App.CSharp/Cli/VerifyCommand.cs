using System.CommandLine;
using NuDM.Physics;
using NuDM.Proofs;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary>
/// <c>nudm verify</c>: runs every symbolic proof obligation and prints a table with each status (proven, FAILED,
/// UNDECIDED — the core could neither prove nor disprove it — or CRASHED). Exit codes as <c>nudm check</c>'s: 0 all
/// proven, 1 one failed (or crashed), 3 none failed but one undecided; 2 bad input.
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var filter = new Option<string?>("--filter") { Description = "run only obligations whose id contains this text" };
        var details = new Option<bool>("--details") { Description = "print what each proof showed" };
        var model = ModelOption.Create();
        model.Description = "verify a model file instead (a path, or a shipped model's name): print its obligations — the standard ones (dimensions, |M|² ≥ 0, the m_χ → 0 limit, ν/ν̄) and the file's own";
        var cmd = new Command("verify", "Run the symbolic proof obligations (limits and identities of every formula) and report them")
        {
            filter, details, model
        };
        var output = OutputOptions.AddTo(cmd);
        cmd.SetAction(parse => CommandLine.Guard(() => parse.GetValue(model) is { } file
            ? RunModel(file, parse.GetValue(filter), parse.GetValue(details), output.Of(parse))
            : Run(parse.GetValue(filter), parse.GetValue(details), output.Of(parse))));
        return cmd;
    }

    /// <summary>The exit code of a set of verdicts, as <c>nudm check</c>'s: 0 all proven, 1 one failed (disproven, or a
    /// crash: a bug), 3 none failed but one undecided (not proven, not refuted).</summary>
    internal static int ExitCode(int failed, int undecided) => failed > 0 ? 1 : undecided > 0 ? 3 : 0;

    /// <summary>
    /// Runs the obligations, prints the table (or CSV/JSON rows: one per obligation with its status, time in ms and what
    /// the proof showed), returns the exit code (<see cref="ExitCode"/>: 1 when one failed or crashed, 3 when none did
    /// but one is undecided, 0 all proven).
    /// </summary>
    public static int Run(string? filter, bool details, OutputFormat format = OutputFormat.Table)
    {
        var all = Catalogue.All.Where(o => filter is null || o.Id.Contains(filter, StringComparison.OrdinalIgnoreCase)).ToList();
        if (all.Count == 0)
            throw new UserInputException(
                $"--filter '{filter}' matches no obligation; known ids: {string.Join(", ", Catalogue.All.Select(o => o.Id))}");

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("obligation").AddColumn("equation").AddColumn("status").AddColumn(new TableColumn("time").RightAligned());
        var results = new List<ProofResult>();
        foreach (var o in all)
        {
            var r = Obligations.Run(o);
            results.Add(r);
            var status = r.Status switch
            {
                ProofStatus.Proven => "[green]proven[/]",
                ProofStatus.Undecided => "[yellow]UNDECIDED[/]",
                ProofStatus.Failed => "[red]FAILED[/]",
                _ => "[red]CRASHED[/]",
            };
            table.AddRow(
                new Markup($"[bold]{Markup.Escape(o.Id)}[/]\n{Markup.Escape(o.Title)}"),
                new Text(o.Equation),
                new Markup(status),
                new Text($"{Numbers.Fixed(r.Elapsed.TotalMilliseconds, 0)} ms"));
        }
        int exit = ExitCode(results.Count(r => r.Status is ProofStatus.Failed or ProofStatus.Crashed), results.Count(r => r.Status == ProofStatus.Undecided));
        if (format != OutputFormat.Table)
        {
            new Results("verify", filter is null ? "all obligations" : $"--filter {filter}").Records(format,
                ["id", "title", "equation", "domain", "status", "time_ms", "detail", "error"],
                results.Select(r => (IReadOnlyList<object?>)[r.Obligation.Id, r.Obligation.Title, r.Obligation.Equation, r.Obligation.Domain,
                    r.Status.ToString().ToLowerInvariant(), r.Elapsed.TotalMilliseconds, r.Detail, r.Error]));
            return exit;
        }
        AnsiConsole.Write(table);

        foreach (var r in results.Where(r => details || !r.Holds))
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(r.Obligation.Id)}[/] ({Markup.Escape(r.Obligation.Domain)})");
            AnsiConsole.WriteLine("  " + r.Detail);
            if (r.Error is not null) AnsiConsole.MarkupLine($"  [red]{Markup.Escape(r.Error)}[/]");
        }
        var total = TimeSpan.FromTicks(results.Sum(r => r.Elapsed.Ticks));
        var notProven = results.Count(r => !r.Holds);
        if (notProven == 0)
        {
            AnsiConsole.MarkupLine($"[green]{results.Count} of {results.Count} obligations proven[/] in {Numbers.Fixed(total.TotalSeconds, 2)} s");
            return 0;
        }
        // an undecided obligation is not proven, and it is not a refutation either: both are reported
        var parts = new[] { (ProofStatus.Failed, "failed"), (ProofStatus.Undecided, "undecided"), (ProofStatus.Crashed, "crashed") }
            .Select(p => (Count: results.Count(r => r.Status == p.Item1), Label: p.Item2))
            .Where(p => p.Count > 0)
            .Select(p => $"{p.Count} {p.Label}");
        AnsiConsole.MarkupLine(
            $"[red]{notProven} of {results.Count} obligations not proven[/] ({string.Join(", ", parts)}); {results.Count - notProven} proven");
        return exit;
    }

    /// <summary>
    /// Runs <c>nudm verify --model FILE</c>: reads and checks the model file (a malformed file is an error naming the
    /// file, line and column, exit code 2), runs its obligations — the standard ones every model gets and the file's
    /// own — and prints them like the core's. Exit code (<see cref="ExitCode"/>) 1 when one FAILED (every other command
    /// refuses the model), 3 when none failed but one is UNDECIDED (the other commands load it with a warning naming
    /// it), 0 when all are proven.
    /// </summary>
    public static int RunModel(string file, string? filter, bool details, OutputFormat format = OutputFormat.Table)
    {
        var d = ModelOption.Load(file, refuse: false);
        var checks = d.Checks.Where(c => filter is null || c.Id.Contains(filter, StringComparison.OrdinalIgnoreCase)).ToList();
        if (checks.Count == 0)
            throw new UserInputException($"--filter '{filter}' matches no obligation of model '{d.Model.Name}'; its ids: {string.Join(", ", d.Checks.Select(c => c.Id))}");
        static string Status(ModelCheckStatus s) => s switch
        {
            ModelCheckStatus.Proven => "proven",
            ModelCheckStatus.Undecided => "undecided",
            _ => "failed",
        };
        var notProven = checks.Count(c => !c.Holds);
        int failed = checks.Count(c => c.Status == ModelCheckStatus.Failed), undecided = checks.Count(c => c.Status == ModelCheckStatus.Undecided);
        int exit = ExitCode(failed, undecided);
        if (format != OutputFormat.Table)
        {
            new Results("verify", $"--model {file}{(filter is null ? "" : $" --filter {filter}")}").Records(format,
                ["id", "title", "statement", "status", "line", "detail"],
                checks.Select(c => (IReadOnlyList<object?>)[c.Id, c.Title, c.Statement, Status(c.Status), c.Line == 0 ? null : c.Line, c.Detail]));
            foreach (var n in d.NotDerived)
                CommandLine.Error.MarkupLine($"[yellow]{Markup.Escape(n.Name)}: not derived (absent, not zero): {Markup.Escape(n.Reason)}[/]");
            return exit;
        }
        AnsiConsole.MarkupLine($"model [bold]{Markup.Escape(d.Model.Name)}[/] from {Markup.Escape(d.File)}{(d.FromCache ? " [grey](verified before with this program: the cached verdicts)[/]" : "")}");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("obligation").AddColumn("line").AddColumn("status");
        foreach (var c in checks)
            table.AddRow(new Markup($"[bold]{Markup.Escape(c.Id)}[/]\n{Markup.Escape(c.Title)}"), new Text(c.Line == 0 ? "standard" : c.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Markup(c.Status switch { ModelCheckStatus.Proven => "[green]proven[/]", ModelCheckStatus.Undecided => "[yellow]UNDECIDED[/]", _ => "[red]FAILED[/]" }));
        AnsiConsole.Write(table);
        foreach (var c in checks.Where(c => details || !c.Holds))
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(c.Id)}[/]: {Markup.Escape(c.Statement)}");
            AnsiConsole.WriteLine("  " + c.Detail);
        }
        // processes the vertices make but the kernel does not derive yet: the model is usable for the others
        foreach (var n in d.NotDerived)
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(n.Name)}: not derived (absent, not zero)[/]: {Markup.Escape(n.Reason)}");
        if (notProven == 0)
        {
            AnsiConsole.MarkupLine($"[green]{checks.Count} of {checks.Count} obligations of model '{Markup.Escape(d.Model.Name)}' proven[/]");
            return 0;
        }
        var counts = string.Join(", ", new[] { (failed, "FAILED"), (undecided, "UNDECIDED") }.Where(p => p.Item1 > 0).Select(p => $"{p.Item1} {p.Item2}"));
        AnsiConsole.MarkupLine(failed > 0
            ? $"[red]{notProven} of {checks.Count} obligations of model '{Markup.Escape(d.Model.Name)}' not proven[/] ({counts}): the model is refused by the other commands"
            : $"[yellow]{notProven} of {checks.Count} obligations of model '{Markup.Escape(d.Model.Name)}' not proven[/] ({counts}): the other commands load the model with a warning naming each; results that use them are not certified");
        return exit;
    }
}
