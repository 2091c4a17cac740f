package org.advmusic.attacks.waveform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Confidence maximisation against a box whose best signal is known: energy in one third of the signal. */
class ConfidenceMaximizerTest {
    private static final int SAMPLES = 3000;

    /** The RMS of each third of the signal: the class is the loudest third. */
    static double[] thirdsRms(float[] waveform) {
        double[] rms = new double[3];
        int third = waveform.length / 3;
        for (int k = 0; k < 3; k++) {
            double sum = 0;
            for (int i = k * third; i < (k + 1) * third; i++) {
                sum += (double) waveform[i] * waveform[i];
            }
            rms[k] = Math.sqrt(sum / third);
        }
        return rms;
    }

    @Test
    void raisesTheMarginOfTheChosenClassFromSilenceWithinThePeak() {
        BandLimitedNoiseBasis basis = new BandLimitedNoiseBasis(SAMPLES, 8000, 6, 3, 100, 3000, 2L);
        ConfidenceMaximizer maximizer = new ConfidenceMaximizer(basis, -10.0, 400, 8, 5L);
        ConfidenceMaximizer.Outcome outcome = maximizer.run(new float[SAMPLES], 1, ConfidenceMaximizerTest::thirdsRms);
        assertEquals(0.0, outcome.start(), 0.0);
        assertTrue(outcome.margin() > 0.05, "margin " + outcome.margin());
        assertTrue(outcome.queries() <= 400, "queries " + outcome.queries());
        double[] rms = thirdsRms(outcome.waveform());
        assertTrue(rms[1] > rms[0] && rms[1] > rms[2], java.util.Arrays.toString(rms));
        double peak = 0;
        for (float v : outcome.waveform()) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertTrue(peak <= Math.pow(10, -10.0 / 20) + 1e-6, "peak " + peak);
    }

    @Test
    void unknownClassIsNamed() {
        ConfidenceMaximizer maximizer = new ConfidenceMaximizer(new RawSampleBasis(SAMPLES), -10.0, 20, 4, 1L);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> maximizer.run(new float[SAMPLES], 5, ConfidenceMaximizerTest::thirdsRms));
        assertTrue(e.getMessage().contains("5"), e.getMessage());
    }
}
