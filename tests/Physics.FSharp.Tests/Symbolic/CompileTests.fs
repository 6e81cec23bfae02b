module NuDM.Physics.Tests.CompileTests

open System
open System.Collections.Generic
open System.Diagnostics
open System.Text.RegularExpressions
open System.Threading.Tasks
open NUnit.Framework
open FsCheck
open FsCheck.FSharp
open FsCheck.NUnit
open MathNet.Numerics
open NuDM.Symbolic
open NuDM.Physics.Tests.Generators

// ------------------------------------------------------------------------------------------ helpers

let private names = [ "x"; "y"; "z"; "m_chi"; "E_nu" ]

let private env (values: float[]) : IDictionary<string, float> =
    let d = Dictionary<string, float>()
    List.iteri (fun i n -> d.[n] <- values.[i]) names
    d :> _

/// FNV-1a of the debug text: a seed that is the same in every run (String.GetHashCode is randomised per process).
let private stableSeed (e: Expr) =
    string e |> Seq.fold (fun (h: uint32) c -> (h ^^^ uint32 c) * 16777619u) 2166136261u |> int

/// Points with all five symbols in [0.1, 10].
let private pointsFor (e: Expr) (count: int) : float[][] =
    let rnd = Random(stableSeed e)
    Array.init count (fun _ -> Array.init names.Length (fun _ -> 0.1 + 9.9 * rnd.NextDouble()))

let private sameDouble (a: float) (b: float) =
    BitConverter.DoubleToInt64Bits a = BitConverter.DoubleToInt64Bits b || (Double.IsNaN a && Double.IsNaN b)

let private countOf (pattern: string) (text: string) = Regex.Matches(text, Regex.Escape pattern).Count

// ---------------------------------------------------------------- condition-aware comparison with the tree
//
// The compiled code evaluates the same formula as Evaluate but in a different order in places (a product becomes
// numerator / denominator, x^3 becomes x·x·x instead of Math.Pow, x^(3/2) becomes x·sqrt x), so the two results
// differ by rounding. For a well-conditioned expression that is a few ulps, far below the 1e-12 relative target.
// For an ill-conditioned one (a sum that cancels, then maybe fed to 1/·, sqrt, ln, ...) the same few ulps in an
// intermediate are amplified, and a relative comparison of the final values would fail for no bug at all.
//
// So, next to the value, we compute a first-order running error bound δ (standard forward error analysis): the
// absolute error each evaluation may have relative to the exact value of the formula at the same (double) inputs,
// charging UNIT relative error per rounded operation (2^-52 = two half-ulps, which also covers System.Math's
// functions, faithful to < 1 ulp) and propagating input errors with the derivatives. Two evaluations that both
// satisfy |result − exact| ≤ δ differ by at most 2δ. We accept a compiled value when
//     |compiled − tree| ≤ max(1e-12 · |tree|, 4δ)
// (4δ: a factor 2 of slack over 2δ for the neglected second-order terms). For well-conditioned expressions δ is
// ~1e-15 relative, so the 1e-12 target is what is tested; δ only takes over where cancellation really happened.
// Where δ exceeds 1e-6 · |tree| the value is dominated by rounding and comparing it tests nothing: such points are
// skipped and counted (``the comparison with the tree is informative`` checks that they are rare and that the
// tolerance catches a relative error of 1e-9 nearly everywhere, so it cannot hide real bugs).

let private unit' = Math.Pow(2.0, -52)

