namespace NuDM.Symbolic

open System
open System.Collections.Generic
open System.Linq.Expressions

/// Lowered → System.Linq.Expressions: the second stage of compilation. It adds no arithmetic of its own: each Op node
/// becomes the one LINQ node of the same operation, each shared node a block-local variable assigned once in the
/// order Lowering scheduled it, and the three forms of the public API get their lambdas — over individual double
/// parameters, over an input array (the parameters used read into locals after one length check), and over an input
/// and an output array for several expressions at once. No boxing, no closures, no allocation (except for named
/// functions registered with Functions.Register, which receive a fresh argument array).
[<RequireQualifiedAccess>]
module internal LinqEmission =

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

    /// The generated statements: the locals of the shared nodes with their assignments (in the scheduled order)
    /// and one expression per root.
    type Emitted =
        { Locals: ParameterExpression list
          Assignments: Expression list
          Results: Expression list }

    /// The LINQ statements of a lowered program; `arg i` gives the expression for parameter i.
    let emit (lowered: Lowered) (arg: int -> Expression) : Emitted =
        let vars = Dictionary<Op, ParameterExpression>(HashIdentity.Reference)
        let rec expr (op: Op) : Expression =
            match op with
            | Const b -> Expression.Constant(Lowering.constantValue b, typeof<float>) :> Expression
            | Arg i -> arg i
            | _ ->
                match vars.TryGetValue op with
                | true, v -> v :> Expression
                | _ -> node op
        and node (op: Op) : Expression =
            match op with
            | Neg a -> Expression.Negate(expr a)
            | Add(a, b) -> let a = expr a in Expression.Add(a, expr b)
            | Sub(a, b) -> let a = expr a in Expression.Subtract(a, expr b)
            | Mul(a, b) -> let a = expr a in Expression.Multiply(a, expr b)
            | Div(a, b) -> let a = expr a in Expression.Divide(a, expr b)
            | Sqrt a -> Expression.Call(sqrtMethod, expr a)
            | Pow(a, b) -> let a = expr a in Expression.Call(powMethod, a, expr b)
            | CallMath(f, a) -> Expression.Call(mathMethod f, expr a)
            | CallNamed(name, xs) ->
                let args = xs |> List.map expr
                match lowered.Named.[name] with
                | Builtin(_, m, _) -> Expression.Call(m, args)
                | Unary f -> Expression.Invoke(Expression.Constant f, args)
                | Binary f -> Expression.Invoke(Expression.Constant f, args)
                | Vector f -> Expression.Invoke(Expression.Constant f, Expression.NewArrayInit(typeof<float>, args))
            | Const _
            | Arg _ -> expr op
        let locals = ResizeArray<ParameterExpression>()
        let assignments = ResizeArray<Expression>()
        for op in lowered.Shared do
            let value = node op
            let v = Expression.Variable(typeof<float>, sprintf "t%d" locals.Count)
            locals.Add v
            assignments.Add(Expression.Assign(v, value))
            vars.[op] <- v
        { Locals = List.ofSeq locals
          Assignments = List.ofSeq assignments
          Results = lowered.Roots |> Array.map expr |> List.ofArray }

    let private argumentExceptionCtor = typeof<ArgumentException>.GetConstructor([| typeof<string>; typeof<string> |])

    /// `if (array.Length != n) throw new ArgumentException(message, array.Name)` as an expression.
    let private lengthCheck (array: ParameterExpression) (n: int) (message: string) : Expression =
        Expression.IfThen(
            Expression.NotEqual(Expression.ArrayLength array, Expression.Constant n),
            Expression.Throw(Expression.New(argumentExceptionCtor, Expression.Constant message, Expression.Constant array.Name)))
        :> Expression

    /// Reads the parameters of an array form into locals (only those used), after checking the array length.
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

    /// A lambda with its counts of shared-node locals and of input locals (for Compile.describe).
    type Emission<'L when 'L :> LambdaExpression> =
        { Lambda: 'L
          SharedLocals: int
          InputLocals: int }

    /// Func&lt;double, …, double&gt; over the parameters ps (named after them) for the single root of `lowered`.
    let typedLambda (ps: string[]) (lowered: Lowered) : Emission<LambdaExpression> =
        let parameters = ps |> Array.map (fun p -> Expression.Parameter(typeof<float>, p))
        let em = emit lowered (fun i -> parameters.[i] :> Expression)
        { Lambda = Expression.Lambda(block em.Locals em.Assignments em.Results.Head, parameters)
          SharedLocals = em.Locals.Length
          InputLocals = 0 }

    /// Func&lt;double[], double&gt; reading parameter i from inputs[i], for the single root of `lowered`.
    let arrayLambda (ps: string[]) (lowered: Lowered) : Emission<Expression<Func<float[], float>>> =
        let input = Expression.Parameter(typeof<float[]>, "inputs")
        let inputs = ArrayInputs(input, ps)
        let em = emit lowered inputs.Arg
        let inputLocals = inputs.Locals
        let body = block (inputLocals @ em.Locals) (inputs.Loads @ em.Assignments) em.Results.Head
        { Lambda = Expression.Lambda<Func<float[], float>>(body, [| input |])
          SharedLocals = em.Locals.Length
          InputLocals = inputLocals.Length }

    /// Action&lt;double[] inputs, double[] outputs&gt; writing root k into outputs[k]; all roots share their locals.
    let manyLambda (ps: string[]) (lowered: Lowered) : Emission<Expression<Action<float[], float[]>>> =
        let input = Expression.Parameter(typeof<float[]>, "inputs")
        let output = Expression.Parameter(typeof<float[]>, "outputs")
        let inputs = ArrayInputs(input, ps)
        let em = emit lowered inputs.Arg
        let stores =
            em.Results
            |> List.mapi (fun k r -> Expression.Assign(Expression.ArrayAccess(output, Expression.Constant k), r) :> Expression)
        let outputCheck =
            lengthCheck output lowered.Roots.Length (sprintf "expected an output array of length %d" lowered.Roots.Length)
        let inputLocals = inputs.Locals
        let statements = inputs.Loads @ [ outputCheck ] @ em.Assignments @ stores
        let body = Expression.Block(typeof<Void>, inputLocals @ em.Locals, statements)
        { Lambda = Expression.Lambda<Action<float[], float[]>>(body, [| input; output |])
          SharedLocals = em.Locals.Length
          InputLocals = inputLocals.Length }
