using System.Collections.Concurrent;
using NuDM.App.Cevns;
using NuDM.App.Experiments;
using NuDM.App.Rates;
using NuDM.App.Statistics.Likelihood;
using NuDM.Physics;

namespace NuDM.App.Fits;

/// <summary>Which binned likelihood an experiment enters a limit with.</summary>
public enum LikelihoodKind
{
    /// <summary>The experiment file's energy bins (or, for a published count, its one bin): Poisson with normalisation nuisances.</summary>
    EnergyOnly,
    /// <summary>The collaboration-style likelihood in energy × arrival time (and F90 for LAr) with shape nuisances.</summary>
    EnergyTime,
}

/// <summary>The νN → χN signal of one experiment at ȳ = 1 for one (m_χ, m_S): its events at nominal nuisances and the templates its model needs.</summary>
/// <param name="Events">νN → χN events on the experiment's grid at ȳ = 1 and nominal nuisances (they scale as ȳ^p).</param>
/// <param name="Templates">The member's own templates at ȳ = 1 (read only by the member that made them).</param>
public sealed record MemberSignal(double Events, object Templates);

/// <summary>
/// One experiment's part of a new-physics likelihood: its νN → χN templates at ȳ = 1 and the binned model in which the
/// signal enters as r × (templates × scale), r the parameter "nuchi_strength" (declared identically by every member,
/// so a joint likelihood has one r, i.e. one ȳ), with the SM and backgrounds at their nuisances. Members are shared by
/// threads: models are built per call (one per thread), templates are read-only.
/// </summary>
public abstract class LimitMember
{
    /// <summary>The parameter of interest r = (ȳ/ȳ_ref)^p every member declares.</summary>
    public static FitParameter NewPhysicsStrength { get; } =
        new(CsI2021EnergyTimeModel.NewPhysicsStrength, FitRole.Interest, 0, 0, 1e6, PriorKind.Flat, 0, "free: (ȳ/ȳ_ref)^p", scale: 1);

    /// <summary>The SNS flux normalisation: 10 % (issue 13; the CsI 2021 energy_time prior), one parameter for every SNS experiment.</summary>
    public static FitParameter SnsFlux(double width) =>
        new(CsI2021EnergyTimeModel.SnsFlux, FitRole.Normalisation, 1, 0.5, 1.5, PriorKind.Gaussian, width, "SNS neutrino flux (shared by every SNS experiment)");

    /// <summary>The SNS flux's relative uncertainty when no energy_time section gives it: 10 % (issue 13).</summary>
    public const double SnsFluxUncertainty = 0.10;

    /// <summary>Experiment id.</summary>
    public abstract string Id { get; }
    /// <summary>Which likelihood this member is.</summary>
    public abstract LikelihoodKind Kind { get; }
    /// <summary>The largest neutrino energy of its flux (MeV): no χ above it.</summary>
    public abstract double MaxNeutrinoEnergy { get; }
    /// <summary>Bins of its model.</summary>
    public abstract int BinCount { get; }
    /// <summary>The νN → χN templates at ȳ = 1 for m_χ, m_S in MeV.</summary>
    public abstract MemberSignal Signal(double mchi, double ms);
    /// <summary>The model with the νN → χN templates × <paramref name="scale"/> (= ȳ_ref^p) times r; <paramref name="observed"/> replaces the data (Asimov).</summary>
    public abstract IBinnedModel Model(MemberSignal signal, double scale, IReadOnlyList<double>? observed = null);
    /// <summary>A description for checkpoint keys and reports: id and likelihood.</summary>
    public override string ToString() => $"{Id}:{(Kind == LikelihoodKind.EnergyTime ? "energy-time" : "energy-only")}";
}

/// <summary>COHERENT CsI 2021 in (PE, arrival time): <see cref="CsI2021EnergyTimeModel"/> in its new-physics form.</summary>
public sealed class CsI2021EnergyTimeMember : LimitMember
{
    private readonly NuChiRecoilPlans plans;

    /// <summary>The member over shared templates.</summary>
    public CsI2021EnergyTimeMember(CsI2021Templates templates)
    {
        Templates = templates ?? throw new ArgumentNullException(nameof(templates));
        plans = new NuChiRecoilPlans(templates, templates.RecoilBins);
    }

    /// <summary>The templates of the experiment (shared, read-only).</summary>
    public CsI2021Templates Templates { get; }
    /// <inheritdoc/>
    public override string Id => Templates.Experiment.Id;
    /// <inheritdoc/>
    public override LikelihoodKind Kind => LikelihoodKind.EnergyTime;
    /// <inheritdoc/>
    public override double MaxNeutrinoEnergy => Templates.Flux.MaxEnergy;
    /// <inheritdoc/>
    public override int BinCount => Templates.PeBins * Templates.TimeBins;

