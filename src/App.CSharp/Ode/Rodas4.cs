namespace NuDM.App.Ode;

/// <summary>
/// Adaptive Rosenbrock method RODAS of Hairer and Wanner: 6 stages, order 4 with an embedded order-3
/// error estimate, L-stable and stiffly accurate, with a 3rd-order continuous extension for dense output.
/// For stiff problems. Each step forms the Jacobian ∂f/∂y (analytic or forward differences) and, unless
/// the system is autonomous, ∂f/∂t, factors I/(hγ) − J once with a small dense LU with partial pivoting,
/// and solves six linear systems. Step-size control: the standard controller with exponent 1/4 and
/// Gustafsson's predictive controller; steps are rejected and retried on large error, non-finite values,
/// or a singular matrix. The solver keeps no state between calls and is thread-safe.
/// </summary>
/// <remarks>
/// Method coefficients (γ, α_i = C2..C4, γ_i = D1..D4, A_ij, C_ij) and dense-output coefficients
/// (D21..D35): E. Hairer &amp; G. Wanner, Solving Ordinary Differential Equations II (2nd ed., Springer
/// 1996), §VI.4 (RODAS) and their Fortran code RODAS (subroutine RODCOE, METHOD = 1). The stages are in
/// Hairer–Wanner's transformed form (§IV.7): with u_i the stage unknowns,
/// (I/(hγ) − J) u_i = f(t + α_i h, y + Σ_j A_ij u_j) + Σ_j (C_ij / h) u_j + h γ_i ∂f/∂t,
/// y1 = y + Σ_{j≤4} A_5j u_j + u_5 + u_6 (stiffly accurate), and the local error estimate is u_6.
/// Dense output: y(t + θh) = (1−θ) y0 + θ (y1 + (1−θ)(Σ D2j u_j + θ Σ D3j u_j)).
/// Finite-difference increments follow RODAS: √(ε·max(10⁻⁵, |y_j|)) and √(ε·max(10⁻⁵, |t|)).
/// </remarks>
public sealed class Rodas4 : IOdeSolver
{
    private const double Gamma = 0.25;
    private const double C2 = 0.386, C3 = 0.21, C4 = 0.63;
    private const double D1 = 0.25, D2 = -0.1043, D3 = 0.1035, D4 = -0.3620000000000023e-01;
    private const double A21 = 0.1544000000000000e+01;
    private const double A31 = 0.9466785280815826, A32 = 0.2557011698983284;
    private const double A41 = 0.3314825187068521e+01, A42 = 0.2896124015972201e+01, A43 = 0.9986419139977817;
    private const double A51 = 0.1221224509226641e+01, A52 = 0.6019134481288629e+01, A53 = 0.1253708332932087e+02,
        A54 = -0.6878860361058950;
    private const double C21 = -0.5668800000000000e+01;
    private const double C31 = -0.2430093356833875e+01, C32 = -0.2063599157091915;
    private const double C41 = -0.1073529058151375, C42 = -0.9594562251023355e+01, C43 = -0.2047028614809616e+02;
    private const double C51 = 0.7496443313967647e+01, C52 = -0.1024680431464352e+02, C53 = -0.3399990352819905e+02,
        C54 = 0.1170890893206160e+02;
    private const double C61 = 0.8083246795921522e+01, C62 = -0.7981132988064893e+01, C63 = -0.3152159432874371e+02,
        C64 = 0.1631930543123136e+02, C65 = -0.6058818238834054e+01;
    private const double D21 = 0.1012623508344586e+02, D22 = -0.7487995877610167e+01, D23 = -0.3480091861555747e+02,
        D24 = -0.7992771707568823e+01, D25 = 0.1025137723295662e+01;
    private const double D31 = -0.6762803392801253, D32 = 0.6087714651680015e+01, D33 = 0.1643084320892478e+02,
        D34 = 0.2476722511418386e+02, D35 = -0.6594389125716872e+01;

    private const double Safety = 0.9, MinFactor = 0.2, MaxFactor = 6.0;

    /// <summary>Consecutive step halvings tried while the iteration matrix is singular before giving up.</summary>
    internal const int MaxSingularRetries = 5;

    /// <inheritdoc/>
    public string Name => "Rodas4";

