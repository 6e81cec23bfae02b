namespace NuDM.App.Cosmology;

/// <summary>Argument checks with messages that name the parameter and its allowed range (never a NaN downstream).</summary>
internal static class Guard
{
    /// <summary>Requires a finite value &gt; 0.</summary>
    public static double Positive(double value, string name, string unit = "MeV")
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and > 0 ({unit}); allowed range (0, +inf)");
        return value;
    }

    /// <summary>Requires a finite value ≥ 0.</summary>
    public static double NonNegative(double value, string name, string unit = "MeV")
    {
        if (!(value >= 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and >= 0 ({unit}); allowed range [0, +inf)");
        return value;
    }

    /// <summary>Requires a finite value in [lo, hi].</summary>
    public static double InRange(double value, double lo, double hi, string name, string unit = "")
    {
        if (!(value >= lo && value <= hi))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{lo:G6}, {hi:G6}]{(unit.Length > 0 ? " " + unit : "")}");
        return value;
    }

    /// <summary>
    /// Checks a value returned by a user delegate (a cross section, a rate): it must be finite and ≥ 0.
    /// </summary>
    public static double DelegateResult(double value, string what, double at, string atName = "T", string atUnit = "MeV")
    {
        if (!(value >= 0) || !double.IsFinite(value))
            throw new ArgumentException(
                $"{what} returned {value:R} at {atName} = {at:G6} {atUnit}; it must be finite and >= 0");
        return value;
    }
}
