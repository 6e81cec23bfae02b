namespace NuDM.Symbolic

open System
open System.Collections.Concurrent
open System.Collections.Generic
open System.Linq.Expressions
open System.Reflection
open System.Threading

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

/// Turns expressions into fast .NET delegates over doubles: the public compile API and its cache.
///
/// Compilation has three stages, one file each, as mathnet-symbolics keeps formatting and compiling apart:
/// Lowering (Lowering.fs: an expression → a DAG of double operations with common subexpressions shared, their order
/// of evaluation, and the numerically stable forms — sums in canonical order with subtraction for negative terms, one
/// division per product, multiplication chains for integer powers |n| ≤ 16 (a negative power costs one division),
/// Math.Sqrt for exponent 1/2, x^k·Math.Sqrt(x) for k + 1/2, Math.Pow otherwise, constants folded); LINQ emission
/// (LinqEmission.fs: the lowered form as a System.Linq.Expressions lambda, shared subexpressions in block-local
/// variables, no boxing, closures or allocation except for named functions registered with Functions.Register); and
/// this module: ToLambda / ToArrayLambda / ToManyLambda format an expression as a lambda, the Compile* functions
/// compile it into a typed delegate and cache it (Expression.Compile is slow: about a millisecond).
/// Inputs and outputs are plain doubles in whatever units the caller uses; the semantics are those of
/// Evaluate (NaN for complex results), up to floating-point rounding (a few ulps per operation).
[<RequireQualifiedAccess>]
module Compile =

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

    // the pipeline: lower, then emit (parameters already checked)
    let private typedLambda (ps: string[]) (e: Expr) = LinqEmission.typedLambda ps (Lowering.lower ps [| e |])
    let private arrayLambda (ps: string[]) (e: Expr) = LinqEmission.arrayLambda ps (Lowering.lower ps [| e |])
    let private manyLambda (ps: string[]) (es: Expr[]) = LinqEmission.manyLambda ps (Lowering.lower ps es)

    // ---------------------------------------------------------------- public: format to LINQ

    /// Formats e as a lambda over individual double parameters, in the order given: a
    /// Func&lt;double, …, double&gt; expression (parameter names become the lambda's parameter names; beyond 16
    /// parameters the delegate type is generated). Inputs and
    /// output are plain doubles in the caller's units. Throws ArgumentException if e contains a symbol that is not
    /// a parameter (the message names it) or if a parameter is listed twice, NotSupportedException for a named
    /// function without numeric implementation.
    [<CompiledName("ToLambda")>]
    let toLambda (parameters: seq<string>) (e: Expr) : LambdaExpression =
        (typedLambda (checkParameters parameters) e).Lambda

    /// Formats e as a Func&lt;double[], double&gt; lambda reading parameter i from inputs[i] (the array must have
    /// exactly as many elements as there are parameters). Plain doubles in the caller's units; errors as ToLambda.
    [<CompiledName("ToArrayLambda")>]
    let toArrayLambda (parameters: seq<string>) (e: Expr) : Expression<Func<float[], float>> =
        (arrayLambda (checkParameters parameters) e).Lambda

    /// Formats several expressions as one Action&lt;double[] inputs, double[] outputs&gt; lambda that writes
    /// expressions[k] into outputs[k], computing subexpressions shared between the outputs only once. Both arrays
    /// must have exactly the expected lengths. Plain doubles in the caller's units; errors as ToLambda.
    [<CompiledName("ToManyLambda")>]
    let toManyLambda (parameters: seq<string>) (expressions: seq<Expr>) : Expression<Action<float[], float[]>> =
        (manyLambda (checkParameters parameters) (checkExpressions expressions)).Lambda

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
        (typedLambda ps e).Lambda.Compile()

    let private compileArrayForm (ps: string[]) (e: Expr) : Func<float[], float> =
        (arrayLambda ps e).Lambda.Compile()

    let private compileManyForm (ps: string[]) (es: Expr[]) : Action<float[], float[]> =
        (manyLambda ps es).Lambda.Compile()

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

    let private describeLambda (em: LinqEmission.Emission<'L>) : CompileDescription =
        let l = em.Lambda :> LambdaExpression
        let counter = NodeCounter()
        counter.Visit l |> ignore
        { CseLocals = em.SharedLocals
          InputLocals = em.InputLocals
          Nodes = counter.Count
          DebugView = if isNull debugViewProperty then l.ToString() else string (debugViewProperty.GetValue l) }

    /// Describes the code generated for e as a function of individual double parameters (as ToLambda): number of
    /// common-subexpression locals, number of LINQ nodes and the debug view. Errors as ToLambda.
    [<CompiledName("Describe")>]
    let describe (parameters: seq<string>) (e: Expr) : CompileDescription =
        describeLambda (typedLambda (checkParameters parameters) e)

    /// Describes the code generated for several expressions compiled together (as ToManyLambda). Errors as
    /// ToLambda.
    [<CompiledName("DescribeMany")>]
    let describeMany (parameters: seq<string>) (expressions: seq<Expr>) : CompileDescription =
        describeLambda (manyLambda (checkParameters parameters) (checkExpressions expressions))
