using NUnit.Framework;
using NuDM.App.Scans;

namespace NuDM.App.Tests.Scans;

/// <summary>The scan spec: its points as a function of (spec, index), its hash, and its errors with file, line and column.</summary>
public class ScanSpecTests
{
    internal const string Example = """
        # a small 4-D grid
        model: x-phi-nu
        sampling: grid
        parameters:
          m_X: { from: 10, to: 1000, scale: log, points: 3 }   # MeV
          r: 3
          y_X: { from: 0.1, to: 0.3, scale: linear, points: 3 }
          y_q: { from: 1e-9, to: 1e-7, scale: log, points: 2 }
        observables:
          - stability
          - kaon

        """;

    private static ScanSpec Parse(string text) => ScanSpec.Parse(text, "spec.yaml");

    [Test]
    public void AGridIsTheProductOfItsAxesWithTheLastListedParameterFastest()
    {
        var s = Parse(Example);
        Assert.That(s.Count, Is.EqualTo(18));
        Assert.That(s.Varied, Is.EqualTo(new[] { "m_X", "y_X", "y_q" }));
        var p = new double[4];
        var points = Enumerable.Range(0, 18).Select(i => { s.Point(i, p); return (double[])p.Clone(); }).ToList();
        // point 0 is every axis at its start; y_q alternates fastest, then y_X, then m_X
        Assert.That(points[0], Is.EqualTo(new[] { 10.0, 3.0, 0.1, 1e-9 }));
        Assert.That(points[1], Is.EqualTo(new[] { 10.0, 3.0, 0.1, 1e-7 }));
        Assert.That(points[2][2], Is.EqualTo(0.2).Within(1e-15));
        Assert.That(points[6][0], Is.EqualTo(100.0), "a log grid over whole decades hits them exactly");
        Assert.That(points[17], Is.EqualTo(new[] { 1000.0, 3.0, 0.3, 1e-7 }), "the last point is every axis at its end, exactly");
        Assert.That(points.Select(x => x[1]), Is.All.EqualTo(3.0), "a fixed parameter");
    }

    [Test]
    public void TheOrderOfParametersInTheSpecSetsTheGridOrder()
    {
        var s = Parse(Example.Replace("  m_X: { from: 10, to: 1000, scale: log, points: 3 }   # MeV\n", "")
            .Replace("  y_q: { from: 1e-9, to: 1e-7, scale: log, points: 2 }", "  y_q: { from: 1e-9, to: 1e-7, scale: log, points: 2 }\n  m_X: { from: 10, to: 1000, scale: log, points: 3 }"));
        Assert.That(s.Varied, Is.EqualTo(new[] { "y_X", "y_q", "m_X" }));
        var p = new double[4];
        s.Point(1, p);
        Assert.That(p[0], Is.EqualTo(100.0).Within(1e-12), "m_X now varies fastest");
        Assert.That(s.Hash, Is.Not.EqualTo(Parse(Example).Hash), "a different order is a different scan");
    }

    [Test]
    public void TheHashIgnoresCommentsAndLayoutButNotNumbers()
    {
        var a = Parse(Example);
        var b = Parse(Example.Replace("# a small 4-D grid", "# renamed").Replace("{ from: 0.1, to: 0.3, scale: linear, points: 3 }",
            "\n    from: 0.1\n    to: 0.3\n    points: 3"));
        Assert.That(b.Hash, Is.EqualTo(a.Hash));
        Assert.That(Parse(Example.Replace("to: 0.3", "to: 0.30000001")).Hash, Is.Not.EqualTo(a.Hash));
        Assert.That(Parse(Example.Replace("  - kaon\n", "")).Hash, Is.Not.EqualTo(a.Hash));
        Assert.That(a.ModelHash, Is.EqualTo(b.ModelHash));
    }

