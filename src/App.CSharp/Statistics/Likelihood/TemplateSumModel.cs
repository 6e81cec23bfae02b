namespace NuDM.App.Statistics.Likelihood;

/// <summary>
/// A binned model that is a sum of fixed templates, each scaled by the product of some normalisation parameters:
/// μ_i = Σ_c (Π_{k ∈ c} v_k) T_ci. Enough for an energy-only experiment (signal × strength × flux + backgrounds ×
/// their normalisations).
/// </summary>
public sealed class TemplateSumModel : IBinnedModel
{
    private readonly double[][] templates;
    private readonly int[][] scales;
    private readonly double[] observed;

    /// <summary>Creates the model; each component names the parameters (from <paramref name="parameters"/>) that scale it.</summary>
    public TemplateSumModel(string name, IReadOnlyList<double> observed, IReadOnlyList<FitParameter> parameters,
        IReadOnlyList<(string Name, IReadOnlyList<double> Counts, IReadOnlyList<string> ScaledBy)> components)
    {
        Name = name;
        this.observed = observed.ToArray();
        foreach (var n in this.observed) if (!(double.IsFinite(n) && n >= 0)) throw new ArgumentException($"{name}: observed counts must be finite and ≥ 0, got {n}", nameof(observed));
        Parameters = parameters.ToArray();
        var names = Parameters.Select(p => p.Name).ToList();
        templates = components.Select(c => c.Counts.Count == this.observed.Length ? c.Counts.ToArray()
            : throw new ArgumentException($"{name}: component {c.Name} has {c.Counts.Count} bins, the data {this.observed.Length}")).ToArray();
        scales = components.Select(c => c.ScaledBy.Select(s => names.IndexOf(s) is var i and >= 0 ? i
            : throw new ArgumentException($"{name}: component {c.Name} is scaled by unknown parameter '{s}'")).ToArray()).ToArray();
        ComponentNames = components.Select(c => c.Name).ToArray();
    }

    /// <inheritdoc/>
    public string Name { get; }
    /// <inheritdoc/>
    public IReadOnlyList<double> Observed => observed;
    /// <inheritdoc/>
    public IReadOnlyList<FitParameter> Parameters { get; }
    /// <summary>Component names.</summary>
    public IReadOnlyList<string> ComponentNames { get; }

    /// <summary>The summed counts of one component at the given values.</summary>
    public double ComponentCount(int component, ReadOnlySpan<double> values)
    {
        double f = 1;
        foreach (int k in scales[component]) f *= values[k];
        return f * templates[component].Sum();
    }

    /// <inheritdoc/>
    public void Expected(ReadOnlySpan<double> values, Span<double> expected)
    {
        expected[..observed.Length].Clear();
        for (int c = 0; c < templates.Length; c++)
        {
            double f = 1;
            foreach (int k in scales[c]) f *= values[k];
            var tc = templates[c];
            for (int i = 0; i < tc.Length; i++) expected[i] += f * tc[i];
        }
    }
}
