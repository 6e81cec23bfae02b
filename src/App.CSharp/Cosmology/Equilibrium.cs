using MathNet.Numerics;
using NuDM.Physics;

namespace NuDM.App.Cosmology;

/// <summary>Phase-space statistics of a species in kinetic and chemical equilibrium (zero chemical potential).</summary>
public enum QuantumStatistics
{
    /// <summary>Maxwell–Boltzmann f = e^(−E/T): n = g m² T K₂(m/T)/(2π²). The convention of the Gondolo–Gelmini
    /// thermal average and of the seeds' Boltzmann equations; exact for m ≫ T.</summary>
    MaxwellBoltzmann,

    /// <summary>Fermi–Dirac f = 1/(e^(E/T) + 1): n → (3/4) ζ(3) g T³/π² for m ≪ T (10% below Maxwell–Boltzmann).</summary>
    FermiDirac,

    /// <summary>Bose–Einstein f = 1/(e^(E/T) − 1): n → ζ(3) g T³/π² for m ≪ T (20% above Maxwell–Boltzmann).</summary>
    BoseEinstein,
}

/// <summary>
/// Equilibrium number densities and yields. Units: masses and temperatures in MeV, n in MeV³, Y = n/s dimensionless.
/// The formulas are the kernel's (<see cref="Thermodynamics"/>: ln n_eq = ln(g T³/(2π²)) + ln ñ, ln Y_eq =
/// ln(45 g/(4π⁴ h_eff)) + ln ñ, the reduced density ñ = 2π² n_eq/(g T³) and its quantum series and integrand); this
/// class sums the series and does the quadrature.
/// </summary>
/// <remarks>
/// Maxwell–Boltzmann: ñ = x² K₂(x) (exact Bessel form, evaluated with the scaled K₂ so that ln n_eq is exact even where
/// n_eq underflows, m/T ≳ 700). Quantum statistics matter only when the species is relativistic (m/T ≲ 3): at m/T = 3
/// the Fermi–Dirac density is 2.3% below MB, at m/T ≥ 10 the difference is below 5e-5. Freeze-out at x_f ≈ 15–25 is
/// therefore insensitive to them; the χ/S system of seed 001, which starts at T_QCD with m_χ/T ≈ 0.015, is not (the
/// initial yield differs by the factor 3ζ(3)/4 ≈ 0.90 for a fermion). They are implemented: for x = m/T ≥ 2 by the
/// series ñ = x² K₂(x) Σ_k (±1)^{k+1} K₂(k x)/(k K₂(x)), below by direct integration of ñ = ∫₀^∞ q² f(√(q² + x²)) dq.
/// </remarks>
public static class Equilibrium
{
    private static readonly Func<double, double, double, double> LnDensity = CosmologyFormulas.LnNumberDensity;    // (g, T, ln ñ)
    private static readonly Func<double, double, double, double> LnYieldOf = CosmologyFormulas.LnEquilibriumYield; // (g, h_eff, ln ñ)
    private static readonly Func<double, double> LnReducedMB = CosmologyFormulas.LnReducedDensityMB;               // (x)
    private static readonly Func<double, double, double, double> SeriesTerm = CosmologyFormulas.QuantumSeriesTerm; // (k, x, σ)
    private static readonly Func<double, double, double, double> DensityIntegrand = CosmologyFormulas.QuantumDensityIntegrand; // (q, x, σ)

    /// <summary>Equilibrium number density n_eq in MeV³ at zero chemical potential.</summary>
    /// <param name="mass">Mass m ≥ 0, MeV (m = 0 is allowed for Maxwell–Boltzmann and Fermi–Dirac; Bose–Einstein
    /// needs m &gt; 0 only in the sense of the integral, which converges at m = 0 too).</param>
    /// <param name="temperature">Temperature T &gt; 0, MeV.</param>
    /// <param name="dof">Internal degrees of freedom g &gt; 0.</param>
    /// <param name="statistics">Phase-space statistics.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite mass, T ≤ 0, g ≤ 0.</exception>
    public static double NumberDensity(double mass, double temperature, double dof,
        QuantumStatistics statistics = QuantumStatistics.MaxwellBoltzmann) =>
        Math.Exp(LnNumberDensity(mass, temperature, dof, statistics)); // numerics: back from the log variable

