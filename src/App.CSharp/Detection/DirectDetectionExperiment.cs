using NuDM.Physics;

namespace NuDM.App.Detection;

/// <summary>One isotope of a detector: the nucleus, how many there are per kg of detector, and the efficiency table
/// that applies to its recoils (per element for CRESST-III's CaWO₄).</summary>
/// <param name="Isotope">Isotope (Z, A, abundance, nuclear mass in MeV) from data/detection/isotopes.csv.</param>
/// <param name="NucleiPerKg">Nuclei of this isotope per kg of detector material.</param>
/// <param name="Efficiency">ε(E_R) table with one column per analysis bin.</param>
public sealed record DetectorIsotope(Isotope Isotope, double NucleiPerKg, EfficiencyTable Efficiency);

/// <summary>One analysis bin: observed events and expected background (0 = no background subtraction), and which
/// efficiency column gives the signal acceptance into it.</summary>
public sealed record AnalysisBin(string Label, int Observed, double Background, int Column);

/// <summary>The recoil of one isotope at one m_X.</summary>
/// <param name="Isotope">Isotope name, e.g. "Xe-131".</param>
/// <param name="RecoilKeV">E_R = m_X²/(2(m_X + m_N)) in keVnr (DownScatteringCalculator, derived exactly).</param>
/// <param name="MomentumTransferMeV">q = sqrt(2 m_N E_R) (MeV).</param>
/// <param name="FormFactorSquared">F²_Helm(q, A).</param>
/// <param name="InWindow">E_R inside the analysis window.</param>
public sealed record IsotopeRecoil(string Isotope, double RecoilKeV, double MomentumTransferMeV, double FormFactorSquared, bool InWindow);

/// <summary>
/// A direct-detection experiment searched for the delta-like nuclear recoils of X N → ν N (seed 000 sec. VI).
///
/// Rate (seed 000 eq. (20)), per analysis bin b:
///   N_b = ε_exp · Σ_j n_j Γ_j ε_b(E_R,j) Θ(E_R,j ∈ window),  Γ_j = κ(m_X, m_N,j, r) (ρ_X/m_X) σ_NC c A_j² F_j²(q_j),
/// with Γ_j the kernel's one direct-detection rate per target nucleus (<see cref="DetectionFormulas.Rate"/>, used by
/// every detector; κ the physical factor of proof dd.sigma-nc-normalisation), ρ_X = 0.3 GeV cm⁻³
/// (Constants.LocalDMDensity_MeV_cm3), c in cm s⁻¹, ε_exp the exposure in kg·s, n_j the
/// nuclei of isotope j per kg (natural abundances, data/detection/isotopes.csv), E_R,j = m_X²/(2(m_X + m_N,j)) the
/// exact recoil (proof ds.recoil-exact; seed eq. (18) is its m_X ≪ m_N limit), F_j the Helm form factor at
/// q_j = sqrt(2 m_N,j E_R,j) (→ m_X), ε_b the acceptance into bin b (data/detection efficiency tables).
/// σ_NC enters as the velocity-independent product σv with v in units of c: the down-scattering is exothermic, so
/// σ ∝ 1/v and the rate does not depend on the halo velocity distribution; the factor c converts eq. (20), written
/// in natural units, to events per second. The coupling is coherent with y_n = y_p (A² scaling, seed eq. (20)).
/// Because the recoil is a line per isotope the expected counts are exact (no integral); the O(v) width of the
/// line (±2v ≈ ±0.5 %, proof ds.moving) is neglected.
///
/// Limit: a single-bin CLs upper limit at 90 % CL (<see cref="PoissonLimits"/>) in the bin chosen before looking at
/// its count — the one with the largest ratio of expected signal to median expected limit (background only). With
/// no background model (b = 0, e.g. CRESST-III) this is the bin that receives most of the signal, and the limit is
/// the classical Poisson one without background subtraction. Outside the analysis window, or where the acceptance
/// vanishes, the result is "no bound" (NaN), never a number.
/// </summary>
public sealed class DirectDetectionExperiment : IDownScatteringSearch
{
    private readonly double[] _expectedLimits;

