using NuDM.App.Figures;

namespace NuDM.App.Tests.Figures;

/// <summary>Example figures of each kind the papers need, built from smooth made-up data.</summary>
internal static class ExampleFigures
{
    private static double[] Range(double a, double b, int n) =>
        Enumerable.Range(0, n).Select(i => a + (b - a) * i / (n - 1)).ToArray();

    private static double[] LogRange(double a, double b, int n) =>
        Enumerable.Range(0, n).Select(i => a * Math.Pow(b / a, (double)i / (n - 1))).ToArray();

    /// <summary>(a) Ratio N_i/N_i^SM above a binned spectrum, stacked with a shared recoil-energy axis.</summary>
    public static Figure StackedRatioSpectrum()
    {
        var edges = Range(0, 48, 25);
        var centres = edges.Zip(edges.Skip(1), (a, b) => (a + b) / 2).ToArray();
        double Sm(double t) => 1000 * Math.Exp(-t / 12);
        double Bsm(double t, double g) => Sm(t) * (1 + g * Math.Pow(4 / (t + 4), 2));
        var couplings = new[] { 0.05, 0.12, 0.25 };
        var ratio = new Panel
        {
            X = Axis.Linear("T [keV]"),
            Y = Axis.Linear("N_{i}/N_{i}^{SM}"),
            Series = [.. couplings.Select((g, k) => (Series)new StepSeries(edges, centres.Select(t => Bsm(t, g) / Sm(t)), $"g_{{μ}} = {g:0.00}") { Width = 1 + k })],
            ReferenceLines = [new ReferenceLine(Orientation.Horizontal, 1.0)],
            Legend = LegendPosition.UpperRight,
        };
        var spectrum = new Panel
        {
            X = Axis.Linear("T [keV]"),
            Y = Axis.Linear("dN/dT [arb. units]") with { IncludeZero = true },
            Series =
            [
                new StepSeries(edges, centres.Select(Sm), "SM") { Filled = true, Color = Palette.Grey },
                new StepSeries(edges, centres.Select(t => Bsm(t, 0.25)), "SM + Z′ (g_{μ} = 0.25)") { Color = Palette.Vermillion },
            ],
            Legend = LegendPosition.UpperRight,
        };
        return Figure.Stack([ratio, spectrum], [1, 2]) with { Title = "Xenon, coherent elastic ν–nucleus scattering", Height = 560 };
    }

    /// <summary>(b) 2×2 grid of 90% CL exclusion curves on log–log axes with shaded excluded regions.</summary>
    public static Figure ExclusionGrid()
    {
        var m = LogRange(0.1, 1000, 81);
        var names = new[] { "Xenon", "Argon", "Germanium", "Combined" };
        var panels = names.Select((name, k) =>
        {
            var scale = Math.Pow(2.5, k);
            double Limit(double x, double a) => a * 1e-5 / scale * Math.Sqrt(1 + Math.Pow(x / (3 + 10 * k), 2)) * (1 + 0.3 * Math.Sin(Math.Log(x)));
            var y1 = m.Select(x => Limit(x, 1)).ToArray();
            var y2 = m.Select(x => Limit(x, 2.2) * (x > 300 ? double.NaN : 1)).ToArray();
            return new Panel
            {
                Title = name,
                X = Axis.Log("m_{S} [MeV]", 0.1, 1000),
                Y = Axis.Log("ȳ", 1e-6, 1e-2),
                Series =
                [
                    new BandSeries(m, y1, m.Select(_ => double.PositiveInfinity), "excluded (90% CL)") { Color = Palette.Blue, FillOpacity = 0.2 },
                    new LineSeries(m, y2, "future") { Color = Palette.Vermillion, Dash = DashPattern.Dashed },
                    new LineSeries(m, m.Select(x => 2e-6 * Math.Pow(x, 0.5)), "thermal target") { Color = Palette.Green, Dash = DashPattern.Dotted, Width = 2 },
                ],
                Legend = k == 0 ? LegendPosition.LowerRight : LegendPosition.None,
                Annotations = [new Annotation(0.04, 0.9, $"({(char)('a' + k)})") { Coordinates = AnnotationCoordinates.Axes }],
            };
        });
        return Figure.Grid(2, 2, panels) with { Title = "90% CL limits on the scalar mediator coupling", Width = 900, Height = 720 };
    }

