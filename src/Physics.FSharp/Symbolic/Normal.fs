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

/// A rational function num/den over a ring of kernels (symbols, functions, radicals), in normal form:
/// numerator reduced modulo the radical relations s^r = R, denominator free of square-root kernels,
/// gcd(num, den) = 1 and den with coprime integer coefficients and a positive leading coefficient.
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

/// Rational normal form with radicals, and the symbolic decision `equivalent a b`.
///
/// Algorithm. (1) Kernels are made canonical bottom-up: function arguments and symbolic exponents are put in
/// normal form; a radical R^(p/r) is rewritten from the normal form N/D of R: the square-free factors of N
/// (and of D when its sign is known) whose sign is known from the assumptions have their r-th powers taken out
/// and become separate radicals (monomials split per variable), the rest stays in one radical of a sign-
/// normalised radicand. (2) The expression becomes a rational function over the ring of all kernels (for each
/// radicand R one kernel s = R^(1/L), L the lcm of the root indices used with R). (3) Powers s^k, k ≥ L, are
/// reduced with s^L = R, outermost radicals first. (4) Square roots are removed from the denominator by
/// multiplying with the conjugate. (5) The multivariate gcd of numerator and denominator is cancelled and the
/// denominator made integer-primitive with a positive leading coefficient.
///
/// Scope. The result is a canonical form — so `equivalent` is a decision procedure — for expressions whose
/// radicals are algebraically independent over the other kernels once canonicalised (no hidden relation such
/// as sqrt((x+1)(x+2))·sqrt((x+1)(x+3)) between radicands that share a non-monomial factor); radicands are
/// taken positive (principal roots, real domain), which is the physical domain of every formula here. Cube
/// and higher roots are reduced but not rationalised out of denominators. Exponentials, logarithms,
/// exponentials are written as products of powers of exp(monomial), so exp(a + b) = exp(a)·exp(b) is
/// decided; logarithms, trigonometric and named functions are independent kernels of normalised arguments.
[<RequireQualifiedAccess>]
module Normal =
    let private lcm (a: int) (b: int) = a / (int (BigInteger.GreatestCommonDivisor(BigInteger a, BigInteger b))) * b

    /// Radicals of index above this are opaque kernels (no relation s^r = R is used for them).
    let private maxRootIndex = System.Numerics.BigInteger 64

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

        // ---- the rational function ----------------------------------------------------------------------
        member b.NormalForm(e: Expr) : NormalForm =
            match nfCache.TryGetValue e with
            | true, nf -> nf
            | _ ->
                let nf = b.Compute e
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
            let radicalKernel (r: Expr) (l: int) = Power(r, Number(Q.Create(BigInteger.One, BigInteger l)))
            let kernels =
                [ yield! atoms
                  for kv in radicals -> radicalKernel kv.Key kv.Value ]
                |> List.sortWith Order.compare
                |> Array.ofList
            let ring = PolyRing(kernels)
            let n = ring.Arity
            let one = MPoly.one n
            // rational-function arithmetic on (num, den) pairs
            let rmul (a, b) (c, d) = MPoly.mul a c, MPoly.mul b d
            let radd (a, b) (c, d) =
                if b = d then MPoly.add a c, b
                else MPoly.add (MPoly.mul a d) (MPoly.mul c b), MPoly.mul b d
            let rinv (a, b) = if MPoly.isZero a then raise DivisionByZeroInNormalForm else (b, a)
            let rpow x (k: int) =
                let (a, b) = if k < 0 then rinv x else x
                let k = abs k
                MPoly.pow a k, MPoly.pow b k
            let rec toRat e =
                match ring.IndexOf e with
                | Some i -> MPoly.variable n i, one
                | None ->
                    match e with
                    | Number q -> MPoly.constant n q, one
                    | Sum xs -> xs |> List.map toRat |> List.reduce radd
                    | Product xs -> xs |> List.map toRat |> List.reduce rmul
                    | Power(x, Number q) when q.IsInteger -> rpow (toRat x) (int q.Num)
                    | Power(r, Number q) ->
                        let l = radicals.[r]
                        let i = (ring.IndexOf(radicalKernel r l)).Value
                        let k = q * Q.OfInt l
                        rpow (MPoly.variable n i, one) (int k.Num)
                    | _ -> failwithf "Normal: unexpected non-kernel %O" e
            // radical relations s^L = R, outermost (deepest nesting) first
            let rec depth e =
                match e with
                | Power(r, Number q) when not q.IsInteger -> 1 + depth r
                | _ -> (Structure.operands e |> List.fold (fun m x -> max m (depth x)) 0)
            let relations =
                [ for kv in radicals do
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
            // remove square roots from the denominator with conjugates, outermost first
            let num, den =
                relations
                |> List.filter (fun (_, l, _, _) -> l = 2)
                |> List.fold (fun (a, b) (i, _, _, _) ->
                    if MPoly.degree i b <= 0 then a, b
                    else
                        let c0 = MPoly.coefficient i 0 b
                        let c1 = MPoly.coefficient i 1 b
                        let conj = MPoly.sub c0 (MPoly.shift i 1 c1)
                        (MPoly.mul a conj, MPoly.mul b conj) |> reduceAll |> cancel) (num, den)
            { Ring = ring; Numerator = num; Denominator = den }

    let private builderFor (assume: Assumptions) = Builder(assume)

    let private safe (f: unit -> NormalForm) (e: Expr) : NormalForm =
        try f ()
        with DivisionByZeroInNormalForm ->
            let ring = PolyRing([| ComplexInfinity |])
            { Ring = ring; Numerator = MPoly.variable 1 0; Denominator = MPoly.one 1 }

    /// The normal form of e under the given assumptions.
    [<CompiledName("NormalFormOf")>]
    let normalFormWith (assume: Assumptions) (e: Expr) : NormalForm =
        if Structure.hasSpecial e then
            let ring = PolyRing([| e |])
            { Ring = ring; Numerator = MPoly.variable 1 0; Denominator = MPoly.one 1 }
        else safe (fun () -> (builderFor assume).NormalForm e) e

    /// e in rational normal form (num/den with expanded, coprime numerator and denominator), as an expression.
    [<CompiledName("Simplify")>]
    let simplifyWith (assume: Assumptions) (e: Expr) : Expr =
        if Structure.hasSpecial e then e else (normalFormWith assume e).ToExpr()

    /// e in rational normal form without assumptions.
    [<CompiledName("Simplify")>]
    let simplify (e: Expr) : Expr = simplifyWith Assumptions.None e

    /// True when a − b has normal form 0: a symbolic decision (no numeric sampling) on the assumed domain.
    [<CompiledName("Equivalent")>]
    let equivalentWith (assume: Assumptions) (a: Expr) (b: Expr) : bool =
        if Structure.hasSpecial a || Structure.hasSpecial b then a = b
        else (normalFormWith assume (Ops.subtract a b)).IsZero

    /// equivalent without assumptions.
    [<CompiledName("Equivalent")>]
    let equivalent (a: Expr) (b: Expr) : bool = equivalentWith Assumptions.None a b

    /// True when e is the zero function on the assumed domain.
    [<CompiledName("IsZero")>]
    let isZeroWith (assume: Assumptions) (e: Expr) : bool =
        not (Structure.hasSpecial e) && (normalFormWith assume e).IsZero

    /// +1 if e is provably positive on the domain, −1 if provably negative, 0 if this cannot be decided
    /// (a sufficient test: numerator and denominator factors with all coefficients of one sign in positive
    /// kernels, or matching an assumed-positive expression).
    [<CompiledName("Sign")>]
    let signWith (assume: Assumptions) (e: Expr) : int =
        if Structure.hasSpecial e then 0 else (builderFor assume).SignOfExpr e

    /// Numerator and denominator of the normal form, as expressions.
    [<CompiledName("NumeratorDenominator")>]
    let numeratorDenominator (assume: Assumptions) (e: Expr) : Expr * Expr =
        let nf = normalFormWith assume e
        nf.NumeratorExpr, nf.DenominatorExpr
