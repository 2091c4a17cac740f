package org.advmusic.attacks.waveform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.attacks.GeneticAttack;
import org.junit.jupiter.api.Test;

/**
 * The targeted waveform attack against a black box whose answer is known: the class is the third of
 * the signal with the most energy, so reaching class 2 from a signal loud in its first third needs
 * energy added to the last third, within the peak budget.
 */
class TargetedWaveformAttackTest {
    private static final int SAMPLES = 3000;
    private static final int RATE = 8000;

    /** The RMS of each third of the signal in dB: the class is the loudest third. */
    private static double[] thirdsRms(float[] waveform) {
        double[] rms = new double[3];
        int third = waveform.length / 3;
        for (int k = 0; k < 3; k++) {
            double sum = 0;
            for (int i = k * third; i < (k + 1) * third; i++) {
                sum += (double) waveform[i] * waveform[i];
            }
            rms[k] = 20 * Math.log10(Math.sqrt(sum / third) + 1e-9);
        }
        return rms;
    }

    private static float[] clean() {
        float[] x = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            double amplitude = i < SAMPLES / 3 ? 0.1 : 0.01;
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * 440 * i / RATE));
        }
        return x;
    }

    @Test
    void reachesTheTargetWithinThePeakBudgetInBothRepresentationsAndFeedbackModes() {
        PerturbationBasis[] bases = {new BandLimitedNoiseBasis(SAMPLES, RATE, 6, 4, 100, 3000, 3L),
                new RawSampleBasis(SAMPLES)};
        for (PerturbationBasis basis : bases) {
            for (GeneticAttack.Feedback feedback : GeneticAttack.Feedback.values()) {
                GeneticAttack.Settings settings = GeneticAttack.Settings.standard(2000, feedback, 9L);
                TargetedWaveformAttack attack = new TargetedWaveformAttack(basis, -6.0, settings);
                float[] x = clean();
                TargetedWaveformAttack.Outcome outcome = attack.run(x, 0, 2, 3, TargetedWaveformAttackTest::thirdsRms);
                String label = basis.describe() + " " + feedback;
                assertTrue(outcome.succeeded(), label + ": " + outcome.status());
                assertEquals(2, outcome.prediction(), label);
                assertEquals(2, argmax(thirdsRms(outcome.adversarial())), label + ": the returned waveform is the target");
                assertTrue(outcome.queries() <= 2000 + settings.minimizeSteps() + 2, label + ": " + outcome.queries());
                double peak = 0;
                for (int i = 0; i < SAMPLES; i++) {
                    peak = Math.max(peak, Math.abs(outcome.adversarial()[i] - x[i]));
                }
                assertTrue(peak <= Math.pow(10, -6.0 / 20) + 1e-6, label + ": perturbation peak " + peak);
            }
        }
    }

    @Test
    void targetEqualToTheSourceOrUnknownIsRejected() {
        TargetedWaveformAttack attack = new TargetedWaveformAttack(new RawSampleBasis(SAMPLES), -6.0,
                GeneticAttack.Settings.standard(100, GeneticAttack.Feedback.SCORES, 1L));
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
                () -> attack.run(clean(), 1, 1, 3, TargetedWaveformAttackTest::thirdsRms));
        assertTrue(same.getMessage().contains("equals the source"), same.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> attack.run(clean(), 1, 7, 3, TargetedWaveformAttackTest::thirdsRms));
        assertTrue(unknown.getMessage().contains("7"), unknown.getMessage());
    }

    @Test
    void bandLimitedAtomsStayInTheirBand() {
        int n = 8000;
        BandLimitedNoiseBasis basis = new BandLimitedNoiseBasis(n, RATE, 1, 4, 200, 3200, 5L);
        double[] z = new double[4];
        z[1] = 1; // band 1 of 4 log-spaced bands 200-3200 Hz: 400-800 Hz
        float[] out = new float[n];
        basis.addTo(z, 1.0, out);
        double inBand = 0;
        double total = 0;
        for (int k = 1; k < n / 2; k++) { // a plain DFT magnitude: 1 Hz bins
            double re = 0;
            double im = 0;
            for (int i = 0; i < n; i += 1) {
                re += out[i] * Math.cos(2 * Math.PI * k * i / n);
                im -= out[i] * Math.sin(2 * Math.PI * k * i / n);
            }
            double power = re * re + im * im;
            total += power;
            if (k >= 400 && k <= 800) {
                inBand += power;
            }
            if (k > 1000) {
                break;
            }
        }
        assertTrue(inBand / total > 0.95, "energy in band: " + inBand / total);
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }
}
