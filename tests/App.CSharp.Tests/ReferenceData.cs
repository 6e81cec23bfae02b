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
}
