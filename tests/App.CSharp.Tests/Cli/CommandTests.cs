using NuDM.App.Cli;
using NUnit.Framework;

namespace NuDM.App.Tests.Cli;

/// <summary>The command line: exit codes, clear errors for bad input, and the figure run's outputs.</summary>
public class CommandTests
{
    [Test]
    public async Task VerifyProvesEverything() =>
        Assert.That(await CommandLine.RunAsync(["verify"]), Is.EqualTo(0));

    [Test]
    public async Task KinematicsPrintsForAPhysicalPoint() =>
        Assert.That(await CommandLine.RunAsync(["kinematics", "--target", "Ge", "--enu", "5", "--mchi", "3"]), Is.EqualTo(0));

    [TestCase("--target", "Ge", "--enu", "2", "--mchi", "3")]     // below threshold
    [TestCase("--target", "Ge", "--enu", "5", "--mchi", "-1")]    // negative mass
    [TestCase("--target", "Unobtainium", "--enu", "5", "--mchi", "1")]
    [TestCase("--target", "Ge", "--enu", "NaN", "--mchi", "1")]
    public async Task KinematicsRejectsBadInputWithExitCode2(params string[] args) =>
        Assert.That(await CommandLine.RunAsync(["kinematics", .. args]), Is.EqualTo(2));

    [Test]
    public async Task FiguresWritesSvgAndCsvAndResumes()
    {
        var dir = Path.Combine(Path.GetTempPath(), "nudm-figures-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.That(await CommandLine.RunAsync(["figures", "--out", dir, "--only", "seed001-fig2"]), Is.EqualTo(0));
            var svg = Path.Combine(dir, "seed001-fig2.svg");
            var csv = Path.Combine(dir, "seed001-fig2.csv");
            Assert.That(File.Exists(svg) && File.Exists(csv));
            Assert.That(File.ReadAllLines(csv)[0], Does.StartWith("panel,series,kind,x,y"));
            var stamp = File.GetLastWriteTimeUtc(svg);
            // a second run finds the figure up to date and does not rewrite it
            Assert.That(await CommandLine.RunAsync(["figures", "--out", dir, "--only", "seed001-fig2"]), Is.EqualTo(0));
            Assert.That(File.GetLastWriteTimeUtc(svg), Is.EqualTo(stamp));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public async Task UnknownFigureIdIsAnInputError() =>
        Assert.That(await CommandLine.RunAsync(["figures", "--only", "no-such-figure", "--out", Path.GetTempPath()]), Is.EqualTo(2));
}
