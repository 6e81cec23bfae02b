using NuDM.App.Ode;
using NuDM.Physics;

namespace NuDM.App.Cosmology;

/// <summary>A thermally averaged cross section ⟨σv⟩(T): photon temperature T in MeV → ⟨σv⟩ in MeV⁻² (finite, ≥ 0).</summary>
/// <param name="temperature">Photon temperature T, MeV.</param>
/// <returns>⟨σv⟩ in MeV⁻² (see <see cref="CosmologyUnits.SigmaVFromCm3PerSecond"/> for cm³/s).</returns>
public delegate double ThermalCrossSection(double temperature);

/// <summary>Whether the dark-matter particle is its own antiparticle; fixes how Y is counted in Ωh².</summary>
public enum DarkMatterNature
{
    /// <summary>
    /// Self-conjugate (Majorana fermion, real scalar): Y counts all particles, ⟨σv⟩ is that of a pair of them, and
    /// Ωh² = 2.744e8 (m/GeV) Y. The convention of Steigman, Dasgupta &amp; Beacom, PRD 86 (2012) 023506.
    /// </summary>
    Majorana,

    /// <summary>
    /// Dirac (X ≠ X̄, no asymmetry): Y is the yield of X alone (X̄ is equal), ⟨σv⟩ is σ(XX̄ → …)v, g counts the internal
    /// states of X only, and Ωh² counts X and X̄: twice the Majorana expression. For the same ⟨σv⟩ a Dirac particle
    /// therefore ends with twice the Ωh², and needs twice the ⟨σv⟩ for the same Ωh².
    /// </summary>
    Dirac,
}

/// <summary>Options of the freeze-out solver. Every value is checked when set (ArgumentOutOfRangeException with the range).</summary>
public sealed record FreezeOutOptions
{
    /// <summary>Default options.</summary>
    public static FreezeOutOptions Default { get; } = new();

    /// <summary>The Standard-Model equation of state (default Saikawa–Shirai).</summary>
    public DegreesOfFreedomTable Table { get; init; } = DegreesOfFreedomTable.SaikawaShirai;

    /// <summary>x = m/T where Y = Y_eq is imposed, in [1e-3, 100]. Default 1.</summary>
    public double XStart { get; init => field = Argument.InRange(nameof(XStart), value, 1e-3, 100, ""); } = 1;

    /// <summary>
    /// x = m/T where the integration stops, in [10, 1e7]; the remaining annihilation beyond it is added analytically
    /// (see <see cref="FreezeOutResult.TailCorrection"/>). Default 1e4.
    /// </summary>
    public double XEnd { get; init => field = Argument.InRange(nameof(XEnd), value, 10, 1e7, ""); } = 1e4;

    /// <summary>
    /// Target accuracy of the integration, in [1e-12, 1e-2]: absolute tolerance on ln Y (= relative accuracy of Y),
    /// relative tolerance one hundredth of it. Default 1e-5 (Ωh² then changes by ~3e-6 when it is tightened tenfold;
    /// a solve takes about half the steps of 1e-6).
    /// </summary>
    public double Tolerance { get; init => field = Argument.InRange(nameof(Tolerance), value, 1e-12, 1e-2, ""); } = 1e-5;

    /// <summary>
    /// Spacing in ln x of the grid on which ln λ and ln Y_eq are tabulated once per mass (cubic interpolation between;
    /// error ∝ step⁴), in [1e-4, 0.2]. Default 0.02.
    /// </summary>
    public double GridStep { get; init => field = Argument.InRange(nameof(GridStep), value, 1e-4, 0.2, ""); } = 0.02;

    /// <summary>
    /// Spacing in ln x of the grid on which ⟨σv⟩(T) itself is sampled (then interpolated in ln⟨σv⟩), in [1e-4, 0.5].
    /// Default 0.1: ~90 calls of the delegate per mass, which matters when each is a Gondolo–Gelmini integral (~50 µs).
    /// Set it to <see cref="GridStep"/> or below for cross sections with structure finer than Δ ln x ~ 0.3.
    /// </summary>
    public double CrossSectionGridStep { get; init => field = Argument.InRange(nameof(CrossSectionGridStep), value, 1e-4, 0.5, ""); } = 0.1;

