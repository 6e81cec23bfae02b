namespace NuDM.Physics

open System
open System.Collections.Generic
open System.Globalization
open System.IO
open System.Text.Json

open NuDM.Symbolic

/// Numeric integration used for flux normalisation: adaptive Gauss–Kronrod (MathNet Integrate.GaussKronrod,
/// 15-point rule, target relative error 1e-10, depth ≤ 20) on each piece between breakpoints (kinks of tabulated
/// spectra, the join of table and fit).
module internal Quadrature =
    /// Target relative error of each piece.
    let relativeTolerance = 1e-10

    let integrate (f: float -> float) (a: float) (b: float) (breakpoints: float seq) : float =
        if not (b > a) then 0.0
        else
            let inner = breakpoints |> Seq.filter (fun p -> p > a && p < b) |> Seq.distinct |> Seq.sort |> List.ofSeq
            let nodes = a :: inner @ [ b ]
            nodes
            |> List.pairwise
            |> List.sumBy (fun (lo, hi) -> MathNet.Numerics.Integrate.GaussKronrod(Func<float, float> f, lo, hi, relativeTolerance, 15, 20))

/// Neutrino flavours of a flux (π DAR: ν_μ, ν̄_μ, ν_e; reactors: ν̄_e).
type NeutrinoFlavour =
    | ElectronNeutrino = 0
    | MuonNeutrino = 1
    | MuonAntineutrino = 2
    | ElectronAntineutrino = 3
    | TauNeutrino = 4
    | TauAntineutrino = 5

/// The neutrino sources whose fluxes the kernel models (the `kind` of an experiment's source in data/experiments).
type NeutrinoSourceKind =
    /// π⁺ and μ⁺ decay at rest (a spallation source such as the SNS): ν_μ line, ν_e and ν̄_μ Michel spectra; data name
    /// "pion-dar".
    | PionDecayAtRest = 0
    /// A nuclear reactor: ν̄_e; data name "reactor".
    | Reactor = 1

/// A monochromatic component: energy (MeV) and weight (flux in cm⁻² s⁻¹, or the caller's unit of φ₀).
[<Sealed>]
type FluxLine(energy: float, weight: float) =
    do
        if not (energy > 0.0) || Double.IsInfinity energy then
            raise (ArgumentOutOfRangeException("energy", energy, "a line energy must be a finite number > 0 MeV"))
        if not (weight >= 0.0) || Double.IsInfinity weight then
            raise (ArgumentOutOfRangeException("weight", weight, "a line weight must be a finite number ≥ 0"))
    /// Energy in MeV.
    member _.Energy = energy
    /// Weight: the flux carried by the line (cm⁻² s⁻¹ unless the caller's normalisation says otherwise).
    member _.Weight = weight
    override _.ToString() = sprintf "line at %g MeV, weight %g" energy weight

/// The flux of one neutrino flavour: a continuous part, a density dΦ/dE in cm⁻² s⁻¹ MeV⁻¹ on its support
/// [EMin, EMax] (zero outside), plus monochromatic lines. The units are those of the normalisation the caller
/// supplied (cm⁻² s⁻¹ for a flux, cm⁻² for a fluence per exposure, per POT, …); the shapes carry MeV⁻¹.
[<Sealed>]
type Flux(flavour: NeutrinoFlavour, density: Func<float, float>, eMin: float, eMax: float, breakpoints: float seq, lines: FluxLine seq, description: string) =
    let lines = List.ofSeq (if isNull lines then Seq.empty else lines)
    let breaks = (if isNull breakpoints then [] else List.ofSeq breakpoints) |> List.filter (fun p -> p > eMin && p < eMax) |> List.distinct |> List.sort
    do
        if not (isNull density) then
            if not (eMin >= 0.0) || Double.IsInfinity eMin then
                raise (ArgumentOutOfRangeException("eMin", eMin, "the support must start at a finite energy ≥ 0 MeV"))
            if not (eMax > eMin) || Double.IsInfinity eMax then
                raise (ArgumentOutOfRangeException("eMax", eMax, sprintf "the support must end at a finite energy > eMin = %g MeV" eMin))
        if isNull density && lines.IsEmpty then invalidArg "density" "a flux needs a continuous part or at least one line"
    let at (e: float) = if isNull density || e < eMin || e > eMax then 0.0 else density.Invoke e
    let integrateContinuous (g: float -> float) =
        if isNull density then 0.0 else Quadrature.integrate (fun e -> density.Invoke e * g e) eMin eMax breaks
    let continuousTotal = lazy (integrateContinuous (fun _ -> 1.0))

    /// A flux with a continuous part only.
    new(flavour: NeutrinoFlavour, density: Func<float, float>, eMin: float, eMax: float, description: string) =
        Flux(flavour, density, eMin, eMax, Seq.empty, Seq.empty, description)

    /// The flavour.
    member _.Flavour = flavour
    /// What the flux is (source, normalisation, equation).
    member _.Description = description
    /// Whether there is a continuous part.
    member _.HasContinuum = not (isNull density)
    /// The continuous density dΦ/dE (cm⁻² s⁻¹ MeV⁻¹) on [EMin, EMax] as given (null without continuum); use At
    /// for a value that is zero outside the support.
    member _.Density = density
    /// Lower end of the continuous support (MeV); 0 without continuum.
    member _.EMin = if isNull density then 0.0 else eMin
    /// Upper end of the continuous support (MeV); 0 without continuum.
    member _.EMax = if isNull density then 0.0 else eMax
    /// Energies inside (EMin, EMax) where the density has a kink (tables, joins): integrate piecewise there.
    member _.Breakpoints : IReadOnlyList<float> = breaks :> IReadOnlyList<float>
    /// The monochromatic lines.
    member _.Lines : IReadOnlyList<FluxLine> = lines :> IReadOnlyList<FluxLine>
    /// dΦ/dE at E (MeV) of the continuous part, zero outside [EMin, EMax] (lines are not included).
    member _.At(energy: float) : float =
        if Double.IsNaN energy then raise (ArgumentOutOfRangeException("energy", energy, "the energy must be a number (MeV)"))
        at energy
    /// ∫ dΦ/dE dE over the support (Gauss–Kronrod, relative tolerance 1e-10 per piece).
    member _.ContinuousTotal : float = continuousTotal.Force()
    /// Σ of the line weights.
    member _.LineTotal : float = lines |> List.sumBy (fun l -> l.Weight)
    /// Total flux: continuum plus lines.
    member f.Total : float = f.ContinuousTotal + f.LineTotal
    /// ∫ dΦ/dE g(E) dE + Σ_lines w g(E_line): the flux-weighted integral of g (e.g. a cross section).
    member _.Integrate(g: Func<float, float>) : float =
        if isNull g then nullArg "g"
        integrateContinuous g.Invoke + (lines |> List.sumBy (fun l -> l.Weight * g.Invoke l.Energy))
    /// Mean energy ⟨E⟩ (MeV) over continuum and lines (InvalidOperationException for a flux that is zero).
    member f.MeanEnergy : float =
        let total = f.Total
        if not (total > 0.0) then invalidOp (sprintf "%s: the flux is zero, it has no mean energy" description)
        f.Integrate(Func<float, float>(fun e -> e)) / total
    /// The same flux multiplied by a factor ≥ 0 (e.g. exposure time, a different normalisation).
    member f.Scaled(factor: float) : Flux =
        if not (factor >= 0.0) || Double.IsInfinity factor then
            raise (ArgumentOutOfRangeException("factor", factor, "the scale factor must be a finite number ≥ 0"))
        let d = if isNull density then null else Func<float, float>(fun e -> factor * density.Invoke e)
        Flux(flavour, d, eMin, eMax, breaks, lines |> List.map (fun l -> FluxLine(l.Energy, factor * l.Weight)), sprintf "%s × %g" description factor)
    /// A flux that is a single line.
    static member Monochromatic(flavour: NeutrinoFlavour, energy: float, weight: float, description: string) =
        Flux(flavour, null, 0.0, 0.0, Seq.empty, [ FluxLine(energy, weight) ], description)
    override f.ToString() = sprintf "%O: %s" flavour description

