using NuDM.Physics;

namespace NuDM.App.Rates;

/// <summary>
/// Convenience entry points of the rate engine (seed 001 eqs. (2.25)–(2.28)). For repeated evaluations build a
/// <see cref="RatePlan"/> once per kinematics and call <see cref="RatePlan.Evaluate(DifferentialCrossSection)"/>.
/// </summary>
public static class RateEngine
{
    /// <summary>Expected counts per bin of one process: builds a plan adapted to its cross section and evaluates it.</summary>
    public static double[] Spectrum(DetectorSetup setup, FluxSet flux, ScatteringProcess process, RateOptions? options = null) =>
        RatePlan.Build(setup, flux, process, options).ReferenceCounts.ToArray();

    /// <summary>Sum of several spectra (e.g. SM + new physics, seed 001 eq. (2.25)); all of the same length.</summary>
    public static double[] Sum(params double[][] spectra)
    {
        if (spectra.Length == 0) throw new ArgumentException("at least one spectrum is required", nameof(spectra));
        var s = new double[spectra[0].Length];
        foreach (var x in spectra)
        {
            if (x.Length != s.Length) throw new ArgumentException("spectra must have the same number of bins", nameof(spectra));
            for (int i = 0; i < s.Length; i++) s[i] += x[i];
        }
        return s;
    }
}
