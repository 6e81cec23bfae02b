namespace NuDM.App.Ode;

/// <summary>
/// Options shared by the adaptive solvers. Every value is checked when it is set: a value outside its
/// allowed range throws <see cref="ArgumentOutOfRangeException"/> naming the option and the range.
/// The local error of a step is accepted when its weighted RMS norm
/// sqrt(Σ (e_i / (AbsTol_i + RelTol·max(|y_i|, |ŷ_i|)))² / n) is at most 1.
/// </summary>
public sealed record OdeOptions
{
    /// <summary>Smallest allowed <see cref="RelTol"/> (about 45 machine epsilons).</summary>
    public const double MinRelTol = 1e-14;

    /// <summary>Largest allowed <see cref="RelTol"/>.</summary>
    public const double MaxRelTol = 0.1;

    /// <summary>Shared instance with every option at its default.</summary>
    public static OdeOptions Default { get; } = new();

    /// <summary>Relative tolerance, in [1e-14, 0.1]. Default 1e-6.</summary>
    public double RelTol
    {
        get;
        init => field = value is >= MinRelTol and <= MaxRelTol
            ? value
            : throw new ArgumentOutOfRangeException(nameof(RelTol), value, $"RelTol must be in [{MinRelTol:R}, {MaxRelTol:R}]");
    } = 1e-6;

    /// <summary>
    /// Scalar absolute tolerance (same units as y), finite and ≥ 0; used for every component unless
    /// <see cref="AbsTolVector"/> is set. Default 1e-9.
    /// </summary>
    public double AbsTol
    {
        get;
        init => field = CheckAbsTol(value, nameof(AbsTol));
    } = 1e-9;

    /// <summary>
    /// Optional per-component absolute tolerances (each finite and ≥ 0); when set it replaces
    /// <see cref="AbsTol"/> and its length must equal the system's dimension. The list is copied.
    /// </summary>
    public IReadOnlyList<double>? AbsTolVector
    {
        get;
        init
        {
            if (value is null) { field = null; return; }
            var copy = value.ToArray();
            foreach (var a in copy) CheckAbsTol(a, nameof(AbsTolVector));
            field = Array.AsReadOnly(copy);
        }
    }

    /// <summary>
    /// First trial step size (same units as t), finite and ≥ 0; 0 (the default) chooses it automatically
    /// with Hairer's starting-step algorithm (Hairer, Nørsett &amp; Wanner, Solving ODEs I, §II.4).
    /// </summary>
    public double InitialStep
    {
        get;
        init => field = value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(InitialStep), value, "InitialStep must be in [0, +inf) (0 = automatic)");
    }

    /// <summary>Largest step size, in (0, +inf]; default +inf (no limit besides the integration interval).</summary>
    public double MaxStep
    {
        get;
        init => field = value > 0 // NaN fails
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxStep), value, "MaxStep must be in (0, +inf]");
    } = double.PositiveInfinity;

    /// <summary>
    /// Largest number of attempted steps (accepted plus rejected), in [1, int.MaxValue]; default 100 000.
    /// Exceeding it throws <see cref="OdeException"/> with <see cref="OdeFailure.TooManySteps"/>.
    /// </summary>
    public int MaxSteps
    {
        get;
        init => field = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxSteps), value, "MaxSteps must be in [1, int.MaxValue]");
    } = 100_000;

    /// <summary>
    /// When true (default) the solution keeps every accepted step and its dense-output coefficients, so
    /// that <see cref="OdeSolution.Evaluate(double)"/> works anywhere in the integrated range. When false
    /// only the final state (and any <see cref="OutputTimes"/>) is kept: no storage grows during the solve.
    /// </summary>
    public bool StoreSteps { get; init; } = true;

    /// <summary>
    /// Optional times (finite, non-decreasing, inside [t0, tEnd] of the solve) at which the solution is
    /// reported in <see cref="OdeSolution.OutputStates"/>, computed by dense output during the
    /// integration (works with <see cref="StoreSteps"/> false). The list is copied.
    /// </summary>
    public IReadOnlyList<double>? OutputTimes
    {
        get;
        init
        {
            if (value is null) { field = null; return; }
            var copy = value.ToArray();
            for (int i = 0; i < copy.Length; i++)
            {
                if (!double.IsFinite(copy[i]) || (i > 0 && copy[i] < copy[i - 1]))
                    throw new ArgumentOutOfRangeException(nameof(OutputTimes), copy[i],
                        "OutputTimes must be finite and sorted in non-decreasing order");
            }
            field = Array.AsReadOnly(copy);
        }
    }

    /// <summary>Token checked once per step; cancellation throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// Checks the options that depend on the system's dimension (the length of <see cref="AbsTolVector"/>).
    /// </summary>
    /// <param name="dimension">The system's number of equations.</param>
    /// <exception cref="ArgumentOutOfRangeException">AbsTolVector has the wrong length.</exception>
    public void Validate(int dimension)
    {
        if (AbsTolVector is { } v && v.Count != dimension)
            throw new ArgumentOutOfRangeException(nameof(AbsTolVector), v.Count,
                $"AbsTolVector must have exactly {dimension} components (the system's dimension)");
    }

    private static double CheckAbsTol(double value, string name) =>
        value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, +inf) (finite)");
}
