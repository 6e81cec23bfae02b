using NuDM.Physics;

namespace NuDM.App.Detection;

/// <summary>
/// The conversion factor κ of the model in use (<see cref="ModelInUse"/>) for dark-matter down-scattering χ N → ν N.
/// The kernel's κ(m_X, m_N, r) = σv(X N → ν N at rest)/(A² σ_NC) is the seeds' scalar model's (proof
/// dd.sigma-nc-normalisation); σ_NC = y_X² y_p² m_X²/(16π m_φ⁴) stays the quantity the limits are quoted in, with the
/// model's dark coupling (χ–ν vertex) and nucleon coupling in the places of y_X and y_p. For another model the physical
/// rate is then κ_model A² σ_NC with κ_model = κ × σv_model/σv_seed: the ratio of the two models' derived σv of
/// χ N → ν N at rest (<see cref="ConversionAtRestProcess.SigmaVAt"/>) at the same masses (m_mediator = r m_X) and unit
/// couplings. For the default (built-in) model nothing is multiplied, so its numbers are those of before.
/// </summary>
public static class ModelConversion
{
    /// <summary>The heavy-mediator ratio r used for r = +∞ (the σv ratio's corrections are O(1/r²) ≈ 1e-16).</summary>
    private const double HeavyRatio = 1e8;

    /// <summary>Refuses a model without χ N → ν N, naming it and why (direct detection is its down-scattering).</summary>
    /// <exception cref="UserInputException">The model in use has no χ N → ν N.</exception>
    public static void RequireConversion()
    {
        var model = ModelInUse.Model;
        // the rates are coherent (A² F²): a quark coupling that matches onto the nuclear spin does not give them
        if (ModelInUse.Definition.CoherentScatteringObstacle is { } obstacle)
            throw new UserInputException($"{obstacle}; the direct-detection bounds (coherent χ N → ν N down-scattering) do not apply either");
        if (model.Has(ProcessKind.ChiNucleusToNeutrinoNucleus))
        {
            // σ_NC is one coupling product times σv at unit couplings: graphs of different couplings (S and V exchanged)
            // would be added at equal strength there, whatever the couplings are
            var classes = model.Process(ProcessKind.ChiNucleusToNeutrinoNucleus).CouplingMonomials;
            if (classes.Count > 1)
                throw new UserInputException($"model '{model.Name}': χ N → ν N goes through graphs of different couplings (|M|² has the coupling products {string.Join(", ", classes)}); " +
                                             "the direct-detection bounds recast σ_NC, one coupling product times σv at unit couplings, and do not apply to interfering graphs");
            return;
        }
        var why = string.IsNullOrEmpty(model.Roles.DarkFermion)
            ? "it has no dark fermion"
            : "its vertices make no χ N → ν N";
        throw new UserInputException($"model '{model.Name}' has no χ N → ν N ({why}): the direct-detection bounds are dark matter down-scattering on nuclei, χ N → ν N, and do not apply");
    }

    /// <summary>
    /// κ_model/κ: the model in use's σv(χ N → ν N at rest) over the seeds' at m_X, m_N (MeV) and r = m_mediator/m_X
    /// (+∞: the heavy-mediator limit), unit couplings; exactly 1 for the default model (not computed).
    /// </summary>
    /// <exception cref="UserInputException">The model in use has no χ N → ν N.</exception>
    public static double FactorOverSeed(double mX, double mN, double mediatorRatio)
    {
        if (ModelInUse.IsDefault) return 1.0;
        Argument.Positive("mX", mX, "MeV");
        Argument.Positive("mN", mN, "MeV");
        Argument.PositiveOrInfinity("mediatorRatio", mediatorRatio);
        RequireConversion();
        double r = double.IsPositiveInfinity(mediatorRatio) ? HeavyRatio : mediatorRatio;
        double model = SigmaV(ModelInUse.Definition, mX, mN, r * mX);
        double seed = SigmaV(ModelFile.Seed, mX, mN, r * mX);
        double ratio = model / seed;
        if (!(double.IsFinite(ratio) && ratio >= 0))
            throw new InvalidOperationException($"model '{ModelInUse.Model.Name}': σv(χ N → ν N) ratio to the seed model is {ratio} at m_X = {mX:G6} MeV, m_N = {mN:G6} MeV, r = {mediatorRatio:G6}");
        return ratio;
    }

    /// <summary>σv (MeV⁻²) of a model's χ N → ν N at rest at m_X, m_N, the mediator mass (MeV) and unit couplings.</summary>
    private static double SigmaV(ModelDefinition d, double mX, double mN, double mediatorMass)
    {
        var model = d.Model;
        var process = model.ConversionAtRest();
        var nucleus = model.Field(model.Roles.Nucleus);
        var point = ParameterPoint.Empty;
        foreach (var p in process.SigmaVParameters)
        {
            double v =
                p.Symbol == d.DarkFermionMass.Symbol ? mX
                : p.Symbol == d.MediatorMass.Symbol ? mediatorMass
                : p.Symbol == nucleus.MassParameter.Symbol ? mN
                : p.Role == ParameterRole.Coupling ? 1.0
                : ModelInUse.Values.TryGetValue(p.Symbol, out double given) ? given
                : throw new MissingParameterException([p]); // a parameter of the model no option sets: the CLI asks for --param
            point = point.With(p, v);
        }
        return process.SigmaVAt(point);
    }
}
