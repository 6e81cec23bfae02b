namespace NuDM.Physics

open System
open System.Collections.Generic
open System.Globalization
open System.IO
open System.Runtime.InteropServices
open CsvHelper

/// Text of the messages of DataFileException: the position first, then what is wrong.
module internal DataFileText =
    let position (file: string) (line: int) (column: int) (columnName: string) =
        if line <= 0 then file
        elif column <= 0 then sprintf "%s: line %d" file line
        elif String.IsNullOrEmpty columnName then sprintf "%s: line %d, column %d" file line column
        else sprintf "%s: line %d, column %d (%s)" file line column columnName

    let describe file line column columnName reason = sprintf "%s: %s" (position file line column columnName) reason

/// A data file breaks its declared schema: a cell that is not a number, NaN or ±∞, a value outside its allowed range,
/// a missing or extra cell or row, an axis that is not sorted, a failed physics check (abundances that do not sum to
/// 1, …), or the file is missing. The message starts with the position, "data/detection/isotopes.csv: line 12,
/// column 5 (abundance): …". A FormatException (System.IO.InvalidDataException is sealed): a fault in the data, not a
/// bug of the program (the command line reports it with exit code 2).
type DataFileException(file: string, line: int, column: int, columnName: string, reason: string) =
    inherit FormatException(DataFileText.describe file line column columnName reason)

    /// A fault of the file as a whole (missing, too few rows, a group that does not add up).
    new(file: string, reason: string) = DataFileException(file, 0, 0, null, reason)

    /// The file as messages name it, '/'-separated: data/&lt;folder&gt;/&lt;name&gt; for the program's data.
    member _.File = file
    /// 1-based line of the file (comment and blank lines counted); 0 when the fault is not on one line.
    member _.Line = line
    /// 1-based column (cell) number on the line; 0 when the fault is the whole line or file.
    member _.Column = column
    /// Name of that column (from the header or the schema); null when Column is 0.
    member _.ColumnName = columnName
    /// What is wrong, without the position.
    member _.Reason = reason

/// What every cell of a column must hold. Numbers are parsed with the invariant culture; NaN and ±∞ are rejected by
/// every numeric rule.
type CellRule =
    /// Non-empty text.
    | Text = 0
    /// A finite number.
    | Finite = 1
    /// A finite number ≥ 0 (fluxes, spectra, PDFs, uncertainties).
    | NonNegative = 2
    /// A finite number > 0 (masses, energies on a log axis).
    | Positive = 3
    /// A number in [0, 1] (abundances, efficiencies, fractions).
    | Fraction = 4
    /// A whole number ≥ 0 (event counts, Z, A).
    | Count = 5

/// How the cells of a line are separated.
type TableFormat =
    /// Comma-separated values (RFC 4180, read with CsvHelper); spaces around a cell are ignored.
    | Comma = 0
    /// Cells separated by spaces or tabs.
    | Whitespace = 1

/// What the first line that is not a comment is.
type HeaderLine =
    /// There is none: the first line is data; the schema names the columns in order.
    | None = 0
    /// It names the columns; the schema's columns are found by these names.
    | ColumnNames = 1
    /// A caption (free text, as in some collaboration releases); the schema names the columns in order.
    | Caption = 2

/// One declared column: its name and what its cells must hold; Optional columns may have empty cells.
type ColumnSchema = { Name: string; Rule: CellRule; Optional: bool }

/// A row that the schema's exclusion rule sets aside on purpose, with the rule's reason (never a silent skip).
type ExcludedRow = { Row: DataRow; Reason: string }

/// The declared shape of a table: format, header, columns and their rules, the row count or grid shape, sorted axes,
/// sums that physics demands, explicit exclusion rules and further checks. Immutable; every method returns a new
/// schema, e.g. TableSchema.Whitespace().Column("E_MeV", CellRule.Positive).Increasing("E_MeV").Rows(50).
and internal SchemaSpec =
    { Format: TableFormat
      Header: HeaderLine
      Declared: ColumnSchema list
      Other: CellRule voption
      RowCount: int voption
      MinRows: int
      Increasing: string list
      Decreasing: string list
      Grid: (string * int) list
      ColumnSums: (string * string * float * float) list
      RowSums: (string list * float * float) list
      Exclusions: (string * Func<DataRow, bool>) list
      Checks: (string * Action<DataTable>) list
      Block: struct (string * string) voption
      SortBy: struct (string * string) voption
      Repeats: struct (string * string * string) voption }

