namespace NuDM.Symbolic

open System
open System.Runtime.InteropServices

/// How canonical expressions are laid out for reading; shared by the infix and the LaTeX printers.
/// Everything here is display-only: it never changes which expression is printed.
module internal Layout =

    /// True when a term of a sum reads as negative (a negative number, or a product with a negative coefficient),
    /// so that it is printed after " - " instead of " + ".
    let isNegativeTerm (e: Expr) =
        match e with
        | Number q -> q.Sign < 0
        | Product(Number q :: _) -> q.Sign < 0
        | _ -> false

    /// The terms of a sum in reading order: canonical order, except that a sum starting with a negative term
    /// starts with its first positive term instead (x - 1 rather than -1 + x). Sums are re-sorted when built,
    /// so the order of the printed terms does not affect what is parsed back.
    let readingOrder (terms: Expr list) : Expr list =
        match terms with
        | first :: _ when isNegativeTerm first ->
            match List.tryFindIndex (isNegativeTerm >> not) terms with
            | Some i ->
                let before, after = List.splitAt i terms
                after.Head :: before @ after.Tail
            | None -> terms
        | _ -> terms

    /// A sum in reading order with " + " / " - " between terms: each term is rendered (by the printer's own
    /// renderer) with its sign taken out, so both printers lay out sums identically.
    let joinSum (render: Expr -> string) (terms: Expr list) : string =
        readingOrder terms
        |> List.mapi (fun i t ->
            let negative = isNegativeTerm t
            let body = render (if negative then Ops.negate t else t)
            match i, negative with
            | 0, false -> body
            | 0, true -> "-" + body
            | _, false -> " + " + body
            | _, true -> " - " + body)
        |> String.concat ""

    /// True when a factor has a negative exponent and so belongs to a denominator (the numerator/denominator split's test).
    let isDenominatorFactor (f: Expr) = Algebraic.isDenominatorFactor f

    /// A product (or a single power) read as Coefficient · Π Numerator / Π Denominator.
    /// Denominator factors are stored with their exponent negated (x^-2 is stored as x^2, y^-1 as y).
    type Fraction =
        { Coefficient: Q
          Numerator: Expr list
          Denominator: Expr list }

    /// The factor f with its exponent negated, for a factor f of a denominator.
    let private flip (f: Expr) =
        match f with
        | Power(b, x) ->
            match Ops.negate x with
            | Number q when q.IsOne -> b
            | x' -> Power(b, x')
        | _ -> f

    /// Splits a product, or a power with a negative exponent, into coefficient, numerator and denominator.
    let asFraction (e: Expr) : Fraction =
        let factors =
            match e with
            | Product fs -> fs
            | _ -> [ e ]
        let c, rest =
            match factors with
            | Number q :: fs -> q, fs
            | fs -> Q.One, fs
        let den, num = List.partition isDenominatorFactor rest
        // parenthesised sums read best last: x*(a + b) rather than (a + b)*x (products are re-sorted when built)
        let sumsLast factors =
            let sums, others = List.partition (fun f -> match f with Sum _ -> true | _ -> false) factors
            others @ sums
        { Coefficient = c
          Numerator = sumsLast num
          Denominator = sumsLast (List.map flip den) }

    /// True for the exponent 1/2 (printed as a square root).
    let isHalf (q: Q) = q.Num.IsOne && q.Denominator = Numerics.BigInteger 2

