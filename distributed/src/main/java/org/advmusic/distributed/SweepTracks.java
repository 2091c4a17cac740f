package org.advmusic.distributed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.experiments.pipeline.AttackSubset;
import org.advmusic.experiments.pipeline.PreparedData;

/**
 * The test tracks a sweep attacks. The unit of sharding is a track (never a segment), so the subset
 * of {@code attacks.samples} segments is drawn as whole tracks: a seeded choice of tracks holding at
 * least that many segments (all of them when there are fewer), in test-split order.
 */
public final class SweepTracks {
    private SweepTracks() {
    }

    /**
     * @param test    the test split of spectrogram segments (with their origins)
     * @param samples the number of segments to attack
     * @param seed    the master seed
     */
    public static List<SweepTrack> select(PreparedData.Split test, int samples, long seed) {
        if (test.origins() == null) {
            throw new SweepException("a sweep attacks audio tracks; the data set has tabular features only (use"
                    + " data.source synthetic, gtzan or irmas with a spectrogram model)");
        }
        Map<String, SweepTrack> tracks = new LinkedHashMap<>();
        Map<String, Integer> segments = new LinkedHashMap<>();
        for (int i = 0; i < test.trackIds().length; i++) {
            String id = test.trackIds()[i];
            tracks.putIfAbsent(id, new SweepTrack(id, test.data().labels()[i],
                    test.origins().root().resolve(test.origins().sources()[i]).toAbsolutePath().toString()));
            segments.merge(id, 1, Integer::sum);
        }
        List<SweepTrack> all = new ArrayList<>(tracks.values());
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
        List<SweepTrack> selected = new ArrayList<>();
        for (int index : AttackSubset.rows(all.size(), low, seed)) {
            selected.add(all.get(index));
        }
        return selected;
    }

    private static int segmentsOf(int[] rows, List<SweepTrack> all, Map<String, Integer> segments) {
        int total = 0;
        for (int index : rows) {
            total += segments.get(all.get(index).track());
        }
        return total;
    }

    /**
     * The selected tracks' inputs as the single-machine loader made them (the reference a sweep's
     * executor-side features must equal).
     */
    public static List<TrackFeatures> featuresOf(PreparedData.Split test, List<SweepTrack> tracks) {
        int[] shape = test.data().sampleShape().dims(); // (1, mels, frames)
        int perSegment = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] all = test.data().inputs().toFloatArray();
        List<TrackFeatures> features = new ArrayList<>();
        for (SweepTrack t : tracks) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < test.trackIds().length; i++) {
                if (test.trackIds()[i].equals(t.track())) {
                    rows.add(i);
                }
            }
            float[] values = new float[rows.size() * perSegment];
            for (int k = 0; k < rows.size(); k++) {
                System.arraycopy(all, rows.get(k) * perSegment, values, k * perSegment, perSegment);
            }
            features.add(new TrackFeatures(t, rows.size(), shape[1], shape[2], values, null));
        }
        return features;
    }
}
