using NuDM.App.Ode;
using NUnit.Framework;

namespace NuDM.App.Tests.Ode;

/// <summary>Option validation, failure modes (never NaN, never a hang) and cancellation.</summary>
public class ErrorHandlingTests
{
    public static IEnumerable<IOdeSolver> Solvers() => [new Rodas4(), new DormandPrince45()];

    private static readonly OdeSystem Decay = new(1, static (t, y, d) => d[0] = -y[0]);

    // ---------------------------------------------------------------- options

    private static readonly object[] BadOptions =
    [
        new object[] { "RelTol", "RelTol must be in [1E-14, 0.1]", (Func<OdeOptions>)(() => new OdeOptions { RelTol = 0 }) },
        new object[] { "RelTol", "RelTol must be in [1E-14, 0.1]", (Func<OdeOptions>)(() => new OdeOptions { RelTol = -1e-6 }) },
        new object[] { "RelTol", "RelTol must be in [1E-14, 0.1]", (Func<OdeOptions>)(() => new OdeOptions { RelTol = 0.5 }) },
        new object[] { "RelTol", "RelTol must be in [1E-14, 0.1]", (Func<OdeOptions>)(() => new OdeOptions { RelTol = double.NaN }) },
        new object[] { "AbsTol", "AbsTol must be in [0, +inf)", (Func<OdeOptions>)(() => new OdeOptions { AbsTol = -1 }) },
        new object[] { "AbsTol", "AbsTol must be in [0, +inf)", (Func<OdeOptions>)(() => new OdeOptions { AbsTol = double.PositiveInfinity }) },
        new object[] { "AbsTolVector", "AbsTolVector must be in [0, +inf)", (Func<OdeOptions>)(() => new OdeOptions { AbsTolVector = [1e-9, double.NaN] }) },
        new object[] { "InitialStep", "InitialStep must be in [0, +inf)", (Func<OdeOptions>)(() => new OdeOptions { InitialStep = -0.1 }) },
        new object[] { "MaxStep", "MaxStep must be in (0, +inf]", (Func<OdeOptions>)(() => new OdeOptions { MaxStep = 0 }) },
        new object[] { "MaxStep", "MaxStep must be in (0, +inf]", (Func<OdeOptions>)(() => new OdeOptions { MaxStep = double.NaN }) },
        new object[] { "MaxSteps", "MaxSteps must be in [1, int.MaxValue]", (Func<OdeOptions>)(() => new OdeOptions { MaxSteps = 0 }) },
        new object[] { "OutputTimes", "OutputTimes must be finite and sorted", (Func<OdeOptions>)(() => new OdeOptions { OutputTimes = [1, 0.5] }) },
    ];

