package org.advmusic.defenses.squeezing;


/**
 * How well a detector separates clean inputs from successful adversarial examples, and what the
 * combined system (classifier + detector, detected inputs rejected) achieves.
 *
 * @param detector            the detector's name
 * @param attack              the attack whose successful examples were scored
 * @param adaptive            whether that attack knew about the detector
 * @param threshold           the calibrated threshold
 * @param falsePositiveRate   clean test inputs flagged
 * @param detectionRate       successful adversarial examples flagged
 * @param auc                 area under the ROC curve (0.5 = chance)
 * @param rocFalsePositive    ROC points: false-positive rates, ascending
 * @param rocTruePositive     ROC points: true-positive rates
 * @param clean               the combined system on clean test inputs
 * @param adversarial         the combined system on the attacked test inputs
 * @param fooledAndUndetected fraction of attacked inputs that are misclassified and not flagged
 */
public record DetectorReport(String detector, String attack, boolean adaptive, double threshold, double falsePositiveRate,
                             double detectionRate, double auc, double[] rocFalsePositive, double[] rocTruePositive,
                             Outcomes clean, Outcomes adversarial, double fooledAndUndetected) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Where inputs end up in the combined system; fractions of all inputs.
     *
     * @param acceptedCorrect not flagged and classified correctly
     * @param acceptedWrong   not flagged and misclassified
     * @param rejected        flagged (reported separately from misclassified)
     */
    public record Outcomes(double acceptedCorrect, double acceptedWrong, double rejected) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }
}
