using NuDM.Physics;

namespace NuDM.App.Constraints;

/// <summary>
/// An upper limit on a (monochromatic, E_ν ≈ m_X) neutrino flux at the detector as a function of m_X.
/// </summary>
/// <param name="Label">What the limit is.</param>
/// <param name="FluxLimit">m_X (MeV) → flux limit (cm⁻² s⁻¹).</param>
/// <param name="Source">Publication, or why there is none.</param>
/// <param name="IsPlaceholder">True when the numbers are not a published limit; curves built from it are never drawn.</param>
public sealed record NeutrinoFluxLimit(string Label, Func<double, double> FluxLimit, string Source, bool IsPlaceholder)
{
    /// <summary>
    /// PLACEHOLDER, not a measurement: a flat 10⁻³ cm⁻² s⁻¹ (an order-of-magnitude stand-in of our own, of the size of
    /// the atmospheric ν_μ flux within a few GeV of 10 GeV over the upward hemisphere). The Super-K limit seed 000 uses
    /// (its ref. [43], Fig. 4) was not found as numbers in public material (data/constraints/README.md); replace this with
    /// a real limit. Curves made from it have IsPlaceholder = true and are removed by <see cref="ConstraintCurves.ForFigures"/>.
    /// </summary>
    public static NeutrinoFluxLimit Placeholder { get; } = new(
        "PLACEHOLDER flat 1e-3 cm^-2 s^-1 (not Super-K data)", _ => 1e-3,
        "none: placeholder for the Super-K limit of seed 000 ref. [43]; see data/constraints/README.md", true);

    /// <summary>A flat limit from a user (e.g. read off a publication), with its source.</summary>
    public static NeutrinoFluxLimit Flat(double fluxLimit, string source)
    {
        if (!(fluxLimit > 0) || !double.IsFinite(fluxLimit))
            throw new ArgumentOutOfRangeException(nameof(fluxLimit), fluxLimit, "the flux limit must be a finite number > 0 cm^-2 s^-1");
        if (string.IsNullOrWhiteSpace(source)) throw new ArgumentException("a flux limit needs its source (publication)", nameof(source));
        return new NeutrinoFluxLimit($"flat {fluxLimit:G3} cm^-2 s^-1", _ => fluxLimit, source, false);
    }
}

/// <summary>The ν fluxes of seed 000 sec. V at m_X, σ: Earth, Sun, total and the ratio to SNO's ⁸B flux.</summary>
/// <param name="MX">DM mass, MeV.</param>
/// <param name="Sigma_cm2">DM–nucleon conversion cross section, cm².</param>
/// <param name="Earth">Flux from the Earth at its surface (volume-averaged 1/r²), cm⁻² s⁻¹.</param>
/// <param name="Sun">Flux from the Sun at 1 au, cm⁻² s⁻¹.</param>
/// <param name="Boron8">SNO total ⁸B flux, 5.25 × 10⁶ cm⁻² s⁻¹ (PRC 88 025501).</param>
public sealed record EarthSunFluxComparison(double MX, double Sigma_cm2, double Earth, double Sun, double Boron8)
{
    /// <summary>Earth + Sun, cm⁻² s⁻¹.</summary>
    public double Total => Earth + Sun;
    /// <summary>Earth/Sun.</summary>
    public double EarthOverSun => Earth / Sun;
    /// <summary>log₁₀(⁸B flux / total): how many orders of magnitude the signal lies below the ⁸B flux.</summary>
    public double OrdersBelowBoron8 => Math.Log10(Boron8 / Total); // presentation: a ratio in decades
}

/// <summary>
/// DM → ν conversion in the Earth and the Sun (seed 000 sec. V, eqs. 16–17) with the seed's ρ = 0.3 GeV cm⁻³ and
/// v₀ = 220 km/s: fluxes, the comparison with the solar ⁸B flux, and σ limits from a ν flux limit for
/// 4 GeV &lt; m_X &lt; 200 GeV. Masses in MeV, σ in cm², fluxes in cm⁻² s⁻¹. All numbers come from the kernel's
/// EarthSun formulas (proofs earthsun.*).
/// </summary>
public static class EarthSunConstraints
{
    /// <summary>Fluxes from the Earth and the Sun at (m_X, σ), compared with SNO's ⁸B flux.</summary>
    public static EarthSunFluxComparison Compare(double mX, double sigma_cm2) =>
        new(mX, sigma_cm2, EarthSunFluxes.Flux_cm2_s(EarthSunFluxes.Earth, sigma_cm2, mX),
            EarthSunFluxes.Flux_cm2_s(EarthSunFluxes.Sun, sigma_cm2, mX), EarthSunFluxes.Boron8Flux_cm2_s);

    /// <summary>
    /// σ_max(m_X) from the Earth's flux and a flux limit, at the given masses (MeV, each in the 4–200 GeV range of seed
    /// 000's Super-K comparison). The curve inherits IsPlaceholder from the limit.
    /// </summary>
    public static ConstraintCurve SigmaLimitCurve(NeutrinoFluxLimit limit, double[] mX)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(mX);
        var y = mX.Select(m => EarthSunFluxes.SigmaLimitInSuperKRange_cm2(EarthSunFluxes.Earth, limit.FluxLimit(m), m)).ToArray();
        return new ConstraintCurve($"Earth DM->nu, {limit.Label}", "MeV", (double[])mX.Clone(), "cm^2", y,
            $"seed 000 eqs. (16)-(17), Earth volume-averaged; flux limit: {limit.Source}", limit.IsPlaceholder);
    }
}
