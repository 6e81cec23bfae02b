using NuDM.App.Experiments;
using NuDM.App.Statistics;
using NuDM.Physics;

namespace NuDM.App.Cevns;

/// <summary>A 90% CL limit curve: x values and the limit (NaN where there is no constraint).</summary>
public sealed record LimitCurve(string Label, double[] X, double[] Limit, string[] Notes);

/// <summary>Limit curves on ȳ by parallel, resumable scans (seed 001 Figs. 4, 5); models are cached per experiment.</summary>
public static class LimitCurves
{
    /// <summary>The model of an experiment id (cached once per data folder, so an edited copy of data/ is read afresh).</summary>
    public static CevnsModel Model(string experimentId) =>
        DataFiles.Cached("cevns.model." + experimentId + (ModelInUse.IsDefault ? "" : "|" + ModelInUse.KeyPart),
            () => new CevnsModel(ExperimentRegistry.Load(experimentId)));

    /// <summary>
    /// ȳ limits at the points (m_χ, m_S), in parallel over all cores, checkpointed to <paramref name="checkpoint"/>
    /// (null: none) so an interrupted scan resumes; <paramref name="progress"/> gets the fraction done. The checkpoint
    /// key covers the data and program (<see cref="ScanCheckpoint.Run"/>), the experiment, data or Asimov, form factor,
    /// statistic, rate options and every point.
    /// </summary>
    public static IReadOnlyList<LimitResult> Scan(CevnsModel model, IReadOnlyList<(double Mchi, double Ms)> points, bool asimov,
        ScanCheckpoint? checkpoint, Action<double>? progress, CancellationToken ct)
    {
        var pts = points.Select(p => (IReadOnlyList<double>)new[] { p.Mchi, p.Ms }).ToList();
        var scanId = $"{model.Experiment.Id}|{(asimov ? "asimov" : "data")}|{model.FormFactor}|{model.Statistic}|{pts.Count}"
            + (model.ModelKey.Length == 0 ? "" : "|" + model.ModelKey);
        var results = LimitScan.Run(pts, (p, _) => model.YbarLimit(p[0], p[1], asimov),
            new ScanOptions
            {
                CheckpointPath = checkpoint?.Path,
                ScanId = scanId,
                Key = checkpoint?.Run.Key("ybar-limit-scan", scanId, model.Options.ToString(), RunFingerprint.HashPoints(pts)),
                IgnoreCheckpoint = checkpoint?.Force ?? false,
                Warning = checkpoint?.Warning,
                Resumed = checkpoint?.Resumed,
                Progress = progress is null ? null : sp => progress(sp.Completed / (double)sp.Total),
            }, ct);
        return results.OrderBy(r => r.Index).Select(r => r.Limit).ToList();
    }

    /// <summary>A curve of ȳ against m_S at fixed m_χ.</summary>
    public static LimitCurve VersusMediatorMass(CevnsModel model, double mchi, double[] ms, string label, bool asimov, ScanCheckpoint? checkpoint, Action<double>? progress, CancellationToken ct)
    {
        var r = Scan(model, ms.Select(m => (mchi, m)).ToList(), asimov, checkpoint, progress, ct);
        return new LimitCurve(label, ms, r.Select(x => x.IsConstrained ? x.Value : double.NaN).ToArray(), r.Select(x => x.ToString()).ToArray());
    }

    /// <summary>A curve of ȳ against m_χ at fixed m_S.</summary>
    public static LimitCurve VersusFermionMass(CevnsModel model, double ms, double[] mchi, string label, bool asimov, ScanCheckpoint? checkpoint, Action<double>? progress, CancellationToken ct)
    {
        var r = Scan(model, mchi.Select(m => (m, ms)).ToList(), asimov, checkpoint, progress, ct);
        return new LimitCurve(label, mchi, r.Select(x => x.IsConstrained ? x.Value : double.NaN).ToArray(), r.Select(x => x.ToString()).ToArray());
    }

    /// <summary>
    /// Maps a ȳ limit at (m_X, m_φ = r m_X) to σ_NC = y_X² y_p² m_X²/(16π m_φ⁴) in cm² (seed 000 sec. VII), with
    /// y_N/A = y_p (equal proton and neutron couplings, as from equal quark couplings: y_p ≈ y_n, seed 000 eqs. 8–9),
    /// so ȳ² = y_X y_p and σ_NC = ȳ⁴ m_X²/(16π m_φ⁴) via the kernel's σ_NC formula.
    /// </summary>
    public static double SigmaNCFromYbar(double ybar, double mX, double mPhi) =>
        Couplings.SigmaNC_cm2(1.0, ybar * ybar, mX, mPhi);
}