/// The grammar of the infix language (see Infix): text to syntax tree, with readable error messages.
module internal InfixGrammar =
    open FParsec

    /// What the grammar recognises, before the expression is built with the smart constructors.
    type Syntax =
        /// The literal as written (made exact when the expression is built) and where it starts.
        | SNumber of string * Position
        | SName of string * Position
        | SCall of string * Syntax list * Position
        | SNegate of Syntax
        | SSum of Syntax list
        /// The first factor and the following (is-division, factor) pairs of one * / chain.
        | SProduct of Syntax * (bool * Syntax) list
        | SPower of Syntax * Syntax

    let private isNameStart c = Char.IsLetter c || c = '_'
    let private isNameChar c = Char.IsLetterOrDigit c || c = '_'

    let private ws = spaces
    let private token (c: char) = skipChar c >>. ws

    let private number: Parser<Syntax, unit> =
        pipe2 getPosition (regexL @"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?" "a number") (fun pos s ->
            SNumber(s, pos))
        .>> ws

    let private name = many1Satisfy2L isNameStart isNameChar "a name" .>> ws

    let private sum, sumRef = createParserForwardedToRef<Syntax, unit> ()

    let private arguments = between (token '(') (skipChar ')' >>. ws) (sepBy sum (token ','))

    let private nameOrCall =
        pipe3 getPosition name (opt (followedBy (skipChar '(') >>. arguments)) (fun pos n args ->
            match args with
            | Some xs -> SCall(n, xs, pos)
            | None -> SName(n, pos))

    let private atom = choice [ number; between (token '(') (skipChar ')' >>. ws) sum; nameOrCall ]

    /// p preceded by any number of unary signs.
    let private signed (p: Parser<Syntax, unit>) =
        many (anyOf "+-" .>> ws) .>>. p
        |>> (fun (signs, x) -> if (signs |> List.filter ((=) '-') |> List.length) % 2 = 1 then SNegate x else x)
        <?> "an operand"

    let private factor, factorRef = createParserForwardedToRef<Syntax, unit> ()

    let private power =
        atom .>>. opt ((token '^' <?> "an operator") >>. factor)
        |>> function
            | b, Some x -> SPower(b, x)
            | b, None -> b

    /// Fails with a clear message when an operand directly follows another one ("2x", "2(x)", "x y").
    let private noImplicitMultiplication: Parser<unit, unit> =
        fun stream ->
            let c = stream.Peek()
            if isNameChar c || c = '(' then
                Reply(ReplyStatus.Error, messageError (sprintf "implicit multiplication is not supported; insert '*' before '%c'" c))
            else
                Reply(())

    factorRef.Value <- signed power

    let private product =
        let operator = (charReturn '*' false <|> charReturn '/' true) .>> ws <?> "an operator"
        let factor = factor .>> noImplicitMultiplication
        factor .>>. many (operator .>>. factor)
        |>> fun (first, rest) -> if rest.IsEmpty then first else SProduct(first, rest)

    let private term = signed product

    sumRef.Value <-
        let operator = (charReturn '+' false <|> charReturn '-' true) .>> ws <?> "an operator"
        term .>>. many (operator .>>. term)
        |>> fun (first, rest) ->
            if rest.IsEmpty then first
            else SSum(first :: (rest |> List.map (fun (negative, t) -> if negative then SNegate t else t)))

    let private input = ws >>. sum .>> eof

    /// Where the UTF-16 index is: "column 5" for one-line input, "line 2, column 3" otherwise. Lines end at \n,
    /// \r\n or \r; columns count user-perceived characters (text elements: an emoji, a letter with its combining
    /// accents or a surrogate pair is one column), from 1.
    let describeIndex (text: string) (index: int) =
        let index = max 0 (min index text.Length)
        let mutable line = 1
        let mutable lineStart = 0
        let mutable i = 0
        while i < index do
            match text.[i] with
            | '\n' ->
                line <- line + 1
                lineStart <- i + 1
            | '\r' when not (i + 1 < text.Length && text.[i + 1] = '\n') ->
                line <- line + 1
                lineStart <- i + 1
            | _ -> ()
            i <- i + 1
        let column = 1 + Globalization.StringInfo.ParseCombiningCharacters(text.Substring(lineStart, index - lineStart)).Length
        if text.IndexOfAny [| '\n'; '\r' |] >= 0 then sprintf "line %d, column %d" line column
        else sprintf "column %d" column

    /// Where an error is: "column 5" for one-line input, "line 2, column 3" otherwise (see describeIndex).
    let describePosition (text: string) (pos: Position) = describeIndex text (int pos.Index)

    /// The character found at a UTF-16 index, for "unexpected …": the whole text element in quotes ('😀', not half
    /// of its surrogate pair), a control or space character as U+XXXX, a lone surrogate (text that is not valid
    /// UTF-16) as U+XXXX too, so the message is always valid text that encodes to UTF-8.
    let describeCharacterAt (text: string) (index: int) =
        if index >= text.Length then "end of input"
        else
            // an index inside a surrogate pair points at the pair
            let index =
                if index > 0 && Char.IsLowSurrogate text.[index] && Char.IsHighSurrogate text.[index - 1] then index - 1 else index
            let mutable rune = Text.Rune()
            if not (Text.Rune.TryGetRuneAt(text, index, &rune)) then
                sprintf "character U+%04X (a lone surrogate: the text is not valid UTF-16)" (int text.[index])
            elif Text.Rune.IsControl rune || Text.Rune.IsWhiteSpace rune then sprintf "character U+%04X" rune.Value
            else
                let element = Globalization.StringInfo.GetNextTextElement(text, index)
                // quote the whole element only if it is valid UTF-16 (no lone surrogate after its first character)
                let rec valid (i: int) =
                    if i >= element.Length then true
                    elif Char.IsHighSurrogate element.[i] then i + 1 < element.Length && Char.IsLowSurrogate element.[i + 1] && valid (i + 2)
                    elif Char.IsLowSurrogate element.[i] then false
                    else valid (i + 1)
                "'" + (if valid 0 then element else rune.ToString()) + "'"

    let private joinAlternatives (items: string list) =
        match List.rev items with
        | [] -> "something else"
        | [ one ] -> one
        | last :: before -> String.Join(", ", List.rev before) + " or " + last

    let private describeSyntaxError (text: string) (error: ParserError) =
        let messages = ErrorMessageList.ToSortedArray error.Messages |> List.ofArray
        let custom =
            messages
            |> List.choose (fun m ->
                match m with
                | :? ErrorMessage.Message as m -> Some m.String
                | _ -> None)
        let expected =
            messages
            |> List.choose (fun m ->
                match m with
                | :? ErrorMessage.Expected as m -> Some m.Label
                | :? ErrorMessage.ExpectedString as m -> Some("'" + m.String + "'")
                | _ -> None)
            |> List.distinct
            |> List.sortBy (fun s -> s = "end of input")
        let at = describePosition text error.Position
        if not custom.IsEmpty then
            sprintf "Parse error at %s: %s" at (String.Join("; ", custom))
        else
            let found = describeCharacterAt text (int error.Position.Index)
            sprintf "Parse error at %s: unexpected %s; expected %s" at found (joinAlternatives expected)

    /// Limits that keep the recursive-descent parser far from a stack overflow on absurd input.
    let private maxParenthesisDepth = 200
    let private maxPowerOperators = 1000

    /// The first place where the text exceeds the nesting limits, as an error message.
    let private checkNesting (text: string) : string option =
        let mutable depth = 0
        let mutable powers = 0
        let mutable problem = None
        let mutable i = 0
        while problem.IsNone && i < text.Length do
            match text.[i] with
            | '(' ->
                depth <- depth + 1
                if depth > maxParenthesisDepth then
                    problem <- Some(i, sprintf "parentheses are nested more than %d deep" maxParenthesisDepth)
            | ')' -> depth <- depth - 1
            | '^' ->
                powers <- powers + 1
                if powers > maxPowerOperators then
                    problem <- Some(i, sprintf "more than %d '^' operators" maxPowerOperators)
            | _ -> ()
            i <- i + 1
        problem
        |> Option.map (fun (index, message) -> sprintf "Parse error at %s: %s" (describeIndex text index) message)

    /// The syntax tree of the text, or the description of the first syntax error.
    let read (text: string) : Result<Syntax, string> =
        match checkNesting text with
        | Some message -> Result.Error message
        | None ->
            match run input text with
            | Success(syntax, _, _) -> Result.Ok syntax
            | Failure(_, error, _) -> Result.Error(describeSyntaxError text error)

