namespace NuDM.Physics

open System
open System.Collections.Generic
open System.Collections.Concurrent
open NuDM.Symbolic
open NuDM.Symbolic.Notation

/// An absorber for the Bethe formula: electrons per gram (⟨Z/A⟩ in mol g⁻¹), mean excitation energy I and density.
[<NoEquality; NoComparison>]
type StoppingMedium =
    { /// Material name.
      Name: string
      /// ⟨Z/A⟩ = Σ n_i Z_i / Σ n_i A_r,i (mol/g; A_r the molar mass in g/mol).
      ZOverA: float
      /// I (eV).
      MeanExcitationEV: float
      /// ρ (g cm⁻³).
      DensityGcm3: float }

/// Stopping and scintillation quenching of a slow ion (a recoil proton in Borexino, seed 000 sec. VI), symbolically.
///
/// Bethe (PDG 2024 "Passage of particles through matter", eqs. (34.4)–(34.5)), without shell, Barkas and density
/// corrections (δ ≈ 0 for slow protons):
///   −dE/dx = K z² ⟨Z/A⟩ (1/β²) [½ ln(2 m_e β²γ² W_max / I²) − β²],  K = 4π N_A r_e² m_e = 0.307075 MeV mol⁻¹ cm²,
///   W_max = 2 m_e β²γ² / (1 + 2γ m_e/M + (m_e/M)²).
/// What is compiled is the form in the kinetic energy T without cancellation, β²γ² = T(2M + T)/M² and
/// β² = T(2M + T)/(M + T)², proven equal to the printed one (quench.bethe-stable).
/// Below the maximum of this expression (where the formula breaks down) the stopping power is continued as the
/// Andersen–Ziegler low-energy form S ∝ T^0.45 matched at the peak (Andersen &amp; Ziegler 1977; ICRU Report 49).
/// Compounds: Bragg additivity of ln I weighted by electrons (ICRU Report 37). Light: Birks' law
/// dE_vis/dE = 1/(1 + kB dE/dx) (J. B. Birks, Proc. Phys. Soc. A 64 (1951) 874).
[<RequireQualifiedAccess>]
module Quenching =
    let private s = Symbol
    /// Symbols: T (kinetic energy, MeV), M (projectile mass, MeV), z (charge number), ZA = ⟨Z/A⟩ (mol/g), I (mean
    /// excitation energy, MeV), m_e (MeV), K (MeV mol⁻¹ cm²), beta2 = β², gamma = γ.
    let T, M, z, ZA, I, me, K, beta2, gamma = s "T", s "M", s "z", s "ZA", s "I", s "m_e", s "K", s "beta2", s "gamma"
    /// Symbols of the low-energy continuation and of Birks' law: T_p, S_p (the peak), S (mass stopping power,
    /// MeV cm² g⁻¹), rho (g cm⁻³), kB (cm MeV⁻¹).
    let Tp, Sp, S, rho, kB = s "T_p", s "S_p", s "S", s "rho", s "kB"
    /// Symbols of the molar mass of an atom: m_N (nuclear mass, MeV), Z, m_u (atomic mass unit, MeV).
    let mN, Znum, mu = s "m_N", s "Z", s "m_u"

    /// Every symbol is real and positive.
    let Domain = Assumptions.Positive [ "T"; "M"; "z"; "ZA"; "I"; "m_e"; "K"; "beta2"; "gamma"; "T_p"; "S_p"; "S"; "rho"; "kB"; "m_N"; "Z"; "m_u" ]

    /// K = 4π N_A r_e² m_e c² (PDG 2024 Table 34.1), MeV mol⁻¹ cm².
    let KValue = 0.307075
    /// The exponent of the Andersen–Ziegler low-energy form S ∝ T^0.45.
    let lowEnergyExponent = rat 9 20

    /// W_max (PDG eq. 34.4) in terms of β²γ² and γ, MeV.
    let maxEnergyTransfer (betaGamma2: Expr) (g: Expr) = 2 * me * betaGamma2 / (1 + 2 * g * me / M + (me / M) ** 2)

    /// PDG eq. (34.5) as printed, in β² and γ (no corrections), MeV cm² g⁻¹.
    let bethePrinted =
        let bg2 = beta2 * gamma ** 2
        K * z ** 2 * ZA / beta2 * (ln (2 * me * bg2 * maxEnergyTransfer bg2 gamma / I ** 2) / 2 - beta2)

    /// γ = 1 + T/M and β² = 1 − 1/γ² of a projectile with kinetic energy T (the printed kinematics).
    let gammaOfT = 1 + T / M
    let beta2OfTPrinted = 1 - 1 / gammaOfT ** 2

    /// β²γ² = T(2M + T)/M² and β² = T(2M + T)/(M + T)², free of the cancellation in 1 − 1/γ² at T ≪ M.
    let betaGamma2OfT = T * (2 * M + T) / M ** 2
    let beta2OfT = T * (2 * M + T) / (M + T) ** 2

    /// The Bethe mass stopping power in T, compiled form (MeV cm² g⁻¹): eq. (34.5) with the stable kinematics.
    let betheOfT =
        K * z ** 2 * ZA / beta2OfT * (ln (2 * me * betaGamma2OfT * maxEnergyTransfer betaGamma2OfT gammaOfT / I ** 2) / 2 - beta2OfT)

    /// The Andersen–Ziegler continuation below the peak T_p: S(T) = S_p (T/T_p)^0.45, MeV cm² g⁻¹.
    let lowEnergyContinuation = Sp * (T / Tp) ** lowEnergyExponent

    /// Birks' law: dE_vis/dE = 1/(1 + kB ρ S).
    let birksIntegrand = 1 / (1 + kB * rho * S)

    /// Molar mass of an atom from its nuclear mass: A_r = (m_N + Z m_e)/m_u, g/mol (electron binding neglected).
    let atomicMolarMass = (mN + Znum * me) / mu

    /// Bragg additivity for n constituents: I = exp(Σ w_i ln I_i / Σ w_i) with w_i the electrons of constituent i
    /// (symbols w_1…w_n, I_1…I_n).
    let braggMeanExcitation (n: int) =
        if n < 1 then invalidArg "n" "a compound needs at least one constituent"
        let w = [ for i in 1 .. n -> s (sprintf "w_%d" i) ]
        let ii = [ for i in 1 .. n -> s (sprintf "I_%d" i) ]
        exp (List.sum (List.map2 (fun wi xi -> wi * ln xi) w ii) / List.sum w)

    let private me0 = Ops.number (Q.OfDouble Constants.ElectronMass)
    let private k0 = Ops.number (Q.OfDouble KValue)
    let private bethePdg = "PDG 2024 eqs. (34.4)–(34.5), no shell/Barkas/density corrections"

    /// The Bethe mass stopping power S(T, M, z, ⟨Z/A⟩, I), MeV cm² g⁻¹ (m_e and K substituted).
    [<CompiledName("BetheFormula")>]
    let betheFormula () =
        let e = betheOfT |> Structure.substitute me me0 |> Structure.substitute K k0
        Formula.create "S_Bethe" e
            [ "T", "MeV", "projectile kinetic energy"; "M", "MeV", "projectile mass"; "z", "1", "projectile charge number"
              "ZA", "mol/g", "⟨Z/A⟩ of the absorber"; "I", "MeV", "mean excitation energy" ]
            "MeV cm^2/g" bethePdg "electronic mass stopping power of a heavy charged particle"

    /// The Andersen–Ziegler continuation S(T, T_p, S_p) = S_p (T/T_p)^0.45, MeV cm² g⁻¹.
    [<CompiledName("LowEnergyContinuationFormula")>]
    let lowEnergyContinuationFormula () =
        Formula.create "S_low" lowEnergyContinuation
            [ "T", "MeV", "proton kinetic energy (below the peak)"; "T_p", "MeV", "kinetic energy of the Bethe peak"; "S_p", "MeV cm^2/g", "stopping power at the peak" ]
            "MeV cm^2/g" "Andersen & Ziegler (1977), ICRU Report 49: S ∝ T^0.45 matched at the Bethe peak" "low-energy stopping power"

    /// Birks' dE_vis/dE(kB, ρ, S) = 1/(1 + kB ρ S), dimensionless.
    [<CompiledName("BirksIntegrandFormula")>]
    let birksIntegrandFormula () =
        Formula.create "dEvis_dE" birksIntegrand
            [ "kB", "cm/MeV", "Birks' constant"; "rho", "g/cm^3", "density"; "S", "MeV cm^2/g", "mass stopping power" ]
            "1" "Birks, Proc. Phys. Soc. A 64 (1951) 874" "scintillation light per deposited energy, electrons unquenched"

    /// A_r(m_N, Z) = (m_N + Z m_e)/m_u, g/mol.
    [<CompiledName("AtomicMolarMassFormula")>]
    let atomicMolarMassFormula () =
        let e = atomicMolarMass |> Structure.substitute me me0 |> Structure.substitute mu (Ops.number (Q.OfDouble Constants.AtomicMassUnit_MeV))
        Formula.create "A_r" e [ "m_N", "MeV", "nuclear mass"; "Z", "1", "proton number" ] "g/mol"
            "atomic mass = nuclear mass + Z m_e (binding neglected), in units of m_u" "molar mass of an atom"

    /// I(w_1…w_n, I_1…I_n) by Bragg additivity, in the unit of the I_i.
    [<CompiledName("BraggMeanExcitationFormula")>]
    let braggMeanExcitationFormula (n: int) =
        Formula.create "I_Bragg" (braggMeanExcitation n)
            [ for i in 1 .. n -> sprintf "w_%d" i, "1", sprintf "electrons of constituent %d per formula unit" i
              for i in 1 .. n -> sprintf "I_%d" i, "eV", sprintf "mean excitation energy of constituent %d" i ]
            "eV" "Bragg additivity, ln I = Σ w_i ln I_i / Σ w_i (ICRU Report 37)" "mean excitation energy of a compound"

