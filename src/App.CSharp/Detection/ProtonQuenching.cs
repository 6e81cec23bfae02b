using MathNet.Numerics.Optimization;
using NuDM.Physics;

namespace NuDM.App.Detection;

/// <summary>
/// Electronic stopping power of a proton in a <see cref="StoppingMedium"/> (the kernel's absorber record; compounds by
/// Bragg additivity in <see cref="QuenchingFormulas.Medium"/>). The formulas are the kernel's
/// (<c>NuDM.Physics.Quenching</c>): the Bethe expression of PDG 2024 eqs. (34.4)–(34.5) without shell, Barkas and
/// density corrections, and below its maximum (T_peak ≈ 80 keV, where the formula itself breaks down) the
/// Andersen–Ziegler continuation S ∝ T^0.45 matched at T_peak. This class only finds the peak (MathNet's
/// golden-section minimiser in ln T) and chooses the branch. Tested against NIST PSTAR for liquid water: ≤ 4 % high for
/// 0.3–10 MeV and 1 % at 10 MeV, within 4 % at the peak, 20–26 % low at 20–40 keV; for the Birks integral this region
/// weighs little because kB·dE/dx ≫ 1 there.
/// </summary>
public sealed class ProtonStopping
{
    private readonly Func<double, double, double, double, double, double> _bethe = QuenchingFormulas.Bethe;
    private readonly Func<double, double, double, double> _low = QuenchingFormulas.LowEnergyContinuation;
    private readonly double _iMeV;

    /// <summary>The absorber.</summary>
    public StoppingMedium Medium { get; }
    /// <summary>Kinetic energy (MeV) at which the Bethe expression peaks; below it the T^0.45 form is used.</summary>
    public double PeakEnergy { get; }
    /// <summary>The mass stopping power at <see cref="PeakEnergy"/> (MeV cm² g⁻¹).</summary>
    public double PeakStopping { get; }

    public ProtonStopping(StoppingMedium medium)
    {
        ArgumentNullException.ThrowIfNull(medium);
        Medium = medium;
        _iMeV = Argument.Positive("MeanExcitationEV", medium.MeanExcitationEV, "eV") * 1e-6; // eV → MeV
        Argument.Positive("ZOverA", medium.ZOverA, "mol/g");
        Argument.Positive("DensityGcm3", medium.DensityGcm3, "g/cm³");
        // numerics: the maximum of the Bethe expression, searched in x = ln T over [10 keV, 2 MeV] (the minimiser
        // widens the bracket if the peak lies outside); 1e-10 in ln T is below the round-off floor of a flat maximum
        var peak = new GoldenSectionMinimizer(1e-10, 1000).FindMinimum(ObjectiveFunction.ScalarValue(x => -Bethe(Math.Exp(x))), Math.Log(1e-2), Math.Log(2.0)); // numerics: search in ln T
        PeakEnergy = Math.Exp(peak.MinimizingPoint); // numerics: back from ln T
        PeakStopping = Bethe(PeakEnergy);
    }

    /// <summary>The Bethe expression (MeV cm² g⁻¹) at proton kinetic energy T (MeV), PDG eq. (34.5), no corrections.</summary>
    public double Bethe(double kineticMeV) => _bethe(kineticMeV, Constants.ProtonMass, 1.0, Medium.ZOverA, _iMeV);

    /// <summary>Mass stopping power S(T) (MeV cm² g⁻¹) for kinetic energy T &gt; 0 (MeV).</summary>
    public double MassStoppingPower(double kineticMeV)
    {
        Argument.Positive("T", kineticMeV, "MeV");
        return kineticMeV >= PeakEnergy ? Bethe(kineticMeV) : _low(kineticMeV, PeakEnergy, PeakStopping);
    }

    /// <summary>Linear stopping power dE/dx = ρ S(T) (MeV/cm).</summary>
    public double LinearStoppingPower(double kineticMeV) => Medium.DensityGcm3 * MassStoppingPower(kineticMeV);
}

