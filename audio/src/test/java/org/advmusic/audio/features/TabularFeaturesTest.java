package org.advmusic.audio.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TabularFeaturesTest {
    private final TabularFeatures features = new TabularFeatures(FrontEndSettings.librosaDefaults());

    @Test
    void namesFollowGtzanOrderWithoutHarmonyAndPerceptr() {
        List<String> names = TabularFeatures.featureNames();
        assertEquals(53, names.size(), "GTZAN's 57 features without harmony and perceptr (mean and var of each)");
        assertEquals(List.of("chroma_stft_mean", "chroma_stft_var", "rms_mean", "rms_var", "spectral_centroid_mean"),
                names.subList(0, 5));
        assertEquals("tempo", names.get(12));
        assertEquals("mfcc1_mean", names.get(13));
        assertEquals("mfcc20_var", names.get(52));
    }

    @Test
    void aPureToneHasItsFrequencyAsCentroidAndRolloffAndTheExpectedCrossingsAndLevel() {
        double hz = 1000;
        float[] tone = new float[22050 * 3];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / 22050));
        }
        float[] f = features.compute(tone);
        double binWidth = 22050 / 2048.0;
        assertEquals(hz, value(f, "spectral_centroid_mean"), binWidth, "centroid of a 1 kHz tone");
        assertTrue(value(f, "spectral_bandwidth_mean") < 100, "a tone is narrow (Hann side lobes give about 45 Hz; white noise "
                + "about 3 kHz): " + value(f, "spectral_bandwidth_mean"));
        assertEquals(hz, value(f, "rolloff_mean"), 2 * binWidth, "85 % of the energy lies at the tone");
        assertEquals(2 * hz / 22050, value(f, "zero_crossing_rate_mean"), 0.002, "two crossings per period");
        assertEquals(0.5 / Math.sqrt(2), value(f, "rms_mean"), 0.01,
                "RMS of a sine of amplitude 0.5 (zero-padded ends pull it down slightly)");
        assertTrue(value(f, "rms_var") < 1e-3);
    }

    @Test
    void aClickTrackGivesItsTempo() {
        for (double bpm : new double[] {90, 120, 150}) {
            float[] clicks = new float[22050 * 12];
            double period = 60.0 / bpm * 22050;
            java.util.SplittableRandom random = new java.util.SplittableRandom(4);
            for (double at = 0; at + 400 < clicks.length; at += period) {
                for (int i = 0; i < 400; i++) {
                    clicks[(int) at + i] += (float) ((random.nextDouble() - 0.5) * Math.exp(-i / 60.0));
                }
            }
            double tempo = value(features.compute(clicks), "tempo");
            assertEquals(bpm, tempo, bpm * 0.04, "clicks at " + bpm + " BPM (lags are whole frames: 2-3 % steps)");
        }
    }

    private static double value(float[] f, String name) {
        return f[TabularFeatures.featureNames().indexOf(name)];
    }
}
