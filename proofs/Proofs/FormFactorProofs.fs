/// Proof obligations for the nuclear form factors of NuDM.Physics.FormFactors (Helm / Lewin–Smith and
/// Klein–Nystrand). The expressions under test are the ones the program compiles.
module NuDM.Proofs.FormFactorProofs

open NuDM.Symbolic
open NuDM.Symbolic.Notation
open NuDM.Physics

let private q, A, T, M = FormFactors.QSymbol, FormFactors.ASymbol, FormFactors.TSymbol, FormFactors.MSymbol
let private x, R, s, ak = FormFactors.XSymbol, FormFactors.RSymbol, FormFactors.SSymbol, FormFactors.AkSymbol
let private domain = FormFactors.Domain
let private domainText = "q, A, T, M, R, s, a_k, x > 0 (real)"
let private hbarc = FormFactors.HbarC

/// lim_{v→0⁺} e = 1.
let private unity what v e = Prove.limit domain what v Ops.zero Direction.FromAbove e Ops.one

let obligations : Obligation list =
    [ { Id = "ff.helm-unity"
        Title = "Helm: F(q → 0) = 1 for every A, also as F(T → 0)"
        Equation = "Lewin & Smith (1996) eq. (4.7); q = sqrt(2MT)"
        Statement = "The Helm form factor with j₁ written out, 3 (sin x − x cos x)/x³ · exp(−(qs)²/2) at x = qR₁/ħc, is 0/0 at q = 0; its limit q → 0⁺ is 1, for the generic radius R and for the Lewin–Smith R₁(A) with A symbolic, and the recoil form (q = sqrt(2MT)) tends to 1 as T → 0⁺. The Taylor-polynomial form used numerically for small q is 1 at q = 0 by substitution."
        Domain = domainText
        Check =
          fun () ->
              Prove.all
                  [ unity "F_Helm(q; R, s)" q FormFactors.HelmFormula.Expression
                    unity "F_Helm(q; A)" q FormFactors.HelmNucleusFormula.Expression
                    unity "F_Helm(T; M, A)" T FormFactors.HelmRecoilFormula.Expression
                    Prove.equal domain "series form at q = 0" (Structure.substitute q Ops.zero FormFactors.HelmNucleusSeriesFormula.Expression) Ops.one ] }
      { Id = "ff.kn-unity"
        Title = "Klein–Nystrand: F(q → 0) = 1 for every A, also as F(T → 0)"
        Equation = "Klein & Nystrand, PRC 60, 014903 (1999)"
        Statement = "3 j₁(qR_A)/(qR_A) · 1/(1 + a_k²q²) tends to 1 as q → 0⁺ (generic R_A, a_k and R_A = 1.2 A^{1/3} fm with A symbolic) and as T → 0⁺ with q = sqrt(2MT)."
        Domain = domainText
        Check =
          fun () ->
              Prove.all
                  [ unity "F_KN(q; R, a_k)" q FormFactors.KleinNystrandFormula.Expression
                    unity "F_KN(q; A)" q FormFactors.KleinNystrandNucleusFormula.Expression
                    unity "F_KN(T; M, A)" T FormFactors.KleinNystrandRecoilFormula.Expression
                    Prove.equal domain "series form at q = 0" (Structure.substitute q Ops.zero FormFactors.KleinNystrandNucleusSeriesFormula.Expression) Ops.one ] }
      { Id = "ff.kernel-series"
        Title = "3 j₁(x)/x = 1 − x²/10 + x⁴/280 − x⁶/15120 + x⁸/1330560 + O(x¹⁰)"
        Equation = "spherical Bessel j₁ (DLMF 10.49.3, 10.53.1)"
        Statement = "The polynomial the evaluators use below x = 0.1 is the Taylor polynomial of the kernel: kernel − polynomial has Puiseux valuation ≥ 10 at x = 0 (so the truncation error below x = 0.1 is under 1e-18 relative), and its coefficients are (−1)ⁿ 3(2n+2)/(2n+3)! = 1, −1/10, 1/280, −1/15120, 1/1330560."
        Domain = "x > 0"
        Check =
          fun () ->
              let expected = 1 - x ** 2 / 10 + x ** 4 / 280 - x ** 6 / 15120 + x ** 8 / 1330560
              let rest = Series.puiseux domain x Ops.zero 12 (FormFactors.Kernel - FormFactors.KernelSeries)
              let lowest = rest.Terms |> List.tryHead |> Option.map fst
              let valuationOk =
                  match lowest with
                  | Some v -> v >= Q.OfInt 10
                  | None -> true
              Prove.all
                  [ Prove.equal domain "Taylor polynomial" FormFactors.KernelSeries expected
                    (if valuationOk then Outcome.Pass(sprintf "kernel − polynomial = O(x^%O)" (match lowest with Some v -> string v | None -> "∞"))
                     else Outcome.Fail(sprintf "kernel − polynomial has a term x^%O" lowest.Value)) ] }
      { Id = "ff.helm-rms"
        Title = "Helm: F = 1 − q²⟨r²⟩/6 + O(q⁴) with ⟨r²⟩ = (3/5)R₁² + 3s²"
        Equation = "Lewin & Smith (1996) sec. 4.3"
        Statement = "The q² coefficient of the Helm form factor is −(R₁²/10 + s²/2)/ħc², i.e. the charge-like mean square radius of a uniform sphere of radius R₁ folded with a Gaussian of width s: ⟨r²⟩ = 3R₁²/5 + 3s². This is the relation used to fix R₁ from the measured rms radius."
        Domain = domainText
        Check =
          fun () ->
              let t = Series.taylor q Ops.zero 2 FormFactors.HelmFormula.Expression
              let rms = rat 3 5 * R ** 2 + 3 * s ** 2
              Prove.equal domain "Taylor(F_Helm, q²)" t (1 - q ** 2 * rms / (6 * hbarc ** 2)) }
      { Id = "ff.kn-rms"
        Title = "Klein–Nystrand: F = 1 − q²⟨r²⟩/6 + O(q⁴) with ⟨r²⟩ = (3/5)R_A² + 6a_k²"
        Equation = "Klein & Nystrand, PRC 60, 014903 (1999)"
        Statement = "A hard sphere of radius R_A folded with a Yukawa potential of range a_k has ⟨r²⟩ = 3R_A²/5 + 6a_k²; the q² coefficient of the implemented form factor is −⟨r²⟩/(6ħc²)."
        Domain = domainText
        Check =
          fun () ->
              let t = Series.taylor q Ops.zero 2 FormFactors.KleinNystrandFormula.Expression
              let rms = rat 3 5 * R ** 2 + 6 * ak ** 2
              Prove.equal domain "Taylor(F_KN, q²)" t (1 - q ** 2 * rms / (6 * hbarc ** 2)) }
      { Id = "ff.helm-zero"
        Title = "Helm's zeros for q > 0 are the roots of tan(qR₁/ħc) = qR₁/ħc; the first lies in (π, 3π/2)"
        Equation = "Lewin & Smith (1996) eq. (4.7)"
        Statement = "F_Helm = N(x)/x³ · exp(−u²/2) with x = qR₁/ħc, u = qs/ħc: x³ and the exponential are positive, so F = 0 ⇔ N(x) = 3(sin x − x cos x) = 0. N ≡ 3 cos x (tan x − x); where cos x = 0, N = 3 sin x = ±3 ≠ 0, so the zeros are exactly the roots of tan x = x. d(tan x − x)/dx = tan²x ≥ 0 and tan 0 − 0 = 0, so tan x > x on (0, π/2); on (π/2, π] tan x ≤ 0 < x; hence the first positive root is in (π, 3π/2) — numerically x₁ = 4.4934094579 (test FormFactorTests), the first zero of j₁, and the Helm form factor first vanishes at q = x₁ħc/R₁. The same holds for Klein–Nystrand, whose extra factor 1/(1 + a_k²q²) is positive."
        Domain = "x > 0"
        Check =
          fun () ->
              let num, den = Normal.numeratorDenominator domain FormFactors.Kernel
              let tanAsRatio = Ops.sin x / Ops.cos x
              let damping = exp (-((q * s / hbarc) ** 2) / 2)
              let helmAtX = Structure.substitute q (x * hbarc / R) FormFactors.HelmFormula.Expression
              Prove.all
                  [ Prove.equal domain "kernel = N/D" FormFactors.Kernel (num / den)
                    Prove.equal domain "N = 3(sin x − x cos x)" num (3 * (Ops.sin x - x * Ops.cos x))
                    Prove.positive domain "denominator x³" den
                    // exp(−u²/2) with u = qs/ħc; stated for a symbol u because the normal form cannot take
                    // exp of the expanded exponent (its rational coefficient overflows an Int32 denominator)
                    Prove.positive domain "Gaussian damping exp(−u²/2)" (exp (-((Symbol "u") ** 2) / 2))
                    Prove.positive domain "Klein–Nystrand factor" (1 / (1 + (ak * q / hbarc) ** 2))
                    Prove.equal domain "F_Helm(x) = kernel(x) · damping" helmAtX (FormFactors.Kernel * Structure.substitute q (x * hbarc / R) damping)
                    Prove.equal domain "N = 3 cos x (tan x − x)" num (3 * Ops.cos x * (tanAsRatio - x))
                    Prove.equal domain "d(tan x − x)/dx = tan²x" (Calculus.differentiate x (Ops.tan x - x)) ((Ops.tan x) ** 2)
                    Prove.equal domain "tan 0 − 0 = 0" (Structure.substitute x Ops.zero (Ops.tan x - x)) Ops.zero ] }
      { Id = "ff.recoil-form"
        Title = "F(T) is F(q) at q = sqrt(2MT) for both models"
        Equation = "seed 001 eq. (2.3): q² = −2MT"
        Statement = "The recoil-energy forms are the momentum forms with q = sqrt(2MT) substituted, and the nucleus forms are the generic forms with the published radii: R₁² = (1.23A^{1/3} − 0.60)² + (7/3)π²(0.52)² − 5(0.9)² fm², s = 0.9 fm; R_A = 1.2A^{1/3} fm, a_k = 0.7 fm."
        Domain = domainText
        Check =
          fun () ->
              let qT = sqrt (2 * M * T)
              let c = Ops.number (Q.Parse "1.23") * A ** rat 1 3 - Ops.number (Q.Parse "0.60")
              let r1sq = c ** 2 + rat 7 3 * pi ** 2 * (Ops.number (Q.Parse "0.52")) ** 2 - 5 * (Ops.number (Q.Parse "0.9")) ** 2
              Prove.all
                  [ Prove.equal domain "R₁²(A)" (FormFactors.HelmRadiusExpr ** 2) r1sq
                    Prove.equal domain "Helm nucleus" FormFactors.HelmNucleusFormula.Expression
                        (Structure.substituteMany [ R, FormFactors.HelmRadiusExpr; s, FormFactors.HelmSkin ] FormFactors.HelmFormula.Expression)
                    Prove.equal domain "Helm recoil" FormFactors.HelmRecoilFormula.Expression (Structure.substitute q qT FormFactors.HelmNucleusFormula.Expression)
                    Prove.equal domain "KN nucleus" FormFactors.KleinNystrandNucleusFormula.Expression
                        (Structure.substituteMany [ R, FormFactors.KleinNystrandRadiusExpr; ak, FormFactors.KleinNystrandRange ] FormFactors.KleinNystrandFormula.Expression)
                    Prove.equal domain "KN recoil" FormFactors.KleinNystrandRecoilFormula.Expression (Structure.substitute q qT FormFactors.KleinNystrandNucleusFormula.Expression) ] } ]
