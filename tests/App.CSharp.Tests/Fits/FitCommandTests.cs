using NuDM.App.Tests.Cli;
using NUnit.Framework;

namespace NuDM.App.Tests.Fits;

/// <summary><c>nudm fit</c>: bad input and conflicting options exit with code 2 and a message naming the cause.</summary>
public class FitCommandTests
{
    [Test]
    public async Task AnUnknownExperimentIsBadInput()
    {
        var r = await CliRun.Capture(["fit", "--experiment", "nonexistent"]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("unknown experiment"));
    }

    [Test]
    public async Task AnExperimentWithoutAnEnergyTimeLikelihoodIsBadInput()
    {
        var r = await CliRun.Capture(["fit", "--experiment", "coherent-csi-2017", "--likelihood", "energy-time"]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("energy-only"));
    }

    [Test]
    public async Task CsvWithJsonAndAnUnknownLikelihoodAreRefused()
    {
        Assert.That((await CliRun.Capture(["fit", "--experiment", "coherent-csi-2021", "--csv", "--json"])).Exit, Is.EqualTo(2));
        Assert.That((await CliRun.Capture(["fit", "--experiment", "coherent-csi-2021", "--likelihood", "time-only"])).Exit, Is.EqualTo(2));
    }

    [Test]
    public async Task TheCsvCarriesTheFittedCountAndTheGoodnessOfFit()
    {
        var r = await CliRun.Capture(["fit", "--experiment", "coherent-csi-2021", "--csv"]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("quantity,value,lower,upper,nominal,prior_width,pull,pull_error"));
        Assert.That(lines.Any(l => l.StartsWith("cevns_events,", StringComparison.Ordinal)));
        Assert.That(lines.Any(l => l.StartsWith("p_value,", StringComparison.Ordinal)));
    }
}
