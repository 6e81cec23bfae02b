using NuDM.App.Cosmology;
using NuDM.App.Numerics;
using NUnit.Framework;

namespace NuDM.App.Tests.Numerics;

/// <summary>
/// The allocation-free adaptive Gauss–Kronrod quadrature (issue 14): the rules' exactness degrees, closed-form integrals
/// to the requested tolerance, the behaviour at the maximum depth, and no allocation once warm.
/// </summary>
public class GaussKronrodTests
{
    private struct Monomial(int degree) : IIntegrand
    {
        public readonly double Evaluate(double x) => Math.Pow(x, degree);
    }

    private struct Exponential : IIntegrand
    {
        public readonly double Evaluate(double x) => Math.Exp(x);
    }

    private struct Lorentzian : IIntegrand
    {
        public readonly double Evaluate(double x) => 1 / (1 + x * x);
    }

    private struct SquareRoot : IIntegrand
    {
        public readonly double Evaluate(double x) => Math.Sqrt(x);
    }

    /// <summary>1/((x − c)² + δ²): a peak of width δ at c; ∫_a^b = (atan((b − c)/δ) − atan((a − c)/δ))/δ.</summary>
    private struct Peak(double c, double delta) : IIntegrand
    {
        public int Calls;
        public double Evaluate(double x)
        {
            Calls++;
            return 1 / ((x - c) * (x - c) + delta * delta);
        }

        public readonly double Exact(double a, double b) => (Math.Atan((b - c) / delta) - Math.Atan((a - c) / delta)) / delta;
    }

    private struct NanAbove(double x0) : IIntegrand
    {
        public readonly double Evaluate(double x) => x > x0 ? double.NaN : 1;
    }

    /// <summary>∫₀¹ dy ∫₀^y e^{x} dx = ∫₀¹ (e^y − 1) dy = e − 2: an integrand that itself integrates (a nested struct).</summary>
    private struct Nested : IIntegrand
    {
        public readonly double Evaluate(double y) => GaussKronrod.Integrate(new Exponential(), 0, y, 1e-12, 20);
    }

    private static readonly (GaussKronrodRule Rule, int N)[] Rules = [(GaussKronrodRule.K15, 7), (GaussKronrodRule.K21, 10), (GaussKronrodRule.K31, 15)];

    [Test]
    public void OnePanel_IsExactForPolynomialsUpToTheRulesDegree()
    {
        // Kronrod (2n+1 points) to degree 3n+1, Gauss (n points) to 2n−1, on a shifted interval (odd powers do not cancel)
        const double a = -0.3, b = 1.7;
        foreach (var (rule, n) in Rules)
        {
            for (int d = 0; d <= 3 * n + 1; d++)
            {
                var f = new Monomial(d);
                double k = GaussKronrod.Panel(ref f, a, b, rule, out double g);
                double exact = (Math.Pow(b, d + 1) - Math.Pow(a, d + 1)) / (d + 1);
                Assert.That(k, Is.EqualTo(exact).Within(4e-15 * Math.Pow(b, d + 1)), $"{rule} Kronrod, x^{d}");
                if (d <= 2 * n - 1)
                    Assert.That(g, Is.EqualTo(exact).Within(4e-15 * Math.Pow(b, d + 1)), $"{rule} Gauss, x^{d}");
            }
            // and not beyond: the Gauss rule misses x^{2n}, by 2^{2n+1}(n!)⁴/((2n+1)((2n)!)²) on [−1, 1] (4.4e-8 relative for
            // n = 15; its error is what the quadrature estimates)
            var over = new Monomial(2 * n);
            GaussKronrod.Panel(ref over, -1, 1, rule, out double gOver);
            Assert.That(Math.Abs(gOver * (2 * n + 1) / 2 - 1), Is.GreaterThan(1e-9), $"{rule} Gauss, x^{2 * n}");
        }
    }

