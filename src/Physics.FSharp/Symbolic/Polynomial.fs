namespace NuDM.Symbolic

open System
open System.Collections.Generic
open System.Numerics

/// An exponent vector (one entry per ring variable), ordered lexicographically (variable 0 most significant).
[<Struct; CustomEquality; CustomComparison>]
type Monomial =
    val Exponents: int[]
    new(e: int[]) = { Exponents = e }

    member m.Degree(v: int) = m.Exponents.[v]
    member m.TotalDegree = Array.sum m.Exponents

    override m.Equals(o: obj) =
        match o with
        | :? Monomial as n -> (m :> IEquatable<Monomial>).Equals n
        | _ -> false

    override m.GetHashCode() =
        let mutable h = 17
        for e in m.Exponents do h <- h * 31 + e
        h

    interface IEquatable<Monomial> with
        member m.Equals(n: Monomial) =
            let a, b = m.Exponents, n.Exponents
            a.Length = b.Length && Array.forall2 (=) a b

    interface IComparable<Monomial> with
        member m.CompareTo(n: Monomial) =
            let a, b = m.Exponents, n.Exponents
            let mutable i = 0
            let mutable c = 0
            while c = 0 && i < a.Length do
                c <- compare a.[i] b.[i]
                i <- i + 1
            c

    interface IComparable with
        member m.CompareTo(o: obj) = (m :> IComparable<Monomial>).CompareTo(o :?> Monomial)

/// A sparse multivariate polynomial with exact rational coefficients in `Arity` ring variables. The variables
/// themselves (symbols or opaque kernels) are held by the caller; zero coefficients are never stored.
[<CustomEquality; NoComparison>]
type MPoly =
    { Arity: int
      Terms: Map<Monomial, Q> }

    override p.Equals(o: obj) =
        match o with
        | :? MPoly as q -> p.Arity = q.Arity && p.Terms = q.Terms
        | _ -> false

    override p.GetHashCode() = hash (p.Arity, p.Terms.Count)

