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
}
