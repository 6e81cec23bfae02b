using NuDM.App.Cosmology;
using NuDM.Physics;
using NuDM.Symbolic;
using NUnit.Framework;

namespace NuDM.App.Tests.Cosmology;

/// <summary>
/// The tabulated SM equation of state, H(T), s(T), equilibrium densities and T_ν. Check values: data/cosmology/README.md
/// (read from the files with log-linear interpolation), closed-form limits, a hand computation of H.
/// </summary>
public class ThermodynamicsTests
{
    /// <summary>Apéry's constant ζ(3) (the relativistic limits of the Fermi–Dirac and Bose–Einstein densities).</summary>
    internal const double Zeta3 = 1.2020569031595942854;

    private static StandardModelPlasma SS => StandardModelPlasma.Load(DegreesOfFreedomTable.SaikawaShirai);
    private static StandardModelPlasma Std => StandardModelPlasma.Load(DegreesOfFreedomTable.MicromegasStandard);

    [TestCase(DegreesOfFreedomTable.SaikawaShirai, 1.0, 10.547, 10.545)]
    [TestCase(DegreesOfFreedomTable.SaikawaShirai, 0.1, 4.799, 4.319)]
    [TestCase(DegreesOfFreedomTable.MicromegasStandard, 1.0, 10.590, 10.586)]
    [TestCase(DegreesOfFreedomTable.MicromegasStandard, 0.1, 4.784, 4.320)]
    public void DegreesOfFreedom_MatchReadmeCheckValues(DegreesOfFreedomTable table, double tMeV, double h, double g)
    {
        var p = StandardModelPlasma.Load(table);
        Assert.Multiple(() =>
        {
            // README values are rounded to 3 decimals; the cubic and the linear interpolation differ by < 1e-3 here
            Assert.That(p.EntropyDof(tMeV), Is.EqualTo(h).Within(2e-3));
            Assert.That(p.EnergyDof(tMeV), Is.EqualTo(g).Within(2e-3));
        });
    }

    [TestCase(DegreesOfFreedomTable.SaikawaShirai, 3.931, 3.383)]
    [TestCase(DegreesOfFreedomTable.MicromegasStandard, 3.914, 3.367)]
    [TestCase(DegreesOfFreedomTable.HindmarshPhilipsenA, 3.914, 3.367)]
    [TestCase(DegreesOfFreedomTable.HindmarshPhilipsenB, 3.914, 3.367)]
    [TestCase(DegreesOfFreedomTable.HindmarshPhilipsenB2, 3.914, 3.367)]
    [TestCase(DegreesOfFreedomTable.HindmarshPhilipsenB3, 3.914, 3.367)]
    [TestCase(DegreesOfFreedomTable.HindmarshPhilipsenC, 3.914, 3.367)]
    public void DegreesOfFreedom_LowTemperatureLimits(DegreesOfFreedomTable table, double h0, double g0)
    {
        var p = StandardModelPlasma.Load(table);
        foreach (double t in new[] { 1e-6, 1e-3, 5e-3 }) // 1 eV, 1 keV, 5 keV: at or below the table's last row
        {
            Assert.That(p.EntropyDof(t), Is.EqualTo(h0).Within(1e-3), $"h_eff at {t} MeV");
            Assert.That(p.EnergyDof(t), Is.EqualTo(g0).Within(1e-3), $"g_eff at {t} MeV");
            Assert.That(p.EntropyDofLogDerivative(t), Is.EqualTo(0).Within(1e-3));
        }
        // instantaneous decoupling: h → 2 + (7/8)·2·3·(4/11) = 3.909, g → 2 + (7/8)·2·3·(4/11)^{4/3} = 3.363 (the
        // micrOMEGAs limits are 0.1% above; Saikawa–Shirai includes the N_eff = 3.044 heating and sits 0.6% above)
        Assert.That(Std.EntropyDofAtZero, Is.EqualTo(2 + 21.0 / 4 * 4 / 11).Within(6e-3));
        Assert.That(Std.EnergyDofAtZero, Is.EqualTo(2 + 21.0 / 4 * Math.Pow(4.0 / 11, 4.0 / 3)).Within(6e-3));
    }

    [Test]
    public void DegreesOfFreedom_HighTemperatureIsTheFullStandardModel()
    {
        // all SM species massless: 106.75 (h_eff = g_eff); the interacting EoS sits a few per cent below it
        Assert.That(SS.EntropyDof(1e6), Is.InRange(100.0, 106.75));
        Assert.That(Std.EnergyDof(1e6), Is.InRange(100.0, 106.75));
    }

