using System.Globalization;

namespace NuDM.App.Numerics;

/// <summary>
/// A real function of one real variable for <see cref="GaussKronrod"/>. Implement it on a struct: the quadrature is
/// generic over the struct type, so the JIT compiles one copy of it per integrand, calls <see cref="Evaluate"/> directly
/// (inlined where it is small), and nothing is boxed or allocated — unlike a <see cref="Func{T, TResult}"/> closure.
/// </summary>
public interface IIntegrand
{
    /// <summary>f(x). Units are the caller's: the integral has those of f times those of x.</summary>
    double Evaluate(double x);
}

/// <summary>The Gauss–Kronrod pairs of <see cref="GaussKronrod"/>: a (2n+1)-point Kronrod rule that contains the n-point
/// Gauss–Legendre rule; the difference of the two is the error estimate.</summary>
public enum GaussKronrodRule
{
    /// <summary>7-point Gauss, 15-point Kronrod (exact for polynomials of degree ≤ 22; Gauss ≤ 13).</summary>
    K15,
    /// <summary>10-point Gauss, 21-point Kronrod (exact to degree 31; Gauss 19).</summary>
    K21,
    /// <summary>15-point Gauss, 31-point Kronrod (exact to degree 46; Gauss 29).</summary>
    K31,
}

/// <summary>Why <see cref="GaussKronrod.Integrate{TF}(ref TF, double, double, double, int, GaussKronrodRule)"/> failed.</summary>
public enum QuadratureFailure
{
    /// <summary>Some panel at the maximum depth still had an error estimate above its share of the tolerance.</summary>
    DepthExhausted,
    /// <summary>The integrand returned NaN or ±∞ inside the interval.</summary>
    NonFiniteIntegrand,
    /// <summary>A set of nested adaptive integrals used up its panel budget without converging (the rate engine's
    /// vector quadrature, <c>NuDM.App.Rates.AdaptiveQuadrature</c>).</summary>
    BudgetExhausted,
}

/// <summary>
/// An adaptive quadrature that did not reach its tolerance (<see cref="QuadratureFailure"/>): the message names the
/// interval, the tolerance, the depth, the value and error estimate reached, and where the trouble is. Callers that know
/// what the integral is turn it into an error of their own (e.g. <see cref="OutsideValidityException"/> with the
/// physics context).
/// </summary>
/// <remarks>The one quadrature failure of the program: <see cref="GaussKronrod"/> and the rate engine's adaptive vector
/// quadrature both throw it.</remarks>
public sealed class QuadratureException : ArithmeticException
{
    /// <summary>A failure of <see cref="GaussKronrod"/>: the message, why, and what was reached.</summary>
    public QuadratureException(string message, QuadratureFailure failure, QuadratureResult result) : base(message)
    {
        Failure = failure;
        Result = result;
    }

    /// <summary>A failure of an integral whose caller named it: "<paramref name="computation"/>: <paramref name="reason"/>
    /// (at <paramref name="variable"/> = <paramref name="at"/>)".</summary>
    public QuadratureException(string computation, string variable, double at, QuadratureFailure failure, string reason)
        : base(string.Create(CultureInfo.InvariantCulture, $"{computation}: {reason} (at {variable} = {at:R})"))
    {
        Failure = failure;
        Result = new QuadratureResult(double.NaN, double.NaN, 0, false, double.NaN, double.NaN);
        Computation = computation;
        Variable = variable;
        At = at;
    }

    /// <summary>Why the quadrature failed.</summary>
    public QuadratureFailure Failure { get; }

    /// <summary>What was reached (value, error estimate, evaluations); the value is NaN for a non-finite integrand, and
    /// when the integral does not report it (the named-computation constructor).</summary>
    public QuadratureResult Result { get; }

    /// <summary>What was being integrated, with its inputs (bin, nucleus, …); null when the caller did not name it.</summary>
    public string? Computation { get; }

    /// <summary>The integration variable (name and unit); null when not named.</summary>
    public string? Variable { get; }

    /// <summary>Where it happened: the abscissa of the non-finite value, or the start of the last panel tried; NaN when not named.</summary>
    public double At { get; } = double.NaN;
}

