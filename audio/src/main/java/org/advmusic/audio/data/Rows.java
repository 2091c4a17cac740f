package org.advmusic.audio.data;

import java.util.List;
import java.util.TreeSet;

/** Row helpers shared by the data set records and the table loaders: selection, checks, label columns. */
final class Rows {
    private Rows() {
    }

    /** Rows {@code indices} of a (N, width) array. */
    static float[] select(float[] values, int width, int[] indices) {
        float[] out = new float[indices.length * width];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * width, out, i * width, width);
        }
        return out;
    }

    static int[] select(int[] values, int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }

    static String[] select(String[] values, int[] indices) {
        String[] out = new String[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }

    /** Checks that an array has the {@code expected} number of entries for the samples. */
    static void requireLength(String what, int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException(what + " has " + length + " entries; the samples need " + expected);
        }
    }

    /** Sorted distinct names of a label column. */
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

    /** A list of integers as an array. */
    static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
