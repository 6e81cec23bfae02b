using System.Collections.Concurrent;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Integration;
using MathNet.Numerics.Interpolation;
using NuDM.App.Cevns;
using NuDM.App.Experiments;
using NuDM.App.Rates;
using NuDM.App.Statistics.Likelihood;
using NuDM.Physics;

namespace NuDM.App.Fits;

/// <summary>The two arrival-time groups of π DAR neutrinos at the SNS.</summary>
public enum ArrivalGroup
{
    /// <summary>ν_μ from π⁺ → μ⁺ ν_μ: the beam pulse delayed by the pion lifetime.</summary>
    Prompt = 0,
    /// <summary>ν_e and ν̄_μ from μ⁺ → e⁺ ν_e ν̄_μ: the pulse delayed by the pion and then the muon lifetime.</summary>
    Delayed = 1,
}

/// <summary>The recoil-rate inputs an SNS experiment's templates share (CsI 2021, LAr 2020): the fine recoil grid, the π DAR flux, the rate options, the form factor.</summary>
public interface IArrivalGroupRates
{
    /// <summary>The detector set-up on the fine true-recoil grid.</summary>
    DetectorSetup FineSetup { get; }
    /// <summary>The π DAR flux (all flavours).</summary>
    FluxSet Flux { get; }
    /// <summary>The rate engine's options.</summary>
    RateOptions Options { get; }
    /// <summary>The nuclear form factor.</summary>
    FormFactorModel FormFactor { get; }
}

/// <summary>Recoil counts per arrival group, for any <see cref="IArrivalGroupRates"/>.</summary>
public static class ArrivalGroups
{
    /// <summary>The flux of one arrival group (prompt: ν_μ; delayed: ν_e and ν̄_μ).</summary>
    public static FluxSet FluxOf(FluxSet flux, ArrivalGroup group) => flux.Where(f => group == ArrivalGroup.Prompt
        ? f == NeutrinoFlavour.MuonNeutrino
        : f is NeutrinoFlavour.ElectronNeutrino or NeutrinoFlavour.MuonAntineutrino);

    /// <summary>
    /// Counts per true-recoil bin of a process for one arrival group (seed 001 eqs. 2.26–2.28 on the fine recoil grid,
    /// no efficiency), with <paramref name="crossSection"/> (default: the process's own) evaluated on its rate plan.
    /// </summary>
    public static double[] RecoilCounts(IArrivalGroupRates t, ArrivalGroup group, ScatteringProcess process, DifferentialCrossSection? crossSection,
        IReadOnlyList<DifferentialCrossSection>? references = null)
    {
        var plan = RatePlan.Build(t.FineSetup, FluxOf(t.Flux, group), process, t.Options, references);
        return crossSection is null ? plan.ReferenceCounts.ToArray() : plan.Evaluate(crossSection);
    }
}

/// <summary>
/// νN → χN recoil counts [group][recoil bin] of an SNS experiment for limits at (m_χ, m_S) in MeV: one rate plan per
/// m_χ and arrival group (m_S changes only the cross section), adapted to a light and a heavy mediator, built once and
/// cached; zero above the largest neutrino energy. Thread-safe.
/// </summary>
public sealed class NuChiRecoilPlans(IArrivalGroupRates t, int recoilBins)
{
    private readonly ConcurrentDictionary<double, RatePlan[]> plans = new();

    /// <summary>Counts per arrival group (prompt, delayed) and true-recoil bin.</summary>
    public double[][] Counts(double mchi, double ms)
    {
        if (mchi >= t.Flux.MaxEnergy) return [new double[recoilBins], new double[recoilBins]];
        var p = plans.GetOrAdd(mchi, m =>
        {
            var process = KernelPhysics.NuChi(m, 0, t.FormFactor);
            DifferentialCrossSection[] refs = [KernelPhysics.NuChiCrossSection(m, 0.0, t.FormFactor), KernelPhysics.NuChiCrossSection(m, 100.0, t.FormFactor)];
            return [RatePlan.Build(t.FineSetup, ArrivalGroups.FluxOf(t.Flux, ArrivalGroup.Prompt), process, t.Options, refs),
                    RatePlan.Build(t.FineSetup, ArrivalGroups.FluxOf(t.Flux, ArrivalGroup.Delayed), process, t.Options, refs)];
        });
        var sigma = KernelPhysics.NuChiCrossSection(mchi, ms, t.FormFactor);
        return [p[0].Evaluate(sigma), p[1].Evaluate(sigma)];
    }
}

