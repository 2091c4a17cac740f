package org.advmusic.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.metrics.SongLevelAccuracy;
import org.junit.jupiter.api.Test;

/**
 * A waveform classifier with a stand-in front end (each track of 3 x 4 samples cut into 3 segments of
 * 4) and a linear segment model: its scores are the summed segment log-probabilities, its predictions
 * the song-level rule's, its gradient reaches the waveform, and it refuses samples outside [-1, 1].
 */
class WaveformClassifierTest {
    private final Backend r = Backends.reference();
    private final Tensor weights = Tensor.uniform(r, 3, Shape.of(4, 5), -1, 1);
    private final Classifier segmentModel = x -> x.matmul(weights);
    private final WaveformClassifier classifier = new WaveformClassifier(t -> t.reshape(t.dim(0) * 3, 4), segmentModel);

    @Test
    void scoresAreSummedSegmentLogProbabilitiesAndPredictTheSongLevelClass() {
        Tensor tracks = Tensor.uniform(r, 4, Shape.of(6, 12), -1, 1);
        double[] scores;
        double[] segmentLogProbabilities;
        try (var ignored = Autograd.noGrad()) {
            scores = classifier.logits(tracks).toDoubleArray();
            segmentLogProbabilities = segmentModel.logits(tracks.reshape(18, 4)).logSoftmax(-1).toDoubleArray();
        }
        double[][] rows = new double[18][5];
        int[] labels = new int[18];
        String[] ids = new String[18];
        for (int s = 0; s < 18; s++) {
            System.arraycopy(segmentLogProbabilities, s * 5, rows[s], 0, 5);
            ids[s] = "track" + s / 3;
        }
        SongLevelAccuracy.Result songs = SongLevelAccuracy.evaluate(rows, labels, ids);
        for (int t = 0; t < 6; t++) {
            int best = 0;
            for (int c = 0; c < 5; c++) {
                double expected = rows[3 * t][c] + rows[3 * t + 1][c] + rows[3 * t + 2][c];
                assertEquals(expected, scores[t * 5 + c], 1e-12);
                best = scores[t * 5 + c] > scores[t * 5 + best] ? c : best;
            }
            assertEquals(songs.tracks().get(t).byLogProbability(), best, "track " + t);
        }
    }

    @Test
    void theGradientReachesTheWaveform() {
        Tensor tracks = Tensor.uniform(r, 5, Shape.of(2, 12), -1, 1).requiresGrad(true);
        Tensor gradient = Autograd.grad(classifier.logits(tracks).sum(false, 0).narrow(0, 1, 1).sum(), tracks)[0];
        double norm = 0;
        for (double v : gradient.toDoubleArray()) {
            norm += v * v;
        }
        assertTrue(norm > 0);
    }

    @Test
    void refusesSamplesOutsideFullScale() {
        Tensor loud = Tensor.full(r, Shape.of(1, 12), 0.5).add(Tensor.fromArray(r, new double[] {0.75}, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> classifier.logits(loud));
        assertTrue(e.getMessage().contains("1.25") && e.getMessage().contains("[-1, 1]"), e.getMessage());
    }
}
