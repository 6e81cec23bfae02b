using System.Globalization;
using System.Text.RegularExpressions;

namespace NuDM.App;

/// <summary>Numbers as users write them (options, scan specs): one strict reader for every layer.</summary>
public static class NumberText
{
    private static readonly Regex Decimal = new(@"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Reads a number strictly (invariant culture, no decimal comma, group separators, NaN, infinities or hex). Returns
    /// false with the reason in <paramref name="problem"/>.
    /// </summary>
    public static bool TryParse(string text, out double value, out string problem)
    {
        value = double.NaN;
        var t = text.Trim();
        if (!Decimal.IsMatch(t))
        {
            problem = t.Contains(',')
                ? $"'{text}' contains a comma: write numbers with a decimal point and without group separators (1.5, 1500, 2e-3)"
                : $"'{text}' is not a number (write e.g. 1.5, 40 or 2e-3; NaN, Infinity, hexadecimal and group separators are not accepted)";
            return false;
        }
        value = double.Parse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            problem = $"'{text}' is too large for a double";
            return false;
        }
        problem = "";
        return true;
    }

}