/// <summary>
/// The precomputed pieces of the COHERENT CsI 2021 energy × arrival-time likelihood (PRL 129, 081801 (2022),
/// arXiv:2110.07730, and its data release), shared read-only by every <see cref="CsI2021EnergyTimeModel"/>:
/// <list type="bullet">
/// <item>the detector response in PE: for each true-recoil bin k (0.25 keVnr) and PE bin i,
/// R_ki = ∫_{PE bin i} ε(x) Γ(x; 1 + b, a(1 + b)) dx with E_ee = quenching(T_k), a = 0.0749/E_ee, b = 9.56 E_ee (E_ee in
/// keVee) — the gamma resolution of the collaboration's analysis as public codes use it — and ε the release's energy
/// efficiency, clipped to [0, 1]; one matrix for the nominal response and one for each ±1σ efficiency and quenching set;</item>
/// <item>the arrival-time PDFs: a Gaussian beam pulse (mean and width from the release's BRN time PDF, see
/// <see cref="EnergyTimeSetup"/>) plus the pion lifetime for ν_μ (prompt), plus the pion and muon lifetimes for ν_e and
/// ν̄_μ (delayed); each integrated over a time bin with the timing efficiency (1 below 0.52 μs, exp(−0.0494 (t − 0.52))
/// above) and shifted by the timing offset δ;</item>
/// <item>the backgrounds: BRN and NIN as the release's PE PDF (normalised on the grid) × its time PDF (expected counts per
/// 10 ns, interpolated by monotone cubic Hermite splines so that a shift is smooth) × the timing efficiency; the steady
/// state as the anti-coincidence events histogrammed on the grid;</item>
/// <item>the observed coincidence events on the grid.</item>
/// </list>
/// The CEvNS rates come from the kernel per flavour group (<see cref="RecoilCounts"/>) on the true-recoil grid.
/// </summary>
public sealed class CsI2021Templates : IArrivalGroupRates
{
    /// <summary>Gauss–Legendre points per time sub-interval and per PE sub-interval.</summary>
    private const int TimeNodes = 16, PeNodes = 16;

    private readonly double[] timeNodes, timeWeights, timeEfficiencyAtNodes; // per time bin j: nodes [TimeNodeStart[j], TimeNodeStart[j+1])
    private readonly int[] timeNodeStart;
    private readonly CubicSpline brnDensity, ninDensity;
    private readonly double brnLo, brnHi, ninLo, ninHi;
    private readonly Dictionary<NeutrinoFlavour, FluxSet> groupFlux = new();

