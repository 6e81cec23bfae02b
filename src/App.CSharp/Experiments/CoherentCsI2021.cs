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
        EnergyTime = definition.EnergyTime is { } et ? LoadEnergyTime(et) : null;
    }

    /// <summary>The energy × arrival-time likelihood set-up of the YAML's energy_time section, or null when it has none.</summary>
    public EnergyTimeSetup? EnergyTime { get; }

    private EnergyTimeSetup LoadEnergyTime(EnergyTimeDefinition d)
    {
        const string f = "energy_time";
        double[] Edges(List<double>? e, string field)
        {
            if (e is not { Count: >= 2 }) throw Fault($"{f}.{field}", "at least two edges are required");
            for (int i = 0; i < e.Count; i++)
            {
                if (!double.IsFinite(e[i]) || e[i] < 0) throw Fault($"{f}.{field}", $"edge {i} must be finite and ≥ 0, got {e[i]}");
                if (i > 0 && !(e[i] > e[i - 1])) throw Fault($"{f}.{field}", $"edges must increase strictly (edge {i})");
            }
            return e.ToArray();
        }
        var pe = Edges(d.PeEdges, "pe_edges");
        var time = Edges(d.TimeEdgesUs, "time_edges_us");
        double step = Positive(d.RecoilStepKev, $"{f}.recoil_step_kev", "keV"), max = Positive(d.MaxRecoilKev, $"{f}.max_recoil_kev", "keV");
        int nRecoil = (int)Math.Round(max / step);
        if (nRecoil < 2 || nRecoil > 100_000 || Math.Abs(nRecoil * step - max) > 1e-9 * max)
            throw Fault($"{f}.max_recoil_kev", $"must be a whole number (2 to 100000) of recoil_step_kev = {step}, got {max}");
        var recoil = Enumerable.Range(0, nRecoil + 1).Select(i => i * step * 1e-3).ToArray();

        var accRows = ReadRows(Definition.Acceptance?.File, "acceptance.file", 4);
        var respModel = Definition.Response?.Models?.Values.FirstOrDefault(m => m.Kind == "polynomial-ee")
            ?? throw Fault("response.models", "the energy × time likelihood needs a polynomial-ee response model (its file holds the quenching sets)");
        var qfRows = ReadRows(respModel.File, "response.models.*.file", 4);
        double[][] Sets(List<int>? sets, string field, double[][] rows, int count)
        {
            if (sets is null || sets.Count != count) throw Fault($"{f}.{field}", $"exactly {count} set indices are required");
            foreach (var i in sets) if (i < 0 || i >= rows.Length) throw Fault($"{f}.{field}", $"set {i} is not in [0, {rows.Length - 1}]");
            return sets.Select(i => rows[i]).ToArray();
        }
        var eff = Sets(d.EfficiencySets, "efficiency_sets", accRows, 3);
        if (d.QuenchingSets is not { Count: >= 1 } qs || qs.Count % 2 != 1) throw Fault($"{f}.quenching_sets", "the nominal set and then a (+1σ, −1σ) pair per systematic are required");
        var qf = Sets(d.QuenchingSets, "quenching_sets", qfRows, d.QuenchingSets.Count);

        // the beam pulse: mean and width of the release's BRN arrival-time PDF (see the YAML's note)
        double tauPi = Positive(d.PionLifetimeUs, $"{f}.pion_lifetime_us", "μs"), tauMu = Positive(d.MuonLifetimeUs, $"{f}.muon_lifetime_us", "μs");
        double w = BrnTimePdf.Sum(p => p.Value), mean = BrnTimePdf.Sum(p => p.Value * p.TimeUs) / w;
        double variance = BrnTimePdf.Sum(p => p.Value * (p.TimeUs - mean) * (p.TimeUs - mean)) / w;
        if (!(variance > tauPi * tauPi)) throw Fault("files.brn_time_pdf", "the BRN arrival-time PDF is narrower than the pion lifetime: no pulse width can be derived from it");

        double offsetRange = Positive(d.TimingOffsetRangeUs, $"{f}.timing_offset_range_us", "μs");
        return new EnergyTimeSetup
        {
            PeEdges = pe,
            TimeEdgesUs = time,
            RecoilEdges = recoil,
            ResolutionA = Positive(d.ResolutionAKevEe, $"{f}.resolution_a_kev_ee", "keVee"),
            ResolutionB = Positive(d.ResolutionBPerKevEe, $"{f}.resolution_b_per_kev_ee", "keVee⁻¹"),
            PionLifetimeUs = tauPi,
            MuonLifetimeUs = tauMu,
            PulseMeanUs = mean - tauPi,
            PulseSigmaUs = Math.Sqrt(variance - tauPi * tauPi), // statistics: the variance of G + Exp(τ) is σ² + τ²
            Efficiency = eff.Select(c => new OffsetLogisticAcceptance(c[0], c[1], c[2], c[3])).ToArray(),
            Quenching = qf.Select((c, i) => MonotoneMapping.PolynomialEe(c, 1.0, RecoilEdgesMax(recoil), "keVee", $"{respModel.File} set {d.QuenchingSets[i]}")).ToArray(),
            FluxUncertainty = Positive(d.FluxUncertainty, $"{f}.flux_uncertainty"),
            BrnUncertainty = Positive(d.BrnUncertainty, $"{f}.brn_uncertainty"),
            NinUncertainty = Positive(d.NinUncertainty, $"{f}.nin_uncertainty"),
            TimingOffsetUncertaintyUs = Positive(d.TimingOffsetUncertaintyUs, $"{f}.timing_offset_uncertainty_us", "μs"),
            TimingOffsetRangeUs = offsetRange,
            Note = d.Note?.Trim() ?? "",
        };
    }

    private static double RecoilEdgesMax(double[] recoil) => recoil[^1];

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

