namespace NuDM.App.Constraints;

/// <summary>
/// A constraint curve for the combined figures: <paramref name="X"/> (unit <paramref name="XUnit"/>) against the
/// largest allowed <paramref name="Y"/> (unit <paramref name="YUnit"/>; NaN where there is no constraint).
/// <paramref name="Source"/> names the equation and data; a curve built from a placeholder input has
/// <paramref name="IsPlaceholder"/> set and is dropped by <see cref="ConstraintCurves.ForFigures"/>.
/// </summary>
public sealed record ConstraintCurve(string Label, string XUnit, double[] X, string YUnit, double[] Y, string Source, bool IsPlaceholder = false);

/// <summary>Helpers shared by the constraint curves.</summary>
public static class ConstraintCurves
{
    /// <summary>The curves that may be drawn in a figure: placeholders (no published input behind them) are removed.</summary>
    public static IReadOnlyList<ConstraintCurve> ForFigures(IEnumerable<ConstraintCurve> curves) =>
        curves.Where(c => !c.IsPlaceholder).ToList();
}
