package org.advmusic.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SongLevelAccuracyTest {

    private static double[] logs(double... probabilities) {
        double[] out = new double[probabilities.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.log(probabilities[i]);
        }
        return out;
    }

    @Test
    void summedLogProbabilitiesAndMajorityVoteCanDisagree() {
        // track "a" (class 0): two weak votes for 1, one very confident segment for 0
        // track "b" (class 1): all segments favour 1
        double[][] scores = {
            logs(0.45, 0.55), logs(0.45, 0.55), logs(0.99, 0.01),
            logs(0.2, 0.8), logs(0.3, 0.7)};
        int[] labels = {0, 0, 0, 1, 1};
        String[] tracks = {"a", "a", "a", "b", "b"};

        SongLevelAccuracy.Result result = SongLevelAccuracy.evaluate(scores, labels, tracks);

        assertEquals(1.0, result.logProbabilityAccuracy());
        assertEquals(0.5, result.majorityVoteAccuracy());
        assertEquals(new SongLevelAccuracy.TrackPrediction("a", 0, 3, 0, 1), result.tracks().get(0));
    }

    @Test
    void aTiedVoteGoesToTheClassWithTheLargerSummedLogProbability() {
        double[][] scores = {logs(0.9, 0.1), logs(0.4, 0.6)};
        SongLevelAccuracy.Result result = SongLevelAccuracy.evaluate(scores, new int[] {0, 0}, new String[] {"t", "t"});
        assertEquals(0, result.tracks().get(0).byMajorityVote());
    }

    @Test
    void segmentsOfOneTrackWithDifferentLabelsAreReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SongLevelAccuracy.evaluate(
                new double[][] {logs(0.5, 0.5), logs(0.5, 0.5)}, new int[] {0, 1}, new String[] {"x", "x"}));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    }
}
