package org.advmusic.attacks;

import java.util.SplittableRandom;

/**
 * Whether an attack only has to change the prediction (untargeted) or must reach a target class,
 * and how the targets are chosen.
 */
public sealed interface Targeting {

    /** Any class other than the true one counts as success. */
    record Untargeted() implements Targeting {
    }

    /** One given target class per sample. */
    record Given(int[] targets) implements Targeting {
        /** Copies the targets. */
        public Given {
            targets = targets.clone();
        }
    }

    /** The class the model finds least likely on the clean input. */
    record LeastLikely() implements Targeting {
    }

    /** A uniformly random class other than the true one, from a seed. */
    record RandomOther(long seed) implements Targeting {
    }

    /** The untargeted goal. */
    static Targeting untargeted() {
        return new Untargeted();
    }

    /** Whether success means reaching a target class. */
    default boolean isTargeted() {
        return !(this instanceof Untargeted);
    }

    /** A short description for reports, e.g. "untargeted" or "targeted (least likely class)". */
    default String describe() {
        if (this instanceof Given) {
            return "targeted (given targets)";
        } else if (this instanceof LeastLikely) {
            return "targeted (least likely class)";
        } else if (this instanceof RandomOther r) {
            return "targeted (random other class, seed " + r.seed() + ")";
        }
        return "untargeted";
    }

    /**
     * The target of every sample, or null when untargeted.
     *
     * @param labels      true labels (N)
     * @param cleanLogits clean scores (N x classes), row-major
     * @throws IllegalArgumentException when a given target is out of range or equals the true label
     */
    default int[] resolve(int[] labels, double[] cleanLogits, int classes) {
        int n = labels.length;
        int[] targets = new int[n];
        if (this instanceof Given g) {
            if (g.targets().length != n) {
                throw new IllegalArgumentException("targeted attack: " + g.targets().length + " targets for " + n + " samples");
            }
            for (int i = 0; i < n; i++) {
                int t = g.targets()[i];
                if (t < 0 || t >= classes) {
                    throw new IllegalArgumentException("targeted attack: target " + t + " of sample " + i
                            + " is outside [0, " + classes + ")");
                }
                if (t == labels[i]) {
                    throw new IllegalArgumentException("targeted attack: target " + t + " of sample " + i
                            + " equals its true label; a target must be another class");
                }
                targets[i] = t;
            }
        } else if (this instanceof LeastLikely) {
            for (int i = 0; i < n; i++) {
                int best = -1;
                for (int c = 0; c < classes; c++) {
                    if (c != labels[i] && (best < 0 || cleanLogits[i * classes + c] < cleanLogits[i * classes + best])) {
                        best = c;
                    }
                }
                targets[i] = best;
            }
        } else if (this instanceof RandomOther r) {
            SplittableRandom random = new SplittableRandom(r.seed());
            for (int i = 0; i < n; i++) {
                int c = random.nextInt(classes - 1);
                targets[i] = c >= labels[i] ? c + 1 : c;
            }
        } else {
            return null;
        }
        return targets;
    }
}
