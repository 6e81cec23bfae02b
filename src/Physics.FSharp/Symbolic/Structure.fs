namespace NuDM.Symbolic

open System.Collections.Generic

/// Structural operations: traversal, substitution, dependence. Everything is rebuilt through the smart
/// constructors, so results are canonical.
[<RequireQualifiedAccess>]
module Structure =
    /// Rebuilds e with f applied to each immediate operand.
    [<CompiledName("MapOperands")>]
    let mapOperands (f: Expr -> Expr) (e: Expr) : Expr =
        match e with
        | Sum xs -> Ops.sum (List.map f xs)
        | Product xs -> Ops.product (List.map f xs)
        | Power(b, x) -> Ops.pow (f b) (f x)
        | Apply(fn, xs) -> Ops.apply fn (List.map f xs)
        | _ -> e

    /// Applies f bottom-up: to the operands first, then to the rebuilt node.
    [<CompiledName("BottomUp")>]
    let rec bottomUp (f: Expr -> Expr) (e: Expr) : Expr = f (mapOperands (bottomUp f) e)

    /// The immediate operands of e (empty for atoms).
    [<CompiledName("Operands")>]
    let operands (e: Expr) : Expr list =
        match e with
        | Sum xs | Product xs | Apply(_, xs) -> xs
        | Power(b, x) -> [ b; x ]
        | _ -> []

    /// Simultaneous substitution of whole subexpressions (each key is matched structurally, outermost first).
    [<CompiledName("SubstituteMany")>]
    let substituteMany (pairs: (Expr * Expr) seq) (e: Expr) : Expr =
        let d = Dictionary<Expr, Expr>(HashIdentity.Structural)
        for (k, v) in pairs do d.[k] <- v
        let rec go e =
            match d.TryGetValue e with
            | true, v -> v
            | _ -> mapOperands go e
        go e

    /// Replaces every occurrence of x in e by value.
    [<CompiledName("Substitute")>]
    let substitute (x: Expr) (value: Expr) (e: Expr) : Expr = substituteMany [ x, value ] e

    /// True when x does not occur in e.
    [<CompiledName("FreeOf")>]
    let rec freeOf (x: Expr) (e: Expr) : bool =
        e <> x && (operands e |> List.forall (freeOf x))

    /// True when none of the symbols occurs in e.
    [<CompiledName("FreeOfAll")>]
    let freeOfAll (xs: Expr seq) (e: Expr) = xs |> Seq.forall (fun x -> freeOf x e)

    /// The names of all symbols in e, sorted.
    [<CompiledName("Symbols")>]
    let symbols (e: Expr) : string list =
        let acc = SortedSet<string>(System.StringComparer.Ordinal)
        let rec go e =
            match e with
            | Symbol s -> acc.Add s |> ignore
            | _ -> operands e |> List.iter go
        go e
        List.ofSeq acc

    /// Number of nodes in the tree (a size measure for tests and heuristics).
    [<CompiledName("Size")>]
    let rec size (e: Expr) : int = 1 + (operands e |> List.sumBy size)

    /// True when e contains Undefined or an infinity anywhere.
    [<CompiledName("HasSpecial")>]
    let rec hasSpecial (e: Expr) : bool = Ops.isSpecial e || (operands e |> List.exists hasSpecial)