    /// <summary>ln(n_eq / MeV³), exact for any m/T (no underflow). Arguments as <see cref="NumberDensity"/>.</summary>
    public static double LnNumberDensity(double mass, double temperature, double dof,
        QuantumStatistics statistics = QuantumStatistics.MaxwellBoltzmann)
    {
        Argument.NonNegative(nameof(mass), mass, "MeV");
        Argument.Positive(nameof(temperature), temperature, "MeV");
        Argument.Positive(nameof(dof), dof);
        return LnDensity(dof, temperature, LnReducedDensity(mass / temperature, statistics));
    }

    /// <summary>
    /// ln of the reduced density ñ(x) = 2π² n_eq/(g T³) = ∫₀^∞ q² f(√(q² + x²)) dq; for MB ñ = x² K₂(x).
    /// </summary>
    internal static double LnReducedDensity(double x, QuantumStatistics statistics)
    {
        switch (statistics)
        {
            case QuantumStatistics.MaxwellBoltzmann:
                return LnReducedMB(x);
            case QuantumStatistics.FermiDirac:
            case QuantumStatistics.BoseEinstein:
            {
                double sign = statistics == QuantumStatistics.FermiDirac ? -1 : 1;
                if (x >= 2)
                {
                    // ñ = ñ_MB Σ_k term_k, the terms relative to the first (k = 1 is 1); they fall as e^{−(k−1)x}
                    double sum = 1;
                    for (int k = 2; k < 200; k++)
                    {
                        double term = SeriesTerm(k, x, sign);
                        sum += term;
                        if (Math.Abs(term) < 1e-17 * sum) break;
                    }
                    return LnReducedMB(x) + Math.Log(sum); // numerics: ln of the summed series
                }
                double integral = Integrate.GaussKronrod(q => DensityIntegrand(q, x, sign), 0, 80, 1e-13, 15, 61);
                return Math.Log(integral); // numerics: ln of the quadrature
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(statistics), statistics, "unknown statistics");
        }
    }

    /// <summary>Equilibrium yield Y_eq = n_eq/s (dimensionless) in the given plasma.</summary>
    /// <param name="mass">Mass m ≥ 0, MeV.</param>
    /// <param name="temperature">Photon temperature T, MeV, inside the plasma table's range.</param>
    /// <param name="dof">Internal degrees of freedom g.</param>
    /// <param name="plasma">Thermodynamics (h_eff) of the SM plasma.</param>
    /// <param name="statistics">Phase-space statistics.</param>
    public static double Yield(double mass, double temperature, double dof, StandardModelPlasma plasma,
        QuantumStatistics statistics = QuantumStatistics.MaxwellBoltzmann) =>
        Math.Exp(LnYield(mass, temperature, dof, plasma, statistics)); // numerics: back from the log variable

    /// <summary>ln Y_eq = ln(n_eq/s), exact for any m/T. Arguments as <see cref="Yield"/>.</summary>
    public static double LnYield(double mass, double temperature, double dof, StandardModelPlasma plasma,
        QuantumStatistics statistics = QuantumStatistics.MaxwellBoltzmann)
    {
        ArgumentNullException.ThrowIfNull(plasma);
        Argument.NonNegative(nameof(mass), mass, "MeV");
        Argument.Positive(nameof(temperature), temperature, "MeV");
        Argument.Positive(nameof(dof), dof);
        return LnYield(mass / temperature, dof, plasma.EntropyDof(temperature), statistics);
    }

    /// <summary>
    /// ln Y_eq from x = m/T and h_eff directly: Y_eq = 45 g ñ(x)/(4π⁴ h_eff), ñ as in <see cref="LnReducedDensity"/>
    /// (the temperature cancels). Used on the solvers' grids.
    /// </summary>
    internal static double LnYield(double x, double dof, double entropyDof, QuantumStatistics statistics) =>
        LnYieldOf(dof, entropyDof, LnReducedDensity(x, statistics));
}
