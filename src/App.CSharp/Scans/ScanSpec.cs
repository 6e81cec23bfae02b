using System.Globalization;
using System.Text;
using NuDM.App.Statistics;
using NuDM.Physics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NuDM.App.Scans;

/// <summary>A fault in a scan spec: the message names the file, line, column and field. Bad input, exit code 2.</summary>
public sealed class SpecException(string message) : UserInputException(message);

/// <summary>How the points of a scan are chosen.</summary>
public enum SamplingMethod
{
    /// <summary>The Cartesian product of each parameter's linear or logarithmic grid; the last listed parameter varies fastest.</summary>
    Grid,
    /// <summary>The Sobol sequence (Joe–Kuo direction numbers), optionally digitally shifted by a seed.</summary>
    Sobol,
    /// <summary>A Latin hypercube with a seed.</summary>
    LatinHypercube,
}

/// <summary>Linear or logarithmic spacing of a parameter.</summary>
public enum AxisScale { Linear, Log }

/// <summary>One model parameter of a scan: fixed, or varied over [From, To] on a linear or log scale (grid: Points values).</summary>
public sealed record ScanAxis(string Name, string Unit, double From, double To, AxisScale Scale, int Points, bool Fixed)
{
    /// <summary>The value at the unit coordinate u ∈ [0, 1] (u = 1 gives To exactly, u = 0 From).</summary>
    public double At(double u)
    {
        if (Fixed || u <= 0) return From;
        if (u >= 1) return To;
        // log: in decades, so that a grid over whole decades hits 10^k exactly (Math.Pow(10, k) is exact for small k)
        return Scale == AxisScale.Log ? Math.Pow(10, Math.Log10(From) + u * (Math.Log10(To) - Math.Log10(From))) : From + u * (To - From); // numerics: a log axis in decades
    }

    /// <summary>The k-th of the grid's values, k ∈ [0, Points).</summary>
    public double GridValue(long k)
    {
        if (Points <= 1 || k == 0) return From;
        if (k == Points - 1) return To;
        double step = (Scale == AxisScale.Log ? Math.Log10(To) - Math.Log10(From) : To - From) / (Points - 1); // numerics: grid step (decades on a log axis)
        return Scale == AxisScale.Log ? Math.Pow(10, Math.Log10(From) + k * step) : From + k * step; // numerics: the k-th grid value
    }
}

/// <summary>
/// A parameter scan read from YAML (<c>nudm scan run SPEC.yaml</c>): the model, each parameter fixed or with its range
/// and scale, the sampling (grid, Sobol, Latin hypercube with a seed), the observables per point and the shard block
/// size. Point i is a pure function of (spec, i) (<see cref="Point"/>). The format is documented in the README; a
/// fault is a <see cref="SpecException"/> naming the file, line, column and field.
/// </summary>
public sealed class ScanSpec
{
    /// <summary>Largest number of points of a scan.</summary>
    public const long MaxPoints = 10_000_000_000;

    /// <summary>Default number of consecutive points in a shard block.</summary>
    public const int DefaultShardBlock = 256;

    private readonly IUnitSampler? _sampler;
    private readonly int[] _varying;

