namespace NuDM.Symbolic

open System
open System.Collections.Generic
open System.Numerics

/// Facts the normal form may use to take roots of powers and to decide signs. Physics formulas live on a
/// domain (masses and energies positive, E_ν above threshold, …); a proof states that domain here, and the
/// result holds on it.
[<NoEquality; NoComparison>]
type Assumptions =
    { /// Symbols known to be real and positive.
      PositiveSymbols: Set<string>
      /// Treat every symbol as real and positive.
      AllSymbolsPositive: bool
      /// Further expressions known to be positive on the domain (e.g. 2*M*E + 2*M^2 - m^2).
      PositiveExpressions: Expr list }

    /// No assumptions: only identities valid for all values are used (plus the convention below on radicals).
    static member None = { PositiveSymbols = Set.empty; AllSymbolsPositive = false; PositiveExpressions = [] }
    /// Every symbol is real and positive.
    static member AllPositive = { Assumptions.None with AllSymbolsPositive = true }
    /// The named symbols are real and positive.
    static member Positive(names: string seq) = { Assumptions.None with PositiveSymbols = Set.ofSeq names }
    /// Adds an expression known to be positive on the domain.
    member a.AndPositive(e: Expr) =
        match e with
        | Symbol name -> { a with PositiveSymbols = a.PositiveSymbols.Add name }
        | _ -> { a with PositiveExpressions = e :: a.PositiveExpressions }
    member a.IsPositiveSymbol(name: string) = a.AllSymbolsPositive || a.PositiveSymbols.Contains name

/// The three answers of a decision procedure of the core (Normal.equivalent, Normal.isZero).
type Verdict =
    /// The claim holds on the whole assumed domain: shown by exact computation (the normal form is 0).
    | Proven = 0
    /// The claim is false on the domain: shown exactly (a non-zero rational function of independent symbols) or
    /// by a point of the domain where outward-rounded interval arithmetic separates the two sides.
    | Disproven = 1
    /// Neither could be shown: the normal form is not 0, but no point of the domain separates the sides (the
    /// expression may involve relations between radicals or functions that the normal form does not use).
    | Undecided = 2

/// A decision of the core with the reason for it (the residual normal form, the separating point, or what could
/// not be decided).
[<NoComparison>]
type Decision =
    { Verdict: Verdict
      /// Why: e.g. "lhs − rhs has normal form 0", "at x = 0.75: lhs ∈ [..], rhs ∈ [..]".
      Reason: string }

    member d.IsProven = d.Verdict = Verdict.Proven
    member d.IsDisproven = d.Verdict = Verdict.Disproven
    member d.IsUndecided = d.Verdict = Verdict.Undecided
    override d.ToString() = sprintf "%O (%s)" d.Verdict d.Reason

/// Raised by an operation that needs a decision the core cannot make (a series whose leading coefficient may or
/// may not vanish, a candidate root that can be neither confirmed nor refuted). The decision carries the reason.
type UndecidedException(message: string, decision: Decision) =
    inherit InvalidOperationException(message)
    /// The undecided decision.
    member _.Decision = decision

/// A rational function num/den over a ring of kernels (symbols, functions, radicals), in normal form:
/// numerator reduced modulo the radical relations s^r = R, denominator free of square-root kernels wherever a
/// conjugate could be used, gcd(num, den) = 1 and den with coprime integer coefficients and a positive leading
/// coefficient.
[<NoEquality; NoComparison>]
type NormalForm =
    { Ring: PolyRing
      Numerator: MPoly
      Denominator: MPoly }

    member f.IsZero = MPoly.isZero f.Numerator
    member f.NumeratorExpr = f.Ring.ToExpr f.Numerator
    member f.DenominatorExpr = f.Ring.ToExpr f.Denominator
    member f.ToExpr() = Ops.divide (f.Ring.ToExpr f.Numerator) (f.Ring.ToExpr f.Denominator)

exception internal DivisionByZeroInNormalForm

