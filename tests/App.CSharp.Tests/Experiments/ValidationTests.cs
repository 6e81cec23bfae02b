using NuDM.App.Experiments;
using NuDM.Physics;
using NUnit.Framework;

namespace NuDM.App.Tests.Experiments;

/// <summary>Invalid definitions and data files give errors that name the file and the field.</summary>
public class ValidationTests
{
    private static ExperimentDataException Fails(string id, Action<ExperimentDefinition> edit)
    {
        var def = ExperimentYaml.Load(id);
        edit(def);
        return Assert.Throws<ExperimentDataException>(() =>
        {
            _ = def.Class switch
            {
                "conus" => (CevnsExperiment)new Conus(def),
                "coherent-csi-2017" => new CoherentCsI2017(def),
                "coherent-lar-2020" => new CoherentLAr2020(def),
                _ => new CoherentCsI2021(def),
            };
        })!;
    }

    [Test]
    public void NegativeMass()
    {
        var ex = Fails("conus", d => d.DetectorMassKg = -1);
        Assert.That(ex.File, Is.EqualTo("data/experiments/conus.yaml"));
        Assert.That(ex.Field, Is.EqualTo("detector_mass_kg"));
        Assert.That(ex.Message, Does.Contain("> 0 kg"));
    }

    [Test]
    public void UnknownTarget() => Assert.That(Fails("conus", d => d.Target = "Unobtainium").Message, Does.Contain("target").And.Contain("known targets"));

    [Test]
    public void MissingDataFile()
    {
        var ex = Fails("coherent-csi-2017", d => d.Data!.CountsFile = "cevns/nope.txt");
        Assert.That(ex.Field, Is.EqualTo("data.counts_file"));
        Assert.That(ex.Message, Does.Contain("cevns/nope.txt"));
    }

    [Test]
    public void BinsDoNotMatchTheDigitisedFile()
    {
        var ex = Fails("coherent-csi-2017", d => d.Binning!.Uniform!.Count = 24);
        Assert.That(ex.Message, Does.Contain("25 rows").And.Contain("24 bins"));
        var shifted = Fails("coherent-csi-2017", d => d.Binning!.Uniform!.Start = 1);
        Assert.That(shifted.Message, Does.Contain("is not the centre"));
    }

    [Test]
    public void BadKindsAndRanges()
    {
        Assert.That(Fails("conus", d => d.Source!.Kind = "supernova").Field, Is.EqualTo("source.kind"));
        Assert.That(Fails("conus", d => d.Acceptance!.Kind = "magic").Field, Is.EqualTo("acceptance.kind"));
        Assert.That(Fails("conus", d => d.Systematics!.SigmaA = -0.1).Field, Is.EqualTo("systematics.sigma_a"));
        Assert.That(Fails("conus", d => d.Response!.Observable = "PE").Field, Is.EqualTo("backgrounds[0].kind")); // a rate per keV needs keV bins
        Assert.That(Fails("coherent-csi-2017", d => d.Response!.Observable = "keVnr").Field, Is.EqualTo("response.observable")); // COHERENT bins are PE
        Assert.That(Fails("coherent-csi-2017", d => d.Acceptance!.A = 1.5).Message, Does.Contain("≤ 1"));
        Assert.That(Fails("coherent-csi-2017", d => d.Files!.Remove("collaboration_prediction")).Field, Is.EqualTo("files.collaboration_prediction"));
        Assert.That(Fails("coherent-lar-2020", d => d.DetectorMassKg = 25).Message, Does.Contain("LArParametersAnlA.yaml"));
        Assert.That(Fails("coherent-csi-2021", d => d.Response!.Models!["scintillation-nominal"].Set = 9).Field, Does.EndWith(".set"));
        // a quenching model that turns over inside its range: T (0.246 − 0.01 T) peaks at 12.3 keVnr
        Assert.That(Fails("coherent-lar-2020", d => d.Response!.Models!["qf-linear"].QfB = -0.01).Message, Does.Contain("not increasing"));
    }

    [Test]
    public void YamlTyposAndBaseChains_InATemporaryDataFolder()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"nudm-data-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(dir, "experiments"));
        Directory.CreateDirectory(Path.Combine(dir, "detection"));
        File.Copy(DataFiles.Path("detection", "isotopes.csv"), Path.Combine(dir, "detection", "isotopes.csv"));
        File.WriteAllText(Path.Combine(dir, "README.md"), "test data");
        string conus = File.ReadAllText(DataFiles.Path("experiments", "conus.yaml"));
        File.WriteAllText(Path.Combine(dir, "experiments", "typo.yaml"), conus.Replace("id: conus", "id: typo").Replace("detector_mass_kg:", "detector_mas_kg:"));
        File.WriteAllText(Path.Combine(dir, "experiments", "loop-a.yaml"), "id: loop-a\nbase: loop-b\n");
        File.WriteAllText(Path.Combine(dir, "experiments", "loop-b.yaml"), "id: loop-b\nbase: loop-a\n");
        File.WriteAllText(Path.Combine(dir, "experiments", "wrong-id.yaml"), conus);
        File.WriteAllText(Path.Combine(dir, "experiments", "bad-syntax.yaml"), "id: bad-syntax\nname: [unclosed\n");
        _ = Nuclear.Isotopes; // load the isotope table from the real folder first
        DataFiles.UseDirectory(dir);
        try
        {
            var typo = Assert.Throws<ExperimentDataException>(() => ExperimentRegistry.Load("typo"))!;
            Assert.That(typo.Message, Does.Contain("experiments/typo.yaml").And.Contain("detector_mas_kg"));
            Assert.That(Assert.Throws<ExperimentDataException>(() => ExperimentRegistry.Load("loop-a"))!.Message, Does.Contain("circular"));
            Assert.That(Assert.Throws<ExperimentDataException>(() => ExperimentRegistry.Load("wrong-id"))!.Field, Is.EqualTo("id"));
            Assert.That(Assert.Throws<ExperimentDataException>(() => ExperimentRegistry.Load("bad-syntax"))!.Message, Does.Contain("bad-syntax.yaml"));
            Assert.That(ExperimentRegistry.Ids, Is.EquivalentTo(new[] { "typo", "loop-a", "loop-b", "wrong-id", "bad-syntax" }));
        }
        finally
        {
            DataFiles.UseDirectory(null);
            Directory.Delete(dir, recursive: true);
        }
    }
}
