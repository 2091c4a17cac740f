package org.advmusic.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.CounterRandom;
import org.advmusic.engine.DeviceBuffer;

/** Shared fixtures of the CPU backend tests: backends with each GEMM kernel, seeded data, comparisons. */
final class CpuTesting {
    /** Three threads, so that work is split unevenly on purpose. */
    static final ParallelExecutor THREE_THREADS = new ParallelExecutor(3);
    static final CpuBackend VECTOR = new CpuBackend(THREE_THREADS, GemmKernels.vector());
    static final CpuBackend PLAIN = new CpuBackend(THREE_THREADS, new PlainGemmKernel());

    private CpuTesting() {
    }

    /** The CPU backend with each GEMM kernel. */
    static List<CpuBackend> backends() {
        return List.of(VECTOR, PLAIN);
    }

    static Backend reference() {
        return Backends.reference();
    }

    /** {@code n} seeded floats, uniform on {@code [low, high)}. */
    static float[] values(long seed, int n, double low, double high) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (low + (high - low) * CounterRandom.uniform(seed, i));
        }
        return v;
    }

    /** {@code n} seeded floats, uniform on {@code [-1, 1)}. */
    static float[] values(long seed, int n) {
        return values(seed, n, -1, 1);
    }

    static double[] download(Backend backend, DeviceBuffer buffer) {
        double[] out = new double[buffer.length()];
        backend.download(buffer, out);
        return out;
    }

    /**
     * Fails unless {@code |actual[i] - expected[i]| <= tolerance * (|expected[i]| + 1)} for every i:
     * a relative tolerance for values of magnitude one and above, absolute below. Equal infinities and
     * two NaNs match.
     */
    static void assertClose(String what, double[] expected, double[] actual, double tolerance) {
        if (expected.length != actual.length) {
            fail(what + ": " + actual.length + " values, expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(actual[i] - expected[i]);
            boolean same = actual[i] == expected[i] || Double.isNaN(actual[i]) && Double.isNaN(expected[i]);
            if (!same && !(error <= tolerance * (Math.abs(expected[i]) + 1))) {
                fail(String.format("%s: element %d is %.9g, reference %.9g (error %.3g, tolerance %.1g relative)",
                        what, i, actual[i], expected[i], error, tolerance));
            }
        }
    }

    /** Fails unless the two arrays hold the same bits. */
    static void assertBitIdentical(String what, float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                fail(what + ": element " + i + " is " + actual[i] + " in one run and " + expected[i] + " in the other");
            }
        }
    }
}
