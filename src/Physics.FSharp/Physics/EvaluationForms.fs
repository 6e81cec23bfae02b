namespace NuDM.Physics

open System
open System.Collections.Generic
open System.Globalization
open NuDM.Symbolic

/// Evaluation forms: expressions that fix the order of floating-point operations of a compiled formula.
///
/// Why: the stiff Boltzmann solvers and the root searches downstream of the cosmology formulas amplify a change in
/// the last bit of a coefficient to ~1e-6 in Ωh², T_KD or Y_χ (the Rosenbrock step-size control reacts to round-off
/// in its error estimate; measured: ⟨σv⟩ × (1 + 1e-15) moves Ωh² by 2e-6). The canonical form of a formula is
/// compiled with its own operation order (sorted sums, reciprocal constants, multiplication chains for powers), so
/// it reproduces an established computation only to a few ulps. An evaluation form is written in the order of that
/// computation instead and compiles to exactly its operations; a proof obligation shows that it equals the printed
/// formula (Ordered.canonical turns it back into a canonical expression).
///
/// The trees built here are deliberately NOT canonical (a binary Sum is one addition, a/b one division, Math.Pow is
/// called where the computation called it): use them only with Compile (which follows their structure) and, after
/// Ordered.canonical, with the rest of the core. Open the module to write a form like the computation it reproduces,
/// with the operators .+ .- .* ./ (one floating-point operation each, left to right).
module Ordered =
    /// a + b, one addition.
    let add (a: Expr) (b: Expr) = Sum [ a; b ]
    /// a − b, one subtraction.
    let sub (a: Expr) (b: Expr) = Sum [ a; Product [ Number Q.MinusOne; b ] ]
    /// a · b, one multiplication.
    let mul (a: Expr) (b: Expr) = Product [ a; b ]
    /// a / b, one division.
    let div (a: Expr) (b: Expr) = Product [ a; Power(b, Number Q.MinusOne) ]
    /// −a.
    let neg (a: Expr) = Product [ Number Q.MinusOne; a ]
    /// ln a (Math.Log).
    let ln (a: Expr) = Apply(Ln, [ a ])
    /// e^a (Math.Exp).
    let exp (a: Expr) = Apply(Exp, [ a ])
    /// √a (Math.Sqrt).
    let sqrt (a: Expr) = Power(a, Number(Q.Create(Numerics.BigInteger.One, Numerics.BigInteger 2)))
    /// Math.Pow(a, b), never a multiplication chain.
    let pow (a: Expr) (b: Expr) = Apply(Named "pow", [ a; b ])
    /// Math.Cbrt(a).
    let cbrt (a: Expr) = Apply(Named "cbrt", [ a ])
    /// The double x as an exact number (compiles to exactly x).
    let num (x: float) = Number(Q.OfDouble x)
    /// An integer constant.
    let int (n: int) = Number(Q.OfInt n)
    /// eˣ K_n(x) (ScaledBessel.Kn).
    let besselKe (n: int) (x: Expr) = Apply(Named "BesselKe", [ Number(Q.OfInt n); x ])

    /// a + b.
    let ( .+ ) a b = add a b
    /// a − b.
    let ( .- ) a b = sub a b
    /// a · b.
    let ( .* ) a b = mul a b
    /// a / b.
    let ( ./ ) a b = div a b

    /// Replaces whole subexpressions keeping the tree as it is (Structure.substitute would rebuild it canonically).
    let internal substitute (pairs: (Expr * Expr) list) (e: Expr) : Expr =
        let d = Collections.Generic.Dictionary<Expr, Expr>(HashIdentity.Structural)
        for (k, v) in pairs do d.[k] <- v
        let rec go e =
            match d.TryGetValue e with
            | true, v -> v
            | _ ->
                match e with
                | Sum xs -> Sum(List.map go xs)
                | Product xs -> Product(List.map go xs)
                | Power(b, x) -> Power(go b, go x)
                | Apply(f, xs) -> Apply(f, List.map go xs)
                | _ -> e
        go e

    /// The canonical expression an evaluation form stands for: every node rebuilt through the smart constructors,
    /// pow(a, b) as a^b and cbrt(a) as a^(1/3).
    let canonical (e: Expr) : Expr =
        e
        |> Structure.bottomUp (fun node ->
            match node with
            | Apply(Named "pow", [ a; b ]) -> a ** b
            | Apply(Named "cbrt", [ a ]) -> a ** Ops.rational 1 3
            | _ -> node)

