/// Proof obligations for NuDM.Physics.RelicFormulas: the rate-equation coefficients the solvers tabulate, the change
/// to and from the states of the χ/S system, the analytic freeze-out tail, the coupling scaling, seed 001's Γ_S, and
/// the evaluation forms.
module NuDM.Proofs.RelicProofs

open NuDM.Symbolic
open NuDM.Symbolic.Notation
open NuDM.Physics
open NuDM.Proofs.FormulaChecks

let private all = Assumptions.AllPositive
let private delta, s, H, lnSv = RelicFormulas.delta, RelicFormulas.entropy, RelicFormulas.hubble, RelicFormulas.lnSigmaV

let obligations : Obligation list =
    [ { Id = "relic.evaluation-forms"
        Title = "the compiled coefficients la, l1, l3, ld, lk, the state changes, the tail, the coupling scaling and Γ_S equal the printed formulas"
        Equation = "seed 000 eq. (21); seed 001 eq. (4.2)"
        Statement = "Each formula of RelicFormulas is compiled from an evaluation form in the order of operations of the solver that used it; ln((1 + δ/3)s⟨σv⟩/H) has two, ((ln(1 + δ/3) + ln s) + ln⟨σv⟩) − ln H for the freeze-out solver and (ln⟨σv⟩ + ln P) + ln s for the χ/S solver, because each stiff solve keeps its own last bits. Brought back to canonical form each equals the printed formula."
        Domain = "all parameters > 0"
        Check = fun () -> evaluationForms all RelicFormulas.all }
      { Id = "relic.coefficients"
        Title = "e^la = (1 + δ/3)s⟨σv⟩/H, e^ld = (1 + δ/3)Γ K₁(x_S)/(K₂(x_S) H), e^lk = e^la Y_eq²"
        Equation = "seed 000 eq. (21), seed 001 eq. (4.2)"
        Statement = "In u = ln x, with d ln x/dt = H/(1 + δ/3), a rate Γ acting on Y contributes (1 + δ/3)Γ/H to dY/du; the coefficients the rate equations take are the logarithms of these dimensionless numbers (annihilation: Γ = s⟨σv⟩ per unit yield; decays with the time dilation K₁/K₂ = K₁ᵉ/K₂ᵉ; the χχ̄ ↔ SS term by detailed balance with Y_eq² of the direction given)."
        Domain = "δ > −3, s, H, Γ, x_S > 0"
        Check =
          fun () ->
              let P = (1 + delta / 3) / H
              let sv = exp lnSv
              Prove.all
                  [ Prove.equal all "e^la" (exp RelicFormulas.logRate) (P * s * sv)
                    Prove.equal all "e^ld" (unscaleBessel (exp RelicFormulas.logDecay))
                        (P * RelicFormulas.width * Ops.besselK Ops.one RelicFormulas.xS / Ops.besselK (Ops.integer 2) RelicFormulas.xS)
                    Prove.equal all "e^lk" (exp RelicFormulas.logConversion) (P * s * sv * exp RelicFormulas.lnYeq ** 2) ] }
      { Id = "relic.states"
        Title = "W_t = ln(Y_χ + ν_d Y_S) and ln Y_χ = W_t + ln(1 − ν_d e^{W_s − W_t}) are inverse; ln Y_S = ln Y_χ + es − ec in inverse-decay equilibrium"
        Equation = "seed 001 eq. (4.2)"
        Statement = "The χ/S solver integrates W_t = ln(Y_χ + ν_d Y_S) and W_s = ln Y_S; starting from W_t(ec, es) and reading ln Y_χ back with the expression inside CosmologyEquations.twoSpecies returns ec. After S is gone its yield is set by inverse decays, Y_S/Y_χ = Y_S,eq/Y_χ,eq."
        Domain = "ν_d e^{es} < e^{ec} + ν_d e^{es} (always)"
        Check =
          fun () ->
              let back =
                  RelicFormulas.chiLogYield
                  |> Structure.substitute RelicFormulas.wt RelicFormulas.totalLogYield
                  |> Structure.substitute RelicFormulas.ws RelicFormulas.es
              Prove.all
                  [ Prove.equal all "e^{ln Y_χ(W_t(ec, es), es)}" (exp back) (exp RelicFormulas.ec)
                    Prove.equal all "Y_S/Y_χ" (exp RelicFormulas.inverseDecayLogYield / exp RelicFormulas.lnYChi)
                        (exp RelicFormulas.es / exp RelicFormulas.ec) ] }
      { Id = "relic.freeze-out-tail"
        Title = "after freeze-out dY/du = −λY², λ = λ₁e^{−p(u − u₁)}: Y → Y₁/(1 + Y₁λ₁/p)"
        Equation = "seed 000 eq. (21) beyond x_end"
        Statement = "CosmologyEquations.freezeOut is dW/du = −λY + λY_eq²/Y (W = ln Y); once Y_eq ≪ Y, dY/du = −λY². With λ ∝ e^{−p(u − u₁)}, Y(u) = Y₁/(1 + Y₁λ₁(1 − z)/p), z = e^{−p(u − u₁)}, solves it (checked by differentiation) with Y(u₁) = Y₁, and for u → ∞ (z → 0) tends to the compiled tail Y₁/(1 + Y₁λ₁/p)."
        Domain = "Y₁, λ₁, p > 0"
        Check =
          fun () ->
              let u, u1, z = Symbol "u", Symbol "u_1", Symbol "z"
              let Y, lambda, p = RelicFormulas.Y, RelicFormulas.lambda, RelicFormulas.p
              let decay = exp (-p * (u - u1))
              let Yu = Y / (1 + Y * lambda * (1 - decay) / p)
              let rhs = CosmologyEquations.freezeOut.Rhs.[0]
              let W, la, we = Symbol "W", Symbol "la", Symbol "we"
              Prove.all
                  [ Prove.equal all "eq. (21) in W" rhs (-exp la * exp W + exp la * exp we ** 2 / exp W)
                    Prove.equal all "dY/du" (Calculus.differentiate u Yu) (-lambda * decay * Yu ** 2)
                    Prove.equal all "Y(u₁)" (Structure.substitute u u1 Yu) Y
                    Prove.equal all "Y at z = 0" (Structure.substitute z Ops.zero (Y / (1 + Y * lambda * (1 - z) / p))) RelicFormulas.freezeOutTail ] }
      { Id = "relic.coupling-scaling"
        Title = "σ(y) = yⁿσ₁ and y = (σ_y/σ₁)^{1/n} are inverse (n = 2: σ_NC ∝ y_X²; n = 4: ⟨σv⟩ ∝ y_X⁴)"
        Equation = "seed 000 sec. VII, Fig. 5"
        Statement = "The relic search shifts ln λ by n ln y (σ ∝ yⁿ) and reports ⟨σv⟩ = yⁿ⟨σv⟩₁; a σ_NC bound is turned into y_X by the inverse. For the powers used (2 and 4) the round trip is the identity for y > 0."
        Domain = "y, σ₁ > 0"
        Check =
          fun () ->
              Prove.all
                  [ for n in [ 2; 4 ] ->
                        let scaled = Structure.substitute RelicFormulas.power (Ops.integer n) RelicFormulas.couplingScaling
                        let back =
                            RelicFormulas.couplingFromCrossSection
                            |> Structure.substitute RelicFormulas.sigmaY scaled
                            |> Structure.substitute RelicFormulas.power (Ops.integer n)
                        Prove.equal all (sprintf "n = %d" n) back RelicFormulas.coupling ] }
      { Id = "relic.seed001-width"
        Title = "Γ_S = y_χ² m_S/(8π) is the m_χ → 0 limit of the derived width y_χ²(m_S² − m_χ²)²/(8π m_S³)"
        Equation = "seed 001 below eq. (4.2)"
        Statement = "The width seed 001 prints (used by the stand-in model) is the massless-χ limit of the kernel's S → χν̄ + χ̄ν width derived from Dirac traces (Amplitudes.SWidthFormula), which keeps the phase-space factor (1 − m_χ²/m_S²)²."
        Domain = "m_S, y_χ > 0"
        Check =
          fun () ->
              let derived =
                  (Amplitudes.sWidthFormula ()).Expression
                  |> Structure.substitute (Symbol "y_chi") RelicFormulas.coupling
              Prove.limit all "Γ_S" (Symbol "m_chi") Ops.zero Direction.FromAbove derived
                  (Structure.substitute RelicFormulas.mS (Symbol "m_S") RelicFormulas.seed001Width) } ]
