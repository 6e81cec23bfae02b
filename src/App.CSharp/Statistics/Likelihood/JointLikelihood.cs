namespace NuDM.App.Statistics.Likelihood;

/// <summary>
/// A sum of experiment likelihoods sharing parameters by name:
/// <code>
/// −2 ln L(v) = Σ_experiments 2 Σ_i [μ_i − n_i + n_i ln(n_i/μ_i)] + Σ_parameters pull_k(v_k),
/// </code>
/// each parameter counted once however many experiments use it (a shared nuisance such as "sns_flux" is one parameter
/// with one prior, so the experiments are correlated through it). Experiments that name the same parameter must declare
/// it identically (role, nominal, bounds, prior). Holds scratch buffers: one instance per thread.
/// </summary>
public sealed class JointLikelihood
{
    private readonly IBinnedModel[] models;
    private readonly int[][] map;       // model m, its parameter k → index in Parameters
    private readonly double[][] local;  // model m: its parameter values
    private readonly double[][] mu;     // model m: expected counts
    private readonly double[][] observed;

    /// <summary>Builds the joint likelihood of one or more models.</summary>
    public JointLikelihood(IReadOnlyList<IBinnedModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0) throw new ArgumentException("a likelihood needs at least one experiment", nameof(models));
        this.models = models.ToArray();
        var parameters = new List<FitParameter>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        map = new int[this.models.Length][];
        for (int m = 0; m < this.models.Length; m++)
        {
            var ps = this.models[m].Parameters;
            map[m] = new int[ps.Count];
            for (int k = 0; k < ps.Count; k++)
            {
                var p = ps[k];
                if (index.TryGetValue(p.Name, out int at))
                {
                    if (!parameters[at].SameDeclaration(p))
                        throw new ArgumentException($"parameter '{p.Name}' is declared differently by {this.models[m].Name} and an earlier experiment: a shared parameter needs one role, nominal value, range and prior");
                    if (map[m].Take(k).Contains(at)) throw new ArgumentException($"{this.models[m].Name} names parameter '{p.Name}' twice");
                }
                else
                {
                    at = parameters.Count;
                    index[p.Name] = at;
                    parameters.Add(p);
                }
                map[m][k] = at;
            }
        }
        Parameters = parameters;
        indexOf = index;
        local = this.models.Select(x => new double[x.Parameters.Count]).ToArray();
        mu = this.models.Select(x => new double[x.Observed.Count]).ToArray();
        observed = this.models.Select(x => x.Observed.ToArray()).ToArray();
        BinCount = observed.Sum(o => o.Length);
    }

    private readonly Dictionary<string, int> indexOf;

    /// <summary>The union of the experiments' parameters (each name once), in order of first appearance.</summary>
    public IReadOnlyList<FitParameter> Parameters { get; }

    /// <summary>The experiments.</summary>
    public IReadOnlyList<IBinnedModel> Models => models;

    /// <summary>Total number of bins.</summary>
    public int BinCount { get; }

    /// <summary>Index of a parameter by name; throws naming the known ones.</summary>
    public int IndexOf(string name) =>
        indexOf.TryGetValue(name, out int i) ? i : throw new ArgumentException($"no parameter '{name}'; the parameters are {string.Join(", ", Parameters.Select(p => p.Name))}", nameof(name));

    /// <summary>The nominal values of all parameters.</summary>
    public double[] Nominal() => Parameters.Select(p => p.Nominal).ToArray();

    /// <summary>−2 ln L at the given values (Parameters' order): the Poisson deviances plus every pull (no allocation).</summary>
    public double Evaluate(ReadOnlySpan<double> values)
    {
        if (values.Length != Parameters.Count) throw new ArgumentException($"{Parameters.Count} parameter values are needed, got {values.Length}");
        double s = 0;
        for (int k = 0; k < values.Length; k++) s += Parameters[k].Pull(values[k]);
        for (int m = 0; m < models.Length; m++) s += Deviance(m, values);
        return s;
    }

    /// <summary>The Poisson deviance of one experiment (without pulls) at the given joint values.</summary>
    public double Deviance(int model, ReadOnlySpan<double> values)
    {
        var l = local[model];
        var ix = map[model];
        for (int k = 0; k < l.Length; k++) l[k] = values[ix[k]];
        models[model].Expected(l, mu[model]);
        return PoissonDeviance.Of(observed[model], mu[model]);
    }

    /// <summary>The expected counts of one experiment at the given joint values (a new array).</summary>
    public double[] Expected(int model, ReadOnlySpan<double> values)
    {
        Deviance(model, values);
        return mu[model].ToArray();
    }

    /// <summary>The sum of the pulls at the given values.</summary>
    public double Pulls(ReadOnlySpan<double> values)
    {
        double s = 0;
        for (int k = 0; k < values.Length; k++) s += Parameters[k].Pull(values[k]);
        return s;
    }
}
