using System.Collections.Concurrent;
using NuDM.App.Experiments;
using NuDM.App.Rates;
using NuDM.App.Statistics;
using NuDM.Physics;

namespace NuDM.App.Cevns;

/// <summary>Bin counts of one experiment at one parameter point.</summary>
/// <param name="Experiment">The experiment id.</param>
/// <param name="ObservableEdges">Bin edges in the experiment's observable (PE, keVnr, …).</param>
/// <param name="StandardModel">SM CEvNS counts per bin.</param>
/// <param name="NewPhysics">νN → χN counts per bin at the given ȳ.</param>
/// <param name="Background">Background counts per bin.</param>
/// <param name="Observed">Observed counts (or residuals) per bin, null for a sensitivity.</param>
public sealed record Spectrum(string Experiment, IReadOnlyList<double> ObservableEdges, double[] StandardModel, double[] NewPhysics,
    IReadOnlyList<double> Background, IReadOnlyList<double>? Observed)
{
    /// <summary>SM + new physics per bin.</summary>
    public double[] Total => StandardModel.Select((s, i) => s + NewPhysics[i]).ToArray();
}

/// <summary>
/// One experiment with the kernel physics plugged in: the SM prediction (computed once), νN → χN signal shapes
/// (a rate plan per m_χ, cached; ȳ and m_S vary without rebuilding it), spectra and 90% CL limits on ȳ
/// (seed 001 eqs. 2.25–2.30).
/// </summary>
public sealed class CevnsModel
{
    private readonly ConcurrentDictionary<double, RatePlan> _plans = new();
    private readonly Lazy<double[]> _sm;
    private readonly Lazy<IBinnedStatistic> _stat;
    private readonly Lazy<IBinnedStatistic> _asimovStat;

    /// <summary>Builds the model of an experiment (flux, setup and SM plan are prepared lazily).</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="formFactor">Nuclear form factor; null: the experiment's default.</param>
    /// <param name="options">Rate-integration options; null: <see cref="RateOptions.Default"/>.</param>
    /// <param name="statistic">The test statistic of the limits: the χ² of seed 001 eq. (2.29) (default) or a Poisson
    /// likelihood (needs counts: Asimov data, or an experiment whose data are not background-subtracted residuals).</param>
    public CevnsModel(CevnsExperiment experiment, FormFactorModel? formFactor = null, RateOptions? options = null,
        StatisticKind statistic = StatisticKind.ChiSquare)
    {
        Experiment = experiment ?? throw new ArgumentNullException(nameof(experiment));
        KernelPhysics.RequireCoherentModel();
        Definition = ModelInUse.Definition;
        _choice = ModelInUse.Capture();
        ModelKey = ModelInUse.KeyPart;
        FormFactor = formFactor ?? KernelPhysics.DefaultFormFactor(experiment);
        Options = options ?? RateOptions.Default;
        Setup = experiment.CreateDetectorSetup();
        Flux = KernelPhysics.Flux(experiment);
        KernelPhysics.CheckAntineutrinosScatterAlike(Flux);
        MaxNeutrinoEnergy = Flux.MaxEnergy;
        _sm = new(() =>
        {
            var process = KernelPhysics.StandardModel(FormFactor);
            return RatePlan.Build(Setup, Flux, process, Options).Evaluate(process.CrossSection);
        });
        Statistic = statistic;
        _stat = new(() => ExperimentStatistics.Create(Experiment, _sm.Value, statistic));
        _asimovStat = new(() => ExperimentStatistics.Create(Experiment, _sm.Value, statistic, asimov: true));
    }

