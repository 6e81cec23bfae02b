using NuDM.App.Experiments;
using NuDM.App.Rates;
using NuDM.Physics;

namespace NuDM.App.Cevns;

/// <summary>
/// The kernel's physics for the rate engine, through its C#-facing API (<see cref="Kernel"/>): the flux of an
/// experiment's source (seed 001 eqs. 2.22–2.24, reactor spectra), SM CEvNS (seed 000 eq. 11) and ν N → χ N of the
/// seeds' scalar model (seed 001 eq. 2.21, derived from the model's vertices with Dirac traces), each with its derived
/// recoil limits and their inverse E_ν^min(T). The kernel hands over the rate engine's own delegate types, so nothing
/// here re-types a formula or wraps the inner loop. Energies in MeV, dσ/dT in MeV⁻³.
/// </summary>
public static class KernelPhysics
{
    /// <summary>ν N → χ N of the model in use (<see cref="ModelInUse"/>: the seeds' scalar model unless a command's
    /// --model names another); <see cref="ProcessNotInModelException"/> when the model does not have it.</summary>
    public static NucleusScatteringProcess NuChiProcess => ModelInUse.Model.NucleusScattering(ProcessKind.NeutrinoNucleusToChiNucleus);

    /// <summary>
    /// Refuses a model the coherent-scattering rates cannot use: one whose quark coupling matches onto the nuclear spin
    /// (pseudoscalar, axial: not coherent), one without ν N → χ N, or one without the effective coupling the CEvNS
    /// commands quote. The message names the model and the reason.
    /// </summary>
    /// <exception cref="UserInputException">The model in use cannot give coherent-scattering rates.</exception>
    public static void RequireCoherentModel()
    {
        var d = ModelInUse.Definition;
        // the quark coupling first: an axial or pseudoscalar one makes ν N → χ N absent, and this says why
        if (d.CoherentScatteringObstacle is { } why) throw new UserInputException(why);
        // a model without a dark fermion whose mediator interferes with the SM (a light Z'): these rates are "SM + ν N → χ N
        // on top", and its ν N → ν N replaces the SM prediction by an interfering one in g_ν and g_q separately
        if (string.IsNullOrEmpty(d.Model.Roles.DarkFermion) && d.Model.Has(ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel))
            throw new UserInputException(
                $"model '{d.Model.Name}' has no dark fermion: its ν N → ν N interferes with the Standard Model's (the weak charge becomes Q' = Q_W − (√2/G_F) g_ν Q_V/(2MT + m²)), " +
                "while these rates add ν N → χ N events on top of the SM prediction; its interfering prediction replaces the SM's " +
                $"(`nudm spectrum --model {d.File} --gnu G --ybar G_Q --ms M` and `nudm limit --model {d.File} --vary ms` compute it; `nudm xsec --model {d.File} --gnu G` tabulates its dσ/dT)");
        try
        {
            d.Model.Process(ProcessKind.NeutrinoNucleusToChiNucleus);
        }
        catch (ProcessNotInModelException e)
        {
            throw new UserInputException(e.Message);
        }
        catch (NotSupportedException e)
        {
            throw new UserInputException($"ν N → χ N of model '{d.Model.Name}' is not derived: {e.Message}");
        }
        if (d.Model.EffectiveCoupling is null)
            throw new UserInputException($"model '{d.Model.Name}' declares no effective coupling (effective: in the model file), which the CEvNS spectra and limits quote");
        // the rates scale the shape at ȳ = 1 by ȳ^p: a dσ/dT that is no power of ȳ (graphs of other couplings interfere, e.g.
        // two mediators with the same legs) cannot be scaled so
        try { _ = d.EffectiveCouplingPower; }
        catch (InvalidOperationException)
        {
            throw new UserInputException($"model '{d.Model.Name}': dσ/dT of ν N → χ N is not a power of {d.EffectiveCoupling.Symbol} (graphs of other couplings interfere); " +
                                         $"the CEvNS spectra and limits scale dσ/dT at {d.EffectiveCoupling.Symbol} = 1 by a power of it, and do not apply to this model");
        }
    }