    /// <summary>Builds the templates of an experiment that has an energy_time section.</summary>
    public CsI2021Templates(CoherentCsI2021 experiment, FormFactorModel? formFactor = null, RateOptions? options = null)
    {
        Experiment = experiment ?? throw new ArgumentNullException(nameof(experiment));
        Setup = experiment.EnergyTime ?? throw new ArgumentException($"{experiment.Id} has no energy_time section: no energy × time likelihood", nameof(experiment));
        FormFactor = formFactor ?? KernelPhysics.DefaultFormFactor(experiment);
        Options = options ?? RateOptions.Default;
        PeEdges = Setup.PeEdges.ToArray();
        TimeEdges = Setup.TimeEdgesUs.ToArray();
        PeBins = PeEdges.Count - 1;
        TimeBins = TimeEdges.Count - 1;
        RecoilBins = Setup.RecoilEdges.Count - 1;

        // ---- response matrices: nominal, efficiency ±1σ, quenching ±1σ per systematic
        var variations = new List<(OffsetLogisticAcceptance Eff, IObservableMapping Qf)> { (Setup.Efficiency[0], Setup.Quenching[0]) };
        variations.Add((Setup.Efficiency[1], Setup.Quenching[0]));
        variations.Add((Setup.Efficiency[2], Setup.Quenching[0]));
        for (int q = 1; q < Setup.Quenching.Count; q++) variations.Add((Setup.Efficiency[0], Setup.Quenching[q]));
        Responses = variations.Select(v => Response(v.Eff, v.Qf)).ToArray();

        // ---- time integration nodes: each bin split at the end of the flat timing efficiency
        double flat = experiment.TimingFlatUntilUs;
        var nodes = new List<double>();
        var weights = new List<double>();
        timeNodeStart = new int[TimeBins + 1];
        for (int j = 0; j < TimeBins; j++)
        {
            timeNodeStart[j] = nodes.Count;
            double lo = TimeEdges[j], hi = TimeEdges[j + 1];
            var cuts = flat > lo && flat < hi ? new[] { lo, flat, hi } : new[] { lo, hi };
            for (int c = 0; c + 1 < cuts.Length; c++)
            {
                var rule = new GaussLegendreRule(cuts[c], cuts[c + 1], TimeNodes);
                nodes.AddRange(rule.Abscissas);
                weights.AddRange(rule.Weights);
            }
        }
        timeNodeStart[TimeBins] = nodes.Count;
        timeNodes = nodes.ToArray();
        timeWeights = weights.ToArray();
        timeEfficiencyAtNodes = timeNodes.Select(experiment.TimingEfficiency).ToArray();

        // ---- BRN, NIN: PE shape on the grid, time density (counts per μs) as a monotone cubic
        BrnPe = PeShape(experiment, "cevns/coherent_csi2021_release/brnPE.txt", "beam-related-neutrons");
        NinPe = PeShape(experiment, "cevns/coherent_csi2021_release/ninPE.txt", "neutrino-induced-neutrons");
        (brnDensity, brnLo, brnHi) = Density(experiment.BrnTimePdf);
        (ninDensity, ninLo, ninHi) = Density(experiment.NinTimePdf);

        // ---- data and steady state on the grid
        Observed = Histogram(experiment.CoincidenceEvents);
        AntiCoincidence = Histogram(experiment.AntiCoincidenceEvents);
        double ac = AntiCoincidence.Sum();
        if (!(ac > 0)) throw new ArgumentException($"{experiment.Id}: no anti-coincidence events on the energy × time grid");
        // steady state: the product of the AC sample's PE and time marginals (a background that does not know the beam
        // has independent energy and arrival time), so the template carries the AC sample's Poisson noise only through
        // PeBins + TimeBins marginals, not through every cell
        var pe = new double[PeBins];
        var tm = new double[TimeBins];
        for (int i = 0; i < PeBins; i++)
            for (int j = 0; j < TimeBins; j++) { pe[i] += AntiCoincidence[i * TimeBins + j]; tm[j] += AntiCoincidence[i * TimeBins + j]; }
        SteadyState = new double[PeBins * TimeBins];
        for (int i = 0; i < PeBins; i++)
            for (int j = 0; j < TimeBins; j++) SteadyState[i * TimeBins + j] = pe[i] * tm[j] / ac;
        SteadyStateUncertainty = 1 / Math.Sqrt(ac); // statistics: the Poisson uncertainty of a count

        // ---- flux per arrival group, and the SM recoil spectra
        var flux = KernelPhysics.Flux(experiment);
        KernelPhysics.CheckAntineutrinosScatterAlike(flux);
        Flux = flux;
        FineSetup = new DetectorSetup(Setup.RecoilEdges, experiment.Nuclei, experiment.Source.ExposureSeconds);
        var sm = KernelPhysics.StandardModel(FormFactor);
        StandardModelRecoil = [RecoilCounts(ArrivalGroup.Prompt, sm, null), RecoilCounts(ArrivalGroup.Delayed, sm, null)];
        StandardModelPe = PeTemplates(StandardModelRecoil);

        // ---- the time templates tabulated in the timing offset δ (every 5 ns over its range) and interpolated by
        // natural cubic splines: C² in δ, and ~1 μs per evaluation instead of ~130 μs for the node sums
        double range = Setup.TimingOffsetRangeUs;
        int steps = (int)Math.Ceiling(2 * range / OffsetStepUs);
        var grid = Enumerable.Range(0, steps + 1).Select(i => -range + 2 * range * i / steps).ToArray();
        var values = new double[4][][];
        for (int c = 0; c < 4; c++) values[c] = Enumerable.Range(0, TimeBins).Select(_ => new double[grid.Length]).ToArray();
        var buffer = new double[TimeBins];
        for (int n = 0; n < grid.Length; n++)
            for (int c = 0; c < 4; c++)
            {
                ExactTime(c, grid[n], buffer);
                for (int j = 0; j < TimeBins; j++) values[c][j][n] = buffer[j];
            }
        timeTable = values.Select(v => v.Select(y => CubicSpline.InterpolateNaturalSorted(grid, y)).ToArray()).ToArray();
        offsetLo = grid[0];
        offsetHi = grid[^1];
    }

