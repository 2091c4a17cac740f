package org.advmusic.defenses;

import java.util.List;

/**
 * One model of the comparison: its clean accuracy, the change from the baseline, and its accuracy
 * under each attack and budget.
 *
 * @param model              short name, e.g. "baseline", "adversarial mixed"
 * @param description        how it was trained or defended
 * @param cleanAccuracy      accuracy without attack
 * @param changeFromBaseline {@code cleanAccuracy - baseline clean accuracy} (0 for the baseline)
 * @param trainingSeconds    training time, or NaN when not trained here
 * @param underAttack        accuracy under attack, one entry per (attack, epsilon, kind)
 */
public record DefenseRow(String model, String description, double cleanAccuracy, double changeFromBaseline,
                         double trainingSeconds, List<AttackedAccuracy> underAttack) {

    /**
     * @param attack    e.g. "FGSM" or "PGD-10"
     * @param threat    the threat model in words
     * @param epsilon   the budget
     * @param accuracy  robust accuracy
     * @param kind      how gradients crossed the defense
     */
    public record AttackedAccuracy(String attack, String threat, double epsilon, double accuracy, EvaluationKind kind) {
    }

    /** The adaptive (or white-box) accuracy under {@code attack} at {@code epsilon}, or NaN. */
    public double adaptiveAccuracy(String attack, double epsilon) {
        return underAttack.stream()
                .filter(a -> a.attack().equals(attack) && a.epsilon() == epsilon && a.kind().adaptive())
                .mapToDouble(AttackedAccuracy::accuracy).min().orElse(Double.NaN);
    }
}
