package org.advmusic.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ComplexSpectrogramTest {
    private final ComplexSpectrogram stft = new ComplexSpectrogram(new Framing(2048, 512, true, PaddingMode.ZERO));

    private static float[] noise(int n) {
        SplittableRandom random = new SplittableRandom(3);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 22050.0) + 0.1 * random.nextGaussian());
        }
        return x;
    }

    @Test
    void inverseOfForwardIsTheSignal() {
        float[] x = noise(66150);
        float[] back = stft.inverse(stft.forward(x, 0, x.length), x.length);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(back[i] - x[i]));
        }
        assertEquals(0, worst, 1e-5, "largest reconstruction error");
    }

    @Test
    void halvingEveryBinHalvesTheSignalAndKeepsThePhase() {
        float[] x = noise(22050);
        float[][] frames = stft.forward(x, 0, x.length);
        float[] gains = new float[stft.bins()];
        Arrays.fill(gains, 0.5f);
        for (float[] f : frames) {
            ComplexSpectrogram.scaleBins(f, gains);
        }
        float[] back = stft.inverse(frames, x.length);
        for (int i = 0; i < x.length; i += 97) {
            assertEquals(0.5 * x[i], back[i], 1e-5);
        }
    }

    @Test
    void powerMatchesThePowerSpectrogram() {
        float[] x = noise(8000);
        float[][] frames = stft.forward(x, 0, x.length);
        float[] power = new PowerSpectrogram(new Framing(2048, 512, true, PaddingMode.ZERO)).compute(x, 0, x.length);
        int t = 3;
        int k = 40;
        float re = frames[t][2 * k];
        float im = frames[t][2 * k + 1];
        assertEquals(power[k * frames.length + t], re * re + im * im, 1e-3 * power[k * frames.length + t]);
    }
}