    /// <inheritdoc/>
    public override MemberSignal Signal(double mchi, double ms)
    {
        var t = Templates;
        var pe = t.PeTemplates(plans.Counts(mchi, ms));
        double events = CsI2021EnergyTimeModel.GridCount(t, pe, new double[(t.Responses.Count - 1) / 2], 0);
        return new MemberSignal(events, pe);
    }

    /// <inheritdoc/>
    public override IBinnedModel Model(MemberSignal signal, double scale, IReadOnlyList<double>? observed = null)
    {
        var pe = (double[][][])signal.Templates;
        var scaled = pe.Select(g => g.Select(v => v.Select(x => x * scale).ToArray()).ToArray()).ToArray();
        return new CsI2021EnergyTimeModel(Templates, scaled, observed);
    }
}

/// <summary>
/// An experiment's energy-only likelihood as a Poisson template sum over its YAML bins:
/// μ_i = f n [N^SM_i + r s N^χ_i] + Σ_b c_b B_bi, with f the source's flux normalisation ("sns_flux", 10 %, shared, for
/// pion decay at rest; "&lt;id&gt;_flux" with σ_a for a reactor), n the rest of the signal normalisation (σ_n² = σ_a² − 0.1²
/// for SNS experiments, when positive), c_b each background's normalisation (its relative uncertainty, or 1/√N for a
/// counted background). Needs counts: Asimov data, or data that are not background-subtracted.
/// </summary>
public sealed class EnergyOnlyMember : LimitMember
{
    private readonly CevnsModel model;
    private readonly List<FitParameter> parameters = [];
    private readonly List<(string Name, IReadOnlyList<double> Counts, IReadOnlyList<string> ScaledBy)> fixedComponents = [];
    private readonly string[] signalScale;

    /// <summary>The member of an experiment (its CEvNS model gives the SM and νN → χN per bin).</summary>
    public EnergyOnlyMember(CevnsModel model)
    {
        this.model = model ?? throw new ArgumentNullException(nameof(model));
        var x = model.Experiment;
        parameters.Add(NewPhysicsStrength);
        var scale = new List<string>();
        double sigmaA = x.Systematics.SigmaA;
        if (x.Source.Kind == NeutrinoSourceKind.Reactor)
        {
            string f = x.Id + "_flux";
            parameters.Add(new FitParameter(f, FitRole.Normalisation, 1, 0.5, 1.5, PriorKind.Gaussian, sigmaA > 0 ? sigmaA : 1e-6, "σ_a of the experiment file (flux normalisation)"));
            scale.Add(f);
        }
        else
        {
            double width = x is CoherentCsI2021 { EnergyTime: { } et } ? et.FluxUncertainty : SnsFluxUncertainty;
            parameters.Add(SnsFlux(width));
            scale.Add(CsI2021EnergyTimeModel.SnsFlux);
            double rest = sigmaA * sigmaA - width * width;
            if (rest > 1e-12)
            {
                string n = x.Id + "_signal_norm";
                parameters.Add(new FitParameter(n, FitRole.Normalisation, 1, 0, 3, PriorKind.Gaussian, Math.Sqrt(rest), // statistics: the rest of σ_a in quadrature
                    $"σ_a of the experiment file ({sigmaA}) less the shared flux's {width} in quadrature"));
                scale.Add(n);
            }
        }
        signalScale = scale.ToArray();
        fixedComponents.Add(("CEvNS", model.StandardModel, signalScale));
        foreach (var b in x.Backgrounds)
        {
            double total = b.Counts.Sum();
            double width = b.RelativeUncertainty ?? (total > 0 ? 1 / Math.Sqrt(total) : 1); // statistics: the Poisson uncertainty of a counted background
            string name = $"{x.Id}_bkg_{b.Name}";
            parameters.Add(new FitParameter(name, FitRole.Normalisation, 1, 0, 3, PriorKind.Gaussian, width, b.RelativeUncertainty is null ? "1/sqrt(N) of the event list" : "relative_uncertainty of the experiment file"));
            fixedComponents.Add((b.Name, b.Counts, [name]));
        }
    }

    /// <summary>The experiment.</summary>
    public CevnsExperiment Experiment => model.Experiment;
    /// <inheritdoc/>
    public override string Id => model.Experiment.Id;
    /// <inheritdoc/>
    public override LikelihoodKind Kind => LikelihoodKind.EnergyOnly;
    /// <inheritdoc/>
    public override double MaxNeutrinoEnergy => model.MaxNeutrinoEnergy;
    /// <inheritdoc/>
    public override int BinCount => model.Experiment.Bins.Count;

