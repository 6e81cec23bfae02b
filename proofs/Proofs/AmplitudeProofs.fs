/// Proof obligations for the squared amplitudes derived with Dirac traces (seed 001 eqs. 2.14–2.21, seed 000
/// eqs. 5–6, the decay S → χν and the annihilation channels of seed 001 eq. 4.2 / seed 000 sec. VII).
module NuDM.Proofs.AmplitudeProofs

open NuDM.Symbolic
open NuDM.Symbolic.Notation
open NuDM.Physics

let private E, M, T, m = Kinematics.Enu, Kinematics.M, Kinematics.T, Kinematics.Mchi
let private mS, yChi, yN = Amplitudes.mS, Amplitudes.yChi, Amplitudes.yN
let private ybar, A, F2 = Symbol "ybar", Symbol "A", Symbol "F2"
let private dom = Kinematics.Domain.AndPositive(Symbol "m_S")
let private domText = "E_ν, M, m_χ, T, m_S > 0 (and couplings real)"

/// K of seed 001 eq. (2.18).
let printedK = (1 + T / (2 * M)) * (M * T / E ** 2 + m ** 2 / (2 * E ** 2))
/// |M|² of seed 001 eq. (2.16) with y⁴ = y_χ² y_N² (2.17).
let printedM2 = 8 * E ** 2 * M ** 2 * yChi ** 2 * yN ** 2 * printedK / (2 * M * T + mS ** 2) ** 2
/// dσ/dT of eq. (2.21) with ȳ⁴A² (see obligation xs.nuchi), times F².
let derivedPrintedDsdT = M * ybar ** 4 * A ** 2 * printedK * F2 / (4 * pi * (2 * M * T + mS ** 2) ** 2)

