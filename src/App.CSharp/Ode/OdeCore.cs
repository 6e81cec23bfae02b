namespace NuDM.App.Ode;

/// <summary>The dense-output (continuous extension) formula a solution's stored coefficients follow.</summary>
internal enum DenseKind
{
    /// <summary>
    /// Dormand–Prince 4th-order extension, 5 vectors per step:
    /// y(θ) = r1 + θ (r2 + (1−θ)(r3 + θ (r4 + (1−θ) r5))).
    /// </summary>
    DormandPrince,

    /// <summary>Rodas 3rd-order extension, 4 vectors per step: y(θ) = (1−θ) r1 + θ (r2 + (1−θ)(r3 + θ r4)).</summary>
    Rodas,
}

/// <summary>Helpers shared by the solvers: argument checks, error norm, starting step, dense formulas.</summary>
internal static class OdeCore
{
    /// <summary>Unit round-off of double precision (2⁻⁵²).</summary>
    public const double Eps = 2.220446049250313e-16;

    /// <summary>Smallest positive normal double.</summary>
    public const double MinNormal = 2.2250738585072014e-308;

    /// <summary>Smallest step size ever attempted, whatever t is.</summary>
    public const double AbsoluteMinStep = 1e-300;

    /// <summary>Number of coefficient vectors a step stores for a dense-output kind.</summary>
    public static int CoefficientVectors(DenseKind kind) => kind == DenseKind.DormandPrince ? 5 : 4;

    /// <summary>Checks the problem's arguments and returns the per-component absolute tolerances.</summary>
    public static double[] CheckArguments(OdeSystem system, double t0, ReadOnlySpan<double> y0, double tEnd, OdeOptions options)
    {
        ArgumentNullException.ThrowIfNull(system);
        int n = system.Dimension;
        if (y0.Length != n)
            throw new ArgumentException($"y0 has {y0.Length} components but the system has dimension {n}", nameof(y0));
        int bad = FirstNonFinite(y0);
        if (bad >= 0)
            throw new ArgumentException($"y0[{bad}] = {y0[bad]} is not finite", nameof(y0));
        if (!double.IsFinite(t0))
            throw new ArgumentOutOfRangeException(nameof(t0), t0, "t0 must be finite");
        if (!double.IsFinite(tEnd) || !(tEnd > t0))
            throw new ArgumentOutOfRangeException(nameof(tEnd), tEnd, $"tEnd must be finite and in (t0, +inf) = ({t0:R}, +inf)");
        options.Validate(n);
        if (options.OutputTimes is { Count: > 0 } outs && (outs[0] < t0 || outs[^1] > tEnd))
            throw new ArgumentOutOfRangeException(nameof(OdeOptions.OutputTimes), outs[0] < t0 ? outs[0] : outs[^1],
                $"OutputTimes must lie in [t0, tEnd] = [{t0:R}, {tEnd:R}]");

        var atol = new double[n];
        if (options.AbsTolVector is { } v)
            for (int i = 0; i < n; i++) atol[i] = v[i];
        else
            Array.Fill(atol, options.AbsTol);
        return atol;
    }

    /// <summary>Index of the first NaN or infinite component, or −1.</summary>
    public static int FirstNonFinite(ReadOnlySpan<double> v)
    {
        for (int i = 0; i < v.Length; i++)
            if (!double.IsFinite(v[i])) return i;
        return -1;
    }

    /// <summary>
    /// Weighted RMS norm of an error vector: sqrt(Σ (e_i / sk_i)² / n) with
    /// sk_i = atol_i + rtol · max(|y0_i|, |y1_i|) (Hairer &amp; Wanner's norm). A zero weight is replaced by
    /// the smallest normal double, so a non-zero error on a component with zero weight rejects the step.
    /// </summary>
    public static double ErrorNorm(ReadOnlySpan<double> e, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, double[] atol, double rtol)
    {
        double sum = 0;
        for (int i = 0; i < e.Length; i++)
        {
            double sk = atol[i] + rtol * Math.Max(Math.Abs(y0[i]), Math.Abs(y1[i]));
            double r = e[i] / Math.Max(sk, MinNormal);
            sum += r * r;
        }
        return Math.Sqrt(sum / e.Length);
    }

