using System.CommandLine;
using NuDM.App.Constraints;
using NuDM.App.Figures;
using NuDM.Physics;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary><c>nudm earthsun</c> (seed 000 sec. V), <c>nudm kaon</c> (seed 000 eq. 2 with E787/E949 and NA62) and
/// <c>nudm stability</c> (seed 000 eq. 4 and the sterile-neutrino X-ray recast).</summary>
public static class ConstraintCommands
{
    /// <summary>DM → ν in the Earth and the Sun: fluxes at (m_X, σ), and the σ limit from a user-given flux limit.</summary>
    public static Command EarthSun()
    {
        var mx = new Option<double>("--mx") { Description = "DM mass m_X in MeV", Required = true };
        var sigma = new Option<double>("--sigma") { Description = "DM–nucleon conversion cross section σ in cm² (fluxes at this σ)", DefaultValueFactory = _ => 1e-43 };
        var limit = new Option<double?>("--flux-limit") { Description = "a ν flux limit in cm⁻² s⁻¹ (e.g. read from the Super-K publication); prints σ_max (needs 4 GeV < m_X < 200 GeV)" };
        var source = new Option<string?>("--flux-source") { Description = "where the flux limit comes from (printed with the result)" };
        var cmd = new Command("earthsun", "ν flux from DM → ν conversion in the Earth and the Sun (seed 000 eqs. 16–17) and a σ limit from a flux limit")
        {
            mx, sigma, limit, source
        };
        cmd.SetAction(p => CommandLine.Guard(() =>
        {
            var m = Require.InRange("--mx", p.GetValue(mx), 1e-3, 1e7, "MeV");
            var s = Require.InRange("--sigma", p.GetValue(sigma), 1e-60, 1e-20, "cm^2");
            var c = EarthSunConstraints.Compare(m, s);
            AnsiConsole.MarkupLine($"m_X = {m} MeV, σ = {s:E2} cm² (ρ_X = 0.3 GeV/cm³, v₀ = 220 km/s; seed 000 eqs. 16–17):");
            AnsiConsole.MarkupLine($"  Earth flux (surface detector, volume-averaged 1/r²) = [bold]{c.Earth:E3}[/] cm⁻² s⁻¹");
            AnsiConsole.MarkupLine($"  Sun flux (1 au)                                    = {c.Sun:E3} cm⁻² s⁻¹   (Earth/Sun = {c.EarthOverSun:G3})");
            AnsiConsole.MarkupLine($"  SNO ⁸B flux {c.Boron8:E3} cm⁻² s⁻¹: the total lies {c.OrdersBelowBoron8:F1} orders of magnitude below it");
            if (p.GetValue(limit) is double f)
            {
                Require.Positive("--flux-limit", f, "cm^-2 s^-1");
                var src = p.GetValue(source);
                if (string.IsNullOrWhiteSpace(src)) throw new UserInputException("--flux-limit needs --flux-source (the publication the limit comes from)");
                var curve = EarthSunConstraints.SigmaLimitCurve(NeutrinoFluxLimit.Flat(f, src), [m]);
                AnsiConsole.MarkupLine($"  flux limit {f:E3} cm⁻² s⁻¹ ({Markup.Escape(src)}): [bold]σ < {curve.Y[0]:E3} cm²[/] (Earth term)");
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>The kaon bound on y_q for E787/E949 and each NA62 result.</summary>
    public static Command Kaon()
    {
        var csv = new Option<bool>("--csv") { Description = "CSV to standard output" };
        var cmd = new Command("kaon", "Bounds on the φ–quark coupling y_q from K⁺ → π⁺ + invisible (seed 000 eq. 2 rescaled with E787/E949 and NA62)") { csv };
        cmd.SetAction(p => CommandLine.Guard(() =>
        {
            var rows = KaonCouplingBounds.Table();
            if (p.GetValue(csv))
            {
                FigureWriter.WriteCsv(Console.Out, ["measurement", "BR_1e-11", "err_plus_1e-11", "bsm_allowance_1e-11", "y_q_max", "preliminary", "reference"],
                    rows.Select(r => (IReadOnlyList<object?>)[r.Label, r.Central, r.ErrorPlus, r.BsmAllowance, r.YqMax, r.Preliminary, r.Reference]));
                return 0;
            }
            Console.Write(KaonCouplingBounds.FormatTable());
            return 0;
        }));
        return cmd;
    }

    /// <summary>The DM-stability bound on y_X (seed 000 eq. 4) and, given an X-ray bound on sin²2θ, its recast.</summary>
    public static Command Stability()
    {
        var yq = new Option<double>("--yq") { Description = "φ–quark coupling y_q", DefaultValueFactory = _ => 1e-9 };
        var ratio = new Option<double>("--ratio") { Description = "r = m_φ/m_X (> 1)", DefaultValueFactory = _ => 3.0 };
        var from = new Option<double>("--from") { Description = "smallest m_X in MeV", DefaultValueFactory = _ => 1.0 };
        var to = new Option<double>("--to") { Description = "largest m_X in MeV", DefaultValueFactory = _ => 1000.0 };
        var points = new Option<int>("--points") { Description = "masses (2–1000)", DefaultValueFactory = _ => 10 };
        var xray = new Option<double?>("--sin2-2theta-max") { Description = "an X-ray bound on sterile-neutrino mixing sin²2θ at these masses (recast to y_X; needs --xray-source)" };
        var xraySource = new Option<string?>("--xray-source") { Description = "where the X-ray bound comes from" };
        var csv = new Option<bool>("--csv") { Description = "CSV to standard output" };
        var cmd = new Command("stability", "y_X bound from DM stability, Γ(X → νγ) < 1/t_U (seed 000 eq. 4, derived), and the sterile-neutrino X-ray recast")
        {
            yq, ratio, from, to, points, xray, xraySource, csv
        };
        cmd.SetAction(p => CommandLine.Guard(() =>
        {
            var q = Require.InRange("--yq", p.GetValue(yq), 1e-20, 1.0);
            var r = Require.InRange("--ratio", p.GetValue(ratio), 1.000001, 1e4);
            var lo = Require.Positive("--from", p.GetValue(from), "MeV");
            var hi = Require.Positive("--to", p.GetValue(to), "MeV");
            if (hi <= lo) throw new UserInputException($"--to ({hi}) must exceed --from ({lo})");
            var masses = ConstraintCurves.LogSpace(lo, hi, Require.InRange("--points", p.GetValue(points), 2, 1000));
            double? s2 = p.GetValue(xray);
            if (s2 is double v)
            {
                Require.InRange("--sin2-2theta-max", v, 1e-30, 1.0);
                if (string.IsNullOrWhiteSpace(p.GetValue(xraySource))) throw new UserInputException("--sin2-2theta-max needs --xray-source (the publication the bound comes from)");
            }
            var curve = StabilityCurves.YXCurve(masses, q, r);
            var recast = masses.Select(m => s2 is double b ? StabilityCurves.YXFromSterileMixing(b, q, r * m) : double.NaN).ToArray();
            if (p.GetValue(csv))
            {
                FigureWriter.WriteCsv(Console.Out, ["m_X_MeV", "y_X_max_stability", "y_X_max_xray_recast"],
                    masses.Select((m, i) => (IReadOnlyList<object?>)[m, curve.Y[i], s2 is null ? null : recast[i]]));
                return 0;
            }
            var t = new Table().Border(TableBorder.Rounded).AddColumn("m_X [[MeV]]").AddColumn(new TableColumn("y_X < (stability)").RightAligned());
            if (s2 is not null) t.AddColumn(new TableColumn("y_X < (X-ray recast)").RightAligned());
            for (int i = 0; i < masses.Length; i++)
                if (s2 is null) t.AddRow($"{masses[i]:G4}", $"{curve.Y[i]:E3}");
                else t.AddRow($"{masses[i]:G4}", $"{curve.Y[i]:E3}", $"{recast[i]:E3}");
            AnsiConsole.MarkupLine($"y_q = {q:G3}, m_φ = {r} m_X; {Markup.Escape(curve.Source)}");
            if (s2 is double bound) AnsiConsole.MarkupLine($"X-ray recast: sin²2θ_equiv = y_X² y_q²/(m_φ⁴ G_F²) ≤ {bound:G3} ({Markup.Escape(p.GetValue(xraySource)!)}), seed 000 sec. II.A");
            AnsiConsole.Write(t);
            return 0;
        }));
        return cmd;
    }
}
