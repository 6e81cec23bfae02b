namespace NuDM.App;

/// <summary>
/// The physical range of a numeric quantity, declared once and attached to every option that takes it: the bounds
/// (a lower bound may be exclusive), the unit, and why the bounds are where they are. Values outside it are refused
/// with a message that names the option, the range, the unit and the reason.
/// </summary>
/// <param name="Min">Lower bound (see <paramref name="MinExclusive"/>).</param>
/// <param name="Max">Upper bound, inclusive.</param>
/// <param name="Unit">Unit as printed (MeV, cm², …); empty for a dimensionless quantity.</param>
/// <param name="Why">Where the bounds come from (physics, the model's stated range, the data's range).</param>
/// <param name="MinExclusive">Whether <paramref name="Min"/> itself is excluded.</param>
public sealed record PhysicalRange(double Min, double Max, string Unit, string Why, bool MinExclusive = false)
{
    /// <summary>True for a finite value inside the range.</summary>
    public bool Contains(double value) =>
        double.IsFinite(value) && (MinExclusive ? value > Min : value >= Min) && value <= Max;

    /// <summary>The range as printed, e.g. <c>(0, 200] MeV</c>.</summary>
    public override string ToString() =>
        $"{(MinExclusive ? "(" : "[")}{Show(Min)}, {Show(Max)}]{(Unit.Length > 0 ? " " + Unit : "")}";

    /// <summary>Throws <see cref="UserInputException"/> naming <paramref name="parameter"/>, the range and the reason if <paramref name="value"/> is outside.</summary>
    public double Check(string parameter, double value)
    {
        if (!Contains(value)) throw new UserInputException(Refusal(parameter, value));
        return value;
    }

    /// <summary>The message for a value outside the range.</summary>
    public string Refusal(string parameter, double value) =>
        $"{parameter} = {Show(value)}{(Unit.Length > 0 ? " " + Unit : "")} is outside its physical range {this}: {Why}";

    /// <summary>A bound or value with 8 significant digits (<see cref="Numbers.Significant"/>).</summary>
    internal static string Show(double v) => Numbers.Significant(v, 8);
}

/// <summary>The allowed counts of an integer option (points, rounds) and why.</summary>
public sealed record IntegerRange(int Min, int Max, string Why)
{
    /// <summary>The range as printed, e.g. <c>[2, 2000]</c>.</summary>
    public override string ToString() => $"[{Min}, {Max}]";
}

/// <summary>
/// The physical range of every numeric option of the command line, each declared once here with its source. Commands
/// build their options from these through NuDM.App.Cli.NumericOption (and scan specs through the same ranges).
/// </summary>
public static class PhysicalRanges
{
    /// <summary>√(4π): perturbativity of a Yukawa coupling, y²/(4π) ≤ 1 (also the line drawn in seed 000 Fig. 5).</summary>
    public static readonly double Perturbative = NuDM.Physics.SeedModel.ChiCoupling.Maximum;

    private const string CoherentScattering =
        "νN → χN and CEvNS are coherent elastic scattering on the whole nucleus (seed 001 eqs. 2.5–2.21); the sources here span " +
        "keV (reactors) to 52.8 MeV (π decay at rest), and above ~150 MeV pion production opens and the coherent formulas no longer describe the process";

    /// <summary>E_ν (MeV): 1 keV to 200 MeV.</summary>
    public static readonly PhysicalRange NeutrinoEnergy = new(1e-3, 200, "MeV", CoherentScattering);

    /// <summary>m_χ (MeV) of νN → χN: produced by E_ν ≤ 200 MeV.</summary>
    public static readonly PhysicalRange FermionMass = new(0, 200, "MeV",
        "χ must be producible by neutrinos of at most 200 MeV (threshold E_ν^min ≥ m_χ, seed 001 eq. 2.11; see the E_ν range)");

    /// <summary>m_S (MeV) of νN → χN.</summary>
    public static readonly PhysicalRange MediatorMass = new(0, 1e5, "MeV",
        "up to 100 GeV: once m_S² ≫ 2MT (≤ 4E_ν² ≤ 1.6e5 MeV²) the mediator is a contact interaction and the rate only scales as ȳ⁴/m_S⁴");

    /// <summary>ȳ = sqrt(y_χ y_N/A) (seed 001 eq. 2.19), &gt; 0.</summary>
    public static readonly PhysicalRange EffectiveCoupling = new(0, Perturbative, "",
        "perturbativity: y²/(4π) ≤ 1 for y_χ and y_N/A, so ȳ ≤ √(4π)", MinExclusive: true);

    /// <summary>A real coupling of either sign (a light Z' to the neutrino, g_ν; the sign sets the interference with the SM).</summary>
    public static readonly PhysicalRange SignedCoupling = new(-Perturbative, Perturbative, "",
        "perturbativity: |g| ≤ √(4π); the sign of g_ν g_q sets the interference with the SM's Z exchange");

    /// <summary>ȳ including 0 (= SM only).</summary>
    public static readonly PhysicalRange EffectiveCouplingOrZero = EffectiveCoupling with { MinExclusive = false };

    /// <summary>A scan end point (MeV) of <c>limit</c>; the scanned quantity's own range applies on top.</summary>
    public static readonly PhysicalRange ScanMass = new(0, 1e5, "MeV",
        "a logarithmic scan needs masses > 0; the scanned m_χ or m_S must also lie in its own range", MinExclusive: true);

    /// <summary>r = m_φ/m_X.</summary>
    public static readonly PhysicalRange MassRatio = new(1.000001, 1e4, "",
        "m_φ > m_X keeps X stable against X → φν; beyond 10⁴ the mediator is a contact interaction and results only scale as r⁻⁴");

    /// <summary>m_X (MeV) of the freeze-out and stability commands.</summary>
    public static readonly PhysicalRange DarkMatterMass = new(0.01, 1e5, "MeV",
        "10 keV to 100 GeV (seed 000 considers 1–1000 MeV); the freeze-out solve is checked at both ends with every g_eff/h_eff table (--eos)");

    /// <summary>m_X (MeV) of kinetic decoupling.</summary>
    public static readonly PhysicalRange KineticDecouplingMass = new(1e-4, 1e4, "MeV",
        "100 eV to 10 GeV (seed 000 sec. IV considers MeV masses; X much lighter than a keV would be hot or warm dark matter, excluded by Lyman-α)");

    /// <summary>y_X.</summary>
    public static readonly PhysicalRange DarkCoupling = new(1e-10, Perturbative, "",
        "perturbativity y_X ≤ √(4π); 1e-10 is far below any coupling of interest (thermal relics need ≳ 1e-4, see `nudm relic`)");

    /// <summary>m_X (MeV) of DM → ν in the Earth and the Sun.</summary>
    public static readonly PhysicalRange EarthSunMass = new(1e-3, 1e7, "MeV",
        "1 keV to 10 TeV: seed 000 eqs. 16–17 depend on m_X only through n_X = ρ_X/m_X, and the Super-K comparison needs 4–200 GeV");

    /// <summary>σ of X N → ν N (cm²).</summary>
    public static readonly PhysicalRange ConversionCrossSection = new(1e-60, 1e-20, "cm²",
        "from far below any experiment's reach to far above every bound of seed 000 Fig. 2 (σ ≲ 1e-30 cm²)");

    /// <summary>A neutrino flux limit (cm⁻² s⁻¹).</summary>
    public static readonly PhysicalRange NeutrinoFluxLimit = new(1e-6, 1e11, "cm⁻² s⁻¹",
        "from below any detector's reach (a 100 kt detector sees ~1 event per decade at 1 cm⁻² s⁻¹) to above the total solar neutrino flux (6.5e10 cm⁻² s⁻¹)");

    /// <summary>m_X (MeV) of the σ_NC constraint table.</summary>
    public static readonly PhysicalRange ConstraintMass = new(0.01, 1000, "MeV",
        "the m_X range on which the constraint curves of seed 000 Fig. 2 are computed");

    /// <summary>y_q.</summary>
    public static readonly PhysicalRange QuarkCoupling = new(1e-20, 1, "",
        "perturbative (y_q ≤ 1); seed 000 Fig. 5 uses 1e-9");

    /// <summary>An X-ray bound on sin²2θ.</summary>
    public static readonly PhysicalRange SterileMixing = new(1e-30, 1, "", "sin²2θ is at most 1; X-ray bounds lie far above 1e-30");

    /// <summary>m_χ (MeV) of the χ/S Boltzmann system.</summary>
    public static readonly PhysicalRange BoltzmannFermionMass = new(1e-3, 200, "MeV",
        "the χ/S system starts at T_QCD = 200 MeV with χ in equilibrium (seed 001 sec. 4), which needs m_χ ≲ T_QCD");

    /// <summary>m_S (MeV) of the χ/S Boltzmann system (it must also exceed m_χ).</summary>
    public static readonly PhysicalRange BoltzmannMediatorMass = new(0, 1e4, "MeV",
        "S must be heavier than χ (χ stable); above 10 GeV its abundance at T_QCD = 200 MeV is below e⁻⁵⁰", MinExclusive: true);

    /// <summary>y_χ of the χ/S Boltzmann system.</summary>
    public static readonly PhysicalRange BoltzmannCoupling = new(1e-12, 1, "",
        "perturbative; seed 001 Fig. 7 spans 1e-5 to 1e-3");
}

