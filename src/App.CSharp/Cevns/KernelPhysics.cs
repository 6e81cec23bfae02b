using NuDM.App.Experiments;
using NuDM.App.Rates;
using NuDM.Physics;

namespace NuDM.App.Cevns;

/// <summary>
/// The bridge from the F# physics kernel to the rate engine: neutrino fluxes (seed 001 eqs. 2.22–2.24, reactor
/// spectra), the SM CEvNS cross section (seed 000 eq. 11) and the νN → χN cross section (seed 001 eq. 2.21, derived
/// from the Dirac traces), each with the derived kinematic limits and their inverse E_ν^min(T). Nothing here re-types
/// a formula: every number comes from a compiled kernel formula. Energies in MeV, dσ/dT in MeV⁻³.
/// </summary>
public static class KernelPhysics
{
    private static readonly Lazy<Func<double, double, double, double>> TMin = new(() => Kinematics.TMinFormula().Compile3());
    private static readonly Lazy<Func<double, double, double, double>> TMax = new(() => Kinematics.TMaxFormula().Compile3());
    private static readonly Lazy<Func<double, double, double>> TMaxSM = new(() => Kinematics.TMaxSMFormula().Compile2());
    private static readonly Lazy<Func<double, double, double, double>> EMinOfT = new(() => Kinematics.EnuMinOfTFormula().Compile3());
    private static readonly Lazy<Func<double, double, double>> EMinOfTSM = new(() => Kinematics.EnuMinOfTSMFormula().Compile2());

    /// <summary>The default form factor of an experiment: F = 1 for reactor neutrinos (seed 001: "we can set F = 1 due
    /// to the low recoil energy"), Klein–Nystrand for pion decay at rest (as the COHERENT analysis and seed 000).</summary>
    public static FormFactorModel DefaultFormFactor(CevnsExperiment experiment) =>
        experiment.Source.Kind == "reactor" ? FormFactorModel.Unity : FormFactorModel.KleinNystrand;

    /// <summary>The neutrino flux at the detector (cm⁻² s⁻¹ MeV⁻¹, lines in cm⁻² s⁻¹) from the kernel's flux models.</summary>
    public static NeutrinoFlux Flux(CevnsExperiment experiment)
    {
        var src = experiment.Source;
        FluxSet set = src.Kind switch
        {
            "pion-dar" => Fluxes.PionDecayAtRest(src.MeanFluxPerFlavour),
            "reactor" => Fluxes.Reactor(src.TotalFlux ?? throw new InvalidOperationException($"{experiment.Id}: a reactor source needs total_flux_per_cm2_s")),
            _ => throw new InvalidOperationException($"{experiment.Id}: unknown source kind '{src.Kind}' (pion-dar or reactor)"),
        };
        var comps = new List<FluxComponent>();
        foreach (var f in set.Fluxes)
        {
            var flavour = f.Flavour switch
            {
                NeutrinoFlavour.ElectronNeutrino => Flavour.ElectronNeutrino,
                NeutrinoFlavour.MuonNeutrino => Flavour.MuonNeutrino,
                NeutrinoFlavour.MuonAntineutrino => Flavour.MuonAntineutrino,
                NeutrinoFlavour.ElectronAntineutrino => Flavour.ElectronAntineutrino,
                _ => throw new InvalidOperationException($"unknown flavour {f.Flavour}"),
            };
            var density = f.HasContinuum ? (Func<double, double>)(e => f.At(e)) : null;
            comps.Add(new FluxComponent(flavour, density, f.EMin, f.EMax,
                f.Lines.Select(l => new Rates.FluxLine(l.Energy, l.Weight)), f.Breakpoints));
        }
        return new NeutrinoFlux(comps);
    }

    /// <summary>Form factor squared at recoil T (MeV) for a nucleus.</summary>
    public static double FormFactorSquared(FormFactorModel model, double t, Nucleus n)
    {
        if (model == FormFactorModel.Unity) return 1.0;
        var f = FormFactors.EvaluateOfRecoil(model, t, n.Mass, n.A);
        return f * f;
    }

    /// <summary>SM CEvNS (seed 000 eq. 11) with the given form factor; T ∈ [0, T_max^SM(E)] (eq. 2.10).</summary>
    public static ScatteringProcess StandardModel(FormFactorModel formFactor)
    {
        var sm = CrossSectionCalculator.StandardModelDelegate;
        var tmax = TMaxSM.Value;
        var einv = EMinOfTSM.Value;
        return new ScatteringProcess("SM CEvNS",
            (t, e, n) => sm(e, n.Mass, t, n.Z, n.N, FormFactorSquared(formFactor, t, n)),
            (e, n) => 0.0, (e, n) => tmax(e, n.Mass), (t, n) => einv(t, n.Mass));
    }

    /// <summary>
    /// νN → χN (seed 001 eq. 2.21) at ȳ = 1 for the given m_χ and m_S (counts scale as ȳ⁴), with the form factor;
    /// T ∈ [T_min(E), T_max(E)] (eq. 2.9) and E ≥ E_ν^min(T).
    /// </summary>
    public static ScatteringProcess NuChi(double mchi, double ms, FormFactorModel formFactor)
    {
        if (!(mchi >= 0) || !double.IsFinite(mchi)) throw new ArgumentOutOfRangeException(nameof(mchi), mchi, "m_chi must be a finite number ≥ 0 MeV");
        if (!(ms >= 0) || !double.IsFinite(ms)) throw new ArgumentOutOfRangeException(nameof(ms), ms, "m_S must be a finite number ≥ 0 MeV");
        var tmin = TMin.Value;
        var tmax = TMax.Value;
        var einv = EMinOfT.Value;
        return new ScatteringProcess($"νN→χN (m_χ = {mchi:G4} MeV, m_S = {ms:G4} MeV)", NuChiCrossSection(mchi, ms, formFactor),
            (e, n) => tmin(e, n.Mass, mchi), (e, n) => tmax(e, n.Mass, mchi), (t, n) => einv(t, n.Mass, mchi));
    }

    /// <summary>The νN → χN cross section at ȳ = 1 for another m_S with the same m_χ (same kinematics, same plan).</summary>
    public static DifferentialCrossSection NuChiCrossSection(double mchi, double ms, FormFactorModel formFactor)
    {
        var sigma = CrossSectionCalculator.NuChiTypedDelegate;
        return (t, e, n) => sigma(e, n.Mass, mchi, t, ms, 1.0, n.A, FormFactorSquared(formFactor, t, n));
    }
}
