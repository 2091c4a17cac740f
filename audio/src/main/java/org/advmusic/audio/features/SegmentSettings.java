package org.advmusic.audio.features;

import org.advmusic.audio.dsp.DecibelMapping;

/**
 * How a track becomes model inputs: consecutive, non-overlapping segments of {@code segmentSamples}
 * (3 s = 66150 samples at 22050 Hz, 130 frames), at most {@code maxSegmentsPerTrack} per track (10 for
 * a 30 s track; a shorter track gives {@code floor(samples / segmentSamples)}, a remainder is
 * dropped), log-mel in dB relative to {@code reference}, mapped to [0, 1] by {@code mapping}.
 */
public record SegmentSettings(int segmentSamples, int maxSegmentsPerTrack, DecibelReference reference,
                              DecibelMapping mapping) {

    public SegmentSettings {
        if (segmentSamples <= 0 || maxSegmentsPerTrack <= 0) {
            throw new IllegalArgumentException("segments: need positive length and count, got " + segmentSamples
                    + " samples, " + maxSegmentsPerTrack + " per track");
        }
    }

    /** 10 x 3 s at 22050 Hz, ref = track maximum, [-80, 0] dB -> [0, 1]. */
    public static SegmentSettings defaults() {
        return new SegmentSettings(66150, 10, DecibelReference.TRACK_MAXIMUM, DecibelMapping.DEFAULT);
    }

    /** The number of segments a track of {@code samples} samples gives. */
    public int segmentCount(int samples) {
        return Math.min(maxSegmentsPerTrack, samples / segmentSamples);
    }
}
