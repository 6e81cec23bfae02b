/// Proof obligations for the Standard-Model plasma, the equilibrium densities and the relic-density units of
/// NuDM.Physics.Thermodynamics: the evaluation forms the program compiles equal the printed formulas, the formulas are
/// dimensionally consistent, and they satisfy the relations and limits they are built on.
module NuDM.Proofs.ThermodynamicsProofs

open NuDM.Symbolic
open NuDM.Symbolic.Notation
open NuDM.Physics
open NuDM.Proofs.FormulaChecks

let private all = Assumptions.AllPositive
let private T, g, h, delta, x, q, y = Thermodynamics.T, Thermodynamics.gEff, Thermodynamics.hEff, Thermodynamics.delta, Thermodynamics.x, Thermodynamics.q, Thermodynamics.y
let private mpl = Thermodynamics.planckMass.Symbol

/// ∫₀^∞ q^p e^{−kq} dq = p!/k^{p+1}: an antiderivative F_p(q) = −e^{−kq} Σ_{j=0}^{p} (p!/j!) q^j/k^{p+1−j} (F_p' is the
/// integrand, checked symbolically; F_p(∞) = 0, F_p(0) = −p!/k^{p+1}).
let private gammaAntiderivative (p: int) (k: Expr) =
    let fact n = Seq.fold (*) 1 (seq { 1 .. n })
    -exp (-k * q) * List.sum [ for j in 0 .. p -> Ops.rational (fact p) (fact j) * q ** j / k ** (p + 1 - j) ]

