using NuDM.App.Ode;

namespace NuDM.App.Tests.Ode;

/// <summary>Standard test problems with their published reference solutions.</summary>
internal static class OdeTestProblems
{
    // ---------------------------------------------------------------- Robertson (ROBER)
    // y1' = −0.04 y1 + 1e4 y2 y3,  y2' = 0.04 y1 − 1e4 y2 y3 − 3e7 y2²,  y3' = 3e7 y2²,  y(0) = (1, 0, 0).
    // H. H. Robertson (1966); Hairer & Wanner, Solving ODEs II (2nd ed.), §IV.1.

    /// <summary>
    /// y(40) = (0.7158270687, 0.9185534764e−5, 0.2841637457): the 10-digit reference values of the
    /// Hairer–Wanner test problem ROBER (Solving ODEs II), as widely quoted; the same values to 5 digits
    /// (0.71583, 9.1856e−6, 0.28416) are printed by Hindmarsh's LSODE demonstration program (ODEPACK).
    /// </summary>
    public static readonly double[] RobertsonAt40 = [0.7158270687, 9.185534764e-6, 0.2841637457];

    /// <summary>
    /// y(1e11) from the Test Set for IVP Solvers (F. Mazzia, C. Magherini et al., Univ. Bari, problem ROBER;
    /// computed with RADAU5 at tight tolerance): 0.2083340149701255e−7, 0.8333360770334713e−13,
    /// 0.9999999791665050.
    /// </summary>
    public static readonly double[] RobertsonAt1e11 = [0.2083340149701255e-07, 0.8333360770334713e-13, 0.9999999791665050];

    public static OdeSystem Robertson(bool analyticJacobian) => new(3,
        static (t, y, d) =>
        {
            d[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
            d[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1];
            d[2] = 3e7 * y[1] * y[1];
        },
        analyticJacobian
            ? static (t, y, j) =>
            {
                j[0] = -0.04; j[1] = 1e4 * y[2]; j[2] = 1e4 * y[1];
                j[3] = 0.04; j[4] = -1e4 * y[2] - 6e7 * y[1]; j[5] = -1e4 * y[1];
                j[7] = 6e7 * y[1];
            }
            : null)
    { IsAutonomous = analyticJacobian };

    // ---------------------------------------------------------------- van der Pol
    /// <summary>
    /// Scaled stiff van der Pol (problem VDPOL of the Test Set for IVP Solvers, Mazzia &amp; Magherini, Univ. Bari):
    /// y1' = y2, y2' = ((1 − y1²) y2 − y1)/ε, ε = 1e−6, y(0) = (2, 0), t ∈ [0, 2]. Reference y(2) computed there
    /// with RADAU at rtol = atol = 1.1e−18: (0.1706167732170483e1, −0.8928097010247975e0).
    /// </summary>
    public static readonly double[] VanDerPolScaledAt2 = [0.1706167732170483e1, -0.8928097010247975e0];

    public static OdeSystem VanDerPolScaled(double eps) => new(2,
        (t, y, d) =>
        {
            d[0] = y[1];
            d[1] = ((1 - y[0] * y[0]) * y[1] - y[0]) / eps;
        },
        (t, y, j) =>
        {
            j[1] = 1;
            j[2] = (-2 * y[0] * y[1] - 1) / eps;
            j[3] = (1 - y[0] * y[0]) / eps;
        })
    { IsAutonomous = true };

    /// <summary>Unscaled van der Pol y'' − μ(1 − y²) y' + y = 0 as y1' = y2, y2' = μ(1 − y1²) y2 − y1.</summary>
    public static OdeSystem VanDerPolUnscaled(double mu) => new(2,
        (t, y, d) =>
        {
            d[0] = y[1];
            d[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0];
        },
        (t, y, j) =>
        {
            j[1] = 1;
            j[2] = -2 * mu * y[0] * y[1] - 1;
            j[3] = mu * (1 - y[0] * y[0]);
        })
    { IsAutonomous = true };

    /// <summary>
    /// Relaxation-oscillation period of van der Pol for large μ (Dorodnitsyn's asymptotic formula, leading terms):
    /// T ≈ (3 − 2 ln 2) μ + 7.014 μ^(−1/3) (7.014 ≈ 3 × 2.33811, the first zero of Ai(−x)). The next term,
    /// −(2/3) ln μ / μ, is about −0.005 at μ = 1000.
    /// </summary>
    public static double VanDerPolAsymptoticPeriod(double mu) => (3 - 2 * Math.Log(2)) * mu + 7.014 * Math.Pow(mu, -1.0 / 3);

    // ---------------------------------------------------------------- linear stiff system
    // A = P diag(−1, −1000) P⁻¹ with P = [[1, 2], [1, 3]], P⁻¹ = [[3, −2], [−1, 1]]: A = [[1997, −1998], [2997, −2998]].
    // With y(0) = (1, 0): P⁻¹ y0 = (3, −1), so y(t) = 3 e^(−t) (1, 1) − e^(−1000 t) (2, 3).

    public static OdeSystem LinearStiff() => new(2,
        static (t, y, d) =>
        {
            d[0] = 1997 * y[0] - 1998 * y[1];
            d[1] = 2997 * y[0] - 2998 * y[1];
        },
        static (t, y, j) =>
        {
            j[0] = 1997; j[1] = -1998;
            j[2] = 2997; j[3] = -2998;
        })
    { IsAutonomous = true };

    public static readonly double[] LinearStiffY0 = [1, 0];

    public static void LinearStiffExact(double t, Span<double> y)
    {
        double slow = 3 * Math.Exp(-t), fast = Math.Exp(-1000 * t);
        y[0] = slow - 2 * fast;
        y[1] = slow - 3 * fast;
    }

    // ---------------------------------------------------------------- Prothero–Robinson (non-autonomous, stiff)
    // y' = λ (y − sin t) + cos t, y(0) = 0, exact y = sin t.

    public static OdeSystem ProtheroRobinson(double lambda, bool analyticTimeDerivative) => new(1,
        (t, y, d) => d[0] = lambda * (y[0] - Math.Sin(t)) + Math.Cos(t),
        (t, y, j) => j[0] = lambda,
        analyticTimeDerivative ? (t, y, d) => d[0] = -lambda * Math.Cos(t) - Math.Sin(t) : null);
}
