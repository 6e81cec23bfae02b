namespace NuDM.Symbolic

open System
open System.Collections.Generic

/// The System.Math functions the lowered form calls.
type internal MathFunction =
    | MExp
    | MLog
    | MSin
    | MCos
    | MTan
    | MAbs

/// The lowered form of an expression: exactly the double operations the generated code performs, after the
/// fast forms have been chosen (integer powers as multiplication chains, one division per product, subtraction
/// for negative terms, ...). Common subexpressions are found on this form, so operations that only appear
/// after lowering are shared too (y·y inside both y^2 and y^-2, m² inside m⁴ = (m²)², 4·M inside −4·M·m²).
/// Nodes are hash-consed (see Lowering.Builder): structurally equal nodes are one object, and equality is by
/// reference. Constants are held as their IEEE bits so that interning is exact (NaN = NaN, 0 ≠ −0).
[<ReferenceEquality>]
type internal Op =
    | Const of bits: int64
    | Arg of index: int
    | Neg of Op
    | Add of Op * Op
    | Sub of Op * Op
    | Mul of Op * Op
    | Div of Op * Op
    | Sqrt of Op
    | Pow of Op * Op
    | CallMath of MathFunction * Op
    | CallNamed of name: string * Op list

/// Expressions lowered to a program over doubles: the roots (one per output) as a DAG of Op nodes in which
/// structurally equal subexpressions are one node, the nodes used more than once in the order they are computed
/// (each once, into a local, after every shared node it uses), and the named functions called.
[<NoEquality; NoComparison>]
type internal Lowered =
    { /// One node per expression, in the order given.
      Roots: Op[]
      /// The nodes used more than once (by two parents, or twice by one, or as a root and elsewhere), in evaluation
      /// order: each is computed once, after the shared nodes it depends on.
      Shared: Op list
      /// The nodes of Shared, by reference.
      SharedSet: IReadOnlySet<Op>
      /// The numeric implementation of every named function called.
      Named: IReadOnlyDictionary<string, NamedImplementation> }

    /// True when op is computed once into a local (it is in Shared).
    member l.IsShared(op: Op) = l.SharedSet.Contains op

