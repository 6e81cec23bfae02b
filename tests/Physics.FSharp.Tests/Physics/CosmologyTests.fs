module NuDM.Physics.Tests.CosmologyTests

open System
open NUnit.Framework
open NuDM.Symbolic
open NuDM.Physics

/// Evaluates the compiled f, ∂f/∂y, ∂f/∂c of a system at a point.
let private evalAll (eqs: RateEquations) (y: float[]) (c: float[]) =
    let n, m = eqs.StateCount, eqs.CoefficientCount
    let out = Array.zeroCreate (n + n * n + n * m)
    eqs.CompileAll().Invoke(Array.append y c, out)
    out.[0 .. n - 1], out.[n .. n + n * n - 1], out.[n + n * n ..]

let private evalRhs (eqs: RateEquations) (y: float[]) (c: float[]) =
    let out = Array.zeroCreate eqs.StateCount
    eqs.CompileRhs().Invoke(Array.append y c, out)
    out

/// Central difference of the compiled right-hand side with respect to input index `k` (states then coefficients).
let private numericDerivative (eqs: RateEquations) (y: float[]) (c: float[]) (k: int) =
    let inputs = Array.append y c
    let h = 1e-6 * max 1.0 (abs inputs.[k])
    let plus = Array.copy inputs
    let minus = Array.copy inputs
    plus.[k] <- plus.[k] + h
    minus.[k] <- minus.[k] - h
    let n = eqs.StateCount
    let fp = evalRhs eqs plus.[0 .. n - 1] plus.[n ..]
    let fm = evalRhs eqs minus.[0 .. n - 1] minus.[n ..]
    Array.init n (fun i -> (fp.[i] - fm.[i]) / (2.0 * h))

/// |actual − expected| ≤ rel·max(|actual|, |expected|) + floor: the floor absorbs the round-off of central differences
/// of a sum of large exponentials (terms of size ~10⁴ cancel in some of the derivatives below).
let private assertCloseAbs (actual: float) (expected: float) (rel: float) (floor: float) (what: string) =
    let scale = max (abs actual) (abs expected)
    Assert.That(abs (actual - expected), Is.LessThanOrEqualTo(rel * scale + floor), sprintf "%s: got %g, expected %g" what actual expected)

let private assertClose (actual: float) (expected: float) (rel: float) (what: string) =
    assertCloseAbs actual expected rel 1e-300 what

[<Test>]
let ``freeze-out right-hand side is seed 000 eq. 21 in ln Y`` () =
    // dW/du = −λ (Y − Y_eq²/Y) with λ = e^la: compare with the equation typed in Y
    let la, we, w = log 3.0e5, log 2.0e-9, log 5.0e-9
    let f = evalRhs CosmologyEquations.freezeOut [| w |] [| la; we |]
    let y, yeq, lam = exp w, exp we, exp la
    assertClose f.[0] (-(lam / y) * (y * y - yeq * yeq)) 1e-12 "dW/du"

[<Test>]
let ``freeze-out Jacobians are the symbolic derivatives`` () =
    let eqs = CosmologyEquations.freezeOut
    let y, c = [| -20.3 |], [| 21.0; -20.9 |]
    let _, jac, cjac = evalAll eqs y c
    assertClose jac.[0] (numericDerivative eqs y c 0).[0] 1e-6 "∂f/∂W"
    assertClose cjac.[0] (numericDerivative eqs y c 1).[0] 1e-6 "∂f/∂la"
    assertClose cjac.[1] (numericDerivative eqs y c 2).[0] 1e-6 "∂f/∂we"
    // the derivative the solver relies on, in closed form: ∂f/∂W = −λ(Y + Y_eq²/Y)
    let w, la, we = y.[0], c.[0], c.[1]
    assertClose jac.[0] (-(exp (la + w) + exp (la + 2.0 * we - w))) 1e-12 "closed form"

/// Eq. (4.2) typed in Y: (dY_χ/du, dY_S/du) for coefficients (l1, ld, lk, l3, ec, es, ν_d, ν_s).
let private eq42 (yc: float) (ys: float) (c: float[]) =
    let a1, d, kappa, a3 = exp c.[0], exp c.[1], exp c.[2], exp c.[3]
    let ycq, ysq, nud, nus = exp c.[4], exp c.[5], c.[6], c.[7]
    let conv = kappa * (yc * yc / (ycq * ycq) - ys * ys / (ysq * ysq))
    let dec = d * (ys - yc * ysq / ycq)
    -a1 * (yc * yc - ycq * ycq) + nud * dec - conv, -a3 * (ys * ys - ysq * ysq) - dec + nus * conv

