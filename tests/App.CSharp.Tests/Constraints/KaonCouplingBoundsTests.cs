using NuDM.App.Constraints;
using NUnit.Framework;

namespace NuDM.App.Tests.Constraints;

/// <summary>Kaon bounds on y_q: the seed's E787/E949 number (seed 000 eq. 2) rescaled with the NA62 results of
/// data/detection/kaon_pi_nunu.csv.</summary>
public class KaonCouplingBoundsTests
{
    [Test]
    public void TableStartsAtTheSeedsAnchorAndListsEveryNa62Result()
    {
        var t = KaonCouplingBounds.Table();
        Assert.That(t, Has.Count.EqualTo(5), "E787+E949 and four NA62 results");
        Assert.That(t[0].Label, Does.StartWith("E787+E949"));
        Assert.That(t[0].YqMax, Is.EqualTo(1.58e-4).Within(1e-10).Percent, "seed 000 eq. (2)");
        // NA62 JHEP 02 (2025) 191 (2016–2022, 13.0 +3.3 −3.0): A = 4.6 + 1.2816·sqrt(3.3² + 1) = 9.02e-11
        var na62 = t.Single(r => r.Label == "NA62 2016-2022");
        Assert.That(na62.BsmAllowance, Is.EqualTo(9.019).Within(0.01));
        Assert.That(na62.YqMax, Is.EqualTo(9.75e-5).Within(0.2).Percent);
        Assert.That(t.Single(r => r.Label == "NA62 2016-2024").Preliminary);
        Assert.That(t.Where(r => r.Label.StartsWith("NA62")).All(r => r.YqMax < t[0].YqMax), "every NA62 result tightens the bound");
    }

    [Test]
    public void CurvesAreFlatBelowTheEndpointAndAbsentAbove()
    {
        var m = new[] { 1.0, 100.0, 300.0, 354.0, 360.0, 500.0 };
        var curves = KaonCouplingBounds.Curves(m);
        Assert.That(curves, Has.Count.EqualTo(5));
        foreach (var c in curves)
        {
            Assert.That(c.Y[0], Is.EqualTo(c.Y[3]), c.Label);
            Assert.That(double.IsNaN(c.Y[4]) && double.IsNaN(c.Y[5]), c.Label + ": no K → πφ above m_K − m_π");
            Assert.That(c.IsPlaceholder, Is.False);
        }
        var ps = KaonCouplingBounds.Curves(m, phaseSpace: true);
        Assert.That(ps[0].Y[2], Is.GreaterThan(ps[0].Y[0]), "phase space weakens the bound toward the endpoint");
        Assert.That(KaonCouplingBounds.FormatTable(), Does.Contain("rescaling"));
    }

    [Test]
    public void NegativeMediatorMassIsRejectedByName()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => KaonCouplingBounds.Curves([-1.0]));
        Assert.That(e!.ParamName, Is.EqualTo("mPhi"));
    }
}
