/// Proof obligations for the neutrino fluxes of NuDM.Physics.Fluxes: pion and muon decay at rest (seed 001
/// eqs. 2.22–2.24) and the fuel-composition relation used for reactors. The expressions under test are the ones
/// the program compiles; the printed forms are typed from the paper only to be compared with them.
module NuDM.Proofs.FluxProofs

open NuDM.Symbolic
open NuDM.Symbolic.Notation
open NuDM.Physics

let private E, m, mpi, x = Fluxes.EnergySymbol, Fluxes.MuonMassSymbol, Fluxes.PionMassSymbol, Fluxes.MichelXSymbol
let private domain = Fluxes.Domain
let private domainText = "E_ν, m_μ, m_π, x > 0 (real)"

/// seed 001 eq. (2.23) as printed.
let printedMuonAntineutrino = 64 * E ** 2 / m ** 3 * (rat 3 4 - E / m)
/// seed 001 eq. (2.24) as printed.
let printedElectronNeutrino = 192 * E ** 2 / m ** 3 * (rat 1 2 - E / m)
/// seed 001 eq. (2.22) as printed.
let printedLineEnergy = (mpi ** 2 - m ** 2) / (2 * mpi)

let private antiMu () = Fluxes.MuonAntineutrinoShapeFormula.Expression
let private electron () = Fluxes.ElectronNeutrinoShapeFormula.Expression
let private endpoint = m / 2
let private integral e = Calculus.definiteIntegral E Ops.zero endpoint e

