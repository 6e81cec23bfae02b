using NuDM.Physics;

namespace NuDM.App.Experiments;

/// <summary>
/// CONUS as set up by seed 001 (sec. 2.3): 4 kg natural Ge, 17 m from a 3.9 GW reactor, total ν̄_e flux
/// 2.5 × 10¹³ cm⁻² s⁻¹, 1.2 keV recoil threshold, background 1 count/(day·keV·kg), 1 year, σ_a = 2 %, σ_f = 1 %, no
/// published data (Asimov sensitivity). Variant: conus-future (seed 001 Fig. 5: 100 kg × 5 yr, 0.1 keV threshold,
/// flux uncertainty halved).
/// </summary>
public sealed class Conus : CevnsExperiment
{
    /// <summary>Class name used in the YAML's class field.</summary>
    public const string ClassName = "conus";

    /// <summary>Loads and validates the definition.</summary>
    public Conus(ExperimentDefinition definition, ExperimentOptions? options = null) : base(definition, options)
    {
        if (Source.Kind != NeutrinoSourceKind.Reactor) throw Fault("source.kind", $"CONUS is a reactor experiment, got {Fluxes.SourceName(Source.Kind)}");
        if (Bins.Unit != "keVnr") throw Fault("response.observable", $"CONUS bins are in keVnr, got {Bins.Unit}");
    }

    /// <summary>Recoil threshold in keVnr (the lower edge of the first bin).</summary>
    public double ThresholdKev => Bins.ObservableEdges[0];
}
