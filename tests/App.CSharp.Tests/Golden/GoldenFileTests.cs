using System.Globalization;
using CsvHelper;
using NuDM.App.Figures;
using NuDM.App.Reproduction;
using NUnit.Framework;

namespace NuDM.App.Tests.Golden;

/// <summary>
/// The golden-file test: every figure's data CSV, recomputed from scratch, equals the copy stored in tests/golden/figures/
/// to 1e-10 relative (text cells and empty cells exactly). A change that should not move a number is checked here; a
/// change that does move numbers regenerates the copy in its own commit that says why
/// (<c>NUDM_UPDATE_GOLDEN=1 dotnet test … --filter FullyQualifiedName~GoldenFileTests</c> rewrites it).
/// </summary>
[NonParallelizable]
public class GoldenFileTests
{
    /// <summary>Largest relative difference allowed between a recomputed number and the stored one.</summary>
    private const double RelativeTolerance = 1e-10;

    /// <summary>Below this magnitude two numbers are compared absolutely (zeros, round-off around zero).</summary>
    private const double AbsoluteFloor = 1e-300;

    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "NuDM.Hybrid.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("the repository root (NuDM.Hybrid.sln) is not above " + AppContext.BaseDirectory);
    }

    private static string GoldenDirectory => Path.Combine(Root, "tests", "golden", "figures");

    private static bool Updating => Environment.GetEnvironmentVariable("NUDM_UPDATE_GOLDEN") == "1";

    public static IEnumerable<string> FigureIds => FigureCatalog.All.Select(j => j.Id);

    [Test]
    public void EveryFigureHasAGoldenCopy()
    {
        if (Updating) Assert.Ignore("regenerating the golden copy");
        var stored = Directory.GetFiles(GoldenDirectory, "*.csv").Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        Assert.That(stored, Is.EqualTo(FigureIds.Order().ToArray()), "tests/golden/figures/ must hold exactly one CSV per figure job");
    }

    [TestCaseSource(nameof(FigureIds))]
    public void FigureDataEqualsTheGoldenCopy(string id)
    {
        var job = FigureCatalog.All.Single(j => j.Id == id);
        var checkpoints = Path.Combine(Path.GetTempPath(), "nudm-golden-" + Guid.NewGuid().ToString("N"));
        string csv;
        Directory.CreateDirectory(checkpoints);
        try
        {
            csv = FigureWriter.DataCsv(job.Build(FigureContext.Silent(checkpoints)));
        }
        finally
        {
            if (Directory.Exists(checkpoints)) Directory.Delete(checkpoints, recursive: true);
        }
        var path = Path.Combine(GoldenDirectory, id + ".csv");
        if (Updating)
        {
            Directory.CreateDirectory(GoldenDirectory);
            File.WriteAllText(path, csv);
            Assert.Pass($"wrote {path}");
        }
        Assert.That(File.Exists(path), $"no golden copy {path}; regenerate with NUDM_UPDATE_GOLDEN=1");
        var problems = Compare(Read(File.ReadAllText(path)), Read(csv));
        Assert.That(problems, Is.Empty, $"{id}: the recomputed figure data differ from tests/golden/figures/{id}.csv:\n" + string.Join("\n", problems.Take(20)));
    }

    /// <summary>
    /// Commands whose CSV output (numbers a user reads) is kept in tests/golden/commands/&lt;name&gt;.csv. Limit scans
    /// here run with the checkpoint cache pointed at a fresh folder, so nothing is resumed.
    /// </summary>
    private static readonly (string Name, string[] Args)[] Commands =
    [
        ("spectrum-coherent-csi-2017", ["spectrum", "--experiment", "coherent-csi-2017", "--csv"]),
        ("spectrum-coherent-csi-2017-nuchi", ["spectrum", "--experiment", "coherent-csi-2017", "--ybar", "1e-4", "--mchi", "3", "--ms", "10", "--csv"]),
        ("spectrum-coherent-csi-2021", ["spectrum", "--experiment", "coherent-csi-2021", "--csv"]),
        ("spectrum-coherent-lar-2020", ["spectrum", "--experiment", "coherent-lar-2020", "--csv"]),
        ("spectrum-conus", ["spectrum", "--experiment", "conus", "--ybar", "1e-5", "--mchi", "1", "--csv"]),
        ("spectrum-conus-future", ["spectrum", "--experiment", "conus-future", "--csv"]),
        ("spectrum-coherent-future", ["spectrum", "--experiment", "coherent-future", "--csv"]),
        ("xsec-csi", ["xsec", "--target", "CsI", "--enu", "30", "--mchi", "3", "--ms", "10", "--ybar", "1e-4", "--csv"]),
        ("limit-coherent-csi-2017-mchi", ["limit", "--experiment", "coherent-csi-2017", "--vary", "mchi", "--ms", "0", "--points", "6", "--csv"]),
        ("relic-curve", ["relic", "--from", "1", "--to", "1000", "--points", "8", "--csv"]),
        ("boltzmann-fig7", ["boltzmann", "--csv"]),
        ("constraints-r10", ["constraints", "--mphi-ratio", "10", "--points", "6", "--csv"]),
        ("kaon", ["kaon", "--csv"]),
        ("stability", ["stability", "--points", "5", "--csv"]),
    ];

    public static IEnumerable<string> CommandNames => Commands.Select(c => c.Name);

    [TestCaseSource(nameof(CommandNames))]
    public async Task CommandOutputEqualsTheGoldenCopy(string name)
    {
        var args = Commands.Single(c => c.Name == name).Args;
        var cache = Path.Combine(Path.GetTempPath(), "nudm-golden-cache-" + Guid.NewGuid().ToString("N"));
        var previousCache = Environment.GetEnvironmentVariable("NUDM_CACHE");
        var previousOut = Console.Out;
        var output = new StringWriter();
        int exit;
        try
        {
            Environment.SetEnvironmentVariable("NUDM_CACHE", cache);
            Console.SetOut(output);
            exit = await NuDM.App.Cli.CommandLine.RunAsync(args);
        }
        finally
        {
            Console.SetOut(previousOut);
            Environment.SetEnvironmentVariable("NUDM_CACHE", previousCache);
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
        Assert.That(exit, Is.EqualTo(0), $"nudm {string.Join(' ', args)} failed:\n{output}");
        var path = Path.Combine(Root, "tests", "golden", "commands", name + ".csv");
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, output.ToString());
            Assert.Pass($"wrote {path}");
        }
        Assert.That(File.Exists(path), $"no golden copy {path}; regenerate with NUDM_UPDATE_GOLDEN=1");
        var problems = Compare(Read(File.ReadAllText(path)), Read(output.ToString()));
        Assert.That(problems, Is.Empty, $"nudm {string.Join(' ', args)}: the output differs from tests/golden/commands/{name}.csv:\n" + string.Join("\n", problems.Take(20)));
    }

    private static List<string[]> Read(string text)
    {
        using var reader = CsvReader.Create(new StringReader(text), new CsvReaderOptions { HasHeader = false }, false);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (int i = 0; i < row.Length; i++) row[i] = reader.GetString(i) ?? "";
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Cell-by-cell differences (row and column 1-based, as in a spreadsheet).</summary>
    internal static List<string> Compare(IReadOnlyList<string[]> expected, IReadOnlyList<string[]> actual)
    {
        var problems = new List<string>();
        if (expected.Count != actual.Count) problems.Add($"{actual.Count} rows instead of {expected.Count}");
        for (int r = 0; r < Math.Min(expected.Count, actual.Count); r++)
        {
            var e = expected[r];
            var a = actual[r];
            if (e.Length != a.Length)
            {
                problems.Add($"row {r + 1}: {a.Length} cells instead of {e.Length}");
                continue;
            }
            for (int c = 0; c < e.Length; c++)
            {
                if (e[c] == a[c]) continue;
                bool en = double.TryParse(e[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var ev);
                bool an = double.TryParse(a[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var av);
                if (en && an && Close(ev, av)) continue;
                problems.Add($"row {r + 1}, column {c + 1}: '{a[c]}' instead of '{e[c]}'" +
                             (en && an ? $" (relative difference {RelativeDifference(ev, av):G3})" : ""));
            }
        }
        return problems;
    }

    private static double RelativeDifference(double e, double a) => Math.Abs(a - e) / Math.Max(Math.Max(Math.Abs(e), Math.Abs(a)), AbsoluteFloor);

    private static bool Close(double e, double a)
    {
        if (double.IsNaN(e) || double.IsNaN(a)) return double.IsNaN(e) && double.IsNaN(a);
        if (double.IsInfinity(e) || double.IsInfinity(a)) return e == a;
        return RelativeDifference(e, a) <= RelativeTolerance;
    }

    [Test]
    public void TheComparisonFailsOnAMovedNumberAndAcceptsRoundOff()
    {
        var golden = new List<string[]> { new[] { "x", "y" }, new[] { "1", "0.5" } };
        Assert.That(Compare(golden, [["x", "y"], ["1", "0.50000000000001"]]), Is.Empty);
        Assert.That(Compare(golden, [["x", "y"], ["1", "0.5000001"]]), Has.Count.EqualTo(1));
        Assert.That(Compare(golden, [["x", "y"], ["1", ""]]), Has.Count.EqualTo(1));
        Assert.That(Compare(golden, [["x", "y"]]), Has.Count.EqualTo(1));
    }
}