let obligations : Obligation list =
    [ { Id = "thermo.evaluation-forms"
        Title = "the compiled forms of ρ, s, H, g_*^{1/2}, T_ν, h_e, ñ, n_eq, Y_eq, Ωh² and the σv units equal the printed formulas"
        Equation = "Thermodynamics (Kolb & Turner ch. 3; Gondolo & Gelmini 1991)"
        Statement = "Each formula of Thermodynamics is compiled from an evaluation form written in the order of operations of the C# computation it replaced (so that the stiff Boltzmann solvers, which turn a last-bit change into ~1e-6 in Ωh², keep their numbers). Brought back to canonical form (Ordered.canonical: pow(a, b) = a^b, cbrt(a) = a^(1/3)), each equals the printed formula exactly, the constants kept as symbols; eˣx²K₂(x) is compiled as x²K₀ᵉ(x) + 2xK₁ᵉ(x) by the recurrence K₂ = K₀ + 2K₁/x."
        Domain = "all parameters > 0"
        Check = fun () -> evaluationForms all Thermodynamics.all }
      { Id = "thermo.dimensions"
        Title = "ρ in MeV⁴, s in MeV³, H and T_ν in MeV, ⟨σv⟩ in cm³/s, Ωh² dimensionless, ρ_DM in MeV⁴"
        Equation = "Thermodynamics"
        Statement = "With T, m, M_Pl in MeV, ħc in MeV·fm, 1 fm² in cm² per fm² (treated as cm², fm dimensionless), c in cm/s, s₀ in cm⁻³, ρ_c/h² in MeV·cm⁻³ and the entropy density in MeV³, every formula has the stated dimension (the scaling test x → λ^d x in normal form)."
        Domain = "all symbols > 0"
        Check =
          fun () ->
              let th = Thermodynamics.hbarC.Symbol, Thermodynamics.fm2.Symbol, Thermodynamics.speedOfLight.Symbol
              let hc, fm2, c = th
              let s0, rhoc = Thermodynamics.entropyToday.Symbol, Thermodynamics.criticalDensity.Symbol
              let e1 = energy 1
              Prove.all
                  [ dimensional all "ρ" [ T, e1 ] (energy 4) Thermodynamics.energyDensity
                    dimensional all "s" [ T, e1 ] (energy 3) Thermodynamics.entropyDensity
                    dimensional all "H" [ T, e1; mpl, e1 ] e1 Thermodynamics.hubble
                    dimensional all "T_ν" [ T, e1 ] e1 Thermodynamics.neutrinoTemperature
                    dimensional all "⟨σv⟩ → cm³/s" [ Thermodynamics.sigmaV, energy -2; hc, e1; fm2, dimension 0 2 0; c, dimension 0 1 -1 ]
                        (dimension 0 3 -1) Thermodynamics.sigmaVToCm3PerSecond
                    dimensional all "⟨σv⟩ → MeV⁻²" [ Thermodynamics.sigmaVCm3, dimension 0 3 -1; hc, e1; fm2, dimension 0 2 0; c, dimension 0 1 -1 ]
                        (energy -2) Thermodynamics.sigmaVFromCm3PerSecond
                    dimensional all "Ωh²" [ Thermodynamics.m, e1; s0, dimension 0 -3 0; rhoc, dimension 1 -3 0 ] one Thermodynamics.omegaH2
                    dimensional all "ρ_DM" [ Thermodynamics.entropy, energy 3; s0, dimension 0 -3 0; rhoc, dimension 1 -3 0 ] (energy 4)
                        Thermodynamics.darkMatterDensity ] }
      { Id = "thermo.friedmann"
        Title = "H² = 8πρ/(3M_Pl²) with ρ = (π²/30) g_eff T⁴"
        Equation = "Friedmann equation, radiation era"
        Statement = "The compiled Hubble rate H = sqrt(8π³ g_eff/90) T²/M_Pl is the Friedmann equation H² = 8πGρ/3 with G = 1/M_Pl² and the plasma's energy density ρ = (π²/30) g_eff T⁴."
        Domain = "g_eff, T, M_Pl > 0"
        Check = fun () -> Prove.equal all "H²" (Thermodynamics.hubble ** 2) (8 * pi * Thermodynamics.energyDensity / (3 * mpl ** 2)) }
      { Id = "thermo.entropy"
        Title = "s = (ρ + p)/T = 4ρ/(3T) for radiation with h_eff = g_eff"
        Equation = "Kolb & Turner ch. 3"
        Statement = "For a radiation plasma (p = ρ/3) without thresholds (h_eff = g_eff) the entropy density (2π²/45) h_eff T³ is (ρ + p)/T: the prefactors 2π²/45 and (4/3)(π²/30) agree."
        Domain = "g_eff = h_eff, T > 0"
        Check =
          fun () ->
              let rho = Thermodynamics.energyDensity
              Prove.equal all "s" (Structure.substitute h g Thermodynamics.entropyDensity) ((rho + rho / 3) / T) }
      { Id = "thermo.gstar-rate"
        Title = "(1 + δ/3) s/H = sqrt(π/45) M_Pl g_*^{1/2} T"
        Equation = "Gondolo & Gelmini (1991) eq. (3.10); seed 000 eq. (21)"
        Statement = "The freeze-out coefficient λ = (1 + δ/3) s⟨σv⟩/H of the rate equations (in u = ln x) is the familiar sqrt(π/45) M_Pl g_*^{1/2} T ⟨σv⟩ with g_*^{1/2} = (h_eff/√g_eff)(1 + δ/3): the Gondolo–Gelmini form of the Boltzmann equation."
        Domain = "g_eff, h_eff, T, M_Pl > 0; 1 + δ/3 > 0"
        Check =
          fun () ->
              let lhs = (1 + delta / 3) * Thermodynamics.entropyDensity / Thermodynamics.hubble
              Prove.equal all "(1 + δ/3) s/H" lhs (sqrt (pi / 45) * mpl * Thermodynamics.gStarSqrt * T) }
      { Id = "thermo.neutrino-temperature"
        Title = "T_ν/T → 1 while e± are relativistic (h_e = 7/2) and → (4/11)^{1/3} after they annihilate (h_e = 0)"
        Equation = "entropy conservation after ν decoupling"
        Statement = "With instantaneous decoupling, (T_ν/T)³ = (2 + h_e)/(11/2): entropy of γ and e± (2 + h_e, h_e = 7/2 when massless) is conserved while the neutrinos keep T_ν ∝ 1/a."
        Domain = "T > 0"
        Check =
          fun () ->
              let tnu = Thermodynamics.neutrinoTemperature
              let he = Thermodynamics.he
              Prove.all
                  [ Prove.equal all "h_e = 7/2" (Structure.substitute he (rat 7 2) tnu) T
                    Prove.equal all "h_e = 0" (Structure.substitute he Ops.zero tnu) (rat 4 11 ** rat 1 3 * T) ] }
      { Id = "thermo.electron-entropy"
        Title = "h_e(0) = 7/2: the e± entropy integrand at m_e = 0 is (4/3)q³/(e^q + 1) and (45/π⁴)(4/3)·3!·η(4) = 7/2"
        Equation = "s = (ρ + p)/T for e±, g = 4"
        Statement = "At y = m_e/T = 0 the integrand q²(ε + q²/(3ε))e^{−ε}/(1 + e^{−ε}) is (4/3)q³/(e^q + 1); with ∫₀^∞ q³/(e^q + 1) dq = 3! η(4) (term-by-term ∫₀^∞ q³e^{−kq} dq = 3!/k⁴, the antiderivative checked by differentiation) and η(4) = (1 − 2⁻³)ζ(4) = 7π⁴/720, h_e(0) = (45/π⁴)(4/3)·6·7π⁴/720 = 7/2 = (7/8)·4: four fermionic degrees of freedom."
        Domain = "q > 0"
        Check =
          fun () ->
              let k = Symbol "k"
              Prove.all
                  [ Prove.equal all "integrand at y = 0" (Structure.substitute y Ops.zero Thermodynamics.electronEntropyIntegrand)
                        (rat 4 3 * q ** 3 / (exp q + 1))
                    Prove.equal all "d/dq of the antiderivative of q³e^{−kq}" (Calculus.differentiate q (gammaAntiderivative 3 k)) (q ** 3 * exp (-k * q))
                    Prove.equal all "its value at q = 0" (Structure.substitute q Ops.zero (gammaAntiderivative 3 k)) (-6 / k ** 4)
                    Prove.equal all "h_e(0)" (Structure.substitute Thermodynamics.heIntegral (rat 4 3 * 6 * Zeta.etaEven 4) Thermodynamics.electronEntropyDof)
                        (rat 7 2) ] }
      { Id = "thermo.equilibrium-density"
        Title = "n_eq = g m² T K₂(m/T)/(2π²) from the compiled ln n_eq, and Y_eq = n_eq/s"
        Equation = "Maxwell–Boltzmann equilibrium; Y = n/s"
        Statement = "exp of the compiled ln n_eq = ln(g T³/(2π²)) + ln(x² K₂ᵉ(x)) − x at x = m/T, with K₂ᵉ(x) = eˣK₂(x), is the Maxwell–Boltzmann density g m² T K₂(m/T)/(2π²); and the compiled ln Y_eq = ln(45 g/(4π⁴ h_eff)) + ln ñ is ln of n_eq/s with s = (2π²/45) h_eff T³ (the temperature cancels)."
        Domain = "g, m, T, h_eff > 0"
        Check =
          fun () ->
              let m = Thermodynamics.m
              let lnN = Structure.substitute Thermodynamics.lnReduced Thermodynamics.lnReducedDensityMB Thermodynamics.lnNumberDensity
              let lnN = unscaleBessel (Structure.substitute x (m / T) lnN)
              let nMB = Thermodynamics.g * m ** 2 * T * Ops.besselK (Ops.integer 2) (m / T) / (2 * pi ** 2)
              let L = Thermodynamics.lnReduced
              let nOverS = (Thermodynamics.g * T ** 3 * exp L / (2 * pi ** 2)) / Structure.substitute Thermodynamics.hEff h Thermodynamics.entropyDensity
              Prove.all
                  [ equalWithExponentials all "n_eq" (exp lnN) nMB
                    equalWithExponentials all "Y_eq" (exp Thermodynamics.lnEquilibriumYield) nOverS ] }
      { Id = "thermo.quantum-statistics"
        Title = "Fermi–Dirac and Bose–Einstein: the series of MB densities at T/k, and the relativistic factors η(3) = (3/4)ζ(3) and ζ(3)"
        Equation = "n = g/(2π²) ∫ p² dp/(e^{E/T} ∓ 1)"
        Statement = "1/(e^ε − σ) = Σ_{k=1}^{N} σ^{k−1} e^{−kε} + σ^N e^{−Nε}/(e^ε − σ) (checked for N = 3), so n = Σ_k σ^{k−1} n_MB(m, T/k); the compiled series term is σ^{k−1} n_MB(m, T/k)/n_MB(m, T) with n_MB = g m² T K₂(m/T)/(2π²) (scaled Bessel functions written out). For m → 0, n_MB(T/k) → g T³/(π² k³) (since ∫₀^∞ q² e^{−kq} dq = 2/k³, antiderivative checked), so n_BE/n_MB → ζ(3) and n_FD/n_MB → η(3) = Σ(−1)^{k+1}/k³ = (1 − 2^{1−3}) ζ(3) = (3/4) ζ(3): the alternating and plain sums differ by twice the even terms, 2·2^{−3}ζ(3) (the partial sums up to 2N = 60 satisfy Σ_{k≤2N}(−1)^{k+1}/k³ = Σ_{k≤2N} 1/k³ − 2^{−2} Σ_{j≤N} 1/j³ exactly). The non-relativistic limit (terms k ≥ 2 carry e^{−(k−1)m/T}) is checked numerically (ThermodynamicsTests: FD/MB − 1 < 5e-5 at m/T = 10)."
        Domain = "ε, k, m, T > 0"
        Check =
          fun () ->
              let eps, s, k = Symbol "epsilon", Symbol "sigma", Symbol "k"
              let geometric =
                  List.sum [ for j in 1 .. 3 -> s ** (j - 1) * exp (-j * eps) ] + s ** 3 * exp (-3 * eps) / (exp eps - s)
              let m, g = Thermodynamics.m, Thermodynamics.g
              let nMB (temperature: Expr) = g * m ** 2 * temperature * Ops.besselK (Ops.integer 2) (m / temperature) / (2 * pi ** 2)
              let term = unscaleBessel (Structure.substitute x (m / T) Thermodynamics.quantumSeriesTerm)
              let partial (f: int -> Q) (n: int) = Seq.fold (fun acc j -> acc + f j) Q.Zero (seq { 1 .. n })
              let inv3 (j: int) = Q.Create(System.Numerics.BigInteger.One, System.Numerics.BigInteger.Pow(System.Numerics.BigInteger j, 3))
              let alternating = partial (fun j -> if j % 2 = 1 then inv3 j else -(inv3 j)) 60
              let plain = partial inv3 60
              let half = partial inv3 30
              Prove.all
                  [ Prove.equal all "1/(e^ε − σ), N = 3" (1 / (exp eps - s)) geometric
                    equalWithExponentials all "series term" term (s ** (k - 1) * nMB (T / k) / nMB T)
                    Prove.equal all "d/dq of the antiderivative of q²e^{−kq}" (Calculus.differentiate q (gammaAntiderivative 2 k)) (q ** 2 * exp (-k * q))
                    Prove.equal all "its value at q = 0" (Structure.substitute q Ops.zero (gammaAntiderivative 2 k)) (-2 / k ** 3)
                    Prove.identical "Σ(−1)^{k+1}/k³ = Σ1/k³ − 2^{−2}Σ1/j³ (2N = 60)" (Number alternating) (Number(plain - Q.Create(System.Numerics.BigInteger.One, System.Numerics.BigInteger 4) * half))
                    Prove.equal all "1 − 2^{1−3}" (1 - Ops.integer 2 ** (1 - 3)) (rat 3 4) ] }
      { Id = "thermo.relic-units"
        Title = "the ⟨σv⟩ conversions are inverse, and Ωh² of ρ_DM/s is Ω_DM h²"
        Equation = "Ωh² = m s₀ Y/(ρ_c/h²); ρ_DM/s = Ω_DM h² (ρ_c/h²)/s₀"
        Statement = "Converting ⟨σv⟩ to cm³/s and back is the identity, and the dark-matter density per entropy used for M_cut (ρ_DM/s = Ω_DM h² (ρ_c/h²)/s₀) is the one whose yield Y = ρ_DM/(m s) gives Ωh² = Ω_DM h² (n_c = 1): the two uses of s₀ and ρ_c/h² are consistent."
        Domain = "all > 0"
        Check =
          fun () ->
              let fromCm3 = Structure.substitute Thermodynamics.sigmaVCm3 Thermodynamics.sigmaVToCm3PerSecond Thermodynamics.sigmaVFromCm3PerSecond
              let m, s = Thermodynamics.m, Thermodynamics.entropy
              let yld = Thermodynamics.darkMatterDensity / (m * s)
              let omega =
                  Thermodynamics.omegaH2 |> Structure.substitute Thermodynamics.Y yld |> Structure.substitute Thermodynamics.chargeStates Ops.one
              Prove.all
                  [ Prove.equal all "from(to(σv))" fromCm3 Thermodynamics.sigmaV
                    Prove.equal all "Ωh²(ρ_DM/s)" omega Thermodynamics.omegaDM.Symbol ] } ]
