using NuDM.Physics;
using Integrate = MathNet.Numerics.Integrate;

namespace NuDM.App.Cosmology;

/// <summary>
/// The tabulated Standard-Model equations of state in data/cosmology (see data/cosmology/README.md for provenance).
/// </summary>
public enum DegreesOfFreedomTable
{
    /// <summary>
    /// K. Saikawa, S. Shirai, JCAP 05 (2018) 035, arXiv:1803.01038 (2020 update): lattice QCD + perturbative EoS with
    /// non-instantaneous neutrino decoupling; h_eff → 3.931, g_eff → 3.383 at low T. The default.
    /// </summary>
    SaikawaShirai,

    /// <summary>micrOMEGAs default table (Gondolo–Gelmini ideal-gas SM, T_QCD = 150 MeV); h_eff → 3.914, g_eff → 3.367.</summary>
    MicromegasStandard,

    /// <summary>Hindmarsh–Philipsen equation of state A, PRD 71 (2005) 087302 (as tabulated in micrOMEGAs).</summary>
    HindmarshPhilipsenA,

    /// <summary>Hindmarsh–Philipsen equation of state B (their preferred one).</summary>
    HindmarshPhilipsenB,

    /// <summary>Hindmarsh–Philipsen equation of state B2.</summary>
    HindmarshPhilipsenB2,

    /// <summary>Hindmarsh–Philipsen equation of state B3.</summary>
    HindmarshPhilipsenB3,

    /// <summary>Hindmarsh–Philipsen equation of state C.</summary>
    HindmarshPhilipsenC,
}

/// <summary>
/// Thermodynamics of the Standard-Model plasma in the radiation era, from a tabulated equation of state:
/// the effective degrees of freedom g_eff(T) (energy, ρ = g_eff π²T⁴/30) and h_eff(T) (entropy,
/// s = h_eff 2π²T³/45), d ln h_eff/d ln T, the Hubble rate H(T) = sqrt(8π³ g_eff/90) T²/M_Pl (Friedmann equation with
/// ρ = ρ_SM), the entropy density, and the neutrino temperature after e± annihilation. All temperatures are photon
/// (plasma) temperatures in MeV; rates in MeV; densities in MeV³ or MeV⁴. The formulas are the kernel's
/// (<see cref="Thermodynamics"/>, through <see cref="CosmologyFormulas"/>); this class holds the tables, their
/// interpolation and the quadrature of h_e.
/// </summary>
/// <remarks>
/// Interpolation: h_eff and g_eff are interpolated in ln T with a monotone piecewise-cubic Hermite (Fritsch–Carlson
/// limited slopes), which agrees with linear-in-ln T interpolation at the table nodes, has a continuous first
/// derivative (so d ln h_eff/d ln T is continuous, which the stiff Boltzmann solvers need), and does not overshoot at
/// the QCD or e± steps. Valid range: 0 &lt; T ≤ <see cref="MaximumTemperature"/>. Below the lowest tabulated
/// temperature (10 keV for Saikawa–Shirai, 20 keV for the micrOMEGAs tables) every table is flat: e± have annihilated
/// and there is no further Standard-Model threshold, so the lowest row is the T → 0 limit and is returned unchanged
/// (the micrOMEGAs files list that limit explicitly at T = 0). Above the table a clear error is thrown. Instances are
/// immutable and thread-safe; <see cref="Load"/> caches one per table.
/// </remarks>
public sealed class StandardModelPlasma
{
    private static readonly Func<double, double, double> HubbleOf = CosmologyFormulas.Hubble;          // (g_eff, T)
    private static readonly Func<double, double, double> EntropyOf = CosmologyFormulas.EntropyDensity; // (h_eff, T)
    private static readonly Func<double, double, double> EnergyOf = CosmologyFormulas.EnergyDensity;   // (g_eff, T)
    private static readonly Func<double, double, double, double> GStar = CosmologyFormulas.GStarSqrt; // (h_eff, g_eff, δ)
    private static readonly Func<double, double, double> NeutrinoT = CosmologyFormulas.NeutrinoTemperature; // (T, h_e)
    private static readonly Func<double, double, double> ElectronEntropy = CosmologyFormulas.ElectronEntropyIntegrand; // (q, y)
    private static readonly Func<double, double> ElectronDof = CosmologyFormulas.ElectronEntropyDof;                 // (∫ dq)
    private static readonly Func<double, double, double> StateHubble = CosmologyFormulas.PlasmaStateHubble;         // (g_eff, T)
    private static readonly Func<double, double, double> StateEntropy = CosmologyFormulas.PlasmaStateEntropyDensity; // (h_eff, T)