and [<Sealed; AllowNullLiteral>] TableSchema internal (spec: SchemaSpec) =
    static member private Make(format, header) =
        TableSchema
            { Format = format; Header = header; Declared = []; Other = ValueNone; RowCount = ValueNone; MinRows = 1
              Increasing = []; Decreasing = []; Grid = []; ColumnSums = []; RowSums = []; Exclusions = []; Checks = []
              Block = ValueNone; SortBy = ValueNone; Repeats = ValueNone }

    /// Comma-separated with a header line naming the columns.
    static member Csv() = TableSchema.Make(TableFormat.Comma, HeaderLine.ColumnNames)
    /// Comma-separated without a header: the schema names the columns in order (add Caption() if the file has one).
    static member CommaNumbers() = TableSchema.Make(TableFormat.Comma, HeaderLine.None)
    /// Whitespace-separated without a header: the schema names the columns in order (add Caption() if the file has one).
    static member Whitespace() = TableSchema.Make(TableFormat.Whitespace, HeaderLine.None)

    /// The separator.
    member _.Format = spec.Format
    /// What the first non-comment line is.
    member _.Header = spec.Header
    /// The declared columns, in order.
    member _.Columns : IReadOnlyList<ColumnSchema> = spec.Declared :> IReadOnlyList<ColumnSchema>
    /// The number of data rows the file must have (excluded rows counted), or null when any number ≥ MinimumRows is fine.
    member _.ExpectedRows : Nullable<int> = match spec.RowCount with ValueSome n -> Nullable n | ValueNone -> Nullable()
    /// The smallest number of data rows (default 1: an empty table is an error).
    member _.MinimumRows = spec.MinRows
    /// Columns whose values must increase strictly from row to row.
    member _.IncreasingColumns : IReadOnlyList<string> = spec.Increasing :> IReadOnlyList<string>
    /// Columns whose values must decrease strictly from row to row.
    member _.DecreasingColumns : IReadOnlyList<string> = spec.Decreasing :> IReadOnlyList<string>
    /// The reasons of the exclusion rules (rows set aside on purpose).
    member _.ExclusionReasons : IReadOnlyList<string> = spec.Exclusions |> List.map fst :> IReadOnlyList<string>
    /// The YAML entry whose literal block holds the table (null for a whole file).
    member _.YamlEntry : string = match spec.Block with ValueSome(struct (e, _)) -> e | ValueNone -> null
    /// The field of YamlEntry whose literal block ('field: |') holds the table (null for a whole file).
    member _.YamlField : string = match spec.Block with ValueSome(struct (_, f)) -> f | ValueNone -> null
    /// The column the reader sorts the rows by (the file is not in order), or null.
    member _.SortColumn : string = match spec.SortBy with ValueSome(struct (c, _)) -> c | ValueNone -> null
    /// Why the file is not in order (the schema's statement), or null.
    member _.SortReason : string = match spec.SortBy with ValueSome(struct (_, r)) -> r | ValueNone -> null
    /// The column whose repeated values are merged (RepeatsKeepLargest), or null.
    member _.RepeatColumn : string = match spec.Repeats with ValueSome(struct (c, _, _)) -> c | ValueNone -> null
    /// Descriptions of the further checks.
    member _.CheckDescriptions : IReadOnlyList<string> =
        [ for (c, g, t, tol) in spec.ColumnSums -> sprintf "%s sums to %g (±%g)%s" c t tol (if isNull g then "" else " for each " + g)
          for (cs, t, tol) in spec.RowSums -> sprintf "%s sum to %g (±%g) in each row" (String.Join(" + ", cs)) t tol
          for (d, _) in spec.Checks -> d ]
        :> IReadOnlyList<string>

    /// The first line that is not a comment is a caption, not data (its text is not read).
    member _.Caption() = TableSchema { spec with Header = HeaderLine.Caption }
    /// A column whose cells must hold a value that satisfies the rule.
    member _.Column(name: string, rule: CellRule) =
        if String.IsNullOrWhiteSpace name then invalidArg "name" "a column needs a name"
        TableSchema { spec with Declared = spec.Declared @ [ { Name = name; Rule = rule; Optional = false } ] }
    /// A column whose cells may be empty; a non-empty cell must satisfy the rule.
    member _.OptionalColumn(name: string, rule: CellRule) =
        if String.IsNullOrWhiteSpace name then invalidArg "name" "a column needs a name"
        TableSchema { spec with Declared = spec.Declared @ [ { Name = name; Rule = rule; Optional = true } ] }
    /// Columns of the header that are not declared get this rule (tables with many efficiency columns, say);
    /// without it an undeclared column is an error.
    member _.OtherColumns(rule: CellRule) = TableSchema { spec with Other = ValueSome rule }
    /// The file must have exactly this many data rows (excluded rows counted).
    member _.Rows(count: int) =
        if count < 1 then invalidArg "count" "a table has at least one row"
        TableSchema { spec with RowCount = ValueSome count }
    /// The file must have at least this many data rows.
    member _.MinimumRowCount(count: int) = TableSchema { spec with MinRows = max 1 count }
    /// The column's values must increase strictly (an interpolation axis).
    member _.Increasing(column: string) = TableSchema { spec with Increasing = spec.Increasing @ [ column ] }
    /// The column's values must decrease strictly (an axis listed from the top).
    member _.Decreasing(column: string) = TableSchema { spec with Decreasing = spec.Decreasing @ [ column ] }
    /// The rows must form a full grid: the given columns take exactly the given numbers of distinct values and every
    /// combination appears once (so the row count is their product).
    member _.Grid(columnNames: string[], sizes: int[]) =
        if isNull columnNames || isNull sizes || columnNames.Length <> sizes.Length || columnNames.Length = 0 then
            invalidArg "sizes" "one size per grid column is needed"
        TableSchema { spec with Grid = List.zip (List.ofArray columnNames) (List.ofArray sizes); RowCount = ValueSome(Array.fold (*) 1 sizes) }
    /// The column must sum to total within tolerance: over the whole table (groupBy null) or within each group of rows
    /// that share the text of column groupBy (abundances of each element sum to 1).
    member _.SumsTo(column: string, groupBy: string, total: float, tolerance: float) =
        TableSchema { spec with ColumnSums = spec.ColumnSums @ [ column, groupBy, total, tolerance ] }
    /// In each row the given columns must sum to total within tolerance (fractions of a mixture).
    member _.RowSumsTo(columnNames: string[], total: float, tolerance: float) =
        TableSchema { spec with RowSums = spec.RowSums @ [ List.ofArray columnNames, total, tolerance ] }
    /// Rows for which the predicate holds are set aside on purpose, for the stated reason; they are validated like
    /// every row and listed in DataTable.Excluded.
    member _.Exclude(reason: string, predicate: Func<DataRow, bool>) =
        if String.IsNullOrWhiteSpace reason then invalidArg "reason" "an exclusion rule states its reason"
        TableSchema { spec with Exclusions = spec.Exclusions @ [ reason, predicate ] }
    /// A further check of the whole table (a physics identity); it throws the table's or a row's Error to fail.
    member _.Check(description: string, check: Action<DataTable>) = TableSchema { spec with Checks = spec.Checks @ [ description, check ] }
    /// The table is the literal block scalar 'field: |' of the top-level entry 'entry:' of a YAML file (a file holding
    /// several curves); its lines keep their line numbers in the file, so every error names the file's line. The block is
    /// found line by line: the line 'entry:' at the start of a line (exactly once in the file), then within the entry the
    /// line 'field: |' (also '|-', '|+'), then every following line indented deeper than 'field' (or blank). Lines in the
    /// block that start with '#' are comment lines, as everywhere in this reader.
    member _.YamlBlock(entry: string, field: string) =
        if String.IsNullOrWhiteSpace entry || String.IsNullOrWhiteSpace field then invalidArg "entry" "a YAML block needs an entry and a field name"
        TableSchema { spec with Block = ValueSome(struct (entry, field)) }
    /// The rows are not in order of the column in the file (a digitised curve traced back and forth), for the stated
    /// reason: the reader sorts them by it (stably: rows with equal values keep their file order) before the axis checks
    /// (Increasing), which then refuse repeated values unless RepeatsKeepLargest merges them. Row numbers in errors stay
    /// the file's.
    member _.SortedBy(column: string, reason: string) =
        if String.IsNullOrWhiteSpace column || String.IsNullOrWhiteSpace reason then invalidArg "reason" "sorting a table on read needs a column and a stated reason"
        TableSchema { spec with SortBy = ValueSome(struct (column, reason)) }
    /// Rows that share a value of axis (after sorting) are one point: the row with the largest value of column stays
    /// (the first such row in file order on a tie), the others are set aside in DataTable.Excluded with the stated reason
    /// and the line of the row kept. For an upper-limit curve the largest value is the weakest limit (conservative).
    member _.RepeatsKeepLargest(axis: string, column: string, reason: string) =
        if String.IsNullOrWhiteSpace axis || String.IsNullOrWhiteSpace column || String.IsNullOrWhiteSpace reason then
            invalidArg "reason" "merging repeated values needs the axis, the column compared and a stated reason"
        TableSchema { spec with Repeats = ValueSome(struct (axis, column, reason)) }

    member internal _.Spec = spec

