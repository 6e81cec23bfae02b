namespace NuDM.App.Rates;

/// <summary>
/// Accuracy and performance settings of the rate integration. Every value is checked when set.
/// </summary>
public sealed record RateOptions
{
    /// <summary>Options at their defaults.</summary>
    public static RateOptions Default { get; } = new();

    /// <summary>
    /// Relative tolerance of each adaptive integral (per bin, nucleus and flux part), in [1e-10, 0.1]. Default 1e-4.
    /// A panel is accepted when its n-point Gauss–Legendre value and the sum over its two halves differ by at most
    /// RelativeTolerance × max(|panel|, share of the whole range's integral); the n-point (coarser) nodes are recorded, so
    /// the recorded rule's error is at most about the estimated difference. Measured (tests and the report): on COHERENT
    /// CsI spectra (SM and νN → χN, DAR flux with the 29.8 MeV line) the panels cut at the kinematic and acceptance
    /// breakpoints are already converged at the first level — worst bin error 3e-9 against a 1e-10 reference, so
    /// tightening the tolerance tenfold changes nothing; a narrow resonance forces refinement and meets the tolerance
    /// with errors ≈ tolerance/20.
    /// </summary>
    public double RelativeTolerance
    {
        get;
        init => field = value is >= 1e-10 and <= 0.1 ? value : throw new ArgumentOutOfRangeException(nameof(RelativeTolerance), value, "RelativeTolerance must be in [1e-10, 0.1]");
    } = 1e-4;

    /// <summary>
    /// Gauss–Legendre points per panel, in [2, 32]. Default 4: on COHERENT spectra 4 points per panel give bin errors
    /// ≈ 3e-9 with ~800 points per 25-bin plan (6 points: 1e-13 with 1740).
    /// </summary>
    public int GaussOrder
    {
        get;
        init => field = value is >= 2 and <= 32 ? value : throw new ArgumentOutOfRangeException(nameof(GaussOrder), value, "GaussOrder must be in [2, 32]");
    } = 4;

    /// <summary>Largest number of successive bisections of a panel, in [1, 60]. Default 30.</summary>
    public int MaxDepth
    {
        get;
        init => field = value is >= 1 and <= 60 ? value : throw new ArgumentOutOfRangeException(nameof(MaxDepth), value, "MaxDepth must be in [1, 60]");
    } = 30;

    /// <summary>
    /// Largest number of Gauss–Legendre panels the integrals of one (bin, nucleus) segment may evaluate together (the
    /// outer recoil integral and every inner neutrino-energy integral it starts), in [100, 10⁷]. Default 200 000 (with
    /// 4 points per panel at most 800 000 integrand values; COHERENT and CONUS segments use tens). When it runs out,
    /// the integration stops with a QuadratureException that names the bin and nucleus: a bound on time and memory
    /// for any integrand, together with the stop on the first NaN or ±∞ value.
    /// </summary>
    public int MaxPanels
    {
        get;
        init => field = value is >= 100 and <= 10_000_000 ? value : throw new ArgumentOutOfRangeException(nameof(MaxPanels), value, "MaxPanels must be in [100, 10^7]");
    } = 200_000;

    /// <summary>Build plans and evaluate large plans in parallel over bins. Default true.</summary>
    public bool Parallel { get; init; } = true;

    /// <summary>Plans with at least this many points are evaluated in parallel over bins (when <see cref="Parallel"/>). Default 4096.</summary>
    public int ParallelEvaluationThreshold
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(ParallelEvaluationThreshold), value, "must be ≥ 0");
    } = 4096;
}
