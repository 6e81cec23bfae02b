using MathNet.Numerics.Distributions;
using NuDM.App.Cevns;
using NuDM.App.Experiments;
using NuDM.App.Statistics.Likelihood;

namespace NuDM.App.Fits;

/// <summary>A fitted parameter: value, 1σ error (from the Hessian of −2 ln L), nominal value and prior.</summary>
/// <param name="Name">Parameter name.</param>
/// <param name="Role">Its role.</param>
/// <param name="Value">Best-fit value.</param>
/// <param name="Error">1σ error from the covariance (NaN when not determined).</param>
/// <param name="Nominal">Nominal value (prior centre).</param>
/// <param name="PriorWidth">Prior width (0 = flat).</param>
/// <param name="Source">Source of the prior.</param>
public sealed record ParameterEstimate(string Name, FitRole Role, double Value, double Error, double Nominal, double PriorWidth, string Source)
{
    /// <summary>The pull (value − nominal)/prior width, NaN for a flat prior.</summary>
    public double Pull => PriorWidth > 0 ? (Value - Nominal) / PriorWidth : double.NaN;
    /// <summary>The post-fit error in units of the prior width, NaN for a flat prior.</summary>
    public double PullError => PriorWidth > 0 ? Error / PriorWidth : double.NaN;
}

/// <summary>The Standard-Model-only fit of an experiment.</summary>
/// <param name="Experiment">Experiment id.</param>
/// <param name="Likelihood">"energy-time" or "energy-only".</param>
/// <param name="Asimov">True when fitted to the Asimov data (the nominal prediction) instead of the observed events.</param>
/// <param name="FittedCount">Fitted CEvNS events on the grid.</param>
/// <param name="CountLower">Lower end of its 1σ profile interval (Δ(−2 ln L) = 1).</param>
/// <param name="CountUpper">Upper end.</param>
/// <param name="Prediction">SM CEvNS events on the grid at nominal nuisances.</param>
/// <param name="PredictionUncertainty">1σ of the prediction from the priors of the nuisances that move it (flux, efficiency, quenching), in quadrature.</param>
/// <param name="Parameters">Every parameter at the best fit.</param>
/// <param name="Deviance">The Poisson deviance −2 ln(L/L_sat) at the best fit (without the pulls).</param>
/// <param name="Pulls">Σ pulls at the best fit.</param>
/// <param name="Bins">Number of bins.</param>
/// <param name="FreeParameters">Number of free parameters.</param>
/// <param name="PValue">Goodness-of-fit p-value: P(χ²_dof ≥ deviance + pulls), dof = bins − free parameters + constrained parameters (each prior is one measurement): the χ² approximation of the deviance.</param>
/// <param name="Observed">Observed (or Asimov) events on the grid.</param>
public sealed record StandardModelFitResult(string Experiment, string Likelihood, bool Asimov, double FittedCount, double CountLower, double CountUpper,
    double Prediction, double PredictionUncertainty, IReadOnlyList<ParameterEstimate> Parameters, double Deviance, double Pulls, int Bins,
    int FreeParameters, double PValue, double Observed)
{
    /// <summary>Degrees of freedom of the goodness of fit.</summary>
    public int DegreesOfFreedom => Bins - FreeParameters + Parameters.Count(p => p.PriorWidth > 0);
}

/// <summary>
/// The SM-only fit: the CEvNS strength free, every nuisance profiled (<see cref="Profiler"/>), the fitted count with its
/// 1σ profile interval, each parameter with its Hessian error, the SM prediction with its prior uncertainty and the
/// goodness of fit by the χ² approximation of the Poisson deviance.
/// </summary>
public static class StandardModelFit
{
    /// <summary>The energy-only fit's parameter of interest: the CEvNS count relative to the SM prediction.</summary>
    public const string EnergyOnlyStrength = "cevns_strength";

    /// <summary>The energy × arrival-time fit of COHERENT CsI 2021 (observed events, or Asimov data at the nominal prediction).</summary>
    public static StandardModelFitResult EnergyTime(CsI2021Templates templates, bool asimov)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var probe = new CsI2021EnergyTimeModel(templates);
        var probeL = new JointLikelihood([probe]);
        var nominal = probeL.Nominal();
        var model = asimov ? new CsI2021EnergyTimeModel(templates, observed: probeL.Expected(0, nominal)) : probe;
        var likelihood = asimov ? new JointLikelihood([model]) : probeL;
        var best = Profiler.Minimise(likelihood);
        var errors = Profiler.Errors(likelihood, best);
        var (lo, hi) = Profiler.Interval(likelihood, CsI2021EnergyTimeModel.Strength, best, 1.0, stepGuess: 0.05 * model.Prediction);
        double count = model.SignalCount(best.Values);

