package org.advmusic.attacks.evaluation;

import java.util.List;
import org.advmusic.attacks.AttackResult;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.SampleStatus;
import org.advmusic.attacks.ThreatModel;

/**
 * The robustness of one model under one attack over a whole data set.
 *
 * @param attack                 the attack's name
 * @param threatModel            stated with every number
 * @param labels                 true labels of every sample
 * @param cleanPredictions       clean predictions (-1: non-finite output)
 * @param adversarialPredictions predictions on the attacked inputs
 * @param status                 per-sample outcome
 * @param l2                     per-sample L2 norm of the perturbation
 * @param linf                   per-sample Linf norm of the perturbation
 * @param gradientEvaluations    per-sample forward+backward passes
 * @param queries                per-sample forward-only queries
 * @param classNames             names of the classes (index = label)
 * @param decibelsPerUnit        how many dB one unit of input is (e.g. 80 for a [-80, 0] dB map), or NaN
 * @param seconds                wall-clock time of the whole evaluation
 * @param example                the first batch's full result (adversarial tensors for figures), may be null
 */
public record RobustnessReport(String attack, ThreatModel threatModel, int[] labels, int[] cleanPredictions,
                               int[] adversarialPredictions, SampleStatus[] status, double[] l2, double[] linf,
                               long[] gradientEvaluations, long[] queries, List<String> classNames,
                               double decibelsPerUnit, double seconds, AttackResult example) {

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    /** Fraction of samples classified correctly before the attack. */
    public double cleanAccuracy() {
        int correct = 0;
        for (int i = 0; i < size(); i++) {
            correct += cleanPredictions[i] == labels[i] ? 1 : 0;
        }
        return (double) correct / size();
    }

    /** Fraction of samples still classified correctly after the attack. */
    public double robustAccuracy() {
        int correct = 0;
        for (int i = 0; i < size(); i++) {
            correct += robust(i) ? 1 : 0;
        }
        return (double) correct / size();
    }

    /** Whether sample {@code i} was correct before and after the attack. */
    public boolean robust(int i) {
        return cleanPredictions[i] == labels[i] && status[i] != SampleStatus.SUCCEEDED
                && status[i] != SampleStatus.INVALID_OUTPUT && adversarialPredictions[i] == labels[i];
    }

    /** Successes among the correctly classified samples (untargeted) or among attempted ones (targeted). */
    public double successRate() {
        int attempted = 0;
        int succeeded = 0;
        for (SampleStatus s : status) {
            attempted += s == SampleStatus.SUCCEEDED || s == SampleStatus.FAILED ? 1 : 0;
            succeeded += s == SampleStatus.SUCCEEDED ? 1 : 0;
        }
        return attempted == 0 ? Double.NaN : (double) succeeded / attempted;
    }

    /** Samples whose model output was not finite. */
    public int invalidOutputs() {
        int n = 0;
        for (SampleStatus s : status) {
            n += s == SampleStatus.INVALID_OUTPUT ? 1 : 0;
        }
        return n;
    }

    /** Statistics of the successful perturbations' norms in {@code norm}. */
    public Statistics perturbation(Norm norm) {
        double[] values = java.util.stream.IntStream.range(0, size()).filter(i -> status[i] == SampleStatus.SUCCEEDED)
                .mapToDouble(i -> norm == Norm.LINF ? linf[i] : l2[i]).toArray();
        return Statistics.of(values);
    }

    /** Per-class fraction of samples that stayed correct. */
    public double[] perClassRobustAccuracy() {
        return perClass(true);
    }

    /** Per-class clean accuracy. */
    public double[] perClassCleanAccuracy() {
        return perClass(false);
    }

    private double[] perClass(boolean underAttack) {
        int classes = classNames.size();
        double[] correct = new double[classes];
        double[] total = new double[classes];
        for (int i = 0; i < size(); i++) {
            total[labels[i]]++;
            correct[labels[i]] += (underAttack ? robust(i) : cleanPredictions[i] == labels[i]) ? 1 : 0;
        }
        for (int c = 0; c < classes; c++) {
            correct[c] = total[c] == 0 ? Double.NaN : correct[c] / total[c];
        }
        return correct;
    }

    /** Confusion matrix under attack: row = true class, column = prediction on the attacked input. */
    public long[][] confusionUnderAttack() {
        int classes = classNames.size();
        long[][] m = new long[classes][classes];
        for (int i = 0; i < size(); i++) {
            if (adversarialPredictions[i] >= 0) {
                m[labels[i]][adversarialPredictions[i]]++;
            }
        }
        return m;
    }

    /** Mean forward+backward passes per attacked sample. */
    public double meanGradientEvaluations() {
        return meanOverAttempted(gradientEvaluations);
    }

    /** Mean forward-only queries per attacked sample. */
    public double meanQueries() {
        return meanOverAttempted(queries);
    }

    private double meanOverAttempted(long[] values) {
        long total = 0;
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (status[i] == SampleStatus.SUCCEEDED || status[i] == SampleStatus.FAILED) {
                total += values[i];
                n++;
            }
        }
        return n == 0 ? 0 : (double) total / n;
    }
}
