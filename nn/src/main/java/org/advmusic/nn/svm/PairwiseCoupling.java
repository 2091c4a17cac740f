package org.advmusic.nn.svm;

/**
 * Class probabilities from pairwise ones, method 2 of Wu, Lin and Weng, "Probability estimates for
 * multi-class classification by pairwise coupling" (JMLR 5, 2004), as libsvm's
 * {@code multiclass_probability}: {@code p} minimises {@code sum_i sum_{j != i} (r_ji p_i - r_ij p_j)^2}
 * on the simplex, i.e. {@code min p^T Q p} subject to {@code sum p = 1} with
 * {@code Q_tt = sum_{j != t} r_jt^2} and {@code Q_tj = -r_jt r_tj}, solved by the paper's fixed-point
 * iteration (one coordinate at a time, renormalising) until {@code max_t |(Qp)_t - p^T Q p| < 0.005 / k}.
 */
final class PairwiseCoupling {
    private PairwiseCoupling() {
    }

    /**
     * @param r (k, k) {@code r[i][j]} the estimated probability of class i given i or j ({@code r[j][i] = 1 - r[i][j]}; the diagonal is unused)
     * @return (k) class probabilities summing to 1
     */
    static double[] probabilities(double[][] r) {
        int k = r.length;
        double[][] q = new double[k][k];
        double[] p = new double[k];
        for (int t = 0; t < k; t++) {
            p[t] = 1.0 / k;
            for (int j = 0; j < t; j++) {
                q[t][t] += r[j][t] * r[j][t];
                q[t][j] = q[j][t];
            }
            for (int j = t + 1; j < k; j++) {
                q[t][t] += r[j][t] * r[j][t];
                q[t][j] = -r[j][t] * r[t][j];
            }
        }
        double[] qp = new double[k];
        int maxIterations = Math.max(100, k);
        double epsilon = 0.005 / k;
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            // recompute Qp and p^T Q p for accuracy, then stop when every (Qp)_t is within epsilon of p^T Q p
            double pqp = 0;
            for (int t = 0; t < k; t++) {
                qp[t] = 0;
                for (int j = 0; j < k; j++) {
                    qp[t] += q[t][j] * p[j];
                }
                pqp += p[t] * qp[t];
            }
            double maxError = 0;
            for (int t = 0; t < k; t++) {
                maxError = Math.max(maxError, Math.abs(qp[t] - pqp));
            }
            if (maxError < epsilon) {
                break;
            }
            for (int t = 0; t < k; t++) {
                double diff = (-qp[t] + pqp) / q[t][t];
                p[t] += diff;
                pqp = (pqp + diff * (diff * q[t][t] + 2 * qp[t])) / (1 + diff) / (1 + diff);
                for (int j = 0; j < k; j++) {
                    qp[j] = (qp[j] + diff * q[t][j]) / (1 + diff);
                    p[j] /= 1 + diff;
                }
            }
        }
        return p;
    }
}