let rec private valueAndBound (values: IDictionary<string, float>) (e: Expr) : float * float =
    let vb = valueAndBound values
    match e with
    | Number q -> q.ToDouble(), 0.0
    | Symbol s -> values.[s], 0.0
    | Constant Pi -> Math.PI, 0.0
    | Sum ts ->
        let parts = ts |> List.map vb
        let v = parts |> List.map fst |> List.reduce (+)
        let magnitude = parts |> List.sumBy (fun (p, _) -> abs p)
        v, (parts |> List.sumBy snd) + float ts.Length * unit' * magnitude
    | Product fs ->
        let parts = fs |> List.map vb
        let v = parts |> List.map fst |> List.reduce (*)
        // Σ_i δ_i Π_{j≠i} |v_j| (written without division so that zero factors are handled)
        let propagated =
            parts
            |> List.mapi (fun i (_, d) ->
                if d = 0.0 then 0.0
                else d * (parts |> List.mapi (fun j (p, _) -> if i = j then 1.0 else abs p) |> List.reduce (*)))
            |> List.sum
        v, propagated + 2.0 * float fs.Length * unit' * abs v
    | Power(b, x) ->
        let b, db = vb b
        let x, dx = vb x
        let v = Math.Pow(b, x)
        let fromBase = if db = 0.0 then 0.0 else abs (x * Math.Pow(b, x - 1.0)) * db
        let fromExponent = if dx = 0.0 then 0.0 else abs (v * Math.Log(abs b)) * dx
        // a chain x·x·…·x of n factors has relative error ≤ (n − 1)·u; charge |x| + 2 units
        v, fromBase + fromExponent + (abs x + 2.0) * unit' * abs v
    | Apply(f, args) ->
        match f, args with
        | Exp, [ a ] ->
            let a, da = vb a
            let v = Math.Exp a
            v, abs v * (da + unit')
        | Ln, [ a ] ->
            let a, da = vb a
            let v = Math.Log a
            v, da / abs a + unit' * abs v
        | (Sin | Cos), [ a ] ->
            let a, da = vb a
            let v = if f = Sin then Math.Sin a else Math.Cos a
            v, da + unit' * abs v // |sin'|, |cos'| ≤ 1
        | Tan, [ a ] ->
            let a, da = vb a
            let v = Math.Tan a
            v, (1.0 + v * v) * da + unit' * abs v
        | Abs, [ a ] ->
            let a, da = vb a
            abs a, da
        | Named "BesselK", [ n; a ] ->
            let n, _ = vb n // exact small integers in the generator
            let a, da = vb a
            let v = SpecialFunctions.BesselK(n, a)
            // K_n'(x) = −K_{n−1}(x) − (n/x)·K_n(x) and K_{n−1} ≤ K_n for n ≥ 1/2, x > 0, so |K_n'| ≤ K_n·(1 + n/x)
            v, abs v * (1.0 + abs (n / a)) * da + 4.0 * unit' * abs v
        | _ -> failwithf "no error bound for %O" e
    | Undefined
    | ComplexInfinity -> nan, 0.0
    | PositiveInfinity -> infinity, 0.0
    | NegativeInfinity -> -infinity, 0.0

type private Outcome =
    | NotFinite // the tree value is NaN, infinite or beyond 1e100
    | IllConditioned // rounding dominates the value: nothing to compare
    | Strict // within 1e-12 relative
    | WithinBound // only within the condition-aware bound
    | Mismatch of string

let private compareWithTree (e: Expr) (point: float[]) (compiled: float) : Outcome =
    let values = env point
    let tree = Evaluate.evaluate values e
    let _, delta = valueAndBound values e
    if Double.IsNaN tree || Double.IsInfinity tree || abs tree > 1e100 then NotFinite
    elif Double.IsNaN delta || Double.IsInfinity delta || delta > 1e-6 * abs tree then IllConditioned
    else
        let diff = abs (compiled - tree)
        if diff <= 1e-12 * abs tree then Strict
        elif diff <= 4.0 * delta then WithinBound
        else
            Mismatch(
                sprintf "%O at %A: compiled %.17g, tree %.17g, |diff| %.3g, relative %.3g, error bound δ %.3g"
                    e point compiled tree diff (diff / abs tree) delta)

let private compileAll (e: Expr) = Compile.compileArrayUncached names e

// ------------------------------------------------------------------------------------------ properties

[<Property(Arbitrary = [| typeof<ExprArbitrary> |], MaxTest = 300)>]
let ``compiled value equals the tree evaluation at random points`` (e: Expr) =
    let f = compileAll e
    for p in pointsFor e 8 do
        match compareWithTree e p (f.Invoke p) with
        | Mismatch msg -> failwith msg
        | _ -> ()

[<Property(Arbitrary = [| typeof<ExprArbitrary> |], MaxTest = 150)>]
let ``typed, array and multi-output forms agree bit for bit`` (e: Expr) (g: Expr) =
    // the three forms lower to the same operations (CSE never changes a value), so the results are identical
    let typed = Compile.compileDelegateUncached names e :?> Func<float, float, float, float, float, float>
    let array = Compile.compileArrayUncached names e
    let arrayG = Compile.compileArrayUncached names g
    let many = Compile.compileManyUncached names [ e; g; e ]
    let out = Array.zeroCreate 3
    for p in pointsFor e 4 do
        let a = array.Invoke p
        let t = typed.Invoke(p.[0], p.[1], p.[2], p.[3], p.[4])
        many.Invoke(p, out)
        if not (sameDouble a t && sameDouble a out.[0] && sameDouble a out.[2] && sameDouble (arrayG.Invoke p) out.[1]) then
            failwithf "%O, %O at %A: array %.17g typed %.17g many %A, array of g %.17g" e g p a t out (arrayG.Invoke p)

[<Test>]
let ``the comparison with the tree is informative`` () =
    // Guards the tolerance above against being vacuous: over a fixed sample, most points must be compared (not
    // skipped), and a compiled value that is off by a relative 1e-9 must be caught at nearly every compared point.
    let sample = Gen.sampleWithSeed (Rnd(12345UL)) 24 400 Generators.expr
    let mutable compared, notFinite, illConditioned, strict, caught, nonzero = 0, 0, 0, 0, 0, 0
    for e in sample do
        let f = compileAll e
        for p in pointsFor e 8 do
            let c = f.Invoke p
            match compareWithTree e p c with
            | NotFinite -> notFinite <- notFinite + 1
            | IllConditioned -> illConditioned <- illConditioned + 1
            | Mismatch msg -> Assert.Fail msg
            | outcome ->
                compared <- compared + 1
                if outcome = Strict then strict <- strict + 1
                // a relative perturbation of an exact zero is no perturbation: count nonzero values only
                if c <> 0.0 then
                    nonzero <- nonzero + 1
                    match compareWithTree e p (c * (1.0 + 1e-9)) with
                    | Mismatch _ -> caught <- caught + 1
                    | _ -> ()
    let total = compared + notFinite + illConditioned
    TestContext.Out.WriteLine(
        sprintf "points %d: compared %d (strict %d), not finite %d, ill-conditioned %d; a 1e-9 error caught at %d of %d nonzero"
            total compared strict notFinite illConditioned caught nonzero)
    Assert.That(float compared, Is.GreaterThan(0.6 * float total), "too many points skipped")
    Assert.That(float caught, Is.GreaterThan(0.98 * float nonzero), "the tolerance lets a 1e-9 relative error through")

// ------------------------------------------------------------------------------------------ common subexpressions

let private r = Ops.sqrt (x ** 2 + y ** 2)

[<Test>]
let ``a subtree used three times is computed once`` () =
    let e = r + Ops.sin r * Ops.exp r
    let d = Compile.describe [ "x"; "y" ] e
    Assert.That(d.CseLocals, Is.EqualTo 1, d.DebugView)
    Assert.That(countOf "Math.Sqrt" d.DebugView, Is.EqualTo 1, d.DebugView)
    let f = Compile.compile2 "x" "y" e
    let rr = Math.Sqrt(3.0 * 3.0 + 4.0 * 4.0)
    Assert.That(f.Invoke(3.0, 4.0), Is.EqualTo(rr + Math.Sin rr * Math.Exp rr).Within(1e-15).Percent)

[<Test>]
let ``an expression without repeats needs no locals`` () =
    let d = Compile.describe [ "x"; "y"; "z" ] (x + y * z)
    Assert.That(d.CseLocals, Is.EqualTo 0)
    Assert.That(d.DebugView, Does.Not.Contain ".Block")

[<Test>]
let ``outputs of the multi-output form share their subexpressions`` () =
    let es = [ r; x * r; Ops.ln r ]
    let d = Compile.describeMany [ "x"; "y" ] es
    Assert.That(d.CseLocals, Is.EqualTo 1, d.DebugView)
    Assert.That(d.InputLocals, Is.EqualTo 2)
    Assert.That(countOf "Math.Sqrt" d.DebugView, Is.EqualTo 1, d.DebugView)
    let f = Compile.compileMany [ "x"; "y" ] es
    let out = Array.zeroCreate 3
    f.Invoke([| 3.0; 4.0 |], out)
    Assert.That(out, Is.EqualTo(box [| 5.0; 15.0; Math.Log 5.0 |]))

[<Test>]
let ``powers produced by lowering are shared as well`` () =
    // m^2 and m^4 = (m^2)^2: one local for m·m; y^2 and y^-2: one local for y·y
    let m = Expr.Sym "m"
    let d = Compile.describe [ "m"; "y" ] (m ** 2 + m ** 4 + y ** 2 + 1 / y ** 2)
    Assert.That(d.CseLocals, Is.EqualTo 2, d.DebugView)
    Assert.That(countOf "*" d.DebugView, Is.EqualTo 3, d.DebugView)

[<Test>]
let ``T_max compiles with shared subexpressions and agrees with the hand-written formula`` () =
    let E, M, m = Expr.Sym "E", Expr.Sym "M", Expr.Sym "m"
    let tmax = (2 * M * E ** 2 - m ** 2 * (E + M) + E * Ops.sqrt (4 * M ** 2 * E ** 2 - 4 * M * m ** 2 * (E + M) + m ** 4)) / (2 * M * (2 * E + M))
    let d = Compile.describe [ "E"; "M"; "m" ] tmax
    // E^2, E + M and m^2 are each used twice
    Assert.That(d.CseLocals, Is.EqualTo 3, d.DebugView)
    Assert.That(countOf " / " d.DebugView, Is.EqualTo 1, d.DebugView)
    Assert.That(d.DebugView, Does.Not.Contain "Pow")
    let f = Compile.compile3 "E" "M" "m" tmax
    let hand (E: float) (M: float) (m: float) =
        (2.0 * M * E * E - m * m * (E + M) + E * Math.Sqrt(4.0 * M * M * E * E - 4.0 * M * m * m * (E + M) + m * m * m * m))
        / (2.0 * M * (2.0 * E + M))
    let rnd = Random 7
    for _ in 1..1000 do
        let E, M, m = 1.0 + 100.0 * rnd.NextDouble(), 0.1 + 10.0 * rnd.NextDouble(), 1e-3 + rnd.NextDouble()
        Assert.That(f.Invoke(E, M, m), Is.EqualTo(hand E M m).Within(1e-12).Percent)

// ------------------------------------------------------------------------------------------ fast forms

[<Test>]
let ``powers use multiplication chains, sqrt and one division`` () =
    let cases : (Expr * (float -> float -> float)) list =
        [ Ops.pow x (Expr.Int -3), (fun x _ -> 1.0 / (x * x * x))
          Ops.pow x (Expr.Rational(3, 2)), (fun x _ -> x * Math.Sqrt x)
          1 / Ops.sqrt x, (fun x _ -> 1.0 / Math.Sqrt x)
          Ops.pow x (Expr.Rational(-1, 2)), (fun x _ -> 1.0 / Math.Sqrt x)
          x / y ** 2, (fun x y -> x / (y * y))
          x ** 2, (fun x _ -> x * x)
          x ** 4, (fun x _ -> let t = x * x in t * t)
          x ** 5, (fun x _ -> let t = x * x in t * t * x)
          Ops.pow x (Expr.Rational(5, 2)), (fun x _ -> x * x * Math.Sqrt x)
          Ops.pow x (Expr.Int 20), (fun x _ -> Math.Pow(x, 20.0))
          Ops.pow x (Expr.Rational(1, 3)), (fun x _ -> Math.Pow(x, 1.0 / 3.0))
          x - y, (fun x y -> x - y)
          3 * x / (y ** 2 * Ops.sqrt z), (fun x y -> 3.0 * x / (y * y * Math.Sqrt 1.5)) ]
    // exactly representable checks first
    let at (e: Expr) (xv: float) (yv: float) = Compile.compileArray [ "x"; "y"; "z" ] e |> fun f -> f.Invoke [| xv; yv; 1.5 |]
    Assert.That(at (Ops.pow x (Expr.Int -3)) 2.0 0.0, Is.EqualTo 0.125)
    Assert.That(at (Ops.pow x (Expr.Rational(3, 2))) 4.0 0.0, Is.EqualTo 8.0)
    Assert.That(at (1 / Ops.sqrt x) 4.0 0.0, Is.EqualTo 0.5)
    Assert.That(at (x / y ** 2) 3.0 2.0, Is.EqualTo 0.75)
    // and bit-identical to the hand-written forms everywhere
    let rnd = Random 3
    for (e, hand) in cases do
        for _ in 1..200 do
            let xv, yv = 0.01 + 100.0 * rnd.NextDouble(), 0.01 + 100.0 * rnd.NextDouble()
            let c = at e xv yv
            Assert.That(sameDouble c (hand xv yv), sprintf "%O at x=%.17g y=%.17g: %.17g vs %.17g" e xv yv c (hand xv yv))
    // and also within a few ulps of the reference evaluator
    for (e, _) in cases do
        let v = Evaluate.evaluateAt [ "x"; "y"; "z" ] [| 1.7; 2.9; 1.5 |] e
        Assert.That(at e 1.7 2.9, Is.EqualTo(v).Within(1e-13).Percent, string e)

[<Test>]
let ``a product with negative exponents is one division and a sum with negative terms subtracts`` () =
    let d = Compile.describe [ "x"; "y"; "z" ] (x * y / (z ** 2 * Ops.sqrt x * (x + y)))
    Assert.That(countOf " / " d.DebugView, Is.EqualTo 1, d.DebugView)
    Assert.That(d.DebugView, Does.Not.Contain "Pow")
    let d = Compile.describe [ "x"; "y"; "z" ] (x - 3 * y - z / x)
    Assert.That(countOf " - " d.DebugView, Is.EqualTo 2, d.DebugView)
    Assert.That(d.DebugView, Does.Not.Contain("-1D").And.Not.Contain("-3D"))
    Assert.That((Compile.compile3 "x" "y" "z" (x - 3 * y - z / x)).Invoke(10.0, 2.0, 5.0), Is.EqualTo 3.5)
    Assert.That((Compile.compile2 "x" "y" (y - x)).Invoke(1.0, 5.0), Is.EqualTo 4.0)
    Assert.That((Compile.compile1 "x" (-x)).Invoke 2.0, Is.EqualTo(-2.0))

[<Test>]
let ``constants are folded`` () =
    let d = Compile.describe [ "x" ] (2 * Ops.pi * Ops.sqrt (Expr.Int 2) * x)
    Assert.That(d.DebugView, Does.Not.Contain("Sqrt").And.Not.Contain("3.14"))
    Assert.That((Compile.compile1 "x" (Ops.sqrt (Expr.Int 2))).Invoke 0.0, Is.EqualTo(Math.Sqrt 2.0))

[<Test>]
let ``parameter order is the order given`` () =
    let e = x + 10 * y + 100 * z
    Assert.That((Compile.compile3 "z" "x" "y" e).Invoke(1.0, 2.0, 3.0), Is.EqualTo 132.0)
    let ps = [ for i in 1..8 -> sprintf "p%d" i ]
    let e8 = ps |> List.mapi (fun i p -> Expr.Int(pown 2 i) * Expr.Sym p) |> List.reduce (+)
    let f8 = Compile.compile8 ps.[0] ps.[1] ps.[2] ps.[3] ps.[4] ps.[5] ps.[6] ps.[7] e8
    Assert.That(f8.Invoke(1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0), Is.EqualTo(1.0 + 4.0 + 128.0))
    Assert.That((Compile.compileArray ps e8).Invoke [| 0.0; 1.0; 0.0; 0.0; 0.0; 0.0; 1.0; 0.0 |], Is.EqualTo(2.0 + 64.0))
    let f7 = Compile.compile7 "a" "b" "c" "d" "e" "f" "g" (Expr.Sym "g" - Expr.Sym "a")
    Assert.That(f7.Invoke(1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 5.0), Is.EqualTo 4.0)
    // unused parameters are fine
    Assert.That((Compile.compile4 "x" "y" "z" "w" x).Invoke(1.5, 0.0, 0.0, 0.0), Is.EqualTo 1.5)

// ------------------------------------------------------------------------------------------ special values

[<Test>]
let ``undefined and infinities`` () =
    for (e, expected) in [ Undefined, nan; ComplexInfinity, nan; PositiveInfinity, infinity; NegativeInfinity, -infinity ] do
        Assert.That(sameDouble (Evaluate.evaluate (dict []) e) expected, string e)
        Assert.That(sameDouble ((Compile.compileArray [] e).Invoke [||]) expected, string e)
    // complex results are NaN in both
    let e = Ops.sqrt (x - 2)
    Assert.That(Evaluate.evaluateAt [ "x" ] [| 1.0 |] e, Is.NaN)
    Assert.That((Compile.compile1 "x" e).Invoke 1.0, Is.NaN)
    Assert.That((Compile.compile1 "x" (Ops.sin (Ops.ln x))).Invoke(-1.0), Is.NaN)

// ------------------------------------------------------------------------------------------ BesselK

[<Test>]
let ``BesselK is MathNet's value in both evaluator and compiled code`` () =
    let e = Ops.besselK (Expr.Int 2) x
    let f = Compile.compile1 "x" e
    for v in [ 0.01; 0.5; 1.0; 2.5; 10.0; 100.0 ] do
        let expected = SpecialFunctions.BesselK(2.0, v)
        Assert.That(Evaluate.evaluateAt [ "x" ] [| v |] e, Is.EqualTo expected)
        Assert.That(f.Invoke v, Is.EqualTo expected)
    Assert.That((Compile.compile2 "n" "x" (Ops.besselK (Expr.Sym "n") x)).Invoke(1.0, 3.0), Is.EqualTo(SpecialFunctions.BesselK(1.0, 3.0)))
    // an order given as a number with symbolic argument 2x: K_1(2x)
    Assert.That((Compile.compile1 "x" (Ops.besselK Ops.one (2 * x))).Invoke 1.5, Is.EqualTo(SpecialFunctions.BesselK(1.0, 3.0)))

[<Test>]
let ``BesselK for large arguments underflows to zero without NaN, earlier than necessary`` () =
    // Observed with MathNet.Numerics 5.0.0: K_n(x) for large x flushes to exactly 0 (no NaN, no exception), but it
    // does so from x ≈ 697.9 on (Amos' underflow guard), although the true value there (≈ 4e-305) is still a normal
    // double and only underflows near x ≈ 705 (to subnormals, 0 beyond ≈ 745). Formulas that need K_n e^x for large
    // x (thermal averages at small T) should be rewritten to use SpecialFunctions.BesselKScaled.
    let f = Compile.compile1 "x" (Ops.besselK (Expr.Int 2) x)
    Assert.That(f.Invoke 600.0, Is.GreaterThan 0.0)
    Assert.That(f.Invoke 697.8, Is.GreaterThan 0.0)
    Assert.That(f.Invoke 698.0, Is.EqualTo 0.0)
    Assert.That(f.Invoke 800.0, Is.EqualTo 0.0)
    Assert.That(f.Invoke 1e6, Is.EqualTo 0.0)
    Assert.That(f.Invoke infinity, Is.EqualTo 0.0)
    Assert.That(SpecialFunctions.BesselKScaled(2.0, 698.0) * Math.Exp(-698.0), Is.GreaterThan 1e-305)
    // and the other ends
    Assert.That(f.Invoke 0.0, Is.EqualTo infinity)
    Assert.That(f.Invoke(-1.0), Is.NaN)

// ------------------------------------------------------------------------------------------ errors

[<Test>]
let ``an unknown symbol is named in the error`` () =
    let e = x + Expr.Sym "w"
    let check (f: unit -> obj) =
        let ex = Assert.Throws<ArgumentException>(fun () -> f () |> ignore)
        Assert.That(ex.Message, Does.Contain "'w'")
        Assert.That(ex.Message, Does.Contain "x")
    check (fun () -> Compile.compileArray [ "x" ] e)
    check (fun () -> Compile.compile1 "x" e)
    check (fun () -> Compile.compileMany [ "x" ] [ x; e ])
    check (fun () -> Compile.toLambda [ "x" ] e)
    check (fun () -> Compile.compileArrayUncached [ "x" ] e)
    let ex = Assert.Throws<ArgumentException>(fun () -> Evaluate.evaluateAt [ "x"; "y" ] [| 1.0; 2.0 |] e |> ignore)
    Assert.That(ex.Message, Does.Contain("'w'").And.Contain("x, y"))
    // the failure is not cached
    Assert.Throws<ArgumentException>(fun () -> Compile.compileArray [ "x" ] e |> ignore) |> ignore
    Assert.That((Compile.compileArray [ "x"; "w" ] e).Invoke [| 1.0; 2.0 |], Is.EqualTo 3.0)

[<Test>]
let ``bad parameter lists and arrays are rejected`` () =
    Assert.Throws<ArgumentException>(fun () -> Compile.compileArray [ "x"; "x" ] x |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> Compile.compileArray [ "x"; "" ] x |> ignore) |> ignore
    let f = Compile.compileArray [ "x"; "y" ] (x * y)
    Assert.Throws<ArgumentException>(fun () -> f.Invoke [| 1.0 |] |> ignore) |> ignore
    let g = Compile.compileMany [ "x" ] [ x; 2 * x ]
    Assert.Throws<ArgumentException>(fun () -> g.Invoke([| 1.0 |], Array.zeroCreate 1)) |> ignore
    Assert.Throws<ArgumentException>(fun () -> Evaluate.evaluateAt [ "x" ] [| 1.0; 2.0 |] x |> ignore) |> ignore

[<Test>]
let ``an unknown named function is a clear error and registered ones are used`` () =
    let name = "TestFn_" + Guid.NewGuid().ToString("N")
    let e = Ops.apply (Named name) [ x ] + 1
    let ex = Assert.Throws<NotSupportedException>(fun () -> Compile.compile1 "x" e |> ignore)
    Assert.That(ex.Message, Does.Contain name)
    let ex = Assert.Throws<NotSupportedException>(fun () -> Evaluate.evaluateAt [ "x" ] [| 1.0 |] e |> ignore)
    Assert.That(ex.Message, Does.Contain name)
    try
        Functions.registerUnary name (Func<float, float>(fun v -> 10.0 * v))
        Assert.That(Functions.isKnown name)
        Assert.That(Evaluate.evaluateAt [ "x" ] [| 2.0 |] e, Is.EqualTo 21.0)
        let f = Compile.compile1 "x" e
        Assert.That(f.Invoke 2.0, Is.EqualTo 21.0)
        // re-registration: new compilations see the new implementation, old delegates keep theirs
        Functions.registerUnary name (Func<float, float>(fun v -> 100.0 * v))
        Assert.That((Compile.compile1 "x" e).Invoke 2.0, Is.EqualTo 201.0)
        Assert.That(f.Invoke 2.0, Is.EqualTo 21.0)
        // wrong number of arguments
        let e2 = Ops.apply (Named name) [ x; x ]
        Assert.Throws<ArgumentException>(fun () -> Compile.compile1 "x" e2 |> ignore) |> ignore
        // array and binary registrations
        Functions.register name (Func<float[], float>(fun a -> Array.sum a))
        Assert.That((Compile.compile1 "x" e2).Invoke 2.0, Is.EqualTo 4.0)
        Assert.That(Evaluate.evaluateAt [ "x" ] [| 2.0 |] e2, Is.EqualTo 4.0)
        Functions.registerBinary name (Func<float, float, float>(fun a b -> a - 2.0 * b))
        Assert.That((Compile.compile2 "x" "y" (Ops.apply (Named name) [ x; y ])).Invoke(1.0, 3.0), Is.EqualTo(-5.0))
    finally
        Functions.unregister name |> ignore
    Assert.That(Functions.isKnown name, Is.False)
    Assert.Throws<NotSupportedException>(fun () -> Compile.compile1 "x" e |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> Functions.registerUnary "BesselK" (Func<float, float>(id))) |> ignore

// ------------------------------------------------------------------------------------------ evaluator, cache

[<Test>]
let ``the evaluator takes a dictionary or names with values`` () =
    let e = x ** 2 * y + Ops.exp z - Ops.pi
    let expected = 9.0 * 2.0 + Math.Exp 0.5 - Math.PI
    Assert.That(Evaluate.evaluate (dict [ "x", 3.0; "y", 2.0; "z", 0.5 ]) e, Is.EqualTo(expected).Within(1e-14).Percent)
    Assert.That(Evaluate.evaluateAt [ "z"; "y"; "x" ] [| 0.5; 2.0; 3.0 |] e, Is.EqualTo(expected).Within(1e-14).Percent)
    Assert.That(Evaluate.evaluate (dict []) (Expr.Rational(1, 3)), Is.EqualTo(1.0 / 3.0))
    Assert.That(Evaluate.evaluateAt [ "x" ] [| 0.3 |] (Ops.tan x + Ops.abs (x - 1)), Is.EqualTo(Math.Tan 0.3 + 0.7).Within(1e-14).Percent)

[<Test>]
let ``compiled delegates are cached, thread-safely`` () =
    let e = Ops.sin x * Ops.cos y + Expr.Rational(17, 13)
    let a = Compile.compileArray [ "x"; "y" ] e
    Assert.That(Compile.compileArray [ "x"; "y" ] e, Is.SameAs a)
    Assert.That(Compile.compileArray [ "y"; "x" ] e, Is.Not.SameAs a)
    Assert.That(Compile.compileArrayUncached [ "x"; "y" ] e, Is.Not.SameAs a)
    Assert.That(Compile.compile2 "x" "y" e, Is.SameAs(Compile.compile2 "x" "y" e))
    let e2 = Ops.cos x * Ops.sin y + Expr.Rational(19, 13)
    let results = Array.zeroCreate<Func<float[], float>> 16
    Parallel.For(0, results.Length, fun i -> results.[i] <- Compile.compileArray [ "x"; "y" ] e2) |> ignore
    Assert.That(results |> Array.forall (fun f -> obj.ReferenceEquals(f, results.[0])))
    Assert.That(Compile.cacheCount (), Is.GreaterThan 0)

[<Test>]
let ``lambdas are available for inspection`` () =
    let l = Compile.toLambda [ "x"; "y" ] (x * y)
    Assert.That(l.Parameters |> Seq.map (fun p -> p.Name), Is.EqualTo(box [| "x"; "y" |]))
    Assert.That(l.Type, Is.EqualTo typeof<Func<float, float, float>>)
    let la = Compile.toArrayLambda [ "x"; "y" ] (x * y)
    Assert.That(la.Compile().Invoke [| 2.0; 3.0 |], Is.EqualTo 6.0)
    let lm = Compile.toManyLambda [ "x" ] [ x; x * x ]
    let out = Array.zeroCreate 2
    lm.Compile().Invoke([| 3.0 |], out)
    Assert.That(out, Is.EqualTo(box [| 3.0; 9.0 |]))

// ------------------------------------------------------------------------------------------ benchmark

// The loops are top-level methods with AggressiveOptimization so that they run as fully optimised code from the
// first call (a closure called a dozen times would stay in tier-0/OSR code and dilute the ratio towards 1).

let private tmaxHand (E: float) (M: float) (m: float) =
    (2.0 * M * E * E - m * m * (E + M) + E * Math.Sqrt(4.0 * M * M * E * E - 4.0 * M * m * m * (E + M) + m * m * m * m))
    / (2.0 * M * (2.0 * E + M))

[<Runtime.CompilerServices.MethodImpl(Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)>]
let private timeDelegate (f: Func<float, float, float, float>) (es: float[]) (ms: float[]) (ls: float[]) (calls: int) =
    let sw = Stopwatch.StartNew()
    let mutable s = 0.0
    let mask = es.Length - 1
    for i in 0 .. calls - 1 do
        let k = i &&& mask
        s <- s + f.Invoke(es.[k], ms.[k], ls.[k])
    sw.Elapsed.TotalMilliseconds, s

[<Runtime.CompilerServices.MethodImpl(Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)>]
let private timeDirect (es: float[]) (ms: float[]) (ls: float[]) (calls: int) =
    let sw = Stopwatch.StartNew()
    let mutable s = 0.0
    let mask = es.Length - 1
    for i in 0 .. calls - 1 do
        let k = i &&& mask
        s <- s + tmaxHand es.[k] ms.[k] ls.[k]
    sw.Elapsed.TotalMilliseconds, s

[<Test; Explicit("benchmark: run in Release, e.g. dotnet test -c Release --filter Name~benchmark")>]
let ``benchmark T_max compiled vs hand-written`` () =
    let E, M, m = Expr.Sym "E", Expr.Sym "M", Expr.Sym "m"
    let tmax = (2 * M * E ** 2 - m ** 2 * (E + M) + E * Ops.sqrt (4 * M ** 2 * E ** 2 - 4 * M * m ** 2 * (E + M) + m ** 4)) / (2 * M * (2 * E + M))
    let compiled = Compile.compile3 "E" "M" "m" tmax
    let hand = Func<float, float, float, float>(fun E M m -> tmaxHand E M m)
    let n = 1024
    let rnd = Random 1
    let es, ms, ls = Array.init n (fun _ -> 1.0 + 10.0 * rnd.NextDouble()), Array.init n (fun _ -> 0.5 + 2.0 * rnd.NextDouble()), Array.init n (fun _ -> 1e-3 + 0.1 * rnd.NextDouble())
    let calls = 4_000_000
    let tc, th, td = ResizeArray(), ResizeArray(), ResizeArray()
    let ratios, directRatios = ResizeArray(), ResizeArray()
    for round in 1..22 do
        let c, s1 = timeDelegate compiled es ms ls calls
        let h, s2 = timeDelegate hand es ms ls calls
        let d, s3 = timeDirect es ms ls calls
        Assert.That(s1, Is.EqualTo(s2).Within(1e-12).Percent)
        Assert.That(s3, Is.EqualTo(s2).Within(1e-12).Percent)
        if round > 2 then
            tc.Add c
            th.Add h
            td.Add d
            ratios.Add(c / h)
            directRatios.Add(c / d)
    // the machine is shared: the median of the per-round ratios of interleaved runs is robust against load changes
    let median (xs: ResizeArray<float>) = (Seq.sort xs |> Array.ofSeq).[xs.Count / 2]
    let ratio = median ratios
    TestContext.Out.WriteLine(
        sprintf "T_max, %d calls, 20 interleaved rounds, medians: compiled delegate %.1f ms, hand-written F# lambda as delegate %.1f ms, hand-written direct call %.1f ms; median per-round ratio compiled/lambda %.3f, compiled/direct %.3f"
            calls (median tc) (median th) (median td) ratio (median directRatios))
    Assert.That(ratio, Is.LessThanOrEqualTo 1.3)