    [TestCaseSource(nameof(BadOptions))]
    public void InvalidOption_ThrowsNamingParameterAndRange(string parameter, string messageStart, Func<OdeOptions> make)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => make())!;
        Assert.That(ex.ParamName, Is.EqualTo(parameter));
        Assert.That(ex.Message, Does.StartWith(messageStart));
    }

    [TestCaseSource(nameof(Solvers))]
    public void ProblemDependentOptionsAndArguments_AreChecked(IOdeSolver solver)
    {
        Assert.Multiple(() =>
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
                solver.Solve(Decay, 0, [1], 1, new OdeOptions { AbsTolVector = [1e-9, 1e-9] }))!;
            Assert.That(ex.ParamName, Is.EqualTo("AbsTolVector"));
            Assert.That(ex.Message, Does.Contain("exactly 1 components"));

            ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
                solver.Solve(Decay, 0, [1], 1, new OdeOptions { OutputTimes = [0.5, 2] }))!;
            Assert.That(ex.ParamName, Is.EqualTo("OutputTimes"));

            ex = Assert.Throws<ArgumentOutOfRangeException>(() => solver.Solve(Decay, 1, [1], 1))!;
            Assert.That(ex.ParamName, Is.EqualTo("tEnd"));
            Assert.That(ex.Message, Does.Contain("(t0, +inf)"));

            Assert.That(() => solver.Solve(Decay, 0, [double.NaN], 1), Throws.ArgumentException.With.Message.Contains("y0[0]"));
            Assert.That(() => solver.Solve(Decay, 0, [1, 2], 1), Throws.ArgumentException.With.Message.Contains("dimension 1"));
            Assert.That(() => new OdeSystem(0, static (t, y, d) => { }), Throws.TypeOf<ArgumentOutOfRangeException>());
        });
    }

    // ---------------------------------------------------------------- failure modes

    [TestCaseSource(nameof(Solvers))]
    public void RhsReturningNaN_ThrowsOdeExceptionMentioningT(IOdeSolver solver)
    {
        // f is NaN for t > 1: the solver shrinks the step towards t = 1, then gives up with a clear message.
        var system = new OdeSystem(1, static (t, y, d) => d[0] = t > 1 ? double.NaN : -y[0]);
        var ex = Assert.Throws<OdeException>(() => solver.Solve(system, 0, [1], 3))!;
        TestContext.Out.WriteLine(ex.Message);
        Assert.Multiple(() =>
        {
            Assert.That(ex.Reason, Is.EqualTo(OdeFailure.NonFiniteRhs));
            Assert.That(ex.Message, Does.Contain("t = ").And.Contain("h = ").And.Contain("non-finite"));
            Assert.That(ex.T, Is.EqualTo(1).Within(1e-3));
        });
    }

    [TestCaseSource(nameof(Solvers))]
    public void RhsNaNAtInitialPoint_ThrowsImmediately(IOdeSolver solver)
    {
        var system = new OdeSystem(1, static (t, y, d) => d[0] = Math.Sqrt(y[0]));
        var ex = Assert.Throws<OdeException>(() => solver.Solve(system, 2, [-1], 3))!;
        Assert.That(ex.Reason, Is.EqualTo(OdeFailure.NonFiniteRhs));
        Assert.That(ex.T, Is.EqualTo(2));
        Assert.That(ex.Message, Does.Contain("t = 2"));
    }

    [TestCaseSource(nameof(Solvers))]
    public void FiniteTimeBlowUp_StopsNearTheSingularityWithOdeException(IOdeSolver solver)
    {
        // y' = y², y(0) = 1: y = 1/(1 − t) blows up at t = 1. Either the step size underflows or values
        // overflow; in both cases an OdeException near t = 1, never NaN results or a hang.
        var system = new OdeSystem(1, static (t, y, d) => d[0] = y[0] * y[0], static (t, y, j) => j[0] = 2 * y[0]) { IsAutonomous = true };
        var ex = Assert.Throws<OdeException>(() => solver.Solve(system, 0, [1], 2, new OdeOptions { MaxSteps = 1_000_000 }))!;
        TestContext.Out.WriteLine(ex.Message);
        Assert.That(ex.Reason, Is.AnyOf(OdeFailure.StepSizeUnderflow, OdeFailure.NonFiniteRhs, OdeFailure.NonFiniteState));
        Assert.That(ex.T, Is.EqualTo(1).Within(1e-3));
    }

    [TestCaseSource(nameof(Solvers))]
    public void TooManySteps_ThrowsWithReason(IOdeSolver solver)
    {
        var system = new OdeSystem(2, static (t, y, d) => { d[0] = y[1]; d[1] = -y[0]; });
        var ex = Assert.Throws<OdeException>(() => solver.Solve(system, 0, [1, 0], 1000, new OdeOptions { MaxSteps = 50 }))!;
        Assert.That(ex.Reason, Is.EqualTo(OdeFailure.TooManySteps));
        Assert.That(ex.Message, Does.Contain("MaxSteps = 50"));
    }

    [Test]
    public void Rodas_NonFiniteJacobian_ThrowsWithReason()
    {
        var system = new OdeSystem(1, static (t, y, d) => d[0] = -y[0], static (t, y, j) => j[0] = double.NaN);
        var ex = Assert.Throws<OdeException>(() => new Rodas4().Solve(system, 0, [1], 1))!;
        Assert.That(ex.Reason, Is.EqualTo(OdeFailure.NonFiniteJacobian));
        Assert.That(ex.Message, Does.Contain("Jacobian"));
    }

    // ---------------------------------------------------------------- cancellation

    [TestCaseSource(nameof(Solvers))]
    public void Cancellation_StopsTheSolve(IOdeSolver solver)
    {
        using var cts = new CancellationTokenSource();
        int calls = 0;
        var system = new OdeSystem(2, (t, y, d) =>
        {
            if (++calls == 500) cts.Cancel();
            d[0] = y[1];
            d[1] = -y[0];
        });
        Assert.That(() => solver.Solve(system, 0, [1, 0], 1e6, new OdeOptions { MaxSteps = int.MaxValue, CancellationToken = cts.Token }),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(calls, Is.LessThan(520)); // stopped within one step of the cancellation

        Assert.That(() => solver.Solve(Decay, 0, [1], 1, new OdeOptions { CancellationToken = cts.Token }),
            Throws.InstanceOf<OperationCanceledException>());
    }

    // ---------------------------------------------------------------- solution access

    [TestCaseSource(nameof(Solvers))]
    public void Evaluate_OutsideRangeOrWithoutStorage_Throws(IOdeSolver solver)
    {
        var sol = solver.Solve(Decay, 0, [1], 1);
        Assert.Multiple(() =>
        {
            Assert.That(() => sol.Evaluate(-1e-9), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("[0, 1]"));
            Assert.That(() => sol.Evaluate(1.000001), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => sol.Evaluate(double.NaN), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(sol.Evaluate(0)[0], Is.EqualTo(1));
            Assert.That(sol.Evaluate(1)[0], Is.EqualTo(sol.FinalState[0]));

            var lean = solver.Solve(Decay, 0, [1], 1, new OdeOptions { StoreSteps = false });
            Assert.That(() => lean.Evaluate(0.5), Throws.InvalidOperationException.With.Message.Contains("StoreSteps"));
            Assert.That(lean.FinalState[0], Is.EqualTo(sol.FinalState[0]));
        });
    }
}