    /// <summary>Builds an experiment from its parts (see <see cref="FromData"/> for the published ones).</summary>
    /// <param name="id">Identifier.</param>
    /// <param name="name">Display name.</param>
    /// <param name="reference">Publication.</param>
    /// <param name="isotopes">Target isotopes with nuclei per kg and efficiency tables.</param>
    /// <param name="exposureKgDays">Exposure, kg·day (&gt; 0).</param>
    /// <param name="bins">Analysis bins (at least one).</param>
    /// <param name="windowKeV">True-recoil window (keVnr) in which the acceptance is claimed.</param>
    /// <param name="confidenceLevel">Confidence level of the limits, in (0, 1).</param>
    public DirectDetectionExperiment(string id, string name, string reference, IReadOnlyList<DetectorIsotope> isotopes,
        double exposureKgDays, IReadOnlyList<AnalysisBin> bins, (double Lo, double Hi) windowKeV, double confidenceLevel = 0.90)
    {
        ArgumentNullException.ThrowIfNull(isotopes);
        ArgumentNullException.ThrowIfNull(bins);
        if (isotopes.Count == 0) throw new ArgumentException($"{name}: at least one target isotope is needed", nameof(isotopes));
        if (bins.Count == 0) throw new ArgumentException($"{name}: at least one analysis bin is needed", nameof(bins));
        Argument.Positive("exposure", exposureKgDays, "kg·day");
        Argument.Positive("window lower edge", windowKeV.Lo, "keVnr");
        if (!(windowKeV.Hi > windowKeV.Lo))
            throw new ArgumentOutOfRangeException(nameof(windowKeV), windowKeV.Hi, $"{name}: the window upper edge must exceed {windowKeV.Lo} keVnr, got {windowKeV.Hi}");
        Argument.InOpenInterval("confidence level", confidenceLevel, 0, 1, "");
        foreach (var b in bins)
        {
            if (b.Observed < 0) throw new ArgumentOutOfRangeException(nameof(bins), b.Observed, $"{name}: observed events in {b.Label} must be ≥ 0, got {b.Observed}");
            Argument.NonNegative($"background in {b.Label}", b.Background, "events");
        }
        Id = id;
        Name = name;
        Reference = reference;
        Isotopes = isotopes;
        ExposureKgDays = exposureKgDays;
        Bins = bins;
        WindowKeV = windowKeV;
        ConfidenceLevel = confidenceLevel;
        _expectedLimits = bins.Select(b => PoissonLimits.ExpectedUpperLimit(b.Background, confidenceLevel)).ToArray();
        double lo = double.PositiveInfinity, hi = 0;
        foreach (var i in isotopes)
        {
            lo = Math.Min(lo, DownScatteringCalculator.DarkMatterMassForRecoil(windowKeV.Lo * 1e-3, i.Isotope.Mass));
            hi = Math.Max(hi, DownScatteringCalculator.DarkMatterMassForRecoil(windowKeV.Hi * 1e-3, i.Isotope.Mass));
        }
        MassWindowMeV = (lo, hi);
    }

    public string Id { get; }
    public string Name { get; }
    public string Reference { get; }
    /// <summary>The target isotopes.</summary>
    public IReadOnlyList<DetectorIsotope> Isotopes { get; }
    /// <summary>Exposure, kg·day.</summary>
    public double ExposureKgDays { get; }
    /// <summary>The analysis bins.</summary>
    public IReadOnlyList<AnalysisBin> Bins { get; }
    /// <summary>True-recoil window (keVnr).</summary>
    public (double Lo, double Hi) WindowKeV { get; }
    /// <summary>Confidence level of the limits (0.90).</summary>
    public double ConfidenceLevel { get; }
    public (double Lo, double Hi) MassWindowMeV { get; }

    /// <summary>The recoil energy, momentum transfer, Helm F² and window flag of every target isotope at m_X (MeV).</summary>
    public IReadOnlyList<IsotopeRecoil> Recoils(double mX)
    {
        Argument.Positive("mX", mX, "MeV");
        return Isotopes.Select(i =>
        {
            double eR = DownScatteringCalculator.RecoilEnergy(mX, i.Isotope.Mass);
            double q = DownScatteringCalculator.MomentumTransfer(mX, i.Isotope.Mass);
            double f = FormFactors.Helm(q, i.Isotope.A);
            double keV = eR * 1e3;
            return new IsotopeRecoil(i.Isotope.Name, keV, q, f * f, keV >= WindowKeV.Lo && keV <= WindowKeV.Hi);
        }).ToList();
    }

    /// <summary>Expected signal events per unit σ_NC (events/cm²) in each bin at m_X (MeV): the kernel's rate per target
    /// (seed 000 eq. (20) with κ) × targets × exposure × acceptance.</summary>
    public double[] EventsPerCm2(double mX, double mediatorRatio = double.PositiveInfinity)
    {
        Argument.Positive("mX", mX, "MeV");
        Argument.PositiveOrInfinity("mediatorRatio", mediatorRatio);
        var recoils = Recoils(mX);
        double kgSeconds = ExposureKgDays * Constants.Day_s;
        var k = new double[Bins.Count];
        for (int j = 0; j < Isotopes.Count; j++)
        {
            var r = recoils[j];
            if (!r.InWindow) continue;
            var iso = Isotopes[j];
            // conversions per second per nucleus per cm² of σ_NC (σ_NC = 1 cm²)
            double perTarget = DetectionFormulas.Rate(mX, iso.Isotope.Mass, mediatorRatio, iso.Isotope.A, r.FormFactorSquared, Constants.LocalDMDensity_MeV_cm3, 1.0);
            // κ of the model in use (--model): its σv(χ N → ν N) over the seed model's; the default multiplies nothing
            if (!ModelInUse.IsDefault) perTarget *= ModelConversion.FactorOverSeed(mX, iso.Isotope.Mass, mediatorRatio);
            double weight = perTarget * kgSeconds * iso.NucleiPerKg;
            for (int b = 0; b < Bins.Count; b++)
                k[b] += weight * iso.Efficiency.Evaluate(Bins[b].Column, r.RecoilKeV);
        }
        return k;
    }

