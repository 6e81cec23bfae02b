using System.Reflection;
using NuDM.App.Cevns;
using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Kernel;

/// <summary>
/// The kernel as C# sees it: its C#-facing types carry no F# list, Map, Set, option, tuple, Lazy, function or union in a
/// public signature, and the model API answers with processes that exist, refuses those that do not, lists its
/// parameters with units and mass dimensions, and hands the rate engine the same numbers as before.
/// </summary>
public class KernelApiTests
{
    /// <summary>The types C# code uses of the kernel: the API file, the model and its processes, and the kernel's
    /// targets, fluxes, kaon table and calculators the C# layer holds.</summary>
    private static readonly Type[] CSharpFacing =
    [
        typeof(NuDM.Physics.Kernel), typeof(StandardModelCevns),
        typeof(Model), typeof(Field), typeof(ModelParameter), typeof(Vertex), typeof(ModelRoles), typeof(ParameterPoint),
        typeof(EffectiveCoupling), typeof(SeedModel), typeof(ProcessVariables), typeof(ProcessNotInModelException),
        typeof(Process), typeof(NucleusScatteringProcess), typeof(AnnihilationProcess), typeof(DecayProcess),
        typeof(ElasticScatteringProcess), typeof(ConversionAtRestProcess), typeof(RecoilCrossSectionFunction),
        typeof(RecoilKinematics), typeof(RecoilLimits), typeof(SigmaVFunction), typeof(LowVelocityCoefficients),
        typeof(DifferentialCrossSection), typeof(RecoilLimit), typeof(MinimumNeutrinoEnergy),
        typeof(Target), typeof(Isotope), typeof(TargetNucleus), typeof(NucleusCount), typeof(ElementCount), typeof(Nuclear),
        typeof(FluxSet), typeof(Flux), typeof(FluxLine), typeof(Fluxes), typeof(ReactorSpectrum),
        typeof(KaonBounds), typeof(KaonMeasurement), typeof(KaonCouplingBound), typeof(KaonProjection),
        typeof(CrossSectionCalculator), typeof(CrossSectionPoint), typeof(KinematicsCalculator), typeof(KinematicPoint),
        typeof(Formula), typeof(Parameter),
    ];

    /// <summary>
    /// Public members still taking an F# type, each with the reason it stays; the test fails when one disappears, so the
    /// list only shrinks.
    /// </summary>
    private static readonly Dictionary<string, string> Allowed = new();

    private static bool IsFSharpUnion(Type t) =>
        t.GetCustomAttributesData().Any(a => a.AttributeType.FullName == "Microsoft.FSharp.Core.CompilationMappingAttribute"
            && a.ConstructorArguments.Count > 0 && a.ConstructorArguments[0].Value is int flags && (flags & 31) == 1);

    /// <summary>Why a type may not appear in a C#-facing signature, or null when it may.</summary>
    private static string? Forbidden(Type t)
    {
        if (t.IsByRef || t.IsArray || t.IsPointer) return Forbidden(t.GetElementType()!);
        if (t.IsGenericType)
        {
            var d = t.GetGenericTypeDefinition();
            string n = d.FullName ?? d.Name;
            if (n.StartsWith("Microsoft.FSharp.Collections.FSharpList", StringComparison.Ordinal)) return "F# list";
            if (n.StartsWith("Microsoft.FSharp.Collections.FSharpMap", StringComparison.Ordinal)) return "F# Map";
            if (n.StartsWith("Microsoft.FSharp.Collections.FSharpSet", StringComparison.Ordinal)) return "F# Set";
            if (n.StartsWith("Microsoft.FSharp.Core.FSharpOption", StringComparison.Ordinal) || n.StartsWith("Microsoft.FSharp.Core.FSharpValueOption", StringComparison.Ordinal)) return "F# option";
            if (n.StartsWith("Microsoft.FSharp.Core.FSharpFunc", StringComparison.Ordinal)) return "F# function";
            if (n.StartsWith("System.Tuple", StringComparison.Ordinal) || n.StartsWith("System.ValueTuple", StringComparison.Ordinal)) return "tuple";
            if (n.StartsWith("System.Lazy", StringComparison.Ordinal)) return "Lazy";
            foreach (var a in t.GetGenericArguments()) if (Forbidden(a) is { } why) return why;
        }
        // the symbolic core's expression is the one union allowed: C# holds it opaquely (Formula.Expression) and reads
        // formulas through Formula.Infix/LaTeX and the typed Compile accessors
        if (t.FullName == "NuDM.Symbolic.Expr") return null;
        if (IsFSharpUnion(t)) return $"F# union {t.Name}";
        return null;
    }

    private static string Signature(MemberInfo m) => m switch
    {
        MethodBase mb => $"{m.DeclaringType!.Name}.{m.Name}({string.Join(", ", mb.GetParameters().Select(p => p.ParameterType.Name))})",
        _ => $"{m.DeclaringType!.Name}.{m.Name}",
    };

