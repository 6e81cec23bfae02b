using NuDM.Physics;
using NuDM.App.Numerics;
using Brent = MathNet.Numerics.RootFinding.Brent;

namespace NuDM.App.Cosmology;

/// <summary>
/// |M|²(s, t) of the elastic scattering DM(p) + partner(k) → DM + partner, SUMMED over all spins of the initial and final
/// states (no averaging), dimensionless; s, t in MeV² (partner massless: s = m² + 2mω in the DM rest frame, −4k_cm² ≤ t ≤ 0).
/// </summary>
public delegate double ScatteringAmplitudeSquared(double s, double t);

/// <summary>Options of the kinetic-decoupling computations.</summary>
public sealed record KineticDecouplingOptions
{
    /// <summary>Default options.</summary>
    public static KineticDecouplingOptions Default { get; } = new();

    /// <summary>The Standard-Model equation of state for H(T), s(T) (default Saikawa–Shirai).</summary>
    public DegreesOfFreedomTable Table { get; init; } = DegreesOfFreedomTable.SaikawaShirai;

    /// <summary>Relative accuracy of the momentum and t integrals, in [1e-12, 1e-3]. Default 1e-8.</summary>
    public double RelativeTolerance { get; init => field = Argument.InRange(nameof(RelativeTolerance), value, 1e-12, 1e-3, ""); } = 1e-8;

    /// <summary>
    /// Whether the scattering partners (neutrinos) have T_ν(T) from <see cref="StandardModelPlasma.NeutrinoTemperature"/>
    /// (default true: after e± annihilation T_ν = (4/11)^{1/3} T) or the photon temperature.
    /// </summary>
    public bool PartnersAtNeutrinoTemperature { get; init; } = true;
}

/// <summary>Result of <see cref="KineticDecoupling.DecouplingTemperature"/>.</summary>
/// <param name="Temperature">T_KD: photon temperature where γ(T_ν) = H(T), MeV.</param>
/// <param name="PartnerTemperature">T_ν at T_KD, MeV.</param>
/// <param name="Rate">γ at T_KD (= H), MeV.</param>
/// <param name="CutoffMass">M_cut(T_KD) = (4π/3) ρ_DM/H³ at T_KD, in solar masses (seed 000 eq. 12).</param>
public sealed record KineticDecouplingResult(double Temperature, double PartnerTemperature, double Rate, double CutoffMass);

/// <summary>Why no kinetic-decoupling temperature was found (<see cref="DecouplingNotFoundException.Failure"/>).</summary>
public enum DecouplingFailure
{
    /// <summary>γ &lt; H already at the highest temperature searched (m_X/3): X decouples while relativistic.</summary>
    WhileRelativistic,
    /// <summary>γ &gt; H down to 1e-12 MeV: X never decouples.</summary>
    Never,
    /// <summary>γ &lt; H already at the highest temperature where the zero-width rate applies (<see cref="RateValidityLimit"/>):
    /// X decouples where the thermal partners reach an s-channel resonance, which needs the mediator's width.</summary>
    AtResonance,
}

/// <summary>
/// The momentum-transfer rate γ could not be integrated to its tolerance at some temperature (a t-average missed it within
/// its maximum depth): a numerical failure at these inputs, not a property of the model there. The CLI refuses the
/// inputs with the message (exit 2, as any <see cref="OutsideValidityException"/>); a scan records it as the point's
/// error rather than as a cell that does not apply.
/// </summary>
public sealed class RateNotConvergedException(string message) : OutsideValidityException(message);

/// <summary>
/// No kinetic-decoupling temperature in the model's domain for valid inputs: the dark matter decouples while still
/// relativistic, where the partners reach an s-channel resonance (<see cref="DecouplingFailure"/>), or never (γ &gt; H down
/// to 1e-12 MeV). Reported as bad input (exit 2) with this physical reason.
/// </summary>
public sealed class DecouplingNotFoundException(string message, DecouplingFailure failure) : OutsideValidityException(message)
{
    /// <summary>A failure while relativistic (true) or a never-decoupling one (false).</summary>
    public DecouplingNotFoundException(string message, bool whileRelativistic)
        : this(message, whileRelativistic ? DecouplingFailure.WhileRelativistic : DecouplingFailure.Never) { }

