using System.Xml.Linq;
using NUnit.Framework;

namespace NuDM.App.Tests.Repository;

/// <summary>
/// The build is reproducible on a fresh machine (issue 10 §1): a fresh clone restoring into an empty package folder
/// once resolved FSharp.Core transitively to 4.7.2, because no F# project referenced it and NU1603 was silenced. These
/// tests read the repository's own build files, so a project added without its pin or lock file fails here, not on
/// somebody else's machine.
/// </summary>
public class BuildConfigurationTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "NuDM.Hybrid.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("the repository root (NuDM.Hybrid.sln) is not above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<string> Projects() =>
        Directory.EnumerateFiles(Root, "*.*proj", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".csproj") || p.EndsWith(".fsproj"))
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(s => s is "bin" or "obj"));

    private static IEnumerable<XElement> Elements(string file, string name) =>
        XDocument.Load(file).Descendants().Where(e => e.Name.LocalName == name);

    [Test]
    public void EveryFSharpProjectReferencesFSharpCoreItself()
    {
        var fsprojs = Projects().Where(p => p.EndsWith(".fsproj")).ToList();
        Assert.That(fsprojs, Is.Not.Empty);
        foreach (var p in fsprojs)
            Assert.That(Elements(p, "PackageReference").Any(e => (string?)e.Attribute("Include") == "FSharp.Core"),
                $"{Path.GetRelativePath(Root, p)} must reference FSharp.Core (else NuGet resolves it transitively to the lowest served version)");
    }

    [Test]
    public void CentralVersionsArePinnedTransitivelyAndFSharpCoreHasOne()
    {
        var props = Path.Combine(Root, "Directory.Packages.props");
        Assert.That(Elements(props, "CentralPackageTransitivePinningEnabled").Select(e => e.Value.Trim()), Has.Member("true"));
        Assert.That(Elements(props, "PackageVersion").Any(e => (string?)e.Attribute("Include") == "FSharp.Core"));
    }

    [Test]
    public void EveryProjectCommitsALockFile()
    {
        Assert.That(Elements(Path.Combine(Root, "Directory.Build.props"), "RestorePackagesWithLockFile").Select(e => e.Value.Trim()), Has.Member("true"));
        foreach (var p in Projects())
            Assert.That(File.Exists(Path.Combine(Path.GetDirectoryName(p)!, "packages.lock.json")),
                $"{Path.GetRelativePath(Root, p)} has no packages.lock.json beside it");
    }

    [Test]
    public void NoNuGetWarningIsSilencedWithoutAComment()
    {
        // NoWarn entries NUxxxx are allowed only inside an element whose preceding sibling is a comment saying why.
        foreach (var file in Projects().Append(Path.Combine(Root, "Directory.Build.props")))
            foreach (var e in Elements(file, "NoWarn").Where(e => e.Value.Contains("NU", StringComparison.OrdinalIgnoreCase)))
                Assert.That(e.PreviousNode, Is.InstanceOf<XComment>(),
                    $"{Path.GetRelativePath(Root, file)}: <NoWarn>{e.Value}</NoWarn> silences a NuGet warning without a comment saying why");
    }

    [Test]
    public void TheLoadedFSharpCoreIsTheCentralVersion()
    {
        var central = Elements(Path.Combine(Root, "Directory.Packages.props"), "PackageVersion")
            .Single(e => (string?)e.Attribute("Include") == "FSharp.Core").Attribute("Version")!.Value;
        var loaded = typeof(Microsoft.FSharp.Core.FSharpFunc<,>).Assembly;
        var info = loaded.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        Assert.That(info, Does.StartWith(central), "FSharp.Core loaded at run time is not the centrally pinned version");
    }

    [Test]
    public void EveryProjectRestoresFromTheConfiguredSourcesOnlyNotTheFSharpSdksLibraryPacks()
    {
        // The F# SDK adds sdk/<version>/FSharp/library-packs as a restore source; its unsigned FSharp.Core has another
        // content hash than nuget.org's signed one, so a locked restore into an empty package folder failed at random
        // (NU1403) depending on which source answered first. The restore inputs NuGet recorded for every F# project
        // (obj/project.assets.json, written by the restore that built these tests) must not list that folder.
        var fsprojs = Projects().Where(p => p.EndsWith(".fsproj")).ToList();
        Assert.That(fsprojs, Is.Not.Empty);
        foreach (var proj in fsprojs)
        {
            var assets = Path.Combine(Path.GetDirectoryName(proj)!, "obj", "project.assets.json");
            Assert.That(File.Exists(assets), $"{Path.GetRelativePath(Root, proj)}: no obj/project.assets.json (not restored?)");
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(assets));
            var sources = doc.RootElement.GetProperty("project").GetProperty("restore").GetProperty("sources").EnumerateObject().Select(s => s.Name).ToList();
            Assert.That(sources.Where(s => s.Contains("library-packs", StringComparison.OrdinalIgnoreCase)), Is.Empty,
                $"{Path.GetRelativePath(Root, proj)} restores from the F# SDK's library-packs folder: {string.Join(", ", sources)}");
        }
    }
}