    /// <summary>Spacing of the tabulated timing offsets (μs).</summary>
    public const double OffsetStepUs = 0.005;

    private readonly CubicSpline[][] timeTable; // [template: prompt, delayed, BRN, NIN][time bin]
    private readonly double offsetLo, offsetHi;

    /// <summary>
    /// A time template at timing offset δ (μs): 0 prompt and 1 delayed signal fractions (<see cref="SignalTime"/>), 2 BRN
    /// and 3 NIN counts (<see cref="NeutronTime"/>); from the cubic-spline table inside the offset range (agrees with the
    /// node sums to ~1e-6 relative), from the node sums outside it.
    /// </summary>
    public void Time(int template, double offset, Span<double> values)
    {
        if (offset < offsetLo || offset > offsetHi) { ExactTime(template, offset, values); return; }
        var row = timeTable[template];
        for (int j = 0; j < row.Length; j++) values[j] = row[j].Interpolate(offset);
    }

    private void ExactTime(int template, double offset, Span<double> values)
    {
        switch (template)
        {
            case 0: SignalTime(ArrivalGroup.Prompt, offset, values); break;
            case 1: SignalTime(ArrivalGroup.Delayed, offset, values); break;
            case 2: NeutronTime(false, offset, values); break;
            default: NeutronTime(true, offset, values); break;
        }
    }

    /// <summary>The experiment.</summary>
    public CoherentCsI2021 Experiment { get; }
    /// <summary>Its energy × time set-up.</summary>
    public EnergyTimeSetup Setup { get; }
    /// <summary>Nuclear form factor of the rates.</summary>
    public FormFactorModel FormFactor { get; }
    /// <summary>Rate-integration options.</summary>
    public RateOptions Options { get; }
    /// <summary>The π DAR flux at the detector.</summary>
    public FluxSet Flux { get; }
    /// <summary>True-recoil bins, nuclei and exposure of the rate computation (no acceptance: it acts in PE).</summary>
    public DetectorSetup FineSetup { get; }
    /// <summary>PE bin edges.</summary>
    public IReadOnlyList<double> PeEdges { get; }
    /// <summary>Arrival-time bin edges (μs).</summary>
    public IReadOnlyList<double> TimeEdges { get; }
    /// <summary>Number of PE bins.</summary>
    public int PeBins { get; }
    /// <summary>Number of time bins.</summary>
    public int TimeBins { get; }
    /// <summary>Number of true-recoil bins.</summary>
    public int RecoilBins { get; }
    /// <summary>Response matrices [variation][recoil bin × PE bins + PE bin]: 0 nominal, 1/2 efficiency ±1σ, then quenching (+1σ, −1σ) pairs.</summary>
    public IReadOnlyList<double[]> Responses { get; }
    /// <summary>Observed coincidence events per (PE, time) bin, PE-major (index i × TimeBins + j).</summary>
    public double[] Observed { get; }
    /// <summary>Anti-coincidence (beam-unrelated) events per bin, PE-major.</summary>
    public double[] AntiCoincidence { get; }
    /// <summary>The steady-state template: N_AC × (AC PE marginal) × (AC time marginal), PE-major.</summary>
    public double[] SteadyState { get; }
    /// <summary>Relative Poisson uncertainty of the steady-state normalisation, 1/sqrt(N_AC).</summary>
    public double SteadyStateUncertainty { get; }
    /// <summary>BRN PE shape on the grid (sums to 1).</summary>
    public double[] BrnPe { get; }
    /// <summary>NIN PE shape on the grid (sums to 1).</summary>
    public double[] NinPe { get; }
    /// <summary>SM CEvNS counts per true-recoil bin, [group][recoil bin] (all arrival times, before the PE efficiency).</summary>
    public double[][] StandardModelRecoil { get; }
    /// <summary>SM CEvNS counts per PE bin (all arrival times, with the efficiency), [group][variation][PE bin].</summary>
    public double[][][] StandardModelPe { get; }

