namespace NuDM.App.Ode;

/// <summary>
/// Growable storage of accepted steps: times, states and dense-output coefficients, in flat arrays that
/// double in size when full (amortised: no allocation on most steps).
/// </summary>
internal sealed class StepRecorder
{
    private readonly int _n;
    private readonly int _coefPerStep;
    private double[] _times;
    private double[] _states;
    private double[] _coefs;

    public StepRecorder(int n, DenseKind kind, double t0, ReadOnlySpan<double> y0, int initialCapacity = 64)
    {
        _n = n;
        Kind = kind;
        _coefPerStep = OdeCore.CoefficientVectors(kind) * n;
        _times = new double[initialCapacity];
        _states = new double[initialCapacity * n];
        _coefs = new double[initialCapacity * _coefPerStep];
        _times[0] = t0;
        y0.CopyTo(_states);
        Count = 1;
    }

    public DenseKind Kind { get; }

    /// <summary>Number of stored points (accepted steps + 1).</summary>
    public int Count { get; private set; }

    /// <summary>Coefficient storage for the step that starts at the last stored point (length k·n).</summary>
    public Span<double> NextCoefficients()
    {
        EnsureCapacity(Count + 1);
        return _coefs.AsSpan((Count - 1) * _coefPerStep, _coefPerStep);
    }

    /// <summary>Appends the end point of the step whose coefficients were written to <see cref="NextCoefficients"/>.</summary>
    public void Append(double t, ReadOnlySpan<double> y)
    {
        EnsureCapacity(Count + 1);
        _times[Count] = t;
        y.CopyTo(_states.AsSpan(Count * _n, _n));
        Count++;
    }

    private void EnsureCapacity(int points)
    {
        if (points <= _times.Length) return;
        int cap = Math.Max(points, _times.Length * 2);
        Array.Resize(ref _times, cap);
        Array.Resize(ref _states, cap * _n);
        Array.Resize(ref _coefs, cap * _coefPerStep);
    }

    public double[] Times => _times;
    public double[] States => _states;
    public double[] Coefficients => _coefs;
}

/// <summary>Fills the solution at user-requested output times as the integration passes them.</summary>
internal sealed class OutputCollector
{
    private readonly double[] _times;
    private readonly double[][] _states;
    private int _next;

    public OutputCollector(IReadOnlyList<double> times, int n)
    {
        _times = [.. times];
        _states = new double[_times.Length][];
        for (int i = 0; i < _states.Length; i++) _states[i] = new double[n];
    }

    public double[] Times => _times;
    public double[][] States => _states;

    /// <summary>Records the outputs requested at exactly t0.</summary>
    public void Start(double t0, ReadOnlySpan<double> y0)
    {
        while (_next < _times.Length && _times[_next] <= t0)
            y0.CopyTo(_states[_next++]);
    }

    /// <summary>True when an output time lies strictly inside the step (t, t1): dense output is needed.</summary>
    public bool NeedsDense(double t1) => _next < _times.Length && _times[_next] < t1;

    /// <summary>Records the outputs in (t, t1] after the step [t, t1] of size h was accepted.</summary>
    public void AfterStep(DenseKind kind, double t, double h, double t1, ReadOnlySpan<double> coefs, ReadOnlySpan<double> y1)
    {
        while (_next < _times.Length && _times[_next] <= t1)
        {
            double to = _times[_next];
            if (to == t1) y1.CopyTo(_states[_next]);
            else OdeCore.EvaluateDense(kind, coefs, Math.Clamp((to - t) / h, 0.0, 1.0), _states[_next]);
            _next++;
        }
    }
}
