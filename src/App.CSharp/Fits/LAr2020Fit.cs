using MathNet.Numerics.Distributions;
using NuDM.App.Statistics.Likelihood;

namespace NuDM.App.Fits;

/// <summary>A published number of the release's parameter sheet beside ours.</summary>
/// <param name="Quantity">What it is (a parameter name or "sm_prediction_events").</param>
/// <param name="Ours">Our value.</param>
/// <param name="OursError">Our 1σ (half the profile interval for the CEvNS count, the Hessian error otherwise).</param>
/// <param name="Published">The sheet's value.</param>
/// <param name="PublishedError">The sheet's 1σ.</param>
/// <param name="SheetKey">The sheet entry.</param>
public sealed record PublishedComparison(string Quantity, double Ours, double OursError, double Published, double PublishedError, string SheetKey);

/// <summary>
/// The Standard-Model-only fit of COHERENT CENNS-10 analysis A on the release's energy × F90 × time grid
/// (<see cref="LAr2020Model"/>, SM form: the CEvNS normalisation free, every nuisance profiled), and the kernel's SM
/// prediction with its uncertainty. Published (LArParametersAnlA.yaml; PRL 126, 012002 (2021)): 159 ± 43 CEvNS fitted,
/// 128 ± 17 predicted; prompt BRN 553 ± 34, delayed BRN 10 ± 11, steady state 3131 ± 23 fitted.
/// </summary>
public static class LAr2020Fit
{
    /// <summary>Sheet keys of the best-fit numbers, by parameter.</summary>
    public static readonly IReadOnlyList<(string Parameter, string SheetKey)> BestFitKeys =
    [
        (LAr2020Model.CevnsEvents, "cevnsBestfitNormalization"),
        (LAr2020Model.BrnEvents, "promptBeamRelatedNeutronBestfitNormalization"),
        (LAr2020Model.DelayedBrnEvents, "delayedBeamRelatedNeutronBestfitNormalization"),
        (LAr2020Model.SteadyStateEvents, "ssBackgroundBestfitNormalization"),
    ];

    /// <summary>The SM fit to the observed events, or to the Asimov data (the nominal expectation with the release's 128 CEvNS).</summary>
    public static StandardModelFitResult StandardModel(LAr2020Templates kernel, bool asimov)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var release = kernel.Release;
        var probe = new LAr2020Model(release);
        var probeL = new JointLikelihood([probe]);
        var model = asimov ? new LAr2020Model(release, observed: probeL.Expected(0, probeL.Nominal())) : probe;
        var likelihood = asimov ? new JointLikelihood([model]) : probeL;
        var best = Profiler.Minimise(likelihood);
        var errors = Profiler.Errors(likelihood, best);
        var (lo, hi) = Profiler.Interval(likelihood, LAr2020Model.CevnsEvents, best, 1.0, stepGuess: 0.1 * model.Prediction);
        // the release's CEvNS variants all hold the same events, so the count is the normalisation constant
        double perUnit = model.SignalCount(best.Values) / best.Values[0];
        var (prediction, uncertainty) = Prediction(kernel);
        return Build(likelihood, 0, model.Name, "energy-f90-time", asimov, best, errors, model.SignalCount(best.Values), perUnit * lo, perUnit * hi,
            prediction, uncertainty);
    }

    /// <summary>
    /// The kernel's SM CEvNS events on the grid and their 1σ from the sheet's uncertainties, in quadrature: the flux
    /// (0.09 ± 0.009 ν/flavour/POT), the fiducial mass (24.4 ± 0.61 kg) and the two QF parameters (a = 0.246 ± 0.006,
    /// b = 0.00078 ± 0.00009/keVnr; each half the difference of the ±1σ predictions). Efficiency, form factor and
    /// the time model carry no published uncertainty and are not included.
    /// </summary>
    public static (double Prediction, double Uncertainty) Prediction(LAr2020Templates kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var r = kernel.Release;
        double total = kernel.StandardModel.NominalSum;
        double InWindow(double qfA, double qfB)
        {
            double s = 0;
            var time = new[] { kernel.PromptTime, kernel.DelayedTime };
            for (int g = 0; g < 2; g++) s += kernel.EnergyCounts(kernel.StandardModelRecoil[g], qfA, qfB).Sum() * time[g].Sum();
            return s;
        }
        double ua = r.Sheet("larQF.a.uncertainty"), ub = r.Sheet("larQF.b.uncertainty") * 1e3; // numerics: (keVnr)⁻¹ → MeV⁻¹
        double da = 0.5 * (InWindow(kernel.QfA + ua, kernel.QfB) - InWindow(kernel.QfA - ua, kernel.QfB));
        double db = 0.5 * (InWindow(kernel.QfA, kernel.QfB + ub) - InWindow(kernel.QfA, kernel.QfB - ub));
        double flux = total * r.Sheet("neutrinosPerProton.uncertainty") / r.Sheet("neutrinosPerProton");
        double mass = total * r.Sheet("fiducialMass.uncertainty") / r.Sheet("fiducialMass");
        return (total, Math.Sqrt(flux * flux + mass * mass + da * da + db * db)); // statistics: the quadrature sum of independent shifts
    }

    /// <summary>Our fitted numbers beside the sheet's: the CEvNS count, the background normalisations and the prediction.</summary>
    public static IReadOnlyList<PublishedComparison> Compare(StandardModelFitResult fit, LAr2020Release release)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(release);
        var list = new List<PublishedComparison>();
        foreach (var (name, key) in BestFitKeys)
        {
            var p = fit.Parameters.First(q => q.Name == name);
            bool count = name == LAr2020Model.CevnsEvents;
            double ours = count ? fit.FittedCount : p.Value, err = count ? 0.5 * (fit.CountUpper - fit.CountLower) : p.Error;
            double pubErr = release.Experiment.ReleaseParameters.TryGetValue(key + ".uncertainty", out var u) ? u : release.Sheet(key + ".uncertainty_stat");
            list.Add(new PublishedComparison(name, ours, err, release.Sheet(key), pubErr, key));
        }
        list.Add(new PublishedComparison("sm_prediction_events", fit.Prediction, fit.PredictionUncertainty, release.Sheet(LAr2020Model.SheetCevns),
            release.Sheet(LAr2020Model.SheetCevns + ".uncertainty"), LAr2020Model.SheetCevns));
        return list;
    }

    /// <summary>A fit result of model <paramref name="model"/> of a likelihood (its deviance; the pulls and dof of all parameters).</summary>
    internal static StandardModelFitResult Build(JointLikelihood likelihood, int model, string id, string kind, bool asimov, FitPoint best, double[] errors,
        double count, double lo, double hi, double prediction, double predictionError, IReadOnlyDictionary<string, double>? fixedValues = null)
    {
        var ps = likelihood.Parameters;
        var estimates = ps.Select((p, k) => new ParameterEstimate(p.Name, p.Role, best.Values[k], errors[k], p.Nominal, p.PriorWidth, p.Source)).ToArray();
        double deviance = likelihood.Deviance(model, best.Values), pulls = likelihood.Pulls(best.Values);
        int free = ps.Count - (fixedValues?.Count ?? 0);
        int dof = likelihood.Models[model].Observed.Count - free + ps.Count(p => p.Prior == PriorKind.Gaussian);
        double pValue = dof > 0 ? 1 - ChiSquared.CDF(dof, deviance + pulls) : double.NaN;
        return new StandardModelFitResult(id, kind, asimov, count, lo, hi, prediction, predictionError, estimates, deviance, pulls,
            likelihood.Models[model].Observed.Count, free, pValue, likelihood.Models[model].Observed.Sum());
    }
}
