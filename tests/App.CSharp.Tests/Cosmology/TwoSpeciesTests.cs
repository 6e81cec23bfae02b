using NuDM.App.Cosmology;
using NUnit.Framework;

namespace NuDM.App.Tests.Cosmology;

/// <summary>
/// Seed 001 eq. (4.2) with stand-in cross sections (<see cref="Seed001StandIns"/>): stability in both regimes, the
/// qualitative behaviour of Fig. 7, and exact limits (no interactions: Y_χ constant; decays only: Y_χ + Y_S conserved).
/// </summary>
public class TwoSpeciesTests
{
    private static readonly double[] Couplings = [1e-3, 1e-4, 1e-5];

    private static void AssertFinitePositive(TwoSpeciesResult r, string what)
    {
        for (int i = 0; i < r.X.Length; i++)
        {
            Assert.That(r.YChi[i] > 0 && double.IsFinite(r.YChi[i]), $"{what}: Y_chi = {r.YChi[i]} at x = {r.X[i]}");
            Assert.That(r.YS[i] >= 0 && double.IsFinite(r.YS[i]), $"{what}: Y_S = {r.YS[i]} at x = {r.X[i]}");
            Assert.That(r.YChi[i], Is.LessThan(0.1), $"{what}: Y_chi explodes at x = {r.X[i]}"); // Y ≤ Y_eq(relativistic) ~ 0.01
        }
    }

    [Test]
    public void Figure7_StandIns_StableAndQualitativelyRight()
    {
        var results = new Dictionary<(double mS, double y), TwoSpeciesResult>();
        foreach (double mS in new[] { 10.0, 100.0 })
            foreach (double y in Couplings)
            {
                var r = new TwoSpeciesSolver().Solve(Seed001StandIns.Model(y, 3, mS));
                AssertFinitePositive(r, $"m_S = {mS}, y = {y}");
                TestContext.Out.WriteLine($"m_S = {mS,5} MeV, y = {y:E0}: Y_chi(x_end) = {r.YChiEnd:E4}, Y_inf = {r.YChiInfinity:E4}, " +
                                          $"Ωh² = {r.OmegaH2:E4} (seed coefficient {r.OmegaH2SeedCoefficient:E4}), switch x = {r.SwitchX:G4}, {r.Statistics.Steps} steps");
                results[(mS, y)] = r;
            }
        // the initial yield Y_χ + Y_S at T_QCD, which decays into χ when nothing else happens
        double Initial(double mS) => results[(mS, 1e-5)].YChi[0] + results[(mS, 1e-5)].YS[0];
        Assert.Multiple(() =>
        {
            // y = 1e-3, m_S = 10: freeze-out, Y far below its initial value; weaker coupling leaves more
            Assert.That(results[(10, 1e-3)].YChiInfinity, Is.LessThan(1e-2 * Initial(10)));
            Assert.That(results[(10, 1e-3)].YChiInfinity, Is.LessThan(results[(10, 1e-4)].YChiInfinity));
            Assert.That(results[(100, 1e-3)].YChiInfinity, Is.LessThan(results[(100, 1e-4)].YChiInfinity));
            // the lighter mediator annihilates χ more efficiently: smaller Y at the same coupling (seed 001 §4)
            Assert.That(results[(10, 1e-3)].YChiInfinity, Is.LessThan(results[(100, 1e-3)].YChiInfinity));
            // y = 1e-5: set by the initial condition (within a few per cent), as the seed describes
            Assert.That(results[(10, 1e-5)].YChiInfinity / Initial(10), Is.InRange(1.0, 1.05));
            Assert.That(results[(100, 1e-5)].YChiInfinity / Initial(100), Is.InRange(1.0, 1.05));
        });
    }

    [Test]
    public void FreezeOutRegime_LargerCouplingLeavesLess()
    {
        // larger coupling → later freeze-out → smaller final yield, in the regime where χ freezes out
        foreach (double mS in new[] { 10.0, 100.0 })
        {
            double scale = mS == 10 ? 1e-3 : 1e-2;
            double previous = double.PositiveInfinity;
            foreach (double k in new[] { 1.0, 2.0, 4.0, 8.0 })
            {
                double y = new TwoSpeciesSolver().Solve(Seed001StandIns.Model(k * scale, 3, mS)).YChiInfinity;
                Assert.That(y, Is.LessThan(previous), $"m_S = {mS}, y = {k * scale}");
                previous = y;
            }
        }
    }

