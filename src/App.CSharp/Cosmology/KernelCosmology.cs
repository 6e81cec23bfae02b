using System.Collections.Concurrent;
using NuDM.Physics;

namespace NuDM.App.Cosmology;

/// <summary>
/// The kernel's amplitudes plugged into the cosmology solvers: σ(s) of each channel from its compiled |M|² (derived
/// with Dirac traces in NuDM.Physics.Amplitudes), Gondolo–Gelmini averages, Γ_S with its phase-space factor, and the
/// X ν → X ν and X ν̄ → X ν̄ amplitudes for kinetic decoupling. Masses in MeV, ⟨σv⟩ in MeV⁻².
/// </summary>
public static class KernelCosmology
{
    /// <summary>The model the cosmology asks for its processes: the model in use (<see cref="ModelInUse"/>; by default the
    /// seeds' scalar model: χ, S, m_chi, m_S, y_chi). Its dark fermion, mediator and dark coupling play χ, S and y_χ.</summary>
    private static Model Seed => ModelInUse.Model;

    /// <summary>
    /// How the dark fermion of the model in use counts in Ωh² (<see cref="DarkMatterNature"/>): Majorana when its field is
    /// its own antiparticle (a model file's <c>kind: majorana</c>: Y counts all χ, ⟨σv⟩ is that of a χχ pair), else Dirac
    /// (seed 000's X and X̄: Ωh² counts both, twice the Majorana expression for the same ⟨σv⟩).
    /// </summary>
    /// <exception cref="InvalidOperationException">The model has no dark fermion (nothing to freeze out).</exception>
    public static DarkMatterNature Nature
    {
        get
        {
            var m = ModelInUse.Model;
            if (string.IsNullOrEmpty(m.Roles.DarkFermion))
                throw new InvalidOperationException($"model '{m.Name}' has no dark fermion: no relic abundance to compute");
            return m.Field(m.Roles.DarkFermion).IsSelfConjugate ? DarkMatterNature.Majorana : DarkMatterNature.Dirac;
        }
    }

    /// <summary>σv_rel(s) of an annihilation of the model at (m_χ, m_S, y_χ), MeV⁻² (the kernel's 48-point quadrature in cos θ).</summary>
    private static Func<double, double> SigmaV(ProcessKind kind, double mchi, double ms, double y) =>
        Seed.Annihilation(kind).CompileSigmaV().At(ModelInUse.Complete(ModelInUse.Definition.CosmologyPoint(mchi, ms, y)));

    /// <summary>|M|²(s, t, m_χ, m_S, y_χ) of χ ν → χ ν or χ ν̄ → χ ν̄, compiled from the process's formula in its documented
    /// parameter order (checked here: the Lyman-α search evaluates it beyond the perturbative couplings a parameter point
    /// accepts).</summary>
    private static (Func<double, double, double, double, double, double> Nu, Func<double, double, double, double, double, double> NuBar) Scattering =>
        ScatteringByModel.GetOrAdd((ModelInUse.Model, ModelInUse.KeyPart), _ => new(CompileScattering)).Value;

    private static readonly ConcurrentDictionary<(Model, string), Lazy<(Func<double, double, double, double, double, double> Nu, Func<double, double, double, double, double, double> NuBar)>> ScatteringByModel = new();

    private static (Func<double, double, double, double, double, double> Nu, Func<double, double, double, double, double, double> NuBar) CompileScattering()
    {
        var d = ModelInUse.Definition;
        if (d.DarkCoupling is null)
            throw new UserInputException($"model '{ModelInUse.Model.Name}' has no vertex between its dark fermion and a neutrino: kinetic decoupling is computed in its coupling y_X");
        // compiled in w = s − m_χ² (the kernel's SquaredAmplitudeAboveThreshold): the rate samples s just above m_χ², where
        // the form in s cancels to noise of either sign; w = s − m_χ² is exact there (Sterbenz: s and m_χ² within a factor 2)
        Func<double, double, double, double, double, double> Compiled(ProcessKind kind)
        {
            // the model's other parameters at their --param values (ModelInUse.Values), so the argument list is (w, t, m, m_S, y)
            var f = Seed.ElasticScattering(kind).SquaredAmplitudeAboveThreshold(d.DarkFermionMass.Symbol).Bind(ModelInUse.Values);
            string[] order = ["w", ProcessVariables.MandelstamT.Symbol, d.DarkFermionMass.Symbol, d.MediatorMass.Symbol, d.DarkCoupling?.Symbol ?? "(no dark coupling)"];
            // a parameter of the model beyond these without a --param value: the user's to give (the CLI says how)
            var unset = f.ParameterNames.Where(n => !order.Contains(n) && ModelInUse.Model.TryParameter(n, out _)).Select(n => ModelInUse.Model.Parameter(n)).ToList();
            if (unset.Count > 0) throw new MissingParameterException(unset);
            if (!f.ParameterNames.SequenceEqual(order))
                throw new InvalidOperationException($"{f.Name}: parameters ({string.Join(", ", f.ParameterNames)}), expected ({string.Join(", ", order)})");
            var g = f.Compile5();
            return (s, t, m, ms, y) => g(s - m * m, t, m, ms, y); // numerics: the variable w = s − m² of the compiled |M|²
        }
        return (Compiled(ProcessKind.ChiNeutrinoToChiNeutrino), Compiled(ProcessKind.ChiAntineutrinoToChiAntineutrino));
    }

