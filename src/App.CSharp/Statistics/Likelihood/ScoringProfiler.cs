using MathNet.Numerics.LinearAlgebra;

namespace NuDM.App.Statistics.Likelihood;

/// <summary>
/// A fast profiler for binned Poisson likelihoods: Levenberg–Marquardt-damped Fisher scoring. For
/// −2 ln L = 2 Σ_i [μ_i − n_i + n_i ln(n_i/μ_i)] + Σ_k ((v_k − v⁰_k)/σ_k)², the gradient is
/// g_k = 2 Σ_i (1 − n_i/μ_i) ∂μ_i/∂v_k + 2 (v_k − v⁰_k)/σ_k² and the expected information
/// H_kl = 2 Σ_i ∂μ_i/∂v_k ∂μ_i/∂v_l / μ_i + 2 δ_kl/σ_k² (positive definite); each step solves (H + λ diag H) δ = −g and
/// is kept only if −2 ln L decreases. The Jacobian ∂μ/∂v is taken by forward differences of each experiment's model in its
/// own parameters only (so an experiment is evaluated once per own parameter, not once per joint parameter). Parameters
/// at a bound whose gradient points outward are held there. Where the expected counts are near-linear in the nuisances
/// (normalisations, interpolated shapes) it converges in a few steps from a nearby start — the use case of a scan over
/// the parameter of interest. <see cref="Profiler.Minimise"/> (L-BFGS-B) is the reference it is tested against.
/// One instance per thread (it holds the likelihood's scratch).
/// </summary>
public static class ScoringProfiler
{
    /// <summary>Stop when the predicted decrease gᵀδ/2 falls below this (in −2 ln L).</summary>
    public const double Tolerance = 1e-7;

