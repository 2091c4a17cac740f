package org.advmusic.nn.svm;

import java.util.Arrays;

/**
 * The SMO solver of libsvm for the two-class C-SVC dual (Fan, Chen and Lin, "Working set selection
 * using second order information for training support vector machines", JMLR 6, 2005):
 *
 * <pre>
 *   min_a  1/2 a^T Q a - e^T a     subject to  y^T a = 0,  0 <= a_i <= C_i
 * </pre>
 *
 * with {@code Q[i][j] = y_i y_j K(x_i, x_j)}, {@code C_i = Cp} for {@code y_i = +1} and {@code Cn}
 * otherwise. Each iteration picks the maximal violating index {@code i} (first order) and the
 * {@code j} that most decreases the objective under a second-order model, solves the two-variable
 * problem in closed form, clips it to the box and updates the gradient {@code G = Q a - e}. The
 * solver stops when the maximal violation {@code m(a) - M(a)} falls below the tolerance. Shrinking
 * (optional) removes variables that are stuck at a bound from the working problem every
 * {@code min(l, 1000)} iterations and reconstructs the full gradient before the final check.
 */
final class SmoSolver {
    private static final double TAU = 1e-12;
    private static final byte LOWER_BOUND = 0;
    private static final byte UPPER_BOUND = 1;
    private static final byte FREE = 2;

    /** What the solver found: the signed coefficients {@code y_i a_i} in input order and the offset rho. */
    record Solution(double[] signedAlpha, double rho, int iterations) {
    }

    private final BinaryKernelMatrix q;
    private final double[] diagonal;
    private final int l;
    private final byte[] y;
    private final double cp;
    private final double cn;
    private final double tolerance;
    private final boolean shrinking;
    private final double[] alpha;
    private final byte[] status;
    private final double[] gradient;
    /** The gradient contribution of the variables at their upper bound, {@code sum_{a_j = C_j} C_j Q[:, j]}. */
    private final double[] gradientAtBound;
    private final int[] activeSet;
    private int activeSize;
    private boolean unshrunk;

    private SmoSolver(BinaryKernelMatrix q, byte[] y, double cp, double cn, double tolerance, boolean shrinking) {
        this.q = q;
        this.diagonal = q.diagonal();
        this.l = y.length;
        this.y = y;
        this.cp = cp;
        this.cn = cn;
        this.tolerance = tolerance;
        this.shrinking = shrinking;
        alpha = new double[l];
        status = new byte[l]; // all LOWER_BOUND: a = 0 is feasible
        gradient = new double[l];
        Arrays.fill(gradient, -1.0); // G = Q 0 - e
        gradientAtBound = new double[l];
        activeSet = new int[l];
        for (int i = 0; i < l; i++) {
            activeSet[i] = i;
        }
        activeSize = l;
    }

    /**
     * Solves the two-class problem. {@code q} and {@code y} are reordered in place while the solver
     * shrinks (they must share the same positions: {@code q} was built on {@code y}).
     *
     * @param y  (l) +1 / -1 labels of the points of {@code q}
     * @param cp bound C for positive points; {@code cn} for negative ones
     */
    static Solution solve(BinaryKernelMatrix q, byte[] y, double cp, double cn, double tolerance, boolean shrinking) {
        return new SmoSolver(q, y, cp, cn, tolerance, shrinking).run();
    }

    private Solution run() {
        long maxIterations = Math.max(10_000_000L, 100L * l);
        int counter = Math.min(l, 1000) + 1;
        int[] pair = new int[2];
        int iterations = 0;
        while (iterations < maxIterations) {
            if (--counter == 0) {
                counter = Math.min(l, 1000);
                if (shrinking) {
                    shrink();
                }
            }
            if (selectWorkingSet(pair)) {
                reconstructGradient();
                activeSize = l;
                if (selectWorkingSet(pair)) {
                    break;
                }
                counter = 1; // shrink again at the next iteration
            }
            iterations++;
            step(pair[0], pair[1]);
        }
        if (activeSize < l) {
            reconstructGradient();
            activeSize = l;
        }
        double rho = rho();
        double[] signed = new double[l];
        for (int i = 0; i < l; i++) {
            signed[activeSet[i]] = alpha[i] * y[i];
        }
        return new Solution(signed, rho, iterations);
    }

    private double bound(int i) {
        return y[i] > 0 ? cp : cn;
    }

    private void updateStatus(int i) {
        status[i] = alpha[i] >= bound(i) ? UPPER_BOUND : alpha[i] <= 0 ? LOWER_BOUND : FREE;
    }

