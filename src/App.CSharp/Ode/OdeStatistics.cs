namespace NuDM.App.Ode;

/// <summary>Work counters of one solve.</summary>
/// <param name="AcceptedSteps">Steps accepted by the error test.</param>
/// <param name="RejectedSteps">Steps rejected (error too large, non-finite values, or a singular matrix).</param>
/// <param name="RhsEvaluations">Calls of the right-hand side, including those made for finite-difference
/// Jacobians and ∂f/∂t and for the starting-step estimate.</param>
/// <param name="JacobianEvaluations">Jacobians formed (analytic calls or finite-difference approximations).</param>
/// <param name="LuDecompositions">LU decompositions of the iteration matrix.</param>
public readonly record struct OdeStatistics(
    int AcceptedSteps,
    int RejectedSteps,
    int RhsEvaluations,
    int JacobianEvaluations,
    int LuDecompositions)
{
    /// <summary>Attempted steps: accepted plus rejected.</summary>
    public int Steps => AcceptedSteps + RejectedSteps;
}
