using NuDM.App.Cevns;
using NuDM.App.Statistics;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary>
/// What every `nudm limit` curve shares, whichever statistic computes its points (the energy-only χ²/Poisson of seed 001
/// or the profile likelihood): the scanned mass grid and its range checks, the checkpoint in the cache folder with its
/// lock, progress on standard error, Ctrl-C turned into "points are kept", and the output (records or a table).
/// </summary>
internal static class LimitScanRun
{
    /// <summary>
    /// The log-spaced scan grid (MeV) of --vary mchi|ms between --from and --to, each checked against its physical range;
    /// the default end is 12 MeV for reactor experiments, 60 MeV for pion decay at rest (m_χ), 1000 MeV for m_S.
    /// </summary>
    /// <exception cref="UserInputException">A bound outside its range, or --to not above --from.</exception>
    public static double[] MassGrid(string vary, double? from, double? to, int points, bool reactorOnly, out double lo, out double hi)
    {
        var scanned = vary == "mchi" ? PhysicalRanges.FermionMass : PhysicalRanges.MediatorMass;
        lo = PhysicalRanges.ScanMass.Check("--from", scanned.Check("--from", from ?? 0.1));
        var defaultTo = vary == "mchi" ? (reactorOnly ? 12.0 : 60.0) : 1000.0;
        hi = PhysicalRanges.ScanMass.Check("--to", scanned.Check("--to", to ?? defaultTo));
        if (hi <= lo) throw new UserInputException($"--to ({Results.Echo(hi)}) must be larger than --from ({Results.Echo(lo)})");
        return Grid.LogSpace(lo, hi, points);
    }

    /// <summary>
    /// Computes a curve checkpointed in <paramref name="path"/> (made by <paramref name="run"/>'s program and data; locked for the whole run; --force reads no checkpoint),
    /// with progress on standard error — a live bar on a terminal, else a line per tenth of the scan — and the
    /// checkpoint's warnings and resumptions printed after it.
    /// </summary>
    /// <exception cref="RunInterruptedException">Cancelled; the message says how many points are kept.</exception>
    public static LimitCurve Compute(string path, RunFingerprint run, int points, bool force, bool wait, Action<double>? hook, CancellationToken ct,
        Func<ScanCheckpoint, Action<double>, LimitCurve> compute)
    {
        var notes = new List<string>();
        using var scanLock = OutputLock.Acquire(path + ".lock", $"the limit scan checkpointed in {path}", wait,
            m => CommandLine.Error.MarkupLine($"[yellow]{Markup.Escape(m)}[/]"), ct);
        var checkpoint = new ScanCheckpoint(path, run)
        {
            Force = force,
            Warning = m => { lock (notes) notes.Add($"[yellow]warning:[/] {Markup.Escape(m)}"); },
            Resumed = n => { lock (notes) notes.Add($"[grey]resumed {n} of {points} points from {Markup.Escape(path)}[/]"); },
        };
        LimitCurve curve = null!;
        try
        {
            if (CommandLine.Error.Profile.Capabilities.Interactive)
                CommandLine.Error.Progress().Start(ctx =>
                {
                    var task = ctx.AddTask("limits", maxValue: 1.0);
                    curve = compute(checkpoint, f => { task.Value = f; hook?.Invoke(f); });
                });
            else
            {
                int shown = -1;
                curve = compute(checkpoint, f =>
                {
                    int tenth = (int)Math.Floor(f * 10 + 1e-9);
                    if (tenth > shown)
                    {
                        shown = tenth;
                        CommandLine.Error.WriteLine($"limits: {tenth * 10}% ({(int)Math.Round(f * points)} of {points} points)");
                    }
                    hook?.Invoke(f);
                });
            }
        }
        catch (ScanCanceledException e)
        {
            throw new RunInterruptedException(
                $"{e.Completed} of {e.Total} points are kept in {path}; run the same command again to resume from them", e);
        }
        finally
        {
            foreach (var n in notes) CommandLine.Error.MarkupLine(n);
        }
        return curve;
    }

    /// <summary>
    /// Prints a limit curve: records (m_chi_MeV or m_S_MeV, ybar_90CL, status) for --csv/--json, else the title and a
    /// table with a note column only where a point has no limit (so the limits' column stays as wide as a number).
    /// </summary>
    public static int Print(LimitCurve curve, string vary, string inputs, OutputFormat format, string title)
    {
        var o = new Results("limit", inputs);
        double? Limit(int i) => double.IsNaN(curve.Limit[i]) ? null : o.Positive(curve.Limit[i], $"ȳ (90% CL) at {Results.Echo(curve.X[i], 6)} MeV");
        var xName = vary == "mchi" ? "m_chi_MeV" : "m_S_MeV";
        if (format != OutputFormat.Table)
        {
            o.Records(format, [xName, "ybar_90CL", "status"],
                curve.X.Select((x, i) => (IReadOnlyList<object?>)[o.Value(x, xName), Limit(i), curve.Notes[i]]));
            return 0;
        }
        AnsiConsole.MarkupLine(title);
        var noted = Enumerable.Range(0, curve.X.Length).Any(i => Limit(i) is null);
        var t = new Table().Border(TableBorder.Rounded).AddColumn(vary == "mchi" ? "m_χ [[MeV]]" : "m_S [[MeV]]").AddColumn(new TableColumn("ȳ (90% CL)").RightAligned());
        if (noted) t.AddColumn("note");
        for (int i = 0; i < curve.X.Length; i++)
        {
            string[] cells = [o.Text(curve.X[i], xName), Limit(i) is double l ? Numbers.Significant(l) : Results.Missing, $"[grey]{(Limit(i) is null ? Markup.Escape(curve.Notes[i]) : "")}[/]"];
            t.AddRow(noted ? cells : cells[..2]);
        }
        AnsiConsole.Write(t);
        return 0;
    }
}
