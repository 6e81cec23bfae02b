using MathNet.Numerics.Distributions;
using MathNet.Numerics.Integration;
using NuDM.App.Cevns;
using NuDM.App.Experiments;
using NuDM.App.Rates;
using NuDM.App.Statistics.Likelihood;
using NuDM.Physics;

namespace NuDM.App.Fits;

/// <summary>
/// Kernel-computed CEvNS (and νN → χN) templates of COHERENT CENNS-10 analysis A on the release's energy × F90 × time
/// grid (<see cref="LAr2020Release"/>), for the SNS-flux fit and for limits:
/// <code>
/// T_ijk = Σ_g N_gi · P(F90_j | E_i) · τ_gk
/// </code>
/// <list type="bullet">
/// <item>N_gi: events of arrival group g (prompt ν_μ; delayed ν_e + ν̄_μ) in reconstructed-energy bin i: the kernel's
/// counts per true-recoil bin (seed 001 eqs. 2.26–2.28, argon, the sheet's 24.4 kg, 13.8e22 POT, 0.09 ν/flavour/POT,
/// 27.5 m) folded with E_ee = QF(T) T, QF = a + bT (sheet: a = 0.246, b = 0.00078/keVnr), a Gaussian resolution
/// σ² = (0.58)² E_ee keVee (sheet: σ/E = 0.58/√E) and the release efficiency table at the reconstructed energy;</item>
/// <item>P(F90_j | E_i): the F90 distribution of nuclear recoils at that energy, taken from the release's CEvNS PDF
/// (its ±1σ F90 files give the F90 shape nuisance); where the release PDF is empty (E ≥ 55 keVee) its overall F90
/// marginal;</item>
/// <item>τ_gk: the fraction of group g's events in time bin k: the sheet's POT trace (Gaussian, mean 440 ns, width
/// 150 ns) convolved with the pion lifetime (prompt) or the pion and muon lifetimes (delayed); the timing-mean nuisance
/// moves the trace mean by the sheet's ±200 ns.</item>
/// </list>
/// Factorisation assumption: given the arrival group, the arrival time is independent of energy and F90 (true for
/// neutrino-induced recoils: the time is set by the parent's decay, not by the scattering), and the F90 of a recoil depends
/// on its energy only through the release's conditional distribution (the same for CEvNS and νN → χN recoils, both
/// nuclear recoils). The F90 window (0.5–0.9) and every cut other than the energy efficiency are taken as inside the
/// release efficiency (P(F90 | E) sums to 1).
/// </summary>
public sealed class LAr2020Templates : IArrivalGroupRates
{
    private const int EnergyNodes = 16, EnergySubBins = 8, TimeNodes = 32;

    private readonly double[] response; // [recoil bin × energy bins + energy bin], nominal QF
    private readonly double[][] f90Given; // [variation 0 nominal, 1 up, 2 down][i × F90Bins + j]

    /// <summary>Builds the templates (the SM ones at once; νN → χN ones on request).</summary>
    public LAr2020Templates(LAr2020Release release, FormFactorModel? formFactor = null, RateOptions? options = null)
    {
        Release = release ?? throw new ArgumentNullException(nameof(release));
        var x = release.Experiment;
        var edges = x.RecoilEdges ?? throw new ArgumentException($"{x.Id} has no energy_time section: no true-recoil grid for the kernel templates", nameof(release));
        FormFactor = formFactor ?? KernelPhysics.DefaultFormFactor(x);
        Options = options ?? RateOptions.Default;
        QfA = release.Sheet("larQF.a");
        QfB = release.Sheet("larQF.b") * 1e3; // numerics: (keVnr)⁻¹ → MeV⁻¹
        ResolutionA = release.Sheet("energyResolution.a");
        PulseMeanUs = release.Sheet("snsPOTTraceTiming.a") * 1e-3; // numerics: ns → μs
        PulseMeanUncertaintyUs = release.Sheet("snsPOTTraceTiming.a.uncertainty") * 1e-3; // numerics: ns → μs
        PulseSigmaUs = release.Sheet("snsPOTTraceTiming.b") * 1e-3; // numerics: ns → μs
        RecoilEdges = edges;
        FineSetup = new DetectorSetup(edges, x.Nuclei, x.Source.ExposureSeconds);
        var flux = KernelPhysics.Flux(x);
        KernelPhysics.CheckAntineutrinosScatterAlike(flux);
        Flux = flux;
        response = Response(QfA, QfB);
        f90Given = [Conditional(release.Cevns), Conditional(release.CevnsF90Up), Conditional(release.CevnsF90Down)];
        PromptTime = TimeFractions(ArrivalGroup.Prompt, PulseMeanUs);
        DelayedTime = TimeFractions(ArrivalGroup.Delayed, PulseMeanUs);
        var sm = KernelPhysics.StandardModel(FormFactor);
        StandardModelRecoil = [RecoilCounts(ArrivalGroup.Prompt, sm, null), RecoilCounts(ArrivalGroup.Delayed, sm, null)];
        StandardModel = Template(StandardModelRecoil);
    }

