using System.Globalization;
using System.Text;
using OxyPlot;
using OxyPlot.SkiaSharp;
using SkiaSharp;
using Argument = NuDM.Physics.Argument;

namespace NuDM.App.Figures;

/// <summary>The files written for a figure: the picture as SVG, PDF and PNG, and its data as CSV (full paths).</summary>
public sealed record FigureFiles(string SvgPath, string PdfPath, string PngPath, string CsvPath)
{
    /// <summary>All four paths, in the order of <see cref="FigureWriter.Extensions"/>.</summary>
    public IReadOnlyList<string> All => [SvgPath, PdfPath, PngPath, CsvPath];
}

/// <summary>
/// Writes a figure as SVG, PDF and PNG (<see cref="FigureExport"/>) plus the CSV of its plotted data, written as every CSV of
/// the program (<see cref="Results.Write"/>): numbers parse back to the identical doubles (<see cref="Numbers.Exact"/>).
/// </summary>
/// <example><code>var files = FigureWriter.Write(figure, "out", "seed001-fig2"); // seed001-fig2.svg, .pdf, .png, .csv</code></example>
public static class FigureWriter
{
    /// <summary>
    /// The columns of a figure's data CSV, one row per point (per bin of a step series): <c>panel</c> (0-based),
    /// <c>series</c> (label, or <c>#i</c> for an unlabelled series at index i of its panel), <c>kind</c> (line, band, points,
    /// step), <c>x</c>, <c>y</c>, <c>y_low</c>, <c>y_high</c>, <c>x_low</c>, <c>x_high</c>. Bands leave <c>y</c> empty; points
    /// give the absolute ends of their error bars (y − minus, y + plus); steps give the bin centre as <c>x</c> and the bin
    /// edges as <c>x_low</c>, <c>x_high</c>. A map's cells (<see cref="CellSeries"/>) give their centre in x, their value in y
    /// and their edges in x_low/x_high and y_low/y_high. Cells that do not apply are empty, and so are missing values: NaN or ±∞ in a
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
        Argument.That(!string.IsNullOrWhiteSpace(directory), nameof(directory), "directory must not be empty.");
        Argument.That(!string.IsNullOrWhiteSpace(baseName), nameof(baseName), "baseName must not be empty.");
        Argument.That(baseName is not ("." or "..") && baseName.IndexOfAny([.. Path.GetInvalidFileNameChars(), '/', '\\']) < 0, nameof(baseName),
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
        static double? Cell(double v) => double.IsFinite(v) ? v : null;
        var rows = figure.Panels.SelectMany((panel, p) => panel.Series.SelectMany((series, s) => series.Rows().Select(r =>
        {
            double? Edge(double v) => series is BandSeries && double.IsInfinity(v) ? (v > 0 ? panel.Y.Max : panel.Y.Min) : Cell(v);
            return (IReadOnlyList<object?>)[p, series.Label.Length > 0 ? series.Label : "#" + s.ToString(CultureInfo.InvariantCulture), series.Kind,
                Cell(r.X), Cell(r.Y), Edge(r.YLow), Edge(r.YHigh), Cell(r.XLow), Cell(r.XHigh)];
        })));
        var text = new StringWriter(CultureInfo.InvariantCulture);
        new Results("figure data", figure.Title).Write(text, OutputFormat.Csv, DataColumns, rows);
        return text.ToString();
    }
}

/// <summary>
/// Renders a <see cref="Figure"/> (through <see cref="PlotModels"/>) as SVG (OxyPlot's managed SVG writer, text as text),
/// PDF (SkiaSharp's PDF document, the font embedded) and PNG (SkiaSharp raster). Text in PNG and PDF, and text
/// measurement for all three, use DejaVu Sans shipped inside this assembly (Figures/Fonts), so they do not depend on the
/// fonts of the machine. The same figure always gives the same SVG and PNG bytes.
/// </summary>
internal static class FigureExport
{
    /// <summary>PNG pixels per figure pixel, and PDF points per figure pixel (a figure pixel is 1/96 in, a point 1/72 in).</summary>
    public const float PngScale = 2, PdfScale = 0.75f;
    private static readonly Lazy<SKTypeface> Face = new(() => SKTypeface.FromData(SKData.Create(typeof(FigureExport).Assembly.GetManifestResourceStream("NuDM.App.Figures.DejaVuSans.ttf")
        ?? throw new InvalidOperationException("the embedded font NuDM.App.Figures.DejaVuSans.ttf is missing from the assembly."))));
    internal static SKTypeface Typeface => Face.Value;

