using NuDM.App.Cli;
using NuDM.App.Figures;
using NuDM.App.Reproduction;
using NUnit.Framework;

namespace NuDM.App.Tests.Constraints;

/// <summary>The seed 000 Fig. 4 job (DM → ν in the Earth and the Sun) and the earthsun / kaon / stability commands.</summary>
public class Seed000Figure4Tests
{
    private static Figure Build() =>
        new Seed000Figure4().Build(FigureContext.Silent(Path.Combine(Path.GetTempPath(), "nudm-f4-" + Guid.NewGuid().ToString("N"))));

    [Test]
    public void IsoFluxContoursScaleWithTheFluxAndWithTheMass()
    {
        var a = Build().Panels[0];
        var lines = a.Series.OfType<LineSeries>().ToArray();
        Assert.That(lines, Has.Length.EqualTo(Seed000Figure4.ContourFluxes.Length));
        // eq. (16)–(17): Φ ∝ σ ρ v₀ N / m_X, so σ(Φ) ∝ Φ m_X — a factor 100 between contours, a factor 50 across 4–200 GeV
        for (int k = 0; k + 1 < lines.Length; k++)
            Assert.That(lines[k + 1].Y[10] / lines[k].Y[10], Is.EqualTo(100).Within(1e-9).Percent);
        foreach (var l in lines)
        {
            Assert.That(l.X[0], Is.EqualTo(4).Within(1e-6).Percent);
            Assert.That(l.X[^1], Is.EqualTo(200).Within(1e-6).Percent);
            Assert.That(l.Y[^1] / l.Y[0], Is.EqualTo(50).Within(1e-6).Percent);
        }
    }

    [Test]
    public void FluxPanelShowsTheEarthDominatingFarBelowBoron8()
    {
        var b = Build().Panels[1];
        var earth = b.Series.OfType<LineSeries>().Single(s => s.Label!.StartsWith("Earth"));
        var sun = b.Series.OfType<LineSeries>().Single(s => s.Label!.StartsWith("Sun"));
        var boron8 = b.ReferenceLines.Single().Value;
        Assert.That(boron8, Is.EqualTo(5.25e6), "SNO total ⁸B flux, PRC 88 025501 (2013)");
        for (int i = 0; i < earth.Y.Length; i++)
        {
            Assert.That(earth.Y[i] / sun.Y[i], Is.GreaterThan(1e3), "seed 000 sec. V: the Earth term dominates");
            Assert.That(earth.Y[i] + sun.Y[i], Is.LessThan(1e-6 * boron8), "seed 000 sec. V: ≳ 6 orders below ⁸B at σ = 1e-43 cm²");
        }
        Assert.That(earth.X[0], Is.EqualTo(0.01).Within(1e-9).Percent, "starts at the seed's m_X = 10 MeV");
    }

    [TestCase("earthsun", "--mx", "10")]
    [TestCase("earthsun", "--mx", "20000", "--flux-limit", "1e-2", "--flux-source", "test input")]
    [TestCase("kaon")]
    [TestCase("kaon", "--csv")]
    [TestCase("stability", "--points", "3")]
    [TestCase("stability", "--points", "3", "--sin2-2theta-max", "1e-10", "--xray-source", "test input", "--csv")]
    public async Task CommandsRunForGoodInput(params string[] args) =>
        Assert.That(await CommandLine.RunAsync(args), Is.EqualTo(0));

    [TestCase("earthsun", "--mx", "-1")]
    [TestCase("earthsun", "--mx", "10", "--sigma", "NaN")]
    [TestCase("earthsun", "--mx", "2000", "--flux-limit", "1e-2", "--flux-source", "x")]   // outside 4–200 GeV
    [TestCase("earthsun", "--mx", "20000", "--flux-limit", "1e-2")]                        // no source
    [TestCase("earthsun", "--mx", "20000", "--flux-limit", "-3", "--flux-source", "x")]
    [TestCase("stability", "--yq", "0")]
    [TestCase("stability", "--ratio", "0.5")]
    [TestCase("stability", "--sin2-2theta-max", "1e-10")]                                 // no source
    [TestCase("stability", "--from", "10", "--to", "1")]
    public async Task ConstraintCommandsRejectBadInputWithExitCode2(params string[] args) =>
        Assert.That(await CommandLine.RunAsync(args), Is.EqualTo(2));
}
