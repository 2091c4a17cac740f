package org.advmusic.defenses.squeezing;

import java.util.Arrays;
import org.advmusic.attacks.AttackResult;
import org.advmusic.attacks.SampleStatus;

/** Builds a {@link DetectorReport} from detector scores and an attack's per-sample outcomes. */
public final class DetectorEvaluation {
    private DetectorEvaluation() {
    }

    /**
     * @param detector       a calibrated detector
     * @param cleanScores    scores of the clean test inputs
     * @param cleanCorrect   whether the model classifies each clean test input correctly
     * @param attacked       the attack's result on the same test inputs
     * @param attackedScores scores of {@code attacked.adversarial()}
     * @param adaptive       whether the attack knew about the detector
     */
    public static DetectorReport evaluate(FeatureSqueezingDetector detector, double[] cleanScores, boolean[] cleanCorrect,
                                          AttackResult attacked, double[] attackedScores, boolean adaptive) {
        return evaluate(detector.name(), detector.threshold(), cleanScores, cleanCorrect, attacked.attack(), attacked.labels(),
                attacked.adversarialPredictions(), attacked.status(), attackedScores, adaptive);
    }

    /**
     * The same from per-sample outcomes (a sweep's rows), sample i being the same input in every array.
     *
     * @param detector               the detector's name
     * @param threshold              its calibrated threshold (a score above it is flagged)
     * @param attack                 the attack's name
     * @param adversarialPredictions the model's class on each attacked input
     * @param status                 the attack's outcome on each input
     */
    public static DetectorReport evaluate(String detector, double threshold, double[] cleanScores, boolean[] cleanCorrect,
                                          String attack, int[] labels, int[] adversarialPredictions, SampleStatus[] status,
                                          double[] attackedScores, boolean adaptive) {
        int n = cleanScores.length;
        boolean[] cleanFlags = FeatureSqueezingDetector.flags(cleanScores, threshold);
        boolean[] attackedFlags = FeatureSqueezingDetector.flags(attackedScores, threshold);
        int falsePositives = 0;
        int[] cleanCounts = new int[3];
        int[] attackedCounts = new int[3];
        int successful = 0;
        int detected = 0;
        int fooledUndetected = 0;
        double[] positives = new double[n];
        int positiveCount = 0;
        for (int i = 0; i < n; i++) {
            falsePositives += cleanFlags[i] ? 1 : 0;
            cleanCounts[cleanFlags[i] ? 2 : cleanCorrect[i] ? 0 : 1]++;
            boolean correctAfter = adversarialPredictions[i] == labels[i];
            attackedCounts[attackedFlags[i] ? 2 : correctAfter ? 0 : 1]++;
            if (status[i] == SampleStatus.SUCCEEDED) {
                successful++;
                detected += attackedFlags[i] ? 1 : 0;
                positives[positiveCount++] = attackedScores[i];
            }
            fooledUndetected += !correctAfter && !attackedFlags[i] ? 1 : 0;
        }
        double[][] roc = roc(cleanScores, Arrays.copyOf(positives, positiveCount));
        return new DetectorReport(detector, attack, adaptive, threshold,
                (double) falsePositives / n, successful == 0 ? Double.NaN : (double) detected / successful,
                auc(cleanScores, Arrays.copyOf(positives, positiveCount)), roc[0], roc[1],
                outcomes(cleanCounts, n), outcomes(attackedCounts, n), (double) fooledUndetected / n);
    }

    private static DetectorReport.Outcomes outcomes(int[] counts, int n) {
        return new DetectorReport.Outcomes((double) counts[0] / n, (double) counts[1] / n, (double) counts[2] / n);
    }

    /**
     * The ROC curve of "score above threshold" over every distinct threshold: (0, 0) first, (1, 1) last.
     *
     * @return {false-positive rates, true-positive rates}
     */
    static double[][] roc(double[] negatives, double[] positives) {
        double[] thresholds = new double[negatives.length + positives.length];
        System.arraycopy(negatives, 0, thresholds, 0, negatives.length);
        System.arraycopy(positives, 0, thresholds, negatives.length, positives.length);
        Arrays.sort(thresholds);
        double[] fpr = new double[thresholds.length + 1];
        double[] tpr = new double[thresholds.length + 1];
        int k = 0;
        fpr[k] = 0;
        tpr[k++] = 0;
        for (int t = thresholds.length - 1; t >= 0; t--) {
            if (t < thresholds.length - 1 && thresholds[t] == thresholds[t + 1]) {
                continue;
            }
            fpr[k] = fractionAtLeast(negatives, thresholds[t]);
            tpr[k++] = fractionAtLeast(positives, thresholds[t]);
        }
        return new double[][] {Arrays.copyOf(fpr, k), Arrays.copyOf(tpr, k)};
    }

    private static double fractionAtLeast(double[] values, double threshold) {
        if (values.length == 0) {
            return Double.NaN;
        }
        int n = 0;
        for (double v : values) {
            n += v >= threshold ? 1 : 0;
        }
        return (double) n / values.length;
    }

    /** The probability that a random positive scores above a random negative (ties count half). */
    static double auc(double[] negatives, double[] positives) {
        if (negatives.length == 0 || positives.length == 0) {
            return Double.NaN;
        }
        double wins = 0;
        for (double p : positives) {
            for (double q : negatives) {
                wins += p > q ? 1 : p == q ? 0.5 : 0;
            }
        }
        return wins / ((double) positives.length * negatives.length);
    }
}
