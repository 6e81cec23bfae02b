using NuDM.Physics;

namespace NuDM.App.Experiments;

/// <summary>Bins in the observable and, through the response, in recoil energy.</summary>
public sealed class Binning
{
    /// <summary>Creates the binning from observable edges and their recoil images (MeV).</summary>
    public Binning(IReadOnlyList<double> observableEdges, IReadOnlyList<double> recoilEdges, string unit)
    {
        ObservableEdges = observableEdges.ToArray();
        RecoilEdges = recoilEdges.ToArray();
        Unit = unit;
    }

    /// <summary>Edges in the observable (n+1).</summary>
    public IReadOnlyList<double> ObservableEdges { get; }

    /// <summary>Edges in recoil kinetic energy T (MeV), the images of <see cref="ObservableEdges"/>.</summary>
    public IReadOnlyList<double> RecoilEdges { get; }

    /// <summary>Observable unit (PE, keVnr, keVee).</summary>
    public string Unit { get; }

    /// <summary>Number of bins.</summary>
    public int Count => ObservableEdges.Count - 1;

    /// <summary>Bin centres in the observable.</summary>
    public double[] Centres => Enumerable.Range(0, Count).Select(i => 0.5 * (ObservableEdges[i] + ObservableEdges[i + 1])).ToArray();

    /// <summary>Bin widths in the observable.</summary>
    public double[] Widths => Enumerable.Range(0, Count).Select(i => ObservableEdges[i + 1] - ObservableEdges[i]).ToArray();

    /// <summary>Index of the bin holding x (lower edge inclusive), or −1.</summary>
    public int IndexOf(double x)
    {
        if (!(x >= ObservableEdges[0]) || !(x < ObservableEdges[^1])) return -1;
        int lo = 0, hi = Count;
        while (hi - lo > 1)
        {
            int m = (lo + hi) / 2;
            if (x >= ObservableEdges[m]) lo = m; else hi = m;
        }
        return lo;
    }
}

/// <summary>Published data per bin.</summary>
/// <param name="Counts">Observed counts (or background-subtracted residuals) per bin.</param>
/// <param name="Uncertainty">Symmetric 1σ uncertainty per bin as published (null: Poisson / model-based).</param>
/// <param name="Lower">Lower error-bar end per bin when published asymmetric, else null.</param>
/// <param name="Upper">Upper error-bar end per bin when published asymmetric, else null.</param>
/// <param name="BackgroundSubtracted">True for residuals (the steady-state background is already subtracted).</param>
/// <param name="Source">Files the numbers came from.</param>
public sealed record ObservedSpectrum(
    IReadOnlyList<double> Counts,
    IReadOnlyList<double>? Uncertainty,
    IReadOnlyList<double>? Lower,
    IReadOnlyList<double>? Upper,
    bool BackgroundSubtracted,
    string Source)
{
    /// <summary>Sum of the counts.</summary>
    public double Total => Counts.Sum();
}

/// <summary>A background component's expected counts per bin.</summary>
/// <param name="Name">Name, e.g. "steady-state" or "flat".</param>
/// <param name="Counts">Expected counts per bin.</param>
/// <param name="RelativeUncertainty">Relative normalisation uncertainty if published (for a background pull), else null.</param>
/// <param name="Source">Provenance.</param>
public sealed record BackgroundComponent(string Name, IReadOnlyList<double> Counts, double? RelativeUncertainty, string Source);

/// <summary>Seed 001 eq. (2.29)–(2.30) systematics.</summary>
/// <param name="SigmaA">σ_a: relative normalisation uncertainty (pull on the signal).</param>
/// <param name="SigmaF">σ_f: relative per-bin shape uncertainty.</param>
/// <param name="Note">Provenance.</param>
public sealed record Systematics(double SigmaA, double SigmaF, string Note);

/// <summary>
/// The neutrino source and its normalisation. The rate engine integrates a flux density (cm⁻² s⁻¹ MeV⁻¹) over
/// <see cref="ExposureSeconds"/>; for a pulsed pion-DAR source what matters is the fluence per flavour
/// r · POT/(4πL²), so <see cref="MeanFluxPerFlavour"/> × <see cref="ExposureSeconds"/> equals it (with Δt = the live time
/// when published, else 1 s). Flux shapes come from the physics kernel.
/// </summary>
public sealed record NeutrinoSource
{
    /// <summary>The source kind (data name "pion-dar" or "reactor"): which kernel flux model applies.</summary>
    public required NeutrinoSourceKind Kind { get; init; }
    /// <summary>Source–detector distance in m.</summary>
    public required double DistanceM { get; init; }
    /// <summary>Live time in s (null when not published for a pulsed source).</summary>
    public double? LiveTimeSeconds { get; init; }
    /// <summary>Protons on target (pion-DAR).</summary>
    public double? ProtonsOnTarget { get; init; }
    /// <summary>Neutrinos per flavour per proton (pion-DAR).</summary>
    public double? NeutrinosPerFlavourPerProton { get; init; }
    /// <summary>Reactor thermal power in GW.</summary>
    public double? ThermalPowerGW { get; init; }
    /// <summary>Total reactor ν̄_e flux at the detector in cm⁻² s⁻¹.</summary>
    public double? TotalFlux { get; init; }
    /// <summary>Flavours present (names as in the YAML).</summary>
    public IReadOnlyList<string> Flavours { get; init; } = [];
    /// <summary>Which spectrum the kernel supplies.</summary>
    public string Spectrum { get; init; } = "";

    /// <summary>Δt for the rate engine (s): the live time, or 1 s for a pulsed source without one.</summary>
    public double ExposureSeconds => LiveTimeSeconds ?? 1.0;

    /// <summary>Pion-DAR: neutrinos of each flavour per cm² over the whole exposure, r · POT/(4πL²).</summary>
    public double FluencePerFlavour => Kind == NeutrinoSourceKind.PionDecayAtRest
        ? Fluxes.PointSourceFlux(NeutrinosPerFlavourPerProton!.Value, ProtonsOnTarget!.Value, DistanceM)
        : TotalFlux!.Value * ExposureSeconds;

    /// <summary>Flux per flavour (cm⁻² s⁻¹) averaged over <see cref="ExposureSeconds"/> (reactor: the total ν̄_e flux).</summary>
    public double MeanFluxPerFlavour => FluencePerFlavour / ExposureSeconds;
}
