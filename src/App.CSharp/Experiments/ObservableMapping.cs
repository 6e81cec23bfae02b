namespace NuDM.App.Experiments;

/// <summary>
/// The detector response as a monotone map between the nuclear recoil kinetic energy T (MeV) and the observable x
/// (photoelectrons, keVnr or keVee). No energy-resolution smearing: bins are in the true observable.
/// </summary>
public interface IObservableMapping
{
    /// <summary>Unit of the observable: "PE", "keVnr" or "keVee".</summary>
    string ObservableUnit { get; }

    /// <summary>One-line description with the numbers used.</summary>
    string Description { get; }

    /// <summary>Largest recoil energy (MeV) where the mapping is valid (increasing up to it).</summary>
    double MaxRecoil { get; }

    /// <summary>Observable for a recoil energy T (MeV).</summary>
    double ToObservable(double recoil);

    /// <summary>Recoil energy T (MeV) for an observable value (the inverse map).</summary>
    double ToRecoil(double observable);
}

/// <summary>x = factor · T/keV (e.g. n_PE ≈ 1.17 T/keV, seed 001 sec. 2.3; or x = T in keVnr with factor 1).</summary>
public sealed class LinearMapping : IObservableMapping
{
    /// <summary>Creates x = <paramref name="perKevNr"/> · T/keV.</summary>
    public LinearMapping(double perKevNr, string unit)
    {
        if (!(double.IsFinite(perKevNr) && perKevNr > 0)) throw new ArgumentOutOfRangeException(nameof(perKevNr), perKevNr, "must be finite and > 0");
        PerKevNr = perKevNr;
        ObservableUnit = unit;
    }

    /// <summary>Observable units per keVnr.</summary>
    public double PerKevNr { get; }

    /// <inheritdoc/>
    public string ObservableUnit { get; }

    /// <inheritdoc/>
    public string Description => $"{ObservableUnit} = {PerKevNr:G6} × T/keVnr";

    /// <inheritdoc/>
    public double MaxRecoil => double.PositiveInfinity;

    /// <inheritdoc/>
    public double ToObservable(double recoil) => PerKevNr * recoil * 1e3;

    /// <inheritdoc/>
    public double ToRecoil(double observable) => observable / PerKevNr * 1e-3;
}

/// <summary>
/// A monotone increasing observable x(T) given by a function, inverted numerically (bisection to machine precision).
/// Used for quenching tables, the COHERENT 2021 scintillation polynomial and the LAr linear QF.
/// </summary>
public sealed class MonotoneMapping : IObservableMapping
{
    private readonly Func<double, double> forward;

    /// <summary>
    /// Creates the mapping from x(T) (T in MeV) on [0, <paramref name="maxRecoil"/>]; throws if x is not strictly increasing
    /// there (checked on 4000 points).
    /// </summary>
    public MonotoneMapping(Func<double, double> forward, double maxRecoil, string unit, string description)
    {
        this.forward = forward ?? throw new ArgumentNullException(nameof(forward));
        if (!(double.IsFinite(maxRecoil) && maxRecoil > 0)) throw new ArgumentOutOfRangeException(nameof(maxRecoil), maxRecoil, "must be finite and > 0 MeV");
        MaxRecoil = maxRecoil;
        ObservableUnit = unit;
        Description = description;
        double prev = forward(0);
        for (int i = 1; i <= 4000; i++)
        {
            double t = maxRecoil * i / 4000, x = forward(t);
            if (!(x > prev)) throw new ArgumentException($"{description}: the observable is not increasing in T near T = {t * 1e3:G4} keV ({x:G6} after {prev:G6})");
            prev = x;
        }
    }

    /// <inheritdoc/>
    public string ObservableUnit { get; }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public double MaxRecoil { get; }

    /// <inheritdoc/>
    public double ToObservable(double recoil) => recoil <= MaxRecoil ? forward(recoil) : forward(MaxRecoil);

