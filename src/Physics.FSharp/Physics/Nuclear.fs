namespace NuDM.Physics

open System
open System.Collections.Generic

/// One isotope: element symbol, Z, A, natural abundance (mole fraction) and nuclear mass (MeV).
[<NoEquality; NoComparison>]
type Isotope =
    { Element: string
      Z: int
      A: int
      /// Natural abundance (mole fraction within the element).
      Abundance: float
      /// Nuclear mass in MeV (atomic mass · u − Z m_e).
      Mass: float }

    member i.N = i.A - i.Z
    member i.Name = sprintf "%s-%d" i.Element i.A

/// A nucleus in a target with its share of the target nuclei (number fraction) and of the target mass.
[<NoEquality; NoComparison>]
type TargetNucleus =
    { Isotope: Isotope
      /// Fraction of all target nuclei that are this isotope.
      NumberFraction: float
      /// Fraction of the target mass carried by this isotope.
      MassFraction: float }

/// One element of a chemical formula and how many atoms of it a formula unit holds (e.g. O, 4 in CaWO4).
[<NoEquality; NoComparison>]
type ElementCount =
    { Element: string
      Count: int }

/// An isotope and how many of its nuclei a detector holds.
[<NoEquality; NoComparison>]
type NucleusCount =
    { Isotope: Isotope
      /// Number of such nuclei (dimensionless, &gt; 0 for a detector).
      Count: float }

/// A detector material: natural elements combined in a chemical formula (Ge, CsI, Xe, C9H12, CaWO4, …).
[<Sealed>]
type Target(name: string, formula: IEnumerable<ElementCount>, isotopes: IEnumerable<Isotope>) =
    do
        if isNull formula then nullArg "formula"
        if isNull isotopes then nullArg "isotopes"
    let formula = List.ofSeq formula
    let isotopes = List.ofSeq isotopes
    do
        for e in formula do
            if e.Count < 1 then raise (ArgumentOutOfRangeException("formula", e.Count, sprintf "target %s: element %s needs a count ≥ 1" name e.Element))
    let parts =
        formula
        |> List.collect (fun e ->
            let el, count = e.Element, e.Count
            let isos = isotopes |> List.filter (fun i -> i.Element = el)
            if isos.IsEmpty then invalidArg "formula" (sprintf "no isotope data for element %s (data/detection/isotopes.csv)" el)
            let total = isos |> List.sumBy (fun i -> i.Abundance)
            isos |> List.map (fun i -> i, float count * i.Abundance / total))
    let atoms = parts |> List.sumBy snd
    let molarMass = parts |> List.sumBy (fun (i, n) -> n * i.Mass)
    let nuclei =
        parts |> List.map (fun (i, n) -> { Isotope = i; NumberFraction = n / atoms; MassFraction = n * i.Mass / molarMass })

    /// Target name as given (e.g. "CsI").
    member _.Name = name
    /// The elements of the chemical formula with their counts.
    member _.Formula : IReadOnlyList<ElementCount> = formula |> Array.ofList :> IReadOnlyList<ElementCount>
    /// The nuclei with their number and mass fractions.
    member _.Nuclei : IReadOnlyList<TargetNucleus> = nuclei :> IReadOnlyList<TargetNucleus>
    /// Mass of one formula unit in MeV (sum of nuclear masses).
    member _.FormulaUnitMass = molarMass
    /// Nuclei per formula unit.
    member _.NucleiPerFormulaUnit = atoms
    /// Number-weighted mean nuclear mass (MeV).
    member _.MeanNuclearMass = nuclei |> List.sumBy (fun n -> n.NumberFraction * n.Isotope.Mass)
    /// Number-weighted mean mass number A.
    member _.MeanA = nuclei |> List.sumBy (fun n -> n.NumberFraction * float n.Isotope.A)
    /// Number-weighted mean Z.
    member _.MeanZ = nuclei |> List.sumBy (fun n -> n.NumberFraction * float n.Isotope.Z)
    /// Number of nuclei of each isotope in a detector of the given mass in kg.
    member t.NucleiInMass(kg: float) : IReadOnlyList<NucleusCount> =
        if not (kg > 0.0) || Double.IsInfinity kg then
            raise (ArgumentOutOfRangeException("kg", kg, "the detector mass must be a finite number > 0 kg"))
        // kg → MeV: 1 kg = 1/(GeV_g·1e-3) GeV = 1e3/GeV_g MeV
        let massMeV = kg * 1.0e3 / Constants.GeV_g * 1.0e3
        let units = massMeV / molarMass
        parts |> List.map (fun (i, n) -> { Isotope = i; Count = units * n }) |> Array.ofList :> IReadOnlyList<_>

/// The isotope table and the known targets.
[<AbstractClass; Sealed>]
type Nuclear =
    /// data/detection/isotopes.csv (validated: abundances of each element sum to 1, masses positive), once per data folder.
    static let isotopes () : Isotope list =
        DataFiles.Cached(
            "nuclear.isotopes",
            Func<Isotope list>(fun () ->
                DataFiles.Table("detection/isotopes.csv").Rows
                |> Seq.map (fun r ->
                    { Element = r.["element"]
                      Z = int (r.Number "Z")
                      A = int (r.Number "A")
                      Abundance = r.Number "abundance"
                      Mass = r.Number "nuclear_mass_MeV" })
                |> List.ofSeq)
        )

    static let formulas =
        dict
            [ "H", [ "H", 1 ]
              "C", [ "C", 1 ]
              "O", [ "O", 1 ]
              "Na", [ "Na", 1 ]
              "Ar", [ "Ar", 1 ]
              "Ge", [ "Ge", 1 ]
              "I", [ "I", 1 ]
              "Cs", [ "Cs", 1 ]
              "Xe", [ "Xe", 1 ]
              "CsI", [ "Cs", 1; "I", 1 ]
              "NaI", [ "Na", 1; "I", 1 ]
              "C9H12", [ "C", 9; "H", 12 ] ]

    /// All isotopes of the table (data/detection/isotopes.csv: NIST abundances, AME masses).
    static member Isotopes : IReadOnlyList<Isotope> = isotopes () :> IReadOnlyList<Isotope>

    /// Names accepted by Nuclear.Target.
    static member TargetNames : IReadOnlyList<string> = formulas.Keys |> List.ofSeq :> IReadOnlyList<string>

    /// A target by name (case-insensitive): an element (Ge, Xe, Ar, …) or a compound (CsI, NaI, C9H12).
    /// A compound or element target from its formula, with the isotope table's natural abundances (e.g. CaWO4 as
    /// Ca 1, W 1, O 4); the elements must be in data/detection/isotopes.csv.
    static member Compound(name: string, formula: IEnumerable<ElementCount>) : Target = Target(name, formula, isotopes ())

    static member Target(name: string) : Target =
        if String.IsNullOrWhiteSpace name then invalidArg "name" "a target name is required"
        match formulas.Keys |> Seq.tryFind (fun k -> String.Equals(k, name.Trim(), StringComparison.OrdinalIgnoreCase)) with
        | Some k -> Target(k, formulas.[k] |> List.map (fun (e, n) -> { Element = e; Count = n }), isotopes ())
        | None ->
            raise (ArgumentException(sprintf "unknown target '%s'; known targets: %s" name (String.Join(", ", formulas.Keys)), "name"))
