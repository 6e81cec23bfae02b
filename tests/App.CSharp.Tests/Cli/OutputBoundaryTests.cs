using NuDM.App.Cli;
using NuDM.App.Figures;
using NUnit.Framework;

namespace NuDM.App.Tests.Cli;

/// <summary>
/// The output boundary: no NaN or Infinity is ever printed. A missing value ("no constraint") is an empty CSV cell or
/// "—"; a non-finite value where one is required is an error naming the computation and its inputs; failures that
/// are not bugs exit with code 2, bugs with code 1.
/// </summary>
[NonParallelizable]
public class OutputBoundaryTests
{
    [Test]
    public void RequiredValuesMustBeFiniteAndOptionalOnesMayBeMissing()
    {
        var o = new Results("test", "--x 1");
        Assert.That(o.Value(2.5, "q"), Is.EqualTo(2.5));
        Assert.That(o.Optional(double.NaN, "q"), Is.Null);
        Assert.That(o.OptionalText(double.NaN, "q"), Is.EqualTo("—"));
        Assert.That(o.Text(1234.6, "q"), Is.EqualTo("1235"));
        Assert.That(o.Text(9.0431e-5, "q"), Is.EqualTo("9.043e-05"));
        var e = Assert.Throws<NonFiniteResultException>(() => o.Value(double.NaN, "dσ/dT"))!;
        Assert.That(e.Message, Does.Contain("test").And.Contain("dσ/dT").And.Contain("NaN").And.Contain("--x 1"));
        Assert.Throws<NonFiniteResultException>(() => o.Optional(double.PositiveInfinity, "q"));
        Assert.Throws<NonFiniteResultException>(() => o.Positive(0.0, "T_max"));
    }

    [Test]
    public void ANonFiniteResultIsReportedAsABugNamingItsInputs()
    {
        var err = new StringWriter();
        var old = CommandLine.Error;
        CommandLine.Error = CliRun.Plain(err);
        try
        {
            int exit = CommandLine.Report(new NonFiniteResultException("xsec", "dσ/dT", double.NaN, "--enu 30"));
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(err.ToString(), Does.Contain("internal error").And.Contain("--enu 30").And.Contain("bug"));
        }
        finally
        {
            CommandLine.Error = old;
        }
    }

    /// <summary>Parallel loops wrap their failures: the cause decides the exit code (relic --to 1e308 was "internal error").</summary>
    [Test]
    public void FailuresInsideParallelLoopsAreReportedByTheirCause()
    {
        var old = CommandLine.Error;
        CommandLine.Error = CliRun.Plain(new StringWriter());
        try
        {
            Assert.That(CommandLine.Report(new AggregateException(new ArgumentOutOfRangeException("mass", "mass must be in (0, 1e9] MeV"))), Is.EqualTo(2));
            Assert.That(CommandLine.Report(new AggregateException(new OperationCanceledException(), new IOException("disk full"))), Is.EqualTo(2));
            Assert.That(CommandLine.Report(new AggregateException(new InvalidOperationException("bug"))), Is.EqualTo(1));
            Assert.That(CommandLine.Report(new UnauthorizedAccessException("Access to the path '/x' is denied.")), Is.EqualTo(2));
        }
        finally
        {
            CommandLine.Error = old;
        }
    }

    /// <summary>"No constraint" points are empty cells in the limit CSV (they are documented so) and "—"-free notes in the table.</summary>
    [Test]
    public async Task NoConstraintIsAnEmptyCsvCell()
    {
        var cache = CliRun.TempPath("cache");
        Environment.SetEnvironmentVariable("NUDM_CACHE", cache);
        try
        {
            var r = await CliRun.Capture(["limit", "--experiment", "conus", "--vary", "mchi", "--from", "1", "--to", "12", "--points", "3", "--csv"]);
            Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
            var lines = r.Out.TrimEnd('\n').Split('\n');
            Assert.That(lines[0], Is.EqualTo("m_chi_MeV,ybar_90CL,status"));
            Assert.That(lines[^1], Does.StartWith("12,,no constraint"), "m_χ = 12 MeV is above the reactor spectrum");
            Assert.That(r.Out, Does.Not.Contain("NaN").And.Not.Contain("Infinity"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("NUDM_CACHE", TestCacheFolder.Path);
            CliRun.Delete(cache);
        }
    }

    /// <summary>The CSV and JSON writer: NaN is no value (an empty cell, null), an infinity is never a value but a bug naming its column.</summary>
    [Test]
    public void TheRecordWriterWritesNoNaNAndRefusesInfinity()
    {
        var o = new Results("test", "--x 1");
        var w = new StringWriter();
        o.Write(w, OutputFormat.Csv, ["a", "b"], [[1.0, double.NaN]]);
        Assert.That(w.ToString(), Is.EqualTo("a,b\n1,\n"));
        w = new StringWriter();
        o.Write(w, OutputFormat.Json, ["a", "b"], [[1.0, double.NaN]]);
        Assert.That(w.ToString(), Is.EqualTo("{\"a\":1,\"b\":null}\n"));
        foreach (var format in new[] { OutputFormat.Csv, OutputFormat.Json })
        {
            var e = Assert.Throws<NonFiniteResultException>(() => o.Write(new StringWriter(), format, ["sigma_cm2"], [[double.PositiveInfinity]]))!;
            Assert.That(e.Message, Does.Contain("sigma_cm2").And.Contain("--x 1"));
        }
    }

    /// <summary>
    /// A band side at ±∞ reaches the plot edge (as BandSeries documents), so its CSV cell is that edge: the panel's
    /// fixed y limit; a gap (NaN) in a line is an empty cell.
    /// </summary>
    [Test]
    public void FigureCsvWritesBandEdgesAsThePlotEdgeAndGapsAsEmptyCells()
    {
        var f = Figure.Single(new Panel
        {
            Y = Axis.Log("y", 1e-5, 1e2),
            Series =
            [
                new BandSeries([1, 8], [1e-6, 1e-6], [double.PositiveInfinity, double.PositiveInfinity], "open above"),
                new BandSeries([1, 8], [double.NegativeInfinity, double.NegativeInfinity], [1, 1], "open below"),
                new LineSeries([1, 2, 3], [1, double.NaN, 3], "with a gap"),
            ],
        });
        var csv = FigureWriter.DataCsv(f);
        Assert.That(csv, Does.Not.Contain("NaN").And.Not.Contain("Infinity").And.Not.Contain("∞"));
        var rows = csv.TrimEnd('\n').Split('\n').Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.That(rows[0][6], Is.EqualTo("100"), "y_high of a band open above = the axis maximum");
        Assert.That(rows[2][5], Is.EqualTo("1e-05"), "y_low of a band open below = the axis minimum");
        Assert.That(rows[5][4], Is.Empty, "a gap in a line");
    }
}
