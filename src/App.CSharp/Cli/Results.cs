using System.Globalization;

namespace NuDM.App.Cli;

/// <summary>
/// A computed number that is not finite (or not positive where it must be) reached the output: never printed. Valid
/// inputs that lie at a physical edge are refused earlier, with their reason (<see cref="OutsideValidityException"/>);
/// so this is a bug, and the command line reports it as an internal error (exit code 1) naming the computation, the
/// quantity and the inputs.
/// </summary>
public sealed class NonFiniteResultException(string computation, string quantity, double value, string inputs)
    : Exception($"{computation}: {quantity} came out {value.ToString("R", CultureInfo.InvariantCulture)} for {inputs}")
{
    /// <summary>The command or computation, e.g. "xsec".</summary>
    public string Computation { get; } = computation;
    /// <summary>The quantity, e.g. "dσ/dT νN → χN".</summary>
    public string Quantity { get; } = quantity;
    /// <summary>The offending value.</summary>
    public double Value { get; } = value;
    /// <summary>The inputs, as the user gave them.</summary>
    public string Inputs { get; } = inputs;
}

/// <summary>
/// The output boundary of a command: every number a command prints (terminal tables, messages, CSV cells) goes through
/// one of these methods. A required value must be finite; an optional one may be NaN, which means "no value" (no
/// constraint, not applicable) and becomes an empty CSV cell or "—" in a terminal table; infinities are never printed.
/// Numbers are formatted with the invariant culture.
/// </summary>
/// <param name="computation">What is computed (the command), named in errors.</param>
/// <param name="inputs">The inputs as the user gave them, named in errors.</param>
public sealed class Results(string computation, string inputs)
{
    /// <summary>What a terminal table shows for a missing value.</summary>
    public const string Missing = "—";

    /// <summary>The computation named in errors.</summary>
    public string Computation { get; } = computation;

    /// <summary>The inputs named in errors.</summary>
    public string Inputs { get; } = inputs;

    /// <summary>A value that must be finite.</summary>
    public double Value(double v, string quantity) =>
        double.IsFinite(v) ? v : throw new NonFiniteResultException(Computation, quantity, v, Inputs);

    /// <summary>A value that must be finite and &gt; 0 (a rate, a temperature, a limit).</summary>
    public double Positive(double v, string quantity) =>
        double.IsFinite(v) && v > 0 ? v : throw new NonFiniteResultException(Computation, quantity + " (must be > 0)", v, Inputs);

    /// <summary>A value that may be absent: NaN gives null (an empty CSV cell); ±∞ is refused.</summary>
    public double? Optional(double v, string quantity) => double.IsNaN(v) ? null : Value(v, quantity);

    /// <summary>A required value formatted for the terminal (<paramref name="format"/> as in <see cref="double.ToString(string)"/>).</summary>
    public string Text(double v, string? format, string quantity) => Value(v, quantity).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>An optional value formatted for the terminal, "—" when absent.</summary>
    public string OptionalText(double v, string? format, string quantity) =>
        Optional(v, quantity) is double x ? x.ToString(format, CultureInfo.InvariantCulture) : Missing;

    /// <summary>An input echoed back (already validated) in invariant notation.</summary>
    public static string Echo(double v, string? format = null) => v.ToString(format, CultureInfo.InvariantCulture);
}
