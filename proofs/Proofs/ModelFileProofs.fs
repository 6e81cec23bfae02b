/// Proof obligations of models as data: the seeds' scalar model read from models/scalar.yaml (ModelFile) is the model
/// built in code (SeedModel) — every process it derives has the identical canonical |M|², and the identical dσ/dT,
/// width, σv and σv integrand where the process has one — so `--model models/scalar.yaml` computes the same numbers
/// as the default, bit for bit. SeedModel stays in code as the reference.
module NuDM.Proofs.ModelFileProofs

open System
open System.IO
open NuDM.Symbolic
open NuDM.Symbolic.Notation
open NuDM.Physics

/// models/scalar.yaml of the program (beside the executable or in the repository checkout).
let private scalarFile () =
    let folder = ModelFile.ShippedFolder
    if isNull folder then failwith "the models/ folder was not found beside the program or above it"
    Path.Combine(folder, "scalar.yaml")

/// The canonical expressions a process offers (|M|², and what is compiled from it).
let private expressions (p: Process) : (string * Expr) list =
    [ yield "|M|²", p.SquaredAmplitude.Expression
      match p with
      | :? NucleusScatteringProcess as n -> yield "dσ/dT", n.DifferentialCrossSection.Expression
      | :? DecayProcess as d -> yield "Γ", d.Width.Expression
      | :? ConversionAtRestProcess as c -> yield "σv", c.SigmaV.Expression
      | :? AnnihilationProcess as a -> yield "σv integrand", a.SigmaVIntegrand
      | _ -> () ]

let private sameAsSeed () : Outcome =
    let path = scalarFile ()
    let file = ModelFile.Parse("models/scalar.yaml", File.ReadAllText path)
    let seed = SeedModel.Model
    let outcomes =
        [ for k in Enum.GetValues<ProcessKind>() do
              match seed.TryProcess k, file.TryProcess k with
              | (false, _), (false, _) -> yield Outcome.Pass(sprintf "%O: absent from both" k)
              | (true, a), (true, b) ->
                  let ea, eb = expressions a, expressions b
                  if List.map fst ea <> List.map fst eb then yield Outcome.Fail(sprintf "%O: different quantities" k)
                  else
                      for (w, x), (_, y) in List.zip ea eb do
                          yield Prove.identical (sprintf "%s %s" a.Name w) x y
                  yield
                      (if List.ofSeq a.Parameters |> List.map (fun p -> p.Symbol) = (List.ofSeq b.Parameters |> List.map (fun p -> p.Symbol)) then
                           Outcome.Pass(sprintf "%s: the same parameters in the same order" a.Name)
                       else Outcome.Fail(sprintf "%s: parameters differ" a.Name))
              | (sa, _), (sb, _) -> yield Outcome.Fail(sprintf "%O: %s in SeedModel, %s in the file" k (if sa then "present" else "absent") (if sb then "present" else "absent")) ]
    Prove.all outcomes

/// Present, absent or not derived (the derivation's NotSupportedException) for a kind.
let private status (m: Model) (k: ProcessKind) =
    try (if m.Has k then "present" else "absent") with :? NotSupportedException -> "not derived"

/// A shipped file against the ModelLibrary model it writes down: the same presence, absence or non-derivation of every
/// kind, identical canonical |M|², Γ, σv and σv integrands, and dσ/dT identical — or, where the file quotes another
/// effective coupling (`renamed`: the library's symbol, the file's, and the library's in the file's), equal after that
/// substitution, with the parameters renamed alike.
let private sameAsLibrary (fileName: string) (reference: Model) (renamed: (string * string * Expr) option) () : Outcome =
    let folder = ModelFile.ShippedFolder
    if isNull folder then failwith "the models/ folder was not found beside the program or above it"
    let file = ModelFile.Parse("models/" + fileName, File.ReadAllText(Path.Combine(folder, fileName)))
    let rename (n: string) = match renamed with Some(a, b, _) when n = a -> b | _ -> n
    let outcomes =
        [ for k in Enum.GetValues<ProcessKind>() do
              match status reference k, status file k with
              | "present", "present" ->
                  let a, b = reference.Process k, file.Process k
                  let ea, eb = expressions a, expressions b
                  if List.map fst ea <> List.map fst eb then yield Outcome.Fail(sprintf "%O: different quantities" k)
                  else
                      for (w, x), (_, y) in List.zip ea eb do
                          match renamed with
                          | Some(lib, _, inFile) when w = "dσ/dT" && not (Structure.freeOf (Symbol lib) x) ->
                              let dom = Assumptions.Positive(List.ofSeq (Structure.symbols x) @ List.ofSeq (Structure.symbols y) |> List.filter (fun n -> n <> lib) |> List.distinct)
                              yield Prove.equal dom (sprintf "%s %s (%s = %s)" a.Name w lib (Infix.format inFile)) (Structure.substitute (Symbol lib) inFile x) y
                          | _ -> yield Prove.identical (sprintf "%s %s" a.Name w) x y
                  yield
                      (if List.ofSeq a.Parameters |> List.map (fun p -> rename p.Symbol) = (List.ofSeq b.Parameters |> List.map (fun p -> p.Symbol)) then
                           Outcome.Pass(sprintf "%s: the same parameters in the same order" a.Name)
                       else Outcome.Fail(sprintf "%s: parameters differ" a.Name))
              | sa, sb when sa = sb -> yield Outcome.Pass(sprintf "%O: %s in both" k sa)
              | sa, sb -> yield Outcome.Fail(sprintf "%O: %s in ModelLibrary.%s, %s in the file" k sa reference.Name sb) ]
    Prove.all outcomes

