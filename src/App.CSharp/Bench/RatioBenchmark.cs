using System.Diagnostics;

namespace NuDM.App.Bench;

/// <summary>A timing compared as a ratio within one run: candidate time ÷ reference time, with a target.</summary>
/// <param name="Name">What is measured.</param>
/// <param name="Candidate">Description of the candidate (e.g. "compiled T_max").</param>
/// <param name="Reference">Description of the reference (e.g. "hand-written C#").</param>
/// <param name="CandidateNs">Median time per operation of the candidate, ns.</param>
/// <param name="ReferenceNs">Median time per operation of the reference, ns.</param>
/// <param name="Ratio">Median over rounds of the per-round ratio candidate/reference.</param>
/// <param name="RatioLow">Lower quartile of the per-round ratios.</param>
/// <param name="RatioHigh">Upper quartile of the per-round ratios.</param>
/// <param name="Target">The ratio the candidate should not exceed.</param>
public sealed record RatioResult(string Name, string Candidate, string Reference, double CandidateNs, double ReferenceNs,
    double Ratio, double RatioLow, double RatioHigh, double Target)
{
    /// <summary>True when the median ratio meets the target.</summary>
    public bool MeetsTarget => Ratio <= Target;
}

/// <summary>
/// Measures a candidate against a reference in interleaved rounds in one process (alternating which runs first),
/// so that machine load affects both alike; reports the median per-round ratio. Shared machines are noisy:
/// only the ratio is meaningful, not the absolute times.
/// </summary>
public static class RatioBenchmark
{
    /// <summary>
    /// Runs <paramref name="rounds"/> rounds; in each, <paramref name="candidate"/>(n) and <paramref name="reference"/>(n)
    /// perform n operations and return a checksum (which is consumed so the work cannot be optimised away).
    /// </summary>
    public static RatioResult Measure(string name, string candidateName, string referenceName,
        Func<int, double> candidate, Func<int, double> reference, int operationsPerRound, int rounds, double target)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(operationsPerRound, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 3);
        double sink = 0;
        // warm-up: let the JIT reach its final tier for both
        for (int i = 0; i < 3; i++) { sink += candidate(operationsPerRound); sink += reference(operationsPerRound); }
        var ratios = new double[rounds];
        var candTimes = new double[rounds];
        var refTimes = new double[rounds];
        var sw = new Stopwatch();
        for (int r = 0; r < rounds; r++)
        {
            double tc, tr;
            if (r % 2 == 0)
            {
                sw.Restart(); sink += candidate(operationsPerRound); tc = sw.Elapsed.TotalNanoseconds;
                sw.Restart(); sink += reference(operationsPerRound); tr = sw.Elapsed.TotalNanoseconds;
            }
            else
            {
                sw.Restart(); sink += reference(operationsPerRound); tr = sw.Elapsed.TotalNanoseconds;
                sw.Restart(); sink += candidate(operationsPerRound); tc = sw.Elapsed.TotalNanoseconds;
            }
            candTimes[r] = tc / operationsPerRound;
            refTimes[r] = tr / operationsPerRound;
            ratios[r] = tc / tr;
        }
        if (double.IsNaN(sink)) Console.Write(""); // consume the checksum
        Array.Sort(ratios);
        return new RatioResult(name, candidateName, referenceName, Median(candTimes), Median(refTimes),
            Quantile(ratios, 0.5), Quantile(ratios, 0.25), Quantile(ratios, 0.75), target);
    }

    /// <summary>
    /// Times <paramref name="op"/>(n) (n operations, returning a checksum) in <paramref name="rounds"/> rounds after one
    /// warm-up and reports the median time per operation against a budget of <paramref name="targetSeconds"/>, with the
    /// interquartile range (nearest-rank quantiles of the sorted round times).
    /// </summary>
    public static RatioResult AgainstBudget(string name, Func<int, double> op, double targetSeconds, int opsPerRound, int rounds)
    {
        op(opsPerRound); // warm-up
        var times = new double[rounds];
        double sink = 0;
        var sw = new Stopwatch();
        for (int r = 0; r < rounds; r++)
        {
            sw.Restart();
            sink += op(opsPerRound);
            times[r] = sw.Elapsed.TotalSeconds / opsPerRound;
        }
        if (double.IsNaN(sink)) Console.Write("");
        Array.Sort(times);
        double q(double p) => times[(int)Math.Round(p * (times.Length - 1))];
        return new RatioResult(name, "measured", "target", q(0.5) * 1e9, targetSeconds * 1e9,
            q(0.5) / targetSeconds, q(0.25) / targetSeconds, q(0.75) / targetSeconds, 1.0);
    }

    /// <summary>The q-quantile (linear interpolation between order statistics) of unsorted values.</summary>
    internal static double QuantileOf(double[] xs, double q) => Quantile(xs.Order().ToArray(), q);

    private static double Median(double[] xs)
    {
        var c = (double[])xs.Clone();
        Array.Sort(c);
        return Quantile(c, 0.5);
    }

    private static double Quantile(double[] sorted, double q)
    {
        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = (int)Math.Ceiling(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
