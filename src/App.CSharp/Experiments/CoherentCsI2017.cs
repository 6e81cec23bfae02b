namespace NuDM.App.Experiments;

/// <summary>
/// COHERENT CsI[Na] 2017 (Science 357, 1123; data release arXiv:1804.09459) as fitted by seed 001: 25 bins of 2 PE,
/// n_PE = 1.17 T/keV, the published logistic acceptance, and the digitised Fig. 3 residuals (C − AC) with their combined
/// error bars used directly. Also exposes the official release histograms (coincidence / anti-coincidence, beam on/off,
/// PE × arrival time) and the collaboration's digitised SM prediction. Variant: coherent-future (seed 001 Fig. 5).
/// </summary>
public sealed class CoherentCsI2017 : CevnsExperiment
{
    /// <summary>Class name used in the YAML's class field.</summary>
    public const string ClassName = "coherent-csi-2017";

    /// <summary>Loads and validates the definition and the files it names.</summary>
    public CoherentCsI2017(ExperimentDefinition definition, ExperimentOptions? options = null) : base(definition, options)
    {
        if (Bins.Unit != "PE") throw Fault("response.observable", $"COHERENT CsI bins are in PE, got {Bins.Unit}");
        CoincidenceBeamOn = ReleaseGrid("coincidence_beam_on");
        AntiCoincidenceBeamOn = ReleaseGrid("anticoincidence_beam_on");
        CoincidenceBeamOff = ReleaseGrid("coincidence_beam_off");
        AntiCoincidenceBeamOff = ReleaseGrid("anticoincidence_beam_off");
        var pred = ReadRows(RequiredFile("collaboration_prediction"), "files.collaboration_prediction", 2);
        if (pred.Length != Bins.Count) throw Fault("files.collaboration_prediction", $"{pred.Length} rows for {Bins.Count} bins");
        CollaborationPrediction = pred.Select(r => r[1]).ToArray();
        var eff = ReadRows(RequiredFile("digitized_acceptance"), "files.digitized_acceptance", 2);
        DigitizedAcceptance = eff.Select(r => (r[0], r[1])).ToArray();
    }

    /// <summary>One cell of a release histogram: PE bin centre, arrival-time bin centre (μs), counts.</summary>
    public readonly record struct ReleaseCell(double PE, double TimeUs, double Counts);

    /// <summary>Coincidence window, beam on (release data_coincidence_beamOn.txt; 25 PE × 24 time bins).</summary>
    public IReadOnlyList<ReleaseCell> CoincidenceBeamOn { get; }

    /// <summary>Anti-coincidence window (steady-state background estimate), beam on.</summary>
    public IReadOnlyList<ReleaseCell> AntiCoincidenceBeamOn { get; }

    /// <summary>Coincidence window, beam off.</summary>
    public IReadOnlyList<ReleaseCell> CoincidenceBeamOff { get; }

    /// <summary>Anti-coincidence window, beam off.</summary>
    public IReadOnlyList<ReleaseCell> AntiCoincidenceBeamOff { get; }

    /// <summary>Collaboration SM prediction per 2-PE bin, digitised from Fig. 3 (sum 181.7 vs 173 quoted).</summary>
    public IReadOnlyList<double> CollaborationPrediction { get; }

    /// <summary>Digitised acceptance curve (PE, ε) from Fig. S9, for cross-checks of the published formula.</summary>
    public IReadOnlyList<(double PE, double Efficiency)> DigitizedAcceptance { get; }

    /// <summary>
    /// Release residual C − AC (beam on) summed over PE bin centres in [peMin, peMax] and arrival times ≤ maxTimeUs.
    /// </summary>
    public double ReleaseResidual(double peMin, double peMax, double maxTimeUs)
    {
        double Sum(IReadOnlyList<ReleaseCell> g) => g.Where(c => c.PE >= peMin && c.PE <= peMax && c.TimeUs <= maxTimeUs).Sum(c => c.Counts);
        return Sum(CoincidenceBeamOn) - Sum(AntiCoincidenceBeamOn);
    }

    /// <summary>Release C and AC beam-on counts per analysis bin (arrival time ≤ maxTimeUs), for a Poisson fit of the release.</summary>
    public (double[] Coincidence, double[] AntiCoincidence) ReleaseSpectra(double maxTimeUs)
    {
        var c = new double[Bins.Count];
        var a = new double[Bins.Count];
        foreach (var cell in CoincidenceBeamOn) if (cell.TimeUs <= maxTimeUs && Bins.IndexOf(cell.PE) is var i and >= 0) c[i] += cell.Counts;
        foreach (var cell in AntiCoincidenceBeamOn) if (cell.TimeUs <= maxTimeUs && Bins.IndexOf(cell.PE) is var i and >= 0) a[i] += cell.Counts;
        return (c, a);
    }

    private ReleaseCell[] ReleaseGrid(string role)
    {
        string file = RequiredFile(role);
        var rows = ReadRows(file, $"files.{role}", 3);
        if (rows.Length != 25 * 24) throw Fault($"files.{role}", $"{file}: expected 600 cells (25 PE × 24 time bins), got {rows.Length}");
        foreach (var r in rows)
            if (!(r[2] >= 0) || r[2] != Math.Floor(r[2])) throw Fault($"files.{role}", $"{file}: counts must be integers ≥ 0, got {r[2]}");
        return rows.Select(r => new ReleaseCell(r[0], r[1], r[2])).ToArray();
    }
}
