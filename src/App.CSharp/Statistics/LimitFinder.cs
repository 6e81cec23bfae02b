using MathNet.Numerics.RootFinding;

namespace NuDM.App.Statistics;

/// <summary>Outcome of a limit search.</summary>
public enum LimitStatus
{
    /// <summary>Δχ² crosses the threshold inside the search range: <see cref="LimitResult.Value"/> is the limit.</summary>
    Constrained,
    /// <summary>No constraint: the new-physics signal vanishes, or Δχ² stays below the threshold in the whole range.</summary>
    NoConstraint,
    /// <summary>Δχ² is already above the threshold at the lower end of the range (the limit lies below it).</summary>
    ExcludedAtLowerBound,
}

/// <summary>A limit on a scan parameter g (e.g. a coupling), or a reason why there is none.</summary>
/// <param name="Status">Outcome.</param>
/// <param name="Value">The limit on g when <see cref="Status"/> is Constrained; the lower bound for ExcludedAtLowerBound; NaN otherwise.</param>
/// <param name="Reason">Why there is no constraint (empty when constrained).</param>
/// <param name="Evaluations">Number of Δχ² evaluations used.</param>
public readonly record struct LimitResult(LimitStatus Status, double Value, string Reason, int Evaluations)
{
    /// <summary>True when <see cref="Value"/> is a limit.</summary>
    public bool IsConstrained => Status == LimitStatus.Constrained;

    /// <summary>"no constraint" result.</summary>
    public static LimitResult NoConstraint(string reason, int evaluations = 0) => new(LimitStatus.NoConstraint, double.NaN, reason, evaluations);

    /// <inheritdoc/>
    public override string ToString() => Status switch
    {
        LimitStatus.Constrained => Numbers.Significant(Value, 6),
        LimitStatus.ExcludedAtLowerBound => $"< {Numbers.Significant(Value, 6)} (excluded at the lower end of the range)",
        _ => $"no constraint ({Reason})",
    };
}

/// <summary>Which χ² the Δχ² is measured from.</summary>
public enum LimitReference
{
    /// <summary>Δχ²(g) = χ²(g) − χ²(0): relative to the SM (the usual choice for Asimov sensitivities).</summary>
    StandardModel,
    /// <summary>Δχ²(g) = χ²(g) − min_{g' ∈ {0} ∪ [lower, upper]} χ²(g'): relative to the best fit.</summary>
    BestFit,
}

/// <summary>Search settings; every value is checked when set.</summary>
public sealed record LimitOptions
{
    /// <summary>Δχ² threshold. Default: 90 % CL for 1 dof, ChiSquared.InvCDF(1, 0.9) = 2.7055.</summary>
    public double Threshold
    {
        get;
        init => field = double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Threshold), value, "threshold must be finite and > 0");
    } = ConfidenceLevels.DeltaChiSquare(ConfidenceLevels.Ninety, 1);

    /// <summary>Lower end of the search range in g (&gt; 0). Default 1e-12.</summary>
    public double LowerBound
    {
        get;
        init => field = double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(LowerBound), value, "lower bound must be finite and > 0");
    } = 1e-12;

    /// <summary>Upper end of the search range in g. Default 1e3.</summary>
    public double UpperBound
    {
        get;
        init => field = double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(UpperBound), value, "upper bound must be finite and > 0");
    } = 1e3;

    /// <summary>Bracketing step: successive trial values differ by this factor, in (1, 1e3]. Default 2.</summary>
    public double StepFactor
    {
        get;
        init => field = value is > 1 and <= 1e3 ? value : throw new ArgumentOutOfRangeException(nameof(StepFactor), value, "step factor must be in (1, 1000]");
    } = 2;

    /// <summary>Relative accuracy of the limit in g, in [1e-14, 0.1]. Default 1e-8.</summary>
    public double RelativeAccuracy
    {
        get;
        init => field = value is >= 1e-14 and <= 0.1 ? value : throw new ArgumentOutOfRangeException(nameof(RelativeAccuracy), value, "relative accuracy must be in [1e-14, 0.1]");
    } = 1e-8;

    /// <summary>Δχ² reference. Default <see cref="LimitReference.StandardModel"/>.</summary>
    public LimitReference Reference { get; init; } = LimitReference.StandardModel;
}

/// <summary>
/// Upper limits on a scan parameter g: the smallest g in [lower, upper] with Δχ²(g) = threshold, found by bracketing
/// on a geometric grid in g (steps of <see cref="LimitOptions.StepFactor"/>) and Brent's method (MathNet) in ln g —
/// no fixed grid. "No constraint" is reported, not a number, when the signal vanishes or Δχ² never reaches the threshold.
/// </summary>
public static class LimitFinder
{
    /// <summary>
    /// Upper limit for a general Δχ²(g) (g &gt; 0; the reference χ² already subtracted). <paramref name="deltaChiSquare"/>
    /// is assumed to stay below the threshold below the limit (the first crossing from below is returned).
    /// </summary>
    public static LimitResult UpperLimit(Func<double, double> deltaChiSquare, LimitOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(deltaChiSquare);
        options ??= new LimitOptions();
        if (!(options.UpperBound > options.LowerBound)) throw new ArgumentException($"upper bound {options.UpperBound} must exceed the lower bound {options.LowerBound}");
        int evaluations = 0;
        double thr = options.Threshold;
        double F(double u)
        {
            cancellation.ThrowIfCancellationRequested();
            evaluations++;
            double d = deltaChiSquare(Math.Exp(u));
            if (double.IsNaN(d)) throw new InvalidOperationException($"Δχ² is NaN at g = {Math.Exp(u):G6}");
            return d - thr;
        }
        double uLo = Math.Log(options.LowerBound), uHi = Math.Log(options.UpperBound), step = Math.Log(options.StepFactor);
        double uPrev = uLo, fPrev = F(uLo);
        if (fPrev >= 0) return new LimitResult(LimitStatus.ExcludedAtLowerBound, options.LowerBound, "Δχ² exceeds the threshold at the lower bound", evaluations);
        while (uPrev < uHi)
        {
            double u = Math.Min(uPrev + step, uHi);
            double f = F(u);
            if (f >= 0)
            {
                double root = f == 0 ? u : Brent.FindRoot(F, uPrev, u, options.RelativeAccuracy, 200);
                return new LimitResult(LimitStatus.Constrained, Math.Exp(root), "", evaluations);
            }
            uPrev = u;
            fPrev = f;
        }
        return LimitResult.NoConstraint($"Δχ² stays below {thr:G4} up to g = {options.UpperBound:G4}", evaluations);
    }

