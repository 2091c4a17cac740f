package org.advmusic.experiments.pipeline;

import java.util.Arrays;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.Targeting;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.engine.Shape;

/**
 * The run's budget table: one norm and input box, one list of budgets (every curve and table is
 * measured at these), and one named reference budget (the sanity checklist, the detector,
 * Grad-CAM, the audio examples and the genetic attack all run there).
 *
 * @param norm      the threat model's norm
 * @param box       the valid input range
 * @param epsilons  the budgets, increasing; 0 is the clean point of the curves
 * @param reference the reference budget, one of {@code epsilons}
 */
public record Budgets(Norm norm, InputBox box, double[] epsilons, double reference) {

    /**
     * Validates that every budget can be told apart from an unbounded one in this box: a Linf budget
     * no wider than the box, an L2 budget no longer than the box's diagonal over {@code inputShape}.
     */
    public static Budgets of(Norm norm, InputBox box, double[] epsilons, double reference, Shape inputShape) {
        double largest = norm == Norm.LINF ? box.width() : box.width() * Math.sqrt(inputShape.size());
        for (double eps : epsilons) {
            if (eps > largest) {
                throw new IllegalArgumentException("attacks.epsilons contains " + eps + ", wider than the input box "
                        + box + " allows in " + norm.label() + " (at most " + largest + "): every input is reachable there");
            }
        }
        return new Budgets(norm, box, epsilons.clone(), reference);
    }

    /** The same budgets in another norm (for minimum-norm attacks whose budgets are not stated separately). */
    public Budgets withNorm(Norm other) {
        return new Budgets(other, box, epsilons, reference);
    }

    /** The untargeted threat model at budget {@code epsilon}. */
    public ThreatModel at(double epsilon) {
        return new ThreatModel(norm, epsilon, box, Targeting.untargeted());
    }

    /** The threat model at the reference budget. */
    public ThreatModel atReference() {
        return at(reference);
    }

    /** The threat model without a budget (minimum-norm attacks). */
    public ThreatModel unbounded() {
        return at(Double.POSITIVE_INFINITY);
    }

    /** The positive budgets (the fixed-epsilon attacks to run). */
    public double[] positive() {
        return Arrays.stream(epsilons).filter(e -> e > 0).toArray();
    }
}