    /// <summary>Why no T_KD was found.</summary>
    public DecouplingFailure Failure { get; } = failure;

    /// <summary>True: γ &lt; H already at m_X/3 (<see cref="DecouplingFailure.WhileRelativistic"/>).</summary>
    public bool WhileRelativistic => Failure == DecouplingFailure.WhileRelativistic;
}

/// <summary>An s-channel pole of a partner's scattering amplitude |M|²(s, t): s = M² (zero width).</summary>
/// <param name="Label">What it is, e.g. "s = m_S^2 of χ ν̄ → χ ν̄" (the kernel's process and pole formula).</param>
/// <param name="SquaredMass">M² = the pole's s, MeV².</param>
public sealed record SChannelResonance(string Label, double SquaredMass);

/// <summary>
/// Where the zero-width momentum-transfer rate stops applying: the rate integrates partner momenta k ≤ q_max T_ν
/// (q_max = 60), so it samples the s-channel pole at k_res = (M² − m²)/(2m) once T_ν &gt; k_res/q_max.
/// </summary>
/// <param name="Resonance">The pole reached first (the lowest k_res &gt; 0).</param>
/// <param name="ResonanceMomentum">k_res, MeV (partner momentum in the DM rest frame).</param>
/// <param name="PartnerTemperature">T_ν = k_res/q_max, MeV: the highest partner temperature where the rate applies.</param>
/// <param name="Temperature">The photon temperature with that T_ν, MeV.</param>
public sealed record RateValidityLimit(SChannelResonance Resonance, double ResonanceMomentum, double PartnerTemperature, double Temperature);

/// <summary>
/// Kinetic decoupling of dark matter from neutrinos (seed 000 §IV, eqs. 12–15): the momentum-transfer rate γ(T),
/// T_KD from γ = H, the damping mass M_cut and the Lyman-α bound.
/// </summary>
/// <remarks>
/// <para>Form of γ implemented (Bringmann &amp; Hofmann, JCAP 0704 (2007) 016, hep-ph/0612238; Gondolo, Hisano &amp;
/// Kadota, PRD 86 (2012) 083523, arXiv:1205.1914; as written in Bringmann et al., PRD 94 (2016) 103529, eq. A6, and in
/// DarkSUSY 6's kd module), for massless partners with Fermi–Dirac distribution f(k) = 1/(e^{k/T_ν} + 1):
/// <code>
/// γ(T_ν) = 1/(48π³ g_χ m_χ³ T_ν) Σ_i ∫₀^∞ dk k⁴ f(1 − f) ⟨|M_i|²⟩_t,
/// ⟨|M|²⟩_t = (1/(8k⁴)) ∫_{−4k_cm²}^0 dt (−t) |M|²(s = m² + 2mk, t),   k_cm = m k/√s,
/// </code>
/// |M|² summed over all internal states, the sum i over scattering partners (ν and ν̄ separately, each flavour).
/// The seed's eq. (14), γ = 1/(3 m T) ∫ d³p/(2π)³ f(1−f) ∫_{−4p²}^0 dt (−t) dσ/dt (its printed limits are garbled by
/// the text extraction), is the same expression per partner when dσ/dt is averaged over initial spins,
/// dσ/dt = |M|²/(16π g_χ g_ν (s − m²)²) with g_ν = 1, and k_cm → k (k ≪ m): 1/(3mT)·(1/2π²)·8k⁴⟨|M|²⟩/(64π g_χ m² k²)
/// = 1/(48π³ g_χ m³ T) k⁴⟨|M|²⟩. We keep the exact k_cm. <see cref="FromDifferentialCrossSection"/> converts a dσ/dt.</para>
/// <para>T_KD is defined as in the seed, γ(T_ν(T_KD)) = H(T_KD) (not by the asymptotic T_χ ∝ a⁻² matching of
/// Bringmann–Hofmann, which gives a T_KD larger by O(1)).</para>
/// <para>The formulas (γ's prefactor and integrand, the t-average's kinematics, M_cut, M_f, the Lyman-α bound, the
/// power-law closed forms, eq. 15) are the kernel's <see cref="KineticDecouplingFormulas"/>; this class does the
/// quadratures and finds the root γ = H.</para>
/// </remarks>
public static class KineticDecoupling
{
    private const double QMax = 60; // k/T_ν: f(1 − f) ~ e^{−60}
    // the momentum integral (outer) and the t-average (inner): the rules and depths MathNet's Integrate.GaussKronrod had here
    private const GaussKronrodRule OuterRule = GaussKronrodRule.K31, InnerRule = GaussKronrodRule.K15;
    private const int OuterDepth = 15, InnerDepth = 10;

