using NuDM.Physics;

namespace NuDM.App.Bench;

/// <summary>
/// Loading a shipped model file (models as data), each against its time budget (ratio = measured ÷ budget, target 1):
/// from the verification cache (read, check the structure, build the Model, take the cached verdicts) ≤ 0.2 s, and
/// cold (read, check, derive every process and run every obligation, one core) ≤ 10 s. The cold load is the first one
/// in the process with an empty cache; the cached loads are the median of the rounds.
/// </summary>
public static class ModelBenchmarks
{
    /// <summary>Runs the suite on every shipped model file.</summary>
    public static IEnumerable<RatioResult> Run(int rounds)
    {
        var folder = ModelFile.ShippedFolder ?? throw new InvalidOperationException("the models/ folder was not found beside the program or above it");
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var cache = Path.Combine(Path.GetTempPath(), $"nudm-bench-models-{Guid.NewGuid():N}");
            try
            {
                double cold = CosmologyBenchmarks.MedianMilliseconds(() => ModelFile.Load(file, cache, "bench").Checks.Count, 1, 0);
                yield return new RatioResult($"load models/{name} cold (derive + verify, 1 core)", "measured", "budget 10 s",
                    cold * 1e6, 10_000 * 1e6, cold / 10_000, cold / 10_000, cold / 10_000, 1.0);
                double cached = CosmologyBenchmarks.MedianMilliseconds(() =>
                {
                    var d = ModelFile.Load(file, cache, "bench");
                    if (!d.FromCache) throw new InvalidOperationException($"models/{name}: the second load did not come from the cache");
                    return d.Checks.Count;
                }, rounds, 1);
                yield return new RatioResult($"load models/{name} from the cache", "measured", "budget 0.2 s",
                    cached * 1e6, 200 * 1e6, cached / 200, cached / 200, cached / 200, 1.0);
            }
            finally
            {
                try { Directory.Delete(cache, true); } catch (IOException) { } // a temporary folder: left behind if locked
            }
        }
    }
}
