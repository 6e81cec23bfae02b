/// The cosmology formulas of the kernel (Thermodynamics, ThermalAverages, KineticDecouplingFormulas, RelicFormulas) as
/// CosmologyFormulas exposes them: the compiled delegates compute the printed formulas, reproduce the arithmetic of
/// the C# code they replaced bit for bit (the Boltzmann solvers amplify a last-bit change to ~1e-6), and the
/// closed-form families and special functions are right.
module NuDM.Physics.Tests.CosmologyFormulaTests

open System
open NUnit.Framework
open NuDM.Symbolic
open NuDM.Physics

/// A point in each formula's domain: values chosen by parameter name (σ = ±1, k integer, ν_d e^{W_s − W_t} < 1, …),
/// others uniform in [0.5, 3].
let private valueFor (rng: Random) (name: string) =
    match name with
    | "sigma" -> if rng.Next 2 = 0 then -1.0 else 1.0
    | "k" -> float (2 + rng.Next 5)
    | "delta" -> -0.5 + rng.NextDouble()
    | "nud" -> 0.3 + 0.6 * rng.NextDouble()
    | "Wt" -> -1.0 - rng.NextDouble()
    | "Ws" -> -4.0 - rng.NextDouble()
    | "sqrt_s" -> 8.0 + rng.NextDouble()
    | "d" -> 0.2 * rng.NextDouble()
    | "s" -> 30.0 + 10.0 * rng.NextDouble()
    | "r" -> 1.5 + 2.0 * rng.NextDouble()
    | "n" -> float (1 + rng.Next 4)
    | n when n.StartsWith "ln_" -> -10.0 * rng.NextDouble()
    | _ -> 0.5 + 2.5 * rng.NextDouble()

let private delegateOf (f: EvaluatedFormula) : float[] -> float =
    match f.Formula.Parameters.Count with
    | 1 -> let d = f.Compile1() in fun v -> d.Invoke v.[0]
    | 2 -> let d = f.Compile2() in fun v -> d.Invoke(v.[0], v.[1])
    | 3 -> let d = f.Compile3() in fun v -> d.Invoke(v.[0], v.[1], v.[2])
    | 4 -> let d = f.Compile4() in fun v -> d.Invoke(v.[0], v.[1], v.[2], v.[3])
    | 5 -> let d = f.Compile5() in fun v -> d.Invoke(v.[0], v.[1], v.[2], v.[3], v.[4])
    | n -> failwithf "%s has %d parameters" f.Formula.Name n

[<Test>]
let ``every compiled delegate computes its printed formula`` () =
    let rng = Random 20251
    for f in CosmologyFormulas.Evaluated do
        let run = delegateOf f
        for _ in 1 .. 25 do
            let v = f.Formula.ParameterNames |> Array.map (valueFor rng)
            let printed = f.Formula.Evaluate v // the tree walker on the printed form, constants as exact decimals
            let compiled = run v
            let scale = max (abs printed) 1e-300
            Assert.That(abs (compiled - printed) / scale, Is.LessThan 1e-12,
                sprintf "%s (%s) at %A: compiled %.17g, printed %.17g" f.Formula.Name f.Computation v compiled printed)

