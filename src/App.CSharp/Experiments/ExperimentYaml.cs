using NuDM.Physics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace NuDM.App.Experiments;

/// <summary>
/// An experiment definition is missing or invalid, or a data file it names does not fit its role; the message names the
/// file (data/experiments/&lt;id&gt;.yaml) and the field. A <see cref="DataFileException"/>: a fault in the data, not a bug.
/// </summary>
public sealed class ExperimentDataException(string file, string field, string message, int line = 0, int column = 0)
    : DataFileException(DataFiles.DisplayName(file), line, column, column > 0 ? field : null, line > 0 ? message : $"{field}: {message}")
{
    /// <summary>Field (YAML path or column) that is at fault.</summary>
    public string Field { get; } = field;
}

/// <summary>Reads experiment YAML files from data/experiments/ (through <see cref="DataFiles"/>), resolving <c>base:</c> variants.</summary>
public static class ExperimentYaml
{
    /// <summary>Folder under data/ holding the experiment files.</summary>
    public const string Folder = "experiments";

    private static readonly IDeserializer Typed = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    private static readonly IDeserializer Untyped = new DeserializerBuilder().Build();
    private static readonly ISerializer Writer = new SerializerBuilder().Build();

    /// <summary>Relative path (for messages) of an experiment file.</summary>
    public static string RelativePath(string id) => $"{Folder}/{id}.yaml";

    /// <summary>Ids of all experiment files present (file names without .yaml), sorted.</summary>
    public static IReadOnlyList<string> AvailableIds()
    {
        var dir = Path.Combine(DataFiles.Directory, Folder);
        if (!Directory.Exists(dir)) return [];
        return Directory.GetFiles(dir, "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Loads and validates the shape of an experiment definition (variants merged onto their base).</summary>
    public static ExperimentDefinition Load(string id)
    {
        var merged = LoadMerged(id, []);
        string text = Writer.Serialize(merged);
        ExperimentDefinition def;
        try
        {
            def = Typed.Deserialize<ExperimentDefinition>(text) ?? throw new ExperimentDataException(RelativePath(id), "(root)", "the file is empty");
        }
        catch (YamlException ex)
        {
            // positions refer to the merged text for variants; the message names the offending key
            throw new ExperimentDataException(RelativePath(id), "(schema)", (ex.InnerException?.Message ?? ex.Message).Trim());
        }
        if (def.Id != id) throw new ExperimentDataException(RelativePath(id), "id", $"must equal the file name '{id}', got '{def.Id}'");
        return def;
    }

    /// <summary>
    /// Where a value sits in the experiment's files: the file (data/experiments/&lt;id&gt;.yaml, or the base it takes the
    /// section from), the 1-based line and column of the value of <paramref name="path"/> (e.g. "source", "kind"); line 0
    /// when it is not found.
    /// </summary>
    public static (string File, int Line, int Column) Locate(string id, params string[] path)
    {
        var chain = new List<string>();
        for (string? at = id; at is not null && !chain.Contains(at);)
        {
            chain.Add(at);
            string rel = RelativePath(at);
            if (!DataFiles.Exists(rel)) break;
            var stream = new YamlStream();
            try { stream.Load(new StringReader(DataFiles.ReadText(rel))); }
            catch (YamlException) { return (rel, 0, 0); }
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root) return (rel, 0, 0);
            YamlNode? node = root;
            foreach (var key in path)
                node = node is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
            if (node is not null) return (rel, (int)node.Start.Line, (int)node.Start.Column);
            // a variant takes whole top-level sections from its base
            at = root.Children.TryGetValue(new YamlScalarNode("base"), out var b) && b is YamlScalarNode s ? s.Value : null;
        }
        return (RelativePath(id), 0, 0);
    }

    private static Dictionary<object, object> LoadMerged(string id, List<string> chain)
    {
        string rel = RelativePath(id);
        if (chain.Contains(id)) throw new ExperimentDataException(rel, "base", $"circular base chain: {string.Join(" → ", chain.Append(id))}");
        chain.Add(id);
        if (!DataFiles.Exists(rel)) throw new ExperimentDataException(rel, "(file)", "not found");
        Dictionary<object, object> map;
        try
        {
            map = Untyped.Deserialize<Dictionary<object, object>>(DataFiles.ReadText(rel)) ?? [];
        }
        catch (YamlException ex)
        {
            throw new ExperimentDataException(rel, $"line {ex.Start.Line}", ex.Message);
        }
        if (map.TryGetValue("base", out var b) && b is string baseId && !string.IsNullOrWhiteSpace(baseId))
        {
            var baseMap = LoadMerged(baseId, chain);
            foreach (var (k, v) in map)
                if (!Equals(k, "base")) baseMap[k] = v; // whole top-level sections replace
            baseMap["id"] = map.TryGetValue("id", out var own) ? own : id;
            baseMap["base"] = baseId;
            return baseMap;
        }
        return map;
    }
}
