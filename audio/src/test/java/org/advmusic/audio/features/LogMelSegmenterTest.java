package org.advmusic.audio.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.advmusic.audio.dsp.DecibelMapping;
import org.advmusic.audio.dsp.DftBasis;
import org.advmusic.audio.dsp.Framing;
import org.advmusic.audio.dsp.HannWindow;
import org.advmusic.audio.dsp.MelNormalization;
import org.advmusic.audio.dsp.MelScale;
import org.advmusic.audio.dsp.PaddingMode;
import org.advmusic.audio.dsp.PowerToDecibels;
import org.junit.jupiter.api.Test;

class LogMelSegmenterTest {

    @Test
    void defaultSegmentsAre128By130InTheUnitBox() {
        float[] track = noise(66150 * 2 + 1000, 1);
        SegmentedTrack out = new LogMelSegmenter(FrontEndSettings.librosaDefaults(), SegmentSettings.defaults()).segment(track);
        assertEquals(2, out.segments(), "7 s give two full 3 s segments");
        assertEquals(2 * 128 * 130, out.inputs().length);
        float max = 0;
        for (float v : out.inputs()) {
            assertTrue(v >= 0 && v <= 1, "value " + v + " outside [0, 1]");
            max = Math.max(max, v);
        }
        assertEquals(1.0f, max, "the track's loudest mel bin is 0 dB, mapped to 1");
    }

    @Test
    void epsilonConvertsToDecibelsThroughTheFixedRange() {
        DecibelMapping map = SegmentSettings.defaults().mapping();
        assertEquals(0.8, map.epsilonToDecibels(0.01), 1e-12, "eps 0.01 on [-80, 0] dB");
        assertEquals(0.5, map.toUnit(-40), 1e-12);
        assertEquals(0.0, map.toUnit(-95), 0, "clipped below");
        assertEquals(-20.0, map.toDecibels(0.75), 1e-12);
    }

    /**
     * The fast path equals the same computation written with the exposed linear pieces (framing
     * indices, Hann window, DFT matrices, mel matrix, power_to_db, the dB map), as a differentiable
     * front end would compose them. Small settings keep the matrices small.
     */
    @Test
    void fastPathEqualsTheComposedLinearPieces() {
        FrontEndSettings settings = new FrontEndSettings(8000, 256, 64, true, PaddingMode.REFLECT, 32, 50, 3800,
                MelScale.HTK, MelNormalization.SLANEY, 1e-10, 80);
        SegmentSettings segments = new SegmentSettings(2000, 3, DecibelReference.TRACK_MAXIMUM, new DecibelMapping(-60, 0));
        float[] track = noise(5000, 2);
        SegmentedTrack fast = new LogMelSegmenter(settings, segments).segment(track);

        Framing framing = settings.framing();
        DftBasis dft = new DftBasis(256);
        double[] real = dft.realMatrix();
        double[] imaginary = dft.imaginaryMatrix();
        double[] window = HannWindow.periodic(256);
        double[] mel = settings.filterbank().matrix();
        int frames = framing.frameCount(2000);
        float[] reference = new float[2 * 32 * frames];
        for (int s = 0; s < 2; s++) {
            for (int t = 0; t < frames; t++) {
                double[] power = new double[129];
                for (int k = 0; k < 129; k++) {
                    double re = 0;
                    double im = 0;
                    for (int j = 0; j < 256; j++) {
                        int index = framing.sourceIndex(t, j, 2000);
                        double x = index < 0 ? 0 : track[s * 2000 + index] * window[j];
                        re += real[k * 256 + j] * x;
                        im += imaginary[k * 256 + j] * x;
                    }
                    power[k] = re * re + im * im;
                }
                for (int m = 0; m < 32; m++) {
                    double sum = 0;
                    for (int k = 0; k < 129; k++) {
                        sum += mel[m * 129 + k] * power[k];
                    }
                    reference[(s * 32 + m) * frames + t] = (float) sum;
                }
            }
        }
        double max = 0;
        for (float v : reference) {
            max = Math.max(max, v);
        }
        PowerToDecibels.apply(reference, 0, reference.length, max, 1e-10, 80);
        segments.mapping().toUnitInPlace(reference, 0, reference.length);
        assertEquals(reference.length, fast.inputs().length);
        for (int i = 0; i < reference.length; i++) {
            assertEquals(reference[i], fast.inputs()[i], 2e-5, "value " + i + " (1e-5 of 60 dB is 0.6 mdB)");
        }
        assertEquals(10 * Math.log10(max), fast.referenceDecibels()[0], 1e-4);
    }

    static float[] noise(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextDouble() - 0.5) * (i % 3000 < 1500 ? 1f : 0.1f);
        }
        return x;
    }
}
