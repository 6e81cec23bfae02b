namespace NuDM.Symbolic

open System
open System.Collections.Generic

/// An expression has no consistent mass dimension (a sum of terms of different dimensions, a function of a
/// dimensionful argument, a symbol without a dimension) or not the dimension required of it. The message names the
/// offending term.
type DimensionException(message: string, term: string) =
    inherit ArgumentException(message)
    /// The offending (sub-)expression in infix form.
    member _.Term = term

/// Dimensional analysis in natural units (ħ = c = 1): every quantity has a mass dimension d, a rational number (a mass
/// or an energy 1, a cross section −2, |M|² of a 2 → 2 process 0). The pass infers the dimension of an expression from
/// those of its symbols: numbers and π are dimensionless; a product adds dimensions; x^q multiplies dim x by the rational
/// exponent q (a symbolic exponent needs a dimensionless base and exponent); a sum must be homogeneous; functions
/// (exp, ln, sin, …, named ones) take dimensionless arguments and give a dimensionless result, except abs, which keeps
/// its argument's dimension.
[<RequireQualifiedAccess>]
module Dimensions =
    let private text (q: Q) = if q.IsInteger then q.Num.ToString() else sprintf "%O/%O" q.Num q.Denominator

    /// A mass dimension as text ("1", "-3", "1/2").
    let describe (q: Q) = text q

    let private fail (what: string) (term: Expr) = raise (DimensionException(what, Infix.format term))

    /// The mass dimension of e, given the dimension of each symbol (None: the symbol has none, a DimensionException
    /// naming it). DimensionException names the first term that breaks the rules.
    let infer (dimensionOf: string -> Q option) (e: Expr) : Q =
        let rec go (e: Expr) : Q =
            match e with
            | Number _
            | Constant _ -> Q.Zero
            | Symbol s ->
                match dimensionOf s with
                | Some d -> d
                | None -> fail (sprintf "the symbol %s has no mass dimension (it is not a declared parameter or variable)" s) e
            | Product fs -> fs |> List.fold (fun acc f -> acc + go f) Q.Zero
            | Sum ts ->
                let dims = ts |> List.map (fun t -> t, go t)
                let (t0, d0) = dims.Head
                match dims |> List.tryFind (fun (_, d) -> d <> d0) with
                | Some(t, d) ->
                    fail (sprintf "the sum %s is not homogeneous: its term %s has mass dimension %s, the term %s has %s" (Infix.format e) (Infix.format t0) (text d0) (Infix.format t) (text d)) e
                | None -> d0
            | Power(b, Number q) -> go b * q
            | Power(b, x) ->
                let db, dx = go b, go x
                if not db.IsZero then fail (sprintf "%s: a power with a symbolic exponent needs a dimensionless base, but %s has mass dimension %s" (Infix.format e) (Infix.format b) (text db)) e
                if not dx.IsZero then fail (sprintf "%s: the exponent %s has mass dimension %s, an exponent must be dimensionless" (Infix.format e) (Infix.format x) (text dx)) e
                Q.Zero
            | Apply(Abs, [ x ]) -> go x
            | Apply(f, args) ->
                for a in args do
                    let d = go a
                    if not d.IsZero then
                        fail (sprintf "%s: the argument %s of %s has mass dimension %s, a function takes dimensionless arguments" (Infix.format e) (Infix.format a) f.Name (text d)) e
                Q.Zero
            | Undefined
            | PositiveInfinity
            | NegativeInfinity
            | ComplexInfinity -> fail (sprintf "%s has no mass dimension" (Infix.format e)) e
        go e

    /// The mass dimension of e with the symbols' dimensions from a table (missing: DimensionException naming it).
    let inferWith (dimensions: IReadOnlyDictionary<string, Q>) (e: Expr) : Q =
        infer (fun s -> match dimensions.TryGetValue s with | true, d -> Some d | _ -> None) e

    /// Checks that e has mass dimension `expected`; otherwise a DimensionException "what has mass dimension d, not
    /// expected" naming the expression. Returns e.
    let require (dimensionOf: string -> Q option) (what: string) (expected: Q) (e: Expr) : Expr =
        let d = infer dimensionOf e
        if d <> expected then
            raise (DimensionException(sprintf "%s has mass dimension %s, it must have %s: %s" what (text d) (text expected) (Infix.format e), Infix.format e))
        e
