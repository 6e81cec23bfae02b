using System.Collections.Concurrent;
using System.Globalization;
using NuDM.App.Cevns;
using NuDM.App.Constraints;
using NuDM.App.Cosmology;
using NuDM.App.Detection;
using NuDM.App.Experiments;
using NuDM.App.Rates;
using NuDM.App.Statistics;
using NuDM.Physics;

namespace NuDM.App.Scans;

// This file is the only place in Scans/ that knows the physics: a scan point is evaluated through the small interface
// below (IScanObservable), implemented with today's public entry points of Cosmology/, Cevns/, Detection/ and
// Constraints/. When the kernel's Model API lands, only this file changes.

/// <summary>An observable's value at a point: a number, or "not applicable" with the physical reason (an empty cell).</summary>
/// <param name="Value">The value (NaN when not applicable).</param>
/// <param name="Reason">Why there is no value (null when there is one).</param>
public readonly record struct ObservableValue(double Value, string? Reason)
{
    /// <summary>True when the observable has a value at this point.</summary>
    public bool HasValue => Reason is null;

    /// <summary>A value.</summary>
    public static ObservableValue Of(double value) => new(value, null);

    /// <summary>No value here, with the reason (e.g. "m_X outside XENON1T's mass window").</summary>
    public static ObservableValue NotApplicable(string reason) => new(double.NaN, reason);
}

/// <summary>How an observable constrains the model: allowed when the value is at most (or at least) the threshold.</summary>
public enum ConstraintSense
{
    /// <summary>Not a constraint (a derived quantity such as Ωh² or T_KD).</summary>
    None,
    /// <summary>Allowed when value ≤ threshold.</summary>
    AtMost,
    /// <summary>Allowed when value ≥ threshold.</summary>
    AtLeast,
}

/// <summary>
/// One column of a scan: a named quantity with its unit, the model parameters it depends on, and whether it is a
/// constraint. <see cref="Evaluate"/> must be a pure function of those parameters (the engine memoises on them, and
/// shards must reproduce a one-machine run bit for bit) and thread-safe.
/// </summary>
public interface IScanObservable
{
    /// <summary>Column name in the store (letters, digits, underscores).</summary>
    string Name { get; }

    /// <summary>Unit as printed ("" for a dimensionless quantity).</summary>
    string Unit { get; }

    /// <summary>What the column holds and which equation it implements.</summary>
    string Description { get; }

    /// <summary>The model parameters the value depends on (a subset of the model's parameters).</summary>
    IReadOnlyList<string> Needs { get; }

    /// <summary>Whether, and how, it constrains the model.</summary>
    ConstraintSense Sense { get; }

    /// <summary>The constraint's threshold (see <see cref="Sense"/>).</summary>
    double Threshold { get; }

    /// <summary>The value at a point: <paramref name="parameters"/> holds every model parameter in the model's order.</summary>
    ObservableValue Evaluate(ReadOnlySpan<double> parameters);
}

/// <summary>One parameter of a model: its name in the spec and the store, unit, physical range and meaning.</summary>
public sealed record ModelParameter(string Name, string Unit, PhysicalRange Range, string Description);

/// <summary>
/// A model a scan can evaluate: its parameters and a factory for the observables the spec asks for. Today only the
/// seeds' scalar model exists (<see cref="XPhiNuModel"/>).
/// </summary>
public interface IScanModel
{
    /// <summary>The name in the spec (<c>model:</c>).</summary>
    string Name { get; }

    /// <summary>Bumped whenever the physics of an observable changes; part of the model hash kept in a store.</summary>
    string Version { get; }

    /// <summary>The parameters, in the order points carry them.</summary>
    IReadOnlyList<ModelParameter> Parameters { get; }

    /// <summary>The names (and options) of the observables the spec may ask for, for messages and the README.</summary>
    IReadOnlyList<string> ObservableNames { get; }

    /// <summary>
    /// The columns of one spec entry (an observable name with its options; an entry may give several columns, one per
    /// search). Throws <see cref="SpecException"/> through <paramref name="fail"/> for an unknown name or option.
    /// </summary>
    IReadOnlyList<IScanObservable> Create(string name, IReadOnlyDictionary<string, string> options, Func<string, Exception> fail);

    /// <summary>What a worker thread computes with for its whole run (a model file's processes), disposed when it is done;
    /// null when the observables need nothing set. Observables still set it themselves when called on another thread.</summary>
    IDisposable? UseOnThisThread() => null;
}

/// <summary>The models a scan spec can name.</summary>
public static class ScanModels
{
    /// <summary>Every model by name.</summary>
    public static IReadOnlyList<string> Names => ["x-phi-nu"];

    /// <summary>The model named in a spec; null when there is none of that name.</summary>
    public static IScanModel? Find(string name) =>
        string.Equals(name, XPhiNuModel.ModelName, StringComparison.Ordinal) ? new XPhiNuModel() : null;
}

/// <summary>
/// The seeds' scalar model: a Dirac fermion X (seed 001's χ) coupled to neutrinos through a real scalar φ (seed 001's S)
/// that also couples to quarks (seed 000 eq. 1). Parameters m_X (MeV), r = m_φ/m_X, y_X, y_q (universal quark coupling;
/// y_p = 17.6 y_q, seed 000 eqs. 8–9). Every observable is one of the program's existing computations; per-(m_X, r)
/// pieces (the relic search, the freeze-out grid, the CEvNS signal shape, the direct-detection limits, the T_KD table)
/// are cached, so a scan that varies the couplings fastest pays for them once per mass pair.
/// </summary>
public sealed class XPhiNuModel : IScanModel
{
    /// <summary>The name in the spec.</summary>
    public const string ModelName = "x-phi-nu";

    /// <summary>Index of m_X, r, y_X, y_q in a point.</summary>
    public const int MX = 0, R = 1, YX = 2, YQ = 3;

    private readonly Caches _caches = new();

    public string Name => ModelName;

    /// <summary>Version 1: the observables of issue 14 on today's entry points.</summary>
    public string Version => "x-phi-nu/1";

    public IReadOnlyList<ModelParameter> Parameters { get; } =
    [
        new("m_X", "MeV", new PhysicalRange(0.01, 1e4, "MeV",
            "the freeze-out solve holds from 10 keV (g_eff tables) and kinetic decoupling up to 10 GeV; seed 000 considers 1–1000 MeV"),
            "dark-matter mass m_X (seed 001's m_χ)"),
        new("r", "", PhysicalRanges.MassRatio, "r = m_φ/m_X (seed 001's m_S/m_χ)"),
        new("y_X", "", PhysicalRanges.DarkCoupling, "the φ X̄ ν coupling y_X (seed 001's y_χ)"),
        new("y_q", "", PhysicalRanges.QuarkCoupling, "the universal φ q̄ q coupling y_q (seed 000 eq. 1)"),
    ];

    public IReadOnlyList<string> ObservableNames { get; } =
    [
        "relic_coupling", "omega_h2", "delta_chi2 {experiment, statistic: chi2|poisson, data: observed|asimov, threshold}",
        "direct_detection", "borexino", "kinetic_decoupling", "stability", "kaon {measurement}",
    ];

    public IReadOnlyList<IScanObservable> Create(string name, IReadOnlyDictionary<string, string> options, Func<string, Exception> fail)
    {
        void Only(params string[] allowed)
        {
            foreach (var k in options.Keys)
                if (!allowed.Contains(k, StringComparer.Ordinal))
                    throw fail(allowed.Length == 0
                        ? $"observable '{name}' takes no options (got '{k}')"
                        : $"observable '{name}' has no option '{k}'; its options: {string.Join(", ", allowed)}");
        }
        switch (name)
        {
            case "relic_coupling":
                Only();
                return [new RelicCouplingObservable(_caches)];
            case "omega_h2":
                Only();
                return [new OmegaObservable(_caches)];
            case "delta_chi2":
                return CreateDeltaChiSquare(options, fail, _caches);
            case "direct_detection":
                Only();
                return DirectDetection.All.Where(s => s is not BorexinoDownScattering)
                    .Select(s => (IScanObservable)new DownScatteringObservable(_caches, s)).ToList();
            case "borexino":
                Only();
                return [new DownScatteringObservable(_caches, DirectDetection.Borexino)];
            case "kinetic_decoupling":
                Only();
                return [new DecouplingTemperatureObservable(_caches), new LymanAlphaObservable(_caches)];
            case "stability":
                Only();
                return [new StabilityObservable()];
            case "kaon":
            {
                Only("measurement");
                var table = KaonBounds.Table().ToList();
                var label = options.GetValueOrDefault("measurement", table[0].Measurement.Label);
                var row = table.FirstOrDefault(b => string.Equals(b.Measurement.Label, label, StringComparison.OrdinalIgnoreCase))
                          ?? throw fail($"kaon: unknown measurement '{label}'; known: {string.Join("; ", table.Select(b => b.Measurement.Label))}");
                return [new KaonObservable(row)];
            }
            default:
                throw fail($"unknown observable '{name}' of model {ModelName}; known: {string.Join(", ", ObservableNames)}");
        }
    }

