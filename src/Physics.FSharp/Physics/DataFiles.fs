namespace NuDM.Physics

open System
open System.Collections.Concurrent
open System.IO

/// The project's data/ folder: where it is, the one way to read its tables (DataFiles.Table, validated against the
/// schema in DataCatalog) and its other files (DataFiles.ReadText: JSON, YAML), a record of every file read, and a
/// cache of what is computed from them. The program reads only this folder: by default data/ beside the executable
/// (the build copies it there); inside the repository (tests) the repository's data/ is found by walking up from the
/// executable; NUDM_DATA overrides both, and DataFiles.UseDirectory overrides everything (tests).
///
/// Caches are kept per data folder: after UseDirectory a table, and everything computed from it with
/// DataFiles.Cached, is read again from the new folder.
[<AbstractClass; Sealed>]
type DataFiles =
    static let mutable overrideDir : string = null

    static let locate () =
        let fromEnv = Environment.GetEnvironmentVariable "NUDM_DATA"
        if not (String.IsNullOrWhiteSpace fromEnv) then
            if Directory.Exists fromEnv then Path.GetFullPath fromEnv
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

    static let located = lazy (locate ())
    static let cache = ConcurrentDictionary<struct (string * string), Lazy<obj>>()
    static let opened = ConcurrentDictionary<struct (string * string), bool>()

    /// A relative path as it is keyed and named: '/'-separated, inside the data folder.
    static let normalise (relative: string) =
        if String.IsNullOrWhiteSpace relative then invalidArg "relative" "a path relative to data/ is required"
        let p = relative.Trim().Replace('\\', '/')
        if Path.IsPathRooted p || p.Split('/') |> Array.exists (fun s -> s = "..") then
            raise (DataFileException("data/" + p, "is not a path inside data/ (no absolute paths, no '..')"))
        p

    static let evict (dir: string) =
        for k in cache.Keys do
            let struct (d, _) = k
            if d = dir then cache.TryRemove k |> ignore
        for k in opened.Keys do
            let struct (d, _) = k
            if d = dir then opened.TryRemove k |> ignore

    /// The data folder in use (full path).
    static member Directory : string = if isNull overrideDir then located.Force() else overrideDir

    /// Uses another data folder until the returned scope is disposed (then the previous one again); null goes back to
    /// the default. What was cached for the folder left is dropped, so an edited copy is always read afresh.
    static member UseDirectory(path: string) : IDisposable =
        let previous = overrideDir
        let next =
            if isNull path then null
            elif Directory.Exists path then Path.GetFullPath path
            else raise (DirectoryNotFoundException(sprintf "data folder '%s' does not exist" path))
        if not (isNull previous) && previous <> next then evict previous
        overrideDir <- next
        { new IDisposable with
            member _.Dispose() =
                if not (isNull overrideDir) && overrideDir <> previous then evict overrideDir
                overrideDir <- previous }

    /// The name messages use for a file under data/: data/&lt;relative&gt;.
    static member DisplayName(relative: string) : string = "data/" + normalise relative

    /// Full path of a file under data/, e.g. DataFiles.Path("detection", "isotopes.csv"); a DataFileException if absent.
    static member Path([<ParamArray>] parts: string[]) : string =
        let relative = normalise (String.Join("/", parts))
        let p = Path.Combine(DataFiles.Directory, relative)
        if not (File.Exists p) then raise (DataFileException("data/" + relative, "is missing (see data/README.md)"))
        p

    /// Whether a file exists under data/.
    static member Exists(relative: string) : bool = File.Exists(Path.Combine(DataFiles.Directory, normalise relative))

    /// The text of a file under data/ that is not a table (JSON, YAML); recorded as read.
    static member ReadText(relative: string) : string =
        let relative = normalise relative
        let path = DataFiles.Path relative
        opened.TryAdd(struct (DataFiles.Directory, relative), true) |> ignore
        File.ReadAllText path

    /// A table under data/ read once per data folder, validated against its schema in DataCatalog; every fault is a
    /// DataFileException with file, line and column. A table inside a YAML file that holds several is named
    /// 'file#entry' (constraints/xray_sterile/snu_limits.yaml#boyarsky2007_integral); its schema says which block.
    static member Table(relative: string) : DataTable =
        let relative = normalise relative
        let schema = DataCatalog.Schema relative
        DataFiles.Cached("table:" + relative, Func<DataTable>(fun () -> DataFiles.Read(relative, schema)))

    /// A table under data/ read now with the given schema (not cached); for 'file#entry' the file is read (the schema
    /// names the block) and recorded as read.
    static member Read(relative: string, schema: TableSchema) : DataTable =
        let relative = normalise relative
        let file = match relative.IndexOf '#' with -1 -> relative | i -> relative.Substring(0, i)
        let path = DataFiles.Path file
        opened.TryAdd(struct (DataFiles.Directory, file), true) |> ignore
        TableReader.read ("data/" + file) path schema

    /// A table outside data/ (the tests' reference data) read now by the same reader and schema rules; displayName is
    /// how messages name it. Not recorded among the program's files.
    static member ReadTable(fullPath: string, displayName: string, schema: TableSchema) : DataTable =
        TableReader.read displayName fullPath schema

    /// A value computed from data files, once per data folder and key (a failed computation is not cached).
    static member Cached<'T>(key: string, build: Func<'T>) : 'T =
        let k = struct (DataFiles.Directory, key)
        let lz = cache.GetOrAdd(k, fun _ -> Lazy<obj>((fun () -> box (build.Invoke())), Threading.LazyThreadSafetyMode.ExecutionAndPublication))
        try
            unbox<'T> lz.Value
        with _ ->
            cache.TryRemove(Collections.Generic.KeyValuePair(k, lz)) |> ignore
            reraise ()

    /// The files (relative to data/, sorted) read from the data folder in use since it was selected.
    static member OpenedFiles : Collections.Generic.IReadOnlyList<string> =
        let dir = DataFiles.Directory
        opened.Keys
        |> Seq.choose (fun (struct (d, r)) -> if d = dir then Some r else None)
        |> Seq.sort
        |> Array.ofSeq
        :> Collections.Generic.IReadOnlyList<string>
