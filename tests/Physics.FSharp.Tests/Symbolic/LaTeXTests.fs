module NuDM.Physics.Tests.LaTeXTests

open NUnit.Framework
open FsCheck.NUnit
open NuDM.Symbolic
open NuDM.Physics.Tests.Generators

let private tex (e: Expr) (expected: string) = Assert.That(LaTeX.format e, Is.EqualTo expected)

let private mChi = Expr.Sym "m_chi"
let private T = Expr.Sym "T"
let private q (n: int) (m: int) = Expr.Rational(n, m)
let private n (k: int) = Expr.Int k

[<Test>]
let ``symbol names: Greek letters and subscripts`` () =
    Assert.That(LaTeX.symbolName "m_chi", Is.EqualTo @"m_{\chi}")
    Assert.That(LaTeX.symbolName "E_nu", Is.EqualTo @"E_{\nu}")
    Assert.That(LaTeX.symbolName "y_N", Is.EqualTo "y_{N}")
    Assert.That(LaTeX.symbolName "T_max", Is.EqualTo @"T_{\mathrm{max}}")
    Assert.That(LaTeX.symbolName "theta", Is.EqualTo @"\theta")
    Assert.That(LaTeX.symbolName "Phi", Is.EqualTo @"\Phi")
    Assert.That(LaTeX.symbolName "sigma_v", Is.EqualTo @"\sigma_{v}")
    Assert.That(LaTeX.symbolName "x_12", Is.EqualTo "x_{12}")
    Assert.That(LaTeX.symbolName "Tau", Is.EqualTo "T")
    Assert.That(LaTeX.symbolName "mass", Is.EqualTo @"\mathrm{mass}")
    Assert.That(LaTeX.symbolName "θ", Is.EqualTo "θ")

[<Test>]
let ``fractions`` () =
    tex (x / 2) @"\frac{x}{2}"
    tex (q 1 2) @"\frac{1}{2}"
    tex (q -3 4) @"-\frac{3}{4}"
    tex (mChi / T) @"\frac{m_{\chi}}{T}"
    tex ((a + b) / (x * y)) @"\frac{a + b}{x y}"
    tex (3 * x / (2 * Ops.pow y (n 2))) @"\frac{3 x}{2 y^{2}}"
    tex (Ops.product [ q 1 2; Ops.invert (a + b) ]) @"\frac{1}{2 \left(a + b\right)}"

[<Test>]
let ``roots and powers`` () =
    tex (Ops.sqrt (1 - Ops.pow (Expr.Sym "v") (n 2))) @"\sqrt{1 - v^{2}}"
    tex (Ops.pow x (q 1 3)) @"\sqrt[3]{x}"
    tex (2 * Ops.sqrt (n 2)) @"2 \sqrt{2}"
    tex (1 / Ops.sqrt x) @"\frac{1}{\sqrt{x}}"
    tex (Ops.pow x (q 3 2)) "x^{3/2}"
    tex (Ops.pow mChi (n 2)) @"m_{\chi}^{2}"
    tex (Ops.pow (x + y) (n 2)) @"\left(x + y\right)^{2}"
    tex (3 * Ops.pow (n 2) x) @"3 \cdot 2^{x}"

[<Test>]
let ``sums, signs and products`` () =
    tex (x - 2 * y) "x - 2 y"
    tex (Ops.pi * Ops.pow x (n 2)) @"\pi x^{2}"
    tex (-x - y) "-x - y"
    tex (x * (a + b)) @"x \left(a + b\right)"

[<Test>]
let ``functions and special values`` () =
    tex (Ops.besselK (n 2) (mChi / T)) @"K_{2}\left(\frac{m_{\chi}}{T}\right)"
    tex (Ops.exp (Ops.negate x)) @"\exp\left(-x\right)"
    tex (Ops.ln x + Ops.sin y * Ops.cos x) @"\ln\left(x\right) + \cos\left(x\right) \sin\left(y\right)"
    tex (Ops.abs (x - 1)) @"\left|x - 1\right|"
    tex (Ops.apply (Named "f") [ x; y ]) @"f\left(x, y\right)"
    tex (Ops.apply (Named "Li2") [ x ]) @"\operatorname{Li2}\left(x\right)"
    tex NegativeInfinity @"-\infty"

[<Property(Arbitrary = [| typeof<ExprArbitrary> |], MaxTest = 300)>]
let ``braces and \left \right pairs are balanced`` (e: Expr) =
    let s = LaTeX.format e
    let count (sub: string) = (s.Length - s.Replace(sub, "").Length) / sub.Length
    let depthNeverNegative =
        s |> Seq.scan (fun depth ch -> match ch with '{' -> depth + 1 | '}' -> depth - 1 | _ -> depth) 0 |> Seq.forall (fun d -> d >= 0)
    depthNeverNegative && count "{" = count "}" && count @"\left" = count @"\right"
