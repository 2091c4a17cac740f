package org.advmusic.attacks;

import java.util.Arrays;

/** The success test of an attack for each sample of a batch, plus small index helpers. */
final class Goal {
    private final int[] labels;
    private final int[] targets;

    /** @param targets null when untargeted */
    Goal(int[] labels, int[] targets) {
        this.labels = labels;
        this.targets = targets;
    }

    /** Untargeted: the prediction differs from the label; targeted: it equals the target. */
    boolean reached(int sample, int prediction) {
        return AbstractAttack.goalReached(prediction, labels[sample], targets == null ? -1 : targets[sample]);
    }

    /** Whether success means reaching a target. */
    boolean targeted() {
        return targets != null;
    }

    /** The class the attack moves towards (targeted) or away from (untargeted). */
    int referenceClass(int sample) {
        return targets == null ? labels[sample] : targets[sample];
    }

    /** {@code [0, 1, ..., n - 1]}. */
    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** The indices where {@code flags[i] == value}. */
    static int[] indicesWhere(boolean[] flags, boolean value) {
        int[] out = new int[flags.length];
        int count = 0;
        for (int i = 0; i < flags.length; i++) {
            if (flags[i] == value) {
                out[count++] = i;
            }
        }
        return Arrays.copyOf(out, count);
    }
}
