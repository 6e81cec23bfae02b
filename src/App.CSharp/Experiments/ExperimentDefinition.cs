using YamlDotNet.Serialization;

namespace NuDM.App.Experiments;

// The YAML schema of data/experiments/*.yaml (snake_case keys). Unknown keys are errors, so typos are caught.
// Units are part of the key names; data/experiments/README.md documents every field.

/// <summary>Root of an experiment YAML file (see data/experiments/README.md for every field and its units).</summary>
public sealed class ExperimentDefinition
{
    /// <summary>Experiment id, equal to the file name without .yaml.</summary>
    public string? Id { get; set; }
    /// <summary>Id of a YAML this one varies: its top-level sections are taken unless this file gives them (whole sections replace).</summary>
    public string? Base { get; set; }
    /// <summary>Which class loads it: coherent-csi-2017, coherent-csi-2021, coherent-lar-2020 or conus.</summary>
    public string? Class { get; set; }
    /// <summary>Human-readable name.</summary>
    public string? Name { get; set; }
    /// <summary>Publication(s) the numbers come from.</summary>
    public string? Publication { get; set; }
    /// <summary>Where every number and file comes from.</summary>
    public string? Provenance { get; set; }
    /// <summary>Target material known to NuDM.Physics.Nuclear.Target (CsI, Ar, Ge, …).</summary>
    public string? Target { get; set; }
    /// <summary>Detector (fiducial) mass in kg.</summary>
    [YamlMember(Alias = "detector_mass_kg")] public double? DetectorMassKg { get; set; }
    /// <summary>Live time in days (optional for pulsed pion-DAR sources, whose fluence is fixed by the POT).</summary>
    [YamlMember(Alias = "live_time_days")] public double? LiveTimeDays { get; set; }
    /// <summary>Neutrino source.</summary>
    public SourceDefinition? Source { get; set; }
    /// <summary>Observable and its mapping to recoil energy.</summary>
    public ResponseDefinition? Response { get; set; }
    /// <summary>Bins in the observable.</summary>
    public BinningDefinition? Binning { get; set; }
    /// <summary>Signal acceptance as a function of the observable.</summary>
    public AcceptanceDefinition? Acceptance { get; set; }
    /// <summary>Extra constant signal efficiency (e.g. a timing cut), default 1.</summary>
    [YamlMember(Alias = "signal_efficiency")] public double? SignalEfficiency { get; set; }
    /// <summary>Observed data (or asimov).</summary>
    public DataDefinition? Data { get; set; }
    /// <summary>Background components, summed per bin.</summary>
    public List<BackgroundDefinition>? Backgrounds { get; set; }
    /// <summary>Systematic uncertainties of seed 001 eq. (2.29)–(2.30).</summary>
    public SystematicsDefinition? Systematics { get; set; }
    /// <summary>Extra data files by role (class-specific, e.g. the COHERENT 2017 release histograms).</summary>
    public Dictionary<string, string>? Files { get; set; }
    /// <summary>Published reference numbers (e.g. predicted and observed event counts) used by checks.</summary>
    [YamlMember(Alias = "reference_numbers")] public Dictionary<string, double>? ReferenceNumbers { get; set; }
    /// <summary>The energy × arrival-time likelihood of the experiment (COHERENT CsI 2021): bins, resolution, timing, priors.</summary>
    [YamlMember(Alias = "energy_time")] public EnergyTimeDefinition? EnergyTime { get; set; }
    /// <summary>Free-form notes.</summary>
    public string? Notes { get; set; }
}

/// <summary>Neutrino source: kind pion-dar or reactor.</summary>
public sealed class SourceDefinition
{
    /// <summary>pion-dar (π⁺/μ⁺ decay at rest: ν_μ line, ν_e, ν̄_μ) or reactor (ν̄_e).</summary>
    public string? Kind { get; set; }
    /// <summary>Protons on target (pion-dar).</summary>
    [YamlMember(Alias = "protons_on_target")] public double? ProtonsOnTarget { get; set; }
    /// <summary>Neutrinos of each flavour per proton (pion-dar).</summary>
    [YamlMember(Alias = "neutrinos_per_flavour_per_proton")] public double? NeutrinosPerFlavourPerProton { get; set; }
    /// <summary>Source–detector distance in m.</summary>
    [YamlMember(Alias = "distance_m")] public double? DistanceM { get; set; }
    /// <summary>Reactor thermal power in GW (reactor; informational when the total flux is given).</summary>
    [YamlMember(Alias = "thermal_power_gw")] public double? ThermalPowerGw { get; set; }
    /// <summary>Total ν̄_e flux at the detector in cm⁻² s⁻¹ (reactor).</summary>
    [YamlMember(Alias = "total_flux_per_cm2_s")] public double? TotalFluxPerCm2S { get; set; }
    /// <summary>Flavours present.</summary>
    public List<string>? Flavours { get; set; }
    /// <summary>Which spectrum the kernel should supply.</summary>
    public string? Spectrum { get; set; }
    /// <summary>Notes.</summary>
    public string? Note { get; set; }
}

