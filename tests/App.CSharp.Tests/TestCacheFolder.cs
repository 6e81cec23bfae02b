using NUnit.Framework;

namespace NuDM.App.Tests;

/// <summary>
/// Every test of this assembly runs with NUDM_CACHE pointing to a temporary folder, so that commands which checkpoint
/// (<c>nudm limit</c>) never write into the user's ~/.cache; the folder is deleted at the end.
/// </summary>
[SetUpFixture]
public sealed class TestCacheFolder
{
    private string? _previous;
    private string _folder = "";

    /// <summary>The cache folder of this test run.</summary>
    public static string Path { get; private set; } = "";

    [OneTimeSetUp]
    public void Isolate()
    {
        _previous = Environment.GetEnvironmentVariable("NUDM_CACHE");
        _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nudm-test-cache-{Guid.NewGuid():N}");
        Path = _folder;
        Environment.SetEnvironmentVariable("NUDM_CACHE", _folder);
    }

    [OneTimeTearDown]
    public void Restore()
    {
        Environment.SetEnvironmentVariable("NUDM_CACHE", _previous);
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
