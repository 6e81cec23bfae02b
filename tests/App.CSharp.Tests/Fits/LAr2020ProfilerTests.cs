using NuDM.App.Bench;
using NuDM.App.Fits;
using NuDM.App.Statistics.Likelihood;
using NUnit.Framework;

namespace NuDM.App.Tests.Fits;

/// <summary>
/// The Fisher-scoring profiler (the 10 ms profiled evaluation of the CsI 2021 + LAr 2020 joint likelihood, `nudm bench
/// --suite fit`) reaches the minimum that MathNet's L-BFGS-B (<see cref="Profiler"/>) finds, on the joint new-physics
/// likelihood with its parameter of interest fixed at several values, from a warm and from a cold start.
/// </summary>
[Parallelizable(ParallelScope.None)]
public class LAr2020ProfilerTests
{
    private static readonly Lazy<JointLikelihood> Joint = new(() => FitBenchmarks.JointNewPhysics());

    [Test]
    public void FisherScoringReachesTheLbfgsbMinimum()
    {
        var l = Joint.Value;
        string poi = LAr2020Model.NewPhysicsStrength;
        var best = Profiler.Minimise(l);
        var fast0 = ScoringProfiler.Minimise(l);
        Assert.That(fast0.MinusTwoLogL, Is.EqualTo(best.MinusTwoLogL).Within(1e-4), "free fit, cold start");
        var warm = best.Values;
        foreach (double r in new[] { 0.0, 0.5, 1.5, 3.0 })
        {
            var fix = new Dictionary<string, double> { [poi] = r };
            var reference = Profiler.Minimise(l, fix, best.Values);
            var fast = ScoringProfiler.Minimise(l, fix, warm);
            var cold = ScoringProfiler.Minimise(l, fix);
            Assert.That(fast.MinusTwoLogL, Is.EqualTo(reference.MinusTwoLogL).Within(1e-4), $"r = {r}, warm start");
            Assert.That(cold.MinusTwoLogL, Is.EqualTo(reference.MinusTwoLogL).Within(1e-4), $"r = {r}, cold start");
            Assert.That(fast.MinusTwoLogL, Is.LessThanOrEqualTo(reference.MinusTwoLogL + 1e-4));
            for (int k = 0; k < l.Parameters.Count; k++)
                Assert.That(fast.Values[k], Is.EqualTo(reference.Values[k]).Within(0.01 * l.Parameters[k].Scale), $"r = {r}: {l.Parameters[k].Name}");
            warm = fast.Values;
            TestContext.Out.WriteLine($"r = {r}: iterations {fast.Iterations} (warm), {cold.Iterations} (cold), L-BFGS-B {reference.Iterations}");
        }
    }
}