    [Test]
    public void NoInteractions_YieldStaysAtItsInitialValue()
    {
        // y = 1e-16: Γ_S/H < 1e-5 down to x = 1000 and all annihilations ∝ y⁴ vanish: Y_χ(x) = Y_χ,eq(T_QCD)
        var r = new TwoSpeciesSolver().Solve(Seed001StandIns.Model(1e-16, 3, 10));
        AssertFinitePositive(r, "y = 1e-16");
        double y0 = r.YChi[0];
        Assert.That(y0, Is.EqualTo(r.YChiEquilibrium[0]).Within(1e-12 * y0));
        foreach (double y in r.YChi) Assert.That(y / y0 - 1, Is.EqualTo(0).Within(1e-4));
    }

    [Test]
    public void DecaysOnly_ConserveTotalYield()
    {
        // y = 1e-9: annihilations ∝ y⁴ ~ 1e-36 are negligible, decays/inverse decays (Γ ∝ y²) are active and conserve
        // Y_χ + Y_S (one χ per S in eq. 4.2); S decays completely, so Y_χ(∞) = Y_χ,eq + Y_S,eq at T_QCD
        var r = new TwoSpeciesSolver().Solve(Seed001StandIns.Model(1e-9, 3, 10));
        AssertFinitePositive(r, "y = 1e-9");
        double total0 = r.YChi[0] + r.YS[0];
        for (int i = 0; i < r.X.Length; i++)
            Assert.That((r.YChi[i] + r.YS[i]) / total0 - 1, Is.EqualTo(0).Within(1e-5), $"x = {r.X[i]}");
        Assert.That(r.YS[^1] / r.YChi[^1], Is.LessThan(1e-10));
    }

    [Test]
    public void StrongCoupling_TracksEquilibriumThenFreezesOut()
    {
        var r = new TwoSpeciesSolver().Solve(Seed001StandIns.Model(1e-3, 3, 10));
        // early: both species at their equilibrium yields
        int early = Array.FindIndex(r.X, x => x > 0.1);
        Assert.That(r.YChi[early] / r.YChiEquilibrium[early], Is.EqualTo(1).Within(1e-3));
        Assert.That(r.YS[early] / r.YSEquilibrium[early], Is.EqualTo(1).Within(1e-3));
        // late: frozen far above equilibrium, constant
        Assert.That(r.YChi[^1], Is.GreaterThan(1e6 * r.YChiEquilibrium[^1]));
        Assert.That(r.YChiInfinity / r.YChiEnd, Is.InRange(0.95, 1.0));
    }

    [Test]
    public void TighterTolerances_ChangeResultsByLessThanHalfAPercent()
    {
        foreach (double y in Couplings)
        {
            var model = Seed001StandIns.Model(y, 3, 10);
            double a = new TwoSpeciesSolver().Solve(model).YChiInfinity;
            double b = new TwoSpeciesSolver(new TwoSpeciesOptions { Tolerance = 1e-7, GridStep = 0.01, CrossSectionGridStep = 0.05 }).Solve(model).YChiInfinity;
            TestContext.Out.WriteLine($"y = {y:E0}: Y = {a:E6} vs {b:E6}: Δ = {a / b - 1:E2}");
            Assert.That(a / b - 1, Is.EqualTo(0).Within(0.005));
        }
    }

    [Test]
    public void QuantumStatistics_ChangeTheInitialYieldByTheExpectedFactor()
    {
        var mb = new TwoSpeciesSolver().Solve(Seed001StandIns.Model(1e-14, 3, 10));
        var fd = new TwoSpeciesSolver(new TwoSpeciesOptions { Statistics = QuantumStatistics.FermiDirac }).Solve(Seed001StandIns.Model(1e-14, 3, 10));
        // m_χ/T_QCD = 0.015: n_FD/n_MB → 3ζ(3)/4 = 0.9015 (within 1e-4 at this x)
        Assert.That(fd.YChi[0] / mb.YChi[0], Is.EqualTo(0.75 * ThermodynamicsTests.Zeta3).Within(2e-4));
    }

    [Test]
    public void BadInput_GivesClearErrors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TwoSpeciesModel { ChiMass = -3, MediatorMass = 10, MediatorWidth = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TwoSpeciesModel { ChiMass = 3, MediatorMass = 10, MediatorWidth = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TwoSpeciesOptions { StartTemperature = 0 });
        var model = new TwoSpeciesModel { ChiMass = 3, MediatorMass = 10, MediatorWidth = 1e-9, ChiChiToNuNu = _ => double.NaN };
        var ex = Assert.Throws<ArgumentException>(() => new TwoSpeciesSolver().Solve(model))!;
        Assert.That(ex.Message, Does.Contain("ChiChiToNuNu"));
        var tooHeavy = new TwoSpeciesModel { ChiMass = 3000, MediatorMass = 10, MediatorWidth = 1e-9 };
        Assert.Throws<ArgumentOutOfRangeException>(() => new TwoSpeciesSolver(new TwoSpeciesOptions { XEnd = 10 }).Solve(tooHeavy));
    }
}
