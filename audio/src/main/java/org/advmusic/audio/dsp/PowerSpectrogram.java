package org.advmusic.audio.dsp;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * The fast STFT power spectrum with JTransforms: frames cut by a {@link Framing}, multiplied by the
 * periodic Hann window and transformed by {@code FloatFFT_1D.realForward}; {@code |X[k]|^2} for the
 * 1 + n/2 one-sided bins. {@link DftBasis} is its reference. Holds one FFT plan and scratch buffers:
 * not thread-safe, make one per thread (creation is cheap).
 */
public final class PowerSpectrogram {
    private final Framing framing;
    private final int fftSize;
    private final FloatFFT_1D fft;
    private final float[] window;
    private final float[] scratch;

    /** @param framing frames of length n_fft (the FFT size) */
    public PowerSpectrogram(Framing framing) {
        this.framing = framing;
        this.fftSize = framing.frameLength();
        if (fftSize % 2 != 0) {
            throw new IllegalArgumentException("FFT size must be even, got " + fftSize);
        }
        this.fft = new FloatFFT_1D(fftSize);
        double[] hann = HannWindow.periodic(fftSize);
        this.window = new float[fftSize];
        for (int i = 0; i < fftSize; i++) {
            window[i] = (float) hann[i];
        }
        this.scratch = new float[fftSize];
    }

    /** The framing (frame count and positions). */
    public Framing framing() {
        return framing;
    }

    /** Number of one-sided bins, 1 + n_fft / 2. */
    public int bins() {
        return fftSize / 2 + 1;
    }

    /**
     * Power spectrum of one frame of {@code signal[offset, offset + length)}.
     *
     * @param power output (bins), overwritten
     */
    public void framePower(float[] signal, int offset, int length, int frame, float[] power) {
        framing.frame(signal, offset, length, frame, window, scratch);
        fft.realForward(scratch);
        // realForward layout for even n: [Re 0, Re n/2, Re 1, Im 1, Re 2, Im 2, ...]
        power[0] = scratch[0] * scratch[0];
        power[fftSize / 2] = scratch[1] * scratch[1];
        for (int k = 1; k < fftSize / 2; k++) {
            float re = scratch[2 * k];
            float im = scratch[2 * k + 1];
            power[k] = re * re + im * im;
        }
    }

    /**
     * The whole power spectrogram of {@code signal[offset, offset + length)}.
     *
     * @return (bins, frames) row-major, as librosa's {@code |stft|^2}
     */
    public float[] compute(float[] signal, int offset, int length) {
        int frames = framing.frameCount(length);
        int bins = bins();
        float[] out = new float[bins * frames];
        float[] power = new float[bins];
        for (int t = 0; t < frames; t++) {
            framePower(signal, offset, length, t, power);
            for (int k = 0; k < bins; k++) {
                out[k * frames + t] = power[k];
            }
        }
        return out;
    }
}