/// <summary>The outcome of an adaptive quadrature.</summary>
/// <param name="Value">The integral (the sum of the accepted panels' Kronrod values).</param>
/// <param name="ErrorEstimate">The sum of the panels' error estimates max(|K − G|, 2ε|K|) (an upper estimate: the Kronrod
/// value is usually far more accurate than the Gauss value it is compared with).</param>
/// <param name="Evaluations">Integrand evaluations.</param>
/// <param name="Converged">False when some panel at the maximum depth was accepted above its share of the tolerance and
/// the summed error estimate exceeds the relative tolerance times |<paramref name="Value"/>|.</param>
/// <param name="WorstPanelStart">Lower end (in x) of the panel with the largest excess error at the maximum depth (NaN when converged).</param>
/// <param name="WorstPanelEnd">Its upper end (NaN when converged).</param>
public readonly record struct QuadratureResult(double Value, double ErrorEstimate, int Evaluations, bool Converged,
    double WorstPanelStart, double WorstPanelEnd);

/// <summary>
/// Adaptive Gauss–Kronrod quadrature of ∫_a^b f(x) dx on a finite interval, without allocation: generic over a struct
/// integrand (<see cref="IIntegrand"/>), with an explicit stack of panels on the call stack.
/// </summary>
/// <remarks>
/// <para>The algorithm (written for this project from the textbook description; Piessens et al., QUADPACK (Springer
/// 1983) §2.2 for the Gauss–Kronrod pairs, Shampine, J. Comput. Appl. Math. 211 (2008) 131 for the substitution):</para>
/// <list type="number">
/// <item>Substitution x = (a+b)/2 + (b−a)/4 · t(3 − t²), dx = 3(b−a)/4 (1 − t²) dt on t ∈ [−1, 1]: smooth, and its
/// derivative vanishes at both ends, which weakens an integrable endpoint singularity (√x, ln x) into a zero of the new
/// integrand. The integral is then taken in t.</item>
/// <item>Each panel [α, β] of t gets the Kronrod value K and the embedded Gauss value G; its error estimate is
/// e = max(|K − G|, 2ε|K|) (the second term stops subdivision at round-off).</item>
/// <item>A panel at depth d (its width is 2^−d of the whole) is accepted when e ≤ τ max(|K|, |I₀| 2^−d), τ the relative
/// tolerance and I₀ the one-panel value of the whole interval; otherwise it is halved, depth first, left half first.
/// So the accepted estimates add up to at most τ(∫|f| + |I₀|): for an integrand of one sign, about 2τ|I|.</item>
/// <item>A panel at the maximum depth is accepted whatever its error; if then the summed error estimate exceeds
/// τ|I| (the whole misses its relative tolerance, as estimated), the result is marked not converged:
/// <see cref="Integrate{TF}(ref TF, double, double, double, int, GaussKronrodRule)"/> then throws a
/// <see cref="QuadratureException"/> (<see cref="QuadratureFailure.DepthExhausted"/>) instead of returning a number that
/// misses its tolerance; <see cref="Estimate{TF}(ref TF, double, double, double, int, GaussKronrodRule)"/> returns it with
/// <see cref="QuadratureResult.Converged"/> false. (MathNet's <c>Integrate.GaussKronrod</c>, which this replaces on the hot
/// paths, silently returns the value it has at its maximum depth.)</item>
/// </list>
/// <para>The nodes and weights are the published Gauss–Kronrod values (Kronrod 1965; QUADPACK's qk15, qk21 and qk31
/// tables); they were recomputed here from their definition in 60-digit arithmetic
/// (scripts/gauss-kronrod-nodes.py: the Gauss nodes are the zeros of P_n, the Kronrod nodes those of the Stieltjes
/// polynomial E_{n+1}, the weights make the rule exact to degree 3n+1) and rounded to double.</para>
/// </remarks>
public static class GaussKronrod
{
    /// <summary>Largest allowed maximum depth (2^40 panels: far beyond any useful work, small enough for the stack).</summary>
    public const int MaximumDepthLimit = 40;

    /// <summary>Smallest allowed relative tolerance (about 45 machine epsilons).</summary>
    public const double MinimumRelativeTolerance = 1e-14;

