package org.advmusic.nn.svm;

/**
 * A trained one-vs-one C-SVC with the RBF kernel, in libsvm's layout (the one scikit-learn's
 * {@code SVC} keeps in {@code support_vectors_}, {@code _dual_coef_}, {@code _intercept_}):
 * support vectors grouped by class in class order; for the pair {@code (i, j)}, {@code i < j}, the
 * decision value is
 *
 * <pre>
 *   f_ij(x) = sum_{s in class i} coef[j-1][s] K(sv_s, x) + sum_{s in class j} coef[i][s] K(sv_s, x) - rho_ij
 * </pre>
 *
 * positive for class {@code i}. Pairs are numbered (0,1), (0,2), ..., (1,2), ...
 *
 * @param classes         (K) the class labels, ascending
 * @param supportVectors  (nSV, F) standardised support vectors
 * @param supportIndices  (nSV) each support vector's row in the training data
 * @param supportCounts   (K) support vectors per class
 * @param dualCoefficients (K-1, nSV) signed coefficients {@code y_s a_s}, libsvm's sign convention
 * @param rho             (K(K-1)/2) offsets
 * @param c               the C it was trained with
 * @param gamma           the RBF coefficient
 * @param probA           (K(K-1)/2) Platt sigmoid slopes per pair, libsvm's (and scikit-learn's) {@code probA};
 *                        null when the model has no probabilities
 * @param probB           (K(K-1)/2) Platt sigmoid offsets, {@code probB}; null exactly when {@code probA} is
 */
