/// Proof obligations of s-channel exchange in an annihilation (issue 12): a Z'-portal model, a Dirac χ and the
/// left-handed ν coupled to a massive vector Z' by vector currents,
///   L ⊃ g_χ χ̄ γ^μ χ Z'_μ + g_ν ν̄ γ^μ P_L ν Z'_μ,
/// whose χ χ̄ → ν ν̄ goes through the s-channel Z' alone, with the Breit–Wigner propagator −i(g_μν − q_μq_ν/M²)/(s − M² +
/// iMΓ), M = m_Z', Γ the Z' width into the model's own open channels (ProcessDerivation.mediatorChannels).
///
/// Hand trace (the obligations compare the derivation with it). The q_μq_ν part vanishes on the χ line,
/// v̄(p2)(p̸1 + p̸2)u(p1) = (m − m) v̄u = 0, and on the massless ν line, so M = −g_χ g_ν [v̄(p2)γ^μu(p1)][ū(k1)γ_μP_Lv(k2)]/D,
/// D = s − M² + iMΓ. With Tr[(p̸2 − m)γ^μ(p̸1 + m)γ^ν] = 4(p2^μp1^ν + p2^νp1^μ − g^μν(p1·p2 + m²)) and
/// Tr[k̸1γ_μk̸2γ_νP_L] = 2(k1_μk2_ν + k1_νk2_μ − g_μν k1·k2) − 2iε_μανβ k1^α k2^β (the ε part drops against the symmetric
/// χ tensor):
///   Σ|M|² = 16 g_χ²g_ν² [(p1·k1)(p2·k2) + (p1·k2)(p2·k1) + m²(k1·k2)]/|D|².
/// In the CM frame (E = √s/2, |p|² = E² − m², |k| = E): (p1·k1)(p2·k2) + (p1·k2)(p2·k1) = 2E⁴ + 2p²E²c², m² k1·k2 = 2m²E², so
///   ¼Σ|M|² = g_χ²g_ν² (s/2)[s + 4m² + (s − 4m²)c²]/((s − M²)² + M²Γ²)
/// (at m = 0 and D = s this is g⁴(1 + c²)/2, half of e⁺e⁻ → μ⁺μ⁻ of Peskin & Schroeder eq. (5.10): one ν helicity), and
/// σv_Møl = |k|/(8π s^{3/2}) ∫ dc ¼Σ|M|² with ∫_{−1}^{1}[s + 4m² + (s − 4m²)c²]dc = 8(s + 2m²)/3:
///   σv(χ χ̄ → ν ν̄) = g_χ² g_ν² (s + 2m_χ²)/(12π[(s − M²)² + M²Γ²])   per neutrino flavour,
/// i.e. σ = g_χ²g_ν² s(1 + 2m_χ²/s)/(24π β_χ [(s − M²)² + M²Γ²]), β_χ = √(1 − 4m_χ²/s); at s = 4m_χ² the s-wave
/// a = g_χ²g_ν² m_χ²/(2π[(4m_χ² − M²)² + M²Γ²]): the vector-mediator s-wave N_c g_χ²g_f²(2m_χ² + m_f²)β_f/(2π[(M² − 4m_χ²)² + M²Γ²])
/// of the simplified-model literature (e.g. Berlin, Hooper, McDermott, PRD 89 (2014) 115022, arXiv:1404.0022, as recalled:
/// its text was not retrieved with the search tools) at N_c = 1, m_f = 0 and half of it for the one helicity of a Weyl ν.
///
/// Widths (Γ = |k| Σ|M|²/(8π M²), Σ|M|² averaged over the three polarisations, Σε_με*_ν = −g_μν + K_μK_ν/M²):
///   Γ(Z' → χ χ̄) = g_χ² M (1 + 2m_χ²/M²) β/(12π), β = √(1 − 4m_χ²/M²)  (vector current; the factor β(1 + 2m²/s) of
///     Peskin & Schroeder eq. (5.13) for e⁺e⁻ → μ⁺μ⁻ with massive muons, the same current squared; the form of the LHC DM
///     forum's Γ(V → χχ̄), Abercrombie et al., arXiv:1507.00966, as recalled, its text not retrieved),
///   Γ(Z' → ν ν̄) = g_ν² M/(24π) per flavour: with the Standard Model's g_ν = g/(2cos θ_W), g²/cos²θ_W = 8G_F M_Z²/√2, this is
///     Γ(Z → ν ν̄) = G_F M_Z³/(12√2 π) (PDG review "Electroweak model": 166 MeV per flavour).
module NuDM.Proofs.SChannelProofs