    /// <summary>The Δχ² column of a spec entry's options (experiment, statistic, data, threshold) for the model in use
    /// (<see cref="ModelInUse"/>: the experiment's CEvNS model is built with it).</summary>
    internal static IReadOnlyList<IScanObservable> CreateDeltaChiSquare(IReadOnlyDictionary<string, string> options, Func<string, Exception> fail, Caches caches)
    {
        const string name = "delta_chi2";
        foreach (var k in options.Keys)
            if (k is not ("experiment" or "statistic" or "data" or "threshold"))
                throw fail($"observable '{name}' has no option '{k}'; its options: experiment, statistic, data, threshold");
        if (!options.TryGetValue("experiment", out var id))
            throw fail($"delta_chi2 needs an experiment: one of {string.Join(", ", ExperimentRegistry.Ids)}");
        if (!ExperimentRegistry.Ids.Contains(id, StringComparer.Ordinal))
            throw fail($"delta_chi2: unknown experiment '{id}'; known: {string.Join(", ", ExperimentRegistry.Ids)}");
        var stat = options.GetValueOrDefault("statistic", "chi2") switch
        {
            "chi2" => StatisticKind.ChiSquare,
            "poisson" => StatisticKind.Poisson,
            var s => throw fail($"delta_chi2: statistic '{s}' is not chi2 or poisson"),
        };
        bool asimov = options.GetValueOrDefault("data", "observed") switch
        {
            "observed" => false,
            "asimov" => true,
            var s => throw fail($"delta_chi2: data '{s}' is not observed or asimov"),
        };
        double threshold = ConfidenceLevels.DeltaChiSquare(ConfidenceLevels.Ninety, 1);
        if (options.TryGetValue("threshold", out var t) &&
            (!NumberText.TryParse(t, out threshold, out var problem) || !(threshold > 0) || threshold > 100))
            throw fail($"delta_chi2: threshold '{t}' must be a number in (0, 100] (Δχ² of the allowed region; 2.706 is 90% CL for one parameter)");
        var experiment = ExperimentRegistry.Load(id);
        if (stat == StatisticKind.Poisson && ExperimentStatistics.PoissonObstacle(experiment, asimov) is { } why)
            throw fail($"delta_chi2 {id}: {why} (use statistic: chi2, or data: asimov)");
        return [new DeltaChiSquareObservable(caches, id, stat, asimov, threshold)];
    }

    /// <summary>y_p = (y_p/y_q) y_q for a universal quark coupling (seed 000 eqs. 8–9).</summary>
    internal static double ProtonCoupling(double yq) => ModelConstraints.ProtonCoupling(yq);

    /// <summary>σ_NC = y_X² y_p² m_X²/(16π m_φ⁴) in cm² (seed 000 sec. VII).</summary>
    internal static double SigmaNC(ReadOnlySpan<double> p) =>
        ModelConstraints.SigmaNC(p[YX], ProtonCoupling(p[YQ]), p[MX], p[R] * p[MX]);

    // ------------------------------------------------------------------ caches per (m_X, r)

    /// <summary>
    /// Values that depend on (m_X, r) only, built once per pair and shared by all threads (a value is a pure function
    /// of its key, so which thread builds it does not matter). Bounded: past <see cref="Capacity"/> pairs a cache is
    /// emptied and refilled, so a Sobol scan with a new pair at every point does not grow without end.
    /// </summary>
    internal sealed class Caches
    {
        internal const int Capacity = 2048;
        public readonly PairCache<ThermalCrossSection> Annihilation = new();
        public readonly PairCache<RelicCouplingResult> Relic = new();
        public readonly PairCache<FreezeOutGrid> FreezeOutGrids = new();
        public readonly PairCache<DecouplingTable> Decoupling = new();
        public readonly ConcurrentDictionary<string, PairCache<double[]>> Shapes = new(StringComparer.Ordinal);
        public readonly ConcurrentDictionary<string, PairCache<CachedLimit>> Limits = new(StringComparer.Ordinal);
        public readonly PairCache<string> Refusals = new(); // a model file's m_mediator/m_χ outside its range, keyed by (m_χ, m_mediator)
    }

    /// <summary>
    /// ⟨σv⟩₁(T) of X̄X → ν̄ν at unit coupling (<see cref="KernelCosmology.AnnihilationAtUnitCoupling"/>), each temperature's
    /// Gondolo–Gelmini integral computed once per (m_X, r): the relic search and the Ωh² grid sample the same temperatures.
    /// </summary>
    internal static ThermalCrossSection Annihilation(Caches caches, double m, double r) => caches.Annihilation.Get(m, r, (m, r), static a =>
    {
        var (m, r) = a;
        var sigmaV = KernelCosmology.AnnihilationAtUnitCoupling(m, r);
        var memo = new ConcurrentDictionary<long, double>();
        return T => memo.GetOrAdd(BitConverter.DoubleToInt64Bits(T), _ => sigmaV(T));
    });

    internal sealed class PairCache<T>
    {
        private readonly BoundedCache<(long, long), T> _cache = new(Caches.Capacity);

        public T Get(double mX, double r, Func<T> build) => Get(mX, r, build, static b => b());

        /// <summary>The value of (<paramref name="mX"/>, <paramref name="r"/>), built by <paramref name="build"/>(<paramref name="state"/>)
        /// on a miss (<see cref="BoundedCache{TKey, T}"/>).</summary>
        public T Get<TState>(double mX, double r, TState state, Func<TState, T> build) =>
            _cache.Get((BitConverter.DoubleToInt64Bits(mX), BitConverter.DoubleToInt64Bits(r)), state, build);
    }

    // ------------------------------------------------------------------ observables

    internal abstract class Observable : IScanObservable
    {
        public abstract string Name { get; }
        public abstract string Unit { get; }
        public abstract string Description { get; }
        public abstract IReadOnlyList<string> Needs { get; }
        public virtual ConstraintSense Sense => ConstraintSense.None;
        public virtual double Threshold => double.NaN;
        public abstract ObservableValue Evaluate(ReadOnlySpan<double> p);
    }

    /// <summary>The thermal-relic y_X with Ωh² = 0.120 (seed 000 eq. 21, Fig. 5; <see cref="KernelCosmology.RelicCoupling"/>).</summary>
    private sealed class RelicCouplingObservable(Caches caches) : Observable
    {
        public override string Name => "relic_y_X";
        public override string Unit => "";
        public override string Description => "the y_X giving Ωh² = 0.120 by freeze-out of X̄X → ν̄ν (seed 000 eq. 21, Dirac X, Saikawa–Shirai g_eff)";
        public override IReadOnlyList<string> Needs => ["m_X", "r"];

        public override ObservableValue Evaluate(ReadOnlySpan<double> p)
        {
            return ObservableValue.Of(RelicCouplingAt(caches, p[MX], p[R]));
        }
    }

    /// <summary>The thermal-relic coupling at (m_X, r) of the model in use (<see cref="ModelInUse"/>): KernelCosmology.RelicCoupling(m, r)
    /// with the shared ⟨σv⟩₁ (the same numbers, each integral once).</summary>
    internal static double RelicCouplingAt(Caches caches, double m, double r) =>
        caches.Relic.Get(m, r, (caches, m, r), static a => Cosmology.RelicCoupling.Find(a.m, Annihilation(a.caches, a.m, a.r), power: KernelCosmology.AnnihilationCouplingPower,
            nature: KernelCosmology.Nature, options: FreezeOutOptions.Default with { Table = DegreesOfFreedomTable.SaikawaShirai })).Coupling;

    /// <summary>Ωh² by freeze-out at (m_X, r, y_X) of the model in use: the ln⟨σv⟩₁ grid of (m_X, r) shifted by p ln y.</summary>
    internal static double OmegaAt(Caches caches, double m, double r, double y)
    {
        var grid = caches.FreezeOutGrids.Get(m, r, (caches, m, r), static a => OmegaSolver.BuildGrid(a.m, Annihilation(a.caches, a.m, a.r), 2));
        return OmegaSolver.SolveOnGrid(grid, KernelCosmology.AnnihilationCouplingPower * Math.Log(y), KernelCosmology.Nature, 0).OmegaH2; // numerics: the grid holds ln⟨σv⟩₁; y^p shifts it by p ln y (p from the kernel)
    }

    private static readonly FreezeOutSolver OmegaSolver = new(FreezeOutOptions.Default with { OutputPoints = 0 });

    /// <summary>
    /// Ωh² by freeze-out at the point's y_X (seed 000 eq. 21): ⟨σv⟩ = y_X⁴ ⟨σv⟩₁ with ⟨σv⟩₁ the Gondolo–Gelmini average
    /// of the X̄X → ν̄ν amplitude at unit coupling, tabulated once per (m_X, r) (the grid the relic search also uses).
    /// </summary>
    private sealed class OmegaObservable(Caches caches) : Observable
    {
        public override string Name => "omega_h2";
        public override string Unit => "";
        public override string Description => "Ωh² of X + X̄ by freeze-out of X̄X → ν̄ν at this y_X (seed 000 eq. 21, Dirac X)";
        public override IReadOnlyList<string> Needs => ["m_X", "r", "y_X"];

        public override ObservableValue Evaluate(ReadOnlySpan<double> p)
        {
            return ObservableValue.Of(OmegaAt(caches, p[MX], p[R], p[YX]));
        }
    }

    /// <summary>
    /// Δχ² (or −2Δln L) of a CEvNS experiment between the model and the SM (seed 001 eqs. 2.29–2.30): νN → χN with
    /// m_χ = m_X, m_S = r m_X and ȳ⁴ = (y_X y_p)² (y_N/A = y_p for equal proton and neutron couplings; the mapping of
    /// <see cref="LimitCurves.SigmaNCFromYbar"/>), minimised over the normalisation pull. The signal shape at ȳ = 1
    /// is computed once per (m_X, r); the rate plan is the one <see cref="CevnsModel"/> builds for m_χ.
    /// </summary>
    internal class DeltaChiSquareObservable : Observable
    {
        private readonly Caches _caches;
        private readonly CevnsModel _model;
        private readonly IBinnedStatistic _stat;
        private readonly double _smValue;
        private readonly string _key;
        private readonly RateOptions _options;

