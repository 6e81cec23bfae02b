using System.CommandLine;
using NuDM.App.Cevns;
using NuDM.App.Cosmology;
using NuDM.App.Figures;
using NuDM.App.Reproduction;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary><c>nudm relic</c>, <c>nudm boltzmann</c>, <c>nudm kd</c> and <c>nudm constraints</c>.</summary>
public static class CosmologyCommands
{
    private static Option<bool> Csv() => new("--csv") { Description = "CSV to standard output" };

    /// <summary>The thermal-relic coupling (seed 000 eq. 21, Fig. 5).</summary>
    public static Command Relic()
    {
        var mx = new Option<double?>("--mx") { Description = "DM mass m_X in MeV (one point)" };
        var ratio = new Option<double>("--ratio") { Description = "r = m_φ/m_X (> 1)", DefaultValueFactory = _ => 3.0 };
        var from = new Option<double>("--from") { Description = "curve: smallest m_X in MeV", DefaultValueFactory = _ => 1.0 };
        var to = new Option<double>("--to") { Description = "curve: largest m_X in MeV", DefaultValueFactory = _ => 1000.0 };
        var points = new Option<int>("--points") { Description = "curve points (2–1000)", DefaultValueFactory = _ => 20 };
        var eos = new Option<DegreesOfFreedomTable>("--eos")
        {
            Description = "Standard-Model g_eff/h_eff table (data/cosmology): " + string.Join(", ", Enum.GetNames<DegreesOfFreedomTable>()),
            DefaultValueFactory = _ => DegreesOfFreedomTable.SaikawaShirai,
        };
        var csv = Csv();
        var cmd = new Command("relic", "The coupling y_X that gives Ωh² = 0.120 by freeze-out of X̄X → ν̄ν (one point with --mx, else a curve)")
        {
            mx, ratio, from, to, points, eos, csv
        };
        cmd.SetAction(p => CommandLine.Guard(() =>
        {
            var r = Require.InRange("--ratio", p.GetValue(ratio), 1.000001, 1e4);
            var table = p.GetValue(eos);
            if (!Enum.IsDefined(table)) throw new UserInputException($"--eos must be one of {string.Join(", ", Enum.GetNames<DegreesOfFreedomTable>())}");
            if (p.GetValue(mx) is double m)
            {
                Require.InRange("--mx", m, 0.01, 1e5, "MeV");
                var res = KernelCosmology.RelicCoupling(m, r, table);
                AnsiConsole.MarkupLine($"m_X = {m} MeV, m_φ = {r} m_X (Dirac X, g_eff/h_eff: {table}): [bold]y_X = {res.Coupling:E4}[/]");
                AnsiConsole.MarkupLine($"Ωh² = {res.OmegaH2:F4}, x_f = {res.FreezeOut.XFreezeOut:F2}, ⟨σv⟩(x = 20) = {res.SigmaVAtX20Cm3PerSecond:E3} cm³/s");
                if (m < 8) AnsiConsole.MarkupLine("[yellow]m_X < 8 MeV: excluded by N_eff for a thermal relic (seed 000)[/]");
                return 0;
            }
            var lo = Require.Positive("--from", p.GetValue(from), "MeV");
            var hi = Require.Positive("--to", p.GetValue(to), "MeV");
            if (hi <= lo) throw new UserInputException($"--to ({hi}) must exceed --from ({lo})");
            var masses = LimitCurves.LogSpace(lo, hi, Require.InRange("--points", p.GetValue(points), 2, 1000));
            var curve = KernelCosmology.RelicCurve(masses, r, table);
            var rows = curve.Select(c => (IReadOnlyList<object?>)[c.Mass, c.Coupling, c.OmegaH2, c.SigmaVAtX20Cm3PerSecond, c.Mass >= 8]).ToList();
            string[] cols = ["m_X_MeV", "y_X", "Omega_h2", "sigmav_x20_cm3_s", "allowed_by_Neff"];
            if (p.GetValue(csv)) { FigureWriter.WriteCsv(Console.Out, cols, rows); return 0; }
            var t = new Table().Border(TableBorder.Rounded).AddColumn("m_X [[MeV]]").AddColumn(new TableColumn("y_X").RightAligned()).AddColumn(new TableColumn("⟨σv⟩(x=20) [[cm³/s]]").RightAligned()).AddColumn("N_eff");
            foreach (var c in curve) t.AddRow($"{c.Mass:G4}", $"{c.Coupling:E3}", $"{c.SigmaVAtX20Cm3PerSecond:E3}", c.Mass >= 8 ? "ok" : "[grey]excluded[/]");
            AnsiConsole.MarkupLine($"thermal-relic coupling, m_φ = {r} m_X (Ωh² = 0.120, g_eff/h_eff: {table})");
            AnsiConsole.Write(t);
            return 0;
        }));
        return cmd;
    }

