namespace NuDM.Physics

open System
open System.Collections.Generic

/// The models shipped besides the seeds' scalar model, built in code as SeedModel is (the same objects a model file
/// describes). Each is data — fields, parameters with units, mass dimensions and ranges, vertices with their Dirac
/// structure — and the kernel derives its processes with the same Dirac-trace machinery (FeynmanRules: scalar and
/// massive-vector exchange, open Lorentz indices contracted). Couplings are real and may have either sign (the sign
/// of the interference with the Standard Model depends on it); |g| ≤ sqrt(4π) (perturbativity).
///
/// - 'vector': L ⊃ g_χ χ̄ γ^μ P_L ν V_μ + h.c. + g_q Σ_q q̄ γ_μ q V^μ, a Dirac χ and a massive vector V; the quark
///   current is matched to the nucleus coherently, N̄ γ_μ N V^μ with the vector charge
///   Q_V = Z(2g_u + g_d) + N(g_u + 2g_d) = 3A g_q for a universal g_q (the effective coupling g_q replaces g_N = Q_V).
/// - 'pseudoscalar': L ⊃ y_χ χ̄ iγ5 ν φ + h.c. + y_N N̄ iγ5 N φ, a Dirac χ and a real pseudoscalar φ (the quark coupling
///   q̄ iγ5 q φ matched to the nucleus as N̄ iγ5 N φ). The pseudoscalar nucleus coupling is spin-dependent: coherent
///   ν N → χ N and χ N → ν N are absent, with the reason; the annihilations, the width of φ and χ ν → χ ν are derived.
/// - 'light-vector': L ⊃ g_ν ν̄ γ^μ P_L ν Z'_μ + g_q Σ_q q̄ γ_μ q Z'^μ, a light Z' coupled to the left-handed neutrino
///   and the quarks (N̄ γ_μ N Z'^μ with Q_V = 3A g_q): ν N → ν N alone and with the Standard Model's Z exchange,
///   interfering (light-mediator CEvNS). It has no dark fermion, so no χ processes.
[<AbstractClass; Sealed>]
type ModelLibrary =
    static let perturbative = sqrt (4.0 * Math.PI)
    static let coupling (symbol: string) (description: string) =
        ModelParameter(symbol, "1", 0, description, ParameterRole.Coupling, -perturbative, perturbative, "perturbativity: |g| ≤ sqrt(4π)", Seq.empty)
    static let mass (symbol: string) (description: string) =
        ModelParameter(symbol, "MeV", 1, description, ParameterRole.Mass, 0.0, Double.PositiveInfinity, "", Seq.empty)
    static let nucleusMass () = mass "M" "mass of the nucleus N (an effective Dirac fermion)"
    static let nu () = Field("nu", "ν", FieldKind.LeftHandedNeutrino, null, "the active neutrino (one field, flavour-universal couplings)", true, Seq.empty)
    static let nucleus (m: ModelParameter) = Field("N", "N", FieldKind.DiracFermion, m, "the target nucleus, coherent, as an effective Dirac fermion", true, Seq.empty)

    /// The nucleus's vector charge g_N = Q_V (coherent) and the universal quark coupling g_q that replaces it:
    /// Q_V = Z(2g_u + g_d) + N(g_u + 2g_d) = 3A g_q.
    static let vectorCharge (name: string) =
        let gN =
            ModelParameter("g_N", "1", 0, "vector coupling of the mediator to the nucleus, its coherent vector charge Q_V = Z(2g_u + g_d) + N(g_u + 2g_d)",
                           ParameterRole.Coupling, Double.NegativeInfinity, Double.PositiveInfinity, "coherent: up to 3A times a quark coupling", Seq.empty)
        let gq =
            ModelParameter("g_q", "1", 0, "universal vector coupling of the mediator to the quarks, g_u = g_d = g_q", ParameterRole.Effective,
                           -perturbative, perturbative, "perturbativity: |g| ≤ sqrt(4π)", Seq.empty)
        let eff =
            EffectiveCoupling(gq, gN, sprintf "3*%s*%s" ProcessVariables.MassNumber.Symbol gq.Symbol, Seq.empty,
                              "g_N = Q_V = Z(2g_u + g_d) + N(g_u + 2g_d) = 3A g_q (universal g_q)",
                              sprintf "model '%s': the quark vector current summed coherently over the nucleons (valence quarks: p = uud, n = udd)" name)
        gN, gq, eff

    static let vector =
        lazy
            (let mChi = mass "m_chi" "mass of the Dirac fermion χ"
             let mV = mass "m_V" "mass of the vector mediator V"
             let mN = nucleusMass ()
             let gChi = coupling "g_chi" "coupling of the χ–V–ν vertex g_χ χ̄ γ^μ P_L ν V_μ"
             let gN, gq, eff = vectorCharge "vector"
             let chi = Field("chi", "χ", FieldKind.DiracFermion, mChi, "the new fermion", false, Seq.empty)
             let v = Field("V", "V", FieldKind.Vector, mV, "the massive vector mediator", false, Seq.empty)
             let n, nucl = nu (), nucleus mN
             Model(
                 "vector",
                 "L ⊃ g_χ χ̄ γ^μ P_L ν V_μ + h.c. + g_q q̄ γ_μ q V^μ: a Dirac fermion χ and a massive vector V; V couples χ to the left-handed neutrino and, through the quarks' vector current, coherently to the nucleus",
                 "models-as-data issue, item 5",
                 [ chi; v; n; nucl ],
                 [ mChi; mV; mN; gChi; gN; gq ],
                 [ Vertex(gChi, chi.Name, DiracStructure.LeftVector, n.Name, v.Name, true, "g_χ χ̄ γ^μ P_L ν V_μ + h.c.")
                   Vertex(gN, nucl.Name, DiracStructure.Vector, nucl.Name, v.Name, false, "g_q q̄ γ_μ q V^μ summed coherently: Q_V N̄ γ_μ N V^μ") ],
                 { DarkFermion = chi.Name; Mediator = v.Name; Nucleus = nucl.Name },
                 eff))

    static let pseudoscalar =
        lazy
            (let mChi = mass "m_chi" "mass of the Dirac fermion χ"
             let mPhi = mass "m_phi" "mass of the pseudoscalar mediator φ"
             let mN = nucleusMass ()
             let yChi = coupling "y_chi" "coupling of the χ–φ–ν vertex y_χ χ̄ iγ5 ν φ"
             let yN = coupling "y_N" "pseudoscalar coupling of φ to the nucleus (from y_q q̄ iγ5 q φ; spin-dependent)"
             let chi = Field("chi", "χ", FieldKind.DiracFermion, mChi, "the new fermion", false, Seq.empty)
             let phi = Field("phi", "φ", FieldKind.RealScalar, mPhi, "the pseudoscalar mediator (a real scalar field with iγ5 couplings)", false, Seq.empty)
             let n, nucl = nu (), nucleus mN
             Model(
                 "pseudoscalar",
                 "L ⊃ y_χ χ̄ iγ5 ν φ + h.c. + y_N N̄ iγ5 N φ: a Dirac fermion χ and a pseudoscalar φ; the nucleus coupling (from q̄ iγ5 q φ) is spin-dependent, so there is no coherent ν N → χ N",
                 "models-as-data issue, item 5",
                 [ chi; phi; n; nucl ],
                 [ mChi; mPhi; mN; yChi; yN ],
                 [ Vertex(yChi, chi.Name, DiracStructure.Pseudoscalar, n.Name, phi.Name, true, "y_χ χ̄ iγ5 ν φ + h.c. (= y_χ χ̄ iγ5 P_L ν φ for a left-handed ν)")
                   Vertex(yN, nucl.Name, DiracStructure.Pseudoscalar, nucl.Name, phi.Name, false, "y_q q̄ iγ5 q φ on the nucleus: spin-dependent") ],
                 { DarkFermion = chi.Name; Mediator = phi.Name; Nucleus = nucl.Name },
                 null))

    static let lightVector =
        lazy
            (let mV = mass "m_V" "mass of the light vector Z'"
             let mN = nucleusMass ()
             let gNu = coupling "g_nu" "coupling of Z' to the left-handed neutrino, g_ν ν̄ γ^μ P_L ν Z'_μ"
             let gN, gq, eff = vectorCharge "light-vector"
             let zp = Field("Zp", "Z'", FieldKind.Vector, mV, "the light vector mediator", false, Seq.empty)
             let n, nucl = nu (), nucleus mN
             Model(
                 "light-vector",
                 "L ⊃ g_ν ν̄ γ^μ P_L ν Z'_μ + g_q q̄ γ_μ q Z'^μ: a light vector Z' coupled to the left-handed neutrino and, through the quarks' vector current, coherently to the nucleus; ν N → ν N interferes with the Standard Model's Z exchange",
                 "models-as-data issue, item 5; cf. Cerdeño et al., JHEP 05 (2016) 118",
                 [ zp; n; nucl ],
                 [ mV; mN; gNu; gN; gq ],
                 [ Vertex(gNu, n.Name, DiracStructure.LeftVector, n.Name, zp.Name, false, "g_ν ν̄ γ^μ P_L ν Z'_μ")
                   Vertex(gN, nucl.Name, DiracStructure.Vector, nucl.Name, zp.Name, false, "g_q q̄ γ_μ q Z'^μ summed coherently: Q_V N̄ γ_μ N Z'^μ") ],
                 { DarkFermion = ""; Mediator = zp.Name; Nucleus = nucl.Name },
                 eff))

    /// 'vector': L ⊃ g_χ χ̄ γ^μ P_L ν V_μ + h.c. + g_q q̄ γ_μ q V^μ (parameters m_chi, m_V, M, g_chi, g_N; effective g_q).
    static member Vector : Model = vector.Force()
    /// 'pseudoscalar': L ⊃ y_χ χ̄ iγ5 ν φ + h.c. + y_N N̄ iγ5 N φ (parameters m_chi, m_phi, M, y_chi, y_N).
    static member Pseudoscalar : Model = pseudoscalar.Force()
    /// 'light-vector': L ⊃ g_ν ν̄ γ^μ P_L ν Z'_μ + g_q q̄ γ_μ q Z'^μ (parameters m_V, M, g_nu, g_N; effective g_q).
    static member LightVector : Model = lightVector.Force()
    /// The names of the shipped models: the seeds' scalar model (the default) first.
    static member Names : IReadOnlyList<string> = [| "scalar-seed"; "vector"; "pseudoscalar"; "light-vector" |] :> IReadOnlyList<string>
    /// A shipped model by name (case-insensitive); ArgumentException listing the names otherwise.
    static member ByName(name: string) : Model =
        match (if isNull name then "" else name.Trim().ToLowerInvariant()) with
        | "scalar-seed" -> SeedModel.Model
        | "vector" -> ModelLibrary.Vector
        | "pseudoscalar" -> ModelLibrary.Pseudoscalar
        | "light-vector" -> ModelLibrary.LightVector
        | _ -> invalidArg "name" (sprintf "unknown model '%s'; the shipped models are %s" name (String.Join(", ", ModelLibrary.Names)))