        public DeltaChiSquareObservable(Caches caches, string experimentId, StatisticKind kind, bool asimov, double threshold)
        {
            _caches = caches;
            _model = LimitCurves.Model(experimentId);
            _stat = ExperimentStatistics.Create(_model.Experiment, _model.StandardModel, kind, asimov);
            _smValue = _stat.Minimise(_model.StandardModel).Value;
            _key = $"{experimentId}|{kind}|{asimov}";
            // the scan's own workers use every core: plans are built on the calling thread (the same segments as in parallel)
            _options = _model.Options with { Parallel = false };
            Threshold = threshold;
            Name = Column("dchi2_" + experimentId + (kind == StatisticKind.Poisson ? "_poisson" : "") + (asimov ? "_asimov" : ""));
            Description = $"{(kind == StatisticKind.Poisson ? "−2Δln L" : "Δχ²")} of {experimentId} ({(asimov || _model.Experiment.Observed is null ? "Asimov SM data" : "observed data")}) " +
                          "relative to the SM, νN → χN with m_χ = m_X, m_S = r m_X, ȳ⁴ = (y_X y_p)² (seed 001 eqs. 2.21, 2.29)";
        }

        public override string Name { get; }
        public override string Unit => "";
        public override string Description { get; }
        public override IReadOnlyList<string> Needs => ["m_X", "r", "y_X", "y_q"];
        public override ConstraintSense Sense => ConstraintSense.AtMost;
        public override double Threshold { get; }

        /// <summary>νN → χN counts per bin at ȳ = 1 (<see cref="CevnsModel.SignalShape"/> with a bounded plan cache).</summary>
        internal double[] Shape(double mchi, double ms)
        {
            var counts = new double[_model.Setup.BinCount];
            if (mchi >= _model.MaxNeutrinoEnergy) return counts; // nothing is produced (as CevnsModel.SignalShape)
            var ff = _model.FormFactor;
            var plan = RatePlan.Build(_model.Setup, _model.Flux, KernelPhysics.NuChi(mchi, 0.0, ff), _options,
                [KernelPhysics.NuChiCrossSection(mchi, 0.0, ff), KernelPhysics.NuChiCrossSection(mchi, 100.0, ff)]);
            plan.Evaluate(KernelPhysics.NuChiCrossSection(mchi, ms, ff), counts);
            return counts;
        }

        public override ObservableValue Evaluate(ReadOnlySpan<double> p)
        {
            double yp = ProtonCoupling(p[YQ]);
            return ObservableValue.Of(At(p[MX], p[R], p[R] * p[MX], (p[YX] * yp) * (p[YX] * yp)));
        }

        /// <summary>Δχ² at m_χ = <paramref name="m"/>, r = m_S/m_χ (the shape's cache key), m_S = <paramref name="ms"/> and
        /// signal strength <paramref name="y4"/> (ȳ^p: the counts at ȳ = 1 scale with it), with the shape of the model in use.</summary>
        internal double At(double m, double r, double ms, double y4)
        {
            var shapes = _caches.Shapes.GetOrAdd(_key, _ => new PairCache<double[]>());
            var shape = shapes.Get(m, r, (self: this, m, ms), static a => a.self.Shape(a.m, a.ms));
            var sm = _model.StandardModel;
            Span<double> prediction = stackalloc double[shape.Length];
            for (int i = 0; i < shape.Length; i++) prediction[i] = sm[i] + y4 * shape[i];
            return _stat.Minimise(prediction).Value - _smValue;
        }
    }

    /// <summary>
    /// X N → ν N at a direct-detection search or Borexino (seed 000 sec. VI–VII, eq. 20): expected signal ÷ the 90% CL
    /// limit, i.e. σ_NC(y_X, y_p, m_X, m_φ) ÷ σ_NC,90(m_X, r); allowed when ≤ 1. Not applicable outside the search's
    /// mass window.
    /// </summary>
    private sealed class DownScatteringObservable(Caches caches, IDownScatteringSearch search) : Observable
    {
        public override string Name { get; } = Column((search is BorexinoDownScattering ? "borexino" : "dd_" + search.Id) + "_ratio");
        public override string Unit => "";
        public override string Description => $"{search.Name}: expected X N → ν N signal ÷ its 90% CL limit (σ_NC ÷ σ_NC,90; seed 000 eq. 20)";
        public override IReadOnlyList<string> Needs => ["m_X", "r", "y_X", "y_q"];
        public override ConstraintSense Sense => ConstraintSense.AtMost;
        public override double Threshold => 1.0;

        public override ObservableValue Evaluate(ReadOnlySpan<double> p)
        {
            double m = p[MX], r = p[R];
            var limit = LimitAt(caches, search, m, r);
            if (limit.NotApplicable is { } why) return ObservableValue.NotApplicable(why);
            return ObservableValue.Of(SigmaNC(p) / limit.Limit.SigmaNC_cm2);
        }
    }

    /// <summary>A search's σ_NC limit at (m_X, r), with the "not applicable" text of a mass it does not bound (built once).</summary>
    internal sealed record CachedLimit(DownScatteringLimit Limit, string? NotApplicable);

    /// <summary>The limit of <paramref name="search"/> at (<paramref name="m"/>, <paramref name="r"/>), once per pair.</summary>
    internal static CachedLimit LimitAt(Caches caches, IDownScatteringSearch search, double m, double r)
    {
        var limits = caches.Limits.GetOrAdd(search.Id, static _ => new PairCache<CachedLimit>());
        return limits.Get(m, r, (search, m, r), static a =>
        {
            var limit = a.search.SigmaNCLimit(a.m, a.r);
            return new CachedLimit(limit, limit.HasBound ? null : $"{a.search.Name}: {limit.NoBoundReason}");
        });
    }

    /// <summary>T_KD (keV) of X from neutrinos, γ = H (seed 000 eqs. 14–15), through <see cref="DecouplingTable"/>.</summary>
    private sealed class DecouplingTemperatureObservable(Caches caches) : Observable
    {
        public override string Name => "T_KD_keV";
        public override string Unit => "keV";
        public override string Description => "kinetic-decoupling temperature γ(T_ν) = H(T) of X from neutrinos (seed 000 eq. 14), photon temperature";
        public override IReadOnlyList<string> Needs => ["m_X", "r", "y_X"];

        public override ObservableValue Evaluate(ReadOnlySpan<double> p)
        {
            var (t, why) = DecouplingTemperature(caches, p[MX], p[R], p[YX]);
            return why is null ? ObservableValue.Of(t / CosmologyUnits.KeV) : ObservableValue.NotApplicable(why);
        }
    }

    /// <summary>The Lyman-α bound as T_KD,min/T_KD (m_WDM &gt; 5.3 keV → T_KD &gt; 1.41 keV, seed 000 eqs. 12–13); allowed when ≤ 1.</summary>
    private sealed class LymanAlphaObservable(Caches caches) : Observable
    {
        private static readonly Lazy<double> Minimum = new(() => Cosmology.KineticDecoupling.MinimumDecouplingTemperature());
        public override string Name => "lyman_alpha_ratio";
        public override string Unit => "";
        public override string Description => "T_KD,min/T_KD with T_KD,min = 1.41 keV from m_WDM > 5.3 keV (seed 000 eqs. 12–13)";
        public override IReadOnlyList<string> Needs => ["m_X", "r", "y_X"];
        public override ConstraintSense Sense => ConstraintSense.AtMost;
        public override double Threshold => 1.0;

        public override ObservableValue Evaluate(ReadOnlySpan<double> p)
        {
            var (t, why) = DecouplingTemperature(caches, p[MX], p[R], p[YX]);
            return why is null ? ObservableValue.Of(Minimum.Value / t) : ObservableValue.NotApplicable(why);
        }
    }

    internal static (double Temperature, string? Reason) DecouplingTemperature(Caches caches, double m, double r, double y)
    {
        var table = caches.Decoupling.Get(m, r, (m, r), static a => new DecouplingTable(a.m, a.r));
        try
        {
            double t = table.Temperature(y, out var notFound);
            return (t, notFound?.Message);
        }
        catch (OutsideValidityException e) when (e is not Cosmology.RateNotConvergedException)
        {
            // does not apply here (decoupling at the resonance, while relativistic, …); a rate that could not be
            // integrated is an error of the point (its status), not an empty cell
            return (double.NaN, e.Message);
        }
    }

    /// <summary>(y_X y_q) ÷ its maximum from X → νγ over the age of the Universe (seed 000 eq. 4, derived from eq. 3); allowed when ≤ 1.</summary>
    private sealed class StabilityObservable : Observable
    {
        public override string Name => "stability_ratio";
        public override string Unit => "";
        public override string Description => "y_X y_q ÷ (y_X y_q)_max with Γ(X → νγ) t_U = 1 (seed 000 eq. 4, derived from eq. 3)";
        public override IReadOnlyList<string> Needs => ["m_X", "r", "y_X", "y_q"];
        public override ConstraintSense Sense => ConstraintSense.AtMost;
        public override double Threshold => 1.0;

        public override ObservableValue Evaluate(ReadOnlySpan<double> p) =>
            ObservableValue.Of(p[YX] * p[YQ] / StabilityCurves.ProductMax(p[MX], p[R]));
    }

    /// <summary>y_q ÷ y_q,max from K⁺ → π⁺ + invisible (seed 000 eq. 2, rescaled per measurement); not applicable for m_φ ≥ m_K − m_π.</summary>
    private sealed class KaonObservable(KaonCouplingBound bound) : Observable
    {
        public override string Name => "kaon_ratio";
        public override string Unit => "";
        public override string Description => $"y_q ÷ y_q,max from K⁺ → π⁺φ ({bound.Measurement.Label}; seed 000 eq. 2, flat below m_K − m_π)";
        public override IReadOnlyList<string> Needs => ["m_X", "r", "y_q"];
        public override ConstraintSense Sense => ConstraintSense.AtMost;
        public override double Threshold => 1.0;

