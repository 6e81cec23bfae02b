namespace NuDM.Physics

open NuDM.Symbolic
open NuDM.Symbolic.Notation

/// Standard-Model coherent elastic neutrino–nucleus scattering.
[<RequireQualifiedAccess>]
module CrossSections =
    let private s = Symbol
    /// Symbols: E_nu, M, T (MeV); Z, N (proton, neutron numbers); F2 (form factor squared, supplied by the caller).
    let Enu, M, T, Z, N, F2 = s "E_nu", s "M", s "T", s "Z", s "N", s "F2"
    let private gf = Number(Q.OfDouble Constants.FermiConstant)
    let private sw2 = Number(Q.OfDouble Constants.SinSquaredThetaW)

    /// Weak nuclear charge Q_w = N − (1 − 4 sin²θ_W) Z (seed 000, below eq. 11).
    let weakCharge = N - (1 - 4 * sw2) * Z

    /// dσ/dT of SM CEvNS, G_F²/(4π) Q_w² M (1 − M T/(2E_ν²)) F² (seed 000 eq. 11), in MeV⁻³ (cross section per
    /// unit recoil energy). The T/E_ν term of the full tree-level result is O(T/E_ν) ≲ 10⁻³ and is omitted, as in the seed.
    let cevnsSM =
        gf ** 2 / (4 * pi) * weakCharge ** 2 * M * (1 - M * T / (2 * Enu ** 2)) * F2

    [<CompiledName("CevnsSMFormula")>]
    let cevnsSMFormula () =
        Formula.create "dsigma_dT_SM" cevnsSM
            [ "E_nu", "MeV", "neutrino energy"; "M", "MeV", "nuclear mass"; "T", "MeV", "recoil energy"
              "Z", "1", "protons"; "N", "1", "neutrons"; "F2", "1", "form factor squared F(q²)²" ]
            "MeV^-3" "seed 000 eq. (11)" "SM CEvNS differential cross section dσ/dT"

    /// Converts a differential cross section from MeV⁻³ to cm²/keV.
    [<CompiledName("ToCm2PerKeV")>]
    let toCm2PerKeV (dsdT_MeVm3: float) = dsdT_MeVm3 * Constants.InvMeV2_cm2 * 1e-3
