package org.advmusic.engine.backend.cpu;

import static org.advmusic.engine.backend.cpu.CpuTesting.assertClose;
import static org.advmusic.engine.backend.cpu.CpuTesting.download;
import static org.advmusic.engine.backend.cpu.CpuTesting.reference;
import static org.advmusic.engine.backend.cpu.CpuTesting.values;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.advmusic.engine.Backend;
import org.advmusic.engine.DeviceBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GEMM of both CPU kernels against the float64 reference. The tolerance is the classical bound of
 * a float32 dot product of length k: {@code |error| <= (k + 4) * 2^-24 * (|alpha| sum_p |a_ip| |b_pj| + |beta c_ij|)},
 * so it grows with k and scales with the magnitude of the terms.
 */
class GemmParityTest {
    private static final double UNIT_ROUNDOFF = 0x1.0p-24;

    /** One call of Backend.gemm with its buffer lengths. */
    record Call(boolean transA, boolean transB, int m, int n, int k, double alpha, double beta,
                int aOffset, int strideA, int bOffset, int strideB, int cOffset, int strideC, int batch) {

        static Call single(boolean transA, boolean transB, int m, int n, int k) {
            return new Call(transA, transB, m, n, k, 1.0, 0.0, 0, 0, 0, 0, 0, 0, 1);
        }

        int lengthA() {
            return aOffset + Math.max(0, batch - 1) * strideA + m * k;
        }

        int lengthB() {
            return bOffset + Math.max(0, batch - 1) * strideB + k * n;
        }

        int lengthC() {
            return cOffset + Math.max(0, batch - 1) * strideC + m * n;
        }

        @Override
        public String toString() {
            return (transA ? "A^T" : "A") + (transB ? " B^T" : " B") + " m" + m + " n" + n + " k" + k
                    + (alpha != 1 || beta != 0 ? " alpha " + alpha + " beta " + beta : "")
                    + (batch != 1 ? " batch " + batch + " strides " + strideA + "/" + strideB + "/" + strideC : "")
                    + (aOffset + bOffset + cOffset > 0 ? " offsets " + aOffset + "/" + bOffset + "/" + cOffset : "");
        }
    }

    static Stream<Arguments> calls() {
        List<Call> calls = new ArrayList<>();
        int[][] sizes = {{1, 1, 1}, {7, 7, 7}, {33, 33, 33}, {1, 33, 7}, {33, 1, 1000}, {7, 1000, 33}, {1000, 7, 33},
                {1000, 33, 7}, {97, 131, 389}, {13, 2100, 5}};
        for (int[] s : sizes) {
            for (int t = 0; t < 4; t++) {
                calls.add(Call.single((t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2]));
            }
        }
        calls.add(new Call(false, false, 9, 17, 5, 0.5, 2.0, 0, 0, 0, 0, 0, 0, 1));
        calls.add(new Call(true, true, 40, 50, 60, -1.5, 0.25, 0, 0, 0, 0, 0, 0, 1));
        calls.add(new Call(false, true, 12, 20, 30, 1.0, 1.0, 3, 0, 5, 0, 7, 0, 1));
        calls.add(new Call(false, false, 6, 16, 8, 2.0, 0.0, 1, 0, 2, 0, 3, 0, 1));
        // batched, with gaps between the matrices
        calls.add(new Call(false, false, 5, 9, 11, 1.0, 0.0, 0, 60, 4, 100, 0, 50, 4));
        calls.add(new Call(true, false, 30, 40, 20, 1.0, 0.5, 0, 600, 0, 800, 2, 1210, 3));
        // shared A (a convolution weight) and shared B
        calls.add(new Call(false, false, 8, 300, 27, 1.0, 0.0, 0, 0, 0, 27 * 300, 0, 8 * 300, 5));
        calls.add(new Call(false, true, 70, 9, 64, 1.0, 0.0, 0, 70 * 64, 0, 0, 0, 70 * 9, 6));
        calls.add(new Call(true, true, 3, 4, 2, 1.0, 0.0, 0, 0, 0, 0, 0, 12, 2));
        // empty inner dimension: C = beta C
        calls.add(new Call(false, false, 4, 5, 0, 1.0, 0.5, 0, 0, 0, 0, 0, 0, 1));
        List<Arguments> arguments = new ArrayList<>();
        for (CpuBackend cpu : CpuTesting.backends()) {
            for (Call call : calls) {
                arguments.add(Arguments.of(cpu.gemmKernelName(), call, cpu));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("calls")
    void matchesTheReference(String kernel, Call call, CpuBackend cpu) {
        float[] a = values(1, call.lengthA());
        float[] b = values(2, call.lengthB());
        float[] c = values(3, call.lengthC());
        double[] expected = run(reference(), call, a, b, c);
        double[] actual = run(cpu, call, a, b, c);
        double[] bound = errorBound(call, a, b, c);
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= bound[i])) {
                fail(String.format("%s: C element %d is %.9g, reference %.9g, bound %.3g", call, i, actual[i],
                        expected[i], bound[i]));
            }
        }
    }

