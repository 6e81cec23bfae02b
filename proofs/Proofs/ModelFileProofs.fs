/// Proof obligations of models as data: the seeds' scalar model read from models/scalar.yaml (ModelFile) is the model
/// built in code (SeedModel) — every process it derives has the identical canonical |M|², and the identical dσ/dT,
/// width, σv and σv integrand where the process has one — so `--model models/scalar.yaml` computes the same numbers
/// as the default, bit for bit. SeedModel stays in code as the reference.
module NuDM.Proofs.ModelFileProofs

open System
open System.IO
open NuDM.Symbolic
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

let obligations : Obligation list =
    [ { Id = "model.scalar-file"
        Title = "models/scalar.yaml is the seeds' scalar model: identical canonical forms for every process"
        Equation = "seed 001 eqs. (2.1), (2.21), (4.1)–(4.2); seed 000 eq. (1)"
        Statement =
          "The model read from models/scalar.yaml derives, for every process kind, exactly what SeedModel (built in code) derives: the same presence or absence, identical canonical |M|², dσ/dT, Γ, σv and σv integrands, and the same parameters in the same order; so the file and the default compute identical numbers"
        Domain = "identity of canonical forms (no assumption)"
        Check = sameAsSeed } ]
