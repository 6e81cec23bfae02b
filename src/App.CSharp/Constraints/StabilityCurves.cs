using NuDM.Physics;

namespace NuDM.App.Constraints;

/// <summary>
/// The DM-stability bound of seed 000 eq. (4) (derived from eq. (3) in the kernel: <c>Decays.stabilityBoundFormula</c>,
/// proof decay.stability-scaling) as curves y_X,max(m_X) at fixed y_q and r = m_φ/m_X, and the sterile-neutrino X-ray
/// recast of seed 000 sec. II.A. No X-ray bound on sin²2θ(m) was found as public numbers (data/constraints/README.md),
/// so only the recast is provided: the user supplies the bound.
/// </summary>
public static class StabilityCurves
{
    private static readonly Lazy<Func<double, double, double>> Stability = new(() => Decays.StabilityBoundFormula().Compile2());
    private static readonly Lazy<Func<double, double, double, double>> Sterile = new(() => Decays.SterileMixingEquivalentFormula().Compile3());

    private static void Positive(string name, double x, string unit)
    {
        if (!(x > 0) || !double.IsFinite(x)) throw new ArgumentOutOfRangeException(name, x, $"{name} must be a finite number > 0{unit}");
    }

    /// <summary>The largest y_X y_q with Γ(X → νγ) ≤ 1/t_U at m_X (MeV) and r = m_φ/m_X (seed 000 eq. 4, derived).</summary>
    public static double ProductMax(double mX, double r)
    {
        Positive(nameof(mX), mX, " MeV");
        Positive(nameof(r), r, "");
        return Stability.Value(mX, r);
    }

    /// <summary>y_X,max = (y_X y_q)_max / y_q at m_X (MeV), fixed y_q and r.</summary>
    public static double YXMax(double mX, double yq, double r)
    {
        Positive(nameof(yq), yq, "");
        return ProductMax(mX, r) / yq;
    }

    /// <summary>The stability curve y_X,max(m_X) at fixed y_q and r, for the combined y_X–m_X figures.</summary>
    public static ConstraintCurve YXCurve(double[] mX, double yq, double r)
    {
        ArgumentNullException.ThrowIfNull(mX);
        return new ConstraintCurve($"DM stability (y_q = {yq:G3}, r = {r:G3})", "MeV", (double[])mX.Clone(), "1",
            mX.Select(m => YXMax(m, yq, r)).ToArray(), "seed 000 eq. (4), derived from eq. (3) (t_U = 13.787 Gyr)");
    }

    /// <summary>sin²2θ with the same X → νγ rate: y_X² y_q²/(m_φ⁴ G_F²) (seed 000 sec. II.A; m_φ in MeV).</summary>
    public static double SterileMixingEquivalent(double yX, double yq, double mPhi)
    {
        Positive(nameof(yX), yX, "");
        Positive(nameof(yq), yq, "");
        Positive(nameof(mPhi), mPhi, " MeV");
        return Sterile.Value(yX, yq, mPhi);
    }

    /// <summary>
    /// The recast: the largest y_X allowed by an X-ray bound sin²2θ ≤ <paramref name="sin2TwoThetaMax"/> at the DM mass,
    /// for fixed y_q and m_φ (MeV). Uses sin²2θ_equiv ∝ y_X²: y_X,max = sqrt(bound / sin²2θ_equiv(y_X = 1)).
    /// </summary>
    public static double YXFromSterileMixing(double sin2TwoThetaMax, double yq, double mPhi)
    {
        Positive(nameof(sin2TwoThetaMax), sin2TwoThetaMax, "");
        return Math.Sqrt(sin2TwoThetaMax / SterileMixingEquivalent(1.0, yq, mPhi));
    }
}
