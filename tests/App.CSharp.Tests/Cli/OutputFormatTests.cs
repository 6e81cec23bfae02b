using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using NuDM.App.Cli;
using NUnit.Framework;
using Spectre.Console;

namespace NuDM.App.Tests.Cli;

/// <summary>
/// Numbers as physicists read them (Python's spelling), <c>--json</c> on every command that prints results (JSON Lines
/// whose numbers equal the <c>--csv</c> numbers), and terminal output without escape codes or wrapping in a pipe.
/// </summary>
[NonParallelizable]
public class OutputFormatTests
{
    // Expected strings: Python 3's repr(x) (with a whole number's ".0" dropped) and '%.4g' % x / '%.3g' % x.
    [TestCase(9.043e-05, "9.043e-05")]
    [TestCase(1.6e4, "16000")]
    [TestCase(0.0001, "0.0001")]
    [TestCase(1e-5, "1e-05")]
    [TestCase(0.1, "0.1")]
    [TestCase(1.0 / 3, "0.3333333333333333")]
    [TestCase(-2.5e-17, "-2.5e-17")]
    [TestCase(123456789.123456789, "123456789.12345679")]
    [TestCase(1e16, "1e+16")]
    [TestCase(9999999999999998.0, "9999999999999998")]
    [TestCase(1.7976931348623157e308, "1.7976931348623157e+308")]
    [TestCase(5e-324, "5e-324")]
    [TestCase(3.652481326372184e-05, "3.652481326372184e-05")]
    [TestCase(0.0, "0")]
    [TestCase(-7.0, "-7")]
    public void ExactNumbersAreSpelledAsPythonsRepr(double x, string expected) => Assert.That(Numbers.Exact(x), Is.EqualTo(expected));

    [TestCase(9.0431e-05, 4, "9.043e-05")]
    [TestCase(16000.0, 4, "1.6e+04")]
    [TestCase(1234.6, 4, "1235")]
    [TestCase(9999.6, 4, "1e+04")]
    [TestCase(0.99999, 4, "1")]
    [TestCase(0.0001234, 4, "0.0001234")]
    [TestCase(0.00001234, 4, "1.234e-05")]
    [TestCase(-3.14159, 3, "-3.14")]
    [TestCase(1e-300, 4, "1e-300")]
    [TestCase(30.065351977699528, 4, "30.07")]
    [TestCase(2.4847e3, 3, "2.48e+03")]
    [TestCase(0.0, 4, "0")]
    public void TableNumbersAreSpelledAsPythonsPercentG(double x, int digits, string expected) =>
        Assert.That(Numbers.Significant(x, digits), Is.EqualTo(expected));