/// Expression → Lowered: the first of the three stages of compilation (lowering, LINQ emission in LinqEmission, the
/// cached typed delegates of Compile). Lowering fixes everything about the arithmetic the generated code performs:
/// - a sum in canonical operand order (so its rounding matches the left-to-right tree evaluation), with negatively
///   weighted terms subtracted instead of added (−a + b as b − a, exactly the same double);
/// - a product as one division (c · numerator factors) / (denominator factors);
/// - integer powers |n| ≤ 16 as multiplication chains by binary powering (a negative power costs one division),
///   exponent 1/2 as Math.Sqrt, k + 1/2 as x^k·Math.Sqrt(x), any other power as Math.Pow;
/// - operations on constants folded at compile time with exactly the operation the generated code would perform;
/// - structurally equal subexpressions as one node (hash-consing), and the nodes used more than once scheduled to be
///   computed once (common-subexpression elimination over the whole formula, across all outputs of CompileMany).
[<RequireQualifiedAccess>]
module internal Lowering =

    let private valueOf (bits: int64) = BitConverter.Int64BitsToDouble bits

    let private mathImpl (f: MathFunction) : float -> float =
        match f with
        | MExp -> Math.Exp
        | MLog -> Math.Log
        | MSin -> Math.Sin
        | MCos -> Math.Cos
        | MTan -> Math.Tan
        | MAbs -> Math.Abs

    /// The double a constant node holds.
    let constantValue (bits: int64) = valueOf bits

    /// Equality of Op nodes whose children are already interned: same case, same payload, the very same child
    /// objects. O(1) per node, where structural equality of a deep node (a long sum is a deep chain) is O(size).
    type private ShallowComparer() =
        interface IEqualityComparer<Op> with
            member _.Equals(a, b) =
                let inline same (p: Op) (q: Op) = obj.ReferenceEquals(p, q)
                match a, b with
                | Const x, Const y -> x = y
                | Arg i, Arg j -> i = j
                | Neg p, Neg q
                | Sqrt p, Sqrt q -> same p q
                | Add(p1, q1), Add(p2, q2)
                | Sub(p1, q1), Sub(p2, q2)
                | Mul(p1, q1), Mul(p2, q2)
                | Div(p1, q1), Div(p2, q2)
                | Pow(p1, q1), Pow(p2, q2) -> same p1 p2 && same q1 q2
                | CallMath(f, p), CallMath(g, q) -> f = g && same p q
                | CallNamed(n, ps), CallNamed(m, qs) ->
                    String.Equals(n, m, StringComparison.Ordinal) && ps.Length = qs.Length && List.forall2 same ps qs
                | _ -> false

            member _.GetHashCode(op) =
                let inline h (p: Op) = Runtime.CompilerServices.RuntimeHelpers.GetHashCode p
                match op with
                | Const b -> HashCode.Combine(1, b)
                | Arg i -> HashCode.Combine(2, i)
                | Neg p -> HashCode.Combine(3, h p)
                | Sqrt p -> HashCode.Combine(4, h p)
                | Add(p, q) -> HashCode.Combine(5, h p, h q)
                | Sub(p, q) -> HashCode.Combine(6, h p, h q)
                | Mul(p, q) -> HashCode.Combine(7, h p, h q)
                | Div(p, q) -> HashCode.Combine(8, h p, h q)
                | Pow(p, q) -> HashCode.Combine(9, h p, h q)
                | CallMath(f, p) -> HashCode.Combine(10, f.GetHashCode(), h p)
                | CallNamed(n, ps) -> ps |> List.fold (fun acc p -> HashCode.Combine(acc, h p)) (HashCode.Combine(11, n))

    /// Builds Op nodes hash-consed: structurally equal nodes are the same object, so common-subexpression
    /// elimination can count uses by reference. Operations on constants are folded with exactly the operation the
    /// generated code would perform (so folding never changes a result).
    type private Builder() =
        let table = Dictionary<Op, Op>(ShallowComparer())
        let make (op: Op) =
            match table.TryGetValue op with
            | true, existing -> existing
            | _ ->
                table.[op] <- op
                op
        member _.Constant(x: float) = make (Const(BitConverter.DoubleToInt64Bits x))
        member _.Arg(i: int) = make (Arg i)
        member b.Neg(x) = match x with Const v -> b.Constant(-(valueOf v)) | _ -> make (Neg x)
        member b.Add(x, y) = match x, y with Const u, Const v -> b.Constant(valueOf u + valueOf v) | _ -> make (Add(x, y))
        member b.Sub(x, y) = match x, y with Const u, Const v -> b.Constant(valueOf u - valueOf v) | _ -> make (Sub(x, y))
        member b.Mul(x, y) = match x, y with Const u, Const v -> b.Constant(valueOf u * valueOf v) | _ -> make (Mul(x, y))
        member b.Div(x, y) = match x, y with Const u, Const v -> b.Constant(valueOf u / valueOf v) | _ -> make (Div(x, y))
        member b.Sqrt(x) = match x with Const v -> b.Constant(Math.Sqrt(valueOf v)) | _ -> make (Sqrt x)
        member b.Pow(x, y) =
            match x, y with
            | Const u, Const v -> b.Constant(Math.Pow(valueOf u, valueOf v))
            | _ -> make (Pow(x, y))
        member b.Math(f, x) = match x with Const v -> b.Constant(mathImpl f (valueOf v)) | _ -> make (CallMath(f, x))
        member _.Named(name, xs) = make (CallNamed(name, xs))
        member b.One = b.Constant 1.0

    let private maxChain = 16

    /// True when b^q for q > 0 has a fast form: an integer ≤ 16 or k + 1/2 with k ≤ 16.
    let private hasFastForm (q: Q) =
        q.IsPositive
        && ((q.IsInteger && q.Num <= Numerics.BigInteger maxChain)
            || (q.Denominator = Numerics.BigInteger 2 && q.Num <= Numerics.BigInteger(2 * maxChain + 1)))

    /// b^n for 1 ≤ n by binary powering; repeated factors are the same Op, so CSE turns them into one local.
    let rec private powInt (bld: Builder) (b: Op) (n: int) : Op =
        if n = 1 then b
        elif n % 2 = 0 then
            let h = powInt bld b (n / 2)
            bld.Mul(h, h)
        else bld.Mul(powInt bld b (n - 1), b)

    /// b^q for q > 0 with hasFastForm q.
    let private fastPower (bld: Builder) (b: Op) (q: Q) : Op =
        if q.IsInteger then powInt bld b (int q.Num)
        else
            let k = int (q.Num / Numerics.BigInteger 2) // q = k + 1/2
            if k = 0 then bld.Sqrt b else bld.Mul(powInt bld b k, bld.Sqrt b)

    type private Context =
        { Index: IReadOnlyDictionary<string, int>
          Build: Builder
          /// by reference: repeated objects are lowered once (structurally equal copies meet in the Builder)
          Memo: Dictionary<Expr, Op>
          Named: Dictionary<string, NamedImplementation> }

    let rec private lowerExpr (cx: Context) (e: Expr) : Op =
        match cx.Memo.TryGetValue e with
        | true, op -> op
        | _ ->
            let op = lowerNode cx e
            cx.Memo.[e] <- op
            op

    and private lowerNode (cx: Context) (e: Expr) : Op =
        let bld = cx.Build
        match e with
        | Number q -> bld.Constant(q.ToDouble())
        | Symbol s ->
            match cx.Index.TryGetValue s with
            | true, i -> bld.Arg i
            | _ -> invalidArg "e" (sprintf "The symbol '%s' is not a parameter" s) // checked up front; not reached
        | Constant Pi -> bld.Constant Math.PI
        | Sum ts -> lowerSum cx ts
        | Product(Number q :: rest) when q.IsMinusOne -> bld.Neg(lowerProduct cx Q.One rest)
        | Product(Number q :: rest) -> lowerProduct cx q rest
        | Product fs -> lowerProduct cx Q.One fs
        | Power(b, Number q) when q.IsNegative && hasFastForm (-q) -> bld.Div(bld.One, fastPower bld (lowerExpr cx b) (-q))
        | Power(b, Number q) when hasFastForm q -> fastPower bld (lowerExpr cx b) q
        | Power(b, x) -> bld.Pow(lowerExpr cx b, lowerExpr cx x)
        | Apply(f, args) ->
            let unary g =
                match args with
                | [ a ] -> bld.Math(g, lowerExpr cx a)
                | _ -> invalidArg "e" (sprintf "%s takes exactly one argument, got %d" f.Name args.Length)
            match f with
            | Exp -> unary MExp
            | Ln -> unary MLog
            | Sin -> unary MSin
            | Cos -> unary MCos
            | Tan -> unary MTan
            | Abs -> unary MAbs
            | Named name ->
                let impl = Functions.resolve name args.Length
                cx.Named.[name] <- impl
                let ops = args |> List.map (lowerExpr cx)
                match impl with
                | Builtin(_, _, f) when ops |> List.forall (fun o -> match o with Const _ -> true | _ -> false) ->
                    // built-ins are pure: fold (user-registered functions are always called)
                    bld.Constant(f (ops |> List.map (fun o -> match o with Const b -> valueOf b | _ -> nan) |> Array.ofList))
                | _ -> bld.Named(name, ops)
        | Undefined
        | ComplexInfinity -> bld.Constant Double.NaN
        | PositiveInfinity -> bld.Constant Double.PositiveInfinity
        | NegativeInfinity -> bld.Constant Double.NegativeInfinity

    /// A sum in canonical operand order (so the rounding matches the left-to-right tree evaluation exactly),
    /// with negatively weighted terms subtracted instead of added.
    and private lowerSum (cx: Context) (terms: Expr list) : Op =
        let bld = cx.Build
        let signed (t: Expr) : bool * Op =
            match t with
            | Number q when q.IsNegative -> true, bld.Constant((-q).ToDouble())
            | Product(Number q :: rest) when q.IsNegative -> true, lowerProduct cx (-q) rest
            | _ -> false, lowerExpr cx t
        match terms |> List.map signed with
        | [] -> bld.Constant 0.0
        | (n0, t0) :: rest ->
            // -a + b is computed as b - a (exactly the same double)
            let start, rest =
                match n0, rest with
                | true, (false, t1) :: rest' -> bld.Sub(t1, t0), rest'
                | true, _ -> bld.Neg t0, rest
                | false, _ -> t0, rest
            rest |> List.fold (fun acc (n, t) -> if n then bld.Sub(acc, t) else bld.Add(acc, t)) start

    /// coefficient · factors as one division: (c · numerator factors) / (denominator factors), where the
    /// denominator collects the factors b^q with q < 0 that have a fast form.
    and private lowerProduct (cx: Context) (coefficient: Q) (factors: Expr list) : Op =
        let bld = cx.Build
        let num = ResizeArray<Op>()
        let den = ResizeArray<Op>()
        if not coefficient.IsOne then num.Add(bld.Constant(coefficient.ToDouble()))
        for f in factors do
            match f with
            | Power(b, Number q) when q.IsNegative && hasFastForm (-q) -> den.Add(fastPower bld (lowerExpr cx b) (-q))
            | _ -> num.Add(lowerExpr cx f)
        let chain (xs: ResizeArray<Op>) = xs |> Seq.reduce (fun a b -> bld.Mul(a, b))
        match num.Count, den.Count with
        | 0, 0 -> bld.One
        | _, 0 -> chain num
        | 0, _ -> bld.Div(bld.One, chain den)
        | _ -> bld.Div(chain num, chain den)

    /// The operands of a node, in the order the generated code evaluates them.
    let children (op: Op) : Op list =
        match op with
        | Const _
        | Arg _ -> []
        | Neg a
        | Sqrt a
        | CallMath(_, a) -> [ a ]
        | Add(a, b)
        | Sub(a, b)
        | Mul(a, b)
        | Div(a, b)
        | Pow(a, b) -> [ a; b ]
        | CallNamed(_, xs) -> xs

    /// The nodes to compute once, in evaluation order. Op nodes are hash-consed, so counting uses by reference counts
    /// structurally equal subtrees: each root reference and each reference from a distinct parent node counts as one
    /// use (a subtree is only descended into the first time it is seen, so the parts of a shared subexpression are
    /// not counted again). Every non-trivial node with more than one use is shared; walking the roots in order,
    /// operands left to right, a shared node is scheduled when it is first needed, after the shared nodes inside it.
    let private schedule (roots: Op[]) : Op list * HashSet<Op> =
        let uses = Dictionary<Op, int>(HashIdentity.Reference)
        let rec count (op: Op) =
            match op with
            | Const _
            | Arg _ -> ()
            | _ ->
                match uses.TryGetValue op with
                | true, n -> uses.[op] <- n + 1
                | _ ->
                    uses.[op] <- 1
                    children op |> List.iter count
        roots |> Array.iter count
        let shared = HashSet<Op>(HashIdentity.Reference)
        let order = ResizeArray<Op>()
        let rec visit (op: Op) =
            match op with
            | Const _
            | Arg _ -> ()
            | _ when uses.[op] > 1 ->
                if not (shared.Contains op) then
                    children op |> List.iter visit
                    shared.Add op |> ignore
                    order.Add op
            | _ -> children op |> List.iter visit
        roots |> Array.iter visit
        List.ofSeq order, shared

    /// Lowers the expressions over the parameters (parameter i is Arg i); throws ArgumentException (parameter
    /// "parameters") naming every symbol that is not a parameter, NotSupportedException for a named function without
    /// numeric implementation.
    let lower (parameters: string[]) (expressions: Expr[]) : Lowered =
        let index = Dictionary<string, int>(StringComparer.Ordinal)
        parameters |> Array.iteri (fun i p -> index.[p] <- i)
        let unknown =
            expressions
            |> Seq.collect Structure.symbols
            |> Seq.distinct
            |> Seq.filter (fun s -> not (index.ContainsKey s))
            |> Seq.sortWith (fun a b -> String.CompareOrdinal(a, b))
            |> Array.ofSeq
        if unknown.Length > 0 then
            let names = String.Join(", ", unknown |> Array.map (sprintf "'%s'"))
            let plist = if parameters.Length = 0 then "(none)" else String.Join(", ", parameters)
            raise (
                ArgumentException(
                    sprintf "The symbol%s %s %s not among the parameters: %s"
                        (if unknown.Length > 1 then "s" else "") names (if unknown.Length > 1 then "are" else "is") plist,
                    "parameters"))
        let cx =
            { Index = index
              Build = Builder()
              Memo = Dictionary<Expr, Op>(HashIdentity.Reference)
              Named = Dictionary<string, NamedImplementation>(StringComparer.Ordinal) }
        let roots = expressions |> Array.map (lowerExpr cx)
        let order, shared = schedule roots
        { Roots = roots; Shared = order; SharedSet = shared; Named = cx.Named }