/// <summary>Observable, the active response model and the available ones.</summary>
public sealed class ResponseDefinition
{
    /// <summary>Observable unit: PE, keVnr or keVee.</summary>
    public string? Observable { get; set; }
    /// <summary>Name of the default model in <see cref="Models"/>.</summary>
    public string? Model { get; set; }
    /// <summary>Response models by name.</summary>
    public Dictionary<string, ResponseModelDefinition>? Models { get; set; }
}

/// <summary>
/// One observable ↔ recoil mapping: linear (observable = factor · T/keV), quenching-table (LY · QF(T) · T/keV from a
/// measured QF table), polynomial-ee (LY · E_ee(T), E_ee/MeVee a polynomial in T/MeVnr from a coefficient file) or
/// quenching-linear (E_ee/keVee = T/keV · (qf_a + qf_b · T/keV), times LY).
/// </summary>
public sealed class ResponseModelDefinition
{
    /// <summary>linear, quenching-table, polynomial-ee or quenching-linear.</summary>
    public string? Kind { get; set; }
    /// <summary>linear: observable units per keV of nuclear recoil.</summary>
    [YamlMember(Alias = "observable_per_kev_nr")] public double? ObservablePerKevNr { get; set; }
    /// <summary>Light yield: observable units per keVee (1 for an observable in keVee).</summary>
    [YamlMember(Alias = "light_yield_per_kev_ee")] public double? LightYieldPerKevEe { get; set; }
    /// <summary>Data file under data/ (quenching-table, polynomial-ee).</summary>
    public string? File { get; set; }
    /// <summary>quenching-table: column of the recoil energy (keVnr), 0-based.</summary>
    [YamlMember(Alias = "recoil_column")] public int? RecoilColumn { get; set; }
    /// <summary>quenching-table: column of the quenching factor, 0-based.</summary>
    [YamlMember(Alias = "quenching_column")] public int? QuenchingColumn { get; set; }
    /// <summary>polynomial-ee: which coefficient set of the file (0 = nominal).</summary>
    public int? Set { get; set; }
    /// <summary>quenching-linear: QF = qf_a + qf_b · T/keV.</summary>
    [YamlMember(Alias = "qf_a")] public double? QfA { get; set; }
    /// <summary>quenching-linear: QF slope per keVnr.</summary>
    [YamlMember(Alias = "qf_b")] public double? QfB { get; set; }
    /// <summary>Largest recoil (keVnr) where the mapping is used (must be increasing up to it).</summary>
    [YamlMember(Alias = "max_recoil_kev")] public double? MaxRecoilKev { get; set; }
    /// <summary>Notes and provenance.</summary>
    public string? Note { get; set; }
}

/// <summary>Bins in the observable: explicit edges or uniform.</summary>
public sealed class BinningDefinition
{
    /// <summary>Explicit edges (observable units).</summary>
    public List<double>? Edges { get; set; }
    /// <summary>Uniform bins.</summary>
    public UniformBinsDefinition? Uniform { get; set; }
    /// <summary>Notes.</summary>
    public string? Note { get; set; }
}

/// <summary>Uniform bins: start, width, count.</summary>
public sealed class UniformBinsDefinition
{
    /// <summary>Lower edge of the first bin.</summary>
    public double? Start { get; set; }
    /// <summary>Bin width.</summary>
    public double? Width { get; set; }
    /// <summary>Number of bins.</summary>
    public int? Count { get; set; }
}

