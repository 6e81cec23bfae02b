using System.Diagnostics;
using NuDM.App.Cevns;

namespace NuDM.App.Bench;

/// <summary>
/// Experiments-issue targets, each reported as measured time ÷ target time in one run: one 25-bin COHERENT spectrum
/// (SM + νN → χN, three flavours) ≤ 1 ms, and a 100-point limit curve ≤ 1 s on 2 cores. For scale: a public Python
/// CEvNS code takes about 0.2 s for a 25-bin COHERENT SM spectrum on this kind of machine (issue text).
/// </summary>
public static class CevnsBenchmarks
{
    /// <summary>Runs the measurements.</summary>
    public static IEnumerable<RatioResult> Run(int rounds)
    {
        var model = LimitCurves.Model("coherent-csi-2017");
        _ = model.StandardModel;
        _ = model.SignalShape(3.0, 10.0); // builds the rate plan for m_χ = 3 MeV
        // one spectrum: the SM and the νN→χN bin integrals over their (cached) plans, three flavours, 25 bins
        var smProcess = KernelPhysics.StandardModel(model.FormFactor);
        var smPlan = Rates.RatePlan.Build(model.Setup, model.Flux, smProcess, model.Options);
        double Spectrum(int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                var sm = smPlan.Evaluate(smProcess.CrossSection);
                var np = model.SignalShape(3.0, 10.0 + (i & 7));
                s += sm[5] + np[5];
            }
            return s;
        }
        yield return RatioBenchmark.AgainstBudget("25-bin COHERENT spectrum (SM + νN→χN, 3 flavours)", Spectrum, 1e-3, 20, rounds);

        // a 100-point ȳ–m_χ limit curve (a plan per point), parallel over both cores
        int run = 0;
        double Curve(int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                var fresh = new CevnsModel(model.Experiment); // no cached plans
                var xs = Grid.LogSpace(0.1 + 1e-3 * run++, 50, 100);
                var c = LimitCurves.VersusFermionMass(fresh, 0.0, xs, "", false, null, null, CancellationToken.None);
                s += c.Limit[0];
            }
            return s;
        }
        yield return RatioBenchmark.AgainstBudget("100-point ȳ–m_χ limit curve, 2 cores", Curve, 1.0, 1, Math.Max(3, rounds / 5));
    }
}
