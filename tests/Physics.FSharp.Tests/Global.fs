/// Shared test vocabulary (after mathnet-symbolics' Global.fs): `a === b` asserts canonical equality (the operator starts with = so it binds looser than + and -);
/// string renderings are compared with `a ==~ "text"` (defined with the infix printer).
[<AutoOpen>]
module NuDM.Physics.Tests.Global

open NUnit.Framework
open NuDM.Symbolic

let x = Expr.Sym "x"
let y = Expr.Sym "y"
let z = Expr.Sym "z"
let a = Expr.Sym "a"
let b = Expr.Sym "b"

/// Structural (canonical-form) equality.
let (===) (actual: Expr) (expected: Expr) = Assert.That(actual, Is.EqualTo expected, sprintf "got %O, expected %O" actual expected)

/// Equality of two lists of expressions (NUnit's Is.EqualTo is ambiguous on F# lists).
let assertList (actual: Expr list) (expected: Expr list) =
    Assert.That((actual = expected), sprintf "got %A, expected %A" actual expected)

/// The canonical infix text of an expression.
let (==~) (e: Expr) (text: string) = Assert.That(Infix.format e, Is.EqualTo text)

/// Asserts that a decision of the core is Proven (the message is its reason).
let proven (d: Decision) = Assert.That(d.Verdict, Is.EqualTo Verdict.Proven, d.Reason)

/// Asserts that a decision of the core is Disproven.
let disproven (d: Decision) = Assert.That(d.Verdict, Is.EqualTo Verdict.Disproven, d.Reason)

/// Asserts that a decision of the core is Undecided.
let undecided (d: Decision) = Assert.That(d.Verdict, Is.EqualTo Verdict.Undecided, d.Reason)
