using NuDM.Physics;

namespace NuDM.App.Experiments;

/// <summary>Signal acceptance ε(x) ∈ [0, 1] as a function of the observable x, with the points where it is not smooth.</summary>
public interface IAcceptance
{
    /// <summary>ε at observable x.</summary>
    double Evaluate(double observable);

    /// <summary>Observable values where ε jumps or has a kink (the integrator splits panels there).</summary>
    IReadOnlyList<double> Breakpoints { get; }

    /// <summary>One-line description with the numbers used.</summary>
    string Description { get; }
}

/// <summary>ε = 1.</summary>
public sealed class UnitAcceptance : IAcceptance
{
    /// <inheritdoc/>
    public double Evaluate(double observable) => 1.0;
    /// <inheritdoc/>
    public IReadOnlyList<double> Breakpoints => [];
    /// <inheritdoc/>
    public string Description => "ε = 1";
}

/// <summary>ε = 0 below the threshold, 1 at and above (e.g. CONUS 1.2 keV, seed 001).</summary>
public sealed class StepAcceptance(double threshold) : IAcceptance
{
    /// <summary>Threshold in observable units.</summary>
    public double Threshold { get; } = threshold;
    /// <inheritdoc/>
    public double Evaluate(double observable) => observable >= Threshold ? 1.0 : 0.0;
    /// <inheritdoc/>
    public IReadOnlyList<double> Breakpoints => [Threshold];
    /// <inheritdoc/>
    public string Description => $"ε = Θ(x − {Threshold:G6})";
}

/// <summary>
/// COHERENT CsI 2017 acceptance (data release arXiv:1804.09459; pyCEvNS eff_coherent): ε(x) = a/(1 + exp(−k(x − x0))),
/// 0 for x &lt; zeroBelow, half weight for zeroBelow ≤ x &lt; halfWeightBelow, x in PE.
/// </summary>
public sealed class LogisticAcceptance(double a, double k, double x0, double zeroBelow, double halfWeightBelow) : IAcceptance
{
    /// <summary>Plateau a.</summary>
    public double A { get; } = a;
    /// <summary>Steepness k (per PE).</summary>
    public double K { get; } = k;
    /// <summary>Midpoint x0 (PE).</summary>
    public double X0 { get; } = x0;
    /// <summary>ε = 0 below this.</summary>
    public double ZeroBelow { get; } = zeroBelow;
    /// <summary>Half weight below this.</summary>
    public double HalfWeightBelow { get; } = halfWeightBelow;

    private static readonly Func<double, double, double, double, double> Curve = DetectorResponseFormulas.Logistic; // (x, a, k, x0)

    /// <summary>The logistic without the cut-offs (the kernel's DetectorResponse formula).</summary>
    public double Logistic(double x) => Curve(x, A, K, X0);

    /// <inheritdoc/>
    public double Evaluate(double observable) =>
        observable < ZeroBelow ? 0 : observable < HalfWeightBelow ? 0.5 * Logistic(observable) : Logistic(observable);

    /// <inheritdoc/>
    public IReadOnlyList<double> Breakpoints => HalfWeightBelow > ZeroBelow ? [ZeroBelow, HalfWeightBelow] : [ZeroBelow];

    /// <inheritdoc/>
    public string Description =>
        $"ε = {A:G6}/(1+exp(−{K:G6}(x−{X0:G6}))), 0 for x < {ZeroBelow:G6}{(HalfWeightBelow > ZeroBelow ? $", half weight for x < {HalfWeightBelow:G6}" : "")}";
}

/// <summary>
/// COHERENT CsI 2021 energy efficiency (release effCoefficients.txt): ε(x) = a/(1 + exp(−b(x − c))) + d, clipped to [0, 1].
/// </summary>
public sealed class OffsetLogisticAcceptance : IAcceptance
{
    /// <summary>Creates the curve from its four coefficients.</summary>
    public OffsetLogisticAcceptance(double a, double b, double c, double d)
    {
        A = a; B = b; C = c; D = d;
        // the clipped curve has kinks where the logistic crosses 0 (exists for −a < d < 0) and 1 (for a + d > 1 > d)
        var br = new List<double>();
        if (d < 0 && -d < a) br.Add(Crossing(0, a, b, c, d));
        if (a + d > 1 && d < 1) br.Add(Crossing(1, a, b, c, d));
        Breakpoints = br;
    }

    /// <summary>Coefficient a.</summary>
    public double A { get; }
    /// <summary>Coefficient b (per PE).</summary>
    public double B { get; }
    /// <summary>Coefficient c (PE).</summary>
    public double C { get; }
    /// <summary>Coefficient d.</summary>
    public double D { get; }

    private static readonly Func<double, double, double, double, double, double> Curve = DetectorResponseFormulas.OffsetLogistic;            // (x, a, b, c, d)
    private static readonly Func<double, double, double, double, double, double> Crossing = DetectorResponseFormulas.OffsetLogisticCrossing; // (ε, a, b, c, d)

    /// <inheritdoc/>
    public double Evaluate(double observable) => Math.Clamp(Curve(observable, A, B, C, D), 0.0, 1.0);

    /// <inheritdoc/>
    public IReadOnlyList<double> Breakpoints { get; }

    /// <inheritdoc/>
    public string Description => $"ε = clip({A:G6}/(1+exp(−{B:G6}(x−{C:G6}))) + {D:G6}, 0, 1)";
}

/// <summary>ε linearly interpolated in a table (end values held outside).</summary>
public sealed class TableAcceptance : IAcceptance
{
    private readonly double[] xs, ys;

    /// <summary>Creates the table; abscissae must increase strictly and efficiencies lie in [0, 1].</summary>
    public TableAcceptance(double[] observable, double[] efficiency, string source)
    {
        if (observable.Length < 2 || observable.Length != efficiency.Length) throw new ArgumentException("an acceptance table needs ≥ 2 rows of (x, ε)");
        for (int i = 1; i < observable.Length; i++)
            if (!(observable[i] > observable[i - 1])) throw new ArgumentException($"acceptance table abscissae must increase strictly (row {i + 1})");
        foreach (var e in efficiency) if (!(e >= 0 && e <= 1)) throw new ArgumentException($"acceptance values must lie in [0, 1], got {e}");
        xs = observable.ToArray();
        ys = efficiency.ToArray();
        Source = source;
    }

    /// <summary>File the table came from.</summary>
    public string Source { get; }

    /// <inheritdoc/>
    public double Evaluate(double observable) => Interpolation.Linear(xs, ys, observable, clamp: true);

    /// <inheritdoc/>
    public IReadOnlyList<double> Breakpoints => xs;

    /// <inheritdoc/>
    public string Description => $"ε interpolated linearly in {Source} ({xs.Length} rows)";
}
