namespace NuDM.Physics

open System
open System.Collections.Generic
open NuDM.Symbolic
open NuDM.Symbolic.Notation

/// Proton or neutron.
type Nucleon =
    | Proton = 0
    | Neutron = 1

/// Which quark-mass table (data/detection/quark_masses_pdg.csv) is used.
type QuarkMassSet =
    /// PDG 2018 (Tanabashi et al., PRD 98, 030001), the seed's Ref. [34].
    | PDG2018 = 0
    /// PDG 2020 (Zyla et al., PTEP 2020, 083C01).
    | PDG2020 = 1

/// The scalar quark content of a nucleon, f_Tq^N = ⟨N|m_q q̄q|N⟩/m_N, for q = u, d, s
/// (data/detection/nucleon_scalar_couplings.csv: Hoferichter et al., PRL 115, 092301 (2015) for u, d;
/// Junnarkar & Walker-Loud, PRD 87, 114510 (2013) for s), with the gluon part f_TG = 1 − Σ_{u,d,s} f_Tq and the
/// heavy-quark content f_TQ = (2/27) f_TG (Shifman, Vainshtein, Zakharov, PLB 78 (1978) 443).
[<Sealed>]
type ScalarQuarkContent(nucleon: Nucleon, fTu: float, fTd: float, fTs: float) =
    member _.Nucleon = nucleon
    member _.FTu = fTu
    member _.FTd = fTd
    member _.FTs = fTs
    /// f_TG = 1 − f_Tu − f_Td − f_Ts.
    member _.FTG = 1.0 - fTu - fTd - fTs
    /// f_TQ = (2/27) f_TG, the same for c, b, t.
    member c.FTHeavy = 2.0 / 27.0 * c.FTG
    /// The nucleon mass (PDG 2024), MeV.
    member _.Mass = if nucleon = Nucleon.Proton then Constants.ProtonMass else Constants.NeutronMass

