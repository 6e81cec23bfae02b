using System.CommandLine;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary>The <c>nudm</c> command line: one sub-command per task.</summary>
public static class CommandLine
{
    /// <summary>
    /// Console width used when a stream is redirected: wider than any table the program prints, so that a table in a
    /// pipe or a file is never wrapped (Spectre.Console would assume 80 columns and wrap cells mid-number). Tables are
    /// sized to their content, never stretched to this width.
    /// </summary>
    internal const int RedirectedWidth = 10_000;

    /// <summary>Builds the command tree.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "NuDM — dark matter that talks to the Standard Model through neutrinos.\n" +
            "Seeds: Brdar, Rodejohann, Xu, JHEP 12 (2018) 024 (seed 001) and the X–φ–ν model paper (seed 000).");
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(KinematicsCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(FiguresCommand.Create());
        root.Subcommands.Add(XsecCommand.Create());
        root.Subcommands.Add(CevnsCommands.Spectrum());
        root.Subcommands.Add(CevnsCommands.Limit());
        root.Subcommands.Add(FitCommand.Create());
        root.Subcommands.Add(CosmologyCommands.Relic());
        root.Subcommands.Add(CosmologyCommands.Boltzmann());
        root.Subcommands.Add(CosmologyCommands.KineticDecoupling());
        root.Subcommands.Add(CosmologyCommands.Constraints());
        root.Subcommands.Add(ConstraintCommands.EarthSun());
        root.Subcommands.Add(ConstraintCommands.Kaon());
        root.Subcommands.Add(ConstraintCommands.Stability());
        root.Subcommands.Add(ScanCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        return root;
    }

    /// <summary>
    /// Where diagnostics go: errors, warnings, progress of <c>limit</c>, "resumed …" notes. Standard error, so that
    /// standard output carries only results (a CSV stays a clean CSV). Tests may replace it.
    /// </summary>
    public static IAnsiConsole Error { get; set; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    private static readonly AsyncLocal<string[]?> Arguments = new();

    /// <summary>The arguments of the command running on this logical thread (named when a run holds a lock).</summary>
    internal static IReadOnlyList<string>? CurrentArguments => Arguments.Value;

    /// <summary>Parses and runs the command line; returns the process exit code (0 success, 1 bug, 2 bad input or a
    /// fault of data, files or timing, 130 interrupted).</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        Plain(AnsiConsole.Console, Console.IsOutputRedirected, noColor);
        Plain(Error, Console.IsErrorRedirected, noColor);
        Arguments.Value = args;
        var root = Build();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Unknown options, missing required ones, values outside an option's range, conflicting options: bad input, exit code 2.
            foreach (var error in parse.Errors)
                Error.MarkupLine($"[red]error:[/] {Markup.Escape(error.Message)}");
            var name = parse.CommandResult.Command == root ? "nudm" : $"nudm {parse.CommandResult.Command.Name}";
            Error.MarkupLine($"[grey]`{Markup.Escape(name)} --help` lists the options and their allowed values[/]");
            return 2;
        }
        return await parse.InvokeAsync(new InvocationConfiguration(), cancellationToken);
    }

    /// <summary>
    /// Makes a console write plain text — no ANSI escape codes (colours, bold, links) — when its stream is
    /// <paramref name="redirected"/> (a file, a pipe, CI logs) or NO_COLOR is set (https://no-color.org); a redirected
    /// stream also gets <see cref="RedirectedWidth"/>, so nothing is wrapped.
    /// </summary>
    internal static void Plain(IAnsiConsole console, bool redirected, bool noColor)
    {
        if (redirected || noColor)
        {
            console.Profile.Capabilities.Ansi = false;
            console.Profile.Capabilities.Links = false;
            console.Profile.Capabilities.ColorSystem = ColorSystem.NoColors;
        }
        if (redirected)
        {
            console.Profile.Capabilities.Interactive = false;
            if (console.Profile.Width < RedirectedWidth) console.Profile.Width = RedirectedWidth;
        }
    }

    /// <summary>Runs a command body, turning failures into a clear message and an exit code (see <see cref="Report"/>).</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Report(e);
        }
    }

    /// <summary>Async variant of <see cref="Guard(Func{int})"/>.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Report(e);
        }
    }

    /// <summary>
    /// Prints a failure on standard error, without a stack trace, and returns the exit code:
    /// 2 for bad input and for faults that are not bugs — our own checks (<see cref="UserInputException"/>, including a
    /// locked output folder), the kernel's argument validation and valid inputs outside the model's validity (both
    /// <see cref="ArgumentException"/>s, whose messages name the parameter and its range or the physical reason), and
    /// file-system faults (unwritable or missing paths, a full disk: the message names the path), and a fault in a data
    /// file (<see cref="NuDM.Physics.DataFileException"/>, which names the file, line and column);
    /// 130 when interrupted (the message says what was kept and where);
    /// 1 for anything else, which is a bug — including a computed number that is not finite
    /// (<see cref="NonFiniteResultException"/>); NUDM_DEBUG=1 prints the trace.
    /// </summary>
    internal static int Report(Exception e)
    {
        // A fault in a data table (file, line, column) is bad input, not a bug: exit code 2. It may arrive wrapped by a
        // parallel loop or a type initializer, so the exception's chain is searched.
        if (DataFault(e) is { } data)
        {
            Error.MarkupLine($"[red]error:[/] {Markup.Escape(data.Message)}");
            return 2;
        }
        e = Unwrap(e);
        switch (e)
        {
            case RunInterruptedException:
                Error.MarkupLine($"[yellow]interrupted:[/] {Markup.Escape(e.Message)}");
                return 130;
            case OperationCanceledException:
                Error.MarkupLine("[yellow]interrupted:[/] nothing was kept (this command keeps no checkpoints; running it again starts from the beginning)");
                return 130;
            case UserInputException:
            case NuDM.Physics.ProcessNotInModelException:
                // a process the model (--model) does not have: "ν N → ν N is not in model 'vector-light'"
                Error.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
                return 2;
            case ArgumentException a:
                Error.MarkupLine($"[red]error:[/] {Markup.Escape(Clean(a))}");
                return 2;
            case NuDM.Physics.MissingParameterException missing when MissingModelValues(missing) is { } advice:
                // a parameter of the --model file that no option of the command sets: the user's to give
                Error.MarkupLine($"[red]error:[/] {Markup.Escape(advice)}");
                return 2;
            case IOException or UnauthorizedAccessException:
                Error.MarkupLine($"[red]error:[/] file system: {Markup.Escape(e.Message)}");
                return 2;
            case InvalidDataException:
                // a file the user gave whose content cannot be read back (e.g. a scan store with a point stored twice)
                Error.MarkupLine($"[red]error:[/] damaged file: {Markup.Escape(e.Message)}");
                return 2;
            case NonFiniteResultException:
                Error.MarkupLine($"[red]internal error:[/] {Markup.Escape(e.Message)}");
                Error.MarkupLine("[grey]a computed number is not finite for inputs inside their ranges: this is a bug in nudm, not in your input; set NUDM_DEBUG=1 for the stack trace[/]");
                if (Environment.GetEnvironmentVariable("NUDM_DEBUG") == "1") Error.WriteLine(e.ToString());
                return 1;
            default:
                Error.MarkupLine($"[red]internal error:[/] {Markup.Escape(e.GetType().Name)}: {Markup.Escape(e.Message)}");
                Error.MarkupLine("[grey]this is a bug in nudm, not in your input; set NUDM_DEBUG=1 for the stack trace[/]");
                if (Environment.GetEnvironmentVariable("NUDM_DEBUG") == "1") Error.WriteLine(e.ToString());
                return 1;
        }
    }

    /// <summary>What to tell the user when a computation lacks values of the model's parameters that only <c>--param</c>
    /// sets (not one the commands set: that would be a bug), or null.</summary>
    private static string? MissingModelValues(NuDM.Physics.MissingParameterException e)
    {
        var definition = ModelInUse.Definition;
        if (definition.IsBuiltIn) return null;
        var bound = ModelInUse.CommandParameters(definition);
        var missing = e.Parameters;
        if (missing.Count == 0 || missing.Any(p => bound.Contains(p.Symbol) || !definition.Model.TryParameter(p.Symbol, out _))) return null;
        return $"model '{definition.Model.Name}' needs a value for {string.Join(", ", missing.Select(p => $"{p.Symbol} ({p.Description}; range {ModelInUse.Range(p)})"))}, " +
               $"which no option of this command sets: give it with {string.Join(" ", missing.Select(p => $"--param {p.Symbol}=VALUE"))}";
    }

    /// <summary>The exception that explains a failure: parallel loops wrap theirs in an <see cref="AggregateException"/>;
    /// the first one that is not a cancellation is reported.</summary>
    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case AggregateException a when a.Flatten().InnerExceptions.Count > 0:
                    var inner = a.Flatten().InnerExceptions;
                    e = inner.FirstOrDefault(x => x is not OperationCanceledException) ?? inner[0];
                    continue;
                case System.Reflection.TargetInvocationException { InnerException: { } t }:
                    e = t;
                    continue;
                default:
                    return e;
            }
        }
    }

    /// <summary>The data-file fault in an exception or in what it wraps (aggregate, type initializer, inner), or null.</summary>
    private static NuDM.Physics.DataFileException? DataFault(Exception? e) => e switch
    {
        null => null,
        NuDM.Physics.DataFileException d => d,
        AggregateException a => a.InnerExceptions.Select(DataFault).FirstOrDefault(d => d is not null),
        _ => DataFault(e.InnerException),
    };

    /// <summary>An exception message without .NET's " (Parameter 'x')" suffix.</summary>
    private static string Clean(ArgumentException e)
    {
        var m = e.Message;
        var i = m.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return i > 0 ? m[..i] : m;
    }
}

/// <summary>
/// A run was interrupted (Ctrl-C); the message says truthfully what was kept and where, e.g. "12 of 40 points are kept
/// in …; run the same command again to resume". Exit code 130.
/// </summary>
public sealed class RunInterruptedException(string message, Exception? inner = null) : OperationCanceledException(message, inner);
