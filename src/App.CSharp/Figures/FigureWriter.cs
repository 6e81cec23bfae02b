using System.Globalization;
using System.Text;
using CsvHelper;

namespace NuDM.App.Figures;

/// <summary>The files written for a figure: the picture as SVG, PDF and PNG, and its data as CSV (full paths).</summary>
public sealed record FigureFiles(string SvgPath, string PdfPath, string PngPath, string CsvPath)
{
    /// <summary>All four paths, in the order of <see cref="FigureWriter.Extensions"/>.</summary>
    public IReadOnlyList<string> All => [SvgPath, PdfPath, PngPath, CsvPath];
}

/// <summary>
/// Writes figures as SVG, PDF and PNG pictures (<see cref="FigureExport"/>) plus a CSV of the plotted data, and plain CSV tables. All CSV is written with
/// the invariant culture, "\n" line ends, UTF-8 without BOM, a single header line and no comments; doubles are written
/// in their shortest round-trippable form ("R"), so parsing them back gives the identical values. No cell is ever
/// <c>NaN</c> or <c>Infinity</c>: a missing value ("no constraint", not applicable, a gap in a curve) is an empty cell,
/// and an open side of a band is written as the plot edge it reaches (see <see cref="DataColumns"/>).
/// </summary>
/// <example>
/// <code>
/// var files = FigureWriter.Write(figure, "out/figures", "fig3_exclusion"); // fig3_exclusion.svg, .pdf, .png, .csv
/// FigureWriter.WriteCsv("out/tables/limits.csv", ["m_S_MeV", "y90"], rows.Select(r => new object?[] { r.M, r.Y }));
/// </code>
/// </example>
public static class FigureWriter
{
    /// <summary>
    /// The header of a figure's data CSV. One row per point (per bin for a step series):
    /// <c>panel</c> (0-based index), <c>series</c> (label, or <c>#i</c> for an unlabelled series at index i of its panel),
    /// <c>kind</c> (line, band, points, step), <c>x</c>, <c>y</c>, <c>y_low</c>, <c>y_high</c>, and two trailing columns
    /// <c>x_low</c>, <c>x_high</c> (x half-width ends of points; bin edges of steps, whose <c>x</c> is the bin centre).
    /// Bands leave <c>y</c> empty and give <c>y_low</c>/<c>y_high</c>; points give the absolute ends of their error bars
    /// (y − minus, y + plus). Cells that do not apply are empty, and so are missing values: NaN or an infinite value in
    /// a line, step or point series (a gap: "no constraint" where a limit curve has none). A band side at −∞/+∞ extends to
    /// the bottom/top edge of the plot area (as <see cref="BandSeries"/> documents), so <c>y_low</c>/<c>y_high</c> is that
    /// edge: the panel's fixed y-axis limit (empty if that limit is automatic); a NaN band edge (a gap) is empty.
    /// </summary>
    public static IReadOnlyList<string> DataColumns { get; } = ["panel", "series", "kind", "x", "y", "y_low", "y_high", "x_low", "x_high"];

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static CsvWriterOptions Options => Cli.Results.CsvOptions;

    /// <summary>The extensions of the files <see cref="Write"/> writes for a figure.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".svg", ".pdf", ".png", ".csv"];

