using NuDM.Physics;

namespace NuDM.App.Cosmology;

/// <summary>Result of a relic-coupling search.</summary>
/// <param name="Mass">m, MeV.</param>
/// <param name="Coupling">The coupling y with Ωh²(y) = target, for ⟨σv⟩ = y^power ⟨σv⟩₁(T).</param>
/// <param name="OmegaH2">Ωh² at that coupling (equal to the target within the tolerance).</param>
/// <param name="Solves">Number of freeze-out integrations used.</param>
/// <param name="FreezeOut">The freeze-out solve at the returned coupling; null when there is none (<see cref="Note"/>).</param>
public sealed record RelicCouplingResult(double Mass, double Coupling, double OmegaH2, int Solves, FreezeOutResult? FreezeOut)
{
    /// <summary>⟨σv⟩ at x = 20 for the returned coupling in cm³/s, for comparison with the "canonical" numbers.</summary>
    public double SigmaVAtX20Cm3PerSecond { get; init; }

    /// <summary>Why a point of a curve has no coupling (the search found none in the coupling's allowed range: the
    /// message of <see cref="NoRelicCouplingException"/>); Coupling, OmegaH2 and SigmaVAtX20Cm3PerSecond are NaN then.
    /// Null for a found coupling.</summary>
    public string? Note { get; init; }

    /// <summary>The point of a curve at <paramref name="mass"/> (MeV) where no coupling gives the target, with why.</summary>
    public static RelicCouplingResult None(double mass, string why) =>
        new(mass, double.NaN, double.NaN, 0, null) { SigmaVAtX20Cm3PerSecond = double.NaN, Note = why };
}

/// <summary>No coupling in its allowed range gives the target Ωh² (<see cref="RelicCoupling.FindBySearch"/>): Ωh² is above
/// it even at the largest coupling, below it even at the smallest, or does not fall with the coupling there. A user
/// error for one point; a gap (with this reason) in a curve.</summary>
public sealed class NoRelicCouplingException(string message) : UserInputException(message);

/// <summary>
/// The coupling that gives the observed relic density by thermal freeze-out (seed 000, Fig. 5; seed 000 eq. 21):
/// for ⟨σv⟩(T; y) = y^p ⟨σv⟩₁(T), find y with Ωh²(y) = Ω_DM h² (default 0.120, <see cref="Constants.OmegaDMh2"/>).
/// ln λ at unit coupling and ln Y_eq are tabulated once per mass; each trial coupling only shifts ln λ by p ln y.
/// The search is a safeguarded secant method on ln Ωh² versus ln y, started from ⟨σv⟩(x = 20) = 2.2e-26 cm³/s and
/// the slope −p (Ωh² ∝ 1/⟨σv⟩ up to the logarithmic change of x_f): typically 3–5 solves.
/// </summary>
/// <remarks>
/// Example (seed 000: σv(X̄X → ν̄ν) = y⁴/(16π m_φ⁴), m_φ = 3 m_X, Dirac X):
/// <code>
/// var r = RelicCoupling.Find(mass: 20, sigmaVAtUnitCoupling: T => 1 / (16 * Math.PI * Math.Pow(3 * 20.0, 4)), power: 4, // numerics: a doc example
///                            nature: DarkMatterNature.Dirac);
/// double y = r.Coupling;
/// </code>
/// A kernel σ(s) at unit coupling plugs in as <c>T => ThermalAverage.SigmaV(sigma1, m, T)</c>.
/// </remarks>
public static class RelicCoupling
{
    private static readonly Func<double, double, double, double> Scaling = CosmologyFormulas.CouplingScaling; // (y, n, σ₁)

    private const double CanonicalSigmaV = 2.2e-26; // cm³/s, start value only

