using NuDM.Physics;

namespace NuDM.App.Rates;

/// <summary>
/// The detector side of seed 001 eqs. (2.26)–(2.27): recoil-energy bins, the acceptance as a function of the
/// recoil energy, the target nuclei and the exposure time Δt. Usually made by an experiment
/// (<c>CevnsExperiment.CreateDetectorSetup()</c>), which maps its observable bins (PE, keVee, …) to recoil energy.
/// </summary>
public sealed class DetectorSetup
{
    /// <summary>
    /// Creates a setup.
    /// </summary>
    /// <param name="recoilEdges">Bin edges in recoil kinetic energy T (MeV), strictly increasing, ≥ 0; n+1 edges for n bins.</param>
    /// <param name="targets">Nuclei (the kernel's isotopes) and their counts.</param>
    /// <param name="exposureSeconds">Δt in s: the time the flux (cm⁻² s⁻¹) is integrated over.</param>
    /// <param name="acceptance">Acceptance ε(T) ∈ [0, 1] as a function of T (MeV); null means 1. Must be thread-safe.</param>
    /// <param name="acceptanceBreakpoints">Recoil energies (MeV) where ε is discontinuous or has a kink; the integrator splits there.</param>
    public DetectorSetup(IReadOnlyList<double> recoilEdges, IReadOnlyList<NucleusCount> targets, double exposureSeconds,
        Func<double, double>? acceptance = null, IEnumerable<double>? acceptanceBreakpoints = null)
    {
        ArgumentNullException.ThrowIfNull(recoilEdges);
        ArgumentNullException.ThrowIfNull(targets);
        if (recoilEdges.Count < 2) throw new ArgumentException("at least one bin (two edges) is required", nameof(recoilEdges));
        for (int i = 0; i < recoilEdges.Count; i++)
        {
            if (!double.IsFinite(recoilEdges[i]) || recoilEdges[i] < 0)
                throw new ArgumentException($"recoil edge {i} must be a finite number ≥ 0 MeV, got {recoilEdges[i]}", nameof(recoilEdges));
            if (i > 0 && !(recoilEdges[i] > recoilEdges[i - 1]))
                throw new ArgumentException($"recoil edges must increase strictly: edge {i} = {recoilEdges[i]} ≤ edge {i - 1} = {recoilEdges[i - 1]}", nameof(recoilEdges));
        }
        if (targets.Count == 0) throw new ArgumentException("at least one target nucleus is required", nameof(targets));
        foreach (var t in targets)
            if (t is null || !(double.IsFinite(t.Count) && t.Count > 0)) throw new ArgumentException($"target counts must be finite and > 0, got {t?.Count}", nameof(targets));
        if (!(double.IsFinite(exposureSeconds) && exposureSeconds > 0))
            throw new ArgumentOutOfRangeException(nameof(exposureSeconds), exposureSeconds, "exposure must be a finite number > 0 s");
        RecoilEdges = recoilEdges.ToArray();
        Targets = targets.ToArray();
        ExposureSeconds = exposureSeconds;
        Acceptance = acceptance;
        AcceptanceBreakpoints = (acceptanceBreakpoints ?? []).Where(double.IsFinite).Distinct().Order().ToArray();
    }

    /// <summary>Bin edges in recoil energy (MeV).</summary>
    public IReadOnlyList<double> RecoilEdges { get; }

    /// <summary>Number of bins.</summary>
    public int BinCount => RecoilEdges.Count - 1;

    /// <summary>Target nuclei with counts.</summary>
    public IReadOnlyList<NucleusCount> Targets { get; }

    /// <summary>Exposure time Δt (s).</summary>
    public double ExposureSeconds { get; }

    /// <summary>Acceptance ε(T), T in MeV; null = 1.</summary>
    public Func<double, double>? Acceptance { get; }

    /// <summary>Recoil energies (MeV) where the acceptance is not smooth.</summary>
    public IReadOnlyList<double> AcceptanceBreakpoints { get; }
}
