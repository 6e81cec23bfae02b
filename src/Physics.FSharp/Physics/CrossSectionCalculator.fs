namespace NuDM.Physics

open System
open NuDM.Symbolic

/// One row of a differential cross-section table.
[<NoEquality; NoComparison>]
type CrossSectionPoint =
    { /// Recoil energy, MeV.
      T: float
      /// Form factor squared at this T.
      FormFactorSquared: float
      /// dσ/dT of ν N → χ N (seed 001 eq. 2.21 with F²), cm²/MeV.
      NewPhysics_cm2_per_MeV: float
      /// dσ/dT of SM CEvNS (seed 000 eq. 11 with F²), cm²/MeV; 0 above T_max^SM.
      StandardModel_cm2_per_MeV: float }

/// Compiled cross sections for C#: the derived dσ/dT of νN → χN and the SM CEvNS one, with the nuclear form factor.
/// Energies and masses in MeV; cross sections returned in cm²/MeV.
[<AbstractClass; Sealed>]
type CrossSectionCalculator =
    static let nuChi = lazy ((Amplitudes.nuChiDifferentialFormula ()).Compile())
    static let nuChi8 =
        lazy
            (let f = Amplitudes.nuChiDifferentialFormula ()
             let p = f.ParameterNames
             Compile.compile8 p.[0] p.[1] p.[2] p.[3] p.[4] p.[5] p.[6] p.[7] f.Expression)
    static let sm = lazy ((CrossSections.cevnsSMFormula ()).Compile6())

    static let nuChiHelm =
        lazy
            (let f = FormFactors.HelmRecoilFormula
             let e = Structure.substitute (Symbol "F2") (f.Expression ** 2) (Amplitudes.nuChiDifferential.Force())
             Formula.create "dsigma_dT_nuchi_Helm" e
                 [ "E_nu", "MeV", "neutrino energy"; "M", "MeV", "nuclear mass"; "m_chi", "MeV", "χ mass"; "T", "MeV", "recoil energy"
                   "m_S", "MeV", "mediator mass"; "ybar", "1", "ȳ (seed 001 eq. 2.19)"; "A", "1", "mass number" ]
                 "MeV^-3" "seed 001 eq. (2.21) × F_Helm(q = sqrt(2MT))²" "νN → χN differential cross section with the Helm form factor in one expression")

    /// dσ/dT of νN → χN with the Helm form factor composed symbolically into one formula (E_nu, M, m_chi, T, m_S,
    /// ybar, A) → MeV⁻³; the closed form needs T > 0.
    static member NuChiHelmFormula : Formula = nuChiHelm.Force()

    /// dσ/dT (MeV⁻³) of νN → χN; no range checks (inner loops). Arguments as in seed 001 eq. (2.21).
    static member NuChiUnchecked(enu: float, M: float, mchi: float, T: float, mS: float, ybar: float, A: float, F2: float) : float =
        nuChi8.Force().Invoke(enu, M, mchi, T, mS, ybar, A, F2)

    /// dσ/dT (MeV⁻³) of SM CEvNS; no range checks.
    static member StandardModelUnchecked(enu: float, M: float, T: float, Z: float, N: float, F2: float) : float =
        sm.Force().Invoke(enu, M, T, Z, N, F2)

    /// The compiled νN → χN delegate over [E_nu; M; m_chi; T; m_S; ybar; A; F2] (MeV⁻³).
    static member NuChiDelegate : Func<float[], float> = nuChi.Force()

    /// The compiled νN → χN delegate (E_nu, M, m_chi, T, m_S, ybar, A, F2) → MeV⁻³, allocation-free.
    static member NuChiTypedDelegate : Func<float, float, float, float, float, float, float, float, float> = nuChi8.Force()

    /// The compiled SM delegate (E_nu, M, T, Z, N, F2) → MeV⁻³.
    static member StandardModelDelegate : Func<float, float, float, float, float, float, float> = sm.Force()

    /// dσ/dT on `points` recoil energies spanning [T_min, T_max] of νN → χN for one isotope (the SM value at the
    /// same T for comparison). Errors name the parameter: E_ν below threshold, negative masses, ȳ ≤ 0, points < 2.
    static member Table(isotope: Isotope, enu: float, mchi: float, mS: float, ybar: float, formFactor: FormFactorModel, points: int) : CrossSectionPoint[] =
        if not (mS >= 0.0) || Double.IsInfinity mS then raise (ArgumentOutOfRangeException("m_S", mS, "m_S must be a finite number ≥ 0 MeV"))
        if not (ybar > 0.0) || Double.IsInfinity ybar then raise (ArgumentOutOfRangeException("ybar", ybar, "ybar must be a finite number > 0"))
        if not (mchi >= 0.0) || Double.IsInfinity mchi then raise (ArgumentOutOfRangeException("m_chi", mchi, sprintf "m_chi must be a finite number ≥ 0 (MeV), got %g" mchi))
        CrossSectionCalculator.TableOf(SeedModel.Model.NucleusScattering(ProcessKind.NeutrinoNucleusToChiNucleus), SeedModel.CevnsPoint(mchi, mS, ybar), isotope, enu, formFactor, points)

    /// dσ/dT of a nucleus-scattering process at a parameter point, on `points` recoil energies spanning its
    /// [T_min, T_max] for one isotope (ν N → χ N: seed 001 eq. 2.9; elastic ν N → ν N, alone or with the SM: [0, 2E²/(M + 2E)],
    /// eq. 2.10), with the SM value at the same T for comparison. E_ν below threshold is an ArgumentOutOfRangeException
    /// naming the threshold. MeV in, cm²/MeV out.
    static member TableOf(proc: NucleusScatteringProcess, point: ParameterPoint, isotope: Isotope, enu: float, formFactor: FormFactorModel, points: int) : CrossSectionPoint[] =
        if isNull (box proc) then nullArg "proc"
        if isNull (box isotope) then nullArg "isotope"
        if points < 2 || points > 100000 then raise (ArgumentOutOfRangeException("points", points, "points must be in [2, 100000]"))
        let sigma = proc.CompileDifferentialCrossSection()
        let values = point.ValuesOf sigma.Parameters
        let tmaxSM = 2.0 * enu * enu / (isotope.Mass + 2.0 * enu)
        let tmin, tmax =
            if isNull proc.Kinematics.ProducedMass then 0.0, tmaxSM
            else
                let k = KinematicsCalculator.At(enu, isotope.Mass, point.[proc.Kinematics.ProducedMass])
                k.TMin, k.TMax
        let conv = Constants.InvMeV2_cm2
        [| for i in 0 .. points - 1 do
               let f = float i / float (points - 1)
               let t = tmin + (tmax - tmin) * f
               let t = if t <= 0.0 then 1e-9 * tmax else t
               let f2 = let ff = FormFactors.EvaluateOfRecoil(formFactor, t, isotope.Mass, float isotope.A) in ff * ff
               // Z is read only by a process that interferes with the SM (its weak charge)
               let np = sigma.Invoke(enu, isotope.Mass, t, float isotope.A, f2, float isotope.Z, values)
               let smv = if t <= tmaxSM then CrossSectionCalculator.StandardModelUnchecked(enu, isotope.Mass, t, float isotope.Z, float isotope.N, f2) else 0.0
               yield { T = t; FormFactorSquared = f2; NewPhysics_cm2_per_MeV = np * conv; StandardModel_cm2_per_MeV = smv * conv } |]
