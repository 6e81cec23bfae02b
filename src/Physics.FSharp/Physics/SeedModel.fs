namespace NuDM.Physics

open System
open NuDM.Symbolic

/// The seeds' model, built in code — one model, two notations:
///
///   L ⊃ y_χ χ̄ S P_L ν + h.c. + y_N N̄ S N   (seed 001 eqs. 2.1, 4.1; seed 000 eq. 1 with its X ≡ χ, φ ≡ S, y_X ≡ y_χ),
///
/// χ a Dirac fermion, S a real scalar, ν the active neutrino χ couples to (left-handed, massless), N the nucleus as an
/// effective Dirac fermion of mass M whose coupling y_N = Z y_p + (A − Z) y_n comes from the quark couplings y_q S q̄ q
/// (seed 000 eqs. 7–10; Couplings). Seed 000 calls the same fields X, φ, ν and writes m_X, m_φ, y_X, m_N: the model in
/// that notation (InSeed000Notation) has the same vertices with those symbols, and derives the same expressions with
/// them renamed.
///
/// Neutrino flavours: one neutrino field. Seed 001's COHERENT and CONUS fits apply its ν N → χ N cross section with
/// one ȳ to every flavour of the flux (ν_μ, ν̄_μ, ν_e), while its Boltzmann equations (sec. 4) and seed 000's cosmology
/// count one neutrino; the program does both, as the seeds do. (Three flavour fields coupled to χ with one y_χ would
/// multiply χχ̄ → νν̄ by three and χχ̄ → SS, with three ν exchanged, by nine.)
///
/// The effective coupling ȳ = sqrt(y_χ y_N / A) (seed 001 eq. 2.19) replaces y_N in the nucleus-scattering cross
/// sections: dσ/dT ∝ y_χ² y_N² = ȳ⁴ A².
[<AbstractClass; Sealed>]
type SeedModel =
    static let perturbative = sqrt (4.0 * Math.PI)

    static let build (seed000: bool) =
        let pick (a: string) (b: string) = if seed000 then b else a
        let mChi =
            ModelParameter(pick "m_chi" "m_X", "MeV", 1, "mass of the Dirac fermion χ (seed 000: X, m_X)", ParameterRole.Mass, 0.0, Double.PositiveInfinity, "", [ pick "m_X" "m_chi" ])
        let mS =
            ModelParameter(pick "m_S" "m_phi", "MeV", 1, "mass of the real scalar mediator S (seed 000: φ, m_φ)", ParameterRole.Mass, 0.0, Double.PositiveInfinity, "", [ pick "m_phi" "m_S" ])
        let mN =
            ModelParameter(pick "M" "m_N", "MeV", 1, "mass of the nucleus N (an effective Dirac fermion; seed 000: m_N)", ParameterRole.Mass, 0.0, Double.PositiveInfinity, "", [ pick "m_N" "M" ])
        let yChi =
            ModelParameter(pick "y_chi" "y_X", "1", 0, "Yukawa coupling of the χ–S–ν vertex (seed 000: y_X)", ParameterRole.Coupling, 0.0, perturbative,
                           "perturbativity: y ≤ sqrt(4π)", [ pick "y_X" "y_chi" ])
        let yN =
            ModelParameter("y_N", "1", 0, "Yukawa coupling of S to the nucleus, the coherent sum Z y_p + (A − Z) y_n (seed 000 eqs. 7–10 corrected; Couplings.NucleusCoupling)",
                           ParameterRole.Coupling, 0.0, Double.PositiveInfinity, "coherent: up to A times a nucleon coupling", Seq.empty)
        let ybar =
            ModelParameter("ybar", "1", 0, "ȳ = sqrt(y_χ y_N / A), the target-normalised coupling (seed 001 eq. 2.19; seed 000 eq. 10)", ParameterRole.Effective,
                           0.0, perturbative, "perturbativity: ȳ ≤ sqrt(4π)", Seq.empty)
        let chi = Field(pick "chi" "X", pick "χ" "X", FieldKind.DiracFermion, mChi, "the new fermion (dark matter in seed 000)", false, [ pick "X" "chi" ])
        let med = Field(pick "S" "phi", pick "S" "φ", FieldKind.RealScalar, mS, "the scalar mediator", false, [ pick "phi" "S" ])
        let nu = Field("nu", "ν", FieldKind.LeftHandedNeutrino, null, "the active neutrino χ couples to (one field; see SeedModel on flavours)", true, Seq.empty)
        let nucleus = Field("N", "N", FieldKind.DiracFermion, mN, "the target nucleus, coherent, as an effective Dirac fermion", true, Seq.empty)
        let vertices =
            [ Vertex(yChi, chi.Name, DiracStructure.LeftScalar, nu.Name, med.Name, true, "seed 001 eqs. (2.1), (4.1); seed 000 eq. (1): the neutrino is left-handed, so χ̄ S ν = χ̄ S P_L ν")
              Vertex(yN, nucleus.Name, DiracStructure.Scalar, nucleus.Name, med.Name, false, "seed 001 eq. (2.1); seed 000 eqs. (7)–(10) from y_q φ q̄ q") ]
        let effective =
            EffectiveCoupling(ybar, yN, sprintf "%s^2*%s/%s" ybar.Symbol ProcessVariables.MassNumber.Symbol yChi.Symbol, [ yChi.Symbol ],
                              "ȳ = sqrt(y_χ y_N / A), so y_N = ȳ² A / y_χ", "seed 001 eq. (2.19)")
        let model =
            Model(
                (if seed000 then "scalar-seed (seed 000 notation)" else "scalar-seed"),
                "L ⊃ y_χ χ̄ S P_L ν + h.c. + y_N N̄ S N: a Dirac fermion χ and a real scalar S; S couples χ to the left-handed neutrino and, through the quarks, to the nucleus",
                "seed 001 (Brdar, Rodejohann, Xu, JHEP 12 (2018) 024) eqs. (2.1), (4.1); seed 000 eq. (1) with X ≡ χ, φ ≡ S, y_X ≡ y_χ",
                [ chi; med; nu; nucleus ],
                [ mChi; mS; mN; yChi; yN; ybar ],
                vertices,
                { DarkFermion = chi.Name; Mediator = med.Name; Nucleus = nucleus.Name },
                effective)
        model, mChi, mS, mN, yChi, yN, ybar

    static let seed001 = lazy (build false)
    static let seed000 = lazy (build true)
    static let couplingPower =
        lazy
            (let (m, _, _, _, _, _, ybar) = seed001.Force()
             let e = m.NucleusScattering(ProcessKind.NeutrinoNucleusToChiNucleus).DifferentialCrossSection.Expression
             let y = Symbol ybar.Symbol
             match Normal.simplifyWith Assumptions.AllPositive (y * Calculus.differentiate y e / e) with
             | Number q -> q.ToDouble()
             | other -> invalidOp (sprintf "dσ/dT of ν N → χ N is not a power of %s: its elasticity is %s" ybar.Symbol (Infix.format other)))
    static let get (f: Model * ModelParameter * ModelParameter * ModelParameter * ModelParameter * ModelParameter * ModelParameter -> 'a) = f (seed001.Force())

    /// The seeds' scalar model ('scalar-seed'), in seed 001's notation (χ, S, m_chi, m_S, y_chi, y_N, M, ȳ).
    static member Model : Model = get (fun (m, _, _, _, _, _, _) -> m)
    /// The same model in seed 000's notation (X, φ, m_X, m_phi, y_X, y_N, m_N): the same vertices, the symbols renamed.
    static member InSeed000Notation : Model = let (m, _, _, _, _, _, _) = seed000.Force() in m
    /// m_χ (MeV).
    static member ChiMass : ModelParameter = get (fun (_, p, _, _, _, _, _) -> p)
    /// m_S (MeV).
    static member MediatorMass : ModelParameter = get (fun (_, _, p, _, _, _, _) -> p)
    /// M, the nuclear mass (MeV): a nucleus-scattering input, set per nucleus by the rate engine.
    static member NuclearMass : ModelParameter = get (fun (_, _, _, p, _, _, _) -> p)
    /// y_χ.
    static member ChiCoupling : ModelParameter = get (fun (_, _, _, _, p, _, _) -> p)
    /// y_N.
    static member NucleusCoupling : ModelParameter = get (fun (_, _, _, _, _, p, _) -> p)
    /// ȳ = sqrt(y_χ y_N / A) (seed 001 eq. 2.19).
    static member EffectiveCoupling : ModelParameter = get (fun (_, _, _, _, _, _, p) -> p)

    /// The power p of dσ/dT(ν N → χ N) ∝ ȳ^p (p = 4, seed 001 eq. 2.21: y_χ² y_N² = ȳ⁴ A²), derived: the elasticity
    /// ∂ln(dσ/dT)/∂ln ȳ of the model's cross section, which must be a constant. Spectra computed at ȳ = 1 scale with ȳ^p.
    static member EffectiveCouplingPower : float = couplingPower.Force()

    /// The point (m_χ, m_S, ȳ) of the seed 001 CEvNS analysis (masses in MeV); each value range-checked.
    static member CevnsPoint(chiMass: float, mediatorMass: float, effectiveCoupling: float) : ParameterPoint =
        ParameterPoint.Empty.With(SeedModel.ChiMass, chiMass).With(SeedModel.MediatorMass, mediatorMass).With(SeedModel.EffectiveCoupling, effectiveCoupling)
    /// The point (m_χ, m_S, y_χ) of the cosmology (masses in MeV); each value range-checked.
    static member CosmologyPoint(chiMass: float, mediatorMass: float, chiCoupling: float) : ParameterPoint =
        ParameterPoint.Empty.With(SeedModel.ChiMass, chiMass).With(SeedModel.MediatorMass, mediatorMass).With(SeedModel.ChiCoupling, chiCoupling)
