using System.Globalization;
using NuDM.App.Figures;

namespace NuDM.App.Scans;

/// <summary>One cell of a 2-D map: its edges, the points in it, the profiled value and whether some point in it is allowed.</summary>
public sealed record MapCell(double XLow, double XHigh, double YLow, double YHigh, long Points, double Profile, bool Allowed);

/// <summary>A 2-D map of a store: cells over two parameters, each with the best value of an observable over the other
/// parameters (the profile) and whether any point in it satisfies every constraint.</summary>
public sealed record ScanMap(string X, string Y, bool LogX, bool LogY, string? Profile, bool Maximise, IReadOnlyList<MapCell> Cells,
    string ConstraintText, string Title)
{
    /// <summary>Lines drawn over the map (the thermal-relic coupling against m_X for each r), label → (x, y).</summary>
    public IReadOnlyList<(string Label, double[] X, double[] Y)> Lines { get; init; } = [];
}

/// <summary>
/// <c>nudm scan plot</c>: profile maps and allowed regions from a store. The plane of two parameters is cut into cells
/// (a grid parameter: one cell per grid value, edges half-way between values on its scale; otherwise <c>--bins</c> equal
/// cells on its scale). In each cell: the minimum (or maximum) of the chosen observable over every point in it — the
/// profile over the other parameters — and "allowed" when at least one point satisfies every constraint column
/// (value ≤ or ≥ its threshold; an empty cell, a constraint that does not apply there, does not exclude). Points whose
/// status is not "ok" are left out.
/// </summary>
public static class ScanPlot
{
    /// <summary>Builds the map of <paramref name="store"/> in the (<paramref name="x"/>, <paramref name="y"/>) plane.</summary>
    /// <exception cref="UserInputException">A name is not a parameter or observable of the store, or the store is empty.</exception>
    public static ScanMap Build(ScanStore store, string x, string y, string? profile, bool maximise, int bins)
    {
        var m = store.Metadata;
        var names = m.Parameters.Select(p => p.Name).ToList();
        int ix = names.IndexOf(x), iy = names.IndexOf(y);
        if (ix < 0) throw new UserInputException($"--x {x} is not a parameter of the store; its parameters: {string.Join(", ", names)}");
        if (iy < 0) throw new UserInputException($"--y {y} is not a parameter of the store; its parameters: {string.Join(", ", names)}");
        if (ix == iy) throw new UserInputException("--x and --y must be two different parameters");
        var obs = m.Observables.Select(o => o.Name).ToList();
        profile ??= obs.FirstOrDefault(o => o.StartsWith("dchi2_", StringComparison.Ordinal));
        int ip = profile is null ? -1 : obs.IndexOf(profile);
        if (profile is not null && ip < 0) throw new UserInputException($"--profile {profile} is not an observable of the store; its observables: {string.Join(", ", obs)}");
        var axes = Axes(m.Spec);
        var (xEdges, logX) = Edges(axes, x, bins);
        var (yEdges, logY) = Edges(axes, y, bins);
        int nx = xEdges.Length - 1, ny = yEdges.Length - 1;
        var count = new long[nx * ny];
        var best = new double[nx * ny];
        Array.Fill(best, double.NaN);
        var allowed = new bool[nx * ny];
        var constraints = m.Observables.Select((o, i) => (o, i)).Where(t => t.o.Sense != ConstraintSense.None).ToList();
        foreach (var row in store.Rows())
        {
            if (row.Status != PointEvaluator.Ok) continue;
            int cx = Cell(xEdges, row.Parameters[ix], logX), cy = Cell(yEdges, row.Parameters[iy], logY);
            if (cx < 0 || cy < 0) continue;
            int c = cy * nx + cx;
            count[c]++;
            if (ip >= 0 && double.IsFinite(row.Observables[ip]))
            {
                double v = row.Observables[ip];
                if (double.IsNaN(best[c]) || (maximise ? v > best[c] : v < best[c])) best[c] = v;
            }
            if (!allowed[c])
            {
                bool ok = true;
                foreach (var (o, i) in constraints)
                {
                    double v = row.Observables[i];
                    if (double.IsNaN(v)) continue;
                    if (o.Sense == ConstraintSense.AtMost ? v > o.Threshold : v < o.Threshold) { ok = false; break; }
                }
                allowed[c] = ok;
            }
        }
        if (count.Sum() == 0) throw new UserInputException($"{store.Path} holds no point with status ok to plot");
        var cells = new List<MapCell>();
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
            {
                int c = j * nx + i;
                cells.Add(new MapCell(xEdges[i], xEdges[i + 1], yEdges[j], yEdges[j + 1], count[c], best[c], allowed[c]));
            }
        // the y_X–m_X plane with a relic column: the thermal-relic line for each value of r (seed 000 Fig. 5)
        var lines = new List<(string, double[], double[])>();
        int relic = obs.IndexOf("relic_y_X"), ir = names.IndexOf("r");
        if (x == "m_X" && y == "y_X" && relic >= 0 && ir >= 0)
        {
            var byR = store.Rows().Where(r => double.IsFinite(r.Observables[relic]))
                .GroupBy(r => r.Parameters[ir]).OrderBy(g => g.Key).Take(6);
            foreach (var g in byR)
            {
                var pts = g.GroupBy(r => r.Parameters[ix]).Select(h => (M: h.Key, Y: h.First().Observables[relic])).OrderBy(p => p.M).ToList();
                if (pts.Count >= 2)
                    lines.Add(($"thermal relic, r = {g.Key.ToString("G3", CultureInfo.InvariantCulture)}", pts.Select(p => p.M).ToArray(), pts.Select(p => p.Y).ToArray()));
            }
        }
        var text = constraints.Count == 0 ? "the store has no constraint columns"
            : "allowed: " + string.Join(", ", constraints.Select(t => $"{t.o.Name} {(t.o.Sense == ConstraintSense.AtMost ? "≤" : "≥")} {t.o.Threshold.ToString("G4", CultureInfo.InvariantCulture)}"));
        var title = Path.GetFileName(Path.GetDirectoryName(store.Path)) is { Length: > 0 } folder ? $"{folder}: {Path.GetFileName(store.Path)}" : Path.GetFileName(store.Path);
        return new ScanMap(x, y, logX, logY, profile, maximise, cells, text, title) { Lines = lines };
    }