    /// <summary>The flux of one arrival group (prompt: ν_μ; delayed: ν_e and ν̄_μ).</summary>
    public FluxSet GroupFlux(ArrivalGroup group) => ArrivalGroups.FluxOf(Flux, group);

    /// <summary>
    /// Counts per true-recoil bin of a process for one arrival group (seed 001 eqs. 2.26–2.28 on the fine recoil grid,
    /// no acceptance), with <paramref name="crossSection"/> (default: the process's own) evaluated on its rate plan.
    /// </summary>
    public double[] RecoilCounts(ArrivalGroup group, ScatteringProcess process, DifferentialCrossSection? crossSection,
        IReadOnlyList<DifferentialCrossSection>? references = null)
        => ArrivalGroups.RecoilCounts(this, group, process, crossSection, references);

    /// <summary>PE templates [group][variation][PE bin] from recoil counts [group][recoil bin].</summary>
    public double[][][] PeTemplates(double[][] recoilCounts)
    {
        var result = new double[recoilCounts.Length][][];
        for (int g = 0; g < recoilCounts.Length; g++)
        {
            result[g] = new double[Responses.Count][];
            for (int v = 0; v < Responses.Count; v++)
            {
                var r = Responses[v];
                var pe = new double[PeBins];
                for (int k = 0; k < RecoilBins; k++)
                {
                    double n = recoilCounts[g][k];
                    if (n == 0) continue;
                    for (int i = 0; i < PeBins; i++) pe[i] += n * r[k * PeBins + i];
                }
                result[g][v] = pe;
            }
        }
        return result;
    }

    /// <summary>
    /// Fraction of an arrival group's events in each time bin, with the timing efficiency, for a timing offset δ (μs):
    /// ∫_bin f_g(t − δ) ε_t(t) dt, f_g the pulse ⊗ decay density (normalised to 1 over all t).
    /// </summary>
    public void SignalTime(ArrivalGroup group, double offset, Span<double> fractions)
    {
        double mean = Setup.PulseMeanUs + offset, sigma = Setup.PulseSigmaUs, tp = Setup.PionLifetimeUs, tm = Setup.MuonLifetimeUs;
        for (int j = 0; j < TimeBins; j++)
        {
            double s = 0;
            for (int n = timeNodeStart[j]; n < timeNodeStart[j + 1]; n++)
            {
                double t = timeNodes[n];
                double f = group == ArrivalGroup.Prompt
                    ? Distributions.ExponentiallyModifiedGaussian(t, mean, sigma, tp)
                    : Distributions.GaussianPlusTwoExponentials(t, mean, sigma, tp, tm);
                s += timeWeights[n] * timeEfficiencyAtNodes[n] * f;
            }
            fractions[j] = s;
        }
    }

    /// <summary>Expected BRN (<paramref name="neutrinoInduced"/> false) or NIN counts per time bin at nominal normalisation, shifted by δ (μs), with the timing efficiency.</summary>
    public void NeutronTime(bool neutrinoInduced, double offset, Span<double> counts)
    {
        var spline = neutrinoInduced ? ninDensity : brnDensity;
        double lo = neutrinoInduced ? ninLo : brnLo, hi = neutrinoInduced ? ninHi : brnHi;
        for (int j = 0; j < TimeBins; j++)
        {
            double s = 0;
            for (int n = timeNodeStart[j]; n < timeNodeStart[j + 1]; n++)
            {
                double t = timeNodes[n] - offset;
                if (t < lo || t > hi) continue;
                double rho = spline.Interpolate(t);
                if (rho > 0) s += timeWeights[n] * timeEfficiencyAtNodes[n] * rho;
            }
            counts[j] = s;
        }
    }