open NuDM.Symbolic
open NuDM.Symbolic.Notation
open NuDM.Physics

let private s = Symbol
let private mChi, mZ, gChi, gNu, gamma = s "m_chi", s "m_Zp", s "g_chi", s "g_nu", s "Gamma_Zp"
let private sv, cv = s "s", s "c"

let private coupling (symbol: string) (description: string) =
    ModelParameter(symbol, "1", 0, description, ParameterRole.Coupling, 0.0, sqrt (4.0 * System.Math.PI), "perturbativity", Seq.empty)
let private mass (symbol: string) (description: string) =
    ModelParameter(symbol, "MeV", 1, description, ParameterRole.Mass, 0.0, System.Double.PositiveInfinity, "", Seq.empty)

/// The Z'-portal model of the header (a nucleus field only because a model names one; no vertex).
let zPortal =
    lazy
        (let mChiP, mZP, mNP = mass "m_chi" "mass of χ", mass "m_Zp" "mass of Z'", mass "M" "unused nucleus mass"
         let gChiP, gNuP = coupling "g_chi" "vector coupling of Z' to χ", coupling "g_nu" "coupling of Z' to the left-handed ν"
         let chi = Field("chi", "χ", FieldKind.DiracFermion, mChiP, "the dark fermion", false, Seq.empty)
         let zp = Field("Zp", "Z'", FieldKind.Vector, mZP, "the vector mediator", false, Seq.empty)
         let nu = Field("nu", "ν", FieldKind.LeftHandedNeutrino, null, "the active neutrino", true, Seq.empty)
         let n = Field("N", "N", FieldKind.DiracFermion, mNP, "unused", true, Seq.empty)
         Model("zprime-portal-proof", "g_χ χ̄ γ^μ χ Z'_μ + g_ν ν̄ γ^μ P_L ν Z'_μ", "proofs", [ chi; zp; nu; n ], [ mChiP; mZP; mNP; gChiP; gNuP ],
               [ Vertex(gChiP, "chi", DiracStructure.Vector, "chi", "Zp", false, "g_χ χ̄ γ^μ χ Z'_μ")
                 Vertex(gNuP, "nu", DiracStructure.LeftVector, "nu", "Zp", false, "g_ν ν̄ γ^μ P_L ν Z'_μ") ],
               { DarkFermion = "chi"; Mediator = "Zp"; Nucleus = "N" }, null))

let private annihilation () = zPortal.Force().Annihilation ProcessKind.ChiAntichiToNeutrinoAntineutrino
let private breitWigner = (sv - mZ ** 2) ** 2 + mZ ** 2 * gamma ** 2
/// The hand trace of the header: ¼Σ|M|² and σv.
let private handM2 = gChi ** 2 * gNu ** 2 * (sv / 2) * (sv + 4 * mChi ** 2 + (sv - 4 * mChi ** 2) * cv ** 2) / breitWigner
let private handSigmaV = gChi ** 2 * gNu ** 2 * (sv + 2 * mChi ** 2) / (12 * pi * breitWigner)
/// Above threshold: s > 4m_χ², everything positive.
let private physical = (Assumptions.Positive [ "m_chi"; "m_Zp"; "g_chi"; "g_nu"; "Gamma_Zp"; "s" ]).AndPositive(sv - 4 * mChi ** 2)

