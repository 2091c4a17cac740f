package org.advmusic.audio.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.advmusic.audio.dsp.DctBasis;
import org.junit.jupiter.api.Test;

class MfccTest {

    @Test
    void aConstantLogMelColumnGivesOnlyTheDcCoefficient() {
        int mels = 128;
        float value = -37.5f;
        float[] logMel = new float[mels * 3];
        java.util.Arrays.fill(logMel, value);
        float[] mfcc = new Mfcc(20, mels).compute(logMel, 3);
        for (int t = 0; t < 3; t++) {
            assertEquals(value * Math.sqrt(mels), mfcc[t], 1e-3, "c0 = value * sqrt(n_mels) under the orthonormal DCT-II");
            for (int k = 1; k < 20; k++) {
                assertEquals(0.0, mfcc[k * 3 + t], 1e-3, "coefficient " + k);
            }
        }
    }

    @Test
    void aCosineAcrossMelBandsGivesOnlyItsCoefficient() {
        int mels = 40;
        int k = 5;
        float[] logMel = new float[mels];
        for (int n = 0; n < mels; n++) {
            logMel[n] = (float) (10 * Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * mels)));
        }
        float[] mfcc = new Mfcc(20, mels).compute(logMel, 1);
        for (int j = 0; j < 20; j++) {
            assertEquals(j == k ? 10 * Math.sqrt(mels / 2.0) : 0.0, mfcc[j], 1e-4, "coefficient " + j);
        }
    }

    @Test
    void theFullDctIsOrthonormal() {
        int n = 16;
        double[] d = new DctBasis(n, n).matrix();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int m = 0; m < n; m++) {
                    dot += d[i * n + m] * d[j * n + m];
                }
                assertEquals(i == j ? 1.0 : 0.0, dot, 1e-12, "rows " + i + ", " + j);
            }
        }
    }
}
