namespace NuDM.Symbolic

open System
open System.Collections.Concurrent
open System.Collections.Generic
open System.Threading
open MathNet.Numerics

/// How a named function is computed numerically (shared by the evaluator and the compiler).
type internal NamedImplementation =
    /// Built into the kernel; the compiler emits a direct static call to Method.
    | Builtin of arity: int * Method: Reflection.MethodInfo * eval: (float[] -> float)
    /// Registered by user code: any number of arguments, passed as an array.
    | Vector of Func<float[], float>
    /// Registered by user code: exactly one argument.
    | Unary of Func<float, float>
    /// Registered by user code: exactly two arguments.
    | Binary of Func<float, float, float>

/// The numeric implementations of named functions (Function.Named), shared by Evaluate and Compile.
///
/// Built in: "BesselK" with arguments [n; x] is MathNet.Numerics.SpecialFunctions.BesselK(n, x), the modified
/// Bessel function of the second kind; "BesselKe" with arguments [n; x] is the exponentially scaled eˣ K_n(x) for
/// integer n (ScaledBessel.Kn: finite where K_n underflows, and right for x ≤ 2 where MathNet's scaled K₀, K₁ are
/// not); "pow" [a; b] is Math.Pow(a, b) and "cbrt" [a] is Math.Cbrt(a) — the same values as a^b and a^(1/3), but
/// always computed by these calls (never a multiplication chain), for evaluation forms that must reproduce an
/// existing floating-point computation bit for bit (NuDM.Physics.Ordered). Other names can be registered by later code; a name that is neither
/// built in nor registered makes evaluation and compilation fail with NotSupportedException.
/// Registration is thread-safe. Delegates compiled before a (re-)registration keep the implementation they
/// were compiled with; later compilations see the new one (the compile cache is keyed on a registry version).
[<RequireQualifiedAccess>]
module Functions =
    let private besselK (n: float) (x: float) : float = SpecialFunctions.BesselK(n, x)

    let private besselKMethod =
        typeof<SpecialFunctions>.GetMethod("BesselK", [| typeof<float>; typeof<float> |])

    let private scaledBesselKMethod =
        typeof<ScaledBessel>.GetMethod("Kn", [| typeof<float>; typeof<float> |])

    let private powMethod = typeof<Math>.GetMethod("Pow", [| typeof<float>; typeof<float> |])
    let private cbrtMethod = typeof<Math>.GetMethod("Cbrt", [| typeof<float> |])

    let private builtins : IReadOnlyDictionary<string, NamedImplementation> =
        readOnlyDict
            [ "BesselK", Builtin(2, besselKMethod, (fun a -> besselK a.[0] a.[1]))
              "BesselKe", Builtin(2, scaledBesselKMethod, (fun a -> ScaledBessel.Kn(a.[0], a.[1])))
              "pow", Builtin(2, powMethod, (fun a -> Math.Pow(a.[0], a.[1])))
              "cbrt", Builtin(1, cbrtMethod, (fun a -> Math.Cbrt a.[0])) ]

    let private registered = ConcurrentDictionary<string, NamedImplementation>(StringComparer.Ordinal)
    let mutable private version = 0

    /// Incremented on every registration change; part of the compile-cache key.
    let internal currentVersion () = Volatile.Read &version

    let private add (name: string) (impl: NamedImplementation) =
        if String.IsNullOrWhiteSpace name then invalidArg "name" "a function needs a non-empty name"
        if builtins.ContainsKey name then
            invalidArg "name" (sprintf "'%s' is a built-in function and cannot be re-registered" name)
        registered.[name] <- impl
        Interlocked.Increment &version |> ignore

    /// Registers (or replaces) a named function taking any number of double arguments, passed as an array in the
    /// order of the Apply arguments. Compiled code allocates that array on every call; prefer RegisterUnary or
    /// RegisterBinary for one- and two-argument functions. Values are plain doubles in the caller's units.
    [<CompiledName("Register")>]
    let register (name: string) (f: Func<float[], float>) : unit =
        if isNull f then nullArg "f"
        add name (Vector f)

    /// Registers (or replaces) a named function of exactly one double argument (called without allocation).
    [<CompiledName("RegisterUnary")>]
    let registerUnary (name: string) (f: Func<float, float>) : unit =
        if isNull f then nullArg "f"
        add name (Unary f)

    /// Registers (or replaces) a named function of exactly two double arguments (called without allocation).
    [<CompiledName("RegisterBinary")>]
    let registerBinary (name: string) (f: Func<float, float, float>) : unit =
        if isNull f then nullArg "f"
        add name (Binary f)

    /// Removes a registered function; returns false if the name was not registered (built-ins cannot be removed).
    [<CompiledName("Unregister")>]
    let unregister (name: string) : bool =
        let removed, _ = registered.TryRemove name
        if removed then Interlocked.Increment &version |> ignore
        removed

    /// True when the name has a numeric implementation (built in or registered).
    [<CompiledName("IsKnown")>]
    let isKnown (name: string) : bool = builtins.ContainsKey name || registered.ContainsKey name

    /// The names with a numeric implementation (built in and registered), sorted ordinally.
    [<CompiledName("Names")>]
    let names () : string[] =
        Seq.append builtins.Keys registered.Keys |> Seq.distinct |> Seq.sortWith (fun a b -> String.CompareOrdinal(a, b)) |> Array.ofSeq

    /// The implementation of a named function applied to `arity` arguments; throws NotSupportedException for an
    /// unknown name and ArgumentException for a wrong number of arguments.
    let internal resolve (name: string) (arity: int) : NamedImplementation =
        let impl =
            match builtins.TryGetValue name with
            | true, b -> b
            | _ ->
                match registered.TryGetValue name with
                | true, r -> r
                | _ ->
                    raise (
                        NotSupportedException(
                            sprintf
                                "The function '%s' has no numeric implementation. Known functions: exp, ln, sin, cos, tan, abs, %s. Register one with Functions.Register(\"%s\", ...)."
                                name
                                (String.Join(", ", names ()))
                                name))
        let expected =
            match impl with
            | Builtin(k, _, _) -> Some k
            | Unary _ -> Some 1
            | Binary _ -> Some 2
            | Vector _ -> None
        match expected with
        | Some k when k <> arity ->
            raise (ArgumentException(sprintf "The function '%s' takes %d argument(s) but is applied to %d" name k arity))
        | _ -> impl

    /// Calls an implementation on already evaluated arguments.
    let internal invoke (impl: NamedImplementation) (args: float[]) : float =
        match impl with
        | Builtin(_, _, f) -> f args
        | Vector f -> f.Invoke args
        | Unary f -> f.Invoke args.[0]
        | Binary f -> f.Invoke(args.[0], args.[1])

