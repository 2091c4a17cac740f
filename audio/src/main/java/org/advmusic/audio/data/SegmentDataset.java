package org.advmusic.audio.data;

import java.util.List;
import org.advmusic.audio.dsp.DecibelMapping;
import org.advmusic.audio.features.FrontEndSettings;
import org.advmusic.audio.features.SegmentSettings;

/**
 * Log-mel model inputs, one per segment: (N, 1, melBands, frames), values in [0, 1] (the fixed
 * {@link #decibelMapping()} of dB). Each sample knows its track, source file and segment index, so
 * its waveform can be found again (samples {@code [segment * segmentSamples, +segmentSamples)} of
 * {@code root.resolve(source)} at the front end's rate).
 *
 * @param data              (N, 1, melBands, frames) row-major
 * @param melBands          rows per sample (128)
 * @param frames            columns per sample (130)
 * @param labels            (N) class indices
 * @param trackIds          (N) track of each sample (by default the source's relative path)
 * @param sources           (N) the source file, relative to {@code root}, '/'-separated
 * @param segmentIndices    (N) the segment's index in its source
 * @param referenceDecibels (N) the dB level of the power that is 0 dB for this sample
 *                          ({@code 10 log10(max(amin, ref))})
 * @param classNames        class names in label order
 * @param frontEnd          the spectral settings
 * @param segmentSettings   segment length, dB reference and mapping
 * @param root              the folder the sources are relative to
 */
public record SegmentDataset(float[] data, int melBands, int frames, int[] labels, String[] trackIds, String[] sources,
                             int[] segmentIndices, float[] referenceDecibels, List<String> classNames,
                             FrontEndSettings frontEnd, SegmentSettings segmentSettings, String root)
        implements LabeledDataset<SegmentDataset> {

    public SegmentDataset {
        int n = labels.length;
        Rows.requireLength("data (values)", data.length, n * melBands * frames);
        Rows.requireLength("trackIds", trackIds.length, n);
        Rows.requireLength("sources", sources.length, n);
        Rows.requireLength("segmentIndices", segmentIndices.length, n);
        Rows.requireLength("referenceDecibels", referenceDecibels.length, n);
        classNames = List.copyOf(classNames);
    }

    @Override
    public int[] sampleShape() {
        return new int[] {1, melBands, frames};
    }

    /** The dB -> [0, 1] map of the inputs (convert epsilons with {@link DecibelMapping#epsilonToDecibels}). */
    public DecibelMapping decibelMapping() {
        return segmentSettings.mapping();
    }

    @Override
    public SegmentDataset select(int[] indices) {
        float[] refs = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            refs[i] = referenceDecibels[indices[i]];
        }
        return new SegmentDataset(Rows.select(data, melBands * frames, indices), melBands, frames,
                Rows.select(labels, indices), Rows.select(trackIds, indices), Rows.select(sources, indices),
                Rows.select(segmentIndices, indices), refs, classNames, frontEnd, segmentSettings, root);
    }

    /** The same samples with other track ids (e.g. grouping IRMAS excerpts of one recording). */
    public SegmentDataset withTrackIds(String[] newTrackIds) {
        return new SegmentDataset(data, melBands, frames, labels, newTrackIds, sources, segmentIndices,
                referenceDecibels, classNames, frontEnd, segmentSettings, root);
    }
}
