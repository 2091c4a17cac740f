package org.advmusic.attacks;

/**
 * What the adversary may do, stated with every result: the norm, the budget {@code epsilon} (for
 * minimum-norm attacks, the largest norm reported as a success; infinity means unbounded), the
 * input box, and the goal (untargeted or a target selection).
 */
public record ThreatModel(Norm norm, double epsilon, InputBox box, Targeting targeting) {

    /** Validates epsilon (not NaN, not negative). */
    public ThreatModel {
        if (norm == null || box == null || targeting == null) {
            throw new IllegalArgumentException("threat model: norm, box and targeting are required");
        }
        if (Double.isNaN(epsilon) || epsilon < 0) {
            throw new IllegalArgumentException("threat model: epsilon is " + epsilon + ", expected a number >= 0");
        }
    }

    /** Untargeted in the unit box. */
    public static ThreatModel untargeted(Norm norm, double epsilon) {
        return new ThreatModel(norm, epsilon, InputBox.UNIT, Targeting.untargeted());
    }

    /** The same threat model with another epsilon. */
    public ThreatModel withEpsilon(double newEpsilon) {
        return new ThreatModel(norm, newEpsilon, box, targeting);
    }

    /** The same threat model with another norm (epsilon is kept: convert it first when the norm changes its meaning). */
    public ThreatModel withNorm(Norm newNorm) {
        return new ThreatModel(newNorm, epsilon, box, targeting);
    }

    /** The same threat model with another goal. */
    public ThreatModel withTargeting(Targeting newTargeting) {
        return new ThreatModel(norm, epsilon, box, newTargeting);
    }

    /** The same threat model with another box. */
    public ThreatModel withBox(InputBox newBox) {
        return new ThreatModel(norm, epsilon, newBox, targeting);
    }

    /**
     * For example "Linf eps=0.01 box [0.0, 1.0] untargeted", or with the box's unit stated
     * "Linf eps=0.01 box [0.0, 1.0] (1 = 80 dB (fixed map of [-80, 0] dB to [0, 1])) untargeted".
     */
    public String describe() {
        return norm.label() + " eps=" + (Double.isInfinite(epsilon) ? "unbounded" : epsilon) + " box " + box
                + (box.unit() == null ? "" : " (" + box.unit() + ")") + " " + targeting.describe();
    }
}
