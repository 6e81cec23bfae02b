using MathNet.Numerics;

namespace NuDM.App.Cosmology;

/// <summary>
/// Exponentially scaled modified Bessel functions of the second kind, K_nᵉ(x) = eˣ K_n(x), for n = 0…3 and x &gt; 0.
/// K₀ᵉ and K₁ᵉ come from MathNet's Cephes-based functions: for x &gt; 2 the scaled <see cref="SpecialFunctions.BesselK0e"/>
/// and <see cref="SpecialFunctions.BesselK1e"/>, for x ≤ 2 the unscaled <see cref="SpecialFunctions.BesselK0"/> and
/// <see cref="SpecialFunctions.BesselK1"/> times eˣ (MathNet 5.0.0's BesselK0e/BesselK1e are wrong for x ≤ 2, e.g.
/// K0e(1) = 1.929 instead of 1.1446; the unscaled ones are right there, and cannot underflow for x ≤ 2). K₂ᵉ and K₃ᵉ
/// follow from the upward recurrence K_{n+1}(x) = K_{n−1}(x) + (2n/x) K_n(x), which is stable for K. Relative accuracy
/// ~1e-15 (tested against 30-digit values). The scaled forms never underflow: the unscaled K_n are exactly 0 for
/// x ≳ 700, whereas e.g. ln K₂(x) = ln K₂ᵉ(x) − x stays exact.
/// </summary>
public static class Bessel
{
    /// <summary>eˣ K₀(x), x &gt; 0.</summary>
    public static double K0Scaled(double x) =>
        x > 2 ? SpecialFunctions.BesselK0e(x) : SpecialFunctions.BesselK0(x) * Math.Exp(x);

    /// <summary>eˣ K₁(x), x &gt; 0.</summary>
    public static double K1Scaled(double x) =>
        x > 2 ? SpecialFunctions.BesselK1e(x) : SpecialFunctions.BesselK1(x) * Math.Exp(x);

    /// <summary>eˣ K₂(x) = eˣ(K₀ + 2K₁/x), x &gt; 0.</summary>
    public static double K2Scaled(double x) => K0Scaled(x) + 2 * K1Scaled(x) / x;

    /// <summary>eˣ K₃(x) = eˣ(K₁ + 4K₂/x), x &gt; 0.</summary>
    public static double K3Scaled(double x)
    {
        double k1 = K1Scaled(x);
        return k1 + 4 * (K0Scaled(x) + 2 * k1 / x) / x;
    }

    /// <summary>x² K₂(x) eˣ, finite for all x ≥ 0 (→ 2 as x → 0); the combination in n_eq = g T³ x² K₂(x)/(2π²).</summary>
    public static double X2K2Scaled(double x)
    {
        if (x < 1e-150) return 2; // x² K₂ = 2 − x²/2 + O(x⁴ ln x)
        return x * x * K0Scaled(x) + 2 * x * K1Scaled(x);
    }

    /// <summary>K₁(x)/K₂(x) (the mean inverse Lorentz factor of a Maxwell–Boltzmann gas at x = m/T), x &gt; 0.</summary>
    public static double K1OverK2(double x)
    {
        double k1 = K1Scaled(x);
        return k1 / (K0Scaled(x) + 2 * k1 / x);
    }
}
