using NuDM.App.Ode;
using NuDM.Physics;

namespace NuDM.App.Cosmology;

/// <summary>The direction in which the χχ̄ ↔ SS thermal cross section is supplied.</summary>
public enum ConversionDirection
{
    /// <summary>⟨σv⟩(χχ̄ → SS). Use when this is the exothermic direction (m_χ &gt; m_S).</summary>
    ChiChiToSS,

    /// <summary>⟨σv⟩(SS → χχ̄). Use when this is the exothermic direction (m_S &gt; m_χ, the seed's case): the reverse
    /// rate then follows from detailed balance without ever forming a Boltzmann-suppressed number that underflows.</summary>
    SSToChiChi,
}

/// <summary>
/// The χ/S model of seed 001 §4 for the Boltzmann system (4.2): masses, degrees of freedom, the total width Γ_S and the
/// three annihilation channels as ⟨σv⟩(T) delegates (MeV⁻², T the photon temperature in MeV). A channel left null is
/// switched off. Every delegate must be thread-safe if models are solved in parallel.
/// </summary>
public sealed record TwoSpeciesModel
{
    /// <summary>m_χ in MeV (&gt; 0).</summary>
    public required double ChiMass { get; init => field = Argument.Positive(nameof(ChiMass), value, "MeV"); }

    /// <summary>m_S in MeV (&gt; 0).</summary>
    public required double MediatorMass { get; init => field = Argument.Positive(nameof(MediatorMass), value, "MeV"); }

    /// <summary>Internal degrees of freedom of χ (of χ alone, not χ̄), default 2.</summary>
    public double ChiDof { get; init => field = Argument.Positive(nameof(ChiDof), value); } = 2;

    /// <summary>Internal degrees of freedom of S, default 1 (real scalar).</summary>
    public double MediatorDof { get; init => field = Argument.Positive(nameof(MediatorDof), value); } = 1;

    /// <summary>
    /// Total width Γ_S of S → χν̄, χ̄ν in MeV (≥ 0); seed 001: Γ_S = y_χ² m_S/(8π), see <see cref="Seed001Width"/>.
    /// </summary>
    public required double MediatorWidth { get; init => field = Argument.NonNegative(nameof(MediatorWidth), value, "MeV"); }

    /// <summary>⟨σv⟩(χχ̄ → νν̄)(T) in MeV⁻², or null.</summary>
    public ThermalCrossSection? ChiChiToNuNu { get; init; }

    /// <summary>⟨σv⟩(SS → νν̄)(T) in MeV⁻², or null.</summary>
    public ThermalCrossSection? SSToNuNu { get; init; }

    /// <summary>⟨σv⟩ of χχ̄ ↔ SS in the direction <see cref="ConversionGivenAs"/> (MeV⁻²), or null.</summary>
    public ThermalCrossSection? Conversion { get; init; }

    /// <summary>Which direction <see cref="Conversion"/> is; default SS → χχ̄ (exothermic for m_S &gt; m_χ).</summary>
    public ConversionDirection ConversionGivenAs { get; init; } = ConversionDirection.SSToChiChi;

    /// <summary>
    /// χ counted in Y_χ per S decay, default 1 (eq. 4.2 as printed). If Y_χ counts χ only and S → χν̄ and χ̄ν share Γ_S
    /// equally, the consistent value is 1/2; the seed's equation uses 1.
    /// </summary>
    public double ChiPerDecay { get; init => field = Argument.InRange(nameof(ChiPerDecay), value, 1e-6, 10, ""); } = 1;

    /// <summary>
    /// S counted in Y_S per χχ̄ → SS event, default 1 (eq. 4.2 as printed; the event makes two S, so a strict counting of
    /// n_S would use 2).
    /// </summary>
    public double SPerConversion { get; init => field = Argument.InRange(nameof(SPerConversion), value, 1e-6, 10, ""); } = 1;

