using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using MathNet.Numerics.RootFinding;

namespace NuDM.App.Statistics.Likelihood;

/// <summary>The minimum of −2 ln L over the free parameters.</summary>
/// <param name="Values">All parameter values at the minimum (fixed ones at their fixed values).</param>
/// <param name="MinusTwoLogL">−2 ln L at the minimum (deviances + pulls).</param>
/// <param name="Iterations">Optimiser iterations.</param>
public sealed record FitPoint(double[] Values, double MinusTwoLogL, int Iterations);

/// <summary>
/// Profiling of a <see cref="JointLikelihood"/>: minimisation over the free parameters with MathNet's bounded
/// quasi-Newton method (L-BFGS-B: <see cref="BfgsBMinimizer"/>; the bounds are the parameters' ranges) in coordinates
/// scaled by each parameter's prior width, with central finite-difference gradients; 1σ profile intervals
/// (Δ(−2 ln L) = 1, Brent's method on the profiled curve) and the covariance from the finite-difference Hessian. Every
/// step is deterministic: the same inputs give the same numbers.
/// </summary>
public static class Profiler
{
    /// <summary>Relative step of the finite-difference derivatives, in units of each parameter's scale.</summary>
    public const double Step = 1e-5;

    /// <summary>
    /// Minimises −2 ln L over every parameter not in <paramref name="fixedValues"/> (name → value), starting at
    /// <paramref name="start"/> (default: the nominal values; fixed ones are overwritten).
    /// </summary>
    public static FitPoint Minimise(JointLikelihood likelihood, IReadOnlyDictionary<string, double>? fixedValues = null, double[]? start = null)
    {
        ArgumentNullException.ThrowIfNull(likelihood);
        var ps = likelihood.Parameters;
        int n = ps.Count;
        var x = (start ?? likelihood.Nominal()).ToArray();
        if (x.Length != n) throw new ArgumentException($"{n} start values are needed, got {x.Length}", nameof(start));
        var isFixed = new bool[n];
        if (fixedValues is not null)
            foreach (var (name, value) in fixedValues)
            {
                int i = likelihood.IndexOf(name);
                isFixed[i] = true;
                x[i] = value;
            }
        var free = Enumerable.Range(0, n).Where(i => !isFixed[i]).ToArray();
        if (free.Length == 0) return new FitPoint(x, likelihood.Evaluate(x), 0);
        var scale = free.Select(i => ps[i].Scale).ToArray();
        var centre = free.Select(i => ps[i].Nominal).ToArray();
        var work = x.ToArray();

        double F(Vector<double> u)
        {
            for (int j = 0; j < free.Length; j++) work[free[j]] = centre[j] + scale[j] * u[j];
            return likelihood.Evaluate(work);
        }
        Vector<double> G(Vector<double> u)
        {
            var g = Vector<double>.Build.Dense(free.Length);
            var v = u.Clone();
            for (int j = 0; j < free.Length; j++)
            {
                double u0 = v[j];
                v[j] = u0 + Step;
                double fp = F(v);
                v[j] = u0 - Step;
                double fm = F(v);
                v[j] = u0;
                g[j] = (fp - fm) / (2 * Step);
            }
            return g;
        }
        var lo = Vector<double>.Build.Dense(free.Select((i, j) => (ps[i].Lower - centre[j]) / scale[j]).ToArray());
        var hi = Vector<double>.Build.Dense(free.Select((i, j) => (ps[i].Upper - centre[j]) / scale[j]).ToArray());
        var u0v = Vector<double>.Build.Dense(free.Select((i, j) => Math.Clamp((x[i] - centre[j]) / scale[j], lo[j], hi[j])).ToArray());
        var objective = ObjectiveFunction.Gradient(F, G);
        var minimizer = new BfgsBMinimizer(1e-6, 1e-9, 1e-12, 2000);
        MinimizationResult result;
        try { result = minimizer.FindMinimum(objective, lo, hi, u0v); }
        catch (MaximumIterationsException e) { throw new InvalidOperationException($"the profile did not converge in 2000 iterations: {e.Message}", e); }
        var u = result.MinimizingPoint;
        for (int j = 0; j < free.Length; j++) x[free[j]] = centre[j] + scale[j] * u[j];
        return new FitPoint(x, likelihood.Evaluate(x), result.Iterations);
    }