    private readonly double[] _lnT;   // ascending ln(T/MeV)
    private readonly double[] _h, _g; // h_eff, g_eff at the nodes
    private readonly double[] _dh, _dg; // d h/d ln T, d g/d ln T at the nodes (limited Hermite slopes)

    private StandardModelPlasma(DegreesOfFreedomTable table, double[] tMeV, double[] h, double[] g, string file)
    {
        Table = table;
        FileName = file;
        _lnT = tMeV.Select(t => Math.Log(t)).ToArray(); // numerics: interpolation in ln T
        _h = h;
        _g = g;
        _dh = MonotoneSlopes(_lnT, _h);
        _dg = MonotoneSlopes(_lnT, _g);
        LowestTabulatedTemperature = tMeV[0];
        MaximumTemperature = tMeV[^1];
    }

    /// <summary>The table in use.</summary>
    public DegreesOfFreedomTable Table { get; }

    /// <summary>The data file read (under data/cosmology).</summary>
    public string FileName { get; }

    /// <summary>Lowest tabulated temperature in MeV; below it the low-temperature limit is used (see remarks).</summary>
    public double LowestTabulatedTemperature { get; }

    /// <summary>Highest tabulated temperature in MeV; above it every method throws.</summary>
    public double MaximumTemperature { get; }

    /// <summary>The T → 0 limit of h_eff (the table's lowest row).</summary>
    public double EntropyDofAtZero => _h[0];

    /// <summary>The T → 0 limit of g_eff (the table's lowest row).</summary>
    public double EnergyDofAtZero => _g[0];

    /// <summary>The default table (Saikawa–Shirai).</summary>
    public static StandardModelPlasma Default => Load(DegreesOfFreedomTable.SaikawaShirai);

    /// <summary>Loads (once per data folder, then cached) a table from data/cosmology.</summary>
    /// <param name="table">Which equation of state.</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown enum value.</exception>
    /// <exception cref="DataFileException">The data file is missing or breaks its schema in <see cref="DataCatalog"/>
    /// (a temperature that does not increase — or decrease, for the Hindmarsh–Philipsen files — a non-finite or
    /// non-positive g_eff or h_eff, a missing or extra row or cell), with file, line and column.</exception>
    public static StandardModelPlasma Load(DegreesOfFreedomTable table = DegreesOfFreedomTable.SaikawaShirai)
    {
        if (!Enum.IsDefined(table)) throw new ArgumentOutOfRangeException(nameof(table), table, "unknown degrees-of-freedom table");
        return DataFiles.Cached("cosmology.plasma." + table, () => Read(table));
    }