    /// <summary>
    /// ∫_a^b f(x) dx to relative tolerance <paramref name="relativeTolerance"/> (see the class remarks for the acceptance
    /// rule), halving panels at most <paramref name="maximumDepth"/> times. Units: those of f times those of x.
    /// </summary>
    /// <param name="f">The integrand (passed by reference: a struct holding state keeps it).</param>
    /// <param name="a">Lower limit, finite.</param>
    /// <param name="b">Upper limit, finite (b &lt; a gives −∫_b^a).</param>
    /// <param name="relativeTolerance">In [1e-14, 0.1].</param>
    /// <param name="maximumDepth">In [0, 40]: the whole interval is depth 0.</param>
    /// <param name="rule">The Gauss–Kronrod pair.</param>
    /// <exception cref="QuadratureException">Depth exhausted before the tolerance was met, or a non-finite integrand.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit that is not finite, or a tolerance or depth out of range.</exception>
    public static double Integrate<TF>(ref TF f, double a, double b, double relativeTolerance, int maximumDepth, GaussKronrodRule rule = GaussKronrodRule.K15)
        where TF : struct, IIntegrand
    {
        var r = Estimate(ref f, a, b, relativeTolerance, maximumDepth, rule);
        if (!r.Converged)
            throw new QuadratureException(string.Create(CultureInfo.InvariantCulture,
                $"adaptive Gauss–Kronrod ({rule}) on [{a:R}, {b:R}] did not reach the relative tolerance {relativeTolerance:G3} within {maximumDepth} " +
                $"halvings: value {r.Value:G10}, error estimate {r.ErrorEstimate:G3} after {r.Evaluations} evaluations; the integrand varies too fast " +
                $"(a peak, a kink or a singularity) on [{r.WorstPanelStart:G10}, {r.WorstPanelEnd:G10}]"),
                QuadratureFailure.DepthExhausted, r);
        return r.Value;
    }

    /// <summary><see cref="Integrate{TF}(ref TF, double, double, double, int, GaussKronrodRule)"/> with the integrand passed by value.</summary>
    public static double Integrate<TF>(TF f, double a, double b, double relativeTolerance, int maximumDepth, GaussKronrodRule rule = GaussKronrodRule.K15)
        where TF : struct, IIntegrand => Integrate(ref f, a, b, relativeTolerance, maximumDepth, rule);

    /// <summary>
    /// As <see cref="Integrate{TF}(ref TF, double, double, double, int, GaussKronrodRule)"/>, but a depth exhaustion is
    /// returned (<see cref="QuadratureResult.Converged"/> false, with the worst panel) rather than thrown.
    /// </summary>
    /// <exception cref="QuadratureException">A non-finite integrand (<see cref="QuadratureFailure.NonFiniteIntegrand"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit that is not finite, or a tolerance or depth out of range.</exception>
    public static QuadratureResult Estimate<TF>(ref TF f, double a, double b, double relativeTolerance, int maximumDepth, GaussKronrodRule rule = GaussKronrodRule.K15)
        where TF : struct, IIntegrand
    {
        if (!double.IsFinite(a)) throw new ArgumentOutOfRangeException(nameof(a), a, "the lower limit a must be finite");
        if (!double.IsFinite(b)) throw new ArgumentOutOfRangeException(nameof(b), b, "the upper limit b must be finite");
        if (!(relativeTolerance >= MinimumRelativeTolerance && relativeTolerance <= 0.1))
            throw new ArgumentOutOfRangeException(nameof(relativeTolerance), relativeTolerance, $"the relative tolerance must be in [{MinimumRelativeTolerance:R}, 0.1]");
        if (maximumDepth is < 0 or > MaximumDepthLimit)
            throw new ArgumentOutOfRangeException(nameof(maximumDepth), maximumDepth, $"the maximum depth must be in [0, {MaximumDepthLimit}]");
        if (a == b) return new QuadratureResult(0, 0, 0, true, double.NaN, double.NaN);
        double sign = 1;
        if (a > b) (a, b, sign) = (b, a, -1);

        Tables(rule, out var nodes, out var kronrod, out var gauss);
        var g = new Substituted(a, b);
        // depth-first over panels of t: the stack holds the right halves still to do (at most one per level)
        Span<Segment> stack = stackalloc Segment[MaximumDepthLimit + 1];
        int top = 0;
        stack[top++] = new Segment(-1, 1, 0);
        double sum = 0, error = 0, i0 = double.NaN, worstExcess = -1, worstLo = double.NaN, worstHi = double.NaN;
        int evaluations = 0;
        bool converged = true;
        while (top > 0)
        {
            var p = stack[--top];
            double k = Rule(ref f, ref g, p.Lo, p.Hi, nodes, kronrod, gauss, out double gv);
            evaluations += 2 * nodes.Length - 1;
            if (!double.IsFinite(k))
                throw new QuadratureException(string.Create(CultureInfo.InvariantCulture,
                    $"adaptive Gauss–Kronrod ({rule}) on [{a:R}, {b:R}]: the integrand is not finite (panel value {k}) on [{g.X(p.Lo):G10}, {g.X(p.Hi):G10}]"),
                    QuadratureFailure.NonFiniteIntegrand, new QuadratureResult(double.NaN, double.NaN, evaluations, false, g.X(p.Lo), g.X(p.Hi)));
            double e = Math.Max(Math.Abs(k - gv), 2 * Eps * Math.Abs(k));
            if (p.Depth == 0) i0 = k;
            double allowed = relativeTolerance * Math.Max(Math.Abs(k), Math.Abs(i0) * Math.ScaleB(1.0, -p.Depth));
            if (e <= allowed || p.Depth == maximumDepth)
            {
                sum += k;
                error += e;
                if (e > allowed)
                {
                    converged = false;
                    if (e - allowed > worstExcess) (worstExcess, worstLo, worstHi) = (e - allowed, g.X(p.Lo), g.X(p.Hi));
                }
                continue;
            }
            double mid = 0.5 * (p.Lo + p.Hi);
            stack[top++] = new Segment(mid, p.Hi, p.Depth + 1);
            stack[top++] = new Segment(p.Lo, mid, p.Depth + 1);
        }
        // panels accepted at the maximum depth above their share: the whole still meets the tolerance when the summed estimate does
        if (!converged && error <= relativeTolerance * Math.Abs(sum)) (converged, worstLo, worstHi) = (true, double.NaN, double.NaN);
        return new QuadratureResult(sign * sum, error, evaluations, converged, worstLo, worstHi);
    }

