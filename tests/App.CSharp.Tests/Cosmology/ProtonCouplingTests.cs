using NuDM.App.Cosmology;
using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Cosmology;

/// <summary>
/// y_p from a universal quark coupling (seed 000 eqs. 8–9), which a scan point asks for in its Δχ² and in each
/// direct-detection and Borexino ratio (issue 14): the same number as the kernel's, without allocating, and following a
/// change of data folder.
/// </summary>
[NonParallelizable]
public class ProtonCouplingTests
{
    [Test]
    public void EqualsTheKernelsRatio_AndAllocatesNothingOnceWarm()
    {
        const double yq = 3.7e-7;
        double kernel = Couplings.UniversalRatio(Nucleon.Proton, QuarkMassSet.PDG2018, true) * yq;
        Assert.That(ModelConstraints.ProtonCoupling(yq), Is.EqualTo(kernel)); // exactly: the same product
        Assert.That(kernel / yq, Is.EqualTo(17.5).Within(0.5), "seed 000: y_p/y_q ≈ 17.5");
        long before = GC.GetAllocatedBytesForCurrentThread();
        double sum = 0;
        for (int i = 0; i < 10; i++) sum += ModelConstraints.ProtonCoupling(yq * (i + 1));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.EqualTo(0), "bytes for 10 calls (the kernel's evaluation took ~2 kB each)");
        Assert.That(sum, Is.GreaterThan(0));
    }

    [Test]
    public void FollowsTheDataFolderInUse()
    {
        const double yq = 1e-6;
        double original = ModelConstraints.ProtonCoupling(yq);
        // a strange-quark mass twice the PDG 2018 value changes y_p/y_q (the ratio is not cached across data folders)
        using (ReferenceData.EditedData("detection/quark_masses_pdg.csv", "s,95,9,3,93", "s,190,9,3,93"))
        {
            double edited = ModelConstraints.ProtonCoupling(yq);
            Assert.That(edited, Is.EqualTo(Couplings.UniversalRatio(Nucleon.Proton, QuarkMassSet.PDG2018, true) * yq));
            Assert.That(edited, Is.Not.EqualTo(original));
        }
        Assert.That(ModelConstraints.ProtonCoupling(yq), Is.EqualTo(original));
    }
}
