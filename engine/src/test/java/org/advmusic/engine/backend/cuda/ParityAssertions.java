package org.advmusic.engine.backend.cuda;

import org.advmusic.engine.Backend;
import org.advmusic.engine.CounterRandom;
import org.advmusic.engine.Tensor;

/** Seeded float inputs and the comparisons of the CUDA parity tests. */
final class ParityAssertions {
    private ParityAssertions() {
    }

    /** {@code n} floats uniform on {@code [low, high)}, the same on every backend. */
    static float[] uniform(long seed, int n, double low, double high) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (low + (high - low) * CounterRandom.uniform(seed, i));
        }
        return v;
    }

    /** A tensor of the given float values on {@code backend}. */
    static Tensor tensor(Backend backend, float[] values, int... dims) {
        return Tensor.fromArray(backend, values, dims);
    }

    /** Uniform values on {@code [low, high)} as a tensor on {@code backend}. */
    static Tensor uniform(Backend backend, long seed, double low, double high, int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return tensor(backend, uniform(seed, n, low, high), dims);
    }

    /**
     * Every element agrees within {@code absolute + relative * |expected|}; NaN must meet NaN and an
     * infinity the same infinity.
     */
    static void assertClose(String what, double[] expected, double[] actual, double absolute, double relative) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": " + actual.length + " elements, expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(a)
                    : Double.isInfinite(e) ? a == e
                    : Math.abs(a - e) <= absolute + relative * Math.abs(e);
            if (!ok) {
                throw new AssertionError(String.format("%s: element %d is %s, expected %s (tolerance %.1e + %.1e |expected|)",
                        what, i, a, e, absolute, relative));
            }
        }
    }

    /** The values rounded to float, as a float32 backend must see the float64 reference's results. */
    static double[] roundedToFloat(double[] values) {
        double[] rounded = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            rounded[i] = (float) values[i];
        }
        return rounded;
    }
}
