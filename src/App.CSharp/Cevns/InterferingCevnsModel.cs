using MathNet.Numerics.RootFinding;
using NuDM.App.Experiments;
using NuDM.App.Rates;
using NuDM.App.Statistics;
using NuDM.Physics;

namespace NuDM.App.Cevns;

/// <summary>Bin counts of one experiment for a model whose ν N → ν N interferes with the SM (a light Z').</summary>
/// <param name="Experiment">The experiment id.</param>
/// <param name="ObservableEdges">Bin edges in the experiment's observable (PE, keVnr, …).</param>
/// <param name="Flavours">The flux's flavours, in the order of the per-flavour arrays.</param>
/// <param name="StandardModel">The SM prediction per bin: the model's ν N → ν N at g_ν = g_q = 0 (exact kinematics).</param>
/// <param name="Predicted">The prediction per bin with the mediator (SM + mediator, interfering), in place of the SM's.</param>
/// <param name="StandardModelByFlavour">The SM prediction per flavour and bin.</param>
/// <param name="PredictedByFlavour">The prediction with the mediator per flavour and bin.</param>
/// <param name="Background">Background counts per bin.</param>
/// <param name="Observed">Observed counts (or residuals) per bin, null for a sensitivity.</param>
public sealed record InterferingSpectrum(string Experiment, IReadOnlyList<double> ObservableEdges, IReadOnlyList<NeutrinoFlavour> Flavours,
    double[] StandardModel, double[] Predicted, IReadOnlyList<double[]> StandardModelByFlavour, IReadOnlyList<double[]> PredictedByFlavour,
    IReadOnlyList<double> Background, IReadOnlyList<double>? Observed);

/// <summary>An interval [Lower, Upper] of the coupling g (dimensionless).</summary>
public readonly record struct CouplingInterval(double Lower, double Upper);

/// <summary>
/// The 90 % CL outcome at one mediator mass for an interfering prediction, which is not monotonic in g: the intervals of
/// g in [<see cref="SearchLower"/>, <see cref="SearchUpper"/>] where Δχ² ≤ the threshold (allowed), the rest excluded.
/// </summary>
/// <param name="MediatorMass">m of the mediator (MeV).</param>
/// <param name="Allowed">The allowed intervals of g, ascending and disjoint.</param>
/// <param name="SearchLower">The smallest g searched.</param>
/// <param name="SearchUpper">The largest g searched.</param>
/// <param name="BestFitCoupling">The g of the smallest Δχ² found (SearchLower when the SM end fits best).</param>
/// <param name="BestFitDeltaChiSquare">Δχ² relative to the SM at <see cref="BestFitCoupling"/> (negative when the data prefer the mediator).</param>
public sealed record CouplingScan(double MediatorMass, IReadOnlyList<CouplingInterval> Allowed, double SearchLower, double SearchUpper,
    double BestFitCoupling, double BestFitDeltaChiSquare)
{
    /// <summary>Whether g = <see cref="SearchLower"/> (≈ the SM) is allowed.</summary>
    public bool AllowedAtLower => Allowed.Count > 0 && Allowed[0].Lower == SearchLower;

    /// <summary>
    /// The smallest excluded g: the upper end of the allowed interval that starts at the SM end; NaN when nothing is
    /// excluded in the search range; <see cref="SearchLower"/> when even the smallest g is excluded.
    /// </summary>
    public double LowestExcluded =>
        !AllowedAtLower ? SearchLower
        : Allowed[0].Upper >= SearchUpper ? double.NaN
        : Allowed[0].Upper;

    /// <summary>The allowed islands above the first excluded g (e.g. Q' ≈ −Q_W for destructive interference).</summary>
    public IReadOnlyList<CouplingInterval> Islands => AllowedAtLower ? Allowed.Skip(1).ToArray() : Allowed;

    /// <summary>A sentence: the excluded and allowed intervals.</summary>
    public string Describe()
    {
        if (Allowed.Count == 0) return $"every g in [{Numbers.Significant(SearchLower)}, {Numbers.Significant(SearchUpper)}] is excluded";
        if (Allowed.Count == 1 && AllowedAtLower && Allowed[0].Upper >= SearchUpper)
            return $"no constraint: Δχ² stays below the threshold up to g = {Numbers.Significant(SearchUpper)}";
        var parts = Allowed.Select(a => $"[{Numbers.Significant(a.Lower)}, {Numbers.Significant(a.Upper)}]");
        return $"allowed g: {string.Join(" ∪ ", parts)}";
    }
}

