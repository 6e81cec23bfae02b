using System.Globalization;
using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Cli;

/// <summary>
/// <c>--param NAME=VALUE</c> (issue 12: a physicist adds a mediator in a file): the test fixture
/// tests/Physics.FSharp.Tests/Fixtures/scalar-zprime.yaml is the seeds' scalar model plus a Z' portal, whose mass m_Zp and
/// couplings g_chi, g_nu no option of the commands sets. Before, a command reached the kernel's point without them and
/// reported "internal error … this is a bug in nudm" (relic: "the parameter point has no value for m_Zp"; kd: "parameters
/// (w, t, m_Zp, …), expected (…)"). Now the error names them and how to give them (exit 2), --param gives them, and with the
/// Z' couplings → 0 the commands give the seeds' scalar model's numbers.
/// </summary>
[TestFixture]
[NonParallelizable]
public class ModelParamTests
{
    private static string FixturePath => ReferenceData.FixtureModel("scalar-zprime.yaml");

    private static double[] LastRow(CliResult r)
    {
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        return r.Out.Trim().Split('\n')[^1].Split(',').Select(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
    }

    [Test]
    public async Task AParameterNoOptionSetsIsAskedForByName()
    {
        var relic = await CliRun.Capture(["relic", "--model", FixturePath, "--mx", "10"]);
        Assert.That(relic.Exit, Is.EqualTo(2), relic.ToString());
        Assert.That(relic.Error, Does.Contain("model 'scalar-zprime' needs a value for m_Zp (mass of the vector Z'; range [0, inf] MeV)")
            .And.Contain("give it with --param m_Zp=VALUE").And.Not.Contain("internal error"));
        var kd = await CliRun.Capture(["kd", "--model", FixturePath, "--mx", "10", "--param", "m_Zp=30"]);
        Assert.That(kd.Exit, Is.EqualTo(2), kd.ToString());
        Assert.That(kd.Error, Does.Contain("needs a value for g_chi").And.Contain("--param g_chi=VALUE --param g_nu=VALUE").And.Not.Contain("m_Zp ("));
    }

    [TestCase("foo=1", "--param foo: not a parameter of model 'scalar-zprime'; --param may set: m_Zp, g_chi, g_nu, y_q")]
    [TestCase("m_chi=3", "--param m_chi: set by the command's own options or its rates")]
    [TestCase("y_N=3", "--param y_N: set by the command's own options or its rates")]
    [TestCase("g_nu=9", "--param g_nu = 9: outside its allowed range [0, 3.5449077] (perturbativity: g ≤ sqrt(4π))")]
    [TestCase("m_Zp=0", "--param m_Zp = 0: a mass (mass of the vector Z') must be > 0 MeV")]
    [TestCase("m_Zp", "--param m_Zp: write NAME=VALUE, e.g. --param m_Zp=30")]
    [TestCase("m_Zp=x", "--param m_Zp=x: x is not a finite number")]
    public async Task BadValuesAreRefusedNamingTheParameter(string param, string message)
    {
        var r = await CliRun.Capture(["kd", "--model", FixturePath, "--mx", "10", "--param", param]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain(message), r.ToString());
    }

    [Test]
    public async Task ParamNeedsAModelAndACouplingIsGivenOnce()
    {
        var alone = await CliRun.Capture(["kd", "--mx", "10", "--param", "m_Zp=30"]);
        Assert.That(alone.Exit, Is.EqualTo(2), alone.ToString());
        Assert.That(alone.Error, Does.Contain("--param gives values to a --model file's parameters: it needs --model"));
        var twice = await CliRun.Capture(["relic", "--model", FixturePath, "--mx", "10", "--param", "m_Zp=30", "--param", "g_nu=0.01", "--hold", "g_nu=0.02"]);
        Assert.That(twice.Exit, Is.EqualTo(2), twice.ToString());
        Assert.That(twice.Error, Does.Contain("g_nu is given by both --param and --hold"));
    }

    [Test]
    public async Task WithTheZPrimeDecoupledKineticDecouplingIsTheSeedModelsAndWithItLater()
    {
        // g_χ = g_ν = 1e-9: the t-channel Z' is 1e-18 of the S graphs, so T_KD and the Lyman-α bound are scalar.yaml's
        double[] seed = LastRow(await CliRun.Capture(["kd", "--model", "scalar", "--mx", "10", "--csv"]));
        double[] off = LastRow(await CliRun.Capture(["kd", "--model", FixturePath, "--mx", "10", "--csv", "--param", "m_Zp=15", "--param", "g_chi=1e-9", "--param", "g_nu=1e-9"]));
        Assert.That(off[3], Is.EqualTo(seed[3]).Within(1e-9 * seed[3]), "T_KD");
        Assert.That(off[6], Is.EqualTo(seed[6]).Within(1e-6 * seed[6]), "y_X max from Lyman-α");
        // g_χ = g_ν = 0.1: more scattering keeps χ coupled longer, T_KD is lower
        double[] on = LastRow(await CliRun.Capture(["kd", "--model", FixturePath, "--mx", "10", "--csv", "--param", "m_Zp=15", "--param", "g_chi=0.1", "--param", "g_nu=0.1"]));
        Assert.That(on[3], Is.LessThan(0.9 * seed[3]), "T_KD with the Z'");
    }

    [Test]
    public async Task WithTheZPrimeDecoupledTheRelicCouplingIsTheSeedModelsAndAParamCouplingIsHeld()
    {
        // χ χ̄ → ν ν̄ has the S and the Z' graphs, so ⟨σv⟩ is no power of one coupling: the search; with the Z' couplings
        // given (held) at 1e-9 and m_Z' = 1.5 m_χ (no pole above threshold) it finds scalar.yaml's y_χ (scaling search)
        double[] seed = LastRow(await CliRun.Capture(["relic", "--model", "scalar", "--mx", "10", "--csv"]));
        var r = await CliRun.Capture(["relic", "--model", FixturePath, "--mx", "10", "--csv", "--param", "m_Zp=15", "--param", "g_chi=1e-9", "--param", "g_nu=1e-9"]);
        double[] off = LastRow(r);
        Assert.That(off[1], Is.EqualTo(seed[1]).Within(1e-4 * seed[1]), r.ToString());
        Assert.That(r.Error, Does.Contain("m_Zp = 15, g_chi = 1e-09, g_nu = 1e-09"), "the model line echoes the values");
    }

    [Test]
    public void TheValuesArePartOfEveryCheckpointKeyAndOfWhatACevnsModelKeeps()
    {
        // a limit or figure checkpoint computed with m_Zp = 30 must not be resumed with m_Zp = 50 (LimitCurves, figures and
        // the profile limits key their checkpoints with ModelInUse.KeyPart; a CEvNS model keeps the key it was built with)
        var d = ModelFile.Load(FixturePath, null!, "test");
        string Key(double mz)
        {
            using var scope = ModelInUse.Use(d, new Dictionary<string, double> { ["m_Zp"] = mz });
            return ModelInUse.KeyPart;
        }
        string none;
        using (ModelInUse.Use(d)) none = ModelInUse.KeyPart;
        Assert.That(Key(30), Is.Not.EqualTo(Key(50)));
        Assert.That(Key(30), Is.EqualTo(Key(30)).And.StartsWith(none).And.Contain("m_Zp=30"));
        using (ModelInUse.Use(d, new Dictionary<string, double> { ["m_Zp"] = 30 }))
        {
            var point = ModelInUse.Complete(d.CosmologyPoint(10, 30, 0.1));
            Assert.That(point[d.Model.Parameter("m_Zp")], Is.EqualTo(30.0));
            // a value the command set stays
            var set = ModelInUse.Complete(d.Model.Point().With(d.Model.Parameter("m_Zp"), 40.0));
            Assert.That(set[d.Model.Parameter("m_Zp")], Is.EqualTo(40.0));
        }
    }

    [Test]
    public async Task AScanOfKineticDecouplingIsRefusedWhenOtherCouplingsInterfere()
    {
        // the scan's T_KD shifts one ln(γ/H) table per mass pair by p ln y_χ; with the Z' beside S, |M|² of χ ν → χ ν is no
        // power of y_χ. Before: "internal error: InvalidOperationException: |M|² of χ ν → χ ν is not a power of y_chi …"
        await InSpecFolder("param-scan", async write =>
        {
            var r = await CliRun.Capture(["scan", "run", write("s.yaml", ParamSpec.Replace("  - omega_h2", "  - kinetic_decoupling"))]);
            Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
            Assert.That(r.Error, Does.Contain("observable 'kinetic_decoupling' is refused for model 'scalar-zprime'")
                .And.Contain("is not a power of y_chi").And.Not.Contain("internal error"), r.ToString());
        });
    }

    [Test]
    public async Task ARelicCurveHasAGapWhereNoCouplingGivesOmegaH2AndSaysWhy()
    {
        // with the Z' at g_χ = g_ν = 0.1 (m_Z' = 30 MeV) χ χ̄ → Z'* → ν ν̄ alone leaves too little dark matter: no y_χ in its
        // range gives 0.120. Before: the first such mass ended the curve (and figures seed000-fig5) with that error
        string[] args = ["relic", "--model", FixturePath, "--from", "3", "--to", "30", "--points", "2", "--param", "m_Zp=30", "--param", "g_chi=0.1", "--param", "g_nu=0.1"];
        var csv = await CliRun.Capture([.. args, "--csv"]);
        Assert.That(csv.Exit, Is.EqualTo(0), csv.ToString());
        var rows = csv.Out.Trim().Split('\n').Skip(1).Select(l => l.Split(',')).ToList();
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows.Select(r => r[1]), Is.All.Empty, "no y_X");
        Assert.That(csv.Error, Does.Contain("no coupling at m_X = 3 MeV:").And.Contain("(too little even at the smallest coupling)"));
        // one point: still an error naming Ωh² at both ends (exit 2)
        var one = await CliRun.Capture(["relic", "--model", FixturePath, "--mx", "30", "--param", "m_Zp=30", "--param", "g_chi=0.1", "--param", "g_nu=0.1"]);
        Assert.That(one.Exit, Is.EqualTo(2), one.ToString());
        Assert.That(one.Error, Does.Contain("no y_chi in its allowed range"));
    }

