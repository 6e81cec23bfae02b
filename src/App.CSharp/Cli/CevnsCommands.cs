using System.CommandLine;
using NuDM.App.Cevns;
using NuDM.App.Experiments;
using NuDM.App.Figures;
using NuDM.App.Statistics;
using NuDM.Physics;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary><c>nudm spectrum</c> and <c>nudm limit</c>: CEvNS event rates and 90% CL limits on ȳ (seed 001 sec. 2.3).</summary>
public static class CevnsCommands
{
    private static Option<string> ExperimentOption() => new("--experiment")
    {
        Description = $"experiment id: {string.Join(", ", ExperimentRegistry.Ids)}",
        Required = true,
    };

    private static Option<FormFactorModel?> FormFactorOption() => new("--form-factor")
    {
        Description = "nuclear form factor (Unity, Helm, KleinNystrand); default: Unity for reactors, KleinNystrand for pion decay at rest",
    };

    private static CevnsModel Model(string id, FormFactorModel? ff, StatisticKind statistic = StatisticKind.ChiSquare)
    {
        CevnsExperiment x;
        try { x = ExperimentRegistry.Load(id); }
        catch (ArgumentException e) { throw new UserInputException($"--experiment: {e.Message.Split(" (Parameter")[0]}"); }
        return ff is null && statistic == StatisticKind.ChiSquare ? LimitCurves.Model(x.Id) : new CevnsModel(x, ff, statistic: statistic);
    }

    /// <summary>The spectrum command.</summary>
    public static Command Spectrum()
    {
        var exp = ExperimentOption();
        var ybar = new Option<double>("--ybar") { Description = "ȳ = sqrt(y_χ y_N / A) (seed 001 eq. 2.19); 0 = SM only", DefaultValueFactory = _ => 0.0 };
        var mchi = new Option<double>("--mchi") { Description = "m_χ in MeV", DefaultValueFactory = _ => 0.0 };
        var ms = new Option<double>("--ms") { Description = "mediator mass m_S in MeV", DefaultValueFactory = _ => 0.0 };
        var ff = FormFactorOption();
        var csv = new Option<bool>("--csv") { Description = "CSV to standard output" };
        var cmd = new Command("spectrum", "SM and νN → χN counts per bin for an experiment, and the totals") { exp, ybar, mchi, ms, ff, csv };
        cmd.SetAction(p => CommandLine.Guard(() => RunSpectrum(p.GetValue(exp)!, p.GetValue(ybar), p.GetValue(mchi), p.GetValue(ms), p.GetValue(ff), p.GetValue(csv))));
        return cmd;
    }

    public static int RunSpectrum(string id, double ybar, double mchi, double ms, FormFactorModel? ff, bool csv)
    {
        Require.NonNegative("--ybar", ybar);
        Require.NonNegative("--mchi", mchi, "MeV");
        Require.NonNegative("--ms", ms, "MeV");
        var model = Model(id, ff);
        var s = model.SpectrumAt(ybar, mchi, ms);
        var edges = s.ObservableEdges;
        var unit = model.Experiment.Bins.Unit;
        var rows = new List<IReadOnlyList<object?>>();
        for (int i = 0; i < s.StandardModel.Length; i++)
            rows.Add([edges[i], edges[i + 1], s.StandardModel[i], s.NewPhysics[i], s.Background[i], s.Observed is null ? null : s.Observed[i]]);
        string[] cols = [$"lo_{unit}", $"hi_{unit}", "SM", "new_physics", "background", "observed"];
        if (csv)
        {
            FigureWriter.WriteCsv(Console.Out, cols, rows);
            return 0;
        }
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(model.Experiment.Name)}[/]  ȳ = {ybar:G3}, m_χ = {mchi} MeV, m_S = {ms} MeV, form factor {model.FormFactor}");
        if (ybar > 0 && mchi >= model.MaxNeutrinoEnergy)
            AnsiConsole.MarkupLine($"[yellow]m_χ ≥ the largest neutrino energy ({model.MaxNeutrinoEnergy:G4} MeV): no χ is produced[/]");
        var t = new Table().Border(TableBorder.Rounded).AddColumn($"bin [[{Markup.Escape(unit)}]]")
            .AddColumn(new TableColumn("SM").RightAligned()).AddColumn(new TableColumn("νN→χN").RightAligned())
            .AddColumn(new TableColumn("background").RightAligned()).AddColumn(new TableColumn("observed").RightAligned());
        for (int i = 0; i < s.StandardModel.Length; i++)
            t.AddRow($"{edges[i]:G4}–{edges[i + 1]:G4}", $"{s.StandardModel[i]:F3}", $"{s.NewPhysics[i]:F3}", $"{s.Background[i]:F2}",
                s.Observed is null ? "—" : $"{s.Observed[i]:F2}");
        t.AddRow("[bold]total[/]", $"[bold]{s.StandardModel.Sum():F2}[/]", $"[bold]{s.NewPhysics.Sum():F2}[/]", $"{s.Background.Sum():F1}",
            s.Observed is null ? "—" : $"{s.Observed.Sum():F1}");
        AnsiConsole.Write(t);
        return 0;
    }

