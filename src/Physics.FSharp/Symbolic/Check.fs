namespace NuDM.Symbolic

open System
open System.Collections.Generic
open System.Globalization
open System.Text

/// What a user's check asks (see Check).
type CheckMode =
    /// LHS = RHS on the assumed domain.
    | Identity = 0
    /// LHS < RHS, LHS > RHS, LHS ≤ RHS or LHS ≥ RHS on the whole assumed domain.
    | Inequality = 1
    /// lim_{x→a} EXPR, computed (and compared with an expected value when one is given).
    | Limit = 2
    /// The series of EXPR at x → a to O((x − a)^n), computed (and compared with an expected polynomial when given).
    | Series = 3

/// The answer of a check.
type CheckStatus =
    /// The claim holds on the whole assumed domain (an exact computation showed it).
    | Proven = 0
    /// The claim is false: exactly, or at a point of the domain where the sides provably differ (see the witness).
    | Disproven = 1
    /// The core could neither prove nor disprove the claim (the reason says what is left).
    | Undecided = 2
    /// A limit or series was computed, with nothing to compare it with.
    | Computed = 3
    /// The limit or series could not be computed (the reason says why).
    | NotComputed = 4

/// One coordinate of a witness point.
type WitnessCoordinate =
    { Symbol: string
      /// The value (an exact double).
      Value: float }

/// A side's value at a witness point: an enclosure [Lo, Hi] from outward-rounded interval arithmetic, which contains
/// the exact value, and Value, the number inside it with the fewest significant digits.
type WitnessValue =
    { Value: float
      Lo: float
      Hi: float }

/// A point of the assumed domain where a claim visibly fails: both sides' enclosures there, which do not overlap for an
/// identity (or show the wrong sign of RHS − LHS for an inequality).
[<AllowNullLiteral>]
type Witness(point: IReadOnlyList<WitnessCoordinate>, lhs: WitnessValue, rhs: WitnessValue) =
    /// The symbols' values, in ordinal order of the names.
    member _.Point = point
    /// The left-hand side (for a limit or series: the computed value) at the point.
    member _.Lhs = lhs
    /// The right-hand side (for a limit or series: the expected value) at the point.
    member _.Rhs = rhs
    /// "x = 1.375, y = -0.5" (shortest round-trip digits); "" for a point without symbols.
    member _.PointText =
        point
        |> Seq.map (fun c -> c.Symbol + " = " + c.Value.ToString("R", CultureInfo.InvariantCulture))
        |> String.concat ", "

/// The outcome of a check: what was asked, what was computed, and the answer with its reason.
type CheckResult =
    { Mode: CheckMode
      /// The claim or computation as understood, in infix text (e.g. "sin(x)/x at x -> 0").
      Input: string
      /// The assumptions as understood: "x > 0, E - m_chi > 0", "all symbols positive", or "" for none.
      Assumptions: string
      /// The computed limit or series (infix; a series ends with its O(…) term); "" for an identity or inequality.
      Result: string
      Status: CheckStatus
      /// Why: the residual normal form, the separating point, or what could not be decided or computed.
      Reason: string
      /// A point of the domain where the claim fails, when the status is Disproven and one was found; null otherwise.
      Witness: Witness }

/// Bad input to a check: which argument ("formula", "assume", "limit", "series", "at", "expect", "order") and what is
/// wrong with it (a parse error names the column and the character). Derives from ArgumentException: the command line
/// reports it as bad input (exit code 2).
type CheckInputException(argument: string, detail: string) =
    inherit ArgumentException(argument + ": " + detail)
    /// The argument at fault.
    member _.Argument = argument
    /// What is wrong with it.
    member _.Detail = detail

