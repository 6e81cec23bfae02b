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
    /// <summary>
    /// The markup in OxyPlot's math-text form: every script a braced, non-nested group that is closed. (OxyPlot's parser
    /// reads only <c>_{…}</c>/<c>^{…}</c> up to the first <c>}</c>, and does not advance past a bare <c>_</c> or <c>^</c>.)
    /// </summary>
    public static string ToMathText(string? text)
    {
        var sb = new StringBuilder();
        if (string.IsNullOrEmpty(text)) return "";
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '_' or '^')
            {
                if (i + 1 == text.Length) break;
                if (depth == 0) sb.Append(c).Append('{');
                if (text[i + 1] == '{')
                {
                    depth++;
                    i++;
                    continue;
                }
                var n = char.IsSurrogatePair(text, i + 1) ? 2 : 1;
                sb.Append(text, i + 1, n);
                if (depth == 0) sb.Append('}');
                i += n;
            }
            else if (c == '}' && depth > 0)
            {
                if (--depth == 0) sb.Append('}');
            }
            else
            {
                sb.Append(c);
            }
        }
        if (depth > 0) sb.Append('}');
        return sb.ToString();
    }

    /// <summary>The text without markup: <c>m_{χ}</c> becomes <c>mχ</c>.</summary>
    public static string ToPlainText(string? text) => ToMathText(text).Replace("_{", "").Replace("^{", "").Replace("}", "");
}
