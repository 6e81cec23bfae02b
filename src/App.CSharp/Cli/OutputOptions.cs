using System.CommandLine;

namespace NuDM.App.Cli;

/// <summary>
/// The <c>--csv</c> and <c>--json</c> options every command that prints results has; given together they are refused
/// (a parse error: exit code 2).
/// </summary>
public sealed class OutputOptions
{
    private readonly Option<bool> _csv = new("--csv") { Description = "CSV to standard output: a header line, one line per row, numbers in shortest round-trip form" };
    private readonly Option<bool> _json = new("--json") { Description = "JSON Lines to standard output: one object per row, field names with units, null for a missing value" };

    /// <summary>Adds both options to <paramref name="command"/>, with the rule that refuses them together.</summary>
    public static OutputOptions AddTo(Command command)
    {
        var o = new OutputOptions();
        command.Options.Add(o._csv);
        command.Options.Add(o._json);
        OptionRules.Exclusive(command, o._csv, o._json, "choose one output format");
        return o;
    }

    /// <summary>The format asked for.</summary>
    public OutputFormat Of(ParseResult p) => p.GetValue(_json) ? OutputFormat.Json : p.GetValue(_csv) ? OutputFormat.Csv : OutputFormat.Table;
}
