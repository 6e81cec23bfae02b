module NuDM.Physics.Tests.DiracTests

open System
open System.Collections.Generic
open System.Diagnostics
open System.Numerics
open NUnit.Framework
open FsCheck
open FsCheck.FSharp
open FsCheck.NUnit
open NuDM.Symbolic

// ---- explicit 4×4 matrices (Dirac representation), independent of the symbolic code -----------------

type private Mat = Complex[,]

let private zeroM () : Mat = Array2D.create 4 4 Complex.Zero
let private identityM () : Mat = Array2D.init 4 4 (fun i j -> if i = j then Complex.One else Complex.Zero)

let private mul (a: Mat) (b: Mat) : Mat =
    Array2D.init 4 4 (fun i j ->
        let mutable s = Complex.Zero
        for k in 0 .. 3 do
            s <- s + a.[i, k] * b.[k, j]
        s)

let private add (a: Mat) (b: Mat) : Mat = Array2D.init 4 4 (fun i j -> a.[i, j] + b.[i, j])
let private scale (c: Complex) (a: Mat) : Mat = Array2D.init 4 4 (fun i j -> c * a.[i, j])
let private traceM (a: Mat) = a.[0, 0] + a.[1, 1] + a.[2, 2] + a.[3, 3]
let private daggerM (a: Mat) : Mat = Array2D.init 4 4 (fun i j -> Complex.Conjugate a.[j, i])
let private normM (a: Mat) = Math.Sqrt(Seq.sum [ for i in 0 .. 3 do for j in 0 .. 3 -> a.[i, j].Magnitude ** 2.0 ])
let private maxDiff (a: Mat) (b: Mat) = Seq.max [ for i in 0 .. 3 do for j in 0 .. 3 -> (a.[i, j] - b.[i, j]).Magnitude ]

let private ci = Complex.ImaginaryOne

/// γ^μ in the Dirac representation: γ⁰ = diag(1, 1, −1, −1), γ^k = [[0, σ_k], [−σ_k, 0]].
let private gammaM : Mat[] =
    let sigma =
        [| array2D [ [ Complex.Zero; Complex.One ]; [ Complex.One; Complex.Zero ] ]
           array2D [ [ Complex.Zero; -ci ]; [ ci; Complex.Zero ] ]
           array2D [ [ Complex.One; Complex.Zero ]; [ Complex.Zero; -Complex.One ] ] |]
    let g0 = Array2D.init 4 4 (fun i j -> if i = j then (if i < 2 then Complex.One else -Complex.One) else Complex.Zero)
    let gk (s: Complex[,]) =
        Array2D.init 4 4 (fun i j ->
            if i < 2 && j >= 2 then s.[i, j - 2]
            elif i >= 2 && j < 2 then -s.[i - 2, j]
            else Complex.Zero)
    [| g0; gk sigma.[0]; gk sigma.[1]; gk sigma.[2] |]

/// γ5 = iγ⁰γ¹γ²γ³.
let private gamma5M : Mat = scale ci (mul (mul gammaM.[0] gammaM.[1]) (mul gammaM.[2] gammaM.[3]))
let private projLM = scale (Complex(0.5, 0.0)) (add (identityM ()) (scale (Complex(-1.0, 0.0)) gamma5M))
let private projRM = scale (Complex(0.5, 0.0)) (add (identityM ()) gamma5M)

/// a̸ = γ^μ a_μ = γ⁰a⁰ − γ^k a^k for contravariant components a.
let private slashM (a: float[]) : Mat =
    let mutable m = scale (Complex(a.[0], 0.0)) gammaM.[0]
    for k in 1 .. 3 do
        m <- add m (scale (Complex(-a.[k], 0.0)) gammaM.[k])
    m

let private minkowski (a: float[]) (b: float[]) = a.[0] * b.[0] - a.[1] * b.[1] - a.[2] * b.[2] - a.[3] * b.[3]

let private permutations4 =
    let rec perms (xs: int list) =
        match xs with
        | [] -> [ [] ]
        | _ -> xs |> List.collect (fun x -> perms (List.filter ((<>) x) xs) |> List.map (fun p -> x :: p))
    perms [ 0; 1; 2; 3 ]
    |> List.map (fun p ->
        let inv = [ for i in 0 .. 3 do for j in i + 1 .. 3 do if p.[i] > p.[j] then yield 1 ] |> List.length
        (if inv % 2 = 0 then 1.0 else -1.0), Array.ofList p)

/// ε(a,b,c,d) = ε_{μνρσ} a^μ b^ν c^ρ d^σ with ε^{0123} = +1, i.e. ε_{0123} = −1: minus the determinant of the rows.
let private epsilonNumeric (vs: float[][]) =
    -(permutations4 |> List.sumBy (fun (s, p) -> s * vs.[0].[p.[0]] * vs.[1].[p.[1]] * vs.[2].[p.[2]] * vs.[3].[p.[3]]))

// ---- numeric evaluation of symbolic results -----------------------------------------------------------

let private momentumNames = [ "k1"; "k2"; "p1"; "p2"; "q" ]
let private scalarValues = dict [ "m", 1.3; "mu", -0.7 ]

