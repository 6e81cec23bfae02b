using NuDM.App.Cosmology;

namespace NuDM.App.Tests.Cosmology;

/// <summary>
/// Placeholder thermal cross sections for the three channels of seed 001 eq. (4.2), of the right order in the coupling
/// and masses, used by the solver tests (a test fixture: the program itself uses the kernel's derived σ(s) of each channel). They are NOT the
/// model's cross sections: all three are s-wave constants (no thermal average, no phase-space or resonance structure).
/// Units: masses in MeV, ⟨σv⟩ in MeV⁻².
/// </summary>
public static class Seed001StandIns
{
    /// <summary>χχ̄ → νν̄ by t-channel S exchange: y⁴ m_χ²/(16π (m_χ² + m_S²)²).</summary>
    public static double ChiChiToNuNu(double y, double mChi, double mS) =>
        Math.Pow(y, 4) * mChi * mChi / (16 * Math.PI * Math.Pow(mChi * mChi + mS * mS, 2));

    /// <summary>SS → νν̄ by t-channel χ exchange: the same order, y⁴ m_χ²/(16π (m_χ² + m_S²)²).</summary>
    public static double SSToNuNu(double y, double mChi, double mS) => ChiChiToNuNu(y, mChi, mS);

    /// <summary>SS → χχ̄ (exothermic for m_S &gt; m_χ) by t-channel ν exchange: y⁴/(16π m_S²) √(1 − m_χ²/m_S²).</summary>
    public static double SSToChiChi(double y, double mChi, double mS) =>
        mS <= mChi ? 0 : Math.Pow(y, 4) / (16 * Math.PI * mS * mS) * Math.Sqrt(1 - mChi * mChi / (mS * mS));

    /// <summary>The seed-001 model with the stand-in channels and the seed's width Γ_S = y² m_S/(8π).</summary>
    /// <param name="y">y_χ.</param>
    /// <param name="mChi">m_χ in MeV.</param>
    /// <param name="mS">m_S in MeV.</param>
    public static TwoSpeciesModel Model(double y, double mChi, double mS)
    {
        double a = ChiChiToNuNu(y, mChi, mS), b = SSToNuNu(y, mChi, mS), c = SSToChiChi(y, mChi, mS);
        return new TwoSpeciesModel
        {
            ChiMass = mChi,
            MediatorMass = mS,
            MediatorWidth = TwoSpeciesModel.Seed001Width(y, mS),
            ChiChiToNuNu = _ => a,
            SSToNuNu = _ => b,
            Conversion = _ => c,
            ConversionGivenAs = ConversionDirection.SSToChiChi,
        };
    }
}
