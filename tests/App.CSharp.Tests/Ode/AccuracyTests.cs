using NuDM.App.Ode;
using NUnit.Framework;

namespace NuDM.App.Tests.Ode;

/// <summary>Accuracy against exact solutions: orders of convergence, tolerance proportionality, dense output.</summary>
public class AccuracyTests
{
    public static IEnumerable<IOdeSolver> Solvers() => [new Rodas4(), new DormandPrince45()];

    // ---------------------------------------------------------------- orders with fixed steps

    /// <summary>
    /// y1' = cos(t) y1, y1(0) = 1 → y1 = exp(sin t) (non-autonomous); y2' = y2², y2(0) = 1/4 → y2 = 1/(4 − t).
    /// </summary>
    private static readonly OdeSystem SmoothNonlinear = new(2, static (t, y, d) =>
    {
        d[0] = Math.Cos(t) * y[0];
        d[1] = y[1] * y[1];
    });

    private static void SmoothNonlinearExact(double t, Span<double> y)
    {
        y[0] = Math.Exp(Math.Sin(t));
        y[1] = 1 / (4 - t);
    }

    [TestCase(typeof(Rodas4), 4.0, 4.0)]
    [TestCase(typeof(DormandPrince45), 5.0, 5.0)]
    public void FixedStepConvergence_HasNominalOrder(Type solverType, double order, double denseLocalOrder)
    {
        // Fixed steps h = 2/N: InitialStep = MaxStep = h, and an AbsTol so large that every step is accepted.
        // Global error at t = 2 must fall as h^order; the dense output at step midpoints has local error
        // h^(q+1) for a continuous extension of order q (Rodas: q = 3; Dormand–Prince: q = 4), which dominates.
        var solver = (IOdeSolver)Activator.CreateInstance(solverType)!;
        var exact = new double[2];
        var dense = new double[2];
        double[] errs = new double[2], denseErrs = new double[2];
        int[] ns = solverType == typeof(Rodas4) ? [80, 160] : [40, 80];
        for (int k = 0; k < 2; k++)
        {
            double h = 2.0 / ns[k];
            var sol = solver.Solve(SmoothNonlinear, 0, [1, 0.25], 2,
                new OdeOptions { RelTol = 0.1, AbsTol = 1e10, InitialStep = h, MaxStep = h });
            Assert.That(sol.Statistics.Steps, Is.EqualTo(ns[k]));
            SmoothNonlinearExact(2, exact);
            errs[k] = Math.Max(Math.Abs(sol.FinalState[0] - exact[0]), Math.Abs(sol.FinalState[1] - exact[1]));
            for (int i = 0; i + 1 < sol.Times.Length; i++)
            {
                double tm = 0.5 * (sol.Times[i] + sol.Times[i + 1]);
                sol.Evaluate(tm, dense);
                SmoothNonlinearExact(tm, exact);
                denseErrs[k] = Math.Max(denseErrs[k], Math.Max(Math.Abs(dense[0] - exact[0]), Math.Abs(dense[1] - exact[1])));
            }
        }
        double observed = Math.Log2(errs[0] / errs[1]);
        double observedDense = Math.Log2(denseErrs[0] / denseErrs[1]);
        TestContext.Out.WriteLine($"{solver.Name}: N = {ns[0]}, {ns[1]}: errors {errs[0]:E2}, {errs[1]:E2} → order {observed:F2}; " +
                                  $"dense {denseErrs[0]:E2}, {denseErrs[1]:E2} → order {observedDense:F2}");
        Assert.That(observed, Is.EqualTo(order).Within(0.35));
        Assert.That(observedDense, Is.EqualTo(denseLocalOrder).Within(0.35));
    }

    // ---------------------------------------------------------------- linear stiff system with exact solution

