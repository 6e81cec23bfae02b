namespace NuDM.Physics

open System
open System.Numerics
open NuDM.Symbolic
open NuDM.Symbolic.Notation

/// The symbolic block diagonalisation of the neutral-fermion mass matrix of seed 001 sec. 3 (eqs. 3.5–3.14),
/// done with the computer-algebra core. Every expression is exact; the small parameters are explicit symbols.
///
/// Power counting. The Yukawa entries are scaled y_i → ε y_i (ε = "epsilon"): ε counts powers of y_i v / (heavy
/// mass), i.e. of the active–heavy mixing angles θ ~ 1e-4. The heavy block [[m_χ, M₁], [M₁, M_N]] is kept exact
/// unless stated; for the M₁ expansion M₁ → δ M₁ (δ = "delta").
[<NoEquality; NoComparison>]
type SeesawDerivation =
    { /// Eq. (3.5) in the basis (ν_L, χ^c, N_R^c) with y_i → ε y_i: [[0, εy₂v, εy₁v], [εy₂v, m_χ, M₁], [εy₁v, M₁, M_N]].
      MassMatrix: Expr[,]
      /// The 1-2 rotation R₁₂ with tan θ_eχ = ε y₂ v/m_χ (exactly orthogonal: cos = (1+t²)^(-1/2), sin = t cos).
      Rotation12: Expr[,]
      /// R₁₂ᵀ M R₁₂, exact (general M₁): the matrix the paper approximates by eq. (3.7).
      AfterRotation12: Expr[,]
      /// The 1-3 rotation R₁₃ with tan θ_eN = ε y₁ v/M_N.
      Rotation13: Expr[,]
      /// R₁₃ᵀ (R₁₂ᵀ M R₁₂)|_{M₁=0} R₁₃, exact: the paper's two rotations (for M₁ = 0, the case eq. (3.7) is written for).
      AfterBothRotations: Expr[,]
      /// p(λ) = det(M − λ 1), λ = "lambda".
      CharacteristicPolynomial: Expr
      /// a with λ_light = ε² a + ε⁴ c + O(ε⁶), general M₁: −v²(y₂² M_N − 2 y₁ y₂ M₁ + y₁² m_χ)/(m_χ M_N − M₁²).
      LightEigenvalueLO: Expr
      /// c, the ε⁴ coefficient of λ_light (general M₁); at M₁ = 0, c = +(y₂²v²/m_χ + y₁²v²/M_N)(θ_eχ² + θ_eN²), so
      /// m_ν = m_ν⁽⁰⁾(1 − θ_eχ² − θ_eN² + O(θ⁴)).
      LightEigenvalueNLO: Expr
      /// −M_D M_H⁻¹ M_Dᵀ with M_D = (y₂v, y₁v), M_H = [[m_χ, M₁], [M₁, M_N]], by symbolic matrix inversion.
      SeesawFormula: Expr
      /// (Θ_eχ, Θ_eN) = M_D M_H⁻¹ (general M₁), the leading active–heavy mixings.
      MixingLO: Expr * Expr
      /// (u_χ, u_N): components of the eigenvector of eigenvalue λ ("lambda") normalised to u_ν = 1, from rows 2 and 3
      /// of (M − λ)u = 0 solved by Cramer's rule (exact in λ; the light eigenvector is λ = λ_light = O(ε²)).
      LightEigenvector: Expr * Expr
      /// The two heavy eigenvalues at ε = 0 (exact roots of det(M_H − λ) = 0), lighter first.
      HeavyEigenvaluesAtZeroYukawa: Expr * Expr }

