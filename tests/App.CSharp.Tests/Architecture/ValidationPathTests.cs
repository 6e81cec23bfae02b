using NuDM.App.Cosmology;
using NuDM.App.Experiments;
using NuDM.App.Figures;
using NUnit.Framework;

namespace NuDM.App.Tests.Architecture;

/// <summary>
/// One argument-validation path (issue 11, item 4): library code of every layer refuses a value with the kernel's
/// NuDM.Physics.Argument — ArgumentOutOfRangeException naming the parameter, its allowed range with its unit and the
/// value given ("mass must be a finite number ≥ 0 MeV, got -1"), ArgumentException for a fault that is not a range —
/// and the CLI maps both to exit code 2. The parallel helpers (Cli.Require, Cosmology.Guard, Experiments.Validator,
/// Figures' Check) are gone: their messages had other shapes ("allowed range (0, +inf)", no value given, "1E-12").
/// </summary>
public class ValidationPathTests
{
    private static readonly string[] Helpers = ["NuDM.App.Cli.Require", "NuDM.App.Cosmology.Guard", "NuDM.App.Experiments.Validator", "NuDM.App.Figures.Check"];

    [Test]
    public void TheParallelHelpersAreGone()
    {
        var asm = typeof(NuDM.App.Cli.CommandLine).Assembly;
        Assert.That(Helpers.Where(h => asm.GetType(h) is not null), Is.Empty);
    }

    [Test]
    public void TheCosmologySolversRefuseWithTheKernelsMessages()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Equilibrium.NumberDensity(-1, 1, 2))!;
        Assert.That(e.ParamName, Is.EqualTo("mass"));
        Assert.That(e.Message, Does.StartWith("mass must be a finite number ≥ 0 MeV, got -1"));
        var o = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new FreezeOutOptions { Tolerance = 1 })!;
        Assert.That(o.Message, Does.StartWith("Tolerance must be in [1E-12, 0.01], got 1"));
        var t = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TwoSpeciesOptions { StartTemperature = 0.5 })!;
        Assert.That(t.Message, Does.StartWith("StartTemperature must be in [1, 100000] MeV, got 0.5"));
    }

    [Test]
    public void AnExperimentFileIsCheckedTheSameWayAndNamesFileAndField()
    {
        var def = ExperimentYaml.Load("conus");
        def.Systematics!.SigmaA = -0.25;
        var e = Assert.Throws<ExperimentDataException>(() => _ = new Conus(def))!;
        Assert.That(e.Field, Is.EqualTo("systematics.sigma_a"));
        Assert.That(e.Message, Does.Contain("data/experiments/conus.yaml").And.Contain("systematics.sigma_a: must be a finite number ≥ 0, got -0.25"));
    }

    [Test]
    public void AFigureFaultIsAnArgumentExceptionWithTheProgramsSpellingOfNumbers()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new Figure([new Panel { X = Axis.Linear("x"), Y = Axis.Linear("y"), Series = [new LineSeries([0, 1], [0, 1], "a") { Width = -2 }] }]).Validate())!;
        Assert.That(e.ParamName, Is.EqualTo("Width"));
        Assert.That(e.Message, Does.StartWith("panel 0, LineSeries 'a': Width must be within [0, 100]; got -2."));
    }
}
