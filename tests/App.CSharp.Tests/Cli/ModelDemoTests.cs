using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Cli;

/// <summary>
/// The models-as-data issue's "done when": a user copies models/vector.yaml, edits it, and runs the two commands the
/// README shows (<c>nudm verify --model my.yaml</c>, <c>nudm limit --model my.yaml --experiment coherent-csi-2017
/// --vary mchi</c>). (a) An axial quark coupling verifies but is refused by the coherent limit (spin-dependent).
/// (b) P_R on the left-handed neutrino makes the term vanish: refused at its line; a chirality edit that is physical on
/// a left-handed ν (γ^μ γ5 ν = −γ^μ P_L ν, or the conjugate term written with ν̄) loads and gives the shipped model's
/// COHERENT limit. (c) A typo in a field name is refused with file:line:column.
/// </summary>
[NonParallelizable]
public class ModelDemoTests
{
    private static string Shipped => Path.Combine(ModelFile.ShippedFolder, "vector.yaml");

    private static readonly string[] Limit = ["limit", "--experiment", "coherent-csi-2017", "--vary", "mchi", "--points", "4", "--csv"];

    /// <summary>models/vector.yaml copied to a fresh folder as my.yaml, with the replacements (each must occur).</summary>
    private static string MyCopy(params (string From, string To)[] edits)
    {
        var text = File.ReadAllText(Shipped);
        foreach (var (from, to) in edits)
        {
            Assert.That(text, Does.Contain(from), "the edit's text is in vector.yaml");
            text = text.Replace(from, to, StringComparison.Ordinal);
        }
        var dir = CliRun.TempPath("demo");
        Directory.CreateDirectory(dir);
        var f = Path.Combine(dir, "my.yaml");
        File.WriteAllText(f, text);
        return f;
    }

    /// <summary>The 1-based line and column of the first occurrence of <paramref name="needle"/> in the file.</summary>
    private static (int Line, int Column) PositionOf(string file, string needle)
    {
        var lines = File.ReadAllLines(file);
        for (int i = 0; i < lines.Length; i++)
        {
            int c = lines[i].IndexOf(needle, StringComparison.Ordinal);
            if (c >= 0) return (i + 1, c + 1);
        }
        throw new AssertionException($"'{needle}' is not in {file}");
    }