    private static readonly Func<double, double, double> PairMomentumSquared = CosmologyFormulas.PairMomentumSquared;       // (s, m)
    private static readonly Func<double, double, double, double> SigmaFromSigmaV = CosmologyFormulas.CrossSectionFromSigmaV; // (σv, s, m)
    private static readonly Func<double, double, double> ResonanceMomentum = CosmologyFormulas.ResonanceMomentum;           // (m, r)

    /// <summary>σ(s) from σv_rel(s): σ = σv_rel / v_rel with v_rel = 4p/√s in the CM frame (p the CM momentum of the initial
    /// pair; the kernel's <see cref="CosmologyFormulas.CrossSectionFromSigmaV"/>); 0 at and below threshold.</summary>
    private static CrossSection FromSigmaV(Func<double, double> sigmaV, double initialMass) => s =>
    {
        if (!(PairMomentumSquared(s, initialMass) > 0)) return 0.0;
        return SigmaFromSigmaV(sigmaV(s), s, initialMass);
    };

    /// <summary>σ(s) of χχ̄ → νν̄ (t-channel S), MeV⁻².</summary>
    public static CrossSection ChiChiToNuNu(double mchi, double ms, double y) => FromSigmaV(SigmaV(ProcessKind.ChiAntichiToNeutrinoAntineutrino, mchi, ms, y), mchi);
    /// <summary>σ(s) of SS → νν̄ (t- and u-channel χ), MeV⁻².</summary>
    public static CrossSection SSToNuNu(double mchi, double ms, double y) => FromSigmaV(SigmaV(ProcessKind.MediatorPairToNeutrinoAntineutrino, mchi, ms, y), ms);
    /// <summary>σ(s) of SS → χχ̄ (t- and u-channel ν), MeV⁻².</summary>
    public static CrossSection SSToChiChi(double mchi, double ms, double y) => FromSigmaV(SigmaV(ProcessKind.MediatorPairToChiAntichi, mchi, ms, y), ms);

    /// <summary>Γ_S = y_χ²(m_S² − m_χ²)²/(8π m_S³) (S → χν̄ + χ̄ν; seed 001 quotes its m_χ → 0 limit), MeV.</summary>
    public static double MediatorWidth(double mchi, double ms, double y) => Seed.MediatorDecay().WidthAt(ModelInUse.Complete(ModelInUse.Definition.CosmologyPoint(mchi, ms, y)));

    /// <summary>
    /// The seed 001 eq. (4.2) model at (m_χ, m_S, y_χ) with every rate from the kernel. σ(s) of each channel is
    /// tabulated once (<see cref="TabulatedCrossSection"/>, up to a CM momentum of 30 T_max) and averaged by
    /// Gondolo–Gelmini, both to <paramref name="relativeTolerance"/>: the table has 8 nodes per e-fold at 1e-6 and
    /// scales as tolerance^(−1/4) (the cubic spline's error goes as the fourth power of the spacing).
    /// </summary>
    public static TwoSpeciesModel Seed001Model(double mchi, double ms, double y, double maximumTemperature = 200, double relativeTolerance = 1e-6)
    {
        if (!(ms > mchi)) throw new ArgumentOutOfRangeException(nameof(ms), ms, $"m_S must exceed m_chi = {mchi} MeV (χ must be stable, seed 001 sec. 4)");
        Argument.InRange(nameof(relativeTolerance), relativeTolerance, 1e-10, 1e-3, "");
        RequireTwoSpeciesModel();
        // σ(s) is a smooth table: a fixed Gauss–Legendre rule, refined with the tolerance (48 points per panel at 1e-6)
        var thermal = new ThermalAverageOptions
        {
            RelativeTolerance = relativeTolerance,
            FixedGaussLegendrePoints = (int)Math.Ceiling(48 * Math.Pow(1e-6 / relativeTolerance, 0.125)), // numerics: quadrature order
        };
        double nodesPerEFold = 8 * Math.Pow(1e-6 / relativeTolerance, 0.25); // numerics: table density
        double pMax = 30 * maximumTemperature + 3 * ms;
        var chichi = new TabulatedCrossSection(ChiChiToNuNu(mchi, ms, y), mchi, pMax, nodesPerEFold).AsDelegate();
        var ssnn = new TabulatedCrossSection(SSToNuNu(mchi, ms, y), ms, pMax, nodesPerEFold).AsDelegate();
        var ssxx = new TabulatedCrossSection(SSToChiChi(mchi, ms, y), ms, pMax, nodesPerEFold).AsDelegate();
        return new TwoSpeciesModel
        {
            ChiMass = mchi,
            MediatorMass = ms,
            MediatorWidth = MediatorWidth(mchi, ms, y),
            ChiChiToNuNu = T => ThermalAverage.SigmaV(chichi, mchi, T, thermal),
            SSToNuNu = T => ThermalAverage.SigmaV(ssnn, ms, T, thermal),
            Conversion = T => ThermalAverage.SigmaV(ssxx, ms, T, thermal),
            ConversionGivenAs = ConversionDirection.SSToChiChi,
        };
    }