let obligations : Obligation list =
    [ { Id = "amp.nuN"
        Title = "|M|² of νN → χN from Dirac traces equals eq. (2.16), for ν and ν̄ alike"
        Equation = "seed 001 eqs. (2.14)–(2.18)"
        Statement = "Spin sums: Σ|ū(k1)P_L u(p1)|² = 2k1·p1, Σ|ū(k2)u(p2)|² = 4(k2·p2 + M²), averaged 1/2 over the nucleus spin; the neutrino's single helicity is selected by P_L (P_R for ν̄ with v̄(p1)P_R v(k1)), so it is not averaged. With the invariants from the four-vectors, |M|² = 8E_ν²M²y⁴K/(2MT + m_S²)², y⁴ = y_χ²y_N², K = (1 + T/2M)(MT/E_ν² + m_χ²/2E_ν²); the antineutrino result is identical, as the paper states."
        Domain = domText
        Check =
          fun () ->
              Prove.all
                  [ Prove.equal dom "|M|²(ν N → χ N)" Amplitudes.nuNToChiN.Value.Value printedM2
                    Prove.equal dom "|M|²(ν̄ N → χ̄ N) = |M|²(ν N → χ N)" Amplitudes.antiNuNToAntiChiN.Value.Value Amplitudes.nuNToChiN.Value.Value ] }
      { Id = "xs.nuchi"
        Title = "dσ/dT = |M|²/(32πME_ν²) = M ȳ⁴ A² K/(4π(2MT + m_S²)²)"
        Equation = "seed 001 eqs. (2.19), (2.21); seed 000 eqs. (5), (6)"
        Statement = "With ȳ = sqrt(y_χ y_N/A) (2.19), y_χ²y_N² = ȳ⁴A², so dσ/dT = M ȳ⁴ A² K/(4π(2MT + m_S²)²): A² multiplies (coherent enhancement). The extracted text of eq. (2.21) reads as if A² divided; the derivation fixes it in the numerator. Seed 000 eq. (5) prints the propagator as (2m_N E_R + m_S)²; the derivation gives (2m_N E_R + m_S²)² (q² = −2m_N E_R, and only m_S² is dimensionally consistent): its eq. (5) with m_S² is identical to the derived cross section, with m_S it is not."
        Domain = domText
        Check =
          fun () ->
              let derived = Amplitudes.nuChiDifferential.Value
              let seed000 (prop: Expr) = M * yChi ** 2 * yN ** 2 * printedK / (4 * pi * (2 * M * T + prop) ** 2)
              let inYbar e = Structure.substitute yN (ybar ** 2 * A / yChi) e
              Prove.all
                  [ Prove.equal dom "dσ/dT (from |M|²)" derived derivedPrintedDsdT
                    Prove.equal dom "seed 000 eq. (5) with m_S²" (F2 * inYbar (seed000 (mS ** 2))) derived
                    Prove.different dom "seed 000 eq. (5) as printed, with (2m_N E_R + m_S)², is not the derived cross section"
                        (F2 * inYbar (seed000 mS)) derived ] }
      { Id = "xs.nuchi-limits"
        Title = "m_χ → 0, heavy- and light-mediator limits of dσ/dT; dσ/dT > 0"
        Equation = "seed 001 eq. (2.21) and the text after it; Fig. 4 discussion"
        Statement = "m_χ → 0: dσ/dT → y_χ²y_N² M²T(1 + T/2M)/(4πE_ν²(2MT + m_S²)²), the scalar-mediated CEvNS cross section (to leading order in T/M the form g²Q²M²T/(4πE²(2MT + m_S²)²) of the literature). m_S → ∞: m_S⁴ dσ/dT → M ȳ⁴A²K/(4π), i.e. dσ/dT ∝ (ȳ/m_S)⁴, so limits on ȳ grow ∝ m_S at large m_S. m_S → 0: dσ/dT → ȳ⁴A²K/(16π M T²). dσ/dT is positive wherever T > 0."
        Domain = domText
        Check =
          fun () ->
              let d = Amplitudes.nuChiDifferential.Value
              let inYbar e = Structure.substitute yN (ybar ** 2 * A / yChi) e
              let massless = F2 * inYbar (yChi ** 2 * yN ** 2 * M ** 2 * T * (1 + T / (2 * M)) / (4 * pi * E ** 2 * (2 * M * T + mS ** 2) ** 2))
              Prove.all
                  [ Prove.limit dom "m_χ → 0" m Ops.zero Direction.FromAbove d massless
                    Prove.limit dom "m_S⁴ dσ/dT, m_S → ∞" mS PositiveInfinity Direction.Both (mS ** 4 * d)
                        (M * ybar ** 4 * A ** 2 * printedK * F2 / (4 * pi))
                    Prove.limit dom "m_S → 0" mS Ops.zero Direction.FromAbove d
                        (ybar ** 4 * A ** 2 * printedK * F2 / (16 * pi * M * T ** 2))
                    Prove.positive (dom.AndPositive(Symbol "ybar").AndPositive(Symbol "A").AndPositive(Symbol "F2")) "dσ/dT" d ] }
      { Id = "decay.s-width"
        Title = "Γ_S = y_χ²(m_S² − m_χ²)²/(8π m_S³) → y_χ² m_S/(8π) as m_χ → 0"
        Equation = "seed 001 below eq. (4.2)"
        Statement = "|M(S → χν̄)|² = y_χ² Tr[(k̸1 + m_χ)P_L k̸2] = y_χ²(m_S² − m_χ²); Γ = |M|²|k|/(8πm_S²) with |k| = (m_S² − m_χ²)/(2m_S). The seed's Γ_S = y_χ² m_S/(8π) is the m_χ → 0 limit of the sum of S → χν̄ and S → χ̄ν (each gives half); the (1 − m_χ²/m_S²)² phase-space factor is kept."
        Domain = "m_S > m_χ ≥ 0"
        Check =
          fun () ->
              let g = Amplitudes.sWidth.Value
              let dom = Assumptions.Positive [ "m_S"; "m_chi"; "y_chi" ]
              Prove.all
                  [ Prove.equal dom "|M(S → χν̄)|²" Amplitudes.sDecay.Value.Value (yChi ** 2 * (mS ** 2 - m ** 2))
                    Prove.equal dom "Γ_S" g (yChi ** 2 * (mS ** 2 - m ** 2) ** 2 / (8 * pi * mS ** 3))
                    Prove.limit dom "m_χ → 0" m Ops.zero Direction.FromAbove g (yChi ** 2 * mS / (8 * pi)) ] }
      { Id = "ann.chichi-nunu"
        Title = "χχ̄ → νν̄: σv → y_χ⁴ m_χ²/(32π(m_χ² + m_S²)²) as v → 0"
        Equation = "seed 000 sec. VII ((σv) = y_X⁴/(16π m_φ⁴)); seed 001 eq. (4.2)"
        Statement = "From the t-channel amplitude, |M|² averaged over the χ and χ̄ spins; at v = 0 it is independent of the angle and σv = y_χ⁴m_χ²/(32π(m_χ² + m_S²)²), which for m_S ≫ m_χ is y_χ⁴m_χ²/(32π m_S⁴). The seed 000 form y_X⁴/(16π m_φ⁴) lacks the m_X² that dimension requires (σv has mass dimension −2) and is twice the Dirac-χ result; the derived value is used. The p-wave coefficient is derived too (in `nudm relic`)."
        Domain = "m_χ, m_S > 0"
        Check =
          fun () ->
              let ch = Amplitudes.chiChiToNuNu.Value
              let dom = Assumptions.Positive [ "m_S"; "m_chi"; "y_chi" ]
              let seedForm = yChi ** 4 / (16 * pi * mS ** 4)
              let expected = yChi ** 4 * m ** 2 / (32 * pi * (m ** 2 + mS ** 2) ** 2)
              Prove.all
                  [ Prove.equal dom "s-wave a" ch.SWave expected
                    Prove.limit dom "m_S⁴ a, m_S → ∞" mS PositiveInfinity Direction.Both (mS ** 4 * ch.SWave)
                        (yChi ** 4 * m ** 2 / (32 * pi))
                    Prove.different dom "the printed y_X⁴/(16π m_φ⁴) is not the derived s-wave value (dimension and factor 2)" ch.SWave seedForm ] }
      { Id = "ann.partial-waves"
        Title = "χχ̄ → SS is p-wave, SS → νν̄ is d-wave"
        Equation = "seed 001 eq. (4.2) channels"
        Statement = "For χχ̄ → SS (t- and u-channel ν exchange, open at rest only for m_χ > m_S) the s-wave coefficient vanishes; for SS → νν̄ (t- and u-channel χ exchange) both the s- and p-wave coefficients vanish: the chiral couplings fix the ν and ν̄ helicities (J = 1 along the axis) and Bose symmetry of the identical scalars forbids L = 1, so σv ∝ v⁴."
        Domain = "m_χ, m_S > 0"
        Check =
          fun () ->
              let ss = Amplitudes.chiChiToSS.Value
              let nn = Amplitudes.sSToNuNu.Value
              Prove.all
                  [ Prove.identical "χχ̄ → SS s-wave" ss.SWave Ops.zero
                    Prove.identical "SS → νν̄ s-wave" nn.SWave Ops.zero
                    Prove.identical "SS → νν̄ p-wave" nn.PWave Ops.zero ] }
      { Id = "amp.x-nu"
        Title = "X ν → X ν and X ν̄ → X ν̄ squared amplitudes"
        Equation = "seed 000 Fig. 1(c), sec. IV"
        Statement = "X ν → X ν proceeds through S exchange in the u-invariant: |M|² = y⁴(m_X² − u)²/(2(u − m_S²)²); X ν̄ → X ν̄ through the s-channel S: |M|² = y⁴(s − m_X²)²/(2(s − m_S²)²), with the resonance at s = m_S² that seed 000 notes is negligible for m_X ≳ 0.5 keV. Averaged over the X spin; u = 2m_X² − s − t."
        Domain = "m_X, m_S > 0"
        Check =
          fun () ->
              let nu, nubar = Amplitudes.chiNuScattering.Value
              let sv, tv = Symbol "s", Symbol "t"
              let u = 2 * m ** 2 - sv - tv
              let y4 = yChi ** 4
              let dom = Assumptions.Positive [ "m_S"; "m_chi"; "y_chi" ]
              Prove.all
                  [ Prove.equal dom "X ν" nu.Value (y4 * (m ** 2 - u) ** 2 / (2 * (u - mS ** 2) ** 2))
                    Prove.equal dom "X ν̄" nubar.Value (y4 * (sv - m ** 2) ** 2 / (2 * (sv - mS ** 2) ** 2)) ] } ]

