using NuDM.App.Experiments;
using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Experiments;

/// <summary>
/// The COHERENT acceptances and timing efficiency come from the kernel's DetectorResponse formulas (issue 11: a response
/// fitted by a collaboration is data + a kernel formula); the compiled delegates give the numbers of the C# arithmetic
/// they replaced bit for bit, which is typed here only as the reference.
/// </summary>
public class DetectorResponseTests
{
    [Test]
    public void TheKernelFormulasReproduceTheReplacedArithmeticBitForBit()
    {
        var rng = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            double x = 60 * rng.NextDouble(), a = 0.5 + 0.5 * rng.NextDouble(), k = 0.1 + rng.NextDouble(), x0 = 5 + 10 * rng.NextDouble();
            double d = -0.2 * rng.NextDouble();
            Assert.That(new LogisticAcceptance(a, k, x0, 0, 0).Logistic(x), Is.EqualTo(a / (1 + Math.Exp(-k * (x - x0)))));
            Assert.That(new OffsetLogisticAcceptance(a, k, x0, d).Evaluate(x), Is.EqualTo(Math.Clamp(a / (1 + Math.Exp(-k * (x - x0))) + d, 0.0, 1.0)));
            Assert.That(DetectorResponseFormulas.OffsetLogisticCrossing(0, a, k, x0, d), Is.EqualTo(x0 - Math.Log(a / -d - 1) / k));
            double t = 10 * rng.NextDouble(), lambda = 0.1 * rng.NextDouble();
            Assert.That(DetectorResponseFormulas.TimingDecay(t, 0.52, lambda), Is.EqualTo(Math.Exp(-lambda * (t - 0.52))));
        }
    }

    [Test]
    public void TheClippedCurveHasItsKinksWhereItCrossesZero()
    {
        var acc = new OffsetLogisticAcceptance(0.9, 0.3, 8, -0.05);
        Assert.That(acc.Breakpoints, Has.Count.EqualTo(1));
        Assert.That(DetectorResponseFormulas.OffsetLogistic(acc.Breakpoints[0], 0.9, 0.3, 8, -0.05), Is.EqualTo(0).Within(1e-15));
        Assert.That(acc.Evaluate(acc.Breakpoints[0] - 1), Is.EqualTo(0));
        Assert.That(acc.Evaluate(acc.Breakpoints[0] + 1), Is.GreaterThan(0));
        Assert.That(DetectorResponseFormulas.All.Select(f => f.Reference), Has.All.Contains("COHERENT"));
    }
}
