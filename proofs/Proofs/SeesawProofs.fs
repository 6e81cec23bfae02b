/// Proof obligations for the seesaw completion of seed 001 sec. 3 (eqs. 3.5–3.14). The expressions under test are
/// those derived by NuDM.Physics.Seesaw (rotations, characteristic polynomial, block formula); the printed forms
/// below are typed from the paper only to be compared with them. Orders are powers of ε, where y_i → ε y_i.
module NuDM.Proofs.SeesawProofs

open NuDM.Symbolic
open NuDM.Symbolic.Notation
open NuDM.Physics

let private y1, y2, v, mChi, MN, M1 = Seesaw.y1, Seesaw.y2, Seesaw.v, Seesaw.mChi, Seesaw.MN, Seesaw.M1
let private eps, delta, lambda = Seesaw.epsilon, Seesaw.delta, Seesaw.lambda
let private dom = Seesaw.Domain
let private domainText = "y₁, y₂, v, m_χ, M_N, M₁, ε, δ > 0 (real), m_χ M_N − M₁² > 0"
let private d () = Seesaw.derivation.Force()
let private noM1 (e: Expr) = Structure.substitute M1 Ops.zero e

/// e = O(ε^k): every term of its Puiseux series at ε → 0⁺ below ε^k vanishes (decided on the normal forms of the
/// coefficients).
let private vanishesTo (what: string) (k: int) (e: Expr) : Outcome =
    let ser = Series.puiseux dom eps Ops.zero k e
    let low = ser.Terms |> List.filter (fun (q, _) -> q < Q.OfInt k)
    if low.IsEmpty then Outcome.Pass(sprintf "%s = O(ε^%d)" what k)
    else
        let shown = low |> List.map (fun (q, c) -> sprintf "ε^%O·(%s)" q (Infix.format c)) |> String.concat " + "
        Outcome.Fail(sprintf "%s is not O(ε^%d): %s" what k shown)

/// The coefficient of δ^k in the series of e at δ → 0⁺.
let private deltaCoefficient (assume: Assumptions) (k: int) (e: Expr) =
    let ser = Series.puiseux assume delta Ops.zero (k + 1) e
    match ser.Terms |> List.tryFind (fun (q, _) -> q = Q.OfInt k) with
    | Some(_, c) -> c
    | None -> Ops.zero

