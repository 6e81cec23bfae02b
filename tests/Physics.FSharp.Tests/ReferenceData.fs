/// The tests' reference tables (tests/reference-data/, provenance in its README): cross-check data that the program
/// does not read, read by the program's own validating reader (DataFiles.ReadTable) with the schemas below.
module NuDM.Physics.Tests.ReferenceData

open System
open System.IO
open NuDM.Physics

/// The repository root (the folder holding NuDM.Hybrid.sln), found by walking up from the test binaries; the tests'
/// one way to reach models/, fixtures and source files.
let repositoryRoot =
    lazy
        (let rec up (d: DirectoryInfo) =
            if isNull d then failwithf "the repository root (NuDM.Hybrid.sln) is not above %s" AppContext.BaseDirectory
            elif File.Exists(Path.Combine(d.FullName, "NuDM.Hybrid.sln")) then d.FullName
            else up d.Parent
         up (DirectoryInfo AppContext.BaseDirectory))

/// A path below the repository root ('/'-separated parts).
let inRepository (parts: string list) = Path.Combine(Array.ofList (repositoryRoot.Force() :: parts))

/// Full path of a test fixture model (tests/Physics.FSharp.Tests/Fixtures/<file>).
let fixturePath (file: string) = inRepository [ "tests"; "Physics.FSharp.Tests"; "Fixtures"; file ]

/// A test fixture model loaded once (as a user's file, tag "test").
let fixtureModel (file: string) = lazy (ModelFile.Load(fixturePath file, null, "test"))

/// tests/reference-data.
let folder = lazy (inRepository [ "tests"; "reference-data" ])

/// Full path of a reference file (relative to tests/reference-data, '/'-separated).
let path (relative: string) = Path.Combine(folder.Force(), relative)

/// A reference table read and validated against its schema.
let read (relative: string) (schema: TableSchema) = DataFiles.ReadTable(path relative, "tests/reference-data/" + relative, schema)

/// Silaeva et al. (arXiv:2012.09917) ν̄ per fission per MeV: bin centre (MeV, increasing), spectrum ≥ 0.
let silaeva (rows: int) =
    TableSchema.Csv().Column("energy", CellRule.Positive).Column("flux", CellRule.NonNegative).Increasing("energy").Rows(rows)

/// helm_form_factor.csv: parameter, value, unit (empty for the dimensionless check values).
let helm = TableSchema.Csv().Column("parameter", CellRule.Text).Column("value", CellRule.Finite).OptionalColumn("unit", CellRule.Text).Rows(8)

/// nucleon_coupling_ratio_check.csv: y_N/y_q and its per-quark parts for p, n with PDG 2018 and 2020 masses.
let couplingRatios =
    TableSchema.Csv().Column("nucleon", CellRule.Text).Column("masses", CellRule.Text).OtherColumns(CellRule.Positive).Rows(4)

/// The repository's data/ folder (the source of truth, not the copy beside the test binaries).
let repositoryData = lazy (Path.Combine(Path.GetDirectoryName(folder.Force()) |> Path.GetDirectoryName, "data"))

/// 1-based line of the first line of a file under the repository's data/ that equals text.
let lineOf (relative: string) (text: string) =
    let lines = File.ReadAllLines(Path.Combine(repositoryData.Force(), relative))
    match Array.tryFindIndex (fun l -> l = text) lines with
    | Some i -> i + 1
    | None -> failwithf "data/%s has no line '%s'" relative text

/// A copy of the repository's data/ with one file's lines edited, in use until disposed: then the previous data
/// folder is in use again and the copy is deleted.
let editData (relative: string) (edit: string[] -> string[]) : IDisposable =
    let source = repositoryData.Force()
    let temp = Path.Combine(Path.GetTempPath(), "nudm-data-" + Guid.NewGuid().ToString("N"))
    Directory.CreateDirectory temp |> ignore
    for d in Directory.GetDirectories(source, "*", SearchOption.AllDirectories) do
        Directory.CreateDirectory(Path.Combine(temp, Path.GetRelativePath(source, d))) |> ignore
    for f in Directory.GetFiles(source, "*", SearchOption.AllDirectories) do
        File.Copy(f, Path.Combine(temp, Path.GetRelativePath(source, f)))
    let p = Path.Combine(temp, relative)
    File.WriteAllText(p, String.Join("\n", edit (File.ReadAllLines p)) + "\n")
    let scope = DataFiles.UseDirectory temp
    { new IDisposable with
        member _.Dispose() =
            scope.Dispose()
            Directory.Delete(temp, true) }

/// A copy of data/ in which the line equal to `line` (it must exist) is replaced by `replacement`.
let editedData (relative: string) (line: string) (replacement: string) : IDisposable =
    editData relative (fun lines ->
        if not (Array.contains line lines) then failwithf "data/%s has no line '%s' to edit" relative line
        lines |> Array.map (fun l -> if l = line then replacement else l))
