using NuDM.Physics;

namespace NuDM.App.Experiments;

/// <summary>
/// CONUS+ run 1 (arXiv:2501.05206v2, Nature 643, 1229 (2025)): a published count without spectrum, entered as a one-bin
/// Poisson measurement (data/experiments/conus-plus-2025.yaml says what is modelled). Its bins are the fine recoil grid
/// on which the one-bin model integrates the rates above the threshold in ionisation energy; the published numbers
/// (counts, exposures, threshold, Lindhard k) are read from reference_numbers, each required and checked.
/// </summary>
public sealed class ConusPlus2025 : CevnsExperiment
{
    /// <summary>Class name used in the YAML's class field.</summary>
    public const string ClassName = "conus-plus";

    /// <summary>Loads and validates the definition.</summary>
    public ConusPlus2025(ExperimentDefinition definition, ExperimentOptions? options = null) : base(definition, options)
    {
        if (Source.Kind != NeutrinoSourceKind.Reactor) throw Fault("source.kind", $"CONUS+ is a reactor experiment, got {Fluxes.SourceName(Source.Kind)}");
        if (Bins.Unit != "keVnr") throw Fault("response.observable", $"the CONUS+ recoil grid is in keVnr, got {Bins.Unit}");
        double Number(string key, double lo, double hi)
        {
            if (!ReferenceNumbers.TryGetValue(key, out var v)) throw Fault($"reference_numbers.{key}", "is required");
            if (!(v >= lo && v <= hi)) throw Fault($"reference_numbers.{key}", $"must be in [{lo}, {hi}], got {v}");
            return v;
        }
        ObservedEvents = Number("observed_events", 0, 1e7);
        ObservedUncertainty = Number("observed_uncertainty", 1e-6, 1e7);
        PredictedEvents = Number("predicted_events", 0, 1e7);
        PredictedUncertainty = Number("predicted_uncertainty", 0, 1e7);
        OnExposureKgDays = Number("reactor_on_exposure_kg_days", 1e-6, 1e7);
        OffExposureKgDays = Number("reactor_off_exposure_kg_days", 1e-6, 1e7);
        ThresholdKevEe = Number("threshold_kev_ee", 1e-3, 10);
        ThresholdUncertaintyKevEe = Number("threshold_uncertainty_kev_ee", 1e-6, ThresholdKevEe / 6);
        LindhardK = Number("lindhard_k", 0.01, 1);
        LindhardKUncertainty = Number("lindhard_k_uncertainty", 1e-6, 0.5);
        if (ObservedUncertainty * ObservedUncertainty <= ObservedEvents)
            throw Fault("reference_numbers.observed_uncertainty", $"its square must exceed the observed events ({ObservedEvents}) for a background to be derived from it");
        if (Bins.ObservableEdges[0] >= Lindhard.RecoilEnergy(ThresholdKevEe - 5 * ThresholdUncertaintyKevEe, Math.Min(1, LindhardK + 5 * LindhardKUncertainty), Z))
            throw Fault("binning", "the recoil grid must start below the threshold's recoil energy for every k and threshold within 5σ");
    }

    /// <summary>Proton number of the target (Ge).</summary>
    public double Z => Nuclei.Sum(n => n.Count * n.Isotope.Z) / Nuclei.Sum(n => n.Count);
    /// <summary>Published CEvNS events (on − off).</summary>
    public double ObservedEvents { get; }
    /// <summary>Their published 1σ.</summary>
    public double ObservedUncertainty { get; }
    /// <summary>The collaboration's SM prediction.</summary>
    public double PredictedEvents { get; }
    /// <summary>Its 1σ.</summary>
    public double PredictedUncertainty { get; }
    /// <summary>Reactor-on exposure (kg·d).</summary>
    public double OnExposureKgDays { get; }
    /// <summary>Reactor-off exposure (kg·d).</summary>
    public double OffExposureKgDays { get; }
    /// <summary>Threshold in ionisation energy (keVee).</summary>
    public double ThresholdKevEe { get; }
    /// <summary>Its prior width (keVee): half the range of the published thresholds.</summary>
    public double ThresholdUncertaintyKevEe { get; }
    /// <summary>Lindhard k (nominal).</summary>
    public double LindhardK { get; }
    /// <summary>Its prior width.</summary>
    public double LindhardKUncertainty { get; }

    /// <summary>
    /// The background under the signal in the reactor-on exposure, from the published numbers: an on − off count with the
    /// off sample scaled by ρ = on/off has variance (S + B) + ρ B, so B = (σ² − S)/(1 + ρ) (the YAML's note).
    /// </summary>
    public double OnBackground => (ObservedUncertainty * ObservedUncertainty - ObservedEvents) / (1 + OnExposureKgDays / OffExposureKgDays);
    /// <summary>The background's Gaussian width from the off measurement: sqrt(ρ B).</summary>
    public double BackgroundUncertainty => Math.Sqrt(OnExposureKgDays / OffExposureKgDays * OnBackground); // statistics: Poisson error of the scaled off count
}
