using System.CommandLine;
using NuDM.Physics;
using Spectre.Console;

namespace NuDM.App.Cli;

/// <summary><c>nudm xsec</c>: dσ/dT of νN → χN (seed 001 eq. 2.21) and of SM CEvNS over the allowed recoil range.</summary>
public static class XsecCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = $"target: {string.Join(", ", Kernel.TargetNames)}", Required = true };
        var enu = NumericOption.Required("--enu", "neutrino energy E_ν in MeV", PhysicalRanges.NeutrinoEnergy);
        var mchi = NumericOption.WithDefault("--mchi", "m_χ in MeV", PhysicalRanges.FermionMass, 0.0);
        var ms = NumericOption.WithDefault("--ms", "mediator mass m_S in MeV", PhysicalRanges.MediatorMass, 0.0);
        var ybar = NumericOption.Required("--ybar", "effective coupling ȳ = sqrt(y_χ y_N / A) (seed 001 eq. 2.19)", PhysicalRanges.EffectiveCoupling);
        var gnu = NumericOption.WithDefault("--gnu", "a light vector's coupling to the neutrino g_ν (models without a dark fermion, e.g. --model light-vector: ν N → ν N with the SM; --ybar is then g_q, --ms the Z' mass)", PhysicalRanges.SignedCoupling, 0.0);
        var ff = new Option<FormFactorModel>("--form-factor") { Description = "nuclear form factor: Unity, Helm, KleinNystrand", DefaultValueFactory = _ => FormFactorModel.Helm };
        var points = NumericOption.Integer("--points", "recoil energies per isotope", new IntegerRange(2, 10000, "two ends of the recoil range at least; 10000 resolves any structure"), 12);
        var cmd = new Command("xsec", "Differential cross section dσ/dT of νN → χN and SM CEvNS over the allowed recoil range")
        {
            target, enu, mchi, ms, ybar, ff, points, gnu
        };
        var output = OutputOptions.AddTo(cmd);
        cmd.SetAction(p => CommandLine.Guard(() => Run(p.GetValue(target)!, p.GetValue(enu), p.GetValue(mchi), p.GetValue(ms),
            p.GetValue(ybar), p.GetValue(ff), p.GetValue(points), output.Of(p), p.GetValue(gnu))));
        ModelOption.AddTo(cmd);
        return cmd;
    }

    public static int Run(string targetName, double enu, double mchi, double ms, double ybar, FormFactorModel ff, int points, OutputFormat format, double gnu = 0.0)
    {
        PhysicalRanges.SignedCoupling.Check("--gnu", gnu);
        PhysicalRanges.NeutrinoEnergy.Check("--enu", enu);
        PhysicalRanges.FermionMass.Check("--mchi", mchi);
        PhysicalRanges.MediatorMass.Check("--ms", ms);
        PhysicalRanges.EffectiveCoupling.Check("--ybar", ybar);
        if (points is < 2 or > 10000) throw new UserInputException($"--points must be an integer in [2, 10000], got {points}");
        Target target;
        try { target = Kernel.Target(targetName); }
        catch (ArgumentException e) { throw new UserInputException($"--target: {e.Message.Split(" (Parameter")[0]}"); }
        var o = new Results("xsec", $"--target {target.Name} --enu {Results.Echo(enu)} --mchi {Results.Echo(mchi)} --ms {Results.Echo(ms)} --ybar {Results.Echo(ybar)} --form-factor {ff}");

        var model = ModelInUse.Model;
        if (string.IsNullOrEmpty(model.Roles.DarkFermion) && model.Has(ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel))
            return RunInterfering(target, enu, ms, ybar, gnu, ff, points, format);
        // ν N → χ N of the model in use (the seeds' scalar model unless --model names another) at (m_χ, m_S, ȳ)
        NuDM.App.Cevns.KernelPhysics.RequireCoherentModel();
        var process = ModelInUse.Model.NucleusScattering(ProcessKind.NeutrinoNucleusToChiNucleus);
        var point = ModelInUse.Definition.CevnsPoint(mchi, ms, ybar);
        var rows = new List<IReadOnlyList<object?>>();
        var reachable = target.Nuclei.Where(n => enu >= process.Kinematics.ThresholdAt(n.Isotope.Mass, point)).ToList();
        if (reachable.Count == 0)
            throw new UserInputException($"--enu {Results.Echo(enu)} MeV is below the threshold E_ν^min = m_χ + m_χ²/(2M) for m_χ = {Results.Echo(mchi)} MeV on every nucleus of {target.Name}");
        foreach (var n in reachable)
            foreach (var p in Kernel.CrossSectionTable(process, point, n.Isotope, enu, ff, points))
                rows.Add([n.Isotope.Name, o.Positive(p.T * 1e3, "T"), o.Value(p.FormFactorSquared, "F²"),
                    o.Value(p.NewPhysics_cm2_per_MeV * 1e-3, "dσ/dT νN → χN"), o.Value(p.StandardModel_cm2_per_MeV * 1e-3, "dσ/dT SM")]);
        string[] columns = ["isotope", "T_keV", "F2", "dsigma_dT_nuchi_cm2_per_keV", "dsigma_dT_SM_cm2_per_keV"];
        if (format != OutputFormat.Table)
        {
            o.Records(format, columns, rows);
            return 0;
        }
        AnsiConsole.MarkupLine($"νN → χN on [bold]{target.Name}[/]: E_ν = {Results.Echo(enu)} MeV, m_χ = {Results.Echo(mchi)} MeV, m_S = {Results.Echo(ms)} MeV, ȳ = {Results.Echo(ybar, 3)}, form factor {ff}");
        AnsiConsole.MarkupLine("[grey]seed 001 eq. (2.21) derived from the Dirac traces of eq. (2.14); SM: seed 000 eq. (11)[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("isotope").AddColumn(new TableColumn("T [[keV]]").RightAligned())
            .AddColumn(new TableColumn("F²").RightAligned()).AddColumn(new TableColumn("dσ/dT νN→χN [[cm²/keV]]").RightAligned())
            .AddColumn(new TableColumn("dσ/dT SM [[cm²/keV]]").RightAligned());
        foreach (var r in rows)
            table.AddRow((string)r[0]!, Numbers.Significant((double)r[1]!), Numbers.Significant((double)r[2]!), Numbers.Significant((double)r[3]!), Numbers.Significant((double)r[4]!));
        AnsiConsole.Write(table);
        return 0;
    }

    /// <summary>
    /// A model without a dark fermion whose mediator couples to ν and quarks (a light Z'): dσ/dT of ν N → ν N with the
    /// SM and the mediator interfering (the model's derived cross section; for light-vector G_F²M/(4π) K Q'² F², proof
    /// model.light-vector-file and the file's light-vector.closed-form) next to the SM's, over 0 &lt; T &lt; 2E²/(M + 2E)
    /// (seed 001 eq. 2.10); --ms is the mediator mass, --ybar the effective (quark) coupling, --gnu the neutrino coupling.
    /// </summary>
    private static int RunInterfering(Target target, double enu, double ms, double gq, double gnu, FormFactorModel ff, int points, OutputFormat format)
    {
        var d = ModelInUse.Definition;
        var model = d.Model;
        var process = model.NucleusScattering(ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel);
        var nu = model.Vertices.FirstOrDefault(v => v.BarredFermion == v.Fermion && model.Field(v.Fermion).Kind == FieldKind.LeftHandedNeutrino)
            ?? throw new UserInputException($"model '{model.Name}' has no coupling of its mediator to the neutrino");
        ParameterPoint point;
        try
        {
            point = ModelInUse.Complete(ParameterPoint.Empty.With(d.MediatorMass, ms).With(d.EffectiveCoupling, gq).With(nu.Coupling, gnu));
        }
        catch (ArgumentException e)
        {
            throw new UserInputException($"model '{model.Name}': {e.Message.Split(" (Parameter")[0]}");
        }
        var o = new Results("xsec", $"--target {target.Name} --enu {Results.Echo(enu)} --ms {Results.Echo(ms)} --ybar {Results.Echo(gq)} --gnu {Results.Echo(gnu)} --form-factor {ff} --model {d.File}");
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var n in target.Nuclei)
            foreach (var p in Kernel.CrossSectionTable(process, point, n.Isotope, enu, ff, points))
                rows.Add([n.Isotope.Name, o.Positive(p.T * 1e3, "T"), o.Value(p.FormFactorSquared, "F²"),
                    o.Value(p.NewPhysics_cm2_per_MeV * 1e-3, "dσ/dT νN → νN (SM + mediator)"), o.Value(p.StandardModel_cm2_per_MeV * 1e-3, "dσ/dT SM")]);
        string[] columns = ["isotope", "T_keV", "F2", "dsigma_dT_SM_and_mediator_cm2_per_keV", "dsigma_dT_SM_cm2_per_keV"];
        if (format != OutputFormat.Table)
        {
            o.Records(format, columns, rows);
            return 0;
        }
        AnsiConsole.MarkupLine($"{Markup.Escape(process.Name)} on [bold]{target.Name}[/] (model '{Markup.Escape(model.Name)}'): E_ν = {Results.Echo(enu)} MeV, m = {Results.Echo(ms)} MeV, " +
            $"{Markup.Escape(d.EffectiveCoupling.Symbol)} = {Results.Echo(gq, 3)}, {Markup.Escape(nu.Coupling.Symbol)} = {Results.Echo(gnu, 3)}, form factor {ff}");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("isotope").AddColumn(new TableColumn("T [[keV]]").RightAligned())
            .AddColumn(new TableColumn("F²").RightAligned()).AddColumn(new TableColumn("dσ/dT SM + mediator [[cm²/keV]]").RightAligned())
            .AddColumn(new TableColumn("dσ/dT SM [[cm²/keV]]").RightAligned());
        foreach (var r in rows)
            table.AddRow((string)r[0]!, Numbers.Significant((double)r[1]!), Numbers.Significant((double)r[2]!), Numbers.Significant((double)r[3]!), Numbers.Significant((double)r[4]!));
        AnsiConsole.Write(table);
        return 0;
    }
}
