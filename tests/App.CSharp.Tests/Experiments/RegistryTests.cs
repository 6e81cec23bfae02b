using NuDM.Physics;
using NuDM.App.Experiments;
using NUnit.Framework;

namespace NuDM.App.Tests.Experiments;

/// <summary>The registry lists and loads every experiment; bad input gives errors naming the file and field.</summary>
public class RegistryTests
{
    private static readonly string[] Expected = ["coherent-csi-2017", "coherent-csi-2021", "coherent-future", "coherent-lar-2020", "conus", "conus-future", "conus-plus-2025"];

    [Test]
    public void ListsAllExperiments() => Assert.That(ExperimentRegistry.Ids, Is.EquivalentTo(Expected));

    [TestCaseSource(nameof(Expected))]
    public void EveryExperimentLoads(string id)
    {
        var x = ExperimentRegistry.Load(id);
        Assert.That(x.Id, Is.EqualTo(id));
        Assert.That(x.Bins.Count, Is.GreaterThan(0));
        Assert.That(x.Nuclei, Is.Not.Empty);
        Assert.That(x.Background, Has.Count.EqualTo(x.Bins.Count));
        Assert.That(x.Bins.RecoilEdges, Is.Ordered.Ascending);
        var setup = x.CreateDetectorSetup();
        Assert.That(setup.BinCount, Is.EqualTo(x.Bins.Count));
        TestContext.Out.WriteLine($"{x}: {x.Bins.Count} bins {x.Bins.ObservableEdges[0]}–{x.Bins.ObservableEdges[^1]} {x.Bins.Unit} = " +
                                  $"{x.Bins.RecoilEdges[0] * 1e3:G4}–{x.Bins.RecoilEdges[^1] * 1e3:G4} keVnr; nuclei {string.Join(", ", x.Nuclei.Select(n => $"{n.Isotope.Name}:{n.Count:E3}"))}; " +
                                  $"background {x.Background.Sum():G5}; observed {(x.Observed is null ? "Asimov" : x.Observed.Total.ToString("G5"))}");
    }

    [Test]
    public void UnknownId_ListsKnownIds()
    {
        var ex = Assert.Throws<ArgumentException>(() => ExperimentRegistry.Load("coherent-nai-2030"))!;
        Assert.That(ex.Message, Does.Contain("coherent-nai-2030"));
        foreach (var id in Expected) Assert.That(ex.Message, Does.Contain(id));
    }

    [Test]
    public void UnknownResponseModel_NamesTheKnownModels()
    {
        var ex = Assert.Throws<ExperimentDataException>(() => ExperimentRegistry.Load("coherent-csi-2017", new ExperimentOptions { ResponseModel = "nope" }))!;
        Assert.That(ex.Message, Does.Contain("experiments/coherent-csi-2017.yaml"));
        Assert.That(ex.Message, Does.Contain("chicago-qf"));
    }

    [Test]
    public void TypedLoad() => Assert.That(ExperimentRegistry.Load<Conus>("conus-future").ThresholdKev, Is.EqualTo(0.1).Within(1e-12));
}