    /// <summary>Runs <paramref name="body"/> in a fresh folder holding the fixture (scalar-zprime.yaml), with a function that
    /// writes a file there and returns its path; the folder is deleted after.</summary>
    private static async Task InSpecFolder(string name, Func<Func<string, string, string>, Task> body)
    {
        var dir = CliRun.TempPath(name);
        Directory.CreateDirectory(dir);
        try
        {
            File.Copy(FixturePath, Path.Combine(dir, "scalar-zprime.yaml"));
            await body((file, text) => { var p = Path.Combine(dir, file); File.WriteAllText(p, text); return p; });
        }
        finally { CliRun.Delete(dir); }
    }

    private const string ParamSpec = """
        model: scalar-zprime.yaml
        param: { m_Zp: 30 }
        sampling: grid
        parameters:
          m_chi: { from: 5, to: 10, scale: log, points: 2 }
          m_S: 30
          y_chi: 0.01
          g_chi: 0.01
          g_nu: 0.01
          ybar: 0.001
        observables:
          - omega_h2
        """;

    [Test]
    public async Task AScanGivesTheModelsOtherParametersUnderParam()
    {
        // the spec's param: is --param for a scan: m_Zp of the Z', the same at every point, part of the model hash
        await InSpecFolder("param-spec", async Write =>
        {
            var spec = NuDM.App.Scans.ScanSpec.Load(Write("s.yaml", ParamSpec));
            var definition = ((NuDM.App.Scans.FileScanModel)spec.Model).Definition;
            var row = new NuDM.App.Scans.PointEvaluator(spec).Evaluate(1);
            Assert.That(row.Status, Is.EqualTo(NuDM.App.Scans.PointEvaluator.Ok), row.Status);
            // Ωh² of the point (m_χ = 10) with m_Z' = 30 from param:, as KernelCosmology computes it with --param m_Zp=30
            var m = definition.Model;
            var point = m.Point().With(m.Parameter("m_chi"), 10.0).With(m.Parameter("m_S"), 30.0).With(m.Parameter("y_chi"), 0.01)
                .With(m.Parameter("g_chi"), 0.01).With(m.Parameter("g_nu"), 0.01).With(m.Parameter("m_Zp"), 30.0);
            double direct;
            using (ModelInUse.Use(definition)) direct = NuDM.App.Cosmology.KernelCosmology.OmegaAt(point);
            Assert.That(row.Observables[0], Is.EqualTo(direct).Within(1e-12 * direct));
            // another value: another model hash (a store made with one is not resumed with the other)
            var other = NuDM.App.Scans.ScanSpec.Load(Write("o.yaml", ParamSpec.Replace("m_Zp: 30", "m_Zp: 40")));
            Assert.That(other.ModelHash, Is.Not.EqualTo(spec.ModelHash));
            // refusals, exit 2, naming param
            foreach (var (from, to, message) in new[]
                     {
                         ("m_Zp: 30", "m_Zp: 30, g_chi: 0.1", "param g_chi: a parameter of the scan; give it under parameters:"),
                         ("m_Zp: 30", "m_X: 30", "param m_X: not a parameter of model 'scalar-zprime'"),
                         ("m_Zp: 30", "m_Zp: 0", "param m_Zp = 0: a mass (mass of the vector Z') must be > 0 MeV"),
                         ("param: { m_Zp: 30 }\n", "", "model 'scalar-zprime' needs a value for m_Zp"),
                     })
            {
                var bad = Write("bad.yaml", ParamSpec.Replace(from, to));
                var r = await CliRun.Capture(["scan", "run", bad, "--out", Path.Combine(Path.GetDirectoryName(bad)!, "bad-out")]);
                if (message.StartsWith("model "))
                {
                    // no param: the points that need m_Zp carry the error in status (the scan itself runs)
                    Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
                    Assert.That(r.Error, Does.Contain("the parameter point has no value for m_Zp"), r.ToString());
                }
                else
                {
                    Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
                    Assert.That(r.Error, Does.Contain("param: " + message.Split(':')[0]).Or.Contain(message), r.ToString());
                    Assert.That(r.Error, Does.Contain(message), r.ToString());
                }
                CliRun.Delete(Path.Combine(Path.GetDirectoryName(bad)!, "bad-out"));
            }
            var builtIn = Write("b.yaml", "model: x-phi-nu\nparam: { m_Zp: 30 }\nsampling: grid\nparameters: {}\nobservables: [relic_coupling]\n");
            var rb = await CliRun.Capture(["scan", "run", builtIn]);
            Assert.That(rb.Exit, Is.EqualTo(2), rb.ToString());
            Assert.That(rb.Error, Does.Contain("param: gives values to a model file's parameters; model x-phi-nu is built in"), rb.ToString());
        });
    }
}