/// Seed 001 sec. 3: the modified type-I seesaw with χ and N_R (eqs. 3.4–3.14). Masses in any one unit (MeV in the
/// numeric API), Yukawas dimensionless; v = ⟨H⁰⟩ = 174 GeV (Constants.HiggsVevSeed001).
///
/// Findings recorded by the derivation and the proofs (proofs/Proofs/SeesawProofs.fs):
/// - Eq. (3.7) is R₁₂ᵀ M R₁₂ at tan θ_eχ = y₂v/m_χ with M₁ = 0, to the orders: (1,1) = −y₂²v²/m_χ + O(ε⁴),
///   (1,2) = O(ε³), (1,3) = y₁v + O(ε³), (2,2) = m_χ + O(ε²), (2,3) = y₁y₂v²/m_χ + O(ε⁴), (3,3) = M_N exactly.
///   With M₁ ≠ 0 the (1,3) entry is y₁v − M₁y₂v/m_χ and the (2,3) entry M₁ + O(ε²): eq. (3.7) drops M₁.
/// - The light eigenvalue is λ = −v²(y₂² M_N − 2y₁y₂M₁ + y₁² m_χ)/(m_χ M_N − M₁²) + O(ε⁴) = −M_D M_H⁻¹ M_Dᵀ; at
///   M₁ = 0 its magnitude is m_ν = y₂²v²/m_χ + y₁²v²/M_N. The M₁ corrections are +2y₁y₂v²M₁/(m_χM_N) (first order,
///   at most M₁/sqrt(m_χM_N) relative to m_ν) and O(M₁²/(m_χM_N)) (second order): the expansion needs
///   M₁² ≪ m_χ M_N, which is stronger than the paper's M₁ ≪ M_N when m_χ ≪ M_N (m_χ = 5 MeV, M_N = 1 GeV:
///   M₁ ≪ 71 MeV). The same parameter shifts the χ mass by −M₁²/(M_N − m_χ).
/// - Next order: m_ν = m_ν⁽⁰⁾(1 − θ_eχ² − θ_eN²) + O(θ⁴) at M₁ = 0 (−1.0 × 10⁻⁷ relative at the benchmark below).
/// - The leading mixings are Θ = M_D M_H⁻¹, i.e. θ_eχ = y₂v/m_χ and θ_eN = y₁v/M_N at M₁ = 0; with M₁ they become
///   (y₂M_N − y₁M₁)v/(m_χM_N − M₁²) and (y₁m_χ − y₂M₁)v/(m_χM_N − M₁²).
/// - Eq. (3.14): y_ref = sqrt(m_ν,ref M_ref)/v gives 10^−7.2405 (M_N = 1 GeV) and 10^−8.7405 (m_χ = 1 MeV) for
///   m_ν,ref = 0.1 eV and v = 174 GeV; the paper rounds to 10^−7.25 and 10^−8.75 (a −4.3 % change of m_ν).
[<RequireQualifiedAccess>]
module Seesaw =
    let private s = Symbol
    /// Symbols: y_1, y_2 (Yukawas of eq. 3.4), v (⟨H⁰⟩), m_chi, M_N (Majorana masses), M_1 (Dirac mass).
    let y1, y2, v, mChi, MN, M1 = s "y_1", s "y_2", s "v", s "m_chi", s "M_N", s "M_1"
    /// Expansion parameters: epsilon (y_i → ε y_i) and delta (M_1 → δ M_1).
    let epsilon, delta = s "epsilon", s "delta"
    /// The eigenvalue variable of the characteristic polynomial.
    let lambda = s "lambda"

    /// The domain of every statement: all symbols real and positive, and the heavy block non-singular with
    /// positive eigenvalues (m_χ M_N − M₁² > 0).
    let Domain =
        (Assumptions.Positive [ "y_1"; "y_2"; "v"; "m_chi"; "M_N"; "M_1"; "epsilon"; "delta" ]).AndPositive(mChi * MN - M1 * M1)

    // ---- 3×3 symbolic matrices -------------------------------------------------------------------------
    /// Matrix product of two 3×3 symbolic matrices.
    let multiply (a: Expr[,]) (b: Expr[,]) : Expr[,] =
        Array2D.init 3 3 (fun i j -> List.sum [ for k in 0..2 -> a.[i, k] * b.[k, j] ])
    /// Transpose.
    let transpose (a: Expr[,]) : Expr[,] = Array2D.init 3 3 (fun i j -> a.[j, i])
    /// Determinant by cofactor expansion.
    let determinant (a: Expr[,]) : Expr =
        a.[0, 0] * (a.[1, 1] * a.[2, 2] - a.[1, 2] * a.[2, 1])
        - a.[0, 1] * (a.[1, 0] * a.[2, 2] - a.[1, 2] * a.[2, 0])
        + a.[0, 2] * (a.[1, 0] * a.[2, 1] - a.[1, 1] * a.[2, 0])
    /// The identity.
    let identity : Expr[,] = Array2D.init 3 3 (fun i j -> if i = j then Ops.one else Ops.zero)
    /// Entry-wise map.
    let map (f: Expr -> Expr) (a: Expr[,]) : Expr[,] = Array2D.map f a

    /// The rotation in the (i, j) plane (0-based) by the angle with tangent t: R_ii = R_jj = cos, R_ij = sin,
    /// R_ji = −sin, cos = (1 + t²)^(−1/2), sin = t cos — exactly orthogonal, with no trigonometric kernels.
    /// Its columns are the rotated basis: e_i' = cos e_i − sin e_j, e_j' = sin e_i + cos e_j.
    let rotation (i: int) (j: int) (t: Expr) : Expr[,] =
        if i < 0 || j > 2 || i >= j then invalidArg "i" "a rotation plane (i, j) needs 0 ≤ i < j ≤ 2"
        let c = (1 + t * t) ** rat -1 2
        Array2D.init 3 3 (fun r k ->
            if r = k then (if r = i || r = j then c else Ops.one)
            elif r = i && k = j then t * c
            elif r = j && k = i then -(t * c)
            else Ops.zero)

    /// Eq. (3.5) with y_i → ε y_i (ε = 1 gives the printed matrix).
    let massMatrix : Expr[,] =
        array2D
            [ [ Ops.zero; epsilon * y2 * v; epsilon * y1 * v ]
              [ epsilon * y2 * v; mChi; M1 ]
              [ epsilon * y1 * v; M1; MN ] ]

    /// Eq. (3.7) as printed (the paper's approximate matrix after the 1-2 rotation), with its ε powers.
    let printedEq37 : Expr[,] =
        let e2 = epsilon * epsilon
        array2D
            [ [ -(e2 * y2 * y2 * v * v / mChi); Ops.zero; epsilon * y1 * v ]
              [ Ops.zero; mChi; e2 * y1 * y2 * v * v / mChi ]
              [ epsilon * y1 * v; e2 * y1 * y2 * v * v / mChi; MN ] ]

    /// Coefficient of ε^k in the Puiseux series of e at ε → 0 (zero if absent), to the given order.
    let coefficient (k: int) (order: int) (e: Expr) : Expr =
        let ser = Series.puiseux Domain epsilon Ops.zero order e
        match ser.Terms |> List.tryFind (fun (q, _) -> q = Q.OfInt k) with
        | Some(_, c) -> c
        | None -> Ops.zero

    /// Placeholders for the coefficients of λ_light = ε² A + ε⁴ C.
    let trialA, trialC = s "__A", s "__C"

    /// The coefficients (ε⁰ first) of p(λ) with λ = ε² A + ε⁴ C substituted, p a polynomial in λ and ε: exact
    /// polynomial algebra (no series), with A and C left as symbols.
    let epsilonCoefficients (p: Expr) : Expr list =
        let e2, e4 = epsilon * epsilon, epsilon ** 4
        Polynomial.coefficients epsilon (Algebraic.expand (Structure.substitute lambda (e2 * trialA + e4 * trialC) p))

    /// The symbolic derivation (built once, in well under a second).
    let derivation : Lazy<SeesawDerivation> =
        lazy
            (let M = massMatrix
             let simplify = Normal.simplifyWith Domain
             let r12 = rotation 0 1 (epsilon * y2 * v / mChi)
             let after12 = multiply (transpose r12) (multiply M r12) |> map simplify
             let r13 = rotation 0 2 (epsilon * y1 * v / MN)
             let after12m1 = after12 |> map (Structure.substitute M1 Ops.zero)
             let both = multiply (transpose r13) (multiply after12m1 r13) |> map simplify
             let shifted (l: Expr) = Array2D.init 3 3 (fun i j -> if i = j then M.[i, j] - l else M.[i, j])
             let p = Algebraic.expand (determinant (shifted lambda))
             // λ = ε² a + ε⁴ c: p(λ(ε)) is a polynomial in ε whose ε² coefficient is linear in a and ε⁴ coefficient
             // linear in c (after a is substituted)
             let solveLinear (x: Expr) (eq: Expr) =
                 match Solve.polynomialWith Domain x (simplify eq) with
                 | [ root ] -> simplify root
                 | roots -> failwithf "seesaw: expected one root for %O, got %A" x roots
             let coeffs = epsilonCoefficients p
             let at (k: int) = if k < coeffs.Length then coeffs.[k] else Ops.zero
             let aSol = solveLinear trialA (at 2)
             let cSol = solveLinear trialC (Structure.substitute trialA aSol (at 4))
             // M_D M_H⁻¹ by the 2×2 inverse
             let detH = mChi * MN - M1 * M1
             let thetaChi = simplify ((y2 * v * MN - y1 * v * M1) / detH)
             let thetaN = simplify ((y1 * v * mChi - y2 * v * M1) / detH)
             let seesaw = simplify (-(y2 * v * thetaChi + y1 * v * thetaN))
             // light eigenvector (1, u_χ, u_N): rows 2, 3 of (M − λ)u = 0, exact in λ
             let d = (mChi - lambda) * (MN - lambda) - M1 * M1
             let uChi = simplify (-(epsilon * v * (y2 * (MN - lambda) - M1 * y1)) / d)
             let uN = simplify (-(epsilon * v * (y1 * (mChi - lambda) - M1 * y2)) / d)
             let heavy =
                 // the heavy eigenvalues are the zeros of the same 2×2 determinant d
                 match Solve.polynomialWith Domain lambda (Algebraic.expand d) with
                 | [ lo; hi ] -> lo, hi
                 | roots -> failwithf "seesaw: expected two heavy eigenvalues, got %A" roots
             { MassMatrix = M
               Rotation12 = r12
               AfterRotation12 = after12
               Rotation13 = r13
               AfterBothRotations = both
               CharacteristicPolynomial = p
               LightEigenvalueLO = aSol
               LightEigenvalueNLO = cSol
               SeesawFormula = seesaw
               MixingLO = thetaChi, thetaN
               LightEigenvector = uChi, uN
               HeavyEigenvaluesAtZeroYukawa = heavy })

    /// The light mass to leading order at M₁ = 0 as the paper writes it: y₂²v²/m_χ + y₁²v²/M_N.
    let paperLightMass = y2 * y2 * v * v / mChi + y1 * y1 * v * v / MN

    let private parameters6 =
        [ "y_1", "1", "Yukawa y₁ (N_R–L–H)"; "y_2", "1", "Yukawa y₂ (χ–L–H)"; "v", "MeV", "⟨H⁰⟩ = 174 GeV"
          "m_chi", "MeV", "Majorana mass of χ"; "M_N", "MeV", "Majorana mass of N_R"; "M_1", "MeV", "Dirac mass χ–N_R" ]

    /// m_ν = |λ_light| to leading order in ε, general M₁ (MeV): v²(y₂²M_N − 2y₁y₂M₁ + y₁²m_χ)/(m_χM_N − M₁²).
    [<CompiledName("LightMassFormula")>]
    let lightMassFormula () =
        let d = derivation.Force()
        Formula.create "m_nu_LO" (-d.LightEigenvalueLO) parameters6 "MeV" "seed 001 eqs. (3.5), (3.7)–(3.12), derived"
            "light neutrino mass −M_D M_H⁻¹ M_Dᵀ to leading order in y_i v / (heavy mass), exact in M₁"

    /// m_ν including the ε⁴ (next-to-leading) term, general M₁ (MeV).
    [<CompiledName("LightMassNLOFormula")>]
    let lightMassNLOFormula () =
        let d = derivation.Force()
        Formula.create "m_nu_NLO" (Normal.simplifyWith Domain (-(d.LightEigenvalueLO + d.LightEigenvalueNLO))) parameters6 "MeV"
            "seed 001 eq. (3.5), derived" "light neutrino mass to next-to-leading order (relative error O(θ⁴))"

    /// θ_eχ to leading order, general M₁: (y₂M_N − y₁M₁)v/(m_χM_N − M₁²) (→ y₂v/m_χ at M₁ = 0).
    [<CompiledName("MixingChiFormula")>]
    let mixingChiFormula () =
        Formula.create "theta_echi" (fst (derivation.Force()).MixingLO) parameters6 "1" "seed 001 sec. 3, θ_eχ = y₂v/m_χ at M₁ = 0"
            "active–χ mixing to leading order"

    /// θ_eN to leading order, general M₁: (y₁m_χ − y₂M₁)v/(m_χM_N − M₁²) (→ y₁v/M_N at M₁ = 0).
    [<CompiledName("MixingNFormula")>]
    let mixingNFormula () =
        Formula.create "theta_eN" (snd (derivation.Force()).MixingLO) parameters6 "1" "seed 001 sec. 3, θ_eN = y₁v/M_N at M₁ = 0"
            "active–N_R mixing to leading order"

    /// The reference Yukawa of eq. (3.14): the y for which y²v²/M_ref = m_ref, i.e. sqrt(m_ref M_ref)/v.
    [<CompiledName("ReferenceCouplingFormula")>]
    let referenceCouplingFormula () =
        let mRef, massRef = s "m_ref", s "M_ref"
        Formula.create "y_ref" (sqrt (mRef * massRef) / v)
            [ "m_ref", "MeV", "reference light mass (0.1 eV)"; "M_ref", "MeV", "reference heavy mass (1 GeV or 1 MeV)"; "v", "MeV", "⟨H⁰⟩" ]
            "1" "seed 001 eq. (3.14)" "Yukawa that alone gives m_ref through a heavy state of mass M_ref"

