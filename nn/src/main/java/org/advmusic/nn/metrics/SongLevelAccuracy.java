package org.advmusic.nn.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Track ("song") level evaluation of a segment classifier: the segments of a track are classified
 * together, either by summing their log-probabilities (the product of the segment probabilities)
 * or by a majority vote of the segment predictions; a tied vote goes to the tied class with the
 * larger summed log-probability.
 */
public final class SongLevelAccuracy {
    private SongLevelAccuracy() {
    }

    /**
     * One track's outcome.
     *
     * @param trackId         the track
     * @param label           its class
     * @param segments        how many segments it has
     * @param byLogProbability the class with the largest summed log-probability
     * @param byMajorityVote  the class most segments predict
     */
    public record TrackPrediction(String trackId, int label, int segments, int byLogProbability, int byMajorityVote) {
    }

    /**
     * Both accuracies over tracks, and the per-track predictions in order of first appearance.
     *
     * @param logProbabilityAccuracy fraction of tracks right by summed log-probabilities
     * @param majorityVoteAccuracy   fraction of tracks right by majority vote
     */
    public record Result(double logProbabilityAccuracy, double majorityVoteAccuracy, List<TrackPrediction> tracks) {
    }

    /**
     * @param logProbabilities per segment, the log-probability of every class
     * @param labels           per segment, its track's class
     * @param trackIds         per segment, its track's id
     * @throws IllegalArgumentException when the lengths differ, the data is empty, or a track's
     *                                  segments disagree about its label (naming the track)
     */
    public static Result evaluate(double[][] logProbabilities, int[] labels, String[] trackIds) {
        if (logProbabilities.length != labels.length || labels.length != trackIds.length || labels.length == 0) {
            throw new IllegalArgumentException("song-level accuracy: " + logProbabilities.length + " score rows, "
                    + labels.length + " labels and " + trackIds.length + " track ids; expected the same positive number");
        }
        int classes = logProbabilities[0].length;
        Map<String, double[]> summed = new LinkedHashMap<>();
        Map<String, int[]> votes = new LinkedHashMap<>();
        Map<String, Integer> trackLabels = new LinkedHashMap<>();
        Map<String, Integer> segments = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            String id = trackIds[i];
            Integer known = trackLabels.putIfAbsent(id, labels[i]);
            if (known != null && known != labels[i]) {
                throw new IllegalArgumentException("song-level accuracy: track '" + id + "' has segments labelled "
                        + known + " and " + labels[i]);
            }
            if (logProbabilities[i].length != classes) {
                throw new IllegalArgumentException("song-level accuracy: segment " + i + " has "
                        + logProbabilities[i].length + " scores, expected " + classes);
            }
            double[] sum = summed.computeIfAbsent(id, k -> new double[classes]);
            for (int c = 0; c < classes; c++) {
                sum[c] += logProbabilities[i][c];
            }
            votes.computeIfAbsent(id, k -> new int[classes])[Metrics.argmax(logProbabilities[i])]++;
            segments.merge(id, 1, Integer::sum);
        }
        List<TrackPrediction> tracks = new ArrayList<>();
        int rightBySum = 0;
        int rightByVote = 0;
        for (String id : trackLabels.keySet()) {
            double[] sum = summed.get(id);
            int bySum = Metrics.argmax(sum);
            int byVote = majority(votes.get(id), sum);
            int label = trackLabels.get(id);
            rightBySum += bySum == label ? 1 : 0;
            rightByVote += byVote == label ? 1 : 0;
            tracks.add(new TrackPrediction(id, label, segments.get(id), bySum, byVote));
        }
        return new Result((double) rightBySum / tracks.size(), (double) rightByVote / tracks.size(), tracks);
    }

    private static int majority(int[] votes, double[] summedLogProbabilities) {
        int best = 0;
        for (int c = 1; c < votes.length; c++) {
            if (votes[c] > votes[best] || votes[c] == votes[best] && summedLogProbabilities[c] > summedLogProbabilities[best]) {
                best = c;
            }
        }
        return best;
    }
}
