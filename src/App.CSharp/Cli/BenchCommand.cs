using System.CommandLine;
using NuDM.App.Bench;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary><c>nudm bench</c>: speed targets measured as ratios within one run (machines here are shared and noisy).</summary>
public static class BenchCommand
{
    /// <summary>The benchmark suites by name.</summary>
    private static readonly Dictionary<string, Func<int, IEnumerable<RatioResult>>> Suites = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kinematics"] = KinematicsBenchmarks.Run,
        ["xsec"] = CrossSectionBenchmarks.Run,
        ["cevns"] = CevnsBenchmarks.Run,
        ["cosmology"] = CosmologyBenchmarks.Run,
        ["scan"] = ScanBenchmarks.Run,
        ["fit"] = FitBenchmarks.Run,
        ["models"] = ModelBenchmarks.Run,
    };

    public static Command Create()
    {
        var suite = new Option<string?>("--suite") { Description = $"run one suite: {string.Join(", ", Suites.Keys)} (default: all)" };
        var rounds = NumericOption.Integer("--rounds", "interleaved rounds per comparison",
            new IntegerRange(3, 200, "a median and an interquartile range need three rounds; 200 takes minutes"), 21);
        var strict = new Option<bool>("--strict") { Description = "exit with code 1 if a target is missed" };
        var cmd = new Command("bench", "Measure speed targets as ratios (candidate ÷ reference) in one run") { suite, rounds, strict };
        var output = OutputOptions.AddTo(cmd);
        cmd.SetAction(parse => CommandLine.Guard(() => Run(parse.GetValue(suite), parse.GetValue(rounds), parse.GetValue(strict), output.Of(parse))));
        return cmd;
    }

    /// <summary>
    /// Lets the previous suite's garbage and idle thread-pool workers settle before the next suite starts, so a suite
    /// measures the same whether it runs alone or after the others (as BenchmarkDotNet does between benchmarks).
    /// </summary>
    private static void Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Thread.Sleep(250);
    }

    /// <summary>
    /// Runs the chosen suites (all when <paramref name="suite"/> is null) and prints the ratio table (ratios with two
    /// decimals: they move by tens of per cent between runs), or CSV/JSON rows (times in ns, ratios, target, met).
    /// </summary>
    public static int Run(string? suite, int rounds, bool strict, OutputFormat format = OutputFormat.Table)
    {
        if (rounds is < 3 or > 200) throw new UserInputException($"--rounds must be an integer in [3, 200], got {rounds}");
        IEnumerable<KeyValuePair<string, Func<int, IEnumerable<RatioResult>>>> chosen = Suites;
        if (suite is not null)
        {
            if (!Suites.ContainsKey(suite))
                throw new UserInputException($"--suite '{suite}' is unknown; suites: {string.Join(", ", Suites.Keys)}");
            chosen = Suites.Where(kv => string.Equals(kv.Key, suite, StringComparison.OrdinalIgnoreCase));
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumn("benchmark").AddColumn("candidate ÷ reference")
            .AddColumn(new TableColumn("ratio (IQR)").RightAligned()).AddColumn(new TableColumn("target").RightAligned()).AddColumn("");
        var results = new List<RatioResult>();
        foreach (var (name, run) in chosen)
        {
            Settle();
            foreach (var r in run(rounds))
            {
                results.Add(r);
                table.AddRow(new Text(r.Name), new Text($"{r.Candidate} ({Numbers.Significant(r.CandidateNs, 3)} ns) ÷ {r.Reference} ({Numbers.Significant(r.ReferenceNs, 3)} ns)"),
                    new Text($"{Numbers.Fixed(r.Ratio, 2)} ({Numbers.Fixed(r.RatioLow, 2)}–{Numbers.Fixed(r.RatioHigh, 2)})"), new Text($"≤ {Numbers.Significant(r.Target, 3)}"),
                    new Markup(r.MeetsTarget ? "[green]met[/]" : "[red]missed[/]"));
            }
        }
        var o = new Results("bench", $"--suite {suite ?? "all"} --rounds {rounds}");
        if (format != OutputFormat.Table)
            o.Records(format, ["benchmark", "candidate", "reference", "candidate_ns", "reference_ns", "ratio", "ratio_iqr_low", "ratio_iqr_high", "target_ratio", "met"],
                results.Select(r => (IReadOnlyList<object?>)[r.Name, r.Candidate, r.Reference, o.Positive(r.CandidateNs, "candidate time"), o.Positive(r.ReferenceNs, "reference time"),
                    o.Positive(r.Ratio, "ratio"), o.Positive(r.RatioLow, "ratio (lower quartile)"), o.Positive(r.RatioHigh, "ratio (upper quartile)"), r.Target, r.MeetsTarget]));
        else
        {
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("[grey]ratios are medians of interleaved rounds in this run; absolute ns vary with machine load[/]");
        }
        return strict && results.Any(r => !r.MeetsTarget) ? 1 : 0;
    }
}