    /// <inheritdoc/>
    public override MemberSignal Signal(double mchi, double ms)
    {
        var shape = model.SignalShape(mchi, ms);
        return new MemberSignal(shape.Sum(), shape);
    }

    /// <inheritdoc/>
    public override IBinnedModel Model(MemberSignal signal, double scale, IReadOnlyList<double>? observed = null)
    {
        var shape = ((double[])signal.Templates).Select(v => v * scale).ToArray();
        var components = new List<(string, IReadOnlyList<double>, IReadOnlyList<string>)>(fixedComponents)
        {
            ("νN → χN", shape, [CsI2021EnergyTimeModel.NewPhysicsStrength, .. signalScale]),
        };
        IReadOnlyList<double> data;
        if (observed is not null) data = observed;
        else
        {
            if (ExperimentStatistics.PoissonObstacle(Experiment, false) is { } why)
                throw new ArgumentException($"{Id}: {why}; an energy-only likelihood limit needs Asimov data (asimov) for it");
            data = Experiment.Observed?.Counts ?? throw new ArgumentException($"{Id} has no observed counts: use Asimov data");
        }
        return new TemplateSumModel(Id, data, parameters, components);
    }

    /// <summary>True when the experiment's observed data can enter a Poisson likelihood.</summary>
    public bool HasCounts => Experiment.Observed is not null && ExperimentStatistics.PoissonObstacle(Experiment, false) is null;
}

/// <summary>The limit members by experiment id and likelihood (templates built once per data folder and shared).</summary>
public static class LimitExperiments
{
    /// <summary>The experiments that have an energy × time likelihood.</summary>
    public static IReadOnlyList<string> WithEnergyTime => ExperimentRegistry.Ids.Where(HasEnergyTime).ToArray();

    /// <summary>True when the experiment has an energy × time likelihood.</summary>
    public static bool HasEnergyTime(string id) => ExperimentRegistry.Load(id) is CoherentCsI2021 { EnergyTime: not null } or CoherentLAr2020;

    /// <summary>The LAr 2020 release and kernel templates (built once per data folder and model).</summary>
    public static LAr2020Templates LAr2020Templates(string id) =>
        DataFiles.Cached("fits.templates." + id + ModelKey, () => new LAr2020Templates(new LAr2020Release(ExperimentRegistry.Load<CoherentLAr2020>(id))));

    private static string ModelKey => ModelInUse.IsDefault ? "" : "|" + ModelInUse.KeyPart;

    /// <summary>A new member (its νN → χN plans not yet built) over the experiment's cached templates.</summary>
    public static LimitMember NewMember(string id, LikelihoodKind kind)
    {
        var x = ExperimentRegistry.Load(id);
        if (kind == LikelihoodKind.EnergyTime)
            return x switch
            {
                CoherentCsI2021 { EnergyTime: not null } => new CsI2021EnergyTimeMember(CsI2021Templates(x.Id)),
                CoherentLAr2020 => new LAr2020EnergyTimeMember(LAr2020Templates(x.Id)),
                _ => throw new ArgumentException($"{x.Id} has no energy × time likelihood (it exists for {string.Join(", ", WithEnergyTime)}); use the energy-only likelihood"),
            };
        return x is ConusPlus2025 ? new ConusPlusMember(LimitCurves.Model(x.Id)) : new EnergyOnlyMember(LimitCurves.Model(x.Id));
    }

    /// <summary>The CsI 2021 templates (built once per data folder: seconds).</summary>
    public static CsI2021Templates CsI2021Templates(string id) =>
        DataFiles.Cached("fits.templates." + id + ModelKey, () => new CsI2021Templates(ExperimentRegistry.Load<CoherentCsI2021>(id)));

    /// <summary>
    /// The member of experiment <paramref name="id"/> with likelihood <paramref name="kind"/>. Throws
    /// <see cref="ArgumentException"/> for an unknown id or an experiment without that likelihood.
    /// </summary>
    public static LimitMember Create(string id, LikelihoodKind kind)
    {
        var x = ExperimentRegistry.Load(id);
        // a member's νN → χN is the model in use when it was built: cached per data folder and model
        string key = $"fits.member.{(kind == LikelihoodKind.EnergyTime ? "energy-time" : "energy-only")}.{x.Id}{ModelKey}";
        if (kind == LikelihoodKind.EnergyTime && !HasEnergyTime(x.Id)) return NewMember(x.Id, kind); // throws, naming the experiments that have it
        return DataFiles.Cached(key, () => NewMember(x.Id, kind));
    }
}

