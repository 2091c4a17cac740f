package org.advmusic.audio.data;

import java.util.List;
import java.util.TreeSet;

/** Helpers of the table loaders: class names from a label column (sorted), label indices, flat arrays. */
final class TableRows {
    private TableRows() {
    }

    /** @return sorted distinct names */
    static List<String> classNames(List<String> rowLabels) {
        return List.copyOf(new TreeSet<>(rowLabels));
    }

    /** Label index of every row into {@code classNames}. */
    static int[] labels(List<String> rowLabels, List<String> classNames) {
        int[] labels = new int[rowLabels.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classNames.indexOf(rowLabels.get(i));
        }
        return labels;
    }

    /** Rows of floats into one (N, F) array. */
    static float[] flatten(List<float[]> rows, int width) {
        float[] out = new float[rows.size() * width];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, out, i * width, width);
        }
        return out;
    }

    static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