    /// <summary>The experiment.</summary>
    public CevnsExperiment Experiment { get; }
    /// <summary>The model whose ν N → χ N this computes (the one in use when it was built; see <see cref="ModelInUse"/>).</summary>
    public ModelDefinition Definition { get; }
    /// <summary>The model and the --param values it computes with (captured when it was built).</summary>
    private readonly ModelInUse.Choice _choice;
    /// <summary>What the model adds to checkpoint keys (<see cref="ModelInUse.KeyPart"/> when it was built: the file's hash and
    /// the --param values).</summary>
    public string ModelKey { get; }
    /// <summary>The nuclear form factor used.</summary>
    public FormFactorModel FormFactor { get; }
    /// <summary>The test statistic the limits use.</summary>
    public StatisticKind Statistic { get; }
    /// <summary>Integration options.</summary>
    public RateOptions Options { get; }
    /// <summary>Bins, targets, acceptance and exposure.</summary>
    public DetectorSetup Setup { get; }
    /// <summary>The neutrino flux at the detector.</summary>
    public FluxSet Flux { get; }
    /// <summary>Largest neutrino energy of the flux (MeV).</summary>
    public double MaxNeutrinoEnergy { get; }

    /// <summary>SM CEvNS counts per bin.</summary>
    public double[] StandardModel => _sm.Value;

    private RatePlan PlanFor(double mchi) =>
        _plans.GetOrAdd(mchi, m =>
        {
            using var scope = ModelInUse.UseCaptured(_choice);
            return RatePlan.Build(Setup, Flux, KernelPhysics.NuChi(m, 0.0, FormFactor), Options,
                // the adaptive panels must resolve both a light and a heavy mediator
                [KernelPhysics.NuChiCrossSection(m, 0.0, FormFactor), KernelPhysics.NuChiCrossSection(m, 100.0, FormFactor)]);
        });

    /// <summary>νN → χN counts per bin at ȳ = 1 (counts scale as ȳ⁴).</summary>
    public double[] SignalShape(double mchi, double ms)
    {
        if (!(mchi >= 0) || !double.IsFinite(mchi)) throw new ArgumentOutOfRangeException("m_chi", mchi, "m_chi must be a finite number ≥ 0 MeV");
        if (!(ms >= 0) || !double.IsFinite(ms)) throw new ArgumentOutOfRangeException("m_S", ms, "m_S must be a finite number ≥ 0 MeV");
        var counts = new double[Setup.BinCount];
        // above the largest neutrino energy nothing is produced: no plan, zero signal
        if (mchi >= MaxNeutrinoEnergy) return counts;
        var plan = PlanFor(mchi);
        using (ModelInUse.UseCaptured(_choice)) plan.Evaluate(KernelPhysics.NuChiCrossSection(mchi, ms, FormFactor), counts);
        return counts;
    }

    /// <summary>The spectrum at (ȳ, m_χ, m_S).</summary>
    public Spectrum SpectrumAt(double ybar, double mchi, double ms)
    {
        if (!(ybar >= 0) || !double.IsFinite(ybar)) throw new ArgumentOutOfRangeException("ybar", ybar, "ybar must be a finite number ≥ 0");
        var shape = SignalShape(mchi, ms);
        var y4 = Math.Pow(ybar, Definition.EffectiveCouplingPower); // numerics: the shape at ȳ = 1 scaled by ȳ^p, p derived by the kernel
        return new Spectrum(Experiment.Id, Experiment.Bins.ObservableEdges, StandardModel, shape.Select(s => s * y4).ToArray(),
            Experiment.Background, Experiment.Observed?.Counts);
    }

    /// <summary>
    /// 90% CL upper limit on ȳ at (m_χ, m_S): Δχ² = 2.706 relative to the SM (seed 001 eq. 2.29); against the data
    /// where published, against the SM Asimov data for a sensitivity (or when <paramref name="asimov"/> is set).
    /// "No constraint" when χ cannot be produced or Δχ² never reaches the threshold.
    /// </summary>
    public LimitResult YbarLimit(double mchi, double ms, bool asimov = false)
    {
        var shape = SignalShape(mchi, ms);
        if (shape.All(s => s == 0))
            return LimitResult.NoConstraint($"no νN → χN events: m_χ = {mchi:G4} MeV exceeds what the largest neutrino energy ({MaxNeutrinoEnergy:G4} MeV) can produce");
        var stat = asimov || Experiment.Observed is null ? _asimovStat.Value : _stat.Value;
        return LimitFinder.UpperLimit(stat, StandardModel, shape, power: Definition.EffectiveCouplingPower, new LimitOptions { LowerBound = 1e-9, UpperBound = 10, RelativeAccuracy = 1e-6 });
    }
}
