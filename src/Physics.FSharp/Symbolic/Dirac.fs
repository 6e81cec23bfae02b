namespace NuDM.Symbolic

open System
open System.Collections.Generic

// Conventions used throughout this file (they are those of Peskin & Schroeder and of FeynCalc's default):
//   metric g = diag(+1, −1, −1, −1); a̸ = γ^μ a_μ; {γ^μ, γ^ν} = 2 g^{μν}; Tr 1 = 4 (four dimensions);
//   γ5 = i γ⁰γ¹γ²γ³ (so γ5² = 1, γ5 hermitian, {γ5, γ^μ} = 0); P_L = (1 − γ5)/2, P_R = (1 + γ5)/2;
//   ε^{0123} = +1 (so ε_{0123} = −1) and ε(a,b,c,d) = ε_{μνρσ} a^μ b^ν c^ρ d^σ;
//   Tr(γ^μ γ^ν γ^ρ γ^σ γ5) = −4i ε^{μνρσ}, i.e. Tr(γ5 a̸ b̸ c̸ d̸) = −4i ε(a,b,c,d).

/// One factor of a Dirac string (a 4×4 matrix in spinor space). Conventions: see module Dirac.
[<RequireQualifiedAccess; StructuralEquality; NoComparison>]
type DiracElement =
    /// The slashed momentum p̸ = γ^μ p_μ of a real four-vector, named by its momentum (e.g. "p1").
    | Slash of momentum: string
    /// A scalar (a mass, a coupling, i, …) times the unit matrix.
    | Scalar of value: Expr
    /// γ5 = iγ⁰γ¹γ²γ³.
    | Gamma5
    /// The left-handed projector P_L = (1 − γ5)/2.
    | ProjectorL
    /// The right-handed projector P_R = (1 + γ5)/2.
    | ProjectorR

/// A linear combination Σ_i c_i Γ_i of Dirac strings: each term is a coefficient c_i and a product Γ_i of
/// DiracElements read left to right (the empty product is the unit matrix). Build it with the functions of
/// module Dirac and the operators + − * (a string times a string is the matrix product; an Expr on either side
/// of + or − stands for that multiple of the unit matrix). Terms with equal products are merged and zero
/// coefficients dropped; no other simplification is made (traces are taken by Dirac.trace).
[<StructuralEquality; NoComparison>]
type DiracString =
    { /// The terms (coefficient, product of elements), in order of first appearance.
      Terms: (Expr * DiracElement list) list }

    /// Merges terms with equal element products and drops zero coefficients.
    static member internal Normalize(terms: (Expr * DiracElement list) seq) : DiracString =
        // the coefficients of equal products are collected and summed once (not added one at a time)
        let order = List<DiracElement list>()
        let coefficients = Dictionary<DiracElement list, SumBuilder>(HashIdentity.Structural)
        for (c, es) in terms do
            match coefficients.TryGetValue es with
            | true, b -> b.Add c
            | _ ->
                order.Add es
                let b = SumBuilder()
                b.Add c
                coefficients.[es] <- b
        { Terms =
            [ for es in order do
                  let c = coefficients.[es].ToExpr()
                  if not (Ops.isZero c) then yield c, es ] }

    /// The zero matrix.
    static member Zero : DiracString = { Terms = [] }
    /// The unit matrix.
    static member One : DiracString = { Terms = [ Ops.one, [] ] }
    /// The multiple c·1 of the unit matrix.
    static member OfScalar(c: Expr) : DiracString = DiracString.Normalize [ c, [] ]

    /// The sum of two strings.
    static member (+)(a: DiracString, b: DiracString) = DiracString.Normalize(Seq.append a.Terms b.Terms)
    /// a + c·1 (e.g. p̸ + m).
    static member (+)(a: DiracString, c: Expr) = a + DiracString.OfScalar c
    /// c·1 + a.
    static member (+)(c: Expr, a: DiracString) = DiracString.OfScalar c + a
    /// The negated string.
    static member (~-)(a: DiracString) = { Terms = a.Terms |> List.map (fun (c, es) -> Ops.negate c, es) }
    /// The difference of two strings.
    static member (-)(a: DiracString, b: DiracString) = a + (-b)
    /// a − c·1 (e.g. p̸ − m).
    static member (-)(a: DiracString, c: Expr) = a + DiracString.OfScalar(Ops.negate c)
    /// c·1 − a.
    static member (-)(c: Expr, a: DiracString) = DiracString.OfScalar c + (-a)

    /// The matrix product (distributed over the terms; element products are concatenated).
    static member (*)(a: DiracString, b: DiracString) =
        DiracString.Normalize(
            seq {
                for (c1, e1) in a.Terms do
                    for (c2, e2) in b.Terms do
                        yield Ops.multiply c1 c2, e1 @ e2
            })

    /// The string with every coefficient multiplied by c.
    static member (*)(c: Expr, a: DiracString) = DiracString.Normalize(a.Terms |> List.map (fun (k, es) -> Ops.multiply c k, es))
    /// The string with every coefficient multiplied by c (scalars commute with every element).
    static member (*)(a: DiracString, c: Expr) = c * a