    /// <summary>
    /// Starting step size by the algorithm of Hairer, Nørsett &amp; Wanner, Solving ODEs I (2nd ed.), §II.4
    /// ("Starting step size"): h0 from ‖y0‖/‖f0‖, one explicit Euler trial step to estimate ‖f'‖, and
    /// h1 = (0.01 / max(‖f0‖, ‖f'‖))^(1/(p+1)); result min(100 h0, h1), capped by hmax and the interval.
    /// </summary>
    /// <param name="f">Right-hand side.</param>
    /// <param name="t0">Initial time.</param>
    /// <param name="y0">Initial state.</param>
    /// <param name="f0">f(t0, y0).</param>
    /// <param name="span">tEnd − t0.</param>
    /// <param name="hmax">Largest allowed step.</param>
    /// <param name="errorOrder">p: order of the local error estimate's leading term minus one.</param>
    /// <param name="atol">Absolute tolerances.</param>
    /// <param name="rtol">Relative tolerance.</param>
    /// <param name="y1">Scratch, length n.</param>
    /// <param name="f1">Scratch, length n.</param>
    /// <param name="rhsCalls">Incremented by the right-hand-side calls made.</param>
    public static double StartingStep(OdeRhs f, double t0, double[] y0, double[] f0, double span, double hmax, int errorOrder,
        double[] atol, double rtol, double[] y1, double[] f1, ref int rhsCalls)
    {
        int n = y0.Length;
        double d0 = 0, d1 = 0;
        for (int i = 0; i < n; i++)
        {
            double sk = Math.Max(atol[i] + rtol * Math.Abs(y0[i]), MinNormal);
            d0 += (y0[i] / sk) * (y0[i] / sk);
            d1 += (f0[i] / sk) * (f0[i] / sk);
        }
        d0 = Math.Sqrt(d0 / n);
        d1 = Math.Sqrt(d1 / n);
        double h0 = d0 <= 1e-5 || d1 <= 1e-5 || !double.IsFinite(d0 / d1) ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.Min(h0, Math.Min(hmax, span));

        for (int i = 0; i < n; i++) y1[i] = y0[i] + h0 * f0[i];
        f(t0 + h0, y1, f1);
        rhsCalls++;
        double d2 = 0;
        for (int i = 0; i < n; i++)
        {
            double sk = Math.Max(atol[i] + rtol * Math.Abs(y0[i]), MinNormal);
            double r = (f1[i] - f0[i]) / sk;
            d2 += r * r;
        }
        d2 = Math.Sqrt(d2 / n) / h0;
        double h;
        if (!double.IsFinite(d2))
        {
            h = h0 * 1e-3; // the trial Euler step left the domain of f: start very small
        }
        else
        {
            double der = Math.Max(d1, d2);
            double h1 = der <= 1e-15 ? Math.Max(1e-6, h0 * 1e-3) : Math.Pow(0.01 / der, 1.0 / (errorOrder + 1));
            h = Math.Min(100 * h0, h1);
        }
        return Math.Max(Math.Min(h, Math.Min(hmax, span)), 10 * Eps * Math.Max(Math.Abs(t0), AbsoluteMinStep));
    }

    /// <summary>
    /// Evaluates f(t0, y0) into <paramref name="f0"/> at the start of an integration and rejects a non-finite value
    /// with a clear error (no step can repair the initial point).
    /// </summary>
    public static void InitialDerivative(string solver, OdeRhs f, double t0, double[] y0, double[] f0, ref int rhsCalls)
    {
        f(t0, y0, f0);
        rhsCalls++;
        int bad = FirstNonFinite(f0);
        if (bad >= 0)
            throw new OdeException(OdeFailure.NonFiniteRhs, solver, t0, 0,
                $"the right-hand side returned a non-finite value (NaN or ±Inf) in component {bad} at the initial point");
    }

