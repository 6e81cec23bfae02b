namespace NuDM.App.Cli;

/// <summary>
/// Bad input from a user: the message names the parameter and the allowed range. The command line prints it
/// (no stack trace) and exits with code 2.
/// </summary>
public class UserInputException(string message) : Exception(message);

/// <summary>Argument checks that raise <see cref="UserInputException"/> with the parameter and allowed range.</summary>
public static class Require
{
    /// <summary>Requires a finite value &gt; 0.</summary>
    public static double Positive(string parameter, double value, string unit = "")
    {
        if (!double.IsFinite(value) || value <= 0)
            throw new UserInputException($"{parameter} must be a finite number > 0{Unit(unit)}, got {Numbers.Exact(value)}");
        return value;
    }

    /// <summary>Requires a finite value ≥ 0.</summary>
    public static double NonNegative(string parameter, double value, string unit = "")
    {
        if (!double.IsFinite(value) || value < 0)
            throw new UserInputException($"{parameter} must be a finite number ≥ 0{Unit(unit)}, got {Numbers.Exact(value)}");
        return value;
    }

    /// <summary>Requires lo ≤ value ≤ hi.</summary>
    public static double InRange(string parameter, double value, double lo, double hi, string unit = "")
    {
        if (!double.IsFinite(value) || value < lo || value > hi)
            throw new UserInputException($"{parameter} must be in [{Numbers.Exact(lo)}, {Numbers.Exact(hi)}]{Unit(unit)}, got {Numbers.Exact(value)}");
        return value;
    }

    /// <summary>Requires an integer in [lo, hi].</summary>
    public static int InRange(string parameter, int value, int lo, int hi)
    {
        if (value < lo || value > hi)
            throw new UserInputException($"{parameter} must be an integer in [{lo}, {hi}], got {value}");
        return value;
    }

    private static string Unit(string unit) => unit.Length == 0 ? "" : " " + unit;
}
