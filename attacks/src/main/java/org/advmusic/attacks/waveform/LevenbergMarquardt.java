package org.advmusic.attacks.waveform;

import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Levenberg-Marquardt least squares on a black box: minimises {@code |r(p)|^2} for a residual
 * function r seen only through evaluations, with a forward-difference Jacobian
 * {@code J[:, q] = (r(p + h_q e_q) - r(p)) / h_q} (one evaluation per parameter) and the damped
 * Gauss-Newton step with Marquardt's scaling
 *
 * <pre>
 *   (J^T J + mu (diag(J^T J) + 1e-3 I)) delta = -J^T r,     p' = clamp(p + delta, lower, upper)
 * </pre>
 *
 * (a symmetric positive definite system, solved by EJML's Cholesky) accepted when it lowers the cost
 * (then mu / 3), else retried with mu x 4. Every evaluation counts
 * against a budget; the search stops when the budget cannot pay for one more Jacobian and a step, or
 * when a step improves the cost by less than a relative 1e-4. Deterministic.
 */
public final class LevenbergMarquardt {
    private static final double INITIAL_DAMPING = 1e-2;
    private static final int RETRIES = 5;

    /** The black box: residuals of a parameter vector (the same length for every call). */
    @FunctionalInterface
    public interface Residuals {
        double[] at(double[] parameters);
    }

    /**
     * @param parameters  the best parameters found
     * @param residuals   their residuals
     * @param cost        {@code |residuals|^2}
     * @param evaluations residual evaluations spent
     */
    public record Result(double[] parameters, double[] residuals, double cost, int evaluations) {
    }

    private LevenbergMarquardt() {
    }

    /**
     * Minimises from {@code start} (not modified) within the box, spending at most {@code budget}
     * evaluations (at least 1, the start's).
     *
     * @param steps finite-difference step per parameter (> 0)
     */
    public static Result minimise(Residuals residuals, double[] start, double[] steps, double[] lower, double[] upper,
                                  int budget) {
        int n = start.length;
        if (steps.length != n || lower.length != n || upper.length != n || budget < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Levenberg-Marquardt: %d parameters, %d steps, "
                    + "%d lower and %d upper bounds, budget %d; expected equal lengths and a budget >= 1", n, steps.length,
                    lower.length, upper.length, budget));
        }
        double[] p = clamp(start, lower, upper);
        double[] r = residuals.at(p);
        double cost = dot(r, r);
        int evaluations = 1;
        double damping = INITIAL_DAMPING;
        while (evaluations + n + 1 <= budget) {
            DMatrixRMaj jacobian = new DMatrixRMaj(r.length, n);
            for (int q = 0; q < n; q++) {
                double[] shifted = p.clone();
                shifted[q] += steps[q];
                double h = steps[q];
                if (shifted[q] > upper[q]) { // stay inside the box: a backward difference at the upper bound
                    shifted[q] = p[q] - steps[q];
                    h = -steps[q];
                }
                double[] rq = residuals.at(shifted);
                evaluations++;
                for (int f = 0; f < r.length; f++) {
                    jacobian.set(f, q, (rq[f] - r[f]) / h);
                }
            }
            DMatrixRMaj normal = CommonOps_DDRM.multInner(jacobian, new DMatrixRMaj(n, n)); // J^T J
            DMatrixRMaj gradient = CommonOps_DDRM.multTransA(-1, jacobian, DMatrixRMaj.wrap(r.length, 1, r),
                    new DMatrixRMaj(n, 1)); // -J^T r
            boolean improved = false;
            double previous = cost;
            for (int retry = 0; retry < RETRIES && evaluations < budget && !improved; retry++) {
                DMatrixRMaj damped = normal.copy();
                for (int a = 0; a < n; a++) {
                    damped.add(a, a, damping * (normal.get(a, a) + 1e-3) + 1e-9);
                }
                DMatrixRMaj step = new DMatrixRMaj(n, 1);
                if (!CommonOps_DDRM.solveSPD(damped, gradient, step)) { // J^T J + positive diagonal: SPD unless rounding says not
                    damping *= 4;
                    continue;
                }
                double[] delta = step.data;
                double[] candidate = p.clone();
                for (int a = 0; a < n; a++) {
                    candidate[a] += delta[a];
                }
                candidate = clamp(candidate, lower, upper);
                double[] rc = residuals.at(candidate);
                evaluations++;
                double c = dot(rc, rc);
                if (c < cost) {
                    p = candidate;
                    r = rc;
                    cost = c;
                    damping = Math.max(1e-7, damping / 3);
                    improved = true;
                } else {
                    damping *= 4;
                }
            }
            if (!improved || previous - cost < 1e-4 * previous) {
                break;
            }
        }
        return new Result(p, r, cost, evaluations);
    }

    private static double[] clamp(double[] p, double[] lower, double[] upper) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Math.max(lower[i], Math.min(upper[i], p[i]));
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
