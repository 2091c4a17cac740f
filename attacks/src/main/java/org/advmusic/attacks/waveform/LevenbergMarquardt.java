package org.advmusic.attacks.waveform;

import java.util.Locale;

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
 * accepted when it lowers the cost (then mu / 3), else retried with mu x 4. Every evaluation counts
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
            double[][] jacobian = new double[r.length][n];
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
                    jacobian[f][q] = (rq[f] - r[f]) / h;
                }
            }
            double[][] normal = new double[n][n]; // J^T J
            double[] gradient = new double[n]; // -J^T r
            for (int a = 0; a < n; a++) {
                for (int b = a; b < n; b++) {
                    double sum = 0;
                    for (double[] row : jacobian) {
                        sum += row[a] * row[b];
                    }
                    normal[a][b] = sum;
                    normal[b][a] = sum;
                }
                double g = 0;
                for (int f = 0; f < r.length; f++) {
                    g -= jacobian[f][a] * r[f];
                }
                gradient[a] = g;
            }
            boolean improved = false;
            double previous = cost;
            for (int retry = 0; retry < RETRIES && evaluations < budget && !improved; retry++) {
                double[][] damped = new double[n][];
                for (int a = 0; a < n; a++) {
                    damped[a] = normal[a].clone();
                    damped[a][a] += damping * (normal[a][a] + 1e-3) + 1e-9;
                }
                double[] delta = solve(damped, gradient.clone());
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

    /** Solves {@code a x = b} by Gaussian elimination with partial pivoting ({@code a} and {@code b} are overwritten). */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int i = 0; i < n; i++) {
            int pivot = i;
            for (int k = i + 1; k < n; k++) {
                if (Math.abs(a[k][i]) > Math.abs(a[pivot][i])) {
                    pivot = k;
                }
            }
            double[] row = a[i];
            a[i] = a[pivot];
            a[pivot] = row;
            double value = b[i];
            b[i] = b[pivot];
            b[pivot] = value;
            for (int k = i + 1; k < n; k++) {
                double factor = a[k][i] / a[i][i];
                for (int j = i; j < n; j++) {
                    a[k][j] -= factor * a[i][j];
                }
                b[k] -= factor * b[i];
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = b[i];
            for (int j = i + 1; j < n; j++) {
                sum -= a[i][j] * x[j];
            }
            x[i] = sum / a[i][i];
        }
        return x;
    }
}
