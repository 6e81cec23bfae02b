using System.Globalization;
using System.Text;

namespace NuDM.App.Figures;

/// <summary>Low-level helpers for writing SVG text deterministically.</summary>
internal static class Svg
{
    /// <summary>Namespace of the metadata attributes (<c>nudm:kind</c>, <c>nudm:label</c>, …) that tag figure elements.</summary>
    public const string MetaNamespace = "urn:nudm:figure";

    /// <summary>Appends <paramref name="text"/> escaped for XML character data and attribute values; characters not allowed in XML become U+FFFD.</summary>
    public static void AppendEscaped(StringBuilder sb, string? text)
    {
        if (text is null) return;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                case '\t': sb.Append("&#9;"); break;
                case '\n': sb.Append("&#10;"); break;
                case '\r': sb.Append("&#13;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if (c < 0x20 || char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF')
                    {
                        sb.Append('\uFFFD');
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
    }

    /// <summary>The text escaped for XML.</summary>
    public static string Escape(string? text)
    {
        var sb = new StringBuilder();
        AppendEscaped(sb, text);
        return sb.ToString();
    }

    /// <summary>
    /// A coordinate or length with at most two decimals, invariant culture, no exponent, no negative zero.
    /// Non-finite values (which the renderer never passes) are written as 0 so that no "NaN" can reach the file.
    /// </summary>
    public static string Num(double v)
    {
        if (!double.IsFinite(v)) return "0";
        var r = Math.Round(v, 2, MidpointRounding.AwayFromZero);
        if (r == 0) return "0";
        return r.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Appends <see cref="Num"/> of <paramref name="v"/>.</summary>
    public static StringBuilder AppendNum(this StringBuilder sb, double v) => sb.Append(Num(v));

    /// <summary>Appends <c> name="value"</c> with the value escaped.</summary>
    public static StringBuilder Attr(this StringBuilder sb, string name, string? value)
    {
        sb.Append(' ').Append(name).Append("=\"");
        AppendEscaped(sb, value);
        return sb.Append('"');
    }

    /// <summary>Appends <c> name="number"</c>.</summary>
    public static StringBuilder Attr(this StringBuilder sb, string name, double value) =>
        sb.Append(' ').Append(name).Append("=\"").Append(Num(value)).Append('"');

    /// <summary>An opacity in [0, 1] with three decimals.</summary>
    public static string Opacity(double v) =>
        Math.Clamp(double.IsFinite(v) ? v : 1, 0, 1).ToString("0.###", CultureInfo.InvariantCulture);
}
