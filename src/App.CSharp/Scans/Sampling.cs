using NuDM.Physics;

namespace NuDM.App.Scans;

/// <summary>
/// Points of the unit cube [0, 1)^d as a pure function of the point index: point i of a scan depends on the spec and i
/// only, so any machine, shard or resumed run computes the same point. Implementations are thread-safe.
/// </summary>
public interface IUnitSampler
{
    /// <summary>Number of dimensions d.</summary>
    int Dimensions { get; }

    /// <summary>Writes point <paramref name="index"/> into <paramref name="u"/> (length d).</summary>
    void Point(long index, Span<double> u);
}

/// <summary>
/// SplitMix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014): the 64-bit
/// finaliser used as a stateless hash of (seed, stream, index). A fixed algorithm written here, so a seed gives the same
/// numbers on every machine and .NET version (System.Random promises neither).
/// </summary>
public static class SplitMix64
{
    /// <summary>The SplitMix64 output for state <paramref name="x"/> (one step: add the golden gamma, then mix).</summary>
    public static ulong Next(ulong x)
    {
        ulong z = x + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A hash of several words, chaining <see cref="Next"/>.</summary>
    public static ulong Hash(ulong a, ulong b, ulong c = 0)
    {
        ulong h = Next(a);
        h = Next(h ^ b);
        return Next(h ^ c);
    }

    /// <summary>A uniform double in [0, 1) from the top 53 bits of a hash.</summary>
    public static double Uniform(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));
}

/// <summary>
/// The Sobol sequence (Sobol' 1967; Bratley and Fox, ACM TOMS 14 (1988) 88) in Gray-code order (Antonov and Saleev
/// 1979), with the direction numbers of Joe and Kuo (2008) from data/scans/sobol_joe_kuo.csv, 32 bits: point i is the
/// XOR of the direction numbers V_k for the set bits k of gray(i) = i ^ (i >> 1). Up to 2³² points and 32 dimensions.
/// With a seed, every point is XORed with a random digital shift per dimension (it keeps the net property); seed 0
/// gives the plain sequence, whose point 0 is the origin.
/// </summary>
public sealed class SobolSampler : IUnitSampler
{
    /// <summary>Largest number of points (32-bit direction numbers).</summary>
    public const long MaxPoints = 1L << 32;

    private const int Bits = 32;
    private readonly uint[][] _v;
    private readonly uint[] _shift;

    /// <summary>A Sobol sampler in <paramref name="dimensions"/> dimensions (1 to 32), digitally shifted by <paramref name="seed"/> (0: none).</summary>
    public SobolSampler(int dimensions, ulong seed = 0)
    {
        var table = DataFiles.Table("scans/sobol_joe_kuo.csv");
        int available = table.Count + 1;
        if (dimensions < 1 || dimensions > available)
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, $"a Sobol sequence here has 1 to {available} dimensions (data/scans/sobol_joe_kuo.csv)");
        Dimensions = dimensions;
        _v = new uint[dimensions][];
        _v[0] = new uint[Bits];
        for (int k = 0; k < Bits; k++) _v[0][k] = 1u << (Bits - 1 - k); // van der Corput: m_k = 1
        for (int d = 1; d < dimensions; d++)
        {
            var row = table.Rows[d - 1];
            if ((int)row.Number("d") != d + 1) throw row.Error("d", $"expected dimension {d + 1} on this row (rows must be dimensions 2, 3, … in order)");
            int s = (int)row.Number("s");
            uint a = (uint)row.Number("a");
            var m = row.Numbers("m", ';', CellRule.Count).Select(x => (uint)x).ToArray();
            if (s < 1 || s > Bits) throw row.Error("s", $"the degree must be in [1, {Bits}]");
            if (a >= 1u << Math.Max(0, s - 1)) throw row.Error("a", $"a = {a} has more than s − 1 = {s - 1} bits");
            if (m.Length != s) throw row.Error("m", $"{m.Length} direction integers for degree s = {s}");
            for (int k = 0; k < s; k++)
                if (m[k] % 2 == 0 || m[k] >= 1u << (k + 1)) throw row.Error("m", $"m_{k + 1} = {m[k]} must be odd and < 2^{k + 1}");
            var v = new uint[Bits];
            for (int k = 0; k < Math.Min(s, Bits); k++) v[k] = m[k] << (Bits - 1 - k);
            // V_k = a_1 V_{k−1} ⊕ a_2 V_{k−2} ⊕ … ⊕ a_{s−1} V_{k−s+1} ⊕ V_{k−s} ⊕ (V_{k−s} >> s)
            for (int k = s; k < Bits; k++)
            {
                uint x = v[k - s] ^ (v[k - s] >> s);
                for (int j = 1; j < s; j++)
                    if (((a >> (s - 1 - j)) & 1) != 0) x ^= v[k - j];
                v[k] = x;
            }
            _v[d] = v;
        }
        _shift = new uint[dimensions];
        if (seed != 0)
            for (int d = 0; d < dimensions; d++) _shift[d] = (uint)(SplitMix64.Hash(seed, 0x5EED5081UL, (ulong)d) >> 32);
    }

    public int Dimensions { get; }

    public void Point(long index, Span<double> u)
    {
        if (index < 0 || index >= MaxPoints) throw new ArgumentOutOfRangeException(nameof(index), index, $"a Sobol index must be in [0, 2^32)");
        ulong gray = (ulong)index ^ ((ulong)index >> 1);
        for (int d = 0; d < Dimensions; d++)
        {
            uint x = _shift[d];
            var v = _v[d];
            ulong g = gray;
            for (int k = 0; g != 0; k++, g >>= 1)
                if ((g & 1) != 0) x ^= v[k];
            u[d] = x * (1.0 / 4294967296.0);
        }
    }
}