let private randomVector (rng: Random) = Array.init 4 (fun _ -> rng.NextDouble() * 4.0 - 2.0)

let private randomKinematics (rng: Random) = momentumNames |> List.map (fun n -> n, randomVector rng) |> Map.ofList

let private q (x: float) = Number(Q.OfDouble x)

/// The value of an expression in dot/ε/i and the scalar symbols, with the invariants computed from the vectors.
let private numericValue (vectors: Map<string, float[]>) (e: Expr) : Complex =
    let names = vectors |> Map.toList |> List.map fst
    let dots = [ for a in names do for b in names do if String.CompareOrdinal(a, b) <= 0 then yield a, b, q (minkowski vectors.[a] vectors.[b]) ]
    let rec choose k (xs: string list) =
        match k, xs with
        | 0, _ -> [ [] ]
        | _, [] -> []
        | _, x :: rest -> (choose (k - 1) rest |> List.map (fun c -> x :: c)) @ choose k rest
    let eps = choose 4 names |> List.map (fun c -> c, q (epsilonNumeric (c |> List.map (fun n -> vectors.[n]) |> Array.ofList)))
    let s = Dirac.substituteDotsAndEpsilons dots eps e
    Assert.That(Structure.symbols s |> List.forall (fun n -> scalarValues.ContainsKey n), sprintf "unsubstituted invariants in %O" s)
    let re, im = Dirac.complexParts s
    Complex(Evaluate.evaluate scalarValues re, Evaluate.evaluate scalarValues im)

let private numericScalar (e: Expr) = numericValue Map.empty e

let private elementMatrix (vectors: Map<string, float[]>) (el: DiracElement) : Mat =
    match el with
    | DiracElement.Slash p -> slashM vectors.[p]
    | DiracElement.Scalar s -> scale (numericScalar s) (identityM ())
    | DiracElement.Gamma5 -> gamma5M
    | DiracElement.ProjectorL -> projLM
    | DiracElement.ProjectorR -> projRM

/// The explicit matrix of a Dirac string, and a magnitude bound (Σ|c| Π‖element‖) used as the error scale.
let private stringMatrix (vectors: Map<string, float[]>) (g: DiracString) : Mat * float =
    g.Terms
    |> List.fold
        (fun (acc, bound) (c, es) ->
            let ms = es |> List.map (elementMatrix vectors)
            let m = ms |> List.fold mul (identityM ())
            let cv = numericScalar c
            add acc (scale cv m), bound + cv.Magnitude * (ms |> List.fold (fun b x -> b * normM x) 2.0))
        (zeroM (), 1.0)

let private assertTraceMatches (vectors: Map<string, float[]>) (g: DiracString) =
    let m, bound = stringMatrix vectors g
    let expected = traceM m
    let actual = numericValue vectors (Dirac.trace g)
    let err = (actual - expected).Magnitude
    Assert.That(err <= 1e-9 * bound, sprintf "Tr %A: symbolic %O, matrices %O (error %g, scale %g)" g.Terms actual expected err bound)

// ---- random strings ----------------------------------------------------------------------------------

let private scalarChoices =
    [| Expr.Sym "m"; Expr.Sym "mu"; Expr.Rational(3, 2); Expr.Sym "m" - 2 * Expr.Sym "mu"; Dirac.imaginaryUnit |]

/// n slashed momenta (from five names, so repeats occur) with γ5, P_L, P_R and scalars sprinkled in.
let private randomElements (rng: Random) (n: int) : DiracElement list =
    let slashes = List.init n (fun _ -> DiracElement.Slash momentumNames.[rng.Next momentumNames.Length])
    let extras =
        List.init (rng.Next 4) (fun _ ->
            match rng.Next 5 with
            | 0 -> DiracElement.Gamma5
            | 1 -> DiracElement.ProjectorL
            | 2 -> DiracElement.ProjectorR
            | _ -> DiracElement.Scalar scalarChoices.[rng.Next scalarChoices.Length])
    extras |> List.fold (fun (acc: DiracElement list) x -> List.insertAt (rng.Next(acc.Length + 1)) x acc) slashes

let private elementGen : Gen<DiracElement> =
    Gen.frequency [ 6, Gen.elements momentumNames |> Gen.map DiracElement.Slash
                    1, Gen.constant DiracElement.Gamma5
                    1, Gen.constant DiracElement.ProjectorL
                    1, Gen.constant DiracElement.ProjectorR
                    1, Gen.elements [ Expr.Sym "m"; Expr.Rational(1, 3) ] |> Gen.map DiracElement.Scalar ]

/// Strings of up to 9 elements for the property tests.
type DiracArb =
    static member Elements() : Arbitrary<DiracElement list> =
        Gen.choose (0, 9) |> Gen.bind (fun n -> Gen.listOfLength n elementGen) |> Arb.fromGen

let private tr (es: DiracElement list) = Dirac.traceOf es
let private s = DiracElement.Slash
let private dot = Dirac.dot
let private i = Dirac.imaginaryUnit

// ---- the explicit matrices themselves ----------------------------------------------------------------

