using NuDM.App.Constraints;
using NUnit.Framework;

namespace NuDM.App.Tests.Constraints;

/// <summary>DM → ν conversion in the Earth and the Sun (seed 000 sec. V), against the seed's statements.</summary>
public class EarthSunConstraintsTests
{
    [Test]
    public void EarthDominatesAndTheSignalIsFarBelowTheBoron8Flux()
    {
        // seed 000 sec. V: "the flux from collisions in the earth is several orders of magnitude larger" and, at
        // m_X ~ 10 MeV, σ ~ 1e-43 cm², "~6 orders of magnitude lower than ... the entire Boron-8 flux".
        // SNO total ⁸B flux 5.25e6 cm⁻² s⁻¹ (Aharmim et al., PRC 88 025501 (2013)).
        var c = EarthSunConstraints.Compare(10.0, 1e-43);
        Assert.That(c.EarthOverSun, Is.EqualTo(2484).Within(0.1).Percent, "3.4 orders of magnitude");
        Assert.That(c.Total, Is.EqualTo(0.0698).Within(0.2).Percent);
        Assert.That(c.Boron8, Is.EqualTo(5.25e6));
        // finding: 7.9 orders, not ~6 (see ConstraintTests.fs); the seed's conclusion — unconstrained — holds
        Assert.That(c.OrdersBelowBoron8, Is.EqualTo(7.88).Within(0.01));
    }

    [Test]
    public void PlaceholderFluxLimitGivesACurveThatIsNeverDrawn()
    {
        var masses = Grid.LogSpace(5e3, 1.5e5, 8);
        var curve = EarthSunConstraints.SigmaLimitCurve(NeutrinoFluxLimit.Placeholder, masses);
        Assert.That(curve.IsPlaceholder);
        Assert.That(curve.Y.All(double.IsFinite));
        Assert.That(curve.Y[^1] / curve.Y[0], Is.EqualTo(masses[^1] / masses[0]).Within(1e-9).Percent, "σ_max ∝ m_X at a flat flux limit");
        var real = EarthSunConstraints.SigmaLimitCurve(NeutrinoFluxLimit.Flat(2e-3, "user input for the test"), masses);
        var drawn = ConstraintCurves.ForFigures([curve, real]);
        Assert.That(drawn, Has.Count.EqualTo(1));
        Assert.That(drawn[0], Is.SameAs(real));
        Assert.That(real.Y[0], Is.EqualTo(2 * curve.Y[0]).Within(1e-9).Percent);
    }

    [Test]
    public void MassesOutsideTheSuperKRangeAreRejectedWithTheRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => EarthSunConstraints.SigmaLimitCurve(NeutrinoFluxLimit.Placeholder, [10.0]));
        Assert.That(e!.ParamName, Is.EqualTo("mX"));
        Assert.That(e.Message, Does.Contain("4–200 GeV"));
        var f = Assert.Throws<ArgumentOutOfRangeException>(() => NeutrinoFluxLimit.Flat(-1, "x"));
        Assert.That(f!.ParamName, Is.EqualTo("fluxLimit"));
    }
}