/// The fluxes of a source, at most one per flavour.
[<Sealed>]
type FluxSet(name: string, fluxes: Flux seq) =
    let fluxes = List.ofSeq fluxes
    do
        if fluxes.IsEmpty then invalidArg "fluxes" "a flux set needs at least one flux"
        let dup = fluxes |> List.countBy (fun f -> f.Flavour) |> List.tryFind (fun (_, n) -> n > 1)
        match dup with
        | Some(fl, _) -> invalidArg "fluxes" (sprintf "flavour %O appears twice" fl)
        | None -> ()
    /// Name of the source (e.g. "pi+ DAR", "reactor").
    member _.Name = name
    /// The fluxes, one per flavour present.
    member _.Fluxes : IReadOnlyList<Flux> = fluxes :> IReadOnlyList<Flux>
    /// The flavours present.
    member _.Flavours : IReadOnlyList<NeutrinoFlavour> = fluxes |> List.map (fun f -> f.Flavour) :> IReadOnlyList<NeutrinoFlavour>
    /// Whether the source emits this flavour.
    member _.Contains(flavour: NeutrinoFlavour) = fluxes |> List.exists (fun f -> f.Flavour = flavour)
    /// The flux of one flavour (KeyNotFoundException naming the flavours present if absent).
    member _.Item
        with get (flavour: NeutrinoFlavour) : Flux =
            match fluxes |> List.tryFind (fun f -> f.Flavour = flavour) with
            | Some f -> f
            | None ->
                raise (KeyNotFoundException(sprintf "%s has no %O flux; it has %s" name flavour (String.Join(", ", fluxes |> List.map (fun f -> string f.Flavour)))))
    /// Total over flavours.
    member _.Total = fluxes |> List.sumBy (fun f -> f.Total)
    /// Every flux multiplied by a factor ≥ 0.
    member _.Scaled(factor: float) = FluxSet(name, fluxes |> List.map (fun f -> f.Scaled factor))
    /// The largest neutrino energy present (continuous support or line), MeV.
    member _.MaxEnergy : float =
        fluxes
        |> List.map (fun f -> max (if f.HasContinuum then f.EMax else 0.0) (if f.Lines.Count = 0 then 0.0 else f.Lines |> Seq.map (fun l -> l.Energy) |> Seq.max))
        |> List.max
    /// The fluxes of the flavours kept (InvalidOperationException when none is kept).
    member _.Where(keep: Func<NeutrinoFlavour, bool>) : FluxSet =
        if isNull keep then nullArg "keep"
        match fluxes |> List.filter (fun f -> keep.Invoke f.Flavour) with
        | [] -> invalidOp (sprintf "%s: no flux of the flavours asked for" name)
        | kept -> FluxSet(name, kept)

/// The four isotopes whose fissions make a reactor's ν̄_e (array index order used throughout).
type ReactorIsotope =
    | U235 = 0
    | U238 = 1
    | Pu239 = 2
    | Pu241 = 3

