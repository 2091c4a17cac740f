package org.advmusic.nn.metrics;

/** Plain classification metrics on arrays of labels and scores. */
public final class Metrics {
    private Metrics() {
    }

    /** Fraction of positions where {@code predicted} equals {@code actual}. */
    public static double accuracy(int[] actual, int[] predicted) {
        if (actual.length == 0) {
            throw new IllegalArgumentException("accuracy: no labels");
        }
        return (double) correct(actual, predicted) / actual.length;
    }

    /** Number of positions where {@code predicted} equals {@code actual}. */
    public static int correct(int[] actual, int[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " labels but " + predicted.length + " predictions");
        }
        int correct = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] == predicted[i]) {
                correct++;
            }
        }
        return correct;
    }

    /** The index of the largest score of every row (the first one on ties). */
    public static int[] argmaxRows(double[][] scores) {
        int[] out = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = argmax(scores[i]);
        }
        return out;
    }

    /** The index of the largest value (the first one on ties). */
    public static int argmax(double[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        return best;
    }
}
