using NuDM.Physics;

namespace NuDM.App.Cosmology;

/// <summary>
/// Conversions at the edges (inside everything is natural units with MeV) and the relic-density normalisation,
/// computed from <see cref="Constants"/> (PDG 2024), never typed.
/// </summary>
public static class CosmologyUnits
{
    /// <summary>1 MeV⁻² of σv in cm³/s: (ħc)² · c = 3.8938e-22 cm² · 2.9979e10 cm/s ≈ 1.1673e-11 cm³/s.</summary>
    public static readonly double SigmaVCm3PerSecondPerInverseMeV2 = Constants.InvMeV2_cm2 * Constants.C_cm_s;

    /// <summary>Converts ⟨σv⟩ from cm³/s to MeV⁻².</summary>
    public static double SigmaVFromCm3PerSecond(double cm3PerSecond) => cm3PerSecond / SigmaVCm3PerSecondPerInverseMeV2;

    /// <summary>Converts ⟨σv⟩ from MeV⁻² to cm³/s.</summary>
    public static double SigmaVToCm3PerSecond(double inverseMeV2) => inverseMeV2 * SigmaVCm3PerSecondPerInverseMeV2;

    /// <summary>
    /// Ωh² per (m/MeV)·Y: Ωh² = m Y s₀/(ρ_c/h²) = s₀/(ρ_c/h²) · m Y, with s₀ = 2891.2 cm⁻³ and
    /// ρ_c/h² = 1.05371e-5 GeV cm⁻³ (PDG 2024): 2.7438e5 MeV⁻¹, i.e. 2.7438e8 (m/GeV) Y. Seed 001 eq. (4.3) prints
    /// 2.742e5 (0.07% lower, older inputs).
    /// </summary>
    public static readonly double OmegaH2PerMeVYield = Constants.EntropyDensityToday_cm3 / Constants.CriticalDensityOverH2_MeV_cm3;

    /// <summary>The coefficient printed in seed 001 eq. (4.3), Ωh² = 2.742e5 (m_χ/MeV) Y_χ, for comparison only.</summary>
    public const double Seed001OmegaH2PerMeVYield = 2.742e5;

    /// <summary>
    /// Dark-matter mass per entropy today, ρ_DM/s₀ = Ω_DM h² (ρ_c/h²)/s₀ in MeV (≈ 4.37e-7 MeV for Ω_DM h² = 0.120):
    /// the comoving invariant used to get ρ_DM(T) = (ρ_DM/s)·s(T).
    /// </summary>
    public static readonly double DarkMatterMassPerEntropy =
        Constants.OmegaDMh2 * Constants.CriticalDensityOverH2_MeV_cm3 / Constants.EntropyDensityToday_cm3;

    /// <summary>Ωh² of a species with mass m (MeV) and present yield Y (counting every particle that is dark matter).</summary>
    public static double OmegaH2(double mass, double yield) => OmegaH2PerMeVYield * mass * yield;

    /// <summary>1 keV in MeV.</summary>
    public const double KeV = 1e-3;
}
