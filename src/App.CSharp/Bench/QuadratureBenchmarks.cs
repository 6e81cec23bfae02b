using NuDM.App.Cosmology;
using NuDM.Physics;
using Integrate = MathNet.Numerics.Integrate;

namespace NuDM.App.Bench;

/// <summary>
/// The kinetic-decoupling rate γ(T_ν) (seed 000 eq. 14: a momentum integral of a t-average, two nested adaptive
/// Gauss–Kronrod quadratures) with the program's allocation-free quadrature (<see cref="Numerics.GaussKronrod"/>, struct
/// integrands) against the same two integrals through MathNet's <c>Integrate.GaussKronrod</c> with closures (what
/// <see cref="KineticDecoupling.MomentumTransferRate"/> did before issue 14): same rules (K31 outer, K15 inner), depths,
/// tolerance and integrand (the kernel's formulas and the x-φ-ν model's amplitudes at m_X = 10 MeV, r = 3,
/// T_ν = 0.5 keV, a temperature near T_KD in scans). The two are checked to agree to 1e-9 before timing; the rows'
/// descriptions give the bytes each allocates per rate. Not a test: nothing here asserts.
/// </summary>
public static class QuadratureBenchmarks
{
    private const double Mass = 10, Ratio = 3, PartnerTemperature = 5e-4, Tolerance = 1e-8;

    /// <summary>One row: own quadrature ÷ MathNet's on γ (target ≤ 1).</summary>
    public static RatioResult KineticDecouplingRate(int rounds)
    {
        var partners = KernelCosmology.ScatteringPartners(Mass, Ratio, 1.0);
        double own = KineticDecoupling.MomentumTransferRate(Mass, 2, partners, PartnerTemperature);
        double mathNet = WithMathNet(partners);
        if (!(Math.Abs(own / mathNet - 1) <= 1e-9))
            throw new InvalidOperationException($"benchmark: γ with the own quadrature {own:R} and with MathNet's {mathNet:R} differ by more than 1e-9");
        long ownBytes = Allocated(() => KineticDecoupling.MomentumTransferRate(Mass, 2, partners, PartnerTemperature));
        long mathNetBytes = Allocated(() => WithMathNet(partners));
        return RatioBenchmark.Measure("T_KD rate γ(T_ν): own Gauss–Kronrod vs MathNet (≤ 1)",
            $"struct integrands ({ownBytes} B per γ)", $"MathNet with closures ({mathNetBytes} B per γ)",
            n => { double s = 0; for (int i = 0; i < n; i++) s += KineticDecoupling.MomentumTransferRate(Mass, 2, partners, PartnerTemperature); return s; },
            n => { double s = 0; for (int i = 0; i < n; i++) s += WithMathNet(partners); return s; },
            20, Math.Max(rounds, 3), 1.0);
    }

    /// <summary>Bytes allocated on this thread by one warm call.</summary>
    private static long Allocated(Func<double> work)
    {
        work();
        long before = GC.GetAllocatedBytesForCurrentThread();
        work();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static readonly Func<double, double, double, double> Integrand = CosmologyFormulas.MomentumTransferIntegrand;
    private static readonly Func<double, double, double> MandelstamS = CosmologyFormulas.KineticDecouplingMandelstamS;
    private static readonly Func<double, double, double> TMin = CosmologyFormulas.KineticDecouplingTMin;
    private static readonly Func<double, double, double, double> TAverage = CosmologyFormulas.KineticDecouplingTAverage;
    private static readonly Func<double, double, double, double, double> Rate = CosmologyFormulas.MomentumTransferRate;

    /// <summary>γ as KineticDecoupling computed it with MathNet: the same formulas, closures capturing the locals.</summary>
    private static double WithMathNet(IReadOnlyList<ScatteringAmplitudeSquared> partners)
    {
        double m = Mass, T = PartnerTemperature, sum = 0;
        foreach (var amp in partners)
        {
            double integral = Integrate.GaussKronrod(q =>
            {
                if (q <= 0) return 0;
                double k = T * q, s = MandelstamS(m, k), tMin = TMin(m, k);
                double inner = Integrate.GaussKronrod(tau => tau * amp(s, tMin * tau), 0, 1, Tolerance, 10, 15);
                return Integrand(q, T, TAverage(inner, m, k));
            }, 0, 60, Tolerance, 15, 31);
            sum += integral * T;
        }
        return Rate(sum, 2, m, T);
    }
}