        // the prediction and how the priors of the nuisances that act on the signal (flux, efficiency, quenching) move it
        var shapes = likelihood.Parameters.Where(p => p.Role == FitRole.Shape).ToArray();
        double prediction = model.Prediction;
        double fluxShift = templates.Setup.FluxUncertainty * prediction;
        double variance = fluxShift * fluxShift;
        for (int k = 0; k < shapes.Length; k++)
        {
            var up = new double[shapes.Length]; up[k] = 1;
            var dn = new double[shapes.Length]; dn[k] = -1;
            var sm = templates.StandardModelPe;
            double d = 0.5 * (CsI2021EnergyTimeModel.GridCount(templates, sm, up, 0) - CsI2021EnergyTimeModel.GridCount(templates, sm, dn, 0));
            variance += d * d;
        }
        return Result(likelihood, model.Name, "energy-time", asimov, best, errors, count, lo, hi, prediction,
            Math.Sqrt(variance), model.Observed.Sum()); // statistics: the quadrature sum of independent shifts
    }

    /// <summary>
    /// The energy-only fit of the experiment's YAML approximation (its PE bins, no resolution or time): SM CEvNS ×
    /// strength × flux, each background × its normalisation (relative uncertainty from the YAML, or the Poisson
    /// uncertainty of an event-list background).
    /// </summary>
    public static StandardModelFitResult EnergyOnly(CevnsExperiment experiment, bool asimov)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var sm = new CevnsModel(experiment).StandardModel;
        double flux = experiment is CoherentCsI2021 { EnergyTime: { } et } ? et.FluxUncertainty : experiment.Systematics.SigmaA;
        var ps = new List<FitParameter>
        {
            new(EnergyOnlyStrength, FitRole.Interest, 1, 0, 10, PriorKind.Flat, 0, "free: the CEvNS count relative to the SM prediction"),
        };
        var components = new List<(string, IReadOnlyList<double>, IReadOnlyList<string>)> { ("CEvNS", sm, [EnergyOnlyStrength]) };
        foreach (var b in experiment.Backgrounds)
        {
            double total = b.Counts.Sum();
            double width = b.RelativeUncertainty ?? (total > 0 ? 1 / Math.Sqrt(total) : 1); // statistics: the Poisson uncertainty of a counted background
            string name = "bkg_" + b.Name;
            ps.Add(new FitParameter(name, FitRole.Normalisation, 1, 0, 3, PriorKind.Gaussian, width, b.RelativeUncertainty is null ? "1/sqrt(N) of the event list" : "relative_uncertainty of the YAML"));
            components.Add((b.Name, b.Counts, [name]));
        }
        var observed = experiment.Observed?.Counts ?? throw new ArgumentException($"{experiment.Id} has no observed counts");
        var probe = new TemplateSumModel(experiment.Id, observed, ps, components);
        var nominal = ps.Select(p => p.Nominal).ToArray();
        var mu = new double[observed.Count];
        probe.Expected(nominal, mu);
        var model = asimov ? new TemplateSumModel(experiment.Id, mu, ps, components) : probe;
        var likelihood = new JointLikelihood([model]);
        var best = Profiler.Minimise(likelihood);
        var errors = Profiler.Errors(likelihood, best);
        var (lo, hi) = Profiler.Interval(likelihood, EnergyOnlyStrength, best, 1.0, stepGuess: 0.05);
        double count = model.ComponentCount(0, best.Values), perStrength = count / best.Values[0];
        double prediction = model.ComponentCount(0, nominal);
        return Result(likelihood, experiment.Id, "energy-only", asimov, best, errors, count, perStrength * lo, perStrength * hi, prediction,
            flux * prediction, model.Observed.Sum());
    }

    private static StandardModelFitResult Result(JointLikelihood likelihood, string id, string kind, bool asimov, FitPoint best, double[] errors,
        double count, double lo, double hi, double prediction, double predictionError, double observed)
    {
        var ps = likelihood.Parameters;
        var estimates = ps.Select((p, k) => new ParameterEstimate(p.Name, p.Role, best.Values[k], errors[k], p.Nominal, p.PriorWidth, p.Source)).ToArray();
        double deviance = likelihood.Deviance(0, best.Values), pulls = likelihood.Pulls(best.Values);
        int free = ps.Count;
        int dof = likelihood.BinCount - free + ps.Count(p => p.Prior == PriorKind.Gaussian);
        double pValue = dof > 0 ? 1 - ChiSquared.CDF(dof, deviance + pulls) : double.NaN;
        return new StandardModelFitResult(id, kind, asimov, count, lo, hi, prediction, predictionError, estimates, deviance, pulls,
            likelihood.BinCount, free, pValue, observed);
    }
}