/// A numeric spectrum of the mass matrix (3.5).
[<NoEquality; NoComparison>]
type SeesawSpectrum =
    { /// The light eigenvalue (signed; negative for this matrix), MeV.
      LightEigenvalue: float
      /// The two heavy eigenvalues, lighter first, MeV.
      HeavyEigenvalues: float * float
      /// |⟨χ|light⟩|: the χ component of the normalised light eigenvector.
      MixingChi: float
      /// |⟨N|light⟩|: the N_R component of the normalised light eigenvector.
      MixingN: float
      /// How the numbers were obtained.
      Method: string }

/// Numeric seesaw spectra for C#: the leading-order formulas (compiled), and two independent exact evaluations of
/// the eigenproblem of eq. (3.5). Masses in MeV, Yukawas dimensionless.
///
/// Conditioning. The light eigenvalue (~1e-7 MeV) is ~1e-10 of the largest entry (M_N ~ 1e3 MeV); a double-precision
/// eigensolver has an absolute error ~ 1e-16 × ‖M‖ ~ 1e-13 MeV, i.e. ~1e-6 relative on the light eigenvalue — enough
/// to see the leading order, not its O(θ²) ~ 1e-7 corrections. Two well-conditioned routes are provided:
/// (1) Exact: the characteristic polynomial det(M − λ) is evaluated in exact rational arithmetic (inputs taken as
///     the exact binary values of the doubles) and its small root bracketed and bisected to 2⁻¹⁶⁰ relative; the
///     eigenvector follows from rows 2–3 by Cramer's rule, also exactly.
/// (2) Stable double: λ_light = det M/(λ_χ λ_N) with det M = −v²(y₂²M_N − 2y₁y₂M₁ + y₁²m_χ) in closed form (no
///     cancellation for M₁ = 0) and the heavy eigenvalues from a double eigensolver (relative error ~1e-16 ‖M‖/λ).
[<AbstractClass; Sealed>]
type SeesawCalculator =
    static let lo = lazy ((Seesaw.lightMassFormula ()).Compile())
    static let nlo = lazy ((Seesaw.lightMassNLOFormula ()).Compile())
    static let thChi = lazy ((Seesaw.mixingChiFormula ()).Compile())
    static let thN = lazy ((Seesaw.mixingNFormula ()).Compile())

    static let check (name: string) (value: float) (positive: bool) =
        if Double.IsNaN value || Double.IsInfinity value then
            raise (ArgumentOutOfRangeException(name, value, sprintf "%s must be a finite number" name))
        if positive && not (value > 0.0) then
            raise (ArgumentOutOfRangeException(name, value, sprintf "%s must be a finite number > 0 MeV" name))

    static let validate (y1: float) (y2: float) (mChi: float) (mN: float) (m1: float) (v: float) =
        check "y1" y1 false
        check "y2" y2 false
        check "mChi" mChi true
        check "mN" mN true
        check "v" v true
        check "m1" m1 false
        if m1 < 0.0 || m1 * m1 >= mChi * mN then
            raise (ArgumentOutOfRangeException("m1", m1, sprintf "M_1 must lie in [0, sqrt(m_chi M_N) = %g MeV) so that the heavy block is positive definite (the expansion needs M_1² ≪ m_chi M_N)" (sqrt (mChi * mN))))

    static let args y1 y2 mChi mN m1 v = [| y1; y2; v; mChi; mN; m1 |]

    /// m_ν to leading order (MeV), general M₁ (seed 001 eqs. 3.7–3.12, derived). Arguments: Yukawas y₁, y₂; m_χ, M_N,
    /// M₁ and v in MeV. Throws ArgumentOutOfRangeException naming the parameter outside its range.
    static member LightMass(y1: float, y2: float, mChi: float, mN: float, m1: float, v: float) : float =
        validate y1 y2 mChi mN m1 v
        lo.Force().Invoke(args y1 y2 mChi mN m1 v)

    /// m_ν to next-to-leading order (MeV), general M₁.
    static member LightMassNLO(y1: float, y2: float, mChi: float, mN: float, m1: float, v: float) : float =
        validate y1 y2 mChi mN m1 v
        nlo.Force().Invoke(args y1 y2 mChi mN m1 v)

    /// (θ_eχ, θ_eN) to leading order, general M₁.
    static member Mixings(y1: float, y2: float, mChi: float, mN: float, m1: float, v: float) : struct (float * float) =
        validate y1 y2 mChi mN m1 v
        let a = args y1 y2 mChi mN m1 v
        struct (thChi.Force().Invoke a, thN.Force().Invoke a)

    /// The mass matrix (3.5) as doubles (MeV).
    static member MassMatrix(y1: float, y2: float, mChi: float, mN: float, m1: float, v: float) : float[,] =
        validate y1 y2 mChi mN m1 v
        array2D [ [ 0.0; y2 * v; y1 * v ]; [ y2 * v; mChi; m1 ]; [ y1 * v; m1; mN ] ]

    /// The spectrum from a double-precision symmetric eigensolver (MathNet EVD); the light eigenvalue carries an
    /// absolute error ~1e-16 ‖M‖ (see the type's remarks).
    static member DoubleEigen(y1: float, y2: float, mChi: float, mN: float, m1: float, v: float) : SeesawSpectrum =
        let m = MathNet.Numerics.LinearAlgebra.Matrix<float>.Build.DenseOfArray(SeesawCalculator.MassMatrix(y1, y2, mChi, mN, m1, v))
        let evd = m.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric)
        let ev = evd.EigenValues |> Seq.map (fun z -> z.Real) |> Array.ofSeq
        let order = [| 0..2 |] |> Array.sortBy (fun i -> abs ev.[i])
        let light = order.[0]
        let vec = evd.EigenVectors.Column light
        let norm = vec.L2Norm()
        { LightEigenvalue = ev.[light]
          HeavyEigenvalues = ev.[order.[1]], ev.[order.[2]]
          MixingChi = abs vec.[1] / norm
          MixingN = abs vec.[2] / norm
          Method = "MathNet EVD (double)" }

    /// λ_light = det M/(λ_χ λ_N) with det M in closed form and the heavy eigenvalues from the double eigensolver:
    /// relative accuracy ~1e-13 where the direct light eigenvalue has ~1e-6.
    static member LightEigenvalueStable(y1: float, y2: float, mChi: float, mN: float, m1: float, v: float) : float =
        let sp = SeesawCalculator.DoubleEigen(y1, y2, mChi, mN, m1, v)
        let detM = -(v * v) * (y2 * y2 * mN - 2.0 * y1 * y2 * m1 + y1 * y1 * mChi)
        let h1, h2 = sp.HeavyEigenvalues
        detM / (h1 * h2)

    /// The exact spectrum: the characteristic polynomial in exact rationals, its small root bisected to 2⁻¹⁶⁰
    /// relative, the eigenvector by Cramer's rule in rationals; heavy roots from the deflated quadratic.
    static member Exact(y1: float, y2: float, mChi: float, mN: float, m1: float, v: float) : SeesawSpectrum =
        validate y1 y2 mChi mN m1 v
        let q (x: float) = Q.OfDouble x
        let b2, b1 = q y2 * q v, q y1 * q v
        let mc, mn, md = q mChi, q mN, q m1
        // p(λ) = det(M − λ) = det − c1 λ + tr λ² − λ³
        let detM = Q.Zero - (b2 * b2 * mn - Q.OfInt 2 * b1 * b2 * md + b1 * b1 * mc)
        let c1 = mc * mn - md * md - b2 * b2 - b1 * b1
        let tr = mc + mn
        let p (l: Q) = detM - c1 * l + tr * l * l - l * l * l
        let half = Q.Create(BigInteger.One, BigInteger 2)
        let light =
            if detM.IsZero then Q.Zero
            else
                // Newton step from 0 gives x0 = det/c1; widen a bracket around it until p changes sign
                let x0 = detM / c1
                let mutable w = Q.Abs x0 * Q.Create(BigInteger.One, BigInteger 1000)
                let mutable lo = x0 - w
                let mutable hi = x0 + w
                let mutable tries = 0
                while (p lo).Sign * (p hi).Sign > 0 && tries < 60 do
                    w <- w * Q.OfInt 4
                    lo <- x0 - w
                    hi <- x0 + w
                    tries <- tries + 1
                if (p lo).Sign * (p hi).Sign > 0 then failwith "seesaw: could not bracket the light eigenvalue"
                let plo = (p lo).Sign
                for _ in 1..170 do
                    let mid = (lo + hi) * half
                    let pm = (p mid).Sign
                    if pm = 0 then
                        lo <- mid
                        hi <- mid
                    elif pm = plo then lo <- mid
                    else hi <- mid
                (lo + hi) * half
        // heavy roots: λ₂ + λ₃ = tr − λ₁, λ₂λ₃ = c1 − λ₁(λ₂+λ₃)
        let sum = (tr - light).ToDouble()
        let prod = (c1 - light * (tr - light)).ToDouble()
        let disc = sqrt (max 0.0 (sum * sum - 4.0 * prod))
        let hHi = 0.5 * (sum + disc)
        let hLo = prod / hHi
        // eigenvector (1, u₂, u₃): [[m_χ−λ, M₁], [M₁, M_N−λ]] (u₂, u₃) = −(b₂, b₁)
        let a11, a22 = mc - light, mn - light
        let d = a11 * a22 - md * md
        let u2 = (Q.Zero - (b2 * a22 - md * b1)) / d
        let u3 = (Q.Zero - (a11 * b1 - md * b2)) / d
        let n = Q.One + u2 * u2 + u3 * u3
        let norm = sqrt (n.ToDouble())
        { LightEigenvalue = light.ToDouble()
          HeavyEigenvalues = hLo, hHi
          MixingChi = abs (u2.ToDouble()) / norm
          MixingN = abs (u3.ToDouble()) / norm
          Method = "exact rationals: bisection of det(M − λ) to 2^-160, Cramer eigenvector" }
