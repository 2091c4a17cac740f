package org.advmusic.experiments.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test tracks the robustness grid attacks (the stage's and a sweep's). The unit of work and of a
 * sweep's sharding is a track (never a segment), so the subset
 * of {@code attacks.samples} segments is drawn as whole tracks: a seeded choice of tracks holding at
 * least that many segments (all of them when there are fewer), in test-split order.
 */
public final class AttackTracks {
    private AttackTracks() {
    }

    /**
     * @param test    the test split of spectrogram segments (with their origins)
     * @param samples the number of segments to attack
     * @param seed    the master seed
     */
    public static List<AttackTrack> select(PreparedData.Split test, int samples, long seed) {
        if (test.origins() == null) {
            throw new IllegalArgumentException("the attacks run per audio track; the data set has tabular features only"
                    + " (use data.source synthetic, gtzan or irmas with a spectrogram model)");
        }
        Map<String, AttackTrack> tracks = new LinkedHashMap<>();
        Map<String, Integer> segments = new LinkedHashMap<>();
        for (int i = 0; i < test.trackIds().length; i++) {
            String id = test.trackIds()[i];
            tracks.putIfAbsent(id, new AttackTrack(id, test.data().labels()[i],
                    test.origins().root().resolve(test.origins().sources()[i]).toAbsolutePath().toString()));
            segments.merge(id, 1, Integer::sum);
        }
        List<AttackTrack> all = new ArrayList<>(tracks.values());
        // AttackSubset's first k rows grow with k (prefixes of one seeded permutation): find the smallest k
        // whose tracks hold at least `samples` segments.
        int low = 1;
        int high = all.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (segmentsOf(AttackSubset.rows(all.size(), middle, seed), all, segments) >= samples) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        List<AttackTrack> selected = new ArrayList<>();
        for (int index : AttackSubset.rows(all.size(), low, seed)) {
            selected.add(all.get(index));
        }
        return selected;
    }

    private static int segmentsOf(int[] rows, List<AttackTrack> all, Map<String, Integer> segments) {
        int total = 0;
        for (int index : rows) {
            total += segments.get(all.get(index).track());
        }
        return total;
    }

    /** The split's rows of the tracks' segments: track by track in the given order, each track's segments in order. */
    public static int[] rowsOf(PreparedData.Split test, List<AttackTrack> tracks) {
        Map<String, List<Integer>> byTrack = new LinkedHashMap<>();
        tracks.forEach(t -> byTrack.put(t.track(), new ArrayList<>()));
        for (int i = 0; i < test.trackIds().length; i++) {
            List<Integer> rows = byTrack.get(test.trackIds()[i]);
            if (rows != null) {
                rows.add(i);
            }
        }
        return byTrack.values().stream().flatMap(List::stream).mapToInt(Integer::intValue).toArray();
    }

    /**
     * The selected tracks' inputs as the single-machine loader made them (what the robustness stage
     * attacks; a sweep's executors compute the same from the audio files).
     */
    public static List<TrackInputs> featuresOf(PreparedData.Split test, List<AttackTrack> tracks) {
        int[] shape = test.data().sampleShape().dims(); // (1, mels, frames)
        int perSegment = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] all = test.data().inputs().toFloatArray();
        List<TrackInputs> features = new ArrayList<>();
        for (AttackTrack t : tracks) {
            int[] rows = rowsOf(test, List.of(t));
            float[] values = new float[rows.length * perSegment];
            for (int k = 0; k < rows.length; k++) {
                System.arraycopy(all, rows[k] * perSegment, values, k * perSegment, perSegment);
            }
            features.add(new TrackInputs(t, rows.length, shape[1], shape[2], values, null));
        }
        return features;
    }
}
