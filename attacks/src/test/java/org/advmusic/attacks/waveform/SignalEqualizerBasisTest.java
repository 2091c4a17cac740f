package org.advmusic.attacks.waveform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignalEqualizerBasisTest {
    private static final int RATE = 8000;

    /** Two tones (200 Hz and 2 kHz) with a silent second half. */
    private static float[] signal() {
        float[] x = new float[4000];
        for (int i = 0; i < 2000; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 200 * i / RATE) + 0.25 * Math.sin(2 * Math.PI * 2000 * i / RATE));
        }
        return x;
    }

    @Test
    void allGainsAtOneGiveTheSignalScaledToTheBudget() {
        float[] x = signal();
        SignalEqualizerBasis basis = new SignalEqualizerBasis(x, RATE, 6, 100, 3000);
        double[] ones = new double[6];
        java.util.Arrays.fill(ones, 1.0);
        float[] delta = new float[x.length];
        basis.addTo(ones, 0.01, delta);
        double peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(0.01 * x[i] / peak, delta[i], 1e-6, "sample " + i);
        }
    }

    @Test
    void oneBandKeepsItsToneAndAddsLittleWhereTheSignalIsSilent() {
        float[] x = signal();
        SignalEqualizerBasis basis = new SignalEqualizerBasis(x, RATE, 6, 100, 3000);
        double[] z = new double[6];
        z[2] = 1.0; // the band holding 200 Hz: edges 0, 100, 197, 390, 770, 1519 Hz (ratio 30^(1/5))
        float[] delta = new float[x.length];
        basis.addTo(z, 1.0, delta);
        double low = 0;
        double high = 0;
        for (int i = 200; i < 1800; i++) {
            low += delta[i] * Math.sin(2 * Math.PI * 200 * i / RATE);
            high += delta[i] * Math.sin(2 * Math.PI * 2000 * i / RATE);
        }
        double energyInSilence = 0;
        double energyInSound = 0;
        for (int i = 0; i < 2000; i++) {
            energyInSound += delta[i] * delta[i];
            energyInSilence += delta[i + 2000] * delta[i + 2000];
        }
        assertTrue(Math.abs(low) > 100 * Math.abs(high) || Math.abs(high) > 100 * Math.abs(low),
                "one tone, not both: " + low + " / " + high);
        // brick-wall masks ring a little
        assertTrue(energyInSilence < 0.05 * energyInSound, "energy in the silent half " + energyInSilence
                + ", in the sounding half " + energyInSound);
    }

    @Test
    void aSilentSignalIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SignalEqualizerBasis(new float[100], RATE, 4, 100, 3000));
        assertTrue(e.getMessage().contains("silent"), e.getMessage());
    }
}
