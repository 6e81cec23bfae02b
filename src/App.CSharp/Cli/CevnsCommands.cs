using System.CommandLine;
using NuDM.App.Cevns;
using NuDM.App.Experiments;
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
        var ybar = NumericOption.WithDefault("--ybar", "ȳ = sqrt(y_χ y_N / A) (seed 001 eq. 2.19); 0 = SM only", PhysicalRanges.EffectiveCouplingOrZero, 0.0);
        var mchi = NumericOption.WithDefault("--mchi", "m_χ in MeV", PhysicalRanges.FermionMass, 0.0);
        var ms = NumericOption.WithDefault("--ms", "mediator mass m_S in MeV", PhysicalRanges.MediatorMass, 0.0);
        var ff = FormFactorOption();
        var gnu = NumericOption.WithDefault("--gnu", "a light vector's coupling to the neutrino g_ν (models without a dark fermion, e.g. --model light-vector: ν N → ν N interfering with the SM replaces the SM prediction; --ybar is then g_q, --ms the Z' mass)", PhysicalRanges.SignedCoupling, 0.0);
        var cmd = new Command("spectrum", "SM and νN → χN counts per bin for an experiment, and the totals (with --model light-vector: the interfering SM + Z' prediction beside the SM's, per flavour)") { exp, ybar, mchi, ms, ff, gnu };
        var output = OutputOptions.AddTo(cmd);
        cmd.SetAction(p => CommandLine.Guard(() => RunSpectrum(p.GetValue(exp)!, p.GetValue(ybar), p.GetValue(mchi), p.GetValue(ms), p.GetValue(ff), output.Of(p), p.GetValue(gnu))));
        ModelOption.AddTo(cmd);
        return cmd;
    }

    /// <summary>
    /// Runs <c>nudm spectrum</c>: counts per bin (SM, νN → χN, background, observed) for ȳ, m_χ and m_S (MeV). Rows of
    /// CSV/JSON: bin edges in the experiment's observable unit, counts in events per bin; the table prints counts with
    /// two decimals.
    /// </summary>
    public static int RunSpectrum(string id, double ybar, double mchi, double ms, FormFactorModel? ff, OutputFormat format, double gnu = 0.0)
    {
        PhysicalRanges.EffectiveCouplingOrZero.Check("--ybar", ybar);
        PhysicalRanges.FermionMass.Check("--mchi", mchi);
        PhysicalRanges.MediatorMass.Check("--ms", ms);
        PhysicalRanges.SignedCoupling.Check("--gnu", gnu);
        if (KernelPhysics.IsInterferingModel)
        {
            if (mchi != 0) throw new UserInputException($"--mchi does not apply: model '{ModelInUse.Model.Name}' has no dark fermion (its ν N → ν N interferes with the SM; --gnu, --ybar = g_q and --ms = the mediator mass set it)");
            return LimitInterfering.Spectrum(id, gnu, ybar, ms, ff, format);
        }
        if (gnu != 0) throw new UserInputException("--gnu applies to a model without a dark fermion whose mediator interferes with the SM (e.g. --model light-vector)");
        var model = Model(id, ff);
        var o = new Results("spectrum", $"--experiment {id} --ybar {Results.Echo(ybar)} --mchi {Results.Echo(mchi)} --ms {Results.Echo(ms)}, form factor {model.FormFactor}");
        var s = model.SpectrumAt(ybar, mchi, ms);
        var edges = s.ObservableEdges;
        var unit = model.Experiment.Bins.Unit;
        var rows = new List<IReadOnlyList<object?>>();
        for (int i = 0; i < s.StandardModel.Length; i++)
            rows.Add([o.Value(edges[i], "bin edge"), o.Value(edges[i + 1], "bin edge"), o.Value(s.StandardModel[i], "SM counts"),
                o.Value(s.NewPhysics[i], "νN → χN counts"), o.Value(s.Background[i], "background"), s.Observed is null ? null : o.Value(s.Observed[i], "observed")]);
        string[] cols = [$"lo_{unit}", $"hi_{unit}", "SM", "new_physics", "background", "observed"];
        if (format != OutputFormat.Table)
        {
            o.Records(format, cols, rows);
            return 0;
        }
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(model.Experiment.Name)}[/]  ȳ = {Results.Echo(ybar, 3)}, m_χ = {Results.Echo(mchi)} MeV, m_S = {Results.Echo(ms)} MeV, form factor {model.FormFactor}");
        if (ybar > 0 && mchi >= model.MaxNeutrinoEnergy)
            AnsiConsole.MarkupLine($"[yellow]m_χ ≥ the largest neutrino energy ({o.Text(model.MaxNeutrinoEnergy, "largest neutrino energy")} MeV): no χ is produced[/]");
        var t = new Table().Border(TableBorder.Rounded).AddColumn($"bin [[{Markup.Escape(unit)}]]")
            .AddColumn(new TableColumn("SM").RightAligned()).AddColumn(new TableColumn("νN→χN").RightAligned())
            .AddColumn(new TableColumn("background").RightAligned()).AddColumn(new TableColumn("observed").RightAligned());
        for (int i = 0; i < s.StandardModel.Length; i++)
            t.AddRow($"{o.Text(edges[i], "bin edge")}–{o.Text(edges[i + 1], "bin edge")}", o.Fixed(s.StandardModel[i], 2, "SM counts"),
                o.Fixed(s.NewPhysics[i], 2, "νN → χN counts"), o.Fixed(s.Background[i], 2, "background"),
                s.Observed is null ? Results.Missing : o.Fixed(s.Observed[i], 2, "observed"));
        t.AddRow("[bold]total[/]", $"[bold]{o.Fixed(s.StandardModel.Sum(), 2, "SM total")}[/]", $"[bold]{o.Fixed(s.NewPhysics.Sum(), 2, "νN → χN total")}[/]",
            o.Fixed(s.Background.Sum(), 2, "background total"), s.Observed is null ? Results.Missing : o.Fixed(s.Observed.Sum(), 2, "observed total"));
        AnsiConsole.Write(t);
        return 0;
    }

    /// <summary>The limit command.</summary>
    public static Command Limit()
    {
        var exp = ExperimentOption();
        var vary = new Option<string>("--vary") { Description = "scan variable: mchi (ȳ–m_χ at fixed --ms) or ms (ȳ–m_S at fixed --mchi; with --model light-vector: g = g_ν = g_q against the Z' mass, the excluded and allowed intervals of g)", Required = true };
        vary.AcceptOnlyFromAmong("mchi", "ms");
        var mchi = NumericOption.WithDefault("--mchi", "fixed m_χ in MeV (with --vary ms)", PhysicalRanges.FermionMass, 0.0);
        var ms = NumericOption.WithDefault("--ms", "fixed m_S in MeV (with --vary mchi)", PhysicalRanges.MediatorMass, 0.0);
        var from = NumericOption.Optional("--from", "scan start in MeV (default 0.1; with --vary mchi at most 200 MeV, see --mchi)", PhysicalRanges.ScanMass);
        var to = NumericOption.Optional("--to", "scan end in MeV (default: 60 for mchi with pion DAR, 12 with reactors; 1000 for ms; with --vary mchi at most 200 MeV)", PhysicalRanges.ScanMass);
        var points = NumericOption.Integer("--points", "scan points, logarithmically spaced", new IntegerRange(2, 2000, "a curve needs two points; 2000 is far finer than any limit varies"), 40);
        var asimov = new Option<bool>("--asimov") { Description = "sensitivity: fit SM Asimov data instead of the published data" };
        var statistic = new Option<string>("--statistic")
        {
            Description = "chi2: the χ² with pulls of seed 001 eq. (2.29); poisson: Poisson likelihood ratio with the normalisation pull (needs counts: with --asimov, or data that are not background-subtracted)",
            DefaultValueFactory = _ => "chi2",
        };
        statistic.AcceptOnlyFromAmong("chi2", "poisson");
        var ff = FormFactorOption();
        var likelihood = new Option<string>("--likelihood")
        {
            Description = "energy-only: the experiment file's energy bins (one experiment: the --statistic of seed 001; several, or a published one-bin count: " +
                          "a Poisson profile likelihood); energy-time: the binned Poisson likelihood in energy × arrival time with profiled nuisances " +
                          "(experiments whose file has an energy_time section: coherent-csi-2021 in PE × time, coherent-lar-2020 in energy × F90 × time). Several experiments (--experiment a,b) form one joint likelihood " +
                          "sharing nuisances by name (the SNS flux is one parameter); the limit is where the profiled −2 ln L rises by 2.706 above its minimum over ȳ ≥ 0",
            DefaultValueFactory = _ => "energy-only",
        };
        likelihood.AcceptOnlyFromAmong("energy-only", "energy-time");
        var force = new Option<bool>("--force") { Description = "recompute every point: do not resume from the checkpoint" };
        var wait = new Option<bool>("--wait") { Description = "if the same scan is running elsewhere, wait for it instead of failing" };
        var cmd = new Command("limit",
            "90% CL upper limit on ȳ as a curve in m_χ or m_S (Δχ² = 2.706, seed 001 eq. 2.29). Finished points are checkpointed in " +
            "$NUDM_CACHE/limit, else $XDG_CACHE_HOME/nudm/limit, else ~/.cache/nudm/limit (one file per experiment, options, data and " +
            "program version), so the same command resumes after an interruption")
        {
            exp, vary, mchi, ms, from, to, points, asimov, statistic, ff, likelihood, force, wait
        };
        var output = OutputOptions.AddTo(cmd);
        cmd.Validators.Add(r =>
        {
            var v = OptionRules.ValueOrDefault(r, vary);
            if (v == "mchi" && OptionRules.Given(r, mchi))
                r.AddError("--mchi cannot be combined with --vary mchi: the scan varies m_χ (give its range with --from/--to; --ms fixes m_S)");
            if (v == "ms" && OptionRules.Given(r, ms))
                r.AddError("--ms cannot be combined with --vary ms: the scan varies m_S (give its range with --from/--to; --mchi fixes m_χ)");
            var scanned = v == "mchi" ? PhysicalRanges.FermionMass : PhysicalRanges.MediatorMass;
            foreach (var (option, name) in new[] { (from, "--from"), (to, "--to") })
                if (OptionRules.ValueOrDefault(r, option) is double x && !scanned.Contains(x))
                    r.AddError($"with --vary {v}: {scanned.Refusal(name, x)}");
            bool profile = OptionRules.ValueOrDefault(r, likelihood) == "energy-time" || (OptionRules.ValueOrDefault(r, exp) ?? "").Contains(',');
            if (profile && OptionRules.Given(r, statistic))
                r.AddError("--statistic applies to the energy-only limit of one experiment; the energy-time and joint limits are profile likelihoods");
            if (profile && OptionRules.Given(r, ff))
                r.AddError("--form-factor applies to the energy-only limit of one experiment; the likelihoods' templates use each experiment's default form factor");
        });
        cmd.SetAction((p, ct) => CommandLine.GuardAsync(() => Task.FromResult(RunLimit(p.GetValue(exp)!, p.GetValue(vary)!, p.GetValue(mchi), p.GetValue(ms),
            p.GetValue(from), p.GetValue(to), p.GetValue(points), p.GetValue(asimov), p.GetValue(ff), output.Of(p), ct,
            p.GetValue(statistic) == "poisson" ? StatisticKind.Poisson : StatisticKind.ChiSquare, p.GetValue(force), p.GetValue(wait),
            p.GetValue(likelihood) ?? "energy-only"))));
        ModelOption.AddTo(cmd);
        return cmd;
    }

    /// <summary>Test hook: told the fraction of the scan done after every point (lets a test cancel mid-scan).</summary>
    internal static Action<double>? ProgressHook { get; set; }

    /// <summary>
    /// Runs <c>nudm limit</c>: the 90% CL curve on ȳ against m_χ (at fixed m_S) or m_S (at fixed m_χ), masses in MeV.
    /// Finished points are checkpointed in the cache folder (<see cref="CacheFolder"/>) under a key over the options,
    /// the data and the program, so the same command resumes after an interruption; progress and notes go to standard error.
    /// Rows of CSV/JSON: the scanned mass in MeV, the limit on ȳ (empty/null without a constraint) and its status.
    /// </summary>
    public static int RunLimit(string id, string vary, double mchi, double ms, double? from, double? to, int points, bool asimov,
        FormFactorModel? ff, OutputFormat format, CancellationToken ct, StatisticKind statistic = StatisticKind.ChiSquare, bool force = false, bool wait = false,
        string likelihood = "energy-only")
    {
        if (vary is not ("mchi" or "ms")) throw new UserInputException($"--vary must be mchi or ms, got '{vary}'");
        if (likelihood is not ("energy-only" or "energy-time")) throw new UserInputException($"--likelihood must be energy-only or energy-time, got '{likelihood}'");
        PhysicalRanges.FermionMass.Check("--mchi", mchi);
        PhysicalRanges.MediatorMass.Check("--ms", ms);
        if (points is < 2 or > 2000) throw new UserInputException($"--points must be an integer in [2, 2000], got {points}");
        var ids = ProfileLimitCommand.ParseIds(id);
        if (KernelPhysics.IsInterferingModel)
        {
            var name = ModelInUse.Model.Name;
            if (vary != "ms") throw new UserInputException($"--vary mchi does not apply: model '{name}' has no dark fermion; vary its mediator's mass with --vary ms");
            if (mchi != 0) throw new UserInputException($"--mchi does not apply: model '{name}' has no dark fermion");
            if (ProfileLimitCommand.Applies(ids, likelihood))
                throw new UserInputException($"model '{name}': the limits of an interfering prediction are computed for one experiment with --likelihood energy-only; " +
                    "the profile likelihoods (energy-time, several experiments, one-bin counts) add ν N → χ N templates on top of the SM and are not wired for it");
            return LimitInterfering.Limit(id, from, to, points, asimov, ff, format, ct, statistic, ProgressHook);
        }
        if (ProfileLimitCommand.Applies(ids, likelihood))
        {
            if (ff is not null) throw new UserInputException("--form-factor applies to the energy-only limit of one experiment");
            if (statistic != StatisticKind.ChiSquare) throw new UserInputException("--statistic applies to the energy-only limit of one experiment");
            return ProfileLimitCommand.Run(ids, likelihood, vary, mchi, ms, from, to, points, asimov, format, ct, force, wait, ProgressHook);
        }
        var model = Model(id, ff, statistic);
        if (statistic == StatisticKind.Poisson && ExperimentStatistics.PoissonObstacle(model.Experiment, asimov) is { } why)
            throw new UserInputException($"--statistic poisson on {model.Experiment.Id}: {why}; add --asimov (a sensitivity) or use --statistic chi2");
        var xs = LimitScanRun.MassGrid(vary, from, to, points, model.Experiment.Source.Kind == NuDM.Physics.NeutrinoSourceKind.Reactor, out var lo, out var hi);
        var fixedName = vary == "mchi" ? "--ms" : "--mchi";
        var fixedValue = vary == "mchi" ? ms : mchi;
        var inputs = $"--experiment {model.Experiment.Id} --vary {vary} {fixedName} {Results.Echo(fixedValue)} --from {Results.Echo(lo)} --to {Results.Echo(hi)} " +
            $"--points {points}{(asimov ? " --asimov" : "")} --statistic {(statistic == StatisticKind.Poisson ? "poisson" : "chi2")} --form-factor {model.FormFactor}" +
            (model.Definition.IsBuiltIn ? "" : $" --model {model.Definition.File} ({model.ModelKey})");

        // the checkpoint: one file per options, data and program (the key), locked for the whole run
        var run = RunFingerprint.Current();
        var path = Path.Combine(CacheFolder.Folder("limit"), $"{model.Experiment.Id}-{vary}-{run.Key("nudm limit", inputs)[..16]}.jsonl");
        var curve = LimitScanRun.Compute(path, run, points, force, wait, ProgressHook, ct, (checkpoint, progress) => vary == "mchi"
            ? LimitCurves.VersusFermionMass(model, ms, xs, $"m_S = {Results.Echo(ms)} MeV", asimov, checkpoint, progress, ct)
            : LimitCurves.VersusMediatorMass(model, mchi, xs, $"m_χ = {Results.Echo(mchi)} MeV", asimov, checkpoint, progress, ct));
        return LimitScanRun.Print(curve, vary, inputs, format,
            $"[bold]{Markup.Escape(model.Experiment.Name)}[/]: 90% CL on ȳ, {(vary == "mchi" ? $"m_S = {Results.Echo(ms)} MeV" : $"m_χ = {Results.Echo(mchi)} MeV")}{(asimov || model.Experiment.Observed is null ? " (sensitivity, Asimov data)" : "")}, {(statistic == StatisticKind.Poisson ? "Poisson likelihood" : "χ² of seed 001 eq. (2.29)")}");
    }
}