    private static (double MaxStepError, double MaxDenseError, OdeSolution Sol) LinearErrors(IOdeSolver solver, double rtol)
    {
        // Errors are measured in units of the tolerance weight atol + rtol·|y_exact| (per component, max over steps).
        double atol = rtol * 1e-3;
        var sol = solver.Solve(OdeTestProblems.LinearStiff(), 0, OdeTestProblems.LinearStiffY0, 5,
            new OdeOptions { RelTol = rtol, AbsTol = atol });
        var exact = new double[2];
        var y = new double[2];
        double stepErr = 0, denseErr = 0;
        for (int i = 0; i < sol.Times.Length; i++)
        {
            OdeTestProblems.LinearStiffExact(sol.Times[i], exact);
            for (int c = 0; c < 2; c++)
                stepErr = Math.Max(stepErr, Math.Abs(sol.States[i][c] - exact[c]) / (atol + rtol * Math.Abs(exact[c])));
            if (i + 1 == sol.Times.Length) break;
            foreach (double theta in (double[])[0.25, 0.5, 0.75])
            {
                double t = sol.Times[i] + theta * (sol.Times[i + 1] - sol.Times[i]);
                sol.Evaluate(t, y);
                OdeTestProblems.LinearStiffExact(t, exact);
                for (int c = 0; c < 2; c++)
                    denseErr = Math.Max(denseErr, Math.Abs(y[c] - exact[c]) / (atol + rtol * Math.Abs(exact[c])));
            }
        }
        return (stepErr, denseErr, sol);
    }

    [TestCaseSource(nameof(Solvers))]
    public void LinearStiffSystem_ErrorIsProportionalToTolerance(IOdeSolver solver)
    {
        // y' = A y, eigenvalues −1 and −1000, exact y = 3e^(−t)(1, 1) − e^(−1000t)(2, 3) on [0, 5].
        // Global error at the steps and from dense output at θ = 1/4, 1/2, 3/4 of every step: at most 20 tolerance
        // weights; ten times smaller RelTol (and AbsTol) must reduce the step error at least 3-fold.
        var (e6, d6, s6) = LinearErrors(solver, 1e-6);
        var (e7, d7, s7) = LinearErrors(solver, 1e-7);
        TestContext.Out.WriteLine($"{solver.Name} linear stiff: rtol 1e-6: step err {e6:F2} tol, dense err {d6:F2} tol, {s6.Statistics}");
        TestContext.Out.WriteLine($"{solver.Name} linear stiff: rtol 1e-7: step err {e7:F2} tol, dense err {d7:F2} tol, {s7.Statistics}");
        Assert.Multiple(() =>
        {
            Assert.That(e6, Is.LessThan(20));
            Assert.That(d6, Is.LessThan(20));
            Assert.That(e7, Is.LessThan(20));
            Assert.That(d7, Is.LessThan(20));
            Assert.That(e7 * 1e-7, Is.LessThan(e6 * 1e-6 / 3)); // absolute error scale falls ≥ 3×
            Assert.That(d7 * 1e-7, Is.LessThan(d6 * 1e-6 / 3));
        });
    }

    [Test]
    public void LinearStiffSystem_RodasTakesFarFewerStepsThanDormandPrince()
    {
        var rodas = LinearErrors(new Rodas4(), 1e-6).Sol.Statistics;
        var dopri = LinearErrors(new DormandPrince45(), 1e-6).Sol.Statistics;
        TestContext.Out.WriteLine($"linear stiff rtol 1e-6: Rodas4 {rodas.Steps} steps, DormandPrince45 {dopri.Steps} steps");
        Assert.That(dopri.Steps, Is.GreaterThan(5 * rodas.Steps)); // explicit stability limit h < ~3.3e-3
    }

    // ---------------------------------------------------------------- non-stiff problems

    [TestCaseSource(nameof(Solvers))]
    public void ExponentialDecay_MatchesExactSolution(IOdeSolver solver)
    {
        // y' = −y, y(0) = 1: y(10) = e^(−10).
        var sol = solver.Solve(new OdeSystem(1, static (t, y, d) => d[0] = -y[0]) { IsAutonomous = true }, 0, [1], 10,
            new OdeOptions { RelTol = 1e-9, AbsTol = 1e-14 });
        double rel = Math.Abs(sol.FinalState[0] / Math.Exp(-10) - 1);
        double worstDense = 0;
        for (int i = 0; i <= 1000; i++)
        {
            double t = i * 0.01;
            worstDense = Math.Max(worstDense, Math.Abs(sol.Evaluate(t)[0] / Math.Exp(-t) - 1));
        }
        TestContext.Out.WriteLine($"{solver.Name} y'=-y: rel err at 10 {rel:E2}, worst dense rel err {worstDense:E2}, {sol.Statistics}");
        Assert.That(rel, Is.LessThan(1e-7));
        Assert.That(worstDense, Is.LessThan(1e-7));
    }

