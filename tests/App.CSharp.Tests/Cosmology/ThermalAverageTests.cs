using NuDM.App.Cosmology;
using NUnit.Framework;

namespace NuDM.App.Tests.Cosmology;

/// <summary>Gondolo–Gelmini ⟨σv⟩ against closed forms and its non-relativistic expansion.</summary>
public class ThermalAverageTests
{
    [TestCase(0.01)]
    [TestCase(0.1)]
    [TestCase(1.0)]
    [TestCase(10.0)]
    [TestCase(100.0)]
    [TestCase(1e3)]
    [TestCase(1e5)] // far beyond where the unscaled K_n underflow
    public void ConstantCrossSection_MatchesClosedForm(double x)
    {
        const double sigma0 = 3.7e-12, m = 50; // MeV⁻², MeV
        double T = m / x;
        double numeric = ThermalAverage.SigmaV(_ => sigma0, m, T);
        double closed = ThermalAverage.ConstantCrossSection(sigma0, m, T);
        Assert.That(numeric / closed, Is.EqualTo(1).Within(1e-8));
    }

    [Test]
    public void ConstantCrossSection_Limits()
    {
        // x → 0: ⟨σv⟩ → σ₀ (v_Møl → 1 on average... exactly σ₀ for massless); x → ∞: σ₀ · 4/√(πx)
        Assert.That(ThermalAverage.ConstantCrossSection(1, 1e-6, 1), Is.EqualTo(1).Within(1e-6));
        double x = 1e6;
        Assert.That(ThermalAverage.ConstantCrossSection(1, x, 1) / (4 / Math.Sqrt(Math.PI * x)), Is.EqualTo(1).Within(1e-5));
    }

    /// <summary>v_rel = 2β_cm = 2√(1 − 4m²/s), the relative velocity in the centre-of-mass frame.</summary>
    private static double RelativeVelocity(double s, double m) => 2 * Math.Sqrt(Math.Max(0, 1 - 4 * m * m / s));

    [Test]
    public void SWave_ReproducesTheConstantToOrderOneOverX()
    {
        // σ v_rel = a  ⇒  ⟨σv⟩ = a (1 + O(1/x)); the deviation must fall like 1/x
        const double a = 1e-15, m = 10;
        double Dev(double x) => ThermalAverage.SigmaV(s => a / Math.Max(RelativeVelocity(s, m), 1e-300), m, m / x) / a - 1;
        double d20 = Dev(20), d200 = Dev(200), d2000 = Dev(2000);
        TestContext.Out.WriteLine($"s-wave: <σv>/a − 1 = {d20:E3} (x=20), {d200:E3} (x=200), {d2000:E3} (x=2000)");
        Assert.Multiple(() =>
        {
            Assert.That(Math.Abs(d20), Is.LessThan(3.0 / 20));
            Assert.That(d200 / d2000, Is.EqualTo(10).Within(0.5)); // ∝ 1/x
            Assert.That(Math.Abs(d2000), Is.LessThan(3.0 / 2000));
        });
    }

    [Test]
    public void PWave_GivesSixBOverX()
    {
        // σ v_rel = b v_rel²  ⇒  ⟨σv⟩ = 6b/x (1 + O(1/x)) since ⟨v_rel²⟩ = 6T/m for two Maxwell–Boltzmann particles
        const double b = 1e-15, m = 10;
        foreach (double x in new[] { 100.0, 1000.0, 1e4 })
        {
            double avg = ThermalAverage.SigmaV(s => b * RelativeVelocity(s, m), m, m / x);
            Assert.That(avg / (6 * b / x), Is.EqualTo(1).Within(30.0 / x), $"x = {x}");
        }
    }

    [Test]
    public void UnequalMasses_ReduceToTheEqualMassForm()
    {
        const double m = 5, T = 0.3;
        CrossSection sigma = s => 1e-10 / Math.Sqrt(s);
        double equal = ThermalAverage.SigmaV(sigma, m, T);
        double almost = ThermalAverage.SigmaV(sigma, m, m * (1 + 1e-9), T);
        Assert.That(almost / equal, Is.EqualTo(1).Within(1e-7));
        // symmetric in m₁ ↔ m₂
        double ab = ThermalAverage.SigmaV(sigma, 3, 7, T), ba = ThermalAverage.SigmaV(sigma, 7, 3, T);
        Assert.That(ab / ba, Is.EqualTo(1).Within(1e-10));
    }

    [Test]
    public void NarrowResonance_IsFoundWithABreakPoint()
    {
        // Breit–Wigner at √s = 3 m: the split keeps the adaptive rule from stepping over the peak
        const double m = 1, T = 0.4, mr = 3, width = 1e-4;
        CrossSection sigma = s => 1e-6 * mr * mr * width * width / ((s - mr * mr) * (s - mr * mr) + mr * mr * width * width);
        double with = ThermalAverage.SigmaV(sigma, m, T, new ThermalAverageOptions { BreakPoints = [mr] });
        double fine = ThermalAverage.SigmaV(sigma, m, T, new ThermalAverageOptions { BreakPoints = [mr - 1e-3, mr, mr + 1e-3], RelativeTolerance = 1e-11 });
        Assert.That(with / fine, Is.EqualTo(1).Within(1e-6));
    }

    [Test]
    public void BadInput_GivesClearErrors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ThermalAverage.SigmaV(_ => 1, -1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ThermalAverage.SigmaV(_ => 1, 1, 0));
        var ex = Assert.Throws<ArgumentException>(() => ThermalAverage.SigmaV(_ => double.NaN, 1, 1))!;
        Assert.That(ex.Message, Does.Contain("σ(s)"));
        Assert.Throws<ArgumentException>(() => ThermalAverage.SigmaV(_ => -1, 1, 1));
    }

    [Test]
    public void Units_RoundTrip()
    {
        Assert.That(CosmologyUnits.SigmaVCm3PerSecondPerInverseMeV2, Is.EqualTo(1.1673e-11).Within(1e-14));
        Assert.That(CosmologyUnits.SigmaVToCm3PerSecond(CosmologyUnits.SigmaVFromCm3PerSecond(3e-26)), Is.EqualTo(3e-26).Within(1e-40));
        // Ωh² = 2.7438e8 (m/GeV) Y from PDG s₀ and ρ_c/h²; seed 001 eq. (4.3) prints 2.742e5 (m/MeV)
        Assert.That(CosmologyUnits.OmegaH2PerMeVYield, Is.EqualTo(2.7438e5).Within(0.0005e5));
        Assert.That(CosmologyUnits.OmegaH2PerMeVYield / CosmologyUnits.Seed001OmegaH2PerMeVYield - 1, Is.InRange(0.0, 1e-3));
    }
}