[<Test>]
let ``the explicit matrices satisfy the Clifford algebra and the gamma5 conventions`` () =
    let g = [| 1.0; -1.0; -1.0; -1.0 |]
    for mu in 0 .. 3 do
        for nu in 0 .. 3 do
            let anti = add (mul gammaM.[mu] gammaM.[nu]) (mul gammaM.[nu] gammaM.[mu])
            let expected = if mu = nu then scale (Complex(2.0 * g.[mu], 0.0)) (identityM ()) else zeroM ()
            Assert.That(maxDiff anti expected, Is.LessThan 1e-15)
        Assert.That(maxDiff (add (mul gamma5M gammaM.[mu]) (mul gammaM.[mu] gamma5M)) (zeroM ()), Is.LessThan 1e-15)
    Assert.That(maxDiff (mul gamma5M gamma5M) (identityM ()), Is.LessThan 1e-15)
    // in the Dirac representation γ5 = [[0, 1], [1, 0]]
    let offDiagonal = Array2D.init 4 4 (fun r c -> if abs (r - c) = 2 then Complex.One else Complex.Zero)
    Assert.That(maxDiff gamma5M offDiagonal, Is.LessThan 1e-15)
    Assert.That(maxDiff (mul projLM projRM) (zeroM ()), Is.LessThan 1e-15)
    Assert.That(maxDiff (mul projLM projLM) projLM, Is.LessThan 1e-15)
    // Tr(γ^0 γ^1 γ^2 γ^3 γ5) = −4i, i.e. −4i ε^{0123} with ε^{0123} = +1
    let t = traceM (mul (mul (mul gammaM.[0] gammaM.[1]) (mul gammaM.[2] gammaM.[3])) gamma5M)
    Assert.That((t - Complex(0.0, -4.0)).Magnitude, Is.LessThan 1e-14)

// ---- conventions -------------------------------------------------------------------------------------

[<Test>]
let ``gamma5 trace convention on the basis vectors`` () =
    // e0..e3 are the unit vectors of the frame; ε(e0,e1,e2,e3) = ε_{0123} = −1
    let basis = Map.ofList [ for k in 0 .. 3 -> sprintf "e%d" k, Array.init 4 (fun j -> if j = k then 1.0 else 0.0) ]
    Assert.That(epsilonNumeric [| basis.["e0"]; basis.["e1"]; basis.["e2"]; basis.["e3"] |], Is.EqualTo -1.0)
    let symbolic = tr [ DiracElement.Gamma5; s "e0"; s "e1"; s "e2"; s "e3" ]
    symbolic === -4 * i * Dirac.epsilon [ "e0"; "e1"; "e2"; "e3" ]
    let names = [ "e0"; "e1"; "e2"; "e3" ]
    // Tr(γ5 ê̸0 ê̸1 ê̸2 ê̸3) = Tr(γ5 γ^0 (−γ^1)(−γ^2)(−γ^3)) = +4i, for every order of the basis vectors
    for perm in permutations4 do
        let order = snd perm |> Array.map (fun k -> names.[k]) |> List.ofArray
        let g = Dirac.ofElements (DiracElement.Gamma5 :: (order |> List.map s))
        let m, _ = stringMatrix basis g
        let expected = traceM m
        Assert.That((expected - Complex(0.0, 4.0 * fst perm)).Magnitude, Is.LessThan 1e-14)
        let actual = numericValue basis (Dirac.trace g)
        Assert.That((actual - expected).Magnitude, Is.LessThan 1e-12, sprintf "%A" order)

[<Test>]
let ``dot and epsilon are canonical`` () =
    dot "q" "p" === dot "p" "q"
    Assert.That(dot "p" "q", Is.EqualTo(Ops.apply (Named "dot") [ Expr.Sym "p"; Expr.Sym "q" ]))
    let e = Dirac.epsilon [ "a"; "b"; "c"; "d" ]
    Assert.That(e, Is.EqualTo(Ops.apply (Named "eps") [ Expr.Sym "a"; Expr.Sym "b"; Expr.Sym "c"; Expr.Sym "d" ]))
    Dirac.epsilon [ "b"; "a"; "c"; "d" ] === -e
    Dirac.epsilon [ "d"; "c"; "b"; "a" ] === e
    Dirac.epsilon [ "b"; "c"; "d"; "a" ] === -e
    Dirac.epsilon [ "a"; "b"; "a"; "d" ] === Ops.zero
    Assert.Throws<ArgumentException>(fun () -> Dirac.epsilon [ "a"; "b"; "c" ] |> ignore) |> ignore
    // hand-built (e.g. parsed) invariants are put in canonical form
    let raw = Ops.apply (Named "eps") [ Expr.Sym "c"; Expr.Sym "a"; Expr.Sym "b"; Expr.Sym "d" ] + Ops.apply (Named "dot") [ Expr.Sym "q"; Expr.Sym "p" ]
    Dirac.canonicalize raw === e + dot "p" "q"
    Dirac.canonicalize (Ops.apply (Named "eps") [ Expr.Sym "c"; Expr.Sym "a"; Expr.Sym "c"; Expr.Sym "d" ]) === Ops.zero

