package org.advmusic.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The windowed-sinc resampler on pure tones of amplitude 0.5: away from the edges (the kernel reaches
 * 64 zero crossings, i.e. 128 input samples when downsampling by 2), a tone inside the pass band
 * (up to 9 kHz at 22050 Hz) comes out within 1e-6 (-114 dB) of the exact sine at the new rate (the
 * measured error is about 5e-8, float rounding), and a tone above the new Nyquist frequency is
 * suppressed below 1e-6.
 */
class ResamplerTest {
    private static final int EDGE = 200;

    private static final double BOUND = 1e-6;

    @Test
    void downsamplingAToneBy2IsAccurate() {
        for (double hz : new double[] {1000, 9000}) {
            double error = maxErrorOfTone(44100, 22050, hz);
            assertTrue(error < BOUND, hz + " Hz, 44100 -> 22050 Hz: max error " + error + ", bound " + BOUND);
        }
    }

    @Test
    void upsamplingAndOddRatiosAreAccurate() {
        double up = maxErrorOfTone(22050, 44100, 3000.0);
        assertTrue(up < BOUND, "3 kHz, 22050 -> 44100 Hz: max error " + up + ", bound " + BOUND);
        double odd = maxErrorOfTone(48000, 22050, 5000.0);
        assertTrue(odd < BOUND, "5 kHz, 48000 -> 22050 Hz (147 phases): max error " + odd + ", bound " + BOUND);
        double interpolated = maxErrorOfTone(44101, 22050, 2000.0);
        assertTrue(interpolated < BOUND, "2 kHz, 44101 -> 22050 Hz (table path): max error " + interpolated);
    }

    @Test
    void polyphaseAndTablePathsAgree() {
        float[] x = tone(3000, 48000, 4321.0);
        float[] exact = Resampler.polyphase(x, 320, 147);
        float[] table = Resampler.interpolated(x, 48000, 22050);
        assertEquals(exact.length, table.length);
        for (int i = 0; i < exact.length; i++) {
            assertEquals(exact[i], table[i], 1e-6, "sample " + i + ", edges included");
        }
    }

    @Test
    void aToneAboveTheNewNyquistIsRemoved() {
        float[] tone = tone(44100 * 2, 44100, 15000.0);
        float[] out = Resampler.resample(tone, 44100, 22050);
        double peak = 0;
        for (int i = EDGE; i < out.length - EDGE; i++) {
            peak = Math.max(peak, Math.abs(out[i]));
        }
        assertTrue(peak < BOUND, "15 kHz cannot exist at 22050 Hz (aliasing would put it at 7050 Hz); residual " + peak);
    }

    @Test
    void lengthFollowsLibrosaAndEqualRatesReturnTheInput() {
        float[] x = new float[1001];
        assertEquals(501, Resampler.resample(x, 44100, 22050).length, "ceil(1001 / 2)");
        assertEquals(460, Resampler.resample(x, 48000, 22050).length, "ceil(1001 * 22050 / 48000)");
        assertSame(x, Resampler.resample(x, 22050, 22050));
    }

    @Test
    void besselSeriesMatchesKnownValues() {
        assertEquals(1.0, Resampler.besselI0(0), 0);
        assertEquals(1.2660658777520082, Resampler.besselI0(1), 1e-15);
        assertEquals(27.239871823604442, Resampler.besselI0(5), 1e-12);
    }

    private static double maxErrorOfTone(int from, int to, double hz) {
        float[] in = tone(from, from, hz);
        float[] out = Resampler.resample(in, from, to);
        double max = 0;
        for (int i = EDGE; i < out.length - EDGE; i++) {
            max = Math.max(max, Math.abs(out[i] - 0.5 * Math.sin(2 * Math.PI * hz * i / to)));
        }
        return max;
    }

    private static float[] tone(int n, int sampleRate, double hz) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        return x;
    }
}
