using NuDM.App.Cevns;
using NuDM.App.Figures;
using NuDM.App.Fits;

namespace NuDM.App.Reproduction;

/// <summary>
/// What the arrival time does to the limit (issue 13 item 5): COHERENT CsI 2021's 90 % CL ȳ(m_χ) at m_S = 10 MeV from
/// the energy × time likelihood and from the same likelihood summed over arrival time (same grid, response, backgrounds
/// and nuisances: only the timing information differs), with the experiment file's energy-only approximation (the
/// default of <c>nudm limit</c>) for reference, the expected limits of both likelihoods on SM Asimov data, and the
/// ratios energy × time ÷ energy only for the data and the expectation.
/// </summary>
public sealed class TimingInformationFigure : IFigureJob
{
    /// <summary>The fixed mediator mass (MeV).</summary>
    public const double MediatorMass = 10;
    private const int Points = 24;

    public string Id => "timing-information";
    public string Source => "issue 13 item 5 (beyond the seeds)";
    public string Title => "CsI 2021: 90% CL on ȳ with and without the arrival time, m_S = 10 MeV";
    public string Version => "1";

    public Figure Build(FigureContext context)
    {
        var xs = Grid.LogSpace(0.1, 50, Points);
        var et = (CsI2021EnergyTimeMember)LimitExperiments.Create("coherent-csi-2021", LikelihoodKind.EnergyTime);
        var projection = new CsI2021EnergyProjectionMember(et);
        string label = $"m_{{S}} = {MediatorMass:G3} MeV";
        void Progress(int done, double f) => context.Progress.Report((done + f) / 5);
        var withTime = ProfileLimits.Curve([et], false, MediatorMass, xs, label, LimitData.Observed, context.Checkpoint(Id, "energy-time"),
            f => Progress(0, f), context.CancellationToken);
        var summed = ProfileLimits.Curve([projection], false, MediatorMass, xs, label, LimitData.Observed, context.Checkpoint(Id, "energy-summed"),
            f => Progress(1, f), context.CancellationToken);
        var yaml = LimitCurves.VersusFermionMass(LimitCurves.Model("coherent-csi-2021"), MediatorMass, xs, label, false, context.Checkpoint(Id, "energy-only-yaml"),
            f => Progress(2, f), context.CancellationToken);
        // the expected limits (SM Asimov data): what the timing information gives before the data's fluctuations
        var withTimeAsimov = ProfileLimits.Curve([et], false, MediatorMass, xs, label, LimitData.StandardModelAsimov, context.Checkpoint(Id, "energy-time-asimov"),
            f => Progress(3, f), context.CancellationToken);
        var summedAsimov = ProfileLimits.Curve([projection], false, MediatorMass, xs, label, LimitData.StandardModelAsimov, context.Checkpoint(Id, "energy-summed-asimov"),
            f => Progress(4, f), context.CancellationToken);
        static double[] Ratio(LimitCurve a, LimitCurve b) =>
            a.Limit.Select((v, i) => double.IsNaN(v) || double.IsNaN(b.Limit[i]) ? double.NaN : v / b.Limit[i]).ToArray();
        var top = new Panel
        {
            X = Axis.Log("m_{χ} [MeV]"),
            Y = Axis.Log("ȳ (90% CL)"),
            Series =
            [
                new LineSeries(xs, withTime.Limit, "energy × time (profile likelihood)"),
                new LineSeries(xs, summed.Limit, "same, summed over time (energy only)") { Dash = DashPattern.Dashed },
                new LineSeries(xs, yaml.Limit, "energy-only approximation (χ², experiment file)") { Dash = DashPattern.Dotted, Color = Palette.Black },
                new LineSeries(xs, withTimeAsimov.Limit, "energy × time, expected (SM Asimov)"),
                new LineSeries(xs, summedAsimov.Limit, "summed over time, expected (SM Asimov)") { Dash = DashPattern.Dashed },
            ],
            Legend = LegendPosition.UpperLeft,
        };
        var bottom = new Panel
        {
            X = Axis.Log("m_{χ} [MeV]"),
            Y = Axis.Linear("with ÷ without time"),
            Series = [new LineSeries(xs, Ratio(withTime, summed), "data"), new LineSeries(xs, Ratio(withTimeAsimov, summedAsimov), "expected (Asimov)") { Dash = DashPattern.Dashed }],
            Legend = LegendPosition.LowerLeft,
            ReferenceLines = [new ReferenceLine(Orientation.Horizontal, 1.0)],
        };
        return Figure.Stack([top, bottom], [2, 1]) with { Title = $"COHERENT CsI 2021: the arrival time and the limit on ȳ ({label})" };
    }
}
