using System.CommandLine;

namespace NuDM.App.Cli;

/// <summary>The <c>nudm</c> command line: one sub-command per task.</summary>
public static class CommandLine
{
    /// <summary>Parses and runs the command line; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("NuDM: neutrino-portal dark matter toolkit (seed papers: arXiv:1810.03626 and the X–φ–ν model)");
        return await root.Parse(args).InvokeAsync();
    }
}
