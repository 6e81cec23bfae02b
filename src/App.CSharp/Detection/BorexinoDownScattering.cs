using MathNet.Numerics.Distributions;
using NuDM.Physics;

namespace NuDM.App.Detection;

/// <summary>
/// Borexino as a detector of X p → ν p in its pseudocumene (C₉H₁₂) scintillator (seed 000 sec. VI). Inputs:
/// data/detection/borexino_downscattering.csv (every number with its status; the statistical treatment is this
/// project's choice, since seed 000 gives no Borexino count data).
///
/// Signal: the proton recoils with the exact E_R = m_X²/(2(m_X + m_p)) (DownScatteringCalculator); its light is
/// E_vis = ∫₀^E_R dE/(1 + kB dE/dx) (Birks, <see cref="BirksLightYield"/>) with dE/dx from the Bethe formula in
/// C₉H₁₂ (I from Bragg additivity, <see cref="QuenchingFormulas.Medium"/>). Events per unit σ_NC:
///   k = Γ(m_X, m_p, r, A = 1, F² = 1, ρ_X, σ_NC = 1 cm²) · N_H · t · ε_sig · Θ(E_vis ∈ window),
/// with Γ the kernel's one direct-detection rate per target (<see cref="DetectionFormulas.Rate"/>: seed 000 eq. (20)
/// with the physical factor κ; σ_NC is the DM–proton cross section itself). Carbon is
/// left out (conservative): its recoil m_X²/(2(m_X + m_C)) stays below the 3 MeVee window edge, even unquenched,
/// for m_X &lt; 262 MeV, i.e. over the whole proton window.
///
/// Statistics (assumption): the measured rate R of neutrino-like events in a visible-energy window — Borexino's ⁸B
/// analysis, R = 0.220 (+0.015 −0.016 stat, ±0.006 syst) cpd/100 t above 3 MeV from 1.5 kt·yr (arXiv:1709.00756)
/// — bounds any additional component: R_DM ≤ R + z_CL σ_R with z_0.90 = 1.2816 and σ_R the upward statistical and
/// systematic errors in quadrature (0.2407 cpd/100 t). No solar-model subtraction is made (the whole ⁸B rate may be
/// DM), so the bound is conservative. Outside the window — including the seed's 70 keVee threshold region, for
/// which no count rate is available — there is no bound.
/// </summary>
public sealed class BorexinoDownScattering : IDownScatteringSearch
{
    private const string File = "detection/borexino_downscattering.csv";
    private readonly DataTable _rows;

    public string Id => "Borexino";
    public string Name => "Borexino";
    public string Reference => "Borexino, arXiv:1709.00756 (⁸B rate above 3 MeV, 1.5 kt·yr); threshold and quenching per seed 000 sec. VI";

    /// <summary>Scintillator formula (C9H12).</summary>
    public string Scintillator { get; }
    /// <summary>Hydrogen (¹H) nuclei per tonne of scintillator.</summary>
    public double ProtonsPerTonne { get; }
    /// <summary>Carbon nuclei per tonne of scintillator (not used in the limit; reported).</summary>
    public double CarbonPerTonne { get; }
    /// <summary>Proton light yield (Birks with Bethe dE/dx).</summary>
    public BirksLightYield Light { get; }
    /// <summary>Seed 000's electron-equivalent threshold (keVee).</summary>
    public double ThresholdKeVee { get; }
    /// <summary>Seed 000's proton-recoil threshold (keV) that its quenching assigns to 70 keVee.</summary>
    public double SeedThresholdProtonKeV { get; }
    /// <summary>Visible-energy window (keVee) with a measured rate.</summary>
    public (double Lo, double Hi) WindowKeVee { get; }
    /// <summary>Measured rate in the window (cpd/100 t) and its upward error (stat ⊕ syst).</summary>
    public double WindowRate { get; }
    public double WindowRateError { get; }
    /// <summary>Exposure of the window measurement (tonne·year).</summary>
    public double ExposureTonneYears { get; }
    /// <summary>Signal efficiency (assumption, 1).</summary>
    public double SignalEfficiency { get; }
    /// <summary>Confidence level (0.90).</summary>
    public double ConfidenceLevel { get; }
    public (double Lo, double Hi) MassWindowMeV { get; }

