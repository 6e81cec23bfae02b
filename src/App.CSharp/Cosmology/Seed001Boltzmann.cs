namespace NuDM.App.Cosmology;

/// <summary>
/// The χ/S Boltzmann system of seed 001 eq. (4.2) at the six points of its Fig. 7: m_χ = 3 MeV, m_S = 10 and 100 MeV,
/// y_χ = 1e-3, 1e-4, 1e-5, from T_QCD = 200 MeV with equilibrium initial conditions and every rate from the kernel
/// (<see cref="KernelCosmology.Seed001Model"/>). The figure job, the <c>boltzmann</c> command and the benchmark solve
/// these same points. Masses in MeV.
/// </summary>
public static class Seed001Boltzmann
{
    /// <summary>m_χ of the six points, MeV.</summary>
    public const double ChiMass = 3.0;
    /// <summary>The start temperature T_QCD, MeV.</summary>
    public const double StartTemperature = 200.0;
    /// <summary>m_S of the points, MeV (outer order).</summary>
    public static IReadOnlyList<double> MediatorMasses { get; } = [10.0, 100.0];
    /// <summary>y_χ of the points (inner order).</summary>
    public static IReadOnlyList<double> Couplings { get; } = [1e-3, 1e-4, 1e-5];

    /// <summary>The six (m_S, y_χ) points in the order of <see cref="Solve"/>'s results: m_S outer, y_χ inner.</summary>
    public static IReadOnlyList<(double Ms, double Y)> Points { get; } =
        MediatorMasses.SelectMany(ms => Couplings.Select(y => (ms, y))).ToArray();

    /// <summary>The model of one point with the kernel's rates.</summary>
    public static TwoSpeciesModel Model(double mediatorMass, double coupling) =>
        KernelCosmology.Seed001Model(ChiMass, mediatorMass, coupling, StartTemperature);

    /// <summary>The six solves, in parallel, in the order of <see cref="Points"/>.</summary>
    public static TwoSpeciesResult[] Solve(CancellationToken ct)
    {
        var points = Points;
        var results = new TwoSpeciesResult[points.Count];
        Parallel.For(0, points.Count, new ParallelOptions { CancellationToken = ct }, i =>
            results[i] = new TwoSpeciesSolver(new TwoSpeciesOptions { StartTemperature = StartTemperature, CancellationToken = ct })
                .Solve(Model(points[i].Ms, points[i].Y)));
        return results;
    }
}
