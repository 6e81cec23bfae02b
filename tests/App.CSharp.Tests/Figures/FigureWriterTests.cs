using System.Globalization;
using CsvHelper;
using NuDM.App.Figures;
using NUnit.Framework;

namespace NuDM.App.Tests.Figures;

public class FigureWriterTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Path.Combine(Path.GetTempPath(), "nudm-writer-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static List<Dictionary<string, string>> ReadCsv(string text)
    {
        using var reader = CsvReader.FromText(text, CsvReaderOptions.Default with { Separator = ',' });
        var header = reader.Headers.ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
            rows.Add(header.Select((h, i) => (h, reader.GetString(i))).ToDictionary(p => p.h, p => p.Item2));
        return rows;
    }

    private static readonly double[] Awkward =
        [0.1, 1.0 / 3, 1e-300, double.Epsilon, 123456789.123456789, -2.5e-17, Math.PI * 1e40, 5e-324, -0.0, 1.7976931348623157e308];

    [Test]
    public void CsvRoundTripsEveryValueExactlyWithOneRowPerPoint()
    {
        var x = Awkward;
        var y = Awkward.Reverse().ToArray();
        var f = Figure.Stack(
        [
            new Panel { Series = [new LineSeries(x, y, "line, with \"comma\""), new LineSeries([1, 2], [double.NaN, double.PositiveInfinity])] },
            new Panel { Series = [new BandSeries(x, y, x, "band")] },
        ]);
        var files = FigureWriter.Write(f, _dir, "roundtrip");
        var text = File.ReadAllText(files.CsvPath);
        Assert.That(text.Split('\n')[0], Is.EqualTo("panel,series,kind,x,y,y_low,y_high,x_low,x_high"));
        Assert.That(text, Does.Not.Contain("\r"));
        var rows = ReadCsv(text);
        Assert.That(rows, Has.Count.EqualTo(x.Length + 2 + x.Length));
        static double P(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        for (var i = 0; i < x.Length; i++)
        {
            var r = rows[i];
            Assert.That((r["panel"], r["series"], r["kind"]), Is.EqualTo(("0", "line, with \"comma\"", "line")));
            Assert.That(BitConverter.DoubleToInt64Bits(P(r["x"])), Is.EqualTo(BitConverter.DoubleToInt64Bits(x[i])), $"x[{i}]");
            Assert.That(BitConverter.DoubleToInt64Bits(P(r["y"])), Is.EqualTo(BitConverter.DoubleToInt64Bits(y[i])), $"y[{i}]");
            Assert.That(r["y_low"] + r["y_high"] + r["x_low"] + r["x_high"], Is.Empty);
        }
        Assert.That(rows[x.Length]["series"], Is.EqualTo("#1"), "unlabelled series are named by index");
        // a NaN or infinite y is a gap in the line, not a value: an empty cell (never "NaN" or "Infinity")
        Assert.That(rows[x.Length]["y"], Is.Empty);
        Assert.That(rows[x.Length + 1]["y"], Is.Empty);
        for (var i = 0; i < x.Length; i++)
        {
            var r = rows[x.Length + 2 + i];
            Assert.That((r["panel"], r["kind"], r["y"]), Is.EqualTo(("1", "band", "")));
            Assert.That(P(r["y_low"]), Is.EqualTo(y[i]));
            Assert.That(P(r["y_high"]), Is.EqualTo(x[i]));
        }
    }

    [Test]
    public void PointAndStepRowsCarryErrorEndsAndBinEdges()
    {
        var f = Figure.Single(new Panel
        {
            Series =
            [
                new PointSeries([1, 2], [10, 20], yErrorMinus: [1, double.NaN], yErrorPlus: [2, 3], label: "data"),
                new StepSeries([0, 1, 3], [5, 6], "hist"),
            ],
        });
        var rows = ReadCsv(FigureWriter.DataCsv(f));
        Assert.That(rows.Select(r => (r["kind"], r["x"], r["y"], r["y_low"], r["y_high"], r["x_low"], r["x_high"])), Is.EqualTo(new[]
        {
            ("points", "1", "10", "9", "12", "", ""),
            ("points", "2", "20", "", "23", "", ""),
            ("step", "0.5", "5", "", "", "0", "1"),
            ("step", "2", "6", "", "", "1", "3"),
        }));
    }

    [Test]
    public void WriteCreatesTheDirectoryAndIsByteIdenticalAcrossRuns()
    {
        var f = ExampleFigures.ExclusionGrid();
        var a = FigureWriter.Write(f, Path.Combine(_dir, "one", "deeper"), "fig");
        var b = FigureWriter.Write(f, Path.Combine(_dir, "two"), "fig");
        Assert.That(a.SvgPath, Is.EqualTo(Path.Combine(_dir, "one", "deeper", "fig.svg")));
        Assert.That(File.ReadAllBytes(a.SvgPath), Is.EqualTo(File.ReadAllBytes(b.SvgPath)));
        Assert.That(File.ReadAllBytes(a.CsvPath), Is.EqualTo(File.ReadAllBytes(b.CsvPath)));
        Assert.That(File.ReadAllBytes(a.SvgPath).Take(3), Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "no byte order mark");
    }

    [TestCase("")]
    [TestCase("sub/dir")]
    [TestCase("..")]
    public void BadBaseNamesAreRejected(string baseName)
    {
        var ex = Assert.Throws<ArgumentException>(() => FigureWriter.Write(ExampleFigures.DataOverHistogram(), _dir, baseName));
        Assert.That(ex!.ParamName, Is.EqualTo("baseName"));
    }
}
