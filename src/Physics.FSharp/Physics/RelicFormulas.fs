namespace NuDM.Physics

open NuDM.Symbolic
open NuDM.Physics.Ordered

/// The physics around the rate equations of CosmologyEquations, as formulas: the coefficients ln(rate·(1 + δ/3)/H)
/// the solvers tabulate, the change to and from the states W_t, W_s of the χ/S system, the analytic freeze-out tail,
/// the scaling of a cross section with its coupling, and seed 001's Γ_S. Evaluation forms as in Thermodynamics
/// (proven equal in RelicProofs); ln λ has two, one per solver, because each solver's stiff integration keeps the last
/// bits of its own. Units: MeV, MeV⁻² for ⟨σv⟩, MeV³ for s; logarithms of dimensionless numbers.
[<RequireQualifiedAccess>]
module RelicFormulas =
    let private sy = Symbol

    /// δ = d ln h_eff/d ln T, s (MeV³), H (MeV), ln⟨σv⟩ (⟨σv⟩ in MeV⁻²), ln Y_eq, Γ (MeV), x_S = m_S/T.
    let delta, entropy, hubble, lnSigmaV, lnYeq, width, xS = sy "delta", sy "s", sy "H", sy "ln_sigma_v", sy "ln_Y_eq", sy "Gamma", sy "x_S"
    /// States of the χ/S system (W_t, W_s), ν_d, and ln Y_χ,eq = ec, ln Y_S,eq = es, ln Y_χ.
    let wt, ws, nud, ec, es, lnYChi = sy "Wt", sy "Ws", sy "nud", sy "ec", sy "es", sy "ln_Y_chi"
    /// Yield Y, rate λ and its logarithmic slope p = −d ln λ/d ln x at x_end (freeze-out tail).
    let Y, lambda, p = sy "Y", sy "lambda", sy "p"
    /// Coupling y, power n of σ ∝ yⁿ, σ₁ = σ at unit coupling, σ_y at coupling y, m_S (MeV).
    let coupling, power, sigma1, sigmaY, mS = sy "y", sy "n", sy "sigma_1", sy "sigma_y", sy "m_S"

    // ---------------------------------------------------------------- printed forms

    /// ln P with P = (1 + δ/3)/H: d ln x/dt = H/(1 + δ/3) turns a rate Γ acting on Y into dY/d ln x = P Γ.
    let lnTimeFactor = Ops.ln (1 + delta / 3) - Ops.ln hubble
    /// la = l1 = l3 = ln((1 + δ/3) s⟨σv⟩/H): the annihilation coefficient of seed 000 eq. (21) and seed 001 eq. (4.2).
    let logRate = lnTimeFactor + Ops.ln entropy + lnSigmaV
    /// ld = ln((1 + δ/3) Γ_S K₁(x_S)/K₂(x_S)/H): decays and inverse decays S ↔ χν with the thermal time dilation
    /// ⟨m_S/E⟩ = K₁/K₂ (seed 001 eq. 4.2; K₁/K₂ = K₁ᵉ/K₂ᵉ).
    let logDecay = Ops.ln width + Ops.ln (Ops.besselKe Ops.one xS / Ops.besselKe (Ops.integer 2) xS) + lnTimeFactor
    /// lk = ln((1 + δ/3) s⟨σv⟩ Y_eq²/H) for the χχ̄ ↔ SS term written by detailed balance (⟨σv⟩ and Y_eq of the
    /// direction given).
    let logConversion = logRate + 2 * lnYeq
    /// ln Y_χ from the states, W_t + ln(1 − ν_d e^(W_s − W_t)) (the expression inside CosmologyEquations.twoSpecies).
    let chiLogYield = Infix.parseOrThrow CosmologyEquations.chiLogYieldText
    /// W_t = ln(Y_χ + ν_d Y_S) from ln Y_χ = ec and ln Y_S = es (the initial state, at equilibrium).
    let totalLogYield = Ops.ln (Ops.exp ec + nud * Ops.exp es)
    /// ln Y_S = ln Y_χ + es − ec once S is in inverse-decay equilibrium with χ (Y_S/Y_χ = Y_S,eq/Y_χ,eq).
    let inverseDecayLogYield = lnYChi + es - ec
    /// Y_∞ = Y/(1 + Y λ/p): after freeze-out d(1/Y)/d ln x = λ, and with λ ∝ x^{−p} beyond x_end the remaining
    /// annihilation adds λ(x_end)/p to 1/Y.
    let freezeOutTail = Y / (1 + Y * lambda / p)
    /// σ(y) = yⁿ σ₁ for a cross section proportional to the n-th power of the coupling.
    let couplingScaling = coupling ** power * sigma1
    /// The inverse: y = (σ_y/σ₁)^{1/n}.
    let couplingFromCrossSection = (sigmaY / sigma1) ** (1 / power)
    /// Γ_S = y_χ² m_S/(8π) (seed 001 below eq. 4.2: the m_χ → 0 limit of S → χν̄ + χ̄ν).
    let seed001Width = coupling ** 2 * mS / (8 * Ops.pi)

    // ---------------------------------------------------------------- evaluation forms

    let private lnOnePlusDeltaOver3 = ln (int 1 .+ (delta ./ int 3))
    let private lnP = lnOnePlusDeltaOver3 .- ln hubble

    // ---------------------------------------------------------------- formulas

    let private pDelta = "delta", "1", "d ln h_eff/d ln T"
    let private pS = "s", "MeV^3", "entropy density"
    let private pH = "H", "MeV", "Hubble rate"
    let private pSv = "ln_sigma_v", "ln MeV^-2", "ln⟨σv⟩"
    let private eq = "seed 000 eq. (21), seed 001 eq. (4.2)"

    /// la(δ, s, H, ln⟨σv⟩), evaluated as ((ln(1 + δ/3) + ln s) + ln⟨σv⟩) − ln H.
    let FreezeOutLogRate =
        EvaluatedFormula.create logRate (((lnOnePlusDeltaOver3 .+ ln entropy) .+ lnSigmaV) .- ln hubble) [] "ln_lambda"
            [ pDelta; pS; pH; pSv ] "1" eq "ln((1 + δ/3) s⟨σv⟩/H)" "FreezeOutSolver (coefficient la)"
    /// la(δ, s, H, ln⟨σv⟩) evaluated as (ln⟨σv⟩ + ln P) + ln s (the χ/S solver's l1, l3).
    let TwoSpeciesLogRate = FreezeOutLogRate.WithEvaluation((lnSigmaV .+ lnP) .+ ln entropy, "TwoSpeciesSolver (coefficients l1, l3)")
    /// ld(δ, H, Γ, x_S).
    let LogDecay =
        EvaluatedFormula.create logDecay ((ln width .+ ln (besselKe 1 xS ./ besselKe 2 xS)) .+ lnP) [] "ln_decay"
            [ pDelta; pH; "Gamma", "MeV", "width Γ_S > 0"; "x_S", "1", "m_S/T" ] "1" "seed 001 eq. (4.2)"
            "ln((1 + δ/3) Γ_S K₁(x_S)/K₂(x_S)/H)" "TwoSpeciesSolver (coefficient ld)"
    /// lk(δ, s, H, ln⟨σv⟩, ln Y_eq).
    let LogConversion =
        EvaluatedFormula.create logConversion (((lnSigmaV .+ lnP) .+ ln entropy) .+ (int 2 .* lnYeq)) [] "ln_kappa"
            [ pDelta; pS; pH; pSv; "ln_Y_eq", "1", "ln Y_eq of the initial pair" ] "1" "seed 001 eq. (4.2), detailed balance"
            "ln((1 + δ/3) s⟨σv⟩ Y_eq²/H)" "TwoSpeciesSolver (coefficient lk)"
    /// ln Y_χ(W_t, W_s, ν_d).
    let ChiLogYield =
        EvaluatedFormula.create chiLogYield (wt .+ ln (int 1 .- (nud .* exp (ws .- wt)))) [] "ln_Y_chi"
            [ "Wt", "1", "ln(Y_χ + ν_d Y_S)"; "Ws", "1", "ln Y_S"; "nud", "1", "χ per S decay" ] "1" "seed 001 eq. (4.2) states"
            "ln Y_χ from W_t, W_s" "TwoSpeciesSolver"
    /// W_t(ec, es, ν_d).
    let TotalLogYield =
        EvaluatedFormula.create totalLogYield (ln (exp ec .+ (nud .* exp es))) [] "W_t"
            [ "ec", "1", "ln Y_χ"; "es", "1", "ln Y_S"; "nud", "1", "χ per S decay" ] "1" "seed 001 eq. (4.2) states"
            "W_t = ln(Y_χ + ν_d Y_S)" "TwoSpeciesSolver (initial state)"
    /// ln Y_S(ln Y_χ, ec, es).
    let InverseDecayLogYield =
        EvaluatedFormula.create inverseDecayLogYield (lnYChi .+ (es .- ec)) [] "ln_Y_S_inverse_decay"
            [ "ln_Y_chi", "1", "ln Y_χ"; "ec", "1", "ln Y_χ,eq"; "es", "1", "ln Y_S,eq" ] "1" "seed 001 eq. (4.2), inverse-decay equilibrium"
            "ln Y_S = ln Y_χ + ln Y_S,eq − ln Y_χ,eq" "TwoSpeciesSolver (output after S is gone)"
    /// Y_∞(Y, λ, p).
    let FreezeOutTail =
        EvaluatedFormula.create freezeOutTail (Y ./ (int 1 .+ ((Y .* lambda) ./ p))) [] "Y_infinity"
            [ "Y", "1", "yield at x_end"; "lambda", "1", "λ(x_end)"; "p", "1", "−d ln λ/d ln x at x_end > 0" ] "1"
            "seed 000 eq. (21) beyond x_end" "1/Y_∞ = 1/Y + λ/p" "FreezeOutSolver, TwoSpeciesSolver"
    /// σ(y, n, σ₁).
    let CouplingScaling =
        EvaluatedFormula.create couplingScaling (pow coupling power .* sigma1) [] "sigma_of_y"
            [ "y", "1", "coupling"; "n", "1", "power of the coupling"; "sigma_1", "any", "value at y = 1" ] "as σ₁" "σ ∝ yⁿ"
            "cross section at coupling y" "RelicCoupling"
    /// y(σ_y, σ₁, n).
    let CouplingFromCrossSection =
        EvaluatedFormula.create couplingFromCrossSection (pow (sigmaY ./ sigma1) (int 1 ./ power)) [] "y_of_sigma"
            [ "sigma_y", "any", "value at y"; "sigma_1", "as σ_y", "value at y = 1"; "n", "1", "power of the coupling" ] "1" "σ ∝ yⁿ"
            "coupling that gives σ_y" "ModelConstraints"
    /// Γ_S(y, m_S).
    let Seed001Width =
        EvaluatedFormula.create seed001Width (((coupling .* coupling) .* mS) ./ (int 8 .* Ops.pi)) [] "Gamma_S_seed001"
            [ "y", "1", "y_χ"; "m_S", "MeV", "scalar mass" ] "MeV" "seed 001 below eq. (4.2)" "Γ_S = y_χ² m_S/(8π)"
            "TwoSpeciesModel.Seed001Width"

    /// Every evaluated formula of this module.
    let internal all : EvaluatedFormula list =
        [ FreezeOutLogRate; TwoSpeciesLogRate; LogDecay; LogConversion; ChiLogYield; TotalLogYield; InverseDecayLogYield
          FreezeOutTail; CouplingScaling; CouplingFromCrossSection; Seed001Width ]