/// <summary>
/// Acceptance ε(x) of the observable x: logistic (a/(1+exp(−k(x−x0))), 0 below zero_below, half weight below
/// half_weight_below), logistic-offset (a/(1+exp(−b(x−c))) + d clipped to [0,1], coefficients from a file set or
/// given), table (linear interpolation in a file), step (0 below threshold, 1 above) or none.
/// </summary>
public sealed class AcceptanceDefinition
{
    /// <summary>logistic, logistic-offset, table, step or none.</summary>
    public string? Kind { get; set; }
    /// <summary>Coefficient a.</summary>
    public double? A { get; set; }
    /// <summary>Coefficient k (logistic).</summary>
    public double? K { get; set; }
    /// <summary>Coefficient x0 (logistic).</summary>
    public double? X0 { get; set; }
    /// <summary>Coefficient b (logistic-offset).</summary>
    public double? B { get; set; }
    /// <summary>Coefficient c (logistic-offset).</summary>
    public double? C { get; set; }
    /// <summary>Coefficient d (logistic-offset).</summary>
    public double? D { get; set; }
    /// <summary>ε = 0 below this observable value (logistic).</summary>
    [YamlMember(Alias = "zero_below")] public double? ZeroBelow { get; set; }
    /// <summary>ε halved below this observable value (logistic).</summary>
    [YamlMember(Alias = "half_weight_below")] public double? HalfWeightBelow { get; set; }
    /// <summary>Threshold (step).</summary>
    public double? Threshold { get; set; }
    /// <summary>Coefficient or table file under data/.</summary>
    public string? File { get; set; }
    /// <summary>Coefficient set in the file (0 = nominal).</summary>
    public int? Set { get; set; }
    /// <summary>table: column of the observable (0-based).</summary>
    [YamlMember(Alias = "observable_column")] public int? ObservableColumn { get; set; }
    /// <summary>table: column of the efficiency (0-based).</summary>
    [YamlMember(Alias = "efficiency_column")] public int? EfficiencyColumn { get; set; }
    /// <summary>A digitised curve for cross-checks (observable, efficiency).</summary>
    [YamlMember(Alias = "digitized_file")] public string? DigitizedFile { get; set; }
    /// <summary>Notes and provenance.</summary>
    public string? Note { get; set; }
}

/// <summary>
/// Observed data: residuals-with-error-bars (digitised counts and error-bar ends per bin), event-list (events
/// histogrammed in the bins), table (per-bin counts and uncertainties in columns) or asimov (no data: the SM
/// prediction is used; optional published uncertainties scaled by uncertainty_scale).
/// </summary>
public sealed class DataDefinition
{
    /// <summary>residuals-with-error-bars, event-list, table or asimov.</summary>
    public string? Kind { get; set; }
    /// <summary>Counts file (residuals-with-error-bars).</summary>
    [YamlMember(Alias = "counts_file")] public string? CountsFile { get; set; }
    /// <summary>Upper error-bar ends.</summary>
    [YamlMember(Alias = "upper_file")] public string? UpperFile { get; set; }
    /// <summary>Lower error-bar ends.</summary>
    [YamlMember(Alias = "lower_file")] public string? LowerFile { get; set; }
    /// <summary>Event list or table file.</summary>
    public string? File { get; set; }
    /// <summary>Column of the observable (0-based).</summary>
    [YamlMember(Alias = "observable_column")] public int? ObservableColumn { get; set; }
    /// <summary>Column of the event time (event-list), 0-based.</summary>
    [YamlMember(Alias = "time_column")] public int? TimeColumn { get; set; }
    /// <summary>Largest event time kept (μs).</summary>
    [YamlMember(Alias = "max_time_us")] public double? MaxTimeUs { get; set; }
    /// <summary>Column of the counts (table).</summary>
    [YamlMember(Alias = "counts_column")] public int? CountsColumn { get; set; }
    /// <summary>Column of the 1σ uncertainty (table).</summary>
    [YamlMember(Alias = "uncertainty_column")] public int? UncertaintyColumn { get; set; }
    /// <summary>Factor applied to published uncertainties (asimov variants).</summary>
    [YamlMember(Alias = "uncertainty_scale")] public double? UncertaintyScale { get; set; }
    /// <summary>Whether the data are background-subtracted residuals.</summary>
    [YamlMember(Alias = "background_subtracted")] public bool? BackgroundSubtracted { get; set; }
    /// <summary>Largest allowed distance of a digitised abscissa from its bin centre (observable units).</summary>
    [YamlMember(Alias = "centre_tolerance")] public double? CentreTolerance { get; set; }
    /// <summary>Notes and provenance.</summary>
    public string? Note { get; set; }
}

/// <summary>
/// One background component: flat (rate per day·keV·kg × live time × mass × bin width), table (per-bin column of a
/// file), event-list (histogrammed events) or binned-pdf (a fine-binned PDF normalised to `normalisation` counts,
/// rebinned by bin centre).
/// </summary>
public sealed class BackgroundDefinition
{
    /// <summary>Name.</summary>
    public string? Name { get; set; }
    /// <summary>flat, table, event-list or binned-pdf.</summary>
    public string? Kind { get; set; }
    /// <summary>flat: counts per day per keV per kg.</summary>
    [YamlMember(Alias = "rate_per_day_kev_kg")] public double? RatePerDayKevKg { get; set; }
    /// <summary>File under data/.</summary>
    public string? File { get; set; }
    /// <summary>Column of the observable / bin centre (0-based).</summary>
    [YamlMember(Alias = "observable_column")] public int? ObservableColumn { get; set; }
    /// <summary>Column of the value (0-based).</summary>
    [YamlMember(Alias = "value_column")] public int? ValueColumn { get; set; }
    /// <summary>Column of the event time (event-list).</summary>
    [YamlMember(Alias = "time_column")] public int? TimeColumn { get; set; }
    /// <summary>Largest event time kept (μs).</summary>
    [YamlMember(Alias = "max_time_us")] public double? MaxTimeUs { get; set; }
    /// <summary>binned-pdf: total expected counts.</summary>
    public double? Normalisation { get; set; }
    /// <summary>Relative normalisation uncertainty (informational / for a background pull).</summary>
    [YamlMember(Alias = "relative_uncertainty")] public double? RelativeUncertainty { get; set; }
    /// <summary>Largest allowed distance of a table abscissa from its bin centre.</summary>
    [YamlMember(Alias = "centre_tolerance")] public double? CentreTolerance { get; set; }
    /// <summary>Notes and provenance.</summary>
    public string? Note { get; set; }
}

