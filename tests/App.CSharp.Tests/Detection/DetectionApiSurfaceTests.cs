using System.Reflection;
using Microsoft.FSharp.Core;
using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Detection;

/// <summary>
/// Issue 11 item 3: what C# uses of the kernel's detection, quenching, Earth/Sun, stability and kaon physics crosses the
/// boundary as records, enums, IReadOnlyList and Func — no F# list, Map, Set, option, function, tuple, Lazy or union.
/// (Before issue 11, KaonBounds.Table() returned an F# list, KaonBounds.Projection and EarthSunFluxes.SuperKMassRange_MeV
/// struct tuples, DownScatteringCalculator.RecoilRange a struct tuple: each made this test fail.)
/// </summary>
public class DetectionApiSurfaceTests
{
    private static readonly Type[] Surface =
    [
        typeof(DetectionFormulas), typeof(QuenchingFormulas), typeof(StoppingMedium), typeof(StabilityBounds),
        typeof(KaonBounds), typeof(KaonMeasurement), typeof(KaonCouplingBound), typeof(KaonProjection),
        typeof(EarthSunFluxes), typeof(EarthSunGeometry), typeof(AstroBody), typeof(DownScatteringCalculator),
        typeof(RecoilInterval), typeof(Argument),
    ];

    private static readonly string[] ForbiddenGenerics =
    [
        "Microsoft.FSharp.Collections.FSharpList`1", "Microsoft.FSharp.Collections.FSharpMap`2", "Microsoft.FSharp.Collections.FSharpSet`1",
        "Microsoft.FSharp.Core.FSharpOption`1", "Microsoft.FSharp.Core.FSharpValueOption`1", "Microsoft.FSharp.Core.FSharpFunc`2",
        "System.Lazy`1",
    ];

    /// <summary>Why a type may not cross the boundary, or null when it may.</summary>
    public static string? Leak(Type t)
    {
        if (t.IsByRef || t.IsArray || t.IsPointer) return Leak(t.GetElementType()!);
        var def = t.IsGenericType ? t.GetGenericTypeDefinition() : t;
        var name = def.FullName ?? def.Name;
        if (ForbiddenGenerics.Contains(name)) return name;
        if (name.StartsWith("System.Tuple`") || name.StartsWith("System.ValueTuple`")) return name;
        var mapping = def.GetCustomAttribute<CompilationMappingAttribute>();
        if (mapping is not null && (mapping.SourceConstructFlags & SourceConstructFlags.KindMask) == SourceConstructFlags.SumType) return $"F# union {name}";
        if (t.IsGenericType)
            foreach (var a in t.GetGenericArguments())
                if (Leak(a) is string inner) return inner;
        return null;
    }

    private static IEnumerable<string> Leaks(Type type)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var m in type.GetMethods(flags))
        {
            if (Leak(m.ReturnType) is string r) yield return $"{type.Name}.{m.Name} returns {r}";
            foreach (var p in m.GetParameters())
                if (Leak(p.ParameterType) is string l) yield return $"{type.Name}.{m.Name}({p.Name}) takes {l}";
        }
        foreach (var p in type.GetProperties(flags))
            if (Leak(p.PropertyType) is string l) yield return $"{type.Name}.{p.Name} is {l}";
        foreach (var c in type.GetConstructors())
            foreach (var p in c.GetParameters())
                if (Leak(p.ParameterType) is string l) yield return $"{type.Name}({p.Name}) takes {l}";
    }

    [Test]
    public void NoFSharpTypeCrossesTheDetectionBoundary()
    {
        var leaks = Surface.SelectMany(Leaks).ToList();
        Assert.That(leaks, Is.Empty, string.Join("\n", leaks));
    }

    [Test]
    public void TheCheckRecognisesWhatMayNotCross()
    {
        Assert.That(Leak(typeof(Microsoft.FSharp.Collections.FSharpList<int>)), Is.Not.Null);
        Assert.That(Leak(typeof(ValueTuple<double, double>)), Is.Not.Null);
        Assert.That(Leak(typeof(IReadOnlyList<Tuple<string, int>>)), Is.Not.Null);
        Assert.That(Leak(typeof(FSharpOption<double>)), Is.Not.Null);
        Assert.That(Leak(typeof(Lazy<double>)), Is.Not.Null);
        Assert.That(Leak(typeof(IReadOnlyList<KaonCouplingBound>)), Is.Null);
        Assert.That(Leak(typeof(Func<double, double, double>)), Is.Null);
    }
}
