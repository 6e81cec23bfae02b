using NuDM.Physics;

namespace NuDM.App.Cosmology;

/// <summary>
/// Couplings of the X–φ–ν model (seed 000 eq. 1) used by the combined constraint figures: the proton coupling from a
/// universal quark coupling (seed 000 eqs. 8–9), σ_NC ↔ couplings (sec. VII), and the kinetic-decoupling bound in both
/// planes. Masses in MeV, cross sections in cm².
/// </summary>
public static class ModelConstraints
{
    private static readonly Func<double, double, double, double> CouplingFromCrossSection = CosmologyFormulas.CouplingFromCrossSection; // (σ_y, σ₁, n)

    /// <summary>E787/E949 bound on a universal quark coupling, seed 000 eq. (2).</summary>
    public const double KaonBoundYq = 1.58e-4;

    /// <summary>y_p = (y_p/y_q) y_q for a universal quark coupling (Hoferichter et al. f_Tq, PDG 2018 masses, heavy quarks included).</summary>
    public static double ProtonCoupling(double yq) => Couplings.UniversalRatio(Nucleon.Proton, QuarkMassSet.PDG2018, true) * yq;

    /// <summary>σ_NC = y_X² y_p² m_X²/(16π m_φ⁴) (seed 000 sec. VII), cm².</summary>
    public static double SigmaNC(double yX, double yp, double mX, double mPhi) => Couplings.SigmaNC_cm2(yX, yp, mX, mPhi);

    /// <summary>The y_X at which σ_NC reaches a bound σ (cm²) for given y_p: y_X = sqrt(σ 16π m_φ⁴/(y_p² m_X²)).</summary>
    public static double YXFromSigmaNC(double sigmaCm2, double yp, double mX, double mPhi)
    {
        if (!(sigmaCm2 > 0)) return double.NaN;
        var unit = Couplings.SigmaNC_cm2(1.0, yp, mX, mPhi); // σ_NC at y_X = 1
        return CouplingFromCrossSection(sigmaCm2, unit, 2); // σ_NC ∝ y_X²
    }

    /// <summary>The kinetic-decoupling bound on y_X (Lyman-α: T_KD &gt; 1.41 keV) at m_X and r = m_φ/m_X.</summary>
    public static double KineticDecouplingYX(double mX, double r) => KernelCosmology.LymanAlphaCouplingBound(mX, r);

    /// <summary>The kinetic-decoupling bound in the σ_NC plane with y_q at the kaon bound (seed 000 Fig. 2 caption).</summary>
    public static double KineticDecouplingSigmaNC(double mX, double r)
    {
        double y = KineticDecouplingYX(mX, r);
        if (double.IsPositiveInfinity(y) || double.IsNaN(y)) return double.NaN;
        return SigmaNC(y, ProtonCoupling(KaonBoundYq), mX, r * mX);
    }
}
