#!/usr/bin/env python3
# Usage: python3 scripts/gauss-kronrod-nodes.py N [--csharp]   (N = 7, 10, 15: the K15, K21, K31 tables of
# src/App.CSharp/Numerics/GaussKronrod.cs; --csharp prints them as there: increasing nodes, rounded to the nearest double)
# Needs mpmath (pip install mpmath). Asserts the exactness degrees before printing.
"""Gauss-Kronrod nodes and weights on [-1, 1] from their definition, in 60-digit arithmetic (mpmath).

Gauss n-point: the zeros of the Legendre polynomial P_n, weights 2/((1 - x^2) P_n'(x)^2).
Kronrod (2n+1)-point: the Gauss nodes plus the n+1 zeros of the Stieltjes polynomial E_{n+1}, defined by
  integral_{-1}^{1} P_n(x) E_{n+1}(x) x^k dx = 0 for k = 0..n (Kronrod 1965); its weights make the rule exact for
  every polynomial of degree <= 3n+1 (n even) / 3n+2 (n odd) (solved here as a linear system on the monomials).
Prints the nonnegative nodes in decreasing order with their Kronrod and Gauss weights, as C# double literals.
"""
import sys
import mpmath as mp
mp.mp.dps = 60

def gauss_kronrod(n):
    P = lambda x: mp.legendre(n, x)
    # Gauss nodes
    # Gauss nodes: Newton from the classical estimates cos(pi (k - 1/4)/(n + 1/2)), each to its own root
    def newton(x):
        for _ in range(100):
            dx = P(x) / mp.diff(P, x)
            x -= dx
            if abs(dx) < mp.mpf(10) ** -55: break
        return x
    g = sorted([newton(mp.cos(mp.pi * (k - mp.mpf(1) / 4) / (n + mp.mpf(1) / 2))) for k in range(1, n + 1)])
    assert all(g[i + 1] - g[i] > mp.mpf(10) ** -3 for i in range(n - 1)), 'a Gauss node was found twice'
    # Stieltjes polynomial E(x) = x^{n+1} + sum c_j x^j: monomial moments of P_n
    def mom(j):  # integral_{-1}^{1} P_n(x) x^j dx, exactly via Gauss-Legendre with enough points
        return mp.quad(lambda x: P(x) * x ** j, [-1, 1])
    m = [mom(j) for j in range(0, 2 * n + 2)]
    A = mp.matrix(n + 1, n + 1); rhs = mp.matrix(n + 1, 1)
    for k in range(n + 1):
        for j in range(n + 1):
            A[k, j] = m[k + j]
        rhs[k] = -m[k + n + 1]
    c = mp.lu_solve(A, rhs)
    E = lambda x: x ** (n + 1) + sum(c[j] * x ** j for j in range(n + 1))
    # zeros of E interlace the Gauss nodes: bracket between consecutive Gauss nodes and the ends
    ends = [mp.mpf(-1)] + g + [mp.mpf(1)]
    def bisect(lo, hi):
        flo = E(lo)
        assert flo * E(hi) < 0
        for _ in range(400):
            mid = (lo + hi) / 2
            fm = E(mid)
            if fm == 0: return mid
            if (fm < 0) == (flo < 0): lo, flo = mid, fm
            else: hi = mid
        return (lo + hi) / 2
    e = [bisect(ends[i], ends[i + 1]) for i in range(n + 1)]
    nodes = sorted(g + e)
    N = len(nodes)
    V = mp.matrix(N, N); b = mp.matrix(N, 1)
    for k in range(N):
        for i in range(N):
            V[k, i] = nodes[i] ** k
        b[k] = mp.mpf(2) / (k + 1) if k % 2 == 0 else 0
    wk = mp.lu_solve(V, b)
    dP = lambda x: mp.diff(P, x)
    wg = {str(x): 2 / ((1 - x ** 2) * dP(x) ** 2) for x in g}
    # checks: Kronrod exact to degree 3n+1, Gauss to 2n-1
    for d in range(0, 3 * n + 2):
        exact = mp.mpf(2) / (d + 1) if d % 2 == 0 else 0
        assert abs(sum(wk[i] * nodes[i] ** d for i in range(N)) - exact) < mp.mpf(10) ** -50, d
    for d in range(0, 2 * n):
        exact = mp.mpf(2) / (d + 1) if d % 2 == 0 else 0
        assert abs(sum(wg[str(x)] * x ** d for x in g) - exact) < mp.mpf(10) ** -50, d
    out = []
    for i in range(N - 1, -1, -1):
        x = nodes[i]
        if x < -mp.mpf(10) ** -40: continue
        if abs(x) < mp.mpf(10) ** -40: x = mp.mpf(0)
        isg = any(abs(x - y) < mp.mpf(10) ** -40 for y in g)
        out.append((x, wk[i], wg[[str(y) for y in g if abs(x - y) < mp.mpf(10) ** -40][0]] if isg else None))
    return out

n = int(sys.argv[1])
rows = gauss_kronrod(n)
if '--csharp' in sys.argv:
    rows = rows[::-1]
    d = lambda v: repr(float(v)) if v is not None else '0'  # mpmath rounds to the nearest double; repr round-trips
    k = 2 * n + 1
    print(f'    private static ReadOnlySpan<double> X{k} => [' + ', '.join(d(x) for x, _, _ in rows) + '];')
    print(f'    private static ReadOnlySpan<double> K{k} => [' + ', '.join(d(w) for _, w, _ in rows) + '];')
    print(f'    private static ReadOnlySpan<double> G{k} => [' + ', '.join(d(g) for _, _, g in rows) + '];')
else:
    for x, wk, wg in rows:
        print(mp.nstr(x, 36), mp.nstr(wk, 36), mp.nstr(wg, 36) if wg is not None else '-')
