using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;

namespace NuDM.App;

/// <summary>
/// A computed number that is not finite (or not positive where it must be) reached the output: never printed. Valid
/// inputs that lie at a physical edge are refused earlier, with their reason (<see cref="OutsideValidityException"/>);
/// so this is a bug, and the command line reports it as an internal error (exit code 1) naming the computation, the
/// quantity and the inputs.
/// </summary>
public sealed class NonFiniteResultException(string computation, string quantity, double value, string inputs)
    : Exception($"{computation}: {quantity} came out {value.ToString("R", CultureInfo.InvariantCulture)} for {inputs}")
{
    /// <summary>The command or computation, e.g. "xsec".</summary>
    public string Computation { get; } = computation;
    /// <summary>The quantity, e.g. "dσ/dT νN → χN".</summary>
    public string Quantity { get; } = quantity;
    /// <summary>The offending value.</summary>
    public double Value { get; } = value;
    /// <summary>The inputs, as the user gave them.</summary>
    public string Inputs { get; } = inputs;
}

/// <summary>How a command prints its results: a terminal table (default), CSV (<c>--csv</c>) or JSON Lines (<c>--json</c>).</summary>
public enum OutputFormat { Table, Csv, Json }

/// <summary>
/// The output boundary of a command: every number a command prints (terminal tables, messages, CSV and JSON) goes
/// through one of these methods and is spelled by <see cref="Numbers"/>. A required value must be finite; an optional
/// one may be NaN, which means "no value" (no constraint, not applicable) and becomes an empty CSV cell, a JSON null or
/// "—" in a terminal table; infinities are never printed.
/// </summary>
/// <param name="computation">What is computed (the command), named in errors.</param>
/// <param name="inputs">The inputs as the user gave them, named in errors.</param>
public sealed class Results(string computation, string inputs)
{
    /// <summary>What a terminal table shows for a missing value.</summary>
    public const string Missing = "—";

    /// <summary>The computation named in errors.</summary>
    public string Computation { get; } = computation;

    /// <summary>The inputs named in errors.</summary>
    public string Inputs { get; } = inputs;

    /// <summary>A value that must be finite.</summary>
    public double Value(double v, string quantity) =>
        double.IsFinite(v) ? v : throw new NonFiniteResultException(Computation, quantity, v, Inputs);

    /// <summary>A value that must be finite and &gt; 0 (a rate, a temperature, a limit).</summary>
    public double Positive(double v, string quantity) =>
        double.IsFinite(v) && v > 0 ? v : throw new NonFiniteResultException(Computation, quantity + " (must be > 0)", v, Inputs);

    /// <summary>A value that may be absent: NaN gives null (an empty CSV cell); ±∞ is refused.</summary>
    public double? Optional(double v, string quantity) => double.IsNaN(v) ? null : Value(v, quantity);

    /// <summary>A required value for the terminal with <paramref name="digits"/> significant digits (<see cref="Numbers.Significant"/>).</summary>
    public string Text(double v, string quantity, int digits = 4) => Numbers.Significant(Value(v, quantity), digits);

    /// <summary>A required value for the terminal with a fixed number of decimals (event counts, percentages).</summary>
    public string Fixed(double v, int decimals, string quantity) => Numbers.Fixed(Value(v, quantity), decimals);

    /// <summary>An optional value for the terminal, "—" when absent.</summary>
    public string OptionalText(double v, string quantity, int digits = 4) =>
        Optional(v, quantity) is double x ? Numbers.Significant(x, digits) : Missing;

    /// <summary>An input echoed back (already validated): shortest round-trip digits, or <paramref name="digits"/> significant ones.</summary>
    public static string Echo(double v, int? digits = null) => digits is int d ? Numbers.Significant(v, d) : Numbers.Exact(v);

