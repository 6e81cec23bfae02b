namespace NuDM.Physics

open System
open NuDM.Symbolic
open NuDM.Physics.Ordered

/// Detector responses that collaborations release as fitted curves (a formula with their coefficients as data): the
/// signal acceptance of COHERENT CsI as a function of the observable x (photoelectrons) and the timing efficiency of
/// COHERENT CsI 2021. The coefficients stay in data/experiments/*.yaml and the release files; the formulas live here.
/// Each is compiled from an evaluation form in the order of operations the C# experiments used (the rates keep their
/// last bits), proven equal to the printed form (proof response.*).
[<RequireQualifiedAccess>]
module DetectorResponse =
    let private sy = Symbol
    /// Symbols: x (observable, PE), a (plateau), k (steepness, PE⁻¹), x0 (midpoint, PE), b (PE⁻¹), c (PE), d (offset),
    /// eps (an efficiency level), t (time, μs), t0 (μs), lambda (μs⁻¹).
    let x, a, k, x0, b, c, d, eps, t, t0, lambda = sy "x", sy "a", sy "k", sy "x0", sy "b", sy "c", sy "d", sy "eps", sy "t", sy "t0", sy "lambda"

    /// ε = a/(1 + e^{−k(x − x0)}) (COHERENT CsI 2017 data release, arXiv:1804.09459 and its data release).
    let logisticPrinted = a / (1 + Ops.exp (-(k * (x - x0))))
    let private logisticEval = a ./ (int 1 .+ exp (neg k .* (x .- x0)))

    /// ε = a/(1 + e^{−b(x − c)}) + d (COHERENT CsI 2021 release, effCoefficients.txt).
    let offsetLogisticPrinted = a / (1 + Ops.exp (-(b * (x - c)))) + d
    let private offsetLogisticEval = (a ./ (int 1 .+ exp (neg b .* (x .- c)))) .+ d

    /// The observable at which the offset logistic reaches the level eps: x = c − ln(a/(eps − d) − 1)/b (its inverse;
    /// the acceptance has kinks where it crosses 0 and 1 and is clipped).
    let offsetLogisticCrossingPrinted = c - Ops.ln (a / (eps - d) - 1) / b
    let private offsetLogisticCrossingEval = c .- (ln ((a ./ (eps .- d)) .- int 1) ./ b)

    /// ε_t = e^{−λ(t − t0)} for t ≥ t0 (1 before): the timing efficiency of COHERENT CsI 2021 as public codes use it.
    let timingDecayPrinted = Ops.exp (-(lambda * (t - t0)))
    let private timingDecayEval = exp (neg lambda .* (t .- t0))

    let private px = "x", "PE", "observable (photoelectrons)"
    let private pa = "a", "1", "plateau"
    let private ref17 = "COHERENT CsI 2017 data release (arXiv:1804.09459)"
    let private ref21 = "COHERENT CsI 2021 data release (effCoefficients.txt)"

    let internal logistic =
        EvaluatedFormula.create logisticPrinted logisticEval [] "eps_logistic" [ px; pa; "k", "PE^-1", "steepness"; "x0", "PE", "midpoint" ] "1"
            ref17 "signal acceptance a/(1 + exp(−k(x − x0)))" "Experiments.LogisticAcceptance"
    let internal offsetLogistic =
        EvaluatedFormula.create offsetLogisticPrinted offsetLogisticEval [] "eps_offset_logistic"
            [ px; pa; "b", "PE^-1", "steepness"; "c", "PE", "midpoint"; "d", "1", "offset" ] "1"
            ref21 "energy efficiency a/(1 + exp(−b(x − c))) + d (before clipping to [0, 1])" "Experiments.OffsetLogisticAcceptance"
    let internal offsetLogisticCrossing =
        EvaluatedFormula.create offsetLogisticCrossingPrinted offsetLogisticCrossingEval [] "x_offset_logistic"
            [ "eps", "1", "efficiency level"; pa; "b", "PE^-1", "steepness"; "c", "PE", "midpoint"; "d", "1", "offset" ] "PE"
            ref21 "observable where the offset logistic equals eps" "Experiments.OffsetLogisticAcceptance breakpoints"
    let internal timingDecay =
        EvaluatedFormula.create timingDecayPrinted timingDecayEval [] "eps_timing"
            [ "t", "us", "arrival time"; "t0", "us", "end of the flat part"; "lambda", "us^-1", "decay rate" ] "1"
            "COHERENT CsI 2021 timing efficiency (as in public codes)" "timing efficiency above t0" "Experiments.CoherentCsI2021.TimingEfficiency"

    /// Every detector-response formula.
    let internal all = [ logistic; offsetLogistic; offsetLogisticCrossing; timingDecay ]

/// The detector-response formulas for C#: compiled delegates in each formula's documented parameter order (unchecked,
/// evaluated in the inner loops of the rate integrals) and the formulas themselves.
[<AbstractClass; Sealed>]
type DetectorResponseFormulas =
    static let logistic = lazy (DetectorResponse.logistic.Compile4())
    static let offset = lazy (DetectorResponse.offsetLogistic.Compile5())
    static let crossing = lazy (DetectorResponse.offsetLogisticCrossing.Compile5())
    static let timing = lazy (DetectorResponse.timingDecay.Compile3())

    /// a/(1 + e^{−k(x − x0)}): parameters (x [PE], a, k [PE⁻¹], x0 [PE]).
    static member Logistic : Func<float, float, float, float, float> = logistic.Force()
    /// a/(1 + e^{−b(x − c)}) + d: parameters (x [PE], a, b [PE⁻¹], c [PE], d).
    static member OffsetLogistic : Func<float, float, float, float, float, float> = offset.Force()
    /// c − ln(a/(eps − d) − 1)/b, where the offset logistic equals eps: parameters (eps, a, b [PE⁻¹], c [PE], d) → PE.
    static member OffsetLogisticCrossing : Func<float, float, float, float, float, float> = crossing.Force()
    /// e^{−λ(t − t0)}: parameters (t [μs], t0 [μs], λ [μs⁻¹]).
    static member TimingDecay : Func<float, float, float, float> = timing.Force()
    /// The formulas (printed forms with their references).
    static member All : Collections.Generic.IReadOnlyList<Formula> =
        DetectorResponse.all |> List.map (fun f -> f.Formula) |> Array.ofList :> Collections.Generic.IReadOnlyList<Formula>