        public override ObservableValue Evaluate(ReadOnlySpan<double> p)
        {
            double mPhi = p[R] * p[MX];
            double max = KaonBounds.YqMaxAt(bound, mPhi, false);
            return double.IsNaN(max)
                ? ObservableValue.NotApplicable($"m_φ = {mPhi.ToString("G6", CultureInfo.InvariantCulture)} MeV is above m_K − m_π: K⁺ → π⁺φ is closed")
                : ObservableValue.Of(p[YQ] / max);
        }
    }

    /// <summary>A column name: letters, digits and underscores only.</summary>
    internal static string Column(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
}

/// <summary>
/// A model read from a file (<c>model: models/vector.yaml</c> in a spec), evaluated through the kernel's model API: every
/// observable is computed with the file's processes (<see cref="ModelInUse"/> is set to the file's definition for each
/// evaluation, on whichever worker thread runs it, and while the observables are built). The scan's parameters are the
/// file's own, by their names and with their ranges there (intersected with the range the program's solvers hold for):
/// the dark fermion's mass, the mediator's mass (given directly, not as a ratio), the coupling of the dark-fermion–neutrino
/// vertex, and the effective coupling the CEvNS commands quote (ȳ of scalar.yaml, ḡ of vector.yaml) when the file
/// declares one; for a model whose ⟨σv⟩(χχ̄ → νν̄) is not a power of a coupling (an s-channel mediator whose width moves
/// with the couplings, <see cref="KernelCosmology.RelicNeedsSearch"/>) also every coupling of that process, so that
/// omega_h2 is Ωh² at the point's couplings and relic_coupling the relic command's search (tied, or <c>hold:</c> some at the
/// point's values). An observable declares the processes it needs; one the model does not have (absent, not zero) is
/// refused when the spec is read, naming the observable, the process and the model. direct_detection and borexino are
/// x-phi-nu's columns through the CLI's <c>--model</c> path (each search's limit with the model in use); stability is
/// the dark fermion's open tree-level two-body decays (the kernel's <see cref="DecayChannels"/>), not x-phi-nu's
/// one-loop X → νγ ratio; kaon is x-phi-nu's only. The definition's <see cref="ModelDefinition.Undecided"/> obligations
/// (the model loaded with a warning for each) are there for a caller to print or record.
/// </summary>
public sealed class FileScanModel : IScanModel
{
    private readonly ModelDefinition _definition;
    private readonly XPhiNuModel.Caches _caches = new();
    private readonly int _mass = -1, _mediator = -1, _dark = -1, _effective = -1;
    private readonly List<ModelParameter> _parameters = [];

    /// <summary>Whether χχ̄ → νν̄'s ⟨σv⟩ is not a power of a coupling (<see cref="KernelCosmology.RelicNeedsSearch"/>: an
    /// s-channel mediator whose width moves with the couplings): the relic columns then search with ⟨σv⟩ recomputed per
    /// coupling, and every coupling of the process is a scan parameter (<see cref="_annihilationCouplings"/>).</summary>
    private readonly bool _relicSearch;

    /// <summary>Every coupling of χχ̄ → νν̄ with its index in a point, for a model that needs the search (else empty).</summary>
    private readonly List<(NuDM.Physics.ModelParameter Coupling, int Index)> _annihilationCouplings = [];

    /// <summary>The relic search's coupling of a mass pair with held couplings (the pair and the held values' bits), or
    /// why there is none; tied couplings use <see cref="XPhiNuModel.Caches"/>' pair caches (<see cref="_tiedRelic"/>).</summary>
    private readonly BoundedCache<HeldKey, SearchOutcome> _heldRelic = new(XPhiNuModel.Caches.Capacity);
    private readonly XPhiNuModel.PairCache<SearchOutcome> _tiedRelic = new();

    /// <summary>The range of the dark fermion's mass the solvers hold for (that of x-phi-nu's m_X), MeV.</summary>
    private static readonly PhysicalRange DarkMass = new(0.01, 1e4, "MeV",
        "the freeze-out solve holds from 10 keV (g_eff tables) and kinetic decoupling up to 10 GeV");

    /// <summary>The mediator's mass: the dark fermion's range times that of r = m_mediator/m_χ, MeV.</summary>
    private static readonly PhysicalRange MediatorMass = new(0.01, 1e8, "MeV",
        "the dark fermion's range [0.01, 1e4] MeV times that of m_mediator/m_χ, (1, 1e4]");

    /// <summary>A coupling of χχ̄ → νν̄ through an s-channel mediator: ⟨σv⟩ and its freeze-out are computed at it (ln y is the
    /// relic search's variable).</summary>
    private static readonly PhysicalRange AnnihilationCoupling = PhysicalRanges.DarkCoupling with
    {
        Why = "Ωh² is computed at it, and ln y is the relic search's variable; " + PhysicalRanges.DarkCoupling.Why,
    };

    /// <summary>The model with the values the spec's <c>param:</c> gives its other parameters (those no scan parameter
    /// covers: the mass of a second mediator), the same at every point: what every evaluation computes with.</summary>
    private readonly ModelInUse.Choice _choice;

    /// <summary>The <c>param:</c> values (empty without).</summary>
    private IReadOnlyDictionary<string, double> Values => _choice.Values;

    /// <summary>Reads the parameters of <paramref name="definition"/> (a model that was loaded and verified).</summary>
    /// <param name="definition">The model.</param>
    /// <param name="values">The spec's <c>param:</c> values (symbol → value; checked by <see cref="CheckValues"/>), or null.</param>
    public FileScanModel(ModelDefinition definition, IReadOnlyDictionary<string, double>? values = null)
    {
        _definition = definition;
        _choice = ModelInUse.Of(definition, values);
        var model = definition.Model;
        int Add(NuDM.Physics.ModelParameter? p, PhysicalRange program, string what)
        {
            if (p is null) return -1;
            double lo = Math.Max(p.Minimum, program.Min), hi = Math.Min(p.Maximum, program.Max);
            var why = (string.IsNullOrEmpty(p.RangeReason) ? $"model '{model.Name}': [{Show(p.Minimum)}, {Show(p.Maximum)}]" : $"model '{model.Name}': {p.RangeReason}") + "; " + program.Why;
            _parameters.Add(new ModelParameter(p.Symbol, program.Unit, new PhysicalRange(lo, hi, program.Unit, why, program.MinExclusive && lo == program.Min),
                $"{what}: {p.Description}"));
            return _parameters.Count - 1;
        }
        if (model.Roles.DarkFermion is { Length: > 0 })
        {
            _mass = Add(definition.DarkFermionMass, DarkMass, "dark-fermion mass");
            _mediator = Add(definition.MediatorMass, MediatorMass, "mediator mass");
            _dark = Add(definition.DarkCoupling, PhysicalRanges.DarkCoupling with { Why = "ln y_X is the solvers' variable; " + PhysicalRanges.DarkCoupling.Why }, "dark coupling");
            // ⟨σv⟩ of χχ̄ → νν̄ not a power of a coupling (an s-channel mediator whose width depends on the couplings): Ωh²
            // needs every coupling of the process at the point, so each is a scan parameter (the dark coupling, if one of
            // them, already is). Power-law models: nothing added (the same parameters and columns as before).
            using (ModelInUse.Use(definition))
                if (HasSChannelAnnihilation(model) && KernelCosmology.RelicNeedsSearch)
                {
                    _relicSearch = true;
                    var process = model.Annihilation(ProcessKind.ChiAntichiToNeutrinoAntineutrino);
                    foreach (var c in KernelCosmology.RelicSearchCouplings)
                    {
                        int index = _parameters.FindIndex(q => q.Name == c.Symbol);
                        if (index < 0)
                            index = Add(c, AnnihilationCoupling, $"coupling of {process.Name} (its s-channel mediator's width {process.MediatorWidth.Symbol} moves with it; Ωh² is computed at the point's couplings)");
                        _annihilationCouplings.Add((c, index));
                    }
                }
        }
        else if (model.Roles.Mediator is { Length: > 0 })
            _mediator = Add(definition.MediatorMass, MediatorMass, "mediator mass");
        if (model.EffectiveCoupling is { } e)
            _effective = Add(e.Parameter, PhysicalRanges.EffectiveCouplingOrZero, "effective coupling");
        Parameters = _parameters;
        ObservableNames =
        [
            _relicSearch ? "relic_coupling {hold: COUPLINGS}" : "relic_coupling", "omega_h2",
            "delta_chi2 {experiment, statistic: chi2|poisson, data: observed|asimov, threshold}", "kinetic_decoupling",
            "direct_detection", "borexino", "stability",
        ];
    }

    /// <summary>
    /// Whether some boson of the model couples both to a pair of its dark fermion (χ̄ Γ χ B) and to a pair of neutrinos
    /// (ν̄ Γ ν B): the s-channel graph of χχ̄ → νν̄, without which its ⟨σv⟩ has no mediator width and is a power of the
    /// coupling. Read off the vertices, so that a model without one is not asked <see cref="KernelCosmology.RelicNeedsSearch"/>,
    /// which derives the process (~0.25 s when a spec is read, e.g. for vector.yaml).
    /// </summary>
    private static bool HasSChannelAnnihilation(Model model)
    {
        string chi = model.Roles.DarkFermion;
        bool Neutrino(string field) => model.TryField(field, out var f) && f.Kind == FieldKind.LeftHandedNeutrino;
        var toDark = model.Vertices.Where(v => v.BarredFermion == chi && v.Fermion == chi).Select(v => v.Boson).ToHashSet(StringComparer.Ordinal);
        return model.Vertices.Any(v => Neutrino(v.BarredFermion) && Neutrino(v.Fermion) && toDark.Contains(v.Boson));
    }

