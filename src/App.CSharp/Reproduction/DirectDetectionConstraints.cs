using NuDM.App.Detection;

namespace NuDM.App.Reproduction;

/// <summary>
/// Shared scan of an X N → ν N search for seed 000 Fig. 2: the 90 % CL σ_NC limit on a logarithmic m_X grid
/// (0.5–1000 MeV, 320 points) plus the edges of the search's mass window, NaN where the search has no bound.
/// The bound does not depend on r = m_φ/m_X: σ_NC is the physical parameter of seed 000 eq. (20). Each point is a
/// closed-form count (delta-like recoil) and a one-dimensional Poisson root, so no checkpoint is needed.
/// </summary>
public abstract class DownScatteringSigmaNC : ISigmaNCConstraint
{
    /// <summary>The searches combined into this curve; their mass windows must not overlap (no trials factor).</summary>
    protected abstract IReadOnlyList<IDownScatteringSearch> Searches { get; }

    public abstract string Name { get; }

    /// <summary>The m_X grid (MeV) the curve is evaluated on.</summary>
    public double[] Masses()
    {
        const int n = 320;
        double lo = Math.Log(0.5), hi = Math.Log(1000.0); // numerics: a grid uniform in ln m_X
        var m = Enumerable.Range(0, n).Select(i => Math.Exp(lo + (hi - lo) * i / (n - 1))).ToList(); // numerics: the grid's masses
        foreach (var s in Searches)
        {
            m.Add(s.MassWindowMeV.Lo * (1 + 1e-9));
            m.Add(s.MassWindowMeV.Hi * (1 - 1e-9));
        }
        return m.Distinct().Order().ToArray();
    }

    /// <summary>The limit at one mass: the bound of the search whose window contains m_X (NaN if none).</summary>
    public DownScatteringLimit Limit(double mX, double mediatorRatio = double.PositiveInfinity)
    {
        DownScatteringLimit? first = null;
        foreach (var s in Searches)
        {
            var l = s.SigmaNCLimit(mX, mediatorRatio);
            if (l.HasBound) return l;
            first ??= l;
        }
        return first!;
    }

    public SigmaNCCurve Curve(double r, FigureContext context, Action<double> progress)
    {
        NuDM.Physics.Argument.Positive("r", r, "(r = m_φ/m_X)");
        var masses = Masses();
        var sigma = new double[masses.Length];
        for (int i = 0; i < masses.Length; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            sigma[i] = Limit(masses[i], r).SigmaNC_cm2;
            progress((i + 1.0) / masses.Length);
        }
        return new SigmaNCCurve(Name, masses, sigma);
    }
}

/// <summary>XENON1T 2018 (1.0 t·yr), two cS1 bins of the NR reference region (DDCalc); window 4.9–40.9 keVnr.</summary>
public sealed class Xenon1TSigmaNC : DownScatteringSigmaNC
{
    public override string Name => "XENON1T";
    protected override IReadOnlyList<IDownScatteringSearch> Searches => [DirectDetection.Xenon1T];
}

/// <summary>DarkSide-50: the S2-only low-mass search (2.6–27 MeV) and the 532-day search (52–122 MeV); the
/// windows are disjoint, so each mass has at most one bound.</summary>
public sealed class DarkSide50SigmaNC : DownScatteringSigmaNC
{
    public override string Name => "DarkSide-50";
    protected override IReadOnlyList<IDownScatteringSearch> Searches => [DirectDetection.DarkSide50S2Only, DirectDetection.DarkSide50];
}

/// <summary>CRESST-III CaWO₄ (2019), ten bins, no background subtraction.</summary>
public sealed class CresstIIISigmaNC : DownScatteringSigmaNC
{
    public override string Name => "CRESST-III";
    protected override IReadOnlyList<IDownScatteringSearch> Searches => [DirectDetection.CresstIII];
}

/// <summary>PandaX-4T commissioning run (2021), 0.63 t·yr, window 5–100 keVnr.</summary>
public sealed class PandaX4TSigmaNC : DownScatteringSigmaNC
{
    public override string Name => "PandaX-4T";
    protected override IReadOnlyList<IDownScatteringSearch> Searches => [DirectDetection.PandaX4T];
}

/// <summary>Borexino proton recoils: rate bound in the ⁸B window above 3 MeVee (see BorexinoDownScattering).</summary>
public sealed class BorexinoSigmaNC : DownScatteringSigmaNC
{
    public override string Name => "Borexino";
    protected override IReadOnlyList<IDownScatteringSearch> Searches => [DirectDetection.Borexino];
}

/// <summary>The five direct-detection constraints, for <c>Seed000Figure2.Constraints</c>.</summary>
public static class DirectDetectionConstraints
{
    /// <summary>XENON1T, DarkSide-50, CRESST-III, PandaX-4T, Borexino.</summary>
    public static IReadOnlyList<ISigmaNCConstraint> All { get; } =
        [new Xenon1TSigmaNC(), new DarkSide50SigmaNC(), new CresstIIISigmaNC(), new PandaX4TSigmaNC(), new BorexinoSigmaNC()];
}
