using System.Text.RegularExpressions;
using NUnit.Framework;

namespace NuDM.App.Tests.Architecture;

/// <summary>
/// Every physics formula lives in the kernel (issue 11, item 2): the C# program keeps numerics, statistics,
/// orchestration and presentation. One scan over every C# source folder of src/App.CSharp except the numerical ones
/// (<see cref="NumericalFolders"/>) fails, naming file and line, on an elementary function or constant of System.Math
/// (π, e, Pow, Exp, Sqrt, Cbrt, Log, trigonometric and hyperbolic functions, and double's ExpM1/LogP1/…) unless the
/// line says why it is not physics with one of three marks and a short reason:
/// <c>// numerics: a log-space grid</c>, <c>// statistics: the Poisson deviance</c>, <c>// presentation: radians to degrees</c>.
/// Comments and documentation are not code. New folders (Scans/, …) are scanned without being listed.
/// </summary>
public class NoPhysicsFormulaTests
{
    /// <summary>Folders of src/App.CSharp whose whole content is numerics, statistics, presentation or timing, with why.</summary>
    public static readonly IReadOnlyDictionary<string, string> NumericalFolders = new Dictionary<string, string>
    {
        ["Ode"] = "ODE solvers (Dormand–Prince, Rodas4, LU): numerical analysis only",
        ["Statistics"] = "χ², Poisson likelihoods, confidence levels, root finding of limits: statistics only",
        ["Figures"] = "plot geometry, axes, ticks and exporters: presentation only",
        ["Bench"] = "benchmarks: the hand-written formulas are timing references compared against the kernel's compiled ones, which they are checked to equal before timing",
    };

    private static readonly Regex MathCall = new(
        @"\bMath\.(PI|E|Tau|Pow|Exp|Sqrt|Cbrt|Log|Log2|Log10|Sin|Cos|Tan|Asin|Acos|Atan|Atan2|Sinh|Cosh|Tanh|Asinh|Acosh|Atanh)\b|\bdouble\.(ExpM1|LogP1|Exp|Exp2|Exp10|Log|Log2|Log10|Pow|Sqrt|Cbrt|Sin|Cos|Tan)\b",
        RegexOptions.Compiled);

    /// <summary>A mark with its reason: "// numerics: …", "// statistics: …" or "// presentation: …" (at least a word).</summary>
    private static readonly Regex Justified = new(@"//\s*(numerics|statistics|presentation)\s*:\s*\w", RegexOptions.Compiled);

    private static string Root()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "NuDM.Hybrid.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("the repository root (NuDM.Hybrid.sln) is not above " + AppContext.BaseDirectory);
    }

    /// <summary>The lines of C# sources that call an elementary function without a mark and reason: "file:line: code".</summary>
    public static IReadOnlyList<string> Offenders(IEnumerable<(string File, int Line, string Text)> lines) =>
        lines.Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Where(l => MathCall.IsMatch(CodeOf(l.Text)) && !Justified.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}").ToList();

    /// <summary>A line without its trailing comment (a comment that merely names Math.PI is not code).</summary>
    private static string CodeOf(string line)
    {
        bool inString = false;
        for (int i = 0; i + 1 < line.Length; i++)
        {
            if (line[i] == '"' && (i == 0 || line[i - 1] != '\\')) inString = !inString;
            if (!inString && line[i] == '/' && line[i + 1] == '/') return line[..i];
        }
        return line;
    }

    /// <summary>Every line of every scanned source: src/App.CSharp/**/*.cs outside the numerical folders and bin/obj.</summary>
    private static IEnumerable<(string File, int Line, string Text)> ScannedLines()
    {
        var root = Root();
        var src = Path.Combine(root, "src", "App.CSharp");
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(src, file).Replace('\\', '/');
            var top = rel.Contains('/') ? rel[..rel.IndexOf('/')] : "";
            if (top is "bin" or "obj" || NumericalFolders.ContainsKey(top)) continue;
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
                yield return ("src/App.CSharp/" + rel, i + 1, lines[i]);
        }
    }

    [Test]
    public void NoCSharpFolderOutsideTheNumericalOnesTypesAPhysicsFormula()
    {
        var lines = ScannedLines().ToList();
        // the scan covers the program's folders (physics orchestration included), not only a few
        var folders = lines.Select(l => l.File.Split('/')[2]).Distinct().ToList();
        Assert.That(folders, Is.SupersetOf(new[] { "Cli", "Cevns", "Constraints", "Cosmology", "Detection", "Experiments", "Rates", "Reproduction" }));
        var offenders = Offenders(lines);
        Assert.That(offenders, Is.Empty,
            "physics formulas belong in the kernel (NuDM.Physics, a Formula with its equation); a line that is numerics, " +
            "statistics or presentation says so: '// numerics: reason'. Found:\n" + string.Join("\n", offenders));
    }

    [Test]
    public void TheNumericalFoldersExist()
    {
        var src = Path.Combine(Root(), "src", "App.CSharp");
        Assert.That(NumericalFolders.Keys.Where(f => !Directory.Exists(Path.Combine(src, f))), Is.Empty);
    }

    [Test]
    public void TheScanFindsAHandTypedFormulaAndAcceptsAMarkedGrid()
    {
        // the rate of seed 000 eq. (20) typed by hand, as DirectDetectionExperiment once had it, is caught with its line
        var lines = new[]
        {
            ("Detection/Toy.cs", 7, "        double flux = Constants.LocalDMDensity_MeV_cm3 / mX * Math.Sqrt(2 * mN * eR);"),
            ("Detection/Toy.cs", 8, "        double x = Math.Exp(lnT); // numerics: grid point"),
            ("Detection/Toy.cs", 9, "        /// Math.PI in a doc comment is text"),
            ("Detection/Toy.cs", 10, "        double h = Math.Sqrt(8 * Math.PI * g / 90) * T * T / mPl; // numerics"),
            ("Detection/Toy.cs", 11, "        double e = double.ExpM1(x);"),
            ("Detection/Toy.cs", 12, "        double w = 2 * r; // not Math.PI: a comment naming it"),
            ("Detection/Toy.cs", 13, "        double d = theta * 180 / Math.PI; // presentation: radians to degrees"),
        };
        Assert.That(Offenders(lines), Is.EqualTo(new[]
        {
            "Detection/Toy.cs:7: double flux = Constants.LocalDMDensity_MeV_cm3 / mX * Math.Sqrt(2 * mN * eR);",
            "Detection/Toy.cs:10: double h = Math.Sqrt(8 * Math.PI * g / 90) * T * T / mPl; // numerics",
            "Detection/Toy.cs:11: double e = double.ExpM1(x);",
        }));
    }
}
