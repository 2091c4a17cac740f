package org.advmusic.audio.features;

import org.advmusic.audio.dsp.PowerToDecibels;

/**
 * Turns a mono track into model inputs: per segment the (n_mels, frames) mel power, {@code power_to_db}
 * relative to the track's (or segment's) maximum with the top_db floor, then the fixed
 * {@link org.advmusic.audio.dsp.DecibelMapping} to [0, 1]. Not thread-safe (owns a
 * {@link MelSpectrogram}); use one per thread.
 */
public final class LogMelSegmenter {
    private final FrontEndSettings frontEnd;
    private final SegmentSettings segments;
    private final MelSpectrogram mel;
    private final int frames;

    public LogMelSegmenter(FrontEndSettings frontEnd, SegmentSettings segments) {
        this.frontEnd = frontEnd;
        this.segments = segments;
        this.mel = new MelSpectrogram(frontEnd);
        this.frames = mel.frames(segments.segmentSamples());
    }

    /** Frames per segment (130 by default). */
    public int frames() {
        return frames;
    }

    /** Mel bands per segment (128 by default). */
    public int melBands() {
        return frontEnd.melBands();
    }

    /**
     * @param track mono samples at the front end's rate
     * @return the track's segments (none when shorter than one segment)
     */
    public SegmentedTrack segment(float[] track) {
        int count = segments.segmentCount(track.length);
        int perSegment = frontEnd.melBands() * frames;
        float[] inputs = new float[count * perSegment];
        for (int s = 0; s < count; s++) {
            mel.melPower(track, s * segments.segmentSamples(), segments.segmentSamples(), inputs, s * perSegment);
        }
        float[] referenceDecibels = new float[count];
        boolean perTrack = segments.reference() != DecibelReference.SEGMENT_MAXIMUM;
        double trackMaximum = maximum(inputs, 0, inputs.length);
        for (int s = 0; s < count; s++) {
            int from = s * perSegment;
            double reference = switch (segments.reference()) {
                case TRACK_MAXIMUM -> trackMaximum;
                case SEGMENT_MAXIMUM -> maximum(inputs, from, from + perSegment);
                case UNIT -> 1.0;
            };
            referenceDecibels[s] = (float) (10 * Math.log10(Math.max(frontEnd.amin(), reference)));
            if (!perTrack) {
                PowerToDecibels.apply(inputs, from, from + perSegment, reference, frontEnd.amin(), frontEnd.topDb());
            }
        }
        if (perTrack && count > 0) {
            double reference = segments.reference() == DecibelReference.UNIT ? 1.0 : trackMaximum;
            PowerToDecibels.apply(inputs, 0, inputs.length, reference, frontEnd.amin(), frontEnd.topDb());
        }
        segments.mapping().toUnitInPlace(inputs, 0, inputs.length);
        return new SegmentedTrack(count, inputs, referenceDecibels);
    }

    private static double maximum(float[] values, int from, int to) {
        double max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, values[i]);
        }
        return max;
    }
}