/// Checks of a user's own formulas, stated as text: identities and inequalities under assumptions, limits and series,
/// each answered Proven / Disproven (with a witness point inside the assumed domain where one is found) / Undecided,
/// or the computed limit or series. Built on Infix.parse, Normal.equivalentWith / isZeroWith / isPositiveWith and
/// Series.limitWith / puiseux; the witness search uses the same deterministic points as Normal, so a point named in a
/// reason is the witness reported.
///
/// Text forms. A formula is EXPR REL EXPR with REL one of =, ==, <, >, <=, >=, ≤, ≥ (one relation). Assumptions are
/// comma-separated (commas inside parentheses belong to the expression): EXPR > EXPR or EXPR < EXPR, chains such as
/// 0 < x < 1, and "all positive"; each strict inequality A > B adds A − B as a positive expression (a symbol when
/// B = 0). Non-strict inequalities, equations and ≠ are refused: the core's assumptions are strict positivity. A point
/// is SYMBOL -> POINT (or →) with POINT an expression, optionally followed by + or − for a one-sided approach, or
/// oo, inf, ∞ (also -oo, -inf, -∞).
[<RequireQualifiedAccess>]
module Check =
    // ---- reading the text ------------------------------------------------------------------------------------
    let private fail (argument: string) (detail: string) : 'T = raise (CheckInputException(argument, detail))

    let private columnOf (text: string) (index: int) = InfixGrammar.describeIndex text index

    /// Parses text.[start .. start + length − 1] as an expression, so that a parse error names the column in the
    /// whole text: the part before is replaced by one space per character (line breaks kept).
    let private parseSlice (argument: string) (text: string) (start: int) (length: int) : Expr =
        let piece = text.Substring(start, length)
        if String.IsNullOrWhiteSpace piece then
            fail argument (sprintf "an expression is missing at %s" (columnOf text start))
        let pad = StringBuilder()
        let elements = StringInfo.GetTextElementEnumerator(text.Substring(0, start))
        while elements.MoveNext() do
            let el = elements.GetTextElement()
            pad.Append(if el = "\n" || el = "\r" || el = "\r\n" then el else " ") |> ignore
        match Infix.parse (pad.ToString() + piece) with
        | Ok e -> e
        | Error message when start + length < text.Length ->
            // the piece ends where a relation or an arrow starts: that is what was unexpected, not the end of the text
            fail argument (message.Replace("unexpected end of input", "unexpected " + InfixGrammar.describeCharacterAt text (start + length)))
        | Error message -> fail argument message

    type private Rel =
        | Eq
        | Lt
        | Gt
        | Le
        | Ge
        | Ne

    let private relText r =
        match r with
        | Eq -> "="
        | Lt -> "<"
        | Gt -> ">"
        | Le -> "<="
        | Ge -> ">="
        | Ne -> "!="

    /// The relation symbols of the text, outside nothing (the infix language has no such characters), as
    /// (index, length, relation); "->" and "→" are reported as arrows (relation None).
    let private relations (text: string) : (int * int * Rel option) list =
        let found = ResizeArray()
        let mutable i = 0
        while i < text.Length do
            let next = if i + 1 < text.Length then text.[i + 1] else '\000'
            match text.[i] with
            | '-' when next = '>' ->
                found.Add((i, 2, None))
                i <- i + 2
            | '→' ->
                found.Add((i, 1, None))
                i <- i + 1
            | '<' when next = '=' ->
                found.Add((i, 2, Some Le))
                i <- i + 2
            | '>' when next = '=' ->
                found.Add((i, 2, Some Ge))
                i <- i + 2
            | '=' when next = '=' ->
                found.Add((i, 2, Some Eq))
                i <- i + 2
            | '!' when next = '=' ->
                found.Add((i, 2, Some Ne))
                i <- i + 2
            | '=' when next = '<' || next = '>' ->
                // "=<" / "=>": read as ≤ / ≥ would guess; refuse with the spelling we accept
                fail "" (sprintf "'=%c' at %s: write %s" next (columnOf text i) (if next = '<' then "<=" else ">="))
            | '<' ->
                found.Add((i, 1, Some Lt))
                i <- i + 1
            | '>' ->
                found.Add((i, 1, Some Gt))
                i <- i + 1
            | '=' ->
                found.Add((i, 1, Some Eq))
                i <- i + 1
            | '≤' ->
                found.Add((i, 1, Some Le))
                i <- i + 1
            | '≥' ->
                found.Add((i, 1, Some Ge))
                i <- i + 1
            | '≠' ->
                found.Add((i, 1, Some Ne))
                i <- i + 1
            | _ -> i <- i + 1
        List.ofSeq found

    let private relationsOf (argument: string) (text: string) =
        try relations text
        with :? CheckInputException as e -> fail argument e.Detail

    /// Splits text at top-level commas (outside parentheses) into (start, length) pieces.
    let private splitCommas (text: string) : (int * int) list =
        let pieces = ResizeArray()
        let mutable depth = 0
        let mutable start = 0
        for i in 0 .. text.Length - 1 do
            match text.[i] with
            | '(' -> depth <- depth + 1
            | ')' -> depth <- depth - 1
            | ',' when depth = 0 ->
                pieces.Add((start, i - start))
                start <- i + 1
            | _ -> ()
        pieces.Add((start, text.Length - start))
        List.ofSeq pieces

    let private show (e: Expr) = Bounds.truncate 400 (Infix.format e)

    /// The assumptions of a check, read from text (see the module's description); also their text as understood.
    let private readAssumptions (text: string) : Assumptions * string =
        if String.IsNullOrWhiteSpace text then Assumptions.None, ""
        else
            let mutable assume = Assumptions.None
            let understood = ResizeArray<string>()
            for (start, length) in splitCommas text do
                let part = text.Substring(start, length)
                let words = part.Split([| ' '; '\t' |], StringSplitOptions.RemoveEmptyEntries) |> Array.map (fun w -> w.ToLowerInvariant())
                if words = [| "all"; "positive" |] || words = [| "all"; "symbols"; "positive" |] then
                    assume <- { assume with AllSymbolsPositive = true }
                    understood.Add "all symbols positive"
                elif String.IsNullOrWhiteSpace part then
                    fail "assume" (sprintf "an empty assumption at %s (two commas in a row, or a comma at the end)" (columnOf text start))
                else
                    let rels = relationsOf "assume" part |> List.map (fun (i, n, r) -> start + i, n, r)
                    let quoted = "'" + part.Trim() + "'"
                    if rels.IsEmpty then
                        fail
                            "assume"
                            (sprintf "%s at %s is not an assumption: write SYMBOL > 0, EXPR > EXPR, EXPR < EXPR (chains such as 0 < x < 1 too) or all positive" quoted (columnOf text start))
                    for (i, _, r) in rels do
                        match r with
                        | Some Lt
                        | Some Gt -> ()
                        | Some(Le | Ge) ->
                            fail
                                "assume"
                                (sprintf "%s: '%s' at %s is not supported: assumptions are strict inequalities (the core knows positive quantities, not non-negative ones); write > or <" quoted (relText r.Value) (columnOf text i))
                        | Some(Eq | Ne) ->
                            fail
                                "assume"
                                (sprintf "%s: '%s' at %s is not supported: assumptions are strict inequalities (EXPR > EXPR or EXPR < EXPR); substitute an equation into the formula instead" quoted (relText r.Value) (columnOf text i))
                        | None -> fail "assume" (sprintf "%s: '->' at %s belongs in --at, not in an assumption" quoted (columnOf text i))
                    // operands between the relations, each parsed with columns of the whole text
                    let bounds = [ yield start; for (i, n, _) in rels do yield i; yield i + n ] @ [ start + length ]
                    let operands =
                        bounds
                        |> List.chunkBySize 2
                        |> List.map (fun pair -> parseSlice "assume" text pair.[0] (pair.[1] - pair.[0]))
                    List.zip (List.pairwise operands) rels
                    |> List.iter (fun ((a, b), (i, _, r)) ->
                        let positive = if r = Some Gt then Ops.subtract a b else Ops.subtract b a
                        let positive = Normal.simplifyWith Assumptions.None positive
                        match positive with
                        | Number q when q.Sign > 0 -> () // a true statement about numbers: nothing to assume
                        | _ ->
                            let impossible =
                                match positive with
                                | Number _ -> true
                                | _ -> Normal.signWith assume positive < 0
                            if impossible then
                                fail "assume" (sprintf "%s: the inequality at %s can never hold (%s > 0 is false), so nothing would follow from it" quoted (columnOf text i) (show positive))
                            assume <- assume.AndPositive positive
                            understood.Add(show positive + " > 0"))
            assume, String.Join(", ", understood)

    /// A point: finite expression with a direction, or ±∞.
    let private readPoint (argument: string) (text: string) (start: int) (length: int) : Expr * Direction =
        let piece = text.Substring(start, length).Trim()
        let lead = start + text.Substring(start, length).IndexOf(piece, StringComparison.Ordinal)
        match piece.ToLowerInvariant() with
        | "oo" | "+oo" | "inf" | "+inf" | "∞" | "+∞" | "infinity" | "+infinity" -> PositiveInfinity, Direction.Both
        | "-oo" | "-inf" | "-∞" | "-infinity" -> NegativeInfinity, Direction.Both
        | _ ->
            let direction, body =
                if piece.Length > 1 && piece.EndsWith "+" then Direction.FromAbove, piece.Length - 1
                elif piece.Length > 1 && piece.EndsWith "-" then Direction.FromBelow, piece.Length - 1
                else Direction.Both, piece.Length
            match piece.Substring(0, body).Trim().ToLowerInvariant() with
            | "oo" | "+oo" | "-oo" | "∞" | "+∞" | "-∞" | "infinity" | "+infinity" | "-infinity" ->
                fail argument "a point at infinity has one side only: write oo or -oo without + or -"
            | _ -> ()
            let a = parseSlice argument text lead body
            match a with
            | PositiveInfinity
            | NegativeInfinity when direction = Direction.Both -> a, direction
            | PositiveInfinity
            | NegativeInfinity -> fail argument "a point at infinity has one side only: write oo or -oo without + or -"
            | _ when Structure.hasSpecial a -> fail argument (sprintf "the point %s is not a number or an expression with a value" (show a))
            | _ -> a, direction

    /// Reads "x -> a": the variable, the point and the side.
    let private readAt (text: string) : Expr * Expr * Direction =
        if String.IsNullOrWhiteSpace text then fail "at" "the point is missing: write SYMBOL -> POINT, e.g. \"x -> 0\", \"x -> 0+\", \"x -> oo\""
        match relationsOf "at" text with
        | [ (i, n, None) ] ->
            let x = parseSlice "at" text 0 i
            match x with
            | Symbol _ -> ()
            | _ -> fail "at" (sprintf "the variable before '->' must be a symbol, got %s" (show x))
            let a, direction = readPoint "at" text (i + n) (text.Length - i - n)
            if not (Structure.freeOf x a) then fail "at" (sprintf "the point %s contains the variable %s itself" (show a) (show x))
            x, a, direction
        | [] -> fail "at" (sprintf "'%s' has no '->': write SYMBOL -> POINT, e.g. \"x -> 0\", \"x -> 0+\", \"x -> oo\"" (text.Trim()))
        | found ->
            let i, _, _ = found |> List.tryFind (fun (_, _, r) -> r.IsSome) |> Option.defaultValue found.[1]
            fail "at" (sprintf "unexpected '%s' at %s: write one SYMBOL -> POINT, e.g. \"x -> 0\"" (string text.[i]) (columnOf text i))

    /// A value to compare with (oo, -oo and ∞ allowed).
    let private readExpected (text: string) : Expr =
        if isNull text then nullArg "text"
        match text.Trim().ToLowerInvariant() with
        | "oo" | "+oo" | "∞" | "+∞" | "infinity" -> PositiveInfinity
        | "-oo" | "-∞" | "-infinity" -> NegativeInfinity
        | _ -> parseSlice "expect" text 0 text.Length

    let private readExpression (argument: string) (text: string) =
        if isNull text then nullArg "text"
        match relationsOf argument text with
        | [] -> parseSlice argument text 0 text.Length
        | (i, _, _) :: _ -> fail argument (sprintf "a relation at %s: give an expression here (a claim LHS = RHS is checked without --limit or --series)" (columnOf text i))

    // ---- witnesses ---------------------------------------------------------------------------------------------
    /// Normal's sample points (its seed, so a point named in its reason is found first), and more of them.
    let private witnessPoints = 256

    let private isFiniteInterval (i: Interval) = i.IsValid && Double.IsFinite i.Lo && Double.IsFinite i.Hi

    /// The enclosure and, as the value, the number inside it with the fewest significant digits (1 for the enclosure
    /// [0.9999999999999996, 1.0000000000000009] of the exact 1), else its midpoint.
    let private valueOf (i: Interval) =
        let mid = i.Lo + (i.Hi - i.Lo) / 2.0
        let value =
            seq { 1..17 }
            |> Seq.tryPick (fun digits ->
                let v = Double.Parse(mid.ToString("E" + string (digits - 1), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
                if v >= i.Lo && v <= i.Hi then Some v else None)
            |> Option.defaultValue mid
        { Value = value; Lo = i.Lo; Hi = i.Hi }

    /// A point of the domain (each assumed-positive expression provably positive there) where both sides have finite
    /// enclosures and `accept lhs rhs difference` holds (difference = enclosure of rhs − lhs).
    let private findWitness (assume: Assumptions) (lhs: Expr) (rhs: Expr) (accept: Interval -> Interval -> Interval -> bool) : Witness =
        let finiteAndAccepted (iv: Interval list) =
            match iv with
            | [ l; r; d ] -> isFiniteInterval l && isFiniteInterval r && accept l r d
            | _ -> false
        match Normal.findWitnessAmong witnessPoints assume [ lhs; rhs; Ops.subtract rhs lhs ] finiteAndAccepted with
        | Some(point, [ l; r; _ ]) ->
            let coordinates =
                point
                |> Seq.sortWith (fun a b -> String.CompareOrdinal(a.Key, b.Key))
                |> Seq.map (fun kv -> { Symbol = kv.Key; Value = kv.Value })
                |> Array.ofSeq
            Witness(Array.AsReadOnly coordinates, valueOf l, valueOf r)
        | _ -> null

    let private separated (l: Interval) (r: Interval) (_: Interval) = l.Hi < r.Lo || r.Hi < l.Lo

    let private statusOf (v: Verdict) =
        match v with
        | Verdict.Proven -> CheckStatus.Proven
        | Verdict.Disproven -> CheckStatus.Disproven
        | _ -> CheckStatus.Undecided

    /// Decides lhs = rhs, with a witness when disproven.
    let private decideEqual (assume: Assumptions) (lhs: Expr) (rhs: Expr) : CheckStatus * string * Witness =
        let isInfinite e = match e with PositiveInfinity | NegativeInfinity | ComplexInfinity -> true | _ -> false
        match lhs, rhs with
        | ComplexInfinity, (PositiveInfinity | NegativeInfinity)
        | (PositiveInfinity | NegativeInfinity), ComplexInfinity ->
            CheckStatus.Undecided, "infinite, but the sign of the infinity is not known", null
        | ComplexInfinity, other
        | other, ComplexInfinity when not (isInfinite other) && not (Structure.hasSpecial other) ->
            CheckStatus.Disproven, sprintf "one side is infinite, the other is %s" (show other), null
        | _ ->
            let d = Normal.equivalentWith assume lhs rhs
            let witness =
                if d.Verdict = Verdict.Disproven && not (Structure.hasSpecial lhs || Structure.hasSpecial rhs) then
                    findWitness assume lhs rhs separated
                else null
            statusOf d.Verdict, d.Reason, witness

    /// Decides small < big (strict) or small ≤ big on the whole domain, with a witness when disproven: a point where
    /// big − small is provably ≤ 0 (strict) or provably < 0. `difference` names big − small in the reason.
    let private decideLess (assume: Assumptions) (strict: bool) (difference: string) (small: Expr) (big: Expr) : CheckStatus * string * Witness =
        if Structure.hasSpecial small || Structure.hasSpecial big then
            CheckStatus.Undecided, "a side contains undefined or infinite parts", null
        else
            let positive = Normal.isPositiveWith assume (Ops.subtract big small)
            match positive.Verdict with
            | Verdict.Proven -> CheckStatus.Proven, sprintf "%s > 0: %s" difference positive.Reason, null
            | Verdict.Disproven when strict ->
                let witness =
                    if (Normal.isZeroWith assume (Ops.subtract big small)).IsProven then findWitness assume small big (fun _ _ _ -> true)
                    else findWitness assume small big (fun _ _ d -> d.IsValid && d.Hi <= 0.0)
                CheckStatus.Disproven, sprintf "%s > 0 is false: %s" difference positive.Reason, witness
            | _ when strict -> CheckStatus.Undecided, sprintf "%s > 0 undecided: %s" difference positive.Reason, null
            | _ ->
                // ≤: also holds where the two sides are identical; fails where big − small < 0 somewhere
                let zero = Normal.isZeroWith assume (Ops.subtract big small)
                if zero.IsProven then CheckStatus.Proven, sprintf "the two sides are identical (%s has normal form 0)" difference, null
                else
                    match findWitness assume small big (fun _ _ d -> d.IsValid && d.Hi < 0.0) with
                    | null when Normal.signWith assume (Ops.subtract big small) < 0 -> CheckStatus.Disproven, sprintf "%s is provably negative" difference, null
                    | null ->
                        CheckStatus.Undecided,
                        sprintf
                            "%s ≥ 0: the sign test could not show it (%s), the sides are not identical, and no point of the domain was found where %s < 0"
                            difference
                            positive.Reason
                            difference,
                        null
                    | w -> CheckStatus.Disproven, sprintf "at %s: %s < 0" w.PointText difference, w

    // ---- the checks --------------------------------------------------------------------------------------------

    /// Checks a claim "LHS REL RHS" (REL one of =, ==, <, >, <=, >=, ≤, ≥) under the assumptions (text, may be null or
    /// empty). Throws CheckInputException (argument "formula" or "assume") for text that cannot be read, and
    /// ExpressionTooComplexException / ExactNumberTooLargeException when the work or number budgets are spent.
    [<CompiledName("Formula")>]
    let formula (text: string) (assumptions: string) : CheckResult =
        if isNull text then nullArg "text"
        let assume, assumed = readAssumptions assumptions
        match relationsOf "formula" text with
        | [] ->
            fail "formula" "no relation: write LHS = RHS (or LHS < RHS, LHS > RHS, LHS <= RHS, LHS >= RHS); a limit is checked with --limit EXPR --at \"x -> a\""
        | [ (i, _, None) ] -> fail "formula" (sprintf "'->' at %s: a limit is checked with --limit EXPR --at \"x -> a\"" (columnOf text i))
        | [ (i, _, Some Ne) ] ->
            fail "formula" (sprintf "'!=' at %s is not supported: a claim is =, <, >, <= or >= (a disproven identity shows where the sides differ)" (columnOf text i))
        | [ (i, n, Some r) ] ->
            let lhs = parseSlice "formula" text 0 i
            let rhs = parseSlice "formula" text (i + n) (text.Length - i - n)
            let input = sprintf "%s %s %s" (show lhs) (relText r) (show rhs)
            let status, reason, witness, mode =
                match r with
                | Eq ->
                    let s, why, w = decideEqual assume lhs rhs
                    s, why, w, CheckMode.Identity
                | Lt ->
                    let s, why, w = decideLess assume true "rhs − lhs" lhs rhs
                    s, why, w, CheckMode.Inequality
                | Le ->
                    let s, why, w = decideLess assume false "rhs − lhs" lhs rhs
                    s, why, w, CheckMode.Inequality
                | Gt ->
                    // lhs > rhs ⇔ rhs < lhs: decided with the sides exchanged, reported with the user's sides
                    let s, why, w = decideLess assume true "lhs − rhs" rhs lhs
                    s, why, (if isNull w then null else Witness(w.Point, w.Rhs, w.Lhs)), CheckMode.Inequality
                | Ge ->
                    let s, why, w = decideLess assume false "lhs − rhs" rhs lhs
                    s, why, (if isNull w then null else Witness(w.Point, w.Rhs, w.Lhs)), CheckMode.Inequality
                | Ne -> failwith "unreachable: != is refused above"
            { Mode = mode
              Input = input
              Assumptions = assumed
              Result = ""
              Status = status
              Reason = reason
              Witness = witness }
        | (_, _, _) :: (j, _, _) :: _ -> fail "formula" (sprintf "a second relation at %s: a claim has one relation (LHS = RHS)" (columnOf text j))

    let private pointText (x: Expr) (a: Expr) (direction: Direction) =
        let side =
            match direction with
            | Direction.FromAbove -> "+"
            | Direction.FromBelow -> "-"
            | _ -> ""
        let point =
            match a with
            | PositiveInfinity -> "oo"
            | NegativeInfinity -> "-oo"
            | _ ->
                let s = show a
                if side <> "" && (s.Contains " " || s.StartsWith "-") then "(" + s + ")" else s
        sprintf "%s -> %s%s" (show x) point side

    let private notComputed (e: exn) =
        match e with
        | SeriesNotSupportedException message -> Some message
        | :? UndecidedException as u -> Some u.Message
        | _ -> None

    /// lim_{x→a} EXPR (at: "x -> a", "x -> a+", "x -> a-", "x -> oo", "x -> -oo") under the assumptions; with
    /// `expected` (null for none) decides limit = expected. Status Computed (no expected value), NotComputed (the core
    /// cannot compute the limit: the reason says why), or Proven/Disproven/Undecided. Throws CheckInputException
    /// (argument "limit", "at", "expect" or "assume") for text that cannot be read.
    [<CompiledName("Limit")>]
    let limit (expression: string) (at: string) (expected: string) (assumptions: string) : CheckResult =
        let assume, assumed = readAssumptions assumptions
        let e = readExpression "limit" expression
        let x, a, direction = readAt at
        let expect = if isNull expected then None else Some(readExpected expected)
        let input = sprintf "%s at %s" (show e) (pointText x a direction)
        let baseResult =
            { Mode = CheckMode.Limit
              Input = input
              Assumptions = assumed
              Result = ""
              Status = CheckStatus.Computed
              Reason = ""
              Witness = null }
        let computed =
            try Choice1Of2(Series.limitWith assume x a direction e)
            with ex ->
                match notComputed ex with
                | Some why -> Choice2Of2 why
                | None -> reraise ()
        match computed with
        | Choice2Of2 why -> { baseResult with Status = CheckStatus.NotComputed; Reason = why }
        | Choice1Of2 Undefined ->
            // two-sided limit whose sides differ: say what the sides are
            let side d =
                try show (Series.limitWith assume x a d e)
                with ex when (notComputed ex).IsSome -> "(not computed)"
            let why = sprintf "the two-sided limit does not exist: from above %s, from below %s" (side Direction.FromAbove) (side Direction.FromBelow)
            match expect with
            | None -> { baseResult with Result = "does not exist"; Reason = why }
            | Some _ -> { baseResult with Result = "does not exist"; Status = CheckStatus.Disproven; Reason = why }
        | Choice1Of2 value ->
            let shown = match value with ComplexInfinity -> "complexinf (infinite, sign unknown)" | _ -> show value
            match expect with
            | None -> { baseResult with Result = shown; Reason = "computed by the core's limit (substitution, or the leading term of the series)" }
            | Some v ->
                let status, reason, witness = decideEqual assume value v
                { baseResult with
                    Input = sprintf "%s = %s" input (show v)
                    Result = shown
                    Status = status
                    Reason = reason.Replace("lhs", "limit").Replace("rhs", "expected")
                    Witness = witness }

    /// The series of EXPR at "x -> a" (a finite: powers of x − a; "x -> a-": powers of a − x; "x -> oo": powers of
    /// 1/x; "x -> -oo": powers of −1/x) to O(·^order), Puiseux exponents as the core gives them; with `expected` (null
    /// for none) decides whether the truncated series equals it. order must be 1 … 20.
    [<CompiledName("Series")>]
    let series (expression: string) (at: string) (order: int) (expected: string) (assumptions: string) : CheckResult =
        if order < 1 || order > 20 then fail "order" (sprintf "must be an integer in [1, 20], got %d" order)
        let assume, assumed = readAssumptions assumptions
        let e = readExpression "series" expression
        let x, a, direction = readAt at
        let expect = if isNull expected then None else Some(readExpected expected)
        let input = sprintf "%s at %s to order %d" (show e) (pointText x a direction) order
        let baseResult =
            { Mode = CheckMode.Series
              Input = input
              Assumptions = assumed
              Result = ""
              Status = CheckStatus.Computed
              Reason = ""
              Witness = null }
        // the small variable t ≥ 0 as an expression in x, and the series in t
        let variable, computeSeries =
            match a with
            | PositiveInfinity -> Ops.invert x, (fun () -> Series.puiseux assume x a order e)
            | NegativeInfinity -> Ops.negate (Ops.invert x), (fun () -> Series.puiseux assume x a order e)
            | _ when direction = Direction.FromBelow ->
                let u = Symbol "__check_u"
                Ops.subtract a x, (fun () -> Series.puiseux assume u Ops.zero order (Structure.substitute x (Ops.subtract a u) e))
            | _ -> Ops.subtract x a, (fun () -> Series.puiseux assume x a order e)
        let computed =
            try Choice1Of2(computeSeries ())
            with ex ->
                match notComputed ex with
                | Some why -> Choice2Of2 why
                | None -> reraise ()
        match computed with
        | Choice2Of2 why -> { baseResult with Status = CheckStatus.NotComputed; Reason = why }
        | Choice1Of2 s ->
            let bound =
                match s.Precision with
                | Some p when p < Q.OfInt order -> Some p
                | Some _ -> Some(Q.OfInt order)
                | None when s.Terms |> List.exists (fun (k, _) -> k >= Q.OfInt order) -> Some(Q.OfInt order)
                | None -> None
            let kept = s.Terms |> List.filter (fun (k, _) -> match bound with Some b -> k < b | None -> true)
            let terms = kept |> List.map (fun (k, c) -> Ops.multiply c (Ops.pow variable (Number k)))
            let termTexts = terms |> List.map show
            let joined =
                match termTexts with
                | [] -> "0"
                | first :: rest ->
                    first + (rest |> List.map (fun t -> if t.StartsWith "-" then " - " + t.Substring 1 else " + " + t) |> String.concat "")
            let orderTerm =
                match bound with
                | None -> ""
                | Some b ->
                    // O(·) up to a constant factor: written with a positive-looking base where the sign does not matter
                    let shownBig =
                        match a with
                        | PositiveInfinity
                        | NegativeInfinity -> show (Ops.pow (Ops.invert x) (Number b))
                        | _ when b.IsInteger -> show (Ops.pow (Ops.subtract x a) (Number b))
                        | _ -> show (Ops.pow variable (Number b))
                    sprintf "O(%s)" shownBig
            let result =
                match joined, orderTerm with
                | "0", "" -> "0"
                | "0", o -> o
                | j, "" -> j
                | j, o -> j + " + " + o
            let side =
                match a, direction with
                | (PositiveInfinity | NegativeInfinity), _ -> ""
                | _, Direction.Both when kept |> List.exists (fun (k, _) -> not k.IsInteger) ->
                    sprintf "; fractional powers: the expansion holds for %s > %s" (show x) (show a)
                | _ -> ""
            let exactNote = if bound.IsNone then " (exact: no terms beyond these)" else ""
            match expect with
            | None -> { baseResult with Result = result; Reason = "Puiseux series computed by the core" + exactNote + side }
            | Some v ->
                let polynomial = Ops.sum terms
                let status, reason, witness = decideEqual assume polynomial v
                { baseResult with
                    Input = sprintf "%s, truncated, = %s" input (show v)
                    Result = result
                    Status = status
                    Reason = reason.Replace("lhs", "series").Replace("rhs", "expected") + side
                    Witness = witness }