    private static readonly Func<double, double, double, double, double> Rate = CosmologyFormulas.MomentumTransferRate;   // (I, g, m, T)
    private static readonly Func<double, double, double, double> Integrand = CosmologyFormulas.MomentumTransferIntegrand; // (q, T, ⟨|M|²⟩_t)
    private static readonly Func<double, double, double> MandelstamS = CosmologyFormulas.KineticDecouplingMandelstamS;      // (m, k)
    private static readonly Func<double, double, double> TMin = CosmologyFormulas.KineticDecouplingTMin;                   // (m, k)
    private static readonly Func<double, double, double, double> TAverage = CosmologyFormulas.KineticDecouplingTAverage;   // (J, m, k)
    private static readonly Func<double, double, double, double, double, double> FromDsdt = CosmologyFormulas.AmplitudeFromDifferentialCrossSection; // (dσ/dt, s, m, g, g_p)
    private static readonly Func<double, double, double> CutoffMassOf = CosmologyFormulas.CutoffMass;                      // (s, H)
    private static readonly Func<double, double> FreeStreamingMass = CosmologyFormulas.WarmDarkMatterCutoffMass;           // (m_WDM keV)
    private static readonly Func<double, double, double> MinimumTemperature = CosmologyFormulas.MinimumDecouplingTemperature; // (A, M_f)
    private static readonly Func<double, double, double, double> Eq15 = CosmologyFormulas.Seed000Eq15;                     // (m, y, r)
    private static readonly Func<double, double, double> PartnerMomentum = CosmologyFormulas.KineticDecouplingPartnerMomentum; // (m, s)

