using NuDM.App.Figures;
using NuDM.Physics;

namespace NuDM.App.Reproduction;

/// <summary>
/// seed 001 Fig. 2: cos θ of the recoiling nucleus against its recoil energy T (eq. 2.5) for M = 72.6 GeV (the
/// caption's germanium mass) and E_ν = 5 MeV, for several m_χ; m_χ = 0 is standard CEvNS. The extracted text does
/// not list the m_χ values of the published curves; 0, 1, 2, 3 and 4 MeV are used here. Each curve spans its
/// allowed range [T_min, T_max] (eq. 2.9) with points clustered near T_min, where cos θ rises steeply to 1.
/// </summary>
public sealed class Seed001Figure2 : IFigureJob
{
    public string Id => "seed001-fig2";
    public string Source => "seed 001 Fig. 2";
    public string Title => "cos θ versus recoil energy T for νN → χN on germanium (E_ν = 5 MeV)";
    public string Version => "1";

    /// <summary>Nuclear mass of the caption, MeV.</summary>
    public const double NuclearMass = 72600.0;
    /// <summary>Neutrino energy of the caption, MeV.</summary>
    public const double Enu = 5.0;
    /// <summary>The m_χ values drawn, MeV.</summary>
    public static readonly double[] MchiValues = [0.0, 1.0, 2.0, 3.0, 4.0];

    public Figure Build(FigureContext context)
    {
        var progress = context.Progress;
        var cancellationToken = context.CancellationToken;
        var series = new List<Series>();
        for (int c = 0; c < MchiValues.Length; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var mchi = MchiValues[c];
            var k = KinematicsCalculator.At(Enu, NuclearMass, mchi);
            // log-spaced from just above T_min (or from 1e-6 T_max for m_χ = 0) to T_max
            var lo = mchi == 0 ? 1e-6 * k.TMax : k.TMin;
            const int n = 400;
            var ts = new double[n];
            var cs = new double[n];
            for (int i = 0; i < n; i++)
            {
                var f = (double)i / (n - 1);
                var t = mchi == 0 ? lo * Math.Pow(k.TMax / lo, f) : k.TMin + (k.TMax - k.TMin) * Math.Pow(f, 3); // numerics: sample points dense near both ends of [T_min, T_max]
                if (i == 0) t = lo * (1 + 1e-12);
                if (i == n - 1) t = k.TMax * (1 - 1e-12);
                ts[i] = t * 1e3; // keV
                cs[i] = Math.Min(1.0, KinematicsCalculator.CosTheta(Enu, NuclearMass, mchi, t));
            }
            series.Add(new LineSeries(ts, cs, mchi == 0 ? "m_{χ} = 0 (CEvNS)" : $"m_{{χ}} = {mchi:G3} MeV"));
            progress.Report((c + 1.0) / MchiValues.Length);
        }
        var panel = new Panel
        {
            X = Axis.Linear("recoil energy T [keV]", 0, null),
            Y = Axis.Linear("cos θ", 0, 1.02),
            Series = [.. series],
            Legend = LegendPosition.LowerRight,
            ReferenceLines = [new ReferenceLine(Orientation.Horizontal, 1.0)],
        };
        return Figure.Single(panel, "seed 001 Fig. 2: M = 72.6 GeV, E_ν = 5 MeV");
    }
}
