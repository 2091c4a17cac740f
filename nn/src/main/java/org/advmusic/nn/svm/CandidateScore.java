package org.advmusic.nn.svm;

/**
 * One candidate of a search with its cross-validation accuracies.
 *
 * @param parameters     the hyperparameters tried
 * @param foldAccuracies (k) accuracy on each held-out fold
 * @param rank           1 for the best mean accuracy (ties share the lower rank, as scikit-learn)
 */
public record CandidateScore(SvcParameters parameters, double[] foldAccuracies, int rank) {

    /** The mean fold accuracy. */
    public double mean() {
        double sum = 0;
        for (double a : foldAccuracies) {
            sum += a;
        }
        return sum / foldAccuracies.length;
    }

    /** The population standard deviation of the fold accuracies (scikit-learn's std_test_score). */
    public double std() {
        double m = mean();
        double sum = 0;
        for (double a : foldAccuracies) {
            sum += (a - m) * (a - m);
        }
        return Math.sqrt(sum / foldAccuracies.length);
    }
}
