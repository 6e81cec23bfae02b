namespace NuDM.App.Ode;

/// <summary>
/// Result of a solve: final state, the accepted steps (when stored), values at requested output times,
/// a continuous (dense-output) solution over the integrated range, and work statistics.
/// </summary>
public sealed class OdeSolution
{
    private readonly int _count;
    private readonly double[]? _flatTimes;
    private readonly double[]? _flatStates;
    private readonly double[]? _coefs;
    private readonly DenseKind _kind;
    private readonly int _coefPerStep;

    internal OdeSolution(string solverName, int dimension, double t0, double tFinal, double[] finalState,
        StepRecorder? recorder, OutputCollector? outputs, OdeStatistics statistics)
    {
        SolverName = solverName;
        Dimension = dimension;
        InitialTime = t0;
        FinalTime = tFinal;
        FinalState = finalState;
        Statistics = statistics;
        OutputTimes = outputs?.Times;
        OutputStates = outputs?.States;
        if (recorder is not null)
        {
            _count = recorder.Count;
            _flatTimes = recorder.Times;
            _flatStates = recorder.States;
            _coefs = recorder.Coefficients;
            _kind = recorder.Kind;
            _coefPerStep = OdeCore.CoefficientVectors(_kind) * dimension;
            Times = recorder.Times.AsSpan(0, _count).ToArray();
            States = new double[_count][];
            for (int i = 0; i < _count; i++)
                States[i] = recorder.States.AsSpan(i * dimension, dimension).ToArray();
        }
        else
        {
            Times = [t0, tFinal];
            States = [];
        }
    }

    /// <summary>Name of the solver that produced this solution.</summary>
    public string SolverName { get; }

    /// <summary>Number of equations n.</summary>
    public int Dimension { get; }

    /// <summary>Start of the integrated range, t0.</summary>
    public double InitialTime { get; }

    /// <summary>End of the integrated range (the requested tEnd).</summary>
    public double FinalTime { get; }

    /// <summary>The state at <see cref="FinalTime"/>.</summary>
    public double[] FinalState { get; }

    /// <summary>
    /// Times of the accepted steps, starting with t0 and ending with tEnd, when
    /// <see cref="OdeOptions.StoreSteps"/> was true; otherwise just [t0, tEnd] (see <see cref="HasDenseOutput"/>).
    /// A copy: changing it does not affect <see cref="Evaluate(double)"/>.
    /// </summary>
    public double[] Times { get; }

    /// <summary>
    /// States at <see cref="Times"/> (one array of length n per time) when steps were stored; empty otherwise.
    /// A copy: changing it does not affect <see cref="Evaluate(double)"/>.
    /// </summary>
    public double[][] States { get; }

    /// <summary>The requested <see cref="OdeOptions.OutputTimes"/>, or null when none were requested.</summary>
    public double[]? OutputTimes { get; }

    /// <summary>States at <see cref="OutputTimes"/> (computed by dense output), or null when none were requested.</summary>
    public double[][]? OutputStates { get; }

    /// <summary>Work counters.</summary>
    public OdeStatistics Statistics { get; }

    /// <summary>True when the steps and their dense-output coefficients were stored, so <see cref="Evaluate(double)"/> works.</summary>
    public bool HasDenseOutput => _coefs is not null;

    /// <summary>The solution at <paramref name="t"/> by dense output (exact stored state at a step time).</summary>
    /// <param name="t">A time in [<see cref="InitialTime"/>, <see cref="FinalTime"/>].</param>
    /// <returns>A new array of length n.</returns>
    /// <exception cref="ArgumentOutOfRangeException">t is outside the integrated range or NaN.</exception>
    /// <exception cref="InvalidOperationException">Steps were not stored (<see cref="OdeOptions.StoreSteps"/> false).</exception>
    public double[] Evaluate(double t)
    {
        var y = new double[Dimension];
        Evaluate(t, y);
        return y;
    }

    /// <summary>Writes the solution at <paramref name="t"/> (dense output) into <paramref name="y"/>, without allocating.</summary>
    /// <param name="t">A time in [<see cref="InitialTime"/>, <see cref="FinalTime"/>].</param>
    /// <param name="y">Output, length n.</param>
    /// <exception cref="ArgumentOutOfRangeException">t is outside the integrated range or NaN.</exception>
    /// <exception cref="ArgumentException">y has the wrong length.</exception>
    /// <exception cref="InvalidOperationException">Steps were not stored (<see cref="OdeOptions.StoreSteps"/> false).</exception>
    public void Evaluate(double t, Span<double> y)
    {
        if (_coefs is null || _flatTimes is null || _flatStates is null)
            throw new InvalidOperationException(
                "This solution has no dense output: it was computed with OdeOptions.StoreSteps = false (use OdeOptions.OutputTimes instead)");
        if (y.Length != Dimension)
            throw new ArgumentException($"y must have length {Dimension}", nameof(y));
        if (!(t >= InitialTime && t <= FinalTime))
            throw new ArgumentOutOfRangeException(nameof(t), t,
                $"t must be in the integrated range [{InitialTime:R}, {FinalTime:R}]");

        int i = Array.BinarySearch(_flatTimes, 0, _count, t);
        if (i >= 0)
        {
            _flatStates.AsSpan(i * Dimension, Dimension).CopyTo(y);
            return;
        }
        int seg = ~i - 1; // times[seg] < t < times[seg + 1]
        double t0 = _flatTimes[seg], h = _flatTimes[seg + 1] - t0;
        OdeCore.EvaluateDense(_kind, _coefs.AsSpan(seg * _coefPerStep, _coefPerStep), (t - t0) / h, y);
    }
}
