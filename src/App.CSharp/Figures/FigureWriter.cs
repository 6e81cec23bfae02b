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
    /// (y − minus, y + plus); a map's cells (<see cref="CellSeries"/>) give their centre in x, their value in y and their
    /// edges in x_low/x_high and y_low/y_high. Cells that do not apply are empty, and so are missing values: NaN or an infinite value in
    /// a line, step or point series (a gap: "no constraint" where a limit curve has none). A band side at −∞/+∞ extends to
    /// the bottom/top edge of the plot area (as <see cref="BandSeries"/> documents), so <c>y_low</c>/<c>y_high</c> is that
    /// edge: the panel's fixed y-axis limit (empty if that limit is automatic); a NaN band edge (a gap) is empty.
    /// </summary>
    public static IReadOnlyList<string> DataColumns { get; } = ["panel", "series", "kind", "x", "y", "y_low", "y_high", "x_low", "x_high"];

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static CsvWriterOptions Options => CsvWriterOptions.Default with
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
        Injection = CsvInjection.None,
        Quoting = CsvQuoting.WhenNeededOrWhitespace,
        WriteByteOrderMark = false,
    };

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
                    csv.WriteField(series is PointSeries or CellSeries ? Optional(yLow) : series is BandSeries ? BandEdge(yLow, panel.Y) : "");
                    csv.WriteField(series is PointSeries or CellSeries ? Optional(yHigh) : series is BandSeries ? BandEdge(yHigh, panel.Y) : "");
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

    /// <summary>A double in shortest round-trippable invariant form ("R").</summary>
    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Formats one table cell: null and NaN (no value) as empty; finite <see cref="double"/> and <see cref="float"/>
    /// round-trippable ("R"); other <see cref="IFormattable"/> values with the invariant culture; booleans as
    /// <c>true</c>/<c>false</c>; anything else by ToString(). An infinite number is refused: it is never a value.
    /// </summary>
    /// <exception cref="ArgumentException">The value is ±∞.</exception>
    public static string FormatCell(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => double.IsNaN(d) ? "" : double.IsFinite(d) ? Format(d)
            : throw new ArgumentException($"a table cell holds {Format(d)}; an infinite number is not a value (pass null or NaN for an empty cell).", nameof(value)),
        float f => float.IsNaN(f) ? "" : float.IsFinite(f) ? f.ToString("R", CultureInfo.InvariantCulture)
            : throw new ArgumentException($"a table cell holds {f.ToString("R", CultureInfo.InvariantCulture)}; an infinite number is not a value.", nameof(value)),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Writes a table with the named <paramref name="columns"/> and one line per row.</summary>
    /// <param name="writer">Destination (for example <see cref="Console.Out"/>).</param>
    /// <param name="columns">Column names: at least one, none empty, no duplicates.</param>
    /// <param name="rows">Rows, each with exactly one cell per column (see <see cref="FormatCell"/>).</param>
    /// <exception cref="ArgumentException">The columns are empty or duplicated, or a row has the wrong number of cells.</exception>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CheckColumns(columns);
        ArgumentNullException.ThrowIfNull(rows);
        using var csv = CsvWriter.Create(writer, Options, leaveOpen: true);
        foreach (var c in columns) csv.WriteField(c);
        csv.EndRecord();
        var i = 0;
        foreach (var row in rows)
        {
            if (row is null || row.Count != columns.Count)
                throw new ArgumentException($"row {i} has {row?.Count ?? 0} cells but there are {columns.Count} columns; every row needs one cell per column.", nameof(rows));
            foreach (var cell in row) csv.WriteField(FormatCell(cell));
            csv.EndRecord();
            i++;
        }
        csv.Flush();
    }

    /// <summary>Writes a table to <paramref name="path"/> (its directory is created if missing) and returns the full path.</summary>
    /// <inheritdoc cref="WriteCsv(TextWriter, IReadOnlyList{string}, IEnumerable{IReadOnlyList{object?}})"/>
    public static string WriteCsv(string path, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("path must not be empty.", nameof(path));
        var full = Path.GetFullPath(path);
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        WriteCsv(text, columns, rows);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.ToString(), Utf8);
        return full;
    }

    /// <summary>Writes named numeric columns of equal length as a table to <paramref name="path"/> and returns the full path.</summary>
    /// <param name="path">The output file.</param>
    /// <param name="columns">Named columns; all the same length.</param>
    /// <exception cref="ArgumentException">The columns differ in length, or a name is empty or duplicated.</exception>
    public static string WriteCsv(string path, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("a table needs at least one column.", nameof(columns));
        var n = columns[0].Values?.Count ?? 0;
        foreach (var (name, values) in columns)
        {
            if (values is null) throw new ArgumentException($"column '{name}' has no values.", nameof(columns));
            if (values.Count != n)
                throw new ArgumentException($"column '{name}' has {values.Count} values but column '{columns[0].Name}' has {n}; columns must have equal lengths.", nameof(columns));
        }
        var rows = Enumerable.Range(0, n).Select(i => (IReadOnlyList<object?>)columns.Select(c => (object?)c.Values[i]).ToArray());
        return WriteCsv(path, columns.Select(c => c.Name).ToArray(), rows);
    }

    private static void CheckColumns(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("a table needs at least one column.", nameof(columns));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.IsNullOrEmpty(columns[i])) throw new ArgumentException($"column {i} has an empty name.", nameof(columns));
            if (!seen.Add(columns[i])) throw new ArgumentException($"column name '{columns[i]}' appears twice; names must be unique.", nameof(columns));
        }
    }
}
