package org.advmusic.audio.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Tensor;

/**
 * Labelled samples kept as one flat float array on the CPU, with tensors made on request. Every
 * sample belongs to a track (its {@code trackIds} entry), so splits can keep tracks whole and
 * predictions can be aggregated per song.
 *
 * @param <D> the concrete data set type, returned by {@link #select}
 */
public interface LabeledDataset<D extends LabeledDataset<D>> {

    /** All samples, row-major (N, sampleShape...). */
    float[] data();

    /** The shape of one sample, e.g. (1, 128, 130) or (F). */
    int[] sampleShape();

    /** (N) class indices into {@link #classNames()}. */
    int[] labels();

    /** (N) the track each sample comes from. */
    String[] trackIds();

    /** Class names; label i is {@code classNames().get(i)}. */
    List<String> classNames();

    /** The samples at {@code indices}, in that order, as a new data set of the same kind. */
    D select(int[] indices);

    /** Number of samples N. */
    default int size() {
        return labels().length;
    }

    /** Values per sample. */
    default int sampleSize() {
        return Arrays.stream(sampleShape()).reduce(1, (a, b) -> a * b);
    }

    /** The samples of the given tracks, in data set order. */
    default D selectTracks(Set<String> tracks) {
        return select(indicesOfTracks(tracks));
    }

    /** Indices of the samples whose track is in {@code tracks}, ascending. */
    default int[] indicesOfTracks(Set<String> tracks) {
        String[] ids = trackIds();
        return java.util.stream.IntStream.range(0, ids.length).filter(i -> tracks.contains(ids[i])).toArray();
    }

    /** Sample indices grouped by track, in first-appearance order (for song-level aggregation). */
    default Map<String, int[]> samplesByTrack() {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        String[] ids = trackIds();
        for (int i = 0; i < ids.length; i++) {
            groups.computeIfAbsent(ids[i], k -> new ArrayList<>()).add(i);
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        groups.forEach((track, list) -> out.put(track, list.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    /** Samples per class. */
    default int[] classCounts() {
        int[] counts = new int[classNames().size()];
        for (int label : labels()) {
            counts[label]++;
        }
        return counts;
    }

    /** All samples as one tensor (N, sampleShape...) on {@code backend}. */
    default Tensor toTensor(Backend backend) {
        return Tensor.fromArray(backend, data(), shapeWithBatch(size()));
    }

    /** The samples at {@code indices} as a tensor (B, sampleShape...). */
    default Tensor batch(Backend backend, int[] indices) {
        int per = sampleSize();
        float[] values = new float[indices.length * per];
        for (int b = 0; b < indices.length; b++) {
            System.arraycopy(data(), indices[b] * per, values, b * per, per);
        }
        return Tensor.fromArray(backend, values, shapeWithBatch(indices.length));
    }

    /** The labels at {@code indices}. */
    default int[] labels(int[] indices) {
        int[] out = new int[indices.length];
        for (int b = 0; b < indices.length; b++) {
            out[b] = labels()[indices[b]];
        }
        return out;
    }

    /**
     * Sample indices cut into batches of {@code batchSize} (the last may be smaller), shuffled with
     * {@code seed} when {@code shuffle}.
     */
    default List<int[]> batches(int batchSize, boolean shuffle, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        int[] order = java.util.stream.IntStream.range(0, size()).toArray();
        if (shuffle) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < order.length; from += batchSize) {
            out.add(Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize)));
        }
        return out;
    }

    private int[] shapeWithBatch(int n) {
        int[] shape = new int[sampleShape().length + 1];
        shape[0] = n;
        System.arraycopy(sampleShape(), 0, shape, 1, sampleShape().length);
        return shape;
    }
}