/// Reference numeric evaluation of expressions by walking the tree. Slow but simple and obviously faithful: it is
/// the yardstick the compiled delegates (module Compile) are tested against.
///
/// Semantics: real doubles; symbol values and the result are plain doubles in whatever units the caller uses.
/// Numbers are converted with Q.ToDouble(), pi is Math.PI; sums and products are accumulated left to right in
/// canonical operand order; powers use Math.Pow; exp, ln, sin, cos, tan, abs use System.Math; BesselK uses
/// MathNet.Numerics; other named functions use the Functions registry. Results that would be complex (sqrt of a
/// negative number, ln of a negative number, ...) are NaN; Undefined and ComplexInfinity are NaN and the signed
/// infinities are ±∞.
[<RequireQualifiedAccess>]
module Evaluate =
    let private missing (name: string) (provided: seq<string>) =
        let given = provided |> Seq.sortWith (fun a b -> String.CompareOrdinal(a, b)) |> Array.ofSeq
        ArgumentException(
            sprintf
                "No value for symbol '%s'. Values were given for: %s"
                name
                (if given.Length = 0 then "(none)" else String.Join(", ", given)))

    let rec private eval (lookup: string -> float) (e: Expr) : float =
        match e with
        | Number q -> q.ToDouble()
        | Symbol s -> lookup s
        | Constant Pi -> Math.PI
        | Sum ts ->
            let mutable acc = eval lookup ts.Head
            for t in ts.Tail do
                acc <- acc + eval lookup t
            acc
        | Product fs ->
            let mutable acc = eval lookup fs.Head
            for f in fs.Tail do
                acc <- acc * eval lookup f
            acc
        | Power(b, x) -> Math.Pow(eval lookup b, eval lookup x)
        | Apply(f, args) ->
            let one () =
                match args with
                | [ a ] -> eval lookup a
                | _ -> raise (ArgumentException(sprintf "%s takes exactly one argument, got %d" f.Name args.Length))
            match f with
            | Exp -> Math.Exp(one ())
            | Ln -> Math.Log(one ())
            | Sin -> Math.Sin(one ())
            | Cos -> Math.Cos(one ())
            | Tan -> Math.Tan(one ())
            | Abs -> Math.Abs(one ())
            | Named name ->
                let impl = Functions.resolve name args.Length
                Functions.invoke impl (args |> List.map (eval lookup) |> Array.ofList)
        | Undefined
        | ComplexInfinity -> Double.NaN
        | PositiveInfinity -> Double.PositiveInfinity
        | NegativeInfinity -> Double.NegativeInfinity

    /// The value of e with each symbol replaced by its value in `values` (plain doubles in the caller's units).
    /// Throws ArgumentException naming the symbol (and listing the provided names) if a symbol has no value, and
    /// NotSupportedException for a named function without a numeric implementation (see Functions).
    [<CompiledName("Evaluate")>]
    let evaluate (values: IDictionary<string, float>) (e: Expr) : float =
        if isNull values then nullArg "values"
        let lookup s =
            match values.TryGetValue s with
            | true, v -> v
            | _ -> raise (missing s values.Keys)
        eval lookup e

    /// The value of e with symbol names.[i] set to values.[i] (plain doubles in the caller's units). The two
    /// sequences must have the same length and the names must be distinct. Errors as for Evaluate.
    [<CompiledName("Evaluate")>]
    let evaluateAt (names: seq<string>) (values: float[]) (e: Expr) : float =
        if isNull names then nullArg "names"
        if isNull values then nullArg "values"
        let names = Array.ofSeq names
        if names.Length <> values.Length then
            invalidArg "values" (sprintf "%d names but %d values" names.Length values.Length)
        let d = Dictionary<string, float>(StringComparer.Ordinal)
        for i in 0 .. names.Length - 1 do
            if d.ContainsKey names.[i] then invalidArg "names" (sprintf "the name '%s' is given twice" names.[i])
            d.[names.[i]] <- values.[i]
        evaluate d e