    /// <summary>(e) Data points with asymmetric (Poisson-like) error bars over a predicted histogram.</summary>
    public static Figure DataOverHistogram()
    {
        var edges = Range(2, 30, 15);
        var centres = edges.Zip(edges.Skip(1), (a, b) => (a + b) / 2).ToArray();
        var predicted = centres.Select(t => 40 * Math.Exp(-t / 9) + 3).ToArray();
        var observed = predicted.Select((p, i) => Math.Round(p * (1 + 0.25 * Math.Sin(3.1 * i)))).ToArray();
        var minus = observed.Select(n => Math.Sqrt(n)).ToArray();
        var plus = observed.Select(n => Math.Sqrt(n + 1) + 0.5).ToArray();
        return Figure.Single(new Panel
        {
            Title = "COHERENT-like CsI data",
            X = Axis.Linear("Recoil energy T [keV_{nr}]"),
            Y = Axis.Linear("Events / 2 keV") with { IncludeZero = true },
            Series =
            [
                new StepSeries(edges, predicted, "SM prediction") { Filled = true, Color = Palette.Blue },
                new PointSeries(centres, observed, minus, plus, "data") { Color = Palette.Black },
            ],
            Legend = LegendPosition.UpperRight,
        }) with { Width = 640, Height = 460 };
    }

    /// <summary>(c) Cross-section plane with many labelled curves and filled regions.</summary>
    public static Figure CrossSectionPlane()
    {
        var m = LogRange(1, 1000, 61);
        var curves = Enumerable.Range(0, 6).Select(k => (Series)new LineSeries(m, m.Select(x => Math.Pow(10, -46 + k * 2) * Math.Pow(x / 10, k % 2 == 0 ? -1 : 1)), $"model {k + 1}")).ToList();
        curves.Insert(0, new BandSeries(m, m.Select(x => 1e-36 * Math.Pow(x, 0.8)), m.Select(_ => double.PositiveInfinity), "excluded by BBN") { Color = Palette.Grey, FillOpacity = 0.25 });
        curves.Add(new BandSeries(m, m.Select(_ => double.NegativeInfinity), m.Select(x => 1e-48 * Math.Pow(x, 1.5)), "ν floor") { Color = Palette.Orange, FillOpacity = 0.35 });
        return Figure.Single(new Panel
        {
            X = Axis.Log("m_{X} [MeV]"),
            Y = Axis.Log("σ_{χe} [cm^{2}]", 1e-50, 1e-30),
            Series = [.. curves],
            Legend = LegendPosition.OutsideRight,
            Annotations = [new Annotation(3, 1e-33, "BBN"), new Annotation(300, 1e-47, "ν floor")],
        }, "σ vs m_{X}") with { Width = 760, Height = 520 };
    }

    /// <summary>(d) A yield over many decades on log–log axes, with a gap where the yield vanishes.</summary>
    public static Figure YieldManyDecades()
    {
        var x = LogRange(1, 1000, 200);
        var y = x.Select(v => v is > 40 and < 50 ? 0 : 1e-3 * Math.Exp(-v / 30) / v).ToArray();
        return Figure.Single(new Panel
        {
            X = Axis.Log("x = m/T"),
            Y = Axis.Log("Y(x)"),
            Series = [new LineSeries(x, y, "Y"), new LineSeries(x, x.Select(v => 1e-4 / (v * v)), "Y_{eq}") { Dash = DashPattern.Dashed }],
            Legend = LegendPosition.LowerLeft,
        });
    }

    /// <summary>All examples with their file base names.</summary>
    public static IEnumerable<(string Name, Figure Figure)> All()
    {
        yield return ("a_stacked_ratio_spectrum", StackedRatioSpectrum());
        yield return ("b_exclusion_grid", ExclusionGrid());
        yield return ("c_cross_section_plane", CrossSectionPlane());
        yield return ("d_yield", YieldManyDecades());
        yield return ("e_data_over_histogram", DataOverHistogram());
    }
}