    [Test]
    public async Task TheShippedVectorModelVerifiesAndGivesACoherentLimit()
    {
        var v = await CliRun.Capture(["verify", "--model", MyCopy()]);
        Assert.That(v.Exit, Is.EqualTo(0), v.ToString());
        Assert.That(v.Out, Does.Contain("vector.width-massless").And.Contain("obligations of model 'vector' proven"));
        // every process is derived, the external-vector ones (χ χ̄ → V V, V V → …) included: none is listed as not derived
        Assert.That(v.Out, Does.Not.Contain("not derived"));
        Assert.That(v.Out, Does.Contain("χ χ̄ → V V: dimensions").And.Contain("V V → ν ν̄: dimensions"));
        var r = await CliRun.Capture([.. Limit, "--model", MyCopy()]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var first = r.Out.Split('\n')[1].Split(',');
        Assert.That(double.Parse(first[0], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(0.1));
        var limit = double.Parse(first[1], System.Globalization.CultureInfo.InvariantCulture);
        // a finite limit on ḡ (dσ/dT ∝ 9A² ḡ⁴), perturbative and far above zero
        Assert.That(limit, Is.GreaterThan(1e-6).And.LessThan(1e-3));
    }

    [Test]
    public async Task AnAxialQuarkCouplingVerifiesButTheCoherentLimitRefusesIt()
    {
        var f = MyCopy(("\"g_N bar(N) gamma^mu N V_mu\"", "\"g_N bar(N) gamma^mu gamma5 N V_mu\""),
                       ("quarks: \"g_q bar(q) gamma^mu q V_mu\"", "quarks: \"g_q bar(q) gamma^mu gamma5 q V_mu\""));
        var v = await CliRun.Capture(["verify", "--model", f]);
        Assert.That(v.Exit, Is.EqualTo(0), v.ToString());
        Assert.That(v.Out, Does.Contain("obligations of model 'vector' proven"));
        var r = await CliRun.Capture([.. Limit, "--model", f]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("g_q bar(q) gamma^mu gamma5 q V_mu, which matches onto the nuclear spin")
            .And.Contain("spin-dependent, not coherent"));
        Assert.That(r.Error, Does.Not.Contain("   at "));
    }

    [Test]
    public async Task PRightOnTheLeftHandedNeutrinoVanishesAndIsRefusedAtItsLine()
    {
        var f = MyCopy(("g_chi bar(chi) gamma^mu P_L nu V_mu", "g_chi bar(chi) gamma^mu P_R nu V_mu"));
        var (line, termColumn) = PositionOf(f, "term: \"g_chi bar(chi) gamma^mu P_R nu");
        // the column of the Dirac structure inside the term
        int column = termColumn + File.ReadAllLines(f)[line - 1][(termColumn - 1)..].IndexOf("gamma^mu", StringComparison.Ordinal);
        foreach (var args in new[] { new[] { "verify", "--model", f }, [.. Limit, "--model", f] })
        {
            var r = await CliRun.Capture(args);
            Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
            Assert.That(r.Error, Does.Contain($"my.yaml: line {line}, column {column}: the term 'g_chi bar(chi) gamma^mu P_R nu V_mu + h.c.' vanishes: P_R nu = 0 for the left-handed neutrino nu"));
        }
    }

    [Test]
    public async Task AChiralityEditThatIsPhysicalOnALeftHandedNeutrinoLoadsAndGivesTheSameLimit()
    {
        var shipped = await CliRun.Capture([.. Limit, "--model", MyCopy()]);
        Assert.That(shipped.Exit, Is.EqualTo(0), shipped.ToString());
        // γ^μ γ5 ν = −γ^μ P_L ν on a left-handed ν (γ5 P_L = −P_L): the phase drops from |M|²; and the conjugate term
        // ν̄ γ^μ P_L χ = (P_L ν)‾ γ^μ χ written instead of χ̄ γ^μ P_L ν is the same Lagrangian
        foreach (var to in new[] { "g_chi bar(chi) gamma^mu gamma5 nu V_mu", "g_chi bar(nu) gamma^mu P_L chi V_mu" })
        {
            var f = MyCopy(("g_chi bar(chi) gamma^mu P_L nu V_mu", to));
            var v = await CliRun.Capture(["verify", "--model", f]);
            Assert.That(v.Exit, Is.EqualTo(0), v.ToString());
            var r = await CliRun.Capture([.. Limit, "--model", f]);
            Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
            var a = shipped.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var b = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(b.Length, Is.EqualTo(a.Length));
            for (int i = 1; i < a.Length; i++)
            {
                var x = a[i].Split(',');
                var y = b[i].Split(',');
                Assert.That(y[0], Is.EqualTo(x[0]));
                if (x[1].Length == 0) { Assert.That(y[1], Is.Empty); continue; }
                Assert.That(double.Parse(y[1], System.Globalization.CultureInfo.InvariantCulture),
                    Is.EqualTo(double.Parse(x[1], System.Globalization.CultureInfo.InvariantCulture)).Within(1e-9).Percent, to);
            }
        }
    }

    [Test]
    public async Task ATypoInAFieldNameIsRefusedWithFileLineAndColumn()
    {
        var f = MyCopy(("g_chi bar(chi) gamma^mu P_L nu V_mu", "g_chi bar(chi) gamma^mu P_L nu Vv_mu"));
        var (line, column) = PositionOf(f, "Vv_mu");
        var r = await CliRun.Capture(["verify", "--model", f]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain($"my.yaml: line {line}, column {column}: 'Vv_mu' is not a declared field"));
    }

    [Test]
    public async Task TheShippedPseudoscalarAndLightVectorFilesVerifyAndTheCoherentCommandsSayWhyTheyDoNotApply()
    {
        foreach (var (file, reason) in new[]
                 {
                     ("pseudoscalar.yaml", "spin-dependent, not coherent"),
                     ("light-vector.yaml", "has no dark fermion; vary its mediator's mass with --vary ms"),
                 })
        {
            var f = Path.Combine(ModelFile.ShippedFolder, file);
            var v = await CliRun.Capture(["verify", "--model", f]);
            Assert.That(v.Exit, Is.EqualTo(0), v.ToString());
            var r = await CliRun.Capture([.. Limit, "--model", f]);
            Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
            Assert.That(r.Error, Does.Contain(reason));
        }
    }

    [Test]
    public async Task XsecWithTheLightVectorFileTabulatesTheInterferingCrossSection()
    {
        string[] xsec = ["xsec", "--model", "light-vector", "--target", "CsI", "--enu", "30", "--ms", "10", "--ybar", "1e-5", "--points", "3", "--csv"];
        static (double Both, double Sm)[] Rows(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(',')).Select(f => (double.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), double.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        // g_ν = 0: the SM itself (at T → 0 the exact-kinematics factor K and seed 000 eq. 11's 1 − MT/(2E²) agree)
        var off = await CliRun.Capture([.. xsec, "--gnu", "0"]);
        Assert.That(off.Exit, Is.EqualTo(0), off.ToString());
        var r0 = Rows(off.Out);
        Assert.That(r0[0].Both, Is.EqualTo(r0[0].Sm).Within(1e-9).Percent);
        // g_ν g_q < 0 interferes constructively at low T (Q' = Q_W − (√2/G_F) g_ν 3A g_q/(2MT + m²) > Q_W), > 0 destructively
        var constructive = Rows((await CliRun.Capture([.. xsec, "--gnu", "-1e-5"])).Out);
        var destructive = Rows((await CliRun.Capture([.. xsec, "--gnu", "1e-5"])).Out);
        Assert.That(constructive[0].Both, Is.GreaterThan(1.5 * constructive[0].Sm));
        Assert.That(destructive[0].Both, Is.LessThan(destructive[0].Sm));
        // a coupling outside its range is bad input
        var bad = await CliRun.Capture([.. xsec, "--gnu", "10"]);
        Assert.That(bad.Exit, Is.EqualTo(2), bad.ToString());
        Assert.That(bad.Error, Does.Contain("--gnu"));
    }
}