[<Property(MaxTest = 100)>]
let ``epsilon is totally antisymmetric`` (seed: int) =
    let rng = Random seed
    let names = List.init 4 (fun _ -> [ "a"; "b"; "c"; "d"; "e" ].[rng.Next 5])
    let j = rng.Next 3
    let swapped = names |> List.mapi (fun k n -> if k = j then names.[j + 1] elif k = j + 1 then names.[j] else n)
    Dirac.epsilon swapped = Ops.negate (Dirac.epsilon names)

// ---- validation against the explicit matrices --------------------------------------------------------

[<Test>]
let ``traces of random strings agree with explicit gamma matrices`` () =
    let rng = Random 20251
    let mutable count = 0
    for n in 0 .. 8 do
        for _ in 1 .. 70 do
            let vectors = randomKinematics rng
            assertTraceMatches vectors (Dirac.ofElements (randomElements rng n))
            count <- count + 1
    // a few longer ones, with γ5 forced in
    for n in [ 9; 10 ] do
        for _ in 1 .. 6 do
            let vectors = randomKinematics rng
            assertTraceMatches vectors (Dirac.ofElements (DiracElement.Gamma5 :: randomElements rng n))
            count <- count + 1
    TestContext.Out.WriteLine(sprintf "validated %d random strings against 4x4 matrices" count)
    Assert.That(count, Is.EqualTo(9 * 70 + 12))

[<Test>]
let ``gamma5 strings of 4 to 10 distinct and repeated momenta agree with explicit matrices`` () =
    let rng = Random 77
    for n in [ 4; 6; 8; 10 ] do
        for _ in 1 .. 8 do
            let vectors = randomKinematics rng
            let slashes = List.init n (fun _ -> s momentumNames.[rng.Next momentumNames.Length])
            assertTraceMatches vectors (Dirac.ofElements (slashes @ [ DiracElement.Gamma5 ]))
            // all five distinct momenta in a 6- and 8-slash string
            if n >= 6 then
                let distinct = (momentumNames |> List.map s) @ List.init (n - 5) (fun _ -> s momentumNames.[rng.Next 5])
                assertTraceMatches vectors (Dirac.ofElements (DiracElement.Gamma5 :: distinct))

[<Test>]
let ``traces of random sums of strings agree with explicit gamma matrices`` () =
    let rng = Random 4242
    for _ in 1 .. 60 do
        let vectors = randomKinematics rng
        let g =
            List.init (1 + rng.Next 3) (fun _ ->
                let c = scalarChoices.[rng.Next scalarChoices.Length] + Expr.Rational(rng.Next 5 - 2, 1 + rng.Next 3)
                c * Dirac.ofElements (randomElements rng (rng.Next 7)))
            |> List.reduce (+)
        let h = Dirac.spinSumU "k1" (Expr.Sym "m") * g * Dirac.spinSumV "p2" (Expr.Sym "mu")
        assertTraceMatches vectors g
        assertTraceMatches vectors h

[<Test>]
let ``the Dirac adjoint agrees with gamma0 dagger gamma0 on explicit matrices`` () =
    let rng = Random 99
    for _ in 1 .. 40 do
        let vectors = randomKinematics rng
        let g =
            Dirac.ofElements (randomElements rng (rng.Next 5)) * (Expr.Int 2 + 3 * i)
            + i * Dirac.ofElements (randomElements rng (rng.Next 5))
        let m, _ = stringMatrix vectors g
        let expected = mul (mul gammaM.[0] (daggerM m)) gammaM.[0]
        let actual, _ = stringMatrix vectors (Dirac.adjoint g)
        Assert.That(maxDiff actual expected, Is.LessThan 1e-10)
        Assert.That(Dirac.adjoint (Dirac.adjoint g), Is.EqualTo g)

// ---- identities --------------------------------------------------------------------------------------

[<Test>]
let ``short traces`` () =
    tr [] === Expr.Int 4
    tr [ s "a"; s "b" ] === 4 * dot "a" "b"
    tr [ s "a"; s "a" ] === 4 * dot "a" "a"
    tr [ s "a"; s "b"; s "c"; s "d" ]
    === 4 * (dot "a" "b" * dot "c" "d" - dot "a" "c" * dot "b" "d" + dot "a" "d" * dot "b" "c")
    tr [ s "a"; s "b"; s "a"; s "b" ] === 8 * dot "a" "b" ** 2 - 4 * dot "a" "a" * dot "b" "b"
    tr [ DiracElement.Gamma5 ] === Ops.zero
    tr [ DiracElement.Gamma5; s "a"; s "b" ] === Ops.zero
    tr [ DiracElement.Gamma5; s "a"; s "b"; s "c"; s "d" ] === -4 * i * Dirac.epsilon [ "a"; "b"; "c"; "d" ]
    tr [ s "a"; s "b"; s "c"; s "d"; DiracElement.Gamma5 ] === -4 * i * Dirac.epsilon [ "a"; "b"; "c"; "d" ]
    tr [ DiracElement.Gamma5; s "a"; s "b"; s "c"; s "a" ] === Ops.zero
    tr [ DiracElement.ProjectorL; s "a"; s "b" ] === 2 * dot "a" "b"
    tr [ DiracElement.ProjectorR ] === Expr.Int 2
    tr [ DiracElement.Scalar(Expr.Sym "m"); s "a"; DiracElement.Scalar(Expr.Sym "M"); s "b" ] === 4 * Expr.Sym "m" * Expr.Sym "M" * dot "a" "b"

