using System.Xml.Linq;
using NUnit.Framework;

namespace NuDM.App.Tests.Repository;

/// <summary>
/// `dotnet pack` makes the tool package nudm and the library package NuDM.Physics (issue 15 item 3). Packing itself is
/// too slow for a unit test (checked by hand: install the tool from the packed folder, run `nudm verify` and
/// `nudm figures`); these tests read the project files for what that check needs.
/// </summary>
public class PackagingTests
{
    private static string Root()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "NuDM.Hybrid.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("the repository root (NuDM.Hybrid.sln) is not above " + AppContext.BaseDirectory);
    }

    private static XDocument Project(string path) => XDocument.Load(Path.Combine(Root(), path));

    private static string? Property(XDocument p, string name) => p.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();

    [Test]
    public void TheProgramPacksAsTheToolNudmWithItsData()
    {
        var app = Project("src/App.CSharp/App.CSharp.csproj");
        Assert.That((Property(app, "PackAsTool"), Property(app, "ToolCommandName"), Property(app, "PackageId")), Is.EqualTo(("true", "nudm", "nudm")));
        Assert.That(Property(app, "PackageLicenseExpression"), Is.EqualTo("MIT"));
        // A tool package holds the publish output: data/ must be published beside the executable, where DataFiles looks.
        var data = app.Descendants().Single(e => e.Name.LocalName == "None" && (string?)e.Attribute("LinkBase") == "data");
        Assert.That((string?)data.Attribute("CopyToPublishDirectory"), Is.EqualTo("PreserveNewest"));
        Assert.That(app.Descendants().Any(e => e.Name.LocalName == "EmbeddedResource" && ((string?)e.Attribute("Include"))!.EndsWith("DejaVuSans.ttf")), "the figures' font");
    }

    [Test]
    public void TheKernelPacksAsALibraryWithItsDocumentationAndTheProofsDoNot()
    {
        var kernel = Project("src/Physics.FSharp/Physics.FSharp.fsproj");
        Assert.That((Property(kernel, "PackageId"), Property(kernel, "GenerateDocumentationFile")), Is.EqualTo(("NuDM.Physics", "true")));
        Assert.That(Property(kernel, "IsPackable"), Is.Null.Or.EqualTo("true"));
        Assert.That(Property(Project("proofs/Proofs/Proofs.fsproj"), "IsPackable"), Is.EqualTo("false"));
    }
}
