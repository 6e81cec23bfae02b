using NuDM.Physics;
using NuDM.App.Rates;
using NUnit.Framework;
using static NuDM.App.Tests.Rates.ToyModels;

namespace NuDM.App.Tests.Rates;

/// <summary>Bin counts of toy models whose integrals are known in closed form.</summary>
public class AnalyticRateTests
{
    private const double Alpha = 1e-3; // T_max = αE: E in MeV → T in MeV
    private const double E1 = 5, E2 = 50; // flat flux support (MeV)
    private const double C = 2.5;         // flat flux density, cm⁻² s⁻¹ MeV⁻¹

    private static FluxSet Flat() => new("flat", [new Flux(NeutrinoFlavour.ElectronNeutrino, _ => C, E1, E2, "flat")]);

    /// <summary>∫_0^T ds (E2 − max(E1, s/α))₊ for the triangle-with-a-strip region of flat flux and σ = 1.</summary>
    private static double TriangleF(double t)
    {
        double strip = (E2 - E1) * Math.Min(t, Alpha * E1);
        double u = Math.Clamp(t, Alpha * E1, Alpha * E2);
        double tri = E2 * (u - Alpha * E1) - (u * u - Alpha * Alpha * E1 * E1) / (2 * Alpha);
        return strip + tri;
    }

    [TestCase(true)]
    [TestCase(false)]
    public void FlatFluxConstantCrossSection_MatchesTriangleArea(bool withInverse)
    {
        var edges = Uniform(0, 0.06, 12); // bins of 5 keV; kinematic end at αE2 = 50 keV falls inside bin 10
        var process = Linear(Alpha, (t, e, n) => 1 / HbarC2, withInverse);
        var counts = RatePlan.Build(Setup(edges), Flat(), process).Evaluate(process.CrossSection);
        for (int i = 0; i < counts.Length; i++)
        {
            double exact = C * (TriangleF(edges[i + 1]) - TriangleF(edges[i]));
            Assert.That(counts[i], Is.EqualTo(exact).Within(1e-9 * Math.Max(exact, 1e-3)), $"bin {i}");
        }
        Assert.That(counts[^1], Is.EqualTo(0.0));
    }

    [Test]
    public void NonSeparableCrossSection_TAndENotSwapped()
    {
        // σ = T·E²: inner ∫ C E² dE = C (E2³ − m³)/3 with m = max(E1, T/α); outer ∫ T (…) dT.
        static double F(double t)
        {
            double a = Math.Min(t, Alpha * E1);
            double piece1 = (E2 * E2 * E2 - E1 * E1 * E1) / 3 * a * a / 2;
            double u = Math.Clamp(t, Alpha * E1, Alpha * E2), l = Alpha * E1;
            double G(double x) => E2 * E2 * E2 * x * x / 6 - Math.Pow(x, 5) / (15 * Alpha * Alpha * Alpha);
            return piece1 + G(u) - G(l);
        }
        var edges = Uniform(0.001, 0.055, 9);
        var process = Linear(Alpha, (t, e, n) => t * e * e / HbarC2, withInverse: false);
        var counts = RatePlan.Build(Setup(edges), Flat(), process).Evaluate(process.CrossSection);
        for (int i = 0; i < counts.Length; i++)
        {
            double exact = C * (F(edges[i + 1]) - F(edges[i]));
            Assert.That(counts[i], Is.EqualTo(exact).Within(1e-9 * Math.Max(Math.Abs(exact), 1e-12)), $"bin {i}");
        }
    }

