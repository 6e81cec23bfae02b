using NuDM.Physics;

namespace NuDM.App.Cosmology;

/// <summary>
/// Coefficients c_k(u) of a rate-equation system sampled once on a uniform grid in u = ln x and interpolated by
/// piecewise-cubic Hermite polynomials: node slopes from 4th-order central differences (3rd-order one-sided at the
/// ends), limited with Fritsch–Carlson's monotonicity conditions so that steps (thresholds, the QCD transition, a
/// rate clamped at its floor) never overshoot. In smooth monotone stretches the limiter is inactive and the
/// interpolation error is O(h⁴). A column that is −∞ at every node (a switched-off channel) is kept as the constant −∞.
/// Values and exact derivatives dc_k/du are returned without allocation. Immutable, thread-safe.
/// </summary>
internal sealed class CoefficientTable
{
    private readonly double _u0, _h, _invH;
    private readonly int _n, _m;
    private readonly double[] _v;   // node values, [node * m + k]
    private readonly double[] _d;   // node slopes dc/du
    private readonly bool[] _constantMinusInfinity;

    /// <summary>Samples <paramref name="sample"/>(u, c) at nodes u0, u0 + h, …, covering [u0, u1].</summary>
    public CoefficientTable(double u0, double u1, double step, int columns, Action<double, double[]> sample)
    {
        if (!(u1 > u0)) throw new ArgumentOutOfRangeException(nameof(u1), u1, "the grid end must exceed its start");
        Argument.InRange(nameof(step), step, 1e-5, 1, "(grid step in ln x)");
        _n = Math.Max(5, (int)Math.Ceiling((u1 - u0) / step - 1e-9) + 1);
        _h = (u1 - u0) / (_n - 1);
        _invH = 1 / _h;
        _u0 = u0;
        _m = columns;
        _v = new double[_n * _m];
        _d = new double[_n * _m];
        var row = new double[_m];
        for (int i = 0; i < _n; i++)
        {
            double u = i == _n - 1 ? u1 : u0 + i * _h;
            sample(u, row);
            for (int k = 0; k < _m; k++)
            {
                if (double.IsNaN(row[k]) || double.IsPositiveInfinity(row[k]))
                    throw new InvalidOperationException($"coefficient {k} is {row[k]} at u = ln x = {u:G6}");
                _v[i * _m + k] = row[k];
            }
        }
        _constantMinusInfinity = new bool[_m];
        for (int k = 0; k < _m; k++)
        {
            bool allOff = true, anyOff = false;
            for (int i = 0; i < _n; i++)
            {
                bool off = double.IsNegativeInfinity(_v[i * _m + k]);
                allOff &= off;
                anyOff |= off;
            }
            if (allOff) { _constantMinusInfinity[k] = true; continue; }
            if (anyOff)
                throw new InvalidOperationException(
                    $"coefficient {k} is -inf on part of the grid only; clamp the rate it comes from at a floor instead");
            Slopes(k);
        }
    }

    /// <summary>Grid start u0.</summary>
    public double Start => _u0;

    /// <summary>Grid end u1.</summary>
    public double End => _u0 + (_n - 1) * _h;

    /// <summary>Number of nodes.</summary>
    public int Nodes => _n;

    /// <summary>Number of coefficient columns.</summary>
    public int Columns => _m;

    /// <summary>Node value of column k at node i.</summary>
    public double NodeValue(int i, int k) => _v[i * _m + k];

    /// <summary>Writes c_k(u) into <paramref name="c"/> (offset <paramref name="offset"/>) and, when given, dc_k/du into <paramref name="dc"/>.</summary>
    public void Evaluate(double u, double[] c, int offset, double[]? dc)
    {
        double s = (u - _u0) * _invH;
        int i = (int)s;
        if (i < 0) i = 0;
        else if (i > _n - 2) i = _n - 2;
        double t = s - i;
        if (t < 0) t = 0;
        else if (t > 1) t = 1;
        double t2 = t * t, t3 = t2 * t;
        double h00 = 2 * t3 - 3 * t2 + 1, h10 = (t3 - 2 * t2 + t) * _h, h01 = -2 * t3 + 3 * t2, h11 = (t3 - t2) * _h;
        int a = i * _m, b = a + _m;
        for (int k = 0; k < _m; k++)
        {
            if (_constantMinusInfinity[k])
            {
                c[offset + k] = double.NegativeInfinity;
                if (dc is not null) dc[k] = 0;
                continue;
            }
            double y0 = _v[a + k], y1 = _v[b + k], m0 = _d[a + k], m1 = _d[b + k];
            c[offset + k] = h00 * y0 + h10 * m0 + h01 * y1 + h11 * m1;
            if (dc is not null)
            {
                double d00 = (6 * t2 - 6 * t) * _invH, d10 = 3 * t2 - 4 * t + 1, d01 = (-6 * t2 + 6 * t) * _invH, d11 = 3 * t2 - 2 * t;
                dc[k] = d00 * y0 + d10 * m0 + d01 * y1 + d11 * m1;
            }
        }
    }