    /// <summary>
    /// The guards every step loop checks before a step: the MaxSteps budget and step-size underflow (reported as the
    /// non-finite failure that drove the step down, when that was the cause).
    /// </summary>
    /// <param name="solver">Solver name for the message.</param>
    /// <param name="steps">Steps attempted so far (accepted + rejected).</param>
    /// <param name="maxSteps">The budget.</param>
    /// <param name="t">Current time.</param>
    /// <param name="h">Proposed step.</param>
    /// <param name="state">The loop's failure bookkeeping.</param>
    /// <param name="tooManyHint">Appended to the MaxSteps message (may be empty).</param>
    public static void CheckStepGuards(string solver, int steps, int maxSteps, double t, double h, in StepFailureState state,
        string tooManyHint)
    {
        if (steps >= maxSteps)
            throw new OdeException(OdeFailure.TooManySteps, solver, t, h,
                $"more than MaxSteps = {maxSteps} steps were needed{tooManyHint}");
        if (h < Math.Max(10 * Eps * Math.Abs(t), AbsoluteMinStep))
            throw state.LastFailure is OdeFailure.NonFiniteRhs or OdeFailure.NonFiniteState
                ? new OdeException(state.LastFailure, solver, t, h,
                    NonFiniteDetail(state.LastFailure, state.LastBadComponent) + " (the step size underflowed)")
                : new OdeException(OdeFailure.StepSizeUnderflow, solver, t, h,
                    "step size underflow: the step needed for the requested accuracy is below 10 ε |t| (singularity, blow-up or discontinuity?)");
    }

    /// <summary>Shortens the step to land exactly on tEnd when it would reach (or nearly reach) it; true for the last step.</summary>
    public static bool ClampLastStep(double t, double tEnd, ref double h)
    {
        if (t + 1.01 * h < tEnd) return false;
        h = tEnd - t;
        return true;
    }

    /// <summary>Evaluates a step's continuous extension at θ ∈ [0, 1] into <paramref name="y"/>.</summary>
    /// <param name="kind">Which formula.</param>
    /// <param name="c">The step's coefficient vectors, stored one after the other (each of length n).</param>
    /// <param name="theta">(t − t_step) / h.</param>
    /// <param name="y">Output, length n.</param>
    public static void EvaluateDense(DenseKind kind, ReadOnlySpan<double> c, double theta, Span<double> y)
    {
        int n = y.Length;
        double s1 = 1 - theta;
        if (kind == DenseKind.DormandPrince)
        {
            for (int i = 0; i < n; i++)
                y[i] = c[i] + theta * (c[n + i] + s1 * (c[2 * n + i] + theta * (c[3 * n + i] + s1 * c[4 * n + i])));
        }
        else
        {
            for (int i = 0; i < n; i++)
                y[i] = s1 * c[i] + theta * (c[n + i] + s1 * (c[2 * n + i] + theta * c[3 * n + i]));
        }
    }

    /// <summary>Builds the message for a failure after non-finite values.</summary>
    public static string NonFiniteDetail(OdeFailure reason, int component) => reason switch
    {
        OdeFailure.NonFiniteRhs => $"the right-hand side returned a non-finite value (NaN or ±Inf) in component {component}, and reducing the step size did not help",
        OdeFailure.NonFiniteState => $"the solution became non-finite (NaN or ±Inf) in component {component}, and reducing the step size did not help",
        _ => $"non-finite value in component {component}",
    };
}

/// <summary>
/// Bookkeeping of a step loop's failures: the current run of steps rejected for non-finite values, and the last
/// failure kind and component (reported if the step size then underflows).
/// </summary>
internal struct StepFailureState
{
    /// <summary>Consecutive step reductions (each by 4) tried after non-finite values before giving up.</summary>
    public const int MaxNonFiniteRetries = 12;

    /// <summary>Consecutive rejections for non-finite values.</summary>
    public int NonFiniteStreak;

    /// <summary>The last failure (StepSizeUnderflow when the last rejection was an ordinary error-test failure).</summary>
    public OdeFailure LastFailure;

    /// <summary>Component of the last non-finite value, or −1.</summary>
    public int LastBadComponent;

    /// <summary>A fresh state: no failure yet.</summary>
    public static StepFailureState Start() => new() { LastFailure = OdeFailure.StepSizeUnderflow, LastBadComponent = -1 };

    /// <summary>
    /// Records a step rejected for a non-finite value and returns the factor (¼) to shrink the step by; throws once
    /// <see cref="MaxNonFiniteRetries"/> consecutive reductions did not help.
    /// </summary>
    public double RejectNonFinite(string solver, OdeFailure kind, int component, double tBad, double h)
    {
        LastFailure = kind;
        LastBadComponent = component;
        if (++NonFiniteStreak > MaxNonFiniteRetries)
            throw new OdeException(kind, solver, tBad, h, OdeCore.NonFiniteDetail(kind, component));
        return 0.25;
    }

    /// <summary>Records a step whose values were all finite (accepted or rejected by the error test).</summary>
    public void Finite()
    {
        NonFiniteStreak = 0;
        LastFailure = OdeFailure.StepSizeUnderflow;
    }
}