    private ScanSpec(string path, IScanModel model, IReadOnlyList<ScanAxis> axes, int[] gridOrder, SamplingMethod method, long count,
        ulong seed, int shardBlock, IReadOnlyList<IScanObservable> observables, IReadOnlyList<string> entries)
    {
        Path = path;
        Model = model;
        Axes = axes;
        _varying = gridOrder;
        Method = method;
        Count = count;
        Seed = seed;
        ShardBlock = shardBlock;
        Observables = observables;
        _sampler = method switch
        {
            SamplingMethod.Sobol => new SobolSampler(Math.Max(1, gridOrder.Length), seed),
            SamplingMethod.LatinHypercube => new LatinHypercubeSampler(Math.Max(1, gridOrder.Length), count, seed),
            _ => null,
        };
        var canonical = new StringBuilder();
        canonical.Append("nudm-scan-spec/1\n");
        canonical.Append(CultureInfo.InvariantCulture, $"model {model.Name}\nsampling {method} {count} {seed}\nshard_block {shardBlock}\n");
        foreach (var a in axes)
            canonical.Append(CultureInfo.InvariantCulture,
                $"parameter {a.Name} {(a.Fixed ? "fixed" : a.Scale.ToString())} {Bits(a.From)} {Bits(a.To)} {a.Points}\n");
        canonical.Append(CultureInfo.InvariantCulture, $"order {string.Join(",", gridOrder.Select(i => axes[i].Name))}\n");
        foreach (var e in entries) canonical.Append("observable ").Append(e).Append('\n');
        Canonical = canonical.ToString();
        Hash = RunFingerprint.Hash(Canonical);
        var model_ = new StringBuilder($"{model.Name}\n{model.Version}\n");
        foreach (var o in observables)
            model_.Append(CultureInfo.InvariantCulture, $"{o.Name}|{o.Unit}|{o.Description}|{string.Join(",", o.Needs)}|{o.Sense}|{Bits(o.Threshold)}\n");
        ModelHash = RunFingerprint.Hash(model_.ToString());
    }

    private static string Bits(double x) => BitConverter.DoubleToInt64Bits(x).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>The spec file (full path).</summary>
    public string Path { get; }

    /// <summary>The model the points are evaluated with.</summary>
    public IScanModel Model { get; }

    /// <summary>One axis per model parameter, in the model's order.</summary>
    public IReadOnlyList<ScanAxis> Axes { get; }

    /// <summary>The varied parameters in the spec's order (a grid varies the last fastest).</summary>
    public IReadOnlyList<string> Varied => _varying.Select(i => Axes[i].Name).ToArray();

    /// <summary>How the points are chosen.</summary>
    public SamplingMethod Method { get; }

    /// <summary>Number of points.</summary>
    public long Count { get; }

    /// <summary>Seed of Sobol's digital shift (0: none) or of the Latin hypercube.</summary>
    public ulong Seed { get; }

    /// <summary>Points per shard block (see <see cref="Shard"/>).</summary>
    public int ShardBlock { get; }

    /// <summary>The columns computed at each point.</summary>
    public IReadOnlyList<IScanObservable> Observables { get; }

    /// <summary>The spec in a canonical form (exact numbers, no comments or layout): what <see cref="Hash"/> covers.</summary>
    public string Canonical { get; }

    /// <summary>SHA-256 of <see cref="Canonical"/>: the same scan however the file is laid out or commented.</summary>
    public string Hash { get; }

    /// <summary>SHA-256 of the model's name, version and the definition of every column (name, unit, equation, needs, constraint).</summary>
    public string ModelHash { get; }