    /// <inheritdoc/>
    public double ToRecoil(double observable)
    {
        if (observable <= forward(0)) return 0;
        if (observable >= forward(MaxRecoil))
            throw new ArgumentOutOfRangeException(nameof(observable), observable, $"{Description}: {observable} {ObservableUnit} is beyond the mapping's range (T ≤ {MaxRecoil * 1e3:G4} keV)");
        double lo = 0, hi = MaxRecoil;
        for (int i = 0; i < 200 && hi - lo > 4 * double.Epsilon; i++)
        {
            double m = 0.5 * (lo + hi);
            if (m <= lo || m >= hi) break;
            if (forward(m) < observable) lo = m; else hi = m;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>x = LY · QF(T) · T/keV with QF linearly interpolated in a table (constant beyond its ends).</summary>
    public static MonotoneMapping QuenchingTable(double[] recoilKev, double[] qf, double lightYieldPerKevEe, double maxRecoilMeV, string unit, string source)
    {
        var order = Enumerable.Range(0, recoilKev.Length).OrderBy(i => recoilKev[i]).ToArray();
        var xs = order.Select(i => recoilKev[i]).ToArray();
        var ys = order.Select(i => qf[i]).ToArray();
        double Qf(double tk) => Interpolation.Linear(xs, ys, tk, clamp: true);
        return new MonotoneMapping(t => lightYieldPerKevEe * Qf(t * 1e3) * t * 1e3, maxRecoilMeV, unit,
            $"{unit} = {lightYieldPerKevEe:G6}/keVee × QF(T) × T, QF interpolated in {source}");
    }

    /// <summary>x = LY · E_ee(T)/keVee with E_ee/MeVee = Σ c_k (T/MeV)^(k+1) (COHERENT 2021 scintillation response).</summary>
    public static MonotoneMapping PolynomialEe(double[] coefficients, double lightYieldPerKevEe, double maxRecoilMeV, string unit, string source)
    {
        var c = coefficients.ToArray();
        return new MonotoneMapping(t =>
        {
            double s = 0, p = t;
            foreach (double ck in c) { s += ck * p; p *= t; }
            return lightYieldPerKevEe * s * 1e3;
        }, maxRecoilMeV, unit, $"{unit} = {lightYieldPerKevEe:G6}/keVee × E_ee(T), E_ee/MeVee = Σ c_k T^(k+1), c = [{string.Join(", ", c)}] ({source})");
    }

    /// <summary>x = LY · T/keV · (a + b T/keV) (a QF linear in T, e.g. COHERENT LAr 2020).</summary>
    public static MonotoneMapping LinearQuenching(double a, double b, double lightYieldPerKevEe, double maxRecoilMeV, string unit) =>
        new(t => { double tk = t * 1e3; return lightYieldPerKevEe * tk * (a + b * tk); }, maxRecoilMeV, unit,
            $"{unit} = {lightYieldPerKevEe:G6}/keVee × T/keV × ({a:G6} + {b:G6} T/keV)");
}

/// <summary>
/// Linear interpolation helpers. Not MathNet's LinearSpline, which evaluates y₀ + (x − x₀)·slope instead of
/// y₀ + f·(y₁ − y₀): the last bits differ, and the direct-detection limits of seed 000 Figs. 2 and 5 move by 2.8e-10
/// (measured), beyond the golden files' 1e-10.
/// </summary>
public static class Interpolation
{
    /// <summary>Linear interpolation in ascending <paramref name="xs"/>; outside: the end values (clamp) or 0.</summary>
    public static double Linear(double[] xs, double[] ys, double x, bool clamp)
    {
        int n = xs.Length;
        if (x <= xs[0]) return clamp ? ys[0] : (x == xs[0] ? ys[0] : 0);
        if (x >= xs[n - 1]) return clamp ? ys[n - 1] : (x == xs[n - 1] ? ys[n - 1] : 0);
        int i = Array.BinarySearch(xs, x);
        if (i >= 0) return ys[i];
        i = ~i; // xs[i-1] < x < xs[i]
        double f = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
        return ys[i - 1] + f * (ys[i] - ys[i - 1]);
    }
}