/// Which published exp-polynomial fits S(E) = exp(Σ_k a_k E^k) are used.
type ReactorSpectrumModel =
    /// Huber 2011 (PRC 84, 024617) for U235, Pu239, Pu241 with Mueller 2011 (PRC 83, 054615) for U238.
    | HuberMueller = 0
    /// The older set: Mueller 2011 for all four isotopes.
    | Mueller2011 = 1

/// What the reactor spectrum is below 2 MeV, where the fits are not valid.
type ReactorLowEnergy =
    /// Kopeikin's tabulated total spectrum (data/cevns/reactor/kopeikin_spectrum.txt, from 0.01 MeV), linearly
    /// interpolated and scaled by one factor so that it joins the fit continuously at 2 MeV. Default.
    | KopeikinTable = 0
    /// The exp-polynomial evaluated below 2 MeV. It grows without bound below ~1.5 MeV (U235: 4.1 at 1 MeV and 12.7
    /// at 0.5 MeV per MeV per fission, against 3.1 and 3.0 in Kopeikin's table), so only eMin ≥ 1 MeV is accepted.
    | ExtrapolateFit = 1
    /// Zero below 2 MeV.
    | Cutoff = 2

/// Reactor data files (read once): fit coefficients and energies per fission
/// (data/cevns/reactor/huber_mueller_coefficients.json), Kopeikin's table, the power fractions by core type.
module internal ReactorData =
    let isotopes = [| ReactorIsotope.U235; ReactorIsotope.U238; ReactorIsotope.Pu239; ReactorIsotope.Pu241 |]
    let key (i: ReactorIsotope) =
        match i with
        | ReactorIsotope.U235 -> "U235"
        | ReactorIsotope.U238 -> "U238"
        | ReactorIsotope.Pu239 -> "Pu239"
        | ReactorIsotope.Pu241 -> "Pu241"
        | _ -> raise (ArgumentOutOfRangeException("isotope", i, "isotope must be U235, U238, Pu239 or Pu241"))
    let modelKey (m: ReactorSpectrumModel) =
        match m with
        | ReactorSpectrumModel.HuberMueller -> "huber_mueller"
        | ReactorSpectrumModel.Mueller2011 -> "mueller_2011"
        | _ -> raise (ArgumentOutOfRangeException("model", m, "model must be HuberMueller or Mueller2011"))

    let private coefficientsFile = "cevns/reactor/huber_mueller_coefficients.json"

    /// The coefficients (exact decimal texts) and energies per fission of huber_mueller_coefficients.json, read and
    /// checked once per data folder: six finite coefficients per isotope and model, energies per fission > 0.
    let private json () =
        DataFiles.Cached(
            "reactor.coefficients",
            Func<_>(fun () ->
                let display = DataFiles.DisplayName coefficientsFile
                let fail (what: string) = raise (DataFileException(display, what))
                use doc =
                    try JsonDocument.Parse(DataFiles.ReadText coefficientsFile)
                    with :? JsonException as e ->
                        raise (DataFileException(display, int (defaultArg (Option.ofNullable e.LineNumber) -1L) + 1, 0, null, "is not valid JSON: " + e.Message))
                let root = doc.RootElement
                let property (e: JsonElement) (name: string) (path: string) =
                    match e.TryGetProperty name with
                    | true, v -> v
                    | _ -> fail (sprintf "has no %s" path)
                let finiteNumber (v: JsonElement) (path: string) =
                    match v.ValueKind with
                    | JsonValueKind.Number ->
                        let x = v.GetDouble()
                        if Double.IsFinite x then x else fail (sprintf "%s = %s is not a finite number" path (v.GetRawText()))
                    | _ -> fail (sprintf "%s = %s is not a number" path (v.GetRawText()))
                let coeffs =
                    [ for m in [ ReactorSpectrumModel.HuberMueller; ReactorSpectrumModel.Mueller2011 ] do
                          for i in isotopes do
                              let path = sprintf "%s.%s" (modelKey m) (key i)
                              let arr = property (property root (modelKey m) (modelKey m)) (key i) path
                              if arr.ValueKind <> JsonValueKind.Array then fail (sprintf "%s is not a list of coefficients" path)
                              let values = [| for v in arr.EnumerateArray() -> v |]
                              if values.Length <> 6 then fail (sprintf "%s has %d coefficients, expected 6" path values.Length)
                              values |> Array.iteri (fun k v -> finiteNumber v (sprintf "%s[%d]" path k) |> ignore)
                              yield (m, i), (values |> Array.map (fun v -> v.GetRawText())) ]
                    |> dict
                let energies =
                    let e = property root "energy_per_fission_MeV_Ma2013" "energy_per_fission_MeV_Ma2013"
                    isotopes
                    |> Array.map (fun i ->
                        let path = "energy_per_fission_MeV_Ma2013." + key i
                        let x = finiteNumber (property e (key i) path) path
                        if x > 0.0 then x else fail (sprintf "%s = %g must be > 0 MeV" path x))
                coeffs, energies)
        )

    /// Coefficient texts a0..a5 (exact decimals as printed).
    let coefficientTexts (m: ReactorSpectrumModel) (i: ReactorIsotope) : string[] = (fst (json ())).[(m, i)]
    /// Energy release per fission (MeV), Ma et al. PRC 88, 014605 (2013), in isotope order.
    let fissionEnergies () : float[] = snd (json ())

    let energy = Symbol "E_nu"

    /// The fit of an isotope as a formula and its compiled delegate, once per data folder.
    let formulaAndDelegate (m: ReactorSpectrumModel) (i: ReactorIsotope) =
        DataFiles.Cached(
            sprintf "reactor.formula.%s.%s" (modelKey m) (key i),
            Func<_>(fun () ->
                let cs = coefficientTexts m i |> Array.map (fun t -> Ops.number (Q.Parse t))
                let poly = cs |> Array.mapi (fun k c -> c * energy ** k) |> Array.sum
                let reference =
                    match m, i with
                    | ReactorSpectrumModel.HuberMueller, ReactorIsotope.U238
                    | ReactorSpectrumModel.Mueller2011, _ -> "Th. A. Mueller et al., Phys. Rev. C 83, 054615 (2011), exp-polynomial fit"
                    | _ -> "P. Huber, Phys. Rev. C 84, 024617 (2011), exp-polynomial fit"
                let f =
                    Formula.create ("S_" + key i) (exp poly) [ "E_nu", "MeV", "antineutrino energy" ] "MeV^-1 fission^-1" reference
                        (sprintf "ν̄_e spectrum per fission of %s, exp(Σ_{k=0..5} a_k E^k) with the coefficients of huber_mueller_coefficients.json (%s); fit valid ≈ 2–8 MeV" (key i) (modelKey m))
                f, f.Compile1())
        )

    /// Kopeikin's table (data/cevns/reactor/kopeikin_spectrum.txt, validated: energies increasing, spectrum finite
    /// and ≥ 0, 50 rows): energies (MeV) and ν̄/(MeV fission), once per data folder.
    let kopeikin () : float[] * float[] =
        DataFiles.Cached(
            "reactor.kopeikin",
            Func<_>(fun () ->
                let t = DataFiles.Table "cevns/reactor/kopeikin_spectrum.txt"
                t.Numbers "E_MeV", t.Numbers "per_MeV_per_fission")
        )

    /// Linear interpolation in Kopeikin's table (0 outside it).
    let kopeikinAt (e: float[], s: float[]) (x: float) =
        if x < e.[0] || x > e.[e.Length - 1] then 0.0
        else
            let k = Array.BinarySearch(e, x)
            if k >= 0 then s.[k]
            else
                let hi = ~~~k
                let lo = hi - 1
                s.[lo] + (s.[hi] - s.[lo]) * (x - e.[lo]) / (e.[hi] - e.[lo])

    /// Power fractions (U235, U238, Pu239, Pu241) of a core type in data/cevns/reactor/fission_fractions.csv.
    let powerFractions (coreType: string) : float[] =
        let t = DataFiles.Table "cevns/reactor/fission_fractions.csv"
        match t.Rows |> Seq.tryFind (fun r -> String.Equals(r.["type"], coreType, StringComparison.OrdinalIgnoreCase)) with
        | Some r -> isotopes |> Array.map (fun i -> r.Number(key i))
        | None ->
            raise (ArgumentException(sprintf "unknown core type '%s'; fission_fractions.csv has %s" coreType (String.Join(", ", t.Rows |> Seq.map (fun r -> r.["type"]))), "coreType"))

