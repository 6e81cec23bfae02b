using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NuDM.App.Figures;

namespace NuDM.App.Tests.Figures;

internal static partial class SvgTestHelpers
{
    public static readonly XNamespace S = "http://www.w3.org/2000/svg";
    public static readonly XNamespace Meta = "urn:nudm:figure";

    public static XDocument Parse(Figure f) => XDocument.Parse(SvgRenderer.Render(f));

    public static Figure One(params Series[] series) => Figure.Single(new Panel { Series = [.. series] });

    public static Figure One(Axis x, Axis y, params Series[] series) => Figure.Single(new Panel { X = x, Y = y, Series = [.. series] });

    public static IEnumerable<XElement> WithClass(this XContainer c, string cls) =>
        c.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cls) == true);

    public static XElement SeriesGroup(this XDocument d, int index) =>
        d.WithClass("series").Single(g => (string?)g.Attribute(Meta + "index") == index.ToString(CultureInfo.InvariantCulture));

    public static (double Left, double Top, double Right, double Bottom) PlotArea(this XDocument d, int panel = 0)
    {
        var r = d.WithClass("plot-area").ElementAt(panel);
        var x = (double)r.Attribute("x")!;
        var y = (double)r.Attribute("y")!;
        return (x, y, x + (double)r.Attribute("width")!, y + (double)r.Attribute("height")!);
    }

    /// <summary>Subpaths of path data: each a list of points (absolute M/L and implicit lineto only).</summary>
    public static List<List<(double X, double Y)>> Subpaths(string d)
    {
        var result = new List<List<(double, double)>>();
        foreach (Match m in Command().Matches(d))
        {
            var nums = Number().Matches(m.Groups[2].Value).Select(n => double.Parse(n.Value, CultureInfo.InvariantCulture)).ToArray();
            if (m.Groups[1].Value == "M") result.Add([]);
            if (m.Groups[1].Value == "Z") continue;
            for (var i = 0; i + 1 < nums.Length; i += 2) result[^1].Add((nums[i], nums[i + 1]));
        }
        return result;
    }

    [GeneratedRegex(@"([MLZ])([^MLZ]*)")]
    private static partial Regex Command();

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex Number();
}
