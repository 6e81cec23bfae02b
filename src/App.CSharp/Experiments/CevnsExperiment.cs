using System.Globalization;
using NuDM.Physics;

namespace NuDM.App.Experiments;

/// <summary>Options when loading an experiment.</summary>
public sealed record ExperimentOptions
{
    /// <summary>Response model name (a key of the YAML's response.models); null = the YAML's default.</summary>
    public string? ResponseModel { get; init; }
}

/// <summary>
/// A CEvNS experiment loaded from data/experiments/&lt;id&gt;.yaml and the data files it names: target nuclei and counts,
/// source normalisation, observable bins and their recoil images, acceptance, observed data (or none → Asimov),
/// backgrounds and systematics. Everything is validated on load; errors name the file and field.
/// </summary>
public abstract class CevnsExperiment
{
    private readonly Validator v;

    /// <summary>Loads the common parts of a definition.</summary>
    protected CevnsExperiment(ExperimentDefinition definition, ExperimentOptions? options)
    {
        Definition = definition ?? throw new ArgumentNullException(nameof(definition));
        options ??= new ExperimentOptions();
        string id = definition.Id ?? "(unknown)";
        v = new Validator(ExperimentYaml.RelativePath(id));
        Id = id;
        Name = v.RequiredText(definition.Name, "name");
        Publication = v.RequiredText(definition.Publication, "publication");
        Provenance = v.RequiredText(definition.Provenance, "provenance");

        // ---- target
        string targetName = v.RequiredText(definition.Target, "target");
        try { Target = Nuclear.Target(targetName); }
        catch (ArgumentException ex) { throw v.Error("target", ex.Message); }
        DetectorMassKg = v.Positive(definition.DetectorMassKg, "detector_mass_kg", "kg");
        Nuclei = Target.NucleiInMass(DetectorMassKg).Where(t => t.Count > 0).ToArray();
        if (definition.LiveTimeDays is not null) v.Positive(definition.LiveTimeDays, "live_time_days", "days");

        Source = LoadSource(definition);

        // ---- response
        var resp = v.Required(definition.Response, "response");
        string unit = v.RequiredText(resp.Observable, "response.observable");
        if (unit is not ("PE" or "keVnr" or "keVee")) throw v.Error("response.observable", $"must be PE, keVnr or keVee, got '{unit}'");
        var models = resp.Models is { Count: > 0 } m ? m : throw v.Error("response.models", "at least one model is required");
        ResponseModels = models.Keys.ToArray();
        ResponseModel = options.ResponseModel ?? v.RequiredText(resp.Model, "response.model");
        if (!models.TryGetValue(ResponseModel, out var model))
            throw v.Error(options.ResponseModel is null ? "response.model" : "ExperimentOptions.ResponseModel",
                $"unknown response model '{ResponseModel}'; known: {string.Join(", ", models.Keys)}");
        Response = LoadMapping(model, unit, $"response.models.{ResponseModel}");

        // ---- bins
        var bins = v.Required(definition.Binning, "binning");
        double[] edges;
        if (bins.Edges is { Count: > 0 } e) edges = e.ToArray();
        else if (bins.Uniform is { } u)
        {
            double start = v.NonNegative(u.Start, "binning.uniform.start");
            double width = v.Positive(u.Width, "binning.uniform.width");
            int count = u.Count is > 0 and <= 10000 ? u.Count.Value : throw v.Error("binning.uniform.count", $"must be an integer in [1, 10000], got {u.Count}");
            // round to 15 significant digits so that 0.1 + 29 × 0.1 is 3, not 3.0000000000000004
            edges = Enumerable.Range(0, count + 1).Select(i => double.Parse((start + width * i).ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToArray();
        }
        else throw v.Error("binning", "give edges or uniform");
        if (edges.Length < 2) throw v.Error("binning.edges", "at least two edges are required");
        for (int i = 0; i < edges.Length; i++)
        {
            if (!double.IsFinite(edges[i]) || edges[i] < 0) throw v.Error("binning.edges", $"edge {i} must be finite and ≥ 0, got {edges[i]}");
            if (i > 0 && !(edges[i] > edges[i - 1])) throw v.Error("binning.edges", $"edges must increase strictly (edge {i})");
        }
        double[] recoilEdges;
        try { recoilEdges = edges.Select(Response.ToRecoil).ToArray(); }
        catch (ArgumentOutOfRangeException ex) { throw v.Error("binning", ex.Message.Split(Environment.NewLine)[0]); }
        Bins = new Binning(edges, recoilEdges, unit);

        // ---- acceptance
        Acceptance = LoadAcceptance(definition.Acceptance);
        SignalEfficiency = definition.SignalEfficiency is { } se
            ? (se is > 0 and <= 1 ? se : throw v.Error("signal_efficiency", $"must be in (0, 1], got {se}"))
            : 1.0;

        // ---- data, backgrounds, systematics
        (Observed, PublishedUncertainty) = LoadData(definition.Data);
        Backgrounds = (definition.Backgrounds ?? []).Select((b, i) => LoadBackground(b, i)).ToArray();
        var bsum = new double[Bins.Count];
        foreach (var b in Backgrounds) for (int i = 0; i < bsum.Length; i++) bsum[i] += b.Counts[i];
        Background = bsum;
        var sys = v.Required(definition.Systematics, "systematics");
        Systematics = new Systematics(
            v.NonNegative(sys.SigmaA, "systematics.sigma_a"),
            v.NonNegative(sys.SigmaF, "systematics.sigma_f"),
            sys.Note?.Trim() ?? "");
        ReferenceNumbers = definition.ReferenceNumbers ?? new Dictionary<string, double>();
    }

    /// <summary>The YAML definition (variants already merged).</summary>
    public ExperimentDefinition Definition { get; }

    /// <summary>Experiment id (e.g. coherent-csi-2017).</summary>
    public string Id { get; }

    /// <summary>Human-readable name.</summary>
    public string Name { get; }

    /// <summary>Publication(s).</summary>
    public string Publication { get; }

    /// <summary>Provenance of numbers and files.</summary>
    public string Provenance { get; }

    /// <summary>Target material.</summary>
    public Target Target { get; }

    /// <summary>Detector mass (kg).</summary>
    public double DetectorMassKg { get; }

    /// <summary>Target nuclei (the kernel's isotopes) with their numbers in the detector.</summary>
    public IReadOnlyList<NucleusCount> Nuclei { get; }

    /// <summary>Neutrino source and normalisation.</summary>
    public NeutrinoSource Source { get; }

    /// <summary>Names of the available response models.</summary>
    public IReadOnlyList<string> ResponseModels { get; }

    /// <summary>Name of the response model in use.</summary>
    public string ResponseModel { get; }

    /// <summary>Observable ↔ recoil mapping in use.</summary>
    public IObservableMapping Response { get; }

    /// <summary>Bins in the observable and in recoil energy.</summary>
    public Binning Bins { get; }

    /// <summary>Signal acceptance as a function of the observable.</summary>
    public IAcceptance Acceptance { get; }

    /// <summary>Extra constant signal efficiency (default 1).</summary>
    public double SignalEfficiency { get; }

    /// <summary>Observed data, or null: use Asimov data (the SM prediction).</summary>
    public ObservedSpectrum? Observed { get; }

    /// <summary>Published 1σ uncertainties per bin for a χ² with published errors (scaled for future variants), or null.</summary>
    public IReadOnlyList<double>? PublishedUncertainty { get; }

    /// <summary>Background components.</summary>
    public IReadOnlyList<BackgroundComponent> Backgrounds { get; }

    /// <summary>Total background per bin.</summary>
    public IReadOnlyList<double> Background { get; }

    /// <summary>σ_a, σ_f.</summary>
    public Systematics Systematics { get; }

    /// <summary>Published reference numbers (keys as in the YAML).</summary>
    public IReadOnlyDictionary<string, double> ReferenceNumbers { get; }

    /// <summary>Acceptance × signal efficiency at recoil T (MeV).</summary>
    public double AcceptanceAtRecoil(double recoil) => SignalEfficiency * Acceptance.Evaluate(Response.ToObservable(recoil));

    /// <summary>The detector side of the rate engine: recoil bins, acceptance in T with its breakpoints, nuclei, Δt.</summary>
    public Rates.DetectorSetup CreateDetectorSetup()
    {
        var breaks = Acceptance.Breakpoints
            .Where(x => x > Bins.ObservableEdges[0] && x < Bins.ObservableEdges[^1])
            .Select(Response.ToRecoil);
        return new Rates.DetectorSetup(Bins.RecoilEdges, Nuclei, Source.ExposureSeconds, AcceptanceAtRecoil, breaks);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Id}: {Name}";

    // ------------------------------------------------------------------------------------------ loading

    /// <summary>Validation helper bound to this experiment's file (for subclasses).</summary>
    private protected Validator Check => v;

    /// <summary>A data file named under files: in the YAML (class-specific extras).</summary>
    protected string RequiredFile(string role) =>
        Definition.Files is { } f && f.TryGetValue(role, out var p) && !string.IsNullOrWhiteSpace(p) ? p : throw v.Error($"files.{role}", "is required");

    /// <summary>Numeric rows of a data file relative to data/.</summary>
    protected double[][] ReadRows(string relative, string field, int minColumns = 1) => v.Numbers(relative, field, minColumns);

    private NeutrinoSource LoadSource(ExperimentDefinition d)
    {
        var s = v.Required(d.Source, "source");
        string kindText = v.RequiredText(s.Kind, "source.kind");
        if (!Fluxes.TryParseSource(kindText, out var kind))
        {
            var at = ExperimentYaml.Locate(Id, "source", "kind");
            throw new ExperimentDataException(at.File, "source.kind",
                $"unknown source kind '{kindText}'; the kinds are {string.Join(", ", Fluxes.SourceNames)}", at.Line, at.Column);
        }
        double? live = d.LiveTimeDays * Constants.Day_s;
        double distance = v.Positive(s.DistanceM, "source.distance_m", "m");
        var flavours = s.Flavours ?? [];
        switch (kind)
        {
            case NeutrinoSourceKind.PionDecayAtRest:
                return new NeutrinoSource
                {
                    Kind = kind, DistanceM = distance, LiveTimeSeconds = live,
                    ProtonsOnTarget = v.Positive(s.ProtonsOnTarget, "source.protons_on_target"),
                    NeutrinosPerFlavourPerProton = v.Positive(s.NeutrinosPerFlavourPerProton, "source.neutrinos_per_flavour_per_proton"),
                    Flavours = flavours, Spectrum = s.Spectrum ?? "",
                };
            case NeutrinoSourceKind.Reactor:
                if (live is null) throw v.Error("live_time_days", "is required for a reactor source");
                return new NeutrinoSource
                {
                    Kind = kind, DistanceM = distance, LiveTimeSeconds = live,
                    ThermalPowerGW = s.ThermalPowerGw is null ? null : v.Positive(s.ThermalPowerGw, "source.thermal_power_gw", "GW"),
                    TotalFlux = v.Positive(s.TotalFluxPerCm2S, "source.total_flux_per_cm2_s", "cm⁻² s⁻¹"),
                    Flavours = flavours, Spectrum = s.Spectrum ?? "",
                };
            default:
                throw new InvalidOperationException($"source kind {kind} has no loader");
        }
    }

    private IObservableMapping LoadMapping(ResponseModelDefinition m, string unit, string field)
    {
        string kind = v.RequiredText(m.Kind, field + ".kind");
        double maxRecoil = (m.MaxRecoilKev is null ? 200.0 : v.Positive(m.MaxRecoilKev, field + ".max_recoil_kev", "keV")) * 1e-3;
        try
        {
            switch (kind)
            {
                case "linear":
                    return new LinearMapping(v.Positive(m.ObservablePerKevNr, field + ".observable_per_kev_nr"), unit);
                case "quenching-table":
                {
                    var rows = v.Numbers(m.File, field + ".file", 1 + Math.Max(v.Column(m.RecoilColumn, field + ".recoil_column"), v.Column(m.QuenchingColumn, field + ".quenching_column")));
                    var t = rows.Select(r => r[m.RecoilColumn!.Value]).ToArray();
                    var q = rows.Select(r => r[m.QuenchingColumn!.Value]).ToArray();
                    foreach (var x in q) if (!(x > 0 && x < 1)) throw v.Error(field + ".quenching_column", $"quenching factors must lie in (0, 1), got {x} in {m.File}");
                    return MonotoneMapping.QuenchingTable(t, q, v.Positive(m.LightYieldPerKevEe, field + ".light_yield_per_kev_ee"), maxRecoil, unit, m.File!);
                }
                case "polynomial-ee":
                {
                    var rows = v.Numbers(m.File, field + ".file", 4);
                    int set = m.Set ?? 0;
                    if (set < 0 || set >= rows.Length) throw v.Error(field + ".set", $"must be in [0, {rows.Length - 1}] ({m.File} holds {rows.Length} coefficient sets), got {set}");
                    return MonotoneMapping.PolynomialEe(rows[set], v.Positive(m.LightYieldPerKevEe, field + ".light_yield_per_kev_ee"), maxRecoil, unit, $"{m.File} set {set}");
                }
                case "quenching-linear":
                    return MonotoneMapping.LinearQuenching(v.Positive(m.QfA, field + ".qf_a"), v.Finite(m.QfB, field + ".qf_b"),
                        m.LightYieldPerKevEe is null ? 1.0 : v.Positive(m.LightYieldPerKevEe, field + ".light_yield_per_kev_ee"), maxRecoil, unit);
                default:
                    throw v.Error(field + ".kind", $"must be linear, quenching-table, polynomial-ee or quenching-linear, got '{kind}'");
            }
        }
        catch (ArgumentException ex) when (ex is not ArgumentNullException)
        {
            throw v.Error(field, ex.Message);
        }
    }

    private IAcceptance LoadAcceptance(AcceptanceDefinition? a)
    {
        if (a is null) return new UnitAcceptance();
        string kind = v.RequiredText(a.Kind, "acceptance.kind");
        switch (kind)
        {
            case "none": return new UnitAcceptance();
            case "step": return new StepAcceptance(v.NonNegative(a.Threshold, "acceptance.threshold"));
            case "logistic":
            {
                double zero = v.NonNegative(a.ZeroBelow, "acceptance.zero_below", 0);
                double half = v.NonNegative(a.HalfWeightBelow, "acceptance.half_weight_below", zero);
                if (half < zero) throw v.Error("acceptance.half_weight_below", $"must be ≥ zero_below ({zero}), got {half}");
                double aa = v.Positive(a.A, "acceptance.a");
                if (aa > 1) throw v.Error("acceptance.a", $"the plateau must be ≤ 1, got {aa}");
                return new LogisticAcceptance(aa, v.Positive(a.K, "acceptance.k"), v.Finite(a.X0, "acceptance.x0"), zero, half);
            }
            case "logistic-offset":
            {
                double[] c;
                if (a.File is not null)
                {
                    var rows = v.Numbers(a.File, "acceptance.file", 4);
                    int set = a.Set ?? 0;
                    if (set < 0 || set >= rows.Length) throw v.Error("acceptance.set", $"must be in [0, {rows.Length - 1}], got {set}");
                    c = rows[set];
                }
                else c = [v.Finite(a.A, "acceptance.a"), v.Finite(a.B, "acceptance.b"), v.Finite(a.C, "acceptance.c"), v.Finite(a.D, "acceptance.d")];
                if (!(c[1] > 0)) throw v.Error("acceptance", $"the slope b must be > 0, got {c[1]}");
                return new OffsetLogisticAcceptance(c[0], c[1], c[2], c[3]);
            }
            case "table":
            {
                int xc = v.Column(a.ObservableColumn, "acceptance.observable_column", 0), ec = v.Column(a.EfficiencyColumn, "acceptance.efficiency_column", 1);
                var rows = v.Numbers(a.File, "acceptance.file", 1 + Math.Max(xc, ec));
                try { return new TableAcceptance(rows.Select(r => r[xc]).ToArray(), rows.Select(r => r[ec]).ToArray(), a.File!); }
                catch (ArgumentException ex) { throw v.Error("acceptance.file", $"{a.File}: {ex.Message}"); }
            }
            default:
                throw v.Error("acceptance.kind", $"must be none, step, logistic, logistic-offset or table, got '{kind}'");
        }
    }

    private (ObservedSpectrum?, IReadOnlyList<double>?) LoadData(DataDefinition? d)
    {
        if (d is null) throw v.Error("data", "is required (use kind: asimov for no data)");
        string kind = v.RequiredText(d.Kind, "data.kind");
        int n = Bins.Count;
        switch (kind)
        {
            case "residuals-with-error-bars":
            {
                var counts = PerBinColumn(d.CountsFile, "data.counts_file", 0, 1, d.CentreTolerance);
                var upper = PerBinColumn(d.UpperFile, "data.upper_file", 0, 1, d.CentreTolerance);
                var lower = PerBinColumn(d.LowerFile, "data.lower_file", 0, 1, d.CentreTolerance);
                var sigma = new double[n];
                for (int i = 0; i < n; i++)
                {
                    if (!(upper[i] > lower[i])) throw v.Error("data.upper_file", $"bin {i}: upper end {upper[i]} must exceed lower end {lower[i]}");
                    sigma[i] = 0.5 * (upper[i] - lower[i]);
                }
                var obs = new ObservedSpectrum(counts, sigma, lower, upper, d.BackgroundSubtracted ?? true,
                    $"{d.CountsFile}; error bars {d.UpperFile}, {d.LowerFile}");
                return (obs, sigma);
            }
            case "table":
            {
                int xc = v.Column(d.ObservableColumn, "data.observable_column", 0);
                var counts = PerBinColumn(d.File, "data.file", xc, v.Column(d.CountsColumn, "data.counts_column"), d.CentreTolerance);
                double[]? sigma = d.UncertaintyColumn is null ? null : PerBinColumn(d.File, "data.file", xc, v.Column(d.UncertaintyColumn, "data.uncertainty_column"), d.CentreTolerance);
                if (sigma is not null)
                    for (int i = 0; i < n; i++) if (!(sigma[i] > 0)) throw v.Error("data.uncertainty_column", $"bin {i}: uncertainty must be > 0, got {sigma[i]}");
                return (new ObservedSpectrum(counts, sigma, null, null, d.BackgroundSubtracted ?? false, d.File!), sigma);
            }
            case "event-list":
            {
                var counts = Histogram(d.File, "data.file", v.Column(d.ObservableColumn, "data.observable_column", 0), d.TimeColumn, d.MaxTimeUs);
                return (new ObservedSpectrum(counts, null, null, null, d.BackgroundSubtracted ?? false, d.File!), null);
            }
            case "asimov":
            {
                if (d.UpperFile is null && d.LowerFile is null) return (null, null);
                double scale = d.UncertaintyScale is null ? 1.0 : v.Positive(d.UncertaintyScale, "data.uncertainty_scale");
                var upper = PerBinColumn(d.UpperFile, "data.upper_file", 0, 1, d.CentreTolerance);
                var lower = PerBinColumn(d.LowerFile, "data.lower_file", 0, 1, d.CentreTolerance);
                var sigma = new double[n];
                for (int i = 0; i < n; i++)
                {
                    if (!(upper[i] > lower[i])) throw v.Error("data.upper_file", $"bin {i}: upper end {upper[i]} must exceed lower end {lower[i]}");
                    sigma[i] = scale * 0.5 * (upper[i] - lower[i]);
                }
                return (null, sigma);
            }
            default:
                throw v.Error("data.kind", $"must be residuals-with-error-bars, table, event-list or asimov, got '{kind}'");
        }
    }

    private BackgroundComponent LoadBackground(BackgroundDefinition b, int index)
    {
        string f = $"backgrounds[{index}]";
        string name = v.RequiredText(b.Name, f + ".name");
        string kind = v.RequiredText(b.Kind, f + ".kind");
        double? relUnc = b.RelativeUncertainty is null ? null : v.NonNegative(b.RelativeUncertainty, f + ".relative_uncertainty");
        int n = Bins.Count;
        switch (kind)
        {
            case "flat":
            {
                double rate = v.NonNegative(b.RatePerDayKevKg, f + ".rate_per_day_kev_kg");
                if (Bins.Unit is not ("keVnr" or "keVee")) throw v.Error(f + ".kind", $"a flat rate per keV needs bins in keV, not {Bins.Unit}");
                if (Source.LiveTimeSeconds is not { } live) throw v.Error("live_time_days", "is required for a flat background rate");
                double days = live / Constants.Day_s;
                var counts = Bins.Widths.Select(w => rate * days * DetectorMassKg * w).ToArray();
                return new BackgroundComponent(name, counts, relUnc,
                    $"{rate.ToString(CultureInfo.InvariantCulture)} counts/(day·keV·kg) × {days:G6} d × {DetectorMassKg:G6} kg × bin width");
            }
            case "table":
            {
                var counts = PerBinColumn(b.File, f + ".file", v.Column(b.ObservableColumn, f + ".observable_column", 0), v.Column(b.ValueColumn, f + ".value_column"), b.CentreTolerance);
                foreach (var c in counts) if (!(c >= 0)) throw v.Error(f + ".value_column", $"background counts must be ≥ 0, got {c}");
                return new BackgroundComponent(name, counts, relUnc, b.File!);
            }
            case "event-list":
                return new BackgroundComponent(name, Histogram(b.File, f + ".file", v.Column(b.ObservableColumn, f + ".observable_column", 0), b.TimeColumn, b.MaxTimeUs), relUnc, b.File!);
            case "binned-pdf":
            {
                double norm = v.NonNegative(b.Normalisation, f + ".normalisation");
                int xc = v.Column(b.ObservableColumn, f + ".observable_column", 0), yc = v.Column(b.ValueColumn, f + ".value_column", 1);
                var rows = v.Numbers(b.File, f + ".file", 1 + Math.Max(xc, yc));
                double total = rows.Sum(r => r[yc]);
                if (!(total > 0)) throw v.Error(f + ".file", $"{b.File}: the PDF sums to {total}, not > 0");
                var counts = new double[n];
                foreach (var r in rows)
                {
                    if (r[yc] < 0) throw v.Error(f + ".file", $"{b.File}: negative PDF value {r[yc]} at {r[xc]}");
                    int i = Bins.IndexOf(r[xc]);
                    if (i >= 0) counts[i] += norm * r[yc] / total;
                }
                return new BackgroundComponent(name, counts, relUnc, $"{b.File} normalised to {norm:G6} counts");
            }
            default:
                throw v.Error(f + ".kind", $"must be flat, table, event-list or binned-pdf, got '{kind}'");
        }
    }

    /// <summary>One value per bin from a file whose rows are (bin centre, …, value); centres must match the bins.</summary>
    private double[] PerBinColumn(string? file, string field, int xColumn, int valueColumn, double? tolerance)
    {
        var rows = v.Numbers(file, field, 1 + Math.Max(xColumn, valueColumn));
        int n = Bins.Count;
        if (rows.Length != n) throw v.Error(field, $"{file} has {rows.Length} rows, the binning has {n} bins");
        var centres = Bins.Centres;
        var widths = Bins.Widths;
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x = rows[i][xColumn];
            double tol = tolerance ?? 0.25 * widths[i];
            if (!(Math.Abs(x - centres[i]) <= tol))
                throw v.Error(field, $"{file} row {i + 1}: abscissa {x} is not the centre {centres[i]} of bin {i} (tolerance {tol})");
            values[i] = rows[i][valueColumn];
            if (!double.IsFinite(values[i])) throw v.Error(field, $"{file} row {i + 1}: value is not finite");
        }
        return values;
    }

    /// <summary>Histogram of an event list in the bins (events with time ≤ maxTime when a time column is given).</summary>
    private double[] Histogram(string? file, string field, int xColumn, int? timeColumn, double? maxTime)
    {
        int minCols = 1 + Math.Max(xColumn, timeColumn ?? 0);
        var rows = v.Numbers(file, field, minCols);
        var counts = new double[Bins.Count];
        foreach (var r in rows)
        {
            if (timeColumn is { } tc && maxTime is { } mt && r[tc] > mt) continue;
            int i = Bins.IndexOf(r[xColumn]);
            if (i >= 0) counts[i] += 1;
        }
        return counts;
    }
}
