using NUnit.Framework;
using NuDM.App.Scans;

namespace NuDM.App.Tests.Scans;

/// <summary>The samplers of <c>nudm scan</c>: Sobol against an independent implementation, its net property, and the Latin hypercube's strata.</summary>
public class SamplingTests
{
    private static double[] Point(IUnitSampler s, long i)
    {
        var u = new double[s.Dimensions];
        s.Point(i, u);
        return u;
    }

    /// <summary>
    /// The first 16 points in 5 dimensions and points 1000 and 123456 in 8 dimensions, as printed by SciPy 1.10.1's
    /// unscrambled <c>scipy.stats.qmc.Sobol</c> (Gray-code order, Joe–Kuo direction numbers; Debian python3-scipy 1.10.1-2),
    /// an implementation independent of ours. Binary fractions: exact.
    /// </summary>
    [Test]
    public void SobolPointsEqualScipysUnscrambledSequence()
    {
        double[][] first16 =
        [
            [0, 0, 0, 0, 0], [0.5, 0.5, 0.5, 0.5, 0.5], [0.75, 0.25, 0.25, 0.25, 0.75], [0.25, 0.75, 0.75, 0.75, 0.25],
            [0.375, 0.375, 0.625, 0.875, 0.375], [0.875, 0.875, 0.125, 0.375, 0.875], [0.625, 0.125, 0.875, 0.625, 0.625],
            [0.125, 0.625, 0.375, 0.125, 0.125], [0.1875, 0.3125, 0.9375, 0.4375, 0.5625], [0.6875, 0.8125, 0.4375, 0.9375, 0.0625],
            [0.9375, 0.0625, 0.6875, 0.1875, 0.3125], [0.4375, 0.5625, 0.1875, 0.6875, 0.8125], [0.3125, 0.1875, 0.3125, 0.5625, 0.9375],
            [0.8125, 0.6875, 0.8125, 0.0625, 0.4375], [0.5625, 0.4375, 0.0625, 0.8125, 0.1875], [0.0625, 0.9375, 0.5625, 0.3125, 0.6875],
        ];
        var five = new SobolSampler(5);
        for (int i = 0; i < first16.Length; i++) Assert.That(Point(five, i), Is.EqualTo(first16[i]), $"point {i}");
        var eight = new SobolSampler(8);
        Assert.That(Point(eight, 1000), Is.EqualTo(new[] { 0.2197265625, 0.0966796875, 0.5185546875, 0.6767578125, 0.2802734375, 0.9072265625, 0.0458984375, 0.8994140625 }));
        Assert.That(Point(eight, 123456), Is.EqualTo(new[] { 0.02649688720703125, 0.18274688720703125, 0.30725860595703125, 0.45030975341796875,
            0.16918182373046875, 0.20325469970703125, 0.7158279418945312, 0.46405792236328125 }));
    }

    /// <summary>
    /// The first two Sobol dimensions form a (0, m, 2)-net in base 2 (Sobol 1967): every elementary box of area 2^-m,
    /// [a 2^-k, (a+1) 2^-k) × [b 2^-(m−k), (b+1) 2^-(m−k)), holds exactly one of the first 2^m points — also after a
    /// digital shift. A wrong direction number breaks it.
    /// </summary>
    [TestCase(0UL)]
    [TestCase(12345UL)]
    public void TheFirstTwoDimensionsAreANet(ulong seed)
    {
        const int m = 10;
        var s = new SobolSampler(2, seed);
        var pts = Enumerable.Range(0, 1 << m).Select(i => Point(s, i)).ToArray();
        for (int k = 0; k <= m; k++)
        {
            var counts = new int[1 << m];
            foreach (var p in pts) counts[((int)(p[0] * (1 << k)) << (m - k)) | (int)(p[1] * (1 << (m - k)))]++;
            Assert.That(counts, Is.All.EqualTo(1), $"boxes 2^-{k} × 2^-{m - k}");
        }
    }

    [Test]
    public void EachSobolDimensionIsStratifiedAlone()
    {
        var s = new SobolSampler(32);
        var pts = Enumerable.Range(0, 256).Select(i => Point(s, i)).ToArray();
        for (int d = 0; d < 32; d++)
            Assert.That(pts.Select(p => (int)(p[d] * 256)).Order(), Is.EqualTo(Enumerable.Range(0, 256)), $"dimension {d + 1}: one point per 1/256 stratum");
    }

    [Test]
    public void ADigitalShiftChangesThePointsButNotThePlainSequence()
    {
        Assert.That(Point(new SobolSampler(3, 7), 5), Is.Not.EqualTo(Point(new SobolSampler(3), 5)));
        Assert.That(Point(new SobolSampler(3, 7), 5), Is.EqualTo(Point(new SobolSampler(3, 7), 5)));
        Assert.That(Point(new SobolSampler(3, 0), 5), Is.EqualTo(Point(new SobolSampler(3), 5)));
    }

    [Test]
    public void SobolRefusesDimensionsItHasNoDirectionNumbersFor() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SobolSampler(33));

    /// <summary>A Latin hypercube: in each dimension every one of the N strata holds exactly one point, for N not a power of two too.</summary>
    [TestCase(1)]
    [TestCase(7)]
    [TestCase(1000)]
    [TestCase(4096)]
    public void EveryStratumOfALatinHypercubeHoldsOnePoint(int n)
    {
        var s = new LatinHypercubeSampler(4, n, 42);
        var pts = Enumerable.Range(0, n).Select(i => Point(s, i)).ToArray();
        for (int d = 0; d < 4; d++)
        {
            Assert.That(pts.Select(p => p[d]), Is.All.GreaterThanOrEqualTo(0.0).And.All.LessThan(1.0));
            Assert.That(pts.Select(p => (int)Math.Floor(p[d] * n)).Order(), Is.EqualTo(Enumerable.Range(0, n)), $"dimension {d}");
        }
    }

    [Test]
    public void TheLatinHypercubeIsAFunctionOfSeedAndIndexAlone()
    {
        var a = new LatinHypercubeSampler(3, 500, 9);
        var b = new LatinHypercubeSampler(3, 500, 9);
        Assert.That(Point(a, 321), Is.EqualTo(Point(b, 321)));
        Assert.That(Point(new LatinHypercubeSampler(3, 500, 10), 321), Is.Not.EqualTo(Point(a, 321)));
        // the dimensions are permuted independently
        Assert.That(Enumerable.Range(0, 500).Count(i => a.Permute(0, i) == a.Permute(1, i)), Is.LessThan(10));
    }

    /// <summary>SplitMix64 seeded with 1234567: the published first outputs (Rosetta Code, "Pseudo-random numbers/Splitmix64").</summary>
    [Test]
    public void SplitMix64MatchesItsReferenceOutput()
    {
        ulong state = 1234567;
        var outputs = new List<ulong>();
        for (int i = 0; i < 3; i++)
        {
            outputs.Add(SplitMix64.Next(state));
            state += 0x9E3779B97F4A7C15UL;
        }
        Assert.That(outputs, Is.EqualTo(new[] { 6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL }));
    }
}
