using NuDM.App.Cevns;
using NuDM.App.Experiments;
using NuDM.App.Figures;
using NuDM.App.Fits;
using NuDM.App.Rates;
using NuDM.Physics;

namespace NuDM.App.Reproduction;

/// <summary>Shared pieces of the CEvNS figures.</summary>
internal static class CevnsFigureHelpers
{
    /// <summary>Counts per recoil bin (no acceptance), SM and νN → χN at the given ȳ, for an experiment's target, flux and exposure.</summary>
    public static (double[] Edges, double[] Sm, Func<double, double, double, double[]> NewPhysics) RecoilSpectra(string experimentId, double[] edgesMeV)
    {
        var x = ExperimentRegistry.Load(experimentId);
        var ff = KernelPhysics.DefaultFormFactor(x);
        var setup = new DetectorSetup(edgesMeV, x.Nuclei, x.Source.ExposureSeconds);
        var flux = KernelPhysics.Flux(x);
        var sm = KernelPhysics.StandardModel(ff);
        var nSm = RatePlan.Build(setup, flux, sm).Evaluate(sm.CrossSection);
        double[] Np(double ybar, double mchi, double ms)
        {
            var p = KernelPhysics.NuChi(mchi, ms, ff);
            var c = RatePlan.Build(setup, flux, p).Evaluate(p.CrossSection);
            var y4 = Math.Pow(ybar, ModelInUse.Definition.EffectiveCouplingPower); // numerics: counts at ȳ = 1 scaled by ȳ^p, p derived by the kernel
            return c.Select(v => v * y4).ToArray();
        }
        return (edgesMeV, nSm, Np);
    }

    public static double[] Range(double lo, double hi, double step) =>
        Enumerable.Range(0, (int)Math.Round((hi - lo) / step) + 1).Select(i => lo + i * step).ToArray();
}

/// <summary>
/// seed 001 Fig. 3: event distributions and the ratio N_i/N_i^SM for the (ȳ, m_χ, m_S) of the figure legends, for
/// CONUS (reactor, F = 1) and COHERENT (CsI, pion decay at rest, Klein–Nystrand form factor). Recoil bins without
/// detector acceptance (as the figure shows the physics spectrum); the SM spectrum in the lower panel in arbitrary units.
/// </summary>
public sealed class Seed001Figure3 : IFigureJob
{
    private readonly bool _conus;
    public Seed001Figure3(bool conus) => _conus = conus;
    public string Id => _conus ? "seed001-fig3-conus" : "seed001-fig3-coherent";
    public string Source => _conus ? "seed 001 Fig. 3 (left)" : "seed 001 Fig. 3 (right)";
    public string Title => $"spectral distortion by νN → χN at {(_conus ? "CONUS" : "COHERENT")}";
    public string Version => "1";

    /// <summary>The legend's parameter sets (ȳ, m_χ [MeV], m_S [MeV]).</summary>
    public static readonly (double Ybar, double Mchi, double Ms)[] ConusSets = [(7.0e-6, 0, 0), (7.0e-6, 3, 0), (5.0e-5, 0, 100), (7.0e-5, 3, 100)];
    public static readonly (double Ybar, double Mchi, double Ms)[] CoherentSets = [(5.3e-5, 3, 0), (5.3e-5, 30, 0), (7.5e-5, 3, 100), (1.2e-4, 30, 100)];

