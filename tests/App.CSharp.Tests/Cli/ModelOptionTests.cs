using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Cli;

/// <summary>
/// <c>--model FILE</c>: models/scalar.yaml gives the default's numbers exactly (it is proven to derive the same
/// canonical expressions, proof model.scalar-file); <c>nudm verify --model</c> prints the model's obligations; a model
/// that is malformed is refused with file, line and column, one with a spin-dependent quark coupling is refused for
/// coherent scattering, and a process the model lacks is "not in model", all with exit code 2.
/// </summary>
[NonParallelizable]
public class ModelOptionTests
{
    private static string Scalar => Path.Combine(ModelFile.ShippedFolder, "scalar.yaml");

    private static string Write(string text)
    {
        var dir = CliRun.TempPath("model");
        Directory.CreateDirectory(dir);
        var f = Path.Combine(dir, "my.yaml");
        File.WriteAllText(f, text);
        return f;
    }

    private static string Edited(string from, string to)
    {
        var text = File.ReadAllText(Scalar);
        Assert.That(text, Does.Contain(from));
        return text.Replace(from, to);
    }

    [Test]
    public async Task VerifyModelPrintsTheModelsObligationsAllProven()
    {
        var r = await CliRun.Capture(["verify", "--model", Scalar]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Out, Does.Contain("scalar-seed.xs-nuchi").And.Contain("scalar-seed.massless-limit").And.Contain("obligations of model 'scalar-seed' proven"));
        // by the shipped model's name too
        var byName = await CliRun.Capture(["verify", "--model", "scalar", "--csv"]);
        Assert.That(byName.Exit, Is.EqualTo(0), byName.ToString());
        Assert.That(byName.Out.Split('\n')[0], Is.EqualTo("id,title,statement,status,line,detail"));
    }

    [Test]
    public async Task TheScalarFileGivesTheDefaultsNumbersExactly()
    {
        string[][] commands =
        [
            ["limit", "--experiment", "coherent-csi-2017", "--vary", "mchi", "--points", "4", "--csv"],
            ["spectrum", "--experiment", "conus", "--ybar", "1e-4", "--mchi", "1", "--ms", "10", "--csv"],
            ["xsec", "--target", "Ge", "--enu", "10", "--mchi", "2", "--ms", "5", "--ybar", "1e-4", "--points", "4", "--csv"],
            ["relic", "--mx", "30", "--ratio", "3", "--csv"],
            ["kd", "--mx", "1", "--ratio", "3", "--yx", "0.1", "--csv"],
        ];
        foreach (var c in commands)
        {
            var byDefault = await CliRun.Capture(c);
            var byFile = await CliRun.Capture([.. c, "--model", Scalar]);
            Assert.That(byDefault.Exit, Is.EqualTo(0), byDefault.ToString());
            Assert.That(byFile.Exit, Is.EqualTo(0), byFile.ToString());
            Assert.That(byFile.Out, Is.EqualTo(byDefault.Out), string.Join(" ", c));
            Assert.That(byFile.Error, Does.Contain("model 'scalar-seed' from"));
        }
    }

    [Test]
    public async Task AMalformedModelIsRefusedWithFileLineAndColumn()
    {
        var f = Write(Edited("\"y_chi bar(chi) P_L nu S + h.c.\"", "\"y_chi bar(chi) P_L nux S + h.c.\""));
        var r = await CliRun.Capture(["limit", "--model", f, "--experiment", "coherent-csi-2017", "--vary", "mchi", "--points", "3"]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Match(@"my\.yaml: line \d+, column \d+: 'nux' is not a declared field"));
        Assert.That(r.Error, Does.Not.Contain("   at "));
        var v = await CliRun.Capture(["verify", "--model", f]);
        Assert.That(v.Exit, Is.EqualTo(2), v.ToString());
    }

