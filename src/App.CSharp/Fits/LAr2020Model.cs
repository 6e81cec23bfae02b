using NuDM.App.Statistics.Likelihood;

namespace NuDM.App.Fits;

/// <summary>
/// The expected counts of COHERENT CENNS-10 analysis A on the release's energy × F90 × time grid (960 cells) as a
/// function of named parameters — the collaboration's 3-D likelihood (PRL 126, 012002 (2021), arXiv:2003.10630;
/// release arXiv:2006.12659):
/// <code>
/// μ_c = S_c + N_BRN B_c(β)/ΣB(0) + N_del D_c/ΣD + N_SS Q_c/ΣQ
/// </code>
/// B the prompt-BRN PDF with three shape nuisances β (energy ±1σ, timing mean ±1σ, timing width: one file, mirrored),
/// D the delayed BRN, Q the steady state; the N's are the PDFs' normalisation constants with the sheet's prediction
/// priors (497 ± 160, 33 ± 33, 3154 ± 25). The CEvNS term S has two forms:
/// <list type="bullet">
/// <item>Standard-Model fit (the release's analysis): S = N_CEvNS C_c(α)/ΣC(0), C the release CEvNS PDF with its shape
/// nuisances α (F90 ±1σ; the CEvNS timing mean: one file, mirrored), N_CEvNS free;</item>
/// <item>SNS-flux form (joint fits, limits): S = f [K_c(α) + r X_c(α)], K the kernel's SM template and X the νN → χN one
/// at a reference coupling (<see cref="LAr2020Templates"/>; α their F90 and POT-trace-mean nuisances), f the SNS flux
/// normalisation "sns_flux" (10 %, declared as the CsI 2021 model declares it, so a joint likelihood shares it), r the
/// new-physics strength "nuchi_strength" (also shared by name).</item>
/// </list>
/// One instance per thread (scratch-free: the templates are summed straight into μ).
/// </summary>
public sealed class LAr2020Model : IBinnedModel
{
    /// <summary>Parameter names.</summary>
    public const string CevnsEvents = "lar2020_cevns_events", CevnsF90 = "lar2020_cevns_f90", CevnsTimingMean = "lar2020_cevns_timing_mean",
        BrnEnergy = "lar2020_brn_energy", BrnTimingMean = "lar2020_brn_timing_mean", BrnTimingWidth = "lar2020_brn_timing_width",
        BrnEvents = "lar2020_brn_prompt_events", DelayedBrnEvents = "lar2020_brn_delayed_events", SteadyStateEvents = "lar2020_steady_state_events",
        SnsFlux = CsI2021EnergyTimeModel.SnsFlux, NewPhysicsStrength = CsI2021EnergyTimeModel.NewPhysicsStrength;

    /// <summary>Parameter-sheet keys of the priors.</summary>
    public const string SheetCevns = "cevnsPredictionNormalization", SheetBrn = "promptBeamRelatedNeutronPredictionNormalization",
        SheetDelayedBrn = "delayedBeamRelatedNeutronPredictionNormalization", SheetSteadyState = "ssBackgroundPredictionNormalization",
        SheetFlux = "neutrinosPerProton";

    private readonly InterpolatedTemplate signal, brn;
    private readonly InterpolatedTemplate? newPhysics;
    private readonly double[] delayed, steady, observed;
    private readonly double signalNorm, brnNorm, delayedNorm, steadyNorm;
    private readonly bool fluxForm;

