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
}