    public Figure Build(FigureContext context)
    {
        var edges = _conus ? CevnsFigureHelpers.Range(0.2e-3, 1.8e-3, 0.025e-3) : CevnsFigureHelpers.Range(1e-3, 45e-3, 0.5e-3);
        var (e, sm, np) = CevnsFigureHelpers.RecoilSpectra(_conus ? "conus" : "coherent-csi-2017", edges);
        var keV = e.Select(v => v * 1e3).ToArray();
        var sets = _conus ? ConusSets : CoherentSets;
        var ratios = new List<Series>();
        for (int k = 0; k < sets.Length; k++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var (y, mc, ms) = sets[k];
            var n = np(y, mc, ms);
            var r = sm.Select((s, i) => s > 0 ? (s + n[i]) / s : double.NaN).ToArray();
            ratios.Add(new StepSeries(keV, r, $"SM+({y:0.0e0}, {mc:G3} MeV, {ms:G3}{(ms == 0 ? "" : " MeV")})"));
            context.Progress.Report((k + 1.0) / sets.Length);
        }
        var max = sm.Max();
        var top = new Panel
        {
            Y = Axis.Linear("N_{i}/N_{i}^{SM}", 0.98, 1.25),
            Series = [.. ratios],
            Legend = LegendPosition.UpperRight,
            ReferenceLines = [new ReferenceLine(Orientation.Horizontal, 1.0)],
        };
        var bottom = new Panel
        {
            X = Axis.Linear("recoil energy T [keV]", keV[0], keV[^1]),
            Y = Axis.Linear("N_{i}^{SM} [arb. units]") with { IncludeZero = true },
            Series = [new StepSeries(keV, sm.Select(v => v / max).ToArray(), "SM") { Filled = true }],
            Legend = LegendPosition.None,
            Annotations = [new Annotation(0.75, 0.8, _conus ? "CONUS" : "COHERENT") { Coordinates = AnnotationCoordinates.Axes }],
        };
        return Figure.Stack([top, bottom], [2, 1]) with { Title = $"seed 001 Fig. 3: {(_conus ? "CONUS (4 kg Ge, 1 yr)" : "COHERENT CsI")}" };
    }
}

/// <summary>seed 001 Fig. 4: 90% CL limits (COHERENT 2017 data) and sensitivities (CONUS) in the ȳ–m_S and ȳ–m_χ planes.</summary>
public sealed class Seed001Figure4 : IFigureJob
{
    public string Id => "seed001-fig4";
    public string Source => "seed 001 Fig. 4";
    public string Title => "90% CL on ȳ: CONUS (upper) and COHERENT (lower), ȳ–m_S (left) and ȳ–m_χ (right); CsI 2021 dashed, the joint SNS energy × time likelihood and CONUS+ 2025 dotted";
    public string Version => "3";
    private const int Points = 36;