/// <summary>
/// One experiment's CEvNS prediction for a model without a dark fermion whose mediator interferes with the SM's Z
/// exchange (models/light-vector.yaml: Q_W → Q' = Q_W − (√2/G_F) g_ν Q_V/(2MT + m²)). The prediction replaces the SM
/// prediction itself (it is not "SM + new events on top"): each spectrum integrates the kernel's compiled dσ/dT of
/// ν N → ν N (SM + mediator) over one rate plan of the elastic kinematics, shared by every (m, g_ν, g_q). Every flavour
/// of the flux (π DAR: ν_μ, ν_e, ν̄_μ; reactors: ν̄_e) scatters with the same dσ/dT: the mediator couples universally to
/// the left-handed neutrino current, like the Z, and a vector nuclear current gives ν and ν̄ the same coherent cross
/// section (no axial term), so the interference sign is the same for all.
/// <para>
/// Limits use g_ν = g_q = g (times <c>neutrinoSign</c> on g_ν): the universal light vector of the literature, for
/// which g_ν g_q = g² &gt; 0 interferes destructively. The statistic is the experiment's (seed 001 eq. 2.29 χ² with its
/// pulls, or Poisson), and Δχ²(g) = χ²(N(g)) − χ²(N(0)) is measured from the SM, as the other energy-only limits.
/// </para>
/// </summary>
public sealed class InterferingCevnsModel
{
    private readonly Lazy<RatePlan> _plan;
    private readonly Lazy<double[]> _sm;
    private readonly Lazy<IBinnedStatistic> _stat;
    private readonly Lazy<IBinnedStatistic> _asimovStat;
    private readonly Dictionary<NeutrinoFlavour, RatePlan> _flavourPlans = [];
    private readonly RecoilCrossSectionFunction _function;
    private readonly ModelParameter _mediatorMass, _quarkCoupling, _neutrinoCoupling;

    /// <summary>The model in use must be interfering (<see cref="KernelPhysics.IsInterferingModel"/>).</summary>
    /// <exception cref="UserInputException">The model in use is not an interfering one.</exception>
    public InterferingCevnsModel(CevnsExperiment experiment, FormFactorModel? formFactor = null, RateOptions? options = null,
        StatisticKind statistic = StatisticKind.ChiSquare)
    {
        Experiment = experiment ?? throw new ArgumentNullException(nameof(experiment));
        Definition = ModelInUse.Definition;
        _choice = ModelInUse.Capture();
        ModelKey = ModelInUse.KeyPart;
        if (Definition.CoherentScatteringObstacle is { } why) throw new UserInputException(why);
        if (!KernelPhysics.IsInterferingModel)
            throw new UserInputException($"model '{Definition.Model.Name}' has no ν N → ν N interfering with the SM (it needs no dark fermion and a mediator coupled to ν and quarks)");
        _function = KernelPhysics.InterferingProcess.CompileDifferentialCrossSection();
        _mediatorMass = Definition.MediatorMass;
        _quarkCoupling = Definition.EffectiveCoupling;
        _neutrinoCoupling = KernelPhysics.NeutrinoCoupling;
        FormFactor = formFactor ?? KernelPhysics.DefaultFormFactor(experiment);
        Options = options ?? RateOptions.Default;
        Statistic = statistic;
        Setup = experiment.CreateDetectorSetup();
        Flux = KernelPhysics.Flux(experiment);
        _plan = new(() => BuildPlan(Flux));
        _sm = new(() => Counts(0.0, 0.0, 0.0));
        _stat = new(() => ExperimentStatistics.Create(Experiment, _sm.Value, statistic));
        _asimovStat = new(() => ExperimentStatistics.Create(Experiment, _sm.Value, statistic, asimov: true));
    }

