package org.advmusic.audio.dsp;

import java.util.Arrays;

/**
 * The triangular mel filterbank of librosa's {@code filters.mel}: an (n_mels, 1 + n_fft/2) matrix
 * {@code M} with mel power {@code = M . power}. Band edges are {@code n_mels + 2} points equally
 * spaced in mels between fmin and fmax; filter i rises from edge i to edge i+1 and falls to edge i+2,
 * evaluated at the FFT bin frequencies {@code k * sr / n_fft}. Each filter touches few bins, so
 * {@link #apply} only visits each filter's non-zero range. Immutable and thread-safe.
 */
public final class MelFilterbank {
    private final int melBands;
    private final int bins;
    private final double[] weights;  // (melBands, bins) row-major
    private final float[] weightsFloat;
    private final int[] firstBin;    // first non-zero bin of each filter
    private final int[] endBin;      // one past the last non-zero bin

    /**
     * @param sampleRate    sampling rate in Hz
     * @param fftSize       n_fft
     * @param melBands      number of filters
     * @param minFrequency  lowest band edge in Hz
     * @param maxFrequency  highest band edge in Hz (at most sampleRate / 2)
     * @param scale         mel scale of the band edges
     * @param normalization filter scaling
     */
    public MelFilterbank(int sampleRate, int fftSize, int melBands, double minFrequency, double maxFrequency,
                         MelScale scale, MelNormalization normalization) {
        if (melBands <= 0 || fftSize <= 0 || sampleRate <= 0) {
            throw new IllegalArgumentException("mel filterbank: sample rate " + sampleRate + ", n_fft " + fftSize
                    + " and n_mels " + melBands + " must be positive");
        }
        if (!(minFrequency >= 0 && minFrequency < maxFrequency && maxFrequency <= sampleRate / 2.0)) {
            throw new IllegalArgumentException("mel filterbank: need 0 <= fmin < fmax <= sr/2, got fmin " + minFrequency
                    + ", fmax " + maxFrequency + ", sr " + sampleRate);
        }
        this.melBands = melBands;
        this.bins = fftSize / 2 + 1;
        double[] edges = new double[melBands + 2];
        double lowMel = scale.hzToMel(minFrequency);
        double highMel = scale.hzToMel(maxFrequency);
        for (int i = 0; i < edges.length; i++) {
            edges[i] = scale.melToHz(lowMel + (highMel - lowMel) * i / (melBands + 1));
        }
        weights = new double[melBands * bins];
        firstBin = new int[melBands];
        endBin = new int[melBands];
        for (int m = 0; m < melBands; m++) {
            double norm = normalization == MelNormalization.SLANEY ? 2.0 / (edges[m + 2] - edges[m]) : 1.0;
            firstBin[m] = bins;
            for (int k = 0; k < bins; k++) {
                double frequency = k * (sampleRate / 2.0) / (bins - 1); // linspace(0, sr/2, bins)
                double rising = (frequency - edges[m]) / (edges[m + 1] - edges[m]);
                double falling = (edges[m + 2] - frequency) / (edges[m + 2] - edges[m + 1]);
                double w = Math.max(0, Math.min(rising, falling)) * norm;
                weights[m * bins + k] = w;
                if (w > 0) {
                    firstBin[m] = Math.min(firstBin[m], k);
                    endBin[m] = k + 1;
                }
            }
            if (endBin[m] == 0) {
                firstBin[m] = 0; // an empty filter (too many bands for n_fft): librosa warns, we keep zeros
            }
        }
        weightsFloat = new float[weights.length];
        for (int i = 0; i < weights.length; i++) {
            weightsFloat[i] = (float) weights[i];
        }
    }

    /** The librosa default for a sample rate and FFT size: Slaney scale and norm, fmin 0, fmax sr/2. */
    public static MelFilterbank slaney(int sampleRate, int fftSize, int melBands) {
        return new MelFilterbank(sampleRate, fftSize, melBands, 0, sampleRate / 2.0, MelScale.SLANEY, MelNormalization.SLANEY);
    }

    /** Number of filters (rows). */
    public int melBands() {
        return melBands;
    }

    /** Number of FFT bins (columns), 1 + n_fft / 2. */
    public int bins() {
        return bins;
    }

    /** The (n_mels, 1 + n_fft/2) weight matrix, row-major; a copy. */
    public double[] matrix() {
        return weights.clone();
    }

    /** One filter's weights over all bins; a copy. */
    public double[] filter(int band) {
        return Arrays.copyOfRange(weights, band * bins, (band + 1) * bins);
    }

    /**
     * Mel power of one spectrum: {@code out[outOffset + m * outStride] = sum_k M[m][k] power[k]}.
     *
     * @param power (bins) power spectrum
     * @param out   written at outOffset, outOffset + outStride, ... (n_mels values)
     */
    public void apply(float[] power, float[] out, int outOffset, int outStride) {
        for (int m = 0; m < melBands; m++) {
            int row = m * bins;
            float sum = 0;
            for (int k = firstBin[m]; k < endBin[m]; k++) {
                sum += weightsFloat[row + k] * power[k];
            }
            out[outOffset + m * outStride] = sum;
        }
    }
}