    /// <summary>Finds the relic coupling at one mass.</summary>
    /// <param name="mass">m, MeV.</param>
    /// <param name="sigmaVAtUnitCoupling">⟨σv⟩₁(T) in MeV⁻² at y = 1 (T in MeV).</param>
    /// <param name="power">p &gt; 0 in ⟨σv⟩ ∝ y^p (4 for y⁴/(16π m_φ⁴)).</param>
    /// <param name="dof">Internal degrees of freedom g (of X alone for Dirac). Default 2.</param>
    /// <param name="nature">Majorana (default) or Dirac.</param>
    /// <param name="targetOmegaH2">Target Ωh² in (0, 10]. Default 0.120.</param>
    /// <param name="options">Freeze-out options (the trajectory is computed only for the final solve).</param>
    /// <param name="relativeTolerance">Relative tolerance on Ωh², in [1e-10, 1e-2]. Default 1e-5.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    /// <exception cref="InvalidOperationException">The target cannot be reached (e.g. ⟨σv⟩₁ vanishes) or the search did not converge.</exception>
    public static RelicCouplingResult Find(double mass, ThermalCrossSection sigmaVAtUnitCoupling, double power, double dof = 2,
        DarkMatterNature nature = DarkMatterNature.Majorana, double targetOmegaH2 = 0.120, FreezeOutOptions? options = null,
        double relativeTolerance = 1e-5)
    {
        Argument.InRange(nameof(power), power, 1e-3, 100, "");
        Argument.InRange(nameof(targetOmegaH2), targetOmegaH2, 1e-12, 10, "");
        Argument.InRange(nameof(relativeTolerance), relativeTolerance, 1e-10, 1e-2, "");
        var solver = new FreezeOutSolver(options);
        var grid = solver.BuildGrid(mass, sigmaVAtUnitCoupling, dof);

        double sv20 = sigmaVAtUnitCoupling(mass / 20);
        if (!(sv20 > 0) || !double.IsFinite(sv20))
            throw new InvalidOperationException($"<sigma v> at unit coupling is {sv20:R} MeV^-2 at T = m/20; it must be > 0 to find a relic coupling");
        double canonical = CosmologyUnits.SigmaVFromCm3PerSecond(CanonicalSigmaV) * (nature == DarkMatterNature.Dirac ? 2 : 1);
        // numerics: the search runs in ln y on ln Ωh²
        double lnTarget = Math.Log(targetOmegaH2), tol = double.LogP1(relativeTolerance); // numerics: the coupling search matches ln Ωh² to a relative tolerance

        int solves = 0;
        double G(double lny, out FreezeOutResult r)
        {
            r = solver.SolveOnGrid(grid, power * lny, nature, 0);
            solves++;
            return Math.Log(r.OmegaH2) - lnTarget; // numerics: the residual in ln Ωh²
        }

        double l0 = (Math.Log(canonical) - Math.Log(sv20)) / power; // numerics: the start, ln y with y^p ⟨σv⟩₁ = canonical
        double g0 = G(l0, out var r0);
        if (Math.Abs(g0) <= tol) return Finish(l0);
        double l1 = l0 + g0 / power; // slope −p
        double g1 = G(l1, out var r1);
        for (int it = 0; it < 60; it++)
        {
            if (Math.Abs(g1) <= tol) return Finish(l1);
            double slope = (g1 - g0) / (l1 - l0);
            if (!(slope < -1e-3 * power) || !double.IsFinite(slope)) slope = -power; // Ωh² must fall with y
            double step = -g1 / slope;
            step = Math.Clamp(step, -20 / power, 20 / power); // at most e^{±20} in ⟨σv⟩ per iteration
            (l0, g0) = (l1, g1);
            l1 += step;
            g1 = G(l1, out r1);
            if (double.IsNaN(g1)) break;
            if (g1 > 0 && g0 > 0 && l1 > 700 / power)
                throw new InvalidOperationException(
                    $"no coupling gives Omega h^2 = {targetOmegaH2} at m = {mass:G6} MeV: even y = e^{l1:F0} leaves Omega h^2 = {r1.OmegaH2:G4}");
        }
        if (Math.Abs(g1) <= tol) return Finish(l1);
        throw new InvalidOperationException($"the relic-coupling search did not converge at m = {mass:G6} MeV (last Omega h^2 = {r1.OmegaH2:G6})");

        RelicCouplingResult Finish(double lny)
        {
            var final = solver.SolveOnGrid(grid, power * lny, nature, solver.Options.OutputPoints);
            solves++;
            double y = Math.Exp(lny); // numerics: back from ln y
            return new RelicCouplingResult(mass, y, final.OmegaH2, solves, final)
            {
                SigmaVAtX20Cm3PerSecond = CosmologyUnits.SigmaVToCm3PerSecond(Scaling(y, power, sv20)),
            };
        }
    }

