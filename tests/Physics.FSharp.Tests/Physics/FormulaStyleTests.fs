/// Issue 11 item 5: formulas read like the papers. Every formula in the kernel's physics (src/Physics.FSharp/Physics) and
/// every proof obligation (proofs/Proofs) is written with the expression operators (a + b, a - b, a * b, a / b, a ** n,
/// sqrt, exp, unary minus; Notation's pi, rat, dec, ln, productOf) or as infix text parsed by the core, never as nested
/// Ops.product [ Ops.divide … ] calls. The symbolic core's own implementation (src/Physics.FSharp/Symbolic) is the
/// algebra and may use them. The operators call the same smart constructors, so the canonical forms do not depend on
/// the spelling (checked here on examples; the formulas themselves were compared before/after the rewrite).
module NuDM.Physics.Tests.FormulaStyleTests

open System
open System.IO
open System.Text.RegularExpressions
open NUnit.Framework
open NuDM.Symbolic
open NuDM.Symbolic.Notation

/// The repository root (the folder holding NuDM.Hybrid.sln).
let private root = ReferenceData.repositoryRoot

/// The folders the rule holds in (physics and proofs; the symbolic core is excluded).
let private folders = [ "src/Physics.FSharp/Physics"; "proofs/Proofs" ]

/// The Ops arithmetic calls a formula must not be spelled with.
let private opsArithmetic =
    Regex(@"\bOps\.(product|divide|multiply|add|subtract|square|invert|pow|sum|negate)\b", RegexOptions.Compiled)

let private stringLiteral = Regex("\"(?:[^\"\\\\]|\\\\.)*\"", RegexOptions.Compiled)

/// The code of a line: string literals blanked, a trailing // comment dropped, doc and comment lines empty.
let private code (line: string) =
    let t = line.TrimStart()
    if t.StartsWith "//" || t.StartsWith "(*" then ""
    else
        let s = stringLiteral.Replace(line, "\"\"")
        match s.IndexOf "//" with
        | -1 -> s
        | i -> s.Substring(0, i)

/// "file:line: text" for each line (file, 1-based line, text) that builds a formula with an Ops arithmetic call.
let offenders (lines: (string * int * string) seq) : string list =
    [ for (file, n, text) in lines do
          if opsArithmetic.IsMatch(code text) then yield sprintf "%s:%d: %s" file n (text.Trim()) ]

let private sourceLines () =
    let r = root.Force()
    seq {
        for folder in folders do
            let dir = Path.Combine(r, folder)
            if not (Directory.Exists dir) then failwithf "%s is not a folder of the repository" folder
            for file in Directory.EnumerateFiles(dir, "*.fs", SearchOption.AllDirectories) |> Seq.sort do
                let rel = Path.GetRelativePath(r, file).Replace('\\', '/')
                yield! File.ReadAllLines file |> Seq.mapi (fun i l -> rel, i + 1, l)
    }

[<Test>]
let ``physics and proofs write formulas with operators, not Ops arithmetic calls`` () =
    let lines = sourceLines () |> List.ofSeq
    Assert.That(lines.Length > 1000, "the physics and proof sources were not found")
    let bad = offenders lines
    Assert.That(
        bad,
        Is.Empty,
        "write formulas with the operators (a * b / c, x ** 2, sqrt, exp; Notation: pi, rat 3 2, dec \"1.23\", ln, productOf) "
        + "or as infix text (Infix.parse), not with Ops arithmetic calls:\n"
        + String.Join("\n", bad))

[<Test>]
let ``the check names file and line of an Ops call and ignores comments and strings`` () =
    let lines =
        [ "Physics/Toy.fs", 3, "    let width = Ops.product [ Ops.divide y m; Ops.square k ]"
          "Physics/Toy.fs", 4, "    let sigma = Ops.pow x (Ops.integer 3) // cubic"
          "Physics/Toy.fs", 5, "    /// Ops.product [ a; b ] in a doc comment is text"
          "Physics/Toy.fs", 6, "    let w = y ** 2 * m / (8 * pi) // not Ops.divide"
          "Physics/Toy.fs", 7, "    let s = \"Ops.square in a message\""
          "Physics/Toy.fs", 8, "    let t = List.sum terms + Ops.sqrt x * Ops.integer 2"
          "Physics/Toy.fs", 9, "    let sq = Ops.square" ]
    let expected =
        [| "Physics/Toy.fs:3: let width = Ops.product [ Ops.divide y m; Ops.square k ]"
           "Physics/Toy.fs:4: let sigma = Ops.pow x (Ops.integer 3) // cubic"
           "Physics/Toy.fs:9: let sq = Ops.square" |]
    Assert.That((offenders lines = List.ofArray expected), sprintf "got %A" (offenders lines))

// ---- the notation builds exactly what the Ops calls built ----------------------------------------------------------

[<Test>]
let ``operators and Notation give the canonical forms of the Ops calls they replace`` () =
    let m, s, k = Symbol "m", Symbol "s", Symbol "k"
    // seed 001-style: k/(8π s^{3/2}) |M|²
    k / (8 * pi * s ** rat 3 2) * x === Ops.multiply (Ops.multiply k (Ops.invert (Ops.product [ Ops.integer 8; Ops.pi; Ops.pow s (Ops.rational 3 2) ]))) x
    x ** 2 === Ops.square x
    (x + y) ** -2 === Ops.invert (Ops.square (x + y))
    sqrt (m ** 2 + k ** 2) === Ops.sqrt (Ops.add (Ops.square m) (Ops.square k))
    exp (-x) === Ops.exp (Ops.negate x)
    log x === Ops.ln x
    ln x === Ops.ln x
    abs (x - y) === Ops.abs (Ops.subtract x y)
    sin x * cos y / tan z === Ops.divide (Ops.multiply (Ops.sin x) (Ops.cos y)) (Ops.tan z)
    rat 3 2 === Ops.rational 3 2
    dec "1.23" === Ops.rational 123 100
    dec "2.5e-3" === Ops.rational 1 400
    pi === Ops.pi
    List.sum [ x; 2 * y; -x; z ] === Ops.sum [ x; 2 * y; -x; z ]

[<Test>]
let ``productOf is the product of all factors at once, which a pairwise chain is not for a number and a lone sum`` () =
    // 2 · (x + y) · z: the chain distributes 2 over x + y before z joins, the product of all three does not
    let factors = [ Expr.Int 2; x + y; z ]
    productOf factors === Ops.product factors
    Assert.That(2 * (x + y) * z, Is.Not.EqualTo(productOf factors), "the chain distributes the 2")
    // equal in value
    proven (Normal.equivalent (2 * (x + y) * z) (productOf factors))
    // with the number last the chain is the product of all
    (x + y) * z * 2 === productOf factors