    /// <summary>
    /// The SM fit (<paramref name="kernel"/> null: the release's CEvNS PDF with a free count) or the SNS-flux form
    /// (<paramref name="kernel"/> given: its SM template × f, plus r × <paramref name="newPhysics"/> when given).
    /// <paramref name="observed"/> replaces the data (Asimov).
    /// </summary>
    public LAr2020Model(LAr2020Release release, LAr2020Templates? kernel = null, InterpolatedTemplate? newPhysics = null, IReadOnlyList<double>? observed = null)
    {
        Release = release ?? throw new ArgumentNullException(nameof(release));
        if (newPhysics is not null && kernel is null) throw new ArgumentException("a new-physics template needs the kernel's SM template (the SNS-flux form)", nameof(newPhysics));
        fluxForm = kernel is not null;
        signal = kernel?.StandardModel ?? new InterpolatedTemplate(release.Cevns,
            [(release.CevnsF90Up, release.CevnsF90Down), InterpolatedTemplate.Mirrored(release.Cevns, release.CevnsTimingMean)]);
        this.newPhysics = newPhysics;
        if (newPhysics is not null && (newPhysics.Bins != LAr2020Release.Cells || newPhysics.Nuisances != signal.Nuisances))
            throw new ArgumentException($"the new-physics template needs {LAr2020Release.Cells} cells and {signal.Nuisances} shape nuisances like the SM one", nameof(newPhysics));
        brn = new InterpolatedTemplate(release.Brn,
            [(release.BrnEnergyUp, release.BrnEnergyDown), (release.BrnTimingMeanUp, release.BrnTimingMeanDown), InterpolatedTemplate.Mirrored(release.Brn, release.BrnTimingWidth)]);
        delayed = release.DelayedBrn;
        steady = release.SteadyState;
        this.observed = (observed ?? release.Observed).ToArray();
        if (this.observed.Length != LAr2020Release.Cells) throw new ArgumentException($"observed counts need {LAr2020Release.Cells} cells, got {this.observed.Length}", nameof(observed));
        foreach (var n in this.observed) if (!(double.IsFinite(n) && n >= 0)) throw new ArgumentException($"observed counts must be finite and ≥ 0, got {n}", nameof(observed));
        signalNorm = signal.NominalSum;
        brnNorm = brn.NominalSum;
        delayedNorm = delayed.Sum();
        steadyNorm = steady.Sum();

        const string sheet = "LArParametersAnlA.yaml";
        const string releaseShape = "COHERENT LAr 2020 release ±1σ PDF";
        var ps = new List<FitParameter>();
        if (!fluxForm)
        {
            double predicted = release.Sheet(SheetCevns);
            ps.Add(new FitParameter(CevnsEvents, FitRole.Interest, predicted, 0, 10 * predicted, PriorKind.Flat, 0,
                $"free: the normalisation of the release CEvNS PDF (events on the grid at nominal shape); starts at the sheet's {predicted}", scale: 0.05 * predicted));
        }
        else
        {
            if (newPhysics is not null)
                ps.Add(new FitParameter(NewPhysicsStrength, FitRole.Interest, 0, 0, 1e6, PriorKind.Flat, 0, "free: (ȳ/ȳ_ref)^p", scale: 1));
            // the sheet: 0.09 ± 0.009 ν/flavour/POT, a 10 % flux normalisation; rounded to 12 digits so that it is the
            // same double as CsI 2021's 0.10 (a shared parameter needs one declaration)
            double width = Math.Round(release.Sheet(SheetFlux + ".uncertainty") / release.Sheet(SheetFlux), 12);
            ps.Add(new FitParameter(SnsFlux, FitRole.Normalisation, 1, 0.5, 1.5, PriorKind.Gaussian, width,
                $"SNS neutrino flux: {sheet} neutrinosPerProton 0.09 ± 0.009 (10 %), shared with the other SNS experiments"));
        }
        ps.Add(new FitParameter(CevnsF90, FitRole.Shape, 0, -5, 5, PriorKind.Gaussian, 1, $"{releaseShape} (cevnspdf±1sigF90)"));
        ps.Add(new FitParameter(CevnsTimingMean, FitRole.Shape, 0, -5, 5, PriorKind.Gaussian, 1,
            fluxForm ? $"POT trace mean 440 ± 200 ns ({sheet} snsPOTTraceTiming)" : $"{releaseShape} (cevnspdfCEvNSTimingMeanSyst, one-sided: mirrored for −1σ)"));
        ps.Add(new FitParameter(BrnEnergy, FitRole.Shape, 0, -5, 5, PriorKind.Gaussian, 1, $"{releaseShape} (brnpdf±1sigEnergy)"));
        ps.Add(new FitParameter(BrnTimingMean, FitRole.Shape, 0, -5, 5, PriorKind.Gaussian, 1, $"{releaseShape} (brnpdf±1sigBRNTimingMean)"));
        ps.Add(new FitParameter(BrnTimingWidth, FitRole.Shape, 0, -5, 5, PriorKind.Gaussian, 1, $"{releaseShape} (brnpdfBRNTimingWidthSyst, one-sided: mirrored for −1σ)"));
        FitParameter Count(string name, string key)
        {
            double v = release.Sheet(key), u = release.Sheet(key + ".uncertainty");
            return new FitParameter(name, FitRole.Normalisation, v, 0, v + 10 * u, PriorKind.Gaussian, u, $"{sheet} {key}: {v} ± {u} (normalisation constant of the PDF)");
        }
        ps.Add(Count(BrnEvents, SheetBrn));
        ps.Add(Count(DelayedBrnEvents, SheetDelayedBrn));
        ps.Add(Count(SteadyStateEvents, SheetSteadyState));
        Parameters = ps;
        firstShape = fluxForm ? (newPhysics is null ? 1 : 2) : 1;
    }