/// The vector model's g_χ χ̄ γ^μ P_L ν V + h.c. (t-channel V in χ χ̄ → ν ν̄) plus the s-channel couplings g_x χ̄ γ^μ χ V and
/// g_ν ν̄ γ^μ P_L ν V: both graphs, of the two pairings of the four fermions (one long trace, FeynmanRules.crossedSquared).
let mixedModel =
    lazy
        (let mChiP, mVP, mNP = mass "m_chi" "mass of χ", mass "m_Zp" "mass of V", mass "M" "unused nucleus mass"
         let gChiP, gXP, gNuP = coupling "g_chi" "χ–V–ν coupling", coupling "g_x" "vector coupling of V to χ", coupling "g_nu" "coupling of V to ν"
         let chi = Field("chi", "χ", FieldKind.DiracFermion, mChiP, "the dark fermion", false, Seq.empty)
         let v = Field("Zp", "V", FieldKind.Vector, mVP, "the vector mediator", false, Seq.empty)
         let nu = Field("nu", "ν", FieldKind.LeftHandedNeutrino, null, "the active neutrino", true, Seq.empty)
         let n = Field("N", "N", FieldKind.DiracFermion, mNP, "unused", true, Seq.empty)
         Model("vector-s-and-t-proof", "g_χ χ̄ γ^μ P_L ν V + h.c. + g_x χ̄ γ^μ χ V + g_ν ν̄ γ^μ P_L ν V", "proofs", [ chi; v; nu; n ], [ mChiP; mVP; mNP; gChiP; gXP; gNuP ],
               [ Vertex(gChiP, "chi", DiracStructure.LeftVector, "nu", "Zp", true, "g_χ χ̄ γ^μ P_L ν V + h.c.")
                 Vertex(gXP, "chi", DiracStructure.Vector, "chi", "Zp", false, "g_x χ̄ γ^μ χ V")
                 Vertex(gNuP, "nu", DiracStructure.LeftVector, "nu", "Zp", false, "g_ν ν̄ γ^μ P_L ν V") ],
               { DarkFermion = "chi"; Mediator = "Zp"; Nucleus = "N" }, null))

/// ¼Σ|M|² of χ χ̄ → ν ν̄ in the mixed model from the same diagrams with zero-width propagators 1/(s − m²), 1/(t − m²)
/// (the derivation before the Breit–Wigner form), in s and c.
let private zeroWidthMixed () =
    let m = mixedModel.Force()
    let chi, nu = m.Field "chi", m.Field "nu"
    let legs = [ FeynmanRules.leg chi false true "p1"; FeynmanRules.leg chi true true "p2"; FeynmanRules.leg nu false false "k1"; FeynmanRules.leg nu true false "k2" ]
    let names : FeynmanRules.Names = { In1 = "p1"; In2 = "p2"; Out1 = "k1"; Out2 = "k2" }
    let ds = FeynmanRules.twoLineDiagrams m.Data names legs
    let dots = ProcessDerivation.cmDots mChi Ops.zero
    let p1k1 = dots |> List.pick (fun (a, b, e) -> if a = "k1" && b = "p1" then Some e else None)
    let p1k2 = dots |> List.pick (fun (a, b, e) -> if a = "k2" && b = "p1" then Some e else None)
    let invariant (c: FeynmanRules.Channel) =
        match c with
        | FeynmanRules.S -> sv
        | FeynmanRules.T -> mChi ** 2 - 2 * p1k1
        | FeynmanRules.U -> mChi ** 2 - 2 * p1k2
    let single c (b: Field) = 1 / (invariant c - b.Mass ** 2)
    let raw = FeynmanRules.twoLineSquaredAny ds (FeynmanRules.averaging legs.[0..1] legs.[2..3]) (fun c b b' -> single c b * single c b') single
    ds, Dirac.substituteDots dots raw

