using MathNet.Numerics.RootFinding;
using NuDM.App.Cevns;
using NuDM.App.Statistics;
using NuDM.App.Statistics.Likelihood;
using NuDM.Physics;

namespace NuDM.App.Fits;

/// <summary>The data a profile-likelihood limit is computed from.</summary>
/// <param name="Asimov">False: each experiment's observed events. True: the Asimov data of the nominal nuisances plus an injected signal.</param>
/// <param name="InjectedYbar">ȳ of the injected νN → χN signal (0: the SM-only Asimov data).</param>
/// <param name="InjectedMchi">m_χ of the injection (MeV).</param>
/// <param name="InjectedMs">m_S of the injection (MeV).</param>
public sealed record LimitData(bool Asimov, double InjectedYbar = 0, double InjectedMchi = 0, double InjectedMs = 0)
{
    /// <summary>The observed events.</summary>
    public static LimitData Observed { get; } = new(false);
    /// <summary>The SM Asimov data (a sensitivity).</summary>
    public static LimitData StandardModelAsimov { get; } = new(true);
    /// <summary>A key for checkpoints.</summary>
    public override string ToString() => !Asimov ? "data" : InjectedYbar == 0 ? "asimov" :
        $"asimov+nuchi({Numbers.Significant(InjectedYbar, 17)},{Numbers.Significant(InjectedMchi, 17)},{Numbers.Significant(InjectedMs, 17)})";
}

/// <summary>A profile-likelihood limit at one (m_χ, m_S) with the fit behind it.</summary>
/// <param name="Limit">The 90 % CL upper limit on ȳ (or why there is none).</param>
/// <param name="BestYbar">ȳ at the minimum over ȳ ≥ 0 (0 when the best fit is the SM).</param>
/// <param name="ReferenceYbar">ȳ_ref: r = (ȳ/ȳ_ref)^p is the fitted parameter (10 νN → χN events at ȳ_ref over all experiments, nominal nuisances).</param>
/// <param name="Best">The minimum of −2 ln L over every parameter, r ≥ 0.</param>
/// <param name="Likelihood">The joint likelihood (one per call).</param>
/// <param name="Power">p: νN → χN events scale as ȳ^p (derived by the kernel for the model in use).</param>
public sealed record ProfileLimitResult(LimitResult Limit, double BestYbar, double ReferenceYbar, FitPoint? Best, JointLikelihood? Likelihood, double Power)
{
    /// <summary>ȳ from r: ȳ_ref r^(1/p).</summary>
    public double Ybar(double r) => ReferenceYbar * Math.Pow(r, 1 / Power); // numerics: r = (ȳ/ȳ_ref)^p inverted, p derived by the kernel

    /// <summary>The profile interval of ȳ where −2 ln L rises by <paramref name="delta"/> (1: 1σ) above the minimum, the nuisances profiled.</summary>
    public (double Lower, double Upper) Interval(double delta = 1.0)
    {
        if (Best is null || Likelihood is null) throw new InvalidOperationException("no fit: the signal vanishes at this point");
        var (lo, hi) = Profiler.Interval(Likelihood, CsI2021EnergyTimeModel.NewPhysicsStrength, Best, delta, stepGuess: 0.5);
        return (Ybar(lo), Ybar(hi));
    }
}