    /// <summary>Seed 001 §4: Γ_S = y_χ² m_S/(8π) in MeV.</summary>
    /// <param name="coupling">y_χ.</param>
    /// <param name="mediatorMass">m_S in MeV.</param>
    public static double Seed001Width(double coupling, double mediatorMass) =>
        Width(Argument.NonNegative(nameof(coupling), coupling), Argument.Positive(nameof(mediatorMass), mediatorMass, "MeV"));

    private static readonly Func<double, double, double> Width = CosmologyFormulas.Seed001Width; // (y_χ, m_S)
}

/// <summary>Options of the two-species solver (checked when set).</summary>
public sealed record TwoSpeciesOptions
{
    /// <summary>Default options.</summary>
    public static TwoSpeciesOptions Default { get; } = new();

    /// <summary>The Standard-Model equation of state (default Saikawa–Shirai).</summary>
    public DegreesOfFreedomTable Table { get; init; } = DegreesOfFreedomTable.SaikawaShirai;

    /// <summary>
    /// Temperature of the equilibrium initial conditions, in MeV, in [1, 1e5]. Default 200 MeV: seed 001 §4 takes
    /// T_QCD ≃ 200 MeV (the lattice crossover is at ≈ 155 MeV; the micrOMEGAs table puts it at 150 MeV; set 150 to compare).
    /// </summary>
    public double StartTemperature { get; init => field = Argument.InRange(nameof(StartTemperature), value, 1, 1e5, "MeV"); } = 200;

    /// <summary>x = m_χ/T where the integration stops, in [1, 1e6]. Default 1000 (T = 3 keV for m_χ = 3 MeV).</summary>
    public double XEnd { get; init => field = Argument.InRange(nameof(XEnd), value, 1, 1e6, ""); } = 1000;

    /// <summary>Absolute tolerance on ln Y (relative accuracy of the yields), in [1e-12, 1e-2]. Default 1e-6.</summary>
    public double Tolerance { get; init => field = Argument.InRange(nameof(Tolerance), value, 1e-12, 1e-2, ""); } = 1e-6;

    /// <summary>Grid step in ln x for the tabulated coefficients, in [1e-4, 0.2]. Default 0.02.</summary>
    public double GridStep { get; init => field = Argument.InRange(nameof(GridStep), value, 1e-4, 0.2, ""); } = 0.02;

    /// <summary>Grid step in ln x on which the three ⟨σv⟩(T) delegates are sampled, in [1e-4, 0.5]. Default 0.1
    /// (see <see cref="FreezeOutOptions.CrossSectionGridStep"/>).</summary>
    public double CrossSectionGridStep { get; init => field = Argument.InRange(nameof(CrossSectionGridStep), value, 1e-4, 0.5, ""); } = 0.1;

    /// <summary>Number of log-spaced output points in x, in [2, 100000]. Default 200.</summary>
    public int OutputPoints { get; init => field = (int)Argument.InRange(nameof(OutputPoints), value, 2, 100_000, ""); } = 200;

    /// <summary>Statistics of the equilibrium yields (default Maxwell–Boltzmann, as eq. 4.2 with its K₁/K₂ factors).</summary>
    public QuantumStatistics Statistics { get; init; } = QuantumStatistics.MaxwellBoltzmann;

    /// <summary>Largest number of solver steps per stage, in [100, 1e7]. Default 200 000.</summary>
    public int MaxSteps { get; init => field = (int)Argument.InRange(nameof(MaxSteps), value, 100, 1e7, ""); } = 200_000;

    /// <summary>Checked once per solver step.</summary>
    public CancellationToken CancellationToken { get; init; }
}