    /// <summary>The two-species χ/S system (seed 001 eq. 4.2, Fig. 7).</summary>
    public static Command Boltzmann()
    {
        var mchi = new Option<double?>("--mchi") { Description = "m_χ in MeV (with --ms and --ychi: one point; default: the six Fig. 7 points)" };
        var ms = new Option<double?>("--ms") { Description = "m_S in MeV (> m_χ)" };
        var ychi = new Option<double?>("--ychi") { Description = "coupling y_χ" };
        var csv = Csv();
        var cmd = new Command("boltzmann", "Solve the χ/S Boltzmann equations (seed 001 eq. 4.2) from T_QCD = 200 MeV and print Ωh²") { mchi, ms, ychi, csv };
        cmd.SetAction((p, ct) => CommandLine.GuardAsync(() => Task.FromResult(RunBoltzmann(p.GetValue(mchi), p.GetValue(ms), p.GetValue(ychi), p.GetValue(csv), ct))));
        return cmd;
    }

    private static int RunBoltzmann(double? mchi, double? ms, double? y, bool csv, CancellationToken ct)
    {
        List<(double M, double Ms, double Y, TwoSpeciesResult R)> rows;
        if (mchi is null && ms is null && y is null)
        {
            var res = Seed001Figure7.Solve(ct);
            rows = Seed001Figure7.Points.Select((p, i) => (3.0, p.Ms, p.Y, res[i])).ToList();
        }
        else
        {
            if (mchi is null || ms is null || y is null) throw new UserInputException("give all of --mchi, --ms and --ychi (or none for the six Fig. 7 points)");
            Require.Positive("--mchi", mchi.Value, "MeV");
            if (!(ms > mchi)) throw new UserInputException($"--ms must exceed --mchi = {mchi} MeV (χ must be stable), got {ms}");
            Require.InRange("--ychi", y.Value, 1e-12, 1.0);
            var r = new TwoSpeciesSolver(new TwoSpeciesOptions { StartTemperature = 200, CancellationToken = ct }).Solve(KernelCosmology.Seed001Model(mchi.Value, ms.Value, y.Value));
            rows = [(mchi.Value, ms.Value, y.Value, r)];
        }
        if (csv)
        {
            FigureWriter.WriteCsv(Console.Out, ["m_chi_MeV", "m_S_MeV", "y_chi", "Y_chi_infinity", "Omega_h2"],
                rows.Select(r => (IReadOnlyList<object?>)[r.M, r.Ms, r.Y, r.R.YChiInfinity, r.R.OmegaH2]));
            return 0;
        }
        var t = new Table().Border(TableBorder.Rounded).AddColumn("m_χ [[MeV]]").AddColumn("m_S [[MeV]]").AddColumn("y_χ")
            .AddColumn(new TableColumn("Y_χ(∞)").RightAligned()).AddColumn(new TableColumn("Ωh²").RightAligned());
        foreach (var r in rows) t.AddRow($"{r.M:G3}", $"{r.Ms:G3}", $"{r.Y:G2}", $"{r.R.YChiInfinity:E3}", $"{r.R.OmegaH2:E3}");
        AnsiConsole.MarkupLine("seed 001 eq. (4.2) from T_QCD = 200 MeV, equilibrium initial conditions, rates from the kernel's amplitudes; Ωh² by eq. (4.3)");
        AnsiConsole.Write(t);
        return 0;
    }

    /// <summary>Kinetic decoupling (seed 000 sec. IV).</summary>
    public static Command KineticDecoupling()
    {
        var mx = new Option<double>("--mx") { Description = "DM mass m_X in MeV", Required = true };
        var ratio = new Option<double>("--ratio") { Description = "r = m_φ/m_X (> 1)", DefaultValueFactory = _ => 3.0 };
        var yx = new Option<double>("--yx") { Description = "coupling y_X", DefaultValueFactory = _ => 0.1 };
        var cmd = new Command("kd", "Kinetic decoupling temperature, M_cut and the Lyman-α bound on y_X (seed 000 eqs. 12–15)") { mx, ratio, yx };
        cmd.SetAction(p => CommandLine.Guard(() =>
        {
            var m = Require.InRange("--mx", p.GetValue(mx), 1e-4, 1e4, "MeV");
            var r = Require.InRange("--ratio", p.GetValue(ratio), 1.000001, 1e4);
            var y = Require.InRange("--yx", p.GetValue(yx), 1e-10, 10);
            var kd = KernelCosmology.KineticDecoupling(m, r, y);
            var tMin = Cosmology.KineticDecoupling.MinimumDecouplingTemperature();
            var bound = KernelCosmology.LymanAlphaCouplingBound(m, r);
            AnsiConsole.MarkupLine($"m_X = {m} MeV, m_φ = {r} m_X, y_X = {y}:");
            AnsiConsole.MarkupLine($"  T_KD = [bold]{kd.Temperature * 1e3:G4} keV[/] (γ = H, Fermi–Dirac ν at T_ν), M_cut = {kd.CutoffMass:E3} M_sun");
            AnsiConsole.MarkupLine($"  Lyman-α (m_WDM > 5.3 keV) requires T_KD > {tMin * 1e3:G4} keV: y_X < {(double.IsPositiveInfinity(bound) ? "no bound below 10" : bound.ToString("E3"))}");
            var analytic = Cosmology.KineticDecoupling.Seed000Eq15(m, y, r) / CosmologyUnits.KeV;
            AnsiConsole.MarkupLine($"  [grey]seed 000 eq. (15) as printed: {analytic:G4} keV (its prefactor 0.4 keV is ~7× our numerical result; see the README)[/]");
            return 0;
        }));
        return cmd;
    }

