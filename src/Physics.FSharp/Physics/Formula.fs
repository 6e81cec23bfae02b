namespace NuDM.Physics

open System
open System.Collections.Generic
open NuDM.Symbolic

/// A parameter of a formula: the symbol it appears as, its unit and its meaning.
[<NoEquality; NoComparison>]
type Parameter =
    { Symbol: string
      Unit: string
      Description: string }

    static member Create(symbol: string, unit: string, description: string) =
        if String.IsNullOrWhiteSpace symbol then invalidArg "symbol" "a parameter needs a symbol name"
        { Symbol = symbol; Unit = unit; Description = description }

/// A formula kept as a value: a named symbolic expression with its ordered parameters (with units), the unit of
/// its result, the equation it implements and a description. Formulas are built once, symbolically (derived by
/// the core or parsed from infix text), checked by proof obligations, then compiled; nothing downstream
/// re-types them by hand.
[<Sealed; AllowNullLiteral>]
type Formula(name: string, expression: Expr, parameters: seq<Parameter>, unit: string, reference: string, description: string) =
    let parameters = if isNull parameters then [] else List.ofSeq parameters
    do
        if String.IsNullOrWhiteSpace name then invalidArg "name" "a formula needs a name"
        let declared = parameters |> List.map (fun p -> p.Symbol) |> Set.ofList
        if declared.Count <> parameters.Length then
            invalidArg "parameters" (sprintf "formula %s: parameter symbols must be distinct" name)
        let free = Structure.symbols expression |> List.filter (fun s -> not (declared.Contains s))
        if not free.IsEmpty then
            invalidArg "parameters" (sprintf "formula %s uses symbols that are not parameters: %s" name (String.Join(", ", free)))

    /// Short name, e.g. "T_max".
    member _.Name = name
    /// The symbolic expression (canonical form).
    member _.Expression = expression
    /// The parameters, in the order the compiled delegates take them.
    member _.Parameters : IReadOnlyList<Parameter> = parameters :> IReadOnlyList<Parameter>
    /// The parameter symbols, in order.
    member _.ParameterNames : string[] = parameters |> List.map (fun p -> p.Symbol) |> Array.ofList
    /// Unit of the result (e.g. "MeV", "MeV^-3", "1").
    member _.Unit = unit
    /// The equation implemented, e.g. "seed 001 eq. (2.9)".
    member _.Reference = reference
    /// What the formula computes.
    member _.Description = description
    /// The parameter records as an F# list.
    member internal _.ParameterList = parameters

    /// The expression as canonical infix text.
    member _.Infix = Infix.format expression
    /// The expression in LaTeX.
    member _.LaTeX = LaTeX.format expression

    /// Evaluates by walking the tree (for one-off values; use Compile for loops). Values in parameter order.
    member f.Evaluate([<ParamArray>] values: float[]) : float =
        if values.Length <> parameters.Length then
            invalidArg "values" (sprintf "formula %s takes %d values (%s), got %d" name parameters.Length (String.Join(", ", f.ParameterNames)) values.Length)
        Evaluate.evaluateAt f.ParameterNames values expression

    /// The formula with some parameters fixed at numbers (each its exact binary value; names that are not parameters are
    /// ignored), the others kept in their order: a model's formula compiled for a caller whose argument list is shorter
    /// (the values a user gave for the model's other parameters, `--param NAME=VALUE`). The same formula when none applies.
    member f.Bind(values: IReadOnlyDictionary<string, float>) : Formula =
        if isNull values then nullArg "values"
        let bound = parameters |> List.filter (fun p -> values.ContainsKey p.Symbol)
        if bound.IsEmpty then f
        else
            let e = Structure.substituteMany [ for p in bound -> Symbol p.Symbol, Number(Q.OfDouble values.[p.Symbol]) ] expression
            Formula(name, e, parameters |> List.filter (fun p -> not (values.ContainsKey p.Symbol)), unit, reference, description)

    /// Compiled delegate over an array of parameter values (in parameter order); cached.
    member f.Compile() : Func<float[], float> = Compile.compileArray f.ParameterNames expression

    member private f.RequireArity(n: int) =
        if parameters.Length <> n then
            invalidOp (sprintf "formula %s has %d parameters (%s); use Compile%d" name parameters.Length (String.Join(", ", f.ParameterNames)) parameters.Length)

    /// Compiled delegate of a one-parameter formula.
    member f.Compile1() : Func<float, float> =
        f.RequireArity 1
        Compile.compile1 f.ParameterNames.[0] expression
    /// Compiled delegate of a two-parameter formula (parameters in order).
    member f.Compile2() : Func<float, float, float> =
        f.RequireArity 2
        let p = f.ParameterNames
        Compile.compile2 p.[0] p.[1] expression
    /// Compiled delegate of a three-parameter formula (parameters in order).
    member f.Compile3() : Func<float, float, float, float> =
        f.RequireArity 3
        let p = f.ParameterNames
        Compile.compile3 p.[0] p.[1] p.[2] expression
    /// Compiled delegate of a four-parameter formula (parameters in order).
    member f.Compile4() : Func<float, float, float, float, float> =
        f.RequireArity 4
        let p = f.ParameterNames
        Compile.compile4 p.[0] p.[1] p.[2] p.[3] expression
    /// Compiled delegate of a five-parameter formula (parameters in order).
    member f.Compile5() : Func<float, float, float, float, float, float> =
        f.RequireArity 5
        let p = f.ParameterNames
        Compile.compile5 p.[0] p.[1] p.[2] p.[3] p.[4] expression
    /// Compiled delegate of a six-parameter formula (parameters in order).
    member f.Compile6() : Func<float, float, float, float, float, float, float> =
        f.RequireArity 6
        let p = f.ParameterNames
        Compile.compile6 p.[0] p.[1] p.[2] p.[3] p.[4] p.[5] expression

    /// Compiled delegate of a seven-parameter formula (parameters in order).
    member f.Compile7() : Func<float, float, float, float, float, float, float, float> =
        f.RequireArity 7
        let p = f.ParameterNames
        Compile.compile7 p.[0] p.[1] p.[2] p.[3] p.[4] p.[5] p.[6] expression
    /// Compiled delegate of an eight-parameter formula (parameters in order).
    member f.Compile8() : Func<float, float, float, float, float, float, float, float, float> =
        f.RequireArity 8
        let p = f.ParameterNames
        Compile.compile8 p.[0] p.[1] p.[2] p.[3] p.[4] p.[5] p.[6] p.[7] expression

    /// A copy with another expression (same parameters, unit and reference), e.g. after simplification.
    member f.WithExpression(e: Expr) = Formula(name, e, parameters, unit, reference, description)

    override f.ToString() = sprintf "%s = %O   [%s; %s]" name expression unit reference

