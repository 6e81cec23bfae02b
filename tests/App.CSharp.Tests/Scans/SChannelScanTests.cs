using NUnit.Framework;
using NuDM.App.Cosmology;
using NuDM.App.Scans;
using NuDM.App.Tests.Cli;
using NuDM.Physics;

namespace NuDM.App.Tests.Scans;

/// <summary>
/// Scans of a model whose ⟨σv⟩(χχ̄ → νν̄) is not a power of its coupling (the Z'-portal fixture
/// tests/Physics.FSharp.Tests/Fixtures/zprime-portal.yaml: an s-channel Z' whose Breit–Wigner width moves with g_χ and
/// g_ν). The scans refused its relic columns; now relic_coupling is the relic search of <c>nudm relic --model</c> per mass
/// pair (g_chi = g_nu tied, or <c>hold: g_nu</c> at the point's value), omega_h2 is Ωh² at the point's couplings, every
/// coupling of χχ̄ → νν̄ is a scan parameter, and a point without a relic coupling in the allowed range is an empty cell.
/// </summary>
[TestFixture]
[NonParallelizable]
public class SChannelScanTests
{
    private static string FixturePath => ReferenceData.FixtureModel("zprime-portal.yaml");

    private string _dir = "";
    private ScanSpec _spec = null!;
    private ModelDefinition _model = null!;

    private const string Spec = """
        model: zprime-portal.yaml
        sampling: grid
        parameters:
          m_chi: { from: 1, to: 10, scale: log, points: 2 }
          m_Zp: 30
          g_chi: { from: 1e-3, to: 1e-2, scale: log, points: 2 }
          g_nu: { from: 1e-10, to: 1e-2, scale: log, points: 2 }
        observables:
          - relic_coupling
          - relic_coupling: { hold: g_nu }
          - omega_h2
        """;

    [OneTimeSetUp]
    public void Load()
    {
        _dir = CliRun.TempPath("schannel-scan");
        Directory.CreateDirectory(_dir);
        File.Copy(FixturePath, Path.Combine(_dir, "zprime-portal.yaml"));
        _spec = ScanSpec.Load(Write("z.yaml", Spec));
        _model = ((FileScanModel)_spec.Model).Definition;
    }

    [OneTimeTearDown]
    public void Clean() => CliRun.Delete(_dir);

    private string Write(string name, string text)
    {
        var p = Path.Combine(_dir, name);
        File.WriteAllText(p, text);
        return p;
    }

    private IScanObservable Column(string name) => _spec.Observables.Single(o => o.Name == name);

    /// <summary>Ωh² of the scan's omega_h2 at (m_χ, m_Z', g_χ, g_ν), evaluated without a model scope (as on a worker).</summary>
    private double Omega(double m, double mz, double gChi, double gNu)
    {
        var v = Column("omega_h2").Evaluate([m, mz, gChi, gNu]);
        Assert.That(v.HasValue, Is.True, v.Reason);
        return v.Value;
    }

