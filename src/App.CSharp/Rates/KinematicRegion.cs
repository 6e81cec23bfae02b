using MathNet.Numerics.RootFinding;
using NuDM.Physics;

namespace NuDM.App.Rates;

/// <summary>
/// The kinematically allowed region {(T, E) : E_lo ≤ E ≤ E_hi, T_min(E) &lt; T &lt; T_max(E)} of a process on one
/// nucleus for neutrino energies in a flux support [E_lo, E_hi]. With T_min non-increasing and T_max non-decreasing
/// above the threshold, the allowed energies at fixed T are one interval [E_min(T), E_hi], E_min(T) given by the
/// process's inverse or found here by root finding (Brent, MathNet) on T_max(E) = T (T ≥ T*) or T_min(E) = T (T &lt; T*),
/// where T* is the recoil at threshold. Energies in MeV.
/// </summary>
public sealed class KinematicRegion
{
    private readonly ScatteringProcess process;

    /// <summary>Analyses the region for <paramref name="nucleus"/> and neutrino energies in [eLo, eHi] (MeV).</summary>
    public KinematicRegion(ScatteringProcess process, Isotope nucleus, double eLo, double eHi)
    {
        this.process = process ?? throw new ArgumentNullException(nameof(process));
        Nucleus = nucleus ?? throw new ArgumentNullException(nameof(nucleus));
        if (!(eLo >= 0 && eHi > eLo)) throw new ArgumentException($"energy range must satisfy 0 ≤ eLo < eHi, got [{eLo}, {eHi}]");
        MinEnergy = eLo;
        MaxEnergy = eHi;
        if (!Allowed(eHi))
        {
            IsEmpty = true;
            Threshold = double.PositiveInfinity;
            return;
        }
        if (Allowed(eLo)) Threshold = eLo;
        else
        {
            double lo = eLo, hi = eHi;
            for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++)
            {
                double m = 0.5 * (lo + hi);
                if (Allowed(m)) hi = m; else lo = m;
            }
            Threshold = hi;
        }
        MinRecoil = process.MinimumRecoil(eHi, nucleus);
        MaxRecoil = process.MaximumRecoil(eHi, nucleus);
        ThresholdRecoil = Threshold > eLo
            ? 0.5 * (process.MinimumRecoil(Threshold, nucleus) + process.MaximumRecoil(Threshold, nucleus))
            : double.NaN;
    }

    /// <summary>The nucleus.</summary>
    public Isotope Nucleus { get; }

    /// <summary>Lower end of the energy range (MeV).</summary>
    public double MinEnergy { get; }

    /// <summary>Upper end of the energy range (MeV).</summary>
    public double MaxEnergy { get; }

    /// <summary>True when no energy in the range can produce the final state (e.g. m_χ above the largest E).</summary>
    public bool IsEmpty { get; }

    /// <summary>Smallest allowed energy in the range (MeV), +∞ when empty.</summary>
    public double Threshold { get; }

    /// <summary>Smallest reachable recoil T_min(E_hi) (MeV).</summary>
    public double MinRecoil { get; }

    /// <summary>Largest reachable recoil T_max(E_hi) (MeV).</summary>
    public double MaxRecoil { get; }

    /// <summary>Recoil at threshold T* (MeV) when the threshold lies inside the range, else NaN.</summary>
    public double ThresholdRecoil { get; }

    /// <summary>Whether E (MeV) can produce the final state: T_max(E) &gt; T_min(E) (NaN → false).</summary>
    public bool Allowed(double e)
    {
        double tmin = process.MinimumRecoil(e, Nucleus), tmax = process.MaximumRecoil(e, Nucleus);
        return tmax > tmin;
    }

    /// <summary>Recoil limits (T_min, T_max) at energy E, or (NaN, NaN) when not allowed.</summary>
    public (double Min, double Max) RecoilRange(double e)
    {
        double tmin = process.MinimumRecoil(e, Nucleus), tmax = process.MaximumRecoil(e, Nucleus);
        return tmax > tmin ? (Math.Max(0, tmin), tmax) : (double.NaN, double.NaN);
    }

    /// <summary>
    /// Lower end of the allowed energies at recoil T, clipped to ≥ <see cref="MinEnergy"/> (MeV); +∞ when T is not
    /// reachable with E ≤ <see cref="MaxEnergy"/>.
    /// </summary>
    public double MinimumEnergy(double t)
    {
        if (IsEmpty || !(t >= MinRecoil && t <= MaxRecoil)) return double.PositiveInfinity;
        if (process.MinimumEnergy is { } inverse)
        {
            double e = inverse(t, Nucleus);
            if (double.IsNaN(e)) return double.PositiveInfinity;
            return Math.Max(e, MinEnergy);
        }
        double e0 = Threshold;
        double tmin0 = process.MinimumRecoil(e0, Nucleus), tmax0 = process.MaximumRecoil(e0, Nucleus);
        if (t >= tmin0 && t <= tmax0) return e0;
        double acc = 1e-14 * MaxEnergy;
        if (t > tmax0)
        {
            // T_max(E) = t on [e0, E_hi]; T_max increasing.
            return Solve(e => process.MaximumRecoil(e, Nucleus) - t, e0, MaxEnergy, acc);
        }
        // t < T_min(e0): T_min(E) = t on [e0, E_hi]; T_min decreasing.
        return Solve(e => process.MinimumRecoil(e, Nucleus) - t, e0, MaxEnergy, acc);
    }

    private static double Solve(Func<double, double> f, double a, double b, double accuracy)
    {
        double fa = f(a), fb = f(b);
        if (fa == 0) return a;
        if (fb == 0) return b;
        if (Math.Sign(fa) == Math.Sign(fb)) return Math.Abs(fa) < Math.Abs(fb) ? a : b; // at the edge within round-off
        if (Brent.TryFindRoot(f, a, b, accuracy, 200, out double root)) return root;
        // fall back to bisection (never expected)
        for (int i = 0; i < 200 && b - a > accuracy; i++)
        {
            double m = 0.5 * (a + b), fm = f(m);
            if (Math.Sign(fm) == Math.Sign(fa)) { a = m; fa = fm; } else b = m;
        }
        return 0.5 * (a + b);
    }
}