    /// <summary>Number of log-spaced points of the returned trajectory Y(x), in [0, 100000]; 0 returns none. Default 200.</summary>
    public int OutputPoints { get; init => field = (int)Argument.InRange(nameof(OutputPoints), value, 0, 100_000, ""); } = 200;

    /// <summary>Statistics of Y_eq (default Maxwell–Boltzmann, consistent with the Gondolo–Gelmini ⟨σv⟩).</summary>
    public QuantumStatistics Statistics { get; init; } = QuantumStatistics.MaxwellBoltzmann;

    /// <summary>Largest number of solver steps, in [100, 1e7]. Default 100 000.</summary>
    public int MaxSteps { get; init => field = (int)Argument.InRange(nameof(MaxSteps), value, 100, 1e7, ""); } = 100_000;

    /// <summary>Checked once per solver step.</summary>
    public CancellationToken CancellationToken { get; init; }
}

/// <summary>Result of one freeze-out solve.</summary>
/// <param name="Mass">m, MeV.</param>
/// <param name="Nature">Majorana or Dirac (how Y enters Ωh²).</param>
/// <param name="YInfinity">Y today: Y at x_end plus the analytic tail.</param>
/// <param name="YEnd">Y at x_end from the integration.</param>
/// <param name="TailCorrection">Relative change applied beyond x_end: Y_∞/Y_end − 1 (≤ 0); after freeze-out
/// d(1/Y)/d ln x = λ, and with λ ∝ x^{−p} near x_end, 1/Y_∞ = 1/Y_end + λ(x_end)/p (0 when λ does not fall).</param>
/// <param name="OmegaH2">Ωh² = 2.7438e5 (m/MeV) Y_∞ (× 2 for Dirac), the coefficient from PDG s₀ and ρ_c/h².</param>
/// <param name="XFreezeOut">x_f, defined by Y(x_f) = 2 Y_eq(x_f) (NaN when no trajectory was requested).</param>
/// <param name="X">Trajectory x grid (log-spaced), or empty.</param>
/// <param name="Y">Y(x) on <paramref name="X"/>.</param>
/// <param name="YEquilibrium">Y_eq(x) on <paramref name="X"/>.</param>
/// <param name="Statistics">Work counters of the stiff solver.</param>
public sealed record FreezeOutResult(double Mass, DarkMatterNature Nature, double YInfinity, double YEnd,
    double TailCorrection, double OmegaH2, double XFreezeOut, double[] X, double[] Y, double[] YEquilibrium,
    OdeStatistics Statistics);

/// <summary>
/// Thermal freeze-out of one species, seed 000 Appendix eq. (21): ṅ + 3Hn = −⟨σv⟩(n² − n_eq²), solved for
/// Y = n/s with the stiff Rosenbrock solver <see cref="Rodas4"/> in the variables W = ln Y, u = ln x, x = m/T:
/// dW/du = −λ (Y − Y_eq²/Y), λ(x) = (1 + δ/3) s⟨σv⟩/H, δ = d ln h_eff/d ln T (the Gondolo–Gelmini g_*^{1/2} factor;
/// in x: dY/dx = −(λ/x)(Y² − Y_eq²)). The right-hand side is the symbolic <see cref="CosmologyEquations.freezeOut"/>
/// of the F# kernel; its Jacobian ∂f/∂W and ∂f/∂(ln λ, ln Y_eq) are derived by <c>Calculus.differentiate</c> and
/// compiled. ln λ(x) and ln Y_eq(x) are computed here, from the chosen g_eff/h_eff table, once per mass on a grid in
/// ln x, and interpolated. Y = Y_eq at <see cref="FreezeOutOptions.XStart"/>.
/// </summary>
/// <remarks>
/// Usage: <c>var r = new FreezeOutSolver().Solve(mass: 1000, sigmaV: T => CosmologyUnits.SigmaVFromCm3PerSecond(2e-26));</c>
/// then <c>r.OmegaH2</c>. A kernel cross section plugs in through <see cref="ThermalAverage"/>:
/// <c>sigmaV: T => ThermalAverage.SigmaV(s => sigmaOfS(s), m, T)</c> (sampled once per mass on a grid of step
/// <see cref="FreezeOutOptions.CrossSectionGridStep"/> in ln x, ~90 integrals, never per solver step). The solver is thread-safe; the
/// delegates must be too when solves run in parallel.
/// </remarks>
public sealed class FreezeOutSolver
{
    private static readonly Func<double, double, double, double, double> LogRate = CosmologyFormulas.FreezeOutLogRate; // (δ, s, H, ln⟨σv⟩)
    private static readonly Func<double, double, double, double> Tail = CosmologyFormulas.FreezeOutTail;     // (Y, λ, p)