    private static StandardModelPlasma Read(DegreesOfFreedomTable table)
    {
        // (file, column of h_eff, column of g_eff); T [GeV] is column 0 in all of them
        (string file, int hCol, int gCol) = table switch
        {
            DegreesOfFreedomTable.SaikawaShirai => ("saikawa_shirai_gstar_ptarcade.dat", 2, 3),
            DegreesOfFreedomTable.MicromegasStandard => ("micromegas_std_thg.tab", 1, 2),
            DegreesOfFreedomTable.HindmarshPhilipsenA => ("micromegas_HP_A_thg.tab", 1, 2),
            DegreesOfFreedomTable.HindmarshPhilipsenB => ("micromegas_HP_B_thg.tab", 1, 2),
            DegreesOfFreedomTable.HindmarshPhilipsenB2 => ("micromegas_HP_B2_thg.tab", 1, 2),
            DegreesOfFreedomTable.HindmarshPhilipsenB3 => ("micromegas_HP_B3_thg.tab", 1, 2),
            DegreesOfFreedomTable.HindmarshPhilipsenC => ("micromegas_HP_C_thg.tab", 1, 2),
            _ => throw new ArgumentOutOfRangeException(nameof(table), table, "unknown degrees-of-freedom table"),
        };
        // The schema (DataCatalog) checks every cell, the row count and that T is sorted (the micrOMEGAs Hindmarsh–Philipsen
        // files are listed from the top); its stated rule sets aside the micrOMEGAs T = 0 rows, the T → 0 limit, which
        // equals the lowest T > 0 row (checked there) and is what this class holds below the table.
        var data = DataFiles.Table("cosmology/" + file);
        var rows = data.Rows
            .Select(r => (T: r.Number(0) * 1000.0, h: r.Number(hCol), g: r.Number(gCol)))
            .OrderBy(r => r.T)
            .ToArray();
        if (rows.Length < 4)
            throw data.Error($"has {rows.Length} rows with T > 0; at least 4 are needed");
        return new StandardModelPlasma(table, rows.Select(r => r.T).ToArray(), rows.Select(r => r.h).ToArray(),
            rows.Select(r => r.g).ToArray(), file);
    }

    // ------------------------------------------------------------------ degrees of freedom

    /// <summary>g_eff(T): energy-density degrees of freedom, ρ = g_eff (π²/30) T⁴. T in MeV.</summary>
    /// <exception cref="ArgumentOutOfRangeException">T is not in (0, <see cref="MaximumTemperature"/>].</exception>
    public double EnergyDof(double temperature) => Interpolate(_g, _dg, CheckT(temperature), out _);

    /// <summary>h_eff(T): entropy degrees of freedom, s = h_eff (2π²/45) T³. T in MeV.</summary>
    /// <exception cref="ArgumentOutOfRangeException">T is not in (0, <see cref="MaximumTemperature"/>].</exception>
    public double EntropyDof(double temperature) => Interpolate(_h, _dh, CheckT(temperature), out _);

    /// <summary>δ(T) = d ln h_eff/d ln T (dimensionless; ≤ 0 where species annihilate, 0 below the table).</summary>
    /// <exception cref="ArgumentOutOfRangeException">T is not in (0, <see cref="MaximumTemperature"/>].</exception>
    public double EntropyDofLogDerivative(double temperature)
    {
        double h = Interpolate(_h, _dh, CheckT(temperature), out double dh);
        return dh / h;
    }

    /// <summary>
    /// All plasma quantities at one temperature in one table look-up (the Boltzmann solvers' inner need).
    /// </summary>
    /// <param name="temperature">Photon temperature T, MeV.</param>
    /// <returns>h_eff, g_eff, δ = d ln h_eff/d ln T, s in MeV³ and H in MeV.</returns>
    /// <exception cref="ArgumentOutOfRangeException">T is not in (0, <see cref="MaximumTemperature"/>].</exception>
    public PlasmaState State(double temperature)
    {
        CheckT(temperature);
        double h = Interpolate(_h, _dh, temperature, out double dh);
        double g = Interpolate(_g, _dg, temperature, out _);
        return new PlasmaState(temperature, h, g, dh / h, StateEntropy(h, temperature), StateHubble(g, temperature));
    }

    /// <summary>
    /// Gondolo–Gelmini g_*^{1/2} = (h_eff/√g_eff)(1 + δ/3), δ = d ln h_eff/d ln T (Nucl. Phys. B360 (1991) 145, eq. 3.10
    /// there; the combination tabulated in micromegas_geff_heff_sqrtgstar.tab). Dimensionless.
    /// </summary>
    public double GStarSqrt(double temperature)
    {
        var st = State(temperature);
        return GStar(st.EntropyDof, st.EnergyDof, st.LogDerivative);
    }

    // ------------------------------------------------------------------ densities and rates