[<Test>]
let ``the six-slash gamma5 trace has the known form`` () =
    let e (xs: string list) = Dirac.epsilon xs
    let expected =
        -4 * i
        * (dot "a" "b" * e [ "c"; "d"; "e"; "f" ] - dot "a" "c" * e [ "b"; "d"; "e"; "f" ] + dot "b" "c" * e [ "a"; "d"; "e"; "f" ]
           + dot "d" "e" * e [ "a"; "b"; "c"; "f" ] - dot "d" "f" * e [ "a"; "b"; "c"; "e" ] + dot "e" "f" * e [ "a"; "b"; "c"; "d" ])
    tr [ DiracElement.Gamma5; s "a"; s "b"; s "c"; s "d"; s "e"; s "f" ] === Algebraic.expand expected

[<Test>]
let ``traces of odd strings vanish`` () =
    for n in [ 1; 3; 5; 7; 9 ] do
        let names = List.init n (fun k -> sprintf "a%d" k)
        tr (names |> List.map s) === Ops.zero
        tr (DiracElement.Gamma5 :: (names |> List.map s)) === Ops.zero
        tr (DiracElement.ProjectorL :: DiracElement.Scalar(Expr.Sym "m") :: (names |> List.map s)) === Ops.zero

[<Test>]
let ``an eight-slash trace has 105 distinct terms`` () =
    let names = [ "a"; "b"; "c"; "d"; "e"; "f"; "g"; "h" ]
    tr (DiracElement.Gamma5 :: ([ "a"; "b"; "c"; "d"; "e"; "f" ] |> List.map s)) |> ignore // warm-up (JIT)
    let sw = Stopwatch.StartNew()
    let t = tr (names |> List.map s)
    let plainMs = sw.Elapsed.TotalMilliseconds
    Assert.That(Algebraic.summands t |> List.length, Is.EqualTo 105)
    sw.Restart()
    let t5 = tr (DiracElement.Gamma5 :: (names |> List.map s))
    let g5Ms = sw.Elapsed.TotalMilliseconds
    sw.Restart()
    let ten = tr ([ "a"; "b"; "c"; "d"; "e"; "f"; "g"; "h"; "j"; "k" ] |> List.map s)
    let tenMs = sw.Elapsed.TotalMilliseconds
    Assert.That(Algebraic.summands ten |> List.length, Is.EqualTo 945)
    Assert.That(Structure.freeOf (Ops.apply (Named "dot") [ Expr.Sym "a"; Expr.Sym "b" ]) t5, Is.False)
    TestContext.Out.WriteLine(sprintf "8-slash trace %.1f ms, 8-slash with gamma5 %.1f ms (%d terms), 10-slash %.1f ms" plainMs g5Ms (Algebraic.summands t5).Length tenMs)

[<Property(Arbitrary = [| typeof<DiracArb> |], MaxTest = 80)>]
let ``the trace is cyclic`` (es: DiracElement list) (shift: int) =
    let n = es.Length
    let k = if n = 0 then 0 else ((shift % n) + n) % n
    let rotated = List.skip k es @ List.take k es
    if es |> List.exists (fun e -> e = DiracElement.Gamma5 || e = DiracElement.ProjectorL || e = DiracElement.ProjectorR) then
        // with γ5 and five or more momenta the symbolic forms may differ by a Schouten identity: compare values
        let vectors = randomKinematics (Random(n * 31 + k))
        let _, bound = stringMatrix vectors (Dirac.ofElements es)
        let a = numericValue vectors (tr es)
        let b = numericValue vectors (tr rotated)
        (a - b).Magnitude <= 1e-9 * bound
    else tr rotated = tr es

[<Property(Arbitrary = [| typeof<DiracArb> |], MaxTest = 80)>]
let ``gamma5 anticommutes with a slash inside traces`` (left: DiracElement list) (right: DiracElement list) =
    tr (left @ [ DiracElement.Gamma5; s "p1" ] @ right) = Ops.negate (tr (left @ [ s "p1"; DiracElement.Gamma5 ] @ right))
    && tr (left @ [ DiracElement.ProjectorL; s "k2" ] @ right) = tr (left @ [ s "k2"; DiracElement.ProjectorR ] @ right)

[<Property(Arbitrary = [| typeof<DiracArb> |], MaxTest = 80)>]
let ``projector algebra inside traces`` (es: DiracElement list) =
    let pl, pr, g5 = DiracElement.ProjectorL, DiracElement.ProjectorR, DiracElement.Gamma5
    tr (pl :: pr :: es) = Ops.zero
    && tr (pr :: pl :: es) = Ops.zero
    && tr (pl :: pl :: es) = tr (pl :: es)
    && tr (pr :: pr :: es) = tr (pr :: es)
    && tr (g5 :: g5 :: es) = tr es
    && tr (g5 :: pl :: es) = Ops.negate (tr (pl :: es))
    && tr (pl :: es) + tr (pr :: es) = tr es
    && tr (pr :: es) - tr (pl :: es) = tr (g5 :: es)

