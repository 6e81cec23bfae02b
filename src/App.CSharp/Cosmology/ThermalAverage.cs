using MathNet.Numerics;
using NuDM.Physics;

namespace NuDM.App.Cosmology;

/// <summary>A cross section σ(s): s is the squared centre-of-mass energy in MeV², σ in MeV⁻².</summary>
/// <param name="s">Mandelstam s, MeV², at or above the threshold (m₁ + m₂)².</param>
/// <returns>σ(s) in MeV⁻², finite and ≥ 0.</returns>
public delegate double CrossSection(double s);

/// <summary>Options of the Gondolo–Gelmini integral.</summary>
public sealed record ThermalAverageOptions
{
    /// <summary>Default options.</summary>
    public static ThermalAverageOptions Default { get; } = new();

    /// <summary>Relative accuracy target of the adaptive Gauss–Kronrod integration, in [1e-14, 1e-2]. Default 1e-9.</summary>
    public double RelativeTolerance
    {
        get;
        init => field = Argument.InRange(nameof(RelativeTolerance), value, 1e-14, 1e-2, "");
    } = 1e-9;

    /// <summary>
    /// Optional √s values (MeV) where σ has narrow structure (s-channel resonances at √s = m_R): the integration range is
    /// split there so that the adaptive rule sees each peak. Values outside the integration range are ignored.
    /// </summary>
    public IReadOnlyList<double> BreakPoints { get; init; } = [];

    /// <summary>
    /// 0 (default): adaptive Gauss–Kronrod to <see cref="RelativeTolerance"/>. n &gt; 0: a fixed n-point Gauss–Legendre rule
    /// on each of the panels [0, 1.5], [1.5, 3.5], [3.5, 7.5] in τ — for smooth, tabulated σ(s) (no resonances), where it is
    /// as accurate and several times cheaper; the test ThermalAverageFixedRuleAgreesWithAdaptive checks it. With
    /// <see cref="BreakPoints"/> the panels are also split there (e.g. geometric panels around a narrow resonance, where the
    /// adaptive rule can spend seconds on a peak of width 1e-8 of its position).
    /// </summary>
    public int FixedGaussLegendrePoints
    {
        get;
        init => field = value == 0 ? 0 : (int)Argument.InRange(nameof(FixedGaussLegendrePoints), value, 4, 512, "");
    }
}

/// <summary>
/// The thermally averaged cross section ⟨σv⟩ of Gondolo &amp; Gelmini, Nucl. Phys. B360 (1991) 145 (their eq. 3.8),
/// for Maxwell–Boltzmann initial states, and its unequal-mass generalisation (Edsjö &amp; Gondolo, PRD 56 (1997) 1879):
/// <code>
/// ⟨σv⟩(T) = ∫_{(m₁+m₂)²}^∞ ds σ(s) λ(s, m₁², m₂²) K₁(√s/T)/√s  /  [8 m₁² m₂² T K₂(m₁/T) K₂(m₂/T)],
/// λ(s, a, b) = (s − (√a+√b)²)(s − (√a−√b)²);  equal masses: λ/√s = √s (s − 4m²).
/// </code>
/// Units: masses, T in MeV; σ in MeV⁻²; ⟨σv⟩ in MeV⁻² (× <see cref="CosmologyUnits.SigmaVCm3PerSecondPerInverseMeV2"/>
/// for cm³/s). v is the Møller velocity, so that the collision term is −⟨σv⟩(n₁n₂ − n₁,eq n₂,eq). The formulas (the
/// change of variables, the τ-integrand without σ, the normalisation, the constant-σ closed form) are the kernel's
/// <see cref="ThermalAverages"/>; this class does the quadrature.
/// </summary>
/// <remarks>
/// Numerics, robust at any x = m/T: with M = m₁ + m₂ the integration variable is τ, √s = M + T τ², so that
/// K₁(√s/T) = K₁ᵉ(√s/T) e^{−M/T} e^{−τ²}; the e^{−M/T} cancels exactly against the scaled K₂ᵉ in the denominator,
/// nothing under- or overflows (MathNet's unscaled BesselK is 0 beyond x ≈ 700), the integrand is smooth at
/// threshold even for s-wave σ ∝ 1/v, and its Gaussian tail e^{−τ²} ends the range at τ = 7.5 (e^{−56}) whatever T
/// is: the peak sits at τ ~ 1 for x ≫ 1 and at τ ~ 2 for x ≪ 1.
/// </remarks>
public static class ThermalAverage
{
    private const double TauMax = 7.5; // the Gaussian tail e^{−τ²} ends the range: e^{−56}

    private static readonly Func<double, double, double, double> MandelstamS = CosmologyFormulas.GondoloGelminiMandelstamS; // (τ, T, M)
    private static readonly Func<double, double, double, double, double, double> IntegrandOf = CosmologyFormulas.GondoloGelminiIntegrand; // (σ, τ, T, M, d)
    private static readonly Func<double, double, double, double> TauOf = CosmologyFormulas.GondoloGelminiTau;           // (√s, T, M)
    private static readonly Func<double, double, double, double, double> Average = CosmologyFormulas.GondoloGelminiAverage; // (I, T, ñ₁, ñ₂)
    private static readonly Func<double, double> Reduced = CosmologyFormulas.ReducedDensityMB;                         // (x)
    private static readonly Func<double, double, double> ConstantAverage = CosmologyFormulas.ConstantCrossSectionAverage; // (σ₀, x)