    /// <inheritdoc/>
    public OdeSolution Solve(OdeSystem system, double t0, ReadOnlySpan<double> y0, double tEnd, OdeOptions? options = null)
    {
        options ??= OdeOptions.Default;
        var atol = OdeCore.CheckArguments(system, t0, y0, tEnd, options);
        var ct = options.CancellationToken;
        ct.ThrowIfCancellationRequested();

        int n = system.Dimension;
        var f = system.Rhs;
        var dfdt = system.TimeDerivative;
        bool autonomous = system.IsAutonomous;
        double rtol = options.RelTol;

        var y = y0.ToArray();
        var y1 = new double[n];
        var fy = new double[n];     // f(t, y) at the current accepted point
        var ft = new double[n];     // ∂f/∂t there (zero when autonomous)
        var fnew = new double[n];
        var yt = new double[n];
        var tmp = new double[n];
        var k1 = new double[n];
        var k2 = new double[n];
        var k3 = new double[n];
        var k4 = new double[n];
        var k5 = new double[n];
        var k6 = new double[n];
        var jm = new double[n * n];
        var lu = new double[n * n];
        var piv = new int[n];
        var scratchCoefs = new double[4 * n];

        var recorder = options.StoreSteps ? new StepRecorder(n, DenseKind.Rodas, t0, y) : null;
        var outputs = options.OutputTimes is { Count: > 0 } ot ? new OutputCollector(ot, n) : null;
        outputs?.Start(t0, y);

        int nAcc = 0, nRej = 0, nf = 0, nJac = 0, nDec = 0;
        double t = t0, span = tEnd - t0;
        double hmax = Math.Min(options.MaxStep, span);

        OdeCore.InitialDerivative(Name, f, t, y, fy, ref nf);

        double h = options.InitialStep > 0
            ? Math.Min(options.InitialStep, hmax)
            : OdeCore.StartingStep(f, t, y, fy, span, hmax, 3, atol, rtol, yt, tmp, ref nf);

        bool needJacobian = true, reject = false;
        int singularStreak = 0, bad;
        var failures = StepFailureState.Start();
        double hAcc = 0, errAcc = 0;

        while (true)
        {
            ct.ThrowIfCancellationRequested();
            OdeCore.CheckStepGuards(Name, nAcc + nRej, options.MaxSteps, t, h, failures, "");

            if (needJacobian)
            {
                if (!EvaluateJacobian(system, t, y, fy, jm, yt, tmp, ref nf))
                    throw new OdeException(OdeFailure.NonFiniteRhs, Name, t, h,
                        "the right-hand side returned a non-finite value (NaN or ±Inf) on both sides of y while forming the finite-difference Jacobian");
                nJac++;
                if ((bad = OdeCore.FirstNonFinite(jm)) >= 0)
                    throw new OdeException(OdeFailure.NonFiniteJacobian, Name, t, h,
                        $"the Jacobian ∂f/∂y has a non-finite entry (row {bad / n}, column {bad % n})");
                if (!autonomous)
                {
                    if (dfdt is not null)
                    {
                        dfdt(t, y, ft);
                        if ((bad = OdeCore.FirstNonFinite(ft)) >= 0)
                            throw new OdeException(OdeFailure.NonFiniteJacobian, Name, t, h,
                                $"the time derivative ∂f/∂t has a non-finite component {bad}");
                    }
                    else if (!FiniteDifferenceTimeDerivative(f, t, tEnd, y, fy, ft, tmp, ref nf))
                    {
                        throw new OdeException(OdeFailure.NonFiniteRhs, Name, t, h,
                            "the right-hand side returned a non-finite value (NaN or ±Inf) on both sides of t while forming the finite-difference ∂f/∂t");
                    }
                }
                needJacobian = false;
            }

            bool last = OdeCore.ClampLastStep(t, tEnd, ref h);
            double tNew = last ? tEnd : t + h;

            // Iteration matrix I/(hγ) − J and its LU factors.
            double fac = 1.0 / (h * Gamma);
            for (int i = 0; i < jm.Length; i++) lu[i] = -jm[i];
            for (int i = 0; i < n; i++) lu[i * n + i] += fac;
            nDec++;
            if (!DenseLu.Factor(lu, n, piv))
            {
                nRej++;
                if (++singularStreak > MaxSingularRetries)
                    throw new OdeException(OdeFailure.SingularMatrix, Name, t, h,
                        $"the matrix I/(hγ) − J stayed singular after {MaxSingularRetries} step-size halvings");
                h *= 0.5;
                reject = true;
                continue;
            }
            singularStreak = 0;

            double hd1 = h * D1, hd2 = h * D2, hd3 = h * D3, hd4 = h * D4;
            double hc21 = C21 / h;
            double hc31 = C31 / h, hc32 = C32 / h;
            double hc41 = C41 / h, hc42 = C42 / h, hc43 = C43 / h;
            double hc51 = C51 / h, hc52 = C52 / h, hc53 = C53 / h, hc54 = C54 / h;
            double hc61 = C61 / h, hc62 = C62 / h, hc63 = C63 / h, hc64 = C64 / h, hc65 = C65 / h;

            double tBad = t;
            bad = -1;
            var kind = OdeFailure.NonFiniteRhs;
            do
            {
                for (int i = 0; i < n; i++) k1[i] = fy[i] + hd1 * ft[i];
                DenseLu.Solve(lu, n, piv, k1);

                for (int i = 0; i < n; i++) yt[i] = y[i] + A21 * k1[i];
                f(tBad = t + C2 * h, yt, tmp);
                nf++;
                if ((bad = OdeCore.FirstNonFinite(tmp)) >= 0) break;
                for (int i = 0; i < n; i++) k2[i] = tmp[i] + hc21 * k1[i] + hd2 * ft[i];
                DenseLu.Solve(lu, n, piv, k2);

                for (int i = 0; i < n; i++) yt[i] = y[i] + A31 * k1[i] + A32 * k2[i];
                f(tBad = t + C3 * h, yt, tmp);
                nf++;
                if ((bad = OdeCore.FirstNonFinite(tmp)) >= 0) break;
                for (int i = 0; i < n; i++) k3[i] = tmp[i] + hc31 * k1[i] + hc32 * k2[i] + hd3 * ft[i];
                DenseLu.Solve(lu, n, piv, k3);

                for (int i = 0; i < n; i++) yt[i] = y[i] + A41 * k1[i] + A42 * k2[i] + A43 * k3[i];
                f(tBad = t + C4 * h, yt, tmp);
                nf++;
                if ((bad = OdeCore.FirstNonFinite(tmp)) >= 0) break;
                for (int i = 0; i < n; i++) k4[i] = tmp[i] + hc41 * k1[i] + hc42 * k2[i] + hc43 * k3[i] + hd4 * ft[i];
                DenseLu.Solve(lu, n, piv, k4);

                for (int i = 0; i < n; i++) yt[i] = y[i] + A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i];
                f(tBad = tNew, yt, tmp);
                nf++;
                if ((bad = OdeCore.FirstNonFinite(tmp)) >= 0) break;
                for (int i = 0; i < n; i++) k5[i] = tmp[i] + hc51 * k1[i] + hc52 * k2[i] + hc53 * k3[i] + hc54 * k4[i];
                DenseLu.Solve(lu, n, piv, k5);

                // Embedded 3rd-order solution y + Σ A5j u_j + u_5; its defect gives the 6th stage = error estimate.
                for (int i = 0; i < n; i++) yt[i] += k5[i];
                f(tNew, yt, tmp);
                nf++;
                if ((bad = OdeCore.FirstNonFinite(tmp)) >= 0) break;
                for (int i = 0; i < n; i++)
                    k6[i] = tmp[i] + hc61 * k1[i] + hc62 * k2[i] + hc63 * k3[i] + hc64 * k4[i] + hc65 * k5[i];
                DenseLu.Solve(lu, n, piv, k6);

                for (int i = 0; i < n; i++) y1[i] = yt[i] + k6[i];
                if ((bad = OdeCore.FirstNonFinite(y1)) >= 0) { kind = OdeFailure.NonFiniteState; break; }
            } while (false);

            double e = double.NaN;
            if (bad < 0)
            {
                e = OdeCore.ErrorNorm(k6, y, y1, atol, rtol);
                if (!double.IsFinite(e)) { bad = 0; kind = OdeFailure.NonFiniteState; }
                else if (e <= 1)
                {
                    // f at the new point: needed for the next step anyway; a non-finite value rejects this one.
                    f(tNew, y1, fnew);
                    nf++;
                    if ((bad = OdeCore.FirstNonFinite(fnew)) >= 0) { e = double.NaN; tBad = tNew; }
                }
            }

            if (!double.IsFinite(e))
            {
                nRej++;
                h *= failures.RejectNonFinite(Name, kind, bad, tBad, h);
                reject = true;
                continue;
            }
            failures.Finite();

            double eSafe = Math.Max(e, 1e-10);
            double q = Math.Clamp(Safety * Math.Pow(eSafe, -0.25), MinFactor, MaxFactor);
            if (e <= 1)
            {
                nAcc++;
                if (nAcc > 1)
                {
                    // Gustafsson's predictive controller, as in RODAS (Hairer & Wanner II, §IV.8).
                    double qg = Safety * (h / hAcc) * Math.Pow(errAcc / (eSafe * eSafe), 0.25);
                    q = Math.Min(q, Math.Clamp(qg, MinFactor, MaxFactor));
                }
                hAcc = h;
                errAcc = Math.Max(1e-2, e);
                if (reject) q = Math.Min(q, 1.0);

                bool needDense = recorder is not null || (outputs?.NeedsDense(tNew) ?? false);
                Span<double> coefs = recorder is not null ? recorder.NextCoefficients() : scratchCoefs;
                if (needDense)
                {
                    for (int i = 0; i < n; i++)
                    {
                        coefs[i] = y[i];
                        coefs[n + i] = y1[i];
                        coefs[2 * n + i] = D21 * k1[i] + D22 * k2[i] + D23 * k3[i] + D24 * k4[i] + D25 * k5[i];
                        coefs[3 * n + i] = D31 * k1[i] + D32 * k2[i] + D33 * k3[i] + D34 * k4[i] + D35 * k5[i];
                    }
                }
                outputs?.AfterStep(DenseKind.Rodas, t, h, tNew, coefs, y1);
                recorder?.Append(tNew, y1);

                (y, y1) = (y1, y);
                (fy, fnew) = (fnew, fy);
                t = tNew;
                if (last) break;
                h = Math.Min(h * q, hmax);
                needJacobian = true;
                reject = false;
            }
            else
            {
                nRej++;
                h *= q;
                reject = true;
            }
        }

