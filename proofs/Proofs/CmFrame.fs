/// The centre-of-mass frame of a a → b b (or b b → a a) in a rational parametrisation, shared by the model proofs:
/// s = 4E², the fermion mass √(E² − p²) and the boson mass √(E² − k²) (p, k the fermion and boson momenta, whichever
/// is initial), so √(s − 4m²) = 2p, √(s − 4m_b²) = 2k and |M|² is rational in E, p, k, c.
module NuDM.Proofs.CmFrame

open NuDM.Symbolic
open NuDM.Symbolic.Notation

/// e with s = 4E², fermionMass = √(E² − p²), bosonMass = √(E² − k²); roots of squares of the positive E, p, k taken
/// (√(k²) = k).
let rational (fermionMass: Expr) (bosonMass: Expr) (e: Expr) =
    let E, p, k = Symbol "E", Symbol "p", Symbol "k"
    Structure.substituteMany [ Symbol "s", 4 * E ** 2; fermionMass, sqrt (E ** 2 - p ** 2); bosonMass, sqrt (E ** 2 - k ** 2) ] e
    |> Structure.bottomUp (fun x ->
        match x with
        | Power(Power(Symbol n, Number two), Number q) when two = Q.OfInt 2 && (n = "E" || n = "p" || n = "k") -> Symbol n ** Number(q * Q.OfInt 2)
        | _ -> x)

/// lhs = rhs as rational functions, shown by expanding lhs − rhs to 0 (sums of monomials over the same canonical
/// denominators cancel term by term); a residual is reported as undecided, not as a refutation.
let expandsEqual (what: string) (lhs: Expr) (rhs: Expr) =
    let d = Algebraic.expand (lhs - rhs)
    if d = Ops.zero then Outcome.Pass(sprintf "%s: the expanded difference is 0" what)
    else Outcome.Undecided(sprintf "%s: the expanded difference %s does not cancel term by term" what (Infix.format d))