/// Stopping powers and Birks quenching for C# (compiled kernel formulas with fixed, documented parameter orders, and
/// the compound absorber by Bragg additivity). Energies in MeV, stopping powers in MeV cm² g⁻¹, I in eV at the
/// boundary (MeV inside the Bethe delegate), kB in cm/MeV, densities in g cm⁻³.
[<AbstractClass; Sealed>]
type QuenchingFormulas =
    static let bethe = lazy ((Quenching.betheFormula ()).Compile5())
    static let low = lazy ((Quenching.lowEnergyContinuationFormula ()).Compile3())
    static let birks = lazy ((Quenching.birksIntegrandFormula ()).Compile3())
    static let molar = lazy ((Quenching.atomicMolarMassFormula ()).Compile2())
    static let bragg = ConcurrentDictionary<int, Func<float[], float>>()

    /// S_Bethe compiled: parameters (T [MeV], M [MeV], z, ⟨Z/A⟩ [mol/g], I [MeV]) → MeV cm² g⁻¹, unchecked.
    static member Bethe : Func<float, float, float, float, float, float> = bethe.Force()
    /// S_low compiled: parameters (T [MeV], T_p [MeV], S_p [MeV cm² g⁻¹]) → MeV cm² g⁻¹, unchecked.
    static member LowEnergyContinuation : Func<float, float, float, float> = low.Force()
    /// dE_vis/dE compiled: parameters (kB [cm/MeV], ρ [g cm⁻³], S [MeV cm² g⁻¹]), unchecked.
    static member BirksIntegrand : Func<float, float, float, float> = birks.Force()
    /// A_r compiled: parameters (m_N [MeV], Z) → g/mol, unchecked.
    static member AtomicMolarMass : Func<float, float, float> = molar.Force()

    /// I of a compound by Bragg additivity (unit of atomicI): electronCounts[i] electrons with mean excitation energy
    /// atomicI[i]; both lists of the same length ≥ 1, every entry &gt; 0.
    static member BraggMeanExcitation(electronCounts: IReadOnlyList<float>, atomicI: IReadOnlyList<float>) : float =
        if isNull electronCounts || electronCounts.Count = 0 then invalidArg "electronCounts" "at least one constituent is needed"
        if isNull atomicI || atomicI.Count <> electronCounts.Count then invalidArg "atomicI" "one mean excitation energy per constituent is needed"
        for i in 0 .. electronCounts.Count - 1 do
            Argument.Positive(sprintf "electronCounts[%d]" i, electronCounts.[i]) |> ignore
            Argument.Positive(sprintf "atomicI[%d]" i, atomicI.[i], "eV") |> ignore
        let n = electronCounts.Count
        let f = bragg.GetOrAdd(n, fun n -> (Quenching.braggMeanExcitationFormula n).Compile())
        f.Invoke(Array.append (Array.ofSeq electronCounts) (Array.ofSeq atomicI))

    /// A compound of Nuclear (e.g. "C9H12") as an absorber: ⟨Z/A⟩ from nuclear masses + electrons (A_r = (m_N + Z m_e)/m_u),
    /// I by Bragg additivity of the atomic I (eV, by element) weighted by electrons, density in g cm⁻³.
    static member Medium(target: string, atomicIeV: IReadOnlyDictionary<string, float>, densityGcm3: float) : StoppingMedium =
        if isNull atomicIeV then nullArg "atomicIeV"
        Argument.Positive("density", densityGcm3, "g/cm³") |> ignore
        let t = Nuclear.Target target
        let electrons = ResizeArray<float>()
        let energies = ResizeArray<float>()
        let mutable grams = 0.0
        for n in t.Nuclei do
            let iso = n.Isotope
            match atomicIeV.TryGetValue iso.Element with
            | true, i ->
                electrons.Add(n.NumberFraction * float iso.Z)
                energies.Add i
                grams <- grams + n.NumberFraction * molar.Force().Invoke(iso.Mass, float iso.Z)
            | _ -> raise (ArgumentException(sprintf "no mean excitation energy for element %s of %s" iso.Element target, "atomicIeV"))
        { Name = target
          ZOverA = Seq.sum electrons / grams
          MeanExcitationEV = QuenchingFormulas.BraggMeanExcitation(electrons, energies)
          DensityGcm3 = densityGcm3 }

    /// Molar mass of one formula unit (g/mol) of a Nuclear target, from nuclear masses + electrons.
    static member MolarMass(target: string) : float =
        let t = Nuclear.Target target
        let perNucleus = t.Nuclei |> Seq.sumBy (fun n -> n.NumberFraction * molar.Force().Invoke(n.Isotope.Mass, float n.Isotope.Z))
        perNucleus * t.NucleiPerFormulaUnit
