using NuDM.Physics;

namespace NuDM.App.Tests;

/// <summary>
/// The tests' reference tables (tests/reference-data/, provenance in its README): cross-check data the program does not
/// read, read by the program's own validating reader (<see cref="DataFiles.ReadTable"/>) with the schemas below.
/// </summary>
internal static class ReferenceData
{
    /// <summary>The repository root (the folder holding NuDM.Hybrid.sln), found by walking up from the test binaries.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "NuDM.Hybrid.sln"))) return d.FullName;
            throw new DirectoryNotFoundException($"the repository root was not found above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>Full path of a test fixture model (tests/Physics.FSharp.Tests/Fixtures/<paramref name="file"/>: model files
    /// that are not shipped, shared with the kernel's tests).</summary>
    public static string FixtureModel(string file) => Path.Combine(RepositoryRoot, "tests", "Physics.FSharp.Tests", "Fixtures", file);

    /// <summary>Full path of a reference file (relative to tests/reference-data, '/'-separated).</summary>
    public static string PathOf(string relative) => Path.Combine(RepositoryRoot, "tests", "reference-data", relative);

    /// <summary>A reference table read and validated against its schema.</summary>
    public static DataTable Read(string relative, TableSchema schema) => DataFiles.ReadTable(PathOf(relative), "tests/reference-data/" + relative, schema);

    /// <summary>helm_form_factor.csv: parameter, value, unit (empty for the dimensionless check values).</summary>
    public static TableSchema Helm => TableSchema.Csv().Column("parameter", CellRule.Text).Column("value", CellRule.Finite).OptionalColumn("unit", CellRule.Text).Rows(8);

    /// <summary>
    /// micrOMEGAs' older built-in table { T, g_*^{1/2}, h_eff } (listed from the top, with the T = 0 limit as its last row,
    /// which is set aside: g_*^{1/2} is compared at T &gt; 0 only).
    /// </summary>
    public static TableSchema GStarSqrt => TableSchema.Whitespace()
        .Column("T_GeV", CellRule.NonNegative).Column("sqrt_gstar", CellRule.Positive).Column("h_eff", CellRule.Positive)
        .Decreasing("T_GeV").Rows(276)
        .Exclude("T = 0: the T → 0 limit; compared at T > 0 only", r => r.Number("T_GeV") == 0);

    /// <summary>Digitised SNS π-DAR spectral shapes: E_ν (MeV, increasing), arbitrary units ≥ 0.</summary>
    public static TableSchema SnsFlux(int rows) => TableSchema.Whitespace()
        .Column("E_MeV", CellRule.Positive).Column("shape", CellRule.NonNegative).Increasing("E_MeV").Rows(rows);

    /// <summary>
    /// XENON1T Fig. 1 efficiency, digitised: E_R (keVnr, increasing) and ε, which may dip slightly below 0 at the end
    /// (digitisation noise, README), so it is only required to be finite here.
    /// </summary>
    public static TableSchema Xenon1TFigure1 => TableSchema.Csv()
        .Column("E_R_keVnr", CellRule.Positive).Column("eff_total", CellRule.Finite).Increasing("E_R_keVnr").Rows(50);

    /// <summary>The repository's data/ folder (the source of truth, not the copy beside the test binaries).</summary>
    public static string RepositoryData => Path.Combine(RepositoryRoot, "data");

    /// <summary>1-based line of the first line of a file under the repository's data/ that equals <paramref name="text"/>.</summary>
    public static int LineOf(string relative, string text)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryData, relative));
        int i = Array.IndexOf(lines, text);
        return i >= 0 ? i + 1 : throw new ArgumentException($"data/{relative} has no line '{text}'");
    }

    /// <summary>
    /// A copy of the repository's data/ (with <paramref name="relative"/> edited, when given) in use until disposed: then
    /// the previous data folder is in use again and the copy is deleted.
    /// </summary>
    public static IDisposable DataCopy(string? relative = null, Func<string[], string[]>? edit = null)
    {
        string temp = Path.Combine(Path.GetTempPath(), "nudm-data-" + Guid.NewGuid().ToString("N"));
        foreach (var d in Directory.GetDirectories(RepositoryData, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(temp, Path.GetRelativePath(RepositoryData, d)));
        Directory.CreateDirectory(temp);
        foreach (var f in Directory.GetFiles(RepositoryData, "*", SearchOption.AllDirectories))
            File.Copy(f, Path.Combine(temp, Path.GetRelativePath(RepositoryData, f)));
        if (relative is not null && edit is not null)
        {
            string p = Path.Combine(temp, relative);
            File.WriteAllText(p, string.Join("\n", edit(File.ReadAllLines(p))) + "\n");
        }
        var scope = DataFiles.UseDirectory(temp);
        return new Cleanup(() =>
        {
            scope.Dispose();
            Directory.Delete(temp, recursive: true);
        });
    }

    /// <summary>A copy of data/ in which the line equal to <paramref name="line"/> (it must exist) is replaced.</summary>
    public static IDisposable EditedData(string relative, string line, string replacement) =>
        DataCopy(relative, lines =>
            Array.IndexOf(lines, line) >= 0
                ? lines.Select(l => l == line ? replacement : l).ToArray()
                : throw new ArgumentException($"data/{relative} has no line '{line}' to edit"));

    private sealed class Cleanup(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
