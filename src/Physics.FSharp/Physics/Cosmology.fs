namespace NuDM.Physics

open System
open System.Collections.Generic
open NuDM.Symbolic

/// A system of rate equations dy_i/du = f_i(y; c), written symbolically in state symbols y_j and coefficient symbols
/// c_k (quantities that depend on the independent variable u only, supplied numerically by the caller at each u).
/// The Jacobians ∂f_i/∂y_j and ∂f_i/∂c_k are derived with Calculus.differentiate, never typed; the right-hand side
/// and its derivatives are compiled with Compile.compileMany (common subexpressions shared, no allocation per call).
/// The chain rule ∂f/∂u = Σ_k (∂f/∂c_k) dc_k/du then gives the explicit u-derivative a Rosenbrock solver needs.
/// Units: whatever the caller uses for the symbols (the cosmology systems below are dimensionless).
[<Sealed>]
type RateEquations(name: string, states: string list, coefficients: string list, rhs: Expr list, reference: string) =
    do
        if String.IsNullOrWhiteSpace name then invalidArg "name" "a rate-equation system needs a name"
        if List.isEmpty states then invalidArg "states" "a rate-equation system needs at least one state symbol"
        if rhs.Length <> states.Length then
            invalidArg "rhs" (sprintf "%s: %d right-hand sides for %d states; there must be one per state" name rhs.Length states.Length)
        let all = states @ coefficients
        let dup = all |> List.countBy id |> List.tryFind (fun (_, c) -> c > 1)
        match dup with
        | Some(s, _) -> invalidArg "states" (sprintf "%s: the symbol %s is listed twice (states and coefficients must be distinct)" name s)
        | None -> ()
        let known = HashSet<string>(all, StringComparer.Ordinal)
        for f in rhs do
            for s in Structure.symbols f do
                if not (known.Contains s) then
                    invalidArg "rhs" (sprintf "%s: the right-hand side uses %s, which is neither a state nor a coefficient" name s)

    let n = states.Length
    let m = coefficients.Length
    let rhsArr = Array.ofList rhs
    let jac = [| for f in rhsArr do for y in states -> Calculus.differentiate (Symbol y) f |]
    let cjac = [| for f in rhsArr do for c in coefficients -> Calculus.differentiate (Symbol c) f |]
    let parameters = Array.ofList (states @ coefficients)

    /// Name of the system (used in messages).
    member _.Name = name
    /// Equation reference (paper and equation number) and the change of variables used.
    member _.Reference = reference
    /// The state symbols y_j, in order.
    member _.States : string[] = Array.ofList states
    /// The coefficient symbols c_k, in order.
    member _.Coefficients : string[] = Array.ofList coefficients
    /// The right-hand sides f_i.
    member _.Rhs : Expr[] = Array.copy rhsArr
    /// ∂f_i/∂y_j, row-major (index i·n + j), derived symbolically.
    member _.Jacobian : Expr[] = Array.copy jac
    /// ∂f_i/∂c_k, row-major (index i·m + k), derived symbolically.
    member _.CoefficientJacobian : Expr[] = Array.copy cjac

    /// Compiles f alone: a delegate (inputs, outputs) with inputs = [y_1..y_n, c_1..c_m] and outputs = [f_1..f_n].
    member _.CompileRhs() : Action<float[], float[]> = Compile.compileMany parameters rhsArr

    /// Compiles f with both Jacobians in one delegate (shared subexpressions computed once): inputs
    /// [y_1..y_n, c_1..c_m]; outputs [f (n), ∂f/∂y (n·n, row-major), ∂f/∂c (n·m, row-major)].
    member _.CompileAll() : Action<float[], float[]> = Compile.compileMany parameters (Array.concat [ rhsArr; jac; cjac ])

    /// Number of states n.
    member _.StateCount = n
    /// Number of coefficients m.
    member _.CoefficientCount = m

