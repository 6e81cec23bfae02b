using NuDM.App.Cevns;
using NuDM.App.Cli;
using NuDM.App.Experiments;
using NuDM.App.Statistics;
using NUnit.Framework;

namespace NuDM.App.Tests.Cli;

/// <summary>
/// The physics commands: each runs on a physical point, and bad input exits with code 2 and a message (never a NaN, a
/// hang or a stack trace). Options that are not ranges (e.g. the statistic) are checked against their meaning.
/// </summary>
[NonParallelizable]
public class PhysicsCommandTests
{
    [TestCase("xsec", "--target", "CsI", "--enu", "30", "--mchi", "3", "--ms", "10", "--ybar", "1e-4", "--csv")]
    [TestCase("spectrum", "--experiment", "conus", "--ybar", "1e-5", "--mchi", "1", "--ms", "0", "--csv")]
    [TestCase("limit", "--experiment", "conus", "--vary", "mchi", "--ms", "0", "--points", "2", "--csv")]
    [TestCase("limit", "--experiment", "coherent-csi-2017", "--vary", "ms", "--mchi", "1", "--points", "2", "--asimov", "--statistic", "poisson", "--csv")]
    [TestCase("relic", "--mx", "30", "--ratio", "3")]
    [TestCase("relic", "--mx", "30", "--ratio", "3", "--eos", "HindmarshPhilipsenB")]
    [TestCase("boltzmann", "--mchi", "3", "--ms", "10", "--ychi", "1e-3", "--csv")]
    [TestCase("kd", "--mx", "1", "--ratio", "3", "--yx", "0.1")]
    [TestCase("earthsun", "--mx", "10")]
    [TestCase("kaon", "--csv")]
    [TestCase("stability", "--points", "3", "--csv")]
    public async Task RunsOnAPhysicalPoint(params string[] args) =>
        Assert.That(await CommandLine.RunAsync(args), Is.EqualTo(0));

    [TestCase("xsec", "--target", "CsI", "--enu", "30", "--mchi", "3", "--ms", "-10", "--ybar", "1e-4")]  // negative mass
    [TestCase("xsec", "--target", "CsI", "--enu", "2", "--mchi", "3", "--ms", "10", "--ybar", "1e-4")]    // below threshold
    [TestCase("spectrum", "--experiment", "no-such-experiment")]
    [TestCase("spectrum", "--experiment", "conus", "--ybar", "-1")]
    [TestCase("limit", "--experiment", "conus", "--vary", "mchi", "--points", "1")]
    [TestCase("limit", "--experiment", "conus", "--vary", "mchi", "--from", "5", "--to", "1")]
    [TestCase("limit", "--experiment", "conus", "--vary", "mass")]                                           // not mchi/ms
    [TestCase("limit", "--experiment", "coherent-csi-2017", "--vary", "mchi", "--statistic", "poisson")]    // residual data
    [TestCase("limit", "--experiment", "conus", "--vary", "mchi", "--statistic", "cls")]
    [TestCase("relic", "--mx", "-30")]
    [TestCase("relic", "--mx", "30", "--ratio", "0.5")]
    [TestCase("relic", "--mx", "30", "--eos", "ideal-gas")]
    [TestCase("boltzmann", "--mchi", "3", "--ms", "2", "--ychi", "1e-3")]                                   // S lighter than χ
    [TestCase("kd", "--mx", "1", "--ratio", "1", "--yx", "0.1")]
    [TestCase("earthsun", "--mx", "0")]
    [TestCase("stability", "--points", "0")]
    public async Task BadInputIsExitCode2(params string[] args) =>
        Assert.That(await CommandLine.RunAsync(args), Is.EqualTo(2));

    /// <summary>
    /// With Asimov data of thousands of events and no shape systematic in the Poisson likelihood, the Poisson and the χ²
    /// limits of a reactor sensitivity must agree closely (Wilks: −2 ln L → χ² for large counts); CONUS, seed 001 set-up.
    /// </summary>
    [Test]
    public void PoissonAndChiSquareSensitivitiesAgreeForLargeCounts()
    {
        var x = ExperimentRegistry.Load("conus");
        var chi2 = new CevnsModel(x).YbarLimit(1.0, 0.0, asimov: true);
        var poisson = new CevnsModel(x, statistic: StatisticKind.Poisson).YbarLimit(1.0, 0.0, asimov: true);
        Assert.That(chi2.IsConstrained && poisson.IsConstrained);
        Assert.That(poisson.Value / chi2.Value, Is.EqualTo(1.0).Within(0.05));
        Assert.That(poisson.Value, Is.Not.EqualTo(chi2.Value)); // it is a different statistic, not the same code path
    }
}
