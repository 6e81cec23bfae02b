namespace NuDM.App.Detection;

/// <summary>
/// The 90 % CL upper limit on σ_NC at one dark-matter mass from one search, or "no bound" with the reason.
/// σ_NC is the seed's reference DM–nucleon cross section (seed 000 sec. VII), entering the rate as the
/// velocity-independent σv in units of c (seed 000 eq. (20); see <see cref="DirectDetectionExperiment"/>).
/// </summary>
/// <param name="Experiment">Name of the search.</param>
/// <param name="MassMeV">m_X (MeV).</param>
/// <param name="SigmaNC_cm2">The upper limit on σ_NC (cm²); NaN when there is no bound.</param>
/// <param name="NoBoundReason">Why there is no bound (null when there is one).</param>
/// <param name="Bin">The analysis bin (or window) the limit uses.</param>
/// <param name="EventLimit">Upper limit on the signal events in that bin (events).</param>
/// <param name="EventsPerCm2">Expected signal events in that bin per unit σ_NC (events/cm²).</param>
public sealed record DownScatteringLimit(string Experiment, double MassMeV, double SigmaNC_cm2, string? NoBoundReason, string? Bin, double EventLimit, double EventsPerCm2)
{
    /// <summary>True when the search bounds σ_NC at this mass.</summary>
    public bool HasBound => NoBoundReason is null;

    /// <summary>A "no bound" result with its reason.</summary>
    public static DownScatteringLimit None(string experiment, double massMeV, string reason) =>
        new(experiment, massMeV, double.NaN, reason, null, double.NaN, 0.0);

    public override string ToString() =>
        HasBound ? $"{Experiment}: m_X = {MassMeV:G4} MeV: σ_NC < {SigmaNC_cm2:E3} cm² (90% CL; {Bin}: {EventLimit:G4} events, {EventsPerCm2:E3} events/cm²)"
                 : $"{Experiment}: m_X = {MassMeV:G4} MeV: no bound ({NoBoundReason})";
}

/// <summary>A search for X N → ν N whose null result bounds σ_NC(m_X).</summary>
public interface IDownScatteringSearch
{
    /// <summary>Stable identifier (the experiment column of data/detection/downscattering_experiments.csv, or "Borexino").</summary>
    string Id { get; }
    /// <summary>Display name.</summary>
    string Name { get; }
    /// <summary>Publication the data are from.</summary>
    string Reference { get; }
    /// <summary>The m_X range (MeV) in which some target's recoil lies inside the analysis window; outside it there
    /// is no bound.</summary>
    (double Lo, double Hi) MassWindowMeV { get; }
    /// <summary>
    /// Expected signal events in the exposure (all analysis bins) for m_X (MeV) and σ_NC (cm², seed 000's definition);
    /// the physical rate is κ(m_X, m_N, r) A² σ_NC per target (proof dd.sigma-nc-normalisation), r = m_φ/m_X
    /// (∞: the heavy-mediator limit).
    /// </summary>
    double ExpectedCounts(double mX, double sigmaNC_cm2, double mediatorRatio = double.PositiveInfinity);
    /// <summary>The 90 % CL upper limit on σ_NC at m_X (MeV) for r = m_φ/m_X, or "no bound" with the reason.</summary>
    DownScatteringLimit SigmaNCLimit(double mX, double mediatorRatio = double.PositiveInfinity);
}
