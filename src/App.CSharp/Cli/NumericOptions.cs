using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NuDM.App.Cli;

/// <summary>
/// Builds numeric options with their physical range attached. Values are read in the invariant culture and strictly:
/// digits with an optional decimal point and exponent (1.5, -2, 3e-4). A decimal comma, group separators, NaN,
/// ±Infinity, hexadecimal and anything else are parse errors naming the option; so is a value outside the range
/// (message: option, value, range, unit, reason). The command line turns parse errors into exit code 2.
/// </summary>
public static class NumericOption
{
    private static readonly Regex Whole = new(@"^[+-]?\d+$", RegexOptions.CultureInvariant);

    /// <summary>A required option (no default).</summary>
    public static Option<double> Required(string name, string description, PhysicalRange range)
    {
        var o = new Option<double>(name) { Description = Describe(description, range), Required = true };
        o.CustomParser = r => Parse(r, name, range) ?? 0.0;
        return o;
    }

    /// <summary>An option with a default value (which must lie in the range).</summary>
    public static Option<double> WithDefault(string name, string description, PhysicalRange range, double defaultValue)
    {
        if (!range.Contains(defaultValue))
            throw new ArgumentOutOfRangeException(nameof(defaultValue), defaultValue, $"the default of {name} must lie in {range}");
        var o = new Option<double>(name)
        {
            Description = Describe(description, range), // System.CommandLine shows the default
            DefaultValueFactory = _ => defaultValue,
        };
        o.CustomParser = r => r.Tokens.Count == 0 ? defaultValue : Parse(r, name, range) ?? defaultValue;
        return o;
    }

    /// <summary>An option that may be absent (null).</summary>
    public static Option<double?> Optional(string name, string description, PhysicalRange range)
    {
        var o = new Option<double?>(name) { Description = Describe(description, range) };
        o.CustomParser = r => r.Tokens.Count == 0 ? null : Parse(r, name, range);
        return o;
    }

    /// <summary>An integer option with a default value.</summary>
    public static Option<int> Integer(string name, string description, IntegerRange range, int defaultValue)
    {
        if (defaultValue < range.Min || defaultValue > range.Max)
            throw new ArgumentOutOfRangeException(nameof(defaultValue), defaultValue, $"the default of {name} must lie in {range}");
        var o = new Option<int>(name)
        {
            Description = $"{description}; an integer in {range}",
            DefaultValueFactory = _ => defaultValue,
        };
        o.CustomParser = r =>
        {
            if (r.Tokens.Count == 0) return defaultValue;
            var text = r.Tokens[0].Value.Trim();
            if (!Whole.IsMatch(text) || !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            {
                r.AddError($"{name}: '{r.Tokens[0].Value}' is not a whole number (write e.g. 40; no separators or decimals)");
                return defaultValue;
            }
            if (v < range.Min || v > range.Max)
            {
                r.AddError($"{name} = {v} is outside its range {range}: {range.Why}");
                return defaultValue;
            }
            return v;
        };
        return o;
    }

    /// <summary>Reads a number strictly (see <see cref="NumberText.TryParse"/>).</summary>
    public static bool TryParse(string text, out double value, out string problem) => NumberText.TryParse(text, out value, out problem);

    private static double? Parse(ArgumentResult r, string name, PhysicalRange range)
    {
        if (r.Tokens.Count != 1)
        {
            r.AddError($"{name} takes one number");
            return null;
        }
        if (!TryParse(r.Tokens[0].Value, out var v, out var problem))
        {
            r.AddError($"{name}: {problem}");
            return null;
        }
        if (!range.Contains(v))
        {
            r.AddError(range.Refusal(name, v));
            return null;
        }
        return v;
    }

    private static string Describe(string description, PhysicalRange range) => $"{description}; range {range}";
}

/// <summary>Refusals of option combinations that would otherwise be silently ignored (parse errors, exit code 2).</summary>
public static class OptionRules
{
    /// <summary>True when the option was given on the command line (not just defaulted).</summary>
    public static bool Given(CommandResult r, Option option) => r.GetResult(option) is { Implicit: false };

    /// <summary>The option's value, or default when it is absent or has a parse error (reported on its own).</summary>
    public static T? ValueOrDefault<T>(CommandResult r, Option<T> option)
    {
        try { return r.GetValue(option); }
        catch (InvalidOperationException) { return default; }
    }

    /// <summary>Refuses <paramref name="a"/> together with <paramref name="b"/>.</summary>
    public static void Exclusive(Command command, Option a, Option b, string why) =>
        command.Validators.Add(r =>
        {
            if (Given(r, a) && Given(r, b)) r.AddError($"{a.Name} and {b.Name} cannot be combined: {why}");
        });

    /// <summary>Refuses <paramref name="dependent"/> without <paramref name="required"/>.</summary>
    public static void Requires(Command command, Option dependent, Option required, string why) =>
        command.Validators.Add(r =>
        {
            if (Given(r, dependent) && !Given(r, required)) r.AddError($"{dependent.Name} needs {required.Name}: {why}");
        });
}
