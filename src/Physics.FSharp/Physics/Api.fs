namespace NuDM.Physics

open System
open System.Collections.Generic

// The C#-facing API of the kernel. What the C# layer (rates, experiments, statistics, scans, the CLI) uses of the
// kernel comes from here: records, classes, enums, IReadOnlyList, Func<…> and the kernel's delegate types, the
// Try-pattern for what may be absent, ArgumentOutOfRangeException naming a parameter and its range for bad input.
// No F# list, Map, option, tuple, Lazy or union crosses this boundary (a test reflects over it). Compiled delegates
// come from typed accessors (NucleusScatteringProcess.CompileDifferentialCrossSection().At(point, formFactor),
// RecoilKinematics.At(point), AnnihilationProcess.CompileSigmaV().At(point), Formula.Compile1…8 with the formula's
// documented parameter order), never from parameter names typed at the call site.

/// Standard-Model coherent elastic neutrino–nucleus scattering (seed 000 eq. 11) for the rate engine: dσ/dT with a
/// nuclear form factor and the recoil limits T ∈ [0, T_max^SM(E)] (seed 001 eq. 2.10) with their inverse. It is not a
/// process of a new-physics model (the Z exchange needs the vector propagator; ν N → ν N with a light mediator
/// interfering with it comes with the models-as-data issue).
[<Sealed>]
type StandardModelCevns internal () =
    let formula = lazy (CrossSections.cevnsSMFormula ())
    let sm = lazy (formula.Force().Compile6())
    let tmax = lazy ((Kinematics.tMaxSMFormula ()).Compile2())
    let einv = lazy ((Kinematics.enuMinOfTSMFormula ()).Compile2())
    let limits =
        lazy
            (let tmax, einv = tmax.Force(), einv.Force()
             { MinimumRecoil = RecoilLimit(fun _ _ -> 0.0)
               MaximumRecoil = RecoilLimit(fun e n -> tmax.Invoke(e, n.Mass))
               MinimumEnergy = MinimumNeutrinoEnergy(fun t n -> einv.Invoke(t, n.Mass))
               Threshold = Func<float, float>(fun _ -> 0.0) })
    /// dσ/dT (E_nu, M, T, Z, N, F2) → MeV⁻³ [seed 000 eq. (11)].
    member _.DifferentialCrossSection : Formula = formula.Force()
    /// dσ/dT with the form factor, as the rate engine's delegate (T, E, nucleus) → MeV⁻³.
    member _.CrossSection(formFactor: FormFactorModel) : DifferentialCrossSection =
        let f = sm.Force()
        match formFactor with
        | FormFactorModel.Unity -> DifferentialCrossSection(fun t e n -> f.Invoke(e, n.Mass, t, float n.Z, float n.N, 1.0))
        | FormFactorModel.Helm
        | FormFactorModel.KleinNystrand ->
            DifferentialCrossSection(fun t e n ->
                let ff = FormFactors.EvaluateOfRecoil(formFactor, t, n.Mass, float n.A)
                f.Invoke(e, n.Mass, t, float n.Z, float n.N, ff * ff))
        | _ -> raise (ArgumentOutOfRangeException("formFactor", formFactor, "formFactor must be Unity, Helm or KleinNystrand"))
    /// T_min = 0, T_max^SM(E) = 2E²/(M + 2E) (derived, eq. 2.10), E_min(T) = (T + sqrt(T² + 2MT))/2; no threshold.
    member _.Kinematics : RecoilLimits = limits.Force()

/// The kernel's entry points for C#.
[<AbstractClass; Sealed>]
type Kernel =
    static let sm = lazy (StandardModelCevns())

    // ---- models and their processes -------------------------------------------------------------------------------
    /// The seeds' scalar model 'scalar-seed' (SeedModel: L ⊃ y_χ χ̄ S P_L ν + h.c. + y_N N̄ S N), the default model.
    /// Ask it for processes: SeedModel.Process(kind), TryProcess(kind, out p), NucleusScattering(kind), ….
    static member SeedModel : Model = SeedModel.Model
    /// The same model in seed 000's notation (X, φ, m_X, m_phi, y_X, m_N).
    static member SeedModelInSeed000Notation : Model = SeedModel.InSeed000Notation

    // ---- Standard-Model CEvNS ---------------------------------------------------------------------------------------
    /// SM CEvNS for the rate engine.
    static member StandardModelCevns : StandardModelCevns = sm.Force()

    // ---- targets, fluxes, form factors --------------------------------------------------------------------------------
    /// A detector target by name (Ge, CsI, Ar, …; case-insensitive); ArgumentException listing the known ones otherwise.
    static member Target(name: string) : Target = Nuclear.Target name
    /// The names Target accepts.
    static member TargetNames : IReadOnlyList<string> = Nuclear.TargetNames
    /// The flux at the detector of a source kind: π DAR with φ₀ = normalisation per flavour, or a reactor with total
    /// ν̄_e flux = normalisation (cm⁻² s⁻¹).
    static member Flux(kind: NeutrinoSourceKind, normalisation: float) : FluxSet = Fluxes.ForSource(kind, normalisation)
    /// The source kind of a data name ("pion-dar", "reactor"); false for an unknown name.
    static member TryParseSource(name: string, [<Runtime.InteropServices.Out>] kind: byref<NeutrinoSourceKind>) : bool =
        Fluxes.TryParseSource(name, &kind)
    /// F(T)² of a form-factor model for a nucleus at recoil T (MeV); 1 for Unity.
    static member FormFactorSquared(model: FormFactorModel, recoilEnergy: float, nucleus: Isotope) : float =
        if isNull (box nucleus) then nullArg "nucleus"
        match model with
        | FormFactorModel.Unity -> 1.0
        | _ ->
            let f = FormFactors.EvaluateOfRecoil(model, recoilEnergy, nucleus.Mass, float nucleus.A)
            f * f

    // ---- tables -----------------------------------------------------------------------------------------------------
    /// dσ/dT of a ν N → χ N-like process at a parameter point on `points` recoil energies over its allowed range for one
    /// isotope, with SM CEvNS at the same T (cm²/MeV).
    static member CrossSectionTable(proc: NucleusScatteringProcess, point: ParameterPoint, isotope: Isotope, neutrinoEnergy: float, formFactor: FormFactorModel, points: int) : CrossSectionPoint[] =
        CrossSectionCalculator.TableOf(proc, point, isotope, neutrinoEnergy, formFactor, points)

    // ---- formulas of the other physics areas --------------------------------------------------------------------------
    // The cosmology formulas (SM plasma thermodynamics, equilibrium densities, thermal-average integrands, M_cut and
    // the Lyman-α chain) and the detection formulas (the direct-detection rate, Bethe–Birks quenching, the Earth/Sun
    // fluxes) move into the kernel as one F# type each (CosmologyFormulas, DetectionFormulas); they are exposed here
    // when they land, as
    //     static member Cosmology : CosmologyFormulas
    //     static member Detection : DetectionFormulas
    // and the processes they need (annihilations, widths, χ ν → χ ν, χ N → ν N) come from the model above.
