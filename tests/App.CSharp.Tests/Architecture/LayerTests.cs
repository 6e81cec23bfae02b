using NUnit.Framework;

namespace NuDM.App.Tests.Architecture;

/// <summary>
/// Dependencies point one way (issue 11, item 4). Every namespace of the program (nudm), the kernel (NuDM.Physics,
/// NuDM.Symbolic) and the proof obligations (NuDM.Proofs) sits in one layer of <see cref="Layers"/>; a layer uses only
/// the layers it lists, and two namespaces of one layer use each other only where <see cref="Sideways"/> says so. The
/// references are read from the compiled assemblies (<see cref="TypeReferences"/>: signatures, fields, locals and every
/// token of every method body, lambdas and state machines included), so nothing escapes through a method body or a
/// fully qualified name. A failure names the referencing type and member, the referenced type and why it is refused.
/// The README's architecture section shows this table.
/// </summary>
public class LayerTests
{
    /// <summary>A layer: its name, its namespaces, and the layers (by name) its code may use besides itself.</summary>
    public sealed record Layer(string Name, string[] Namespaces, string[] MayUse);

    /// <summary>The layers, top first. "(entry point)" is the program's top-level statements (global namespace).</summary>
    public static readonly Layer[] Layers =
    [
        new("command line", ["NuDM.App.Cli", EntryPoint],
            ["figure jobs", "benchmarks", "scans", "analyses", "components", "foundation", "proofs", "kernel", "symbolic core"]),
        new("figure jobs", ["NuDM.App.Reproduction"],
            ["scans", "analyses", "components", "foundation", "kernel", "symbolic core"]),
        new("benchmarks", ["NuDM.App.Bench"],
            ["scans", "analyses", "components", "foundation", "kernel", "symbolic core"]),
        new("scans", ["NuDM.App.Scans"],
            ["analyses", "components", "foundation", "kernel", "symbolic core"]),
        new("analyses", ["NuDM.App.Cevns", "NuDM.App.Detection", "NuDM.App.Constraints", "NuDM.App.Fits"],
            ["components", "foundation", "kernel", "symbolic core"]),
        new("components", ["NuDM.App.Experiments", "NuDM.App.Rates", "NuDM.App.Statistics", "NuDM.App.Cosmology", "NuDM.App.Figures"],
            ["foundation", "kernel", "symbolic core"]),
        new("foundation", ["NuDM.App", "NuDM.App.Ode", "NuDM.App.Numerics"],
            ["kernel", "symbolic core"]),
        new("proofs", ["NuDM.Proofs"],
            ["kernel", "symbolic core"]),
        new("kernel", ["NuDM.Physics"],
            ["symbolic core"]),
        new("symbolic core", ["NuDM.Symbolic"],
            []),
    ];

    /// <summary>The references allowed between two namespaces of the same layer, with the reason.</summary>
    public static readonly (string From, string To, string Why)[] Sideways =
    [
        ("NuDM.App.Experiments", "NuDM.App.Rates", "an experiment hands the rate engine its detector set-up (bins, targets, acceptance, exposure)"),
        ("NuDM.App.Fits", "NuDM.App.Cevns", "a fit takes the kernel's fluxes and cross sections through the same adapters (KernelPhysics) and the energy-only SM prediction (CevnsModel) as the limits"),
    ];

    private const string EntryPoint = "(entry point)";

    /// <summary>
    /// The listed namespace that holds <paramref name="ns"/> and its layer: the longest listed namespace it is or lies
    /// inside; a listed namespace that is the parent of other listed ones (NuDM.App) holds only itself, so a new folder
    /// of the program is not silently counted as the foundation. Null for a namespace outside the project (System,
    /// MathNet, FSharp.Core, …) or not listed.
    /// </summary>
    public static (Layer Layer, string Home)? Place(string ns) => Places.GetOrAdd(ns, FindPlace);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (Layer Layer, string Home)?> Places = new();

