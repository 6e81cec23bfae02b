using NuDM.App.Constraints;
using NuDM.App.Figures;
using NuDM.Physics;

namespace NuDM.App.Reproduction;

/// <summary>
/// seed 000 Fig. 4: DM → ν conversion in the Earth (and the Sun), eqs. (16)–(17), in the σ–m_X plane for
/// 4 GeV &lt; m_X &lt; 200 GeV. The seed draws the Super-Kamiokande limit (its ref. [43]); that limit is not available as
/// numbers (data/constraints/README.md), so this job draws what can be computed without it:
/// (a) iso-flux contours — the σ at which the Earth's flux at a surface detector equals Φ = 10⁻², 1 and 10² cm⁻² s⁻¹ —
/// so that any published flux limit Φ_lim reads off directly as σ_max(m_X) (and <c>nudm earthsun --flux-limit</c> draws
/// nothing else but that curve); (b) the Earth and Sun fluxes at σ = 10⁻⁴³ cm² against m_X with SNO's ⁸B flux, the
/// seed's statement that the Earth dominates and lies orders of magnitude below ⁸B.
/// </summary>
public sealed class Seed000Figure4 : IFigureJob
{
    public string Id => "seed000-fig4";
    public string Source => "seed 000 Fig. 4";
    public string Title => "DM → ν in the Earth and Sun: iso-flux σ contours (4–200 GeV) and fluxes vs ⁸B (no Super-K limit data: see README)";
    public string Version => "1";

    /// <summary>The iso-flux contours of panel (a), cm⁻² s⁻¹.</summary>
    public static readonly double[] ContourFluxes = [1e-2, 1.0, 1e2];

    /// <summary>The reference cross section of panel (b), cm² (seed 000 sec. V: "σ ≈ 10⁻⁴³ cm²").</summary>
    public const double ReferenceSigma_cm2 = 1e-43;

    public Figure Build(FigureContext context)
    {
        var (lo, hi) = (EarthSunFluxes.SuperKMassMin_MeV, EarthSunFluxes.SuperKMassMax_MeV);
        // open interval (4, 200) GeV: step inside by one part in 10⁹
        var plane = Grid.LogSpace(lo * (1 + 1e-9), hi * (1 - 1e-9), 60);
        var contours = new List<Series>();
        for (int k = 0; k < ContourFluxes.Length; k++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var f = ContourFluxes[k];
            var curve = EarthSunConstraints.SigmaLimitCurve(NeutrinoFluxLimit.Flat(f, "iso-flux contour (not a measurement)"), plane);
            contours.Add(new LineSeries(curve.X.Select(m => m / 1e3), curve.Y, $"Φ_{{Earth}} = 10^{{{Math.Log10(f):0}}} cm^{{-2}} s^{{-1}}") // presentation: the exponent of the contour level in its label
            {
                Dash = k == 1 ? DashPattern.Solid : DashPattern.Dashed,
            });
            context.Progress.Report((k + 1.0) / (ContourFluxes.Length + 1));
        }

        var masses = Grid.LogSpace(10, 2e5, 80);
        var cmp = masses.Select(m => EarthSunConstraints.Compare(m, ReferenceSigma_cm2)).ToArray();
        var fluxes = new Series[]
        {
            new LineSeries(masses.Select(m => m / 1e3), cmp.Select(c => c.Earth), "Earth (surface, volume-averaged)"),
            new LineSeries(masses.Select(m => m / 1e3), cmp.Select(c => c.Sun), "Sun (at 1 au)") { Dash = DashPattern.Dashed },
        };
        context.Progress.Report(1.0);

        var a = new Panel
        {
            Title = "(a) σ at which the Earth's DM → ν flux equals Φ",
            X = Axis.Log("m_{X} [GeV]", 4, 200),
            Y = Axis.Log("σ [cm^{2}]"),
            Series = [.. contours],
            Legend = LegendPosition.UpperLeft,
        };
        var b = new Panel
        {
            Title = $"(b) fluxes at σ = {ReferenceSigma_cm2:0e0} cm^{{2}}",
            X = Axis.Log("m_{X} [GeV]", 0.01, 200),
            Y = Axis.Log("Φ_{ν} [cm^{-2} s^{-1}]", 1e-10, 1e8),
            Series = [.. fluxes],
            ReferenceLines = [new ReferenceLine(Orientation.Horizontal, EarthSunFluxes.Boron8Flux_cm2_s) { Label = "SNO ⁸B" }],
            Legend = LegendPosition.LowerLeft,
        };
        return Figure.Grid(1, 2, [a, b]) with { Title = "seed 000 Fig. 4 without the Super-K limit: DM → ν in the Earth and Sun, eqs. (16)–(17)", Width = 1100, Height = 520 };
    }
}