/// <summary>
/// Birks' law for the scintillation light of a proton (kernel formula <see cref="QuenchingFormulas.BirksIntegrand"/>,
/// J. B. Birks, Proc. Phys. Soc. A 64 (1951) 874): a proton of kinetic energy T gives the electron-equivalent energy
///   E_vis(T) = ∫₀^T dE / (1 + kB ρ S(E))   (MeVee; electrons taken as unquenched),
/// with S from <see cref="ProtonStopping"/>. Numerics here: E_vis is tabulated once on a logarithmic grid (1 eV – 1 GeV,
/// Simpson's rule in ln T, 8000 intervals), interpolated linearly in ln T and inverted by bisection of the monotone
/// table.
/// </summary>
public sealed class BirksLightYield
{
    private readonly double[] _t;
    private readonly double[] _l;

    /// <summary>Birks' constant kB (cm/MeV).</summary>
    public double KB { get; }
    /// <summary>The stopping power used.</summary>
    public ProtonStopping Stopping { get; }

    public BirksLightYield(ProtonStopping stopping, double kBcmPerMeV)
    {
        ArgumentNullException.ThrowIfNull(stopping);
        Stopping = stopping;
        KB = Argument.NonNegative("kB", kBcmPerMeV, "cm/MeV");
        var dLdE = QuenchingFormulas.BirksIntegrand;
        double rho = stopping.Medium.DensityGcm3;
        double Light(double t) => dLdE(KB, rho, stopping.MassStoppingPower(t));
        // numerics: Simpson's rule in x = ln T, integrand T · dE_vis/dE
        const int n = 8000;
        double a = Math.Log(1e-6), b = Math.Log(1e3), h = (b - a) / n; // numerics: the ln T grid
        _t = new double[n + 1];
        _l = new double[n + 1];
        double F(double lnT) { double t = Math.Exp(lnT); return t * Light(t); } // numerics: dE = T d(ln T)
        _t[0] = Math.Exp(a); // numerics: grid point
        _l[0] = _t[0] * Light(_t[0]); // below 1 eV: dL/dE ≈ constant
        for (int i = 1; i <= n; i++)
        {
            double x0 = a + (i - 1) * h, x1 = a + i * h;
            _t[i] = Math.Exp(x1); // numerics: grid point
            _l[i] = _l[i - 1] + h / 6 * (F(x0) + 4 * F((x0 + x1) / 2) + F(x1));
        }
    }

    /// <summary>Electron-equivalent visible energy (MeV) of a proton of kinetic energy T (MeV, 1e-6 ≤ T ≤ 1000).</summary>
    public double VisibleEnergy(double kineticMeV)
    {
        Argument.InRange("T", kineticMeV, _t[0], _t[^1], "MeV");
        int i = Array.BinarySearch(_t, kineticMeV);
        if (i >= 0) return _l[i];
        i = ~i;
        double w = (Math.Log(kineticMeV) - Math.Log(_t[i - 1])) / (Math.Log(_t[i]) - Math.Log(_t[i - 1])); // numerics: linear interpolation in ln T
        return _l[i - 1] + w * (_l[i] - _l[i - 1]);
    }

    /// <summary>The proton kinetic energy (MeV) whose light is <paramref name="visibleMeV"/> MeVee (inverse of <see cref="VisibleEnergy"/>).</summary>
    public double ProtonEnergyForVisible(double visibleMeV)
    {
        Argument.InRange("E_vis", visibleMeV, _l[0], _l[^1], "MeVee");
        double lo = _t[0], hi = _t[^1];
        // numerics: bisection in ln T (geometric midpoint)
        for (int k = 0; k < 200 && hi / lo > 1 + 1e-13; k++)
        {
            double mid = Math.Sqrt(lo * hi); // numerics: geometric midpoint
            if (VisibleEnergy(mid) < visibleMeV) lo = mid; else hi = mid;
        }
        return Math.Sqrt(lo * hi); // numerics: geometric midpoint
    }
}