    /// <summary>
    /// Refuses a model the χ/S system of seed 001 eq. (4.2) cannot take, naming why: it needs the χ–ν vertex (its coupling
    /// y_χ, S → χ ν̄ + χ̄ ν) and tabulates each σ(s) on a grid that does not resolve a Breit–Wigner peak, so an
    /// annihilation with an s-channel mediator is refused.
    /// </summary>
    /// <exception cref="UserInputException">The model in use does not fit the χ/S system.</exception>
    public static void RequireTwoSpeciesModel()
    {
        var m = ModelInUse.Model;
        if (ModelInUse.Definition.DarkCoupling is null)
            throw new UserInputException($"model '{m.Name}' has no vertex between its dark fermion and a neutrino: the χ/S system of seed 001 eq. (4.2) needs its coupling y_χ (S → χ ν̄ + χ̄ ν)");
        foreach (var kind in new[] { ProcessKind.ChiAntichiToNeutrinoAntineutrino, ProcessKind.MediatorPairToNeutrinoAntineutrino, ProcessKind.MediatorPairToChiAntichi })
            if (m.Has(kind) && m.Annihilation(kind).WidthSymbols.Count > 0)
                throw new UserInputException($"model '{m.Name}': {m.Annihilation(kind).Name} goes through an s-channel mediator (a Breit–Wigner peak of width {m.Annihilation(kind).WidthSymbols[0]}); the χ/S system tabulates σ(s) on a grid that does not resolve it");
    }

    /// <summary>The power p of ⟨σv⟩(X̄X → ν̄ν) ∝ y_X^p (4), derived by the kernel from the process's |M|²
    /// (<see cref="Process.CouplingPower"/>): a σv computed at y_X = 1 scales with it.</summary>
    /// <exception cref="UserInputException">The model has no X̄X → ν̄ν, or its ⟨σv⟩ is not ∝ y_X^p (e.g. an s-channel mediator
    /// whose width depends on the couplings: the message says so and names the width), or it has no dark coupling.</exception>
    public static double AnnihilationCouplingPower => AnnihilationPower.GetOrAdd(ModelInUse.Model, m =>
    {
        if (!m.Has(ProcessKind.ChiAntichiToNeutrinoAntineutrino))
            throw new UserInputException($"model '{m.Name}' has no χ χ̄ → ν ν̄: no relic abundance by freeze-out into neutrinos to compute");
        var process = m.Annihilation(ProcessKind.ChiAntichiToNeutrinoAntineutrino);
        bool width = process.WidthSymbols.Count > 0;
        var y = ModelInUse.Definition.DarkCoupling;
        // without a χ–ν vertex, the question is asked of the first coupling of the process (the answer for an s-channel
        // mediator: its width depends on it)
        var coupling = y ?? process.ModelParameters.FirstOrDefault(q => q.Role == ParameterRole.Coupling);
        try
        {
            if (coupling is null || (y is null && !width))
                throw new InvalidOperationException($"model '{m.Name}' has no vertex between its dark fermion and a neutrino, whose coupling y_X the relic search solves for");
            return process.CouplingPower(coupling);
        }
        catch (InvalidOperationException e)
        {
            throw new UserInputException(width
                ? $"⟨σv⟩ of this model is not ∝ y^p (the mediator width depends on the couplings): {e.Message}; the relic search scales ⟨σv⟩ computed at y = 1 by y^p"
                : $"⟨σv⟩ of this model is not ∝ y^p: {e.Message}; the relic search scales ⟨σv⟩ computed at y = 1 by y^p");
        }
    });
    private static readonly ConcurrentDictionary<Model, double> AnnihilationPower = new();

    /// <summary>The power p of the X ν → X ν momentum-transfer rate γ ∝ y_X^p (4), derived by the kernel from the
    /// process's |M|² (<see cref="Process.CouplingPower"/>; X ν̄ → X ν̄ has the same, checked).</summary>
    public static double ScatteringCouplingPower => ScatteringPower.GetOrAdd(ModelInUse.Model, m =>
    {
        var y = ModelInUse.Definition.DarkCoupling;
        double nu = m.ElasticScattering(ProcessKind.ChiNeutrinoToChiNeutrino).CouplingPower(y);
        double nubar = m.ElasticScattering(ProcessKind.ChiAntineutrinoToChiAntineutrino).CouplingPower(y);
        return nu == nubar ? nu : throw new InvalidOperationException($"X ν → X ν scales as y_X^{nu}, X ν̄ → X ν̄ as y_X^{nubar}: no common power");
    });
    private static readonly ConcurrentDictionary<Model, double> ScatteringPower = new();

