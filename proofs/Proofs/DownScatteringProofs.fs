/// Proof obligations for the X N → ν N ("down-scattering") kinematics of seed 000 sec. VI, eq. (18). The formulas
/// under test are those derived by NuDM.Physics.DownScattering from the four-vectors; the printed seed form
/// m_X²/(2m_N) is typed here only to be compared with them (it is a limit, not what the program uses).
module NuDM.Proofs.DownScatteringProofs

open NuDM.Symbolic
open NuDM.Physics

let private mX, mN, eR, v = DownScattering.MX, DownScattering.MN, DownScattering.ER, DownScattering.V
let private d () = DownScattering.derivation ()
let private domain = DownScattering.Domain
let private domainText = "m_X, m_N, E_R > 0 (real)"

/// seed 000 eq. (18) as printed.
let printedSeedRecoil = mX ** 2 / (2 * mN)
/// The exact recoil energy written out (what the derivation must reproduce).
let exactRecoil = mX ** 2 / (2 * (mX + mN))

let obligations : Obligation list =
    [ { Id = "ds.recoil-exact"
        Title = "E_R = m_X²/(2(m_X + m_N)) from k_ν² = 0, with E_ν = |k_N| = m_X − E_R"
        Equation = "seed 000 eq. (18), exact form"
        Statement = "With p_X = (m_X, 0), p_N = (m_N, 0), k_N = (m_N + E_R, sqrt(E_R(2m_N + E_R)) ẑ) and k_ν = p_X + p_N − k_N: k_ν² = m_X² − 2(m_X + m_N)E_R, whose only zero is E_R = m_X²/(2(m_X + m_N)). There the neutrino energy m_X − E_R equals the recoil momentum (the neutrino is massless and carries the opposite momentum)."
        Domain = domainText
        Check =
          fun () ->
              let r = d ()
              Prove.all
                  [ Prove.equal domain "k_ν²" r.NeutrinoMassShell (mX ** 2 - 2 * (mX + mN) * eR)
                    Prove.equal domain "E_R" r.RecoilEnergy exactRecoil
                    Prove.equal domain "k_ν² at E_R" (Structure.substitute eR r.RecoilEnergy r.NeutrinoMassShell) Ops.zero
                    Prove.equal domain "E_ν = m_X − E_R" r.NeutrinoEnergy (mX - exactRecoil)
                    Prove.equal domain "|k_N| = E_ν" r.RecoilMomentum r.NeutrinoEnergy ] }
      { Id = "ds.seed-limit"
        Title = "E_R → m_X²/(2m_N) for m_X ≪ m_N (seed 000 eq. 18)"
        Equation = "seed 000 eq. (18)"
        Statement = "lim_{m_X→0⁺} E_R / (m_X²/(2m_N)) = 1; the Puiseux series of E_R in m_X begins m_X²/(2m_N) − m_X³/(2m_N²) + m_X⁴/(2m_N³); the printed form overestimates the exact one by the factor 1 + m_X/m_N (so m_X²/(2m_N) − E_R > 0)."
        Domain = domainText
        Check =
          fun () ->
              let r = d ()
              let coeff k = r.LightDarkMatterSeries |> List.tryFind (fun (p, _) -> p = Q.OfInt k) |> Option.map snd |> Option.defaultValue Ops.zero
              Prove.all
                  [ Prove.limit domain "E_R / (m_X²/2m_N)" mX Ops.zero Direction.FromAbove (r.RecoilEnergy / printedSeedRecoil) Ops.one
                    Prove.equal domain "m_X² coefficient" (coeff 2) (1 / (2 * mN))
                    Prove.equal domain "m_X³ coefficient" (coeff 3) (-(1 / (2 * mN ** 2)))
                    Prove.equal domain "m_X⁴ coefficient" (coeff 4) (1 / (2 * mN ** 3))
                    Prove.equal domain "seed/exact = 1 + m_X/m_N" (printedSeedRecoil / r.RecoilEnergy) (1 + mX / mN)
                    Prove.positive domain "m_X²/(2m_N) − E_R" (printedSeedRecoil - r.RecoilEnergy) ] }
      { Id = "ds.q-limit"
        Title = "q = sqrt(2 m_N E_R) = m_X sqrt(m_N/(m_N + m_X)) → m_X for m_X ≪ m_N"
        Equation = "seed 000 eq. (20) (argument of F_j); data/detection/README.md identity q = m_X"
        Statement = "From the four-vectors −q² = −(k_N − p_N)² = 2 m_N E_R; at the exact E_R, q² = m_X² m_N/(m_N + m_X), so q/m_X → 1 as m_X → 0⁺. The identity q = m_X of the data README holds for the printed E_R = m_X²/(2m_N) exactly and for the exact E_R to O(m_X/m_N)."
        Domain = domainText
        Check =
          fun () ->
              let r = d ()
              Prove.all
                  [ Prove.equal domain "−q² from the vectors" r.MinusQSquared (2 * mN * eR)
                    Prove.equal domain "q² at E_R" (r.MomentumTransfer ** 2) (mX ** 2 * mN / (mN + mX))
                    Prove.limit domain "q/m_X" mX Ops.zero Direction.FromAbove (r.MomentumTransfer / mX) Ops.one
                    Prove.equal domain "sqrt(2 m_N · m_X²/(2m_N)) = m_X" (sqrt (2 * mN * printedSeedRecoil)) mX ] }
      { Id = "ds.positive"
        Title = "0 < E_R < m_X, and m_X(E_R) is the one positive inverse"
        Equation = "seed 000 eq. (18)"
        Statement = "E_R > 0 and the neutrino energy m_X − E_R > 0 on the whole domain; solving k_ν² = 0 for m_X gives E_R ± sqrt(E_R² + 2m_N E_R), of which exactly one (the + root) is provably positive and the other negative (their product is −2m_N E_R); the + root composed with E_R(m_X) returns m_X."
        Domain = domainText
        Check =
          fun () ->
              let r = d ()
              Prove.all
                  [ Prove.positive domain "E_R" r.RecoilEnergy
                    Prove.positive domain "m_X − E_R" (mX - r.RecoilEnergy)
                    Prove.positive domain "m_X(E_R)" r.DarkMatterMassForRecoil
                    // the other root is negative: the product of the roots is −2 m_N E_R (Vieta) and the + root is positive
                    Prove.equal domain "product of the roots" (r.DarkMatterMassForRecoil * r.DarkMatterMassOtherRoot) (-(2 * mN * eR))
                    Prove.equal domain "m_X(E_R)" r.DarkMatterMassForRecoil (eR + sqrt (eR ** 2 + 2 * mN * eR))
                    Prove.equal domain "m_X(E_R(m_X)) = m_X" (Structure.substitute eR r.RecoilEnergy r.DarkMatterMassForRecoil) mX ] }
      { Id = "ds.moving"
        Title = "X moving at speed v: E_R ∈ E_R (1 ± v (2m_N + m_X)/(m_N + m_X)) + O(v²)"
        Equation = "seed 000 sec. VI (delta-like recoil), O(v) width"
        Statement = "For X with energy E_X and momentum P_X, k_ν² = m_X² − 2(E_X + m_N)E_R + 2P_X p_N cos θ (mass shells E_X² − P_X² = m_X², p_N² = E_R(2m_N + E_R) used). Squaring at cos θ = ±1 gives a quadratic whose roots E_R^min < E_R^max (ordered on (E_X + m_N)² − P_X² > 0, lemma below) both reduce to E_R at P_X = 0, E_X = m_X. With E_X = m_X/sqrt(1 − v²), P_X = m_X v/sqrt(1 − v²): E_R^max = E_R + c v + O(v²) with c = E_R (2m_N + m_X)/(m_N + m_X), i.e. a relative half-width → 2v for m_X ≪ m_N (±0.5 % at v = 800 km/s). Lemma: (E_X + m_N)² − P_X² = m_X² + 2m_N m_X/sqrt(1 − v²) + m_N² > 0."
        Domain = domainText + ", E_X, P_X > 0, (E_X + m_N)² − P_X² > 0, 0 < v < 1"
        Check =
          fun () ->
              let r = d ()
              let atRest e = Structure.substituteMany [ DownScattering.PX, Ops.zero; DownScattering.EX, mX ] e
              let gamma = 1 / sqrt (1 - v ** 2)
              let denomOfSpeed =
                  Structure.substituteMany [ DownScattering.EX, mX * gamma; DownScattering.PX, mX * v * gamma ] DownScattering.MovingDenominator
              Prove.all
                  [ Prove.equal domain "k_ν² (moving)" r.MovingNeutrinoMassShell
                        (mX ** 2 - 2 * (DownScattering.EX + mN) * eR + 2 * DownScattering.PX * DownScattering.PN * DownScattering.CosTheta)
                    Prove.equal domain "E_R^min at rest" (atRest r.RecoilMinMoving) exactRecoil
                    Prove.equal domain "E_R^max at rest" (atRest r.RecoilMaxMoving) exactRecoil
                    Prove.positive DownScattering.MovingDomain "E_R^max − E_R^min" (r.RecoilMaxMoving - r.RecoilMinMoving)
                    Prove.equal domain "c" r.RecoilSpreadCoefficient (exactRecoil * (2 * mN + mX) / (mN + mX))
                    Prove.limit domain "c / E_R as m_X → 0" mX Ops.zero Direction.FromAbove (r.RecoilSpreadCoefficient / exactRecoil) (Ops.integer 2)
                    Prove.equal DownScattering.SpeedDomain "lemma: (E_X + m_N)² − P_X²" denomOfSpeed (mX ** 2 + 2 * mN * mX * gamma + mN ** 2)
                    // with γ = 1/sqrt(1 − v²) > 0 written as a positive symbol, every term is positive
                    Prove.positive (domain.AndPositive(Symbol "gamma")) "lemma: m_X² + 2m_N m_X γ + m_N² > 0" (mX ** 2 + 2 * mN * mX * Symbol "gamma" + mN ** 2) ] } ]