    /// <summary>Every double, from subnormal to the largest, parses back from its CSV/JSON spelling to the identical bits.</summary>
    [Test]
    public void ExactNumbersParseBackToTheIdenticalDouble()
    {
        var random = new Random(20240615);
        for (var i = 0; i < 200_000; i++)
        {
            var x = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsFinite(x)) continue;
            var s = Numbers.Exact(x);
            Assert.That(BitConverter.DoubleToInt64Bits(double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)), Is.EqualTo(BitConverter.DoubleToInt64Bits(x)), s);
            Assert.That(s, Does.Not.Contain("E"), s);
            if (s.Contains('e')) Assert.That(s, Does.Match(@"^-?\d(\.\d+)?e[+-]\d{2,3}$"), s);
        }
    }

    /// <summary>The commands that print results, each with the arguments of a quick, physical run.</summary>
    private static readonly Dictionary<string, string[]> Commands = new()
    {
        ["xsec"] = ["xsec", "--target", "CsI", "--enu", "30", "--mchi", "3", "--ms", "10", "--ybar", "1e-4", "--points", "4"],
        ["kinematics"] = ["kinematics", "--target", "Ge", "--enu", "5", "--mchi", "3"],
        ["kinematics-threshold"] = ["kinematics", "--target", "CsI", "--enu", "1.4999093", "--mchi", "1.4999"], // I-127 below threshold, Cs-133 above
        ["spectrum"] = ["spectrum", "--experiment", "coherent-csi-2017", "--ybar", "1e-4", "--mchi", "3", "--ms", "10"],
        ["spectrum-reactor"] = ["spectrum", "--experiment", "conus", "--ybar", "1e-5", "--mchi", "1"],
        ["limit"] = ["limit", "--experiment", "conus", "--vary", "mchi", "--from", "1", "--to", "12", "--points", "3"],
        ["relic"] = ["relic", "--mx", "30", "--ratio", "3"],
        ["relic-curve"] = ["relic", "--from", "1", "--to", "1000", "--points", "3"],
        ["boltzmann"] = ["boltzmann", "--mchi", "3", "--ms", "10", "--ychi", "1e-3"],
        ["kd"] = ["kd", "--mx", "1", "--ratio", "3", "--yx", "0.1"],
        ["constraints"] = ["constraints", "--mphi-ratio", "10", "--points", "3"],
        ["earthsun"] = ["earthsun", "--mx", "10"],
        ["earthsun-limit"] = ["earthsun", "--mx", "1e4", "--flux-limit", "100", "--flux-source", "a test"],
        ["kaon"] = ["kaon"],
        ["stability"] = ["stability", "--points", "3", "--sin2-2theta-max", "1e-10", "--xray-source", "a test"],
        ["verify"] = ["verify", "--filter", "kin."],
        ["bench"] = ["bench", "--suite", "kinematics", "--rounds", "3"],
        ["figures-list"] = ["figures", "--list"],
    };

    /// <summary>Columns measured from the clock: they differ between two runs, so only their presence is compared.</summary>
    private static readonly HashSet<string> Timings = ["time_ms", "candidate_ns", "reference_ns", "ratio", "ratio_iqr_low", "ratio_iqr_high", "met"];

    public static IEnumerable<string> CommandNames => Commands.Keys;

    private static async Task<CliResult> Run(string[] args)
    {
        var cache = CliRun.TempPath("cache");
        Environment.SetEnvironmentVariable("NUDM_CACHE", cache);
        try
        {
            return await CliRun.Capture(args);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NUDM_CACHE", TestCacheFolder.Path);
            CliRun.Delete(cache);
        }
    }

    private static List<string[]> ReadCsv(string text)
    {
        using var reader = CsvReader.Create(new StringReader(text), new CsvReaderOptions { HasHeader = false }, false);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.GetString(i) ?? "";
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// For every command: <c>--json</c> writes only JSON Lines to standard output (each line an object), with the CSV's
    /// columns as fields in the same order, one object per CSV row; numbers equal the CSV's exactly, an empty CSV cell
    /// is null, and booleans and texts agree.
    /// </summary>
    [TestCaseSource(nameof(CommandNames))]
    public async Task JsonParsesAndEqualsTheCsv(string name)
    {
        var csv = await Run([.. Commands[name], "--csv"]);
        var json = await Run([.. Commands[name], "--json"]);
        Assert.That((csv.Exit, json.Exit), Is.EqualTo((0, 0)), $"{csv}\n{json}");
        var table = ReadCsv(csv.Out);
        var header = table[0];
        var lines = json.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(json.Out, Does.EndWith("\n"));
        Assert.That(lines, Has.Length.EqualTo(table.Count - 1), "one object per row");
        for (var r = 0; r < lines.Length; r++)
        {
            using var doc = JsonDocument.Parse(lines[r]);
            Assert.That(doc.RootElement.ValueKind, Is.EqualTo(JsonValueKind.Object), lines[r]);
            var fields = doc.RootElement.EnumerateObject().ToList();
            Assert.That(fields.Select(f => f.Name), Is.EqualTo(header), "the CSV's columns, in order");
            for (var c = 0; c < header.Length; c++)
            {
                var (cell, value) = (table[r + 1][c], fields[c].Value);
                var where = $"{name}, row {r + 1}, {header[c]}: CSV '{cell}', JSON {value.GetRawText()}";
                if (Timings.Contains(header[c])) continue;
                switch (value.ValueKind)
                {
                    case JsonValueKind.Null: Assert.That(cell, Is.Empty, where); break;
                    case JsonValueKind.Number:
                        Assert.That(value.GetDouble(), Is.EqualTo(double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture)), where);
                        Assert.That(value.GetRawText(), Is.EqualTo(cell), where + " (the same spelling)");
                        break;
                    case JsonValueKind.True or JsonValueKind.False: Assert.That(cell, Is.EqualTo(value.GetRawText()), where); break;
                    default: Assert.That(value.GetString(), Is.EqualTo(cell), where); break;
                }
            }
        }
        Assert.That(json.Out + csv.Out, Does.Not.Contain("NaN").And.Not.Contain("Infinity").And.Not.Contain("E+").And.Not.Contain("E-"));
    }

    /// <summary>Field names carry units, and a missing value is null: a few the issue names.</summary>
    [Test]
    public async Task FieldNamesCarryUnitsAndMissingValuesAreNull()
    {
        var limit = await Run([.. Commands["limit"], "--json"]);
        var rows = limit.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.That(rows.Select(r => r.GetProperty("m_chi_MeV").GetDouble()), Is.EqualTo(new[] { 1.0, Math.Sqrt(12), 12.0 }).Within(1e-12).Percent);
        Assert.That(rows[0].GetProperty("ybar_90CL").GetDouble(), Is.GreaterThan(1e-6).And.LessThan(1e-4), "CONUS sensitivity at m_χ = 1 MeV");
        Assert.That(rows[2].GetProperty("ybar_90CL").ValueKind, Is.EqualTo(JsonValueKind.Null), "no constraint above the reactor spectrum");
        var xsec = await Run([.. Commands["xsec"], "--json"]);
        var first = JsonDocument.Parse(xsec.Out.Split('\n')[0]).RootElement;
        Assert.That(first.GetProperty("dsigma_dT_SM_cm2_per_keV").GetDouble(), Is.GreaterThan(1e-40).And.LessThan(1e-37), "CEvNS on CsI at 30 MeV");
        Assert.That(first.GetProperty("T_keV").GetDouble(), Is.GreaterThan(0));
    }

    /// <summary>A figure run with --json: its summary rows on standard output, the progress on standard error.</summary>
    [Test]
    public async Task AFigureRunPrintsOnlyJsonOnStandardOutput()
    {
        var dir = CliRun.TempPath("figures-json");
        try
        {
            var r = await Run(["figures", "--out", dir, "--only", "seed001-fig2", "--json"]);
            Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
            var row = JsonDocument.Parse(r.Out.Trim()).RootElement;
            Assert.That(row.GetProperty("id").GetString(), Is.EqualTo("seed001-fig2"));
            Assert.That(row.GetProperty("status").GetString(), Is.EqualTo("written"));
            Assert.That(row.GetProperty("seconds").GetDouble(), Is.GreaterThan(0));
            Assert.That(File.Exists(Path.Combine(dir, "seed001-fig2.pdf")));
        }
        finally
        {
            CliRun.Delete(dir);
        }
    }

    [TestCaseSource(nameof(CommandNames))]
    public async Task CsvAndJsonTogetherAreRefused(string name)
    {
        var r = await Run([.. Commands[name], "--csv", "--json"]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("--csv and --json cannot be combined"));
        Assert.That(r.Out, Is.Empty);
    }

    /// <summary>A console set up for a redirected stream or NO_COLOR writes no escape codes; the same console otherwise does.</summary>
    [TestCase(true, false)]
    [TestCase(false, true)]
    public void PlainConsolesWriteNoEscapeCodes(bool redirected, bool noColor)
    {
        static (IAnsiConsole Console, StringWriter Text) Terminal()
        {
            var w = new StringWriter();
            return (AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(w), Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.TrueColor }), w);
        }
        var (ansi, ansiText) = Terminal();
        ansi.MarkupLine("[bold red]error:[/] x");
        Assert.That(ansiText.ToString(), Does.Contain("\u001b["), "a terminal gets colours (the test can fail)");
        var (plain, plainText) = Terminal();
        CommandLine.Plain(plain, redirected, noColor);
        plain.MarkupLine("[bold red]error:[/] x");
        plain.Write(new Table().AddColumn("a").AddRow("[green]1[/]"));
        Assert.That(plainText.ToString(), Does.Not.Contain("\u001b"));
        Assert.That(plainText.ToString(), Does.StartWith("error: x"));
    }

    private static (int Exit, string Out, string Error) Process(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nudm.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["NUDM_CACHE"] = TestCacheFolder.Path;
        start.Environment.Remove("NO_COLOR");
        using var p = System.Diagnostics.Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output.Result, error);
    }

    /// <summary>
    /// The program itself, its output redirected to a pipe: no escape codes on standard output or standard error (they
    /// were there: <c>nudm kd … &gt; f; cat -v f</c> showed ^[[1m), tables sized to their content, and a table wider
    /// than 140 columns not wrapped.
    /// </summary>
    [Test]
    public void RedirectedOutputIsPlainAndUnwrapped()
    {
        var kd = Process("kd", "--mx", "1", "--ratio", "3", "--yx", "0.1");
        Assert.That(kd.Exit, Is.EqualTo(0), kd.Error);
        Assert.That(kd.Out, Does.Contain("T_KD = 0.1589 keV").And.Not.Contain("\u001b"));
        var bad = Process("kd", "--mx", "-1");
        Assert.That(bad.Exit, Is.EqualTo(2));
        Assert.That(bad.Error, Does.StartWith("error:").And.Not.Contain("\u001b"));

        var kinematics = Process("kinematics", "--target", "Ge", "--enu", "5", "--mchi", "3");
        var border = kinematics.Out.Split('\n').First(l => l.StartsWith('╭'));
        Assert.That(border.Length, Is.LessThan(110), "sized to its content, not stretched to a console width");

        var list = Process("figures", "--list");
        var lines = list.Out.Split('\n').Where(l => l.StartsWith('│')).ToList();
        Assert.That(lines.Max(l => l.Length), Is.GreaterThan(140), "the table is wider than the old forced width");
        Assert.That(lines, Has.Some.Contains("seed000-fig4").And.Contains("(no Super-K limit data: see README)"), "a long title stays on its line");
        Assert.That(lines.Select(l => l.Length).Distinct().Count(), Is.EqualTo(1), "every line of the table is one row: nothing wrapped");
    }
}
