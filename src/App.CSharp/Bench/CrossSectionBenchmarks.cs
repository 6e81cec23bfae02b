using System.Runtime.CompilerServices;
using NuDM.Physics;

namespace NuDM.App.Bench;

/// <summary>
/// Physics-kernel benchmark: the compiled dσ/dT of νN → χN with the Helm form factor (seed 001 eq. 2.21 × F²,
/// composed symbolically into one expression) against the same formula written by hand in C# (timing reference only).
/// </summary>
public static class CrossSectionBenchmarks
{
    private const int Points = 4096;

    /// <summary>Runs the comparison.</summary>
    public static IEnumerable<RatioResult> Run(int rounds)
    {
        var rng = new Random(2021);
        var e = new double[Points]; var m = new double[Points]; var mc = new double[Points]; var t = new double[Points];
        var ms = new double[Points]; var yb = new double[Points]; var a = new double[Points];
        var csi = Kernel.Target("CsI").Nuclei;
        var kinematics = Kernel.SeedModel.NucleusScattering(ProcessKind.NeutrinoNucleusToChiNucleus).Kinematics;
        var tmin = kinematics.MinimumRecoilFormula.Compile3();
        var tmax = kinematics.MaximumRecoilFormula.Compile3();
        for (int i = 0; i < Points; i++)
        {
            var iso = csi[i % 2].Isotope;
            m[i] = iso.Mass; a[i] = iso.A;
            mc[i] = 10 * rng.NextDouble();
            e[i] = mc[i] + mc[i] * mc[i] / (2 * m[i]) + 40 * rng.NextDouble() + 0.5;
            double lo = tmin(e[i], m[i], mc[i]), hi = tmax(e[i], m[i], mc[i]);
            t[i] = lo + (hi - lo) * (0.01 + 0.98 * rng.NextDouble());
            ms[i] = 100 * rng.NextDouble();
            yb[i] = 1e-4 * (0.5 + rng.NextDouble());
        }
        // (E_nu, M, m_chi, T, m_S, ybar, A), the formula's parameter order
        var compiled = CrossSectionCalculator.NuChiHelmFormula.Compile7();
        for (int i = 0; i < Points; i++)
        {
            var c = compiled(e[i], m[i], mc[i], t[i], ms[i], yb[i], a[i]);
            var h = ByHand(e[i], m[i], mc[i], t[i], ms[i], yb[i], a[i]);
            if (Math.Abs(c - h) > 1e-9 * Math.Abs(h))
                throw new InvalidOperationException($"compiled dσ/dT disagrees with the hand-written formula: {c} vs {h}");
        }
        var hand = new Func<double, double, double, double, double, double, double, double>(ByHand);
        yield return RatioBenchmark.Measure("dσ/dT νN→χN × F_Helm² (seed 001 eq. 2.21)", "compiled from the derivation", "hand-written C#",
            n => Loop(compiled, e, m, mc, t, ms, yb, a, n), n => Loop(hand, e, m, mc, t, ms, yb, a, n), Points * 64, rounds, 1.3);

        // the shipped models' compiled dσ/dT per call against the seed model's, through the same accessor
        // (RecoilCrossSectionFunction.Invoke with F² given, so the form factor does not dilute the ratio)
        var seed = Kernel.SeedModel.NucleusScattering(ProcessKind.NeutrinoNucleusToChiNucleus).CompileDifferentialCrossSection();
        var seedValues = new double[] { 3.0, 10.0, 1e-4 }; // m_chi, m_S, ybar
        var z = new double[Points];
        for (int i = 0; i < Points; i++) z[i] = csi[i % 2].Isotope.Z;
        var f2 = new double[Points];
        for (int i = 0; i < Points; i++) f2[i] = 0.5 + 0.5 * rng.NextDouble();
        double SeedLoop(int n)
        {
            double s = 0;
            for (int k = 0; k < n; k++) { int i = k & (Points - 1); s += seed.Invoke(e[i], m[i], t[i], a[i], f2[i], seedValues); }
            return s;
        }
        var rows = new (string Name, Model Model, ProcessKind Kind, Func<string, double> Value)[]
        {
            ("vector: dσ/dT νN→χN", ModelLibrary.Vector, ProcessKind.NeutrinoNucleusToChiNucleus,
                symbol => symbol switch { "m_chi" => 3.0, "m_V" => 10.0, "g_chi" => 1e-3, "g_q" => 1e-5, _ => throw new InvalidOperationException(symbol) }),
            ("light-vector: dσ/dT νN→νN (SM + Z')", ModelLibrary.LightVector, ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel,
                symbol => symbol switch { "m_V" => 10.0, "g_nu" => 1e-5, "g_q" => -1e-5, _ => throw new InvalidOperationException(symbol) }),
        };
        foreach (var (name, model, kind, value) in rows)
        {
            var f = model.NucleusScattering(kind).CompileDifferentialCrossSection();
            var values = f.Parameters.Select(p => value(p.Symbol)).ToArray();
            double ModelLoop(int n)
            {
                double s = 0;
                for (int k = 0; k < n; k++) { int i = k & (Points - 1); s += f.Invoke(e[i], m[i], t[i], a[i], f2[i], z[i], values); }
                return s;
            }
            yield return RatioBenchmark.Measure(name + " ÷ seed model's", $"compiled, model '{model.Name}'", "compiled, model 'scalar-seed'",
                ModelLoop, SeedLoop, Points * 64, rounds, 1.3);
        }
    }

    /// <summary>seed 001 eq. (2.21) with the Helm form factor (Lewin–Smith parameters), typed by hand: timing reference.</summary>
    public static double ByHand(double e, double m, double mc, double t, double ms, double ybar, double a)
    {
        const double hbarc = 197.3269804, sHelm = 0.9, aHelm = 0.52;
        double c = 1.23 * Math.Cbrt(a) - 0.60;
        double r1 = Math.Sqrt(c * c + 7.0 / 3.0 * Math.PI * Math.PI * aHelm * aHelm - 5 * sHelm * sHelm);
        double q = Math.Sqrt(2 * m * t);
        double x = q * r1 / hbarc;
        double ff = 3 * (Math.Sin(x) - x * Math.Cos(x)) / (x * x * x) * Math.Exp(-0.5 * (q * sHelm / hbarc) * (q * sHelm / hbarc));
        double k = (1 + t / (2 * m)) * (m * t + 0.5 * mc * mc) / (e * e);
        double den = 2 * m * t + ms * ms;
        double y2 = ybar * ybar;
        return m * y2 * y2 * a * a * k * ff * ff / (4 * Math.PI * den * den);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Loop(Func<double, double, double, double, double, double, double, double> f,
        double[] e, double[] m, double[] mc, double[] t, double[] ms, double[] yb, double[] a, int n)
    {
        double s = 0;
        for (int k = 0; k < n; k++) { int i = k & (Points - 1); s += f(e[i], m[i], mc[i], t[i], ms[i], yb[i], a[i]); }
        return s;
    }
}