    /// <summary>⟨σv⟩ for two particles of equal mass m (annihilation of a pair), Gondolo–Gelmini eq. (3.8). MeV⁻².</summary>
    /// <param name="sigma">σ(s) in MeV⁻² (s in MeV²).</param>
    /// <param name="mass">Mass m ≥ 0 of each initial particle, MeV.</param>
    /// <param name="temperature">T &gt; 0, MeV.</param>
    /// <param name="options">Integration options.</param>
    /// <exception cref="ArgumentOutOfRangeException">Negative mass, T ≤ 0.</exception>
    /// <exception cref="ArgumentException">σ returned a negative or non-finite value.</exception>
    public static double SigmaV(CrossSection sigma, double mass, double temperature, ThermalAverageOptions? options = null) =>
        SigmaV(sigma, mass, mass, temperature, options);

    /// <summary>⟨σv⟩ for initial masses m₁, m₂ (the general form above). MeV⁻².</summary>
    /// <param name="sigma">σ(s) in MeV⁻² (s in MeV²).</param>
    /// <param name="mass1">m₁ ≥ 0, MeV.</param>
    /// <param name="mass2">m₂ ≥ 0, MeV.</param>
    /// <param name="temperature">T &gt; 0, MeV.</param>
    /// <param name="options">Integration options.</param>
    /// <exception cref="ArgumentOutOfRangeException">Negative mass, T ≤ 0.</exception>
    /// <exception cref="ArgumentException">σ returned a negative or non-finite value.</exception>
    public static double SigmaV(CrossSection sigma, double mass1, double mass2, double temperature,
        ThermalAverageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sigma);
        Argument.NonNegative(nameof(mass1), mass1, "MeV");
        Argument.NonNegative(nameof(mass2), mass2, "MeV");
        Argument.Positive(nameof(temperature), temperature, "MeV");
        options ??= ThermalAverageOptions.Default;
        double T = temperature, M = mass1 + mass2, d = mass1 - mass2;
        double x1 = mass1 / T, x2 = mass2 / T;

        // integrand in τ: σ(s) λ(s) K₁ᵉ(√s/T) e^{−τ²} · 4Tτ (the kernel's); 0 at threshold τ = 0, where σ is not asked
        // (for τ > 0, s = (M + Tτ²)² exceeds M² ≥ d², so λ > 0: the kernel's GondoloGelminiLambda, proven in gg.kallen)
        double Integrand(double tau)
        {
            if (!(tau > 0)) return 0;
            double s = MandelstamS(tau, T, M);
            double sig = sigma(s);
            if (!(sig >= 0) || !double.IsFinite(sig))
                throw new ArgumentException($"the cross section σ(s) returned {sig:R} at s = {s:G6} MeV^2; it must be finite and >= 0", nameof(sigma));
            if (sig == 0) return 0;
            return IntegrandOf(sig, tau, T, M, d);
        }

        if (options.FixedGaussLegendrePoints > 0)
        {
            var rule = GaussLegendre.Rule(options.FixedGaussLegendrePoints); // the kernel's Newton-iterated rule (why not MathNet's: see GaussLegendre)
            double fixedSum = 0;
            // the three panels, each also split at the break points inside it (none given: the three panels of before)
            var edges = new SortedSet<double> { 0.0, 1.5, 3.5, TauMax };
            foreach (var bp in options.BreakPoints)
                if (bp > M && TauOf(bp, T, M) is var tb && tb < TauMax) edges.Add(tb);
            var panels = edges.Zip(edges.Skip(1));
            foreach (var (a, b) in panels)
            {
                double half = 0.5 * (b - a), mid = 0.5 * (a + b);
                for (int i = 0; i < rule.Nodes.Length; i++) fixedSum += half * rule.Weights[i] * Integrand(mid + half * rule.Nodes[i]);
            }
            return Average(fixedSum, T, Reduced(x1), Reduced(x2));
        }

        var cuts = new List<double> { 0 };
        foreach (var b in options.BreakPoints)
        {
            if (!(b > M)) continue;
            double tau = TauOf(b, T, M);
            if (tau < TauMax) cuts.Add(tau);
        }
        cuts.Add(TauMax);
        cuts.Sort();
        double integral = 0;
        for (int i = 0; i + 1 < cuts.Count; i++)
            if (cuts[i + 1] > cuts[i])
                integral += Integrate.GaussKronrod(Integrand, cuts[i], cuts[i + 1], options.RelativeTolerance, 20, 31);

        // ⟨σv⟩ = ∫/(8 m₁² m₂² T K₂(x₁) K₂(x₂) e^{+M/T}) = ∫/(8 T⁵ [x₁² K₂ᵉ(x₁)] [x₂² K₂ᵉ(x₂)])
        return Average(integral, T, Reduced(x1), Reduced(x2));
    }

    /// <summary>
    /// Closed form of the Gondolo–Gelmini average for a constant cross section σ₀ and equal masses:
    /// ⟨σv⟩ = 4σ₀ K₃(2x)/(x K₂(x)²), x = m/T (from ∫_{2x}^∞ (z² − 4x²) z² K₁(z) dz = 16 x³ K₃(2x)). Limits:
    /// σ₀ for x → 0 (v → 1) and σ₀ · 4/√(πx) (σ₀ times the mean relative speed) for x → ∞. Units as σ₀.
    /// </summary>
    /// <param name="sigma0">σ₀ ≥ 0 (any unit; the result has the same).</param>
    /// <param name="mass">m &gt; 0, MeV.</param>
    /// <param name="temperature">T &gt; 0, MeV.</param>
    public static double ConstantCrossSection(double sigma0, double mass, double temperature)
    {
        Argument.NonNegative(nameof(sigma0), sigma0);
        Argument.Positive(nameof(mass), mass, "MeV");
        Argument.Positive(nameof(temperature), temperature, "MeV");
        return ConstantAverage(sigma0, mass / temperature);
    }
}