        var stats = new OdeStatistics(nAcc, nRej, nf, nJac, nDec);
        return new OdeSolution(Name, n, t0, tEnd, y, recorder, outputs, stats);
    }

    /// <summary>
    /// Fills <paramref name="jm"/> with ∂f/∂y at (t, y): analytic, or forward differences (n calls of f; a column
    /// whose forward difference is non-finite is retried as a backward difference).
    /// </summary>
    /// <returns>False when f is non-finite on both sides of some y_j (finite differences only).</returns>
    private static bool EvaluateJacobian(OdeSystem system, double t, double[] y, double[] fy, double[] jm,
        double[] yPerturbed, double[] fPerturbed, ref int rhsCalls)
    {
        int n = y.Length;
        if (system.Jacobian is { } jac)
        {
            Array.Clear(jm);
            jac(t, y, jm);
            return true;
        }
        Array.Copy(y, yPerturbed, n);
        for (int j = 0; j < n; j++)
        {
            double yj = y[j];
            double d = Math.Sqrt(OdeCore.Eps * Math.Max(1e-5, Math.Abs(yj)));
            bool ok = false;
            for (int side = 0; side < 2 && !ok; side++, d = -d)
            {
                yPerturbed[j] = yj + d;
                double dr = yPerturbed[j] - yj; // the increment actually represented
                system.Rhs(t, yPerturbed, fPerturbed);
                rhsCalls++;
                if (OdeCore.FirstNonFinite(fPerturbed) >= 0) continue;
                for (int i = 0; i < n; i++) jm[i * n + j] = (fPerturbed[i] - fy[i]) / dr;
                ok = true;
            }
            yPerturbed[j] = yj;
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>
    /// ∂f/∂t by a one-sided difference: forward unless that leaves [t0, tEnd] or gives non-finite values, then backward.
    /// </summary>
    /// <returns>False when f is non-finite on both sides.</returns>
    private static bool FiniteDifferenceTimeDerivative(OdeRhs f, double t, double tEnd, double[] y, double[] fy, double[] ft,
        double[] fPerturbed, ref int rhsCalls)
    {
        double d = Math.Sqrt(OdeCore.Eps * Math.Max(1e-5, Math.Abs(t)));
        if (t + d > tEnd) d = -d;
        for (int side = 0; side < 2; side++, d = -d)
        {
            double td = t + d;
            double dr = td - t;
            f(td, y, fPerturbed);
            rhsCalls++;
            if (OdeCore.FirstNonFinite(fPerturbed) >= 0) continue;
            for (int i = 0; i < ft.Length; i++) ft[i] = (fPerturbed[i] - fy[i]) / dr;
            return true;
        }
        return false;
    }
}