let obligations : Obligation list =
    [ { Id = "model.scalar-file"
        Title = "models/scalar.yaml is the seeds' scalar model: identical canonical forms for every process"
        Equation = "seed 001 eqs. (2.1), (2.21), (4.1)–(4.2); seed 000 eq. (1)"
        Statement =
          "The model read from models/scalar.yaml derives, for every process kind, exactly what SeedModel (built in code) derives: the same presence or absence, identical canonical |M|², dσ/dT, Γ, σv and σv integrands, and the same parameters in the same order; so the file and the default compute identical numbers"
        Domain = "identity of canonical forms (no assumption)"
        Check = sameAsSeed }
      { Id = "model.vector-file"
        Title = "models/vector.yaml is ModelLibrary.Vector: identical canonical forms; dσ/dT in ḡ = sqrt(g_χ g_q)"
        Equation = "L ⊃ g_χ χ̄ γ^μ P_L ν V_μ + h.c. + g_q q̄ γ_μ q V^μ; Q_V = 3A g_q"
        Statement =
          "The model read from models/vector.yaml derives, for every process kind, what ModelLibrary.Vector derives: the same presence, absence or non-derivation (χ χ̄ → V V, V V → ν ν̄, V V → χ χ̄ derived with the Proca polarisation sums), identical canonical |M|², Γ, σv and σv integrands; dσ/dT of ν N → χ N and ν̄ N → χ̄ N, which the file quotes in ḡ = sqrt(g_χ g_q) (the library in g_q), are equal with g_q = ḡ²/g_χ"
        Domain = "masses, energies and couplings positive (the dσ/dT identity; the rest is identity of canonical forms)"
        Check = sameAsLibrary "vector.yaml" ModelLibrary.Vector (Some("g_q", "gbar", Symbol "gbar" ** 2 / Symbol "g_chi")) }
      { Id = "model.pseudoscalar-file"
        Title = "models/pseudoscalar.yaml is ModelLibrary.Pseudoscalar: identical canonical forms for every process"
        Equation = "L ⊃ y_χ χ̄ iγ5 ν φ + h.c. + y_N N̄ iγ5 N φ"
        Statement =
          "The model read from models/pseudoscalar.yaml derives, for every process kind, exactly what ModelLibrary.Pseudoscalar derives: the same presence or absence (coherent ν N → χ N absent as spin-dependent), identical canonical |M|², Γ, σv and σv integrands, the same parameters in the same order"
        Domain = "identity of canonical forms (no assumption)"
        Check = sameAsLibrary "pseudoscalar.yaml" ModelLibrary.Pseudoscalar None }
      { Id = "model.light-vector-file"
        Title = "models/light-vector.yaml is ModelLibrary.LightVector: identical canonical forms for every process"
        Equation = "L ⊃ g_ν ν̄ γ^μ P_L ν Z'_μ + g_q q̄ γ_μ q Z'^μ; Q_V = 3A g_q"
        Statement =
          "The model read from models/light-vector.yaml derives, for every process kind, exactly what ModelLibrary.LightVector derives: ν N → ν N through Z' alone and with the SM's Z, identical canonical |M|² and dσ/dT (in g_q), the same parameters in the same order; no χ process"
        Domain = "identity of canonical forms (no assumption)"
        Check = sameAsLibrary "light-vector.yaml" ModelLibrary.LightVector None } ]
