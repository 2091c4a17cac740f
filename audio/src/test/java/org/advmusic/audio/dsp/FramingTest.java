package org.advmusic.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FramingTest {

    @Test
    void threeSecondsAt22050GiveLibrosaFrameCounts() {
        assertEquals(130, new Framing(2048, 512, true, PaddingMode.ZERO).frameCount(66150), "center=True");
        assertEquals(130, new Framing(2048, 512, true, PaddingMode.ZERO).frameCount(66149), "GTZAN's 66149-sample rows");
        assertEquals(126, new Framing(2048, 512, false, PaddingMode.ZERO).frameCount(66150), "center=False");
        assertEquals(1293, new Framing(2048, 512, true, PaddingMode.ZERO).frameCount(661794), "a 30.013 s GTZAN track");
    }

    @Test
    void zeroAndReflectPaddingReadTheExpectedSamples() {
        float[] signal = {1, 2, 3, 4, 5};
        float[] ones = {1, 1, 1, 1};
        float[] out = new float[4];
        new Framing(4, 2, true, PaddingMode.ZERO).frame(signal, 0, 5, 0, ones, out);
        assertArrayEquals(new float[] {0, 0, 1, 2}, out);
        new Framing(4, 2, true, PaddingMode.REFLECT).frame(signal, 0, 5, 0, ones, out);
        assertArrayEquals(new float[] {3, 2, 1, 2}, out, "numpy reflect: x2 x1 | x0 x1");
        new Framing(4, 2, true, PaddingMode.REFLECT).frame(signal, 0, 5, 2, ones, out);
        assertArrayEquals(new float[] {3, 4, 5, 4}, out, "... x4 | x3");
        new Framing(4, 2, false, PaddingMode.ZERO).frame(signal, 0, 5, 0, new float[] {1, 0.5f, 0.5f, 1}, out);
        assertArrayEquals(new float[] {1, 1, 1.5f, 4}, out, "window applied");
    }
}
