using NuDM.App.Ode;
using NUnit.Framework;

namespace NuDM.App.Tests.Ode;

/// <summary>Rodas4 on the classical stiff test problems, against published reference solutions.</summary>
public class StiffProblemTests
{
    private static readonly Rodas4 Rodas = new();
    private static readonly DormandPrince45 Dopri = new();

    private static double MaxRelError(double[] y, double[] reference)
    {
        double m = 0;
        for (int i = 0; i < y.Length; i++) m = Math.Max(m, Math.Abs(y[i] - reference[i]) / Math.Abs(reference[i]));
        return m;
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Robertson_AtT40_MatchesHairerWannerReference(bool analyticJacobian)
    {
        // Reference: OdeTestProblems.RobertsonAt40 (Hairer–Wanner ROBER, 10 digits). RelTol 1e-8 must give
        // every component to a relative 2e-7 (y2 ~ 1e-5 is governed by AbsTol 1e-14 → relative ~1e-9 weight).
        var options = new OdeOptions { RelTol = 1e-8, AbsTol = 1e-14 };
        var sol = Rodas.Solve(OdeTestProblems.Robertson(analyticJacobian), 0, [1, 0, 0], 40, options);
        double err = MaxRelError(sol.FinalState, OdeTestProblems.RobertsonAt40);
        TestContext.Out.WriteLine($"Robertson t=40 (analytic J: {analyticJacobian}): max rel err {err:E2}, {sol.Statistics}");
        Assert.That(err, Is.LessThan(2e-7));
        Assert.That(sol.Statistics.AcceptedSteps, Is.LessThan(500));
        if (!analyticJacobian)
            Assert.That(sol.Statistics.RhsEvaluations, Is.GreaterThan(sol.Statistics.Steps * 6)); // FD J and ∂f/∂t cost extra calls
    }

    [Test]
    public void Robertson_To1e11_ConservesMassAndMatchesTestSetReference()
    {
        // Reference: IVP test set ROBER at t = 1e11 (OdeTestProblems.RobertsonAt1e11). y1 ~ 2e-8 and y2 ~ 8e-14 are
        // tiny, so they are compared with absolute tolerances scaled to AbsTol; y3 relative.
        var options = new OdeOptions { RelTol = 1e-10, AbsTolVector = [1e-14, 1e-20, 1e-14] };
        var sol = Rodas.Solve(OdeTestProblems.Robertson(true), 0, [1, 0, 0], 1e11, options);
        var y = sol.FinalState;
        var r = OdeTestProblems.RobertsonAt1e11;
        double worstDefect = 0;
        foreach (var s in sol.States) worstDefect = Math.Max(worstDefect, Math.Abs(s[0] + s[1] + s[2] - 1));
        // Dense output between the steps conserves mass too (it is a linear combination of the stages).
        for (int i = 0; i + 1 < sol.Times.Length; i++)
        {
            var m = sol.Evaluate(0.5 * (sol.Times[i] + sol.Times[i + 1]));
            worstDefect = Math.Max(worstDefect, Math.Abs(m[0] + m[1] + m[2] - 1));
        }
        TestContext.Out.WriteLine(
            $"Robertson t=1e11: y = ({y[0]:E10}, {y[1]:E10}, {y[2]:R}); rel err y1 {Math.Abs(y[0] / r[0] - 1):E2}, " +
            $"y2 {Math.Abs(y[1] / r[1] - 1):E2}, y3 {Math.Abs(y[2] - r[2]):E2}; max |Σy − 1| {worstDefect:E2}; {sol.Statistics}");
        Assert.Multiple(() =>
        {
            Assert.That(y[0], Is.EqualTo(r[0]).Within(1e-5).Percent);
            Assert.That(y[1], Is.EqualTo(r[1]).Within(1e-5).Percent);
            Assert.That(y[2], Is.EqualTo(r[2]).Within(1e-12));
            Assert.That(worstDefect, Is.LessThan(1e-12));
            Assert.That(sol.Statistics.Steps, Is.LessThan(15000)); // ~11 300 measured: Rodas needs many steps at RelTol 1e-10
        });
    }

    [Test]
    public void VanDerPolScaled_AtT2_MatchesTestSetReference()
    {
        // Reference: IVP test set VDPOL, ε = 1e-6, y(0) = (2, 0): y(2) = (1.706167732170483, −0.8928097010247975).
        var options = new OdeOptions { RelTol = 1e-8, AbsTol = 1e-8 };
        var sol = Rodas.Solve(OdeTestProblems.VanDerPolScaled(1e-6), 0, [2, 0], 2, options);
        double err = MaxRelError(sol.FinalState, OdeTestProblems.VanDerPolScaledAt2);
        TestContext.Out.WriteLine($"VDPOL eps=1e-6 t=2: y = ({sol.FinalState[0]:R}, {sol.FinalState[1]:R}), max rel err {err:E2}, {sol.Statistics}");
        Assert.That(err, Is.LessThan(1e-6));
        Assert.That(sol.Statistics.Steps, Is.LessThan(6000)); // ~5000 measured
    }

    [Test]
    public void VanDerPolUnscaled_Mu1000_PeriodMatchesAsymptoticFormula()
    {
        // T ≈ (3 − 2 ln 2) μ + 7.014 μ^(−1/3) = 1614.4070 for μ = 1000 (Dorodnitsyn's expansion; neglected terms
        // ~ (2/3) ln μ / μ ≈ 0.005). Measured: time between two successive downward zero crossings of y1,
        // located on the dense output by bisection. Tolerance 0.02 (1.2e-5 relative).
        const double mu = 1000;
        var sol = Rodas.Solve(OdeTestProblems.VanDerPolUnscaled(mu), 0, [2, 0], 3300, new OdeOptions { RelTol = 1e-9, AbsTol = 1e-9 });
        var crossings = DownwardZeroCrossings(sol, 0);
        Assert.That(crossings, Has.Count.GreaterThanOrEqualTo(2));
        double period = crossings[1] - crossings[0];
        double expected = OdeTestProblems.VanDerPolAsymptoticPeriod(mu);
        TestContext.Out.WriteLine($"vdP mu=1000: crossings {string.Join(", ", crossings.Select(c => c.ToString("F6")))}; " +
                                  $"period {period:F6} vs asymptotic {expected:F6} (diff {period - expected:E2}); {sol.Statistics}");
        Assert.That(period, Is.EqualTo(expected).Within(0.02));
    }

    [Test]
    public void DormandPrince_OnStiffVanDerPol_HitsMaxStepsWithClearException()
    {
        // The explicit method's stability limits its step to ~3.3/|λ| with |λ| ~ 3e6 on the slow branch:
        // about 10^6 steps over [0, 2]. With MaxSteps = 20 000 it must stop with a clear TooManySteps.
        var options = new OdeOptions { RelTol = 1e-6, AbsTol = 1e-6, MaxSteps = 20_000 };
        var ex = Assert.Throws<OdeException>(() => Dopri.Solve(OdeTestProblems.VanDerPolScaled(1e-6), 0, [2, 0], 2, options))!;
        TestContext.Out.WriteLine(ex.Message);
        Assert.Multiple(() =>
        {
            Assert.That(ex.Reason, Is.EqualTo(OdeFailure.TooManySteps));
            Assert.That(ex.Message, Does.Contain("MaxSteps = 20000"));
            Assert.That(ex.Message, Does.Contain("t = "));
            Assert.That(ex.T, Is.GreaterThan(0).And.LessThan(0.1));
        });
    }

    [Test]
    public void DormandPrince_OnStiffVanDerPol_NeedsVastlyMoreStepsThanRodas()
    {
        // Unscaled van der Pol, μ = 1000, on the slow branch t ∈ [0, 100] (stiff: λ ≈ −μ (y1² − 1) ~ −10³).
        var options = new OdeOptions { RelTol = 1e-6, AbsTol = 1e-6, MaxSteps = 1_000_000 };
        var system = OdeTestProblems.VanDerPolUnscaled(1000);
        var rodas = Rodas.Solve(system, 0, [2, 0], 100, options);
        var dopri = Dopri.Solve(system, 0, [2, 0], 100, options);
        double ratio = (double)dopri.Statistics.Steps / rodas.Statistics.Steps;
        TestContext.Out.WriteLine($"vdP mu=1000 on [0, 100]: Rodas4 {rodas.Statistics}; DormandPrince45 {dopri.Statistics}; step ratio {ratio:F0}; " +
                                  $"y1(100): {rodas.FinalState[0]:R} vs {dopri.FinalState[0]:R}");
        Assert.That(ratio, Is.GreaterThan(100));
        Assert.That(dopri.FinalState[0], Is.EqualTo(rodas.FinalState[0]).Within(1e-4));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void ProtheroRobinson_NonAutonomousStiff_UsesTimeDerivative(bool analyticTimeDerivative)
    {
        // y' = λ (y − sin t) + cos t, λ = −1e6, exact y = sin t. Without the h γ_i ∂f/∂t terms the
        // Rosenbrock stages lose their order on this problem; with them the error stays at the tolerance level.
        var options = new OdeOptions { RelTol = 1e-8, AbsTol = 1e-10 };
        var sol = Rodas.Solve(OdeTestProblems.ProtheroRobinson(-1e6, analyticTimeDerivative), 0, [0], 10, options);
        double maxErr = 0;
        for (int i = 0; i < sol.Times.Length; i++) maxErr = Math.Max(maxErr, Math.Abs(sol.States[i][0] - Math.Sin(sol.Times[i])));
        TestContext.Out.WriteLine($"Prothero-Robinson (analytic df/dt: {analyticTimeDerivative}): max err {maxErr:E2}, {sol.Statistics}");
        Assert.That(maxErr, Is.LessThan(1e-7));
        Assert.That(sol.Statistics.Steps, Is.LessThan(1000));
    }

    /// <summary>Times where component <paramref name="c"/> crosses zero from above, refined by bisection on the dense output.</summary>
    internal static List<double> DownwardZeroCrossings(OdeSolution sol, int c)
    {
        var result = new List<double>();
        var y = new double[sol.Dimension];
        for (int i = 0; i + 1 < sol.Times.Length; i++)
        {
            if (!(sol.States[i][c] > 0 && sol.States[i + 1][c] <= 0)) continue;
            double a = sol.Times[i], b = sol.Times[i + 1];
            for (int k = 0; k < 200 && b - a > 1e-13 * Math.Max(1, Math.Abs(a)); k++)
            {
                double m = 0.5 * (a + b);
                sol.Evaluate(m, y);
                if (y[c] > 0) a = m; else b = m;
            }
            result.Add(0.5 * (a + b));
        }
        return result;
    }
}