/// <summary>Solution of the χ/S system.</summary>
/// <param name="X">x = m_χ/T, log-spaced from x_start = m_χ/T_start to x_end.</param>
/// <param name="YChi">Y_χ(x).</param>
/// <param name="YS">Y_S(x) (after S has disappeared, see <see cref="SwitchX"/>, the inverse-decay equilibrium value
/// Y_χ Y_S,eq/Y_χ,eq, which is below e⁻⁴⁰ Y_χ there).</param>
/// <param name="YChiEquilibrium">Y_χ,eq(x).</param>
/// <param name="YSEquilibrium">Y_S,eq(x).</param>
/// <param name="YChiEnd">Y_χ at x_end.</param>
/// <param name="YChiInfinity">Y_χ today: Y_χ(x_end) plus the remaining χχ̄ → νν̄ annihilation (analytic tail, as in
/// <see cref="FreezeOutResult.TailCorrection"/>).</param>
/// <param name="OmegaH2">Seed 001 eq. (4.3) with the coefficient from PDG s₀ and ρ_c/h²: 2.7438e5 (m_χ/MeV) Y_χ,∞.</param>
/// <param name="OmegaH2SeedCoefficient">The same with the printed coefficient 2.742e5.</param>
/// <param name="SwitchX">x from which S was negligible (Y_S &lt; e⁻⁴⁰ Y_χ, Y_S,eq &lt; e⁻⁴⁰ Y_χ,eq) and χ alone was
/// integrated; +∞ if never.</param>
/// <param name="Statistics">Work counters of the stiff solver (both stages).</param>
public sealed record TwoSpeciesResult(double[] X, double[] YChi, double[] YS, double[] YChiEquilibrium, double[] YSEquilibrium,
    double YChiEnd, double YChiInfinity, double OmegaH2, double OmegaH2SeedCoefficient, double SwitchX, OdeStatistics Statistics);

/// <summary>
/// Seed 001 eq. (4.2): the coupled Boltzmann equations for Y_χ and Y_S with χχ̄ → νν̄, χχ̄ ↔ SS, SS → νν̄, and
/// S ↔ χν decays and inverse decays (thermal time-dilation factor K₁(m_S/T)/K₂(m_S/T), Γ_S = y_χ² m_S/(8π)), from
/// equilibrium initial conditions at T_start (T_QCD) to x_end, Ωh² from eq. (4.3).
/// </summary>
/// <remarks>
/// Variables: u = ln x, W_t = ln(Y_χ + ν_d Y_S) and W_s = ln Y_S (Y_χ = Y_t − ν_d Y_S), so yields stay positive and
/// Boltzmann factors e^(−m/T) are exponents, never underflowing numbers; in W_t the decay and inverse-decay terms
/// (~Γ_S/H ~ 10¹⁵ times the yields) cancel analytically, so that their rounding cannot disturb the slow χ yield (in
/// ln Y_χ, ln Y_S this forced ~10⁵ steps per solve; now a few hundred). The right-hand side is the symbolic
/// <see cref="CosmologyEquations.twoSpecies"/> of the F# kernel, with its Jacobians derived by
/// <c>Calculus.differentiate</c> and compiled; the per-x coefficients (logarithms of the rates times (1 + δ/3)/H and
/// of the equilibrium yields, from the g_eff/h_eff table) are tabulated once per model on a grid in ln x and
/// interpolated. Stiffness reaches Γ_S/H ~ 10¹⁵ (inverse decays) and is handled by the L-stable Rosenbrock method
/// <see cref="Rodas4"/>. Once S is gone for good (Y_S &lt; e⁻⁴⁰ Y_χ and Y_S,eq &lt; e⁻⁴⁰ Y_χ,eq, so that neither its
/// decays nor inverse decays nor SS ↔ χχ̄ can change Y_χ by more than ~e⁻⁴⁰·m_S/T), the solver continues with the
/// one-species equation for χ (seed 000 eq. 21 with χχ̄ → νν̄): otherwise the exponentially falling Y_S would dictate
/// tiny steps for nothing.
/// Usage (a kernel σ(s) per channel, Γ_S from the seed):
/// <code>
/// var model = new TwoSpeciesModel {
///     ChiMass = 3, MediatorMass = 10, MediatorWidth = TwoSpeciesModel.Seed001Width(1e-3, 10),
///     ChiChiToNuNu = T => ThermalAverage.SigmaV(sigmaChiChiNuNu, 3, T),
///     SSToNuNu     = T => ThermalAverage.SigmaV(sigmaSSNuNu, 10, T),
///     Conversion   = T => ThermalAverage.SigmaV(sigmaSSChiChi, 10, T), ConversionGivenAs = ConversionDirection.SSToChiChi };
/// var r = new TwoSpeciesSolver().Solve(model);   // r.X, r.YChi, r.OmegaH2
/// </code>
/// </remarks>
public sealed class TwoSpeciesSolver
{
    private static readonly Func<double, double, double, double, double> LogRate = CosmologyFormulas.TwoSpeciesLogRate; // (δ, s, H, ln⟨σv⟩)
    private static readonly Func<double, double, double, double, double> LogDecay = CosmologyFormulas.LogDecay; // (δ, H, Γ, x_S)
    private static readonly Func<double, double, double, double, double, double> LogConversion = CosmologyFormulas.LogConversion; // (δ, s, H, ln⟨σv⟩, ln Y_eq)
    private static readonly Func<double, double, double, double> ChiLogYield = CosmologyFormulas.ChiLogYield;   // (W_t, W_s, ν_d)
    private static readonly Func<double, double, double, double> TotalLogYield = CosmologyFormulas.TotalLogYield; // (ln Y_χ, ln Y_S, ν_d)
    private static readonly Func<double, double, double, double> InverseDecayLogYield = CosmologyFormulas.InverseDecayLogYield; // (ln Y_χ, ec, es)
    private static readonly Func<double, double, double, double> Tail = CosmologyFormulas.FreezeOutTail;        // (Y, λ, p)
    private static readonly Func<double, double, double> SeedOmega = CosmologyFormulas.Seed001PrintedOmegaH2;  // (m, Y)
    private const double Negligible = -40; // ln of "gone for good"

