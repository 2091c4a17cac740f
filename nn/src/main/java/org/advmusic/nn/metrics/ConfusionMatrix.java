package org.advmusic.nn.metrics;

/**
 * Counts of (actual class, predicted class) pairs, and the metrics derived from them. Conventions
 * (as scikit-learn with {@code zero_division=0}): a precision, recall or F1 whose denominator is zero
 * is 0; the macro F1 averages over the classes that occur as an actual or a predicted class.
 */
public final class ConfusionMatrix {
    private final long[][] counts;

    /** An empty matrix for {@code classes} classes. */
    public ConfusionMatrix(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("confusion matrix: " + classes + " classes, expected at least 1");
        }
        counts = new long[classes][classes];
    }

    /** The matrix of paired actual and predicted labels. */
    public static ConfusionMatrix of(int[] actual, int[] predicted, int classes) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("confusion matrix: " + actual.length + " labels but "
                    + predicted.length + " predictions");
        }
        ConfusionMatrix m = new ConfusionMatrix(classes);
        for (int i = 0; i < actual.length; i++) {
            m.add(actual[i], predicted[i]);
        }
        return m;
    }

    /** Counts one sample. */
    public void add(int actual, int predicted) {
        int classes = classes();
        if (actual < 0 || actual >= classes || predicted < 0 || predicted >= classes) {
            throw new IllegalArgumentException("confusion matrix: actual " + actual + ", predicted " + predicted
                    + "; expected classes in [0, " + classes + ")");
        }
        counts[actual][predicted]++;
    }

    /** The number of classes. */
    public int classes() {
        return counts.length;
    }

    /** Samples of class {@code actual} predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** A copy of the counts, rows = actual class, columns = predicted class. */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** Number of samples counted. */
    public long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    /** Fraction of samples on the diagonal (0 for an empty matrix). */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        return ratio(correct, total());
    }

    /** Of the samples predicted as {@code c}, the fraction that are {@code c}. */
    public double precision(int c) {
        return ratio(counts[c][c], predictedAs(c));
    }

    /** Of the samples of class {@code c}, the fraction predicted as {@code c}. */
    public double recall(int c) {
        return ratio(counts[c][c], actually(c));
    }

    /** The accuracy on the samples of class {@code c} (which is its recall). */
    public double classAccuracy(int c) {
        return recall(c);
    }

    /** The harmonic mean of precision and recall of class {@code c}. */
    public double f1(int c) {
        return ratio(2 * counts[c][c], actually(c) + predictedAs(c));
    }

    /** The mean F1 over the classes that occur as an actual or a predicted class. */
    public double macroF1() {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < counts.length; c++) {
            if (actually(c) + predictedAs(c) > 0) {
                sum += f1(c);
                present++;
            }
        }
        return present == 0 ? 0 : sum / present;
    }

    private long actually(int c) {
        long n = 0;
        for (long v : counts[c]) {
            n += v;
        }
        return n;
    }

    private long predictedAs(int c) {
        long n = 0;
        for (long[] row : counts) {
            n += row[c];
        }
        return n;
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
