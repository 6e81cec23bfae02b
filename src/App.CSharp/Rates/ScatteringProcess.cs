using NuDM.Physics;

namespace NuDM.App.Rates;

/// <summary>
/// One scattering channel as seen by the rate engine: its differential cross section and its kinematics
/// (seed 001 eqs. (2.26)–(2.28): the Θ function is T_min(E) &lt; T &lt; T_max(E)). All energies in MeV,
/// cross sections in MeV⁻³ (see <see cref="DifferentialCrossSection"/>).
/// </summary>
/// <example>
/// Standard CEvNS (seed 001 eq. (2.10)): T_min = 0, T_max = 2E²/(M + 2E), with the closed-form inverse
/// E_min(T) = (T + √(T² + 2MT))/2:
/// <code>
/// var sm = new ScatteringProcess("SM", kernelSigmaSM,
///     (e, n) =&gt; 0.0, (e, n) =&gt; 2 * e * e / (n.Mass + 2 * e),
///     (t, n) =&gt; 0.5 * (t + Math.Sqrt(t * t + 2 * n.Mass * t)));
/// </code>
/// </example>
public sealed class ScatteringProcess
{
    /// <summary>Creates a process; <paramref name="minimumEnergy"/> is optional (root finding is used without it).</summary>
    public ScatteringProcess(string name, DifferentialCrossSection crossSection, RecoilLimit minimumRecoil, RecoilLimit maximumRecoil,
        MinimumNeutrinoEnergy? minimumEnergy = null)
    {
        Name = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("a process needs a name", nameof(name)) : name;
        CrossSection = crossSection ?? throw new ArgumentNullException(nameof(crossSection));
        MinimumRecoil = minimumRecoil ?? throw new ArgumentNullException(nameof(minimumRecoil));
        MaximumRecoil = maximumRecoil ?? throw new ArgumentNullException(nameof(maximumRecoil));
        MinimumEnergy = minimumEnergy;
    }

    /// <summary>Label used in messages.</summary>
    public string Name { get; }

    /// <summary>dσ/dT(T, E, nucleus) in MeV⁻³.</summary>
    public DifferentialCrossSection CrossSection { get; }

    /// <summary>T_min(E, nucleus) in MeV.</summary>
    public RecoilLimit MinimumRecoil { get; }

    /// <summary>T_max(E, nucleus) in MeV.</summary>
    public RecoilLimit MaximumRecoil { get; }

    /// <summary>Optional inverse kinematics E_min(T, nucleus) in MeV.</summary>
    public MinimumNeutrinoEnergy? MinimumEnergy { get; }

    /// <summary>Creates a process from a cross section and the kernel's recoil limits (T_min, T_max and the inverse).</summary>
    public ScatteringProcess(string name, DifferentialCrossSection crossSection, RecoilLimits limits)
        : this(name, crossSection, (limits ?? throw new ArgumentNullException(nameof(limits))).MinimumRecoil, limits.MaximumRecoil, limits.MinimumEnergy) { }

    /// <summary>The same kinematics with another cross section (e.g. new physics at other couplings).</summary>
    public ScatteringProcess WithCrossSection(DifferentialCrossSection crossSection, string? name = null) =>
        new(name ?? Name, crossSection, MinimumRecoil, MaximumRecoil, MinimumEnergy);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
