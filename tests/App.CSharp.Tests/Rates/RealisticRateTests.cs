using NuDM.Physics;
using System.Diagnostics;
using NuDM.App.Experiments;
using NuDM.App.Rates;
using NuDM.App.Statistics;
using NUnit.Framework;
using static NuDM.App.Tests.Rates.ReferencePhysics;

namespace NuDM.App.Tests.Rates;

/// <summary>COHERENT-like spectra with realistic stand-in physics: accuracy, convergence, kinematics, timings.</summary>
public class RealisticRateTests
{
    private static CevnsExperiment Coherent => ExperimentRegistry.Load("coherent-csi-2017");

    [Test]
    public void CoherentStandardModel_TotalIsNearThePublishedPrediction()
    {
        var x = Coherent;
        var counts = RateEngine.Spectrum(x.CreateDetectorSetup(), PionDecayAtRest(x), StandardModelProcess);
        double total = counts.Sum();
        TestContext.Out.WriteLine($"SM CEvNS, COHERENT CsI 2017, 0–50 PE: {total:F2} events (published 173 ± 48; bradkav/CEvNS 167.18); per bin: {string.Join(" ", counts.Select(c => c.ToString("F2")))}");
        Assert.That(total, Is.InRange(150, 195));
        Assert.That(counts[0], Is.EqualTo(0.0)); // ε = 0 below 5 PE
        Assert.That(counts[1], Is.EqualTo(0.0));
    }

    [Test]
    public void TighteningTheToleranceTenfold_ChangesBinsByLessThanOnePerMille()
    {
        var x = Coherent;
        var setup = x.CreateDetectorSetup();
        var flux = PionDecayAtRest(x);
        foreach (var process in new[] { StandardModelProcess, NewPhysicsProcess(1e-4, 5, 0), NewPhysicsProcess(1e-4, 30, 100, withInverse: false) })
        {
            var loose = RatePlan.Build(setup, flux, process, new RateOptions { RelativeTolerance = 1e-3 }).Evaluate(process.CrossSection);
            var normal = RatePlan.Build(setup, flux, process).Evaluate(process.CrossSection);
            var tight = RatePlan.Build(setup, flux, process, new RateOptions { RelativeTolerance = 1e-5 }).Evaluate(process.CrossSection);
            var reference = RatePlan.Build(setup, flux, process, new RateOptions { RelativeTolerance = 1e-8, GaussOrder = 10 }).Evaluate(process.CrossSection);
            double total = reference.Sum();
            double worstLoose = 0, worstNormal = 0, worstTight = 0, errNormal = 0;
            for (int i = 0; i < reference.Length; i++)
            {
                if (reference[i] < 1e-6 * total) continue;
                worstLoose = Math.Max(worstLoose, Math.Abs(loose[i] / normal[i] - 1));
                worstNormal = Math.Max(worstNormal, Math.Abs(normal[i] / tight[i] - 1));
                errNormal = Math.Max(errNormal, Math.Abs(normal[i] / reference[i] - 1));
                worstTight = Math.Max(worstTight, Math.Abs(tight[i] / reference[i] - 1));
            }
            TestContext.Out.WriteLine($"{process.Name}: total {total:G6}; max |Δ|/N: 1e-3→1e-4 {worstLoose:E2}, 1e-4→1e-5 {worstNormal:E2}; " +
                                      $"error vs 1e-8 reference: default {errNormal:E2}, 1e-5 {worstTight:E2}");
            Assert.That(worstLoose, Is.LessThan(1e-3));
            Assert.That(worstNormal, Is.LessThan(1e-3));
            Assert.That(errNormal, Is.LessThan(1e-4));
        }
    }

    [Test]
    public void RootFoundInverseKinematics_EqualsClosedFormInverse()
    {
        var x = Coherent;
        var setup = x.CreateDetectorSetup();
        var flux = PionDecayAtRest(x);
        foreach (double mchi in new[] { 0.0, 3.0, 30.0, 45.0 })
        {
            var a = RatePlan.Build(setup, flux, NewPhysicsProcess(1e-4, mchi, 10, withInverse: true)).Evaluate(NewPhysics(1e-4, mchi, 10));
            var b = RatePlan.Build(setup, flux, NewPhysicsProcess(1e-4, mchi, 10, withInverse: false)).Evaluate(NewPhysics(1e-4, mchi, 10));
            for (int i = 0; i < a.Length; i++) Assert.That(b[i], Is.EqualTo(a[i]).Within(2e-5 * a.Max() + 1e-300), $"m_χ = {mchi}, bin {i}");
        }
        // the region for each T: E_min(T) from root finding reproduces the closed form
        var nuc = x.Nuclei[0].Isotope;
        var region = new KinematicRegion(NewPhysicsProcess(1, 30, 0, withInverse: false), nuc, 0, MuonMass / 2);
        foreach (double t in new[] { 2e-3, 5e-3, 1e-2, 2e-2 })
        {
            double exact = ToyModels.EMinMassive(t, 30, nuc.Mass);
            if (exact < MuonMass / 2) Assert.That(region.MinimumEnergy(t), Is.EqualTo(exact).Within(1e-10 * exact), $"T = {t}");
        }
    }

