using NuDM.Physics;

namespace NuDM.App.Constraints;

/// <summary>The X-ray recast at one mass: y_X &lt; <paramref name="YXMax"/> from the X-ray limit <paramref name="Bound"/>.</summary>
/// <param name="MassMeV">m_X in MeV.</param>
/// <param name="YXMax">The largest y_X allowed (seed 000 sec. II.A solved for y_X).</param>
/// <param name="Bound">The strongest X-ray limit on sin²2θ at m_X and its publication.</param>
public sealed record XrayRecast(double MassMeV, double YXMax, XrayBound Bound);

/// <summary>
/// The DM-stability bound of seed 000 eq. (4) (derived from eq. (3) in the kernel: <see cref="StabilityBounds"/>,
/// proofs decay.stability-scaling and stab.*) as curves y_X,max(m_X) at fixed y_q and r = m_φ/m_X, and the
/// sterile-neutrino X-ray recast of seed 000 sec. II.A (solved for y_X by the kernel), either of a given bound on sin²2θ
/// or of the strongest published X-ray limit at each mass (<see cref="XrayMixingLimits"/>, data/constraints/xray_sterile).
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

    /// <summary>
    /// The recast of the strongest published X-ray limit at m_X (MeV), for fixed y_q and r = m_φ/m_X: y_X,max with
    /// sin²2θ_equiv(y_X, y_q, r m_X) = the envelope's sin²2θ at m_X (m_s ≡ m_X: both lines sit at E_γ = m/2), and the
    /// limit used; null where no X-ray limit covers m_X ("no constraint", never extrapolated).
    /// </summary>
    public static XrayRecast? YXFromXrayLimits(double mX, double yq, double r)
    {
        if (!(r > 0) || !double.IsFinite(r)) throw new ArgumentOutOfRangeException(nameof(r), r, "r = m_phi/m_X must be a finite number > 0");
        if (XrayMixingLimits.Strongest(mX) is not XrayBound b) return null;
        return new XrayRecast(mX, YXFromSterileMixing(b.Sin2TwoThetaMax, yq, r * mX), b);
    }

    /// <summary>
    /// The X-ray recast curve y_X,max(m_X) at fixed y_q and r, at the masses where an X-ray limit covers m_X (the others
    /// are left out: no constraint there), labelled with the publications that are the strongest at those masses.
    /// </summary>
    public static ConstraintCurve XrayRecastCurve(double[] mX, double yq, double r)
    {
        ArgumentNullException.ThrowIfNull(mX);
        var points = mX.Select(m => (m, Recast: YXFromXrayLimits(m, yq, r))).Where(p => p.Recast is not null).ToArray();
        var sources = points.Select(p => p.Recast!.Bound.Source).Distinct().ToArray();
        return new ConstraintCurve(
            sources.Length == 0 ? "X-ray recast (no X-ray limit at these masses)" : "X-ray recast: " + string.Join(", ", sources.Select(s => s.Label)),
            "MeV", points.Select(p => p.m).ToArray(), "1", points.Select(p => p.Recast!.YXMax).ToArray(),
            "seed 000 sec. II.A, y_q² y_X²/(m_φ⁴ G_F²) ≤ sin²2θ with " +
            (sources.Length == 0 ? "no X-ray limit" : string.Join("; ", sources.Select(s => $"{s.Label}, {s.Reference}"))));
    }
}
