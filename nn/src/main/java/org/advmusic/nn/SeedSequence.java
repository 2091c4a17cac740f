package org.advmusic.nn;

import org.advmusic.engine.CounterRandom;

/**
 * Hands out independent seeds derived from one model seed, one per layer in construction order
 * ({@link CounterRandom#derive}), so that a model built twice with the same seed is identical.
 */
public final class SeedSequence {
    private final long seed;
    private long next;

    /** A sequence derived from {@code seed}. */
    public SeedSequence(long seed) {
        this.seed = seed;
    }

    /** The next seed of the sequence. */
    public long next() {
        return CounterRandom.derive(seed, next++);
    }
}
