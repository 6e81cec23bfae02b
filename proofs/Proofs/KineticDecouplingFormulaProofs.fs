/// Proof obligations for the kinetic-decoupling formulas of NuDM.Physics.KineticDecouplingFormulas (seed 000 §IV,
/// eqs. 12–15): the rate's prefactor against the seed's eq. (14), the t-average, the power-law closed forms, the
/// damping mass and the Lyman-α chain, eq. (15) against the derived closed form, and the evaluation forms.
module NuDM.Proofs.KineticDecouplingFormulaProofs

open NuDM.Symbolic
open NuDM.Symbolic.Notation
open NuDM.Physics
open NuDM.Proofs.FormulaChecks

let private all = Assumptions.AllPositive
let private m, g, k, T = KineticDecouplingFormulas.m, KineticDecouplingFormulas.g, KineticDecouplingFormulas.k, KineticDecouplingFormulas.T

/// The proven closed form T_KD for ⟨|M|²⟩_t = c kⁿ (before the constants' values go in).
let private closedForm (n: int) = KineticDecouplingFormulas.powerLawDecouplingTemperature n

let obligations : Obligation list =
    [ { Id = "kdf.evaluation-forms"
        Title = "the compiled γ, its integrand, the t-average kinematics, M_cut, M_f, T_KD,min and eq. (15) equal the printed formulas"
        Equation = "seed 000 eqs. (12)–(15); Bringmann et al. (2016) eq. (A6)"
        Statement = "Each formula of KineticDecouplingFormulas is compiled from an evaluation form in the order of operations of KineticDecoupling as it was (Math.Pow(k, 4), m·m·k·k/s, Math.Cbrt, …); brought back to canonical form each equals the printed formula exactly."
        Domain = "all parameters > 0"
        Check = fun () -> evaluationForms all KineticDecouplingFormulas.all }
      { Id = "kdf.seed-eq14"
        Title = "1/(3mT) · k²/(2π²) · 8k⁴⟨|M|²⟩_t/(16π g (2mk)²) = k⁴⟨|M|²⟩_t/(48π³ g m³ T)"
        Equation = "seed 000 eq. (14)"
        Statement = "The seed's γ = 1/(3mT) ∫ d³k/(2π)³ f(1 − f) ∫ (−t) dσ/dt dt, with d³k = 4πk² dk, dσ/dt = |M|²/(16π g_χ g_ν (s − m²)²) (g_ν = 1), s − m² = 2mk and ∫(−t)|M|² dt = 8k⁴⟨|M|²⟩_t, has per unit dk exactly the integrand of the compiled γ = I/(48π³ g m³ T), I = ∫ dk k⁴ f(1 − f)⟨|M|²⟩_t (the seed's k_cm → k is the k ≪ m limit; the program keeps k_cm in ⟨|M|²⟩_t)."
        Domain = "m, T, k, g > 0"
        Check =
          fun () ->
              let A = KineticDecouplingFormulas.A
              let seed = 1 / (3 * m * T) * (4 * pi * k ** 2 / (2 * pi) ** 3) * (8 * k ** 4 * A) / (16 * pi * g * (2 * m * k) ** 2)
              let ours = Structure.substitute KineticDecouplingFormulas.integral (k ** 4 * A) KineticDecouplingFormulas.rate
              Prove.equal all "γ per dk" seed ours }
      { Id = "kdf.t-average"
        Title = "⟨|M|²⟩_t = (1/(8k⁴))∫_{t_min}^0 (−t)|M|² dt = 2(k_cm/k)⁴ ∫₀¹ τ|M|²(t_min τ) dτ; for |M|² = a − bt it is (k_cm/k)⁴(a + (8/3) b k_cm²)"
        Equation = "Bringmann et al. (2016) eq. (A6)"
        Statement = "With t = t_min τ, t_min = −4k_cm², the factor t_min²/(8k⁴) is 2(k_cm²/k²)², the compiled prefactor of the τ-integral. For a linear |M|² = a − bt both routes, the t-integral done directly and the compiled 2(k_cm/k)⁴ J with J = ∫₀¹ τ (a − b t_min τ) dτ, give (k_cm/k)⁴(a + (8/3) b k_cm²) (polynomial integrals by Calculus.definiteIntegral). k_cm → k for m → ∞ (DM at rest in the CM frame)."
        Domain = "m, k > 0"
        Check =
          fun () ->
              let t, tau, a, b = Symbol "t", Symbol "tau", Symbol "a", Symbol "b"
              let tmin = KineticDecouplingFormulas.tMin
              let kcm2 = KineticDecouplingFormulas.cmMomentumSquared
              let amp (tt: Expr) = a - b * tt
              let direct = Calculus.definiteIntegral t tmin Ops.zero (-t * amp t) / (8 * k ** 4)
              let J = Calculus.definiteIntegral tau Ops.zero Ops.one (tau * amp (tmin * tau))
              let compiled = Structure.substitute KineticDecouplingFormulas.tIntegral J KineticDecouplingFormulas.tAverage
              let expected = (kcm2 / k ** 2) ** 2 * (a + rat 8 3 * b * kcm2)
              Prove.all
                  [ Prove.equal all "t_min²/(8k⁴)" (tmin ** 2 / (8 * k ** 4)) (2 * (kcm2 / k ** 2) ** 2)
                    Prove.equal all "direct t-integral" direct expected
                    Prove.equal all "compiled τ-form" compiled expected
                    Prove.limit all "k_cm²/k² as m → ∞" m PositiveInfinity Direction.FromBelow (kcm2 / k ** 2) Ops.one ] }
      { Id = "kdf.power-law"
        Title = "γ for ⟨|M|²⟩_t = c kⁿ: c (n+4)! η(n+4) T^{n+4}/(48π³ g m³); ζ(2n) from the Bernoulli numbers; n = 0 gives 7πcT⁴/(1440 g m³)"
        Equation = "Bringmann et al. (2016) eq. (A6) with ∫₀^∞ q^p f(1 − f) dq = p! η(p)"
        Statement = "For ⟨|M|²⟩_t = c kⁿ the momentum integral is c T^{n+5} ∫₀^∞ q^{n+4} f(1 − f) dq = c T^{n+5} (n+4)! η(n+4) (integrating f(1 − f) = −df/dq by parts and ∫q^{p−1}f = (p−1)! η(p)), and γ = I/(48π³ g m³ T) gives the compiled closed form. ζ(2n) = (−1)^{n+1} B_{2n}(2π)^{2n}/(2(2n)!) from exact Bernoulli numbers reproduces the table π⁴/90, π⁶/945, π⁸/9450, π¹⁰/93555, 691π¹²/638512875, 2π¹⁴/18243225; for n = 0, 4!·(7/8)(π⁴/90)/(48π³) = 7π/1440, the constant-amplitude rate of KineticDecouplingTests."
        Domain = "c, m, g, T > 0"
        Check =
          fun () ->
              let c = KineticDecouplingFormulas.c
              let table = [ 4, rat 1 90; 6, rat 1 945; 8, rat 1 9450; 10, rat 1 93555
                            12, rat 691 638512875; 14, rat 2 18243225 ]
              Prove.all
                  [ yield! [ for (p, r) in table -> Prove.equal all (sprintf "ζ(%d)" p) (Zeta.zetaEven p) (r * pi ** p) ]
                    yield Prove.equal all "ζ(2) = π²/6" (Zeta.zetaEven 2) (pi ** 2 / 6)
                    yield Prove.equal all "n = 0" (KineticDecouplingFormulas.powerLawRate 0) (7 * pi * c * T ** 4 / (1440 * g * m ** 3))
                    for n in 0 .. 2 .. KineticDecouplingFormulas.MaxPowerLawExponent ->
                        let integral = c * T ** (n + 5) * Zeta.factorialExpr (n + 4) * Zeta.etaEven (n + 4)
                        Prove.equal all (sprintf "γ(n = %d) = I/(48π³gm³T)" n) (KineticDecouplingFormulas.powerLawRate n)
                            (Structure.substitute KineticDecouplingFormulas.integral integral KineticDecouplingFormulas.rate) ] }
      { Id = "kdf.power-law-decoupling"
        Title = "the derived T_KD solves γ((4/11)^{1/3} T) = H(T) for ⟨|M|²⟩_t = c kⁿ, n = 0, 2, 4"
        Equation = "γ(T_ν) = H(T) (seed 000 §IV)"
        Statement = "T_KD is derived by solving the linear equation for u = T^{n+2} and taking the root; substituted back, γ at T_ν = (4/11)^{1/3} T_KD equals H(T_KD) = sqrt(8π³ g_eff/90) T_KD²/M_Pl exactly."
        Domain = "c, m, g, g_eff, M_Pl > 0"
        Check =
          fun () ->
              Prove.all
                  [ for n in [ 0; 2; 4 ] ->
                        let tkd = closedForm n
                        let gamma = Structure.substitute T (KineticDecouplingFormulas.neutrinoToPhotonTemperature * tkd) (KineticDecouplingFormulas.powerLawRate n)
                        let hubble = Structure.substitute Thermodynamics.T tkd Thermodynamics.hubble
                        Prove.equal all (sprintf "γ/H at T_KD, n = %d" n) (gamma / hubble) Ops.one ] }
      { Id = "kdf.eq15"
        Title = "seed 000 eq. (15) has the scaling of the derived T_KD: the ratio depends on none of m_X, y_X, r"
        Equation = "seed 000 eq. (15)"
        Statement = "At low neutrino energy Σ⟨|M|²⟩_t = c k² with c = 8y⁴/(m²(r² − 1)²) (obligation kd.low-energy-amplitude: 2y⁴k²/(m²(r² − 1)²) per partner, spin-averaged; ×2 for the X spins, two partners ν and ν̄). The derived power-law T_KD (n = 2, g = 2) divided by the printed eq. (15), 0.4 keV (m/MeV)^{5/4}(0.1/y)sqrt(r² − 1), has zero logarithmic derivative with respect to m, y and r: eq. (15)'s powers are right, only its prefactor is not (0.056 keV numerically, KineticDecouplingTests)."
        Domain = "m, y, g_eff, M_Pl > 0, r > 1"
        Check =
          fun () ->
              let y, r = KineticDecouplingFormulas.y, KineticDecouplingFormulas.r
              let dom = all.AndPositive(r ** 2 - 1)
              let c = 8 * y ** 4 / (m ** 2 * (r ** 2 - 1) ** 2)
              let tkd = closedForm 2 |> Structure.substitute KineticDecouplingFormulas.c c |> Structure.substitute g (Ops.integer 2)
              let ratio = Normal.simplifyWith dom (tkd / KineticDecouplingFormulas.seed000Eq15)
              Prove.all
                  [ for v, name in [ m, "m_X"; y, "y_X"; r, "r" ] ->
                        Prove.equal dom (sprintf "∂ ln(T_KD/eq. 15)/∂ ln %s" name) (v * Calculus.differentiate v (ln ratio)) Ops.zero ] }
      { Id = "kdf.cutoff-mass"
        Title = "M_cut = (4π/3)ρ_DM/H³ is a mass, falls as T⁻³ at constant g_eff, h_eff, and the Lyman-α chain gives T_KD,min = keV (A_cut/M_f)^{1/3}"
        Equation = "seed 000 eqs. (12), (13)"
        Statement = "With ρ_DM = (Ω_DM h² ρ_c/h²/s₀) s in MeV⁴ and H in MeV, (4π/3)ρ_DM/H³ is an energy (MeV) and, divided by M_⊙, a number of solar masses (the seed's ρ/H would be MeV³). With s = (2π²/45) h_eff T³ and H = sqrt(8π³g_eff/90)T²/M_Pl at constant h_eff, g_eff (after e± annihilation), T ∂ln M_cut/∂T = −3, so M_cut = A_cut (keV/T)³; the free-streaming bound M_cut ≤ M_f then holds for T ≥ T_KD,min, which satisfies A_cut (keV/T_KD,min)³ = M_f exactly."
        Domain = "all > 0"
        Check =
          fun () ->
              let s0, rhoc = Thermodynamics.entropyToday.Symbol, Thermodynamics.criticalDensity.Symbol
              let msun = KineticDecouplingFormulas.solarMass.Symbol
              let mcut = KineticDecouplingFormulas.cutoffMass
              let ofT =
                  mcut
                  |> Structure.substitute KineticDecouplingFormulas.entropy (Structure.substitute Thermodynamics.T T Thermodynamics.entropyDensity)
                  |> Structure.substitute KineticDecouplingFormulas.hubble Thermodynamics.hubble
              let tmin = KineticDecouplingFormulas.minimumDecouplingTemperature
              let keV = KineticDecouplingFormulas.keV.Symbol
              Prove.all
                  [ dimensional all "M_cut" [ KineticDecouplingFormulas.entropy, energy 3; KineticDecouplingFormulas.hubble, energy 1
                                              s0, dimension 0 -3 0; rhoc, dimension 1 -3 0; msun, energy 1 ] one mcut
                    Prove.equal all "T ∂ln M_cut/∂T" (T * Calculus.differentiate T (ln ofT)) (Ops.integer -3)
                    Prove.equal all "A_cut (keV/T_min)³" (KineticDecouplingFormulas.cutPrefactor * (keV / tmin) ** 3) KineticDecouplingFormulas.freeStreamingMass ] }
      { Id = "kdf.kinematics"
        Title = "s, k_cm², t_min in MeV², γ and T_KD in MeV; the φ pole at k = m(r² − 1)/2"
        Equation = "seed 000 §IV"
        Statement = "The kinematic quantities have dimension MeV², ⟨|M|²⟩_t is dimensionless, γ = I/(48π³gm³T) with I in MeV⁵ is a rate (MeV), the power-law γ = c(n+4)!η T^{n+4}/(48π³gm³) with c in MeV⁻ⁿ is in MeV and the derived T_KD in MeV; |M|² from dσ/dt (MeV⁻⁴) is dimensionless. The s-channel pole s = m_φ² = (rm)² is reached at neutrino momentum k = m(r² − 1)/2 (derived by solving m² + 2mk = r²m²), and any s at k = (s − m²)/(2m) (derived by solving m² + 2mk = s)."
        Domain = "all > 0"
        Check =
          fun () ->
              let e1 = energy 1
              let kin = [ m, e1; k, e1; T, e1 ]
              Prove.all
                  [ dimensional all "s" kin (energy 2) KineticDecouplingFormulas.mandelstamS
                    dimensional all "t_min" kin (energy 2) KineticDecouplingFormulas.tMin
                    dimensional all "⟨|M|²⟩_t" kin one KineticDecouplingFormulas.tAverage
                    dimensional all "γ" (kin @ [ KineticDecouplingFormulas.integral, energy 5 ]) e1 KineticDecouplingFormulas.rate
                    dimensional all "|M|² from dσ/dt" (kin @ [ KineticDecouplingFormulas.s, energy 2; KineticDecouplingFormulas.dSigmaDt, energy -4 ]) one
                        KineticDecouplingFormulas.amplitudeFromDifferentialCrossSection
                    dimensional all "γ (n = 2)" (kin @ [ KineticDecouplingFormulas.c, energy -2 ]) e1 (KineticDecouplingFormulas.powerLawRate 2)
                    dimensional all "T_KD (n = 2)" (kin @ [ KineticDecouplingFormulas.c, energy -2; Thermodynamics.planckMass.Symbol, e1 ]) e1 (closedForm 2)
                    Prove.equal all "s(k_res)" (Structure.substitute k KineticDecouplingFormulas.resonanceMomentum KineticDecouplingFormulas.mandelstamS)
                        ((KineticDecouplingFormulas.r * m) ** 2)
                    Prove.equal all "s(k(s))" (Structure.substitute k KineticDecouplingFormulas.partnerMomentum KineticDecouplingFormulas.mandelstamS)
                        KineticDecouplingFormulas.s ] } ]