    [TestCase(1e-6)]
    [TestCase(1e-10)]
    [TestCase(1e-13)]
    public void ClosedForms_ToTheRequestedTolerance(double tol)
    {
        foreach (var (rule, _) in Rules)
        {
            Check(GaussKronrod.Integrate(new Exponential(), 0, 1, tol, 20, rule), Math.E - 1, tol, $"e^x, {rule}");
            Check(GaussKronrod.Integrate(new Exponential(), -3, 2, tol, 20, rule), Math.Exp(2) - Math.Exp(-3), tol, $"e^x on [-3, 2], {rule}");
            Check(GaussKronrod.Integrate(new Lorentzian(), -5, 5, tol, 20, rule), 2 * Math.Atan(5), tol, $"1/(1+x²), {rule}");
            Check(GaussKronrod.Integrate(new SquareRoot(), 0, 1, tol, 25, rule), 2.0 / 3, tol, $"√x (endpoint singularity), {rule}");
            Check(GaussKronrod.Integrate(new SquareRoot(), 0, 4, tol, 25, rule), 16.0 / 3, tol, $"√x on [0, 4], {rule}");
            var peak = new Peak(0.3, 1e-4);
            Check(GaussKronrod.Integrate(ref peak, 0, 1, tol, 30, rule), peak.Exact(0, 1), tol, $"peak of width 1e-4, {rule}");
            var polynomial = new Monomial(5);
            Check(GaussKronrod.Integrate(ref polynomial, 0, 2, tol, 20, rule), 64.0 / 6, tol, $"x^5, {rule}");
        }
        // the substitution at the ends still lets a K31 panel integrate a low polynomial in one go (x(t) is cubic)
        var cube = new Monomial(3);
        var r = GaussKronrod.Estimate(ref cube, 0, 1, tol, 20, GaussKronrodRule.K31);
        Assert.That(r.Evaluations, Is.EqualTo(31));
        Check(r.Value, 0.25, tol, "x^3 in one K31 panel");
    }

    private static void Check(double value, double exact, double tol, string what) =>
        Assert.That(Math.Abs(value - exact), Is.LessThanOrEqualTo(tol * Math.Abs(exact)), $"{what}: {value:R} against {exact:R}");

    [Test]
    public void ReversedAndEmptyIntervals()
    {
        Assert.That(GaussKronrod.Integrate(new Exponential(), 1, 0, 1e-12, 10), Is.EqualTo(-(Math.E - 1)).Within(1e-12 * Math.E));
        Assert.That(GaussKronrod.Integrate(new Exponential(), 2, 2, 1e-12, 10), Is.EqualTo(0));
    }

    [Test]
    public void NestedStructIntegrands()
    {
        Assert.That(GaussKronrod.Integrate(new Nested(), 0, 1, 1e-12, 20), Is.EqualTo(Math.E - 2).Within(1e-12));
    }

    [Test]
    public void DepthExhausted_IsAnError_NotASilentNumber()
    {
        // a peak of width 1e-6 cannot be resolved with 3 halvings: Integrate throws, Estimate says so and where
        var peak = new Peak(0.3, 1e-6);
        var e = Assert.Throws<QuadratureException>(() => GaussKronrod.Integrate(ref peak, 0, 1, 1e-8, 3))!;
        Assert.That(e.Failure, Is.EqualTo(QuadratureFailure.DepthExhausted));
        Assert.That(e.Message, Does.Contain("did not reach the relative tolerance").And.Contain("within 3 halvings"));
        var r = GaussKronrod.Estimate(ref peak, 0, 1, 1e-8, 3);
        Assert.That(r.Converged, Is.False);
        Assert.That(r.WorstPanelStart, Is.LessThanOrEqualTo(0.3));
        Assert.That(r.WorstPanelEnd, Is.GreaterThanOrEqualTo(0.3));
        Assert.That(r.ErrorEstimate, Is.GreaterThan(1e-8 * Math.Abs(r.Value)));
        // at most 2^3 panels of 15 points were evaluated
        Assert.That(r.Evaluations, Is.LessThanOrEqualTo(15 * (2 * 8 - 1)));
        // with enough depth the same peak converges
        Assert.That(GaussKronrod.Integrate(ref peak, 0, 1, 1e-8, 40), Is.EqualTo(peak.Exact(0, 1)).Within(1e-8 * peak.Exact(0, 1)));
    }

