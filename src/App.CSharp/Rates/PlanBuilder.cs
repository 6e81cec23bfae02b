using NuDM.Physics;

namespace NuDM.App.Rates;

/// <summary>Builds the points of a <see cref="RatePlan"/>, one (bin, nucleus) segment at a time (thread-safe).</summary>
internal sealed class PlanBuilder
{
    internal sealed record Segment(double[] T, double[] E, double[] W, double Reference);

    private readonly DetectorSetup setup;
    private readonly ScatteringProcess process;
    private readonly RateOptions options;
    private readonly DifferentialCrossSection[] refs;
    private readonly Flux[] continuous;
    private readonly FluxLine[] lines;
    private readonly double eLo, eHi;
    private readonly double[] fluxBreaks; // ascending, inside and at the ends of the union support
    private readonly KinematicRegion?[] regions; // per nucleus, for the continuous part
    private readonly double[][] recoilBreaks;   // per nucleus: T breakpoints of the continuous part
    private readonly double unitFactor;          // Δt (ħc)²

    public PlanBuilder(DetectorSetup setup, FluxSet flux, ScatteringProcess process, RateOptions options, DifferentialCrossSection[] refs)
    {
        this.setup = setup;
        this.process = process;
        this.options = options;
        this.refs = refs;
        continuous = flux.Fluxes.Where(c => c.HasContinuum).ToArray();
        lines = flux.Fluxes.SelectMany(c => c.Lines).Where(l => l.Weight > 0).ToArray();
        unitFactor = setup.ExposureSeconds * RateUnits.Cm2PerInverseMeV2;
        int nn = setup.Targets.Count;
        regions = new KinematicRegion?[nn];
        recoilBreaks = new double[nn][];
        if (continuous.Length > 0)
        {
            eLo = continuous.Min(c => c.EMin);
            eHi = continuous.Max(c => c.EMax);
            fluxBreaks = continuous.SelectMany(c => c.Breakpoints.Append(c.EMin).Append(c.EMax)).Distinct().Order().ToArray();
            for (int k = 0; k < nn; k++)
            {
                var region = new KinematicRegion(process, setup.Targets[k].Isotope, eLo, eHi);
                if (region.IsEmpty) { recoilBreaks[k] = []; continue; }
                regions[k] = region;
                var tb = new List<double>();
                foreach (double eb in fluxBreaks.Append(region.Threshold))
                {
                    if (eb < region.Threshold) continue;
                    var (lo, hi) = region.RecoilRange(eb);
                    if (double.IsFinite(lo)) tb.Add(lo);
                    if (double.IsFinite(hi)) tb.Add(hi);
                }
                if (double.IsFinite(region.ThresholdRecoil)) tb.Add(region.ThresholdRecoil);
                recoilBreaks[k] = tb.Distinct().Order().ToArray();
            }
        }
        else
        {
            fluxBreaks = [];
            for (int k = 0; k < nn; k++) recoilBreaks[k] = [];
        }
    }

    private double FluxDensity(double energy)
    {
        double s = 0;
        foreach (var c in continuous)
            if (energy >= c.EMin && energy <= c.EMax) s += c.Density(energy);
        return s;
    }

    private double Acceptance(double recoil) => setup.Acceptance is { } a ? a(recoil) : 1.0;

    public Segment BuildSegment(int bin, int k)
    {
        var target = setup.Targets[k];
        var nucleus = target.Isotope;
        double ta = setup.RecoilEdges[bin], tb = setup.RecoilEdges[bin + 1];
        double factor = unitFactor * target.Count;
        var ts = new List<double>();
        var es = new List<double>();
        var ws = new List<double>();
        int dim = refs.Length;
        var result = new double[dim];
        // one budget for all the integrals of this segment (outer and inner), so that a bad integrand stops them
        var budget = new QuadratureBudget(options.MaxPanels);
        string What() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"rate integral of {process.Name} on {nucleus.Name}, recoil bin {bin} [{ta * 1e3:G6}, {tb * 1e3:G6}] keV");