    /// <summary>
    /// Whether the model in use has no dark fermion and a ν N → ν N that interferes with the Standard Model's Z exchange
    /// (a light Z' such as models/light-vector.yaml): its CEvNS prediction replaces the SM's (<see cref="InterferingCevnsModel"/>).
    /// </summary>
    public static bool IsInterferingModel
    {
        get
        {
            var model = ModelInUse.Model;
            return string.IsNullOrEmpty(model.Roles.DarkFermion) && model.Has(ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel);
        }
    }

    /// <summary>ν N → ν N with the SM and the model's mediators, interfering, of the model in use (derived by the kernel:
    /// for light-vector G_F²M/(4π) K Q'² F², proof model.light-vector-file).</summary>
    public static NucleusScatteringProcess InterferingProcess =>
        ModelInUse.Model.NucleusScattering(ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel);

    /// <summary>The model's coupling of its mediator to the neutrino (g_ν of ν̄ γ^μ P_L ν Z'); an error naming the model when it has none.</summary>
    /// <exception cref="UserInputException">The model has no mediator–neutrino vertex.</exception>
    public static ModelParameter NeutrinoCoupling
    {
        get
        {
            var model = ModelInUse.Model;
            return model.Vertices.FirstOrDefault(v => v.BarredFermion == v.Fermion && model.Field(v.Fermion).Kind == FieldKind.LeftHandedNeutrino)?.Coupling
                ?? throw new UserInputException($"model '{model.Name}' has no coupling of its mediator to the neutrino");
        }
    }