/// Tr(Γ̄) = Tr(Γ)*, compared as expressions — except for a chiral string (γ5 or a projector) with five or more distinct
/// momenta, whose trace is correct but not canonical (two forms may differ by a Schouten identity, as Dirac.trace
/// says): there the two are compared as numbers at three random momentum configurations.
let private adjointTraceAgrees (es: DiracElement list) =
    let a = Dirac.ofElements es
    let lhs, rhs = Dirac.trace (Dirac.adjoint a), Dirac.conjugate (Dirac.trace a)
    let momenta = es |> List.choose (fun e -> match e with DiracElement.Slash p -> Some p | _ -> None) |> List.distinct
    let chiral = es |> List.exists (fun e -> e = DiracElement.Gamma5 || e = DiracElement.ProjectorL || e = DiracElement.ProjectorR)
    if lhs = rhs then true
    elif chiral && momenta.Length >= 5 then
        let rng = Random(11)
        List.init 3 (fun _ -> randomKinematics rng)
        |> List.forall (fun v ->
            let x, y = numericValue v lhs, numericValue v rhs
            (x - y).Magnitude <= 1e-9 * (1.0 + x.Magnitude))
    else false

[<Property(Arbitrary = [| typeof<DiracArb> |], MaxTest = 60)>]
let ``the trace is linear and reverses under the adjoint`` (es: DiracElement list) (fs: DiracElement list) =
    let a, b = Dirac.ofElements es, Dirac.ofElements fs
    let c = Expr.Sym "c"
    // Tr(Γ̄) = Tr(γ⁰Γ†γ⁰) = Tr(Γ)*
    Dirac.trace (c * a + b) = Algebraic.expand (c * Dirac.trace a + Dirac.trace b)
    && adjointTraceAgrees es

/// The case FsCheck found (seed (12806173041570631298, 8646634340949199145)): five momenta and P_L, where Tr(Γ̄) and
/// Tr(Γ)* come out in forms that differ by a Schouten identity; as numbers they agree, and both agree with the
/// explicit 4 × 4 matrices.
[<Test>]
let ``a chiral trace with five momenta equals its adjoint's conjugate as a number`` () =
    let es = [ s "q"; DiracElement.ProjectorL; s "k1"; s "k2"; s "k1"; s "k2"; s "p2"; s "p1"; s "k1" ]
    Assert.That(adjointTraceAgrees es, Is.True)
    let rng = Random(5)
    for _ in 1 .. 3 do
        let v = randomKinematics rng
        assertTraceMatches v (Dirac.ofElements es)
        assertTraceMatches v (Dirac.adjoint (Dirac.ofElements es))

// ---- invariants, substitution, complex parts ---------------------------------------------------------

[<Test>]
let ``substituteDots replaces products in either order`` () =
    let mm, tt, m = Expr.Sym "M", Expr.Sym "T", Expr.Sym "m"
    let e = 2 * dot "k1" "p1" + dot "p1" "p1" + dot "k2" "p2"
    Dirac.substituteDots [ "p1", "p1", Ops.zero; "p1", "k1", mm * tt + m ** 2 / 2 ] e === 2 * mm * tt + m ** 2 + dot "k2" "p2"
    Dirac.substituteDots [ "k1", "p1", mm * tt + m ** 2 / 2 ] e === Dirac.substituteDots [ "p1", "k1", mm * tt + m ** 2 / 2 ] e
    Assert.Throws<ArgumentException>(fun () -> Dirac.substituteDots [ "a", "b", x; "b", "a", y ] e |> ignore) |> ignore
    let eps = Dirac.epsilon [ "a"; "b"; "c"; "d" ]
    Dirac.substituteDotsAndEpsilons [] [ [ "b"; "a"; "c"; "d" ], x ] (eps * y) === -(x * y)
    Dirac.substituteDotsAndEpsilons [ "a", "b", y ] [ [ "a"; "b"; "c"; "d" ], x ] (eps + dot "b" "a") === x + y

[<Test>]
let ``complex parts and conjugation`` () =
    let re, im = Dirac.complexParts (x + 3 * i * y - i * Ops.invert i)
    re === x - 1
    im === 3 * y
    Dirac.complexParts (Ops.invert i) |> snd === Ops.minusOne
    Dirac.conjugate (x + i * y) === x - i * y
    Dirac.conjugate (Ops.invert i) === i
    Dirac.conjugate (Dirac.conjugate (x - i * y)) === x - i * y
    Dirac.conjugate (Dirac.conjugate (Ops.negate i)) === Ops.negate i
    // conj((−1)^(1/3)) = (−1)^(−1/3) = −(−1)^(2/3)
    Dirac.conjugate (Ops.pow Ops.minusOne (Expr.Rational(1, 3))) === -(Ops.pow Ops.minusOne (Expr.Rational(2, 3)))
    i * i === Ops.minusOne