/// Which spinor an external fermion line ends on.
[<RequireQualifiedAccess>]
type SpinorKind =
    /// u(p) (incoming fermion) or ū(p) (outgoing fermion); Σ_s u ū = p̸ + m.
    | U
    /// v(p) (outgoing antifermion) or v̄(p) (incoming antifermion); Σ_s v v̄ = p̸ − m.
    | V

/// An external fermion of a fermion line: its spinor kind, momentum name and mass.
[<StructuralEquality; NoComparison>]
type ExternalFermion =
    { /// u (particle) or v (antiparticle) spinor.
      Kind: SpinorKind
      /// The name of its four-momentum (as used in Slash and Dirac.dot).
      Momentum: string
      /// Its mass (Ops.zero for a massless neutrino).
      Mass: Expr }

/// Dirac algebra in four dimensions: traces of strings of slashed momenta, γ5 and chiral projectors, and spin
/// sums of squared fermion lines (Casimir's trick), with results as canonical expressions in the Lorentz
/// invariants dot(p, q) and ε(a, b, c, d).
///
/// Conventions (those of Peskin & Schroeder, and FeynCalc's default):
/// - metric g = diag(+1, −1, −1, −1); a̸ = γ^μ a_μ; {γ^μ, γ^ν} = 2g^{μν}; a̸ a̸ = a·a; Tr 1 = 4 (D = 4 exactly);
/// - γ5 = iγ⁰γ¹γ²γ³: γ5² = 1, {γ5, γ^μ} = 0; P_L = (1 − γ5)/2, P_R = (1 + γ5)/2;
/// - Levi-Civita: ε^{0123} = +1, hence ε_{0123} = −1; ε(a,b,c,d) = ε_{μνρσ} a^μ b^ν c^ρ d^σ
///   (for the unit vectors e_(0..3) of a frame, ε(e0,e1,e2,e3) = −1);
/// - Tr(γ^μγ^νγ^ργ^σγ5) = −4i ε^{μνρσ}, i.e. Tr(γ5 a̸b̸c̸d̸) = −4i ε(a,b,c,d);
/// - the imaginary unit is Ops.pow Ops.minusOne Ops.half, i.e. (−1)^(1/2); momenta are real four-vectors
///   and every symbol in a coefficient is taken real (for the adjoint and complex conjugation);
/// - Dirac adjoint Γ̄ = γ⁰Γ†γ⁰: reversed order, P_L ↔ P_R, γ5 → −γ5, a̸ → a̸, coefficients conjugated.
///
/// Invariants are opaque named functions: dot(p, q) = p·q is Apply(Named "dot", [p; q]) with the momentum names
/// as symbols in ordinal order, and ε is Apply(Named "eps", [a; b; c; d]) with the names sorted and the sign of
/// the permutation in front (zero when two agree). Substitute kinematics with substituteDots.
[<RequireQualifiedAccess>]
module Dirac =
    /// The name of the named function holding a Minkowski product p·q.
    [<Literal>]
    let DotName = "dot"

    /// The name of the named function holding a Levi-Civita contraction ε(a,b,c,d).
    [<Literal>]
    let EpsilonName = "eps"

    /// The imaginary unit i = (−1)^(1/2) of the expression kernel.
    [<CompiledName("ImaginaryUnit")>]
    let imaginaryUnit : Expr = Ops.pow Ops.minusOne Ops.half

    let private checkMomentum (p: string) =
        if String.IsNullOrWhiteSpace p then invalidArg "momentum" "a momentum needs a non-empty name"

    // ---- invariants ------------------------------------------------------------------------------------

    /// The Minkowski product p·q = p⁰q⁰ − p⃗·q⃗ as the opaque expression dot(p, q), arguments in ordinal order
    /// (so dot "p" "q" = dot "q" "p"); dot "p" "p" is p².
    [<CompiledName("Dot")>]
    let dot (p: string) (q: string) : Expr =
        checkMomentum p
        checkMomentum q
        let a, b = if String.CompareOrdinal(p, q) <= 0 then p, q else q, p
        Ops.apply (Named DotName) [ Ops.symbol a; Ops.symbol b ]

    /// Sorts names ordinally; returns the sign of the sorting permutation (0 when two names agree) and the list.
    let private sortWithSign (names: string list) : int * string list =
        let arr = Array.ofList names
        let mutable sign = 1
        // insertion sort counting transpositions
        for i in 1 .. arr.Length - 1 do
            let mutable j = i
            while j > 0 && String.CompareOrdinal(arr.[j - 1], arr.[j]) > 0 do
                let t = arr.[j - 1]
                arr.[j - 1] <- arr.[j]
                arr.[j] <- t
                sign <- -sign
                j <- j - 1
        let repeated = arr |> Array.pairwise |> Array.exists (fun (a, b) -> a = b)
        (if repeated then 0 else sign), List.ofArray arr

    /// The Levi-Civita contraction ε(a,b,c,d) = ε_{μνρσ} a^μ b^ν c^ρ d^σ (ε^{0123} = +1) of four momenta, in
    /// canonical form: the names sorted ordinally with the sign of the permutation in front; zero when two agree.
    [<CompiledName("Epsilon")>]
    let epsilon (momenta: string list) : Expr =
        if List.length momenta <> 4 then
            invalidArg "momenta" (sprintf "the Levi-Civita contraction takes four momenta, got %d" (List.length momenta))
        momenta |> List.iter checkMomentum
        match sortWithSign momenta with
        | 0, _ -> Ops.zero
        | s, sorted -> Ops.multiply (Ops.integer s) (Ops.apply (Named EpsilonName) (sorted |> List.map Ops.symbol))

    let private momentumName (e: Expr) =
        match e with
        | Symbol s -> Some s
        | _ -> None

    /// dot(p, q) → Some(p, q) (in ordinal order).
    let private (|DotOf|_|) (e: Expr) =
        match e with
        | Apply(Named DotName, [ a; b ]) ->
            match momentumName a, momentumName b with
            | Some p, Some q -> Some(if String.CompareOrdinal(p, q) <= 0 then p, q else q, p)
            | _ -> None
        | _ -> None

    /// eps(a, b, c, d) → Some(sign, sorted names).
    let private (|EpsilonOf|_|) (e: Expr) =
        match e with
        | Apply(Named EpsilonName, args) when args.Length = 4 ->
            let names = args |> List.choose momentumName
            if names.Length = 4 then Some(sortWithSign names) else None
        | _ -> None

    /// Simultaneous, single-pass rewrite of the invariants (top-down, so a replacement is never rewritten again).
    let private rewriteInvariants (dotValue: string * string -> Expr option) (epsValue: string list -> Expr option) (e: Expr) =
        let rec go node =
            match node with
            | DotOf(p, q) ->
                match dotValue (p, q) with
                | Some v -> v
                | None -> dot p q
            | EpsilonOf(0, _) -> Ops.zero
            | EpsilonOf(s, sorted) ->
                let v = match epsValue sorted with Some v -> v | None -> Ops.apply (Named EpsilonName) (sorted |> List.map Ops.symbol)
                Ops.multiply (Ops.integer s) v
            | _ -> Structure.mapOperands go node
        go e

    /// Puts every dot(…) and eps(…) in e in canonical form (e.g. after parsing text or building them by hand):
    /// dot arguments ordered, ε arguments sorted with the permutation sign, ε with a repeated momentum zero.
    [<CompiledName("Canonicalize")>]
    let canonicalize (e: Expr) : Expr = rewriteInvariants (fun _ -> None) (fun _ -> None) e

    let private dotTable (values: seq<string * string * Expr>) =
        if isNull (box values) then nullArg "values"
        let d = Dictionary<string * string, Expr>(HashIdentity.Structural)
        for (p, q, v) in values do
            checkMomentum p
            checkMomentum q
            let key = if String.CompareOrdinal(p, q) <= 0 then p, q else q, p
            match d.TryGetValue key with
            | true, v0 when v0 <> v -> invalidArg "values" (sprintf "two different values for %s·%s" p q)
            | _ -> d.[key] <- v
        d

    /// Replaces dot(p, q) and ε(a, b, c, d) by the given values and expands the result. An ε value may be given
    /// for the momenta in any order: the value of ε for the sorted order is derived with the permutation sign.
    [<CompiledName("SubstituteDotsAndEpsilons")>]
    let substituteDotsAndEpsilons (dots: seq<string * string * Expr>) (epsilons: seq<string list * Expr>) (e: Expr) : Expr =
        let d = dotTable dots
        if isNull (box epsilons) then nullArg "epsilons"
        let eps = Dictionary<string list, Expr>(HashIdentity.Structural)
        for (names, v) in epsilons do
            if List.length names <> 4 then invalidArg "epsilons" "an ε value needs four momenta"
            match sortWithSign names with
            | 0, _ -> invalidArg "epsilons" (sprintf "ε(%s) has a repeated momentum and is zero" (String.Join(", ", names)))
            | s, sorted ->
                let value = Ops.multiply (Ops.integer s) v
                match eps.TryGetValue sorted with
                | true, v0 when v0 <> value -> invalidArg "epsilons" (sprintf "two different values for ε(%s)" (String.Join(", ", sorted)))
                | _ -> eps.[sorted] <- value
        rewriteInvariants
            (fun key -> match d.TryGetValue key with | true, v -> Some v | _ -> None)
            (fun key -> match eps.TryGetValue key with | true, v -> Some v | _ -> None)
            e
        |> Algebraic.expand

    /// Replaces dot(p, q) (in either order) by the given values and expands the result; other dot(…) and ε stay.
    /// Example (kinematics of νN → χN): [ "p1", "p1", 0; "k1", "k1", m²; "p1", "k1", M·T + m²/2 ].
    [<CompiledName("SubstituteDots")>]
    let substituteDots (values: seq<string * string * Expr>) (e: Expr) : Expr = substituteDotsAndEpsilons values [] e

    // ---- complex numbers -------------------------------------------------------------------------------

    /// The complex conjugate of e, taking every symbol (and every dot and ε) real: each (−1)^q becomes (−1)^(−q),
    /// written with a positive exponent as −(−1)^(1−q) when q > 0, so i → −i (not (−1)^(−1/2)).
    [<CompiledName("Conjugate")>]
    let rec conjugate (e: Expr) : Expr =
        // top-down: a rebuilt parent may collapse to a power of −1 again and must not be conjugated twice
        match e with
        | Power(Number m, Number q) when m.IsMinusOne ->
            if q.Sign > 0 then Ops.negate (Ops.pow Ops.minusOne (Number(Q.One - q)))
            else Ops.pow Ops.minusOne (Number(-q))
        | _ -> Structure.mapOperands conjugate e

    let private isImaginaryUnitFactor (f: Expr) =
        match f with
        | Power(Number m, Number q) when m.IsMinusOne -> q = Q.Create(Numerics.BigInteger.One, Numerics.BigInteger 2) || q = Q.Create(Numerics.BigInteger.MinusOne, Numerics.BigInteger 2)
        | _ -> false

    /// Splits e = re + i·im into (re, im) with re and im free of i, taking symbols real. e is expanded first;
    /// throws ArgumentException if i remains inside a kernel or denominator after expansion.
    [<CompiledName("ComplexParts")>]
    let complexParts (e: Expr) : Expr * Expr =
        let re = List<Expr>()
        let im = List<Expr>()
        let minusI = Ops.pow Ops.minusOne (Ops.rational -1 2)
        let hasI (x: Expr) = not (Structure.freeOf imaginaryUnit x && Structure.freeOf minusI x)
        for t in Algebraic.summands (Algebraic.expand e) do
            let fs = Algebraic.factors t
            match fs |> List.partition isImaginaryUnitFactor with
            | [], _ when not (hasI t) -> re.Add t
            | [ f ], rest when not (rest |> List.exists hasI) ->
                let sign = if f = imaginaryUnit then Ops.one else Ops.minusOne // 1/i = −i
                im.Add(Ops.product (sign :: rest))
            | _ -> invalidArg "e" (sprintf "cannot split %O into real and imaginary parts" t)
        Ops.sum (List.ofSeq re), Ops.sum (List.ofSeq im)

    // ---- building strings ------------------------------------------------------------------------------

    /// A string of the given elements (their product, coefficient 1).
    [<CompiledName("OfElements")>]
    let ofElements (elements: seq<DiracElement>) : DiracString =
        if isNull (box elements) then nullArg "elements"
        DiracString.Normalize [ Ops.one, List.ofSeq elements ]

    /// The slashed momentum p̸ = γ^μ p_μ.
    [<CompiledName("Slash")>]
    let slash (p: string) : DiracString =
        checkMomentum p
        ofElements [ DiracElement.Slash p ]

    /// A scalar times the unit matrix, kept as a Scalar element.
    [<CompiledName("Scalar")>]
    let scalar (value: Expr) : DiracString = ofElements [ DiracElement.Scalar value ]

    /// The unit matrix.
    [<CompiledName("Identity")>]
    let identity : DiracString = DiracString.One

    /// γ5 = iγ⁰γ¹γ²γ³.
    [<CompiledName("Gamma5")>]
    let gamma5 : DiracString = ofElements [ DiracElement.Gamma5 ]

    /// P_L = (1 − γ5)/2.
    [<CompiledName("ProjectorL")>]
    let projectorL : DiracString = ofElements [ DiracElement.ProjectorL ]

    /// P_R = (1 + γ5)/2.
    [<CompiledName("ProjectorR")>]
    let projectorR : DiracString = ofElements [ DiracElement.ProjectorR ]

    /// The spin sum Σ_s u(p,s) ū(p,s) = p̸ + m of a fermion.
    [<CompiledName("SpinSumU")>]
    let spinSumU (p: string) (m: Expr) : DiracString = slash p + m

    /// The spin sum Σ_s v(p,s) v̄(p,s) = p̸ − m of an antifermion.
    [<CompiledName("SpinSumV")>]
    let spinSumV (p: string) (m: Expr) : DiracString = slash p - m

    /// An external fermion with a u spinor (incoming particle u(p), outgoing particle ū(p)).
    [<CompiledName("U")>]
    let u (p: string) (m: Expr) : ExternalFermion =
        checkMomentum p
        { Kind = SpinorKind.U; Momentum = p; Mass = m }

    /// An external fermion with a v spinor (outgoing antiparticle v(p), incoming antiparticle v̄(p)).
    [<CompiledName("V")>]
    let v (p: string) (m: Expr) : ExternalFermion =
        checkMomentum p
        { Kind = SpinorKind.V; Momentum = p; Mass = m }

    /// The spin sum of an external fermion: p̸ + m for a u spinor, p̸ − m for a v spinor.
    [<CompiledName("SpinSum")>]
    let spinSum (f: ExternalFermion) : DiracString =
        match f.Kind with
        | SpinorKind.U -> spinSumU f.Momentum f.Mass
        | SpinorKind.V -> spinSumV f.Momentum f.Mass

    /// The Dirac adjoint Γ̄ = γ⁰Γ†γ⁰ (so that (ψ̄₁ Γ ψ₂)* = ψ̄₂ Γ̄ ψ₁): each product reversed, P_L ↔ P_R,
    /// γ5 → −γ5, a̸ → a̸ (real momenta), coefficients and scalars complex-conjugated (symbols taken real).
    [<CompiledName("Adjoint")>]
    let adjoint (g: DiracString) : DiracString =
        DiracString.Normalize(
            g.Terms
            |> List.map (fun (c, es) ->
                let gamma5Count = es |> List.filter (fun el -> el = DiracElement.Gamma5) |> List.length
                let coefficient = if gamma5Count % 2 = 1 then Ops.negate (conjugate c) else conjugate c
                let reversed =
                    es
                    |> List.rev
                    |> List.map (fun el ->
                        match el with
                        | DiracElement.Slash _
                        | DiracElement.Gamma5 -> el
                        | DiracElement.Scalar s -> DiracElement.Scalar(conjugate s)
                        | DiracElement.ProjectorL -> DiracElement.ProjectorR
                        | DiracElement.ProjectorR -> DiracElement.ProjectorL)
                coefficient, reversed))

    // ---- traces ----------------------------------------------------------------------------------------

    /// What is left at the right end of a product once every γ5 and projector has been moved there.
    [<RequireQualifiedAccess>]
    type private Chirality =
        | One
        | G5
        | L
        | R

    /// The product of two commuting chiral factors as (sign, factor), or None when it vanishes (P_L P_R = 0).
    let private chiralProduct (a: Chirality) (b: Chirality) : (int * Chirality) option =
        match a, b with
        | Chirality.One, x
        | x, Chirality.One -> Some(1, x)
        | Chirality.G5, Chirality.G5 -> Some(1, Chirality.One)
        | Chirality.G5, Chirality.L
        | Chirality.L, Chirality.G5 -> Some(-1, Chirality.L) // γ5 P_L = −P_L
        | Chirality.G5, Chirality.R
        | Chirality.R, Chirality.G5 -> Some(1, Chirality.R) // γ5 P_R = P_R
        | Chirality.L, Chirality.L -> Some(1, Chirality.L)
        | Chirality.R, Chirality.R -> Some(1, Chirality.R)
        | Chirality.L, Chirality.R
        | Chirality.R, Chirality.L -> None

    /// Removes adjacent equal slashes (a̸a̸ = a·a), also across the ends when the string is cyclic (a plain
    /// trace); returns the dot factors produced and the reduced string.
    let private contractAdjacent (cyclic: bool) (ps: string list) : Expr list * string list =
        let stack = Stack<string>()
        let factors = List<Expr>()
        for p in ps do
            if stack.Count > 0 && stack.Peek() = p then
                stack.Pop() |> ignore
                factors.Add(dot p p)
            else stack.Push p
        let mutable rest = stack |> Seq.rev |> List.ofSeq
        if cyclic then
            let mutable go = true
            while go do
                match rest with
                | first :: (_ :: _ as tail) when first = List.last tail ->
                    factors.Add(dot first first)
                    rest <- tail |> List.take (tail.Length - 1)
                | _ -> go <- false
        List.ofSeq factors, rest

    let private removeAt (k: int) (xs: 'a list) = xs |> List.indexed |> List.filter (fun (i, _) -> i <> k) |> List.map snd

    /// Traces of products of slashed momenta within one call of `trace` (memoised on the momentum list).
    type private TraceEngine() =
        let plainMemo = Dictionary<string list, Expr>(HashIdentity.Structural)
        let gamma5Memo = Dictionary<string list, Expr>(HashIdentity.Structural)

        /// Tr(a̸₁ … a̸ₙ) = Σ_{k≥2} (−1)^k (a₁·a_k) Tr(a̸₂ … â̸_k … a̸ₙ), Tr 1 = 4, odd n → 0.
        member e.Plain(ps: string list) : Expr =
            match plainMemo.TryGetValue ps with
            | true, r -> r
            | _ ->
                let r =
                    if ps.Length % 2 = 1 then Ops.zero
                    else
                        let factors, qs = contractAdjacent true ps
                        let core =
                            match qs with
                            | [] -> Ops.integer 4
                            | a :: rest ->
                                rest
                                |> List.mapi (fun k b ->
                                    let sign = if k % 2 = 0 then Ops.one else Ops.minusOne
                                    Ops.product [ sign; dot a b; e.Plain(removeAt k rest) ])
                                |> Ops.sum
                        Ops.product (core :: factors)
                plainMemo.[ps] <- r
                r

        /// Tr(a̸₁ … a̸ₙ γ5). Below four slashes it vanishes; Tr(a̸b̸c̸d̸γ5) = −4i ε(a,b,c,d); longer strings use the
        /// four-dimensional identity a̸b̸c̸ = (a·b)c̸ − (a·c)b̸ + (b·c)a̸ + i ê̸γ5 with e·x = ε(a,b,c,x) (its
        /// normalisation follows from the four-slash trace), which gives
        /// Tr(a̸b̸c̸ R γ5) = (a·b)Tr(c̸Rγ5) − (a·c)Tr(b̸Rγ5) + (b·c)Tr(a̸Rγ5) − i Σ_k (−1)^(k+1) ε(a,b,c,r_k) Tr(R∖r_k).
        member e.WithGamma5(ps: string list) : Expr =
            match gamma5Memo.TryGetValue ps with
            | true, r -> r
            | _ ->
                let r =
                    if ps.Length % 2 = 1 then Ops.zero
                    else
                        let factors, qs = contractAdjacent false ps
                        let core =
                            match qs with
                            | _ when qs.Length < 4 -> Ops.zero
                            | [ _; _; _; _ ] -> Ops.product [ Ops.integer -4; imaginaryUnit; epsilon qs ]
                            | a :: b :: c :: rest ->
                                let symmetric =
                                    [ Ops.product [ dot a b; e.WithGamma5(c :: rest) ]
                                      Ops.product [ Ops.minusOne; dot a c; e.WithGamma5(b :: rest) ]
                                      Ops.product [ dot b c; e.WithGamma5(a :: rest) ] ]
                                let antisymmetric =
                                    rest
                                    |> List.mapi (fun k r ->
                                        let sign = if k % 2 = 0 then Ops.one else Ops.minusOne
                                        Ops.product [ sign; epsilon [ a; b; c; r ]; e.Plain(removeAt k rest) ])
                                    |> Ops.sum
                                Ops.sum (Ops.product [ Ops.minusOne; imaginaryUnit; antisymmetric ] :: symmetric)
                            | _ -> Ops.zero // unreachable: fewer than four handled above
                        Ops.product (core :: factors)
                gamma5Memo.[ps] <- r
                r

    /// The trace of one product of elements (not yet expanded).
    let private traceProduct (engine: TraceEngine) (elements: DiracElement list) : Expr =
        // walk from the right, moving each γ5 / projector to the right end past the slashes after it
        let mutable slashes = []
        let mutable oddSlashesToTheRight = false
        let mutable scalars = []
        let mutable sign = 1
        let mutable tail = Some Chirality.One
        for el in List.rev elements do
            match el with
            | DiracElement.Slash p ->
                slashes <- p :: slashes
                oddSlashesToTheRight <- not oddSlashesToTheRight
            | DiracElement.Scalar s -> scalars <- s :: scalars
            | DiracElement.Gamma5
            | DiracElement.ProjectorL
            | DiracElement.ProjectorR ->
                // γ5 a̸ = −a̸ γ5, P_L a̸ = a̸ P_R, P_R a̸ = a̸ P_L
                let moved =
                    match el, oddSlashesToTheRight with
                    | DiracElement.Gamma5, odd ->
                        if odd then sign <- -sign
                        Chirality.G5
                    | DiracElement.ProjectorL, false
                    | DiracElement.ProjectorR, true -> Chirality.L
                    | _ -> Chirality.R
                match tail with
                | Some t ->
                    match chiralProduct moved t with
                    | Some(s, c) ->
                        sign <- sign * s
                        tail <- Some c
                    | None -> tail <- None
                | None -> ()
        match tail with
        | None -> Ops.zero
        | Some _ when slashes.Length % 2 = 1 -> Ops.zero
        | Some chirality ->
            let body =
                match chirality with
                | Chirality.One -> engine.Plain slashes
                | Chirality.G5 -> engine.WithGamma5 slashes
                | Chirality.L -> Ops.product [ Ops.half; Ops.subtract (engine.Plain slashes) (engine.WithGamma5 slashes) ]
                | Chirality.R -> Ops.product [ Ops.half; Ops.add (engine.Plain slashes) (engine.WithGamma5 slashes) ]
            Ops.product (Ops.integer sign :: body :: scalars)

    /// The trace of a Dirac string (any length, with γ5 and projectors), as an expanded canonical expression in
    /// dot(p, q), ε(a, b, c, d), i and the coefficients. Method: P_L, P_R and γ5 are moved to the right end by
    /// anticommutation and reduced (γ5² = 1, γ5 P_L = −P_L, P_L P_R = 0, …); adjacent equal slashes contract
    /// (a̸a̸ = a²); an odd number of slashes gives 0; Tr 1 = 4; plain strings expand recursively,
    /// Tr(a̸₁…a̸ₙ) = Σ_k (−1)^k (a₁·a_k) Tr(…); strings with γ5 reduce to Tr(γ5 a̸b̸c̸d̸) = −4i ε(a,b,c,d) via the
    /// four-dimensional three-gamma identity. Plain traces are canonical (two equal traces give the same Expr);
    /// traces with γ5 and five or more distinct momenta are correct but may differ in form by a Schouten identity.
    [<CompiledName("Trace")>]
    let trace (g: DiracString) : Expr =
        let engine = TraceEngine()
        g.Terms
        |> List.map (fun (c, es) -> Ops.multiply c (traceProduct engine es))
        |> Ops.sum
        |> Algebraic.expand

    /// The trace of the product of the given elements.
    [<CompiledName("TraceOf")>]
    let traceOf (elements: seq<DiracElement>) : Expr = trace (ofElements elements)

    // ---- spin sums -------------------------------------------------------------------------------------

    /// Σ_spins (ψ̄_out Γ₁ ψ_in)(ψ̄_out Γ₂ ψ_in)* = Tr[S(out) Γ₁ S(in) Γ̄₂] for a fermion line ψ̄_out Γ ψ_in, where
    /// ψ̄_out is ū(out) or v̄(out) and ψ_in is u(in) or v(in) according to their kinds, and S is the spin sum
    /// (p̸ + m for u, p̸ − m for v). Use it for the interference of two diagrams with the same external line.
    [<CompiledName("SpinSummedInterference")>]
    let spinSummedInterference (outgoing: ExternalFermion) (gamma1: DiracString) (gamma2: DiracString) (incoming: ExternalFermion) : Expr =
        trace (spinSum outgoing * gamma1 * spinSum incoming * adjoint gamma2)

    /// Σ_spins |ψ̄_out Γ ψ_in|² = Tr[S(out) Γ S(in) Γ̄] (Casimir's trick), e.g.
    /// spinSummedSquare (Dirac.u "k1" mχ) Dirac.projectorL (Dirac.u "p1" 0) = Σ|ū(k1) P_L u(p1)|² = 2 k1·p1;
    /// spinSummedSquare (Dirac.v "p1" 0) Dirac.projectorR (Dirac.v "k1" mχ) = Σ|v̄(p1) P_R v(k1)|²;
    /// spinSummedSquare (Dirac.v "p2" m) Dirac.projectorR (Dirac.u "p1" m) = Σ|v̄(p2) P_R u(p1)|².
    /// Not averaged over initial spins: divide by 2 per unpolarised initial fermion yourself.
    [<CompiledName("SpinSummedSquare")>]
    let spinSummedSquare (outgoing: ExternalFermion) (gamma: DiracString) (incoming: ExternalFermion) : Expr =
        spinSummedInterference outgoing gamma gamma incoming

    // ---- products of ε -----------------------------------------------------------------------------------

    let private determinant (m: Expr[,]) : Expr =
        let n = Array2D.length1 m
        let rec perms (xs: int list) : int list list =
            match xs with
            | [] -> [ [] ]
            | _ -> xs |> List.collect (fun x -> perms (List.filter ((<>) x) xs) |> List.map (fun p -> x :: p))
        let parity (p: int list) =
            let inversions = [ for (i, a) in List.indexed p do for b in List.skip (i + 1) p do if a > b then yield 1 ] |> List.length
            if inversions % 2 = 0 then 1 else -1
        perms [ 0 .. n - 1 ]
        |> List.map (fun p -> Ops.product (Ops.integer (parity p) :: (p |> List.mapi (fun i j -> m.[i, j]))))
        |> Ops.sum

    /// Replaces products of two Levi-Civita contractions by Lorentz invariants,
    /// ε(a₁,a₂,a₃,a₄) ε(b₁,b₂,b₃,b₄) = −det[a_i·b_j] (Minkowski metric), pairing the ε factors of each term in
    /// order; a single leftover ε stays. The result is expanded.
    [<CompiledName("ContractEpsilons")>]
    let contractEpsilons (e: Expr) : Expr =
        let epsArgs (f: Expr) : (string list * int) option =
            match f with
            | Apply(Named EpsilonName, args) when args.Length = 4 && args |> List.forall (momentumName >> Option.isSome) ->
                Some(args |> List.choose momentumName, 1)
            | Power(Apply(Named EpsilonName, args), Number q) when q.IsInteger && q.Sign > 0 && args.Length = 4 && args |> List.forall (momentumName >> Option.isSome) ->
                Some(args |> List.choose momentumName, int q.Num)
            | _ -> None
        let contractTerm (t: Expr) =
            let fs = Algebraic.factors t
            let epsFactors = fs |> List.choose epsArgs |> List.collect (fun (names, k) -> List.replicate k names)
            if epsFactors.Length < 2 then t
            else
                let others = fs |> List.filter (fun f -> (epsArgs f).IsNone)
                let rec pairUp (xs: string list list) =
                    match xs with
                    | a :: b :: rest ->
                        let m = Array2D.init 4 4 (fun i j -> dot a.[i] b.[j])
                        Ops.negate (determinant m) :: pairUp rest
                    | [ a ] -> [ Ops.apply (Named EpsilonName) (a |> List.map Ops.symbol) ]
                    | [] -> []
                Ops.product (others @ pairUp epsFactors)
        canonicalize e |> Algebraic.expand |> Algebraic.summands |> List.map contractTerm |> Ops.sum |> Algebraic.expand

    // ---- open Lorentz indices ------------------------------------------------------------------------------

    /// The prefix that marks a name in dot/ε as an open Lorentz index rather than a momentum.
    [<Literal>]
    let IndexPrefix = "idx:"

    /// Whether a name in dot/ε is an open Lorentz index (made by gammaIndex).
    [<CompiledName("IsIndexName")>]
    let isIndexName (name: string) = not (isNull name) && name.StartsWith(IndexPrefix, StringComparison.Ordinal)

    /// γ^μ with an open Lorentz index μ. It is a slot of the string like a slashed momentum (a̸ = γ^μ a_μ is linear in
    /// a, so every trace identity holds slot by slot): in a trace it gives dot(μ, p) = p^μ, dot(μ, ν) = g^{μν} and
    /// ε(…, μ, …) with the index in place; contractIndices sums repeated indices. γ̄^μ = γ^μ under the adjoint.
    [<CompiledName("GammaIndex")>]
    let gammaIndex (mu: string) : DiracString =
        if String.IsNullOrWhiteSpace mu then invalidArg "mu" "a Lorentz index needs a name"
        ofElements [ DiracElement.Slash(IndexPrefix + mu) ]

    /// The string with the open index μ replaced by the Dirac string r (e.g. r = q̸ for the q_μ q_ν part of a vector
    /// propagator, or γ^ν to rename the index): each element Slash μ becomes r, the product distributed.
    [<CompiledName("ReplaceIndex")>]
    let replaceIndex (mu: string) (r: DiracString) (g: DiracString) : DiracString =
        let name = IndexPrefix + mu
        g.Terms
        |> List.map (fun (c, es) ->
            es
            |> List.fold (fun (acc: DiracString) el ->
                match el with
                | DiracElement.Slash p when p = name -> acc * r
                | other -> acc * ofElements [ other ]) (DiracString.OfScalar c))
        |> List.fold (+) DiracString.Zero

    /// The names of a dot or ε factor, if the factor is one.
    let private tensorNames (f: Expr) : string list option =
        match f with
        | Apply(Named n, args) when (n = DotName || n = EpsilonName) && args |> List.forall (momentumName >> Option.isSome) ->
            Some(args |> List.choose momentumName)
        | _ -> None

    /// Sums every Lorentz index that appears twice in a term (Einstein convention, metric diag(+1, −1, −1, −1)):
    /// g^μ_μ = 4 (dot(μ, μ)), p^μ X_μ → X with p in μ's place (dot(μ, p) times any factor holding μ), and
    /// ε(a₁…a₄) ε(b₁…b₄) = −det[a_i·b_j] when both hold μ. Applied until no repeated index is left; the result is
    /// expanded. Indices that appear once stay open.
    [<CompiledName("ContractIndices")>]
    let contractIndices (e: Expr) : Expr =
        let isTensor (f: Expr) = (tensorNames f).IsSome
        let expandPowers (fs: Expr list) =
            fs
            |> List.collect (fun f ->
                match f with
                | Power(b, Number q) when q.IsInteger && q.Sign > 0 && isTensor b -> List.replicate (int q.Num) b
                | _ -> [ f ])
        let rec contractTerm (t: Expr) : Expr =
            let fs = expandPowers (Algebraic.factors t) |> Array.ofList
            let indexCount = Dictionary<string, int>()
            for f in fs do
                match tensorNames f with
                | Some names ->
                    for n in names do
                        if isIndexName n then indexCount.[n] <- (match indexCount.TryGetValue n with | true, k -> k + 1 | _ -> 1)
                | None -> ()
            match indexCount |> Seq.tryFind (fun kv -> kv.Value >= 2) with
            | None -> t
            | Some kv ->
                let mu = kv.Key
                let holders = [ for i in 0 .. fs.Length - 1 do match tensorNames fs.[i] with Some ns when List.contains mu ns -> yield i | _ -> () ]
                let rest (skip: int list) = [ for i in 0 .. fs.Length - 1 do if not (List.contains i skip) then yield fs.[i] ]
                let replaced, used =
                    match holders with
                    | [ i ] ->
                        // one factor holds μ twice: dot(μ, μ) = g^μ_μ = 4 (an ε with μ twice is already 0)
                        (match fs.[i] with
                         | Apply(Named n, _) when n = DotName -> Ops.integer 4
                         | _ -> Ops.zero), [ i ]
                    | i :: j :: _ ->
                        let a, b = fs.[i], fs.[j]
                        let na, nb = (tensorNames a).Value, (tensorNames b).Value
                        let other (ns: string list) = match ns |> List.filter ((<>) mu) with [ x ] -> x | _ -> mu
                        let swap (ns: string list) (x: string) = ns |> List.map (fun n -> if n = mu then x else n)
                        let isDot (f: Expr) = match f with Apply(Named n, _) -> n = DotName | _ -> false
                        let r =
                            match isDot a, isDot b with
                            | true, true -> dot (other na) (other nb)
                            | true, false -> epsilon (swap nb (other na))
                            | false, true -> epsilon (swap na (other nb))
                            | false, false ->
                                let m = Array2D.init 4 4 (fun x y -> dot na.[x] nb.[y])
                                Ops.negate (determinant m)
                        r, [ i; j ]
                    | [] -> invalidOp "unreachable: a counted index has no holder"
                Ops.product (replaced :: rest used) |> Algebraic.expand |> Algebraic.summands |> List.map contractTerm |> Ops.sum
        canonicalize e |> Algebraic.expand |> Algebraic.summands |> List.map contractTerm |> Ops.sum |> Algebraic.expand

