/// Proof obligations for the νN → χN kinematics of seed 001 section 2.1 (eqs. 2.3–2.13). The formulas under test
/// are those derived by NuDM.Physics.Kinematics from the four-vectors; the "printed" forms below are typed from
/// the paper only to be compared with them.
module NuDM.Proofs.KinematicsProofs

open NuDM.Symbolic
open NuDM.Physics

let private E, M, m, T = Kinematics.Enu, Kinematics.M, Kinematics.Mchi, Kinematics.T
let private d () = Kinematics.derivation ()
let private domain = Kinematics.Domain
let private domainText = "E_ν, M, m_χ, T > 0 (real)"

/// seed 001 eq. (2.5) as printed.
let printedCosTheta = (E * T + M * T + m ** 2 / 2) / (E * sqrt ((M + T) ** 2 - M ** 2))
/// seed 001 eq. (2.9) as printed (sign −1: T_min, +1: T_max).
let printedTMinMax (sign: int) =
    let root = sqrt (4 * M ** 2 * E ** 2 - 4 * M * m ** 2 * (E + M) + m ** 4)
    (2 * M * E ** 2 - m ** 2 * (E + M) + sign * E * root) / (2 * M * (2 * E + M))
/// seed 001 eq. (2.6) as printed.
let printedTThetaMax = M * m ** 2 / (2 * M * E - m ** 2 + 2 * M ** 2)
let printedCosThetaMax = m * sqrt (4 * M * (E + M) - m ** 2) / (2 * M * E)
/// seed 001 eq. (2.11) as printed.
let printedEnuMin = m + m ** 2 / (2 * M)

/// 2M(E_ν + M) − m_χ², positive above threshold (lemma kin.domain).
let aboveThreshold = 2 * M * (E + M) - m ** 2

