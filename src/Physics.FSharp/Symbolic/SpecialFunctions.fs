namespace NuDM.Symbolic

open System
open MathNet.Numerics

/// Exponentially scaled modified Bessel functions of the second kind, K_nᵉ(x) = eˣ K_n(x), for integer n and
/// x &gt; 0: the numerics behind the kernel's named function BesselKe(n, x) (see Functions) and the thermal formulas
/// that use it (equilibrium densities, Gondolo–Gelmini averages, decay time dilation).
///
/// K₀ᵉ and K₁ᵉ come from MathNet's Cephes-based functions: for x &gt; 2 the scaled SpecialFunctions.BesselK0e and
/// BesselK1e, for x ≤ 2 the unscaled BesselK0 and BesselK1 times eˣ (MathNet 5.0.0's BesselK0e/BesselK1e are wrong
/// for x ≤ 2, e.g. K0e(1) = 1.929 instead of 1.1446; the unscaled ones are right there and cannot underflow for
/// x ≤ 2). K_nᵉ for n ≥ 2 follows from the upward recurrence K_{n+1}(x) = K_{n−1}(x) + (2n/x) K_n(x), which is stable
/// for K (the same recurrence holds for the scaled functions, the factor eˣ being common). Relative accuracy ~1e-15
/// (tested against 30-digit values). The scaled forms never underflow: the unscaled K_n are exactly 0 for x ≳ 700,
/// whereas ln K_n(x) = ln K_nᵉ(x) − x stays exact. Dimensionless; x &gt; 0 (at x = 0 the functions are +∞).
[<AbstractClass; Sealed>]
type ScaledBessel =
    /// eˣ K₀(x), x &gt; 0.
    static member K0(x: float) : float =
        if x > 2.0 then SpecialFunctions.BesselK0e x else SpecialFunctions.BesselK0 x * Math.Exp x

    /// eˣ K₁(x), x &gt; 0.
    static member K1(x: float) : float =
        if x > 2.0 then SpecialFunctions.BesselK1e x else SpecialFunctions.BesselK1 x * Math.Exp x

    /// eˣ K₂(x) = eˣ (K₀(x) + 2K₁(x)/x), x &gt; 0.
    static member K2(x: float) : float = ScaledBessel.K0 x + 2.0 * ScaledBessel.K1 x / x

    /// eˣ K₃(x) = eˣ (K₁(x) + 4K₂(x)/x), x &gt; 0.
    static member K3(x: float) : float =
        let k1 = ScaledBessel.K1 x
        k1 + 4.0 * (ScaledBessel.K0 x + 2.0 * k1 / x) / x

    /// eˣ K_n(x) for an integer order n given as a double (K_{−n} = K_n); NaN for a non-integer order or |n| &gt; 1000.
    static member Kn(n: float, x: float) : float =
        let n = abs n
        if n <> Math.Floor n || n > 1000.0 then nan
        elif n = 0.0 then ScaledBessel.K0 x
        elif n = 1.0 then ScaledBessel.K1 x
        elif n = 2.0 then ScaledBessel.K2 x
        elif n = 3.0 then ScaledBessel.K3 x
        else
            let mutable km = ScaledBessel.K0 x
            let mutable k = ScaledBessel.K1 x
            for j in 1 .. int n - 1 do
                let kp = km + 2.0 * float j * k / x
                km <- k
                k <- kp
            k
