using NUnit.Framework;

namespace NuDM.App.Tests;

public class SmokeTests
{
    [Test]
    public async Task HelpExitsWithZero() => Assert.That(await NuDM.App.Cli.CommandLine.RunAsync(["--help"]), Is.EqualTo(0));
}
