namespace NuDM.App.Cli;

/// <summary>
/// The folder where commands outside <c>figures</c> keep checkpoints (<c>nudm limit</c>): $NUDM_CACHE if set, else
/// $XDG_CACHE_HOME/nudm, else ~/.cache/nudm (on Windows %LOCALAPPDATA%\nudm).
/// </summary>
public static class CacheFolder
{
    /// <summary>The cache root (not created).</summary>
    public static string Root()
    {
        var explicitRoot = Environment.GetEnvironmentVariable("NUDM_CACHE");
        if (!string.IsNullOrWhiteSpace(explicitRoot)) return Path.GetFullPath(explicitRoot);
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "nudm");
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "nudm");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "nudm");
    }

    /// <summary>A sub-folder of the cache, created if missing.</summary>
    /// <exception cref="UserInputException">It cannot be created; the message names it and NUDM_CACHE.</exception>
    public static string Folder(string name)
    {
        var dir = Path.Combine(Root(), name);
        try
        {
            if (File.Exists(dir)) throw new IOException($"{dir} is a file");
            Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"the cache folder {dir} cannot be created ({e.Message}); set NUDM_CACHE to a writable folder");
        }
        return dir;
    }
}
