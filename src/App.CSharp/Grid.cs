namespace NuDM.App;

/// <summary>Grids of sample points shared by every layer (scans, curves, figures).</summary>
public static class Grid
{
    /// <summary><paramref name="n"/> logarithmically spaced values from <paramref name="lo"/> to <paramref name="hi"/> (both &gt; 0, any unit):
    /// lo (hi/lo)^(i/(n − 1)), i = 0 … n − 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">lo is not finite and &gt; 0, hi not finite and &gt; lo, or n outside [2, 100000].</exception>
    public static double[] LogSpace(double lo, double hi, int n)
    {
        if (!(lo > 0) || !double.IsFinite(lo)) throw new ArgumentOutOfRangeException(nameof(lo), lo, "lo must be a finite number > 0");
        if (!(hi > lo) || !double.IsFinite(hi)) throw new ArgumentOutOfRangeException(nameof(hi), hi, $"hi must be a finite number > lo = {lo}");
        if (n < 2 || n > 100000) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be in [2, 100000]");
        return Enumerable.Range(0, n).Select(i => lo * Math.Pow(hi / lo, i / (double)(n - 1))).ToArray(); // numerics: a logarithmic grid
    }
}
