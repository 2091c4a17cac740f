package org.advmusic.audio.features;

/**
 * The model inputs of one track.
 *
 * @param segments           number of segments k
 * @param inputs             (k, n_mels, frames) row-major log-mel mapped to [0, 1]
 * @param referenceDecibels  (k) {@code 10 log10(max(amin, ref))}: the power level each segment's 0 dB
 *                           stands for, so that a waveform-domain attack can rebuild the same map
 */
public record SegmentedTrack(int segments, float[] inputs, float[] referenceDecibels) {
}