    private static string Show(double v) => double.IsInfinity(v) ? (v > 0 ? "inf" : "-inf") : v.ToString("G8", CultureInfo.InvariantCulture);

    /// <summary>"Majorana" when the model's dark fermion is its own antiparticle (Ωh² counts χ), else "Dirac" (χ and χ̄):
    /// the kind the relic columns compute with (<see cref="KernelCosmology.Nature"/>), for their descriptions.</summary>
    private string DarkKind =>
        _definition.Model.Field(_definition.Model.Roles.DarkFermion).IsSelfConjugate ? "Majorana" : "Dirac";

    /// <summary>The model definition the points are computed with.</summary>
    public ModelDefinition Definition => _definition;

    /// <summary>The model's name in its file (<c>model:</c>).</summary>
    public string Name => _definition.Model.Name;

    /// <summary>The file's content hash, the <c>param:</c> values and the program version: an edited file, other values, or
    /// another program, is another model (a store made with one is not resumed or merged with another).</summary>
    public string Version => $"model-file/1 sha256:{_definition.ContentHash}" +
                             (Values.Count == 0 ? "" : " param:" + string.Join(";", Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + v.Value.ToString("R", CultureInfo.InvariantCulture)))) +
                             $" program:{ScanMetadata.CurrentProgramVersion}";

    /// <summary>
    /// Checks the spec's <c>param:</c> values against the model: each a parameter the commands do not set
    /// (<see cref="ModelInUse.CheckValues"/>: its range, a mass &gt; 0) and not a parameter of the scan (those are given
    /// under <c>parameters:</c>, fixed or varied).
    /// </summary>
    /// <exception cref="UserInputException">Naming the parameter and what is wrong.</exception>
    public void CheckValues()
    {
        foreach (var name in Values.Keys)
            if (_parameters.Exists(p => p.Name == name))
                throw new UserInputException($"param {name}: a parameter of the scan; give it under parameters: (a number to fix it, or from/to to vary it)");
        try { ModelInUse.CheckValues(_definition, Values); }
        catch (UserInputException e) { throw new UserInputException(e.Message.Replace("--param ", "param ", StringComparison.Ordinal)); }
    }

    public IReadOnlyList<ModelParameter> Parameters { get; }

    public IReadOnlyList<string> ObservableNames { get; }

    private string P(int i) => _parameters[i].Name;

