using MathNet.Numerics.Distributions;
using MathNet.Numerics.Interpolation;
using NuDM.App.Cevns;
using NuDM.App.Experiments;
using NuDM.App.Statistics.Likelihood;
using NuDM.Physics;

namespace NuDM.App.Fits;

/// <summary>
/// Events above a threshold in nuclear recoil T from counts on a fine recoil grid: the cumulative count from the top,
/// C(T) = Σ_{bins above T}, at the grid's edges, interpolated by a monotone cubic (PCHIP), so C is C¹ in the threshold.
/// Recoil energies in the grid's unit (keVnr).
/// </summary>
public sealed class CountAbove
{
    private readonly CubicSpline spline;
    private readonly double lo, hi, total;

    /// <summary>The cumulative of <paramref name="counts"/> on bins with <paramref name="edges"/>.</summary>
    public CountAbove(IReadOnlyList<double> edges, IReadOnlyList<double> counts)
    {
        if (edges.Count != counts.Count + 1) throw new ArgumentException($"{counts.Count} bins need {counts.Count + 1} edges, got {edges.Count}");
        var c = new double[edges.Count];
        for (int i = counts.Count - 1; i >= 0; i--) c[i] = c[i + 1] + counts[i];
        spline = CubicSpline.InterpolatePchipSorted(edges.ToArray(), c);
        lo = edges[0];
        hi = edges[^1];
        total = c[0];
    }

    /// <summary>C(T): the events above recoil T (all of them below the grid, none above it).</summary>
    public double At(double threshold) => threshold <= lo ? total : threshold >= hi ? 0 : Math.Max(0, spline.Interpolate(threshold));
}

/// <summary>
/// The one-bin Poisson model of a published reactor count (CONUS+ 2025; data/experiments/conus-plus-2025.yaml):
/// <code>
/// SM fit:        μ = N + b
/// new physics:   μ = f [C_SM(T) + r s C_χ(T)] + b,   T = E_ee⁻¹(E_thr; k)
/// </code>
/// with C the kernel's reactor rates on Ge integrated above the recoil T whose Lindhard ionisation energy is the
/// threshold E_thr (kernel <see cref="Lindhard"/>), N the CEvNS count (free), f the flux normalisation (σ_a), k Lindhard's
/// parameter (Gaussian), E_thr the threshold (Gaussian: the published 160–180 eV as 170 ± 10 eV) and b the background in the on exposure (Gaussian, from the off measurement: see
/// <see cref="ConusPlus2025.OnBackground"/>). The observed count is the on-count S + B the published numbers imply.
/// </summary>
public sealed class ConusPlusModel : IBinnedModel
{
    /// <summary>Parameter names.</summary>
    public const string Events = "conus_plus_cevns_events", Background = "conus_plus_background", LindhardK = "conus_plus_lindhard_k",
        Flux = "conus_plus_reactor_flux", ThresholdEe = "conus_plus_threshold_kev_ee";

    private readonly ConusPlus2025 x;
    private readonly CountAbove sm;
    private readonly CountAbove? np;
    private readonly double[] observed;
    private double cachedK = double.NaN, cachedEe = double.NaN, cachedThreshold;