/// <summary>
/// A Latin hypercube of N points (McKay, Beckman, Conover, Technometrics 21 (1979) 239) as a pure function of the index:
/// in dimension d, point i lies in stratum π_d(i) of N equal strata, at a uniform offset inside it,
/// u_d(i) = (π_d(i) + U_d(i))/N. The permutation π_d is a keyed Feistel network on the smallest even power of two ≥ N,
/// restricted to [0, N) by cycle walking (Black and Rogaway, CT-RSA 2002), so no table of N entries is stored and any
/// shard evaluates its points alone; U_d(i) is a SplitMix64 hash of (seed, d, i).
/// </summary>
public sealed class LatinHypercubeSampler : IUnitSampler
{
    private const int Rounds = 6;
    private readonly long _n;
    private readonly ulong _seed;
    private readonly int _halfBits;
    private readonly ulong _halfMask;

    /// <summary>A Latin hypercube of <paramref name="points"/> points (≥ 1) in <paramref name="dimensions"/> dimensions.</summary>
    public LatinHypercubeSampler(int dimensions, long points, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1L);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(points, 1L << 60);
        Dimensions = dimensions;
        _n = points;
        _seed = seed;
        int bits = 2;
        while ((1L << bits) < points) bits += 2;
        _halfBits = bits / 2;
        _halfMask = (1UL << _halfBits) - 1;
    }

    public int Dimensions { get; }

    /// <summary>π_d(i): a bijection of [0, N) for each dimension.</summary>
    public long Permute(int dimension, long index)
    {
        if (index < 0 || index >= _n) throw new ArgumentOutOfRangeException(nameof(index), index, $"an index must be in [0, {_n})");
        ulong x = (ulong)index;
        do x = Feistel((ulong)dimension, x); while (x >= (ulong)_n);
        return (long)x;
    }

    private ulong Feistel(ulong dimension, ulong x)
    {
        ulong left = x >> _halfBits, right = x & _halfMask;
        for (ulong round = 0; round < Rounds; round++)
        {
            ulong f = SplitMix64.Hash(_seed, (dimension << 8) | round, right) & _halfMask;
            (left, right) = (right, left ^ f);
        }
        return (left << _halfBits) | right;
    }

    public void Point(long index, Span<double> u)
    {
        for (int d = 0; d < Dimensions; d++)
        {
            double offset = SplitMix64.Uniform(SplitMix64.Hash(_seed ^ 0x1A7E5EEDUL, (ulong)d + 1, (ulong)index));
            u[d] = Math.Min((Permute(d, index) + offset) / _n, Math.BitDecrement(1.0));
        }
    }
}
