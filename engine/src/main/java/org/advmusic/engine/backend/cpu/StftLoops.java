package org.advmusic.engine.backend.cpu;

import java.util.Arrays;
import org.advmusic.engine.StftPlan;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * The power STFT and its adjoint with JTransforms' real FFT, O(n log n) per frame, on flat float arrays:
 * signal (batch, length), and either {@link org.advmusic.engine.FusedKernels#powerStft}'s spectrum
 * (batch, 2, bins, frames) and power (batch, bins, frames), or
 * {@link org.advmusic.engine.FusedKernels#projectedPowerStft}'s projected power (batch, rows, frames), whose
 * spectrum is kept frame by frame as {@code (batch, frames, bins, 2)} (real and imaginary parts interleaved),
 * the FFT's own order, so that its frames are transformed in place and read back contiguously. One
 * instance per call; {@link FloatFFT_1D} is only read by its transforms, so the threads share it, each
 * with its own buffers.
 */
final class StftLoops {
    private final int length;
    private final int n;
    private final int hop;
    private final int padding;
    private final int bins;
    private final int frames;
    private final float[] window;
    private final FloatFFT_1D fft;

    StftLoops(StftPlan plan, int length) {
        this.length = length;
        this.n = plan.frameLength();
        this.hop = plan.hopLength();
        this.padding = plan.padding();
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

    /** The first frame offset j of frame t that reads the signal (before it: zero padding). */
    private int firstInside(int t) {
        return Math.min(n, Math.max(0, padding - t * hop));
    }

    /** One past the last frame offset j of frame t that reads the signal (after it: zero padding). */
    private int endInside(int t) {
        return Math.max(firstInside(t), Math.min(n, length + padding - t * hop));
    }

    /** Writes frame t of the signal at {@code signalOffset}, windowed and zero-padded, to {@code dest[destOffset..+n)}. */
    private void windowedFrame(float[] x, int signalOffset, int t, float[] dest, int destOffset) {
        int first = firstInside(t);
        int end = endInside(t);
        int source = signalOffset + t * hop - padding;
        Arrays.fill(dest, destOffset, destOffset + first, 0f);
        for (int j = first; j < end; j++) {
            dest[destOffset + j] = x[source + j] * window[j];
        }
        Arrays.fill(dest, destOffset + end, destOffset + n, 0f);
    }

    /** The adjoint of {@link #windowedFrame}: adds {@code window * frame} to the samples frame t reads. */
    private void overlapAdd(float[] frame, int t, float[] gradSignal, int signalOffset) {
        int end = endInside(t);
        int target = signalOffset + t * hop - padding;
        for (int j = firstInside(t); j < end; j++) {
            gradSignal[target + j] += window[j] * frame[j];
        }
    }

    /** Forward transform of frames {@code [first, end)}, numbered {@code b * frames + t} over the batch. */
    void forward(float[] x, float[] spectrum, float[] power, int first, int end) {
        float[] frame = new float[n];
        for (int index = first; index < end; index++) {
            int b = index / frames;
            int t = index % frames;
            windowedFrame(x, b * length, t, frame, 0);
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
                overlapAdd(frame, t, gradSignal, b * length);
            }
        }
    }

    /**
     * Projected forward transform of frames {@code [first, end)} (numbered {@code b * frames + t}): each
     * windowed frame is transformed in place in its slot of {@code spectrum (batch, frames, bins, 2)}, its
     * power projected by {@code projection} into column t of {@code out (batch, rows, frames)}.
     */
    void projectedForward(float[] x, BandedRows projection, float[] spectrum, float[] out, int first, int end) {
        float[] power = new float[bins];
        int rows = projection.rows();
        for (int index = first; index < end; index++) {
            int b = index / frames;
            int t = index % frames;
            int s = index * 2 * bins;
            windowedFrame(x, b * length, t, spectrum, s);
            fft.realForward(spectrum, s);
            // realForward leaves re n/2 where im 0 belongs; the end bins' imaginary parts are 0
            spectrum[s + n] = spectrum[s + 1];
            spectrum[s + n + 1] = 0f;
            spectrum[s + 1] = 0f;
            for (int k = 0; k < bins; k++) {
                float real = spectrum[s + 2 * k];
                float imaginary = spectrum[s + 2 * k + 1];
                power[k] = real * real + imaginary * imaginary;
            }
            projection.multiply(power, out, b * rows * frames + t, frames);
        }
    }

    /**
     * The adjoint of {@link #projectedForward} for signals {@code [first, end)}: overwrites their rows of
     * {@code gradSignal}. Per frame, the power gradient is {@code projection^T} times column t of
     * {@code gradOut (batch, rows, frames)}; the rest is {@link #backward}'s.
     */
    void projectedBackward(BandedRows projection, float[] spectrum, float[] gradOut, float[] gradSignal, int first,
                           int end) {
        float[] gradPower = new float[bins];
        float[] frame = new float[n];
        int rows = projection.rows();
        for (int b = first; b < end; b++) {
            Arrays.fill(gradSignal, b * length, (b + 1) * length, 0f);
            for (int t = 0; t < frames; t++) {
                if (!projection.multiplyTransposed(gradOut, b * rows * frames + t, frames, gradPower)) {
                    continue; // no gradient reaches this frame (silent, or clipped): it adds nothing
                }
                int s = (b * frames + t) * 2 * bins;
                frame[0] = 4 * gradPower[0] * spectrum[s];
                frame[1] = 4 * gradPower[bins - 1] * spectrum[s + n];
                for (int k = 1; k < bins - 1; k++) {
                    float gradient = 2 * gradPower[k];
                    frame[2 * k] = gradient * spectrum[s + 2 * k];
                    frame[2 * k + 1] = gradient * spectrum[s + 2 * k + 1];
                }
                fft.realInverse(frame, false);
                overlapAdd(frame, t, gradSignal, b * length);
            }
        }
    }
}