    /// <summary>
    /// The relic coupling at one mass for a ⟨σv⟩ that is not a power of the coupling (e.g. an s-channel mediator whose
    /// width moves with it): ⟨σv⟩(T; y) is recomputed for every trial y (its freeze-out grid rebuilt), and y is found by
    /// bracketing the root of ln Ωh²(y) − ln Ω_target in ln y on [<paramref name="minimumCoupling"/>,
    /// <paramref name="maximumCoupling"/>] (the coupling's allowed range): the ends must bracket it, Ωh² must fall as y
    /// grows (checked at every trial against the bracket), then a safeguarded secant (Illinois false position) to the
    /// relative tolerance on Ωh².
    /// </summary>
    /// <param name="mass">m, MeV.</param>
    /// <param name="sigmaVOf">⟨σv⟩(T) in MeV⁻² at coupling y (T in MeV).</param>
    /// <param name="minimumCoupling">Lower end of the search, &gt; 0.</param>
    /// <param name="maximumCoupling">Upper end of the search (the coupling's allowed maximum), &gt; minimumCoupling.</param>
    /// <param name="couplingName">The coupling's name in messages.</param>
    /// <param name="dof">Internal degrees of freedom g. Default 2.</param>
    /// <param name="nature">Majorana (default) or Dirac.</param>
    /// <param name="targetOmegaH2">Target Ωh² in (0, 10]. Default 0.120.</param>
    /// <param name="options">Freeze-out options.</param>
    /// <param name="relativeTolerance">Relative tolerance on Ωh², in [1e-10, 1e-2]. Default 1e-5.</param>
    /// <exception cref="NoRelicCouplingException">No coupling in the range gives the target (naming Ωh² at both ends), or Ωh²
    /// does not fall monotonically with y there.</exception>
    /// <exception cref="InvalidOperationException">The search did not converge.</exception>
    public static RelicCouplingResult FindBySearch(double mass, Func<double, ThermalCrossSection> sigmaVOf, double minimumCoupling, double maximumCoupling,
        string couplingName, double dof = 2, DarkMatterNature nature = DarkMatterNature.Majorana, double targetOmegaH2 = 0.120,
        FreezeOutOptions? options = null, double relativeTolerance = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(sigmaVOf);
        Argument.Positive(nameof(minimumCoupling), minimumCoupling);
        if (!(maximumCoupling > minimumCoupling) || !double.IsFinite(maximumCoupling))
            throw new ArgumentOutOfRangeException(nameof(maximumCoupling), maximumCoupling, $"maximumCoupling must be finite and exceed minimumCoupling = {minimumCoupling:G6}");
        Argument.InRange(nameof(targetOmegaH2), targetOmegaH2, 1e-12, 10, "");
        Argument.InRange(nameof(relativeTolerance), relativeTolerance, 1e-10, 1e-2, "");
        var solver = new FreezeOutSolver(options);
        double lnTarget = Math.Log(targetOmegaH2), tol = double.LogP1(relativeTolerance); // numerics: the search matches ln Ωh² to a relative tolerance
        int solves = 0;
        // the last trial's ⟨σv⟩ and grid: the search ends on a trial, so Finish reuses them instead of averaging ⟨σv⟩ again
        double lastLny = double.NaN;
        ThermalCrossSection lastSigmaV = null!;
        FreezeOutGrid lastGrid = null!;
        double G(double lny)
        {
            var sv = sigmaVOf(Math.Exp(lny)); // numerics: y from ln y
            var grid = solver.BuildGrid(mass, sv, dof);
            (lastLny, lastSigmaV, lastGrid) = (lny, sv, grid);
            var r = solver.SolveOnGrid(grid, 0, nature, 0);
            solves++;
            return Math.Log(r.OmegaH2) - lnTarget; // numerics: the residual in ln Ωh²
        }
        double a = Math.Log(minimumCoupling), b = Math.Log(maximumCoupling); // numerics: the search runs in ln y
        double ga = G(a), gb = G(b);
        double fa = ga, fb = gb; // the residuals at the bracket's ends (ga, gb: Illinois-weighted)
        string Omega(double g) => $"{targetOmegaH2 * Math.Exp(g):G4}"; // numerics: Ωh² from the residual
        if (!(ga > 0 && gb < 0))
            throw new NoRelicCouplingException(
                $"no {couplingName} in its allowed range [{minimumCoupling:G4}, {maximumCoupling:G4}] gives Ωh² = {targetOmegaH2} at m = {mass:G6} MeV: " +
                $"Ωh² = {Omega(ga)} at {couplingName} = {minimumCoupling:G4} and {Omega(gb)} at {maximumCoupling:G4}" +
                (ga > 0 && gb > 0 ? " (too much dark matter even at the largest coupling)" : ga < 0 && gb < 0 ? " (too little even at the smallest coupling)" : " (Ωh² does not fall with the coupling)"));
        // Illinois false position in ln y: the bracket [a, b] with G(a) > 0 > G(b) shrinks every step
        int side = 0;
        for (int it = 0; it < 200; it++)
        {
            double c = b - gb * (b - a) / (gb - ga);
            if (!(c > a && c < b)) c = 0.5 * (a + b);
            double gc = G(c);
            if (Math.Abs(gc) <= tol) return Finish();
            // monotone: inside the bracket's residuals, up to the freeze-out solve's own noise (a few × the tolerance)
            double slack = Math.Max(4 * tol, 1e-7);
            if (!(gc < fa + slack && gc > fb - slack))
                throw new NoRelicCouplingException(
                    $"Ωh² of m = {mass:G6} MeV does not fall monotonically with {couplingName} on [{Math.Exp(a):G6}, {Math.Exp(b):G6}] " + // numerics: y from ln y
                    $"(Ωh² = {Omega(gc)} at {Math.Exp(c):G6}, not between {Omega(fa)} and {Omega(fb)} at the ends): the relic coupling is not unique there"); // numerics: y from ln y
            if (gc > 0)
            {
                (a, ga, fa) = (c, gc, gc);
                if (side == 1) gb /= 2;
                side = 1;
            }
            else
            {
                (b, gb, fb) = (c, gc, gc);
                if (side == -1) ga /= 2;
                side = -1;
            }
            if (b - a < 1e-14 * Math.Max(1, Math.Abs(a))) return Finish();
        }
        throw new InvalidOperationException($"the relic-coupling search did not converge at m = {mass:G6} MeV");

        // the result at the last trial (the root), its freeze-out solved again with the output points
        RelicCouplingResult Finish()
        {
            double y = Math.Exp(lastLny); // numerics: back from ln y
            var sv = lastSigmaV;
            var final = solver.SolveOnGrid(lastGrid, 0, nature, solver.Options.OutputPoints);
            solves++;
            return new RelicCouplingResult(mass, y, final.OmegaH2, solves, final)
            {
                SigmaVAtX20Cm3PerSecond = CosmologyUnits.SigmaVToCm3PerSecond(sv(mass / 20)),
            };
        }
    }