    /// <summary>The release (grid, F90 distributions, sheet).</summary>
    public LAr2020Release Release { get; }
    /// <summary>Nuclear form factor of the rates.</summary>
    public FormFactorModel FormFactor { get; }
    /// <summary>Rate-integration options.</summary>
    public RateOptions Options { get; }
    /// <summary>The π DAR flux at the detector.</summary>
    public FluxSet Flux { get; }
    /// <summary>True-recoil bin edges (MeV).</summary>
    public IReadOnlyList<double> RecoilEdges { get; }
    /// <summary>True-recoil bins, nuclei and exposure (no efficiency: it acts on the reconstructed energy).</summary>
    public DetectorSetup FineSetup { get; }
    /// <summary>Quenching QF = a + b T: a (dimensionless), b (MeV⁻¹).</summary>
    public double QfA { get; }
    /// <inheritdoc cref="QfA"/>
    public double QfB { get; }
    /// <summary>Resolution σ/E = a/√(E/keVee): a.</summary>
    public double ResolutionA { get; }
    /// <summary>POT trace: mean, its uncertainty and Gaussian width (μs).</summary>
    public double PulseMeanUs { get; }
    /// <inheritdoc cref="PulseMeanUs"/>
    public double PulseMeanUncertaintyUs { get; }
    /// <inheritdoc cref="PulseMeanUs"/>
    public double PulseSigmaUs { get; }
    /// <summary>Fractions of the prompt / delayed events per time bin at the nominal trace mean.</summary>
    public double[] PromptTime { get; }
    /// <inheritdoc cref="PromptTime"/>
    public double[] DelayedTime { get; }
    /// <summary>SM CEvNS counts per true-recoil bin, [group][recoil bin].</summary>
    public double[][] StandardModelRecoil { get; }
    /// <summary>The SM CEvNS template with its F90 and timing-mean nuisances.</summary>
    public InterpolatedTemplate StandardModel { get; }

    /// <summary>The flux of one arrival group (prompt: ν_μ; delayed: ν_e and ν̄_μ).</summary>
    public FluxSet GroupFlux(ArrivalGroup group) => ArrivalGroups.FluxOf(Flux, group);

    /// <summary>
    /// Counts per true-recoil bin of a process for one arrival group (seed 001 eqs. 2.26–2.28, no efficiency), with
    /// <paramref name="crossSection"/> (default: the process's own) evaluated on its rate plan.
    /// </summary>
    public double[] RecoilCounts(ArrivalGroup group, ScatteringProcess process, DifferentialCrossSection? crossSection,
        IReadOnlyList<DifferentialCrossSection>? references = null)
        => ArrivalGroups.RecoilCounts(this, group, process, crossSection, references);

