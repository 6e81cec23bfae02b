using System.CommandLine;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary>The <c>nudm</c> command line: one sub-command per task.</summary>
public static class CommandLine
{
    /// <summary>Console width used when the output is redirected (Spectre.Console would assume 80 columns).</summary>
    private const int RedirectedWidth = 140;

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
        root.Subcommands.Add(CosmologyCommands.Relic());
        root.Subcommands.Add(CosmologyCommands.Boltzmann());
        root.Subcommands.Add(CosmologyCommands.KineticDecoupling());
        root.Subcommands.Add(CosmologyCommands.Constraints());
        root.Subcommands.Add(ConstraintCommands.EarthSun());
        root.Subcommands.Add(ConstraintCommands.Kaon());
        root.Subcommands.Add(ConstraintCommands.Stability());
        return root;
    }

    /// <summary>Parses and runs the command line; returns the process exit code (0 success, 1 failure, 2 bad input).</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        // Piped or redirected output (logs, files, CI) gets Spectre's 80-column default, which wraps the wider
        // tables mid-number; give it room instead.
        if (Console.IsOutputRedirected && AnsiConsole.Profile.Width < RedirectedWidth)
            AnsiConsole.Profile.Width = RedirectedWidth;
        var root = Build();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Unknown options, missing required ones, values outside an option's allowed set: bad input, exit code 2.
            foreach (var error in parse.Errors)
                AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(error.Message)}");
            var name = parse.CommandResult.Command == root ? "nudm" : $"nudm {parse.CommandResult.Command.Name}";
            AnsiConsole.MarkupLine($"[grey]`{Markup.Escape(name)} --help` lists the options and their allowed values[/]");
            return 2;
        }
        return await parse.InvokeAsync(new InvocationConfiguration(), cancellationToken);
    }

    /// <summary>Runs a command body, turning bad input into a clear message and exit code 2.</summary>
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
    /// Prints a failure without a stack trace and returns the exit code: 2 for bad input (our own checks, the
    /// kernel's argument validation, which names the parameter and its range, and a fault in a data file, which names
    /// the file, line and column), 130 when interrupted (finished work is kept), 1 for anything else (a bug, not the
    /// user's input; NUDM_DEBUG=1 prints the trace).
    /// </summary>
    private static int Report(Exception e)
    {
        // A fault in a data table (file, line, column) is bad input, not a bug: exit code 2. It may arrive wrapped by a
        // parallel loop or a type initializer, so the exception's chain is searched.
        if (DataFault(e) is { } data)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(data.Message)}");
            return 2;
        }
        switch (e)
        {
            case UserInputException:
                AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
                return 2;
            case OperationCanceledException:
                AnsiConsole.MarkupLine("[yellow]interrupted[/] (finished work was kept)");
                return 130;
            case ArgumentException a:
                AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(Clean(a))}");
                return 2;
            default:
                AnsiConsole.MarkupLine($"[red]internal error:[/] {Markup.Escape(e.GetType().Name)}: {Markup.Escape(e.Message)}");
                AnsiConsole.MarkupLine("[grey]this is a bug in nudm, not in your input; set NUDM_DEBUG=1 for the stack trace[/]");
                if (Environment.GetEnvironmentVariable("NUDM_DEBUG") == "1") AnsiConsole.WriteLine(e.ToString());
                return 1;
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
