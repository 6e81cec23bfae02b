using System.Globalization;

namespace NuDM.App.Ode;

/// <summary>Why an integration failed.</summary>
public enum OdeFailure
{
    /// <summary>The step size fell below what the floating-point resolution of t allows (10 ε |t|).</summary>
    StepSizeUnderflow,

    /// <summary>More than <see cref="OdeOptions.MaxSteps"/> steps were attempted.</summary>
    TooManySteps,

    /// <summary>The right-hand side returned NaN or ±Inf, and reducing the step did not help.</summary>
    NonFiniteRhs,

    /// <summary>The computed state became NaN or ±Inf, and reducing the step did not help.</summary>
    NonFiniteState,

    /// <summary>The Jacobian (analytic or finite-difference) or ∂f/∂t contained NaN or ±Inf.</summary>
    NonFiniteJacobian,

    /// <summary>The Rosenbrock iteration matrix I/(hγ) − J stayed singular after repeated step reductions.</summary>
    SingularMatrix,
}

/// <summary>
/// Thrown when an integration cannot continue. The message states the reason, the solver, and the
/// time <see cref="T"/> and step size <see cref="H"/> at which it happened.
/// </summary>
public sealed class OdeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The failure kind.</param>
    /// <param name="solver">The solver's name.</param>
    /// <param name="t">Time at which the failure happened.</param>
    /// <param name="h">Step size at that moment.</param>
    /// <param name="detail">A sentence describing the failure.</param>
    public OdeException(OdeFailure reason, string solver, double t, double h, string detail)
        : base(string.Create(CultureInfo.InvariantCulture, $"{solver}: {detail} at t = {t:R}, h = {h:R} ({reason})."))
    {
        Reason = reason;
        T = t;
        H = h;
    }

    /// <summary>The failure kind.</summary>
    public OdeFailure Reason { get; }

    /// <summary>Time (independent variable) at which the failure happened.</summary>
    public double T { get; }

    /// <summary>Step size at the failure.</summary>
    public double H { get; }
}