    /// <summary>Events per reconstructed-energy bin of recoil counts [recoil bin], with the efficiency, for a QF (a, b in MeV⁻¹).</summary>
    public double[] EnergyCounts(IReadOnlyList<double> recoilCounts, double? qfA = null, double? qfB = null)
    {
        var r = qfA is null && qfB is null ? response : Response(qfA ?? QfA, qfB ?? QfB);
        int nE = LAr2020Release.EnergyBins, nR = RecoilEdges.Count - 1;
        var e = new double[nE];
        for (int k = 0; k < nR; k++)
        {
            double n = recoilCounts[k];
            if (n == 0) continue;
            for (int i = 0; i < nE; i++) e[i] += n * r[k * nE + i];
        }
        return e;
    }

    /// <summary>
    /// The template T_ijk (events per cell) of recoil counts [group][recoil bin], with two shape nuisances: the F90
    /// distribution (the release's ±1σ F90 files) and the POT-trace mean (±<see cref="PulseMeanUncertaintyUs"/>).
    /// </summary>
    public InterpolatedTemplate Template(double[][] recoilCounts)
    {
        ArgumentNullException.ThrowIfNull(recoilCounts);
        if (recoilCounts.Length != 2) throw new ArgumentException("recoil counts of the two arrival groups (prompt, delayed) are needed", nameof(recoilCounts));
        var energy = recoilCounts.Select(r => EnergyCounts(r)).ToArray();
        var late = new[] { TimeFractions(ArrivalGroup.Prompt, PulseMeanUs + PulseMeanUncertaintyUs), TimeFractions(ArrivalGroup.Delayed, PulseMeanUs + PulseMeanUncertaintyUs) };
        var early = new[] { TimeFractions(ArrivalGroup.Prompt, PulseMeanUs - PulseMeanUncertaintyUs), TimeFractions(ArrivalGroup.Delayed, PulseMeanUs - PulseMeanUncertaintyUs) };
        var time = new[] { PromptTime, DelayedTime };
        return new InterpolatedTemplate(Cells(energy, f90Given[0], time),
        [
            (Cells(energy, f90Given[1], time), Cells(energy, f90Given[2], time)),
            (Cells(energy, f90Given[0], late), Cells(energy, f90Given[0], early)),
        ]);
    }

    /// <summary>Σ_g N_gi P(F90_j | E_i) τ_gk.</summary>
    private static double[] Cells(double[][] energy, double[] f90, double[][] time)
    {
        var t = new double[LAr2020Release.Cells];
        for (int g = 0; g < energy.Length; g++)
            for (int i = 0; i < LAr2020Release.EnergyBins; i++)
                for (int j = 0; j < LAr2020Release.F90Bins; j++)
                {
                    double a = energy[g][i] * f90[i * LAr2020Release.F90Bins + j];
                    if (a == 0) continue;
                    for (int k = 0; k < LAr2020Release.TimeBins; k++) t[LAr2020Release.Cell(i, j, k)] += a * time[g][k];
                }
        return t;
    }

    /// <summary>P(F90_j | E_i) from a release PDF: its F90 distribution in each energy bin, the overall one where the bin is empty.</summary>
    private static double[] Conditional(double[] pdf)
    {
        int nE = LAr2020Release.EnergyBins, nF = LAr2020Release.F90Bins, nT = LAr2020Release.TimeBins;
        var p = new double[nE * nF];
        var overall = new double[nF];
        for (int i = 0; i < nE; i++)
            for (int j = 0; j < nF; j++)
                for (int k = 0; k < nT; k++) { p[i * nF + j] += pdf[LAr2020Release.Cell(i, j, k)]; overall[j] += pdf[LAr2020Release.Cell(i, j, k)]; }
        double total = overall.Sum();
        for (int i = 0; i < nE; i++)
        {
            double s = 0;
            for (int j = 0; j < nF; j++) s += p[i * nF + j];
            for (int j = 0; j < nF; j++) p[i * nF + j] = s > 0 ? p[i * nF + j] / s : overall[j] / total;
        }
        return p;
    }

