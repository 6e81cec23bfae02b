using NuDM.App.Cevns;
using NuDM.App.Cli;
using NuDM.App.Constraints;
using NuDM.App.Cosmology;
using NuDM.App.Detection;
using NuDM.App.Experiments;
using NuDM.Physics;
using NUnit.Framework;
using Spectre.Console;

namespace NuDM.App.Tests.Data;

/// <summary>
/// The data folder as a whole: every file the program ships is read by it (nothing else is shipped), the C# readers
/// (experiments, g_eff tables, direct-detection efficiencies, the LAr parameter sheet) go through the validating reader,
/// and a fault in a table reaches the user as a message with file, line and column and exit code 2 — not as a hang.
/// Each test works in its own copy of data/ and leaves the real folder in use afterwards.
/// </summary>
[NonParallelizable]
public class DataFolderTests
{
    private string _before = "";

    [SetUp]
    public void RememberFolder() => _before = DataFiles.Directory;

    [TearDown]
    public void FolderIsRestored() => Assert.That(DataFiles.Directory, Is.EqualTo(_before), "the data-folder override must be reset");

    /// <summary>
    /// Loads everything the program can load — every experiment of the registry with every response model and its flux,
    /// every direct-detection search, every g_eff table, the reactor model, isotopes, couplings, kaon data, the Earth and
    /// the Sun, the X-ray limits, the Sobol direction numbers of scans — in a fresh copy of data/, and asserts that every
    /// file there (README.md and the LICENSE.* files of copied data aside: documents, shipped beside the file they cover)
    /// was read.
    /// </summary>
    [Test]
    public void EveryFileUnderDataIsReadByTheProgram()
    {
        using var copy = ReferenceData.DataCopy();
        string root = DataFiles.Directory;
        foreach (var id in ExperimentRegistry.Ids)
        {
            var x = ExperimentRegistry.Load(id);
            foreach (var model in x.ResponseModels)
                ExperimentRegistry.Load(id, new ExperimentOptions { ResponseModel = model });
            _ = KernelPhysics.Flux(x);
        }
        foreach (var s in DirectDetection.All) _ = s.Name;
        foreach (var t in Enum.GetValues<DegreesOfFreedomTable>()) StandardModelPlasma.Load(t);
        _ = Nuclear.Isotopes;
        _ = new ReactorSpectrum().PerFission(1.0);
        _ = Couplings.ScalarContent(Nucleon.Proton);
        _ = Couplings.QuarkMasses(QuarkMassSet.PDG2018);
        _ = KaonBounds.Table();
        _ = (EarthSunFluxes.Earth, EarthSunFluxes.Sun, EarthSunFluxes.Boron8Flux_cm2_s);
        _ = new NuDM.App.Scans.SobolSampler(32); // the Sobol direction numbers of nudm scan
        _ = XrayMixingLimits.All;
        _ = new NuDM.App.Fits.LAr2020Release(ExperimentRegistry.Load<CoherentLAr2020>("coherent-lar-2020")); // the LAr 3-D release of nudm fit

        var shipped = Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => Path.GetFileName(f) != "README.md" && !Path.GetFileName(f).StartsWith("LICENSE.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();
        var opened = DataFiles.OpenedFiles;
        Assert.That(shipped.Except(opened), Is.Empty, "files under data/ that nothing reads: use them, move them to tests/reference-data, or delete them");
        Assert.That(opened.Except(shipped), Is.Empty);
        Assert.That(shipped.Length, Is.GreaterThan(40));
    }

    /// <summary>A licence file under data/ is named in its folder's README, and a file of its folder is read by the program.</summary>
    [Test]
    public void EveryLicenceFileIsNamedInItsFoldersReadme()
    {
        var licences = Directory.GetFiles(ReferenceData.RepositoryData, "LICENSE.*", SearchOption.AllDirectories);
        Assert.That(licences, Is.Not.Empty, "the X-ray limits of snowmass2021-cf3 come with their MIT licence");
        foreach (var l in licences)
        {
            var dir = Path.GetDirectoryName(l)!;
            var readme = new[] { dir, Path.GetDirectoryName(dir)! }.Select(d => Path.Combine(d, "README.md")).First(File.Exists);
            Assert.That(File.ReadAllText(readme), Does.Contain(Path.GetFileName(l)), $"{readme} must name {Path.GetFileName(l)}");
        }
    }

    [Test]
    public void ANaNInAGEffTableIsAnErrorWithLineAndColumn()
    {
        const string file = "cosmology/micromegas_HP_B_thg.tab", line = " 1.9952630e-05  3.9138369e+00  3.3671631e+00";
        int n = ReferenceData.LineOf(file, line);
        using var copy = ReferenceData.EditedData(file, line, " 1.9952630e-05  NaN  3.3671631e+00");
        var e = Assert.Throws<DataFileException>(() => StandardModelPlasma.Load(DegreesOfFreedomTable.HindmarshPhilipsenB))!;
        Assert.That((e.File, e.Line, e.Column, e.ColumnName), Is.EqualTo(("data/" + file, n, 2, "h_eff")));
    }

    [Test]
    public void AnUnsortedTemperatureIsAnError()
    {
        const string file = "cosmology/saikawa_shirai_gstar_ptarcade.dat", line = "1.0000000e-05 1.4212322e-13 3.9309400e+00 3.3830800e+00";
        int n = ReferenceData.LineOf(file, line);
        using var copy = ReferenceData.EditedData(file, line, "1.0000000e+05 1.4212322e-13 3.9309400e+00 3.3830800e+00");
        var e = Assert.Throws<DataFileException>(() => StandardModelPlasma.Load(DegreesOfFreedomTable.SaikawaShirai))!;
        Assert.That((e.Line, e.Column), Is.EqualTo((n + 1, 1)), e.Message);
        Assert.That(e.Message, Does.Contain("does not increase strictly"));
    }

    [Test]
    public void AnEfficiencyAboveOneIsAnError()
    {
        const string file = "detection/xenon1t_2018_ddcalc_efficiency.csv", line = "2.70658,0.00866,0.00866,0.00000";
        int n = ReferenceData.LineOf(file, line);
        using var copy = ReferenceData.EditedData(file, line, "2.70658,1.866,0.00866,0.00000");
        var e = Assert.Throws<DataFileException>(() => _ = DirectDetection.Xenon1T)!;
        Assert.That((e.File, e.Line, e.Column, e.ColumnName), Is.EqualTo(("data/" + file, n, 2, "eff_total")));
        Assert.That(e.Message, Does.Contain("outside [0, 1]"));
    }

    [Test]
    public void AJunkRowInAnExperimentsDataFileIsAnError()
    {
        // before: ReadNumbers skipped the row, and the experiment failed later with "24 rows for 25 bins" (no line)
        const string file = "cevns/coherent_csi2017_digitized/COHERENT_data.txt", line = "3.0269431420458233 -0.9078947368421026";
        int n = ReferenceData.LineOf(file, line);
        using var copy = ReferenceData.EditedData(file, line, "3.0269431420458233 -0.9O78947368421026");
        var e = Assert.Throws<DataFileException>(() => ExperimentRegistry.Load("coherent-csi-2017"))!;
        Assert.That((e.File, e.Line, e.Column), Is.EqualTo(("data/" + file, n, 2)));
    }

    [Test]
    public void ANonNumericValueInTheLArParameterSheetIsAnErrorAtItsLine()
    {
        // before: a value that did not parse was skipped, and the check against it failed with "has no distanceToTarget.value"
        const string file = "cevns/coherent_lar2020_release/LArParametersAnlA.yaml";
        int n = ReferenceData.LineOf(file, "  value: 27.5");
        using var copy = ReferenceData.EditedData(file, "  value: 27.5", "  value: 27,5");
        var e = Assert.Throws<DataFileException>(() => ExperimentRegistry.Load("coherent-lar-2020"))!;
        Assert.That((e.File, e.Line), Is.EqualTo(("data/" + file, n)), e.Message);
        Assert.That(e.Message, Does.Contain("distanceToTarget.value = '27,5' is not a finite number"));
    }

    [Test]
    public void ExperimentDataFaultsAreDataFileExceptions() =>
        Assert.That(typeof(ExperimentDataException).IsSubclassOf(typeof(DataFileException)));

    /// <summary>
    /// End to end: `spectrum --experiment conus` with a NaN in the reactor table exits with code 2 and the position of the
    /// NaN. Before, it never finished (4.3 GB resident after a minute). The run is awaited with a generous guard so that a
    /// regression fails this test instead of hanging the suite; nothing is asserted about the time it takes.
    /// </summary>
    [Test]
    public async Task SpectrumWithANaNInTheReactorTableExitsWith2AndNamesTheCell()
    {
        const string file = "cevns/reactor/kopeikin_spectrum.txt", line = "0.500 0.303e+1 7";
        int n = ReferenceData.LineOf(file, line);
        using var copy = ReferenceData.EditedData(file, line, "0.500 nan 7");
        var (code, output) = await RunCaptured(["spectrum", "--experiment", "conus"]);
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain($"data/{file}: line {n}, column 2 (per_MeV_per_fission): 'nan' is not a finite number"));
        Assert.That(output, Does.Not.Contain("internal error"));
    }

    [Test]
    public async Task AnExperimentDefinitionFaultIsExitCode2()
    {
        // before: ExperimentDataException was reported as "internal error … a bug" with exit code 1
        const string file = "experiments/conus.yaml";
        using var copy = ReferenceData.EditedData(file, "detector_mass_kg: 4", "detector_mass_kg: -4");
        var (code, output) = await RunCaptured(["spectrum", "--experiment", "conus"]);
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("data/experiments/conus.yaml: detector_mass_kg: must be a finite number > 0 kg"));
    }

    /// <summary>Runs the command line in-process with standard output and error captured (errors go to standard
    /// error); awaited with a generous guard so that a hang fails the test instead of the suite.</summary>
    private static async Task<(int Code, string Output)> RunCaptured(string[] args)
    {
        var run = NuDM.App.Tests.Cli.CliRun.Capture(args);
        var first = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(10)));
        Assert.That(first, Is.SameAs(run), $"nudm {string.Join(' ', args)} did not finish (a hang)");
        var r = await run;
        return (r.Exit, r.Out + r.Error);
    }
}