    public Figure Build(FigureContext context)
    {
        var msAxis = Grid.LogSpace(0.1, 1000, Points);
        var jobs = new (string Exp, bool VaryMs, double Fixed, double Hi)[]
        {
            ("conus", true, 0, 0), ("conus", true, 3, 0), ("conus", false, 0, 10), ("conus", false, 10, 10), ("conus", false, 100, 10),
            ("coherent-csi-2017", true, 0, 0), ("coherent-csi-2017", true, 3, 0), ("coherent-csi-2017", true, 30, 0),
            ("coherent-csi-2017", false, 0, 60), ("coherent-csi-2017", false, 10, 60), ("coherent-csi-2017", false, 100, 60),
            // beyond the seed: today's data (CsI 2021, energy-only analysis), dashed
            ("coherent-csi-2021", true, 0, 0), ("coherent-csi-2021", false, 0, 60),
        };
        var curves = new List<(string Exp, bool VaryMs, LimitCurve Curve)>();
        for (int j = 0; j < jobs.Length; j++)
        {
            var (exp, varyMs, fix, hi) = jobs[j];
            var model = LimitCurves.Model(exp);
            double done = j;
            Action<double> prog = f => context.Progress.Report((done + f) / jobs.Length);
            var ck = context.Checkpoint(Id, $"{exp}-{(varyMs ? "ms" : "mchi")}-{fix}");
            var c = varyMs
                ? LimitCurves.VersusMediatorMass(model, fix, msAxis, $"m_{{χ}} = {fix:G3} MeV", false, ck, prog, context.CancellationToken)
                : LimitCurves.VersusFermionMass(model, fix, Grid.LogSpace(0.1, hi, Points), $"m_{{S}} = {fix:G3} MeV", false, ck, prog, context.CancellationToken);
            curves.Add((exp, varyMs, c));
        }
        // beyond the seed: profile-likelihood limits from today's data — the SNS experiments with an energy × time
        // likelihood, jointly (one SNS flux), in the COHERENT panels; CONUS+ 2025's published count in the CONUS panels
        var sns = LimitExperiments.WithEnergyTime.Select(id => LimitExperiments.Create(id, LikelihoodKind.EnergyTime)).ToArray();
        var conusPlus = LimitExperiments.Create("conus-plus-2025", LikelihoodKind.EnergyOnly);
        var extra = new (string Panel, string Label, LimitMember[] Members, bool VaryMs, double Hi)[]
        {
            ("conus", "CONUS+ 2025 (one-bin count), m_{χ} = 0", [conusPlus], true, 0), ("conus", "CONUS+ 2025 (one-bin count), m_{S} = 0", [conusPlus], false, 10),
            ("coherent-csi-2017", $"{Joint(sns)}, m_{{χ}} = 0", sns, true, 0), ("coherent-csi-2017", $"{Joint(sns)}, m_{{S}} = 0", sns, false, 60),
        };
        var profiles = new List<(string Panel, bool VaryMs, LimitCurve Curve)>();
        for (int j = 0; j < extra.Length; j++)
        {
            var (panel, label, members, varyMs, hi) = extra[j];
            var c = ProfileLimits.Curve(members, varyMs, 0, varyMs ? msAxis : Grid.LogSpace(0.1, hi, Points), label, LimitData.Observed,
                context.Checkpoint(Id, $"profile-{string.Join("+", members.Select(m => m.Id))}-{(varyMs ? "ms" : "mchi")}-0"), _ => { }, context.CancellationToken);
            profiles.Add((panel, varyMs, c));
        }
        Panel Make(string exp, bool varyMs, string title) => new()
        {
            Title = title,
            X = Axis.Log(varyMs ? "m_{S} [MeV]" : "m_{χ} [MeV]"),
            Y = Axis.Log("ȳ (90% CL)", 1e-6, 1e-1),
            Series = [.. curves.Where(c => (c.Exp == exp || (exp == "coherent-csi-2017" && c.Exp == "coherent-csi-2021")) && c.VaryMs == varyMs)
                .Select(c => (Series)(c.Exp == "coherent-csi-2021"
                    ? new LineSeries(c.Curve.X, c.Curve.Limit, "CsI 2021, " + c.Curve.Label) { Dash = DashPattern.Dashed, Color = Palette.Black }
                    : new LineSeries(c.Curve.X, c.Curve.Limit, c.Curve.Label)))
                .Concat(profiles.Where(c => c.Panel == exp && c.VaryMs == varyMs)
                    .Select(c => (Series)new LineSeries(c.Curve.X, c.Curve.Limit, c.Curve.Label) { Dash = DashPattern.Dotted, Color = Palette.Black }))],
            Legend = LegendPosition.UpperLeft,
        };
        return Figure.Grid(2, 2,
        [
            Make("conus", true, "CONUS (sensitivity)"), Make("conus", false, "CONUS (sensitivity)"),
            Make("coherent-csi-2017", true, "COHERENT CsI 2017"), Make("coherent-csi-2017", false, "COHERENT CsI 2017"),
        ]) with { Title = "seed 001 Fig. 4: 90% CL on ȳ", Width = 1000, Height = 800 };
    }

    private static string Joint(IReadOnlyList<LimitMember> members) =>
        (members.Count > 1 ? "joint " : "") + string.Join(" + ", members.Select(m => m.Id.Replace("coherent-", "").Replace("csi", "CsI").Replace("lar", "LAr").Replace('-', ' '))) + " (energy × time)";
}