/// The C# arithmetic each evaluation form replaced, typed here as it was (same operations, same order).
let private replaced : (string * string * (float[] -> float)) list =
    let pi = Math.PI
    let K0, K1 = ScaledBessel.K0, ScaledBessel.K1
    let X2K2 x = x * x * K0 x + 2.0 * x * K1 x
    let K1OverK2 x = let k1 = K1 x in k1 / (K0 x + 2.0 * k1 / x)
    let entropyPrefactor = 2.0 * pi * pi / 45.0
    let hubblePrefactorSquared = 8.0 * pi * pi * pi / 90.0
    let sigmaVUnit = Constants.HbarC_MeV_fm * Constants.HbarC_MeV_fm * 1e-26 * Constants.C_cm_s
    let omegaPerYield = Constants.EntropyDensityToday_cm3 / Constants.CriticalDensityOverH2_MeV_cm3
    let dmPerEntropy = Constants.OmegaDMh2 * Constants.CriticalDensityOverH2_MeV_cm3 / Constants.EntropyDensityToday_cm3
    [ "s_SM", "StandardModelPlasma.EntropyDensity", (fun v -> entropyPrefactor * v.[0] * v.[1] * v.[1] * v.[1])
      "s_SM", "StandardModelPlasma.State", (fun v -> let t2 = v.[1] * v.[1] in entropyPrefactor * v.[0] * t2 * v.[1])
      "H", "StandardModelPlasma.Hubble", (fun v -> Math.Sqrt(hubblePrefactorSquared * v.[0]) * v.[1] * v.[1] / Constants.PlanckMass)
      "H", "StandardModelPlasma.State", (fun v -> let t2 = v.[1] * v.[1] in Math.Sqrt(hubblePrefactorSquared * v.[0]) * t2 / Constants.PlanckMass)
      "rho_SM", "StandardModelPlasma.EnergyDensity", (fun v -> let t2 = v.[1] * v.[1] in pi * pi / 30.0 * v.[0] * t2 * t2)
      "T_nu", "StandardModelPlasma.NeutrinoTemperature", (fun v -> v.[0] * Math.Cbrt((2.0 + v.[1]) / 5.5))
      "s_e_integrand", "StandardModelPlasma.ElectronEntropyDof",
      (fun v -> let q, y = v.[0], v.[1] in let e = Math.Sqrt(q * q + y * y) in q * q * (e + q * q / (3.0 * e)) * Math.Exp(-e) / (1.0 + Math.Exp(-e)))
      "h_e", "StandardModelPlasma.ElectronEntropyDof", (fun v -> 45.0 / Math.Pow(pi, 4.0) * v.[0])
      "n_reduced_MB_scaled", "ThermalAverage (Gondolo–Gelmini denominator)", (fun v -> X2K2 v.[0])
      "ln_n_reduced_MB", "Equilibrium.LnReducedDensity", (fun v -> Math.Log(X2K2 v.[0]) - v.[0])
      "ln_n_eq", "Equilibrium.LnNumberDensity", (fun v -> Math.Log(v.[0] / (2.0 * pi * pi)) + 3.0 * Math.Log(v.[1]) + v.[2])
      "ln_Y_eq", "Equilibrium.LnYield (the solvers' grids)", (fun v -> Math.Log(45.0 * v.[0] / (4.0 * Math.Pow(pi, 4.0) * v.[1])) + v.[2])
      "sigma_v_cm3_s", "CosmologyUnits", (fun v -> v.[0] * sigmaVUnit)
      "sigma_v_MeV", "CosmologyUnits", (fun v -> v.[0] / sigmaVUnit)
      "Omega_h2", "CosmologyUnits.OmegaH2", (fun v -> v.[2] * (omegaPerYield * v.[0] * v.[1]))
      "rho_DM", "CosmologyUnits.DarkMatterMassPerEntropy", (fun v -> dmPerEntropy * v.[0])
      "Omega_h2_seed001", "TwoSpeciesSolver", (fun v -> 2.742e5 * v.[0] * v.[1])
      "s_GG", "ThermalAverage.SigmaV", (fun v -> let rs = v.[2] + v.[1] * v.[0] * v.[0] in rs * rs)
      "lambda_GG", "ThermalAverage.SigmaV (threshold)",
      (fun v -> let tt = v.[1] * v.[0] * v.[0] in let rs = v.[2] + tt in tt * (rs + v.[2]) * (rs * rs - v.[3] * v.[3]))
      "integrand_GG", "ThermalAverage.SigmaV",
      (fun v ->
          let sg, tau, T, M, d = v.[0], v.[1], v.[2], v.[3], v.[4]
          let tt = T * tau * tau
          let rs = M + tt
          let s = rs * rs
          let lambda = tt * (rs + M) * (s - d * d)
          sg * lambda * K1 (rs / T) * Math.Exp(-tau * tau) * 4.0 * T * tau)
      "sigma_v_GG", "ThermalAverage.SigmaV", (fun v -> let T = v.[1] in v.[0] / (8.0 * (T * T * T * T * T) * v.[2] * v.[3]))
      "tau_GG", "ThermalAverage.SigmaV (break points)", (fun v -> Math.Sqrt((v.[0] - v.[2]) / v.[1]))
      "sigma_v_const", "ThermalAverage.ConstantCrossSection",
      (fun v -> let x = v.[1] in let k2 = ScaledBessel.K2 x in 4.0 * v.[0] * ScaledBessel.K3(2.0 * x) / (x * k2 * k2))
      "sigma_from_sigma_v", "KernelCosmology (σ(s) from the kernel's σv_rel)",
      (fun v -> let s, m = v.[1], v.[2] in let p2 = s / 4.0 - m * m in v.[0] / (4.0 * Math.Sqrt p2 / Math.Sqrt s))
      "s_pair", "TabulatedCrossSection", (fun v -> 4.0 * (v.[0] * v.[0] + v.[1] * v.[1]))
      "p2_pair", "TabulatedCrossSection, KernelCosmology", (fun v -> v.[0] / 4.0 - v.[1] * v.[1])
      "s_KD", "KineticDecoupling.TAveragedAmplitude", (fun v -> v.[0] * v.[0] + 2.0 * v.[0] * v.[1])
      "t_min_KD", "KineticDecoupling.TAveragedAmplitude",
      (fun v -> let m, k = v.[0], v.[1] in let s = m * m + 2.0 * m * k in -4.0 * (m * m * k * k / s))
      "M2_t_average", "KineticDecoupling.TAveragedAmplitude",
      (fun v -> let m, k = v.[1], v.[2] in let s = m * m + 2.0 * m * k in let r = m * m * k * k / s / (k * k) in 2.0 * r * r * v.[0])
      "gamma_integrand", "KineticDecoupling.MomentumTransferRate",
      (fun v -> let e = Math.Exp(-v.[0]) in Math.Pow(v.[1] * v.[0], 4.0) * (e / ((1.0 + e) * (1.0 + e))) * v.[2])
      "gamma_KD", "KineticDecoupling.MomentumTransferRate",
      (fun v -> let m = v.[2] in v.[0] / (48.0 * Math.Pow(pi, 3.0) * v.[1] * m * m * m * v.[3]))
      "M2_from_dsigma_dt", "KineticDecoupling.FromDifferentialCrossSection",
      (fun v -> let G = 16.0 * pi * v.[3] * v.[4] in let m2 = v.[2] * v.[2] in G * (v.[1] - m2) * (v.[1] - m2) * v.[0])
      "M_cut", "KineticDecoupling.CutoffMass",
      (fun v -> let h = v.[1] in let massMeV = 4.0 * pi / 3.0 * (dmPerEntropy * v.[0]) / (h * h * h) in massMeV * 1e-3 / Constants.SolarMass_GeV)
      "M_f", "KineticDecoupling.WarmDarkMatterCutoffMass", (fun v -> 5.1e10 * Math.Pow(v.[0], -4.0))
      "T_KD_min", "KineticDecoupling.MinimumDecouplingTemperature", (fun v -> 1e-3 * Math.Cbrt(v.[0] / v.[1]))
      "T_KD_eq15", "KineticDecoupling.Seed000Eq15",
      (fun v -> 0.4 * 1e-3 * Math.Pow(v.[0], 1.25) * (0.1 / v.[1]) * Math.Sqrt(v.[2] * v.[2] - 1.0))
      "ln_lambda", "FreezeOutSolver (coefficient la)", (fun v -> Math.Log(1.0 + v.[0] / 3.0) + Math.Log(v.[1]) + v.[3] - Math.Log(v.[2]))
      "ln_lambda", "TwoSpeciesSolver (coefficients l1, l3)",
      (fun v -> let lnP = Math.Log(1.0 + v.[0] / 3.0) - Math.Log(v.[2]) in v.[3] + lnP + Math.Log(v.[1]))
      "ln_decay", "TwoSpeciesSolver (coefficient ld)",
      (fun v -> let lnP = Math.Log(1.0 + v.[0] / 3.0) - Math.Log(v.[1]) in Math.Log(v.[2]) + Math.Log(K1OverK2 v.[3]) + lnP)
      "ln_kappa", "TwoSpeciesSolver (coefficient lk)",
      (fun v -> let lnP = Math.Log(1.0 + v.[0] / 3.0) - Math.Log(v.[2]) in v.[3] + lnP + Math.Log(v.[1]) + 2.0 * v.[4])
      "ln_Y_chi", "TwoSpeciesSolver", (fun v -> v.[0] + Math.Log(1.0 - v.[2] * Math.Exp(v.[1] - v.[0])))
      "W_t", "TwoSpeciesSolver (initial state)", (fun v -> Math.Log(Math.Exp(v.[0]) + v.[2] * Math.Exp(v.[1])))
      "ln_Y_S_inverse_decay", "TwoSpeciesSolver (output after S is gone)", (fun v -> v.[0] + (v.[2] - v.[1]))
      "Y_infinity", "FreezeOutSolver, TwoSpeciesSolver", (fun v -> v.[0] / (1.0 + v.[0] * v.[1] / v.[2]))
      "sigma_of_y", "RelicCoupling", (fun v -> Math.Pow(v.[0], v.[1]) * v.[2])
      "Gamma_S_seed001", "TwoSpeciesModel.Seed001Width", (fun v -> v.[0] * v.[0] * v.[1] / (8.0 * pi)) ]

