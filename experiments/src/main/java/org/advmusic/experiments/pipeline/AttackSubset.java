package org.advmusic.experiments.pipeline;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.advmusic.nn.train.LabeledData;

/** The test samples an evaluation attacks: a seeded sample of the test split (all of it when smaller). */
public final class AttackSubset {
    private AttackSubset() {
    }

    /** Up to {@code size} rows of {@code test}, chosen by a seeded shuffle and kept in increasing order. */
    public static int[] rows(int available, int size, long seed) {
        int[] order = new int[available];
        for (int i = 0; i < available; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = available - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] rows = Arrays.copyOf(order, Math.min(size, available));
        Arrays.sort(rows);
        return rows;
    }

    /** The subset itself. */
    public static LabeledData of(LabeledData test, int size, long seed) {
        return size >= test.size() ? test : test.subset(rows(test.size(), size, seed));
    }
}