    /// <summary>
    /// The profile interval of parameter <paramref name="name"/> where −2 ln L rises by <paramref name="delta"/> above the
    /// minimum <paramref name="best"/> (1: the 1σ interval; 2.706: the 90 % CL one-sided limit), the other free parameters
    /// profiled. An end that does not rise by delta within the parameter's range is that bound.
    /// </summary>
    public static (double Lower, double Upper) Interval(JointLikelihood likelihood, string name, FitPoint best, double delta = 1.0,
        IReadOnlyDictionary<string, double>? fixedValues = null, double? stepGuess = null)
    {
        int k = likelihood.IndexOf(name);
        var p = likelihood.Parameters[k];
        double x0 = best.Values[k];
        double Rise(double v)
        {
            var fix = new Dictionary<string, double>(fixedValues ?? new Dictionary<string, double>()) { [name] = v };
            return Minimise(likelihood, fix, best.Values).MinusTwoLogL - best.MinusTwoLogL - delta;
        }
        double step = stepGuess ?? p.Scale;
        double End(int sign)
        {
            double bound = sign > 0 ? p.Upper : p.Lower;
            double a = x0, s = step;
            for (int i = 0; i < 60; i++)
            {
                double b = x0 + sign * s;
                if (sign > 0 ? b >= bound : b <= bound) b = bound;
                double r = Rise(b);
                if (r >= 0) return Brent.FindRoot(Rise, Math.Min(a, b), Math.Max(a, b), 1e-6 * Math.Max(step, 1e-12), 100);
                if (b == bound) return bound;
                a = b;
                s *= 2;
            }
            return bound;
        }
        return (End(-1), End(+1));
    }

    /// <summary>
    /// The covariance of the free parameters at a minimum: the inverse of half the finite-difference Hessian of −2 ln L
    /// (in the parameters' units; fixed parameters and those at a bound have 0 rows). Returns the 1σ errors sqrt(C_kk).
    /// </summary>
    public static double[] Errors(JointLikelihood likelihood, FitPoint best, IReadOnlyDictionary<string, double>? fixedValues = null)
    {
        var ps = likelihood.Parameters;
        int n = ps.Count;
        var isFixed = new bool[n];
        if (fixedValues is not null) foreach (var name in fixedValues.Keys) isFixed[likelihood.IndexOf(name)] = true;
        var free = Enumerable.Range(0, n).Where(i => !isFixed[i]).ToArray();
        var errors = new double[n];
        if (free.Length == 0) return errors;
        var h = free.Select(i => 1e-3 * ps[i].Scale).ToArray();
        var x = best.Values.ToArray();
        double F() => likelihood.Evaluate(x);
        double f0 = F();
        var hess = Matrix<double>.Build.Dense(free.Length, free.Length);
        for (int a = 0; a < free.Length; a++)
        {
            int ia = free[a];
            double xa = x[ia];
            x[ia] = xa + h[a]; double fp = F();
            x[ia] = xa - h[a]; double fm = F();
            x[ia] = xa;
            hess[a, a] = (fp - 2 * f0 + fm) / (h[a] * h[a]);
            for (int b = 0; b < a; b++)
            {
                int ib = free[b];
                double xb = x[ib];
                x[ia] = xa + h[a]; x[ib] = xb + h[b]; double fpp = F();
                x[ib] = xb - h[b]; double fpm = F();
                x[ia] = xa - h[a]; double fmm = F();
                x[ib] = xb + h[b]; double fmp = F();
                x[ia] = xa; x[ib] = xb;
                hess[a, b] = hess[b, a] = (fpp - fpm - fmp + fmm) / (4 * h[a] * h[b]);
            }
        }
        var cov = (0.5 * hess).Inverse();
        for (int a = 0; a < free.Length; a++) errors[free[a]] = cov[a, a] > 0 ? Math.Sqrt(cov[a, a]) : double.NaN;
        return errors;
    }
}
