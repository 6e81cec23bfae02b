using NuDM.Physics;

namespace NuDM.App.Rates;

/// <summary>
/// A precomputed quadrature for the binned event counts of one process (its kinematics) on one detector and flux:
/// seed 001 eqs. (2.26)–(2.28),
/// <code>
/// N_i = Δt Σ_nuclei N_nuc ∫_{T_i}^{T_i+1} dT ε(T) ∫ dE φ(E) dσ/dT(T, E) Θ(T_min(E) &lt; T &lt; T_max(E)),
/// </code>
/// summed over the flux's flavour components, reduced to N_i = Σ_p w_p · dσ/dT(T_p, E_p, nucleus_p). The weights hold
/// Δt, N_nuc, ε, φ, the quadrature weights and the unit conversion (ħc)², so evaluating a cross section (MeV⁻³) costs one
/// delegate call per point and gives counts directly.
/// <para>
/// <b>Scheme.</b> The continuous flux is integrated with T outer and E inner: for each recoil T the allowed energies are
/// one interval [E_min(T), E_max] (exact kinematics, <see cref="KinematicRegion"/>), so the region is integrated exactly
/// rather than with a Θ on a grid. Outer panels are cut at the bin edges, the acceptance breakpoints, the kinematic end
/// points T_min/T_max(E_b) of every flux breakpoint E_b (support ends, kinks) and the threshold recoil; inner panels
/// at the flux kinks. Lines (e.g. the 29.8 MeV ν_μ) are integrated exactly: weight × ∫ dT ε σ(T, E₀) over
/// [T_min(E₀), T_max(E₀)] ∩ bin. Both directions use adaptive Gauss–Legendre panels (<see cref="RateOptions"/>).
/// </para>
/// <para>
/// <b>Reuse.</b> The nodes are adapted to the reference cross sections given at build time (default: the process's own).
/// A plan may be re-evaluated with any cross section sharing the process's kinematics (other couplings, other mediator
/// mass); for cross sections of very different shape pass them (or the extremes) as references.
/// </para>
/// </summary>
public sealed class RatePlan
{
    private readonly Isotope[] nuclei;
    private readonly int binCount;
    private readonly double[] t, e, w;
    private readonly int[] segmentStart; // segment s = bin * nuclei + k → points [segmentStart[s], segmentStart[s+1])
    private readonly RateOptions options;

    private RatePlan(Isotope[] nuclei, int binCount, double[] t, double[] e, double[] w, int[] segmentStart, double[] referenceCounts,
        RateOptions options, string processName)
    {
        this.nuclei = nuclei;
        this.binCount = binCount;
        this.t = t;
        this.e = e;
        this.w = w;
        this.segmentStart = segmentStart;
        this.options = options;
        ReferenceCounts = referenceCounts;
        ProcessName = processName;
    }

    /// <summary>Number of bins.</summary>
    public int BinCount => binCount;

    /// <summary>Number of quadrature points (cross-section evaluations per spectrum).</summary>
    public int PointCount => t.Length;

    /// <summary>Name of the process the plan was built for.</summary>
    public string ProcessName { get; }

    /// <summary>True when the process is kinematically closed for every nucleus, bin and flux component (all counts are 0).</summary>
    public bool IsEmpty => t.Length == 0;

    /// <summary>
    /// Counts per bin of the first reference cross section, as computed while building (the same rule as
    /// <see cref="Evaluate(DifferentialCrossSection)"/>).
    /// </summary>
    public IReadOnlyList<double> ReferenceCounts { get; }

    /// <summary>The quadrature points of one bin: recoil T (MeV), energy E (MeV), weight and nucleus.</summary>
    public IEnumerable<(double T, double E, double Weight, Isotope Nucleus)> Points(int bin)
    {
        if (bin < 0 || bin >= binCount) throw new ArgumentOutOfRangeException(nameof(bin));
        for (int k = 0; k < nuclei.Length; k++)
        {
            int s = bin * nuclei.Length + k;
            for (int p = segmentStart[s]; p < segmentStart[s + 1]; p++) yield return (t[p], e[p], w[p], nuclei[k]);
        }
    }

    /// <summary>Expected counts per bin for a cross section (MeV⁻³) with this plan's kinematics.</summary>
    public double[] Evaluate(DifferentialCrossSection crossSection)
    {
        var counts = new double[binCount];
        Evaluate(crossSection, counts);
        return counts;
    }

    /// <summary>Writes the expected counts per bin into <paramref name="counts"/> (length ≥ <see cref="BinCount"/>); no allocation when serial.</summary>
    public void Evaluate(DifferentialCrossSection crossSection, Span<double> counts)
    {
        ArgumentNullException.ThrowIfNull(crossSection);
        if (counts.Length < binCount) throw new ArgumentException($"counts needs {binCount} elements", nameof(counts));
        if (options.Parallel && t.Length >= options.ParallelEvaluationThreshold && binCount > 1)
        {
            var buffer = new double[binCount];
            Parallel.For(0, binCount, b => buffer[b] = EvaluateBin(crossSection, b));
            buffer.CopyTo(counts);
            return;
        }
        for (int b = 0; b < binCount; b++) counts[b] = EvaluateBin(crossSection, b);
    }

    private double EvaluateBin(DifferentialCrossSection sigma, int bin)
    {
        double sum = 0;
        int nn = nuclei.Length;
        for (int k = 0; k < nn; k++)
        {
            var nuc = nuclei[k];
            int s = bin * nn + k;
            int end = segmentStart[s + 1];
            for (int p = segmentStart[s]; p < end; p++) sum += w[p] * sigma(t[p], e[p], nuc);
        }
        return sum;
    }

    /// <summary>
    /// Builds the plan. <paramref name="references"/> are the cross sections the adaptive panels must resolve
    /// (default: <paramref name="process"/>'s own); each must be finite and thread-safe.
    /// </summary>
    public static RatePlan Build(DetectorSetup setup, FluxSet flux, ScatteringProcess process, RateOptions? options = null,
        IReadOnlyList<DifferentialCrossSection>? references = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(flux);
        ArgumentNullException.ThrowIfNull(process);
        options ??= RateOptions.Default;
        var refs = references is { Count: > 0 } ? references.ToArray() : [process.CrossSection];
        var builder = new PlanBuilder(setup, flux, process, options, refs);
        int nn = setup.Targets.Count, nb = setup.BinCount;
        var segments = new PlanBuilder.Segment[nb * nn];
        if (options.Parallel)
            Parallel.For(0, segments.Length, s => segments[s] = builder.BuildSegment(s / nn, s % nn));
        else
            for (int s = 0; s < segments.Length; s++) segments[s] = builder.BuildSegment(s / nn, s % nn);

        int total = segments.Sum(s => s.T.Length);
        var t = new double[total];
        var e = new double[total];
        var w = new double[total];
        var start = new int[segments.Length + 1];
        var reference = new double[nb];
        int at = 0;
        for (int s = 0; s < segments.Length; s++)
        {
            start[s] = at;
            var seg = segments[s];
            seg.T.CopyTo(t, at);
            seg.E.CopyTo(e, at);
            seg.W.CopyTo(w, at);
            at += seg.T.Length;
            reference[s / nn] += seg.Reference;
        }
        start[segments.Length] = at;
        return new RatePlan(setup.Targets.Select(x => x.Isotope).ToArray(), nb, t, e, w, start, reference, options, process.Name);
    }
}
