namespace NuDM.Physics

open System
open NuDM.Symbolic
open NuDM.Symbolic.Notation

/// Decays: X → νγ at one loop (seed 000 eq. 3) and the DM-stability bound derived from it (seed 000 eq. 4).
[<RequireQualifiedAccess>]
module Decays =
    let private s = Symbol
    /// Symbols: m_X, m_phi (MeV), y_X, y_q (dimensionless), alpha (α_EM), t_U (age of the Universe, MeV⁻¹), r = m_φ/m_X.
    let mX, mPhi, yX, yQ, alpha, tU, r = s "m_X", s "m_phi", s "y_X", s "y_q", s "alpha", s "t_U", s "r"
    /// The product y_X y_q whose bound eq. (4) states.
    let product = s "yXyq"

    /// Γ(X → νγ) = y_X² y_q² α m_X⁵ / (192 π⁴ m_φ⁴), MeV (seed 000 eq. 3; a one-loop result quoted from the seed,
    /// not re-derived here).
    let width = yX ** 2 * yQ ** 2 * alpha * mX ** 5 / (192 * pi ** 4 * mPhi ** 4)

    [<CompiledName("WidthFormula")>]
    let widthFormula () =
        Formula.create "Gamma_X_nu_gamma" width
            [ "y_X", "1", "DM–ν–φ Yukawa y_X"; "y_q", "1", "φ–quark Yukawa y_q"; "alpha", "1", "fine-structure constant"
              "m_X", "MeV", "DM mass"; "m_phi", "MeV", "mediator mass" ]
            "MeV" "seed 000 eq. (3)" "one-loop width of X → ν γ"

    /// The stability bound derived symbolically: Γ(y_X y_q = P) · t_U = 1 solved for P > 0, then m_φ = r m_X.
    /// Returns (P(m_X, m_φ, α, t_U), P(m_X, r, α, t_U)).
    let stabilityBound =
        lazy
            (let gamma = Structure.substitute (yX * yQ) product (Structure.substitute yX (product / yQ) width)
             let eq = gamma * tU - 1
             let dom = Assumptions.Positive [ "m_X"; "m_phi"; "alpha"; "t_U"; "yXyq"; "y_q"; "r" ]
             let roots = Solve.polynomialWith dom product (Normal.simplifyWith dom eq)
             let p =
                 match roots |> List.filter (fun root -> Normal.signWith dom root > 0) with
                 | [ root ] -> root
                 | rs -> failwithf "stability bound: expected one positive root, got %A" rs
             p, Normal.simplifyWith dom (Structure.substitute mPhi (r * mX) p))

    /// Upper bound on y_X y_q from requiring Γ(X→νγ) t_U ≤ 1 (seed 000 eq. 4, derived), as a formula in m_X (MeV) and r.
    [<CompiledName("StabilityBoundFormula")>]
    let stabilityBoundFormula () =
        let _, inR = stabilityBound.Force()
        let e =
            inR
            |> Structure.substitute alpha (Number(Q.OfDouble Constants.AlphaEM))
            |> Structure.substitute tU (Number(Q.OfDouble(Constants.AgeOfUniverse_s / Constants.InvMeV_s)))
        Formula.create "yXyq_stability" e [ "m_X", "MeV", "DM mass"; "r", "1", "m_φ/m_X" ] "1" "seed 000 eq. (4), derived from eq. (3)"
            "largest y_X y_q with Γ(X→νγ) ≤ 1/t_U (t_U = 13.787 Gyr)"

    /// The prefactor of (r/3)² sqrt(10 MeV/m_X) in the derived bound, to compare with the seed's 2 × 10⁻¹⁵.
    [<CompiledName("StabilityPrefactor")>]
    let stabilityPrefactor () : float =
        let f = (stabilityBoundFormula ()).Compile2()
        f.Invoke(10.0, 3.0)

    /// G_F, the Fermi constant (MeV⁻²).
    let gF = s "G_F"
    /// The sterile-neutrino mixing with the same X → νγ rate: sin²2θ ≃ y_X² y_q² / (m_φ⁴ G_F²) (seed 000 sec. II.A).
    let sterileMixingEquivalent = yX ** 2 * yQ ** 2 / (mPhi ** 4 * gF ** 2)

    /// Sterile-neutrino X-ray recast (seed 000 sec. II.A): sin²2θ ≃ y_q² y_X² / (m_φ⁴ G_F²).
    [<CompiledName("SterileMixingEquivalentFormula")>]
    let sterileMixingEquivalentFormula () =
        let e = Structure.substitute gF (Number(Q.OfDouble Constants.FermiConstant)) sterileMixingEquivalent
        Formula.create "sin2_2theta_equivalent" e [ "y_X", "1", "y_X"; "y_q", "1", "y_q"; "m_phi", "MeV", "mediator mass" ] "1"
            "seed 000 sec. II.A" "the sterile-neutrino mixing sin²2θ with the same X → νγ rate"
