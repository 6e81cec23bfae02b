namespace NuDM.Physics

open System
open System.Collections.Concurrent

/// Nodes and weights of a quadrature rule on [−1, 1], in the order they are summed.
[<NoEquality; NoComparison>]
type QuadratureRule =
    { /// Abscissas on [−1, 1].
      Nodes: float[]
      /// Weights (they add up to 2).
      Weights: float[] }

/// The program's one hand-written Gauss–Legendre rule, shared by the kernel's σv_rel(s) (48 points in cos θ) and the
/// C# Gondolo–Gelmini average's fixed rule: roots of P_n by Newton iteration from Tricomi's start values, largest
/// first, w = 2/((1 − x²) P_n'(x)²). Not MathNet's GaussLegendreRule, which the rest of the program uses: its nodes
/// differ in the last bits, and the freeze-out and χ/S solves amplify that (measured with the 48-point σv: relic y_X
/// moves by 2.9e-6, Ωh² by 1.2e-5, seed 001 Fig. 7 Ω by 1.8e-7), far beyond the 1e-10 of the golden files. Cached per n.
[<AbstractClass; Sealed>]
type GaussLegendre =
    static let rules = ConcurrentDictionary<int, QuadratureRule>()

    static let compute (n: int) =
        let xs = Array.zeroCreate n
        let ws = Array.zeroCreate n
        for i in 0 .. n - 1 do
            let mutable x = cos (Math.PI * (float i + 0.75) / (float n + 0.5))
            let mutable fin = false
            let mutable dp = 0.0
            while not fin do
                let mutable p0 = 1.0
                let mutable p1 = x
                for k in 2 .. n do
                    let p2 = ((2.0 * float k - 1.0) * x * p1 - float (k - 1) * p0) / float k
                    p0 <- p1
                    p1 <- p2
                dp <- float n * (x * p1 - p0) / (x * x - 1.0)
                let dx = p1 / dp
                x <- x - dx
                if abs dx < 1e-15 then fin <- true
            xs.[i] <- x
            ws.[i] <- 2.0 / ((1.0 - x * x) * dp * dp)
        { Nodes = xs; Weights = ws }

    /// The n-point rule (n in [2, 512]), largest node first.
    static member Rule(points: int) : QuadratureRule =
        if points < 2 || points > 512 then
            raise (ArgumentOutOfRangeException("points", points, sprintf "points must be an integer in [2, 512], got %d" points))
        match rules.TryGetValue points with
        | true, rule -> rule // a hit allocates nothing (a new Func per call would: the scans ask per point)
        | _ -> rules.GetOrAdd(points, Func<int, QuadratureRule>(compute))
