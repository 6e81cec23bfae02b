using NuDM.Physics;
using NuDM.App.Rates;
using NuDM.App.Numerics;
using NUnit.Framework;
using static NuDM.App.Tests.Rates.ToyModels;

namespace NuDM.App.Tests.Rates;

/// <summary>
/// The adaptive quadrature stops — with an error naming the computation and where — on a NaN or infinite integrand and
/// when its panel budget runs out. Before, a NaN made every panel fail its convergence test, so it bisected every panel
/// down to depth 30 (2³⁰ panels): `spectrum --experiment conus` with a NaN in the reactor table ran for ever.
/// </summary>
public class QuadratureGuardTests
{
    private static void Integrate(VectorIntegrand f, int panels, double a = 0, double b = 1) =>
        AdaptiveQuadrature.Integrate([a, b], 1, f, 4, 1e-4, 30, new double[1], [], new QuadratureBudget(panels), () => "test integral of f over [0, 1]", "x");

    [Test]
    public void ANaNIntegrandStopsAtOnceAndNamesTheComputationAndThePoint()
    {
        int calls = 0;
        var e = Assert.Throws<QuadratureException>(() => Integrate((x, v) =>
        {
            calls++;
            v[0] = x > 0.5 ? double.NaN : 1.0;
            return 0;
        }, 1_000_000))!;
        Assert.That(e.Computation, Is.EqualTo("test integral of f over [0, 1]"));
        Assert.That(e.At, Is.GreaterThan(0.5).And.LessThanOrEqualTo(1.0));
        Assert.That(e.Message, Does.Contain("the integrand is NaN"));
        Assert.That(e.Failure, Is.EqualTo(QuadratureFailure.NonFiniteIntegrand));
        Assert.That(calls, Is.LessThanOrEqualTo(4), "the first NaN stops it (one 4-point panel)");
    }

    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void AnInfiniteIntegrandStops(double bad) =>
        Assert.Throws<QuadratureException>(() => Integrate((x, v) => { v[0] = x < 0.3 ? bad : x; return 0; }, 1_000_000));

    [Test]
    public void AnIntegrandThatNeverConvergesUsesUpItsBudgetAndStops()
    {
        // finite but discontinuous everywhere at the 4-point level: sign(sin(1e7 x)) never lets a panel agree with its halves
        int calls = 0;
        var e = Assert.Throws<QuadratureException>(() => Integrate((x, v) =>
        {
            calls++;
            v[0] = Math.Sign(Math.Sin(1e7 * x));
            return 0;
        }, 1000))!;
        Assert.That(e.Message, Does.Contain("did not converge within 1000 panels"));
        Assert.That(e.Failure, Is.EqualTo(QuadratureFailure.BudgetExhausted));
        Assert.That(calls, Is.EqualTo(4 * 1000), "every granted panel and not one more");
    }

    [Test]
    public void ASmoothIntegrandIsUnaffected()
    {
        var result = new double[1];
        AdaptiveQuadrature.Integrate([0.0, 1.0], 1, (x, v) => { v[0] = Math.Exp(x); return 0; }, 4, 1e-10, 30, result, [],
            new QuadratureBudget(100), () => "exp", "x");
        Assert.That(result[0], Is.EqualTo(Math.E - 1).Within(1e-9), "the accepted panels' own 4-point rule, converged to 1e-10");
    }

    [Test]
    public void ARatePlanWithANaNFluxStopsWithTheBinAndNucleusNamed()
    {
        var edges = Uniform(0, 0.06, 12);
        var flux = new FluxSet("test", [new Flux(NeutrinoFlavour.ElectronNeutrino, e => e > 20 ? double.NaN : 2.5, 5, 50, "test flux")]);
        var process = Linear(1e-3, (t, e, n) => 1 / HbarC2, withInverse: false);
        var e = Assert.Throws<QuadratureException>(() => RatePlan.Build(Setup(edges), flux, process, new RateOptions { Parallel = false }))!;
        Assert.That(e.Message, Does.StartWith("rate integral of").And.Contain("on X-100, recoil bin").And.Contain("ν energy integral at T ="));
        Assert.That(e.Variable, Is.EqualTo("E_ν [MeV]"));
        Assert.That(e.At, Is.GreaterThan(20));
    }
}
