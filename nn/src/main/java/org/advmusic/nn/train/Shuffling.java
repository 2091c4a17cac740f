package org.advmusic.nn.train;

import org.advmusic.engine.CounterRandom;

/** Seeded permutations for mini-batch order. */
final class Shuffling {
    private Shuffling() {
    }

    /** A permutation of {@code [0, n)} that depends only on {@code seed} (Fisher-Yates with {@link CounterRandom}). */
    static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) (CounterRandom.uniform(seed, i) * (i + 1));
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