    public static byte[] Svg(Figure figure, IReadOnlyList<PlotModels.Placed>? placed = null)
    {
        using var ms = new MemoryStream();
        using (var measurer = new FontContext())
        using (var rc = new SvgContext(ms, figure.Width, figure.Height, measurer))
        {
            Draw(figure, rc, placed);
            rc.Complete();
        }
        // xml:space keeps the spaces at the ends of text pieces (OxyPlot writes "m", "χ", " [MeV]" as separate texts).
        var svg = Encoding.UTF8.GetString(ms.ToArray()).TrimStart('\uFEFF');
        return new UTF8Encoding(false).GetBytes(svg.Insert(svg.IndexOf("<svg ", StringComparison.Ordinal) + 5, "xml:space=\"preserve\" "));
    }

    public static byte[] Png(Figure figure, IReadOnlyList<PlotModels.Placed>? placed = null)
    {
        using var bitmap = new SKBitmap((int)Math.Round(figure.Width * PngScale), (int)Math.Round(figure.Height * PngScale));
        using (var canvas = new SKCanvas(bitmap))
        using (var rc = new FontContext { SkCanvas = canvas, DpiScale = PngScale, RenderTarget = RenderTarget.PixelGraphic })
        {
            canvas.Clear(SKColors.White);
            Draw(figure, rc, placed);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A one-page PDF with the font embedded; fixed dates, so the same figure gives the same bytes.</summary>
    public static byte[] Pdf(Figure figure, IReadOnlyList<PlotModels.Placed>? placed = null)
    {
        using var ms = new MemoryStream();
        var date = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using (var doc = SKDocument.CreatePdf(ms, new SKDocumentPdfMetadata { Title = TextMarkup.ToPlainText(figure.Title), Creator = "nudm", Producer = "nudm", Creation = date, Modified = date }))
        {
            using (var rc = new FontContext { SkCanvas = doc.BeginPage((float)figure.Width * PdfScale, (float)figure.Height * PdfScale), DpiScale = PdfScale, RenderTarget = RenderTarget.VectorGraphic })
            {
                rc.DrawRectangle(new OxyRect(0, 0, figure.Width, figure.Height), OxyColors.White, OxyColors.Undefined, 0, EdgeRenderingMode.Automatic);
                Draw(figure, rc, placed);
            }
            doc.EndPage();
            doc.Close();
        }
        return ms.ToArray();
    }

    /// <summary>Renders a model into a throw-away canvas of the given size (its plot area is then known) and returns its margins.</summary>
    internal static OxyThickness MeasureMargins(PlotModel model, double width, double height)
    {
        using var canvas = new SKNoDrawCanvas((int)Math.Ceiling(width), (int)Math.Ceiling(height));
        using var rc = new FontContext { SkCanvas = canvas };
        Render(model, rc, new OxyRect(0, 0, width, height));
        return model.ActualPlotMargins;
    }

    /// <summary>The width in pixels of a text in <see cref="TextMarkup"/> at a font size in pixels.</summary>
    internal static double TextWidth(string markup, double fontSize)
    {
        using var rc = new FontContext();
        return rc.MeasureMathText(TextMarkup.ToMathText(markup), PlotModels.Font, fontSize, FontWeights.Normal).Width;
    }

    private static void Draw(Figure figure, IRenderContext rc, IReadOnlyList<PlotModels.Placed>? placed)
    {
        if (figure.Title.Length > 0)
            rc.DrawMathText(new ScreenPoint(figure.Width / 2, 0.5 * PlotModels.FontSize), TextMarkup.ToMathText(figure.Title), OxyColors.Black,
                PlotModels.Font, PlotModels.Fit(figure.Title, 1.25 * PlotModels.FontSize, figure.Width - 16), FontWeights.Normal, 0, HorizontalAlignment.Center, VerticalAlignment.Top);
        foreach (var (model, rect) in placed ?? PlotModels.Arrange(figure)) Render(model, rc, rect);
    }

    private static void Render(IPlotModel model, IRenderContext rc, OxyRect rect)
    {
        model.Update(true);
        model.Render(rc, rect);
    }

    /// <summary>OxyPlot's SVG context, with dash lengths scaled by the stroke width as the Skia context does (OxyPlot's convention).</summary>
    private sealed class SvgContext(Stream s, double width, double height, IRenderContext measurer)
        : SvgRenderContext(s, width, height, true, measurer, OxyColors.White, true)
    {
        private static double[]? Scale(double[]? dashes, double stroke) => dashes?.Select(d => d * stroke).ToArray();

        public override void DrawLine(IList<ScreenPoint> points, OxyColor stroke, double thickness, EdgeRenderingMode mode, double[]? dashArray, LineJoin lineJoin) =>
            base.DrawLine(points, stroke, thickness, mode, Scale(dashArray, thickness), lineJoin);

        public override void DrawPolygon(IList<ScreenPoint> points, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode mode, double[]? dashArray, LineJoin lineJoin) =>
            base.DrawPolygon(points, fill, stroke, thickness, mode, Scale(dashArray, thickness), lineJoin);
    }

    /// <summary>
    /// OxyPlot's Skia render context with its two text methods re-implemented on the shipped typeface (OxyPlot.SkiaSharp 2.2
    /// looks fonts up by family name in the system's font manager, which has none on a machine without fonts). OxyPlot calls
    /// them through <see cref="IRenderContext"/>, so the re-implementation receives every text.
    /// </summary>
    private sealed class FontContext : SkiaRenderContext, IRenderContext
    {
        public FontContext() => UseTextShaping = false;

        private SKPaint Paint(double fontSize, OxyColor color) => new()
        {
            Typeface = Typeface, TextSize = (float)fontSize * DpiScale, IsAntialias = true, SubpixelText = true,
            Color = new SKColor(color.R, color.G, color.B, color.A),
        };

        public new OxySize MeasureText(string text, string? fontFamily, double fontSize, double fontWeight)
        {
            using var paint = Paint(fontSize, OxyColors.Black);
            return string.IsNullOrEmpty(text) ? OxySize.Empty : new OxySize(paint.MeasureText(text) / DpiScale, paint.FontSpacing / DpiScale);
        }

        public new void DrawText(ScreenPoint p, string text, OxyColor fill, string? fontFamily, double fontSize, double fontWeight,
            double rotation, HorizontalAlignment horizontalAlignment, VerticalAlignment verticalAlignment, OxySize? maxSize)
        {
            if (string.IsNullOrEmpty(text) || !fill.IsVisible()) return;
            using var paint = Paint(fontSize, fill);
            var m = paint.FontMetrics;
            var width = paint.MeasureText(text);
            var dx = horizontalAlignment switch { HorizontalAlignment.Center => -width / 2, HorizontalAlignment.Right => -width, _ => 0 };
            var dy = verticalAlignment switch { VerticalAlignment.Top => -m.Ascent, VerticalAlignment.Middle => -(m.Ascent + m.Descent) / 2, _ => -m.Descent };
            SkCanvas.Save();
            SkCanvas.Translate((float)p.X * DpiScale, (float)p.Y * DpiScale);
            SkCanvas.RotateDegrees((float)rotation);
            SkCanvas.DrawText(text, dx, dy, paint);
            SkCanvas.Restore();
        }
    }
}