/// A reactor ν̄_e spectrum per fission: Σ_i f_i S_i(E) over U235, U238, Pu239, Pu241 with fission fractions f_i,
/// S_i the exp-polynomial fits (ReactorSpectrumModel) above JoinEnergy = 2 MeV and the chosen low-energy
/// treatment below (ReactorLowEnergy). Energies in MeV, spectra in ν̄ MeV⁻¹ fission⁻¹.
///
/// Fission fractions are given in isotope order (U235, U238, Pu239, Pu241), must be ≥ 0 and sum to 1 within 1e-3;
/// they are rescaled to sum exactly 1. Default: the LEU (PWR/BWR) mid-cycle power fractions 0.56/0.08/0.30/0.06 of
/// Baldoncini et al., PRD 91, 065002 (2015) (data/cevns/reactor/fission_fractions.csv) converted to fission
/// fractions with the energies per fission of Ma et al. (2013): f ≈ 0.570/0.080/0.293/0.058.
[<Sealed>]
type ReactorSpectrum(model: ReactorSpectrumModel, fissionFractions: float[], lowEnergy: ReactorLowEnergy) =
    do
        ReactorData.modelKey model |> ignore
        if isNull fissionFractions || fissionFractions.Length <> 4 then
            invalidArg "fissionFractions" "four fission fractions are needed, in the order U235, U238, Pu239, Pu241"
        if fissionFractions |> Array.exists (fun f -> not (f >= 0.0) || Double.IsInfinity f) then
            raise (ArgumentOutOfRangeException("fissionFractions", sprintf "fission fractions must be finite and ≥ 0, got %A" fissionFractions))
        if abs (Array.sum fissionFractions - 1.0) > 1e-3 then
            raise (ArgumentOutOfRangeException("fissionFractions", sprintf "fission fractions must sum to 1 (±1e-3), got %g" (Array.sum fissionFractions)))
        match lowEnergy with
        | ReactorLowEnergy.KopeikinTable | ReactorLowEnergy.ExtrapolateFit | ReactorLowEnergy.Cutoff -> ()
        | _ -> raise (ArgumentOutOfRangeException("lowEnergy", lowEnergy, "lowEnergy must be KopeikinTable, ExtrapolateFit or Cutoff"))
    static let join = 2.0
    static let defaultFractions () =
        DataFiles.Cached("reactor.default-fractions", Func<float[]>(fun () -> ReactorSpectrum.FissionFractionsFromPowerFractions(ReactorData.powerFractions "LEU")))
    let fractions = fissionFractions |> Array.map (fun f -> f / Array.sum fissionFractions)
    let fits = ReactorData.isotopes |> Array.map (fun i -> snd (ReactorData.formulaAndDelegate model i))
    let fit (e: float) =
        let mutable s = 0.0
        for k in 0 .. 3 do
            if fractions.[k] > 0.0 then s <- s + fractions.[k] * fits.[k].Invoke e
        s
    let table = lazy (ReactorData.kopeikin ())
    let kopeikinScale = lazy (fit join / ReactorData.kopeikinAt (table.Force()) join)
    let perFission (e: float) =
        if e <= 0.0 then 0.0
        elif e >= join then fit e
        else
            match lowEnergy with
            | ReactorLowEnergy.KopeikinTable -> kopeikinScale.Force() * ReactorData.kopeikinAt (table.Force()) e
            | ReactorLowEnergy.ExtrapolateFit -> fit e
            | _ -> 0.0
    let breakpoints =
        match lowEnergy with
        | ReactorLowEnergy.KopeikinTable -> (fst (table.Force()) |> Array.filter (fun e -> e < join) |> List.ofArray) @ [ join ]
        | _ -> [ join ]

    /// Huber–Mueller fits, default fission fractions, Kopeikin's table below 2 MeV.
    new() = ReactorSpectrum(ReactorSpectrumModel.HuberMueller, ReactorSpectrum.DefaultFissionFractions, ReactorLowEnergy.KopeikinTable)

    /// Below this energy (MeV) the fits are replaced by the low-energy treatment: 2 MeV.
    static member JoinEnergy = join
    /// Default fission fractions (U235, U238, Pu239, Pu241): LEU mid-cycle (see the type's documentation).
    static member DefaultFissionFractions : float[] = Array.copy (defaultFractions ())
    /// Fission fractions from power fractions: f_i = (p_i/Q_i)/Σ_j (p_j/Q_j), Q_i the energies per fission of Ma et al. 2013.
    static member FissionFractionsFromPowerFractions(powerFractions: float[]) : float[] =
        if isNull powerFractions || powerFractions.Length <> 4 || powerFractions |> Array.exists (fun p -> not (p >= 0.0) || Double.IsInfinity p) || Array.sum powerFractions <= 0.0 then
            invalidArg "powerFractions" "four finite power fractions ≥ 0 (U235, U238, Pu239, Pu241), not all zero, are needed"
        let w = Array.map2 (fun p q -> p / q) powerFractions (ReactorData.fissionEnergies ())
        w |> Array.map (fun x -> x / Array.sum w)
    /// Power fractions of a core type listed in data/cevns/reactor/fission_fractions.csv ("LEU", "LEU_MOX").
    static member PowerFractionsOf(coreType: string) : float[] = ReactorData.powerFractions coreType
    /// Energy released per fission (MeV) of each isotope, Ma et al., PRC 88, 014605 (2013).
    static member FissionEnergies : float[] = Array.copy (ReactorData.fissionEnergies ())

    /// The fit model.
    member _.Model = model
    /// The low-energy treatment.
    member _.LowEnergy = lowEnergy
    /// The fission fractions in use (normalised), in isotope order.
    member _.FissionFractions : IReadOnlyList<float> = Array.copy fractions :> IReadOnlyList<float>
    /// Σ_i f_i S_i(E): the fits alone at any E (MeV) &gt; 0, ν̄ MeV⁻¹ fission⁻¹.
    member _.FitPerFission(energy: float) : float =
        if not (energy > 0.0) || Double.IsInfinity energy then raise (ArgumentOutOfRangeException("energy", energy, "the energy must be a finite number > 0 MeV"))
        fit energy
    /// The spectrum per fission (ν̄ MeV⁻¹ fission⁻¹) at E (MeV): fits above 2 MeV, low-energy treatment below.
    member _.PerFission(energy: float) : float =
        if Double.IsNaN energy || Double.IsInfinity energy then raise (ArgumentOutOfRangeException("energy", energy, "the energy must be a finite number (MeV)"))
        perFission energy
    /// The factor applied to Kopeikin's table so that it meets the fit at 2 MeV (1 would be no rescaling).
    member _.KopeikinScale = kopeikinScale.Force()
    /// Energies (MeV) where PerFission has kinks.
    member _.Breakpoints : IReadOnlyList<float> = breakpoints :> IReadOnlyList<float>
    /// ∫_{e1}^{e2} PerFission dE: ν̄ per fission in [e1, e2] (Gauss–Kronrod, relative tolerance 1e-10 per piece).
    member _.NeutrinosPerFission(e1: float, e2: float) : float =
        if not (e1 >= 0.0) || Double.IsInfinity e1 then raise (ArgumentOutOfRangeException("e1", e1, "e1 must be a finite energy ≥ 0 MeV"))
        if not (e2 >= e1) || Double.IsInfinity e2 then raise (ArgumentOutOfRangeException("e2", e2, "e2 must be a finite energy ≥ e1"))
        Quadrature.integrate perFission e1 e2 breakpoints
    /// Mean energy released per fission Σ_i f_i Q_i (MeV), Q_i of Ma et al. 2013.
    member _.EnergyPerFission : float = Array.map2 (*) fractions (ReactorData.fissionEnergies ()) |> Array.sum
    /// Lowest energy with a non-zero spectrum (MeV).
    member _.SpectrumStart : float =
        match lowEnergy with
        | ReactorLowEnergy.KopeikinTable -> (fst (ReactorData.kopeikin ())).[0]
        | ReactorLowEnergy.Cutoff -> join
        | _ -> 0.0

