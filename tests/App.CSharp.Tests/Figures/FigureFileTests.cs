using System.Text;
using System.Xml.Linq;
using NuDM.App.Figures;
using NUnit.Framework;
using SkiaSharp;

namespace NuDM.App.Tests.Figures;

/// <summary>Every figure is written as SVG, PDF, PNG and CSV, each file readable as what it claims to be. Set
/// NUDM_FIGURE_DIR to keep the files for viewing.</summary>
public class FigureFileTests
{
    private string _dir = "";
    private bool _keep;

    [SetUp]
    public void SetUp()
    {
        var env = Environment.GetEnvironmentVariable("NUDM_FIGURE_DIR");
        _keep = !string.IsNullOrEmpty(env);
        _dir = _keep ? env! : Path.Combine(Path.GetTempPath(), "nudm-figures-" + Guid.NewGuid().ToString("N"));
    }

    [TearDown]
    public void TearDown()
    {
        if (!_keep && Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static int Count(string text, string what) => (text.Length - text.Replace(what, "").Length) / what.Length;

    [Test]
    public void EveryExampleIsWrittenInFourReadableFormats()
    {
        foreach (var (name, figure) in ExampleFigures.All())
        {
            var files = FigureWriter.Write(figure, _dir, name);
            Assert.That(files.All.Select(Path.GetFileName), Is.EqualTo(FigureWriter.Extensions.Select(e => name + e)));
            var svg = XDocument.Load(files.SvgPath).Root!;
            Assert.That(svg.Name.LocalName, Is.EqualTo("svg"), name);
            Assert.That(((double)svg.Attribute("width")!, (double)svg.Attribute("height")!), Is.EqualTo((figure.Width, figure.Height)), name);
            var pdf = Encoding.Latin1.GetString(File.ReadAllBytes(files.PdfPath));
            Assert.That(pdf, Does.StartWith("%PDF-"), name);
            Assert.That(Count(pdf, "/Type /Page") - Count(pdf, "/Type /Pages"), Is.EqualTo(1), name + ": one page");
            Assert.That(pdf, Does.Contain("/FontFile2"), name + ": the font is embedded");
            using var png = SKBitmap.Decode(files.PngPath);
            Assert.That((png.Width, png.Height), Is.EqualTo(((int)(2 * figure.Width), (int)(2 * figure.Height))), name + ": PNG at twice the figure's pixels");
            var points = figure.Panels.Sum(p => p.Series.Sum(s => s.Count));
            Assert.That(File.ReadAllLines(files.CsvPath), Has.Length.EqualTo(points + 1), name + ": one CSV row per point plus the header");
        }
    }

    [Test]
    public void TheSameFigureGivesTheSameBytes()
    {
        var f = ExampleFigures.ExclusionGrid();
        var a = FigureWriter.Write(f, Path.Combine(_dir, "a"), "fig");
        var b = FigureWriter.Write(f, Path.Combine(_dir, "b"), "fig");
        foreach (var (x, y) in a.All.Zip(b.All))
            Assert.That(File.ReadAllBytes(y), Is.EqualTo(File.ReadAllBytes(x)), Path.GetExtension(x));
    }

    [Test]
    public void TextIsDrawnWithTheShippedFont()
    {
        // Only a title: every dark pixel of the PNG is text, and the title band is where it must be.
        var f = Figure.Single(new Panel(), "σ_{NC} [cm^{2}] ȳ χ ν ⁸B") with { Width = 400, Height = 200 };
        using var png = SKBitmap.Decode(FigureExport.Png(f));
        var band = (int)(2 * PlotModels.TitleBand(f));
        var dark = 0;
        for (var y = 0; y < band; y++)
            for (var x = 0; x < png.Width; x++)
                if (png.GetPixel(x, y).Red < 128) dark++;
        Assert.That(dark, Is.GreaterThan(200), "the title is drawn");
        Assert.That(FigureExport.Typeface.FamilyName, Is.EqualTo("DejaVu Sans"));
        Assert.That(FigureExport.TextWidth("σ", 12), Is.GreaterThan(4).And.LessThan(12), "measured with the shipped font");
    }

    private static int DarkPixels(Figure f, int x0, int y0, int x1, int y1)
    {
        using var png = SKBitmap.Decode(FigureExport.Png(f));
        var dark = 0;
        for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++)
                if (png.GetPixel(x, y).Red < 128) dark++;
        return dark;
    }

    [Test]
    public void AnnotationsAreDrawn()
    {
        // A first version drew annotations at the plot element's own (unset) font size, i.e. not at all.
        Figure Make(params Annotation[] a) =>
            Figure.Single(new Panel { X = Axis.Linear("", 0, 1), Y = Axis.Linear("", 0, 1), Annotations = [.. a] }) with { Width = 300, Height = 300 };
        var text = new Annotation(0.5, 0.5, "CONUS") { Coordinates = AnnotationCoordinates.Axes };
        var data = new Annotation(0.5, 0.5, "CONUS");
        Assert.That(DarkPixels(Make(), 150, 150, 450, 330), Is.Zero, "an empty plot area");
        Assert.That(DarkPixels(Make(text), 150, 150, 450, 330), Is.GreaterThan(100), "axes coordinates");
        Assert.That(DarkPixels(Make(data), 150, 150, 450, 330), Is.GreaterThan(100), "data coordinates");
    }

    [Test]
    public void TheShippedFontHasEveryCharacterTheLabelsUse()
    {
        // The examples' texts and the characters of the papers' figures (Greek, scripts, signs).
        var texts = ExampleFigures.All().SelectMany(e => e.Figure.Panels.SelectMany(p =>
            new[] { e.Figure.Title, p.Title, p.X.Label, p.Y.Label }.Concat(p.Series.Select(s => s.Label)).Concat(p.Annotations.Select(a => a.Text))))
            .Append("χ σ ν φ μ γ π θ Φ Ω ȳ α √ → − × ≤ ≥ ± ⁸ ⁻ ¹²³ – — ′ é");
        var missing = texts.SelectMany(TextMarkup.ToMathText).Distinct().Where(c => !char.IsWhiteSpace(c) && !FigureExport.Typeface.ContainsGlyphs(c.ToString())).ToList();
        Assert.That(missing, Is.Empty);
    }
}
