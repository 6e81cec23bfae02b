namespace NuDM.App.Statistics.Likelihood;

/// <summary>
/// One experiment's binned model: observed counts n_i on a grid (flattened; e.g. PE × arrival time), its named
/// parameters, and the expected counts μ_i(values) for parameter values in <see cref="Parameters"/>' order. An
/// implementation keeps its templates precomputed, so <see cref="Expected"/> only combines them (no allocation); it
/// holds scratch space, so one instance serves one thread.
/// </summary>
public interface IBinnedModel
{
    /// <summary>Name (the experiment id).</summary>
    string Name { get; }

    /// <summary>Observed counts per bin (non-negative; Asimov data may be non-integer).</summary>
    IReadOnlyList<double> Observed { get; }

    /// <summary>The parameters the expected counts depend on.</summary>
    IReadOnlyList<FitParameter> Parameters { get; }

    /// <summary>Writes μ_i for the given parameter values (in <see cref="Parameters"/>' order) into <paramref name="expected"/>.</summary>
    void Expected(ReadOnlySpan<double> values, Span<double> expected);
}