/// One row of a DataTable, with typed cell access that names the file, line and column in every error.
and [<Sealed; AllowNullLiteral>] DataRow internal (table: DataTable, line: int, cells: string[], numbers: float[]) =
    /// The table the row belongs to.
    member _.Table = table
    /// 1-based line of the file.
    member _.Line = line
    /// The raw text of the cells, in the table's column order.
    member _.Cells : IReadOnlyList<string> = cells :> IReadOnlyList<string>
    /// The raw text of a cell by column name ("" when empty).
    member _.Item
        with get (column: string) : string = cells.[table.ColumnIndex column]
    /// The text of a cell by column name ("" when empty).
    member r.Text(column: string) : string = cells.[table.ColumnIndex column]
    /// Whether the cell of the column holds a value.
    member r.HasValue(column: string) = cells.[table.ColumnIndex column].Length > 0
    /// The number of a cell by column index (0-based); numeric columns were validated when the table was read.
    member r.Number(index: int) : float =
        if index < 0 || index >= cells.Length then
            raise (ArgumentOutOfRangeException("index", index, sprintf "%s has columns 0..%d" table.File (cells.Length - 1)))
        if Double.IsNaN numbers.[index] then r.Parse(index, CellRule.Finite) else numbers.[index]
    /// The number of a cell by column name; numeric columns were validated when the table was read, a text column
    /// (a key-value table's value) is parsed now, as a finite number.
    member r.Number(column: string) : float = r.Number(table.ColumnIndex column)
    /// The number of a cell, which must satisfy the rule (a key-value table's value whose kind depends on its key).
    member r.Number(column: string, rule: CellRule) : float = r.Parse(table.ColumnIndex column, rule)
    /// The numbers of a cell that holds a list, e.g. "0;2" with separator ';', each satisfying the rule.
    member r.Numbers(column: string, separator: char, rule: CellRule) : float[] =
        let i = table.ColumnIndex column
        let text = cells.[i]
        if text.Length = 0 then raise (r.Error(column, "the cell is empty; a list of numbers is needed"))
        text.Split(separator) |> Array.map (fun s -> DataTable.CheckCell(table, line, i, s.Trim(), rule))
    /// An error located at this row and column.
    member r.Error(column: string, reason: string) : DataFileException =
        let i = table.ColumnIndex column
        DataFileException(table.File, line, i + 1, table.Columns.[i], reason)
    /// An error located at this row.
    member _.Error(reason: string) : DataFileException = DataFileException(table.File, line, 0, null, reason)
    member private _.Parse(i: int, rule: CellRule) = DataTable.CheckCell(table, line, i, cells.[i], rule)