[<Test>]
let ``products of epsilons contract to determinants of dots`` () =
    let rng = Random 5
    let e1 = Dirac.epsilon [ "k1"; "k2"; "p1"; "p2" ]
    let e2 = Dirac.epsilon [ "k1"; "k2"; "p1"; "q" ]
    for expr in [ e1 * e2; e1 ** 2; Expr.Sym "m" * e1 * e2 + e2 ** 2; e1 ** 3 ] do
        let contracted = Dirac.contractEpsilons expr
        let vectors = randomKinematics rng
        let a, b = numericValue vectors expr, numericValue vectors contracted
        Assert.That((a - b).Magnitude, Is.LessThan(1e-9 * (1.0 + a.Magnitude)), sprintf "%O" expr)
    Assert.That(Structure.freeOf e1 (Dirac.contractEpsilons (e1 * e2)))
    // a single ε stays
    Dirac.contractEpsilons (x * e1) === x * e1

// ---- spin sums (the building blocks of |M|² for νN → χN and χχ̄ → νν̄) ------------------------------

let private mChi, mN = Expr.Sym "m_chi", Expr.Sym "M"

[<Test>]
let ``neutrino to dark fermion with a left projector`` () =
    // Σ|ū(k1) P_L u(p1)|² = Tr[(k̸1 + m_χ) P_L p̸1 P_R] = 2 k1·p1 for a massless neutrino, any m_χ
    Dirac.spinSummedSquare (Dirac.u "k1" mChi) Dirac.projectorL (Dirac.u "p1" Ops.zero) === 2 * dot "k1" "p1"
    // with kinematics: k1·p1 = M T + m_χ²/2
    let kin = [ "p1", "k1", mN * Expr.Sym "T" + mChi ** 2 / 2 ]
    Dirac.substituteDots kin (Dirac.spinSummedSquare (Dirac.u "k1" mChi) Dirac.projectorL (Dirac.u "p1" Ops.zero))
    === 2 * mN * Expr.Sym "T" + mChi ** 2

[<Test>]
let ``antineutrino line with a right projector`` () =
    // Σ|v̄(p1) P_R v(k1)|² = Tr[p̸1 P_R (k̸1 − m_χ) P_L] = 2 p1·k1
    Dirac.spinSummedSquare (Dirac.v "p1" Ops.zero) Dirac.projectorR (Dirac.v "k1" mChi) === 2 * dot "p1" "k1"

[<Test>]
let ``scalar coupling to a Dirac nucleus`` () =
    // Σ|ū(k2) u(p2)|² = Tr[(k̸2 + M)(p̸2 + M)] = 4(k2·p2 + M²)
    Dirac.spinSummedSquare (Dirac.u "k2" mN) Dirac.identity (Dirac.u "p2" mN) === 4 * (dot "k2" "p2" + mN ** 2)
    // a pseudoscalar coupling: Σ|ū(k2) γ5 u(p2)|² = 4(k2·p2 − M²)
    Dirac.spinSummedSquare (Dirac.u "k2" mN) Dirac.gamma5 (Dirac.u "p2" mN) === 4 * (dot "k2" "p2" - mN ** 2)

[<Test>]
let ``t-channel annihilation line`` () =
    // χ(p1) χ̄(p2) → ν ν̄ via scalar exchange: Σ|v̄(p2) P_R u(p1)|² = Tr[(p̸2 − m) P_R (p̸1 + m) P_L] = 2 p1·p2
    Dirac.spinSummedSquare (Dirac.v "p2" mChi) Dirac.projectorR (Dirac.u "p1" mChi) === 2 * dot "p1" "p2"
    // a scalar + pseudoscalar coupling a + bγ5 (real a, b; Γ̄ = a − bγ5): 4(a² + b²) p1·p2 − 4(a² − b²) m²
    // (a = b = 1/2 is P_R again)
    let g = a * Dirac.identity + b * Dirac.gamma5
    Dirac.spinSummedSquare (Dirac.v "p2" mChi) g (Dirac.u "p1" mChi)
    === Algebraic.expand (4 * (a ** 2 + b ** 2) * dot "p1" "p2" - 4 * (a ** 2 - b ** 2) * mChi ** 2)

[<Test>]
let ``interference of chiralities and the square of a vector-like line`` () =
    let m, mm = Expr.Sym "m", Expr.Sym "M"
    // Σ (ū(k) P_L u(p)) (ū(k) P_R u(p))* = Tr[(k̸ + m) P_L (p̸ + M) P_L] = 2 m M
    Dirac.spinSummedInterference (Dirac.u "k" m) Dirac.projectorL Dirac.projectorR (Dirac.u "p" mm) === 2 * m * mm
    // Σ|ū(k) p̸' P_L u(p)|² against the explicit matrices (a longer line with a slashed momentum inside)
    let rng = Random 3
    for _ in 1 .. 5 do
        let vectors = randomKinematics rng
        let line = Dirac.spinSumU "k1" (Expr.Sym "m") * Dirac.slash "q" * Dirac.projectorL * Dirac.spinSumU "p1" (Expr.Sym "mu")
                   * Dirac.adjoint (Dirac.slash "q" * Dirac.projectorL)
        assertTraceMatches vectors line
        let symbolic = Dirac.spinSummedSquare (Dirac.u "k1" (Expr.Sym "m")) (Dirac.slash "q" * Dirac.projectorL) (Dirac.u "p1" (Expr.Sym "mu"))
        symbolic === Dirac.trace line
    // and its closed form: 2[2(k·q)(p·q) − q²(k·p)]
    Dirac.spinSummedSquare (Dirac.u "k" m) (Dirac.slash "q" * Dirac.projectorL) (Dirac.u "p" mm)
    === 4 * dot "k" "q" * dot "p" "q" - 2 * dot "q" "q" * dot "k" "p"

