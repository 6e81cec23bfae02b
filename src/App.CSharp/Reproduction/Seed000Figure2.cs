using NuDM.App.Cevns;
using NuDM.App.Figures;

namespace NuDM.App.Reproduction;

/// <summary>A constraint curve in the σ_NC–m_X plane at fixed r = m_φ/m_X.</summary>
/// <param name="Label">Legend label.</param>
/// <param name="MassMeV">m_X values (MeV).</param>
/// <param name="SigmaCm2">Bound on σ_NC (cm²); NaN where there is none.</param>
public sealed record SigmaNCCurve(string Label, double[] MassMeV, double[] SigmaCm2);

/// <summary>One source of constraints for seed 000 Fig. 2.</summary>
public interface ISigmaNCConstraint
{
    /// <summary>Name of the constraint.</summary>
    string Name { get; }
    /// <summary>The bound at mediator-to-DM mass ratio r.</summary>
    SigmaNCCurve Curve(double r, FigureContext context, Action<double> progress);
}

/// <summary>
/// COHERENT CsI 2017 in the σ_NC–m_X plane: the 90% CL ȳ limit at m_χ = m_X, m_S = r m_X mapped to
/// σ_NC = ȳ⁴ m_X²/(16π m_φ⁴) (y_p = y_n, so ȳ² = y_X y_p; seed 000 sec. VII).
/// </summary>
public sealed class CoherentSigmaNC : ISigmaNCConstraint
{
    public string Name => "COHERENT";

    public SigmaNCCurve Curve(double r, FigureContext context, Action<double> progress)
    {
        var model = LimitCurves.Model("coherent-csi-2017");
        var masses = Grid.LogSpace(0.01, 52.5, 48);
        var limits = LimitCurves.Scan(model, masses.Select(m => (m, r * m)).ToList(), false,
            context.Checkpoint("seed000-fig2", $"coherent-r{r}"), progress, context.CancellationToken);
        var sigma = masses.Select((m, i) => limits[i].IsConstrained ? LimitCurves.SigmaNCFromYbar(limits[i].Value, m, r * m) : double.NaN).ToArray();
        return new SigmaNCCurve("COHERENT", masses, sigma);
    }
}

/// <summary>
/// seed 000 Fig. 2: bounds in the σ_NC–m_X plane for m_φ = 10 m_X (left) and 3 m_X (right). Each constraint is
/// computed (none digitised).
/// </summary>
public sealed class Seed000Figure2 : IFigureJob
{
    public string Id => "seed000-fig2";
    public string Source => "seed 000 Fig. 2";
    public string Title => "constraints in the σ_NC–m_X plane, m_φ = 10 m_X and 3 m_X";
    public string Version => "3";

    /// <summary>The constraints drawn (those that bound y_X y_p; kinetic decoupling is added in the σ_NC plane only).</summary>
    public static IReadOnlyList<ISigmaNCConstraint> Constraints { get; } =
        [new CoherentSigmaNC(), .. DirectDetectionConstraints.All];

    /// <summary>The constraints of the σ_NC figure: those above plus kinetic decoupling (which needs y_q; Fig. 5 uses its own).</summary>
    public static IReadOnlyList<ISigmaNCConstraint> PlaneConstraints { get; } = [.. Constraints, new KineticDecouplingSigmaNC()];

    public Figure Build(FigureContext context)
    {
        var panels = new List<Panel>();
        var ratios = new[] { 10.0, 3.0 };
        int total = ratios.Length * PlaneConstraints.Count, done = 0;
        foreach (var r in ratios)
        {
            var series = new List<Series>();
            foreach (var c in PlaneConstraints)
            {
                int d = done;
                var curve = c.Curve(r, context, f => context.Progress.Report((d + f) / total));
                series.Add(new LineSeries(curve.MassMeV, curve.SigmaCm2, curve.Label));
                done++;
            }
            panels.Add(new Panel
            {
                Title = $"m_{{φ}} = {r:G3} m_{{X}}",
                X = Axis.Log("m_{X} [MeV]", 0.01, 1000),
                Y = Axis.Log("σ_{NC} [cm^{2}]", 1e-52, 1e-30),
                Series = [.. series],
                Legend = r == ratios[^1] ? LegendPosition.OutsideRight : LegendPosition.None,
            });
        }
        return Figure.Grid(1, 2, panels) with { Title = "seed 000 Fig. 2", Width = 1400, Height = 520 };
    }
}