    /** One two-variable update of {@code a_i, a_j} and of the gradient. */
    private void step(int i, int j) {
        float[] qi = q.column(i, activeSize);
        float[] qj = q.column(j, activeSize);
        double ci = bound(i);
        double cj = bound(j);
        double oldI = alpha[i];
        double oldJ = alpha[j];
        if (y[i] != y[j]) { // a_i - a_j is constant
            double curvature = diagonal[i] + diagonal[j] + 2 * qi[j];
            double delta = (-gradient[i] - gradient[j]) / (curvature <= 0 ? TAU : curvature);
            double difference = alpha[i] - alpha[j];
            alpha[i] += delta;
            alpha[j] += delta;
            if (difference > 0) {
                if (alpha[j] < 0) {
                    alpha[j] = 0;
                    alpha[i] = difference;
                }
            } else if (alpha[i] < 0) {
                alpha[i] = 0;
                alpha[j] = -difference;
            }
            if (difference > ci - cj) {
                if (alpha[i] > ci) {
                    alpha[i] = ci;
                    alpha[j] = ci - difference;
                }
            } else if (alpha[j] > cj) {
                alpha[j] = cj;
                alpha[i] = cj + difference;
            }
        } else { // a_i + a_j is constant
            double curvature = diagonal[i] + diagonal[j] - 2 * qi[j];
            double delta = (gradient[i] - gradient[j]) / (curvature <= 0 ? TAU : curvature);
            double sum = alpha[i] + alpha[j];
            alpha[i] -= delta;
            alpha[j] += delta;
            if (sum > ci) {
                if (alpha[i] > ci) {
                    alpha[i] = ci;
                    alpha[j] = sum - ci;
                }
            } else if (alpha[j] < 0) {
                alpha[j] = 0;
                alpha[i] = sum;
            }
            if (sum > cj) {
                if (alpha[j] > cj) {
                    alpha[j] = cj;
                    alpha[i] = sum - cj;
                }
            } else if (alpha[i] < 0) {
                alpha[i] = 0;
                alpha[j] = sum;
            }
        }
        double deltaI = alpha[i] - oldI;
        double deltaJ = alpha[j] - oldJ;
        for (int k = 0; k < activeSize; k++) {
            gradient[k] += qi[k] * deltaI + qj[k] * deltaJ;
        }
        boolean wasUpperI = status[i] == UPPER_BOUND;
        boolean wasUpperJ = status[j] == UPPER_BOUND;
        updateStatus(i);
        updateStatus(j);
        updateGradientAtBound(i, ci, wasUpperI);
        updateGradientAtBound(j, cj, wasUpperJ);
    }

    private void updateGradientAtBound(int i, double c, boolean wasUpper) {
        boolean isUpper = status[i] == UPPER_BOUND;
        if (wasUpper == isUpper) {
            return;
        }
        float[] qi = q.column(i, l);
        double sign = isUpper ? c : -c;
        for (int k = 0; k < l; k++) {
            gradientAtBound[k] += sign * qi[k];
        }
    }

    /**
     * Second-order working-set selection (WSS 2 of Fan et al.). Returns true when the current point
     * is optimal within the tolerance; otherwise writes {@code i, j} into {@code pair}.
     */
    private boolean selectWorkingSet(int[] pair) {
        double maxViolation = Double.NEGATIVE_INFINITY; // m(a) = max_{t in I_up} -y_t G_t
        int maxIndex = -1;
        for (int t = 0; t < activeSize; t++) {
            if (y[t] == +1) {
                if (status[t] != UPPER_BOUND && -gradient[t] >= maxViolation) {
                    maxViolation = -gradient[t];
                    maxIndex = t;
                }
            } else if (status[t] != LOWER_BOUND && gradient[t] >= maxViolation) {
                maxViolation = gradient[t];
                maxIndex = t;
            }
        }
        int i = maxIndex;
        float[] qi = i != -1 ? q.column(i, activeSize) : null;
        double minSide = Double.NEGATIVE_INFINITY; // -M(a) = max_{t in I_low} y_t G_t
        int minIndex = -1;
        double bestDecrease = Double.POSITIVE_INFINITY;
        for (int j = 0; j < activeSize; j++) {
            double gradientDifference;
            double curvature;
            if (y[j] == +1) {
                if (status[j] == LOWER_BOUND) {
                    continue;
                }
                minSide = Math.max(minSide, gradient[j]);
                gradientDifference = maxViolation + gradient[j];
                if (gradientDifference <= 0) {
                    continue;
                }
                curvature = diagonal[i] + diagonal[j] - 2.0 * y[i] * qi[j];
            } else {
                if (status[j] == UPPER_BOUND) {
                    continue;
                }
                minSide = Math.max(minSide, -gradient[j]);
                gradientDifference = maxViolation - gradient[j];
                if (gradientDifference <= 0) {
                    continue;
                }
                curvature = diagonal[i] + diagonal[j] + 2.0 * y[i] * qi[j];
            }
            // objective decrease of the pair step: -b^2 / a (a replaced by tau when not positive)
            double decrease = -(gradientDifference * gradientDifference) / (curvature > 0 ? curvature : TAU);
            if (decrease <= bestDecrease) {
                minIndex = j;
                bestDecrease = decrease;
            }
        }
        if (maxViolation + minSide < tolerance || minIndex == -1) {
            return true;
        }
        pair[0] = i;
        pair[1] = minIndex;
        return false;
    }

