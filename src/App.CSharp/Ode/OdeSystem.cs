namespace NuDM.App.Ode;

/// <summary>
/// Right-hand side f of the system y' = f(t, y). Writes f(t, y) into <paramref name="dydt"/>
/// (length n, the same as <paramref name="y"/>). It is called in the solvers' inner loop, so it should
/// not allocate. t and y are in whatever units the caller uses.
/// </summary>
/// <param name="t">The independent variable.</param>
/// <param name="y">The state, length n; must not be retained after the call (it is a solver buffer).</param>
/// <param name="dydt">Output: f(t, y), length n. Every component must be written.</param>
public delegate void OdeRhs(double t, ReadOnlySpan<double> y, Span<double> dydt);

/// <summary>
/// Analytic Jacobian ∂f/∂y of the right-hand side, written row-major:
/// <c>dfdy[i * n + j] = ∂f_i/∂y_j</c>. The buffer is cleared to zero before each call, so only
/// non-zero entries need to be written.
/// </summary>
/// <param name="t">The independent variable.</param>
/// <param name="y">The state, length n.</param>
/// <param name="dfdy">Output: the n×n Jacobian, row-major, pre-cleared to zero.</param>
public delegate void OdeJacobian(double t, ReadOnlySpan<double> y, Span<double> dfdy);

/// <summary>
/// Analytic partial derivative ∂f/∂t of the right-hand side at fixed y (needed by Rosenbrock methods
/// for non-autonomous systems).
/// </summary>
/// <param name="t">The independent variable.</param>
/// <param name="y">The state, length n.</param>
/// <param name="dfdt">Output: ∂f/∂t, length n. Every component must be written.</param>
public delegate void OdeTimeDerivative(double t, ReadOnlySpan<double> y, Span<double> dfdt);

/// <summary>
/// An initial-value problem's system y' = f(t, y) of dimension n: the right-hand side and, optionally,
/// its analytic Jacobian ∂f/∂y and time derivative ∂f/∂t. Solvers that need a derivative that is not
/// supplied approximate it by forward differences (see <see cref="Rodas4"/>).
/// </summary>
public sealed class OdeSystem
{
    /// <summary>Creates a system description.</summary>
    /// <param name="dimension">Number of equations n (at least 1).</param>
    /// <param name="rhs">The right-hand side f(t, y).</param>
    /// <param name="jacobian">Optional analytic ∂f/∂y (row-major); finite differences are used when null.</param>
    /// <param name="timeDerivative">Optional analytic ∂f/∂t; finite differences are used when null
    /// (unless <see cref="IsAutonomous"/> is set).</param>
    /// <exception cref="ArgumentOutOfRangeException">dimension is less than 1.</exception>
    /// <exception cref="ArgumentNullException">rhs is null.</exception>
    public OdeSystem(int dimension, OdeRhs rhs, OdeJacobian? jacobian = null, OdeTimeDerivative? timeDerivative = null)
    {
        if (dimension < 1)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be in [1, int.MaxValue]");
        ArgumentNullException.ThrowIfNull(rhs);
        Dimension = dimension;
        Rhs = rhs;
        Jacobian = jacobian;
        TimeDerivative = timeDerivative;
    }

    /// <summary>Number of equations n.</summary>
    public int Dimension { get; }

    /// <summary>The right-hand side f(t, y).</summary>
    public OdeRhs Rhs { get; }

    /// <summary>The analytic Jacobian ∂f/∂y, or null to use finite differences.</summary>
    public OdeJacobian? Jacobian { get; }

    /// <summary>The analytic ∂f/∂t, or null to use finite differences (or zero when <see cref="IsAutonomous"/>).</summary>
    public OdeTimeDerivative? TimeDerivative { get; }

    /// <summary>
    /// True when f does not depend on t explicitly: ∂f/∂t is then taken as zero and never evaluated,
    /// which saves one right-hand-side evaluation per Rosenbrock step. Default false.
    /// </summary>
    public bool IsAutonomous { get; init; }
}
