/// Proof obligations for the scalar couplings of NuDM.Physics.Couplings (seed 000 eqs. 7–10 and sec. VII, seed 001
/// eqs. 2.19–2.20), including the finding that seed 000 eq. (7) is misprinted.
module NuDM.Proofs.CouplingProofs

open NuDM.Symbolic
open NuDM.Symbolic.Notation
open NuDM.Physics

let private Z, A = Couplings.ZSymbol, Couplings.ASymbol
let private yp, yn, ychi = Couplings.ProtonCouplingSymbol, Couplings.NeutronCouplingSymbol, Couplings.ChiCouplingSymbol

/// seed 000 eq. (7) as printed: y_N = A y_p + (A − Z) y_n.
let printedSeed000Eq7 = A * yp + (A - Z) * yn
/// seed 000 eq. (10) / seed 001 eq. (2.20): the bracket (Z/A) y_p + ((A − Z)/A) y_n.
let printedBracket = Z / A * yp + (A - Z) / A * yn

let obligations : Obligation list =
    [ { Id = "cpl.coherent-sum"
        Title = "y_A = Z y_p + (A − Z) y_n; seed 000 eq. (7) (A y_p + (A − Z) y_n) is a misprint"
        Equation = "seed 000 eqs. (7), (10); seed 001 eq. (2.20)"
        Statement = "A scalar couples to every nucleon with the same sign, so the nucleus coupling is the coherent sum over the Z protons and A − Z neutrons: y_A = Z y_p + (A − Z) y_n (the implemented formula). FINDING: seed 000 eq. (7) prints A y_p + (A − Z) y_n; it differs from the coherent sum by (A − Z) y_p, which is non-zero for every nucleus with neutrons (for y_p = y_n = y it gives (2A − Z) y instead of A y), and it contradicts the same paper's eq. (10), whose bracket Z/A y_p + (A−Z)/A y_n is y_A/A of the coherent sum — as is seed 001 eq. (2.20). Eq. (7) is therefore read as a misprint of Z y_p + (A − Z) y_n."
        Domain = "Z, A, y_p, y_n > 0, A > Z (nuclei with neutrons)"
        Check =
          fun () ->
              let dom = Assumptions.AllPositive.AndPositive(A - Z)
              let yA = Couplings.NucleusCouplingFormula.Expression
              let y = Symbol "y"
              let isoSym e = Structure.substituteMany [ yp, y; yn, y ] e
              Prove.all
                  [ Prove.equal dom "implemented y_A" yA (Z * yp + (A - Z) * yn)
                    Prove.equal dom "y_p = y_n = y: coherent sum" (isoSym yA) (A * y)
                    Prove.equal dom "y_p = y_n = y: printed eq. (7)" (isoSym printedSeed000Eq7) ((2 * A - Z) * y)
                    Prove.equal dom "printed − coherent" (printedSeed000Eq7 - yA) ((A - Z) * yp)
                    Prove.positive dom "printed − coherent (> 0: eq. 7 over-counts)" (printedSeed000Eq7 - yA)
                    Prove.equal dom "y_A/A = bracket of eq. (10) / (2.20)" (yA / A) printedBracket ] }
      { Id = "cpl.ybar"
        Title = "ȳ² = |y_A y_χ|/A = |((Z/A) y_p + ((A−Z)/A) y_n) y_χ|, weights summing to 1"
        Equation = "seed 001 eqs. (2.19), (2.20); seed 000 eq. (10)"
        Statement = "The implemented ȳ is sqrt(|u|) with u·A ≡ y_A y_χ (y_A the coherent sum), i.e. ȳ = y/√A with y² = |y_A y_χ| (eq. 2.19) and the bracket of eq. (2.20); the proton and neutron weights Z/A and (A − Z)/A add to 1. The numeric weights of eq. (2.20), 0.44/0.56 (Ge) and 0.42/0.58 (CsI), are ⟨Z⟩/⟨A⟩ of the natural targets (test CouplingTests)."
        Domain = "Z, A, y_p, y_n, y_χ > 0"
        Check =
          fun () ->
              let dom = Assumptions.AllPositive
              let ybar = Couplings.EffectiveCouplingFormula.Expression
              match ybar with
              | Power(Apply(Abs, [ u ]), Number h) when h = Q.Create(System.Numerics.BigInteger.One, System.Numerics.BigInteger 2) ->
                  Prove.all
                      [ Prove.identical "ȳ = sqrt(|u|)" ybar (sqrt (Ops.abs u))
                        Prove.equal dom "u·A = y_A y_χ" (u * A) (Couplings.NucleusCouplingFormula.Expression * ychi)
                        Prove.equal dom "u = bracket · y_χ" u (printedBracket * ychi)
                        Prove.equal dom "Z/A + (A−Z)/A = 1" (Z / A + (A - Z) / A) Ops.one ]
              | _ -> Outcome.Fail(sprintf "ȳ is not of the form sqrt(abs(u)): %O" ybar) }
      { Id = "cpl.heavy-quarks"
        Title = "Higgs-like couplings y_q = κ m_q give y_N = κ m_N (2/9 + (7/9) Σ_{u,d,s} f_Tq)"
        Equation = "seed 000 eqs. (8)–(9); SVZ heavy-quark relation f_TQ = (2/27) f_TG"
        Statement = "The implemented y_N = m_N [Σ_{u,d,s} y_q f_Tq/m_q + (2/27) f_TG Σ_{c,b,t} y_Q/m_Q], f_TG = 1 − Σ f_Tq, reproduces the standard Higgs–nucleon coupling when y_q ∝ m_q: three heavy quarks each give (2/27) f_TG, so y_N/(κ m_N) = Σ f_Tq + (2/9)(1 − Σ f_Tq) = 2/9 + (7/9) Σ f_Tq. With all heavy couplings zero it is the light-quark sum of eqs. (8)–(9); for equal couplings y_q = y the heavy part is y m_N (2/27) f_TG Σ 1/m_Q."
        Domain = "all symbols > 0"
        Check =
          fun () ->
              let dom = Assumptions.AllPositive
              let yN = Couplings.NucleonCouplingFormula.Expression
              let ys, ms, fs = Couplings.QuarkCouplingSymbols, Couplings.QuarkMassSymbols, Couplings.ScalarContentSymbols
              let kappa = Symbol "kappa"
              let mN = Couplings.NucleonMassSymbol
              let higgsLike = Structure.substituteMany [ for k in 0 .. 5 -> ys.[k], kappa * ms.[k] ] yN
              let sumF = fs.[0] + fs.[1] + fs.[2]
              let lightOnly = Structure.substituteMany [ for k in 3 .. 5 -> ys.[k], Ops.zero ] yN
              let y = Symbol "y"
              let equal = Structure.substituteMany [ for k in 0 .. 5 -> ys.[k], y ] yN
              Prove.all
                  [ Prove.equal dom "y_q = κ m_q" higgsLike (kappa * mN * (rat 2 9 + rat 7 9 * sumF))
                    Prove.equal dom "light quarks only (eqs. 8–9)" lightOnly (mN * List.sum [ for k in 0 .. 2 -> ys.[k] * fs.[k] / ms.[k] ])
                    Prove.equal dom "equal couplings" equal
                        (y * mN * (List.sum [ for k in 0 .. 2 -> fs.[k] / ms.[k] ] + rat 2 27 * (1 - sumF) * List.sum [ for k in 3 .. 5 -> 1 / ms.[k] ])) ] }
      { Id = "cpl.sigma-nc"
        Title = "σ_NC = y_X² y_p² m_X²/(16π m_φ⁴) has mass dimension −2 and is positive"
        Equation = "seed 000 sec. VII"
        Statement = "Scaling every mass by λ scales σ_NC by λ⁻² (MeV⁻², converted to cm² with (ħc)²), and σ_NC > 0 for non-zero couplings."
        Domain = "y_X, y_p, m_X, m_φ, λ > 0"
        Check =
          fun () ->
              let dom = Assumptions.AllPositive
              let s = Couplings.SigmaNCFormula.Expression
              let lambda = Symbol "lambda"
              let scaled = Structure.substituteMany [ Couplings.DarkMatterMassSymbol, lambda * Couplings.DarkMatterMassSymbol; Couplings.MediatorMassSymbol, lambda * Couplings.MediatorMassSymbol ] s
              Prove.all
                  [ Prove.equal dom "σ(λm) = λ⁻² σ(m)" scaled (s / lambda ** 2)
                    Prove.equal dom "printed form" s (Couplings.DarkMatterCouplingSymbol ** 2 * yp ** 2 * Couplings.DarkMatterMassSymbol ** 2 / (16 * pi * Couplings.MediatorMassSymbol ** 4))
                    Prove.positive dom "σ_NC" s ] } ]
