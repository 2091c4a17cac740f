package org.advmusic.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MelFilterbankTest {

    @Test
    void firstSlaneyFilterMatchesLibrosaCheckValues() {
        MelFilterbank bank = MelFilterbank.slaney(22050, 2048, 128);
        assertEquals(128, bank.melBands());
        assertEquals(1025, bank.bins());
        double[] expected = {0, 0.0161829, 0.0323657, 0.0289901, 0.0128072, 0, 0, 0};
        double[] actual = Arrays.copyOf(bank.filter(0), expected.length);
        assertArrayEquals(expected, actual, 5e-7, "filter 0 of librosa.filters.mel(sr=22050, n_fft=2048, n_mels=128)");
    }

    @Test
    void slaneyScaleIsLinearBelowOneKilohertzAndLogarithmicAbove() {
        assertEquals(15.0, MelScale.SLANEY.hzToMel(1000.0), 1e-12);
        assertEquals(3.0, MelScale.SLANEY.hzToMel(200.0), 1e-12);
        assertEquals(15 + 27.0, MelScale.SLANEY.hzToMel(6400.0), 1e-9, "ln(6.4) / 27 per mel above 1 kHz");
        for (double hz : new double[] {0, 123.4, 999.9, 1000, 4321, 11025}) {
            assertEquals(hz, MelScale.SLANEY.melToHz(MelScale.SLANEY.hzToMel(hz)), 1e-9);
            assertEquals(hz, MelScale.HTK.melToHz(MelScale.HTK.hzToMel(hz)), 1e-9);
        }
        assertEquals(2595 * Math.log10(2), MelScale.HTK.hzToMel(700), 1e-9);
    }

    @Test
    void slaneyNormalisedFiltersHaveEqualAreaAndPeakOneWithoutNorm() {
        int sr = 22050;
        MelFilterbank normalised = MelFilterbank.slaney(sr, 2048, 40);
        MelFilterbank peaks = new MelFilterbank(sr, 2048, 40, 0, sr / 2.0, MelScale.HTK, MelNormalization.NONE);
        double binWidth = sr / 2048.0;
        for (int m = 5; m < 40; m++) { // wide enough filters for the Riemann sum to be accurate
            double area = Arrays.stream(normalised.filter(m)).sum() * binWidth;
            assertEquals(1.0, area, 0.02, "Slaney-normalised filter " + m + " has unit area in Hz");
            double peak = Arrays.stream(peaks.filter(m)).max().orElseThrow();
            assertTrue(peak > 0.8 && peak <= 1.0, "un-normalised filter " + m + " peaks at " + peak);
        }
    }

    @Test
    void matrixIsRowMajorMelsByBins() {
        MelFilterbank bank = MelFilterbank.slaney(22050, 512, 64);
        double[] m = bank.matrix();
        assertEquals(64 * 257, m.length);
        assertArrayEquals(bank.filter(10), Arrays.copyOfRange(m, 10 * 257, 11 * 257));
    }

    @Test
    void sparseApplyEqualsDenseProduct() {
        MelFilterbank bank = MelFilterbank.slaney(22050, 2048, 128);
        double[] dense = bank.matrix();
        float[] power = new float[1025];
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int k = 0; k < power.length; k++) {
            power[k] = (float) random.nextDouble();
        }
        float[] out = new float[128];
        bank.apply(power, out, 0, 1);
        for (int m = 0; m < 128; m++) {
            double expected = 0;
            for (int k = 0; k < 1025; k++) {
                expected += dense[m * 1025 + k] * power[k];
            }
            assertEquals(expected, out[m], 1e-5 * Math.max(1, Math.abs(expected)), "band " + m);
        }
    }
}
