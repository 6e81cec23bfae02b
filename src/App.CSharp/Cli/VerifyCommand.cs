using System.CommandLine;
using NuDM.Proofs;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary><c>nudm verify</c>: runs every symbolic proof obligation and prints a table; exit code 1 if any fails.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var filter = new Option<string?>("--filter") { Description = "run only obligations whose id contains this text" };
        var details = new Option<bool>("--details") { Description = "print what each proof showed" };
        var cmd = new Command("verify", "Run the symbolic proof obligations (limits and identities of every formula) and report them")
        {
            filter, details
        };
        var output = OutputOptions.AddTo(cmd);
        cmd.SetAction(parse => CommandLine.Guard(() => Run(parse.GetValue(filter), parse.GetValue(details), output.Of(parse))));
        return cmd;
    }

    /// <summary>
    /// Runs the obligations, prints the table (or CSV/JSON rows: one per obligation with its status, time in ms and what
    /// the proof showed), returns the exit code (1 if any fails).
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
            var status = r.Holds ? "[green]proven[/]" : r.Error is null ? "[red]FAILED[/]" : "[red]CRASHED[/]";
            table.AddRow(
                new Markup($"[bold]{Markup.Escape(o.Id)}[/]\n{Markup.Escape(o.Title)}"),
                new Text(o.Equation),
                new Markup(status),
                new Text($"{Numbers.Fixed(r.Elapsed.TotalMilliseconds, 0)} ms"));
        }
        var failed = results.Count(r => !r.Holds);
        if (format != OutputFormat.Table)
        {
            new Results("verify", filter is null ? "all obligations" : $"--filter {filter}").Records(format,
                ["id", "title", "equation", "domain", "status", "time_ms", "detail", "error"],
                results.Select(r => (IReadOnlyList<object?>)[r.Obligation.Id, r.Obligation.Title, r.Obligation.Equation, r.Obligation.Domain,
                    r.Holds ? "proven" : r.Error is null ? "failed" : "crashed", r.Elapsed.TotalMilliseconds, r.Detail, r.Error]));
            return failed == 0 ? 0 : 1;
        }
        AnsiConsole.Write(table);

        foreach (var r in results.Where(r => details || !r.Holds))
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(r.Obligation.Id)}[/] ({Markup.Escape(r.Obligation.Domain)})");
            AnsiConsole.WriteLine("  " + r.Detail);
            if (r.Error is not null) AnsiConsole.MarkupLine($"  [red]{Markup.Escape(r.Error)}[/]");
        }
        var total = TimeSpan.FromTicks(results.Sum(r => r.Elapsed.Ticks));
        AnsiConsole.MarkupLine(failed == 0
            ? $"[green]{results.Count} of {results.Count} obligations proven[/] in {Numbers.Fixed(total.TotalSeconds, 2)} s"
            : $"[red]{failed} of {results.Count} obligations FAILED[/]");
        return failed == 0 ? 0 : 1;
    }
}
