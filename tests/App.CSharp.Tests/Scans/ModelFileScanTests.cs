using NUnit.Framework;
using NuDM.App.Cosmology;
using NuDM.App.Scans;
using NuDM.App.Tests.Cli;
using NuDM.Physics;

namespace NuDM.App.Tests.Scans;

/// <summary>
/// Scans over a model file (<c>model: models/vector.yaml</c>): the observables go through the kernel's model API, a
/// process the model lacks refuses the observable when the spec is read, an edited model file refuses a resume, and
/// models/scalar.yaml gives the numbers of the built-in x-phi-nu model at the same physical points.
/// </summary>
[NonParallelizable]
public class ModelFileScanTests
{
    private string _dir = "";

    [SetUp]
    public void Folder()
    {
        _dir = CliRun.TempPath("scanmodel");
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void Clean() => CliRun.Delete(_dir);

    private string Write(string name, string text)
    {
        var p = Path.Combine(_dir, name);
        File.WriteAllText(p, text);
        return p;
    }

    /// <summary>A shipped model file copied next to the spec (so the spec can name it by a relative path).</summary>
    private string CopyShipped(string name)
    {
        var shipped = ModelFile.Resolve(name);
        Assert.That(File.Exists(shipped), $"the shipped model {name} is found ({shipped})");
        var copy = Path.Combine(_dir, name + ".yaml");
        File.Copy(shipped, copy);
        return copy;
    }

    private const string VectorSpec = """
        model: vector.yaml
        sampling: grid
        parameters:
          m_chi: { from: 10, to: 20, scale: log, points: 2 }
          m_V: 30
          g_chi: { from: 0.01, to: 0.1, scale: log, points: 2 }
          gbar: { from: 1e-5, to: 1e-3, scale: log, points: 2 }
        observables:
          - relic_coupling
          - omega_h2
          - delta_chi2: { experiment: coherent-csi-2017 }
        """;

    /// <summary>
    /// A small vector.yaml scan end to end through the CLI: every point ok, the parameters are the file's (m_chi, m_V,
    /// g_chi, gbar), the relic coupling is that of <c>nudm relic --model vector</c> (the same kernel process), Ωh² at that
    /// coupling is 0.120, and the COHERENT Δχ² grows with ḡ (counts ∝ ḡ⁴, the power the kernel derives).
    /// </summary>
    [Test]
    public async Task AVectorModelScanRunsEndToEnd()
    {
        CopyShipped("vector");
        var spec = Write("v.yaml", VectorSpec);
        var r = await CliRun.Capture(["scan", "run", spec, "--threads", "2"]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        using var s = ScanStore.OpenRead(Path.Combine(_dir, "v.scan", "scan.sqlite"));
        var m = s.Metadata;
        Assert.That(m.Model, Is.EqualTo("vector"));
        Assert.That(m.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "m_chi", "m_V", "g_chi", "gbar" }));
        Assert.That(m.Observables.Select(o => o.Name), Is.EqualTo(new[] { "relic_g_chi", "omega_h2", "dchi2_coherent_csi_2017" }));
        var rows = s.Rows().ToList();
        Assert.That(rows, Has.Count.EqualTo(8));
        Assert.That(rows.Select(x => x.Status), Is.All.EqualTo("ok"));

        var vector = ModelFile.Load(ModelFile.Resolve("vector"), null!, "test");
        using (ModelInUse.Use(vector))
            foreach (var mass in new[] { 10.0, 20.0 })
            {
                var relic = KernelCosmology.RelicCoupling(mass, 30 / mass).Coupling;
                Assert.That(rows.Where(x => x.Parameters[0] == mass).Select(x => x.Observables[0]), Is.All.EqualTo(relic).Within(1e-10 * relic), $"m_chi = {mass}");
            }
        // Ωh² ∝ g_χ⁻⁴ roughly: a coupling 10× larger gives a density ~10⁴ smaller
        var low = rows.First(x => x.Parameters[2] == 0.01).Observables[1];
        var high = rows.First(x => x.Parameters[2] == 0.1 && x.Parameters[0] == 10 && x.Parameters[3] == 1e-5).Observables[1];
        Assert.That(low / high, Is.InRange(5e3, 2e4));
        // Δχ² does not depend on g_chi, and ḡ = 1e-3 is excluded where ḡ = 1e-5 is not
        foreach (var x in rows)
        {
            var twin = rows.Single(y => y.Parameters[0] == x.Parameters[0] && y.Parameters[3] == x.Parameters[3] && y.Parameters[2] != x.Parameters[2]);
            Assert.That(x.Observables[2], Is.EqualTo(twin.Observables[2]), "Δχ² is independent of g_chi");
            Assert.That(x.Observables[2], x.Parameters[3] == 1e-3 ? Is.GreaterThan(2.706) : Is.LessThan(0.1), $"ḡ = {x.Parameters[3]}");
        }
    }

