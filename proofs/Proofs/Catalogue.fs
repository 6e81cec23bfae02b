namespace NuDM.Proofs

open System.Collections.Generic

/// Every proof obligation of the project, in a stable order. `dotnet test` (proofs/Proofs.Tests) and `nudm verify`
/// both run exactly this list.
[<AbstractClass; Sealed>]
type Catalogue =
    /// All obligations.
    static member All : IReadOnlyList<Obligation> =
        [ yield! KinematicsProofs.obligations
          yield! FluxProofs.obligations
          yield! FormFactorProofs.obligations
          yield! CouplingProofs.obligations
          yield! CrossSectionProofs.obligations
          yield! DecayProofs.obligations
          yield! AmplitudeProofs.obligations
          yield! AmplitudeProofs.conversionObligations
          yield! ModelProofs.obligations
          yield! ModelLibraryProofs.obligations
          yield! FieldKindProofs.obligations
          yield! SChannelProofs.obligations
          yield! ModelFileProofs.obligations
          yield! KineticDecouplingProofs.obligations
          yield! DownScatteringProofs.obligations
          yield! SeesawProofs.obligations
          yield! ConstraintProofs.obligations
          yield! DetectionProofs.obligations
          yield! ThermodynamicsProofs.obligations
          yield! ThermalAverageProofs.obligations
          yield! KineticDecouplingFormulaProofs.obligations
          yield! RelicProofs.obligations
          yield! DetectorResponseProofs.obligations ] :> IReadOnlyList<Obligation>

    /// Runs every obligation (in order) and returns the results.
    static member RunAll() : IReadOnlyList<ProofResult> =
        Catalogue.All |> Seq.map Obligations.run |> List.ofSeq :> IReadOnlyList<ProofResult>
