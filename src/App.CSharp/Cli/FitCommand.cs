using System.CommandLine;
using NuDM.App.Experiments;
using NuDM.App.Fits;
using NuDM.App.Statistics.Likelihood;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary><c>nudm fit</c>: the Standard-Model-only fit of an experiment's binned Poisson likelihood with nuisance parameters.</summary>
public static class FitCommand
{
    /// <summary>The fit command.</summary>
    public static Command Create()
    {
        var exp = new Option<string>("--experiment") { Description = "experiment id (coherent-csi-2021, coherent-lar-2020, or a comma-separated list of them for a joint fit sharing the SNS flux; conus-plus-2025: its published one-bin count; the energy-only fit also takes the other experiments with counted data)", Required = true };
        var likelihood = new Option<string>("--likelihood")
        {
            Description = "energy-time: binned Poisson likelihood in (PE, arrival time) with the release's response and backgrounds and profiled nuisances; " +
                          "energy-only: the experiment's energy-only approximation (its YAML bins) with normalisation nuisances",
            DefaultValueFactory = _ => "energy-time",
        };
        likelihood.AcceptOnlyFromAmong("energy-time", "energy-only");
        var asimov = new Option<bool>("--asimov") { Description = "fit the Asimov data (the nominal SM prediction) instead of the observed events: the expected precision" };
        var cmd = new Command("fit",
            "Standard-Model-only fit: the fitted CEvNS count with its 1σ profile interval, every nuisance parameter with its pull, " +
            "the SM prediction and the goodness of fit (Poisson deviance, χ² approximation)") { exp, likelihood, asimov };
        var output = OutputOptions.AddTo(cmd);
        cmd.SetAction(p => CommandLine.Guard(() => Run(p.GetValue(exp)!, p.GetValue(likelihood) ?? "energy-time", p.GetValue(asimov), output.Of(p))));
        return cmd;
    }