/// <summary>
/// 90 % CL upper limits on ȳ from binned Poisson likelihoods with profiled nuisances, one experiment or several sharing
/// parameters by name (<see cref="JointLikelihood"/>: the SNS flux is one parameter for CsI and LAr). The νN → χN
/// signal enters every experiment as r × its templates at ȳ_ref, r = (ȳ/ȳ_ref)^p (p derived by the kernel for the model
/// in use, <see cref="ModelInUse"/>: 4 for the seeds' scalar model), one r
/// for all. The test statistic is the profile likelihood ratio with the minimum over r ≥ 0 as reference,
/// <code>
/// q(r) = min_θ −2 ln L(r, θ) − min_{r' ≥ 0, θ} −2 ln L(r', θ),
/// </code>
/// and the one-sided 90 % CL upper limit is the r above the best fit r̂ where q = 2.706 (ChiSquared.InvCDF(1, 0.9)),
/// found by doubling from r̂ + 1 and Brent's method in r (1e-7 relative). The global minimum is found by L-BFGS-B
/// (<see cref="Profiler"/>), the conditional fits at fixed r by Fisher scoring (<see cref="ScoringProfiler"/>) started
/// from the previous one. "No constraint" when no experiment sees a
/// νN → χN event (m_χ above the largest neutrino energy) or q stays below the threshold up to r's bound.
/// </summary>
public static class ProfileLimits
{
    /// <summary>νN → χN events (summed over experiments, nominal nuisances) at ȳ_ref.</summary>
    public const double ReferenceEvents = 10;

    /// <summary>The limit at one point.</summary>
    public static ProfileLimitResult At(IReadOnlyList<LimitMember> members, double mchi, double ms, LimitData data, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(data);
        if (members.Count == 0) throw new ArgumentException("a limit needs at least one experiment", nameof(members));
        double p = ModelInUse.Definition.EffectiveCouplingPower;
        var signals = members.Select(m => m.Signal(mchi, ms)).ToArray();
        double total = signals.Sum(s => s.Events);
        if (!(total > 0))
            return new ProfileLimitResult(LimitResult.NoConstraint(
                $"no νN → χN events: m_χ = {mchi:G4} MeV exceeds what the largest neutrino energy ({members.Max(m => m.MaxNeutrinoEnergy):G4} MeV) can produce"), 0, double.NaN, null, null, p);
        double scale = ReferenceEvents / total;
        double yref = Math.Pow(scale, 1 / p); // numerics: ȳ_ref from its events, which scale as ȳ^p

        IReadOnlyList<double>?[] observed = new IReadOnlyList<double>?[members.Count];
        if (data.Asimov)
        {
            // the Asimov data: every nuisance nominal, the injected signal (ȳ_inj at its own masses) with r = 1
            bool inject = data.InjectedYbar > 0;
            var injSignals = inject ? members.Select(m => m.Signal(data.InjectedMchi, data.InjectedMs)).ToArray() : signals;
            double injScale = inject ? Math.Pow(data.InjectedYbar, p) : 0; // numerics: events at ȳ = 1 scaled by ȳ^p
            var probe = new JointLikelihood(members.Select((m, i) => m.Model(injSignals[i], injScale, ZeroData(m, injSignals[i]))).ToArray());
            var nominal = probe.Nominal();
            nominal[probe.IndexOf(CsI2021EnergyTimeModel.NewPhysicsStrength)] = inject ? 1 : 0;
            for (int i = 0; i < members.Count; i++) observed[i] = probe.Expected(i, nominal);
        }
        var likelihood = new JointLikelihood(members.Select((m, i) => m.Model(signals[i], scale, observed[i])).ToArray());
        int k = likelihood.IndexOf(CsI2021EnergyTimeModel.NewPhysicsStrength);
        var poi = likelihood.Parameters[k];
        int evaluations = 1;
        var best = ScoringProfiler.Minimise(likelihood);
        double rHat = best.Values[k];
        double thr = ConfidenceLevels.DeltaChiSquare(ConfidenceLevels.Ninety, 1);
        var start = best.Values;
        double reference = best.MinusTwoLogL;
        double Q(double r)
        {
            ct.ThrowIfCancellationRequested();
            evaluations++;
            // the conditional fits walk in r from the best fit: Fisher scoring from the previous point (a few steps each)
            var fit = ScoringProfiler.Minimise(likelihood, new Dictionary<string, double> { [poi.Name] = r }, start);
            start = fit.Values;
            // the reference is the minimum over r ≥ 0: a conditional fit below the global one's value improves it
            if (fit.MinusTwoLogL < reference) reference = fit.MinusTwoLogL;
            return fit.MinusTwoLogL - reference - thr;
        }
        double a = rHat, b = rHat + 1;
        double qb = Q(b);
        while (qb < 0)
        {
            if (b >= poi.Upper)
                return new ProfileLimitResult(LimitResult.NoConstraint($"the profile likelihood rises by less than {thr:G4} up to ȳ = {yref * Math.Pow(poi.Upper, 1 / p):G4}", evaluations), // numerics: ȳ of r's bound
                    Math.Max(0, yref * Math.Pow(rHat, 1 / p)), yref, best, likelihood, p); // numerics: ȳ of r̂
            a = b;
            b = Math.Min(2 * b, poi.Upper);
            qb = Q(b);
        }
        double r90 = qb == 0 ? b : Brent.FindRoot(Q, a, b, 1e-7 * b, 200);
        var result = new ProfileLimitResult(new LimitResult(LimitStatus.Constrained, 0, "", evaluations), 0, yref, best, likelihood, p);
        return result with
        {
            Limit = new LimitResult(LimitStatus.Constrained, result.Ybar(r90), "", evaluations),
            BestYbar = result.Ybar(Math.Max(rHat, 0)),
        };
    }

