namespace NuDM.Symbolic

open System
open System.Collections.Concurrent
open System.Collections.Generic
open System.Linq.Expressions
open System.Reflection
open System.Threading

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
/// for negative terms, ...). Common-subexpression elimination runs on this form, so operations that only appear
/// after lowering are shared too (y·y inside both y^2 and y^-2, m² inside m⁴ = (m²)², 4·M inside −4·M·m²).
/// Nodes are hash-consed (see Compile.Builder): structurally equal nodes are one object, and equality is by
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

/// A summary of the code generated for an expression (for tests and benchmarks).
type CompileDescription =
    {
        /// Number of block-local variables introduced by common-subexpression elimination (each holds one
        /// subexpression that is used more than once).
        CseLocals: int
        /// Number of block-local variables holding parameters read from the input array (array forms only).
        InputLocals: int
        /// Number of System.Linq.Expressions nodes in the lambda.
        Nodes: int
        /// The System.Linq.Expressions debug view of the lambda.
        DebugView: string
    }

/// Turns expressions into fast .NET delegates over doubles.
///
/// Two layers, as in mathnet-symbolics: ToLambda / ToArrayLambda / ToManyLambda format an expression as a
/// System.Linq.Expressions lambda; the Compile* functions compile such lambdas into delegates and cache them
/// (Expression.Compile is slow: about a millisecond). The generated code:
/// - computes every non-trivial subexpression that is used more than once exactly once, into a block-local
///   variable (common-subexpression elimination over the whole formula, across all outputs of CompileMany);
/// - uses multiplication chains for integer powers |n| ≤ 16 (binary powering; a negative power costs one
///   division), Math.Sqrt for exponent 1/2, x^k·Math.Sqrt(x) for k + 1/2, Math.Pow otherwise;
/// - computes a product as one division numerator / denominator, and a sum with negative terms by subtraction;
/// - folds operations on constants at compile time; contains no boxing, no closures and no allocation
///   (except for named functions registered with Functions.Register, which receive a fresh argument array).
/// Inputs and outputs are plain doubles in whatever units the caller uses; the semantics are those of
/// Evaluate (NaN for complex results), up to floating-point rounding (a few ulps per operation).
[<RequireQualifiedAccess>]
module Compile =

    // ---------------------------------------------------------------- lowering: Expr -> Op

    let private valueOf (bits: int64) = BitConverter.Int64BitsToDouble bits

    let private mathImpl (f: MathFunction) : float -> float =
        match f with
        | MExp -> Math.Exp
        | MLog -> Math.Log
        | MSin -> Math.Sin
        | MCos -> Math.Cos
        | MTan -> Math.Tan
        | MAbs -> Math.Abs

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

    type private Lowering =
        { Index: IReadOnlyDictionary<string, int>
          Build: Builder
          /// by reference: repeated objects are lowered once (structurally equal copies meet in the Builder)
          Memo: Dictionary<Expr, Op>
          Named: Dictionary<string, NamedImplementation> }

    let rec private lower (cx: Lowering) (e: Expr) : Op =
        match cx.Memo.TryGetValue e with
        | true, op -> op
        | _ ->
            let op = lowerNode cx e
            cx.Memo.[e] <- op
            op

    and private lowerNode (cx: Lowering) (e: Expr) : Op =
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
        | Power(b, Number q) when q.IsNegative && hasFastForm (-q) -> bld.Div(bld.One, fastPower bld (lower cx b) (-q))
        | Power(b, Number q) when hasFastForm q -> fastPower bld (lower cx b) q
        | Power(b, x) -> bld.Pow(lower cx b, lower cx x)
        | Apply(f, args) ->
            let unary g =
                match args with
                | [ a ] -> bld.Math(g, lower cx a)
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
                let ops = args |> List.map (lower cx)
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
    and private lowerSum (cx: Lowering) (terms: Expr list) : Op =
        let bld = cx.Build
        let signed (t: Expr) : bool * Op =
            match t with
            | Number q when q.IsNegative -> true, bld.Constant((-q).ToDouble())
            | Product(Number q :: rest) when q.IsNegative -> true, lowerProduct cx (-q) rest
            | _ -> false, lower cx t
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
    and private lowerProduct (cx: Lowering) (coefficient: Q) (factors: Expr list) : Op =
        let bld = cx.Build
        let num = ResizeArray<Op>()
        let den = ResizeArray<Op>()
        if not coefficient.IsOne then num.Add(bld.Constant(coefficient.ToDouble()))
        for f in factors do
            match f with
            | Power(b, Number q) when q.IsNegative && hasFastForm (-q) -> den.Add(fastPower bld (lower cx b) (-q))
            | _ -> num.Add(lower cx f)
        let chain (xs: ResizeArray<Op>) = xs |> Seq.reduce (fun a b -> bld.Mul(a, b))
        match num.Count, den.Count with
        | 0, 0 -> bld.One
        | _, 0 -> chain num
        | 0, _ -> bld.Div(bld.One, chain den)
        | _ -> bld.Div(chain num, chain den)

    /// Validates the parameter list: non-empty distinct names. Returns them as an array.
    let private checkParameters (parameters: seq<string>) : string[] =
        if isNull parameters then nullArg "parameters"
        let ps = Array.ofSeq parameters
        let seen = HashSet<string>(StringComparer.Ordinal)
        for p in ps do
            if String.IsNullOrWhiteSpace p then invalidArg "parameters" "parameter names must be non-empty"
            if not (seen.Add p) then invalidArg "parameters" (sprintf "the parameter '%s' is listed twice" p)
        ps

    let private checkExpressions (es: seq<Expr>) : Expr[] =
        if isNull es then nullArg "expressions"
        let es = Array.ofSeq es
        for e in es do
            if obj.ReferenceEquals(e, null) then nullArg "expressions"
        es

    /// Lowers the expressions; throws ArgumentException naming every symbol that is not a parameter.
    let private lowerAll (ps: string[]) (es: Expr[]) : Op[] * Dictionary<string, NamedImplementation> =
        let index = Dictionary<string, int>(StringComparer.Ordinal)
        ps |> Array.iteri (fun i p -> index.[p] <- i)
        let unknown =
            es
            |> Seq.collect Structure.symbols
            |> Seq.distinct
            |> Seq.filter (fun s -> not (index.ContainsKey s))
            |> Seq.sortWith (fun a b -> String.CompareOrdinal(a, b))
            |> Array.ofSeq
        if unknown.Length > 0 then
            let names = String.Join(", ", unknown |> Array.map (sprintf "'%s'"))
            let plist = if ps.Length = 0 then "(none)" else String.Join(", ", ps)
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
        let ops = es |> Array.map (lower cx)
        ops, cx.Named

    // ---------------------------------------------------------------- emission: Op -> LINQ with CSE

    let private mathMethod =
        let m (name: string) = typeof<Math>.GetMethod(name, [| typeof<float> |])
        let exp, log, sin, cos, tan, abs = m "Exp", m "Log", m "Sin", m "Cos", m "Tan", m "Abs"
        fun f ->
            match f with
            | MExp -> exp
            | MLog -> log
            | MSin -> sin
            | MCos -> cos
            | MTan -> tan
            | MAbs -> abs

    let private sqrtMethod = typeof<Math>.GetMethod("Sqrt", [| typeof<float> |])
    let private powMethod = typeof<Math>.GetMethod("Pow", [| typeof<float>; typeof<float> |])

    let private children (op: Op) : Op list =
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

    /// The generated statements: CSE locals with their assignments (in dependency order) and the outputs.
    type private Emitted =
        { Locals: ParameterExpression list
          Assignments: Expression list
          Results: Expression list }

    /// Emits the roots with common-subexpression elimination. Op nodes are hash-consed, so counting uses by
    /// reference counts structurally equal subtrees. Each root reference and each reference from a
    /// distinct parent node counts as one use (a subtree is only descended into the first time it is seen, so the
    /// parts of a shared subexpression are not counted again); every non-trivial node with more than one use is
    /// assigned to a local the first time it is needed. `arg i` gives the expression for parameter i.
    let private emit (roots: Op[]) (named: Dictionary<string, NamedImplementation>) (arg: int -> Expression) : Emitted =
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
        let vars = Dictionary<Op, ParameterExpression>(HashIdentity.Reference)
        let locals = ResizeArray<ParameterExpression>()
        let assignments = ResizeArray<Expression>()
        let rec go (op: Op) : Expression =
            match op with
            | Const b -> Expression.Constant(valueOf b, typeof<float>) :> Expression
            | Arg i -> arg i
            | _ ->
                match vars.TryGetValue op with
                | true, v -> v :> Expression
                | _ ->
                    let e = build op
                    if uses.[op] > 1 then
                        let v = Expression.Variable(typeof<float>, sprintf "t%d" locals.Count)
                        locals.Add v
                        assignments.Add(Expression.Assign(v, e))
                        vars.[op] <- v
                        v :> Expression
                    else e
        and build (op: Op) : Expression =
            match op with
            | Neg a -> Expression.Negate(go a)
            | Add(a, b) -> let a = go a in Expression.Add(a, go b)
            | Sub(a, b) -> let a = go a in Expression.Subtract(a, go b)
            | Mul(a, b) -> let a = go a in Expression.Multiply(a, go b)
            | Div(a, b) -> let a = go a in Expression.Divide(a, go b)
            | Sqrt a -> Expression.Call(sqrtMethod, go a)
            | Pow(a, b) -> let a = go a in Expression.Call(powMethod, a, go b)
            | CallMath(f, a) -> Expression.Call(mathMethod f, go a)
            | CallNamed(name, xs) ->
                let args = xs |> List.map go
                match named.[name] with
                | Builtin(_, m, _) -> Expression.Call(m, args)
                | Unary f -> Expression.Invoke(Expression.Constant f, args)
                | Binary f -> Expression.Invoke(Expression.Constant f, args)
                | Vector f -> Expression.Invoke(Expression.Constant f, Expression.NewArrayInit(typeof<float>, args))
            | Const _
            | Arg _ -> go op
        let results = roots |> Array.map go |> List.ofArray
        { Locals = List.ofSeq locals
          Assignments = List.ofSeq assignments
          Results = results }

    /// Reads the parameters of an array form into locals (only those used), after checking the array length.
    let private argumentExceptionCtor = typeof<ArgumentException>.GetConstructor([| typeof<string>; typeof<string> |])

    /// `if (array.Length != n) throw new ArgumentException(message, array.Name)` as an expression.
    let private lengthCheck (array: ParameterExpression) (n: int) (message: string) : Expression =
        Expression.IfThen(
            Expression.NotEqual(Expression.ArrayLength array, Expression.Constant n),
            Expression.Throw(Expression.New(argumentExceptionCtor, Expression.Constant message, Expression.Constant array.Name)))
        :> Expression

    type private ArrayInputs(array: ParameterExpression, ps: string[]) =
        let loaded = Dictionary<int, ParameterExpression>()
        member _.Arg(i: int) : Expression =
            match loaded.TryGetValue i with
            | true, v -> v
            | _ ->
                let v = Expression.Variable(typeof<float>, ps.[i])
                loaded.[i] <- v
                v
        member _.Locals = loaded |> Seq.sortBy (fun kv -> kv.Key) |> Seq.map (fun kv -> kv.Value) |> List.ofSeq
        member _.Loads : Expression list =
            let check =
                lengthCheck array ps.Length (sprintf "expected an array of %d input values (%s)" ps.Length (String.Join(", ", ps)))
            // highest index first (after it, a JIT can drop the bounds checks of the lower indices)
            let loads =
                loaded
                |> Seq.sortByDescending (fun kv -> kv.Key)
                |> Seq.map (fun kv ->
                    Expression.Assign(kv.Value, Expression.ArrayIndex(array, Expression.Constant kv.Key)) :> Expression)
                |> List.ofSeq
            check :: loads

    let private block (locals: ParameterExpression list) (statements: Expression list) (result: Expression) : Expression =
        if locals.IsEmpty && statements.IsEmpty then result
        else Expression.Block(typeof<float>, locals, statements @ [ result ]) :> Expression

    /// (lambda, number of CSE locals, number of input locals)
    let private typedLambda (ps: string[]) (e: Expr) : LambdaExpression * int * int =
        let ops, named = lowerAll ps [| e |]
        let parameters = ps |> Array.map (fun p -> Expression.Parameter(typeof<float>, p))
        let em = emit ops named (fun i -> parameters.[i] :> Expression)
        Expression.Lambda(block em.Locals em.Assignments em.Results.Head, parameters), em.Locals.Length, 0

    let private arrayLambda (ps: string[]) (e: Expr) : Expression<Func<float[], float>> * int * int =
        let ops, named = lowerAll ps [| e |]
        let input = Expression.Parameter(typeof<float[]>, "inputs")
        let inputs = ArrayInputs(input, ps)
        let em = emit ops named inputs.Arg
        let inputLocals = inputs.Locals
        let body = block (inputLocals @ em.Locals) (inputs.Loads @ em.Assignments) em.Results.Head
        Expression.Lambda<Func<float[], float>>(body, [| input |]), em.Locals.Length, inputLocals.Length

    let private manyLambda (ps: string[]) (es: Expr[]) : Expression<Action<float[], float[]>> * int * int =
        let ops, named = lowerAll ps es
        let input = Expression.Parameter(typeof<float[]>, "inputs")
        let output = Expression.Parameter(typeof<float[]>, "outputs")
        let inputs = ArrayInputs(input, ps)
        // emit all outputs at once so that they share their common subexpressions
        let em = emit ops named inputs.Arg
        let stores =
            em.Results
            |> List.mapi (fun k r -> Expression.Assign(Expression.ArrayAccess(output, Expression.Constant k), r) :> Expression)
        let outputCheck = lengthCheck output es.Length (sprintf "expected an output array of length %d" es.Length)
        let inputLocals = inputs.Locals
        let statements = inputs.Loads @ [ outputCheck ] @ em.Assignments @ stores
        let body = Expression.Block(typeof<Void>, inputLocals @ em.Locals, statements)
        Expression.Lambda<Action<float[], float[]>>(body, [| input; output |]), em.Locals.Length, inputLocals.Length

    // ---------------------------------------------------------------- public: format to LINQ

    /// Formats e as a lambda over individual double parameters, in the order given: a
    /// Func&lt;double, …, double&gt; expression (parameter names become the lambda's parameter names; beyond 16
    /// parameters the delegate type is generated). Inputs and
    /// output are plain doubles in the caller's units. Throws ArgumentException if e contains a symbol that is not
    /// a parameter (the message names it) or if a parameter is listed twice, NotSupportedException for a named
    /// function without numeric implementation.
    [<CompiledName("ToLambda")>]
    let toLambda (parameters: seq<string>) (e: Expr) : LambdaExpression =
        let l, _, _ = typedLambda (checkParameters parameters) e
        l

    /// Formats e as a Func&lt;double[], double&gt; lambda reading parameter i from inputs[i] (the array must have
    /// exactly as many elements as there are parameters). Plain doubles in the caller's units; errors as ToLambda.
    [<CompiledName("ToArrayLambda")>]
    let toArrayLambda (parameters: seq<string>) (e: Expr) : Expression<Func<float[], float>> =
        let l, _, _ = arrayLambda (checkParameters parameters) e
        l

    /// Formats several expressions as one Action&lt;double[] inputs, double[] outputs&gt; lambda that writes
    /// expressions[k] into outputs[k], computing subexpressions shared between the outputs only once. Both arrays
    /// must have exactly the expected lengths. Plain doubles in the caller's units; errors as ToLambda.
    [<CompiledName("ToManyLambda")>]
    let toManyLambda (parameters: seq<string>) (expressions: seq<Expr>) : Expression<Action<float[], float[]>> =
        let l, _, _ = manyLambda (checkParameters parameters) (checkExpressions expressions)
        l

    // ---------------------------------------------------------------- public: compile to delegates

    type private Form =
        | ArrayForm
        | TypedForm
        | ManyForm

    [<NoComparison>]
    type private CacheKey =
        { Form: Form
          Parameters: string list
          Expressions: Expr list
          RegistryVersion: int }

    /// Entries beyond this count make the cache start afresh (a crude bound on memory).
    let private cacheCapacity = 4096

    let private cache = ConcurrentDictionary<CacheKey, Lazy<Delegate>>(HashIdentity.Structural)

    let private cached (form: Form) (ps: string[]) (es: Expr[]) (build: unit -> Delegate) : Delegate =
        let key =
            { Form = form
              Parameters = List.ofArray ps
              Expressions = List.ofArray es
              RegistryVersion = Functions.currentVersion () }
        let mutable entry = Unchecked.defaultof<Lazy<Delegate>>
        if not (cache.TryGetValue(key, &entry)) then
            if cache.Count >= cacheCapacity then cache.Clear()
            entry <- cache.GetOrAdd(key, Lazy<Delegate>(build, LazyThreadSafetyMode.ExecutionAndPublication))
        try
            entry.Value
        with _ ->
            // do not keep failures: the registry (or the caller's mistake) may change
            cache.TryRemove(KeyValuePair(key, entry)) |> ignore
            reraise ()

    let private compileTyped (ps: string[]) (e: Expr) : Delegate =
        let l, _, _ = typedLambda ps e
        l.Compile()

    let private compileArrayForm (ps: string[]) (e: Expr) : Func<float[], float> =
        let l, _, _ = arrayLambda ps e
        l.Compile()

    let private compileManyForm (ps: string[]) (es: Expr[]) : Action<float[], float[]> =
        let l, _, _ = manyLambda ps es
        l.Compile()

    /// Compiles e into a delegate reading parameter i from inputs[i] (the array must have exactly as many
    /// elements as there are parameters). Inputs and output are plain doubles in the caller's units. Cached.
    /// Throws ArgumentException naming any symbol of e that is not a parameter, NotSupportedException for a named
    /// function without numeric implementation. C#: Compile.CompileArray(new[] { "x", "y" }, e).
    [<CompiledName("CompileArray")>]
    let compileArray (parameters: seq<string>) (e: Expr) : Func<float[], float> =
        let ps = checkParameters parameters
        cached ArrayForm ps [| e |] (fun () -> compileArrayForm ps e :> Delegate) :?> Func<float[], float>

    /// Compiles e into a delegate over individual double parameters in the order given: a
    /// Func&lt;double, …, double&gt; with as many arguments as parameters (cast it to the matching type; the
    /// Compile1 … Compile8 functions do that for you; beyond 16 parameters it is a generated delegate type). Plain doubles in the caller's units. Cached; errors as
    /// CompileArray.
    [<CompiledName("CompileDelegate")>]
    let compileDelegate (parameters: seq<string>) (e: Expr) : Delegate =
        let ps = checkParameters parameters
        cached TypedForm ps [| e |] (fun () -> compileTyped ps e)

    /// Compiles several expressions into one delegate (inputs, outputs) that writes expressions[k] into
    /// outputs[k]; subexpressions shared between outputs are computed once, and a call allocates nothing. Both
    /// arrays must have exactly the expected lengths. Plain doubles in the caller's units. Cached; errors as
    /// CompileArray. C#: Compile.CompileMany(new[] { "x", "y" }, new[] { e1, e2 }).
    [<CompiledName("CompileMany")>]
    let compileMany (parameters: seq<string>) (expressions: seq<Expr>) : Action<float[], float[]> =
        let ps = checkParameters parameters
        let es = checkExpressions expressions
        cached ManyForm ps es (fun () -> compileManyForm ps es :> Delegate) :?> Action<float[], float[]>

    /// Compiles e as a function of one parameter (plain doubles in the caller's units). Cached; errors as
    /// CompileArray. C#: Compile.Compile1("x", e).
    [<CompiledName("Compile1")>]
    let compile1 (p1: string) (e: Expr) : Func<float, float> =
        compileDelegate [ p1 ] e :?> _

    /// Compiles e as a function of two parameters, in this order (plain doubles in the caller's units). Cached;
    /// errors as CompileArray. C#: Compile.Compile2("x", "y", e).
    [<CompiledName("Compile2")>]
    let compile2 (p1: string) (p2: string) (e: Expr) : Func<float, float, float> =
        compileDelegate [ p1; p2 ] e :?> _

    /// Compiles e as a function of three parameters, in this order (plain doubles in the caller's units).
    /// Cached; errors as CompileArray.
    [<CompiledName("Compile3")>]
    let compile3 (p1: string) (p2: string) (p3: string) (e: Expr) : Func<float, float, float, float> =
        compileDelegate [ p1; p2; p3 ] e :?> _

    /// Compiles e as a function of four parameters, in this order (plain doubles in the caller's units).
    /// Cached; errors as CompileArray.
    [<CompiledName("Compile4")>]
    let compile4 (p1: string) (p2: string) (p3: string) (p4: string) (e: Expr) : Func<float, float, float, float, float> =
        compileDelegate [ p1; p2; p3; p4 ] e :?> _

    /// Compiles e as a function of five parameters, in this order (plain doubles in the caller's units).
    /// Cached; errors as CompileArray.
    [<CompiledName("Compile5")>]
    let compile5 (p1: string) (p2: string) (p3: string) (p4: string) (p5: string) (e: Expr)
        : Func<float, float, float, float, float, float> =
        compileDelegate [ p1; p2; p3; p4; p5 ] e :?> _

    /// Compiles e as a function of six parameters, in this order (plain doubles in the caller's units).
    /// Cached; errors as CompileArray.
    [<CompiledName("Compile6")>]
    let compile6 (p1: string) (p2: string) (p3: string) (p4: string) (p5: string) (p6: string) (e: Expr)
        : Func<float, float, float, float, float, float, float> =
        compileDelegate [ p1; p2; p3; p4; p5; p6 ] e :?> _

    /// Compiles e as a function of seven parameters, in this order (plain doubles in the caller's units).
    /// Cached; errors as CompileArray.
    [<CompiledName("Compile7")>]
    let compile7 (p1: string) (p2: string) (p3: string) (p4: string) (p5: string) (p6: string) (p7: string) (e: Expr)
        : Func<float, float, float, float, float, float, float, float> =
        compileDelegate [ p1; p2; p3; p4; p5; p6; p7 ] e :?> _

    /// Compiles e as a function of eight parameters, in this order (plain doubles in the caller's units).
    /// Cached; errors as CompileArray.
    [<CompiledName("Compile8")>]
    let compile8
        (p1: string) (p2: string) (p3: string) (p4: string) (p5: string) (p6: string) (p7: string) (p8: string) (e: Expr)
        : Func<float, float, float, float, float, float, float, float, float> =
        compileDelegate [ p1; p2; p3; p4; p5; p6; p7; p8 ] e :?> _

    /// As CompileArray, but always compiles afresh and leaves the cache alone (for tests and benchmarks).
    [<CompiledName("CompileArrayUncached")>]
    let compileArrayUncached (parameters: seq<string>) (e: Expr) : Func<float[], float> =
        compileArrayForm (checkParameters parameters) e

    /// As CompileDelegate, but always compiles afresh and leaves the cache alone (for tests and benchmarks).
    [<CompiledName("CompileDelegateUncached")>]
    let compileDelegateUncached (parameters: seq<string>) (e: Expr) : Delegate =
        compileTyped (checkParameters parameters) e

    /// As CompileMany, but always compiles afresh and leaves the cache alone (for tests and benchmarks).
    [<CompiledName("CompileManyUncached")>]
    let compileManyUncached (parameters: seq<string>) (expressions: seq<Expr>) : Action<float[], float[]> =
        compileManyForm (checkParameters parameters) (checkExpressions expressions)

    /// Number of delegates currently held by the compile cache.
    [<CompiledName("CacheCount")>]
    let cacheCount () : int = cache.Count

    /// Empties the compile cache (delegates already handed out keep working).
    [<CompiledName("ClearCache")>]
    let clearCache () : unit = cache.Clear()

    // ---------------------------------------------------------------- public: inspection

    type private NodeCounter() =
        inherit ExpressionVisitor()
        member val Count = 0 with get, set
        override this.Visit(node: Expression) =
            if not (isNull node) then this.Count <- this.Count + 1
            base.Visit node

    let private debugViewProperty =
        typeof<Expression>.GetProperty("DebugView", BindingFlags.Instance ||| BindingFlags.NonPublic)

    let private describeLambda (l: LambdaExpression) (cse: int) (inputs: int) : CompileDescription =
        let counter = NodeCounter()
        counter.Visit l |> ignore
        { CseLocals = cse
          InputLocals = inputs
          Nodes = counter.Count
          DebugView = if isNull debugViewProperty then l.ToString() else string (debugViewProperty.GetValue l) }

    /// Describes the code generated for e as a function of individual double parameters (as ToLambda): number of
    /// common-subexpression locals, number of LINQ nodes and the debug view. Errors as ToLambda.
    [<CompiledName("Describe")>]
    let describe (parameters: seq<string>) (e: Expr) : CompileDescription =
        let l, cse, inputs = typedLambda (checkParameters parameters) e
        describeLambda l cse inputs

    /// Describes the code generated for several expressions compiled together (as ToManyLambda). Errors as
    /// ToLambda.
    [<CompiledName("DescribeMany")>]
    let describeMany (parameters: seq<string>) (expressions: seq<Expr>) : CompileDescription =
        let l, cse, inputs = manyLambda (checkParameters parameters) (checkExpressions expressions)
        describeLambda l cse inputs
