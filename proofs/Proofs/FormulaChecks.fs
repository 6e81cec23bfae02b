/// Checks shared by the cosmology proof obligations: an evaluation form equals its printed formula, and a formula is
/// dimensionally consistent.
module NuDM.Proofs.FormulaChecks

open NuDM.Symbolic
open NuDM.Symbolic.Notation
open NuDM.Physics

/// BesselKe(n, z) (and BesselK(n, z)) for an integer n ≥ 2 rewritten down to orders 0 and 1 by the recurrence
/// K_n(z) = K_{n−2}(z) + (2(n − 1)/z) K_{n−1}(z), which holds for the scaled eᶻK_n(z) as well (the factor eᶻ is common).
let rec besselRecurrence (e: Expr) : Expr =
    e
    |> Structure.bottomUp (fun node ->
        match node with
        | Apply(Named("BesselKe" | "BesselK" as name), [ Number q; z ]) when q.IsInteger && q >= Q.OfInt 2 ->
            let n = int q.Num
            let k (order: int) = Ops.apply (Named name) [ Ops.integer order; z ]
            besselRecurrence (k (n - 2) + Ops.integer (2 * (n - 1)) / z * k (n - 1))
        | _ -> node)

/// BesselKe(n, z) replaced by its definition eᶻ K_n(z).
let unscaleBessel (e: Expr) : Expr =
    e
    |> Structure.bottomUp (fun node ->
        match node with
        | Apply(Named "BesselKe", [ n; z ]) -> exp z * Ops.besselK n z
        | _ -> node)

/// Exponentials split over the terms of their expanded argument: e^{a + b} = e^a e^b, e^{c ln x} = x^c, e^{−a} = 1/e^a
/// (so that the normal form sees e^{x/T} e^{−x/T} = 1 and e^{ln A} = A whatever the arguments look like).
let expandExponentials (e: Expr) : Expr =
    e
    |> Structure.bottomUp (fun node ->
        match node with
        | Apply(Exp, [ arg ]) ->
            Algebraic.expand arg
            |> Algebraic.summands
            |> List.map (fun t ->
                match Ops.splitCoefficient t with
                | c, Apply(Ln, [ x ]) -> x ** Number c
                | c, _ when c.IsNegative -> 1 / exp (-t)
                | _ -> exp t)
            |> productOf
        | _ -> node)

/// lhs ≡ rhs after expandExponentials on both sides.
let equalWithExponentials (assume: Assumptions) (what: string) (lhs: Expr) (rhs: Expr) : Outcome =
    Prove.equal assume what (expandExponentials lhs) (expandExponentials rhs)

/// The arguments of every function brought to their normal form (so that ln A and ln B with A ≡ B are one kernel).
let normaliseArguments (assume: Assumptions) (e: Expr) : Expr =
    e
    |> Structure.bottomUp (fun node ->
        match node with
        | Apply(f, args) -> Ops.apply f (args |> List.map (Normal.simplifyWith assume))
        | _ -> node)

/// An evaluation form (canonicalised by Ordered.canonical) equals a printed form, both with the constants as symbols,
/// after the Bessel recurrence and the normal form of function arguments.
let sameFormula (assume: Assumptions) (what: string) (evaluation: Expr) (printed: Expr) : Outcome =
    let prepare e = normaliseArguments assume (besselRecurrence e)
    Prove.equal assume what (prepare (Ordered.canonical evaluation)) (prepare printed)

/// sameFormula for an evaluated formula of the kernel.
let evaluationForm (assume: Assumptions) (f: EvaluatedFormula) : Outcome =
    sameFormula assume (sprintf "%s as %s evaluates it" f.Formula.Name f.Computation) f.Evaluation f.Printed

/// Every evaluation form of the list equals its printed form.
let evaluationForms (assume: Assumptions) (formulas: EvaluatedFormula list) : Outcome =
    Prove.all [ for f in formulas -> evaluationForm assume f ]

/// A physical dimension as powers of energy (MeV), length (cm) and time (s).
type Dimension =
    { Energy: Q
      Length: Q
      Time: Q }

/// Energy^n.
let energy (n: int) = { Energy = Q.OfInt n; Length = Q.Zero; Time = Q.Zero }
/// Dimensionless.
let one = energy 0
/// Energy^e · length^l · time^t.
let dimension (e: int) (l: int) (t: int) = { Energy = Q.OfInt e; Length = Q.OfInt l; Time = Q.OfInt t }

let private scaleE, scaleL, scaleT = Symbol "dimE", Symbol "dimL", Symbol "dimT"
let private scale (d: Dimension) = scaleE ** Number d.Energy * scaleL ** Number d.Length * scaleT ** Number d.Time

/// e has the dimension `result` when each symbol has its dimension in `units`: e(x_i → λ^{d_i} x_i) = λ^D e(x_i),
/// proven in normal form with the scales λ (one per base unit) as positive symbols. Symbols not listed are
/// dimensionless. Functions (ln, exp, Bessel) must then see dimensionless arguments, or the identity fails.
let dimensional (assume: Assumptions) (what: string) (units: (Expr * Dimension) list) (result: Dimension) (e: Expr) : Outcome =
    let scaled = Structure.substituteMany [ for (x, d) in units -> x, x * scale d ] e
    let dom = assume.AndPositive(scaleE).AndPositive(scaleL).AndPositive(scaleT)
    Prove.equal dom (sprintf "dimension of %s" what) scaled (e * scale result)
