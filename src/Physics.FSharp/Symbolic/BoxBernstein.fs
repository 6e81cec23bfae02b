namespace NuDM.Symbolic

open System
open System.Collections.Generic

/// The verdict of the box Bernstein bound (BoxBernstein.nonNegative).
type internal BoxVerdict =
    /// p ≥ 0 on the whole box: every Bernstein coefficient of every sub-box examined is ≥ 0 (`Boxes` sub-boxes,
    /// `Degrees` the degree in each box variable).
    | NonNegative of Boxes: int * Degrees: int list
    /// p is a negative number at this vertex of a sub-box (a point of the closed box, every parameter free): by
    /// continuity p is negative at the nearby points of the open box too.
    | NegativeAt of Point: (Expr * Q) list
    /// Neither: a coefficient not shown ≥ 0 on the finest sub-boxes allowed, or p not a polynomial in the box variables.
    | NotDecided of Reason: string

/// A certified positivity test of a polynomial on a box Π [lo_i, hi_i] of bounded variables whose coefficients are
/// polynomials in other symbols (parameters), in exact rationals: the tensor-product Bernstein form. With
/// x_i = lo_i + (hi_i − lo_i) y_i, y_i ∈ [0, 1],
///     p = Σ_β b_β Π_i C(d_i, β_i) y_i^β_i (1 − y_i)^(d_i − β_i),
/// every basis polynomial is ≥ 0 on the box and they sum to 1, so all b_β ≥ 0 proves p ≥ 0 on the box (the range of
/// p lies between its least and greatest Bernstein coefficient; Farouki, "The Bernstein polynomial basis: a centennial
/// retrospective", Comput. Aided Geom. Des. 29 (2012) 379). The b_β are polynomials in the parameters, decided by the caller's test (true: proven ≥ 0). A
/// coefficient not shown ≥ 0 splits the box in half along one variable (de Casteljau at 1/2, exact), up to a depth;
/// the coefficient at a vertex of a (sub-)box is p's value there, so a zero at a vertex is no obstacle, while a zero
/// inside a box (p touching 0 at an interior point) leaves the test undecided, never proven.
[<RequireQualifiedAccess>]
module internal BoxBernstein =
    let private binomial (n: int) (k: int) : Q =
        Seq.fold (fun (acc: Q) i -> acc * Q.OfInt(n - i) / Q.OfInt(i + 1)) Q.One (seq { 0 .. k - 1 })

    /// The coefficient array of a tensor-product polynomial: flat index Σ β_i stride_i over the degrees d.
    type private Grid =
        { Degrees: int[]
          Strides: int[]
          Cells: MPoly[] }

    let private strides (d: int[]) =
        let s = Array.zeroCreate d.Length
        let mutable acc = 1
        for i in d.Length - 1 .. -1 .. 0 do
            s.[i] <- acc
            acc <- acc * (d.[i] + 1)
        s, acc

    /// The flat indices of the fibres along axis i: for each, the start (β_i = 0); the fibre is start + k stride_i.
    let private fibreStarts (g: Grid) (axis: int) =
        [| for flat in 0 .. g.Cells.Length - 1 do
               if (flat / g.Strides.[axis]) % (g.Degrees.[axis] + 1) = 0 then yield flat |]

    /// Power coefficients along one axis to Bernstein coefficients on [0, 1]: b_k = Σ_{j ≤ k} C(k, j)/C(d, j) a_j.
    let private toBernsteinAlong (g: Grid) (axis: int) : Grid =
        let d = g.Degrees.[axis]
        let st = g.Strides.[axis]
        let cells = Array.copy g.Cells
        for start in fibreStarts g axis do
            let a = Array.init (d + 1) (fun k -> g.Cells.[start + k * st])
            for k in 0 .. d do
                let mutable b = MPoly.zero a.[0].Arity
                for j in 0 .. k do
                    b <- MPoly.add b (MPoly.scale (binomial k j / binomial d j) a.[j])
                cells.[start + k * st] <- b
        { g with Cells = cells }

    /// De Casteljau at 1/2 along one axis: the Bernstein coefficients on the lower and the upper half (exact).
    let private splitAlong (g: Grid) (axis: int) : Grid * Grid =
        let d = g.Degrees.[axis]
        let st = g.Strides.[axis]
        let lower, upper = Array.copy g.Cells, Array.copy g.Cells
        let half = Q.One / Q.OfInt 2
        for start in fibreStarts g axis do
            let b = Array.init (d + 1) (fun k -> g.Cells.[start + k * st])
            lower.[start] <- b.[0]
            upper.[start + d * st] <- b.[d]
            for r in 1 .. d do
                for k in 0 .. d - r do
                    b.[k] <- MPoly.scale half (MPoly.add b.[k] b.[k + 1])
                lower.[start + r * st] <- b.[0]
                upper.[start + (d - r) * st] <- b.[d - r]
        { g with Cells = lower }, { g with Cells = upper }

    /// p ≥ 0 on the box (each variable x_i ∈ [lo_i, hi_i], lo_i < hi_i) for every value of the other symbols that
    /// `coefficientNonNegative` allows: NonNegative when proven, NegativeAt a vertex where p is a negative number,
    /// NotDecided otherwise. At most `maxDepth` halvings (every axis in turn) and `maxBoxes` sub-boxes.
    let nonNegative (coefficientNonNegative: Expr -> bool) (maxDepth: int) (maxBoxes: int) (box: (Expr * Q * Q) list) (p: Expr) : BoxVerdict =
        match box |> List.tryFind (fun (x, lo, hi) -> not (Polynomial.isPolynomialIn x p) || lo >= hi) with
        | Some(x, lo, hi) when lo >= hi -> NotDecided(sprintf "the interval of %s is empty" (Infix.format x))
        | Some(x, _, _) -> NotDecided(sprintf "not a polynomial in %s" (Infix.format x))
        | None ->
        let n = box.Length
        let ys = [| for i in 0 .. n - 1 -> Symbol(sprintf "box_y%d" i) |]
        let onUnit =
            Algebraic.expand (Structure.substituteMany (box |> List.mapi (fun i (x, lo, hi) -> x, Number lo + Number(hi - lo) * ys.[i])) p)
        let others = Polynomial.kernels onUnit |> List.filter (fun k -> not (Array.contains k ys))
        if others |> List.exists (fun k -> ys |> Array.exists (fun y -> not (Structure.freeOf y k))) then
            NotDecided "a box variable occurs inside a non-polynomial kernel"
        else
        let ring = PolyRing(Array.append ys (Array.ofList others))
        let poly = ring.OfExpr onUnit
        let degrees = Array.init n (fun i -> max 0 (MPoly.degree i poly))
        let st, size = strides degrees
        let cells = Array.init size (fun _ -> Dictionary<Monomial, Q>())
        for KeyValue(m, q) in poly.Terms do
            let e = Array.copy m.Exponents
            let mutable flat = 0
            for i in 0 .. n - 1 do
                flat <- flat + e.[i] * st.[i]
                e.[i] <- 0
            cells.[flat].[Monomial e] <- q
        let toPoly (d: Dictionary<Monomial, Q>) : MPoly = { Arity = ring.Arity; Terms = d |> Seq.map (fun kv -> kv.Key, kv.Value) |> Map.ofSeq }
        let grid0 = { Degrees = degrees; Strides = st; Cells = cells |> Array.map toPoly }
        let grid = [ 0 .. n - 1 ] |> List.fold toBernsteinAlong grid0
        // memoised coefficient test: a number by its sign, a polynomial in the parameters by the caller's test
        let memo = Dictionary<MPoly, bool>(HashIdentity.Structural)
        let decided (c: MPoly) =
            if MPoly.isZero c then true
            elif MPoly.isConstant c then (MPoly.constantValue c).Sign >= 0
            else
                match memo.TryGetValue c with
                | true, r -> r
                | _ ->
                    let r = coefficientNonNegative (ring.ToExpr c)
                    memo.[c] <- r
                    r
        let vertexFlats =
            [ for corner in 0 .. (1 <<< n) - 1 ->
                  [ 0 .. n - 1 ] |> List.sumBy (fun i -> (if (corner >>> i) &&& 1 = 1 then degrees.[i] else 0) * st.[i]) ]
        let axes = [ 0 .. n - 1 ] |> List.filter (fun i -> degrees.[i] > 0) |> List.sortByDescending (fun i -> degrees.[i])
        let boxes = ref 0
        // sub-box bounds in y (lower, upper per axis), for the witness
        let rec check (g: Grid) (depth: int) (ylo: Q[]) (yhi: Q[]) : Result<unit, BoxVerdict> =
            boxes.Value <- boxes.Value + 1
            let negativeVertex =
                vertexFlats
                |> List.tryFind (fun flat -> let c = g.Cells.[flat] in MPoly.isConstant c && (MPoly.constantValue c).Sign < 0)
            match negativeVertex with
            | Some flat ->
                let point =
                    box |> List.mapi (fun i (x, lo, hi) ->
                        let atUpper = degrees.[i] > 0 && (flat / st.[i]) % (degrees.[i] + 1) = degrees.[i]
                        let y = if atUpper then yhi.[i] else ylo.[i]
                        x, lo + (hi - lo) * y)
                Error(NegativeAt point)
            | None ->
                if g.Cells |> Array.forall decided then Ok()
                elif depth >= maxDepth || axes.IsEmpty || boxes.Value >= maxBoxes then
                    Error(NotDecided(sprintf "a Bernstein coefficient of degrees %s is not shown ≥ 0 after %d halvings of the box" (String.Join("×", degrees)) depth))
                else
                    let axis = axes.[depth % axes.Length]
                    let lower, upper = splitAlong g axis
                    let mid = (ylo.[axis] + yhi.[axis]) / Q.OfInt 2
                    let yhiL = Array.copy yhi
                    yhiL.[axis] <- mid
                    let yloU = Array.copy ylo
                    yloU.[axis] <- mid
                    match check lower (depth + 1) ylo yhiL with
                    | Ok() -> check upper (depth + 1) yloU yhi
                    | e -> e
        match check grid 0 (Array.create n Q.Zero) (Array.create n Q.One) with
        | Ok() -> NonNegative(boxes.Value, List.ofArray degrees)
        | Error v -> v

    /// The Bernstein coefficients b_0 … b_d of p in the one variable x on [lo, hi] (lo < hi): p = Σ_k b_k C(d, k) y^k (1 − y)^(d − k)
    /// with x = lo + (hi − lo) y; the b_k are expanded polynomials in the other symbols (p ≥ 0 on the interval when
    /// every b_k ≥ 0; b_0 and b_d are p at lo and hi). None when p is not a polynomial in x.
    let coefficientsAlong (x: Expr) (lo: Q) (hi: Q) (p: Expr) : Expr list option =
        if not (Polynomial.isPolynomialIn x p) || lo >= hi then None
        else
            let y = Symbol "box_y"
            let g = Algebraic.expand (Structure.substitute x (Number lo + Number(hi - lo) * y) p)
            let a = Polynomial.coefficients y g |> Array.ofList
            let d = a.Length - 1
            Some
                [ for k in 0 .. d ->
                      Algebraic.expand (Ops.sum [ for j in 0 .. k -> Number(binomial k j / binomial d j) * a.[j] ]) ]