    /// <summary>The SM fit (<paramref name="newPhysics"/> null) or the new-physics form; <paramref name="observed"/> replaces the on-count (Asimov).</summary>
    public ConusPlusModel(ConusPlus2025 experiment, IReadOnlyList<double> standardModel, IReadOnlyList<double>? newPhysics = null, IReadOnlyList<double>? observed = null)
    {
        x = experiment ?? throw new ArgumentNullException(nameof(experiment));
        var edges = x.Bins.ObservableEdges;
        sm = new CountAbove(edges, standardModel);
        np = newPhysics is null ? null : new CountAbove(edges, newPhysics);
        this.observed = (observed ?? [x.ObservedEvents + x.OnBackground]).ToArray();
        if (this.observed.Length != 1 || !(double.IsFinite(this.observed[0]) && this.observed[0] >= 0)) throw new ArgumentException("one finite observed count ≥ 0 is needed", nameof(observed));
        Prediction = sm.At(Threshold(x.LindhardK, x.ThresholdKevEe));
        string source = "arXiv:2501.05206v2 (395 ± 106 on − off, 327/60 kg·d on/off): B = (σ² − S)/(1 + on/off), width sqrt(B on/off)";
        var ps = new List<FitParameter>();
        if (np is null)
            ps.Add(new FitParameter(Events, FitRole.Interest, Prediction, 0, 20 * Math.Max(Prediction, 1), PriorKind.Flat, 0, "free: the CEvNS events above threshold", scale: 0.1 * Math.Max(Prediction, 1)));
        else
        {
            ps.Add(LimitMember.NewPhysicsStrength);
            ps.Add(new FitParameter(Flux, FitRole.Normalisation, 1, 0.5, 1.5, PriorKind.Gaussian, x.Systematics.SigmaA, "σ_a of conus-plus-2025.yaml (reactor flux)"));
            ps.Add(new FitParameter(LindhardK, FitRole.Shift, x.LindhardK, Math.Max(0.01, x.LindhardK - 5 * x.LindhardKUncertainty), Math.Min(1, x.LindhardK + 5 * x.LindhardKUncertainty),
                PriorKind.Gaussian, x.LindhardKUncertainty, "Lindhard's theoretical 0.157; width: CONUS's measured 0.162 ± 0.004 (arXiv:2202.03754)"));
            ps.Add(new FitParameter(ThresholdEe, FitRole.Shift, x.ThresholdKevEe, Math.Max(1e-3, x.ThresholdKevEe - 5 * x.ThresholdUncertaintyKevEe),
                x.ThresholdKevEe + 5 * x.ThresholdUncertaintyKevEe, PriorKind.Gaussian, x.ThresholdUncertaintyKevEe, "the published 160–180 eV(ee) thresholds as their middle ± half the range, keVee"));
        }
        ps.Add(new FitParameter(Background, FitRole.Normalisation, x.OnBackground, 0, x.OnBackground + 10 * x.BackgroundUncertainty, PriorKind.Gaussian, x.BackgroundUncertainty, source));
        Parameters = ps;
    }

    /// <inheritdoc/>
    public string Name => x.Id;
    /// <inheritdoc/>
    public IReadOnlyList<double> Observed => observed;
    /// <inheritdoc/>
    public IReadOnlyList<FitParameter> Parameters { get; }
    /// <summary>The SM CEvNS events above threshold at nominal k and flux.</summary>
    public double Prediction { get; }
    /// <summary>The experiment.</summary>
    public ConusPlus2025 Experiment => x;

    /// <summary>The recoil (keVnr) whose Lindhard ionisation energy is the threshold <paramref name="thresholdKevEe"/> (keVee), for Lindhard's k.</summary>
    public double Threshold(double k, double thresholdKevEe)
    {
        if (k.Equals(cachedK) && thresholdKevEe.Equals(cachedEe)) return cachedThreshold;
        cachedThreshold = Lindhard.RecoilEnergy(thresholdKevEe, k, x.Z);
        cachedK = k;
        cachedEe = thresholdKevEe;
        return cachedThreshold;
    }

    /// <summary>SM (or, with <paramref name="newPhysics"/>, νN → χN at the template's coupling) events above the threshold (keVee) for k.</summary>
    public double SignalAbove(double k, double thresholdKevEe, bool newPhysics = false) =>
        (newPhysics ? np ?? throw new InvalidOperationException("no new-physics template") : sm).At(Threshold(k, thresholdKevEe));

    /// <inheritdoc/>
    public void Expected(ReadOnlySpan<double> v, Span<double> mu)
    {
        if (np is null) { mu[0] = v[0] + v[1]; return; }
        double t = Threshold(v[2], v[3]);
        mu[0] = v[1] * (sm.At(t) + v[0] * np.At(t)) + v[4];
    }