    [Test]
    public void DormandPrince_HarmonicOscillator_TracksSolutionEnergyAndDenseOutput()
    {
        // x'' = −x, (x, v)(0) = (1, 0): x = cos t, v = −sin t, energy (x² + v²)/2 = 1/2; ten periods.
        var system = new OdeSystem(2, static (t, y, d) => { d[0] = y[1]; d[1] = -y[0]; }) { IsAutonomous = true };
        double tEnd = 20 * Math.PI;
        var sol = new DormandPrince45().Solve(system, 0, [1, 0], tEnd, new OdeOptions { RelTol = 1e-10, AbsTol = 1e-12 });
        double maxErr = 0, maxEnergy = 0, maxDense = 0;
        foreach (var (t, s) in sol.Times.Zip(sol.States))
        {
            maxErr = Math.Max(maxErr, Math.Max(Math.Abs(s[0] - Math.Cos(t)), Math.Abs(s[1] + Math.Sin(t))));
            maxEnergy = Math.Max(maxEnergy, Math.Abs(0.5 * (s[0] * s[0] + s[1] * s[1]) - 0.5));
        }
        var y = new double[2];
        for (int i = 0; i <= 5000; i++)
        {
            double t = tEnd * i / 5000;
            sol.Evaluate(t, y);
            maxDense = Math.Max(maxDense, Math.Max(Math.Abs(y[0] - Math.Cos(t)), Math.Abs(y[1] + Math.Sin(t))));
        }
        TestContext.Out.WriteLine($"oscillator: max err {maxErr:E2}, energy drift {maxEnergy:E2}, dense max err {maxDense:E2}, {sol.Statistics}");
        Assert.Multiple(() =>
        {
            Assert.That(maxErr, Is.LessThan(1e-8));
            Assert.That(maxEnergy, Is.LessThan(1e-8));
            Assert.That(maxDense, Is.LessThan(2 * maxErr + 1e-10));
        });
    }

    [Test]
    public void DormandPrince_IsFirstSameAsLast_SixEvaluationsPerStep()
    {
        // One evaluation at t0, one for the starting-step estimate, then exactly 6 per attempted step.
        var system = new OdeSystem(2, static (t, y, d) => { d[0] = y[1]; d[1] = -y[0]; });
        var s = new DormandPrince45().Solve(system, 0, [1, 0], 10, new OdeOptions { RelTol = 1e-8 }).Statistics;
        Assert.That(s.RhsEvaluations, Is.EqualTo(2 + 6 * s.Steps));
        Assert.That(s.JacobianEvaluations + s.LuDecompositions, Is.Zero);
    }

    [TestCaseSource(nameof(Solvers))]
    public void OutputTimes_AgreeWithDenseOutput_AndFinalOnlyModeGivesSameResult(IOdeSolver solver)
    {
        double[] outs = [0, 0.001, 0.5, 1.7, 3, 5];
        var stored = solver.Solve(OdeTestProblems.LinearStiff(), 0, OdeTestProblems.LinearStiffY0, 5,
            new OdeOptions { RelTol = 1e-7, OutputTimes = outs });
        var lean = solver.Solve(OdeTestProblems.LinearStiff(), 0, OdeTestProblems.LinearStiffY0, 5,
            new OdeOptions { RelTol = 1e-7, OutputTimes = outs, StoreSteps = false });
        Assert.Multiple(() =>
        {
            Assert.That(lean.FinalState, Is.EqualTo(stored.FinalState)); // bit-identical: storage does not change the steps
            Assert.That(lean.Statistics, Is.EqualTo(stored.Statistics));
            Assert.That(lean.HasDenseOutput, Is.False);
            Assert.That(lean.States, Is.Empty);
            Assert.That(stored.OutputTimes, Is.EqualTo(outs));
            for (int i = 0; i < outs.Length; i++)
            {
                Assert.That(lean.OutputStates![i], Is.EqualTo(stored.Evaluate(outs[i])).Within(1e-15));
                Assert.That(stored.OutputStates![i], Is.EqualTo(stored.Evaluate(outs[i])).Within(1e-15));
            }
            Assert.That(stored.OutputStates![0], Is.EqualTo(OdeTestProblems.LinearStiffY0));
            Assert.That(stored.OutputStates![^1], Is.EqualTo(stored.FinalState));
            Assert.That(stored.Times[0], Is.EqualTo(0));
            Assert.That(stored.Times[^1], Is.EqualTo(5));
        });
    }
}
