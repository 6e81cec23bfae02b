using System.Text;

namespace NuDM.App.Figures;

/// <summary>
/// The label markup of every text in a figure: <c>_{…}</c> subscript, <c>^{…}</c> superscript; without braces only the
/// next character is shifted (<c>E_ν</c>, <c>x^2</c>). Any Unicode (χ, σ, ν, ×, −, ⁸) passes through. Lenient, never
/// throws: an unclosed group runs to the end, a trailing <c>_</c> or <c>^</c> is dropped, and a script inside a script
/// stays at the outer level (<c>e^{x_{1}}</c> shows x1 raised).
/// Examples: <c>m_{χ} [MeV]</c>, <c>σ_{NC} [cm^{2}]</c>, <c>10^{-5}</c>, <c>Y_{χ}^{eq}</c>.
/// </summary>
public static class TextMarkup
{
    /// <summary>The markup in OxyPlot's math-text form: every script a braced, non-nested group that is closed. (OxyPlot's parser
    /// reads only <c>_{…}</c>/<c>^{…}</c> up to the first <c>}</c>, and does not advance past a bare <c>_</c> or <c>^</c>.)</summary>
    public static string ToMathText(string? text)
    {
        var (sb, depth) = (new StringBuilder(), 0);
        for (var i = 0; text is not null && i < text.Length; i++)
        {
            var c = text[i];
            if (c is '_' or '^' && i + 1 < text.Length)
            {
                if (depth == 0) sb.Append(c).Append('{');
                if (text[i + 1] == '{') { depth++; i++; continue; }
                var n = char.IsSurrogatePair(text, i + 1) ? 2 : 1;
                sb.Append(text, i + 1, n).Append(depth == 0 ? "}" : "");
                i += n;
            }
            else if (c == '}' && depth > 0) sb.Append(--depth == 0 ? "}" : "");
            else if (c is not ('_' or '^')) sb.Append(c);
        }
        return sb.Append(depth > 0 ? "}" : "").ToString();
    }

    /// <summary>The text without markup: <c>m_{χ}</c> becomes <c>mχ</c>.</summary>
    public static string ToPlainText(string? text) => ToMathText(text).Replace("_{", "").Replace("^{", "").Replace("}", "");
}
