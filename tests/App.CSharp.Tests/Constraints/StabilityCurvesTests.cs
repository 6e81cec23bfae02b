using NuDM.App.Constraints;
using NUnit.Framework;

namespace NuDM.App.Tests.Constraints;

/// <summary>The stability bound (seed 000 eq. 4) as y_X–m_X curves, and the sterile-neutrino recast (sec. II.A).</summary>
public class StabilityCurvesTests
{
    [Test]
    public void StabilityCurveHasTheScalingOfEq4()
    {
        // y_X y_q ≲ P (r/3)² sqrt(10 MeV/m_X); the derived prefactor P is 1.77e-16 (AmplitudeTests: the seed prints 2e-15)
        var p0 = StabilityCurves.ProductMax(10, 3);
        Assert.That(p0, Is.EqualTo(1.77e-16).Within(2).Percent);
        Assert.That(StabilityCurves.ProductMax(40, 6), Is.EqualTo(p0 * 4 * 0.5).Within(1e-9).Percent);
        var curve = StabilityCurves.YXCurve([1, 10, 100], yq: 1e-9, r: 3);
        Assert.That(curve.Y[1], Is.EqualTo(p0 / 1e-9).Within(1e-9).Percent);
        Assert.That(curve.Y[0] / curve.Y[2], Is.EqualTo(10).Within(1e-9).Percent, "∝ m_X^(-1/2)");
    }

    [Test]
    public void SterileRecastInvertsTheMixingEquivalent()
    {
        // sin²2θ = y_X² y_q²/(m_φ⁴ G_F²): recast of a bound S gives y_X with exactly that sin²2θ
        double yq = 1e-9, mPhi = 30, s = 1e-10;
        var yX = StabilityCurves.YXFromSterileMixing(s, yq, mPhi);
        Assert.That(StabilityCurves.SterileMixingEquivalent(yX, yq, mPhi), Is.EqualTo(s).Within(1e-9).Percent);
        var gf = 1.1663788e-11; // MeV⁻² (PDG 2024)
        Assert.That(yX, Is.EqualTo(Math.Sqrt(s) * mPhi * mPhi * gf / yq).Within(1e-9).Percent);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => StabilityCurves.YXMax(10, 0, 3));
        Assert.That(e!.ParamName, Is.EqualTo("yq"));
    }
}