/// <summary>
/// A model summed over its inner axis: bins (i, j) of a PE-major grid (index i × inner + j) become bins i, for the
/// expected and the observed counts alike. CsI 2021's energy × time model summed over arrival time is the same
/// likelihood (response, backgrounds, nuisances) without the timing information.
/// </summary>
public sealed class ProjectedModel : IBinnedModel
{
    private readonly IBinnedModel inner;
    private readonly int outer, width;
    private readonly double[] scratch, observed;

    /// <summary>Projects <paramref name="inner"/> (outer × width bins) onto its outer axis.</summary>
    public ProjectedModel(IBinnedModel inner, int width)
    {
        this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
        if (width < 1 || inner.Observed.Count % width != 0) throw new ArgumentException($"{inner.Name}: {inner.Observed.Count} bins are not a whole number of rows of {width}", nameof(width));
        this.width = width;
        outer = inner.Observed.Count / width;
        scratch = new double[inner.Observed.Count];
        observed = new double[outer];
        for (int i = 0; i < outer; i++)
            for (int j = 0; j < width; j++) observed[i] += inner.Observed[i * width + j];
    }

    /// <inheritdoc/>
    public string Name => inner.Name;
    /// <inheritdoc/>
    public IReadOnlyList<double> Observed => observed;
    /// <inheritdoc/>
    public IReadOnlyList<FitParameter> Parameters => inner.Parameters;

    /// <inheritdoc/>
    public void Expected(ReadOnlySpan<double> values, Span<double> expected)
    {
        inner.Expected(values, scratch);
        for (int i = 0; i < outer; i++)
        {
            double s = 0;
            for (int j = 0; j < width; j++) s += scratch[i * width + j];
            expected[i] = s;
        }
    }
}

/// <summary>CsI 2021's energy × time likelihood summed over arrival time (<see cref="ProjectedModel"/>): the energy-only likelihood on the same grid, response and nuisances.</summary>
public sealed class CsI2021EnergyProjectionMember(CsI2021EnergyTimeMember energyTime) : LimitMember
{
    /// <inheritdoc/>
    public override string Id => energyTime.Id;
    /// <inheritdoc/>
    public override LikelihoodKind Kind => LikelihoodKind.EnergyOnly;
    /// <inheritdoc/>
    public override double MaxNeutrinoEnergy => energyTime.MaxNeutrinoEnergy;
    /// <inheritdoc/>
    public override int BinCount => energyTime.Templates.PeBins;
    /// <inheritdoc/>
    public override MemberSignal Signal(double mchi, double ms) => energyTime.Signal(mchi, ms);

    /// <inheritdoc/>
    public override IBinnedModel Model(MemberSignal signal, double scale, IReadOnlyList<double>? observed = null)
    {
        // Asimov data come projected (PE bins): spread each over the time bins so that the projection gives them back
        int nT = energyTime.Templates.TimeBins;
        IReadOnlyList<double>? full = observed is null ? null : observed.SelectMany(n => Enumerable.Repeat(n / nT, nT)).ToArray();
        return new ProjectedModel(energyTime.Model(signal, scale, full), nT);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Id}:energy-time-summed-over-time";
}

/// <summary>COHERENT LAr 2020 in energy × F90 × time: <see cref="LAr2020Model"/> in its SNS-flux form with the νN → χN template.</summary>
public sealed class LAr2020EnergyTimeMember : LimitMember
{
    private readonly NuChiRecoilPlans plans;

    /// <summary>The member over shared templates.</summary>
    public LAr2020EnergyTimeMember(LAr2020Templates templates)
    {
        Templates = templates ?? throw new ArgumentNullException(nameof(templates));
        plans = new NuChiRecoilPlans(templates, templates.RecoilEdges.Count - 1);
    }

    /// <summary>The release and kernel templates (shared, read-only).</summary>
    public LAr2020Templates Templates { get; }
    /// <inheritdoc/>
    public override string Id => Templates.Release.Experiment.Id;
    /// <inheritdoc/>
    public override LikelihoodKind Kind => LikelihoodKind.EnergyTime;
    /// <inheritdoc/>
    public override double MaxNeutrinoEnergy => Templates.Flux.MaxEnergy;
    /// <inheritdoc/>
    public override int BinCount => LAr2020Release.Cells;

    /// <inheritdoc/>
    public override MemberSignal Signal(double mchi, double ms)
    {
        var template = Templates.Template(plans.Counts(mchi, ms));
        return new MemberSignal(template.NominalSum, template);
    }

    /// <inheritdoc/>
    public override IBinnedModel Model(MemberSignal signal, double scale, IReadOnlyList<double>? observed = null) =>
        new LAr2020Model(Templates.Release, Templates, ((InterpolatedTemplate)signal.Templates).Scaled(scale), observed);
}
