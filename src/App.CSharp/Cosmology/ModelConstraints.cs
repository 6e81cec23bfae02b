using NuDM.Physics;

namespace NuDM.App.Cosmology;

/// <summary>
/// Couplings of the X–φ–ν model (seed 000 eq. 1) used by the combined constraint figures: the proton coupling from a
/// universal quark coupling (seed 000 eqs. 8–9), σ_NC from the couplings (sec. VII; the inverse is DetectionFormulas.CouplingForSigmaNCAt), and the kinetic-decoupling bound in both
/// planes. Masses in MeV, cross sections in cm².
/// </summary>
public static class ModelConstraints
{
    /// <summary>y_p = (y_p/y_q) y_q for a universal quark coupling (Hoferichter et al. f_Tq, PDG 2018 masses, heavy quarks included).</summary>
    /// <remarks>The ratio y_p/y_q is computed once per data folder (the kernel's evaluation builds its 16 parameters in
    /// new arrays, ~2 kB per call, and scans call this several times per point) and reused: the same number.</remarks>
    public static double ProtonCoupling(double yq) => ProtonRatio() * yq;

    /// <summary>y_p/y_q of the data folder in use, with that folder (the kernel's tables are per data folder).</summary>
    private sealed record RatioOfFolder(string DataDirectory, double Ratio);

    private static RatioOfFolder? _protonRatio;

    private static double ProtonRatio()
    {
        string folder = DataFiles.Directory;
        var known = Volatile.Read(ref _protonRatio);
        if (known is not null && string.Equals(known.DataDirectory, folder, StringComparison.Ordinal)) return known.Ratio;
        var fresh = new RatioOfFolder(folder, Couplings.UniversalRatio(Nucleon.Proton, QuarkMassSet.PDG2018, true));
        Volatile.Write(ref _protonRatio, fresh); // a race only computes the same ratio twice
        return fresh.Ratio;
    }

    /// <summary>σ_NC = y_X² y_p² m_X²/(16π m_φ⁴) (seed 000 sec. VII), cm².</summary>
    public static double SigmaNC(double yX, double yp, double mX, double mPhi) => Couplings.SigmaNC_cm2(yX, yp, mX, mPhi);

    /// <summary>The kinetic-decoupling bound on y_X (Lyman-α: T_KD &gt; 1.41 keV) at m_X and r = m_φ/m_X; NaN (no bound, a gap in
    /// a figure) where it needs the rate at temperatures where the thermal neutrinos reach the φ resonance
    /// (<see cref="KernelCosmology.LymanAlphaCouplingBound"/> throws with that reason).</summary>
    public static double KineticDecouplingYX(double mX, double r)
    {
        try { return KernelCosmology.LymanAlphaCouplingBound(mX, r); }
        catch (DecouplingNotFoundException e) when (e.Failure == DecouplingFailure.AtResonance) { return double.NaN; }
    }

    /// <summary>The kinetic-decoupling bound in the σ_NC plane with y_q at the kaon bound (seed 000 Fig. 2 caption).</summary>
    public static double KineticDecouplingSigmaNC(double mX, double r)
    {
        double y = KineticDecouplingYX(mX, r);
        if (double.IsPositiveInfinity(y) || double.IsNaN(y)) return double.NaN;
        return SigmaNC(y, ProtonCoupling(KaonBounds.AnchorCoupling), mX, r * mX); // y_q at the E787/E949 bound, seed 000 eq. (2)
    }
}
