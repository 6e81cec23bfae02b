/// The one validating reader of data tables (DataTable.fs, DataCatalog.fs, DataFiles.fs): every fault is a
/// DataFileException naming file, line and column, nothing is skipped silently, and the kernel's readers (isotopes,
/// reactor spectrum, couplings, kaon, Earth/Sun) see an edited copy of data/ instead of what they cached before.
module NuDM.Physics.Tests.DataFileTests

open System
open System.IO
open NUnit.Framework
open NuDM.Physics

let private kopeikin = "cevns/reactor/kopeikin_spectrum.txt"
let private isotopes = "detection/isotopes.csv"

/// Runs f and returns the DataFileException it must throw.
let private fault (f: unit -> 'a) : DataFileException =
    Assert.Throws<DataFileException>(fun () -> f () |> ignore)

let private at (e: DataFileException) (file: string) (line: int) (column: int) =
    Assert.That(e.File, Is.EqualTo file, e.Message)
    Assert.That(e.Line, Is.EqualTo line, e.Message)
    Assert.That(e.Column, Is.EqualTo column, e.Message)
    Assert.That(e.Message, Does.StartWith(if column > 0 then sprintf "%s: line %d, column %d" file line column else sprintf "%s: line %d" file line))

/// The CONUS reactor spectrum as the program builds it: Huber–Mueller above 2 MeV, Kopeikin's table below.
let private reactorSpectrum () = ReactorSpectrum().PerFission 1.0

// ------------------------------------------------------------------ the defects of the issue, in edited copies of data/

[<Test>]
let ``a NaN in the reactor table is an error at its line and column, not an endless integral`` () =
    // before: ReadNumbers parsed "nan" as NaN and the CONUS spectrum never converged (4.3 GB after a minute)
    let line = ReferenceData.lineOf kopeikin "0.500 0.303e+1 7"
    use _ = ReferenceData.editedData kopeikin "0.500 0.303e+1 7" "0.500 nan 7"
    let e = fault reactorSpectrum
    at e ("data/" + kopeikin) line 2
    Assert.That(e.ColumnName, Is.EqualTo "per_MeV_per_fission")
    Assert.That(e.Message, Does.Contain "'nan' is not a finite number")

[<Test>]
let ``an inf cell is an error at its line and column`` () =
    // before: "inf" does not parse, so ReadNumbers dropped the row without a word
    let line = ReferenceData.lineOf kopeikin "5.000 0.0928 3"
    use _ = ReferenceData.editedData kopeikin "5.000 0.0928 3" "5.000 inf 3"
    let e = fault reactorSpectrum
    at e ("data/" + kopeikin) line 2
    Assert.That(e.Message, Does.Contain "'inf' is not a finite number")

[<Test>]
let ``a junk row in the reactor spectrum is an error, not skipped`` () =
    // before: the row was skipped and the CONUS prediction moved from 665.36 to 657.71 events (junk at 2 MeV)
    let line = ReferenceData.lineOf kopeikin "2.000 0.130e+1 3"
    use _ = ReferenceData.editedData kopeikin "2.000 0.130e+1 3" "2.000 O.130e+1 3"
    let e = fault reactorSpectrum
    at e ("data/" + kopeikin) line 2
    Assert.That(e.Message, Does.Contain "'O.130e+1' is not a number")

[<Test>]
let ``a reactor table that lost a row is an error (the row count is declared)`` () =
    use _ = ReferenceData.editData kopeikin (Array.filter (fun l -> l <> "2.000 0.130e+1 3"))
    let e = fault reactorSpectrum
    Assert.That(e.File, Is.EqualTo("data/" + kopeikin))
    Assert.That(e.Line, Is.EqualTo 0)
    Assert.That(e.Message, Does.Contain "has 49 data rows, 50 are expected")

[<Test>]
let ``a truncated isotope table is an error at the element whose abundances no longer sum to 1`` () =
    // before: the Xe target silently lost Xe-134 and Xe-136 (the other shares were rescaled to 100 %)
    let last = ReferenceData.lineOf isotopes "Xe,54,132,78,0.269086,131.9041551,122840.3486"
    use _ = ReferenceData.editData isotopes (fun lines -> Array.truncate last lines)
    let e = fault (fun () -> Nuclear.Target "Xe")
    at e ("data/" + isotopes) last 5
    Assert.That(e.ColumnName, Is.EqualTo "abundance")
    Assert.That(e.Message, Does.Contain("element = Xe").And.Contain("sum to 0.80707, not 1"))

[<Test>]
let ``a negative abundance is an error, not a −135 % share`` () =
    let line = ReferenceData.lineOf isotopes "Ge,32,74,42,0.365,73.92117776,68840.7892"
    use _ = ReferenceData.editedData isotopes "Ge,32,74,42,0.365,73.92117776,68840.7892" "Ge,32,74,42,-0.365,73.92117776,68840.7892"
    let e = fault (fun () -> Nuclear.Target "Ge")
    at e ("data/" + isotopes) line 5
    Assert.That(e.Message, Does.Contain "-0.365 is outside [0, 1]")

[<Test>]
let ``a missing cell is an error at the first missing column`` () =
    // before: ReadCsv padded the row with "" and the error named no line
    let line = ReferenceData.lineOf isotopes "Cs,55,133,78,1.0,132.905452,123772.5398"
    use _ = ReferenceData.editedData isotopes "Cs,55,133,78,1.0,132.905452,123772.5398" "Cs,55,133,78,1.0,132.905452"
    let e = fault (fun () -> Nuclear.Target "CsI")
    at e ("data/" + isotopes) line 7
    Assert.That(e.ColumnName, Is.EqualTo "nuclear_mass_MeV")
    Assert.That(e.Message, Does.Contain "missing cell")

[<Test>]
let ``an extra cell is an error at the column after the last declared one`` () =
    // before: ReadCsv zipped the cells with the header and dropped the extra one
    let line = ReferenceData.lineOf isotopes "Cs,55,133,78,1.0,132.905452,123772.5398"
    use _ = ReferenceData.editedData isotopes "Cs,55,133,78,1.0,132.905452,123772.5398" "Cs,55,133,78,1.0,132.905452,123772.5398,7"
    let e = fault (fun () -> Nuclear.Target "CsI")
    at e ("data/" + isotopes) line 8
    Assert.That(e.Message, Does.Contain "extra cell '7'")

[<Test>]
let ``an extra cell in a whitespace table is an error too`` () =
    let line = ReferenceData.lineOf kopeikin "2.000 0.130e+1 3"
    use _ = ReferenceData.editedData kopeikin "2.000 0.130e+1 3" "2.000 0.130e+1 3 junk"
    let e = fault reactorSpectrum
    at e ("data/" + kopeikin) line 4
    Assert.That(e.Message, Does.Contain "extra cell 'junk'")

[<Test>]
let ``the other kernel tables are validated too: couplings, quark masses, kaon, Earth and Sun`` () =
    let check (relative: string) (original: string) (edited: string) (column: int) (read: unit -> obj) =
        let line = ReferenceData.lineOf relative original
        use _ = ReferenceData.editedData relative original edited
        at (fault read) ("data/" + relative) line column
    check "detection/nucleon_scalar_couplings.csv" "p,u,0.0208,0.0015,arXiv:1506.04142" "p,u,NaN,0.0015,arXiv:1506.04142" 3
        (fun () -> box (Couplings.ScalarContent Nucleon.Proton))
    check "detection/quark_masses_pdg.csv" "s,95,9,3,93" "s,-95,9,3,93" 2 (fun () -> box (Couplings.QuarkMasses QuarkMassSet.PDG2018))
    check "detection/kaon_pi_nunu.csv" "SM,Buras et al. 2015,8.4,1.0,1.0,,,JHEP 11 (2015) 033 arXiv:1503.02693"
        "SM,Buras et al. 2015,8.4,1.0,x,,,JHEP 11 (2015) 033 arXiv:1503.02693" 5 (fun () -> box (KaonBounds.StandardModel()))
    let earth = "Earth,5.97217e24,6371000.79,6371000.79,surface-volume-average,M: PDG 2024 astrophysical constants (GM/G with GM = 3.986004418e14 m^3 s^-2 and CODATA 2018 G); R: equal-volume radius R3 of GRS80 (Moritz J. Geodesy 74 (2000) 128)"
    check "constraints/astro_bodies.csv" earth (earth.Replace("6371000.79,6371000.79", "0,6371000.79")) 3 (fun () -> box EarthSunFluxes.Earth)

[<Test>]
let ``the reactor coefficient file is checked: six finite coefficients per isotope`` () =
    use _ =
        ReferenceData.editedData "cevns/reactor/huber_mueller_coefficients.json"
            "    \"U235\":  [4.367, -4.577, 2.100, -0.5294, 0.06186, -0.002777],"
            "    \"U235\":  [4.367, -4.577, 2.100, -0.5294, 0.06186],"
    let e = fault (fun () -> Fluxes.ReactorIsotopeSpectrum(ReactorIsotope.U235, ReactorSpectrumModel.HuberMueller, 3.0))
    Assert.That(e.File, Is.EqualTo "data/cevns/reactor/huber_mueller_coefficients.json")
    Assert.That(e.Message, Does.Contain "huber_mueller.U235 has 5 coefficients, expected 6")

[<Test>]
let ``after an edited copy the real data folder is in use again and gives the published numbers`` () =
    let before = DataFiles.Directory
    do
        use _ = ReferenceData.editedData isotopes "Ge,32,74,42,0.365,73.92117776,68840.7892" "Ge,32,74,42,-0.365,73.92117776,68840.7892"
        Assert.That(DataFiles.Directory, Is.Not.EqualTo before)
        fault (fun () -> Nuclear.Target "Ge") |> ignore
    Assert.That(DataFiles.Directory, Is.EqualTo before)
    let ge74 = Nuclear.Target("Ge").Nuclei |> Seq.find (fun n -> n.Isotope.A = 74)
    Assert.That(ge74.NumberFraction, Is.EqualTo(0.365).Within(1e-12)) // NIST: Ge-74 36.50 %

// ------------------------------------------------------------------ the reader itself, on text

let private parse (schema: TableSchema) (text: string) = TableReader.parse "data/test.csv" "test.csv" schema text

let private numbers =
    TableSchema.Whitespace().Column("x", CellRule.Positive).Column("y", CellRule.NonNegative).Increasing("x")

[<Test>]
let ``comment lines, blank lines and a caption are allowed; line numbers count every line`` () =
    let t = parse (numbers.Caption()) "# a comment\n\nx (MeV)   y\n1 2\n# between rows\n\n2\t3\n"
    Assert.That(t.Count, Is.EqualTo 2)
    Assert.That(([ for r in t.Rows -> r.Line ] = [ 4; 7 ]), "lines 4 and 7")
    Assert.That((t.Numbers "y" = [| 2.0; 3.0 |]), "y = 2, 3")

[<TestCase("1 2\n1 3\n", 2, 1, "does not increase")>]
[<TestCase("1 2\n2 -3\n", 2, 2, "is negative")>]
[<TestCase("0 2\n", 1, 1, "is not > 0")>]
[<TestCase("1 2\nNaN 3\n", 2, 1, "not a finite number")>]
[<TestCase("1 2\n-Infinity 3\n", 2, 1, "not a finite number")>]
[<TestCase("1 2\n1e400 3\n", 2, 1, "not a finite number")>]
[<TestCase("1 2\n2,5 3\n", 2, 1, "'2,5' is not a number")>]
let ``every bad cell names its line and column`` (text: string, line: int, column: int, reason: string) =
    let e = Assert.Throws<DataFileException>(fun () -> parse numbers text |> ignore)
    Assert.That((e.Line, e.Column), Is.EqualTo((line, column)), e.Message)
    Assert.That(e.Message, Does.Contain reason)

[<Test>]
let ``an empty table is an error`` () =
    let e = Assert.Throws<DataFileException>(fun () -> parse numbers "# only comments\n\n" |> ignore)
    Assert.That(e.Message, Does.Contain "has 0 data rows")

[<Test>]
let ``CSV: the header names the columns; a missing or undeclared column and an empty required cell are errors`` () =
    let schema = TableSchema.Csv().Column("name", CellRule.Text).Column("share", CellRule.Fraction).OptionalColumn("note", CellRule.Text)
    let t = parse schema "# c\nname,share,note\n a , 0.25 ,\n\"b, c\",0.75,x\n"
    Assert.That(t.Rows.[0].["name"], Is.EqualTo "a")
    Assert.That(t.Rows.[1].["name"], Is.EqualTo "b, c")
    Assert.That(t.Rows.[0].HasValue "note", Is.False)
    let missing = Assert.Throws<DataFileException>(fun () -> parse schema "name,note\na,x\n" |> ignore)
    Assert.That(missing.Message, Does.Contain "the header has no column 'share'")
    let extra = Assert.Throws<DataFileException>(fun () -> parse schema "name,share,note,other\na,0.5,,1\n" |> ignore)
    Assert.That((extra.Line, extra.Column, extra.ColumnName), Is.EqualTo((1, 4, "other")))
    let empty = Assert.Throws<DataFileException>(fun () -> parse schema "name,share,note\n,0.5,\n" |> ignore)
    Assert.That((empty.Line, empty.Column), Is.EqualTo((2, 1)))
    Assert.That(empty.Message, Does.Contain "the cell is empty")

[<Test>]
let ``grid, sums and exclusion rules are checked and reported`` () =
    let grid = TableSchema.Whitespace().Column("a", CellRule.Finite).Column("b", CellRule.Finite).Column("v", CellRule.Count).Grid([| "a"; "b" |], [| 2; 2 |])
    Assert.That((parse grid "1 1 0\n1 2 3\n2 1 4\n2 2 5\n").Count, Is.EqualTo 4)
    let repeated = Assert.Throws<DataFileException>(fun () -> parse grid "1 1 0\n1 2 3\n2 1 4\n1 2 5\n" |> ignore)
    Assert.That(repeated.Message, Does.Contain "grid point (1, 2) repeats line 2")
    let fractional = Assert.Throws<DataFileException>(fun () -> parse grid "1 1 0\n1 2 3.5\n2 1 4\n2 2 5\n" |> ignore)
    Assert.That((fractional.Line, fractional.Column), Is.EqualTo((2, 3)))
    let sums = TableSchema.Csv().Column("g", CellRule.Text).Column("f", CellRule.Fraction).SumsTo("f", "g", 1.0, 1e-4)
    Assert.That((parse sums "g,f\nA,0.4\nA,0.6\nB,1\n").Count, Is.EqualTo 3)
    let short = Assert.Throws<DataFileException>(fun () -> parse sums "g,f\nA,0.4\nA,0.5\nB,1\n" |> ignore)
    Assert.That((short.Line, short.Column), Is.EqualTo((3, 2)))
    let excluding = numbers.Exclude("x > 5 is outside the range used", Func<DataRow, bool>(fun r -> r.Number "x" > 5.0))
    let t = parse excluding "1 1\n6 1\n"
    Assert.That(t.Count, Is.EqualTo 1)
    Assert.That(t.Excluded.Count, Is.EqualTo 1)
    Assert.That(t.Excluded.[0].Row.Line, Is.EqualTo 2)
    Assert.That(t.Excluded.[0].Reason, Is.EqualTo "x > 5 is outside the range used")

[<Test>]
let ``the T = 0 rows of the micrOMEGAs tables are set aside by their stated rule, and must repeat the lowest T > 0 row`` () =
    for f in [ "micromegas_std_thg.tab"; "micromegas_HP_A_thg.tab"; "micromegas_HP_B_thg.tab" ] do
        let t = DataFiles.Table("cosmology/" + f)
        Assert.That(t.Excluded.Count, Is.EqualTo 1, f)
        Assert.That(t.Excluded.[0].Row.Number "T_GeV", Is.EqualTo 0.0)
        Assert.That(t.Excluded.[0].Reason, Does.StartWith "T = 0")
        Assert.That(t.Count, Is.EqualTo 275, f)
    let original = " 0.000000E+00 3.913901E+00 3.367225E+00"
    let line = ReferenceData.lineOf "cosmology/micromegas_std_thg.tab" original
    use _ = ReferenceData.editedData "cosmology/micromegas_std_thg.tab" original " 0.000000E+00 3.913901E+00 3.5E+00"
    let e = fault (fun () -> DataFiles.Table "cosmology/micromegas_std_thg.tab")
    at e "data/cosmology/micromegas_std_thg.tab" line 3

[<Test>]
let ``a path outside data/ and an undeclared table are refused`` () =
    Assert.That((fault (fun () -> DataFiles.Table "../NuDM.Hybrid.sln")).Message, Does.Contain "not a path inside data/")
    Assert.That((fault (fun () -> DataFiles.Table "experiments/conus.yaml")).Message, Does.Contain "has no declared schema")

[<Test>]
let ``every table under data/ has a declared schema and reads cleanly; every declared table exists`` () =
    let root = ReferenceData.repositoryData.Force()
    let tables =
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
        |> Array.map (fun f -> Path.GetRelativePath(root, f).Replace('\\', '/'))
        // README.md and LICENSE.* (the licence of a copied file, shipped beside it) are documents, not tables
        |> Array.filter (fun f -> not (f.EndsWith "README.md" || Path.GetFileName(f).StartsWith "LICENSE." || f.EndsWith ".yaml" || f.EndsWith ".json"))
        |> Array.sort
    // a table inside a YAML file is declared as 'file#entry'; the other declared tables are whole files
    let wholeFiles = DataCatalog.Tables |> Seq.filter (fun t -> not (t.Contains "#"))
    Assert.That(tables, Is.EquivalentTo wholeFiles)
    use _ = DataFiles.UseDirectory root
    for f in DataCatalog.Tables do
        let t = DataFiles.Table f
        Assert.That(t.Count, Is.GreaterThan 0, f)

// ------------------------------------------------------------------ YAML blocks, unsorted curves, repeated points

let private yaml =
    "top:\n  # a comment\n  xystring: |\n    1 2\n    2 3\n\n    3 4\nnext:\n  xystring: |\n    9 9\n"

let private block (entry: string) = numbers.YamlBlock(entry, "xystring")

[<Test>]
let ``a YAML literal block is read as a table whose lines keep their numbers in the file`` () =
    let t = parse (block "top") yaml
    Assert.That(([ for r in t.Rows -> r.Line ] = [ 4; 5; 7 ]), sprintf "%A" ([ for r in t.Rows -> r.Line ]))
    Assert.That((t.Numbers "y" = [| 2.0; 3.0; 4.0 |]), sprintf "%A" (t.Numbers "y"))
    Assert.That((parse (block "next") yaml).Rows.[0].Line, Is.EqualTo 10)
    // a bad cell in the block is named by the file's line and the column's cell
    let e = Assert.Throws<DataFileException>(fun () -> parse (block "top") (yaml.Replace("    2 3", "    2 -3")) |> ignore)
    Assert.That((e.File, e.Line, e.Column, e.ColumnName), Is.EqualTo(("data/test.csv", 5, 2, "y")), e.Message)

[<TestCase("other", 0, "has no top-level entry 'other:'")>]
[<TestCase("dup", 3, "the entry 'dup:' appears twice (first at line 1)")>]
[<TestCase("nofield", 5, "has no literal block 'xystring: |'")>]
[<TestCase("empty", 9, "is empty")>]
let ``a YAML block that is missing, ambiguous or empty is an error naming its line`` (entry: string, line: int, reason: string) =
    let text = "dup:\n  xystring: |\ndup:\n  xystring: |\nnofield:\n  other: |\n    1 1\nempty:\n  xystring: |\nlast: 1\n"
    let e = Assert.Throws<DataFileException>(fun () -> parse (block entry) text |> ignore)
    Assert.That(e.Line, Is.EqualTo line, e.Message)
    Assert.That(e.Message, Does.Contain reason)

[<Test>]
let ``rows out of order are sorted when the schema says so; a repeated value is then refused, or merged by its stated rule`` () =
    let curve = TableSchema.CommaNumbers().Column("x", CellRule.Positive).Column("y", CellRule.Positive)
    // without SortedBy an unsorted axis is refused at the row that steps back
    let unsorted = Assert.Throws<DataFileException>(fun () -> parse (curve.Increasing "x") "1,5\n3,4\n2,6\n4,1\n" |> ignore)
    Assert.That((unsorted.Line, unsorted.Column), Is.EqualTo((3, 1)))
    let sorted = curve.SortedBy("x", "digitised back and forth").Increasing("x")
    let t = parse sorted "1,5\n3,4\n2,6\n4,1\n"
    Assert.That((t.Numbers "x" = [| 1.0; 2.0; 3.0; 4.0 |]), sprintf "%A" (t.Numbers "x"))
    Assert.That(([ for r in t.Rows -> r.Line ] = [ 1; 3; 2; 4 ]), "rows keep their file lines")
    // a repeated x after sorting: refused, naming the second row and the first
    let repeated = Assert.Throws<DataFileException>(fun () -> parse sorted "1,5\n3,4\n3,2\n2,6\n" |> ignore)
    Assert.That((repeated.Line, repeated.Column), Is.EqualTo((3, 1)), repeated.Message)
    Assert.That(repeated.Message, Does.Contain "(previous row, line 2: 3)")
    // merged by the stated rule: the largest y stays, the others are set aside with the reason and the line kept
    let merged = curve.SortedBy("x", "digitised back and forth").RepeatsKeepLargest("x", "y", "a vertical segment").Increasing("x")
    let m = parse merged "1,5\n3,4\n3,7\n2,6\n3,1\n"
    Assert.That((m.Numbers "x" = [| 1.0; 2.0; 3.0 |]), sprintf "%A" (m.Numbers "x"))
    Assert.That((m.Numbers "y" = [| 5.0; 6.0; 7.0 |]), sprintf "%A" (m.Numbers "y"))
    Assert.That(([ for x in m.Excluded -> x.Row.Line ] = [ 2; 5 ]), sprintf "%A" ([ for x in m.Excluded -> x.Row.Line ]))
    Assert.That(m.Excluded.[0].Reason, Is.EqualTo "a vertical segment (x = 3 repeats; kept: line 3)")

let private roach = "constraints/xray_sterile/LimitsRoach2022_MWHalo.csv"
let private snu = "constraints/xray_sterile/snu_limits.yaml"

[<Test>]
let ``the X-ray limits are read as declared: Roach 2022 sorted, its 12 rows at 39.5712 keV merged into the weakest`` () =
    let t = DataFiles.Table roach
    Assert.That((t.Count, t.Excluded.Count), Is.EqualTo((308, 11)))
    let x = t.Numbers "m_s_keV"
    Assert.That(Array.pairwise x |> Array.forall (fun (a, b) -> b > a), "strictly increasing after sorting and merging")
    Assert.That(t.Excluded |> Seq.forall (fun e -> e.Row.Number "m_s_keV" = 39.571247715367306 && e.Row.Line >= 307 && e.Row.Line <= 317))
    let kept = t.Rows |> Seq.find (fun r -> r.Number "m_s_keV" = 39.571247715367306)
    Assert.That((kept.Line, kept.Number "sin2_2theta"), Is.EqualTo((306, 7.268138520579877e-15)), "the largest sin²2θ of the vertical segment")
    for entry, rows, first in [ "boyarsky2007_integral", 76, 40.6625; "perez2016_nustar_gc", 96, 6.01911; "roach2019_nustar_bulge", 101, 7.67376; "ng2019_nustar_m31", 71, 9.96724 ] do
        let c = DataFiles.Table(snu + "#" + entry)
        Assert.That((c.Count, c.Rows.[0].Number "m_s_keV"), Is.EqualTo((rows, first)), entry)
        // the row's line number is the file's: that line of the file holds the first point
        let fileLine = File.ReadAllLines(Path.Combine(ReferenceData.repositoryData.Force(), snu)).[c.Rows.[0].Line - 1]
        Assert.That(Double.Parse(fileLine.Split(' ', StringSplitOptions.RemoveEmptyEntries).[0], Globalization.CultureInfo.InvariantCulture), Is.EqualTo first, entry)
    Assert.That(DataFiles.OpenedFiles, Does.Contain snu)

[<Test>]
let ``a corrupted copy of an X-ray limit is refused with file, line and column`` () =
    // INTEGRAL at m_s = 1.106 MeV: a NaN
    let line = ReferenceData.lineOf snu "    1.10600e+3  9.10772e-22"
    do
        use _ = ReferenceData.editedData snu "    1.10600e+3  9.10772e-22" "    1.10600e+3  nan"
        let e = fault (fun () -> DataFiles.Table(snu + "#boyarsky2007_integral"))
        at e ("data/" + snu) line 2
        Assert.That(e.ColumnName, Is.EqualTo "sin2_2theta")
    // a point of the NuSTAR bulge curve moved behind its predecessor: the block must increase as stored
    let bulge = ReferenceData.lineOf snu "    8.45714e+0 1.78145e-11"
    do
        use _ = ReferenceData.editedData snu "    8.45714e+0 1.78145e-11" "    8.20000e+0 1.78145e-11"
        let e = fault (fun () -> DataFiles.Table(snu + "#roach2019_nustar_bulge"))
        at e ("data/" + snu) bulge 1
        Assert.That(e.Message, Does.Contain "does not increase strictly")
    // sin²2θ above 1 in the Roach 2022 file
    let first = "6.074232025383001, 1.721126944957664e-10"
    do
        use _ = ReferenceData.editedData roach first "6.074232025383001, 1.7"
        let e = fault (fun () -> DataFiles.Table roach)
        at e ("data/" + roach) 1 2
        Assert.That(e.Message, Does.Contain "is above 1")
    // a missing row
    do
        use _ = ReferenceData.editedData roach first "# removed"
        Assert.That((fault (fun () -> DataFiles.Table roach)).Message, Does.Contain "has 318 data rows, 319 are expected")