    /// <summary>The experiment.</summary>
    public CevnsExperiment Experiment { get; }
    /// <summary>The model (the one in use when this was built).</summary>
    public ModelDefinition Definition { get; }
    /// <summary>The model and the --param values it computes with (captured when it was built).</summary>
    private readonly ModelInUse.Choice _choice;
    /// <summary>What the model adds to checkpoint keys (<see cref="ModelInUse.KeyPart"/> when it was built).</summary>
    public string ModelKey { get; }
    /// <summary>The nuclear form factor used.</summary>
    public FormFactorModel FormFactor { get; }
    /// <summary>Integration options.</summary>
    public RateOptions Options { get; }
    /// <summary>The test statistic of the limits.</summary>
    public StatisticKind Statistic { get; }
    /// <summary>Bins, targets, acceptance and exposure.</summary>
    public DetectorSetup Setup { get; }
    /// <summary>The neutrino flux at the detector.</summary>
    public FluxSet Flux { get; }

    /// <summary>The rate plan of the elastic kinematics (built once, shared by every point).</summary>
    public RatePlan Plan => _plan.Value;

    /// <summary>The SM prediction per bin: the model's ν N → ν N at g_ν = g_q = 0.</summary>
    public double[] StandardModel => _sm.Value;

    // The panels must resolve the SM shape and the mediator's: a light one (∝ 1/T² at low recoil, alone and interfering)
    // and a heavy one (the SM shape rescaled); the couplings are chosen so that the mediator dominates or interferes at O(1).
    private RatePlan BuildPlan(FluxSet flux)
    {
        using var scope = ModelInUse.UseCaptured(_choice);
        var sm = KernelPhysics.Interfering(1.0, 0.0, 0.0, FormFactor);
        return RatePlan.Build(Setup, flux, sm, Options,
        [
            sm.CrossSection,
            KernelPhysics.InterferingCrossSection(1.0, 1e-4, 1e-4, FormFactor),
            KernelPhysics.InterferingCrossSection(1.0, 1e-3, 1e-3, FormFactor),
            KernelPhysics.InterferingCrossSection(100.0, 1e-3, 1e-3, FormFactor),
        ]);
    }

    private RatePlan FlavourPlan(NeutrinoFlavour flavour)
    {
        lock (_flavourPlans)
        {
            if (!_flavourPlans.TryGetValue(flavour, out var plan))
                _flavourPlans[flavour] = plan = BuildPlan(Flux.Where(f => f == flavour));
            return plan;
        }
    }

    private static void CheckPoint(double mediatorMass, double neutrinoCoupling, double quarkCoupling)
    {
        NuDM.Physics.Argument.InRange("m", mediatorMass, PhysicalRanges.MediatorMass.Min, PhysicalRanges.MediatorMass.Max, "MeV");
        NuDM.Physics.Argument.InRange("g_nu", neutrinoCoupling, PhysicalRanges.SignedCoupling.Min, PhysicalRanges.SignedCoupling.Max, "");
        NuDM.Physics.Argument.InRange("g_q", quarkCoupling, PhysicalRanges.SignedCoupling.Min, PhysicalRanges.SignedCoupling.Max, "");
    }

    /// <summary>Predicted counts per bin (SM + mediator, interfering) at the mediator mass (MeV) and couplings g_ν, g_q.</summary>
    public double[] Counts(double mediatorMass, double neutrinoCoupling, double quarkCoupling)
    {
        var counts = new double[Setup.BinCount];
        Counts(mediatorMass, neutrinoCoupling, quarkCoupling, counts);
        return counts;
    }

