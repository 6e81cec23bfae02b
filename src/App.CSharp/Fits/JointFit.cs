using MathNet.Numerics.Distributions;
using NuDM.App.Experiments;
using NuDM.App.Statistics.Likelihood;

namespace NuDM.App.Fits;

/// <summary>One experiment's share of a joint fit.</summary>
/// <param name="Experiment">Experiment id.</param>
/// <param name="CevnsEvents">CEvNS events on its grid at the best fit (sns_flux × the shaped SM template).</param>
/// <param name="CevnsLower">The same at the lower end of the shared flux's 1σ profile interval (the other parameters profiled).</param>
/// <param name="CevnsUpper">The same at the upper end.</param>
/// <param name="Prediction">The kernel's SM CEvNS events on its grid at nominal nuisances.</param>
/// <param name="Deviance">Its Poisson deviance at the best fit.</param>
/// <param name="Bins">Its bins.</param>
/// <param name="Observed">Its observed (or Asimov) events on the grid.</param>
public sealed record JointFitExperiment(string Experiment, double CevnsEvents, double CevnsLower, double CevnsUpper, double Prediction, double Deviance, int Bins, double Observed);

/// <summary>A joint Standard-Model fit of several experiments.</summary>
/// <param name="Experiments">Each experiment's numbers.</param>
/// <param name="Parameters">Every parameter of the joint likelihood at the best fit (a shared one once).</param>
/// <param name="Shared">Names of the parameters more than one experiment uses.</param>
/// <param name="Owners">Per parameter (Parameters' order): the experiment that uses it, or "joint" when several do.</param>
/// <param name="Deviance">Σ deviances at the best fit.</param>
/// <param name="Pulls">Σ pulls at the best fit.</param>
/// <param name="Bins">Σ bins.</param>
/// <param name="FreeParameters">Free parameters.</param>
/// <param name="PValue">P(χ²_dof ≥ deviance + pulls), dof = bins − free + constrained parameters.</param>
/// <param name="Asimov">True for Asimov data.</param>
public sealed record JointFitResult(IReadOnlyList<JointFitExperiment> Experiments, IReadOnlyList<ParameterEstimate> Parameters, IReadOnlyList<string> Shared,
    IReadOnlyList<string> Owners, double Deviance, double Pulls, int Bins, int FreeParameters, double PValue, bool Asimov)
{
    /// <summary>Degrees of freedom of the goodness of fit.</summary>
    public int DegreesOfFreedom => Bins - FreeParameters + Parameters.Count(p => p.PriorWidth > 0);
}

/// <summary>
/// The joint fit of pulsed-source experiments through one <see cref="JointLikelihood"/>: each experiment in its SNS-flux
/// form (CEvNS = sns_flux × the kernel's SM template with the experiment's shape nuisances; no free CEvNS count, since
/// a free count per experiment would leave the flux unconstrained by the data), so the experiments are correlated through
/// the one shared "sns_flux" parameter (10 % prior), and every other nuisance stays the experiment's own. The new-physics
/// strength is fixed at 0 (SM only). Supported: coherent-csi-2021 (energy × time) and coherent-lar-2020
/// (energy × F90 × time).
/// </summary>
public static class JointFit
{
    /// <summary>The experiments that have an SNS-flux-form likelihood.</summary>
    public static readonly IReadOnlyList<string> Supported = ["coherent-csi-2021", "coherent-lar-2020"];

    /// <summary>An experiment's SNS-flux-form model: its factory (observed counts → model; null = the data) and its CEvNS count at local values.</summary>
    public sealed record Member(string Id, Func<IReadOnlyList<double>?, IBinnedModel> Create, Func<IBinnedModel, double[], double> CevnsCount, double Prediction);

    /// <summary>The SNS-flux-form member of a supported experiment (building its templates).</summary>
    public static Member MemberFor(CevnsExperiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        switch (experiment)
        {
            case CoherentCsI2021 { EnergyTime: not null } csi:
            {
                var t = new CsI2021Templates(csi);
                // the new-physics slot empty (zero templates): nuchi_strength is fixed at 0 by the SM fit
                var zero = t.StandardModelPe.Select(g => g.Select(v => new double[v.Length]).ToArray()).ToArray();
                var probe = new CsI2021EnergyTimeModel(t, zero);
                return new Member(csi.Id, obs => new CsI2021EnergyTimeModel(t, zero, obs), (m, v) => ((CsI2021EnergyTimeModel)m).SignalCount(v),
                    ((CsI2021EnergyTimeModel)probe).SignalCount(probe.Parameters.Select(p => p.Nominal).ToArray()));
            }
            case CoherentLAr2020 lar:
            {
                var release = new LAr2020Release(lar);
                var k = new LAr2020Templates(release);
                return new Member(lar.Id, obs => new LAr2020Model(release, k, observed: obs), (m, v) => ((LAr2020Model)m).SignalCount(v), k.StandardModel.NominalSum);
            }
            default:
                throw new ArgumentException($"{experiment.Id} has no SNS-flux-form likelihood; a joint fit takes {string.Join(", ", Supported)}");
        }
    }