    /// <summary>Creates a solver with the given options (defaults when null).</summary>
    public FreezeOutSolver(FreezeOutOptions? options = null)
    {
        Options = options ?? FreezeOutOptions.Default;
        Plasma = StandardModelPlasma.Load(Options.Table);
    }

    /// <summary>The options in use.</summary>
    public FreezeOutOptions Options { get; }

    /// <summary>The Standard-Model plasma in use.</summary>
    public StandardModelPlasma Plasma { get; }

    /// <summary>Smallest ⟨σv⟩ used when building ln λ (MeV⁻²): a rate that underflows below it counts as this floor.</summary>
    internal const double SigmaVFloor = 1e-300;

    /// <summary>Solves the freeze-out of a particle of mass m with annihilation cross section ⟨σv⟩(T).</summary>
    /// <param name="mass">m in MeV, with T = m/x_start inside the plasma table.</param>
    /// <param name="sigmaV">⟨σv⟩(T) in MeV⁻², T in MeV.</param>
    /// <param name="dof">Internal degrees of freedom g of the particle (of X alone for Dirac), &gt; 0. Default 2.</param>
    /// <param name="nature">Majorana (default) or Dirac; see <see cref="DarkMatterNature"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">m ≤ 0, or m/x_start above the table.</exception>
    /// <exception cref="ArgumentException">⟨σv⟩ returned a negative or non-finite value.</exception>
    /// <exception cref="OdeException">The integration failed (not expected for valid input).</exception>
    public FreezeOutResult Solve(double mass, ThermalCrossSection sigmaV, double dof = 2,
        DarkMatterNature nature = DarkMatterNature.Majorana)
    {
        var grid = BuildGrid(mass, sigmaV, dof);
        return SolveOnGrid(grid, 0, nature, Options.OutputPoints);
    }

    /// <summary>ln λ(u) and ln Y_eq(u) on the grid, for one mass and one ⟨σv⟩ (at unit coupling in relic-coupling searches).</summary>
    internal FreezeOutGrid BuildGrid(double mass, ThermalCrossSection sigmaV, double dof)
    {
        Argument.Positive(nameof(mass), mass, "MeV");
        Argument.Positive(nameof(dof), dof);
        ArgumentNullException.ThrowIfNull(sigmaV);
        double tStart = mass / Options.XStart;
        if (tStart > Plasma.MaximumTemperature)
            throw new ArgumentOutOfRangeException(nameof(mass), mass,
                $"mass must be in (0, {Plasma.MaximumTemperature * Options.XStart:G6}] MeV: the solve starts at T = m/x_start = " +
                $"{tStart:G6} MeV, above the {Plasma.Table} table");
        double u0 = Math.Log(Options.XStart), u1 = Math.Log(Options.XEnd); // numerics: the grid variable u = ln x
        var stats = Options.Statistics;
        var rates = new CrossSectionTable(mass, u0, u1, Options.CrossSectionGridStep, [(sigmaV, "<sigma v>(T)")]);
        var table = new CoefficientTable(u0, u1, Options.GridStep, 2, (u, c) =>
        {
            double x = Math.Exp(u), T = mass / x; // numerics: the grid variable u = ln x
            var st = Plasma.State(T);
            c[0] = LogRate(st.LogDerivative, st.EntropyDensity, st.Hubble, rates.LnSigmaV(u, 0));
            c[1] = Equilibrium.LnYield(x, dof, st.EntropyDof, stats);
        });
        return new FreezeOutGrid(mass, dof, table);
    }