    /// <summary>Writes the predicted counts per bin into <paramref name="counts"/>.</summary>
    public void Counts(double mediatorMass, double neutrinoCoupling, double quarkCoupling, Span<double> counts)
    {
        CheckPoint(mediatorMass, neutrinoCoupling, quarkCoupling);
        Plan.Evaluate(CrossSection(mediatorMass, neutrinoCoupling, quarkCoupling), counts);
    }

    // the model's compiled dσ/dT (MeV⁻³) at a point, bound once per point (the values checked by CheckPoint)
    private DifferentialCrossSection CrossSection(double mediatorMass, double neutrinoCoupling, double quarkCoupling) =>
        _function.At(ModelInUse.Complete(ParameterPoint.Empty.With(_mediatorMass, mediatorMass).With(_quarkCoupling, quarkCoupling).With(_neutrinoCoupling, neutrinoCoupling)), FormFactor);

    /// <summary>The spectrum at (m, g_ν, g_q): the prediction beside the SM's, in total and per flavour.</summary>
    public InterferingSpectrum SpectrumAt(double mediatorMass, double neutrinoCoupling, double quarkCoupling)
    {
        CheckPoint(mediatorMass, neutrinoCoupling, quarkCoupling);
        DifferentialCrossSection sigma = CrossSection(mediatorMass, neutrinoCoupling, quarkCoupling), sm = CrossSection(mediatorMass, 0.0, 0.0);
        var flavours = Flux.Flavours.ToArray();
        var smBy = flavours.Select(f => FlavourPlan(f).Evaluate(sm)).ToArray();
        var predBy = flavours.Select(f => FlavourPlan(f).Evaluate(sigma)).ToArray();
        return new InterferingSpectrum(Experiment.Id, Experiment.Bins.ObservableEdges, flavours, StandardModel, Plan.Evaluate(sigma),
            smBy, predBy, Experiment.Background, Experiment.Observed?.Counts);
    }

    private IBinnedStatistic StatisticFor(bool asimov) => asimov || Experiment.Observed is null ? _asimovStat.Value : _stat.Value;

    /// <summary>
    /// Δχ²(g) = χ²(N(g)) − χ²(N_SM) at the mediator mass (MeV), with g_ν = <paramref name="neutrinoSign"/> · g and g_q = g;
    /// Asimov data (SM + background) when <paramref name="asimov"/> or the experiment has no data.
    /// </summary>
    public double DeltaChiSquare(double mediatorMass, double g, bool asimov = false, double neutrinoSign = 1.0)
    {
        var stat = StatisticFor(asimov);
        Span<double> buf = stackalloc double[Setup.BinCount];
        Counts(mediatorMass, neutrinoSign * g, g, buf);
        return stat.Minimise(buf).Value - stat.Minimise(StandardModel).Value;
    }

    /// <summary>Counts per bin as a(i) + b(i) p + c(i) p² in the coupling product p = g_ν g_q (g_ν = ±g_q).</summary>
    private sealed record QuadraticCounts(double[] A, double[] B, double[] C)
    {
        public void Evaluate(double p, Span<double> counts)
        {
            for (int i = 0; i < A.Length; i++) counts[i] = A[i] + p * (B[i] + p * C[i]);
        }
    }

