using NuDM.App.Ode;
using NuDM.Physics;

namespace NuDM.App.Cosmology;

/// <summary>
/// Glue between a symbolic <see cref="RateEquations"/> system (compiled right-hand side and symbolically derived
/// Jacobians, from the F# kernel) and the stiff solver: coefficients come from a <see cref="CoefficientTable"/>
/// (plus optional constant offsets, e.g. ln of a coupling power), ∂f/∂y is the compiled Jacobian and ∂f/∂u the chain
/// rule Σ_k (∂f/∂c_k)(dc_k/du) with the exact derivative of the interpolant. One instance per solve (it owns
/// buffers); the compiled delegates themselves are shared and thread-safe.
/// </summary>
internal sealed class LogRateSystem
{
    private readonly Action<double[], double[]> _rhs, _all;
    private readonly CoefficientTable _table;
    private readonly double[] _offsets;
    private readonly int _n, _m;
    private readonly double[] _in, _outF, _outAll, _dc;
    private double _cachedU = double.NaN;
    private readonly double[] _cachedY;

    public LogRateSystem(CompiledRates compiled, CoefficientTable table, double[]? offsets = null)
    {
        _rhs = compiled.Rhs;
        _all = compiled.All;
        _n = compiled.States;
        _m = compiled.Coefficients;
        if (table.Columns != _m)
            throw new ArgumentException($"the coefficient table has {table.Columns} columns, the equations {_m} coefficients");
        _table = table;
        _offsets = offsets ?? new double[_m];
        _in = new double[_n + _m];
        _outF = new double[_n];
        _outAll = new double[_n + _n * _n + _n * _m];
        _dc = new double[_m];
        _cachedY = new double[_n];
        System = new OdeSystem(_n, Rhs, Jacobian, TimeDerivative);
    }

    /// <summary>The ODE system y' = f(u, y) for the solvers.</summary>
    public OdeSystem System { get; }

    /// <summary>Coefficients (with offsets) at u, into <paramref name="c"/> (length m).</summary>
    public void Coefficients(double u, double[] c)
    {
        _table.Evaluate(u, c, 0, null);
        for (int k = 0; k < _m; k++) c[k] += _offsets[k];
    }

    private void Load(double u, ReadOnlySpan<double> y, double[]? dc)
    {
        y.CopyTo(_in);
        _table.Evaluate(u, _in, _n, dc);
        for (int k = 0; k < _m; k++) _in[_n + k] += _offsets[k];
    }

    private void Rhs(double u, ReadOnlySpan<double> y, Span<double> dydt)
    {
        Load(u, y, null);
        _rhs(_in, _outF);
        _outF.AsSpan().CopyTo(dydt);
    }

    private void EnsureAll(double u, ReadOnlySpan<double> y)
    {
        if (u == _cachedU && y.SequenceEqual(_cachedY)) return;
        Load(u, y, _dc);
        _all(_in, _outAll);
        _cachedU = u;
        y.CopyTo(_cachedY);
    }

    private void Jacobian(double u, ReadOnlySpan<double> y, Span<double> dfdy)
    {
        EnsureAll(u, y);
        _outAll.AsSpan(_n, _n * _n).CopyTo(dfdy);
    }

    private void TimeDerivative(double u, ReadOnlySpan<double> y, Span<double> dfdu)
    {
        EnsureAll(u, y);
        int b = _n + _n * _n;
        for (int i = 0; i < _n; i++)
        {
            double sum = 0;
            for (int k = 0; k < _m; k++)
            {
                double dk = _dc[k];
                if (dk != 0) sum += _outAll[b + i * _m + k] * dk;
            }
            dfdu[i] = sum;
        }
    }
}

/// <summary>A <see cref="RateEquations"/> system compiled once (cached per process).</summary>
internal sealed class CompiledRates
{
    private CompiledRates(RateEquations equations)
    {
        Equations = equations;
        Rhs = equations.CompileRhs();
        All = equations.CompileAll();
        States = equations.StateCount;
        Coefficients = equations.CoefficientCount;
    }

    public RateEquations Equations { get; }
    public Action<double[], double[]> Rhs { get; }
    public Action<double[], double[]> All { get; }
    public int States { get; }
    public int Coefficients { get; }

    private static readonly Lazy<CompiledRates> FreezeOutLazy = new(() => new CompiledRates(CosmologyEquations.freezeOut));
    private static readonly Lazy<CompiledRates> TwoSpeciesLazy = new(() => new CompiledRates(CosmologyEquations.twoSpecies));

    /// <summary>Seed 000 eq. (21) in ln Y (coefficients la, we).</summary>
    public static CompiledRates FreezeOut => FreezeOutLazy.Value;

    /// <summary>Seed 001 eq. (4.2) in ln Y (coefficients l1, ld, ldc, lk, lks, l3, ec, es).</summary>
    public static CompiledRates TwoSpecies => TwoSpeciesLazy.Value;
}