/// The normalisation of σ_NC (seed 000 sec. VII) against the X N → ν N amplitude.
let conversionObligations : Obligation list =
    [ { Id = "dd.sigma-nc-normalisation"
        Title = "σv(XN → νN) at rest = κ A² σ_NC with κ → 4 for m_φ ≫ m_X ≪ m_N"
        Equation = "seed 000 sec. VII (σ_NC ≡ y_X² y_p² m_X²/(16π m_φ⁴)) and eq. (20)"
        Statement = "From M = y_X y_N [ū(k1)P_R u(p1)][ū(k2)u(p2)]/(q² − m_φ²) with X and N at rest, averaged over both spins: σv = y_X²y_N² · 2(k1·p1) · 4(k2·p2 + m_N²) · E_ν/(4 · 16π √s m_X m_N (q² − m_φ²)²). Per target the rate is A² σ_NC times κ(m_X, m_N, r); in the limit r → ∞ and then m_N → ∞ κ → 4: the seed's σ_NC is a quarter of the physical conversion cross section of a Dirac X with a chiral coupling (finding). The program keeps the seed's σ_NC as the plotted quantity and applies κ in every direct-detection rate, including its propagator factor (r²/(r² + 1))² at m_N → ∞ (−19 % at r = 3)."
        Domain = "m_X, m_N, r > 0"
        Check =
          fun () ->
              let k = Amplitudes.conversionFactor.Value
              let dom = Assumptions.Positive [ "m_X"; "m_N"; "r" ]
              let r = Symbol "r"
              let heavy = Series.limitWith dom r PositiveInfinity Direction.Both k
              Prove.all
                  [ Prove.limit dom "κ, r → ∞ then m_N → ∞" (Symbol "m_N") PositiveInfinity Direction.Both heavy (Ops.integer 4)
                    Prove.limit dom "κ, m_N → ∞ at fixed r" (Symbol "m_N") PositiveInfinity Direction.Both k
                        (4 * (r ** 2 / (r ** 2 + 1)) ** 2) ] } ]
