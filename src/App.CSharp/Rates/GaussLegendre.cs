using System.Collections.Concurrent;

namespace NuDM.App.Rates;

/// <summary>
/// Gauss–Legendre nodes and weights on [−1, 1], computed once per order by Newton iteration on P_n and cached.
/// An n-point rule integrates polynomials of degree ≤ 2n − 1 exactly.
/// </summary>
public static class GaussLegendre
{
    private static readonly ConcurrentDictionary<int, (double[] Nodes, double[] Weights)> Cache = new();

    /// <summary>Largest supported order.</summary>
    public const int MaxOrder = 128;

    /// <summary>Nodes (ascending) and weights of the <paramref name="order"/>-point rule on [−1, 1].</summary>
    public static (double[] Nodes, double[] Weights) Rule(int order)
    {
        if (order < 1 || order > MaxOrder) throw new ArgumentOutOfRangeException(nameof(order), order, $"Gauss–Legendre order must be in [1, {MaxOrder}]");
        return Cache.GetOrAdd(order, Compute);
    }

    private static (double[], double[]) Compute(int n)
    {
        var x = new double[n];
        var w = new double[n];
        int m = (n + 1) / 2;
        for (int i = 0; i < m; i++)
        {
            // Tricomi's initial guess for the i-th largest root, then Newton on P_n.
            double z = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int iter = 0; iter < 100; iter++)
            {
                double p0 = 1, p1 = z;
                for (int k = 2; k <= n; k++)
                {
                    double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                double pn = n == 1 ? z : p1;
                double pnm1 = n == 1 ? 1 : p0;
                dp = n * (z * pn - pnm1) / (z * z - 1);
                double dz = pn / dp;
                z -= dz;
                if (Math.Abs(dz) <= 1e-16) break;
            }
            // recompute the derivative at the converged root
            {
                double p0 = 1, p1 = z;
                for (int k = 2; k <= n; k++)
                {
                    double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                double pn = n == 1 ? z : p1, pnm1 = n == 1 ? 1 : p0;
                dp = n * (z * pn - pnm1) / (z * z - 1);
            }
            double wi = 2 / ((1 - z * z) * dp * dp);
            x[i] = -z;
            x[n - 1 - i] = z;
            w[i] = wi;
            w[n - 1 - i] = wi;
        }
        if (n % 2 == 1) x[m - 1] = 0;
        return (x, w);
    }
}