    public BorexinoDownScattering()
    {
        _rows = DataFiles.Table(File);
        Scintillator = Text("scintillator_formula");
        var perTonne = Nuclear.Target(Scintillator).NucleiInMass(1000.0);
        ProtonsPerTonne = perTonne.Where(t => t.Isotope.Element == "H" && t.Isotope.A == 1).Sum(t => t.Count);
        CarbonPerTonne = perTonne.Where(t => t.Isotope.Element == "C").Sum(t => t.Count);
        var medium = QuenchingFormulas.Medium(Scintillator,
            new Dictionary<string, double> { ["H"] = Number("mean_excitation_H"), ["C"] = Number("mean_excitation_C") }, Number("density"));
        Light = new BirksLightYield(new ProtonStopping(medium), Number("birks_kB"));
        ThresholdKeVee = Number("threshold_keVee");
        SeedThresholdProtonKeV = Number("seed_threshold_proton_keV");
        var w = _rows.Find("quantity", "window_keVee").Numbers("value", ';', CellRule.Positive);
        if (w.Length != 2 || !(w[1] > w[0]))
            throw _rows.Find("quantity", "window_keVee").Error("value", "the window is two energies lo;hi with lo < hi (keVee)");
        WindowKeVee = (w[0], w[1]);
        WindowRate = Number("window_rate");
        WindowRateError = Math.Sqrt(Math.Pow(Number("window_rate_stat_plus", CellRule.NonNegative), 2) + Math.Pow(Number("window_rate_syst", CellRule.NonNegative), 2)); // statistics: errors in quadrature
        ExposureTonneYears = Number("window_exposure") * 1000.0;
        SignalEfficiency = Number("signal_efficiency", CellRule.Fraction);
        ConfidenceLevel = Number("confidence_level", CellRule.Fraction);
        MassWindowMeV = (ThresholdMass(WindowKeVee.Lo), ThresholdMass(WindowKeVee.Hi));
    }

    private string Text(string q) => _rows.Find("quantity", q)["value"];
    private double Number(string q, CellRule rule = CellRule.Positive) => _rows.Find("quantity", q).Number("value", rule);

    /// <summary>Proton recoil (MeV) of X p → ν p at m_X (MeV), exact.</summary>
    public double ProtonRecoil(double mX) => DownScatteringCalculator.RecoilEnergy(Argument.Positive("mX", mX, "MeV"), Constants.ProtonMass);

    /// <summary>Electron-equivalent visible energy (keVee) of the proton recoil at m_X (MeV).</summary>
    public double VisibleKeVee(double mX) => Light.VisibleEnergy(ProtonRecoil(mX)) * 1e3;

    /// <summary>The m_X (MeV) whose proton recoil gives <paramref name="keVee"/> of light.</summary>
    public double ThresholdMass(double keVee) =>
        DownScatteringCalculator.DarkMatterMassForRecoil(Light.ProtonEnergyForVisible(Argument.Positive("E_vis", keVee, "keVee") * 1e-3), Constants.ProtonMass);

    /// <summary>The 90 % CL bound on the DM-induced rate in the window: R + z σ_R (cpd/100 t).</summary>
    public double RateBound => WindowRate + Normal.InvCDF(0, 1, ConfidenceLevel) * WindowRateError;

    /// <summary>The bound as events in the exposure of the window measurement.</summary>
    public double EventBound => RateBound * (ExposureTonneYears / 100.0) * (Constants.Year_s / Constants.Day_s);

    /// <summary>Events per unit σ_NC (events/cm²) with E_vis in the window, in the window's exposure.</summary>
    public double EventsPerCm2(double mX, double mediatorRatio = double.PositiveInfinity)
    {
        double vis = VisibleKeVee(mX);
        if (vis < WindowKeVee.Lo || vis > WindowKeVee.Hi) return 0.0;
        double perProton = DetectionFormulas.Rate(mX, Constants.ProtonMass, mediatorRatio, 1.0, 1.0, Constants.LocalDMDensity_MeV_cm3, 1.0); // s⁻¹ per cm² of σ_NC
        // κ of the model in use (--model): its σv(χ p → ν p) over the seed model's; the default multiplies nothing
        if (!ModelInUse.IsDefault) perProton *= ModelConversion.FactorOverSeed(mX, Constants.ProtonMass, mediatorRatio);
        return perProton * ProtonsPerTonne * ExposureTonneYears * Constants.Year_s * SignalEfficiency;
    }

    public double ExpectedCounts(double mX, double sigmaNC_cm2, double mediatorRatio = double.PositiveInfinity)
    {
        Argument.NonNegative("sigmaNC", sigmaNC_cm2, "cm²");
        return EventsPerCm2(mX, mediatorRatio) * sigmaNC_cm2;
    }

    public DownScatteringLimit SigmaNCLimit(double mX, double mediatorRatio = double.PositiveInfinity)
    {
        double vis = VisibleKeVee(mX);
        if (vis < ThresholdKeVee)
            return DownScatteringLimit.None(Name, mX, $"the proton recoil gives {vis:G4} keVee, below the {ThresholdKeVee:G3} keVee threshold");
        if (vis < WindowKeVee.Lo || vis > WindowKeVee.Hi)
            return DownScatteringLimit.None(Name, mX,
                $"the proton recoil gives {vis:G4} keVee, outside the window [{WindowKeVee.Lo:G4}, {WindowKeVee.Hi:G4}] keVee with a measured rate (m_X must be in [{MassWindowMeV.Lo:G4}, {MassWindowMeV.Hi:G4}] MeV)");
        double k = EventsPerCm2(mX, mediatorRatio);
        return new DownScatteringLimit(Name, mX, EventBound / k, null, $"E_vis {WindowKeVee.Lo:G4}–{WindowKeVee.Hi:G4} keVee", EventBound, k);
    }
}