/// A table read and validated against its schema: column names, rows (IReadOnlyList), rows set aside by an
/// exclusion rule, and typed cell access that names file, line and column.
and [<Sealed; AllowNullLiteral>] DataTable internal (file: string, fullPath: string, columns: string[]) =
    let index = Dictionary<string, int>(StringComparer.Ordinal)
    do columns |> Array.iteri (fun i c -> index.[c] <- i)
    let mutable rows : DataRow[] = [||]
    let mutable excluded : ExcludedRow[] = [||]

    /// The file as messages name it (data/…).
    member _.File = file
    /// Full path of the file read.
    member _.FullPath = fullPath
    /// Column names in file order.
    member _.Columns : IReadOnlyList<string> = columns :> IReadOnlyList<string>
    /// The data rows (without the excluded ones).
    member _.Rows : IReadOnlyList<DataRow> = rows :> IReadOnlyList<DataRow>
    /// Rows set aside by an exclusion rule of the schema, with its reason.
    member _.Excluded : IReadOnlyList<ExcludedRow> = excluded :> IReadOnlyList<ExcludedRow>
    /// Number of data rows (without the excluded ones).
    member _.Count = rows.Length
    /// Whether the table has the column.
    member _.HasColumn(column: string) = not (isNull column) && index.ContainsKey column
    /// 0-based index of a column; an unknown name is a DataFileException naming the columns there are.
    member _.ColumnIndex(column: string) : int =
        match (if isNull column then (false, 0) else index.TryGetValue column) with
        | true, i -> i
        | _ -> raise (DataFileException(file, sprintf "has no column '%s' (columns: %s)" column (String.Join(", ", columns))))
    /// The numbers of a column, row by row.
    member t.Numbers(column: string) : float[] =
        let i = t.ColumnIndex column
        rows |> Array.map (fun r -> r.Number i)
    /// The numbers of a column by index, row by row.
    member t.Numbers(index: int) : float[] = rows |> Array.map (fun r -> r.Number index)
    /// The first row whose cell in column equals value (ordinal comparison), in the Try pattern.
    member t.TryFind(column: string, value: string, [<Out>] row: byref<DataRow>) : bool =
        let i = t.ColumnIndex column
        match rows |> Array.tryFind (fun r -> r.Cells.[i] = value) with
        | Some r ->
            row <- r
            true
        | None ->
            row <- null
            false
    /// The first row whose cell in column equals value; a DataFileException when there is none.
    member t.Find(column: string, value: string) : DataRow =
        let mutable r = null
        if t.TryFind(column, value, &r) then r else raise (t.Error(sprintf "has no row with %s = '%s'" column value))
    /// The rows whose cell in column equals value, in file order.
    member t.Where(column: string, value: string) : IReadOnlyList<DataRow> =
        let i = t.ColumnIndex column
        rows |> Array.filter (fun r -> r.Cells.[i] = value) :> IReadOnlyList<DataRow>
    /// An error about the file as a whole.
    member _.Error(reason: string) = DataFileException(file, reason)

    member internal _.SetRows(included: DataRow[], setAside: ExcludedRow[]) =
        rows <- included
        excluded <- setAside

    /// Checks one cell against a rule and returns its number (NaN for a text rule or an allowed empty cell).
    static member internal CheckCell(table: DataTable, line: int, i: int, text: string, rule: CellRule) : float =
        let fail reason = raise (DataFileException(table.File, line, i + 1, table.Columns.[i], reason))
        if rule = CellRule.Text then
            if text.Length = 0 then fail "the cell is empty; text is required"
            Double.NaN
        else
            if text.Length = 0 then fail "the cell is empty; a number is required"
            match Double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture) with
            | false, _ ->
                let lower = text.Trim().TrimStart('+', '-').ToLowerInvariant()
                if lower = "inf" || lower = "infinity" || lower = "∞" then fail (sprintf "'%s' is not a finite number" text)
                else fail (sprintf "'%s' is not a number" text)
            | true, v when Double.IsNaN v || Double.IsInfinity v -> fail (sprintf "'%s' is not a finite number" text)
            | true, v ->
                match rule with
                | CellRule.NonNegative when v < 0.0 -> fail (sprintf "%s is negative; this column must be ≥ 0" text)
                | CellRule.Positive when not (v > 0.0) -> fail (sprintf "%s is not > 0; this column must be positive" text)
                | CellRule.Fraction when v < 0.0 || v > 1.0 -> fail (sprintf "%s is outside [0, 1]" text)
                | CellRule.Count when v < 0.0 || v <> Math.Floor v -> fail (sprintf "%s is not a whole number ≥ 0" text)
                | _ -> v

