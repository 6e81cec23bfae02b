using System.Text;

namespace NuDM.App.Figures;

/// <summary>
/// The tiny label markup used by every text in a figure (titles, axis labels, legend entries, annotations).
/// </summary>
/// <remarks>
/// <para><c>_{…}</c> is a subscript and <c>^{…}</c> a superscript; groups nest (<c>e^{x_{1}}</c>).
/// Without braces only the next character is shifted (<c>m_X</c>, <c>x^2</c>).
/// <c>\_</c>, <c>\^</c>, <c>\{</c>, <c>\}</c> and <c>\\</c> stand for the literal characters.
/// Everything else, including any Unicode (χ, σ, ν, ×, −), passes through unchanged.</para>
/// <para>The markup is lenient and never throws: an unclosed group runs to the end of the text,
/// a stray <c>}</c> or a trailing <c>_</c>/<c>^</c> is kept as a literal character.</para>
/// <para>Examples: <c>m_{χ} [MeV]</c>, <c>σ_{NC} [cm^{2}]</c>, <c>10^{-5}</c>, <c>N_{i}/N_{i}^{SM}</c>.</para>
/// </remarks>
public static class TextMarkup
{
    /// <summary>One run of text at a script level.</summary>
    /// <param name="Text">The literal characters of the run.</param>
    /// <param name="Shift">The vertical shift of each nesting level from outside in: +1 superscript, −1 subscript; empty at the baseline.</param>
    internal sealed record Run(string Text, IReadOnlyList<int> Shift);

    /// <summary>Parses markup into runs of literal text, each with its stack of script shifts.</summary>
    internal static IReadOnlyList<Run> Parse(string? text)
    {
        var runs = new List<Run>();
        if (string.IsNullOrEmpty(text)) return runs;
        var shift = new List<int>();
        var braced = new List<bool>();
        var current = new StringBuilder();

        void Flush()
        {
            if (current.Length == 0) return;
            runs.Add(new Run(current.ToString(), shift.ToArray()));
            current.Clear();
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '_' or '^' or '{' or '}' or '\\')
            {
                current.Append(text[++i]);
            }
            else if ((c == '_' || c == '^') && i + 1 < text.Length)
            {
                var dir = c == '^' ? +1 : -1;
                Flush();
                if (text[i + 1] == '{')
                {
                    shift.Add(dir);
                    braced.Add(true);
                    i++;
                }
                else
                {
                    // Single character (a whole surrogate pair if it is one).
                    var len = char.IsHighSurrogate(text[i + 1]) && i + 2 < text.Length ? 2 : 1;
                    shift.Add(dir);
                    current.Append(text, i + 1, len);
                    Flush();
                    shift.RemoveAt(shift.Count - 1);
                    i += len;
                }
            }
            else if (c == '}' && braced.Count > 0)
            {
                Flush();
                shift.RemoveAt(shift.Count - 1);
                braced.RemoveAt(braced.Count - 1);
            }
            else
            {
                current.Append(c);
            }
        }
        Flush();
        return runs;
    }

    /// <summary>The text without markup (scripts inlined, escapes resolved): <c>m_{χ}</c> becomes <c>mχ</c>.</summary>
    public static string ToPlainText(string? text) => string.Concat(Parse(text).Select(r => r.Text));

    /// <summary>True when the markup contains any sub- or superscript.</summary>
    public static bool HasScripts(string? text) => Parse(text).Any(r => r.Shift.Count > 0);

    /// <summary>Scale of the font size for each script level.</summary>
    internal const double ScriptScale = 0.7;

    /// <summary>
    /// Rough rendered width of the markup in pixels at <paramref name="fontSize"/>, for layout only
    /// (average glyph width 0.6 em, scripts at <see cref="ScriptScale"/>).
    /// </summary>
    internal static double EstimateWidth(string? text, double fontSize)
    {
        double w = 0;
        foreach (var run in Parse(text))
        {
            var scale = Math.Pow(ScriptScale, run.Shift.Count);
            foreach (var rune in run.Text.EnumerateRunes())
                w += GlyphWidth(rune) * scale;
        }
        return w * fontSize;
    }

    private static double GlyphWidth(Rune r)
    {
        var c = r.Value;
        if (c is >= '0' and <= '9') return 0.64;
        if (c is ' ' or '.' or ',' or ':' or ';' or 'i' or 'j' or 'l' or 'I' or '|' or '\'' or '!') return 0.32;
        if (c is '(' or ')' or '[' or ']' or '/' or 'f' or 't' or 'r') return 0.40;
        if (c is 'm' or 'w' or 'M' or 'W') return 0.9;
        if (c is >= 'A' and <= 'Z') return 0.70;
        if (c == 0x2212 || c == '+' || c == '=' || c == '×' || c == '<' || c == '>') return 0.84;
        if (c > 0x2000) return 0.8;
        return 0.6;
    }

    /// <summary>
    /// Writes the markup as SVG character data: baseline text escaped, each script group as a
    /// <c>&lt;tspan baseline-shift="super|sub" font-size="70%"&gt;</c> (nested for nested groups).
    /// </summary>
    internal static void WriteSvg(StringBuilder sb, string? text)
    {
        var open = new List<int>();
        foreach (var run in Parse(text))
        {
            // Close the groups that this run does not share with the open ones, then open its own.
            var common = 0;
            while (common < open.Count && common < run.Shift.Count && open[common] == run.Shift[common]) common++;
            for (var k = open.Count; k > common; k--) sb.Append("</tspan>");
            open.RemoveRange(common, open.Count - common);
            for (var k = common; k < run.Shift.Count; k++)
            {
                sb.Append("<tspan baseline-shift=\"").Append(run.Shift[k] > 0 ? "super" : "sub").Append("\" font-size=\"70%\">");
                open.Add(run.Shift[k]);
            }
            Svg.AppendEscaped(sb, run.Text);
        }
        for (var k = 0; k < open.Count; k++) sb.Append("</tspan>");
    }
}