    [Test]
    public void NonFiniteIntegrand_IsAnError()
    {
        var e = Assert.Throws<QuadratureException>(() => GaussKronrod.Integrate(new NanAbove(0.5), 0, 1, 1e-8, 10))!;
        Assert.That(e.Failure, Is.EqualTo(QuadratureFailure.NonFiniteIntegrand));
        Assert.That(e.Message, Does.Contain("not finite"));
    }

    [Test]
    public void BadArguments_NameTheParameter()
    {
        Assert.That(() => GaussKronrod.Integrate(new Exponential(), 0, double.PositiveInfinity, 1e-8, 10),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("b"));
        Assert.That(() => GaussKronrod.Integrate(new Exponential(), double.NaN, 1, 1e-8, 10),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("a"));
        Assert.That(() => GaussKronrod.Integrate(new Exponential(), 0, 1, 1e-16, 10),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("relativeTolerance"));
        Assert.That(() => GaussKronrod.Integrate(new Exponential(), 0, 1, 1e-8, 41),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("maximumDepth"));
    }

    [Test]
    public void WarmCalls_AllocateNothing()
    {
        var peak = new Peak(0.3, 1e-4);
        double Run(ref Peak p) =>
            GaussKronrod.Integrate(ref p, 0, 1, 1e-10, 30, GaussKronrodRule.K21) + GaussKronrod.Integrate(new Nested(), 0, 1, 1e-10, 20);
        Run(ref peak); // JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        double v = Run(ref peak);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.EqualTo(0), "bytes allocated by a warm adaptive quadrature");
        Assert.That(v, Is.GreaterThan(0));
        Assert.That(peak.Calls, Is.GreaterThan(0), "the struct integrand passed by reference keeps its state");
    }

    [Test]
    public void MomentumTransferRate_AllocatesNothingOnceWarm()
    {
        // the kinetic-decoupling rate: two nested quadratures over struct integrands (before issue 14: ~300 kB per rate
        // from MathNet's closures and arrays)
        ScatteringAmplitudeSquared[] partners = [(s, t) => 1e-3 * t * t / (1 + s), (s, t) => 2e-3 * (s - 99.0) * (s - 99.0)];
        KineticDecoupling.MomentumTransferRate(10, 2, partners, 0.01);
        long before = GC.GetAllocatedBytesForCurrentThread();
        double rate = KineticDecoupling.MomentumTransferRate(10, 2, partners, 0.01);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.EqualTo(0));
        Assert.That(rate, Is.GreaterThan(0));
    }

    [Test]
    public void MomentumTransferRate_WithATAverageThatCannotReachItsTolerance_IsRefusedWithTheReason()
    {
        // an amplitude with a jump in t at t = 0.3 t_min for every k: no K15 panel of the t-average converges across it
        // within 10 halvings. MathNet's quadrature returned its depth-10 value without a word; now the rate is refused
        // (exit 2: RateNotConvergedException is an OutsideValidityException) with the inputs and the quadrature's diagnosis
        const double m = 10, T = 0.01;
        ScatteringAmplitudeSquared[] step = [(s, t) => t < -0.3 * (s - m * m) * (s - m * m) / s ? 1 : 2]; // t_min = −(s − m²)²/s
        var e = Assert.Throws<RateNotConvergedException>(() => KineticDecoupling.MomentumTransferRate(m, 2, step, T))!;
        Assert.That(e.Message, Does.Contain("could not be integrated to its tolerance").And.Contain("m_X = 10 MeV").And.Contain("within 10 halvings"));
    }
}
