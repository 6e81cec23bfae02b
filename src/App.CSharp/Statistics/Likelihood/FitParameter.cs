namespace NuDM.App.Statistics.Likelihood;

/// <summary>The prior of a fit parameter.</summary>
public enum PriorKind
{
    /// <summary>Flat between the bounds: no pull term.</summary>
    Flat,
    /// <summary>Gaussian around the nominal value with the prior width: pull ((v − nominal)/width)² in −2 ln L.</summary>
    Gaussian,
}

/// <summary>What a parameter does to the expected counts (how a model uses it and how the profiler treats it).</summary>
public enum FitRole
{
    /// <summary>A parameter of interest (a signal strength, a coupling): no prior, reported with its profile interval.</summary>
    Interest,
    /// <summary>A normalisation: the expected counts are linear in it (a scale factor, nominal 1).</summary>
    Normalisation,
    /// <summary>A shape nuisance α: vertical interpolation between the −1σ, nominal and +1σ templates (nominal 0, width 1).</summary>
    Shape,
    /// <summary>A shift of templates along an axis (e.g. a timing offset in μs), smooth in the parameter.</summary>
    Shift,
}

/// <summary>
/// A named parameter of a binned likelihood: its role, nominal value, allowed range (the profiler's bounds), prior and
/// the source of the prior. Parameters are identified by <see cref="Name"/>: a joint likelihood shares a parameter
/// between the experiments that name it (e.g. "sns_flux" in every SNS experiment), and requires that they declare it
/// identically.
/// </summary>
public sealed record FitParameter
{
    /// <summary>Creates a parameter; every number is checked.</summary>
    public FitParameter(string name, FitRole role, double nominal, double lower, double upper, PriorKind prior, double priorWidth, string source,
        double? scale = null)
    {
        if (scale is { } sc && !(double.IsFinite(sc) && sc > 0)) throw new ArgumentOutOfRangeException(nameof(scale), sc, $"{name}: the scale must be finite and > 0");
        explicitScale = scale;
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("a fit parameter needs a name", nameof(name));
        if (!double.IsFinite(nominal)) throw new ArgumentOutOfRangeException(nameof(nominal), nominal, $"{name}: the nominal value must be finite");
        if (!(lower <= nominal && nominal <= upper) || double.IsNaN(lower) || double.IsNaN(upper))
            throw new ArgumentOutOfRangeException(nameof(lower), $"{name}: the bounds [{lower}, {upper}] must contain the nominal value {nominal}");
        if (!(upper > lower)) throw new ArgumentOutOfRangeException(nameof(upper), $"{name}: the bounds must satisfy lower < upper, got [{lower}, {upper}]");
        if (prior == PriorKind.Gaussian && !(double.IsFinite(priorWidth) && priorWidth > 0))
            throw new ArgumentOutOfRangeException(nameof(priorWidth), priorWidth, $"{name}: a Gaussian prior needs a finite width > 0");
        Name = name;
        Role = role;
        Nominal = nominal;
        Lower = lower;
        Upper = upper;
        Prior = prior;
        PriorWidth = prior == PriorKind.Gaussian ? priorWidth : 0;
        Source = source ?? "";
    }

    /// <summary>Name (shared by name in a joint likelihood).</summary>
    public string Name { get; }
    /// <summary>Role.</summary>
    public FitRole Role { get; }
    /// <summary>Nominal value (the prior's centre; the start of a fit).</summary>
    public double Nominal { get; }
    /// <summary>Lower bound of the fit.</summary>
    public double Lower { get; }
    /// <summary>Upper bound of the fit.</summary>
    public double Upper { get; }
    /// <summary>Prior kind.</summary>
    public PriorKind Prior { get; }
    /// <summary>Width σ of a Gaussian prior (0 for a flat one).</summary>
    public double PriorWidth { get; }
    /// <summary>Where the prior comes from.</summary>
    public string Source { get; }

    /// <summary>The prior's term in −2 ln L: ((v − nominal)/σ)² for a Gaussian, 0 for a flat prior.</summary>
    public double Pull(double value)
    {
        if (Prior == PriorKind.Flat) return 0;
        double z = (value - Nominal) / PriorWidth;
        return z * z;
    }

    private readonly double? explicitScale;

    /// <summary>The optimiser's unit for this parameter: the given scale, else the prior width, else a tenth of the range (at most 1).</summary>
    public double Scale => explicitScale ?? (Prior == PriorKind.Gaussian ? PriorWidth
        : double.IsFinite(Upper - Lower) ? Math.Min(1.0, 0.1 * (Upper - Lower)) : 1.0);

    /// <summary>True when both declarations agree (role, nominal, bounds, prior): the condition for sharing by name.</summary>
    public bool SameDeclaration(FitParameter other) =>
        other is not null && other.Name == Name && other.Role == Role && other.Nominal.Equals(Nominal) && other.Lower.Equals(Lower)
        && other.Upper.Equals(Upper) && other.Prior == Prior && other.PriorWidth.Equals(PriorWidth);
}
