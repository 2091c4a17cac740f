package org.advmusic.attacks.waveform;

/**
 * How a black-box search represents a perturbation of an audio signal: a vector of coefficients in
 * [-1, 1]^D (zero = no perturbation) mapped linearly to a waveform perturbation of a fixed length.
 * A genetic search handles a small D far better than one coefficient per sample.
 */
public interface PerturbationBasis {

    /** The number of coefficients D. */
    int dimension();

    /** The length of the waveforms it produces, in samples. */
    int samples();

    /**
     * Adds the perturbation of {@code coefficients} (D values in [-1, 1]), times {@code amplitude},
     * to {@code out} (length {@link #samples()}); the result's peak may exceed {@code amplitude}
     * (callers clip to their budget).
     */
    void addTo(double[] coefficients, double amplitude, float[] out);

    /** A short description for reports, e.g. "band-limited noise, 12 blocks x 16 bands". */
    String describe();
}
