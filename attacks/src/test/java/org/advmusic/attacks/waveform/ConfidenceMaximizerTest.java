package org.advmusic.attacks.waveform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;

/**
 * Confidence maximisation against a pipeline whose scores are flat away from the classes: the
 * features are band log-powers and the zero-crossing rate, the scores narrow RBF bumps around three
 * classes' reference signals (a low harmonic tone, white noise, a high tone). From silence every
 * score underflows to 0, so a search on the scores alone sees nothing to climb; the maximiser must
 * reach each class by matching the class's features.
 */
class ConfidenceMaximizerTest {
    private static final int RATE = 8000;
    private static final int SAMPLES = 4000;
    private static final double[] BAND_EDGES_HZ = {0, 500, 1000, 2000, 4001};
    private static final double GAMMA = 2.0;

    /** (5) log10 of the mean power per band (floor 1e-10) and 10 x the zero-crossing rate. */
    static double[] features(float[] waveform) {
        double[] x = new double[waveform.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = waveform[i];
        }
        new DoubleFFT_1D(x.length).realForward(x);
        double[] out = new double[BAND_EDGES_HZ.length];
        for (int b = 0; b + 1 < BAND_EDGES_HZ.length; b++) {
            double sum = 0;
            int count = 0;
            for (int k = 1; 2 * k + 1 < x.length; k++) {
                double hz = (double) k * RATE / x.length;
                if (hz >= BAND_EDGES_HZ[b] && hz < BAND_EDGES_HZ[b + 1]) {
                    sum += (x[2 * k] * x[2 * k] + x[2 * k + 1] * x[2 * k + 1]) / ((double) x.length * x.length);
                    count++;
                }
            }
            out[b] = Math.log10(sum / count + 1e-10);
        }
        int crossings = 0;
        for (int i = 1; i < waveform.length; i++) {
            crossings += (waveform[i - 1] >= 0) != (waveform[i] >= 0) ? 1 : 0;
        }
        out[BAND_EDGES_HZ.length - 1] = 10.0 * crossings / waveform.length;
        return out;
    }

    /** The reference signal of each class. */
    static float[] reference(int cls) {
        SplittableRandom random = new SplittableRandom(cls);
        float[] w = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            double t = (double) i / RATE;
            double v = switch (cls) {
                case 0 -> 0.04 * Math.sin(2 * Math.PI * 200 * t) + 0.02 * Math.sin(2 * Math.PI * 400 * t + 1);
                case 1 -> 0.03 * (2 * random.nextDouble() - 1);
                default -> 0.05 * Math.sin(2 * Math.PI * 1500 * t) + 0.001 * (2 * random.nextDouble() - 1);
            };
            w[i] = (float) v;
        }
        return w;
    }

    /** exp(-gamma |z - mu_c|^2) per class. */
    static double[] scores(double[] z, double[][] prototypes) {
        double[] s = new double[prototypes.length];
        for (int c = 0; c < s.length; c++) {
            double d = 0;
            for (int f = 0; f < z.length; f++) {
                d += (z[f] - prototypes[c][f]) * (z[f] - prototypes[c][f]);
            }
            s[c] = Math.exp(-GAMMA * d);
        }
        return s;
    }

    @Test
    void reachesEveryClassFromSilenceWhereTheScoresAreFlatWithinThePeak() {
        double[][] prototypes = new double[3][];
        for (int c = 0; c < 3; c++) {
            prototypes[c] = features(reference(c));
        }
        double limit = Math.pow(10, -20 / 20.0);
        for (int c = 0; c < 3; c++) {
            SpectralEnvelopeSignal signal = new SpectralEnvelopeSignal(SAMPLES, RATE, 16, 5L);
            ConfidenceMaximizer.Outcome outcome = new ConfidenceMaximizer(signal, -20, 400, 6, 9L).run(new float[SAMPLES], c,
                    prototypes[c], ConfidenceMaximizerTest::features, z -> scores(z, prototypes));
            assertTrue(Math.abs(outcome.startMargin()) < 1e-12, "the scores of silence are flat: " + outcome.startMargin());
            double[] s = scores(features(outcome.waveform()), prototypes);
            assertEquals(outcome.margin(), ConfidenceMaximizer.margin(s, c), 1e-12);
            assertTrue(outcome.margin() > 0.5, "class " + c + ": margin " + outcome.margin() + ", distance "
                    + outcome.distance());
            assertTrue(outcome.queries() <= 400, "queries " + outcome.queries());
            double peak = 0;
            for (float v : outcome.waveform()) {
                peak = Math.max(peak, Math.abs(v));
            }
            assertTrue(peak <= limit + 1e-6, "peak " + peak);
        }
    }

    @Test
    void fromNoiseTheToneClassesAreReachedByTurningTheNoiseDown() {
        double[][] prototypes = new double[3][];
        for (int c = 0; c < 3; c++) {
            prototypes[c] = features(reference(c));
        }
        SplittableRandom random = new SplittableRandom(3);
        float[] noise = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            noise[i] = (float) (0.01 * (2 * random.nextDouble() - 1)); // -40 dBFS peak: its bands sit far above a tone's
        }
        for (int c : new int[] {0, 2}) {
            SpectralEnvelopeSignal signal = new SpectralEnvelopeSignal(SAMPLES, RATE, 16, 5L);
            ConfidenceMaximizer.Outcome outcome = new ConfidenceMaximizer(signal, -20, 400, 6, 9L).run(noise, c,
                    prototypes[c], ConfidenceMaximizerTest::features, z -> scores(z, prototypes));
            assertTrue(outcome.startMargin() < 1e-3, "noise is none of the tones: " + outcome.startMargin());
            assertTrue(outcome.margin() > 0.5, "class " + c + ": margin " + outcome.margin() + ", distance "
                    + outcome.distance());
            double startGainDb = outcome.parameters()[outcome.parameters().length - 1];
            assertTrue(startGainDb < -20, "the noise's gain " + startGainDb + " dB");
        }
    }

    @Test
    void unknownClassAndALoudStartAreNamed() {
        SpectralEnvelopeSignal signal = new SpectralEnvelopeSignal(SAMPLES, RATE, 8, 1L);
        ConfidenceMaximizer maximizer = new ConfidenceMaximizer(signal, -20.0, 20, 4, 1L);
        double[] aim = new double[5];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> maximizer.run(new float[SAMPLES], 5,
                aim, ConfidenceMaximizerTest::features, z -> new double[3]));
        assertTrue(e.getMessage().contains("class 5"), e.getMessage());
        float[] loud = new float[SAMPLES];
        loud[7] = 0.5f;
        e = assertThrows(IllegalArgumentException.class, () -> maximizer.run(loud, 0, aim, ConfidenceMaximizerTest::features,
                z -> new double[3]));
        assertTrue(e.getMessage().contains("-6.0 dBFS leaves no room under the -20.0 dBFS"), e.getMessage());
    }
}
