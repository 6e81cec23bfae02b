using NuDM.App.Cosmology;
using NuDM.App.Scans;
using NuDM.App.Tests.Cli;
using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Cosmology;

/// <summary>
/// Kinetic decoupling where the thermal neutrinos reach the φ pole of X ν̄ → X ν̄ (s = m_φ², partner momentum
/// k_res = m_X(r² − 1)/2 in the X rest frame): the zero-width rate of seed 000 eq. (14) integrates k ≤ 60 T_ν and runs
/// across the non-integrable 1/(s − m_φ²)² pole once k_res &lt; 60 T_ν, where γ is numerical noise. Both T_KD solvers
/// (<c>nudm kd</c>'s direct solve and the scan's node table) search only below that limit and refuse when γ &lt; H
/// already there.
/// </summary>
[NonParallelizable]
public class DecouplingResonanceTests
{
    private static ScanSpec Spec() => ScanSpec.Parse("""
        model: x-phi-nu
        sampling: grid
        parameters:
          m_X: { from: 1, to: 10, points: 2 }
          r: 3
          y_X: 0.1
          y_q: 1e-9
        observables: [kinetic_decoupling]
        """, "resonance.yaml");

    private static IScanObservable Observable(ScanSpec s, string name) => s.Observables.Single(o => o.Name == name);

    /// <summary>The physics check: the kernel's poles (roots in s of the t-free |M|² denominator) give k_res = m_X(r² − 1)/2
    /// (the seed model's φ pole), only X ν̄ → X ν̄ has one, and nothing for r ≤ 1.</summary>
    [TestCase(1.0, 3.0)]
    [TestCase(300.0, 1.5)]
    [TestCase(0.05, 10.0)]
    public void TheValidityLimitFromTheKernelIsTheSeedPoleMomentum(double m, double r)
    {
        var poles = KernelCosmology.ScatteringResonances(m, r);
        Assert.That(poles, Has.Count.EqualTo(1), "one s-channel pole: X ν̄ → X ν̄ (X ν → X ν has φ in the u channel)");
        Assert.That(poles[0].Label, Does.Contain("ν̄").And.Contain("m_S"));
        Assert.That(poles[0].SquaredMass, Is.EqualTo(r * m * r * m).Within(1e-12 * r * m * r * m), "s = m_φ²");
        var limit = KernelCosmology.DecouplingValidityLimit(m, r)!;
        double kRes = m * (r * r - 1) / 2;
        Assert.That(limit.ResonanceMomentum, Is.EqualTo(kRes).Within(1e-12 * kRes));
        Assert.That(limit.ResonanceMomentum, Is.EqualTo(CosmologyFormulas.ResonanceMomentum.Invoke(m, r)).Within(1e-12 * kRes));
        Assert.That(limit.PartnerTemperature, Is.EqualTo(kRes / 60).Within(1e-12 * kRes));
        Assert.That(StandardModelPlasma.NeutrinoTemperature(limit.Temperature), Is.EqualTo(limit.PartnerTemperature).Within(1e-12 * kRes));
        Assert.That(KernelCosmology.DecouplingValidityLimit(m, 0.9), Is.Null, "m_φ < m_X: the pole lies below threshold");
    }

    /// <summary>The lead's noisy points: γ &lt; H at the validity limit, so both solvers refuse with the resonance as reason
    /// (before: the direct solve returned 0.695 MeV at (3, 3, 1e-5) from noise, the table a value 45 % away).</summary>
    [TestCase(300.0, 1.5, 1e-5)]
    [TestCase(3.0, 3.0, 1e-5)]
    public void DecouplingAtTheResonanceIsRefusedByBothSolvers(double m, double r, double y)
    {
        var e = Assert.Throws<DecouplingNotFoundException>(() => KernelCosmology.KineticDecoupling(m, r, y))!;
        Assert.That(e.Failure, Is.EqualTo(DecouplingFailure.AtResonance));
        Assert.That(e.Message, Does.Contain("s-channel resonance s = m_S^2").And.Contain("k_res").And.Contain("does not apply")
            .And.Contain("width").And.Contain($"{m * (r * r - 1) / 2:G4} MeV"));
        var s = Spec();
        foreach (var name in new[] { "T_KD_keV", "lyman_alpha_ratio" })
        {
            var v = Observable(s, name).Evaluate([m, r, y, 1e-9]);
            Assert.That(v.HasValue, Is.False, name);
            Assert.That(v.Reason, Is.EqualTo(e.Message), name);
        }
    }

    [Test]
    public async Task NudmKdRefusesAtTheResonanceWithExitTwo()
    {
        var r = await CliRun.Capture(["kd", "--mx", "3", "--ratio", "3", "--yx", "1e-5"]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("resonance").And.Contain("k_res = (M² − m_X²)/(2 m_X) = 12 MeV").And.Contain("width")
            .And.Not.Contain("internal error"));
        Assert.That(r.Out, Does.Not.Contain("T_KD ="));
    }