/// <summary>
/// The energy × arrival-time likelihood set-up of COHERENT CsI 2021 (the YAML's energy_time section, validated): the
/// analysis grid, the true-recoil grid of the rates, the gamma resolution, the efficiency and quenching sets (nominal
/// first, then ±1σ), the beam-timing model and the priors. Energies: PE edges in photoelectrons, recoil edges in MeV.
/// </summary>
public sealed record EnergyTimeSetup
{
    /// <summary>Reconstructed-energy bin edges (PE).</summary>
    public required IReadOnlyList<double> PeEdges { get; init; }
    /// <summary>Arrival-time bin edges (μs).</summary>
    public required IReadOnlyList<double> TimeEdgesUs { get; init; }
    /// <summary>True-recoil bin edges (MeV) of the rate computation.</summary>
    public required IReadOnlyList<double> RecoilEdges { get; init; }
    /// <summary>Resolution a (keVee): a = ResolutionA / E_ee.</summary>
    public required double ResolutionA { get; init; }
    /// <summary>Resolution b (per keVee): b = ResolutionB × E_ee.</summary>
    public required double ResolutionB { get; init; }
    /// <summary>π⁺ lifetime (μs).</summary>
    public required double PionLifetimeUs { get; init; }
    /// <summary>μ⁺ lifetime (μs).</summary>
    public required double MuonLifetimeUs { get; init; }
    /// <summary>Mean of the Gaussian beam pulse (μs), from the BRN arrival-time PDF's mean minus τ_π.</summary>
    public required double PulseMeanUs { get; init; }
    /// <summary>Width σ of the Gaussian beam pulse (μs), from the BRN PDF's variance minus τ_π².</summary>
    public required double PulseSigmaUs { get; init; }
    /// <summary>Energy efficiency: nominal, +1σ, −1σ.</summary>
    public required IReadOnlyList<OffsetLogisticAcceptance> Efficiency { get; init; }
    /// <summary>Quenching E_ee(T) in keVee (T in MeV): nominal, then (+1σ, −1σ) per systematic.</summary>
    public required IReadOnlyList<IObservableMapping> Quenching { get; init; }
    /// <summary>Relative prior width of the flux normalisation.</summary>
    public required double FluxUncertainty { get; init; }
    /// <summary>Relative prior width of the BRN normalisation.</summary>
    public required double BrnUncertainty { get; init; }
    /// <summary>Relative prior width of the NIN normalisation.</summary>
    public required double NinUncertainty { get; init; }
    /// <summary>Prior width of the timing offset (μs).</summary>
    public required double TimingOffsetUncertaintyUs { get; init; }
    /// <summary>Largest |timing offset| (μs).</summary>
    public required double TimingOffsetRangeUs { get; init; }
    /// <summary>Provenance of the choices.</summary>
    public required string Note { get; init; }

    /// <summary>Number of quenching systematics (±1σ pairs).</summary>
    public int QuenchingSystematics => (Quenching.Count - 1) / 2;
}