    private boolean shouldShrink(int i, double maxUp, double maxLow) {
        if (status[i] == UPPER_BOUND) {
            return y[i] == +1 ? -gradient[i] > maxUp : -gradient[i] > maxLow;
        }
        if (status[i] == LOWER_BOUND) {
            return y[i] == +1 ? gradient[i] > maxLow : gradient[i] > maxUp;
        }
        return false;
    }

    private void shrink() {
        double maxUp = Double.NEGATIVE_INFINITY; // max { -y_i G_i | i in I_up }
        double maxLow = Double.NEGATIVE_INFINITY; // max { y_i G_i | i in I_low }
        for (int i = 0; i < activeSize; i++) {
            if (y[i] == +1) {
                if (status[i] != UPPER_BOUND) {
                    maxUp = Math.max(maxUp, -gradient[i]);
                }
                if (status[i] != LOWER_BOUND) {
                    maxLow = Math.max(maxLow, gradient[i]);
                }
            } else {
                if (status[i] != UPPER_BOUND) {
                    maxLow = Math.max(maxLow, -gradient[i]);
                }
                if (status[i] != LOWER_BOUND) {
                    maxUp = Math.max(maxUp, gradient[i]);
                }
            }
        }
        if (!unshrunk && maxUp + maxLow <= tolerance * 10) {
            unshrunk = true; // close to the end: work on the whole problem again once
            reconstructGradient();
            activeSize = l;
        }
        for (int i = 0; i < activeSize; i++) {
            if (shouldShrink(i, maxUp, maxLow)) {
                activeSize--;
                while (activeSize > i) {
                    if (!shouldShrink(activeSize, maxUp, maxLow)) {
                        swap(i, activeSize);
                        break;
                    }
                    activeSize--;
                }
            }
        }
    }

    /** Recomputes the gradient of the shrunk variables from {@link #gradientAtBound} and the free ones. */
    private void reconstructGradient() {
        if (activeSize == l) {
            return;
        }
        for (int j = activeSize; j < l; j++) {
            gradient[j] = gradientAtBound[j] - 1.0;
        }
        int free = 0;
        for (int j = 0; j < activeSize; j++) {
            if (status[j] == FREE) {
                free++;
            }
        }
        if ((long) free * l > 2L * activeSize * (l - activeSize)) {
            for (int i = activeSize; i < l; i++) {
                float[] qi = q.column(i, activeSize);
                for (int j = 0; j < activeSize; j++) {
                    if (status[j] == FREE) {
                        gradient[i] += alpha[j] * qi[j];
                    }
                }
            }
        } else {
            for (int i = 0; i < activeSize; i++) {
                if (status[i] == FREE) {
                    float[] qi = q.column(i, l);
                    double ai = alpha[i];
                    for (int j = activeSize; j < l; j++) {
                        gradient[j] += ai * qi[j];
                    }
                }
            }
        }
    }

    private void swap(int i, int j) {
        q.swap(i, j); // also swaps y, which q shares
        swapValues(gradient, i, j);
        swapValues(alpha, i, j);
        swapValues(gradientAtBound, i, j);
        byte s = status[i];
        status[i] = status[j];
        status[j] = s;
        int a = activeSet[i];
        activeSet[i] = activeSet[j];
        activeSet[j] = a;
    }

    private static void swapValues(double[] values, int i, int j) {
        double t = values[i];
        values[i] = values[j];
        values[j] = t;
    }

    /** The offset: the mean of {@code y_i G_i} over free variables, else the middle of the feasible interval. */
    private double rho() {
        int free = 0;
        double upper = Double.POSITIVE_INFINITY;
        double lower = Double.NEGATIVE_INFINITY;
        double sumFree = 0;
        for (int i = 0; i < activeSize; i++) {
            double yg = y[i] * gradient[i];
            if (status[i] == LOWER_BOUND) {
                if (y[i] > 0) {
                    upper = Math.min(upper, yg);
                } else {
                    lower = Math.max(lower, yg);
                }
            } else if (status[i] == UPPER_BOUND) {
                if (y[i] < 0) {
                    upper = Math.min(upper, yg);
                } else {
                    lower = Math.max(lower, yg);
                }
            } else {
                free++;
                sumFree += yg;
            }
        }
        return free > 0 ? sumFree / free : (upper + lower) / 2;
    }
}