    /// <summary>Placeholder data of the right length for a model built only to compute expected counts (observed counts do not enter μ).</summary>
    private static double[] ZeroData(LimitMember member, MemberSignal signal) => new double[member.BinCount];

    /// <summary>
    /// The limit curve at the points (m_χ, m_S), in parallel over all cores and checkpointed like <see cref="LimitCurves.Scan"/>
    /// (the key covers the data, the program, every member and its likelihood, the data choice and every point).
    /// </summary>
    public static IReadOnlyList<LimitResult> Scan(IReadOnlyList<LimitMember> members, IReadOnlyList<(double Mchi, double Ms)> points, LimitData data,
        ScanCheckpoint? checkpoint, Action<double>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(members);
        var pts = points.Select(p => (IReadOnlyList<double>)new[] { p.Mchi, p.Ms }).ToList();
        var scanId = $"profile|{string.Join(",", members.Select(m => m.ToString()))}|{data}|{pts.Count}" + (ModelInUse.IsDefault ? "" : "|" + ModelInUse.KeyPart);
        var results = LimitScan.Run(pts, (p, token) => At(members, p[0], p[1], data, token).Limit,
            new ScanOptions
            {
                CheckpointPath = checkpoint?.Path,
                ScanId = scanId,
                Key = checkpoint?.Run.Key("ybar-profile-limit-scan", scanId, Rates.RateOptions.Default.ToString(), RunFingerprint.HashPoints(pts)),
                IgnoreCheckpoint = checkpoint?.Force ?? false,
                Warning = checkpoint?.Warning,
                Resumed = checkpoint?.Resumed,
                Progress = progress is null ? null : sp => progress(sp.Completed / (double)sp.Total),
            }, ct);
        return results.OrderBy(r => r.Index).Select(r => r.Limit).ToList();
    }

    /// <summary>A curve of ȳ against m_χ at fixed m_S (vary "mchi") or against m_S at fixed m_χ (vary "ms").</summary>
    public static LimitCurve Curve(IReadOnlyList<LimitMember> members, bool varyMs, double fixedMass, double[] xs, string label, LimitData data,
        ScanCheckpoint? checkpoint, Action<double>? progress, CancellationToken ct)
    {
        var r = Scan(members, xs.Select(x => varyMs ? (fixedMass, x) : (x, fixedMass)).ToList(), data, checkpoint, progress, ct);
        return new LimitCurve(label, xs, r.Select(x => x.IsConstrained ? x.Value : double.NaN).ToArray(), r.Select(x => x.ToString()).ToArray());
    }
}