/// A decimal constant of a formula kept as a symbol: the printed formula holds its exact decimal value (the shortest
/// text that round-trips the double), the compiled evaluation form the double the computation always used.
[<NoEquality; NoComparison>]
type FormulaConstant =
    { Symbol: Expr
      Value: float }

    /// The exact decimal the double prints as ("R" format), e.g. 0.1 → 1/10.
    member c.Exact = Number(Q.Parse(c.Value.ToString("R", CultureInfo.InvariantCulture)))
    /// The double itself as an exact number.
    member c.Double = Number(Q.OfDouble c.Value)

/// A formula together with the evaluation form its compiled delegate uses, and the constants both share as symbols.
/// Formula holds the printed form (constants as exact decimals); Evaluation is the ordered tree in the formula's
/// parameters and the constants' symbols; Compile* compile the evaluation form with the constants' doubles. The
/// obligation "evaluation form = printed form" is checked in symbols (Ordered.canonical Evaluation against Printed).
/// C# sees the Formula, the computation reproduced and the compiled delegates; the expression trees are internal
/// (the kernel, its proofs and its tests).
[<Sealed>]
type EvaluatedFormula internal (formula: Formula, printed: Expr, evaluation: Expr, constants: FormulaConstant list, computation: string) =
    let compiled = Ordered.substitute (constants |> List.map (fun c -> c.Symbol, c.Double)) evaluation

    /// The formula (printed form, constants as exact decimals).
    member _.Formula : Formula = formula
    /// The printed form with the constants as symbols.
    member internal _.Printed = printed
    /// The evaluation form with the constants as symbols (not canonical).
    member internal _.Evaluation = evaluation
    /// The evaluation form with the constants' doubles: what is compiled.
    member internal _.CompiledExpression = compiled
    /// The constant symbols (with their double values).
    member internal _.Constants : IReadOnlyList<FormulaConstant> = constants :> IReadOnlyList<FormulaConstant>
    /// The computation the evaluation form reproduces (where it is used).
    member _.Computation = computation

    /// The same formula evaluated in another order (for another computation that must keep its own last bits).
    member internal _.WithEvaluation(otherEvaluation: Expr, otherComputation: string) =
        EvaluatedFormula(formula, printed, otherEvaluation, constants, otherComputation)

    member private _.Names = formula.ParameterNames
    /// Compiled delegate of a one-parameter formula (the evaluation form).
    member f.Compile1() : Func<float, float> = Compile.compile1 f.Names.[0] compiled
    /// Compiled delegate of a two-parameter formula, parameters in the formula's order.
    member f.Compile2() : Func<float, float, float> = let p = f.Names in Compile.compile2 p.[0] p.[1] compiled
    /// Compiled delegate of a three-parameter formula, parameters in the formula's order.
    member f.Compile3() : Func<float, float, float, float> = let p = f.Names in Compile.compile3 p.[0] p.[1] p.[2] compiled
    /// Compiled delegate of a four-parameter formula, parameters in the formula's order.
    member f.Compile4() : Func<float, float, float, float, float> =
        let p = f.Names in Compile.compile4 p.[0] p.[1] p.[2] p.[3] compiled
    /// Compiled delegate of a five-parameter formula, parameters in the formula's order.
    member f.Compile5() : Func<float, float, float, float, float, float> =
        let p = f.Names in Compile.compile5 p.[0] p.[1] p.[2] p.[3] p.[4] compiled

/// Building evaluated formulas.
[<RequireQualifiedAccess>]
module EvaluatedFormula =
    /// A constant symbol with the double the computation uses.
    let constant (name: string) (value: float) : FormulaConstant = { Symbol = Symbol name; Value = value }

    /// An evaluated formula: printed form and evaluation form (constants as symbols), the constants, the formula's
    /// metadata as for Formula.create, and the computation reproduced.
    let internal create (printed: Expr) (evaluation: Expr) (constants: FormulaConstant list) (name: string)
        (parameters: (string * string * string) list) (unit: string) (reference: string) (description: string) (computation: string) =
        let exact = Structure.substituteMany (constants |> List.map (fun c -> c.Symbol, c.Exact)) printed
        EvaluatedFormula(Formula.create name exact parameters unit reference description, printed, evaluation, constants, computation)

    /// A formula whose canonical form is also its evaluation form (no established computation to reproduce).
    let internal canonical (printed: Expr) (constants: FormulaConstant list) name parameters unit reference description =
        create printed printed constants name parameters unit reference description "its canonical form"
