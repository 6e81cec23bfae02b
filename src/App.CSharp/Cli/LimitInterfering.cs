using NuDM.App.Cevns;
using NuDM.App.Experiments;
using NuDM.App.Statistics;
using NuDM.Physics;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary>
/// <c>nudm spectrum</c> and <c>nudm limit</c> for a model whose ν N → ν N interferes with the SM (no dark fermion, a
/// light Z' coupled to ν and quarks: models/light-vector.yaml). The prediction replaces the SM's; --ms is the mediator's
/// mass, --ybar its quark coupling g_q and --gnu its neutrino coupling g_ν (the names of <c>nudm xsec</c>).
/// </summary>
internal static class LimitInterfering
{
    private static InterferingCevnsModel Model(string id, FormFactorModel? ff, StatisticKind statistic)
    {
        CevnsExperiment x;
        try { x = ExperimentRegistry.Load(id); }
        catch (ArgumentException e) { throw new UserInputException($"--experiment: {e.Message.Split(" (Parameter")[0]}"); }
        return ff is null && statistic == StatisticKind.ChiSquare
            ? DataFiles.Cached("cevns.interfering." + x.Id + "|" + ModelInUse.KeyPart, () => new InterferingCevnsModel(x))
            : new InterferingCevnsModel(x, ff, statistic: statistic);
    }

    /// <summary>A flavour's column name: nu_e, nu_mu, nubar_mu, …</summary>
    internal static string FlavourName(NeutrinoFlavour f) => f switch
    {
        NeutrinoFlavour.ElectronNeutrino => "nu_e",
        NeutrinoFlavour.MuonNeutrino => "nu_mu",
        NeutrinoFlavour.TauNeutrino => "nu_tau",
        NeutrinoFlavour.ElectronAntineutrino => "nubar_e",
        NeutrinoFlavour.MuonAntineutrino => "nubar_mu",
        NeutrinoFlavour.TauAntineutrino => "nubar_tau",
        _ => f.ToString(),
    };

    /// <summary>
    /// The spectrum: per bin the SM prediction (the model's ν N → ν N at g_ν = g_q = 0), the prediction with the mediator
    /// (SM + mediator, interfering) and its share per flavour, the background and the data. Counts in events per bin.
    /// </summary>
    public static int Spectrum(string id, double gnu, double gq, double mediatorMass, FormFactorModel? ff, OutputFormat format)
    {
        var model = Model(id, ff, StatisticKind.ChiSquare);
        var d = model.Definition;
        var nu = KernelPhysics.NeutrinoCoupling;
        var o = new Results("spectrum", $"--experiment {id} --gnu {Results.Echo(gnu)} --ybar {Results.Echo(gq)} --ms {Results.Echo(mediatorMass)}, form factor {model.FormFactor}, --model {d.File}");
        var s = model.SpectrumAt(mediatorMass, gnu, gq);
        var edges = s.ObservableEdges;
        var unit = model.Experiment.Bins.Unit;
        var flavourNames = s.Flavours.Select(FlavourName).ToArray();
        var rows = new List<IReadOnlyList<object?>>();
        for (int i = 0; i < s.StandardModel.Length; i++)
        {
            var row = new List<object?> { o.Value(edges[i], "bin edge"), o.Value(edges[i + 1], "bin edge"), o.Value(s.StandardModel[i], "SM counts"),
                o.Value(s.Predicted[i], "SM + mediator counts") };
            for (int k = 0; k < s.Flavours.Count; k++) row.Add(o.Value(s.PredictedByFlavour[k][i], $"SM + mediator counts ({flavourNames[k]})"));
            row.Add(o.Value(s.Background[i], "background"));
            row.Add(s.Observed is null ? null : o.Value(s.Observed[i], "observed"));
            rows.Add(row);
        }
        string[] cols = [$"lo_{unit}", $"hi_{unit}", "SM", "SM_and_mediator", .. flavourNames.Select(f => $"SM_and_mediator_{f}"), "background", "observed"];
        if (format != OutputFormat.Table)
        {
            o.Records(format, cols, rows);
            return 0;
        }
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(model.Experiment.Name)}[/], model '{Markup.Escape(d.Model.Name)}': {Markup.Escape(d.MediatorMass.Symbol)} = {Results.Echo(mediatorMass)} MeV, " +
            $"{Markup.Escape(nu.Symbol)} = {Results.Echo(gnu, 3)}, {Markup.Escape(d.EffectiveCoupling.Symbol)} = {Results.Echo(gq, 3)}, form factor {model.FormFactor}");
        AnsiConsole.MarkupLine("[grey]ν N → ν N with the SM and the mediator interfering replaces the SM prediction; SM: the same derived cross section at zero couplings. " +
            $"Every flavour ({string.Join(", ", flavourNames)}) scatters with the same dσ/dT (a universal vector coupling to ν_L; a vector nuclear current treats ν and ν̄ alike)[/]");
        var t = new Table().Border(TableBorder.Rounded).AddColumn($"bin [[{Markup.Escape(unit)}]]")
            .AddColumn(new TableColumn("SM").RightAligned()).AddColumn(new TableColumn("SM + mediator").RightAligned());
        foreach (var f in flavourNames) t.AddColumn(new TableColumn(Markup.Escape(f)).RightAligned());
        t.AddColumn(new TableColumn("background").RightAligned()).AddColumn(new TableColumn("observed").RightAligned());
        for (int i = 0; i < s.StandardModel.Length; i++)
        {
            var cells = new List<string> { $"{o.Text(edges[i], "bin edge")}–{o.Text(edges[i + 1], "bin edge")}", o.Fixed(s.StandardModel[i], 2, "SM counts"), o.Fixed(s.Predicted[i], 2, "SM + mediator counts") };
            for (int k = 0; k < s.Flavours.Count; k++) cells.Add(o.Fixed(s.PredictedByFlavour[k][i], 2, "SM + mediator counts"));
            cells.Add(o.Fixed(s.Background[i], 2, "background"));
            cells.Add(s.Observed is null ? Results.Missing : o.Fixed(s.Observed[i], 2, "observed"));
            t.AddRow(cells.ToArray());
        }
        var total = new List<string> { "[bold]total[/]", $"[bold]{o.Fixed(s.StandardModel.Sum(), 2, "SM total")}[/]", $"[bold]{o.Fixed(s.Predicted.Sum(), 2, "SM + mediator total")}[/]" };
        for (int k = 0; k < s.Flavours.Count; k++) total.Add(o.Fixed(s.PredictedByFlavour[k].Sum(), 2, "SM + mediator total"));
        total.Add(o.Fixed(s.Background.Sum(), 2, "background total"));
        total.Add(s.Observed is null ? Results.Missing : o.Fixed(s.Observed.Sum(), 2, "observed total"));
        t.AddRow(total.ToArray());
        AnsiConsole.Write(t);
        return 0;
    }

    /// <summary>
    /// The limit: at each mediator mass the intervals of g = g_ν = g_q excluded at 90 % CL (Δχ² relative to the SM ≥ 2.706),
    /// found without assuming monotonicity (<see cref="InterferingCevnsModel.Scan"/>), in parallel over the masses. Rows
    /// of CSV/JSON: the mass, the lowest excluded g, the first allowed island above it (if any), the best fit and the
    /// whole outcome in words. Not checkpointed: a 40-point curve takes well under a second.
    /// </summary>
    public static int Limit(string id, double? from, double? to, int points, bool asimov, FormFactorModel? ff, OutputFormat format,
        CancellationToken ct, StatisticKind statistic, Action<double>? hook)
    {
        var model = Model(id, ff, statistic);
        var d = model.Definition;
        if (statistic == StatisticKind.Poisson && ExperimentStatistics.PoissonObstacle(model.Experiment, asimov) is { } why)
            throw new UserInputException($"--statistic poisson on {model.Experiment.Id}: {why}; add --asimov (a sensitivity) or use --statistic chi2");
        var xs = LimitScanRun.MassGrid("ms", from, to, points, model.Experiment.Source.Kind == NeutrinoSourceKind.Reactor, out var lo, out var hi);
        var inputs = $"--experiment {model.Experiment.Id} --vary ms --from {Results.Echo(lo)} --to {Results.Echo(hi)} --points {points}{(asimov ? " --asimov" : "")} " +
            $"--statistic {(statistic == StatisticKind.Poisson ? "poisson" : "chi2")} --form-factor {model.FormFactor} --model {d.File} ({model.ModelKey})";
        CouplingScan[] scans;
        int shown = -1;
        try
        {
            scans = model.ScanMasses(xs, asimov, finished =>
            {
                double fraction = finished / (double)xs.Length;
                lock (xs)
                {
                    int tenth = (int)Math.Floor(fraction * 10 + 1e-9);
                    if (tenth > shown)
                    {
                        shown = tenth;
                        CommandLine.Error.WriteLine($"limits: {tenth * 10}% ({finished} of {xs.Length} points)");
                    }
                    hook?.Invoke(fraction);
                }
            }, ct);
        }
        catch (OperationCanceledException e)
        {
            throw new RunInterruptedException("the interfering-model limit is not checkpointed (a curve takes about a second): run the command again", e);
        }

        var o = new Results("limit", inputs);
        var mName = $"{d.MediatorMass.Symbol}_MeV";
        IReadOnlyList<object?> Row(CouplingScan s)
        {
            var island = s.Islands.Count > 0 ? s.Islands[0] : (CouplingInterval?)null;
            return [o.Value(s.MediatorMass, mName), o.Optional(s.LowestExcluded, "lowest excluded g"),
                island is { } a ? o.Positive(a.Lower, "island lower end") : null, island is { } b ? o.Positive(b.Upper, "island upper end") : null,
                o.Positive(s.BestFitCoupling, "best-fit g"), o.Value(s.BestFitDeltaChiSquare, "Δχ² at the best fit"), s.Describe()];
        }
        if (format != OutputFormat.Table)
        {
            o.Records(format, [mName, "g_90CL", "island_lo", "island_hi", "best_fit_g", "delta_chi2_best", "status"], scans.Select(Row));
            return 0;
        }
        var nu = KernelPhysics.NeutrinoCoupling;
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(model.Experiment.Name)}[/], model '{Markup.Escape(d.Model.Name)}': 90% CL on g = {Markup.Escape(nu.Symbol)} = {Markup.Escape(d.EffectiveCoupling.Symbol)} " +
            $"({Markup.Escape(nu.Symbol)}·{Markup.Escape(d.EffectiveCoupling.Symbol)} = g² > 0){(asimov || model.Experiment.Observed is null ? " (sensitivity, Asimov data)" : "")}, " +
            $"{(statistic == StatisticKind.Poisson ? "Poisson likelihood" : "χ² of seed 001 eq. (2.29)")}: excluded where Δχ² relative to the SM ≥ 2.706");
        AnsiConsole.MarkupLine("[grey]the prediction is not monotonic in g: the interference is destructive at small g, and an allowed island (Q' ≈ −Q_W) may lie above the lowest excluded g[/]");
        var t = new Table().Border(TableBorder.Rounded).AddColumn($"{Markup.Escape(d.MediatorMass.Symbol)} [[MeV]]").AddColumn(new TableColumn("lowest excluded g").RightAligned())
            .AddColumn(new TableColumn("allowed island").RightAligned()).AddColumn(new TableColumn("best fit g (Δχ²)").RightAligned());
        foreach (var s in scans)
        {
            var r = Row(s);
            string island = r[2] is double a && r[3] is double b ? $"{Numbers.Significant(a)}–{Numbers.Significant(b)}" : Results.Missing;
            t.AddRow(o.Text(s.MediatorMass, mName), r[1] is double g ? Numbers.Significant(g) : Results.Missing, island,
                $"{Numbers.Significant(s.BestFitCoupling)} ({Numbers.Significant(s.BestFitDeltaChiSquare)})");
        }
        AnsiConsole.Write(t);
        return 0;
    }
}
