using NuDM.Physics;

namespace NuDM.App.Cosmology;

/// <summary>
/// Conversions at the edges (inside everything is natural units with MeV) and the relic-density normalisation: the
/// kernel's formulas (<see cref="Thermodynamics"/>, exposed by <see cref="CosmologyFormulas"/>) with the constants of
/// <see cref="Constants"/> (PDG 2024).
/// </summary>
public static class CosmologyUnits
{
    private static readonly Func<double, double> ToCm3PerSecond = CosmologyFormulas.SigmaVToCm3PerSecond;
    private static readonly Func<double, double> FromCm3PerSecond = CosmologyFormulas.SigmaVFromCm3PerSecond;
    private static readonly Func<double, double, double, double> Omega = CosmologyFormulas.OmegaH2;

    /// <summary>1 MeV⁻² of σv in cm³/s: (ħc)² · c = 3.8938e-22 cm² · 2.9979e10 cm/s ≈ 1.1673e-11 cm³/s.</summary>
    public static readonly double SigmaVCm3PerSecondPerInverseMeV2 = CosmologyFormulas.SigmaVCm3PerSecondPerInverseMeV2;

    /// <summary>Converts ⟨σv⟩ from cm³/s to MeV⁻².</summary>
    public static double SigmaVFromCm3PerSecond(double cm3PerSecond) => FromCm3PerSecond(cm3PerSecond);

    /// <summary>Converts ⟨σv⟩ from MeV⁻² to cm³/s.</summary>
    public static double SigmaVToCm3PerSecond(double inverseMeV2) => ToCm3PerSecond(inverseMeV2);

    /// <summary>
    /// Ωh² per (m/MeV)·Y: Ωh² = m Y s₀/(ρ_c/h²) = s₀/(ρ_c/h²) · m Y, with s₀ = 2891.2 cm⁻³ and
    /// ρ_c/h² = 1.05371e-5 GeV cm⁻³ (PDG 2024): 2.7438e5 MeV⁻¹, i.e. 2.7438e8 (m/GeV) Y. Seed 001 eq. (4.3) prints
    /// 2.742e5 (0.07% lower, older inputs).
    /// </summary>
    public static readonly double OmegaH2PerMeVYield = CosmologyFormulas.OmegaH2PerMeVYield;

    /// <summary>The coefficient printed in seed 001 eq. (4.3), Ωh² = 2.742e5 (m_χ/MeV) Y_χ, for comparison only.</summary>
    public static readonly double Seed001OmegaH2PerMeVYield = CosmologyFormulas.Seed001PrintedOmegaH2PerMeVYield;

    /// <summary>
    /// Dark-matter mass per entropy today, ρ_DM/s₀ = Ω_DM h² (ρ_c/h²)/s₀ in MeV (≈ 4.37e-7 MeV for Ω_DM h² = 0.120):
    /// the comoving invariant used to get ρ_DM(T) = (ρ_DM/s)·s(T).
    /// </summary>
    public static readonly double DarkMatterMassPerEntropy = CosmologyFormulas.DarkMatterMassPerEntropy;

    /// <summary>Ωh² of a species with mass m (MeV) and present yield Y (counting every particle that is dark matter).</summary>
    public static double OmegaH2(double mass, double yield) => Omega(mass, yield, 1);

    /// <summary>
    /// Ωh² of a species with mass m (MeV) and present yield Y, counting <paramref name="chargeStates"/> = 1 (Y counts every
    /// dark-matter particle) or 2 (a Dirac particle whose Y counts X alone; X̄ is equal).
    /// </summary>
    public static double OmegaH2(double mass, double yield, double chargeStates) => Omega(mass, yield, chargeStates);

    /// <summary>1 keV in MeV.</summary>
    public const double KeV = 1e-3;
}