/// Arithmetic, division and GCD of multivariate polynomials over Q.
///
/// gcd uses the recursive view (a polynomial in one variable with coefficients that are polynomials in the
/// others) and the primitive polynomial remainder sequence: contents are split off recursively, primitive parts
/// are reduced by pseudo-remainders made primitive at each step. Results are normalised monic (leading
/// coefficient 1 in lexicographic order), which makes them unique because Q is a field.
[<RequireQualifiedAccess>]
module MPoly =
    let zero n : MPoly = { Arity = n; Terms = Map.empty }
    let private unitMono n = Monomial(Array.zeroCreate n)
    let constant n (q: Q) : MPoly = if q.IsZero then zero n else { Arity = n; Terms = Map.ofList [ unitMono n, q ] }
    let one n = constant n Q.One
    let variable n (i: int) : MPoly =
        let e = Array.zeroCreate n
        e.[i] <- 1
        { Arity = n; Terms = Map.ofList [ Monomial e, Q.One ] }

    let isZero (p: MPoly) = p.Terms.IsEmpty
    let isConstant (p: MPoly) = p.Terms |> Map.forall (fun m _ -> m.TotalDegree = 0)
    let constantValue (p: MPoly) : Q =
        match Map.tryFind (unitMono p.Arity) p.Terms with
        | Some q -> q
        | None -> Q.Zero

    let private addTerm (acc: Dictionary<Monomial, Q>) (m: Monomial) (q: Q) =
        match acc.TryGetValue m with
        | true, v ->
            let s = v + q
            if s.IsZero then acc.Remove m |> ignore else acc.[m] <- s
        | _ -> if not q.IsZero then acc.[m] <- q

    let private ofDictionary n (d: Dictionary<Monomial, Q>) : MPoly =
        { Arity = n; Terms = d |> Seq.map (fun kv -> kv.Key, kv.Value) |> Map.ofSeq }

    let add (a: MPoly) (b: MPoly) : MPoly =
        if isZero a then b
        elif isZero b then a
        else
            WorkBudget.Spend(int64 b.Terms.Count)
            let mutable t = a.Terms
            for KeyValue(m, q) in b.Terms do
                match Map.tryFind m t with
                | Some v ->
                    let s = v + q
                    t <- if s.IsZero then Map.remove m t else Map.add m s t
                | None -> t <- Map.add m q t
            { a with Terms = t }

    let scale (q: Q) (p: MPoly) : MPoly =
        if q.IsZero then zero p.Arity
        elif q.IsOne then p
        else
            WorkBudget.Spend(int64 p.Terms.Count)
            { p with Terms = p.Terms |> Map.map (fun _ c -> c * q) }

    let neg (p: MPoly) = scale Q.MinusOne p
    let sub (a: MPoly) (b: MPoly) = add a (neg b)

    let private mulMono (a: Monomial) (b: Monomial) = Monomial(Array.map2 (+) a.Exponents b.Exponents)

    let mul (a: MPoly) (b: MPoly) : MPoly =
        if isZero a || isZero b then zero a.Arity
        else
            WorkBudget.Spend(int64 a.Terms.Count * int64 b.Terms.Count)
            let acc = Dictionary<Monomial, Q>()
            for KeyValue(ma, qa) in a.Terms do
                for KeyValue(mb, qb) in b.Terms do
                    addTerm acc (mulMono ma mb) (qa * qb)
            ofDictionary a.Arity acc

    let rec pow (p: MPoly) (k: int) : MPoly =
        if k < 0 then invalidArg "k" "MPoly.pow: the exponent must be ≥ 0"
        elif k = 0 then one p.Arity
        elif k = 1 then p
        else
            let h = pow p (k / 2)
            let h2 = mul h h
            if k % 2 = 0 then h2 else mul h2 p

    /// Multiplies by x_v^k.
    let shift (v: int) (k: int) (p: MPoly) : MPoly =
        if k = 0 then p
        else
            { p with
                Terms =
                    p.Terms
                    |> Seq.map (fun kv ->
                        let e = Array.copy kv.Key.Exponents
                        e.[v] <- e.[v] + k
                        Monomial e, kv.Value)
                    |> Map.ofSeq }

    /// Degree in variable v (−1 for the zero polynomial).
    let degree (v: int) (p: MPoly) : int =
        if isZero p then -1 else p.Terms |> Seq.map (fun kv -> kv.Key.Exponents.[v]) |> Seq.max

    let totalDegree (p: MPoly) = if isZero p then -1 else p.Terms |> Seq.map (fun kv -> kv.Key.TotalDegree) |> Seq.max

    /// The variables that occur in p.
    let variables (p: MPoly) : int list =
        [ for v in 0 .. p.Arity - 1 do
              if p.Terms |> Seq.exists (fun kv -> kv.Key.Exponents.[v] > 0) then v ]

    /// Coefficients of p seen as a polynomial in x_v: (k, c_k) pairs with c_k free of x_v, highest k first.
    let coefficientsIn (v: int) (p: MPoly) : (int * MPoly) list =
        p.Terms
        |> Seq.groupBy (fun kv -> kv.Key.Exponents.[v])
        |> Seq.map (fun (k, kvs) ->
            let t =
                kvs
                |> Seq.map (fun kv ->
                    let e = Array.copy kv.Key.Exponents
                    e.[v] <- 0
                    Monomial e, kv.Value)
                |> Map.ofSeq
            k, { Arity = p.Arity; Terms = t })
        |> Seq.sortByDescending fst
        |> List.ofSeq

    /// The coefficient of x_v^k (free of x_v).
    let coefficient (v: int) (k: int) (p: MPoly) : MPoly =
        coefficientsIn v p |> List.tryFind (fun (d, _) -> d = k) |> Option.map snd |> Option.defaultValue (zero p.Arity)

    /// Leading coefficient in x_v.
    let leadingCoefficientIn (v: int) (p: MPoly) : MPoly =
        match coefficientsIn v p with
        | (_, c) :: _ -> c
        | [] -> zero p.Arity

    /// Leading term in lexicographic order.
    let leadingTerm (p: MPoly) : Monomial * Q =
        if isZero p then invalidArg "p" "the zero polynomial has no leading term"
        let kv = p.Terms |> Seq.last
        kv.Key, kv.Value

    /// Scales p so that its lexicographic leading coefficient is 1 (zero stays zero).
    let monic (p: MPoly) : MPoly =
        if isZero p then p
        else
            let _, c = leadingTerm p
            scale (Q.One / c) p

    let private divides (a: Monomial) (b: Monomial) = Array.forall2 (<=) a.Exponents b.Exponents

    /// Exact division a / b, or None when b does not divide a.
    let tryDivide (a: MPoly) (b: MPoly) : MPoly option =
        if isZero b then raise (DivideByZeroException "MPoly.tryDivide: division by the zero polynomial")
        elif isZero a then Some(zero a.Arity)
        elif isConstant b then Some(scale (Q.One / constantValue b) a)
        else
            let lmB, lcB = leadingTerm b
            let rec go (r: MPoly) (qacc: Dictionary<Monomial, Q>) =
                if isZero r then Some(ofDictionary a.Arity qacc)
                else
                    let lm, lc = leadingTerm r
                    if not (divides lmB lm) then None
                    else
                        let qm = Monomial(Array.map2 (-) lm.Exponents lmB.Exponents)
                        let qc = lc / lcB
                        addTerm qacc qm qc
                        let t = { Arity = a.Arity; Terms = Map.ofList [ qm, qc ] }
                        go (sub r (mul t b)) qacc
            go a (Dictionary())

    let divideExact (a: MPoly) (b: MPoly) : MPoly =
        match tryDivide a b with
        | Some q -> q
        | None -> invalidOp "MPoly.divideExact: the divisor does not divide the dividend"

    /// Pseudo-remainder of a by b with respect to x_v: lc_v(b)^(deg a − deg b + 1) · a mod b.
    let pseudoRemainder (v: int) (a: MPoly) (b: MPoly) : MPoly =
        let db = degree v b
        if db < 0 then raise (DivideByZeroException "pseudoRemainder by zero")
        let lcb = leadingCoefficientIn v b
        let mutable r = a
        let mutable n = degree v a - db + 1
        while not (isZero r) && degree v r >= db do
            let dr = degree v r
            let lcr = leadingCoefficientIn v r
            r <- sub (mul lcb r) (shift v (dr - db) (mul lcr b))
            n <- n - 1
        if n > 0 then mul (pow lcb n) r else r

    /// Derivative with respect to x_v.
    let derivative (v: int) (p: MPoly) : MPoly =
        let acc = Dictionary<Monomial, Q>()
        for KeyValue(m, q) in p.Terms do
            let k = m.Exponents.[v]
            if k > 0 then
                let e = Array.copy m.Exponents
                e.[v] <- k - 1
                addTerm acc (Monomial e) (q * Q.OfInt k)
        ofDictionary p.Arity acc

    /// The largest monomial dividing every term (exponent-wise minimum).
    let monomialContent (p: MPoly) : Monomial =
        if isZero p then Monomial(Array.zeroCreate p.Arity)
        else
            p.Terms
            |> Seq.map (fun kv -> kv.Key.Exponents)
            |> Seq.reduce (Array.map2 min)
            |> Monomial

    let ofMonomial n (m: Monomial) : MPoly = { Arity = n; Terms = Map.ofList [ m, Q.One ] }

    /// Greatest common divisor, normalised monic; gcd(0, 0) = 0.
    let rec gcd (a: MPoly) (b: MPoly) : MPoly =
        if isZero a then monic b
        elif isZero b then monic a
        elif isConstant a || isConstant b then one a.Arity
        else
            // split off common monomial content first (cheap and frequent)
            let ma, mb = monomialContent a, monomialContent b
            let mg = Monomial(Array.map2 min ma.Exponents mb.Exponents)
            let a' = divideExact a (ofMonomial a.Arity ma)
            let b' = divideExact b (ofMonomial b.Arity mb)
            let g = gcdNoMonomial a' b'
            mul (ofMonomial a.Arity mg) g |> monic

    and private gcdNoMonomial (a: MPoly) (b: MPoly) : MPoly =
        if isConstant a || isConstant b then one a.Arity
        else
            let va, vb = variables a, variables b
            let onlyA = va |> List.filter (fun v -> not (List.contains v vb))
            let onlyB = vb |> List.filter (fun v -> not (List.contains v va))
            // a variable in one polynomial only cannot occur in the gcd: gcd(a, b) = gcd(b, c_1, …, c_k) for the
            // coefficients c_i of a in those variables (much smaller problems than the PRS in all variables)
            if not onlyA.IsEmpty then gcdWithCoefficients b onlyA a
            elif not onlyB.IsEmpty then gcdWithCoefficients a onlyB b
            else
                // recurse on a variable present in both; if none is shared the gcd is a constant
                match va |> List.filter (fun v -> List.contains v vb) with
                | [] -> one a.Arity
                | shared ->
                    // main variable: the shared one with the smallest maximal degree keeps the PRS short
                    let v = shared |> List.minBy (fun v -> max (degree v a) (degree v b))
                    let ca, pa = contentAndPrimitive v a
                    let cb, pb = contentAndPrimitive v b
                    let c = gcd ca cb
                    let g = primitivePrs v pa pb
                    mul c g |> monic

    /// gcd(b, p) for p with variables `extra` that b does not have: the gcd of b and of the coefficients of p
    /// seen as a polynomial in `extra`, smallest first, stopping as soon as it is a constant.
    and private gcdWithCoefficients (b: MPoly) (extra: int list) (p: MPoly) : MPoly =
        let groups = Dictionary<Monomial, Dictionary<Monomial, Q>>()
        for KeyValue(m, q) in p.Terms do
            let outer = Array.zeroCreate p.Arity
            let inner = Array.copy m.Exponents
            for v in extra do
                outer.[v] <- inner.[v]
                inner.[v] <- 0
            let key = Monomial outer
            match groups.TryGetValue key with
            | true, d -> d.[Monomial inner] <- q
            | _ ->
                let d = Dictionary<Monomial, Q>()
                d.[Monomial inner] <- q
                groups.[key] <- d
        let coefficients =
            groups.Values |> Seq.map (fun d -> ofDictionary p.Arity d) |> Seq.sortBy (fun c -> c.Terms.Count) |> List.ofSeq
        let rec fold (g: MPoly) (cs: MPoly list) =
            match cs with
            | [] -> g
            | _ when isConstant g -> one p.Arity
            | c :: rest -> fold (gcd g c) rest
        fold b coefficients |> monic

    /// Content (gcd of the coefficients in x_v) and primitive part.
    and contentAndPrimitive (v: int) (p: MPoly) : MPoly * MPoly =
        if isZero p then zero p.Arity, p
        else
            let coeffs = coefficientsIn v p |> List.map snd
            let c = coeffs |> List.fold (fun acc k -> if isConstant acc && not (isZero acc) then acc else gcd acc k) (zero p.Arity)
            let c = if isZero c then one p.Arity else c
            c, divideExact p c

    /// gcd of two polynomials primitive in x_v by the subresultant PRS (Brown–Collins; Cohen, "A Course in
    /// Computational Algebraic Number Theory", Alg. 3.3.1): only exact divisions between the first and the last
    /// step, so no content (a recursive gcd) is computed inside the loop.
    and private primitivePrs (v: int) (a: MPoly) (b: MPoly) : MPoly =
        let a, b = if degree v a >= degree v b then a, b else b, a
        let n = a.Arity
        let rec go (a: MPoly) (b: MPoly) (g: MPoly) (h: MPoly) =
            let delta = degree v a - degree v b
            let r = pseudoRemainder v a b
            if isZero r then b
            elif degree v r = 0 then one n
            else
                let a' = b
                let b' = divideExact r (mul g (pow h delta))
                let g' = leadingCoefficientIn v a'
                let h' =
                    if delta = 0 then h
                    elif delta = 1 then g'
                    else divideExact (pow g' delta) (pow h (delta - 1))
                go a' b' g' h'
        let g = if isZero b then a else go a b (one n) (one n)
        snd (contentAndPrimitive v g)

    /// p = q · p' with p' having coprime integer coefficients and a positive lexicographic leading coefficient.
    let integerPrimitive (p: MPoly) : Q * MPoly =
        if isZero p then Q.One, p
        else
            let nums = p.Terms |> Seq.map (fun kv -> BigInteger.Abs kv.Value.Num)
            let dens = p.Terms |> Seq.map (fun kv -> kv.Value.Denominator)
            let g = nums |> Seq.reduce (fun a b -> BigInteger.GreatestCommonDivisor(a, b))
            let l = dens |> Seq.reduce (fun a b -> a / BigInteger.GreatestCommonDivisor(a, b) * b)
            let _, lc = leadingTerm p
            let q = Q.Create((if lc.Sign < 0 then -g else g), l)
            q, scale (Q.One / q) p

    /// Square-free parts without merging: p = c · Π f_i^(e_i), f_i monic and square-free, where factors coming
    /// from different contents are kept apart (so x·(x + y) stays two factors even though both have e = 1).
    let rec squareFreeParts (p: MPoly) : Q * (MPoly * int) list =
        if isZero p then Q.Zero, []
        elif isConstant p then constantValue p, []
        else
            let v = variables p |> List.head
            let content, prim = contentAndPrimitive v p
            let cc, cfactors = squareFreeParts content
            let f = prim
            let f' = derivative v f
            let a0 = gcd f f'
            let rec yun (b: MPoly) (d: MPoly) (i: int) (acc: (MPoly * int) list) =
                if isConstant b then acc
                else
                    let a = gcd b d
                    let b' = divideExact b a
                    let c' = divideExact d a
                    let d' = sub c' (derivative v b')
                    let acc = if isConstant a then acc else (monic a, i) :: acc
                    yun b' d' (i + 1) acc
            let b1 = divideExact f a0
            let c1 = divideExact f' a0
            let d1 = sub c1 (derivative v b1)
            let factors = yun b1 d1 1 [] |> List.rev
            let rebuilt = factors |> List.fold (fun acc (g, i) -> mul acc (pow g i)) (one p.Arity)
            let lc = (snd (leadingTerm prim)) / (snd (leadingTerm rebuilt))
            cc * lc, cfactors @ factors

    /// Square-free decomposition p = c · Π f_i^i (Yun's algorithm on primitive parts, recursively on contents):
    /// the constant c and (f_i, i) with non-constant, pairwise coprime, square-free, monic f_i, one per i.
    let squareFree (p: MPoly) : Q * (MPoly * int) list =
        let c, parts = squareFreeParts p
        let merged =
            parts
            |> List.groupBy snd
            |> List.map (fun (i, gs) -> (gs |> List.map fst |> List.reduce mul |> monic), i)
            |> List.sortBy snd
        c, merged

/// A polynomial ring over Q whose variables are arbitrary expressions (symbols or opaque kernels), with
/// conversion between expressions and MPoly.
type PolyRing(variables: Expr[]) =
    let index = Dictionary<Expr, int>(HashIdentity.Structural)
    do variables |> Array.iteri (fun i v -> index.[v] <- i)

    member _.Variables = variables
    member _.Arity = variables.Length
    member _.IndexOf(v: Expr) = match index.TryGetValue v with | true, i -> Some i | _ -> None

    /// Converts e to a polynomial in the ring variables, or None if e is not polynomial in them.
    member r.TryOfExpr(e: Expr) : MPoly option =
        let n = variables.Length
        let rec go e =
            match index.TryGetValue e with
            | true, i -> Some(MPoly.variable n i)
            | _ ->
                match e with
                | Number q -> Some(MPoly.constant n q)
                | Sum xs ->
                    xs |> List.fold (fun acc x -> match acc, go x with | Some a, Some b -> Some(MPoly.add a b) | _ -> None) (Some(MPoly.zero n))
                | Product xs ->
                    xs |> List.fold (fun acc x -> match acc, go x with | Some a, Some b -> Some(MPoly.mul a b) | _ -> None) (Some(MPoly.one n))
                | Power(b, Number k) when k.IsInteger && k.Sign > 0 && k.Num < BigInteger 10000 ->
                    go b |> Option.map (fun p -> MPoly.pow p (int k.Num))
                | _ -> None
        go e

    member r.OfExpr(e: Expr) : MPoly =
        match r.TryOfExpr e with
        | Some p -> p
        | None -> invalidArg "e" (sprintf "%O is not a polynomial in %s" e (String.Join(", ", variables |> Array.map string)))

    /// The expanded expression of a polynomial.
    member r.ToExpr(p: MPoly) : Expr =
        p.Terms
        |> Seq.map (fun kv ->
            let factors =
                kv.Key.Exponents
                |> Array.mapi (fun i k -> if k = 0 then Ops.one else Ops.pow variables.[i] (Ops.integer k))
                |> List.ofArray
            Ops.product (Number kv.Value :: factors))
        |> List.ofSeq
        |> Ops.sum

/// Expression-level polynomial operations in chosen variables (everything else is a coefficient).
[<RequireQualifiedAccess>]
module Polynomial =
    /// The symbols, constants and non-polynomial subexpressions ("kernels") that e is a polynomial in.
    [<CompiledName("Kernels")>]
    let kernels (e: Expr) : Expr list =
        let acc = List<Expr>()
        let seen = HashSet<Expr>(HashIdentity.Structural)
        let rec go e =
            match e with
            | Number _ -> ()
            | Sum xs | Product xs -> xs |> List.iter go
            | Power(b, Number k) when k.IsInteger && k.Sign > 0 -> go b
            | _ -> if seen.Add e then acc.Add e
        go e
        acc |> List.ofSeq |> List.sortWith Order.compare

    let private ringFor (exprs: Expr list) =
        let ks = exprs |> List.collect kernels |> List.distinct |> List.sortWith Order.compare
        PolyRing(Array.ofList ks)

    /// True when e is a polynomial in x (x may appear only in sums, products and non-negative integer powers).
    [<CompiledName("IsPolynomialIn")>]
    let isPolynomialIn (x: Expr) (e: Expr) : bool =
        let rec go e =
            if Structure.freeOf x e then true
            else
                match e with
                | _ when e = x -> true
                | Sum xs | Product xs -> List.forall go xs
                | Power(b, Number k) when k.IsInteger && k.Sign > 0 -> go b
                | _ -> false
        go e

    /// Coefficients of e as a polynomial in x: element k is the coefficient of x^k (expanded).
    [<CompiledName("Coefficients")>]
    let coefficients (x: Expr) (e: Expr) : Expr list =
        if not (isPolynomialIn x e) then invalidArg "e" (sprintf "%O is not a polynomial in %O" e x)
        let ring = ringFor [ e; x ]
        let v = (ring.IndexOf x).Value
        let p = ring.OfExpr e
        let cs = MPoly.coefficientsIn v p
        let d = MPoly.degree v p
        [ for k in 0 .. max d 0 ->
              cs |> List.tryFind (fun (j, _) -> j = k) |> Option.map (snd >> ring.ToExpr) |> Option.defaultValue Ops.zero ]

    /// Degree of e in x (−1 for 0).
    [<CompiledName("Degree")>]
    let degree (x: Expr) (e: Expr) : int =
        if not (isPolynomialIn x e) then invalidArg "e" (sprintf "%O is not a polynomial in %O" e x)
        let ring = ringFor [ e; x ]
        MPoly.degree (ring.IndexOf x).Value (ring.OfExpr e)

    /// Greatest common divisor of two polynomial expressions (monic in the lexicographic order of their kernels).
    [<CompiledName("Gcd")>]
    let gcd (a: Expr) (b: Expr) : Expr =
        let ring = ringFor [ a; b ]
        ring.ToExpr(MPoly.gcd (ring.OfExpr a) (ring.OfExpr b))

    /// Exact quotient a / b of polynomial expressions, or None when b does not divide a.
    [<CompiledName("TryDivide")>]
    let tryDivide (a: Expr) (b: Expr) : Expr option =
        let ring = ringFor [ a; b ]
        MPoly.tryDivide (ring.OfExpr a) (ring.OfExpr b) |> Option.map ring.ToExpr

    /// Square-free parts c · Π f_j^(e_j) of a polynomial expression without merging factors of equal multiplicity
    /// that come from different contents (x·(x + y) stays two factors): a finer, still cheap, factorisation.
    [<CompiledName("SquareFreeParts")>]
    let squareFreeParts (e: Expr) : Expr =
        let ring = ringFor [ e ]
        let p = ring.OfExpr e
        let mono = MPoly.monomialContent p
        let rest = MPoly.divideExact p (MPoly.ofMonomial p.Arity mono)
        let c, fs = MPoly.squareFreeParts rest
        Ops.product (Number c :: ring.ToExpr(MPoly.ofMonomial p.Arity mono) :: (fs |> List.map (fun (f, i) -> Ops.pow (ring.ToExpr f) (Ops.integer i))))

    /// Square-free factorisation c · Π f_i^i of a polynomial expression, as the canonical product.
    [<CompiledName("SquareFreeFactor")>]
    let squareFreeFactor (e: Expr) : Expr =
        let ring = ringFor [ e ]
        let c, fs = MPoly.squareFree (ring.OfExpr e)
        Ops.product (Number c :: (fs |> List.map (fun (f, i) -> Ops.pow (ring.ToExpr f) (Ops.integer i))))
