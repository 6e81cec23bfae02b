namespace NuDM.App.Ode;

/// <summary>
/// In-place LU decomposition with partial (row) pivoting of a small dense row-major n×n matrix, and the
/// matching triangular solves. No allocation: the caller owns the matrix and pivot buffers.
/// </summary>
internal static class DenseLu
{
    /// <summary>
    /// Factors P·A = L·U in place (L unit lower triangular below the diagonal, U on and above it).
    /// <paramref name="pivot"/>[k] is the row swapped with row k at elimination step k.
    /// </summary>
    /// <returns>False when a pivot column is entirely zero or non-finite (matrix singular to working precision).</returns>
    public static bool Factor(Span<double> a, int n, Span<int> pivot)
    {
        for (int k = 0; k < n; k++)
        {
            int p = k;
            double max = Math.Abs(a[k * n + k]);
            for (int i = k + 1; i < n; i++)
            {
                double v = Math.Abs(a[i * n + k]);
                if (v > max) { max = v; p = i; }
            }
            pivot[k] = p;
            if (!(max > 0) || !double.IsFinite(max)) return false; // also catches NaN
            if (p != k)
            {
                var rowK = a.Slice(k * n, n);
                var rowP = a.Slice(p * n, n);
                for (int j = 0; j < n; j++) (rowK[j], rowP[j]) = (rowP[j], rowK[j]);
            }
            double inv = 1.0 / a[k * n + k];
            for (int i = k + 1; i < n; i++)
            {
                double l = a[i * n + k] * inv;
                a[i * n + k] = l;
                if (l == 0) continue;
                for (int j = k + 1; j < n; j++) a[i * n + j] -= l * a[k * n + j];
            }
        }
        return true;
    }

    /// <summary>Solves A·x = b in place (b becomes x) using the factors from <see cref="Factor"/>.</summary>
    public static void Solve(ReadOnlySpan<double> lu, int n, ReadOnlySpan<int> pivot, Span<double> b)
    {
        for (int k = 0; k < n; k++)
        {
            int p = pivot[k];
            if (p != k) (b[k], b[p]) = (b[p], b[k]);
        }
        for (int i = 1; i < n; i++)
        {
            double s = b[i];
            for (int j = 0; j < i; j++) s -= lu[i * n + j] * b[j];
            b[i] = s;
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int j = i + 1; j < n; j++) s -= lu[i * n + j] * b[j];
            b[i] = s / lu[i * n + i];
        }
    }
}