    /// <summary>
    /// Momentum-transfer rate γ in MeV for DM of mass m (MeV) and g_χ internal states, scattering on massless fermionic
    /// partners (one amplitude per partner species) at temperature <paramref name="partnerTemperature"/> (MeV).
    /// </summary>
    /// <remarks>
    /// Two nested adaptive Gauss–Kronrod quadratures (<see cref="GaussKronrod"/>, allocation-free): the momentum integral
    /// (K31, at most 15 halvings) over q = k/T_ν ∈ [0, 60] of the t-average (K15, at most 10 halvings), both to
    /// <see cref="KineticDecouplingOptions.RelativeTolerance"/>. A t-average that misses its tolerance is refused
    /// (<see cref="OutsideValidityException"/>). The momentum integral keeps the value it reached at its maximum depth,
    /// as MathNet's quadrature did here before, because callers rely on it in two regimes where the tolerance cannot be
    /// met: above the <see cref="ValidityLimit"/> (an s-channel pole inside k ≤ 60 T_ν makes the true γ infinite; a
    /// search that is not given the poles only needs γ &gt; H there, and the depth-limited value is large), and at
    /// T_ν ≲ 1e-8 m_X, where s = m² + 2mk keeps few digits of 2mk and the amplitude carries rounding noise of about 1e-8
    /// relative (the value is good to about that). Where its error estimate exceeded the tolerance, the value is only as
    /// good as that estimate.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive mass, dof or temperature.</exception>
    /// <exception cref="ArgumentException">No partners, or an amplitude returned a negative or non-finite value.</exception>
    /// <exception cref="OutsideValidityException">A t-average missed its tolerance within its maximum depth.</exception>
    public static double MomentumTransferRate(double dmMass, double dmDof, IReadOnlyList<ScatteringAmplitudeSquared> partners,
        double partnerTemperature, KineticDecouplingOptions? options = null)
    {
        Argument.Positive(nameof(dmMass), dmMass, "MeV");
        Argument.Positive(nameof(dmDof), dmDof);
        Argument.Positive(nameof(partnerTemperature), partnerTemperature, "MeV");
        ArgumentNullException.ThrowIfNull(partners);
        if (partners.Count == 0) throw new ArgumentException("at least one scattering partner is needed", nameof(partners));
        options ??= KineticDecouplingOptions.Default;
        double m = dmMass, T = partnerTemperature, tol = options.RelativeTolerance;
        double sum = 0;
        for (int i = 0; i < partners.Count; i++) // indexed: a foreach over IReadOnlyList boxes its enumerator
        {
            var amp = partners[i];
            ArgumentNullException.ThrowIfNull(amp);
            // ∫₀^∞ dk k⁴ f(1−f) ⟨|M|²⟩_t with k = T q
            var integrand = new MomentumIntegrand(amp, m, T, tol);
            double integral;
            try
            {
                // at the maximum depth the value reached is kept (see the remarks): Estimate, not Integrate
                integral = GaussKronrod.Estimate(ref integrand, 0, QMax, tol, OuterDepth, OuterRule).Value;
            }
            catch (QuadratureException e)
            {
                throw NotConverged(e, m, T);
            }
            sum += integral * T; // dk = T dq
        }
        return Rate(sum, dmDof, m, T);
    }

    /// <summary>
    /// ⟨|M|²⟩_t = (1/(8k⁴)) ∫_{−4k_cm²}^0 dt (−t)|M|²(s, t) at partner momentum k (MeV) in the DM rest frame,
    /// s = m² + 2mk, k_cm = mk/√s (dimensionless, like |M|²). Equals |M|²·(k_cm/k)⁴ for a t-independent |M|².
    /// </summary>
    /// <exception cref="QuadratureException">The t integral missed <paramref name="relativeTolerance"/> within 10 halvings
    /// (K15; <see cref="GaussKronrod"/>).</exception>
    public static double TAveragedAmplitude(ScatteringAmplitudeSquared amplitude, double dmMass, double k, double relativeTolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(amplitude);
        Argument.Positive(nameof(dmMass), dmMass, "MeV");
        Argument.Positive(nameof(k), k, "MeV");
        return TAveraged(amplitude, dmMass, k, relativeTolerance);
    }

    /// <summary><see cref="TAveragedAmplitude"/> without the argument checks (k &gt; 0 and m &gt; 0 known).</summary>
    private static double TAveraged(ScatteringAmplitudeSquared amplitude, double m, double k, double relativeTolerance)
    {
        double s = MandelstamS(m, k), tMin = TMin(m, k);
        // t = tMin τ:  (1/(8k⁴)) ∫ (−t)|M|² dt = 2 (k_cm/k)⁴ ∫₀¹ τ |M|²(s, tMin τ) dτ
        var integrand = new TIntegrand(amplitude, s, tMin);
        double inner = GaussKronrod.Integrate(ref integrand, 0, 1, relativeTolerance, InnerDepth, InnerRule);
        return TAverage(inner, m, k);
    }

    /// <summary>τ |M|²(s, t_min τ) on τ ∈ [0, 1] (the t-average's integrand), checked finite and ≥ 0.</summary>
    private readonly struct TIntegrand(ScatteringAmplitudeSquared amplitude, double s, double tMin) : IIntegrand
    {
        public double Evaluate(double tau)
        {
            double v = amplitude(s, tMin * tau);
            if (!(v >= 0) || !double.IsFinite(v))
                throw new ArgumentException($"the scattering amplitude |M|^2 returned {v:R} at s = {s:G6} MeV^2, t = {tMin * tau:G6} MeV^2; it must be finite and >= 0");
            return tau * v;
        }
    }

