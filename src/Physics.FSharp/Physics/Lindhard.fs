namespace NuDM.Physics

open System
open NuDM.Symbolic
open NuDM.Symbolic.Notation

/// Lindhard's quenching of a nuclear recoil's ionisation (J. Lindhard, V. Nielsen, M. Scharff, P. V. Thomsen,
/// Mat. Fys. Medd. Dan. Vid. Selsk. 33 no. 10 (1963); in the form used by germanium CEvNS analyses, e.g. CONUS,
/// Eur. Phys. J. C 82 (2022) 815, arXiv:2202.03754, eqs. (1)–(2)):
///   E_ee = T Q(T),  Q = k g(ε)/(1 + k g(ε)),  g(ε) = 3 ε^0.15 + 0.7 ε^0.6 + ε,  ε = 11.5 Z^(−7/3) T/keV,
/// and Lindhard's theoretical k = 0.133 Z^(2/3) A^(−1/2) (0.157 for natural Ge). T and E_ee in keV.
[<AbstractClass; Sealed>]
type Lindhard =
    static let T, k, Z, A = Ops.symbol "T", Ops.symbol "k", Ops.symbol "Z", Ops.symbol "A"
    static let epsilon = rat 23 2 * T * Z ** rat -7 3
    static let g = 3 * epsilon ** rat 3 20 + rat 7 10 * epsilon ** rat 3 5 + epsilon
    static let quenching = k * g / (1 + k * g)
    static let theoreticalK = rat 133 1000 * Z ** rat 2 3 * A ** rat -1 2

    static let quenchingFormula =
        lazy
            (Formula.create "Q_Lindhard" quenching [ "T", "keV", "nuclear recoil energy"; "k", "1", "Lindhard's k"; "Z", "1", "proton number" ] "1"
                 "Lindhard et al. 1963; CONUS EPJC 82 (2022) 815 eqs. (1)–(2)" "ionisation quenching factor E_ee/T of a nuclear recoil")
    static let ionisationFormula =
        lazy
            (Formula.create "E_ee_Lindhard" (T * quenching) [ "T", "keV", "nuclear recoil energy"; "k", "1", "Lindhard's k"; "Z", "1", "proton number" ] "keV"
                 "Lindhard et al. 1963" "ionisation (electron-equivalent) energy of a nuclear recoil, E_ee = T Q(T)")
    static let kFormula =
        lazy
            (Formula.create "k_Lindhard" theoreticalK [ "Z", "1", "proton number"; "A", "1", "mass number" ] "1"
                 "Lindhard et al. 1963" "Lindhard's theoretical k = 0.133 Z^(2/3) A^(−1/2)")
    static let quenchingDelegate = lazy (quenchingFormula.Force().Compile3())
    static let ionisationDelegate = lazy (ionisationFormula.Force().Compile3())
    static let kDelegate = lazy (kFormula.Force().Compile2())

    static let check (recoil: float) (kValue: float) (z: float) =
        Argument.Positive("recoilKeV", recoil, "keV") |> ignore
        Argument.InRange("k", kValue, 1e-3, 1.0, "") |> ignore
        Argument.InRange("Z", z, 1.0, 120.0, "") |> ignore

    /// Q(T) as a formula (symbols T [keV], k, Z).
    static member QuenchingFormula : Formula = quenchingFormula.Force()
    /// E_ee(T) = T Q(T) as a formula (keV).
    static member IonisationFormula : Formula = ionisationFormula.Force()
    /// k = 0.133 Z^(2/3) A^(−1/2) as a formula.
    static member TheoreticalKFormula : Formula = kFormula.Force()

    /// The quenching factor Q = E_ee/T of a recoil of <paramref name="recoilKeV"/> keV (dimensionless).
    static member QuenchingFactor(recoilKeV: float, k: float, z: float) : float =
        check recoilKeV k z
        quenchingDelegate.Force().Invoke(recoilKeV, k, z)

    /// The ionisation energy E_ee = T Q(T) in keV(ee) of a recoil of <paramref name="recoilKeV"/> keV(nr).
    static member IonisationEnergy(recoilKeV: float, k: float, z: float) : float =
        check recoilKeV k z
        ionisationDelegate.Force().Invoke(recoilKeV, k, z)

    /// Lindhard's theoretical k for proton number Z and mass number A (dimensionless; 0.157 for Ge, Z = 32, A = 72.6).
    static member TheoreticalK(z: float, a: float) : float =
        Argument.InRange("Z", z, 1.0, 120.0, "") |> ignore
        Argument.InRange("A", a, z, 300.0, "") |> ignore
        kDelegate.Force().Invoke(z, a)

    /// The recoil energy (keV nr) whose ionisation is <paramref name="ionisationKeV"/> keV(ee): the inverse of
    /// E_ee(T), which increases with T, by bisection to 1e-13 relative.
    static member RecoilEnergy(ionisationKeV: float, k: float, z: float) : float =
        Argument.Positive("ionisationKeV", ionisationKeV, "keV") |> ignore
        check 1.0 k z
        let f = ionisationDelegate.Force()
        let mutable lo = ionisationKeV
        let mutable hi = ionisationKeV
        // E_ee ≤ T, so T ≥ E_ee; widen the upper end until E_ee(hi) ≥ target
        while f.Invoke(hi, k, z) < ionisationKeV do hi <- 2.0 * hi
        while hi - lo > 1e-13 * hi do
            let mid = 0.5 * (lo + hi)
            if f.Invoke(mid, k, z) < ionisationKeV then lo <- mid else hi <- mid
        0.5 * (lo + hi)