    /// <summary>The Δχ² column of a vector.yaml scan is the statistic of <c>nudm limit --model vector</c>: 2.7055 at its
    /// 90% CL ḡ, and the χ² of the vector model's spectrum (<see cref="NuDM.App.Cevns.CevnsModel.SpectrumAt"/>) minus the SM's.</summary>
    [Test]
    public void DeltaChiSquareOfAVectorScanIsTheStatisticOfTheLimit()
    {
        CopyShipped("vector");
        var spec = ScanSpec.Load(Write("v.yaml", VectorSpec));
        var o = spec.Observables.Single(x => x.Name == "dchi2_coherent_csi_2017");
        var vector = ((FileScanModel)spec.Model).Definition;
        double m = 5, ms = 15, threshold = NuDM.App.Statistics.ConfidenceLevels.DeltaChiSquare(NuDM.App.Statistics.ConfidenceLevels.Ninety, 1);
        double limit, expected, g = 3e-4;
        using (ModelInUse.Use(vector))
        {
            var model = NuDM.App.Cevns.LimitCurves.Model("coherent-csi-2017");
            var l = model.YbarLimit(m, ms);
            Assert.That(l.IsConstrained, Is.True);
            limit = l.Value;
            var stat = NuDM.App.Cevns.ExperimentStatistics.Create(model.Experiment, model.StandardModel);
            expected = stat.Minimise(model.SpectrumAt(g, m, ms).Total).Value - stat.Minimise(model.StandardModel).Value;
        }
        // evaluated outside the scope (as on a worker thread): the observable sets the model itself
        Assert.That(ModelInUse.IsDefault, Is.True);
        Assert.That(o.Evaluate([m, ms, 0.1, limit]).Value, Is.EqualTo(threshold).Within(threshold * 1e-5));
        Assert.That(o.Evaluate([m, ms, 0.1, g]).Value, Is.EqualTo(expected).Within(1e-12 * Math.Abs(expected)));
        // the vector's ḡ limit is not the scalar's: the model file is what is computed
        var scalar = NuDM.App.Cevns.LimitCurves.Model("coherent-csi-2017").YbarLimit(m, ms).Value;
        Assert.That(Math.Abs(limit / scalar - 1), Is.GreaterThan(1e-3), $"vector ḡ_90 = {limit}, scalar ȳ_90 = {scalar}");
    }

