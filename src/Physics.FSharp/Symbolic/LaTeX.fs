namespace NuDM.Symbolic

open System

/// LaTeX rendering of expressions (math mode, without the surrounding $…$):
/// \frac{m_{\chi}}{T}, \sqrt{1 - v^{2}}, \sqrt[3]{x}, K_{2}\left(x\right), \left|x\right|.
[<RequireQualifiedAccess>]
module LaTeX =

    let private greekLower =
        set [ "alpha"; "beta"; "gamma"; "delta"; "epsilon"; "varepsilon"; "zeta"; "eta"; "theta"; "vartheta"
              "iota"; "kappa"; "varkappa"; "lambda"; "mu"; "nu"; "xi"; "pi"; "varpi"; "rho"; "varrho"; "sigma"
              "varsigma"; "tau"; "upsilon"; "phi"; "varphi"; "chi"; "psi"; "omega" ]

    let private greekUpper =
        set [ "Gamma"; "Delta"; "Theta"; "Lambda"; "Xi"; "Pi"; "Sigma"; "Upsilon"; "Phi"; "Psi"; "Omega" ]

    /// Greek letters that look like Latin ones and have no LaTeX command of their own.
    let private greekAsLatin =
        Map [ "omicron", "o"; "Alpha", "A"; "Beta", "B"; "Epsilon", "E"; "Zeta", "Z"; "Eta", "H"; "Iota", "I"
              "Kappa", "K"; "Mu", "M"; "Nu", "N"; "Omicron", "O"; "Rho", "P"; "Tau", "T"; "Chi", "X" ]

    let private otherLetters = set [ "hbar"; "ell" ]

    /// One part of a symbol name (between underscores).
    let private namePart (part: string) =
        if greekLower.Contains part || greekUpper.Contains part || otherLetters.Contains part then "\\" + part
        else
            match greekAsLatin.TryFind part with
            | Some latin -> latin
            | None ->
                if part.Length = 1 || part |> Seq.forall Char.IsDigit then part
                else "\\mathrm{" + part.Replace("_", "\\_") + "}"

    /// The LaTeX form of a symbol name: Greek names become letters (chi → \chi, Phi → \Phi) and an underscore
    /// starts a subscript (m_chi → m_{\chi}, E_nu → E_{\nu}, y_N → y_{N}, T_max → T_{\mathrm{max}}).
    /// Other multi-letter names are set upright (\mathrm{name}).
    [<CompiledName("SymbolName")>]
    let rec symbolName (name: string) : string =
        match name.IndexOf '_' with
        | i when i > 0 && i < name.Length - 1 ->
            namePart (name.Substring(0, i)) + "_{" + symbolName (name.Substring(i + 1)) + "}"
        | _ -> namePart name

    // Precedence of rendered text, as in the infix printer: parentheses are added where a lower level appears
    // in a position that needs a higher one.
    [<Literal>]
    let private SumLevel = 0
    [<Literal>]
    let private NegationLevel = 1
    [<Literal>]
    let private ProductLevel = 2
    [<Literal>]
    let private PowerLevel = 3
    [<Literal>]
    let private AtomLevel = 4

    let private parens (s: string) = "\\left(" + s + "\\right)"
    let private wrap (needed: int) (text: string, level: int) = if level < needed then parens text else text

    /// Juxtaposed factors; \cdot where the next factor starts with a digit (2 \cdot 3^{x}).
    let private juxtapose (parts: string list) =
        match parts with
        | [] -> "1"
        | first :: rest ->
            rest
            |> List.fold (fun (acc: string) p -> acc + (if Char.IsDigit p.[0] then " \\cdot " else " ") + p) first

    let private functionName (f: Function) =
        match f with
        | Exp -> "\\exp"
        | Ln -> "\\ln"
        | Sin -> "\\sin"
        | Cos -> "\\cos"
        | Tan -> "\\tan"
        | Abs -> "\\operatorname{abs}" // only reached for a malformed argument list; abs x is |x|
        | Named n when n.Length = 1 -> n
        | Named n -> "\\operatorname{" + n.Replace("_", "\\_") + "}"

    let rec private show (e: Expr) : string * int =
        match e with
        | Number q when q.Sign < 0 -> "-" + fst (show (Number(-q))), NegationLevel
        | Number q when q.IsInteger -> q.ToString(), AtomLevel
        | Number q -> sprintf "\\frac{%O}{%O}" q.Num q.Denominator, ProductLevel
        | Symbol s -> symbolName s, AtomLevel
        | Constant Pi -> "\\pi", AtomLevel
        | Undefined -> "\\mathrm{undefined}", AtomLevel
        | PositiveInfinity -> "\\infty", AtomLevel
        | NegativeInfinity -> "-\\infty", NegationLevel
        | ComplexInfinity -> "\\tilde{\\infty}", AtomLevel
        | Sum terms -> showSum terms, SumLevel
        | Product _ -> showFraction (Layout.asFraction e)
        | Power _ when Layout.isDenominatorFactor e -> showFraction (Layout.asFraction e)
        | Power(b, Number q) when q.Num.IsOne && q.Denominator > Numerics.BigInteger.One ->
            if Layout.isHalf q then "\\sqrt{" + text b + "}", AtomLevel
            else sprintf "\\sqrt[%O]{%s}" q.Denominator (text b), AtomLevel
        | Power(b, x) ->
            let exponent =
                match x with
                | Number q when not q.IsInteger -> q.ToString() // x^{3/2} reads better than x^{\frac{3}{2}}
                | _ -> text x
            wrap AtomLevel (show b) + "^{" + exponent + "}", PowerLevel
        | Apply(Abs, [ arg ]) -> "\\left|" + text arg + "\\right|", AtomLevel
        | Apply(Named "BesselK", [ n; arg ]) -> "K_{" + text n + "}" + parens (text arg), AtomLevel
        | Apply(f, args) -> functionName f + parens (String.Join(", ", args |> List.map text)), AtomLevel

    and private text (e: Expr) = fst (show e)

    and private showSum (terms: Expr list) = Layout.joinSum (fun t -> wrap ProductLevel (show t)) terms

    and private showFraction (f: Layout.Fraction) : string * int =
        let c = f.Coefficient
        if c.Sign < 0 then
            "-" + fst (showFraction { f with Coefficient = -c }), NegationLevel
        else
            let n, d = c.Num, c.Denominator
            let numerator = (if n.IsOne && not f.Numerator.IsEmpty then [] else [ Number(Q.OfBigInt n) ]) @ f.Numerator
            let denominator = (if d.IsOne then [] else [ Number(Q.OfBigInt d) ]) @ f.Denominator
            let factors (parts: Expr list) = parts |> List.map (fun p -> wrap PowerLevel (show p)) |> juxtapose
            // a lone numerator or denominator needs no parentheses inside \frac{…}{…}
            let group (parts: Expr list) =
                match parts with
                | [ single ] -> text single
                | _ -> factors parts
            match denominator with
            | [] -> factors numerator, ProductLevel
            | _ -> sprintf "\\frac{%s}{%s}" (group numerator) (group denominator), ProductLevel

    /// The LaTeX form of e in math mode: fractions as \frac{…}{…}, square and n-th roots as \sqrt{…} and
    /// \sqrt[n]{…}, powers as x^{…}, juxtaposed factors (\cdot before a factor that starts with a digit),
    /// \left( \right) where precedence needs them, \pi, \exp, \ln, \sin, \cos, \tan, \left|x\right| for abs,
    /// K_{n}\left(x\right) for BesselK, and symbol names as described for LaTeX.symbolName.
    [<CompiledName("Format")>]
    let format (e: Expr) : string = text e