    private double V(int i, int k) => _v[i * _m + k];

    private void Slopes(int k)
    {
        int n = _n;
        double h = _h;
        for (int i = 0; i < n; i++)
        {
            double d;
            if (i >= 2 && i <= n - 3)
                d = (-V(i + 2, k) + 8 * V(i + 1, k) - 8 * V(i - 1, k) + V(i - 2, k)) / (12 * h);
            else if (i == 0)
                d = (-11 * V(0, k) + 18 * V(1, k) - 9 * V(2, k) + 2 * V(3, k)) / (6 * h);
            else if (i == n - 1)
                d = (11 * V(n - 1, k) - 18 * V(n - 2, k) + 9 * V(n - 3, k) - 2 * V(n - 4, k)) / (6 * h);
            else
                d = (V(i + 1, k) - V(i - 1, k)) / (2 * h);
            _d[i * _m + k] = d;
        }
        // Fritsch–Carlson limiting, segment by segment
        for (int i = 0; i < n - 1; i++)
        {
            double delta = (V(i + 1, k) - V(i, k)) / h;
            int ia = i * _m + k, ib = (i + 1) * _m + k;
            if (delta == 0)
            {
                _d[ia] = 0;
                _d[ib] = 0;
                continue;
            }
            if (Math.Sign(_d[ia]) != Math.Sign(delta)) _d[ia] = 0;
            if (Math.Sign(_d[ib]) != Math.Sign(delta)) _d[ib] = 0;
            double alpha = _d[ia] / delta, beta = _d[ib] / delta;
            double r2 = alpha * alpha + beta * beta;
            if (r2 > 9)
            {
                double tau = 3 / Math.Sqrt(r2); // numerics: Fritsch–Carlson limiter
                _d[ia] = tau * alpha * delta;
                _d[ib] = tau * beta * delta;
            }
        }
    }
}

/// <summary>
/// Thermal cross sections ⟨σv⟩(T) of one or more channels sampled once on a grid in u = ln(m/T) (usually coarser
/// than the coefficient grid: ⟨σv⟩ varies on scales Δ ln x ~ 1, while each evaluation of a Gondolo–Gelmini integral
/// costs ~50 µs), kept as ln max(⟨σv⟩, floor) and interpolated like the coefficients. A null channel is −∞ throughout.
/// </summary>
internal sealed class CrossSectionTable
{
    private readonly CoefficientTable _table;
    private readonly double[] _row;

    public CrossSectionTable(double mass, double u0, double u1, double step, IReadOnlyList<(ThermalCrossSection? Rate, string Name)> channels)
    {
        _row = new double[channels.Count];
        _table = new CoefficientTable(u0, u1, step, channels.Count, (u, c) =>
        {
            double T = mass * Math.Exp(-u); // numerics: T = m/x, x = e^u
            for (int k = 0; k < channels.Count; k++)
            {
                var (rate, name) = channels[k];
                if (rate is null) { c[k] = double.NegativeInfinity; continue; }
                double v = rate(T);
                if (!(v >= 0) || !double.IsFinite(v))
                    throw new ArgumentException($"the thermal cross section {name} returned {v:R} at T = {T:G6} MeV; it must be finite and >= 0", nameof(channels));
                c[k] = Math.Log(Math.Max(v, FreezeOutSolver.SigmaVFloor)); // numerics: the table holds ln⟨σv⟩
            }
        });
    }

    /// <summary>ln ⟨σv⟩ of channel k at u (not thread-safe: one instance per solve).</summary>
    public double LnSigmaV(double u, int k)
    {
        _table.Evaluate(u, _row, 0, null);
        return _row[k];
    }
}
