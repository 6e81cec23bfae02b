using NuDM.App.Detection;
using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Detection;

/// <summary>
/// κ from the model in use: the direct-detection rates take the model's own σv(χ N → ν N at rest) (over the seed
/// model's), the default and its identical file give the numbers of before, and a model without χ N → ν N is refused.
/// </summary>
[NonParallelizable]
public class ModelConversionTests
{
    private static readonly Lazy<ModelDefinition> ScalarFile = new(() => NuDM.App.Cli.ModelOption.Load("scalar"));
    private static readonly Lazy<ModelDefinition> VectorFile = new(() => NuDM.App.Cli.ModelOption.Load("vector"));
    private static readonly Lazy<ModelDefinition> LightVectorFile = new(() => NuDM.App.Cli.ModelOption.Load("light-vector"));

    private static double[] Events(ModelDefinition? d, double mX, double r)
    {
        using var _ = ModelInUse.Use(d);
        return DirectDetection.Xenon1T.EventsPerCm2(mX, r);
    }

    [TestCase(40.0, 3.0)]
    [TestCase(80.0, 10.0)]
    [TestCase(50.0, double.PositiveInfinity)]
    public void TheSeedModelsFileGivesTheDefaultsRatesAndTheDefaultMultipliesNothing(double mX, double r)
    {
        Assert.That(ModelConversion.FactorOverSeed(mX, 1e5, r), Is.EqualTo(1.0));
        using (ModelInUse.Use(ScalarFile.Value))
            Assert.That(ModelConversion.FactorOverSeed(mX, 1.2e5, r), Is.EqualTo(1.0).Within(1e-12));
        var seed = Events(null, mX, r);
        var file = Events(ScalarFile.Value, mX, r);
        for (int b = 0; b < seed.Length; b++) Assert.That(file[b], Is.EqualTo(seed[b]).Within(1e-10).Percent.Or.EqualTo(0).Within(1e-300));
        Assert.That(seed.Sum(), Is.GreaterThan(0), "the test point lies in XENON1T's window");
    }

    [Test]
    public void TheVectorModelsRatesAreTheSeedsTimesTheRatioOfTheirDerivedConversionCrossSections()
    {
        // Borexino's proton recoils: one target, so the events scale exactly by κ_vector/κ = σv_vector/σv_seed of χ p → ν p
        const double mX = 150.0, r = 3.0;
        double seed, vector, factor, heavy, heavyLimit;
        using (ModelInUse.Use(null)) seed = DirectDetection.Borexino.EventsPerCm2(mX, r);
        using (ModelInUse.Use(VectorFile.Value))
        {
            vector = DirectDetection.Borexino.EventsPerCm2(mX, r);
            factor = ModelConversion.FactorOverSeed(mX, Constants.ProtonMass, r);
            heavy = ModelConversion.FactorOverSeed(mX, Constants.ProtonMass, 1e4);
            heavyLimit = ModelConversion.FactorOverSeed(mX, Constants.ProtonMass, double.PositiveInfinity);
        }
        Assert.That(seed, Is.GreaterThan(0), "m_X = 150 MeV lies in Borexino's window");
        Assert.That(vector / seed, Is.EqualTo(factor).Within(1e-10).Percent);
        // at rest a vector and a scalar exchange convert alike at leading order (both spin sums give 2 k·p on the χ–ν line
        // and ≈ 4m_N² on the nucleon's); they differ by recoil terms of relative size ≈ m_X/m_N (0.16 here; 4e-4 on xenon)
        Assert.That((factor - 1) / (mX / Constants.ProtonMass), Is.EqualTo(1.0).Within(10).Percent);
        Assert.That(heavy, Is.EqualTo(heavyLimit).Within(1e-4).Percent, "the heavy-mediator limit is reached smoothly");
    }

    [Test]
    public void AModelWithoutChiNucleusToNeutrinoNucleusIsRefusedWithTheReason()
    {
        using (ModelInUse.Use(LightVectorFile.Value))
        {
            var e = Assert.Throws<UserInputException>(() => DirectDetection.Xenon1T.EventsPerCm2(50.0, 3.0));
            Assert.That(e!.Message, Does.Contain("has no χ N → ν N (it has no dark fermion)"));
        }
    }

    [Test]
    public void ASpinDependentModelIsRefusedWithTheReason()
    {
        using (ModelInUse.Use(NuDM.App.Cli.ModelOption.Load("pseudoscalar")))
        {
            var e = Assert.Throws<UserInputException>(() => DirectDetection.Borexino.EventsPerCm2(150.0, 3.0));
            Assert.That(e!.Message, Does.Contain("spin-dependent").And.Contain("direct-detection bounds"));
        }
    }

    [Test]
    public async Task TheConstraintsCommandRefusesTheLightVectorModel()
    {
        var r = await NuDM.App.Tests.Cli.CliRun.Capture(["constraints", "--model", "light-vector", "--mphi-ratio", "3", "--points", "3"]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("model 'light-vector' has no dark fermion"));
    }

    [Test]
    public void InterferingGraphsOfDifferentCouplingsAreRefusedByTheDirectDetectionRecast()
    {
        // σ_NC is one coupling product times σv(χ N → ν N) at unit couplings; the seeds' model plus a vector V with the same
        // legs (fixture scalar-vector.yaml) has S and V graphs there, which unit couplings would add at equal strength.
        // Before: computed so, silently
        var sv = ModelFile.Load(ReferenceData.FixtureModel("scalar-vector.yaml"), null!, "test");
        Assert.That(sv.Model.Process(ProcessKind.ChiNucleusToNeutrinoNucleus).CouplingMonomials, Has.Count.EqualTo(3));
        using (ModelInUse.Use(sv))
        {
            var e = Assert.Throws<UserInputException>(ModelConversion.RequireConversion);
            Assert.That(e!.Message, Does.Contain("χ N → ν N goes through graphs of different couplings").And.Contain("do not apply to interfering graphs"));
        }
        foreach (var d in new[] { ScalarFile.Value, VectorFile.Value })
        {
            Assert.That(d.Model.Process(ProcessKind.ChiNucleusToNeutrinoNucleus).CouplingMonomials, Has.Count.EqualTo(1), d.Model.Name);
            using (ModelInUse.Use(d)) Assert.DoesNotThrow(ModelConversion.RequireConversion);
        }
    }

    [Test]
    public async Task TheCevnsRatesRefuseADifferentialCrossSectionThatIsNoPowerOfTheEffectiveCoupling()
    {
        // the CEvNS rates scale the shape at ȳ = 1 by ȳ^p; with S and V in ν N → χ N (scalar-vector.yaml) dσ/dT is no power
        // of ȳ. Before: reached as the kernel's InvalidOperationException (internal error) wherever it was asked first
        var path = ReferenceData.FixtureModel("scalar-vector.yaml");
        var sv = ModelFile.Load(path, null!, "test");
        using (ModelInUse.Use(sv))
        {
            var e = Assert.Throws<UserInputException>(NuDM.App.Cevns.KernelPhysics.RequireCoherentModel);
            Assert.That(e!.Message, Does.Contain("dσ/dT of ν N → χ N is not a power of ybar (graphs of other couplings interfere)"));
        }
        var r = await NuDM.App.Tests.Cli.CliRun.Capture(["limit", "--model", path, "--experiment", "coherent-csi-2017", "--vary", "mchi", "--points", "2"]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("do not apply to this model").And.Not.Contain("internal error"), r.ToString());
    }
}
