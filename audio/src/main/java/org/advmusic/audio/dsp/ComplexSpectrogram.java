package org.advmusic.audio.dsp;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * The short-time Fourier transform with its phase, and its inverse, with librosa's conventions
 * ({@code stft} / {@code istft}): periodic Hann window, the framing's hop and centring, and an inverse
 * by windowed overlap-add divided by the summed squared window. Frames are kept in JTransforms'
 * {@code realForward} packing: {@code [Re 0, Re n/2, Re 1, Im 1, ..., Re (n/2 - 1), Im (n/2 - 1)]}.
 * Not thread-safe (one FFT workspace per instance).
 */
public final class ComplexSpectrogram {
    private final Framing framing;
    private final int fftSize;
    private final float[] window;
    private final FloatFFT_1D fft;

    /** @param framing frame length = FFT size, hop, centring and padding */
    public ComplexSpectrogram(Framing framing) {
        this.framing = framing;
        this.fftSize = framing.frameLength();
        double[] w = HannWindow.periodic(fftSize);
        this.window = new float[fftSize];
        for (int i = 0; i < fftSize; i++) {
            window[i] = (float) w[i];
        }
        this.fft = new FloatFFT_1D(fftSize);
    }

    /** Number of frequency bins, {@code fftSize / 2 + 1}. */
    public int bins() {
        return fftSize / 2 + 1;
    }

    /**
     * @return one packed spectrum of {@code fftSize} floats per frame of {@code signal[offset, offset + length)}
     */
    public float[][] forward(float[] signal, int offset, int length) {
        int frames = framing.frameCount(length);
        float[][] out = new float[frames][fftSize];
        for (int t = 0; t < frames; t++) {
            framing.frame(signal, offset, length, t, window, out[t]);
            fft.realForward(out[t]);
        }
        return out;
    }

    /**
     * Multiplies bin {@code k} of a packed spectrum by {@code gains[k]} (both the real and imaginary
     * part, so the phase is kept), in place.
     *
     * @param gains {@link #bins()} values
     */
    public static void scaleBins(float[] packed, float[] gains) {
        int half = packed.length / 2;
        packed[0] *= gains[0];
        packed[1] *= gains[half];
        for (int k = 1; k < half; k++) {
            packed[2 * k] *= gains[k];
            packed[2 * k + 1] *= gains[k];
        }
    }

    /**
     * The signal of {@code length} samples whose STFT is {@code frames}: each frame is transformed back,
     * windowed and overlap-added, and the sum is divided by the summed squared window wherever that is
     * not negligible. Does not modify {@code frames}.
     */
    public float[] inverse(float[][] frames, int length) {
        int hop = framing.hopLength();
        int shift = framing.center() ? -fftSize / 2 : 0; // where frame 0 starts in the signal
        double[] sum = new double[length];
        double[] weight = new double[length];
        float[] buffer = new float[fftSize];
        for (int t = 0; t < frames.length; t++) {
            System.arraycopy(frames[t], 0, buffer, 0, fftSize);
            fft.realInverse(buffer, true);
            for (int j = 0; j < fftSize; j++) {
                int index = t * hop + j + shift;
                if (index >= 0 && index < length) {
                    sum[index] += window[j] * buffer[j];
                    weight[index] += (double) window[j] * window[j];
                }
            }
        }
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = weight[i] > 1e-10 ? (float) (sum[i] / weight[i]) : 0f;
        }
        return out;
    }
}
