using NuDM.Physics;

namespace NuDM.App.Constraints;

/// <summary>
/// One published X-ray limit on sterile-neutrino mixing, sin²2θ(m_s) ≤ <see cref="At"/>, read from data/ through the
/// validating reader (schema in DataCatalog: strictly increasing m_s after the file's declared sorting and merging,
/// 0 &lt; sin²2θ ≤ 1). Masses in MeV (the files give keV). The sterile neutrino decays as ν_s → νγ with E_γ = m_s/2 and
/// X as X → νγ with E_γ = m_X/2, so the limit at m_s applies at m_X = m_s (seed 000 sec. II.A).
/// </summary>
public sealed class XrayMixingLimit
{
    private readonly double[] _lnM, _lnS;

    internal XrayMixingLimit(string table, string label, string reference, double[] massMeV, double[] sin2TwoTheta)
    {
        Table = table;
        Label = label;
        Reference = reference;
        MassMeV = Array.AsReadOnly(massMeV);
        Sin2TwoTheta = Array.AsReadOnly(sin2TwoTheta);
        _lnM = massMeV.Select(m => Math.Log(m)).ToArray();     // numerics: log–log interpolation
        _lnS = sin2TwoTheta.Select(s => Math.Log(s)).ToArray(); // numerics: log–log interpolation
    }

    /// <summary>The table under data/ (DataCatalog name, e.g. <c>constraints/xray_sterile/snu_limits.yaml#boyarsky2007_integral</c>).</summary>
    public string Table { get; }
    /// <summary>Short name for legends and tables: instrument, target and publication.</summary>
    public string Label { get; }
    /// <summary>The publication (journal and arXiv number).</summary>
    public string Reference { get; }
    /// <summary>The digitised masses m_s = m_X in MeV, strictly increasing.</summary>
    public IReadOnlyList<double> MassMeV { get; }
    /// <summary>The upper limit on sin²2θ at each mass.</summary>
    public IReadOnlyList<double> Sin2TwoTheta { get; }
    /// <summary>Smallest mass the curve covers (MeV).</summary>
    public double MinMassMeV => MassMeV[0];
    /// <summary>Largest mass the curve covers (MeV).</summary>
    public double MaxMassMeV => MassMeV[^1];

    /// <summary>
    /// The limit on sin²2θ at <paramref name="mMeV"/> (MeV, finite and &gt; 0): linear in log m–log sin²2θ between the two
    /// neighbouring digitised points (exact at a point), null outside [<see cref="MinMassMeV"/>, <see cref="MaxMassMeV"/>]
    /// — a published limit is never extrapolated.
    /// </summary>
    public double? At(double mMeV)
    {
        XrayMixingLimits.CheckMass(mMeV, nameof(mMeV));
        if (mMeV < MinMassMeV || mMeV > MaxMassMeV) return null;
        int i = Array.BinarySearch(_lnM, Math.Log(mMeV)); // numerics: locate the interval
        if (i >= 0) return Sin2TwoTheta[i];
        int hi = ~i;
        if (hi == 0) return Sin2TwoTheta[0];            // the log of the first point rounded above ln m
        if (hi == _lnM.Length) return Sin2TwoTheta[^1]; // the same at the last point
        int lo = hi - 1;
        double t = (Math.Log(mMeV) - _lnM[lo]) / (_lnM[hi] - _lnM[lo]); // numerics: interpolation weight
        return Math.Exp(_lnS[lo] + t * (_lnS[hi] - _lnS[lo]));         // numerics: log–log interpolation
    }
}

/// <summary>The strongest X-ray limit at one mass: sin²2θ ≤ <paramref name="Sin2TwoThetaMax"/> from <paramref name="Source"/>.</summary>
/// <param name="MassMeV">m_X = m_s in MeV.</param>
/// <param name="Sin2TwoThetaMax">The smallest (strongest) upper limit on sin²2θ among the curves covering the mass.</param>
/// <param name="Source">The curve it comes from.</param>
public sealed record XrayBound(double MassMeV, double Sin2TwoThetaMax, XrayMixingLimit Source);

/// <summary>
/// The X-ray limits on sterile-neutrino mixing used to recast into a y_X bound (seed 000 sec. II.A), and their envelope:
/// at each mass the strongest (smallest sin²2θ) of the curves that cover it. Chosen as the strongest published limits of
/// the project's data collection somewhere between 10 keV (the program's smallest DM mass) and 14.08 MeV (the end of the
/// only MeV-range limit, INTEGRAL/SPI); data/constraints/README.md lists them, the ones left out and why. Outside the
/// covered masses there is no constraint (null), never an extrapolation; below <see cref="LowestMassMeV"/> Chandra and
/// XMM-Newton limits that are not shipped are stronger, so the envelope gives none there rather than a weaker one.
/// Digitisation noise (about 1 % in sin²2θ) passes into y_X as half of it (y_X ∝ sqrt(sin²2θ)).
/// </summary>
public static class XrayMixingLimits
{
    /// <summary>Below this mass (10 keV, in MeV) the envelope gives no constraint: the shipped limits are not the strongest there.</summary>
    public const double LowestMassMeV = 0.01;

