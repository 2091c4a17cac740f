package org.advmusic.experiments.pipeline;

import java.util.List;
import org.advmusic.attacks.InputBox;
import org.advmusic.engine.Shape;
import org.advmusic.nn.checkpoint.InputNormalization;
import org.advmusic.nn.train.LabeledData;

/**
 * A data set ready for the models: three per-track splits as tensors on the run's backend, with
 * what the attacks and reports need to know about the inputs.
 *
 * @param source        where it came from (a data source name of the config)
 * @param classes       class names, index = label
 * @param inputShape    the shape of one sample, e.g. (1, 128, 130) or (53)
 * @param train         the training split
 * @param validation    the validation split
 * @param test          the test split
 * @param box           the valid range of every input element
 * @param decibelsPerUnit dB per unit of input (80 for log-mel in [-80, 0] dB mapped to [0, 1]), NaN for features
 * @param normalization how raw values were mapped into the box, recorded in checkpoints
 */
public record PreparedData(String source, List<String> classes, Shape inputShape, Split train, Split validation, Split test,
                           InputBox box, double decibelsPerUnit, InputNormalization normalization) {

    /**
     * One split.
     *
     * @param data     inputs (N, ...) and labels
     * @param trackIds the track of every sample (segments of one track share it), for song-level accuracy
     * @param tracks   number of distinct tracks
     * @param origins  where each spectrogram segment was cut from, or null (tabular data)
     */
    public record Split(LabeledData data, String[] trackIds, int tracks, SegmentOrigins origins) {
    }

    /**
     * The audio behind spectrogram segments, so attacked spectrograms can be made listenable.
     *
     * @param root           the folder the sources are relative to
     * @param sources        the audio file of each segment
     * @param segmentIndices which segment of its file each one is
     * @param segmentSamples samples per segment at the front end's sample rate
     * @param frontEnd       the front end that made the spectrograms from the audio
     */
    public record SegmentOrigins(java.nio.file.Path root, String[] sources, int[] segmentIndices, int segmentSamples,
                                 org.advmusic.audio.features.FrontEndSettings frontEnd) {
    }

    /** Whether the inputs are spectrograms (N, 1, mels, frames). */
    public boolean spectrograms() {
        return inputShape.rank() == 3;
    }
}