    /// <summary>The parameter point (mediator mass m in MeV, g_ν, the effective quark coupling g_q) of an interfering model;
    /// each value range-checked by the kernel (<see cref="UserInputException"/> naming the parameter).</summary>
    public static ParameterPoint InterferingPoint(double mediatorMass, double neutrinoCoupling, double quarkCoupling)
    {
        var d = ModelInUse.Definition;
        try
        {
            return ModelInUse.Complete(ParameterPoint.Empty.With(d.MediatorMass, mediatorMass).With(d.EffectiveCoupling, quarkCoupling).With(NeutrinoCoupling, neutrinoCoupling));
        }
        catch (ArgumentException e)
        {
            throw new UserInputException($"model '{d.Model.Name}': {e.Message.Split(" (Parameter")[0]}");
        }
    }

    /// <summary>
    /// ν N → ν N with the SM and the mediator interfering (the model's compiled dσ/dT, MeV⁻³) at (m, g_ν, g_q) with the
    /// form factor, and its kinematics — elastic: T ∈ [0, 2E²/(M + 2E)] (seed 001 eq. 2.10), whatever the point.
    /// </summary>
    public static ScatteringProcess Interfering(double mediatorMass, double neutrinoCoupling, double quarkCoupling, FormFactorModel formFactor)
    {
        var point = InterferingPoint(mediatorMass, neutrinoCoupling, quarkCoupling);
        var process = InterferingProcess;
        return new ScatteringProcess($"νN→νN, SM + mediator (m = {mediatorMass:G4} MeV, g_ν = {neutrinoCoupling:G4}, g_q = {quarkCoupling:G4})",
            process.CompileDifferentialCrossSection().At(point, formFactor), process.Kinematics.At(point));
    }

    /// <summary>The interfering cross section alone (MeV⁻³) at (m, g_ν, g_q): another point on the same (elastic) kinematics.</summary>
    public static DifferentialCrossSection InterferingCrossSection(double mediatorMass, double neutrinoCoupling, double quarkCoupling, FormFactorModel formFactor) =>
        InterferingProcess.CompileDifferentialCrossSection().At(InterferingPoint(mediatorMass, neutrinoCoupling, quarkCoupling), formFactor);

    /// <summary>The default form factor of an experiment: F = 1 for reactor neutrinos (seed 001: "we can set F = 1 due
    /// to the low recoil energy"), Klein–Nystrand for pion decay at rest (as the COHERENT analysis and seed 000).</summary>
    public static FormFactorModel DefaultFormFactor(CevnsExperiment experiment) =>
        experiment.Source.Kind == NeutrinoSourceKind.Reactor ? FormFactorModel.Unity : FormFactorModel.KleinNystrand;

    /// <summary>The neutrino flux at the detector (cm⁻² s⁻¹ MeV⁻¹, lines in cm⁻² s⁻¹) from the kernel's flux model of the
    /// source kind: π DAR with φ₀ per flavour, or the reactor ν̄_e spectrum with the total flux.</summary>
    public static FluxSet Flux(CevnsExperiment experiment)
    {
        var src = experiment.Source;
        double normalisation = src.Kind == NeutrinoSourceKind.Reactor
            ? src.TotalFlux ?? throw new InvalidOperationException($"{experiment.Id}: a reactor source needs total_flux_per_cm2_s")
            : src.MeanFluxPerFlavour;
        return Kernel.Flux(src.Kind, normalisation);
    }

    /// <summary>SM CEvNS (seed 000 eq. 11) with the given form factor; T ∈ [0, T_max^SM(E)] (eq. 2.10).</summary>
    public static ScatteringProcess StandardModel(FormFactorModel formFactor) =>
        new("SM CEvNS", Kernel.StandardModelCevns.CrossSection(formFactor), Kernel.StandardModelCevns.Kinematics);

    /// <summary>
    /// ν N → χ N (seed 001 eq. 2.21) at ȳ = 1 for the given m_χ and m_S (counts scale as ȳ⁴), with the form factor;
    /// T ∈ [T_min(E), T_max(E)] (eq. 2.9) and E ≥ E_ν^min(T). Every flavour of a flux scatters with it: ν̄ N → χ̄ N has
    /// the same dσ/dT (proof amp.nuN; checked by <see cref="CheckAntineutrinosScatterAlike"/>).
    /// </summary>
    public static ScatteringProcess NuChi(double mchi, double ms, FormFactorModel formFactor)
    {
        var point = ModelInUse.Complete(ModelInUse.Definition.CevnsPoint(mchi, ms, 1.0));
        return new ScatteringProcess($"νN→χN (m_χ = {mchi:G4} MeV, m_S = {ms:G4} MeV)",
            NuChiProcess.CompileDifferentialCrossSection().At(point, formFactor), NuChiProcess.Kinematics.At(point));
    }

    /// <summary>The νN → χN cross section at ȳ = 1 for another m_S with the same m_χ (same kinematics, same plan).</summary>
    public static DifferentialCrossSection NuChiCrossSection(double mchi, double ms, FormFactorModel formFactor) =>
        NuChiProcess.CompileDifferentialCrossSection().At(ModelInUse.Complete(ModelInUse.Definition.CevnsPoint(mchi, ms, 1.0)), formFactor);

    /// <summary>
    /// One cross section serves every flavour of a flux only if the model's ν̄ N → χ̄ N has the same dσ/dT as ν N → χ N:
    /// this checks it (identical canonical expressions) for a flux that has antineutrinos, and throws otherwise.
    /// </summary>
    public static void CheckAntineutrinosScatterAlike(FluxSet flux)
    {
        ArgumentNullException.ThrowIfNull(flux);
        if (!flux.Flavours.Any(f => f is NeutrinoFlavour.MuonAntineutrino or NeutrinoFlavour.ElectronAntineutrino or NeutrinoFlavour.TauAntineutrino)) return;
        var model = ModelInUse.Model;
        if (!model.Has(ProcessKind.AntineutrinoNucleusToAntichiNucleus))
            throw new UserInputException($"ν̄ N → χ̄ N is not in model '{model.Name}', and the flux has antineutrinos");
        var anti = model.NucleusScattering(ProcessKind.AntineutrinoNucleusToAntichiNucleus);
        if (!anti.DifferentialCrossSection.Expression.Equals(NuChiProcess.DifferentialCrossSection.Expression))
            throw new UserInputException($"model '{model.Name}': ν̄ N → χ̄ N differs from ν N → χ N, and the rates have one plan for every flavour of the flux: this model's CEvNS rates are not supported yet");
    }
}