[<Test>]
let ``the evaluation forms reproduce the replaced C# arithmetic bit for bit`` () =
    let rng = Random 7
    for (name, computation, reference) in replaced do
        let f =
            CosmologyFormulas.Evaluated
            |> Seq.tryFind (fun f -> f.Formula.Name = name && f.Computation = computation)
            |> Option.defaultWith (fun () -> failwithf "no evaluated formula %s for %s" name computation)
        let run = delegateOf f
        for _ in 1 .. 200 do
            let v = f.Formula.ParameterNames |> Array.map (valueFor rng)
            let expected, actual = reference v, run v
            Assert.That(BitConverter.DoubleToInt64Bits actual, Is.EqualTo(BitConverter.DoubleToInt64Bits expected),
                sprintf "%s (%s) at %A: %.17g instead of %.17g" name computation v actual expected)

[<Test>]
let ``the canonical form alone would not reproduce the solvers' last bits`` () =
    // why the evaluation forms exist: the canonical ln λ = ln(1 + δ/3) − ln H + ln s + ln⟨σv⟩ compiles to another
    // order of additions (and δ·(1/3) for δ/3), which differs from the freeze-out solver's arithmetic in the last bit
    let f = CosmologyFormulas.Evaluated |> Seq.find (fun f -> f.Computation = "FreezeOutSolver (coefficient la)")
    let canonical = f.Formula.Compile4()
    let evaluation = CosmologyFormulas.FreezeOutLogRate
    let rng = Random 11
    let differing =
        Seq.init 1000 (fun _ -> -0.5 + rng.NextDouble(), 1e3 * rng.NextDouble(), 1e-20 * rng.NextDouble(), -60.0 * rng.NextDouble())
        |> Seq.filter (fun (d, s, h, l) -> canonical.Invoke(d, s, h, l) <> evaluation.Invoke(d, s, h, l))
        |> Seq.length
    Assert.That(differing, Is.GreaterThan 10)

