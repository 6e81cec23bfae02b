using NuDM.App.Cevns;
using NuDM.App.Constraints;
using NuDM.App.Cosmology;
using NuDM.App.Figures;
using NuDM.Physics;

namespace NuDM.App.Reproduction;

/// <summary>
/// seed 001 Fig. 7: Y_χ(x = m_χ/T) from the two-species Boltzmann equations (eq. 4.2) from T_QCD = 200 MeV with
/// equilibrium initial conditions, m_χ = 3 MeV, m_S = 10 MeV (left) and 100 MeV (right), y_χ = 1e-3, 1e-4, 1e-5; every
/// rate from the kernel's amplitudes (<see cref="Seed001Boltzmann"/>); Ωh² (eq. 4.3) in the legend. The six solves run in parallel.
/// </summary>
public sealed class Seed001Figure7 : IFigureJob
{
    public string Id => "seed001-fig7";
    public string Source => "seed 001 Fig. 7";
    public string Title => "Y_χ(x) of the χ/S Boltzmann system, m_χ = 3 MeV, m_S = 10 and 100 MeV";
    public string Version => "1";
    private static IReadOnlyList<double> MediatorMasses => Seed001Boltzmann.MediatorMasses;
    private static IReadOnlyList<double> Couplings => Seed001Boltzmann.Couplings;

    public Figure Build(FigureContext context)
    {
        var results = Seed001Boltzmann.Solve(context.CancellationToken);
        context.Progress.Report(1.0);
        var panels = new List<Panel>();
        for (int p = 0; p < MediatorMasses.Count; p++)
        {
            var series = new List<Series>();
            for (int j = 0; j < Couplings.Count; j++)
            {
                var r = results[p * Couplings.Count + j];
                series.Add(new LineSeries(r.X, r.YChi, $"y_{{χ}} = {Couplings[j]:0e0} (Ωh^{{2}} = {r.OmegaH2:G3})"));
            }
            var eq = results[p * Couplings.Count];
            series.Add(new LineSeries(eq.X, eq.YChiEquilibrium, "Y_{χ}^{eq}") { Dash = DashPattern.Dashed, Color = Palette.Grey });
            panels.Add(new Panel
            {
                Title = $"m_{{χ}} = 3 MeV, m_{{S}} = {MediatorMasses[p]:G3} MeV",
                X = Axis.Log("x = m_{χ}/T"),
                Y = Axis.Log("Y_{χ}", 1e-10, 1),
                Series = [.. series],
                Legend = LegendPosition.LowerLeft,
            });
        }
        return Figure.Grid(1, 2, panels) with { Title = "seed 001 Fig. 7", Width = 1100, Height = 500 };
    }
}

/// <summary>
/// seed 000 Fig. 5: bounds on y_X against m_X at y_q = 1e-9 with the thermal-relic coupling (Ωh² = 0.120, eq. 21, from
/// the X̄X → ν̄ν amplitude), perturbativity y_X &lt; sqrt(4π), N_eff (m_X &gt; 8 MeV), kinetic decoupling (Lyman-α), the
/// direct-detection and COHERENT bounds translated with y_p(y_q), the minimal-model X → νγ stability bound (which
/// UV physics can cancel, seed 000 sec. II.A) and beside it the X-ray recast of sec. II.A, y_q² y_X²/(m_φ⁴ G_F²) ≤ sin²2θ
/// with the strongest published X-ray limit at each m_X (<see cref="XrayMixingLimits"/>; drawn only where a limit covers
/// m_X, at the masses of the grid and of the digitised limits). Left m_φ = 10 m_X, right 3 m_X. The y axis reaches down
/// to <see cref="YMin"/> so that both decay bounds, far below the others, are on the plot.
/// </summary>
public sealed class Seed000Figure5 : IFigureJob
{
    public string Id => "seed000-fig5";
    public string Source => "seed 000 Fig. 5";
    public string Title => "y_X–m_X at y_q = 1e-9: thermal relic, perturbativity, N_eff, kinetic decoupling, direct detection";
    public string Version => "2";
    public const double Yq = 1e-9;
    /// <summary>Lower end of the y_X axis: below the X-ray recast (≈ 2e-12 at y_q = 1e-9, r = 3).</summary>
    public const double YMin = 1e-12;
    public const double MassFrom = 1, MassTo = 1000;