/// The Boltzmann equations of the two seed papers, as symbolic rate equations in logarithmic variables.
///
/// Change of variables (both systems): independent variable u = ln x with x = m/T, states W = ln Y with Y = n/s.
/// With entropy conservation, d ln x/dt = H/(1 + δ/3), δ = d ln h_eff/d ln T, so for a rate Γ(T) acting on Y,
/// dY/du = (1 + δ/3) Γ/H. Every rate enters as the logarithm of its dimensionless coefficient (a symbol ℓ = ln(...)),
/// so the right-hand side is a sum of exponentials whose exponents stay finite even when Y_eq ~ e^(−m/T) underflows
/// a double; a channel that is switched off has ℓ = −∞ (exp(−∞) = 0, no NaN). Positivity of Y is automatic.
[<RequireQualifiedAccess>]
module CosmologyEquations =

    /// Seed 000 eq. (21), ṅ + 3Hn = −⟨σv⟩(n² − n_eq²), for one species in W = ln Y, u = ln x:
    ///   dW/du = −exp(la + W) + exp(la + 2·we − W),
    /// with coefficients la = ln λ, λ = (1 + δ/3) s⟨σv⟩/H (the Gondolo–Gelmini g_*^{1/2} factor written out), and
    /// we = ln Y_eq. (In x: dY/dx = −(λ/x)(Y² − Y_eq²).) Dimensionless.
    let freezeOut : RateEquations =
        RateEquations(
            "freeze-out (seed 000 eq. 21)",
            [ "W" ],
            [ "la"; "we" ],
            [ Infix.parseOrThrow "-exp(la + W) + exp(la + 2*we - W)" ],
            "seed 000 Appendix eq. (21) in W = ln Y, u = ln(m/T); la = ln[(1 + dln h/3dln T) s<sigma v>/H], we = ln Y_eq")

    /// Seed 001 eq. (4.2), the χ/S system, in the states W_t = ln Y_t, Y_t = Y_χ + ν_d Y_S (the yield that decays and
    /// inverse decays conserve), and W_s = ln Y_S, with u = ln(m_χ/T). Writing Y_χ = Y_t − ν_d Y_S, i.e.
    /// W_c = W_t + ln(1 − ν_d e^(W_s − W_t)):
    ///   dW_t/du = e^(−W_t)·[ −e^(l1)(Y_χ² − Y_χ,eq²) − ν_d e^(l3)(Y_S² − Y_S,eq²) + (ν_d ν_s − 1) κ (Y_χ²/Y_χ,eq² − Y_S²/Y_S,eq²) ]
    ///   dW_s/du = −e^(l3+W_s) + e^(l3+2es−W_s) − e^(ld) + e^(ld+W_c+es−ec−W_s) + ν_s κ (e^(2W_c−2ec−W_s) − e^(W_s−2es))
    /// Coefficients, with P = (1 + δ/3)/H:
    ///   l1 = ln(P s⟨σv⟩_χχ̄→νν̄), l3 = ln(P s⟨σv⟩_SS→νν̄),
    ///   ld = ln(P Γ_S K1(m_S/T)/K2(m_S/T)) (decays and inverse decays S ↔ χν),
    ///   lk = ln κ = ln(P s⟨σv⟩_χχ̄→SS Y_χ,eq²) = ln(P s⟨σv⟩_SS→χχ̄ Y_S,eq²) (detailed balance: the χχ̄ ↔ SS term of 4.2
    ///   written as κ(Y_χ²/Y_χ,eq² − Y_S²/Y_S,eq²), finite whichever direction is Boltzmann suppressed),
    ///   ec = ln Y_χ,eq, es = ln Y_S,eq, nud = ν_d (χ per S decay), nus = ν_s (S per χχ̄ → SS event).
    /// With ν_d = ν_s = 1 this is eq. (4.2) exactly as printed.
    /// Why W_t: the decay terms are ~Γ_S/H ~ 10¹⁵ times the yields and cancel to O(1) near inverse-decay equilibrium;
    /// in (ln Y_χ, ln Y_S) their rounding (~0.1 per evaluation) would act as noise on the slow χ yield and force steps
    /// of ~10⁻⁴ in ln x. In W_t they cancel analytically and appear only in the stiff W_s equation, where the L-stable
    /// solver damps them. Requires Y_χ &gt; 0, i.e. ν_d Y_S &lt; Y_t (true when m_S &gt; m_χ). Dimensionless.
    /// ln Y_χ = W_t + ln(1 − ν_d e^(W_s − W_t)) in the states of twoSpecies (the infix text the equations use).
    let chiLogYieldText = "(Wt + ln(1 - nud*exp(Ws - Wt)))"

    let twoSpecies : RateEquations =
        let chi = chiLogYieldText
        let wt =
            sprintf "-exp(l1 + 2*%s - Wt) + exp(l1 + 2*ec - Wt) - nud*exp(l3 + 2*Ws - Wt) + nud*exp(l3 + 2*es - Wt) + (nud*nus - 1)*(exp(lk + 2*%s - 2*ec - Wt) - exp(lk + 2*Ws - 2*es - Wt))" chi chi
        let ws =
            sprintf "-exp(l3 + Ws) + exp(l3 + 2*es - Ws) - exp(ld) + exp(ld + %s + es - ec - Ws) + nus*(exp(lk + 2*%s - 2*ec - Ws) - exp(lk + Ws - 2*es))" chi chi
        RateEquations(
            "chi/S system (seed 001 eq. 4.2)",
            [ "Wt"; "Ws" ],
            [ "l1"; "ld"; "lk"; "l3"; "ec"; "es"; "nud"; "nus" ],
            [ Infix.parseOrThrow wt; Infix.parseOrThrow ws ],
            "seed 001 eq. (4.2) in W_t = ln(Y_chi + nu_d Y_S), W_s = ln Y_S, u = ln(m_chi/T); channels chi chi -> nu nu, chi chi <-> S S, S S -> nu nu, S <-> chi nu")

