package org.advmusic.bench;

import org.advmusic.engine.CounterRandom;

/** Seeded benchmark inputs. */
final class Inputs {
    private Inputs() {
    }

    /** {@code n} floats uniform on {@code [-1, 1)} from stream {@code seed}. */
    static float[] uniform(long seed, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (2 * CounterRandom.uniform(seed, i) - 1);
        }
        return v;
    }
}