/// Building formulas.
[<RequireQualifiedAccess>]
module Formula =
    /// A formula from an expression and (symbol, unit, description) parameter triples.
    [<CompiledName("Create")>]
    let create (name: string) (expression: Expr) (parameters: (string * string * string) list) (unit: string) (reference: string) (description: string) =
        Formula(name, expression, parameters |> List.map (fun (s, u, d) -> Parameter.Create(s, u, d)), unit, reference, description)

    /// A formula from infix text (e.g. read from a model file); a parse error names the formula and the position.
    [<CompiledName("Parse")>]
    let parse (name: string) (infix: string) (parameters: Parameter seq) (unit: string) (reference: string) (description: string) =
        match Infix.parse infix with
        | Ok e -> Formula(name, e, List.ofSeq parameters, unit, reference, description)
        | Error msg -> raise (FormatException(sprintf "formula %s: %s" name msg))

    /// Compiles several formulas over one parameter list into a single delegate with shared subexpressions:
    /// outputs[i] = formulas[i](inputs). Every formula's parameters must be among the given names.
    [<CompiledName("CompileMany")>]
    let compileMany (parameterNames: string seq) (formulas: Formula seq) : Action<float[], float[]> =
        Compile.compileMany (List.ofSeq parameterNames) (formulas |> Seq.map (fun f -> f.Expression) |> List.ofSeq)
