package org.advmusic.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReluGateTest {

    private static void check(float g, float v) {
        float expected = v > 0 ? g : 0f;
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(ReluGate.gate(g, v)),
                "gate(" + g + ", " + v + ") with v bits " + Integer.toHexString(Float.floatToRawIntBits(v)));
    }

    @Test
    void equalsTheBranchOnEveryKindOfValue() {
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1f, -1f, Float.MAX_VALUE,
            -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0x7fffffff), Float.intBitsToFloat(0xffc00000)};
        for (float v : special) {
            for (float g : special) {
                check(g, v);
            }
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            check(Float.intBitsToFloat(random.nextInt()), Float.intBitsToFloat(random.nextInt()));
        }
    }

    /** The vector loop of the batch norm + ReLU backward gives the scalar loop's bits, row tails included. */
    @Test
    void theVectorLoopEqualsTheScalarLoop() {
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1f, -1f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0xffc00000)};
        SplittableRandom random = new SplittableRandom(8);
        int channels = 3;
        float[] scale = {0.75f, -2f, 0f};
        for (int spatial : new int[] {1, 7, 130, 16 * 16}) {
            int n = 4 * channels * spatial;
            float[] g = new float[n];
            float[] output = new float[n];
            for (int i = 0; i < n; i++) {
                boolean pair = i < special.length * special.length;
                g[i] = pair ? special[i % special.length] : (float) random.nextGaussian();
                output[i] = pair ? special[i / special.length] : (float) random.nextGaussian();
            }
            for (int rowStart : new int[] {0, 2}) {
                for (int rowEnd : new int[] {4 * channels, 4 * channels - 1, rowStart}) {
                    float[] expected = new float[n];
                    float[] actual = new float[n];
                    BatchNormLoops.forEachRow(channels, spatial, rowStart, rowEnd,
                            (c, start, end) -> BatchNormLoops.rectifiedScale(g, output, scale[c], expected, start, end));
                    VectorReluGate.rectifiedScale(g, output, scale, actual, channels, spatial, rowStart, rowEnd);
                    CpuTesting.assertBitIdentical("spatial " + spatial + ", rows [" + rowStart + ", " + rowEnd + ")",
                            expected, actual);
                }
            }
        }
    }
}
