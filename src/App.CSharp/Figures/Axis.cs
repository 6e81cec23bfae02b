using System.Globalization;

namespace NuDM.App.Figures;

/// <summary>
/// One axis of a panel: label, scale, limits and tick formatting. Immutable; use <c>with</c> to derive variants.
/// </summary>
/// <example>
/// <code>
/// var x = Axis.Log("m_{S} [MeV]", 0.1, 1000);          // fixed log limits
/// var y = Axis.Linear("N_{i}/N_{i}^{SM}") with { Max = 1.25 }; // automatic minimum, fixed maximum
/// </code>
/// </example>
public sealed record Axis
{
    private readonly double _padding = 0.05;

    /// <summary>The axis label, in <see cref="TextMarkup"/>; empty for none.</summary>
    public string Label { get; init; } = "";

    /// <summary>Linear or log10 scale.</summary>
    public ScaleKind Scale { get; init; } = ScaleKind.Linear;

    /// <summary>Fixed lower limit, or null to derive it from the data (see <see cref="AutoLimits"/>). Must be positive on a log axis.</summary>
    public double? Min { get; init; }

    /// <summary>Fixed upper limit, or null to derive it from the data (see <see cref="AutoLimits"/>). Must be positive on a log axis.</summary>
    public double? Max { get; init; }

    /// <summary>How automatic limits follow the data. Default <see cref="Figures.AutoLimits.Nice"/>.</summary>
    public AutoLimits AutoLimits { get; init; } = AutoLimits.Nice;

    /// <summary>
    /// For <see cref="Figures.AutoLimits.Padded"/>: the fraction of the data range (of the range in decades on log axes)
    /// added on each automatic side. Default 0.05; finite and non-negative.
    /// </summary>
    public double Padding
    {
        get => _padding;
        init => _padding = double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentException($"Axis.Padding must be finite and non-negative; got {value.ToString("R", CultureInfo.InvariantCulture)}.", nameof(Padding));
    }

    /// <summary>On a linear axis with an automatic limit, extend the range to include zero (for spectra and histograms).</summary>
    public bool IncludeZero { get; init; }

    /// <summary>
    /// A .NET numeric format string for tick labels (for example <c>"0.00"</c> or <c>"G3"</c>), applied with the invariant culture;
    /// null for automatic labels (decimals from the tick step; decades as 10^{n} on log axes).
    /// </summary>
    public string? TickFormat { get; init; }

    /// <summary>A linear axis.</summary>
    /// <param name="label">Axis label in <see cref="TextMarkup"/>.</param>
    /// <param name="min">Fixed lower limit, or null for automatic.</param>
    /// <param name="max">Fixed upper limit, or null for automatic.</param>
    public static Axis Linear(string label = "", double? min = null, double? max = null) =>
        new() { Label = label, Scale = ScaleKind.Linear, Min = min, Max = max };

    /// <summary>A log10 axis.</summary>
    /// <param name="label">Axis label in <see cref="TextMarkup"/>.</param>
    /// <param name="min">Fixed positive lower limit, or null for automatic.</param>
    /// <param name="max">Fixed positive upper limit, or null for automatic.</param>
    public static Axis Log(string label = "", double? min = null, double? max = null) =>
        new() { Label = label, Scale = ScaleKind.Log10, Min = min, Max = max };

    /// <summary>Checks the rules that the init setters cannot check alone (they depend on each other).</summary>
    /// <param name="where">Names the axis in the message, e.g. <c>panel 0 ('Ratio') x axis</c>.</param>
    /// <param name="paramName">The parameter name carried by the exception.</param>
    internal void Validate(string where, string paramName)
    {
        static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        if (Min is { } lo && !double.IsFinite(lo))
            throw new ArgumentException($"{where}: Min must be finite; got {F(lo)}.", paramName);
        if (Max is { } hi && !double.IsFinite(hi))
            throw new ArgumentException($"{where}: Max must be finite; got {F(hi)}.", paramName);
        foreach (var (name, limit) in new[] { ("Min", Min), ("Max", Max) })
        {
            if (limit is { } v && (Math.Abs(v) > Ticks.MaxMagnitude || (Scale == ScaleKind.Log10 && v > 0 && v < Ticks.MinLog)))
                throw new ArgumentException($"{where}: {name} = {F(v)} is outside the supported range (magnitudes 1e-300 to 1e300).", paramName);
        }
        if (Scale == ScaleKind.Log10)
        {
            if (Min is { } l && l <= 0)
                throw new ArgumentException($"{where}: a log axis needs a positive fixed Min; got {F(l)}.", paramName);
            if (Max is { } h && h <= 0)
                throw new ArgumentException($"{where}: a log axis needs a positive fixed Max; got {F(h)}.", paramName);
        }
        if (Min is { } a && Max is { } b && !(a < b))
            throw new ArgumentException($"{where}: fixed Min ({F(a)}) must be less than fixed Max ({F(b)}).", paramName);
        if (TickFormat is { } fmt)
        {
            try { _ = 1.5.ToString(fmt, CultureInfo.InvariantCulture); }
            catch (FormatException)
            {
                throw new ArgumentException($"{where}: TickFormat '{fmt}' is not a valid numeric format string.", paramName);
            }
        }
    }
}