    public Figure Build(FigureContext context)
    {
        var masses = Grid.LogSpace(MassFrom, MassTo, 40);
        // the X-ray recast at the grid masses and at every digitised point of the limits (the published curves are jagged)
        var xrayMasses = XrayMixingLimits.SampleMasses(MassFrom, MassTo).Union(masses).Order().ToArray();
        double yp = ModelConstraints.ProtonCoupling(Yq);
        var stability = StabilityBounds.ProductMaxDelegate; // (y_X y_q)_max(m_X, r)
        var ratios = new[] { 10.0, 3.0 };
        var panels = new List<Panel>();
        int step = 0, steps = ratios.Length * (3 + Seed000Figure2.Constraints.Count);
        void Tick() => context.Progress.Report(++step / (double)steps);
        foreach (var r in ratios)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var series = new List<Series>();
            var relic = KernelCosmology.RelicCurve(masses, r);
            series.Add(new LineSeries(masses, relic.Select(x => x.Coupling).ToArray(), "thermal relic (Ωh^{2} = 0.12)") { Width = 2.5, Color = Palette.Black });
            Tick();
            var kd = masses.Select(m => ModelConstraints.KineticDecouplingYX(m, r)).Select(v => double.IsPositiveInfinity(v) ? double.NaN : v).ToArray();
            series.Add(new LineSeries(masses, kd, "kinetic decoupling (Lyman-α)"));
            Tick();
            foreach (var c in Seed000Figure2.Constraints)
            {
                var curve = c.Curve(r, context, _ => { });
                series.Add(new LineSeries(curve.MassMeV, curve.MassMeV.Select((m, i) => curve.SigmaCm2[i] > 0 && double.IsFinite(curve.SigmaCm2[i]) ? DetectionFormulas.CouplingForSigmaNCAt(curve.SigmaCm2[i], yp, m, r * m) : double.NaN).ToArray(), curve.Label));
                Tick();
            }
            series.Add(new LineSeries(masses, masses.Select(m => stability(m, r) / Yq).ToArray(), "X → νγ stability (minimal model)") { Dash = DashPattern.Dotted, Color = Palette.Grey });
            var xrayRecast = StabilityCurves.XrayRecastCurve(xrayMasses, Yq, r);
            if (xrayRecast.X.Length > 0)
                series.Add(new LineSeries(xrayRecast.X, xrayRecast.Y, xrayRecast.Label) { Dash = DashPattern.Dashed, Color = Palette.Black });
            Tick();
            series.Add(new BandSeries([1, 8], [double.NegativeInfinity, double.NegativeInfinity], [double.PositiveInfinity, double.PositiveInfinity], "N_{eff}: m_{X} < 8 MeV") { FillOpacity = 0.15, Color = Palette.Blue });
            panels.Add(new Panel
            {
                Title = $"m_{{φ}} = {r:G3} m_{{X}}, y_{{q}} = 10^{{-9}}",
                X = Axis.Log("m_{X} [MeV]", MassFrom, MassTo),
                Y = Axis.Log("y_{X}", YMin, 1e2),
                Series = [.. series],
                ReferenceLines = [new ReferenceLine(Orientation.Horizontal, SeedModel.ChiCoupling.Maximum) { Label = "perturbativity √(4π)" }],
                Legend = r == ratios[^1] ? LegendPosition.OutsideRight : LegendPosition.None,
            });
        }
        return Figure.Grid(1, 2, panels) with { Title = "seed 000 Fig. 5", Width = 1600, Height = 600 };
    }
}

/// <summary>Kinetic decoupling in the σ_NC–m_X plane with y_q at the kaon bound (seed 000 Fig. 2 caption).</summary>
public sealed class KineticDecouplingSigmaNC : ISigmaNCConstraint
{
    public string Name => "kinetic decoupling";

    public SigmaNCCurve Curve(double r, FigureContext context, Action<double> progress)
    {
        var masses = Grid.LogSpace(0.01, 1000, 41);
        var sigma = new double[masses.Length];
        for (int i = 0; i < masses.Length; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            sigma[i] = ModelConstraints.KineticDecouplingSigmaNC(masses[i], r);
            progress((i + 1.0) / masses.Length);
        }
        return new SigmaNCCurve("kinetic decoupling (y_{q} at the kaon bound)", masses, sigma);
    }
}