    /// <summary>
    /// One panel of the rule on [a, b] without substitution or subdivision: the Kronrod value, and the embedded Gauss
    /// value in <paramref name="gaussValue"/>. Exact (to round-off) for polynomials of degree ≤ 3n+1 (Kronrod) and
    /// ≤ 2n−1 (Gauss), n = 7, 10, 15.
    /// </summary>
    public static double Panel<TF>(ref TF f, double a, double b, GaussKronrodRule rule, out double gaussValue) where TF : struct, IIntegrand
    {
        Tables(rule, out var nodes, out var kronrod, out var gauss);
        var id = new Identity();
        return Rule(ref f, ref id, a, b, nodes, kronrod, gauss, out gaussValue);
    }

    private const double Eps = 2.220446049250313e-16; // double's machine epsilon (2^−52)

    private readonly record struct Segment(double Lo, double Hi, int Depth);

    /// <summary>The map from the rule's variable to x and its derivative.</summary>
    private interface IMap
    {
        double X(double t);
        double Jacobian(double t);
    }

    /// <summary>
    /// x = (a+b)/2 + h t(3 − t²)/2, dx/dt = 3h(1 − t²)/2 with h = (b−a)/2 (Shampine's substitution), computed from the
    /// nearer end as x = a + h(1+t)²(2−t)/2 or x = b − h(1−t)²(2+t)/2 (the same polynomial): no cancellation near the
    /// ends, so x never leaves [a, b] and x − a keeps its relative precision (√x at a = 0 is never √ of a negative).
    /// </summary>
    private readonly struct Substituted(double a, double b) : IMap
    {
        private readonly double _h = 0.5 * (b - a), _a = a, _b = b;
        public double X(double t) => t <= 0
            ? _a + 0.5 * _h * (1 + t) * (1 + t) * (2 - t)
            : _b - 0.5 * _h * (1 - t) * (1 - t) * (2 + t);
        public double Jacobian(double t) => 1.5 * _h * (1 - t) * (1 + t);
    }

    private readonly struct Identity : IMap
    {
        public double X(double t) => t;
        public double Jacobian(double t) => 1;
    }

