namespace NuDM.Physics

open System
open System.Collections.Generic
open System.IO
open System.Security.Cryptography
open System.Text
open NuDM.Symbolic
open NuDM.Symbolic.Notation

/// A diagnostic of where a cold model load spends its time: with NUDM_TIMING=1 every phase (parse, each process's
/// derivation, each obligation, caching) prints its wall-clock and process CPU milliseconds to standard error.
module internal LoadTiming =
    let enabled = Environment.GetEnvironmentVariable "NUDM_TIMING" = "1"

    /// Runs f, printing how long it took under `what` when the diagnostic is on.
    let time (what: string) (f: unit -> 'T) : 'T =
        if not enabled then f ()
        else
            let cpu0 = Diagnostics.Process.GetCurrentProcess().TotalProcessorTime
            let sw = Diagnostics.Stopwatch.StartNew()
            let r = f ()
            let cpu = Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0
            eprintfn "timing: %-60s %8.1f ms wall %8.1f ms cpu" what sw.Elapsed.TotalMilliseconds cpu.TotalMilliseconds
            r

/// The obligations every model is verified with at load, and the file's own.
module internal ModelObligations =
    open ModelFileReader

    let private s = Symbol

    /// The mass dimension of every symbol a process of the model is written in: the model's parameters and the
    /// kinematic variables (E_ν, T 1; s, t 2; A, F², cos θ 0).
    let dimensionTable (m: Model) : IReadOnlyDictionary<string, Q> =
        let d = Dictionary<string, Q>(StringComparer.Ordinal)
        for p in m.Parameters do d.[p.Symbol] <- Q.OfInt p.MassDimension
        for p in [ ProcessVariables.NeutrinoEnergy; ProcessVariables.RecoilEnergy; ProcessVariables.MassNumber; ProcessVariables.FormFactorSquared
                   ProcessVariables.MandelstamS; ProcessVariables.CosTheta; ProcessVariables.MandelstamT; ProcessVariables.ProtonNumber ] do
            d.[p.Symbol] <- Q.OfInt p.MassDimension
        d :> IReadOnlyDictionary<string, Q>

    /// Greek letters by their names (lower case; an upper-case letter gets its name capitalised), for obligation ids.
    let private greek =
        [| "alpha"; "beta"; "gamma"; "delta"; "epsilon"; "zeta"; "eta"; "theta"; "iota"; "kappa"; "lambda"; "mu"; "nu"; "xi"
           "omicron"; "pi"; "rho"; "sigmaf"; "sigma"; "tau"; "upsilon"; "phi"; "chi"; "psi"; "omega" |]

    /// An obligation id's ASCII form of a process name: letters and digits kept, Greek letters by name (φ → phi),
    /// an overbar → bar, * (a complex scalar's antiparticle) → star, ' → prime, → → to, spaces → '-'. Every symbol of a
    /// name leaves a trace, so two processes never share an id (φ φ* → ν ν̄ was "to-nu-nubar" before, as φ → ν ν̄ would be).
    let internal slug (name: string) =
        let b = StringBuilder()
        for ch in name do
            match ch with
            | c when Char.IsLetterOrDigit c && c < '\u0080' -> b.Append c |> ignore
            | c when c >= '\u03B1' && c <= '\u03C9' -> b.Append greek.[int c - 0x3B1] |> ignore
            | c when c >= '\u0391' && c <= '\u03A9' && c <> '\u03A2' ->
                let n = greek.[int c - 0x391] in b.Append(Char.ToUpperInvariant n.[0]).Append(n.Substring 1) |> ignore
            | '→' -> b.Append "to" |> ignore
            | ' ' -> b.Append '-' |> ignore
            | '\u0304' | '\u0305' -> b.Append "bar" |> ignore
            | '*' -> b.Append "star" |> ignore
            | '\'' | '′' -> b.Append "prime" |> ignore
            | 'ϕ' -> b.Append "phi" |> ignore
            | _ -> ()
        b.ToString().Replace("--", "-").Trim('-')

    let private check id title statement (status: ModelCheckStatus) detail = ModelCheck(id, title, statement, status, detail, 0, 0)

    let private ofDecision (d: Decision) =
        match d.Verdict with
        | Verdict.Proven -> ModelCheckStatus.Proven
        | Verdict.Disproven -> ModelCheckStatus.Failed
        | _ -> ModelCheckStatus.Undecided

    /// Runs a check, turning the core's budgets (too large, too complex) and undecidable steps into Undecided.
    let private guarded (id: string) title statement (body: unit -> ModelCheckStatus * string) =
        let status, detail =
            try LoadTiming.time ("obligation " + id) body
            with
            | :? UndecidedException as u -> ModelCheckStatus.Undecided, u.Message
            | :? ExpressionTooComplexException as x -> ModelCheckStatus.Undecided, x.Message
            | :? ExactNumberTooLargeException as x -> ModelCheckStatus.Undecided, x.Message
            | :? DimensionException as x -> ModelCheckStatus.Failed, x.Message
        check id title statement status detail

    /// The sign of a polynomial factor on the domain: +1, −1, or None (undecided).
    let private factorSign (dom: Assumptions) (f: Expr) : int option =
        match f with
        | Number q -> Some q.Sign
        | _ ->
            if (Normal.isPositiveWith dom f).IsProven then Some 1
            elif (Normal.isPositiveWith dom (-f)).IsProven then Some -1
            else None

    /// The sign of a polynomial from its square-free parts: even powers count +1, the others their factor's sign
    /// (the factor-sign test, then `fallback`, which gives +1 for a factor proven ≥ 0, −1 for one proven ≤ 0).
    let private polynomialSignWith (fallback: Expr -> int option) (dom: Assumptions) (p: Expr) : Result<int, string> =
        let factorSign dom f = match factorSign dom f with Some sg -> Some sg | None -> fallback f
        let parts =
            match Polynomial.squareFreeParts p with
            | Product fs -> fs
            | f -> [ f ]
        parts
        |> List.fold
            (fun acc f ->
                match acc with
                | Error _ -> acc
                | Ok sign ->
                    match f with
                    | Power(_, Number k) when k.IsInteger && k.Num.IsEven -> Ok sign
                    | Power(b, Number k) when k.IsInteger ->
                        match factorSign dom b with
                        | Some sg -> Ok(sign * sg)
                        | None -> Error(sprintf "the sign of the factor %s is not decided" (Infix.format b))
                    | _ ->
                        match factorSign dom f with
                        | Some sg -> Ok(sign * sg)
                        | None -> Error(sprintf "the sign of the factor %s is not decided" (Infix.format f)))
            (Ok 1)

    let private polynomialSign (dom: Assumptions) (p: Expr) : Result<int, string> = polynomialSignWith (fun _ -> None) dom p

    /// nonNegative with a fallback for the factors the factor-sign test leaves undecided (+1: proven ≥ 0 on the
    /// region, −1: proven ≤ 0).
    let private nonNegativeWith (fallback: Expr -> int option) (dom: Assumptions) (e: Expr) : ModelCheckStatus * string =
        let e = Normal.simplifyWith dom e
        if e = Ops.zero then ModelCheckStatus.Failed, "|M|² is identically 0"
        else
            let n, d = Normal.numeratorDenominator dom e
            match polynomialSignWith fallback dom n, polynomialSignWith fallback dom d with
            | Ok a, Ok b when a * b > 0 -> ModelCheckStatus.Proven, sprintf "a product of squares and factors of provable sign: %s" (Infix.format e)
            | Ok _, Ok _ -> ModelCheckStatus.Failed, sprintf "negative on the domain: %s" (Infix.format e)
            | Error r, _
            | _, Error r -> ModelCheckStatus.Undecided, r

    /// e ≥ 0 on the domain: numerator and denominator of the normal form split into square-free parts; every part is a
    /// square (an even power) or of provable sign, and the signs multiply to +.
    let nonNegative (dom: Assumptions) (e: Expr) : ModelCheckStatus * string = nonNegativeWith (fun _ -> None) dom e

    /// Roots of squares of the given positive symbols taken: √(x²) = x, (x²)^(3/2) = x³ (after a substitution such as
    /// s = 4E², m² = E² − p² turns √(s − 4m²) into √(4p²)).
    let private rootsOfSquares (positive: string list) (e: Expr) =
        e
        |> Structure.bottomUp (fun x ->
            match x with
            | Power(Power(Symbol n, Number two), Number q) when two = Q.OfInt 2 && List.contains n positive -> Symbol n ** Number(q * Q.OfInt 2)
            | _ -> x)

    /// e = N / Π b_i^{q_i} with N a polynomial, without a normal form: e is expanded, the bases b_i of its negative
    /// integer powers (the propagators, masses) are collected with their highest power q_i, and each summand is
    /// multiplied out of its own denominator (the b_i kept as opaque factors, so no polynomial of the propagators is
    /// formed). Cheap where the normal form of a |M|² with t- and u-channel propagators exceeds the core's budget.
    let clearDenominators (e: Expr) : Expr * (Expr * Q) list =
        let isDen (f: Expr) = match f with Power(_, Number q) -> q.Sign < 0 && q.IsInteger | _ -> false
        let terms = Algebraic.summands (Algebraic.expand e)
        let dens =
            terms
            |> List.collect (fun t -> Algebraic.factors t |> List.choose (fun f -> match f with Power(b, Number q) when isDen f -> Some(b, -q) | _ -> None))
            |> List.groupBy fst
            |> List.map (fun (b, qs) -> b, List.max (List.map snd qs))
        let clear (t: Expr) =
            let fs = Algebraic.factors t
            let has = fs |> List.choose (fun f -> match f with Power(b, Number q) when isDen f -> Some(b, -q) | _ -> None)
            let rest = fs |> List.filter (isDen >> not)
            let extra = dens |> List.map (fun (b, qmax) -> b ** Number(qmax - (has |> List.tryFind (fun (b', _) -> b' = b) |> Option.map snd |> Option.defaultValue Q.Zero)))
            Algebraic.expand (productOf (rest @ extra))
        Algebraic.expand (List.sum (List.map clear terms)), dens

    /// The sign of a polynomial in the CM region's E_cm > p_cm, k_cm > 0 (and other positive symbols) when, written with
    /// E_cm = p_cm + δ or E_cm = k_cm + δ (δ > 0), every monomial has a coefficient of one sign (a polynomial with
    /// positive coefficients in positive variables is positive): e.g. (E² − p²)² + 4m⁴ = (2pδ + δ²)² + 4m⁴. Symbols
    /// other than E_cm, p_cm, k_cm, δ must be positive (masses, couplings); c (of either sign) must not occur.
    let private shiftedSign (e: Expr) : int option =
        if not (Structure.freeOf (Symbol "c") e) || Structure.freeOf (Symbol "E_cm") e then None
        else
            let d = Symbol "delta_E"
            [ Symbol "p_cm"; Symbol "k_cm" ]
            |> List.tryPick (fun base' ->
                let shifted = Algebraic.expand (Structure.substitute (Symbol "E_cm") (base' + d) e)
                let signs =
                    Algebraic.summands shifted
                    |> List.map (fun t ->
                        let fs = Algebraic.factors t
                        let coefficient = match fs with Number q :: _ -> q.Sign | _ -> 1
                        // every other factor a positive symbol to a positive integer power (or the symbol itself)
                        let monomial = fs |> List.forall (fun f -> match f with Number _ -> true | Symbol _ -> true | Power(Symbol _, Number q) -> q.IsInteger && q.Sign > 0 | _ -> false)
                        if monomial then Some coefficient else None)
                if signs |> List.forall Option.isSome then
                    let ss = signs |> List.choose id |> List.distinct
                    match ss with
                    | [ 1 ] -> Some 1
                    | [ -1 ] -> Some -1
                    | _ -> None
                else None)

    /// n ≥ 0 for the bounded variable c ∈ (−1, 1) and all other symbols on the domain, when n is at most quadratic in
    /// x = c (or in x = c² ∈ [0, 1) when only even powers occur): a certified bound. Linear, or quadratic with a leading
    /// coefficient of provable sign ≤ 0 (concave): the minimum over the interval is at an end, so both end values ≥ 0
    /// decide it. Quadratic with leading coefficient > 0: ≥ 0 everywhere when the discriminant form 4a₂a₀ − a₁² ≥ 0; or,
    /// when the vertex −a₁/(2a₂) lies provably outside the interval, at the ends again. Each coefficient and end value
    /// is decided by the factor-sign test (`polynomialSign`). Ok "how" when proven; Error when not decided; a negative
    /// end value (by continuity, negative near that end) is Disproven with that end as the witness.
    let boundedVariableNonNegative (dom: Assumptions) (c: Expr) (n: Expr) : ModelCheckStatus * string =
        let even = Polynomial.isPolynomialIn c n && (Polynomial.coefficients c n |> List.indexed |> List.forall (fun (k, a) -> k % 2 = 0 || a = Ops.zero))
        let y = Symbol "c_sq"
        let poly, x, lo, hi, name =
            if even then
                let inY = Polynomial.coefficients c n |> List.indexed |> List.filter (fun (k, _) -> k % 2 = 0) |> List.map (fun (k, a) -> a * y ** (k / 2)) |> List.sum
                Algebraic.expand inY, y, Ops.zero, Ops.one, "c²"
            else n, c, Ops.minusOne, Ops.one, "c"
        if not (Polynomial.isPolynomialIn x poly) then ModelCheckStatus.Undecided, sprintf "the numerator is not a polynomial in %s" name
        else
        let a = Polynomial.coefficients x poly |> List.map Algebraic.expand
        let at (v: Expr) = Algebraic.expand (Structure.substitute x v poly)
        let signOf (e: Expr) =
            if e = Ops.zero then Ok 0
            else
                match polynomialSign dom e with
                | Ok sg -> Ok sg
                | Error r -> match shiftedSign e with Some sg -> Ok sg | None -> Error r
        let ends () =
            match signOf (at lo), signOf (at hi) with
            | Ok l, Ok h when l >= 0 && h >= 0 -> Ok(sprintf "its values at %s = %s and %s are ≥ 0" name (Infix.format lo) (Infix.format hi))
            | Ok l, _ when l < 0 -> Error(true, sprintf "negative at %s → %s: %s" name (Infix.format lo) (Infix.format (at lo)))
            | _, Ok h when h < 0 -> Error(true, sprintf "negative at %s → %s: %s" name (Infix.format hi) (Infix.format (at hi)))
            | Error r, _ | _, Error r -> Error(false, r)
            | _ -> Error(false, "the end values' signs are not decided")
        let result =
            match a.Length with
            | 0 | 1 | 2 -> ends () |> Result.map (fun how -> sprintf "linear in %s; %s" name how)
            | 3 ->
                match signOf a.[2] with
                | Ok sg when sg <= 0 -> ends () |> Result.map (fun how -> sprintf "quadratic in %s, concave (leading coefficient ≤ 0): %s" name how)
                | Ok _ ->
                    match signOf (Algebraic.expand (4 * a.[2] * a.[0] - a.[1] ** 2)) with
                    | Ok d when d >= 0 -> Ok(sprintf "quadratic in %s, convex with discriminant form 4a₂a₀ − a₁² ≥ 0" name)
                    | _ ->
                        // vertex −a₁/(2a₂) outside [lo, hi]: −a₁ − 2a₂ lo ≤ 0 or −a₁ − 2a₂ hi ≥ 0
                        let below = signOf (Algebraic.expand (-a.[1] - 2 * a.[2] * lo))
                        let above = signOf (Algebraic.expand (-a.[1] - 2 * a.[2] * hi))
                        match below, above with
                        | Ok b, _ when b <= 0 -> ends () |> Result.map (fun how -> sprintf "quadratic in %s, convex with its vertex below the interval: %s" name how)
                        | _, Ok v when v >= 0 -> ends () |> Result.map (fun how -> sprintf "quadratic in %s, convex with its vertex above the interval: %s" name how)
                        | _ -> Error(false, sprintf "quadratic in %s, convex, with a vertex inside the interval and a discriminant form of undecided sign" name)
                | Error r -> Error(false, sprintf "the sign of the leading coefficient in %s is not decided: %s" name r)
            | d -> Error(false, sprintf "of degree %d in %s (the certified bound handles degree ≤ 2)" (d - 1) name)
        match result with
        | Ok how -> ModelCheckStatus.Proven, how
        | Error(true, why) -> ModelCheckStatus.Failed, why
        | Error(false, why) -> ModelCheckStatus.Undecided, why

    /// p ≥ 0 for a polynomial in symbols that are all positive, by the AM–GM inequality: each negative monomial
    /// −a x^α is covered by positive monomials of the polynomial, either b x^α itself or a pair x^β, x^γ with
    /// β + γ = 2α (x^β + x^γ ≥ 2 x^α for x > 0), each used only up to its coefficient (exact rationals, greedy: a
    /// success is a proof, a failure decides nothing). `positive` names the symbols that may occur.
    let internal amGmNonNegative (positive: string -> bool) (p: Expr) : bool =
        let monomial (t: Expr) =
            let fs = Algebraic.factors t
            let coefficient = fs |> List.fold (fun acc f -> match f with Number q -> acc * q | _ -> acc) Q.One
            let powers =
                fs |> List.choose (fun f ->
                    match f with
                    | Number _ -> None
                    | Symbol n when positive n -> Some(Some(n, 1))
                    | Power(Symbol n, Number k) when positive n && k.IsInteger && k.Sign > 0 -> Some(Some(n, int k.Num))
                    | _ -> Some None)
            if powers |> List.forall Option.isSome then Some(coefficient, powers |> List.choose id |> Map.ofList) else None
        let terms = Algebraic.summands (Algebraic.expand p) |> List.filter (fun t -> t <> Ops.zero) |> List.map monomial
        if terms |> List.exists Option.isNone then false
        else
            let terms = terms |> List.choose id
            let pool = Collections.Generic.Dictionary<Map<string, int>, Q>()
            for q, x in terms do
                if q.Sign > 0 then pool.[x] <- (match pool.TryGetValue x with | true, r -> r + q | _ -> q)
            let midpoint (b: Map<string, int>) (g: Map<string, int>) =
                let names = Set.union (Set.ofSeq b.Keys) (Set.ofSeq g.Keys)
                let sums = names |> Seq.map (fun n -> n, (Map.tryFind n b |> Option.defaultValue 0) + (Map.tryFind n g |> Option.defaultValue 0)) |> List.ofSeq
                if sums |> List.forall (fun (_, k) -> k % 2 = 0) then Some(sums |> List.filter (fun (_, k) -> k > 0) |> List.map (fun (n, k) -> n, k / 2) |> Map.ofList)
                else None
            terms
            |> List.filter (fun (q, _) -> q.Sign < 0)
            |> List.forall (fun (q, a) ->
                let mutable need = Q.Abs q
                // the same monomial first, then pairs with a as their midpoint
                match pool.TryGetValue a with
                | true, r when r.Sign > 0 ->
                    let take = min r need
                    pool.[a] <- r - take
                    need <- need - take
                | _ -> ()
                let keys = List.ofSeq pool.Keys
                for b in keys do
                    for g in keys do
                        if need.Sign > 0 && b < g && midpoint b g = Some a then
                            let rb, rg = pool.[b], pool.[g]
                            if rb.Sign > 0 && rg.Sign > 0 then
                                let take = min (min rb rg) (need / Q.OfInt 2)
                                pool.[b] <- rb - take
                                pool.[g] <- rg - take
                                need <- need - Q.OfInt 2 * take
                need.Sign <= 0)

    /// n ≥ 0 for c ∈ [−1, 1] by its Bernstein form: with c = 2y − 1, n = Σ_k b_k C(d, k) y^k (1 − y)^(d−k), and every
    /// b_k ≥ 0 makes n ≥ 0 on the interval (each basis polynomial is ≥ 0 there). The b_k are polynomials in the other
    /// symbols; `coefficientNonNegative` decides each (true: proven ≥ 0). A certified bound of any degree; None when n
    /// is not a polynomial in c or a coefficient is not proven ≥ 0.
    let internal bernsteinNonNegative (coefficientNonNegative: Expr -> bool) (c: Expr) (n: Expr) : string option =
        if not (Polynomial.isPolynomialIn c n) then None
        else
            let y = Symbol "bernstein_y"
            let g = Algebraic.expand (Structure.substitute c (2 * y - 1) n)
            let a = Polynomial.coefficients y g |> List.map Algebraic.expand |> Array.ofList
            let d = a.Length - 1
            let binomial (n: int) (k: int) = Seq.fold (fun (acc: Q) i -> acc * Q.OfInt(n - i) / Q.OfInt(i + 1)) Q.One (seq { 0 .. k - 1 })
            let b k = Algebraic.expand (List.sum [ for j in 0 .. k -> Number(binomial k j / binomial d j) * a.[j] ])
            if d < 0 then None
            elif [ 0 .. d ] |> List.forall (fun k -> let bk = b k in bk = Ops.zero || coefficientNonNegative bk) then
                Some(sprintf "its Bernstein coefficients of degree %d in %s on [−1, 1] are all ≥ 0" d (Infix.format c))
            else None

    /// e ≥ 0 by the factor-sign test: square-free parts that are even powers or of provable sign, the signs
    /// multiplying to + (e.g. 2(m_χ² − m_S²)², zero only where a squared factor vanishes).
    let private squaresAndPositive (dom: Assumptions) (e: Expr) : bool =
        match polynomialSign dom e with
        | Ok sg -> sg > 0
        | Error _ -> false

    /// A coefficient (free of c) ≥ 0 on the CM region: all symbols positive, and E_cm > p_cm (or > k_cm) written as
    /// E_cm = p_cm + δ (δ > 0) before the AM–GM test; without E_cm, the AM–GM test in the positive symbols directly.
    let private cmCoefficientNonNegative (dom: Assumptions) (e: Expr) : bool =
        let positive (n: string) = n = "delta_E" || (n <> "c" && dom.IsPositiveSymbol n)
        if not (Structure.freeOf (Symbol "c") e) then false
        elif squaresAndPositive dom e then true
        elif Structure.freeOf (Symbol "E_cm") e then amGmNonNegative positive e
        else
            [ Symbol "p_cm"; Symbol "k_cm" ]
            |> List.exists (fun base' ->
                (Structure.freeOf base' e |> not || base' = Symbol "p_cm")
                && amGmNonNegative positive (Algebraic.expand (Structure.substitute (Symbol "E_cm") (base' + Symbol "delta_E") e)))

    /// A point of the CM region (E_cm > p_cm, k_cm > 0, −1 < c < 1, every other symbol positive) where the polynomial n
    /// is negative, found on a small grid and evaluated exactly in rationals: a refutation with its witness, or None.
    let private cmWitness (n: Expr) : string option =
        let syms = Structure.symbols n
        let has x = List.contains x syms
        let rat (a: int) (b: int) = Number(Q.OfInt a / Q.OfInt b)
        let others = syms |> List.filter (fun x -> not (List.contains x [ "E_cm"; "p_cm"; "k_cm"; "c" ]))
        let points =
            [ for p in (if has "p_cm" then [ 1; 3 ] else [ 0 ]) do
                  for k in (if has "k_cm" then [ 1; 3 ] else [ 0 ]) do
                      for de in [ rat 1 10; rat 1 1; rat 10 1 ] do
                          for c in [ rat -9 10; rat -1 2; rat 0 1; rat 1 2; rat 9 10 ] do
                              for o in [ rat 1 1; rat 1 3; rat 3 1 ] do
                                  let e = Number(Q.OfInt(max p k)) + de
                                  yield [ yield "E_cm", e
                                          if has "p_cm" then yield "p_cm", Number(Q.OfInt p)
                                          if has "k_cm" then yield "k_cm", Number(Q.OfInt k)
                                          if has "c" then yield "c", c
                                          for x in others do yield x, o ] ]
        points
        |> List.tryPick (fun point ->
            match Algebraic.expand (Structure.substituteMany [ for x, v in point -> Symbol x, v ] n) with
            | Number q when q.Sign < 0 -> Some(String.Join(", ", point |> List.map (fun (x, v) -> sprintf "%s = %s" x (Infix.format v))))
            | _ -> None)

    /// The numerator of an annihilation's |M|² on the CM region with its sign fixed: √(x²) = x for E, |p|, |k|, the
    /// denominators cleared summand by summand (clearDenominators) and their signs decided by the factor-sign test;
    /// |M|² ≥ 0 exactly where the returned polynomial is (with the number of denominator factors), or the reason.
    let private annihilationNumerator (dom: Assumptions) (e: Expr) : Result<Expr * int, ModelCheckStatus * string> =
        let e = rootsOfSquares [ "E_cm"; "p_cm"; "k_cm" ] e
        let n, dens = clearDenominators e
        if n = Ops.zero then Error(ModelCheckStatus.Failed, "|M|² is identically 0")
        else
            let denSign =
                dens
                |> List.fold (fun acc (b, q) ->
                    match acc with
                    | Error _ -> acc
                    | Ok sg ->
                        if q.IsInteger && q.Num.IsEven then Ok sg
                        else match factorSign dom b with Some f -> Ok(sg * f) | None -> Error(sprintf "the sign of the denominator factor %s is not decided" (Infix.format b))) (Ok 1)
            match denSign with
            | Error r -> Error(ModelCheckStatus.Undecided, r)
            | Ok dsg -> Ok((if dsg > 0 then n else -n), dens.Length)

    /// |M|² ≥ 0 of a 2 → 2 annihilation on the CM region (s = 4E², masses √(E² − p²), √(E² − k²), −1 < c < 1):
    /// denominators cleared summand by summand (clearDenominators), their signs by the factor-sign test, and the
    /// numerator by the certified bound in c (boundedVariableNonNegative). Used where the normal form is too costly
    /// or the factor-sign test alone does not decide (t/u interference, massive lines with vector bosons).
    let annihilationNonNegative (dom: Assumptions) (e: Expr) : ModelCheckStatus * string =
        match annihilationNumerator dom e with
        | Error(status, why) -> status, why
        | Ok(n, denominators) ->
                let status, how = boundedVariableNonNegative dom (Symbol "c") n
                let how = sprintf "numerator over %d denominator factor(s) of known sign; %s" denominators how
                if status <> ModelCheckStatus.Undecided then status, how
                else
                    match cmWitness n with
                    | Some point -> ModelCheckStatus.Failed, sprintf "negative at %s (exact rational evaluation of the numerator)" point
                    | None -> status, how

    /// How far the box bound halves a box (every variable in turn) and how many sub-boxes it examines at most.
    let private boxDepth, boxCount = 8, 512

    /// The sign of a polynomial on a box of bounded variables (BoxBernstein): +1 when proven ≥ 0, −1 when proven ≤ 0,
    /// None otherwise; each Bernstein coefficient (free of the box variables) a square or of provable sign on `dom`
    /// (squaresAndPositive) or ≥ 0 by the AM–GM cover in the symbols `positive` names.
    let private boxSign (dom: Assumptions) (positive: string -> bool) (box: (Expr * Q * Q) list) (g: Expr) : int option =
        let coefficient (b: Expr) = squaresAndPositive dom b || amGmNonNegative positive b
        let attempt (sign: int) =
            let p = if sign > 0 then g else Algebraic.expand (-g)
            // in three or more variables a few halvings only: where they do not decide, eliminating a variable does
            let depth = if box.Length >= 3 then 3 else boxDepth
            match BoxBernstein.nonNegative coefficient depth boxCount box p with
            | NonNegative _ -> Some sign
            | _ -> None
        // the orientation to try first (or only): g's sign at the box's centre, every other symbol 1 (a guess, not a proof)
        let names = box |> List.map (fun (x, _, _) -> Infix.format x)
        let centre =
            Structure.substituteMany
                [ for (x, lo, hi) in box -> x, Number((lo + hi) / Q.OfInt 2)
                  for n in Structure.symbols g do if not (List.contains n names) then yield Symbol n, Ops.one ] g
        match Algebraic.expand centre with
        | Number v when v.Sign > 0 -> attempt 1
        | Number v when v.Sign < 0 -> attempt -1
        | _ -> match attempt 1 with Some sg -> Some sg | None -> attempt -1

    /// boxSign, and where the tensor-product bound does not decide (p ≥ 0 with a zero along a curve on the box's
    /// boundary, e.g. the factor (a − b)² at c = ±1, which no halving of the box isolates): the Bernstein coefficients
    /// in the last variable alone (in x² ∈ [0, h²] when p is even in x ∈ [−h, h]), each a polynomial in the other
    /// variables whose sign is decided in turn by the factor-sign test on its square-free parts (a squared factor is
    /// seen there) and, for the factors it leaves, by this test on the smaller box. All coefficients ≥ 0 (one > 0)
    /// proves p ≥ 0 on the box, since every Bernstein basis polynomial is ≥ 0 there; all ≤ 0 proves p ≤ 0.
    let rec private boxSignEliminating (dom: Assumptions) (positive: string -> bool) (level: int) (box: (Expr * Q * Q) list) (g: Expr) : int option =
        let box = box |> List.filter (fun (x, _, _) -> not (Structure.freeOf x g))
        let signOfCoefficient (dom: Assumptions) (box: (Expr * Q * Q) list) (b: Expr) =
            if b = Ops.zero then Some 0
            else
                match polynomialSignWith (boxSignEliminating dom positive (level + 1) box) dom b with
                | Ok sg -> Some sg
                | Error _ -> None
        let allOf (signs: int option list) =
            if signs |> List.forall (fun sg -> sg = Some 0 || sg = Some 1) && List.contains (Some 1) signs then Some 1
            elif signs |> List.forall (fun sg -> sg = Some 0 || sg = Some -1) && List.contains (Some -1) signs then Some -1
            else None
        match boxSign dom positive box g with
        | Some sg -> Some sg
        // one elimination and one blow-up at most (level 0 → 1 → 2), so the work stays bounded: the coefficients of
        // an elimination are decided at level 1, the triangles of a blow-up at level 2 by the tensor-product bound alone
        | None when level >= 2 -> None
        | None ->
            match box with
            | [ (x, xlo, xhi); (y, ylo, yhi) ] ->
                // two variables: a zero at a vertex where the quadratic form has a negative cross term (16x² − 12xy + 32y²)
                // gives negative Bernstein coefficients next to it at every scale; blown up at that vertex (the box as
                // two triangles, X = x-distance, Y = X·T or the other way round, X, T ∈ [0, 1]) the polynomial is
                // X^k q(X, T) with q > 0 at X = 0 (the form along each direction), decided on the box (X, T)
                let vertices = [ for vx in [ xlo; xhi ] do for vy in [ ylo; yhi ] -> vx, vy ]
                let zeroAt (vx: Q, vy: Q) = Algebraic.expand (Structure.substituteMany [ x, Number vx; y, Number vy ] g) = Ops.zero
                let bigX, bigT = Symbol(sprintf "blow_x%d" level), Symbol(sprintf "blow_t%d" level)
                let dom' = dom.AndPositive(bigX).AndPositive(bigT)
                let unit = [ bigX, Q.Zero, Q.One; bigT, Q.Zero, Q.One ]
                vertices
                |> List.filter zeroAt
                |> List.tryPick (fun (vx, vy) ->
                    let wx, wy = (if vx = xlo then xhi else xlo), (if vy = ylo then yhi else ylo)
                    let triangles =
                        [ [ x, Number vx + Number(wx - vx) * bigX; y, Number vy + Number(wy - vy) * bigX * bigT ]
                          [ x, Number vx + Number(wx - vx) * bigX * bigT; y, Number vy + Number(wy - vy) * bigX ] ]
                    triangles
                    |> List.map (fun sub ->
                        match polynomialSignWith (boxSignEliminating dom' positive 2 unit) dom' (Algebraic.expand (Structure.substituteMany sub g)) with
                        | Ok sg -> Some sg
                        | Error _ -> None)
                    |> allOf)
            | _ ->
            match List.rev box with
            | [] | [ _ ] -> None
            | (x, lo, hi) :: restReversed ->
                let rest = List.rev restReversed
                let a = Polynomial.coefficients x g
                let even = lo = -hi && (a |> List.indexed |> List.forall (fun (k, ak) -> k % 2 = 0 || ak = Ops.zero))
                let coefficients =
                    if even then
                        let w = Symbol "box_w"
                        let inW = a |> List.indexed |> List.filter (fun (k, _) -> k % 2 = 0) |> List.map (fun (k, ak) -> ak * w ** (k / 2)) |> List.sum
                        BoxBernstein.coefficientsAlong w Q.Zero (hi * hi) (Algebraic.expand inW)
                    else BoxBernstein.coefficientsAlong x lo hi g
                match coefficients with
                | None -> None
                | Some bs -> bs |> List.map (signOfCoefficient dom rest) |> allOf

    /// The sign of the polynomial g on the open box (each variable strictly inside its interval), every other symbol
    /// positive: +1 proven ≥ 0, −1 proven ≤ 0, None undecided — the factor-sign test on g's square-free parts, then
    /// boxSignEliminating on the factors it leaves (the test of the external-vector annihilations, for tests).
    let internal boxPolynomialSign (box: (Expr * Q * Q) list) (g: Expr) : int option =
        let names = box |> List.map (fun (x, _, _) -> Infix.format x)
        let others = Structure.symbols g |> List.filter (fun n -> not (List.contains n names))
        let dom =
            box |> List.fold (fun (d: Assumptions) (x, lo, hi) -> d.AndPositive(x - Number lo).AndPositive(Number hi - x)) (Assumptions.Positive others)
        match polynomialSignWith (boxSignEliminating dom (fun n -> List.contains n others) 0 box) dom g with
        | Ok sg -> Some sg
        | Error _ -> None

    /// |M|² ≥ 0 of an annihilation with external vectors (χ χ̄ → V V, V V → …) on the CM region, where the bound in c
    /// alone does not decide (the leading coefficient in c² changes sign over the region): the numerator of
    /// annihilationNumerator with |p| = E a, |k| = E b (a, b ∈ [0, 1]: E > |p|, |k| ≥ 0), then the factor-sign test on
    /// its square-free parts, the ones it leaves undecided bounded on the box (a, b, c) ∈ [0, 1]² × [−1, 1] by their
    /// tensor-product Bernstein form (boxSign; E and the couplings positive in the coefficients). A vertex of a sub-box
    /// where the numerator is a negative number refutes it (by continuity negative at nearby physical points).
    let externalVectorAnnihilationNonNegative (dom: Assumptions) (e: Expr) : ModelCheckStatus * string =
        match annihilationNumerator dom e with
        | Error(status, why) -> status, why
        | Ok(n, denominators) ->
        // the bound in c first, worded as annihilationNonNegative words it (it decides V V → ν ν̄)
        match boundedVariableNonNegative dom (Symbol "c") n with
        | (ModelCheckStatus.Proven | ModelCheckStatus.Failed) as status, how -> status, sprintf "numerator over %d denominator factor(s) of known sign; %s" denominators how
        | _ ->
            let E, a, b, c = Symbol "E_cm", Symbol "a_cm", Symbol "b_cm", Symbol "c"
            let g = Algebraic.expand (Structure.substituteMany [ Symbol "p_cm", E * a; Symbol "k_cm", E * b ] n)
            let box =
                [ if not (Structure.freeOf a g) then yield a, Q.Zero, Q.One
                  if not (Structure.freeOf b g) then yield b, Q.Zero, Q.One
                  yield c, Q.MinusOne, Q.One ]
            let boxNames = box |> List.map (fun (x, _, _) -> Infix.format x)
            let positive (n: string) = not (List.contains n boxNames) && dom.IsPositiveSymbol n
            // a refutation: every other symbol set to 1 (a point of the region), the numeric polynomial's Bernstein
            // coefficients at the vertices of up to 64 sub-boxes; a negative one is its exact value at that point
            let witness () =
                let others = Structure.symbols g |> List.filter (fun n -> not (List.contains n boxNames))
                let numeric = Algebraic.expand (Structure.substituteMany [ for n in others -> Symbol n, Ops.one ] g)
                match BoxBernstein.nonNegative (fun _ -> false) 6 64 box numeric with
                | NegativeAt point ->
                    Some(String.Join(", ", (point |> List.map (fun (x, v) -> sprintf "%s = %s" (Infix.format x) (Infix.format (Number v)))) @ [ for n in others -> n + " = 1" ]))
                | _ -> None
            // a refutation first (cheap, and it spares a wrong |M|² the proof's search): every other symbol 1, the
            // numerator evaluated exactly at the interior points k/8 of each interval (k = 1 … 7)
            let gridWitness () =
                let others = Structure.symbols g |> List.filter (fun n -> not (List.contains n boxNames))
                let numeric = Algebraic.expand (Structure.substituteMany [ for n in others -> Symbol n, Ops.one ] g)
                let ring = PolyRing(box |> List.map (fun (x, _, _) -> x) |> Array.ofList)
                match ring.TryOfExpr numeric with
                | None -> None
                | Some poly ->
                    let axes = box |> List.map (fun (_, lo, hi) -> [ for k in 1 .. 7 -> lo + (hi - lo) * Q.OfInt k / Q.OfInt 8 ])
                    let rec points (axes: Q list list) = match axes with [] -> [ [] ] | xs :: rest -> [ for v in xs do for tail in points rest -> v :: tail ]
                    points axes
                    |> List.tryFind (fun point ->
                        let values = Array.ofList point
                        let value = poly.Terms |> Seq.sumBy (fun (KeyValue(m, q)) -> q * (m.Exponents |> Array.mapi (fun i e -> Q.Pow(values.[i], e)) |> Array.fold ( * ) Q.One))
                        value.Sign < 0)
                    |> Option.map (fun point ->
                        String.Join(", ", (List.map2 (fun (x, _, _) v -> sprintf "%s = %s" (Infix.format x) (Infix.format (Number v))) box point) @ [ for n in others -> n + " = 1" ]))
            match gridWitness () with
            | Some point ->
                ModelCheckStatus.Failed,
                sprintf "the numerator with |p| = E a, |k| = E b is negative at %s (exact rational evaluation at a point of the region)" point
            | None ->
            // on the open box a, b > 0 (the factor-sign test may use it: a + b > 0)
            let dom = box |> List.fold (fun (d: Assumptions) (x, lo, _) -> if lo = Q.Zero then d.AndPositive x else d) dom
            match polynomialSignWith (boxSignEliminating dom positive 0 box) dom g with
            | Ok sg when sg > 0 ->
                ModelCheckStatus.Proven,
                sprintf "numerator over %d denominator factor(s) of known sign; with |p| = E a, |k| = E b a polynomial in (%s) ∈ %s whose square-free factors are squares, of provable sign, or of one sign on that box by Bernstein bounds (the tensor-product coefficients, the box halved where needed; else the coefficients in the last variable (c²), each factored and bounded on the smaller box, a zero at a vertex of a square blown up into two triangles; each coefficient a number, a square or ≥ 0 by AM–GM)"
                    denominators (String.Join(", ", boxNames)) (String.Join(" × ", box |> List.map (fun (_, lo, hi) -> sprintf "[%s, %s]" (Infix.format (Number lo)) (Infix.format (Number hi)))))
            | Ok _ -> ModelCheckStatus.Failed, sprintf "the numerator with |p| = E a, |k| = E b is ≤ 0 on the region and not identically 0: %s" (Infix.format g)
            | Error why ->
                match witness () with
                | Some point ->
                    ModelCheckStatus.Failed,
                    sprintf "the numerator with |p| = E a, |k| = E b is negative at %s (exact; a point of the closed region, so negative at physical points nearby)" point
                | None ->
                    match cmWitness n with
                    | Some point -> ModelCheckStatus.Failed, sprintf "negative at %s (exact rational evaluation of the numerator)" point
                    | None -> ModelCheckStatus.Undecided, sprintf "numerator over %d denominator factor(s) of known sign; with |p| = E a, |k| = E b: %s" denominators why

    /// The physical region of a process, as substitutions that make it a rational parametrisation and the symbols and
    /// expressions positive on it.
    let private physicalRegion (p: Process) : (Expr * Expr) list * Assumptions * string =
        let massSymbols = p.ModelParameters |> Seq.map (fun q -> q.Symbol) |> List.ofSeq
        match p with
        | :? AnnihilationProcess as a ->
            // CM frame: s = 4E², |p| and |k| the initial and final momenta: m_in² = E² − p², m_out² = E² − k²
            let e, pp, k = s "E_cm", s "p_cm", s "k_cm"
            let massSub (f: Field) (mom: Expr) = if f.IsMassless then [] else [ f.MassParameter.Expression, sqrt (e ** 2 - mom ** 2) ]
            let subs = (ProcessVariables.MandelstamS.Expression, 4 * e ** 2) :: massSub a.InitialParticle pp @ massSub a.FinalParticle k
            // an s-channel mediator: |M|² holds its width Γ in the Breit–Wigner B = (s − m²)² + m²Γ², a sum of squares
            // (m, Γ > 0). s-channel alone, |M|² = N/B with N free of Γ: Γ = √(B − (s − m²)²)/m turns the denominator into the
            // positive symbol B, and the sign of N/B on B > 0 is that on the physical B > (s − m²)² (N does not hold B). With
            // t/u graphs the interference (s − m²)/B ties B to s: there Γ = √W/m (W = m²Γ² > 0, a bijection), and the sign
            // test sees (s − m²)² + W.
            let width = a.MediatorWidth
            let bwSubs, bwPositive, bwText =
                if isNull (box width) then [], [], ""
                else
                    let mb, g = width.Mediator.Mass, Symbol width.Symbol
                    let bw = (ProcessVariables.MandelstamS.Expression - mb ** 2) ** 2 + mb ** 2 * g ** 2
                    let sOnly =
                        try Structure.freeOf g (Normal.simplifyWith (Assumptions.Positive(massSymbols @ [ width.Symbol; "s" ])) (a.SquaredAmplitude.Expression * bw))
                        with :? ExpressionTooComplexException -> false
                    if sOnly then
                        let b = s ("B_" + width.Mediator.Name)
                        [ g, sqrt (b - (4 * e ** 2 - mb ** 2) ** 2) / mb ], [ "B_" + width.Mediator.Name ],
                        sprintf "; the Breit–Wigner denominator (s − %O²)² + %O²%s² = B_%s > 0 (|M|² = N/B_%s, N free of %s)" mb mb width.Symbol width.Mediator.Name width.Mediator.Name width.Symbol
                    else
                        let w = s ("W_" + width.Mediator.Name)
                        [ g, sqrt w / mb ], [ "W_" + width.Mediator.Name ], 
                        sprintf "; the Breit–Wigner denominator (s − %O²)² + W_%s, W_%s = %O²%s² > 0" mb width.Mediator.Name width.Mediator.Name mb width.Symbol
            let subs = bwSubs @ subs
            let positive = [ "E_cm"; "p_cm"; "k_cm" ] @ bwPositive @ (massSymbols |> List.filter (fun n -> not (subs |> List.exists (fun (x, _) -> x = Symbol n))))
            let dom = (Assumptions.Positive positive).AndPositive(e - pp).AndPositive(e - k).AndPositive(1 - s "c").AndPositive(1 + s "c")
            // (s − m²)² + W > 0: a square plus a positive symbol, stated for the sign test (in its expanded normal form)
            let dom =
                match bwPositive with
                | [ n ] when n.StartsWith "W_" ->
                    let mb = width.Mediator.Mass
                    dom.AndPositive(Normal.simplifyWith dom ((4 * e ** 2 - mb ** 2) ** 2 + s n))
                | _ -> dom
            subs, dom, "the CM frame, s = 4E², E > |p|, |k| (masses m² = E² − p², E² − k²), −1 < cos θ < 1" + bwText
        | :? DecayProcess ->
            // the mediator decays, so it is heavier than what it decays into: m_S = m_χ + δ_m, δ_m > 0 (the caller substitutes)
            [], Assumptions.Positive massSymbols, "the mediator heavier than χ: m_S = m_χ + δ_m, δ_m > 0; masses and couplings positive"
        | :? ElasticScatteringProcess -> [], (Assumptions.Positive(massSymbols @ [ "s" ])).AndPositive(-(s "t")), "s > 0, t < 0, masses and couplings positive"
        | :? NucleusScatteringProcess when p.Kind = ProcessKind.NeutrinoNucleusToNeutrinoNucleus || p.Kind = ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel ->
            // elastic ν N → ν N: the whole recoil range 0 < T < T_max = 2E²/(M + 2E) (seed 001 eq. 2.10) as T = T_max (1 − y), 0 < y < 1
            let e, m, y = ProcessVariables.NeutrinoEnergy.Expression, s "M", s "y"
            let vars = p.Variables |> Seq.map (fun q -> q.Symbol) |> Seq.filter (fun n -> n <> ProcessVariables.RecoilEnergy.Symbol) |> List.ofSeq
            [ ProcessVariables.RecoilEnergy.Expression, 2 * e ** 2 * (1 - y) / (m + 2 * e) ],
            (Assumptions.Positive(vars @ massSymbols @ [ "y" ])).AndPositive(1 - y),
            "the lab frame, E_ν, M > 0, T = T_max (1 − y) with T_max = 2E²/(M + 2E) and 0 < y < 1"
        | _ ->
            let vars = p.Variables |> Seq.map (fun q -> q.Symbol) |> List.ofSeq
            [], Assumptions.Positive(vars @ massSymbols), "every energy, mass and coupling positive (the lab frame: E_ν, T, M > 0)"

    /// W^d f(N₁/W, …, N_k/W) for f a polynomial in x₁ … x_k, d the sum of its degrees in them (so the result is a
    /// polynomial): with exact polynomial arithmetic (MPoly), not by expanding expressions. None when f is not a
    /// polynomial in the x_i or an N_i or W contains one of them.
    let private homogenisedSubstitution (xs: Expr list) (ns: Expr list) (w: Expr) (f: Expr) : Expr option =
        if xs |> List.exists (fun x -> not (Polynomial.isPolynomialIn x f) || not (Structure.freeOf x w) || ns |> List.exists (fun n -> not (Structure.freeOf x n))) then None
        else
            let kernels = xs @ ((f :: w :: ns) |> List.collect Polynomial.kernels) |> List.distinct |> Array.ofList
            let ring = PolyRing kernels
            let index = xs |> List.map (fun x -> (ring.IndexOf x).Value)
            let fp = ring.OfExpr f
            let d = index |> List.sumBy (fun i -> max 0 (MPoly.degree i fp))
            let cached (p: MPoly) =
                let cache = Dictionary<int, MPoly>()
                fun (k: int) ->
                    match cache.TryGetValue k with
                    | true, r -> r
                    | _ ->
                        let r = MPoly.pow p k
                        cache.[k] <- r
                        r
            let nPowers = ns |> List.map (fun n -> cached (ring.OfExpr(Algebraic.expand n)))
            let wPower = cached (ring.OfExpr(Algebraic.expand w))
            let mutable acc = MPoly.zero ring.Arity
            for KeyValue(mono, q) in fp.Terms do
                let e = Array.copy mono.Exponents
                let ks = index |> List.map (fun i -> let k = e.[i] in e.[i] <- 0; k)
                let rest : MPoly = { Arity = ring.Arity; Terms = Map.ofList [ Monomial e, q ] }
                let term = List.fold2 (fun t k pw -> MPoly.mul t (pw k)) rest ks nPowers
                acc <- MPoly.add acc (MPoly.mul term (wPower (d - List.sum ks)))
            Some(ring.ToExpr acc)

    /// The sign of a polynomial factor of |M|² on the physical region through a bounded variable, for the factors the
    /// factor-sign test leaves undecided: +1 when proven ≥ 0, −1 when proven ≤ 0 (bernsteinNonNegative), None otherwise.
    /// An annihilation's factors are polynomials in c = cos θ ∈ [−1, 1] on the CM region already (physicalRegion). For
    /// χ ν → χ ν and χ ν̄ → χ ν̄ (a massless partner), the physical region is s = m_χ² + σ (σ > 0) and, in the CM frame,
    /// t = −2|p|²(1 − c) with |p|² = σ²/(4s), i.e. t = −σ²(1 − c)/(2(m_χ² + σ)): a factor of degree d in t times the
    /// positive (m_χ² + σ)^d is a polynomial in c, σ and the positive masses.
    /// For ν N → χ N and ν̄ N → χ̄ N (a massive χ produced), the region above threshold in the CM frame, rational in
    /// (u, c) ∈ [0, 1] × [−1, 1] (σ = s − (m_χ + M)² = 4m_χMu²/(1 − u²)): a factor times a positive power of
    /// 4Ms(1 − u²)² is a polynomial in (u, c), bounded by its tensor-product Bernstein form (boxSign).
    let private boundedFactorSign (def: Model) (p: Process) (dom: Assumptions) : ((Expr -> int option) * string) option =
        let signBy (nonNegativeCoefficient: Expr -> bool) (toC: Expr -> Expr option) (f: Expr) =
            match toC f with
            | None -> None
            | Some g ->
                if (bernsteinNonNegative nonNegativeCoefficient (s "c") g).IsSome then Some 1
                elif (bernsteinNonNegative nonNegativeCoefficient (s "c") (Algebraic.expand (-g))).IsSome then Some -1
                else None
        match p with
        | :? AnnihilationProcess ->
            Some(signBy (cmCoefficientNonNegative dom) (fun f -> if Polynomial.isPolynomialIn (s "c") f then Some f else None),
                 "in c = cos θ ∈ [−1, 1] on the CM region")
        | :? ElasticScatteringProcess when p.Kind = ProcessKind.ChiNeutrinoToChiNeutrino || p.Kind = ProcessKind.ChiAntineutrinoToChiAntineutrino ->
            let chi = def.Field(def.Roles.DarkFermion)
            if chi.IsMassless then None
            else
                let m2 = chi.MassParameter.Expression ** 2
                let sv, tv, sigma = ProcessVariables.MandelstamS.Expression, ProcessVariables.MandelstamT.Expression, s "sigma_s"
                let toC (f: Expr) =
                    if not (Polynomial.isPolynomialIn tv f && Polynomial.isPolynomialIn sv f) then None
                    else
                        let d = (Polynomial.coefficients tv f).Length - 1
                        // s kept as the symbol w while t is replaced (w^d t^k, k ≤ d, is a polynomial), then w = m_χ² + σ
                        let w = s "w_s"
                        let onRegion = Structure.substituteMany [ sv, w; tv, -(sigma ** 2) * (1 - s "c") / (2 * w) ] f
                        let g = Algebraic.expand (Structure.substitute w (m2 + sigma) (Algebraic.expand (onRegion * w ** max d 0)))
                        if Polynomial.isPolynomialIn (s "c") g && Structure.freeOf sv g && Structure.freeOf tv g then Some g else None
                let positive (n: string) = n = "sigma_s" || (n <> "c" && n <> "s" && n <> "t" && dom.IsPositiveSymbol n)
                Some(signBy (fun b -> Structure.freeOf (s "c") b && (squaresAndPositive dom b || amGmNonNegative positive b)) toC,
                     "on the physical region s = m_χ² + σ (σ > 0), t = −σ²(1 − c)/(2s), c = cos θ ∈ [−1, 1]")
        | :? NucleusScatteringProcess as n when p.Kind = ProcessKind.NeutrinoNucleusToChiNucleus || p.Kind = ProcessKind.AntineutrinoNucleusToAntichiNucleus ->
            let chi = def.Field(def.Roles.DarkFermion)
            if chi.IsMassless then None
            else
                // ν(p₁) N(p₂) → χ(p₃) N(p₄), N at rest: s = M² + 2ME_ν, t = −2MT. In the CM frame
                //   t = m² − [(s − M²)(s + m² − M²) − (s − M²) κ c]/(2s),  κ = √λ(s, m², M²), c = cos θ,
                // and above threshold λ = σ(σ + 4mM) with σ = s − (m + M)² > 0. σ = 4mMu²/(1 − u²), u ∈ (0, 1), makes
                // κ = 4mMu/(1 − u²) rational: with S = (m + M)²(1 − u²) + 4mMu² (= s(1 − u²), > 0), A = S − M²(1 − u²)
                // (= (s − M²)(1 − u²)), B = S + (m² − M²)(1 − u²), K = 4mMu and W = 4MS(1 − u²) (> 0 on the region):
                //   E_ν = 2SA/W,  T = −t/(2M) = [A(B − Kc) − 2m²S(1 − u²)]/W.
                // A factor of degree d_E in E_ν and d_T in T times W^(d_E + d_T) is a polynomial in (u, c) ∈ [0, 1] × [−1, 1]
                // and the positive masses, of the factor's sign on the region.
                let m, bigM = chi.MassParameter.Expression, n.NuclearMass.Expression
                let u, c = s "u_s", s "c"
                let ev, tv = ProcessVariables.NeutrinoEnergy.Expression, ProcessVariables.RecoilEnergy.Expression
                let oneMinus = 1 - u ** 2
                let bigS = (m + bigM) ** 2 * oneMinus + 4 * m * bigM * u ** 2
                let a = bigS - bigM ** 2 * oneMinus
                let b = bigS + (m ** 2 - bigM ** 2) * oneMinus
                let k = 4 * m * bigM * u
                let toUC (f: Expr) =
                    homogenisedSubstitution [ ev; tv ] [ 2 * bigS * a; a * (b - k * c) - 2 * m ** 2 * bigS * oneMinus ] (4 * bigM * bigS * oneMinus) f
                let positive (name: string) = name <> "c" && name <> "u_s" && dom.IsPositiveSymbol name
                let sign (f: Expr) = toUC f |> Option.bind (boxSign dom positive [ u, Q.Zero, Q.One; c, Q.MinusOne, Q.One ])
                Some(sign,
                     sprintf "on the physical region above threshold, in the CM frame s = M² + 2ME_ν = (%s + M)² + σ, t = −2MT = %s² − (s − M²)(s + %s² − M² − κc)/(2s), σ = 4%sMu²/(1 − u²), κ = √λ(s, %s², M²) = 4%sMu/(1 − u²), (u, c) ∈ [0, 1] × [−1, 1], each factor times a positive power of 4Ms(1 − u²)² a polynomial in (u, c) (tensor-product Bernstein form, the box halved up to %d times where needed)"
                         chi.MassParameter.Symbol chi.MassParameter.Symbol chi.MassParameter.Symbol chi.MassParameter.Symbol chi.MassParameter.Symbol chi.MassParameter.Symbol boxDepth)
        | _ -> None

    /// |M|² ≥ 0 (e: |M|² on the region of physicalRegion, dom its domain) by the factor-sign test (nonNegative); when that
    /// leaves a factor undecided (the t/u or s/u interference of a Majorana χ), again with those factors bounded in the
    /// CM angle (boundedFactorSign). The second pass runs only on Undecided, so what the factor-sign test decides keeps
    /// its verdict and its text.
    let nonNegativeOnRegion (def: Model) (p: Process) (dom: Assumptions) (e: Expr) : ModelCheckStatus * string =
        match nonNegative dom e with
        | ModelCheckStatus.Undecided, why ->
            match boundedFactorSign def p dom with
            | Some(fallback, where) ->
                match nonNegativeWith fallback dom e with
                | ModelCheckStatus.Proven, how ->
                    ModelCheckStatus.Proven, sprintf "%s; the factors the sign test left undecided proven ≥ 0 %s (Bernstein coefficients ≥ 0, each a square or by AM–GM)" how where
                | ModelCheckStatus.Failed, how -> ModelCheckStatus.Failed, how
                | _ -> ModelCheckStatus.Undecided, why
            | None -> ModelCheckStatus.Undecided, why
        | verdict -> verdict

    /// |M|² ≥ 0 of a process with graphs of different couplings (an s-channel and a t-channel mediator, two mediators in
    /// one channel, S and V exchanged in ν N → χ N) as a quadratic form in their coupling products. Summed over spins, |Σ_g x_g A_g|² = Σ_ij x_i x_j G_ij
    /// with x_i the coupling products (g_χ g_ν, y_χ², …) and G_ij = Σ_spins Re(A_i A_j*) a Gram matrix: positive
    /// semidefinite at every point of the region, so |M|² ≥ 0 for every value of the couplings. Its interference entries
    /// G_ij (i ≠ j) have no sign, which is why the bounds on |M|² as a whole (the factor-sign test, the bound in c) cannot
    /// decide it; its principal minors can: G is positive semidefinite exactly when every principal minor is ≥ 0. The
    /// numerator of |M|² on the region (annihilationNumerator: the denominators' signs decided) is written as the quadratic
    /// form — the x_i are the square roots of its coupling monomials with even exponents, and every other monomial must be
    /// x_i x_j for exactly one pair (else the split is ambiguous and nothing is claimed) — and each principal minor is
    /// decided by the factor-sign test, its undecided factors by the region's bound (boundedFactorSign) or, for a factor
    /// linear or polynomial in a Breit–Wigner symbol W > 0, by the signs of its coefficients in W. Some "how" when every
    /// minor is proven ≥ 0; None when this decides nothing (a failure here is not a disproof: the couplings are ≥ 0 in the
    /// model, and a form that is not semidefinite can still be ≥ 0 on that cone).
    let internal gramNonNegative (def: Model) (p: Process) (dom: Assumptions) (e: Expr) : string option =
        let couplings =
            p.ModelParameters |> Seq.filter (fun q -> q.Role = ParameterRole.Coupling) |> Seq.map (fun q -> Symbol q.Symbol) |> Array.ofSeq
        if couplings.Length = 0 then None
        else
        match annihilationNumerator dom e with
        | Error _ -> None
        | Ok(n, denominators) ->
        let others = Polynomial.kernels n |> List.filter (fun k -> not (Array.contains k couplings))
        // a coupling inside a kernel (a root, a Breit–Wigner width in terms of it): not a polynomial in the couplings
        if others |> List.exists (fun k -> couplings |> Array.exists (fun c -> not (Structure.freeOf c k))) then None
        else
        let ring = PolyRing(Array.append couplings (Array.ofList others))
        match ring.TryOfExpr n with
        | None -> None
        | Some poly ->
        let nc = couplings.Length
        // the terms by their coupling monomial: exponents of the couplings → the rest (a polynomial in the other symbols)
        let groups = Dictionary<string, int[] * Dictionary<Monomial, Q>>()
        for KeyValue(m, q) in poly.Terms do
            let key = Array.sub m.Exponents 0 nc
            let rest = Array.copy m.Exponents
            for i in 0 .. nc - 1 do rest.[i] <- 0
            let id = String.Join(",", key)
            let _, terms =
                match groups.TryGetValue id with
                | true, g -> g
                | _ ->
                    let g = key, Dictionary<Monomial, Q>()
                    groups.[id] <- g
                    g
            terms.[Monomial rest] <- (match terms.TryGetValue(Monomial rest) with | true, r -> r + q | _ -> q)
        let polyOf (terms: Dictionary<Monomial, Q>) : MPoly =
            { Arity = ring.Arity; Terms = terms |> Seq.filter (fun kv -> not kv.Value.IsZero) |> Seq.map (fun kv -> kv.Key, kv.Value) |> Map.ofSeq }
        // the candidate x_i: square roots of the monomials with even exponents (y_s⁴ → y_s², y_s²y_χ² → y_s y_χ)
        let candidates = groups.Values |> Seq.map fst |> Seq.filter (Array.forall (fun k -> k % 2 = 0)) |> Seq.map (Array.map (fun k -> k / 2)) |> List.ofSeq
        let region = boundedFactorSign def p dom |> Option.map fst
        // an annihilation's factor also by the certified bound in c (or c²) of degree ≤ 2 (boundedVariableNonNegative), which
        // decides a single graph class's |M|² where the Bernstein coefficients' AM–GM cover does not (χ χ → S S)
        let boundInC (f: Expr) =
            if p.Category <> ProcessCategory.Annihilation || Structure.freeOf (s "c") f then None
            elif fst (boundedVariableNonNegative dom (s "c") f) = ModelCheckStatus.Proven then Some 1
            elif fst (boundedVariableNonNegative dom (s "c") (Algebraic.expand (-f))) = ModelCheckStatus.Proven then Some -1
            else None
        let regionSign (f: Expr) =
            match (match region with Some sign -> sign f | None -> None) with
            | Some sg -> Some sg
            | None -> boundInC f
        // a factor polynomial in a Breit–Wigner symbol W_… > 0 (of degree ≥ 1): all coefficients in W of one sign
        let rec factorFallback (depth: int) (f: Expr) : int option =
            match regionSign f with
            | Some sg -> Some sg
            | None when depth > 0 -> None
            | None ->
                let widths = Structure.symbols f |> List.filter (fun n -> n.StartsWith("W_", StringComparison.Ordinal) && dom.IsPositiveSymbol n)
                widths
                |> List.tryPick (fun w ->
                    let cs = Polynomial.coefficients (Symbol w) f |> List.map Algebraic.expand |> List.filter (fun a -> a <> Ops.zero)
                    if cs.Length < 2 then None
                    else
                        let signs = cs |> List.map (fun a -> match polynomialSignWith (factorFallback (depth + 1)) dom a with Ok sg -> Some sg | Error _ -> None)
                        if signs |> List.forall (fun sg -> sg = Some 1) then Some 1
                        elif signs |> List.forall (fun sg -> sg = Some -1) then Some -1
                        else None)
        // a basis: every monomial x_i x_j for exactly one pair (i ≤ j) — else the split of its coefficient between a
        // diagonal and an interference entry is not determined and the basis is not used (y_s², y_χ², y_s y_χ: y_s²y_χ² is
        // (y_s y_χ)² and y_s² · y_χ²; the basis y_s², y_χ² is unique). The Gram matrix's entries, or None.
        let gramOf (basis: int[][]) =
            let k = basis.Length
            let pairsOf (key: int[]) =
                [ for i in 0 .. k - 1 do
                      for j in i .. k - 1 do
                          if Array.forall2 (=) key (Array.map2 (+) basis.[i] basis.[j]) then yield i, j ]
            let entries = Array2D.create k k (MPoly.zero ring.Arity)
            let placed =
                groups.Values
                |> Seq.forall (fun (key, terms) ->
                    match pairsOf key with
                    | [ i, j ] ->
                        let v = polyOf terms
                        if i = j then entries.[i, i] <- v
                        else
                            let half = MPoly.scale (Q.One / Q.OfInt 2) v
                            entries.[i, j] <- half
                            entries.[j, i] <- half
                        true
                    | _ -> false)
            if placed then Some entries else None
        let semidefinite (entries: MPoly[,]) =
            let k = Array2D.length1 entries
            let rec det (rows: int list) (cols: int list) : MPoly =
                match rows with
                | [] -> MPoly.one ring.Arity
                | r :: rest ->
                    cols
                    |> List.mapi (fun index c ->
                        let term = MPoly.mul entries.[r, c] (det rest (cols |> List.filter ((<>) c)))
                        if index % 2 = 0 then term else MPoly.neg term)
                    |> List.fold MPoly.add (MPoly.zero ring.Arity)
            let subsets = [ for mask in 1 .. (1 <<< k) - 1 -> [ for i in 0 .. k - 1 do if (mask >>> i) &&& 1 = 1 then yield i ] ]
            subsets
            |> List.forall (fun rows ->
                let m = det rows rows
                MPoly.isZero m
                || (match polynomialSignWith (factorFallback 0) dom (ring.ToExpr m) with
                    | Ok sg -> sg >= 0
                    | Error _ -> false))
        // bases of two or three coupling products from at most five candidates, the smaller first
        let rec choose (n: int) (xs: int[] list) : int[] list list =
            match n, xs with
            | 0, _ -> [ [] ]
            | _, [] -> []
            | _, x :: rest -> (choose (n - 1) rest |> List.map (fun c -> x :: c)) @ choose n rest
        if candidates.Length < 2 || candidates.Length > 5 then None
        else
        [ 2; 3 ]
        |> List.collect (fun size -> choose size candidates)
        |> List.tryPick (fun basis ->
            let basis = Array.ofList basis
            match gramOf basis with
            | Some entries when semidefinite entries ->
                let xs = basis |> Array.map (fun b -> ring.ToExpr { Arity = ring.Arity; Terms = Map.ofList [ Monomial(Array.append b (Array.zeroCreate (ring.Arity - nc))), Q.One ] })
                Some(sprintf "numerator over %d denominator factor(s) of known sign, a quadratic form in the coupling products (%s) whose Gram matrix (spin-summed products of the graphs' amplitudes) is positive semidefinite on the region: its %d principal minors are ≥ 0 (squares and factors of provable sign; the factors left bounded on the region or, in a Breit–Wigner W > 0, by their coefficients)"
                         denominators (String.Join(", ", xs |> Array.map Infix.format)) ((1 <<< basis.Length) - 1))
            | _ -> None)

    /// Whether the model has vector(-like) vertices (γ^μ): its |M|² may be ≥ 0 only on the kinematic region.
    let private hasVectorVertices (def: Model) = def.Vertices |> Seq.exists (fun v -> v.IsVectorLike)

    /// An annihilation with an external vector (χ χ̄ → V V, V V → …).
    let private hasExternalVector (p: Process) =
        match p with
        | :? AnnihilationProcess as a -> a.InitialParticle.Kind = FieldKind.Vector || a.FinalParticle.Kind = FieldKind.Vector
        | _ -> false

    /// |M|² ≥ 0 of a process that is not a decay, e (|M|² already on the region of physicalRegion, dom its domain) as
    /// the standard obligation decides it. Graphs of different couplings: the Gram matrix (gramNonNegative), tried first;
    /// where it does not apply or decide, annihilations with external vectors: the bound in c first (it decides
    /// V V → ν ν̄), where it cannot the box (a, b, c) (externalVectorAnnihilationNonNegative); other annihilations with
    /// massive particles on both sides or in a model with vector vertices: the bound in c (annihilationNonNegative);
    /// everything else: the factor-sign test, then the factors it leaves bounded on the region (nonNegativeOnRegion).
    let private positiveOnRegion (def: Model) (p: Process) (dom: Assumptions) (e: Expr) : ModelCheckStatus * string =
        let bothMassive =
            match p with
            | :? AnnihilationProcess as a -> not a.InitialParticle.IsMassless && not a.FinalParticle.IsMassless
            | _ -> false
        // graphs of different couplings first: their Gram matrix's minors are smaller problems than |M|² as a whole (ν̄ N → χ̄ N
        // of the seeds' model plus a vector V: 0.9 s instead of 46 s of box halvings), and where the bounds on |M|² as a
        // whole cannot decide it at all (degree 4 in cos θ) they can. A process of one coupling class: not applicable (None)
        match gramNonNegative def p dom e with
        | Some how -> ModelCheckStatus.Proven, how
        | None ->
            if p.Category = ProcessCategory.Annihilation && hasExternalVector p then externalVectorAnnihilationNonNegative dom e
            elif p.Category = ProcessCategory.Annihilation && (bothMassive || hasVectorVertices def) then annihilationNonNegative dom e
            else nonNegativeOnRegion def p dom e

    /// |M|² ≥ 0 of a process (not a decay) as the standard obligation checks it: |M|² (or m2 in its place, for tests)
    /// on the process's physical region, positiveOnRegion.
    let squaredAmplitudeNonNegative (def: Model) (p: Process) (m2: Expr) : ModelCheckStatus * string =
        let subs, dom, _ = physicalRegion p
        positiveOnRegion def p dom (Structure.substituteMany subs m2)

    /// A process of the model, None when absent or not derived (NotSupportedException: listed by `notDerived`).
    let tryProcess (m: Model) (k: ProcessKind) : Process option =
        try
            match m.TryProcess k with
            | true, p -> Some p
            | _ -> None
        with :? NotSupportedException -> None

    /// The processes the model's vertices make that the derivation does not implement (absent with the reason).
    let notDerived (m: Model) : NotDerivedProcess list =
        [ for k in Enum.GetValues<ProcessKind>() do
              try m.Has k |> ignore
              with :? NotSupportedException as e -> yield NotDerivedProcess(k, ProcessDerivation.kindName k, e.Message) ]

    /// The standard obligations of a model's processes.
    let standard (def: Model) (decayRegion: (Expr * Expr) list) : ModelCheck list =
        let name = def.Name
        let dims = dimensionTable def
        let processes = [ for k in Enum.GetValues<ProcessKind>() do match tryProcess def k with Some p -> yield k, p | None -> () ]
        // the total width of an s-channel mediator (Γ in its Breit–Wigner propagator) is a mass
        let widthSymbols = processes |> List.collect (fun (_, p) -> List.ofSeq p.WidthSymbols) |> Set.ofList
        let dimensionOf (n: string) =
            match dims.TryGetValue n with
            | true, d -> Some d
            | _ -> if widthSymbols.Contains n then Some Q.One else None
        // |M|² ≥ 0 proofs by (process kind, |M|² on its region): a process with the same |M|² and dispatch reuses one
        let positivityProofs = Dictionary<ProcessKind * Expr, ModelCheckStatus * string>(HashIdentity.Structural)
        let perProcess =
            [ for kind, p in processes do
                  let id what = sprintf "%s.%s.%s" name what (slug p.Name)
                  // dimensions: |M|² (2 → 2: 0; 1 → 2: 2) and what is compiled from it
                  let quantities =
                      [ yield "|M|²", p.SquaredAmplitude.Expression, (if p.Category = ProcessCategory.Decay then 2 else 0)
                        match p with
                        | :? NucleusScatteringProcess as n -> yield "dσ/dT", n.DifferentialCrossSection.Expression, -3
                        | :? DecayProcess as d -> yield "Γ", d.Width.Expression, 1
                        | :? ConversionAtRestProcess as c -> yield "σv", c.SigmaV.Expression, -2
                        | :? AnnihilationProcess as a -> yield "σv integrand", a.SigmaVIntegrand, -2
                        | _ -> () ]
                  // ν N → ν N with the Standard Model carries G_F as its exact number (MeV⁻² hidden in a number):
                  // its homogeneity is that of ν N → ν N through the mediators alone (checked) and of the closed form
                  // a file's obligation states in the symbol G_F
                  if kind <> ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel then
                    yield
                      guarded (id "dimension") (sprintf "%s: dimensions" p.Name)
                          (sprintf "%s of %s have the mass dimensions %s" (String.Join(", ", quantities |> List.map (fun (w, _, _) -> w))) p.Name
                               (String.Join(", ", quantities |> List.map (fun (w, _, d) -> sprintf "%s: %d" w d))))
                          (fun () ->
                              let found = quantities |> List.map (fun (w, e, d) -> w, Dimensions.infer dimensionOf e, d)
                              match found |> List.tryFind (fun (_, got, want) -> got <> Q.OfInt want) with
                              | Some(w, got, want) -> ModelCheckStatus.Failed, sprintf "%s of %s has mass dimension %s, it must have %d" w p.Name (Dimensions.describe got) want
                              | None -> ModelCheckStatus.Proven, String.Join(", ", found |> List.map (fun (w, got, _) -> sprintf "%s: %s" w (Dimensions.describe got))))
                  // |M|² ≥ 0 on the physical region. An annihilation with massive particles on both sides (χ χ̄ → S S,
                  // S S → χ χ̄: t- and u-channel fermion exchange) keeps two independent momenta, and the factor-sign
                  // test alone does not decide the interference: it goes through annihilationNonNegative (positiveOnRegion).
                  let subs, dom, region = physicalRegion p
                  let subs = if p.Category = ProcessCategory.Decay then decayRegion else subs
                  // A model with vector bosons: the q_μq_ν/m_V² part of the Proca propagator on a massive fermion line
                  // (and the k_μk_ν/m_V² of an external V's polarisation sum) gives a |M|² that is ≥ 0 only on the
                  // kinematic region, through a discriminant the factor-sign test does not find: ν N → χ N, ν̄ N → χ̄ N
                  // go through the region above threshold (boundedFactorSign: (u, c) on a box), χ ν → χ ν through the
                  // bound in cos θ, the annihilations through the bound in c and, with external vectors, the box
                  // (a, b, c) (positiveOnRegion).
                  // ν N → ν N with the SM: |M|² ∝ Q'² K with Q' = Q_W − (√2/G_F) g_ν Q_V/(2MT + m²) written in
                  // G_F's exact number, a square the factorisation over the rationals does not see; K ≥ 0 is the
                  // check of ν N → ν N through the mediators alone (same kinematic factor), Q'² the closed form a
                  // file states (light-vector.closed-form)
                  let smInterference = p.Kind = ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel
                  // ν N → χ N through V is ≥ 0 above threshold only (not for every positive E_ν, T): the statement says so
                  let region =
                      if hasVectorVertices def && (p.Kind = ProcessKind.NeutrinoNucleusToChiNucleus || p.Kind = ProcessKind.AntineutrinoNucleusToAntichiNucleus) then
                          "the lab frame above threshold, T_min(E_ν) ≤ T ≤ T_max(E_ν), i.e. s = M² + 2ME_ν > (m_χ + M)² at any CM angle"
                      else region
                  if not smInterference then
                    yield
                        guarded (id "positive") (sprintf "%s: |M|² ≥ 0" p.Name) (sprintf "|M|² of %s is ≥ 0 on the physical region (%s)" p.Name region)
                            (fun () ->
                                let e = Structure.substituteMany subs p.SquaredAmplitude.Expression
                                if p.Category = ProcessCategory.Decay then nonNegativeOnRegion def p (dom.AndPositive(s "delta_m")) e
                                else
                                    // ν̄ N → χ̄ N has the |M|² of ν N → χ N on the same region (one proof for both)
                                    let kindClass = if p.Kind = ProcessKind.AntineutrinoNucleusToAntichiNucleus then ProcessKind.NeutrinoNucleusToChiNucleus else p.Kind
                                    match positivityProofs.TryGetValue((kindClass, e)) with
                                    | true, verdict -> verdict
                                    | _ ->
                                        let verdict = positiveOnRegion def p dom e
                                        positivityProofs.[(kindClass, e)] <- verdict
                                        verdict) ]
        // ν / ν̄ relations
        let has k = (tryProcess def k).IsSome
        let pairs =
            [ ProcessKind.NeutrinoNucleusToChiNucleus, ProcessKind.AntineutrinoNucleusToAntichiNucleus
              ProcessKind.ChiNeutrinoToChiNeutrino, ProcessKind.ChiAntineutrinoToChiAntineutrino ]
        let relations =
            [ for a, b in pairs do
                  let na, nb = ProcessDerivation.kindName a, ProcessDerivation.kindName b
                  yield
                      check (sprintf "%s.nu-nubar.%s" name (slug na)) (sprintf "%s and %s come together" na nb)
                          (sprintf "the Lagrangian is Hermitian, so %s is in the model exactly when %s is" na nb)
                          (if has a = has b then ModelCheckStatus.Proven else ModelCheckStatus.Failed)
                          (sprintf "%s: %s, %s: %s" na (if has a then "present" else "absent") nb (if has b then "present" else "absent")) ]
        let vectorLike = def.Vertices |> Seq.exists (fun v -> v.IsVectorLike)
        let equalNuNubar =
            if has ProcessKind.NeutrinoNucleusToChiNucleus && has ProcessKind.AntineutrinoNucleusToAntichiNucleus && not vectorLike then
                [ guarded (sprintf "%s.nu-nubar.dsigma-equal" name) "ν N → χ N and ν̄ N → χ̄ N have the same dσ/dT"
                      "with scalar-like vertices only (no γ^μ), ν̄ N → χ̄ N has the dσ/dT of ν N → χ N (so one cross section serves every flavour of a flux)"
                      (fun () ->
                          let a = def.NucleusScattering(ProcessKind.NeutrinoNucleusToChiNucleus).DifferentialCrossSection.Expression
                          let b = def.NucleusScattering(ProcessKind.AntineutrinoNucleusToAntichiNucleus).DifferentialCrossSection.Expression
                          let d = Normal.equivalentWith Assumptions.AllPositive a b
                          ofDecision d, d.Reason) ]
            else []
        // the m_χ → 0 limit of ν N → χ N: finite, and the massless expression
        let masslessLimit =
            if has ProcessKind.NeutrinoNucleusToChiNucleus then
                let p = def.NucleusScattering ProcessKind.NeutrinoNucleusToChiNucleus
                let chi = def.Field(def.Roles.DarkFermion).MassParameter
                [ guarded (sprintf "%s.massless-limit.nu-N-chi-N" name) "ν N → χ N: the m_χ → 0 limit"
                      (sprintf "dσ/dT of ν N → χ N has a finite limit as %s → 0⁺, equal to its value at %s = 0 (no singularity in the produced mass)" chi.Symbol chi.Symbol)
                      (fun () ->
                          let e = p.DifferentialCrossSection.Expression
                          let x = chi.Expression
                          let syms = Structure.symbols e
                          let dom = Assumptions.Positive syms
                          let l = Series.limitWith dom x Ops.zero Direction.FromAbove e
                          if Structure.hasSpecial l then ModelCheckStatus.Failed, sprintf "lim %s→0⁺ = %s" chi.Symbol (Infix.format l)
                          else
                              let at0 = Normal.simplifyWith dom (Structure.substitute x Ops.zero e)
                              let d = Normal.equivalentWith dom l at0
                              ofDecision d, sprintf "lim %s→0⁺ dσ/dT = %s (%s)" chi.Symbol (Infix.format l) d.Reason) ]
            else []
        perProcess @ relations @ equalNuNubar @ masslessLimit

    /// The kernel's constants an obligation may name, with their mass dimension and the exact value the kernel's
    /// derivations use (Q.OfDouble of Constants): G_F (MeV⁻²) and sin2_theta_W (the SM neutral current, seed 000 eq. 11).
    let constants : (string * Q * Expr) list =
        [ "G_F", Q.OfInt -2, Number(Q.OfDouble Constants.FermiConstant)
          "sin2_theta_W", Q.Zero, Number(Q.OfDouble Constants.SinSquaredThetaW) ]

    /// The file's own obligations.
    let own (file: string) (def: Model) (obligations: OwnObligation list) : ModelCheck list =
        [ for o in obligations do
              let dims = Dictionary<string, Q>(dimensionTable def, StringComparer.Ordinal)
              for n, d, _ in constants do dims.[n] <- d
              for n, d in o.Symbols do dims.[n] <- d
              let dimensionOf (n: string) = match dims.TryGetValue n with | true, d -> Some d | _ -> None
              let withConstants (e: Expr) = Structure.substituteMany [ for n, _, v in constants -> Symbol n, v ] e
              let line, column = int o.Node.Start.Line, int o.Node.Start.Column
              let p =
                  match (try Ok(def.TryProcess o.Process) with :? NotSupportedException as e -> Error e.Message) with
                  | Ok(true, p) -> p
                  | Ok _ -> raise (errorAt file o.Node 0 (sprintf "obligation %s: %s is not in model '%s'" o.Id (ProcessDerivation.kindName o.Process) def.Name))
                  | Error why -> raise (errorAt file o.Node 0 (sprintf "obligation %s: %s is not derived for model '%s': %s" o.Id (ProcessDerivation.kindName o.Process) def.Name why))
              let quantity =
                  match o.Quantity, p with
                  | "M2", _ -> p.SquaredAmplitude.Expression
                  | "dsigma_dT", (:? NucleusScatteringProcess as n) -> n.DifferentialCrossSection.Expression
                  | "width", (:? DecayProcess as d) -> d.Width.Expression
                  | "sigma_v", (:? ConversionAtRestProcess as c) -> c.SigmaV.Expression
                  | q, _ -> raise (errorAt file o.Node 0 (sprintf "obligation %s: %s has no %s (it is a %O process)" o.Id p.Name q p.Category))
              // both sides of the same mass dimension (the limit variable keeps its dimension)
              let dimOf what e =
                  try Dimensions.infer dimensionOf e
                  with :? DimensionException as x -> raise (errorAt file o.EqualsNode 0 (sprintf "obligation %s: %s: %s" o.Id what x.Message))
              // the quantity's dimension: inferred, except for ν N → ν N with the SM (G_F is a number there): what
              // its kind must have (|M|² 0, dσ/dT −3)
              let dq =
                  if o.Process = ProcessKind.NeutrinoNucleusToNeutrinoNucleusWithStandardModel then
                      Q.OfInt(match o.Quantity with | "dsigma_dT" -> -3 | _ -> 0)
                  else dimOf "the derived quantity" quantity
              let de = dimOf "equals" o.Equals
              if dq <> de then
                  raise (errorAt file o.EqualsNode 0 (sprintf "obligation %s: equals has mass dimension %s, but %s of %s has %s" o.Id (Dimensions.describe de) o.Quantity p.Name (Dimensions.describe dq)))
              // substitutions: each replaces a symbol of the quantity by a formula of the same mass dimension
              let quantity =
                  o.Substitutions
                  |> List.fold
                      (fun (q: Expr) (name, f, node) ->
                          if Structure.freeOf (Symbol name) q then
                              raise (errorAt file node 0 (sprintf "obligation %s: substitute: %s does not occur in %s of %s" o.Id name o.Quantity p.Name))
                          let ds =
                              try Dimensions.infer dimensionOf f
                              with :? DimensionException as x -> raise (errorAt file node 0 (sprintf "obligation %s: substitute: %s" o.Id x.Message))
                          match dimensionOf name with
                          | Some d when d <> ds ->
                              raise (errorAt file node 0 (sprintf "obligation %s: substitute: %s has mass dimension %s, the formula %s" o.Id name (Dimensions.describe d) (Dimensions.describe ds)))
                          | _ -> ()
                          Structure.substitute (Symbol name) f q)
                      quantity
              let equals = withConstants o.Equals
              let dom =
                  o.AssumeExpressions |> List.fold (fun (a: Assumptions) e -> a.AndPositive e) (Assumptions.Positive o.AssumePositive)
              let statement =
                  match o.Limit with
                  | None -> sprintf "%s of %s = %s" o.Quantity p.Name (Infix.format equals)
                  | Some(v, a, _) -> sprintf "lim %s→%s %s of %s = %s" v (Infix.format a) o.Quantity p.Name (Infix.format equals)
              let statement =
                  if o.Substitutions.IsEmpty then statement
                  else sprintf "%s, with %s" statement (String.Join(", ", o.Substitutions |> List.map (fun (n, f, _) -> sprintf "%s = %s" n (Infix.format f))))
              let statement =
                  if o.AssumePositive.IsEmpty && o.AssumeExpressions.IsEmpty then statement
                  else sprintf "%s, for %s > 0" statement (String.Join(", ", o.AssumePositive @ (o.AssumeExpressions |> List.map Infix.format)))
              let c =
                  guarded o.Id o.Title statement (fun () ->
                      match o.Limit with
                      | None ->
                          let d = Normal.equivalentWith dom quantity equals
                          ofDecision d, d.Reason
                      | Some(v, a, dir) ->
                          let l = Series.limitWith dom (Symbol v) a dir quantity
                          if l = equals then ModelCheckStatus.Proven, sprintf "lim = %s" (Infix.format l)
                          elif Structure.hasSpecial l || Structure.hasSpecial equals then ModelCheckStatus.Failed, sprintf "lim = %s" (Infix.format l)
                          else
                              let d = Normal.equivalentWith dom l equals
                              ofDecision d, sprintf "lim = %s (%s)" (Infix.format l) d.Reason)
              yield ModelCheck(c.Id, c.Title, c.Statement, c.Status, c.Detail, line, column) ]

/// The derived processes of a verified model file as the model cache keeps them: per process, its texts, the
/// canonical expressions (|M|², dσ/dT and the recoil-limit formulas, Γ, σv) as infix text the core parses back, and
/// its variables and parameters by symbol; per absent kind, why. Rebuilding a process from these makes the same
/// object the derivation makes (the tests compare them for every shipped model), without Dirac traces or
/// simplification. Anything that does not rebuild (a missing key, an expression that does not parse, a symbol the
/// model does not have) is an exception: the caller then treats the whole entry as corrupt.
module internal ProcessCache =
    let private listSep = "\u001f"
    let private fieldSep = "\u001e"
    let private formulaSep = "\u001d"

    let private variables =
        [ ProcessVariables.NeutrinoEnergy; ProcessVariables.RecoilEnergy; ProcessVariables.MassNumber; ProcessVariables.FormFactorSquared
          ProcessVariables.MandelstamS; ProcessVariables.CosTheta; ProcessVariables.MandelstamT; ProcessVariables.ProtonNumber ]

    let private split (sep: string) (v: string) = if String.IsNullOrEmpty v then [] else List.ofArray (v.Split sep)

    /// A parameter by where it comes from: "v:" a kinematic variable, "m:" the model's parameter.
    let private parameterRef (m: Model) (p: ModelParameter) =
        if variables |> List.exists (fun v -> Object.ReferenceEquals(v, p)) then "v:" + p.Symbol
        elif m.Parameters |> Seq.exists (fun q -> Object.ReferenceEquals(q, p)) then "m:" + p.Symbol
        else failwithf "the parameter %s is neither a process variable nor one of model '%s'" p.Symbol m.Name

    let private resolve (m: Model) (r: string) : ModelParameter =
        if r.StartsWith("v:", StringComparison.Ordinal) then
            match variables |> List.tryFind (fun v -> v.Symbol = r.Substring 2) with
            | Some v -> v
            | None -> failwithf "no process variable %s" (r.Substring 2)
        elif r.StartsWith("m:", StringComparison.Ordinal) then m.Parameter(r.Substring 2)
        else failwithf "a parameter reference '%s' of an unknown form" r

    let private parameters (m: Model) (ps: seq<ModelParameter>) = String.Join(listSep, ps |> Seq.map (parameterRef m))
    let private parametersOf (m: Model) (v: string) = split listSep v |> List.map (resolve m)

    let private expression (text: string) =
        match Infix.parse text with
        | Ok e -> e
        | Error msg -> failwithf "a cached expression does not parse: %s" msg

    let private formula (f: Formula) =
        let ps = f.Parameters |> Seq.map (fun p -> String.Join(fieldSep, [ p.Symbol; p.Unit; p.Description ]))
        String.Join(formulaSep, [ f.Name; Infix.format f.Expression; String.Join(listSep, ps); f.Unit; f.Reference; f.Description ])

    let private formulaOf (v: string) =
        match v.Split formulaSep with
        | [| name; e; ps; unit; reference; description |] ->
            let ps =
                split listSep ps
                |> List.map (fun p ->
                    match p.Split fieldSep with
                    | [| symbol; u; d |] -> Parameter.Create(symbol, u, d)
                    | _ -> failwith "a formula parameter of an unknown form")
            Formula(name, expression e, ps, unit, reference, description)
        | _ -> failwith "a formula of an unknown form"

    /// The keys and values of a process.
    let entries (m: Model) (p: Process) : (string * string) list =
        let i = p.Info
        [ "category", string (int i.Category)
          "name", i.Name
          "model", i.ModelName
          "reference", i.Reference
          "amplitude", i.Amplitude
          "spins", i.SpinSums
          "neutrinos", String.Join(listSep, i.Neutrinos)
          "m2", Infix.format i.SquaredAmplitude
          "unit", i.AmplitudeUnit
          "variables", parameters m i.Variables
          "parameters", parameters m i.ModelParameters ]
        @ (match p with
           | :? NucleusScatteringProcess as n ->
               let k = n.Kinematics
               [ "dsdt", Infix.format n.DifferentialCrossSection.Expression
                 "dsdt-parameters", parameters m n.CrossSectionParameters
                 "dsdt-reference", n.DifferentialCrossSection.Reference
                 "produced", (if isNull (box k.ProducedMass) then "" else parameterRef m k.ProducedMass)
                 "t-min", formula k.MinimumRecoilFormula
                 "t-max", formula k.MaximumRecoilFormula
                 "e-min-of-t", formula k.MinimumEnergyFormula
                 "threshold", formula k.ThresholdFormula ]
           | :? AnnihilationProcess as a -> [ "initial", a.InitialParticle.Name; "final", a.FinalParticle.Name ]
           | :? DecayProcess as d ->
               [ "width", Infix.format d.Width.Expression
                 "width-reference", d.Width.Reference
                 "channels", String.Join(listSep, d.Channels) ]
           | :? ConversionAtRestProcess as c ->
               [ "sigma-v", Infix.format c.SigmaV.Expression
                 "sigma-v-parameters", parameters m c.SigmaVParameters ]
           | :? ElasticScatteringProcess -> []
           | _ -> failwithf "%s: a kind of process the cache does not know" p.Name)

    /// The process of a kind rebuilt from its keys and values (KeyNotFoundException, FormatException, … when they
    /// are incomplete or do not fit the model).
    let build (m: Model) (kind: ProcessKind) (values: IReadOnlyDictionary<string, string>) : Process =
        let get (key: string) =
            match values.TryGetValue key with
            | true, v -> v
            | _ -> failwithf "%s: no %s" (ProcessDerivation.kindName kind) key
        let category = enum<ProcessCategory> (int (get "category"))
        if category <> ProcessDerivation.categoryOf kind then failwithf "%s is not a %O process" (ProcessDerivation.kindName kind) category
        if get "model" <> m.Name then failwithf "a process of model '%s', not '%s'" (get "model") m.Name
        let neutrinos = split listSep (get "neutrinos")
        for n in neutrinos do m.Field n |> ignore
        let info : ProcessInfo =
            { Kind = kind
              Category = category
              Name = get "name"
              ModelName = m.Name
              Reference = get "reference"
              Amplitude = get "amplitude"
              SpinSums = get "spins"
              Neutrinos = neutrinos
              SquaredAmplitude = expression (get "m2")
              AmplitudeUnit = get "unit"
              Variables = parametersOf m (get "variables")
              ModelParameters = parametersOf m (get "parameters")
              Widths = [] }
        match category with
        | ProcessCategory.NucleusScattering ->
            let produced = match get "produced" with "" -> Unchecked.defaultof<ModelParameter> | r -> resolve m r
            let kinematics = RecoilKinematics(produced, formulaOf (get "t-min"), formulaOf (get "t-max"), formulaOf (get "e-min-of-t"), formulaOf (get "threshold"))
            NucleusScatteringProcess(info, expression (get "dsdt"), parametersOf m (get "dsdt-parameters"), kinematics, get "dsdt-reference") :> Process
        | ProcessCategory.Annihilation -> ProcessDerivation.annihilationOf m.Data info (m.Field(get "initial")) (m.Field(get "final")) :> Process
        | ProcessCategory.Decay -> DecayProcess(info, expression (get "width"), split listSep (get "channels"), get "width-reference") :> Process
        | ProcessCategory.ElasticScattering -> ElasticScatteringProcess(info) :> Process
        | ProcessCategory.ConversionAtRest -> ConversionAtRestProcess(info, expression (get "sigma-v"), parametersOf m (get "sigma-v-parameters")) :> Process
        | c -> failwithf "an unknown process category %O" c

    /// What the cache records of every kind: the process (its keys and values) or its absence (with the reason); a
    /// kind whose derivation throws (not implemented, flavour-dependent) is not recorded and is derived on use.
    let record (m: Model) : (ProcessKind * Choice<(string * string) list, string>) list =
        [ for k in Enum.GetValues<ProcessKind>() do
              let outcome =
                  try
                      match m.TryProcess k with
                      | true, p -> Some(Choice1Of2(entries m p))
                      | _ -> Some(Choice2Of2(m.AbsenceReason k))
                  with _ -> None // e.g. NotSupportedException (not implemented), InvalidOperationException (flavour-dependent): derived on use
              match outcome with
              | Some o -> yield k, o
              | None -> () ]

/// Loads models from files: reads and checks the YAML, builds the Model, verifies it with the standard obligations
/// (dimensions of |M|², dσ/dT, Γ and σv; |M|² ≥ 0 on the physical region; the m_χ → 0 limit; the ν/ν̄ relations) and
/// the file's own, and refuses a model with a FAILED obligation (disproven). An UNDECIDED one (the core could neither
/// prove nor disprove it) does not refuse: the model loads, and ModelDefinition.Undecided / UndecidedWarnings name it
/// for every command to print. A model that loads is recorded with its verdicts in a disk cache keyed by the SHA-256
/// of the file's content, the program version and the kernel build, so a second load of the same file skips the
/// verification and gives the same verdicts (and warnings).
[<AbstractClass; Sealed>]
type ModelFile =
    static let kernelBuild = typeof<Model>.Assembly.ManifestModule.ModuleVersionId.ToString("N")

    static let hash (text: string) = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))

    static let escape (t: string) = if isNull t then "" else t.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r")
    static let unescape (t: string) =
        let b = StringBuilder()
        let mutable i = 0
        while i < t.Length do
            if t.[i] = '\\' && i + 1 < t.Length then
                (match t.[i + 1] with
                 | 't' -> b.Append '\t'
                 | 'n' -> b.Append '\n'
                 | 'r' -> b.Append '\r'
                 | c -> b.Append c)
                |> ignore
                i <- i + 2
            else
                b.Append t.[i] |> ignore
                i <- i + 1
        b.ToString()

    static let cacheHeader = "nudm-model-cache/2"

    static let seedDefinition = lazy (ModelDefinition(SeedModel.Model, null, null, NucleusMatching.CoherentScalar, "y_q bar(q) q S", [], [], false, []))

    /// The file as messages name it: relative to the current folder when inside it, '/'-separated.
    static let display (path: string) =
        let full = Path.GetFullPath path
        let rel = Path.GetRelativePath(Environment.CurrentDirectory, full)
        (if rel.StartsWith("..", StringComparison.Ordinal) then full else rel).Replace('\\', '/')

    static let readText (path: string) (shown: string) =
        if String.IsNullOrWhiteSpace path then invalidArg "path" "a model file path is needed"
        if Directory.Exists path then raise (DataFileException(shown, "is a folder, not a model file"))
        if not (File.Exists path) then raise (DataFileException(shown, "no such model file"))
        File.ReadAllText path

    static let verify (shown: string) (parsed: ModelFileReader.Parsed) : ModelCheck list =
        let m = parsed.Model
        if LoadTiming.enabled then
            for k in Enum.GetValues<ProcessKind>() do
                LoadTiming.time ("derive " + ProcessDerivation.kindName k) (fun () -> ModelObligations.tryProcess m k) |> ignore
        // a process the derivation does not implement yet is absent with its reason (ModelDefinition.NotDerived), not
        // a refusal: the model is usable for what it has
        let decayRegion =
            match ModelObligations.tryProcess m ProcessKind.MediatorDecay with
            | Some(:? DecayProcess) ->
                let med = m.Field(m.Roles.Mediator)
                let chi = m.Field(m.Roles.DarkFermion)
                if med.IsMassless || chi.IsMassless then [] else [ med.MassParameter.Expression, chi.MassParameter.Expression + Symbol "delta_m" ]
            | _ -> []
        ModelObligations.standard m decayRegion @ ModelObligations.own shown m parsed.Obligations

    static let writeCache (path: string) (key: string) (checks: ModelCheck list) (processes: (ProcessKind * Choice<(string * string) list, string>) list) (notDerived: NotDerivedProcess list) =
        let b = StringBuilder()
        b.Append(cacheHeader).Append('\n').Append("key ").Append(key).Append('\n') |> ignore
        for n in notDerived do
            b.Append("not-derived\t").Append(int n.Kind).Append('\t').Append(escape n.Name).Append('\t').Append(escape n.Reason).Append('\n') |> ignore
        for c in checks do
            b.Append("check\t").Append(escape c.Id).Append('\t').Append(int c.Status).Append('\t').Append(c.Line).Append('\t').Append(c.Column)
                .Append('\t').Append(escape c.Title).Append('\t').Append(escape c.Statement).Append('\t').Append(escape c.Detail).Append('\n') |> ignore
        for k, o in processes do
            match o with
            | Choice1Of2 entries ->
                for name, value in entries do
                    b.Append("process\t").Append(int k).Append('\t').Append(name).Append('\t').Append(escape value).Append('\n') |> ignore
            | Choice2Of2 reason -> b.Append("absent\t").Append(int k).Append('\t').Append(escape reason).Append('\n') |> ignore
        let body = b.ToString()
        let text = body + "end " + hash body + "\n"
        let tmp = path + "." + Guid.NewGuid().ToString("N") + ".tmp"
        File.WriteAllText(tmp, text)
        File.Move(tmp, path, true)

    /// The cached checks of a key, or None (no entry); a corrupt entry is Error with the reason.
    static let readCache (path: string) (key: string) : Result<(ModelCheck list * (ProcessKind * Choice<IReadOnlyDictionary<string, string>, string>) list * NotDerivedProcess list) option, string> =
        if not (File.Exists path) then Ok None
        else
            try
                let text = File.ReadAllText path
                let endAt = text.LastIndexOf("end ", StringComparison.Ordinal)
                if endAt < 0 then Error "it has no integrity line"
                else
                    let body = text.Substring(0, endAt)
                    if text.Substring(endAt + 4).Trim() <> hash body then Error "its integrity check fails"
                    else
                        let lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                        if lines.Length < 2 || lines.[0] <> cacheHeader then Error "it has an unknown format"
                        elif lines.[1] <> "key " + key then Ok None
                        else
                            let checks =
                                [ for l in lines do
                                      if l.StartsWith("check\t", StringComparison.Ordinal) then
                                          let f = l.Split('\t')
                                          yield ModelCheck(unescape f.[1], unescape f.[5], unescape f.[6], enum<ModelCheckStatus> (int f.[2]), unescape f.[7], int f.[3], int f.[4]) ]
                            let present = Dictionary<ProcessKind, Dictionary<string, string>>()
                            let order = List<ProcessKind * Choice<IReadOnlyDictionary<string, string>, string>>()
                            for l in lines do
                                if l.StartsWith("process\t", StringComparison.Ordinal) then
                                    let f = l.Split('\t')
                                    let k = enum<ProcessKind> (int f.[1])
                                    ProcessDerivation.categoryOf k |> ignore // an unknown kind: ArgumentOutOfRangeException
                                    match present.TryGetValue k with
                                    | true, d -> d.[f.[2]] <- unescape f.[3]
                                    | _ ->
                                        let d = Dictionary<string, string>(StringComparer.Ordinal)
                                        d.[f.[2]] <- unescape f.[3]
                                        present.[k] <- d
                                        order.Add((k, Choice1Of2(d :> IReadOnlyDictionary<string, string>)))
                                elif l.StartsWith("absent\t", StringComparison.Ordinal) then
                                    let f = l.Split('\t')
                                    let k = enum<ProcessKind> (int f.[1])
                                    ProcessDerivation.categoryOf k |> ignore
                                    order.Add((k, Choice2Of2(unescape f.[2])))
                            let processes = List.ofSeq order
                            let notDerived =
                                [ for l in lines do
                                      if l.StartsWith("not-derived\t", StringComparison.Ordinal) then
                                          let f = l.Split('\t')
                                          yield NotDerivedProcess(enum<ProcessKind> (int f.[1]), unescape f.[2], unescape f.[3]) ]
                            Ok(Some(checks, processes, notDerived))
            with e -> Error e.Message

    /// The obligation that refuses a model — a FAILED one (disproven, with the core's witness or reason) — as the
    /// error to raise (file, line and column of a file's own obligation). An UNDECIDED obligation does not refuse: the
    /// core's "cannot decide" is not a verdict either way (the model loads with ModelDefinition.UndecidedWarnings).
    static let refusal (shown: string) (c: ModelCheck) =
        DataFileException(shown, c.Line, c.Column, null, sprintf "the model is refused: obligation %s FAILED — %s: %s" c.Id c.Statement c.Detail)

    static let load (path: string) (cacheFolder: string) (programVersion: string) (refuse: bool) : ModelDefinition =
        let shown = display path
        let text = readText path shown
        let contentHash = hash text
        let parsed = LoadTiming.time ("parse " + shown) (fun () -> ModelFileReader.parse shown text)
        let key = hash (String.Join("\u001f", [ "nudm-model/1"; contentHash; (if isNull programVersion then "" else programVersion); kernelBuild ]))
        let cachePath = if String.IsNullOrEmpty cacheFolder then null else Path.Combine(cacheFolder, key.Substring(0, 32) + ".model")
        let warnings = List<string>()
        let corrupt (why: string) =
            warnings.Add(sprintf "the cached verification of %s (%s) is corrupt (%s): recomputed" shown cachePath why)
            None
        let cached =
            if isNull cachePath then None
            else
                match readCache cachePath key with
                | Ok(Some(cs, processes, nd)) ->
                    // every cached process rebuilt before any is used: one that does not rebuild makes the whole entry
                    // corrupt (recomputed), never half trusted
                    match (try Ok [ for k, o in processes -> k, (match o with Choice1Of2 v -> Some(ProcessCache.build parsed.Model k v), "" | Choice2Of2 r -> None, r) ]
                           with e -> Error e.Message) with
                    | Ok built ->
                        for k, (p, reason) in built do parsed.Model.Preload(k, p, reason)
                        Some(cs, nd)
                    | Error why -> corrupt why
                | Ok None -> None
                | Error why -> corrupt why
        let checks, notDerived, fromCache =
            match cached with
            | Some(cs, nd) -> cs, nd, true
            | None -> LoadTiming.time "verify (all)" (fun () -> verify shown parsed), ModelObligations.notDerived parsed.Model, false
        let failed (c: ModelCheck) = c.Status = ModelCheckStatus.Failed
        if refuse then
            match checks |> List.tryFind failed with
            | Some c -> raise (refusal shown c)
            | None -> ()
        // a model that loads is cached with its verdicts, undecided ones included (a load from the cache repeats their
        // warnings); one with a failed obligation is not
        if not fromCache && not (isNull cachePath) && not (checks |> List.exists failed) then
            try
                Directory.CreateDirectory cacheFolder |> ignore
                writeCache cachePath key checks (LoadTiming.time "record the processes" (fun () -> ProcessCache.record parsed.Model)) notDerived
            with :? IOException | :? UnauthorizedAccessException as e ->
                warnings.Add(sprintf "the verification of %s could not be cached in %s (%s)" shown cacheFolder e.Message)
        ModelDefinition(parsed.Model, shown, contentHash, parsed.Matching, parsed.QuarkTerm, checks, notDerived, fromCache, List.ofSeq warnings)

    /// The folder of the shipped models: models/ beside the executable, or above it in a repository checkout (the
    /// folder that holds NuDM.Hybrid.sln); null when there is none.
    static member ShippedFolder : string =
        let beside = Path.Combine(AppContext.BaseDirectory, "models")
        if Directory.Exists beside then beside
        else
            let rec up (d: DirectoryInfo) =
                if isNull d then null
                elif File.Exists(Path.Combine(d.FullName, "NuDM.Hybrid.sln")) && Directory.Exists(Path.Combine(d.FullName, "models")) then Path.Combine(d.FullName, "models")
                else up d.Parent
            up (DirectoryInfo AppContext.BaseDirectory)

    /// The file a --model argument names: a path to a file, or the name of a shipped model ("scalar" or "scalar.yaml"
    /// for models/scalar.yaml). A name that is neither is returned unchanged (loading it says the file does not exist).
    static member Resolve(argument: string) : string =
        if String.IsNullOrWhiteSpace argument || File.Exists argument || Directory.Exists argument then argument
        else
            let shipped = ModelFile.ShippedFolder
            let isName = argument.IndexOfAny([| '/'; '\\' |]) < 0
            if isNull shipped || not isName then argument
            else
                let candidates = [ Path.Combine(shipped, argument); Path.Combine(shipped, argument + ".yaml") ]
                match candidates |> List.tryFind File.Exists with
                | Some f -> f
                | None -> argument

    /// Reads, checks and verifies a model file; refuses it (DataFileException naming the file, and the line and column
    /// of what is wrong) when it is malformed or an obligation FAILED (is disproven). An undecided obligation does not
    /// refuse it: the definition lists it (Undecided) with a warning each (UndecidedWarnings, also in Warnings).
    /// cacheFolder (null: no cache) keeps the verdicts of the files that load under a key of the content,
    /// programVersion and the kernel build.
    static member Load(path: string, cacheFolder: string, programVersion: string) : ModelDefinition = load path cacheFolder programVersion true

    /// Reads, checks and verifies a model file without refusing it for a failed obligation (for `nudm verify --model`,
    /// which prints them); a malformed file is still a DataFileException.
    static member Check(path: string, cacheFolder: string, programVersion: string) : ModelDefinition = load path cacheFolder programVersion false

    /// Reads and checks a model file's text without verifying it (no obligations run): the loader's syntax and
    /// structure checks only. DataFileException naming `file`, line and column on any fault.
    static member Parse(file: string, text: string) : Model = (ModelFileReader.parse file text).Model

    /// The mass dimension of an expression (infix) in a model's symbols and the process variables; DimensionException
    /// naming the term that breaks homogeneity.
    static member MassDimension(model: Model, expression: string) : float =
        match Infix.parse expression with
        | Ok e -> (Dimensions.inferWith (ModelObligations.dimensionTable model) e).ToDouble()
        | Error msg -> invalidArg "expression" msg

    /// The seeds' scalar model as a definition (the built-in SeedModel: coherent scalar matching through f_Tq).
    static member Seed : ModelDefinition = seedDefinition.Force()