    /// <summary>The axes of the spec, from its canonical form: name → (scale, from, to, grid points).</summary>
    private static Dictionary<string, (string Scale, double From, double To, int Points)> Axes(string canonical)
    {
        var d = new Dictionary<string, (string, double, double, int)>(StringComparer.Ordinal);
        foreach (var line in canonical.Split('\n'))
        {
            var p = line.Split(' ');
            if (p.Length != 6 || p[0] != "parameter") continue;
            double F(string h) => BitConverter.Int64BitsToDouble(long.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            d[p[1]] = (p[2], F(p[3]), F(p[4]), int.Parse(p[5], CultureInfo.InvariantCulture));
        }
        return d;
    }

    private static (double[] Edges, bool Log) Edges(Dictionary<string, (string Scale, double From, double To, int Points)> axes, string name, int bins)
    {
        var (scale, from, to, points) = axes[name];
        if (scale == "fixed") throw new UserInputException($"{name} is fixed in this scan ({from.ToString("G6", CultureInfo.InvariantCulture)}): a map needs two varied parameters");
        bool log = scale == "Log";
        double T(double v) => log ? Math.Log(v) : v; // numerics: the axis variable (ln on a log axis)
        double V(double t) => log ? Math.Exp(t) : t; // numerics: back from the axis variable
        double a = T(from), b = T(to);
        if (points >= 2)
        {
            // one cell per grid value, edges half-way between them (half a step beyond the ends)
            double h = (b - a) / (points - 1);
            return (Enumerable.Range(0, points + 1).Select(k => V(a + (k - 0.5) * h)).ToArray(), log);
        }
        return (Enumerable.Range(0, bins + 1).Select(k => k == bins ? to : V(a + (b - a) * k / bins)).ToArray(), log);
    }

    private static int Cell(double[] edges, double v, bool log)
    {
        if (!(v >= edges[0]) || !(v <= edges[^1])) return -1;
        int lo = 0, hi = edges.Length - 1;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) / 2;
            if (v < edges[mid]) hi = mid; else lo = mid;
        }
        return lo;
    }

    /// <summary>The figure: the profile map (when there is a profile) and the allowed region, side by side.</summary>
    public static Figure Figure(ScanMap map)
    {
        Axis Ax(string name, bool log, double lo, double hi) => log ? Axis.Log(Label(name), lo, hi) : Axis.Linear(Label(name), lo, hi);
        double x0 = map.Cells.Min(c => c.XLow), x1 = map.Cells.Max(c => c.XHigh), y0 = map.Cells.Min(c => c.YLow), y1 = map.Cells.Max(c => c.YHigh);
        var xs = map.Cells;
        var panels = new List<Panel>();
        if (map.Profile is not null)
            panels.Add(new Panel
            {
                Title = $"{(map.Maximise ? "max" : "min")} {Label(map.Profile)} over the other parameters",
                X = Ax(map.X, map.LogX, x0, x1), Y = Ax(map.Y, map.LogY, y0, y1), Legend = LegendPosition.None,
                Series = [new CellSeries(xs.Select(c => c.XLow), xs.Select(c => c.XHigh), xs.Select(c => c.YLow), xs.Select(c => c.YHigh),
                    xs.Select(c => c.Profile), Label(map.Profile)) { ColorLabel = Label(map.Profile), ColorScale = LogColours(xs.Select(c => c.Profile)) },
                    .. Overlays(map)],
            });
        panels.Add(new Panel
        {
            Title = "allowed: every constraint satisfied by some point",
            X = Ax(map.X, map.LogX, x0, x1), Y = Ax(map.Y, map.LogY, y0, y1), Legend = LegendPosition.UpperRight,
            Series =
            [
                new CellSeries(xs.Select(c => c.XLow), xs.Select(c => c.XHigh), xs.Select(c => c.YLow), xs.Select(c => c.YHigh),
                    xs.Select(c => c.Points > 0 && !c.Allowed ? 1.0 : double.NaN), "excluded") { Color = Palette.Vermillion, FillOpacity = 0.45 },
                new CellSeries(xs.Select(c => c.XLow), xs.Select(c => c.XHigh), xs.Select(c => c.YLow), xs.Select(c => c.YHigh),
                    xs.Select(c => c.Allowed ? 1.0 : double.NaN), "allowed") { Color = Palette.Green, FillOpacity = 0.6 },
                .. Overlays(map),
            ],
        });
        return NuDM.App.Figures.Figure.Grid(1, panels.Count, panels) with { Title = map.Title, Width = 560 * panels.Count, Height = 500 };
    }

    /// <summary>A log colour scale for values that are all positive and span more than two decades.</summary>
    private static ScaleKind LogColours(IEnumerable<double> values)
    {
        var v = values.Where(double.IsFinite).ToList();
        return v.Count > 0 && v.All(x => x > 0) && v.Max() > 100 * v.Min() ? ScaleKind.Log10 : ScaleKind.Linear;
    }

    private static IEnumerable<Series> Overlays(ScanMap map) =>
        map.Lines.Select((l, i) => (Series)new LineSeries(l.X, l.Y, l.Label) { Color = Palette.Black, Width = 2, Dash = i == 0 ? DashPattern.Solid : DashPattern.Dashed });

    private static string Label(string column) => column switch
    {
        "m_X" => "m_{X} [MeV]",
        "r" => "r = m_{φ}/m_{X}",
        "y_X" => "y_{X}",
        "y_q" => "y_{q}",
        "omega_h2" => "Ωh^{2}",
        _ => column.Replace("_", " "),
    };

    /// <summary>Writes the figure (SVG, PDF, PNG and its data CSV) and the cell table <c>&lt;base&gt;-cells.csv</c>; returns the paths.</summary>
    public static IReadOnlyList<string> Write(ScanMap map, string basePath)
    {
        var full = Path.GetFullPath(basePath);
        var dir = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        var files = FigureWriter.Write(Figure(map), dir, name);
        var cells = Path.Combine(dir, name + "-cells.csv");
        using (var w = new StreamWriter(cells, append: false, new System.Text.UTF8Encoding(false)))
            new NuDM.App.Results("scan plot", "the map cells").Write(w, NuDM.App.OutputFormat.Csv,
                [$"{map.X}_low", $"{map.X}_high", $"{map.Y}_low", $"{map.Y}_high", "points", map.Profile is null ? "profile" : $"{(map.Maximise ? "max" : "min")}_{map.Profile}", "allowed"],
                map.Cells.Select(c => (IReadOnlyList<object?>)[c.XLow, c.XHigh, c.YLow, c.YHigh, c.Points, c.Points > 0 ? c.Profile : double.NaN, c.Points > 0 ? c.Allowed : null]));
        return [.. files.All, cells];
    }
}
