package org.advmusic.defenses;

import java.util.ArrayList;
import java.util.List;
import org.advmusic.defenses.squeezing.DetectorReport;

/**
 * The seed study's comparison as data: clean accuracy and its change per model (Table 3), accuracy
 * under FGSM and PGD per budget (Table 4), the best defense per budget (Table 6), and the detector
 * rows. Every accuracy under attack carries its threat model and whether it is adaptive.
 *
 * @param rows      one per model; the first is the undefended baseline
 * @param detectors detector evaluations (naive and adaptive)
 */
public record DefenseComparison(List<DefenseRow> rows, List<DetectorReport> detectors) {

    /** Validates that there is a baseline. */
    public DefenseComparison {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("defense comparison: no models (the first row is the baseline)");
        }
        rows = List.copyOf(rows);
        detectors = List.copyOf(detectors);
    }

    /**
     * The best model per budget under {@code attack}, judged by its adaptive accuracy (a naive number
     * never wins).
     */
    public List<Best> bestPerEpsilon(String attack, double[] epsilons) {
        List<Best> out = new ArrayList<>();
        for (double eps : epsilons) {
            DefenseRow best = null;
            double bestAccuracy = Double.NEGATIVE_INFINITY;
            for (DefenseRow row : rows) {
                double accuracy = row.adaptiveAccuracy(attack, eps);
                if (!Double.isNaN(accuracy) && accuracy > bestAccuracy) {
                    bestAccuracy = accuracy;
                    best = row;
                }
            }
            if (best != null) {
                out.add(new Best(eps, best.model(), bestAccuracy, bestAccuracy - rows.get(0).adaptiveAccuracy(attack, eps)));
            }
        }
        return out;
    }

    /**
     * @param epsilon         the budget
     * @param model           the best model's name
     * @param accuracy        its adaptive accuracy
     * @param gainOverBaseline accuracy minus the baseline's
     */
    public record Best(double epsilon, String model, double accuracy, double gainOverBaseline) {
    }
}