    /// <summary>⟨σv⟩(X̄X → ν̄ν)(T) at unit coupling for m_φ = r m_X (scales as y_X⁴), MeV⁻².</summary>
    public static ThermalCrossSection AnnihilationAtUnitCoupling(double mX, double r)
    {
        var sigma = ChiChiToNuNu(mX, r * mX, 1.0);
        return T => ThermalAverage.SigmaV(sigma, mX, T);
    }

    /// <summary>
    /// The thermal-relic coupling y_X giving Ωh² = 0.120 for X (Dirac, or Majorana in a model that says so: <see cref="Nature"/>) with m_φ = r m_X (seed 000 eq. 21, Fig. 5),
    /// with ⟨σv⟩ from the X̄X → ν̄ν amplitude averaged by Gondolo–Gelmini. Masses in MeV; <paramref name="table"/> is the
    /// Standard-Model equation of state g_eff, h_eff (default Saikawa–Shirai).
    /// </summary>
    /// <param name="mX">The dark fermion's mass m_X, MeV.</param>
    /// <param name="r">The mediator's mass over m_X.</param>
    /// <param name="table">The g_eff/h_eff table.</param>
    /// <param name="held">For a model whose relic coupling needs the search (<see cref="RelicNeedsSearch"/>): couplings of
    /// X̄X → ν̄ν held at the given values (symbol → value, within the coupling's allowed range) while the others are solved
    /// for as one y. Null or empty: every coupling is y. Refused for a model whose ⟨σv⟩ is a power of its coupling.</param>
    /// <exception cref="UserInputException">⟨σv⟩ of the model is not ∝ y_X^p (<see cref="AnnihilationCouplingPower"/>); a
    /// held coupling is unknown, out of its range, all of them, or held for a power-law model.</exception>
    public static RelicCouplingResult RelicCoupling(double mX, double r, DegreesOfFreedomTable table = DegreesOfFreedomTable.SaikawaShirai,
        IReadOnlyDictionary<string, double>? held = null)
    {
        if (RelicNeedsSearch) return RelicBySearch(mX, r, table, HeldWithValues(held));
        RefuseHeld(held);
        double power = AnnihilationCouplingPower; // first: a model it refuses is not evaluated at y = 1
        return Cosmology.RelicCoupling.Find(mX, AnnihilationAtUnitCoupling(mX, r), power: power, nature: Nature,
            options: FreezeOutOptions.Default with { Table = table });
    }

    /// <summary>The thermal-relic curve y_X(m_X) at fixed r (masses in MeV), parallel over masses, with the chosen g_eff/h_eff table.</summary>
    /// <param name="masses">The dark fermion's masses m_X, MeV.</param>
    /// <param name="r">The mediator's mass over m_X.</param>
    /// <param name="table">The g_eff/h_eff table.</param>
    /// <param name="held">As in <see cref="RelicCoupling"/>.</param>
    public static RelicCouplingResult[] RelicCurve(IReadOnlyList<double> masses, double r,
        DegreesOfFreedomTable table = DegreesOfFreedomTable.SaikawaShirai, IReadOnlyDictionary<string, double>? held = null)
    {
        if (RelicNeedsSearch)
        {
            held = HeldWithValues(held);
            SolvedCouplings(held); // a bad --hold is refused before the parallel loop
            var results = new RelicCouplingResult[masses.Count];
            // a mass where no coupling in the allowed range gives Ωh² = 0.120 is a gap with its reason, not the curve's end
            Parallel.For(0, masses.Count, i =>
            {
                try { results[i] = RelicBySearch(masses[i], r, table, held); }
                catch (NoRelicCouplingException e) { results[i] = RelicCouplingResult.None(masses[i], e.Message); }
            });
            return results;
        }
        RefuseHeld(held);
        double power = AnnihilationCouplingPower; // first: a model it refuses is not evaluated at y = 1
        return Cosmology.RelicCoupling.Curve(masses, m => AnnihilationAtUnitCoupling(m, r), power, nature: Nature,
            options: FreezeOutOptions.Default with { Table = table });
    }