/// Conversion between expressions and infix text such as "sqrt((M + T)^2 - M^2)" or "x/(2*y) - 3*exp(-x)".
///
/// Grammar (whitespace is allowed between all tokens):
///   sum     := term (('+' | '-') term)*
///   term    := ('+' | '-')* product                 (so -x^2 = -(x^2) and -a*b = -(a*b))
///   product := factor (('*' | '/') factor)*         (one chain is one n-ary product: a/b*c = a·b⁻¹·c)
///   factor  := ('+' | '-')* power                   (allows 2*-x and 2^-1)
///   power   := atom ('^' factor)?                   (right-associative: a^b^c = a^(b^c))
///   atom    := number | name | name '(' [sum (',' sum)*] ')' | '(' sum ')'
/// Numbers are exact (1.5e-3 is 3/2000). Names are letters, digits and '_' starting with a letter or '_';
/// pi, inf, complexinf and undefined are keywords. There is no implicit multiplication.
[<RequireQualifiedAccess>]
module Infix =

    // ---------------------------------------------------------------- printing

    // Precedence of printed text: an operand is wrapped in parentheses when its level is below what the
    // position requires.
    [<Literal>]
    let private SumLevel = 0
    [<Literal>]
    let private NegationLevel = 1 // -x, -x*y, -1/2
    [<Literal>]
    let private ProductLevel = 2 // x*y, x/2, 1/2
    [<Literal>]
    let private PowerLevel = 3
    [<Literal>]
    let private AtomLevel = 4

    let private wrap (needed: int) (text: string, level: int) = if level < needed then "(" + text + ")" else text

    let rec private show (e: Expr) : string * int =
        match e with
        | Number q when q.Sign < 0 -> "-" + wrap ProductLevel (show (Number(-q))), NegationLevel
        | Number q when q.IsInteger -> q.ToString(), AtomLevel
        | Number q -> q.ToString(), ProductLevel
        | Symbol s -> s, AtomLevel
        | Constant Pi -> "pi", AtomLevel
        | Undefined -> "undefined", AtomLevel
        | PositiveInfinity -> "inf", AtomLevel
        | NegativeInfinity -> "-inf", NegationLevel
        | ComplexInfinity -> "complexinf", AtomLevel
        | Sum terms -> showSum terms, SumLevel
        | Product _ -> showFraction (Layout.asFraction e)
        | Power _ when Layout.isDenominatorFactor e -> showFraction (Layout.asFraction e)
        | Power(b, Number q) when Layout.isHalf q -> "sqrt(" + text b + ")", AtomLevel
        | Power(b, x) -> wrap AtomLevel (show b) + "^" + wrap PowerLevel (show x), PowerLevel
        | Apply(f, args) -> f.Name + "(" + String.Join(", ", args |> List.map text) + ")", AtomLevel

    and private text (e: Expr) = fst (show e)

    and private showSum (terms: Expr list) = Layout.joinSum (fun t -> wrap ProductLevel (show t)) terms

    and private showFraction (f: Layout.Fraction) : string * int =
        let c = f.Coefficient
        if c.Sign < 0 then
            "-" + fst (showFraction { f with Coefficient = -c }), NegationLevel
        else
            let factor e = wrap PowerLevel (show e)
            let n, d = c.Num, c.Denominator
            match f.Denominator with
            | [ Sum _ as s ] when not d.IsOne ->
                // c·N/(a + b) with a fractional c: "1/(2*(a + b))" would read back as 1/(2*a + 2*b) (a number
                // times a sum is distributed), so the rational coefficient leads: (1/2)/(a + b), (3/2)*x/(a + b).
                let numerator = ("(" + c.ToString() + ")") :: List.map factor f.Numerator
                String.Join("*", numerator) + "/" + factor s, ProductLevel
            | _ ->
                let numerator =
                    (if n.IsOne && not f.Numerator.IsEmpty then [] else [ n.ToString() ]) @ List.map factor f.Numerator
                let denominator = (if d.IsOne then [] else [ d.ToString() ]) @ List.map factor f.Denominator
                let top = String.Join("*", numerator)
                match denominator with
                | [] -> top, ProductLevel
                | [ single ] -> top + "/" + single, ProductLevel
                | parts -> top + "/(" + String.Join("*", parts) + ")", ProductLevel

    /// The infix text of e, with minimal parentheses: x - 2*y, x/y^2, 1/(2*x), (a + b)/(c*d), sqrt(2), x^(1/3),
    /// (-1)^(1/3), exp(-x), BesselK(2, x), pi, inf, -inf, complexinf, undefined.
    /// Infix.parse reads the text back to the same expression.
    [<CompiledName("Format")>]
    let format (e: Expr) : string = text e

    // ---------------------------------------------------------------- parsing

    open InfixGrammar

    /// A name used in a way the language does not allow, found while building the expression.
    exception private BuildError of FParsec.Position * string

    let private unaryFunctions: Map<string, Expr -> Expr> =
        Map [ "sqrt", Ops.sqrt
              "exp", Ops.exp
              "ln", Ops.ln
              "log", Ops.ln
              "sin", Ops.sin
              "cos", Ops.cos
              "tan", Ops.tan
              "abs", Ops.abs ]

    let private keywords: Map<string, Expr> =
        Map [ "pi", Ops.pi
              "inf", PositiveInfinity
              "complexinf", ComplexInfinity
              "undefined", Undefined ]

    /// The largest decimal exponent accepted in a number literal (10^100000 still has a reasonable size).
    let private maxLiteralExponent = 100000

    let private number (literal: string) (pos: FParsec.Position) : Expr =
        let i = literal.IndexOfAny [| 'e'; 'E' |]
        let exponentDigits = if i < 0 then "" else literal.Substring(i + 1).TrimStart('+', '-').TrimStart('0')
        if exponentDigits.Length > 6 || (exponentDigits.Length > 0 && int exponentDigits > maxLiteralExponent) then
            raise (BuildError(pos, sprintf "the exponent of the number %s is too large (at most %d)" literal maxLiteralExponent))
        else
            Ops.number (Q.Parse literal)

    let private call (fname: string) (args: Expr list) (pos: FParsec.Position) : Expr =
        match unaryFunctions.TryFind fname, args with
        | Some f, [ arg ] -> f arg
        | Some _, _ -> raise (BuildError(pos, sprintf "%s takes 1 argument, got %d" fname args.Length))
        | None, _ ->
            match fname, args with
            | "BesselK", [ n; x ] -> Ops.besselK n x
            | "BesselK", _ -> raise (BuildError(pos, sprintf "BesselK takes 2 arguments (n, x), got %d" args.Length))
            | _ when keywords.ContainsKey fname ->
                raise (BuildError(pos, sprintf "'%s' is a constant, not a function (write %s*(...) to multiply)" fname fname))
            | _ -> Ops.apply (Named fname) args

    let rec private build (s: Syntax) : Expr =
        match s with
        | SNumber(literal, pos) -> number literal pos
        | SName(n, _) ->
            match keywords.TryFind n with
            | Some k -> k
            | None -> Ops.symbol n
        | SCall(n, args, pos) -> call n (List.map build args) pos
        | SNegate x -> Ops.negate (build x)
        | SSum terms -> Ops.sum (List.map build terms)
        | SProduct(first, rest) ->
            Ops.product (build first :: (rest |> List.map (fun (division, f) -> if division then Ops.invert (build f) else build f)))
        | SPower(b, x) -> Ops.pow (build b) (build x)

    /// Parses infix text (e.g. "sqrt((M + T)^2 - M^2)", "m_chi/T", "1.5e-3*BesselK(2, x)") into a canonical
    /// expression, built with the smart constructors. On failure the error text names the position
    /// (column, or line and column) and what was expected there.
    [<CompiledName("Parse")>]
    let parse (text: string) : Result<Expr, string> =
        if isNull text then Error "Parse error: the text is null"
        else
            match InfixGrammar.read text with
            | Error message -> Error message
            | Ok syntax ->
                try
                    Ok(build syntax)
                with
                | BuildError(pos, message) -> Error(sprintf "Parse error at %s: %s" (describePosition text pos) message)
                | :? ArgumentException
                | :? ArithmeticException as ex -> Error(sprintf "Parse error: %s" ex.Message)

    /// Parses infix text; None when the text is not a valid expression (see Infix.parse for the message).
    [<CompiledName("TryParse")>]
    let tryParse (text: string) : Expr option =
        match parse text with
        | Ok e -> Some e
        | Error _ -> None

    /// C#-style Infix.TryParse(text, out expr): true and the expression, or false and null.
    [<CompiledName("TryParse")>]
    let tryParseOut (text: string, [<Out>] result: byref<Expr>) : bool =
        match parse text with
        | Ok e ->
            result <- e
            true
        | Error _ ->
            result <- Unchecked.defaultof<Expr>
            false

    /// Parses infix text or throws FormatException with the message of Infix.parse.
    [<CompiledName("ParseOrThrow")>]
    let parseOrThrow (text: string) : Expr =
        match parse text with
        | Ok e -> e
        | Error message -> raise (FormatException message)