    /// <summary>
    /// Fraction of an arrival group's events in each time bin (bins of the release's width around its centres) for a POT
    /// trace of mean <paramref name="meanUs"/>: ∫_bin f_g(t) dt, f_g the trace ⊗ decay density (normalised over all t).
    /// </summary>
    public double[] TimeFractions(ArrivalGroup group, double meanUs)
    {
        var x = Release.Experiment;
        double w = Release.TimeWidthUs, sigma = PulseSigmaUs, tp = x.PionLifetimeUs, tm = x.MuonLifetimeUs;
        var f = new double[LAr2020Release.TimeBins];
        for (int k = 0; k < f.Length; k++)
        {
            double c = Release.TimeCentresUs[k];
            var rule = new GaussLegendreRule(c - 0.5 * w, c + 0.5 * w, TimeNodes);
            double s = 0;
            for (int n = 0; n < rule.Abscissas.Length; n++)
            {
                double t = rule.Abscissas[n];
                s += rule.Weights[n] * (group == ArrivalGroup.Prompt
                    ? Distributions.ExponentiallyModifiedGaussian(t, meanUs, sigma, tp)
                    : Distributions.GaussianPlusTwoExponentials(t, meanUs, sigma, tp, tm));
            }
            f[k] = s;
        }
        return f;
    }

    /// <summary>
    /// R_ki: the probability that a recoil in true bin k (at its centre) is reconstructed in energy bin i and passes the
    /// efficiency: ∫_{bin i} ε(x) N(x; E_ee, σ² = a² E_ee) dx, E_ee = (qfA + qfB T) T.
    /// </summary>
    private double[] Response(double qfA, double qfB)
    {
        var x = Release.Experiment;
        int nE = LAr2020Release.EnergyBins, nR = RecoilEdges.Count - 1;
        double width = Release.EnergyWidthKeVee, lo0 = Release.EnergyCentresKeVee[0] - 0.5 * width;
        // nodes of every energy bin (sub-bins so that the piecewise-linear efficiency table is integrated closely)
        var nodes = new List<(int Bin, double X, double W, double Eff)>();
        for (int i = 0; i < nE; i++)
            for (int s = 0; s < EnergySubBins; s++)
            {
                double a = lo0 + i * width + s * width / EnergySubBins, b = a + width / EnergySubBins;
                var rule = new GaussLegendreRule(a, b, EnergyNodes);
                for (int n = 0; n < rule.Abscissas.Length; n++)
                    nodes.Add((i, rule.Abscissas[n], rule.Weights[n], x.SignalEfficiency * x.Acceptance.Evaluate(rule.Abscissas[n])));
            }
        var r = new double[nR * nE];
        for (int k = 0; k < nR; k++)
        {
            double t = 0.5 * (RecoilEdges[k] + RecoilEdges[k + 1]);   // MeV
            double eee = (qfA + qfB * t) * t * 1e3;                    // numerics: keVee (QF from the sheet, E_ee = QF T)
            if (!(eee > 0)) continue;
            double sd = ResolutionA * Math.Sqrt(eee); // numerics: the standard deviation of the sheet's resolution, σ = a√E (keVee)
            foreach (var (bin, xe, w, eff) in nodes)
                if (eff > 0 && Math.Abs(xe - eee) < 10 * sd) r[k * nE + bin] += w * eff * Normal.PDF(eee, sd, xe);
        }
        return r;
    }
}

/// <summary>
/// A template (expected events per bin) with shape nuisances interpolated vertically by <see cref="ShapeInterpolation"/>:
/// T_i(α) = T⁰_i + Σ_k Δ(α_k; down_ki, T⁰_i, up_ki). Δ is linear in δ⁺ = up − nominal and δ⁻ = nominal − down
/// (Δ = c⁺(α) δ⁺ + c⁻(α) δ⁻), so each evaluation computes the two coefficients of each nuisance once from
/// <see cref="ShapeInterpolation.Delta"/> itself and adds the precomputed differences (no allocation).
/// </summary>
public sealed class InterpolatedTemplate
{
    private readonly double[] nominal;
    private readonly double[][] up, down; // δ⁺, δ⁻ per nuisance
    private readonly double[] upSum, downSum;

