using System.Globalization;
using System.Text;
using CsvHelper;
using NuDM.App.Cli;

namespace NuDM.App.Figures;

/// <summary>The files written for a figure: the picture as SVG, PDF and PNG, and its data as CSV (full paths).</summary>
public sealed record FigureFiles(string SvgPath, string PdfPath, string PngPath, string CsvPath)
{
    /// <summary>All four paths, in the order of <see cref="FigureWriter.Extensions"/>.</summary>
    public IReadOnlyList<string> All => [SvgPath, PdfPath, PngPath, CsvPath];
}

/// <summary>
/// Writes a figure as SVG, PDF and PNG (<see cref="FigureExport"/>) plus the CSV of its plotted data, in the program's one
/// CSV dialect (<see cref="Results.CsvOptions"/>) with numbers that parse back to the identical doubles (<see cref="Numbers.Exact"/>).
/// </summary>
/// <example><code>var files = FigureWriter.Write(figure, "out", "seed001-fig2"); // seed001-fig2.svg, .pdf, .png, .csv</code></example>
public static class FigureWriter
{
    /// <summary>
    /// The columns of a figure's data CSV, one row per point (per bin of a step series): <c>panel</c> (0-based),
    /// <c>series</c> (label, or <c>#i</c> for an unlabelled series at index i of its panel), <c>kind</c> (line, band, points,
    /// step), <c>x</c>, <c>y</c>, <c>y_low</c>, <c>y_high</c>, <c>x_low</c>, <c>x_high</c>. Bands leave <c>y</c> empty; points
    /// give the absolute ends of their error bars (y − minus, y + plus); steps give the bin centre as <c>x</c> and the bin
    /// edges as <c>x_low</c>, <c>x_high</c>. Cells that do not apply are empty, and so are missing values: NaN or ±∞ in a
    /// line, step or point series (a gap: "no constraint" where a limit curve has none). A band side at ±∞ reaches the
    /// plot edge, so it is written as the panel's fixed y limit on that side (empty if that limit is automatic).
    /// </summary>
    public static IReadOnlyList<string> DataColumns { get; } = ["panel", "series", "kind", "x", "y", "y_low", "y_high", "x_low", "x_high"];

    /// <summary>The extensions of the files <see cref="Write"/> writes for a figure.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".svg", ".pdf", ".png", ".csv"];

    /// <summary>Writes <c>&lt;baseName&gt;</c> with each of <see cref="Extensions"/> into <paramref name="directory"/> (created if
    /// missing), replacing existing files, and returns their full paths.</summary>
    /// <exception cref="ArgumentException">The figure breaks a rule, <paramref name="directory"/> is empty, or <paramref name="baseName"/> is not a plain file name.</exception>
    public static FigureFiles Write(Figure figure, string directory, string baseName)
    {
        ArgumentNullException.ThrowIfNull(figure);
        Check.That(!string.IsNullOrWhiteSpace(directory), nameof(directory), "directory must not be empty.");
        Check.That(!string.IsNullOrWhiteSpace(baseName), nameof(baseName), "baseName must not be empty.");
        Check.That(baseName is not ("." or "..") && baseName.IndexOfAny([.. Path.GetInvalidFileNameChars(), '/', '\\']) < 0, nameof(baseName),
            $"baseName '{baseName}' must be a plain file name without directory separators or invalid characters.");
        figure.Validate();
        byte[][] contents = [FigureExport.Svg(figure), FigureExport.Pdf(figure), FigureExport.Png(figure), new UTF8Encoding(false).GetBytes(DataCsv(figure))];
        var dir = Directory.CreateDirectory(Path.GetFullPath(directory)).FullName;
        var paths = Extensions.Select(e => Path.Combine(dir, baseName + e)).ToArray();
        for (var i = 0; i < paths.Length; i++) File.WriteAllBytes(paths[i], contents[i]);
        return new FigureFiles(paths[0], paths[1], paths[2], paths[3]);
    }

    /// <summary>The figure's data CSV (columns <see cref="DataColumns"/>).</summary>
    /// <exception cref="ArgumentException">The figure breaks a rule.</exception>
    public static string DataCsv(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        figure.Validate();
        static string Cell(double v) => double.IsFinite(v) ? Numbers.Exact(v) : "";
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Results.CsvOptions, leaveOpen: true))
        {
            foreach (var c in DataColumns) csv.WriteField(c);
            csv.EndRecord();
            foreach (var (panel, p) in figure.Panels.Select((x, i) => (x, i)))
                foreach (var (series, s) in panel.Series.Select((x, i) => (x, i)))
                    foreach (var r in series.Rows())
                    {
                        string Edge(double v) => series is BandSeries && double.IsInfinity(v) && (v > 0 ? panel.Y.Max : panel.Y.Min) is { } edge ? Cell(edge) : Cell(v);
                        string name = series.Label.Length > 0 ? series.Label : "#" + s.ToString(CultureInfo.InvariantCulture);
                        foreach (var f in new[] { p.ToString(CultureInfo.InvariantCulture), name, series.Kind, Cell(r.X), Cell(r.Y), Edge(r.YLow), Edge(r.YHigh), Cell(r.XLow), Cell(r.XHigh) })
                            csv.WriteField(f);
                        csv.EndRecord();
                    }
        }
        return text.ToString();
    }
}
