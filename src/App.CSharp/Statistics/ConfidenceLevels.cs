using MathNet.Numerics.Distributions;

namespace NuDM.App.Statistics;

/// <summary>Δχ² thresholds from the χ² distribution (Wilks' theorem), via MathNet's ChiSquared.InvCDF.</summary>
public static class ConfidenceLevels
{
    /// <summary>90 % confidence level.</summary>
    public const double Ninety = 0.90;

    /// <summary>Δχ² for confidence level <paramref name="level"/> ∈ (0, 1) and <paramref name="dof"/> ≥ 1 degrees of freedom (90 %: 2.706 for 1 dof, 4.605 for 2).</summary>
    public static double DeltaChiSquare(double level, int dof)
    {
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "confidence level must be in (0, 1)");
        if (dof < 1) throw new ArgumentOutOfRangeException(nameof(dof), dof, "degrees of freedom must be ≥ 1");
        return ChiSquared.InvCDF(dof, level);
    }
}