let obligations : Obligation list =
    [ { Id = "kin.q2"
        Title = "q² = −2MT and p₁·q = −MT − m_χ²/2 from the four-vectors"
        Equation = "seed 001 eqs. (2.2)–(2.4)"
        Statement = "With p₁ = (E,E,0,0), p₂ = (M,0,0,0), k₂ = (M+T, p cos θ, p sin θ, 0), q = k₂ − p₂ (p = sqrt((M+T)² − M²), used in the factored form sqrt(T(2M+T)) that avoids cancellation): q·q = −2MT; p₁·q = E T − E p cos θ (2.4); k₁ = p₁ − q on shell (k₁² = m_χ²) gives p₁·q = −MT − m_χ²/2 (2.3); and k₁² computed from the vectors with cos θ(T) of (2.5) is m_χ² (consistency of the two routes)."
        Domain = domainText
        Check =
          fun () ->
              let r = d ()
              Prove.all
                  [ Prove.equal domain "p (factored, compiled) = sqrt((M+T)² − M²)" Kinematics.RecoilMomentumStable Kinematics.RecoilMomentum
                    Prove.equal domain "q²" r.QSquared (-2 * M * T)
                    Prove.equal domain "p₁·q (on shell)" r.P1DotQOnShell (-(M * T) - m ** 2 / 2)
                    Prove.equal domain "p₁·q (vectors, eq. 2.4)" r.P1DotQFromVectors (E * T - E * Kinematics.RecoilMomentum * Kinematics.CosTheta)
                    Prove.equal domain "k₁² = m_χ²" r.K1SquaredFromVectors (m ** 2) ] }
      { Id = "kin.cos-theta"
        Title = "cos θ(T) equals the printed eq. (2.5)"
        Equation = "seed 001 eq. (2.5)"
        Statement = "Equating the two forms of p₁·q and solving for cos θ gives (E_ν T + M T + m_χ²/2) / (E_ν sqrt((M+T)² − M²))."
        Domain = domainText
        Check = fun () -> Prove.equal domain "cos θ" (d ()).CosTheta printedCosTheta }
      { Id = "kin.theta-max"
        Title = "d cos θ/dT = 0 at T_θmax, with cos θ_max of eq. (2.6)"
        Equation = "seed 001 eq. (2.6)"
        Statement = "The only zero of d cos θ/dT is T_θmax = M m_χ²/(2ME_ν − m_χ² + 2M²); there cos θ = m_χ sqrt(4M(E_ν+M) − m_χ²)/(2ME_ν). Taking the root of (2ME_ν + 2M² − m_χ²)² needs that factor positive, which lemma kin.domain proves above threshold."
        Domain = domainText + ", 2M(E_ν+M) > m_χ² (kin.domain)"
        Check =
          fun () ->
              let r = d ()
              let dom = domain.AndPositive aboveThreshold
              Prove.all
                  [ Prove.equal domain "T_θmax" r.TThetaMax printedTThetaMax
                    Prove.equal domain "d cos θ/dT at T_θmax" (Structure.substitute T r.TThetaMax r.DCosThetaDT) Ops.zero
                    Prove.equal dom "cos θ(T_θmax)" (Structure.substitute T r.TThetaMax r.CosTheta) printedCosThetaMax
                    Prove.equal dom "cos θ_max (derived)" r.CosThetaMax printedCosThetaMax ] }
      { Id = "kin.tmin-tmax"
        Title = "T_min, T_max from cos θ = 1 equal the printed eq. (2.9)"
        Equation = "seed 001 eqs. (2.7)–(2.9)"
        Statement = "Squaring cos θ(T) = 1 gives a quadratic in T whose two roots are T_min/max = [2ME_ν² − m_χ²(E_ν+M) ∓ E_ν sqrt(4M²E_ν² − 4Mm_χ²(E_ν+M) + m_χ⁴)] / (2M(2E_ν+M)); T_max − T_min > 0. The compiled T_min is the Vieta form (T_min T_max)/T_max, equal to the − root but free of cancellation."
        Domain = domainText
        Check =
          fun () ->
              let r = d ()
              Prove.all
                  [ Prove.equal domain "T_min" r.TMin (printedTMinMax -1)
                    Prove.equal domain "T_min (Vieta form, compiled)" r.TMinStable (printedTMinMax -1)
                    Prove.equal domain "T_max" r.TMax (printedTMinMax 1)
                    Prove.positive domain "T_max − T_min" (r.TMax - r.TMin) ] }
      { Id = "kin.massless-limit"
        Title = "lim m_χ→0 (T_min, T_max) = (0, 2E_ν²/(M+2E_ν))"
        Equation = "seed 001 eq. (2.10)"
        Statement = "The massless limit reproduces standard CEvNS kinematics."
        Domain = domainText
        Check =
          fun () ->
              let r = d ()
              Prove.all
                  [ Prove.limit domain "T_min" m Ops.zero Direction.FromAbove r.TMin Ops.zero
                    Prove.limit domain "T_max" m Ops.zero Direction.FromAbove r.TMax (2 * E ** 2 / (M + 2 * E))
                    Prove.equal domain "T_max^SM (derived)" r.TMaxSM (2 * E ** 2 / (M + 2 * E)) ] }
      { Id = "kin.threshold"
        Title = "E_ν^min = m_χ + m_χ²/2M, where T_min = T_max = m_χ²/(2(M+m_χ))"
        Equation = "seed 001 eqs. (2.11), (2.12)"
        Statement = "T_min = T_max where the radicand D vanishes; of the two roots of D = 0 in E_ν, m_χ ± m_χ²/… , exactly one is provably positive: E_ν^min = m_χ + m_χ²/(2M). There lim_{E_ν→E_ν^min⁺} T_min = lim T_max = m_χ²/(2(M+m_χ))."
        Domain = domainText
        Check =
          fun () ->
              let r = d ()
              let expected = m ** 2 / (2 * (M + m))
              Prove.all
                  [ Prove.equal domain "E_ν^min" r.EnuMin printedEnuMin
                    Prove.equal domain "D(E_ν^min)" (Structure.substitute E r.EnuMin r.Discriminant) Ops.zero
                    Prove.limit domain "T_min" E r.EnuMin Direction.FromAbove r.TMin expected
                    Prove.limit domain "T_max" E r.EnuMin Direction.FromAbove r.TMax expected ] }
      { Id = "kin.forward-recoil"
        Title = "cos θ → 1 at T_min for m_χ ≠ 0, cos θ → 0 as T → 0 for m_χ = 0"
        Equation = "seed 001 eq. (2.13)"
        Statement = "cos θ(T_min)² ≡ 1 and its numerator E_νT + MT + m_χ²/2 is positive (T_min > 0), so cos θ(T_min) = +1 (also at T_max); with m_χ = 0, cos θ = (E_ν+M)T/(E_ν sqrt(T² + 2MT)) ~ sqrt(T) → 0 as T → 0⁺."
        Domain = domainText
        Check =
          fun () ->
              let r = d ()
              let numerator = E * T + M * T + m ** 2 / 2
              Prove.all
                  [ Prove.equal domain "cos²θ(T_min)" ((Structure.substitute T r.TMin r.CosTheta) ** 2) Ops.one
                    Prove.equal domain "cos²θ(T_max)" ((Structure.substitute T r.TMax r.CosTheta) ** 2) Ops.one
                    Prove.positive domain "numerator of cos θ" numerator
                    Prove.positive domain "T_min·T_max (both roots positive)" (r.TMin * r.TMax)
                    Prove.limit domain "cos θ at m_χ = 0" T Ops.zero Direction.FromAbove (Structure.substitute m Ops.zero r.CosTheta) Ops.zero ] }
      { Id = "kin.domain"
        Title = "2M(E_ν + M) > m_χ² for every E_ν ≥ E_ν^min"
        Equation = "domain of seed 001 eq. (2.6)"
        Statement = "Writing E_ν = E_ν^min + δ with δ ≥ 0, 2M(E_ν+M) − m_χ² = 2Mm_χ + 2M² + 2Mδ > 0: the factor whose root eq. (2.6) takes is positive wherever χ can be produced."
        Domain = domainText + ", δ ≥ 0"
        Check =
          fun () ->
              let delta = Symbol "delta"
              let r = d ()
              Prove.positive (Assumptions.Positive [ "M"; "m_chi"; "delta" ]) "2M(E_ν^min + δ + M) − m_χ²" (Structure.substitute E (r.EnuMin + delta) aboveThreshold) } ]
