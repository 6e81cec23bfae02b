using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using NuDM.Physics;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary>
/// <c>--model FILE</c> on the commands that compute with a model (verify, xsec, spectrum, limit, relic, boltzmann, kd,
/// constraints, figures): the model file is read, checked and verified (<see cref="ModelFile.Load"/>; the verdicts are
/// cached in $NUDM_CACHE/models, else $XDG_CACHE_HOME/nudm/models, else ~/.cache/nudm/models, keyed by the file's content
/// and the program build) and the command runs with it (<see cref="ModelInUse"/>). FILE is a path, or the name of a
/// shipped model (<c>scalar</c> for models/scalar.yaml). Without the option the seeds' scalar model built into the
/// kernel is used, and every number is what it was.
/// </summary>
public static class ModelOption
{
    /// <summary>The program version and build the model cache is keyed by (with the kernel's build).</summary>
    internal static string ProgramVersion { get; } =
        $"{typeof(ModelOption).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion}:{typeof(ModelOption).Assembly.ManifestModule.ModuleVersionId:N}";

    /// <summary>The option.</summary>
    public static Option<string?> Create() => new("--model")
    {
        Description = "model file (YAML, see models/ and the README): a path, or a shipped model's name (scalar); default: the seeds' scalar model built in",
    };

    /// <summary>The <c>--param NAME=VALUE</c> option (repeatable): a value for a parameter of the --model file that no
    /// option of the command sets.</summary>
    public static Option<string[]> CreateParam() => new("--param")
    {
        Description = "NAME=VALUE: a value for a parameter of the --model file that no option of the command sets, e.g. the mass " +
                      "of a second mediator (repeatable; checked against the parameter's range; an error names what a model needs)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>Adds --model and --param to a command whose action is set: the action then runs with the model the option
    /// names and the values --param gives its other parameters.</summary>
    public static Option<string?> AddTo(Command command)
    {
        var option = Create();
        var param = CreateParam();
        command.Options.Add(option);
        command.Options.Add(param);
        var inner = command.Action ?? throw new InvalidOperationException($"{command.Name}: set the action before adding --model");
        command.Action = new WithModel(option, param, inner);
        return option;
    }

    /// <summary>NAME=VALUE pairs of a repeatable option (each name once; VALUE a finite number), e.g. <c>--param m_Zp=30</c>.</summary>
    /// <exception cref="UserInputException">A pair that is not NAME=VALUE, a value that is not a finite number, a name given twice.</exception>
    internal static IReadOnlyDictionary<string, double> NameValues(string option, string example, string[]? values)
    {
        var pairs = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var v in values ?? [])
        {
            int eq = v.IndexOf('=');
            if (eq <= 0 || eq == v.Length - 1)
                throw new UserInputException($"{option} {v}: write NAME=VALUE, e.g. {option} {example}");
            string name = v[..eq].Trim();
            if (!double.TryParse(v[(eq + 1)..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double x) || !double.IsFinite(x))
                throw new UserInputException($"{option} {v}: {v[(eq + 1)..]} is not a finite number");
            if (!pairs.TryAdd(name, x)) throw new UserInputException($"{option} {name} is given twice");
        }
        return pairs;
    }

    /// <summary>
    /// Reads, checks and verifies a model file (refused with file, line and column when malformed or when an
    /// obligation FAILED); warnings go to standard error: one per UNDECIDED obligation (the model loads, but results
    /// that use it are not certified; repeated on every load, from the cache too), and a corrupt cache entry.
    /// </summary>
    /// <param name="argument">A path, or a shipped model's name.</param>
    /// <param name="refuse">False for <c>verify --model</c>: a failed obligation is listed, not refused.</param>
    /// <param name="quiet">True when the same model's warnings were printed already by this command.</param>
    public static ModelDefinition Load(string argument, bool refuse = true, bool quiet = false)
    {
        var path = ModelFile.Resolve(argument);
        var cache = CacheFolder.Folder("models");
        var d = refuse ? ModelFile.Load(path, cache, ProgramVersion) : ModelFile.Check(path, cache, ProgramVersion);
        if (!quiet)
            foreach (var w in d.Warnings) CommandLine.Error.MarkupLine($"[yellow]warning:[/] {Markup.Escape(w)}");
        return d;
    }

    /// <summary>What a load found, for the line naming the model: "12 obligations proven", "11 obligations proven, 1
    /// UNDECIDED", with "verified before: cached" when the verdicts came from the cache.</summary>
    internal static string Summary(ModelDefinition d)
    {
        int undecided = d.Undecided.Count;
        var verdicts = $"{d.Checks.Count - undecided} obligations proven{(undecided > 0 ? $", {undecided} UNDECIDED" : "")}";
        return d.FromCache ? $"verified before: cached; {verdicts}" : verdicts;
    }

    /// <summary>Runs a command's action with the model of --model in use.</summary>
    private sealed class WithModel(Option<string?> option, Option<string[]> param, CommandLineAction inner) : AsynchronousCommandLineAction
    {
        public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
        {
            ModelDefinition? definition = null;
            IReadOnlyDictionary<string, double> values;
            try
            {
                values = NameValues("--param", "m_Zp=30", parseResult.GetValue(param));
                if (values.Count > 0 && parseResult.GetValue(option) is null)
                    throw new UserInputException("--param gives values to a --model file's parameters: it needs --model");
            }
            catch (Exception e) when (e is not OutOfMemoryException) { return CommandLine.Report(e); }
            if (parseResult.GetValue(option) is { } argument)
            {
                try
                {
                    definition = Load(argument);
                    ModelInUse.CheckValues(definition, values);
                }
                catch (Exception e) when (e is not OutOfMemoryException) { return CommandLine.Report(e); }
                var given = values.Count == 0 ? "" : "; " + string.Join(", ", values.Select(v => $"{v.Key} = {Results.Echo(v.Value)}"));
                CommandLine.Error.MarkupLine($"[grey]model '{Markup.Escape(definition.Model.Name)}' from {Markup.Escape(definition.File)} ({Summary(definition)}{Markup.Escape(given)})[/]");
            }
            using var scope = ModelInUse.Use(definition, values);
            return inner switch
            {
                SynchronousCommandLineAction s => s.Invoke(parseResult),
                AsynchronousCommandLineAction a => await a.InvokeAsync(parseResult, cancellationToken),
                _ => throw new InvalidOperationException($"unknown action {inner.GetType().Name}"),
            };
        }
    }
}