    /// <summary>
    /// Whether the relic coupling of the model in use needs the search with ⟨σv⟩ recomputed per coupling
    /// (<see cref="Cosmology.RelicCoupling.FindBySearch"/>): its X̄X → ν̄ν goes through an s-channel mediator whose width
    /// depends on the couplings, so ⟨σv⟩ is not y^p ⟨σv⟩₁. False for every model whose ⟨σv⟩ is a power of the coupling
    /// (they keep the scaling search and its numbers).
    /// </summary>
    public static bool RelicNeedsSearch => NeedsSearch.GetOrAdd(ModelInUse.Model, m =>
    {
        if (!m.Has(ProcessKind.ChiAntichiToNeutrinoAntineutrino)) return false;
        var process = m.Annihilation(ProcessKind.ChiAntichiToNeutrinoAntineutrino);
        if (process.WidthSymbols.Count == 0 || process.MediatorWidth is null) return false;
        var y = ModelInUse.Definition.DarkCoupling;
        if (y is null) return true;
        // a width that depends on a coupling of the process: ⟨σv⟩ is no power of y (the Breit–Wigner peak's height ∝ 1/Γ²),
        // decided without the symbolic elasticity, which takes ~15 s for an |M|² with s- and t-channel graphs
        var couplings = RelicCouplings(process).Select(c => c.Symbol).ToHashSet(StringComparer.Ordinal);
        if (process.MediatorWidth.Channels.Any(c => c.Width.ParameterNames.Any(couplings.Contains))) return true;
        try { _ = process.CouplingPower(y); return false; }
        catch (InvalidOperationException) { return true; }
    });
    private static readonly ConcurrentDictionary<Model, bool> NeedsSearch = new();

    /// <summary>
    /// What the relic search's coupling y is for a model that needs the search (<see cref="RelicNeedsSearch"/>): every
    /// coupling of X̄X → ν̄ν not <paramref name="held"/> set to y (e.g. g_chi = g_nu), the held ones named, the mediator's
    /// width recomputed at each y; null for a model that does not need the search.
    /// </summary>
    public static string? DescribeRelicCoupling(IReadOnlyDictionary<string, double>? held)
    {
        if (!RelicNeedsSearch) return null;
        held = HeldWithValues(held);
        return DescribeSearch(SolvedCouplings(held),
            held is { Count: > 0 } ? $"held: {string.Join(", ", held.Select(h => $"{h.Key} = {h.Value:G6}"))}" : null);
    }

    /// <summary>
    /// <see cref="DescribeRelicCoupling"/> for couplings held at values that change from point to point (a scan's
    /// parameters): "held at each point's value: g_nu"; null for a model that does not need the search.
    /// </summary>
    /// <param name="held">Symbols of couplings of X̄X → ν̄ν held (empty: every coupling is y).</param>
    /// <exception cref="InvalidOperationException">A name is not a coupling of the process, or every coupling is held.</exception>
    public static string? DescribeRelicCouplingHeldPerPoint(IReadOnlyCollection<string> held)
    {
        ArgumentNullException.ThrowIfNull(held);
        if (!RelicNeedsSearch) return null;
        var all = RelicSearchCouplings;
        foreach (var name in held)
            if (!all.Any(c => c.Symbol == name)) throw new InvalidOperationException($"{name} is not a coupling of χ χ̄ → ν ν̄ ({string.Join(", ", all.Select(c => c.Symbol))})");
        var solved = all.Where(c => !held.Contains(c.Symbol)).ToList();
        if (solved.Count == 0) throw new InvalidOperationException("every coupling of χ χ̄ → ν ν̄ is held: none is left to solve for");
        return DescribeSearch(solved, held.Count > 0 ? $"held at each point's value: {string.Join(", ", held)}" : null);
    }

    private static string DescribeSearch(IReadOnlyList<ModelParameter> solved, string? held)
    {
        var process = ModelInUse.Model.Annihilation(ProcessKind.ChiAntichiToNeutrinoAntineutrino);
        string what = held is not null
            ? $"every other coupling of {process.Name} set to y, {held}"
            : $"every coupling of {process.Name} set to y";
        return $"y = {string.Join(" = ", solved.Select(c => c.Symbol))} ({what}; " +
               $"its s-channel mediator's width {process.MediatorWidth.Symbol} recomputed at each y, from {string.Join(", ", process.MediatorWidth.Channels.Select(c => c.Name))}; {process.MediatorWidth.Excluded})";
    }

    /// <summary>
    /// The couplings of X̄X → ν̄ν of the model in use (its parameters of role coupling), in the process's order: what the
    /// relic search of a model that needs it (<see cref="RelicNeedsSearch"/>) ties to one y or holds, and what Ωh² at a
    /// point (<see cref="OmegaAt"/>) takes.
    /// </summary>
    /// <exception cref="UserInputException">The model has no X̄X → ν̄ν.</exception>
    public static IReadOnlyList<ModelParameter> RelicSearchCouplings
    {
        get
        {
            var m = ModelInUse.Model;
            if (!m.Has(ProcessKind.ChiAntichiToNeutrinoAntineutrino))
                throw new UserInputException($"model '{m.Name}' has no χ χ̄ → ν ν̄: no relic abundance by freeze-out into neutrinos to compute");
            return RelicCouplings(m.Annihilation(ProcessKind.ChiAntichiToNeutrinoAntineutrino));
        }
    }

