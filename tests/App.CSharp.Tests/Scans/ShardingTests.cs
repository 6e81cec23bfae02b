using NUnit.Framework;
using NuDM.App.Cli;
using NuDM.App.Scans;

namespace NuDM.App.Tests.Scans;

/// <summary>Block-cyclic shards: every point in exactly one shard, counts that match, and the --shard syntax.</summary>
public class ShardingTests
{
    [TestCase(1000L, 256, 1)]
    [TestCase(1000L, 256, 4)]
    [TestCase(1000L, 7, 3)]
    [TestCase(10L, 256, 5)]
    [TestCase(1L, 1, 1)]
    [TestCase(12345L, 100, 17)]
    public void EveryPointBelongsToExactlyOneShard(long total, int block, int n)
    {
        var owner = new int[total];
        Array.Fill(owner, -1);
        for (int k = 0; k < n; k++)
        {
            var shard = new Shard(k, n);
            long count = 0;
            foreach (var b in shard.Blocks(total, block))
                for (long i = b * block; i < Math.Min(total, (b + 1) * block); i++)
                {
                    Assert.That(owner[i], Is.EqualTo(-1), $"point {i} in two shards");
                    owner[i] = k;
                    count++;
                }
            Assert.That(shard.PointCount(total, block), Is.EqualTo(count), $"shard {shard}");
        }
        Assert.That(owner, Is.All.Not.EqualTo(-1));
    }

    [Test]
    public void BlocksAreDealtRoundRobin()
    {
        Assert.That(new Shard(1, 3).Blocks(2560, 256), Is.EqualTo(new long[] { 1, 4, 7 }));
        Assert.That(new Shard(2, 3).Owns(5), Is.True);
    }

    [TestCase("3/8", 3, 8)]
    [TestCase("0/1", 0, 1)]
    public void ShardsAreWrittenKOverN(string text, int k, int n) => Assert.That(Shard.Parse(text), Is.EqualTo(new Shard(k, n)));

    [TestCase("8/8")]
    [TestCase("-1/4")]
    [TestCase("1/0")]
    [TestCase("2")]
    [TestCase("a/b")]
    public void MalformedShardsAreRefused(string text) =>
        Assert.That(Assert.Throws<UserInputException>(() => Shard.Parse(text))!.Message, Does.Contain("--shard").And.Contains("k/N"));
}