    /// <summary>q⁴ f(1−f) ⟨|M|²⟩_t at k = T q on q ∈ [0, q_max] (the momentum integrand of γ, in units of T).</summary>
    private readonly struct MomentumIntegrand(ScatteringAmplitudeSquared amplitude, double m, double T, double tol) : IIntegrand
    {
        public double Evaluate(double q) => q <= 0 ? 0 : Integrand(q, T, TAveraged(amplitude, m, T * q, tol));
    }

    /// <summary>A t-average inside γ that missed its tolerance, as a refusal at these inputs (exit 2) with the reason.</summary>
    private static RateNotConvergedException NotConverged(QuadratureException e, double m, double T) => new(string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"the momentum-transfer rate γ at m_X = {m:G6} MeV, T_ν = {T:G6} MeV could not be integrated to its tolerance: {e.Message}"));

    /// <summary>
    /// Turns a spin-averaged dσ/dt(s, t) (MeV⁻⁴) into the summed |M|² this class uses:
    /// |M|² = 16π g_χ g_p (s − m²)² dσ/dt (massless partner with g_p states; g_p = 1 for a neutrino).
    /// </summary>
    public static ScatteringAmplitudeSquared FromDifferentialCrossSection(Func<double, double, double> dSigmaDt, double dmMass,
        double dmDof = 2, double partnerDof = 1)
    {
        ArgumentNullException.ThrowIfNull(dSigmaDt);
        Argument.Positive(nameof(dmMass), dmMass, "MeV");
        double m = dmMass;
        return (s, t) => FromDsdt(dSigmaDt(s, t), s, m, dmDof, partnerDof);
    }

    /// <summary>
    /// How far below the validity limit (in ln T) a T_KD search starts: at the limit itself the momentum integral's upper
    /// end k = q_max T_ν lies exactly on the s-channel pole, where |M|² (in its w = s − m² form) cancels to rounding and a
    /// t-average with interfering s- and u-channel graphs (a Majorana χ) misses its tolerance; 0.1 % lower, the pole is
    /// outside the integral. A T_KD found there is unchanged (the golden figures did not move); a refusal at the
    /// resonance is decided 0.1 % below the limit.
    /// </summary>
    public const double ValidityMargin = 1e-3;

    /// <summary>
    /// Where the zero-width rate applies, for DM of mass <paramref name="dmMass"/> (MeV) whose partners' |M|² have the
    /// s-channel poles <paramref name="resonances"/>: <see cref="MomentumTransferRate"/> integrates partner momenta
    /// k ≤ q_max T_ν (q_max = 60) and runs across the non-integrable pole 1/(s − M²)² at k_res = (M² − m²)/(2m) (s = m² + 2mk)
    /// when k_res &lt; q_max T_ν. Returns the limit of the pole with the lowest k_res &gt; 0 — the rate applies for
    /// T_ν ≤ k_res/q_max, i.e. photon T ≤ <see cref="RateValidityLimit.Temperature"/> — or null when no pole has k_res &gt; 0
    /// (M ≤ m, or no s-channel exchange: the rate applies at every temperature).
    /// </summary>
    public static RateValidityLimit? ValidityLimit(double dmMass, IReadOnlyList<SChannelResonance> resonances, KineticDecouplingOptions? options = null)
    {
        Argument.Positive(nameof(dmMass), dmMass, "MeV");
        ArgumentNullException.ThrowIfNull(resonances);
        options ??= KineticDecouplingOptions.Default;
        SChannelResonance? first = null;
        double kMin = double.PositiveInfinity;
        foreach (var res in resonances)
        {
            ArgumentNullException.ThrowIfNull(res);
            if (!double.IsFinite(res.SquaredMass)) continue; // not a real pole at this point
            double k = PartnerMomentum(dmMass, res.SquaredMass);
            if (k > 0 && k < kMin) (kMin, first) = (k, res);
        }
        if (first is null) return null;
        double tnu = kMin / QMax;
        double t = options.PartnersAtNeutrinoTemperature ? PhotonTemperatureOfNeutrinos(tnu) : tnu;
        return new RateValidityLimit(first, kMin, tnu, t);
    }

    /// <summary>The photon temperature T (MeV) with <see cref="StandardModelPlasma.NeutrinoTemperature"/>(T) = T_ν: T_ν(T) rises
    /// monotonically from (4/11)^{1/3} T to T, so T lies in [T_ν, (11/4)^{1/3} T_ν] (Brent in ln T, to 1e-13).</summary>
    private static double PhotonTemperatureOfNeutrinos(double tnu)
    {
        double F(double lnT) => Math.Log(StandardModelPlasma.NeutrinoTemperature(Math.Exp(lnT)) / tnu); // numerics: the inverse of T_ν(T) in log variables
        double lo = Math.Log(tnu), hi = lo + Math.Log(11.0 / 4) / 3; // numerics: the bracket [T_ν, (11/4)^{1/3} T_ν] in ln T
        if (F(lo) >= 0) return tnu;
        if (F(hi) <= 0) return Math.Exp(hi); // numerics: back from ln T
        return Math.Exp(Brent.FindRoot(F, lo, hi, 1e-13, 200)); // numerics: back from ln T
    }

    /// <summary>The reason of a refusal at a resonance: γ &lt; H already at the validity limit.</summary>
    internal static DecouplingNotFoundException AtResonance(RateValidityLimit limit) => new(
        $"the momentum-transfer rate γ is already below H at T = {limit.Temperature:G4} MeV (T_ν = {limit.PartnerTemperature:G4} MeV), " +
        $"the highest temperature where the thermal neutrinos do not reach the s-channel resonance {limit.Resonance.Label} " +
        $"(partner momentum k_res = (M² − m_X²)/(2 m_X) = {limit.ResonanceMomentum:G4} MeV; the rate integrates k up to {QMax} T_ν): " +
        "X decouples kinetically where the neutrinos reach the resonance, where the zero-width rate of seed 000 eq. (14) does not apply " +
        "(the mediator's width would be needed)",
        DecouplingFailure.AtResonance);

    /// <summary>
    /// The kinetic-decoupling temperature: the photon temperature T_KD (MeV) with γ(T_ν(T_KD)) = H(T_KD), found by Brent's
    /// method in ln T after bracketing downwards from <paramref name="maximumTemperature"/> (default m/3: the formula
    /// assumes non-relativistic DM) in decades. Also returns M_cut(T_KD).
    /// With <paramref name="resonances"/> (the s-channel poles of the partners' |M|²), the search starts at the
    /// <see cref="ValidityLimit"/> when that lies below the maximum temperature (and continues on the same decade nodes
    /// below it), so the rate is never evaluated where it samples a pole; γ &lt; H already there is refused.
    /// </summary>
    /// <exception cref="DecouplingNotFoundException">γ &lt; H already at the maximum temperature (decoupled while
    /// relativistic), or at the validity limit (decoupled where the partners reach a resonance), or γ &gt; H down to
    /// 1e-12 MeV (still coupled today): valid inputs outside the model's validity.</exception>
    public static KineticDecouplingResult DecouplingTemperature(double dmMass, double dmDof, IReadOnlyList<ScatteringAmplitudeSquared> partners,
        KineticDecouplingOptions? options = null, double maximumTemperature = double.NaN, IReadOnlyList<SChannelResonance>? resonances = null)
    {
        options ??= KineticDecouplingOptions.Default;
        var plasma = StandardModelPlasma.Load(options.Table);
        double tMax = double.IsNaN(maximumTemperature) ? dmMass / 3 : Argument.Positive(nameof(maximumTemperature), maximumTemperature, "MeV");
        tMax = Math.Min(tMax, plasma.MaximumTemperature);
        var limit = resonances is null ? null : ValidityLimit(dmMass, resonances, options);
        bool capped = limit is not null && limit.Temperature < tMax;
        double PartnerT(double T) => options.PartnersAtNeutrinoTemperature ? StandardModelPlasma.NeutrinoTemperature(T) : T;
        // numerics: the root γ = H is found in ln T for ln(γ/H)
        double G(double lnT)
        {
            double T = Math.Exp(lnT); // numerics: the root search runs in ln T
            return Math.Log(MomentumTransferRate(dmMass, dmDof, partners, PartnerT(T), options)) - Math.Log(plasma.Hubble(T)); // numerics: the root of ln(γ/H), which is smoother than γ − H
        }
        // the decade nodes run down from ln T_max (as without a resonance); a validity limit below T_max replaces the nodes above it
        double node = Math.Log(tMax); // numerics: the upper end of the search in ln T
        double hi = capped ? Math.Log(limit!.Temperature) - ValidityMargin : node, ghi = G(hi); // numerics: the start of the search in ln T
        if (!(ghi > 0))
        {
            if (capped) throw AtResonance(limit!);
            throw new DecouplingNotFoundException(
                $"the momentum-transfer rate γ is already below H at T = {tMax:G4} MeV (m_X/3{(tMax < dmMass / 3 ? ", capped at the top of the g_eff table" : "")}): " +
                "the dark matter decouples kinetically while still relativistic, where the non-relativistic rate of seed 000 eq. (14) does not apply",
                DecouplingFailure.WhileRelativistic);
        }
        double lo = hi, glo = ghi;
        while (glo > 0)
        {
            hi = lo;
            do node -= Math.Log(10); while (node >= hi); // numerics: bracketing in decades (the next node below hi)
            lo = node;
            if (lo < Math.Log(1e-12)) // numerics: the lower end of the search, 1e-12 MeV
                throw new DecouplingNotFoundException(
                    "γ stays above H down to T = 1e-12 MeV, below today's photon temperature (2.3e-10 MeV): the dark matter never decouples from neutrinos",
                    DecouplingFailure.Never);
            glo = G(lo);
        }
        double root = Brent.FindRoot(G, lo, hi, 1e-10, 200);
        double tkd = Math.Exp(root), tnu = PartnerT(tkd); // numerics: back from the root in ln T
        return new KineticDecouplingResult(tkd, tnu, plasma.Hubble(tkd), CutoffMass(tkd, options.Table));
    }

    // ------------------------------------------------------------------ damping mass and Lyman-α

    /// <summary>
    /// Seed 000 eq. (12): M_cut = (4π/3) ρ_DM(T)/H(T)³ (the DM mass inside a Hubble volume), in solar masses, at photon
    /// temperature T (MeV). ρ_DM(T) = (Ω_DM h² ρ_c/h²/s₀)·s(T) with PDG values, H and s from the table. The seed prints
    /// "ρ_DM/H"; only ρ/H³ is a mass (ρ/H has dimension MeV³), and it reproduces the quoted 1.8e8 M_⊙ (keV/T)³.
    /// </summary>
    public static double CutoffMass(double temperature, DegreesOfFreedomTable table = DegreesOfFreedomTable.SaikawaShirai)
    {
        var plasma = StandardModelPlasma.Load(table);
        var state = plasma.State(temperature);
        return CutoffMassOf(state.EntropyDensity, state.Hubble);
    }

    /// <summary>
    /// The prefactor A in M_cut = A (keV/T)³ M_⊙, valid after e± annihilation (T ≲ 20 keV, where h_eff and g_eff are
    /// constant): M_cut(1 keV) in solar masses. ≈ 1.81e8 for Saikawa–Shirai, seed 000 quotes 1.8e8.
    /// </summary>
    public static double CutoffMassPrefactor(DegreesOfFreedomTable table = DegreesOfFreedomTable.SaikawaShirai) =>
        CutoffMass(CosmologyUnits.KeV, table);

    /// <summary>
    /// Seed 000 eq. (13) (from its ref. [41]): the free-streaming cut-off mass of warm DM,
    /// M_f = 5.1e10 M_⊙ (keV/m_WDM)⁴, in solar masses; m_WDM in keV.
    /// </summary>
    public static double WarmDarkMatterCutoffMass(double wdmMassKeV) =>
        FreeStreamingMass(Argument.Positive(nameof(wdmMassKeV), wdmMassKeV, "keV"));

    /// <summary>
    /// The lowest kinetic-decoupling temperature (MeV) allowed by a Lyman-α bound m_WDM &gt; <paramref name="wdmMassKeV"/>
    /// (seed 000: 5.3 keV): M_cut(T_KD) ≤ M_f(m_WDM) ⇔ T_KD ≥ keV·(A/M_f)^{1/3} with A = <see cref="CutoffMassPrefactor"/>.
    /// The seed quotes 1.4 keV.
    /// </summary>
    public static double MinimumDecouplingTemperature(double wdmMassKeV = 5.3, DegreesOfFreedomTable table = DegreesOfFreedomTable.SaikawaShirai) =>
        MinimumTemperature(CutoffMassPrefactor(table), WarmDarkMatterCutoffMass(wdmMassKeV));

    // ------------------------------------------------------------------ closed forms (checks)

    /// <summary>
    /// γ in MeV when Σ_i ⟨|M_i|²⟩_t = c kⁿ exactly (k ≪ m): γ = c (n+4)! η(n+4) T_ν^{n+4}/(48π³ g_χ m³), with
    /// η(p) = (1 − 2^{1−p}) ζ(p) (from ∫₀^∞ q^p f(1−f) dq = p! η(p)). n a non-negative even integer ≤ 10.
    /// </summary>
    public static double PowerLawRate(double c, int n, double dmMass, double dmDof, double partnerTemperature)
    {
        if (!CosmologyFormulas.TryPowerLawRate(n, out var rate))
            throw new ArgumentOutOfRangeException(nameof(n), n, $"n must be an even integer in [0, {CosmologyFormulas.MaxPowerLawExponent}]");
        return rate(c, dmMass, dmDof, partnerTemperature);
    }

    /// <summary>
    /// T_KD (photon, MeV) from γ = H for the power law of <see cref="PowerLawRate"/>, with T_ν = (4/11)^{1/3} T and
    /// g_eff at its T → 0 value: T^{n+2} = sqrt(8π³g_eff/90)/(M_Pl C (4/11)^{(n+4)/3}), C = γ/T_ν^{n+4} (solved by the
    /// kernel).
    /// </summary>
    public static double PowerLawDecouplingTemperature(double c, int n, double dmMass, double dmDof,
        DegreesOfFreedomTable table = DegreesOfFreedomTable.SaikawaShirai)
    {
        if (!CosmologyFormulas.TryPowerLawDecouplingTemperature(n, out var temperature))
            throw new ArgumentOutOfRangeException(nameof(n), n, $"n must be an even integer in [0, {CosmologyFormulas.MaxPowerLawExponent}]");
        return temperature(c, dmMass, dmDof, StandardModelPlasma.Load(table).EnergyDofAtZero);
    }

    /// <summary>Seed 000 eq. (15) as printed: T_KD ≈ 0.4 keV (m_X/MeV)^{5/4} (0.1/y_X) √(r² − 1), r = m_φ/m_X; MeV.</summary>
    public static double Seed000Eq15(double dmMass, double coupling, double massRatio)
    {
        Argument.Positive(nameof(dmMass), dmMass, "MeV");
        Argument.Positive(nameof(coupling), coupling);
        if (!(massRatio > 1)) throw new ArgumentOutOfRangeException(nameof(massRatio), massRatio, "r = m_phi/m_X must be in (1, +inf)");
        return Eq15(dmMass, coupling, massRatio);
    }
}
