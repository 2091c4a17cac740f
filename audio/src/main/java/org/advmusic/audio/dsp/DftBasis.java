package org.advmusic.audio.dsp;

/**
 * The one-sided discrete Fourier transform of an n-sample frame as two real matrices of shape
 * (1 + n/2, n): {@code real[k][j] = cos(2 pi k j / n)} and {@code imaginary[k][j] = -sin(2 pi k j / n)},
 * so that {@code X[k] = real[k] . x + i imaginary[k] . x}. This is the readable reference of
 * {@link PowerSpectrogram} and the matrix form a differentiable STFT needs ({@code power = (R x)^2 + (I x)^2}).
 */
public final class DftBasis {
    private final int size;
    private final double[] real;
    private final double[] imaginary;

    /** @param size frame length n (n_fft); even */
    public DftBasis(int size) {
        if (size <= 0 || size % 2 != 0) {
            throw new IllegalArgumentException("DFT size must be positive and even, got " + size);
        }
        this.size = size;
        int bins = bins();
        real = new double[bins * size];
        imaginary = new double[bins * size];
        for (int k = 0; k < bins; k++) {
            for (int j = 0; j < size; j++) {
                double angle = 2 * Math.PI * (((long) k * j) % size) / size; // reduce first: exact angles
                real[k * size + j] = Math.cos(angle);
                imaginary[k * size + j] = -Math.sin(angle);
            }
        }
    }

    /** Frame length n. */
    public int size() {
        return size;
    }

    /** Number of one-sided frequency bins, 1 + n/2. */
    public int bins() {
        return size / 2 + 1;
    }

    /** The cosine matrix, row-major (bins, n); a copy. */
    public double[] realMatrix() {
        return real.clone();
    }

    /** The negative sine matrix, row-major (bins, n); a copy. */
    public double[] imaginaryMatrix() {
        return imaginary.clone();
    }

    /**
     * The power spectrum |X[k]|^2 of one frame, by the matrix products.
     *
     * @param frame n samples (already windowed)
     * @return (bins) power
     */
    public double[] power(double[] frame) {
        if (frame.length != size) {
            throw new IllegalArgumentException("frame has " + frame.length + " samples; the basis expects " + size);
        }
        int bins = bins();
        double[] power = new double[bins];
        for (int k = 0; k < bins; k++) {
            double re = 0;
            double im = 0;
            for (int j = 0; j < size; j++) {
                re += real[k * size + j] * frame[j];
                im += imaginary[k * size + j] * frame[j];
            }
            power[k] = re * re + im * im;
        }
        return power;
    }
}
