using YamlDotNet.RepresentationModel;

namespace NuDM.App.Experiments;

/// <summary>
/// COHERENT CENNS-10 liquid argon, analysis A (PRL 126, 012002 (2021); release arXiv:2006.12659): 12 bins of 10 keVee,
/// QF = 0.246 + 0.00078 T/keVnr, the release efficiency table, the steady-state-subtracted energy projection with its
/// statistical errors, and the BRN component as background. The release parameter sheet (LArParametersAnlA.yaml) is
/// read and the experiment YAML's exposure, mass, distance and QF are checked against it.
/// </summary>
public sealed class CoherentLAr2020 : CevnsExperiment
{
    /// <summary>Class name used in the YAML's class field.</summary>
    public const string ClassName = "coherent-lar-2020";

    /// <summary>Loads and validates the definition and the files it names.</summary>
    public CoherentLAr2020(ExperimentDefinition definition, ExperimentOptions? options = null) : base(definition, options)
    {
        if (Bins.Unit != "keVee") throw Fault("response.observable", $"CENNS-10 bins are in keVee, got {Bins.Unit}");
        string sheet = RequiredFile("parameter_sheet");
        ReleaseParameters = ReadSheet(sheet);
        Compare(sheet, "fiducialMass", DetectorMassKg, "detector_mass_kg");
        Compare(sheet, "distanceToTarget", Source.DistanceM, "source.distance_m");
        Compare(sheet, "beamExposure", Source.ProtonsOnTarget!.Value / 1e22, "source.protons_on_target (in 1e22)");
        Compare(sheet, "neutrinosPerProton", Source.NeutrinosPerFlavourPerProton!.Value, "source.neutrinos_per_flavour_per_proton");
        var rows = ReadRows(RequiredFile("energy_projection"), "files.energy_projection", 8);
        BestFitCevns = rows.Select(r => r[3]).ToArray();
        if (definition.EnergyTime is { } et)
        {
            const string f = "energy_time";
            double step = Positive(et.RecoilStepKev, $"{f}.recoil_step_kev", "keV"), max = Positive(et.MaxRecoilKev, $"{f}.max_recoil_kev", "keV");
            int n = (int)Math.Round(max / step);
            if (n < 2 || n > 100_000 || Math.Abs(n * step - max) > 1e-9 * max)
                throw Fault($"{f}.max_recoil_kev", $"must be a whole number (2 to 100000) of recoil_step_kev = {step}, got {max}");
            RecoilEdges = Enumerable.Range(0, n + 1).Select(i => i * step * 1e-3).ToArray(); // numerics: keV → MeV
            PionLifetimeUs = Positive(et.PionLifetimeUs, $"{f}.pion_lifetime_us", "μs");
            MuonLifetimeUs = Positive(et.MuonLifetimeUs, $"{f}.muon_lifetime_us", "μs");
        }
    }

    /// <summary>True-recoil bin edges (MeV) of the energy × F90 × time templates (the YAML's energy_time section), or null.</summary>
    public IReadOnlyList<double>? RecoilEdges { get; }
    /// <summary>Charged-pion lifetime (μs) of the arrival-time model (energy_time section; NaN without one).</summary>
    public double PionLifetimeUs { get; } = double.NaN;
    /// <summary>Muon lifetime (μs) of the arrival-time model (energy_time section; NaN without one).</summary>
    public double MuonLifetimeUs { get; } = double.NaN;

    /// <summary>
    /// Numbers of the release parameter sheet by key: the value fields (QF as larQF.a, larQF.b) and their uncertainties as
    /// key.uncertainty (and key.uncertainty_stat where the sheet names it so; "negligible" is read as 0).
    /// </summary>
    public IReadOnlyDictionary<string, double> ReleaseParameters { get; }

    /// <summary>Best-fit CEvNS counts per 10-keVee bin from the release's energy projection (sums to the fitted 159).</summary>
    public IReadOnlyList<double> BestFitCevns { get; }

    private void Compare(string sheet, string key, double ours, string field)
    {
        if (!ReleaseParameters.TryGetValue(key, out var theirs)) throw Fault($"files.parameter_sheet", $"{sheet} has no {key}.value");
        if (Math.Abs(theirs - ours) > 1e-9 * Math.Abs(theirs)) throw Fault(field, $"{ours} disagrees with {sheet} {key} = {theirs}");
    }

    /// <summary>
    /// The numbers of the release parameter sheet: every <c>value:</c> of a top-level entry and of its
    /// <c>parameters:</c> list must be a finite number (a fault names the file, line and column), nothing is skipped;
    /// likewise every <c>uncertainty:</c> and <c>uncertainty_stat:</c>, which may also be the word "negligible" (0).
    /// </summary>
    private Dictionary<string, double> ReadSheet(string relative)
    {
        if (!NuDM.Physics.DataFiles.Exists(relative)) throw Fault("files.parameter_sheet", $"data file '{relative}' does not exist under data/");
        string display = NuDM.Physics.DataFiles.DisplayName(relative);
        var stream = new YamlStream();
        try { stream.Load(new StringReader(NuDM.Physics.DataFiles.ReadText(relative))); }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new NuDM.Physics.DataFileException(display, (int)e.Start.Line, (int)e.Start.Column, null, $"is not valid YAML: {e.Message}");
        }
        var result = new Dictionary<string, double>();
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new NuDM.Physics.DataFileException(display, "is not a YAML mapping");
        double Number(YamlNode node, string key)
        {
            if (node is YamlScalarNode { Value: { } text } &&
                double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x) &&
                double.IsFinite(x))
                return x;
            throw new NuDM.Physics.DataFileException(display, (int)node.Start.Line, (int)node.Start.Column, key,
                $"{key} = '{(node as YamlScalarNode)?.Value}' is not a finite number");
        }
        void Uncertainties(YamlMappingNode entry, string key)
        {
            foreach (var field in new[] { "uncertainty", "uncertainty_stat" })
                if (entry.Children.TryGetValue(new YamlScalarNode(field), out var u))
                {
                    string name = $"{key}.{field}";
                    double x = u is YamlScalarNode { Value: "negligible" } ? 0 : Number(u, name);
                    if (x < 0) throw new NuDM.Physics.DataFileException(display, (int)u.Start.Line, (int)u.Start.Column, name, $"{name} = {x} is negative");
                    result[name] = x;
                }
        }
        foreach (var (k, node) in root.Children)
        {
            if (node is not YamlMappingNode entry) continue; // only entries with fields hold numbers
            string key = ((YamlScalarNode)k).Value!;
            if (entry.Children.TryGetValue(new YamlScalarNode("value"), out var val))
                result[key] = Number(val, key + ".value");
            Uncertainties(entry, key);
            if (entry.Children.TryGetValue(new YamlScalarNode("parameters"), out var ps) && ps is YamlSequenceNode seq)
                foreach (var p in seq.Children.OfType<YamlMappingNode>())
                    if (p.Children.TryGetValue(new YamlScalarNode("name"), out var nm) && p.Children.TryGetValue(new YamlScalarNode("value"), out var pv))
                    {
                        string name = $"{key}.{((YamlScalarNode)nm).Value}";
                        result[name] = Number(pv, name);
                        Uncertainties(p, name);
                    }
        }
        return result;
    }
}