    [Test]
    public void SingleLine_IsExact_WithAcceptanceSteps()
    {
        // line at E0 with flux Φ; σ = const; T ∈ [0, αE0]; acceptance 0 below 3 keV, ½ on [3, 4.2) keV, 1 above.
        const double e0 = 29.8, phi = 7.0;
        double ts = 0.003, tu = 0.0042;
        Func<double, double> acc = t => t < ts ? 0 : t < tu ? 0.5 : 1.0;
        var edges = Uniform(0, 0.04, 8);
        var flux = new FluxSet("test", [Flux.Monochromatic(NeutrinoFlavour.MuonNeutrino, e0, phi, "test line")]);
        var process = Linear(Alpha, (t, e, n) => Math.Abs(e - e0) < 1e-12 ? 1 / HbarC2 : double.NaN, withInverse: false);
        var plan = RatePlan.Build(Setup(edges, acc, [ts, tu]), flux, process);
        var counts = plan.Evaluate(process.CrossSection);
        double Overlap(double a, double b, double c, double d) => Math.Max(0, Math.Min(b, d) - Math.Max(a, c));
        for (int i = 0; i < counts.Length; i++)
        {
            double a = edges[i], b = edges[i + 1];
            double exact = phi * (0.5 * Overlap(a, b, ts, tu) + Overlap(a, b, tu, Alpha * e0));
            Assert.That(counts[i], Is.EqualTo(exact).Within(1e-12 * phi), $"bin {i}");
        }
        // every point of the plan sits exactly on the line energy
        for (int i = 0; i < plan.BinCount; i++)
            foreach (var p in plan.Points(i)) Assert.That(p.E, Is.EqualTo(e0));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void MassiveToyKinematics_ThresholdInsideFlux(bool withInverse)
    {
        // T_min = β/E, T_max = αE: threshold E* = √(β/α) = 10 MeV inside [E1, E2]; T* = √(αβ) = 10 keV.
        const double beta = 0.1;
        var process = Massive(Alpha, beta, (t, e, n) => 1 / HbarC2, withInverse);
        var edges = Uniform(0.0, 0.06, 15);
        // β/T is steep near the low end: at the default tolerance (1e-4) the error is ~1e-6; a tight tolerance reaches 1e-9
        var tight = RatePlan.Build(Setup(edges), Flat(), process, new RateOptions { RelativeTolerance = 1e-10 }).Evaluate(process.CrossSection);
        var normal = RatePlan.Build(Setup(edges), Flat(), process).Evaluate(process.CrossSection);
        for (int i = 0; i < tight.Length; i++)
        {
            double exact = C * MassiveExact(edges[i], edges[i + 1], beta);
            Assert.That(tight[i], Is.EqualTo(exact).Within(1e-9 * Math.Max(exact, 1e-6)), $"bin {i}");
            Assert.That(normal[i], Is.EqualTo(exact).Within(RateOptions.Default.RelativeTolerance * Math.Max(exact, 1e-6)), $"bin {i}");
        }
    }

    /// <summary>∫ dT (E2 − max(E1, T/α, β/T))₊ over [a, b], piecewise in closed form.</summary>
    private static double MassiveExact(double a, double b, double beta)
    {
        var cuts = new List<double> { a, b, Alpha * E1, beta / E1, Math.Sqrt(Alpha * beta), beta / E2, Alpha * E2 };
        var pts = cuts.Where(x => x >= a && x <= b).Distinct().Order().ToArray();
        double sum = 0;
        for (int i = 0; i + 1 < pts.Length; i++)
        {
            double t1 = pts[i], t2 = pts[i + 1];
            if (t2 <= t1) continue;
            double tm = 0.5 * (t1 + t2);
            double m = Math.Max(E1, Math.Max(tm / Alpha, beta / tm));
            if (m >= E2) continue;
            if (m == E1) sum += (E2 - E1) * (t2 - t1);
            else if (m == tm / Alpha) sum += E2 * (t2 - t1) - (t2 * t2 - t1 * t1) / (2 * Alpha);
            else sum += E2 * (t2 - t1) - beta * Math.Log(t2 / t1);
        }
        return sum;
    }

    [Test]
    public void ClosedChannel_GivesEmptyPlanAndZeros()
    {
        // seed 001: m_χ above the largest neutrino energy → no χ production at all.
        var edges = Uniform(0.001, 0.05, 10);
        var flux = new FluxSet("test", [new Flux(NeutrinoFlavour.ElectronNeutrino, _ => 1.0, 0.0, 52.8, "flat"), Flux.Monochromatic(NeutrinoFlavour.MuonNeutrino, 29.8, 1.0, "line")]);
        var process = ProducedMass(60.0, (t, e, n) => 1.0, withInverse: false);
        var plan = RatePlan.Build(Setup(edges), flux, process);
        Assert.That(plan.IsEmpty, Is.True);
        Assert.That(plan.Evaluate(process.CrossSection), Is.All.EqualTo(0.0));
    }

    [Test]
    public void Exposure_TargetCounts_AndUnits_Multiply()
    {
        var edges = Uniform(0, 0.05, 5);
        var process = Linear(Alpha, (t, e, n) => 1.0, withInverse: true); // 1 MeV⁻³ → (ħc)² cm²/MeV
        var one = RatePlan.Build(new DetectorSetup(edges, [new NucleusCount(Heavy, 1)], 1.0), Flat(), process).Evaluate(process.CrossSection);
        var many = RatePlan.Build(new DetectorSetup(edges, [new NucleusCount(Heavy, 3e25)], 86400.0), Flat(), process).Evaluate(process.CrossSection);
        for (int i = 0; i < one.Length; i++)
        {
            Assert.That(one[i], Is.EqualTo(C * (TriangleF(edges[i + 1]) - TriangleF(edges[i])) * HbarC2).Within(1e-9 * one[i] + 1e-300));
            Assert.That(many[i], Is.EqualTo(one[i] * 3e25 * 86400.0).Within(1e-12 * many[i] + 1e-300));
        }
    }

    [Test]
    public void TwoNuclei_AddWithTheirOwnKinematics()
    {
        // T_max = 2E²/(M+2E) depends on the nucleus: each nucleus is integrated over its own region.
        var edges = Uniform(0.0005, 0.08, 10);
        DifferentialCrossSection sigma = (t, e, n) => n.A * n.A / HbarC2 / e;
        var process = Elastic(sigma);
        var both = RatePlan.Build(Setup(edges, null, null, Heavy, Light), Flat(), process).Evaluate(sigma);
        var h = RatePlan.Build(Setup(edges, null, null, Heavy), Flat(), process).Evaluate(sigma);
        var l = RatePlan.Build(Setup(edges, null, null, Light), Flat(), process).Evaluate(sigma);
        for (int i = 0; i < both.Length; i++) Assert.That(both[i], Is.EqualTo(h[i] + l[i]).Within(1e-12 * both[i] + 1e-300));
    }

    [TestCase(1e-3)]
    [TestCase(1e-5)]
    [TestCase(1e-7)]
    public void NarrowPeak_AdaptiveRefinementMeetsTheTolerance(double rtol)
    {
        // a line at E0 and σ(T) = 1/((T − T0)² + γ²): N_bin = Φ [atan((T − T0)/γ)/γ] over the bin ∩ [0, αE0]
        const double e0 = 30, t0 = 0.0131, gamma = 2e-5;
        var edges = Uniform(0, 0.03, 3);
        var flux = new FluxSet("test", [Flux.Monochromatic(NeutrinoFlavour.MuonNeutrino, e0, 1.0, "test line")]);
        var process = Linear(Alpha, (t, e, n) => 1 / ((t - t0) * (t - t0) + gamma * gamma) / HbarC2, withInverse: true);
        var plan = RatePlan.Build(Setup(edges), flux, process, new RateOptions { RelativeTolerance = rtol });
        var counts = plan.Evaluate(process.CrossSection);
        double worst = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            double a = edges[i], b = Math.Min(edges[i + 1], Alpha * e0);
            double exact = (Math.Atan((b - t0) / gamma) - Math.Atan((a - t0) / gamma)) / gamma;
            worst = Math.Max(worst, Math.Abs(counts[i] / exact - 1));
        }
        TestContext.Out.WriteLine($"rtol {rtol:E0}: {plan.PointCount} points, worst relative error {worst:E2}");
        Assert.That(worst, Is.LessThan(rtol));
        Assert.That(plan.PointCount, Is.GreaterThan(3 * RateOptions.Default.GaussOrder)); // it did refine
    }
}
