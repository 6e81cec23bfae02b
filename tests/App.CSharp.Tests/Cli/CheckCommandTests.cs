using System.Globalization;
using System.Text.Json;
using NUnit.Framework;

namespace NuDM.App.Tests.Cli;

/// <summary>
/// <c>nudm check</c>: a user's own identity, inequality, limit or series, answered proven (exit 0), disproven with a
/// witness (exit 1), undecided or not computable (exit 3), or refused as bad input (exit 2, naming the argument, the
/// column and the character of a parse error); one CSV/JSON row with --csv/--json.
/// </summary>
[NonParallelizable]
public class CheckCommandTests
{
    /// <summary>seed 001 eq. (2.9) as printed, the + root: T_max(E_ν, M, m_χ).</summary>
    private const string PrintedTMax =
        "(2*M*E_nu^2 - m_chi^2*(E_nu + M) + E_nu*sqrt(4*M^2*E_nu^2 - 4*M*m_chi^2*(E_nu + M) + m_chi^4))/(2*M*(2*E_nu + M))";

    private const string PhysicalDomain = "E_nu > 0, M > 0, m_chi > 0";

    private static async Task<CliResult> Check(params string[] args) => await CliRun.Capture(["check", .. args]);

    [Test]
    public async Task AnIdentityUnderItsAssumptionIsProvenWithExitCode0()
    {
        var r = await Check("sqrt(x^2) = x", "--assume", "x > 0");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Out, Does.Contain("proven").And.Contain("x > 0"));
        Assert.That(r.Error, Is.Empty);
    }

    [Test]
    public async Task AFalseIdentityIsDisprovenWithExitCode1AndAWitnessWhoseSidesDiffer()
    {
        var r = await Check("(x + 1)^2 = x^2 + 2*x + 2", "--csv");
        Assert.That(r.Exit, Is.EqualTo(1), r.ToString());
        var lines = r.Out.TrimEnd('\n').Split('\n');
        Assert.That(lines[0], Is.EqualTo("mode,input,assumptions,result,status,reason,witness,lhs_value,rhs_value"));
        Assert.That(lines, Has.Length.EqualTo(2));
        var cells = lines[1].Split(',');
        Assert.That(cells[0], Is.EqualTo("identity"));
        Assert.That(lines[1], Does.Contain(",disproven,"));
        // the witness "x = …" re-evaluated here: the sides differ by exactly 1
        var witness = cells[^3];
        Assert.That(witness, Does.StartWith("x = "));
        var x = double.Parse(witness["x = ".Length..], CultureInfo.InvariantCulture);
        var (lhs, rhs) = (double.Parse(cells[^2], CultureInfo.InvariantCulture), double.Parse(cells[^1], CultureInfo.InvariantCulture));
        Assert.That(lhs, Is.EqualTo((x + 1) * (x + 1)).Within(1e-12).Percent);
        Assert.That(rhs, Is.EqualTo(x * x + 2 * x + 2).Within(1e-12).Percent);
        Assert.That(rhs - lhs, Is.EqualTo(1).Within(1e-9));
    }

    [Test]
    public async Task TheTerminalShowsTheWitnessPointAndBothSides()
    {
        var r = await Check("sqrt(x^2) = x");
        Assert.That(r.Exit, Is.EqualTo(1), r.ToString());
        Assert.That(r.Out, Does.Contain("disproven").And.Contain("witness").And.Contain("x = -"));
        Assert.That(r.Out, Does.Match(@"lhs\s+0\.\d+").And.Match(@"rhs\s+-0\.\d+"));
    }

    [Test]
    public async Task SinSquaredPlusCosSquaredIsUndecidedWithExitCode3()
    {
        var r = await Check("sin(x)^2 + cos(x)^2 = 1", "--json");
        Assert.That(r.Exit, Is.EqualTo(3), r.ToString());
        using var row = JsonDocument.Parse(r.Out.Trim());
        Assert.That(row.RootElement.GetProperty("status").GetString(), Is.EqualTo("undecided"));
        Assert.That(row.RootElement.GetProperty("reason").GetString(), Does.Contain("no point of the domain"));
        Assert.That(row.RootElement.GetProperty("witness").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task InequalitiesAreDecidedBySignWithAWitnessWhenFalse()
    {
        var proven = await Check("2*x > x", "--assume", "x > 0");
        Assert.That(proven.Exit, Is.EqualTo(0), proven.ToString());
        var r = await Check("x >= 1", "--assume", "x > 0", "--json");
        Assert.That(r.Exit, Is.EqualTo(1), r.ToString());
        using var row = JsonDocument.Parse(r.Out.Trim());
        Assert.That(row.RootElement.GetProperty("mode").GetString(), Is.EqualTo("inequality"));
        Assert.That(row.RootElement.GetProperty("lhs_value").GetDouble(), Is.LessThan(row.RootElement.GetProperty("rhs_value").GetDouble()));
        Assert.That(row.RootElement.GetProperty("lhs_value").GetDouble(), Is.GreaterThan(0), "the witness lies inside x > 0");
    }

    [Test]
    public async Task TheMasslessLimitOfTMaxIsSeed001Eq210()
    {
        var r = await Check("--limit", PrintedTMax, "--at", "m_chi -> 0+", "--assume", PhysicalDomain);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Out, Does.Contain("2*E_nu^2/(2*E_nu + M)").And.Contain("computed"));
        var proven = await Check("--limit", PrintedTMax, "--at", "m_chi -> 0+", "--assume", PhysicalDomain, "--expect", "2*E_nu^2/(M + 2*E_nu)");
        Assert.That(proven.Exit, Is.EqualTo(0), proven.ToString());
        Assert.That(proven.Out, Does.Contain("proven"));
        var wrong = await Check("--limit", PrintedTMax, "--at", "m_chi -> 0+", "--assume", PhysicalDomain, "--expect", "2*E_nu^2/(M + E_nu)", "--csv");
        Assert.That(wrong.Exit, Is.EqualTo(1), wrong.ToString());
        Assert.That(wrong.Out, Does.Contain(",disproven,").And.Contain("E_nu = "));
    }

    [TestCase("sin(x)/x", "x -> 0", "1")]
    [TestCase("x*(sqrt(x^2 + 1) - x)", "x -> oo", "1/2")]
    [TestCase("1/x", "x -> 0+", "inf")]
    [TestCase("1/x", "x -> 0-", "-inf")]
    [TestCase("1/x", "x -> 0", "does not exist")]
    public async Task LimitsAtZeroAtInfinityAndOneSided(string expression, string at, string expected)
    {
        var r = await Check("--limit", expression, "--at", at, "--assume", "x > 0", "--csv");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var cells = r.Out.Split('\n')[1].Split(',');
        Assert.That(cells[0], Is.EqualTo("limit"));
        Assert.That(cells[3], Is.EqualTo(expected));
        Assert.That(cells[4], Is.EqualTo("computed"));
    }

    [Test]
    public async Task ALimitTheCoreCannotComputeExitsWith3AndItsReason()
    {
        var r = await Check("--limit", "sin(1/x)", "--at", "x -> 0");
        Assert.That(r.Exit, Is.EqualTo(3), r.ToString());
        Assert.That(r.Out, Does.Contain("not computed").And.Contain("essential singularity"));
    }

    [Test]
    public async Task ASeriesToOrder4MatchesItsKnownExpansion()
    {
        var r = await Check("--series", "sin(x)", "--at", "x -> 0", "--order", "4");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Out, Does.Contain("x - x^3/6 + O(x^4)"));
        var proven = await Check("--series", "exp(x)", "--at", "x -> 0", "--order", "4", "--expect", "1 + x + x^2/2 + x^3/6");
        Assert.That(proven.Exit, Is.EqualTo(0), proven.ToString());
        var wrong = await Check("--series", "exp(x)", "--at", "x -> 0", "--order", "4", "--expect", "1 + x + x^2/2 + x^3/3");
        Assert.That(wrong.Exit, Is.EqualTo(1), wrong.ToString());
    }

    [Test]
    public async Task AParseErrorNamesTheArgumentTheColumnAndTheCharacter()
    {
        var r = await Check("sin(x) = 2 # 3");
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("the claim (first argument)").And.Contain("column 12").And.Contain("'#'"));
        var assume = await Check("x = x", "--assume", "x > 0, 😀 > 1");
        Assert.That(assume.Exit, Is.EqualTo(2), assume.ToString());
        Assert.That(assume.Error, Does.Contain("--assume").And.Contain("column 8").And.Contain("'😀'"));
        var at = await Check("--limit", "x", "--at", "x -> 0 $");
        Assert.That(at.Exit, Is.EqualTo(2), at.ToString());
        Assert.That(at.Error, Does.Contain("--at").And.Contain("column 8").And.Contain("'$'"));
        Assert.That(r.Out + r.Error + assume.Error + at.Error, Does.Not.Contain("internal error").And.Not.Contain("   at "));
    }

    [TestCase("x > 0, y >= 0", "'y >= 0'", "strict")]
    [TestCase("x = 1", "'x = 1'", "strict")]
    [TestCase("x", "'x'", "not an assumption")]
    public async Task AnAssumptionOfAnUnknownFormIsRefusedNamingThePart(string assumption, string part, string why)
    {
        var r = await Check("x = x", "--assume", assumption);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("--assume").And.Contain(part).And.Contain(why));
    }

    [TestCase(new[] { "--limit", "sin(x)/x" }, "--limit needs --at")]
    [TestCase(new[] { "--series", "sin(x)" }, "--series needs --at")]
    [TestCase(new[] { "x = 1", "--limit", "x", "--at", "x -> 0" }, "cannot be combined")]
    [TestCase(new[] { "--limit", "x", "--series", "x", "--at", "x -> 0" }, "cannot be combined")]
    [TestCase(new[] { "x = 1", "--expect", "1" }, "--expect goes with --limit or --series")]
    [TestCase(new[] { "x = 1", "--at", "x -> 0" }, "--at goes with --limit or --series")]
    [TestCase(new[] { "--limit", "x", "--at", "x -> 0", "--order", "3" }, "--order needs --series")]
    [TestCase(new[] { "--series", "x", "--at", "x -> 0", "--order", "0" }, "--order = 0 is outside its range [1, 20]")]
    [TestCase(new string[0], "nothing to check")]
    [TestCase(new[] { "x + 1" }, "no relation")]
    [TestCase(new[] { "--limit", "x", "--at", "x 0" }, "has no '->'")]
    public async Task ConflictingOrIncompleteArgumentsExitWith2(string[] args, string message)
    {
        var r = await Check(args);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain(message), r.ToString());
        Assert.That(r.Out, Is.Empty);
    }
}
