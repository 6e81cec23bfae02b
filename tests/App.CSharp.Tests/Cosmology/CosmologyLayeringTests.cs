using System.Reflection;
using System.Text.RegularExpressions;
using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Cosmology;

/// <summary>
/// The cosmology physics lives in the kernel (issue 11): src/App.CSharp/Cosmology keeps numerics and orchestration
/// (interpolation, quadrature, root finding, ODE solving, tables), and what C# sees of the kernel's cosmology formulas,
/// <see cref="CosmologyFormulas"/>, uses only C#-friendly types.
/// </summary>
public class CosmologyLayeringTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "NuDM.Hybrid.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("the repository root (NuDM.Hybrid.sln) is not above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// Files of the folder that are not its code: a test fixture and the benchmarks, which another part of issue 11
    /// moves out of the shipped program (they type their stand-in cross sections by hand on purpose).
    /// </summary>
    private static readonly string[] NotCosmologyCode = [];

    /// <summary>A call of an elementary function or constant of System.Math (or its double counterparts).</summary>
    private static readonly Regex MathCall = new(
        @"\bMath\.(PI|E|Tau|Pow|Exp|Sqrt|Cbrt|Log|Log2|Log10|Sin|Cos|Tan|Asin|Acos|Atan|Atan2|Sinh|Cosh|Tanh)\b|\bdouble\.(ExpM1|LogP1|Exp|Log|Pow|Sqrt|Cbrt)\b",
        RegexOptions.Compiled);

    /// <summary>
    /// The lines of a C# source that use an elementary function or π outside documentation and without a
    /// "// numerics" mark (a log-space grid, a root search in ln T, back from a log variable, …): "file:line: text".
    /// </summary>
    internal static IEnumerable<string> UnmarkedMathLines(string fileName, IEnumerable<string> lines)
    {
        int n = 0;
        foreach (var line in lines)
        {
            n++;
            var code = line.TrimStart();
            if (code.StartsWith("///") || code.StartsWith("//")) continue;
            if (line.Contains("// numerics")) continue;
            if (MathCall.IsMatch(line)) yield return $"{fileName}:{n}: {code}";
        }
    }

    [Test]
    public void TheCosmologyFolderHoldsNoPhysicsFormula()
    {
        var folder = Path.Combine(Root, "src", "App.CSharp", "Cosmology");
        var files = Directory.GetFiles(folder, "*.cs").Where(f => !NotCosmologyCode.Contains(Path.GetFileName(f))).ToArray();
        Assert.That(files, Has.Length.GreaterThan(10));
        var found = files.SelectMany(f => UnmarkedMathLines(Path.GetRelativePath(Root, f), File.ReadLines(f))).ToList();
        Assert.That(found, Is.Empty,
            "physics formulas belong in the kernel (NuDM.Physics.CosmologyFormulas); a numerical use is marked '// numerics':\n" +
            string.Join("\n", found));
    }

    [Test]
    public void TheScanFindsAFormulaAndAcceptsMarkedNumerics()
    {
        string[] source =
        [
            "/// <summary>H = sqrt(8π³g/90) T²/M_Pl, see Math.Sqrt</summary>",
            "double h = Math.Sqrt(8 * Math.PI * Math.PI * Math.PI / 90 * g) * T * T / mPl;",
            "double u = Math.Log(x); // numerics: the grid variable",
            "double n = Math.Max(a, b);",
            "double e = double.ExpM1(x);",
        ];
        var found = UnmarkedMathLines("Example.cs", source).ToList();
        Assert.That(found, Has.Count.EqualTo(2));
        Assert.That(found[0], Does.StartWith("Example.cs:2: double h"));
        Assert.That(found[1], Does.StartWith("Example.cs:5: "));
    }

    /// <summary>Types that may appear in the C#-facing cosmology surface.</summary>
    private static bool IsCSharpFriendly(Type t)
    {
        if (t.IsByRef) t = t.GetElementType()!;
        if (t.IsPrimitive || t == typeof(string) || t == typeof(void) || t == typeof(Formula) || t == typeof(EvaluatedFormula)) return true;
        if (t.IsGenericType)
        {
            var def = t.GetGenericTypeDefinition();
            bool container = def == typeof(IReadOnlyList<>) || def.FullName!.StartsWith("System.Func`");
            return container && t.GetGenericArguments().All(IsCSharpFriendly);
        }
        return false;
    }

    [TestCase(typeof(CosmologyFormulas))]
    [TestCase(typeof(EvaluatedFormula))]
    public void TheCSharpFacingSurfaceUsesNoFSharpTypes(Type type)
    {
        var problems = new List<string>();
        foreach (var m in type.GetMembers(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            IEnumerable<Type> types = m switch
            {
                PropertyInfo p => [p.PropertyType],
                MethodInfo mi when !mi.IsSpecialName => mi.GetParameters().Select(p => p.ParameterType).Append(mi.ReturnType),
                ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
                FieldInfo f => [f.FieldType],
                _ => [],
            };
            foreach (var t in types.Where(t => !IsCSharpFriendly(t)))
                problems.Add($"{type.Name}.{m.Name}: {t}");
        }
        Assert.That(problems, Is.Empty, "F# list, option, tuple, Lazy, union or function types cross to C#:\n" + string.Join("\n", problems));
    }

    [Test]
    public void TheAccessorsAreTypedDelegatesInTheFormulasParameterOrder()
    {
        // the delegate of H takes (g_eff, T), the order of the Formula's parameters: no parameter names at the call site
        var h = CosmologyFormulas.Evaluated.First(f => f.Formula.Name == "H");
        Assert.That(h.Formula.ParameterNames, Is.EqualTo(new[] { "g_eff", "T" }));
        Assert.That(CosmologyFormulas.Hubble(10.545, 1.0), Is.EqualTo(4.4157e-22).Within(2e-4 * 4.4157e-22));
        Assert.That(CosmologyFormulas.PlasmaStateHubble(10.545, 1.0) / CosmologyFormulas.Hubble(10.545, 1.0), Is.EqualTo(1).Within(1e-15));
        Assert.That(CosmologyFormulas.All, Has.Count.EqualTo(CosmologyFormulas.Evaluated.Select(f => f.Formula).Distinct().Count()));
    }
}
