using NuDM.App.Bench;
using NUnit.Framework;

namespace NuDM.App.Tests.Cosmology;

/// <summary>
/// Runs <see cref="CosmologyBenchmarks"/> and prints the timings against their budgets. Explicit: timings on shared
/// machines are not test material (run with --filter FullyQualifiedName~CosmologyBenchmarkTests in Release).
/// </summary>
public class CosmologyBenchmarkTests
{
    [Test, Explicit("benchmark: prints timings, asserts nothing about speed")]
    public void PrintTimings()
    {
        foreach (var r in CosmologyBenchmarks.Run(9))
            TestContext.Out.WriteLine($"{r.Name}: median {r.CandidateNs / 1e6:F3} ms, {r.Reference}, ratio {r.Ratio:F2} " +
                                      $"({(r.MeetsTarget ? "met" : "missed")})");
    }
}
