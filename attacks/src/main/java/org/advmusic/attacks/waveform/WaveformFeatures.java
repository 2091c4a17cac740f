package org.advmusic.attacks.waveform;

/**
 * The feature stage of a black-box waveform pipeline: a mono waveform in [-1, 1] to the feature
 * vector its classifier reads (e.g. file samples -> 25 features -> z-score). Implementations need
 * not be thread-safe; use one per thread.
 */
@FunctionalInterface
public interface WaveformFeatures {

    /** (F) the features of {@code waveform} (not modified). */
    double[] features(float[] waveform);
}
