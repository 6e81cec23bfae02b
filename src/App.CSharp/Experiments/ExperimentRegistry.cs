namespace NuDM.App.Experiments;

/// <summary>
/// The experiments by id: every data/experiments/&lt;id&gt;.yaml, loaded by the class its <c>class:</c> field names.
/// </summary>
/// <example>
/// <code>
/// var coherent = ExperimentRegistry.Load("coherent-csi-2017");
/// var setup = coherent.CreateDetectorSetup();          // recoil bins, acceptance(T), nuclei, Δt
/// double fluence = coherent.Source.FluencePerFlavour;  // r·POT/(4πL²), cm⁻²
/// </code>
/// </example>
public static class ExperimentRegistry
{
    private static readonly Dictionary<string, Func<ExperimentDefinition, ExperimentOptions?, CevnsExperiment>> Classes = new()
    {
        [CoherentCsI2017.ClassName] = (d, o) => new CoherentCsI2017(d, o),
        [CoherentCsI2021.ClassName] = (d, o) => new CoherentCsI2021(d, o),
        [CoherentLAr2020.ClassName] = (d, o) => new CoherentLAr2020(d, o),
        [Conus.ClassName] = (d, o) => new Conus(d, o),
        [ConusPlus2025.ClassName] = (d, o) => new ConusPlus2025(d, o),
    };

    /// <summary>Ids of the known experiments (the YAML files in data/experiments/).</summary>
    public static IReadOnlyList<string> Ids => ExperimentYaml.AvailableIds();

    /// <summary>Class names a YAML may use.</summary>
    public static IReadOnlyList<string> ClassNames => Classes.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Loads an experiment by id; an unknown id throws <see cref="ArgumentException"/> listing the known ids.</summary>
    public static CevnsExperiment Load(string id, ExperimentOptions? options = null)
    {
        var ids = Ids;
        if (string.IsNullOrWhiteSpace(id) || !ids.Contains(id.Trim()))
            throw new ArgumentException($"unknown experiment '{id}'; known experiments: {string.Join(", ", ids)}", nameof(id));
        var def = ExperimentYaml.Load(id.Trim());
        string cls = def.Class ?? throw new ExperimentDataException(ExperimentYaml.RelativePath(id), "class", $"is required (one of {string.Join(", ", ClassNames)})");
        if (!Classes.TryGetValue(cls, out var make))
            throw new ExperimentDataException(ExperimentYaml.RelativePath(id), "class", $"unknown class '{cls}'; known: {string.Join(", ", ClassNames)}");
        return make(def, options);
    }

    /// <summary>Loads an experiment and casts it to its class.</summary>
    public static T Load<T>(string id, ExperimentOptions? options = null) where T : CevnsExperiment =>
        Load(id, options) as T ?? throw new ArgumentException($"experiment '{id}' is not a {typeof(T).Name}", nameof(id));
}