    /// <summary>
    /// Ωh² of the dark fermion (<see cref="Nature"/>) by freeze-out of X̄X → ν̄ν at a parameter point of the model in use
    /// (every parameter of the process: masses in MeV, couplings), with ⟨σv⟩(T) the full thermal average there
    /// (<see cref="AnnihilationAverage"/>, split at an s-channel pole) — the freeze-out solve each trial of the relic search
    /// makes (<see cref="Cosmology.RelicCoupling.FindBySearch"/>: one species, seed 000 Appendix eq. 21), so Ωh² at the couplings the search returns is 0.120 to its tolerance. For a model whose
    /// ⟨σv⟩ is not a power of a coupling (<see cref="RelicNeedsSearch"/>); it holds for any model with the process.
    /// </summary>
    /// <exception cref="UserInputException">The model has no X̄X → ν̄ν.</exception>
    public static double OmegaAt(ParameterPoint point, DegreesOfFreedomTable table = DegreesOfFreedomTable.SaikawaShirai)
    {
        ArgumentNullException.ThrowIfNull(point);
        _ = RelicSearchCouplings; // the model has the process (else its message)
        point = ModelInUse.Complete(point); // the model's other parameters at their --param (a scan's param:) values
        var process = ModelInUse.Model.Annihilation(ProcessKind.ChiAntichiToNeutrinoAntineutrino);
        double m = point[process.InitialParticle.MassParameter];
        var solver = new FreezeOutSolver(FreezeOutOptions.Default with { Table = table });
        var grid = solver.BuildGrid(m, AnnihilationAverage(process, point), 2);
        return solver.SolveOnGrid(grid, 0, Nature, 0).OmegaH2;
    }

    private static IReadOnlyList<ModelParameter> RelicCouplings(AnnihilationProcess process) =>
        process.ModelParameters.Where(q => q.Role == ParameterRole.Coupling).ToList();

    /// <summary>The couplings of X̄X → ν̄ν the relic search solves for (set to one y): all but the held ones, each held one
    /// checked to be a coupling of the process and inside its allowed range.</summary>
    private static IReadOnlyList<ModelParameter> SolvedCouplings(IReadOnlyDictionary<string, double>? held)
    {
        var process = ModelInUse.Model.Annihilation(ProcessKind.ChiAntichiToNeutrinoAntineutrino);
        var all = RelicCouplings(process);
        if (held is null || held.Count == 0) return all;
        foreach (var (name, value) in held)
        {
            var c = all.FirstOrDefault(q => q.Symbol == name)
                ?? throw new UserInputException($"--hold {name}: not a coupling of {process.Name}; its couplings are {string.Join(", ", all.Select(q => q.Symbol))}");
            if (!c.Allows(value))
                throw new UserInputException($"--hold {name} = {value:G6}: outside its allowed range [{c.Minimum:G6}, {c.Maximum:G6}]" + (string.IsNullOrEmpty(c.RangeReason) ? "" : $" ({c.RangeReason})"));
        }
        var solved = all.Where(q => !held.ContainsKey(q.Symbol)).ToList();
        if (solved.Count == 0) throw new UserInputException($"--hold fixes every coupling of {process.Name} ({string.Join(", ", all.Select(q => q.Symbol))}): leave one to solve for");
        return solved;
    }

    /// <summary>The held couplings with the <c>--param</c> values of X̄X → ν̄ν's couplings added (a coupling the user gave a
    /// value is held at it, not solved for); a coupling given by both is refused.</summary>
    private static IReadOnlyDictionary<string, double>? HeldWithValues(IReadOnlyDictionary<string, double>? held)
    {
        var values = ModelInUse.Values;
        if (values.Count == 0) return held;
        var couplings = RelicCouplings(ModelInUse.Model.Annihilation(ProcessKind.ChiAntichiToNeutrinoAntineutrino)).Select(q => q.Symbol).ToHashSet(StringComparer.Ordinal);
        var merged = held is null ? new Dictionary<string, double>(StringComparer.Ordinal) : new Dictionary<string, double>(held, StringComparer.Ordinal);
        foreach (var (name, value) in values)
            if (couplings.Contains(name) && !merged.TryAdd(name, value))
                throw new UserInputException($"{name} is given by both --param and --hold: give it once");
        return merged;
    }

    private static void RefuseHeld(IReadOnlyDictionary<string, double>? held)
    {
        if (held is { Count: > 0 })
            throw new UserInputException("--hold applies to a model whose ⟨σv⟩ is not a power of its coupling (an s-channel mediator whose width moves with the couplings); " +
                                         "this model's ⟨σv⟩ is y^p ⟨σv⟩₁ in its one coupling, which the relic search solves for");
    }

