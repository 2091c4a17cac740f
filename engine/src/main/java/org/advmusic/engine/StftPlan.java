package org.advmusic.engine;

/**
 * What a short-time Fourier transform needs besides its signal: the frame length n (the DFT size),
 * the hop between frames, the analysis window (n coefficients) and whether frames are centred
 * (the signal zero-padded by n / 2 on both sides, librosa's {@code center=True, pad_mode='constant'}).
 * A signal of {@code length} samples gives {@link #frames(int)} frames and {@link #bins()} one-sided
 * frequency bins. Frame {@code t} reads sample {@code t * hop + j - (center ? n / 2 : 0)} at offset
 * {@code j}, zero outside the signal.
 *
 * <p>Immutable, apart from the windowed DFT basis that the matrix-product implementation
 * ({@link StftByMatrixProduct}) builds on first use (the same values whichever thread builds it).
 */
public final class StftPlan {
    private final int frameLength;
    private final int hopLength;
    private final boolean center;
    private final double[] window;
    private volatile double[] windowedBasis;

    /**
     * @param window the n window coefficients (n = frame length, even)
     * @param hopLength samples between frame starts, positive
     * @param center whether frame t is centred on sample t * hop (zero padding of n / 2 on both sides)
     */
    public StftPlan(double[] window, int hopLength, boolean center) {
        if (window.length == 0 || window.length % 2 != 0 || hopLength <= 0) {
            throw new IllegalArgumentException("STFT: frame length " + window.length + " and hop " + hopLength
                    + "; expected an even, positive frame length and a positive hop");
        }
        this.frameLength = window.length;
        this.hopLength = hopLength;
        this.center = center;
        this.window = window.clone();
    }

    /** Samples per frame, n. */
    public int frameLength() {
        return frameLength;
    }

    /** Samples between frame starts. */
    public int hopLength() {
        return hopLength;
    }

    /** Whether frames are centred (zero padding of n / 2 on both sides). */
    public boolean center() {
        return center;
    }

    /** One-sided frequency bins, 1 + n / 2. */
    public int bins() {
        return frameLength / 2 + 1;
    }

    /** The window coefficients (a copy). */
    public double[] window() {
        return window.clone();
    }

    /** The window coefficient at offset {@code j}. */
    public double window(int j) {
        return window[j];
    }

    /** Padding on each side of the signal: n / 2 when centred, else 0. */
    public int padding() {
        return center ? frameLength / 2 : 0;
    }

    /**
     * Frames of a signal of {@code length} samples: {@code 1 + floor(length / hop)} when centred,
     * {@code 1 + floor((length - n) / hop)} otherwise.
     *
     * @throws IllegalArgumentException when the signal gives no frame (naming its length)
     */
    public int frames(int length) {
        int padded = length + 2 * padding();
        if (length <= 0 || padded < frameLength) {
            throw new IllegalArgumentException("STFT: a signal of " + length + " samples gives no frame of "
                    + frameLength + " samples" + (center ? "" : " without centring"));
        }
        return (padded - frameLength) / hopLength + 1;
    }

    /** The signal index frame {@code frame} reads at offset {@code j}, or -1 where it reads padding. */
    public int sourceIndex(int frame, int j, int length) {
        int index = frame * hopLength + j - padding();
        return index >= 0 && index < length ? index : -1;
    }

    /** Framing as a one-row convolution geometry: input (1, 1, length), kernel 1 x n, stride hop. */
    public Conv2dGeometry framing(int length) {
        frames(length);
        return new Conv2dGeometry(1, 1, length, 1, frameLength, 1, hopLength, 0, padding());
    }

    /**
     * The windowed one-sided DFT basis, (2 bins, n) row-major: row k is {@code w[j] cos(2 pi k j / n)},
     * row bins + k is {@code -w[j] sin(2 pi k j / n)}. Built on first use and kept in host memory for
     * this plan's lifetime (the matrix-product implementation uploads it for each call, so no device
     * memory outlives a call); not to be modified.
     */
    public double[] windowedBasis() {
        double[] basis = windowedBasis;
        if (basis == null) {
            int bins = bins();
            basis = new double[2 * bins * frameLength];
            for (int k = 0; k < bins; k++) {
                for (int j = 0; j < frameLength; j++) {
                    double angle = 2 * Math.PI * (((long) k * j) % frameLength) / frameLength; // reduced first: exact
                    basis[k * frameLength + j] = window[j] * Math.cos(angle);
                    basis[(bins + k) * frameLength + j] = -window[j] * Math.sin(angle);
                }
            }
            windowedBasis = basis;
        }
        return basis;
    }

    @Override
    public String toString() {
        return "STFT n=" + frameLength + " hop=" + hopLength + (center ? " centred" : "");
    }
}
