namespace NuDM.App.Ode;

/// <summary>
/// Explicit adaptive Runge–Kutta method of Dormand and Prince, order 5 with an embedded order-4 error
/// estimate (DOPRI5): 7 stages, first-same-as-last (6 right-hand-side evaluations per accepted step),
/// PI step-size control, and Shampine's 4th-order continuous extension for dense output.
/// For non-stiff problems; on stiff problems it is limited by stability and needs very many steps (use
/// <see cref="Rodas4"/>). The solver keeps no state between calls and is thread-safe.
/// </summary>
/// <remarks>
/// Coefficients: J. R. Dormand &amp; P. J. Prince, "A family of embedded Runge–Kutta formulae",
/// J. Comput. Appl. Math. 6 (1980) 19–26, as tabulated in E. Hairer, S. P. Nørsett &amp; G. Wanner,
/// Solving Ordinary Differential Equations I (2nd ed., Springer 1993), §II.5, Table 5.2; dense-output
/// coefficients d_i: L. F. Shampine, Math. Comp. 46 (1986) 135–150, as given in Hairer et al., §II.6 and
/// in Hairer's DOPRI5 code. PI control: Hairer et al. I, §IV.2 (β = 0.04, α = 1/5 − 0.75 β).
/// </remarks>
public sealed class DormandPrince45 : IOdeSolver
{
    private const double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
    private const double A21 = 1.0 / 5;
    private const double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private const double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private const double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    private const double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176, A65 = -5103.0 / 18656;
    private const double A71 = 35.0 / 384, A73 = 500.0 / 1113, A74 = 125.0 / 192, A75 = -2187.0 / 6784, A76 = 11.0 / 84;
    // e_i = b_i − b̂_i (5th-order weights minus the embedded 4th-order weights).
    private const double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200, E6 = 22.0 / 525, E7 = -1.0 / 40;
    // Dense output (Shampine 1986).
    private const double D1 = -12715105075.0 / 11282082432, D3 = 87487479700.0 / 32700410799, D4 = -10690763975.0 / 1880347072,
        D5 = 701980252875.0 / 199316789632, D6 = -1453857185.0 / 822651844, D7 = 69997945.0 / 29380423;

    private const double Safety = 0.9, MinFactor = 0.2, MaxFactor = 10.0, Beta = 0.04, Alpha = 0.2 - 0.75 * Beta;

    /// <inheritdoc/>
    public string Name => "DormandPrince45";