    /// <summary>The relic coupling y (every coupling of X̄X → ν̄ν not held set to y) by the search with ⟨σv⟩(y) recomputed
    /// per trial, on the solved couplings' common allowed range (its lower end at least 1e-8 of the upper).</summary>
    private static RelicCouplingResult RelicBySearch(double mX, double r, DegreesOfFreedomTable table, IReadOnlyDictionary<string, double>? held)
    {
        var m = ModelInUse.Model;
        var d = ModelInUse.Definition;
        var process = m.Annihilation(ProcessKind.ChiAntichiToNeutrinoAntineutrino);
        var couplings = SolvedCouplings(held);
        double hi = couplings.Min(c => c.Maximum), lo = Math.Max(couplings.Max(c => c.Minimum), 1e-8 * hi);
        if (!(hi > lo) || !double.IsFinite(hi))
            throw new UserInputException($"the couplings {string.Join(", ", couplings.Select(c => c.Symbol))} of {process.Name} have no common finite range to search the relic coupling in");
        ParameterPoint At(double y)
        {
            var point = m.Point().With(d.DarkFermionMass, mX).With(d.MediatorMass, r * mX);
            if (held is not null)
                foreach (var (name, value) in held) point = point.With(m.Parameter(name), value);
            foreach (var c in couplings) point = point.With(c, y);
            return ModelInUse.Complete(point);
        }
        return Cosmology.RelicCoupling.FindBySearch(mX, y => AnnihilationAverage(process, At(y)), lo, hi,
            string.Join(" = ", couplings.Select(c => c.Symbol)), nature: Nature, options: FreezeOutOptions.Default with { Table = table });
    }

    /// <summary>
    /// ⟨σv⟩(T) (MeV⁻², T in MeV) of an annihilation at a parameter point (every parameter of the process), Gondolo–Gelmini
    /// with σ(s) from the compiled σv. With an s-channel mediator the integration is split at the resonance √s = m and at
    /// m ± 4ᵏΓ (Γ its total width at the point, <see cref="AnnihilationProcess.MediatorWidth"/>), panels on which a fixed
    /// rule sees the Breit–Wigner peak however narrow it is.
    /// </summary>
    public static ThermalCrossSection AnnihilationAverage(AnnihilationProcess process, ParameterPoint point, double relativeTolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(point);
        double m = point[process.InitialParticle.MassParameter];
        var sigma = FromSigmaV(process.CompileSigmaV().At(point), m);
        var breaks = new List<double>();
        if (process.MediatorWidth is { } w)
        {
            double mass = process.ResonanceAt(point), gamma = w.At(point);
            breaks.Add(mass);
            // panels growing geometrically away from the peak (Γ, 4Γ, 16Γ, … up to m): each panel sees the Lorentzian as
            // smooth on its own scale, however narrow the peak (Γ/m ~ 1e-8 costs ~2 × 13 panels)
            for (double d = gamma; d < mass && gamma > 0; d *= 4)
            {
                breaks.Add(mass - d);
                breaks.Add(mass + d);
            }
        }
        // a resonance: a fixed 32-point rule on the geometric panels (each smooth on its own scale; the adaptive rule can
        // take seconds on a peak of Γ/m ~ 1e-8); none: the adaptive rule to the tolerance
        var options = breaks.Count > 0
            ? new ThermalAverageOptions { RelativeTolerance = relativeTolerance, BreakPoints = breaks, FixedGaussLegendrePoints = 32 }
            : new ThermalAverageOptions { RelativeTolerance = relativeTolerance };
        return T => ThermalAverage.SigmaV(sigma, m, T, options);
    }

    /// <summary>
    /// |M|² of X ν → X ν and X ν̄ → X ν̄ summed over all spins (the kernel's are averaged over the X spin: ×2), as the
    /// kinetic-decoupling rate expects; one partner each (one neutrino flavour and its antineutrino).
    /// </summary>
    /// <exception cref="OutsideValidityException">(when evaluated) |M|² diverges: s hits the φ pole, m_φ² = s = m_X² + 2m_X k at
    /// k = m_X(r² − 1)/2, and the propagator here has no width.</exception>
    public static IReadOnlyList<ScatteringAmplitudeSquared> ScatteringPartners(double mX, double r, double yX)
    {
        var (nu, nubar) = Scattering;
        double ms = r * mX;
        double Checked(double v, double s) => double.IsFinite(v) ? v : throw new OutsideValidityException(
            $"kinetic decoupling at m_X = {mX:G6} MeV, r = m_φ/m_X = {r:G8}: the Xν → Xν amplitude diverges at s = {s:G6} MeV² ≈ m_φ² " +
            $"(the φ resonance, at neutrino momentum k = m_X(r² − 1)/2 = {ResonanceMomentum(mX, r):G4} MeV, lies inside the thermal neutrino " +
            "distribution, and the propagator has no width): the rate is not computed this close to r = 1; use a larger r");
        return [(s, t) => Checked(2 * nu(s, t, mX, ms, yX), s), (s, t) => Checked(2 * nubar(s, t, mX, ms, yX), s)];
    }

