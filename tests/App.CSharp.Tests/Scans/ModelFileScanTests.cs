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

    /// <summary>A T_KD that could not be computed because γ could not be integrated to its tolerance is an error of the
    /// point (its status column), never an empty cell as if T_KD did not apply. Found at this point of the Majorana
    /// model: the search started exactly at the validity limit, where k = 60 T_ν lies on the s-channel pole and the
    /// t-average of the interfering s and u graphs missed its tolerance; the cell was empty with status "ok". The search
    /// now starts 0.1 % below the limit (KineticDecoupling.ValidityMargin) and T_KD is computed, equal to kd's.</summary>
    [Test]
    public void AKineticDecouplingRateThatDoesNotConvergeIsAnErrorNotAnEmptyCell()
    {
        CopyShipped("majorana");
        var spec = ScanSpec.Load(Write("mj.yaml", """
            model: majorana.yaml
            sampling: grid
            parameters:
              m_chi: { from: 5, to: 6, points: 2 }
              m_S: 30
              y_chi: 1e-3
              ybar: 1e-4
            observables:
              - kinetic_decoupling
            """));
        var tkd = spec.Observables.Single(o => o.Name == "T_KD_keV");
        bool failed = false;
        try
        {
            var v = tkd.Evaluate([5, 30, 1e-3, 1e-4]);
            Assert.That(v.HasValue || !v.Reason!.Contains("could not be integrated"), Is.True, v.Reason);
        }
        catch (RateNotConvergedException e)
        {
            failed = true;
            Assert.That(e.Message, Does.Contain("could not be integrated to its tolerance"));
        }
        var row = new PointEvaluator(spec).Evaluate(0);
        if (failed)
            Assert.That(row.Status, Does.StartWith("T_KD_keV: ").And.Contain("could not be integrated"), "the empty cell comes with its error");
        Assert.That(failed, Is.False, "with the search 0.1 % below the validity limit the rate converges here");
        double direct;
        using (ModelInUse.Use(((FileScanModel)spec.Model).Definition))
            direct = KernelCosmology.KineticDecoupling(5, 6, 1e-3).Temperature / CosmologyUnits.KeV;
        Assert.That(row.Observables[0], Is.EqualTo(direct).Within(1e-7 * direct), "the scan's T_KD is kd's");
    }

    /// <summary>The relic columns' descriptions name the kind of dark fermion they compute with: majorana.yaml's χ is its
    /// own antiparticle (Ωh² counts χ; KernelCosmology.Nature), scalar.yaml's is Dirac (χ and χ̄). Before, both said
    /// "Dirac χ" (the numbers were Majorana's: only the text was wrong).</summary>
    [TestCase("majorana", "Majorana χ", "Ωh² of χ by")]
    [TestCase("scalar", "Dirac χ", "Ωh² of χ + χ̄ by")]
    public void TheRelicColumnsSayWhichKindOfDarkFermionTheyCount(string model, string kind, string counted)
    {
        CopyShipped(model);
        var spec = ScanSpec.Load(Write(model + "-relic.yaml", $$"""
            model: {{model}}.yaml
            sampling: grid
            parameters:
              m_chi: { from: 5, to: 6, points: 2 }
              m_S: 30
              y_chi: 1e-3
              ybar: 1e-4
            observables:
              - relic_coupling
              - omega_h2
            """));
        Assert.That(spec.Observables.Single(o => o.Name == "relic_y_chi").Description, Does.Contain($"({kind}, ") .Or.Contain($", {kind}, "));
        Assert.That(spec.Observables.Single(o => o.Name == "omega_h2").Description, Does.StartWith(counted).And.Contain($"{kind})"));
    }

    /// <summary>An observable whose process the model does not have is refused when the spec is read (exit code 2),
    /// naming the observable, the process and the model; so is one the program does not compute for a model file.</summary>
    [TestCase("light-vector", "m_V: 10\n  g_q: 1e-3", "relic_coupling", "χ χ̄ → ν ν̄")]
    [TestCase("light-vector", "m_V: 10\n  g_q: 1e-3", "kinetic_decoupling", "χ ν → χ ν")]
    [TestCase("pseudoscalar", "m_chi: 10\n  m_phi: 30\n  y_chi: 0.1", "delta_chi2: { experiment: coherent-csi-2017 }", "ν N → χ N")]
    [TestCase("pseudoscalar", "m_chi: 10\n  m_phi: 30\n  y_chi: 0.1", "direct_detection", "χ N → ν N")]
    [TestCase("pseudoscalar", "m_chi: 10\n  m_phi: 30\n  y_chi: 0.1", "borexino", "χ N → ν N")]
    [TestCase("light-vector", "m_V: 10\n  g_q: 1e-3", "stability", "no dark fermion")]
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
    /// ȳ = √(y_X y_p)) its relic coupling, Ωh², T_KD, Lyman-α ratio, COHERENT Δχ² and direct-detection and Borexino
    /// ratios equal x-phi-nu's to 1e-10.
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
              - direct_detection
              - borexino
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
        Assert.That(compared, Is.GreaterThanOrEqualTo(50), "most cells have values");
        Assert.That(seed.Observables.Select(o => o.Name), Has.Some.StartsWith("dd_").And.Some.EqualTo("borexino_ratio"));
    }

    /// <summary>
    /// The direct-detection columns of a vector.yaml scan are the CLI's for <c>--model vector</c> (<c>constraints</c>,
    /// <c>figures</c>: each search's σ_NC,90 with the vector model in use, κ × σv_vector/σv_seed of χ N → ν N at rest):
    /// the cell is σ_NC ÷ σ_NC,90 with σ_NC's y_X y_p = g_χ (g_N/A) = 3ḡ²; independent of g_χ, ∝ ḡ⁴; the vector's limit
    /// is not the scalar's.
    /// </summary>
    [Test]
    public void DirectDetectionOfAVectorScanIsTheLimitOfTheCliWithThatModel()
    {
        CopyShipped("vector");
        var spec = ScanSpec.Load(Write("v.yaml", VectorSpec.Replace("  - omega_h2\n", "  - omega_h2\n  - direct_detection\n  - borexino\n")));
        var vector = ((FileScanModel)spec.Model).Definition;
        Assert.That(vector.DarkNucleonCouplingProduct.Infix, Is.EqualTo("3*gbar^2"));
        var columns = spec.Observables.Where(o => o.Name.StartsWith("dd_", StringComparison.Ordinal) || o.Name == "borexino_ratio").ToList();
        var searches = NuDM.App.Detection.DirectDetection.All;
        Assert.That(columns.Select(o => o.Name), Is.EquivalentTo(searches.Select(x => x is NuDM.App.Detection.BorexinoDownScattering ? "borexino_ratio" : XPhiNuModel.Column("dd_" + x.Id + "_ratio"))));
        int compared = 0;
        foreach (var (m, mv) in new[] { (10.0, 30.0), (20.0, 30.0), (5.0, 12.0) })
            foreach (var search in searches)
            {
                var o = columns.Single(c => c.Name == (search is NuDM.App.Detection.BorexinoDownScattering ? "borexino_ratio" : XPhiNuModel.Column("dd_" + search.Id + "_ratio")));
                Assert.That(o.Needs, Is.EqualTo(new[] { "m_chi", "m_V", "gbar" }), "σ_NC's couplings are 3ḡ²: g_χ cancels");
                NuDM.App.Detection.DownScatteringLimit limit, scalarLimit;
                using (ModelInUse.Use(vector)) limit = search.SigmaNCLimit(m, mv / m);
                scalarLimit = search.SigmaNCLimit(m, mv / m);
                var a = o.Evaluate([m, mv, 0.1, 1e-4]);
                Assert.That(a.HasValue, Is.EqualTo(limit.HasBound), $"{o.Name} at m_chi = {m}: {a.Reason}");
                if (!limit.HasBound) continue;
                double g = 1e-4, sigma = ModelConstraints.SigmaNC(1, 3 * g * g, m, mv);
                Assert.That(a.Value, Is.EqualTo(sigma / limit.SigmaNC_cm2).Within(1e-12 * a.Value), $"{o.Name} at m_chi = {m}");
                Assert.That(o.Evaluate([m, mv, 1.0, 1e-4]).Value, Is.EqualTo(a.Value), "independent of g_chi");
                Assert.That(o.Evaluate([m, mv, 0.1, 2e-4]).Value, Is.EqualTo(16 * a.Value).Within(1e-12 * a.Value), "∝ ḡ⁴");
                Assert.That(Math.Abs(limit.SigmaNC_cm2 / scalarLimit.SigmaNC_cm2 - 1), Is.GreaterThan(1e-6), $"{o.Name}: the vector model's limit is its own");
                compared++;
            }
        Assert.That(compared, Is.GreaterThanOrEqualTo(3), "some searches bound these masses");
    }

    /// <summary>
    /// stability for a model file: the number of open tree-level two-body decays of the dark fermion (the kernel's
    /// DecayChannels from the vertices), at every point — χ → ν S opens when m_S &lt; m_χ, where the other columns are
    /// empty. On x-phi-nu's domain (m_S = r m_X, r &gt; 1) it is 0 everywhere: the seeds' X has no tree-level decay, which
    /// is why x-phi-nu's stability_ratio is the one-loop X → νγ (seed 000 eqs. 3–4), which this column does not cover.
    /// </summary>
    [Test]
    public void StabilityOfAModelFileCountsTheOpenTwoBodyDecays()
    {
        CopyShipped("scalar");
        var spec = ScanSpec.Parse("""
            model: scalar.yaml
            sampling: grid
            parameters:
              m_chi: 10
              m_S: { from: 5, to: 50, points: 10 }
              y_chi: 0.1
              ybar: 1e-4
            observables:
              - omega_h2
              - stability
            """, Path.Combine(_dir, "s.yaml"));
        var stability = spec.Observables.Single(o => o.Name == "stability_open_decays");
        Assert.That(stability.Needs, Is.EqualTo(new[] { "m_chi", "m_S" }));
        Assert.That(stability.Sense, Is.EqualTo(ConstraintSense.AtMost));
        Assert.That(stability.Threshold, Is.EqualTo(0));
        Assert.That(stability.Description, Does.Contain("χ → ν S"));
        var omega = spec.Observables.Single(o => o.Name == "omega_h2");
        var p = new double[4];
        for (long i = 0; i < spec.Count; i++)
        {
            spec.Point(i, p);
            var s = stability.Evaluate(p);
            Assert.That(s.HasValue, $"m_S = {p[1]}");
            Assert.That(s.Value, Is.EqualTo(p[1] < p[0] ? 1 : 0), $"m_S = {p[1]}");
            if (p[1] <= p[0]) Assert.That(omega.Evaluate(p).HasValue, Is.False, "the other columns are empty where χ is unstable");
        }
        // x-phi-nu's domain, through the same column: r in (1, 1e4] gives 0 open decays
        foreach (var r in new[] { 1.000001, 3.0, 1e4 })
            Assert.That(stability.Evaluate([10, r * 10, 0.1, 1e-4]).Value, Is.EqualTo(0), $"r = {r}");
        // the vector and pseudoscalar files: the same channel through their own mediator
        foreach (var (name, mediator) in new[] { ("vector", "m_V"), ("pseudoscalar", "m_phi") })
        {
            CopyShipped(name);
            var other = ScanSpec.Parse($"model: {name}.yaml\nsampling: grid\nparameters:\n  m_chi: 10\n  {mediator}: {{ from: 5, to: 50, points: 2 }}\n  " +
                                       (name == "vector" ? "g_chi: 0.1\n  gbar: 1e-4" : "y_chi: 0.1") + "\nobservables:\n  - stability\n", Path.Combine(_dir, name + "-s.yaml"));
            var o = other.Observables.Single();
            Assert.That(o.Evaluate(name == "vector" ? [10, 5, 0.1, 1e-4] : [10, 5, 0.1]).Value, Is.EqualTo(1), name);
            Assert.That(o.Evaluate(name == "vector" ? [10, 50, 0.1, 1e-4] : [10, 50, 0.1]).Value, Is.EqualTo(0), name);
        }
    }

    /// <summary>A scan over a model with an UNDECIDED obligation runs, printing the obligation's warning once, at the start.</summary>
    [Test]
    public async Task AScanOverAModelWithAnUndecidedObligationWarnsOnce()
    {
        var model = CopyShipped("vector");
        var text = File.ReadAllText(model);
        const string from = "equals: \"g_chi^2*m_V/(12*pi)\"";
        Assert.That(text, Does.Contain(from));
        File.WriteAllText(model, text.Replace(from, "equals: \"g_chi^2*m_V*(sin(g_chi)^2 + cos(g_chi)^2)/(12*pi)\""));
        var spec = Write("v.yaml", TwoPointVectorSpec);
        foreach (var args in new[] { new[] { "scan", "run", spec }, ["scan", "run", spec, "--model", model] })
        {
            var r = await CliRun.Capture(args);
            Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
            const string warning = "warning: model 'vector': obligation vector.width-massless (";
            Assert.That(r.Error, Does.Contain(warning).And.Contain("is UNDECIDED"), string.Join(" ", args));
            Assert.That(r.Error.Split(warning).Length - 1, Is.EqualTo(1), $"once: {r.Error}");
        }
    }
}