    /// <summary>
    /// Minimises −2 ln L over every parameter not in <paramref name="fixedValues"/>, starting at <paramref name="start"/>
    /// (default: the nominal values; fixed ones overwritten, all clamped to their bounds).
    /// </summary>
    public static FitPoint Minimise(JointLikelihood likelihood, IReadOnlyDictionary<string, double>? fixedValues = null, double[]? start = null,
        int maxIterations = 200)
    {
        ArgumentNullException.ThrowIfNull(likelihood);
        var ps = likelihood.Parameters;
        int n = ps.Count;
        var x = (start ?? likelihood.Nominal()).ToArray();
        if (x.Length != n) throw new ArgumentException($"{n} start values are needed, got {x.Length}", nameof(start));
        var isFixed = new bool[n];
        if (fixedValues is not null)
            foreach (var (name, value) in fixedValues) { int i = likelihood.IndexOf(name); isFixed[i] = true; x[i] = value; }
        for (int k = 0; k < n; k++) if (!isFixed[k]) x[k] = Math.Clamp(x[k], ps[k].Lower, ps[k].Upper);

        var models = likelihood.Models;
        var map = models.Select(m => m.Parameters.Select(p => likelihood.IndexOf(p.Name)).ToArray()).ToArray();
        var observed = models.Select(m => m.Observed.ToArray()).ToArray();
        var mu = models.Select(m => new double[m.Observed.Count]).ToArray();
        var shifted = models.Select(m => new double[m.Observed.Count]).ToArray();
        var local = models.Select(m => new double[m.Parameters.Count]).ToArray();
        var inverse = models.Select(m => new double[m.Observed.Count]).ToArray();
        var residual = models.Select(m => new double[m.Observed.Count]).ToArray();
        var weighted = models.Select(m => new double[m.Observed.Count]).ToArray();
        var free = Enumerable.Range(0, n).Where(k => !isFixed[k]).ToArray();
        var slot = new int[n];
        Array.Fill(slot, -1);
        for (int a = 0; a < free.Length; a++) slot[free[a]] = a;
        int nf = free.Length;
        double f = likelihood.Evaluate(x);
        if (nf == 0) return new FitPoint(x, f, 0);

        var g = new double[nf];
        var h = new double[nf, nf];
        var jac = models.Select(m => new double[m.Parameters.Count][]).ToArray();
        for (int m = 0; m < models.Count; m++)
            for (int k = 0; k < jac[m].Length; k++) jac[m][k] = new double[observed[m].Length];
        double lambda = 1e-3;
        int iteration = 0;
        var trial = new double[n];
        for (; iteration < maxIterations; iteration++)
        {
            Array.Clear(g);
            Array.Clear(h);
            for (int m = 0; m < models.Count; m++)
            {
                var ix = map[m];
                var l = local[m];
                for (int k = 0; k < l.Length; k++) l[k] = x[ix[k]];
                models[m].Expected(l, mu[m]);
                var mm = mu[m];
                var nn = observed[m];
                for (int k = 0; k < l.Length; k++)
                {
                    var d = jac[m][k];
                    if (slot[ix[k]] < 0) continue;
                    double v0 = l[k], step = 1e-6 * Math.Max(ps[ix[k]].Scale, 1e-12);
                    if (v0 + step > ps[ix[k]].Upper) step = -step;
                    l[k] = v0 + step;
                    models[m].Expected(l, shifted[m]);
                    l[k] = v0;
                    var s = shifted[m];
                    for (int i = 0; i < d.Length; i++) d[i] = (s[i] - mm[i]) / step;
                }
                var inv = inverse[m];
                var res = residual[m];
                for (int i = 0; i < mm.Length; i++)
                {
                    inv[i] = 1 / (mm[i] > PoissonDeviance.ExpectedFloor ? mm[i] : PoissonDeviance.ExpectedFloor);
                    res[i] = 1 - nn[i] * inv[i];
                }
                for (int k = 0; k < l.Length; k++)
                {
                    int a = slot[ix[k]];
                    if (a < 0) continue;
                    var dk = jac[m][k];
                    double gk = 0;
                    for (int i = 0; i < dk.Length; i++) gk += res[i] * dk[i];
                    g[a] += 2 * gk;
                    for (int i = 0; i < dk.Length; i++) weighted[m][i] = dk[i] * inv[i];
                    var wk = weighted[m];
                    for (int q = 0; q <= k; q++)
                    {
                        int b = slot[ix[q]];
                        if (b < 0) continue;
                        var dq = jac[m][q];
                        double hkq = 0;
                        for (int i = 0; i < dq.Length; i++) hkq += wk[i] * dq[i];
                        h[a, b] += 2 * hkq;
                        if (a != b) h[b, a] += 2 * hkq;
                    }
                }
            }
            for (int a = 0; a < nf; a++)
            {
                var p = ps[free[a]];
                if (p.Prior != PriorKind.Gaussian) continue;
                double w = 1 / (p.PriorWidth * p.PriorWidth);
                g[a] += 2 * (x[free[a]] - p.Nominal) * w;
                h[a, a] += 2 * w;
            }
            // parameters at a bound with the gradient pointing outward are held (their rows drop out)
            var active = Enumerable.Range(0, nf).Where(a =>
            {
                var p = ps[free[a]];
                double v = x[free[a]];
                return !((v <= p.Lower && g[a] > 0) || (v >= p.Upper && g[a] < 0));
            }).ToArray();
            if (active.Length == 0) break;
            double decrease = double.NaN;
            bool accepted = false;
            for (int attempt = 0; attempt < 30 && !accepted; attempt++)
            {
                var hm = Matrix<double>.Build.Dense(active.Length, active.Length, (i, j) => h[active[i], active[j]] + (i == j ? lambda * h[active[i], active[i]] : 0));
                var gv = Vector<double>.Build.Dense(active.Length, i => -g[active[i]]);
                Vector<double> delta;
                try { delta = hm.Cholesky().Solve(gv); }
                catch (ArgumentException) { lambda *= 10; continue; }
                Array.Copy(x, trial, n);
                for (int i = 0; i < active.Length; i++)
                {
                    int k = free[active[i]];
                    trial[k] = Math.Clamp(x[k] + delta[i], ps[k].Lower, ps[k].Upper);
                }
                decrease = 0;
                for (int i = 0; i < active.Length; i++) decrease -= 0.5 * g[active[i]] * (trial[free[active[i]]] - x[free[active[i]]]);
                double ft = likelihood.Evaluate(trial);
                if (ft <= f)
                {
                    accepted = true;
                    double change = f - ft;
                    Array.Copy(trial, x, n);
                    f = ft;
                    lambda = Math.Max(lambda / 10, 1e-9);
                    if (change < Tolerance && decrease < Tolerance) return new FitPoint(x, f, iteration + 1);
                }
                else lambda *= 10;
            }
            if (!accepted || decrease < Tolerance) break;
        }
        return new FitPoint(x, f, iteration);
    }
}
