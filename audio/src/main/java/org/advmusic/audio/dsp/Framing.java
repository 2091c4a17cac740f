package org.advmusic.audio.dsp;

/**
 * Cuts a signal into overlapping frames as librosa's STFT does. With {@code center} the signal is
 * padded by {@code frameLength / 2} on both sides (zeros or a mirror), giving
 * {@code 1 + floor(length / hop)} frames (a 66150-sample clip with hop 512 gives 130); without, it
 * gives {@code 1 + floor((length - frameLength) / hop)} (126).
 *
 * <p>Framing is linear: frame {@code t}, offset {@code j} reads signal sample
 * {@link #sourceIndex(int, int, int) sourceIndex(t, j, length)}, or zero where that is -1.
 */
public final class Framing {
    private final int frameLength;
    private final int hopLength;
    private final boolean center;
    private final PaddingMode padding;

    /**
     * @param frameLength samples per frame (n_fft)
     * @param hopLength   samples between frame starts
     * @param center      pad by frameLength / 2 on both sides so that frame t is centred at t * hop
     * @param padding     how to pad when centred
     */
    public Framing(int frameLength, int hopLength, boolean center, PaddingMode padding) {
        if (frameLength <= 0 || hopLength <= 0) {
            throw new IllegalArgumentException("frame length " + frameLength + " and hop " + hopLength + " must be positive");
        }
        this.frameLength = frameLength;
        this.hopLength = hopLength;
        this.center = center;
        this.padding = padding;
    }

    /** Samples per frame. */
    public int frameLength() {
        return frameLength;
    }

    /** Samples between frame starts. */
    public int hopLength() {
        return hopLength;
    }

    /** Whether frame {@code t} is centred on sample {@code t * hop} (the signal padded by half a frame). */
    public boolean center() {
        return center;
    }

    /** Number of frames for a signal of {@code length} samples (0 when too short without centring). */
    public int frameCount(int length) {
        if (center) {
            return 1 + length / hopLength;
        }
        return length < frameLength ? 0 : 1 + (length - frameLength) / hopLength;
    }

    /**
     * The signal index read by frame {@code frame} at position {@code offset}, or -1 for a zero of the
     * padding.
     */
    public int sourceIndex(int frame, int offset, int length) {
        int index = frame * hopLength + offset - (center ? frameLength / 2 : 0);
        if (index >= 0 && index < length) {
            return index;
        }
        if (padding == PaddingMode.ZERO || length == 1) {
            return -1;
        }
        int period = 2 * (length - 1); // reflect: ... x2 x1 | x0 x1 ... x(n-1) | x(n-2) ...
        int folded = Math.floorMod(index, period);
        return folded < length ? folded : period - folded;
    }

    /**
     * Copies frame {@code frame} of {@code signal[offset, offset + length)} into {@code out[0, frameLength)},
     * multiplied by {@code window}.
     */
    public void frame(float[] signal, int offset, int length, int frame, float[] window, float[] out) {
        int start = frame * hopLength - (center ? frameLength / 2 : 0);
        if (start >= 0 && start + frameLength <= length) { // interior: no padding
            int base = offset + start;
            for (int j = 0; j < frameLength; j++) {
                out[j] = signal[base + j] * window[j];
            }
            return;
        }
        for (int j = 0; j < frameLength; j++) {
            int index = sourceIndex(frame, j, length);
            out[j] = index < 0 ? 0f : signal[offset + index] * window[j];
        }
    }
}