    /// <summary>Expected signal events in each bin for m_X (MeV) and σ_NC (cm², ≥ 0).</summary>
    public double[] ExpectedCountsPerBin(double mX, double sigmaNC_cm2, double mediatorRatio = double.PositiveInfinity)
    {
        Argument.NonNegative("sigmaNC", sigmaNC_cm2, "cm²");
        return EventsPerCm2(mX, mediatorRatio).Select(k => k * sigmaNC_cm2).ToArray();
    }

    public double ExpectedCounts(double mX, double sigmaNC_cm2, double mediatorRatio = double.PositiveInfinity) =>
        ExpectedCountsPerBin(mX, sigmaNC_cm2, mediatorRatio).Sum();

    public DownScatteringLimit SigmaNCLimit(double mX, double mediatorRatio = double.PositiveInfinity)
    {
        var recoils = Recoils(mX);
        if (!recoils.Any(r => r.InWindow))
        {
            double lo = recoils.Min(r => r.RecoilKeV), hi = recoils.Max(r => r.RecoilKeV);
            return DownScatteringLimit.None(Name, mX,
                $"E_R = {lo:G4}–{hi:G4} keVnr lies outside the analysis window [{WindowKeV.Lo:G4}, {WindowKeV.Hi:G4}] keVnr (m_X must be in [{MassWindowMeV.Lo:G4}, {MassWindowMeV.Hi:G4}] MeV)");
        }
        var k = EventsPerCm2(mX, mediatorRatio);
        int best = -1;
        double bestMetric = 0;
        for (int b = 0; b < k.Length; b++)
        {
            double metric = k[b] / _expectedLimits[b];
            if (metric > bestMetric) { bestMetric = metric; best = b; }
        }
        if (best < 0)
            return DownScatteringLimit.None(Name, mX, "the detection efficiency vanishes at the recoil energies in the window");
        var bin = Bins[best];
        double events = PoissonLimits.UpperLimit(bin.Observed, bin.Background, ConfidenceLevel);
        return new DownScatteringLimit(Name, mX, events / k[best], null, bin.Label, events, k[best]);
    }

    /// <summary>
    /// An experiment of data/detection/downscattering_experiments.csv (XENON1T_2018, DarkSide50_2018,
    /// DarkSide50_S2only_2018, CRESST-III_2019, PandaX-4T_2021): target, exposure, efficiency tables, bins, window.
    /// </summary>
    public static DirectDetectionExperiment FromData(string id)
    {
        var d = DownScatteringInputs.Instance;
        string name = d.Text(id, "display_name");
        // target: "Ca:1;W:1;O:4"
        var formula = d.List(id, "target").Select(p =>
        {
            var parts = p.Split(':');
            return new ElementCount(parts[0].Trim(), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }).ToList();
        var target = Nuclear.Compound(name, formula);
        var columns = d.List(id, "efficiency_columns");
        // efficiency file: one for all elements, or "El=file;El=file"
        var files = d.List(id, "efficiency_file");
        var tables = new Dictionary<string, EfficiencyTable>();
        if (files.Length == 1 && !files[0].Contains('='))
            foreach (var e in formula) tables[e.Element] = EfficiencyTable.Read(files[0], columns);
        else
            foreach (var f in files)
            {
                var kv = f.Split('=');
                tables[kv[0].Trim()] = EfficiencyTable.Read(kv[1].Trim(), columns);
            }
        var perKg = target.NucleiInMass(1.0);
        var isotopes = perKg.Select(t =>
        {
            return tables.TryGetValue(t.Isotope.Element, out var tab)
                ? new DetectorIsotope(t.Isotope, t.Count, tab)
                : throw new FormatException($"{DownScatteringInputs.File}: {id} has no efficiency table for element {t.Isotope.Element}");
        }).ToList();
        double exposure = d.Has(id, "exposure_kg_day") ? d.Number(id, "exposure_kg_day") : d.Number(id, "mass_kg") * d.Number(id, "live_days");
        var labels = d.List(id, "bin_labels");
        var observed = d.Numbers(id, "observed");
        var background = d.Numbers(id, "background");
        if (labels.Length != columns.Length || observed.Length != columns.Length || background.Length != columns.Length)
            throw new FormatException($"{DownScatteringInputs.File}: {id} lists {columns.Length} efficiency columns, {labels.Length} labels, {observed.Length} observed and {background.Length} background values");
        var bins = Enumerable.Range(0, columns.Length)
            .Select(b => new AnalysisBin(labels[b], checked((int)observed[b]), background[b], b)).ToList();
        var window = d.Numbers(id, "window_keVnr");
        return new DirectDetectionExperiment(id, name, d.Text(id, "reference"), isotopes, exposure, bins, (window[0], window[1]));
    }
}