[<Test>]
let ``invariants round-trip through the infix text`` () =
    let t = tr [ DiracElement.Gamma5; s "a"; s "b"; s "c"; s "d" ] + dot "k1" "p1"
    t ==~ "dot(k1, p1) - 4*sqrt(-1)*eps(a, b, c, d)"
    Infix.parseOrThrow (Infix.format t) === t
    // text written by hand is put in canonical order
    Dirac.canonicalize (Infix.parseOrThrow "eps(d, c, b, a) + dot(q, p) - eps(a, b, b, c)") === Dirac.epsilon [ "a"; "b"; "c"; "d" ] + dot "p" "q"

// ---- open Lorentz indices (vector exchange) -------------------------------------------------------------

let private metricSign (mu: int) = if mu = 0 then 1.0 else -1.0

/// Σ_{μν} Tr[A γ^μ B γ^ν] Tr[C γ_μ D γ_ν] with explicit matrices (γ_μ = η_μμ γ^μ).
let private contractedNumeric (vectors: Map<string, float[]>) (a: DiracString) (b: DiracString) (c: DiracString) (d: DiracString) : Complex =
    let m (g: DiracString) = fst (stringMatrix vectors g)
    let ma, mb, mc, md = m a, m b, m c, m d
    let mutable acc = Complex.Zero
    for mu in 0 .. 3 do
        for nu in 0 .. 3 do
            let t1 = traceM (mul (mul ma gammaM.[mu]) (mul mb gammaM.[nu]))
            let t2 = traceM (mul (mul mc gammaM.[mu]) (mul md gammaM.[nu]))
            acc <- acc + Complex(metricSign mu * metricSign nu, 0.0) * t1 * t2
    acc

[<Test>]
let ``two traces with open indices contracted (L_μν H^μν, with γ5 and projectors) agree with explicit 4×4 matrices`` () =
    let rng = Random 2024
    let mutable count = 0
    for n in [ 1; 2; 3 ] do
        for _ in 1 .. 12 do
            let vectors = randomKinematics rng
            let pick () = Dirac.ofElements (randomElements rng n)
            let a, b, c, d = pick (), pick (), pick (), pick ()
            let mu, nu = Dirac.gammaIndex "mu", Dirac.gammaIndex "nu"
            let symbolic = Dirac.contractIndices (Dirac.trace (a * mu * b * nu) * Dirac.trace (c * mu * d * nu))
            Assert.That(Structure.symbols symbolic |> List.exists Dirac.isIndexName, Is.False, "an index is left open")
            let actual = numericValue vectors symbolic
            let expected = contractedNumeric vectors a b c d
            let scale = 1.0 + expected.Magnitude + (snd (stringMatrix vectors a)) * (snd (stringMatrix vectors b)) * (snd (stringMatrix vectors c)) * (snd (stringMatrix vectors d))
            Assert.That((actual - expected).Magnitude <= 1e-9 * scale, sprintf "contracted: symbolic %O, matrices %O" actual expected)
            count <- count + 1
    Assert.That(count, Is.EqualTo 36)

[<Test>]
let ``γ^μ … γ_μ in one trace, p^μ X_μ and an index replaced by a slash contract as the matrices do`` () =
    let rng = Random 99
    for _ in 1 .. 10 do
        let vectors = randomKinematics rng
        let a = Dirac.ofElements (randomElements rng 3)
        let mu = Dirac.gammaIndex "mu"
        // Tr[γ^μ A γ_μ] = Σ η_μμ Tr[γ^μ A γ^μ]
        let ma = fst (stringMatrix vectors a)
        let expected = [ for m in 0 .. 3 -> Complex(metricSign m, 0.0) * traceM (mul (mul gammaM.[m] ma) gammaM.[m]) ] |> List.fold (+) Complex.Zero
        let actual = numericValue vectors (Dirac.contractIndices (Dirac.trace (mu * a * mu)))
        Assert.That((actual - expected).Magnitude <= 1e-9 * (1.0 + expected.Magnitude + 100.0 * (snd (stringMatrix vectors a))), sprintf "%O vs %O" actual expected)
        // replacing the index by p̸ is the trace with p̸ in its place
        let replaced = Dirac.replaceIndex "mu" (Dirac.slash "p1") (mu * a)
        Assert.That(Dirac.trace replaced, Is.EqualTo(Dirac.trace (Dirac.slash "p1" * a)))
