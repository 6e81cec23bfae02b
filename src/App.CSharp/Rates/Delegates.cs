using NuDM.Physics;

namespace NuDM.App.Rates;

// The rate engine's inputs are the kernel's types: a cross section is a NuDM.Physics.DifferentialCrossSection
// (T, E, Isotope) → MeV⁻³, kinematic limits are NuDM.Physics.RecoilLimit and MinimumNeutrinoEnergy, fluxes are
// NuDM.Physics.FluxSet / Flux / FluxLine and target nuclei NuDM.Physics.Isotope with NucleusCount; the kernel's typed
// accessors (NucleusScatteringProcess.CompileDifferentialCrossSection().At(point, formFactor), RecoilKinematics.At)
// produce them directly, so no adapter sits in the inner loop.

/// <summary>Unit conversions at the edge of the rate engine.</summary>
public static class RateUnits
{
    /// <summary>1 MeV⁻² in cm² ((ħc)², from <c>NuDM.Physics.Constants.InvMeV2_cm2</c>).</summary>
    public static double Cm2PerInverseMeV2 => Constants.InvMeV2_cm2;

    /// <summary>
    /// Wraps a cross section given in cm²/MeV as the engine's natural-unit <see cref="DifferentialCrossSection"/> (MeV⁻³).
    /// </summary>
    public static DifferentialCrossSection FromCm2PerMeV(DifferentialCrossSection cm2PerMeV)
    {
        ArgumentNullException.ThrowIfNull(cm2PerMeV);
        double inv = 1.0 / Cm2PerInverseMeV2;
        return (t, e, n) => cm2PerMeV(t, e, n) * inv;
    }
}