    public IReadOnlyList<IScanObservable> Create(string name, IReadOnlyDictionary<string, string> options, Func<string, Exception> fail)
    {
        var model = _definition.Model;
        string Of = $"model '{model.Name}' ({_definition.File})";
        void Needs(params ProcessKind[] kinds)
        {
            foreach (var k in kinds)
            {
                try { _ = model.Process(k); }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    var interfering = k == ProcessKind.NeutrinoNucleusToChiNucleus && model.Has(ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel)
                        ? " (its ν N → ν N interfering with the Standard Model is not a delta_chi2 of the scan yet)"
                        : "";
                    throw fail($"observable '{name}' is refused for {Of}: {e.Message}{interfering}");
                }
            }
        }
        void Parameter(int index, string what)
        {
            if (index < 0) throw fail($"observable '{name}' needs {what}, which {Of} does not declare");
        }
        using var scope = ModelInUse.UseCaptured(_choice);
        switch (name)
        {
            case "relic_coupling":
            case "omega_h2":
            {
                Needs(ProcessKind.ChiAntichiToNeutrinoAntineutrino);
                if (_relicSearch) return CreateBySearch(name, options, fail, Of);
                Parameter(_dark, "a coupling between its dark fermion and a neutrino");
                if (options.Count > 0) throw fail($"observable '{name}' takes no options (got '{options.Keys.First()}')");
                // derived now: a model whose ⟨σv⟩ is not a power of the coupling (an s-channel mediator whose width depends on
                // it) is refused here — the scan's relic columns shift one ⟨σv⟩₁ grid by p ln y
                try { _ = KernelCosmology.AnnihilationCouplingPower; }
                catch (UserInputException e) { throw fail($"observable '{name}' is refused for {Of}: {e.Message}"); }
                return name == "relic_coupling"
                    ? [new Relic(this, XPhiNuModel.Column("relic_" + P(_dark)))]
                    : [new Omega(this)];
            }
            case "kinetic_decoupling":
            {
                Needs(ProcessKind.ChiNeutrinoToChiNeutrino, ProcessKind.ChiAntineutrinoToChiAntineutrino);
                Parameter(_dark, "a coupling between its dark fermion and a neutrino");
                if (options.Count > 0) throw fail($"observable '{name}' takes no options (got '{options.Keys.First()}')");
                // the column shifts one ln(γ/H) table per (m, r) by p ln y: refused (a spec error) for a model whose χ ν → χ ν
                // is not a power of its dark coupling (graphs of other couplings interfere, e.g. a t-channel Z' beside S)
                try { _ = KernelCosmology.ScatteringCouplingPower; }
                catch (InvalidOperationException)
                {
                    throw fail($"observable '{name}' is refused for {Of}: its |M|² of χ ν → χ ν is not a power of {P(_dark)} (graphs of other couplings " +
                               "interfere), and the scan's T_KD shifts one table per mass pair by p ln y; use nudm kd --model with --param for such a model");
                }
                return [new Decoupling(this, lymanAlpha: false), new Decoupling(this, lymanAlpha: true)];
            }
            case "delta_chi2":
            {
                Needs(ProcessKind.NeutrinoNucleusToChiNucleus);
                if (_definition.CoherentScatteringObstacle is { } why) throw fail($"observable '{name}' needs coherent ν N → χ N: {why}");
                Parameter(_effective, "an effective coupling (effective: in the model file), which the CEvNS rates quote");
                double power;
                try { power = _definition.EffectiveCouplingPower; }
                catch (InvalidOperationException e) { throw fail($"observable '{name}': {e.Message}"); }
                var inner = (XPhiNuModel.DeltaChiSquareObservable)XPhiNuModel.CreateDeltaChiSquare(options, fail, _caches).Single();
                return [new DeltaChiSquare(this, inner, power)];
            }
            case "direct_detection":
            case "borexino":
            {
                Needs(ProcessKind.ChiNucleusToNeutrinoNucleus);
                if (options.Count > 0) throw fail($"observable '{name}' takes no options (got '{options.Keys.First()}')");
                // the check the CLI makes for --model (constraints, figures): coherent χ N → ν N down-scattering
                try { ModelConversion.RequireConversion(); }
                catch (UserInputException e) { throw fail($"observable '{name}' is refused for {Of}: {e.Message}"); }
                Parameter(_effective, "an effective coupling (effective: in the model file), through which σ_NC's y_X y_p is written");
                Parameter(_dark, "a coupling between its dark fermion and a neutrino");
                NuDM.Physics.Formula product;
                try { product = _definition.DarkNucleonCouplingProduct; }
                catch (InvalidOperationException e) { throw fail($"observable '{name}' is refused for {Of}: {e.Message}"); }
                var couplings = new CouplingProduct(this, product);
                return name == "borexino"
                    ? [new DownScattering(this, DirectDetection.Borexino, couplings)]
                    : DirectDetection.All.Where(s => s is not BorexinoDownScattering).Select(s => (IScanObservable)new DownScattering(this, s, couplings)).ToList();
            }
            case "stability":
            {
                if (options.Count > 0) throw fail($"observable '{name}' takes no options (got '{options.Keys.First()}')");
                if (model.Roles.DarkFermion is not { Length: > 0 }) throw fail($"observable '{name}' is refused for {Of}: it has no dark fermion whose stability the column states");
                var channels = DecayChannels.TwoBody(model, model.Roles.DarkFermion);
                var masses = new List<(NuDM.Physics.ModelParameter Mass, int Index)>();
                foreach (var channel in channels)
                    foreach (var mass in channel.Masses)
                    {
                        int index = _parameters.FindIndex(q => q.Name == mass.Symbol);
                        if (index < 0)
                            throw fail($"observable '{name}' is refused for {Of}: the decay {channel.Name} needs {mass.Symbol}, which is not a parameter of a scan of this model");
                        if (!masses.Any(x => x.Mass.Symbol == mass.Symbol)) masses.Add((mass, index));
                    }
                return [new Stability(this, channels, masses)];
            }
            case "kaon":
                throw fail($"observable '{name}' is not computed for a model file: it is seed 000's bound (eq. 2) on the seeds' scalar φ coupled to quarks, from " +
                           $"K⁺ → π⁺φ, a meson decay through the quarks' flavour-changing loop that the kernel does not derive for {Of}; use model: x-phi-nu for the seeds' model");
            default:
                throw fail($"unknown observable '{name}' of {Of}; known: {string.Join(", ", ObservableNames)}");
        }
    }

    /// <summary>
    /// relic_coupling and omega_h2 of a model whose ⟨σv⟩ is not a power of a coupling (<see cref="_relicSearch"/>): the
    /// coupling from <see cref="KernelCosmology.RelicCoupling"/>'s search (every coupling of χχ̄ → νν̄ tied to one y, or
    /// <c>hold:</c> some at the point's values), and Ωh² at the point's couplings (<see cref="KernelCosmology.OmegaAt"/>).
    /// Called with the model in use.
    /// </summary>
    private IReadOnlyList<IScanObservable> CreateBySearch(string name, IReadOnlyDictionary<string, string> options, Func<string, Exception> fail, string of)
    {
        var process = _definition.Model.Annihilation(ProcessKind.ChiAntichiToNeutrinoAntineutrino);
        var couplings = _annihilationCouplings.Select(c => c.Coupling.Symbol).ToList();
        if (name == "omega_h2")
        {
            if (options.Count > 0) throw fail($"observable '{name}' takes no options (got '{options.Keys.First()}')");
            return [new OmegaAtCouplings(this, process.Name, process.MediatorWidth.Symbol)];
        }
        foreach (var k in options.Keys)
            if (k != "hold")
                throw fail($"observable '{name}' has no option '{k}'; its option: hold (couplings of {process.Name} held at each point's value, e.g. hold: {couplings[^1]})");
        var held = new List<string>();
        if (options.TryGetValue("hold", out var list))
            foreach (var h in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!couplings.Contains(h, StringComparer.Ordinal))
                    throw fail($"hold {h}: not a coupling of {process.Name} of {of}; its couplings are {string.Join(", ", couplings)}");
                if (held.Contains(h, StringComparer.Ordinal)) throw fail($"hold {h}: named twice");
                held.Add(h);
            }
        if (held.Count == couplings.Count)
            throw fail($"hold fixes every coupling of {process.Name} ({string.Join(", ", couplings)}): leave one to solve for");
        var solved = _annihilationCouplings.Where(c => !held.Contains(c.Coupling.Symbol)).Select(c => c.Coupling).ToList();
        double hi = solved.Min(c => c.Maximum);
        if (!double.IsFinite(hi) || !(hi > solved.Max(c => c.Minimum)))
            throw fail($"the couplings {string.Join(", ", solved.Select(c => c.Symbol))} of {process.Name} have no common finite range to search the relic coupling in");
        string column = "relic_" + string.Join("_eq_", solved.Select(c => c.Symbol)) + (held.Count > 0 ? "_hold_" + string.Join("_", held) : "");
        int[] heldIndices = held.Select(h => _annihilationCouplings.Single(c => c.Coupling.Symbol == h).Index).ToArray();
        string description = $"the coupling y giving Ωh² = 0.120 by freeze-out of {process.Name} of model '{Name}' (seed 000 eq. 21, {KernelCosmology.Nature} χ, " +
                             $"Saikawa–Shirai g_eff), by the search with ⟨σv⟩(y) recomputed per trial (nudm relic --model): {KernelCosmology.DescribeRelicCouplingHeldPerPoint(held)}; " +
                             "empty where no coupling in the allowed range gives 0.120";
        return [new RelicBySearch(this, XPhiNuModel.Column(column), description, held.ToArray(), heldIndices)];
    }

    /// <summary>The relic search's coupling, or why it has none (no root in the allowed range: an empty cell).</summary>
    private readonly record struct SearchOutcome(double Coupling, string? NotApplicable);

    /// <summary>A mass pair and the held couplings' values, compared bit for bit.</summary>
    private sealed class HeldKey : IEquatable<HeldKey>
    {
        private readonly long[] _bits;
        private readonly int _hash;

        public HeldKey(double m, double r, double[] held)
        {
            _bits = new long[2 + held.Length];
            _bits[0] = BitConverter.DoubleToInt64Bits(m);
            _bits[1] = BitConverter.DoubleToInt64Bits(r);
            for (int i = 0; i < held.Length; i++) _bits[2 + i] = BitConverter.DoubleToInt64Bits(held[i]);
            var h = new HashCode();
            foreach (var b in _bits) h.Add(b);
            _hash = h.ToHashCode();
        }

        public bool Equals(HeldKey? other) => other is not null && _bits.AsSpan().SequenceEqual(other._bits);
        public override bool Equals(object? obj) => Equals(obj as HeldKey);
        public override int GetHashCode() => _hash;
    }

    /// <summary>(m_χ, r = m_mediator/m_χ) of a point, or why the point has no value (r outside (1, 1e4]: χ unstable, or a contact interaction).</summary>
    private (double M, double R, string? Why) Masses(ReadOnlySpan<double> p)
    {
        double m = p[_mass], ms = p[_mediator], r = ms / m;
        return PhysicalRanges.MassRatio.Contains(r)
            ? (m, r, null)
            : (m, r, _caches.Refusals.Get(m, ms, (self: this, r), static a => a.self.RatioRefusal(a.r))); // the text once per mass pair
    }

    private string RatioRefusal(double r) => PhysicalRanges.MassRatio.Refusal($"{P(_mediator)}/{P(_mass)}", r);

    /// <inheritdoc/>
    public IDisposable? UseOnThisThread() => ModelInUse.UseCaptured(_choice);

    private abstract class FileObservable(FileScanModel owner) : XPhiNuModel.Observable
    {
        protected FileScanModel Owner => owner;

        public sealed override ObservableValue Evaluate(ReadOnlySpan<double> p)
        {
            var (m, r, why) = owner.Masses(p);
            if (why is not null) return ObservableValue.NotApplicable(why);
            // the file's processes on this thread: set for the whole run on the engine's workers (UseOnThisThread),
            // else for this evaluation
            if (ModelInUse.IsInUse(owner._choice)) return At(p, m, r);
            using var scope = ModelInUse.UseCaptured(owner._choice);
            return At(p, m, r);
        }

        protected abstract ObservableValue At(ReadOnlySpan<double> p, double m, double r);
    }

    /// <summary>The dark coupling giving Ωh² = 0.120 by freeze-out of χχ̄ → νν̄ (the model's process; seed 000 eq. 21).</summary>
    private sealed class Relic(FileScanModel owner, string name) : FileObservable(owner)
    {
        public override string Name => name;
        public override string Unit => "";
        public override string Description => $"the {Owner.P(Owner._dark)} giving Ωh² = 0.120 by freeze-out of χχ̄ → νν̄ of model '{Owner.Name}' (seed 000 eq. 21, {Owner.DarkKind} χ, Saikawa–Shirai g_eff)";
        public override IReadOnlyList<string> Needs => [Owner.P(Owner._mass), Owner.P(Owner._mediator)];
        protected override ObservableValue At(ReadOnlySpan<double> p, double m, double r) => ObservableValue.Of(XPhiNuModel.RelicCouplingAt(Owner._caches, m, r));
    }

    /// <summary>Ωh² by freeze-out of χχ̄ → νν̄ at the point's dark coupling (the model's process; seed 000 eq. 21).</summary>
    private sealed class Omega(FileScanModel owner) : FileObservable(owner)
    {
        public override string Name => "omega_h2";
        public override string Unit => "";
        public override string Description => $"Ωh² of {(Owner.DarkKind == "Majorana" ? "χ" : "χ + χ̄")} by freeze-out of χχ̄ → νν̄ of model '{Owner.Name}' at this {Owner.P(Owner._dark)} (seed 000 eq. 21, {Owner.DarkKind} χ)";
        public override IReadOnlyList<string> Needs => [Owner.P(Owner._mass), Owner.P(Owner._mediator), Owner.P(Owner._dark)];
        protected override ObservableValue At(ReadOnlySpan<double> p, double m, double r) => ObservableValue.Of(XPhiNuModel.OmegaAt(Owner._caches, m, r, p[Owner._dark]));
    }

    /// <summary>
    /// The relic coupling of a model whose ⟨σv⟩ is not a power of a coupling (<see cref="KernelCosmology.RelicCoupling"/>
    /// with <c>held</c>: the search in ln y with ⟨σv⟩(y) and its freeze-out recomputed per trial; seed 000 eq. 21), once per
    /// mass pair (and held values): a grid in the couplings does not redo it. No root in the couplings' allowed range is
    /// an empty cell with the search's reason; a search that does not converge is an error of the point.
    /// </summary>
    private sealed class RelicBySearch(FileScanModel owner, string name, string description, string[] held, int[] heldIndices) : FileObservable(owner)
    {
        public override string Name => name;
        public override string Unit => "";
        public override string Description => description;
        public override IReadOnlyList<string> Needs => [Owner.P(Owner._mass), Owner.P(Owner._mediator), .. heldIndices.Select(Owner.P)];

        protected override ObservableValue At(ReadOnlySpan<double> p, double m, double r)
        {
            SearchOutcome outcome;
            if (heldIndices.Length == 0) outcome = Owner._tiedRelic.Get(m, r, (self: this, m, r), static a => a.self.Search(a.m, a.r, null));
            else
            {
                var values = new double[heldIndices.Length];
                for (int i = 0; i < values.Length; i++) values[i] = p[heldIndices[i]];
                outcome = Owner._heldRelic.Get(new HeldKey(m, r, values), (self: this, m, r, values), static a => a.self.Search(a.m, a.r, a.values));
            }
            return outcome.NotApplicable is { } why ? ObservableValue.NotApplicable(why) : ObservableValue.Of(outcome.Coupling);
        }

        private SearchOutcome Search(double m, double r, double[]? values)
        {
            Dictionary<string, double>? hold = null;
            if (values is not null)
            {
                hold = new Dictionary<string, double>(StringComparer.Ordinal);
                for (int i = 0; i < held.Length; i++) hold[held[i]] = values[i];
            }
            // built on whichever thread asks first: the model in use there is the owner's (FileObservable sets it)
            try { return new SearchOutcome(KernelCosmology.RelicCoupling(m, r, DegreesOfFreedomTable.SaikawaShirai, hold).Coupling, null); }
            catch (NoRelicCouplingException e) { return new SearchOutcome(double.NaN, e.Message); } // no root in the range, or Ωh² not monotone there
        }
    }

    /// <summary>
    /// Ωh² by freeze-out of χχ̄ → νν̄ at the point's couplings, for a model whose ⟨σv⟩ is not a power of a coupling: ⟨σv⟩(T)
    /// averaged at the point (its s-channel mediator's width from those couplings; <see cref="KernelCosmology.OmegaAt"/>,
    /// the solve the relic search makes per trial; seed 000 eq. 21). Computed at every point (nothing to share between
    /// couplings).
    /// </summary>
    private sealed class OmegaAtCouplings(FileScanModel owner, string process, string width) : FileObservable(owner)
    {
        public override string Name => "omega_h2";
        public override string Unit => "";
        public override string Description => $"Ωh² by freeze-out of {process} of model '{Owner.Name}' at this point's " +
                                              $"{string.Join(", ", Owner._annihilationCouplings.Select(c => c.Coupling.Symbol))} (⟨σv⟩(T) averaged at the point, its s-channel mediator's width {width} " +
                                              "from those couplings; seed 000 eq. 21)";
        public override IReadOnlyList<string> Needs => [Owner.P(Owner._mass), Owner.P(Owner._mediator), .. Owner._annihilationCouplings.Select(c => Owner.P(c.Index))];

        protected override ObservableValue At(ReadOnlySpan<double> p, double m, double r)
        {
            var d = Owner._definition;
            var point = d.Model.Point().With(d.DarkFermionMass, m).With(d.MediatorMass, p[Owner._mediator]);
            foreach (var (coupling, index) in Owner._annihilationCouplings) point = point.With(coupling, p[index]);
            return ObservableValue.Of(KernelCosmology.OmegaAt(point));
        }
    }

    /// <summary>T_KD (keV) from χ ν → χ ν and χ ν̄ → χ ν̄ of the model (seed 000 eq. 14), or the Lyman-α ratio T_KD,min/T_KD (eqs. 12–13).</summary>
    private sealed class Decoupling(FileScanModel owner, bool lymanAlpha) : FileObservable(owner)
    {
        private static readonly Lazy<double> Minimum = new(() => Cosmology.KineticDecoupling.MinimumDecouplingTemperature());
        public override string Name => lymanAlpha ? "lyman_alpha_ratio" : "T_KD_keV";
        public override string Unit => lymanAlpha ? "" : "keV";
        public override string Description => lymanAlpha
            ? $"T_KD,min/T_KD with T_KD,min = 1.41 keV from m_WDM > 5.3 keV (seed 000 eqs. 12–13), χ ν → χ ν of model '{Owner.Name}'"
            : $"kinetic-decoupling temperature γ(T_ν) = H(T) of χ from neutrinos (seed 000 eq. 14), χ ν → χ ν of model '{Owner.Name}', photon temperature";
        public override IReadOnlyList<string> Needs => [Owner.P(Owner._mass), Owner.P(Owner._mediator), Owner.P(Owner._dark)];
        public override ConstraintSense Sense => lymanAlpha ? ConstraintSense.AtMost : ConstraintSense.None;
        public override double Threshold => lymanAlpha ? 1.0 : double.NaN;

        protected override ObservableValue At(ReadOnlySpan<double> p, double m, double r)
        {
            var (t, why) = XPhiNuModel.DecouplingTemperature(Owner._caches, m, r, p[Owner._dark]);
            if (why is not null) return ObservableValue.NotApplicable(why);
            return ObservableValue.Of(lymanAlpha ? Minimum.Value / t : t / CosmologyUnits.KeV);
        }
    }

    /// <summary>
    /// y_dark · y_N/A, the couplings σ_NC = (y_X y_p)² m_X²/(16π m_φ⁴) takes for the model
    /// (<see cref="ModelDefinition.DarkNucleonCouplingProduct"/>: ȳ² for scalar.yaml, 3ḡ² for vector.yaml), at a point.
    /// </summary>
    private sealed class CouplingProduct
    {
        private readonly Func<double[], double> _compiled;
        private readonly int[] _indices;

        public CouplingProduct(FileScanModel owner, NuDM.Physics.Formula formula)
        {
            _compiled = formula.Compile();
            _indices = formula.ParameterNames.Select(n => owner._parameters.FindIndex(q => q.Name == n)).ToArray();
            if (_indices.Any(i => i < 0)) throw new InvalidOperationException($"{formula.Infix}: a symbol is not a scan parameter of model '{owner.Name}'");
            Needs = _indices.Select(i => owner.P(i)).ToList();
        }

        /// <summary>The scan parameters it depends on.</summary>
        public IReadOnlyList<string> Needs { get; }

        public double At(ReadOnlySpan<double> p)
        {
            var args = new double[_indices.Length];
            for (int i = 0; i < args.Length; i++) args[i] = p[_indices[i]];
            return _compiled(args);
        }
    }

    /// <summary>
    /// χ N → ν N at a direct-detection search or Borexino (seed 000 sec. VI–VII, eq. 20) for the model file: expected
    /// signal ÷ the 90% CL limit, σ_NC ÷ σ_NC,90(m_χ, m_mediator/m_χ), allowed when ≤ 1 — the columns of x-phi-nu. The
    /// limit is the CLI's for <c>--model</c> (<see cref="IDownScatteringSearch.SigmaNCLimit"/> with the model in use: the
    /// rate is κ × σv_model/σv_seed of χ N → ν N at rest, <see cref="ModelConversion.FactorOverSeed"/>), and σ_NC takes
    /// the model's couplings, y_X y_p → y_dark · y_N/A (<see cref="CouplingProduct"/>). Not applicable outside the
    /// search's mass window.
    /// </summary>
    private sealed class DownScattering(FileScanModel owner, IDownScatteringSearch search, CouplingProduct couplings) : FileObservable(owner)
    {
        public override string Name { get; } = XPhiNuModel.Column((search is BorexinoDownScattering ? "borexino" : "dd_" + search.Id) + "_ratio");
        public override string Unit => "";
        public override string Description => $"{search.Name}: expected χ N → ν N signal of model '{Owner.Name}' ÷ its 90% CL limit (σ_NC ÷ σ_NC,90; seed 000 eq. 20, " +
                                              $"the model's σv of χ N → ν N at rest, y_X y_p → {string.Join(", ", couplings.Needs)} through y_dark y_N/A)";
        public override IReadOnlyList<string> Needs => [Owner.P(Owner._mass), Owner.P(Owner._mediator), .. couplings.Needs];
        public override ConstraintSense Sense => ConstraintSense.AtMost;
        public override double Threshold => 1.0;

        protected override ObservableValue At(ReadOnlySpan<double> p, double m, double r)
        {
            var limit = XPhiNuModel.LimitAt(Owner._caches, search, m, r);
            if (limit.NotApplicable is { } why) return ObservableValue.NotApplicable(why);
            return ObservableValue.Of(ModelConstraints.SigmaNC(1.0, couplings.At(p), m, p[Owner._mediator]) / limit.Limit.SigmaNC_cm2);
        }
    }

    /// <summary>
    /// Whether the dark fermion is stable against the tree-level two-body decays the model's vertices allow
    /// (<see cref="DecayChannels"/>): the number of them open at the point (χ → ν S when m_χ &gt; m_S, …), allowed when 0.
    /// Kinematics only, at every point (also where m_mediator ≤ m_χ, which the other columns leave empty): loop-level
    /// decays — seed 000's X → νγ through a quark loop (eqs. 3–4), x-phi-nu's stability_ratio — are not in it.
    /// </summary>
    private sealed class Stability(FileScanModel owner, IReadOnlyList<TwoBodyDecay> channels, IReadOnlyList<(NuDM.Physics.ModelParameter Mass, int Index)> masses)
        : XPhiNuModel.Observable
    {
        public override string Name => "stability_open_decays";
        public override string Unit => "";
        public override string Description => channels.Count == 0
            ? $"open tree-level two-body decays of the dark fermion of model '{owner.Name}': its vertices allow none, so 0 everywhere (loop decays such as X → νγ not included); allowed when 0"
            : $"open tree-level two-body decays of the dark fermion of model '{owner.Name}' ({string.Join(", ", channels.Select(c => c.Name))}; open when the parent is heavier than the products), " +
              "allowed when 0; loop decays (seed 000's X → νγ, eqs. 3–4) not included";
        public override IReadOnlyList<string> Needs => masses.Select(x => owner.P(x.Index)).ToList();
        public override ConstraintSense Sense => ConstraintSense.AtMost;
        public override double Threshold => 0.0;

        public override ObservableValue Evaluate(ReadOnlySpan<double> p)
        {
            var point = ParameterPoint.Empty;
            foreach (var (mass, index) in masses) point = point.With(mass, p[index]);
            int open = 0;
            foreach (var c in channels) if (c.IsOpen(point)) open++;
            return ObservableValue.Of(open);
        }
    }

    /// <summary>Δχ² of a CEvNS experiment with ν N → χ N of the model: counts at unit effective coupling × ḡ^p (p derived by the kernel).</summary>
    private sealed class DeltaChiSquare(FileScanModel owner, XPhiNuModel.DeltaChiSquareObservable inner, double power) : FileObservable(owner)
    {
        public override string Name => inner.Name;
        public override string Unit => "";
        public override string Description => inner.Description.Replace("νN → χN with m_χ = m_X, m_S = r m_X, ȳ⁴ = (y_X y_p)²",
            $"νN → χN of model '{Owner.Name}' at ({Owner.P(Owner._mass)}, {Owner.P(Owner._mediator)}), counts ∝ {Owner.P(Owner._effective)}^{power.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal);
        public override IReadOnlyList<string> Needs => [Owner.P(Owner._mass), Owner.P(Owner._mediator), Owner.P(Owner._effective)];
        public override ConstraintSense Sense => ConstraintSense.AtMost;
        public override double Threshold => inner.Threshold;

        protected override ObservableValue At(ReadOnlySpan<double> p, double m, double r)
        {
            double g = p[Owner._effective];
            double strength = power == 4 ? (g * g) * (g * g) : Math.Pow(g, power); // numerics: counts at unit coupling scale as ḡ^p (p from the kernel); ḡ⁴ as x-phi-nu forms it
            return ObservableValue.Of(inner.At(m, r, p[Owner._mediator], strength));
        }
    }
}