    [Test]
    public void Hubble_AtOneMeV_MatchesHandComputation()
    {
        // H = sqrt(8π³ g/90) T²/M_Pl with g_eff(1 MeV) = 10.545 (README) and M_Pl = 1.220890e22 MeV:
        // sqrt(2.756 · 10.545) / 1.220890e22 = 4.4157e-22 MeV (the textbook 1.66 √g T²/M_Pl gives 4.4152e-22)
        Assert.That(SS.Hubble(1.0), Is.EqualTo(4.4157e-22).Within(2e-4 * 4.4157e-22));
        // s(1 MeV) = (2π²/45) · 10.547 MeV³
        Assert.That(SS.EntropyDensity(1.0), Is.EqualTo(2 * Math.PI * Math.PI / 45 * 10.547).Within(1e-3));
        var st = SS.State(1.0);
        Assert.That(st.Hubble, Is.EqualTo(SS.Hubble(1.0)).Within(1e-15));
        Assert.That(st.EntropyDensity, Is.EqualTo(SS.EntropyDensity(1.0)).Within(1e-14));
    }

    [Test]
    public void GStarSqrt_AgreesWithTheMicromegasTable()
    {
        // micromegas_geff_heff_sqrtgstar.tab (tests/reference-data) tabulates g_*^{1/2} = (h/√g)(1 + δ/3) for the same
        // EoS as std_thg.tab: our derivative of the interpolated h_eff must reproduce it (away from the sharpest features)
        var rows = ReferenceData.Read("cosmology/micromegas_geff_heff_sqrtgstar.tab", ReferenceData.GStarSqrt).Rows;
        int checkedRows = 0;
        double worst = 0;
        foreach (var r in rows)
        {
            double t = r.Number("T_GeV") * 1000;
            if (t < 0.05 || t > 1e6) continue;
            double ours = Std.GStarSqrt(t);
            worst = Math.Max(worst, Math.Abs(ours / r.Number("sqrt_gstar") - 1));
            checkedRows++;
        }
        TestContext.Out.WriteLine($"g_*^1/2: {checkedRows} rows, worst relative difference {worst:E2}");
        Assert.That(checkedRows, Is.GreaterThan(100));
        Assert.That(worst, Is.LessThan(0.03));
    }

    [Test]
    public void EntropyDofLogDerivative_IsNegativeWhereElectronsAnnihilate()
    {
        double d = SS.EntropyDofLogDerivative(0.2); // T ~ m_e/2.5: h falls as T falls, so dlnh/dlnT > 0
        Assert.That(d, Is.GreaterThan(0.1));
        // finite-difference check of the interpolant's derivative
        double eps = 1e-4, t = 0.2;
        double fd = (Math.Log(SS.EntropyDof(t * Math.Exp(eps))) - Math.Log(SS.EntropyDof(t * Math.Exp(-eps)))) / (2 * eps);
        Assert.That(d, Is.EqualTo(fd).Within(1e-5));
    }