    // ------------------------------------------------------------------ construction helpers

    private double[] Response(OffsetLogisticAcceptance efficiency, IObservableMapping quenching)
    {
        var r = new double[RecoilBins * PeBins];
        // PE sub-intervals: each bin cut where the clipped efficiency has a kink
        var rules = new List<GaussLegendreRule>[PeBins];
        for (int i = 0; i < PeBins; i++)
        {
            var cuts = new List<double> { PeEdges[i] };
            cuts.AddRange(efficiency.Breakpoints.Where(b => b > PeEdges[i] && b < PeEdges[i + 1]).Order());
            cuts.Add(PeEdges[i + 1]);
            rules[i] = Enumerable.Range(0, cuts.Count - 1).Select(c => new GaussLegendreRule(cuts[c], cuts[c + 1], PeNodes)).ToList();
        }
        var edges = Setup.RecoilEdges;
        for (int k = 0; k < RecoilBins; k++)
        {
            double t = 0.5 * (edges[k] + edges[k + 1]);
            double eee = quenching.ToObservable(t); // keVee
            if (!(eee > 0)) continue;
            double a = Setup.ResolutionA / eee, b = Setup.ResolutionB * eee;
            double shape = 1 + b, rate = a * (1 + b);
            for (int i = 0; i < PeBins; i++)
            {
                double s = 0;
                foreach (var rule in rules[i])
                    for (int n = 0; n < rule.Abscissas.Length; n++)
                    {
                        double x = rule.Abscissas[n];
                        double eps = efficiency.Evaluate(x);
                        if (eps > 0) s += rule.Weights[n] * eps * Gamma.PDF(shape, rate, x);
                    }
                r[k * PeBins + i] = s;
            }
        }
        return r;
    }

    private double[] PeShape(CoherentCsI2021 experiment, string file, string name)
    {
        var table = DataFiles.Table(file);
        var shape = new double[PeBins];
        foreach (var row in table.Rows)
        {
            double x = row.Number(0), v = row.Number(1);
            int i = Bin(PeEdges, x);
            if (i >= 0) shape[i] += v;
        }
        double sum = shape.Sum();
        if (!(sum > 0)) throw new ArgumentException($"{experiment.Id}: the {name} PE PDF ({file}) is empty on the grid");
        for (int i = 0; i < PeBins; i++) shape[i] /= sum;
        return shape;
    }

    private static (CubicSpline Spline, double Lo, double Hi) Density(IReadOnlyList<(double TimeUs, double Value)> pdf)
    {
        var t = pdf.Select(p => p.TimeUs).ToArray();
        double width = (t[^1] - t[0]) / (t.Length - 1);
        var rho = pdf.Select(p => p.Value / width).ToArray(); // expected counts per μs
        return (CubicSpline.InterpolatePchipSorted(t, rho), t[0] - 0.5 * width, t[^1] + 0.5 * width);
    }

    private double[] Histogram(IReadOnlyList<(double PE, double TimeUs)> events)
    {
        var h = new double[PeBins * TimeBins];
        foreach (var (pe, time) in events)
        {
            int i = Bin(PeEdges, pe), j = Bin(TimeEdges, time);
            if (i >= 0 && j >= 0) h[i * TimeBins + j] += 1;
        }
        return h;
    }

    /// <summary>The bin of x among ascending edges (half-open bins, the last one closed), or −1.</summary>
    private static int Bin(IReadOnlyList<double> edges, double x)
    {
        if (x < edges[0] || x > edges[^1]) return -1;
        for (int i = 0; i < edges.Count - 1; i++) if (x < edges[i + 1]) return i;
        return edges.Count - 2;
    }
}
