namespace NuDM.App.Rates;

/// <summary>Neutrino flavours of a flux component.</summary>
public enum Flavour
{
    /// <summary>ν_e.</summary>
    ElectronNeutrino,
    /// <summary>ν_μ.</summary>
    MuonNeutrino,
    /// <summary>ν_τ.</summary>
    TauNeutrino,
    /// <summary>ν̄_e.</summary>
    ElectronAntineutrino,
    /// <summary>ν̄_μ.</summary>
    MuonAntineutrino,
    /// <summary>ν̄_τ.</summary>
    TauAntineutrino,
}

/// <summary>A monochromatic flux line: all neutrinos of the line have energy <paramref name="Energy"/>.</summary>
/// <param name="Energy">Line energy E₀ in MeV (e.g. the π⁺ → μ⁺ν_μ line at (m_π² − m_μ²)/(2m_π) ≈ 29.8 MeV, seed 001 eq. (2.22)).</param>
/// <param name="Flux">Integrated flux of the line in cm⁻² s⁻¹ (φ(E) = Flux · δ(E − E₀)).</param>
public readonly record struct FluxLine(double Energy, double Flux);

/// <summary>
/// One flavour's flux: a continuous density φ(E) in cm⁻² s⁻¹ MeV⁻¹ on [<see cref="MinEnergy"/>, <see cref="MaxEnergy"/>]
/// (zero outside) plus discrete <see cref="Lines"/>. Lines are integrated exactly (the E integral of a line is its
/// flux times the integrand at E₀), never smeared over a grid.
/// </summary>
public sealed class FluxComponent
{
    /// <summary>
    /// Creates a component. <paramref name="density"/> may be null for a pure line source. <paramref name="kinks"/> lists
    /// energies (MeV) inside the support where φ is not smooth (e.g. nodes of a linearly interpolated table); the
    /// integrator splits its panels there. The density must be thread-safe.
    /// </summary>
    public FluxComponent(Flavour flavour, Func<double, double>? density, double minEnergy, double maxEnergy,
        IEnumerable<FluxLine>? lines = null, IEnumerable<double>? kinks = null)
    {
        Flavour = flavour;
        Density = density;
        var lineList = (lines ?? []).ToArray();
        foreach (var l in lineList)
        {
            if (!(double.IsFinite(l.Energy) && l.Energy > 0)) throw new ArgumentException($"flux line energy must be a finite number > 0 MeV, got {l.Energy}", nameof(lines));
            if (!(double.IsFinite(l.Flux) && l.Flux >= 0)) throw new ArgumentException($"flux line intensity must be finite and ≥ 0 cm⁻² s⁻¹, got {l.Flux}", nameof(lines));
        }
        Lines = lineList;
        if (density is not null)
        {
            if (!(double.IsFinite(minEnergy) && double.IsFinite(maxEnergy) && minEnergy >= 0 && maxEnergy > minEnergy))
                throw new ArgumentException($"flux support must satisfy 0 ≤ Emin < Emax (MeV), got [{minEnergy}, {maxEnergy}]");
        }
        MinEnergy = minEnergy;
        MaxEnergy = maxEnergy;
        Kinks = (kinks ?? []).Where(k => k > minEnergy && k < maxEnergy).Distinct().Order().ToArray();
    }

    /// <summary>Flavour of this component.</summary>
    public Flavour Flavour { get; }

    /// <summary>Continuous density φ(E) in cm⁻² s⁻¹ MeV⁻¹, or null.</summary>
    public Func<double, double>? Density { get; }

    /// <summary>Lower end of the continuous support (MeV).</summary>
    public double MinEnergy { get; }

    /// <summary>Upper end of the continuous support (MeV).</summary>
    public double MaxEnergy { get; }

    /// <summary>Energies (MeV) where the density has kinks.</summary>
    public IReadOnlyList<double> Kinks { get; }

    /// <summary>Monochromatic lines.</summary>
    public IReadOnlyList<FluxLine> Lines { get; }

    /// <summary>A pure line component.</summary>
    public static FluxComponent Line(Flavour flavour, double energy, double flux) =>
        new(flavour, null, 0, 0, [new FluxLine(energy, flux)]);

    /// <summary>A component scaled by a constant factor (density and lines).</summary>
    public FluxComponent Scaled(double factor)
    {
        if (!double.IsFinite(factor) || factor < 0) throw new ArgumentOutOfRangeException(nameof(factor), factor, "scale factor must be finite and ≥ 0");
        var d = Density;
        return new FluxComponent(Flavour, d is null ? null : e => factor * d(e), MinEnergy, MaxEnergy,
            Lines.Select(l => l with { Flux = l.Flux * factor }), Kinks);
    }
}

/// <summary>A neutrino flux at the detector: the sum of its flavour components.</summary>
public sealed class NeutrinoFlux
{
    /// <summary>Creates a flux from its components (at least one).</summary>
    public NeutrinoFlux(IEnumerable<FluxComponent> components)
    {
        Components = components?.ToArray() ?? throw new ArgumentNullException(nameof(components));
        if (Components.Count == 0) throw new ArgumentException("a flux needs at least one component", nameof(components));
    }

    /// <summary>Creates a flux from its components.</summary>
    public NeutrinoFlux(params FluxComponent[] components) : this((IEnumerable<FluxComponent>)components) { }

    /// <summary>The flavour components.</summary>
    public IReadOnlyList<FluxComponent> Components { get; }

    /// <summary>The components of some flavours only (e.g. to apply flavour-dependent physics).</summary>
    public NeutrinoFlux Select(Func<Flavour, bool> keep) => new(Components.Where(c => keep(c.Flavour)));

    /// <summary>Largest neutrino energy present (continuous support or line), MeV.</summary>
    public double MaxEnergy => Components.Max(c => Math.Max(c.Density is null ? 0 : c.MaxEnergy, c.Lines.Count == 0 ? 0 : c.Lines.Max(l => l.Energy)));
}
