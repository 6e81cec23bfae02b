using MathNet.Numerics.Interpolation;
using NuDM.Physics;

namespace NuDM.App.Cosmology;

/// <summary>
/// A cross section σ(s) of a pair of initial particles of mass m, tabulated once and interpolated: ln σ against ln p on
/// a logarithmic grid of the CM momentum p = sqrt(s/4 − m²), by a cubic spline. Near threshold σ is a power of p (p⁻¹
/// for an s-wave, p³ for a d-wave), a straight line in these variables, so the spline is accurate where thermal averages
/// put their weight; below the grid it follows the power law of the first two nodes, above it σ is computed directly.
/// The kinematics s = 4(m² + p²) is the kernel's (<see cref="ThermalAverages"/>); the logarithms here are the
/// interpolation variables.
/// </summary>
public sealed class TabulatedCrossSection
{
    private static readonly Func<double, double, double> MandelstamS = CosmologyFormulas.PairMandelstamS;         // (m, p)
    private static readonly Func<double, double, double> MomentumSquared = CosmologyFormulas.PairMomentumSquared; // (s, m)

    private readonly CrossSection _exact;
    private readonly double _mass;
    private readonly double _lnPMin, _lnPMax;
    private readonly IInterpolation _spline;
    private readonly double _slope0, _value0;
    private readonly bool _allZero;

    /// <summary>Tabulates σ(s) for p from 1e-5 m (or 1e-5 MeV if m = 0) to pMax with the given number of nodes per e-fold.</summary>
    /// <param name="sigma">The exact σ(s), MeV⁻² (s in MeV²); must be ≥ 0.</param>
    /// <param name="mass">Mass of each initial particle, MeV.</param>
    /// <param name="pMax">Largest CM momentum tabulated, MeV.</param>
    /// <param name="nodesPerEFold">Grid density (≥ 2; the tolerance-tightening test doubles it).</param>
    public TabulatedCrossSection(CrossSection sigma, double mass, double pMax, double nodesPerEFold = 8)
    {
        _exact = sigma ?? throw new ArgumentNullException(nameof(sigma));
        _mass = Argument.NonNegative(nameof(mass), mass, "MeV");
        Argument.Positive(nameof(pMax), pMax, "MeV");
        Argument.InRange(nameof(nodesPerEFold), nodesPerEFold, 2, 1000, "");
        double pMin = 1e-5 * Math.Max(mass, 1.0);
        if (pMax <= pMin) pMax = 10 * pMin;
        _lnPMin = Math.Log(pMin); // numerics: the ln p grid
        _lnPMax = Math.Log(pMax); // numerics: the table runs in ln p
        int n = Math.Max(8, (int)Math.Ceiling((_lnPMax - _lnPMin) * nodesPerEFold) + 1);
        var x = new double[n];
        var y = new double[n];
        bool any = false;
        for (int i = 0; i < n; i++)
        {
            x[i] = _lnPMin + (_lnPMax - _lnPMin) * i / (n - 1);
            var v = _exact(SOf(Math.Exp(x[i]))); // numerics: p from the ln p grid
            if (v > 0) any = true;
            y[i] = Math.Log(Math.Max(v, double.Epsilon)); // numerics: the table holds ln σ
        }
        _allZero = !any;
        _spline = CubicSpline.InterpolateNaturalSorted(x, y);
        _slope0 = (y[1] - y[0]) / (x[1] - x[0]);
        _value0 = y[0];
    }

    private double SOf(double p) => MandelstamS(_mass, p);

    /// <summary>σ(s) from the table (MeV⁻²).</summary>
    public double Evaluate(double s)
    {
        if (_allZero) return 0.0;
        double p2 = MomentumSquared(s, _mass);
        if (!(p2 > 0)) return 0.0;
        double lnP = 0.5 * Math.Log(p2); // numerics: the interpolation variable ln p
        if (lnP > _lnPMax) return _exact(s);
        double ln = lnP < _lnPMin ? _value0 + _slope0 * (lnP - _lnPMin) : _spline.Interpolate(lnP);
        var v = Math.Exp(ln); // numerics: σ from the interpolated ln σ
        return v <= double.Epsilon * 4 ? 0.0 : v;
    }

    /// <summary>The table as a <see cref="CrossSection"/> delegate.</summary>
    public CrossSection AsDelegate() => Evaluate;
}
