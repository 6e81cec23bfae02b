using System.Globalization;
using NUnit.Framework;

namespace NuDM.App.Tests.Cli;

/// <summary>
/// <c>nudm spectrum</c> and <c>nudm limit</c> with <c>--model light-vector</c>: the interfering prediction replaces the SM
/// prediction, the limit reports the excluded and allowed intervals of g = g_ν = g_q, and what does not apply is refused.
/// </summary>
[NonParallelizable]
public class LightVectorCommandTests
{
    private static double[][] Numbers(string csv, out string[] header)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',').Select(c => double.TryParse(c, CultureInfo.InvariantCulture, out var x) ? x : double.NaN).ToArray()).ToArray();
    }

    [Test]
    public async Task SpectrumPrintsTheInterferingPredictionBesideTheStandardModelsPerFlavour()
    {
        string[] args = ["spectrum", "--model", "light-vector", "--experiment", "coherent-csi-2017", "--ms", "10", "--csv"];
        var off = await CliRun.Capture([.. args, "--gnu", "0", "--ybar", "0"]);
        Assert.That(off.Exit, Is.EqualTo(0), off.ToString());
        var r0 = Numbers(off.Out, out var header);
        Assert.That(header, Is.EqualTo(new[] { "lo_PE", "hi_PE", "SM", "SM_and_mediator", "SM_and_mediator_nu_mu", "SM_and_mediator_nubar_mu", "SM_and_mediator_nu_e", "background", "observed" }));
        foreach (var row in r0) Assert.That(row[3], Is.EqualTo(row[2]).Within(1e-12).Percent.Or.EqualTo(0).Within(1e-15));
        var on = await CliRun.Capture([.. args, "--gnu", "3e-5", "--ybar", "3e-5"]);
        Assert.That(on.Exit, Is.EqualTo(0), on.ToString());
        var r = Numbers(on.Out, out _);
        double sm = r.Sum(x => x[2]), both = r.Sum(x => x[3]);
        Assert.That(sm, Is.EqualTo(r0.Sum(x => x[2])).Within(1e-12).Percent);
        Assert.That(both, Is.LessThan(0.9 * sm), "g_ν g_q > 0 interferes destructively");
        Assert.That(r.Sum(x => x[4] + x[5] + x[6]), Is.EqualTo(both).Within(1e-4).Percent);
    }

    [Test]
    public async Task LimitReportsTheLowestExcludedCouplingAndTheIsland()
    {
        var r = await CliRun.Capture(["limit", "--model", "light-vector", "--experiment", "coherent-csi-2017", "--vary", "ms", "--from", "1", "--to", "1000", "--points", "3", "--csv"]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var rows = Numbers(r.Out, out var header);
        Assert.That(header, Is.EqualTo(new[] { "m_V_MeV", "g_90CL", "island_lo", "island_hi", "best_fit_g", "delta_chi2_best", "status" }));
        Assert.That(rows.Select(x => x[0]), Is.EqualTo(new[] { 1.0, 31.622776601683793, 1000.0 }).Within(1e-9).Percent);
        Assert.That(rows.All(x => x[1] > 1e-5 && x[1] < 1e-2), r.Out);
        Assert.That(rows[2][1], Is.GreaterThan(rows[0][1]), "a heavier mediator is constrained less");
        Assert.That(rows[2][2], Is.GreaterThan(rows[2][1]), "the island lies above the lowest excluded g");
        Assert.That(rows[2][3], Is.GreaterThan(rows[2][2]));
        Assert.That(r.Out, Does.Contain("allowed g: ["));
        var table = await CliRun.Capture(["limit", "--model", "light-vector", "--experiment", "coherent-csi-2017", "--vary", "ms", "--from", "1", "--to", "1000", "--points", "3"]);
        Assert.That(table.Out, Does.Contain("g = g_nu = g_q").And.Contain("Δχ² relative to the SM ≥ 2.706"));
    }

    [TestCase(new[] { "limit", "--vary", "mchi" }, "has no dark fermion")]
    [TestCase(new[] { "limit", "--vary", "ms", "--mchi", "3" }, "--mchi")]
    [TestCase(new[] { "limit", "--vary", "ms", "--likelihood", "energy-time" }, "not wired")]
    [TestCase(new[] { "spectrum", "--mchi", "3" }, "--mchi does not apply")]
    public async Task WhatDoesNotApplyToTheLightVectorIsRefused(string[] command, string reason)
    {
        var r = await CliRun.Capture([.. command, "--model", "light-vector", "--experiment", "coherent-csi-2017"]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain(reason));
    }

    [Test]
    public async Task GnuIsRefusedForAModelWithADarkFermion()
    {
        var r = await CliRun.Capture(["spectrum", "--experiment", "coherent-csi-2017", "--gnu", "1e-5"]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("--gnu applies to a model without a dark fermion"));
    }
}