    /// <summary>Kronrod value of ∫ f(x(t)) x'(t) dt on [lo, hi], Gauss value in <paramref name="gaussValue"/>.</summary>
    private static double Rule<TF, TM>(ref TF f, ref TM map, double lo, double hi, ReadOnlySpan<double> nodes, ReadOnlySpan<double> kronrod,
        ReadOnlySpan<double> gauss, out double gaussValue) where TF : struct, IIntegrand where TM : struct, IMap
    {
        double c = 0.5 * (lo + hi), h = 0.5 * (hi - lo);
        double fc = f.Evaluate(map.X(c)) * map.Jacobian(c);
        double k = kronrod[0] * fc, g = gauss[0] * fc;
        for (int i = 1; i < nodes.Length; i++)
        {
            double dt = h * nodes[i];
            double s = f.Evaluate(map.X(c - dt)) * map.Jacobian(c - dt) + f.Evaluate(map.X(c + dt)) * map.Jacobian(c + dt);
            k += kronrod[i] * s;
            g += gauss[i] * s;
        }
        gaussValue = g * h;
        return k * h;
    }

    private static void Tables(GaussKronrodRule rule, out ReadOnlySpan<double> nodes, out ReadOnlySpan<double> kronrod, out ReadOnlySpan<double> gauss)
    {
        switch (rule)
        {
            case GaussKronrodRule.K15: nodes = X15; kronrod = K15; gauss = G15; break;
            case GaussKronrodRule.K21: nodes = X21; kronrod = K21; gauss = G21; break;
            case GaussKronrodRule.K31: nodes = X31; kronrod = K31; gauss = G31; break;
            default: throw new ArgumentOutOfRangeException(nameof(rule), rule, "the rule must be K15, K21 or K31");
        }
    }

    // Nodes x ≥ 0 of each pair in increasing order (x = 0 first; a rule uses x and −x), the Kronrod weights, and the Gauss
    // weights (0 where the node is a Kronrod-only one). Generated by scripts/gauss-kronrod-nodes.py.
    private static ReadOnlySpan<double> X15 => [0.0, 0.20778495500789848, 0.4058451513773972, 0.5860872354676911, 0.7415311855993945, 0.8648644233597691, 0.9491079123427585, 0.9914553711208126];
    private static ReadOnlySpan<double> K15 => [0.20948214108472782, 0.20443294007529889, 0.19035057806478542, 0.1690047266392679, 0.14065325971552592, 0.10479001032225019, 0.06309209262997856, 0.022935322010529224];
    private static ReadOnlySpan<double> G15 => [0.4179591836734694, 0, 0.3818300505051189, 0, 0.27970539148927664, 0, 0.1294849661688697, 0];

    private static ReadOnlySpan<double> X21 => [0.0, 0.14887433898163122, 0.2943928627014602, 0.4333953941292472, 0.5627571346686047, 0.6794095682990244, 0.7808177265864169, 0.8650633666889845, 0.9301574913557082, 0.9739065285171717, 0.9956571630258081];
    private static ReadOnlySpan<double> K21 => [0.1494455540029169, 0.14773910490133849, 0.14277593857706009, 0.13470921731147334, 0.12349197626206584, 0.10938715880229764, 0.0931254545836976, 0.07503967481091996, 0.054755896574351995, 0.032558162307964725, 0.011694638867371874];
    private static ReadOnlySpan<double> G21 => [0, 0.29552422471475287, 0, 0.26926671930999635, 0, 0.21908636251598204, 0, 0.1494513491505806, 0, 0.06667134430868814, 0];

    private static ReadOnlySpan<double> X31 => [0.0, 0.1011420669187175, 0.20119409399743451, 0.29918000715316884, 0.3941513470775634, 0.4850818636402397, 0.5709721726085388, 0.650996741297417, 0.7244177313601701, 0.790418501442466, 0.8482065834104272, 0.8972645323440819, 0.937273392400706, 0.9677390756791391, 0.9879925180204854, 0.9980022986933971];
    private static ReadOnlySpan<double> K31 => [0.10133000701479154, 0.10076984552387559, 0.09917359872179196, 0.09664272698362368, 0.09312659817082532, 0.08856444305621176, 0.08308050282313302, 0.07684968075772038, 0.06985412131872826, 0.06200956780067064, 0.05348152469092809, 0.04458975132476488, 0.03534636079137585, 0.02546084732671532, 0.015007947329316122, 0.005377479872923349];
    private static ReadOnlySpan<double> G31 => [0.2025782419255613, 0, 0.19843148532711158, 0, 0.1861610000155622, 0, 0.16626920581699392, 0, 0.13957067792615432, 0, 0.10715922046717194, 0, 0.07036604748810812, 0, 0.03075324199611727, 0];
}