    /// <summary>
    /// The relic coupling at many masses (e.g. seed 000 Fig. 5 at fixed m_φ/m_X), in parallel over masses.
    /// </summary>
    /// <param name="masses">Masses in MeV.</param>
    /// <param name="sigmaVAtUnitCoupling">For each mass, ⟨σv⟩₁(T) in MeV⁻² (must be thread-safe).</param>
    /// <param name="power">p in ⟨σv⟩ ∝ y^p.</param>
    /// <param name="dof">Internal degrees of freedom.</param>
    /// <param name="nature">Majorana or Dirac.</param>
    /// <param name="targetOmegaH2">Target Ωh².</param>
    /// <param name="options">Freeze-out options; OutputPoints = 0 is advisable for speed.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use (−1: all cores).</param>
    /// <returns>One result per mass, in the order given.</returns>
    public static RelicCouplingResult[] Curve(IReadOnlyList<double> masses, Func<double, ThermalCrossSection> sigmaVAtUnitCoupling,
        double power, double dof = 2, DarkMatterNature nature = DarkMatterNature.Majorana, double targetOmegaH2 = 0.120,
        FreezeOutOptions? options = null, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(masses);
        ArgumentNullException.ThrowIfNull(sigmaVAtUnitCoupling);
        var results = new RelicCouplingResult[masses.Count];
        Parallel.For(0, masses.Count,
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = options?.CancellationToken ?? default },
            i => results[i] = Find(masses[i], sigmaVAtUnitCoupling(masses[i]), power, dof, nature, targetOmegaH2, options));
        return results;
    }
}