[<Test>]
let ``two-species right-hand side vanishes in full equilibrium and matches eq. 4.2`` () =
    let eqs = CosmologyEquations.twoSpecies
    let ec, es = log 1.3e-3, log 2.0e-5
    for nud, nus in [ 1.0, 1.0; 0.5, 2.0 ] do
        let c = [| log 2.0e4; log 7.0e8; log 3.0e2; log 5.0e3; ec; es; nud; nus |]
        let f0 = evalRhs eqs [| log (exp ec + nud * exp es); es |] c
        Assert.That(abs f0.[0], Is.LessThan 1e-6)
        Assert.That(abs f0.[1], Is.LessThan 1e-6)
        // off equilibrium: W_t = ln(Y_χ + ν_d Y_S) and W_s = ln Y_S against eq. (4.2) typed in Y
        let yc, ys = 3.0e-3, 1.0e-6
        let f = evalRhs eqs [| log (yc + nud * ys); log ys |] c
        let dyc, dys = eq42 yc ys c
        assertClose f.[0] ((dyc + nud * dys) / (yc + nud * ys)) 1e-9 "dW_t/du"
        assertClose f.[1] (dys / ys) 1e-9 "dW_s/du"

[<Test>]
let ``the decay terms cancel analytically in the W_t equation`` () =
    // a huge decay rate must not appear in dW_t/du at all (that is the point of the variable)
    let eqs = CosmologyEquations.twoSpecies
    let c0 = [| log 2.0; log 1.0; log 3.0; log 5.0; -6.5; -7.2; 1.0; 1.0 |]
    let c1 = Array.copy c0
    c1.[1] <- log 1.0e15
    let y = [| -6.0; -7.9 |]
    Assert.That((evalRhs eqs y c1).[0], Is.EqualTo((evalRhs eqs y c0).[0]))
    let dft = Calculus.differentiate (Symbol "ld") eqs.Rhs.[0]
    Assert.That(dft, Is.EqualTo(Ops.zero))

[<Test>]
let ``two-species Jacobians are the symbolic derivatives`` () =
    let eqs = CosmologyEquations.twoSpecies
    let y = [| -6.1; -9.7 |]
    let c = [| 3.1; 8.2; 1.7; 4.4; -6.5; -10.2; 0.7; 1.3 |]
    let _, jac, cjac = evalAll eqs y c
    for j in 0 .. 1 do
        let num = numericDerivative eqs y c j
        for i in 0 .. 1 do assertCloseAbs jac.[i * 2 + j] num.[i] 1e-5 1e-6 (sprintf "∂f%d/∂y%d" i j)
    for k in 0 .. 7 do
        let num = numericDerivative eqs y c (2 + k)
        for i in 0 .. 1 do
            assertCloseAbs cjac.[i * 8 + k] num.[i] 1e-5 1e-6 (sprintf "∂f%d/∂c%d" i k)

[<Test>]
let ``a switched-off channel (ln rate = −inf) gives finite values, no NaN`` () =
    let eqs = CosmologyEquations.twoSpecies
    let c = [| Double.NegativeInfinity; 8.2; Double.NegativeInfinity; 4.4; -6.5; -900.0; 1.0; 1.0 |]
    let f, jac, cjac = evalAll eqs [| -6.1; -905.0 |] c
    for v in Array.concat [ f; jac; cjac ] do Assert.That(Double.IsFinite v, sprintf "non-finite entry %g" v)

[<Test>]
let ``rate equations reject unknown symbols and mismatched sizes`` () =
    Assert.Throws<ArgumentException>(fun () ->
        RateEquations("bad", [ "W" ], [ "la" ], [ Infix.parseOrThrow "exp(la + W + q)" ], "test") |> ignore)
    |> ignore
    Assert.Throws<ArgumentException>(fun () ->
        RateEquations("bad", [ "W"; "V" ], [ "la" ], [ Infix.parseOrThrow "exp(la + W)" ], "test") |> ignore)
    |> ignore
    Assert.Throws<ArgumentException>(fun () ->
        RateEquations("bad", [ "W" ], [ "W" ], [ Infix.parseOrThrow "exp(W)" ], "test") |> ignore)
    |> ignore