/// Neutrino fluxes: pion decay at rest (seed 001 eqs. 2.22–2.24) and reactor ν̄_e (Huber–Mueller), as symbolic
/// shapes (Formula values) and as Flux objects for the rate code.
///
/// π⁺ → μ⁺ν_μ at rest gives a ν_μ line at E₀ = (m_π² − m_μ²)/(2m_π) (derived from energy conservation
/// m_π = E + sqrt(E² + m_μ²)); μ⁺ → e⁺ν_eν̄_μ at rest gives the Michel spectra, in x = 2E/m_μ ∈ [0, 1],
/// dN/dx = 2x²(3 − 2x) for ν̄_μ (the e⁺ spectrum, ρ = 3/4) and 12x²(1 − x) for ν_e (massless e⁺, no radiative
/// corrections), i.e. dN/dE = (64E²/m_μ³)(3/4 − E/m_μ) and (192E²/m_μ³)(1/2 − E/m_μ) on [0, m_μ/2].
[<AbstractClass; Sealed>]
type Fluxes =
    static let E = Symbol "E_nu"
    static let mmu = Symbol "m_mu"
    static let mpi = Symbol "m_pi"
    static let x = Symbol "x"
    static let domain = Assumptions.Positive [ "E_nu"; "m_mu"; "m_pi"; "x" ]

    static let lineEnergy =
        lazy
            (let conservation = mpi - E - sqrt (E ** 2 + mmu ** 2)
             match Solve.zerosWith (domain.AndPositive(mpi - mmu)) E conservation with
             | [ r ] -> r
             | rs -> failwithf "π → μν line: expected one root of energy conservation, got %A" rs)
    static let michelAntiMuX = 2 * x ** 2 * (3 - 2 * x)
    static let michelElectronX = 12 * x ** 2 * (1 - x)
    static let toEnergy (dNdx: Expr) = Structure.substitute x (2 * E / mmu) dNdx * 2 / mmu

    static let pE = "E_nu", "MeV", "neutrino energy E_ν"
    static let pMmu = "m_mu", "MeV", "muon mass m_μ"
    static let lineFormula =
        lazy (Formula.create "E_nu0" (lineEnergy.Force()) [ "m_pi", "MeV", "charged-pion mass m_π"; pMmu ] "MeV" "seed 001 eq. (2.22)"
                  "energy of the ν_μ line of π⁺ → μ⁺ν_μ at rest, derived from m_π = E + sqrt(E² + m_μ²)")
    static let antiMuShape =
        lazy (Formula.create "phi_numubar" (toEnergy michelAntiMuX) [ pE; pMmu ] "MeV^-1" "seed 001 eq. (2.23)"
                  "normalised ν̄_μ spectrum of μ⁺ decay at rest, 64E²/m_μ³ (3/4 − E/m_μ) on [0, m_μ/2]")
    static let electronShape =
        lazy (Formula.create "phi_nue" (toEnergy michelElectronX) [ pE; pMmu ] "MeV^-1" "seed 001 eq. (2.24)"
                  "normalised ν_e spectrum of μ⁺ decay at rest, 192E²/m_μ³ (1/2 − E/m_μ) on [0, m_μ/2]")
    static let antiMuDelegate = lazy (antiMuShape.Force().Compile2())
    static let electronDelegate = lazy (electronShape.Force().Compile2())

    static let checkPositive (name: string) (v: float) =
        if not (v > 0.0) || Double.IsInfinity v then raise (ArgumentOutOfRangeException(name, v, sprintf "%s must be a finite number > 0" name))

    // ---- symbols ------------------------------------------------------------------------------------------
    /// E_ν (MeV).
    static member EnergySymbol = E
    /// m_μ (MeV).
    static member MuonMassSymbol = mmu
    /// m_π (MeV).
    static member PionMassSymbol = mpi
    /// x = 2E/m_μ, the Michel variable.
    static member MichelXSymbol = x
    /// E_ν, m_μ, m_π, x positive.
    static member Domain = domain

    // ---- pion decay at rest -------------------------------------------------------------------------------
    /// ν̄_μ Michel spectrum in x = 2E/m_μ: 2x²(3 − 2x).
    static member MichelMuonAntineutrinoX = michelAntiMuX
    /// ν_e spectrum in x = 2E/m_μ: 12x²(1 − x).
    static member MichelElectronNeutrinoX = michelElectronX
    /// E₀(m_π, m_μ) = (m_π² − m_μ²)/(2m_π) in MeV [seed 001 eq. (2.22)].
    static member PionLineEnergyFormula : Formula = lineFormula.Force()
    /// Normalised ν̄_μ shape (MeV⁻¹) in (E_ν, m_μ) [seed 001 eq. (2.23)], valid on [0, m_μ/2].
    static member MuonAntineutrinoShapeFormula : Formula = antiMuShape.Force()
    /// Normalised ν_e shape (MeV⁻¹) in (E_ν, m_μ) [seed 001 eq. (2.24)], valid on [0, m_μ/2].
    static member ElectronNeutrinoShapeFormula : Formula = electronShape.Force()
    /// E₀ with PDG 2024 masses: 29.792 MeV.
    static member PionLineEnergy : float = Fluxes.PionLineEnergyFormula.Evaluate(Constants.ChargedPionMass, Constants.MuonMass)
    /// m_μ/2 (MeV), the endpoint of the Michel spectra.
    static member MichelEndpoint : float = Constants.MuonMass / 2.0

    /// Normalised ν̄_μ shape at E (MeV) with the PDG muon mass; zero outside [0, m_μ/2].
    static member MuonAntineutrinoShape(energy: float) : float =
        if energy < 0.0 || energy > Fluxes.MichelEndpoint then 0.0 else antiMuDelegate.Force().Invoke(energy, Constants.MuonMass)
    /// Normalised ν_e shape at E (MeV) with the PDG muon mass; zero outside [0, m_μ/2].
    static member ElectronNeutrinoShape(energy: float) : float =
        if energy < 0.0 || energy > Fluxes.MichelEndpoint then 0.0 else electronDelegate.Force().Invoke(energy, Constants.MuonMass)

    /// π⁺ decay-at-rest fluxes with per-flavour normalisation φ₀ (each of ν_μ, ν̄_μ, ν_e carries φ₀): the ν_μ line
    /// at E₀ and the two Michel continua on [0, m_μ/2] [seed 001 eqs. (2.22)–(2.24)]. φ₀ is in the caller's unit
    /// (cm⁻² s⁻¹, or cm⁻² per exposure; see PointSourceFlux).
    static member PionDecayAtRest(phi0: float) : FluxSet =
        checkPositive "phi0" phi0
        let endpoint = Fluxes.MichelEndpoint
        let am = antiMuDelegate.Force()
        let el = electronDelegate.Force()
        let mmuV = Constants.MuonMass
        FluxSet(
            "pi+ decay at rest",
            [ Flux.Monochromatic(NeutrinoFlavour.MuonNeutrino, Fluxes.PionLineEnergy, phi0, sprintf "ν_μ line at %.4f MeV, φ₀ = %g (seed 001 eq. 2.22)" Fluxes.PionLineEnergy phi0)
              Flux(NeutrinoFlavour.MuonAntineutrino, Func<float, float>(fun e -> phi0 * am.Invoke(e, mmuV)), 0.0, endpoint, sprintf "ν̄_μ Michel spectrum, φ₀ = %g (seed 001 eq. 2.23)" phi0)
              Flux(NeutrinoFlavour.ElectronNeutrino, Func<float, float>(fun e -> phi0 * el.Invoke(e, mmuV)), 0.0, endpoint, sprintf "ν_e Michel spectrum, φ₀ = %g (seed 001 eq. 2.24)" phi0) ])

    /// φ₀ of an isotropic point source: r N / (4π L²) in cm⁻² per unit of N, with r neutrinos per flavour per proton
    /// (e.g. 0.08 at the SNS), N protons on target (a number → fluence in cm⁻²; a rate in s⁻¹ → flux in cm⁻² s⁻¹)
    /// and L the distance in metres.
    static member PointSourceFlux(neutrinosPerFlavourPerProton: float, protons: float, distance_m: float) : float =
        checkPositive "neutrinosPerFlavourPerProton" neutrinosPerFlavourPerProton
        checkPositive "protons" protons
        checkPositive "distance_m" distance_m
        let l = distance_m * 100.0
        neutrinosPerFlavourPerProton * protons / (4.0 * Math.PI * l * l)

    // ---- sources by kind ----------------------------------------------------------------------------------
    /// The data name of a source kind ("pion-dar", "reactor"), as data/experiments/*.yaml write it.
    static member SourceName(kind: NeutrinoSourceKind) : string =
        match kind with
        | NeutrinoSourceKind.PionDecayAtRest -> "pion-dar"
        | NeutrinoSourceKind.Reactor -> "reactor"
        | _ -> raise (ArgumentOutOfRangeException("kind", kind, "kind must be PionDecayAtRest or Reactor"))
    /// The data names of every source kind.
    static member SourceNames : IReadOnlyList<string> =
        [| Fluxes.SourceName NeutrinoSourceKind.PionDecayAtRest; Fluxes.SourceName NeutrinoSourceKind.Reactor |] :> IReadOnlyList<string>
    /// The source kind of a data name (exact, case-sensitive, as the data files write it); false for an unknown name.
    static member TryParseSource(name: string, [<Runtime.InteropServices.Out>] kind: byref<NeutrinoSourceKind>) : bool =
        match name with
        | "pion-dar" ->
            kind <- NeutrinoSourceKind.PionDecayAtRest
            true
        | "reactor" ->
            kind <- NeutrinoSourceKind.Reactor
            true
        | _ -> false
    /// The flux of a source kind at the detector: π DAR with φ₀ = normalisation per flavour (seed 001 eqs. 2.22–2.24),
    /// or the default reactor ν̄_e spectrum with total flux = normalisation over [0, 10] MeV (cm⁻² s⁻¹).
    static member ForSource(kind: NeutrinoSourceKind, normalisation: float) : FluxSet =
        match kind with
        | NeutrinoSourceKind.PionDecayAtRest -> Fluxes.PionDecayAtRest(normalisation)
        | NeutrinoSourceKind.Reactor -> Fluxes.Reactor(normalisation)
        | _ -> raise (ArgumentOutOfRangeException("kind", kind, "kind must be PionDecayAtRest or Reactor"))

    // ---- reactor ------------------------------------------------------------------------------------------
    /// S_i(E) = exp(Σ_{k=0..5} a_k E^k) (ν̄ MeV⁻¹ fission⁻¹, E in MeV) of one isotope with the coefficients of
    /// data/cevns/reactor/huber_mueller_coefficients.json as exact decimals [Huber 2011 / Mueller 2011].
    static member ReactorIsotopeSpectrumFormula(isotope: ReactorIsotope, model: ReactorSpectrumModel) : Formula =
        fst (ReactorData.formulaAndDelegate model isotope)
    /// The coefficients a₀…a₅ of an isotope's fit.
    static member ReactorCoefficients(isotope: ReactorIsotope, model: ReactorSpectrumModel) : float[] =
        ReactorData.coefficientTexts model isotope |> Array.map (fun t -> Double.Parse(t, CultureInfo.InvariantCulture))
    /// S_i(E) of one isotope (the fit, at any E &gt; 0 MeV).
    static member ReactorIsotopeSpectrum(isotope: ReactorIsotope, model: ReactorSpectrumModel, energy: float) : float =
        if not (energy > 0.0) || Double.IsInfinity energy then raise (ArgumentOutOfRangeException("energy", energy, "the energy must be a finite number > 0 MeV"))
        (snd (ReactorData.formulaAndDelegate model isotope)).Invoke energy

    /// Reactor ν̄_e flux whose integral over [eMin, eMax] (MeV) is totalFlux (cm⁻² s⁻¹; seed 001 uses 2.5e13 for
    /// CONUS at 17 m): dΦ/dE = totalFlux · S(E)/∫_{eMin}^{eMax} S, S = spectrum.PerFission. The support is
    /// [max(eMin, spectrum start), eMax]. With ExtrapolateFit, eMin must be ≥ 1 MeV (the fits diverge below).
    static member Reactor(totalFlux: float, eMin: float, eMax: float, spectrum: ReactorSpectrum) : FluxSet =
        checkPositive "totalFlux" totalFlux
        let lo = Fluxes.ReactorSupportStart(eMin, eMax, spectrum)
        Fluxes.ReactorNormalised(totalFlux, lo, eMax, spectrum.NeutrinosPerFission(lo, eMax), spectrum)

    /// Checks a reactor energy range [eMin, eMax] (MeV) against the spectrum and returns where the flux starts,
    /// max(eMin, spectrum start).
    static member private ReactorSupportStart(eMin: float, eMax: float, spectrum: ReactorSpectrum) : float =
        if isNull (box spectrum) then nullArg "spectrum"
        if not (eMin >= 0.0) || Double.IsInfinity eMin then raise (ArgumentOutOfRangeException("eMin", eMin, "eMin must be a finite energy ≥ 0 MeV"))
        if not (eMax > eMin) || eMax > 20.0 then raise (ArgumentOutOfRangeException("eMax", eMax, sprintf "eMax must be > eMin = %g MeV and ≤ 20 MeV" eMin))
        if spectrum.LowEnergy = ReactorLowEnergy.ExtrapolateFit && eMin < 1.0 then
            raise (ArgumentOutOfRangeException("eMin", eMin, "with ReactorLowEnergy.ExtrapolateFit eMin must be ≥ 1 MeV: the exp-polynomial fits diverge below"))
        let lo = max eMin spectrum.SpectrumStart
        if not (eMax > lo) then raise (ArgumentOutOfRangeException("eMax", eMax, sprintf "the spectrum is zero below %g MeV; eMax must exceed it" lo))
        lo

    /// dΦ/dE = totalFlux · S(E)/perFission on [lo, eMax], perFission = ∫_lo^eMax S (computed once by the caller).
    static member private ReactorNormalised(totalFlux: float, lo: float, eMax: float, perFission: float, spectrum: ReactorSpectrum) : FluxSet =
        let scale = totalFlux / perFission
        FluxSet(
            "reactor",
            [ Flux(NeutrinoFlavour.ElectronAntineutrino, Func<float, float>(fun e -> scale * spectrum.PerFission e), lo, eMax, spectrum.Breakpoints, Seq.empty,
                   sprintf "reactor ν̄_e (%O, low energy: %O), ∫ = %g over [%g, %g] MeV" spectrum.Model spectrum.LowEnergy totalFlux lo eMax) ])

    /// Reactor ν̄_e flux normalised to totalFlux over [0, 10] MeV with the default spectrum (Huber–Mueller, LEU
    /// fission fractions, Kopeikin's table below 2 MeV; fits extrapolated from 8 to 10 MeV, a 3e-4 relative tail).
    static member Reactor(totalFlux: float) : FluxSet = Fluxes.Reactor(totalFlux, 0.0, 10.0, ReactorSpectrum())

    /// Fissions per second of a reactor of the given thermal power (W): P / (Σ f_i Q_i), Q_i in J.
    static member ReactorFissionRate(thermalPower_W: float, spectrum: ReactorSpectrum) : float =
        checkPositive "thermalPower_W" thermalPower_W
        if isNull (box spectrum) then nullArg "spectrum"
        thermalPower_W / (spectrum.EnergyPerFission * Constants.MeV_J)

    /// Absolute reactor ν̄_e flux at distance L (m) from a point-like core of thermal power P (W):
    /// dΦ/dE = (fission rate) · S(E) / (4π L²) on [max(eMin, spectrum start), eMax] (cm⁻² s⁻¹ MeV⁻¹).
    static member ReactorFromPower(thermalPower_W: float, distance_m: float, eMin: float, eMax: float, spectrum: ReactorSpectrum) : FluxSet =
        checkPositive "distance_m" distance_m
        let rate = Fluxes.ReactorFissionRate(thermalPower_W, spectrum)
        let lo = Fluxes.ReactorSupportStart(eMin, eMax, spectrum)
        let perFission = spectrum.NeutrinosPerFission(lo, eMax)
        // an isotropic point source emitting perFission neutrinos per fission at `rate` fissions per second
        let total = Fluxes.PointSourceFlux(perFission, rate, distance_m)
        Fluxes.ReactorNormalised(total, lo, eMax, perFission, spectrum)
