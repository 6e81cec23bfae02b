using NuDM.App.Statistics.Likelihood;

namespace NuDM.App.Fits;

/// <summary>
/// The expected counts of COHERENT CsI 2021 on the (PE, arrival time) grid, as a function of named parameters:
/// <code>
/// μ_ij = f Σ_g [s N^SM_gi(α) + r N^NP_gi(α)] τ_gj(δ) + b_BRN B_i β_j(δ) + b_NIN M_i ν_j(δ) + b_SS S_ij
/// </code>
/// with g the arrival groups (prompt ν_μ, delayed ν_e + ν̄_μ), N_gi the CEvNS (SM) or νN → χN (NP) counts per PE bin
/// with every shape nuisance α (efficiency, quenching) applied by <see cref="ShapeInterpolation"/> between the ±1σ
/// templates, τ_gj the fraction in time bin j (timing efficiency included) for a timing offset δ; B, M the BRN/NIN PE
/// shapes and β, ν their counts per time bin; S the anti-coincidence (steady-state) histogram. Parameters: the signal
/// strength s (SM fit) or r = (ȳ/ȳ_ref)^p (new-physics fit, SM fixed at s = 1), the flux f ("sns_flux", shared by name
/// with other SNS experiments), α's, δ and the background normalisations b (nominal 1). The time templates come from
/// <see cref="CsI2021Templates.Time"/> (tabulated in δ, cubic splines) and are cached
/// for the last δ; everything else is a sum over precomputed vectors (no allocation). One instance per thread.
/// </summary>
public sealed class CsI2021EnergyTimeModel : IBinnedModel
{
    /// <summary>Parameter names.</summary>
    public const string Strength = "cevns_events", NewPhysicsStrength = "nuchi_strength", SnsFlux = "sns_flux",
        Efficiency = "csi2021_efficiency", Quenching = "csi2021_quenching_", Brn = "csi2021_brn", Nin = "csi2021_nin",
        SteadyState = "csi2021_steady_state", TimingOffset = "csi2021_timing_offset";

    private readonly CsI2021Templates t;
    private readonly double[][][] sm;
    private readonly double[][][]? np;
    private readonly bool strengthFree;
    private readonly int nShapes, nPe, nT;
    private readonly double[][] peSm, peNp, time;
    private readonly double[] brnTime, ninTime;
    private double cachedOffset = double.NaN;
    private readonly double[] observed;

    /// <summary>
    /// The SM fit (<paramref name="newPhysicsPe"/> null: the CEvNS strength s is free) or the new-physics fit
    /// (<paramref name="newPhysicsPe"/> the νN → χN PE templates [group][variation][PE bin] at the reference coupling; s = 1
    /// and r free). <paramref name="observed"/> replaces the data (Asimov), PE-major like <see cref="CsI2021Templates.Observed"/>.
    /// </summary>
    public CsI2021EnergyTimeModel(CsI2021Templates templates, double[][][]? newPhysicsPe = null, IReadOnlyList<double>? observed = null)
    {
        t = templates ?? throw new ArgumentNullException(nameof(templates));
        sm = t.StandardModelPe;
        np = newPhysicsPe;
        strengthFree = np is null;
        nShapes = (t.Responses.Count - 1) / 2;
        nPe = t.PeBins;
        nT = t.TimeBins;
        peSm = [new double[nPe], new double[nPe]];
        peNp = [new double[nPe], new double[nPe]];
        time = [new double[nT], new double[nT]];
        brnTime = new double[nT];
        ninTime = new double[nT];
        this.observed = (observed ?? t.Observed).ToArray();
        if (this.observed.Length != nPe * nT) throw new ArgumentException($"observed counts need {nPe * nT} bins, got {this.observed.Length}", nameof(observed));
        foreach (var n in this.observed) if (!(double.IsFinite(n) && n >= 0)) throw new ArgumentException($"observed counts must be finite and ≥ 0, got {n}", nameof(observed));
        var s = t.Setup;
        const string release = "COHERENT CsI 2021 release (effCoefficients.txt / scintRespCoefficients.txt ±1σ sets)";
        Prediction = GridCount(t, sm, new double[nShapes], 0);
        var ps = new List<FitParameter>();
        if (strengthFree)
            ps.Add(new FitParameter(Strength, FitRole.Interest, Prediction, 0, 10 * Prediction, PriorKind.Flat, 0,
                "free: the CEvNS events on the grid (the signal's shape follows the nuisances, its count is this parameter)", scale: 0.05 * Prediction));
        else
        {
            ps.Add(new FitParameter(NewPhysicsStrength, FitRole.Interest, 0, 0, 1e6, PriorKind.Flat, 0, "free: (ȳ/ȳ_ref)^p", scale: 1));
            ps.Add(new FitParameter(SnsFlux, FitRole.Normalisation, 1, 0.5, 1.5, PriorKind.Gaussian, s.FluxUncertainty, "SNS neutrino flux: 10 % (issue 13; Newtrinos.jl flux_norm prior)"));
        }
        ps.Add(new FitParameter(Efficiency, FitRole.Shape, 0, -5, 5, PriorKind.Gaussian, 1, release));
        for (int q = 1; q <= nShapes - 1; q++)
            ps.Add(new FitParameter(Quenching + q, FitRole.Shape, 0, -5, 5, PriorKind.Gaussian, 1, release));
        ps.Add(new FitParameter(Brn, FitRole.Normalisation, 1, 0, 3, PriorKind.Gaussian, s.BrnUncertainty, "25 % (Newtrinos.jl prior)"));
        ps.Add(new FitParameter(Nin, FitRole.Normalisation, 1, 0, 3, PriorKind.Gaussian, s.NinUncertainty, "36 % (Newtrinos.jl prior)"));
        ps.Add(new FitParameter(SteadyState, FitRole.Normalisation, 1, 0.5, 1.5, PriorKind.Gaussian, t.SteadyStateUncertainty, "1/sqrt(N_AC), the Poisson uncertainty of the anti-coincidence sample"));
        ps.Add(new FitParameter(TimingOffset, FitRole.Shift, 0, -s.TimingOffsetRangeUs, s.TimingOffsetRangeUs, PriorKind.Gaussian, s.TimingOffsetUncertaintyUs, "100 ns within ±500 ns (Newtrinos.jl flux_onset prior), μs"));
        Parameters = ps;
    }

