package org.advmusic.engine.backend.cpu;

import java.util.Arrays;
import org.advmusic.engine.StftPlan;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * The power STFT and its adjoint with JTransforms' real FFT, O(n log n) per frame, on flat float arrays
 * in the layouts of {@link org.advmusic.engine.FusedKernels#powerStft}: signal (batch, length), spectrum
 * (batch, 2, bins, frames), power (batch, bins, frames). One instance per call; {@link FloatFFT_1D}
 * is only read by its transforms, so the threads share it, each with its own frame buffer.
 */
final class StftLoops {
    private final StftPlan plan;
    private final int length;
    private final int n;
    private final int bins;
    private final int frames;
    private final float[] window;
    private final FloatFFT_1D fft;

    StftLoops(StftPlan plan, int length) {
        this.plan = plan;
        this.length = length;
        this.n = plan.frameLength();
        this.bins = plan.bins();
        this.frames = plan.frames(length);
        this.window = new float[n];
        for (int j = 0; j < n; j++) {
            window[j] = (float) plan.window(j);
        }
        this.fft = new FloatFFT_1D(n);
    }

    /** Frames per signal. */
    int frames() {
        return frames;
    }

    /** Forward transform of frames {@code [first, end)}, numbered {@code b * frames + t} over the batch. */
    void forward(float[] x, float[] spectrum, float[] power, int first, int end) {
        float[] frame = new float[n];
        for (int index = first; index < end; index++) {
            int b = index / frames;
            int t = index % frames;
            for (int j = 0; j < n; j++) {
                int source = plan.sourceIndex(t, j, length);
                frame[j] = source < 0 ? 0f : x[b * length + source] * window[j];
            }
            fft.realForward(frame);
            // realForward's layout for even n: [re 0, re n/2, re 1, im 1, re 2, im 2, ...]
            int re = (b * 2 * bins) * frames + t;
            int im = re + bins * frames;
            int p = b * bins * frames + t;
            for (int k = 0; k < bins; k++) {
                float real = k == 0 ? frame[0] : k == bins - 1 ? frame[1] : frame[2 * k];
                float imaginary = k == 0 || k == bins - 1 ? 0f : frame[2 * k + 1];
                spectrum[re + k * frames] = real;
                spectrum[im + k * frames] = imaginary;
                power[p + k * frames] = real * real + imaginary * imaginary;
            }
        }
    }

    /**
     * The adjoint for signals {@code [first, end)}: overwrites their rows of {@code gradSignal}. Per
     * frame, {@code a_k + i b_k = 2 g[k] X[k]} goes through the unscaled inverse real FFT, which (as
     * Ooura's rdft it wraps) computes half the Hermitian sum,
     * {@code (a_0 + a_{n/2} (-1)^j) / 2 + sum_{0<k<n/2} (a_k cos - b_k sin)(2 pi k j / n)}, so the
     * end bins enter doubled; the result times the window is overlap-added.
     */
    void backward(float[] spectrum, float[] gradPower, float[] gradSignal, int first, int end) {
        float[] frame = new float[n];
        for (int b = first; b < end; b++) {
            Arrays.fill(gradSignal, b * length, (b + 1) * length, 0f);
            for (int t = 0; t < frames; t++) {
                int re = (b * 2 * bins) * frames + t;
                int im = re + bins * frames;
                int g = b * bins * frames + t;
                frame[0] = 4 * gradPower[g] * spectrum[re];
                frame[1] = 4 * gradPower[g + (bins - 1) * frames] * spectrum[re + (bins - 1) * frames];
                for (int k = 1; k < bins - 1; k++) {
                    float gradient = 2 * gradPower[g + k * frames];
                    frame[2 * k] = gradient * spectrum[re + k * frames];
                    frame[2 * k + 1] = gradient * spectrum[im + k * frames];
                }
                fft.realInverse(frame, false);
                for (int j = 0; j < n; j++) {
                    int source = plan.sourceIndex(t, j, length);
                    if (source >= 0) {
                        gradSignal[b * length + source] += window[j] * frame[j];
                    }
                }
            }
        }
    }
}
