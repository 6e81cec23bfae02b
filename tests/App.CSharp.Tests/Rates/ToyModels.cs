using NuDM.Physics;
using NuDM.App.Rates;

namespace NuDM.App.Tests.Rates;

/// <summary>Toy physics with closed-form answers, and reference kinematics used as stand-ins for the kernel.</summary>
internal static class ToyModels
{
    /// <summary>(ħc)²: cross sections are given as σ/(ħc)² so that counts come out in plain numbers.</summary>
    public static readonly double HbarC2 = RateUnits.Cm2PerInverseMeV2;

    public static readonly Isotope Heavy = new("X", 40, 100, 1.0, 93_000.0);
    public static readonly Isotope Light = new("Y", 18, 40, 1.0, 37_000.0);

    public static DetectorSetup Setup(double[] edges, Func<double, double>? acceptance = null, IEnumerable<double>? breaks = null, params Isotope[] nuclei) =>
        new(edges, (nuclei.Length == 0 ? [Heavy] : nuclei).Select(n => new NucleusCount(n, 1.0)).ToArray(), 1.0, acceptance, breaks);

    public static double[] Uniform(double lo, double hi, int n) => Enumerable.Range(0, n + 1).Select(i => lo + (hi - lo) * i / n).ToArray();

    /// <summary>Linear toy kinematics T_min = 0, T_max = αE (E_min(T) = T/α).</summary>
    public static ScatteringProcess Linear(double alpha, DifferentialCrossSection sigma, bool withInverse) =>
        new("linear", sigma, (e, n) => 0.0, (e, n) => alpha * e, withInverse ? (t, n) => t / alpha : null);

    /// <summary>"Massive" toy kinematics T_min = β/E, T_max = αE: threshold √(β/α), E_min(T) = max(T/α, β/T).</summary>
    public static ScatteringProcess Massive(double alpha, double beta, DifferentialCrossSection sigma, bool withInverse) =>
        new("massive toy", sigma, (e, n) => beta / e, (e, n) => alpha * e, withInverse ? (t, n) => Math.Max(t / alpha, beta / t) : null);

    // ---- reference kinematics of seed 001 (stand-ins for the kernel's NuDM.Physics.Kinematics)

    /// <summary>T_max^SM = 2E²/(M + 2E), seed 001 eq. (2.10).</summary>
    public static double TMaxSM(double e, Isotope n) => 2 * e * e / (n.Mass + 2 * e);

    /// <summary>T_min/max for νN → χN, seed 001 eq. (2.9); NaN below threshold.</summary>
    public static (double Min, double Max) TMinMax(double e, double mchi, double m)
    {
        double m2 = mchi * mchi;
        double disc = 4 * m * m * e * e - 4 * m * m2 * (e + m) + m2 * m2;
        if (disc < 0) return (double.NaN, double.NaN);
        double root = e * Math.Sqrt(disc);
        double num = 2 * m * e * e - m2 * (e + m);
        double den = 2 * m * (2 * e + m);
        return ((num - root) / den, (num + root) / den);
    }

    /// <summary>E_min(T) for νN → χN: cos θ ≤ 1 ⇔ E ≥ (MT + m_χ²/2)/(p − T), p = √(T² + 2MT) (from seed 001 eq. (2.5)).</summary>
    public static double EMinMassive(double t, double mchi, double m)
    {
        double p = Math.Sqrt(t * t + 2 * m * t);
        return (m * t + 0.5 * mchi * mchi) / (p - t);
    }

    public static ScatteringProcess ProducedMass(double mchi, DifferentialCrossSection sigma, bool withInverse) =>
        new($"νN→χN (m_χ = {mchi} MeV)", sigma,
            (e, n) => TMinMax(e, mchi, n.Mass).Min,
            (e, n) => TMinMax(e, mchi, n.Mass).Max,
            withInverse ? (t, n) => EMinMassive(t, mchi, n.Mass) : null);

    public static ScatteringProcess Elastic(DifferentialCrossSection sigma) =>
        new("elastic", sigma, (e, n) => 0.0, TMaxSM, (t, n) => 0.5 * (t + Math.Sqrt(t * t + 2 * n.Mass * t)));
}
