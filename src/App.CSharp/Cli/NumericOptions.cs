using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NuDM.App.Cli;

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
/// build their options from these through <see cref="NumericOption"/>.
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

/// <summary>
/// Builds numeric options with their physical range attached. Values are read in the invariant culture and strictly:
/// digits with an optional decimal point and exponent (1.5, -2, 3e-4). A decimal comma, group separators, NaN,
/// ±Infinity, hexadecimal and anything else are parse errors naming the option; so is a value outside the range
/// (message: option, value, range, unit, reason). The command line turns parse errors into exit code 2.
/// </summary>
public static class NumericOption
{
    private static readonly Regex Decimal = new(@"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$", RegexOptions.CultureInvariant);
    private static readonly Regex Whole = new(@"^[+-]?\d+$", RegexOptions.CultureInvariant);

    /// <summary>A required option (no default).</summary>
    public static Option<double> Required(string name, string description, PhysicalRange range)
    {
        var o = new Option<double>(name) { Description = Describe(description, range), Required = true };
        o.CustomParser = r => Parse(r, name, range) ?? 0.0;
        return o;
    }

    /// <summary>An option with a default value (which must lie in the range).</summary>
    public static Option<double> WithDefault(string name, string description, PhysicalRange range, double defaultValue)
    {
        if (!range.Contains(defaultValue))
            throw new ArgumentOutOfRangeException(nameof(defaultValue), defaultValue, $"the default of {name} must lie in {range}");
        var o = new Option<double>(name)
        {
            Description = Describe(description, range), // System.CommandLine shows the default
            DefaultValueFactory = _ => defaultValue,
        };
        o.CustomParser = r => r.Tokens.Count == 0 ? defaultValue : Parse(r, name, range) ?? defaultValue;
        return o;
    }

    /// <summary>An option that may be absent (null).</summary>
    public static Option<double?> Optional(string name, string description, PhysicalRange range)
    {
        var o = new Option<double?>(name) { Description = Describe(description, range) };
        o.CustomParser = r => r.Tokens.Count == 0 ? null : Parse(r, name, range);
        return o;
    }

    /// <summary>An integer option with a default value.</summary>
    public static Option<int> Integer(string name, string description, IntegerRange range, int defaultValue)
    {
        if (defaultValue < range.Min || defaultValue > range.Max)
            throw new ArgumentOutOfRangeException(nameof(defaultValue), defaultValue, $"the default of {name} must lie in {range}");
        var o = new Option<int>(name)
        {
            Description = $"{description}; an integer in {range}",
            DefaultValueFactory = _ => defaultValue,
        };
        o.CustomParser = r =>
        {
            if (r.Tokens.Count == 0) return defaultValue;
            var text = r.Tokens[0].Value.Trim();
            if (!Whole.IsMatch(text) || !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            {
                r.AddError($"{name}: '{r.Tokens[0].Value}' is not a whole number (write e.g. 40; no separators or decimals)");
                return defaultValue;
            }
            if (v < range.Min || v > range.Max)
            {
                r.AddError($"{name} = {v} is outside its range {range}: {range.Why}");
                return defaultValue;
            }
            return v;
        };
        return o;
    }

    /// <summary>
    /// Reads a number strictly (invariant culture, no decimal comma, group separators, NaN, infinities or hex). Returns
    /// false with the reason in <paramref name="problem"/>.
    /// </summary>
    public static bool TryParse(string text, out double value, out string problem)
    {
        value = double.NaN;
        var t = text.Trim();
        if (!Decimal.IsMatch(t))
        {
            problem = t.Contains(',')
                ? $"'{text}' contains a comma: write numbers with a decimal point and without group separators (1.5, 1500, 2e-3)"
                : $"'{text}' is not a number (write e.g. 1.5, 40 or 2e-3; NaN, Infinity, hexadecimal and group separators are not accepted)";
            return false;
        }
        value = double.Parse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            problem = $"'{text}' is too large for a double";
            return false;
        }
        problem = "";
        return true;
    }

    private static double? Parse(ArgumentResult r, string name, PhysicalRange range)
    {
        if (r.Tokens.Count != 1)
        {
            r.AddError($"{name} takes one number");
            return null;
        }
        if (!TryParse(r.Tokens[0].Value, out var v, out var problem))
        {
            r.AddError($"{name}: {problem}");
            return null;
        }
        if (!range.Contains(v))
        {
            r.AddError(range.Refusal(name, v));
            return null;
        }
        return v;
    }

    private static string Describe(string description, PhysicalRange range) => $"{description}; range {range}";
}

/// <summary>Refusals of option combinations that would otherwise be silently ignored (parse errors, exit code 2).</summary>
public static class OptionRules
{
    /// <summary>True when the option was given on the command line (not just defaulted).</summary>
    public static bool Given(CommandResult r, Option option) => r.GetResult(option) is { Implicit: false };

    /// <summary>The option's value, or default when it is absent or has a parse error (reported on its own).</summary>
    public static T? ValueOrDefault<T>(CommandResult r, Option<T> option)
    {
        try { return r.GetValue(option); }
        catch (InvalidOperationException) { return default; }
    }

    /// <summary>Refuses <paramref name="a"/> together with <paramref name="b"/>.</summary>
    public static void Exclusive(Command command, Option a, Option b, string why) =>
        command.Validators.Add(r =>
        {
            if (Given(r, a) && Given(r, b)) r.AddError($"{a.Name} and {b.Name} cannot be combined: {why}");
        });

    /// <summary>Refuses <paramref name="dependent"/> without <paramref name="required"/>.</summary>
    public static void Requires(Command command, Option dependent, Option required, string why) =>
        command.Validators.Add(r =>
        {
            if (Given(r, dependent) && !Given(r, required)) r.AddError($"{dependent.Name} needs {required.Name}: {why}");
        });
}
