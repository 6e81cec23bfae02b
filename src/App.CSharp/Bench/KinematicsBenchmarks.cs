using System.Runtime.CompilerServices;
using NuDM.Physics;

namespace NuDM.App.Bench;

/// <summary>
/// Foundation-issue benchmark: the compiled, symbolically derived T_max and cos θ (seed 001 eqs. 2.9, 2.5) against
/// the same formulas written by hand in C#. The hand-written versions exist only as the timing reference here.
/// </summary>
public static class KinematicsBenchmarks
{
    private const int Points = 4096;

    /// <summary>Runs both comparisons.</summary>
    public static IEnumerable<RatioResult> Run(int rounds)
    {
        var rng = new Random(20181024);
        var e = new double[Points];
        var m = new double[Points];
        var mc = new double[Points];
        var t = new double[Points];
        // the recoil kinematics of ν N → χ N as the model's process carries them (E_nu, M, m_chi)
        var kinematics = Kernel.SeedModel.NucleusScattering(ProcessKind.NeutrinoNucleusToChiNucleus).Kinematics;
        var tmin = kinematics.MinimumRecoilFormula.Compile3();
        var tmax = kinematics.MaximumRecoilFormula.Compile3();
        for (int i = 0; i < Points; i++)
        {
            m[i] = 60000 + 70000 * rng.NextDouble();
            mc[i] = 10 * rng.NextDouble();
            e[i] = mc[i] + mc[i] * mc[i] / (2 * m[i]) + 50 * rng.NextDouble() + 1e-3;
            double lo = tmin(e[i], m[i], mc[i]), hi = tmax(e[i], m[i], mc[i]);
            t[i] = lo + (hi - lo) * rng.NextDouble();
        }
        var cos = Kinematics.CosThetaFormula().Compile4();

        // correctness first: the benchmark compares equal work
        for (int i = 0; i < Points; i++)
        {
            if (Math.Abs(tmax(e[i], m[i], mc[i]) - TMaxByHand(e[i], m[i], mc[i])) > 1e-12 * TMaxByHand(e[i], m[i], mc[i]))
                throw new InvalidOperationException("compiled T_max disagrees with the hand-written formula");
            if (Math.Abs(cos(e[i], m[i], mc[i], t[i]) - CosThetaByHand(e[i], m[i], mc[i], t[i])) > 1e-9)
                throw new InvalidOperationException("compiled cos θ disagrees with the hand-written formula");
        }

        yield return RatioBenchmark.Measure("T_max (seed 001 eq. 2.9)", "compiled from the derivation", "hand-written C#",
            n => LoopCompiled3(tmax, e, m, mc, n), n => LoopTMaxHand(e, m, mc, n), Points * 256, rounds, 1.3);
        yield return RatioBenchmark.Measure("cos θ(T) (seed 001 eq. 2.5)", "compiled from the derivation", "hand-written C#",
            n => LoopCompiled4(cos, e, m, mc, t, n), n => LoopCosHand(e, m, mc, t, n), Points * 256, rounds, 1.3);
    }

    /// <summary>seed 001 eq. (2.9), + root, typed by hand (timing reference only).</summary>
    public static double TMaxByHand(double e, double m, double mc)
    {
        double mc2 = mc * mc;
        double root = Math.Sqrt(4 * m * m * e * e - 4 * m * mc2 * (e + m) + mc2 * mc2);
        return (2 * m * e * e - mc2 * (e + m) + e * root) / (2 * m * (2 * e + m));
    }

    /// <summary>seed 001 eq. (2.5) typed by hand, with the recoil momentum in its stable form (timing reference only).</summary>
    public static double CosThetaByHand(double e, double m, double mc, double t) =>
        (e * t + m * t + 0.5 * mc * mc) / (e * Math.Sqrt(t * (2 * m + t)));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double LoopCompiled3(Func<double, double, double, double> f, double[] a, double[] b, double[] c, int n)
    {
        double s = 0;
        for (int k = 0; k < n; k++) { int i = k & (Points - 1); s += f(a[i], b[i], c[i]); }
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double LoopCompiled4(Func<double, double, double, double, double> f, double[] a, double[] b, double[] c, double[] d, int n)
    {
        double s = 0;
        for (int k = 0; k < n; k++) { int i = k & (Points - 1); s += f(a[i], b[i], c[i], d[i]); }
        return s;
    }

    // The hand-written reference is called through a delegate too, so both sides pay the same call cost and the
    // ratio compares the generated code with the hand-written code.
    private static readonly Func<double, double, double, double> TMaxHandDelegate = TMaxByHand;
    private static readonly Func<double, double, double, double, double> CosHandDelegate = CosThetaByHand;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double LoopTMaxHand(double[] a, double[] b, double[] c, int n) => LoopCompiled3(TMaxHandDelegate, a, b, c, n);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double LoopCosHand(double[] a, double[] b, double[] c, double[] d, int n) => LoopCompiled4(CosHandDelegate, a, b, c, d, n);
}
