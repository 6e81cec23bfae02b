using NuDM.App.Cevns;
using NuDM.App.Experiments;
using NuDM.App.Fits;
using NuDM.App.Statistics;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary>
/// <c>nudm limit</c> with a profile likelihood: <c>--likelihood energy-time</c>, a list of experiments
/// (<c>--experiment a,b</c>: one joint likelihood sharing nuisances by name), or a published one-bin count (CONUS+).
/// </summary>
public static class ProfileLimitCommand
{
    /// <summary>The experiment ids of an <c>--experiment</c> value (comma-separated), checked: none empty, none twice, each known.</summary>
    public static IReadOnlyList<string> ParseIds(string value)
    {
        var ids = (value ?? "").Split(',').Select(s => s.Trim()).ToArray();
        if (ids.Any(s => s.Length == 0)) throw new UserInputException($"--experiment: '{value}' has an empty entry; give ids separated by commas (known: {string.Join(", ", ExperimentRegistry.Ids)})");
        var twice = ids.GroupBy(s => s, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new UserInputException($"--experiment: '{twice.Key}' is given twice; a joint likelihood takes each experiment once");
        foreach (var id in ids)
            if (!ExperimentRegistry.Ids.Contains(id))
                throw new UserInputException($"--experiment: unknown experiment '{id}'; known experiments: {string.Join(", ", ExperimentRegistry.Ids)}");
        return ids;
    }

    /// <summary>True when the limit needs the profile likelihood: several experiments, energy-time, or a one-bin published count.</summary>
    public static bool Applies(IReadOnlyList<string> ids, string likelihood) =>
        ids.Count > 1 || likelihood == "energy-time" || ExperimentRegistry.Load(ids[0]) is ConusPlus2025;

    /// <summary>The members of the likelihood (exit 2 naming the experiment that lacks the likelihood asked for).</summary>
    public static IReadOnlyList<LimitMember> Members(IReadOnlyList<string> ids, string likelihood)
    {
        var kind = likelihood == "energy-time" ? LikelihoodKind.EnergyTime : LikelihoodKind.EnergyOnly;
        try { return ids.Select(id => LimitExperiments.Create(id, kind)).ToArray(); }
        catch (ArgumentException e) { throw new UserInputException($"--likelihood {likelihood}: {e.Message.Split(" (Parameter")[0]}"); }
    }

    /// <summary>
    /// Runs the profile-likelihood limit curve: ȳ at 90 % CL against m_χ (fixed m_S) or m_S (fixed m_χ), masses in MeV;
    /// checkpointed in the cache folder like the energy-only limits; progress on standard error.
    /// </summary>
    public static int Run(IReadOnlyList<string> ids, string likelihood, string vary, double mchi, double ms, double? from, double? to, int points, bool asimov,
        OutputFormat format, CancellationToken ct, bool force, bool wait, Action<double>? hook)
    {
        var members = Members(ids, likelihood);
        if (!asimov)
            foreach (var m in members)
                if (m is EnergyOnlyMember { HasCounts: false } e)
                    throw new UserInputException($"--experiment {e.Id}: {(e.Experiment.Observed is null ? "it has no published data" : ExperimentStatistics.PoissonObstacle(e.Experiment, false))}; " +
                        "a Poisson likelihood needs counts: add --asimov (a sensitivity)");
        bool reactorOnly = ids.All(i => ExperimentRegistry.Load(i).Source.Kind == NuDM.Physics.NeutrinoSourceKind.Reactor);
        var xs = LimitScanRun.MassGrid(vary, from, to, points, reactorOnly, out var lo, out var hi);
        var fixedName = vary == "mchi" ? "--ms" : "--mchi";
        var fixedValue = vary == "mchi" ? ms : mchi;
        string joined = string.Join(",", ids);
        var inputs = $"--experiment {joined} --likelihood {likelihood} --vary {vary} {fixedName} {Results.Echo(fixedValue)} --from {Results.Echo(lo)} --to {Results.Echo(hi)} " +
            $"--points {points}{(asimov ? " --asimov" : "")}" + (ModelInUse.IsDefault ? "" : $" --model {ModelInUse.Definition.File} ({ModelInUse.KeyPart})");

        var run = RunFingerprint.Current();
        var path = Path.Combine(CacheFolder.Folder("limit"), $"{joined.Replace(',', '+')}-{likelihood}-{vary}-{run.Key("nudm limit profile", inputs)[..16]}.jsonl");
        var data = asimov ? LimitData.StandardModelAsimov : LimitData.Observed;
        var curve = LimitScanRun.Compute(path, run, points, force, wait, hook, ct, (checkpoint, progress) => ProfileLimits.Curve(members, vary == "ms", fixedValue, xs,
            vary == "mchi" ? $"m_S = {Results.Echo(ms)} MeV" : $"m_χ = {Results.Echo(mchi)} MeV", data, checkpoint, progress, ct));
        return LimitScanRun.Print(curve, vary, inputs, format,
            $"[bold]{Markup.Escape(string.Join(" + ", members.Select(m => m.ToString())))}[/]: 90% CL on ȳ, {Markup.Escape(curve.Label)}" +
            $"{(asimov ? " (sensitivity, Asimov data)" : "")}, profile likelihood (Δ(−2 ln L) = 2.706 above its minimum over ȳ ≥ 0, nuisances profiled)");
    }
}