    [Test]
    public void SobolAndLatinHypercubeMapTheUnitCubeOntoTheRanges()
    {
        var sobol = Parse(Example.Replace("sampling: grid", "sampling: { method: sobol, points: 1000, seed: 3 }").Replace(", points: 3", "").Replace(", points: 2", ""));
        var lhs = Parse(Example.Replace("sampling: grid", "sampling: { method: latin-hypercube, points: 1000, seed: 3 }").Replace(", points: 3", "").Replace(", points: 2", ""));
        foreach (var s in new[] { sobol, lhs })
        {
            Assert.That(s.Count, Is.EqualTo(1000));
            var p = new double[4];
            for (int i = 0; i < 1000; i++)
            {
                s.Point(i, p);
                Assert.That(p[0], Is.InRange(10.0, 1000.0));
                Assert.That(p[2], Is.InRange(0.1, 0.3));
                Assert.That(p[3], Is.InRange(1e-9, 1e-7));
            }
        }
        // a Latin hypercube on a log axis: one point per decade-fraction stratum of log10 m_X
        var strata = Enumerable.Range(0, 1000).Select(i => { var p = new double[4]; lhs.Point(i, p); return (int)Math.Floor((Math.Log10(p[0]) - 1) / 2 * 1000); });
        Assert.That(strata.Order(), Is.EqualTo(Enumerable.Range(0, 1000)));
    }

    private static string Error(string text) => Assert.Throws<SpecException>(() => Parse(text))!.Message;

    [Test]
    public void AnUnknownModelIsRefusedNamingTheKnownOnes() =>
        Assert.That(Error(Example.Replace("model: x-phi-nu", "model: higgs-portal")),
            Does.StartWith("spec.yaml: line 2, column 8: model: 'higgs-portal' is not a model").And.Contains("x-phi-nu"));

    [Test]
    public void AValueOutsideItsPhysicalRangeIsRefusedWithLineAndColumn() =>
        Assert.That(Error(Example.Replace("y_X: { from: 0.1, to: 0.3", "y_X: { from: 0.1, to: 30")),
            Does.StartWith("spec.yaml: line 7, column 25: parameters.y_X.to: y_X = 30 is outside its physical range").And.Contains("perturbativity"));

    [TestCase("  r: 3\n", "", "every parameter of model x-phi-nu must be given", TestName = "a missing parameter")]
    [TestCase("  - kaon\n", "  - dark_photon\n", "unknown observable 'dark_photon'", TestName = "an unknown observable")]
    [TestCase("scale: log, points: 2", "scale: log", "a grid parameter needs points", TestName = "a grid axis without points")]
    [TestCase("sampling: grid", "sampling: sobol", "sobol needs the number of points", TestName = "sobol without points")]
    [TestCase("sampling: grid", "sampling: { method: latin-hypercube, points: 10 }", "a Latin hypercube needs a seed", TestName = "a Latin hypercube without a seed")]
    [TestCase("from: 10, to: 1000", "from: 1000, to: 10", "must exceed from", TestName = "a reversed range")]
    [TestCase("  - kaon\n", "  - delta_chi2: { experiment: coherent-csi-2017, statistic: poisson }\n", "background-subtracted", TestName = "a Poisson likelihood on residuals")]
    [TestCase("  - kaon\n", "  - delta_chi2: { experiment: nowhere }\n", "unknown experiment 'nowhere'", TestName = "an unknown experiment")]
    [TestCase("  - kaon\n", "  - kaon\n  - kaon\n", "asked for twice", TestName = "a column twice")]
    [TestCase("r: 3", "r: 1,5", "contains a comma", TestName = "a decimal comma")]
    [TestCase("model: x-phi-nu", "model: x-phi-nu\ncolour: blue", "unknown key", TestName = "an unknown key")]
    [TestCase("  m_X: { from: 10", "  m_X: { from: 10, step: 2", "unknown key", TestName = "an unknown axis key")]
    public void FaultsAreNamed(string find, string replace, string message)
    {
        Assert.That(Example, Does.Contain(find));
        var e = Error(Example.Replace(find, replace));
        Assert.That(e, Does.StartWith("spec.yaml").And.Contains(message));
    }

    [Test]
    public void InvalidYamlIsASpecErrorWithItsPosition()
    {
        Assert.That(Error("model: x-phi-nu\nsampling: grid\n  bad: indent"), Does.StartWith("spec.yaml: line 3, column").And.Contains("not valid YAML"));
        Assert.That(Error("model: [x-phi-nu\nsampling: grid"), Does.StartWith("spec.yaml").And.Contains("not valid YAML"));
    }

    [Test]
    public void AMissingFileIsBadInput() =>
        Assert.That(Assert.Throws<SpecException>(() => ScanSpec.Load("/nonexistent/spec.yaml"))!.Message, Does.Contain("does not exist"));
}