    /// <summary>Writes the model parameters of point <paramref name="index"/> (in the model's order) into <paramref name="parameters"/>.</summary>
    public void Point(long index, Span<double> parameters)
    {
        if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"a point index must be in [0, {Count})");
        for (int i = 0; i < Axes.Count; i++) parameters[i] = Axes[i].From;
        if (_varying.Length == 0) return;
        if (_sampler is null)
        {
            long rest = index;
            for (int k = _varying.Length - 1; k >= 0; k--)
            {
                var axis = Axes[_varying[k]];
                parameters[_varying[k]] = axis.GridValue(rest % axis.Points);
                rest /= axis.Points;
            }
            return;
        }
        Span<double> u = stackalloc double[_varying.Length];
        _sampler.Point(index, u);
        for (int k = 0; k < _varying.Length; k++) parameters[_varying[k]] = Axes[_varying[k]].At(u[k]);
    }

    /// <summary>Reads and checks a spec file.</summary>
    /// <exception cref="SpecException">The file is missing, not YAML, or breaks a rule (named with its line and column).</exception>
    /// <param name="path">The spec file.</param>
    /// <param name="loadModel">Reads, checks and verifies a model file the spec names (<c>model: models/vector.yaml</c>);
    /// the CLI passes its loader (with the verification cache); default: <see cref="ModelFile.Load"/> without a cache.</param>
    public static ScanSpec Load(string path, Func<string, ModelDefinition>? loadModel = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new SpecException($"{path}: the scan spec does not exist");
        string text;
        try { text = File.ReadAllText(full); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new SpecException($"{path}: cannot be read ({e.Message})"); }
        return Parse(text, full, loadModel);
    }

    /// <summary>Parses a spec from its text (<paramref name="path"/> is named in messages).</summary>
    /// <remarks><c>model:</c> is <c>x-phi-nu</c> (the built-in seeds' model), a path to a model file (it contains a / or
    /// ends in .yaml or .yml; relative to the folder of <paramref name="path"/>), or the name of a shipped model
    /// (<c>vector</c> for models/vector.yaml).</remarks>
    public static ScanSpec Parse(string text, string path, Func<string, ModelDefinition>? loadModel = null)
    {
        var yaml = new YamlStream();
        try { yaml.Load(new StringReader(text)); }
        catch (YamlException e) { throw new SpecException($"{path}: line {e.Start.Line}, column {e.Start.Column}: not valid YAML: {(e.InnerException?.Message ?? e.Message).Trim()}"); }
        catch (InvalidOperationException e) { throw new SpecException($"{path}: not valid YAML (the parser stopped: {e.Message})"); }
        if (yaml.Documents.Count != 1 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new SpecException($"{path}: a scan spec is one YAML mapping (model:, sampling:, parameters:, observables:)");
        var reader = new Reader(path, loadModel ?? LoadWithoutCache);
        return reader.Read(root);
    }

    /// <summary>The default model loader: read, checked and verified, no verdict cache.</summary>
    private static ModelDefinition LoadWithoutCache(string file) => ModelFile.Load(file, null!, ScanMetadata.CurrentProgramVersion);

    private sealed class Reader(string path, Func<string, ModelDefinition> loadModel)
    {
        public SpecException Fail(YamlNode node, string field, string message) =>
            new($"{path}: line {node.Start.Line}, column {node.Start.Column}: {field}: {message}");

        private static string? Scalar(YamlNode n) => n is YamlScalarNode s ? s.Value : null;

        private string Text(YamlNode n, string field) =>
            Scalar(n) is { Length: > 0 } s ? s.Trim() : throw Fail(n, field, "expected a single value");

        private double Number(YamlNode n, string field)
        {
            var t = Text(n, field);
            if (!NumberText.TryParse(t, out var v, out var problem)) throw Fail(n, field, problem);
            return v;
        }

        private long Whole(YamlNode n, string field, long min, long max, string why)
        {
            var t = Text(n, field);
            // accept 1e6-style counts when they are whole numbers
            if (!NumberText.TryParse(t, out var v, out var problem)) throw Fail(n, field, problem);
            if (v != Math.Floor(v) || v < min || v > max) throw Fail(n, field, $"{t} must be a whole number in [{min}, {max}]: {why}");
            return (long)v;
        }

        private static IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode m) =>
            m.Children.Select(kv => (((YamlScalarNode)kv.Key).Value ?? "", kv.Key, kv.Value));

        private YamlMappingNode Mapping(YamlNode n, string field) =>
            n as YamlMappingNode ?? throw Fail(n, field, "expected a mapping (key: value lines)");

        public ScanSpec Read(YamlMappingNode root)
        {
            string[] known = ["model", "param", "sampling", "parameters", "observables", "shard_block", "name"];
            foreach (var (k, kn, _) in Entries(root))
                if (!known.Contains(k)) throw Fail(kn, k, $"unknown key; a spec has {string.Join(", ", known)}");
            YamlNode Required(string key) =>
                root.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : throw new SpecException($"{path}: the spec needs '{key}:'");

            var modelNode = Required("model");
            var modelName = Text(modelNode, "model");
            // param: values of a model file's parameters that no scan parameter covers (the mass of a second mediator), the
            // same at every point — the spec's --param
            YamlNode? valuesNode = root.Children.TryGetValue(new YamlScalarNode("param"), out var pn) ? pn : null;
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            if (valuesNode is not null)
                foreach (var (k, kn, v) in Entries(Mapping(valuesNode, "param")))
                    if (!values.TryAdd(k, Number(v, "param." + k))) throw Fail(kn, "param", $"{k} is given twice");
            var builtIn = ScanModels.Find(modelName);
            if (builtIn is not null && valuesNode is not null)
                throw Fail(valuesNode, "param", $"gives values to a model file's parameters; model {modelName} is built in (its parameters are the scan's)");
            var model = builtIn ?? FileModel(modelNode, modelName, valuesNode, values);

            // sampling
            var samplingNode = Required("sampling");
            SamplingMethod method;
            long? count = null;
            ulong seed = 0;
            YamlNode methodNode = samplingNode;
            if (samplingNode is YamlScalarNode)
                method = ParseMethod(samplingNode);
            else
            {
                var sm = Mapping(samplingNode, "sampling");
                if (!sm.Children.TryGetValue(new YamlScalarNode("method"), out var mn)) throw Fail(sm, "sampling", "needs method: grid, sobol or latin-hypercube");
                methodNode = mn;
                method = ParseMethod(mn);
                foreach (var (k, kn, v) in Entries(sm))
                {
                    switch (k)
                    {
                        case "method": break;
                        case "points":
                            if (method == SamplingMethod.Grid) throw Fail(kn, "sampling.points", "a grid's size is the product of each parameter's points; give points per parameter instead");
                            count = Whole(v, "sampling.points", 1, method == SamplingMethod.Sobol ? SobolSampler.MaxPoints : MaxPoints,
                                method == SamplingMethod.Sobol ? "the Sobol generator has 32-bit direction numbers" : "the largest scan this program stores");
                            break;
                        case "seed":
                            if (method == SamplingMethod.Grid) throw Fail(kn, "sampling.seed", "a grid has no seed");
                            seed = (ulong)Whole(v, "sampling.seed", 0, long.MaxValue, "a seed is a whole number ≥ 0");
                            break;
                        default: throw Fail(kn, $"sampling.{k}", "unknown key; sampling has method, points (sobol, latin-hypercube) and seed");
                    }
                }
            }
            if (method != SamplingMethod.Grid && count is null)
                throw Fail(methodNode, "sampling.points", $"{Name(method)} needs the number of points (sampling: {{method: {Name(method)}, points: N, seed: S}})");
            if (method == SamplingMethod.LatinHypercube && seed == 0 && samplingNode is YamlMappingNode lm && !lm.Children.ContainsKey(new YamlScalarNode("seed")))
                throw Fail(methodNode, "sampling.seed", "a Latin hypercube needs a seed (a whole number ≥ 0), so that it can be reproduced");

            // parameters
            var paramNode = Mapping(Required("parameters"), "parameters");
            var axes = new ScanAxis?[model.Parameters.Count];
            var order = new List<int>();
            foreach (var (k, kn, v) in Entries(paramNode))
            {
                int index = -1;
                for (int i = 0; i < model.Parameters.Count; i++) if (model.Parameters[i].Name == k) index = i;
                if (index < 0) throw Fail(kn, $"parameters.{k}", $"model {model.Name} has no parameter '{k}'; its parameters: {string.Join(", ", model.Parameters.Select(p => p.Name))}");
                var p = model.Parameters[index];
                string field = $"parameters.{k}";
                double Checked(YamlNode n, string f)
                {
                    double x = Number(n, f);
                    if (!p.Range.Contains(x)) throw Fail(n, f, p.Range.Refusal(k, x));
                    return x;
                }
                if (v is YamlScalarNode)
                {
                    double x = Checked(v, field);
                    axes[index] = new ScanAxis(k, p.Unit, x, x, AxisScale.Linear, 1, Fixed: true);
                    continue;
                }
                var m = Mapping(v, field);
                double? from = null, to = null;
                int points = 0;
                var scale = AxisScale.Linear;
                YamlNode? pointsNode = null;
                foreach (var (pk, pkn, pv) in Entries(m))
                {
                    switch (pk)
                    {
                        case "from": from = Checked(pv, field + ".from"); break;
                        case "to": to = Checked(pv, field + ".to"); break;
                        case "scale":
                            scale = Text(pv, field + ".scale") switch
                            {
                                "linear" => AxisScale.Linear,
                                "log" => AxisScale.Log,
                                var s => throw Fail(pv, field + ".scale", $"'{s}' is not linear or log"),
                            };
                            break;
                        case "points":
                            pointsNode = pv;
                            if (method != SamplingMethod.Grid) throw Fail(pkn, field + ".points", $"{Name(method)} takes its number of points from sampling.points, not per parameter");
                            points = (int)Whole(pv, field + ".points", 2, 1_000_000, "a grid axis has at least its two ends (use a single value to fix a parameter)");
                            break;
                        case "value":
                            throw Fail(pkn, field, $"write a fixed parameter as '{k}: <number>'");
                        default: throw Fail(pkn, $"{field}.{pk}", "unknown key; a varied parameter has from, to, scale (linear or log) and, on a grid, points");
                    }
                }
                if (from is null || to is null) throw Fail(v, field, "a varied parameter needs from and to (or write one number to fix it)");
                if (!(to > from)) throw Fail(v, field, $"to ({to.Value.ToString("G8", CultureInfo.InvariantCulture)}) must exceed from ({from.Value.ToString("G8", CultureInfo.InvariantCulture)})");
                if (method == SamplingMethod.Grid && pointsNode is null) throw Fail(v, field, "a grid parameter needs points (its number of values, ≥ 2)");
                axes[index] = new ScanAxis(k, p.Unit, from.Value, to.Value, scale, method == SamplingMethod.Grid ? points : 0, Fixed: false);
                order.Add(index);
            }
            var missing = model.Parameters.Where((p, i) => axes[i] is null).ToList();
            if (missing.Count > 0) // each named with what it is (e.g. a coupling a model file's Ωh² needs at every point)
                throw Fail(paramNode, "parameters", $"every parameter of model {model.Name} must be given (a number to fix it, or from/to to vary it); " +
                                                    $"missing: {string.Join("; ", missing.Select(p => $"{p.Name} — {p.Description}"))}");
            if (order.Count == 0) throw Fail(paramNode, "parameters", "nothing varies: give at least one parameter a range (from, to)");
            if (method == SamplingMethod.Sobol && order.Count > 32) throw Fail(paramNode, "parameters", "a Sobol scan varies at most 32 parameters");
            long total;
            if (method == SamplingMethod.Grid)
            {
                double product = order.Aggregate(1.0, (acc, i) => acc * axes[i]!.Points);
                if (product > MaxPoints)
                    throw Fail(paramNode, "parameters", $"the grid has {product:G4} points, more than {MaxPoints:G3}; use fewer points or Sobol/Latin-hypercube sampling");
                total = order.Aggregate(1L, (acc, i) => acc * axes[i]!.Points);
            }
            else total = count!.Value;

            // observables
            var obsNode = Required("observables");
            if (obsNode is not YamlSequenceNode seq || seq.Children.Count == 0)
                throw Fail(obsNode, "observables", $"a list of observables, e.g. '- relic_coupling'; model {model.Name} has: {string.Join("; ", model.ObservableNames)}");
            var observables = new List<IScanObservable>();
            var entries = new List<string>();
            foreach (var item in seq.Children)
            {
                string name;
                var options = new SortedDictionary<string, string>(StringComparer.Ordinal);
                YamlNode at = item;
                if (item is YamlScalarNode s) name = Text(s, "observables");
                else if (item is YamlMappingNode om && om.Children.Count == 1)
                {
                    var (k, kn, v) = Entries(om).Single();
                    name = k;
                    at = kn;
                    if (v is YamlMappingNode opts)
                        foreach (var (ok, okn, ov) in Entries(opts)) options[ok] = Text(ov, $"observables.{name}.{ok}");
                    else if (v is YamlScalarNode sv && !string.IsNullOrEmpty(sv.Value))
                        throw Fail(v, $"observables.{name}", "options are a mapping, e.g. '- delta_chi2: { experiment: coherent-csi-2017 }'");
                }
                else throw Fail(item, "observables", "each entry is a name, or a name with options ('- delta_chi2: { experiment: coherent-csi-2017 }')");
                var node = at;
                var columns = model.Create(name, options, msg => Fail(node, $"observables.{name}", msg));
                foreach (var c in columns)
                {
                    if (observables.Any(o => o.Name == c.Name) || model.Parameters.Any(p => p.Name == c.Name))
                        throw Fail(at, $"observables.{name}", $"the column '{c.Name}' is asked for twice");
                    observables.Add(c);
                }
                entries.Add(name + (options.Count > 0 ? " " + string.Join(" ", options.Select(kv => $"{kv.Key}={kv.Value}")) : ""));
            }

            int block = DefaultShardBlock;
            if (root.Children.TryGetValue(new YamlScalarNode("shard_block"), out var bn))
                block = (int)Whole(bn, "shard_block", 1, 1_000_000, "points per shard block");
            return new ScanSpec(path, model, axes.Select(a => a!).ToList(), order.ToArray(), method, total, seed, block, observables, entries);
        }

        /// <summary>The model file <c>model:</c> names: a path (relative to the spec's folder) or a shipped model's name.</summary>
        private IScanModel FileModel(YamlNode node, string value, YamlNode? paramNode, IReadOnlyDictionary<string, double> values)
        {
            bool isPath = value.IndexOfAny(['/', '\\']) >= 0 || value.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
            string file;
            if (isPath)
                file = System.IO.Path.GetFullPath(value, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory());
            else
            {
                file = ModelFile.Resolve(value);
                if (!File.Exists(file))
                    throw Fail(node, "model", $"'{value}' is not a model this program knows: give {string.Join(", ", ScanModels.Names)} (seed 000's X–φ–ν model, seed 001's χ–S–ν, built in), " +
                        "a model file's path relative to the spec's folder (model: models/vector.yaml), or a shipped model's name" +
                        (ModelFile.ShippedFolder is { } shipped ? $" ({string.Join(", ", Directory.GetFiles(shipped, "*.yaml").Select(f => System.IO.Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal))})" : ""));
            }
            if (!File.Exists(file)) throw Fail(node, "model", $"the model file {file} does not exist (a path is relative to the spec's folder)");
            // a malformed or unverified model file is refused by the loader with its own file, line and column (exit code 2)
            var model = new FileScanModel(loadModel(file), values);
            if (paramNode is not null)
            {
                try { model.CheckValues(); }
                catch (UserInputException e) { throw Fail(paramNode, "param", e.Message); }
            }
            return model;
        }

        private SamplingMethod ParseMethod(YamlNode n) => Text(n, "sampling") switch
        {
            "grid" => SamplingMethod.Grid,
            "sobol" => SamplingMethod.Sobol,
            "latin-hypercube" => SamplingMethod.LatinHypercube,
            var s => throw Fail(n, "sampling", $"'{s}' is not grid, sobol or latin-hypercube"),
        };
    }

    /// <summary>The spec name of a sampling method.</summary>
    public static string Name(SamplingMethod m) => m switch
    {
        SamplingMethod.Grid => "grid",
        SamplingMethod.Sobol => "sobol",
        _ => "latin-hypercube",
    };
}