/// The one reader of data tables: it reads a file's lines (comment lines starting with '#' and blank lines are
/// allowed anywhere; a header or caption line where the schema says so), and every other line must be a row of the
/// schema's columns with valid cells. Nothing is skipped silently: a line that does not parse is a DataFileException
/// with file, line and column.
module TableReader =
    let private csvOptions =
        CsvReaderOptions(
            Separator = Nullable ',',
            HasHeader = false,
            CommentPrefix = Nullable '#',
            SkipEmptyLines = true,
            TrimWhitespace = Nullable true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw
        )

    /// The records of a file: (line, cells) without comment and blank lines.
    let private records (file: string) (format: TableFormat) (text: string) : (int * string[]) list =
        match format with
        | TableFormat.Comma ->
            let result = ResizeArray()
            try
                use reader = CsvReader.Create(new StringReader(text), csvOptions, false)
                while reader.Read() do
                    let cells = Array.init reader.FieldCount (fun i -> match reader.GetString i with null -> "" | s -> s.Trim())
                    let blank = cells |> Array.forall (fun c -> c.Length = 0)
                    let comment = cells.Length > 0 && cells.[0].StartsWith "#"
                    if not blank && not comment then result.Add((int reader.LineNumber, cells))
            with :? CsvFormatException as e ->
                raise (DataFileException(file, int e.LineNumber, 0, null, sprintf "malformed CSV (%s)" e.Message))
            List.ofSeq result
        | _ ->
            text.Split('\n')
            |> Array.mapi (fun i l -> i + 1, l.Trim())
            |> Array.filter (fun (_, l) -> l.Length > 0 && not (l.StartsWith "#"))
            |> Array.map (fun (n, l) -> n, l.Split([| ' '; '\t' |], StringSplitOptions.RemoveEmptyEntries))
            |> List.ofArray

    let private fail file line column name reason = raise (DataFileException(file, line, column, name, reason))

    let private indentation (line: string) = line.Length - line.TrimStart(' ').Length

    /// The text of a YAML literal block ('field: |' under the top-level 'entry:'), with every other line of the file
    /// blanked so that the block's lines keep their numbers (the rules: TableSchema.YamlBlock).
    let yamlBlock (file: string) (entry: string) (field: string) (text: string) : string =
        let lines = text.Replace("\r\n", "\n").Split('\n')
        let isEntry (l: string) =
            l.StartsWith(entry + ":", StringComparison.Ordinal)
            && (let rest = l.Substring(entry.Length + 1).Trim() in rest.Length = 0 || rest.StartsWith "#")
        let starts = [ for i in 0 .. lines.Length - 1 do if isEntry lines.[i] then i ]
        let start =
            match starts with
            | [] -> raise (DataFileException(file, sprintf "has no top-level entry '%s:'" entry))
            | [ i ] -> i
            | i :: j :: _ -> fail file (j + 1) 0 null (sprintf "the entry '%s:' appears twice (first at line %d): which one is meant is ambiguous" entry (i + 1))
        // the entry ends at the next line that starts at column 0 (another top-level key); comments and blanks do not end it
        let stop =
            seq { start + 1 .. lines.Length - 1 }
            |> Seq.tryFind (fun i -> let l = lines.[i] in l.Length > 0 && not (Char.IsWhiteSpace l.[0]) && not (l.StartsWith "#"))
            |> Option.defaultValue lines.Length
        let isField (l: string) =
            let t = l.Trim()
            indentation l > 0 && t.StartsWith(field + ":", StringComparison.Ordinal)
            && (let v = t.Substring(field.Length + 1).Trim() in v = "|" || v = "|-" || v = "|+")
        let header =
            match [ for i in start + 1 .. stop - 1 do if isField lines.[i] then i ] with
            | [] -> fail file (start + 1) 0 null (sprintf "the entry '%s' has no literal block '%s: |'" entry field)
            | [ i ] -> i
            | i :: j :: _ -> fail file (j + 1) 0 null (sprintf "the entry '%s' has '%s: |' twice (first at line %d)" entry field (i + 1))
        let depth = indentation lines.[header]
        let last =
            seq { header + 1 .. stop - 1 }
            |> Seq.takeWhile (fun i -> lines.[i].Trim().Length = 0 || indentation lines.[i] > depth)
            |> Seq.fold (fun _ i -> i) header
        if last = header then fail file (header + 1) 0 null (sprintf "the block '%s: |' of '%s' is empty" field entry)
        lines |> Array.mapi (fun i l -> if i > header && i <= last then l else "") |> String.concat "\n"

    /// Reads and validates text against a schema. file is the name messages use (data/…), fullPath where it was read.
    let parse (file: string) (fullPath: string) (schema: TableSchema) (text: string) : DataTable =
        if isNull schema then nullArg "schema"
        let spec = schema.Spec
        let text =
            match spec.Block with
            | ValueSome(struct (entry, field)) -> yamlBlock file entry field text
            | ValueNone -> text
        let recs = records file schema.Format text
        let declared = schema.Columns |> List.ofSeq
        // ---- columns: from the header line or from the schema
        let columns, rules, dataRecs =
            match schema.Header with
            | HeaderLine.ColumnNames ->
                match recs with
                | [] -> raise (DataFileException(file, "is empty: a header line and data rows are expected"))
                | (hl, names) :: rest ->
                    names |> Array.iteri (fun i n -> if n.Length = 0 then fail file hl (i + 1) null "the header names no column here")
                    names
                    |> Array.countBy id
                    |> Array.tryFind (fun (_, k) -> k > 1)
                    |> Option.iter (fun (n, _) -> fail file hl (Array.IndexOf(names, n) + 1) n "this column name appears twice in the header")
                    for c in declared do
                        if not (Array.contains c.Name names) then
                            fail file hl 0 null (sprintf "the header has no column '%s' (it has %s)" c.Name (String.Join(", ", names)))
                    let rules =
                        names
                        |> Array.mapi (fun i n ->
                            match declared |> List.tryFind (fun c -> c.Name = n) with
                            | Some c -> c
                            | None ->
                                match spec.Other with
                                | ValueSome r -> { Name = n; Rule = r; Optional = false }
                                | ValueNone -> fail file hl (i + 1) n "this column is not declared in the table's schema")
                    names, rules, rest
            | h ->
                if declared.IsEmpty then invalidArg "schema" "a table without a header line needs declared columns"
                let rest =
                    match h, recs with
                    | HeaderLine.Caption, [] -> raise (DataFileException(file, "is empty: a caption line and data rows are expected"))
                    | HeaderLine.Caption, _ :: rest -> rest
                    | _ -> recs
                declared |> List.map (fun c -> c.Name) |> Array.ofList, Array.ofList declared, rest
        let table = DataTable(file, fullPath, columns)
        // ---- cells
        let rows =
            dataRecs
            |> List.map (fun (line, cells) ->
                if cells.Length < columns.Length then
                    let i = cells.Length
                    fail file line (i + 1) columns.[i]
                        (sprintf "missing cell: the line has %d cells, %d are expected (%s)" cells.Length columns.Length (String.Join(", ", columns)))
                if cells.Length > columns.Length then
                    fail file line (columns.Length + 1) null
                        (sprintf "extra cell '%s': the line has %d cells, %d are expected (%s)" cells.[columns.Length] cells.Length columns.Length (String.Join(", ", columns)))
                let numbers =
                    cells
                    |> Array.mapi (fun i c ->
                        let rule = rules.[i]
                        if c.Length = 0 && rule.Optional then Double.NaN else DataTable.CheckCell(table, line, i, c, rule.Rule))
                DataRow(table, line, cells, numbers))
            |> Array.ofList
        // ---- row count
        match spec.RowCount with
        | ValueSome n when rows.Length > n ->
            fail file rows.[n].Line 0 null (sprintf "extra row: the table must have %d data rows, it has %d" n rows.Length)
        | ValueSome n when rows.Length < n ->
            raise (DataFileException(file, sprintf "has %d data rows, %d are expected (rows are missing)" rows.Length n))
        | _ -> ()
        if rows.Length < schema.MinimumRows then
            raise (DataFileException(file, sprintf "has %d data rows, at least %d are needed" rows.Length schema.MinimumRows))
        // ---- exclusion rules (stated, never silent)
        let excluded = ResizeArray<ExcludedRow>()
        let included =
            rows
            |> Array.filter (fun r ->
                match spec.Exclusions |> List.tryFind (fun (_, p) -> p.Invoke r) with
                | Some(reason, _) ->
                    excluded.Add { Row = r; Reason = reason }
                    false
                | None -> true)
        // ---- a file not in order: sorted (stably) by its declared column
        let included =
            match spec.SortBy with
            | ValueSome(struct (column, _)) ->
                let i = table.ColumnIndex column
                included |> Seq.sortBy (fun r -> r.Number i) |> Array.ofSeq   // Seq.sortBy is stable (Array.sortBy is not)
            | ValueNone -> included
        // ---- repeated axis values merged by their declared rule (the largest value stays)
        let included =
            match spec.Repeats with
            | ValueSome(struct (axis, column, reason)) ->
                let a, c = table.ColumnIndex axis, table.ColumnIndex column
                let kept = ResizeArray<DataRow>()
                for group in included |> Array.groupBy (fun r -> r.Number a) do
                    let members = snd group
                    let keep = members |> Array.fold (fun (best: DataRow) r -> if r.Number c > best.Number c then r else best) members.[0]
                    kept.Add keep
                    for r in members do
                        if not (obj.ReferenceEquals(r, keep)) then
                            excluded.Add { Row = r; Reason = sprintf "%s (%s = %s repeats; kept: line %d)" reason axis r.Cells.[a] keep.Line }
                // groupBy keeps the order of first appearance; restore the order of the rows kept
                let order = Dictionary<DataRow, int>(HashIdentity.Reference)
                included |> Array.iteri (fun k r -> order.[r] <- k)
                kept.ToArray() |> Seq.sortBy (fun r -> order.[r]) |> Array.ofSeq
            | ValueNone -> included
        table.SetRows(included, excluded.ToArray())
        // ---- sorted axes
        let monotone (column: string) (increasing: bool) =
            let i = table.ColumnIndex column
            for k in 1 .. included.Length - 1 do
                let a, b = included.[k - 1].Number i, included.[k].Number i
                if (increasing && not (b > a)) || (not increasing && not (b < a)) then
                    fail file included.[k].Line (i + 1) column
                        (sprintf "%s does not %s strictly (previous row, line %d: %s)" included.[k].Cells.[i] (if increasing then "increase" else "decrease")
                            included.[k - 1].Line included.[k - 1].Cells.[i])
        for c in schema.IncreasingColumns do monotone c true
        for c in schema.DecreasingColumns do monotone c false
        // ---- grid shape
        if not spec.Grid.IsEmpty then
            let idx = spec.Grid |> List.map (fun (c, _) -> table.ColumnIndex c)
            for (c, n), i in List.zip spec.Grid idx do
                let distinct = rows |> Array.map (fun r -> r.Number i) |> Array.distinct
                if distinct.Length <> n then
                    raise (DataFileException(file, sprintf "column %s takes %d distinct values, the %s grid needs %d" c distinct.Length
                                                       (String.Join(" × ", spec.Grid |> List.map (fun (_, k) -> string k))) n))
            let seen = Dictionary<string, int>()
            for r in rows do
                let key = String.Join("|", idx |> List.map (fun i -> (r.Number i).ToString("R", CultureInfo.InvariantCulture)))
                match seen.TryGetValue key with
                | true, l -> fail file r.Line 0 null (sprintf "grid point (%s) repeats line %d" (key.Replace("|", ", ")) l)
                | _ -> seen.[key] <- r.Line
        // ---- sums physics demands
        for (column, groupBy, total, tolerance) in spec.ColumnSums do
            let i = table.ColumnIndex column
            let groups =
                if isNull groupBy then [ "", included ]
                else
                    let g = table.ColumnIndex groupBy
                    included |> Array.groupBy (fun r -> r.Cells.[g]) |> List.ofArray
            for (key, members) in groups do
                let sum = members |> Array.sumBy (fun r -> r.Number i)
                if abs (sum - total) > tolerance then
                    let last = members.[members.Length - 1]
                    let what = if isNull groupBy then "" else sprintf " of %s = %s" groupBy key
                    fail file last.Line (i + 1) column
                        (sprintf "the %s values%s (lines %d–%d) sum to %.6g, not %g (tolerance %g): a row is missing or a value is wrong"
                            column what members.[0].Line last.Line sum total tolerance)
        for (cols, total, tolerance) in spec.RowSums do
            let idx = cols |> List.map table.ColumnIndex
            for r in included do
                let sum = idx |> List.sumBy (fun i -> r.Number i)
                if abs (sum - total) > tolerance then
                    fail file r.Line 0 null (sprintf "%s sum to %.6g, not %g (tolerance %g)" (String.Join(" + ", cols)) sum total tolerance)
        // ---- further checks
        for (_, check) in spec.Checks do check.Invoke table
        table

    /// Reads and validates a file against a schema; file is the name messages use.
    let read (file: string) (fullPath: string) (schema: TableSchema) : DataTable =
        if not (File.Exists fullPath) then raise (DataFileException(file, "is missing"))
        parse file fullPath schema (File.ReadAllText fullPath)
