using System.CommandLine;
using NuDM.Physics;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary><c>nudm kinematics</c>: T_min, T_max and θ_max of νN → χN for each isotope of a target (seed 001 eqs. 2.5–2.11).</summary>
public static class KinematicsCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = $"detector target: {string.Join(", ", Kernel.TargetNames)}", Required = true };
        var enu = NumericOption.Required("--enu", "neutrino energy E_ν in MeV", PhysicalRanges.NeutrinoEnergy);
        var mchi = NumericOption.WithDefault("--mchi", "mass m_χ of the produced fermion in MeV (0 = standard CEvNS)", PhysicalRanges.FermionMass, 0.0);
        var cmd = new Command("kinematics", "Recoil-energy range and maximal angle of νN → χN for each isotope of a target")
        {
            target, enu, mchi
        };
        var output = OutputOptions.AddTo(cmd);
        cmd.SetAction(parse => CommandLine.Guard(() => Run(parse.GetValue(target)!, parse.GetValue(enu), parse.GetValue(mchi), output.Of(parse))));
        return cmd;
    }

    /// <summary>
    /// Prints the table (or CSV/JSON rows: one per isotope, energies in MeV and keV as named, θ_max in degrees, empty
    /// recoil columns below threshold); returns the exit code.
    /// </summary>
    public static int Run(string targetName, double enu, double mchi, OutputFormat format = OutputFormat.Table)
    {
        PhysicalRanges.NeutrinoEnergy.Check("--enu", enu);
        PhysicalRanges.FermionMass.Check("--mchi", mchi);
        Target target;
        try { target = Kernel.Target(targetName); }
        catch (ArgumentException e) { throw new UserInputException($"--target: {e.Message.Split(" (Parameter")[0]}"); }
        var o = new Results("kinematics", $"--target {target.Name} --enu {Results.Echo(enu)} --mchi {Results.Echo(mchi)}");

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("isotope").AddColumn(new TableColumn("share").RightAligned())
            .AddColumn(new TableColumn("M [[MeV]]").RightAligned()).AddColumn(new TableColumn("E_ν^min [[MeV]]").RightAligned())
            .AddColumn(new TableColumn("T_min [[keV]]").RightAligned()).AddColumn(new TableColumn("T_max [[keV]]").RightAligned())
            .AddColumn(new TableColumn("T_θmax [[keV]]").RightAligned()).AddColumn(new TableColumn("θ_max [[deg]]").RightAligned());
        var rows = new List<IReadOnlyList<object?>>();
        // the recoil kinematics of ν N → χ N, asked of the model (derived in the kernel, seed 001 eqs. 2.5–2.11)
        var kinematics = Kernel.SeedModel.NucleusScattering(ProcessKind.NeutrinoNucleusToChiNucleus).Kinematics;
        var point = Kernel.SeedModel.Point().With(SeedModel.ChiMass, mchi);
        int produced = 0;
        double lowestThreshold = double.PositiveInfinity;
        foreach (var n in target.Nuclei)
        {
            var iso = n.Isotope;
            var eMin = kinematics.ThresholdAt(iso.Mass, point);
            lowestThreshold = Math.Min(lowestThreshold, eMin);
            var share = o.Text(100 * n.NumberFraction, $"share of {iso.Name}", 3) + " %";
            if (enu < eMin)
            {
                rows.Add([iso.Name, n.NumberFraction, o.Value(iso.Mass, $"M({iso.Name})"), o.Value(eMin, "E_ν^min"), null, null, null, null]);
                table.AddRow(iso.Name, share, o.Text(iso.Mass, $"M({iso.Name})", 6), o.Text(eMin, "E_ν^min", 5), "[grey]below[/]", "[grey]threshold[/]", "", "");
                continue;
            }
            produced++;
            var k = kinematics.Point(enu, iso.Mass, point);
            rows.Add([iso.Name, n.NumberFraction, o.Value(iso.Mass, $"M({iso.Name})"), o.Value(k.EnuMin, "E_ν^min"), o.Value(k.TMin * 1e3, $"T_min({iso.Name})"),
                o.Positive(k.TMax * 1e3, $"T_max({iso.Name})"), mchi == 0 ? null : o.Value(k.TThetaMax * 1e3, $"T_θmax({iso.Name})"), o.Value(k.ThetaMax * 180 / Math.PI, $"θ_max({iso.Name})")]); // presentation: θ_max in degrees
            table.AddRow(iso.Name, share, o.Text(iso.Mass, $"M({iso.Name})", 6), o.Text(k.EnuMin, "E_ν^min", 5),
                o.Text(k.TMin * 1e3, $"T_min({iso.Name})"), o.Text(k.TMax * 1e3, $"T_max({iso.Name})"),
                mchi == 0 ? Results.Missing : o.Text(k.TThetaMax * 1e3, $"T_θmax({iso.Name})"), o.Text(k.ThetaMax * 180 / Math.PI, $"θ_max({iso.Name})")); // presentation: θ_max in degrees
        }
        if (produced == 0)
            throw new UserInputException(
                $"--enu {Results.Echo(enu)} MeV is below the threshold E_ν^min = m_χ + m_χ²/(2M) = {Results.Echo(lowestThreshold, 6)} MeV for m_χ = {Results.Echo(mchi)} MeV on {target.Name}: χ cannot be produced");
        if (format != OutputFormat.Table)
        {
            o.Records(format, ["isotope", "number_fraction", "M_MeV", "E_nu_min_MeV", "T_min_keV", "T_max_keV", "T_thetamax_keV", "theta_max_deg"], rows);
            return 0;
        }
        AnsiConsole.MarkupLine($"νN → χN on [bold]{target.Name}[/], E_ν = {Results.Echo(enu)} MeV, m_χ = {Results.Echo(mchi)} MeV  (seed 001 eqs. 2.5–2.11, derived symbolically; {Markup.Escape("`nudm verify`")} proves them)");
        AnsiConsole.Write(table);
        return 0;
    }
}