[<Test>]
let ``the massless limit of the reduced density is 2`` () =
    // x² K₂(x) → 2 for x → 0; the compiled x²K₀ᵉ + 2xK₁ᵉ is 0·∞ at x = 0, where the accessor returns the limit
    Assert.That(CosmologyFormulas.ReducedDensityMB.Invoke 0.0, Is.EqualTo 2.0)
    Assert.That(CosmologyFormulas.LnReducedDensityMB.Invoke 0.0, Is.EqualTo(Math.Log 2.0))
    Assert.That(CosmologyFormulas.ReducedDensityMB.Invoke 1e-6, Is.EqualTo(2.0 * Math.Exp 1e-6).Within(1e-11)) // eˣ(2 − x²/2 + …)
    // and at x = 1: e·K₂(1) = 4.4167700523334115077 (K₂(1) = 1.6248388986351774828, Abramowitz & Stegun table 9.8; mpmath)
    Assert.That(CosmologyFormulas.ReducedDensityMB.Invoke 1.0, Is.EqualTo(4.4167700523334115077).Within(1e-14))

[<TestCase(1.0, 1.1444630798068950147, 1.6361534862632582465, 981.19261150291560166)>]
[<TestCase(0.1, 2.6823261022628943375, 10.890182683049696015, 42412050.19917821144)>]
[<TestCase(10.0, 0.39163193443659866573, 0.41076657059578875113, 1.2674435904713802827)>]
[<TestCase(700.0, 0.047362369454613572112, 0.047396187653494544137, 0.048215104912462455463)>]
let ``scaled Bessel functions agree with high-precision values`` (x: float, k0e: float, k1e: float, k5e: float) =
    // eˣK₀(x), eˣK₁(x), eˣK₅(x) from mpmath (30 digits); x ≤ 2 is where MathNet's own scaled functions are wrong, and
    // at x = 700 the unscaled K_n underflow
    Assert.That(ScaledBessel.K0 x / k0e, Is.EqualTo(1.0).Within(1e-14), "K0")
    Assert.That(ScaledBessel.K1 x / k1e, Is.EqualTo(1.0).Within(1e-14), "K1")
    Assert.That(ScaledBessel.Kn(2.0, x), Is.EqualTo(k0e + 2.0 * k1e / x).Within(1e-14 * (k0e + 2.0 * k1e / x)), "K2 by recurrence")
    Assert.That(ScaledBessel.Kn(5.0, x) / k5e, Is.EqualTo(1.0).Within(1e-13), "K5 by recurrence")
    Assert.That(Double.IsNaN(ScaledBessel.Kn(1.5, x)), "a non-integer order is NaN")