let obligations : Obligation list =
    [ { Id = "flux.pion-line"
        Title = "π⁺ → μ⁺ν_μ at rest: E₀ = (m_π² − m_μ²)/(2m_π), 0 < E₀ < m_π/2"
        Equation = "seed 001 eq. (2.22)"
        Statement = "The line energy is derived as the zero of m_π − E − sqrt(E² + m_μ²) (energy conservation with |p_μ| = |p_ν| = E, massless ν); the single root equals the printed (m_π² − m_μ²)/(2m_π) and satisfies the unsquared equation (m_π − E₀ = (m_π² + m_μ²)/(2m_π) > 0, so squaring added no root). For m_π > m_μ, 0 < E₀ and m_π/2 − E₀ = m_μ²/(2m_π) > 0. With PDG 2024 masses E₀ = 29.792 MeV (test FluxTests; the paper says ≈ 29.8 MeV)."
        Domain = domainText + ", m_π > m_μ"
        Check =
          fun () ->
              let dom = domain.AndPositive(mpi - m)
              let e0 = Fluxes.PionLineEnergyFormula.Expression
              Prove.all
                  [ Prove.equal dom "E₀" e0 printedLineEnergy
                    Prove.equal dom "energy conservation at E₀" (mpi - e0 - sqrt (e0 ** 2 + m ** 2)) Ops.zero
                    Prove.equal dom "m_π − E₀" (mpi - e0) ((mpi ** 2 + m ** 2) / (2 * mpi))
                    Prove.positive dom "E₀" e0
                    Prove.equal dom "m_π/2 − E₀" (mpi / 2 - e0) (m ** 2 / (2 * mpi)) ] }
      { Id = "flux.michel-shapes"
        Title = "Michel spectra in E equal the printed eqs. (2.23), (2.24)"
        Equation = "seed 001 eqs. (2.23), (2.24)"
        Statement = "From the muon-decay-at-rest spectra in x = 2E/m_μ — ν̄_μ: 2x²(3 − 2x) (the e⁺ Michel spectrum with ρ = 3/4), ν_e: 12x²(1 − x) (massless e⁺, unpolarised μ⁺, no radiative corrections) — the change of variables dN/dE = (2/m_μ) dN/dx gives exactly 64E²/m_μ³ (3/4 − E/m_μ) and 192E²/m_μ³ (1/2 − E/m_μ)."
        Domain = domainText
        Check =
          fun () ->
              Prove.all
                  [ Prove.equal domain "ν̄_μ" (antiMu ()) printedMuonAntineutrino
                    Prove.equal domain "ν_e" (electron ()) printedElectronNeutrino ] }
      { Id = "flux.michel-normalised"
        Title = "∫₀^{m_μ/2} φ dE = 1 for ν̄_μ and ν_e (and ∫₀¹ dN/dx = 1)"
        Equation = "seed 001 eqs. (2.23), (2.24)"
        Statement = "Both continuous shapes are normalised on their support [0, m_μ/2], so each flavour carries φ₀ as the ν_μ line does (eq. 2.22); in x: ∫₀¹ 2x²(3 − 2x) dx = ∫₀¹ 12x²(1 − x) dx = 1. Integrals by Calculus.definiteIntegral (exact polynomial antiderivatives)."
        Domain = domainText
        Check =
          fun () ->
              Prove.all
                  [ Prove.equal domain "∫ φ_ν̄μ" (integral (antiMu ())) Ops.one
                    Prove.equal domain "∫ φ_νe" (integral (electron ())) Ops.one
                    Prove.equal domain "∫₀¹ 2x²(3−2x)" (Calculus.definiteIntegral x Ops.zero Ops.one Fluxes.MichelMuonAntineutrinoX) Ops.one
                    Prove.equal domain "∫₀¹ 12x²(1−x)" (Calculus.definiteIntegral x Ops.zero Ops.one Fluxes.MichelElectronNeutrinoX) Ops.one ] }
      { Id = "flux.michel-mean"
        Title = "⟨E⟩ = (7/10)(m_μ/2) for ν̄_μ and (3/5)(m_μ/2) for ν_e"
        Equation = "seed 001 eqs. (2.23), (2.24)"
        Statement = "∫ E φ dE over [0, m_μ/2]: ν̄_μ 7m_μ/20 = 0.7·(m_μ/2) = 36.98 MeV, ν_e 3m_μ/10 = 0.6·(m_μ/2) = 31.70 MeV (PDG m_μ); ⟨E²⟩ = 2m_μ²/15 (ν̄_μ) and m_μ²/10 (ν_e)."
        Domain = domainText
        Check =
          fun () ->
              Prove.all
                  [ Prove.equal domain "⟨E⟩ ν̄_μ" (integral (E * antiMu ())) (rat 7 20 * m)
                    Prove.equal domain "⟨E⟩ ν_e" (integral (E * electron ())) (rat 3 10 * m)
                    Prove.equal domain "⟨E²⟩ ν̄_μ" (integral (E ** 2 * antiMu ())) (rat 2 15 * m ** 2)
                    Prove.equal domain "⟨E²⟩ ν_e" (integral (E ** 2 * electron ())) (rat 1 10 * m ** 2) ] }
      { Id = "flux.michel-endpoints"
        Title = "ν_e vanishes at E = m_μ/2 and peaks at m_μ/3; ν̄_μ is maximal (4/m_μ) at the endpoint; both ~E² at 0"
        Equation = "seed 001 eqs. (2.23), (2.24)"
        Statement = "φ_νe(m_μ/2) = 0 and dφ_νe/dE = 0 at E = m_μ/3, its maximum, φ_νe(m_μ/3) = 32/(9m_μ); φ_ν̄μ does not vanish at the endpoint: φ_ν̄μ(m_μ/2) = 4/m_μ, where its derivative is 0 (maximum at the kinematic end); φ(0) = φ'(0) = 0 for both (phase space E²). The flux code sets both to zero above m_μ/2."
        Domain = domainText
        Check =
          fun () ->
              let at e v = Structure.substitute E v e
              let d e = Calculus.differentiate E e
              Prove.all
                  [ Prove.equal domain "φ_νe(m_μ/2)" (at (electron ()) endpoint) Ops.zero
                    Prove.equal domain "φ_νe'(m_μ/3)" (at (d (electron ())) (m / 3)) Ops.zero
                    Prove.equal domain "φ_νe(m_μ/3)" (at (electron ()) (m / 3)) (rat 32 9 / m)
                    Prove.equal domain "φ_ν̄μ(m_μ/2)" (at (antiMu ()) endpoint) (4 / m)
                    Prove.equal domain "φ_ν̄μ'(m_μ/2)" (at (d (antiMu ())) endpoint) Ops.zero
                    Prove.equal domain "φ_ν̄μ(0)" (at (antiMu ()) Ops.zero) Ops.zero
                    Prove.equal domain "φ_νe(0)" (at (electron ()) Ops.zero) Ops.zero
                    Prove.equal domain "φ_ν̄μ'(0)" (at (d (antiMu ())) Ops.zero) Ops.zero
                    Prove.equal domain "φ_νe'(0)" (at (d (electron ())) Ops.zero) Ops.zero ] }
      { Id = "flux.reactor-fractions"
        Title = "Power and fission fractions: f_i = (p_i/Q_i)/Σ_j p_j/Q_j inverts p_i = f_i Q_i/Σ_j f_j Q_j"
        Equation = "reactor fuel composition (Baldoncini et al., PRD 91, 065002 (2015)); ReactorSpectrum.FissionFractionsFromPowerFractions"
        Statement = "A core of thermal power P with fission rate R has P = R Σ_j f_j Q_j; the power share of isotope i is p_i = f_i Q_i/Σ_j f_j Q_j. The conversion the code applies, f_i = (p_i/Q_i)/Σ_j (p_j/Q_j), returns the f_i when fed these p_i, and the mean energy per fission is Σ f_i Q_i = 1/Σ_j (p_j/Q_j) for Σ p_j = 1. Four isotopes, symbolic f_i, Q_i > 0."
        Domain = "f_i, Q_i > 0"
        Check =
          fun () ->
              let f = [ for i in 1 .. 4 -> Symbol(sprintf "f%d" i) ]
              let qv = [ for i in 1 .. 4 -> Symbol(sprintf "Q%d" i) ]
              let dom = Assumptions.AllPositive
              let meanQ = List.map2 (*) f qv |> List.sum
              let p = List.map2 (fun fi qi -> fi * qi / meanQ) f qv
              let back = List.map2 (fun pi qi -> pi / qi) p qv
              let backSum = List.sum back
              Prove.all
                  [ yield! List.mapi (fun i (b: Expr) -> Prove.equal dom (sprintf "f_%d recovered" (i + 1)) (b / backSum) (f.[i] / List.sum f)) back
                    yield Prove.equal dom "Σ p = 1" (List.sum p) Ops.one
                    yield Prove.equal dom "Σ f Q (Σ f = 1) = 1/Σ p/Q" (1 / backSum) (meanQ / List.sum f) ] } ]
