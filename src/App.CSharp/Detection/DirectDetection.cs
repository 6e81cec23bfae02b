using NuDM.Physics;

namespace NuDM.App.Detection;

/// <summary>
/// The X N → ν N searches (seed 000 sec. VI–VII), built from data/detection. Each is loaded once per data folder, on first use.
/// <code>
/// var xe = DirectDetection.Xenon1T;
/// double n = xe.ExpectedCounts(50.0, 1e-49);        // events in 1 t·yr for m_X = 50 MeV, σ_NC = 1e-49 cm²
/// var lim = xe.SigmaNCLimit(50.0);                  // 90 % CL; lim.HasBound, lim.SigmaNC_cm2, lim.NoBoundReason
/// foreach (var s in DirectDetection.All) Console.WriteLine(s.SigmaNCLimit(80.0));
/// </code>
/// </summary>
public static class DirectDetection
{
    // once per data folder (DataFiles.Cached), so an edited copy of data/ is read afresh
    private static DirectDetectionExperiment Search(string id) => DataFiles.Cached("detection.search." + id, () => DirectDetectionExperiment.FromData(id));

    /// <summary>XENON1T 2018 (1.0 t·yr; two cS1 bins of the 0.65 t NR reference region, DDCalc).</summary>
    public static DirectDetectionExperiment Xenon1T => Search("XENON1T_2018");
    /// <summary>DarkSide-50 532.4 live days (2018), 0 observed / 0.09 background.</summary>
    public static DirectDetectionExperiment DarkSide50 => Search("DarkSide50_2018");
    /// <summary>DarkSide-50 S2-only low-mass search (2018), three bins.</summary>
    public static DirectDetectionExperiment DarkSide50S2Only => Search("DarkSide50_S2only_2018");
    /// <summary>CRESST-III CaWO₄ (2019), ten bins 30 eV–1 keV, no background subtraction.</summary>
    public static DirectDetectionExperiment CresstIII => Search("CRESST-III_2019");
    /// <summary>PandaX-4T commissioning run (2021), 0.63 t·yr, 6 observed / 9.8 background.</summary>
    public static DirectDetectionExperiment PandaX4T => Search("PandaX-4T_2021");
    /// <summary>Borexino proton recoils (rate bound above 3 MeVee).</summary>
    public static BorexinoDownScattering Borexino => DataFiles.Cached("detection.borexino", () => new BorexinoDownScattering());

    /// <summary>All searches, in the order XENON1T, DarkSide-50, DarkSide-50 S2-only, CRESST-III, PandaX-4T, Borexino.</summary>
    public static IReadOnlyList<IDownScatteringSearch> All => [Xenon1T, DarkSide50, DarkSide50S2Only, CresstIII, PandaX4T, Borexino];

    /// <summary>A search by <see cref="IDownScatteringSearch.Id"/> (case-insensitive).</summary>
    public static IDownScatteringSearch Get(string id) =>
        All.FirstOrDefault(s => string.Equals(s.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown search '{id}'; known: {string.Join(", ", All.Select(s => s.Id))}", nameof(id));
}
