package org.advmusic.nn.svm;

/**
 * Platt's sigmoid {@code P(y = +1 | f) = 1 / (1 + exp(A f + B))} fitted to decision values {@code f}
 * as libsvm's {@code sigmoid_train} does (Platt 2000, with the improvements of Lin, Lin and Weng, "A
 * note on Platt's probabilistic outputs for support vector machines", 2007): targets
 * {@code (N+ + 1) / (N+ + 2)} and {@code 1 / (N- + 2)} instead of 1 and 0, Newton's method on the
 * regularised cross-entropy with a backtracking line search, and every {@code log(1 + exp(.))}
 * written so that it cannot overflow.
 */
final class PlattScaling {
    private static final int MAX_ITERATIONS = 100;
    private static final double MIN_STEP = 1e-10;
    /** Added to the Hessian's diagonal, which keeps it positive definite. */
    private static final double SIGMA = 1e-12;
    private static final double EPSILON = 1e-5;

    private PlattScaling() {
    }

    /**
     * Fits the sigmoid.
     *
     * @param decisionValues (l) decision values
     * @param positive       (l) whether each point's label is the positive class
     * @return {A, B}
     */
    static double[] fit(double[] decisionValues, boolean[] positive) {
        int l = decisionValues.length;
        double prior1 = 0;
        double prior0 = 0;
        for (boolean p : positive) {
            if (p) {
                prior1++;
            } else {
                prior0++;
            }
        }
        double hiTarget = (prior1 + 1.0) / (prior1 + 2.0);
        double loTarget = 1 / (prior0 + 2.0);
        double[] t = new double[l];
        for (int i = 0; i < l; i++) {
            t[i] = positive[i] ? hiTarget : loTarget;
        }
        double a = 0.0;
        double b = Math.log((prior0 + 1.0) / (prior1 + 1.0));
        double value = objective(decisionValues, t, a, b);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            // gradient g and Hessian H (+ sigma I) of the objective at (a, b)
            double h11 = SIGMA;
            double h22 = SIGMA;
            double h21 = 0;
            double g1 = 0;
            double g2 = 0;
            for (int i = 0; i < l; i++) {
                double fApB = decisionValues[i] * a + b;
                double p;
                double q;
                if (fApB >= 0) {
                    p = Math.exp(-fApB) / (1.0 + Math.exp(-fApB));
                    q = 1.0 / (1.0 + Math.exp(-fApB));
                } else {
                    p = 1.0 / (1.0 + Math.exp(fApB));
                    q = Math.exp(fApB) / (1.0 + Math.exp(fApB));
                }
                double d2 = p * q;
                h11 += decisionValues[i] * decisionValues[i] * d2;
                h22 += d2;
                h21 += decisionValues[i] * d2;
                double d1 = t[i] - p;
                g1 += decisionValues[i] * d1;
                g2 += d1;
            }
            if (Math.abs(g1) < EPSILON && Math.abs(g2) < EPSILON) {
                break;
            }
            // Newton direction -H^-1 g, then backtracking until the decrease is sufficient
            double det = h11 * h22 - h21 * h21;
            double dA = -(h22 * g1 - h21 * g2) / det;
            double dB = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * dA + g2 * dB;
            double step = 1;
            while (step >= MIN_STEP) {
                double newA = a + step * dA;
                double newB = b + step * dB;
                double newValue = objective(decisionValues, t, newA, newB);
                if (newValue < value + 0.0001 * step * gd) {
                    a = newA;
                    b = newB;
                    value = newValue;
                    break;
                }
                step /= 2.0;
            }
            if (step < MIN_STEP) {
                break; // the line search failed: keep the best point so far, as libsvm does
            }
        }
        return new double[] {a, b};
    }

    /** The cross-entropy {@code sum_i -t_i log p_i - (1 - t_i) log(1 - p_i)} with {@code p_i = P(+1 | f_i)}. */
    private static double objective(double[] decisionValues, double[] t, double a, double b) {
        double value = 0;
        for (int i = 0; i < decisionValues.length; i++) {
            double fApB = decisionValues[i] * a + b;
            if (fApB >= 0) {
                value += t[i] * fApB + Math.log(1 + Math.exp(-fApB));
            } else {
                value += (t[i] - 1) * fApB + Math.log(1 + Math.exp(fApB));
            }
        }
        return value;
    }

    /** {@code 1 / (1 + exp(A f + B))}, written so that {@code 1 - P} loses no precision (libsvm's {@code sigmoid_predict}). */
    static double predict(double decisionValue, double a, double b) {
        double fApB = decisionValue * a + b;
        return fApB >= 0 ? Math.exp(-fApB) / (1.0 + Math.exp(-fApB)) : 1.0 / (1 + Math.exp(fApB));
    }
}