    [Test]
    public void NoFSharpCollectionOptionTupleLazyOrUnionCrossesTheCSharpFacingApi()
    {
        var seen = new HashSet<string>();
        var found = new List<string>();
        const BindingFlags all = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var t in CSharpFacing)
        {
            Assert.That(Forbidden(t), Is.Null, $"{t.Name} is itself an F# type C# should not see");
            foreach (var m in t.GetMembers(all))
            {
                var types = m switch
                {
                    MethodBase mb => mb.GetParameters().Select(p => p.ParameterType).Concat(mb is MethodInfo mi ? [mi.ReturnType] : []),
                    PropertyInfo p => [p.PropertyType],
                    FieldInfo f => [f.FieldType],
                    EventInfo e => [e.EventHandlerType!],
                    _ => [],
                };
                foreach (var ty in types)
                    if (Forbidden(ty) is { } why)
                    {
                        string sig = Signature(m);
                        seen.Add(sig);
                        if (!Allowed.ContainsKey(sig)) found.Add($"{sig}: {why} ({ty})");
                    }
            }
        }
        Assert.That(found, Is.Empty, "F# types in the C#-facing API");
        Assert.That(Allowed.Keys.Except(seen), Is.Empty, "allowed exceptions that no longer exist: remove them from the list");
    }

    [Test]
    public void TheCheckSeesAnFSharpListTupleOptionAndUnion()
    {
        // the check itself can fail: it recognises the forbidden types (also inside generic arguments)
        Assert.That(Forbidden(typeof(Microsoft.FSharp.Collections.FSharpList<int>)), Is.EqualTo("F# list"));
        Assert.That(Forbidden(typeof(IReadOnlyList<(double, double)>)), Is.EqualTo("tuple"));
        Assert.That(Forbidden(typeof(Microsoft.FSharp.Core.FSharpOption<double>)), Is.EqualTo("F# option"));
        Assert.That(Forbidden(typeof(Lazy<double>)), Is.EqualTo("Lazy"));
        Assert.That(Forbidden(typeof(NuDM.Symbolic.DiracElement)), Does.StartWith("F# union"));
        Assert.That(Forbidden(typeof(IReadOnlyList<Isotope>)), Is.Null);
    }

    [Test]
    public void TheCrossSectionsPowerOfTheEffectiveCouplingIsDerivedAsFour()
    {
        // seed 001 eq. (2.21): dσ/dT ∝ y_χ² y_N² = ȳ⁴ A²; the spectra at ȳ = 1 scale with this power
        Assert.That(SeedModel.EffectiveCouplingPower, Is.EqualTo(4.0));
        var p = NuDM.Physics.Kernel.SeedModel.NucleusScattering(ProcessKind.NeutrinoNucleusToChiNucleus);
        var cs = NuDM.Physics.Kernel.Target("CsI").Nuclei[0].Isotope;
        var at1 = p.CompileDifferentialCrossSection().At(SeedModel.CevnsPoint(3, 10, 1), FormFactorModel.Unity);
        var at2 = p.CompileDifferentialCrossSection().At(SeedModel.CevnsPoint(3, 10, 2e-4), FormFactorModel.Unity);
        Assert.That(at2(1e-3, 30, cs) / at1(1e-3, 30, cs), Is.EqualTo(Math.Pow(2e-4, 4)).Within(1e-12 * Math.Pow(2e-4, 4)));
    }

    [Test]
    public void AnnihilationAndScatteringScaleAsTheFourthPowerOfTheCouplingDerivedFromTheirAmplitudes()
    {
        var model = NuDM.Physics.Kernel.SeedModel;
        var ann = model.Annihilation(ProcessKind.ChiAntichiToNeutrinoAntineutrino);
        Assert.That(ann.CouplingPower(SeedModel.ChiCoupling), Is.EqualTo(4.0), "|M|²(χχ̄ → νν̄) ∝ y_χ⁴ (seed 001 eq. 2.24)");
        Assert.That(model.ElasticScattering(ProcessKind.ChiNeutrinoToChiNeutrino).CouplingPower(SeedModel.ChiCoupling), Is.EqualTo(4.0));
        // the derived power is the one the numbers obey: σv at y = 0.3 over σv at y = 1
        var sv = ann.CompileSigmaV();
        double s = 4 * 30 * 30 * 1.2;
        double ratio = sv.At(SeedModel.CosmologyPoint(30, 90, 0.3))(s) / sv.At(SeedModel.CosmologyPoint(30, 90, 1))(s);
        Assert.That(ratio, Is.EqualTo(Math.Pow(0.3, ann.CouplingPower(SeedModel.ChiCoupling))).Within(1e-12));
        // a coupling the amplitude does not contain is refused, naming it
        var e = Assert.Throws<ArgumentException>(() => ann.CouplingPower(SeedModel.NucleusCoupling));
        Assert.That(e!.Message, Does.Contain(SeedModel.NucleusCoupling.Symbol));
    }

    [Test]
    public void TheSeedModelHasItsProcessesAndNotNeutrinoNucleusElasticScattering()
    {
        var model = NuDM.Physics.Kernel.SeedModel;
        Assert.That(model.Name, Is.EqualTo("scalar-seed"));
        Assert.That(model.TryProcess(ProcessKind.NeutrinoNucleusToChiNucleus, out var p), Is.True);
        Assert.That(p.Name, Is.EqualTo("ν N → χ N"));
        Assert.That(p, Is.InstanceOf<NucleusScatteringProcess>());
        Assert.That(model.TryProcess(ProcessKind.NeutrinoNucleusToNeutrinoNucleus, out _), Is.False);
        var e = Assert.Throws<ProcessNotInModelException>(() => model.Process(ProcessKind.NeutrinoNucleusToNeutrinoNucleus))!;
        Assert.That(e.Message, Does.StartWith("ν N → ν N is not in model 'scalar-seed'"));
        Assert.That((e.Kind, e.ModelName), Is.EqualTo((ProcessKind.NeutrinoNucleusToNeutrinoNucleus, "scalar-seed")));
    }

    [Test]
    public void TheTypedCrossSectionGivesTheNumbersOfTheEarlierDelegateBitForBit()
    {
        var proc = NuDM.Physics.Kernel.SeedModel.NucleusScattering(ProcessKind.NeutrinoNucleusToChiNucleus);
        Assert.That(proc.CrossSectionParameters.Select(q => q.Symbol), Is.EqualTo(new[] { "m_chi", "m_S", "ybar" }));
        var earlier = CrossSectionCalculator.NuChiTypedDelegate; // (E_nu, M, m_chi, T, m_S, ybar, A, F2)
        var cs = NuDM.Physics.Kernel.Target("CsI").Nuclei[0].Isotope;
        var rng = new Random(11);
        for (int i = 0; i < 200; i++)
        {
            double mchi = 10 * rng.NextDouble(), ms = 100 * rng.NextDouble(), yb = 1e-4 * (1 + rng.NextDouble());
            var limits = proc.Kinematics.At(SeedModel.CevnsPoint(mchi, ms, yb));
            double e = limits.Threshold(cs.Mass) + 40 * rng.NextDouble() + 1e-3;
            double lo = limits.MinimumRecoil(e, cs), hi = limits.MaximumRecoil(e, cs);
            double t = lo + (hi - lo) * rng.NextDouble();
            double ff = NuDM.Physics.Kernel.FormFactorSquared(FormFactorModel.Helm, t, cs);
            var sigma = proc.CompileDifferentialCrossSection().At(SeedModel.CevnsPoint(mchi, ms, yb), FormFactorModel.Helm);
            Assert.That(sigma(t, e, cs), Is.EqualTo(earlier(e, cs.Mass, mchi, t, ms, yb, cs.A, ff)), "bit for bit");
        }
    }

    [Test]
    public void ParametersComeWithUnitsAndMassDimensions()
    {
        var model = NuDM.Physics.Kernel.SeedModel;
        var nuchi = model.Process(ProcessKind.NeutrinoNucleusToChiNucleus);
        Assert.That(nuchi.Parameters.Select(q => $"{q.Symbol} [{q.Unit}] {q.MassDimension}"),
            Is.EqualTo(new[] { "E_nu [MeV] 1", "T [MeV] 1", "M [MeV] 1", "m_chi [MeV] 1", "m_S [MeV] 1", "y_chi [1] 0", "y_N [1] 0" }));
        var ann = model.Annihilation(ProcessKind.ChiAntichiToNeutrinoAntineutrino);
        Assert.That(ann.Variables.Select(q => $"{q.Symbol} [{q.Unit}] {q.MassDimension}"), Is.EqualTo(new[] { "s [MeV^2] 2", "c [1] 0" }));
        Assert.That(model.MediatorDecay().Width.Unit, Is.EqualTo("MeV"));
        var ybar = SeedModel.EffectiveCoupling;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => model.Point().With(ybar, 4.0))!;
        Assert.That(e.ParamName, Is.EqualTo("ybar"));
        Assert.That(e.Message, Does.Contain("outside its allowed range [0, 3.54491]").And.Contain("perturbativity"));
    }

    [Test]
    public void AFluxWithAntineutrinosIsCheckedToScatterLikeNeutrinos()
    {
        // one plan serves every flavour only because ν̄ N → χ̄ N has the dσ/dT of ν N → χ N (proof amp.nuN); the check runs
        var flux = NuDM.Physics.Kernel.Flux(NeutrinoSourceKind.PionDecayAtRest, 1e7);
        Assert.That(flux.Flavours, Does.Contain(NeutrinoFlavour.MuonAntineutrino));
        Assert.DoesNotThrow(() => KernelPhysics.CheckAntineutrinosScatterAlike(flux));
        var anti = NuDM.Physics.Kernel.SeedModel.NucleusScattering(ProcessKind.AntineutrinoNucleusToAntichiNucleus);
        Assert.That(anti.DifferentialCrossSection.Infix, Is.EqualTo(KernelPhysics.NuChiProcess.DifferentialCrossSection.Infix));
    }
}