    [Test]
    public void LineKink_ProducedMassAboveTheLine_RemovesTheLineContribution()
    {
        // seed 001 Fig. 3: m_χ = 30 MeV > 29.8 MeV line — the ν_μ line cannot produce χ; the plan has no line points.
        var x = Coherent;
        var setup = x.CreateDetectorSetup();
        var lineOnly = new FluxSet("test", [Flux.Monochromatic(NeutrinoFlavour.MuonNeutrino, LineEnergy, x.Source.MeanFluxPerFlavour, "test line")]);
        Assert.That(RatePlan.Build(setup, lineOnly, NewPhysicsProcess(1e-4, 30, 0)).IsEmpty, Is.True);
        Assert.That(RatePlan.Build(setup, lineOnly, NewPhysicsProcess(1e-4, 29, 0)).IsEmpty, Is.False);
        // all energies of a line plan are exactly the line energy
        var plan = RatePlan.Build(setup, lineOnly, StandardModelProcess);
        for (int b = 0; b < plan.BinCount; b++) foreach (var p in plan.Points(b)) Assert.That(p.E, Is.EqualTo(LineEnergy));
        // m_χ above m_μ/2: nothing at all
        Assert.That(RatePlan.Build(setup, PionDecayAtRest(x), NewPhysicsProcess(1e-4, 54, 0)).IsEmpty, Is.True);
    }

    [Test]
    public void KernelKinematicsFormulas_PlugIn()
    {
        // the F# kernel's derived T_min/T_max (seed 001 eq. (2.9)), compiled to delegates, give the same spectrum
        var tmin = NuDM.Physics.Kinematics.TMinFormula().Compile3(); // (E_nu, M, m_chi)
        var tmax = NuDM.Physics.Kinematics.TMaxFormula().Compile3();
        var names = NuDM.Physics.Kinematics.TMinFormula().ParameterNames;
        Assert.That(names, Is.EqualTo(new[] { "E_nu", "M", "m_chi" }));
        const double mchi = 5;
        var kernel = new ScatteringProcess("kernel kinematics", NewPhysics(1e-4, mchi, 0),
            (e, n) => tmin.Invoke(e, n.Mass, mchi), (e, n) => tmax.Invoke(e, n.Mass, mchi));
        var x = Coherent;
        var a = RatePlan.Build(x.CreateDetectorSetup(), PionDecayAtRest(x), kernel).Evaluate(kernel.CrossSection);
        var b = RatePlan.Build(x.CreateDetectorSetup(), PionDecayAtRest(x), NewPhysicsProcess(1e-4, mchi, 0)).Evaluate(kernel.CrossSection);
        for (int i = 0; i < a.Length; i++) Assert.That(a[i], Is.EqualTo(b[i]).Within(2e-5 * b.Max() + 1e-300), $"bin {i}");
    }

    [Test, Category("Timing")]
    public void Timings_SpectrumAndLimitPoint()
    {
        var x = Coherent;
        var setup = x.CreateDetectorSetup();
        var flux = PionDecayAtRest(x);
        var sm = StandardModelProcess;
        var sw = Stopwatch.StartNew();
        var smPlan = RatePlan.Build(setup, flux, sm);
        double smBuild = sw.Elapsed.TotalMilliseconds;
        var nSm = smPlan.Evaluate(sm.CrossSection);
        // new physics at (m_χ, m_S) = (5, 0) MeV; the plan depends on m_χ only, not on ȳ
        sw.Restart();
        var np = NewPhysicsProcess(1.0, 5, 0);
        var npPlan = RatePlan.Build(setup, flux, np);
        double npBuild = sw.Elapsed.TotalMilliseconds;
        var buffer = new double[25];
        var sigmaNp = np.CrossSection;
        // warm up, then time one SM + NP spectrum (both plans evaluated, three flavours)
        for (int i = 0; i < 20; i++) { smPlan.Evaluate(sm.CrossSection, buffer); npPlan.Evaluate(sigmaNp, buffer); }
        const int reps = 200;
        sw.Restart();
        for (int i = 0; i < reps; i++) { smPlan.Evaluate(sm.CrossSection, buffer); npPlan.Evaluate(sigmaNp, buffer); }
        double spectrum = sw.Elapsed.TotalMilliseconds / reps;
        // one limit point: NP plan build + one evaluation (N_new ∝ ȳ⁴) + limit search, SM cached
        var stat = new PullChiSquare(x.Observed!.Counts, new PublishedVariance(x.PublishedUncertainty!), x.Systematics.SigmaA);
        sw.Restart();
        var plan = RatePlan.Build(setup, flux, NewPhysicsProcess(1.0, 5, 0));
        var shape = plan.Evaluate(NewPhysics(1.0, 5, 0));
        var limit = LimitFinder.UpperLimit(stat, nSm, shape, 4);
        double limitPoint = sw.Elapsed.TotalMilliseconds;
        TestContext.Out.WriteLine($"points: SM {smPlan.PointCount}, NP {npPlan.PointCount}; build SM {smBuild:F1} ms, NP {npBuild:F1} ms; " +
                                  $"one SM+NP spectrum {spectrum * 1e3:F0} µs; one limit point {limitPoint:F1} ms (ȳ < {limit})");
        Assert.That(limit.Status, Is.EqualTo(LimitStatus.Constrained));
    }
}
