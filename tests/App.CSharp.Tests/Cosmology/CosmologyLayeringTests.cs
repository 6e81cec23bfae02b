using System.Reflection;
using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Cosmology;

/// <summary>
/// What C# sees of the kernel's cosmology formulas, <see cref="CosmologyFormulas"/>, uses only C#-friendly types (that
/// src/App.CSharp/Cosmology holds no physics formula is checked for every folder by
/// NuDM.App.Tests.Architecture.NoPhysicsFormulaTests).
/// </summary>
public class CosmologyLayeringTests
{
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