/// <summary>seed 001 Fig. 5: future sensitivities at m_χ = 5 MeV (CONUS 5 yr × 100 kg, 0.1 keV, flux uncertainty /2;
/// COHERENT statistics ×100, uncertainties /10) with the current limit/sensitivity.</summary>
public sealed class Seed001Figure5 : IFigureJob
{
    public string Id => "seed001-fig5";
    public string Source => "seed 001 Fig. 5";
    public string Title => "future sensitivities on ȳ at m_χ = 5 MeV";
    public string Version => "1";

    public Figure Build(FigureContext context)
    {
        var ms = Grid.LogSpace(0.1, 1000, 36);
        var sets = new[] { ("conus", "CONUS (1 yr × 4 kg)"), ("conus-future", "CONUS future"), ("coherent-csi-2017", "COHERENT (2017 data)"), ("coherent-future", "COHERENT future") };
        var series = new List<Series>();
        for (int j = 0; j < sets.Length; j++)
        {
            var (id, label) = sets[j];
            double done = j;
            var c = LimitCurves.VersusMediatorMass(LimitCurves.Model(id), 5.0, ms, label, false, context.Checkpoint(Id, id),
                f => context.Progress.Report((done + f) / sets.Length), context.CancellationToken);
            series.Add(new LineSeries(c.X, c.Limit, label) { Dash = id.EndsWith("future") ? DashPattern.Dashed : DashPattern.Solid });
        }
        return Figure.Single(new Panel
        {
            X = Axis.Log("m_{S} [MeV]"),
            Y = Axis.Log("ȳ (90% CL)", 1e-7, 1e-1),
            Series = [.. series],
            Legend = LegendPosition.UpperLeft,
        }, "seed 001 Fig. 5: m_χ = 5 MeV");
    }
}

/// <summary>
/// seed 000 Fig. 3: COHERENT CsI spectrum (photoelectrons, with acceptance) of SM CEvNS and of ν → X conversion for
/// several DM masses, each at its 90% CL coupling (m_φ = 10 m_X), i.e. the largest signal the data allow.
/// </summary>
public sealed class Seed000Figure3 : IFigureJob
{
    public string Id => "seed000-fig3";
    public string Source => "seed 000 Fig. 3";
    public string Title => "COHERENT spectrum: SM CEvNS and ν → X for several m_X (at the 90% CL coupling, m_φ = 10 m_X)";
    public string Version => "1";
    public static readonly double[] Masses = [1, 10, 30];

    public Figure Build(FigureContext context)
    {
        var model = LimitCurves.Model("coherent-csi-2017");
        var edges = model.Experiment.Bins.ObservableEdges.ToArray();
        var series = new List<Series> { new StepSeries(edges, model.StandardModel, "SM CEvNS") { Filled = true } };
        if (model.Experiment.Observed is { } obs)
        {
            var centres = edges.Zip(edges.Skip(1), (a, b) => 0.5 * (a + b)).ToArray();
            var err = model.Experiment.PublishedUncertainty ?? obs.Uncertainty;
            series.Add(new PointSeries(centres, obs.Counts, err, err, label: "COHERENT 2017 (C − AC)"));
        }
        for (int k = 0; k < Masses.Length; k++)
        {
            var m = Masses[k];
            var lim = model.YbarLimit(m, 10 * m);
            if (lim.IsConstrained)
            {
                var s = model.SpectrumAt(lim.Value, m, 10 * m);
                series.Add(new StepSeries(edges, s.NewPhysics, $"ν→X, m_{{X}} = {m:G3} MeV (ȳ = {lim.Value:0.0e0})"));
            }
            context.Progress.Report((k + 1.0) / Masses.Length);
        }
        return Figure.Single(new Panel
        {
            X = Axis.Linear("photoelectrons", 0, 50),
            Y = Axis.Linear("events per 2 PE"),
            Series = [.. series],
            Legend = LegendPosition.UpperRight,
        }, "seed 000 Fig. 3: COHERENT CsI 2017");
    }
}
