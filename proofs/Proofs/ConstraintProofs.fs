/// Proof obligations for the constraints of seed 000: the kaon-bound rescaling (sec. II, eq. 2) and DM → ν conversion
/// in the Earth and the Sun (sec. V, eqs. 16–17). The expressions under test are those of NuDM.Physics.MesonBounds and
/// NuDM.Physics.EarthSun.
module NuDM.Proofs.ConstraintProofs

open NuDM.Symbolic
open NuDM.Symbolic.Notation
open NuDM.Physics


let obligations : Obligation list =
    [ { Id = "kaon.rescaling"
        Title = "BR ∝ y_q² anchored at E787/E949 gives y_q,max = 1.58e-4 sqrt(A/A_E949)"
        Equation = "seed 000 eq. (2), rescaled"
        Statement = "With BR(K⁺ → π⁺φ) = k y_q² and k fixed by k y₀² = A₀ (y₀ = 1.58 × 10⁻⁴ at the E787/E949 allowance A₀), the positive root of k y_q² = A is y₀ sqrt(A/A₀); it reproduces the anchor at A = A₀ and BR(y_q,max) = A. A rescaling of the seed's number, not a computation of the loop-induced rate."
        Domain = "y_q, y₀, A, A₀ > 0"
        Check =
          fun () ->
              let dom = MesonBounds.Domain
              let y = MesonBounds.yqMaxExpr.Force()
              let y0, a, a0 = MesonBounds.y0, MesonBounds.allowance, MesonBounds.anchorAllowance
              Prove.all
                  [ Prove.equal dom "y_q,max" y (y0 * sqrt (a / a0))
                    Prove.equal dom "BR(y_q,max) = A" (a0 / (y0 * y0) * y * y) a
                    Prove.equal dom "anchor" (Structure.substitute a a0 y) y0 ] }
      { Id = "kaon.phase-space"
        Title = "p_π(m_φ)/p_π(0) = 1 at m_φ = 0 and → 0 at the endpoint m_K − m_π"
        Equation = "two-body kinematics of K⁺ → π⁺φ (used for the optional m_φ dependence)"
        Statement = "λ(m_K², m_π², m_φ²) = (m_K² − (m_π + m_φ)²)(m_K² − (m_π − m_φ)²), positive below the endpoint; the momentum ratio is 1 at m_φ = 0 and vanishes as m_φ → (m_K − m_π)⁻ like sqrt of the distance to the endpoint, so the flat bound is the m_φ → 0 value and a phase-space-scaled bound weakens as 1/sqrt(p_π(m_φ)/p_π(0))."
        Domain = "m_K > m_π + m_φ, all masses > 0"
        Check =
          fun () ->
              let dom = MesonBounds.Domain
              let mK, mPi, mPhi = MesonBounds.mK, MesonBounds.mPi, MesonBounds.mPhi
              let lam = MesonBounds.kallen (mK * mK) (mPi * mPi) (mPhi * mPhi)
              let t = Symbol "t"
              let nearEnd = Structure.substitute mPhi (mK - mPi - t) MesonBounds.phaseSpaceRatio
              Prove.all
                  [ Prove.equal dom "Källén factorisation" lam ((mK ** 2 - (mPi + mPhi) ** 2) * (mK ** 2 - (mPi - mPhi) ** 2))
                    Prove.equal dom "ratio at m_φ = 0" (Structure.substitute mPhi Ops.zero MesonBounds.phaseSpaceRatio) Ops.one
                    Prove.limit ((Assumptions.Positive [ "m_K"; "m_pi"; "t" ]).AndPositive(mK - mPi)) "ratio at the endpoint (m_φ = m_K − m_π − t)"
                        t Ops.zero Direction.FromAbove nearEnd Ops.zero ] }
      { Id = "earthsun.rate"
        Title = "eq. (16) with n = N/V: dN_ν/dt = σ v₀ (ρ/m_X) N, independent of the volume"
        Equation = "seed 000 eq. (16)"
        Statement = "Substituting the mean nucleon density n = N/V into σ n v₀ ρ V/m_X gives σ v₀ ρ N/m_X: the rate depends on the body only through its nucleon number N = M/m_u (∂/∂V = 0), so the radius enters only through the 1/r² of eq. (17)."
        Domain = "all symbols > 0"
        Check =
          fun () ->
              let dom = EarthSun.Domain
              let r = EarthSun.rate
              Prove.all
                  [ Prove.equal dom "rate" r (EarthSun.sigma * EarthSun.v0 * EarthSun.rho * EarthSun.N / EarthSun.mX)
                    Prove.equal dom "∂rate/∂V" (Calculus.differentiate EarthSun.V r) Ops.zero ] }
      { Id = "earthsun.scaling"
        Title = "F_ν ∝ σ ρ / m_X and ∝ 1/r²"
        Equation = "seed 000 eqs. (16), (17)"
        Statement = "The flux of eqs. (16)–(17) has logarithmic derivatives ∂ln F/∂ln σ = 1, ∂ln F/∂ln ρ = 1, ∂ln F/∂ln m_X = −1, ∂ln F/∂ln v₀ = 1, ∂ln F/∂ln N = 1 and ∂ln F/∂ln r = −2: the σ limit from a flux limit scales as m_X/ρ."
        Domain = "all symbols > 0"
        Check =
          fun () ->
              let dom = EarthSun.Domain
              let f = EarthSun.fluxPoint
              let elasticity (x: Expr) = Normal.simplifyWith dom (x * Calculus.differentiate x f / f)
              Prove.all
                  [ Prove.equal dom "σ" (elasticity EarthSun.sigma) Ops.one
                    Prove.equal dom "ρ" (elasticity EarthSun.rho) Ops.one
                    Prove.equal dom "m_X" (elasticity EarthSun.mX) Ops.minusOne
                    Prove.equal dom "v₀" (elasticity EarthSun.v0) Ops.one
                    Prove.equal dom "N" (elasticity EarthSun.N) Ops.one
                    Prove.equal dom "r" (elasticity EarthSun.r) (Ops.integer -2) ] }
      { Id = "earthsun.surface-average"
        Title = "a detector on the surface of a uniform ball sees ⟨1/r²⟩ = 3/(2R²): 3/2 × the r = R estimate"
        Equation = "seed 000 eq. (17) for the Earth (derived here)"
        Statement = "From a point on the sphere, the ray at angle θ to the inward normal (u = cos θ > 0) leaves the ball after the chord s = 2Ru, the non-zero root of s² − 2Rus = 0 (|x_d + s n̂|² = R² with x_d·n̂ = −Ru). Then ∫ d³x/|x − x_d|² = ∫dΩ ∫₀^{2Ru} ds = 2π ∫₀¹ 2Ru du = 2πR and ⟨1/r²⟩ = 2πR/V = 3/(2R²). The flux (dN/dt)⟨1/r²⟩/4π = 3(dN/dt)/(8πR²) is 3/2 of eq. (17) with r = R."
        Domain = "R, u > 0"
        Check =
          fun () ->
              let dom = EarthSun.Domain
              let R, u = EarthSun.R, EarthSun.u
              let chord = EarthSun.chordLength.Force()
              let avg = EarthSun.surfaceAverageInverseSquare.Force()
              let onSphere = (R * u * (-1) + chord) ** 2 + R ** 2 * (1 - u * u) // |x_d + s n̂|² with x_d·n̂ = −Ru, |x_d| = R
              let fAvg = Structure.substitute EarthSun.inverseSquare avg EarthSun.fluxAveraged
              let fPoint = Structure.substitute EarthSun.r R EarthSun.fluxPoint
              Prove.all
                  [ Prove.equal dom "chord" chord (2 * R * u)
                    Prove.equal dom "end of the chord on the sphere" onSphere (R ** 2)
                    Prove.equal dom "⟨1/r²⟩" avg (rat 3 2 / (R * R))
                    Prove.equal dom "F(volume average)/F(r = R)" (fAvg / fPoint) (rat 3 2) ] }
      { Id = "earthsun.sigma-limit"
        Title = "σ_max = 4π F_lim m_X/(v₀ ρ N ⟨1/r²⟩)"
        Equation = "seed 000 eqs. (16), (17), inverted (sec. V, Super-K comparison)"
        Statement = "Solving F_ν(σ) = F_lim (linear in σ) gives σ_max = 4π F_lim m_X/(v₀ ρ N w), w = ⟨1/r²⟩; F_ν(σ_max) = F_lim."
        Domain = "all symbols > 0"
        Check =
          fun () ->
              let dom = EarthSun.Domain
              let sMax = EarthSun.sigmaLimit.Force()
              Prove.all
                  [ Prove.equal dom "σ_max" sMax (4 * pi * EarthSun.fluxLimit * EarthSun.mX / (EarthSun.v0 * EarthSun.rho * EarthSun.N * EarthSun.inverseSquare))
                    Prove.equal dom "F(σ_max)" (Structure.substitute EarthSun.sigma sMax EarthSun.fluxAveraged) EarthSun.fluxLimit ] }
      { Id = "earthsun.earth-over-sun"
        Title = "F_Earth/F_Sun = (3/2)(N⊕/N⊙)(d/R⊕)²"
        Equation = "seed 000 sec. V (\"the flux from collisions in the earth is several orders of magnitude larger\")"
        Statement = "For the same σ, ρ, v₀ and m_X the ratio of the surface-averaged Earth flux to the Sun's at distance d is (3/2)(N⊕/N⊙)(d/R⊕)², independent of σ, ρ, v₀ and m_X; numerically 2.48 × 10³ (tests), i.e. the Earth dominates by 3.4 orders of magnitude."
        Domain = "all symbols > 0"
        Check =
          fun () ->
              let dom = EarthSun.Domain
              let nE, nS, rE, d = Symbol "N_E", Symbol "N_S", Symbol "R_E", Symbol "d"
              let earth = EarthSun.fluxAveraged |> Structure.substitute EarthSun.N nE |> Structure.substitute EarthSun.inverseSquare (rat 3 2 / (rE * rE))
              let sun = EarthSun.fluxPoint |> Structure.substitute EarthSun.N nS |> Structure.substitute EarthSun.r d
              Prove.equal dom "F_E/F_S" (earth / sun) (rat 3 2 * nE / nS * (d / rE) ** 2) } ]
