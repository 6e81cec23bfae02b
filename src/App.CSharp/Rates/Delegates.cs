namespace NuDM.App.Rates;

/// <summary>
/// Differential cross section dσ/dT for a neutrino of energy <paramref name="neutrinoEnergy"/> (MeV) producing a
/// nuclear recoil of kinetic energy <paramref name="recoilEnergy"/> (MeV) on <paramref name="nucleus"/>.
/// <para>
/// <b>Units: natural units, MeV⁻³</b> (MeV⁻² of cross section per MeV of recoil energy). The rate engine converts
/// at the edge with (ħc)² = <c>NuDM.Physics.Constants.InvMeV2_cm2</c> cm²·MeV² — a kernel working in cm²/MeV
/// divides by that constant (see <see cref="RateUnits.FromCm2PerMeV"/>).
/// </para>
/// The engine calls it only inside the kinematically allowed region T_min(E) &lt; T &lt; T_max(E); it must be
/// thread-safe (plans are built and evaluated in parallel) and should not allocate.
/// </summary>
public delegate double DifferentialCrossSection(double recoilEnergy, double neutrinoEnergy, Nucleus nucleus);

/// <summary>
/// A kinematic recoil limit T_min(E) or T_max(E) in MeV for neutrino energy E (MeV) on a nucleus. Below the
/// production threshold a kernel may return NaN or any pair with T_min ≥ T_max: the engine treats both as
/// "not allowed". Above threshold T_min must be non-increasing and T_max non-decreasing in E (true for 2→2
/// scattering, seed 001 eq. (2.9)), so that the allowed energies at fixed T form one interval E ≥ E_min(T).
/// </summary>
public delegate double RecoilLimit(double neutrinoEnergy, Nucleus nucleus);

/// <summary>
/// The inverse of the kinematics: the smallest neutrino energy (MeV) that can give a recoil T (MeV) on the
/// nucleus, i.e. the lower end of {E : T_min(E) ≤ T ≤ T_max(E)}. Optional: without it the engine finds it by
/// root finding on <see cref="RecoilLimit"/>.
/// </summary>
public delegate double MinimumNeutrinoEnergy(double recoilEnergy, Nucleus nucleus);

/// <summary>Unit conversions at the edge of the rate engine.</summary>
public static class RateUnits
{
    /// <summary>1 MeV⁻² in cm² ((ħc)², from <c>NuDM.Physics.Constants.InvMeV2_cm2</c>).</summary>
    public static double Cm2PerInverseMeV2 => NuDM.Physics.Constants.InvMeV2_cm2;

    /// <summary>
    /// Wraps a cross section given in cm²/MeV as the engine's natural-unit <see cref="DifferentialCrossSection"/> (MeV⁻³).
    /// </summary>
    public static DifferentialCrossSection FromCm2PerMeV(DifferentialCrossSection cm2PerMeV)
    {
        ArgumentNullException.ThrowIfNull(cm2PerMeV);
        double inv = 1.0 / Cm2PerInverseMeV2;
        return (t, e, n) => cm2PerMeV(t, e, n) * inv;
    }
}
