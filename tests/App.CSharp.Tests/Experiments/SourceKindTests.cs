using NuDM.App.Experiments;
using NuDM.App.Tests.Cli;
using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Experiments;

/// <summary>
/// The neutrino source of an experiment is an enum (NuDM.Physics.NeutrinoSourceKind) read from its YAML through the
/// validating reader; an unknown kind is a data fault naming the file, line and column of the value (in the file the
/// source section comes from), and exit code 2 from the command line.
/// </summary>
[NonParallelizable]
public class SourceKindTests
{
    [Test]
    public void SourcesAreEnums()
    {
        Assert.That(ExperimentRegistry.Load("coherent-csi-2017").Source.Kind, Is.EqualTo(NeutrinoSourceKind.PionDecayAtRest));
        Assert.That(ExperimentRegistry.Load("conus").Source.Kind, Is.EqualTo(NeutrinoSourceKind.Reactor));
        Assert.That(Fluxes.SourceNames, Is.EqualTo(new[] { "pion-dar", "reactor" }));
    }

    [Test]
    public void AnUnknownSourceKindNamesTheFileLineAndColumn()
    {
        const string file = "experiments/coherent-csi-2017.yaml", line = "  kind: pion-dar";
        int n = ReferenceData.LineOf(file, line);
        using var copy = ReferenceData.EditedData(file, line, "  kind: pion-darr");
        var e = Assert.Throws<ExperimentDataException>(() => ExperimentRegistry.Load("coherent-csi-2017"))!;
        Assert.That((e.File, e.Line, e.Column, e.ColumnName), Is.EqualTo(("data/" + file, n, 9, "source.kind")));
        Assert.That(e.Message, Does.Contain("unknown source kind 'pion-darr'; the kinds are pion-dar, reactor"));
    }

    [Test]
    public void AVariantReportsTheBaseFileItsSourceComesFrom()
    {
        const string file = "experiments/conus.yaml", line = "  kind: reactor";
        int n = ReferenceData.LineOf(file, line);
        using var copy = ReferenceData.EditedData(file, line, "  kind: supernova");
        var e = Assert.Throws<ExperimentDataException>(() => ExperimentRegistry.Load("conus-future"))!;
        Assert.That((e.File, e.Line), Is.EqualTo(("data/" + file, n)));
    }

    [Test]
    public async Task TheCommandLineExitsWith2()
    {
        const string file = "experiments/coherent-csi-2017.yaml", line = "  kind: pion-dar";
        using var copy = ReferenceData.EditedData(file, line, "  kind: pion-darr");
        var r = await CliRun.Capture(["spectrum", "--experiment", "coherent-csi-2017", "--csv"]);
        Assert.That(r.Exit, Is.EqualTo(2));
        Assert.That(r.Error, Does.Contain("data/experiments/coherent-csi-2017.yaml: line").And.Contain("unknown source kind 'pion-darr'"));
    }
}
