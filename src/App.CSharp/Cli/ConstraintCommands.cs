using System.CommandLine;
using NuDM.App.Constraints;
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
        var mx = NumericOption.Required("--mx", "DM mass m_X in MeV", PhysicalRanges.EarthSunMass);
        var sigma = NumericOption.WithDefault("--sigma", "DM–nucleon conversion cross section σ in cm² (fluxes at this σ)", PhysicalRanges.ConversionCrossSection, 1e-43);
        var limit = NumericOption.Optional("--flux-limit", "a ν flux limit in cm⁻² s⁻¹ (e.g. read from the Super-K publication); prints σ_max (needs 4 GeV < m_X < 200 GeV)", PhysicalRanges.NeutrinoFluxLimit);
        var source = new Option<string?>("--flux-source") { Description = "where the flux limit comes from (printed with the result)" };
        var cmd = new Command("earthsun", "ν flux from DM → ν conversion in the Earth and the Sun (seed 000 eqs. 16–17) and a σ limit from a flux limit")
        {
            mx, sigma, limit, source
        };
        OptionRules.Requires(cmd, limit, source, "name the publication the flux limit comes from");
        OptionRules.Requires(cmd, source, limit, "--flux-source describes a --flux-limit");
        var output = OutputOptions.AddTo(cmd);
        cmd.SetAction(p => CommandLine.Guard(() =>
        {
            var m = PhysicalRanges.EarthSunMass.Check("--mx", p.GetValue(mx));
            var s = PhysicalRanges.ConversionCrossSection.Check("--sigma", p.GetValue(sigma));
            var o = new Results("earthsun", $"--mx {Results.Echo(m)} --sigma {Results.Echo(s)}{(p.GetValue(limit) is double fl ? $" --flux-limit {Results.Echo(fl)}" : "")}");
            // the σ limit first: if it cannot be computed (m_X outside 4–200 GeV), nothing is printed before the error
            double? sigmaMax = null;
            var src = p.GetValue(source);
            if (p.GetValue(limit) is double f)
            {
                PhysicalRanges.NeutrinoFluxLimit.Check("--flux-limit", f);
                if (string.IsNullOrWhiteSpace(src)) throw new UserInputException("--flux-limit needs --flux-source (the publication the limit comes from)");
                var curve = EarthSunConstraints.SigmaLimitCurve(NeutrinoFluxLimit.Flat(f, src), [m]);
                sigmaMax = o.Positive(curve.Y[0], "σ_max");
            }
            var c = EarthSunConstraints.Compare(m, s);
            var orders = o.Value(c.OrdersBelowBoron8, "orders of magnitude below the ⁸B flux");
            if (output.Of(p) is var format and not OutputFormat.Table)
            {
                o.Records(format, ["m_X_MeV", "sigma_cm2", "flux_Earth_per_cm2_s", "flux_Sun_per_cm2_s", "Earth_over_Sun", "flux_B8_SNO_per_cm2_s",
                        "orders_below_B8", "flux_limit_per_cm2_s", "flux_limit_source", "sigma_max_cm2"],
                    [[m, s, o.Value(c.Earth, "Earth flux"), o.Value(c.Sun, "Sun flux"), o.Value(c.EarthOverSun, "Earth/Sun"), o.Value(c.Boron8, "⁸B flux"),
                        orders, p.GetValue(limit), sigmaMax is null ? null : src, sigmaMax]]);
                return 0;
            }
            AnsiConsole.MarkupLine($"m_X = {Results.Echo(m)} MeV, σ = {Results.Echo(s, 3)} cm² (ρ_X = 0.3 GeV/cm³, v₀ = 220 km/s; seed 000 eqs. 16–17):");
            AnsiConsole.MarkupLine($"  Earth flux (surface detector, volume-averaged 1/r²) = [bold]{o.Text(c.Earth, "Earth flux")}[/] cm⁻² s⁻¹");
            AnsiConsole.MarkupLine($"  Sun flux (1 au)                                    = {o.Text(c.Sun, "Sun flux")} cm⁻² s⁻¹   (Earth/Sun = {o.Text(c.EarthOverSun, "Earth/Sun", 3)})");
            AnsiConsole.MarkupLine(orders >= 0
                ? $"  SNO ⁸B flux {o.Text(c.Boron8, "⁸B flux")} cm⁻² s⁻¹: the total lies {Numbers.Fixed(orders, 1)} orders of magnitude below it"
                : $"  SNO ⁸B flux {o.Text(c.Boron8, "⁸B flux")} cm⁻² s⁻¹: the total lies {Numbers.Fixed(-orders, 1)} orders of magnitude above it");
            if (sigmaMax is double max)
                AnsiConsole.MarkupLine($"  flux limit {Results.Echo(p.GetValue(limit)!.Value, 4)} cm⁻² s⁻¹ ({Markup.Escape(src!)}): [bold]σ < {Numbers.Significant(max)} cm²[/] (Earth term)");
            return 0;
        }));
        return cmd;
    }

    /// <summary>The kaon bound on y_q for E787/E949 and each NA62 result.</summary>
    public static Command Kaon()
    {
        var cmd = new Command("kaon", "Bounds on the φ–quark coupling y_q from K⁺ → π⁺ + invisible (seed 000 eq. 2 rescaled with E787/E949 and NA62)");
        var output = OutputOptions.AddTo(cmd);
        cmd.SetAction(p => CommandLine.Guard(() =>
        {
            var o = new Results("kaon", "the kaon table (data/detection/kaon_pi_nunu.csv)");
            var rows = KaonCouplingBounds.Table();
            // every number of the table passes the output check, for the CSV, JSON and the formatted table alike
            var cells = rows.Select(r => (IReadOnlyList<object?>)[r.Label, o.Value(r.Central, $"BR ({r.Label})"), o.Value(r.ErrorPlus, $"BR error ({r.Label})"),
                o.Value(r.BsmAllowance, $"BSM allowance ({r.Label})"), o.Positive(r.YqMax, $"y_q,max ({r.Label})"), r.Preliminary, r.Reference]).ToList();
            if (output.Of(p) is var format and not OutputFormat.Table)
            {
                o.Records(format, ["measurement", "BR_1e-11", "err_plus_1e-11", "bsm_allowance_1e-11", "y_q_max", "preliminary", "reference"], cells);
                return 0;
            }
            var sm = KaonBounds.StandardModel();
            AnsiConsole.WriteLine("K⁺ → π⁺ + invisible: y_q,max = 1.58e-04 sqrt(A/A_E949) (a rescaling of seed 000 eq. 2, not a new calculation)");
            AnsiConsole.WriteLine($"A = (B − B_SM) + 1.2816 sqrt(err₊² + err_SM²), B_SM = {Numbers.Significant(sm.Central)} ± {Numbers.Significant(sm.ErrorPlus)} (1e-11); flat for m_φ < {Numbers.Significant(KaonBounds.KinematicEndpoint_MeV)} MeV");
            var t = new Table().Border(TableBorder.Rounded).AddColumn("measurement").AddColumn(new TableColumn("B [[1e-11]]").RightAligned())
                .AddColumn(new TableColumn("A [[1e-11]]").RightAligned()).AddColumn(new TableColumn("y_q,max").RightAligned());
            foreach (var r in rows)
                t.AddRow(Markup.Escape(r.Label + (r.Preliminary ? " [prelim.]" : "")), $"{Numbers.Significant(r.Central, 3)} +{Numbers.Significant(r.ErrorPlus, 3)}",
                    Numbers.Significant(r.BsmAllowance), Numbers.Significant(r.YqMax, 3));
            AnsiConsole.Write(t);
            return 0;
        }));
        return cmd;
    }

    /// <summary>
    /// The DM-stability bound on y_X (seed 000 eq. 4) and the sterile-neutrino X-ray recast (seed 000 sec. II.A): of the
    /// strongest published X-ray limit at each mass by default (empty where no X-ray limit covers m_X), or of the user's
    /// --sin2-2theta-max (with --xray-source), which overrides it at every mass.
    /// </summary>
    public static Command Stability()
    {
        var yq = NumericOption.WithDefault("--yq", "φ–quark coupling y_q", PhysicalRanges.QuarkCoupling, 1e-9);
        var ratio = NumericOption.WithDefault("--ratio", "r = m_φ/m_X", PhysicalRanges.MassRatio, 3.0);
        var from = NumericOption.WithDefault("--from", "smallest m_X in MeV", PhysicalRanges.DarkMatterMass, 1.0);
        var to = NumericOption.WithDefault("--to", "largest m_X in MeV", PhysicalRanges.DarkMatterMass, 1000.0);
        var points = NumericOption.Integer("--points", "masses", new IntegerRange(2, 1000, "two ends at least; 1000 resolves any structure"), 10);
        var xray = NumericOption.Optional("--sin2-2theta-max", "your own X-ray bound on sterile-neutrino mixing sin²2θ, used at every mass instead of the published X-ray limits (needs --xray-source)", PhysicalRanges.SterileMixing);
        var xraySource = new Option<string?>("--xray-source") { Description = "where the --sin2-2theta-max bound comes from" };
        var cmd = new Command("stability", "y_X bound from DM stability, Γ(X → νγ) < 1/t_U (seed 000 eq. 4, derived), and the sterile-neutrino X-ray recast of the strongest published X-ray limit (seed 000 sec. II.A)")
        {
            yq, ratio, from, to, points, xray, xraySource
        };
        var output = OutputOptions.AddTo(cmd);
        OptionRules.Requires(cmd, xray, xraySource, "name the publication the X-ray bound comes from");
        OptionRules.Requires(cmd, xraySource, xray, "--xray-source describes a --sin2-2theta-max");
        cmd.SetAction(p => CommandLine.Guard(() =>
        {
            var q = PhysicalRanges.QuarkCoupling.Check("--yq", p.GetValue(yq));
            var r = PhysicalRanges.MassRatio.Check("--ratio", p.GetValue(ratio));
            var lo = PhysicalRanges.DarkMatterMass.Check("--from", p.GetValue(from));
            var hi = PhysicalRanges.DarkMatterMass.Check("--to", p.GetValue(to));
            if (hi <= lo) throw new UserInputException($"--to ({Results.Echo(hi)}) must exceed --from ({Results.Echo(lo)})");
            var n = p.GetValue(points);
            var masses = Grid.LogSpace(lo, hi, n);
            double? s2 = p.GetValue(xray);
            var userSource = p.GetValue(xraySource);
            if (s2 is double v)
            {
                PhysicalRanges.SterileMixing.Check("--sin2-2theta-max", v);
                if (string.IsNullOrWhiteSpace(userSource)) throw new UserInputException("--sin2-2theta-max needs --xray-source (the publication the bound comes from)");
            }
            var o = new Results("stability", $"--yq {Results.Echo(q)} --ratio {Results.Echo(r)} --from {Results.Echo(lo)} --to {Results.Echo(hi)} --points {n}" +
                (s2 is double b0 ? $" --sin2-2theta-max {Results.Echo(b0)}" : ""));
            var curve = StabilityCurves.YXCurve(masses, q, r);
            var stable = masses.Select((m, i) => o.Positive(curve.Y[i], $"stability bound at m_X = {Results.Echo(m, 6)} MeV")).ToArray();
            // the recast at each mass: the user's bound everywhere, else the strongest published X-ray limit where one covers m_X
            var recast = masses.Select(m =>
            {
                string what = $"X-ray recast at m_X = {Results.Echo(m, 6)} MeV";
                if (s2 is double b) return new RecastCell(o.Positive(StabilityCurves.YXFromSterileMixing(b, q, r * m), what), b, userSource!, null);
                return StabilityCurves.YXFromXrayLimits(m, q, r) is XrayRecast x
                    ? new RecastCell(o.Positive(x.YXMax, what), o.Positive(x.Bound.Sin2TwoThetaMax, "X-ray limit on sin²2θ"), x.Bound.Source.Label, x.Bound.Source)
                    : null;
            }).ToArray();
            if (output.Of(p) is var format and not OutputFormat.Table)
            {
                o.Records(format, ["m_X_MeV", "y_X_max_stability", "y_X_max_xray_recast", "sin2_2theta_max", "xray_source"],
                    masses.Select((m, i) => (IReadOnlyList<object?>)[m, stable[i], recast[i]?.YX, recast[i]?.Sin2TwoTheta, recast[i]?.Source]));
                return 0;
            }
            var t = new Table().Border(TableBorder.Rounded).AddColumn("m_X [[MeV]]").AddColumn(new TableColumn("y_X < (stability)").RightAligned())
                .AddColumn(new TableColumn("y_X < (X-ray recast)").RightAligned()).AddColumn(new TableColumn("sin²2θ <").RightAligned()).AddColumn("X-ray limit");
            for (int i = 0; i < masses.Length; i++)
                t.AddRow(Numbers.Significant(masses[i]), Numbers.Significant(stable[i]),
                    recast[i] is RecastCell c ? Numbers.Significant(c.YX) : Results.Missing,
                    recast[i] is RecastCell d ? Numbers.Significant(d.Sin2TwoTheta, 3) : Results.Missing,
                    Markup.Escape(recast[i]?.Source ?? "no constraint"));
            AnsiConsole.MarkupLine($"y_q = {Results.Echo(q, 3)}, m_φ = {Results.Echo(r)} m_X; {Markup.Escape(curve.Source)}");
            if (s2 is double bound)
                AnsiConsole.MarkupLine($"X-ray recast: sin²2θ_equiv = y_X² y_q²/(m_φ⁴ G_F²) ≤ {Results.Echo(bound, 3)} ({Markup.Escape(userSource!)}), seed 000 sec. II.A");
            else
            {
                var (cf, ct) = XrayMixingLimits.Coverage;
                AnsiConsole.MarkupLine("X-ray recast (seed 000 sec. II.A): sin²2θ_equiv = y_X² y_q²/(m_φ⁴ G_F²) ≤ the strongest published X-ray limit on " +
                    $"sin²2θ at m_s = m_X; the limits cover {Numbers.Significant(cf)}–{Numbers.Significant(ct)} MeV, \"{Results.Missing}\" = no constraint (not extrapolated)");
                foreach (var l in recast.Where(c => c?.Limit is not null).Select(c => c!.Limit!).Distinct())
                    AnsiConsole.MarkupLine($"  {Markup.Escape(l.Label)}: {Markup.Escape(l.Reference)} (data/{Markup.Escape(l.Table)})");
            }
            AnsiConsole.Write(t);
            return 0;
        }));
        return cmd;
    }

    /// <summary>One recast cell of <c>nudm stability</c>: y_X,max, the sin²2θ bound used and where it comes from.</summary>
    private sealed record RecastCell(double YX, double Sin2TwoTheta, string Source, XrayMixingLimit? Limit);
}