    /// <summary>A valid T_KD whose Lyman-α bound would need the rate at the resonance (at small y_X, where X decouples
    /// early): T_KD is printed, the bound is "not computed" with the reason, exit 0 (it exited 2 on the whole command).</summary>
    [Test]
    public async Task NudmKdPrintsAValidDecouplingTemperatureAndSaysWhyTheBoundIsNotComputed()
    {
        var r = await CliRun.Capture(["kd", "--mx", "0.01", "--ratio", "3", "--yx", "0.1"]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Out, Does.Contain("T_KD = ").And.Contain("the bound on y_X is not computed").And.Contain("resonance"));
        var csv = await CliRun.Capture(["kd", "--mx", "0.01", "--ratio", "3", "--yx", "0.1", "--csv"]);
        Assert.That(csv.Exit, Is.EqualTo(0), csv.ToString());
        var row = csv.Out.Trim().Split('\n')[1];
        Assert.That(row, Does.Contain("not computed"), "the note column says why the bound column is empty");
    }

    /// <summary>
    /// Below the resonance nothing moves: with the limit below m_X/3 the direct search keeps the decade nodes from m_X/3,
    /// so for a root below the first node under the limit (the same Brent bracket) T_KD equals the solve that ignores the
    /// poles bit for bit; a root between the limit and that node has the bracket [node, limit] and agrees to Brent's 1e-10
    /// in ln T.
    /// </summary>
    [TestCase(1.0, 3.0, 0.1)]
    [TestCase(3.0, 1.5, 1e-3)]
    [TestCase(30.0, 10.0, 0.3)]
    public void BelowTheResonanceTheDecouplingTemperatureIsUnchanged(double m, double r, double y)
    {
        var withLimit = KernelCosmology.KineticDecoupling(m, r, y).Temperature;
        var without = KineticDecoupling.DecouplingTemperature(m, 2, KernelCosmology.ScatteringPartners(m, r, y)).Temperature;
        var limit = KernelCosmology.DecouplingValidityLimit(m, r)!;
        Assert.That(withLimit, Is.LessThan(limit.Temperature));
        double node = Math.Log(m / 3);
        while (node >= Math.Log(limit.Temperature)) node -= Math.Log(10);
        if (withLimit < Math.Exp(node)) Assert.That(withLimit, Is.EqualTo(without), "the same bracket");
        else Assert.That(withLimit, Is.EqualTo(without).Within(1e-9 * without), "the bracket [node, limit]");
    }

    /// <summary>
    /// A sub-grid of the lead's sweep (m_X 0.05–1000 MeV, r = 1.5, 3, 10, y_X 1e-5–3): the scan's table and the direct
    /// solve either agree to 1e-7 or both refuse for the same reason. Before the fix (3, 3, 1e-5) differed by 45 %.
    /// </summary>
    [Test]
    public void TheTableAndTheDirectSolveAgreeOrBothRefuse()
    {
        var s = Spec();
        var table = Observable(s, "T_KD_keV");
        int agreed = 0, refusedAtResonance = 0;
        foreach (double m in new[] { 0.05, 3.0, 300.0 })
            foreach (double r in new[] { 1.5, 3.0, 10.0 })
                foreach (double y in new[] { 1e-5, 1e-3, 0.03, 1.0 })
                {
                    string at = $"m_X = {m}, r = {r}, y_X = {y}";
                    var fromTable = table.Evaluate([m, r, y, 1e-9]);
                    KineticDecouplingResult? direct = null;
                    DecouplingNotFoundException? refused = null;
                    try { direct = KernelCosmology.KineticDecoupling(m, r, y); }
                    catch (DecouplingNotFoundException e) { refused = e; }
                    if (refused is not null)
                    {
                        Assert.That(fromTable.HasValue, Is.False, $"{at}: the direct solve refuses ({refused.Message}), the table gives {fromTable.Value}");
                        if (refused.Failure == DecouplingFailure.AtResonance)
                        {
                            Assert.That(fromTable.Reason, Is.EqualTo(refused.Message), at);
                            refusedAtResonance++;
                        }
                        continue;
                    }
                    double expected = direct!.Temperature / CosmologyUnits.KeV;
                    Assert.That(fromTable.HasValue, Is.True, $"{at}: the table refuses ({fromTable.Reason}), the direct solve gives {expected} keV");
                    Assert.That(fromTable.Value, Is.EqualTo(expected).Within(1e-7 * expected), at);
                    agreed++;
                }
        Assert.That(agreed, Is.GreaterThan(10), "most points decouple below the resonance");
        Assert.That(refusedAtResonance, Is.GreaterThan(0), "some points of the sweep decouple at the resonance");
    }
}