    /// <summary>
    /// The counts at one mediator mass as a polynomial of degree 2 in p = g_ν g_q along g_ν = ±g_q, when they are one:
    /// a tree-level amplitude is the SM's plus the mediator's ∝ g_ν g_q, so |M|² — and every bin — is quadratic in p.
    /// Read off from the integrated kernel cross section at p = 0, ±p₁ (p₁ where the mediator's term is as large as the
    /// SM's) and checked at p = 3p₁ and −p₁/2 against the direct integral (relative 1e-9 of the largest bin); null when the
    /// check fails, and the scan then integrates at every g. Nothing of the cross section's form is typed here.
    /// </summary>
    private QuadraticCounts? QuadraticIn(double mediatorMass)
    {
        int n = Setup.BinCount;
        var a = StandardModel;
        double total = a.Sum();
        if (!(total > 0)) return null;
        double CountsAt(double p, double[] into)
        {
            double g = Math.Sqrt(Math.Abs(p)); // numerics: g_q = √|p|, g_ν = sign(p) √|p|
            Counts(mediatorMass, Math.Sign(p) * g, g, into);
            return into.Sum();
        }
        var plus = new double[n];
        var minus = new double[n];
        double p1 = 1e-14;
        // the smallest decade of p at which the counts double (the mediator's term then rivals the SM's)
        while (CountsAt(p1, plus) < 2 * total && p1 < 1.0) p1 *= 10;
        if (CountsAt(p1, plus) < 2 * total) return null;
        CountsAt(-p1, minus);
        var b = new double[n];
        var c = new double[n];
        for (int i = 0; i < n; i++)
        {
            b[i] = (plus[i] - minus[i]) / (2 * p1);
            c[i] = (plus[i] + minus[i] - 2 * a[i]) / (2 * p1 * p1);
        }
        var q = new QuadraticCounts(a, b, c);
        var direct = new double[n];
        var fitted = new double[n];
        foreach (var p in new[] { 3 * p1, -0.5 * p1 })
        {
            CountsAt(p, direct);
            q.Evaluate(p, fitted);
            double scale = direct.Max(Math.Abs);
            for (int i = 0; i < n; i++)
                if (!(Math.Abs(fitted[i] - direct[i]) <= 1e-9 * scale)) return null;
        }
        return q;
    }

    /// <summary>
    /// <see cref="Scan"/> at each mediator mass (MeV), in parallel over all cores; <paramref name="done"/> is told after
    /// each mass (from any thread) how many are finished.
    /// </summary>
    public CouplingScan[] ScanMasses(IReadOnlyList<double> masses, bool asimov = false, Action<int>? done = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(masses);
        var scans = new CouplingScan[masses.Count];
        int finished = 0;
        Parallel.For(0, masses.Count, new ParallelOptions { CancellationToken = cancellation }, i =>
        {
            scans[i] = Scan(masses[i], asimov, cancellation: cancellation);
            done?.Invoke(Interlocked.Increment(ref finished));
        });
        return scans;
    }

