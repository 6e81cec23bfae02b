namespace NuDM.App.Statistics.Likelihood;

/// <summary>
/// Vertical interpolation of a bin content between its −1σ, nominal and +1σ templates in a shape nuisance α, as
/// HistFactory's additive "polynomial inside, linear outside" scheme (interpolation code 4 of the ROOT/HistFactory
/// manual, additive form): with δ⁺ = up − nominal and δ⁻ = nominal − down,
/// <code>
/// Δ(α) = α δ⁺                       (α ≥ 1)
/// Δ(α) = α δ⁻                       (α ≤ −1)
/// Δ(α) = α S + A α² (15 − 10 α² + 3 α⁴)/8,   S = (δ⁺ + δ⁻)/2,  A = (δ⁺ − δ⁻)/2   (|α| &lt; 1)
/// </code>
/// The polynomial meets the lines at α = ±1 with equal value, slope and second derivative (derived: h(α) = aα² + bα⁴ +
/// cα⁶ with h(1) = 1, h'(1) = 1, h''(1) = 0 gives a = 15/8, b = −5/4, c = 3/8), so the expected counts are C² in α: no
/// kink for the profiler. Piecewise-linear interpolation (code 0) has a kink at α = 0 whenever δ⁺ ≠ δ⁻.
/// </summary>
public static class ShapeInterpolation
{
    /// <summary>The shift Δ(α) of a bin content from its nominal value (same unit as the contents).</summary>
    public static double Delta(double alpha, double down, double nominal, double up)
    {
        double dp = up - nominal, dm = nominal - down;
        if (alpha >= 1) return alpha * dp;
        if (alpha <= -1) return alpha * dm;
        double s = 0.5 * (dp + dm), a = 0.5 * (dp - dm), a2 = alpha * alpha;
        return alpha * s + a * a2 * (15 - 10 * a2 + 3 * a2 * a2) / 8;
    }
}
