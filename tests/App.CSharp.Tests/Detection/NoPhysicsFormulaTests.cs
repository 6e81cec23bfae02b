using System.Text.RegularExpressions;
using NUnit.Framework;

namespace NuDM.App.Tests.Detection;

/// <summary>
/// Issue 11: the physics of detection, quenching, the Earth/Sun fluxes, stability and the kaon bounds lives in the kernel
/// (NuDM.Physics: DirectDetection, Quenching, EarthSun, StabilityBounds, MesonBounds); the C# folders Detection/ and
/// Constraints/ keep numerics, statistics and orchestration only. A Math.PI/Pow/Exp/Sqrt/Log/… call there must say on
/// its line why it is not a physics formula (a comment "// numerics", "// statistics" or "// presentation"); any other
/// fails, naming file and line. The same folders must not depend on the CLI (library code throws
/// ArgumentOutOfRangeException; the CLI maps it to exit code 2).
/// </summary>
public class NoPhysicsFormulaTests
{
    private static readonly string[] Folders = ["src/App.CSharp/Detection", "src/App.CSharp/Constraints"];

    private static readonly Regex MathCall = new(@"\bMath\.(PI|E|Pow|Exp|Sqrt|Cbrt|Log|Log10|Log2|Sin|Cos|Tan|Asin|Acos|Atan|Atan2|Sinh|Cosh|Tanh)\b", RegexOptions.Compiled);
    private static readonly Regex Justified = new(@"//\s*(numerics|statistics|presentation)\b", RegexOptions.Compiled);

    private static string Root()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "NuDM.Hybrid.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("the repository root (NuDM.Hybrid.sln) is not above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<(string File, int Line, string Text)> Lines()
    {
        var root = Root();
        foreach (var folder in Folders)
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories).Order())
            {
                var lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                    yield return (Path.GetRelativePath(root, file).Replace('\\', '/'), i + 1, lines[i]);
            }
    }

    /// <summary>The lines of a folder that call a Math function on something without saying it is numerics.</summary>
    public static IReadOnlyList<string> Offenders(IEnumerable<(string File, int Line, string Text)> lines) =>
        lines.Where(l => !l.Text.TrimStart().StartsWith("///") && !l.Text.TrimStart().StartsWith("//"))
            .Where(l => MathCall.IsMatch(l.Text) && !Justified.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}").ToList();

    [Test]
    public void DetectionAndConstraintsTypeNoPhysicsFormula()
    {
        var offenders = Offenders(Lines());
        Assert.That(offenders, Is.Empty, "physics formulas belong in the kernel (NuDM.Physics); mark numerical uses with // numerics:\n" + string.Join("\n", offenders));
    }

    [Test]
    public void TheCheckFindsAHandTypedFormulaAndAcceptsAMarkedGrid()
    {
        // the rate of seed 000 eq. (20) typed by hand, as DirectDetectionExperiment once had it, is caught with its line
        var lines = new[]
        {
            ("Detection/Toy.cs", 7, "        double flux = Constants.LocalDMDensity_MeV_cm3 / mX * Math.Sqrt(2 * mN * eR);"),
            ("Detection/Toy.cs", 8, "        double x = Math.Exp(lnT); // numerics: grid point"),
            ("Detection/Toy.cs", 9, "        /// Math.PI in a doc comment is text"),
        };
        Assert.That(Offenders(lines), Is.EqualTo(new[] { "Detection/Toy.cs:7: double flux = Constants.LocalDMDensity_MeV_cm3 / mX * Math.Sqrt(2 * mN * eR);" }));
    }

    [Test]
    public void DetectionAndConstraintsDoNotDependOnTheCli()
    {
        var uses = Lines().Where(l => Regex.IsMatch(l.Text, @"\bNuDM\.App\.Cli\b|\bCli\.|\bUserInputException\b|\bRequire\."))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}").ToList();
        Assert.That(uses, Is.Empty, "library code must not use the CLI's types:\n" + string.Join("\n", uses));
    }
}
