using NuDM.App.Experiments;
using NuDM.App.Rates;
using NuDM.Physics;

namespace NuDM.App.Tests.Rates;

/// <summary>
/// Stand-ins for the F# kernel (fluxes, cross sections, form factors) written in the tests to exercise the engine on
/// realistic inputs: π⁺/μ⁺ decay-at-rest spectra of seed 001 eqs. (2.22)–(2.24), the SM CEvNS cross section with a
/// Klein–Nystrand form factor (data/cevns/form_factors), and the new-physics νN → χN cross section of seed 001 eq. (2.21).
/// </summary>
internal static class ReferencePhysics
{
    public static readonly double MuonMass = Constants.MuonMass;
    public static readonly double LineEnergy = (Constants.ChargedPionMass * Constants.ChargedPionMass - MuonMass * MuonMass) / (2 * Constants.ChargedPionMass);

    /// <summary>Seed 001 eqs. (2.22)–(2.24) with φ0 = mean flux per flavour (cm⁻² s⁻¹); each continuous shape integrates to 1.</summary>
    public static FluxSet PionDecayAtRest(double phi0)
    {
        double m = MuonMass, m3 = m * m * m;
        return new FluxSet("reference π DAR",
        [
            Flux.Monochromatic(NeutrinoFlavour.MuonNeutrino, LineEnergy, phi0, "ν_μ line"),
            new Flux(NeutrinoFlavour.MuonAntineutrino, e => phi0 * 64 * e * e / m3 * (0.75 - e / m), 0, m / 2, "ν̄_μ Michel"),
            new Flux(NeutrinoFlavour.ElectronNeutrino, e => phi0 * 192 * e * e / m3 * (0.5 - e / m), 0, m / 2, "ν_e Michel"),
        ]);
    }

    public static FluxSet PionDecayAtRest(CevnsExperiment x) => PionDecayAtRest(x.Source.MeanFluxPerFlavour);

    /// <summary>Klein–Nystrand form factor, R_A = 1.2 A^(1/3) fm, a_k = 0.7 fm; q = √(2MT).</summary>
    public static double KleinNystrand(double t, Isotope n)
    {
        double q = Math.Sqrt(2 * n.Mass * t) / Constants.HbarC_MeV_fm; // fm⁻¹
        double r = 1.2 * Math.Cbrt(n.A), x = q * r;
        if (x < 1e-4) return 1 / (1 + 0.49 * q * q);
        double j1 = (Math.Sin(x) / (x * x) - Math.Cos(x) / x);
        return 3 * j1 / x / (1 + 0.49 * q * q);
    }

    /// <summary>SM CEvNS: G_F² M/(4π) Q_W² F² (1 − MT/(2E²) − T/E), Q_W = N − (1 − 4 sin²θ_W) Z; MeV⁻³.</summary>
    public static double StandardModel(double t, double e, Isotope n)
    {
        double qw = n.N - (1 - 4 * Constants.SinSquaredThetaW) * n.Z;
        double f = KleinNystrand(t, n);
        double kin = 1 - n.Mass * t / (2 * e * e) - t / e;
        if (kin <= 0) return 0;
        double gf = Constants.FermiConstant;
        return gf * gf * n.Mass / (4 * Math.PI) * qw * qw * f * f * kin;
    }

    /// <summary>Seed 001 eq. (2.21): M ȳ⁴ A² K F² / (4π (2MT + m_S²)²), K = (1 + T/2M)(MT + m_χ²/2)/E²; MeV⁻³.</summary>
    public static DifferentialCrossSection NewPhysics(double ybar, double mchi, double ms) => (t, e, n) =>
    {
        double m = n.Mass;
        double k = (1 + t / (2 * m)) * (m * t + 0.5 * mchi * mchi) / (e * e);
        double den = 2 * m * t + ms * ms;
        double f = KleinNystrand(t, n);
        double y2 = ybar * ybar;
        return m * y2 * y2 * n.A * n.A * k * f * f / (4 * Math.PI * den * den);
    };

    public static ScatteringProcess StandardModelProcess => ToyModels.Elastic(StandardModel);

    public static ScatteringProcess NewPhysicsProcess(double ybar, double mchi, double ms, bool withInverse = true) =>
        ToyModels.ProducedMass(mchi, NewPhysics(ybar, mchi, ms), withInverse);
}