    /// <summary>Hubble rate H(T) = sqrt(8π³ g_eff(T)/90) T²/M_Pl in MeV (radiation domination by the SM plasma;
    /// M_Pl = 1.220890e19 GeV from <see cref="Constants.PlanckMass"/>). T in MeV.</summary>
    /// <exception cref="ArgumentOutOfRangeException">T is not in (0, <see cref="MaximumTemperature"/>].</exception>
    public double Hubble(double temperature) => HubbleOf(EnergyDof(temperature), temperature);

    /// <summary>Entropy density s(T) = (2π²/45) h_eff(T) T³ in MeV³. T in MeV.</summary>
    /// <exception cref="ArgumentOutOfRangeException">T is not in (0, <see cref="MaximumTemperature"/>].</exception>
    public double EntropyDensity(double temperature) => EntropyOf(EntropyDof(temperature), temperature);

    /// <summary>Energy density ρ(T) = (π²/30) g_eff(T) T⁴ in MeV⁴. T in MeV.</summary>
    /// <exception cref="ArgumentOutOfRangeException">T is not in (0, <see cref="MaximumTemperature"/>].</exception>
    public double EnergyDensity(double temperature) => EnergyOf(EnergyDof(temperature), temperature);

    // ------------------------------------------------------------------ neutrino temperature

    /// <summary>
    /// Neutrino temperature T_ν(T) in MeV for photon temperature T in MeV, with instantaneous neutrino decoupling
    /// while e± are ultra-relativistic and entropy conservation in the e±γ plasma afterwards:
    /// (T_ν/T)³ = (2 + h_e(m_e/T))/(11/2), where h_e(y) = (45/π⁴)∫₀^∞ q²(ε + q²/(3ε))/(e^ε + 1) dq, ε = √(q² + y²), is
    /// the e± entropy degrees of freedom (→ 7/2 for y → 0, → 0 for y → ∞). Hence T_ν = T above a few MeV and
    /// T_ν = (4/11)^{1/3} T below ~ m_e/20. Use it for processes whose partners are neutrinos only (kinetic
    /// decoupling). Non-instantaneous decoupling (N_eff = 3.044) shifts T_ν by ≲ 0.5% and is not included here.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">T is not finite and &gt; 0.</exception>
    public static double NeutrinoTemperature(double temperature)
    {
        Argument.Positive(nameof(temperature), temperature, "MeV");
        return NeutrinoT(temperature, ElectronEntropyDof(Constants.ElectronMass / temperature));
    }

    /// <summary>
    /// e± entropy degrees of freedom h_e(y), y = m_e/T: (45/π⁴)∫₀^∞ q²(ε + q²/(3ε))/(e^ε + 1) dq, ε = √(q² + y²)
    /// (g = 4, Fermi–Dirac, zero chemical potential). Dimensionless; 7/2 at y = 0.
    /// </summary>
    public static double ElectronEntropyDof(double y)
    {
        Argument.NonNegative(nameof(y), y);
        if (y > 60) return 0; // < 1e-23 of the massless value
        double upper = Math.Max(60, y + 60); // the integrand falls as e^(−ε): e^(−60) beyond
        // q = y = 0 is 0/0 in the compiled form (the integrand → 0 there)
        double integral = Integrate.GaussKronrod(q => q == 0 && y == 0 ? 0 : ElectronEntropy(q, y), 0, upper, 1e-12, 12, 61);
        return ElectronDof(integral);
    }

    // ------------------------------------------------------------------ interpolation