public record SvcModel(int[] classes, double[][] supportVectors, int[] supportIndices, int[] supportCounts,
                       double[][] dualCoefficients, double[] rho, double c, double gamma, double[] probA,
                       double[] probB) {

    public SvcModel {
        int k = classes.length;
        if (k < 2) {
            throw new IllegalArgumentException("an SVC needs at least 2 classes, got " + k);
        }
        if (supportCounts.length != k || rho.length != k * (k - 1) / 2 || dualCoefficients.length != k - 1) {
            throw new IllegalArgumentException("inconsistent SVC layout: " + k + " classes, " + supportCounts.length
                    + " support counts, " + rho.length + " offsets, " + dualCoefficients.length + " coefficient rows");
        }
        int total = 0;
        for (int count : supportCounts) {
            total += count;
        }
        if (total != supportVectors.length || supportIndices.length != total) {
            throw new IllegalArgumentException("support counts sum to " + total + " but there are "
                    + supportVectors.length + " support vectors and " + supportIndices.length + " indices");
        }
        if ((probA == null) != (probB == null)
                || probA != null && (probA.length != rho.length || probB.length != rho.length)) {
            throw new IllegalArgumentException("Platt parameters must be both absent or both of " + rho.length
                    + " values (one per pair), got probA " + (probA == null ? "null" : probA.length + " values")
                    + " and probB " + (probB == null ? "null" : probB.length + " values"));
        }
        for (double[] row : dualCoefficients) {
            if (row.length != total) {
                throw new IllegalArgumentException("dual coefficient rows must have " + total + " entries, got " + row.length);
            }
        }
    }

    /** The number of classes K. */
    public int classCount() {
        return classes.length;
    }

    /** The number of input features F. */
    public int featureCount() {
        return supportVectors.length == 0 ? 0 : supportVectors[0].length;
    }

    /** The first support vector of each class, plus the total at the end: (K + 1) offsets. */
    public int[] classStarts() {
        int[] starts = new int[classes.length + 1];
        for (int i = 0; i < classes.length; i++) {
            starts[i + 1] = starts[i] + supportCounts[i];
        }
        return starts;
    }

    /**
     * (nSV) the kernel values {@code exp(-gamma ||sv_s - x||^2)} for one standardised input (F). Four
     * support vectors at a time, each distance still summed in feature order: independent sums the
     * processor overlaps, the same bits as one at a time.
     */
    public double[] kernelValues(double[] x) {
        int count = supportVectors.length;
        double[] values = new double[count];
        int s = 0;
        for (; s + 4 <= count; s += 4) {
            double[] a = supportVectors[s];
            double[] b = supportVectors[s + 1];
            double[] c = supportVectors[s + 2];
            double[] d = supportVectors[s + 3];
            double sumA = 0;
            double sumB = 0;
            double sumC = 0;
            double sumD = 0;
            for (int f = 0; f < x.length; f++) {
                double v = x[f];
                double da = v - a[f];
                double db = v - b[f];
                double dc = v - c[f];
                double dd = v - d[f];
                sumA += da * da;
                sumB += db * db;
                sumC += dc * dc;
                sumD += dd * dd;
            }
            values[s] = Math.exp(-gamma * sumA);
            values[s + 1] = Math.exp(-gamma * sumB);
            values[s + 2] = Math.exp(-gamma * sumC);
            values[s + 3] = Math.exp(-gamma * sumD);
        }
        for (; s < count; s++) {
            double[] sv = supportVectors[s];
            double sum = 0;
            for (int f = 0; f < x.length; f++) {
                double d = x[f] - sv[f];
                sum += d * d;
            }
            values[s] = Math.exp(-gamma * sum);
        }
        return values;
    }

    /** (K(K-1)/2) one-vs-one decision values of one standardised input (F); positive favours the first class. */
    public double[] pairwiseDecisions(double[] x) {
        if (x.length != featureCount()) {
            throw new IllegalArgumentException("SVC expects " + featureCount() + " features, got " + x.length);
        }
        double[] kernel = kernelValues(x);
        int[] starts = classStarts();
        int k = classes.length;
        double[] decisions = new double[rho.length];
        int p = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                double sum = 0;
                for (int s = starts[i]; s < starts[i + 1]; s++) {
                    sum += dualCoefficients[j - 1][s] * kernel[s];
                }
                for (int s = starts[j]; s < starts[j + 1]; s++) {
                    sum += dualCoefficients[i][s] * kernel[s];
                }
                decisions[p] = sum - rho[p];
                p++;
            }
        }
        return decisions;
    }

    /**
     * The position (0..K-1) of the predicted class: libsvm's vote (a pair votes for its first class
     * when its decision is positive), ties to the lowest position, as scikit-learn's {@code predict}.
     */
    public int predictPosition(double[] x) {
        return Voting.winner(pairwiseDecisions(x), classes.length);
    }

    /** The predicted class label of one standardised input. */
    public int predict(double[] x) {
        return classes[predictPosition(x)];
    }

    /** (K) scikit-learn's {@code decision_function} with {@code decision_function_shape='ovr'}. */
    public double[] decisionFunction(double[] x) {
        return Voting.oneVersusRest(pairwiseDecisions(x), classes.length);
    }

    /** Whether the model has Platt probabilities ({@link #predictProbabilities}). */
    public boolean hasProbabilities() {
        return probA != null;
    }

    /** The same classifier with the given Platt parameters ((K(K-1)/2) each; both null: none). */
    public SvcModel withProbabilities(double[] slopes, double[] offsets) {
        return new SvcModel(classes, supportVectors, supportIndices, supportCounts, dualCoefficients, rho, c, gamma,
                slopes, offsets);
    }

    /**
     * (K) class probabilities of one standardised input (F), libsvm's {@code svm_predict_probability}
     * (scikit-learn's {@code predict_proba}): each pair's decision value through its sigmoid, clipped to
     * [1e-7, 1 - 1e-7], then coupled ({@link PairwiseCoupling}), for two classes too: scikit-learn's libsvm
     * couples them (newer libsvm returns the pair's probability, which differs where one is below the
     * coupling's tolerance of 0.0025).
     *
     * @throws IllegalStateException when the model was trained without probabilities
     */
    public double[] predictProbabilities(double[] x) {
        if (!hasProbabilities()) {
            throw new IllegalStateException("this SVC has no probabilities: train it with probability enabled");
        }
        double minimum = 1e-7;
        double[] decisions = pairwiseDecisions(x);
        int k = classes.length;
        double[][] pairwise = new double[k][k];
        int p = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                double r = PlattScaling.predict(decisions[p], probA[p], probB[p]);
                pairwise[i][j] = Math.min(Math.max(r, minimum), 1 - minimum);
                pairwise[j][i] = 1 - pairwise[i][j];
                p++;
            }
        }
        return PairwiseCoupling.probabilities(pairwise);
    }
}