    [Test]
    public async Task AModelWithAFalseObligationIsRefusedAndVerifyShowsWhich()
    {
        var f = Write(Edited("equals: \"y_chi^2*m_S/(8*pi)\"", "equals: \"y_chi^2*m_S/(16*pi)\""));
        var r = await CliRun.Capture(["relic", "--model", f, "--mx", "30", "--ratio", "3"]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("the model is refused: obligation scalar-seed.width-massless FAILED"));
        var v = await CliRun.Capture(["verify", "--model", f]);
        Assert.That(v.Exit, Is.EqualTo(1), v.ToString());
        Assert.That(v.Out, Does.Contain("FAILED").And.Contain("1 of "));
    }

    /// <summary>An own obligation that is true but that the core cannot decide (sin and cos are independent to it):
    /// the width's m_χ → 0 limit times sin²(y_χ) + cos²(y_χ).</summary>
    private static string UndecidedModel() =>
        Write(Edited("equals: \"y_chi^2*m_S/(8*pi)\"", "equals: \"y_chi^2*m_S*(sin(y_chi)^2 + cos(y_chi)^2)/(8*pi)\""));

    [Test]
    public async Task AnUndecidedObligationWarnsOnEveryLoadAndVerifyExitsThree()
    {
        var check = await CliRun.Capture(["check", "sin(y_chi)^2 + cos(y_chi)^2 = 1"]);
        Assert.That(check.Exit, Is.EqualTo(3), check.ToString()); // the core's undecided exit, which verify shares
        var f = UndecidedModel();
        const string warning = "warning: model 'scalar-seed': obligation scalar-seed.width-massless (lim m_chi→0 width of S → χ ν̄ = ";
        // the model loads, warns, and the command computes; twice: the second load comes from the cache and warns again
        var byDefault = await CliRun.Capture(["relic", "--mx", "30", "--ratio", "3", "--csv"]);
        for (int run = 0; run < 2; run++)
        {
            var r = await CliRun.Capture(["relic", "--model", f, "--mx", "30", "--ratio", "3", "--csv"]);
            Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
            Assert.That(r.Out, Is.EqualTo(byDefault.Out));
            Assert.That(r.Error, Does.Contain(warning).And.Contain("is UNDECIDED — ").And.Contain("results that use it are not certified"), $"run {run}");
            Assert.That(r.Error, Does.Contain(run == 0 ? "26 obligations proven, 1 UNDECIDED" : "verified before: cached; 26 obligations proven, 1 UNDECIDED"));
        }
        var v = await CliRun.Capture(["verify", "--model", f]);
        Assert.That(v.Exit, Is.EqualTo(3), v.ToString());
        Assert.That(v.Out, Does.Contain("UNDECIDED").And.Contain("1 of 27 obligations of model 'scalar-seed' not proven (1 UNDECIDED)"));
        Assert.That(v.Error, Does.Contain(warning));
        var csv = await CliRun.Capture(["verify", "--model", f, "--csv"]);
        Assert.That(csv.Exit, Is.EqualTo(3), csv.ToString());
        Assert.That(csv.Out, Does.Contain("scalar-seed.width-massless,").And.Contain(",undecided,"));
        // a failed obligation beside it still refuses (exit 2 for a command, 1 for verify)
        var g = Write(File.ReadAllText(f).Replace("(m_S^2 - m_chi^2)^2/(8*pi*m_S^3)", "(m_S^2 - m_chi^2)^2/(4*pi*m_S^3)"));
        var refused = await CliRun.Capture(["relic", "--model", g, "--mx", "30", "--ratio", "3"]);
        Assert.That(refused.Exit, Is.EqualTo(2), refused.ToString());
        Assert.That(refused.Error, Does.Match(@"my\.yaml: line \d+, column \d+: the model is refused: obligation scalar-seed\.width FAILED"));
        var failed = await CliRun.Capture(["verify", "--model", g]);
        Assert.That(failed.Exit, Is.EqualTo(1), failed.ToString());
        Assert.That(failed.Out, Does.Contain("(1 FAILED, 1 UNDECIDED): the model is refused by the other commands"));
    }

