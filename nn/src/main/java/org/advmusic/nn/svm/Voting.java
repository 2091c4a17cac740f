package org.advmusic.nn.svm;

/**
 * Aggregation of one-vs-one decision values {@code f_ij} (pairs ordered (0,1), (0,2), ..., (1,2), ...)
 * into a class: libsvm's vote and scikit-learn's one-vs-rest decision function.
 */
final class Voting {
    private Voting() {
    }

    /** libsvm's prediction: pair (i, j) votes i when {@code f_ij > 0}, else j; the first most-voted class wins. */
    static int winner(double[] pairwise, int classes) {
        int[] votes = new int[classes];
        int p = 0;
        for (int i = 0; i < classes; i++) {
            for (int j = i + 1; j < classes; j++) {
                votes[pairwise[p++] > 0 ? i : j]++;
            }
        }
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (votes[c] > votes[best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * scikit-learn's {@code _ovr_decision_function(dec < 0, -dec, K)}: votes (pair (i, j) votes i
     * when {@code f_ij >= 0}) plus the summed confidences {@code s_c} squashed to
     * {@code s_c / (3 (|s_c| + 1))}, which lies in (-1/3, 1/3) and so only breaks ties between equal votes.
     * {@code s_i} adds {@code f_ij}, {@code s_j} subtracts it.
     */
    static double[] oneVersusRest(double[] pairwise, int classes) {
        double[] votes = new double[classes];
        double[] confidence = new double[classes];
        int p = 0;
        for (int i = 0; i < classes; i++) {
            for (int j = i + 1; j < classes; j++) {
                double f = pairwise[p++];
                confidence[i] += f;
                confidence[j] -= f;
                votes[f >= 0 ? i : j] += 1;
            }
        }
        double[] out = new double[classes];
        for (int c = 0; c < classes; c++) {
            out[c] = votes[c] + confidence[c] / (3 * (Math.abs(confidence[c]) + 1));
        }
        return out;
    }
}