    /// <summary>
    /// Upper limit on g for a signal that scales as N_new,i = g^power · s_i on top of the SM prediction N_SM,i
    /// (seed 001: N_new ∝ ȳ⁴): Δχ²(g) = stat(N_SM + g^p s) − reference. Returns "no constraint" at once when s ≡ 0
    /// (e.g. m_χ above the largest neutrino energy). The statistic's data decide Asimov or observed.
    /// </summary>
    public static LimitResult UpperLimit(IBinnedStatistic statistic, IReadOnlyList<double> standardModel, IReadOnlyList<double> signalShape, double power,
        LimitOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        ArgumentNullException.ThrowIfNull(standardModel);
        ArgumentNullException.ThrowIfNull(signalShape);
        int n = statistic.BinCount;
        if (standardModel.Count != n || signalShape.Count != n) throw new ArgumentException($"SM ({standardModel.Count}) and signal ({signalShape.Count}) must have {n} bins");
        if (!(double.IsFinite(power) && power > 0)) throw new ArgumentOutOfRangeException(nameof(power), power, "power must be finite and > 0");
        options ??= new LimitOptions();
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(signalShape[i])) throw new ArgumentException($"signal shape bin {i} is not finite", nameof(signalShape));
            if (!double.IsFinite(standardModel[i])) throw new ArgumentException($"SM prediction bin {i} is not finite", nameof(standardModel));
            total += Math.Abs(signalShape[i]);
        }
        if (total == 0)
            return LimitResult.NoConstraint("the new-physics signal vanishes in every bin (e.g. the produced mass exceeds the largest neutrino energy)");
        var sm = standardModel.ToArray();
        var s = signalShape.ToArray();
        var buf = new double[n]; // Stat is called sequentially within one search
        double Stat(double g)
        {
            double scale = g == 0 ? 0 : Math.Pow(g, power);
            for (int i = 0; i < n; i++) buf[i] = sm[i] + scale * s[i];
            return statistic.Minimise(buf).Value;
        }
        double reference = Stat(0);
        int extra = 1;
        if (options.Reference == LimitReference.BestFit)
        {
            // The best fit is searched below the SM-referenced crossing g_SM (where χ² = χ²(0) + threshold): any minimum in
            // the first basin lies there, and far above it the pull on the total prediction, (1 + a)(N_SM + g^p s), can
            // absorb the normalisation and flatten χ² into a spurious minimum at huge g.
            var sm0 = UpperLimit(g => Stat(g) - reference, options, cancellation);
            extra += sm0.Evaluations;
            if (sm0.Status == LimitStatus.ExcludedAtLowerBound) return sm0 with { Evaluations = extra };
            double uLo = Math.Log(options.LowerBound);
            double uTop = sm0.IsConstrained ? Math.Log(sm0.Value) : Math.Log(options.UpperBound);
            double step = Math.Min(Math.Log(options.StepFactor), Math.Max((uTop - uLo) / 8, 1e-6));
            double best = reference, bestU = double.NaN;
            for (double u = uLo; u <= uTop + 1e-12; u += step)
            {
                cancellation.ThrowIfCancellationRequested();
                double c = Stat(Math.Exp(u));
                extra++;
                if (c < best) { best = c; bestU = u; }
            }
            if (!double.IsNaN(bestU))
            {
                // golden-section refinement around the best grid point, inside [uLo, uTop] (MathNet's minimiser, never
                // expanding the interval: beyond g_SM a spurious minimum may lie); when the interval does not bracket a
                // minimum (the best grid point is at uLo or uTop), the grid point stands
                double a = Math.Max(uLo, bestU - step), b = Math.Min(uTop, bestU + step);
                var objective = MathNet.Numerics.Optimization.ObjectiveFunction.ScalarValue(u => { extra++; cancellation.ThrowIfCancellationRequested(); return Stat(Math.Exp(u)); });
                try
                {
                    var m = MathNet.Numerics.Optimization.GoldenSectionMinimizer.Minimum(objective, a, b, xTolerance: 1e-9, maxIterations: 100, maxExpansionSteps: 0);
                    if (m.FunctionInfoAtMinimum.Value <= best) { best = m.FunctionInfoAtMinimum.Value; bestU = m.MinimizingPoint; }
                }
                catch (MathNet.Numerics.Optimization.OptimizationException) { }
                var r = UpperLimit(g => Stat(g) - best, options with { LowerBound = Math.Exp(bestU) }, cancellation);
                return r with { Evaluations = r.Evaluations + extra };
            }
            // the SM (g = 0) is the best fit
            return sm0 with { Evaluations = extra };
        }
        var result = UpperLimit(g => Stat(g) - reference, options, cancellation);
        return result with { Evaluations = result.Evaluations + extra };
    }
}