    [Test]
    public async Task ASpinDependentQuarkCouplingIsRefusedForCoherentScattering()
    {
        var text = Edited("quarks: \"y_q bar(q) q S\"", "quarks: \"y_q bar(q) i gamma5 q S\"").Replace("\"y_N bar(N) N S\"", "\"y_N bar(N) i gamma5 N S\"");
        var f = Write(text[..text.IndexOf("obligations:", StringComparison.Ordinal)]);
        var v = await CliRun.Capture(["verify", "--model", f]);
        Assert.That(v.Exit, Is.EqualTo(0), v.ToString());
        foreach (var c in new[] { new[] { "spectrum", "--experiment", "conus" }, ["limit", "--experiment", "coherent-csi-2017", "--vary", "mchi", "--points", "3"] })
        {
            var r = await CliRun.Capture([.. c, "--model", f]);
            Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
            Assert.That(r.Error, Does.Contain("spin-dependent, not coherent"));
        }
    }

    [Test]
    public async Task AProcessTheModelLacksIsNotInModel()
    {
        // the nucleus couples to a second scalar S2, χ and ν to S: nothing joins the two lines, so ν N → χ N is absent
        var text = Edited("\"y_N bar(N) N S\"", "\"y_N bar(N) N S2\"")
            .Replace("quarks: \"y_q bar(q) q S\"", "quarks: \"y_q bar(q) q S2\"")
            .Replace("  m_S:   { role: mass", "  m_S2:  { role: mass, unit: MeV }\n  m_S:   { role: mass")
            .Replace("  S:   { kind: real-scalar", "  S2:  { kind: real-scalar, mass: m_S2 }\n  S:   { kind: real-scalar");
        var f = Write(text[..text.IndexOf("obligations:", StringComparison.Ordinal)]);
        var s = await CliRun.Capture(["spectrum", "--model", f, "--experiment", "conus"]);
        Assert.That(s.Exit, Is.EqualTo(2), s.ToString());
        Assert.That(s.Error, Does.Contain("ν N → χ N is not in model 'scalar-seed'"));
        // an obligation about an absent process is refused at its line
        var g = Write(text);
        var v = await CliRun.Capture(["verify", "--model", g]);
        Assert.That(v.Exit, Is.EqualTo(2), v.ToString());
        Assert.That(v.Error, Does.Match(@"line \d+, column \d+: obligation scalar-seed.xs-nuchi: ν N → χ N is not in model 'scalar-seed'"));
    }

    [Test]
    public async Task AFieldThatCouplesToNothingIsRefusedAtItsLine()
    {
        var text = Edited("  - term: \"y_chi bar(chi) P_L nu S + h.c.\"\n", "  - term: \"y_chi bar(chi) chi S\"\n");
        var f = Write(text);
        var r = await CliRun.Capture(["relic", "--model", f, "--mx", "30", "--ratio", "3"]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Match(@"line \d+, column \d+: the field nu appears in no interaction term"));
    }

    [Test]
    public async Task AMissingModelFileIsBadInput()
    {
        var r = await CliRun.Capture(["xsec", "--model", "no-such-model.yaml", "--target", "Ge", "--enu", "10", "--ybar", "1e-4"]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("no-such-model.yaml: no such model file"));
    }

    [TestCase("majorana", "(Majorana X,")]
    [TestCase("scalar", "(Dirac X,")]
    public async Task TheRelicLineNamesTheModelsKindOfDarkFermion(string model, string label)
    {
        // it said "Dirac X" for every model, the Majorana one included (whose Ωh² counts χ once)
        var r = await CliRun.Capture(["relic", "--model", model, "--mx", "10"]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Out, Does.Contain(label), r.ToString());
    }
}
