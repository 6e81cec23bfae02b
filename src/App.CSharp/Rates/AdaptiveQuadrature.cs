using NuDM.App.Numerics;

namespace NuDM.App.Rates;

/// <summary>
/// Vector-valued integrand for <see cref="AdaptiveQuadrature"/>: writes the components at x into
/// <c>values</c> and returns a caller-defined handle (e.g. an index of data computed at x), or −1.
/// </summary>
internal delegate int VectorIntegrand(double x, Span<double> values);

/// <summary>A node of an accepted panel: abscissa, weight and the handle the integrand returned there.</summary>
internal readonly record struct QuadratureNode(double X, double Weight, int Handle);

/// <summary>
/// The number of panels a set of nested adaptive integrals may still evaluate (shared by the outer integral and every
/// inner one it starts), so that no integrand, however badly behaved, makes them run or allocate without bound.
/// </summary>
internal sealed class QuadratureBudget(int panels)
{
    /// <summary>Panels granted.</summary>
    public int Total { get; } = panels;

    /// <summary>Panels left.</summary>
    public int Remaining { get; set; } = panels;
}

/// <summary>
/// Adaptive Gauss–Legendre panels for a vector of integrands that share their abscissae. The interval is first cut at
/// the given breakpoints; each panel's n-point value is compared with the sum of the n-point values on its halves,
/// and the panel is accepted when, for every component r, |halves − whole| ≤ rtol · max(|halves|, S_r · width/L),
/// where S_r is the first estimate of the whole integral and L the whole length; otherwise the halves are refined.
/// The accepted panels' own (coarser) nodes are returned, so the recorded rule reproduces the returned value exactly.
/// It stops with a <see cref="QuadratureException"/> on the first NaN or ±∞ value of the integrand, and when the
/// panels of its <see cref="QuadratureBudget"/> are used up.
/// </summary>
internal static class AdaptiveQuadrature
{
    private sealed class Panel
    {
        public double A, B;
        public int Depth;
        public double[] Sum = [];
        public double[] X = [];
        public double[] W = [];
        public int[] Handles = [];
    }

    /// <summary>
    /// Integrates over [cuts[0], cuts[^1]] (cuts ascending), adds the result to <paramref name="result"/> (length = dim)
    /// and appends the accepted nodes to <paramref name="nodes"/>. <paramref name="computation"/> describes what is
    /// integrated (called only for an error message); <paramref name="variable"/> names the integration variable.
    /// </summary>
    /// <exception cref="QuadratureException">The integrand returned NaN or ±∞, or the budget ran out.</exception>
    public static void Integrate(ReadOnlySpan<double> cuts, int dim, VectorIntegrand f, int order, double rtol, int maxDepth,
        Span<double> result, List<QuadratureNode> nodes, QuadratureBudget budget, Func<string> computation, string variable)
    {
        var job = new Job(f, dim, budget, computation, variable, rtol);
        if (cuts.Length < 2) return;
        double total = cuts[^1] - cuts[0];
        if (!(total > 0)) return;
        var (gx, gw) = Rule(order);
        var values = new double[dim];
        var stack = new Stack<Panel>();
        var scale = new double[dim];
        var initial = new List<Panel>();
        for (int i = 0; i + 1 < cuts.Length; i++)
        {
            double a = cuts[i], b = cuts[i + 1];
            if (!(b > a)) continue;
            var p = Evaluate(a, b, 0, job, gx, gw, values);
            initial.Add(p);
            for (int r = 0; r < dim; r++) scale[r] += p.Sum[r];
        }
        for (int r = 0; r < dim; r++) scale[r] = Math.Abs(scale[r]);
        for (int i = initial.Count - 1; i >= 0; i--) stack.Push(initial[i]);

        while (stack.Count > 0)
        {
            var p = stack.Pop();
            double mid = 0.5 * (p.A + p.B);
            bool canSplit = p.Depth < maxDepth && mid > p.A && mid < p.B;
            if (canSplit)
            {
                var left = Evaluate(p.A, mid, p.Depth + 1, job, gx, gw, values);
                var right = Evaluate(mid, p.B, p.Depth + 1, job, gx, gw, values);
                bool ok = true;
                double share = (p.B - p.A) / total;
                for (int r = 0; r < dim && ok; r++)
                {
                    double fine = left.Sum[r] + right.Sum[r];
                    double err = Math.Abs(fine - p.Sum[r]);
                    double tol = rtol * Math.Max(Math.Abs(fine), scale[r] * share);
                    if (!(err <= tol)) ok = false;
                }
                if (!ok)
                {
                    stack.Push(right);
                    stack.Push(left);
                    continue;
                }
            }
            for (int r = 0; r < dim; r++) result[r] += p.Sum[r];
            for (int j = 0; j < p.X.Length; j++) nodes.Add(new QuadratureNode(p.X[j], p.W[j], p.Handles[j]));
        }
    }

    private sealed record Job(VectorIntegrand F, int Dim, QuadratureBudget Budget, Func<string> Computation, string Variable, double Rtol);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, (double[] Nodes, double[] Weights)> Rules = new();

    /// <summary>MathNet's Gauss–Legendre rule of <paramref name="order"/> points on [−1, 1] (cached per order).</summary>
    private static (double[] Nodes, double[] Weights) Rule(int order) => Rules.GetOrAdd(order, n =>
    {
        var rule = new MathNet.Numerics.Integration.GaussLegendreRule(-1, 1, n);
        return (rule.Abscissas, rule.Weights);
    });

    private static Panel Evaluate(double a, double b, int depth, Job job, double[] gx, double[] gw, double[] values)
    {
        if (job.Budget.Remaining <= 0)
            throw new QuadratureException(job.Computation(), job.Variable, a, QuadratureFailure.BudgetExhausted,
                $"the adaptive integral did not converge within {job.Budget.Total} panels (relative tolerance {job.Rtol:G3}); the integrand is not smooth enough to integrate here");
        job.Budget.Remaining--;
        int n = gx.Length, dim = job.Dim;
        var p = new Panel { A = a, B = b, Depth = depth, Sum = new double[dim], X = new double[n], W = new double[n], Handles = new int[n] };
        double half = 0.5 * (b - a), c = 0.5 * (a + b);
        for (int j = 0; j < n; j++)
        {
            double x = c + half * gx[j];
            double w = half * gw[j];
            Array.Clear(values);
            int h = job.F(x, values);
            p.X[j] = x;
            p.W[j] = w;
            p.Handles[j] = h;
            for (int r = 0; r < dim; r++)
            {
                double v = values[r];
                if (!double.IsFinite(v))
                    throw new QuadratureException(job.Computation(), job.Variable, x, QuadratureFailure.NonFiniteIntegrand,
                        $"the integrand is {v} (component {r}): a NaN or infinite input reached it, so the integral cannot converge and is stopped");
                p.Sum[r] += w * v;
            }
        }
        return p;
    }
}