    /// <summary>
    /// The s-channel poles of X ν → X ν and X ν̄ → X ν̄ at (m_X, r) (MeV²), derived by the kernel from each process's |M|²
    /// (<see cref="ElasticScatteringProcess.SChannelPoles"/>: the roots in s of its t-free denominator), labelled with the
    /// process and the pole's formula (for the seed model: s = m_φ² of X ν̄ → X ν̄). Non-real poles are left out.
    /// </summary>
    public static IReadOnlyList<SChannelResonance> ScatteringResonances(double mX, double r)
    {
        var point = ModelInUse.Complete(ModelInUse.Definition.CosmologyPoint(mX, r * mX, 1.0));
        var list = new List<SChannelResonance>();
        foreach (var kind in new[] { ProcessKind.ChiNeutrinoToChiNeutrino, ProcessKind.ChiAntineutrinoToChiAntineutrino })
        {
            var process = Seed.ElasticScattering(kind);
            var formulas = process.SChannelPoles;
            var values = process.SChannelPolesAt(point);
            for (int i = 0; i < formulas.Count; i++)
                if (double.IsFinite(values[i])) list.Add(new SChannelResonance($"s = {formulas[i].Infix} of {process.Name}", values[i]));
        }
        return list;
    }

    /// <summary>Where the zero-width rate of X at (m_X, r) applies (<see cref="Cosmology.KineticDecoupling.ValidityLimit"/> with
    /// <see cref="ScatteringResonances"/>): null when the neutrinos never reach an s-channel pole.</summary>
    public static RateValidityLimit? DecouplingValidityLimit(double mX, double r) =>
        Cosmology.KineticDecoupling.ValidityLimit(mX, ScatteringResonances(mX, r));

    /// <summary>Kinetic decoupling of X from neutrinos (seed 000 sec. IV) at (m_X, r = m_φ/m_X, y_X); the search stays where
    /// the zero-width rate applies (<see cref="DecouplingValidityLimit"/>).</summary>
    /// <exception cref="DecouplingNotFoundException">No non-relativistic decoupling for these inputs, or decoupling where the
    /// neutrinos reach the φ resonance; the message names them.</exception>
    public static KineticDecouplingResult KineticDecoupling(double mX, double r, double yX)
    {
        try
        {
            return Cosmology.KineticDecoupling.DecouplingTemperature(mX, 2, ScatteringPartners(mX, r, yX), resonances: ScatteringResonances(mX, r));
        }
        catch (DecouplingNotFoundException e)
        {
            throw InContext(mX, r, yX, e);
        }
    }

    /// <summary>The failure <paramref name="e"/> of the solve at (m_X, r, y_X), with the inputs and what would change it.</summary>
    internal static DecouplingNotFoundException InContext(double mX, double r, double yX, DecouplingNotFoundException e) => new(
        $"kinetic decoupling at m_X = {mX:G6} MeV, r = m_φ/m_X = {r:G8}, y_X = {yX:G6}: {e.Message} " +
        e.Failure switch
        {
            DecouplingFailure.WhileRelativistic => "(a larger y_X or a smaller r makes X decouple later)",
            DecouplingFailure.AtResonance => "(a larger y_X makes X decouple later, below the resonance; a larger r moves the resonance to higher momenta)",
            _ => "(a smaller y_X or a larger r makes X decouple earlier)",
        },
        e.Failure);

    /// <summary>
    /// The largest y_X with T_KD above the Lyman-α bound (m_WDM &gt; 5.3 keV → T_KD &gt; 1.41 keV, seed 000 eqs. 12–13):
    /// T_KD falls as y_X grows, so y_X,max solves T_KD(y_X) = T_KD,min (Brent in ln y). A coupling refused because X
    /// decouples where the neutrinos reach the φ resonance has T_KD above the <see cref="DecouplingValidityLimit"/>: allowed
    /// when that limit is above T_KD,min.
    /// </summary>
    /// <exception cref="DecouplingNotFoundException">The search meets a coupling refused at the resonance while the validity
    /// limit lies below T_KD,min: whether the bound holds there needs the mediator's width.</exception>
    public static double LymanAlphaCouplingBound(double mX, double r)
    {
        double tMin = Cosmology.KineticDecoupling.MinimumDecouplingTemperature();
        var limit = DecouplingValidityLimit(mX, r);
        double F(double lnY)
        {
            try { return Math.Log(KineticDecoupling(mX, r, Math.Exp(lnY)).Temperature / tMin); } // numerics: root in ln y of ln(T_KD/T_min)
            catch (DecouplingNotFoundException e) when (e.Failure != DecouplingFailure.AtResonance || limit!.Temperature >= tMin)
            {
                // decoupled while relativistic / never / above the validity limit, itself above T_KD,min (allowed)
                return e.Failure == DecouplingFailure.AtResonance || lnY < 0 ? 50 : -50;
            }
        }
        double lo = Math.Log(1e-8), hi = Math.Log(10.0); // numerics: the search range of y
        if (F(hi) > 0) return double.PositiveInfinity; // even y = 10 decouples early enough: no bound below perturbativity
        if (F(lo) < 0) return 0.0;
        return Math.Exp(MathNet.Numerics.RootFinding.Brent.FindRoot(F, lo, hi, 1e-8, 200)); // numerics: back from the root in ln y
    }
}