    private static (Layer Layer, string Home)? FindPlace(string ns)
    {
        var listed = Layers.SelectMany(l => l.Namespaces.Where(n => n != EntryPoint).Select(n => (Layer: l, Ns: n))).ToList();
        bool IsParent(string n) => listed.Any(x => x.Ns.StartsWith(n + ".", StringComparison.Ordinal));
        var hit = listed.Where(x => ns == x.Ns || (!IsParent(x.Ns) && ns.StartsWith(x.Ns + ".", StringComparison.Ordinal)))
            .OrderByDescending(x => x.Ns.Length).ToList();
        return hit.Count == 0 ? null : (hit[0].Layer, hit[0].Ns);
    }

    /// <summary>The layer of a namespace (see <see cref="Place"/>), or null.</summary>
    public static Layer? LayerOf(string ns) => Place(ns)?.Layer;

    private static bool IsProject(string ns) => ns == "NuDM" || ns.StartsWith("NuDM.", StringComparison.Ordinal);

    /// <summary>
    /// The references that break the layering: "From.Member → To (via): why". The program's top-level statements (type
    /// Program in the global namespace) belong to the command line; compiler-generated global types
    /// (&lt;PrivateImplementationDetails&gt;, F#'s &lt;StartupCode$…&gt;) are not counted as a source.
    /// </summary>
    public static IReadOnlyList<string> Violations(IEnumerable<TypeReference> references)
    {
        var problems = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var r in references)
        {
            string fromNs = r.FromNamespace.Length == 0 && (r.FromType == "Program" || r.FromType.StartsWith("Program+", StringComparison.Ordinal))
                ? EntryPoint : r.FromNamespace;
            if (!IsProject(r.ToNamespace)) continue;
            var toPlace = Place(r.ToNamespace);
            if (toPlace is not { Layer: var to, Home: var b })
            {
                problems.Add($"{r.ToType}: namespace {r.ToNamespace} has no layer (add it to LayerTests.Layers and the README)");
                continue;
            }
            var fromPlace = fromNs == EntryPoint ? (Layers[0], "NuDM.App.Cli") : Place(fromNs);
            if (fromPlace is not { Layer: var from, Home: var a })
            {
                if (IsProject(fromNs)) problems.Add($"{r.FromType}: namespace {fromNs} has no layer (add it to LayerTests.Layers and the README)");
                continue;
            }
            if (from == to)
            {
                if (a == b || Sideways.Any(s => s.From == a && s.To == b)) continue;
                problems.Add($"{r}: {a} and {b} are both in the {from.Name} layer, and {a} → {b} is not an allowed sideways reference");
                continue;
            }
            if (from.MayUse.Contains(to.Name)) continue;
            bool up = Array.IndexOf(Layers, to) < Array.IndexOf(Layers, from);
            problems.Add($"{r}: the {from.Name} layer may not use the {to.Name} layer{(up ? " (the reference points up)" : "")}");
        }
        return problems.ToList();
    }

    private static readonly string[] Assemblies =
    [
        typeof(NuDM.App.Cli.CommandLine).Assembly.Location,
        typeof(NuDM.Physics.Kernel).Assembly.Location,
        typeof(NuDM.Proofs.Obligation).Assembly.Location,
    ];

    private static readonly Lazy<IReadOnlyList<TypeReference>> All = new(() => Assemblies.SelectMany(TypeReferences.Read).ToList());

    [Test]
    public void EveryReferencePointsDownOrIsAnAllowedSidewaysOne()
    {
        var problems = Violations(All.Value);
        Assert.That(problems, Is.Empty, "references against the layering (LayerTests.Layers):\n" + string.Join("\n", problems));
    }

    [Test]
    public void EveryNamespaceOfTheProgramHasALayerAndEveryListedOneExists()
    {
        var present = All.Value.Select(r => r.FromNamespace).Where(IsProject).Distinct().ToList();
        Assert.That(present.Where(ns => LayerOf(ns) is null), Is.Empty, "namespaces without a layer");
        // every listed namespace of the assemblies read exists (Scans: built by another branch, merged later)
        var listed = Layers.SelectMany(l => l.Namespaces).Where(n => n != EntryPoint && n != "NuDM.App.Scans");
        Assert.That(listed.Where(n => !present.Contains(n)), Is.Empty, "listed namespaces that no type uses");
        foreach (var l in Layers)
            Assert.That(l.MayUse.Where(u => Layers.All(x => x.Name != u)), Is.Empty, $"layer {l.Name} names an unknown layer");
    }

    [Test]
    public void TheReaderSeesReferencesInMethodBodiesLambdasAndStateMachines()
    {
        var refs = All.Value;
        // the top-level statements call CommandLine.RunAsync inside the compiler's async state machine
        Assert.That(refs.Any(r => r.FromType.StartsWith("Program+", StringComparison.Ordinal) && r.ToType == "NuDM.App.Cli.CommandLine" && r.Via == "body"));
        // a reference only inside a method body (a local's constructor call), not in any signature
        Assert.That(refs.Any(r => r.FromType == "NuDM.App.Cli.BenchCommand" && r.ToType.StartsWith("NuDM.App.Bench.", StringComparison.Ordinal) && r.Via == "body"));
        // the kernel reads the symbolic core, never the reverse
        Assert.That(refs.Any(r => r.FromNamespace == "NuDM.Physics" && r.ToNamespace == "NuDM.Symbolic"));
        Assert.That(refs.Count, Is.GreaterThan(50_000));
    }

    [Test]
    public void TheCheckNamesAnUpwardReferenceASidewaysOneAndAnUnknownNamespace()
    {
        TypeReference Ref(string fromNs, string fromType, string member, string toNs, string toType) =>
            new(fromNs + "." + fromType, fromNs, member, toNs + "." + toType, toNs, "body");
        var found = Violations(
        [
            Ref("NuDM.App.Statistics", "ExperimentStatistics", "Create", "NuDM.App.Experiments", "CevnsExperiment"), // sideways, not allowed
            Ref("NuDM.App.Experiments", "CevnsExperiment", "CreateDetectorSetup", "NuDM.App.Rates", "DetectorSetup"), // sideways, allowed
            Ref("NuDM.App.Cosmology", "CosmologyBenchmarks", "Run", "NuDM.App.Bench", "RatioResult"), // up
            Ref("NuDM.App.Bench", "CevnsBenchmarks", "Run", "NuDM.App.Reproduction", "Seed001Figure7"), // same height, not listed
            Ref("NuDM.App.Cli", "CommandLine", "Build", "NuDM.App.Reproduction", "FigureCatalog"), // down
            Ref("NuDM.App.Models", "ModelFile", "Read", "NuDM.Physics", "Model"), // unknown source namespace
            Ref("NuDM.App.Statistics.Deep", "Inner", "Run", "NuDM.App.Ode", "Rodas4"), // a sub-namespace belongs to its parent's layer
        ]);
        Assert.That(found, Has.Count.EqualTo(4));
        Assert.That(found, Has.Some.StartsWith("NuDM.App.Statistics.ExperimentStatistics.Create → NuDM.App.Experiments.CevnsExperiment (body): NuDM.App.Statistics and NuDM.App.Experiments are both in the components layer"));
        Assert.That(found, Has.Some.EqualTo("NuDM.App.Cosmology.CosmologyBenchmarks.Run → NuDM.App.Bench.RatioResult (body): the components layer may not use the benchmarks layer (the reference points up)"));
        Assert.That(found, Has.Some.EqualTo("NuDM.App.Bench.CevnsBenchmarks.Run → NuDM.App.Reproduction.Seed001Figure7 (body): the benchmarks layer may not use the figure jobs layer (the reference points up)"));
        Assert.That(found, Has.Some.StartsWith("NuDM.App.Models.ModelFile: namespace NuDM.App.Models has no layer"));
    }
}
