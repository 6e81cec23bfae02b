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
type Formula(name: string, expression: Expr, parameters: Parameter list, unit: string, reference: string, description: string) =
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