    private static double[] run(Backend backend, Call call, float[] a, float[] b, float[] c) {
        DeviceBuffer cBuffer = backend.upload(c);
        backend.gemm(call.transA, call.transB, call.m, call.n, call.k, call.alpha, backend.upload(a), call.aOffset,
                call.strideA, backend.upload(b), call.bOffset, call.strideB, call.beta, cBuffer, call.cOffset,
                call.strideC, call.batch);
        return download(backend, cBuffer);
    }

    /** The float32 dot-product bound per element of C; 0 outside the C matrices, which must stay unchanged. */
    private static double[] errorBound(Call call, float[] a, float[] b, float[] c) {
        Call magnitudes = new Call(call.transA, call.transB, call.m, call.n, call.k, Math.abs(call.alpha),
                Math.abs(call.beta), call.aOffset, call.strideA, call.bOffset, call.strideB, call.cOffset,
                call.strideC, call.batch);
        double[] terms = run(reference(), magnitudes, abs(a), abs(b), abs(c));
        double[] bound = new double[terms.length];
        for (int i = 0; i < bound.length; i++) {
            bound[i] = insideC(call, i) ? (call.k + 4) * UNIT_ROUNDOFF * terms[i] + Double.MIN_NORMAL : 0;
        }
        return bound;
    }

    private static boolean insideC(Call call, int index) {
        for (int t = 0; t < call.batch; t++) {
            int start = call.cOffset + t * call.strideC;
            if (index >= start && index < start + call.m * call.n) {
                return true;
            }
        }
        return false;
    }

    private static float[] abs(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.abs(v[i]);
        }
        return out;
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        for (CpuBackend cpu : CpuTesting.backends()) {
            float[] nan = new float[6 * 20];
            Arrays.fill(nan, Float.NaN);
            DeviceBuffer c = cpu.upload(nan);
            cpu.gemm(false, false, 6, 20, 3, 1.0, cpu.upload(values(4, 18)), cpu.upload(values(5, 60)), 0.0, c);
            DeviceBuffer expected = reference().allocate(120);
            reference().gemm(false, false, 6, 20, 3, 1.0, reference().upload(values(4, 18)),
                    reference().upload(values(5, 60)), 0.0, expected);
            assertClose(cpu.gemmKernelName() + ", C full of NaN, beta 0", download(reference(), expected),
                    download(cpu, c), 1e-6);
        }
    }

    @Test
    void badArgumentsAreReportedBeforeAnyWork() {
        CpuBackend cpu = CpuTesting.VECTOR;
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> cpu.gemm(false, false, 4, 4, 4, 1.0, cpu.allocate(10), cpu.allocate(16), 0.0, cpu.allocate(16)));
        assertTrue(tooShort.getMessage().contains("A has offset 0"), tooShort.getMessage());
        IllegalArgumentException sharedC = assertThrows(IllegalArgumentException.class, () -> cpu.gemm(false, false,
                2, 2, 2, 1.0, cpu.allocate(4), 0, 0, cpu.allocate(4), 0, 0, 0.0, cpu.allocate(8), 0, 0, 2));
        assertTrue(sharedC.getMessage().contains("stride 0"), sharedC.getMessage());
        IllegalArgumentException otherBackend = assertThrows(IllegalArgumentException.class, () -> cpu.gemm(false,
                false, 2, 2, 2, 1.0, reference().allocate(4), cpu.allocate(4), 0.0, cpu.allocate(4)));
        assertTrue(otherBackend.getMessage().contains("reference"), otherBackend.getMessage());
    }
}