    private const double KeVPerMeV = 1000;

    /// <summary>The curves: DataCatalog table, label, publication.</summary>
    private static readonly (string Table, string Label, string Reference)[] Sources =
    [
        ("constraints/xray_sterile/LimitsRoach2022_MWHalo.csv", "NuSTAR Milky Way halo (Roach et al. 2023)", "Phys. Rev. D 107, 023009 (2023), arXiv:2207.04572"),
        ("constraints/xray_sterile/snu_limits.yaml#roach2019_nustar_bulge", "NuSTAR Galactic bulge (Roach et al. 2020)", "Phys. Rev. D 101, 103011 (2020), arXiv:1908.09037"),
        ("constraints/xray_sterile/snu_limits.yaml#ng2019_nustar_m31", "NuSTAR M31 (Ng et al. 2019)", "Phys. Rev. D 99, 083005 (2019), arXiv:1901.01262"),
        ("constraints/xray_sterile/snu_limits.yaml#perez2016_nustar_gc", "NuSTAR Galactic Centre (Perez et al. 2017)", "Phys. Rev. D 95, 123002 (2017), arXiv:1609.00667"),
        ("constraints/xray_sterile/snu_limits.yaml#boyarsky2007_integral", "INTEGRAL/SPI (Boyarsky et al. 2008)", "Mon. Not. R. Astron. Soc. 387, 1345 (2008), arXiv:0710.4922"),
    ];

    /// <summary>The curves, read once per data folder (a fault in a file is a DataFileException with file, line, column).</summary>
    public static IReadOnlyList<XrayMixingLimit> All =>
        DataFiles.Cached<IReadOnlyList<XrayMixingLimit>>("xray-mixing-limits", () => Sources.Select(s =>
        {
            var t = DataFiles.Table(s.Table);
            return new XrayMixingLimit(s.Table, s.Label, s.Reference,
                t.Numbers("m_s_keV").Select(k => k / KeVPerMeV).ToArray(), t.Numbers("sin2_2theta"));
        }).ToList());

    /// <summary>The masses (MeV) where the envelope gives a constraint: from the larger of <see cref="LowestMassMeV"/> and the lowest curve's start to the highest curve's end (the union is one interval).</summary>
    public static (double FromMeV, double ToMeV) Coverage =>
        (Math.Max(LowestMassMeV, All.Min(c => c.MinMassMeV)), All.Max(c => c.MaxMassMeV));

    /// <summary>
    /// The strongest limit at m_X (MeV, finite and &gt; 0): the smallest sin²2θ among the curves covering it, with its
    /// source; null where no curve covers the mass or below <see cref="LowestMassMeV"/> ("no constraint").
    /// </summary>
    public static XrayBound? Strongest(double mXMeV)
    {
        CheckMass(mXMeV, nameof(mXMeV));
        if (mXMeV < LowestMassMeV) return null;
        XrayBound? best = null;
        foreach (var c in All)
            if (c.At(mXMeV) is double s && (best is null || s < best.Sin2TwoThetaMax))
                best = new XrayBound(mXMeV, s, c);
        return best;
    }

    /// <summary>
    /// Masses (MeV, increasing) at which to draw the envelope between <paramref name="fromMeV"/> and
    /// <paramref name="toMeV"/>: every digitised point of every curve there, and the two ends, where the envelope is
    /// defined; empty when it is defined nowhere in the range.
    /// </summary>
    public static double[] SampleMasses(double fromMeV, double toMeV)
    {
        CheckMass(fromMeV, nameof(fromMeV));
        CheckMass(toMeV, nameof(toMeV));
        if (!(toMeV > fromMeV)) throw new ArgumentOutOfRangeException(nameof(toMeV), toMeV, $"toMeV must exceed fromMeV = {fromMeV}");
        return All.SelectMany(c => c.MassMeV).Append(fromMeV).Append(toMeV)
            .Where(m => m >= fromMeV && m <= toMeV && Strongest(m) is not null)
            .Distinct().Order().ToArray();
    }

    internal static void CheckMass(double m, string name)
    {
        if (!(m > 0) || !double.IsFinite(m)) throw new ArgumentOutOfRangeException(name, m, $"{name} must be a finite mass > 0 MeV");
    }
}
