using System.Globalization;

namespace NuDM.App.Scans;

/// <summary>
/// Shard k of N of a scan (k = 0 … N − 1; <c>--shard k/N</c>), decided by the spec alone: the points are cut into blocks
/// of B consecutive indices (the spec's <c>shard_block</c>, default 256) and block b belongs to shard b mod N
/// (block-cyclic). Consecutive points share their slow parameters (a grid varies the last listed parameter fastest), so
/// a block keeps the per-(m_X, r) caches of one worker warm, while dealing the blocks round-robin spreads the expensive
/// and the cheap regions of parameter space evenly over the shards (contiguous ranges would give one shard all the
/// heavy masses). The union of all shards is every point exactly once.
/// </summary>
/// <param name="Index">k, 0-based.</param>
/// <param name="Count">N ≥ 1.</param>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole scan (one machine).</summary>
    public static Shard All => new(0, 1);

    /// <summary>True for the whole scan.</summary>
    public bool IsAll => Count == 1;

    /// <summary>Whether block <paramref name="block"/> belongs to this shard.</summary>
    public bool Owns(long block) => block % Count == Index;

    /// <summary>The blocks of this shard (block numbers) for a scan of <paramref name="total"/> points in blocks of <paramref name="blockSize"/>.</summary>
    public IEnumerable<long> Blocks(long total, int blockSize)
    {
        long blocks = (total + blockSize - 1) / blockSize;
        for (long b = Index; b < blocks; b += Count) yield return b;
    }

    /// <summary>The number of points of this shard.</summary>
    public long PointCount(long total, int blockSize)
    {
        long blocks = (total + blockSize - 1) / blockSize;
        if (Index >= blocks) return 0;
        long mine = (blocks - 1 - Index) / Count + 1;
        long lastBlock = Index + (mine - 1) * Count;
        long lastSize = lastBlock == blocks - 1 ? total - lastBlock * blockSize : blockSize;
        return (mine - 1) * blockSize + lastSize;
    }

    /// <summary>"k/N", as on the command line.</summary>
    public override string ToString() => $"{Index}/{Count}";

    /// <summary>Reads "k/N" with 0 ≤ k &lt; N ≤ 100000.</summary>
    /// <exception cref="UserInputException">Not of that form; the message names <paramref name="option"/>.</exception>
    public static Shard Parse(string text, string option = "--shard")
    {
        var parts = (text ?? "").Split('/');
        if (parts.Length == 2 &&
            int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int k) &&
            int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) &&
            n is >= 1 and <= 100_000 && k < n)
            return new Shard(k, n);
        throw new UserInputException($"{option} '{text}' must be k/N with whole numbers 0 ≤ k < N ≤ 100000 (shard k of N, counted from 0, as $SLURM_ARRAY_TASK_ID/N)");
    }
}