    private double CheckT(double temperature)
    {
        if (!(temperature > 0) || !(temperature <= MaximumTemperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature,
                $"temperature must be in (0, {MaximumTemperature:G6}] MeV, the range of the {Table} table ({FileName}); " +
                $"below {LowestTabulatedTemperature:G4} MeV its T -> 0 limit is used");
        return temperature;
    }

    /// <summary>Value and d value/d ln T of the monotone cubic in ln T (flat below the table).</summary>
    private double Interpolate(double[] v, double[] d, double temperature, out double derivative)
    {
        double x = Math.Log(temperature); // numerics: interpolation in ln T
        if (x <= _lnT[0])
        {
            derivative = 0;
            return v[0];
        }
        int i = Array.BinarySearch(_lnT, x);
        if (i >= 0)
        {
            derivative = d[i];
            return v[i];
        }
        i = ~i - 1; // _lnT[i] < x < _lnT[i+1]
        if (i >= _lnT.Length - 1) i = _lnT.Length - 2;
        double h = _lnT[i + 1] - _lnT[i];
        double t = (x - _lnT[i]) / h;
        return Hermite.Evaluate(v[i], v[i + 1], d[i] * h, d[i + 1] * h, t, h, out derivative);
    }

    /// <summary>
    /// Node slopes for a monotone piecewise-cubic Hermite interpolant on a non-uniform grid (Fritsch–Butland weighted
    /// harmonic mean; 0 at local extrema), as in Fritsch &amp; Carlson, SIAM J. Numer. Anal. 17 (1980) 238.
    /// </summary>
    internal static double[] MonotoneSlopes(double[] x, double[] y)
    {
        int n = x.Length;
        var d = new double[n];
        var delta = new double[n - 1];
        var hs = new double[n - 1];
        for (int k = 0; k < n - 1; k++)
        {
            hs[k] = x[k + 1] - x[k];
            delta[k] = (y[k + 1] - y[k]) / hs[k];
        }
        for (int k = 1; k < n - 1; k++)
        {
            if (delta[k - 1] * delta[k] <= 0) { d[k] = 0; continue; }
            double w1 = 2 * hs[k] + hs[k - 1], w2 = hs[k] + 2 * hs[k - 1];
            d[k] = (w1 + w2) / (w1 / delta[k - 1] + w2 / delta[k]);
        }
        d[0] = EndSlope(hs[0], hs[1], delta[0], delta[1]);
        d[n - 1] = EndSlope(hs[n - 2], hs[n - 3], delta[n - 2], delta[n - 3]);
        return d;
    }

    // Shape-preserving three-point end slope (Moler, Numerical Computing with MATLAB, pchip).
    private static double EndSlope(double h0, double h1, double del0, double del1)
    {
        double d = ((2 * h0 + h1) * del0 - h0 * del1) / (h0 + h1);
        if (Math.Sign(d) != Math.Sign(del0)) d = 0;
        else if (Math.Sign(del0) != Math.Sign(del1) && Math.Abs(d) > Math.Abs(3 * del0)) d = 3 * del0;
        return d;
    }
}

/// <summary>The Standard-Model plasma at one temperature.</summary>
/// <param name="Temperature">Photon temperature T, MeV.</param>
/// <param name="EntropyDof">h_eff(T).</param>
/// <param name="EnergyDof">g_eff(T).</param>
/// <param name="LogDerivative">δ = d ln h_eff/d ln T.</param>
/// <param name="EntropyDensity">s = (2π²/45) h_eff T³, MeV³.</param>
/// <param name="Hubble">H = sqrt(8π³ g_eff/90) T²/M_Pl, MeV.</param>
public readonly record struct PlasmaState(double Temperature, double EntropyDof, double EnergyDof, double LogDerivative,
    double EntropyDensity, double Hubble);

/// <summary>Cubic Hermite segment evaluation.</summary>
internal static class Hermite
{
    /// <summary>
    /// Value at t ∈ [0, 1] of the cubic with end values y0, y1 and end slopes m0, m1 given per unit t (already
    /// multiplied by the interval length h); <paramref name="derivative"/> is d/dx with x = x0 + t h.
    /// </summary>
    public static double Evaluate(double y0, double y1, double m0, double m1, double t, double h, out double derivative)
    {
        double t2 = t * t, t3 = t2 * t;
        double h00 = 2 * t3 - 3 * t2 + 1, h10 = t3 - 2 * t2 + t, h01 = -2 * t3 + 3 * t2, h11 = t3 - t2;
        double d00 = 6 * t2 - 6 * t, d10 = 3 * t2 - 4 * t + 1, d01 = -6 * t2 + 6 * t, d11 = 3 * t2 - 2 * t;
        derivative = (d00 * y0 + d10 * m0 + d01 * y1 + d11 * m1) / h;
        return h00 * y0 + h10 * m0 + h01 * y1 + h11 * m1;
    }
}