    /// <summary>The strongest bound on σ_NC for each m_X (seed 000 Fig. 2).</summary>
    public static Command Constraints()
    {
        var ratio = new Option<double>("--mphi-ratio") { Description = "r = m_φ/m_X", DefaultValueFactory = _ => 10.0 };
        var from = new Option<double>("--from") { Description = "smallest m_X in MeV", DefaultValueFactory = _ => 0.1 };
        var to = new Option<double>("--to") { Description = "largest m_X in MeV", DefaultValueFactory = _ => 300.0 };
        var points = new Option<int>("--points") { Description = "masses (2–200)", DefaultValueFactory = _ => 20 };
        var csv = Csv();
        var cmd = new Command("constraints", "The strongest bound on σ_NC and its source for each m_X (COHERENT, direct detection, Borexino, kinetic decoupling)")
        {
            ratio, from, to, points, csv
        };
        cmd.SetAction((p, ct) => CommandLine.GuardAsync(() => Task.FromResult(RunConstraints(p.GetValue(ratio), p.GetValue(from), p.GetValue(to), p.GetValue(points), p.GetValue(csv), ct))));
        return cmd;
    }

    private static int RunConstraints(double r, double lo, double hi, int n, bool csv, CancellationToken ct)
    {
        Require.InRange("--mphi-ratio", r, 1.000001, 1e4);
        Require.Positive("--from", lo, "MeV");
        Require.Positive("--to", hi, "MeV");
        if (hi <= lo) throw new UserInputException($"--to ({hi}) must exceed --from ({lo})");
        Require.InRange("--points", n, 2, 200);
        var masses = LimitCurves.LogSpace(lo, hi, n);
        var ctx = new FigureContext(new Progress<double>(_ => { }), ct, Path.GetTempPath());
        // evaluate every constraint on its own grid and interpolate in log–log to the requested masses
        var curves = Seed000Figure2.PlaneConstraints.Select(c => c.Curve(r, ctx, _ => { })).ToList();
        double At(SigmaNCCurve c, double m)
        {
            for (int i = 0; i + 1 < c.MassMeV.Length; i++)
                if (c.MassMeV[i] <= m && m <= c.MassMeV[i + 1] && double.IsFinite(c.SigmaCm2[i]) && double.IsFinite(c.SigmaCm2[i + 1]))
                {
                    double f = Math.Log(m / c.MassMeV[i]) / Math.Log(c.MassMeV[i + 1] / c.MassMeV[i]);
                    return Math.Exp(Math.Log(c.SigmaCm2[i]) + f * Math.Log(c.SigmaCm2[i + 1] / c.SigmaCm2[i]));
                }
            return double.NaN;
        }
        var rows = masses.Select(m =>
        {
            var best = curves.Select(c => (c.Label, S: At(c, m))).Where(x => double.IsFinite(x.S)).OrderBy(x => x.S).FirstOrDefault();
            return (m, best.Label, best.S);
        }).ToList();
        if (csv)
        {
            FigureWriter.WriteCsv(Console.Out, ["m_X_MeV", "sigma_NC_bound_cm2", "source"],
                rows.Select(x => (IReadOnlyList<object?>)[x.m, x.Label is null ? null : x.S, x.Label ?? "none"]));
            return 0;
        }
        var t = new Table().Border(TableBorder.Rounded).AddColumn("m_X [[MeV]]").AddColumn(new TableColumn("σ_NC < [[cm²]]").RightAligned()).AddColumn("strongest bound");
        foreach (var x in rows) t.AddRow($"{x.m:G4}", x.Label is null ? "—" : $"{x.S:E2}", x.Label is null ? "[grey]none[/]" : Markup.Escape(x.Label));
        AnsiConsole.MarkupLine($"strongest 90% CL bound on σ_NC ≡ y_X² y_p² m_X²/(16π m_φ⁴), m_φ = {r} m_X (seed 000 Fig. 2)");
        AnsiConsole.Write(t);
        return 0;
    }
}
