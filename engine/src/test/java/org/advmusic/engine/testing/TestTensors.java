package org.advmusic.engine.testing;

import org.advmusic.engine.Backend;
import org.advmusic.engine.CounterRandom;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/** Seeded test inputs, including inputs kept away from the kinks of non-smooth operations. */
public final class TestTensors {
    private TestTensors() {
    }

    /** Uniform on {@code [low, high)}. */
    public static Tensor uniform(Backend backend, long seed, double low, double high, int... dims) {
        return Tensor.uniform(backend, seed, Shape.of(dims), low, high);
    }

    /** Uniform on {@code [-1, 1)} with every |value| at least {@code gap} (away from a kink at 0). */
    public static Tensor awayFromZero(Backend backend, long seed, double gap, int... dims) {
        double[] v = Tensor.uniform(backend, seed, Shape.of(dims), -1, 1).toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.copySign(gap + Math.abs(v[i]) * (1 - gap), v[i]);
        }
        return Tensor.fromArray(backend, v, dims);
    }

    /**
     * Distinct values {@code (k + 0.5) * spacing} in a seeded random order, so maxima are unique and
     * separated by more than any finite-difference step (max and max-pool checks).
     */
    public static Tensor distinct(Backend backend, long seed, double spacing, int... dims) {
        int n = Shape.of(dims).size();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i - n / 2.0 + 0.5) * spacing;
        }
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates with the counter-based generator
            int j = (int) (CounterRandom.uniform(seed, i) * (i + 1));
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return Tensor.fromArray(backend, v, dims);
    }
}