    /// <summary>The limit command.</summary>
    public static Command Limit()
    {
        var exp = ExperimentOption();
        var vary = new Option<string>("--vary") { Description = "scan variable: mchi (ȳ–m_χ at fixed --ms) or ms (ȳ–m_S at fixed --mchi)", Required = true };
        vary.AcceptOnlyFromAmong("mchi", "ms");
        var mchi = new Option<double>("--mchi") { Description = "fixed m_χ in MeV (with --vary ms)", DefaultValueFactory = _ => 0.0 };
        var ms = new Option<double>("--ms") { Description = "fixed m_S in MeV (with --vary mchi)", DefaultValueFactory = _ => 0.0 };
        var from = new Option<double?>("--from") { Description = "scan start in MeV (default 0.1)" };
        var to = new Option<double?>("--to") { Description = "scan end in MeV (default: 60 for mchi with pion DAR, 12 with reactors; 1000 for ms)" };
        var points = new Option<int>("--points") { Description = "scan points, logarithmically spaced (2–2000)", DefaultValueFactory = _ => 40 };
        var asimov = new Option<bool>("--asimov") { Description = "sensitivity: fit SM Asimov data instead of the published data" };
        var statistic = new Option<string>("--statistic")
        {
            Description = "chi2: the χ² with pulls of seed 001 eq. (2.29); poisson: Poisson likelihood ratio with the normalisation pull (needs counts: with --asimov, or data that are not background-subtracted)",
            DefaultValueFactory = _ => "chi2",
        };
        statistic.AcceptOnlyFromAmong("chi2", "poisson");
        var ff = FormFactorOption();
        var csv = new Option<bool>("--csv") { Description = "CSV to standard output" };
        var cmd = new Command("limit", "90% CL upper limit on ȳ as a curve in m_χ or m_S (Δχ² = 2.706, seed 001 eq. 2.29)")
        {
            exp, vary, mchi, ms, from, to, points, asimov, statistic, ff, csv
        };
        cmd.SetAction((p, ct) => CommandLine.GuardAsync(() => Task.FromResult(RunLimit(p.GetValue(exp)!, p.GetValue(vary)!, p.GetValue(mchi), p.GetValue(ms),
            p.GetValue(from), p.GetValue(to), p.GetValue(points), p.GetValue(asimov), p.GetValue(ff), p.GetValue(csv), ct,
            p.GetValue(statistic) == "poisson" ? StatisticKind.Poisson : StatisticKind.ChiSquare))));
        return cmd;
    }

    /// <summary>Runs <c>nudm limit</c>: the 90% CL curve on ȳ against m_χ (at fixed m_S) or m_S (at fixed m_χ), masses in MeV.</summary>
    public static int RunLimit(string id, string vary, double mchi, double ms, double? from, double? to, int points, bool asimov,
        FormFactorModel? ff, bool csv, CancellationToken ct, StatisticKind statistic = StatisticKind.ChiSquare)
    {
        Require.NonNegative("--mchi", mchi, "MeV");
        Require.NonNegative("--ms", ms, "MeV");
        Require.InRange("--points", points, 2, 2000);
        var model = Model(id, ff, statistic);
        if (statistic == StatisticKind.Poisson && ExperimentStatistics.PoissonObstacle(model.Experiment, asimov) is { } why)
            throw new UserInputException($"--statistic poisson on {model.Experiment.Id}: {why}; add --asimov (a sensitivity) or use --statistic chi2");
        var lo = Require.Positive("--from", from ?? 0.1, "MeV");
        var defaultTo = vary == "mchi" ? (model.Experiment.Source.Kind == "reactor" ? 12.0 : 60.0) : 1000.0;
        var hi = Require.Positive("--to", to ?? defaultTo, "MeV");
        if (hi <= lo) throw new UserInputException($"--to ({hi}) must be larger than --from ({lo})");
        var xs = LimitCurves.LogSpace(lo, hi, points);
        LimitCurve curve = null!;
        void Compute(Action<double>? progress) => curve = vary == "mchi"
            ? LimitCurves.VersusFermionMass(model, ms, xs, $"m_S = {ms} MeV", asimov, null, progress, ct)
            : LimitCurves.VersusMediatorMass(model, mchi, xs, $"m_χ = {mchi} MeV", asimov, null, progress, ct);
        if (csv) Compute(null);
        else AnsiConsole.Progress().Start(ctx => { var task = ctx.AddTask("limits", maxValue: 1.0); Compute(f => task.Value = f); });
        var xName = vary == "mchi" ? "m_chi_MeV" : "m_S_MeV";
        if (csv)
        {
            FigureWriter.WriteCsv(Console.Out, [xName, "ybar_90CL", "status"],
                curve.X.Select((x, i) => (IReadOnlyList<object?>)[x, double.IsNaN(curve.Limit[i]) ? null : curve.Limit[i], curve.Notes[i]]));
            return 0;
        }
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(model.Experiment.Name)}[/]: 90% CL on ȳ, {(vary == "mchi" ? $"m_S = {ms} MeV" : $"m_χ = {mchi} MeV")}{(asimov || model.Experiment.Observed is null ? " (sensitivity, Asimov data)" : "")}, {(statistic == StatisticKind.Poisson ? "Poisson likelihood" : "χ² of seed 001 eq. (2.29)")}");
        var t = new Table().Border(TableBorder.Rounded).AddColumn(vary == "mchi" ? "m_χ [[MeV]]" : "m_S [[MeV]]").AddColumn(new TableColumn("ȳ (90% CL)").RightAligned());
        for (int i = 0; i < curve.X.Length; i++)
            t.AddRow($"{curve.X[i]:G4}", double.IsNaN(curve.Limit[i]) ? $"[grey]{Markup.Escape(curve.Notes[i])}[/]" : $"{curve.Limit[i]:E3}");
        AnsiConsole.Write(t);
        return 0;
    }
}