    /// <summary>Creates a solver (default options when null).</summary>
    public TwoSpeciesSolver(TwoSpeciesOptions? options = null)
    {
        Options = options ?? TwoSpeciesOptions.Default;
        Plasma = StandardModelPlasma.Load(Options.Table);
    }

    /// <summary>The options in use.</summary>
    public TwoSpeciesOptions Options { get; }

    /// <summary>The Standard-Model plasma in use.</summary>
    public StandardModelPlasma Plasma { get; }

    /// <summary>Solves eq. (4.2) for one model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">x_end ≤ x_start, or T_start outside the table.</exception>
    /// <exception cref="ArgumentException">A delegate returned a negative or non-finite value.</exception>
    /// <exception cref="OdeException">The integration failed (not expected for valid input).</exception>
    public TwoSpeciesResult Solve(TwoSpeciesModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        double mChi = model.ChiMass, mS = model.MediatorMass;
        double xStart = mChi / Options.StartTemperature;
        if (!(Options.XEnd > xStart * 1.0001))
            throw new ArgumentOutOfRangeException(nameof(model), mChi,
                $"x_end = {Options.XEnd:G6} must exceed x_start = m_chi/T_start = {xStart:G6}; raise XEnd or the start temperature");
        if (Options.StartTemperature > Plasma.MaximumTemperature)
            throw new ArgumentOutOfRangeException(nameof(model), Options.StartTemperature, "the start temperature is above the plasma table");
        double u0 = Math.Log(xStart), u1 = Math.Log(Options.XEnd); // numerics: the grid variable u = ln x
        var stats = Options.Statistics;
        double nud = model.ChiPerDecay, nus = model.SPerConversion;

        var rates = new CrossSectionTable(mChi, u0, u1, Options.CrossSectionGridStep,
            [(model.ChiChiToNuNu, "ChiChiToNuNu"), (model.Conversion, "Conversion"), (model.SSToNuNu, "SSToNuNu")]);

        // coefficient columns, in the order of CosmologyEquations.twoSpecies: 0 l1, 1 ld, 2 lk, 3 l3, 4 ec, 5 es, 6 ν_d, 7 ν_s
        void Sample(double u, double[] c)
        {
            double x = Math.Exp(u), T = mChi / x, xs = mS / T; // numerics: the grid variable u = ln x
            var st = Plasma.State(T);
            double ec = Equilibrium.LnYield(x, model.ChiDof, st.EntropyDof, stats);
            double es = Equilibrium.LnYield(xs, model.MediatorDof, st.EntropyDof, stats);
            c[0] = LogRate(st.LogDerivative, st.EntropyDensity, st.Hubble, rates.LnSigmaV(u, 0));
            c[1] = model.MediatorWidth > 0
                ? LogDecay(st.LogDerivative, st.Hubble, model.MediatorWidth, xs)
                : double.NegativeInfinity; // a switched-off channel (see CosmologyEquations)
            c[2] = LogConversion(st.LogDerivative, st.EntropyDensity, st.Hubble, rates.LnSigmaV(u, 1),
                model.ConversionGivenAs == ConversionDirection.ChiChiToSS ? ec : es);
            c[3] = LogRate(st.LogDerivative, st.EntropyDensity, st.Hubble, rates.LnSigmaV(u, 2));
            c[4] = ec;
            c[5] = es;
            c[6] = nud;
            c[7] = nus;
        }

        var table = new CoefficientTable(u0, u1, Options.GridStep, 8, Sample);
        var system = new LogRateSystem(CompiledRates.TwoSpecies, table);

        // output grid
        int nOut = Options.OutputPoints;
        var outU = new double[nOut];
        for (int i = 0; i < nOut; i++) outU[i] = u0 + (u1 - u0) * i / (nOut - 1);
        outU[^1] = u1;
        var yChi = new double[nOut];
        var yS = new double[nOut];
        var yChiEq = new double[nOut];
        var ySEq = new double[nOut];
        var lnChiEq = new double[nOut]; // ln Y_χ,eq and ln Y_S,eq: finite where the yields underflow
        var lnSEq = new double[nOut];
        var c8 = new double[8];
        for (int i = 0; i < nOut; i++)
        {
            table.Evaluate(outU[i], c8, 0, null);
            lnChiEq[i] = c8[4];
            lnSEq[i] = c8[5];
            yChiEq[i] = Math.Exp(c8[4]); // numerics: back from ln Y
            ySEq[i] = Math.Exp(c8[5]); // numerics: back from the solver's log variables
        }

        // stage 1: both species (W_t = ln(Y_χ + ν_d Y_S), W_s = ln Y_S), in chunks until S is gone for good
        table.Evaluate(u0, c8, 0, null);
        double[] w = [TotalLogYield(c8[4], c8[5], nud), c8[5]];
        double u = u0;
        int next = 0; // next output index
        Record(u0, w);
        var totals = new int[5];
        double switchU = double.PositiveInfinity;
        // first stop: where Y_S,eq/Y_χ,eq first falls below e⁻⁴⁰ (known from the table); then in steps of 1 in ln x
        double uFirst = u1;
        for (int i = 0; i < table.Nodes; i++)
            if (table.NodeValue(i, 5) - table.NodeValue(i, 4) < Negligible)
            {
                uFirst = Math.Max(u0 + 1e-6, Math.Min(u1, table.Start + i * (table.End - table.Start) / (table.Nodes - 1)));
                break;
            }
        while (u < u1)
        {
            double uTo = u == u0 ? uFirst : Math.Min(u1, u + 1.0);
            if (u1 - uTo < 1e-9) uTo = u1;
            var times = OutputsIn(u, uTo);
            var sol = new Rodas4().Solve(system.System, u, w, uTo, OdeOptionsFor(times));
            Accumulate(sol.Statistics);
            if (times is not null)
                for (int k = 0; k < times.Length; k++) Record(times[k], sol.OutputStates![k]);
            w = sol.FinalState;
            u = uTo;
            table.Evaluate(u, c8, 0, null);
            if (w[1] - w[0] < Negligible && c8[5] - c8[4] < Negligible)
            {
                switchU = u;
                break;
            }
        }

        // stage 2: χ alone (seed 000 eq. 21 form with χχ̄ → νν̄); here ln Y_χ = W_t + ln(1 − ν_d e^(W_s − W_t)) ≈ W_t
        if (u < u1)
        {
            w = [LnChi(w), double.NaN];
            var table2 = new CoefficientTable(u, u1, Options.GridStep, 2, (uu, c2) =>
            {
                var full = new double[8];
                Sample(uu, full);
                c2[0] = full[0];
                c2[1] = full[4];
            });
            var system2 = new LogRateSystem(CompiledRates.FreezeOut, table2);
            var times = OutputsIn(u, u1);
            var sol = new Rodas4().Solve(system2.System, u, [w[0]], u1, OdeOptionsFor(times));
            Accumulate(sol.Statistics);
            if (times is not null)
                for (int k = 0; k < times.Length; k++) Record(times[k], [sol.OutputStates![k][0], double.NaN]);
            w = [sol.FinalState[0], double.NaN];
        }
        if (next == nOut - 1) Record(u1, w); // the last output point is x_end itself
        if (next != nOut) throw new InvalidOperationException($"internal: {next} of {nOut} output points were produced");

        // analytic tail of χχ̄ → νν̄ beyond x_end
        var dc = new double[8];
        table.Evaluate(u1, c8, 0, dc);
        double yEnd = Math.Exp(double.IsNaN(w[1]) ? w[0] : LnChi(w)); // numerics: back from ln Y
        double lambdaEnd = Math.Exp(c8[0]), p = -dc[0]; // numerics: the coefficient is ln λ
        double yInf = p > 0.05 && double.IsFinite(lambdaEnd) ? Tail(yEnd, lambdaEnd, p) : yEnd;

        var statsOut = new OdeStatistics(totals[0], totals[1], totals[2], totals[3], totals[4]);
        return new TwoSpeciesResult(outU.Select(v => Math.Exp(v)).ToArray(), yChi, yS, yChiEq, ySEq, yEnd, yInf, // numerics: x = e^u
            CosmologyUnits.OmegaH2(mChi, yInf), SeedOmega(mChi, yInf),
            double.IsFinite(switchU) ? Math.Exp(switchU) : double.PositiveInfinity, statsOut); // numerics: back from the switch point in u = ln x

        double[]? OutputsIn(double from, double to)
        {
            var list = new List<double>();
            for (int k = next; k < nOut && outU[k] <= to; k++)
                if (outU[k] > from || (k == 0 && outU[k] >= from)) list.Add(outU[k]);
            return list.Count > 0 ? list.ToArray() : null;
        }

        // state: (W_t, W_s) in stage 1, (ln Y_χ, NaN) in stage 2
        void Record(double uu, double[] state)
        {
            if (next >= nOut || uu < outU[next] - 1e-12) return;
            double lnChi = double.IsNaN(state[1]) ? state[0] : LnChi(state);
            yChi[next] = Math.Exp(lnChi); // numerics: back from ln Y
            yS[next] = Math.Exp(double.IsNaN(state[1]) ? InverseDecayLogYield(lnChi, lnChiEq[next], lnSEq[next]) : state[1]); // numerics: back from the solver's log variables
            next++;
        }

        double LnChi(double[] state) => ChiLogYield(state[0], state[1], nud);

        void Accumulate(OdeStatistics s)
        {
            totals[0] += s.AcceptedSteps;
            totals[1] += s.RejectedSteps;
            totals[2] += s.RhsEvaluations;
            totals[3] += s.JacobianEvaluations;
            totals[4] += s.LuDecompositions;
        }
    }

    private OdeOptions OdeOptionsFor(double[]? outputTimes) => new()
    {
        AbsTol = Options.Tolerance,
        RelTol = Math.Max(OdeOptions.MinRelTol, Options.Tolerance / 100),
        StoreSteps = false,
        OutputTimes = outputTimes,
        MaxSteps = Options.MaxSteps,
        CancellationToken = Options.CancellationToken,
    };
}
