/// Proof obligations for the detector responses of NuDM.Physics.DetectorResponse (COHERENT CsI acceptances and timing
/// efficiency, fitted curves released by the collaboration): the evaluation forms, and the crossing formula inverts
/// the offset logistic.
module NuDM.Proofs.DetectorResponseProofs

open NuDM.Symbolic
open NuDM.Physics
open NuDM.Proofs.FormulaChecks

let private all = Assumptions.AllPositive

let obligations : Obligation list =
    [ { Id = "response.evaluation-forms"
        Title = "the compiled logistic, offset logistic, its crossing and the timing decay equal the printed formulas"
        Equation = "COHERENT CsI 2017 and 2021 data releases"
        Statement = "Each formula of DetectorResponse is compiled from an evaluation form in the order of operations of the C# acceptance it replaced (a/(1 + exp(−k(x − x0))), …); brought back to canonical form each equals the printed formula."
        Domain = "all parameters > 0"
        Check = fun () -> evaluationForms all DetectorResponse.all }
      { Id = "response.crossing"
        Title = "the offset logistic at x = c − ln(a/(ε − d) − 1)/b equals ε"
        Equation = "COHERENT CsI 2021 data release (effCoefficients.txt)"
        Statement = "Substituting the crossing formula into a/(1 + exp(−b(x − c))) + d gives exp(−b(x − c)) = a/(ε − d) − 1, so the curve equals (ε − d) + d = ε: the kinks of the clipped acceptance (ε = 0, 1) are where the program puts its integration breakpoints."
        Domain = "a, b > 0; ε − d > 0 and a/(ε − d) > 1 (the level is reached)"
        Check =
          fun () ->
              let x = DetectorResponse.offsetLogisticCrossingPrinted
              let z = DetectorResponse.a / (DetectorResponse.eps - DetectorResponse.d) - 1
              let dom = all.AndPositive(z).AndPositive(DetectorResponse.eps - DetectorResponse.d)
              Prove.equal dom "ε(x_ε)" (Structure.substitute DetectorResponse.x x DetectorResponse.offsetLogisticPrinted) DetectorResponse.eps } ]
