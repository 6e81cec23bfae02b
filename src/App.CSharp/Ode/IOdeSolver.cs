namespace NuDM.App.Ode;

/// <summary>An adaptive one-step solver of initial-value problems y' = f(t, y), y(t0) = y0, forward in t.</summary>
public interface IOdeSolver
{
    /// <summary>Short name of the method, used in messages.</summary>
    string Name { get; }

    /// <summary>Integrates the system from <paramref name="t0"/> to <paramref name="tEnd"/>.</summary>
    /// <param name="system">The system y' = f(t, y).</param>
    /// <param name="t0">Initial time (finite).</param>
    /// <param name="y0">Initial state (finite, length <see cref="OdeSystem.Dimension"/>); it is copied.</param>
    /// <param name="tEnd">Final time (finite, greater than t0).</param>
    /// <param name="options">Tolerances and limits; <see cref="OdeOptions.Default"/> when null.</param>
    /// <returns>The solution: final state, accepted steps, dense output and statistics.</returns>
    /// <exception cref="ArgumentException">Inconsistent arguments (wrong length, non-finite values, tEnd ≤ t0).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range for this problem.</exception>
    /// <exception cref="OdeException">The integration failed (see <see cref="OdeException.Reason"/>).</exception>
    /// <exception cref="OperationCanceledException">The options' cancellation token was cancelled.</exception>
    OdeSolution Solve(OdeSystem system, double t0, ReadOnlySpan<double> y0, double tEnd, OdeOptions? options = null);
}

/// <summary>Conveniences shared by every <see cref="IOdeSolver"/>.</summary>
public static class OdeSolverExtensions
{
    /// <summary>
    /// Integrates y' = f(t, y) from t0 to tEnd with dimension y0.Length, no analytic Jacobian and a non-autonomous
    /// right-hand side (so a stiff solver forms ∂f/∂y and ∂f/∂t by finite differences).
    /// </summary>
    /// <param name="solver">The method.</param>
    /// <param name="rhs">The right-hand side f.</param>
    /// <param name="t0">Initial time (finite).</param>
    /// <param name="y0">Initial state (finite); it is copied.</param>
    /// <param name="tEnd">Final time (finite, greater than t0).</param>
    /// <param name="options">Tolerances and limits; <see cref="OdeOptions.Default"/> when null.</param>
    /// <returns>The solution.</returns>
    public static OdeSolution Solve(this IOdeSolver solver, OdeRhs rhs, double t0, ReadOnlySpan<double> y0, double tEnd,
        OdeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(solver);
        return solver.Solve(new OdeSystem(Math.Max(1, y0.Length), rhs), t0, y0, tEnd, options);
    }
}