    /// <summary>T_KD of a pseudoscalar.yaml scan is the kernel's χ ν → χ ν of that model (<c>nudm kd --model pseudoscalar</c>)
    /// to the table's 1e-7, evaluated without a model scope (the observable sets it).</summary>
    [Test]
    public void KineticDecouplingOfAPseudoscalarScanIsThatModelsSolve()
    {
        CopyShipped("pseudoscalar");
        var spec = ScanSpec.Load(Write("p.yaml", """
            model: pseudoscalar.yaml
            sampling: grid
            parameters:
              m_chi: { from: 10, to: 20, points: 2 }
              m_phi: 30
              y_chi: 0.1
            observables:
              - kinetic_decoupling
            """));
        Assert.That(spec.Model.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "m_chi", "m_phi", "y_chi" }), "pseudoscalar.yaml declares no effective coupling");
        var tkd = spec.Observables.Single(o => o.Name == "T_KD_keV").Evaluate([10, 30, 0.1]).Value;
        double direct;
        using (ModelInUse.Use(((FileScanModel)spec.Model).Definition))
            direct = KernelCosmology.KineticDecoupling(10, 3, 0.1).Temperature / CosmologyUnits.KeV;
        Assert.That(tkd, Is.EqualTo(direct).Within(1e-7 * direct));
        // on a left-handed neutrino iγ5 ν = −i P_L ν: the χ–φ–ν vertex, hence χ ν → χ ν and T_KD, is the seeds' scalar one
        var seed = KernelCosmology.KineticDecoupling(10, 3, 0.1).Temperature / CosmologyUnits.KeV;
        Assert.That(tkd, Is.EqualTo(seed).Within(1e-7 * seed), "pseudoscalar and scalar dark vertices give one |M|² on a left-handed ν");
    }

    /// <summary>An observable whose process the model does not have is refused when the spec is read (exit code 2),
    /// naming the observable, the process and the model; so is one the program does not compute for a model file.</summary>
    [TestCase("light-vector", "m_V: 10\n  g_q: 1e-3", "relic_coupling", "χ χ̄ → ν ν̄")]
    [TestCase("light-vector", "m_V: 10\n  g_q: 1e-3", "kinetic_decoupling", "χ ν → χ ν")]
    [TestCase("pseudoscalar", "m_chi: 10\n  m_phi: 30\n  y_chi: 0.1", "delta_chi2: { experiment: coherent-csi-2017 }", "ν N → χ N")]
    [TestCase("vector", "m_chi: 10\n  m_V: 30\n  g_chi: 0.1\n  gbar: 1e-4", "direct_detection", "χ N → ν N")]
    [TestCase("vector", "m_chi: 10\n  m_V: 30\n  g_chi: 0.1\n  gbar: 1e-4", "kaon", "K⁺ → π⁺φ")]
    public async Task AnObservableTheModelLacksIsRefusedNamingTheProcess(string model, string parameters, string observable, string process)
    {
        CopyShipped(model);
        // the first parameter varies (a spec must vary one)
        var lines = parameters.Split('\n');
        var first = lines[0].Split(':');
        lines[0] = $"{first[0]}: {{ from: {first[1].Trim()}, to: {double.Parse(first[1]) * 2}, points: 2 }}";
        var spec = Write("s.yaml", $"model: {model}.yaml\nsampling: grid\nparameters:\n  {string.Join("\n", lines)}\nobservables:\n  - {observable}\n");
        var r = await CliRun.Capture(["scan", "run", spec]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        var name = observable.Split(':')[0];
        Assert.That(r.Error, Does.Contain($"observable '{name}'").And.Contain(process).And.Contain($"model '{model}'"));
        Assert.That(File.Exists(Path.Combine(_dir, "s.scan", "scan.sqlite")), Is.False, "nothing is computed");
    }

    /// <summary>A parameter is the file's, by its name there, checked against the file's range (and the solvers'):
    /// exit code 2 naming the parameter.</summary>
    [Test]
    public async Task AParameterOutsideTheFilesRangeIsRefusedByName()
    {
        CopyShipped("vector");
        var spec = Write("s.yaml", VectorSpec.Replace("g_chi: { from: 0.01, to: 0.1", "g_chi: { from: 0.01, to: 4"));
        var r = await CliRun.Capture(["scan", "run", spec]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("parameters.g_chi.to").And.Contain("g_chi = 4").And.Contain("perturbativity"));
        // a parameter of the seeds' notation is not one of vector.yaml's
        var seed = Write("t.yaml", VectorSpec.Replace("m_V: 30", "r: 3"));
        var t = await CliRun.Capture(["scan", "run", seed]);
        Assert.That(t.Exit, Is.EqualTo(2), t.ToString());
        Assert.That(t.Error, Does.Contain("model vector has no parameter 'r'").And.Contain("m_chi, m_V, g_chi, gbar"));
    }

    /// <summary>Two points of the vector model beside a copy of vector.yaml (Ωh² only: quick).</summary>
    private const string TwoPointVectorSpec = """
        model: vector.yaml
        sampling: grid
        parameters:
          m_chi: { from: 10, to: 20, points: 2 }
          m_V: 30
          g_chi: 0.1
          gbar: 1e-4
        observables:
          - omega_h2
        """;

    /// <summary>The store keeps the model file's content hash: resuming after the file was edited is refused (exit
    /// code 2, naming the model); the unedited file resumes.</summary>
    [Test]
    public async Task ResumingWithAnEditedModelFileIsRefused()
    {
        var model = CopyShipped("vector");
        var spec = Write("v.yaml", TwoPointVectorSpec);
        var first = await CliRun.Capture(["scan", "run", spec]);
        Assert.That(first.Exit, Is.EqualTo(0), first.ToString());
        var again = await CliRun.Capture(["scan", "run", spec]);
        Assert.That(again.Exit, Is.EqualTo(0), again.ToString());
        Assert.That(again.Error, Does.Contain("resuming: 2 of 2 points are stored"));

        File.AppendAllText(model, "# an edit: the same physics, another file\n");
        var edited = await CliRun.Capture(["scan", "run", spec]);
        Assert.That(edited.Exit, Is.EqualTo(2), edited.ToString());
        Assert.That(edited.Error, Does.Contain("was made with other inputs").And.Contain("the model (vector hash"));
    }

    /// <summary><c>scan run --model FILE</c> is checked against the spec, which is where a scan's model is named: the
    /// spec's own model file (the same content, here the shipped vector.yaml) runs; another model is refused (exit 2).</summary>
    [Test]
    public async Task TheModelOptionMustNameTheSpecsModel()
    {
        CopyShipped("vector");
        var spec = Write("v.yaml", TwoPointVectorSpec);
        var other = await CliRun.Capture(["scan", "run", spec, "--model", "scalar"]);
        Assert.That(other.Exit, Is.EqualTo(2), other.ToString());
        Assert.That(other.Error, Does.Contain("--model scalar").And.Contain("model 'vector'").And.Contain("a scan's model is written in its spec"));
        var same = await CliRun.Capture(["scan", "run", spec, "--model", "vector"]);
        Assert.That(same.Exit, Is.EqualTo(0), same.ToString());
        var seed = Write("s.yaml", ScanRunTests.Spec);
        var builtIn = await CliRun.Capture(["scan", "run", seed, "--model", "scalar"]);
        Assert.That(builtIn.Exit, Is.EqualTo(2), builtIn.ToString());
        Assert.That(builtIn.Error, Does.Contain("the built-in model x-phi-nu"));
    }

    /// <summary>
    /// models/scalar.yaml is the seeds' model: at the same physical points (m_chi = m_X, m_S = r m_X, y_chi = y_X,
    /// ȳ = √(y_X y_p)) its relic coupling, Ωh², T_KD, Lyman-α ratio and COHERENT Δχ² equal x-phi-nu's to 1e-10.
    /// </summary>
    [Test]
    public void TheScalarModelFileGivesTheNumbersOfXPhiNu()
    {
        CopyShipped("scalar");
        const string observables = """
            observables:
              - relic_coupling
              - omega_h2
              - kinetic_decoupling
              - delta_chi2: { experiment: coherent-csi-2017 }
            """;
        var seed = ScanSpec.Parse("""
            model: x-phi-nu
            sampling: grid
            parameters:
              m_X: { from: 10, to: 20, points: 2 }
              r: { from: 3, to: 5, points: 2 }
              y_X: { from: 0.01, to: 0.1, scale: log, points: 2 }
              y_q: 1e-6
            """ + "\n" + observables, Path.Combine(_dir, "seed.yaml"));
        var file = ScanSpec.Parse("""
            model: scalar.yaml
            sampling: grid
            parameters:
              m_chi: { from: 10, to: 20, points: 2 }
              m_S: { from: 30, to: 100, points: 2 }
              y_chi: { from: 0.01, to: 0.1, scale: log, points: 2 }
              ybar: 1e-4
            """ + "\n" + observables, Path.Combine(_dir, "file.yaml"));
        Assert.That(file.Model.Name, Is.EqualTo("scalar-seed"));
        Assert.That(file.Observables.Select(o => o.Name),
            Is.EqualTo(seed.Observables.Select(o => o.Name == "relic_y_X" ? "relic_y_chi" : o.Name)), "the same columns (the relic one named by the file's coupling)");
        var p = new double[4];
        int compared = 0;
        for (long i = 0; i < seed.Count; i++)
        {
            seed.Point(i, p);
            double mX = p[0], r = p[1], yX = p[2], yq = p[3];
            double[] q = [mX, r * mX, yX, Math.Sqrt(yX * ModelConstraints.ProtonCoupling(yq))];
            for (int o = 0; o < seed.Observables.Count; o++)
            {
                var a = seed.Observables[o].Evaluate(p);
                var b = file.Observables[o].Evaluate(q);
                Assert.That(b.HasValue, Is.EqualTo(a.HasValue), $"{seed.Observables[o].Name} at point {i}: {a.Reason} / {b.Reason}");
                if (!a.HasValue) continue;
                Assert.That(b.Value, Is.EqualTo(a.Value).Within(1e-10 * Math.Abs(a.Value)), $"{seed.Observables[o].Name} at m_X = {mX}, r = {r}, y_X = {yX}");
                compared++;
            }
        }
        Assert.That(compared, Is.GreaterThanOrEqualTo(30), "most cells have values");
    }
}
