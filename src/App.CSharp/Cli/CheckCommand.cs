using System.CommandLine;
using System.CommandLine.Parsing;
using NuDM.Symbolic;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary>
/// <c>nudm check</c>: a user checks a formula of their own with the symbolic core — an identity or inequality under
/// assumptions (<c>nudm check "LHS = RHS" --assume "M > 0, E > m_chi"</c>), a limit
/// (<c>--limit EXPR --at "x -> 0+"</c>) or a series (<c>--series EXPR --at "x -> 0" --order 4</c>), optionally against an
/// expected value (<c>--expect</c>). Exit codes: 0 proven (or computed), 1 disproven, 3 undecided (or not computable by
/// the core), 2 bad input. The work is done by <see cref="Check"/> in the kernel.
/// </summary>
public static class CheckCommand
{
    /// <summary>The exit code of an undecided check: neither proven (0) nor disproven (1).</summary>
    public const int UndecidedExit = 3;

    /// <summary>The orders a series may be asked to: the series engine's cost grows quickly with the order.</summary>
    public static readonly IntegerRange SeriesOrder = new(1, 20,
        "the series is computed to O((x − a)^n); beyond n = 20 the exact coefficients of ordinary expressions grow too large to be useful");

    public static Command Create()
    {
        var formula = new Argument<string?>("formula")
        {
            Description = "a claim LHS = RHS (or <, >, <=, >=) in the infix language, e.g. \"sqrt(x^2) = x\"",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var assume = new Option<string?>("--assume")
        {
            Description = "comma-separated strict inequalities that hold on the domain: \"M > 0, E > m_chi\", \"0 < x < 1\", or \"all positive\"",
        };
        var limit = new Option<string?>("--limit") { Description = "compute the limit of this expression (with --at)" };
        var series = new Option<string?>("--series") { Description = "compute the series of this expression (with --at and --order)" };
        var at = new Option<string?>("--at") { Description = "the point of --limit or --series: \"x -> 0\", \"x -> 0+\" (from above), \"x -> 0-\", \"x -> oo\", \"x -> -oo\", \"E -> m_chi+\"" };
        var order = NumericOption.Integer("--order", "--series: terms up to O((x − a)^n)", SeriesOrder, 6);
        var expect = new Option<string?>("--expect") { Description = "--limit or --series: decide whether the result equals this value (oo and -oo allowed)" };
        var cmd = new Command("check", "Check a formula of your own: an identity or inequality under assumptions, a limit or a series (exit 0 proven, 1 disproven, 3 undecided)")
        {
            formula, assume, limit, series, at, order, expect,
        };
        var output = OutputOptions.AddTo(cmd);
        OptionRules.Exclusive(cmd, limit, series, "one check at a time");
        OptionRules.Requires(cmd, order, series, "the order is that of a series");
        cmd.Validators.Add(r =>
        {
            var hasFormula = r.GetResult(formula) is { Tokens.Count: > 0 };
            var mode = OptionRules.Given(r, limit) || OptionRules.Given(r, series);
            if (hasFormula && mode)
                r.AddError($"a claim (\"{r.GetValue(formula)}\") and {(OptionRules.Given(r, limit) ? "--limit" : "--series")} cannot be combined: one check at a time (a limit's expected value goes in --expect)");
            else if (!hasFormula && !mode)
                r.AddError("nothing to check: give a claim \"LHS = RHS\", or --limit EXPR --at \"x -> a\", or --series EXPR --at \"x -> a\"");
            if (mode && !OptionRules.Given(r, at))
                r.AddError($"{(OptionRules.Given(r, limit) ? "--limit" : "--series")} needs --at: the point, e.g. --at \"x -> 0\"");
            if (hasFormula && OptionRules.Given(r, at))
                r.AddError("--at goes with --limit or --series, not with a claim");
            if (hasFormula && OptionRules.Given(r, expect))
                r.AddError("--expect goes with --limit or --series: a claim carries its own right-hand side");
        });
        cmd.SetAction(parse => CommandLine.Guard(() => Run(
            parse.GetValue(formula), parse.GetValue(limit), parse.GetValue(series), parse.GetValue(at), parse.GetValue(order),
            parse.GetValue(expect), parse.GetValue(assume), output.Of(parse))));
        return cmd;
    }

    /// <summary>The option a kernel argument name stands for, as the user typed it.</summary>
    private static string OptionName(string argument) => argument switch
    {
        "formula" => "the claim (first argument)",
        "" => "input",
        _ => "--" + argument,
    };

    /// <summary>The exit code of a check's status: 0 proven or computed, 1 disproven, 3 undecided or not computed.</summary>
    public static int ExitCode(CheckStatus status) => status switch
    {
        CheckStatus.Proven or CheckStatus.Computed => 0,
        CheckStatus.Disproven => 1,
        _ => UndecidedExit,
    };

    /// <summary>The status as printed and written to CSV/JSON.</summary>
    public static string StatusText(CheckStatus status) => status switch
    {
        CheckStatus.Proven => "proven",
        CheckStatus.Disproven => "disproven",
        CheckStatus.Undecided => "undecided",
        CheckStatus.Computed => "computed",
        _ => "not computed",
    };

    /// <summary>
    /// Runs one check (exactly one of <paramref name="formula"/>, <paramref name="limit"/>, <paramref name="series"/>),
    /// prints it (terminal lines, or one CSV/JSON row: mode, input, assumptions, result, status, reason, witness,
    /// lhs_value, rhs_value) and returns the exit code.
    /// </summary>
    public static int Run(string? formula, string? limit, string? series, string? at, int order, string? expect, string? assume,
        OutputFormat format = OutputFormat.Table)
    {
        CheckResult result;
        try
        {
            result = formula is not null ? Check.Formula(formula, assume)
                : limit is not null ? Check.Limit(limit, at ?? throw new UserInputException("--limit needs --at"), expect, assume)
                : series is not null ? Check.Series(series, at ?? throw new UserInputException("--series needs --at"), order, expect, assume)
                : throw new UserInputException("nothing to check: give a claim \"LHS = RHS\", --limit or --series");
        }
        catch (CheckInputException e)
        {
            throw new UserInputException($"{OptionName(e.Argument)}: {e.Detail}");
        }

        var o = new Results("check", result.Input);
        var w = result.Witness;
        var (lhsText, rhsText) = w is null ? ("", "") : Distinct(o, w.Lhs.Value, w.Rhs.Value);
        var mode = result.Mode.ToString().ToLowerInvariant();
        if (format != OutputFormat.Table)
        {
            o.Records(format, ["mode", "input", "assumptions", "result", "status", "reason", "witness", "lhs_value", "rhs_value"],
                [[mode, result.Input, result.Assumptions, result.Result, StatusText(result.Status), result.Reason,
                    w?.PointText, w is null ? null : o.Value(w.Lhs.Value, "lhs at the witness point"), w is null ? null : o.Value(w.Rhs.Value, "rhs at the witness point")]]);
            return ExitCode(result.Status);
        }

        var grid = new Spectre.Console.Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow(new Text(mode), new Text(result.Input));
        if (result.Assumptions.Length > 0) grid.AddRow(new Text("assuming"), new Text(result.Assumptions));
        if (result.Result.Length > 0) grid.AddRow(new Text("result"), new Text(result.Result));
        var colour = result.Status switch
        {
            CheckStatus.Proven or CheckStatus.Computed => "green",
            CheckStatus.Disproven => "red",
            _ => "yellow",
        };
        grid.AddRow(new Text("status"), new Markup($"[{colour}]{StatusText(result.Status)}[/]"));
        if (result.Reason.Length > 0) grid.AddRow(new Text("reason"), new Text(result.Reason));
        if (w is not null)
        {
            var (left, right) = result.Mode is CheckMode.Limit or CheckMode.Series ? (result.Mode == CheckMode.Limit ? "limit" : "series", "expected") : ("lhs", "rhs");
            grid.AddRow(new Text("witness"), new Text(w.PointText.Length > 0 ? w.PointText : "(no symbols)"));
            grid.AddRow(new Text("  " + left), new Text($"{lhsText}  (∈ [{Numbers.Exact(w.Lhs.Lo)}, {Numbers.Exact(w.Lhs.Hi)}])"));
            grid.AddRow(new Text("  " + right), new Text($"{rhsText}  (∈ [{Numbers.Exact(w.Rhs.Lo)}, {Numbers.Exact(w.Rhs.Hi)}])"));
        }
        AnsiConsole.Write(grid);
        return ExitCode(result.Status);
    }

    /// <summary>Both values with the fewest significant digits (at least 10) that print them differently.</summary>
    private static (string, string) Distinct(Results o, double a, double b)
    {
        for (var digits = 10; ; digits++)
        {
            var (x, y) = (o.Text(a, "lhs at the witness point", digits), o.Text(b, "rhs at the witness point", digits));
            if (x != y || digits == 17) return (x, y);
        }
    }
}
