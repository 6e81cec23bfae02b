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
    private readonly string _file;

    /// <summary>Loads the common parts of a definition.</summary>
    protected CevnsExperiment(ExperimentDefinition definition, ExperimentOptions? options)
    {
        Definition = definition ?? throw new ArgumentNullException(nameof(definition));
        options ??= new ExperimentOptions();
        string id = definition.Id ?? "(unknown)";
        _file = ExperimentYaml.RelativePath(id);
        Id = id;
        Name = RequiredText(definition.Name, "name");
        Publication = RequiredText(definition.Publication, "publication");
        Provenance = RequiredText(definition.Provenance, "provenance");

        // ---- target
        string targetName = RequiredText(definition.Target, "target");
        try { Target = Nuclear.Target(targetName); }
        catch (ArgumentException ex) { throw Fault("target", ex.Message); }
        DetectorMassKg = Positive(definition.DetectorMassKg, "detector_mass_kg", "kg");
        Nuclei = Target.NucleiInMass(DetectorMassKg).Where(t => t.Count > 0).ToArray();
        if (definition.LiveTimeDays is not null) Positive(definition.LiveTimeDays, "live_time_days", "days");

        Source = LoadSource(definition);

        // ---- response
        var resp = Required(definition.Response, "response");
        string unit = RequiredText(resp.Observable, "response.observable");
        if (unit is not ("PE" or "keVnr" or "keVee")) throw Fault("response.observable", $"must be PE, keVnr or keVee, got '{unit}'");
        var models = resp.Models is { Count: > 0 } m ? m : throw Fault("response.models", "at least one model is required");
        ResponseModels = models.Keys.ToArray();
        ResponseModel = options.ResponseModel ?? RequiredText(resp.Model, "response.model");
        if (!models.TryGetValue(ResponseModel, out var model))
            throw Fault(options.ResponseModel is null ? "response.model" : "ExperimentOptions.ResponseModel",
                $"unknown response model '{ResponseModel}'; known: {string.Join(", ", models.Keys)}");
        Response = LoadMapping(model, unit, $"response.models.{ResponseModel}");

        // ---- bins
        var bins = Required(definition.Binning, "binning");
        double[] edges;
        if (bins.Edges is { Count: > 0 } e) edges = e.ToArray();
        else if (bins.Uniform is { } u)
        {
            double start = NonNegative(u.Start, "binning.uniform.start");
            double width = Positive(u.Width, "binning.uniform.width");
            int count = u.Count is > 0 and <= 10000 ? u.Count.Value : throw Fault("binning.uniform.count", $"must be an integer in [1, 10000], got {u.Count}");
            // round to 15 significant digits so that 0.1 + 29 × 0.1 is 3, not 3.0000000000000004
            edges = Enumerable.Range(0, count + 1).Select(i => double.Parse((start + width * i).ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToArray();
        }
        else throw Fault("binning", "give edges or uniform");
        if (edges.Length < 2) throw Fault("binning.edges", "at least two edges are required");
        for (int i = 0; i < edges.Length; i++)
        {
            if (!double.IsFinite(edges[i]) || edges[i] < 0) throw Fault("binning.edges", $"edge {i} must be finite and ≥ 0, got {edges[i]}");
            if (i > 0 && !(edges[i] > edges[i - 1])) throw Fault("binning.edges", $"edges must increase strictly (edge {i})");
        }
        double[] recoilEdges;
        try { recoilEdges = edges.Select(Response.ToRecoil).ToArray(); }
        catch (ArgumentOutOfRangeException ex) { throw Fault("binning", ex.Message.Split(Environment.NewLine)[0]); }
        Bins = new Binning(edges, recoilEdges, unit);

        // ---- acceptance
        Acceptance = LoadAcceptance(definition.Acceptance);
        SignalEfficiency = definition.SignalEfficiency is { } se
            ? (se is > 0 and <= 1 ? se : throw Fault("signal_efficiency", $"must be in (0, 1], got {se}"))
            : 1.0;

        // ---- data, backgrounds, systematics
        (Observed, PublishedUncertainty) = LoadData(definition.Data);
        Backgrounds = (definition.Backgrounds ?? []).Select((b, i) => LoadBackground(b, i)).ToArray();
        var bsum = new double[Bins.Count];
        foreach (var b in Backgrounds) for (int i = 0; i < bsum.Length; i++) bsum[i] += b.Counts[i];
        Background = bsum;
        var sys = Required(definition.Systematics, "systematics");
        Systematics = new Systematics(
            NonNegative(sys.SigmaA, "systematics.sigma_a"),
            NonNegative(sys.SigmaF, "systematics.sigma_f"),
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

    /// <summary>A fault in this experiment's data: the file (data/experiments/&lt;id&gt;.yaml) and the field are named.</summary>
    protected ExperimentDataException Fault(string field, string message) => new(_file, field, message);

    /// <summary>A data file named under files: in the YAML (class-specific extras).</summary>
    protected string RequiredFile(string role) =>
        Definition.Files is { } f && f.TryGetValue(role, out var p) && !string.IsNullOrWhiteSpace(p) ? p : throw Fault($"files.{role}", "is required");

    // The checks of the YAML's values are the program's one argument check (NuDM.Physics.Argument, with the field as the
    // parameter); a value it refuses is a fault in the data, reported with the file and the field.

    private T Required<T>(T? value, string field) where T : class => value ?? throw Fault(field, "is required");

    private string RequiredText(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw Fault(field, "is required") : value.Trim();

    /// <summary>A required YAML number checked by <paramref name="check"/> (an <see cref="Argument"/> check).</summary>
    private double Checked(double? value, string field, Func<double, double> check)
    {
        if (value is not { } v) throw Fault(field, "is required");
        try { return check(v); }
        catch (ArgumentOutOfRangeException e) { throw Fault(field, RangeMessage(e, field)); }
    }

    /// <summary>The check's message without .NET's parameter and value suffixes and without repeating the field.</summary>
    private static string RangeMessage(ArgumentOutOfRangeException e, string field)
    {
        var m = e.Message;
        int cut = m.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (cut > 0) m = m[..cut];
        return m.StartsWith(field + " ", StringComparison.Ordinal) ? m[(field.Length + 1)..] : m;
    }

    private protected double Positive(double? value, string field, string unit = "") => Checked(value, field, v => Argument.Positive(field, v, unit));

    private protected double NonNegative(double? value, string field, double? fallback = null) =>
        value is null && fallback is { } f ? f : Checked(value, field, v => Argument.NonNegative(field, v));

    private protected double Finite(double? value, string field) => Checked(value, field, v => Argument.Finite(field, v, ""));

    private int Column(int? value, string field, int? fallback = null) =>
        (int)Checked(value ?? fallback, field, v => Argument.Count(field, (int)v));

    /// <summary>
    /// The numeric rows of a data table named in the YAML (relative to data/), read and validated against its schema in
    /// <see cref="DataCatalog"/> (a fault in the file is a <see cref="DataFileException"/> with line and column); the
    /// role needs at least <paramref name="minColumns"/> columns.
    /// </summary>
    protected double[][] ReadRows(string? relative, string field, int minColumns = 1)
    {
        string rel = RequiredText(relative, field);
        if (!DataFiles.Exists(rel)) throw Fault(field, $"data file '{rel}' does not exist under data/");
        if (!DataCatalog.TrySchema(rel, out _)) throw Fault(field, $"data file '{rel}' has no declared schema in src/Physics.FSharp/Physics/DataCatalog.fs");
        var table = DataFiles.Table(rel);
        if (table.Columns.Count < minColumns)
            throw Fault(field, $"data file '{rel}' has {table.Columns.Count} columns ({string.Join(", ", table.Columns)}), {minColumns} needed");
        return table.Rows.Select(r => Enumerable.Range(0, table.Columns.Count).Select(r.Number).ToArray()).ToArray();
    }

    private NeutrinoSource LoadSource(ExperimentDefinition d)
    {
        var s = Required(d.Source, "source");
        string kindText = RequiredText(s.Kind, "source.kind");
        if (!Fluxes.TryParseSource(kindText, out var kind))
        {
            var at = ExperimentYaml.Locate(Id, "source", "kind");
            throw new ExperimentDataException(at.File, "source.kind",
                $"unknown source kind '{kindText}'; the kinds are {string.Join(", ", Fluxes.SourceNames)}", at.Line, at.Column);
        }
        double? live = d.LiveTimeDays * Constants.Day_s;
        double distance = Positive(s.DistanceM, "source.distance_m", "m");
        var flavours = s.Flavours ?? [];
        switch (kind)
        {
            case NeutrinoSourceKind.PionDecayAtRest:
                return new NeutrinoSource
                {
                    Kind = kind, DistanceM = distance, LiveTimeSeconds = live,
                    ProtonsOnTarget = Positive(s.ProtonsOnTarget, "source.protons_on_target"),
                    NeutrinosPerFlavourPerProton = Positive(s.NeutrinosPerFlavourPerProton, "source.neutrinos_per_flavour_per_proton"),
                    Flavours = flavours, Spectrum = s.Spectrum ?? "",
                };
            case NeutrinoSourceKind.Reactor:
                if (live is null) throw Fault("live_time_days", "is required for a reactor source");
                return new NeutrinoSource
                {
                    Kind = kind, DistanceM = distance, LiveTimeSeconds = live,
                    ThermalPowerGW = s.ThermalPowerGw is null ? null : Positive(s.ThermalPowerGw, "source.thermal_power_gw", "GW"),
                    TotalFlux = Positive(s.TotalFluxPerCm2S, "source.total_flux_per_cm2_s", "cm⁻² s⁻¹"),
                    Flavours = flavours, Spectrum = s.Spectrum ?? "",
                };
            default:
                throw new InvalidOperationException($"source kind {kind} has no loader");
        }
    }

    private IObservableMapping LoadMapping(ResponseModelDefinition m, string unit, string field)
    {
        string kind = RequiredText(m.Kind, field + ".kind");
        double maxRecoil = (m.MaxRecoilKev is null ? 200.0 : Positive(m.MaxRecoilKev, field + ".max_recoil_kev", "keV")) * 1e-3;
        try
        {
            switch (kind)
            {
                case "linear":
                    return new LinearMapping(Positive(m.ObservablePerKevNr, field + ".observable_per_kev_nr"), unit);
                case "quenching-table":
                {
                    var rows = ReadRows(m.File, field + ".file", 1 + Math.Max(Column(m.RecoilColumn, field + ".recoil_column"), Column(m.QuenchingColumn, field + ".quenching_column")));
                    var t = rows.Select(r => r[m.RecoilColumn!.Value]).ToArray();
                    var q = rows.Select(r => r[m.QuenchingColumn!.Value]).ToArray();
                    foreach (var x in q) if (!(x > 0 && x < 1)) throw Fault(field + ".quenching_column", $"quenching factors must lie in (0, 1), got {x} in {m.File}");
                    return MonotoneMapping.QuenchingTable(t, q, Positive(m.LightYieldPerKevEe, field + ".light_yield_per_kev_ee"), maxRecoil, unit, m.File!);
                }
                case "polynomial-ee":
                {
                    var rows = ReadRows(m.File, field + ".file", 4);
                    int set = m.Set ?? 0;
                    if (set < 0 || set >= rows.Length) throw Fault(field + ".set", $"must be in [0, {rows.Length - 1}] ({m.File} holds {rows.Length} coefficient sets), got {set}");
                    return MonotoneMapping.PolynomialEe(rows[set], Positive(m.LightYieldPerKevEe, field + ".light_yield_per_kev_ee"), maxRecoil, unit, $"{m.File} set {set}");
                }
                case "quenching-linear":
                    return MonotoneMapping.LinearQuenching(Positive(m.QfA, field + ".qf_a"), Finite(m.QfB, field + ".qf_b"),
                        m.LightYieldPerKevEe is null ? 1.0 : Positive(m.LightYieldPerKevEe, field + ".light_yield_per_kev_ee"), maxRecoil, unit);
                default:
                    throw Fault(field + ".kind", $"must be linear, quenching-table, polynomial-ee or quenching-linear, got '{kind}'");
            }
        }
        catch (ArgumentException ex) when (ex is not ArgumentNullException)
        {
            throw Fault(field, ex.Message);
        }
    }

    private IAcceptance LoadAcceptance(AcceptanceDefinition? a)
    {
        if (a is null) return new UnitAcceptance();
        string kind = RequiredText(a.Kind, "acceptance.kind");
        switch (kind)
        {
            case "none": return new UnitAcceptance();
            case "step": return new StepAcceptance(NonNegative(a.Threshold, "acceptance.threshold"));
            case "logistic":
            {
                double zero = NonNegative(a.ZeroBelow, "acceptance.zero_below", 0);
                double half = NonNegative(a.HalfWeightBelow, "acceptance.half_weight_below", zero);
                if (half < zero) throw Fault("acceptance.half_weight_below", $"must be ≥ zero_below ({zero}), got {half}");
                double aa = Positive(a.A, "acceptance.a");
                if (aa > 1) throw Fault("acceptance.a", $"the plateau must be ≤ 1, got {aa}");
                return new LogisticAcceptance(aa, Positive(a.K, "acceptance.k"), Finite(a.X0, "acceptance.x0"), zero, half);
            }
            case "logistic-offset":
            {
                double[] c;
                if (a.File is not null)
                {
                    var rows = ReadRows(a.File, "acceptance.file", 4);
                    int set = a.Set ?? 0;
                    if (set < 0 || set >= rows.Length) throw Fault("acceptance.set", $"must be in [0, {rows.Length - 1}], got {set}");
                    c = rows[set];
                }
                else c = [Finite(a.A, "acceptance.a"), Finite(a.B, "acceptance.b"), Finite(a.C, "acceptance.c"), Finite(a.D, "acceptance.d")];
                if (!(c[1] > 0)) throw Fault("acceptance", $"the slope b must be > 0, got {c[1]}");
                return new OffsetLogisticAcceptance(c[0], c[1], c[2], c[3]);
            }
            case "table":
            {
                int xc = Column(a.ObservableColumn, "acceptance.observable_column", 0), ec = Column(a.EfficiencyColumn, "acceptance.efficiency_column", 1);
                var rows = ReadRows(a.File, "acceptance.file", 1 + Math.Max(xc, ec));
                try { return new TableAcceptance(rows.Select(r => r[xc]).ToArray(), rows.Select(r => r[ec]).ToArray(), a.File!); }
                catch (ArgumentException ex) { throw Fault("acceptance.file", $"{a.File}: {ex.Message}"); }
            }
            default:
                throw Fault("acceptance.kind", $"must be none, step, logistic, logistic-offset or table, got '{kind}'");
        }
    }

    private (ObservedSpectrum?, IReadOnlyList<double>?) LoadData(DataDefinition? d)
    {
        if (d is null) throw Fault("data", "is required (use kind: asimov for no data)");
        string kind = RequiredText(d.Kind, "data.kind");
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
                    if (!(upper[i] > lower[i])) throw Fault("data.upper_file", $"bin {i}: upper end {upper[i]} must exceed lower end {lower[i]}");
                    sigma[i] = 0.5 * (upper[i] - lower[i]);
                }
                var obs = new ObservedSpectrum(counts, sigma, lower, upper, d.BackgroundSubtracted ?? true,
                    $"{d.CountsFile}; error bars {d.UpperFile}, {d.LowerFile}");
                return (obs, sigma);
            }
            case "table":
            {
                int xc = Column(d.ObservableColumn, "data.observable_column", 0);
                var counts = PerBinColumn(d.File, "data.file", xc, Column(d.CountsColumn, "data.counts_column"), d.CentreTolerance);
                double[]? sigma = d.UncertaintyColumn is null ? null : PerBinColumn(d.File, "data.file", xc, Column(d.UncertaintyColumn, "data.uncertainty_column"), d.CentreTolerance);
                if (sigma is not null)
                    for (int i = 0; i < n; i++) if (!(sigma[i] > 0)) throw Fault("data.uncertainty_column", $"bin {i}: uncertainty must be > 0, got {sigma[i]}");
                return (new ObservedSpectrum(counts, sigma, null, null, d.BackgroundSubtracted ?? false, d.File!), sigma);
            }
            case "event-list":
            {
                var counts = Histogram(d.File, "data.file", Column(d.ObservableColumn, "data.observable_column", 0), d.TimeColumn, d.MaxTimeUs);
                return (new ObservedSpectrum(counts, null, null, null, d.BackgroundSubtracted ?? false, d.File!), null);
            }
            case "asimov":
            {
                if (d.UpperFile is null && d.LowerFile is null) return (null, null);
                double scale = d.UncertaintyScale is null ? 1.0 : Positive(d.UncertaintyScale, "data.uncertainty_scale");
                var upper = PerBinColumn(d.UpperFile, "data.upper_file", 0, 1, d.CentreTolerance);
                var lower = PerBinColumn(d.LowerFile, "data.lower_file", 0, 1, d.CentreTolerance);
                var sigma = new double[n];
                for (int i = 0; i < n; i++)
                {
                    if (!(upper[i] > lower[i])) throw Fault("data.upper_file", $"bin {i}: upper end {upper[i]} must exceed lower end {lower[i]}");
                    sigma[i] = scale * 0.5 * (upper[i] - lower[i]);
                }
                return (null, sigma);
            }
            default:
                throw Fault("data.kind", $"must be residuals-with-error-bars, table, event-list or asimov, got '{kind}'");
        }
    }

    private BackgroundComponent LoadBackground(BackgroundDefinition b, int index)
    {
        string f = $"backgrounds[{index}]";
        string name = RequiredText(b.Name, f + ".name");
        string kind = RequiredText(b.Kind, f + ".kind");
        double? relUnc = b.RelativeUncertainty is null ? null : NonNegative(b.RelativeUncertainty, f + ".relative_uncertainty");
        int n = Bins.Count;
        switch (kind)
        {
            case "flat":
            {
                double rate = NonNegative(b.RatePerDayKevKg, f + ".rate_per_day_kev_kg");
                if (Bins.Unit is not ("keVnr" or "keVee")) throw Fault(f + ".kind", $"a flat rate per keV needs bins in keV, not {Bins.Unit}");
                if (Source.LiveTimeSeconds is not { } live) throw Fault("live_time_days", "is required for a flat background rate");
                double days = live / Constants.Day_s;
                var counts = Bins.Widths.Select(w => rate * days * DetectorMassKg * w).ToArray();
                return new BackgroundComponent(name, counts, relUnc,
                    $"{rate.ToString(CultureInfo.InvariantCulture)} counts/(day·keV·kg) × {days:G6} d × {DetectorMassKg:G6} kg × bin width");
            }
            case "table":
            {
                var counts = PerBinColumn(b.File, f + ".file", Column(b.ObservableColumn, f + ".observable_column", 0), Column(b.ValueColumn, f + ".value_column"), b.CentreTolerance);
                foreach (var c in counts) if (!(c >= 0)) throw Fault(f + ".value_column", $"background counts must be ≥ 0, got {c}");
                return new BackgroundComponent(name, counts, relUnc, b.File!);
            }
            case "event-list":
                return new BackgroundComponent(name, Histogram(b.File, f + ".file", Column(b.ObservableColumn, f + ".observable_column", 0), b.TimeColumn, b.MaxTimeUs), relUnc, b.File!);
            case "binned-pdf":
            {
                double norm = NonNegative(b.Normalisation, f + ".normalisation");
                int xc = Column(b.ObservableColumn, f + ".observable_column", 0), yc = Column(b.ValueColumn, f + ".value_column", 1);
                var rows = ReadRows(b.File, f + ".file", 1 + Math.Max(xc, yc));
                double total = rows.Sum(r => r[yc]);
                if (!(total > 0)) throw Fault(f + ".file", $"{b.File}: the PDF sums to {total}, not > 0");
                var counts = new double[n];
                foreach (var r in rows)
                {
                    if (r[yc] < 0) throw Fault(f + ".file", $"{b.File}: negative PDF value {r[yc]} at {r[xc]}");
                    int i = Bins.IndexOf(r[xc]);
                    if (i >= 0) counts[i] += norm * r[yc] / total;
                }
                return new BackgroundComponent(name, counts, relUnc, $"{b.File} normalised to {norm:G6} counts");
            }
            default:
                throw Fault(f + ".kind", $"must be flat, table, event-list or binned-pdf, got '{kind}'");
        }
    }

    /// <summary>One value per bin from a file whose rows are (bin centre, …, value); centres must match the bins.</summary>
    private double[] PerBinColumn(string? file, string field, int xColumn, int valueColumn, double? tolerance)
    {
        var rows = ReadRows(file, field, 1 + Math.Max(xColumn, valueColumn));
        int n = Bins.Count;
        if (rows.Length != n) throw Fault(field, $"{file} has {rows.Length} rows, the binning has {n} bins");
        var centres = Bins.Centres;
        var widths = Bins.Widths;
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x = rows[i][xColumn];
            double tol = tolerance ?? 0.25 * widths[i];
            if (!(Math.Abs(x - centres[i]) <= tol))
                throw Fault(field, $"{file} row {i + 1}: abscissa {x} is not the centre {centres[i]} of bin {i} (tolerance {tol})");
            values[i] = rows[i][valueColumn];
            if (!double.IsFinite(values[i])) throw Fault(field, $"{file} row {i + 1}: value is not finite");
        }
        return values;
    }

    /// <summary>Histogram of an event list in the bins (events with time ≤ maxTime when a time column is given).</summary>
    private double[] Histogram(string? file, string field, int xColumn, int? timeColumn, double? maxTime)
    {
        int minCols = 1 + Math.Max(xColumn, timeColumn ?? 0);
        var rows = ReadRows(file, field, minCols);
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
