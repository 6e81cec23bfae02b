using NuDM.Physics;

namespace NuDM.App.Detection;

/// <summary>
/// κ(m_X, m_N, r) = σv(X N → ν N at rest)/(A² σ_NC), derived from the amplitude in NuDM.Physics.Amplitudes: the factor
/// between seed 000's σ_NC (its sec. VII definition, the quantity plotted) and the physical down-scattering rate per
/// target (→ 4 (r²/(r² + 1))² for heavy targets; proof dd.sigma-nc-normalisation).
/// </summary>
public static class ConversionFactor
{
    private static readonly Lazy<Func<double, double, double, double>> Kappa = new(() => Amplitudes.ConversionFactorFormula().Compile3());

    /// <summary>κ for m_X, m_N in MeV and r = m_φ/m_X (r = ∞ allowed: the heavy-mediator limit).</summary>
    public static double At(double mX, double mN, double mediatorRatio)
    {
        if (!(mediatorRatio > 0)) throw new ArgumentOutOfRangeException(nameof(mediatorRatio), mediatorRatio, "r = m_φ/m_X must be > 0");
        return Kappa.Value(mX, mN, double.IsPositiveInfinity(mediatorRatio) ? 1e9 : mediatorRatio);
    }
}
