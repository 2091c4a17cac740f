package org.advmusic.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PowerSpectrogramTest {

    @Test
    void periodicHannMatchesItsFormula() {
        double[] w = HannWindow.periodic(8);
        assertEquals(0.0, w[0], 1e-15);
        assertEquals(0.5, w[2], 1e-15);
        assertEquals(1.0, w[4], 1e-15, "peak at N/2 (periodic, not symmetric)");
        assertEquals(w[1], w[7], 1e-15);
    }

    @Test
    void fastStftEqualsTheDirectDftOnAShortSignal() {
        int n = 64;
        float[] signal = randomSignal(300, 11);
        Framing framing = new Framing(n, 16, true, PaddingMode.REFLECT);
        PowerSpectrogram fast = new PowerSpectrogram(framing);
        DftBasis basis = new DftBasis(n);
        double[] window = HannWindow.periodic(n);
        float[] power = new float[fast.bins()];
        for (int t = 0; t < framing.frameCount(signal.length); t++) {
            fast.framePower(signal, 0, signal.length, t, power);
            double[] frame = new double[n];
            for (int j = 0; j < n; j++) {
                int index = framing.sourceIndex(t, j, signal.length);
                frame[j] = index < 0 ? 0 : signal[index] * window[j];
            }
            double[] reference = basis.power(frame);
            for (int k = 0; k < reference.length; k++) {
                assertEquals(reference[k], power[k], 1e-4 * (1 + reference[k]), "frame " + t + ", bin " + k);
            }
        }
    }

    @Test
    void oneSidedPowerSatisfiesParseval() {
        int n = 128;
        DftBasis basis = new DftBasis(n);
        float[] signal = randomSignal(n, 5);
        double[] frame = new double[n];
        double energy = 0;
        for (int j = 0; j < n; j++) {
            frame[j] = signal[j];
            energy += frame[j] * frame[j];
        }
        double[] power = basis.power(frame);
        double spectral = power[0] + power[n / 2];
        for (int k = 1; k < n / 2; k++) {
            spectral += 2 * power[k]; // bins k and n - k carry equal power for a real signal
        }
        assertEquals(n * energy, spectral, 1e-9 * n * energy, "sum |X|^2 = N sum x^2");
    }

    @Test
    void pureToneLandsInItsBinAndItsMelBand() {
        int sr = 22050;
        double hz = 93 * sr / 2048.0; // the centre of FFT bin 93, about 1001 Hz
        float[] tone = new float[8192];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) Math.sin(2 * Math.PI * hz * i / sr);
        }
        PowerSpectrogram stft = new PowerSpectrogram(new Framing(2048, 512, true, PaddingMode.ZERO));
        float[] power = new float[stft.bins()];
        stft.framePower(tone, 0, tone.length, 8, power);
        assertEquals(93, argmax(power), "a " + hz + " Hz tone peaks in FFT bin 93");

        MelFilterbank bank = MelFilterbank.slaney(sr, 2048, 128);
        float[] mel = new float[128];
        bank.apply(power, mel, 0, 1);
        int band = argmax(mel);
        double melOfTone = MelScale.SLANEY.hzToMel(hz);
        double step = MelScale.SLANEY.hzToMel(sr / 2.0) / 129;
        int expectedBand = (int) Math.round(melOfTone / step) - 1; // the filter whose centre (edge i+1) is nearest
        assertEquals(expectedBand, band, 1, "tone at " + hz + " Hz (" + melOfTone + " mel) in mel band");
        double total = 0;
        for (float m : mel) {
            total += m;
        }
        assertEquals(1.0, (mel[band] + mel[band - 1] + mel[band + 1]) / total, 0.02,
                "the tone's energy lies in its band and the two neighbours");
    }

    static float[] randomSignal(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