    /// <summary>The joint SM fit of the members (observed events, or Asimov data at the nominal expectation).</summary>
    public static JointFitResult StandardModel(IReadOnlyList<Member> members, bool asimov)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0) throw new ArgumentException("a joint fit needs at least one experiment", nameof(members));
        var models = members.Select(m => m.Create(null)).ToList();
        if (asimov)
        {
            var probe = new JointLikelihood(models);
            var nominal = probe.Nominal();
            models = members.Select((m, i) => m.Create(probe.Expected(i, nominal))).ToList();
        }
        var likelihood = new JointLikelihood(models);
        var fix = FixedNewPhysics(likelihood);
        var best = Profiler.Minimise(likelihood, fix);
        var errors = Profiler.Errors(likelihood, best, fix);
        var (flo, fhi) = Profiler.Interval(likelihood, CsI2021EnergyTimeModel.SnsFlux, best, 1.0, fix);
        FitPoint At(double flux) => Profiler.Minimise(likelihood, new Dictionary<string, double>(fix) { [CsI2021EnergyTimeModel.SnsFlux] = flux }, best.Values);
        var low = At(flo);
        var high = At(fhi);

        var experiments = new List<JointFitExperiment>();
        for (int i = 0; i < models.Count; i++)
        {
            double Count(FitPoint p) => members[i].CevnsCount(models[i], Local(likelihood, models[i], p.Values));
            double a = Count(low), b = Count(high);
            experiments.Add(new JointFitExperiment(members[i].Id, Count(best), Math.Min(a, b), Math.Max(a, b), members[i].Prediction,
                likelihood.Deviance(i, best.Values), models[i].Observed.Count, models[i].Observed.Sum()));
        }
        var ps = likelihood.Parameters;
        var estimates = ps.Select((p, k) => new ParameterEstimate(p.Name, p.Role, best.Values[k], fix.ContainsKey(p.Name) ? double.NaN : errors[k], p.Nominal, p.PriorWidth, p.Source)).ToArray();
        var shared = ps.Where(p => models.Count(m => m.Parameters.Any(q => q.Name == p.Name)) > 1).Select(p => p.Name).ToArray();
        var owners = ps.Select(p => shared.Contains(p.Name) ? "joint" : members[models.FindIndex(m => m.Parameters.Any(q => q.Name == p.Name))].Id).ToArray();
        double deviance = Enumerable.Range(0, models.Count).Sum(i => likelihood.Deviance(i, best.Values)), pulls = likelihood.Pulls(best.Values);
        int free = ps.Count - fix.Count;
        int dof = likelihood.BinCount - free + ps.Count(p => p.Prior == PriorKind.Gaussian && !fix.ContainsKey(p.Name));
        double pValue = dof > 0 ? 1 - ChiSquared.CDF(dof, deviance + pulls) : double.NaN;
        return new JointFitResult(experiments, estimates, shared, owners, deviance, pulls, likelihood.BinCount, free, pValue, asimov);
    }

    /// <summary>nuchi_strength fixed at 0 where an experiment declares it (the SM-only fit).</summary>
    public static Dictionary<string, double> FixedNewPhysics(JointLikelihood likelihood)
    {
        ArgumentNullException.ThrowIfNull(likelihood);
        var fix = new Dictionary<string, double>();
        if (likelihood.Parameters.Any(p => p.Name == CsI2021EnergyTimeModel.NewPhysicsStrength)) fix[CsI2021EnergyTimeModel.NewPhysicsStrength] = 0;
        return fix;
    }

    /// <summary>One model's parameter values (its order) from the joint values.</summary>
    public static double[] Local(JointLikelihood likelihood, IBinnedModel model, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(likelihood);
        ArgumentNullException.ThrowIfNull(model);
        return model.Parameters.Select(p => values[likelihood.IndexOf(p.Name)]).ToArray();
    }
}