[<Test>]
let ``the named function BesselKe evaluates and compiles to the scaled Bessel function`` () =
    let e = Infix.parseOrThrow "BesselKe(1, x)*x"
    Assert.That(Evaluate.evaluateAt [ "x" ] [| 0.5 |] e, Is.EqualTo(ScaledBessel.K1 0.5 * 0.5))
    Assert.That((Compile.compile1 "x" e).Invoke 0.5, Is.EqualTo(ScaledBessel.K1 0.5 * 0.5))
    // d/dx eˣK₀(x) = eˣK₀ − eˣK₁ (K₋₁ = K₁)
    Calculus.differentiate x (Ops.besselKe Ops.zero x) === Ops.besselKe Ops.zero x - Ops.besselKe Ops.one x

[<Test>]
let ``Bernoulli numbers and zeta at even integers`` () =
    Assert.That(Zeta.bernoulli 2, Is.EqualTo(Q.Create(Numerics.BigInteger 1, Numerics.BigInteger 6)))
    Assert.That(Zeta.bernoulli 4, Is.EqualTo(Q.Create(Numerics.BigInteger -1, Numerics.BigInteger 30)))
    Assert.That(Zeta.bernoulli 12, Is.EqualTo(Q.Create(Numerics.BigInteger -691, Numerics.BigInteger 2730)))
    Zeta.zetaEven 2 === Ops.pi ** 2 / 6
    Zeta.etaEven 4 === Ops.rational 7 8 * Ops.pi ** 4 / 90

[<Test>]
let ``power-law closed forms: the Try pattern and the constant-amplitude rate`` () =
    let mutable rate = null
    for n in [ -2; 1; 3; 12 ] do
        Assert.That(CosmologyFormulas.TryPowerLawRate(n, &rate), Is.False, sprintf "n = %d" n)
        Assert.That(isNull rate)
    Assert.That(CosmologyFormulas.TryPowerLawRate(0, &rate))
    // γ = 7π c T⁴/(1440 g m³) for a constant ⟨|M|²⟩_t = c
    let c, m, g, t = 2.5, 1e4, 2.0, 1.0
    Assert.That(rate.Invoke(c, m, g, t), Is.EqualTo(7.0 * Math.PI * c / (1440.0 * g * m ** 3.0)).Within(1e-15 * rate.Invoke(c, m, g, t)))
    let mutable tkd = null
    for n in 0 .. 2 .. CosmologyFormulas.MaxPowerLawExponent do
        Assert.That(CosmologyFormulas.TryPowerLawDecouplingTemperature(n, &tkd), sprintf "n = %d" n)
        Assert.That(CosmologyFormulas.TryPowerLawRate(n, &rate))
        // γ(T_ν = (4/11)^{1/3} T_KD) = H(T_KD) numerically as well
        let T = tkd.Invoke(1e-3, 5.0, 2.0, 3.383)
        let gamma = rate.Invoke(1e-3, 5.0, 2.0, Math.Cbrt(4.0 / 11.0) * T)
        Assert.That(gamma / CosmologyFormulas.Hubble.Invoke(3.383, T), Is.EqualTo(1.0).Within(1e-10), sprintf "n = %d" n)

[<Test>]
let ``the formulas have unique names and references`` () =
    let names = CosmologyFormulas.All |> Seq.map (fun f -> f.Name) |> List.ofSeq
    Assert.That(List.length (List.distinct names), Is.EqualTo(List.length names))
    for f in CosmologyFormulas.All do
        Assert.That(String.IsNullOrWhiteSpace f.Reference, Is.False, f.Name)
        Assert.That(String.IsNullOrWhiteSpace f.Unit, Is.False, f.Name)
