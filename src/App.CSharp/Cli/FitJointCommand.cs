using NuDM.App.Experiments;
using NuDM.App.Fits;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary>
/// The parts of <c>nudm fit</c> beyond CsI 2021: COHERENT LAr 2020 (energy × F90 × time, with the release's parameter
/// sheet beside the fit) and joint fits of several experiments (<c>--experiment a,b</c>) sharing the SNS flux.
/// </summary>
public static class FitJointCommand
{
    /// <summary>The LAr 2020 SM fit: the common fit table, then (table output) our numbers beside the parameter sheet's.</summary>
    public static int RunLAr(CoherentLAr2020 experiment, bool asimov, OutputFormat format)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        if (experiment.RecoilEdges is null)
            throw new UserInputException($"--likelihood energy-time: {experiment.Id} has no energy_time section (its kernel templates need the true-recoil grid); use --likelihood energy-only");
        var release = new LAr2020Release(experiment);
        var r = LAr2020Fit.StandardModel(new LAr2020Templates(release), asimov);
        FitCommand.Print(r, format);
        if (format != OutputFormat.Table) return 0;
        var o = new Results("fit", $"--experiment {r.Experiment} --likelihood energy-time{(asimov ? " --asimov" : "")}");
        var t = new Table().Border(TableBorder.Rounded).AddColumn("quantity").AddColumn(new TableColumn("this fit").RightAligned())
            .AddColumn(new TableColumn("release sheet").RightAligned()).AddColumn("sheet entry");
        foreach (var c in LAr2020Fit.Compare(r, release))
            t.AddRow(Markup.Escape(c.Quantity), $"{o.Text(c.Ours, c.Quantity)} ± {o.Text(c.OursError, c.Quantity + " error")}",
                $"{o.Text(c.Published, c.SheetKey)} ± {o.Text(c.PublishedError, c.SheetKey + " error")}", Markup.Escape(c.SheetKey));
        AnsiConsole.MarkupLine("compared with LArParametersAnlA.yaml (PRL 126, 012002 (2021)): the CEvNS and background normalisation constants and the SM prediction");
        AnsiConsole.Write(t);
        return 0;
    }

    /// <summary>The joint SM fit of a comma-separated list of experiments.</summary>
    public static int RunJoint(string ids, string likelihood, bool asimov, OutputFormat format)
    {
        if (likelihood != "energy-time") throw new UserInputException("--likelihood energy-only: a joint fit (--experiment a,b) needs the energy-time likelihoods");
        var list = ids.Split(',', StringSplitOptions.TrimEntries);
        if (list.Any(string.IsNullOrEmpty)) throw new UserInputException($"--experiment '{ids}': an empty experiment id in the list");
        if (list.Distinct().Count() != list.Length) throw new UserInputException($"--experiment '{ids}': an experiment is listed twice");
        var members = new List<JointFit.Member>();
        foreach (var id in list)
        {
            if (!JointFit.Supported.Contains(id))
                throw new UserInputException($"--experiment: {id} has no likelihood for a joint fit; a joint fit takes {string.Join(", ", JointFit.Supported)}");
            var x = ExperimentRegistry.Load(id);
            try { members.Add(JointFit.MemberFor(x)); }
            catch (ArgumentException e) { throw new UserInputException($"--experiment: {e.Message.Split(" (Parameter")[0]}"); }
        }
        Print(JointFit.StandardModel(members, asimov), format, ids);
        return 0;
    }

    private static void Print(JointFitResult r, OutputFormat format, string ids)
    {
        var o = new Results("fit", $"--experiment {ids}{(r.Asimov ? " --asimov" : "")}");
        string[] cols = ["experiment", "quantity", "value", "lower", "upper", "nominal", "prior_width", "pull", "pull_error", "shared"];
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var e in r.Experiments)
        {
            rows.Add([e.Experiment, "cevns_events", o.Value(e.CevnsEvents, e.Experiment + " CEvNS"), o.Value(e.CevnsLower, e.Experiment + " CEvNS lower"),
                o.Value(e.CevnsUpper, e.Experiment + " CEvNS upper"), null, null, null, null, null]);
            rows.Add([e.Experiment, "sm_prediction_events", o.Value(e.Prediction, e.Experiment + " prediction"), null, null, null, null, null, null, null]);
            rows.Add([e.Experiment, "observed_events", o.Value(e.Observed, e.Experiment + " observed"), null, null, null, null, null, null, null]);
            rows.Add([e.Experiment, "deviance", o.Value(e.Deviance, e.Experiment + " deviance"), null, null, null, null, null, null, null]);
            rows.Add([e.Experiment, "bins", (double)e.Bins, null, null, null, null, null, null, null]);
        }
        foreach (var (p, owner) in r.Parameters.Zip(r.Owners))
        {
            bool known = double.IsFinite(p.Error);
            rows.Add([owner, p.Name, o.Value(p.Value, p.Name), known ? o.Value(p.Value - p.Error, p.Name + " lower") : null, known ? o.Value(p.Value + p.Error, p.Name + " upper") : null,
                o.Value(p.Nominal, p.Name + " nominal"), p.PriorWidth > 0 ? o.Value(p.PriorWidth, p.Name + " prior width") : null,
                p.PriorWidth > 0 ? o.Value(p.Pull, p.Name + " pull") : null, p.PriorWidth > 0 && known ? o.Value(p.PullError, p.Name + " pull error") : null,
                r.Shared.Contains(p.Name) ? "yes" : "no"]);
        }
        rows.Add(["joint", "deviance", o.Value(r.Deviance, "deviance"), null, null, null, null, null, null, null]);
        rows.Add(["joint", "pulls", o.Value(r.Pulls, "pulls"), null, null, null, null, null, null, null]);
        rows.Add(["joint", "bins", (double)r.Bins, null, null, null, null, null, null, null]);
        rows.Add(["joint", "degrees_of_freedom", (double)r.DegreesOfFreedom, null, null, null, null, null, null, null]);
        rows.Add(["joint", "p_value", o.Value(r.PValue, "p-value"), null, null, null, null, null, null, null]);
        if (format != OutputFormat.Table)
        {
            o.Records(format, cols, rows);
            return;
        }
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(ids)}[/]: joint Standard-Model fit (CEvNS = SNS flux × the kernel's SM templates; shared: {Markup.Escape(string.Join(", ", r.Shared))}){(r.Asimov ? ", Asimov data" : "")}");
        foreach (var e in r.Experiments)
            AnsiConsole.MarkupLine($"{Markup.Escape(e.Experiment)}: CEvNS events {o.Fixed(e.CevnsEvents, 1, e.Experiment + " CEvNS")} (at the flux's 1σ ends {o.Fixed(e.CevnsLower, 1, e.Experiment + " CEvNS lower")}–{o.Fixed(e.CevnsUpper, 1, e.Experiment + " CEvNS upper")}); " +
                $"SM prediction {o.Fixed(e.Prediction, 1, e.Experiment + " prediction")}; deviance {o.Text(e.Deviance, e.Experiment + " deviance")} in {e.Bins} bins");
        var t = new Table().Border(TableBorder.Rounded).AddColumn("parameter").AddColumn(new TableColumn("best fit").RightAligned())
            .AddColumn(new TableColumn("± 1σ").RightAligned()).AddColumn(new TableColumn("prior").RightAligned()).AddColumn(new TableColumn("pull [[σ]]").RightAligned()).AddColumn("shared");
        foreach (var p in r.Parameters)
            t.AddRow(Markup.Escape(p.Name), o.Text(p.Value, p.Name), double.IsFinite(p.Error) ? o.Text(p.Error, p.Name + " error") : Results.Missing,
                p.PriorWidth > 0 ? $"{o.Text(p.Nominal, p.Name)} ± {o.Text(p.PriorWidth, p.Name)}" : "flat",
                p.PriorWidth > 0 ? o.Text(p.Pull, p.Name + " pull", 3) : Results.Missing, r.Shared.Contains(p.Name) ? "yes" : "");
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"goodness of fit: deviance {o.Text(r.Deviance, "deviance")} + pulls {o.Text(r.Pulls, "pulls")} for {r.DegreesOfFreedom} degrees of freedom " +
            $"({r.Bins} bins), p = {o.Text(r.PValue, "p-value", 3)} (χ² approximation)");
    }
}