        // ---- continuous flux: T outer, E inner over [E_min(T), E_hi]
        if (regions[k] is { } region)
        {
            double lo = Math.Max(ta, region.MinRecoil), hi = Math.Min(tb, region.MaxRecoil);
            if (hi > lo)
            {
                var cuts = Cuts(lo, hi, recoilBreaks[k], setup.AcceptanceBreakpoints);
                var inner = new List<(double Acc, double[] E, double[] WPhi)>();
                var innerNodes = new List<QuadratureNode>();
                var phiAt = new List<double>();
                var innerResult = new double[dim];
                var innerValues = new double[dim];
                double currentT = 0;
                VectorIntegrand innerF = (energy, values) =>
                {
                    double phi = FluxDensity(energy);
                    if (phi == 0) return -1;
                    for (int r = 0; r < dim; r++) values[r] = phi * refs[r](currentT, energy, nucleus);
                    phiAt.Add(phi);
                    return phiAt.Count - 1;
                };
                VectorIntegrand outerF = (recoil, values) =>
                {
                    double acc = Acceptance(recoil);
                    if (!(acc > 0)) return -1;
                    double eStart = region.MinimumEnergy(recoil);
                    if (!(eStart < eHi)) return -1;
                    currentT = recoil;
                    innerNodes.Clear();
                    phiAt.Clear();
                    Array.Clear(innerResult);
                    var eCuts = EnergyCuts(eStart);
                    AdaptiveQuadrature.Integrate(eCuts, dim, innerF, options.GaussOrder, options.RelativeTolerance, options.MaxDepth, innerResult, innerNodes,
                        budget, () => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{What()}, ν energy integral at T = {currentT * 1e3:G6} keV"), "E_ν [MeV]");
                    int count = 0;
                    foreach (var nd in innerNodes) if (nd.Handle >= 0) count++;
                    var eArr = new double[count];
                    var wArr = new double[count];
                    int i = 0;
                    foreach (var nd in innerNodes)
                    {
                        if (nd.Handle < 0) continue;
                        eArr[i] = nd.X;
                        wArr[i] = nd.Weight * phiAt[nd.Handle];
                        i++;
                    }
                    for (int r = 0; r < dim; r++) values[r] = acc * innerResult[r];
                    inner.Add((acc, eArr, wArr));
                    return inner.Count - 1;
                };
                var outerNodes = new List<QuadratureNode>();
                AdaptiveQuadrature.Integrate(cuts, dim, outerF, options.GaussOrder, options.RelativeTolerance, options.MaxDepth, result, outerNodes,
                    budget, What, "T [MeV]");
                foreach (var nd in outerNodes)
                {
                    if (nd.Handle < 0) continue;
                    var (acc, eArr, wArr) = inner[nd.Handle];
                    double c = factor * nd.Weight * acc;
                    for (int j = 0; j < eArr.Length; j++)
                    {
                        double wt = c * wArr[j];
                        if (wt == 0) continue;
                        ts.Add(nd.X);
                        es.Add(eArr[j]);
                        ws.Add(wt);
                    }
                }
            }
        }

        // ---- lines: E fixed at E0, T over [T_min(E0), T_max(E0)] ∩ bin
        foreach (var line in lines)
        {
            double e0 = line.Energy;
            double tmin = process.MinimumRecoil(e0, nucleus), tmax = process.MaximumRecoil(e0, nucleus);
            if (!(tmax > tmin)) continue;
            double lo = Math.Max(ta, Math.Max(0, tmin)), hi = Math.Min(tb, tmax);
            if (!(hi > lo)) continue;
            var cuts = Cuts(lo, hi, [], setup.AcceptanceBreakpoints);
            var accAt = new List<double>();
            VectorIntegrand f = (recoil, values) =>
            {
                double acc = Acceptance(recoil);
                if (!(acc > 0)) return -1;
                for (int r = 0; r < dim; r++) values[r] = acc * refs[r](recoil, e0, nucleus);
                accAt.Add(acc);
                return accAt.Count - 1;
            };
            var nodes = new List<QuadratureNode>();
            AdaptiveQuadrature.Integrate(cuts, dim, f, options.GaussOrder, options.RelativeTolerance, options.MaxDepth, result, nodes,
                budget, () => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{What()}, line at E_ν = {e0:G6} MeV"), "T [MeV]");
            double c = factor * line.Weight;
            foreach (var nd in nodes)
            {
                if (nd.Handle < 0) continue;
                double wt = c * nd.Weight * accAt[nd.Handle];
                if (wt == 0) continue;
                ts.Add(nd.X);
                es.Add(e0);
                ws.Add(wt);
            }
        }

        double reference = 0;
        var sigma0 = refs[0];
        for (int p = 0; p < ts.Count; p++) reference += ws[p] * sigma0(ts[p], es[p], nucleus);
        return new Segment(ts.ToArray(), es.ToArray(), ws.ToArray(), reference);
    }

    private double[] EnergyCuts(double eStart)
    {
        var list = new List<double>(fluxBreaks.Length + 2) { eStart };
        foreach (double b in fluxBreaks) if (b > eStart && b < eHi) list.Add(b);
        list.Add(eHi);
        return list.ToArray();
    }

    private static double[] Cuts(double lo, double hi, IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var list = new List<double> { lo };
        foreach (double x in a) if (x > lo && x < hi) list.Add(x);
        foreach (double x in b) if (x > lo && x < hi) list.Add(x);
        list.Add(hi);
        list.Sort();
        // drop cuts closer than round-off
        var outList = new List<double> { list[0] };
        for (int i = 1; i < list.Count; i++)
            if (list[i] - outList[^1] > 1e-14 * Math.Max(Math.Abs(list[i]), 1e-300)) outList.Add(list[i]);
        if (outList[^1] != hi) outList[^1] = hi;
        return outList.ToArray();
    }
}
