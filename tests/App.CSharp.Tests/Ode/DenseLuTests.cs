using NuDM.App.Ode;
using NUnit.Framework;

namespace NuDM.App.Tests.Ode;

/// <summary>The solvers' own small dense LU with partial pivoting.</summary>
public class DenseLuTests
{
    [Test]
    public void RandomSystems_AreSolvedToRoundOff([Range(1, 10)] int n)
    {
        var rng = new Random(1234 + n);
        for (int trial = 0; trial < 20; trial++)
        {
            var a = new double[n * n];
            for (int i = 0; i < a.Length; i++) a[i] = rng.NextDouble() * 2 - 1;
            var x = new double[n];
            for (int i = 0; i < n; i++) x[i] = rng.NextDouble() * 2 - 1;
            var b = new double[n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) b[i] += a[i * n + j] * x[j];

            var lu = (double[])a.Clone();
            var piv = new int[n];
            Assert.That(DenseLu.Factor(lu, n, piv), Is.True);
            DenseLu.Solve(lu, n, piv, b);
            // Residual check (backward error), robust to ill-conditioned random draws.
            double res = 0, scale = 0;
            for (int i = 0; i < n; i++)
            {
                double r = 0;
                for (int j = 0; j < n; j++) { r += a[i * n + j] * (b[j] - x[j]); scale = Math.Max(scale, Math.Abs(a[i * n + j] * b[j])); }
                res = Math.Max(res, Math.Abs(r));
            }
            Assert.That(res, Is.LessThanOrEqualTo(1e-13 * Math.Max(1, scale)));
        }
    }

    [Test]
    public void ZeroLeadingPivot_IsHandledByRowExchange()
    {
        double[] a = [0, 1, 2, 3]; // [[0, 1], [2, 3]]
        var piv = new int[2];
        Assert.That(DenseLu.Factor(a, 2, piv), Is.True);
        double[] b = [1, 8]; // x = (2.5, 1)
        DenseLu.Solve(a, 2, piv, b);
        Assert.That(b, Is.EqualTo(new[] { 2.5, 1.0 }).Within(1e-15));
    }

    [Test]
    public void SingularOrNonFiniteMatrix_IsReported()
    {
        var piv = new int[3];
        Assert.That(DenseLu.Factor(new double[] { 1, 2, 3, 2, 4, 6, 1, 0, 1 }, 3, piv), Is.False);
        Assert.That(DenseLu.Factor(new double[] { double.NaN, 1, 0, 1 }, 2, new int[2]), Is.False);
    }
}
