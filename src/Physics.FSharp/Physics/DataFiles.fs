namespace NuDM.Physics

open System
open System.IO
open System.Globalization

/// Locates the project's data/ folder and reads its simple CSV tables. The program reads only this folder:
/// by default data/ beside the executable (the build copies it there); inside the repository (tests) the
/// repository's data/ is found by walking up from the executable; NUDM_DATA overrides both.
[<AbstractClass; Sealed>]
type DataFiles =
    static let mutable overrideDir : string = null

    static let locate () =
        let fromEnv = Environment.GetEnvironmentVariable "NUDM_DATA"
        if not (String.IsNullOrWhiteSpace fromEnv) then
            if Directory.Exists fromEnv then fromEnv
            else raise (DirectoryNotFoundException(sprintf "NUDM_DATA points to '%s', which does not exist" fromEnv))
        else
            let beside = Path.Combine(AppContext.BaseDirectory, "data")
            if File.Exists(Path.Combine(beside, "README.md")) then beside
            else
                let rec up (d: DirectoryInfo) =
                    if isNull d then None
                    elif File.Exists(Path.Combine(d.FullName, "NuDM.Hybrid.sln")) && Directory.Exists(Path.Combine(d.FullName, "data")) then
                        Some(Path.Combine(d.FullName, "data"))
                    else up d.Parent
                match up (DirectoryInfo AppContext.BaseDirectory) with
                | Some d -> d
                | None -> raise (DirectoryNotFoundException(sprintf "the data/ folder was not found beside %s or above it; set NUDM_DATA" AppContext.BaseDirectory))

    static let dir = lazy (locate ())

    /// The data folder in use.
    static member Directory = if isNull overrideDir then dir.Force() else overrideDir

    /// Uses another data folder (tests).
    static member UseDirectory(path: string) = overrideDir <- path

    /// Full path of a file under data/, e.g. DataFiles.Path("detection", "isotopes.csv"); throws a clear error if absent.
    static member Path([<ParamArray>] parts: string[]) : string =
        let p = IO.Path.Combine(Array.append [| DataFiles.Directory |] parts)
        if not (File.Exists p) then raise (FileNotFoundException(sprintf "data file %s is missing (see data/README.md)" p, p))
        p

    /// Rows of a CSV file with '#' comment lines and one header line: each row as a map from column name to text.
    static member ReadCsv([<ParamArray>] parts: string[]) : Map<string, string> list =
        let lines =
            File.ReadAllLines(DataFiles.Path parts)
            |> Array.filter (fun l -> not (String.IsNullOrWhiteSpace l) && not (l.TrimStart().StartsWith "#"))
        match List.ofArray lines with
        | [] -> []
        | header :: rows ->
            let cols = header.Split(',') |> Array.map (fun s -> s.Trim())
            rows
            |> List.map (fun r ->
                let cells = r.Split(',') |> Array.map (fun s -> s.Trim())
                Seq.zip cols (Seq.append cells (Seq.replicate (max 0 (cols.Length - cells.Length)) "")) |> Map.ofSeq)

    /// Whitespace- or comma-separated numeric columns, skipping comment and non-numeric header lines.
    static member ReadNumbers([<ParamArray>] parts: string[]) : float[][] =
        File.ReadAllLines(DataFiles.Path parts)
        |> Array.choose (fun l ->
            let t = l.Trim()
            if t.Length = 0 || t.StartsWith "#" then None
            else
                let cells = t.Split([| ' '; '\t'; ','; ';' |], StringSplitOptions.RemoveEmptyEntries)
                let parsed = cells |> Array.map (fun c -> Double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture))
                if parsed.Length > 0 && parsed |> Array.forall fst then Some(parsed |> Array.map snd) else None)

    /// A number from a CSV cell (invariant culture), with the file and column named in the error.
    static member internal Number(row: Map<string, string>, column: string, file: string) : float =
        match row.TryFind column with
        | Some s ->
            match Double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture) with
            | true, v -> v
            | _ -> raise (FormatException(sprintf "%s: column %s holds '%s', not a number" file column s))
        | None -> raise (FormatException(sprintf "%s: no column %s" file column))