/// <summary>Seed 001 eq. (2.29)–(2.30): normalisation pull σ_a and shape uncertainty σ_f (fractions).</summary>
public sealed class SystematicsDefinition
{
    /// <summary>σ_a, relative normalisation uncertainty of the signal.</summary>
    [YamlMember(Alias = "sigma_a")] public double? SigmaA { get; set; }
    /// <summary>σ_f, relative per-bin shape uncertainty.</summary>
    [YamlMember(Alias = "sigma_f")] public double? SigmaF { get; set; }
    /// <summary>Notes and provenance.</summary>
    public string? Note { get; set; }
}

/// <summary>
/// The binned energy × arrival-time likelihood of a pulsed-source experiment (data/experiments/README.md, "energy_time"):
/// the analysis grid, the detector resolution, the beam timing model and the priors of the nuisance parameters.
/// </summary>
public sealed class EnergyTimeDefinition
{
    /// <summary>Reconstructed-energy bin edges (PE).</summary>
    [YamlMember(Alias = "pe_edges")] public List<double>? PeEdges { get; set; }
    /// <summary>Arrival-time bin edges (μs).</summary>
    [YamlMember(Alias = "time_edges_us")] public List<double>? TimeEdgesUs { get; set; }
    /// <summary>Width of the true-recoil bins the rates are computed in (keVnr).</summary>
    [YamlMember(Alias = "recoil_step_kev")] public double? RecoilStepKev { get; set; }
    /// <summary>Upper end of the true-recoil grid (keVnr).</summary>
    [YamlMember(Alias = "max_recoil_kev")] public double? MaxRecoilKev { get; set; }
    /// <summary>Gamma resolution: a = resolution_a_kev_ee / E_ee (E_ee in keVee; 1/a is the mean PE).</summary>
    [YamlMember(Alias = "resolution_a_kev_ee")] public double? ResolutionAKevEe { get; set; }
    /// <summary>Gamma resolution: b = resolution_b_per_kev_ee × E_ee.</summary>
    [YamlMember(Alias = "resolution_b_per_kev_ee")] public double? ResolutionBPerKevEe { get; set; }
    /// <summary>Muon lifetime (μs).</summary>
    [YamlMember(Alias = "muon_lifetime_us")] public double? MuonLifetimeUs { get; set; }
    /// <summary>Charged-pion lifetime (μs).</summary>
    [YamlMember(Alias = "pion_lifetime_us")] public double? PionLifetimeUs { get; set; }
    /// <summary>Efficiency coefficient sets (rows of the acceptance file): nominal, +1σ, −1σ.</summary>
    [YamlMember(Alias = "efficiency_sets")] public List<int>? EfficiencySets { get; set; }
    /// <summary>Quenching coefficient sets (rows of the response file): nominal, then (+1σ, −1σ) per systematic.</summary>
    [YamlMember(Alias = "quenching_sets")] public List<int>? QuenchingSets { get; set; }
    /// <summary>Relative prior width of the neutrino-flux normalisation.</summary>
    [YamlMember(Alias = "flux_uncertainty")] public double? FluxUncertainty { get; set; }
    /// <summary>Relative prior width of the beam-related-neutron normalisation.</summary>
    [YamlMember(Alias = "brn_uncertainty")] public double? BrnUncertainty { get; set; }
    /// <summary>Relative prior width of the neutrino-induced-neutron normalisation.</summary>
    [YamlMember(Alias = "nin_uncertainty")] public double? NinUncertainty { get; set; }
    /// <summary>Prior width of the timing offset (μs).</summary>
    [YamlMember(Alias = "timing_offset_uncertainty_us")] public double? TimingOffsetUncertaintyUs { get; set; }
    /// <summary>Largest timing offset the fit may take (μs).</summary>
    [YamlMember(Alias = "timing_offset_range_us")] public double? TimingOffsetRangeUs { get; set; }
    /// <summary>Notes and provenance of every choice.</summary>
    public string? Note { get; set; }
}