    [Test]
    public void Temperature_OutsideTheTable_GivesAClearError()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Std.EnergyDof(1e8))!;
        Assert.That(ex.ParamName, Is.EqualTo("temperature"));
        Assert.That(ex.Message, Does.Contain("MeV").And.Contain("MicromegasStandard"));
        Assert.Throws<ArgumentOutOfRangeException>(() => SS.Hubble(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SS.Hubble(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SS.EntropyDensity(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => SS.State(double.PositiveInfinity));
    }

    [Test]
    public void NeutrinoTemperature_Limits()
    {
        Assert.That(StandardModelPlasma.NeutrinoTemperature(10) / 10, Is.EqualTo(1).Within(1e-4));
        Assert.That(StandardModelPlasma.NeutrinoTemperature(1e-3) / 1e-3, Is.EqualTo(Math.Cbrt(4.0 / 11)).Within(1e-10));
        double mid = StandardModelPlasma.NeutrinoTemperature(0.3) / 0.3;
        Assert.That(mid, Is.InRange(Math.Cbrt(4.0 / 11), 1.0));
        Assert.That(StandardModelPlasma.ElectronEntropyDof(0), Is.EqualTo(3.5).Within(1e-10));
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardModelPlasma.NeutrinoTemperature(0));
    }

    // ------------------------------------------------------------------ equilibrium densities

    [TestCase(QuantumStatistics.MaxwellBoltzmann, 1.0)]
    [TestCase(QuantumStatistics.FermiDirac, 0.75 * Zeta3)]
    [TestCase(QuantumStatistics.BoseEinstein, Zeta3)]
    public void NumberDensity_RelativisticLimit(QuantumStatistics stats, double factor)
    {
        // n → factor · g T³/π² for m ≪ T (MB: g T³/π²; FD: (3/4)ζ(3) g T³/π²; BE: ζ(3) g T³/π²)
        double T = 50, g = 2;
        foreach (double m in new[] { 0.0, 1e-4 })
            Assert.That(Equilibrium.NumberDensity(m, T, g, stats) / (factor * g * T * T * T / (Math.PI * Math.PI)),
                Is.EqualTo(1).Within(1e-8), $"m = {m}");
    }

    [TestCase(QuantumStatistics.MaxwellBoltzmann)]
    [TestCase(QuantumStatistics.FermiDirac)]
    [TestCase(QuantumStatistics.BoseEinstein)]
    public void NumberDensity_NonRelativisticLimit(QuantumStatistics stats)
    {
        // n → g (mT/2π)^{3/2} e^{−m/T} (1 + 15/(8x) + …) for x = m/T ≫ 1
        double m = 100, g = 2;
        foreach (double x in new[] { 30.0, 300.0, 3000.0 })
        {
            double T = m / x;
            double lnExpected = Math.Log(g) + 1.5 * Math.Log(m * T / (2 * Math.PI)) - x + Math.Log(1 + 15 / (8 * x));
            Assert.That(Equilibrium.LnNumberDensity(m, T, g, stats) - lnExpected, Is.EqualTo(0).Within(2.0 / (x * x)), $"x = {x}");
        }
        // deep in the tail n underflows but ln n stays exact
        Assert.That(Equilibrium.LnNumberDensity(1000, 1, 2), Is.EqualTo(Math.Log(2) + 1.5 * Math.Log(1000 / (2 * Math.PI)) - 1000
            + Math.Log(1 + 15.0 / 8000 + 105.0 / (128 * 1e6))).Within(1e-9));
    }

    [Test]
    public void NumberDensity_QuantumSeriesAndIntegralAgreeAtTheSwitch()
    {
        foreach (var stats in new[] { QuantumStatistics.FermiDirac, QuantumStatistics.BoseEinstein })
        {
            double below = Equilibrium.LnNumberDensity(1.999999, 1, 2, stats);
            double above = Equilibrium.LnNumberDensity(2.000001, 1, 2, stats);
            Assert.That(above - below, Is.EqualTo(0).Within(1e-5), stats.ToString());
        }
        // quantum corrections vanish at large x: FD/MB − 1 ≈ −e^{−x}·(K2(2x)/2K2(x))
        double ratio = Equilibrium.NumberDensity(10, 1, 2, QuantumStatistics.FermiDirac) / Equilibrium.NumberDensity(10, 1, 2);
        Assert.That(ratio, Is.EqualTo(1).Within(5e-5));
    }

    [Test]
    public void Yield_IsNumberDensityOverEntropy()
    {
        double y = Equilibrium.Yield(3, 1, 2, SS);
        Assert.That(y, Is.EqualTo(Equilibrium.NumberDensity(3, 1, 2) / SS.EntropyDensity(1)).Within(1e-12 * y));
    }

    [Test]
    public void BadInput_GivesClearErrors()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Equilibrium.NumberDensity(-1, 1, 2))!;
        Assert.That(ex.ParamName, Is.EqualTo("mass"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Equilibrium.NumberDensity(1, 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Equilibrium.NumberDensity(1, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Equilibrium.NumberDensity(double.NaN, 1, 2));
    }

    [TestCase(1e-3, 2002000.4998341393, 8008003000.3332917)]
    [TestCase(0.1, 220.48597976325683, 8830.3293732133227)]
    [TestCase(1.0, 4.4167700523334115, 19.303233695596904)]
    [TestCase(2.0, 1.87504506213946, 4.7835669713476086)]
    [TestCase(2.5, 1.479688229454402, 3.2676755910349214)]
    [TestCase(10.0, 0.47378524855575642, 0.60028067001809132)]
    [TestCase(100.0, 0.12769162066871815, 0.13090761530632726)]
    [TestCase(600.0, 0.051326346712654205, 0.051540473370223471)]
    public void ScaledBessel_AgreesWithHighPrecisionValues(double x, double k2e, double k3e)
    {
        // reference: eˣ K_n(x) from mpmath (30 digits)
        Assert.That(ScaledBessel.K2(x) / k2e, Is.EqualTo(1).Within(1e-13), "K2");
        Assert.That(ScaledBessel.K3(x) / k3e, Is.EqualTo(1).Within(1e-13), "K3");
        Assert.That(ScaledBessel.Kn(2, x) / k2e, Is.EqualTo(1).Within(1e-13), "K2 through Kn");
        Assert.That(ScaledBessel.Kn(3, x) / k3e, Is.EqualTo(1).Within(1e-13), "K3 through Kn");
        Assert.That(CosmologyFormulas.ReducedDensityMB(x) / (x * x * k2e), Is.EqualTo(1).Within(1e-13), "x² K2");
    }

    [Test]
    public void K1OverK2_LargeArgument() =>
        Assert.That(ScaledBessel.K1(1e4) / ScaledBessel.K2(1e4), Is.EqualTo(1 - 1.5e-4).Within(1e-7)); // K1/K2 = 1 − 3/(2x) + O(x⁻²)
}