    /// <summary>The SM fit of the one-bin count: the CEvNS events with their 1σ profile interval, the prediction with its k and flux spread.</summary>
    public static StandardModelFitResult Fit(ConusPlus2025 experiment, bool asimov)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var cm = new CevnsModel(experiment);
        var probe = new ConusPlusModel(experiment, cm.StandardModel);
        var model = asimov ? new ConusPlusModel(experiment, cm.StandardModel, observed: [probe.Prediction + experiment.OnBackground]) : probe;
        var likelihood = new JointLikelihood([model]);
        var best = Profiler.Minimise(likelihood);
        var errors = Profiler.Errors(likelihood, best);
        var (lo, hi) = Profiler.Interval(likelihood, Events, best, 1.0, stepGuess: 0.1 * model.Prediction);
        double k = experiment.LindhardK, dk = experiment.LindhardKUncertainty, e = experiment.ThresholdKevEe, de = experiment.ThresholdUncertaintyKevEe;
        double kShift = 0.5 * (model.SignalAbove(k + dk, e) - model.SignalAbove(k - dk, e)), eShift = 0.5 * (model.SignalAbove(k, e + de) - model.SignalAbove(k, e - de));
        double fluxShift = experiment.Systematics.SigmaA * model.Prediction;
        double spread = Math.Sqrt(kShift * kShift + eShift * eShift + fluxShift * fluxShift); // statistics: independent shifts in quadrature
        var ps = likelihood.Parameters;
        var estimates = ps.Select((p, i) => new ParameterEstimate(p.Name, p.Role, best.Values[i], errors[i], p.Nominal, p.PriorWidth, p.Source)).ToArray();
        double deviance = likelihood.Deviance(0, best.Values), pulls = likelihood.Pulls(best.Values);
        int dof = likelihood.BinCount - ps.Count + ps.Count(p => p.Prior == PriorKind.Gaussian);
        double pValue = dof > 0 ? 1 - ChiSquared.CDF(dof, deviance + pulls) : double.NaN;
        return new StandardModelFitResult(experiment.Id, "one-bin", asimov, best.Values[0], lo, hi, model.Prediction, spread, estimates, deviance, pulls,
            likelihood.BinCount, ps.Count, pValue, model.Observed[0]);
    }
}

/// <summary>CONUS+ 2025 in a limit: its one-bin count (<see cref="ConusPlusModel"/>, new-physics form).</summary>
public sealed class ConusPlusMember : LimitMember
{
    private readonly CevnsModel model;

    /// <summary>The member over the experiment's CEvNS model (its fine recoil grid).</summary>
    public ConusPlusMember(CevnsModel model)
    {
        this.model = model ?? throw new ArgumentNullException(nameof(model));
        Experiment = model.Experiment as ConusPlus2025 ?? throw new ArgumentException($"{model.Experiment.Id} is not a one-bin published count", nameof(model));
    }

    /// <summary>The experiment.</summary>
    public ConusPlus2025 Experiment { get; }
    /// <inheritdoc/>
    public override string Id => Experiment.Id;
    /// <inheritdoc/>
    public override LikelihoodKind Kind => LikelihoodKind.EnergyOnly;
    /// <inheritdoc/>
    public override double MaxNeutrinoEnergy => model.MaxNeutrinoEnergy;
    /// <inheritdoc/>
    public override int BinCount => 1;

    /// <inheritdoc/>
    public override MemberSignal Signal(double mchi, double ms)
    {
        var shape = model.SignalShape(mchi, ms);
        double events = new CountAbove(Experiment.Bins.ObservableEdges, shape).At(Lindhard.RecoilEnergy(Experiment.ThresholdKevEe, Experiment.LindhardK, Experiment.Z));
        return new MemberSignal(events, shape);
    }

    /// <inheritdoc/>
    public override IBinnedModel Model(MemberSignal signal, double scale, IReadOnlyList<double>? observed = null) =>
        new ConusPlusModel(Experiment, model.StandardModel, ((double[])signal.Templates).Select(v => v * scale).ToArray(), observed);
}