let obligations : Obligation list =
    [ { Id = "seesaw.rotations"
        Title = "R₁₂(θ_eχ), R₁₃(θ_eN) are orthogonal; the seesaw angles are the printed ones"
        Equation = "seed 001 sec. 3 (θ_eχ = y₂v/m_χ, θ_eN = y₁v/M_N)"
        Statement = "With cos = (1+t²)^(−1/2), sin = t cos, t = tan θ, RᵀR = 1 holds identically (no trigonometric identities needed), and t = ε y₂v/m_χ resp. ε y₁v/M_N are the paper's angles (θ = t + O(ε³))."
        Domain = domainText
        Check =
          fun () ->
              let r = d ()
              let check (name: string) (rot: Expr[,]) =
                  let p = Seesaw.multiply (Seesaw.transpose rot) rot
                  [ for i in 0..2 do
                        for j in 0..2 -> Prove.equal dom (sprintf "(%sᵀ%s)_%d%d" name name (i + 1) (j + 1)) p.[i, j] Seesaw.identity.[i, j] ]
              Prove.all
                  (check "R₁₂" r.Rotation12 @ check "R₁₃" r.Rotation13
                   @ [ Prove.equal dom "tan θ_eχ" (r.Rotation12.[0, 1] / r.Rotation12.[0, 0]) (eps * y2 * v / mChi)
                       Prove.equal dom "tan θ_eN" (r.Rotation13.[0, 2] / r.Rotation13.[0, 0]) (eps * y1 * v / MN) ]) }
      { Id = "seesaw.eq-3.7"
        Title = "R₁₂ᵀ M R₁₂ at θ_eχ = y₂v/m_χ reproduces eq. (3.7) for M₁ = 0"
        Equation = "seed 001 eqs. (3.5), (3.7)"
        Statement = "The exact rotated matrix, expanded in ε (y_i → ε y_i), agrees with eq. (3.7) entry by entry: (1,1) = −y₂²v²/m_χ + O(ε⁴), (1,2) = O(ε³), (1,3) = y₁v + O(ε³), (2,2) = m_χ + O(ε²) (the dropped term is +y₂²v²/m_χ), (2,3) = y₁y₂v²/m_χ + O(ε⁴), (3,3) = M_N exactly — for M₁ = 0. Finding: eq. (3.7) drops M₁: for M₁ ≠ 0 the (1,3) entry is ε(y₁v − M₁y₂v/m_χ) + O(ε³) and the (2,3) entry is M₁ + O(ε²), so χ and N_R stay mixed at O(1) and the 1-3 rotation alone no longer block-diagonalises."
        Domain = domainText
        Check =
          fun () ->
              let r = d ()
              let m0 = r.AfterRotation12 |> Seesaw.map noM1
              let p = Seesaw.printedEq37
              let orders = array2D [ [ 4; 3; 3 ]; [ 3; 2; 4 ]; [ 3; 4; 100 ] ]
              let entries =
                  [ for i in 0..2 do
                        for j in i..2 ->
                            if orders.[i, j] = 100 then Prove.equal dom "(3,3)" m0.[i, j] p.[i, j]
                            else vanishesTo (sprintf "(%d,%d) − eq. (3.7)" (i + 1) (j + 1)) orders.[i, j] (m0.[i, j] - p.[i, j]) ]
              let general =
                  [ vanishesTo "(1,3) − ε(y₁v − M₁y₂v/m_χ) [M₁ ≠ 0]" 3 (r.AfterRotation12.[0, 2] - eps * (y1 * v - M1 * y2 * v / mChi))
                    vanishesTo "(2,3) − M₁ [M₁ ≠ 0]" 2 (r.AfterRotation12.[1, 2] - M1) ]
              Prove.all (entries @ general) }
      { Id = "seesaw.two-rotations"
        Title = "after the 1-2 and 1-3 rotations the light state decouples at O(ε²) with −(y₂²v²/m_χ + y₁²v²/M_N)"
        Equation = "seed 001 sec. 3 (text after eq. 3.9), eq. (3.12)"
        Statement = "For M₁ = 0, R₁₃ᵀ R₁₂ᵀ M R₁₂ R₁₃ with the paper's angles has (1,1) = −ε²(y₂²v²/m_χ + y₁²v²/M_N) + O(ε⁴) and (1,2), (1,3) = O(ε³): the off-diagonal terms shift the light eigenvalue only at O(ε⁶), so θ_eχ = y₂v/m_χ and θ_eN = y₁v/M_N are the leading mixings and m_ν ≈ y₂²v²/m_χ + y₁²v²/M_N."
        Domain = domainText + ", M₁ = 0"
        Check =
          fun () ->
              let b = (d ()).AfterBothRotations
              Prove.all
                  [ vanishesTo "(1,1) + ε²(y₂²v²/m_χ + y₁²v²/M_N)" 4 (b.[0, 0] + eps * eps * Seesaw.paperLightMass)
                    vanishesTo "(1,2)" 3 b.[0, 1]
                    vanishesTo "(1,3)" 3 b.[0, 2] ] }
      { Id = "seesaw.light-eigenvalue"
        Title = "λ_light = −M_D M_H⁻¹ M_Dᵀ + O(ε⁴); at M₁ = 0, m_ν = y₂²v²/m_χ + y₁²v²/M_N"
        Equation = "seed 001 eqs. (3.5), (3.7), (3.12)"
        Statement = "p(λ) = det(M − λ) has p(0) = O(ε²) and ∂p/∂λ(0) = −(m_χM_N − M₁²) + O(ε²) ≠ 0, so exactly one root is O(ε²) (implicit function theorem). With λ = ε²A + ε⁴C substituted, p is an exact polynomial in ε; its ε² coefficient vanishes for A = a = −v²(y₂²M_N − 2y₁y₂M₁ + y₁²m_χ)/(m_χM_N − M₁²), which equals −M_D M_H⁻¹ M_Dᵀ computed by matrix inversion; and with C = c (derived) the coefficients of ε⁰ … ε⁵ all vanish: p(ε²a + ε⁴c) = O(ε⁶). At M₁ = 0, −a = y₂²v²/m_χ + y₁²v²/M_N (the paper's m_ν) and c = +(y₂²v²/m_χ + y₁²v²/M_N)(θ_eχ² + θ_eN²): m_ν = m_ν⁽⁰⁾(1 − θ_eχ² − θ_eN² + O(θ⁴)), a relative NLO correction of −1.0 × 10⁻⁷ at the benchmark (θ_eχ² = 9.8 × 10⁻⁸)."
        Domain = domainText
        Check =
          fun () ->
              let r = d ()
              let p = r.CharacteristicPolynomial
              let dpdl0 = Structure.substitute eps Ops.zero (Structure.substitute lambda Ops.zero (Calculus.differentiate lambda p))
              // p(ε²A + ε⁴C) as an exact polynomial in ε; its coefficients with A = a, C = c must vanish below ε⁶
              let coeffs = Seesaw.epsilonCoefficients p |> Array.ofList
              let withAC (k: int) =
                  if k >= coeffs.Length then Ops.zero
                  else coeffs.[k] |> Structure.substitute Seesaw.trialA r.LightEigenvalueLO |> Structure.substitute Seesaw.trialC r.LightEigenvalueNLO
              let lo0 = noM1 r.LightEigenvalueLO
              let nlo0 = noM1 r.LightEigenvalueNLO
              let expectedNlo0 = Seesaw.paperLightMass * ((y2 * v / mChi) ** 2 + (y1 * v / MN) ** 2)
              Prove.all
                  ([ vanishesTo "p(0)" 2 (Structure.substitute lambda Ops.zero p)
                     Prove.equal dom "∂p/∂λ at λ = ε = 0" dpdl0 (-(mChi * MN - M1 * M1))
                     Prove.positive dom "m_χ M_N − M₁² (simple root)" (mChi * MN - M1 * M1) ]
                   @ [ for k in 0..5 -> Prove.equal dom (sprintf "ε^%d coefficient of p(ε²a + ε⁴c)" k) (withAC k) Ops.zero ]
                   @ [ Prove.equal dom "a = −M_D M_H⁻¹ M_Dᵀ" r.LightEigenvalueLO r.SeesawFormula
                       Prove.equal dom "−a at M₁ = 0" (-lo0) Seesaw.paperLightMass
                       Prove.equal dom "c at M₁ = 0" nlo0 expectedNlo0
                       Prove.equal dom "c at M₁ = 0 = (1,1) ε⁴ term after the two rotations"
                           nlo0 (Seesaw.coefficient 4 5 r.AfterBothRotations.[0, 0]) ]) }
      { Id = "seesaw.m1-corrections"
        Title = "M₁ corrections: +2y₁y₂v²M₁/(m_χM_N) ≤ (M₁/sqrt(m_χM_N)) m_ν, then O(M₁²/(m_χM_N)); m_χ shifts by −M₁²/(M_N − m_χ)"
        Equation = "seed 001 sec. 3 (assumption M₁ ≪ M_N below eq. 3.5)"
        Statement = "Expanding a in M₁ (M₁ → δM₁): a = −m_ν⁽⁰⁾ + δ·2y₁y₂v²M₁/(m_χM_N) − δ²·m_ν⁽⁰⁾M₁²/(m_χM_N) + O(δ³), m_ν⁽⁰⁾ = y₂²v²/m_χ + y₁²v²/M_N. Since y₂²M_N + y₁²m_χ − 2y₁y₂sqrt(m_χM_N) = (y₂sqrt(M_N) − y₁sqrt(m_χ))² ≥ 0, the first-order term is at most M₁/sqrt(m_χM_N) of m_ν⁽⁰⁾. The lighter heavy eigenvalue is m_χ − M₁²/(M_N − m_χ) + O(M₁⁴). Finding: the expansion parameter is M₁/sqrt(m_χ M_N), not M₁/M_N: the paper's condition M₁ ≪ M_N must be read as M₁² ≪ m_χ M_N (M₁ ≪ 71 MeV for m_χ = 5 MeV, M_N = 1 GeV). θ_eN = y₁v/M_N needs more: its correction is −θ_eχM₁/M_N, small only for M₁ ≪ (y₁/y₂) m_χ."
        Domain = domainText + ", M_N > m_χ"
        Check =
          fun () ->
              let r = d ()
              let domH = dom.AndPositive(MN - mChi)
              let aD = Structure.substitute M1 (delta * M1) r.LightEigenvalueLO
              let heavyD = Structure.substitute M1 (delta * M1) (fst r.HeavyEigenvaluesAtZeroYukawa)
              let m0 = Seesaw.paperLightMass
              let thetaChi, thetaN = r.MixingLO
              Prove.all
                  [ Prove.equal dom "δ⁰" (deltaCoefficient dom 0 aD) (-m0)
                    Prove.equal dom "δ¹" (deltaCoefficient dom 1 aD) (2 * y1 * y2 * v * v * M1 / (mChi * MN))
                    Prove.equal dom "δ²" (deltaCoefficient dom 2 aD) (-(m0 * M1 * M1 / (mChi * MN)))
                    Prove.equal dom "AM–GM square" (y2 * y2 * MN + y1 * y1 * mChi - 2 * y1 * y2 * sqrt (mChi * MN)) ((y2 * sqrt MN - y1 * sqrt mChi) ** 2)
                    Prove.equal domH "lighter heavy eigenvalue, δ⁰" (deltaCoefficient domH 0 heavyD) mChi
                    Prove.equal domH "lighter heavy eigenvalue, δ¹" (deltaCoefficient domH 1 heavyD) Ops.zero
                    Prove.equal domH "lighter heavy eigenvalue, δ²" (deltaCoefficient domH 2 heavyD) (-(M1 * M1 / (MN - mChi)))
                    Prove.equal dom "θ_eN first order in M₁" (deltaCoefficient dom 1 (Structure.substitute M1 (delta * M1) thetaN)) (-(y2 * v / mChi) * M1 / MN)
                    Prove.equal dom "θ_eχ first order in M₁" (deltaCoefficient dom 1 (Structure.substitute M1 (delta * M1) thetaChi)) (-(y1 * v / MN) * M1 / mChi) ] }
      { Id = "seesaw.mixing"
        Title = "the light eigenvector is (1, −εΘ_eχ, −εΘ_eN) + O(ε³), Θ = M_D M_H⁻¹ → (y₂v/m_χ, y₁v/M_N) at M₁ = 0"
        Equation = "seed 001 sec. 3 (θ_eχ, θ_eN, eq. 3.10)"
        Statement = "Rows 2–3 of (M − λ)u = 0 with u_ν = 1 give (u_χ, u_N) = −ε(M_H − λ)⁻¹ M_Dᵀ exactly. At λ = 0 this is −ε(Θ_eχ, Θ_eN) with Θ = M_D M_H⁻¹; ∂u/∂λ at 0 is −εM_H⁻² M_Dᵀ, finite, and λ_light = O(ε²), so the light eigenvector differs from (1, −εΘ) at O(ε³), and normalisation changes it at O(ε³) too. At M₁ = 0, Θ = (y₂v/m_χ, y₁v/M_N)."
        Domain = domainText
        Check =
          fun () ->
              let r = d ()
              let uChi, uN = r.LightEigenvector
              let thChi, thN = r.MixingLO
              let det = mChi * MN - M1 * M1
              // M_H⁻¹ = [[M_N, −M₁], [−M₁, m_χ]]/det; M_H⁻² M_Dᵀ
              let hInv = array2D [ [ MN / det; -M1 / det ]; [ -M1 / det; mChi / det ] ]
              let md = [| y2 * v; y1 * v |]
              let hInvMd = [| for i in 0..1 -> hInv.[i, 0] * md.[0] + hInv.[i, 1] * md.[1] |]
              let hInv2Md = [| for i in 0..1 -> hInv.[i, 0] * hInvMd.[0] + hInv.[i, 1] * hInvMd.[1] |]
              let at0 (e: Expr) = Structure.substitute lambda Ops.zero e
              Prove.all
                  [ Prove.equal dom "u_χ(λ = 0)" (at0 uChi) (-(eps * thChi))
                    Prove.equal dom "u_N(λ = 0)" (at0 uN) (-(eps * thN))
                    Prove.equal dom "Θ_eχ = (M_D M_H⁻¹)_χ" thChi hInvMd.[0]
                    Prove.equal dom "Θ_eN = (M_D M_H⁻¹)_N" thN hInvMd.[1]
                    Prove.equal dom "∂u_χ/∂λ at 0" (at0 (Calculus.differentiate lambda uChi)) (-(eps * hInv2Md.[0]))
                    Prove.equal dom "∂u_N/∂λ at 0" (at0 (Calculus.differentiate lambda uN)) (-(eps * hInv2Md.[1]))
                    Prove.equal dom "Θ_eχ at M₁ = 0" (noM1 thChi) (y2 * v / mChi)
                    Prove.equal dom "Θ_eN at M₁ = 0" (noM1 thN) (y1 * v / MN) ] }
      { Id = "seesaw.eq-3.14"
        Title = "eq. (3.14) is the leading-order m_ν with y_ref = sqrt(m_ref M_ref)/v; the printed x-weighting is not"
        Equation = "seed 001 eq. (3.14)"
        Statement = "With y₁,ref = sqrt(m_ref GeV)/v and y₂,ref = sqrt(m_ref MeV)/v, y₂²v²/m_χ + y₁²v²/M_N ≡ m_ref[(y₁/y₁,ref)²(GeV/M_N) + (y₂/y₂,ref)²(MeV/m_χ)], and y₂,ref/y₁,ref = 10^(−3/2) exactly (the printed exponents −7.25, −8.75 differ by 1.5). For m_ref = 0.1 eV, v = 174 GeV the exponents are −7.2405 and −8.7405 (tests). Finding: with x = T₂/(T₁+T₂) the χ share (T₁, T₂ the two terms), T₁ = (1−x)(T₁+T₂) and T₂ = x(T₁+T₂), so eq. (3.14) is right when read as 'm_ν/0.1 eV = T₁ + T₂, a fraction x from χ'; read literally, (1−x)T₁ + xT₂ = (T₁² + T₂²)/(T₁+T₂), which differs from T₁ + T₂ by −2T₁T₂/(T₁+T₂) unless x ∈ {0, 1}."
        Domain = domainText + ", m_ref, GeV, MeV > 0"
        Check =
          fun () ->
              let mRef, gev, mev = Symbol "m_ref", Symbol "GeV", Symbol "MeV"
              let dom2 = dom.AndPositive(mRef).AndPositive(gev).AndPositive(mev)
              let y1ref = sqrt (mRef * gev) / v
              let y2ref = sqrt (mRef * mev) / v
              let t1 = (y1 / y1ref) ** 2 * gev / MN
              let t2 = (y2 / y2ref) ** 2 * mev / mChi
              let x = t2 / (t1 + t2)
              let ratio = Structure.substitute mev (gev / 1000) (y2ref / y1ref)
              Prove.all
                  [ Prove.equal dom2 "m_ν^LO = m_ref (T₁ + T₂)" Seesaw.paperLightMass (mRef * (t1 + t2))
                    Prove.equal dom2 "y₂,ref / y₁,ref at MeV = GeV/1000" ratio (Expr.Int 10 ** rat -3 2)
                    Prove.equal dom2 "T₁ = (1 − x)(T₁ + T₂)" t1 ((1 - x) * (t1 + t2))
                    Prove.equal dom2 "literal (1−x)T₁ + xT₂ − (T₁+T₂)" ((1 - x) * t1 + x * t2 - (t1 + t2)) (-(2 * t1 * t2 / (t1 + t2))) ] }
      { Id = "seesaw.eqs-3.9-3.13"
        Title = "the chain (3.9) → (3.11) → (3.12) → (3.13): M_N = y₁y₃v/y_χ, m_ν = y₁vy_χ/y₃, M_N = m_ν y₃²/y_χ²"
        Equation = "seed 001 eqs. (3.9), (3.11)–(3.13)"
        Statement = "Solving y_χ = v y₁ y₃/M_N (3.9) for M_N gives M_N = y₁y₃v/y_χ (3.11, ≈ y₁[10⁶, 10⁷] GeV for y₃ = 1); then m_ν = y₁²v²/M_N = y₁ v y_χ/y₃ (3.12); solving m_ν = y₁vy_χ/y₃ for y₁ gives y₁ = m_ν y₃/(v y_χ) (3.13) and M_N = m_ν y₃²/y_χ², i.e. M_N ∈ [0.01, 1] GeV for m_ν = 0.1 eV, y₃ = 1 and y_χ ∈ [10⁻⁵, 10⁻⁴] — the paper's O(10⁻²–1) GeV (numbers in the tests)."
        Domain = "y₁, y₃, y_χ, v, M_N, m_ν > 0"
        Check =
          fun () ->
              let y3, yChi, mNu = Symbol "y_3", Symbol "y_chi", Symbol "m_nu"
              let dom3 = Assumptions.Positive [ "y_1"; "y_3"; "y_chi"; "v"; "M_N"; "m_nu" ]
              let single (xs: Expr list) = match xs with [ x ] -> x | _ -> Undefined
              let mNSol = single (Solve.polynomialWith dom3 MN (Normal.simplifyWith dom3 (yChi * MN - v * y1 * y3)))
              let mNuOfY1 = Normal.simplifyWith dom3 (y1 * y1 * v * v / mNSol)
              let y1Sol = single (Solve.polynomialWith dom3 y1 (Normal.simplifyWith dom3 (mNuOfY1 - mNu)))
              Prove.all
                  [ Prove.equal dom3 "M_N from (3.9)" mNSol (y1 * y3 * v / yChi)
                    Prove.equal dom3 "m_ν = y₁²v²/M_N (3.12)" mNuOfY1 (y1 * v * yChi / y3)
                    Prove.equal dom3 "y₁ (3.13)" y1Sol (mNu * y3 / (v * yChi))
                    Prove.equal dom3 "M_N at the bound" (Structure.substitute y1 y1Sol mNSol) (mNu * y3 * y3 / (yChi * yChi)) ] } ]
