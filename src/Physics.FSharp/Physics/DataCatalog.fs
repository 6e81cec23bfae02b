namespace NuDM.Physics

open System
open System.Collections.Generic
open System.Runtime.InteropServices

/// The declared schema of every table under data/ (paths relative to data/, '/'-separated; a table inside a YAML file
/// that holds several is 'file#entry'), in one place: columns
/// and what their cells must hold, row counts and grid shapes where they are known, sorted interpolation axes, and
/// the sums physics demands. DataFiles.Table reads a file with its schema here; a test checks that every table under
/// data/ has one and reads cleanly. The provenance of each file is in its folder's README.
[<AbstractClass; Sealed>]
type DataCatalog =
    static let finite = CellRule.Finite
    static let nonNeg = CellRule.NonNegative
    static let positive = CellRule.Positive
    static let fraction = CellRule.Fraction
    static let count = CellRule.Count
    static let text = CellRule.Text

    // ------------------------------------------------------------------ shapes shared by several files

    /// (bin centre, value) with the abscissa increasing: digitised COHERENT 2017 histograms.
    static let digitisedHistogram (value: string) (rule: CellRule) =
        TableSchema.Whitespace().Column("PE", nonNeg).Column(value, rule).Increasing("PE").Rows(25)

    /// COHERENT 2017 release histograms: 25 PE bins × 24 arrival-time bins of integer counts.
    static let release2017Grid (caption: bool) =
        let s = TableSchema.CommaNumbers()
        (if caption then s.Caption() else s)
            .Column("PE", positive).Column("time_us", positive).Column("counts", count)
            .Grid([| "PE"; "time_us" |], [| 25; 24 |])

    /// A PDF on an increasing axis (COHERENT 2021 release).
    static let pdf (axis: string) (axisRule: CellRule) (rows: int) =
        TableSchema.Whitespace().Column(axis, axisRule).Column("pdf", nonNeg).Increasing(axis).Rows(rows)

    /// COHERENT 2021 event lists: reconstructed energy (PE) and recoil time (μs) of each selected event.
    static let events (rows: int) = TableSchema.Whitespace().Column("PE", nonNeg).Column("time_us", nonNeg).Rows(rows)

    /// Four coefficients a b c d per line (COHERENT 2021 release).
    static let coefficients (rows: int) =
        TableSchema.Whitespace().Column("a", finite).Column("b", finite).Column("c", finite).Column("d", finite).Rows(rows)

    /// DDCalc-style efficiency tables: E_R (keVnr, increasing) and efficiency columns in [0, 1].
    static let efficiency = TableSchema.Csv().Column("E_R_keVnr", positive).Increasing("E_R_keVnr").OtherColumns(fraction).MinimumRowCount(2)

    /// micrOMEGAs g_eff tables: T (GeV) with the explicit T = 0 row (the T → 0 limit), h_eff, g_eff.
    static let micromegas (ascending: bool) =
        let s = TableSchema.Whitespace().Column("T_GeV", nonNeg).Column("h_eff", positive).Column("g_eff", positive).Rows(276)
        (if ascending then s.Increasing("T_GeV") else s.Decreasing("T_GeV"))
            .Exclude("T = 0: the table's T → 0 limit, which equals its lowest T > 0 row (checked); the program holds that row below the table",
                     Func<DataRow, bool>(fun r -> r.Number "T_GeV" = 0.0))
            .Check("the T = 0 row equals the lowest T > 0 row", Action<DataTable>(fun t ->
                let lowest = t.Rows |> Seq.minBy (fun r -> r.Number "T_GeV")
                for x in t.Excluded do
                    for c in [ "h_eff"; "g_eff" ] do
                        if x.Row.Number c <> lowest.Number c then
                            raise (x.Row.Error(c, sprintf "the T = 0 row must repeat the lowest T > 0 row (line %d: %s)" lowest.Line lowest.[c]))))

    /// Key-value tables with provenance: quantity, value, unit, status, reference.
    static let keyValue (keys: string list) =
        let s = TableSchema.Csv()
        (keys |> List.fold (fun (s: TableSchema) k -> s.Column(k, text)) s)
            .Column("value", text).OptionalColumn("unit", text).OptionalColumn("status", text).OptionalColumn("reference", text)

    /// Atomic mass unit and electron mass (MeV) of the isotope table's header: m_N = m_atom u − Z m_e.
    static let isotopeMassCheck =
        Action<DataTable>(fun t ->
            for r in t.Rows do
                let z, a, n = r.Number "Z", r.Number "A", r.Number "N"
                if a <> z + n then raise (r.Error("A", sprintf "A = %g is not Z + N = %g" a (z + n)))
                let expected = r.Number "atomic_mass_u" * Constants.AtomicMassUnit_MeV - z * Constants.ElectronMass
                if abs (r.Number "nuclear_mass_MeV" - expected) > 0.01 then
                    raise (r.Error("nuclear_mass_MeV", sprintf "%s MeV is not m_atom u − Z m_e = %.4f MeV (±0.01)" r.["nuclear_mass_MeV"] expected)))

    /// sin²2θ is at most 1 (the cell rule Positive already refuses 0, which a log–log interpolation cannot take).
    static let mixingAtMostOne =
        Action<DataTable>(fun t ->
            for r in t.Rows do
                if r.Number "sin2_2theta" > 1.0 then raise (r.Error("sin2_2theta", sprintf "%s is above 1: sin²2θ ≤ 1" r.["sin2_2theta"])))

    /// A published X-ray limit on sterile-neutrino mixing, digitised from a figure: m_s (keV) and the upper limit on
    /// sin²2θ, one curve of snu_limits.yaml (a literal block, whitespace-separated, m_s strictly increasing as stored).
    static let snuLimit (entry: string) (rows: int) =
        TableSchema.Whitespace().YamlBlock(entry, "xystring").Column("m_s_keV", positive).Column("sin2_2theta", positive)
            .Increasing("m_s_keV").Rows(rows).Check("sin²2θ ≤ 1", mixingAtMostOne)

    static let entries : IReadOnlyDictionary<string, TableSchema> =
        let d = Dictionary<string, TableSchema>(StringComparer.Ordinal)
        let add (path: string) (schema: TableSchema) = d.Add(path, schema)
        // ---- cevns/coherent_csi2017_digitized (Fig. 3 of arXiv:1708.01294, digitised)
        let dig = "cevns/coherent_csi2017_digitized/"
        add (dig + "COHERENT_data.txt") (digitisedHistogram "residual" finite)
        add (dig + "COHERENT_upper.txt") (digitisedHistogram "upper" finite)
        add (dig + "COHERENT_lower.txt") (digitisedHistogram "lower" finite)
        add (dig + "COHERENT_spectrum.txt") (digitisedHistogram "events" nonNeg)
        add (dig + "COHERENT_eff.txt") (TableSchema.Whitespace().Column("PE", nonNeg).Column("efficiency", fraction).Increasing("PE").Rows(36))
        // ---- cevns/coherent_csi2017_release
        let rel17 = "cevns/coherent_csi2017_release/"
        add (rel17 + "data_coincidence_beamOn.txt") (release2017Grid false)
        add (rel17 + "data_anticoincidence_beamOn.txt") (release2017Grid false)
        add (rel17 + "data_coincidence_beamOff.txt") (release2017Grid true)
        add (rel17 + "data_anticoincidence_beamOff.txt") (release2017Grid true)
        add (rel17 + "qfData_chicago.txt")
            (TableSchema.CommaNumbers().Column("recoil_keVnr", positive).Column("recoil_error_keVnr", nonNeg)
                .Column("qf", fraction).Column("qf_error", nonNeg).Increasing("recoil_keVnr").Rows(7))
        add (rel17 + "qfData_tunl.txt")
            (TableSchema.CommaNumbers().Column("recoil_keVnr", positive).Column("recoil_error_hi_keVnr", nonNeg).Column("recoil_error_lo_keVnr", nonNeg)
                .Column("qf", fraction).Column("qf_error_hi", nonNeg).Column("qf_error_lo", nonNeg).Rows(12))
        // ---- cevns/coherent_csi2021_release
        let rel21 = "cevns/coherent_csi2021_release/"
        add (rel21 + "dataBeamOnC.txt") (events 5142)
        add (rel21 + "dataBeamOnAC.txt") (events 4890)
        add (rel21 + "brnPE.txt") (pdf "PE" nonNeg 250)
        add (rel21 + "ninPE.txt") (pdf "PE" nonNeg 250)
        add (rel21 + "brnTrec.txt") (pdf "time_us" finite 650)
        add (rel21 + "ninTrec.txt") (pdf "time_us" finite 650)
        add (rel21 + "effCoefficients.txt") (coefficients 3)
        add (rel21 + "scintRespCoefficients.txt") (coefficients 5)
        // ---- cevns/coherent_lar2020_release
        let lar = "cevns/coherent_lar2020_release/"
        add (lar + "CENNS10AnlAEfficiency.txt")
            (TableSchema.Whitespace().Column("keVee", nonNeg).Column("keVnr", nonNeg).Column("efficiency", fraction)
                .Increasing("keVee").Increasing("keVnr").Rows(80))
        add (lar + "energydata1d.txt")
            (TableSchema.Whitespace().Caption().Column("keVee", positive).Column("ss_subtracted", finite).Column("stat_error", positive)
                .Column("cevns", nonNeg).Column("brn", nonNeg).Column("cevns_brn", nonNeg).Column("syst_low", nonNeg).Column("syst_high", nonNeg)
                .Increasing("keVee").Rows(12))
        // the analysis-A 3-D grid (release arXiv:2006.12659): E (keVee bin centre) × F90 bin centre × arrival time (μs bin
        // centre), 12 × 8 × 10 bins, one value per cell; the loader (Fits/LAr2020Release) checks every file lists the
        // same cells in the same order
        let larGrid (value: string) (rule: CellRule) =
            TableSchema.Whitespace().Column("keVee", positive).Column("F90", fraction).Column("time_us", positive).Column(value, rule)
                .Grid([| "keVee"; "F90"; "time_us" |], [| 12; 8; 10 |])
        for f in [ "cevnspdf.txt"; "cevnspdf+1sigF90.txt"; "cevnspdf-1sigF90.txt"; "cevnspdfCEvNSTimingMeanSyst.txt"
                   "brnpdf.txt"; "brnpdf+1sigEnergy.txt"; "brnpdf-1sigEnergy.txt"; "brnpdf+1sigBRNTimingMean.txt"
                   "brnpdf-1sigBRNTimingMean.txt"; "brnpdfBRNTimingWidthSyst.txt"; "delbrnpdf.txt"; "bkgpdf.txt" ] do
            add (lar + f) (larGrid "expected_events" nonNeg)
        add (lar + "datanobkgsub.txt") (larGrid "events" count)
        // ---- cevns/reactor
        add "cevns/reactor/kopeikin_spectrum.txt"
            (TableSchema.Whitespace().Column("E_MeV", positive).Column("per_MeV_per_fission", nonNeg).Column("uncertainty_percent", nonNeg)
                .Increasing("E_MeV").Rows(50))
        add "cevns/reactor/fission_fractions.csv"
            (TableSchema.Csv().Column("type", text).Column("U235", fraction).Column("U238", fraction).Column("Pu239", fraction).Column("Pu241", fraction)
                .RowSumsTo([| "U235"; "U238"; "Pu239"; "Pu241" |], 1.0, 1e-6))
        // ---- constraints
        add "constraints/astro_bodies.csv"
            (TableSchema.Csv().Column("body", text).Column("mass_kg", positive).Column("radius_m", positive).Column("detector_distance_m", positive)
                .Column("geometry", text).Column("reference", text))
        add "constraints/reference_fluxes.csv"
            (TableSchema.Csv().Column("name", text).Column("flux_cm2_s", positive).Column("err_stat", nonNeg).Column("err_syst_plus", nonNeg)
                .Column("err_syst_minus", nonNeg).Column("reference", text))
        // ---- constraints/xray_sterile: X-ray limits on sin²2θ(m_s) for the recast of seed 000 sec. II.A (README there)
        let xray = "constraints/xray_sterile/"
        add (xray + "LimitsRoach2022_MWHalo.csv")
            (TableSchema.CommaNumbers().Column("m_s_keV", positive).Column("sin2_2theta", positive).Rows(319)
                .SortedBy("m_s_keV", "WebPlotDigitizer traced the jagged limit back and forth: 6 rows step back in m_s (lines 220, 238, 248, 266, 305, 318)")
                .RepeatsKeepLargest("m_s_keV", "sin2_2theta",
                    "the vertical drop at the end of the published curve was digitised as 12 rows at m_s = 39.5712 keV; one point per m_s is kept, the largest sin²2θ (the weakest limit)")
                .Increasing("m_s_keV").Check("sin²2θ ≤ 1", mixingAtMostOne))
        let snu = xray + "snu_limits.yaml#"
        add (snu + "boyarsky2007_integral") (snuLimit "boyarsky2007_integral" 76)
        add (snu + "perez2016_nustar_gc") (snuLimit "perez2016_nustar_gc" 96)
        add (snu + "roach2019_nustar_bulge") (snuLimit "roach2019_nustar_bulge" 101)
        add (snu + "ng2019_nustar_m31") (snuLimit "ng2019_nustar_m31" 71)
        // ---- cosmology
        add "cosmology/saikawa_shirai_gstar_ptarcade.dat"
            (TableSchema.Whitespace().Column("T_GeV", positive).Column("f_Hz", positive).Column("h_eff", positive).Column("g_eff", positive)
                .Increasing("T_GeV").Rows(528))
        add "cosmology/micromegas_std_thg.tab" (micromegas true)
        for eos in [ "A"; "B"; "B2"; "B3"; "C" ] do
            add (sprintf "cosmology/micromegas_HP_%s_thg.tab" eos) (micromegas false)
        // ---- detection
        add "detection/isotopes.csv"
            (TableSchema.Csv().Column("element", text).Column("Z", count).Column("A", count).Column("N", count).Column("abundance", fraction)
                .Column("atomic_mass_u", positive).Column("nuclear_mass_MeV", positive)
                .SumsTo("abundance", "element", 1.0, 1e-4)
                .Check("A = Z + N and m_N = m_atom u − Z m_e (±0.01 MeV)", isotopeMassCheck))
        add "detection/nucleon_scalar_couplings.csv"
            (TableSchema.Csv().Column("nucleon", text).Column("quark", text).Column("f_Tq", fraction).Column("uncertainty", nonNeg).Column("source", text))
        add "detection/quark_masses_pdg.csv"
            (TableSchema.Csv().Column("quark", text).Column("PDG2018_MeV", positive).Column("PDG2018_err_plus", nonNeg)
                .Column("PDG2018_err_minus", nonNeg).Column("PDG2020_MeV", positive))
        add "detection/kaon_pi_nunu.csv"
            (TableSchema.Csv().Column("experiment", text).Column("data", text).Column("BR_central_1e-11", nonNeg).Column("err_plus_1e-11", nonNeg)
                .Column("err_minus_1e-11", nonNeg).OptionalColumn("candidates", count).OptionalColumn("expected_background", nonNeg)
                .Column("reference", text))
        add "detection/downscattering_experiments.csv" (keyValue [ "experiment"; "quantity" ])
        add "detection/borexino_downscattering.csv" (keyValue [ "quantity" ])
        for f in [ "xenon1t_2018_ddcalc_efficiency.csv"; "darkside50_2018_ddcalc_efficiency.csv"; "darkside50_s2only_2018_ddcalc_efficiency.csv"
                   "pandax4t_2021_ddcalc_efficiency.csv"; "cresst3_2019_ddcalc_efficiency_O.csv"; "cresst3_2019_ddcalc_efficiency_Ca.csv"
                   "cresst3_2019_ddcalc_efficiency_W.csv" ] do
            add ("detection/" + f) efficiency
        // ---- scans: Sobol direction numbers (Joe & Kuo 2008), read by nudm scan
        add "scans/sobol_joe_kuo.csv"
            (TableSchema.Csv().Column("d", count).Column("s", count).Column("a", count).Column("m", text).Increasing("d").MinimumRowCount(1))
        d :> IReadOnlyDictionary<string, TableSchema>

    /// Paths (relative to data/) of every declared table, sorted.
    static member Tables : IReadOnlyList<string> = entries.Keys |> Seq.sort |> Array.ofSeq :> IReadOnlyList<string>

    /// The schema of a table under data/, in the Try pattern.
    static member TrySchema(relative: string, [<Out>] schema: byref<TableSchema>) : bool =
        match (if isNull relative then (false, null) else entries.TryGetValue relative) with
        | true, s ->
            schema <- s
            true
        | _ ->
            schema <- null
            false

    /// The schema of a table under data/; a file without one is a DataFileException (declare it here first).
    static member Schema(relative: string) : TableSchema =
        let mutable s = null
        if DataCatalog.TrySchema(relative, &s) then s
        else raise (DataFileException("data/" + relative, "has no declared schema (src/Physics.FSharp/Physics/DataCatalog.fs): declare its columns there before reading it"))