/// Scalar couplings of the mediator φ (L ⊃ y_q φ q̄q) to nucleons and nuclei, and the derived quantities of the
/// seeds.
///
/// Nucleon (seed 000 eqs. (8)–(9), with the heavy quarks through the trace anomaly):
///   y_N = m_N [ Σ_{q=u,d,s} y_q f_Tq^N / m_q + (2/27) f_TG^N Σ_{Q=c,b,t} y_Q / m_Q ],  f_TG^N = 1 − Σ_{u,d,s} f_Tq^N.
/// For equal y_q this is y_N ≈ 17.5 y_q (seed 000 below eq. (9)): 17.50 (p) / 17.51 (n) with u, d, s only and PDG
/// 2018 masses, 17.57 / 17.58 with c, b, t (data/detection/nucleon_coupling_ratio_check.csv). The seed's 17.5 is the
/// light-quark sum; the heavy quarks add 0.064 (0.4 %).
///
/// Nucleus: a scalar couples coherently to every nucleon, y_A = Z y_p + (A − Z) y_n. Seed 000 eq. (7) prints
/// A y_p + (A − Z) y_n, which counts the protons with A instead of Z (for y_p = y_n = y it gives (2A − Z) y
/// instead of A y) and contradicts the same paper's eq. (10); eq. (7) is a misprint and is not implemented (proof
/// cpl.coherent-sum).
///
/// Target-normalised coupling (seed 001 eqs. (2.19)–(2.20), seed 000 eq. (10)):
///   ȳ² = |y_A y_χ| / A = |((Z/A) y_p + ((A − Z)/A) y_n) y_χ|;
/// for a natural or compound target Z/A is the number-weighted ⟨Z⟩/⟨A⟩: 0.44/0.56 (Ge), 0.42/0.58 (CsI).
///
/// Cross section of seed 000 sec. VII: σ_NC = y_X² y_p² m_X² / (16π m_φ⁴), in MeV⁻² (× Constants.InvMeV2_cm2 → cm²).
[<AbstractClass; Sealed>]
type Couplings =
    static let quarks = [| "u"; "d"; "s"; "c"; "b"; "t" |]
    static let sym (s: string) = Symbol s
    static let mN = sym "m_N"
    static let y = quarks |> Array.map (fun q -> sym ("y_" + q))
    static let m = quarks |> Array.map (fun q -> sym ("m_" + q))
    static let f = [| sym "f_Tu"; sym "f_Td"; sym "f_Ts" |]
    static let fTG = 1 - Array.sum f
    static let nucleonExpr =
        let light = [ for k in 0 .. 2 -> y.[k] * f.[k] / m.[k] ]
        let heavy = [ for k in 3 .. 5 -> y.[k] / m.[k] ]
        mN * (List.sum light + rat 2 27 * fTG * List.sum heavy)
    static let Z = sym "Z"
    static let A = sym "A"
    static let yp = sym "y_p"
    static let yn = sym "y_n"
    static let ychi = sym "y_chi"
    static let nucleusExpr = Z * yp + (A - Z) * yn
    static let ybarExpr = sqrt (abs ((Z / A * yp + (A - Z) / A * yn) * ychi))
    static let yX = sym "y_X"
    static let mX = sym "m_X"
    static let mPhi = sym "m_phi"
    static let sigmaExpr = yX ** 2 * yp ** 2 * mX ** 2 / (16 * pi * mPhi ** 4)

    static let nucleonFormula =
        lazy
            (Formula.create "y_N" nucleonExpr
                 [ yield "m_N", "MeV", "nucleon mass"
                   for k in 0 .. 5 do yield "y_" + quarks.[k], "1", sprintf "scalar Yukawa coupling of φ to the %s quark" quarks.[k]
                   for k in 0 .. 2 do yield "f_T" + quarks.[k], "1", sprintf "scalar %s-quark content f_T%s of the nucleon" quarks.[k] quarks.[k]
                   for k in 0 .. 5 do yield "m_" + quarks.[k], "MeV", sprintf "%s-quark mass" quarks.[k] ]
                 "1" "seed 000 eqs. (8)–(9); heavy quarks f_TQ = (2/27) f_TG (SVZ 1978)"
                 "scalar coupling of φ to a nucleon from its quark couplings")
    static let nucleusFormula =
        lazy
            (Formula.create "y_A" nucleusExpr [ "Z", "1", "proton number"; "A", "1", "mass number"; "y_p", "1", "proton coupling"; "y_n", "1", "neutron coupling" ] "1"
                 "coherent sum (corrects seed 000 eq. (7), see proof cpl.coherent-sum)" "scalar coupling of φ to a nucleus: Z y_p + (A − Z) y_n")
    static let ybarFormula =
        lazy
            (Formula.create "y_bar" ybarExpr
                 [ "Z", "1", "proton number (or the target mean ⟨Z⟩)"; "A", "1", "mass number (or the target mean ⟨A⟩)"; "y_p", "1", "proton coupling"; "y_n", "1", "neutron coupling"; "y_chi", "1", "coupling of the neutrino–χ–S (X–φ–ν) vertex" ]
                 "1" "seed 001 eqs. (2.19)–(2.20); seed 000 eq. (10)" "target-normalised coupling ȳ = sqrt(|y_A y_χ|/A)")
    static let sigmaFormula =
        lazy
            (Formula.create "sigma_NC" sigmaExpr [ "y_X", "1", "X–φ–ν coupling"; "y_p", "1", "proton coupling"; "m_X", "MeV", "dark-matter mass"; "m_phi", "MeV", "mediator mass" ]
                 "MeV^-2" "seed 000 sec. VII" "reference DM–proton cross section σ_NC = y_X² y_p² m_X²/(16π m_φ⁴)")
    static let nucleonDelegate = lazy (nucleonFormula.Force().Compile())
    static let nucleusDelegate = lazy (nucleusFormula.Force().Compile4())
    static let ybarDelegate = lazy (ybarFormula.Force().Compile5())
    static let sigmaDelegate = lazy (sigmaFormula.Force().Compile4())

    /// f_Tq of data/detection/nucleon_scalar_couplings.csv (validated: each in [0, 1]), once per data folder.
    static let contents () =
        DataFiles.Cached(
            "couplings.scalar-content",
            Func<ScalarQuarkContent[]>(fun () ->
                let t = DataFiles.Table "detection/nucleon_scalar_couplings.csv"
                let get (n: string) (q: string) =
                    match t.Rows |> Seq.tryFind (fun r -> r.["nucleon"] = n && r.["quark"] = q) with
                    | Some r -> r.Number "f_Tq"
                    | None -> raise (t.Error(sprintf "has no row %s,%s" n q))
                [| ScalarQuarkContent(Nucleon.Proton, get "p" "u", get "p" "d", get "p" "s")
                   ScalarQuarkContent(Nucleon.Neutron, get "n" "u", get "n" "d", get "n" "s") |])
        )
    /// Quark masses of data/detection/quark_masses_pdg.csv (validated: > 0), PDG 2018 and PDG 2020, once per data folder.
    static let massTable () =
        DataFiles.Cached(
            "couplings.quark-masses",
            Func<float[][]>(fun () ->
                let t = DataFiles.Table "detection/quark_masses_pdg.csv"
                let column (set: string) = quarks |> Array.map (fun q -> t.Find("quark", q).Number set)
                [| column "PDG2018_MeV"; column "PDG2020_MeV" |])
        )

    static let checkFinite (name: string) (v: float) =
        if Double.IsNaN v || Double.IsInfinity v then raise (ArgumentOutOfRangeException(name, v, sprintf "%s must be a finite number" name))
    static let nucleonIndex (n: Nucleon) =
        match n with
        | Nucleon.Proton -> 0
        | Nucleon.Neutron -> 1
        | _ -> raise (ArgumentOutOfRangeException("nucleon", n, "nucleon must be Proton or Neutron"))
    static let massIndex (s: QuarkMassSet) =
        match s with
        | QuarkMassSet.PDG2018 -> 0
        | QuarkMassSet.PDG2020 -> 1
        | _ -> raise (ArgumentOutOfRangeException("masses", s, "masses must be PDG2018 or PDG2020"))
    static let checkZA (z: float) (a: float) =
        if not (a >= 1.0) || Double.IsInfinity a then raise (ArgumentOutOfRangeException("A", a, "the mass number A must be a finite number ≥ 1"))
        if not (z >= 0.0) || z > a then raise (ArgumentOutOfRangeException("Z", z, sprintf "the proton number Z must lie in [0, A = %g]" a))

    // ---- symbols and formulas -----------------------------------------------------------------------------
    /// The quark names in the order used by every array here: u, d, s, c, b, t.
    static member QuarkNames : IReadOnlyList<string> = Array.copy quarks :> IReadOnlyList<string>
    /// y_u … y_t.
    static member QuarkCouplingSymbols : IReadOnlyList<Expr> = Array.copy y :> IReadOnlyList<Expr>
    /// m_u … m_t.
    static member QuarkMassSymbols : IReadOnlyList<Expr> = Array.copy m :> IReadOnlyList<Expr>
    /// f_Tu, f_Td, f_Ts.
    static member ScalarContentSymbols : IReadOnlyList<Expr> = Array.copy f :> IReadOnlyList<Expr>
    /// m_N.
    static member NucleonMassSymbol = mN
    static member ZSymbol = Z
    static member ASymbol = A
    static member ProtonCouplingSymbol = yp
    static member NeutronCouplingSymbol = yn
    static member ChiCouplingSymbol = ychi
    static member DarkMatterCouplingSymbol = yX
    static member DarkMatterMassSymbol = mX
    static member MediatorMassSymbol = mPhi
    /// f_TG = 1 − f_Tu − f_Td − f_Ts as an expression.
    static member GluonContent = fTG

    /// y_N(m_N, y_u…y_t, f_Tu, f_Td, f_Ts, m_u…m_t) [seed 000 eqs. (8)–(9) with heavy quarks]; 16 parameters, use
    /// Compile() (array form) or Couplings.NucleonCoupling.
    static member NucleonCouplingFormula : Formula = nucleonFormula.Force()
    /// y_A(Z, A, y_p, y_n) = Z y_p + (A − Z) y_n (the coherent sum; seed 000 eq. (7) corrected).
    static member NucleusCouplingFormula : Formula = nucleusFormula.Force()
    /// ȳ(Z, A, y_p, y_n, y_χ) = sqrt(|((Z/A) y_p + ((A−Z)/A) y_n) y_χ|) [seed 001 eqs. (2.19)–(2.20), seed 000 eq. (10)].
    static member EffectiveCouplingFormula : Formula = ybarFormula.Force()
    /// σ_NC(y_X, y_p, m_X, m_φ) = y_X² y_p² m_X²/(16π m_φ⁴) in MeV⁻² [seed 000 sec. VII].
    static member SigmaNCFormula : Formula = sigmaFormula.Force()

    // ---- data ---------------------------------------------------------------------------------------------
    /// f_Tu, f_Td, f_Ts (and f_TG, f_TQ) of the proton or neutron from nucleon_scalar_couplings.csv.
    static member ScalarContent(nucleon: Nucleon) : ScalarQuarkContent = (contents ()).[nucleonIndex nucleon]
    /// Quark masses m_u … m_t (MeV) of a PDG edition (u, d, s: MS-bar at 2 GeV; c, b: m(m); t: direct).
    static member QuarkMasses(set: QuarkMassSet) : float[] = Array.copy ((massTable ()).[massIndex set])

    // ---- numbers ------------------------------------------------------------------------------------------
    /// y_N from the six quark couplings (u, d, s, c, b, t) with the chosen masses; includeHeavyQuarks = false drops
    /// the c, b, t terms (the light-quark sum of the seed's 17.5).
    static member NucleonCoupling(nucleon: Nucleon, quarkCouplings: float[], masses: QuarkMassSet, includeHeavyQuarks: bool) : float =
        if isNull quarkCouplings || quarkCouplings.Length <> 6 then
            invalidArg "quarkCouplings" "six quark couplings are needed, in the order u, d, s, c, b, t"
        quarkCouplings |> Array.iteri (fun k v -> checkFinite (sprintf "quarkCouplings[%d]" k) v)
        let c = Couplings.ScalarContent nucleon
        let mq = Couplings.QuarkMasses masses
        let yq = if includeHeavyQuarks then quarkCouplings else Array.append quarkCouplings.[0..2] [| 0.0; 0.0; 0.0 |]
        // parameter order of NucleonCouplingFormula: m_N, y_u..y_t, f_Tu, f_Td, f_Ts, m_u..m_t
        nucleonDelegate.Force().Invoke(Array.concat [ [| c.Mass |]; yq; [| c.FTu; c.FTd; c.FTs |]; mq ])
    /// y_N with PDG 2018 masses (the seed's) and the heavy quarks included.
    static member NucleonCoupling(nucleon: Nucleon, quarkCouplings: float[]) : float =
        Couplings.NucleonCoupling(nucleon, quarkCouplings, QuarkMassSet.PDG2018, true)
    /// y_N / y_q when every quark couples with the same y_q (seed 000: ≈ 17.5).
    static member UniversalRatio(nucleon: Nucleon, masses: QuarkMassSet, includeHeavyQuarks: bool) : float =
        Couplings.NucleonCoupling(nucleon, Array.create 6 1.0, masses, includeHeavyQuarks)

    /// y_A = Z y_p + (A − Z) y_n for a nucleus (Z ≤ A).
    static member NucleusCoupling(Z: int, A: int, yp: float, yn: float) : float =
        checkZA (float Z) (float A)
        checkFinite "yp" yp
        checkFinite "yn" yn
        nucleusDelegate.Force().Invoke(float Z, float A, yp, yn)
    /// y_A of an isotope.
    static member NucleusCoupling(isotope: Isotope, yp: float, yn: float) : float =
        Couplings.NucleusCoupling(isotope.Z, isotope.A, yp, yn)

    /// ⟨Z⟩/⟨A⟩ of a target (number-weighted over its nuclei): the weight of y_p in ȳ² (Ge 0.44, CsI 0.42).
    static member ProtonWeight(target: Target) : float =
        if isNull (box target) then nullArg "target"
        target.MeanZ / target.MeanA
    /// 1 − ⟨Z⟩/⟨A⟩: the weight of y_n in ȳ² (Ge 0.56, CsI 0.58).
    static member NeutronWeight(target: Target) : float = 1.0 - Couplings.ProtonWeight target

    /// ȳ = sqrt(|((Z/A) y_p + ((A−Z)/A) y_n) y_χ|) for Z, A (means allowed).
    static member EffectiveCoupling(Z: float, A: float, yp: float, yn: float, ychi: float) : float =
        checkZA Z A
        checkFinite "yp" yp
        checkFinite "yn" yn
        checkFinite "ychi" ychi
        ybarDelegate.Force().Invoke(Z, A, yp, yn, ychi)
    /// ȳ of a (natural or compound) target with ⟨Z⟩, ⟨A⟩.
    static member EffectiveCoupling(target: Target, yp: float, yn: float, ychi: float) : float =
        if isNull (box target) then nullArg "target"
        Couplings.EffectiveCoupling(target.MeanZ, target.MeanA, yp, yn, ychi)

    /// σ_NC in MeV⁻² (masses in MeV, &gt; 0).
    static member SigmaNC(yX: float, yp: float, mX: float, mPhi: float) : float =
        checkFinite "yX" yX
        checkFinite "yp" yp
        if not (mX > 0.0) || Double.IsInfinity mX then raise (ArgumentOutOfRangeException("mX", mX, "m_X must be a finite number > 0 MeV"))
        if not (mPhi > 0.0) || Double.IsInfinity mPhi then raise (ArgumentOutOfRangeException("mPhi", mPhi, "m_φ must be a finite number > 0 MeV"))
        sigmaDelegate.Force().Invoke(yX, yp, mX, mPhi)
    /// σ_NC in cm².
    static member SigmaNC_cm2(yX: float, yp: float, mX: float, mPhi: float) : float =
        Couplings.SigmaNC(yX, yp, mX, mPhi) * Constants.InvMeV2_cm2
