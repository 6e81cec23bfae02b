using NuDM.Physics;

namespace NuDM.App.Experiments;

/// <summary>
/// COHERENT CsI[Na] full data set (PRL 129, 081801 (2022), arXiv:2110.07730): event lists (coincidence C and
/// anti-coincidence AC, beam on), the release energy efficiency ε(x) = a/(1+exp(−b(x−c))) + d, the quenching
/// polynomial E_ee(T) with 13.35 PE/keVee, and beam-related / neutrino-induced neutron PE PDFs. Energy-only
/// (no arrival-time dimension, no resolution smearing): an approximation of the collaboration's 2D fit.
/// </summary>
public sealed class CoherentCsI2021 : CevnsExperiment
{
    /// <summary>Class name used in the YAML's class field.</summary>
    public const string ClassName = "coherent-csi-2021";

    /// <summary>Loads and validates the definition and the files it names.</summary>
    public CoherentCsI2021(ExperimentDefinition definition, ExperimentOptions? options = null) : base(definition, options)
    {
        if (Bins.Unit != "PE") throw Fault("response.observable", $"COHERENT CsI bins are in PE, got {Bins.Unit}");
        CoincidenceEvents = Events("coincidence_events");
        AntiCoincidenceEvents = Events("anticoincidence_events");
        BrnTimePdf = TimePdf("brn_time_pdf");
        NinTimePdf = TimePdf("nin_time_pdf");
        TimingFlatUntilUs = ReferenceNumbers.TryGetValue("timing_flat_until_us", out var a) ? a : throw Fault("reference_numbers.timing_flat_until_us", "is required");
        TimingDecayPerUs = ReferenceNumbers.TryGetValue("timing_decay_per_us", out var b) ? b : throw Fault("reference_numbers.timing_decay_per_us", "is required");
    }

    /// <summary>Beam-on coincidence events (PE, arrival time μs).</summary>
    public IReadOnlyList<(double PE, double TimeUs)> CoincidenceEvents { get; }

    /// <summary>Beam-on anti-coincidence events (PE, arrival time μs).</summary>
    public IReadOnlyList<(double PE, double TimeUs)> AntiCoincidenceEvents { get; }

    /// <summary>BRN arrival-time PDF (t μs, expected counts per 10 ns bin).</summary>
    public IReadOnlyList<(double TimeUs, double Value)> BrnTimePdf { get; }

    /// <summary>NIN arrival-time PDF (t μs, expected counts per 10 ns bin).</summary>
    public IReadOnlyList<(double TimeUs, double Value)> NinTimePdf { get; }

    /// <summary>Timing efficiency is 1 below this time (μs).</summary>
    public double TimingFlatUntilUs { get; }

    /// <summary>Exponential decay rate of the timing efficiency above it (per μs).</summary>
    public double TimingDecayPerUs { get; }

    /// <summary>Timing efficiency used in public codes: 1 for t &lt; 0.52 μs, exp(−0.0494 (t − 0.52)/μs) above.</summary>
    public double TimingEfficiency(double timeUs) => timeUs < TimingFlatUntilUs ? 1.0 : DetectorResponseFormulas.TimingDecay(timeUs, TimingFlatUntilUs, TimingDecayPerUs);

    /// <summary>Expected counts of a time PDF with the timing efficiency, for 0 ≤ t ≤ maxTimeUs (how the YAML's BRN/NIN normalisations were made).</summary>
    public double ExpectedCounts(IReadOnlyList<(double TimeUs, double Value)> pdf, double maxTimeUs) =>
        pdf.Where(p => p.TimeUs >= 0 && p.TimeUs <= maxTimeUs).Sum(p => p.Value * TimingEfficiency(p.TimeUs));

    private (double, double)[] Events(string role)
    {
        string file = RequiredFile(role);
        var rows = ReadRows(file, $"files.{role}", 2);
        foreach (var r in rows)
            if (!(r[0] >= 0) || !(r[1] >= 0)) throw Fault($"files.{role}", $"{file}: PE and time must be ≥ 0, got ({r[0]}, {r[1]})");
        return rows.Select(r => (r[0], r[1])).ToArray();
    }

    private (double, double)[] TimePdf(string role)
    {
        string file = RequiredFile(role);
        return ReadRows(file, $"files.{role}", 2).Select(r => (r[0], r[1])).ToArray();
    }
}