let obligations : Obligation list =
    [ { Id = "sch.width-vector-pair"
        Title = "Γ(Z' → χ χ̄) = g_χ² m_Z' (1 + 2m_χ²/m_Z'²) β/(12π), β = √(1 − 4m_χ²/m_Z'²), for g_χ χ̄ γ^μ χ Z'_μ (Σ|M|² averaged over three polarisations)"
        Equation = "the vector-current factor β(1 + 2m²/s) of Peskin & Schroeder eq. (5.13) (e⁺e⁻ → μ⁺μ⁻, massive muons) and the hand trace of this file's header; the simplified-model Γ(V → χχ̄) (Abercrombie et al., arXiv:1507.00966) has this form as recalled — its text was not retrieved with the search tools"
        Statement = "ProcessDerivation.fermionPairWidth of the vector Z' into χ χ̄ (FeynmanRules.pairDecaySquared: ε_μ ū Γ^μ v, Σε_με*_ν = −g_μν + K_μK_ν/M², 1/3; Γ = |k| Σ|M|²/(8π M²)). The K K part vanishes on a vector current between equal masses; the result has β(3 − β²)/2 = β(1 + 2m²/M²)."
        Domain = "m_Z' > 2m_χ > 0, g_χ > 0"
        Check =
          fun () ->
              let m = zPortal.Force()
              let w = ProcessDerivation.fermionPairWidth m.Data (m.Field "Zp") (m.Field "chi")
              let dom = (Assumptions.Positive [ "m_chi"; "m_Zp"; "g_chi" ]).AndPositive(mZ - 2 * mChi)
              let beta = sqrt (1 - 4 * mChi ** 2 / mZ ** 2)
              Prove.all
                  [ Prove.equal dom "Γ(Z' → χχ̄)" w (gChi ** 2 * mZ * (1 + 2 * mChi ** 2 / mZ ** 2) * beta / (12 * pi))
                    Prove.equal dom "= g² M β(3 − β²)/(24π)" w (gChi ** 2 * mZ * beta * (3 - beta ** 2) / (24 * pi)) ] }
      { Id = "sch.width-vector-neutrino"
        Title = "Γ(Z' → ν ν̄) = g_ν² m_Z'/(24π) per flavour for g_ν ν̄ γ^μ P_L ν Z'_μ; with the Standard Model's g_ν² = √2 G_F M_Z² it is Γ(Z → ν ν̄) = G_F M_Z³/(12√2 π)"
        Equation = "Γ(Z → ν ν̄) = G_F M_Z³/(12√2 π) per flavour (PDG review \"Electroweak model and constraints on new physics\"), g_ν = g/(2cos θ_W), G_F/√2 = g²/(8M_W²)"
        Statement = "fermionPairWidth of Z' into the Weyl ν (one helicity through P_L, massless) — half the width into a Dirac fermion with a vector coupling g_ν; substituting g_ν² = √2 G_F m_Z'² gives the Standard Model's invisible width per flavour."
        Domain = "m_Z' > 0, g_ν > 0, G_F > 0"
        Check =
          fun () ->
              let m = zPortal.Force()
              let w = ProcessDerivation.fermionPairWidth m.Data (m.Field "Zp") (m.Field "nu")
              let dom = Assumptions.Positive [ "m_Zp"; "g_nu"; "G_F" ]
              Prove.all
                  [ Prove.equal dom "Γ(Z' → νν̄)" w (gNu ** 2 * mZ / (24 * pi))
                    Prove.equal dom "Γ(Z → νν̄) at g_ν² = √2 G_F M_Z²" (Structure.substitute gNu (sqrt (sqrt (Ops.integer 2) * s "G_F" * mZ ** 2)) w)
                        (s "G_F" * mZ ** 3 / (12 * sqrt (Ops.integer 2) * pi)) ] }
      { Id = "sch.width-total"
        Title = "The Z' width the annihilation uses: Γ = Γ(Z' → ν ν̄) + Γ(Z' → χ χ̄), the second open only above m_Z' = 2m_χ (thresholds 0 and 2m_χ)"
        Equation = "the sum of the open two-body channels into the model's own particles (channels into undeclared particles are not included)"
        Statement = "MediatorWidth of the derived χ χ̄ → ν ν̄ has exactly the channels Z' → ν ν̄ (threshold 0) and Z' → χ χ̄ (threshold 2m_χ) with the two widths above; the step is the threshold comparison of MediatorWidth.Invoke."
        Domain = "m_Z' > 2m_χ > 0, couplings > 0"
        Check =
          fun () ->
              let w = (annihilation ()).MediatorWidth
              if isNull (box w) then Outcome.Fail "χ χ̄ → ν ν̄ has no MediatorWidth"
              else
                  let byName n = w.Channels |> Seq.tryFind (fun c -> c.Name = n)
                  match byName "Z' → ν ν̄", byName "Z' → χ χ̄" with
                  | Some nu, Some chi when w.Channels.Count = 2 ->
                      let dom = (Assumptions.Positive [ "m_chi"; "m_Zp"; "g_chi"; "g_nu" ]).AndPositive(mZ - 2 * mChi)
                      let beta = sqrt (1 - 4 * mChi ** 2 / mZ ** 2)
                      Prove.all
                          [ Prove.equal dom "Γ_νν̄" nu.Width.Expression (gNu ** 2 * mZ / (24 * pi))
                            Prove.equal dom "threshold νν̄" nu.Threshold.Expression Ops.zero
                            Prove.equal dom "Γ_χχ̄" chi.Width.Expression (gChi ** 2 * mZ * (1 + 2 * mChi ** 2 / mZ ** 2) * beta / (12 * pi))
                            Prove.equal dom "threshold χχ̄" chi.Threshold.Expression (2 * mChi) ]
                  | _ -> Outcome.Fail(sprintf "channels %s" (System.String.Join(", ", w.Channels |> Seq.map (fun c -> c.Name)))) }
      { Id = "sch.m2-hand-trace"
        Title = "χ χ̄ → Z'* → ν ν̄: ¼Σ|M|² = g_χ²g_ν² (s/2)[s + 4m_χ² + (s − 4m_χ²)c²]/((s − m_Z'²)² + m_Z'²Γ²) (Breit–Wigner propagator)"
        Equation = "hand trace in the header of SChannelProofs.fs; at m_χ = 0, Γ = 0, m_Z' = 0 it is g⁴(1 + c²)/2, half of e⁺e⁻ → μ⁺μ⁻ (Peskin & Schroeder eq. 5.10) for the one ν helicity"
        Statement = "The derived |M|² (ProcessDerivation.annihilation: the s-channel placeholder P_s, P_s² → 1/((s − M²)² + M²Γ²)) equals the hand trace; the q_μq_ν part of the propagator is kept by the derivation and vanishes on both lines."
        Domain = "s > 4m_χ², masses, couplings, Γ > 0, −1 ≤ c ≤ 1"
        Check = fun () -> Prove.equal physical "¼Σ|M|²" (annihilation ()).SquaredAmplitude.Expression handM2 }
      { Id = "sch.sigma-v-closed-form"
        Title = "σv(χ χ̄ → Z'* → ν ν̄) = g_χ²g_ν² (s + 2m_χ²)/(12π[(s − m_Z'²)² + m_Z'²Γ²]) per flavour (σ = g_χ²g_ν² s(1 + 2m_χ²/s)/(24π β_χ[…]))"
        Equation = "σv_Møl = |k|/(8π s^{3/2}) ∫ dc ¼Σ|M|² (PDG review \"Kinematics\"; Gondolo & Gelmini 1991) with the hand trace"
        Statement = "The σv integrand the program compiles (AnnihilationProcess.SigmaVIntegrand) integrated over c ∈ [−1, 1] equals the closed form, width included."
        Domain = "s > 4m_χ², masses, couplings, Γ > 0"
        Check =
          fun () ->
              let integrand = (annihilation ()).SigmaVIntegrand
              let sigmaV = Normal.simplifyWith physical (Calculus.definiteIntegral cv Ops.minusOne Ops.one integrand)
              Prove.equal physical "σv" sigmaV handSigmaV }
      { Id = "sch.s-wave"
        Title = "The s-wave of χ χ̄ → Z'* → ν ν̄: a = g_χ²g_ν² m_χ²/(2π[(4m_χ² − m_Z'²)² + m_Z'²Γ²]), half the simplified-model N_c g_χ²g_f²(2m_χ² + m_f²)β_f/(2π[…]) at N_c = 1, m_f = 0 (one ν helicity)"
        Equation = "the hand trace of this file's header at s = 4m_χ²; the vector–vector s-channel s-wave of Berlin, Hooper, McDermott, PRD 89 (2014) 115022 (arXiv:1404.0022) has this form as recalled — its text was not retrieved with the search tools"
        Statement = "ProcessDerivation.lowVelocity (a Puiseux series in the CM momentum) of the derived |M|², width as a symbol."
        Domain = "masses, couplings, Γ > 0"
        Check =
          fun () ->
              let a = (annihilation ()).LowVelocityExpansion().SWave.Expression
              let dom = Assumptions.Positive [ "m_chi"; "m_Zp"; "g_chi"; "g_nu"; "Gamma_Zp" ]
              Prove.equal dom "a" a (gChi ** 2 * gNu ** 2 * mChi ** 2 / (2 * pi * ((4 * mChi ** 2 - mZ ** 2) ** 2 + mZ ** 2 * gamma ** 2))) }
      { Id = "sch.s-t-interference"
        Title = "s- and t-channel V together (g_χ χ̄ γ^μ P_L ν V + h.c., g_x χ̄ γ^μ χ V, g_ν ν̄ γ^μ P_L ν V): the interference takes Re of the Breit–Wigner propagator — |M|² → the t-channel alone at g_x = 0, the s-channel closed form at g_χ = 0, the zero-width |M|² of the same graphs as Γ → 0"
        Equation = "2 Re(M_s M_t*) = 2 K_st Re(P_s) P_t with K_st real: in a 2 → 2 trace ε_μνρσ p1^μ p2^ν k1^ρ k2^σ = 0 (momentum conservation leaves three independent momenta), so the long trace of the crossed pairings has no imaginary part; Re P_s = (s − m²)/((s − m²)² + m²Γ²), |P_s|² = 1/((s − m²)² + m²Γ²)"
        Statement = "ProcessDerivation.annihilation writes Σ|M|² as c0 + c1 P_s + c2 P_s² in the s-channel placeholder and replaces P_s by Re P_s and P_s² by |P_s|²; the three limits pin c0 (the t-channel graph alone), c2 (the s-channel closed form of sch.m2-hand-trace with g_χ → g_x) and then c1 (the interference, against FeynmanRules.crossedSquared with zero-width propagators). The ε parts are set to zero in the traces (Dirac.substituteDotsAndEpsilons with the four external momenta)."
        Domain = "s > 4m_χ², s > m_V² (away from the pole for the limit), masses, couplings, Γ > 0"
        Check =
          fun () ->
              let m = mixedModel.Force()
              let p = m.Annihilation ProcessKind.ChiAntichiToNeutrinoAntineutrino
              let ds, reference = zeroWidthMixed ()
              let derived = p.SquaredAmplitude.Expression
              let gX = s "g_x"
              let dom = (Assumptions.Positive [ "m_chi"; "m_Zp"; "g_chi"; "g_x"; "g_nu"; "Gamma_Zp"; "s" ]).AndPositive(sv - 4 * mChi ** 2).AndPositive(sv - mZ ** 2)
              let channels = ds |> List.map (fun d -> d.Channel) |> List.distinct
              if not (List.contains FeynmanRules.S channels && List.contains FeynmanRules.T channels) then
                  Outcome.Fail(sprintf "expected an s- and a t-channel graph, found %A" channels)
              else
                  Prove.all
                      [ Prove.equal dom "g_x = 0: the t-channel V alone" (Structure.substitute gX Ops.zero derived) (Structure.substitute gX Ops.zero reference)
                        Prove.equal dom "g_χ = 0: the s-channel closed form" (Structure.substitute gChi Ops.zero derived) (Structure.substitute gChi gX handM2)
                        // Γ → 0 away from the pole: |M|² is a rational function of Γ², continuous at Γ = 0 for s ≠ m_V² (its
                        // denominator (s − m²)² + m²Γ² is then nonzero), so the limit is the value at Γ = 0 (the core's limit
                        // of the same takes ~30 s on this form; sch.zero-width-limit takes it by Series.limitWith for the
                        // s-channel alone)
                        Prove.equal dom "Γ = 0 (s ≠ m_V²): the zero-width |M|² of the same graphs" (Structure.substitute gamma Ops.zero derived) reference ] }
      { Id = "sch.zero-width-limit"
        Title = "Γ → 0 away from the pole: ¼Σ|M|² → the zero-width g_χ²g_ν² (s/2)[s + 4m_χ² + (s − 4m_χ²)c²]/(s − m_Z'²)²"
        Equation = "the Breit–Wigner propagator 1/(s − M² + iMΓ) → 1/(s − M²) for s ≠ M²"
        Statement = "The limit is taken by the core (Series.limitWith) on the derived |M|², on a domain with s − m_Z'² ≠ 0 (s > m_Z'² here; the same holds below the pole by the same rational limit)."
        Domain = "s > m_Z'², s > 4m_χ², everything positive"
        Check =
          fun () ->
              let m2 = (annihilation ()).SquaredAmplitude.Expression
              let dom = physical.AndPositive(sv - mZ ** 2)
              Prove.limit dom "Γ → 0⁺" gamma Ops.zero Direction.FromAbove m2
                  (gChi ** 2 * gNu ** 2 * (sv / 2) * (sv + 4 * mChi ** 2 + (sv - 4 * mChi ** 2) * cv ** 2) / (sv - mZ ** 2) ** 2) } ]
