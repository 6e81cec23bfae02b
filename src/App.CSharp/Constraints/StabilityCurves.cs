using NuDM.Physics;

namespace NuDM.App.Constraints;

/// <summary>
/// The DM-stability bound of seed 000 eq. (4) (derived from eq. (3) in the kernel: <see cref="StabilityBounds"/>,
/// proofs decay.stability-scaling and stab.*) as curves y_X,max(m_X) at fixed y_q and r = m_φ/m_X, and the
/// sterile-neutrino X-ray recast of seed 000 sec. II.A (solved for y_X by the kernel). No X-ray bound on sin²2θ(m) was
/// found as public numbers (data/constraints/README.md), so only the recast is provided: the user supplies the bound.
/// Bad input raises ArgumentOutOfRangeException naming the parameter and its range.
/// </summary>
public static class StabilityCurves
{
    /// <summary>The largest y_X y_q with Γ(X → νγ) ≤ 1/t_U at m_X (MeV) and r = m_φ/m_X (seed 000 eq. 4, derived).</summary>
    public static double ProductMax(double mX, double r) => StabilityBounds.ProductMax(mX, r);

    /// <summary>y_X,max = (y_X y_q)_max / y_q at m_X (MeV), fixed y_q and r.</summary>
    public static double YXMax(double mX, double yq, double r) => StabilityBounds.CouplingMax(mX, yq, r);

    /// <summary>The stability curve y_X,max(m_X) at fixed y_q and r, for the combined y_X–m_X figures.</summary>
    public static ConstraintCurve YXCurve(double[] mX, double yq, double r)
    {
        ArgumentNullException.ThrowIfNull(mX);
        return new ConstraintCurve($"DM stability (y_q = {yq:G3}, r = {r:G3})", "MeV", (double[])mX.Clone(), "1",
            mX.Select(m => YXMax(m, yq, r)).ToArray(), "seed 000 eq. (4), derived from eq. (3) (t_U = 13.787 Gyr)");
    }

    /// <summary>sin²2θ with the same X → νγ rate: y_X² y_q²/(m_φ⁴ G_F²) (seed 000 sec. II.A; m_φ in MeV).</summary>
    public static double SterileMixingEquivalent(double yX, double yq, double mPhi) => StabilityBounds.SterileMixingEquivalent(yX, yq, mPhi);

    /// <summary>
    /// The recast: the largest y_X allowed by an X-ray bound sin²2θ ≤ <paramref name="sin2TwoThetaMax"/> at the DM mass,
    /// for fixed y_q and m_φ (MeV): the positive root of sin²2θ_equiv(y_X) = bound.
    /// </summary>
    public static double YXFromSterileMixing(double sin2TwoThetaMax, double yq, double mPhi) =>
        StabilityBounds.CouplingFromSterileMixing(sin2TwoThetaMax, yq, mPhi);
}