    /// <summary>The CSV dialect of every CSV the program writes: invariant culture, "\n", UTF-8 without BOM, quoted only when needed.</summary>
    internal static CsvWriterOptions CsvOptions => CsvWriterOptions.Default with
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
        Injection = CsvInjection.None,
        Quoting = CsvQuoting.WhenNeededOrWhitespace,
        WriteByteOrderMark = false,
    };

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes rows as CSV or JSON Lines to standard output (see <see cref="Write"/>).</summary>
    public void Records(OutputFormat format, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows) =>
        Write(Console.Out, format, columns, rows);

    /// <summary>
    /// Writes rows with the named <paramref name="columns"/> as CSV (a header line, one line per row) or as JSON Lines
    /// (one object per row, the column names as field names). Cells: null and NaN are no value (an empty CSV cell, JSON
    /// null); a double is written by <see cref="Numbers.Exact"/>, so it parses back to the identical value; an infinite
    /// one is refused (<see cref="NonFiniteResultException"/>, naming the column); booleans are <c>true</c>/<c>false</c>;
    /// integers and other formattable values use the invariant culture; anything else is a string.
    /// </summary>
    /// <exception cref="ArgumentException">The columns are empty or duplicated, a row has the wrong number of cells, or <paramref name="format"/> is <see cref="OutputFormat.Table"/>.</exception>
    public void Write(TextWriter writer, OutputFormat format, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (columns.Count == 0) throw new ArgumentException("a table needs at least one column.", nameof(columns));
        if (columns.Any(string.IsNullOrEmpty) || columns.Distinct(StringComparer.Ordinal).Count() != columns.Count)
            throw new ArgumentException($"column names must be non-empty and unique: {string.Join(", ", columns)}", nameof(columns));
        if (format == OutputFormat.Table) throw new ArgumentException("a terminal table is not written by Results.Write", nameof(format));
        var checkedRows = rows.Select((row, i) => row is not null && row.Count == columns.Count ? row
            : throw new ArgumentException($"row {i} has {row?.Count ?? 0} cells but there are {columns.Count} columns; every row needs one cell per column.", nameof(rows)));
        if (format == OutputFormat.Csv)
        {
            using var csv = CsvWriter.Create(writer, CsvOptions, leaveOpen: true);
            foreach (var c in columns) csv.WriteField(c);
            csv.EndRecord();
            foreach (var row in checkedRows)
            {
                for (var c = 0; c < columns.Count; c++) csv.WriteField(Cell(row[c], columns[c]) is { } cell ? cell.Text : "");
                csv.EndRecord();
            }
            csv.Flush();
            return;
        }
        foreach (var row in checkedRows)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, JsonOptions))
            {
                json.WriteStartObject();
                for (var c = 0; c < columns.Count; c++)
                {
                    json.WritePropertyName(columns[c]);
                    switch (Cell(row[c], columns[c]))
                    {
                        case null: json.WriteNullValue(); break;
                        case { IsNumber: true } n: json.WriteRawValue(n.Text, skipInputValidation: true); break;
                        case { IsBoolean: true } b: json.WriteBooleanValue(b.Text == "true"); break;
                        case var s: json.WriteStringValue(s.Value.Text); break;
                    }
                }
                json.WriteEndObject();
            }
            writer.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            writer.Write('\n');
        }
        writer.Flush();
    }

    /// <summary>A cell's text and kind, or null for no value.</summary>
    private (string Text, bool IsNumber, bool IsBoolean)? Cell(object? value, string column) => value switch
    {
        null => null,
        string s => (s, false, false),
        double d when double.IsNaN(d) => null,
        double d => (Numbers.Exact(Value(d, column)), true, false),
        float f => Cell((double)f, column),
        bool b => (b ? "true" : "false", false, true),
        int or long or short or byte or uint or ulong or ushort or sbyte or decimal => (((IFormattable)value).ToString(null, CultureInfo.InvariantCulture), true, false),
        IFormattable f => (f.ToString(null, CultureInfo.InvariantCulture), false, false),
        _ => (value.ToString() ?? "", false, false),
    };
}
