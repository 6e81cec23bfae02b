using NuDM.App.Cli;
using Spectre.Console;

namespace NuDM.App.Tests.Cli;

/// <summary>What an in-process run of the command line printed, and its exit code.</summary>
/// <param name="Exit">The exit code.</param>
/// <param name="Out">Standard output: tables (Spectre) and CSV (Console.Out).</param>
/// <param name="Error">Standard error: errors, warnings, progress, notes.</param>
public sealed record CliResult(int Exit, string Out, string Error)
{
    /// <inheritdoc />
    public override string ToString() => $"exit {Exit}\n--- out:\n{Out}\n--- error:\n{Error}";
}

/// <summary>
/// Runs <c>nudm</c> in-process with standard output and standard error captured (both Spectre consoles and
/// Console.Out), then restores them. Not for tests that run in parallel with each other.
/// </summary>
public static class CliRun
{
    /// <summary>Runs the command line; <paramref name="error"/> may be given to read standard error while it runs.</summary>
    public static async Task<CliResult> Capture(string[] args, CancellationToken ct = default, SharedWriter? error = null)
    {
        var outWriter = new SharedWriter();
        var errWriter = error ?? new SharedWriter();
        var (oldAnsi, oldError, oldOut) = (AnsiConsole.Console, CommandLine.Error, Console.Out);
        AnsiConsole.Console = Plain(outWriter);
        CommandLine.Error = Plain(errWriter);
        Console.SetOut(outWriter);
        try
        {
            int exit = await CommandLine.RunAsync(args, ct);
            return new CliResult(exit, outWriter.ToString(), errWriter.ToString());
        }
        finally
        {
            AnsiConsole.Console = oldAnsi;
            CommandLine.Error = oldError;
            Console.SetOut(oldOut);
        }
    }

    /// <summary>A wide console without colours or live rendering, writing to <paramref name="w"/>.</summary>
    public static IAnsiConsole Plain(TextWriter w)
    {
        var c = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(w),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        c.Profile.Width = 400;
        return c;
    }

    /// <summary>A fresh temporary folder (not created).</summary>
    public static string TempPath(string tag) => Path.Combine(Path.GetTempPath(), $"nudm-{tag}-{Guid.NewGuid():N}");

    /// <summary>Deletes a temporary folder if it exists.</summary>
    public static void Delete(string dir)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        else if (File.Exists(dir)) File.Delete(dir);
    }
}

/// <summary>A string writer that can be written by a run and read by the test at the same time.</summary>
public sealed class SharedWriter : StringWriter
{
    private readonly object _gate = new();

    /// <inheritdoc />
    public override void Write(char value) { lock (_gate) base.Write(value); }

    /// <inheritdoc />
    public override void Write(string? value) { lock (_gate) base.Write(value); }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) { lock (_gate) base.Write(buffer, index, count); }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<char> buffer) { lock (_gate) base.Write(buffer); }

    /// <inheritdoc />
    public override string ToString() { lock (_gate) return base.ToString(); }
}