    /// <summary>
    /// The allowed and excluded intervals of g (g_ν = sign · g, g_q = g) at one mediator mass (MeV): Δχ² relative to the
    /// SM against <see cref="LimitOptions.Threshold"/> (2.706: 90 % CL, one parameter) on a geometric grid of g (16
    /// points per decade) between the options' bounds, every change of side located by Brent's method in ln g, and every
    /// local minimum of Δχ² above the threshold (or maximum below it) between grid points minimised (golden section) so
    /// that an island narrower than a grid step is found — no monotonicity is assumed.
    /// </summary>
    public CouplingScan Scan(double mediatorMass, bool asimov = false, LimitOptions? options = null, double neutrinoSign = 1.0, CancellationToken cancellation = default)
    {
        options ??= new LimitOptions { LowerBound = 1e-7, UpperBound = PhysicalRanges.SignedCoupling.Max, RelativeAccuracy = 1e-6 };
        if (!(options.UpperBound > options.LowerBound)) throw new ArgumentException($"upper bound {options.UpperBound} must exceed the lower bound {options.LowerBound}");
        if (neutrinoSign is not (1.0 or -1.0)) throw new ArgumentOutOfRangeException(nameof(neutrinoSign), neutrinoSign, "neutrinoSign must be +1 or −1");
        var stat = StatisticFor(asimov);
        double reference = stat.Minimise(StandardModel).Value, thr = options.Threshold;
        var buf = new double[Setup.BinCount];
        var quadratic = QuadraticIn(mediatorMass);
        double F(double u)
        {
            cancellation.ThrowIfCancellationRequested();
            double g = Math.Exp(u); // numerics: the search runs in ln g
            if (quadratic is { } q) q.Evaluate(neutrinoSign * g * g, buf);
            else Counts(mediatorMass, neutrinoSign * g, g, buf);
            double d = stat.Minimise(buf).Value - reference - thr;
            if (double.IsNaN(d)) throw new InvalidOperationException($"Δχ² is NaN at m = {mediatorMass:G6} MeV, g = {g:G6}");
            return d;
        }
        double uLo = Math.Log(options.LowerBound), uHi = Math.Log(options.UpperBound); // numerics: the search runs in ln g
        int n = Math.Max(3, (int)Math.Ceiling((uHi - uLo) / Math.Log(10) * 16) + 1); // numerics: 16 grid points per decade
        var u = new double[n];
        var f = new double[n];
        for (int i = 0; i < n; i++)
        {
            u[i] = i == n - 1 ? uHi : uLo + (uHi - uLo) * i / (n - 1);
            f[i] = F(u[i]);
        }
        double Root(double a, double b) => Brent.FindRoot(F, a, b, options.RelativeAccuracy, 200);
        var roots = new List<double>();
        int best = Array.IndexOf(f, f.Min());
        double bestU = u[best], bestF = f[best];
        for (int i = 0; i + 1 < n; i++)
            if ((f[i] > 0) != (f[i + 1] > 0)) roots.Add(f[i] == 0 ? u[i] : Root(u[i], u[i + 1]));
        for (int i = 1; i + 1 < n; i++)
        {
            bool dip = f[i] > 0 && f[i] <= f[i - 1] && f[i] <= f[i + 1];
            bool bump = f[i] <= 0 && f[i] >= f[i - 1] && f[i] >= f[i + 1];
            if (!dip && !bump) continue;
            double sign = dip ? 1 : -1;
            var objective = MathNet.Numerics.Optimization.ObjectiveFunction.ScalarValue(x => sign * F(x));
            double um, fm;
            try
            {
                var m = MathNet.Numerics.Optimization.GoldenSectionMinimizer.Minimum(objective, u[i - 1], u[i + 1], xTolerance: 1e-7, maxIterations: 200, maxExpansionSteps: 0);
                um = m.MinimizingPoint;
                fm = F(um);
            }
            catch (MathNet.Numerics.Optimization.OptimizationException) { continue; }
            if (fm < bestF) { bestF = fm; bestU = um; }
            if (dip ? fm <= 0 : fm > 0)
            {
                roots.Add(Root(u[i - 1], um));
                roots.Add(Root(um, u[i + 1]));
            }
        }
        if (best > 0 && best < n - 1)
        {
            // the best fit between its grid neighbours (it is reported, not used for the intervals)
            var objective = MathNet.Numerics.Optimization.ObjectiveFunction.ScalarValue(F);
            try
            {
                var m = MathNet.Numerics.Optimization.GoldenSectionMinimizer.Minimum(objective, u[best - 1], u[best + 1], xTolerance: 1e-7, maxIterations: 200, maxExpansionSteps: 0);
                if (m.FunctionInfoAtMinimum.Value < bestF) { bestF = m.FunctionInfoAtMinimum.Value; bestU = m.MinimizingPoint; }
            }
            catch (MathNet.Numerics.Optimization.OptimizationException) { }
        }
        roots.Sort();
        var allowed = new List<CouplingInterval>();
        bool isAllowed = f[0] <= 0;
        double start = uLo;
        foreach (var r in roots)
        {
            if (isAllowed) allowed.Add(new CouplingInterval(Math.Exp(start), Math.Exp(r))); // numerics: back from ln g
            else start = r;
            isAllowed = !isAllowed;
        }
        if (isAllowed) allowed.Add(new CouplingInterval(Math.Exp(start), options.UpperBound)); // numerics: back from ln g
        if (allowed.Count > 0 && f[0] <= 0) allowed[0] = allowed[0] with { Lower = options.LowerBound };
        return new CouplingScan(mediatorMass, allowed, options.LowerBound, options.UpperBound, Math.Exp(bestU), bestF + thr); // numerics: back from ln g
    }
}
