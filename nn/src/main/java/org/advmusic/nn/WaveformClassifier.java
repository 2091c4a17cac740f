package org.advmusic.nn;

import java.util.function.UnaryOperator;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Tensor;

/**
 * A segment model behind a differentiable front end, as a {@link Classifier} of whole tracks of raw
 * audio: {@code (N, samples)} waveforms in [-1, 1] to {@code (N, classes)} track scores, so every
 * attack runs on the waveform unchanged. The front end turns each track into its k segments' model
 * inputs (for log-mel spectrograms, {@code org.advmusic.audio.waveform.WaveformFrontEnd::modelInputs},
 * with the track-level dB reference inside the graph); the track's score is the sum of its segments'
 * log-probabilities, the song-level rule of {@link org.advmusic.nn.metrics.SongLevelAccuracy}, so the
 * prediction is the one the pipeline makes for the track (the segment's own for a one-segment track).
 *
 * <p>It lives in {@code nn}, beside {@link Classifier} and the song-level rule, and takes the front
 * end as a function so that {@code nn} still knows nothing of audio.
 */
public final class WaveformClassifier implements Classifier {
    private final UnaryOperator<Tensor> frontEnd;
    private final Classifier segmentModel;

    /**
     * @param frontEnd     (N, samples) -> (N k, ...) segment inputs, track-major, differentiable
     * @param segmentModel (N k, ...) -> (N k, classes)
     */
    public WaveformClassifier(UnaryOperator<Tensor> frontEnd, Classifier segmentModel) {
        this.frontEnd = frontEnd;
        this.segmentModel = segmentModel;
    }

    /**
     * @param tracks (N, samples) in [-1, 1]
     * @return (N, classes) summed segment log-probabilities
     * @throws IllegalArgumentException when a sample lies outside [-1, 1] or is not a number (naming the range found)
     */
    @Override
    public Tensor logits(Tensor tracks) {
        tracks.requireRank("waveform classifier", 2, "(tracks, samples)");
        requireFullScale(tracks);
        int n = tracks.dim(0);
        Tensor segmentLogits = segmentModel.logits(frontEnd.apply(tracks));
        if (segmentLogits.rank() != 2 || segmentLogits.dim(0) % n != 0) {
            throw new IllegalStateException("waveform classifier: the segment model returned " + segmentLogits.shape()
                    + " for " + n + " tracks; expected (tracks x segments, classes)");
        }
        int segments = segmentLogits.dim(0) / n;
        int classes = segmentLogits.dim(1);
        // (N k, C) -> (N, k, C) -> (N, C)
        return segmentLogits.logSoftmax(-1).reshape(n, segments, classes).sum(false, 1);
    }

    private static void requireFullScale(Tensor tracks) {
        double max;
        double min;
        try (var ignored = Autograd.noGrad()) {
            max = tracks.max(false).item();
            min = -tracks.neg().max(false).item();
        }
        if (!(min >= -1 && max <= 1)) {
            throw new IllegalArgumentException("waveform classifier: samples range over [" + min + ", " + max
                    + "]; expected waveforms in [-1, 1] (full scale)");
        }
    }
}
