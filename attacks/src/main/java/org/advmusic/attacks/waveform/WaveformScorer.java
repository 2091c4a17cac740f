package org.advmusic.attacks.waveform;

/**
 * The black box a waveform attack queries: a whole classification pipeline (e.g. file samples ->
 * features -> scaler -> classifier) that returns one score per class for a mono waveform in
 * [-1, 1]. Implementations need not be thread-safe; use one per thread.
 */
@FunctionalInterface
public interface WaveformScorer {

    /** (K) class scores of {@code waveform} (not modified); the predicted class is the argmax. */
    double[] scores(float[] waveform);
}
