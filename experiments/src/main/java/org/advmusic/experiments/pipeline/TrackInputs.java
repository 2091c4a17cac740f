package org.advmusic.experiments.pipeline;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import org.advmusic.audio.features.FrontEndSettings;
import org.advmusic.audio.features.LogMelSegmenter;
import org.advmusic.audio.features.SegmentSettings;
import org.advmusic.audio.features.SegmentedTrack;
import org.advmusic.audio.io.AudioFileException;
import org.advmusic.audio.io.WavReader;

/**
 * The model inputs of one track, computed where the track is attacked (an executor): the same front
 * end and segmentation as the single-machine loader ({@code ClassFolderLoader.defaults()} with the
 * config's segments per track), so the inputs are identical.
 *
 * @param track    the track
 * @param segments number of segments (0 when the track failed to load)
 * @param melBands rows of one segment
 * @param frames   columns of one segment
 * @param values   (segments, 1, melBands, frames) log-mel inputs in [0, 1], row-major
 * @param problem  why the track could not be used, or null
 */
public record TrackInputs(AttackTrack track, int segments, int melBands, int frames, float[] values, String problem)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Reads and segments {@code track}; a file that cannot be read or is too short gives a problem, not an exception. */
    public static TrackInputs compute(AttackTrack track, int maxSegmentsPerTrack) {
        FrontEndSettings frontEnd = FrontEndSettings.librosaDefaults();
        SegmentSettings defaults = SegmentSettings.defaults();
        SegmentSettings settings = new SegmentSettings(defaults.segmentSamples(), maxSegmentsPerTrack, defaults.reference(),
                defaults.mapping());
        LogMelSegmenter segmenter = new LogMelSegmenter(frontEnd, settings);
        float[] samples;
        try {
            samples = WavReader.readMono(Path.of(track.file()), frontEnd.sampleRate());
        } catch (AudioFileException e) {
            return failed(track, e.reason());
        } catch (IOException e) {
            return failed(track, "cannot read: " + e);
        }
        SegmentedTrack segmented = segmenter.segment(samples);
        if (segmented.segments() == 0) {
            return failed(track, String.format(java.util.Locale.ROOT, "%.2f s is shorter than one %.2f s segment",
                    samples.length / (double) frontEnd.sampleRate(), settings.segmentSamples() / (double) frontEnd.sampleRate()));
        }
        return new TrackInputs(track, segmented.segments(), segmenter.melBands(), segmenter.frames(), segmented.inputs(), null);
    }

    private static TrackInputs failed(AttackTrack track, String reason) {
        return new TrackInputs(track, 0, 0, 0, new float[0], reason);
    }

    /** Whether the track loaded. */
    public boolean usable() {
        return problem == null;
    }
}
