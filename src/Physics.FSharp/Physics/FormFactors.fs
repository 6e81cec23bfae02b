namespace NuDM.Physics

open System
open System.Globalization
open NuDM.Symbolic
open NuDM.Symbolic.Notation

/// Which nuclear form factor a rate computation uses.
type FormFactorModel =
    /// F = 1 (point nucleus; seed 001 uses it for reactor neutrinos, where q is tiny).
    | Unity = 0
    /// Helm with the Lewin–Smith parameters (Astropart. Phys. 6 (1996) 87, sec. 4.3).
    | Helm = 1
    /// Klein–Nystrand (Phys. Rev. C 60, 014903 (1999)), as in COHERENT's CsI 2017 prediction.
    | KleinNystrand = 2

/// Nuclear form factors F(q) written as symbolic formulas and compiled.
///
/// Both forms share the kernel 3 j₁(x)/x with the spherical Bessel function written out,
/// j₁(x) = sin x/x² − cos x/x, so 3 j₁(x)/x = 3 (sin x − x cos x)/x³:
///
/// - Helm (Lewin & Smith 1996, eq. 4.7 and sec. 4.3): F(q) = 3 j₁(qR₁)/(qR₁) · exp(−(qs)²/2), with
///   R₁² = c² + (7/3)π²a² − 5s², c = 1.23 A^{1/3} − 0.60 fm, a = 0.52 fm, s = 0.9 fm;
/// - Klein–Nystrand (PRC 60, 014903): F(q) = 3 j₁(qR_A)/(qR_A) · 1/(1 + a_k²q²), R_A = 1.2 A^{1/3} fm,
///   a_k = 0.7 fm, as in COHERENT's own code schol/dukecevns (which public codes use which parameters: data/cevns/README.md).
///
/// Units: q in MeV (natural units), lengths in fm; the dimensionless products are q·R/ħc with ħc =
/// Constants.HbarC_MeV_fm kept as an exact decimal inside the expressions. As a function of the recoil energy
/// T (MeV) of a nucleus of mass M (MeV), q = sqrt(2MT) (seed 001 eq. (2.3): q² = −2MT).
///
/// q → 0: the kernel is 0/0 at x = 0 and loses digits to cancellation for small x; the numeric evaluators use
/// the kernel's Taylor polynomial (derived with Series.taylor, through x⁸) for x &lt; 0.1, where its truncation
/// error is below 1e-18, and the compiled closed form above (cancellation error there below 1e-13).
/// Proof obligations: proofs/Proofs/FormFactorProofs.fs.
[<AbstractClass; Sealed>]
type FormFactors =
    static let exact (v: float) = Ops.number (Q.Parse(v.ToString("R", CultureInfo.InvariantCulture)))

    static let q = Symbol "q"
    static let A = Symbol "A"
    static let T = Symbol "T"
    static let M = Symbol "M"
    static let x = Symbol "x"
    static let R = Symbol "R"
    static let s = Symbol "s"
    static let ak = Symbol "a_k"
    static let hbarc = exact Constants.HbarC_MeV_fm

    /// 3 j₁(x)/x with j₁ written out.
    static let kernel = 3 * (sin x - x * cos x) / x ** 3
    /// Its Taylor polynomial through x⁸ (derived, not typed).
    static let kernelSeries = Series.taylor x Ops.zero 8 kernel
    static let seriesThreshold = 0.1

    // Lewin–Smith parameters (fm)
    static let lsA = dec "0.52"
    static let lsS = dec "0.9"
    static let lsC = dec "1.23" * A ** rat 1 3 - dec "0.60"
    static let helmR1 = sqrt (lsC ** 2 + rat 7 3 * pi ** 2 * lsA ** 2 - 5 * lsS ** 2)
    // Klein–Nystrand parameters (fm)
    static let knRA = dec "1.2" * A ** rat 1 3
    static let knAk = dec "0.7"

    static let helmOf (k: Expr) (qq: Expr) (r: Expr) (ss: Expr) =
        Structure.substitute x (qq * r / hbarc) k * exp (-((qq * ss / hbarc) ** 2) / 2)
    static let knOf (k: Expr) (qq: Expr) (r: Expr) (a: Expr) =
        Structure.substitute x (qq * r / hbarc) k / (1 + (a * qq / hbarc) ** 2)
    static let qOfT = sqrt (2 * M * T)

    static let pq = "q", "MeV", "momentum transfer |q|"
    static let pA = "A", "1", "mass number (may be a non-integer mean for a natural target)"
    static let pT = "T", "MeV", "nuclear recoil kinetic energy"
    static let pM = "M", "MeV", "nuclear mass"
    static let lsRef = "Lewin & Smith, Astropart. Phys. 6 (1996) 87, eq. (4.7) and sec. 4.3"
    static let knRef = "Klein & Nystrand, Phys. Rev. C 60, 014903 (1999); COHERENT, Science 357 (2017) 1123"

    static let helmGeneric =
        lazy (Formula.create "F_Helm" (helmOf kernel q R s) [ pq; "R", "fm", "Helm box radius R₁"; "s", "fm", "skin thickness s" ] "1" lsRef
                  "Helm form factor 3 j₁(qR₁)/(qR₁) · exp(−(qs)²/2), lengths divided by ħc")
    static let helmRadius =
        lazy (Formula.create "R1_Helm" helmR1 [ pA ] "fm" lsRef "Helm radius R₁ = sqrt(c² + (7/3)π²a² − 5s²), c = 1.23 A^{1/3} − 0.60 fm, a = 0.52 fm, s = 0.9 fm")
    static let helmNucleus =
        lazy (Formula.create "F_Helm" (helmOf kernel q helmR1 lsS) [ pq; pA ] "1" lsRef "Helm form factor of a nucleus of mass number A (Lewin–Smith parameters)")
    static let helmNucleusSeries =
        lazy (Formula.create "F_Helm_series" (helmOf kernelSeries q helmR1 lsS) [ pq; pA ] "1" lsRef
                  "Helm form factor with 3 j₁(x)/x replaced by its Taylor polynomial through x⁸ (used for qR₁/ħc < 0.1)")
    static let helmRecoil =
        lazy (Formula.create "F_Helm" (helmOf kernel qOfT helmR1 lsS) [ pT; pM; pA ] "1" (lsRef + "; q = sqrt(2MT), seed 001 eq. (2.3)")
                  "Helm form factor as a function of the recoil energy")
    static let knGeneric =
        lazy (Formula.create "F_KN" (knOf kernel q R ak) [ pq; "R", "fm", "hard-sphere radius R_A"; "a_k", "fm", "Yukawa range a_k" ] "1" knRef
                  "Klein–Nystrand form factor 3 j₁(qR_A)/(qR_A) · 1/(1 + a_k²q²), lengths divided by ħc")
    static let knRadius =
        lazy (Formula.create "R_A_KN" knRA [ pA ] "fm" knRef "Klein–Nystrand hard-sphere radius R_A = 1.2 A^{1/3} fm")
    static let knNucleus =
        lazy (Formula.create "F_KN" (knOf kernel q knRA knAk) [ pq; pA ] "1" knRef "Klein–Nystrand form factor of a nucleus of mass number A (R_A = 1.2 A^{1/3} fm, a_k = 0.7 fm)")
    static let knNucleusSeries =
        lazy (Formula.create "F_KN_series" (knOf kernelSeries q knRA knAk) [ pq; pA ] "1" knRef
                  "Klein–Nystrand form factor with 3 j₁(x)/x replaced by its Taylor polynomial through x⁸ (used for qR_A/ħc < 0.1)")
    static let knRecoil =
        lazy (Formula.create "F_KN" (knOf kernel qOfT knRA knAk) [ pT; pM; pA ] "1" (knRef + "; q = sqrt(2MT), seed 001 eq. (2.3)")
                  "Klein–Nystrand form factor as a function of the recoil energy")

    static let helmFull = lazy (helmNucleus.Force().Compile2())
    static let helmSer = lazy (helmNucleusSeries.Force().Compile2())
    static let helmR = lazy (helmRadius.Force().Compile1())
    static let knFull = lazy (knNucleus.Force().Compile2())
    static let knSer = lazy (knNucleusSeries.Force().Compile2())
    static let knR = lazy (knRadius.Force().Compile1())

    /// First positive root of tan x = x (the first zero of j₁), by Newton's method on sin x − x cos x in (π, 3π/2).
    static let j1FirstZero =
        lazy
            (let f z = sin z - z * cos z
             let df z = z * sin z
             let mutable z = 4.5
             for _ in 1 .. 50 do z <- z - f z / df z
             z)

    static let checkQ (v: float) =
        if not (v >= 0.0) || Double.IsInfinity v then
            raise (ArgumentOutOfRangeException("q", v, "the momentum transfer q must be a finite number ≥ 0 MeV"))
    static let checkA (v: float) =
        if not (v >= 1.0) || Double.IsInfinity v then
            raise (ArgumentOutOfRangeException("A", v, "the mass number A must be a finite number ≥ 1"))
    static let checkTM (t: float) (m: float) =
        if not (t >= 0.0) || Double.IsInfinity t then
            raise (ArgumentOutOfRangeException("T", t, "the recoil energy T must be a finite number ≥ 0 MeV"))
        if not (m > 0.0) || Double.IsInfinity m then
            raise (ArgumentOutOfRangeException("M", m, "the nuclear mass M must be a finite number > 0 MeV"))

    // ---- symbols ------------------------------------------------------------------------------------------
    /// q, momentum transfer (MeV).
    static member QSymbol = q
    /// A, mass number.
    static member ASymbol = A
    /// T, recoil energy (MeV).
    static member TSymbol = T
    /// M, nuclear mass (MeV).
    static member MSymbol = M
    /// x, the dimensionless argument of the kernel.
    static member XSymbol = x
    /// R, a radius parameter (fm) of the generic formulas.
    static member RSymbol = R
    /// s, the Helm skin thickness (fm) of the generic formula.
    static member SSymbol = s
    /// a_k, the Klein–Nystrand Yukawa range (fm) of the generic formula.
    static member AkSymbol = ak
    /// ħc (MeV fm) as an exact decimal.
    static member HbarC = hbarc
    /// Domain of the formulas: every symbol real and positive.
    static member Domain = Assumptions.Positive [ "q"; "A"; "T"; "M"; "x"; "R"; "s"; "a_k" ]

    // ---- expressions and formulas -------------------------------------------------------------------------
    /// 3 j₁(x)/x = 3 (sin x − x cos x)/x³, j₁ the spherical Bessel function of order 1.
    static member Kernel = kernel
    /// Taylor polynomial of Kernel through x⁸: 1 − x²/10 + x⁴/280 − x⁶/15120 + x⁸/1330560.
    static member KernelSeries = kernelSeries
    /// Below this x = qR/ħc the evaluators use KernelSeries.
    static member SeriesThreshold = seriesThreshold
    /// The Helm radius R₁(A) of Lewin–Smith in fm, as an expression in A.
    static member HelmRadiusExpr = helmR1
    /// The Klein–Nystrand radius R_A(A) = 1.2 A^{1/3} fm, as an expression in A.
    static member KleinNystrandRadiusExpr = knRA
    /// Lewin–Smith skin thickness s = 0.9 fm (exact).
    static member HelmSkin = lsS
    /// Klein–Nystrand a_k = 0.7 fm (exact).
    static member KleinNystrandRange = knAk

    /// F_Helm(q; R, s) [Lewin & Smith eq. (4.7)], q in MeV, R and s in fm; dimensionless.
    static member HelmFormula : Formula = helmGeneric.Force()
    /// R₁(A) in fm [Lewin & Smith sec. 4.3].
    static member HelmRadiusFormula : Formula = helmRadius.Force()
    /// F_Helm(q; A) with the Lewin–Smith parameters; q in MeV.
    static member HelmNucleusFormula : Formula = helmNucleus.Force()
    /// F_Helm(q; A) with the kernel replaced by its Taylor polynomial (valid for qR₁/ħc ≪ 1).
    static member HelmNucleusSeriesFormula : Formula = helmNucleusSeries.Force()
    /// F_Helm(T; M, A) = F_Helm(sqrt(2MT); A); T, M in MeV.
    static member HelmRecoilFormula : Formula = helmRecoil.Force()
    /// F_KN(q; R, a_k) [Klein & Nystrand 1999], q in MeV, R and a_k in fm; dimensionless.
    static member KleinNystrandFormula : Formula = knGeneric.Force()
    /// R_A(A) = 1.2 A^{1/3} fm.
    static member KleinNystrandRadiusFormula : Formula = knRadius.Force()
    /// F_KN(q; A) with R_A = 1.2 A^{1/3} fm, a_k = 0.7 fm; q in MeV.
    static member KleinNystrandNucleusFormula : Formula = knNucleus.Force()
    /// F_KN(q; A) with the kernel replaced by its Taylor polynomial.
    static member KleinNystrandNucleusSeriesFormula : Formula = knNucleusSeries.Force()
    /// F_KN(T; M, A) = F_KN(sqrt(2MT); A); T, M in MeV.
    static member KleinNystrandRecoilFormula : Formula = knRecoil.Force()

    // ---- numbers ------------------------------------------------------------------------------------------
    /// First positive root of tan x = x, i.e. the first zero of j₁ (4.493409457909064…); the Helm and
    /// Klein–Nystrand form factors vanish first at q = FirstZeroOfJ1 · ħc / R.
    static member FirstZeroOfJ1 : float = j1FirstZero.Force()

    /// Helm radius R₁ (fm) for mass number A ≥ 1.
    static member HelmRadius(A: float) : float =
        checkA A
        helmR.Force().Invoke A

    /// Klein–Nystrand radius R_A = 1.2 A^{1/3} fm for A ≥ 1.
    static member KleinNystrandRadius(A: float) : float =
        checkA A
        knR.Force().Invoke A

    /// Helm F(q) for a nucleus of mass number A (q ≥ 0 in MeV, A ≥ 1); exactly 1 at q = 0.
    static member Helm(q: float, A: float) : float =
        checkQ q
        checkA A
        let xv = q * helmR.Force().Invoke A / Constants.HbarC_MeV_fm
        if xv < seriesThreshold then helmSer.Force().Invoke(q, A) else helmFull.Force().Invoke(q, A)

    /// Klein–Nystrand F(q) for a nucleus of mass number A (q ≥ 0 in MeV, A ≥ 1); exactly 1 at q = 0.
    static member KleinNystrand(q: float, A: float) : float =
        checkQ q
        checkA A
        let xv = q * knR.Force().Invoke A / Constants.HbarC_MeV_fm
        if xv < seriesThreshold then knSer.Force().Invoke(q, A) else knFull.Force().Invoke(q, A)

    /// Helm F at recoil energy T (MeV) of a nucleus of mass M (MeV) and mass number A: F(sqrt(2MT)).
    static member HelmOfRecoil(T: float, M: float, A: float) : float =
        checkTM T M
        FormFactors.Helm(sqrt (2.0 * M * T), A)

    /// Klein–Nystrand F at recoil energy T (MeV) of a nucleus of mass M (MeV) and mass number A.
    static member KleinNystrandOfRecoil(T: float, M: float, A: float) : float =
        checkTM T M
        FormFactors.KleinNystrand(sqrt (2.0 * M * T), A)

    /// F(q) of the chosen model (q in MeV, A ≥ 1).
    static member Evaluate(model: FormFactorModel, q: float, A: float) : float =
        match model with
        | FormFactorModel.Unity ->
            checkQ q
            checkA A
            1.0
        | FormFactorModel.Helm -> FormFactors.Helm(q, A)
        | FormFactorModel.KleinNystrand -> FormFactors.KleinNystrand(q, A)
        | _ -> raise (ArgumentOutOfRangeException("model", model, "model must be Unity, Helm or KleinNystrand"))

    /// F of the chosen model at recoil energy T (MeV), nuclear mass M (MeV), mass number A.
    static member EvaluateOfRecoil(model: FormFactorModel, T: float, M: float, A: float) : float =
        checkTM T M
        FormFactors.Evaluate(model, sqrt (2.0 * M * T), A)

    /// The first zero of the Helm form factor of mass number A, in MeV: q₀ = FirstZeroOfJ1 · ħc / R₁(A).
    static member HelmFirstZero(A: float) : float =
        FormFactors.FirstZeroOfJ1 * Constants.HbarC_MeV_fm / FormFactors.HelmRadius A
