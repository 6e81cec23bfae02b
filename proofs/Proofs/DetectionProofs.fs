/// Proof obligations for the detection formulas moved into the kernel in issue 11: the one direct-detection rate
/// (seed 000 eq. (20) with κ; NuDM.Physics.DirectDetectionRate), σ_NC ↔ y_X, Bethe–Birks quenching
/// (NuDM.Physics.Quenching), the volume of eq. (16) (EarthSun), the stability bound and X-ray recast solved for y_X
/// (NuDM.Physics.Stability) and the phase-space-scaled kaon bound (MesonBounds). Printed forms are typed here only to
/// be compared with the kernel's.
module NuDM.Proofs.DetectionProofs

open NuDM.Symbolic
open NuDM.Symbolic.Notation
open NuDM.Physics


/// d ln e / d ln x.
let private elasticity (dom: Assumptions) (x: Expr) (e: Expr) = Normal.simplifyWith dom (x * Calculus.differentiate x e / e)

let obligations : Obligation list =
    [ { Id = "dd.rate-eq20"
        Title = "Γ per target = κ × seed 000 eq. (20)'s term (ρ/m_X) σ_NC c A² F²; → 4 × the printed term for heavy mediator and target"
        Equation = "seed 000 eq. (20), with κ of sec. VII (proof dd.sigma-nc-normalisation)"
        Statement = "The rate per target nucleus used by every detector (XENON1T, DarkSide-50, CRESST-III, PandaX-4T, Borexino with A = F = 1) is κ(m_X, m_N, r) times the term of eq. (20): linear in σ_NC, ρ_X and F², quadratic in A; divided by the printed term it is exactly κ; its heavy-mediator form is the r → ∞ limit of the general one; for r → ∞ and then m_N → ∞ it is four times the printed term (the seed's σ_NC is a quarter of the physical conversion cross section)."
        Domain = "m_X, m_N, r, A, F², ρ_X, σ_NC, c > 0"
        Check =
          fun () ->
              let dom = DirectDetectionRate.Domain
              let rate = DirectDetectionRate.ratePerTarget.Force()
              let heavy = DirectDetectionRate.ratePerTargetHeavyMediator.Force()
              let printed = DirectDetectionRate.printedRatePerTarget
              let heavyLimit = Series.limitWith dom DirectDetectionRate.r PositiveInfinity Direction.Both rate
              Prove.all
                  [ Prove.equal dom "Γ / eq. (20) term = κ" (rate / printed) (DirectDetectionRate.kappa.Force())
                    Prove.equal dom "eq. (20) term" printed (DirectDetectionRate.rho / DirectDetectionRate.mX * DirectDetectionRate.sigmaNC * DirectDetectionRate.c * DirectDetectionRate.A ** 2 * DirectDetectionRate.F2)
                    Prove.equal dom "∂ln Γ/∂ln σ_NC" (elasticity dom DirectDetectionRate.sigmaNC rate) Ops.one
                    Prove.equal dom "∂ln Γ/∂ln ρ_X" (elasticity dom DirectDetectionRate.rho rate) Ops.one
                    Prove.equal dom "∂ln Γ/∂ln A" (elasticity dom DirectDetectionRate.A rate) (Ops.integer 2)
                    Prove.equal dom "∂ln Γ/∂ln F²" (elasticity dom DirectDetectionRate.F2 rate) Ops.one
                    Prove.equal dom "lim_{r→∞} Γ = Γ_∞" heavyLimit heavy
                    Prove.limit dom "Γ_∞ / eq. (20) term, m_N → ∞" DirectDetectionRate.mN PositiveInfinity Direction.Both (heavy / printed) (Ops.integer 4) ] }
      { Id = "dd.coupling-for-sigma"
        Title = "y_X(σ) = 4 m_φ² sqrt(π σ)/(y_p m_X) inverts σ_NC = y_X² y_p² m_X²/(16π m_φ⁴)"
        Equation = "seed 000 sec. VII, solved for y_X"
        Statement = "The positive root in y_X of σ_NC(y_X, y_p, m_X, m_φ) = σ is 4 m_φ² sqrt(π σ)/(y_p m_X); substituted back it gives σ. (Used to draw the σ_NC bounds in the y_X–m_X plane.)"
        Domain = "σ, y_X, y_p, m_X, m_φ > 0"
        Check =
          fun () ->
              let dom = Assumptions.Positive [ "sigma"; "y_X"; "y_p"; "m_X"; "m_phi" ]
              let y = DirectDetectionRate.couplingForSigmaNC.Force()
              let sigma, yp, mX, mPhi = Symbol "sigma", Symbol "y_p", Symbol "m_X", Symbol "m_phi"
              let sigmaNC = Couplings.SigmaNCFormula.Expression
              Prove.all
                  [ Prove.equal dom "y_X(σ)" y (4 * mPhi ** 2 * sqrt (pi * sigma) / (yp * mX))
                    Prove.equal dom "σ_NC(y_X(σ)) = σ" (Structure.substitute (Symbol "y_X") y sigmaNC) sigma ] }
      { Id = "quench.bethe-stable"
        Title = "the compiled Bethe form (β² = T(2M+T)/(M+T)²) equals PDG eq. (34.5) with β² = 1 − 1/γ², γ = 1 + T/M"
        Equation = "PDG 2024 eqs. (34.4)–(34.5)"
        Statement = "With γ = 1 + T/M: 1 − 1/γ² = T(2M + T)/(M + T)² and β²γ² = γ² − 1 = T(2M + T)/M², so the Bethe expression in T that the program compiles — free of the cancellation in 1 − 1/γ² at T ≪ M (a 4-digit loss at 80 keV) — equals eq. (34.5) as printed, W_max of eq. (34.4) included."
        Domain = "T, M, z, ⟨Z/A⟩, I, m_e, K > 0"
        Check =
          fun () ->
              let dom = Quenching.Domain
              let g = Quenching.gammaOfT
              let printed = Quenching.bethePrinted |> Structure.substitute Quenching.beta2 Quenching.beta2OfTPrinted |> Structure.substitute Quenching.gamma g
              Prove.all
                  [ Prove.equal dom "β²" Quenching.beta2OfT Quenching.beta2OfTPrinted
                    Prove.equal dom "β²γ² = γ² − 1" Quenching.betaGamma2OfT (g ** 2 - 1)
                    Prove.equal dom "S(T)" Quenching.betheOfT printed ] }
      { Id = "quench.wmax-heavy"
        Title = "W_max → 2 m_e β²γ² for a heavy projectile (M ≫ γ m_e)"
        Equation = "PDG 2024 eq. (34.4) and the statement below it"
        Statement = "At fixed β²γ² and γ, W_max = 2 m_e β²γ²/(1 + 2γ m_e/M + (m_e/M)²) tends to 2 m_e β²γ² as M → ∞; the Bethe logarithm then becomes ln(2 m_e β²γ²/I)."
        Domain = "β², γ, m_e, M, I > 0"
        Check =
          fun () ->
              let dom = Quenching.Domain
              let bg2 = Quenching.beta2 * Quenching.gamma ** 2
              let w = Quenching.maxEnergyTransfer bg2 Quenching.gamma
              let lnArg = 2 * Quenching.me * bg2 * w / Quenching.I ** 2
              Prove.all
                  [ Prove.limit dom "W_max" Quenching.M PositiveInfinity Direction.Both w (2 * Quenching.me * bg2)
                    Prove.limit dom "ln argument" Quenching.M PositiveInfinity Direction.Both lnArg ((2 * Quenching.me * bg2 / Quenching.I) ** 2) ] }
      { Id = "quench.low-energy-continuation"
        Title = "the Andersen–Ziegler continuation is continuous at the Bethe peak and has d ln S/d ln T = 0.45"
        Equation = "Andersen & Ziegler (1977), ICRU Report 49 (S ∝ T^0.45 below the peak)"
        Statement = "S_low(T) = S_p (T/T_p)^0.45 equals S_p at T = T_p (where the Bethe expression peaks and S_Bethe = S_p), and its logarithmic slope is 9/20 at every T; it vanishes as T → 0⁺."
        Domain = "T, T_p, S_p > 0"
        Check =
          fun () ->
              let dom = Quenching.Domain
              let s = Quenching.lowEnergyContinuation
              Prove.all
                  [ Prove.equal dom "S_low(T_p)" (Structure.substitute Quenching.T Quenching.Tp s) Quenching.Sp
                    Prove.equal dom "d ln S/d ln T" (elasticity dom Quenching.T s) (rat 9 20)
                    Prove.limit dom "S_low(T → 0)" Quenching.T Ops.zero Direction.FromAbove s Ops.zero ] }
      { Id = "quench.bragg"
        Title = "Bragg additivity: ∂ln I/∂ln I_i = w_i/Σw (ln I = Σ w_i ln I_i / Σ w_i); one element, or equal I_i, give that I"
        Equation = "ICRU Report 37 (Bragg additivity of the mean excitation energy)"
        Statement = "For three constituents with electron weights w_i, I_Bragg = exp(Σ w_i ln I_i / Σ w_i) is the electron-weighted geometric mean: ∂ln I/∂ln I_i = w_i/Σw; with all I_i = I the result is I; with w_2 = w_3 → 0 it is I_1; it is homogeneous of degree 0 in the weights (per molecule or per gram give the same I)."
        Domain = "w_i, I_i, λ > 0"
        Check =
          fun () ->
              let w i = Symbol(sprintf "w_%d" i)
              let ii i = Symbol(sprintf "I_%d" i)
              let dom = Assumptions.Positive [ "w_1"; "w_2"; "w_3"; "I_1"; "I_2"; "I_3"; "I"; "lambda" ]
              let b = Quenching.braggMeanExcitation 3
              let i0 = Symbol "I"
              let scaled = Structure.substituteMany [ for k in 1 .. 3 -> w k, Symbol "lambda" * w k ] b
              Prove.all
                  [ Prove.equal dom "∂ln I/∂ln I_1 = w_1/Σw" (elasticity dom (ii 1) b) (w 1 / (w 1 + w 2 + w 3))
                    Prove.equal dom "∂ln I/∂ln I_3 = w_3/Σw" (elasticity dom (ii 3) b) (w 3 / (w 1 + w 2 + w 3))
                    Prove.equal dom "equal I_i" (Structure.substituteMany [ for k in 1 .. 3 -> ii k, i0 ] b) i0
                    Prove.equal dom "one element" (Structure.substituteMany [ w 2, Ops.zero; w 3, Ops.zero ] b) (ii 1)
                    Prove.equal dom "homogeneous in w" scaled b ] }
      { Id = "quench.birks"
        Title = "Birks: no quenching at kB = 0; dE_vis/dE → 1/(kB dE/dx) when kB dE/dx ≫ 1"
        Equation = "Birks, Proc. Phys. Soc. A 64 (1951) 874"
        Statement = "dE_vis/dE = 1/(1 + kB ρ S) is 1 at kB = 0 (electron-equivalent light), decreases with the stopping power (∂/∂S < 0), and kB · dE_vis/dE → 1/(ρ S) as kB → ∞: the light of a heavily ionising particle is (1/kB) ∫ dE/(dE/dx)."
        Domain = "kB, ρ, S > 0"
        Check =
          fun () ->
              let dom = Quenching.Domain
              let f = Quenching.birksIntegrand
              Prove.all
                  [ Prove.equal dom "kB = 0" (Structure.substitute Quenching.kB Ops.zero f) Ops.one
                    Prove.positive dom "−∂/∂S" (-(Calculus.differentiate Quenching.S f))
                    Prove.limit dom "kB · dE_vis/dE" Quenching.kB PositiveInfinity Direction.Both (Quenching.kB * f) (1 / (Quenching.rho * Quenching.S)) ] }
      { Id = "quench.molar-mass"
        Title = "A_r = (m_N + Z m_e)/m_u: a neutral atom's mass in units of m_u"
        Equation = "definition (electron binding neglected, < 1e-8 relative)"
        Statement = "The molar mass (g/mol) of an atom is its mass in atomic mass units: nucleus plus Z electrons, divided by m_u; for ¹H it is (m_p + m_e)/m_u."
        Domain = "m_N, Z, m_e, m_u > 0"
        Check =
          fun () ->
              let dom = Quenching.Domain
              Prove.all
                  [ Prove.equal dom "A_r" Quenching.atomicMolarMass ((Quenching.mN + Quenching.Znum * Quenching.me) / Quenching.mu)
                    Prove.equal dom "∂A_r/∂Z = m_e/m_u" (Calculus.differentiate Quenching.Znum Quenching.atomicMolarMass) (Quenching.me / Quenching.mu) ] }
      { Id = "earthsun.volume"
        Title = "V = 4πR³/3 = ∫₀^R 4πr² dr, and n V = N"
        Equation = "seed 000 eq. (16) (n, V)"
        Statement = "The volume of eq. (16) is the integral of the spherical shell 4πr² from 0 to R; with the mean density n = N/V, σ n v₀ ρ V/m_X is the compiled rate σ v₀ ρ N/m_X."
        Domain = "R, r > 0"
        Check =
          fun () ->
              let dom = EarthSun.Domain
              Prove.all
                  [ Prove.equal dom "V" EarthSun.volume (Calculus.definiteIntegral EarthSun.r Ops.zero EarthSun.R (4 * pi * EarthSun.r ** 2))
                    Prove.equal dom "eq. (16) with n = N/V" (Structure.substitute EarthSun.n (EarthSun.N / EarthSun.V) EarthSun.rateEq16) EarthSun.rate ] }
      { Id = "stab.coupling-bound"
        Title = "y_X,max = (y_X y_q)_max / y_q gives Γ(X → νγ) t_U = 1"
        Equation = "seed 000 eqs. (3)–(4)"
        Statement = "With m_φ = r m_X, substituting y_X = y_X,max(m_X, r, y_q) into Γ(X → νγ) = y_X² y_q² α m_X⁵/(192π⁴ m_φ⁴) gives exactly 1/t_U; y_X,max y_q does not depend on y_q and scales as r² m_X^(−1/2)."
        Domain = "m_X, r, y_q, α, t_U > 0"
        Check =
          fun () ->
              let dom = Stability.Domain
              let y = Stability.couplingBound.Force()
              let width = Decays.width |> Structure.substitute Decays.mPhi (Decays.r * Decays.mX) |> Structure.substitute Decays.yX y
              Prove.all
                  [ Prove.equal dom "Γ(y_X,max) t_U" (width * Decays.tU) Ops.one
                    Prove.equal dom "∂(y_X,max y_q)/∂y_q" (Calculus.differentiate Decays.yQ (y * Decays.yQ)) Ops.zero
                    Prove.equal dom "∂ln/∂ln r" (elasticity dom Decays.r y) (Ops.integer 2)
                    Prove.equal dom "∂ln/∂ln m_X" (elasticity dom Decays.mX y) (Ops.rational (-1) 2) ] }
      { Id = "stab.xray-recast"
        Title = "X-ray recast: y_X,max = sqrt(B) m_φ² G_F / y_q solves sin²2θ_equiv = B"
        Equation = "seed 000 sec. II.A"
        Statement = "sin²2θ_equiv = y_X² y_q²/(m_φ⁴ G_F²) is increasing in y_X; its one positive root at the X-ray bound B is sqrt(B) m_φ² G_F/y_q, and substituting it back gives B."
        Domain = "y_X, y_q, m_φ, G_F, B > 0"
        Check =
          fun () ->
              let dom = Stability.Domain
              let y = Stability.sterileRecast.Force()
              Prove.all
                  [ Prove.equal dom "y_X,max" y (sqrt Stability.xrayBound * Decays.mPhi ** 2 * Decays.gF / Decays.yQ)
                    Prove.equal dom "sin²2θ(y_X,max)" (Structure.substitute Decays.yX y Decays.sterileMixingEquivalent) Stability.xrayBound ] }
      { Id = "kaon.phase-space-bound"
        Title = "the phase-space-scaled kaon bound keeps p_π y_q,max² fixed and equals the flat bound at m_φ = 0"
        Equation = "seed 000 eq. (2) with two-body phase space (optional, model assumption)"
        Statement = "With Γ(K → πφ) ∝ p_π(m_φ) y_q² and the bound set by the same branching ratio, y_q,max(m_φ)² p_π(m_φ) = y_q,max(0)² p_π(0): y_q,max(m_φ) = y_q,max(0)/sqrt(p_π(m_φ)/p_π(0)), which is the flat bound at m_φ = 0."
        Domain = "m_K > m_π + m_φ, all masses > 0, y_q > 0"
        Check =
          fun () ->
              let dom = MesonBounds.Domain
              let b = MesonBounds.phaseSpaceScaledBound
              let p0 = Structure.substitute MesonBounds.mPhi Ops.zero MesonBounds.pionMomentum
              Prove.all
                  [ Prove.equal dom "p_π y²" (b ** 2 * MesonBounds.pionMomentum) (MesonBounds.yq ** 2 * p0)
                    Prove.equal dom "m_φ = 0" (Structure.substitute MesonBounds.mPhi Ops.zero b) MesonBounds.yq ] } ]
