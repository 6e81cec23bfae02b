using NuDM.App.Cosmology;
using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Cosmology;

/// <summary>
/// The relic abundance counts the dark fermion as the model's field kind says: a Dirac χ (seed 000's X and X̄) or a
/// Majorana χ (its own antiparticle), through <see cref="KernelCosmology.Nature"/>; the relic coupling, Ωh² and the
/// scans' relic columns all ask it.
/// </summary>
[TestFixture]
public class DarkMatterNatureTests
{
    /// <summary>models/majorana.yaml: the seeds' scalar model with a Majorana χ (every obligation proven).</summary>
    private static readonly Lazy<ModelDefinition> Majorana = new(() =>
        ModelFile.Load(Path.Combine(ReferenceData.RepositoryRoot, "models", "majorana.yaml"), null!, "test"));

    private static RelicCouplingResult Relic(double m, double r, DarkMatterNature nature) =>
        RelicCoupling.Find(m, KernelCosmology.AnnihilationAtUnitCoupling(m, r), power: KernelCosmology.AnnihilationCouplingPower,
            nature: nature, options: FreezeOutOptions.Default with { Table = DegreesOfFreedomTable.SaikawaShirai });

    [Test]
    public void TheSeedModelAndItsFileCountChiAsDirac()
    {
        Assert.That(KernelCosmology.Nature, Is.EqualTo(DarkMatterNature.Dirac), "built-in default");
        using (ModelInUse.Use(NuDM.App.Cli.ModelOption.Load("scalar")))
            Assert.That(KernelCosmology.Nature, Is.EqualTo(DarkMatterNature.Dirac), "models/scalar.yaml");
    }

    [Test]
    public void AMajoranaModelLoadsAndItsRelicCouplingCountsChiOnce()
    {
        var d = Majorana.Value;
        Assert.That(d.Failed, Is.Empty);
        using (ModelInUse.Use(d))
        {
            Assert.That(KernelCosmology.Nature, Is.EqualTo(DarkMatterNature.Majorana));
            const double m = 10, r = 3; // MeV
            var used = KernelCosmology.RelicCoupling(m, r);
            var majorana = Relic(m, r, DarkMatterNature.Majorana);
            var dirac = Relic(m, r, DarkMatterNature.Dirac);
            Assert.That(used.Coupling, Is.EqualTo(majorana.Coupling).Within(1e-12 * majorana.Coupling));
            // a Dirac χ needs about twice the ⟨σv⟩ for the same Ωh² (Ωh² counts χ and χ̄); ⟨σv⟩ ∝ y⁴, so y grows by
            // about 2^(1/4) = 1.19 (the logarithm of the freeze-out temperature shifts it slightly)
            Assert.That(dirac.Coupling / majorana.Coupling, Is.InRange(1.12, 1.26));
        }
    }
}