    private readonly int firstShape;

    /// <summary>The release.</summary>
    public LAr2020Release Release { get; }
    /// <inheritdoc/>
    public string Name => Release.Experiment.Id;
    /// <inheritdoc/>
    public IReadOnlyList<double> Observed => observed;
    /// <inheritdoc/>
    public IReadOnlyList<FitParameter> Parameters { get; }
    /// <summary>True in the SNS-flux form (kernel SM × sns_flux), false in the SM fit (free CEvNS count).</summary>
    public bool FluxForm => fluxForm;

    /// <summary>CEvNS events on the grid at nominal nuisances: the release's 128 (SM fit) or the kernel's prediction (SNS-flux form).</summary>
    public double Prediction => signalNorm;

    /// <inheritdoc/>
    public void Expected(ReadOnlySpan<double> v, Span<double> mu)
    {
        mu[..LAr2020Release.Cells].Clear();
        var alpha = v.Slice(firstShape, 2);
        var beta = v.Slice(firstShape + 2, 3);
        int n = firstShape + 5;
        if (fluxForm)
        {
            double f = v[firstShape - 1];
            signal.AddTo(alpha, f, mu);
            if (newPhysics is not null) newPhysics.AddTo(alpha, f * v[0], mu);
        }
        else signal.AddTo(alpha, v[0] / signalNorm, mu);
        brn.AddTo(beta, v[n] / brnNorm, mu);
        double d = v[n + 1] / delayedNorm, s = v[n + 2] / steadyNorm;
        for (int i = 0; i < LAr2020Release.Cells; i++) mu[i] += d * delayed[i] + s * steady[i];
    }

    /// <summary>CEvNS (or with <paramref name="newPhysics"/> νN → χN) events on the grid at the given values.</summary>
    public double SignalCount(ReadOnlySpan<double> v, bool newPhysics = false)
    {
        var alpha = v.Slice(firstShape, 2);
        if (!fluxForm) return newPhysics ? 0 : v[0] * signal.Sum(alpha) / signalNorm;
        double f = v[firstShape - 1];
        return newPhysics ? (this.newPhysics is null ? 0 : f * v[0] * this.newPhysics.Sum(alpha)) : f * signal.Sum(alpha);
    }

    /// <summary>Prompt-BRN events on the grid at the given values (its normalisation × the shaped PDF's sum / 497).</summary>
    public double BrnCount(ReadOnlySpan<double> v) => v[firstShape + 5] * brn.Sum(v.Slice(firstShape + 2, 3)) / brnNorm;
}