/// Rational normal form with radicals, and the decisions `equivalent a b` and `isZero e` built on it.
///
/// Algorithm. (1) Kernels are made canonical bottom-up: function arguments and symbolic exponents are put in
/// normal form; a radical R^(p/r) is rewritten from the normal form N/D of R: the square-free factors of N
/// (and of D when its sign is known) whose sign is known from the assumptions have their r-th powers taken out
/// and become separate radicals (monomials split per variable), the rest stays in one radical of a sign-
/// normalised radicand. (2) The radicals are rewritten in a basis of multiplicatively independent ones: the
/// integer radicands are split over their coprime (gcd-free) basis, so √6 beside √2 becomes √2·√3, and the
/// radicands known to be positive that are polynomials in symbols and functions are split over their coprime
/// basis of polynomials when every basis element has a known sign (√((x+1)(x+2)) beside √(x+1) becomes
/// √(x+1)·√(x+2) for x > 0). Radicands of unknown sign are never split (√(ab) ≠ √a·√b when a, b < 0).
/// (3) The expression becomes a rational function over the ring of all kernels (for each basis radicand R one
/// kernel s = R^(1/L), L the lcm of the root indices used with R). (4) Powers s^k, k ≥ L, are reduced with
/// s^L = R, outermost radicals first. (5) Square roots are removed from the denominator by multiplying with the
/// conjugate — but only with a conjugate that is not a zero divisor: when the product reduces to 0 (a relation
/// between radicals that the basis could not express, e.g. √a·√b and √(ab) for a, b of unknown sign) that
/// radical stays in the denominator. (6) The multivariate gcd of numerator and denominator is cancelled and the
/// denominator made integer-primitive with a positive leading coefficient.
///
/// Every step is an identity on the assumed domain, so a normal form 0 proves that the expression vanishes
/// there. The converse needs the kernels to be algebraically independent, which the basis gives for integer
/// radicals, radicals of positive symbols and of known-sign polynomial radicands, but not for radicands of
/// unknown sign, cube and higher roots mixed with other relations, or functions with identities of their own
/// (sin² + cos² = 1). The decisions therefore answer in three values: Proven when the normal form is 0;
/// Disproven when the non-zero normal form is a rational function of symbols and π alone (exact), or when a
/// point of the domain is found where interval arithmetic with outward rounding separates the two sides;
/// Undecided otherwise. The point search is deterministic (a fixed pseudo-random sequence), so every decision
/// is reproducible.
///
/// Domain. Symbols are real; the assumptions make some of them (or some expressions) positive. Radicals are
/// principal real roots, defined where the radicand is non-negative, and an identity is claimed where both
/// sides are defined. Cube and higher roots are reduced but not rationalised out of denominators.
/// Exponentials are written as products of powers of exp(monomial), so exp(a + b) = exp(a)·exp(b) is decided;
/// logarithms, trigonometric and named functions are independent kernels of normalised arguments.
///
/// Bounds. One call may spend Bounds.NormalFormBudget term operations of polynomial arithmetic (Normal.WithBudget
/// chooses another budget); beyond that it throws ExpressionTooComplexException naming the sub-expression it was
/// normalising. The budget counts operations, not time, so the outcome does not depend on the machine.
[<RequireQualifiedAccess>]
module Normal =
    let private lcm (a: int) (b: int) = a / (int (BigInteger.GreatestCommonDivisor(BigInteger a, BigInteger b))) * b

    /// Radicals of index above this are opaque kernels (no relation s^r = R is used for them).
    let private maxRootIndex = System.Numerics.BigInteger 64

    /// A gcd-free basis of the elements (factor refinement): pairwise coprime elements such that every input is
    /// a product of powers of them. `gcd` must return a non-unit common divisor's canonical form; `isUnit` says
    /// when an element is trivial.
    let private coprimeBasis (isUnit: 'T -> bool) (gcd: 'T -> 'T -> 'T) (divide: 'T -> 'T -> 'T) (inputs: 'T list) : 'T list =
        let basis = ResizeArray<'T>()
        let pending = Stack<'T>(List.rev inputs)
        while pending.Count > 0 do
            let n = pending.Pop()
            if not (isUnit n) then
                WorkBudget.Spend(int64 basis.Count + 1L)
                let mutable found = -1
                let mutable g = n
                let mutable i = 0
                while found < 0 && i < basis.Count do
                    let gi = gcd basis.[i] n
                    if not (isUnit gi) then
                        found <- i
                        g <- gi
                    i <- i + 1
                if found < 0 then basis.Add n
                else
                    let b = basis.[found]
                    basis.RemoveAt found
                    pending.Push(divide n g)
                    pending.Push(divide b g)
                    pending.Push g
        List.ofSeq basis

    /// The error for a sub-expression whose normal form ran out of the work budget.
    let private tooComplex (e: Expr) =
        let text = Bounds.truncate 300 (Infix.format e)
        let budget = WorkBudget.Limit
        ExpressionTooComplexException(
            sprintf
                "expression too complex to simplify: the normal form of %s needs more than %s term operations of polynomial arithmetic (the work budget)"
                text
                (budget.ToString("N0", Globalization.CultureInfo.InvariantCulture)),
            text,
            budget)

    type private Builder(assume: Assumptions) =
        let kernelCache = Dictionary<Expr, Expr>(HashIdentity.Structural)
        let nfCache = Dictionary<Expr, NormalForm>(HashIdentity.Structural)
        let mutable assumptionForms : (Expr * int) list option = None

        // ---- signs ---------------------------------------------------------------------------------------
        member b.IsPositiveKernel(k: Expr) =
            match k with
            | Symbol s -> assume.IsPositiveSymbol s
            | Constant Pi -> true
            | Power(Number q, Number _) -> q.Sign > 0
            | Power(_, Number q) when not q.IsInteger -> true // principal root of a (positive) radicand
            | Apply(Exp, _) -> true
            | Apply(Abs, _) -> true
            | Apply(Named "BesselK", [ _; x ]) -> b.SignOfExpr x > 0
            | _ -> false

        /// Monic normal forms of the assumption expressions, with the sign that makes them positive.
        member b.AssumptionForms =
            match assumptionForms with
            | Some fs -> fs
            | None ->
                assumptionForms <- Some [] // the assumptions themselves are normalised without assumptions
                let fs =
                    assume.PositiveExpressions
                    |> List.choose (fun e ->
                        let nf = b.NormalForm e
                        if MPoly.isConstant nf.Denominator && not nf.IsZero then
                            let _, lc = MPoly.leadingTerm nf.Numerator
                            let s = lc.Sign * (MPoly.constantValue nf.Denominator).Sign
                            Some(nf.Ring.ToExpr(MPoly.monic nf.Numerator), s)
                        else None)
                assumptionForms <- Some fs
                fs

        /// +1 / −1 when the polynomial is provably positive / negative on the domain, 0 when unknown.
        member b.SignOfPoly(ring: PolyRing, p: MPoly) : int =
            if MPoly.isZero p then 0
            else
                let varsPositive = MPoly.variables p |> List.forall (fun v -> b.IsPositiveKernel ring.Variables.[v])
                let coeffs = p.Terms |> Seq.map (fun kv -> kv.Value.Sign) |> List.ofSeq
                if varsPositive && coeffs |> List.forall (fun s -> s > 0) then 1
                elif varsPositive && coeffs |> List.forall (fun s -> s < 0) then -1
                else
                    let _, lc = MPoly.leadingTerm p
                    let m = ring.ToExpr(MPoly.monic p)
                    match b.AssumptionForms |> List.tryFind (fun (e, _) -> e = m) with
                    | Some(_, s) -> s * lc.Sign
                    | None ->
                      // an assumed-positive polynomial that divides p
                      let byAssumption =
                          b.AssumptionForms
                          |> List.tryPick (fun (e, s) ->
                              match ring.TryOfExpr e with
                              | Some a when MPoly.totalDegree a > 0 ->
                                  match MPoly.tryDivide p a with
                                  | Some q -> let sq = b.SignOfPoly(ring, q) in (if sq = 0 then None else Some(s * sq))
                                  | None -> None
                              | _ -> None)
                      match byAssumption with
                      | Some s -> s
                      | None ->
                        // a product of factors of known sign
                        let c, fs = MPoly.squareFree p
                        if fs.Length <= 1 && (fs |> List.forall (fun (_, i) -> i = 1)) then 0
                        else
                            let signs = fs |> List.map (fun (f, i) -> let s = b.SignOfPoly(ring, f) in if i % 2 = 0 && s <> 0 then 1 else if i % 2 = 0 then 2 else s)
                            if signs |> List.exists (fun s -> s = 0) then 0
                            else
                                // an even power of an unknown-sign factor is non-negative but may vanish: treat as unknown
                                if signs |> List.exists (fun s -> s = 2) then 0
                                else c.Sign * (signs |> List.fold (*) 1)

        member b.SignOfExpr(e: Expr) : int =
            let nf = b.NormalForm e
            if nf.IsZero then 0
            else b.SignOfPoly(nf.Ring, nf.Numerator) * b.SignOfPoly(nf.Ring, nf.Denominator)

        // ---- canonical kernels ---------------------------------------------------------------------------
        /// The canonical radical R^(1/r) as an expression with separated known-sign factors.
        member b.PolyRoot(ring: PolyRing, p: MPoly, r: int) : Expr =
            let rQ = Ops.rational 1 r
            let radical (e: Expr) = Power(e, Number(Q.Create(BigInteger.One, BigInteger r)))
            let known = ResizeArray<Expr>()
            let mutable unknown = MPoly.one p.Arity
            // 1. monomial content, split per variable (so sqrt(x*y) and sqrt(x)*sqrt(y) coincide)
            let mono = MPoly.monomialContent p
            let p = MPoly.divideExact p (MPoly.ofMonomial p.Arity mono)
            mono.Exponents
            |> Array.iteri (fun i a ->
                if a > 0 then
                    let v = ring.Variables.[i]
                    if b.IsPositiveKernel v then
                        known.Add(Ops.pow v (Ops.integer (a / r)))
                        if a % r <> 0 then known.Add(Ops.pow (Ops.pow v rQ) (Ops.integer (a % r)))
                    else
                        let e = Array.zeroCreate p.Arity
                        e.[i] <- a
                        unknown <- MPoly.mul unknown (MPoly.ofMonomial p.Arity (Monomial e)))
            // 2. square-free parts, each made integer-primitive with a positive leading coefficient
            let c0, parts = MPoly.squareFreeParts p
            let mutable c = c0
            for (f, e) in parts do
                let q, f = MPoly.integerPrimitive f
                c <- c * Q.Pow(q, e)
                let s = b.SignOfPoly(ring, f)
                if s = 0 then unknown <- MPoly.mul unknown (MPoly.pow f e)
                else
                    let fpos = if s > 0 then f else MPoly.neg f
                    if s < 0 && e % 2 = 1 then c <- -c
                    let fe = ring.ToExpr fpos
                    known.Add(Ops.pow fe (Ops.integer (e / r)))
                    if e % r <> 0 then known.Add(Ops.pow (radical fe) (Ops.integer (e % r)))
            // 3. what is left: one radical of a sign-normalised radicand, and the numeric root
            let rest =
                if MPoly.isConstant unknown then Ops.pow (Number c) rQ
                else
                    let q, u = MPoly.integerPrimitive unknown
                    let c = c * q
                    let sc = if c.Sign < 0 then Q.MinusOne else Q.One
                    Ops.multiply (Ops.pow (Number(Q.Abs c)) rQ) (radical (ring.ToExpr(MPoly.scale sc u)))
            Ops.product (rest :: List.ofSeq known)

        /// R^(1/r) in canonical kernel form.
        member b.Root(radicand: Expr, r: int) : Expr =
            let nf = b.NormalForm radicand
            if nf.IsZero then Ops.zero
            elif MPoly.isConstant nf.Denominator then
                let d = MPoly.constantValue nf.Denominator
                b.PolyRoot(nf.Ring, MPoly.scale (Q.One / d) nf.Numerator, r)
            else
                match b.SignOfPoly(nf.Ring, nf.Denominator) with
                | 0 ->
                    // sign of the denominator unknown: keep one radical of the whole (normalised) fraction
                    Power(nf.ToExpr(), Number(Q.Create(BigInteger.One, BigInteger r)))
                | s ->
                    let sq = Q.OfInt s
                    Ops.divide (b.PolyRoot(nf.Ring, MPoly.scale sq nf.Numerator, r)) (b.PolyRoot(nf.Ring, MPoly.scale sq nf.Denominator, r))

        /// e with every kernel in canonical form.
        member b.Canon(e: Expr) : Expr =
            match e with
            | Number _ | Symbol _ | Constant _ | Undefined | PositiveInfinity | NegativeInfinity | ComplexInfinity -> e
            | Sum xs -> Ops.sum (xs |> List.map b.Canon)
            | Product xs -> Ops.product (xs |> List.map b.Canon)
            | Power(x, Number q) when q.IsInteger -> Ops.pow (b.Canon x) (Number q)
            | _ ->
                match kernelCache.TryGetValue e with
                | true, k -> k
                | _ ->
                    let k =
                        match e with
                        | Power(x, Number q) when q.Denominator <= maxRootIndex ->
                            let r = int q.Denominator
                            Ops.pow (b.Root(x, r)) (Number(Q.OfBigInt q.Num))
                        | Power(x, Number q) ->
                            // a root of enormous index (e.g. from an exact decimal exponent): an opaque kernel
                            Ops.pow (b.NormalExpr x) (Number q)
                        | Power(x, y) -> Ops.pow (b.NormalExpr x) (b.NormalExpr y)
                        | Apply(Abs, [ x ]) ->
                            let nx = b.NormalExpr x
                            match b.SignOfExpr nx with
                            | 1 -> nx
                            | -1 -> Ops.negate nx
                            | _ -> Ops.abs nx
                        | Apply(Exp, [ x ]) ->
                            // exp(Σ q_i m_i) = Π exp(m_i)^(q_i) for monomials m_i: exponentials of one
                            // monomial are the kernels, so exp(x)^3 and exp(x)·exp(2x) coincide
                            let nf = b.NormalForm x
                            if MPoly.isConstant nf.Denominator then
                                let d = MPoly.constantValue nf.Denominator
                                nf.Numerator.Terms
                                |> Seq.map (fun kv ->
                                    let m = nf.Ring.ToExpr(MPoly.ofMonomial nf.Numerator.Arity kv.Key)
                                    let q = kv.Value / d
                                    if q.Denominator <= maxRootIndex then Ops.pow (Ops.exp m) (Number q)
                                    else Ops.exp (Ops.multiply (Number q) m))
                                |> List.ofSeq
                                |> Ops.product
                            else Ops.exp (nf.ToExpr())
                        | Apply(f, xs) -> Ops.apply f (xs |> List.map b.NormalExpr)
                        | _ -> e
                    kernelCache.[e] <- k
                    k

        member b.NormalExpr(e: Expr) : Expr = (b.NormalForm e).ToExpr()

        // ---- the basis of radicals ------------------------------------------------------------------------
        /// For the radicands of an expression, the ones to rewrite over a basis of independent radicands:
        /// radicand → [(basis radicand, exponent)], meaning R = Π B_j^(e_j) with every B_j > 0 on the domain.
        /// Radicands that are themselves basis elements (or cannot be split) are absent.
        member b.RadicalBasis(radicands: Expr seq) : Dictionary<Expr, (Expr * int) list> =
            let result = Dictionary<Expr, (Expr * int) list>(HashIdentity.Structural)
            // 1. positive integers: the coprime basis (√6 beside √2 → √2·√3)
            let integers =
                radicands
                |> Seq.choose (fun r ->
                    match r with
                    | Number q when q.IsInteger && q.Num > BigInteger.One -> Some q.Num
                    | _ -> None)
                |> List.ofSeq
            if integers.Length > 1 then
                let basis =
                    coprimeBasis (fun (n: BigInteger) -> n.IsOne) (fun a c -> BigInteger.GreatestCommonDivisor(a, c)) (fun a c -> a / c) integers
                let inBasis = HashSet<BigInteger>(basis)
                for n in integers do
                    if not (inBasis.Contains n) then
                        let parts =
                            basis
                            |> List.choose (fun p ->
                                let mutable m = n
                                let mutable e = 0
                                while (BigInteger.Remainder(m, p)).IsZero do
                                    m <- m / p
                                    e <- e + 1
                                if e > 0 then Some(Number(Q.OfBigInt p), e) else None)
                        result.[Number(Q.OfBigInt n)] <- parts
            // 2. polynomials (free of radicals) known to be positive: the coprime basis of polynomials, used
            //    only when every basis element has a known sign (its radical then splits off)
            let hasRadical e =
                let rec go e =
                    match e with
                    | Power(_, Number q) when not q.IsInteger -> true
                    | _ -> Structure.operands e |> List.exists go
                go e
            let candidates =
                radicands |> Seq.filter (fun r -> match r with Number _ -> false | _ -> not (hasRadical r)) |> List.ofSeq
            let polys = if candidates.Length > 1 then candidates |> List.filter (fun r -> b.SignOfExpr r > 0) else []
            if polys.Length > 1 then
                let ring = PolyRing(polys |> List.collect Polynomial.kernels |> List.distinct |> List.sortWith Order.compare |> Array.ofList)
                let converted = polys |> List.choose (fun r -> ring.TryOfExpr r |> Option.map (fun p -> r, p))
                if converted.Length = polys.Length then
                    let isUnit (p: MPoly) = MPoly.isConstant p
                    let basis = coprimeBasis isUnit MPoly.gcd MPoly.divideExact (converted |> List.map snd)
                    // each basis element integer-primitive and positive on the domain, or no polynomial splitting
                    let oriented =
                        basis
                        |> List.map (fun f ->
                            let _, f = MPoly.integerPrimitive f
                            match b.SignOfPoly(ring, f) with
                            | 1 -> Some f
                            | -1 -> Some(MPoly.neg f)
                            | _ -> None)
                    if oriented |> List.forall Option.isSome then
                        let basis = oriented |> List.map Option.get
                        for (r, p) in converted do
                            let mutable rest = p
                            let parts = ResizeArray<Expr * int>()
                            for f in basis do
                                let mutable e = 0
                                let mutable go = true
                                while go do
                                    match MPoly.tryDivide rest f with
                                    | Some q when not (MPoly.isConstant f) ->
                                        rest <- q
                                        e <- e + 1
                                    | _ -> go <- false
                                if e > 0 then parts.Add(ring.ToExpr f, e)
                            // R = c·Π f^e with c = 1 (R and every f are primitive and positive); split only then
                            let trivial = parts.Count = 1 && snd parts.[0] = 1
                            if not trivial && MPoly.isConstant rest && MPoly.constantValue rest = Q.One then
                                result.[r] <- List.ofSeq parts
            result

        // ---- the rational function ----------------------------------------------------------------------
        member b.NormalForm(e: Expr) : NormalForm =
            match nfCache.TryGetValue e with
            | true, nf -> nf
            | _ ->
                let nf =
                    try
                        b.Compute e
                    with BudgetExhausted ->
                        raise (tooComplex e)
                nfCache.[e] <- nf
                nf

        member private b.Compute(e: Expr) : NormalForm =
            let c = b.Canon e
            // collect kernels: radicands with the lcm of their root indices, and atomic kernels
            let radicals = Dictionary<Expr, int>(HashIdentity.Structural)
            let atoms = HashSet<Expr>(HashIdentity.Structural)
            let rec collect e =
                match e with
                | Number _ -> ()
                | Sum xs | Product xs -> xs |> List.iter collect
                | Power(x, Number q) when q.IsInteger -> collect x
                | Power(_, Number q) when q.Denominator > maxRootIndex -> atoms.Add e |> ignore
                | Power(r, Number q) ->
                    let d = int q.Denominator
                    match radicals.TryGetValue r with
                    | true, l -> radicals.[r] <- lcm l d
                    | _ ->
                        radicals.[r] <- d
                        collect r
                | _ -> atoms.Add e |> ignore
            collect c
            // rewrite the radicals over a basis of independent ones; each kernel radicand gets the lcm of the
            // root indices it is needed with
            let decomposition = b.RadicalBasis radicals.Keys
            let kernelIndex = Dictionary<Expr, int>(HashIdentity.Structural)
            let need (r: Expr) (d: int) =
                kernelIndex.[r] <- (match kernelIndex.TryGetValue r with | true, l -> lcm l d | _ -> d)
            for kv in radicals do
                match decomposition.TryGetValue kv.Key with
                | true, parts ->
                    for (basisRadicand, ex) in parts do
                        need basisRadicand (int (Q.Create(BigInteger ex, BigInteger kv.Value)).Denominator)
                | _ -> need kv.Key kv.Value
            let radicalKernel (r: Expr) (l: int) = Power(r, Number(Q.Create(BigInteger.One, BigInteger l)))
            let kernels =
                [ yield! atoms
                  for kv in kernelIndex -> radicalKernel kv.Key kv.Value ]
                |> List.sortWith Order.compare
                |> Array.ofList
            let ring = PolyRing(kernels)
            let n = ring.Arity
            let one = MPoly.one n
            // rational-function arithmetic on (num, den) pairs
            let rmul (a, b) (c, d) = MPoly.mul a c, MPoly.mul b d
            let radd (a, b) (c, d) =
                if b = d then MPoly.add a c, b
                elif MPoly.isConstant b && MPoly.isConstant d then
                    MPoly.add (MPoly.scale (Q.One / MPoly.constantValue b) a) (MPoly.scale (Q.One / MPoly.constantValue d) c), one
                else
                    // denominators equal up to a constant (2·D and D in an expanded sum) share it: multiplying them
                    // would square the denominator at every such term
                    let mb, md = MPoly.monic b, MPoly.monic d
                    if mb = md then
                        let _, lb = MPoly.leadingTerm b
                        let _, ld = MPoly.leadingTerm d
                        MPoly.add (MPoly.scale (Q.One / lb) a) (MPoly.scale (Q.One / ld) c), mb
                    else MPoly.add (MPoly.mul a d) (MPoly.mul c b), MPoly.mul b d
            // a sum of rational functions in a ring without radicals: the terms over one denominator (up to a
            // constant factor) are added first, then the distinct denominators are combined over their least common
            // multiple. The fold of radd multiplies every new denominator into the running one, so a sum of many
            // terms over a few denominators (a trace over propagators) grows a denominator of enormous degree that
            // the final gcd must then cancel. The result after `cancel` is the same: num/den in lowest terms with an
            // integer-primitive denominator of positive leading coefficient is unique for a rational function of
            // independent kernels. (With radicals, the representation before the reductions could matter, so
            // those sums keep radd.)
            let rsum (parts: (MPoly * MPoly) list) =
                match parts with
                | [ x ] -> x
                | _ ->
                    let groups = Dictionary<MPoly, MPoly>(HashIdentity.Structural)
                    let order = ResizeArray<MPoly>()
                    for (a, b) in parts do
                        let key, num =
                            if MPoly.isConstant b then one, MPoly.scale (Q.One / MPoly.constantValue b) a
                            else
                                let _, lb = MPoly.leadingTerm b
                                MPoly.monic b, MPoly.scale (Q.One / lb) a
                        match groups.TryGetValue key with
                        | true, acc -> groups.[key] <- MPoly.add acc num
                        | _ ->
                            groups.[key] <- num
                            order.Add key
                    let combine (a, b) (c, d) =
                        if MPoly.isConstant b then MPoly.add (MPoly.mul a d) c, d
                        elif MPoly.isConstant d then MPoly.add a (MPoly.mul c b), b
                        else
                            match MPoly.tryDivide d b with
                            | Some q -> MPoly.add (MPoly.mul a q) c, d
                            | None ->
                                match MPoly.tryDivide b d with
                                | Some q -> MPoly.add a (MPoly.mul c q), b
                                | None ->
                                    let g = MPoly.gcd b d
                                    if MPoly.isConstant g then MPoly.add (MPoly.mul a d) (MPoly.mul c b), MPoly.mul b d
                                    else
                                        let b', d' = MPoly.divideExact b g, MPoly.divideExact d g
                                        MPoly.add (MPoly.mul a d') (MPoly.mul c b'), MPoly.mul b' d
                    order |> Seq.map (fun k -> groups.[k], k) |> Seq.reduce combine
            let radicalFree = kernelIndex.Count = 0
            let rinv (a, b) = if MPoly.isZero a then raise DivisionByZeroInNormalForm else (b, a)
            let rpow x (k: int) =
                let (a, b) = if k < 0 then rinv x else x
                let k = abs k
                MPoly.pow a k, MPoly.pow b k
            let kernelPower (r: Expr) (q: Q) =
                // r^q = (r^(1/L))^(q·L) for the kernel r^(1/L)
                let l = kernelIndex.[r]
                let i = (ring.IndexOf(radicalKernel r l)).Value
                let k = q * Q.OfInt l
                rpow (MPoly.variable n i, one) (int k.Num)
            let rec toRat e =
                match ring.IndexOf e with
                | Some i -> MPoly.variable n i, one
                | None ->
                    match e with
                    | Number q -> MPoly.constant n q, one
                    | Sum xs -> if radicalFree then xs |> List.map toRat |> rsum else xs |> List.map toRat |> List.reduce radd
                    | Product xs -> xs |> List.map toRat |> List.reduce rmul
                    | Power(x, Number q) when q.IsInteger -> rpow (toRat x) (int q.Num)
                    | Power(r, Number q) ->
                        match decomposition.TryGetValue r with
                        | true, parts ->
                            // R^q = Π B_j^(e_j·q)
                            parts |> List.map (fun (br, ex) -> kernelPower br (q * Q.OfInt ex)) |> List.reduce rmul
                        | _ -> kernelPower r q
                    | _ -> failwithf "Normal: unexpected non-kernel %O" e
            // radical relations s^L = R, outermost (deepest nesting) first
            let rec depth e =
                match e with
                | Power(r, Number q) when not q.IsInteger -> 1 + depth r
                | _ -> (Structure.operands e |> List.fold (fun m x -> max m (depth x)) 0)
            let relations =
                [ for kv in kernelIndex do
                      let i = (ring.IndexOf(radicalKernel kv.Key kv.Value)).Value
                      yield i, kv.Value, toRat kv.Key, depth kv.Key ]
                |> List.sortByDescending (fun (_, _, _, d) -> d)
            let reducePoly (i: int) (l: int) (rn: MPoly, rd: MPoly) (p: MPoly) =
                let cs = MPoly.coefficientsIn i p
                let maxQ = cs |> List.fold (fun m (k, _) -> max m (k / l)) 0
                if maxQ = 0 then p, one
                else
                    let terms =
                        cs
                        |> List.map (fun (k, ck) ->
                            let q = k / l
                            MPoly.mul (MPoly.shift i (k % l) ck) (MPoly.mul (MPoly.pow rn q) (MPoly.pow rd (maxQ - q))))
                    (terms |> List.fold MPoly.add (MPoly.zero n)), MPoly.pow rd maxQ
            let reduceAll (num: MPoly, den: MPoly) =
                relations
                |> List.fold (fun (a, b) (i, l, rel, _) ->
                    let a', da = reducePoly i l rel a
                    let b', db = reducePoly i l rel b
                    MPoly.mul a' db, MPoly.mul b' da) (num, den)
            let cancel (a: MPoly, b: MPoly) =
                if MPoly.isZero a then MPoly.zero n, one
                else
                    let g = MPoly.gcd a b
                    let a, b = MPoly.divideExact a g, MPoly.divideExact b g
                    // denominator: coprime integer coefficients, positive leading coefficient
                    let q, b = MPoly.integerPrimitive b
                    MPoly.scale (Q.One / q) a, b
            let num, den = toRat c |> reduceAll |> cancel
            // remove square roots from the denominator with conjugates, outermost first; a conjugate whose
            // product with the denominator reduces to 0 is a zero divisor (a relation between radicals the basis
            // does not express) and is not used: multiplying by it would turn a finite value into 0/0. The gcd is
            // cancelled once at the end (the result is the same: numerator and denominator in lowest terms with a
            // denominator free of the square roots is unique), which is much cheaper than after every step.
            let num, den =
                relations
                |> List.filter (fun (_, l, _, _) -> l = 2)
                |> List.fold (fun (a, b) (i, _, _, _) ->
                    if MPoly.degree i b <= 0 then a, b
                    else
                        let c0 = MPoly.coefficient i 0 b
                        let c1 = MPoly.coefficient i 1 b
                        let conj = MPoly.sub c0 (MPoly.shift i 1 c1)
                        let a', b' = (MPoly.mul a conj, MPoly.mul b conj) |> reduceAll
                        if MPoly.isZero b' then a, b else (a', b')) (num, den)
                |> cancel
            { Ring = ring; Numerator = num; Denominator = den }

    let private builderFor (assume: Assumptions) = Builder(assume)

    /// Runs f under the work budget; the budget running out outside a named sub-expression names e.
    let private budgeted (e: Expr) (f: unit -> 'T) : 'T =
        WorkBudget.Run(Bounds.NormalFormBudget, fun () ->
            try f ()
            with BudgetExhausted -> raise (tooComplex e))

    /// Runs f with a work budget of `budget` term operations for every normal form computed inside it (together,
    /// not each): a caller that must answer quickly can choose less than Bounds.NormalFormBudget, one that can wait
    /// more. When a budget is already running on this thread (an outer WithBudget), that one stays in force.
    [<CompiledName("WithBudget")>]
    let withBudget (budget: int64) (f: Func<'T>) : 'T =
        if budget <= 0L then
            raise (ArgumentOutOfRangeException("budget", budget, "the work budget must be a positive number of term operations"))
        if isNull f then nullArg "f"
        WorkBudget.Run(budget, fun () ->
            try f.Invoke()
            with BudgetExhausted ->
                // spent by polynomial arithmetic called directly (not through a normal form, which names its expression)
                let limit = WorkBudget.Limit.ToString("N0", Globalization.CultureInfo.InvariantCulture)
                raise (
                    ExpressionTooComplexException(
                        sprintf "too complex: the work budget of %s term operations of polynomial arithmetic is spent" limit,
                        "",
                        WorkBudget.Limit)))

    let private safe (f: unit -> NormalForm) (e: Expr) : NormalForm =
        try f ()
        with DivisionByZeroInNormalForm ->
            let ring = PolyRing([| ComplexInfinity |])
            { Ring = ring; Numerator = MPoly.variable 1 0; Denominator = MPoly.one 1 }

    /// The normal form of e under the given assumptions. Throws ExpressionTooComplexException when the work
    /// budget (Bounds.NormalFormBudget) is spent.
    [<CompiledName("NormalFormOf")>]
    let normalFormWith (assume: Assumptions) (e: Expr) : NormalForm =
        if Structure.hasSpecial e then
            let ring = PolyRing([| e |])
            { Ring = ring; Numerator = MPoly.variable 1 0; Denominator = MPoly.one 1 }
        else budgeted e (fun () -> safe (fun () -> (builderFor assume).NormalForm e) e)

    /// e in rational normal form (num/den with expanded, coprime numerator and denominator), as an expression.
    /// isZeroWith assume e is Proven exactly when this is 0.
    [<CompiledName("Simplify")>]
    let simplifyWith (assume: Assumptions) (e: Expr) : Expr =
        if Structure.hasSpecial e then e else (normalFormWith assume e).ToExpr()

    /// e in rational normal form without assumptions.
    [<CompiledName("Simplify")>]
    let simplify (e: Expr) : Expr = simplifyWith Assumptions.None e

    // ---- decisions ------------------------------------------------------------------------------------------
    let private decision (v: Verdict) (reason: string) = { Verdict = v; Reason = reason }
    let private show (e: Expr) = Bounds.truncate 200 (Infix.format e)

    /// The seed of the deterministic witness search, and how many points it tries.
    let private witnessSeed = 20181024
    let private witnessPoints = 48

    /// A point of the domain (assumptions satisfied, provably) among the first `points` sample points (fixed seed: the
    /// same points in the same order for every caller) where `accept` holds for the enclosures of the expressions, with
    /// those enclosures. Also the search of Check (a user's own claims), with more points.
    let internal findWitnessAmong (points: int) (assume: Assumptions) (exprs: Expr list) (accept: Interval list -> bool) =
        let symbols =
            (exprs @ assume.PositiveExpressions) |> List.collect Structure.symbols |> List.distinct |> Array.ofList
        Enclosure.samplePoints symbols assume.IsPositiveSymbol points witnessSeed
        |> Seq.tryPick (fun point ->
            let value (s: string) =
                match point.TryGetValue s with
                | true, v -> ValueSome v
                | _ -> ValueNone
            let inDomain = assume.PositiveExpressions |> List.forall (fun c -> (Enclosure.enclose value c).IsPositive)
            if not inDomain then None
            else
                let intervals = exprs |> List.map (Enclosure.enclose value)
                if accept intervals then Some(point, intervals) else None)

    let private findWitness assume exprs accept = findWitnessAmong witnessPoints assume exprs accept

    /// True when the numerator's kernels are symbols and π only: a non-zero polynomial in independent
    /// transcendentals is a non-zero function on every non-empty open domain.
    let private exactlyNonZero (nf: NormalForm) =
        MPoly.variables nf.Numerator
        |> List.forall (fun v ->
            match nf.Ring.Variables.[v] with
            | Symbol _ | Constant Pi -> true
            | _ -> false)

    /// Is e the zero function on the assumed domain? Proven when its normal form is 0; Disproven when the
    /// normal form is a non-zero rational function of symbols and π, or at a point of the domain where e is
    /// provably non-zero (interval arithmetic); Undecided otherwise. simplifyWith assume e = 0 exactly when this
    /// is Proven. Throws ExpressionTooComplexException when the work budget is spent.
    [<CompiledName("IsZero")>]
    let isZeroWith (assume: Assumptions) (e: Expr) : Decision =
        if Structure.hasSpecial e then
            match e with
            | PositiveInfinity | NegativeInfinity | ComplexInfinity -> decision Verdict.Disproven (sprintf "%s is infinite" (show e))
            | _ -> decision Verdict.Undecided (sprintf "%s contains undefined or infinite parts" (show e))
        else
            let nf = normalFormWith assume e
            if nf.IsZero then decision Verdict.Proven "the normal form is 0"
            elif exactlyNonZero nf then
                decision Verdict.Disproven (sprintf "the normal form %s is a non-zero rational function of independent symbols" (show (nf.ToExpr())))
            else
                match findWitness assume [ e ] (fun iv -> iv.Head.ExcludesZero) with
                | Some(point, iv) ->
                    decision Verdict.Disproven (sprintf "at %s the value lies in %O, which excludes 0" (Enclosure.describePoint point) iv.Head)
                | None ->
                    decision
                        Verdict.Undecided
                        (sprintf "the normal form %s is not 0, but no point of the domain was found where the value is provably non-zero" (show (nf.ToExpr())))

    /// isZeroWith without assumptions.
    [<CompiledName("IsZero")>]
    let isZero (e: Expr) : Decision = isZeroWith Assumptions.None e

    /// Is a ≡ b on the assumed domain? Proven when a − b has normal form 0 (a symbolic decision, no sampling);
    /// Disproven when that normal form is a non-zero rational function of symbols and π, or at a point of the
    /// domain where interval arithmetic separates a and b; Undecided otherwise. Agrees with isZeroWith (a − b)
    /// and simplifyWith: Proven exactly when simplifyWith assume (a − b) = 0.
    [<CompiledName("Equivalent")>]
    let equivalentWith (assume: Assumptions) (a: Expr) (b: Expr) : Decision =
        if a = b then decision Verdict.Proven "identical canonical forms"
        elif Structure.hasSpecial a || Structure.hasSpecial b then
            let isInfinity e = match e with PositiveInfinity | NegativeInfinity | ComplexInfinity -> true | _ -> false
            // finite: free of special values, and still so once normalised — c/((1 + √2)(1 + √3) − 1 − √2 − √3 − √6)
            // has no special part as written, but its denominator is 0, so it is as undefined as complexinf
            let finite e =
                not (Structure.hasSpecial e)
                && (try not (Structure.hasSpecial (simplifyWith assume e)) with :? ExpressionTooComplexException -> false)
            if (isInfinity a && (isInfinity b || finite b)) || (isInfinity b && finite a) then
                decision Verdict.Disproven (sprintf "%s and %s differ (infinite against different)" (show a) (show b))
            else decision Verdict.Undecided (sprintf "%s or %s contains undefined parts" (show a) (show b))
        else
            let nf = normalFormWith assume (Ops.subtract a b)
            if nf.IsZero then decision Verdict.Proven "lhs − rhs has normal form 0"
            elif exactlyNonZero nf then
                decision Verdict.Disproven (sprintf "lhs − rhs has normal form %s, a non-zero rational function of independent symbols" (show (nf.ToExpr())))
            else
                let separated (iv: Interval list) =
                    match iv with
                    | [ x; y ] -> x.IsValid && y.IsValid && (x.Hi < y.Lo || y.Hi < x.Lo)
                    | _ -> false
                match findWitness assume [ a; b ] separated with
                | Some(point, iv) ->
                    decision Verdict.Disproven (sprintf "at %s: lhs ∈ %O, rhs ∈ %O" (Enclosure.describePoint point) iv.[0] iv.[1])
                | None ->
                    decision
                        Verdict.Undecided
                        (sprintf "lhs − rhs has normal form %s ≠ 0, but no point of the domain was found where the sides provably differ" (show (nf.ToExpr())))

    /// equivalentWith without assumptions.
    [<CompiledName("Equivalent")>]
    let equivalent (a: Expr) (b: Expr) : Decision = equivalentWith Assumptions.None a b

    /// +1 if e is provably positive on the domain, −1 if provably negative, 0 if this cannot be decided
    /// (a sufficient test: numerator and denominator factors with all coefficients of one sign in positive
    /// kernels, or matching an assumed-positive expression).
    [<CompiledName("Sign")>]
    let signWith (assume: Assumptions) (e: Expr) : int =
        if Structure.hasSpecial e then 0 else budgeted e (fun () -> (builderFor assume).SignOfExpr e)

    /// Is e > 0 on the whole assumed domain? Proven when signWith gives +1; Disproven when it gives −1, when e is
    /// identically 0, or at a point of the domain where e ≤ 0 (interval arithmetic); Undecided otherwise (the
    /// sign test is sufficient, not complete).
    [<CompiledName("IsPositive")>]
    let isPositiveWith (assume: Assumptions) (e: Expr) : Decision =
        if Structure.hasSpecial e then decision Verdict.Undecided (sprintf "%s contains undefined or infinite parts" (show e))
        else
            match signWith assume e with
            | 1 -> decision Verdict.Proven "provably positive (sign of every factor known)"
            | -1 -> decision Verdict.Disproven "provably negative"
            | _ ->
                if (normalFormWith assume e).IsZero then decision Verdict.Disproven "identically 0"
                else
                    match findWitness assume [ e ] (fun iv -> iv.Head.IsValid && iv.Head.Hi <= 0.0) with
                    | Some(point, iv) ->
                        decision Verdict.Disproven (sprintf "at %s the value lies in %O, which is ≤ 0" (Enclosure.describePoint point) iv.Head)
                    | None -> decision Verdict.Undecided "the sign test could not show positivity, and no point of the domain with a value ≤ 0 was found"

    /// Numerator and denominator of the normal form, as expressions.
    [<CompiledName("NumeratorDenominator")>]
    let numeratorDenominator (assume: Assumptions) (e: Expr) : Expr * Expr =
        let nf = normalFormWith assume e
        nf.NumeratorExpr, nf.DenominatorExpr
