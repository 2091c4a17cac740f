package org.advmusic.defenses.squeezing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
                             Outcomes clean, Outcomes adversarial, double fooledAndUndetected) {

    /**
     * Where inputs end up in the combined system; fractions of all inputs.
     *
     * @param acceptedCorrect not flagged and classified correctly
     * @param acceptedWrong   not flagged and misclassified
     * @param rejected        flagged (reported separately from misclassified)
     */
    public record Outcomes(double acceptedCorrect, double acceptedWrong, double rejected) {
    }

    /** Everything as JSON. */
    public ObjectNode toJson() {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("detector", detector);
        node.put("attack", attack);
        node.put("adaptive", adaptive);
        node.put("threshold", threshold);
        node.put("false_positive_rate", falsePositiveRate);
        node.put("detection_rate", detectionRate);
        node.put("auc", auc);
        node.put("fooled_and_undetected", fooledAndUndetected);
        for (String which : new String[] {"clean", "adversarial"}) {
            Outcomes o = which.equals("clean") ? clean : adversarial;
            node.putObject("combined_" + which).put("accepted_correct", o.acceptedCorrect())
                    .put("accepted_wrong", o.acceptedWrong()).put("rejected", o.rejected());
        }
        ArrayNode roc = node.putArray("roc");
        for (int k = 0; k < rocFalsePositive.length; k++) {
            roc.addObject().put("fpr", rocFalsePositive[k]).put("tpr", rocTruePositive[k]);
        }
        return node;
    }
}