    /// <summary>Runs <c>nudm fit</c>: prints the SM-only fit of <paramref name="id"/> with the given likelihood.</summary>
    public static int Run(string id, string likelihood, bool asimov, OutputFormat format)
    {
        if (id.Contains(',')) return FitJointCommand.RunJoint(id, likelihood, asimov, format);
        CevnsExperiment x;
        try { x = ExperimentRegistry.Load(id); }
        catch (ArgumentException e) { throw new UserInputException($"--experiment: {e.Message.Split(" (Parameter")[0]}"); }
        StandardModelFitResult r;
        if (x is ConusPlus2025 plus)
        {
            // a published count without spectrum: its one likelihood is the one-bin Poisson count (either --likelihood)
            Print(ConusPlusModel.Fit(plus, asimov), format);
            return 0;
        }
        if (likelihood == "energy-time" && x is CoherentLAr2020 lar) return FitJointCommand.RunLAr(lar, asimov, format);
        if (likelihood == "energy-time")
        {
            if (x is not CoherentCsI2021 { EnergyTime: not null } csi)
                throw new UserInputException($"--likelihood energy-time: {x.Id} has no energy × time likelihood yet (it exists for coherent-csi-2021 and coherent-lar-2020); use --likelihood energy-only");
            r = StandardModelFit.EnergyTime(new CsI2021Templates(csi), asimov);
        }
        else
        {
            if (!asimov && Cevns.ExperimentStatistics.PoissonObstacle(x, false) is { } why)
                throw new UserInputException($"--likelihood energy-only: {x.Id}: {why}; add --asimov for the expected fit");
            r = StandardModelFit.EnergyOnly(x, asimov);
        }
        Print(r, format);
        return 0;
    }

    internal static void Print(StandardModelFitResult r, OutputFormat format)
    {
        var o = new Results("fit", $"--experiment {r.Experiment} --likelihood {r.Likelihood}{(r.Asimov ? " --asimov" : "")}");
        string[] cols = ["quantity", "value", "lower", "upper", "nominal", "prior_width", "pull", "pull_error"];
        var rows = new List<IReadOnlyList<object?>>
        {
            new object?[] { "cevns_events", o.Value(r.FittedCount, "fitted CEvNS events"), o.Value(r.CountLower, "CEvNS lower"), o.Value(r.CountUpper, "CEvNS upper"), null, null, null, null },
            new object?[] { "sm_prediction_events", o.Value(r.Prediction, "SM prediction"), o.Value(r.Prediction - r.PredictionUncertainty, "SM prediction lower"),
                o.Value(r.Prediction + r.PredictionUncertainty, "SM prediction upper"), null, null, null, null },
        };
        foreach (var p in r.Parameters)
        {
            bool known = double.IsFinite(p.Error);
            rows.Add([p.Name, o.Value(p.Value, p.Name), known ? o.Value(p.Value - p.Error, p.Name + " lower") : null, known ? o.Value(p.Value + p.Error, p.Name + " upper") : null,
                o.Value(p.Nominal, p.Name + " nominal"), p.PriorWidth > 0 ? o.Value(p.PriorWidth, p.Name + " prior width") : null,
                p.PriorWidth > 0 ? o.Value(p.Pull, p.Name + " pull") : null, p.PriorWidth > 0 && known ? o.Value(p.PullError, p.Name + " pull error") : null]);
        }
        rows.Add(["observed_events", o.Value(r.Observed, "observed events"), null, null, null, null, null, null]);
        rows.Add(["deviance", o.Value(r.Deviance, "deviance"), null, null, null, null, null, null]);
        rows.Add(["pulls", o.Value(r.Pulls, "pulls"), null, null, null, null, null, null]);
        rows.Add(["bins", (double)r.Bins, null, null, null, null, null, null]);
        rows.Add(["degrees_of_freedom", (double)r.DegreesOfFreedom, null, null, null, null, null, null]);
        // no degrees of freedom (a one-bin count with its background prior is saturated): no goodness of fit, an empty cell
        rows.Add(["p_value", r.DegreesOfFreedom > 0 ? o.Value(r.PValue, "p-value") : null, null, null, null, null, null, null]);
        if (format != OutputFormat.Table)
        {
            o.Records(format, cols, rows);
            return;
        }
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(r.Experiment)}[/]: Standard-Model-only fit, {Markup.Escape(r.Likelihood)} likelihood{(r.Asimov ? ", Asimov data" : "")}");
        AnsiConsole.MarkupLine($"CEvNS events: {o.Fixed(r.FittedCount, 1, "fitted CEvNS events")} (1σ profile interval {o.Fixed(r.CountLower, 1, "CEvNS lower")}–{o.Fixed(r.CountUpper, 1, "CEvNS upper")}); " +
            $"SM prediction {o.Fixed(r.Prediction, 1, "SM prediction")} ± {o.Fixed(r.PredictionUncertainty, 1, "SM prediction uncertainty")} (flux, efficiency and quenching priors)");
        var t = new Table().Border(TableBorder.Rounded).AddColumn("parameter").AddColumn(new TableColumn("best fit").RightAligned())
            .AddColumn(new TableColumn("± 1σ").RightAligned()).AddColumn(new TableColumn("prior").RightAligned()).AddColumn(new TableColumn("pull [[σ]]").RightAligned());
        foreach (var p in r.Parameters)
            t.AddRow(Markup.Escape(p.Name), o.Text(p.Value, p.Name), double.IsFinite(p.Error) ? o.Text(p.Error, p.Name + " error") : Results.Missing,
                p.PriorWidth > 0 ? $"{o.Text(p.Nominal, p.Name)} ± {o.Text(p.PriorWidth, p.Name)}" : "flat",
                p.PriorWidth > 0 ? o.Text(p.Pull, p.Name + " pull", 3) : Results.Missing);
        AnsiConsole.Write(t);
        if (r.DegreesOfFreedom <= 0)
        {
            AnsiConsole.MarkupLine($"no goodness of fit: {r.Bins} bin(s) and {r.FreeParameters} free parameters leave no degree of freedom; observed events {o.Fixed(r.Observed, 0, "observed")}");
            return;
        }
        AnsiConsole.MarkupLine($"goodness of fit: deviance {o.Text(r.Deviance, "deviance")} + pulls {o.Text(r.Pulls, "pulls")} for {r.DegreesOfFreedom} degrees of freedom " +
            $"({r.Bins} bins), p = {o.Text(r.PValue, "p-value", 3)} (χ² approximation); observed events on the grid {o.Fixed(r.Observed, 0, "observed")}");
    }
}