    [Test]
    public void TheCouplingsOfTheAnnihilationAreScanParametersAndTheColumnsSayWhatYIs()
    {
        Assert.That(_spec.Model.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "m_chi", "m_Zp", "g_chi", "g_nu" }));
        Assert.That(_spec.Model.Parameters[3].Range.Min, Is.EqualTo(1e-10), "the model's [0, √(4π)] within the solvers' [1e-10, √(4π)]");
        Assert.That(_spec.Model.Parameters[3].Range.Max, Is.EqualTo(Math.Sqrt(4 * Math.PI)).Within(1e-15));
        Assert.That(_spec.Observables.Select(o => o.Name), Is.EqualTo(new[] { "relic_g_chi_eq_g_nu", "relic_g_chi_hold_g_nu", "omega_h2" }));
        Assert.That(Column("relic_g_chi_eq_g_nu").Description, Does.Contain("y = g_chi = g_nu (every coupling of χ χ̄ → ν ν̄ set to y"));
        Assert.That(Column("relic_g_chi_hold_g_nu").Description, Does.Contain("y = g_chi (every other coupling of χ χ̄ → ν ν̄ set to y, held at each point's value: g_nu"));
        // the tied search depends on the mass pair only: a grid in the couplings reuses it; the held one also on g_nu
        Assert.That(Column("relic_g_chi_eq_g_nu").Needs, Is.EqualTo(new[] { "m_chi", "m_Zp" }));
        Assert.That(Column("relic_g_chi_hold_g_nu").Needs, Is.EqualTo(new[] { "m_chi", "m_Zp", "g_nu" }));
        Assert.That(Column("omega_h2").Needs, Is.EqualTo(new[] { "m_chi", "m_Zp", "g_chi", "g_nu" }));
    }

    /// <summary>(a) relic_coupling is KernelCosmology.RelicCoupling of the same model (the search of <c>nudm relic
    /// --model</c>), tied and with g_ν held at the point's value; and the same at any couplings of the point.</summary>
    [Test]
    public void TheRelicCouplingIsTheRelicCommandsSearch()
    {
        double tied, held;
        using (ModelInUse.Use(_model))
        {
            tied = KernelCosmology.RelicCoupling(10, 3).Coupling;
            held = KernelCosmology.RelicCoupling(10, 3, held: new Dictionary<string, double> { ["g_nu"] = 1e-2 }).Coupling;
        }
        Assert.That(ModelInUse.IsDefault, Is.True);
        foreach (var g in new[] { 1e-3, 1e-2 })
        {
            Assert.That(Column("relic_g_chi_eq_g_nu").Evaluate([10, 30, g, 1e-2]).Value, Is.EqualTo(tied).Within(1e-9 * tied), $"g_chi = {g}");
            Assert.That(Column("relic_g_chi_hold_g_nu").Evaluate([10, 30, g, 1e-2]).Value, Is.EqualTo(held).Within(1e-9 * held), $"g_chi = {g}");
        }
        Assert.That(tied, Is.EqualTo(2.19e-3).Within(0.01e-3), "nudm relic --model zprime-portal --mx 10: y = 0.0021906");
        Assert.That(held, Is.Not.EqualTo(tied).Within(0.1 * tied), "holding g_ν at 1e-2 moves g_χ");
    }

    /// <summary>(b) Ωh² at the point's couplings set to the relic coupling is 0.120 (the search's tolerance, 1e-5 on Ωh²),
    /// tied and held; (c) smaller couplings give more dark matter, larger less, monotonically.</summary>
    [Test]
    public void OmegaAtTheRelicCouplingIsTheObservedDensityAndFallsWithTheCoupling()
    {
        double y = Column("relic_g_chi_eq_g_nu").Evaluate([10, 30, 1e-3, 1e-3]).Value;
        Assert.That(Omega(10, 30, y, y), Is.EqualTo(0.120).Within(1e-4 * 0.120));
        double g = Column("relic_g_chi_hold_g_nu").Evaluate([10, 30, 1e-3, 1e-2]).Value;
        Assert.That(Omega(10, 30, g, 1e-2), Is.EqualTo(0.120).Within(1e-4 * 0.120));

        double[] factors = [0.25, 0.5, 0.8, 1.25, 2, 4];
        var omegas = factors.Select(f => Omega(10, 30, f * y, f * y)).ToList();
        for (int i = 0; i < factors.Length; i++)
            Assert.That(omegas[i], factors[i] < 1 ? Is.GreaterThan(0.120) : Is.LessThan(0.120), $"g_chi = g_nu = {factors[i]} y");
        Assert.That(omegas, Is.Ordered.Descending, "Ωh² falls as the couplings grow");
    }

    /// <summary>Ωh² at a point is the freeze-out of the full ⟨σv⟩(T) there: the solve of a FreezeOutSolver on
    /// KernelCosmology.AnnihilationAverage at that point, written out here.</summary>
    [Test]
    public void OmegaIsTheFreezeOutOfTheThermalAverageAtThePoint()
    {
        double expected;
        using (ModelInUse.Use(_model))
        {
            var m = _model.Model;
            var process = m.Annihilation(ProcessKind.ChiAntichiToNeutrinoAntineutrino);
            var point = m.Point().With(m.Parameter("m_chi"), 10.0).With(m.Parameter("m_Zp"), 30.0).With(m.Parameter("g_chi"), 4e-3).With(m.Parameter("g_nu"), 1e-3);
            var solver = new FreezeOutSolver(FreezeOutOptions.Default);
            expected = solver.Solve(10, KernelCosmology.AnnihilationAverage(process, point), 2, DarkMatterNature.Dirac).OmegaH2;
        }
        Assert.That(Omega(10, 30, 4e-3, 1e-3), Is.EqualTo(expected).Within(1e-6 * expected));
    }

    /// <summary>(d) No relic coupling in the allowed range is an empty cell with the search's reason, not an abort: tied at
    /// m_χ = 1 MeV, m_Z' = 2.02 MeV (the pole just above threshold: too little dark matter even at g = 3.5e-8), held at
    /// g_ν = 1e-10 (too much even at g_χ = √(4π)).</summary>
    [Test]
    public void APointWithoutARelicCouplingIsAnEmptyCellWithTheReason()
    {
        var tied = Column("relic_g_chi_eq_g_nu").Evaluate([1, 2.02, 1e-3, 1e-3]);
        Assert.That(tied.HasValue, Is.False);
        Assert.That(tied.Reason, Does.Contain("no g_chi = g_nu in its allowed range").And.Contain("too little even at the smallest coupling"));
        var held = Column("relic_g_chi_hold_g_nu").Evaluate([10, 30, 1e-3, 1e-10]);
        Assert.That(held.HasValue, Is.False);
        Assert.That(held.Reason, Does.Contain("no g_chi in its allowed range").And.Contain("too much dark matter even at the largest coupling"));
    }

    /// <summary>The scan end to end through the CLI: every point ok (g_ν = 1e-10 leaves the held column empty, not an
    /// error), the tied column one value per mass, Ωh² a number at every point.</summary>
    [Test]
    public async Task TheScanRunsEndToEnd()
    {
        var r = await CliRun.Capture(["scan", "run", _spec.Path, "--threads", "2"]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        using var s = ScanStore.OpenRead(Path.Combine(_dir, "z.scan", "scan.sqlite"));
        var rows = s.Rows().ToList();
        Assert.That(rows, Has.Count.EqualTo(8));
        Assert.That(rows.Select(x => x.Status), Is.All.EqualTo("ok"));
        foreach (var row in rows)
        {
            var twin = rows.Where(x => x.Parameters[0] == row.Parameters[0]).Select(x => x.Observables[0]);
            Assert.That(twin, Is.All.EqualTo(row.Observables[0]), "one tied relic coupling per mass pair");
            Assert.That(double.IsNaN(row.Observables[1]), Is.EqualTo(row.Parameters[3] == 1e-10), $"held column at g_nu = {row.Parameters[3]}");
            Assert.That(row.Observables[2], Is.GreaterThan(0), "Ωh²");
        }
    }

    /// <summary>(e) A spec that does not give a coupling the annihilation needs is refused naming it (exit 2); so is a
    /// hold of a name that is not a coupling of χχ̄ → νν̄, or of every coupling.</summary>
    [TestCase("  g_nu: { from: 1e-10, to: 1e-2, scale: log, points: 2 }\n", "", "parameters: every parameter of model zprime-portal must be given", "missing: g_nu — coupling of χ χ̄ → ν ν̄")]
    [TestCase("{ hold: g_nu }", "{ hold: g_x }", "hold g_x: not a coupling of χ χ̄ → ν ν̄", "its couplings are g_chi, g_nu")]
    [TestCase("{ hold: g_nu }", "{ hold: \"g_nu, g_chi\" }", "hold fixes every coupling of χ χ̄ → ν ν̄ (g_chi, g_nu): leave one to solve for", "observables.relic_coupling")]
    [TestCase("{ hold: g_nu }", "{ tie: g_nu }", "observable 'relic_coupling' has no option 'tie'", "its option: hold")]
    public async Task ASpecMissingACouplingOrWithABadHoldIsRefused(string from, string to, string message, string more)
    {
        var spec = Write("bad.yaml", Spec.Replace(from, to));
        var r = await CliRun.Capture(["scan", "run", spec]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain(message).And.Contain(more), r.ToString());
        Assert.That(File.Exists(Path.Combine(_dir, "bad.scan", "scan.sqlite")), Is.False, "nothing is computed");
    }
}
