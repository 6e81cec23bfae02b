using NuDM.App.Cli;
using NUnit.Framework;

namespace NuDM.App.Tests.Cli;

/// <summary>
/// Every numeric option has a physical range and a strict invariant-culture parser; conflicting options are refused;
/// valid inputs at a physical edge are refused with their reason. All of these exit with code 2 and a message that
/// names the option (never a NaN, an Infinity, a wrong number or "internal error").
/// </summary>
[NonParallelizable]
public class InputValidationTests
{
    /// <summary>Inputs that passed validation and printed NaN, Infinity or T_max = 0 with exit code 0 (issue 10 §2).</summary>
    [TestCase("--enu", "xsec", "--target", "CsI", "--enu", "1e308", "--mchi", "3", "--ms", "10", "--ybar", "1e-4")]
    [TestCase("--ybar", "spectrum", "--experiment", "conus", "--ybar", "1e308")]
    [TestCase("--flux-limit", "earthsun", "--mx", "10000", "--flux-limit", "1e308", "--flux-source", "test")]
    [TestCase("--to", "constraints", "--to", "1e308")]
    [TestCase("--enu", "kinematics", "--target", "Ge", "--enu", "1e308")]
    [TestCase("--to", "relic", "--to", "1e308")]
    [TestCase("--to", "limit", "--experiment", "conus", "--vary", "mchi", "--to", "1e308")]
    public async Task HugeValuesAreOutsideThePhysicalRange(string option, params string[] args)
    {
        var r = await CliRun.Capture(args);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain(option).And.Contain("outside its physical range"), r.ToString());
        Assert.That(r.Out + r.Error, Does.Not.Contain("NaN").And.Not.Contain("Infinity").And.Not.Contain("internal error"));
    }

    [TestCase("1,5", "comma")]
    [TestCase("1.000,5", "comma")]
    [TestCase("1,000", "comma")]
    [TestCase("NaN", "not a number")]
    [TestCase("Infinity", "not a number")]
    [TestCase("∞", "not a number")]
    [TestCase("0x10", "not a number")]
    [TestCase("1_5", "not a number")]
    [TestCase("1e400", "too large")]
    public async Task DecimalCommasSeparatorsAndNonNumbersAreRefused(string text, string why)
    {
        var r = await CliRun.Capture(["kinematics", "--target", "Ge", "--enu", text]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("--enu").And.Contain(why));
    }

    [Test]
    public async Task ADecimalPointIsReadInTheInvariantCulture()
    {
        var r = await CliRun.Capture(["kinematics", "--target", "Ge", "--enu", "1.5"]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Out, Does.Contain("E_ν = 1.5 MeV"));
    }

    [TestCase("1.5", true)]
    [TestCase("-2", true)]
    [TestCase("3e-4", true)]
    [TestCase(".5", true)]
    [TestCase("2.", true)]
    [TestCase("1,5", false)]
    [TestCase("1 5", false)]
    [TestCase("1e", false)]
    [TestCase("+", false)]
    [TestCase("", false)]
    public void TheStrictParser(string text, bool ok) =>
        Assert.That(NumericOption.TryParse(text, out _, out _), Is.EqualTo(ok));

    [Test]
    public void TheRangesContainTheirDefaultsAndSayWhy()
    {
        foreach (var f in typeof(PhysicalRanges).GetFields().Where(f => f.FieldType == typeof(PhysicalRange)))
        {
            var range = (PhysicalRange)f.GetValue(null)!;
            Assert.That(range.Min, Is.LessThan(range.Max), f.Name);
            Assert.That(double.IsFinite(range.Min) && double.IsFinite(range.Max), f.Name);
            Assert.That(range.Why, Has.Length.GreaterThan(20), $"{f.Name} says where its bounds come from");
        }
        Assert.That(PhysicalRanges.EffectiveCoupling.Max, Is.EqualTo(Math.Sqrt(4 * Math.PI)), "perturbativity, as drawn in seed 000 Fig. 5");
    }

    /// <summary>Options that were silently ignored are refused.</summary>
    [TestCase("--mchi cannot be combined with --vary mchi", "limit", "--experiment", "conus", "--vary", "mchi", "--mchi", "3")]
    [TestCase("--ms cannot be combined with --vary ms", "limit", "--experiment", "conus", "--vary", "ms", "--ms", "3")]
    [TestCase("with --vary mchi", "limit", "--experiment", "conus", "--vary", "mchi", "--to", "500")]
    [TestCase("cannot be combined", "relic", "--mx", "30", "--from", "3")]
    [TestCase("--flux-source needs --flux-limit", "earthsun", "--mx", "10", "--flux-source", "somewhere")]
    [TestCase("--flux-limit needs --flux-source", "earthsun", "--mx", "10000", "--flux-limit", "10")]
    [TestCase("--xray-source needs --sin2-2theta-max", "stability", "--xray-source", "somewhere")]
    [TestCase("give all of --mchi, --ms and --ychi", "boltzmann", "--mchi", "3")]
    [TestCase("cannot be combined", "figures", "--list", "--force")]
    public async Task ConflictingOptionsAreRefused(string message, params string[] args)
    {
        var r = await CliRun.Capture(args);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain(message));
    }

    /// <summary>
    /// Inside every advertised range, yet the dark matter decouples while relativistic: a physical reason, exit 2 (it
    /// was "internal error … gamma &lt; H", exit 1).
    /// </summary>
    [Test]
    public async Task KineticDecouplingWhileRelativisticIsAnInputErrorWithThePhysicalReason()
    {
        var r = await CliRun.Capture(["kd", "--mx", "10000", "--yx", "1e-10", "--ratio", "10000"]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("decouples kinetically while still relativistic")
            .And.Contain("m_X = 10000 MeV").And.Contain("y_X = 1E-10").And.Not.Contain("internal error"));
    }

    [Test]
    public async Task EarthSunSaysAboveWhenTheFluxExceedsBoron8()
    {
        var r = await CliRun.Capture(["earthsun", "--mx", "1e-3", "--sigma", "1e-20"]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Out, Does.Contain("orders of magnitude above it").And.Not.Contain("lies -"));
    }

    /// <summary>A σ limit that cannot be computed (m_X outside 4–200 GeV) is refused before anything is printed.</summary>
    [Test]
    public async Task AFluxLimitOutsideItsMassWindowPrintsNothingBeforeTheError()
    {
        var r = await CliRun.Capture(["earthsun", "--mx", "10", "--flux-limit", "10", "--flux-source", "test"]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Out, Is.Empty);
    }
}
