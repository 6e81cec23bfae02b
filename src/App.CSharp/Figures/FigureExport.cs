using System.Text;
using OxyPlot;
using OxyPlot.SkiaSharp;
using SkiaSharp;

namespace NuDM.App.Figures;

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