    /// <inheritdoc/>
    public string Name => t.Experiment.Id;
    /// <inheritdoc/>
    public IReadOnlyList<double> Observed => observed;
    /// <inheritdoc/>
    public IReadOnlyList<FitParameter> Parameters { get; }
    /// <summary>The templates.</summary>
    public CsI2021Templates Templates => t;

    /// <inheritdoc/>
    public void Expected(ReadOnlySpan<double> v, Span<double> mu)
    {
        int p = 0;
        double events = strengthFree ? v[p++] : 0.0, r = strengthFree ? 0.0 : v[p++];
        double flux = strengthFree ? 1.0 : v[p++], strength = 1.0;
        int shapeStart = p;
        p += nShapes;
        double brn = v[p++], nin = v[p++], ss = v[p++], offset = v[p++];

        if (!offset.Equals(cachedOffset))
        {
            t.Time(0, offset, time[0]);
            t.Time(1, offset, time[1]);
            t.Time(2, offset, brnTime);
            t.Time(3, offset, ninTime);
            cachedOffset = offset;
        }
        for (int g = 0; g < 2; g++)
        {
            Shaped(sm[g], v.Slice(shapeStart, nShapes), peSm[g]);
            if (np is not null) Shaped(np[g], v.Slice(shapeStart, nShapes), peNp[g]);
        }
        if (strengthFree)
        {
            // the SM fit's signal is a shape with a free count: normalise the shaped templates on the grid
            double total = 0, t0 = 0, t1 = 0;
            for (int j = 0; j < nT; j++) { t0 += time[0][j]; t1 += time[1][j]; }
            for (int i = 0; i < nPe; i++) total += peSm[0][i] * t0 + peSm[1][i] * t1;
            strength = total > 0 ? events / total : 0;
        }
        var bPe = t.BrnPe;
        var nPeShape = t.NinPe;
        var sHist = t.SteadyState;
        for (int i = 0; i < nPe; i++)
        {
            double a0 = flux * (strength * peSm[0][i] + r * (np is null ? 0 : peNp[0][i]));
            double a1 = flux * (strength * peSm[1][i] + r * (np is null ? 0 : peNp[1][i]));
            double b = brn * bPe[i], m = nin * nPeShape[i];
            int row = i * nT;
            for (int j = 0; j < nT; j++)
                mu[row + j] = a0 * time[0][j] + a1 * time[1][j] + b * brnTime[j] + m * ninTime[j] + ss * sHist[row + j];
        }
    }

    /// <summary>The SM CEvNS events on the grid at nominal nuisances (the SM prediction of this likelihood).</summary>
    public double Prediction { get; }

    /// <summary>
    /// The CEvNS (or, with <paramref name="newPhysics"/>, νN → χN) events on the grid at the given values: the fitted
    /// count in the SM fit; f r Σ_g Σ_ij N_gi τ_gj in the new-physics fit.
    /// </summary>
    public double SignalCount(ReadOnlySpan<double> values, bool newPhysics = false)
    {
        if (strengthFree) return newPhysics ? 0 : values[0];
        double r = values[0], flux = values[1];
        var shapes = values.Slice(2, nShapes);
        double offset = values[2 + nShapes + 3];
        return newPhysics ? r * flux * GridCount(t, np!, shapes, offset) : flux * GridCount(t, sm, shapes, offset);
    }

    /// <summary>Σ_g Σ_ij N_gi(α) τ_gj(δ): the events of PE templates [group][variation][PE bin] on the grid.</summary>
    public static double GridCount(CsI2021Templates templates, double[][][] pe, ReadOnlySpan<double> alphas, double offset)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var shaped = new double[templates.PeBins];
        var tf = new double[templates.TimeBins];
        double total = 0;
        for (int g = 0; g < pe.Length; g++)
        {
            templates.Time(g, offset, tf);
            Shaped(pe[g], alphas, shaped);
            total += shaped.Sum() * tf.Sum();
        }
        return total;
    }

    /// <summary>Nominal template plus the interpolated shift of every shape nuisance.</summary>
    private static void Shaped(double[][] templates, ReadOnlySpan<double> alphas, double[] result)
    {
        var nominal = templates[0];
        for (int i = 0; i < result.Length; i++)
        {
            double x = nominal[i];
            for (int k = 0; k < alphas.Length; k++)
            {
                double a = alphas[k];
                if (a != 0) x += ShapeInterpolation.Delta(a, templates[2 + 2 * k][i], nominal[i], templates[1 + 2 * k][i]);
            }
            result[i] = x;
        }
    }
}