/// <summary>
/// A thread-safe memo of a pure function: each key's value built once (Lazy, execution and publication: another thread
/// asking for a key being built waits for it), emptied and refilled past <c>capacity</c> keys so that it stays bounded.
/// A hit takes no lock and allocates nothing; <c>build</c> is called with <c>state</c>, so a static lambda and a struct
/// state allocate no closure per call (a scan asks once per point and observable).
/// </summary>
internal sealed class BoundedCache<TKey, T>(int capacity) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<T>> _map = new();
    private int _count;

    public T Get<TState>(TKey key, TState state, Func<TState, T> build) =>
        _map.TryGetValue(key, out var hit) ? hit.Value : Add(key, state, build);

    private T Add<TState>(TKey key, TState state, Func<TState, T> build)
    {
        if (Interlocked.Increment(ref _count) > capacity)
        {
            _map.Clear();
            Interlocked.Exchange(ref _count, 1);
        }
        return _map.GetOrAdd(key, _ => new Lazy<T>(() => build(state), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }
}

/// <summary>
/// Kinetic decoupling at fixed (m_X, r) for any y_X. The X ν → X ν amplitude is exactly ∝ y_X⁴ (two φ vertices, no
/// width), so γ(T; y) = y⁴ γ₁(T) and T_KD solves G(ln T) = 4 ln y + g₁(ln T) = 0 with
/// g₁ = ln γ₁(T_ν(T)) − ln H(T) (seed 000 eq. 14; <see cref="Cosmology.KineticDecoupling.MomentumTransferRate"/> at
/// y = 1). g₁ is computed on nodes ln T_j = ln T_max − j h (h = 0.1, T_max = m_X/3 as in
/// <see cref="Cosmology.KineticDecoupling.DecouplingTemperature"/>, or the validity limit of the zero-width rate when the
/// neutrinos reach the φ pole below m_X/3, <see cref="KernelCosmology.DecouplingValidityLimit"/>: γ &lt; H already there is
/// refused with the resonance as reason, as by the direct solve), each once, on demand; the root is bracketed by a
/// search over the nodes whose path depends only on the node values, interpolated by the cubic through the four nodes
/// around it, and refined by one Newton step on the exact G. The result agrees with the direct solve
/// (<see cref="KernelCosmology.KineticDecoupling"/>) to ≤ 1e-7 relative (test ScanPhysicsTests) at a cost of one γ₁
/// evaluation per y_X once the nodes near the root exist.
/// </summary>
internal sealed class DecouplingTable
{
    private const double Step = 0.1;
    private static readonly double LowestLog = Math.Log(1e-12); // numerics: the node grid runs in ln T down to T = 1e-12 MeV
    private readonly double _mass, _ratio, _top;
    private readonly RateValidityLimit? _limit; // set when the validity limit lies below m_X/3 and starts the grid
    private readonly IReadOnlyList<ScatteringAmplitudeSquared> _partners;
    private readonly StandardModelPlasma _plasma = StandardModelPlasma.Load(DegreesOfFreedomTable.SaikawaShirai);
    private readonly double[] _nodes;
    private readonly int _count;

    public DecouplingTable(double mass, double ratio)
    {
        _mass = mass;
        _ratio = ratio;
        _partners = KernelCosmology.ScatteringPartners(mass, ratio, 1.0);
        double top = Math.Min(mass / 3, _plasma.MaximumTemperature);
        // the rate samples the φ pole above the validity limit: the grid then starts there (as the direct solve's search)
        var limit = KernelCosmology.DecouplingValidityLimit(mass, ratio);
        if (limit is not null && limit.Temperature < top) (_limit, top) = (limit, limit.Temperature * Math.Exp(-Cosmology.KineticDecoupling.ValidityMargin)); // numerics: the margin in ln T below the limit
        _top = Math.Log(top); // numerics: the grid variable ln T, from T = m_X/3 (the non-relativistic start) or the validity limit
        _count = (int)Math.Ceiling((_top - LowestLog) / Step) + 1;
        _nodes = new double[_count];
        Array.Fill(_nodes, double.NaN);
    }

    /// <summary>g₁ at an arbitrary ln T (one γ₁ evaluation: two nested Gauss–Kronrod integrals).</summary>
    private double G1(double lnT)
    {
        double T = Math.Exp(lnT); // numerics: back from the grid variable ln T
        double gamma = Cosmology.KineticDecoupling.MomentumTransferRate(_mass, 2, _partners, StandardModelPlasma.NeutrinoTemperature(T));
        return Math.Log(gamma) - Math.Log(_plasma.Hubble(T)); // numerics: g₁ = ln(γ₁/H), the root's function in log variables
    }

    private double Node(int j)
    {
        double v = Volatile.Read(ref _nodes[j]);
        if (double.IsNaN(v))
        {
            v = G1(_top - j * Step); // a pure function of j: a race only repeats the same work
            Volatile.Write(ref _nodes[j], v);
        }
        return v;
    }

    private readonly BoundedCache<long, (double T, DecouplingNotFoundException? Error)> _results = new(4096);

    /// <summary>T_KD (photon temperature, MeV) at coupling <paramref name="y"/> (computed once per y), or NaN with
    /// <paramref name="notFound"/> saying why there is none (decoupled while relativistic, never decoupled, as the direct
    /// solve) — returned, not thrown: a scan asks again at every point of the same y_X, and a throw costs tens of μs.</summary>
    public double Temperature(double y, out DecouplingNotFoundException? notFound)
    {
        var r = _results.Get(BitConverter.DoubleToInt64Bits(y), (self: this, y), static a => a.self.Solve(a.y));
        notFound = r.Error;
        return r.Error is null ? r.T : double.NaN;
    }

    /// <summary>T_KD at <paramref name="y"/>, or NaN and why it has none (returned, not thrown: a scan meets it at many
    /// couplings of every mass pair).</summary>
    private (double T, DecouplingNotFoundException? Error) Solve(double y)
    {
        double shift = KernelCosmology.ScatteringCouplingPower * Math.Log(y); // numerics: g = ln(γ/H) with γ ∝ y_X^p shifts by p ln y (p from the kernel)
        double G(int j) => shift + Node(j);
        if (!(G(0) > 0) && _limit is not null)
            return (double.NaN, KernelCosmology.InContext(_mass, _ratio, y, Cosmology.KineticDecoupling.AtResonance(_limit)));
        if (!(G(0) > 0))
            return (double.NaN, new DecouplingNotFoundException(
                $"kinetic decoupling at m_X = {_mass:G6} MeV, r = {_ratio:G8}, y_X = {y:G6}: γ < H already at T = m_X/3: X decouples while relativistic, " +
                "where the non-relativistic rate of seed 000 eq. (14) does not apply", whileRelativistic: true));
        // bracket: G(lo) > 0 ≥ G(hi) with hi = lo + 1, by doubling then bisection over node indices (a fixed path)
        int lo = 0, hi = 1;
        while (G(hi) > 0)
        {
            lo = hi;
            if (hi == _count - 1)
                return (double.NaN, new DecouplingNotFoundException(
                    $"kinetic decoupling at m_X = {_mass:G6} MeV, r = {_ratio:G8}, y_X = {y:G6}: γ stays above H down to T = 1e-12 MeV: X never decouples from neutrinos",
                    whileRelativistic: false));
            hi = Math.Min(2 * hi, _count - 1);
        }
        while (hi - lo > 1)
        {
            int mid = (lo + hi) / 2;
            if (G(mid) > 0) lo = mid; else hi = mid;
        }
        // cubic through four nodes around [lo, hi] (shifted at the ends), in the local variable s = j − j0
        int j0 = Math.Clamp(lo - 1, 0, Math.Max(0, _count - 4));
        Span<double> g = stackalloc double[4];
        for (int k = 0; k < 4; k++) g[k] = G(j0 + k);
        double s = lo - j0 + G(lo) / (G(lo) - G(hi)); // linear start inside the bracket
        for (int it = 0; it < 30; it++)
        {
            var (v, d) = Lagrange(g, s);
            double next = Math.Clamp(s - v / d, lo - j0, hi - j0);
            if (Math.Abs(next - s) < 1e-13) { s = next; break; }
            s = next;
        }
        double lnT = _top - (j0 + s) * Step;
        // one Newton step on the exact G (the cubic's slope, dG/d ln T = −(dG/ds)/h)
        double exact = shift + G1(lnT);
        double slope = -Lagrange(g, s).Derivative / Step;
        return (Math.Exp(lnT - exact / slope), null); // numerics: a Newton step in ln T
    }

    /// <summary>The cubic through (0, g0), (1, g1), (2, g2), (3, g3) and its derivative at s.</summary>
    private static (double Value, double Derivative) Lagrange(ReadOnlySpan<double> g, double s)
    {
        double a = s, b = s - 1, c = s - 2, d = s - 3;
        double l0 = -b * c * d / 6, l1 = a * c * d / 2, l2 = -a * b * d / 2, l3 = a * b * c / 6;
        double d0 = -(c * d + b * d + b * c) / 6, d1 = (c * d + a * d + a * c) / 2, d2 = -(b * d + a * d + a * b) / 2, d3 = (b * c + a * c + a * b) / 6;
        return (g[0] * l0 + g[1] * l1 + g[2] * l2 + g[3] * l3, g[0] * d0 + g[1] * d1 + g[2] * d2 + g[3] * d3);
    }
}