    /// <summary>Integrates on a prepared grid with ln λ shifted by <paramref name="lnLambdaShift"/>.</summary>
    internal FreezeOutResult SolveOnGrid(FreezeOutGrid grid, double lnLambdaShift, DarkMatterNature nature, int outputPoints)
    {
        var system = new LogRateSystem(CompiledRates.FreezeOut, grid.Table, [lnLambdaShift, 0]);
        double u0 = grid.Table.Start, u1 = grid.Table.End;
        var c = new double[2];
        system.Coefficients(u0, c);
        double[] y0 = [c[1]];

        double[]? outU = null;
        if (outputPoints > 0)
        {
            outU = new double[outputPoints];
            for (int i = 0; i < outputPoints; i++)
                outU[i] = outputPoints == 1 ? u1 : u0 + (u1 - u0) * i / (outputPoints - 1);
            outU[^1] = u1;
        }
        var odeOptions = new OdeOptions
        {
            AbsTol = Options.Tolerance,
            RelTol = Math.Max(OdeOptions.MinRelTol, Options.Tolerance / 100),
            StoreSteps = false,
            OutputTimes = outU,
            MaxSteps = Options.MaxSteps,
            CancellationToken = Options.CancellationToken,
        };
        var solution = new Rodas4().Solve(system.System, u0, y0, u1, odeOptions);
        double wEnd = solution.FinalState[0];
        double yEnd = Math.Exp(wEnd); // numerics: the state is W = ln Y

        // analytic tail beyond x_end: d(1/Y)/du = λ(u), λ ∝ e^{−p(u − u1)} ⇒ 1/Y_∞ = 1/Y_end + λ(u1)/p (the kernel's)
        var dc = new double[2];
        var cEnd = new double[2];
        grid.Table.Evaluate(u1, cEnd, 0, dc);
        double lambdaEnd = Math.Exp(cEnd[0] + lnLambdaShift); // numerics: the coefficient is ln λ
        double p = -dc[0];
        double yInf = p > 0.05 ? Tail(yEnd, lambdaEnd, p) : yEnd;

        double chargeStates = nature == DarkMatterNature.Dirac ? 2 : 1;
        double omega = CosmologyUnits.OmegaH2(grid.Mass, yInf, chargeStates);

        double[] xs = [], ys = [], yeq = [];
        double xf = double.NaN;
        if (outU is not null && solution.OutputStates is { } states)
        {
            xs = new double[outU.Length];
            ys = new double[outU.Length];
            yeq = new double[outU.Length];
            for (int i = 0; i < outU.Length; i++)
            {
                system.Coefficients(outU[i], c);
                // numerics: back from the log variables u = ln x, W = ln Y, ln Y_eq
                xs[i] = Math.Exp(outU[i]); // numerics: back from the solver's log variables
                ys[i] = Math.Exp(states[i][0]); // numerics: back from the solver's log variables
                yeq[i] = Math.Exp(c[1]); // numerics: back from the solver's log variables
                if (double.IsNaN(xf) && i > 0)
                {
                    // x_f is defined by Y = 2 Y_eq: the zero of ln(Y/Y_eq) − ln 2, interpolated linearly in u
                    double r0 = states[i - 1][0] - PreviousEq(system, outU[i - 1]) - Math.Log(2); // numerics: x_f is reported where ln Y − ln Y_eq crosses ln 2 (the Y = 2 Y_eq convention), interpolated
                    double r1 = states[i][0] - c[1] - Math.Log(2); // numerics: the same crossing at the next output point
                    if (r0 < 0 && r1 >= 0)
                        xf = Math.Exp(outU[i - 1] + (outU[i] - outU[i - 1]) * (-r0) / (r1 - r0)); // numerics: linear interpolation of the crossing in ln x
                }
            }
        }
        return new FreezeOutResult(grid.Mass, nature, yInf, yEnd, yInf / yEnd - 1, omega, xf, xs, ys, yeq,
            solution.Statistics);
    }

    private static double PreviousEq(LogRateSystem system, double u)
    {
        var c = new double[2];
        system.Coefficients(u, c);
        return c[1];
    }
}

/// <summary>The per-mass coefficient grid of a freeze-out solve (ln λ at unit coupling, ln Y_eq).</summary>
internal sealed record FreezeOutGrid(double Mass, double Dof, CoefficientTable Table);
