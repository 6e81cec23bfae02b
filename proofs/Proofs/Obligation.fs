namespace NuDM.Proofs

open System
open System.Diagnostics
open NuDM.Symbolic

/// The verdict of one symbolic check.
[<NoEquality; NoComparison>]
type Outcome =
    { Holds: bool
      /// What was shown (or the residual that failed to vanish).
      Detail: string }

    static member Pass(detail: string) = { Holds = true; Detail = detail }
    static member Fail(detail: string) = { Holds = false; Detail = detail }

/// A proof obligation: a named identity or limit of a formula, with the equation it belongs to, the domain on
/// which it is claimed, and a symbolic check (a decision by canonical forms, never a numeric sample).
[<NoEquality; NoComparison>]
type Obligation =
    { /// Stable identifier, e.g. "kin.massless-limit".
      Id: string
      /// One-line statement shown in tables.
      Title: string
      /// The equation(s) it proves, e.g. "seed 001 eq. (2.10)".
      Equation: string
      /// The mathematical statement in words, including any finding recorded while deriving it.
      Statement: string
      /// The domain (assumptions) on which the statement is proven.
      Domain: string
      /// The check.
      Check: unit -> Outcome }

/// The result of running an obligation.
[<NoEquality; NoComparison>]
type ProofResult =
    { Obligation: Obligation
      Holds: bool
      Detail: string
      Elapsed: TimeSpan
      /// The exception text if the check crashed (a crash is a failure), otherwise null.
      Error: string }

/// A numeric comparison at random points, printed beside a proof as a diagnostic. It is never counted as the
/// proof: the verdict comes from the canonical forms.
[<RequireQualifiedAccess>]
module Probe =
    /// Compares lhs and rhs at up to 40 random points (each symbol uniform in [0.1, 10]); points where either
    /// side is not a finite real number are skipped. The difference is measured relative to the largest |lhs|, |rhs|
    /// over all points, so an identity whose sides vanish (e.g. d cosθ/dT = 0) reports its round-off, not 1.
    /// Returns a one-line summary.
    let compare (lhs: Expr) (rhs: Expr) : string =
        let names = (Structure.symbols lhs @ Structure.symbols rhs) |> List.distinct
        let rng = Random(12345)
        try
            let pairs =
                [ for _ in 1 .. 40 do
                    let values = names |> List.map (fun _ -> 0.1 + 9.9 * rng.NextDouble()) |> Array.ofList
                    let a = Evaluate.evaluateAt names values lhs
                    let b = Evaluate.evaluateAt names values rhs
                    if Double.IsFinite a && Double.IsFinite b then yield (a, b) ]
            match pairs with
            | [] -> "numeric probe (diagnostic only): no sampled point was in the real domain"
            | _ ->
                let scale = pairs |> List.map (fun (a, b) -> max (abs a) (abs b)) |> List.max
                if scale = 0.0 then sprintf "numeric probe (diagnostic only): both sides 0 at %d points" pairs.Length
                else
                    let worst = pairs |> List.map (fun (a, b) -> abs (a - b) / scale) |> List.max
                    sprintf "numeric probe (diagnostic only): max difference %.1e (relative to the largest value) at %d points" worst pairs.Length
        with e -> sprintf "numeric probe (diagnostic only): not evaluated (%s)" e.Message

/// Combinators for writing proof obligations.
[<RequireQualifiedAccess>]
module Prove =
    /// lhs ≡ rhs: the rational normal form of lhs − rhs is 0 on the domain. A numeric probe is appended to the
    /// detail as a diagnostic.
    let equal (assume: Assumptions) (what: string) (lhs: Expr) (rhs: Expr) : Outcome =
        let nf = Normal.normalFormWith assume (Ops.subtract lhs rhs)
        let probe = Probe.compare lhs rhs
        if nf.IsZero then Outcome.Pass(sprintf "%s: lhs − rhs has normal form 0 [%s]" what probe)
        else Outcome.Fail(sprintf "%s: lhs − rhs has normal form %O ≠ 0 (lhs = %O, rhs = %O) [%s]" what (nf.ToExpr()) lhs rhs probe)

    /// lim_{x→a} e = expected (symbolically, by substitution or Puiseux series).
    let limit (assume: Assumptions) (what: string) (x: Expr) (a: Expr) (direction: Direction) (e: Expr) (expected: Expr) : Outcome =
        let l = Series.limitWith assume x a direction e
        let same =
            l = expected
            || (not (Structure.hasSpecial l) && not (Structure.hasSpecial expected) && Normal.equivalentWith assume l expected)
        let side = match direction with Direction.FromAbove -> "⁺" | Direction.FromBelow -> "⁻" | _ -> ""
        if same then Outcome.Pass(sprintf "%s: lim %O→%O%s = %O" what x a side l)
        else Outcome.Fail(sprintf "%s: lim %O→%O%s = %O, expected %O" what x a side l expected)

    /// e > 0 on the domain (provable sign).
    let positive (assume: Assumptions) (what: string) (e: Expr) : Outcome =
        match Normal.signWith assume e with
        | 1 -> Outcome.Pass(sprintf "%s: provably positive" what)
        | s -> Outcome.Fail(sprintf "%s: sign not provably positive (sign test gave %d) for %O" what s e)

    /// Structural identity of canonical forms.
    let identical (what: string) (lhs: Expr) (rhs: Expr) : Outcome =
        if lhs = rhs then Outcome.Pass(sprintf "%s: identical canonical forms" what)
        else Outcome.Fail(sprintf "%s: %O is not %O" what lhs rhs)

    /// All of the outcomes hold.
    let all (outcomes: Outcome list) : Outcome =
        { Holds = outcomes |> List.forall (fun o -> o.Holds)
          Detail = String.Join("; ", outcomes |> List.map (fun o -> (if o.Holds then "" else "FAILED ") + o.Detail)) }

/// Running obligations.
[<RequireQualifiedAccess>]
module Obligations =
    /// Runs one obligation, timing it; an exception is a failure with its message recorded.
    [<CompiledName("Run")>]
    let run (o: Obligation) : ProofResult =
        let sw = Stopwatch.StartNew()
        try
            let r = o.Check()
            { Obligation = o; Holds = r.Holds; Detail = r.Detail; Elapsed = sw.Elapsed; Error = null }
        with e ->
            { Obligation = o; Holds = false; Detail = "the check threw an exception"; Elapsed = sw.Elapsed; Error = e.GetType().Name + ": " + e.Message }