    /// <inheritdoc/>
    public OdeSolution Solve(OdeSystem system, double t0, ReadOnlySpan<double> y0, double tEnd, OdeOptions? options = null)
    {
        options ??= OdeOptions.Default;
        var atol = OdeCore.CheckArguments(system, t0, y0, tEnd, options);
        var ct = options.CancellationToken;
        ct.ThrowIfCancellationRequested();

        int n = system.Dimension;
        var f = system.Rhs;
        double rtol = options.RelTol;
        var y = y0.ToArray();
        var y1 = new double[n];
        var yt = new double[n];
        var k1 = new double[n];
        var k2 = new double[n];
        var k3 = new double[n];
        var k4 = new double[n];
        var k5 = new double[n];
        var k6 = new double[n];
        var k7 = new double[n];
        var err = new double[n];
        var scratchCoefs = new double[5 * n];

        var recorder = options.StoreSteps ? new StepRecorder(n, DenseKind.DormandPrince, t0, y) : null;
        var outputs = options.OutputTimes is { Count: > 0 } ot ? new OutputCollector(ot, n) : null;
        outputs?.Start(t0, y);

        int nAcc = 0, nRej = 0, nf = 0;
        double t = t0, span = tEnd - t0;
        double hmax = Math.Min(options.MaxStep, span);

        OdeCore.InitialDerivative(Name, f, t, y, k1, ref nf);

        double h = options.InitialStep > 0
            ? Math.Min(options.InitialStep, hmax)
            : OdeCore.StartingStep(f, t, y, k1, span, hmax, 4, atol, rtol, yt, k2, ref nf);

        double errOld = 1e-4;
        bool reject = false;
        var failures = StepFailureState.Start();

        while (true)
        {
            ct.ThrowIfCancellationRequested();
            OdeCore.CheckStepGuards(Name, nAcc + nRej, options.MaxSteps, t, h, failures,
                " (the problem may be stiff: consider Rodas4)");
            bool last = OdeCore.ClampLastStep(t, tEnd, ref h);

            // Stages; stop at the first non-finite right-hand side.
            double tBad = t;
            int bad = -1;
            var kind = OdeFailure.NonFiniteRhs;
            do
            {
                for (int i = 0; i < n; i++) yt[i] = y[i] + h * A21 * k1[i];
                f(tBad = t + C2 * h, yt, k2);
                nf++;
                if ((bad = OdeCore.FirstNonFinite(k2)) >= 0) break;

                for (int i = 0; i < n; i++) yt[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
                f(tBad = t + C3 * h, yt, k3);
                nf++;
                if ((bad = OdeCore.FirstNonFinite(k3)) >= 0) break;

                for (int i = 0; i < n; i++) yt[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
                f(tBad = t + C4 * h, yt, k4);
                nf++;
                if ((bad = OdeCore.FirstNonFinite(k4)) >= 0) break;

                for (int i = 0; i < n; i++) yt[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
                f(tBad = t + C5 * h, yt, k5);
                nf++;
                if ((bad = OdeCore.FirstNonFinite(k5)) >= 0) break;

                for (int i = 0; i < n; i++) yt[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
                double tNext = last ? tEnd : t + h;
                f(tBad = tNext, yt, k6);
                nf++;
                if ((bad = OdeCore.FirstNonFinite(k6)) >= 0) break;

                for (int i = 0; i < n; i++) y1[i] = y[i] + h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
                if ((bad = OdeCore.FirstNonFinite(y1)) >= 0)
                {
                    kind = OdeFailure.NonFiniteState;
                    break;
                }
                f(tNext, y1, k7); // first same as last: k1 of the next step
                nf++;
                bad = OdeCore.FirstNonFinite(k7);
            } while (false);

            double e = double.NaN;
            if (bad < 0)
            {
                for (int i = 0; i < n; i++)
                    err[i] = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
                e = OdeCore.ErrorNorm(err, y, y1, atol, rtol);
                if (!double.IsFinite(e)) { bad = 0; kind = OdeFailure.NonFiniteState; }
            }

            if (!double.IsFinite(e))
            {
                // Non-finite values: usually a step that overshoots into a region where f overflows.
                nRej++;
                h *= failures.RejectNonFinite(Name, kind, bad, tBad, h);
                reject = true;
                continue;
            }
            failures.Finite();

            if (e <= 1)
            {
                nAcc++;
                double q = e == 0 ? MaxFactor : Safety * Math.Pow(e, -Alpha) * Math.Pow(errOld, Beta);
                q = Math.Clamp(q, MinFactor, MaxFactor);
                if (reject) q = Math.Min(q, 1.0);
                errOld = Math.Max(e, 1e-4);

                double tNew = last ? tEnd : t + h;
                bool needDense = recorder is not null || (outputs?.NeedsDense(tNew) ?? false);
                Span<double> coefs = recorder is not null ? recorder.NextCoefficients() : scratchCoefs;
                if (needDense)
                {
                    for (int i = 0; i < n; i++)
                    {
                        double dy = y1[i] - y[i];
                        double bspl = h * k1[i] - dy;
                        coefs[i] = y[i];
                        coefs[n + i] = dy;
                        coefs[2 * n + i] = bspl;
                        coefs[3 * n + i] = dy - h * k7[i] - bspl;
                        coefs[4 * n + i] = h * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
                    }
                }
                outputs?.AfterStep(DenseKind.DormandPrince, t, h, tNew, coefs, y1);
                recorder?.Append(tNew, y1);

                (y, y1) = (y1, y);
                (k1, k7) = (k7, k1);
                t = tNew;
                if (last) break;
                h = Math.Min(h * q, hmax);
                reject = false;
            }
            else
            {
                nRej++;
                h *= Math.Max(MinFactor, Safety * Math.Pow(e, -Alpha));
                reject = true;
            }
        }

        var stats = new OdeStatistics(nAcc, nRej, nf, 0, 0);
        return new OdeSolution(Name, n, t0, tEnd, y, recorder, outputs, stats);
    }
}
