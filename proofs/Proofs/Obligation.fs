namespace NuDM.Proofs

open System
open System.Diagnostics
open NuDM.Symbolic

/// The status of a proof obligation or of one of its checks.
type ProofStatus =
    /// Shown by the core (canonical forms, exact signs, symbolic limits).
    | Proven = 0
    /// The claim is false (the core disproved it, or a structural check did not hold).
    | Failed = 1
    /// The core could neither prove nor disprove it: not a proof, and not a refutation.
    | Undecided = 2
    /// The check threw an exception (only in ProofResult).
    | Crashed = 3

/// The verdict of one symbolic check.
[<NoEquality; NoComparison>]
type Outcome =
    { Status: ProofStatus
      /// What was shown (or the residual that failed to vanish, or why it could not be decided).
      Detail: string }

    /// True only when proven.
    member o.Holds = o.Status = ProofStatus.Proven
    static member Pass(detail: string) = { Status = ProofStatus.Proven; Detail = detail }
    static member Fail(detail: string) = { Status = ProofStatus.Failed; Detail = detail }
    static member Undecided(detail: string) = { Status = ProofStatus.Undecided; Detail = detail }

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
      /// Proven, Failed, Undecided (the core could not decide: not proven) or Crashed.
      Status: ProofStatus
      Detail: string
      Elapsed: TimeSpan
      /// The exception text if the check crashed (a crash is a failure), otherwise null.
      Error: string }

    /// True only when proven (an undecided obligation does not hold).
    member r.Holds = r.Status = ProofStatus.Proven

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
    let private ofDecision (d: Decision) (proven: string) (failed: string) (undecided: string) : Outcome =
        match d.Verdict with
        | Verdict.Proven -> Outcome.Pass proven
        | Verdict.Disproven -> Outcome.Fail failed
        | _ -> Outcome.Undecided undecided

    /// lhs ≡ rhs on the domain: Normal.equivalentWith (Proven when lhs − rhs has normal form 0; Failed when
    /// disproven; Undecided otherwise). A numeric probe is appended to the detail as a diagnostic.
    let equal (assume: Assumptions) (what: string) (lhs: Expr) (rhs: Expr) : Outcome =
        let d = Normal.equivalentWith assume lhs rhs
        let probe = Probe.compare lhs rhs
        ofDecision
            d
            (sprintf "%s: lhs − rhs has normal form 0 [%s]" what probe)
            (sprintf "%s: lhs ≠ rhs: %s (lhs = %O, rhs = %O) [%s]" what d.Reason lhs rhs probe)
            (sprintf "%s: UNDECIDED: %s (lhs = %O, rhs = %O) [%s]" what d.Reason lhs rhs probe)

    /// lhs ≢ rhs on the domain (e.g. a misprinted formula is not the derived one): proven when the core
    /// disproves the identity, failed when it proves it.
    let different (assume: Assumptions) (what: string) (lhs: Expr) (rhs: Expr) : Outcome =
        let d = Normal.equivalentWith assume lhs rhs
        match d.Verdict with
        | Verdict.Disproven -> Outcome.Pass(sprintf "%s: %s" what d.Reason)
        | Verdict.Proven -> Outcome.Fail(sprintf "%s: unexpectedly identical (%s)" what d.Reason)
        | _ -> Outcome.Undecided(sprintf "%s: UNDECIDED: %s" what d.Reason)

    /// lim_{x→a} e = expected (symbolically, by substitution or Puiseux series).
    let limit (assume: Assumptions) (what: string) (x: Expr) (a: Expr) (direction: Direction) (e: Expr) (expected: Expr) : Outcome =
        let side = match direction with Direction.FromAbove -> "⁺" | Direction.FromBelow -> "⁻" | _ -> ""
        match (try Choice1Of2(Series.limitWith assume x a direction e) with :? UndecidedException as u -> Choice2Of2 u) with
        | Choice2Of2 u -> Outcome.Undecided(sprintf "%s: UNDECIDED: lim %O→%O%s: %s" what x a side u.Message)
        | Choice1Of2 l ->
            let shown = sprintf "lim %O→%O%s = %O" x a side l
            if l = expected then Outcome.Pass(sprintf "%s: %s" what shown)
            elif Structure.hasSpecial l || Structure.hasSpecial expected then
                Outcome.Fail(sprintf "%s: %s, expected %O" what shown expected)
            else
                let d = Normal.equivalentWith assume l expected
                ofDecision
                    d
                    (sprintf "%s: %s" what shown)
                    (sprintf "%s: %s, expected %O (%s)" what shown expected d.Reason)
                    (sprintf "%s: UNDECIDED: %s, expected %O (%s)" what shown expected d.Reason)

    /// e > 0 on the domain (Normal.isPositiveWith: a provable sign; Failed at a point of the domain where
    /// e ≤ 0; Undecided otherwise).
    let positive (assume: Assumptions) (what: string) (e: Expr) : Outcome =
        let d = Normal.isPositiveWith assume e
        ofDecision
            d
            (sprintf "%s: provably positive" what)
            (sprintf "%s: not positive: %s, for %O" what d.Reason e)
            (sprintf "%s: UNDECIDED: %s, for %O" what d.Reason e)

    /// Structural identity of canonical forms.
    let identical (what: string) (lhs: Expr) (rhs: Expr) : Outcome =
        if lhs = rhs then Outcome.Pass(sprintf "%s: identical canonical forms" what)
        else Outcome.Fail(sprintf "%s: %O is not %O" what lhs rhs)

    /// All of the outcomes hold: Proven when all are; Failed when any failed; otherwise Undecided.
    let all (outcomes: Outcome list) : Outcome =
        let status =
            if outcomes |> List.forall (fun o -> o.Status = ProofStatus.Proven) then ProofStatus.Proven
            elif outcomes |> List.exists (fun o -> o.Status = ProofStatus.Failed || o.Status = ProofStatus.Crashed) then ProofStatus.Failed
            else ProofStatus.Undecided
        let mark (o: Outcome) =
            match o.Status with
            | ProofStatus.Proven -> ""
            | ProofStatus.Undecided -> "UNDECIDED "
            | _ -> "FAILED "
        { Status = status
          Detail = String.Join("; ", outcomes |> List.map (fun o -> mark o + o.Detail)) }

/// Running obligations.
[<RequireQualifiedAccess>]
module Obligations =
    /// Runs one obligation, timing it; an UndecidedException makes it Undecided, any other exception Crashed
    /// with its message recorded.
    [<CompiledName("Run")>]
    let run (o: Obligation) : ProofResult =
        let sw = Stopwatch.StartNew()
        try
            let r = o.Check()
            { Obligation = o; Status = r.Status; Detail = r.Detail; Elapsed = sw.Elapsed; Error = null }
        with
        | :? UndecidedException as u ->
            // the core could not make a decision the check needs: not proven, and not a failure either
            { Obligation = o; Status = ProofStatus.Undecided; Detail = "UNDECIDED: " + u.Message; Elapsed = sw.Elapsed; Error = null }
        | e ->
            { Obligation = o; Status = ProofStatus.Crashed; Detail = "the check threw an exception"; Elapsed = sw.Elapsed; Error = e.GetType().Name + ": " + e.Message }
