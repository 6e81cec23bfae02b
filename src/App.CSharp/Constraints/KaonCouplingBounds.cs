using System.Globalization;
using System.Text;
using NuDM.Physics;

namespace NuDM.App.Constraints;

/// <summary>One row of the kaon bound table (branching ratios in units of 10⁻¹¹).</summary>
/// <param name="Label">"E787+E949 1995-2002 stopped K+", "NA62 2016-2022", …</param>
/// <param name="Central">Measured BR, 10⁻¹¹.</param>
/// <param name="ErrorPlus">Upper error, 10⁻¹¹.</param>
/// <param name="BsmAllowance">A = (B − B_SM) + 1.2816 sqrt(σ₊² + σ_SM²), 10⁻¹¹ (one-sided 90 % CL).</param>
/// <param name="YqMax">y_q,max = 1.58 × 10⁻⁴ sqrt(A/A_E787/E949), flat for m_φ &lt; m_K − m_π.</param>
/// <param name="Preliminary">True for results the data file marks preliminary.</param>
/// <param name="Reference">Publication.</param>
public sealed record KaonBoundRow(string Label, double Central, double ErrorPlus, double BsmAllowance, double YqMax, bool Preliminary, string Reference);

/// <summary>
/// Bounds on the φ–quark coupling y_q from K⁺ → π⁺ + invisible (seed 000 sec. II, eq. 2) for E787/E949 and each NA62
/// result in data/detection/kaon_pi_nunu.csv. This is a rescaling of the seed's 1.58 × 10⁻⁴, not a new calculation:
/// BR(K⁺ → π⁺φ) ∝ y_q², so y_q,max = 1.58 × 10⁻⁴ sqrt(A/A_E787/E949) with A the 90 % CL BSM allowance (see
/// <see cref="KaonBounds"/> in the kernel, proof kaon.rescaling). Flat in m_φ below m_K − m_π = 354.1 MeV, absent above.
/// </summary>
public static class KaonCouplingBounds
{
    /// <summary>The table (E787/E949 first, then NA62 in the order of the data file).</summary>
    public static IReadOnlyList<KaonBoundRow> Table() =>
        KaonBounds.Table().Select(b => new KaonBoundRow(b.Measurement.Label, b.Measurement.Central, b.Measurement.ErrorPlus,
            b.BsmAllowance, b.YqMax, b.Measurement.IsPreliminary, b.Measurement.Reference)).ToList();

    /// <summary>
    /// y_q,max against m_φ (MeV) for every row: flat below the endpoint, NaN (no constraint) above; with
    /// <paramref name="phaseSpace"/> the optional two-body phase-space scaling (anchor at m_φ → 0, constant effective
    /// coupling, no acceptance — a model assumption, off by default).
    /// </summary>
    public static IReadOnlyList<ConstraintCurve> Curves(double[] mPhi, bool phaseSpace = false)
    {
        ArgumentNullException.ThrowIfNull(mPhi);
        foreach (var m in mPhi)
            if (!(m >= 0) || !double.IsFinite(m)) throw new ArgumentOutOfRangeException(nameof(mPhi), m, "every m_phi must be a finite number ≥ 0 MeV");
        var src = phaseSpace
            ? "seed 000 eq. (2) rescaled with data/detection/kaon_pi_nunu.csv; × (p_π(m_φ)/p_π(0))^(-1/2)"
            : "seed 000 eq. (2) rescaled with data/detection/kaon_pi_nunu.csv; flat below m_K − m_π";
        return KaonBounds.Table().Select(b => new ConstraintCurve(
            b.Measurement.Label + (b.Measurement.IsPreliminary ? " (preliminary)" : ""), "MeV", (double[])mPhi.Clone(), "1",
            mPhi.Select(m => KaonBounds.YqMaxAt(b, m, phaseSpace)).ToArray(), src)).ToList();
    }

    /// <summary>The table as aligned text (for reports and the command line).</summary>
    public static string FormatTable()
    {
        var sm = KaonBounds.StandardModel();
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"K+ -> pi+ + invisible: y_q,max = 1.58e-4 sqrt(A/A_E949) (rescaling of seed 000 eq. 2, not a new calculation)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"A = (B - B_SM) + 1.2816 sqrt(err+^2 + err_SM^2), B_SM = {sm.Central} +- {sm.ErrorPlus} (1e-11); flat for m_phi < {KaonBounds.KinematicEndpoint_MeV:F1} MeV");
        sb.AppendLine("measurement                          B (1e-11)        A (1e-11)   y_q,max");
        foreach (var r in Table())
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"{(r.Label + (r.Preliminary ? " [prelim.]" : "")),-36} {r.Central,5:F1} +{r.ErrorPlus,-5:F1}     {r.BsmAllowance,8:F2}    {r.YqMax:E2}");
        return sb.ToString();
    }
}