    /// <summary>Creates the template from the nominal and the (+1σ, −1σ) variants of each nuisance.</summary>
    public InterpolatedTemplate(double[] nominal, IReadOnlyList<(double[] Up, double[] Down)> variations)
    {
        ArgumentNullException.ThrowIfNull(nominal);
        ArgumentNullException.ThrowIfNull(variations);
        this.nominal = nominal.ToArray();
        foreach (var v in this.nominal) if (!(double.IsFinite(v) && v >= 0)) throw new ArgumentException($"template contents must be finite and ≥ 0, got {v}", nameof(nominal));
        foreach (var (u, d) in variations)
            if (u.Length != nominal.Length || d.Length != nominal.Length) throw new ArgumentException($"every variant needs {nominal.Length} bins", nameof(variations));
        up = variations.Select(v => v.Up.Select((x, i) => x - nominal[i]).ToArray()).ToArray();
        down = variations.Select(v => v.Down.Select((x, i) => nominal[i] - x).ToArray()).ToArray();
        upSum = up.Select(a => a.Sum()).ToArray();
        downSum = down.Select(a => a.Sum()).ToArray();
        NominalSum = this.nominal.Sum();
    }

    private InterpolatedTemplate(InterpolatedTemplate t, double factor)
    {
        nominal = t.nominal.Select(x => factor * x).ToArray();
        up = t.up.Select(a => a.Select(x => factor * x).ToArray()).ToArray();
        down = t.down.Select(a => a.Select(x => factor * x).ToArray()).ToArray();
        upSum = t.upSum.Select(x => factor * x).ToArray();
        downSum = t.downSum.Select(x => factor * x).ToArray();
        NominalSum = factor * t.NominalSum;
    }

    /// <summary>The template × <paramref name="factor"/> (finite, ≥ 0): every bin of the nominal and of each variant scaled.</summary>
    public InterpolatedTemplate Scaled(double factor) =>
        double.IsFinite(factor) && factor >= 0 ? new InterpolatedTemplate(this, factor) : throw new ArgumentOutOfRangeException(nameof(factor), factor, "a scale factor must be finite and ≥ 0");

    /// <summary>A one-sided variant (one file) taken as +1σ, mirrored about the nominal for −1σ: down = 2 nominal − up.</summary>
    public static (double[] Up, double[] Down) Mirrored(double[] nominal, double[] up) => (up, nominal.Select((x, i) => 2 * x - up[i]).ToArray());

    /// <summary>Bins.</summary>
    public int Bins => nominal.Length;
    /// <summary>Shape nuisances.</summary>
    public int Nuisances => up.Length;
    /// <summary>Σ_i T⁰_i.</summary>
    public double NominalSum { get; }
    /// <summary>The nominal contents.</summary>
    public IReadOnlyList<double> Nominal => nominal;

    /// <summary>Σ_i T_i(α).</summary>
    public double Sum(ReadOnlySpan<double> alphas)
    {
        double s = NominalSum;
        for (int k = 0; k < up.Length; k++)
        {
            double a = alphas[k];
            if (a != 0) s += ShapeInterpolation.Delta(a, 0, 0, 1) * upSum[k] + ShapeInterpolation.Delta(a, -1, 0, 0) * downSum[k];
        }
        return s;
    }

    /// <summary>Adds factor × T(α) to <paramref name="mu"/>.</summary>
    public void AddTo(ReadOnlySpan<double> alphas, double factor, Span<double> mu)
    {
        if (factor == 0) return;
        var n = nominal;
        for (int i = 0; i < n.Length; i++) mu[i] += factor * n[i];
        for (int k = 0; k < up.Length; k++)
        {
            double a = alphas[k];
            if (a == 0) continue;
            double cu = factor * ShapeInterpolation.Delta(a, 0, 0, 1), cd = factor * ShapeInterpolation.Delta(a, -1, 0, 0);
            var u = up[k];
            var d = down[k];
            for (int i = 0; i < n.Length; i++) mu[i] += cu * u[i] + cd * d[i];
        }
    }

    /// <summary>T(α) as a new array.</summary>
    public double[] At(ReadOnlySpan<double> alphas)
    {
        var t = new double[nominal.Length];
        AddTo(alphas, 1, t);
        return t;
    }
}