    /// <summary>
    /// Writes <c>&lt;baseName&gt;</c> with each of <see cref="Extensions"/> into <paramref name="directory"/> (created if
    /// missing), replacing existing files, and returns their full paths.
    /// </summary>
    /// <param name="figure">The figure.</param>
    /// <param name="directory">The output directory.</param>
    /// <param name="baseName">The file name without extension; must be a plain file name (no directory separators).</param>
    /// <exception cref="ArgumentException">The figure breaks a rule, or <paramref name="directory"/>/<paramref name="baseName"/> is empty or invalid.</exception>
    public static FigureFiles Write(Figure figure, string directory, string baseName)
    {
        ArgumentNullException.ThrowIfNull(figure);
        if (string.IsNullOrWhiteSpace(directory))
            throw new ArgumentException("directory must not be empty.", nameof(directory));
        CheckBaseName(baseName);
        figure.Validate();
        var csv = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        WriteDataCsv(figure, csv);
        byte[][] contents = [FigureExport.Svg(figure), FigureExport.Pdf(figure), FigureExport.Png(figure), Utf8.GetBytes(csv.ToString())];
        var dir = Path.GetFullPath(directory);
        Directory.CreateDirectory(dir);
        var paths = Extensions.Select(e => Path.Combine(dir, baseName + e)).ToArray();
        for (var i = 0; i < paths.Length; i++) File.WriteAllBytes(paths[i], contents[i]);
        return new FigureFiles(paths[0], paths[1], paths[2], paths[3]);
    }

    private static void CheckBaseName(string baseName)
    {
        if (string.IsNullOrWhiteSpace(baseName))
            throw new ArgumentException("baseName must not be empty.", nameof(baseName));
        if (baseName is "." or ".." || baseName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 ||
            baseName.Contains('/') || baseName.Contains('\\'))
            throw new ArgumentException($"baseName '{baseName}' must be a plain file name without directory separators or invalid characters.", nameof(baseName));
    }

    /// <summary>Writes the figure's data in the long format described at <see cref="DataColumns"/>.</summary>
    /// <exception cref="ArgumentException">The figure breaks a rule.</exception>
    public static void WriteDataCsv(Figure figure, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(writer);
        figure.Validate();
        using var csv = CsvWriter.Create(writer, Options, leaveOpen: true);
        foreach (var c in DataColumns) csv.WriteField(c);
        csv.EndRecord();
        for (var p = 0; p < figure.Panels.Length; p++)
        {
            var panel = figure.Panels[p];
            for (var s = 0; s < panel.Series.Length; s++)
            {
                var series = panel.Series[s];
                var name = series.Label.Length > 0 ? series.Label : "#" + s.ToString(CultureInfo.InvariantCulture);
                foreach (var (x, y, yLow, yHigh, xLow, xHigh) in series.Rows())
                {
                    csv.WriteField(p.ToString(CultureInfo.InvariantCulture));
                    csv.WriteField(name);
                    csv.WriteField(series.Kind);
                    csv.WriteField(Optional(x));
                    csv.WriteField(series is BandSeries ? "" : Optional(y));
                    csv.WriteField(series is PointSeries ? Optional(yLow) : series is BandSeries ? BandEdge(yLow, panel.Y) : "");
                    csv.WriteField(series is PointSeries ? Optional(yHigh) : series is BandSeries ? BandEdge(yHigh, panel.Y) : "");
                    csv.WriteField(series is LineSeries or BandSeries ? "" : Optional(xLow));
                    csv.WriteField(series is LineSeries or BandSeries ? "" : Optional(xHigh));
                    csv.EndRecord();
                }
            }
        }
        csv.Flush();
    }

    /// <summary>The figure's data CSV as a string.</summary>
    public static string DataCsv(Figure figure)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        WriteDataCsv(figure, w);
        return w.ToString();
    }

    /// <summary>A finite value, or an empty cell for a missing one (NaN, ±∞: a gap).</summary>
    private static string Optional(double v) => double.IsFinite(v) ? Format(v) : "";

    /// <summary>A band edge: ±∞ reaches the plot edge, i.e. the axis' fixed limit on that side (empty if automatic).</summary>
    private static string BandEdge(double v, Axis y) => v switch
    {
        double.PositiveInfinity => y.Max is { } max ? Format(max) : "",
        double.NegativeInfinity => y.Min is { } min ? Format(min) : "",
        _ => Optional(v),
    };

    /// <summary>A double in shortest round-trip form (<see cref="Cli.Numbers.Exact"/>).</summary>
    public static string Format(double v) => Cli.Numbers.Exact(v);
}
